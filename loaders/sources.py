"""Reading a file into text lines: bytes → decoded, normalised lines with provenance.

Every format ends here as a `SourceDocument`: a list of lines the plan parser reads.
`read_document` chooses the reader by content first (magic bytes), extension
second, so a .doc that is really a web page or a .txt that is really a PDF is still
read right. Tables from formats that have them (Word, HTML) become tab-separated
lines, the same shape as a tab-separated table in extracted text. The readers
themselves are in `plankg.loaders.formats`.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from plankg.errors import ParseError
from plankg.loaders.formats import Extracted
from plankg.loaders.formats import text as _text

PLAN_SUFFIXES = {".txt", ".text", ".md", ".docx", ".html", ".htm", ".xhtml", ".shtml", ".pdf"}
# Formats plans also come in that cannot be read: a folder walk still returns them
# so that the batch summary says why each failed instead of skipping it silently.
UNSUPPORTED_SUFFIXES = {".doc", ".wps", ".rtf", ".ofd", ".odt", ".xls", ".xlsx", ".ppt", ".pptx"}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|table)\b", re.I | re.S)
_SAVE_AS = "open it in Word or WPS and save it as .docx (or: soffice --headless --convert-to docx FILE)"


@dataclass
class SourceDocument:
    path: str
    sha256: str
    encoding: str
    format: str  # txt, docx, html, pdf
    lines: list[str]  # without line endings; line N of the file is lines[N-1]
    notes: list[str] = field(default_factory=list)  # how the reader decided (charset, dropped page heads)


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode plan text, naming the encoding used: a BOM (UTF-8/16/32), else UTF-8,
    else GB18030 (a superset of GBK and GB2312); bytes that are neither are an error
    naming the file and the first bad line. `plankg.loaders.formats.text.decode_text`
    also returns the notes on how the encoding was chosen."""
    text, encoding, _notes = _text.decode_text(data, path)
    return text, encoding


def sniff_format(data: bytes, path: str) -> str:
    """The format of the bytes: docx, pdf, html or txt; anything else is a ParseError
    that names the file and says what to do."""
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    head = data[:2048]
    if not data.strip():
        raise ParseError(path, "the file is empty")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, path)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        if suffix in (".xls", ".ppt"):
            raise ParseError(path, f"{name} is an old binary Office file, not a plan document")
        raise ParseError(path, f"old binary Word/WPS format (.doc/.wps) is not supported: {_SAVE_AS}")
    if head.lstrip().startswith(b"{\\rtf"):
        raise ParseError(path, f"RTF is not supported: {_SAVE_AS}")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise ParseError(path, "this is a binary file (an image), not plan text: run OCR on it first")
    if head.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")):
        raise ParseError(path, "this is a compressed archive: unpack it and load the files inside")
    bom = _text.bom_encoding(head)
    probe = head[bom[2]:].decode(bom[0], "ignore").encode("utf-8") if bom else head
    if _HTML_START.match(probe) or (suffix in (".html", ".htm", ".xhtml", ".shtml") and probe.lstrip().startswith(b"<")):
        return "html"
    if suffix == ".docx":
        raise ParseError(path, f"{name} is named .docx but is not a Word document (no zip package inside)")
    if suffix == ".pdf":
        raise ParseError(path, f"{name} is named .pdf but has no PDF header: the file is damaged or not a PDF")
    if suffix in UNSUPPORTED_SUFFIXES:
        raise ParseError(path, f"{suffix} files are not supported: {_SAVE_AS}")
    return "txt"


def _zip_kind(data: bytes, path: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile:
        raise ParseError(path, f"corrupt or truncated zip package (a .docx?): cannot open it; {_SAVE_AS} again") from None
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        raise ParseError(path, "OFD documents are not supported: export it as PDF or Word first")
    if "content.xml" in names:
        raise ParseError(path, f"OpenDocument files are not supported: {_SAVE_AS}")
    if any(n.startswith(("xl/", "ppt/")) for n in names):
        raise ParseError(path, "this is an Excel or PowerPoint file, not a plan document")
    raise ParseError(path, "a zip archive that is not a Word document: unpack it and load the files inside")


def _read(kind: str, data: bytes, path: str) -> Extracted:
    if kind == "docx":
        from plankg.loaders.formats.docx import read_docx

        return read_docx(data, path)
    if kind == "pdf":
        from plankg.loaders.formats.pdf import read_pdf

        return read_pdf(data, path)
    if kind == "html":
        from plankg.loaders.formats.html import read_html

        return read_html(data, path)
    return _text.read_text(data, path)


def read_document(path: str | Path) -> SourceDocument:
    """Read any supported plan file into lines; raises ParseError naming the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise ParseError(str(p), "this is a folder: use iter_plan_files to walk it") from None
    except OSError as exc:
        raise ParseError(str(p), f"cannot read the file: {exc.strerror or exc}") from None
    kind = sniff_format(data, str(p))
    extracted = _read(kind, data, str(p))
    notes = list(extracted.notes)
    suffix = p.suffix.lower()
    expected = {"docx": {".docx"}, "pdf": {".pdf"}, "html": {".html", ".htm", ".xhtml", ".shtml"}}.get(kind)
    if expected is not None and suffix not in expected:
        notes.append(f"read as {kind} by its content although named {suffix or 'without an extension'}")
    return SourceDocument(
        path=str(p),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=extracted.encoding,
        format=kind,
        lines=extracted.lines,
        notes=notes,
    )


def iter_plan_files(paths) -> list[Path]:
    """Expand files and folders into the plan files to read, in a stable order.
    A file named explicitly is always returned (so a wrong one gets a clear error);
    in a folder, known plan suffixes are taken, and known unreadable ones (.doc,
    .wps …) too so that they are reported; hidden files and Word's `~$` lock files
    are left out."""
    wanted = PLAN_SUFFIXES | UNSUPPORTED_SUFFIXES
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and f.suffix.lower() in wanted
                    and not f.name.startswith((".", "~$"))
                    and not any(part.startswith(".") for part in f.relative_to(p).parts[:-1])
                )
            )
        else:
            out.append(p)
    return out
