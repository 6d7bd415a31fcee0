"""Target forms of DOMAIN.md "Targets", read from seed sentences and composed ones."""

import pytest

from plankg.loaders.targets import extract_targets, normalise_value


def one(text, **kw):
    (t,) = extract_targets(text, **kw)
    return t


def cells(targets):
    return [(t.indicator, t.value, t.value_max, t.unit, t.comparator, t.scope) for t in targets]


@pytest.mark.parametrize(
    "text, value, unit, comparator",
    [
        ("招引亿元及以上项目不少于110个", 110, "个", ">="),
        ("实施增资扩产项目60个以上", 60, "个", ">="),
        ("农业生产信息化率超60%", 60, "%", ">="),
        ("经营管理数字化普及率超过85%", 85, "%", ">="),
        ("力争限上贸易企业突破600家", 600, "家", ">="),
        ("承担省关键核心技术“补短板”攻关项目比例不低于10%", 10, "%", ">="),
        ("规上工业亩均产出达520万元", 520, "万元", "="),
        ("到2028年产业规模达到830亿元", 830, "亿元", "="),
        ("全市高新技术产业产值占规模以上工业产值的比重提升至56%", 56, "%", "="),
        ("工业投资占固定资产投资比重保持在41%左右", 41, "%", "~"),
        ("形成两业融合标杆引领典型 3 个左右", 3, "个", "~"),
        ("各开发区围绕不超过3个主导产业，亩均能耗控制在0.5吨标准煤以下", 0.5, "吨标准煤", "<="),
        ("年节能能力5万吨标准煤以上", 5, "万吨标准煤", ">="),
        ("2026年整车产销超50万辆", 50, "万辆", ">="),
        ("高校毕业生不少于5万人", 5, "万人", ">="),
        ("全市 IPv6 活跃用户数达到 373 万", 373, "万", "="),
        ("企业两化融合发展水平达到65", 65, None, "="),
        ("年均实施产学研合作项目超百项", 100, "项", ">="),
        ("发布农业科技成果600余项", 600, "项", ">="),
        ("开展30场以上产品路演活动", 30, "场", ">="),
        ("推广应用工业机器人 1000 台以上", 1000, "台", ">="),
        ("引进外资5亿美元", 5, "亿美元", "="),
        ("盘活存量建设用地1200亩", 1200, "亩", "="),
    ],
)
def test_comparators_units_and_values(text, value, unit, comparator):
    t = one(text)
    assert (t.value, t.unit, t.comparator) == (value, unit, comparator)


def test_goal_sentence_of_000():
    text = "——产业规模不断壮大。规上工业总产值力争突破1550亿元，年均增长7.7%；规上工业亩均产出达520万元，新增规上工业企业160家、规上服务业企业100家。"
    assert cells(extract_targets(text, line=8)) == [
        ("规上工业总产值", 1550, None, "亿元", ">=", "level"),
        ("规上工业总产值", 7.7, None, "%", "=", "growth_rate"),  # 年均增长 restates the clause before
        ("规上工业亩均产出", 520, None, "万元", "=", "level"),
        ("新增规上工业企业", 160, None, "家", "=", "new"),
        ("新增规上服务业企业", 100, None, "家", "=", "new"),  # 新增 carries over the 、 list
    ]
    assert {t.line for t in extract_targets(text, line=8)} == {8}


def test_scopes():
    assert one("每年招引亿元及以上项目110个以上").scope == "annual"
    assert one("高新技术企业累计670家").scope == "cumulative"
    assert one("净增300户规模以上工业企业").scope == "new"
    assert one("全市规上工业增加值增长6.5%左右").scope == "growth_rate"
    assert one("规上工业总产值达3万亿元").scope == "level"
    # 每年 at the head of a sentence governs its later clauses, until 到2025年
    ts = extract_targets("每年组织招商活动不少于16场，招引亿元及以上项目不少于110个，其中高能级项目不少于12个。")
    assert [t.scope for t in ts] == ["annual"] * 3
    ts = extract_targets("每年新增境内外上市企业3户左右，到2025年，全市境内外上市企业数量达到20户以上。")
    assert [t.scope for t in ts] == ["annual", "level"]


