"""The HTTP API: a thin layer over the query catalogue.

Every route validates through the catalogue, runs a named query with the same
function the CLI calls, and renders through api/render.py (JSON or CSV).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field

from plankg import __version__
from plankg.api.deps import StoreDep, StoreHandle
from plankg.api.render import UTF8JSONResponse, tabular
from plankg.config import Settings
from plankg.errors import PlankgError, QueryError, StoreError
from plankg.graph import Store
from plankg.queries.catalogue import QueryResult, get_query, list_queries

T = TypeVar("T")

EXAMPLE_AGENCY = "江苏省/南京市/溧水区:工业和信息化局"
Format = Annotated[
    Literal["json", "csv"] | None,
    Query(description="json (default) or csv (UTF-8 with BOM); `Accept: text/csv` works too"),
]
Limit = Annotated[int, Query(ge=1, le=10000, description="rows per page")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]


class NotFound(PlankgError):
    def __init__(self, message: str, param: str | None = None):
        self.param = param
        super().__init__(message)


# --- response models ---------------------------------------------------------------


class ErrorBody(BaseModel):
    error: str = Field(examples=["parameter 'limit' must be a whole number, not 'ten'"])
    param: str | None = Field(default=None, examples=["limit"])


class Page(BaseModel, Generic[T]):
    total: int = Field(description="rows before paging")
    limit: int
    offset: int
    columns: list[str]
    items: list[T]


class AgencyRow(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": EXAMPLE_AGENCY, "name": "溧水区工业和信息化局", "jurisdiction": "江苏省/南京市/溧水区",
                    "kind": "department", "function": "工业和信息化局", "tasks": 20, "lead": 12,
                    "lead_explicit": 0, "lead_first_listed": 12, "support": 8, "inherited": 0, "plans": 1,
                }
            ]
        }
    )
    id: str
    name: str
    jurisdiction: str | None
    kind: str | None
    function: str | None
    tasks: int = Field(description="distinct tasks the agency is assigned to")
    lead: int = Field(description="tasks it leads, explicitly or as first listed")
    lead_explicit: int = Field(description="tasks where the clause marks it 牵头")
    lead_first_listed: int = Field(description="tasks it leads only by being listed first")
    support: int
    inherited: int = Field(description="tasks carried from an earlier 以下均需…不再列出 clause")
    plans: int


class AgencyDetail(AgencyRow):
    partners: int = Field(description="distinct agencies it shares tasks with")


class AgencyTaskRow(BaseModel):
    plan_id: str
    plan_title: str | None
    issuer: str | None
    task_id: str
    number: int | None
    label: str | None
    part: str | None
    section: str | None
    title: str
    role: str | None
    lead: bool | None
    lead_basis: str | None
    inherited: bool | None
    partners: list[str]
    targets: list[str]
    deadline_text: str | None
    line: int | None


class PartnerRow(BaseModel):
    agency: str
    agency_name: str
    partner: str
    partner_name: str
    partner_kind: str | None
    shared_tasks: int
    either_leads: int = Field(description="shared tasks led by one of the two")
    plans: int


class PlanRow(BaseModel):
    id: str
    title: str
    issuer: str | None
    issuer_id: str | None
    kind: str | None
    period_start: int | None
    period_end: int | None
    status: str | None
    document_number: str | None
    issue_date: str | None
    sections: int
    tasks: int
    targets: int
    industries: int
    agencies: int


class PlanSummary(BaseModel):
    id: str
    title: str
    issuer: str | None
    issuer_id: str | None
    issuer_level: str | None
    kind: str | None
    period_start: int | None
    period_end: int | None
    status: str | None
    document_number: str | None
    issue_date: str | None
    issuing_office: str | None
    sections: int
    tasks: int
    safeguards: int
    unassigned: int
    targets: int
    indicators: int
    industries: int
    agencies: int
    assignments: int
    leads_explicit: int
    leads_first_listed: int


class DueRow(BaseModel):
    item: Literal["target", "task"]
    plan_id: str
    issuer: str | None
    year: int | None
    id: str
    text: str | None
    detail: str | None
    owners: list[str]
    leads: list[str]
    line: int | None


class IndustryRow(BaseModel):
    industry: str
    plans: int
    jurisdictions: int
    issuers: list[str]
    tiers: list[str]
    names: list[str]
    targets: list[str]


class ParamInfo(BaseModel):
    name: str
    type: str
    default: Any = None
    required: bool
    description: str
    choices: list[Any] | None = None
    example: Any = None


class QueryInfo(BaseModel):
    name: str
    title: str
    description: str
    params: list[ParamInfo]
    columns: list[str]
    paged: bool
    url: str


class GraphNode(BaseModel):
    id: str
    label: str
    name: str | None


class GraphEdge(BaseModel):
    source: str
    target: str
    type: str
    role: str | None = None
    lead_basis: str | None = None
    weight: int = 1


class GraphBody(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class Health(BaseModel):
    status: str
    version: str
    store: str
    plans: int


# --- helpers -----------------------------------------------------------------------


def _page(handle: StoreHandle, name: str, params: dict[str, Any], limit: int, offset: int) -> tuple[QueryResult, int]:
    """A page of a catalogue query: paged queries page in Cypher, the others (short
    lists, or UNION bodies that cannot ORDER themselves) are sliced here."""
    spec = get_query(name)
    if spec.paged:
        result = handle.query(name, {**params, "limit": limit, "offset": offset}, with_total=True)
        return result, result.total or 0
    if spec.param("limit") is not None:
        params = {**params, "limit": min(offset + limit, int(spec.param("limit").max or 10000))}
    result = handle.query(name, params)
    total = len(result.rows)
    result.rows = result.rows[offset : offset + limit]
    return result, total


def _page_response(request, format, model, result: QueryResult, total: int, limit: int, offset: int, filename: str):
    page = Page[model](
        total=total, limit=limit, offset=offset, columns=result.columns,
        items=[model(**r) for r in result.rows],
    )
    return tabular(
        request, format, columns=result.columns, rows=result.rows,
        body=page.model_dump(mode="json"), filename=filename,
    )


def _one(request, format, model, result: QueryResult, filename: str, what: str, param: str):
    if not result.rows:
        raise NotFound(f"no {what} with id {result.params.get(param)!r}", param=param)
    return tabular(
        request, format, columns=result.columns, rows=result.rows[:1],
        body=model(**result.rows[0]).model_dump(mode="json"), filename=filename,
    )


def _query_info(spec) -> QueryInfo:
    return QueryInfo(
        name=spec.name, title=spec.title, description=spec.description, columns=list(spec.columns),
        paged=spec.paged, url=f"/api/queries/{spec.name}",
        params=[
            ParamInfo(
                name=p.name, type=p.type, default=p.default, required=p.required, description=p.description,
                choices=list(p.choices) if p.choices is not None else None, example=p.example,
            )
            for p in spec.params
        ],
    )


ERRORS = {400: {"model": ErrorBody, "description": "a bad parameter"}, 404: {"model": ErrorBody}}


# --- the app -----------------------------------------------------------------------


def create_app(store: Store | None = None, settings: Settings | None = None) -> FastAPI:
    """The API over `store`, or over the store Settings name (opened read-only on first use)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.store.close()

    app = FastAPI(
        title="plankg",
        version=__version__,
        summary="Who carries which tasks in Chinese local-government plans",
        description="Named Cypher queries over the plan graph. Every tabular route answers CSV "
        "(UTF-8 with BOM) with `?format=csv` or `Accept: text/csv`.",
        lifespan=lifespan,
        default_response_class=UTF8JSONResponse,
    )
    app.state.settings = settings
    app.state.store = StoreHandle(settings, store)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, exc: QueryError):
        status = 404 if exc.param == "name" else 400
        return UTF8JSONResponse({"error": str(exc), "param": exc.param}, status_code=status)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        return UTF8JSONResponse({"error": str(exc), "param": exc.param}, status_code=404)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError):
        return UTF8JSONResponse({"error": f"the graph store failed: {exc}", "param": None}, status_code=503)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        err = exc.errors()[0]
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        param = loc[-1] if loc else None
        value = err.get("input")
        msg = f"parameter {param!r}: {err.get('msg', 'is not valid')}" + (f" (got {value!r})" if value is not None else "")
        return UTF8JSONResponse({"error": msg, "param": param}, status_code=400)

    @app.get("/health", response_model=Health, tags=["meta"])
    def health(handle: StoreDep):
        plans = handle.query("plans", {})
        return Health(status="ok", version=__version__, store=handle.store.dialect, plans=len(plans.rows))

    # --- the catalogue ---------------------------------------------------------------

    @app.get("/api/queries", response_model=list[QueryInfo], tags=["catalogue"])
    def queries():
        """Every named query with its parameters and result columns."""
        return [_query_info(s).model_dump(mode="json") for s in list_queries()]

    @app.get(
        "/api/queries/{name}", response_model=Page[dict[str, Any]], responses=ERRORS, tags=["catalogue"],
        openapi_extra={"parameters": [{"name": "param", "in": "query", "required": False, "schema": {"type": "string"},
                                       "description": "any of the query's parameters, e.g. ?kind=department&limit=10"}]},
    )
    def run_named(
        request: Request,
        handle: StoreDep,
        name: Annotated[str, Path(examples=["agency_workload"])],
        format: Format = None,
    ):
        """Run any catalogue query; its parameters come from the query string."""
        spec = get_query(name)
        raw = {k: v for k, v in request.query_params.items() if k != "format"}
        result = handle.query(name, raw, with_total=spec.paged)
        params = result.params
        total = result.total if result.total is not None else len(result.rows)
        body = Page[dict[str, Any]](
            total=total, limit=params.get("limit", len(result.rows)), offset=params.get("offset", 0),
            columns=result.columns, items=result.rows,
        )
        return tabular(request, format, columns=result.columns, rows=result.rows,
                       body=body.model_dump(mode="json"), filename=name)

    # --- agencies -------------------------------------------------------------------

    @app.get("/api/agencies", response_model=Page[AgencyRow], responses=ERRORS, tags=["agencies"])
    def agencies(
        request: Request,
        handle: StoreDep,
        sort: Annotated[
            Literal["workload", "tasks", "lead", "lead_explicit", "support", "inherited", "plans"],
            Query(description="workload = tasks"),
        ] = "workload",
        limit: Limit = 50,
        offset: Offset = 0,
        kind: Annotated[str | None, Query(examples=["department"])] = None,
        jurisdiction: Annotated[str | None, Query(description="id or name; includes bodies below it", examples=["溧水区"])] = None,
        function: Annotated[str | None, Query(examples=["工业和信息化局"])] = None,
        plan: str | None = None,
        role: Literal["lead", "support"] | None = None,
        year: Annotated[int | None, Query(description="plans in force that year", examples=[2027])] = None,
        format: Format = None,
    ):
        """The workload ranking: which agencies carry the most tasks."""
        params = {"sort": "tasks" if sort == "workload" else sort, "kind": kind, "jurisdiction": jurisdiction,
                  "function": function, "plan": plan, "role": role, "year": year}
        result, total = _page(handle, "agency_workload", params, limit, offset)
        return _page_response(request, format, AgencyRow, result, total, limit, offset, "agencies")

    @app.get("/api/agencies/{agency_id:path}/tasks", response_model=Page[AgencyTaskRow], responses=ERRORS, tags=["agencies"])
    def agency_tasks(
        request: Request,
        handle: StoreDep,
        agency_id: Annotated[str, Path(description="agency id; may hold '/' and ':'", examples=[EXAMPLE_AGENCY])],
        plan: str | None = None,
        role: Literal["lead", "support"] | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
        format: Format = None,
    ):
        """One agency's tasks, with co-assigned units and targets."""
        _require_agency(handle, agency_id)
        result, total = _page(handle, "agency_tasks", {"agency": agency_id, "plan": plan, "role": role}, limit, offset)
        return _page_response(request, format, AgencyTaskRow, result, total, limit, offset, "agency_tasks")

    @app.get("/api/agencies/{agency_id:path}/partners", response_model=Page[PartnerRow], responses=ERRORS, tags=["agencies"])
    def agency_partners(
        request: Request,
        handle: StoreDep,
        agency_id: Annotated[str, Path(description="agency id", examples=[EXAMPLE_AGENCY])],
        plan: str | None = None,
        min_shared: Annotated[int, Query(ge=1)] = 1,
        limit: Limit = 100,
        offset: Offset = 0,
        format: Format = None,
    ):
        """The agencies this one shares tasks with, most shared first."""
        _require_agency(handle, agency_id)
        params = {"agency": agency_id, "plan": plan, "min_shared": min_shared}
        result, total = _page(handle, "agency_partners", params, limit, offset)
        return _page_response(request, format, PartnerRow, result, total, limit, offset, "agency_partners")

    @app.get("/api/agencies/{agency_id:path}", response_model=AgencyDetail, responses=ERRORS, tags=["agencies"])
    def agency(
        request: Request,
        handle: StoreDep,
        agency_id: Annotated[str, Path(description="agency id", examples=[EXAMPLE_AGENCY])],
        format: Format = None,
    ):
        """One agency and its counts."""
        result = handle.query("agency_detail", {"agency": agency_id})
        return _one(request, format, AgencyDetail, result, "agency", "agency", "agency")

    def _require_agency(handle: StoreHandle, agency_id: str) -> None:
        if not handle.query("agency_detail", {"agency": agency_id}).rows:
            raise NotFound(f"no agency with id {agency_id!r}; list them at /api/agencies", param="agency")

    # --- plans ----------------------------------------------------------------------

    @app.get("/api/plans", response_model=Page[PlanRow], responses=ERRORS, tags=["plans"])
    def plans(request: Request, handle: StoreDep, limit: Limit = 100, offset: Offset = 0, format: Format = None):
        """Every plan with its counts."""
        result, total = _page(handle, "plans", {}, limit, offset)
        return _page_response(request, format, PlanRow, result, total, limit, offset, "plans")

    @app.get("/api/plans/{plan_id:path}/tasks", response_model=Page[dict[str, Any]], responses=ERRORS, tags=["plans"])
    def plan_tasks(
        request: Request, handle: StoreDep, plan_id: str,
        part: Literal["goals", "tasks", "safeguards", "other"] | None = None,
        limit: Limit = 200, offset: Offset = 0, format: Format = None,
    ):
        """A plan's tasks in document order with leads and supporting units."""
        if not handle.query("plan_summary", {"plan": plan_id}).rows:
            raise NotFound(f"no plan with id {plan_id!r}; list them at /api/plans", param="plan")
        result, total = _page(handle, "plan_tasks", {"plan": plan_id, "part": part}, limit, offset)
        page = Page[dict[str, Any]](total=total, limit=limit, offset=offset, columns=result.columns, items=result.rows)
        return tabular(request, format, columns=result.columns, rows=result.rows,
                       body=page.model_dump(mode="json"), filename="plan_tasks")

    @app.get("/api/plans/{plan_id:path}", response_model=PlanSummary, responses=ERRORS, tags=["plans"])
    def plan(request: Request, handle: StoreDep, plan_id: str, format: Format = None):
        """One plan's summary."""
        result = handle.query("plan_summary", {"plan": plan_id})
        return _one(request, format, PlanSummary, result, "plan", "plan", "plan")

    # --- tasks, industries ------------------------------------------------------------

    @app.get("/api/tasks", response_model=Page[DueRow] | Page[dict[str, Any]], responses=ERRORS, tags=["tasks"])
    def tasks(
        request: Request,
        handle: StoreDep,
        due: Annotated[int | None, Query(description="targets and tasks due this year", examples=[2027])] = None,
        by: Annotated[bool, Query(description="with due: also what is due before")] = False,
        q: Annotated[str | None, Query(description="tasks whose text contains this", examples=["低空经济"])] = None,
        agency: Annotated[str | None, Query(description="with due: only this agency's items", examples=[EXAMPLE_AGENCY])] = None,
        plan: str | None = None,
        limit: Limit = 200,
        offset: Offset = 0,
        format: Format = None,
    ):
        """What is due in a year (`due`), or a text search over tasks (`q`)."""
        if due is not None:
            result, total = _page(handle, "tasks_due", {"year": due, "by": by, "agency": agency, "plan": plan}, limit, offset)
            return _page_response(request, format, DueRow, result, total, limit, offset, f"due_{due}")
        if q:
            result, total = _page(handle, "search_tasks", {"text": q, "plan": plan}, limit, offset)
            page = Page[dict[str, Any]](total=total, limit=limit, offset=offset, columns=result.columns, items=result.rows)
            return tabular(request, format, columns=result.columns, rows=result.rows,
                           body=page.model_dump(mode="json"), filename="tasks")
        raise QueryError("give `due` (a year, e.g. ?due=2027) or `q` (text to search for)", param="due")

    @app.get("/api/industries/overlap", response_model=Page[IndustryRow], responses=ERRORS, tags=["industries"])
    def industries_overlap(
        request: Request,
        handle: StoreDep,
        min_plans: Annotated[int, Query(ge=1, description="named by at least this many plans")] = 2,
        tier: Annotated[str | None, Query(examples=["未来产业"])] = None,
        limit: Limit = 100,
        offset: Offset = 0,
        format: Format = None,
    ):
        """Industries several plans pursue, with tiers and scale targets."""
        result, total = _page(handle, "industry_overlap", {"min_plans": min_plans, "tier": tier}, limit, offset)
        return _page_response(request, format, IndustryRow, result, total, limit, offset, "industry_overlap")

    @app.get("/api/graph", response_model=GraphBody, responses=ERRORS, tags=["graph"])
    def graph(
        handle: StoreDep,
        view: Annotated[Literal["assignments", "partners"], Query(description="plan→task→agency, or agency↔agency")] = "assignments",
        plan: str | None = None,
        agency: Annotated[str | None, Query(examples=[EXAMPLE_AGENCY])] = None,
        min_shared: Annotated[int, Query(ge=1, description="partners view: least shared tasks")] = 1,
    ):
        """Nodes and edges as JSON, for other tools."""
        nodes: dict[str, GraphNode] = {}
        edges: list[GraphEdge] = []
        if view == "partners":
            result = handle.query("agency_partners", {"agency": agency, "plan": plan, "min_shared": min_shared, "limit": 100000})
            for r in result.rows:
                nodes.setdefault(r["agency"], GraphNode(id=r["agency"], label="Agency", name=r["agency_name"]))
                nodes.setdefault(r["partner"], GraphNode(id=r["partner"], label="Agency", name=r["partner_name"]))
                edges.append(GraphEdge(source=r["agency"], target=r["partner"], type="WORKS_WITH", weight=r["shared_tasks"]))
        else:
            result = handle.query("graph_edges", {"plan": plan, "agency": agency})
            for r in result.rows:
                nodes.setdefault(r["source"], GraphNode(id=r["source"], label=r["source_label"], name=r["source_name"]))
                nodes.setdefault(r["target"], GraphNode(id=r["target"], label=r["target_label"], name=r["target_name"]))
                edges.append(GraphEdge(source=r["source"], target=r["target"], type=r["type"],
                                       role=r["role"] or None, lead_basis=r["lead_basis"] or None))
        return UTF8JSONResponse(GraphBody(nodes=list(nodes.values()), edges=edges).model_dump(mode="json"))

    # the network views (self-contained pyvis pages) under /viz/
    from plankg.viz.routes import router as viz_router

    app.include_router(viz_router)

    # consistency checks, cross-plan comparison and exports (xlsx, CSV, GraphML, JSON)
    from plankg.api.analysis import router as analysis_router

    app.include_router(analysis_router)

    # the coordinator's dashboard (HTML pages over the same catalogue queries)
    from plankg.api.pages import router as pages_router

    app.include_router(pages_router)

    # the write endpoints (upload a plan, reload): off unless PLANKG_ADMIN_TOKEN is set
    from plankg.api.admin import install as install_admin

    install_admin(app)

    return app
