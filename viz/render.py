"""networkx graph → one self-contained HTML page through pyvis.

pyvis serialises nodes, edges and options; the page itself comes from our own
template (viz/templates/network.html) because pyvis's templates link Bootstrap and
Tom Select from CDNs even in "in_line" mode. vis-network's script is inlined from the
copy pyvis ships, so the page makes no request at all: it works from a file:// URL,
offline, and on a loopback server.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from plankg.viz.labels import LEAD_COLOR, SUPPORT_COLOR

TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_JS = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
# Canvas text needs a font that has the glyphs: name CJK faces before the generic one.
CJK_FONTS = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
             '"Microsoft YaHei", "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif')
CJK_FONT_FACE = CJK_FONTS.replace('"', "")


@dataclass
class Page:
    """Everything one page shows besides the graph's own nodes and edges."""

    view: str
    title: str
    summary: str
    graph: nx.Graph
    color_modes: list[tuple[str, str]]  # (mode, Chinese name); graph.graph["legends"][mode]
    color: str
    fields: list[dict[str, Any]] = field(default_factory=list)  # filter form fields
    active: list[tuple[str, str]] = field(default_factory=list)  # filters in force, for the printed page
    notes: list[str] = field(default_factory=list)
    role_legend: bool = False


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


@cache
def vis_network_js() -> str:
    # The closing-tag sequence cannot occur in an inline script body.
    return VIS_JS.read_text(encoding="utf-8").replace("</script", "<\\/script")


def network_options(directed: bool, node_count: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": True},
        "nodes": {"font": {"face": CJK_FONT_FACE, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
                  "color": {"inherit": False}},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 400, "fit": True},
        },
    }


def to_pyvis(graph: nx.Graph, color: str) -> Network:
    """A pyvis Network of the graph, nodes coloured by `color` mode."""
    net = Network(directed=graph.is_directed(), cdn_resources="in_line", height="100%", width="100%")
    for node, d in graph.nodes(data=True):
        colors = d.get("colors", {})
        extra = {"font": {"size": 11}} if d.get("ntype") == "task" else {}
        net.add_node(
            node, label=d.get("label", str(node)), title=d.get("title", ""), shape=d.get("shape", "dot"),
            size=d.get("size", 10), color=colors.get(color, "#97c2fc"), colors=colors, ntype=d.get("ntype"),
            **extra,
        )
    for a, b, d in graph.edges(data=True):
        net.add_edge(
            a, b, title=d.get("title", ""), width=d.get("width", 1), dashes=bool(d.get("dashes")),
            color=d.get("color", "#9e9e9e"), weight=d.get("weight", 1), role=d.get("role"),
        )
    return net


def render_page(page: Page, *, form_action: str | None = None, links: list[tuple[str, str]] | None = None) -> str:
    """The page as HTML. With `form_action` the filters are a GET form to that URL
    (served pages); without, they are printed (a file written by the CLI)."""
    net = to_pyvis(page.graph, page.color)
    nodes, edges, *_ = net.get_network_data()
    options = network_options(page.graph.is_directed(), len(nodes))
    legends = page.graph.graph.get("legends", {})
    return _environment().get_template("network.html").render(
        page=page, nodes=nodes, edges=edges, options=options, legends=legends,
        form_action=form_action, links=links or [], vis_js=vis_network_js(), cjk_fonts=CJK_FONTS,
        lead_color=LEAD_COLOR, support_color=SUPPORT_COLOR, node_count=len(nodes), edge_count=len(edges),
    )


def render_index(views: list[dict[str, str]], *, title: str = "规划任务关系网络") -> str:
    return _environment().get_template("index.html").render(views=views, title=title, cjk_fonts=CJK_FONTS)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
