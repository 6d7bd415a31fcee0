"""Exports coordinators and other tools open: the 任务分工表 (xlsx, CSV) and the graph
(GraphML for Gephi, node-link JSON)."""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from plankg.api.render import to_csv
from plankg.queries.catalogue import run_query
from plankg.queries.checks import run_checks

TASK_COLUMNS = ["序号", "重点任务", "牵头单位", "配合单位", "目标", "完成时限", "所属章节"]
SUMMARY_COLUMNS = ["单位", "行政区", "类别", "任务数", "牵头", "配合"]
SUMMARY_SHEET = "部门汇总"
WIDTHS = {"序号": 6, "重点任务": 48, "牵头单位": 28, "配合单位": 40, "目标": 48, "完成时限": 14, "所属章节": 24}
SUMMARY_WIDTHS = {"单位": 34, "行政区": 24, "类别": 16, "任务数": 8, "牵头": 8, "配合": 8}
KIND_ZH = {
    "department": "政府部门", "party_organ": "党委机构", "lower_government": "下级政府", "collective": "统称单位",
    "development_zone": "开发区（园区）", "state_enterprise": "国有企业", "institute": "院所平台",
    "central_vertical": "垂直管理单位", "other": "其他",
}
_ORDINAL = re.compile(r"^\s*([（(][一二三四五六七八九十百]+[）)])")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
JOIN = "、"


def _number(row: dict) -> str:
    if row["number"] is not None:
        return str(row["number"])
    m = _ORDINAL.match(row["label"] or "")
    return m.group(1) if m else ""


def task_rows(store, plan_id: str | None = None) -> dict[str, dict[str, Any]]:
    """Per plan (in plan id order): its issuer and title and its 任务分工表 rows, units in
    clause order. Leads named only by being listed first are kept apart in
    `first_listed_leads` so the sheet can say so."""
    tasks = run_query(store, "task_table", {"plan": plan_id}).rows
    units: dict[str, list[dict]] = defaultdict(list)
    for u in run_query(store, "task_units", {"plan": plan_id}).rows:
        units[u["task_id"]].append(u)
    plans: dict[str, dict[str, Any]] = {}
    for t in tasks:
        plan = plans.setdefault(t["plan_id"], {"issuer": t["issuer"], "title": t["plan_title"], "rows": []})
        mine = units.get(t["id"], [])
        leads = [u for u in mine if u["lead"]]
        supports = [u for u in mine if not u["lead"]]
        text = t["text"] or ""
        # targets in the order the task states them
        targets = sorted(t["targets"], key=lambda x: (text.find(x) if x in text else len(text), x))
        plan["rows"].append({
            "序号": _number(t), "重点任务": t["title"], "牵头单位": JOIN.join(u["agency_name"] for u in leads),
            "配合单位": JOIN.join(u["agency_name"] for u in supports), "目标": "；".join(targets),
            "完成时限": t["deadline_text"] or "", "所属章节": t["section"] or "",
            "task_id": t["id"], "line": t["line"],
            "first_listed_leads": [u["agency_name"] for u in leads if u["lead_basis"] == "first_listed"],
            "units": mine,
        })
    return plans


def agency_summary(plans: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, Any]] = {}
    for plan in plans.values():
        for row in plan["rows"]:
            for u in row["units"]:
                c = counts.setdefault(u["agency"], {
                    "单位": u["agency_name"], "行政区": u["jurisdiction"], "类别": KIND_ZH.get(u["kind"], u["kind"]),
                    "tasks": set(), "lead": set(), "support": set()})
                c["tasks"].add(row["task_id"])
                (c["lead"] if u["lead"] else c["support"]).add(row["task_id"])
    out = [{"单位": c["单位"], "行政区": c["行政区"], "类别": c["类别"], "任务数": len(c["tasks"]),
            "牵头": len(c["lead"]), "配合": len(c["support"])} for c in counts.values()]
    out.sort(key=lambda r: (-r["任务数"], -r["牵头"], r["行政区"], r["单位"]))
    return out


