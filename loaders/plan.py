"""One document → one PlanRecord: text, structure, clauses, agencies, and the
quantitative readers (targets, indicator tables, industries) put together."""

from __future__ import annotations

import hashlib

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
        return None
    start = len("\n".join(lines[:k])) + 1
    return start, len(text)


def parse_document(doc: SourceDocument) -> PlanRecord:
    lines = doc.lines
    tables = find_indicator_tables(lines)
    skip = {n for t in tables for n in range(t.start_line, t.end_line + 1)}
    paras = paragraphs(lines, skip)
    if not paras:
        raise ParseError(doc.path, "no text found")
    o = outline(paras, lines)
    meta = o.meta
    if not o.tasks:
        raise ParseError(doc.path, "no tasks found: not a plan (no numbered tasks or responsibility clauses)")
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
    for i, b in enumerate(o.tasks, start=1):
        span = find_clause(b.text) or label_lines(b.text)
        clause = parse_clause(b.text[span[0] : span[1]]) if span else None
        units = units_for(clause, resolver, carried) if clause else units_for(Clause(text=""), resolver, carried)
        if clause:
            new = [(r, resolver.resolve(r)) for r in clause.inherit]
            if clause.inherit_local:
                new += [(u.raw, resolver.resolve(u.raw)) for u in clause.units
                        if resolver.resolve(u.raw).kind in LOCAL_KINDS]
            if new:
                ids = {a.id for _, a in carried}
                carried = carried + [(r, a) for r, a in new if a.id not in ids]
        body = b.text[: span[0]] if span else b.text
        tasks.append(Task(
            id=f"{pid}-t{i:03d}", number=b.ordinal,
            label=b.label or None, section=b.section.title if b.section else None,
            section_id=section_ids.get(id(b.section)) if b.section else None, part=b.part,
            title=b.title, text=b.text, clause=b.text[span[0] : span[1]] if span else None, line=b.line,
            units=units, targets=extract_targets(body, line=b.line, period=period),
        ))

    indicators: list[IndicatorRow] = []
    for t in tables:
        for k, r in enumerate(t.rows, start=1):
            refs = units_for(parse_clause(r.responsible_text), resolver) if r.responsible_text.strip() else []
            indicators.append(IndicatorRow(
                id=f"{pid}-i{t.start_line}.{k}", number=r.number, category=r.category, name=r.name,
                unit=r.unit, targets=r.targets, responsible=refs, line=r.line,
            ))

    goals = [tg for p in o.goal_paragraphs for tg in extract_targets(p.text, line=p.line, period=period)]
    industries = extract_industries([(p.line, p.text) for p in o.body_paragraphs], period=period)
    return PlanRecord(
        source=SourceInfo(path=doc.path, sha256=doc.sha256, encoding=doc.encoding, format=doc.format),
        plan=info, jurisdictions=sorted(resolver.jurisdictions.values(), key=lambda j: j.id),
        sections=sections, tasks=tasks, indicators=indicators, goals=goals, industries=industries,
        warnings=list(doc.notes),
    )
