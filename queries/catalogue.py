"""The query catalogue: named, parameterised Cypher files and the one runner over them.

Each `queries/<name>.cypher` opens with a header of `//` comment lines holding TOML
(name, title, description, params, columns). The header is the contract the API,
the CLI and the docs read; tests check it against the body ($names, RETURN columns).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from plankg.errors import QueryError

QUERY_DIR = Path(__file__).resolve().parent
ParamType = Literal["str", "int", "float", "bool"]
_PARAM_NAMES = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_TRUE = {"1", "true", "yes", "on", "t", "y"}
_FALSE = {"0", "false", "no", "off", "f", "n"}


class ParamSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    type: ParamType = "str"
    default: Any = None
    required: bool = False
    description: str = ""
    choices: tuple[Any, ...] | None = None
    min: float | None = None
    max: float | None = None
    example: Any = None


class QuerySpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title: str  # Chinese title for pages and tables
    description: str  # one line, English
    params: tuple[ParamSpec, ...] = ()
    columns: tuple[str, ...]
    # list-valued columns are sets: the runner sorts them so both stores agree
    list_columns: tuple[str, ...] = ()
    # the body ends in SKIP $offset LIMIT $limit; the runner can count the full result
    paged: bool = False
    # the full result is small (bounded by agencies or agency pairs) and costs a whole
    # aggregation to count: when a total is asked for, the runner fetches it once and
    # pages in Python instead of running the aggregation again for the count
    page_in_runner: bool = False
    # for bodies that cannot ORDER BY themselves (UNION ALL): the runner sorts by these
    sort_by: tuple[str, ...] = ()
    # param name -> the body to run instead while that param is given: in the header
    # `variants = {role = "role"}` names queries/<name>.role.cypher (a bare body, no
    # header, same columns and params). A fast form over a derived summary can thus
    # leave the filters it cannot answer to the form over the facts themselves.
    variants: dict[str, str] = Field(default_factory=dict, repr=False)
    cypher: str = Field(repr=False)
    path: str

    @field_validator("name")
    @classmethod
    def _name_is_identifier(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", v):
            raise ValueError(f"query name {v!r} must be lower_snake_case")
        return v

    def param(self, name: str) -> ParamSpec | None:
        return next((p for p in self.params if p.name == name), None)

    def body_params(self) -> set[str]:
        """The $names the bodies use, every variant's included."""
        return {name for body in (self.cypher, *self.variants.values()) for name in _PARAM_NAMES.findall(_strip_comments(body))}

    def cypher_for(self, values: Mapping[str, Any]) -> str:
        """The body to run for these parameter values (a variant when its param is given)."""
        for name, body in self.variants.items():
            if values.get(name) is not None:
                return body
        return self.cypher


class QueryResult(BaseModel):
    name: str
    columns: list[str]
    rows: list[dict[str, Any]]
    total: int | None = None  # rows before limit/offset, when asked for
    params: dict[str, Any] = Field(default_factory=dict)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def parse_query_file(path: Path) -> QuerySpec:
    """Read one catalogue file. A bad header is a QueryError naming the file."""
    text = path.read_text(encoding="utf-8")
    header_lines: list[str] = []
    body_start = 0
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("//"):
            header_lines.append(line[3:] if line.startswith("// ") else line[2:])
            body_start = i + 1
        elif line.strip():
            break
        else:
            body_start = i + 1
    try:
        header = tomllib.loads("\n".join(header_lines))
    except tomllib.TOMLDecodeError as exc:
        raise QueryError(f"{path}: the header is not valid TOML: {exc}") from None
    body = "\n".join(lines[body_start:]).strip()
    variants = header.pop("variants", {})
    if not isinstance(variants, dict):
        raise QueryError(f"{path}: bad header: variants must be a table of param = file suffix")
    bodies = {}
    for param, suffix in variants.items():
        variant = path.with_name(f"{path.stem}.{suffix}.cypher")
        try:
            bodies[param] = variant.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise QueryError(f"{path}: variant for {param!r} cannot be read: {exc}") from None
    header["variants"] = bodies
    try:
        spec = QuerySpec(**header, cypher=body, path=str(path))
    except (ValidationError, TypeError) as exc:
        raise QueryError(f"{path}: bad header: {exc}") from None
    if spec.name != path.stem:
        raise QueryError(f"{path}: header name {spec.name!r} differs from the file name")
    return spec


