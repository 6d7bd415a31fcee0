"""The scale-out store: Neo4j 5 through the official driver (never py2neo)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import neo4j
from neo4j.graph import Node, Path, Relationship

from plankg.errors import StoreError
from plankg.graph.base import LoadSummary, PlanLoad, Store, plain_entity, store_error
from plankg.graph.dialect import adapt
from plankg.graph.rows import merge_rows, plan_rows
from plankg.graph.schema import neo4j_ddl
from plankg.loaders.records import PlanRecord


def plain(value):
    """Driver values as plain Python, with the same keys Ladybug gives (every model
    property, None where unset)."""
    if isinstance(value, Node):
        label = next(iter(value.labels), None)
        return {k: plain(v) for k, v in plain_entity(label, dict(value)).items()}
    if isinstance(value, Relationship):
        return {k: plain(v) for k, v in plain_entity(value.type, dict(value)).items()}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "rels": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value


class Neo4jStore(Store):
    dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str = "neo4j",
        database: str | None = None,
        read_only: bool = False,
    ):
        self.uri = uri
        self.database = database
        self.read_only = read_only
        with store_error(f"cannot connect to Neo4j at {uri}"):
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            self._driver.verify_connectivity()
        self._tx: neo4j.Transaction | None = None
        self._session: neo4j.Session | None = None
        self._schema_ready = False
        if not read_only:
            self.ensure_schema()  # constraints on connect

    def _new_session(self) -> neo4j.Session:
        return self._driver.session(database=self.database)

    # --- reads ---------------------------------------------------------------------
    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        text = adapt(cypher, self.dialect)

        def work(tx):
            result = tx.run(text, params or {})
            return [{k: plain(v) for k, v in rec.items()} for rec in result]

        with store_error(f"query failed on {self.uri}"), self._new_session() as session:
            return session.execute_read(work)

    def _read_write(self, cypher: str, params: dict | None = None) -> list[dict]:
        if self._tx is not None:
            return [{k: plain(v) for k, v in rec.items()} for rec in self._tx.run(cypher, params or {})]
        with store_error(f"query failed on {self.uri}"), self._new_session() as session:
            return [{k: plain(v) for k, v in rec.items()} for rec in session.run(cypher, params or {})]

    # --- writes --------------------------------------------------------------------
    def ensure_schema(self) -> None:
        if self._schema_ready or self.read_only:
            return
        with store_error(f"cannot create constraints on {self.uri}"), self._new_session() as session:
            for ddl in neo4j_ddl():
                session.run(ddl).consume()
        self._schema_ready = True

    def _write(self, cypher: str, params: dict | None = None) -> None:
        if self.read_only:
            raise StoreError(f"the Neo4j store at {self.uri} is open read-only")
        if self._tx is None:
            with self._new_session() as session:
                session.execute_write(lambda tx: tx.run(cypher, params or {}).consume())
            return
        self._tx.run(cypher, params or {}).consume()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.read_only:
            raise StoreError(f"the Neo4j store at {self.uri} is open read-only")
        session = self._new_session()
        tx = session.begin_transaction()
        self._session, self._tx = session, tx
        try:
            yield
            tx.commit()
        except BaseException:
            if tx.closed() is False:
                tx.rollback()
            raise
        finally:
            self._session = self._tx = None
            session.close()

    def bulk_load(self, records: Iterable[PlanRecord]) -> LoadSummary:
        """Batched UNWIND … MERGE of all plans' rows, a transaction per batch; a failure
        empties the (formerly empty) store again. Into a store that already holds
        data, plan by plan, so old versions are replaced."""
        records = list(records)
        self.ensure_schema()
        if not self.is_empty():
            return self.load_records(records)
        started = time.perf_counter()
        parts = [plan_rows(r) for r in records]
        try:
            with store_error(f"bulk load into {self.uri} failed"):
                self._write_rows(merge_rows(parts))  # each batch commits on its own
        except BaseException:
            # A province-scale load does not fit one transaction, so batches commit as
            # they go; the store was empty before, and emptying it again is what puts
            # it back as it was.
            self.wipe()
            raise
        summary = LoadSummary(
            loaded=[
                PlanLoad(plan_id=r.plan.id, title=r.plan.title, path=r.source.path,
                         nodes=p.node_counts(), rels=p.rel_counts())
                for r, p in zip(records, parts)
            ]
        )
        summary.seconds = time.perf_counter() - started
        return summary

    def wipe(self) -> None:
        """Delete every node and rel (tests, and `load --replace`)."""
        with self._new_session() as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    def close(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()
            self._driver = None
