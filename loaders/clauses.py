"""Responsibility clauses: `（责任单位：…）`, `（X牵头负责，Y按职责分工负责）`, `〔…〕` and kin.

A clause is read into the units it names, each with the role the clause gives it
(explicit lead, support, joint, plain responsible), plus an optional standing
instruction `以下均需…不再列出` that makes units responsible for every following
task. Which body a unit is, is for `agencies.py`; this module only reads the
clause's grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from plankg.loaders.datafiles import data_file
from plankg.loaders.text import unify_punct

OPEN, CLOSE = "（(〔[【", "）)〕]】"

LABELS = {
    "牵头单位": "lead", "牵头部门": "lead", "主责单位": "lead", "主责部门": "lead", "牵头": "lead",
    "主办单位": "lead",  # an event's host leads; its 承办 (organiser) and 协办 units carry it out
    "配合单位": "support", "配合部门": "support", "协办单位": "support", "协同单位": "support",
    "参与单位": "support", "协助单位": "support", "支持单位": "support",
    "责任单位": "responsible", "责任部门": "responsible", "实施单位": "responsible",
    "承办单位": "responsible", "负责单位": "responsible", "落实单位": "responsible",
}
_LABEL = re.compile("(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[：:]")

# Role words at the end of a run of units, longest first.
_MARKERS = [
    # `市金融办为牵头单位` / `…为责任单位`: the role named after 为, no colon
    ("为牵头单位", "lead"), ("为牵头部门", "lead"), ("为责任单位", "responsible"), ("为配合单位", "support"),
    ("按职责分工负责", "joint"), ("按照职责分工负责", "joint"), ("根据职责分工负责", "joint"),
    ("按职责分工落实", "joint"), ("职责分工负责", "joint"), ("分工负责", "joint"), ("共同负责", "joint"),
    ("按职责负责", "joint"), ("按职责分工", "joint"),
    ("牵头负责", "lead"), ("牵头落实", "lead"), ("牵头实施", "lead"), ("牵头", "lead"),
    ("配合", "support"), ("协同", "support"), ("参与", "support"), ("协助", "support"), ("协办", "support"),
    ("负责", "responsible"), ("落实", "responsible"), ("实施", "responsible"),
]
_INHERIT = re.compile(
    r"以下(?:各项)?(?:任务)?均?(?:需|须|由)?(?:要)?(?P<x>.+?)(?:负责|落实|参与|配合|实施)?[，,]?(?:均)?不再(?:一一)?(?:单独)?列出"
)
_CLAUSE_HINT = re.compile(
    "|".join(sorted(LABELS, key=len, reverse=True))
    + r"|(?:负责|牵头|配合|落实|不再列出)(?:等)?$"
)
# After a collective's `各`, these short level words continue the same unit
# (`各区、县级市`), they are not units of their own.
_LEVEL_WORD = re.compile(r"^(?:县级市|县|区|市|镇|乡|街道|街|开发区|园区|县（市）|市（县）|县\(市\))(?:人民政府|政府)?$")
_ROLE_WORDS = {"牵头": "lead", "牵头单位": "lead", "牵头部门": "lead", "主责": "lead",
               "配合": "support", "配合单位": "support", "参与": "support", "协办": "support"}
_ROLE_MARK = re.compile(r"^(.+?)[（(〔\[【](" + "|".join(sorted(_ROLE_WORDS, key=len, reverse=True)) + r")[）)〕\]】]$")
_FIRST_IS_LEAD = re.compile(r"[，,]?\s*(?:其中)?(?:列|排|排名|排在)?(?:第一位|首位|第一)(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?")
_NOT_UNITS = re.compile(r"^\s*(?:完成时限|完成时间|时间进度|时间节点|完成期限|时限)\s*[：:]")
# `各区`, `各县、市`: a collective cut short, whose level words go on after a `、`
_BARE_COLLECTIVE = re.compile(r"^各(?:县级市|县|区|市|镇|乡|街道|街)(?:、(?:县级市|县|区|市|镇|乡|街道|街))*$")
_AGENCY_END = re.compile(r"(?:局|办|委|中心|室|部|厅|院|会|处)$")
_BODY = re.compile(r"(?:局|委|办|办公室|中心|政府|街道|镇|公司|集团|院|管委会|部|开发区|高新区|厅|署|会)(?:<[^<>]+>|（[^（）]+）)?$")
_PREFIXED = re.compile(r"^(?:[省市区县]|各)")


@dataclass
class ClauseUnit:
    raw: str
    role: str  # lead | support | joint | responsible
    alias: str | None = None  # second name of the same body: 区财政局<区金融办>


@dataclass
class Clause:
    text: str  # as written, brackets included
    units: list[ClauseUnit] = field(default_factory=list)
    inherit: list[str] = field(default_factory=list)  # raw units for every following task
    inherit_local: bool = False  # `以下均需各地落实`: the clause's own local units
    deadline: str | None = None  # `完成时限：2025年12月` written inside the clause
    person_lead: bool = False  # a post, not a body, leads (`市政府分管副市长牵头`)

    @property
    def explicit_lead(self) -> bool:
        return self.person_lead or any(u.role == "lead" for u in self.units)


def matching_open(text: str, close_at: int) -> int | None:
    """Index of the bracket that the bracket at `close_at` closes (nesting aware)."""
    depth = 0
    for i in range(close_at, -1, -1):
        ch = text[i]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def split_top(text: str, seps: str) -> list[str]:
    """Split on any of `seps` outside brackets (`各县（市、区）人民政府` stays whole)."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in OPEN or ch in "<＜〈":
            depth += 1
        elif (ch in CLOSE or ch in ">＞〉") and depth:
            depth -= 1
        if depth == 0 and ch in seps:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def looks_like_clause(content: str) -> bool:
    c = unify_punct(content).strip().rstrip("。.")
    if not c or len(c) > 400:
        return False
    if c.startswith(("以下简称", "简称")):
        return False
    if _CLAUSE_HINT.search(c):
        return True
    # a bare list of bodies, `（区科技局、区财政局<区金融办>、区工信局等）`
    items = [re.sub(r"等$", "", i) for i in split_top(c, "、，")]
    return len(items) >= 1 and all(_BODY.search(i) for i in items) and any(_PREFIXED.match(i) for i in items)


