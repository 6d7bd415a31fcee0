"""Government web pages: the article body as lines, without navigation, headers,
footers or scripts. The charset comes from a byte-order mark or the page's own
declaration (<meta charset> / http-equiv / XML declaration), else it is detected
with charset-normalizer; either way the encoding used is recorded."""

from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from plankg.errors import ParseError
from plankg.loaders.formats import Extracted, cell_text, clean_line, layout_rules, table_lines
from plankg.loaders.formats.text import GB_FAMILY, bom_encoding

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""",
    re.IGNORECASE,
)
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "main", "blockquote", "pre", "center", "address", "figure",
    "figcaption", "hr", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "table",
    "fieldset", "details", "summary", "body", "html",
}
_HEADINGS = ("h1", "h2", "h3")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2010-\u206f"
# A line break in the page source between two Chinese characters is source
# formatting, not a space: browsers and readers of Chinese text do not see one.
_SOFT = "\x00"
_SOFT_CJK = re.compile(f"(?<=[{_CJK}]) *{_SOFT}[ {_SOFT}]*(?=[{_CJK}])")
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_WORD_SPLIT = re.compile(r"[-_\s]+")


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name in GB_FAMILY or label.lower() in GB_FAMILY else name


def decode_html(data: bytes, path: str) -> tuple[str, str, list[str]]:
    bom = bom_encoding(data)
    if bom:
        codec, name, size = bom
        try:
            return data[size:].decode(codec), name, [f"encoding {name}: byte-order mark"]
        except UnicodeDecodeError:
            raise ParseError(path, f"the page has a {name} byte-order mark but is not valid {name}") from None
    match = _DECLARED.search(data[:16384])
    declared = (match.group(1) or match.group(2)).decode("ascii", "replace") if match else None
    notes: list[str] = []
    if declared:
        codec = _codec_name(declared)
        if codec is None:
            notes.append(f"encoding: the page declares an unknown charset {declared!r}")
        else:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                notes.append(f"encoding: the page declares {declared} but is not valid {codec}")
            else:
                if codec == declared.lower().replace("_", "-"):
                    return text, codec, []  # as the page says: nothing was decided
                return text, codec, [f"encoding {codec}: declared {declared}, read as {codec}"]
    try:
        return data.decode("utf-8"), "utf-8", notes + (
            ["encoding utf-8: valid UTF-8"] if declared else []
        )
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ParseError(path, "cannot tell the page's character encoding; save it as UTF-8")
    codec = _codec_name(best.encoding) or best.encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = str(best)
        codec = best.encoding
    return text, codec, notes + [f"encoding {codec}: no usable declaration, detected by charset-normalizer"]


def _words(tag: Tag) -> set[str]:
    names = [tag.get("id") or ""] + list(tag.get("class") or [])
    out: set[str] = set()
    for name in names:
        name = str(name).lower()
        out.add(name)
        out.update(w for w in _WORD_SPLIT.split(name) if w)
    return out


def _text_len(tag: Tag) -> int:
    return len(_HTML_SPACE.sub("", tag.get_text()))


def _link_len(tag: Tag) -> int:
    return sum(_text_len(a) for a in tag.find_all("a"))


def _has_block_child(tag: Tag) -> bool:
    return any(isinstance(c, Tag) and c.name in _BLOCK for c in tag.descendants)


def _best_by_density(body: Tag) -> Tag | None:
    """Readability-style: each paragraph's own text (links excluded) scores its
    parent fully and its grandparent by half; the best scorer holds the article."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for el in body.find_all(True):
        if el.name in ("p", "pre", "li", "h1", "h2", "h3", "h4", "table") or (
            el.name in ("div", "td", "span", "font") and not _has_block_child(el)
        ):
            own = _text_len(el) - _link_len(el)
            if own <= 0:
                continue
            for weight, anc in ((1.0, el.parent), (0.5, el.parent.parent if el.parent else None)):
                if isinstance(anc, Tag):
                    scores[id(anc)] = scores.get(id(anc), 0.0) + weight * own
                    tags[id(anc)] = anc
    if not scores:
        return None
    return tags[max(scores, key=scores.get)]


def _find_root(soup: BeautifulSoup, rules: dict) -> Tag:
    body = soup.body or soup
    minimum = rules["min_article_chars"]
    for selector in rules["content_selectors"]:
        found = [el for el in soup.select(selector) if _text_len(el) - _link_len(el) >= minimum]
        if found:
            return max(found, key=_text_len)
    return _best_by_density(body) or body


