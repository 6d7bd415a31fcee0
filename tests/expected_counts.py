"""Expected workload figures counted from parsed seed records in plain Python,
independently of the Cypher the API, CLI and pages run."""

from __future__ import annotations

from collections import defaultdict

COUNTS = ("tasks", "lead_explicit", "lead_first_listed", "support", "inherited", "plans")


def expected_workload(records, keep=lambda r, u: True) -> list[dict]:
    """Per agency: distinct tasks, explicit and first-listed leads, support, inherited
    and plans, ranked by tasks then id; `keep(record, unit)` filters the mentions."""
    acc: dict[str, dict] = defaultdict(lambda: defaultdict(set))
    names = {}
    for r in records:
        for t in r.tasks:
            tid = f"{r.plan.id}/{t.id}"
            for u in t.units:
                if not keep(r, u):
                    continue
                names[u.agency_id] = u.agency_name
                a = acc[u.agency_id]
                a["tasks"].add(tid)
                a["plans"].add(r.plan.id)
                if u.lead and u.lead_basis == "explicit":
                    a["lead_explicit"].add(tid)
                if u.lead and u.lead_basis == "first_listed":
                    a["lead_first_listed"].add(tid)
                if u.role == "support":
                    a["support"].add(tid)
                if u.inherited:
                    a["inherited"].add(tid)
    rows = [{"id": k, "name": names[k], **{f: len(v[f]) for f in COUNTS}} for k, v in acc.items()]
    return sorted(rows, key=lambda r: (-r["tasks"], r["id"]))
