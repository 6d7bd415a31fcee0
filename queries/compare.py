"""Cross-plan comparison: indicators in one unit, industries across jurisdictions, and
the workload of one kind of body across jurisdictions.

All three read catalogue queries and reshape the rows; units are converted with the
table in loaders/data/checks.toml (亿元 base for money: 3万亿元 → 30000亿元).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import BaseModel

from plankg.queries.catalogue import run_query
from plankg.queries.checks import _is_generic, _key, normalise_unit

ORIGIN_RANK = {"table": 0, "goal": 1, "task": 2, "industry": 3}


class Comparison(BaseModel):
    name: str
    columns: list[str]
    rows: list[dict[str, Any]]


def normalise(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """A figure in its family's base unit; unknown units are kept as written."""
    if value is None:
        return None, unit
    fam = normalise_unit(unit)
    if fam is None or fam[0] == "none":
        return value, unit
    return round(value * fam[2], 6), fam[1]


def compare_indicators(store, indicator: str | None = None, *, min_plans: int | None = None) -> Comparison:
    """The same canonical indicator across plans, one row per plan, year and scope, in
    one unit. Years left unwritten are the plan's last year (`year_assumed`). Where the
    goals, the table and a task state the same figure, the table's row is kept."""
    rows = run_query(store, "targets_detail", {}).rows
    picked: dict[tuple, dict] = {}
    for r in rows:
        if r["origin"] == "industry" or (r["value"] is None and not r["value_text"]):
            continue
        key = _key(r)
        if not key or _is_generic(r["indicator"], key):
            continue
        if indicator and indicator not in key:
            continue
        unit = r["unit"] or r["indicator_unit"]
        value, base = normalise(r["value"], unit)
        year = r["year"] if r["year"] is not None else r["period_end"]
        out = {
            "indicator": key, "plan_id": r["plan_id"], "issuer": r["issuer"], "jurisdiction": r["jurisdiction"],
            "year": year, "year_assumed": r["year"] is None, "scope": r["scope"] or "level",
            "value": value, "value_text": r["value_text"], "unit": base, "comparator": r["comparator"] or "=",
            "as_written": r["text"], "origin": r["origin"], "line": r["line"],
        }
        slot = (key, r["plan_id"], year, out["scope"], out["unit"])
        held = picked.get(slot)
        if held is None or (ORIGIN_RANK[r["origin"]], r["line"] or 0) < (ORIGIN_RANK[held["origin"]], held["line"] or 0):
            picked[slot] = out
    plans_by: dict[str, set[str]] = defaultdict(set)
    for (key, pid, *_rest) in picked:
        plans_by[key].add(pid)
    need = min_plans if min_plans is not None else (1 if indicator else 2)
    out_rows = [v for (key, *_), v in picked.items() if len(plans_by[key]) >= need]
    out_rows.sort(key=lambda r: (r["indicator"], r["unit"] or "", r["scope"], r["year"] or 0, r["plan_id"]))
    columns = ["indicator", "plan_id", "issuer", "jurisdiction", "year", "year_assumed", "scope", "value",
               "value_text", "unit", "comparator", "as_written", "origin", "line"]
    return Comparison(name="compare_indicators", columns=columns, rows=out_rows)


def compare_industries(store, industry: str | None = None, *, min_plans: int = 2) -> Comparison:
    """Per canonical industry, every jurisdiction that pursues it: tier, names used and
    scale targets in 亿元 (the largest stated for the plan's last year when several)."""
    rows = run_query(store, "industry_jurisdictions", {"industry": industry}).rows
    per: dict[tuple[str, str], dict] = {}
    for r in rows:
        slot = (r["industry"], r["plan_id"])
        item = per.setdefault(slot, {
            "industry": r["industry"], "plan_id": r["plan_id"], "issuer": r["issuer"],
            "jurisdiction": r["jurisdiction"], "tiers": r["tiers"], "names": r["names"], "line": r["line"],
            "targets": [], "scale": None, "scale_unit": None, "scale_year": None,
        })
        if r["target_id"] is None:
            continue
        item["targets"].append(r["target_text"])
        value, base = normalise(r["value"], r["unit"])
        if value is not None and base == "亿元":
            year = r["year"] or r["period_end"]
            if item["scale"] is None or (year or 0, value) > (item["scale_year"] or 0, item["scale"]):
                item["scale"], item["scale_unit"], item["scale_year"] = value, base, year
    count: dict[str, set[str]] = defaultdict(set)
    for (ind, _pid), item in per.items():
        count[ind].add(item["jurisdiction"])
    need = 1 if industry else min_plans
    out = []
    for (ind, _pid), item in per.items():
        if len(count[ind]) < need:
            continue
        item["targets"] = sorted(set(item["targets"]))
        item["jurisdictions"] = len(count[ind])
        out.append(item)
    out.sort(key=lambda r: (-r["jurisdictions"], r["industry"], r["jurisdiction"], r["plan_id"]))
    columns = ["industry", "jurisdictions", "jurisdiction", "issuer", "plan_id", "tiers", "names", "scale",
               "scale_unit", "scale_year", "targets", "line"]
    return Comparison(name="compare_industries", columns=columns, rows=[{c: r[c] for c in columns} for r in out])


def compare_agencies(store, function: str | None = None, *, kind: str | None = None, plan: str | None = None) -> Comparison:
    """One kind of body across jurisdictions: its tasks, leads and supports, and the share
    of its plans' tasks it carries (a 3-task plan and a 22-task plan compare fairly)."""
    rows = run_query(store, "agency_kind_jurisdictions", {"function": function, "kind": kind, "plan": plan}).rows
    plan_tasks = {r["id"]: r["tasks"] for r in run_query(store, "plans", {}).rows}
    out = []
    for r in rows:
        total = sum(plan_tasks.get(p, 0) for p in r["plan_ids"])
        out.append({**r, "plan_tasks": total, "share": round(r["tasks"] / total, 4) if total else None})
    columns = ["function", "kind", "jurisdiction", "jurisdiction_name", "agencies", "tasks", "lead", "lead_explicit",
               "lead_first_listed", "support", "inherited", "plans", "plan_tasks", "share", "plan_ids"]
    return Comparison(name="compare_agencies", columns=columns, rows=[{c: r[c] for c in columns} for r in out])