def test_years():
    ts = extract_targets("力争2026年园区规模突破1000亿元、2028年突破1100亿元，累计引进亿元以上项目120个。")
    assert [(t.indicator, t.value, t.year) for t in ts] == [
        ("园区规模", 1000, 2026), ("园区规模", 1100, 2028), ("引进亿元以上项目", 120, 2028)]
    assert one("全市规上工业增加值增长6.5%左右").year is None
    # an annual plan's 年内 / 全年 is its year
    assert one("年内建设市级及以上零碳园区12家", period=(2026, 2026)).year == 2026
    assert one("年内建设市级及以上零碳园区12家", period=(2026, 2028)).year is None


def test_fenbie_list_is_one_target_each():
    text = "新签约、新开工、新竣工、新达产亿元以上工业项目分别不少于1000个、630个、390个、230个"
    assert cells(extract_targets(text)) == [
        ("新签约亿元以上工业项目", 1000, None, "个", ">=", "new"),
        ("新开工亿元以上工业项目", 630, None, "个", ">=", "new"),
        ("新竣工亿元以上工业项目", 390, None, "个", ">=", "new"),
        ("新达产亿元以上工业项目", 230, None, "个", ">=", "new"),
    ]
    ts = extract_targets("氮氧化物、挥发性有机物、化学需氧量、氨氮等主要污染物重点工程减排量分别达到 2548 吨、5351 吨、13939 吨、659 吨")
    assert [(t.indicator, t.value, t.unit) for t in ts] == [
        ("氮氧化物", 2548, "吨"), ("挥发性有机物", 5351, "吨"), ("化学需氧量", 13939, "吨"), ("氨氮", 659, "吨")]


def test_he_pair_and_shared_suffix():
    ts = extract_targets("国家级专精特新“小巨人”企业、省级专精特新中小企业累计达到30家和250家")
    assert cells(ts) == [
        ("国家级专精特新“小巨人”企业", 30, None, "家", "=", "cumulative"),
        ("省级专精特新中小企业", 250, None, "家", "=", "cumulative"),
    ]
    ts = extract_targets("累计培育国家级制造业单项冠军40家以及国家级、省级专精特新企业720家、4000家以上")
    assert [(t.indicator, t.value, t.comparator) for t in ts] == [
        ("培育国家级制造业单项冠军", 40, "="), ("国家级专精特新企业", 720, ">="), ("省级专精特新企业", 4000, ">=")]


def test_each_gives_every_item_the_value():
    ts = extract_targets("每年新增市级以上服务型制造示范企业（平台）、工业设计中心（研究院）各10个以上")
    assert [(t.indicator, t.value, t.comparator, t.scope) for t in ts] == [
        ("新增市级以上服务型制造示范企业（平台）", 10, ">=", "annual"),
        ("工业设计中心（研究院）", 10, ">=", "annual"),
    ]


def test_ranges():
    assert cells([one("力争到2028年引培有影响力的检验检测机构1—2家")]) == [
        ("引培有影响力的检验检测机构", 1, 2, "家", "=", "level")]
    t = one("培育区域物流龙头企业3-5家")
    assert (t.value, t.value_max, t.unit) == (3, 5, "家")
    t = one("推动每个特色优势产业打造1—2家重点园区")
    assert (t.indicator, t.value, t.value_max) == ("打造重点园区", 1, 2)


def test_wan_yi_kept_as_written_and_normalised_on_request():
    t = one("到2028年，全市规上工业总产值达3万亿元")
    assert (t.indicator, t.value, t.unit, t.year) == ("规上工业总产值", 3, "万亿元", 2028)
    assert normalise_value(t.value, t.unit) == (30000, "亿元")
    assert normalise_value(1.5, "万套") == (15000, "套")
    assert normalise_value(520, "万元") == (520, "万元")
    # a bare magnitude on a money amount is money
    t = one("到2030年，全市工业销售收入突破万亿")
    assert (t.value, t.unit, t.comparator) == (1, "万亿元", ">=")
    t = one("15条重点产业链产值全部超百亿")
    assert (t.value, t.unit) == (100, "亿元")


