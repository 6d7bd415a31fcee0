"""A plan's shape: metadata from the head and tail, parts, sections and task blocks.

Works on logical paragraphs (text.paragraphs). Which units a clause names is for
clauses.py and agencies.py; this module decides where tasks start and end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.loaders.agencies import _short_parents, gazetteer, level_of, resolve_path, short_name, zone_of
from plankg.loaders.clauses import find_clause, looks_like_clause, split_top
from plankg.loaders.text import (
    DATE_LINE, LABEL_LINE, PART_HEAD, SECTION_HEAD, TAIL_HEAD, TASK_HEAD, Paragraph, cn_number, normalize_line,
)

STATUS_MARK = re.compile(r"[（(]\s*(征求意见稿|送审稿|草案|讨论稿|代拟稿|修订稿|试行稿|审议稿|初稿)\s*[）)]")
PERIOD = re.compile(r"[（(]\s*(\d{4})\s*(?:年)?\s*[—–\-－~～至到]+\s*(\d{4})\s*年?\s*[）)]")
KINDS = ["三年行动计划", "三年行动方案", "行动计划", "行动方案", "实施方案", "工作方案", "工作要点",
         "实施意见", "指导意见", "若干措施", "若干政策", "实施细则", "规划", "计划", "方案", "要点", "意见", "措施"]
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
ISO_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
OFFICE = re.compile(r"^[\u4e00-\u9fff（）]{2,30}(?:人民政府|办公室|办公厅|委员会|局|政府)$")

PART_KINDS = [
    ("safeguards", ("保障", "组织实施", "实施保障", "工作要求")),
    ("tasks", ("任务", "重点工作", "主要工作", "工作重点", "举措", "措施", "行动", "工作安排", "重点项目")),
    ("goals", ("目标",)),
]
# Parts that frame a plan rather than assign work; any other part named by its theme
# (`二、强化创新引领` in an 实施意见) holds tasks when its items carry responsibility clauses.
FRAME_PARTS = ("总体要求", "指导思想", "基本原则", "总体思路", "发展现状", "发展基础", "面临形势", "现状", "形势",
               "背景", "意义", "总体目标", "适用范围", "政策依据", "附则")


@dataclass
class Meta:
    title: str = ""
    title_line: int = 1
    issuer: str | None = None
    kind: str = "方案"
    period: tuple[int | None, int | None] = (None, None)
    status: str = "issued"
    document_number: str | None = None
    issue_date: str | None = None
    issuing_office: str | None = None
    copied_to: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A part, a section, or a task, with its text as printed."""

    kind: str  # part | section | task
    line: int
    label: str
    ordinal: int | None
    title: str
    text: str
    part: str = "other"
    section: Block | None = None
    children: int = 0  # numbered tasks seen inside a section
    heading_clause: str | None = None  # a clause written once on the task's section heading


@dataclass
class Outline:
    meta: Meta
    parts: list[Block] = field(default_factory=list)
    sections: list[Block] = field(default_factory=list)
    tasks: list[Block] = field(default_factory=list)
    goal_paragraphs: list[Paragraph] = field(default_factory=list)
    body_paragraphs: list[Paragraph] = field(default_factory=list)


def part_kind(title: str) -> str:
    if title.endswith("目标") and not any(w in title for w in ("任务", "重点工作", "举措", "措施")):
        return "goals"  # 行动目标, 工作目标: the 行动 there names the plan, not the tasks
    for kind, words in PART_KINDS:
        if any(w in title for w in words):
            return kind
    return "other"


def _part_head(text: str) -> tuple[int, str] | None:
    m = PART_HEAD.match(text)
    if not m:
        return None
    n = cn_number(m.group(1))
    head = m.group(2).split("。")[0].strip()
    if n is None or len(head) > 25 or not head:
        return None
    return n, head


def _heading_sentence(text: str) -> str:
    span = find_clause(text)
    body = text[: span[0]] if span else text
    head = re.split(r"[。！？]", body, maxsplit=1)[0]
    return head.strip().rstrip("，,；;：:")