def find_clause(text: str) -> tuple[int, int] | None:
    """Span (start, end) of the responsibility clause at the end of a task's text,
    brackets included, or None. Trailing `。` and spaces after the bracket are allowed."""
    end = len(text.rstrip().rstrip("。.；;").rstrip())
    if end == 0 or text[end - 1] not in CLOSE:
        return None
    start = matching_open(text, end - 1)
    if start is None:
        return None
    if looks_like_clause(text[start + 1 : end - 1]):
        return start, end
    return None


def parse_clause(clause: str) -> Clause:
    """Read a clause (with or without its brackets) into units, roles and inheritance."""
    body = clause.strip()
    if body and body[0] in OPEN and body[-1] in CLOSE and matching_open(body, len(body) - 1) == 0:
        body = body[1:-1]
    out = Clause(text=clause)
    norm = unify_punct(body).strip().rstrip("。")
    first_leads = False
    for sub in split_top(norm, "；。"):
        # `完成时限：…`: a deadline, not a unit; `列第一位的为牵头单位`: a note that makes
        # the first unit the lead, written out
        if m := _NOT_UNITS.match(sub):
            out.deadline = sub[m.end():].strip() or out.deadline
            continue
        sub, n = _FIRST_IS_LEAD.subn("", sub)
        first_leads = first_leads or bool(n)
        sub = sub.strip("，、 ")
        if not sub:
            continue
        m = _INHERIT.search(sub)
        if m:
            x = m.group("x").strip("，、 ")
            if x in {"各地", "各地区", "各单位", "各板块", "上述单位", "各相关单位"}:
                out.inherit_local = True
            else:
                out.inherit.extend(u.raw for u in _units_of(x, "responsible"))
            sub = sub[: m.start()].rstrip("，")
            if not sub:
                continue
        out.units.extend(_read_sub(sub))
    if first_leads and out.units and not out.explicit_lead:
        out.units[0].role = "lead"
    # one body listed twice (e.g. as 牵头单位 and again in 责任单位) is one unit
    seen: dict[str, ClauseUnit] = {}
    for u in out.units:
        if u.raw in seen:
            if u.role == "lead":
                seen[u.raw].role = "lead"
            continue
        seen[u.raw] = u
    # a leader's post (`市政府分管副市长`) is a person, not a body: no unit. Where the post
    # leads, the clause did mark its lead, so no body is read as lead by being first.
    posts = _person_posts()
    out.person_lead = any(u.role == "lead" for u in seen.values() if posts.search(u.raw))
    out.units = [u for u in seen.values() if not posts.search(u.raw)]
    return out


def _read_sub(sub: str) -> list[ClauseUnit]:
    labels = list(_LABEL.finditer(sub))
    if not labels:
        return _read_runs(sub, "responsible")
    units: list[ClauseUnit] = []
    if labels[0].start() > 0:
        units.extend(_read_runs(sub[: labels[0].start()], "responsible"))
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(sub)
        units.extend(_read_runs(sub[m.end() : end].strip("，、 "), LABELS[m.group(1)]))
    return units


