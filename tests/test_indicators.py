"""Indicator tables read cell by cell from the real seeds (expectations typed from the seed text)."""

from pathlib import Path

import pytest

from plankg.loaders.indicators import canonical_indicator, find_indicator_tables, parse_unit
from plankg.loaders.sources import read_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# number, category, name, unit, 2026, 2027, 2028, responsible — 000's 目标体系
ROWS_000 = [
    (1, "产业规模", "规上工业总产值", "亿元", 1338, 1441, 1550, "工信局"),
    (2, "产业规模", "新增规上工业企业", "家", 60, 50, 50, "工信局"),
    (3, "产业规模", "新增规上服务业企业", "家", 30, 35, 35, "发改委"),
    (4, "产业规模", "制造业增加值占GDP比重", "%", 41.1, 41.2, 41.3, "工信局"),
    (5, "产业规模", "参与核算的规模服务业营收", "亿元", 120, 135, 150, "发改委"),
    (6, "产业规模", "规上工业亩均产出", "万元", 500, 510, 520, "工信局"),
    (7, "产业规模", "建筑业产值（省内）", "亿元", 257, 272, 288, "城建局"),
    (8, "创新能力", "国家高新技术企业数", "家", 650, 660, 670, "科技局"),
    (9, "创新能力", "累计建设科创平台", "家", 2, 3, 4, "科技局"),
    (10, "创新能力", "规上工业企业智能车间改造覆盖率", "%", 66, 100, 100, "工信局"),
    (11, "创新能力", "累计人工智能融合应用示范场景", "个", 12, 30, 50, "工信局"),
    (12, "发展后劲", "招引亿元及以上项目", "个", 110, 118, 126, "投促局"),
    (13, "发展后劲", "省市重大新开工项目", "个", 30, 32, 35, "发改委"),
    (14, "发展后劲", "建设增资扩产项目", "个", 60, 65, 70, "工信局"),
    (15, "发展后劲", "省市重大项目竣工投产", "个", 15, 15, 15, "发改委"),
    (16, "发展后劲", "工业投资增速", "%", 10, 10, 10, "工信局"),
    (17, "企业质效", "新增产值超百亿元企业", "家", None, None, 1, "工信局"),
    (18, "企业质效", "新增产值超50亿元企业", "家", None, None, 3, "工信局"),
    (19, "企业质效", "新增市级以上认定总部企业", "家", 1, 2, 2, "发改委"),
    (20, "企业质效", "国家级专精特新“小巨人”企业总数", "家", 25, 28, 30, "工信局"),
    (21, "企业质效", "省级专精特新中小企业总数", "家", 210, 230, 250, "工信局"),
    (22, "用地规模", "新增产业用地面积", "亩", 1800, 1800, 1800, "规资分局"),
    (23, "用地规模", "盘活低效用地面积", "亩", 1200, 1200, 1200, "规资分局"),
    (24, "绿色低碳", "单位规上工业增加值能耗年均复合下降率", "%", 2, 2, 2, "工信局"),
    (25, "绿色低碳", "省级以上绿色工厂总数", "家", 28, 32, 35, "工信局"),
    (26, "绿色低碳", "新增零碳（近零碳）工厂", "家", None, None, 1, "工信局"),
    (27, "绿色低碳", "新增国家级零碳试点园区", "个", None, None, 1, "发改委"),
]

# number, name, unit, 2025 target — 004's 指标体系 (no category, no responsible column)
ROWS_004 = [
    (1, "制造业增加值占GDP比重", "%", 39),
    (2, "规模以上工业企业营业收入占全省比重", "%", 3),
    (3, "高新技术产业产值占规模以上工业总产值比重", "%", 40),
    (4, "工业战略性新兴产业产值占规上工业比重", "%", 40),
    (5, "规模以上工业企业研发投入强度", "%", 2),
    (6, "两化融合发展水平", None, 65),
    (7, "数字经济核心产业增加值占GDP比重", "%", 12),
    (8, "单位地区生产总值能耗", None, "完成省定目标"),
    (9, "销售收入超百亿元工业企业数", "户", 9),
    (10, "国家级专精特新小巨人及单项冠军企业数量", None, 50),
    (11, "境内外上市企业数量", None, 20),
]


def _tables(name):
    return find_indicator_tables(read_document(next(SEEDS.glob(f"{name}_*.txt"))).lines)


