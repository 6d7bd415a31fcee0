"""A second, independent round of unseen-style plans (tests/fixtures/unseen2/*.txt,
composed by another hand in styles the first round did not cover, each with a .toml
of the same format): a 省政府办公厅 实施意见 with thematic parts and （一）…（八） numbered
on, a section-level clause over 三级 numbered tasks, clauses on the next line, county
clause forms, a flattened task table without blank lines, a TSV list with a 牵头领导
column, a development zone's own plan, target forms, and a GB18030 file. Every task,
unit id, lead and basis, and target, exactly (those comparisons run in
test_unseen_plans.py over every round); this file holds this round's own checks."""

from pathlib import Path

import pytest

from plankg.loaders import parse_file

FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures" / "unseen2").glob("*.txt"))


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
