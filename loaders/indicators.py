"""Indicator tables (目标体系 / 指标体系) and canonical indicator names.

Plans print their indicator table in three shapes once extracted to text, all read
here into the same rows:

- flattened, one cell per line (Word/PDF extraction): cells usually start with a tab,
  rows are separated by blank lines, a merged category cell is written only on its
  first row, the header may repeat mid-table and a header cell may be split over two
  lines (`2026年` ⏎ ⏎ `目标`);
- tab-separated, one row per line (also what Word/HTML tables become in `sources`);
- Markdown pipe tables (`| 序号 | 指标名称 | … |`).

Header words, units, "no value" marks and indicator synonyms are data
(`data/indicators.toml`), so that a new plan needs a data line, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from plankg.loaders.datafiles import data_file
from plankg.loaders.text import PAGE_NUMBER, PIPE_SEPARATOR, cn_number, squash, table_title_line


@dataclass
class RawIndicatorRow:
    number: int | None
    category: str | None
    name: str
    unit: str | None
    targets: dict[str, float | str | None]  # year (or target column text) → value
    responsible_text: str
    line: int  # 1-based line of the row's first cell
    baseline: dict[str, float | str | None] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)  # other columns (属性 …) by header text
    attribute: str | None = None  # 属性: 约束性 / 预期性
    comparators: dict[str, str] = field(default_factory=dict)  # target cells other than "=" (`≥65`)
    value_max: dict[str, float] = field(default_factory=dict)  # upper ends of ranges (`3-5`)
    baseline_comparators: dict[str, str] = field(default_factory=dict)
    baseline_value_max: dict[str, float] = field(default_factory=dict)


@dataclass
class IndicatorTable:
    start_line: int  # 1-based, inclusive, title line included
    end_line: int  # 1-based, inclusive
    rows: list[RawIndicatorRow] = field(default_factory=list)
    title: str | None = None


@lru_cache(maxsize=1)
def _data() -> dict:
    return data_file("indicators.toml")


_YEAR_COL = re.compile(r"^(20\d{2}|19\d{2})(.*)$")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_INT = re.compile(r"^\d{1,3}$")
_TRAILING_BRACKET = re.compile(r"[（(]([^（）()]*)[）)]\s*$")



# ---------------------------------------------------------------- header cells


def _column_kind(cell: str) -> tuple[str, str | None] | None:
    """What a header cell names: (kind, key). Kinds: category, number, name, unit,
    responsible, attribute, target, baseline. For target/baseline the key is the year
    (`"2026"`) or, for a yearless column, the header text."""
    h = _data()["header"]
    text = squash(cell).replace("（", "(").replace("）", ")")
    plain = re.sub(r"\(.*?\)", "", text)  # 指标名称(单位) → 指标名称
    for kind in ("category", "number", "name", "unit", "responsible", "attribute"):
        if text in h[kind] or plain in h[kind]:
            return kind, None
    m = _YEAR_COL.match(plain)
    if m:
        year, rest = m.groups()
        if rest in h["year_target_suffixes"]:
            return "target", year
        if rest in h["year_baseline_suffixes"]:
            return "baseline", year
        return None
    if plain in h["target"]:
        return "target", plain
    if plain in h["baseline"]:
        return "baseline", plain
    return None


def _is_header(cells: list[str]) -> bool:
    kinds = [_column_kind(c) for c in cells]
    named = {k[0] for k in kinds if k}
    return "name" in named and "target" in named and sum(1 for k in kinds if k) >= max(2, len(cells) - 1)


def _is_continuation(fragment: str) -> bool:
    return squash(fragment) in _data()["header"]["continuations"]


# ---------------------------------------------------------------- cell values


def parse_unit(name: str) -> tuple[str, str | None]:
    """Split `规上工业总产值（亿元）` into name and unit. Only the last bracket, and only
    when it holds a unit, is the unit: `建筑业产值（省内）（亿元）` → `建筑业产值（省内）`, 亿元."""
    name = name.strip()
    m = _TRAILING_BRACKET.search(name)
    if not m:
        return name, None
    content = squash(m.group(1))
    if _is_unit(content):
        return name[: m.start()].rstrip(), content
    return name, None


def _is_unit(text: str) -> bool:
    known = set(_data()["units"]["known"])
    if text in known:
        return True
    # compound units: 吨标准煤/万元, 万元/亩
    parts = re.split(r"[/／每]", text)
    return len(parts) == 2 and all(p in known for p in parts)


def parse_value(cell: str, unit: str | None = None) -> float | str | None:
    """A table cell as a value: a number, None where the table says there is none
    (`/`, `—`, empty), otherwise the text as written (`完成省定目标`). A number with a
    comparator or a range (`≥65`, `3-5`) gives its (lower) value; parse_cell keeps the rest."""
    return parse_cell(cell, unit)[0]


_RANGE = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*[-－—–~～至到]+\s*([+-]?\d+(?:\.\d+)?)$")


def parse_cell(cell: str, unit: str | None = None) -> tuple[float | str | None, float | None, str]:
    """A table cell as (value, value_max, comparator): `≥65` → (65, None, ">="),
    `1000左右` → (1000, None, "~"), `3-5` → (3, 5, "="), `/` → (None, None, "="), text that
    is no number (`翻一番`, `持续下降`, `完成省定目标`) → (text, None, "="). Comparator words
    and scope words a cell may carry are data (`[cell]` in indicators.toml)."""
    text = cell.strip()
    if text in _data()["table"]["missing"] or not text:
        return None, None, "="
    words = _data()["cell"]
    plain = squash(text).replace("，", "").replace(",", "")
    comparator = "="
    for word in sorted(words["scope_prefixes"], key=len, reverse=True):
        if plain.startswith(word) and len(plain) > len(word):
            plain = plain[len(word):]
            break
    for cmp, prefixes in words["prefixes"].items():
        hit = next((w for w in sorted(prefixes, key=len, reverse=True) if plain.startswith(w)), None)
        if hit and len(plain) > len(hit):
            plain, comparator = plain[len(hit):], cmp
            break
    for cmp, suffixes in words["suffixes"].items():
        hit = next((w for w in sorted(suffixes, key=len, reverse=True) if plain.endswith(w)), None)
        if hit and len(plain) > len(hit):
            plain, comparator = plain[: -len(hit)], cmp
            break
    if unit and plain.endswith(unit) and len(plain) > len(unit):
        plain = plain[: -len(unit)]
    if plain.endswith(("%", "％")):
        plain = plain[:-1]
    if _NUMBER.match(plain):
        return float(plain), None, comparator
    m = _RANGE.match(plain)
    if m and float(m.group(1)) < float(m.group(2)):
        return float(m.group(1)), float(m.group(2)), comparator
    return text, None, "="


# ---------------------------------------------------------------- table shapes


@dataclass
class _Header:
    columns: list[tuple[str, str | None] | None]
    texts: list[str]

    @property
    def width(self) -> int:
        return len(self.columns)

    def index(self, kind: str) -> int | None:
        for i, c in enumerate(self.columns):
            if c and c[0] == kind:
                return i
        return None


def _split_row(line: str) -> list[str] | None:
    """A one-line table row: tab-separated or Markdown pipes; None if the line is not one."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        return [c.strip() for c in stripped.strip("|").split("|")]
    body = line.strip("\r\n")
    if body.lstrip("\t").count("\t") >= 1:
        # a leading tab is an empty first cell: a merged category written on an earlier row
        cells = [c.strip() for c in body.split("\t")]
        return cells if len(cells) >= 2 else None
    return None


