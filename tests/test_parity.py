"""The same reads on Ladybug and Neo4j, loaded with the same seeds, give the same rows;
and each rewrite of graph/dialect.py, shown on its own."""

from __future__ import annotations

import pytest
from test_store import snapshot

from plankg.graph.dialect import adapt

READS = {
    "workload_by_agency": (
        """
        MATCH (t:Task)-[r:ASSIGNED_TO]->(a:Agency)
        RETURN a.id AS agency, a.name AS name, count(t) AS tasks,
               sum(CASE WHEN r.role = 'lead' THEN 1 ELSE 0 END) AS leads,
               sum(CASE WHEN r.role = 'support' THEN 1 ELSE 0 END) AS supports,
               sum(CASE WHEN r.lead_basis = 'explicit' THEN 1 ELSE 0 END) AS explicit_leads
        ORDER BY tasks DESC, agency
        """,
        None,
    ),
    "co_assigned_pairs": (
        """
        MATCH (a1:Agency)<-[:ASSIGNED_TO]-(t:Task)-[:ASSIGNED_TO]->(a2:Agency)
        WHERE a1.id < a2.id
        RETURN a1.id AS first, a2.id AS second, count(DISTINCT t) AS together
        ORDER BY together DESC, first, second
        LIMIT 25
        """,
        None,
    ),
    "indicators_per_plan_optional": (
        """
        MATCH (p:Plan)
        OPTIONAL MATCH (p)-[:HAS_INDICATOR]->(i:Indicator)
        WITH p, i ORDER BY i.id SKIP 0
        RETURN p.id AS plan, count(i) AS n, collect(i.name) AS names
        ORDER BY plan
        """,
        None,
    ),
    "jurisdiction_paths": (
        """
        MATCH (a:Agency)-[:BELONGS_TO]->(j:Jurisdiction)-[:PART_OF*1..3]->(up:Jurisdiction)
        RETURN up.name AS area, count(DISTINCT a) AS agencies
        ORDER BY area
        """,
        None,
    ),
    "jurisdiction_ancestors": (
        """
        MATCH (j:Jurisdiction)-[:PART_OF*1..3]->(up:Jurisdiction)
        RETURN j.id AS area, up.id AS ancestor
        ORDER BY area, ancestor
        """,
        None,
    ),
    "contains_chinese": (
        """
        MATCH (t:Task)
        WHERE t.text CONTAINS '机器人' OR t.title CONTAINS '低空'
        RETURN t.id AS task, t.title AS title
        ORDER BY task
        """,
        None,
    ),
    "params_and_lists": (
        """
        MATCH (t:Task)-[r:ASSIGNED_TO]->(a:Agency)
        WHERE a.function IN $functions AND t.plan_id IN $plans AND r.role = $role
        RETURN t.plan_id AS plan, a.function AS function, count(*) AS n, collect(DISTINCT a.name)[0..3] AS some
        ORDER BY plan, function
        """,
        {"functions": ["工业和信息化局", "发展和改革委员会", "科学技术局"], "role": "lead", "plans": None},
    ),
    "target_numbers": (
        """
        MATCH (p:Plan)-[:SETS]->(t:Target)
        WHERE t.value IS NOT NULL
        RETURN p.id AS plan, count(t) AS n, min(t.year) AS first_year, max(t.value) AS top,
               round(sum(t.value), 2) AS total
        ORDER BY plan
        """,
        None,
    ),
    "unwind_list_param": (
        """
        UNWIND $names AS name
        OPTIONAL MATCH (j:Jurisdiction {name: name})-[:ISSUED]->(p:Plan)
        RETURN name, count(p) AS plans
        ORDER BY name
        """,
        {"names": ["溧水区", "宿迁市", "上海市"]},
    ),
    "rel_types_from_plans": (
        """
        MATCH (p:Plan)-[r]->()
        RETURN type(r) AS rel, count(*) AS n
        ORDER BY rel
        """,
        None,
    ),
    "map_projection": (
        """
        MATCH (p:Plan)
        RETURN p {.id, .issuer, .period_end} AS plan
        ORDER BY p.id
        """,
        None,
    ),
    "exists_short_form": (
        """
        MATCH (a:Agency)
        WHERE EXISTS { (a)<-[:ASSIGNED_TO]-(:Indicator) }
        RETURN a.id AS agency
        ORDER BY agency
        """,
        None,
    ),
    "whole_nodes_and_rels": (
        """
        MATCH (t:Task)-[r:ASSIGNED_TO]->(a:Agency)
        WHERE t.number IN [1, 2]
        RETURN t, r, a
        ORDER BY t.id, a.id
        """,
        None,
    ),
}


@pytest.fixture(scope="module")
def both(ladybug_store, neo4j_store):
    return ladybug_store, neo4j_store


@pytest.mark.parametrize("name", sorted(READS))
def test_same_rows_on_both_stores(both, seed_records, name):
    cypher, params = READS[name]
    if params and "plans" in params:
        params = {**params, "plans": [r.plan.id for r in seed_records]}
    lb, neo = both
    lb_rows, neo_rows = lb.run(cypher, params), neo.run(cypher, params)
    assert lb_rows == neo_rows
    assert lb_rows, f"{name} returned nothing on the seeds: the comparison would prove nothing"


def test_types_match_across_stores(both):
    """sum() of ints is an int on both (Ladybug answers INT128), avg() a float."""
    q = "MATCH (t:Task) RETURN sum(t.line) AS s, avg(t.line) AS a, count(t) AS c"
    for store in both:
        (row,) = store.run(q)
        assert type(row["s"]) is int and type(row["a"]) is float and type(row["c"]) is int


def test_whole_graph_identical(both):
    lb, neo = both
    assert snapshot(lb) == snapshot(neo)


# --- graph/dialect.py, one rewrite at a time ---------------------------------------


def test_adapt_map_projection():
    q = "MATCH (a:Agency) RETURN a {.name, .id, n: size(a.name)} AS m"
    assert adapt(q, "ladybug") == "MATCH (a:Agency) RETURN {name: a.name, id: a.id, n: size(a.name)} AS m"
    assert adapt(q, "neo4j") == q


def test_adapt_type_to_label():
    q = "MATCH ()-[r]->() RETURN type(r) AS t, 'type(r)' AS s"
    assert adapt(q, "ladybug") == "MATCH ()-[r]->() RETURN label(r) AS t, 'type(r)' AS s"
    assert adapt("RETURN label(r)", "neo4j") == "RETURN type(r)"


def test_adapt_set_plus_map():
    q = "MATCH (n:Plan {id: $id}) SET n += {title: $title, status: 'draft'}"
    assert adapt(q, "ladybug") == "MATCH (n:Plan {id: $id}) SET n.title = $title, n.status = 'draft'"


def test_adapt_exists_short_form():
    q = "MATCH (a) WHERE EXISTS { (a)-[:R]->() } RETURN a"
    assert adapt(q, "ladybug") == "MATCH (a) WHERE EXISTS { MATCH (a)-[:R]->() } RETURN a"
    full = "MATCH (a) WHERE EXISTS { MATCH (a)-[:R]->() } RETURN a"
    assert adapt(full, "ladybug") == full


def test_adapt_leaves_literals_and_node_patterns_alone():
    q = "MATCH (p:Plan {id: 'a {.b}'}) WHERE p.title CONTAINS 'EXISTS { (' RETURN p.id // type(x)"
    assert adapt(q, "ladybug") == q
