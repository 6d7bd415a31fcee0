"""The coordinator's dashboard: server-rendered pages over the query catalogue.

Every page runs the same catalogue queries the API runs (through the app's
StoreHandle), keeps its whole state in the query string (filters, sort, lang) so a
URL can be bookmarked and sent on, and offers each of its tables as CSV or xlsx
with `?format=csv|xlsx&table=<id>` on the page's own URL.
"""

from __future__ import annotations

import io
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from plankg.api.deps import StoreDep, StoreHandle
from plankg.queries.checks import findings_table, run_checks
from plankg.viz.views import VIEWS
from plankg.api.render import LIST_SEP, csv_response
from plankg.errors import QueryError
from plankg.queries.catalogue import get_query

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
LANGS = ("zh", "en")
ALL = 10000  # "every row" for the catalogue's paged queries
CHART_BARS = 20
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# columns whose stored values are codes, and the i18n table that names them
ENUMS = {
    "kind": "kind", "partner_kind": "kind", "role": "role", "lead_basis": "basis", "status": "status",
    "part": "part", "item": "item", "problem": "problem", "severity": "severity",
}

templates = Jinja2Templates(directory=str(HERE / "templates"))
# Chart data goes into <script type="application/json">; keep Chinese readable there too.
templates.env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}

router = APIRouter(include_in_schema=False)


# --- messages ------------------------------------------------------------------------


@cache
def messages() -> dict[str, dict[str, Any]]:
    with (HERE / "i18n.toml").open("rb") as f:
        return tomllib.load(f)


class Translator:
    def __init__(self, lang: str):
        self.lang = lang
        self.msgs = messages()[lang]

    def __call__(self, key: str, **kw: Any) -> str:
        text = self.msgs.get(key, key)
        return text.format(**kw) if kw else text

    def col(self, key: str) -> str:
        return self.msgs["col"].get(key, key)

    def enum(self, table: str, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.msgs["e_bool"]["true" if value else "false"]
        return self.msgs.get(f"e_{table}", {}).get(str(value), str(value))


# --- tables --------------------------------------------------------------------------


@dataclass
class Column:
    key: str
    numeric: bool = False
    href: Callable[[dict], str | None] | None = None
    label: str | None = None  # defaults to the col.<key> message
    # a chart cell: the row's value under this key is a JSON-ready series
    spark: bool = False
    # how the page shows the value; downloads keep the value as stored
    fmt: Callable[[Any], Any] | None = None


@dataclass
class Table:
    id: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    total: int | None = None  # rows before the page's display cut
    sort_links: bool = False  # headers re-sort through the URL (?sort=&dir=)


@dataclass
class PageState:
    """The request's language and query string, and the link builders the
    templates use, so every link carries the state it should."""

    request: Request
    lang: str
    t: Translator
    params: dict[str, str] = field(default_factory=dict)

    def href(self, path: str, **params: Any) -> str:
        q = {k: v for k, v in params.items() if v not in (None, "", False)}
        if self.lang != "zh":
            q["lang"] = self.lang
        return path + ("?" + urlencode(q) if q else "")

    def ext(self, path: str, **params: Any) -> str:
        """A link to a page outside the dashboard, which takes no `lang`."""
        q = {k: v for k, v in params.items() if v not in (None, "")}
        return path + ("?" + urlencode(q) if q else "")

    def here(self, **overrides: Any) -> str:
        """This page with some parameters changed (None drops one)."""
        q = {**self.params, **{k: v for k, v in overrides.items()}}
        q = {k: v for k, v in q.items() if v not in (None, "")}
        return quote(self.request.url.path, safe="/:") + ("?" + urlencode(q) if q else "")

    def cell(self, row: dict, col: Column) -> Any:
        value = row.get(col.key)
        return col.fmt(value) if col.fmt else display(self.t, col.key, value)


def seg(value: str) -> str:
    """One URL path segment: agency ids hold '/' and ':', names hold Chinese."""
    return quote(str(value), safe="")


def display(t: Translator, key: str, value: Any) -> Any:
    if key in ENUMS:
        return t.enum(ENUMS[key], value)
    if isinstance(value, bool):
        return t.enum("bool", value)
    if isinstance(value, (list, tuple)):
        return LIST_SEP.join(str(v) for v in value if v not in (None, ""))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def _download(state: PageState, table: Table, fmt: str, filename: str) -> Response:
    columns = [c for c in table.columns if not c.spark]
    labels = [c.label or state.t.col(c.key) for c in columns]
    rows = [{lab: display(state.t, c.key, r.get(c.key)) for lab, c in zip(labels, columns)} for r in table.rows]
    if fmt == "csv":
        return csv_response(labels, rows, filename)
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = table.id[:31]
    ws.append(labels)
    for r in rows:
        ws.append([r[lab] for lab in labels])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}.xlsx"}
    return Response(buf.getvalue(), media_type=XLSX_MEDIA, headers=headers)


