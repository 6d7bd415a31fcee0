"""Bulk-load figures (printed, never asserted): the seeds through load_records, and a
synthetic load of ~300k tasks / ~1M assignments through bulk_load, against a raw COPY
of the same Arrow tables.

    .venv/bin/python bench/bulk_load.py [--plans 100] [--tasks 3000] [--neo4j bolt://…]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from plankg.graph.ladybug_store import LadybugStore
from plankg.graph.rows import merge_rows, plan_rows
from plankg.loaders import iter_plan_files, parse_file
from plankg.loaders.records import PlanInfo, PlanRecord, Section, SourceInfo, Task, UnitRef

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ["工业和信息化局", "发展和改革委员会", "科学技术局", "财政局", "商务局", "自然资源和规划局",
             "人力资源和社会保障局", "市场监督管理局", "生态环境局", "交通运输局"]


def synthetic(plans: int, tasks: int, seed: int = 7) -> list[PlanRecord]:
    rng = random.Random(seed)
    cities = [f"江苏省/市{i:02d}" for i in range(13)]
    districts = [f"{c}/区{j:02d}" for c in cities for j in range(4)]
    out = []
    for p in range(plans):
        issuer = districts[p % len(districts)]
        pid = f"bench-{p:04d}"
        sections = [Section(id=f"s{s}", part="tasks", label=f"（{s}）", ordinal=s, title=f"第{s}节", line=s) for s in range(1, 11)]
        task_list = []
        for t in range(tasks):
            units = []
            for pos in range(3 + (t % 3 == 0)):  # 3 or 4 units: ~3.33 per task
                jur = rng.choice([issuer, issuer.rsplit("/", 1)[0]])
                fn = rng.choice(FUNCTIONS)
                units.append(UnitRef(
                    raw=fn, agency_id=f"{jur}/{fn}", agency_name=f"{jur.rsplit('/', 1)[-1]}{fn}", jurisdiction=jur,
                    kind="department", function=fn, lead=pos == 0, lead_basis="first_listed" if pos == 0 else "none",
                    role="lead" if pos == 0 else "support",
                ))
            task_list.append(Task(
                id=f"t{t}", number=t + 1, section_id=f"s{t % 10 + 1}", part="tasks", title=f"任务{t}。",
                text=f"任务{t}。推进产业发展。", line=100 + t, units=units,
            ))
        out.append(PlanRecord(
            source=SourceInfo(path=f"{pid}.txt", sha256=f"sha-{pid}", encoding="utf-8"),
            plan=PlanInfo(id=pid, title=f"计划{p}", issuer=issuer.rsplit("/", 1)[-1], issuer_id=issuer,
                          issuer_level="district", kind="三年行动计划", status="issued"),
            sections=sections, tasks=task_list,
        ))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=100)
    ap.add_argument("--tasks", type=int, default=3000, help="tasks per plan")
    ap.add_argument("--neo4j", help="also bulk-load into this Neo4j (bolt://…); it is wiped first")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plankg-bench-"))
    try:
        seeds = [parse_file(p) for p in iter_plan_files([ROOT / "seeds"])]
        with LadybugStore(work / "seeds.lbdb") as store:
            store.ensure_schema()
            t = time.perf_counter()
            store.load_records(seeds)
            print(f"seeds: load_records of {len(seeds)} plans: {time.perf_counter() - t:.3f} s")
            t = time.perf_counter()
            store.load_records(seeds)
            print(f"seeds: reload (replace) of {len(seeds)} plans: {time.perf_counter() - t:.3f} s")

        t = time.perf_counter()
        records = synthetic(args.plans, args.tasks)
        n_tasks = sum(len(r.tasks) for r in records)
        n_units = sum(len(x.units) for r in records for x in r.tasks)
        print(f"synthetic: {len(records)} plans, {n_tasks} tasks, {n_units} assignments "
              f"(records built in {time.perf_counter() - t:.1f} s, not counted)")

        with LadybugStore(work / "bulk.lbdb") as store:
            store.ensure_schema()
            t = time.perf_counter()
            summary = store.bulk_load(records)
            bulk = time.perf_counter() - t
            counts = store.counts()
        print(f"bulk_load (rows + COPY): {bulk:.2f} s; Task={counts['Task']} ASSIGNED_TO={counts['ASSIGNED_TO']}"
              f" ({summary.plans_loaded} plans)")

        t = time.perf_counter()
        rows = merge_rows(plan_rows(r) for r in records)
        print(f"  of which rows from records: {time.perf_counter() - t:.2f} s")
        with LadybugStore(work / "raw.lbdb") as store:
            store.ensure_schema()
            t = time.perf_counter()
            store.copy_rows(rows)
            raw = time.perf_counter() - t
        print(f"raw COPY of the same rows: {raw:.2f} s; bulk_load / raw COPY = {bulk / raw:.2f}x")

        if args.neo4j:
            from plankg.graph.neo4j_store import Neo4jStore

            with Neo4jStore(args.neo4j) as neo:
                neo.wipe()
                t = time.perf_counter()
                neo.bulk_load(records)
                print(f"neo4j bulk_load (UNWIND MERGE batches): {time.perf_counter() - t:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
