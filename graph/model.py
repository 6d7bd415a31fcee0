"""The graph model, written down once.

Node labels with their typed properties (the first property, `id`, is the primary
key), relationship types with their endpoint pairs and properties. The Ladybug DDL,
the Neo4j constraints and indexes, the loader's row builders and graph/README.md
are all derived from this module; nothing else spells out the schema.

Types are the small set both stores share: STRING, INT64, DOUBLE, BOOLEAN.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STRING, INT64, DOUBLE, BOOLEAN = "STRING", "INT64", "DOUBLE", "BOOLEAN"


@dataclass(frozen=True)
class NodeSpec:
    label: str
    properties: dict[str, str]
    doc: str
    # Nodes that belong to one plan carry plan_id and are replaced with it;
    # shared nodes (Agency, Jurisdiction …) are merged across plans.
    plan_scoped: bool = False
    indexed: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelSpec:
    type: str
    pairs: tuple[tuple[str, str], ...]
    properties: dict[str, str] = field(default_factory=dict)
    doc: str = ""


NODES: tuple[NodeSpec, ...] = (
    NodeSpec(
        "Document",
        {"id": STRING, "path": STRING, "sha256": STRING, "encoding": STRING, "format": STRING},
        "A source file; id is its sha256.",
    ),
    NodeSpec(
        "Jurisdiction",
        {"id": STRING, "name": STRING, "level": STRING},
        "An administrative area; id is the name path, e.g. 江苏省/南京市/溧水区.",
        indexed=("name",),
    ),
    NodeSpec(
        "Plan",
        {
            "id": STRING,
            "title": STRING,
            "issuer": STRING,
            "issuer_id": STRING,
            "issuer_level": STRING,
            "kind": STRING,
            "period_start": INT64,
            "period_end": INT64,
            "status": STRING,
            "document_number": STRING,
            "issue_date": STRING,
            "issuing_office": STRING,
            "line": INT64,
        },
        "A plan document's content; id is stable across versions (issuer + title).",
        plan_scoped=True,
    ),
    NodeSpec(
        "Section",
        {
            "id": STRING,
            "plan_id": STRING,
            "part": STRING,
            "label": STRING,
            "ordinal": INT64,
            "title": STRING,
            "goal": STRING,
            "line": INT64,
        },
        "A （一） section of the goals, tasks or safeguards part.",
        plan_scoped=True,
    ),
    NodeSpec(
        "Task",
        {
            "id": STRING,
            "plan_id": STRING,
            "number": INT64,
            "label": STRING,
            "part": STRING,
            "section_title": STRING,
            "title": STRING,
            "text": STRING,
            "clause": STRING,
            "line": INT64,
            "deadline_text": STRING,
            "deadline_date": STRING,
            "deadline_year": INT64,
            "deadline_term": STRING,
        },
        "A numbered task, or a safeguard item that carries a responsibility clause.",
        plan_scoped=True,
        indexed=("plan_id",),
    ),
    NodeSpec(
        "Target",
        {
            "id": STRING,
            "plan_id": STRING,
            "origin": STRING,  # goal | task | table | industry
            "text": STRING,
            "indicator": STRING,
            "value": DOUBLE,
            "value_max": DOUBLE,
            "value_text": STRING,
            "unit": STRING,
            "comparator": STRING,
            "year": INT64,
            "scope": STRING,
            "line": INT64,
        },
        "A quantitative (or stated non-numeric) target for a year or the plan period.",
        plan_scoped=True,
        indexed=("year",),
    ),
    NodeSpec(
        "Indicator",
        {
            "id": STRING,
            "plan_id": STRING,
            "number": INT64,
            "category": STRING,
            "name": STRING,
            "canonical": STRING,
            "unit": STRING,
            "attribute": STRING,  # 属性: 约束性 / 预期性
            "line": INT64,
        },
        "A measured quantity named by a plan (a row of its indicator table, or a goal's indicator).",
        plan_scoped=True,
        indexed=("canonical",),
    ),
    NodeSpec(
        "Industry",
        {"id": STRING, "name": STRING},
        "A canonical industry; id is the canonical name.",
    ),
    NodeSpec(
        "Agency",
        {"id": STRING, "name": STRING, "jurisdiction": STRING, "kind": STRING, "function": STRING},
        "A responsible body of a jurisdiction; id is the same for every mention of the same body.",
        indexed=("name",),
    ),
    NodeSpec(
        "AgencyKind",
        {"id": STRING, "name": STRING, "kind": STRING},
        "A kind of body across jurisdictions (all 工业和信息化局 together); id is the function.",
    ),
)

RELS: tuple[RelSpec, ...] = (
    RelSpec("ISSUED", (("Jurisdiction", "Plan"),), doc="The jurisdiction that issued the plan."),
    RelSpec("FROM", (("Plan", "Document"),), doc="The file the plan was read from."),
    RelSpec("HAS_SECTION", (("Plan", "Section"),)),
    RelSpec("HAS_TASK", (("Section", "Task"), ("Plan", "Task"))),
    RelSpec(
        "ASSIGNED_TO",
        (("Task", "Agency"), ("Indicator", "Agency")),
        {
            "role": STRING,  # lead | support
            "lead": BOOLEAN,
            "lead_basis": STRING,  # explicit | first_listed | none
            "inherited": BOOLEAN,
            "raw": STRING,
            "source": STRING,  # clause | table | both (clause and task table name the same body)
            "position": INT64,  # order in the clause, from 0
            "line": INT64,
            "table_line": INT64,  # the task-table row naming the body (source table or both)
            "table_lead": BOOLEAN,  # that row makes it a lead (for both, `lead` is the clause's)
        },
        doc="A unit responsible for a task (or an indicator row).",
    ),
    RelSpec(
        "INVOLVES",
        (("Plan", "Agency"),),
        {
            "tasks": INT64,
            "lead": INT64,
            "lead_explicit": INT64,
            "lead_first_listed": INT64,
            "support": INT64,
            "inherited": INT64,
        },
        doc="Per plan and agency: the plan's task counts of that body (derived from ASSIGNED_TO at load, replaced with the plan)",
    ),
    RelSpec("OF_KIND", (("Agency", "AgencyKind"),)),
    RelSpec("BELONGS_TO", (("Agency", "Jurisdiction"),)),
    RelSpec("PART_OF", (("Jurisdiction", "Jurisdiction"),)),
    RelSpec("SETS", (("Task", "Target"), ("Plan", "Target"))),
    RelSpec("MEASURES", (("Target", "Indicator"),)),
    RelSpec("HAS_INDICATOR", (("Plan", "Indicator"),)),
    RelSpec("ABOUT", (("Target", "Industry"),), doc="A scale target of an industry."),
    RelSpec(
        "PROMOTES",
        (("Plan", "Industry"),),
        {"tier": STRING, "name": STRING, "line": INT64},
        doc="The plan names the industry to grow, in a tier, as written.",
    ),
)

NODE_BY_LABEL = {n.label: n for n in NODES}
REL_BY_TYPE = {r.type: r for r in RELS}
