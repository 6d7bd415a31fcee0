"""Session fixtures: the seed plans parsed once, and both stores loaded with them.

The Neo4j fixtures start a real Neo4j 5 (tests/neo4j_server.py, built from
tools/neo4j with Maven); where Java or Maven is missing they skip with the reason,
so the Neo4j half of every parametrised test shows up as skipped, never as passed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plankg.graph.ladybug_store import LadybugStore

# The browser fixtures live here, once for the session: imported into each test module
# instead, every module got its own session-scoped Playwright, and a second one cannot
# start while the first still runs in the same thread.
from browser import browser_page, chromium_path, live_server, playwright_browser  # noqa: E402,F401

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_records(seed_dir):
    from plankg.loaders import iter_plan_files, parse_file

    try:
        return [parse_file(p) for p in iter_plan_files([seed_dir])]
    except ModuleNotFoundError as exc:  # the parser lands in loaders/plan.py
        pytest.skip(f"the plan parser is not available: {exc}")


@pytest.fixture(scope="session")
def ladybug_store(tmp_path_factory, seed_records):
    store = LadybugStore(tmp_path_factory.mktemp("ladybug") / "seeds.lbdb")
    summary = store.load_records(seed_records)
    assert summary.ok, summary.failures
    yield store
    store.close()


@pytest.fixture(scope="session")
def neo4j_uri():
    # A server already running (docker-compose, a developer's own) can be named instead.
    existing = os.environ.get("PLANKG_TEST_NEO4J_URI")
    if existing:
        yield existing
        return
    from neo4j_server import Neo4jUnavailable, start_neo4j

    server = start_neo4j()
    try:
        uri = server.__enter__()
    except Neo4jUnavailable as exc:
        pytest.skip(f"Neo4j tests skipped: {exc}")
    try:
        yield uri
    finally:
        server.__exit__(None, None, None)


def _load_neo4j(store, records) -> None:
    store.wipe()
    summary = store.load_records(records)
    assert summary.ok, summary.failures
    store.seeded_with = records


@pytest.fixture(scope="session")
def neo4j_connection(neo4j_uri):
    """The one Neo4j store of the session, connected, with whatever it holds."""
    from plankg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_uri)
    store.seeded_with = None
    yield store
    store.close()


@pytest.fixture(scope="session")
def neo4j_store(neo4j_connection, seed_records):
    if neo4j_connection.seeded_with is not seed_records:
        _load_neo4j(neo4j_connection, seed_records)
    return neo4j_connection


@pytest.fixture(params=["ladybug", "neo4j"])
def store(request):
    """The seed-loaded store, once per backend. Read-only use: tests that write take
    `fresh_store` instead."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(params=["ladybug", "neo4j"])
def fresh_store(request, tmp_path):
    """An empty store of each backend. On Neo4j the one server is shared, so it is
    wiped before and the seeds reloaded after."""
    if request.param == "ladybug":
        store = LadybugStore(tmp_path / "fresh.lbdb")
        yield store
        store.close()
        return
    shared = request.getfixturevalue("neo4j_connection")
    records, shared.seeded_with = shared.seeded_with, None
    shared.wipe()
    yield shared
    if records is not None:  # put the seeds back for the read-only tests
        _load_neo4j(shared, records)
    else:
        shared.wipe()
