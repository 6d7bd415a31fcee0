"""The Neo4j test server (tools/neo4j, started by tests/neo4j_server.py) and the Docker files.

The server tests take the session fixture `neo4j_uri` from conftest.py, so they share the
one server with the store tests; without Java or Maven they are reported as skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unittest
from pathlib import Path

import neo4j
import pytest

import neo4j_server

ROOT = Path(__file__).resolve().parent.parent

# A label outside the graph model, so the check cannot collide with seed data.
CHECK_LABEL = "PlankgServerCheck"


@pytest.fixture(scope="module")
def driver(neo4j_uri):
    drv = neo4j.GraphDatabase.driver(neo4j_uri, auth=None)
    yield drv
    drv.close()


@pytest.mark.neo4j
def test_return_one(driver):
    records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert [r["one"] for r in records] == [1]


@pytest.mark.neo4j
def test_chinese_text_round_trip(driver):
    name = "南京市溧水区工业和信息化局"
    note = "（责任单位：区工信局、区发改委，开发区、各镇街）"
    try:
        driver.execute_query(
            f"CREATE (:{CHECK_LABEL} {{name: $name, note: $note}})", name=name, note=note
        )
        # Read in a new transaction: what came back was committed, not just echoed.
        records, _, _ = driver.execute_query(
            f"MATCH (n:{CHECK_LABEL}) WHERE n.name CONTAINS $part "
            "RETURN n.name AS name, n.note AS note, size(n.name) AS chars",
            part="溧水",
            routing_=neo4j.RoutingControl.READ,
        )
        assert [(r["name"], r["note"], r["chars"]) for r in records] == [(name, note, len(name))]
    finally:
        driver.execute_query(f"MATCH (n:{CHECK_LABEL}) DELETE n")


@pytest.mark.neo4j
def test_server_is_neo4j_5_26(driver):
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
    )
    (row,) = records
    assert row["name"] == "Neo4j Kernel"
    assert row["versions"][0].startswith("5.26."), row["versions"]
    assert driver.get_server_info().agent.startswith("Neo4j/5.26.")


@pytest.mark.neo4j
def test_launcher_build_is_current(neo4j_uri):
    """After the fixture built it, the launcher is not rebuilt until a source changes."""
    if os.environ.get(neo4j_server.ENV_URI):
        pytest.skip(f"server given by {neo4j_server.ENV_URI}; the launcher was not built")
    assert not neo4j_server.needs_build()


def test_missing_java_or_maven_is_a_skip_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.delenv(neo4j_server.ENV_URI, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no java, no mvn
    with pytest.raises(neo4j_server.Neo4jUnavailable) as caught:
        with neo4j_server.start_neo4j():
            pass
    assert isinstance(caught.value, unittest.SkipTest)  # pytest reports it as skipped
    assert "not found: java, mvn" in caught.value.reason


def test_running_server_named_by_environment_is_used_as_is(monkeypatch):
    monkeypatch.setenv(neo4j_server.ENV_URI, "bolt://db.example:7687")
    with neo4j_server.start_neo4j() as uri:
        assert uri == "bolt://db.example:7687"


@pytest.mark.skipif(shutil.which("java") is None, reason="java not on PATH")
def test_launcher_that_dies_early_is_reported_with_its_stderr(tmp_path):
    stderr_path = tmp_path / "stderr.log"
    with open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen(
            [shutil.which("java"), "-cp", str(tmp_path / "empty"), neo4j_server.MAIN_CLASS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    try:
        with pytest.raises(neo4j_server.Neo4jLauncherError) as caught:
            neo4j_server._await_uri(proc, 60, stderr_path)
    finally:
        neo4j_server._stop(proc)
    message = str(caught.value)
    assert "exited with status 1 before Neo4j was ready" in message
    assert "org.plankg.neo4j.Launcher" in message.split("its stderr:", 1)[1]


@pytest.mark.neo4j
def test_launcher_that_cannot_start_neo4j_says_why(tmp_path):
    """The launcher itself catches a failed start: reason on stderr, status 1, no URI."""
    java, mvn = neo4j_server._tools()  # a skip, with the reason, where they are missing
    neo4j_server.build(java, mvn)
    cmd = neo4j_server.command(java)
    # Neo4j writes its log configuration to the temp folder first: make that impossible.
    cmd.insert(cmd.index("-cp"), f"-Djava.io.tmpdir={tmp_path / 'missing'}")
    stderr_path = tmp_path / "stderr.log"
    with open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
    try:
        with pytest.raises(neo4j_server.Neo4jLauncherError) as caught:
            neo4j_server._await_uri(proc, 120, stderr_path)
    finally:
        neo4j_server._stop(proc)
    assert proc.returncode == 1
    assert "plankg neo4j launcher: Neo4j could not start:" in str(caught.value)
    assert str(tmp_path / "missing") in str(caught.value)


# --- Docker files (no Docker engine here: checked as text, and as YAML where PyYAML exists)


def _compose_text() -> str:
    return (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


def test_compose_file_is_plain_block_yaml():
    text = _compose_text()
    assert "\t" not in text, "YAML forbids tabs for indentation"
    for number, line in enumerate(text.splitlines(), 1):
        body = line.split(" #", 1)[0].rstrip()
        if not body or body.lstrip().startswith("#"):
            continue
        indent = len(body) - len(body.lstrip(" "))
        assert indent % 2 == 0, f"docker-compose.yml:{number}: odd indentation"
        assert re.match(r"^ *(- |[A-Za-z0-9_.-]+:( |$)|- ?$)", body), (
            f"docker-compose.yml:{number}: not a key, a list item or a continuation: {body!r}"
        )


def test_compose_services_as_documented():
    text = _compose_text()
    assert re.search(r"^  neo4j:$", text, re.M) and re.search(r"^  plankg:$", text, re.M)
    assert "image: neo4j:5.26-community" in text
    assert "NEO4J_AUTH" in text and "env_file" in text
    assert "cypher-shell" in text  # healthcheck
    assert "condition: service_healthy" in text
    assert "PLANKG_NEO4J_URI: bolt://neo4j:7687" in text
    ports = re.findall(r'- "([^"]+)"', text)
    assert ports and all(p.startswith("127.0.0.1:") for p in ports), ports


def test_compose_file_parses_as_yaml():
    yaml = pytest.importorskip("yaml", reason="PyYAML (not a plankg dependency) is not installed")
    compose = yaml.safe_load(_compose_text())
    assert set(compose["services"]) == {"neo4j", "plankg"}
    assert compose["services"]["plankg"]["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_env_example_names_what_compose_reads():
    env = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+)", _compose_text())):
        assert re.search(rf"^#? ?{name}=", env, re.M), f".env.example lacks {name}"
    assert re.search(r"^NEO4J_AUTH=neo4j/\S{8,}$", env, re.M)


def test_dockerfile_serves_the_api_on_all_interfaces():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert text.startswith("FROM python:3.11-slim") or "\nFROM python:3.11-slim" in text
    assert "pip install" in text
    assert re.search(r'"plankg",\s*"serve",\s*"--host",\s*"0\.0\.0\.0"', text)
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".venv" in ignored and "tools/neo4j/target" in ignored
