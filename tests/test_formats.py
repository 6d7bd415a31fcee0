"""Every seed in the formats plans really come in (Word, web page, GB18030 text, PDF)
reads to the same lines and parses to the same records as its text version.

The Word and HTML versions are built here from the seed text: each non-blank line a
paragraph, the indicator tables of 000 and 004 as real tables (000's category cells
vertically merged, its split header cell `2026年` / `目标` as a two-paragraph cell,
its mid-table repeated header dropped as Word repeats header rows by itself), the
page number printed in a footer. The PDF is committed (tests/fixtures/make_pdf.py).

Records are compared whole, except `source` (path, hash, encoding and format differ
by construction) and, for Word, HTML and PDF, every `line` field: those formats
have no blank lines and a flattened table row of 000 spans nine text lines but is
one row in a table, so line numbers legitimately differ. GB18030 text is compared
with its line numbers.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pytest
from docx import Document

from plankg.errors import ParseError
from plankg.loaders import read_document
from plankg.loaders.formats.docx import read_docx
from plankg.loaders.formats.html import read_html
from plankg.loaders.formats.pdf import PdfLine, join_lines, read_pdf, strip_page_furniture, PdfPage

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PDF_FIXTURE = ROOT / "tests" / "fixtures" / "003_8954b9f04d2ff6e7.pdf"
PAGE_NUMBER = re.compile(r"^[—\-]\s*\d+\s*[—\-]$")


# --- seed text → blocks (paragraphs and tables) ------------------------------


@dataclass
class Table:
    rows: list[list[str]]  # a cell's paragraphs are joined by "\n"; "" = merged with the cell above


def seed_blocks(lines: list[str]) -> list[str | Table]:
    """Paragraphs and tables of a seed. A table is either one cell per line (each
    starting with a TAB, rows separated by blank lines, a non-TAB line continuing the
    cell above: 000) or TAB-separated rows (004)."""
    blocks: list[str | Table] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.strip() or PAGE_NUMBER.match(line.strip()):
            i += 1
        elif line.startswith("\t"):
            rows: list[list[str]] = [[]]
            while i < n:
                cur = lines[i]
                if cur.startswith("\t"):
                    rows[-1].append(cur.strip())
                elif cur.strip():
                    if not _next_is_cell(lines, i):
                        break
                    rows[-1][-1] += "\n" + cur.strip()  # a header cell split over two lines
                elif _next_is_cell(lines, i):
                    rows.append([])
                elif not _next_is_cell(lines, _next_nonblank(lines, i)):
                    break
                i += 1
            rows = [r for r in rows if r]
            header = rows[0]
            blocks.append(Table([header] + [r for r in rows[1:] if r != header]))
        elif "\t" in line:
            rows = []
            while i < n and "\t" in lines[i]:
                rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            blocks.append(Table(rows))
        else:
            blocks.append(line.strip())
            i += 1
    return blocks


def _next_nonblank(lines: list[str], i: int) -> int:
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j


def _next_is_cell(lines: list[str], i: int) -> bool:
    j = _next_nonblank(lines, i)
    return j < len(lines) and lines[j].startswith("\t")


def expected_lines(blocks: list[str | Table]) -> list[str]:
    """The lines the contract promises for these blocks."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            out.extend("\t".join(c.replace("\n", "") for c in row) for row in block.rows)
        else:
            out.append(block)
    return out


def _merge_runs(rows: list[list[str]]) -> list[tuple[int, int]]:
    """(first, last) row of each vertically merged run in the first column."""
    runs, start = [], None
    for r, row in enumerate(rows):
        if row and row[0] == "" and start is not None:
            runs[-1] = (start, r)
        else:
            start = r
            runs.append((r, r))
    return [run for run in runs if run[1] > run[0]]


def make_docx(blocks: list[str | Table]) -> bytes:
    doc = Document()
    doc.sections[0].footer.paragraphs[0].text = "— 1 —"
    doc.sections[0].header.paragraphs[0].text = "页眉：不属于正文"
    for block in blocks:
        if isinstance(block, str):
            doc.add_paragraph(block)
            continue
        width = max(len(r) for r in block.rows)
        table = doc.add_table(rows=len(block.rows), cols=width)
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                first, *more = text.split("\n")
                cell = table.cell(r, c)
                cell.text = first
                for part in more:
                    cell.add_paragraph(part)
        for first, last in _merge_runs(block.rows):
            text = block.rows[first][0]
            merged = table.cell(first, 0).merge(table.cell(last, 0))
            merged.text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