def _build_row(header: _Header, cells: list[str], line: int, category: str | None) -> tuple[RawIndicatorRow | None, str | None]:
    def cell(kind: str) -> str:
        i = header.index(kind)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    cat = cell("category") or None
    if cat is None:
        cat = category  # merged cell written on the category's first row only, or a spanning row
    raw_name = cell("name")
    name, unit = parse_unit(raw_name)
    unit_cell = cell("unit")
    if unit_cell:
        unit = unit_cell
    num = cell("number")
    if category_row_text(cells, header):
        return None, category_row_text(cells, header)
    targets: dict[str, float | str | None] = {}
    baseline: dict[str, float | str | None] = {}
    extra: dict[str, str] = {}
    comparators: dict[str, str] = {}
    value_max: dict[str, float] = {}
    baseline_cmp: dict[str, str] = {}
    baseline_max: dict[str, float] = {}
    for i, col in enumerate(header.columns):
        value = cells[i] if i < len(cells) else ""
        if col is None:
            if value.strip():
                extra[header.texts[i]] = value.strip()
        elif col[0] in ("target", "baseline"):
            v, vmax, cmp = parse_cell(value, unit)
            (targets if col[0] == "target" else baseline)[col[1]] = v
            if vmax is not None:
                (value_max if col[0] == "target" else baseline_max)[col[1]] = vmax
            if cmp != "=" and v is not None and not isinstance(v, str):
                (comparators if col[0] == "target" else baseline_cmp)[col[1]] = cmp
        elif col[0] == "attribute" and value.strip():
            extra[header.texts[i]] = value.strip()
    row = RawIndicatorRow(
        number=row_number(num),
        category=cat,
        name=name,
        unit=unit,
        targets=targets,
        responsible_text=cell("responsible"),
        line=line,
        baseline=baseline,
        extra=extra,
        attribute=cell("attribute") or None,
        comparators=comparators,
        value_max=value_max,
        baseline_comparators=baseline_cmp,
        baseline_value_max=baseline_max,
    )
    return row, cat


