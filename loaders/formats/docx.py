"""Word .docx: body paragraphs and tables in document order.

The body XML is walked directly rather than through `Document.paragraphs` and
`Document.tables`, which lose the order between the two. Headers and footers live
in other parts of the package and are never read, so page numbers and running
heads do not reach the text.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from plankg.errors import ParseError
from plankg.loaders.formats import Extracted, cell_text, clean_line, table_lines

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_TR, _TC, _TC_PR = qn("w:tr"), qn("w:tc"), qn("w:tcPr")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_V_MERGE, _GRID_SPAN, _VAL = qn("w:vMerge"), qn("w:gridSpan"), qn("w:val")
_NUM_PR = qn("w:numPr")
# Alternative renderings and text boxes repeat or float outside the reading order.
_SKIP = {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    qn("w:txbxContent"),
    qn("w:del"),
    qn("w:pPr"),
    qn("w:rPr"),
}


def _paragraph_text(p: etree._Element) -> str:
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == _T:
                out.append(child.text or "")
            elif tag == _TAB:
                out.append("\t")
            elif tag in (_BR, _CR):
                # A page or column break is layout; a line break ends a line.
                kind = child.get(qn("w:type"))
                if kind in (None, "textWrapping"):
                    out.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                out.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _cell_paragraphs(tc: etree._Element) -> list[str]:
    parts: list[str] = []
    for el in tc.iter(_P):
        parts.append(_paragraph_text(el))
    return parts


def _table_rows(tbl: etree._Element) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(_TR):
        cells: list[str] = []
        # Cells may be wrapped in content controls (w:sdt) inside a row.
        for tc in tr.iter(_TC):
            if tc.getparent() is not tr and tc.getparent().tag != _SDT_CONTENT:
                continue  # a nested table's cell, read as part of its outer cell
            pr = tc.find(_TC_PR)
            v_merge = pr.find(_V_MERGE) if pr is not None else None
            if v_merge is not None and v_merge.get(_VAL) in (None, "continue"):
                cells.append("")  # continuation of a vertically merged cell
            else:
                cells.append(cell_text(_cell_paragraphs(tc)))
            # A w:gridSpan cell spans columns but is one cell: given once.
        rows.append(cells)
    return rows


def _blocks(container: etree._Element, lines: list[str], counters: dict[str, int]) -> None:
    for child in container:
        if child.tag == _P:
            if child.find(f"{qn('w:pPr')}/{_NUM_PR}") is not None:
                counters["numbered"] += 1
            lines.extend(clean_line(t) for t in _paragraph_text(child).split("\n"))
        elif child.tag == _TBL:
            counters["tables"] += 1
            lines.extend(table_lines(_table_rows(child)))
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _blocks(content, lines, counters)


def read_docx(data: bytes, path: str) -> Extracted:
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, etree.XMLSyntaxError) as exc:
        raise ParseError(path, f"corrupt or truncated .docx, cannot open it ({exc}); re-save it from Word") from None
    lines: list[str] = []
    counters = {"tables": 0, "numbered": 0}
    _blocks(document.element.body, lines, counters)
    notes: list[str] = []
    if counters["numbered"]:
        # Labels from Word's automatic numbering are not in the text itself.
        notes.append(
            f"docx: {counters['numbered']} paragraph(s) use automatic numbering; their labels are not in the text"
        )
    if not any(lines):
        raise ParseError(path, "the .docx has no text in its body")
    return Extracted(lines=lines, encoding="utf-8", notes=notes)
