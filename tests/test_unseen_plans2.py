"""A second, independent round of unseen-style plans (tests/fixtures/unseen2/*.txt,
composed by another hand in styles the first round did not cover, each with a .toml
of the same format): a 省政府办公厅 实施意见 with thematic parts and （一）…（八） numbered
on, a section-level clause over 三级 numbered tasks, clauses on the next line, county
clause forms, a flattened task table without blank lines, a TSV list with a 牵头领导
column, a development zone's own plan, target forms, and a GB18030 file. Every task,
unit id, lead and basis, and target, exactly."""

import tomllib
from pathlib import Path

import pytest

from plankg.loaders import parse_file

FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures" / "unseen2").glob("*.txt"))


def _target(t):
    v, m, u, c = t
    return (float(v), None if m == "" else float(m), u, c)


@pytest.fixture(scope="module", params=FIXTURES, ids=lambda p: p.stem)
def plan(request):
    path = request.param
    return parse_file(path), tomllib.loads(path.with_suffix(".toml").read_text("utf-8"))


def test_there_are_enough_fixtures():
    assert len(FIXTURES) >= 8


def test_plan_metadata(plan):
    record, exp = plan
    p, e = record.plan, exp["plan"]
    assert (p.title, p.issuer_id, p.issuer_level, p.kind, p.status) == (
        e["title"], e["issuer_id"], e["issuer_level"], e["kind"], e["status"])
    assert [p.period_start, p.period_end] == (e["period"] or [None, None])


def test_every_task_and_unit(plan):
    record, exp = plan
    got = [
        {
            "number": -1 if t.number is None else t.number,
            "section": t.section or "",
            "part": t.part,
            "title": t.title,
            "units": [[u.raw, u.agency_id, u.lead, u.lead_basis, u.inherited] for u in t.units],
        }
        for t in record.tasks
    ]
    want = [{k: t[k] for k in ("number", "section", "part", "title", "units")} for t in exp["tasks"]]
    assert got == want


def test_task_targets(plan):
    record, exp = plan
    assert len(record.tasks) == len(exp["tasks"])
    for t, e in zip(record.tasks, exp["tasks"]):
        got = sorted((tg.value, tg.value_max, tg.unit, tg.comparator) for tg in t.targets)
        assert got == sorted(_target(x) for x in e["targets"]), t.title


def test_goal_targets(plan):
    record, exp = plan
    got = sorted((tg.value, tg.value_max, tg.unit, tg.comparator) for tg in record.goals)
    assert got == sorted(_target(x) for x in exp["plan"]["goals"])


def test_people_columns_are_not_units():
    """牵头领导 holds titles of people (市委常委、组织部部长): never an agency."""
    record = parse_file(next(p for p in FIXTURES if "tsv" in p.stem))
    raws = {u.raw for t in record.tasks for u in t.units}
    assert not any("市长" in r or "部长" in r for r in raws)


def test_gb18030_file_is_read():
    record = parse_file(next(p for p in FIXTURES if "gbk" in p.stem))
    assert record.source.encoding == "gb18030"
    assert record.tasks[0].units[0].raw == "市经信局"


@pytest.mark.parametrize("title, issuer", [
    ("郑州经济技术开发区推动先进制造业高质量发展三年行动计划（2025—2027年）", "河南省/郑州市/郑州经济技术开发区"),
    ("襄阳高新技术产业开发区2025年工作要点", "湖北省/襄阳市/襄阳高新技术产业开发区"),
    ("宜昌高新区光电产业行动方案", "湖北省/宜昌市/宜昌高新技术产业开发区"),
    ("郑州市经济技术开发区2025年工作要点", "河南省/郑州市/郑州经济技术开发区"),
    ("郑州市推进新型工业化实施方案", "河南省/郑州市"),
])
def test_zone_issuers_hang_from_their_city(title, issuer):
    from plankg.loaders.structure import resolve_issuer
    assert resolve_issuer(title, [], "")[0] == issuer


@pytest.mark.parametrize("issuer, raw, agency_id", [
    ("山东省", "各市人民政府", "山东省:各市（州）人民政府"),
    ("山东省/烟台市", "各市人民政府", "山东省/烟台市:各县（市、区）人民政府"),
    ("河南省/焦作市/温县", "各乡镇人民政府、街道办事处", "河南省/焦作市/温县:各镇街"),
    ("湖北省/宜昌市", "各有关部门、单位", "湖北省/宜昌市:各有关部门"),
    ("河南省/郑州市/郑州经济技术开发区", "规建局", "河南省/郑州市/郑州经济技术开发区:规划建设局"),
    ("河南省/郑州市/郑州经济技术开发区", "郑州市生态环境局经开区分局", "河南省/郑州市/郑州经济技术开发区:生态环境局"),
    ("河南省/郑州市/郑州经济技术开发区", "郑州市生态环境局", "河南省/郑州市:生态环境局"),
])
def test_unit_forms_of_the_second_round(issuer, raw, agency_id):
    from plankg.loaders.agencies import AgencyResolver, jurisdiction
    assert AgencyResolver(jurisdiction(issuer)).resolve(raw).id == agency_id
