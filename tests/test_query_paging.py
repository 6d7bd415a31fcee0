"""Queries paged in the runner (page_in_runner): the page and its total are the ones
the store's own SKIP/LIMIT and count query give, on both stores; and the mirror
optional-filter guard `(test OR $p IS NOT NULL)` folds exactly."""

from __future__ import annotations

import pytest

from plankg.queries.catalogue import _count_cypher, get_query, list_queries, run_query, specialise, validate_params

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
