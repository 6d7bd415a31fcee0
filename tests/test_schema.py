"""The schema text both stores get is derived from graph/model.py, and pinned here."""

from __future__ import annotations

from pathlib import Path

from plankg.graph.model import NODES, RELS
from plankg.graph.schema import ladybug_ddl, neo4j_ddl

README = Path(__file__).resolve().parent.parent / "graph" / "README.md"


def test_ladybug_ddl_is_pinned():
    assert ladybug_ddl() == [
        "CREATE NODE TABLE IF NOT EXISTS Document(id STRING, path STRING, sha256 STRING, encoding STRING, format STRING, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS Jurisdiction(id STRING, name STRING, level STRING, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS Plan(id STRING, title STRING, issuer STRING, issuer_id STRING, issuer_level STRING, kind STRING, period_start INT64, period_end INT64, status STRING, document_number STRING, issue_date STRING, issuing_office STRING, line INT64, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS Section(id STRING, plan_id STRING, part STRING, label STRING, ordinal INT64, title STRING, goal STRING, line INT64, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS Task(id STRING, plan_id STRING, number INT64, label STRING, part STRING, section_title STRING, title STRING, text STRING, clause STRING, line INT64, deadline_text STRING, deadline_date STRING, deadline_year INT64, deadline_term STRING, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS Target(id STRING, plan_id STRING, origin STRING, text STRING, indicator STRING, value DOUBLE, value_max DOUBLE, value_text STRING, unit STRING, comparator STRING, year INT64, scope STRING, line INT64, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS Indicator(id STRING, plan_id STRING, number INT64, category STRING, name STRING, canonical STRING, unit STRING, attribute STRING, line INT64, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS Industry(id STRING, name STRING, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS Agency(id STRING, name STRING, jurisdiction STRING, kind STRING, function STRING, PRIMARY KEY(id))",
        "CREATE NODE TABLE IF NOT EXISTS AgencyKind(id STRING, name STRING, kind STRING, PRIMARY KEY(id))",
        "CREATE REL TABLE IF NOT EXISTS ISSUED(FROM Jurisdiction TO Plan)",
        "CREATE REL TABLE IF NOT EXISTS FROM(FROM Plan TO Document)",
        "CREATE REL TABLE IF NOT EXISTS HAS_SECTION(FROM Plan TO Section)",
        "CREATE REL TABLE IF NOT EXISTS HAS_TASK(FROM Section TO Task, FROM Plan TO Task)",
        "CREATE REL TABLE IF NOT EXISTS ASSIGNED_TO(FROM Task TO Agency, FROM Indicator TO Agency, role STRING, lead BOOLEAN, lead_basis STRING, inherited BOOLEAN, raw STRING, source STRING, position INT64, line INT64, table_line INT64, table_lead BOOLEAN)",
        "CREATE REL TABLE IF NOT EXISTS INVOLVES(FROM Plan TO Agency, tasks INT64, lead INT64, lead_explicit INT64, lead_first_listed INT64, support INT64, inherited INT64)",
        "CREATE REL TABLE IF NOT EXISTS OF_KIND(FROM Agency TO AgencyKind)",
        "CREATE REL TABLE IF NOT EXISTS BELONGS_TO(FROM Agency TO Jurisdiction)",
        "CREATE REL TABLE IF NOT EXISTS PART_OF(FROM Jurisdiction TO Jurisdiction)",
        "CREATE REL TABLE IF NOT EXISTS SETS(FROM Task TO Target, FROM Plan TO Target)",
        "CREATE REL TABLE IF NOT EXISTS MEASURES(FROM Target TO Indicator)",
        "CREATE REL TABLE IF NOT EXISTS HAS_INDICATOR(FROM Plan TO Indicator)",
        "CREATE REL TABLE IF NOT EXISTS ABOUT(FROM Target TO Industry)",
        "CREATE REL TABLE IF NOT EXISTS PROMOTES(FROM Plan TO Industry, tier STRING, name STRING, line INT64)",
    ]


def test_neo4j_ddl_is_pinned():
    ddl = neo4j_ddl()
    assert ddl[:3] == [
        "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT jurisdiction_id IF NOT EXISTS FOR (n:Jurisdiction) REQUIRE n.id IS UNIQUE",
        "CREATE TEXT INDEX jurisdiction_name_text IF NOT EXISTS FOR (n:Jurisdiction) ON (n.name)",
    ]
    assert "CREATE INDEX task_plan_id IF NOT EXISTS FOR (n:Task) ON (n.plan_id)" in ddl
    assert "CREATE INDEX target_year IF NOT EXISTS FOR (n:Target) ON (n.year)" in ddl
    assert "CREATE TEXT INDEX indicator_canonical_text IF NOT EXISTS FOR (n:Indicator) ON (n.canonical)" in ddl
    assert "CREATE TEXT INDEX agency_name_text IF NOT EXISTS FOR (n:Agency) ON (n.name)" in ddl
    constraints = [d for d in ddl if d.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == len(NODES)
    # Every indexed property of the model, and plan_id of every plan-scoped label.
    for node in NODES:
        for prop in node.indexed:
            assert f"FOR (n:{node.label}) ON (n.{prop})" in "\n".join(ddl)
        if node.plan_scoped and "plan_id" in node.properties:
            assert f"FOR (n:{node.label}) ON (n.plan_id)" in "\n".join(ddl)


def test_ladybug_accepts_the_ddl(tmp_path):
    from plankg.graph.ladybug_store import LadybugStore

    with LadybugStore(tmp_path / "db") as store:
        store.ensure_schema()
        tables = store.run("CALL show_tables() RETURN name, type")
        assert {(r["name"], r["type"]) for r in tables} == (
            {(n.label, "NODE") for n in NODES} | {(r.type, "REL") for r in RELS}
        )


def test_readme_names_every_label_and_rel():
    text = README.read_text(encoding="utf-8")
    missing = [n.label for n in NODES if f"**{n.label}**" not in text]
    missing += [r.type for r in RELS if f"**{r.type}**" not in text]
    assert not missing, f"graph/README.md does not describe: {missing}"
