"""Task tables (重点任务分工表): rows of task, owners and deadline.

Plans that assign work in an attached table rather than in clauses print it in four
shapes once extracted to text, all read here into the same rows:

- flattened, one cell per line, each cell starting with a TAB (Word → text): rows are
  separated by blank lines, a merged cell is a lone TAB or is left out;
- flattened without TABs (PDF/web → text): cells are plain lines and a long cell runs
  over several lines; rows and cells are found by fitting each line to the column it
  looks like (a number, a deadline, a list of bodies, free text);
- tab-separated, one row per line (also what Word/HTML tables become in `sources`,
  where a vertically merged cell's continuation is an empty cell);
- Markdown pipe tables.

A 重点任务 (or 序号) cell written once covers the rows below it until the next one.
Header words are data (`data/tasktables.toml`). A table is a task table only when its
header names a task column and an owner or deadline column and no indicator column,
so indicator tables (indicators.py) and task tables never claim each other's lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from plankg.loaders.datafiles import data_file
from plankg.loaders.deadlines import parse_deadline
from plankg.loaders.text import (
    DATE_LINE, PART_HEAD, PIPE_SEPARATOR, SECTION_HEAD, TASK_HEAD, cn_number, normalize_line, squash,
    table_title_line, unify_punct,
)

UNIT_KINDS = ("lead", "support", "responsible")


@lru_cache(maxsize=1)
def _data() -> dict:
    return data_file("tasktables.toml")


@dataclass
class TaskTableRow:
    line: int  # 1-based line of the row's first cell
    number_text: str  # the 序号 cell as printed (carried down where merged)
    section: str | None  # the 重点任务 the row sits under (carried down where merged)
    task: str  # the task cell, multi-line cells joined
    leads: list[str] = field(default_factory=list)  # 牵头 cells, one per column
    supports: list[str] = field(default_factory=list)  # 配合 cells
    responsible: list[str] = field(default_factory=list)  # 责任单位 cells
    deadline: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # other columns by header text
    number: int | None = None  # the task's own number where the table prints one
    section_number: int | None = None  # the section's number where 序号 numbers sections
    section_label: str | None = None


@dataclass
class TaskTable:
    start_line: int  # 1-based, inclusive, title line included
    end_line: int  # 1-based, inclusive
    shape: str  # flat | tabbed | tsv | pipe
    columns: list[str]  # kind of each column
    headers: list[str]  # header text of each column
    rows: list[TaskTableRow] = field(default_factory=list)
    title: str | None = None


_NUMBER_CELL = re.compile(r"^(\d{1,3})[.．、]?$")
_BR = re.compile(r"<br\s*/?>", re.I)
# Ends of a body's name, for telling a cell of owners from a cell of task text.
_BODY_END = re.compile(
    r"(?:局|委|办|办公室|中心|政府|街道|镇|乡|公司|集团|院|管委会|部|开发区|高新区|园区|分局|分行|银行|"
    r"协会|商会|联合会|工商联|科协|妇联|支行|研究所|处|室|厅|大学|单位|部门|板块|镇街|街镇|各地|办事处)(?:<[^<>]+>|（[^（）]+）)?$"
)
_CONTINUES = tuple("，,、；;：:。）)〕》”")



def column_kind(cell: str) -> str | None:
    """What a header cell names: number, section, task, deadline, lead, support,
    responsible, other, ignore; None for a cell that is not a task-table header word."""
    h = _data()["header"]
    text = unify_punct(squash(cell))
    plain = re.sub(r"（.*?）", "", text)
    for kind in ("ignore", "number", "section", "task", "deadline", "lead", "support", "responsible", "other"):
        if text in h[kind] or plain in h[kind]:
            return kind
    return None


def is_task_header(cells: list[str]) -> bool:
    cells = [c for c in cells if c.strip()]
    if len(cells) < 2 or any("指标" in c for c in cells):
        return False
    kinds = [column_kind(c) for c in cells]
    named = {k for k in kinds if k}
    return (
        bool(named & {"section", "task"})
        and bool(named & {"deadline", *UNIT_KINDS})
        and sum(1 for k in kinds if k) >= max(2, len(cells) - 1)
    )


# ---------------------------------------------------------------- cell shapes


def looks_like_units(text: str) -> bool:
    """A cell naming bodies: `市工信局、市发改委`, `各县（市、区）人民政府`, `工信局牵头`."""
    from plankg.loaders.clauses import split_top

    t = unify_punct(squash(text)).rstrip("。")
    if not t or len(t) > 200 or "。" in t:
        return False
    items = [re.sub(r"(?:等(?:部门|单位)?|牵头负责|牵头|配合|按职责分工负责|负责)$", "", i)
             for i in split_top(t, "、，；")]
    items = [i for i in items if i]
    # a quantity (`完成工业投资50亿元以上县发改委`) belongs to a task cell, never to a name
    return bool(items) and all(len(i) <= 30 and _BODY_END.search(i) and not re.search(r"\d", i) for i in items)


def looks_like_deadline(text: str) -> bool:
    t = squash(text)
    # short: a task sentence that mentions `年内` is not a deadline cell
    if not t or len(t) > 20 or "。" in t:
        return False
    d = parse_deadline(t, 2000)
    return bool(d and (d.date or d.term))


def _is_number(text: str) -> bool:
    t = squash(text)
    return bool(_NUMBER_CELL.match(t) or re.fullmatch(r"[（(]?[一二三四五六七八九十]{1,3}[）)、]?", t))


def _fit(kind: str, lines: list[str]) -> float | None:
    """How well a group of lines fits a column (higher is better); None: cannot."""
    g = len(lines)
    text = "".join(lines)
    if kind == "number":
        if g == 0:
            return -0.2
        return 3.0 if g == 1 and _is_number(text) else None
    if kind == "section":
        if g == 0:
            return -0.2
        if g > 2 or _is_number(text) or looks_like_units(text) or looks_like_deadline(text):
            return None
        return (1.0 if len(text) <= 30 and "。" not in text else -1.0) - 0.5 * (g - 1)
    if kind == "task":
        if g == 0 or _is_number(lines[0]):
            return None
        score = 1.0 - 0.05 * (g - 1)
        if g == 1 and looks_like_units(text):
            score -= 2.0
        if g == 1 and looks_like_deadline(text):
            score -= 2.0
        return score
    if kind == "deadline":
        if g == 0:
            return -1.5
        return 3.0 - 0.5 * (g - 1) if g <= 2 and looks_like_deadline(text) else None
    if kind in UNIT_KINDS:
        if g == 0:
            return -1.5
        return 2.0 + 0.5 * g if g <= 4 and looks_like_units(text) else None
    # other / ignore / unknown columns
    if g == 0:
        return -0.5
    return 0.3 if not _is_number(lines[0]) else None


# ---------------------------------------------------------------- reading rows


def _split_line(line: str) -> list[str] | None:
    """A one-line row: tab-separated or Markdown pipes, empty cells kept; None if the
    line is not one."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        return [_BR.sub("", c).strip() for c in stripped.strip("|").split("|")]
    body = line.rstrip("\r\n")
    if body.strip() and body.strip("\t ").count("\t") >= 1:
        return [c.strip() for c in body.split("\t")]
    return None


