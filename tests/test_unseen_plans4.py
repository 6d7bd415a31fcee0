"""Round 4 of unseen-style plans (tests/fixtures/unseen4): the checks that the exact
task/unit/target/goal comparison in test_unseen_plans.py does not make by itself.

- A task heading printed as a line of its own without `。` is the task's title; its
  body and clause follow on later lines.
- `一是…；二是…` and `（1）（2）` inside a task are one task, and a four-level plan
  (一、→（一）→1.→（1）) has its tasks at the `1.` level.
- `完成时限：…` inside a clause is the task's deadline.
- A leader's post (`市政府分管副市长牵头`) is no unit, and since the clause did name
  its lead, no body becomes lead by being listed first (DOMAIN.md: a unit is a body).
- The Qingdao plan delivered as Word (headings as paragraphs, the task table a Word
  table with vertically merged 序号/重点任务 cells and owner cells written one body
  per paragraph) and as a government web page (navigation and footer noise, rowspans,
  <br> between bodies) parses to the same records as its .txt, apart from `source`,
  the reader's notes and line numbers (`line`, and a unit's `table_line`: Word and
  web pages have no blank lines), as tests/test_formats.py compares.
"""

from __future__ import annotations

import io
import tomllib
from html import escape
from pathlib import Path

import pytest
from docx import Document

from plankg.loaders import parse_file, read_document

U4 = Path(__file__).resolve().parent / "fixtures" / "unseen4"


def _plan(stem: str):
    path = next(U4.glob(f"{stem}*.txt"))
    return parse_file(path), tomllib.loads(path.with_suffix(".toml").read_text("utf-8"))


def test_heading_lines_without_full_stop_are_titles():
    record, _ = _plan("01_")
    tasks = [t for t in record.tasks if t.part == "tasks"]
    assert [t.title for t in tasks] == ["建设智能算力集群", "推动数据要素流通", "培育大模型企业", "加快应用场景开放"]
    # the body (on the next line) and a clause two lines below are still the task's
    assert "新增智能算力规模5000P以上" in tasks[0].text
    assert tasks[2].clause == "（区科信局牵头，区财政局、区市场监管局按职责分工负责）"
    assert [(tg.value, tg.unit) for tg in tasks[2].targets] == [(20.0, "家")]
    # a section heading line `（二）加大资金支持` with a body but no clause is not a task
    assert [t.title for t in record.tasks if t.part == "safeguards"] == ["强化组织保障"]


def test_enumerations_and_sub_items_stay_in_their_task():
    record, _ = _plan("02_")
    assert [t.number for t in record.tasks] == [1, 2, 3, 4, None]
    assert "二是引育动力电池" in record.tasks[0].text and "三是完善充换电基础设施" in record.tasks[0].text
    assert "（2）支持企业联合高校组建创新联合体3个" in record.tasks[2].text
    assert len(record.tasks[0].targets) == 3 and len(record.tasks[2].targets) == 3


def test_four_level_plan_has_tasks_at_the_arabic_level():
    record, _ = _plan("03_")
    assert [(t.number, t.section, t.title) for t in record.tasks if t.part == "tasks"] == [
        (1, "推动传统产业升级", "煤炭产业绿色化改造"),
        (2, "推动传统产业升级", "煤化工产业延链"),
        (3, "培育新兴产业", "新能源装备制造"),
    ]
    # 旗 is a prefix in a 旗's plan; 各苏木镇 is its towns
    ids = {u.raw: u.agency_id for t in record.tasks for u in t.units}
    assert ids["旗发改委"] == ids["旗发展改革委"] == "内蒙古自治区/鄂尔多斯市/准格尔旗:发展和改革委员会"
    assert ids["各苏木镇"] == "内蒙古自治区/鄂尔多斯市/准格尔旗:各镇街"


def test_deadlines_inside_clauses():
    record, exp = _plan("05_")
    got = [(t.deadline.text if t.deadline else None) for t in record.tasks]
    assert got == [t.get("deadline") for t in exp["tasks"]]
    d = {t.number: t.deadline for t in record.tasks}
    assert (d[1].date, d[2].date, d[3].date, d[3].term) == ("2025-12-31", "2024-12-31", None, "持续推进")
    assert d[4].date == "2026-06-30"
    # the deadline is not read as a unit
    assert [u.raw for u in record.tasks[0].units] == ["县工业和信息化局", "县通信发展办公室"]


def test_a_leaders_post_is_no_unit_and_takes_the_lead_with_it():
    record, _ = _plan("06_")
    t = record.tasks[1]
    assert [(u.raw, u.lead, u.lead_basis) for u in t.units] == [
        ("市工信局", False, "none"), ("市资源规划局", False, "none"), ("各区人民政府", False, "none")]
    # a 计划单列市 is still a city of its province: 省工信厅 is Fujian's
    assert record.plan.parent_jurisdiction == "福建省"
    assert next(u for u in record.tasks[3].units if u.raw == "省工信厅").agency_id == "福建省:工业和信息化厅"


