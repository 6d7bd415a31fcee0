"""The catalogue commands of the CLI, on a temp embedded store loaded with the seeds."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from plankg.api.cli import app
from plankg.graph.ladybug_store import LadybugStore

LISHUI_IIT = "江苏省/南京市/溧水区:工业和信息化局"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_records) -> str:
    path = tmp_path_factory.mktemp("cli") / "graph.lbdb"
    store = LadybugStore(path)
    assert store.load_records(seed_records).ok
    store.close()
    return str(path)


def test_queries_lists_the_catalogue():
    result = runner.invoke(app, ["queries", "--json"])
    assert result.exit_code == 0, result.output
    names = [q["name"] for q in json.loads(result.stdout)]
    assert "agency_workload" in names and "agency_partners" in names


def test_query_json(db):
    result = runner.invoke(app, ["query", "agency_detail", "-p", f"agency={LISHUI_IIT}", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)["rows"][0]
    assert (row["tasks"], row["lead_first_listed"], row["support"]) == (12, 7, 5)
    assert "工业和信息化局" in result.stdout  # not \u-escaped


def test_workload_csv_and_table(db):
    result = runner.invoke(app, ["workload", "--jurisdiction", "溧水区", "--limit", "3", "--db", db, "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 3 and all("溧水区" in r["jurisdiction"] for r in rows)
    assert [int(r["tasks"]) for r in rows] == sorted((int(r["tasks"]) for r in rows), reverse=True)
    table = runner.invoke(app, ["workload", "--limit", "5", "--db", db])
    assert table.exit_code == 0 and "部门任务负荷排行" in table.stdout and "明确牵头" in table.stdout


def test_workload_by_kind(db):
    result = runner.invoke(app, ["workload", "--by-kind", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    iit = next(r for r in rows if r["function"] == "工业和信息化局")
    assert iit["agencies"] == iit["jurisdictions"] >= 5  # one 工信局 per seed issuer


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "agency_workload", "-p", "limit=ten"], "'limit'"),
        (["query", "agency_workload", "-p", "nokey"], "key=value"),
        (["query", "no_such_query"], "unknown query"),
    ],
)
def test_query_errors(db, args, message):
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 2
    assert message in result.output