_ROW_NUMBER = re.compile(r"^[（(]?\s*([0-9]{1,3}|[一二三四五六七八九十]{1,3})\s*[）)]?\s*[.．、]?$")
# A category row spanning the table: `一、产业规模`, `（二）创新能力`, written alone on its row.
_CATEGORY_ROW = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])\s*(\S.{0,20})$")


def row_number(cell: str) -> int | None:
    """序号 as printed: `1`, `1.`, `一`, `（一）`, `(1)` → 1."""
    m = _ROW_NUMBER.match(cell.strip())
    if not m:
        return None
    n = m.group(1)
    return int(n) if n.isdigit() else cn_number(n)


def category_row_text(cells: list[str], header: "_Header | None" = None) -> str | None:
    """The category a row spanning the table names (`一、产业规模` → 产业规模), or None when
    the row is an ordinary one: one non-empty cell, numbered like a heading, no value."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) != 1:
        return None
    m = _CATEGORY_ROW.match(filled[0])
    return m.group(1).strip() if m else None



def _read_line_table(lines: list[str], start: int, header_cells: list[str]) -> tuple[IndicatorTable, int]:
    """Rows one per line (tabs or pipes) from lines[start] (the header)."""
    header = _Header([_column_kind(c) for c in header_cells], [squash(c) for c in header_cells])
    table = IndicatorTable(start_line=start + 1, end_line=start + 1)
    category = None
    i = start + 1
    while i < len(lines):
        raw = lines[i]
        if not raw.strip():
            i += 1
            continue
        if PIPE_SEPARATOR.match(raw.strip()):
            table.end_line = i + 1
            i += 1
            continue
        cells = _split_row(raw)
        if cells is None and _page_furniture(raw):
            i += 1  # a page number between the two halves of a table
            continue
        if cells is None and category_row_text([raw]) and _next_is_row(lines, i + 1):
            cells = [raw.strip()]
        if cells is None:
            break
        if _is_header(cells):  # repeated header on a new page
            table.end_line = i + 1
            i += 1
            continue
        cells = cells + [""] * (header.width - len(cells))
        row, category = _build_row(header, cells, i + 1, category)
        if row is None:  # a category row spanning the table
            table.end_line = i + 1
            i += 1
            continue
        if not row.name:
            break
        table.rows.append(row)
        table.end_line = i + 1
        i += 1
    return table, i


def _page_furniture(line: str) -> bool:
    return bool(PAGE_NUMBER.match(line))


def _next_is_row(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line after lines[i-1] is a one-line table row."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return False
    cells = _split_row(lines[i])
    return cells is not None and not _is_header(cells)


def _cell_lines(lines: list[str], i: int) -> bool:
    return lines[i].startswith("\t") and "\t" not in lines[i][1:]


def _joins(cell: str, fragment: str) -> bool:
    """Whether `fragment` continues a split header cell rather than starting the next
    column: `2026年` ⏎ `目标` is one cell, but `指标` ⏎ `单位` are two (joined they would
    turn the name column into a unit column)."""
    before, after = _column_kind(cell), _column_kind(cell + fragment)
    if after is None:
        return False
    return before is None or before[0] in ("target", "baseline") or before[0] == after[0]


def _read_flat_header(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """Header cells of a flattened table starting at lines[i]; returns (cells, next index)."""
    cells: list[str] = []
    j = i
    while j < len(lines):
        raw = lines[j]
        text = raw.strip()
        if not text:
            j += 1
            continue
        if _column_kind(text) is not None and not (cells and _is_continuation(text) and not raw.startswith("\t")
                                                    and _joins(cells[-1], text)):
            cells.append(text)
            j += 1
            continue
        if cells and _is_continuation(text):
            cells[-1] += text  # `2026年` ⏎ `目标`: one cell split by extraction
            j += 1
            continue
        break
    if len(cells) >= 3 and _is_header(cells):
        return cells, j
    return None


def _read_flat_table(lines: list[str], start: int) -> tuple[IndicatorTable, int] | None:
    parsed = _read_flat_header(lines, start)
    if parsed is None:
        return None
    header_cells, i = parsed
    header = _Header([_column_kind(c) for c in header_cells], [squash(c) for c in header_cells])
    first_kind = header.columns[0][0] if header.columns[0] else None
    table = IndicatorTable(start_line=start + 1, end_line=i)
    category = None
    tabbed = lines[start].startswith("\t")
    if not tabbed and sum(1 for k in range(start, i) if lines[k].strip()) < i - start - 1:
        # one cell per line with a blank line after every cell (Word tables saved as text):
        # blank lines separate cells, not rows, so rows are counted out by the header's width
        return _read_spaced_table(lines, i, header, table)
    while i < len(lines):
        # skip blank separators
        while i < len(lines) and ((lines[i].strip() == "" and not (tabbed and lines[i].startswith("\t")))
                                  or _page_furniture(lines[i])):
            i += 1  # blank separators, and a page number between the halves of a table
        if i >= len(lines):
            break
        again = _read_flat_header(lines, i)
        if again is not None and len(again[0]) == header.width:
            table.end_line = again[1]
            i = again[1]
            continue
        cells: list[str] = []
        row_line = i + 1
        j = i
        while j < len(lines):
            raw = lines[j]
            if tabbed:
                if raw.startswith("\t"):
                    cells.append(raw.strip())
                    j += 1
                    continue
                if not raw.strip():
                    if len(cells) == 1 and category_row_text(cells):
                        break  # a category row spanning the table is a row of its own
                    # a blank line ends the row unless the row is still short and the
                    # next text continues a split cell or adds cells
                    k = j
                    while k < len(lines) and lines[k].strip() == "" and not lines[k].startswith("\t"):
                        k += 1
                    if len(cells) < header.width and k < len(lines) and cells:
                        nxt = lines[k]
                        if not nxt.startswith("\t") and len(nxt.strip()) <= 20 and "。" not in nxt:
                            cells[-1] += nxt.strip()
                            j = k + 1
                            continue
                        if nxt.startswith("\t"):
                            j = k
                            continue
                    break
                if cells and len(cells) < header.width and len(raw.strip()) <= 20:
                    cells[-1] += raw.strip()
                    j += 1
                    continue
                break
            # untabbed: every non-blank line is a cell; blank lines separate rows
            if not raw.strip():
                break
            if len(raw.strip()) > 40 or "。" in raw:
                break
            cells.append(raw.strip())
            j += 1
        if not cells:
            break
        if category_row_text(cells) and len(cells) == 1:
            category = category_row_text(cells)  # a category row spanning the table
            table.end_line = j
            i = j
            continue
        if not tabbed and len(cells) == header.width - 1 and first_kind == "category":
            cells = [""] + cells  # merged category cell left empty by extraction
        num_i = header.index("number")
        if len(cells) < header.width - 1 or (num_i is not None and row_number(cells[num_i]) is None):
            break
        cells = cells + [""] * (header.width - len(cells))
        row, category = _build_row(header, cells, row_line, category)
        if row is None:
            break
        table.rows.append(row)
        table.end_line = j
        i = j
    return (table, i) if table.rows else None


def _skip_page_break(lines: list[str], i: int, width: int) -> int:
    """Index after a page break inside a table (page number, running head, repeated
    header), or i itself when lines[i] does not start one."""
    if not _page_furniture(lines[i]):
        return i
    k, seen = i + 1, 0
    while k < len(lines) and seen < 3:
        if lines[k].strip():
            again = _read_flat_header(lines, k)
            if again is not None and len(again[0]) == width:
                return again[1]
            seen += 1
        k += 1
    return i + 1


def _read_spaced_table(lines: list[str], i: int, header: _Header, table: IndicatorTable) -> tuple[IndicatorTable, int] | None:
    category = None
    num_i = header.index("number")
    while i < len(lines):
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i >= len(lines):
            break
        nxt = _skip_page_break(lines, i, header.width)
        if nxt != i:
            i = nxt
            continue
        if category_row_text([lines[i]]) and (num_i is None or row_number(lines[i]) is None):
            category = category_row_text([lines[i]])
            i += 1
            continue
        cells: list[str] = []
        row_line = i + 1
        j = i
        while j < len(lines) and len(cells) < header.width:
            text = lines[j].strip()
            if text:
                if len(text) > 40 or "。" in text or _page_furniture(lines[j]):
                    break
                cells.append(text)
            j += 1
        if len(cells) < header.width or (num_i is not None and row_number(cells[num_i]) is None):
            break
        row, category = _build_row(header, cells, row_line, category)
        if row is None:
            break
        table.rows.append(row)
        table.end_line = j
        i = j
    return (table, i) if table.rows else None


def find_indicator_tables(lines: list[str]) -> list[IndicatorTable]:
    """Every indicator table in a document's lines (line N of the file is lines[N-1])."""
    tables: list[IndicatorTable] = []
    i = 0
    while i < len(lines):
        raw = lines[i]
        found: tuple[IndicatorTable, int] | None = None
        cells = _split_row(raw)
        if cells and _is_header(cells):
            table, nxt = _read_line_table(lines, i, cells)
            if table.rows:
                found = (table, nxt)
        elif raw.strip() and _column_kind(raw.strip()) is not None:
            found = _read_flat_table(lines, i)
        if found is None:
            i += 1
            continue
        table, nxt = found
        header_index = table.start_line - 1
        title = table_title_line(lines, header_index, _data()["table"]["title_words"], max_len=40)
        if title is not None:
            table.start_line = title + 1
            table.title = lines[title].strip()
        tables.append(table)
        i = max(nxt, i + 1)
    return tables


# ---------------------------------------------------------------- canonical names


def _normalise_name(name: str) -> str:
    text = squash(name)
    text, _unit = parse_unit(text)
    text = re.sub(r"[“”\"‘’'「」]", "", text)
    text = text.replace("（", "(").replace("）", ")")
    text = text.replace("规模以上", "规上").replace("R&D", "研发").replace("Ｒ＆Ｄ", "研发")
    text = re.sub(r"^(全市|全区|全县|全省|市|区)(?=规上|工业|制造业|高新)", "", text)
    text = re.sub(r"(总数|数量|个数|数)$", "", text)
    return text


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, variants in _data()["canonical"].items():
        for v in [canonical, *variants]:
            table[_normalise_name(v)] = canonical
    return table


def canonical_indicator(name: str) -> str:
    """The canonical name of an indicator, for comparing plans: `规模以上工业总产值（亿元）`
    and `规上工业总产值` are one indicator. Unknown names come back normalised only."""
    key = _normalise_name(name)
    return _synonyms().get(key, key)