def _state(request: Request) -> PageState:
    lang = request.query_params.get("lang", "zh")
    lang = lang if lang in LANGS else "zh"
    params = {k: v for k, v in request.query_params.items() if k not in ("format", "table")}
    return PageState(request=request, lang=lang, t=Translator(lang), params=params)


def _render(state: PageState, template: str, tables: list[Table], filename: str, status: int = 200, **ctx: Any) -> Response:
    fmt = state.request.query_params.get("format")
    if fmt in ("csv", "xlsx") and tables:
        wanted = state.request.query_params.get("table") or tables[0].id
        table = next((tb for tb in tables if tb.id == wanted), None)
        if table is None:
            known = ", ".join(tb.id for tb in tables)
            raise QueryError(f"this page has no table {wanted!r}; its tables are: {known}", param="table")
        return _download(state, table, fmt, f"{filename}-{table.id}")
    links = _optional_links(state.request.app)
    return templates.TemplateResponse(
        state.request, template,
        {"s": state, "t": state.t, "tables": {tb.id: tb for tb in tables}, "links": links, "seg": seg, **ctx},
        status_code=status,
    )


def _optional_links(app: FastAPI) -> dict[str, bool]:
    """Link only to the routes this app mounts (an app may be built without the
    network views or the analysis router)."""
    cached = getattr(app.state, "page_links", None)
    if cached is not None:
        return cached
    paths = set(_route_paths(app.routes))
    views = set(VIEWS) if "/viz/{name}" in paths else set()
    app.state.page_links = {
        "viz": any(p.startswith("/viz") for p in paths),
        "viz_agency": "agency" in views,
        "viz_plan": "plan" in views,
        "viz_industries": "industries" in views,
        "export_tasks": "/api/export/tasks.xlsx" in paths,
        "checks": "/api/checks" in paths,
    }
    return app.state.page_links


def _route_paths(routes) -> Iterable[str]:
    # included routers may be kept whole (FastAPI ≥ 0.120) rather than flattened
    for r in routes:
        if getattr(r, "path", None):
            yield r.path
        inner = getattr(r, "original_router", None) or getattr(r, "app", None)
        if inner is not None and hasattr(inner, "routes") and inner is not r:
            yield from _route_paths(inner.routes)


def _error(state: PageState, status: int, message: str) -> Response:
    return _render(state, "error.html", [], "error", status=status, title=state.t("not_found" if status == 404 else "bad_request"), message=message)


def _guard(fn):
    """Bad parameters become a page saying which one, not a JSON body."""
    import functools

    @functools.wraps(fn)
    def wrapper(request: Request, *args, **kwargs):
        try:
            return fn(request, *args, **kwargs)
        except QueryError as exc:
            return _error(_state(request), 404 if exc.param == "name" else 400, str(exc))
        except _NotFound as exc:
            return _error(_state(request), 404, str(exc))

    return wrapper


class _NotFound(Exception):
    pass


# --- shared look-ups -----------------------------------------------------------------


def _plans(handle: StoreHandle) -> list[dict]:
    rows = handle.query("plans", {}).rows
    for r in rows:
        r["period"] = _period(r)
    return rows


def _period(r: dict) -> str:
    a, b = r.get("period_start"), r.get("period_end")
    if a and b and a != b:
        return f"{a}–{b}"
    return str(a or b or "")


