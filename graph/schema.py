"""Schema text derived from graph/model.py: Ladybug DDL and Neo4j constraints/indexes.

Nothing here names a label or a property: every statement comes from the model, so a
label added to the model appears in both stores without touching this file.
"""

from __future__ import annotations

from plankg.graph.model import NODES, RELS, STRING, NodeSpec, RelSpec


def _columns(properties: dict[str, str]) -> str:
    return ", ".join(f"{name} {typ}" for name, typ in properties.items())


def ladybug_node_ddl(node: NodeSpec) -> str:
    return f"CREATE NODE TABLE IF NOT EXISTS {node.label}({_columns(node.properties)}, PRIMARY KEY(id))"


def ladybug_rel_ddl(rel: RelSpec) -> str:
    # Ladybug 0.22 accepts several FROM/TO pairs in one rel table, so a rel type that
    # links several label pairs stays one type (label(r) gives the type name back).
    parts = [f"FROM {src} TO {dst}" for src, dst in rel.pairs]
    if rel.properties:
        parts.append(_columns(rel.properties))
    return f"CREATE REL TABLE IF NOT EXISTS {rel.type}({', '.join(parts)})"


def ladybug_ddl() -> list[str]:
    """Node tables first: a rel table refers to its endpoint tables."""
    return [ladybug_node_ddl(n) for n in NODES] + [ladybug_rel_ddl(r) for r in RELS]


def neo4j_ddl() -> list[str]:
    out = []
    for node in NODES:
        low = node.label.lower()
        out.append(
            f"CREATE CONSTRAINT {low}_id IF NOT EXISTS FOR (n:{node.label}) REQUIRE n.id IS UNIQUE"
        )
        if node.plan_scoped and "plan_id" in node.properties:
            # Replacing a plan's facts deletes by plan_id: keep that a lookup, not a scan.
            indexed = dict.fromkeys(("plan_id", *node.indexed))
        else:
            indexed = dict.fromkeys(node.indexed)
        for prop in indexed:
            if prop != "plan_id" and node.properties[prop] == STRING:
                # Names are searched with CONTAINS; Neo4j 5 can plan a CONTAINS onto a
                # RANGE index and then fail ("STRING_CONTAINS … not allowed for a RANGE
                # index"), so searched strings get a TEXT index, which serves both.
                out.append(f"CREATE TEXT INDEX {low}_{prop}_text IF NOT EXISTS FOR (n:{node.label}) ON (n.{prop})")
            else:
                out.append(f"CREATE INDEX {low}_{prop} IF NOT EXISTS FOR (n:{node.label}) ON (n.{prop})")
    return out
