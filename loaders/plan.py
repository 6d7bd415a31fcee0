"""One document → one PlanRecord: text, structure, clauses, agencies, and the
quantitative readers (targets, indicator tables, industries) put together."""

from __future__ import annotations

import hashlib
import re
from difflib import SequenceMatcher

from plankg.errors import ParseError
from plankg.loaders.agencies import AgencyResolver, jurisdiction
from plankg.loaders.clauses import Clause, find_abbreviations, find_clause, parse_clause
from plankg.loaders.indicators import find_indicator_tables
from plankg.loaders.industries import extract_industries
from plankg.loaders.records import (
    IndicatorRow, Jurisdiction, PlanInfo, PlanRecord, Section, SourceInfo, Task, UnitRef,
)
from plankg.loaders.sources import SourceDocument
from plankg.loaders.structure import outline
from plankg.loaders.targets import extract_targets
from plankg.loaders.tasktables import TaskTable, TaskTableRow, find_task_tables
from plankg.loaders.deadlines import names_year, parse_deadline
from plankg.loaders.text import LABEL_LINE, paragraphs

LOCAL_KINDS = {"lower_government", "collective", "development_zone"}


def plan_id(issuer_id: str, title: str) -> str:
    """Stable across versions of one plan (draft and issued share it): issuer + title."""
    return "p-" + hashlib.sha1(f"{issuer_id}|{title}".encode()).hexdigest()[:10]


def units_for(clause: Clause, resolver: AgencyResolver, inherited: list[tuple[str, object]] | None = None) -> list[UnitRef]:
    """UnitRefs of one clause. The lead is whoever the clause marks 牵头; where nobody
    is, the first listed unit is read as the lead (basis first_listed). lead_basis says
    why a unit is the lead, so a unit that is not one has basis none. Units carried
    over from an earlier `以下均需…` clause follow, never lead."""
    out: list[UnitRef] = []
    explicit = clause.explicit_lead
    basis = "explicit" if explicit else "first_listed"
    seen: set[str] = set()
    for i, u in enumerate(clause.units):
        a = resolver.resolve(u.raw)
        if a.id in seen:
            continue
        seen.add(a.id)
        lead = u.role == "lead" if explicit else i == 0
        out.append(UnitRef(
            raw=u.raw, agency_id=a.id, agency_name=a.name, jurisdiction=a.jurisdiction, kind=a.kind,
            function=a.function, lead=lead, lead_basis=basis if lead else "none",
            role="lead" if lead else "support",
        ))
    for raw, a in inherited or []:
        if a.id in seen:
            continue
        seen.add(a.id)
        out.append(UnitRef(
            raw=raw, agency_id=a.id, agency_name=a.name, jurisdiction=a.jurisdiction, kind=a.kind,
            function=a.function, lead=False, lead_basis="none", role="support", inherited=True,
        ))
    return out


def label_lines(text: str) -> tuple[int, int] | None:
    """Span of `牵头单位：…` / `责任单位：…` lines closing a task, when the clause is
    written without brackets on lines of its own."""
    lines = text.split("\n")
    k = len(lines)
    while k > 1 and LABEL_LINE.match(lines[k - 1]):
        k -= 1
    if k == len(lines):
        # the clause may come first, right under the task's heading line, body after it
        j = 1
        while j < len(lines) and LABEL_LINE.match(lines[j]):
            j += 1
        if j == 1 or j == len(lines):
            return None
        start = len("\n".join(lines[:1])) + 1
        return start, len("\n".join(lines[:j]))
    start = len("\n".join(lines[:k])) + 1
    return start, len(text)


