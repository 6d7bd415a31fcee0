"""Text normalisation: extracted plan text → clean lines → logical paragraphs.

Plan text comes out of Word, PDF and web pages with the scars of its layout: page
numbers (`— 1 —`), a paragraph or a word broken across a blank line
(`市工业和\n\n信息化局`), a heading split over two lines, stray tabs and spaces, and
full-width and half-width punctuation mixed in one document. Everything here keeps
the line number of the first source line of each paragraph, so errors and records
point back into the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CN_NUM = "一二三四五六七八九十"

# Page furniture: `— 1 —`, `- 12 -`, `－3－`, `第 2 页`, `第2页 共9页`.
PAGE_NUMBER = re.compile(
    r"^\s*(?:[—–\-－─]+\s*\d{1,4}\s*[—–\-－─]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
PART_HEAD = re.compile(rf"^([{CN_NUM}]{{1,3}})\s*[、．.]\s*(\S.*)$")
SECTION_HEAD = re.compile(rf"^[（(]\s*([{CN_NUM}]{{1,3}})\s*[）)]\s*(.*)$")
TASK_HEAD = re.compile(r"^(\d{1,3})\s*(?:[.．](?!\d)|、)\s*(.*)$")
SUB_ITEM = re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")
BULLET = re.compile(r"^(?:——|—|－－|--|●|■|◆|▲|★|•)")
# Dates are printed in arabic or in Chinese numerals (`二〇二五年三月十日`).
CN_DIGITS = "〇○零一二三四五六七八九"
DATE_LINE = re.compile(
    rf"^(?:\d{{4}}|[{CN_DIGITS}]{{4}})\s*年\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月"
    rf"\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日(?:印发|发布)?$")
TAIL_HEAD = re.compile(r"^(?:抄送|抄报|附件|附表)\s*[：:]?")
# A responsibility label written on its own line after a task: `牵头单位：区工信局`.
LABEL_LINE = re.compile(r"^(?:牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|主责单位|主办单位|承办单位|负责单位|实施单位)\s*[：:]")

# A paragraph that ends with one of these is complete; anything else followed by
# more text is a paragraph broken by the layout.
TERMINAL = tuple("。！？；：!?;:）)〕】」』") + ("通知", "文件")

# A plan title ends with its kind; the paragraph after it is never its continuation.
TITLE_ENDS = ("方案", "计划", "要点", "意见", "规划", "措施", "细则", "纲要")

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}“”‘’（）《》〔〕、，。；：])[ \t\u3000]+(?=[{CJK}“”‘’（）《》〔〕、，。；：])")
_SPACE_NEAR_DIGIT = re.compile(rf"(?<=[{CJK}（）])[ \t\u3000]+(?=\d)|(?<=\d)[ \t\u3000]+(?=[{CJK}%％（）])")


# PDF text: full-width digits (２０２７年), footnote markers after a word or number
# (４５０家①; at a line's start ① opens the footnote itself or a list item and stays),
# and a thousands space inside a number (1 500亿元).
_FULLWIDTH_DIGIT = re.compile("[\uff10-\uff19]")
_FOOTNOTE_MARK = re.compile(r"(?<=\S)[\u2460-\u2473\u00b9\u00b2\u00b3\u2074-\u2079]+")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


def cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None if not a small Chinese numeral."""
    digits = {c: i + 1 for i, c in enumerate(CN_NUM[:9])}
    if not text or any(c not in CN_NUM for c in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(text) if len(text) == 1 else None


def normalize_line(line: str) -> str:
    """One source line, cleaned without changing what it says: NFKC-safe fixes only
    (ideographic spaces, tabs, spaces between Chinese characters), page numbers
    dropped. Full-width brackets and colons are kept as written: the clause reader
    accepts both widths, and raw unit names must stay as printed."""
    s = line.replace("\ufeff", "").replace("\u00a0", " ").replace("\u3000", " ")
    s = s.strip()
    if PAGE_NUMBER.match(s):
        return ""
    s = s.replace("\t", " ")
    s = _FULLWIDTH_DIGIT.sub(lambda m: chr(ord(m.group()) - 0xFF10 + 0x30), s)
    s = _FOOTNOTE_MARK.sub("", s)
    s = _SPACE_IN_NUMBER.sub("", s)
    s = _SPACE_BETWEEN_CJK.sub("", s)
    s = _SPACE_NEAR_DIGIT.sub("", s)
    s = re.sub(r" {2,}", " ", s)
    return s


def unify_punct(text: str) -> str:
    """Half-width punctuation → full-width where Chinese text is written with it, for
    matching only (never for stored raw names): `(责任单位:X)` reads as `（责任单位：X）`."""
    table = {"(": "（", ")": "）", ":": "：", ";": "；", ",": "，", "〈": "<", "〉": ">", "＜": "<", "＞": ">"}
    out = []
    for i, ch in enumerate(text):
        if ch in ",:;" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            out.append(ch)  # 1,000 and 10:30 stay numbers
        else:
            out.append(table.get(ch, ch))
    return "".join(out)


def is_structural(s: str) -> bool:
    """Whether a line opens a new block: a part, section, numbered task, bullet, tail."""
    if PART_HEAD.match(s) and len(s) <= 40 and not s.rstrip("。").count("。"):
        return True
    return bool(
        SECTION_HEAD.match(s)
        or TASK_HEAD.match(s)
        or SUB_ITEM.match(s)
        or BULLET.match(s)
        or TAIL_HEAD.match(s)
        or LABEL_LINE.match(s)
        or DATE_LINE.match(s)
    )


def is_heading(s: str) -> bool:
    """A short part or section heading with no sentence after it: `一、工作目标`."""
    if "。" in s or len(s) > 30:
        return False
    return bool(PART_HEAD.match(s) or SECTION_HEAD.match(s))


# A numbered task heading printed as a line of its own, its body on the next line
# (`1.加快发展新能源汽车产业`): short and without any punctuation. A heading sentence
# merely wrapped by the page runs to the full line width (28+ characters in the
# official layout) or carries its `。`, so this reads no wrapped line as a heading.
HEADING_LINE_MAX = 24


def task_heading_line(s: str) -> bool:
    m = TASK_HEAD.match(s)
    if not m:
        return False
    rest = m.group(2)
    return 2 <= len(rest) <= HEADING_LINE_MAX and not re.search(r"[。，,；;：:、（()）！？\d%]", rest)


@dataclass
class Paragraph:
    line: int  # 1-based line of its first source line
    text: str
    end_line: int = 0


def paragraphs(lines: list[str], skip: set[int] | None = None) -> list[Paragraph]:
    """Logical paragraphs from source lines. A line joins the paragraph before it when
    that paragraph is not finished (no closing punctuation, not a heading) and the line
    does not open a new block: this mends words, sentences and headings split across
    (blank) lines. `skip` holds 1-based line numbers to leave out (tables)."""
    skip = (skip or set()) | running_heads(lines)
    out: list[Paragraph] = []
    cur: Paragraph | None = None
    for i, raw in enumerate(lines, start=1):
        if i in skip:
            if cur:
                out.append(cur)
                cur = None
            continue
        s = normalize_line(raw)
        if not s:
            continue
        if cur is not None and _continues(cur.text, s):
            cur.text += s
            cur.end_line = i
            continue
        if cur is not None:
            out.append(cur)
        cur = Paragraph(i, s, i)
    if cur is not None:
        out.append(cur)
    return out


# A document number on its own line (`鲁政办发〔2025〕8号`): never part of a paragraph.
DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,8}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号$")


