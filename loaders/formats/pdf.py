"""PDF with a text layer (pdfplumber): page heads, footers and page numbers
removed, lines wrapped by the page re-joined into paragraphs.

A line joins the next when it runs to the right margin and does not end a
sentence (。；：！？); a heading or list item (一、（一）1.) always starts a new
line. Documents that indent the first line of each paragraph (as 公文 do) give a
stronger signal, used when present: an unindented line after a full line carries
on the paragraph even across a 。 at the margin. Scanned pages have no text layer;
they are reported, not guessed at.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from plankg.errors import ParseError
from plankg.loaders.formats import Extracted, clean_line, layout_rules

_CLOSERS = "”’」』》）)】〕]"


@dataclass
class PdfLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PdfPage:
    width: float
    height: float
    lines: list[PdfLine]


def _patterns(key: str) -> list[re.Pattern]:
    return [re.compile(p) for p in layout_rules()["pdf"][key]]


def _in_band(line: PdfLine, page: PdfPage, band: float) -> bool:
    return line.top < page.height * band or line.bottom > page.height * (1 - band)


def strip_page_furniture(pages: list[PdfPage]) -> tuple[list[list[PdfLine]], list[str]]:
    """Drop page numbers and running heads/footers from the top and bottom bands."""
    rules = layout_rules()["pdf"]
    numbers = _patterns("page_number_patterns")
    band = rules["margin_band"]
    recurring: Counter[str] = Counter()
    for page in pages:
        seen = {re.sub(r"\d+", "#", clean_line(l.text)) for l in page.lines if _in_band(l, page, band)}
        recurring.update(seen)
    threshold = max(2, rules["running_share"] * len(pages))
    running = {text for text, n in recurring.items() if n >= threshold and text}
    dropped_numbers = dropped_running = 0
    out: list[list[PdfLine]] = []
    for page in pages:
        kept: list[PdfLine] = []
        for line in page.lines:
            text = clean_line(line.text)
            if not text:
                continue
            if _in_band(line, page, band):
                if any(p.match(text) for p in numbers):
                    dropped_numbers += 1
                    continue
                if re.sub(r"\d+", "#", text) in running:
                    dropped_running += 1
                    continue
            kept.append(PdfLine(text, line.x0, line.x1, line.top, line.bottom))
        out.append(kept)
    notes = []
    if dropped_numbers:
        notes.append(f"pdf: {dropped_numbers} page number line(s) removed")
    if dropped_running:
        notes.append(f"pdf: {dropped_running} running head/footer line(s) removed")
    return out, notes


def _joiner(before: str, after: str) -> str:
    """Latin words wrapped at a space lose it at the line end; put it back. Chinese
    text and numbers are written without spaces."""
    latin = before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
    return " " if latin else ""


def join_lines(pages: list[list[PdfLine]]) -> list[str]:
    """Re-join lines the page wrapped into the paragraphs they were written as."""
    body = [l for page in pages for l in page]
    if not body:
        return []
    rules = layout_rules()["pdf"]
    endings = rules["paragraph_endings"]
    starts = _patterns("new_paragraph_patterns")
    char = median(l.bottom - l.top for l in body) or 10.0
    left = min(l.x0 for l in body)
    right = max(l.x1 for l in body)
    indented = [l for l in body if left + 1.5 * char <= l.x0 <= left + 2.6 * char]
    # A document indents paragraphs when a good share of its lines start ~2 chars in.
    indent_doc = len(indented) >= max(2, 0.1 * len(body))
    out: list[str] = []
    previous: PdfLine | None = None
    for line in body:
        if previous is not None and out:
            full = previous.x1 >= right - char
            closed = previous.text.rstrip(_CLOSERS)[-1:] in endings if previous.text.rstrip(_CLOSERS) else True
            starts_new = any(p.match(line.text) for p in starts)
            if indent_doc:
                # A two-character indent opens a paragraph; a flush-left line after a
                # full one carries it on even past a 。 at the margin; any other
                # position (centred display lines) falls back to punctuation.
                para_start = left + 1.5 * char <= line.x0 <= left + 2.6 * char
                flush = line.x0 < left + 0.8 * char
                joins = full and not starts_new and not para_start and (flush or not closed)
            else:
                joins = full and not closed and not starts_new
            if joins:
                out[-1] = out[-1] + _joiner(out[-1][-1:], line.text[:1]) + line.text
                previous = line
                continue
        out.append(line.text)
        previous = line
    return out


def _open_pages(data: bytes, path: str) -> tuple[list[PdfPage], list[int]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    pages: list[PdfPage] = []
    empty: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                lines = [
                    PdfLine(l["text"], l["x0"], l["x1"], l["top"], l["bottom"])
                    for l in page.extract_text_lines(strip=True, return_chars=False)
                ]
                if not lines:
                    empty.append(number)
                pages.append(PdfPage(float(page.width), float(page.height), lines))
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise ParseError(path, "the PDF is password-protected; remove the password and try again") from None
        raise ParseError(path, f"corrupt or truncated PDF ({cause or type(cause).__name__})") from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise ParseError(path, f"corrupt or truncated PDF ({type(exc).__name__}: {exc})") from None
    return pages, empty


def read_pdf(data: bytes, path: str) -> Extracted:
    pages, empty = _open_pages(data, path)
    if not pages:
        raise ParseError(path, "the PDF has no pages")
    if len(empty) == len(pages):
        raise ParseError(path, "the PDF has no text layer (a scan?): run OCR on it first, or use the Word original")
    kept, notes = strip_page_furniture(pages)
    if empty:
        notes.append(f"pdf: page(s) {', '.join(map(str, empty))} have no text layer (scanned?); their text is missing")
    return Extracted(lines=join_lines(kept), encoding="n/a", notes=notes)
