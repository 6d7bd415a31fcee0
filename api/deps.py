"""Typed FastAPI dependencies: settings and the store, opened once from Settings."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, Request

from plankg.config import Settings
from plankg.graph import Store, open_store
from plankg.queries.catalogue import QueryResult, run_query


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


class StoreHandle:
    """The app's store, opened on first use (read-only) unless one was given.
    Embedded connections are not made for concurrent use, so reads are serialised."""

    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self._store = store
        self._owned = store is None
        self._lock = threading.Lock()

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(settings=self.settings, read_only=True)
            return self._store

    def locked(self) -> LockedStore:
        """The store with each read taken under this handle's lock, for functions that
        take a store and run many reads (checks, comparisons, exports)."""
        return LockedStore(self.store, self._lock)

    def query(self, name: str, params: Mapping[str, Any], *, with_total: bool = False) -> QueryResult:
        store = self.store
        with self._lock:
            return run_query(store, name, params, with_total=with_total)

    @contextmanager
    def writable(self) -> Iterator[Store]:
        """The store for one write, reads held off meanwhile. An embedded store the
        app opened read-only is closed, reopened for writing, then closed again so
        the next read reopens it read-only and sees the write."""
        with self._lock:
            if not self._owned:
                yield self._store
                return
            if self._store is not None:
                self._store.close()
                self._store = None
            store = open_store(settings=self.settings, read_only=False)
            try:
                yield store
            finally:
                store.close()

    def reopen(self) -> None:
        """Drop the open store so the next read opens it afresh (after a load from
        another process)."""
        with self._lock:
            if self._owned and self._store is not None:
                self._store.close()
                self._store = None

    def close(self) -> None:
        if self._owned and self._store is not None:
            self._store.close()
            self._store = None


class LockedStore:
    """Store-like: `run` under a lock shared with the handle's other reads."""

    def __init__(self, store: Store, lock: threading.Lock):
        self._store = store
        self._lock = lock
        self.dialect = store.dialect

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict]:
        with self._lock:
            return self._store.run(cypher, dict(params) if params else None)


def get_store(request: Request) -> StoreHandle:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[StoreHandle, Depends(get_store)]