def running_heads(lines: list[str]) -> set[int]:
    """1-based numbers of running-head lines: a short line printed next to a page number
    (just after or before it) whose text the document prints more than once, as a PDF
    repeats the plan's title or the issuer's name on every page."""
    texts = [normalize_line(x) if not PAGE_NUMBER.match(x.strip()) else None for x in lines]
    counts: dict[str, int] = {}
    for t in texts:
        if t:
            counts[t] = counts.get(t, 0) + 1
    heads: set[int] = set()
    for i, raw in enumerate(lines):
        if not raw.strip() or not PAGE_NUMBER.match(raw.strip()):
            continue
        for step in (1, -1):
            k = i + step
            while 0 <= k < len(lines) and not lines[k].strip():
                k += step
            if 0 <= k < len(lines):
                t = texts[k]
                if t and counts.get(t, 0) >= 2 and len(t) <= 40 and not t.endswith(TERMINAL) \
                        and not is_structural(t):
                    heads.add(k + 1)
    return heads


def _continues(prev: str, nxt: str) -> bool:
    if is_structural(nxt) or DOC_NUMBER_LINE.match(nxt) or DOC_NUMBER_LINE.match(prev):
        return False
    if is_heading(prev) or DATE_LINE.match(prev) or TAIL_HEAD.match(prev) and prev.endswith("。"):
        return False
    if task_heading_line(prev):
        return False
    if LABEL_LINE.match(prev) and not prev.endswith(("、", "，", ",")) and nxt.endswith("。") \
            and re.search(r"[，,\d]", nxt):
        # `责任单位：…` printed before the task's body: the sentence after it is the body,
        # not more units (a wrapped unit list carries no sentence)
        return False
    if prev.endswith(TITLE_ENDS) and len(prev) <= 60 and "。" not in prev and (
            nxt.startswith("为") or re.search(r"[。：:]", nxt[:-1]) or "，" in nxt[:30]):
        # a title, then the preamble `为……，制定本方案。` or any opening sentence
        # (`2025年是……之年。`); a title's second line is short and has no sentence in it
        return False
    if prev.endswith(TERMINAL):
        # A clause split after its closing bracket never happens, but a clause that
        # opens on a new line after a finished sentence is its own paragraph.
        return False
    if re.match(r"^[（(]\d{4}", nxt):
        return True  # a title's period on its own line: `（2026—2028年）`
    if nxt.startswith(("（", "(")) and not prev.endswith(("、", "，", ",")):
        # `（征求意见稿）`, `（此件公开发布）`, a clause on its own line
        return _unclosed(prev)
    return True


def _unclosed(s: str) -> bool:
    """Whether a bracket opened in `s` is still open (the next line continues it)."""
    depth = 0
    for ch in s:
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】" and depth:
            depth -= 1
    return depth > 0


def width_fold(s: str) -> str:
    """Full-width ASCII letters and digits → half-width (NFKC on those only)."""
    return "".join(unicodedata.normalize("NFKC", c) if "\uff10" <= c <= "\uff5a" else c for c in s)


def table_title_line(lines: list[str], header_index: int, words, *, max_len: int = 60) -> int | None:
    """Index of a table's title line (`…目标体系`, `重点任务分工表`) just above its header
    row, or None. A lone `附件`/`附表` line above the title belongs to the table too."""
    i = header_index - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    if i < 0:
        return None
    text = normalize_line(lines[i])
    if len(text) > max_len or "。" in text or "\t" in lines[i].strip() or not any(w in text for w in words):
        return None
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k >= 0 and re.fullmatch(r"(?:附件|附表)\s*\d*\s*[：:]?", normalize_line(lines[k])):
        return k
    return i


_WHITESPACE = re.compile(r"\s+")
# The rule line under a Markdown table's header: | --- | :---: |
PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def squash(text: str) -> str:
    """Text with every whitespace removed (table cells compared across layouts)."""
    return _WHITESPACE.sub("", text)