def sheet_name(issuer: str, title: str, taken: set[str]) -> str:
    """Issuer + short title, at most 31 characters, unique in the workbook."""
    short = re.sub(r"[（(][^（）()]*\d{4}[^（）()]*[）)]", "", title)  # the period in brackets
    # the issuer with the places above it (安徽省芜湖市鸠江区…): the sheet name says it once
    lead_in = re.match(rf"^(?:[^省市州盟]{{1,7}}?[省市州盟])*?{re.escape(issuer)}", short) if issuer else None
    if lead_in:
        short = short[lead_in.end():]
    short = re.sub(r"^(关于)", "", short)
    name = _SHEET_BAD.sub("", f"{issuer}{short}")[:31] or "规划"
    base, n = name, 2
    while name in taken:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def tasks_workbook(store, plan_id: str | None = None):
    """The 任务分工表 as an openpyxl Workbook: one sheet per plan, then 部门汇总."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    plans = task_rows(store, plan_id)
    # a task whose clause and task-table row name different owners: its lead cell says so
    owner_notes = {(f.plan_id, f.evidence[0].line): f.message
                   for f in run_checks(store, plan_id, ["clause_table_owners"])}
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = {SUMMARY_SHEET}
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")

    def header(ws, columns, widths):
        ws.append(columns)
        for i, col in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=i)
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[cell.column_letter].width = widths[col]
        ws.freeze_panes = "A2"

    for pid, plan in plans.items():
        ws = wb.create_sheet(sheet_name(plan["issuer"], plan["title"], taken))
        header(ws, TASK_COLUMNS, WIDTHS)
        for row in plan["rows"]:
            ws.append([row[c] for c in TASK_COLUMNS])
            r = ws.max_row
            for i in range(1, len(TASK_COLUMNS) + 1):
                ws.cell(row=r, column=i).alignment = wrap
            notes = []
            if row["first_listed_leads"]:
                notes.append("原文未标明牵头，按惯例以首列单位为牵头：" + JOIN.join(row["first_listed_leads"]))
            if (pid, row["line"]) in owner_notes:
                notes.append(owner_notes[(pid, row["line"])])
            if notes:
                ws.cell(row=r, column=3).comment = Comment("\n".join(notes), "plankg")
        ws.auto_filter.ref = ws.dimensions
    ws = wb.create_sheet(SUMMARY_SHEET)
    header(ws, SUMMARY_COLUMNS, SUMMARY_WIDTHS)
    for row in agency_summary(plans):
        ws.append([row[c] for c in SUMMARY_COLUMNS])
    ws.auto_filter.ref = ws.dimensions
    return wb


def tasks_xlsx_bytes(store, plan_id: str | None = None) -> bytes:
    buf = io.BytesIO()
    tasks_workbook(store, plan_id).save(buf)
    return buf.getvalue()


def tasks_csv(store, plan_id: str | None = None) -> str:
    """All plans' rows in one CSV (UTF-8 with BOM), the plan named in the first column."""
    rows = []
    for plan in task_rows(store, plan_id).values():
        for row in plan["rows"]:
            rows.append({"规划": plan["title"], "发文单位": plan["issuer"], **row})
    return to_csv(["规划", "发文单位", *TASK_COLUMNS], rows)


# --- graph -------------------------------------------------------------------------------


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def graph_for_tools(store, plan_id: str | None = None) -> nx.MultiDiGraph:
    """The graph with scalar attributes only (GraphML has no lists or nulls: lists are
    joined with "; ", nulls left out) and a `label` each tool shows (Gephi reads it):
    the name, title or text of the node. Section's own printed label moves to
    `section_label`."""
    from plankg.graph.export import to_networkx

    g = to_networkx(store, plan_id=plan_id)
    out = nx.MultiDiGraph()
    for node, attrs in g.nodes(data=True):
        clean = {k: _scalar(v) for k, v in attrs.items() if v is not None}
        if "label" in clean:
            clean["section_label"] = clean.pop("label")
        clean["label"] = str(attrs.get("name") or attrs.get("title") or attrs.get("text") or attrs.get("id") or node)
        out.add_node(node, **clean)
    for a, b, key, attrs in g.edges(keys=True, data=True):
        out.add_edge(a, b, key=key, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    return out


def graphml_bytes(store, plan_id: str | None = None) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(graph_for_tools(store, plan_id), buf, encoding="utf-8")
    return buf.getvalue()


def node_link_json(store, plan_id: str | None = None) -> str:
    data = nx.node_link_data(graph_for_tools(store, plan_id), edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1)


def write_graph(store, path: Path, fmt: str, plan_id: str | None = None) -> nx.MultiDiGraph:
    g = graph_for_tools(store, plan_id)
    if fmt == "graphml":
        nx.write_graphml(g, str(path), encoding="utf-8")
    else:
        path.write_text(json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, indent=1), encoding="utf-8")
    return g
