"""The store interface both backends implement, and the load logic they share.

A store only knows how to run one write statement inside a transaction, how to open
and close that transaction, and how to read. Everything else (which statements, in
what order, how a new version of a plan replaces the old) lives here once.
"""

from __future__ import annotations

import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources

from pydantic import BaseModel, Field

from plankg.errors import StoreError
from plankg.graph.model import NODE_BY_LABEL, NODES, REL_BY_TYPE, RELS
from plankg.graph.rows import GraphRows, plan_rows
from plankg.loaders.records import PlanRecord

BATCH = 5000  # rows per UNWIND: large enough to amortise, small enough for one param


@cache
def statements() -> dict[str, str]:
    text = resources.files("plankg.graph").joinpath("statements.cypher").read_text("utf-8")
    out: dict[str, str] = {}
    name = None
    for line in text.splitlines():
        m = re.match(r"//\s*name:\s*(\w+)", line)
        if m:
            name = m.group(1)
            out[name] = ""
        elif name and not line.lstrip().startswith("//"):
            out[name] += line + "\n"
    return {k: v.strip() for k, v in out.items()}


def statement(name: str, **parts: str) -> str:
    """A named loader statement with its model-derived parts filled in. Plain
    replacement, because Cypher's own braces would trip str.format."""
    text = statements()[name]
    for key, value in parts.items():
        text = text.replace("{" + key + "}", value)
    return text


def set_clause(var: str, columns: Iterable[str], *, keep_known: bool) -> str:
    cols = list(columns)
    if not cols:
        return ""
    if keep_known:
        # Shared nodes are met by many plans; one that does not know a value must not
        # erase what another plan said.
        items = [f"{var}.{c} = coalesce(r.{c}, {var}.{c})" for c in cols]
    else:
        items = [f"{var}.{c} = r.{c}" for c in cols]
    return "SET " + ", ".join(items)


def _live_columns(rows: list[dict], skip: tuple[str, ...]) -> list[str]:
    """Columns with at least one value in the batch. Ladybug types a parameter column
    that is all null as STRING, which then fails against an INT64 property; leaving
    the column out of the SET is the same thing on both stores for a fresh node."""
    cols = [c for c in rows[0] if c not in skip]
    return [c for c in cols if any(r[c] is not None for r in rows)]


def batched(rows: list[dict], size: int = BATCH) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


class PlanLoad(BaseModel):
    plan_id: str
    title: str
    path: str
    nodes: dict[str, int] = Field(default_factory=dict)
    rels: dict[str, int] = Field(default_factory=dict)


class LoadFailure(BaseModel):
    path: str
    message: str
    plan_id: str | None = None


class LoadSummary(BaseModel):
    loaded: list[PlanLoad] = Field(default_factory=list)
    failures: list[LoadFailure] = Field(default_factory=list)
    seconds: float = 0.0

    @property
    def plans_loaded(self) -> int:
        return len(self.loaded)

    @property
    def ok(self) -> bool:
        return not self.failures


class Store(ABC):
    dialect: str

    # --- what a backend provides -------------------------------------------------
    @abstractmethod
    def ensure_schema(self) -> None: ...

    @abstractmethod
    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        """Run a read-only query; rows as plain dicts of plain values."""

    @abstractmethod
    def _transaction(self) -> Iterator[None]:
        """Context manager: one write transaction; rolls back if the body raises."""

    @abstractmethod
    def _write(self, cypher: str, params: dict | None = None) -> None:
        """Run one write statement in the current transaction (or on its own)."""

    @abstractmethod
    def _read_write(self, cypher: str, params: dict | None = None) -> list[dict]:
        """Run a statement without the read-only guard (the loader's own counts)."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def bulk_load(self, records: Iterable[PlanRecord]) -> LoadSummary: ...

    # --- shared behaviour ------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _delete_plan_facts(self, plan_id: str) -> None:
        self._write(statement("delete_plan_documents"), {"plan_id": plan_id})
        for node in NODES:
            if node.plan_scoped and "plan_id" in node.properties:
                self._write(statement("delete_plan_scoped", label=node.label), {"plan_id": plan_id})
        self._write(statement("delete_plan"), {"plan_id": plan_id})

    def _write_rows(self, rows: GraphRows) -> None:
        # Nodes first (rels MATCH their endpoints), in model order.
        for node in NODES:
            items = rows.nodes.get(node.label) or []
            for batch in batched(items):
                cols = _live_columns(batch, skip=("id",))
                text = statement(
                    "merge_nodes", label=node.label,
                    set=set_clause("n", cols, keep_known=not node.plan_scoped),
                )
                self._write(text, {"rows": [{k: r[k] for k in ("id", *cols)} for r in batch]})
        for rel in RELS:
            for src, dst in rel.pairs:
                items = rows.rels.get((rel.type, src, dst)) or []
                for batch in batched(items):
                    cols = _live_columns(batch, skip=("src", "dst"))
                    text = statement(
                        "merge_rels", type=rel.type, src=src, dst=dst,
                        set=set_clause("e", cols, keep_known=False),
                    )
                    self._write(text, {"rows": [{k: r[k] for k in ("src", "dst", *cols)} for r in batch]})

    def load_records(
        self,
        records: Iterable[PlanRecord],
        *,
        progress: Callable[[PlanRecord], None] | None = None,
    ) -> LoadSummary:
        """Load plans one transaction each: a plan is all in or not at all; a plan
        already in the store (same plan id) has its plan-scoped facts replaced."""
        self.ensure_schema()
        summary = LoadSummary()
        started = time.perf_counter()
        for record in records:
            try:
                rows = plan_rows(record)
                with self._transaction():
                    self._delete_plan_facts(record.plan.id)
                    self._write_rows(rows)
                summary.loaded.append(
                    PlanLoad(
                        plan_id=record.plan.id, title=record.plan.title, path=record.source.path,
                        nodes=rows.node_counts(), rels=rows.rel_counts(),
                    )
                )
            except Exception as exc:  # one bad plan must not stop the others
                summary.failures.append(
                    LoadFailure(path=record.source.path, plan_id=record.plan.id, message=f"{type(exc).__name__}: {exc}")
                )
            if progress is not None:
                progress(record)
        summary.seconds = time.perf_counter() - started
        return summary

    def delete_plan(self, plan_id: str) -> None:
        with self._transaction():
            self._delete_plan_facts(plan_id)

    def counts(self) -> dict[str, int]:
        out = {}
        for node in NODES:
            out[node.label] = int(self._read_write(statement("count_nodes", label=node.label))[0]["n"])
        for rel in RELS:
            out[rel.type] = int(self._read_write(statement("count_rels", type=rel.type))[0]["n"])
        return out

    def plan_ids(self) -> list[str]:
        return [r["id"] for r in self._read_write(statement("plan_ids"))]

    def is_empty(self) -> bool:
        return not self._read_write(statement("any_node"))


def plain_entity(label: str | None, props: dict) -> dict:
    """A node or rel as the model's properties only, the same keys on both stores:
    Ladybug adds _ID/_LABEL and nulls of other tables, Neo4j leaves out nulls."""
    spec = NODE_BY_LABEL.get(label) if label else None
    if spec is not None:
        names = spec.properties
    elif label in REL_BY_TYPE:
        names = REL_BY_TYPE[label].properties
    else:
        return {k: v for k, v in props.items() if not k.startswith("_")}
    return {name: props.get(name) for name in names}


@contextmanager
def store_error(action: str):
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(f"{action}: {exc}") from exc
