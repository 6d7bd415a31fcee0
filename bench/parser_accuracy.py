"""Parser accuracy on hand-annotated plans: the unseen-style fixtures
(tests/fixtures/unseen/*.txt, unseen2/*.txt, unseen3/*.txt, unseen4/*.txt and unseen5/*.txt, each with its .toml) and, with --seeds, the five seeds
(tests/expected/*.toml). Prints, per plan: tasks found, responsible-unit F1 (on
agency ids; fnF1 on the function alone, which body kind whatever the place), lead and basis right, target value+unit+comparator right (task targets,
and the goals part where the expectation lists it), indicator-table cells exact (where the
expectation has [[indicators]]: number, category, name, unit, attribute, every baseline and
target cell, the responsible ids as one cell); then the
pairwise same-body ⇔ same-id agreement over all units.

    .venv/bin/python bench/parser_accuracy.py [--seeds] [FIXTURE.txt ...]

The same measure() backs tests/test_unseen_plans.py.
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from plankg.loaders import parse_file

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
# A second round written by other hands, in styles the first did not cover.
UNSEEN2 = ROOT / "tests" / "fixtures" / "unseen2"
# A third round: indicator tables of other shapes, PDF/web noise, target wordings.
UNSEEN3 = ROOT / "tests" / "fixtures" / "unseen3"
# A fourth: heading lines without 。, 一是/（1） enumerations, four-level numbering, clause
# variants (two-line 牵头/责任单位, deadlines inside clauses), 旗/新区/计划单列市, Word and HTML.
UNSEEN4 = ROOT / "tests" / "fixtures" / "unseen4"
# A fifth: 负责/实施/主办 labels, 会同, 由…牵头, X为牵头单位, clause lines before the body,
# grid/telecom/university/customs bodies, 亿千瓦时/万千瓦/亿吨 targets, cover letters, Chinese-numeral dates.
UNSEEN5 = ROOT / "tests" / "fixtures" / "unseen5"


@dataclass
class Score:
    name: str
    tasks_expected: int = 0
    tasks_found: int = 0
    unit_tp: int = 0
    unit_fp: int = 0
    unit_fn: int = 0
    fn_tp: int = 0  # the same on the function alone (id after ':'), jurisdiction aside
    fn_fp: int = 0
    fn_fn: int = 0
    lead_ok: int = 0
    lead_n: int = 0
    target_ok: int = 0
    target_n: int = 0
    cell_ok: int = 0
    cell_n: int = 0
    plan_ok: bool = True
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (expected id, parsed id) per unit
    misses: list[str] = field(default_factory=list)

    @property
    def unit_f1(self) -> float:
        d = 2 * self.unit_tp + self.unit_fp + self.unit_fn
        return 1.0 if d == 0 else 2 * self.unit_tp / d

    @property
    def fn_f1(self) -> float:
        d = 2 * self.fn_tp + self.fn_fp + self.fn_fn
        return 1.0 if d == 0 else 2 * self.fn_tp / d

    @property
    def lead_acc(self) -> float:
        return self.lead_ok / self.lead_n if self.lead_n else 1.0

    @property
    def target_acc(self) -> float:
        return self.target_ok / self.target_n if self.target_n else 1.0

    @property
    def cell_acc(self) -> float:
        return self.cell_ok / self.cell_n if self.cell_n else 1.0


def expected_for(path: Path) -> dict:
    if path.parent == ROOT / "seeds":
        return tomllib.loads((ROOT / "tests" / "expected" / f"{path.name[:3]}.toml").read_text("utf-8"))
    return tomllib.loads(path.with_suffix(".toml").read_text("utf-8"))


def _target_key(t) -> tuple:
    return (float(t[0]), float(t[1]) if t[1] != "" else None, t[2], t[3])


def expected_cell(v) -> tuple | None:
    """An expected table cell: a number (= the value), [value, value_max or "", comparator],
    a string (text as printed) or false (no target that year)."""
    if v is False:
        return None
    if isinstance(v, str):
        return ("text", v)
    if isinstance(v, list):
        return ("num", float(v[0]), float(v[1]) if v[1] != "" else None, v[2])
    return ("num", float(v), None, "=")


def parsed_cell(row, kind: str, key: str) -> tuple | None:
    values = getattr(row, kind, None) or {}
    v = values.get(key)
    if v is None:
        return None
    if isinstance(v, str):
        return ("text", v)
    prefix = "baseline_" if kind == "baseline" else ""
    vmax = (getattr(row, prefix + "value_max", None) or {}).get(key)
    cmp = (getattr(row, prefix + "comparators", None) or {}).get(key, "=")
    return ("num", float(v), vmax, cmp)


def indicator_cells(row, want: dict | None) -> list[tuple[str, object, object]]:
    """(cell, parsed, expected) for every cell of one indicator row; row or want may be None."""
    out: list[tuple[str, object, object]] = []
    def add(cell, got, exp):
        out.append((cell, got, exp))
    for f in ("number", "category", "name", "unit", "attribute"):
        exp = None if want is None else want[f]
        exp = None if exp in ("", -1) else exp
        add(f, getattr(row, f, None) if row is not None else None, exp) if want is not None else add(f, getattr(row, f, None), "<none>")
    for kind in ("baseline", "targets"):
        keys = set((want or {}).get(kind, {})) | set((getattr(row, kind, None) or {}) if row is not None else {})
        for k in sorted(keys):
            exp = expected_cell(want[kind][k]) if want is not None and k in want[kind] else "<none>"
            got = parsed_cell(row, kind, k) if row is not None and k in (getattr(row, kind, None) or {}) else "<none>"
            add(f"{kind}[{k}]", got, exp)
    exp_r = None if want is None else list(want["responsible"])
    got_r = None if row is None else [u.agency_id for u in row.responsible]
    add("responsible", got_r, exp_r if want is not None else "<none>")
    return out


def measure(path: Path) -> Score:
    exp = expected_for(path)
    rec = parse_file(path)
    s = Score(path.name)
    p, e = rec.plan, exp["plan"]
    got_plan = (p.title, p.issuer_id, p.issuer_level, p.kind, [p.period_start, p.period_end], p.status)
    want_plan = (e["title"], e["issuer_id"], e["issuer_level"], e["kind"], e["period"] or [None, None], e["status"])
    if got_plan != want_plan:
        s.plan_ok = False
        s.misses.append(f"plan: got {got_plan}")
    got_tasks = list(rec.tasks)
    s.tasks_expected = len(exp["tasks"])
    for et in exp["tasks"]:
        number = None if et["number"] == -1 else et["number"]
        match = next((t for t in got_tasks if t.title == et["title"] and t.number == number
                      and t.part == et["part"]), None)
        if match is None:
            s.misses.append(f"task not found: {et['number']} {et['title']}")
            s.unit_fn += len(et["units"])
            s.fn_fn += len(et["units"])
            s.lead_n += len(et["units"])
            s.target_n += len(et.get("targets", []))
            continue
        got_tasks.remove(match)
        s.tasks_found += 1
        want_ids = Counter(u[1] for u in et["units"])
        got_ids = Counter(u.agency_id for u in match.units)
        tp = sum((want_ids & got_ids).values())
        s.unit_tp += tp
        s.unit_fp += sum(got_ids.values()) - tp
        s.unit_fn += sum(want_ids.values()) - tp
        want_fn = Counter(i.split(":", 1)[1] for i in want_ids.elements())
        got_fn = Counter(i.split(":", 1)[1] for i in got_ids.elements())
        ftp = sum((want_fn & got_fn).values())
        s.fn_tp += ftp
        s.fn_fp += sum(got_fn.values()) - ftp
        s.fn_fn += sum(want_fn.values()) - ftp
        by_raw = {u.raw: u for u in match.units}
        for raw, aid, lead, basis, inherited in et["units"]:
            u = by_raw.get(raw)
            s.lead_n += 1
            if u is not None:
                s.pairs.append((aid, u.agency_id))
                if (u.lead, u.lead_basis) == (lead, basis):
                    s.lead_ok += 1
                else:
                    s.misses.append(f"task {et['title']}: {raw} lead {u.lead}/{u.lead_basis}, want {lead}/{basis}")
        if want_ids != got_ids:
            s.misses.append(f"task {et['title']}: units {sorted(got_ids)} want {sorted(want_ids)}")
        if "targets" in et:
            want_t = Counter(_target_key(t) for t in et["targets"])
            got_t = Counter((float(t.value) if t.value is not None else None, t.value_max, t.unit, t.comparator)
                            for t in match.targets)
            ok = sum((want_t & got_t).values())
            s.target_ok += ok
            s.target_n += max(sum(want_t.values()), sum(got_t.values()))
            if want_t != got_t:
                s.misses.append(f"task {et['title']}: targets {sorted(got_t, key=str)} want {sorted(want_t, key=str)}")
    if "goals" in exp["plan"]:
        want_g = Counter(_target_key(t) for t in exp["plan"]["goals"])
        got_g = Counter((float(t.value) if t.value is not None else None, t.value_max, t.unit, t.comparator)
                        for t in rec.goals)
        s.target_ok += sum((want_g & got_g).values())
        s.target_n += max(sum(want_g.values()), sum(got_g.values()))
        if want_g != got_g:
            s.misses.append(f"goals: {sorted(got_g, key=str)} want {sorted(want_g, key=str)}")
    if "indicators" in exp:
        got_rows = list(rec.indicators)
        for want in exp["indicators"]:
            row = next((r for r in got_rows if r.name == want["name"]), None)
            if row is None:
                s.misses.append(f"indicator not found: {want['name']}")
            else:
                got_rows.remove(row)
            for cell, got, e in indicator_cells(row, want):
                s.cell_n += 1
                if row is not None and got == e:
                    s.cell_ok += 1
                else:
                    s.misses.append(f"indicator {want['name']} {cell}: got {got!r} want {e!r}")
        for row in got_rows:
            s.misses.append(f"extra indicator row: {row.name}")
            s.cell_n += len(indicator_cells(row, None))
    for t in got_tasks:
        s.misses.append(f"extra task: {t.number} {t.title}")
        s.unit_fp += len(t.units)
        s.fn_fp += len(t.units)
    return s


def measure_safely(path: Path) -> Score:
    """measure(), but a plan the parser rejects scores zero instead of stopping the run."""
    try:
        return measure(path)
    except Exception as exc:  # noqa: BLE001 - a parser failure is a result here
        exp = expected_for(path)
        s = Score(path.name, plan_ok=False)
        s.tasks_expected = len(exp["tasks"])
        s.unit_fn = s.fn_fn = s.lead_n = sum(len(t["units"]) for t in exp["tasks"])
        s.target_n = sum(len(t.get("targets", [])) for t in exp["tasks"]) + len(exp["plan"].get("goals", []))
        s.cell_n = sum(len(indicator_cells(None, w)) for w in exp.get("indicators", []))
        s.misses.append(f"parse failed: {exc}")
        return s


def pairwise(pairs: list[tuple[str, str]]) -> float:
    """Same body ⇔ same id, over every pair of distinct units (by expected id)."""
    units = list(set(pairs))
    agree = total = 0
    for (ea, ga), (eb, gb) in combinations(units, 2):
        total += 1
        agree += (ea == eb) == (ga == gb)
    return agree / total if total else 1.0


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv if not a.startswith("-")]
    if not paths:
        paths = (sorted(UNSEEN.glob("*.txt")) + sorted(UNSEEN2.glob("*.txt")) + sorted(UNSEEN3.glob("*.txt"))
                 + sorted(UNSEEN4.glob("*.txt")) + sorted(UNSEEN5.glob("*.txt")))
    if "--seeds" in argv:
        paths += sorted((ROOT / "seeds").glob("*.txt"))
    scores = [measure_safely(p) for p in paths]
    print(f"{'plan':36} {'tasks':>7} {'unitF1':>7} {'fnF1':>6} {'lead':>6} {'target':>7} {'cells':>11} plan")
    for s in scores:
        cells = f"{s.cell_ok}/{s.cell_n}" if s.cell_n else "-"
        print(f"{s.name[:36]:36} {s.tasks_found:>3}/{s.tasks_expected:<3} {s.unit_f1:7.3f} {s.fn_f1:6.3f} "
              f"{s.lead_acc:6.3f} {s.target_acc:7.3f} {cells:>11} {'ok' if s.plan_ok else 'WRONG'}")
    tot = Score("all")
    for s in scores:
        for f in ("tasks_expected", "tasks_found", "unit_tp", "unit_fp", "unit_fn", "fn_tp", "fn_fp", "fn_fn",
                  "lead_ok", "lead_n",
                  "target_ok", "target_n", "cell_ok", "cell_n"):
            setattr(tot, f, getattr(tot, f) + getattr(s, f))
        tot.pairs += s.pairs
    print(f"{'ALL':36} {tot.tasks_found:>3}/{tot.tasks_expected:<3} {tot.unit_f1:7.3f} {tot.fn_f1:6.3f} {tot.lead_acc:6.3f} "
          f"{tot.target_acc:7.3f} {tot.cell_acc:11.3f}  same-body pairwise {pairwise(tot.pairs):.4f}")
    if "-v" in argv:
        for s in scores:
            for m in s.misses:
                print(f"  {s.name}: {m}")


if __name__ == "__main__":
    main(sys.argv[1:])