@cache
def _catalogue() -> dict[str, QuerySpec]:
    # <name>.<suffix>.cypher files are variants of <name>, read with it
    return {p.stem: parse_query_file(p) for p in sorted(QUERY_DIR.glob("*.cypher")) if "." not in p.stem}


def list_queries() -> list[QuerySpec]:
    return list(_catalogue().values())


def get_query(name: str) -> QuerySpec:
    try:
        return _catalogue()[name]
    except KeyError:
        known = ", ".join(_catalogue())
        raise QueryError(f"unknown query {name!r}; known queries: {known}", param="name") from None


def _coerce(p: ParamSpec, value: Any) -> Any:
    if p.type == "str":
        out: Any = str(value)
    elif p.type == "bool":
        if isinstance(value, bool):
            out = value
        elif str(value).strip().lower() in _TRUE:
            out = True
        elif str(value).strip().lower() in _FALSE:
            out = False
        else:
            raise QueryError(f"parameter {p.name!r} must be true or false, not {value!r}", param=p.name)
    elif p.type == "int":
        if isinstance(value, bool):
            raise QueryError(f"parameter {p.name!r} must be a whole number, not {value!r}", param=p.name)
        try:
            out = int(value) if not isinstance(value, float) or value.is_integer() else None
        except (TypeError, ValueError):
            out = None
        if out is None:
            raise QueryError(f"parameter {p.name!r} must be a whole number, not {value!r}", param=p.name)
        if not -(2**63) <= out < 2**63:  # both stores hold 64-bit integers; beyond, the driver fails
            raise QueryError(f"parameter {p.name!r} is out of range: {value!r}", param=p.name)
    else:
        try:
            out = float(value)
        except (TypeError, ValueError):
            raise QueryError(f"parameter {p.name!r} must be a number, not {value!r}", param=p.name) from None
    if p.choices is not None and out not in p.choices:
        allowed = ", ".join(str(c) for c in p.choices)
        raise QueryError(f"parameter {p.name!r} must be one of {allowed}, not {value!r}", param=p.name)
    if p.min is not None and out < p.min:
        raise QueryError(f"parameter {p.name!r} must be at least {p.min:g}, not {value!r}", param=p.name)
    if p.max is not None and out > p.max:
        raise QueryError(f"parameter {p.name!r} must be at most {p.max:g}, not {value!r}", param=p.name)
    return out


