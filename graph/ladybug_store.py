"""The embedded store: Ladybug (the maintained fork of Kùzu), no server to run."""

from __future__ import annotations

import datetime as dt
import decimal
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import ladybug
import pyarrow as pa

from plankg.errors import StoreError
from plankg.graph.base import LoadFailure, LoadSummary, PlanLoad, Store, plain_entity, store_error
from plankg.graph.dialect import adapt
from plankg.graph.model import NODES, REL_BY_TYPE, RELS
from plankg.graph.rows import ColumnSink, GraphRows, arrow_schema, plan_rows
from plankg.graph.schema import ladybug_ddl
from plankg.loaders.records import PlanRecord

# Statements that change the database. Ladybug has no read transaction a caller can
# ask for on a read-write database, so run() refuses these before they reach it.
_WRITE_WORDS = re.compile(
    r"(?<![\w.$])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|COPY|DROP|ALTER|INSTALL|LOAD|IMPORT|EXPORT"
    r"|ATTACH|USE|BEGIN|COMMIT|ROLLBACK|CHECKPOINT)(?![\w])",
    re.I,
)
_CALL = re.compile(r"(?<![\w.$])CALL\s+([A-Za-z_][\w.]*)", re.I)
_READ_PROCEDURES = {"show_tables", "table_info", "show_connection", "current_setting", "db_version", "show_functions"}
_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def refuse_writes(cypher: str) -> None:
    code = _LITERALS.sub("''", cypher)
    m = _WRITE_WORDS.search(code)
    if m:
        raise StoreError(f"read-only query refused: it contains {m.group(1).upper()}")
    for call in _CALL.finditer(code):
        if call.group(1).lower() not in _READ_PROCEDURES:
            raise StoreError(f"read-only query refused: CALL {call.group(1)} is not a known read procedure")


def plain(value):
    """Ladybug values as plain Python: ints stay int (sum() comes back as a 128-bit
    Decimal), nodes and rels as their model properties."""
    if isinstance(value, dict):
        if "_LABEL" in value:
            return {k: plain(v) for k, v in plain_entity(value["_LABEL"], value).items()}
        if "_nodes" in value and "_rels" in value:  # a path: its nodes and rels in order
            return {"nodes": [plain(n) for n in value["_nodes"]], "rels": [plain(r) for r in value["_rels"]]}
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


class LadybugStore(Store):
    dialect = "ladybug"

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with store_error(f"cannot open the Ladybug database at {self.path}"):
            self._db = ladybug.Database(str(self.path), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        self._in_tx = False
        self._schema_ready = False

    # --- reads ---------------------------------------------------------------------
    def _query(self, cypher: str, params: dict | None) -> list[dict]:
        with store_error(f"query failed on {self.path}"):
            result = self._conn.execute(cypher, params or {})
            if isinstance(result, list):  # several statements: the last one answers
                result = result[-1]
            cols = result.get_column_names()
            rows = []
            while result.has_next():
                rows.append({c: plain(v) for c, v in zip(cols, result.get_next())})
            return rows

    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        refuse_writes(cypher)
        return self._query(adapt(cypher, self.dialect), params)

    def _read_write(self, cypher: str, params: dict | None = None) -> list[dict]:
        return self._query(cypher, params)

    # --- writes --------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the Ladybug database at {self.path} is open read-only")

    def ensure_schema(self) -> None:
        if self._schema_ready or self.read_only:
            return
        with store_error(f"cannot create the schema in {self.path}"):
            for ddl in ladybug_ddl():
                self._conn.execute(ddl)
        self._schema_ready = True

    def _write(self, cypher: str, params: dict | None = None) -> None:
        self._check_writable()
        self._conn.execute(cypher, params or {})

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._check_writable()
        self._conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            try:
                self._conn.execute("ROLLBACK")
            except RuntimeError:
                pass  # a failed statement has already rolled the transaction back
            raise
        self._conn.execute("COMMIT")

    def bulk_load(self, records: Iterable[PlanRecord]) -> LoadSummary:
        """COPY FROM Arrow into an empty store (MERGE slows sharply past ~50k rows);
        into a store that already holds data, plan by plan through load_records.
        Records are consumed one at a time into Arrow columns (graph/rows.py
        ColumnSink), so the corpus never has to sit in memory as records or dicts.
        The COPYs run in one transaction: a failure leaves the store empty."""
        self.ensure_schema()
        if not self.is_empty():
            return self.load_records(records)
        started = time.perf_counter()
        summary, sink, again = LoadSummary(), ColumnSink(), []
        for record in records:
            try:
                rows = plan_rows(record)
            except Exception as exc:  # one bad plan must not stop the others
                summary.failures.append(
                    LoadFailure(path=record.source.path, plan_id=record.plan.id, message=f"{type(exc).__name__}: {exc}")
                )
                continue
            if not sink.add(rows):
                again.append(record)  # a second version in the same batch: replace, after
                continue
            summary.loaded.append(
                PlanLoad(plan_id=record.plan.id, title=record.plan.title, path=record.source.path,
                         nodes=rows.node_counts(), rels=rows.rel_counts())
            )
        nodes, rels = sink.tables()
        with store_error(f"bulk load into {self.path} failed"), self._transaction():
            self._copy_tables(nodes, rels)
        if again:
            more = self.load_records(again)
            summary.loaded += more.loaded
            summary.failures += more.failures
        summary.seconds = time.perf_counter() - started
        return summary

    def copy_rows(self, rows: GraphRows) -> None:
        """COPY merged dict rows (bench/run.py's raw baseline; bulk_load streams instead)."""
        self._check_writable()
        nodes = {n.label: pa.Table.from_pylist(rows.nodes[n.label], schema=arrow_schema(n.properties))
                 for n in NODES if rows.nodes.get(n.label)}
        rels = {key: pa.Table.from_pylist(items, schema=arrow_schema(REL_BY_TYPE[key[0]].properties, ("src", "dst")))
                for key, items in rows.rels.items() if items}
        with store_error(f"bulk load into {self.path} failed"):
            self._copy_tables(nodes, rels)

    def _copy_tables(self, nodes: dict[str, pa.Table], rels: dict[tuple[str, str, str], pa.Table]) -> None:
        """COPY node tables, then rel tables (one COPY per FROM/TO pair), in model order."""
        self._check_writable()
        for node in NODES:
            arrow_rows = nodes.get(node.label)  # noqa: F841 - COPY reads it by name
            if arrow_rows is not None and arrow_rows.num_rows:
                self._conn.execute(f"COPY {node.label} FROM arrow_rows")
        for rel in RELS:
            for src, dst in rel.pairs:
                arrow_rows = rels.get((rel.type, src, dst))  # noqa: F841
                if arrow_rows is not None and arrow_rows.num_rows:
                    options = f" (from='{src}', to='{dst}')" if len(rel.pairs) > 1 else ""
                    self._conn.execute(f"COPY {rel.type} FROM arrow_rows{options}")

    def close(self) -> None:
        for obj in (getattr(self, "_conn", None), getattr(self, "_db", None)):
            if obj is not None:
                try:
                    obj.close()
                except Exception:
                    pass
        self._conn = self._db = None
