"""Routes for consistency checks, cross-plan comparison and exports (xlsx, CSV, GraphML,
node-link JSON). Thin: parse, call plankg.queries.checks / compare / exports, render."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from plankg.api.deps import StoreDep
from plankg.api.render import UTF8JSONResponse, csv_response, wants_csv

router = APIRouter()

PlanParam = Annotated[str | None, Query(description="plan id; every plan when left out")]
Format = Annotated[Literal["json", "csv"] | None, Query(description="json (default) or csv")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(body: bytes, media: str, filename: str) -> Response:
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}
    return Response(body, media_type=media, headers=headers)


@router.get("/api/checks", tags=["checks"])
def checks(
    request: Request,
    handle: StoreDep,
    plan: PlanParam = None,
    check: Annotated[list[str] | None, Query(description="only these checks (repeat)")] = None,
    severity: Annotated[Literal["error", "warning", "info"] | None, Query(description="only this severity")] = None,
    format: Format = None,
):
    """Consistency findings of one plan or all: each names its check, severity and evidence."""
    from plankg.queries.checks import findings_table, run_checks

    findings = run_checks(handle.locked(), plan, check)
    if severity:
        findings = [f for f in findings if f.severity == severity]
    if wants_csv(request, format):
        columns, rows = findings_table(findings)
        return csv_response(columns, rows, "checks")
    return UTF8JSONResponse({"total": len(findings), "findings": [f.model_dump(mode="json") for f in findings]})


def _comparison(request: Request, format: str | None, result):
    if wants_csv(request, format):
        return csv_response(result.columns, result.rows, result.name)
    return UTF8JSONResponse(result.model_dump(mode="json"))


@router.get("/api/compare/indicators", tags=["compare"])
def compare_indicators(
    request: Request,
    handle: StoreDep,
    indicator: Annotated[str | None, Query(description="canonical indicator or part of it", examples=["规上工业总产值"])] = None,
    min_plans: Annotated[int | None, Query(ge=1, description="only indicators set by this many plans")] = None,
    format: Format = None,
):
    """The same indicator across plans, per year, in one unit (亿元 for money)."""
    from plankg.queries.compare import compare_indicators as run

    return _comparison(request, format, run(handle.locked(), indicator, min_plans=min_plans))


@router.get("/api/compare/industries", tags=["compare"])
def compare_industries(
    request: Request,
    handle: StoreDep,
    industry: Annotated[str | None, Query(description="canonical industry", examples=["新能源汽车"])] = None,
    min_plans: Annotated[int, Query(ge=1, description="only industries pursued by this many jurisdictions")] = 2,
    format: Format = None,
):
    """Jurisdictions pursuing each canonical industry, with tiers and scale targets."""
    from plankg.queries.compare import compare_industries as run

    return _comparison(request, format, run(handle.locked(), industry, min_plans=min_plans))


@router.get("/api/compare/agencies", tags=["compare"])
def compare_agencies(
    request: Request,
    handle: StoreDep,
    function: Annotated[str | None, Query(description="kind of body", examples=["工业和信息化局"])] = None,
    kind: Annotated[str | None, Query(description="agency kind, e.g. department")] = None,
    plan: PlanParam = None,
    format: Format = None,
):
    """One kind of body's workload in each jurisdiction."""
    from plankg.queries.compare import compare_agencies as run

    return _comparison(request, format, run(handle.locked(), function, kind=kind, plan=plan))


@router.get("/api/export/tasks.xlsx", tags=["export"], response_class=Response)
def export_tasks_xlsx(handle: StoreDep, plan: PlanParam = None):
    """The 任务分工表: one sheet per plan and a 部门汇总 sheet."""
    from plankg.api.exports import tasks_xlsx_bytes

    return _attachment(tasks_xlsx_bytes(handle.locked(), plan), XLSX, "任务分工表.xlsx")


@router.get("/api/export/tasks.csv", tags=["export"], response_class=Response)
def export_tasks_csv(handle: StoreDep, plan: PlanParam = None):
    """The 任务分工表 as one CSV (UTF-8 with BOM)."""
    from plankg.api.exports import tasks_csv

    return _attachment(tasks_csv(handle.locked(), plan).encode("utf-8"), "text/csv; charset=utf-8", "任务分工表.csv")


@router.get("/api/export/graph.graphml", tags=["export"], response_class=Response)
def export_graphml(handle: StoreDep, plan: PlanParam = None):
    """The graph as GraphML (Gephi, yEd, Cytoscape)."""
    from plankg.api.exports import graphml_bytes

    return _attachment(graphml_bytes(handle.locked(), plan), "application/graphml+xml", "plankg.graphml")


@router.get("/api/export/graph.json", tags=["export"])
def export_graph_json(handle: StoreDep, plan: PlanParam = None):
    """The graph as networkx node-link JSON."""
    from plankg.api.exports import node_link_json

    return Response(node_link_json(handle.locked(), plan).encode("utf-8"), media_type="application/json")
