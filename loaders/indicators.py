"""Indicator tables (目标体系 / 指标体系) and canonical indicator names."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawIndicatorRow:
    number: int | None
    category: str | None
    name: str
    unit: str | None
    targets: dict[str, float | str | None]
    responsible_text: str
    line: int


@dataclass
class IndicatorTable:
    start_line: int  # 1-based, inclusive, title line included
    end_line: int
    rows: list[RawIndicatorRow] = field(default_factory=list)


def find_indicator_tables(lines: list[str]) -> list[IndicatorTable]:
    return []


def canonical_indicator(name: str) -> str:
    return name
