"""Consistency checks over the graph: does a plan agree with itself?

Each check reads the graph through catalogue queries (so it works on anything loaded,
on either store) and turns rows into `Finding`s that name the check, a severity and
the evidence: both places, with their lines and figures.

How figures are compared: every statement becomes an interval of the real quantity.
`160家` covers 159.5–160.5 (half the last printed digit), `不少于110个` is 109.5 and up,
`6.5%左右` is about ±5 %, `1—2家` is 1–2. Two statements disagree only when their
intervals cannot meet, so a figure that merely rounds or states a floor is never
an alarm. A table row's years are read as yearly new additions (summed) or as a
running level (last year), from words in its name (data/checks.toml); where the
name says neither, either reading clears it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, Field

from plankg.loaders.datafiles import data_file
from plankg.queries.catalogue import run_query

Severity = Literal["error", "warning", "info"]
CheckName = Literal[
    "sum_vs_table",
    "growth_vs_series",
    "value_mismatch",
    "unassigned_task",
    "several_explicit_leads",
    "target_outside_period",
    "unit_name_variants",
    "clause_table_owners",
]
CHECKS: tuple[str, ...] = CheckName.__args__  # type: ignore[attr-defined]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
ORIGIN_ZH = {"goal": "目标", "table": "指标表", "task": "任务", "industry": "产业"}
_BIG = 1e300  # query rows are capped by the catalogue's limit maximum


class Evidence(BaseModel):
    place: str  # 目标 / 指标表 / 任务8 / 责任分工
    line: int | None = None
    text: str
    value: float | None = None
    unit: str | None = None
    year: int | None = None


class Finding(BaseModel):
    check: CheckName
    severity: Severity
    plan_id: str
    issuer: str
    message: str  # Chinese
    message_en: str
    evidence: list[Evidence] = Field(default_factory=list)


# --- data -----------------------------------------------------------------------------


@cache
def check_data() -> dict:
    return data_file("checks.toml")


@cache
def _unit_table() -> dict[str, tuple[str, str, float]]:
    """unit → (family, base unit, factor to base)."""
    out = {}
    for family, spec in check_data()["units"].items():
        for unit, factor in spec["factors"].items():
            out[unit] = (family, spec["base"], float(factor))
    return out


def normalise_unit(unit: str | None) -> tuple[str, str, float] | None:
    """(family, base unit, factor) for a known unit; None for an unknown one. A missing
    unit is its own family (两化融合发展水平 65 has none)."""
    if unit is None or unit == "":
        return ("none", "", 1.0)
    return _unit_table().get(unit.strip())


def _canonical(name: str | None) -> str | None:
    if not name:
        return None
    from plankg.loaders.indicators import canonical_indicator

    return canonical_indicator(name) or name


def _is_generic(*names: str | None) -> bool:
    generic = set(check_data()["indicators"]["generic"])
    return any(n in generic for n in names if n)


def row_reading(name: str, unit: str | None) -> Literal["flow", "stock", "unknown"]:
    """How a table row's yearly values add up, from its name."""
    rows = check_data()["rows"]
    fam = normalise_unit(unit)
    if fam and fam[0] == "share":
        return "stock"
    if any(name.startswith(p) for p in rows["flow_prefixes"]):
        return "flow"
    if any(w in name for w in rows["stock_words"]):
        return "stock"
    return "unknown"


def half_digit(value: float) -> float:
    """Half the last printed digit: 160 → 0.5, 7.7 → 0.05, 1.5 → 0.05."""
    d = Decimal(repr(float(value))).normalize()
    exp = d.as_tuple().exponent
    return 0.5 * 10 ** min(int(exp), 0)


# --- statements -------------------------------------------------------------------------


