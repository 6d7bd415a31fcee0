"""Consistency checks on the seed graph: the true findings with their evidence, and no
alarm on figures that agree. A copy of seed 000 with figures changed shows that each
check fires when the document really disagrees with itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.api.cli import app
from plankg.graph.ladybug_store import LadybugStore
from plankg.loaders import parse_file
from plankg.queries.checks import CHECKS, half_digit, run_checks

SEED_000 = "000_6688412040f1375b.txt"


def _plan_of(records, prefix: str):
    return next(r for r in records if Path(r.source.path).name.startswith(prefix))


@pytest.fixture
def findings(store):
    return run_checks(store)


def test_half_digit():
    assert half_digit(160) == 0.5 and half_digit(7.7) == pytest.approx(0.05) and half_digit(1.5) == pytest.approx(0.05)


def test_wuxi_yearly_projects_fall_short_of_the_cumulative_task(findings, seed_records):
    wuxi = _plan_of(seed_records, "003").plan.id
    hits = [f for f in findings if f.plan_id == wuxi and f.check == "value_mismatch"]
    assert len(hits) == 1
    f = hits[0]
    assert f.severity == "warning"
    # 每年…项目600个 (goals, line 20) × 3 years = 1800, but task 3 (line 28) wants 不少于2000个
    assert [(e.place, e.line, e.value) for e in f.evidence] == [("目标", 20, 600.0), ("任务3", 28, 2000.0)]
    assert "1800" in f.message and "600" in f.evidence[0].text and "2000" in f.evidence[1].text


def test_suqian_outlooks_are_info_not_errors(findings, seed_records):
    suqian = _plan_of(seed_records, "004").plan.id
    mine = [f for f in findings if f.plan_id == suqian]
    assert {f.check for f in mine} == {"target_outside_period"}
    assert {f.severity for f in mine} == {"info"}
    assert sorted((e.line, e.year) for f in mine for e in f.evidence) == [(52, 2030), (52, 2030), (62, 2030)]


def test_lishui_is_consistent(findings, seed_records):
    """160 = 60 + 50 + 50, 100 = 30 + 35 + 35, 5 = 1 + 2 + 2, 1338 → 1441 → 1550 at 7.7 % a
    year, and 工信局 in the table is 区工信局 in the clauses: nothing to report."""
    lishui = _plan_of(seed_records, "000").plan.id
    assert [f.message for f in findings if f.plan_id == lishui] == []


def test_no_errors_and_no_false_owner_alarms_in_the_seeds(findings):
    assert not [f for f in findings if f.severity == "error"]
    assert not [f for f in findings if f.check in ("unassigned_task", "several_explicit_leads", "unit_name_variants",
                                                   "sum_vs_table", "growth_vs_series", "clause_table_owners")]


def test_every_finding_names_its_check(findings):
    assert findings and all(f.check in CHECKS and f.message and f.message_en and f.evidence for f in findings)


def test_one_plan_only(store, seed_records):
    wuxi = _plan_of(seed_records, "003").plan.id
    assert {f.plan_id for f in run_checks(store, wuxi)} == {wuxi}
    assert [f.check for f in run_checks(store, wuxi, ["unassigned_task"])] == []


# --- a copy of 000 made inconsistent --------------------------------------------------

EDITS = [
    # goal: 170 new firms, the table still adds 60 + 50 + 50 = 160
    ("规上工业亩均产出达520万元，新增规上工业企业160家", "规上工业亩均产出达520万元，新增规上工业企业170家"),
    # growth: 1338 → 1550 is 7.6 % a year, not 9.7 %
    ("年均增长7.7%", "年均增长9.7%"),
    # task 8: 8 headquarters, the table adds 1 + 2 + 2 = 5
    ("新增市级以上认定总部企业5家", "新增市级以上认定总部企业8家"),
    # task 1: two explicit leads
    ("（责任单位：区规资分局、区工信局、区城建局、区农业农村局，开发区、农高区、各镇街）",
     "（牵头单位：区规资分局、区工信局；配合单位：区城建局、区农业农村局）"),
    # task 3: the same bureau written in full
    ("（责任单位：区发改委、区工信局、区投促局", "（责任单位：区发改委、区工业和信息化局、区投促局"),
    # task 12: no clause at all
    ("技术合同成交额超20亿元。（责任单位：区科技局，开发区、农高区、高新区、各镇街）", "技术合同成交额超20亿元。"),
]


@pytest.fixture
def broken_000(tmp_path, seed_dir):
    text = (seed_dir / SEED_000).read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / SEED_000
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


@pytest.fixture
def broken_findings(fresh_store, broken_000):
    assert fresh_store.load_records([broken_000]).ok
    return run_checks(fresh_store)


def test_goal_against_the_sum_of_the_table(broken_findings):
    hits = [f for f in broken_findings if f.check == "sum_vs_table"]
    by_line = {f.evidence[0].line: f for f in hits}
    assert set(by_line) == {8, 280}
    goal = by_line[8]
    assert (goal.evidence[0].value, goal.evidence[1].line) == (170.0, 39)
    assert "60+50+50=160" in goal.message
    task = by_line[280]
    assert task.evidence[0].place == "任务8" and (task.evidence[0].value, task.evidence[1].line) == (8.0, 175)
    assert "1+2+2=5" in task.message


def test_growth_against_the_series(broken_findings):
    hits = [f for f in broken_findings if f.check == "growth_vs_series"]
    assert len(hits) == 1 and hits[0].severity == "warning"
    assert [e.line for e in hits[0].evidence] == [8, 31]
    assert "7.6" in hits[0].message  # the series' own rate


def test_owners(broken_findings):
    several = [f for f in broken_findings if f.check == "several_explicit_leads"]
    assert [(f.evidence[0].line, f.evidence[0].place) for f in several] == [(262, "任务1")]
    none = [f for f in broken_findings if f.check == "unassigned_task"]
    assert [(f.evidence[0].line, f.evidence[0].place) for f in none] == [(290, "任务12")]


def test_unit_written_two_ways(broken_findings):
    hits = [f for f in broken_findings if f.check == "unit_name_variants"]
    assert len(hits) == 1
    texts = " ".join(e.text for e in hits[0].evidence)
    assert "区工业和信息化局" in texts and "工信局" in texts
    assert 266 in {e.line for e in hits[0].evidence}


def test_check_cli(tmp_path, seed_records):
    path = tmp_path / "graph.lbdb"
    store = LadybugStore(path)
    assert store.load_records(seed_records).ok
    store.close()
    result = CliRunner().invoke(app, ["check", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {f["check"] for f in out} == {"value_mismatch", "target_outside_period"}
    assert "增资扩产" in result.stdout  # Chinese unescaped
    wuxi = _plan_of(seed_records, "003").plan.id
    result = CliRunner().invoke(app, ["check", "--db", str(path), "--plan", wuxi])
    assert result.exit_code == 0 and "value_mismatch" in result.stdout
    bad = CliRunner().invoke(app, ["check", "--db", str(path), "--plan", "nope"])
    assert bad.exit_code == 2 and "nope" in bad.output