def test_xinqu_prefix_names_the_new_area():
    record, _ = _plan("07_")
    ids = {u.raw: u.agency_id for t in record.tasks for u in t.units}
    assert ids["新区投资促进局"] == "贵州省/贵阳市/贵安新区:投资促进局"
    assert ids["贵州电网贵安供电局"] == "贵州省/贵阳市/贵安新区:贵州电网贵安供电局"


# --- the same plan as Word and as a web page ----------------------------------------

QINGDAO = next(U4.glob("08_*.txt"))


def _blocks(text: str) -> list[str | list[list[str]]]:
    """Paragraphs, and the TAB-separated task table as rows of cells."""
    out: list = []
    for line in (l.strip("\n") for l in text.split("\n")):
        if "\t" in line:
            if not out or not isinstance(out[-1], list):
                out.append([])
            out[-1].append(line.split("\t"))
        elif line.strip():
            out.append(line.strip())
    return out


def _runs(rows: list[list[str]], col: int) -> dict[int, int]:
    """first row → last row of each vertically merged run in a column (empty cells
    below a filled one)."""
    runs: dict[int, int] = {}
    start = None
    for r, row in enumerate(rows):
        if r > 0 and row[col] == "" and start is not None:
            runs[start] = r
        else:
            start = r
    return runs


def _owner_paragraphs(text: str) -> list[str]:
    return text.split("、") if text else [""]


def make_docx(blocks) -> bytes:
    doc = Document()
    doc.sections[0].footer.paragraphs[0].text = "— 1 —"
    for block in blocks:
        if isinstance(block, str):
            doc.add_paragraph(block)
            continue
        width = len(block[0])
        table = doc.add_table(rows=len(block), cols=width)
        for r, row in enumerate(block):
            for c, text in enumerate(row):
                first, *more = _owner_paragraphs(text) if c >= width - 2 and r > 0 else [text]
                cell = table.cell(r, c)
                cell.text = first
                for part in more:
                    cell.add_paragraph(part)
        for col in (0, 1):
            for first, last in _runs(block, col).items():
                text = block[first][col]
                table.cell(first, col).merge(table.cell(last, col)).text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def make_html(blocks) -> str:
    body = []
    for block in blocks[1:]:
        if isinstance(block, str):
            body.append(f"<p>　　{escape(block)}</p>")
            continue
        width = len(block[0])
        runs = {col: _runs(block, col) for col in (0, 1)}
        rows = []
        for r, row in enumerate(block):
            cells = []
            for c, text in enumerate(row):
                if c in runs and any(f < r <= last for f, last in runs[c].items()):
                    continue  # covered by the rowspan above
                span = f' rowspan="{runs[c][r] - r + 1}"' if c in runs and r in runs[c] else ""
                parts = _owner_paragraphs(text) if c >= width - 2 and r > 0 else [text]
                tag = "th" if r == 0 else "td"
                cells.append(f"<{tag}{span}>{'<br>'.join(escape(p) for p in parts)}</{tag}>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        body.append('<table border="1">\n' + "\n".join(rows) + "\n</table>")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(blocks[0])}_青岛市人民政府</title></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政策文件</a></div>
<div class="article-title"><h1>{escape(blocks[0])}</h1><div class="info">发布日期：2025-06-18　来源：市工业和信息化局</div></div>
<div class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
<div class="footer"><p>主办单位：青岛市人民政府办公厅</p><p>备案号：鲁ICP备00000000号</p></div>
</body></html>"""


def _comparable(record) -> dict:
    def without_lines(v):
        if isinstance(v, dict):
            return {k: without_lines(x) for k, x in v.items() if k not in ("line", "table_line")}
        if isinstance(v, list):
            return [without_lines(x) for x in v]
        return v

    data = record.to_json_dict()
    data.pop("source")
    notes = set(read_document(record.source.path).notes)
    data["warnings"] = [w for w in data["warnings"] if w not in notes]
    data = without_lines(data)
    for row in data["indicators"]:
        row.pop("id")
    return data


@pytest.fixture(scope="module")
def qingdao_text():
    return parse_file(QINGDAO)


def test_blocks_hold_the_task_table():
    blocks = _blocks(QINGDAO.read_text("utf-8"))
    tables = [b for b in blocks if isinstance(b, list)]
    assert len(tables) == 1 and tables[0][0][0] == "序号" and len(tables[0]) == 4
    assert _runs(tables[0], 0) == {1: 2} and _runs(tables[0], 1) == {1: 2}


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_word_and_web_page_parse_to_the_text_records(fmt, qingdao_text, tmp_path):
    blocks = _blocks(QINGDAO.read_text("utf-8"))
    path = tmp_path / f"{QINGDAO.stem}.{fmt}"
    if fmt == "docx":
        path.write_bytes(make_docx(blocks))
    else:
        path.write_text(make_html(blocks), "utf-8")
    record = parse_file(path)
    assert record.source.format == fmt
    assert _comparable(record) == _comparable(qingdao_text)
    # not equal by emptiness: the table's rows and owners are there
    assert len(record.tasks) == 5
    assert [u.raw for u in record.tasks[0].units] == ["市工业和信息化局", "市科技局", "市财政局"]
    assert record.tasks[0].deadline.text == "2026年12月底前"
