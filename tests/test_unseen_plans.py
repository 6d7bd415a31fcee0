"""Plans in the styles of other provinces and cities, composed for the purpose in three
independent rounds (tests/fixtures/unseen*/*.txt, each with a hand-written .toml beside
it): every task, its units with ids, lead and basis, and its targets and goals,
exactly. They guard the general rules (clause forms, collectives, 厅/委 abbreviations,
the national gazetteer, task and indicator tables, extraction noise) that the Jiangsu
seeds alone do not exercise. bench/parser_accuracy.py prints the same comparison as
figures; round-specific checks live in test_unseen_plans2.py and test_unseen_plans3.py."""

import tomllib
from pathlib import Path

import pytest

from plankg.loaders import parse_file
from plankg.loaders.structure import resolve_issuer

ROUNDS = ("unseen", "unseen2", "unseen3", "unseen4", "unseen5")
HERE = Path(__file__).resolve().parent
FIXTURES = [p for r in ROUNDS for p in sorted((HERE / "fixtures" / r).glob("*.txt"))]


@pytest.fixture(scope="module", params=FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def plan(request):
    path = request.param
    return parse_file(path), tomllib.loads(path.with_suffix(".toml").read_text("utf-8"))


@pytest.mark.parametrize("round_", ROUNDS)
def test_there_are_enough_fixtures(round_):
    assert len(list((HERE / "fixtures" / round_).glob("*.txt"))) >= 8


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


def _target(t):
    # compared as sorted lists keyed by repr: a None value_max beside a float must not
    # break the sort when two targets share a value
    v, m, u, c = t
    return (float(v), None if m == "" else float(m), u, c)


def test_task_targets(plan):
    record, exp = plan
    assert len(record.tasks) == len(exp["tasks"])
    for t, e in zip(record.tasks, exp["tasks"]):
        got = sorted(((tg.value, tg.value_max, tg.unit, tg.comparator) for tg in t.targets), key=repr)
        assert got == sorted((_target(x) for x in e["targets"]), key=repr), t.title


def test_goal_targets(plan):
    record, exp = plan
    got = sorted(((tg.value, tg.value_max, tg.unit, tg.comparator) for tg in record.goals), key=repr)
    assert got == sorted((_target(x) for x in exp["plan"]["goals"]), key=repr)


def test_same_body_same_id_across_plans():
    """A body's id depends on what it is, never on the plan it is read in: every raw
    spelling that the expectations give one id gets that one id, across fixtures."""
    seen: dict[str, set[str]] = {}
    for path in sorted((HERE / "fixtures" / "unseen").glob("*.txt")):
        record = parse_file(path)
        for t in record.tasks:
            for u in t.units:
                seen.setdefault(u.agency_id, set()).add(u.raw)
    assert {"市经信局", "市经济和信息化局"} <= seen["四川省/成都市:经济和信息化局"]
    assert {"区财政局<区金融办>", "区财政局"} <= seen["上海市/闵行区:财政局"]
    # the same kind of body in two places is two bodies
    assert "浙江省/宁波市:经济和信息化局" in seen and "安徽省/合肥市:经济和信息化局" in seen


def test_ambiguous_issuer_is_settled_by_context_or_left_open():
    title = "鼓楼区促进数字经济发展三年行动计划（2025—2027年）"
    assert resolve_issuer(title, ["福州市鼓楼区人民政府办公室"], "") == ("福建省/福州市/鼓楼区", None)
    assert resolve_issuer(title, [], "立足福州市省会核心区定位，福州……") == ("福建省/福州市/鼓楼区", None)
    issuer, warning = resolve_issuer(title, [], "全区上下共同努力。")
    assert issuer == "鼓楼区" and "ambiguous" in warning and "江苏省/南京市/鼓楼区" in warning


def test_ambiguous_issuer_warning_reaches_the_record(tmp_path):
    f = tmp_path / "gulou.txt"
    f.write_text("鼓楼区促进数字经济发展三年行动计划（2025—2027年）\n\n一、重点任务\n\n"
                 "1.培育数字企业。每年新增数字经济企业10家。（责任单位：区工信局、区发改委）\n", "utf-8")
    record = parse_file(f)
    assert record.plan.issuer == "鼓楼区" and record.plan.parent_jurisdiction is None
    assert any("ambiguous" in w for w in record.warnings)


@pytest.mark.parametrize("title, issuer", [
    ("杭州市余杭区推动制造业高质量发展实施方案", "浙江省/杭州市/余杭区"),
    ("浦东新区促进生物医药产业发展行动方案", "上海市/浦东新区"),
    ("上海市促进智能终端产业高质量发展行动方案", "上海市"),
    ("广东省推动新型储能产业高质量发展的指导意见", "广东省"),
    ("宁海县2025年工业经济工作要点", "浙江省/宁波市/宁海县"),
    ("嘉兴市桐乡市乌镇2025年工作要点", "浙江省/嘉兴市/桐乡市/乌镇"),
    ("苏州市吴江区盛泽镇纺织产业提升行动方案", "江苏省/苏州市/吴江区/盛泽镇"),
    ("阿拉善左旗2025年工作要点", "内蒙古自治区/阿拉善盟/阿拉善左旗"),
    ("仙桃市推进新型工业化实施方案", "湖北省/仙桃市"),
    ("福建省福州市鼓楼区数字经济行动计划", "福建省/福州市/鼓楼区"),
    ("中共宁波市委 宁波市人民政府关于推进新型工业化的实施意见", "浙江省/宁波市"),
    ("延边州数字经济发展三年行动方案", "吉林省/延边朝鲜族自治州"),
    ("湘西自治州工业经济工作要点", "湖南省/湘西土家族苗族自治州"),
    ("新疆推进新型工业化实施方案", "新疆维吾尔自治区"),
    ("武汉东湖新技术开发区光电子产业行动方案", "湖北省/武汉市/东湖新技术开发区"),
    ("全市工业经济工作要点", None),
])
def test_issuer_from_titles(title, issuer):
    assert resolve_issuer(title, [], "")[0] == issuer


@pytest.mark.parametrize("issuer, raw, agency_id", [
    ("上海市/闵行区", "区经委", "上海市/闵行区:经济委员会"),
    ("上海市/闵行区", "闵行区经济委员会", "上海市/闵行区:经济委员会"),
    ("上海市/闵行区", "市经信委", "上海市:经济和信息化委员会"),
    ("上海市/闵行区", "区科委", "上海市/闵行区:科学技术委员会"),
    ("上海市/闵行区", "区商务委员会", "上海市/闵行区:商务委员会"),
    ("重庆市/永川区", "市经济信息委", "重庆市:经济和信息化委员会"),
    ("浙江省/宁波市", "市经济和信息化局", "浙江省/宁波市:经济和信息化局"),
    ("浙江省/宁波市", "宁波市经信局", "浙江省/宁波市:经济和信息化局"),
    ("浙江省/宁波市", "省经信厅", "浙江省:经济和信息化厅"),
    ("湖南省", "省工信厅", "湖南省:工业和信息化厅"),
    ("湖南省", "湖南省工业和信息化厅", "湖南省:工业和信息化厅"),
    ("湖南省", "省发改委", "湖南省:发展和改革委员会"),
    ("湖南省", "省人力资源社会保障厅", "湖南省:人力资源和社会保障厅"),
    ("湖南省", "省政府办公厅", "湖南省:人民政府办公厅"),
    ("湖南省", "各市州人民政府", "湖南省:各市（州）人民政府"),
    ("湖南省", "各市（州）人民政府", "湖南省:各市（州）人民政府"),
    ("广东省", "各地级以上市人民政府", "广东省:各市（州）人民政府"),
    ("湖南省", "省直有关部门", "湖南省:各有关部门"),
    ("广东省/江门市", "市发展改革局", "广东省/江门市:发展和改革局"),
    ("广东省/江门市", "各区、县级市人民政府", "广东省/江门市:各县（市、区）人民政府"),
    ("山东省/青岛市", "各区（市）政府", "山东省/青岛市:各县（市、区）人民政府"),
    ("四川省/成都市", "各区（市）县政府", "四川省/成都市:各县（市、区）人民政府"),
    ("浙江省/宁波市", "各区县（市）人民政府", "浙江省/宁波市:各县（市、区）人民政府"),
    ("北京市/朝阳区", "各街乡", "北京市/朝阳区:各镇街"),
    ("广东省/深圳市/龙岗区", "各街道办事处", "广东省/深圳市/龙岗区:各镇街"),
    ("浙江省/湖州市/长兴县", "各乡镇（街道）", "浙江省/湖州市/长兴县:各镇街"),
    ("浙江省/湖州市/长兴县", "县科工信局", "浙江省/湖州市/长兴县:科学技术和工业信息化局"),
    ("浙江省/湖州市/长兴县", "湖州市生态环境局长兴分局", "浙江省/湖州市/长兴县:生态环境局"),
    ("福建省/福州市/鼓楼区", "鼓楼区发改局", "福建省/福州市/鼓楼区:发展和改革局"),
    ("福建省/福州市/鼓楼区", "福州市鼓楼区工信局", "福建省/福州市/鼓楼区:工业和信息化局"),
    ("天津市/滨海新区", "各功能区管委会", "天津市/滨海新区:各开发区"),
    ("天津市/滨海新区", "市级各有关部门", "天津市:各有关部门"),
    # central bodies: prefix form and full name are one body
    ("浙江省/宁波市", "市税务局", "浙江省/宁波市:国家税务总局宁波市税务局"),
    ("浙江省/宁波市", "国家税务总局宁波市税务局", "浙江省/宁波市:国家税务总局宁波市税务局"),
    ("浙江省/宁波市/鄞州区", "区税务局", "浙江省/宁波市/鄞州区:国家税务总局宁波市鄞州区税务局"),
    ("浙江省/宁波市", "国家税务总局宁波市鄞州区税务局", "浙江省/宁波市/鄞州区:国家税务总局宁波市鄞州区税务局"),
    ("浙江省/宁波市", "中国人民银行宁波市分行", "浙江省/宁波市:人民银行宁波市分行"),
])
def test_unit_forms_of_other_regions(issuer, raw, agency_id):
    from plankg.loaders.agencies import AgencyResolver, jurisdiction
    assert AgencyResolver(jurisdiction(issuer)).resolve(raw).id == agency_id


@pytest.mark.parametrize("clause, want", [
    ("（责任单位：市经信局（牵头）、市科技局）", [("市经信局", True, "explicit"), ("市科技局", False, "none")]),
    ("（责任单位：市经信局、市科技局〔牵头〕）", [("市经信局", False, "none"), ("市科技局", True, "explicit")]),
    ("（责任单位：市经信局、市科技局，列第一位的为牵头单位）",
     [("市经信局", True, "explicit"), ("市科技局", False, "none")]),
    ("（责任单位：市经信局、市科技局；完成时限：2025年底）",
     [("市经信局", True, "first_listed"), ("市科技局", False, "none")]),
    ("（牵头单位：市经信局、市发改委；参与单位：各区、县（市）政府）",
     [("市经信局", True, "explicit"), ("市发改委", True, "explicit"), ("各区、县（市）政府", False, "none")]),
    ("（省自然资源厅、省发展改革委等）", [("省自然资源厅", True, "first_listed"), ("省发展改革委", False, "none")]),
])
def test_clause_forms_of_other_regions(clause, want):
    from plankg.loaders.agencies import AgencyResolver, jurisdiction
    from plankg.loaders.clauses import find_clause, parse_clause
    from plankg.loaders.plan import units_for

    assert find_clause("推进重点工作。" + clause) is not None
    refs = units_for(parse_clause(clause), AgencyResolver(jurisdiction("湖北省/武汉市")))
    assert [(u.raw, u.lead, u.lead_basis) for u in refs] == want
