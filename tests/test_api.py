"""The HTTP API over the real seed graph (FastAPI TestClient, embedded store).

Expected numbers come from the parsed seed records counted in plain Python, and for
溧水区's 工信局 from the seed text by hand: of the 17 `（责任单位：…）` clauses of seed 000,
12 name 区工信局, 7 of them first (no 牵头 in that plan, so 7 first-listed leads and
5 supporting roles); it shares 10 tasks with 开发区, 9 with 各镇街, 7 with 区发改委 and
5 with 区科技局.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app

from expected_counts import expected_workload

LISHUI_IIT = "江苏省/南京市/溧水区:工业和信息化局"


@pytest.fixture(scope="module")
def client(ladybug_store):
    with TestClient(create_app(store=ladybug_store)) as c:
        yield c


def workload_from_records(records) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "name"} for row in expected_workload(records)]


def test_workload_ranking_top_agencies(client, seed_records):
    expected = workload_from_records(seed_records)
    body = client.get("/api/agencies", params={"sort": "workload", "limit": 10}).json()
    assert body["total"] == len(expected)
    got = [{k: row[k] for k in expected[0]} for row in body["items"]]
    assert got == expected[:10]
    assert body["items"][0]["tasks"] >= body["items"][-1]["tasks"]


def test_workload_of_lishui_iit_by_hand(client):
    body = client.get("/api/agencies", params={"jurisdiction": "溧水区", "function": "工业和信息化局"}).json()
    assert [r["id"] for r in body["items"]] == [LISHUI_IIT]
    row = body["items"][0]
    assert (row["tasks"], row["lead_explicit"], row["lead_first_listed"], row["support"]) == (12, 0, 7, 5)
    detail = client.get(f"/api/agencies/{LISHUI_IIT}").json()
    assert detail["tasks"] == 12 and detail["lead"] == 7 and detail["name"].endswith("工业和信息化局")


def test_agency_id_with_slashes_and_colon_url_encoded(client):
    r = client.get("/api/agencies/" + quote(LISHUI_IIT, safe=""))
    assert r.status_code == 200 and r.json()["id"] == LISHUI_IIT


def test_partners_of_lishui_iit(client, seed_records):
    body = client.get(f"/api/agencies/{LISHUI_IIT}/partners").json()
    shared = {r["partner_name"]: r["shared_tasks"] for r in body["items"]}
    assert shared["溧水区经济技术开发区"] == 10
    assert shared["溧水区各镇街"] == 9
    assert shared["溧水区发展和改革委员会"] == 7
    assert 5 in (shared.get("溧水区科学技术局"), shared.get("溧水区科技局"))
    # every partner, counted from the records
    expected = defaultdict(set)
    for r in seed_records:
        for t in r.tasks:
            ids = {u.agency_id for u in t.units}
            if LISHUI_IIT in ids:
                for other in ids - {LISHUI_IIT}:
                    expected[other].add(t.id)
    assert {r["partner"]: r["shared_tasks"] for r in body["items"]} == {k: len(v) for k, v in expected.items()}
    counts = [r["shared_tasks"] for r in body["items"]]
    assert counts == sorted(counts, reverse=True)


def test_agency_tasks(client):
    body = client.get(f"/api/agencies/{LISHUI_IIT}/tasks", params={"limit": 5}).json()
    assert body["total"] == 12 and len(body["items"]) == 5
    first = body["items"][0]
    assert first["role"] in ("lead", "support") and first["partners"]
    lead_rows = client.get(f"/api/agencies/{LISHUI_IIT}/tasks", params={"role": "lead"}).json()
    assert lead_rows["total"] == 7


def due_from_records(records, year: int) -> int:
    n = 0
    for r in records:
        n += sum(1 for t in r.goals if t.year == year)
        for task in r.tasks:
            n += sum(1 for t in task.targets if t.year == year)
            n += 1 if task.deadline and task.deadline.year == year else 0
        for row in r.indicators:
            n += sum(1 for y, v in row.targets.items() if v is not None and str(y) == str(year))
        for ind in r.industries:
            n += sum(1 for t in ind.targets if t.year == year)
    return n


def test_due_in_2027(client, seed_records):
    expected = due_from_records(seed_records, 2027)
    assert expected > 0
    body = client.get("/api/tasks", params={"due": 2027, "limit": 1000}).json()
    assert body["total"] == expected
    assert all(r["year"] == 2027 for r in body["items"])
    # seed 000's indicator table has a 2027 column: its rows name the units responsible
    lishui = next(r for r in seed_records if r.plan.issuer == "溧水区")
    table_rows = [row for row in lishui.indicators if row.targets.get("2027") is not None]
    got = [r for r in body["items"] if r["plan_id"] == lishui.plan.id and r["item"] == "target"]
    assert len(got) >= len(table_rows)
    by_line = {r["line"]: r for r in got}
    for row in table_rows:
        if row.responsible:
            assert set(by_line[row.line]["owners"]) >= {u.agency_name for u in row.responsible}
    csv_body = client.get("/api/tasks", params={"due": 2027, "limit": 1000, "format": "csv"}).content
    assert len(list(csv.reader(io.StringIO(csv_body.decode("utf-8-sig"))))) == expected + 1


def test_industries_shared_by_several_plans(client, seed_records):
    plans = defaultdict(set)
    for r in seed_records:
        for ind in r.industries:
            plans[ind.canonical].add(r.plan.id)
    expected = {k: len(v) for k, v in plans.items() if len(v) >= 2}
    body = client.get("/api/industries/overlap").json()
    assert {r["industry"]: r["plans"] for r in body["items"]} == expected
    assert body["total"] == len(expected)


def test_plans_and_plan_summary(client, seed_records):
    body = client.get("/api/plans").json()
    assert body["total"] == len(seed_records) == 5
    by_id = {r["id"]: r for r in body["items"]}
    for rec in seed_records:
        assert by_id[rec.plan.id]["tasks"] == len(rec.tasks)
        assert by_id[rec.plan.id]["issuer"] == rec.plan.issuer
    lishui = next(r for r in seed_records if r.plan.issuer == "溧水区")
    summary = client.get(f"/api/plans/{lishui.plan.id}").json()
    assert summary["tasks"] + summary["safeguards"] == len(lishui.tasks)
    assert summary["agencies"] == len({u.agency_id for t in lishui.tasks for u in t.units})
    tasks = client.get(f"/api/plans/{lishui.plan.id}/tasks", params={"limit": 500}).json()
    assert tasks["total"] == len(lishui.tasks)


def test_csv_has_bom_and_chinese(client):
    for r in (client.get("/api/agencies", params={"format": "csv", "limit": 5}),
              client.get("/api/agencies", params={"limit": 5}, headers={"Accept": "text/csv"})):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        assert r.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert rows[0][:3] == ["id", "name", "jurisdiction"] and len(rows) == 6
        assert any("局" in cell or "政府" in cell or "区" in cell for cell in rows[1])


def test_json_keeps_chinese_unescaped(client):
    r = client.get("/api/agencies", params={"limit": 1})
    assert "\\u" not in r.text and "江苏省" in r.text


def test_catalogue_routes(client):
    names = [q["name"] for q in client.get("/api/queries").json()]
    assert "agency_workload" in names and "tasks_due" in names
    r = client.get("/api/queries/agency_workload", params={"kind": "department", "limit": 3})
    assert r.status_code == 200 and len(r.json()["items"]) == 3
    assert all(row["kind"] == "department" for row in r.json()["items"])


@pytest.mark.parametrize(
    "url, status, param",
    [
        ("/api/queries/agency_workload?limit=ten", 400, "limit"),
        ("/api/queries/agency_workload?sort=height", 400, "sort"),
        ("/api/queries/agency_workload?colour=red", 400, "colour"),
        ("/api/queries/tasks_due", 400, "year"),
        ("/api/queries/no_such_query", 404, "name"),
        ("/api/agencies?limit=abc", 400, "limit"),
        ("/api/agencies/江苏省/南京市/溧水区:没有这个局", 404, "agency"),
        ("/api/agencies/江苏省/南京市/溧水区:没有这个局/partners", 404, "agency"),
        ("/api/plans/p-nope", 404, "plan"),
        ("/api/tasks", 400, "due"),
    ],
)
def test_errors_are_json_naming_the_param(client, url, status, param):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert body["param"] == param and body["error"]


def test_graph_nodes_and_edges(client):
    body = client.get("/api/graph", params={"agency": LISHUI_IIT}).json()
    ids = {n["id"] for n in body["nodes"]}
    assert LISHUI_IIT in ids
    assigned = [e for e in body["edges"] if e["type"] == "ASSIGNED_TO"]
    assert len(assigned) == 12
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    partners = client.get("/api/graph", params={"view": "partners", "agency": LISHUI_IIT}).json()
    assert len(partners["edges"]) == len(partners["nodes"]) - 1


def test_health_and_docs(client):
    assert client.get("/health").json()["plans"] == 5
    spec = client.get("/openapi.json").json()
    assert "/api/agencies/{agency_id}" in spec["paths"] or "/api/agencies/{agency_id:path}" in spec["paths"]
    assert client.get("/docs").status_code == 200
