"""The graph (or a part of it) as a networkx MultiDiGraph, for the viz and analysis."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from plankg.graph.base import Store
from plankg.graph.model import NODE_BY_LABEL, NODES, RELS


def to_networkx(
    store: Store,
    *,
    plan_id: str | None = None,
    labels: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Nodes keyed `Label:id` (an agency and an area may share a name path), with
    `node_label` (not `label`: Section has a property of that name) and the model's
    properties; edges keyed by rel type, with `type` and the
    rel's properties.

    `plan_id` keeps one plan's facts and the shared nodes they touch (its agencies,
    their kinds and jurisdictions, its industries, its document); `labels` keeps only
    nodes of those labels (and the rels between them)."""
    wanted = set(labels) if labels is not None else {n.label for n in NODES}
    unknown = wanted - set(NODE_BY_LABEL)
    if unknown:
        raise ValueError(f"unknown node labels: {sorted(unknown)}")
    g = nx.MultiDiGraph()
    keep: set[str] | None = None
    if plan_id is not None:
        keep = _plan_node_ids(store, plan_id)
    for node in NODES:
        if node.label not in wanted:
            continue
        for row in store.run(f"MATCH (n:{node.label}) RETURN n"):
            props = row["n"]
            if keep is None or props["id"] in keep:
                g.add_node(f"{node.label}:{props['id']}", node_label=node.label, **props)
    for rel in RELS:
        for src, dst in rel.pairs:
            if src not in wanted or dst not in wanted:
                continue
            rows = store.run(f"MATCH (a:{src})-[r:{rel.type}]->(b:{dst}) RETURN a.id AS src, b.id AS dst, r")
            for row in rows:
                a, b = f"{src}:{row['src']}", f"{dst}:{row['dst']}"
                if a in g and b in g:
                    g.add_edge(a, b, key=rel.type, type=rel.type, **row["r"])
    return g


def _plan_node_ids(store: Store, plan_id: str) -> set[str]:
    """The plan's own nodes, and the shared nodes one or two steps from them."""
    ids = {plan_id}
    for node in NODES:
        if node.plan_scoped and "plan_id" in node.properties:
            rows = store.run(f"MATCH (n:{node.label}) WHERE n.plan_id = $p RETURN n.id AS id", {"p": plan_id})
            ids.update(r["id"] for r in rows)
    # Shared nodes reached from the plan's own nodes: agencies and their kinds and areas,
    # industries, the document, the issuing jurisdiction and the areas above it.
    reach = [
        "MATCH (p:Plan {id: $p})-[:FROM]->(d:Document) RETURN d.id AS id",
        "MATCH (j:Jurisdiction)-[:ISSUED]->(p:Plan {id: $p}) RETURN j.id AS id",
        "MATCH (p:Plan {id: $p})-[:PROMOTES]->(i:Industry) RETURN i.id AS id",
        "MATCH (t:Target)-[:ABOUT]->(i:Industry) WHERE t.plan_id = $p RETURN i.id AS id",
        "MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency) WHERE t.plan_id = $p RETURN a.id AS id",
        "MATCH (i:Indicator)-[:ASSIGNED_TO]->(a:Agency) WHERE i.plan_id = $p RETURN a.id AS id",
    ]
    for q in reach:
        ids.update(r["id"] for r in store.run(q, {"p": plan_id}))
    agencies = sorted(ids)
    ids.update(r["id"] for r in store.run(
        "MATCH (a:Agency)-[:OF_KIND]->(k:AgencyKind) WHERE a.id IN $ids RETURN k.id AS id", {"ids": agencies}))
    ids.update(r["id"] for r in store.run(
        "MATCH (a:Agency)-[:BELONGS_TO]->(j:Jurisdiction) WHERE a.id IN $ids RETURN j.id AS id", {"ids": agencies}))
    areas = sorted(ids)
    ids.update(r["id"] for r in store.run(
        "MATCH (j:Jurisdiction)-[:PART_OF*1..5]->(up:Jurisdiction) WHERE j.id IN $ids RETURN up.id AS id", {"ids": areas}))
    return ids