def outline(paras: list[Paragraph], lines: list[str]) -> Outline:
    first_part = next((i for i, p in enumerate(paras) if _part_head(p.text)), None)
    head = paras[: first_part if first_part is not None else 0]
    out = Outline(meta=read_meta(head, paras, lines))
    if first_part is None:
        return out
    part: Block | None = None
    section: Block | None = None
    current: Block | None = None  # the block continuation paragraphs go to
    body = paras[first_part:]
    for k, p in enumerate(body):
        t = p.text
        if TAIL_HEAD.match(t) or DATE_LINE.match(t) or (OFFICE.match(t) and part and len(t) <= 20):
            break
        ph = _part_head(t)
        if ph:
            n, title = ph
            part = Block("part", p.line, t[: t.index(title)].strip(), n, title, t, part_kind(title))
            if part.part == "other" and _thematic_task_part(title, body[k + 1:]):
                part.part = "tasks"
            out.parts.append(part)
            section = current = None
            rest = t[len(t.split("。")[0]) + 1 :].strip() if "。" in t else ""
            if rest:
                current = part
                part.text = t
            else:
                current = part
                part.text = ""
            continue
        if part is None:
            continue
        out.body_paragraphs.append(p)
        sm = SECTION_HEAD.match(t)
        if part.part == "goals" or (part.part == "other" and _goal_section(sm, section)):
            # goals also sit in a `（二）发展目标` section of a `总体要求` part
            out.goal_paragraphs.append(p)
        tm = TASK_HEAD.match(t)
        if sm and cn_number(sm.group(1)) is not None:
            title = _heading_sentence(sm.group(2))
            label = t[: t.index(sm.group(2))].strip() if sm.group(2) else t
            section = Block("section", p.line, label, cn_number(sm.group(1)), title, sm.group(2), part.part)
            out.sections.append(section)
            current = section
            continue
        if tm and part.part in ("tasks", "safeguards"):
            body = tm.group(2)
            task = Block("task", p.line, t[: len(t) - len(body)].strip(), int(tm.group(1)),
                         _heading_sentence(body), body, part.part, section)
            if section is not None:
                section.children += 1
            out.tasks.append(task)
            current = task
            continue
        # a continuation: a paragraph of the current block, or a clause on its own line
        if current is not None:
            if current.kind == "part":
                current.text = (current.text + "\n" if current.text else "") + t
                if part.part in ("tasks", "safeguards") and find_clause(t):
                    # a part written as one paragraph with a clause (003's 保障措施)
                    # no heading of its own: its first phrase stands for one
                    title = _heading_sentence(t)
                    title = re.split(r"[，,；;]", title, maxsplit=1)[0] if len(title) > 30 else title
                    task = Block("task", p.line, part.title, None, title, t, part.part, None)
                    out.tasks.append(task)
                    current = task
            else:
                bracketed = t[:1] in "（(〔" and looks_like_clause(t[1:-1])
                current.text += t if bracketed else "\n" + t
    _sections_as_tasks(out)
    _section_clauses_to_tasks(out)
    return out


def _thematic_task_part(title: str, following: list[Paragraph]) -> bool:
    """A part named by its theme (not 重点任务) is a tasks part when, before the next
    part, some paragraph carries a responsibility clause."""
    if any(w in title for w in FRAME_PARTS):
        return False
    for p in following:
        if _part_head(p.text) or TAIL_HEAD.match(p.text):
            return False
        if find_clause(p.text) or LABEL_LINE.match(p.text):
            return True
    return False


def _has_clause(text: str) -> bool:
    return find_clause(text) is not None or any(LABEL_LINE.match(x) for x in text.split("\n"))


def _section_clauses_to_tasks(out: Outline) -> None:
    """A clause written once on a `（一）` heading over numbered tasks that have none
    (`（一）壮大整车产能（牵头单位：市经信局…）` then `1.` `2.`) is each task's clause;
    the task's text stays as printed."""
    for task in out.tasks:
        s = task.section
        if s is None or not s.children or task.part != "tasks" or _has_clause(task.text):
            continue
        span = find_clause(s.text)
        if span:
            task.heading_clause = s.text[span[0]: span[1]]


def _goal_section(sm: re.Match | None, section: Block | None) -> bool:
    if sm is not None:
        return "目标" in _heading_sentence(sm.group(2))
    return section is not None and "目标" in section.title