def test_000_flattened_table_cell_by_cell():
    (table,) = _tables("000")
    # title line through the last row, so the structure parser can skip it whole
    assert (table.start_line, table.end_line) == (20, 255)
    assert table.title == "产业强区实现新跃升目标体系"
    got = [
        (r.number, r.category, r.name, r.unit, r.targets["2026"], r.targets["2027"], r.targets["2028"], r.responsible_text)
        for r in table.rows
    ]
    assert got == ROWS_000
    assert all(list(r.targets) == ["2026", "2027", "2028"] for r in table.rows)
    # rows carry the line of their first cell (the empty category cell for carried rows)
    assert [table.rows[0].line, table.rows[1].line, table.rows[23].line] == [31, 39, 225]


def test_004_tab_separated_table_cell_by_cell():
    (table,) = _tables("004")
    assert (table.start_line, table.end_line) == (37, 50)
    got = [(r.number, r.name, r.unit, r.targets["2025"]) for r in table.rows]
    assert got == ROWS_004
    assert all(r.category is None and r.responsible_text == "" for r in table.rows)


@pytest.mark.parametrize("name", ["001", "002", "003"])
def test_seeds_without_a_table_have_none(name):
    assert _tables(name) == []


def test_pipe_table_with_unit_column_baseline_and_merged_category():
    lines = [
        "主要指标一览表",
        "| 领域 | 序号 | 指标 | 单位 | 2025年基数 | 2027年目标 | 属性 | 牵头单位 |",
        "|---|---|---|---|---|---|---|---|",
        "| 创新 | 1 | R&D投入强度 | % | 2.8 | 3.2 | 预期性 | 区科技局 |",
        "|  | 2 | 高新技术企业 | 家 | 100 | — | 预期性 | 区科技局 |",
        "",
        "二、重点任务",
    ]
    (t,) = find_indicator_tables(lines)
    assert (t.start_line, t.end_line) == (1, 5)
    a, b = t.rows
    assert (a.category, a.number, a.name, a.unit, a.targets, a.baseline) == (
        "创新", 1, "R&D投入强度", "%", {"2027": 3.2}, {"2025": 2.8})
    assert (b.category, b.targets, b.responsible_text, b.extra) == ("创新", {"2027": None}, "区科技局", {"属性": "预期性"})


def test_tab_rows_from_word_tables_with_repeated_header():
    lines = [
        "序号\t指标名称\t2026年\t2027年\t责任单位",
        "1\t规上工业总产值（亿元）\t100\t/\t工信局",
        "序号\t指标名称\t2026年\t2027年\t责任单位",
        "2\t数字经济核心产业增加值占比（%）\t10%\t12%\t发改委、数据局",
    ]
    (t,) = find_indicator_tables(lines)
    assert [(r.number, r.name, r.unit, r.targets) for r in t.rows] == [
        (1, "规上工业总产值", "亿元", {"2026": 100, "2027": None}),
        (2, "数字经济核心产业增加值占比", "%", {"2026": 10, "2027": 12}),
    ]
    assert t.end_line == 4


def test_flattened_table_without_tabs_and_split_header_cell():
    lines = ["指标体系", "序号", "指标名称", "2026年", "", "目标", "责任单位", "", "1", "新增高新技术企业（家）", "50", "科技局", "", "正文。"]
    (t,) = find_indicator_tables(lines)
    assert [(r.number, r.name, r.unit, r.targets, r.responsible_text) for r in t.rows] == [
        (1, "新增高新技术企业", "家", {"2026": 50}, "科技局")
    ]
    assert (t.start_line, t.end_line) == (1, 12)


def test_only_the_last_bracket_holding_a_unit_is_the_unit():
    assert parse_unit("建筑业产值（省内）（亿元）") == ("建筑业产值（省内）", "亿元")
    assert parse_unit("新增零碳（近零碳）工厂") == ("新增零碳（近零碳）工厂", None)
    assert parse_unit("单位工业增加值能耗（吨标准煤/万元）") == ("单位工业增加值能耗", "吨标准煤/万元")
    assert parse_unit("制造业增加值占GDP比重(%)") == ("制造业增加值占GDP比重", "%")


def test_canonical_indicator_merges_variants_across_plans():
    assert canonical_indicator("规模以上工业总产值（亿元）") == canonical_indicator("规上工业总产值") == "规上工业总产值"
    assert canonical_indicator("R&D经费投入强度") == canonical_indicator("研发投入强度") == "研发投入强度"
    assert canonical_indicator("国家高新技术企业数") == "高新技术企业"
    assert canonical_indicator("国家级专精特新“小巨人”企业总数") == "国家级专精特新小巨人企业"
    # both seeds' tables name the same indicator differently
    t000 = {canonical_indicator(r.name) for r in _tables("000")[0].rows}
    t004 = {canonical_indicator(r.name) for r in _tables("004")[0].rows}
    assert "制造业增加值占GDP比重" in t000 & t004