NOISE_TOP = """<div class="header"><div class="logo"><img src="logo.png" alt="人民政府门户网站"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府文件</a></div>
<div class="search"><form><input name="q"><button>搜索</button></form></div>"""
NOISE_BOTTOM = """<div class="share">分享到：<a>微信</a><a>微博</a></div>
<div class="footer"><p>主办单位：人民政府办公室　承办：大数据管理局</p>
<p>网站标识码：3201170001　备案号：苏ICP备00000000号</p></div>
<script>document.write("一、不是正文");</script>"""


def make_html(blocks: list[str | Table], charset: str | None) -> str:
    body: list[str] = []
    for block in blocks[1:]:
        if isinstance(block, str):
            body.append(f"<p>　　{escape(block)}</p>")
            continue
        rows = []
        runs = {first: last - first + 1 for first, last in _merge_runs(block.rows)}
        for r, row in enumerate(block.rows):
            cells = []
            for c, text in enumerate(row):
                if c == 0 and text == "" and any(f < r < f + n for f, n in runs.items()):
                    continue  # covered by the rowspan above
                span = f' rowspan="{runs[r]}"' if c == 0 and r in runs else ""
                tag = "th" if r == 0 else "td"
                cells.append(f"<{tag}{span}>{'<br>'.join(escape(p) for p in text.split(chr(10)))}</{tag}>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        body.append('<table border="1" cellspacing="0">\n' + "\n".join(rows) + "\n</table>")
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return f"""<!DOCTYPE html>
<html><head>{meta}<title>{escape(blocks[0])}_人民政府</title>
<style>.nav li {{ float: left; }}</style></head>
<body>{NOISE_TOP}
<div class="article-title"><h1>{escape(blocks[0])}</h1><div class="info">发布日期：2026-02-10　来源：市政府办公室</div></div>
<div class="TRS_Editor">
{chr(10).join(body)}
</div>
{NOISE_BOTTOM}
</body></html>"""


# Charset of each seed's web page: declared GB2312 (read as GB18030), undeclared
# GB18030 (detected), and UTF-8.
HTML_CHARSETS = {"000": ("gb2312", "gb18030"), "002": (None, "gb18030")}


def seed_id(path: Path) -> str:
    return path.name[:3]


def nonblank(lines: list[str]) -> list[str]:
    return [l.strip() for l in lines if l.strip()]


@pytest.fixture(scope="module", params=SEEDS, ids=seed_id)
def seed(request) -> tuple[Path, list[str | Table]]:
    path: Path = request.param
    return path, seed_blocks(path.read_text(encoding="utf-8").split("\n"))


def write_formats(seed_path: Path, blocks, folder: Path) -> dict[str, Path]:
    stem = seed_path.stem
    out = {"txt": seed_path}
    (folder / f"{stem}.docx").write_bytes(make_docx(blocks))
    out["docx"] = folder / f"{stem}.docx"
    declared, codec = HTML_CHARSETS.get(seed_id(seed_path), ("utf-8", "utf-8"))
    (folder / f"{stem}.html").write_bytes(make_html(blocks, declared).encode(codec))
    out["html"] = folder / f"{stem}.html"
    (folder / f"{stem}.gb.txt").write_bytes(seed_path.read_text(encoding="utf-8").encode("gb18030"))
    out["gb18030"] = folder / f"{stem}.gb.txt"
    return out


# --- readers on the seeds ------------------------------------------------------


def test_seed_tables_are_found():
    blocks = {seed_id(p): seed_blocks(p.read_text(encoding="utf-8").split("\n")) for p in SEEDS}
    tables = {k: [b for b in v if isinstance(b, Table)] for k, v in blocks.items()}
    assert [len(tables[k]) for k in sorted(tables)] == [1, 0, 0, 0, 1]
    t000, t004 = tables["000"][0], tables["004"][0]
    assert t000.rows[0] == ["类别", "序号", "指标名称", "2026年\n目标", "2027年目标", "2028年目标", "责任单位"]
    assert len(t000.rows) == 1 + 27 and t000.rows[-1][1] == "27" and all(len(r) == 7 for r in t000.rows)
    assert t000.rows[1][:3] == ["产业规模", "1", "规上工业总产值（亿元）"] and t000.rows[2][0] == ""
    assert t004.rows[8] == ["8", "单位地区生产总值能耗", "完成省定目标"]


def test_docx_reads_seed_lines(seed):
    path, blocks = seed
    doc = read_docx(make_docx(blocks), "plan.docx")
    assert doc.lines == expected_lines(blocks)
    assert "— 1 —" not in doc.lines and "页眉：不属于正文" not in doc.lines


def test_docx_merged_category_cells_are_empty():
    blocks = seed_blocks(SEEDS[0].read_text(encoding="utf-8").split("\n"))
    lines = read_docx(make_docx(blocks), "000.docx").lines
    start = lines.index("类别\t序号\t指标名称\t2026年目标\t2027年目标\t2028年目标\t责任单位")
    assert lines[start + 1] == "产业规模\t1\t规上工业总产值（亿元）\t1338\t1441\t1550\t工信局"
    assert lines[start + 2] == "\t2\t新增规上工业企业（家）\t60\t50\t50\t工信局"
    assert lines[start + 8] == "创新能力\t8\t国家高新技术企业数（家）\t650\t660\t670\t科技局"


def test_html_reads_seed_lines(seed):
    path, blocks = seed
    declared, codec = HTML_CHARSETS.get(seed_id(path), ("utf-8", "utf-8"))
    doc = read_html(make_html(blocks, declared).encode(codec), "plan.html")
    assert doc.lines == expected_lines(blocks)
    assert doc.encoding == codec
    if declared is None:
        assert any("detected by charset-normalizer" in n for n in doc.notes)


def test_pdf_fixture_reads_seed_lines():
    doc = read_document(PDF_FIXTURE)
    seed = next(p for p in SEEDS if p.stem == PDF_FIXTURE.stem)
    assert doc.format == "pdf"
    assert doc.lines == nonblank(seed.read_text(encoding="utf-8").split("\n"))
    assert any("page number" in n for n in doc.notes) and any("running head" in n for n in doc.notes)


# --- parsed records equal the text version's --------------------------------------


def _without(value, keys: set[str]):
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(v, keys) for v in value]
    return value


