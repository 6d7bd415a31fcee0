"""Query rows → networkx graphs, one builder per view.

Builders take the rows of catalogue queries (lists of dicts), never a store, so any
caller that can run the catalogue (API, CLI, a notebook) can draw. Every node carries
what the page needs: `label`, `title` (the tooltip, plain text), `ntype`, `size`,
`shape` and `colors` (one colour per colour mode the page can switch between);
every edge `weight`, `title` and its style (`role`, `dashes`, `color`, `width`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from plankg.viz.labels import (
    LEAD_BASIS_LABELS,
    LEAD_COLOR,
    NODE_TYPE_COLORS,
    NODE_TYPE_LABELS,
    PALETTE,
    ROLE_LABELS,
    STRUCTURE_COLOR,
    SUPPORT_COLOR,
    kind_label,
    short_jurisdiction,
)

Row = Mapping[str, Any]
TITLES_SHOWN = 12  # task titles listed in one tooltip; the rest are counted
LOUVAIN_SEED = 20240601
NOT_AGENCY_COLOR = "#d0d0d0"


def titles_block(titles: Iterable[str], shown: int = TITLES_SHOWN) -> str:
    items = [t for t in titles if t]
    lines = [f"· {t}" for t in items[:shown]]
    if len(items) > shown:
        lines.append(f"……等 {len(items)} 项")
    return "\n".join(lines)


def palette_for(values: Iterable[str | None]) -> dict[str | None, str]:
    """A stable colour per value: most frequent first, ties by value; past 20 values
    the palette repeats (the legend still names each)."""
    counts = Counter(values)
    ordered = sorted(counts, key=lambda v: (-counts[v], str(v)))
    return {v: PALETTE[i % len(PALETTE)] for i, v in enumerate(ordered)}


def _agency_size(tasks: int) -> float:
    return round(10 + 5 * math.sqrt(max(tasks, 0)), 1)


def _edge_width(weight: int) -> float:
    return round(1 + 1.5 * math.log2(max(weight, 1)), 2)


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities (seeded, so the same graph gives the same groups), numbered
    from 1 by size, ties by their smallest member id."""
    if graph.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: i for i, group in enumerate(ordered, start=1) for node in group}


# --- (1) agency collaboration -------------------------------------------------------


def collaboration_graph(agencies: Sequence[Row], pairs: Sequence[Row]) -> nx.Graph:
    """Agencies (rows of network_agencies) joined by the tasks they share (rows of
    network_pairs). Only agencies with at least one pair are drawn; `graph.graph`
    records how many were left out."""
    by_id = {a["id"]: a for a in agencies}
    graph = nx.Graph(view="collaboration")
    for p in pairs:
        a, b = p["agency"], p["partner"]
        if a not in by_id or b not in by_id:
            continue
        names = f"{by_id[a]['name']} — {by_id[b]['name']}"
        lead = f"（其中 {p['either_leads']} 项由其中一方牵头）" if p.get("either_leads") else ""
        graph.add_edge(
            a, b, weight=int(p["shared_tasks"]), width=_edge_width(int(p["shared_tasks"])),
            title=f"{names}\n共同承担任务 {p['shared_tasks']} 项{lead}\n{titles_block(p.get('titles') or [])}",
        )
    for node in graph.nodes:
        a = by_id[node]
        partners = graph.degree(node)
        graph.nodes[node].update(
            label=a["name"], ntype="agency", shape="dot", size=_agency_size(a["tasks"]),
            jurisdiction=a.get("jurisdiction"), kind=a.get("kind"), tasks=a["tasks"],
            title=(
                f"{a['name']}\n{short_jurisdiction(a.get('jurisdiction'))} · {kind_label(a.get('kind'))}\n"
                f"承担任务 {a['tasks']} 项：牵头 {a.get('lead', 0)} 项，配合 {a.get('support', 0)} 项\n"
                f"协作部门 {partners} 个\n{titles_block(a.get('titles') or [])}"
            ),
        )
    graph.graph["agencies_total"] = len(by_id)
    graph.graph["agencies_without_pairs"] = len(by_id) - graph.number_of_nodes()
    _colour_agencies(graph)
    return graph