def _jurisdictions(plans: Iterable[dict]) -> list[tuple[str, str]]:
    """Jurisdiction ids of the issuers and every level above them, as (id, name)."""
    out: dict[str, str] = {}
    for p in plans:
        parts = (p.get("issuer_id") or "").split("/")
        for i in range(1, len(parts) + 1):
            jid = "/".join(parts[:i])
            if jid:
                out[jid] = "　" * (i - 1) + parts[i - 1]
    return sorted(out.items())


def _years(plans: Iterable[dict]) -> list[int]:
    years: set[int] = set()
    for p in plans:
        a, b = p.get("period_start"), p.get("period_end") or p.get("period_start")
        if a:
            years.update(range(a, (b or a) + 1))
    return sorted(years)


def _sort_rows(rows: list[dict], key: str, desc: bool) -> list[dict]:
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    present.sort(key=lambda r: (r[key] if isinstance(r[key], (int, float)) else str(r[key])), reverse=desc)
    return present + missing


def short_jurisdiction(jid: Any) -> str:
    """溧水区 for 江苏省/南京市/溧水区: the page has the room for one level."""
    return str(jid or "").rsplit("/", 1)[-1]


def _agency_href(state: PageState) -> Callable[[dict], str]:
    return lambda r: state.href("/agencies/" + seg(r["id"]))


# --- pages ---------------------------------------------------------------------------

WORKLOAD_COLUMNS = ("tasks", "lead", "lead_explicit", "lead_first_listed", "support", "inherited", "plans")


@router.get("/", response_class=HTMLResponse)
@_guard
def overview(request: Request, handle: StoreDep):
    s = _state(request)
    t = s.t
    p = request.query_params
    view = "kind" if p.get("view") == "kind" else "body"
    plans = _plans(handle)
    filters = {k: p.get(k) or None for k in ("plan", "jurisdiction", "kind", "year", "function")}
    if view == "kind":
        params = {k: filters[k] for k in ("plan", "kind", "year")}
        result = handle.query("agency_kind_workload", {**params, "limit": ALL})
        sortable = ("function", "kind", "agencies", "jurisdictions", *WORKLOAD_COLUMNS)
    else:
        result = handle.query("agency_workload", {**filters, "limit": ALL})
        sortable = ("name", "jurisdiction", "kind", *WORKLOAD_COLUMNS)
    rows = result.rows
    q = (p.get("q") or "").strip()
    if q:
        rows = [r for r in rows if any(q.lower() in str(r.get(k) or "").lower() for k in ("name", "id", "function"))]
    sort = p.get("sort") if p.get("sort") in sortable else "tasks"
    desc = p.get("dir", "desc" if sort in (*WORKLOAD_COLUMNS, "agencies", "jurisdictions") else "asc") != "asc"
    rows = _sort_rows(rows, sort, desc)
    for r in rows:
        # a partition of the tasks for the stacked bar: inherited tasks are support too
        r["support_stated"] = max((r.get("support") or 0) - (r.get("inherited") or 0), 0)
    try:
        n = max(int(p.get("n", 50)), 0)
    except ValueError:
        raise QueryError(f"parameter 'n' must be a whole number, not {p.get('n')!r}", param="n") from None
    shown = rows[:n] if n else rows

    if view == "kind":
        def kind_href(r):
            return s.href("/", function=r["function"], kind=r["kind"], plan=filters["plan"], year=filters["year"])

        columns = [Column("function", href=kind_href), Column("kind"), Column("agencies", True), Column("jurisdictions", True)]
        label_key = "function"
    else:
        columns = [Column("name", href=_agency_href(s)), Column("jurisdiction", fmt=short_jurisdiction), Column("kind")]
        label_key = "name"
    columns += [Column(k, True) for k in WORKLOAD_COLUMNS]
    workload = Table("workload", t("workload_kind" if view == "kind" else "workload"), columns, rows, total=len(rows), sort_links=True)
    workload_shown = Table(workload.id, workload.title, columns, shown, total=len(rows), sort_links=True)

    plan_table = Table("plans", t("plans_loaded"), [
        Column("title", href=lambda r: s.href("/plans/" + seg(r["id"]))),
        Column("issuer"), Column("period"), Column("status"), Column("sections", True), Column("tasks", True),
        Column("targets", True), Column("agencies", True),
    ], plans)

    top = rows[:CHART_BARS]
    chart = {
        "labels": [r.get(label_key) or r.get("id") for r in top],
        "series": [
            {"key": k, "label": t.col(k) if k != "support_stated" else t.col("support"), "data": [r.get(k) or 0 for r in top]}
            for k in ("lead_explicit", "lead_first_listed", "support_stated", "inherited")
        ],
    }
    kinds = list(get_query("agency_workload").param("kind").choices or ())
    return _render(
        s, "overview.html", [workload, plan_table], "workload",
        view=view, filters=filters, q=q, sort=sort, desc=desc, n=n, plans=plans, chart=chart,
        workload=workload_shown, plan_table=plan_table, kinds=kinds,
        jurisdictions=_jurisdictions(plans), years=_years(plans),
    )