def _is_noise(tag: Tag, noise: set[str]) -> bool:
    if not (_words(tag) & noise):
        return False
    if tag.find(_HEADINGS) is not None and _link_len(tag) * 2 < _text_len(tag):
        return False  # an article head holding the title
    total = _text_len(tag)
    return total < 200 or _link_len(tag) * 2 >= total


def _preceding_title(root: Tag) -> list[str]:
    """Pages often print the title above the article container, outside it."""
    if root.find(_HEADINGS) is not None:
        return []
    for el in root.find_all_previous(True):
        if el.name in ("h1", "h2") or any("title" in w for w in _words(el)):
            if not 4 <= _text_len(el) <= 120 or el.find("a") is not None or el.find_parent("a") is not None:
                continue
            title = _Lines()
            title.walk(el)
            title.flush()
            return title.out
    return []


class _Lines:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        line = _SOFT_CJK.sub("", "".join(self.buf))
        line = clean_line(re.sub(" +", " ", line.replace(_SOFT, " ")))
        self.buf.clear()
        if line:
            self.out.append(line)

    def text(self, s: str, pre: bool) -> None:
        if pre:
            parts = s.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self.flush()
                self.buf.append(part)
            return
        s = re.sub(r"[ \t\r\f]*\n[ \t\r\n\f]*", _SOFT, s)
        self.buf.append(re.sub(r"[ \t\r\f]+", " ", s))

    def walk(self, node, pre: bool = False) -> None:
        for child in node.children:
            if isinstance(child, (Comment, CData, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.text(str(child), pre)
            elif isinstance(child, Tag):
                if child.name == "br":
                    self.flush()
                elif child.name == "table":
                    self.flush()
                    self.table(child)
                elif child.name in _BLOCK:
                    self.flush()
                    self.walk(child, pre or child.name == "pre")
                    self.flush()
                else:
                    self.walk(child, pre)

    def table(self, table: Tag) -> None:
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        cells_of = [[c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr] for tr in rows]
        layout = table.find("table") is not None or all(len(cells) <= 1 for cells in cells_of)
        if layout:  # a table used to place the page's blocks, not a data table
            for cells in cells_of:
                for cell in cells:
                    self.walk(cell)
                    self.flush()
            return
        caption = table.find("caption")
        if caption is not None:
            self.walk(caption)
            self.flush()
        self.out.extend(table_lines(_grid(cells_of, self._cell)))

    def _cell(self, cell: Tag) -> str:
        sub = _Lines()
        sub.walk(cell)
        sub.flush()
        return cell_text(sub.out)


def _span(cell: Tag, attr: str) -> int:
    try:
        return max(1, int(str(cell.get(attr, "1")).strip() or 1))
    except ValueError:
        return 1


def _grid(rows: list[list[Tag]], text) -> list[list[str]]:
    """Rows of <td>/<th> → contract cells: a rowspan gives an empty cell in the rows
    it covers below, a colspan gives its cell once."""
    pending: dict[int, list[int]] = {}  # grid column → [rows still covered, colspan]
    out: list[list[str]] = []
    for cells in rows:
        line: list[str] = []
        col = 0
        queue = list(cells)
        while queue or any(c >= col and v[0] > 0 for c, v in pending.items()):
            if col in pending and pending[col][0] > 0:
                pending[col][0] -= 1
                line.append("")
                col += pending[col][1]
                continue
            if not queue:
                col = min(c for c, v in pending.items() if c >= col and v[0] > 0)
                continue
            cell = queue.pop(0)
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            line.append(text(cell))
            if rowspan > 1:
                pending[col] = [rowspan - 1, colspan]
            col += colspan
        out.append(line)
    return out


def read_html(data: bytes, path: str) -> Extracted:
    text, encoding, notes = decode_html(data, path)
    soup = BeautifulSoup(text, "lxml")
    rules = layout_rules()["html"]
    for el in soup.find_all(rules["drop_tags"]):
        el.decompose()
    for el in soup.select('[hidden], [style*="display:none"], [style*="display: none"]'):
        el.decompose()
    root = _find_root(soup, rules)
    noise = set(rules["noise_words"])
    for el in [el for el in root.find_all(True) if _is_noise(el, noise)]:
        if not el.decomposed:
            el.decompose()
    builder = _Lines()
    title = _preceding_title(root)
    if title:
        builder.out.extend(title)
        notes.append("html: title taken from above the article container")
    builder.walk(root)
    builder.flush()
    if not builder.out:
        raise ParseError(path, "the page has no article text")
    return Extracted(lines=builder.out, encoding=encoding, notes=notes)
