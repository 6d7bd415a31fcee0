"""Quantitative targets in goal and task text."""

from __future__ import annotations

from plankg.loaders.records import Target


def extract_targets(
    text: str, *, line: int | None = None, period: tuple[int | None, int | None] = (None, None)
) -> list[Target]:
    """Every quantitative target in a paragraph of goal or task text."""
    return []
