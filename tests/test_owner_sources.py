"""Owner provenance of tasks a plan gives both in clauses and in its 重点任务分工表:
the parser keeps one unit per body with where it is named (clause, table or both) and
what the table says of it, the graph keeps that, and the `clause_table_owners` check
reports each linked task whose two sides name different bodies or different leads.

`owners.txt` (a plan of our own) has four clause tasks and a table for the same four:
task 1 agrees, task 2's table leaves out 区财政局, task 3's table swaps the lead
between the same two bodies, task 4's table adds 区财政局."""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg.loaders import parse_file
from plankg.queries.catalogue import run_query
from plankg.queries.checks import run_checks

FIX = Path(__file__).resolve().parent / "fixtures" / "tasktables"


@pytest.fixture(scope="module")
def owners_record():
    return parse_file(FIX / "owners.txt")


def test_one_unit_per_body_with_both_sides(owners_record):
    got = [(t.number, t.line, [(u.raw, u.lead, u.source, u.table_line, u.table_lead) for u in t.units])
           for t in owners_record.tasks]
    assert got == [
        (1, 13, [("区经信局", True, "both", 38, True), ("区财政局", False, "both", 38, False)]),
        (2, 15, [("区经信局", True, "both", 45, True), ("区科技局", False, "both", 45, False),
                 ("区财政局", False, "clause", None, None)]),
        # the clause's first listed leads; the table's lead column names the other body
        (3, 19, [("区自然资源局", True, "both", 52, False), ("区发改委", False, "both", 52, True)]),
        (4, 21, [("区人社局", True, "both", 59, True), ("区教育局", False, "both", 59, False),
                 ("区财政局", False, "table", 59, False)]),
    ]
    assert [t.deadline.text for t in owners_record.tasks] == ["2025年底前", "2026年6月底前", "持续推进", "2027年底前"]


def test_table_only_task_units_carry_their_row():
    r = parse_file(FIX / "mixed.txt")
    task4 = r.tasks[-1]
    assert [(u.raw, u.source, u.table_line, u.table_lead) for u in task4.units] == [
        ("区人社局", "table", 57, True), ("区教育局", "table", 57, False),
    ]


def test_owner_sources_in_the_graph_and_the_check(fresh_store, owners_record):
    store = fresh_store
    assert store.load_records([owners_record, parse_file(FIX / "mixed.txt")]).ok
    rows = run_query(store, "task_owner_sources", {"plan": owners_record.plan.id}).rows
    assert [(r["number"], r["raw"], r["source"], r["lead"], r["table_lead"], r["table_line"]) for r in rows] == [
        (1, "区经信局", "both", True, True, 38), (1, "区财政局", "both", False, False, 38),
        (2, "区经信局", "both", True, True, 45), (2, "区科技局", "both", False, False, 45),
        (2, "区财政局", "clause", False, None, None),
        (3, "区自然资源局", "both", True, False, 52), (3, "区发改委", "both", False, True, 52),
        (4, "区人社局", "both", True, True, 59), (4, "区教育局", "both", False, False, 59),
        (4, "区财政局", "table", False, False, 59),
    ]

    findings = run_checks(store, checks=["clause_table_owners"])
    mine = [f for f in findings if f.plan_id == owners_record.plan.id]
    assert all(f.check == "clause_table_owners" and f.severity == "warning" for f in findings)
    assert [f.message for f in mine] == [
        "任务2（第15行）与重点任务分工表（第45行）责任单位不一致：条款牵头区经信局，分工表牵头区经信局；"
        "仅条款列出区财政局，仅分工表列出无。",
        "任务3（第19行）与重点任务分工表（第52行）责任单位不一致：条款牵头区自然资源局，分工表牵头区发改委；"
        "仅条款列出无，仅分工表列出无。",
        "任务4（第21行）与重点任务分工表（第59行）责任单位不一致：条款牵头区人社局，分工表牵头区人社局；"
        "仅条款列出无，仅分工表列出区财政局。",
    ]
    assert [[(e.place, e.line, e.text) for e in f.evidence] for f in mine] == [
        [("任务2", 15, "条款：（牵头单位：区经信局；配合单位：区科技局、区财政局）；牵头区经信局；仅条款列出区财政局"),
         ("重点任务分工表", 45, "分工表：区经信局、区科技局；牵头区经信局；仅分工表列出无")],
        [("任务3", 19, "条款：（责任单位：区自然资源局、区发改委）；牵头区自然资源局；仅条款列出无"),
         ("重点任务分工表", 52, "分工表：区自然资源局、区发改委；牵头区发改委；仅分工表列出无")],
        [("任务4", 21, "条款：（区人社局牵头，区教育局配合）；牵头区人社局；仅条款列出无"),
         ("重点任务分工表", 59, "分工表：区人社局、区教育局、区财政局；牵头区人社局；仅分工表列出区财政局")],
    ]
    assert mine[1].message_en == (
        "Task 3 (line 19) and its task-table row (line 52) disagree on owners: clause leads 区自然资源局, "
        "table leads 区发改委; clause only none, table only none."
    )
    # mixed.txt: task 3's table row names 区发改委 as lead where the clause has 区财政局;
    # its table-only task 4 and its agreeing tasks 1 and 2 are no finding
    other = [f for f in findings if f.plan_id != owners_record.plan.id]
    assert [(f.evidence[0].line, f.evidence[1].line) for f in other] == [(19, 50)]
    assert "仅分工表列出区发改委" in other[0].message


def test_no_owner_disagreement_in_the_seeds(store):
    assert run_query(store, "task_owner_sources", {}).rows == []
    assert run_checks(store, checks=["clause_table_owners"]) == []
