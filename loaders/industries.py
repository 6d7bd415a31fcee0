"""Industries named in a plan, with their tier and a canonical name."""

from __future__ import annotations

from plankg.loaders.records import IndustryMention


def extract_industries(
    paragraphs: list[tuple[int, str]], *, period: tuple[int | None, int | None] = (None, None)
) -> list[IndustryMention]:
    return []