def _read_runs(text: str, default: str) -> list[ClauseUnit]:
    """`A牵头负责，B，C、D按职责分工负责` → A lead; B, C, D joint. A role word at the end
    of a run applies to every unit since the previous role word."""
    units: list[ClauseUnit] = []
    pending: list[ClauseUnit] = []
    for seg in split_top(text, "，"):
        # `由市经信局牵头`: 由 introduces the unit, it is not part of its name
        seg = re.sub(r"^\s*由\s*", "", seg)
        # `A会同B、C负责`: A leads and B, C work with it (会同 = "together with, led by A")
        if m := _HUITONG.match(seg):
            rest, _ = _strip_marker(m.group(2))
            units.extend(pending)
            pending = []
            units.extend(_units_of(m.group(1), "lead"))
            units.extend(_units_of(rest, "support"))
            continue
        seg, role = _strip_marker(seg)
        pending.extend(_units_of(seg, default))
        if role:
            for u in pending:
                # a label's own role wins over a generic 负责 at the end:
                # `牵头单位：X负责` is still the lead
                if not (role in {"responsible", "joint"} and default in {"lead", "support"}):
                    u.role = role
            units.extend(pending)
            pending = []
    units.extend(pending)
    return units


_HUITONG = re.compile(r"^(.+?(?:局|委|办|中心|政府|管委会|公司|集团|院|部|厅))会同(.+)$")


def _strip_marker(seg: str) -> tuple[str, str | None]:
    s = seg.strip()
    for word, role in _MARKERS:
        if s.endswith(word):
            return s[: -len(word)].rstrip("，、 等"), role
        if s.endswith(word + "等"):
            return s[: -len(word) - 1].rstrip("，、 "), role
    return s, None


@lru_cache(maxsize=1)
def _person_posts() -> re.Pattern:
    data = data_file("agencies.toml")
    return re.compile("|".join(data.get("persons", {}).get("patterns", [])) or r"(?!)")


@lru_cache(maxsize=1)
def _collective_tails() -> frozenset[str]:
    data = data_file("agencies.toml")
    return frozenset(data.get("collectives", {}).get("tails", []))


def _units_of(text: str, role: str) -> list[ClauseUnit]:
    items: list[str] = []
    for item in split_top(text, "、"):
        item = re.sub(r"(?:等(?:部门|单位)?|等)$", "", item).strip()
        if not item:
            continue
        if items and _BARE_COLLECTIVE.match(items[-1]) and _LEVEL_WORD.match(item):
            items[-1] = items[-1] + "、" + item  # 各区、县级市 is one collective
            continue
        if items and items[-1].startswith("各") and item in _collective_tails():
            items[-1] = items[-1] + "、" + item  # 各有关部门、单位: the 各 covers both
            continue
        items.extend(_split_and(item))
    out = []
    for item in items:
        # `市经信局（牵头）`, `市经信局〔牵头〕`: a role mark after the unit, not its name
        m = _ROLE_MARK.match(item)
        unit_role = role
        if m:
            item, unit_role = m.group(1), _ROLE_WORDS[m.group(2)]
        primary, alias = split_alias(item)
        out.append(ClauseUnit(raw=item, role=unit_role, alias=alias))
    return out


def _split_and(item: str) -> list[str]:
    """`市工信局及各有关部门` is two units; `和` is left alone (工业和信息化局)."""
    m = re.match(r"^(.+?(?:局|委|办|中心|政府))(?:及|和|与)(各.+|相关.+|有关.+|[省市区县].+(?:局|委|办))$", item)
    if m and len(m.group(1)) >= 3:
        return [m.group(1), m.group(2)]
    return [item]


_ALIAS = re.compile(r"^(?P<main>.+?)\s*[<＜〈（(](?P<alt>[^<>＜＞〈〉（）()]+)[>＞〉）)]$")


def split_alias(raw: str) -> tuple[str, str | None]:
    """`区财政局<区金融办>` or `区财政局（区金融办）`: one body, two names. A bracket that
    is not itself a body's name is part of the name: `政府办（金融）`, `各县（市、区）`."""
    m = _ALIAS.match(raw)
    if not m:
        return raw, None
    main, alt = m.group("main"), m.group("alt")
    if len(alt) >= 3 and _AGENCY_END.search(alt) and _AGENCY_END.search(main):
        return main, alt
    return raw, None


_ABBREV = re.compile(r"[（(]\s*以下简称\s*[“\"‘]?(?P<abbr>[^）)”\"’]{1,20})[”\"’]?\s*[）)]")


def find_abbreviations(text: str) -> dict[str, str]:
    """`…西三角经济区创新合作中心（以下简称四大创新合作中心）` → {abbreviation: full text}.
    The full text is what precedes the bracket back to the last sentence or clause
    break; a leading verb (`协同`, `由`) may remain and is trimmed by the resolver."""
    out: dict[str, str] = {}
    for m in _ABBREV.finditer(text):
        before = text[: m.start()]
        cut = max(before.rfind(c) for c in "，。；：:;,（(")
        full = before[cut + 1 :].strip()
        if full:
            out[m.group("abbr").strip()] = full
    return out
