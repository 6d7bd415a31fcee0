"""Nothing lost, nothing opened: write endpoints off without a token and guarded with
one, uploads capped and atomic, bulk loads atomic, the query surface read-only, the
server on loopback. Every test reads the store's contents before and after."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.api.cli import app as cli_app
from plankg.config import Settings
from plankg.errors import StoreError
from plankg.graph.ladybug_store import LadybugStore, refuse_writes
from plankg.queries.catalogue import list_queries, specialise

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
TOKEN = "s3cret-token"


def snapshot(store) -> tuple[dict, list]:
    return store.counts(), store.plan_ids()


@pytest.fixture
def db(tmp_path, seed_records):
    """An embedded store on disk holding four seeds (the first is left to upload)."""
    path = tmp_path / "graph.lbdb"
    with LadybugStore(path) as store:
        assert store.load_records(seed_records[1:]).ok
    return path


def app_over(db: Path, **settings):
    return TestClient(create_app(settings=Settings(db_path=db, **settings)))


def read(db: Path):
    with LadybugStore(db, read_only=True) as store:
        return snapshot(store)


def upload(client, text: bytes | str, name: str = "plan.txt", token: str | None = TOKEN):
    data = text.encode("utf-8") if isinstance(text, str) else text
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/api/plans", files={"file": (name, data, "text/plain")}, headers=headers)


# --- write endpoints ------------------------------------------------------------------


def test_write_endpoints_are_off_without_a_token(db, monkeypatch):
    monkeypatch.delenv("PLANKG_ADMIN_TOKEN", raising=False)
    before = read(db)
    with app_over(db, admin_token=None) as client:
        for response in (upload(client, SEED.read_bytes()), client.post("/api/reload", headers={"Authorization": "Bearer x"})):
            assert response.status_code == 404
            assert "PLANKG_ADMIN_TOKEN" in response.json()["error"]
        assert client.get("/api/plans").json()["total"] == len(before[1])
    assert read(db) == before


@pytest.mark.parametrize("token", [None, "", "wrong", TOKEN + "x"])
def test_write_endpoints_refuse_a_missing_or_wrong_token(db, token):
    before = read(db)
    with app_over(db, admin_token=TOKEN) as client:
        response = upload(client, SEED.read_bytes(), token=token)
        assert response.status_code == 403, response.text
        assert "Authorization: Bearer" in response.json()["error"]
        assert client.post("/api/reload").status_code == 403
    assert read(db) == before


def test_upload_loads_a_plan_and_again_changes_nothing(db, seed_records):
    first = seed_records[0]
    counts, ids = read(db)
    assert first.plan.id not in ids
    with app_over(db, admin_token=TOKEN) as client:
        response = upload(client, SEED.read_bytes(), name=SEED.name)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["plan_id"] == first.plan.id and body["path"] == SEED.name
        assert body["nodes"]["Task"] == len(first.tasks)
        # the app's reads see it at once
        assert first.plan.id in {p["id"] for p in client.get("/api/plans").json()["items"]}
        after_one = read_while_served(client)
        assert after_one[0]["Task"] == counts["Task"] + len(first.tasks)
        assert after_one[0]["Plan"] == counts["Plan"] + 1
        # the same plan again: replaced, not added
        assert upload(client, SEED.read_bytes(), name=SEED.name).status_code == 201
        assert read_while_served(client) == after_one
        assert client.post("/api/reload", headers={"Authorization": f"Bearer {TOKEN}"}).json() == {
            "status": "ok", "plans": counts["Plan"] + 1}
    assert read(db) == after_one


def read_while_served(client):
    """The store's contents through the app's own handle (it holds the database)."""
    handle = client.app.state.store
    store = handle.store  # opens it (read-only) if a write closed it
    with handle._lock:
        return snapshot(store)


def test_upload_over_the_cap_is_refused(db):
    before = read(db)
    with app_over(db, admin_token=TOKEN, max_upload_bytes=4096) as client:
        response = upload(client, SEED.read_bytes())
        assert SEED.stat().st_size > 4096
        assert response.status_code == 413
        assert "4096" in response.json()["error"]
        # just over the cap, with a small envelope: refused by the route, not the headers
        response = upload(client, "（一）" * 1366)
        assert response.status_code == 413
    assert read(db) == before


@pytest.mark.parametrize(
    "text",
    ["", "这不是一份规划。", "\x00\x01\x02" * 100, "（一）推进工作。\n" * 3],
    ids=["empty", "prose", "binary", "no-clauses"],
)
def test_a_bad_upload_is_a_400_and_changes_nothing(db, text):
    before = read(db)
    with app_over(db, admin_token=TOKEN) as client:
        response = upload(client, text, name="../../etc/坏文件.txt")
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error.startswith("坏文件.txt") or error.startswith("etc"), error  # named, never a server path
        assert "/tmp" not in error and "plankg-upload" not in error
    assert read(db) == before


def test_upload_that_fails_mid_load_leaves_the_store_as_it_was(db, seed_records, monkeypatch):
    before = read(db)
    real = LadybugStore._write_rows

    def half(self, rows):
        real(self, rows)  # every row written, then the transaction fails
        raise RuntimeError("injected fault after the rows")

    monkeypatch.setattr(LadybugStore, "_write_rows", half)
    with app_over(db, admin_token=TOKEN) as client:
        response = upload(client, SEED.read_bytes(), name=SEED.name)
        assert response.status_code == 400
        assert "injected fault" in response.json()["error"] and "unchanged" in response.json()["error"]
    assert read(db) == before


# --- bulk loads ------------------------------------------------------------------------


class FailingConnection:
    """The real connection, failing on the n-th COPY (after earlier COPYs succeeded)."""

    def __init__(self, conn, fail_at: int):
        self._conn, self.fail_at, self.copies = conn, fail_at, 0

    def execute(self, cypher, params=None):
        if cypher.startswith("COPY"):
            self.copies += 1
            if self.copies == self.fail_at:
                raise RuntimeError("injected fault in COPY")
        return self._conn.execute(cypher, params or {})

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.mark.parametrize("fail_at", [2, 8, 12])
def test_bulk_load_is_all_or_nothing(tmp_path, seed_records, fail_at):
    with LadybugStore(tmp_path / "bulk.lbdb") as store:
        store.ensure_schema()
        empty = snapshot(store)
        real = store._conn
        store._conn = FailingConnection(real, fail_at)
        with pytest.raises(StoreError, match="injected fault"):
            store.bulk_load(seed_records)
        assert store._conn.copies == fail_at  # node tables (and for 12, rel tables) had been copied
        store._conn = real
        assert snapshot(store) == empty
        # and the store still takes the same load whole
        assert store.bulk_load(seed_records).ok
        assert store.counts()["Task"] == sum(len(r.tasks) for r in seed_records)


@pytest.mark.parametrize("fresh_store", ["neo4j"], indirect=True)
def test_neo4j_bulk_load_failure_leaves_the_store_empty(fresh_store, seed_records, monkeypatch):
    # Neo4j's bulk path commits batch by batch; a fault after some batches committed
    # must still leave the (empty) store as it was.
    real, calls = fresh_store._write, {"n": 0}

    def failing(cypher, params=None):
        calls["n"] += 1
        if calls["n"] == 15:
            raise RuntimeError("injected fault in a batch")
        return real(cypher, params)

    monkeypatch.setattr(fresh_store, "_write", failing)
    with pytest.raises(StoreError, match="injected fault"):
        fresh_store.bulk_load(seed_records)
    assert calls["n"] == 15
    monkeypatch.undo()
    assert sum(fresh_store.counts().values()) == 0
    assert fresh_store.bulk_load(seed_records).ok
    assert fresh_store.counts()["Task"] == sum(len(r.tasks) for r in seed_records)


def test_bulk_load_with_two_versions_of_a_plan_keeps_the_last(tmp_path, seed_records):
    first = seed_records[0]
    v2 = first.model_copy(deep=True)
    v2.tasks = v2.tasks[:3]
    with LadybugStore(tmp_path / "v.lbdb") as store:
        summary = store.bulk_load([first, *seed_records[1:], v2])
        assert summary.ok
        rows = store.run("MATCH (t:Task) WHERE t.plan_id = $p RETURN count(t) AS n", {"p": first.plan.id})
        assert rows == [{"n": 3}]
        assert store.counts()["Plan"] == len(seed_records)


# --- the query surface -------------------------------------------------------------------


@pytest.mark.parametrize("spec", list_queries(), ids=lambda s: s.name)
def test_every_catalogue_query_is_a_read(spec):
    refuse_writes(spec.cypher)  # raises on CREATE/MERGE/SET/DELETE/… or an unknown CALL
    nulls = {p.name: None for p in spec.params}
    refuse_writes(specialise(spec.cypher, nulls))


def test_the_api_opens_its_store_read_only(db):
    before = read(db)
    with app_over(db) as client:
        assert client.get("/api/plans").status_code == 200
        store = client.app.state.store.store
        assert store.read_only
        with pytest.raises(StoreError, match="read-only"):
            store.delete_plan(before[1][0])
        with pytest.raises(StoreError):  # refused by the store, not only by the word check
            store._write("MATCH (p:Plan) DETACH DELETE p")
    assert read(db) == before


@pytest.mark.parametrize(
    "path",
    [
        "/api/queries/MATCH%20(n)%20DETACH%20DELETE%20n",
        "/api/queries/..%2F..%2Fgraph%2Fstatements",
        "/api/queries/agency_workload?limit=1%20DETACH%20DELETE",
        "/api/queries/agency_workload?kind=x'%20OR%201=1%20DETACH%20DELETE%20n%20//",
        "/api/cypher?q=MATCH%20(n)%20DETACH%20DELETE%20n",
    ],
)
def test_no_door_runs_text_as_cypher(db, path):
    """Only catalogue names run; values are parameters; no free-form Cypher route."""
    before = read(db)
    with app_over(db) as client:
        response = client.get(path)
        assert response.status_code in (200, 400, 404), response.text
        assert client.post(path.split("?")[0]).status_code in (404, 405)
    assert read(db) == before


def test_specialise_folds_optional_filters_exactly():
    text = "WHERE (t.plan_id = $plan OR $plan IS NULL)\n  AND ((p.a <= $year AND f(p.b, p.a) >= $year) OR $year IS NULL)"
    assert specialise(text, {"plan": None, "year": 2027}) == (
        "WHERE true\n  AND ((p.a <= $year AND f(p.b, p.a) >= $year))"
    )
    assert specialise(text, {"plan": "x", "year": None}) == "WHERE (t.plan_id = $plan)\n  AND true"
    assert specialise(text, {}) == text  # a parameter not given is left to the store


# --- binding ----------------------------------------------------------------------------


def test_server_binds_loopback_unless_told():
    command = typer.main.get_command(cli_app).commands["serve"]
    host = next(p for p in command.params if p.name == "host")
    assert host.default == "127.0.0.1"
    assert Settings(_env_file=None).host == "127.0.0.1"
    assert re.search(r"^HOST \?= 127\.0\.0\.1$", (ROOT / "Makefile").read_text(), re.M)