def validate_params(spec: QuerySpec, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Coerce raw values (strings from a URL or the command line, or typed values) to
    the declared types, fill defaults, and refuse unknown or bad parameters. Every
    declared parameter is present in the result (None where optional and not given)."""
    known = {p.name for p in spec.params}
    for key in raw:
        if key not in known:
            allowed = ", ".join(sorted(known)) or "none"
            raise QueryError(
                f"query {spec.name!r} has no parameter {key!r}; its parameters are: {allowed}", param=key
            )
    out: dict[str, Any] = {}
    for p in spec.params:
        value = raw.get(p.name)
        # an empty form field means "not given"
        if value is None or (isinstance(value, str) and value.strip() == ""):
            if p.required:
                raise QueryError(f"query {spec.name!r} needs parameter {p.name!r}: {p.description}", param=p.name)
            out[p.name] = p.default
            continue
        out[p.name] = _coerce(p, value.strip() if isinstance(value, str) else value)
    return out


def _plain(value: Any) -> Any:
    """Store values as JSON-ready Python: Ladybug sums come back as Decimal."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _sort_key(value: Any) -> tuple:
    # nulls last, numbers before text, never comparing across types
    if value is None:
        return (2, 0, "")
    if isinstance(value, (int, float)):
        return (0, value, "")
    return (1, 0, str(value))


def _count_cypher(cypher: str) -> str:
    """The same query counting its rows: the final RETURN becomes WITH and the
    ORDER BY / SKIP / LIMIT tail is dropped. Every paged query aliases all its
    RETURN items, so they are valid WITH items."""
    body = _strip_comments(cypher)
    idx = [m.start() for m in re.finditer(r"\bRETURN\b", body)]
    if not idx:
        raise QueryError("a paged query must end in RETURN")
    head, tail = body[: idx[-1]], body[idx[-1] + len("RETURN") :]
    tail = re.split(r"\bORDER\s+BY\b|\bSKIP\b|\bLIMIT\b", tail)[0]
    return f"{head}WITH{tail}\nRETURN count(*) AS total"


_NULL_GUARD = re.compile(r"\s+OR\s+\$([A-Za-z_][A-Za-z0-9_]*)\s+IS\s+(NOT\s+)?NULL\s*\)", re.I)
_ALL_ROWS = 2**62  # a LIMIT both stores take as "no limit"


def specialise(cypher: str, values: Mapping[str, Any]) -> str:
    """Fold the optional-filter idiom `(<test> OR $p IS NULL)` for the values given:
    `true` when $p is null, `(<test>)` when it is not; and its mirror
    `(<test> OR $p IS NOT NULL)`, a test that holds only while $p is not given. Same
    result, but the store no longer evaluates a dead OR on every row (at a million
    assignments that was half the time of agency_workload), and a filter that is off
    no longer forces its join.
    A group whose opening parenthesis cannot be found is left as written."""
    matches = [m for m in _NULL_GUARD.finditer(cypher) if m.group(1) in values]
    for m in reversed(matches):
        depth, i = 0, m.start() - 1
        while i >= 0:
            ch = cypher[i]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    break
                depth -= 1
            i -= 1
        if i < 0:
            continue
        if (values[m.group(1)] is None) != bool(m.group(2)):
            cypher = cypher[:i] + "true" + cypher[m.end():]
        else:
            cypher = cypher[: m.start()] + ")" + cypher[m.end():]
    return cypher


def run_query(store, name: str, params: Mapping[str, Any] | None = None, *, with_total: bool = False) -> QueryResult:
    """Validate params and run a catalogue query on any store, unchanged but for
    its optional filters folded to the values given (specialise)."""
    spec = get_query(name)
    values = validate_params(spec, params or {})
    whole = with_total and spec.paged and spec.page_in_runner
    sent = {**values, "offset": 0, "limit": _ALL_ROWS} if whole else values
    cypher = spec.cypher_for(values)
    rows = store.run(specialise(cypher, sent), sent)
    total = None
    if whole and not spec.sort_by:  # the store has ordered them: clean only the page
        total = len(rows)
        rows = rows[values["offset"] : values["offset"] + values["limit"]]
    columns = list(spec.columns)
    lists = set(spec.list_columns)
    out_rows = []
    for row in rows:
        clean = {}
        for col in columns:
            v = _plain(row.get(col))
            if col in lists and isinstance(v, list):
                v = sorted(v, key=lambda x: (x is None, str(x)))
            clean[col] = v
        out_rows.append(clean)
    if spec.sort_by:
        out_rows.sort(key=lambda r: tuple(_sort_key(r.get(c)) for c in spec.sort_by))
    if whole:
        if total is None:
            total = len(out_rows)
            out_rows = out_rows[values["offset"] : values["offset"] + values["limit"]]
    elif with_total and spec.paged:
        if values.get("offset", 0) == 0 and len(out_rows) < values.get("limit", 0):
            total = len(out_rows)
        else:
            count_params = {k: v for k, v in values.items() if k not in ("limit", "offset")}
            count_cypher = specialise(_count_cypher(cypher), count_params)
            total = int(_plain(store.run(count_cypher, count_params)[0]["total"]))
    return QueryResult(name=name, columns=columns, rows=out_rows, total=total, params=values)