def parse_document(doc: SourceDocument) -> PlanRecord:
    lines = doc.lines
    tables = find_indicator_tables(lines)
    skip = {n for t in tables for n in range(t.start_line, t.end_line + 1)}
    task_tables = find_task_tables(lines, skip)
    skip |= {n for t in task_tables for n in range(t.start_line, t.end_line + 1)}
    paras = paragraphs(lines, skip)
    if not paras:
        raise ParseError(doc.path, "no text found")
    o = outline(paras, lines)
    meta = o.meta
    if not o.tasks and not any(t.rows for t in task_tables):
        raise ParseError(doc.path, "no tasks found: not a plan (no numbered tasks, responsibility clauses or task table)")
    issuer = jurisdiction(meta.issuer) if meta.issuer else Jurisdiction(id="未知", name="未知", level="unknown")
    pid = plan_id(issuer.id, meta.title)
    full_text = "\n".join(p.text for p in paras)
    resolver = AgencyResolver(issuer, find_abbreviations(full_text))
    period = meta.period

    parent = next((j for j in resolver.chain[1:2]), None)
    info = PlanInfo(
        id=pid, title=meta.title, issuer=issuer.name, issuer_id=issuer.id, issuer_level=issuer.level,
        parent_jurisdiction=parent.name if parent else None, kind=meta.kind,
        period_start=period[0], period_end=period[1], status=meta.status,
        document_number=meta.document_number, issue_date=meta.issue_date,
        issuing_office=meta.issuing_office, copied_to=meta.copied_to, line=meta.title_line,
    )

    part_no = {id(p): p.ordinal for p in o.parts}
    section_ids: dict[int, str] = {}
    sections: list[Section] = []
    part_of_section = {}
    for p in o.parts:
        for s in o.sections:
            if s.line > p.line:
                part_of_section[id(s)] = p
    for s in o.sections:
        p = part_of_section.get(id(s))
        sid = f"{pid}-s{part_no.get(id(p), 0)}.{s.ordinal}"
        section_ids[id(s)] = sid
        goal = None
        if s.part == "tasks" and "。" in s.text:
            rest = s.text.split("。", 1)[1].strip()
            goal = rest or None
        sections.append(Section(id=sid, part=s.part, label=s.label, ordinal=s.ordinal or 0,
                                title=s.title, goal=goal, line=s.line))

    tasks: list[Task] = []
    carried: list[tuple[str, object]] = []
    clause_year = period[0] or (int(meta.issue_date[:4]) if meta.issue_date else None)
    for i, b in enumerate(o.tasks, start=1):
        span = find_clause(b.text) or label_lines(b.text)
        clause_text = b.text[span[0] : span[1]] if span else b.heading_clause
        clause = parse_clause(clause_text) if clause_text else None
        units = units_for(clause, resolver, carried) if clause else units_for(Clause(text=""), resolver, carried)
        if clause:
            new = [(r, resolver.resolve(r)) for r in clause.inherit]
            if clause.inherit_local:
                new += [(u.raw, resolver.resolve(u.raw)) for u in clause.units
                        if resolver.resolve(u.raw).kind in LOCAL_KINDS]
            if new:
                ids = {a.id for _, a in carried}
                carried = carried + [(r, a) for r, a in new if a.id not in ids]
        body = (b.text[: span[0]] + b.text[span[1]:]) if span else b.text
        tasks.append(Task(
            id=f"{pid}-t{i:03d}", number=b.ordinal,
            label=b.label or None, section=b.section.title if b.section else None,
            section_id=section_ids.get(id(b.section)) if b.section else None, part=b.part,
            title=b.title, text=b.text, clause=clause_text, line=b.line,
            units=units, targets=extract_targets(body, line=b.line, period=period),
            deadline=parse_deadline(clause.deadline, clause_year) if clause else None,
        ))

    warnings: list[str] = list(meta.warnings)
    if task_tables:
        plan_year = period[0] or (int(meta.issue_date[:4]) if meta.issue_date else None)
        _add_table_tasks(task_tables, tasks, sections, resolver, pid, plan_year, period, warnings)

    indicators: list[IndicatorRow] = []
    for t in tables:
        for k, r in enumerate(t.rows, start=1):
            refs = units_for(parse_clause(r.responsible_text), resolver) if r.responsible_text.strip() else []
            indicators.append(IndicatorRow(
                id=f"{pid}-i{t.start_line}.{k}", number=r.number, category=r.category, name=r.name,
                unit=r.unit, targets=r.targets, responsible=refs, line=r.line,
                comparators=r.comparators, value_max=r.value_max, attribute=r.attribute,
                baseline=r.baseline, baseline_comparators=r.baseline_comparators,
                baseline_value_max=r.baseline_value_max,
            ))

    goals = [tg for p in o.goal_paragraphs for tg in extract_targets(p.text, line=p.line, period=period)]
    industries = extract_industries([(p.line, p.text) for p in o.body_paragraphs], period=period)
    return PlanRecord(
        source=SourceInfo(path=doc.path, sha256=doc.sha256, encoding=doc.encoding, format=doc.format),
        plan=info, jurisdictions=sorted(resolver.jurisdictions.values(), key=lambda j: j.id),
        sections=sections, tasks=tasks, indicators=indicators, goals=goals, industries=industries,
        warnings=list(doc.notes) + warnings,
    )


# -- task tables -------------------------------------------------------------
#
# A table row is a task. Where the plan also has clause tasks, a row that is the same
# task as a clause task (same title, or one's title inside the other's text; the same
# number helps) is linked to it rather than counted twice: the clause task keeps its
# place and number, takes the row's deadline, and gains the row's units that the
# clause does not name (UnitRef.source "table"); a body both name is one UnitRef with
# source "both" and the table's row and lead beside the clause's. Where the two
# disagree on owners, both are kept and a warning names the task. Several rows may
# link to one clause task (a table that splits a task into steps); its deadline is
# then the latest.

_LINK_THRESHOLD = 0.6


def _plain(text: str) -> str:
    return re.sub(r"[\s，。、；：,.;:“”\"（）()]", "", text)


