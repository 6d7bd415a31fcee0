"""Task tables (重点任务分工表) in every shape a plan arrives in, read to exact rows:
number, section, title, leads, supports and deadline, plus a plan with both clauses
and a table for the same tasks, and the deadlines in the graph's `tasks_due`."""

from pathlib import Path

import pytest
from docx import Document

from plankg.graph.ladybug_store import LadybugStore
from plankg.loaders import parse_file
from plankg.loaders.indicators import find_indicator_tables
from plankg.loaders.tasktables import find_task_tables, is_task_header
from plankg.queries.catalogue import run_query

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "tasktables"


def rows(record):
    """(number, section, title, leads, supports, (date, term, text)) of every task."""
    out = []
    for t in record.tasks:
        d = t.deadline
        out.append((
            t.number, t.section, t.title,
            [u.raw for u in t.units if u.lead], [u.raw for u in t.units if not u.lead],
            (d.date, d.term, d.text) if d else None,
        ))
    return out


def test_flattened_untabbed_table():
    """PDF-style text: plain lines, merged 重点任务 left out, cells over several lines."""
    r = parse_file(FIX / "flat.txt")
    assert r.plan.title == "江宁区2025年制造业高质量发展工作要点"
    assert rows(r) == [
        (1, "实施产业集群培育行动", "制定集成电路产业链培育方案，明确重点企业名单和招商方向",
         ["区工信局"], ["区发改委", "区商务局"], ("2025-06-30", None, "6月底前")),
        (2, "实施产业集群培育行动", "推进新能源汽车零部件项目建设，完成主体工程并投产",
         ["区工信局", "区发改委"], ["区住建局", "区规资分局"], ("2025-12-31", None, "年底前")),
        (3, "实施产业集群培育行动", "推动企业智能化改造和数字化转型，实施智能制造示范工厂培育",
         ["区工信局"], ["区科技局", "区财政局<区金融办>"], ("2025-09-30", None, "三季度")),
        (4, "培育壮大企业梯队", "新增规上工业企业50家以上",
         ["区工信局"], ["各街道"], (None, "全年推进", "全年推进")),
        (5, "培育壮大企业梯队", "建立重点企业挂钩服务制度",
         ["区工信局"], ["区发改委", "区市场监管局"], (None, "持续推进", "持续推进")),
        (6, "培育壮大企业梯队", "开展专精特新企业培育，组织申报国家级专精特新“小巨人”企业",
         ["区工信局"], ["区科技局"], ("2026-03-31", None, "2026年3月底前")),
        (7, "优化产业发展环境", "落实工业用地“标准地”出让制度",
         ["区规资分局"], ["区工信局"], ("2025-06-30", None, "上半年")),
        (8, "优化产业发展环境", "组织重点产业链招商推介活动",
         ["区投促局", "区商务局"], ["各街道"], ("2025-09-30", None, "9月")),
    ]
    assert [(s.label, s.ordinal, s.title) for s in r.sections] == [
        ("实施产业集群培育行动", 1, "实施产业集群培育行动"),
        ("培育壮大企业梯队", 2, "培育壮大企业梯队"),
        ("优化产业发展环境", 3, "优化产业发展环境"),
    ]
    units = [u for t in r.tasks for u in t.units]
    assert {u.source for u in units} == {"table"}
    assert all(u.lead_basis == "explicit" for u in units if u.lead)
    assert r.tasks[0].units[0].agency_id == "江苏省/南京市/江宁区:工业和信息化局"
    # the table's lines are not read as paragraphs of the plan
    assert all(t.part == "tasks" and t.line >= 24 for t in r.tasks)
    assert r.warnings == []  # an annual plan: a bare `6月底前` is in its year


def test_tsv_table_numbered_by_section_with_two_lead_columns():
    r = parse_file(FIX / "tsv.txt")
    assert rows(r) == [
        (None, "强化创新策源", "建设概念验证中心3家",
         ["市科技局", "各区人民政府"], ["市财政局"], ("2026-06-30", None, "6月底前")),
        (None, "强化创新策源", "组建产业创新联合体",
         ["市工业和信息化局", "市科技局"], ["市教育局"], ("2028-12-31", None, "2026年至2028年")),
        (None, "加快数字化转型", "实施“智改数转网联”项目500个，推动规上工业企业数字化转型全覆盖",
         ["市工信局", "各区人民政府"], ["市数据局", "市发展改革委"], ("2026-12-31", "每年", "每年年底前")),
        (None, "加快数字化转型", "培育省级智能制造示范工厂",
         ["市工信局"], [], (None, "长期坚持", "长期坚持")),
        (None, "加快数字化转型", "举办智能制造供需对接活动",
         ["市工信局", "江阴市人民政府"], ["市商务局"], ("2027-06-30", None, "2027年二季度")),
    ]
    assert [(s.label, s.ordinal, s.title, s.line) for s in r.sections] == [
        ("1", 1, "强化创新策源", 18), ("2", 2, "加快数字化转型", 20),
    ]
    assert [t.line for t in r.tasks] == [18, 19, 20, 22, 23]
    # a three-year plan: a bare month is read in its first year, and it says so
    assert r.warnings == [
        "task table: 2 deadline(s) name a month or quarter but no year; read in 2026, the plan's first year (2026–2028)"
    ]