def _colour_agencies(graph: nx.Graph) -> None:
    comm = communities(graph)
    data = graph.nodes
    jur = palette_for(data[n]["jurisdiction"] for n in graph)
    kind = palette_for(data[n]["kind"] for n in graph)
    com = {c: PALETTE[(c - 1) % len(PALETTE)] for c in set(comm.values())}
    for n in graph:
        data[n]["community"] = comm[n]
        data[n]["title"] += f"\n协作群：第 {comm[n]} 群"
        data[n]["colors"] = {
            "jurisdiction": jur[data[n]["jurisdiction"]],
            "kind": kind[data[n]["kind"]],
            "community": com[comm[n]],
        }
    members: dict[int, list[str]] = defaultdict(list)
    for n, c in comm.items():
        members[c].append(n)

    def leader(c: int) -> str:
        return data[max(members[c], key=lambda n: (data[n]["tasks"], n))]["label"]

    graph.graph["legends"] = {
        "jurisdiction": [(short_jurisdiction(j), c) for j, c in jur.items()],
        "kind": [(kind_label(k), c) for k, c in kind.items()],
        "community": [(f"第 {c} 群：{leader(c)} 等 {len(members[c])} 个", com[c]) for c in sorted(com)],
    }
    graph.graph["communities"] = len(com)


# --- (2) a plan's ego view ------------------------------------------------------------


def _assignment_edge(row: Row) -> dict[str, Any]:
    lead = bool(row.get("lead"))
    basis = LEAD_BASIS_LABELS.get(row.get("lead_basis") or "none", "")
    role = "lead" if lead else "support"
    title = f"{row['agency_name']} {ROLE_LABELS[role]}：{row['title']}" + (f"（{basis}）" if lead and basis else "")
    if row.get("inherited"):
        title += "\n（沿用前文“以下均需”分工）"
    return dict(role=role, dashes=not lead, color=LEAD_COLOR if lead else SUPPORT_COLOR,
                width=2.5 if lead else 1.2, title=title, weight=1)


def plan_graph(rows: Sequence[Row]) -> nx.DiGraph:
    """Plan → sections → tasks → agencies from network_plan rows (one per task and
    agency). Lead edges are solid red, support edges dashed grey."""
    graph = nx.DiGraph(view="plan")
    if not rows:
        return graph
    first = rows[0]
    plan = first["plan_id"]
    graph.add_node(plan, label=first["plan_title"], ntype="plan", shape="box", size=30,
                   title=f"{first['plan_title']}\n发布：{first.get('issuer') or '未知'}")
    agency_tasks: dict[str, dict[str, str]] = defaultdict(dict)
    agency_leads: Counter[str] = Counter()
    task_owners: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        task, section = r["task_id"], r.get("section_id")
        if section and section not in graph:
            graph.add_node(section, label=f"{r.get('section_label') or ''}{r.get('section_title') or ''}",
                           ntype="section", shape="box", size=18,
                           title=f"{r.get('section_label') or ''}{r.get('section_title') or ''}")
            graph.add_edge(plan, section, role="structure", dashes=False, color=STRUCTURE_COLOR, width=1.5,
                           weight=1, title="章节")
        if task not in graph:
            name = f"{r.get('label') or ''}{r['title']}"
            graph.add_node(task, label=name, ntype="task", shape="dot", size=10, title=name)
            graph.add_edge(section or plan, task, role="structure", dashes=False, color=STRUCTURE_COLOR,
                           width=1, weight=1, title="任务")
        if r.get("agency"):
            agency = r["agency"]
            if agency not in graph:
                graph.add_node(agency, label=r["agency_name"], ntype="agency", shape="dot",
                               kind=r.get("agency_kind"), jurisdiction=r.get("agency_jurisdiction"))
            graph.add_edge(task, agency, **_assignment_edge(r))
            agency_tasks[agency][task] = r["title"]
            agency_leads[agency] += bool(r.get("lead"))
            task_owners[task].append(f"{r['agency_name']}（{ROLE_LABELS['lead' if r.get('lead') else 'support']}）")
    for task, owners in task_owners.items():
        graph.nodes[task]["title"] += "\n责任单位：" + "、".join(owners)
    for task in (n for n, d in graph.nodes(data=True) if d["ntype"] == "task" and n not in task_owners):
        graph.nodes[task]["title"] += "\n（未写明责任单位）"
    for agency, tasks in agency_tasks.items():
        d = graph.nodes[agency]
        d["size"] = _agency_size(len(tasks))
        d["tasks"] = len(tasks)
        d["title"] = (f"{d['label']}\n{kind_label(d.get('kind'))}\n本规划任务 {len(tasks)} 项，"
                      f"牵头 {agency_leads[agency]} 项\n{titles_block(tasks.values())}")
    _colour_by_type_and_kind(graph)
    return graph