def _same_task(row: TaskTableRow, task: Task) -> float:
    a, b = _plain(_title_of(row.task)), _plain(task.title)
    if not a or not b:
        return 0.0
    score = SequenceMatcher(None, a, b).ratio()
    whole_row, whole_task = _plain(row.task), _plain(task.text)
    if (len(a) >= 6 and a in whole_task) or (len(b) >= 6 and b in whole_row):
        score = max(score, 0.9)
    if row.number is not None and row.number == task.number:
        score += 0.15
    return score


def _title_of(text: str) -> str:
    return re.split(r"[。！？；]", text, maxsplit=1)[0].strip()


def _row_clause(row: TaskTableRow) -> str:
    """The row's owner cells written as one clause, read by the clause reader."""
    groups = []
    if row.leads:
        groups.append("牵头单位：" + "、".join(row.leads))
    if row.supports:
        groups.append("配合单位：" + "、".join(row.supports))
    if row.responsible:
        label = "配合单位：" if row.leads else "责任单位："
        groups.append(label + "、".join(row.responsible))
    return "；".join(groups)


def _add_table_tasks(task_tables: list[TaskTable], tasks: list[Task], sections: list[Section],
                     resolver: AgencyResolver, pid: str, plan_year: int | None,
                     period: tuple[int | None, int | None], warnings: list[str]) -> None:
    clause_tasks = [t for t in tasks if t.part == "tasks"]
    by_title = {_plain(s.title): s for s in sections if s.part == "tasks"}
    yearless = 0
    for ti, table in enumerate(task_tables, start=1):
        table_sections: dict[str, Section] = {}
        for k, row in enumerate(table.rows, start=1):
            clause_text = _row_clause(row)
            units = [u.model_copy(update={"source": "table", "table_line": row.line, "table_lead": u.lead})
                     for u in units_for(parse_clause(clause_text), resolver)] if clause_text else []
            deadline = parse_deadline(row.deadline, plan_year)
            if deadline and deadline.date and not names_year(row.deadline):
                yearless += 1
            scored = [(_same_task(row, t), t) for t in clause_tasks]
            score, match = max(scored, key=lambda x: x[0], default=(0.0, None))
            if match is not None and score >= _LINK_THRESHOLD:
                _link(match, units, deadline, row, warnings)
                continue
            section = None
            if row.section:
                key = _plain(row.section)
                section = by_title.get(key) or table_sections.get(key)
                if section is None:
                    section = Section(
                        id=f"{pid}-x{ti}.s{len(table_sections) + 1}", part="tasks",
                        label=row.section_label or row.section, ordinal=row.section_number or len(table_sections) + 1,
                        title=row.section, line=row.line,
                    )
                    table_sections[key] = section
                    sections.append(section)
            text = row.task + "".join(f"（{h}：{v}）" for h, v in row.extra.items())
            tasks.append(Task(
                id=f"{pid}-x{ti}.{k:03d}", number=row.number,
                label=row.number_text if row.number is not None else None,
                section=section.title if section else None, section_id=section.id if section else None,
                part="tasks", title=_title_of(row.task), text=text, clause=clause_text or None,
                line=row.line, units=units, deadline=deadline,
                targets=extract_targets(row.task, line=row.line, period=period),
            ))
    if yearless and period[0] and period[1] and period[1] > period[0]:
        warnings.append(
            f"task table: {yearless} deadline(s) name a month or quarter but no year; read in "
            f"{period[0]}, the plan's first year ({period[0]}–{period[1]})"
        )


def _link(task: Task, units: list[UnitRef], deadline, row: TaskTableRow, warnings: list[str]) -> None:
    if deadline is not None:
        if task.deadline is None or (deadline.date and (task.deadline.date or "") < deadline.date):
            task.deadline = deadline
    have = {u.agency_id: u for u in task.units}
    clause_leads = {u.agency_id for u in task.units if u.lead and u.source in ("clause", "both")}
    table_leads = {u.agency_id for u in units if u.lead}
    clause_ids = {u.agency_id for u in task.units if u.source in ("clause", "both")}
    table_ids = {u.agency_id for u in units}
    for u in units:
        kept = have.get(u.agency_id)
        if kept is None:
            task.units.append(u)
            have[u.agency_id] = u
        elif kept.source in ("clause", "both"):
            # one UnitRef per body; what the table says of it is kept beside the clause's
            kept.source = "both"
            kept.table_line = kept.table_line or u.table_line
            kept.table_lead = bool(kept.table_lead) or u.lead
    if units and clause_ids and (clause_ids != table_ids or (table_leads and clause_leads != table_leads)):
        raw = {u.agency_id: u.raw for u in [*units, *task.units]}

        def names(ids: set[str]) -> str:
            return "、".join(sorted(raw[i] for i in ids)) or "无"
        warnings.append(
            f"task {task.label or task.number} (line {task.line}) and its table row (line {row.line}) "
            f"disagree on owners: clause leads {names(clause_leads)}, table leads {names(table_leads)}; "
            f"clause only {names(clause_ids - table_ids)}, table only {names(table_ids - clause_ids)}"
        )