def comparable(record, lines: bool) -> dict:
    """The record without `source`; without the reader's notes, which the parser
    passes on as warnings and which differ by format; and, where line numbers
    legitimately differ, without `line` and the indicator ids (the parser builds
    them from the table's line)."""
    data = record.to_json_dict()
    data.pop("source")
    notes = set(read_document(record.source.path).notes)
    data["warnings"] = [w for w in data["warnings"] if w not in notes]
    if lines:
        return data
    data = _without(data, {"line"})
    for row in data["indicators"]:
        row.pop("id")
    return data


@pytest.fixture(scope="module")
def parse_file():
    pytest.importorskip("plankg.loaders.plan", reason="the plan parser (loaders/plan.py) is not there yet")
    from plankg.loaders import parse_file

    return parse_file


@pytest.mark.parametrize("fmt", ["docx", "html", "gb18030"])
def test_formats_parse_to_the_text_records(seed, fmt, tmp_path, parse_file, request):
    path, blocks = seed
    files = write_formats(path, blocks, tmp_path)
    text_record = parse_file(files["txt"])
    record = parse_file(files[fmt])
    assert record.source.format == {"gb18030": "txt"}.get(fmt, fmt)
    with_lines = fmt == "gb18030"
    assert comparable(record, with_lines) == comparable(text_record, with_lines)
    assert record.tasks, "a plan with no tasks compares equal too easily"
    assert len(record.indicators) == {"000": 27, "004": 11}.get(seed_id(path), 0)
    if fmt == "gb18030":
        assert record.source.encoding == "gb18030"


