"""Every clause form of DOMAIN.md, seen and composed, read into units and roles."""

import pytest

from plankg.loaders.agencies import AgencyResolver, jurisdiction
from plankg.loaders.clauses import find_abbreviations, find_clause, parse_clause, split_alias
from plankg.loaders.plan import units_for


def roles(clause: str) -> list[tuple[str, str]]:
    return [(u.raw, u.role) for u in parse_clause(clause).units]


def leads(clause: str, issuer="溧水区") -> list[tuple[str, bool, str]]:
    refs = units_for(parse_clause(clause), AgencyResolver(jurisdiction(issuer)))
    return [(u.raw, u.lead, u.lead_basis) for u in refs]


def test_responsible_list_with_groups():
    c = "（责任单位：区规资分局、区工信局、区城建局、区农业农村局，开发区、农高区、各镇街）"
    assert [r for r, _ in roles(c)] == ["区规资分局", "区工信局", "区城建局", "区农业农村局", "开发区", "农高区", "各镇街"]
    assert leads(c)[0] == ("区规资分局", True, "first_listed")
    assert all(not lead and basis == "none" for _, lead, basis in leads(c)[1:])


@pytest.mark.parametrize("clause,raws", [
    ("（责任单位：工信局）", ["工信局"]),
    ("（责任单位：政府办（金融））", ["政府办（金融）"]),
    ("(责任单位:市商务局、市发展改革委、市工业和信息化局按职责分工负责)", ["市商务局", "市发展改革委", "市工业和信息化局"]),
    ("（责任部门：区发展改革委、区商务委）", ["区发展改革委", "区商务委"]),
    ("（市工信局、市发改委、市科技局等按职责分工负责）", ["市工信局", "市发改委", "市科技局"]),
    ("（责任单位：区工信局、区科技局等）", ["区工信局", "区科技局"]),
    ("（市工信局、市统计局职责分工负责）", ["市工信局", "市统计局"]),
    ("（责任单位：区发改委、区商务局；开发区、各镇街）", ["区发改委", "区商务局", "开发区", "各镇街"]),
])
def test_unit_lists(clause, raws):
    assert [r for r, _ in roles(clause)] == raws


def test_explicit_lead_and_joint():
    c = "（市工信局牵头负责，各县（市、区）人民政府，盐城经济技术开发区、盐南高新区管委会按职责分工负责。以下均需各地落实，不再列出）"
    parsed = parse_clause(c)
    assert [(u.raw, u.role) for u in parsed.units] == [
        ("市工信局", "lead"), ("各县（市、区）人民政府", "joint"),
        ("盐城经济技术开发区", "joint"), ("盐南高新区管委会", "joint"),
    ]
    assert parsed.inherit_local and not parsed.inherit
    assert leads(c, "盐城市")[0] == ("市工信局", True, "explicit")
    assert leads(c, "盐城市")[1] == ("各县（市、区）人民政府", False, "none")


def test_inheritance_naming_units():
    c = "〔市工业和信息化局、市发展改革委、市科技局，各市（县）区人民政府按职责分工负责；以下均需各市（县）区人民政府负责，不再列出〕"
    parsed = parse_clause(c)
    assert [u.raw for u in parsed.units] == ["市工业和信息化局", "市发展改革委", "市科技局", "各市（县）区人民政府"]
    assert parsed.inherit == ["各市（县）区人民政府"]
    assert not parsed.explicit_lead


def test_groups_without_lead_mark_first_listed():
    c = "（市工业和信息化局，市委金融办，市发展改革委、市财政局、市商务局按职责分工负责）"
    assert leads(c, "无锡市") == [
        ("市工业和信息化局", True, "first_listed"), ("市委金融办", False, "none"),
        ("市发展改革委", False, "none"), ("市财政局", False, "none"),
        ("市商务局", False, "none"),
    ]


@pytest.mark.parametrize("clause,expected", [
    ("（牵头单位：区商务委；配合单位：区财政局、区市场监管局）",
     [("区商务委", "lead"), ("区财政局", "support"), ("区市场监管局", "support")]),
    ("(牵头单位：区科委，责任单位：区经委、各街镇)",
     [("区科委", "lead"), ("区经委", "responsible"), ("各街镇", "responsible")]),
    ("（区经委牵头，区财政局、区人社局配合）",
     [("区经委", "lead"), ("区财政局", "support"), ("区人社局", "support")]),
    ("（牵头单位：区发改委、区工信局；配合单位：各街镇）",
     [("区发改委", "lead"), ("区工信局", "lead"), ("各街镇", "support")]),
    ("（市工业和信息化局负责）", [("市工业和信息化局", "responsible")]),
])
def test_composed_forms(clause, expected):
    assert roles(clause) == expected


def test_several_explicit_leads():
    got = leads("（牵头单位：区发改委、区工信局；配合单位：各街镇）")
    assert got == [("区发改委", True, "explicit"), ("区工信局", True, "explicit"), ("各街镇", False, "none")]


def test_collectives_are_not_split_at_inner_comma():
    assert [r for r, _ in roles("（责任单位：市发改委，各区、县级市人民政府）")] == ["市发改委", "各区、县级市人民政府"]
    assert [r for r, _ in roles("（责任单位：各县（市、区））")] == ["各县（市、区）"]


def test_hosted_office_is_one_unit_with_two_names():
    assert split_alias("区财政局<区金融办>") == ("区财政局", "区金融办")
    assert split_alias("区财政局（区金融办）") == ("区财政局", "区金融办")
    assert split_alias("政府办（金融）") == ("政府办（金融）", None)
    assert split_alias("各县（市、区）人民政府") == ("各县（市、区）人民政府", None)
    assert [r for r, _ in roles("（责任单位：区财政局<区金融办>、区工信局）")] == ["区财政局<区金融办>", "区工信局"]
    r = AgencyResolver(jurisdiction("溧水区"))
    assert r.resolve("区财政局<区金融办>").id == r.resolve("区财政局").id


def test_find_clause_at_end_of_task():
    text = "培优产业集群。推动智电汽车车辆智能化，扩大产业领先优势。（责任单位：工信局）"
    s, e = find_clause(text)
    assert text[s:e] == "（责任单位：工信局）"
    assert find_clause("做强空港保税物流中心（B型）功能。") is None
    assert find_clause("培育（近）零碳园区（近零碳）") is None
    nested = "完成任务。（市工信局牵头负责，各县（市、区）人民政府按职责分工负责）。"
    s, e = find_clause(nested)
    assert nested[s:e].startswith("（市工信局") and nested[s:e].endswith("负责）")


def test_abbreviation_defined_in_text():
    text = "协同京津冀创新合作中心、长三角创新合作中心、西三角经济区创新合作中心（以下简称四大创新合作中心），瞄准龙头企业。由南京市溧水区工业和信息化局（以下简称“区工信办”）负责。"
    abbr = find_abbreviations(text)
    assert abbr["四大创新合作中心"].endswith("西三角经济区创新合作中心")
    r = AgencyResolver(jurisdiction("溧水区"), abbr)
    assert r.resolve("区工信办").id == "江苏省/南京市/溧水区:工业和信息化局"
    assert r.resolve("四大创新合作中心").kind == "institute"