@dataclass
class Statement:
    row: dict[str, Any]

    @property
    def origin(self) -> str:
        return self.row["origin"]

    @property
    def value(self) -> float | None:
        return self.row["value"]

    @property
    def unit(self) -> str | None:
        return self.row["unit"] or self.row.get("indicator_unit")

    @property
    def place(self) -> str:
        if self.origin == "task" and self.row.get("task_number") is not None:
            return f"任务{self.row['task_number']}"
        if self.origin == "task" and self.row.get("task_title"):
            return f"任务「{self.row['task_title']}」"
        return ORIGIN_ZH.get(self.origin, self.origin)

    def evidence(self, value: float | None = None, year: int | None = None, text: str | None = None) -> Evidence:
        return Evidence(place=self.place, line=self.row["line"], text=text or self.row["text"],
                        value=self.value if value is None else value, unit=self.unit,
                        year=self.row["year"] if year is None else year)

    def interval(self, factor: float = 1.0, times: float = 1.0) -> tuple[float, float]:
        v = self.value
        assert v is not None
        h = half_digit(v)
        vmax = self.row.get("value_max")
        cmp = self.row.get("comparator") or "="
        if vmax is not None:
            lo, hi = v - h, vmax + half_digit(vmax)
        elif cmp in (">=", ">"):
            lo, hi = v - h, _BIG
        elif cmp == "<=":
            lo, hi = -_BIG, v + h
        elif cmp == "~":
            about = check_data()["tolerance"]["about"]
            lo, hi = v * (1 - about) - h, v * (1 + about) + h
        else:
            lo, hi = v - h, v + h
        scale = factor * times
        return (lo * scale if lo > -_BIG else lo, hi * scale if hi < _BIG else hi)


@dataclass
class TableRow:
    indicator_id: str
    name: str
    canonical: str
    unit: str | None
    line: int | None
    values: dict[int, float]  # numeric targets by year

    def evidence(self, years: Iterable[int] | None = None, note: str = "") -> Evidence:
        ys = sorted(self.values) if years is None else sorted(years)
        figures = "、".join(f"{y}年{_fmt(self.values[y])}" for y in ys if y in self.values)
        return Evidence(place="指标表", line=self.line, text=f"{self.name}：{figures}{note}", unit=self.unit)


