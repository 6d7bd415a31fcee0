"""Format readers: bytes of one kind of file → text lines the plan parser reads.

Every reader returns an `Extracted`: lines (one paragraph per line), the encoding
used where the format has one, and notes on anything the reader had to decide
(a detected charset, a dropped page header). Tables from Word and HTML become one
line per row, cells joined by a TAB, the first cell first; a vertically merged
cell's continuation rows give an empty cell, a horizontally merged cell is given
once, and multi-line text inside a cell is joined without a newline.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass
class Extracted:
    lines: list[str]
    encoding: str
    notes: list[str] = field(default_factory=list)


# Whitespace that indents Chinese documents (full-width space, no-break space) is
# not content: a line is compared and parsed without it.
_EDGE_SPACE = " \t\r\n\u3000\u00a0\u2002\u2003\u200b\ufeff"
_INNER_BREAKS = re.compile(r"[\r\n\u2028\u2029\v\f]+")


def clean_line(text: str) -> str:
    return text.strip(_EDGE_SPACE)


def cell_text(parts: list[str]) -> str:
    """One table cell's text: its paragraphs joined without a newline, TABs (the
    cell separator) turned into spaces. Owner cells often list one body per
    paragraph: where every paragraph names a body, they are joined with 、 so the
    units stay apart."""
    from plankg.loaders.tasktables import looks_like_units

    texts = [t for t in (clean_line(_INNER_BREAKS.sub("", p)) for p in parts) if t]
    sep = "、" if len(texts) > 1 and all(looks_like_units(t) for t in texts) else ""
    text = sep.join(texts)
    return clean_line(text.replace("\t", " "))


def table_lines(rows: list[list[str]]) -> list[str]:
    """Rows of cells (already in contract shape) → TAB-joined lines; rows with no
    text at all are dropped, as blank table rows carry nothing."""
    return ["\t".join(cells) for cells in rows if any(c for c in cells)]


@cache
def layout_rules() -> dict:
    """Page-layout vocabulary kept as data: where government pages put the article,
    what counts as navigation, how page numbers are written."""
    with resources.files("plankg.loaders.formats").joinpath("data/layout.toml").open("rb") as f:
        return tomllib.load(f)
