"""The 任务分工表 (xlsx, CSV) and the graph exports, opened again and checked against the
parsed seed records and the store's own counts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plankg.api.app import create_app
from plankg.api.cli import app
from plankg.graph.ladybug_store import LadybugStore
from plankg.loaders import parse_file
from plankg.api.exports import SUMMARY_SHEET, TASK_COLUMNS, sheet_name, tasks_workbook, write_graph

SEP = "、"


def _expected_rows(record):
    return [(SEP.join(u.agency_name for u in t.units if u.lead), SEP.join(u.agency_name for u in t.units if not u.lead))
            for t in record.tasks]


@pytest.fixture
def workbook(store, tmp_path):
    path = tmp_path / "tasks.xlsx"
    tasks_workbook(store).save(path)
    return openpyxl.load_workbook(path)


def _sheet_for(wb, record):
    return next(wb[n] for n in wb.sheetnames if n.startswith(record.plan.issuer))


def test_one_sheet_per_plan_plus_summary(workbook, seed_records):
    assert len(workbook.sheetnames) == len(seed_records) + 1 and workbook.sheetnames[-1] == SUMMARY_SHEET
    assert all(len(n) <= 31 for n in workbook.sheetnames)


def test_rows_leads_and_supports_match_the_records(workbook, seed_records):
    for record in seed_records:
        ws = _sheet_for(workbook, record)
        assert [c.value for c in ws[1]] == TASK_COLUMNS
        assert ws.freeze_panes == "A2"
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert len(rows) == len(record.tasks), record.plan.issuer
        got = [(r[2] or "", r[3] or "") for r in rows]
        assert got == _expected_rows(record), record.plan.issuer
        assert [r[1] for r in rows] == [t.title for t in record.tasks]
        assert ws.cell(row=2, column=2).alignment.wrap_text
        assert ws.column_dimensions["B"].width >= 40


def test_by_hand_from_the_seeds(workbook, seed_records):
    lishui = _sheet_for(workbook, next(r for r in seed_records if r.plan.issuer == "溧水区"))
    first = [c.value for c in lishui[2]]
    # 000 line 262: （责任单位：区规资分局、区工信局、区城建局、区农业农村局，开发区、农高区、各镇街）
    assert first[0] == "1" and first[1] == "优化工业空间布局" and first[6] == "筑牢产业发展支撑"
    assert first[2] == "溧水区规划和自然资源分局"
    assert first[3].startswith("溧水区工业和信息化局、溧水区城乡建设局、溧水区农业农村局")
    assert "每年新增产业用地1800亩" in first[4]
    assert lishui.cell(row=2, column=3).comment is not None  # a first-listed lead, said so
    yancheng = _sheet_for(workbook, next(r for r in seed_records if r.plan.issuer == "盐城市"))
    # 002 line 13: （市工信局牵头负责，…）: an explicit lead, no note
    assert yancheng.cell(row=2, column=3).value == "盐城市工业和信息化局"
    assert yancheng.cell(row=2, column=3).comment is None


def test_summary_per_agency(workbook, seed_records):
    ws = workbook[SUMMARY_SHEET]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    lishui = next(r for r in seed_records if r.plan.issuer == "溧水区")
    mine = [t for t in lishui.tasks if any(u.agency_id.endswith("溧水区:工业和信息化局") for u in t.units)]
    leads = [t for t in mine if any(u.agency_id.endswith("溧水区:工业和信息化局") and u.lead for u in t.units)]
    row = rows["溧水区工业和信息化局"]
    assert row[1:] == ("江苏省/南京市/溧水区", "政府部门", len(mine), len(leads), len(mine) - len(leads))
    assert (row[3], row[4]) == (12, 7)


def test_sheet_names_are_short_and_unique():
    taken: set[str] = set()
    a = sheet_name("某某市", "某某市关于加快推进新型工业化推动制造业高质量发展的三年行动计划（2026—2028年）", taken)
    b = sheet_name("某某市", "某某市关于加快推进新型工业化推动制造业高质量发展的三年行动计划（2026—2028年）", taken)
    assert len(a) <= 31 and len(b) <= 31 and a != b and "2026" not in a


def test_csv(store, seed_records):
    from plankg.api.exports import tasks_csv

    text = tasks_csv(store)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][2:] == TASK_COLUMNS
    assert len(rows) - 1 == sum(len(r.tasks) for r in seed_records)


def test_graphml_and_json_reload_with_every_node_and_edge(store, tmp_path):
    counts = store.counts()
    from plankg.graph.model import NODES, RELS

    nodes = sum(counts[n.label] for n in NODES)
    edges = sum(counts[r.type] for r in RELS)
    g = write_graph(store, tmp_path / "g.graphml", "graphml")
    again = nx.read_graphml(tmp_path / "g.graphml")
    assert (again.number_of_nodes(), again.number_of_edges()) == (nodes, edges) == (g.number_of_nodes(), g.number_of_edges())
    agency = again.nodes["Agency:江苏省/南京市/溧水区:工业和信息化局"]
    assert agency["label"] == "溧水区工业和信息化局" and agency["node_label"] == "Agency"
    write_graph(store, tmp_path / "g.json", "json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["links"])) == (nodes, edges)


def test_one_plan_graph(store, seed_records, tmp_path):
    plan = next(r for r in seed_records if r.plan.issuer == "溧水区").plan.id
    g = write_graph(store, tmp_path / "p.graphml", "graphml", plan)
    tasks = [n for n, a in g.nodes(data=True) if a["node_label"] == "Task"]
    assert len(tasks) == 17


@pytest.fixture(scope="module")
def client(ladybug_store):
    with TestClient(create_app(store=ladybug_store)) as c:
        yield c


def test_api_exports(client, seed_records):
    lishui = next(r for r in seed_records if r.plan.issuer == "溧水区")
    res = client.get("/api/export/tasks.xlsx", params={"plan": lishui.plan.id})
    assert res.status_code == 200 and "spreadsheetml" in res.headers["content-type"]
    wb = openpyxl.load_workbook(io.BytesIO(res.content))
    assert len(wb.sheetnames) == 2
    assert wb[wb.sheetnames[0]].max_row == len(lishui.tasks) + 1
    res = client.get("/api/export/graph.graphml")
    assert res.status_code == 200 and nx.read_graphml(io.BytesIO(res.content)).number_of_nodes() > 0
    res = client.get("/api/export/graph.json", params={"plan": lishui.plan.id})
    assert res.status_code == 200 and "溧水区" in res.text
    res = client.get("/api/export/tasks.csv")
    assert res.status_code == 200 and res.content.startswith("\ufeff".encode())


def test_api_checks_and_compare(client, seed_records):
    wuxi = next(r for r in seed_records if r.plan.issuer == "无锡市").plan.id
    body = client.get("/api/checks", params={"plan": wuxi}).json()
    assert body["total"] == 1 and body["findings"][0]["check"] == "value_mismatch"
    assert client.get("/api/checks", params={"severity": "error"}).json()["total"] == 0
    assert client.get("/api/checks", params={"format": "csv"}).text.startswith("\ufeff")
    rows = client.get("/api/compare/indicators", params={"indicator": "规上工业总产值"}).json()["rows"]
    assert any(r["issuer"] == "无锡市" and r["value"] == 30000 for r in rows)
    assert client.get("/api/compare/industries").json()["rows"]
    assert client.get("/api/compare/agencies", params={"function": "工业和信息化局"}).json()["rows"]


def test_export_cli(tmp_path, seed_records):
    path = tmp_path / "graph.lbdb"
    store = LadybugStore(path)
    assert store.load_records(seed_records).ok
    store.close()
    run = CliRunner().invoke
    out = tmp_path / "t.xlsx"
    res = run(app, ["export", "tasks", "--xlsx", str(out), "--csv", str(tmp_path / "t.csv"), "--db", str(path)])
    assert res.exit_code == 0, res.output
    assert len(openpyxl.load_workbook(out).sheetnames) == len(seed_records) + 1
    assert (tmp_path / "t.csv").read_bytes().startswith("\ufeff".encode())
    res = run(app, ["export", "graph", "--graphml", str(tmp_path / "g.graphml"), "--db", str(path)])
    assert res.exit_code == 0 and nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 0
    assert run(app, ["export", "tasks", "--db", str(path)]).exit_code == 2


# --- a plan with a task table: deadlines as written -------------------------------------

TABLES = Path(__file__).resolve().parent / "fixtures" / "tasktables"


@pytest.fixture(scope="module")
def table_workbook(tmp_path_factory):
    records = [parse_file(TABLES / n) for n in ("flat.txt", "mixed.txt", "owners.txt")]
    store = LadybugStore(tmp_path_factory.mktemp("tables") / "tables.lbdb")
    try:
        assert store.load_records(records).ok
        path = tmp_path_factory.mktemp("xlsx") / "tasks.xlsx"
        tasks_workbook(store).save(path)
    finally:
        store.close()
    return openpyxl.load_workbook(path)


def _deadline_column(ws) -> list[tuple[str, str]]:
    col = TASK_COLUMNS.index("完成时限")
    return [(r[1], r[col]) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_deadlines_fill_the_time_limit_column_as_written(table_workbook):
    wb = table_workbook
    assert wb.sheetnames == ["浦口区集成电路产业三年行动计划", "鸠江区智能装备产业发展实施方案",
                             "江宁区2025年制造业高质量发展工作要点", SUMMARY_SHEET]
    # flat.txt's 时间进度 column, as the table prints it
    assert _deadline_column(wb["江宁区2025年制造业高质量发展工作要点"]) == [
        ("制定集成电路产业链培育方案，明确重点企业名单和招商方向", "6月底前"),
        ("推进新能源汽车零部件项目建设，完成主体工程并投产", "年底前"),
        ("推动企业智能化改造和数字化转型，实施智能制造示范工厂培育", "三季度"),
        ("新增规上工业企业50家以上", "全年推进"),
        ("建立重点企业挂钩服务制度", "持续推进"),
        ("开展专精特新企业培育，组织申报国家级专精特新“小巨人”企业", "2026年3月底前"),
        ("落实工业用地“标准地”出让制度", "上半年"),
        ("组织重点产业链招商推介活动", "9月"),
    ]
    # clause tasks take the deadline of the table row linked to them; a row of the table
    # alone is a task of its own
    assert _deadline_column(wb["浦口区集成电路产业三年行动计划"]) == [
        ("招引龙头项目", "年底前"), ("建设特色园区", "2027年6月底前"), ("加大金融支持", "三季度"),
        ("组建集成电路人才实训基地，开展订单式培养", "持续推进"),
    ]
    assert _deadline_column(wb["鸠江区智能装备产业发展实施方案"]) == [
        ("培育链主企业", "2025年底前"), ("推进技术改造", "2026年6月底前"), ("保障用地需求", "持续推进"),
        ("加强人才引育", "2027年底前"),
    ]


def test_owner_disagreement_is_noted_on_the_lead_cell(table_workbook):
    ws = table_workbook["鸠江区智能装备产业发展实施方案"]
    notes = [(ws.cell(row=r, column=2).value, ws.cell(row=r, column=3).comment) for r in range(2, ws.max_row + 1)]
    assert [title for title, c in notes if c is not None] == ["推进技术改造", "保障用地需求", "加强人才引育"]
    task3 = dict(notes)["保障用地需求"].text
    assert "原文未标明牵头，按惯例以首列单位为牵头：鸠江区自然资源局" in task3
    assert "条款牵头区自然资源局，分工表牵头区发改委" in task3
    assert dict(notes)["培育链主企业"] is None