@router.get("/agencies/{agency_id:path}", response_class=HTMLResponse)
@_guard
def agency_page(request: Request, handle: StoreDep, agency_id: str):
    s = _state(request)
    t = s.t
    p = request.query_params
    detail = handle.query("agency_detail", {"agency": agency_id}).rows
    if not detail:
        raise _NotFound(f"no agency with id {agency_id!r}")
    agency = detail[0]
    plan, role = p.get("plan") or None, p.get("role") or None
    tasks = handle.query("agency_tasks", {"agency": agency_id, "plan": plan, "role": role, "limit": ALL}).rows
    partners = handle.query("agency_partners", {"agency": agency_id, "plan": plan, "limit": ALL}).rows
    plans = {r["id"]: r for r in _plans(handle)}
    task_table = Table("tasks", t("agency_tasks"), [
        Column("issuer", href=lambda r: s.href("/plans/" + seg(r["plan_id"]))),
        Column("section"), Column("number", True), Column("title"), Column("role"), Column("lead_basis"),
        Column("inherited"), Column("targets"), Column("deadline_text"), Column("partners"),
    ], tasks)
    partner_table = Table("partners", t("partners"), [
        Column("partner_name", href=lambda r: s.href("/agencies/" + seg(r["partner"])), label=t.col("partner")),
        Column("partner_kind"), Column("shared_tasks", True), Column("either_leads", True), Column("plans", True),
    ], partners)
    agency_plans = sorted({r["plan_id"] for r in handle.query("agency_tasks", {"agency": agency_id, "limit": ALL}).rows})
    return _render(
        s, "agency.html", [task_table, partner_table], "agency",
        agency=agency, plan=plan, role=role, agency_plans=[plans[x] for x in agency_plans if x in plans],
        task_table=task_table, partner_table=partner_table,
    )


def _indicator_rows(rows: list[dict]) -> tuple[list[dict], list[int]]:
    """One row per indicator with its table targets by year (other targets as text)."""
    by_id: dict[str, dict] = {}
    years: set[int] = set()
    for r in rows:
        ind = by_id.setdefault(r["id"], {
            k: r[k] for k in ("id", "number", "category", "name", "indicator", "unit", "owners", "line")
        } | {"by_year": {}, "other": []})
        if r.get("origin") == "table" and r.get("year") is not None:
            years.add(r["year"])
            value = r["value"] if r.get("value") is not None else r.get("value_text")
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            ind["by_year"][r["year"]] = value
        elif r.get("text"):
            ind["other"].append(r["text"])
    out = []
    for ind in by_id.values():
        for y in years:
            ind[f"y{y}"] = ind["by_year"].get(y)
        ind["targets"] = sorted(set(ind.pop("other")))
        series = [(y, v) for y, v in sorted(ind["by_year"].items()) if isinstance(v, (int, float))]
        ind["trend"] = {"years": [y for y, _ in series], "values": [v for _, v in series]} if len(series) >= 2 else None
        out.append(ind)
    return out, sorted(years)


