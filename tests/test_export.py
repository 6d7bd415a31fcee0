"""to_networkx on both stores: the whole graph, one plan, some labels."""

from __future__ import annotations

from collections import Counter

from plankg.graph.export import to_networkx
from plankg.graph.model import NODES, RELS


def test_whole_graph_matches_counts(store):
    g = to_networkx(store)
    counts = store.counts()
    labels = Counter(d["node_label"] for _, d in g.nodes(data=True))
    types = Counter(d["type"] for _, _, d in g.edges(data=True))
    assert {n.label: labels[n.label] for n in NODES} == {n.label: counts[n.label] for n in NODES}
    assert {r.type: types[r.type] for r in RELS} == {r.type: counts[r.type] for r in RELS}


def test_one_plan(store, seed_records):
    record = next(r for r in seed_records if r.plan.issuer == "溧水区")
    g = to_networkx(store, plan_id=record.plan.id)
    tasks = [n for n, d in g.nodes(data=True) if d["node_label"] == "Task"]
    assert len(tasks) == len(record.tasks)
    plans = [d["id"] for _, d in g.nodes(data=True) if d["node_label"] == "Plan"]
    assert plans == [record.plan.id]
    agencies = {d["id"] for _, d in g.nodes(data=True) if d["node_label"] == "Agency"}
    assert agencies == {u.agency_id for t in record.tasks for u in t.units} | {
        u.agency_id for i in record.indicators for u in i.responsible
    }
    # The issuer's chain up to the province comes along.
    areas = {d["name"] for _, d in g.nodes(data=True) if d["node_label"] == "Jurisdiction"}
    assert {"溧水区", "南京市", "江苏省"} <= areas
    # Every task's lead is an edge with its role.
    roles = Counter(d["role"] for _, _, d in g.edges(data=True) if d["type"] == "ASSIGNED_TO")
    assert roles["lead"] >= 1


def test_labels_subset(store):
    g = to_networkx(store, labels=["Agency", "Jurisdiction"])
    assert {d["node_label"] for _, d in g.nodes(data=True)} == {"Agency", "Jurisdiction"}
    assert {d["type"] for _, _, d in g.edges(data=True)} == {"BELONGS_TO", "PART_OF"}
    assert g.number_of_nodes() == store.counts()["Agency"] + store.counts()["Jurisdiction"]


def test_same_graph_from_both_stores(ladybug_store, neo4j_store):
    a, b = to_networkx(ladybug_store), to_networkx(neo4j_store)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))
