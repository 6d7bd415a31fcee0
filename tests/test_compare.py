"""Cross-plan comparison on the seed graph; expectations from the parsed records or read
by hand from the seeds."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from plankg.api.cli import app
from plankg.graph.ladybug_store import LadybugStore
from plankg.queries.compare import compare_agencies, compare_indicators, compare_industries, normalise

IIT = "工业和信息化局"


def test_normalise_units():
    assert normalise(3, "万亿元") == (30000, "亿元")
    assert normalise(500, "万元") == (0.05, "亿元")
    assert normalise(7.7, "%") == (7.7, "%")
    assert normalise(65, None) == (65, None)


def test_output_value_in_one_unit(store):
    rows = compare_indicators(store, "规上工业总产值").rows
    level = {(r["issuer"], r["year"]): (r["value"], r["unit"], r["origin"]) for r in rows if r["scope"] == "level"}
    # 无锡 writes 3万亿元 (line 19), 宿迁 7000亿元 (line 27), 溧水 a table 1338/1441/1550
    assert level[("无锡市", 2028)] == (30000, "亿元", "goal")
    assert level[("宿迁市", 2025)] == (7000, "亿元", "goal")
    assert [level[("溧水区", y)][0] for y in (2026, 2027, 2028)] == [1338, 1441, 1550]
    assert level[("溧水区", 2028)][2] == "table"  # the goal's 1550 is the same figure
    growth = [r for r in rows if r["scope"] == "growth_rate"]
    assert [(r["issuer"], r["value"], r["unit"]) for r in growth] == [("溧水区", 7.7, "%")]


def test_indicators_shared_by_plans(store):
    rows = compare_indicators(store).rows
    per = {}
    for r in rows:
        per.setdefault(r["indicator"], set()).add(r["plan_id"])
    assert per and all(len(p) >= 2 for p in per.values())
    assert {"规上工业总产值", "高新技术企业"} <= set(per)


def test_industry_overlap_across_jurisdictions(store, seed_records):
    rows = compare_industries(store, min_plans=2).rows
    for industry in ("新型储能", "机器人"):
        expected = {r.plan.issuer_id for r in seed_records if any(m.canonical == industry for m in r.industries)}
        got = {r["jurisdiction"] for r in rows if r["industry"] == industry}
        assert got == expected and len(got) >= 2
    lishui = next(r for r in rows if r["industry"] == "新型储能" and r["issuer"] == "溧水区")
    # 000 line 274: 储能与氢能产业 … 到2028年产业规模达到30亿元
    assert (lishui["scale"], lishui["scale_unit"], lishui["scale_year"]) == (30, "亿元", 2028)
    assert "未来产业" in lishui["tiers"]
    assert all(r["jurisdictions"] >= 2 for r in rows)


def test_agency_kind_per_jurisdiction(store, seed_records):
    rows = compare_agencies(store, IIT).rows
    expected = {}
    for rec in seed_records:
        tasks = [t for t in rec.tasks if any(u.function == IIT for u in t.units)]
        if tasks:
            leads = [t for t in tasks if any(u.function == IIT and u.lead for u in t.units)]
            expected[rec.plan.issuer] = (len(tasks), len(leads), len(rec.tasks))
    got = {r["jurisdiction_name"]: (r["tasks"], r["lead"], r["plan_tasks"]) for r in rows}
    assert got == expected
    assert got["溧水区"] == (12, 7, 17)  # the CLI test's figures for 溧水区工信局
    lishui = next(r for r in rows if r["jurisdiction_name"] == "溧水区")
    assert lishui["share"] == pytest.approx(12 / 17, abs=1e-4)


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_records) -> str:
    path = tmp_path_factory.mktemp("compare") / "graph.lbdb"
    store = LadybugStore(path)
    assert store.load_records(seed_records).ok
    store.close()
    return str(path)


@pytest.mark.parametrize("what, name", [("indicators", "规上工业总产值"), ("industries", None), ("agencies", IIT)])
def test_compare_cli(db, what, name):
    args = ["compare", what, "--db", db, "--json"] + (["-n", name] if name else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert rows
    if what == "agencies":
        assert {r["function"] for r in rows} == {IIT}
    table = CliRunner().invoke(app, ["compare", what, "--db", db] + (["-n", name] if name else []))
    assert table.exit_code == 0 and table.stdout.strip()