def _fit_width(cells: list[str], columns: list[str]) -> list[str]:
    """A row's cells aligned with the header: leading empties beyond the width are an
    indent, a short row lacks its leading merged cells (left out by the writer)."""
    w = len(columns)
    while len(cells) > w and cells[0] == "":
        cells = cells[1:]
    while len(cells) > w and cells[-1] == "":
        cells = cells[:-1]
    if len(cells) < w:
        lead = 0
        while lead < w and columns[lead] in ("number", "section"):
            lead += 1
        missing = w - len(cells)
        pad = min(missing, lead)
        cells = [""] * pad + cells + [""] * (missing - pad)
    return cells[:w]


def _stops(text: str) -> bool:
    """A line that ends a table: a tail, a date, another table's title, a safeguards part."""
    words = _data()["table"]["stop_words"]
    if any(text.startswith(w) for w in words) or DATE_LINE.match(text):
        return True
    m = PART_HEAD.match(text)
    return bool(m and len(text) <= 20 and any(w in text for w in ("保障", "组织实施", "工作要求")))


def _read_line_table(lines: list[str], start: int, header: list[str], skip: set[int]) -> tuple[list[tuple[int, list[str]]], int, str]:
    shape = "pipe" if lines[start].strip().startswith("|") else "tsv"
    kinds = header_kinds(header)
    rows: list[tuple[int, list[str]]] = []
    i = start + 1
    end = start
    while i < len(lines):
        if i + 1 in skip:
            break
        raw = lines[i]
        text = normalize_line(raw)
        if not text:
            i += 1
            continue
        if PIPE_SEPARATOR.match(raw.strip()):
            end = i
            i += 1
            continue
        cells = _split_line(raw)
        if cells is None:
            # a cell broken over lines by the writer: the text continues the last cell
            if rows and not _stops(text) and not _is_continuation_break(text):
                last = rows[-1][1]
                k = max(j for j, c in enumerate(last) if c) if any(last) else 0
                last[k] += text
                end = i
                i += 1
                continue
            break
        if is_task_header(cells):  # a header repeated on a new page
            end = i
            i += 1
            continue
        first = i + 1
        nxt = _split_line(lines[i + 1]) if i + 1 < len(lines) and i + 2 not in skip else None
        if shape == "tsv" and nxt and len(cells) < len(kinds) and len(cells) + len(nxt) - 1 == len(kinds):
            # a cell broken by a newline inside it: the row goes on on the next line
            cells = cells[:-1] + [cells[-1] + nxt[0].strip()] + nxt[1:]
            i += 1
        rows.append((first, [normalize_line(c) for c in _fit_width(cells, kinds)]))
        end = i
        i += 1
    return rows, end, shape


