"""Network views built from real seed query results: graphs match the rows, pages are
self-contained, filters and errors behave, CLI and routes serve them."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plankg.errors import QueryError
from plankg.queries.catalogue import run_query
from plankg.viz.build import agency_graph, collaboration_graph, communities, industry_graph, plan_graph
from plankg.viz.render import render_page
from plankg.viz.views import VIEWS, build_page, store_runner

EXTERNAL_LOAD = re.compile(
    r"""<script[^>]+\bsrc\s*=|<link[^>]+\bhref\s*=\s*["']?https?:|url\(\s*["']?(?:https?:)?//|@import|<iframe|<img[^>]+src\s*=\s*["']?https?:""",
    re.IGNORECASE,
)


def rows(store, name, **params):
    return run_query(store, name, params).rows


def page_data(html: str) -> tuple[list[dict], list[dict]]:
    nodes = json.loads(re.search(r"var NODES = (.*?);\n", html).group(1))
    edges = json.loads(re.search(r"var EDGES = (.*?);\n", html).group(1))
    return nodes, edges


@pytest.fixture(scope="module")
def run(ladybug_store):
    return store_runner(ladybug_store)


# --- builders against the rows --------------------------------------------------------


def test_collaboration_graph_matches_rows(ladybug_store):
    agencies = rows(ladybug_store, "network_agencies")
    pairs = rows(ladybug_store, "network_pairs")
    graph = collaboration_graph(agencies, pairs)
    in_pairs = {p["agency"] for p in pairs} | {p["partner"] for p in pairs}
    assert graph.number_of_edges() == len(pairs) > 100
    assert set(graph.nodes) == in_pairs
    assert graph.graph["agencies_without_pairs"] == len(agencies) - len(in_pairs)
    top = pairs[0]
    edge = graph.edges[top["agency"], top["partner"]]
    assert edge["weight"] == top["shared_tasks"]
    assert top["titles"][0] in edge["title"]
    busiest = agencies[0]
    node = graph.nodes[busiest["id"]]
    assert node["label"] == busiest["name"]
    assert f"承担任务 {busiest['tasks']} 项" in node["title"]
    assert busiest["titles"][0] in node["title"]
    # every node colours in every mode, and each legend names each colour used
    for mode in ("jurisdiction", "kind", "community"):
        used = {d["colors"][mode] for _, d in graph.nodes(data=True)}
        assert used <= {c for _, c in graph.graph["legends"][mode]}
    # five seed cities, five jurisdiction colours
    assert len(graph.graph["legends"]["jurisdiction"]) == len({a["jurisdiction"] for a in agencies if a["id"] in in_pairs})


def test_louvain_is_seeded_and_groups_agencies_of_one_city(ladybug_store):
    pairs = rows(ladybug_store, "network_pairs")
    agencies = rows(ladybug_store, "network_agencies")
    a = collaboration_graph(agencies, pairs)
    b = collaboration_graph(agencies, pairs)
    assert communities(a) == communities(b)
    # agencies of different plans never share a task, so no group spans two cities
    jur = {n: d["jurisdiction"] for n, d in a.nodes(data=True)}
    groups: dict[int, set] = {}
    for n, c in communities(a).items():
        groups.setdefault(c, set()).add(jur[n])
    assert all(len(j) == 1 for j in groups.values())
    assert a.graph["communities"] >= 5


def test_min_shared_and_kind_filters(ladybug_store):
    pairs = rows(ladybug_store, "network_pairs", kind="department", min_shared=3)
    assert pairs and all(p["shared_tasks"] >= 3 for p in pairs)
    graph = collaboration_graph(rows(ladybug_store, "network_agencies", kind="department"), pairs)
    assert {d["kind"] for _, d in graph.nodes(data=True)} == {"department"}
    assert graph.number_of_edges() == len(pairs)


def test_plan_graph_matches_rows(ladybug_store):
    plan = rows(ladybug_store, "plans")[0]
    data = rows(ladybug_store, "network_plan", plan=plan["id"])
    graph = plan_graph(data)
    assert isinstance(graph, nx.DiGraph)
    tasks = {r["task_id"] for r in data}
    agencies = {r["agency"] for r in data if r["agency"]}
    sections = {r["section_id"] for r in data if r["section_id"]}
    types = [d["ntype"] for _, d in graph.nodes(data=True)]
    assert types.count("plan") == 1
    assert types.count("task") == len(tasks) == plan["tasks"]
    assert types.count("agency") == len(agencies) == plan["agencies"]
    assert types.count("section") == len(sections)
    assignments = [(r["task_id"], r["agency"]) for r in data if r["agency"]]
    roles = [d["role"] for *_, d in graph.edges(data=True) if d["role"] in ("lead", "support")]
    assert len(roles) == len(set(assignments))
    lead = next(r for r in data if r["lead"])
    support = next(r for r in data if r["agency"] and not r["lead"])
    assert graph.edges[lead["task_id"], lead["agency"]]["dashes"] is False
    assert graph.edges[support["task_id"], support["agency"]]["dashes"] is True
    assert graph.edges[lead["task_id"], lead["agency"]]["color"] != graph.edges[support["task_id"], support["agency"]]["color"]
    assert lead["title"] in graph.nodes[lead["agency"]]["title"]


def test_agency_graph_matches_rows(ladybug_store):
    top = rows(ladybug_store, "agency_workload", limit=1)[0]
    detail = rows(ladybug_store, "agency_detail", agency=top["id"])[0]
    tasks = rows(ladybug_store, "agency_tasks", agency=top["id"], limit=10000)
    partners = rows(ladybug_store, "agency_partners", agency=top["id"], limit=100000)
    graph = agency_graph(detail, tasks, partners)
    types = [d["ntype"] for _, d in graph.nodes(data=True)]
    assert types.count("task") == top["tasks"] == len({t["task_id"] for t in tasks})
    assert types.count("partner") == detail["partners"] == len(partners)
    assert types.count("plan") == top["plans"]
    leads = [d for *_, d in graph.edges(top["id"], data=True) if d["role"] == "lead"]
    assert len(leads) == top["lead"]
    assert tasks[0]["title"] in graph.nodes[top["id"]]["title"]


def test_industry_graph_is_bipartite_and_counts_cities(ladybug_store):
    data = rows(ladybug_store, "network_industries")
    graph = industry_graph(data)
    assert nx.is_bipartite(graph)
    assert graph.number_of_edges() == len(data)
    overlap = {r["industry"]: r["jurisdictions"] for r in rows(ladybug_store, "industry_overlap", min_plans=1)}
    for n, d in graph.nodes(data=True):
        if d["ntype"] == "industry":
            assert d["jurisdictions"] == graph.degree(n) == overlap[n.removeprefix("产业:")]
    chased = rows(ladybug_store, "network_industries", min_jurisdictions=2)
    assert chased and all(r["jurisdictions"] >= 2 for r in chased)
    assert len(chased) < len(data)


# --- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(VIEWS))
def test_pages_are_self_contained(run, name):
    page = build_page(name, run, {})
    html = render_page(page, form_action=f"/viz/{name}")
    assert not EXTERNAL_LOAD.search(html), EXTERNAL_LOAD.search(html).group(0)
    assert "vis.Network" in html and "<html lang=\"zh-CN\">" in html
    assert "Noto Sans CJK SC" in html
    nodes, edges = page_data(html)
    assert len(nodes) == page.graph.number_of_nodes() > 10
    assert len(edges) == page.graph.number_of_edges()
    # Chinese stays Chinese in the embedded data
    assert "\\u" not in re.search(r"var NODES = (.*?);\n", html).group(1)
    assert all(n["title"] for n in nodes)
    for mode, _ in page.color_modes:
        assert all(mode in n["colors"] for n in nodes)
    assert "图例" in html


def test_tooltips_carry_task_titles(run, ladybug_store):
    html = render_page(build_page("collaboration", run, {}))
    nodes, _ = page_data(html)
    busiest = rows(ladybug_store, "network_agencies")[0]
    node = next(n for n in nodes if n["id"] == busiest["id"])
    assert busiest["titles"][0] in node["title"] and busiest["name"] in node["title"]


def test_bad_filters_are_named(run):
    with pytest.raises(QueryError) as exc:
        build_page("collaboration", run, {"min_shared": "two"})
    assert exc.value.param == "min_shared"
    with pytest.raises(QueryError) as exc:
        build_page("plan", run, {"min_shared": "2"})
    assert exc.value.param == "min_shared"
    with pytest.raises(QueryError):
        build_page("collaboration", run, {"color": "rainbow"})
    with pytest.raises(QueryError):
        build_page("nope", run, {})


def test_routes_serve_pages(ladybug_store):
    from plankg.api.app import create_app

    client = TestClient(create_app(store=ladybug_store))
    index = client.get("/viz/")
    assert index.status_code == 200
    for name in VIEWS:
        assert f'href="/viz/{name}"' in index.text
    plan = rows(ladybug_store, "plans")[1]
    page = client.get("/viz/collaboration", params={"plan": plan["id"], "min_shared": 2})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    nodes, edges = page_data(page.text)
    pairs = rows(ladybug_store, "network_pairs", plan=plan["id"], min_shared=2)
    assert len(edges) == len(pairs)
    assert f'<option value="{plan["id"]}" selected>' in page.text
    bad = client.get("/viz/collaboration", params={"min_shared": "x"})
    assert bad.status_code == 400 and "min_shared" in bad.text
    assert client.get("/viz/nope").status_code == 404


def test_cli_writes_a_page(ladybug_store, tmp_path):
    from plankg.api.cli import app

    out = tmp_path / "net.html"
    result = CliRunner().invoke(app, ["viz", "collaboration", "--out", str(out), "--db", str(ladybug_store.path),
                                      "--kind", "department", "--min-shared", "3"])
    assert result.exit_code == 0, result.output
    nodes, edges = page_data(out.read_text(encoding="utf-8"))
    assert len(edges) == len(rows(ladybug_store, "network_pairs", kind="department", min_shared=3))
    assert "筛选条件" in out.read_text(encoding="utf-8")
    wrong = CliRunner().invoke(app, ["viz", "plan", "--out", str(out), "--db", str(ladybug_store.path), "--min-shared", "2"])
    assert wrong.exit_code == 2