def test_markdown_table_with_one_responsible_column():
    r = parse_file(FIX / "markdown.md")
    assert rows(r) == [
        (1, None, "开展招商引资“百日攻坚”", ["区投促局"], ["区商务局", "各街道"], ("2026-03-31", None, "一季度末")),
        (2, None, "建立重点企业服务专员制度实现规上企业全覆盖", ["区工信局"], ["区发改委"],
         (None, "常态化推进", "常态化推进")),
        (3, None, "设立产业引导基金", ["区财政局（区金融办）"], [], ("2026-09-30", None, "9月")),
        (4, None, "完成工业用地更新", ["区自然资源规划局"], [], ("2026-12-31", None, "12月31日前")),
    ]
    # 责任单位 alone: the first listed is the lead, as in clauses; 牵头 in the cell is explicit
    assert [t.units[0].lead_basis for t in r.tasks] == ["first_listed", "explicit", "first_listed", "first_listed"]


def make_docx(path: Path) -> None:
    doc = Document()
    doc.add_paragraph("苏州市相城区2026年数字经济工作要点")
    doc.add_paragraph("为加快数字经济发展，制定本要点。")
    doc.add_paragraph("一、重点工作")
    doc.add_paragraph("附件")
    doc.add_paragraph("重点任务分工表")
    data = [
        ["序号", "重点任务", "具体工作", "完成时限", "牵头单位", "配合单位"],
        ["1", "壮大数字产业", "引进培育数字经济核心企业20家", "年底前", "区工信局", "区商务局、区投促局"],
        ["2", "", "建设人工智能算力中心", "三季度", "区数据局", "区发改委"],
        ["3", "", "举办数字经济产业大会", "5月", "区工信局、区商务局", ""],
        ["4", "推进数实融合", "实施智能化改造项目100个\n带动技改投资增长10%", "持续推进", "区工信局", "各镇（街道）"],
        ["5", "", "打造5G全连接工厂", "2027年6月底前", "区工信局", "区数据局"],
    ]
    table = doc.add_table(rows=len(data), cols=len(data[0]))
    for i, row in enumerate(data):
        for j, text in enumerate(row):
            if text:
                table.cell(i, j).text = text
    # 重点任务 written once and merged down over its rows, as Word does
    table.cell(1, 1).merge(table.cell(3, 1))
    table.cell(4, 1).merge(table.cell(5, 1))
    table.cell(1, 1).text = "壮大数字产业"
    table.cell(4, 1).text = "推进数实融合"
    # units one per paragraph in an owner cell, as Word tables often have them
    table.cell(5, 5).add_paragraph("区发改委")
    doc.save(path)


def test_docx_table_with_vertically_merged_cells(tmp_path):
    path = tmp_path / "xiangcheng.docx"
    make_docx(path)
    r = parse_file(path)
    assert rows(r) == [
        (1, "壮大数字产业", "引进培育数字经济核心企业20家", ["区工信局"], ["区商务局", "区投促局"],
         ("2026-12-31", None, "年底前")),
        (2, "壮大数字产业", "建设人工智能算力中心", ["区数据局"], ["区发改委"], ("2026-09-30", None, "三季度")),
        (3, "壮大数字产业", "举办数字经济产业大会", ["区工信局", "区商务局"], [], ("2026-05-31", None, "5月")),
        (4, "推进数实融合", "实施智能化改造项目100个带动技改投资增长10%", ["区工信局"], ["各镇（街道）"],
         (None, "持续推进", "持续推进")),
        (5, "推进数实融合", "打造5G全连接工厂", ["区工信局"], ["区数据局", "区发改委"], ("2027-06-30", None, "2027年6月底前")),
    ]
    assert r.tasks[0].units[0].agency_id == "江苏省/苏州市/相城区:工业和信息化局"