def _colour_by_type_and_kind(graph: nx.Graph) -> None:
    agencies = [n for n, d in graph.nodes(data=True) if d["ntype"] in ("agency", "partner")]
    kind = palette_for(graph.nodes[n].get("kind") for n in agencies)
    types = Counter(d["ntype"] for _, d in graph.nodes(data=True))
    for n, d in graph.nodes(data=True):
        d["colors"] = {
            "type": NODE_TYPE_COLORS[d["ntype"]],
            "kind": kind[d.get("kind")] if d["ntype"] in ("agency", "partner") else NOT_AGENCY_COLOR,
        }
    graph.graph["legends"] = {
        "type": [(NODE_TYPE_LABELS[t], NODE_TYPE_COLORS[t]) for t in NODE_TYPE_COLORS if types.get(t)],
        "kind": [(kind_label(k), c) for k, c in kind.items()] + [("规划、章节、任务", NOT_AGENCY_COLOR)],
    }


# --- (3) an agency's ego view --------------------------------------------------------


def agency_graph(agency: Row, tasks: Sequence[Row], partners: Sequence[Row]) -> nx.Graph:
    """One agency (an agency_detail row), its tasks across plans (agency_tasks rows,
    each under its plan) and its partners (agency_partners rows), each partner tied to
    the tasks it shares with the agency."""
    graph = nx.Graph(view="agency")
    center = agency["id"]
    graph.add_node(center, label=agency["name"], ntype="agency", shape="star", size=40,
                   kind=agency.get("kind"), jurisdiction=agency.get("jurisdiction"))
    partner_ids = {p["partner_name"]: p["partner"] for p in partners}
    leads = 0
    for t in tasks:
        plan, task = t["plan_id"], t["task_id"]
        if plan not in graph:
            graph.add_node(plan, label=t.get("plan_title") or plan, ntype="plan", shape="box", size=24,
                           title=f"{t.get('plan_title') or plan}\n发布：{t.get('issuer') or '未知'}")
        name = f"{t.get('label') or ''}{t['title']}"
        if task not in graph:
            others = "、".join(t.get("partners") or []) or "无"
            graph.add_node(task, label=name, ntype="task", shape="dot", size=10,
                           title=f"{name}\n{t.get('plan_title') or ''}\n同任务的其他单位：{others}")
            graph.add_edge(plan, task, role="structure", dashes=False, color=STRUCTURE_COLOR, width=1,
                           weight=1, title="任务")
        row = {**t, "agency_name": agency["name"], "title": t["title"]}
        graph.add_edge(task, center, **_assignment_edge(row))
        leads += bool(t.get("lead"))
        for other in t.get("partners") or []:
            pid = partner_ids.get(other)
            if pid is not None and pid != center:
                graph.add_edge(pid, task, role="partner", dashes=True, color="#c5b0d5", width=1, weight=1,
                               title=f"{other} 也承担：{t['title']}")
    for p in partners:
        pid = p["partner"]
        if pid not in graph:  # a partner whose shared tasks were filtered out still shows its tie
            graph.add_node(pid)
        graph.nodes[pid].update(
            label=p["partner_name"], ntype="partner", shape="dot", size=_agency_size(p["shared_tasks"]),
            kind=p.get("partner_kind"),
            title=f"{p['partner_name']}\n{kind_label(p.get('partner_kind'))}\n与{agency['name']}共同承担任务 "
                  f"{p['shared_tasks']} 项（其中一方牵头 {p['either_leads']} 项）",
        )
    task_titles = [t["title"] for t in tasks]
    graph.nodes[center]["title"] = (
        f"{agency['name']}\n{short_jurisdiction(agency.get('jurisdiction'))} · {kind_label(agency.get('kind'))}\n"
        f"任务 {len(set(t['task_id'] for t in tasks))} 项，牵头 {leads} 项；协作部门 {len(partners)} 个\n"
        f"{titles_block(task_titles)}"
    )
    _colour_by_type_and_kind(graph)
    return graph