def _sections_as_tasks(out: Outline) -> None:
    """Sections that are tasks themselves: a safeguard item with a clause (number null),
    or a tasks-part section with no numbered tasks under it (numbered by its label)."""
    extra: list[Block] = []
    for s in out.sections:
        if s.children:
            continue
        has_clause = _has_clause(s.text)
        if s.part == "safeguards" and has_clause:
            extra.append(Block("task", s.line, s.label + s.title, None, s.title, s.text, s.part, s))
        elif s.part == "tasks" and (has_clause or len(s.text) > len(s.title) + 10):
            extra.append(Block("task", s.line, s.label, s.ordinal, s.title, s.text, s.part, s))
    if extra:
        out.tasks = sorted(out.tasks + extra, key=lambda b: b.line)


# -- metadata -------------------------------------------------------------

def read_meta(head: list[Paragraph], paras: list[Paragraph], lines: list[str]) -> Meta:
    meta = Meta()
    head_text = "\n".join(p.text for p in head)
    if STATUS_MARK.search(head_text):
        meta.status = "draft"
    candidates = [
        p for p in head
        if not p.text.endswith(("。", "：", ":")) and not re.search(r"关于印发|通知$|《|》|此件", p.text)
        and any(k in STATUS_MARK.sub("", p.text) for k in KINDS) and len(p.text) <= 80
        and not p.text.startswith("为")
    ]
    title_p = candidates[-1] if candidates else (head[0] if head else (paras[0] if paras else None))
    if title_p is not None:
        meta.title = STATUS_MARK.sub("", title_p.text).strip()
        meta.title_line = title_p.line
    meta.kind = plan_kind(meta.title)
    meta.period = plan_period(meta.title)
    cover = [normalize_line(l) for l in lines[: (title_p.line - 1) if title_p else 0]]
    for s in cover:
        if not meta.document_number and (m := DOC_NUMBER.fullmatch(s.replace(" ", ""))):
            meta.document_number = m.group(0)
        if s.endswith("文件") and len(s) <= 20 and not meta.issuing_office:
            meta.issuing_office = s[: -len("文件")]
    for i, s in enumerate(cover):
        if DATE_LINE.match(s):
            meta.issue_date = _iso(s)
            prev = next((c for c in reversed(cover[:i]) if c), "")
            if OFFICE.match(prev) and not meta.issuing_office:
                meta.issuing_office = prev
    if cover and any("印发" in s for s in cover) or meta.document_number:
        meta.status = "issued" if meta.status != "draft" else "draft"
    tail_start = _tail_start(lines)
    if tail_start is not None:
        meta.copied_to = copied_to(lines, tail_start)
        for s in (normalize_line(l) for l in lines[tail_start:]):
            if DATE_LINE.match(s) and not meta.issue_date:
                meta.issue_date = _iso(s)
    meta.issuer, warning = resolve_issuer(
        meta.title, [meta.issuing_office or "", *cover], "\n".join(p.text for p in paras))
    if warning:
        meta.warnings.append(warning)
    return meta


CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")


def _iso(s: str) -> str | None:
    m = ISO_DATE.search(s)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    # `二〇二五年三月十日`: the year digit by digit, month and day as numbers
    if m := CN_DATE.search(s):
        year = "".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else "0" for c in m.group(1))
        month, day = cn_number(m.group(2)), cn_number(m.group(3))
        if month and day:
            return f"{year}-{month:02d}-{day:02d}"
    return None


def _tail_start(lines: list[str]) -> int | None:
    for i in range(len(lines) - 1, -1, -1):
        if re.match(r"^\s*(?:抄送|抄报)\s*[：:]", lines[i]):
            return i
    return None


def copied_to(lines: list[str], start: int) -> list[str]:
    """The 抄送 list, which may run over several (blank-separated) lines until `。`."""
    text = ""
    for raw in lines[start:]:
        s = normalize_line(raw)
        if not s:
            continue
        if text and (DATE_LINE.match(s) or OFFICE.match(s)):
            break
        text += s
        if s.endswith("。"):
            break
    text = re.sub(r"^(?:抄送|抄报)\s*[：:]", "", text).rstrip("。")
    return [u for u in split_top(text, "，,、；;") if u]


