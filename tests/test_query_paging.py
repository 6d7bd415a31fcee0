"""Queries paged in the runner (page_in_runner): the page and its total are the ones
the store's own SKIP/LIMIT and count query give, on both stores; and the mirror
optional-filter guard `(test OR $p IS NOT NULL)` folds exactly."""

from __future__ import annotations

import re

import pytest

from plankg.queries.catalogue import (
    _count_cypher,
    _plain,
    _strip_comments,
    get_query,
    list_queries,
    run_query,
    specialise,
    validate_params,
)

IN_RUNNER = [s.name for s in list_queries() if s.page_in_runner]


def test_the_headline_queries_page_in_the_runner():
    assert {"agency_workload", "agency_partners", "agency_kind_workload"} <= set(IN_RUNNER)
    assert all(get_query(n).paged for n in IN_RUNNER)


@pytest.mark.parametrize("name", IN_RUNNER)
@pytest.mark.parametrize("offset", [0, 3])
def test_runner_page_is_the_store_page(store, name, offset):
    spec = get_query(name)
    # the store's own page and its own count, as the runner did before
    values = validate_params(spec, {"limit": 4, "offset": offset})
    store_page = [{c: r.get(c) for c in spec.columns} for r in store.run(specialise(spec.cypher, values), values)]
    count_values = {k: v for k, v in values.items() if k not in ("limit", "offset")}
    store_total = int(store.run(specialise(_count_cypher(spec.cypher), count_values), count_values)[0]["total"])
    page = run_query(store, name, {"limit": 4, "offset": offset}, with_total=True)
    assert store_total > 4
    assert page.total == store_total
    assert page.rows == store_page
    assert len(page.rows) == 4


def test_partners_of_one_agency_are_every_pair_seen_from_it(store):
    pairs = run_query(store, "agency_partners", {"limit": 100000}).rows
    agency = pairs[0]["agency"]
    mine = run_query(store, "agency_partners", {"agency": agency, "limit": 100000}).rows
    # every pair is listed once with the smaller id first; seen from one agency, both ways
    expected = {(r["partner"] if r["agency"] == agency else r["agency"], r["shared_tasks"], r["plans"])
                for r in pairs if agency in (r["agency"], r["partner"])}
    assert {(r["partner"], r["shared_tasks"], r["plans"]) for r in mine} == expected
    assert all(r["agency"] == agency for r in mine)
    assert all(r["plans"] <= r["shared_tasks"] and r["either_leads"] <= r["shared_tasks"] for r in pairs)


def test_not_null_guard_folds_exactly():
    text = "WHERE (g.id = $agency OR $agency IS NULL)\n  AND (g.id < o.id OR $agency IS NOT NULL)"
    assert specialise(text, {"agency": None}) == "WHERE true\n  AND (g.id < o.id)"
    assert specialise(text, {"agency": "x"}) == "WHERE (g.id = $agency)\n  AND true"
    assert specialise(text, {}) == text


VARIANTS = [(s.name, param) for s in list_queries() for param in s.variants]


def test_agency_workload_keeps_the_role_form():
    assert ("agency_workload", "role") in VARIANTS


@pytest.mark.parametrize("name, param", VARIANTS)
def test_variant_bodies_are_read_only_and_return_the_columns(name, param):
    from plankg.graph.ladybug_store import refuse_writes

    spec = get_query(name)
    body = spec.variants[param]
    refuse_writes(body)
    assert f"${param}" in body
    assert re.search(r"SKIP \$offset LIMIT \$limit\s*$", body)
    last = _strip_comments(body).rsplit("RETURN", 1)[1].split("ORDER BY")[0]
    assert [item.split(" AS ")[-1].strip() for item in last.split(",")] == list(spec.columns)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "plans"},
        {"sort": "lead"},
        {"sort": "lead_explicit"},
        {"sort": "support"},
        {"sort": "inherited"},
        {"kind": "department", "sort": "plans"},
        {"year": 2026},
        {"year": 2027, "sort": "lead"},
        {"jurisdiction": "江苏省"},
        {"function": "工业和信息化局"},
    ],
)
def test_workload_summary_equals_the_assignment_aggregation(store, params):
    """INVOLVES (summed at load) gives the rows aggregating ASSIGNED_TO gives: the
    role variant with no role is that aggregation."""
    spec = get_query("agency_workload")
    values = validate_params(spec, {**params, "limit": 10000})
    facts = [{c: _plain(r.get(c)) for c in spec.columns}
             for r in store.run(specialise(spec.variants["role"], values), values)]
    assert facts, params
    assert run_query(store, "agency_workload", {**params, "limit": 10000}).rows == facts


@pytest.mark.parametrize("role", ["lead", "support"])
def test_workload_by_role_counts_that_role_only(store, role):
    rows = run_query(store, "agency_workload", {"role": role, "limit": 10000}).rows
    every = {r["id"]: r for r in run_query(store, "agency_workload", {"limit": 10000}).rows}
    assert rows
    for r in rows:
        assert r["tasks"] <= every[r["id"]]["tasks"] and r["plans"] <= every[r["id"]]["plans"]
        assert r["support"] == (r["tasks"] if role == "support" else 0)
    lead_total = sum(r["tasks"] for r in run_query(store, "agency_workload", {"role": "lead", "limit": 10000}).rows)
    support_total = sum(r["tasks"] for r in run_query(store, "agency_workload", {"role": "support", "limit": 10000}).rows)
    assert lead_total + support_total == sum(r["tasks"] for r in every.values())