# --- (4) industries × jurisdictions ----------------------------------------------------


HEAT = ("#c7c7c7", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603")


def industry_graph(rows: Sequence[Row]) -> nx.Graph:
    """Bipartite: issuing jurisdictions and the industries their plans promote
    (network_industries rows). Industries are sized and warmed by how many
    jurisdictions chase them."""
    graph = nx.Graph(view="industries")
    issuers: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        jur, ind = f"地区:{r['jurisdiction']}", f"产业:{r['industry']}"
        n = int(r["jurisdictions"])
        if ind not in graph:
            graph.add_node(ind, label=r.get("industry_name") or r["industry"], ntype="industry", shape="dot",
                           size=round(8 + 6 * n, 1), jurisdictions=n, bipartite=1,
                           colors={"heat": HEAT[min(n, len(HEAT)) - 1]}, issuers=[])
        if jur not in graph:
            graph.add_node(jur, label=r.get("issuer") or short_jurisdiction(r["jurisdiction"]), ntype="jurisdiction",
                           shape="box", size=25, bipartite=0, colors={"heat": NODE_TYPE_COLORS["jurisdiction"]},
                           title="")
        tiers, names = "、".join(r.get("tiers") or []), "、".join(r.get("names") or [])
        graph.add_edge(jur, ind, weight=int(r.get("plans") or 1), width=1.5, color="#9e9e9e", dashes=False,
                       title=f"{r.get('issuer')}：{names}（{tiers or '未分层'}）")
        graph.nodes[ind]["issuers"].append(f"{r.get('issuer')}（{tiers or '未分层'}，写作“{names}”）")
        issuers[jur].append(r.get("industry_name") or r["industry"])
    for n, d in graph.nodes(data=True):
        if d["ntype"] == "industry":
            d["title"] = f"{d['label']}\n{d['jurisdictions']} 个地区布局：\n" + "\n".join(f"· {i}" for i in d.pop("issuers"))
        else:
            d["title"] = f"{d['label']}\n布局产业 {len(issuers[n])} 个\n" + titles_block(issuers[n], 20)
    used = sorted({d["jurisdictions"] for _, d in graph.nodes(data=True) if d["ntype"] == "industry"})
    graph.graph["legends"] = {
        "heat": [("地区", NODE_TYPE_COLORS["jurisdiction"])]
        + [(f"产业：{n} 个地区布局" if n < len(HEAT) else f"产业：{len(HEAT)} 个及以上地区布局", HEAT[min(n, len(HEAT)) - 1])
           for n in used if n < len(HEAT)]
        + ([(f"产业：{len(HEAT)} 个及以上地区布局", HEAT[-1])] if any(n >= len(HEAT) for n in used) else []),
    }
    return graph