def test_non_numeric_targets():
    t = one("单位地区生产总值能耗完成省定\n\n目标")
    assert (t.indicator, t.value, t.value_text, t.unit) == ("单位地区生产总值能耗", None, "完成省定目标", None)
    t = one("到2028年，制造业增加值占GDP比重保持在合理区间")
    assert (t.indicator, t.value_text, t.year) == ("制造业增加值占GDP比重", "保持在合理区间", 2028)
    ts = extract_targets("规上工业企业智能车间改造全覆盖、基础级智能工厂达标率50%")
    assert [(t.indicator, t.value, t.unit, t.value_text) for t in ts] == [
        ("规上工业企业智能车间改造", 100, "%", "全覆盖"), ("基础级智能工厂达标率", 50, "%", None)]


def test_counts_before_their_noun():
    ts = extract_targets("围绕新增1个工业用地万亩园区、2个1500亩—2000亩园区、5个500亩左右园区的“一二五”目标")
    assert [(t.indicator, t.value, t.unit, t.scope) for t in ts] == [
        ("新增工业用地万亩园区", 1, "个", "new"),
        ("新增1500亩—2000亩园区", 2, "个", "new"),
        ("新增500亩左右园区", 5, "个", "new"),
    ]
    assert cells([one("创成3个国家级创新载体")]) == [("创成国家级创新载体", 3, None, "个", "=", "level")]
    t = one("组建不少于100人的“驻校技术经理人”队伍")
    assert (t.value, t.unit, t.comparator) == (100, "人", ">=")


@pytest.mark.parametrize(
    "text",
    [
        "加快编制“十五五”规划",
        "按照《关于加快推进新型工业化的实施意见》（盐办字〔2024〕7号）",
        "全面打造“615”产业体系，聚焦6个产业集群和15条重点产业链培育",
        "引导41家市级新型研发机构强化建设运营",
        "深化5G技术在工业领域的融合应用，紧盯6G 技术发展",
        "优化调整400户重点样本企业清单",
        "建立“八个一”工作机制",
        "依托溧安、溧杭、溧渝等离岸孵化器",
        "各地区重点围绕1—2个、开发区围绕不超过3个主导产业做深做透",
        "实施“7113”工程（2026—2028年）",
    ],
)
def test_numbers_that_are_not_targets(text):
    assert extract_targets(text) == []


def test_qualifiers_stay_in_the_indicator():
    ts = extract_targets("其中超50亿元或5亿美元项目不少于12个")
    assert [(t.indicator, t.value, t.unit) for t in ts] == [("超50亿元或5亿美元项目", 12, "个")]
    ts = extract_targets("每年实施1000万元以上的工业企业“增资扩产”项目600个、新增投资700亿元")
    assert [(t.indicator, t.value, t.unit) for t in ts] == [
        ("实施1000万元以上的工业企业“增资扩产”项目", 600, "个"), ("新增投资", 700, "亿元")]


def test_responsibility_clause_is_not_read():
    text = "实施企业技术创新导向计划项目 30 个。（责任单位：市科技局、市工业和信息化局按职责分工负责）"
    assert [(t.value, t.unit) for t in extract_targets(text)] == [(30, "个")]


def test_mixed_punctuation_and_split_lines():
    text = "每年开建符合重点产业方向的固定资产投资亿元以上项目\n\n200个、10亿元以上项目60个、50亿元以上项目10个。(责任单位:市商务局)"
    ts = extract_targets(text)
    assert [(t.value, t.unit, t.scope) for t in ts] == [(200, "个", "annual"), (60, "个", "annual"), (10, "个", "annual")]
    assert ts[0].indicator == "开建符合重点产业方向的固定资产投资亿元以上项目"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("培育营业收入超百亿元企业五家。", [(5.0, "家", "=")]),
        ("净增规上工业企业十五家。", [(15.0, "家", "=")]),
        ("建设五个先进材料产业园。", [(5.0, "个", "=")]),
        ("全年实施亿元以上制造业项目二十个，完成投资80亿元以上。", [(20.0, "个", "="), (80.0, "亿元", ">=")]),
        ("专精特新企业分别达到五十家、三百家。", [(50.0, "家", "="), (300.0, "家", "=")]),
        ("力争全市算力规模达到2000P以上。", [(2000.0, "P", ">=")]),
        # words, not counts: an ordinal-like 三个年, 一批, an article-like 一个 before its noun
        ("以“三个年”活动为抓手，培育一批企业，打造一个中心。", []),
    ],
)
def test_chinese_numeral_counts(text, expected):
    assert [(t.value, t.unit, t.comparator) for t in extract_targets(text)] == expected