def _is_continuation_break(text: str) -> bool:
    return bool(PART_HEAD.match(text) and len(text) <= 25) or text.startswith("附")


def header_kinds(header: list[str]) -> list[str]:
    return [column_kind(c) or "unknown" for c in header]


def _read_flat_header(lines: list[str], i: int) -> tuple[list[str], int, bool] | None:
    """Header cells one per line from lines[i]; (cells, index after, tabbed)."""
    cells: list[str] = []
    tabbed = lines[i].startswith("\t")
    j = i
    while j < len(lines):
        text = normalize_line(lines[j])
        if not text:
            j += 1
            continue
        if column_kind(text):
            cells.append(text)
            j += 1
            continue
        if cells and column_kind(cells[-1] + text):
            cells[-1] += text  # `牵头` ⏎ `单位`: one cell split by extraction
            j += 1
            continue
        break
    if len(cells) >= 3 and is_task_header(cells):
        return cells, j, tabbed
    return None


def _body_items(lines: list[str], i: int, skip: set[int]) -> tuple[list[tuple[int, str, bool, bool]], int]:
    """Lines of a flattened table body from lines[i] until a line that ends it:
    (line number, text, blank line before, starts with TAB)."""
    items: list[tuple[int, str, bool, bool]] = []
    blank = False
    end = i - 1
    while i < len(lines):
        if i + 1 in skip:
            break
        raw = lines[i]
        text = normalize_line(raw)
        if not text:
            if raw.startswith("\t") and raw.strip() == "":
                items.append((i + 1, "", blank, True))  # a lone TAB: an empty cell
                blank = False
                end = i
            else:
                blank = True
            i += 1
            continue
        if _stops(text) or _split_line(raw) is not None:
            break
        if _read_flat_header(lines, i) is not None:
            # a header repeated on a new page: skip it
            _cells, nxt, _t = _read_flat_header(lines, i)
            if len(_cells) >= 3:
                i = nxt
                end = nxt - 1
                blank = True
                continue
        items.append((i + 1, text, blank, raw.startswith("\t")))
        blank = False
        end = i
        i += 1
    return items, end


def _rows_tabbed(items: list[tuple[int, str, bool, bool]], kinds: list[str]) -> list[tuple[int, list[str]]]:
    """One TAB-led line per cell, untabbed lines continue the cell before, blank lines
    end rows."""
    rows: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    first = 0
    for line, text, blank, tab in items:
        if blank and cur and tab:
            rows.append((first, cur))
            cur = []
        if tab:
            if not cur:
                first = line
            cur.append(text)
        elif cur:
            cur[-1] += text
    if cur:
        rows.append((first, cur))
    return [(ln, _fit_width(cells, kinds)) for ln, cells in rows if any(cells)]


