"""Typed records a plan document is read into.

These are the contract between the loaders and everything after them (graph,
queries, checks, exports). Field names in the JSON form are part of the public
`plankg parse --format json` output: add fields freely, never rename them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["province", "city", "district", "county", "town", "unknown"]
Part = Literal["goals", "tasks", "safeguards", "other"]
Status = Literal["draft", "issued"]
LeadBasis = Literal["explicit", "first_listed", "none"]
Role = Literal["lead", "support"]
Comparator = Literal[">=", "=", "~", "<=", ">"]
Scope = Literal["annual", "cumulative", "new", "growth_rate", "level"]
AgencyKindName = Literal[
    "department",  # government department: 工信局, 发改委, 政府办 …
    "party_organ",  # 市委组织部, 市委金融办, 人才办 …
    "lower_government",  # 永阳街道, 和凤镇, 某某区人民政府
    "collective",  # 各镇街, 各县（市、区）人民政府, 各有关部门
    "development_zone",  # 开发区, 高新区 and their 管委会
    "state_enterprise",  # 招商公司, 溧高投, 市大数据集团
    "institute",  # 研究院, 创新园, 中心
    "central_vertical",  # 国家金融监管总局宿迁监管分局, 人民银行宿迁市分行
    "other",
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class SourceInfo(Record):
    path: str
    sha256: str
    encoding: str
    format: str = "txt"


class Jurisdiction(Record):
    """An administrative area. `id` is its name path from the province down,
    e.g. `江苏省/南京市/溧水区`, so that two 开发区 of different cities stay apart."""

    id: str
    name: str
    level: Level
    parent: str | None = None  # parent jurisdiction id


class PlanInfo(Record):
    id: str  # stable across versions of the same plan: issuer + title
    title: str  # without the status mark
    issuer: str  # jurisdiction name, e.g. 溧水区
    issuer_id: str  # jurisdiction id, e.g. 江苏省/南京市/溧水区
    issuer_level: Level
    parent_jurisdiction: str | None = None  # parent's name, e.g. 南京市
    kind: str  # 三年行动计划, 行动方案, 实施方案, 工作要点 …
    period_start: int | None = None
    period_end: int | None = None
    status: Status
    document_number: str | None = None  # 宿政发〔2024〕15号
    issue_date: str | None = None  # ISO date where printed
    issuing_office: str | None = None
    copied_to: list[str] = Field(default_factory=list)  # 抄送: informed, never responsible
    line: int = 1  # line of the title


class Section(Record):
    id: str
    part: Part
    label: str  # as printed: （一）
    ordinal: int  # 1 for （一）
    title: str
    goal: str | None = None  # a section-level goal sentence, when the section has one
    line: int


class Deadline(Record):
    """When a task is due. `date` is set where the text names a date within the plan
    year; `term` keeps open terms (全年推进, 持续推进, 长期坚持)."""

    text: str
    date: str | None = None  # ISO date
    year: int | None = None
    term: str | None = None


class Target(Record):
    text: str  # the clause as written
    indicator: str | None = None
    value: float | None = None
    value_max: float | None = None  # upper end of a range such as 1—2家
    value_text: str | None = None  # non-numeric targets: 完成省定目标, 全覆盖
    unit: str | None = None
    comparator: Comparator | None = None
    year: int | None = None
    scope: Scope | None = None
    line: int | None = None


class UnitRef(Record):
    """One responsible unit of one task, as written and as resolved."""

    raw: str  # exactly as written in the clause
    agency_id: str  # same body ⇒ same id across every plan parsed together
    agency_name: str  # display name: jurisdiction prefix + full function name
    jurisdiction: str  # jurisdiction id of the body
    kind: AgencyKindName
    function: str | None = None  # canonical function, e.g. 工业和信息化局: "which kind of body"
    lead: bool
    lead_basis: LeadBasis  # why this unit is the lead: explicit 牵头, first listed; none if not a lead
    role: Role
    inherited: bool = False  # carried from an earlier 以下均需…不再列出 clause
    # "both": the clause and the plan's task table name the same body (one UnitRef kept)
    source: Literal["clause", "table", "both"] = "clause"
    table_line: int | None = None  # line of the task-table row naming this body (source table or both)
    table_lead: bool | None = None  # whether that row makes it a lead; a "both" unit's `lead` is the clause's


class Task(Record):
    id: str
    number: int | None  # as printed; null for a safeguard item
    label: str | None = None  # printed label, e.g. "8." or "（三）加强要素保障"
    section: str | None = None  # section title
    section_id: str | None = None
    part: Part
    title: str  # heading sentence
    text: str  # full text, responsibility clause included
    clause: str | None = None  # the responsibility clause as written
    line: int
    units: list[UnitRef] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    deadline: Deadline | None = None


class IndicatorRow(Record):
    id: str
    number: int | None
    category: str | None
    name: str
    unit: str | None
    targets: dict[str, float | str | None]  # year → value; None where the table says "/"
    responsible: list[UnitRef] = Field(default_factory=list)
    line: int
    # Cells with more than a number: `≥65` is 65 in targets and ">=" here, `3-5` is 3 and 5 in value_max.
    comparators: dict[str, str] = Field(default_factory=dict)
    value_max: dict[str, float] = Field(default_factory=dict)
    attribute: str | None = None  # 属性: 约束性 / 预期性
    baseline: dict[str, float | str | None] = Field(default_factory=dict)  # year (or 基期值) → value
    baseline_comparators: dict[str, str] = Field(default_factory=dict)
    baseline_value_max: dict[str, float] = Field(default_factory=dict)


class IndustryMention(Record):
    name: str  # as written
    canonical: str  # merged across plans: 新能源汽车 for 智电汽车, 智能网联新能源汽车 …
    tier: str | None = None  # 主导产业, 优势产业, 新兴产业, 未来产业, 传统产业 …
    line: int | None = None
    targets: list[Target] = Field(default_factory=list)  # scale targets: 产业规模达到830亿元


class PlanRecord(Record):
    """Everything read from one plan document."""

    source: SourceInfo
    plan: PlanInfo
    jurisdictions: list[Jurisdiction] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    indicators: list[IndicatorRow] = Field(default_factory=list)
    goals: list[Target] = Field(default_factory=list)
    industries: list[IndustryMention] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json")