def _fmt(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _meets(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] + 1e-9 and b[0] <= a[1] + 1e-9


def _point(value: float, factor: float) -> tuple[float, float]:
    h = half_digit(value)
    return ((value - h) * factor, (value + h) * factor)


def _exact(*stmts: Statement) -> bool:
    return all((s.row.get("comparator") or "=") == "=" and s.row.get("value_max") is None for s in stmts)


# --- the checks -------------------------------------------------------------------------


def _rows(store, name: str, params: dict) -> list[dict]:
    return run_query(store, name, params).rows


def _targets(store, plan_id: str | None) -> list[dict]:
    return _rows(store, "targets_detail", {"plan": plan_id})


def _plans(store, plan_id: str | None) -> dict[str, dict]:
    return {r["id"]: r for r in _rows(store, "plans", {}) if plan_id is None or r["id"] == plan_id}


def _table_rows(rows: list[dict]) -> dict[str, TableRow]:
    out: dict[str, TableRow] = {}
    for r in rows:
        if r["origin"] != "table" or not r["indicator_id"]:
            continue
        tr = out.setdefault(r["indicator_id"], TableRow(
            r["indicator_id"], r["indicator_name"] or r["indicator"], r["canonical"] or r["indicator"],
            r["indicator_unit"] or r["unit"], r["line"], {}))
        if r["value"] is not None and r["year"] is not None:
            tr.values[int(r["year"])] = float(r["value"])
    return out


def _key(r: dict) -> str | None:
    return r["canonical"] or _canonical(r["indicator"])


def _same_family(a: str | None, b: str | None) -> tuple[float, float] | None:
    """Factors taking each unit to their shared base, or None when they don't compare."""
    fa, fb = normalise_unit(a), normalise_unit(b)
    if fa is None or fb is None:
        return (1.0, 1.0) if (a or "") == (b or "") else None
    if fa[0] != fb[0]:
        return None
    return fa[2], fb[2]


def _finding(check: str, severity: str, plan: dict, zh: str, en: str, evidence: list[Evidence]) -> Finding:
    return Finding(check=check, severity=severity, plan_id=plan["id"], issuer=plan["issuer"],
                   message=zh, message_en=en, evidence=evidence)


def _statements_vs_table(plan: dict, stmts: list[Statement], table: dict[str, TableRow]) -> list[Finding]:
    """Goal and task statements against the indicator table row they measure."""
    out: list[Finding] = []
    by_canonical = {t.canonical: t for t in table.values()}
    start, end = plan["period_start"], plan["period_end"] or plan["period_start"]
    for s in stmts:
        row = table.get(s.row["indicator_id"]) if s.row["indicator_id"] else by_canonical.get(_key(s.row) or "")
        if row is None or s.value is None or not row.values:
            continue
        if _is_generic(s.row["indicator"], row.name):
            continue
        factors = _same_family(s.unit, row.unit)
        scope = s.row["scope"]
        years = [y for y in sorted(row.values) if start is None or start <= y <= (end or y)] or sorted(row.values)
        if scope == "growth_rate":
            if factors is None and normalise_unit(row.unit) and normalise_unit(row.unit)[0] != "share":
                continue  # a rate against a level series: the growth check's business
            if normalise_unit(row.unit) is None or normalise_unit(row.unit)[0] != "share":
                continue
            scope = "annual"  # a rate against a row of rates: every year must meet it
        if factors is None:
            continue
        fs, ft = factors
        want = s.interval(fs)
        if scope == "annual":
            bad = [y for y in years if not _meets(want, _point(row.values[y], ft))]
            if bad:
                out.append(_finding(
                    "value_mismatch", "warning", plan,
                    f"{s.place}（第{s.row['line']}行）每年{s.row['text']}，而指标表{row.name}在"
                    f"{'、'.join(f'{y}年为{_fmt(row.values[y])}' for y in bad)}，不一致。",
                    f"{s.place} (line {s.row['line']}) states a yearly figure the indicator table "
                    f"({row.name}, line {row.line}) does not meet in {', '.join(map(str, bad))}.",
                    [s.evidence(), row.evidence(bad)]))
            continue
        year = s.row["year"] or end
        if year is None:
            continue
        upto = [y for y in years if y <= year]
        if not upto:
            continue
        reading = row_reading(row.name, row.unit)
        readings: list[tuple[str, tuple[float, float], float]] = []
        if reading in ("flow", "unknown"):
            total = sum(row.values[y] for y in upto)
            h = sum(half_digit(row.values[y]) for y in upto)
            readings.append(("sum", ((total - h) * ft, (total + h) * ft), total))
        if reading in ("stock", "unknown") and year in row.values:
            readings.append(("year", _point(row.values[year], ft), row.values[year]))
        if not readings or any(_meets(want, r[1]) for r in readings):
            continue
        severity = "error" if _exact(s) else "warning"
        kind, _, figure = readings[0]
        if kind == "sum" and len(readings) == 1:
            parts = "+".join(_fmt(row.values[y]) for y in upto)
            out.append(_finding(
                "sum_vs_table", severity, plan,
                f"{s.place}（第{s.row['line']}行）“{s.row['text']}”与指标表{row.name}（第{row.line}行）"
                f"逐年新增之和{parts}={_fmt(figure)}不一致。",
                f"{s.place} (line {s.row['line']}) states {_fmt(s.value)}{s.unit or ''} but the indicator "
                f"table's yearly additions for {row.name} (line {row.line}) sum to {parts}={_fmt(figure)}.",
                [s.evidence(), row.evidence(upto, note=f"（合计{_fmt(figure)}）")]))
        else:
            shown = " / ".join(
                (f"逐年之和{_fmt(f)}" if k == "sum" else f"{year}年{_fmt(f)}") for k, _, f in readings)
            shown_en = " / ".join(
                (f"sum of years {_fmt(f)}" if k == "sum" else f"{year}: {_fmt(f)}") for k, _, f in readings)
            out.append(_finding(
                "value_mismatch", severity, plan,
                f"{s.place}（第{s.row['line']}行）“{s.row['text']}”与指标表{row.name}（第{row.line}行，{shown}）不一致。",
                f"{s.place} (line {s.row['line']}) states {_fmt(s.value)}{s.unit or ''} for {row.name}; "
                f"the indicator table (line {row.line}) gives {shown_en}.",
                [s.evidence(), row.evidence(upto)]))
    return out


def _growth(plan: dict, stmts: list[Statement], table: dict[str, TableRow]) -> list[Finding]:
    """A stated average growth rate against the yearly series it summarises."""
    out = []
    by_canonical = {t.canonical: t for t in table.values()}
    for s in stmts:
        if s.row["scope"] != "growth_rate" or s.value is None:
            continue
        row = table.get(s.row["indicator_id"]) if s.row["indicator_id"] else by_canonical.get(_key(s.row) or "")
        if row is None or len(row.values) < 2:
            continue
        fam = normalise_unit(row.unit)
        if fam is not None and fam[0] == "share":
            continue  # a row of rates: compared year by year in value_mismatch
        years = sorted(row.values)
        first, last = row.values[years[0]], row.values[years[-1]]
        if first <= 0 or last <= 0:
            continue
        n = years[-1] - years[0]
        hf, hl = half_digit(first), half_digit(last)
        lo = ((last - hl) / (first + hf)) ** (1 / n) - 1
        hi = ((last + hl) / (first - hf)) ** (1 / n) - 1
        stated = tuple(x / 100 if abs(x) < _BIG else x for x in s.interval())
        if _meets((lo * 1.0, hi * 1.0), stated):
            continue
        cagr = (last / first) ** (1 / n) - 1
        steps = "、".join(f"{b}年{(row.values[b] / row.values[a] - 1) * 100:.1f}%" for a, b in zip(years, years[1:]))
        r = s.value / 100
        start = plan["period_start"]
        # The average may run from the unstated year before the plan: then only the
        # implied first step is unknown. Plausible when it is close to the rate itself.
        if start is not None and years[0] == start:
            span = years[-1] - (start - 1)
            base = last / (1 + r) ** span
            first_step = first / base - 1
            if abs(first_step - r) <= max(0.01, 0.25 * abs(r)):
                out.append(_finding(
                    "growth_vs_series", "info", plan,
                    f"{s.place}“{s.row['text']}”仅在以{start - 1}年为基期时与指标表{row.name}相符"
                    f"（{years[0]}—{years[-1]}年均{cagr * 100:.2f}%，隐含{start}年增长{first_step * 100:.1f}%）。",
                    f"{s.place}: the stated {_fmt(s.value)}% fits {row.name} only from an unstated {start - 1} base "
                    f"({years[0]}-{years[-1]} averages {cagr * 100:.2f}%).",
                    [s.evidence(), row.evidence()]))
                continue
        out.append(_finding(
            "growth_vs_series", "warning", plan,
            f"{s.place}（第{s.row['line']}行）“{s.row['text']}”与指标表{row.name}（第{row.line}行）不符："
            f"{years[0]}—{years[-1]}年均增长{cagr * 100:.2f}%（逐年：{steps}）。",
            f"{s.place} (line {s.row['line']}) states {_fmt(s.value)}% a year but {row.name} in the indicator "
            f"table (line {row.line}) grows {cagr * 100:.2f}% a year over {years[0]}-{years[-1]}.",
            [s.evidence(), row.evidence()]))
    return out


def _goal_vs_task(plan: dict, stmts: list[Statement], table: dict[str, TableRow]) -> list[Finding]:
    """Goals against tasks for indicators the table does not carry."""
    out = []
    tabled = {t.canonical for t in table.values()}
    start, end = plan["period_start"], plan["period_end"] or plan["period_start"]
    years = (end - start + 1) if start and end else None
    groups: dict[str, list[Statement]] = defaultdict(list)
    for s in stmts:
        key = _key(s.row)
        if s.value is None or not key or key in tabled or s.row["indicator_id"]:
            continue
        if _is_generic(s.row["indicator"], key):
            continue
        groups[key].append(s)

    def klass(s: Statement) -> str:
        scope = s.row["scope"]
        if scope in ("annual", "growth_rate"):
            return scope
        y = s.row["year"]
        if y is None or y == end:
            return "period"
        return f"year:{y}"

    for key, group in groups.items():
        goals = [s for s in group if s.origin == "goal"]
        tasks = [s for s in group if s.origin == "task"]
        for g in goals:
            for t in tasks:
                factors = _same_family(g.unit, t.unit)
                if factors is None:
                    continue
                kg, kt = klass(g), klass(t)
                a, b = g.interval(factors[0]), t.interval(factors[1])
                note = ""
                if kg == kt:
                    pass
                elif {kg, kt} == {"annual", "period"} and years:
                    yearly, whole = (g, t) if kg == "annual" else (t, g)
                    if whole.row["scope"] not in ("new", "cumulative"):
                        continue  # a level is not the sum of yearly additions
                    fy, fw = factors if yearly is g else factors[::-1]
                    a, b = yearly.interval(fy, times=years), whole.interval(fw)
                    note = f"（每年{_fmt(yearly.value)}×{years}年={_fmt(yearly.value * years)}）"
                else:
                    continue
                if _meets(a, b):
                    continue
                severity = "error" if _exact(g, t) and not note else "warning"
                out.append(_finding(
                    "value_mismatch", severity, plan,
                    f"同一指标“{key}”在{g.place}（第{g.row['line']}行）与{t.place}（第{t.row['line']}行）数值不一致{note}："
                    f"“{g.row['text']}” / “{t.row['text']}”。",
                    f"{key}: the goals (line {g.row['line']}) and {t.place} (line {t.row['line']}) give figures "
                    f"that cannot both hold{' over the ' + str(years) + '-year period' if note else ''}.",
                    [g.evidence(), t.evidence()]))
    return out


def _outside_period(plan: dict, rows: list[dict]) -> list[Finding]:
    out, seen = [], set()
    start, end = plan["period_start"], plan["period_end"] or plan["period_start"]
    if start is None:
        return out
    for r in rows:
        y = r["year"]
        if y is None or start <= y <= end:
            continue
        key = (r["text"], r["line"], y)
        if key in seen:
            continue  # an industry's scale target repeats its task's
        seen.add(key)
        s = Statement(r)
        if y > end:
            out.append(_finding(
                "target_outside_period", "info", plan,
                f"{s.place}（第{r['line']}行）“{r['text']}”是{y}年的远景目标，超出规划期{start}—{end}年。",
                f"{s.place} (line {r['line']}) sets an outlook for {y}, after the plan period {start}-{end}.",
                [s.evidence()]))
        else:
            out.append(_finding(
                "target_outside_period", "warning", plan,
                f"{s.place}（第{r['line']}行）“{r['text']}”的目标年份{y}年早于规划期{start}—{end}年。",
                f"{s.place} (line {r['line']}) sets a target for {y}, before the plan period {start}-{end}.",
                [s.evidence()]))
    return out


def _unassigned(store, plans: dict[str, dict], plan_id: str | None) -> list[Finding]:
    out = []
    for r in _rows(store, "unassigned_tasks", {"plan": plan_id, "limit": 100000}):
        plan = plans.get(r["plan_id"])
        if plan is None:
            continue
        where = f"任务{r['number']}" if r["number"] is not None else (r["label"] or r["title"])
        out.append(_finding(
            "unassigned_task", "warning" if r["part"] != "safeguards" else "info", plan,
            f"{where}（第{r['line']}行）“{r['title']}”没有责任单位。",
            f"Task {r['number'] if r['number'] is not None else r['title']} (line {r['line']}) names no responsible unit.",
            [Evidence(place=where, line=r["line"], text=r["title"])]))
    return out


def _several_leads(store, plans: dict[str, dict], plan_id: str | None) -> list[Finding]:
    out = []
    rows = _rows(store, "lead_conflicts", {"plan": plan_id, "problem": "several_explicit_leads", "limit": 100000})
    for r in rows:
        plan = plans.get(r["plan_id"])
        if plan is None:
            continue
        where = f"任务{r['number']}" if r["number"] is not None else r["title"]
        leads = "、".join(r["leads"])
        out.append(_finding(
            "several_explicit_leads", "warning", plan,
            f"{where}（第{r['line']}行）明确了{r['explicit_leads']}个牵头单位：{leads}。",
            f"Task {r['number'] if r['number'] is not None else r['title']} (line {r['line']}) names "
            f"{r['explicit_leads']} explicit leads.",
            [Evidence(place=where, line=r["line"], text=r["clause"] or r["title"])]))
    return out


def _prefix_only(a: str, b: str, prefixes: set[str]) -> bool:
    """`区工信局` and `工信局`: the issuer's own prefix left out, the same form."""
    long, short = (a, b) if len(a) >= len(b) else (b, a)
    return long.endswith(short) and long[: len(long) - len(short)] in prefixes


def _unit_names(store, plans: dict[str, dict], plan_id: str | None) -> list[Finding]:
    out = []
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in _rows(store, "unit_name_forms", {"plan": plan_id}):
        if r["plan_id"] in plans and r["raw"]:
            groups[(r["plan_id"], r["agency"])].append(r)
    for (pid, _agency), forms in groups.items():
        if len(forms) < 2:
            continue
        plan = plans[pid]
        jname = forms[0]["jurisdiction"].rsplit("/", 1)[-1]
        prefixes = {"区", "市", "县", "省", "镇", "街道", jname, jname[:-1], plan["issuer"], plan["issuer"][:-1]}
        distinct: list[dict] = []
        for f in sorted(forms, key=lambda f: (-f["uses"], f["first_line"] or 0, f["raw"])):
            if not any(_prefix_only(f["raw"], d["raw"], prefixes) for d in distinct):
                distinct.append(f)
        if len(distinct) < 2:
            continue
        names = " / ".join(f"“{d['raw']}”" for d in distinct)
        out.append(_finding(
            "unit_name_variants", "info", plan,
            f"{forms[0]['agency_name']}在同一文件中写法不一：{names}。",
            f"{forms[0]['agency_name']} is written {len(distinct)} ways in one plan.",
            [Evidence(place="责任分工", line=d["first_line"], text=f"{d['raw']}（{d['uses']}处，第"
                      f"{'、'.join(str(x) for x in sorted(v for v in d['lines'] if v is not None))}行）")
             for d in distinct]))
    return out


def _clause_table_owners(store, plans: dict[str, dict], plan_id: str | None) -> list[Finding]:
    """A clause task linked to task-table rows whose owners differ from the clause's:
    bodies only one side names, or other leads. Units carried from an earlier
    以下均需…不再列出 clause are left out: a table need not repeat them."""
    out = []
    tasks: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in _rows(store, "task_owner_sources", {"plan": plan_id}):
        if r["plan_id"] in plans and not r["inherited"]:
            tasks[(r["plan_id"], r["task_id"])].append(r)
    for (pid, _task), units in tasks.items():
        clause = [u for u in units if u["source"] in ("clause", "both")]
        table = [u for u in units if u["source"] in ("table", "both")]
        if not clause or not table:
            continue  # a task of the table alone, not linked to a clause
        clause_only = [u["raw"] for u in units if u["source"] == "clause"]
        table_only = [u["raw"] for u in units if u["source"] == "table"]
        clause_leads = [u["raw"] for u in clause if u["lead"]]
        table_leads = [u["raw"] for u in table if (u["table_lead"] if u["table_lead"] is not None else u["lead"])]
        # a table without a lead column leaves the lead to the clause: no disagreement
        leads_differ = bool(table_leads) and set(clause_leads) != set(table_leads)
        if not (clause_only or table_only or leads_differ):
            continue
        plan, t = plans[pid], units[0]
        where = f"任务{t['number']}" if t["number"] is not None else (t["label"] or t["title"])
        rows = sorted({u["table_line"] for u in table if u["table_line"] is not None})

        def zh(names: list[str]) -> str:
            return "、".join(names) or "无"

        def en(names: list[str]) -> str:
            return ", ".join(names) or "none"

        row_lines = "、".join(str(n) for n in rows) or "?"
        evidence = [Evidence(place=where, line=t["line"], text=(
            f"条款：{t['clause'] or zh([u['raw'] for u in clause])}；牵头{zh(clause_leads)}；仅条款列出{zh(clause_only)}"))]
        for n in rows or [None]:
            named = [u for u in table if u["table_line"] == n]
            leads = [u["raw"] for u in named if u["table_lead"]]
            alone = [u["raw"] for u in named if u["source"] == "table"]
            evidence.append(Evidence(place="重点任务分工表", line=n, text=(
                f"分工表：{zh([u['raw'] for u in named])}；牵头{zh(leads)}；仅分工表列出{zh(alone)}")))
        out.append(_finding(
            "clause_table_owners", "warning", plan,
            f"{where}（第{t['line']}行）与重点任务分工表（第{row_lines}行）责任单位不一致：条款牵头{zh(clause_leads)}，"
            f"分工表牵头{zh(table_leads)}；仅条款列出{zh(clause_only)}，仅分工表列出{zh(table_only)}。",
            f"Task {t['number'] if t['number'] is not None else t['title']} (line {t['line']}) and its task-table row (line {', '.join(map(str, rows)) or '?'}) disagree "
            f"on owners: clause leads {en(clause_leads)}, table leads {en(table_leads)}; clause only "
            f"{en(clause_only)}, table only {en(table_only)}.",
            evidence))
    return out


def run_checks(store, plan_id: str | None = None, checks: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of every check (or of the ones named) over one plan or all plans,
    most severe first, then in document order."""
    wanted = set(checks) if checks is not None else set(CHECKS)
    unknown = wanted - set(CHECKS)
    if unknown:
        from plankg.errors import QueryError

        raise QueryError(f"unknown checks {sorted(unknown)}; known: {', '.join(CHECKS)}", param="check")
    plans = _plans(store, plan_id)
    if plan_id is not None and not plans:
        from plankg.errors import QueryError

        raise QueryError(f"no plan {plan_id!r} in the graph", param="plan")
    findings: list[Finding] = []
    numeric = wanted & {"sum_vs_table", "growth_vs_series", "value_mismatch", "target_outside_period"}
    if numeric:
        by_plan: dict[str, list[dict]] = defaultdict(list)
        for r in _targets(store, plan_id):
            by_plan[r["plan_id"]].append(r)
        for pid, rows in by_plan.items():
            plan = plans.get(pid)
            if plan is None:
                continue
            table = _table_rows(rows)
            stmts = [Statement(r) for r in rows if r["origin"] in ("goal", "task")]
            findings += _statements_vs_table(plan, stmts, table)
            findings += _growth(plan, stmts, table)
            findings += _goal_vs_task(plan, stmts, table)
            findings += _outside_period(plan, rows)
    if "unassigned_task" in wanted:
        findings += _unassigned(store, plans, plan_id)
    if "several_explicit_leads" in wanted:
        findings += _several_leads(store, plans, plan_id)
    if "unit_name_variants" in wanted:
        findings += _unit_names(store, plans, plan_id)
    if "clause_table_owners" in wanted:
        findings += _clause_table_owners(store, plans, plan_id)
    findings = [f for f in findings if f.check in wanted]
    findings.sort(key=lambda f: (f.plan_id, SEVERITY_ORDER[f.severity], f.check,
                                 min((e.line or 0 for e in f.evidence), default=0), f.message))
    return findings


def findings_table(findings: list[Finding]) -> tuple[list[str], list[dict]]:
    """Flat rows for CSV and terminal tables."""
    columns = ["plan_id", "issuer", "check", "severity", "message", "message_en", "lines"]
    rows = [
        {**f.model_dump(include={"plan_id", "issuer", "check", "severity", "message", "message_en"}),
         "lines": [e.line for e in f.evidence if e.line is not None]}
        for f in findings
    ]
    return columns, rows


__all__ = ["CHECKS", "Evidence", "Finding", "findings_table", "normalise_unit", "run_checks", "half_digit"]