def plan_kind(title: str) -> str:
    t = PERIOD.sub("", title).strip()
    for k in KINDS:
        if t.endswith(k):
            return k
    for k in KINDS:
        if k in t:
            return k
    return "方案"


def plan_period(title: str) -> tuple[int | None, int | None]:
    m = PERIOD.search(title)
    if m:
        return int(m.group(1)), int(m.group(2))
    years = [int(y) for y in re.findall(r"(\d{4})\s*年", title)]
    if years:
        return min(years), max(years)
    return None, None


_TOWN = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:镇|乡|街道))")
# words that open a title's subject rather than a town's name (`推进城乡…`, `全乡…`)
_NOT_TOWN = re.compile(r"推进|加快|促进|关于|城乡|全|新型|推动|实施|建设|发展|深化|乡村")


def issuer_from(text: str, context: list | None = None) -> str | None:
    """The issuer named at the start of a title or office: its jurisdiction id where
    the gazetteer places it (`福州市鼓楼区…` → 福建省/福州市/鼓楼区, `××市××镇…` → the
    town under the city), else the bare name (ambiguous or unknown), else None."""
    text = re.sub(r"^(?:中共|中国共产党)", "", text)  # 中共宁波市委 宁波市人民政府关于…
    found, pending, rest = resolve_path(text, context)
    if found is None and not pending:
        # 郑州经济技术开发区…: a city written short, then a zone word
        for city in _short_parents(text):
            if zone := zone_of(city, text[len(short_name(city.name)):]):
                return zone.id
    if found is not None and (zone := zone_of(found, rest)):
        return zone.id
    if found is not None:
        m = _TOWN.match(rest)
        if m and not _NOT_TOWN.search(m.group(1)) and found.level != "province":
            return f"{found.id}/{m.group(1)}"
        return found.id
    if pending:
        return pending[0].name
    m = re.match(r"^([\u4e00-\u9fff]{1,8}?(?:自治区|自治州|自治县|省|市|区|县|旗|镇|乡|街道))", text)
    # 全市…, 本区…, 我县…: the plan's own place, not a name
    if m and level_of(m.group(1)) != "unknown" and len(m.group(1)) >= 2 and m.group(1)[0] not in "全本我各该":
        return m.group(1)
    return None


def resolve_issuer(title: str, cover: list[str], text: str) -> tuple[str | None, str | None]:
    """The issuer of a plan and, where its place stays unsure, a warning. A name shared
    by several places (鼓楼区 in 南京, 徐州, 福州, 开封) is settled by the issuing office
    or the cover (`福州市鼓楼区人民政府`), then by which candidate's city the document
    names; failing that it is kept without a parent, never guessed."""
    issuer = issuer_from(title)
    sources = [c for c in cover if c]
    if issuer is None:
        for c in sources:
            if (issuer := issuer_from(c)) is not None:
                break
    if issuer is None or "/" in issuer:
        return issuer, None
    cands = gazetteer().candidates(issuer)
    if len(cands) <= 1:
        return issuer, None
    for c in sources:
        for k in range(len(c)):  # the name may follow a header word: 中共福州市鼓楼区委
            found, _, _ = resolve_path(c[k:])
            if found is not None and any(found.id == j.id for j in cands):
                return found.id, None
    mentions = {j.id: _mentions(text, j) for j in cands}
    best = max(mentions.values())
    winners = [jid for jid, n in mentions.items() if n == best]
    if best > 0 and len(winners) == 1:
        return winners[0], None
    names = "、".join(j.id for j in cands)
    return issuer, (f"issuer {issuer} is ambiguous ({names}) and neither the title, the cover "
                    f"nor the text names its city: parent left unknown")


def _mentions(text: str, j) -> int:
    """How often the document names j's parent city or province (full or short)."""
    chain = [x for x in j.id.split("/")[:-1]]
    n = 0
    for name in chain[::-1][:1]:
        n += text.count(name)
        short = short_name(name)
        if short != name:
            n += text.count(short) - text.count(name)
    return n
