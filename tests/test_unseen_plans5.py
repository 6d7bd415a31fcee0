"""Round 5 of unseen-style plans (tests/fixtures/unseen5): the checks that the exact
task/unit/target/goal comparison in test_unseen_plans.py does not make by itself.

- `A会同B、C负责`: A is the explicit lead (会同 = "together with", the one named first
  leads), B and C support; `由A牵头，B参与` and `A为牵头单位，B配合` likewise.
- `主办单位：` marks the lead; `承办单位` / `协办单位` are not leads.
- A `责任单位：…` line placed right under a task's heading line, before its body, is
  the clause; the body after it still carries the task's targets.
- A cover letter (`XX市人民政府办公室 / 关于印发《…》的通知 / addressees / office /
  二〇二五年三月十日`) before the title: the title is the plan's, the date in Chinese
  numerals is the issue date, the office line the issuing office.
- Grid and telecom branches are state enterprises; customs, tax and 银保监 bodies are
  vertically managed; universities are institutes; 团市委, 市委编办, 纪委监委 party organs.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from plankg.loaders import parse_file

U5 = Path(__file__).resolve().parent / "fixtures" / "unseen5"


def _plan(stem: str):
    path = next(U5.glob(f"{stem}*.txt"))
    return parse_file(path)


def _roles(task):
    return [(u.raw, u.lead, u.lead_basis) for u in task.units]


def test_huitong_and_you_and_wei_qiantou_mark_an_explicit_lead():
    t = _plan("02_").tasks
    assert _roles(t[0]) == [("市工信局", True, "explicit"), ("市发改委", False, "none"), ("市科技局", False, "none")]
    assert _roles(t[1])[0] == ("高新区管委会", True, "explicit")
    assert _roles(t[2])[0] == ("市金融办", True, "explicit")
    t6 = _plan("06_").tasks
    assert _roles(t6[2]) == [("市经信局", True, "explicit"), ("市生态环境局", False, "none")]


def test_host_unit_leads_an_event():
    t = _plan("05_").tasks[0]
    assert [u.raw for u in t.units if u.lead] == ["区经济促进局"]
    assert t.units[0].lead_basis == "explicit"


def test_clause_line_before_the_body():
    tasks = _plan("04_").tasks
    assert tasks[0].title == "发展工业机器人"
    assert [u.raw for u in tasks[0].units] == ["市经信局", "市科技局"]
    assert "工业机器人年产量达到3万台" in tasks[0].text
    assert [(tg.value, tg.unit) for tg in tasks[0].targets] == [(3.0, "万台"), (3.0, "个百分点")]
    assert [u.raw for u in tasks[-1].units] == ["团市委", "市总工会", "市工商联", "市科协"]


def test_cover_letter_and_chinese_numeral_date():
    p = _plan("03_").plan
    assert p.title == "绵阳市电子信息产业提质增效三年行动计划（2025—2027年）"
    assert p.issue_date == "2025-03-10"
    assert p.issuing_office == "绵阳市人民政府办公室"
    assert p.status == "issued"


def test_trial_is_issued_and_review_draft_is_draft():
    assert _plan("02_").plan.status == "issued"  # （试行）: in force on trial
    assert _plan("04_").plan.status == "draft"  # （送审稿）


def test_kinds_of_other_bodies():
    kinds = {u.raw: u.kind for n in ("01_", "02_", "04_", "05_", "07_", "08_") for t in _plan(n).tasks for u in t.units}
    assert kinds["国网株洲供电公司"] == "state_enterprise"
    assert kinds["中国电信株洲分公司"] == "state_enterprise"
    assert kinds["顺德供电局"] == "state_enterprise"
    assert kinds["中国银行南康支行"] == "state_enterprise"
    assert kinds["株洲海关"] == "central_vertical"
    assert kinds["国家税务总局株洲市税务局"] == "central_vertical"
    assert kinds["国家金融监督管理总局宝鸡监管分局"] == "central_vertical"
    assert kinds["赣州银保监分局南康监管组"] == "central_vertical"
    assert kinds["湖南工业大学"] == "institute"
    assert kinds["团市委"] == "party_organ"
    assert kinds["市委改革办"] == "party_organ" and kinds["市委编办"] == "party_organ"
    assert kinds["区纪委监委"] == "party_organ"


def test_energy_and_mass_units():
    goals = {(g.value, g.unit, g.comparator) for g in _plan("08_").goals}
    assert (1.0, "亿吨", "<=") in goals  # 控制在1亿吨以下
    t = _plan("06_").tasks[0]
    assert sorted((tg.value, tg.unit) for tg in t.targets) == [(6.0, "亿千瓦时"), (60.0, "万千瓦")]
    assert [(tg.value, tg.value_max, tg.unit) for tg in _plan("02_").tasks[2].targets if tg.value_max] == [(1.0, 2.0, "家")]


def test_expectations_exist_for_every_fixture():
    for txt in U5.glob("*.txt"):
        assert tomllib.loads(txt.with_suffix(".toml").read_text("utf-8"))["tasks"]
