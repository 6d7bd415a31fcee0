"""Text quirks of extracted plans: split words, page numbers, mixed punctuation, tabs."""

from plankg.loaders.plan import parse_document
from plankg.loaders.sources import SourceDocument
from plankg.loaders.text import cn_number, normalize_line, paragraphs, unify_punct


def paras(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.text) for p in paragraphs(text.split("\n"))]


def test_word_split_across_blank_line_is_rejoined():
    text = "1. 健全绿色制造体系。推进绿色工厂建设。（责任单位：市工业和\n\n信息化局、市生态环境局按职责分工负责)\n"
    assert paras(text) == [(1, "1. 健全绿色制造体系。推进绿色工厂建设。（责任单位：市工业和信息化局、市生态环境局按职责分工负责)")]


def test_sentence_split_across_blank_line_is_rejoined():
    text = "每年开建亿元以上项目\n\n200个、10亿元以上项目60个。\n2. 下一项。"
    assert paras(text) == [(1, "每年开建亿元以上项目200个、10亿元以上项目60个。"), (4, "2. 下一项。")]


def test_heading_split_over_two_lines():
    text = "武进区关于加快打造“35X”现代化制造业\n\n产业体系三年行动方案（2026-2028年）\n\n为贯彻落实，制定本行动方案。\n一、总体要求\n以习近平新时代中国特色社会主义思想为指导。"
    got = paras(text)
    assert got[0] == (1, "武进区关于加快打造“35X”现代化制造业产业体系三年行动方案（2026-2028年）")
    assert got[2] == (6, "一、总体要求")
    assert got[3][1].startswith("以习近平")


def test_page_numbers_dropped():
    for s in ["— 1 —", "- 12 -", "－3－", "第 2 页", "第2页 共9页"]:
        assert normalize_line(s) == ""
    assert normalize_line("1338") == "1338"
    assert paras("第一句没有完\n\n— 2 —\n\n在这里结束。") == [(1, "第一句没有完在这里结束。")]


def test_stray_tabs_and_spaces():
    assert normalize_line("\t宿迁市加快建设长三角先进制造业基地 行动方案（2024-2025年）\t") == "宿迁市加快建设长三角先进制造业基地行动方案（2024-2025年）"
    assert normalize_line("到 2025 年，培育 80 户以上") == "到2025年，培育80户以上"
    assert normalize_line("以 BIM、AI 等技术为支撑") == "以 BIM、AI 等技术为支撑"


def test_mixed_punctuation_is_unified_for_matching():
    assert unify_punct("(责任单位:市商务局)") == "（责任单位：市商务局）"
    assert unify_punct("1,000") == "1,000"


def test_chinese_numerals():
    assert [cn_number(s) for s in ["一", "九", "十", "十二", "二十", "二十三", "x"]] == [1, 9, 10, 12, 20, 23, None]


def test_a_plan_with_every_quirk_parses():
    text = (
        "某某市推进制造业发展行动方案（2026—2028年）\n（征求意见稿）\n\n一、主要目标\n\n到2028年，规上工业总产值达1000亿元。\n"
        "二、重点任务\n（一）做强产业\n1．培育企业。内容(责任单位:市工业和\n\n信息化局、市发展改革委按职责分工负责)\n"
        "\t2、优化环境。内容。（市商务局牵头负责，市财政局配合）\n— 1 —\n"
        "三、保障措施\n（一）强化组织领导。内容。\n\n(责任单位：市工业和信息化局)\n"
    )
    doc = SourceDocument(path="x.txt", sha256="0", encoding="utf-8", format="txt", lines=text.split("\n"))
    r = parse_document(doc)
    assert r.plan.status == "draft" and r.plan.title == "某某市推进制造业发展行动方案（2026—2028年）"
    assert [(t.number, t.part, t.title) for t in r.tasks] == [
        (1, "tasks", "培育企业"), (2, "tasks", "优化环境"), (None, "safeguards", "强化组织领导"),
    ]
    assert [u.raw for u in r.tasks[0].units] == ["市工业和信息化局", "市发展改革委"]
    assert [(u.raw, u.lead, u.lead_basis) for u in r.tasks[1].units] == [
        ("市商务局", True, "explicit"), ("市财政局", False, "none"),
    ]
    assert r.tasks[2].label == "（一）强化组织领导"


def _parse(text: str):
    doc = SourceDocument(path="x.txt", sha256="0", encoding="utf-8", format="txt", lines=text.split("\n"))
    return parse_document(doc)


def test_sections_as_tasks_and_numbers_restarting_per_section():
    r = _parse(
        "苏州市相城区推进数字经济发展实施方案\n一、重点任务\n（一）做强产业\n1.培育企业。内容。\n牵头单位：区工信局\n"
        "配合单位：区科技局、各镇（街道）\n2.优化布局。内容。（区商务局负责）\n（二）做优生态\n"
        "1.建设平台。内容。（区科技局、区财政局<区金融办>、区工信局等）\n"
        "二、保障措施\n（一）加快项目建设。全年推进重大项目30个。（牵头单位：区发改委；配合单位：区财政局）\n"
    )
    assert r.plan.issuer_id == "江苏省/苏州市/相城区"
    assert [(t.number, t.section, t.title) for t in r.tasks] == [
        (1, "做强产业", "培育企业"), (2, "做强产业", "优化布局"), (1, "做优生态", "建设平台"),
        (None, "加快项目建设", "加快项目建设"),
    ]
    assert len({t.id for t in r.tasks}) == 4  # a task is its place, not its number
    assert [(u.raw, u.lead) for u in r.tasks[0].units] == [("区工信局", True), ("区科技局", False), ("各镇（街道）", False)]
    assert [u.raw for u in r.tasks[2].units] == ["区科技局", "区财政局<区金融办>", "区工信局"]


def test_tasks_written_as_sections_without_arabic_numbers():
    r = _parse(
        "某区2026年工作要点\n一、重点任务\n（一）加快项目建设。全年推进重大项目30个。（牵头单位：区发改委；配合单位：区财政局）\n"
        "（二）优化营商环境。持续深化改革。（区经委牵头，区财政局、区人社局配合）\n"
    )
    assert [(t.number, t.label, t.title) for t in r.tasks] == [(1, "（一）", "加快项目建设"), (2, "（二）", "优化营商环境")]
    assert [(u.raw, u.lead, u.lead_basis) for u in r.tasks[1].units] == [
        ("区经委", True, "explicit"), ("区财政局", False, "none"), ("区人社局", False, "none"),
    ]