def _rows_fitted(items: list[tuple[int, str, bool, bool]], kinds: list[str]) -> list[tuple[int, list[str]]]:
    """Untabbed flattened cells: split the lines into rows and cells by dynamic
    programming, each group of lines scored by how well it fits its column."""
    n = len(items)
    max_group = {"number": 1, "section": 2, "deadline": 2}
    max_row = 16
    texts = [t for _, t, _, _ in items]
    NEG = float("-inf")
    best = [NEG] * (n + 1)
    back: list[tuple[int, list[int]] | None] = [None] * (n + 1)
    best[0] = 0.0
    fit_cache: dict[tuple[str, int, int], float | None] = {}

    def fit(kind: str, a: int, b: int) -> float | None:
        key = (kind, a, b)
        if key not in fit_cache:
            # a line opening with a comma or a closing bracket continues the cell above
            # (`型，实施…` after `…数字化转`: a word's tail before the first comma)
            opens = texts[a] if b > a else ""
            tail = re.match(r"^[^，,。；;]{1,2}[，,。；;]", opens)
            score = None if opens[:1] in _CONTINUES or tail else _fit(kind, texts[a:b])
            if score is not None:
                # a blank line inside a cell is less likely than between cells
                score -= 0.3 * sum(1 for k in range(a + 1, b) if items[k][2])
            fit_cache[key] = score
        return fit_cache[key]

    for i in range(n):
        if best[i] == NEG:
            continue
        # inner DP over the columns of one row starting at item i
        layer: dict[int, tuple[float, list[int]]] = {i: (0.0, [])}
        for c, kind in enumerate(kinds):
            nxt: dict[int, tuple[float, list[int]]] = {}
            limit = max_group.get(kind, 8 if kind == "task" else 4)
            for pos, (score, cuts) in layer.items():
                for g in range(0, limit + 1):
                    if pos + g > n or pos + g - i > max_row:
                        break
                    f = fit(kind, pos, pos + g)
                    if f is None:
                        continue
                    s = score + f
                    if pos + g not in nxt or s > nxt[pos + g][0]:
                        nxt[pos + g] = (s, cuts + [g])
            layer = nxt
        for j, (score, cuts) in layer.items():
            if j == i:
                continue
            bonus = 0.5 if j == n or items[j][2] else 0.0
            total = best[i] + score + bonus
            if total > best[j]:
                best[j] = total
                back[j] = (i, cuts)
    if best[n] == NEG:
        return []
    rows: list[tuple[int, list[str]]] = []
    j = n
    while j > 0:
        i, cuts = back[j]  # type: ignore[misc]
        cells, pos = [], i
        for g in cuts:
            cells.append("".join(texts[pos : pos + g]))
            pos += g
        rows.append((items[i][0], cells))
        j = i
    return rows[::-1]


# ---------------------------------------------------------------- rows → task rows


def _label_and_title(cell: str) -> tuple[str | None, int | None, str]:
    """`（一）推进产业集群` → label `（一）`, 1, `推进产业集群`; `1.推进…` → `1.`, 1, …"""
    for rx in (SECTION_HEAD, PART_HEAD):
        m = rx.match(cell)
        if m and m.group(2):
            return cell[: cell.index(m.group(2))].strip(), cn_number(m.group(1)), m.group(2).strip()
    m = TASK_HEAD.match(cell)
    if m and m.group(2):
        return cell[: len(cell) - len(m.group(2))].strip(), int(m.group(1)), m.group(2).strip()
    return None, None, cell


