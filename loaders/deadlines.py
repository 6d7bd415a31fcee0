"""Deadlines as plans write them (完成时限 / 时间进度) → a date, a year, an open term.

`6月底前` in a 2026 plan is 2026-06-30, `三季度` 2026-09-30, `2027年12月底前`
2027-12-31, `2026年至2028年` ends 2028-12-31; `持续推进` and `长期坚持` name no date
and are kept as a term. Where a text names several dates (`6月底前出台方案，年底前
建成`), the latest is the deadline: the task is done when its last step is. The
vocabulary (parts of the year, open terms, relative years) is data:
`data/deadlines.toml`.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from plankg.loaders.datafiles import data_file
from plankg.loaders.records import Deadline
from plankg.loaders.text import CN_NUM, cn_number, width_fold


@lru_cache(maxsize=1)
def _data() -> dict:
    return data_file("deadlines.toml")


@lru_cache(maxsize=1)
def _token() -> re.Pattern:
    d = _data()
    periods = "|".join(sorted(map(re.escape, d["periods"]), key=len, reverse=True))
    parts = "|".join(sorted(map(re.escape, d["month_parts"]), key=len, reverse=True))
    relative = "|".join(sorted(map(re.escape, d["relative_years"]), key=len, reverse=True))
    return re.compile(
        # a year; its 年 is left to a following period word (`2026年底`)
        rf"(?P<year>(?:19|20)\d{{2}})(?:年(?!底|末|内|中))?(?P<since>起|开始|以来|以后)?"
        rf"|(?P<month>1[0-2]|0?[1-9]|[{CN_NUM}]{{1,3}})月份?(?:(?P<day>[0-3]?\d)[日号]|(?P<part>{parts}))?"
        rf"|(?P<period>{periods})"
        rf"|(?P<relative>{relative})"
    )


_DASHES = re.compile(r"[—–－~～‐‑]+")


def _clean(text: str) -> str:
    s = width_fold(re.sub(r"\s+", "", text))
    return _DASHES.sub("-", s)


def _month_end(year: int, month: int, day: int) -> str:
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{min(day, last):02d}"


def names_year(text: str) -> bool:
    """Whether the text fixes its own year (`2026年6月底前`, `明年`), rather than
    leaving it to the plan's year (`6月底前`)."""
    for m in _token().finditer(_clean(text)):
        if (m.group("year") and not m.group("since")) or m.group("relative"):
            return True
    return False


def open_term(text: str) -> str | None:
    """The open term a text names (`持续推进`, `长期坚持`), longest first."""
    s = _clean(text)
    for term in sorted(_data()["open_terms"]["terms"], key=len, reverse=True):
        if term in s:
            return term
    return None


def parse_deadline(text: str | None, plan_year: int | None) -> Deadline | None:
    """A deadline cell or phrase read against the plan year (the year a bare `6月底前`
    falls in). None for empty text; otherwise a Deadline that always keeps the text as
    written, with the latest date it names and any open term."""
    if text is None or not text.strip():
        return None
    written = re.sub(r"\s+", " ", text).strip()
    s = _clean(text)
    d = _data()
    dates: list[str] = []
    year = plan_year
    year_pending = False  # a year named but not yet used by a month or a period

    def flush() -> None:
        nonlocal year_pending
        if year_pending and year is not None:
            dates.append(f"{year:04d}-12-31")
        year_pending = False

    for m in _token().finditer(s):
        if m.group("year"):
            flush()
            year = int(m.group("year"))
            # `2026年起持续推进` names when work starts, not when it is due
            year_pending = not m.group("since")
        elif m.group("relative"):
            flush()
            base = plan_year
            year = base + d["relative_years"][m.group("relative")] if base is not None else None
            year_pending = True
        elif m.group("month"):
            raw = m.group("month")
            month = int(raw) if raw.isdigit() else cn_number(raw)
            year_pending = False
            if month is None or not 1 <= month <= 12 or year is None:
                continue
            if m.group("day"):
                day = int(m.group("day"))
            elif m.group("part"):
                day = d["month_parts"][m.group("part")]
            else:
                day = 31  # `9月`: by the end of September
            if 1 <= day <= 31:
                dates.append(_month_end(year, month, day))
        elif m.group("period"):
            year_pending = False
            if year is not None:
                dates.append(f"{year:04d}-{d['periods'][m.group('period')]}")
    flush()
    date = max(dates) if dates else None
    return Deadline(
        text=written,
        date=date,
        year=int(date[:4]) if date else None,
        term=open_term(s),
    )
