"""The four views: which catalogue queries feed each, its filters, and its page text.

A view gets a `run(name, params) -> rows` callable, so the API runs it through its
store handle and the CLI through `run_query` on an open store; the builders in
build.py only ever see rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from plankg.errors import QueryError
from plankg.viz.build import agency_graph, collaboration_graph, industry_graph, plan_graph
from plankg.viz.labels import KIND_LABELS
from plankg.viz.render import Page

Run = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]


@dataclass(frozen=True)
class View:
    name: str
    title: str
    description: str
    filters: tuple[str, ...]  # URL query params / CLI options it takes
    build: Callable[[Run, dict[str, Any]], Page]


FILTER_LABELS = {
    "plan": "规划", "jurisdiction": "地区", "kind": "部门类型", "min_shared": "最少共同任务数",
    "agency": "部门", "tier": "产业层级", "min_jurisdictions": "最少布局地区数", "color": "节点颜色",
}


def _clean(params: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for key, value in params.items():
        if key not in allowed:
            known = ", ".join(allowed)
            raise QueryError(f"this view has no filter {key!r}; its filters are: {known}", param=key)
        if value is not None and str(value).strip() != "":
            out[key] = str(value).strip() if not isinstance(value, int) else value
    return out


def _plans(run: Run) -> list[dict[str, Any]]:
    return run("plans", {})


def _plan_options(plans) -> list[tuple[str, str]]:
    return [(p["id"], p["title"]) for p in plans]


def _jurisdiction_options(plans) -> list[tuple[str, str]]:
    seen = {p["issuer_id"]: p["issuer"] for p in plans if p.get("issuer_id")}
    return sorted(seen.items())


def _kind_options() -> list[tuple[str, str]]:
    return list(KIND_LABELS.items())


def _field(name, value, type="select", options=(), required=False) -> dict[str, Any]:
    return {"name": name, "label": FILTER_LABELS[name], "value": None if value is None else str(value),
            "type": type, "options": list(options), "required": required}


def _active(f: dict[str, Any], lookups: Mapping[str, Mapping[str, str]]) -> list[tuple[str, str]]:
    return [(FILTER_LABELS[k], lookups.get(k, {}).get(str(v), str(v))) for k, v in f.items() if k != "color"]


def _color(f: dict[str, Any], modes: list[tuple[str, str]]) -> str:
    color = f.get("color") or modes[0][0]
    if color not in dict(modes):
        allowed = ", ".join(m for m, _ in modes)
        raise QueryError(f"color must be one of {allowed}, not {color!r}", param="color")
    return color


# --- (1) ---------------------------------------------------------------------------


COLLAB_MODES = [("jurisdiction", "按地区"), ("kind", "按部门类型"), ("community", "按协作群（Louvain）")]


def collaboration_page(run: Run, f: dict[str, Any]) -> Page:
    color = _color(f, COLLAB_MODES)
    q = {k: f.get(k) for k in ("plan", "jurisdiction", "kind")}
    agencies = run("network_agencies", q)
    pairs = run("network_pairs", {**q, "min_shared": f.get("min_shared", 1)})
    graph = collaboration_graph(agencies, pairs)
    plans = _plans(run)
    left_out = graph.graph["agencies_without_pairs"]
    summary = (f"{graph.number_of_nodes()} 个部门，{graph.number_of_edges()} 条协作关系，"
               f"{graph.graph.get('communities', 0)} 个协作群。节点大小表示承担任务数，连线粗细表示共同承担的任务数。")
    if left_out:
        summary += f"另有 {left_out} 个部门没有符合条件的协作关系，未显示。"
    return Page(
        view="collaboration", title="部门协作网络", summary=summary, graph=graph, color_modes=COLLAB_MODES,
        color=color,
        fields=[_field("plan", f.get("plan"), options=_plan_options(plans)),
                _field("jurisdiction", f.get("jurisdiction"), options=_jurisdiction_options(plans)),
                _field("kind", f.get("kind"), options=_kind_options()),
                _field("min_shared", f.get("min_shared", 1), type="number")],
        active=_active(f, {"plan": dict(_plan_options(plans)), "jurisdiction": dict(_jurisdiction_options(plans)),
                           "kind": KIND_LABELS}),
        notes=["两个部门被写入同一项任务的责任单位，即视为协作一次。",
               "协作群由 Louvain 社区发现算法（固定随机种子）计算，同群部门彼此协作更紧密。"],
    )


# --- (2) ---------------------------------------------------------------------------


TYPE_MODES = [("type", "按节点类型"), ("kind", "按部门类型")]


def plan_page(run: Run, f: dict[str, Any]) -> Page:
    color = _color(f, TYPE_MODES)
    plans = _plans(run)
    if not plans:
        raise QueryError("the graph holds no plan yet; load some with `plankg load`", param="plan")
    plan = f.get("plan") or plans[0]["id"]
    if plan not in {p["id"] for p in plans}:
        raise QueryError(f"no plan with id {plan!r}; list them at /api/plans", param="plan")
    rows = run("network_plan", {"plan": plan, "kind": f.get("kind"), "jurisdiction": f.get("jurisdiction")})
    graph = plan_graph(rows)
    counts = {t: sum(1 for _, d in graph.nodes(data=True) if d["ntype"] == t) for t in ("section", "task", "agency")}
    leads = sum(1 for *_, d in graph.edges(data=True) if d.get("role") == "lead")
    supports = sum(1 for *_, d in graph.edges(data=True) if d.get("role") == "support")
    title = next((p["title"] for p in plans if p["id"] == plan), plan)
    return Page(
        view="plan", title=f"规划任务分工：{title}",
        summary=(f"{counts['section']} 个章节，{counts['task']} 项任务，{counts['agency']} 个责任单位；"
                 f"牵头关系 {leads} 条，配合关系 {supports} 条。部门节点大小表示在本规划中承担的任务数。"),
        graph=graph, color_modes=TYPE_MODES, color=color, role_legend=True,
        fields=[_field("plan", plan, options=_plan_options(plans), required=True),
                _field("kind", f.get("kind"), options=_kind_options()),
                _field("jurisdiction", f.get("jurisdiction"), options=_jurisdiction_options(plans))],
        active=_active({**f, "plan": plan}, {"plan": dict(_plan_options(plans)), "kind": KIND_LABELS,
                                             "jurisdiction": dict(_jurisdiction_options(plans))}),
        notes=["规划 → 章节 → 任务 → 责任单位。牵头单位为红色实线：明确写“牵头”的，或责任单位中列于首位的；配合单位为灰色虚线。"],
    )


# --- (3) ---------------------------------------------------------------------------


def agency_page(run: Run, f: dict[str, Any]) -> Page:
    color = _color(f, TYPE_MODES)
    ranking = run("agency_workload", {"limit": 10000})
    if not ranking:
        raise QueryError("the graph holds no agency yet; load some plans with `plankg load`", param="agency")
    agency_id = f.get("agency") or ranking[0]["id"]
    detail = run("agency_detail", {"agency": agency_id})
    if not detail:
        raise QueryError(f"no agency with id {agency_id!r}; list them at /api/agencies", param="agency")
    tasks = run("agency_tasks", {"agency": agency_id, "plan": f.get("plan"), "limit": 10000})
    partners = run("agency_partners", {"agency": agency_id, "plan": f.get("plan"),
                                       "min_shared": f.get("min_shared", 1), "limit": 100000})
    graph = agency_graph(detail[0], tasks, partners)
    plans = _plans(run)
    name = detail[0]["name"]
    task_count = len({t["task_id"] for t in tasks})
    lead = len({t["task_id"] for t in tasks if t.get("lead")})
    plan_count = len({t["plan_id"] for t in tasks})
    agency_options = [(r["id"], f"{r['name']}（{r['tasks']} 项）") for r in ranking]
    return Page(
        view="agency", title=f"部门任务与协作：{name}",
        summary=(f"{name} 在 {plan_count} 份规划中承担 {task_count} 项任务（牵头 {lead} 项），"
                 f"与 {len(partners)} 个部门共同承担任务。协作部门节点大小表示共同任务数。"),
        graph=graph, color_modes=TYPE_MODES, color=color, role_legend=True,
        fields=[_field("agency", agency_id, options=agency_options, required=True),
                _field("plan", f.get("plan"), options=_plan_options(plans)),
                _field("min_shared", f.get("min_shared", 1), type="number")],
        active=_active({**f, "agency": agency_id}, {"agency": {r["id"]: r["name"] for r in ranking},
                                                    "plan": dict(_plan_options(plans))}),
        notes=["中心星形为所选部门；它的任务挂在各自的规划下，紫色虚线连到同一任务的协作部门。"],
    )


# --- (4) ---------------------------------------------------------------------------


HEAT_MODES = [("heat", "按布局地区数")]


def industries_page(run: Run, f: dict[str, Any]) -> Page:
    color = _color(f, HEAT_MODES)
    rows = run("network_industries", {k: f.get(k) for k in ("plan", "jurisdiction", "tier", "min_jurisdictions")})
    graph = industry_graph(rows)
    plans = _plans(run)
    industries = [d for _, d in graph.nodes(data=True) if d["ntype"] == "industry"]
    shared = sorted((d for d in industries if d["jurisdictions"] >= 2), key=lambda d: (-d["jurisdictions"], d["label"]))
    top = "、".join(f"{d['label']}（{d['jurisdictions']}）" for d in shared[:5])
    summary = (f"{graph.number_of_nodes() - len(industries)} 个地区，{len(industries)} 个产业，其中 {len(shared)} 个"
               f"被两个及以上地区同时布局" + (f"：{top}等。" if top else "。"))
    return Page(
        view="industries", title="产业布局：哪些产业多地同时在争", summary=summary, graph=graph,
        color_modes=HEAT_MODES, color=color,
        fields=[_field("plan", f.get("plan"), options=_plan_options(plans)),
                _field("jurisdiction", f.get("jurisdiction"), options=_jurisdiction_options(plans)),
                _field("tier", f.get("tier"), type="text"),
                _field("min_jurisdictions", f.get("min_jurisdictions", 1), type="number")],
        active=_active(f, {"plan": dict(_plan_options(plans)), "jurisdiction": dict(_jurisdiction_options(plans))}),
        notes=["方框为发布规划的地区，圆点为规划中点名发展的产业（按统一名称归并）。圆点越大、颜色越深，布局该产业的地区越多。"],
    )


VIEWS: dict[str, View] = {
    v.name: v
    for v in (
        View("collaboration", "部门协作网络", "哪些部门经常共同承担任务；按地区、部门类型或协作群着色。",
             ("plan", "jurisdiction", "kind", "min_shared", "color"), collaboration_page),
        View("plan", "规划任务分工图", "一份规划的章节、任务和责任单位，牵头与配合分开显示。",
             ("plan", "kind", "jurisdiction", "color"), plan_page),
        View("agency", "部门任务与协作", "一个部门在各规划中的任务，以及与它共同承担任务的部门。",
             ("agency", "plan", "min_shared", "color"), agency_page),
        View("industries", "产业 × 地区布局", "各地规划点名发展的产业，找出多地同时布局的产业。",
             ("plan", "jurisdiction", "tier", "min_jurisdictions", "color"), industries_page),
    )
}


def get_view(name: str) -> View:
    try:
        return VIEWS[name]
    except KeyError:
        raise QueryError(f"unknown view {name!r}; views: {', '.join(VIEWS)}", param="name") from None


def build_page(name: str, run: Run, params: Mapping[str, Any] | None = None) -> Page:
    view = get_view(name)
    return view.build(run, _clean(params or {}, view.filters))


def store_runner(store) -> Run:
    """A Run over an open store, through the catalogue (validation included)."""
    from plankg.queries.catalogue import run_query

    return lambda name, params: run_query(store, name, params).rows