def test_clauses_and_table_for_the_same_tasks_are_linked():
    r = parse_file(FIX / "mixed.txt")
    got = [
        (t.id.split("-")[-1], t.number, t.section_id[-4:], t.title,
         [(u.raw, u.lead, u.lead_basis, u.source) for u in t.units],
         (t.deadline.date, t.deadline.term, t.deadline.text) if t.deadline else None)
        for t in r.tasks
    ]
    assert got == [
        # agree: the clause task keeps its place, gains the deadline; the bodies both name are "both"
        ("t001", 1, "s2.1", "招引龙头项目",
         [("区投促局", True, "first_listed", "both"), ("区工信局", False, "none", "both")],
         ("2026-12-31", None, "年底前")),
        ("t002", 2, "s2.1", "建设特色园区",
         [("区工信局", True, "explicit", "both"), ("浦口经济开发区", False, "none", "both")],
         ("2027-06-30", None, "2027年6月底前")),
        # disagree: both kept, told apart by source, and a warning names the task
        ("t003", 3, "s2.2", "加大金融支持",
         [("区财政局", True, "first_listed", "both"), ("区发改委", True, "explicit", "table")],
         ("2026-09-30", None, "三季度")),
        # only in the table: a task of its own under the plan's own section
        ("x1.004", 4, "s2.2", "组建集成电路人才实训基地，开展订单式培养",
         [("区人社局", True, "explicit", "table"), ("区教育局", False, "none", "table")],
         (None, "持续推进", "持续推进")),
    ]
    assert r.warnings[0] == (
        "task 3. (line 19) and its table row (line 50) disagree on owners: clause leads 区财政局, "
        "table leads 区发改委; clause only 无, table only 区发改委"
    )
    assert len(r.sections) == 3  # the table's 重点任务 are the plan's sections, not new ones


def test_indicator_and_task_tables_do_not_claim_each_other():
    seed = (ROOT / "seeds").glob("000_*.txt").__next__().read_text("utf-8").split("\n")
    assert find_indicator_tables(seed) and find_task_tables(seed) == []
    for name in ("flat.txt", "tsv.txt", "markdown.md", "mixed.txt"):
        lines = (FIX / name).read_text("utf-8").split("\n")
        assert find_indicator_tables(lines) == [] and len(find_task_tables(lines)) == 1
    assert not is_task_header(["序号", "指标名称", "2026年目标", "责任单位"])
    assert not is_task_header(["类别", "序号", "指标", "目标值", "牵头单位"])
    assert is_task_header(["牵头部门", "工作举措", "时间节点"])


def test_seed_plans_have_no_task_tables(seed_records):
    assert all(not t.id.split("-")[-1].startswith("x") for r in seed_records for t in r.tasks)
    assert all(t.deadline is None for r in seed_records for t in r.tasks)


def test_deadlines_reach_the_graph_and_tasks_due(tmp_path):
    records = [parse_file(FIX / "flat.txt"), parse_file(FIX / "mixed.txt")]
    store = LadybugStore(tmp_path / "tables.lbdb")
    try:
        assert store.load_records(records).ok
        due = run_query(store, "tasks_due", {"year": 2025}).rows
        tasks = sorted((r["text"], r["detail"]) for r in due if r["item"] == "task")
        assert tasks == sorted([
            ("制定集成电路产业链培育方案，明确重点企业名单和招商方向", "6月底前"),
            ("推进新能源汽车零部件项目建设，完成主体工程并投产", "年底前"),
            ("推动企业智能化改造和数字化转型，实施智能制造示范工厂培育", "三季度"),
            ("落实工业用地“标准地”出让制度", "上半年"),
            ("组织重点产业链招商推介活动", "9月"),
        ])
        by_2026 = run_query(store, "tasks_due", {"year": 2026, "by": True}).rows
        titles = {r["text"] for r in by_2026 if r["item"] == "task"}
        assert "招引龙头项目" in titles and "加大金融支持" in titles and "建设特色园区" not in titles
        row = next(r for r in by_2026 if r["text"] == "加大金融支持")
        assert (row["year"], row["detail"]) == (2026, "三季度")
        assert sorted(row["owners"]) == sorted(row["leads"]) == ["浦口区发展和改革委员会", "浦口区财政局"]
        sources = store.run(
            "MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency) WHERE t.title = '加大金融支持' "
            "RETURN a.source AS source, a.lead AS lead ORDER BY source"
        )
        assert [(s["source"], s["lead"]) for s in sources] == [("both", True), ("table", True)]
    finally:
        store.close()
