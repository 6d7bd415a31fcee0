"""One adapter for the places where Ladybug's Cypher differs from Neo4j's.

Queries are written in Neo4j's Cypher, keeping to what both accept where possible;
`adapt(cypher, "ladybug")` rewrites the few constructs Ladybug spells otherwise:

- map projection `a {.name, .id}` / `a {.name, k: expr}` → map literal `{name: a.name, …}`
- `type(r)` → `label(r)`
- `SET n += {k: v, …}` (a literal map) → `SET n.k = v, …`
- the short pattern form of EXISTS, `EXISTS { (a)-[:R]->() }` → `EXISTS { MATCH (a)-[:R]->() }`

Neo4j gets the text unchanged except `label(x)` → `type(x)` for text written the other way.
String literals and comments are never rewritten.
"""

from __future__ import annotations

import re

_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def _outside_literals(text: str, fn) -> str:
    """Apply fn to the stretches of text that are not string literals or comments."""
    out, pos = [], 0
    for m in _LITERAL.finditer(text):
        out.append(fn(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fn(text[pos:]))
    return "".join(out)


def _mask_literals(text: str) -> tuple[str, list[str]]:
    saved: list[str] = []

    def keep(m):
        saved.append(m.group(0))
        return f"\x00{len(saved) - 1}\x00"

    return _LITERAL.sub(keep, text), saved


def _unmask(text: str, saved: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m.group(1))], text)


def split_top(body: str) -> list[str]:
    """Split a map body or a RETURN list at commas outside brackets and strings."""
    parts, depth, cur, quote = [], 0, "", None
    for ch in body:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


# `var {` where the brace opens a projection: the first item starts with `.` .
_PROJECTION = re.compile(r"\b([A-Za-z_]\w*)\s*\{\s*(?=\.)")


def _rewrite_projections(text: str) -> str:
    while True:
        m = _PROJECTION.search(text)
        if not m:
            return text
        var, start = m.group(1), m.end()
        depth, i = 1, start
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        items = []
        for item in split_top(text[start : i - 1]):
            if item.startswith("."):
                name = item[1:].strip()
                items.append(f"{name}: {var}.{name}")
            else:
                items.append(item)
        text = text[: m.start()] + "{" + ", ".join(items) + "}" + text[i:]


_SET_PLUS = re.compile(r"\bSET\s+([A-Za-z_]\w*)\s*\+=\s*\{([^{}]*)\}", re.I)


def _rewrite_set_plus(text: str) -> str:
    def expand(m):
        var = m.group(1)
        items = []
        for item in split_top(m.group(2)):
            key, _, value = item.partition(":")
            items.append(f"{var}.{key.strip()} = {value.strip()}")
        return "SET " + ", ".join(items)

    return _SET_PLUS.sub(expand, text)


_EXISTS_SHORT = re.compile(r"\bEXISTS\s*\{\s*(?=\()", re.I)


def adapt(cypher: str, dialect: str) -> str:
    if dialect == "neo4j":
        return _outside_literals(cypher, lambda s: re.sub(r"\blabel\s*\(", "type(", s))
    if dialect != "ladybug":
        raise ValueError(f"unknown Cypher dialect {dialect!r}")
    masked, saved = _mask_literals(cypher)
    masked = _rewrite_projections(masked)
    masked = _rewrite_set_plus(masked)
    masked = re.sub(r"(?<![\w.])type\s*\(", "label(", masked)
    masked = _EXISTS_SHORT.sub("EXISTS { MATCH ", masked)
    return _unmask(masked, saved)
