"""Agency identity: the same body gets the same id in every plan, whatever the
spelling; the same kind of body in another jurisdiction is another body."""

from pathlib import Path

import pytest

from plankg.loaders import parse_file
from plankg.loaders.agencies import AgencyResolver, jurisdiction

LISHUI = jurisdiction("溧水区")
WUXI = jurisdiction("无锡市")


def test_gazetteer_levels_and_parents():
    assert (LISHUI.id, LISHUI.level, LISHUI.parent) == ("江苏省/南京市/溧水区", "district", "江苏省/南京市")
    assert (WUXI.id, WUXI.level, WUXI.parent) == ("江苏省/无锡市", "city", "江苏省")
    assert jurisdiction("江阴市").level == "county"
    pudong = jurisdiction("浦东新区")  # national gazetteer: a 直辖市 district hangs from the 市
    assert (pudong.id, pudong.level, pudong.parent) == ("上海市/浦东新区", "district", "上海市")
    other = jurisdiction("某某新区")  # not in the gazetteer: still works
    assert (other.id, other.level, other.parent) == ("某某新区", "district", None)


@pytest.mark.parametrize("raw", ["工信局", "区工信局", "区工业和信息化局", "溧水区工信局", "南京市溧水区工业和信息化局"])
def test_one_body_many_spellings(raw):
    a = AgencyResolver(LISHUI).resolve(raw)
    assert a.id == "江苏省/南京市/溧水区:工业和信息化局"
    assert a.name == "溧水区工业和信息化局"
    assert a.function == "工业和信息化局"
    assert a.kind == "department"


def test_same_kind_other_jurisdiction_is_other_body():
    wuxi = AgencyResolver(WUXI).resolve("市工信局")
    lishui = AgencyResolver(LISHUI).resolve("工信局")
    assert wuxi.id == "江苏省/无锡市:工业和信息化局" != lishui.id
    assert wuxi.function == lishui.function


def test_city_prefix_in_district_plan_is_the_parent_city():
    a = AgencyResolver(LISHUI).resolve("市工信局")
    assert a.id == "江苏省/南京市:工业和信息化局"
    assert a.jurisdiction == "江苏省/南京市"


@pytest.mark.parametrize("raw,issuer,function", [
    ("发改委", "溧水区", "发展和改革委员会"), ("市发展改革委", "无锡市", "发展和改革委员会"),
    ("发改局", "武进区", "发展和改革局"), ("市人力资源社会保障局", "宿迁市", "人力资源和社会保障局"),
    ("人社局", "武进区", "人力资源和社会保障局"), ("市自然资源规划局", "无锡市", "自然资源和规划局"),
    ("市住房城乡建设局", "无锡市", "住房和城乡建设局"), ("区市场监管局", "溧水区", "市场监督管理局"),
    ("市市场监管局", "盐城市", "市场监督管理局"), ("市场监管局", "溧水区", "市场监督管理局"),
    ("政府办（金融）", "武进区", "人民政府办公室（金融）"), ("政府办(金融)", "武进区", "人民政府办公室（金融）"),
    ("各街镇", "溧水区", "各镇街"), ("各市（县）区人民政府", "无锡市", "各县（市、区）人民政府"),
])
def test_functions_are_canonical(raw, issuer, function):
    assert AgencyResolver(jurisdiction(issuer)).resolve(raw).function == function


@pytest.mark.parametrize("raw,issuer,kind", [
    ("区工信局", "溧水区", "department"), ("政府办（金融）", "武进区", "department"),
    ("市委组织部", "盐城市", "party_organ"), ("市委金融办", "无锡市", "party_organ"), ("人才办", "武进区", "party_organ"),
    ("永阳街道", "溧水区", "lower_government"), ("和凤镇", "溧水区", "lower_government"),
    ("各镇街", "溧水区", "collective"), ("各县（市、区）人民政府", "盐城市", "collective"), ("区各相关部门", "溧水区", "collective"),
    ("开发区", "溧水区", "development_zone"), ("盐南高新区管委会", "盐城市", "development_zone"),
    ("盐城经济技术开发区", "盐城市", "development_zone"),
    ("招商公司", "溧水区", "state_enterprise"), ("溧高投", "溧水区", "state_enterprise"), ("市大数据集团", "盐城市", "state_enterprise"),
    ("市产业创新研究院", "无锡市", "institute"), ("中以常州创新园", "武进区", "institute"),
    ("国家金融监管总局宿迁监管分局", "宿迁市", "central_vertical"), ("人民银行宿迁市分行", "宿迁市", "central_vertical"),
    ("区税务局", "溧水区", "central_vertical"), ("市国资委", "无锡市", "department"),
])
def test_kinds(raw, issuer, kind):
    assert AgencyResolver(jurisdiction(issuer)).resolve(raw).kind == kind


def test_zone_and_its_committee_are_one_body():
    r = AgencyResolver(jurisdiction("盐城市"))
    assert r.resolve("盐南高新区管委会").id == r.resolve("盐南高新区").id
    assert r.resolve("盐城经济技术开发区").id == r.resolve("盐城经开区").id == "江苏省/盐城市:经济技术开发区"


def test_ids_do_not_depend_on_what_is_parsed_together(tmp_path):
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    alone = {u.raw: u.agency_id for t in parse_file(seeds[3]).tasks for u in t.units}
    for s in seeds:
        parse_file(s)
    together = {u.raw: u.agency_id for t in parse_file(seeds[3]).tasks for u in t.units}
    assert alone == together


def test_seed_identity_across_plans():
    """工信局 of 溧水区 written three ways in one plan is one id; 无锡's is another."""
    recs = {p.name[:3]: parse_file(p) for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))}
    ids = {u.agency_id for t in recs["000"].tasks for u in t.units if u.function == "工业和信息化局"}
    assert ids == {"江苏省/南京市/溧水区:工业和信息化局"}
    wx = {u.agency_id for t in recs["003"].tasks for u in t.units if u.function == "工业和信息化局"}
    assert wx == {"江苏省/无锡市:工业和信息化局"}