def _findings(handle: StoreHandle, plan_id: str, lang: str) -> list[dict]:
    """Consistency findings: the same function /api/checks runs."""
    _, rows = findings_table(run_checks(handle.locked(), plan_id))
    return [{"problem": r["check"], "severity": r["severity"],
             "message": r["message_en"] if lang == "en" else r["message"], "line": r["lines"]} for r in rows]


@router.get("/plans/{plan_id:path}", response_class=HTMLResponse)
@_guard
def plan_page(request: Request, handle: StoreDep, plan_id: str):
    s = _state(request)
    t = s.t
    summary = handle.query("plan_summary", {"plan": plan_id}).rows
    if not summary:
        raise _NotFound(f"no plan with id {plan_id!r}")
    plan = summary[0]
    plan["period"] = _period(plan)
    tasks = handle.query("plan_tasks", {"plan": plan_id, "limit": ALL}).rows
    sections: dict[tuple, dict] = {}
    for r in tasks:
        sec = sections.setdefault((r["part"], r["section"]), {"part": r["part"], "section": r["section"], "tasks": 0, "leads": Counter()})
        sec["tasks"] += 1
        sec["leads"].update(r["leads"])
    section_rows = [{"part": v["part"], "section": v["section"] or "—", "tasks": v["tasks"],
                     "leads": [name for name, _ in v["leads"].most_common()]} for v in sections.values()]
    indicators, years = _indicator_rows(handle.query("plan_indicators", {"plan": plan_id}).rows)
    findings = _findings(handle, plan_id, s.lang)
    industries = [r for r in handle.query("industry_overlap", {"min_plans": 1, "limit": ALL}).rows if plan["issuer"] in r["issuers"]]
    tables = [
        Table("tasks", t("tasks"), [
            Column("number", True), Column("section"), Column("title"), Column("leads"), Column("supports"),
            Column("targets", True), Column("deadline_text"), Column("clause"),
        ], tasks),
        Table("sections", t("sections"), [Column("part"), Column("section"), Column("tasks", True), Column("leads")], section_rows),
        Table("indicators", t("indicator_table"), [
            Column("number", True), Column("category"), Column("name"), Column("unit"),
            *[Column(f"y{y}", True, label=str(y)) for y in years],
            Column("trend", spark=True), Column("targets"), Column("owners"),
        ], indicators),
        Table("findings", t("findings"), [Column("problem"), Column("severity"), Column("message"), Column("line", True)], findings),
        Table("industries", t("industries_of_plan"), [
            Column("industry", href=lambda r: s.href("/industries/" + seg(r["industry"]))), Column("tiers"), Column("names"),
            Column("plans", True),
        ], industries),
    ]
    if not any(f.get("severity") for f in findings):
        tables[3].columns = [c for c in tables[3].columns if c.key != "severity"]
    return _render(s, "plan.html", tables, "plan", plan=plan)


@router.get("/industries", response_class=HTMLResponse)
@_guard
def industries_page(request: Request, handle: StoreDep):
    s = _state(request)
    p = request.query_params
    min_plans = p.get("min_plans") or 2
    tier = p.get("tier") or None
    rows = handle.query("industry_overlap", {"min_plans": min_plans, "tier": tier, "limit": ALL}).rows
    table = Table("industries", s.t("industries"), [
        Column("industry", href=lambda r: s.href("/industries/" + seg(r["industry"]))),
        Column("plans", True), Column("jurisdictions", True), Column("issuers", label=s.t.col("issuer")),
        Column("tiers"), Column("names"),
    ], rows)
    all_rows = handle.query("industry_overlap", {"min_plans": 1, "limit": ALL}).rows
    tiers = sorted({x for r in all_rows for x in r["tiers"] if x})
    return _render(s, "industries.html", [table], "industries", min_plans=str(min_plans), tier=tier, tiers=tiers)


