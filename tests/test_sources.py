"""Reading bytes into text: encodings and bad input, each error naming the file."""

import pytest

from plankg.errors import ParseError
from plankg.loaders.sources import read_document

TEXT = "溧水区推动产业强区实现新跃升三年行动计划（2026—2028年）\n（责任单位：区工信局）\n"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_read_right(tmp_path, data, encoding):
    f = tmp_path / "plan.txt"
    f.write_bytes(data)
    doc = read_document(f)
    assert doc.encoding == encoding
    assert doc.lines[0] == "溧水区推动产业强区实现新跃升三年行动计划（2026—2028年）"
    assert doc.lines[1] == "（责任单位：区工信局）"


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("第一行\n".encode() + b"\xff\xfe\xfd\xff\x80\x80\n", "cannot decode"),
    ],
)
def test_bad_input_names_the_file(tmp_path, data, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    with pytest.raises(ParseError) as info:
        read_document(f)
    assert str(f) in str(info.value)
    assert message in str(info.value)


def test_undecodable_names_the_line(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes("第一行\n第二行\n".encode() + b"\xff\xfe\xfd\xff\x80\x80\n")
    with pytest.raises(ParseError) as info:
        read_document(f)
    assert info.value.line == 3
    assert f"{f}:3:" in str(info.value)


# --- choosing the reader by content, then extension --------------------------------

import io
import zipfile

from docx import Document

from plankg.loaders.sources import iter_plan_files

ARTICLE = "<p>" + "为加快推进新型工业化，制定本方案。" * 20 + "</p>"


def _docx_bytes(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize("codec,name", [("utf-16", "utf-16"), ("utf-32", "utf-32")])
def test_utf16_and_utf32_with_bom(tmp_path, codec, name):
    f = tmp_path / "plan.txt"
    f.write_bytes(TEXT.encode(codec))  # Python writes the BOM for these codecs
    doc = read_document(f)
    assert (doc.encoding, doc.format) == (name, "txt")
    assert doc.lines[:2] == ["溧水区推动产业强区实现新跃升三年行动计划（2026—2028年）", "（责任单位：区工信局）"]


def test_gb18030_fallback_is_noted(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_bytes(TEXT.encode("gb18030"))
    doc = read_document(f)
    assert doc.encoding == "gb18030" and "not valid UTF-8" in doc.notes[0]


def test_content_wins_over_extension(tmp_path):
    as_txt = tmp_path / "plan.txt"
    as_txt.write_bytes(_docx_bytes("一、工作目标"))
    as_doc = tmp_path / "page.doc"  # government sites often serve a web page as .doc
    as_doc.write_bytes(f"<html><head><meta charset='gbk'></head><body>{ARTICLE}</body></html>".encode("gb18030"))
    docx, html = read_document(as_txt), read_document(as_doc)
    assert (docx.format, docx.lines) == ("docx", ["一、工作目标"])
    assert html.format == "html" and html.encoding == "gb18030"
    assert html.lines[0].startswith("为加快推进新型工业化")
    assert any("named .txt" in n for n in docx.notes) and any("named .doc" in n for n in html.notes)


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "save it as .docx"),
        ("plan.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "not supported"),
        ("plan.rtf", b"{\\rtf1\\ansi plan}", "RTF is not supported"),
        ("plan.ofd", _zip(["OFD.xml", "Doc_0/Document.xml"]), "OFD documents are not supported"),
        ("sheet.xlsx", _zip(["xl/workbook.xml"]), "not a plan document"),
        ("bundle.zip", _zip(["a.txt"]), "unpack it"),
        ("plan.docx", b"PK\x03\x04" + b"\x00" * 40, "corrupt or truncated zip"),
        ("plan.docx", "一、工作目标\n".encode(), "not a Word document"),
        ("plan.pdf", "一、工作目标\n".encode(), "no PDF header"),
        ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "OCR"),
        ("empty.docx", b"", "empty"),
    ],
)
def test_unsupported_and_corrupt_files_say_what_to_do(tmp_path, name, data, message):
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(ParseError) as info:
        read_document(f)
    assert str(f) in str(info.value)
    assert message in str(info.value)


def test_missing_file_and_folder_are_named(tmp_path):
    for target, message in ((tmp_path / "nope.pdf", "cannot read"), (tmp_path, "folder")):
        with pytest.raises(ParseError) as info:
            read_document(target)
        assert str(target) in str(info.value) and message in str(info.value)


def test_folder_walk_takes_every_plan_format(tmp_path):
    names = [
        "a.txt", "b.docx", "c.HTML", "d.htm", "e.pdf", "f.doc", "sub/g.md", "notes.json",
        "~$b.docx", ".hidden.txt", ".git/h.txt", "img.png",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_plan_files([tmp_path])]
    # .doc is walked so that the batch reports why it failed instead of skipping it
    assert found == ["a.txt", "b.docx", "c.HTML", "d.htm", "e.pdf", "f.doc", "sub/g.md"]
    assert iter_plan_files([tmp_path / "img.png"]) == [tmp_path / "img.png"]
