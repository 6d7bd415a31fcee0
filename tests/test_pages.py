"""The dashboard pages over the real seed graph (TestClient, embedded Ladybug store).

Expected numbers come from the parsed seed records counted in plain Python, and for
溧水区's 工信局 from the seed text by hand (see tests/test_api.py: 12 tasks, 7 of them
as first-listed lead, 5 as support; 10 shared with 开发区). Pages are read with
BeautifulSoup through the `data-table` / `data-col` attributes they carry.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections import defaultdict
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from plankg.api.app import create_app
from plankg.api.pages import HERE

from expected_counts import COUNTS, expected_workload

LISHUI_IIT = "江苏省/南京市/溧水区:工业和信息化局"
LISHUI = "江苏省/南京市/溧水区"


@pytest.fixture(scope="module")
def client(ladybug_store):
    with TestClient(create_app(store=ladybug_store)) as c:
        yield c



def table_rows(html: str, table: str) -> list[dict[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    node = soup.find("table", attrs={"data-table": table})
    assert node is not None, f"no table {table!r} on the page"
    rows = []
    for tr in node.find("tbody").find_all("tr"):
        row = {td["data-col"]: td.get_text(strip=True) for td in tr.find_all("td")}
        row["_id"] = tr.get("data-id")
        row["_href"] = tr.find("a")["href"] if tr.find("a") else None
        rows.append(row)
    return rows


def ints(row: dict, keys=COUNTS) -> dict[str, int]:
    return {k: int(row[k]) for k in keys}


# --- overview ----------------------------------------------------------------------------


def test_overview_ranking_matches_the_seeds(client, seed_records):
    expected = expected_workload(seed_records)
    r = client.get("/", params={"n": 0})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    rows = table_rows(r.text, "workload")
    assert len(rows) == len(expected)
    assert [row["_id"] for row in rows[:10]] == [e["id"] for e in expected[:10]]
    for row, e in zip(rows[:10], expected[:10]):
        assert row["name"] == e["name"]
        assert ints(row) == {k: e[k] for k in COUNTS}
    # Chinese is written as characters, not escapes, in the page and in the chart data
    assert expected[0]["name"] in r.text and "\\u" not in r.text.split('id="workload-data">')[1][:2000]


def test_overview_shows_a_page_of_rows_and_says_so(client, seed_records):
    total = len(expected_workload(seed_records))
    r = client.get("/")
    rows = table_rows(r.text, "workload")
    assert len(rows) == min(50, total)
    assert f"显示 {len(rows)} / 共 {total} 条" in r.text


def test_overview_lists_every_plan(client, seed_records):
    rows = table_rows(client.get("/").text, "plans")
    by_issuer = {row["issuer"]: row for row in rows}
    assert set(by_issuer) == {rec.plan.issuer for rec in seed_records}
    for rec in seed_records:
        row = by_issuer[rec.plan.issuer]
        assert row["title"] == rec.plan.title
        assert int(row["tasks"]) == len(rec.tasks)
        agencies = {u.agency_id for t in rec.tasks for u in t.units}
        assert int(row["agencies"]) == len(agencies)
        assert row["status"] == {"draft": "征求意见稿", "issued": "已印发"}[rec.plan.status]
        assert row["_href"] == "/plans/" + quote(rec.plan.id, safe="")


def test_jurisdiction_filter(client, seed_records):
    expected = expected_workload(seed_records, lambda r, u: u.jurisdiction.startswith(LISHUI))
    rows = table_rows(client.get("/", params={"jurisdiction": LISHUI, "n": 0}).text, "workload")
    assert [row["_id"] for row in rows] == [e["id"] for e in expected]
    assert all(row["jurisdiction"] == "溧水区" for row in rows)


def test_plan_year_and_kind_filters(client, seed_records):
    suqian = next(r for r in seed_records if r.plan.issuer == "宿迁市")
    by_plan = expected_workload(seed_records, lambda r, u: r.plan.id == suqian.plan.id)
    rows = table_rows(client.get("/", params={"plan": suqian.plan.id, "n": 0}).text, "workload")
    assert [(row["_id"], int(row["tasks"])) for row in rows] == [(e["id"], e["tasks"]) for e in by_plan]
    # only 宿迁's 2024–2025 plan is in force in 2025
    rows = table_rows(client.get("/", params={"year": 2025, "n": 0}).text, "workload")
    assert {row["_id"] for row in rows} == {e["id"] for e in by_plan}
    by_kind = expected_workload(seed_records, lambda r, u: u.kind == "collective")
    rows = table_rows(client.get("/", params={"kind": "collective", "n": 0}).text, "workload")
    assert [row["_id"] for row in rows] == [e["id"] for e in by_kind]
    assert {row["kind"] for row in rows} == {"集合单位"}


def test_search_and_sort(client, seed_records):
    expected = expected_workload(seed_records)
    rows = table_rows(client.get("/", params={"q": "工业和信息化局"}).text, "workload")
    assert {row["_id"] for row in rows} == {e["id"] for e in expected if "工业和信息化局" in e["name"]}
    rows = table_rows(client.get("/", params={"sort": "support", "n": 0}).text, "workload")
    supports = [int(row["support"]) for row in rows]
    assert supports == sorted(supports, reverse=True) and supports[0] == max(e["support"] for e in expected)
    rows = table_rows(client.get("/", params={"sort": "name", "dir": "asc", "n": 0}).text, "workload")
    assert [row["name"] for row in rows] == sorted(row["name"] for row in rows)


def test_kind_view_rolls_up_across_jurisdictions(client, seed_records):
    tasks, bodies = set(), set()
    for r in seed_records:
        for t in r.tasks:
            for u in t.units:
                if u.function == "工业和信息化局":
                    tasks.add((r.plan.id, t.id))
                    bodies.add(u.agency_id)
    rows = table_rows(client.get("/", params={"view": "kind"}).text, "workload")
    iit = next(row for row in rows if row["function"] == "工业和信息化局")
    assert int(iit["tasks"]) == len(tasks) and int(iit["agencies"]) == len(bodies) == 5
    # the kind row drills down to every body of that kind
    drill = client.get(iit["_href"]).text
    assert {row["_id"] for row in table_rows(drill, "workload")} == bodies


def test_chart_data_is_the_ranking(client, seed_records):
    import json

    expected = expected_workload(seed_records)[:20]
    soup = BeautifulSoup(client.get("/").text, "html.parser")
    chart = json.loads(soup.find("script", id="workload-data").string)
    assert chart["labels"] == [e["name"] for e in expected]
    series = {s["key"]: s["data"] for s in chart["series"]}
    assert series["lead_explicit"] == [e["lead_explicit"] for e in expected]
    assert series["inherited"] == [e["inherited"] for e in expected]
    assert series["support_stated"] == [max(e["support"] - e["inherited"], 0) for e in expected]


# --- downloads ---------------------------------------------------------------------------


def test_csv_download_of_the_ranking(client, seed_records):
    expected = expected_workload(seed_records)
    r = client.get("/", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "filename*=UTF-8''workload-workload.csv" in r.headers["content-disposition"]
    text = r.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == len(expected)  # the whole ranking, not the page's first 50
    assert rows[0]["名称"] == expected[0]["name"] and int(rows[0]["任务数"]) == expected[0]["tasks"]
    assert rows[0]["行政区"].startswith("江苏省/")  # downloads keep the full jurisdiction id


def test_xlsx_download_of_a_table(client, seed_records):
    r = client.get("/", params={"format": "xlsx", "table": "plans", "lang": "en"})
    assert r.status_code == 200 and "spreadsheetml" in r.headers["content-type"]
    ws = load_workbook(io.BytesIO(r.content)).active
    values = list(ws.values)
    assert values[0][:3] == ("Title", "Issuer", "Period")
    assert {row[1] for row in values[1:]} == {rec.plan.issuer for rec in seed_records}
    tasks = {row[1]: row[5] for row in values[1:]}
    assert all(tasks[rec.plan.issuer] == len(rec.tasks) for rec in seed_records)


def test_unknown_table_is_a_400_page(client):
    r = client.get("/", params={"format": "csv", "table": "nope"})
    assert r.status_code == 400 and "nope" in r.text and "workload" in r.text


# --- drill-downs -------------------------------------------------------------------------


def test_agency_page_by_hand(client):
    r = client.get("/agencies/" + quote(LISHUI_IIT, safe=""))
    assert r.status_code == 200
    soup = BeautifulSoup(r.text, "html.parser")
    assert soup.find(id="agency-name").get_text(strip=True) == "溧水区工业和信息化局"
    counts = {b["data-count"]: int(b.get_text()) for b in soup.select("#agency-counts b")}
    assert (counts["tasks"], counts["lead_first_listed"], counts["lead_explicit"], counts["support"]) == (12, 7, 0, 5)
    tasks = table_rows(r.text, "tasks")
    assert len(tasks) == 12
    assert sum(row["role"] == "牵头" for row in tasks) == 7
    assert {row["lead_basis"] for row in tasks if row["role"] == "牵头"} == {"首列推定"}
    partners = {row["partner_name"]: int(row["shared_tasks"]) for row in table_rows(r.text, "partners")}
    assert partners["溧水区经济技术开发区"] == 10 and partners["溧水区各镇街"] == 9
    # the ego network is linked, with the id encoded, without the dashboard's lang
    ego = soup.find(id="ego-link")
    assert ego is not None and ego["href"] == "/viz/agency?agency=" + quote(LISHUI_IIT, safe="")


def test_agency_page_role_filter(client):
    r = client.get("/agencies/" + quote(LISHUI_IIT, safe=""), params={"role": "support"})
    assert len(table_rows(r.text, "tasks")) == 5


def test_agency_links_from_the_overview_resolve(client):
    rows = table_rows(client.get("/").text, "workload")
    for row in rows[:5]:
        assert "%2F" in row["_href"]
        page = client.get(row["_href"])
        assert page.status_code == 200
        assert BeautifulSoup(page.text, "html.parser").find(id="agency-name").get_text(strip=True) == row["name"]


def test_unknown_agency_is_404_page(client):
    r = client.get("/agencies/" + quote("江苏省/无此:局", safe=""))
    assert r.status_code == 404 and "江苏省/无此:局" in r.text and r.headers["content-type"].startswith("text/html")


def test_plan_page_of_lishui(client, seed_records):
    rec = next(r for r in seed_records if r.plan.issuer == "溧水区")
    r = client.get("/plans/" + quote(rec.plan.id, safe=""))
    assert r.status_code == 200
    soup = BeautifulSoup(r.text, "html.parser")
    assert soup.find(id="plan-title").get_text(strip=True) == rec.plan.title
    tasks = table_rows(r.text, "tasks")
    assert [row["title"] for row in tasks] == [t.title for t in sorted(rec.tasks, key=lambda t: t.line)]
    sections = table_rows(r.text, "sections")
    assert sum(int(row["tasks"]) for row in sections) == len(rec.tasks)
    # 规上工业总产值 1338 → 1441 → 1550 亿元 (DOMAIN.md), with a trend chart
    ind = {row["name"]: row for row in table_rows(r.text, "indicators")}
    gross = ind["规上工业总产值"]
    assert (gross["y2026"], gross["y2027"], gross["y2028"], gross["unit"]) == ("1338", "1441", "1550", "亿元")
    assert soup.select_one('table[data-table="indicators"] canvas.spark') is not None
    assert {i.name for i in rec.indicators} <= set(ind)


def test_plan_page_findings_are_the_checks(client, seed_records):
    for rec in seed_records:
        api = client.get("/api/checks", params={"plan": rec.plan.id}).json()
        page = client.get("/plans/" + quote(rec.plan.id, safe=""))
        soup = BeautifulSoup(page.text, "html.parser")
        shown = int(soup.find(attrs={"data-count": "findings"}).get_text())
        assert shown == api["total"], rec.plan.issuer


def test_plan_page_links_to_the_exports(client, seed_records):
    rec = seed_records[0]
    soup = BeautifulSoup(client.get("/plans/" + quote(rec.plan.id, safe="")).text, "html.parser")
    href = soup.find(id="export-tasks")["href"]
    r = client.get(href)
    assert r.status_code == 200 and "spreadsheetml" in r.headers["content-type"]


def test_industry_page(client, seed_records):
    issuers = {rec.plan.issuer for rec in seed_records for m in rec.industries if m.canonical == "机器人"}
    r = client.get("/industries/" + quote("机器人", safe=""))
    assert r.status_code == 200
    rows = table_rows(r.text, "jurisdictions")
    assert {row["issuer"] for row in rows} == issuers
    soup = BeautifulSoup(r.text, "html.parser")
    assert int(soup.find(attrs={"data-count": "jurisdictions"}).get_text()) == len(issuers)
    tiers = {rec.plan.issuer: {m.tier for m in rec.industries if m.canonical == "机器人" and m.tier} for rec in seed_records}
    for row in rows:
        # the graph keeps one PROMOTES per plan and industry, so a plan naming the
        # industry under two tiers shows one of them
        shown = set(filter(None, row["tiers"].split("; ")))
        assert shown and shown <= tiers[row["issuer"]], row["issuer"]


def test_industries_index_links(client, seed_records):
    r = client.get("/industries", params={"min_plans": 5})
    rows = table_rows(r.text, "industries")
    expected = defaultdict(set)
    for rec in seed_records:
        for m in rec.industries:
            expected[m.canonical].add(rec.plan.id)
    assert {row["industry"] for row in rows} == {k for k, v in expected.items() if len(v) >= 5}
    assert client.get(rows[0]["_href"]).status_code == 200


def test_year_page(client):
    api = client.get("/api/tasks", params={"due": 2026, "limit": 10000}).json()
    r = client.get("/years/2026")
    assert r.status_code == 200
    rows = table_rows(r.text, "due")
    assert len(rows) == api["total"] > 0
    assert {row["year"] for row in rows} == {"2026"}
    owners = table_rows(r.text, "owners")
    for row in owners[:3]:
        n = sum(1 for item in api["items"] if row["name"] in item["owners"])
        assert int(row["due_targets"]) + int(row["due_tasks"]) == n
    by = table_rows(client.get("/years/2026", params={"by": "1"}).text, "due")
    assert len(by) > len(rows) and {row["year"] for row in by} >= {"2025", "2026"}


def test_bad_year_is_a_400_page(client):
    r = client.get("/years/abc")
    assert r.status_code == 400 and "year" in r.text


# --- language ----------------------------------------------------------------------------


def test_english_switch_and_links_keep_it(client, seed_records):
    r = client.get("/", params={"lang": "en"})
    assert "Workload by agency" in r.text and "部门任务负荷排行" not in r.text
    rows = table_rows(r.text, "workload")
    assert rows[0]["_href"].endswith("?lang=en")
    assert {row["kind"] for row in rows} <= {"department", "collective", "development zone", "party organ",
                                             "lower government", "state enterprise", "institute",
                                             "central vertical body", "other"}
    zh = client.get("/")
    assert "部门任务负荷排行" in zh.text and 'lang="zh-CN"' in zh.text
    soup = BeautifulSoup(zh.text, "html.parser")
    assert soup.find(id="lang-switch")["href"] == "/?lang=en"


def test_every_message_in_both_languages():
    data = tomllib.loads((HERE / "i18n.toml").read_text(encoding="utf-8"))

    def keys(d, prefix=""):
        out = set()
        for k, v in d.items():
            out |= keys(v, f"{prefix}{k}.") if isinstance(v, dict) else {prefix + k}
        return out

    assert keys(data["zh"]) == keys(data["en"])


def test_vendored_chart_library_is_served_locally(client):
    r = client.get("/static/chart.umd.min.js")
    assert r.status_code == 200 and b"Chart.js v4" in r.content[:200]
    assert client.get("/static/chart.js.LICENSE.md").status_code == 200
    assert client.get("/static/..%2Fpages.py").status_code == 404
    html = client.get("/").text
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
