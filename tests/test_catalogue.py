"""The query catalogue: headers match bodies, every query runs on both stores with the
same rows, parameters are validated, and null optional parameters work on Ladybug."""

from __future__ import annotations

import re

import pytest

from plankg.errors import QueryError
from plankg.graph.dialect import split_top
from plankg.queries.catalogue import _count_cypher, _strip_comments, get_query, list_queries, run_query, validate_params

SPECS = list_queries()
NAMES = [s.name for s in SPECS]
REQUIRED = {
    "agency": "江苏省/南京市/溧水区:工业和信息化局",
    "year": 2027,
    "indicator": "产值",
    "text": "产业",
}


def return_columns(cypher: str) -> list[list[str]]:
    """The columns of every RETURN that ends a branch (one per UNION branch)."""
    body = _strip_comments(cypher)
    branches = re.split(r"\bUNION\s+ALL\b|\bUNION\b", body)
    cols = []
    for branch in branches:
        tail = re.split(r"\bRETURN\b", branch)[-1]
        tail = re.split(r"\bORDER\s+BY\b|\bSKIP\b|\bLIMIT\b", tail)[0]
        tail = re.sub(r"^\s*DISTINCT\b", "", tail)
        names = []
        for item in split_top(tail):
            m = re.search(r"\bAS\s+(\w+)\s*$", item)
            names.append(m.group(1) if m else item.split(".")[-1])
        cols.append(names)
    return cols


def params_for(spec, store=None) -> dict:
    return {p.name: REQUIRED[p.name] for p in spec.params if p.required and p.name in REQUIRED} | (
        {"plan": store_plan(store)} if store is not None and spec.param("plan") and spec.param("plan").required else {}
    )


def store_plan(store) -> str:
    return sorted(r["id"] for r in store.run("MATCH (p:Plan) RETURN p.id AS id"))[0]


def test_catalogue_has_the_issue_queries():
    wanted = {
        "agency_workload", "agency_kind_workload", "agency_tasks", "agency_partners", "tasks_due", "plan_summary",
        "plan_tasks", "industry_overlap", "indicator_series", "unassigned_tasks", "lead_conflicts", "search_tasks",
        "plans", "agency_detail", "graph_edges",
    }
    assert wanted <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_header_params_match_body(name):
    spec = get_query(name)
    assert spec.title and spec.description and spec.columns
    assert {p.name for p in spec.params} == spec.body_params(), name
    for p in spec.params:
        assert p.description, f"{name}.{p.name} has no description"
        if p.required:
            assert p.name in REQUIRED or p.name == "plan", f"no test value for required {name}.{p.name}"


@pytest.mark.parametrize("name", NAMES)
def test_header_columns_match_return(name):
    spec = get_query(name)
    for branch in return_columns(spec.cypher):
        assert branch == list(spec.columns), name
    assert set(spec.list_columns) <= set(spec.columns)
    assert set(spec.sort_by) <= set(spec.columns)
    if spec.paged:
        assert {"limit", "offset"} <= {p.name for p in spec.params}
        assert re.search(r"SKIP \$offset LIMIT \$limit\s*$", spec.cypher)


def test_validate_params_coerces_and_fills_defaults():
    spec = get_query("agency_workload")
    out = validate_params(spec, {"limit": "10", "year": "2027", "kind": "department", "plan": ""})
    assert out["limit"] == 10 and out["year"] == 2027 and out["kind"] == "department"
    assert out["plan"] is None and out["offset"] == 0 and out["sort"] == "tasks"
    assert validate_params(get_query("tasks_due"), {"year": 2027, "by": "yes"})["by"] is True


@pytest.mark.parametrize(
    "name, raw, param",
    [
        ("agency_workload", {"limit": "ten"}, "limit"),
        ("agency_workload", {"limit": "0"}, "limit"),
        ("agency_workload", {"sort": "height"}, "sort"),
        ("agency_workload", {"colour": "red"}, "colour"),
        ("tasks_due", {}, "year"),
        ("tasks_due", {"year": 2027, "by": "maybe"}, "by"),
        ("agency_tasks", {"agency": "   "}, "agency"),
    ],
)
def test_validate_params_names_the_bad_one(name, raw, param):
    with pytest.raises(QueryError) as err:
        validate_params(get_query(name), raw)
    assert err.value.param == param
    assert repr(param) in str(err.value)


def test_unknown_query():
    with pytest.raises(QueryError) as err:
        get_query("who_knows")
    assert "agency_workload" in str(err.value)


def test_count_cypher_drops_the_page_tail():
    text = _count_cypher(get_query("agency_workload").cypher)
    assert "SKIP" not in text and "ORDER BY" not in text and text.rstrip().endswith("RETURN count(*) AS total")


@pytest.mark.parametrize("name", NAMES)
def test_query_runs_on_seed_graph(store, name):
    spec = get_query(name)
    result = run_query(store, name, params_for(spec, store), with_total=True)
    assert result.columns == list(spec.columns)
    for row in result.rows:
        assert list(row) == list(spec.columns)
    if spec.paged:
        assert result.total is not None and result.total >= len(result.rows)


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_both_stores(ladybug_store, neo4j_store, name):
    spec = get_query(name)
    params = params_for(spec, ladybug_store)
    left = run_query(ladybug_store, name, params, with_total=True)
    right = run_query(neo4j_store, name, params, with_total=True)
    assert left.rows == right.rows
    assert left.total == right.total


def test_ladybug_takes_null_optional_params(ladybug_store):
    """Every optional filter left null, then each set on its own: both must run, and a
    filter can only narrow the unfiltered ranking."""
    spec = get_query("agency_workload")
    everything = run_query(ladybug_store, "agency_workload", {"limit": 10000}).rows
    assert everything
    top = everything[0]
    plan = store_plan(ladybug_store)
    for raw in ({"kind": top["kind"]}, {"jurisdiction": top["jurisdiction"]}, {"function": top["function"]},
                {"role": "lead"}, {"year": 2026}, {"plan": plan}):
        rows = run_query(ladybug_store, "agency_workload", {**raw, "limit": 10000}).rows
        assert 0 < len(rows) <= len(everything), raw
    assert spec.param("kind").default is None


def test_paging_total_counts_every_row(store):
    everything = run_query(store, "agency_workload", {"limit": 10000}).rows
    page = run_query(store, "agency_workload", {"limit": 3, "offset": 2}, with_total=True)
    assert page.total == len(everything)
    assert page.rows == everything[2:5]
