"""Reading a file into text lines: bytes → decoded, normalised lines with provenance.

Every format ends here as a `SourceDocument`: a list of lines the plan parser reads.
Tables from formats that have them (Word, HTML) become tab-separated lines, the
same shape as a tab-separated table in extracted text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from plankg.errors import ParseError

PLAN_SUFFIXES = {".txt", ".text", ".md"}


@dataclass
class SourceDocument:
    path: str
    sha256: str
    encoding: str
    format: str
    lines: list[str]  # without line endings; line N of the file is lines[N-1]
    notes: list[str] = field(default_factory=list)


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode plan text, naming the encoding used. Never guesses silently: UTF-8
    (with or without BOM) first, then GB18030 (a superset of GBK and GB2312); bytes
    that are neither are an error naming the file and the first bad line."""
    if not data.strip():
        raise ParseError(path, "the file is empty")
    if b"\x00" in data[:4096]:
        raise ParseError(path, "this is a binary file, not plan text")
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", path), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise ParseError(path, "cannot decode the text as UTF-8 or GB18030", line) from None


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(path, f"cannot decode the text as {encoding}", line) from None


def read_document(path: str | Path) -> SourceDocument:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ParseError(str(p), f"cannot read the file: {exc.strerror or exc}") from None
    text, encoding = decode_text(data, str(p))
    return SourceDocument(
        path=str(p),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        format="txt",
        lines=text.replace("\r\n", "\n").replace("\r", "\n").split("\n"),
    )


def iter_plan_files(paths) -> list[Path]:
    """Expand files and folders into the plan files to read, in a stable order.
    A file named explicitly is always returned (so a wrong one gets a clear error);
    in a folder only known plan suffixes are taken."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in PLAN_SUFFIXES)
            )
        else:
            out.append(p)
    return out