def test_pdf_parses_to_the_text_records(parse_file):
    seed = next(p for p in SEEDS if p.stem == PDF_FIXTURE.stem)
    record, text_record = parse_file(PDF_FIXTURE), parse_file(seed)
    assert record.source.format == "pdf"
    assert comparable(record, False) == comparable(text_record, False)
    assert len(record.tasks) >= 10


# --- readers on small inputs ---------------------------------------------------------


def _docx(build) -> bytes:
    doc = Document()
    build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_keeps_order_merges_and_breaks():
    def build(doc):
        doc.add_paragraph("一、工作目标")
        table = doc.add_table(rows=3, cols=4)
        table.cell(0, 0).text = "类别"
        table.cell(0, 1).merge(table.cell(0, 2)).text = "目标值"  # horizontal merge
        table.cell(0, 3).text = "责任单位"
        table.cell(1, 0).merge(table.cell(2, 0)).text = "产业规模"
        for r, values in ((1, ("1338", "1441", "工信局")), (2, ("60", "50", "发改委"))):
            for c, v in enumerate(values, start=1):
                table.cell(r, c).text = v
        p = doc.add_paragraph("二、重点任务")
        p.add_run().add_break()
        p.add_run("1.培优产业集群。\t（责任单位：区工信局）")

    lines = read_docx(_docx(build), "t.docx").lines
    assert lines == [
        "一、工作目标",
        "类别\t目标值\t责任单位",
        "产业规模\t1338\t1441\t工信局",
        "\t60\t50\t发改委",
        "二、重点任务",
        "1.培优产业集群。\t（责任单位：区工信局）",
    ]


def test_html_charset_bom_and_detection():
    page = "<html><body><div id='zoom'><p>" + "为加快推进新型工业化，制定本方案。" * 20 + "</p></div></body></html>"
    bom = read_html(b"\xef\xbb\xbf" + page.encode("utf-8"), "p.html")
    assert bom.encoding == "utf-8-sig" and bom.lines[0].startswith("为加快推进新型工业化")
    declared = read_html(page.replace("<html>", '<html><meta charset="GBK">').encode("gb18030"), "p.html")
    assert declared.encoding == "gb18030" and "declared GBK, read as gb18030" in declared.notes[0]
    detected = read_html(page.encode("gb18030"), "p.html")
    assert detected.encoding == "gb18030" and "charset-normalizer" in detected.notes[0]
    assert detected.lines == bom.lines


def test_html_article_without_known_container_and_layout_tables():
    para = "加快建设具有国际竞争力的先进制造业基地，推动产业集群发展壮大。"
    page = f"""<html><body><table><tr><td class="nav"><a>首页</a> <a>新闻</a> <a>公开</a></td></tr>
    <tr><td><div class="wrap"><h2>某县推进新型工业化工作要点</h2>
    <p>一、发展目标</p><p>{para * 4}</p><p>二、重点任务</p><p>（一）加快构建产业体系</p>
    <p>1．打造特色优势产业。{para}（县工信局牵头负责）</p></div></td></tr>
    <tr><td class="copyright">版权所有 某县人民政府</td></tr></table></body></html>"""
    lines = read_html(page.encode("utf-8"), "p.htm").lines
    assert lines == [
        "某县推进新型工业化工作要点", "一、发展目标", para * 4, "二、重点任务", "（一）加快构建产业体系",
        f"1．打造特色优势产业。{para}（县工信局牵头负责）",
    ]


def test_html_spans_give_empty_and_single_cells():
    page = """<html><body><div class="content"><p>""" + "目标体系说明。" * 40 + """</p>
    <table><tr><th>类别</th><th>序号</th><th colspan="2">目标</th></tr>
    <tr><td rowspan="2">创新能力</td><td>8</td><td>650</td><td rowspan="2">科技局</td></tr>
    <tr><td>9</td><td>2</td></tr></table></div></body></html>"""
    lines = read_html(page.encode("utf-8"), "t.html").lines
    assert lines[1:] == ["类别\t序号\t目标", "创新能力\t8\t650\t科技局", "\t9\t2\t"]


def _line(text, x0, x1, top):
    return PdfLine(text, x0, x1, top, top + 15)