@router.get("/industries/{name:path}", response_class=HTMLResponse)
@_guard
def industry_page(request: Request, handle: StoreDep, name: str):
    s = _state(request)
    t = s.t
    rows = [r for r in handle.query("industry_overlap", {"min_plans": 1, "limit": ALL}).rows if r["industry"] == name]
    if not rows:
        raise _NotFound(f"no industry {name!r} in the loaded plans")
    ind = rows[0]
    plans = _plans(handle)
    chasers = [
        {"plan_id": pl["id"], "issuer": pl["issuer"], "title": pl["title"], "period": pl["period"], "status": pl["status"]}
        for pl in plans if pl["issuer"] in ind["issuers"]
    ]
    # per-tier mentions: which tiers this industry is listed under, by plan, through the tier filter
    tiers_by_issuer: dict[str, set[str]] = defaultdict(set)
    for tier in ind["tiers"]:
        for r in handle.query("industry_overlap", {"min_plans": 1, "tier": tier, "limit": ALL}).rows:
            if r["industry"] == name:
                for issuer in r["issuers"]:
                    tiers_by_issuer[issuer].add(tier)
    for c in chasers:
        c["tiers"] = sorted(tiers_by_issuer.get(c["issuer"], ()))
    related = handle.query("search_tasks", {"text": name, "limit": 500}).rows
    tables = [
        Table("jurisdictions", t("chasers"), [
            Column("issuer"), Column("title", href=lambda r: s.href("/plans/" + seg(r["plan_id"])), label=t.col("plan")),
            Column("period"), Column("status"), Column("tiers"),
        ], chasers),
        Table("targets", t("scale_targets"), [Column("text")], [{"text": x} for x in ind["targets"]]),
        Table("tasks", t("related_tasks"), [
            Column("issuer", href=lambda r: s.href("/plans/" + seg(r["plan_id"]))), Column("number", True),
            Column("section"), Column("title"), Column("units"),
        ], related),
    ]
    return _render(s, "industry.html", tables, "industry", ind=ind, name=name)


@router.get("/years/{year}", response_class=HTMLResponse)
@_guard
def year_page(request: Request, handle: StoreDep, year: str):
    s = _state(request)
    t = s.t
    p = request.query_params
    by = p.get("by") in ("1", "true", "on", "yes")
    plan = p.get("plan") or None
    result = handle.query("tasks_due", {"year": year, "by": by, "plan": plan})
    rows = result.rows
    year_n = result.params["year"]
    owners: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        for o in r["owners"]:
            owners[o]["due_targets" if r["item"] == "target" else "due_tasks"] += 1
        for o in r["leads"]:
            owners[o]["due_leads"] += 1
    owner_rows = [{"name": k, "due_targets": v["due_targets"], "due_tasks": v["due_tasks"], "due_leads": v["due_leads"]}
                  for k, v in owners.items()]
    owner_rows.sort(key=lambda r: (-(r["due_targets"] + r["due_tasks"]), r["name"]))
    tables = [
        Table("due", t("due_items"), [
            Column("item"), Column("year", True), Column("issuer", href=lambda r: s.href("/plans/" + seg(r["plan_id"]))),
            Column("text"), Column("detail"), Column("leads"), Column("owners"),
        ], rows),
        Table("owners", t("due_owners"), [
            Column("name", href=lambda r: s.href("/", q=r["name"])), Column("due_targets", True),
            Column("due_tasks", True), Column("due_leads", True),
        ], owner_rows),
    ]
    plans = _plans(handle)
    return _render(s, "year.html", tables, f"due-{year_n}", year=year_n, by=by, plan=plan, plans=plans, years=_years(plans))


@router.get("/years", response_class=HTMLResponse)
@_guard
def years_index(request: Request, handle: StoreDep):
    s = _state(request)
    years = _years(_plans(handle))
    from fastapi.responses import RedirectResponse

    return RedirectResponse(s.href(f"/years/{years[0] if years else 2026}"), status_code=307)


@router.get("/static/{name}")
def static(name: str):
    # only the files shipped in api/static/, never a path outside it
    files = {f.name: f for f in STATIC.iterdir() if f.is_file()}
    if name not in files:
        return Response(status_code=404)
    return FileResponse(files[name], headers={"Cache-Control": "public, max-age=86400"})
