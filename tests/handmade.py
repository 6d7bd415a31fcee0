"""Hand-built plan records for graph tests that must not depend on the parser."""

from __future__ import annotations

from plankg.loaders.records import (
    Deadline, IndicatorRow, IndustryMention, Jurisdiction, PlanInfo, PlanRecord, Section,
    SourceInfo, Target, Task, UnitRef,
)


def unit(raw, name, jur, function, *, lead=False, kind="department", basis="none", role="support", inherited=False):
    return UnitRef(
        raw=raw, agency_id=f"{jur}/{function}", agency_name=name, jurisdiction=jur, kind=kind,
        function=function, lead=lead, lead_basis=basis, role=role, inherited=inherited,
    )


def toy_plan(version: int = 1, sha: str | None = None) -> PlanRecord:
    """A small plan of 溧水区; version 2 drops a task and changes a target."""
    jur = "江苏省/南京市/溧水区"
    gx = unit("区工信局", "溧水区工业和信息化局", jur, "工业和信息化局", lead=True, basis="first_listed", role="lead")
    fg = unit("区发改委", "溧水区发展和改革委员会", jur, "发展和改革委员会")
    tasks = [
        Task(
            id="t1", number=1, section="（一）做强主导产业", section_id="s1", part="tasks",
            title="壮大智能制造装备产业。", text="壮大智能制造装备产业。（责任单位：区工信局、区发改委）",
            clause="（责任单位：区工信局、区发改委）", line=10, units=[gx, fg],
            targets=[Target(text="新增规上工业企业60家", indicator="规上工业企业", value=60, unit="家", comparator=">=", year=2026, scope="new", line=10)],
            deadline=Deadline(text="年底前", year=2026),
        ),
        Task(
            id="t2", number=2, section="（一）做强主导产业", section_id="s1", part="tasks",
            title="培育总部企业。", text="培育总部企业。（责任单位：区发改委）", line=12, units=[fg],
        ),
    ]
    if version == 2:
        tasks = tasks[:1]
        tasks[0].targets[0].value = 70
    return PlanRecord(
        source=SourceInfo(path=f"toy_v{version}.txt", sha256=sha or f"sha-toy-{version}", encoding="utf-8"),
        plan=PlanInfo(
            id="溧水区/玩具行动计划", title="玩具行动计划", issuer="溧水区", issuer_id=jur,
            issuer_level="district", parent_jurisdiction="南京市", kind="三年行动计划",
            period_start=2026, period_end=2028, status="draft",
        ),
        jurisdictions=[
            Jurisdiction(id="江苏省", name="江苏省", level="province"),
            Jurisdiction(id="江苏省/南京市", name="南京市", level="city", parent="江苏省"),
            Jurisdiction(id=jur, name="溧水区", level="district", parent="江苏省/南京市"),
        ],
        sections=[Section(id="s1", part="tasks", label="（一）", ordinal=1, title="做强主导产业", line=9)],
        tasks=tasks,
        indicators=[
            IndicatorRow(
                id="i1", number=1, category="规模", name="规上工业企业", unit="家",
                targets={"2026": 60, "2027": 50, "2028": None}, responsible=[gx], line=5,
            )
        ],
        goals=[Target(text="规上工业总产值达到1550亿元", indicator="规上工业总产值", value=1550, unit="亿元", comparator="=", year=2028, line=3)],
        industries=[
            IndustryMention(
                name="智能制造装备", canonical="智能制造装备", tier="主导产业", line=10,
                targets=[Target(text="产业规模达到830亿元", value=830, unit="亿元", year=2028, line=10)],
            )
        ],
    )
