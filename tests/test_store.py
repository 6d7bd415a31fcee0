"""Both stores, loaded with the real seeds: counts, idempotence, versions, faults, reads."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from handmade import toy_plan

from plankg.errors import StoreError
from plankg.graph.ladybug_store import LadybugStore
from plankg.graph.model import NODES, RELS
from plankg.graph.rows import canonical_indicator


def expected_counts(records) -> dict[str, int]:
    """The counts the graph must have, worked out from the records alone."""
    jurisdictions: set[str] = set()

    def add_path(jid):
        if jid:
            parts = jid.split("/")
            jurisdictions.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))

    agencies, kinds, of_kind, belongs, assigned, promotes, industries = set(), set(), set(), set(), set(), set(), set()
    involves: set[tuple[str, str]] = set()  # one summary per plan and agency it gives tasks to
    c = dict.fromkeys([n.label for n in NODES] + [r.type for r in RELS], 0)
    for r in records:
        pid = r.plan.id
        c["Plan"] += 1
        c["ISSUED"] += 1
        c["FROM"] += 1
        add_path(r.plan.issuer_id)
        for j in r.jurisdictions:
            add_path(j.id)
            add_path(j.parent)
        c["Section"] += len(r.sections)
        c["HAS_SECTION"] += len(r.sections)
        c["Task"] += len(r.tasks)
        c["HAS_TASK"] += len(r.tasks)
        c["Indicator"] += len(r.indicators)
        c["HAS_INDICATOR"] += len(r.indicators)
        names = {}
        for row in r.indicators:
            names.setdefault(row.name, row.id)
            names.setdefault(canonical_indicator(row.name), row.id)
        owners = [(("task", t.id), t.units) for t in r.tasks] + [(("ind", i.id), i.responsible) for i in r.indicators]
        for owner, units in owners:
            for u in units:
                agencies.add(u.agency_id)
                kinds.add(u.function or u.kind)
                of_kind.add((u.agency_id, u.function or u.kind))
                add_path(u.jurisdiction)
                if u.jurisdiction:
                    belongs.add((u.agency_id, u.jurisdiction))
                assigned.add((pid, owner, u.agency_id))
                if owner[0] == "task":
                    involves.add((pid, u.agency_id))
        table = [v for row in r.indicators for v in row.targets.values() if v is not None]
        free = list(r.goals) + [t for task in r.tasks for t in task.targets]
        ind_targets = [t for ind in r.industries for t in ind.targets]
        # an industry target that a goal or task states already is that same Target
        stated = {(t.text, t.value, t.unit, t.year) for t in free}
        own = [t for t in ind_targets if (t.text, t.value, t.unit, t.year) not in stated]
        c["Target"] += len(table) + len(free) + len(own)
        c["SETS"] += len(table) + len(free) + len(own)
        c["ABOUT"] += len(ind_targets)
        c["MEASURES"] += len(table) + sum(
            1 for t in free + own
            if t.indicator and (t.indicator in names or canonical_indicator(t.indicator) in names)
        )
        for ind in r.industries:
            industries.add(ind.canonical)
            promotes.add((pid, ind.canonical))
    c["Document"] = len({r.source.sha256 for r in records})
    c["Jurisdiction"] = len(jurisdictions)
    c["PART_OF"] = sum(1 for j in jurisdictions if "/" in j)
    c["Agency"], c["AgencyKind"], c["OF_KIND"] = len(agencies), len(kinds), len(of_kind)
    c["BELONGS_TO"], c["ASSIGNED_TO"] = len(belongs), len(assigned)
    c["Industry"], c["PROMOTES"] = len(industries), len(promotes)
    c["INVOLVES"] = len(involves)
    return c


def involves_mismatches(store) -> list:
    """INVOLVES rows that differ from aggregating the task assignments themselves."""
    facts = store.run(
        "MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency) "
        "RETURN t.plan_id AS plan, g.id AS agency, count(*) AS tasks, "
        "count(CASE WHEN a.lead THEN 1 END) AS lead, "
        "count(CASE WHEN a.lead AND a.lead_basis = 'explicit' THEN 1 END) AS lead_explicit, "
        "count(CASE WHEN a.lead AND a.lead_basis = 'first_listed' THEN 1 END) AS lead_first_listed, "
        "count(CASE WHEN a.role = 'support' THEN 1 END) AS support, "
        "count(CASE WHEN a.inherited THEN 1 END) AS inherited"
    )
    summary = store.run(
        "MATCH (p:Plan)-[s:INVOLVES]->(g:Agency) "
        "RETURN p.id AS plan, g.id AS agency, s.tasks AS tasks, s.lead AS lead, s.lead_explicit AS lead_explicit, "
        "s.lead_first_listed AS lead_first_listed, s.support AS support, s.inherited AS inherited"
    )
    key = lambda r: (r["plan"], r["agency"])  # noqa: E731
    want = {key(r): {k: int(v) for k, v in r.items() if k not in ("plan", "agency")} for r in facts}
    have = {key(r): {k: int(v) for k, v in r.items() if k not in ("plan", "agency")} for r in summary}
    return sorted((k, want.get(k), have.get(k)) for k in want.keys() | have.keys() if want.get(k) != have.get(k))


def test_involves_sums_the_task_assignments(store):
    assert store.counts()["INVOLVES"] > 0
    assert involves_mismatches(store) == []


def snapshot(store) -> dict:
    """Every node and rel with all its properties, in a fixed order."""
    out = {}
    for node in NODES:
        out[node.label] = store.run(f"MATCH (n:{node.label}) RETURN n ORDER BY n.id")
    for rel in RELS:
        out[rel.type] = store.run(
            f"MATCH (a)-[r:{rel.type}]->(b) RETURN a.id AS src, b.id AS dst, r ORDER BY src, dst"
        )
    return out


def test_seed_counts_match_the_records(store, seed_records):
    assert store.counts() == expected_counts(seed_records)


def test_seed_counts_match_the_texts(store, seed_dir):
    """Facts read straight from the files: five plans, each from its own file."""
    files = sorted(seed_dir.glob("*.txt"))
    counts = store.counts()
    assert counts["Plan"] == counts["Document"] == counts["FROM"] == len(files) == 5
    shas = {hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    assert {r["id"] for r in store.run("MATCH (d:Document) RETURN d.id AS id")} == shas
    issuers = store.run("MATCH (j:Jurisdiction)-[:ISSUED]->(p:Plan) RETURN j.name AS issuer ORDER BY issuer")
    assert sorted(r["issuer"] for r in issuers) == sorted(["溧水区", "武进区", "盐城市", "无锡市", "宿迁市"])
    chain = store.run(
        "MATCH (d:Jurisdiction {name: '溧水区'})-[:PART_OF*1..3]->(a:Jurisdiction) RETURN a.name AS up ORDER BY up"
    )
    assert sorted(r["up"] for r in chain) == sorted(["南京市", "江苏省"])
    assert len(store.plan_ids()) == 5


def test_each_task_hangs_under_its_plan(store, seed_records):
    rows = store.run(
        "MATCH (p:Plan)-[:HAS_SECTION|HAS_TASK*1..2]->(t:Task) WHERE t.plan_id = p.id "
        "RETURN p.id AS plan, count(DISTINCT t) AS n ORDER BY plan"
    )
    assert {r["plan"]: r["n"] for r in rows} == {
        r.plan.id: len(r.tasks) for r in seed_records if r.tasks
    }


def test_loading_twice_changes_nothing(fresh_store, seed_records):
    fresh_store.load_records(seed_records)
    before_counts, before = fresh_store.counts(), snapshot(fresh_store)
    summary = fresh_store.load_records(seed_records)
    assert summary.ok and summary.plans_loaded == len(seed_records)
    assert fresh_store.counts() == before_counts
    assert snapshot(fresh_store) == before


def test_new_version_replaces_old_facts(fresh_store):
    fresh_store.load_records([toy_plan(1)])
    v1 = fresh_store.counts()
    assert v1["Task"] == 2 and v1["Document"] == 1
    summary = fresh_store.load_records([toy_plan(2)])
    assert summary.ok
    v2 = fresh_store.counts()
    assert v2["Task"] == 1 and v2["HAS_TASK"] == 1 and v2["Plan"] == 1
    assert v2["Document"] == 1  # the old file went with the old version
    assert v2["ASSIGNED_TO"] == v1["ASSIGNED_TO"] - 1
    # the plan's per-agency summary is the new version's, not the old one's plus it
    assert v2["INVOLVES"] == len(fresh_store.run("MATCH (:Task)-[:ASSIGNED_TO]->(g:Agency) RETURN DISTINCT g.id AS g"))
    assert involves_mismatches(fresh_store) == []
    values = fresh_store.run(
        "MATCH (:Task)-[:SETS]->(t:Target) RETURN t.value AS v"
    )
    assert values == [{"v": 70.0}]
    # Shared nodes stay: another plan may name the same bodies.
    assert v2["Agency"] == v1["Agency"] == 2


def test_fault_half_way_leaves_store_as_before(fresh_store, seed_records, monkeypatch):
    first, *rest = seed_records
    fresh_store.load_records(rest + [toy_plan(1)])
    before_counts, before = fresh_store.counts(), snapshot(fresh_store)

    calls = {"n": 0}
    real_write = fresh_store._write

    def failing_write(cypher, params=None):
        real_write(cypher, params)
        calls["n"] += 1
        if calls["n"] == 12:  # well after the old facts were deleted and new ones written
            raise RuntimeError("injected fault")

    monkeypatch.setattr(fresh_store, "_write", failing_write)
    # A new plan and a new version of a loaded one, each failing half-way.
    for record in (first, toy_plan(2)):
        calls["n"] = 0
        summary = fresh_store.load_records([record])
        assert not summary.ok and "injected fault" in summary.failures[0].message
        assert summary.failures[0].path == record.source.path
        assert calls["n"] == 12
        assert fresh_store.counts() == before_counts
        assert snapshot(fresh_store) == before
    monkeypatch.undo()
    # The store still works, and a good plan loads after the failed ones.
    assert fresh_store.load_records([first]).ok
    assert fresh_store.counts()["Plan"] == before_counts["Plan"] + 1


def test_one_failing_plan_does_not_stop_the_others(fresh_store, seed_records):
    bad = toy_plan(1)
    bad.tasks[0].units[0].kind = "department"
    bad.plan.period_start = "不是年份"  # type: ignore[assignment]  # fails in the row builder
    summary = fresh_store.load_records([bad, *seed_records[:2]])
    assert [f.path for f in summary.failures] == ["toy_v1.txt"]
    assert summary.plans_loaded == 2
    assert fresh_store.counts()["Plan"] == 2


def test_bulk_load_equals_incremental_load(fresh_store, seed_records):
    summary = fresh_store.bulk_load(seed_records)
    assert summary.plans_loaded == len(seed_records)
    assert fresh_store.counts() == expected_counts(seed_records)
    bulk = snapshot(fresh_store)
    # Loading the same plans one by one over it (each replacing its plan) changes nothing.
    assert fresh_store.load_records(seed_records).ok
    assert snapshot(fresh_store) == bulk


def test_delete_plan(fresh_store):
    fresh_store.load_records([toy_plan(1)])
    fresh_store.delete_plan(toy_plan(1).plan.id)
    counts = fresh_store.counts()
    for label in ("Plan", "Section", "Task", "Target", "Indicator", "Document"):
        assert counts[label] == 0, label
    assert counts["Agency"] == 2  # shared nodes stay
    assert fresh_store.plan_ids() == []


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (:Plan {id: 'x'})",
        "MATCH (p:Plan) SET p.title = '改'",
        "MATCH (n) DETACH DELETE n",
        "MERGE (a:Agency {id: 'x'}) RETURN a",
        "MATCH (t:Task) REMOVE t.title",
    ],
)
def test_run_refuses_writes(store, cypher):
    before = store.counts()
    with pytest.raises(StoreError):
        store.run(cypher)
    assert store.counts() == before


def test_run_reads_words_inside_strings(store):
    rows = store.run("RETURN 'CREATE 与 SET' AS w, $x AS x", {"x": 1})
    assert rows == [{"w": "CREATE 与 SET", "x": 1}]


def test_ladybug_read_only_mode(tmp_path):
    path = tmp_path / "ro.lbdb"
    with LadybugStore(path) as writer:
        assert writer.load_records([toy_plan(1)]).ok
    with LadybugStore(path, read_only=True) as reader:
        assert reader.counts()["Task"] == 2
        summary = reader.load_records([toy_plan(2)])
        assert not summary.ok and "read-only" in summary.failures[0].message
        assert reader.counts()["Task"] == 2


def test_cli_load_reports_failures_and_loads_the_rest(tmp_path, seed_dir, seed_records):
    from typer.testing import CliRunner

    from plankg.api.cli import app

    docs = tmp_path / "docs"
    docs.mkdir()
    for f in sorted(seed_dir.glob("*.txt"))[:2]:
        (docs / f.name).write_bytes(f.read_bytes())
    (docs / "empty.txt").write_text("   \n", encoding="utf-8")
    db = tmp_path / "cli.lbdb"
    runner = CliRunner()
    result = runner.invoke(app, ["load", str(docs), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "empty.txt" in result.output and "failed" in result.output
    assert "Loaded 2 of 3 files" in result.output
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert stats.exit_code == 0, stats.output
    plans = next(line for line in stats.output.splitlines() if " Plan " in line)
    assert plans.split()[-2] == "2"
    tasks = next(line for line in stats.output.splitlines() if " Task " in line)
    by_name = {Path(r.source.path).name: r for r in seed_records}
    assert int(tasks.split()[-2]) == sum(len(by_name[f.name].tasks) for f in docs.glob("0*.txt"))


def test_indicator_cell_comparators_reach_the_graph(tmp_path):
    # `1200以上` in a 目标值 cell is 1200 with >=; `1000左右` is ~ (unseen3 fixtures)
    from plankg.loaders import parse_file

    fixtures = Path(__file__).parent / "fixtures" / "unseen3"
    record = parse_file(fixtures / "07_guizhou_huichuan_flat_tabbed.txt")
    row = next(r for r in record.indicators if r.comparators)
    year, comparator = next(iter(row.comparators.items()))
    with LadybugStore(tmp_path / "c.lbdb") as store:
        assert store.load_records([record]).ok
        got = store.run(
            "MATCH (t:Target)-[:MEASURES]->(i:Indicator) WHERE t.origin = 'table' AND i.name = $n AND t.year = $y "
            "RETURN t.value AS value, t.comparator AS comparator, i.attribute AS attribute",
            {"n": row.name, "y": int(year)},
        )
    assert got == [{"value": row.targets[year], "comparator": comparator, "attribute": row.attribute}]
