"""Plain text in the encodings plans come in: UTF-8 (with or without BOM),
UTF-16/32 with a BOM, GB18030 and its subsets GBK and GB2312. The encoding used is
always returned; a fallback past UTF-8 is written into the notes, never silent."""

from __future__ import annotations

import codecs

from plankg.errors import ParseError
from plankg.loaders.formats import Extracted

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]
# Encodings charset-normalizer may name for Chinese text that GB18030 decodes
# identically (it is their superset).
GB_FAMILY = {"gb18030", "gbk", "gb2312", "cp936", "hz", "euc_cn", "ms936"}


def bom_encoding(data: bytes) -> tuple[str, str, int] | None:
    """(codec, recorded name, BOM length) when the bytes open with a byte-order mark."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name, len(bom)
    return None


def strict_decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(path, f"cannot decode the text as {encoding}", line) from None


def decode_text(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """Decode plan text; returns (text, encoding used, notes on how it was chosen)."""
    if not data.strip():
        raise ParseError(path, "the file is empty")
    bom = bom_encoding(data)
    if bom:
        codec, name, size = bom
        text = strict_decode(data[size:], codec, path)
        if not text.strip():
            raise ParseError(path, "the file is empty")
        return text, name, [f"encoding {name}: byte-order mark"]
    if b"\x00" in data[:4096]:
        raise ParseError(
            path,
            "this is a binary file, not plan text (UTF-16 text needs a byte-order mark; "
            "save it as UTF-8)",
        )
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as utf8_error:
        first_bad = data[: utf8_error.start].count(b"\n") + 1
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        return text, "gb18030", [
            f"encoding gb18030: not valid UTF-8 (line {first_bad}), valid GB18030 (covers GBK and GB2312)"
        ]
    # Other encodings are not read: a wrong guess would turn the plan into plausible
    # garbage. The detector's opinion only helps the user convert the file.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    hint = f" (it may be {best.encoding}: convert it to UTF-8)" if best is not None else ""
    raise ParseError(path, f"cannot decode the text as UTF-8 or GB18030{hint}", first_bad)


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_text(data: bytes, path: str) -> Extracted:
    text, encoding, notes = decode_text(data, path)
    return Extracted(lines=split_lines(text), encoding=encoding, notes=notes)