def _assemble(table: TaskTable, raw_rows: list[tuple[int, list[str]]]) -> None:
    kinds = list(table.columns)
    # Two task columns (主要任务 | 具体工作): the left one groups the right one.
    task_cols = [k for k, c in enumerate(kinds) if c == "task"]
    if len(task_cols) > 1 and "section" not in kinds:
        kinds[task_cols[0]] = "section"
    if "task" not in kinds and "section" in kinds:
        kinds[kinds.index("section")] = "task"  # 序号 | 重点任务 | 牵头单位: each row a task
    table.columns = kinds
    idx = {k: [i for i, c in enumerate(kinds) if c == k] for k in set(kinds)}
    num_i = idx.get("number", [None])[0]
    sec_i = idx.get("section", [None])[0]
    task_i = idx.get("task", [None])[0]
    if task_i is None:
        return
    # Does 序号 number the sections (written once with each 重点任务) or the rows?
    numbers_sections = False
    if num_i is not None and sec_i is not None:
        with_num = [cells[num_i].strip() != "" for _, cells in raw_rows]
        with_sec = [cells[sec_i].strip() != "" for _, cells in raw_rows]
        numbers_sections = with_num == with_sec and not all(with_num)
    number_text, section = "", None
    sec_no: int | None = None
    sec_label: str | None = None
    sec_count = 0
    for line, cells in raw_rows:
        cells = [c.strip() for c in cells]
        if not cells[task_i] and not any(cells[k] for k in range(len(cells)) if kinds[k] in UNIT_KINDS + ("deadline",)):
            # a row with only a section (a heading row spanning the table)
            if sec_i is not None and cells[sec_i]:
                section = cells[sec_i]
            elif cells and any(cells):
                section = next(c for c in cells if c)
            else:
                continue
            sec_count += 1
            sec_label, n, section = _label_and_title(section)
            sec_no = n or sec_count
            if num_i is not None and cells[num_i] and _NUMBER_CELL.match(cells[num_i]):
                sec_no, sec_label = int(_NUMBER_CELL.match(cells[num_i]).group(1)), cells[num_i]
            continue
        if not cells[task_i]:
            # owners or a deadline without a task: the cell above was merged over them
            if table.rows:
                prev = table.rows[-1]
                for k, c in enumerate(cells):
                    if c and kinds[k] == "deadline" and not prev.deadline:
                        prev.deadline = c
            continue
        if num_i is not None and cells[num_i]:
            number_text = cells[num_i]
        if sec_i is not None and cells[sec_i]:
            sec_count += 1
            sec_label, n, section = _label_and_title(cells[sec_i])
            sec_no = n or sec_count
            if numbers_sections and _NUMBER_CELL.match(number_text):
                sec_no, sec_label = int(_NUMBER_CELL.match(number_text).group(1)), number_text
        label, n, task = _label_and_title(cells[task_i])
        number = None
        if num_i is not None and not numbers_sections:
            m = _NUMBER_CELL.match(number_text)
            number = int(m.group(1)) if m else None
        if number is None and label and label[0].isdigit():
            number = n
        row = TaskTableRow(
            line=line, number_text=number_text, section=section, task=task,
            number=number, section_number=sec_no if section else None,
            section_label=(sec_label or section) if section else None,
        )
        for k, c in enumerate(cells):
            kind = kinds[k]
            if kind == "lead" and c:
                row.leads.append(c)
            elif kind == "support" and c:
                row.supports.append(c)
            elif kind == "responsible" and c:
                row.responsible.append(c)
            elif kind == "deadline" and c:
                row.deadline = (row.deadline + "；" + c) if row.deadline else c
            elif kind in ("other", "unknown") and c:
                row.extra[table.headers[k]] = c
        table.rows.append(row)


def find_task_tables(lines: list[str], skip: set[int] | None = None) -> list[TaskTable]:
    """Every task table in a document's lines (line N of the file is lines[N-1]);
    `skip` holds 1-based lines already claimed (indicator tables)."""
    skip = skip or set()
    tables: list[TaskTable] = []
    i = 0
    while i < len(lines):
        if i + 1 in skip:
            i += 1
            continue
        raw = lines[i]
        cells = _split_line(raw)
        table: TaskTable | None = None
        nxt = i + 1
        if cells and is_task_header(cells):
            header = [c for c in cells if c.strip()] if cells[0] == "" else cells
            header = [normalize_line(c) for c in header]
            while header and not header[-1]:
                header.pop()
            rows, end, shape = _read_line_table(lines, i, header, skip)
            table = TaskTable(start_line=i + 1, end_line=end + 1, shape=shape,
                              columns=header_kinds(header), headers=[squash(c) for c in header])
            _assemble(table, rows)
            nxt = end + 1
        elif raw.strip() and column_kind(normalize_line(raw)):
            parsed = _read_flat_header(lines, i)
            if parsed is not None:
                header, j, tabbed = parsed
                items, end = _body_items(lines, j, skip)
                kinds = header_kinds(header)
                tabbed = tabbed or any(t for *_, t in items[:3])
                rows = _rows_tabbed(items, kinds) if tabbed else _rows_fitted(items, kinds)
                table = TaskTable(start_line=i + 1, end_line=max(end + 1, j), shape="tabbed" if tabbed else "flat",
                                  columns=kinds, headers=[squash(c) for c in header])
                _assemble(table, rows)
                nxt = max(end + 1, j)
        if table is None or not table.rows:
            i += 1
            continue
        title = table_title_line(lines, table.start_line - 1, _data()["table"]["title_words"])
        if title is not None and title + 1 not in skip:
            table.start_line = title + 1
            table.title = next((normalize_line(lines[k]) for k in range(title, i)
                                if len(normalize_line(lines[k])) > 4), normalize_line(lines[title]))
        tables.append(table)
        i = max(nxt, i + 1)
    return tables
