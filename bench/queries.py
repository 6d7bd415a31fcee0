"""Latency of the headline catalogue queries, direct and through the HTTP API.

    .venv/bin/python bench/queries.py                 # the five seeds
    .venv/bin/python bench/queries.py --tasks 300000  # plus a synthetic corpus of that size

The synthetic corpus repeats the seed plans under made-up jurisdictions (each copy
its own issuer, so its own agencies), loaded with the store's bulk path. Prints p50
and p95 per query and the API/direct ratio measured over loopback.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from plankg.api.app import create_app
from plankg.graph.ladybug_store import LadybugStore
from plankg.loaders import iter_plan_files, parse_file
from plankg.loaders.records import PlanRecord
from plankg.queries.catalogue import run_query

ROOT = Path(__file__).resolve().parent.parent
AGENCY_SUFFIX = ":工业和信息化局"


def synthetic(records: list[PlanRecord], tasks: int) -> list[PlanRecord]:
    """Copies of the seeds, each under a new county of the seed's issuer, until `tasks`."""
    out, n, copy = [], 0, 0
    while n < tasks:
        for r in records:
            copy += 1
            old, new = r.plan.issuer_id, f"{r.plan.issuer_id}/合成{copy}县"
            text = r.model_dump_json().replace(old, new).replace(r.plan.id, f"{r.plan.id}-s{copy}")
            rec = PlanRecord.model_validate_json(text)
            rec.source.sha256 = f"{rec.source.sha256[:50]}{copy:014d}"
            out.append(rec)
            n += len(rec.tasks)
            if n >= tasks:
                break
    return out


def first_agency(records: list[PlanRecord]) -> str:
    return next(u.agency_id for r in records for t in r.tasks for u in t.units if u.agency_id.endswith(AGENCY_SUFFIX))


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm up caches and plans
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench(store, label: str, agency: str, repeat: int) -> None:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store=store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    cases = [
        ("agency_workload", {"limit": 50}, "/api/agencies", {"limit": 50}),
        ("agency_partners", {"agency": agency}, f"/api/agencies/{agency}/partners", {}),
        ("tasks_due", {"year": 2027}, "/api/tasks", {"due": 2027, "limit": 200}),
    ]
    print(f"\n{label}: {store.counts()['Task']} tasks, {store.counts()['Agency']} agencies")
    print(f"{'query':<18}{'direct p50':>12}{'p95':>9}{'API p50':>10}{'p95':>9}{'ratio':>8}  rows")
    with httpx.Client(base_url=base, timeout=600) as http:
        for name, params, url, qs in cases:
            rows = len(run_query(store, name, params).rows)
            direct = timed(lambda: run_query(store, name, params, with_total=True), repeat)
            api = timed(lambda: http.get(url, params=qs).raise_for_status(), repeat)
            ratio = statistics.median(api) / statistics.median(direct)
            print(f"{name:<18}{pct(direct, .5):>10.1f}ms{pct(direct, .95):>7.1f}ms"
                  f"{pct(api, .5):>8.1f}ms{pct(api, .95):>7.1f}ms{ratio:>8.2f}  {rows}")
    server.should_exit = True
    thread.join(timeout=10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=0, help="also bench a synthetic corpus of about this many tasks")
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    records = [parse_file(p) for p in iter_plan_files([ROOT / "seeds"])]
    agency = first_agency(records)
    with tempfile.TemporaryDirectory() as tmp:
        store = LadybugStore(Path(tmp) / "seeds.lbdb")
        store.load_records(records)
        bench(store, "seeds", agency, args.repeat)
        store.close()
        if args.tasks:
            corpus = synthetic(records, args.tasks)
            big = LadybugStore(Path(tmp) / "big.lbdb")
            t0 = time.perf_counter()
            summary = big.bulk_load(corpus)
            print(f"\nbulk load of {len(corpus)} plans: {time.perf_counter() - t0:.1f}s, ok={summary.ok}")
            bench(big, f"synthetic {args.tasks}", first_agency(corpus), max(5, args.repeat // 6))
            big.close()


if __name__ == "__main__":
    main()
