"""Deadlines from task tables reach coordinators: `/api/tasks?due=` and the dashboard's
year page list deadline-dated tasks of table plans (a tmp Ladybug store holding the
three task-table fixtures), with their owners.

Target rows stay as they are (a task's target due in a year is a `target` row carrying
the task's owners); a task is a `task` row of year Y when its deadline falls in Y, so
the page's owner counts never count one task twice."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.graph.ladybug_store import LadybugStore
from plankg.loaders import parse_file

FIX = Path(__file__).resolve().parent / "fixtures" / "tasktables"

# (title, deadline as written, leads) of each table-plan task due in 2026
DUE_2026 = [
    ("招引龙头项目", "年底前", ["浦口区投资促进局"]),
    ("加大金融支持", "三季度", ["浦口区发展和改革委员会", "浦口区财政局"]),
    ("推进技术改造", "2026年6月底前", ["鸠江区经济和信息化局"]),
    ("开展专精特新企业培育，组织申报国家级专精特新“小巨人”企业", "2026年3月底前", ["江宁区工业和信息化局"]),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    records = [parse_file(FIX / n) for n in ("flat.txt", "mixed.txt", "owners.txt")]
    store = LadybugStore(tmp_path_factory.mktemp("due") / "tables.lbdb")
    assert store.load_records(records).ok
    with TestClient(create_app(store=store)) as c:
        yield c
    store.close()


def _rows(html: str, table: str) -> list[dict[str, str]]:
    node = BeautifulSoup(html, "html.parser").find("table", attrs={"data-table": table})
    assert node is not None, table
    return [{td["data-col"]: td.get_text(" ", strip=True) for td in tr.find_all("td", attrs={"data-col": True})}
            for tr in node.find("tbody").find_all("tr")]


def test_api_lists_deadline_dated_tasks_of_table_plans(client):
    body = client.get("/api/tasks", params={"due": 2026}).json()
    got = sorted((r["text"], r["detail"], sorted(r["leads"])) for r in body["items"])
    assert got == sorted(DUE_2026)
    assert {r["item"] for r in body["items"]} == {"task"} and {r["year"] for r in body["items"]} == {2026}
    # by 2026: also everything due in 2025, the 2025 work plan's whole table among it
    by = client.get("/api/tasks", params={"due": 2026, "by": True, "limit": 1000}).json()["items"]
    dated = {(r["text"], r["year"]) for r in by if r["item"] == "task"}
    assert ("落实工业用地“标准地”出让制度", 2025) in dated and ("培育链主企业", 2025) in dated
    assert ("建设特色园区", 2027) not in dated and not any(y > 2026 for _, y in dated)


def test_year_page_shows_them_with_owners(client):
    r = client.get("/years/2026")
    assert r.status_code == 200
    due = _rows(r.text, "due")
    assert sorted((row["text"], row["detail"]) for row in due) == sorted((t, d) for t, d, _ in DUE_2026)
    owners = {row["name"]: row for row in _rows(r.text, "owners")}
    # 鸠江区财政局 is named by task 2's clause, 鸠江区科学技术局 by its clause and its table row
    assert owners["鸠江区财政局"]["due_tasks"] == "1" and owners["鸠江区科学技术局"]["due_tasks"] == "1"
    assert owners["浦口区财政局"]["due_leads"] == "1" and owners["浦口区发展和改革委员会"]["due_leads"] == "1"
    assert owners["浦口区工业和信息化局"]["due_leads"] == "0"


def test_year_with_a_target_and_an_open_term(client):
    due = client.get("/api/tasks", params={"due": 2028}).json()["items"]
    # 到2028年，集成电路产业规模达到500亿元 (a goal, and the industry's scale target): target rows only
    assert {(r["item"], r["text"]) for r in due} == {("target", "集成电路产业规模达到500亿元")}
    # 2027: two table deadlines and the 鸠江区 plan's goal
    due = client.get("/api/tasks", params={"due": 2027}).json()["items"]
    assert sorted((r["item"], r["text"], r["detail"]) for r in due if r["item"] == "task") == [
        ("task", "加强人才引育", "2027年底前"), ("task", "建设特色园区", "2027年6月底前")]
    assert {r["text"] for r in due if r["item"] == "target"} == {"智能装备产业产值突破300亿元"}
    open_terms = client.get("/api/tasks", params={"due": 2030, "by": True, "limit": 1000}).json()["items"]
    assert not any(r["detail"] in ("持续推进", "全年推进") for r in open_terms if r["item"] == "task")


def test_owner_disagreements_on_api_checks_and_the_plan_page(client):
    pid = parse_file(FIX / "owners.txt").plan.id
    body = client.get("/api/checks", params={"plan": pid, "check": "clause_table_owners"}).json()
    items = body["findings"]
    assert [(f["check"], [e["line"] for e in f["evidence"]]) for f in items] == [
        ("clause_table_owners", [15, 45]), ("clause_table_owners", [19, 52]), ("clause_table_owners", [21, 59]),
    ]
    page = client.get("/plans/" + quote(pid, safe=""))
    assert page.status_code == 200
    shown = [row["message"] for row in _rows(page.text, "findings")]
    assert sum("与重点任务分工表" in m for m in shown) == 3
