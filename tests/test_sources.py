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