def test_pdf_join_rules_without_indents():
    right = 500.0
    page = [
        _line("一、目标要求", 80, 170, 100),
        _line("到2028年，全市规上工业总产值达3万亿元，制造业增加", 80, right, 124),
        _line("值占GDP比重保持在合理区间。", 80, 300, 148),
        _line("每年实施增资扩产项目600个，新增投资700亿元，全面完", 80, right - 5, 172),
        _line("成国家试点任务；到2028年建成20个省级特色产业集群。", 80, right, 196),
        _line("1.明确增资扩产主攻方向。", 80, 260, 220),
        _line("聚焦集群推进，推动人工智能赋能制造业发展取得突破AI", 80, right, 244),
        _line("Agent 应用示范（市工信局牵头负责）", 80, 330, 268),
    ]
    assert join_lines([page]) == [
        "一、目标要求",
        "到2028年，全市规上工业总产值达3万亿元，制造业增加值占GDP比重保持在合理区间。",
        "每年实施增资扩产项目600个，新增投资700亿元，全面完成国家试点任务；到2028年建成20个省级特色产业集群。",
        "1.明确增资扩产主攻方向。",
        "聚焦集群推进，推动人工智能赋能制造业发展取得突破AI Agent 应用示范（市工信局牵头负责）",
    ]


def test_pdf_list_item_after_full_line_starts_a_new_line_across_pages():
    p1 = [_line("加强要素保障，强化资金支持，统筹用好各级专项资金（市财政局负责）", 80, 500, 700)]
    p2 = [_line("2.优化产业布局。", 80, 250, 100), _line("（二）强化创新驱动", 80, 230, 124)]
    assert join_lines([p1, p2]) == [p1[0].text, "2.优化产业布局。", "（二）强化创新驱动"]


@pytest.mark.parametrize("number", ["— 3 —", "- 3 -", "第 3 页", "第3页 共12页", "3/12", "3"])
def test_pdf_page_numbers_and_running_heads_removed(number):
    def page(n):
        return PdfPage(595, 842, [
            _line("宿迁市人民政府文件", 250, 350, 30),
            _line(f"正文第{n}页的内容。", 80, 300, 300),
            _line(number.replace("3", str(n)), 280, 320, 800),
        ])

    kept, notes = strip_page_furniture([page(1), page(2), page(3)])
    assert [[l.text for l in p] for p in kept] == [["正文第1页的内容。"], ["正文第2页的内容。"], ["正文第3页的内容。"]]
    assert len(notes) == 2


def test_pdf_body_line_looking_like_a_number_is_kept():
    page = PdfPage(595, 842, [_line("2026", 80, 120, 400), _line("— 1 —", 280, 320, 800)])
    kept, _ = strip_page_furniture([page])
    assert [l.text for l in kept[0]] == ["2026"]


# --- bad input --------------------------------------------------------------------------


def test_truncated_docx_and_pdf_are_named(tmp_path):
    docx = tmp_path / "plan.docx"
    docx.write_bytes(_docx(lambda d: d.add_paragraph("一、工作目标"))[:700])
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(PDF_FIXTURE.read_bytes()[:900])
    for f, word in ((docx, "corrupt or truncated"), (pdf, "corrupt or truncated PDF")):
        with pytest.raises(ParseError) as info:
            read_document(f)
        assert str(f) in str(info.value) and word in str(info.value)


def test_pdf_without_text_layer(tmp_path):
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    f = tmp_path / "scan.pdf"
    f.write_bytes(bytes(out))
    with pytest.raises(ParseError) as info:
        read_pdf(bytes(out), str(f))
    assert "no text layer" in str(info.value) and str(f) in str(info.value)


def test_empty_docx_and_html(tmp_path):
    docx = tmp_path / "empty.docx"
    docx.write_bytes(_docx(lambda d: None))
    html = tmp_path / "empty.html"
    html.write_text("<html><body><div class='nav'><a>首页</a></div></body></html>", encoding="utf-8")
    for f, word in ((docx, "no text"), (html, "no article text")):
        with pytest.raises(ParseError) as info:
            read_document(f)
        assert str(f) in str(info.value) and word in str(info.value)
