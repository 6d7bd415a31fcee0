"""PlanRecord → node rows and rel rows, per label and per rel type.

One function, used by both stores' incremental loads and by bulk loads. Rows carry
every property the model declares (None where unknown), with values already of the
model's type, so a batch has one shape whatever store receives it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyarrow as pa

from plankg.graph.model import BOOLEAN, DOUBLE, INT64, NODE_BY_LABEL, NODES, REL_BY_TYPE, RELS, STRING
from plankg.loaders.records import PlanRecord, Target, UnitRef

try:  # written by the parser's engineer; the graph works without it
    from plankg.loaders.indicators import canonical_indicator as _canonical_indicator
except ImportError:  # pragma: no cover - depends on the loaders in the tree
    _canonical_indicator = None

RelKey = tuple[str, str, str]  # (type, source label, target label)


def canonical_indicator(name: str) -> str:
    if _canonical_indicator is None:
        return name
    return _canonical_indicator(name) or name


@dataclass
class GraphRows:
    plan_id: str
    nodes: dict[str, list[dict]] = field(default_factory=dict)
    rels: dict[RelKey, list[dict]] = field(default_factory=dict)

    def node_counts(self) -> dict[str, int]:
        return {label: len(rows) for label, rows in self.nodes.items() if rows}

    def rel_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (typ, _, _), rows in self.rels.items():
            out[typ] = out.get(typ, 0) + len(rows)
        return {k: v for k, v in out.items() if v}


_PYTYPE = {STRING: str, INT64: int, DOUBLE: float, BOOLEAN: bool}


def _row_maker(name: str, head: tuple[str, ...], properties: dict[str, str]):
    """A function taking a label's (or rel type's) properties as keywords and returning
    its row: every model property present, in model order, each coerced to the model's
    type unless it already has it. Generated once per label at import, because a
    province load calls these ~700k times and a generic loop with a dict per call was
    most of the load's Python time. An unknown property is a TypeError naming it."""
    params, items = [], []
    for key in head:
        params.append(key)
        items.append(f"{key!r}: {key}")
    for prop, typ in properties.items():
        conv = _PYTYPE[typ].__name__
        params.append(f"{prop}=None")
        items.append(f"{prop!r}: {prop} if {prop} is None or {prop}.__class__ is {conv} else {conv}({prop})")
    signature = ", ".join(params[: len(head)] + (["*"] + params[len(head):] if properties else []))
    code = f"def make_{name}({signature}):\n" \
           f"    return {{{', '.join(items)}}}\n"
    scope: dict = {}
    exec(code, {}, scope)  # noqa: S102 - names and types come from graph/model.py, not from data
    return scope[f"make_{name}"]


# Per label and rel type: the row maker.
_NODE_MAKE = {label: _row_maker(label, (), spec.properties) for label, spec in NODE_BY_LABEL.items()}
_REL_MAKE = {typ: _row_maker(typ, ("src", "dst"), spec.properties) for typ, spec in REL_BY_TYPE.items()}
_ASSIGNED_TO = _REL_MAKE["ASSIGNED_TO"]


class _Builder:
    def __init__(self, plan_id: str):
        self.rows = GraphRows(plan_id)
        self._node_index: dict[str, dict[str, dict]] = {}
        self._rel_seen: set[tuple[str, str, str]] = set()
        self.agencies_done: set[str] = set()
        self.chains_done: set[str] = set()

    def node(self, label: str, /, **props) -> str:
        try:
            row = _NODE_MAKE[label](**props)
        except TypeError as exc:
            raise KeyError(f"{label}: {exc} (properties are declared in graph/model.py)") from None
        seen = self._node_index.get(label)
        if seen is None:
            seen = self._node_index[label] = {}
            self.rows.nodes[label] = []
        old = seen.get(row["id"])
        if old is None:
            seen[row["id"]] = row
            self.rows.nodes[label].append(row)
        else:
            # The same shared node met twice in one plan: keep what either mention knew.
            for name, value in row.items():
                if old[name] is None and value is not None:
                    old[name] = value
        return row["id"]

    def rel(self, typ: str, src_label: str, src: str, dst_label: str, dst: str, /, **props) -> None:
        key = (typ, src, dst)
        if key in self._rel_seen:  # one edge per pair and type; the first mention wins
            return
        bucket = self.rows.rels.get((typ, src_label, dst_label))
        if bucket is None:
            if (src_label, dst_label) not in REL_BY_TYPE[typ].pairs:
                raise KeyError(f"{typ} does not link {src_label} to {dst_label} in graph/model.py")
            bucket = self.rows.rels[(typ, src_label, dst_label)] = []
        self._rel_seen.add(key)
        try:
            bucket.append(_REL_MAKE[typ](src, dst, **props))
        except TypeError as exc:
            raise KeyError(f"{typ}: {exc} (properties are declared in graph/model.py)") from None


def _scoped(plan_id: str, local_id: str) -> str:
    """Plan-scoped ids are unique across plans: qualify a record id that is not already."""
    return local_id if local_id.startswith(plan_id) else f"{plan_id}/{local_id}"


def _jurisdiction_chain(b: _Builder, jid: str, known: dict[str, tuple[str, str]]) -> None:
    """Add a jurisdiction and its ancestors (the id is the name path), with PART_OF."""
    if jid in b.chains_done:  # every agency of a plan repeats its jurisdiction
        return
    b.chains_done.add(jid)
    parts = jid.split("/")
    for i in range(1, len(parts) + 1):
        path = "/".join(parts[:i])
        name, level = known.get(path, (parts[i - 1], None))
        b.node("Jurisdiction", id=path, name=name, level=level)
        if i > 1:
            b.rel("PART_OF", "Jurisdiction", path, "Jurisdiction", "/".join(parts[: i - 1]))


def _agency(b: _Builder, unit: UnitRef, known: dict[str, tuple[str, str]]) -> str:
    if unit.agency_id in b.agencies_done:  # a big plan names the same bodies thousands of times
        return unit.agency_id
    b.agencies_done.add(unit.agency_id)
    agency = b.node(
        "Agency", id=unit.agency_id, name=unit.agency_name, jurisdiction=unit.jurisdiction,
        kind=unit.kind, function=unit.function,
    )
    kind_id = unit.function or unit.kind
    b.node("AgencyKind", id=kind_id, name=kind_id, kind=unit.kind)
    b.rel("OF_KIND", "Agency", agency, "AgencyKind", kind_id)
    if unit.jurisdiction:
        _jurisdiction_chain(b, unit.jurisdiction, known)
        b.rel("BELONGS_TO", "Agency", agency, "Jurisdiction", unit.jurisdiction)
    return agency


def _assign(b: _Builder, src_label: str, src: str, units: Iterable[UnitRef], line: int | None, known) -> None:
    # The hot loop of a load (a million assignments at province scale): b.rel's checks
    # done once per call, the row made directly.
    key = ("ASSIGNED_TO", src_label, "Agency")
    bucket = b.rows.rels.get(key)
    if bucket is None:
        if (src_label, "Agency") not in REL_BY_TYPE["ASSIGNED_TO"].pairs:
            raise KeyError(f"ASSIGNED_TO does not link {src_label} to Agency in graph/model.py")
        bucket = b.rows.rels[key] = []
    seen, done, make = b._rel_seen, b.agencies_done, _ASSIGNED_TO
    for position, unit in enumerate(units):
        agency = unit.agency_id
        if agency not in done:  # a big plan names the same bodies thousands of times
            _agency(b, unit, known)
        edge = ("ASSIGNED_TO", src, agency)
        if edge in seen:  # one edge per pair and type; the first mention wins
            continue
        seen.add(edge)
        bucket.append(make(
            src, agency, role=unit.role, lead=unit.lead, lead_basis=unit.lead_basis, inherited=unit.inherited,
            raw=unit.raw, source=unit.source, position=position, line=line, table_line=unit.table_line,
            table_lead=unit.table_lead,
        ))


def _target(b: _Builder, tid: str, plan_id: str, origin: str, t: Target) -> str:
    return b.node(
        "Target", id=tid, plan_id=plan_id, origin=origin, text=t.text, indicator=t.indicator,
        value=t.value, value_max=t.value_max, value_text=t.value_text, unit=t.unit,
        comparator=t.comparator, year=t.year, scope=t.scope, line=t.line,
    )


def _involves(b: _Builder, pid: str) -> None:
    """INVOLVES per agency from the plan's task ASSIGNED_TO rows as deduplicated (one
    per task and agency, the first mention's properties), so its sums are exactly
    what aggregating ASSIGNED_TO gives, without touching a million rels at query time."""
    counts: dict[str, list[int]] = {}
    for a in b.rows.rels.get(("ASSIGNED_TO", "Task", "Agency"), ()):
        c = counts.get(a["dst"])
        if c is None:
            c = counts[a["dst"]] = [0, 0, 0, 0, 0, 0]
        c[0] += 1
        if a["lead"]:
            c[1] += 1
            if a["lead_basis"] == "explicit":
                c[2] += 1
            elif a["lead_basis"] == "first_listed":
                c[3] += 1
        if a["role"] == "support":
            c[4] += 1
        if a["inherited"]:
            c[5] += 1
    for agency, (tasks, lead, explicit, first, support, inherited) in counts.items():
        b.rel(
            "INVOLVES", "Plan", pid, "Agency", agency, tasks=tasks, lead=lead, lead_explicit=explicit,
            lead_first_listed=first, support=support, inherited=inherited,
        )


def plan_rows(record: PlanRecord) -> GraphRows:
    """Every node and rel one plan record contributes, ready for MERGE or COPY."""
    plan = record.plan
    pid = plan.id
    b = _Builder(pid)
    known = {j.id: (j.name, j.level) for j in record.jurisdictions}

    b.node(
        "Plan", id=pid, title=plan.title, issuer=plan.issuer, issuer_id=plan.issuer_id,
        issuer_level=plan.issuer_level, kind=plan.kind, period_start=plan.period_start,
        period_end=plan.period_end, status=plan.status, document_number=plan.document_number,
        issue_date=plan.issue_date, issuing_office=plan.issuing_office, line=plan.line,
    )
    src = record.source
    b.node("Document", id=src.sha256, path=src.path, sha256=src.sha256, encoding=src.encoding, format=src.format)
    b.rel("FROM", "Plan", pid, "Document", src.sha256)

    for j in record.jurisdictions:
        _jurisdiction_chain(b, j.id, known)
        if j.parent and not j.id.startswith(j.parent + "/"):
            _jurisdiction_chain(b, j.parent, known)
            b.rel("PART_OF", "Jurisdiction", j.id, "Jurisdiction", j.parent)
    _jurisdiction_chain(b, plan.issuer_id, known)
    b.rel("ISSUED", "Jurisdiction", plan.issuer_id, "Plan", pid)

    section_ids = {}
    for s in record.sections:
        sid = b.node(
            "Section", id=_scoped(pid, s.id), plan_id=pid, part=s.part, label=s.label,
            ordinal=s.ordinal, title=s.title, goal=s.goal, line=s.line,
        )
        section_ids[s.id] = sid
        b.rel("HAS_SECTION", "Plan", pid, "Section", sid)

    # Indicator rows first: goal and task targets are matched to them by name.
    by_name: dict[str, str] = {}
    for row in record.indicators:
        iid = _scoped(pid, row.id)
        canonical = canonical_indicator(row.name)
        b.node(
            "Indicator", id=iid, plan_id=pid, number=row.number, category=row.category,
            name=row.name, canonical=canonical, unit=row.unit, attribute=row.attribute, line=row.line,
        )
        by_name.setdefault(row.name, iid)
        by_name.setdefault(canonical, iid)
        b.rel("HAS_INDICATOR", "Plan", pid, "Indicator", iid)
        _assign(b, "Indicator", iid, row.responsible, row.line, known)
        for year, value in row.targets.items():
            if value is None:  # "/" in the table: no target that year
                continue
            numeric = isinstance(value, (int, float))
            t = Target(
                text=f"{row.name}：{value}", indicator=row.name, unit=row.unit,
                value=value if numeric else None, value_text=None if numeric else str(value),
                value_max=row.value_max.get(year), comparator=row.comparators.get(year),
                year=int(year) if str(year).isdigit() else None, line=row.line,
            )
            tid = _target(b, f"{iid}/{year}", pid, "table", t)
            b.rel("SETS", "Plan", pid, "Target", tid)
            b.rel("MEASURES", "Target", tid, "Indicator", iid)

    def measures(tid: str, t: Target) -> None:
        if not t.indicator:
            return
        iid = by_name.get(t.indicator) or by_name.get(canonical_indicator(t.indicator))
        if iid:
            b.rel("MEASURES", "Target", tid, "Indicator", iid)

    # An industry's scale target is usually a goal or task target already
    # (`到2028年产业规模达到830亿元` in task 4): it is that Target, not a second one.
    stated: dict[tuple, str] = {}

    def state(tid: str, t: Target) -> None:
        stated.setdefault((t.text, t.value, t.unit, t.year), tid)

    for i, goal in enumerate(record.goals):
        tid = _target(b, f"{pid}/goal/{i}", pid, "goal", goal)
        b.rel("SETS", "Plan", pid, "Target", tid)
        measures(tid, goal)
        state(tid, goal)

    for task in record.tasks:
        tid = b.node(
            "Task", id=_scoped(pid, task.id), plan_id=pid, number=task.number, label=task.label,
            part=task.part, section_title=task.section, title=task.title, text=task.text,
            clause=task.clause, line=task.line,
            deadline_text=task.deadline.text if task.deadline else None,
            deadline_date=task.deadline.date if task.deadline else None,
            deadline_year=task.deadline.year if task.deadline else None,
            deadline_term=task.deadline.term if task.deadline else None,
        )
        if task.section_id and task.section_id in section_ids:
            b.rel("HAS_TASK", "Section", section_ids[task.section_id], "Task", tid)
        else:
            b.rel("HAS_TASK", "Plan", pid, "Task", tid)
        _assign(b, "Task", tid, task.units, task.line, known)
        for i, t in enumerate(task.targets):
            target = _target(b, f"{tid}/target/{i}", pid, "task", t)
            b.rel("SETS", "Task", tid, "Target", target)
            measures(target, t)
            state(target, t)

    _involves(b, pid)

    for n, ind in enumerate(record.industries):
        b.node("Industry", id=ind.canonical, name=ind.canonical)
        b.rel("PROMOTES", "Plan", pid, "Industry", ind.canonical, tier=ind.tier, name=ind.name, line=ind.line)
        for i, t in enumerate(ind.targets):
            tid = stated.get((t.text, t.value, t.unit, t.year))
            if tid is None:
                tid = _target(b, f"{pid}/industry/{n}/{i}", pid, "industry",
                              t if t.line is not None else t.model_copy(update={"line": ind.line}))
                b.rel("SETS", "Plan", pid, "Target", tid)
                measures(tid, t)
            b.rel("ABOUT", "Target", tid, "Industry", ind.canonical)

    return b.rows


def merge_rows(parts: Iterable[GraphRows]) -> GraphRows:
    """Many plans' rows as one set for a bulk load: shared nodes once (first non-null
    value of each property wins), each rel once per pair."""
    out = GraphRows("*")
    index: dict[str, dict[str, dict]] = {}
    rel_seen: set[tuple[str, str, str]] = set()
    for rows in parts:
        for label, items in rows.nodes.items():
            seen = index.setdefault(label, {})
            bucket = out.nodes.setdefault(label, [])
            for row in items:
                old = seen.get(row["id"])
                if old is None:
                    seen[row["id"]] = row
                    bucket.append(row)
                else:
                    for k, v in row.items():
                        if old[k] is None and v is not None:
                            old[k] = v
        for key, items in rows.rels.items():
            bucket = out.rels.setdefault(key, [])
            for row in items:
                k = (key[0], row["src"], row["dst"])
                if k not in rel_seen:
                    rel_seen.add(k)
                    bucket.append(row)
    return out


_ARROW = {STRING: pa.string(), INT64: pa.int64(), DOUBLE: pa.float64(), BOOLEAN: pa.bool_()}
_SHARED = {node.label for node in NODES if not node.plan_scoped}
_REL_KEYS = [(rel.type, src, dst) for rel in RELS for src, dst in rel.pairs]


def arrow_schema(properties: dict[str, str], keys: tuple[str, ...] = ()) -> pa.Schema:
    fields = [pa.field(k, pa.string()) for k in keys]
    return pa.schema(fields + [pa.field(name, _ARROW[typ]) for name, typ in properties.items()])


class ColumnSink:
    """Many plans' rows gathered as Arrow columns for one bulk COPY, plan by plan, so
    neither the records nor their row dicts need to stay in memory.

    Shared nodes (agencies, jurisdictions, kinds, industries, documents) are merged
    by id, the first non-null value of each property winning, as merge_rows does;
    rels between two shared nodes are kept once. Everything else belongs to one plan
    and is appended as it comes, converted to Arrow every CHUNK rows (small, so few
    row dicts are alive at once). A plan id seen
    twice is refused (add() returns False): the caller loads it afterwards through
    the replacing path, so the last version wins as in load_records."""

    CHUNK = 16_384

    def __init__(self):
        self.plan_ids: set[str] = set()
        self._shared: dict[str, dict[str, dict]] = {label: {} for label in _SHARED}
        self._shared_rels: dict[RelKey, dict[tuple[str, str], dict]] = {}
        self._pending: dict[str | RelKey, list[dict]] = {}
        self._batches: dict[str | RelKey, list[pa.RecordBatch]] = {}
        self._schemas: dict[str | RelKey, pa.Schema] = {}
        for node in NODES:
            self._schemas[node.label] = arrow_schema(node.properties)
        for key in _REL_KEYS:
            self._schemas[key] = arrow_schema(REL_BY_TYPE[key[0]].properties, ("src", "dst"))

    def add(self, rows: GraphRows) -> bool:
        if rows.plan_id in self.plan_ids:
            return False
        self.plan_ids.add(rows.plan_id)
        for label, items in rows.nodes.items():
            if label in _SHARED:
                seen = self._shared[label]
                for row in items:
                    old = seen.get(row["id"])
                    if old is None:
                        seen[row["id"]] = row
                    else:
                        for k, v in row.items():
                            if old[k] is None and v is not None:
                                old[k] = v
            elif items:
                self._append(label, items)
        for key, items in rows.rels.items():
            if not items:
                continue
            if key[1] in _SHARED and key[2] in _SHARED:
                seen_rels = self._shared_rels.setdefault(key, {})
                for row in items:
                    seen_rels.setdefault((row["src"], row["dst"]), row)
            else:
                self._append(key, items)
        return True

    def _append(self, key, items: list[dict]) -> None:
        pending = self._pending.get(key)
        if pending is None:
            pending = self._pending[key] = []
        pending.extend(items)
        if len(pending) >= self.CHUNK:
            self._flush(key)

    def _flush(self, key) -> None:
        items = self._pending.pop(key, None)
        if items:
            # Arrow reads the row dicts as one struct array in C: about 3x faster than
            # a Python list per column, and the dicts go as soon as the chunk is built.
            schema = self._schemas[key]
            structs = pa.array(items, type=pa.struct(schema))
            self._batches.setdefault(key, []).append(pa.RecordBatch.from_struct_array(structs))

    def tables(self) -> tuple[dict[str, pa.Table], dict[RelKey, pa.Table]]:
        """Node tables by label and rel tables by (type, from, to), non-empty only."""
        for label, seen in self._shared.items():
            if seen:
                self._append(label, list(seen.values()))
        for key, seen_rels in self._shared_rels.items():
            self._append(key, list(seen_rels.values()))
        self._shared = {label: {} for label in _SHARED}
        self._shared_rels = {}
        for key in list(self._pending):
            self._flush(key)
        out = {key: pa.Table.from_batches(batches, schema=self._schemas[key]) for key, batches in self._batches.items()}
        self._batches = {}
        nodes = {k: v for k, v in out.items() if isinstance(k, str)}
        rels = {k: v for k, v in out.items() if not isinstance(k, str)}
        return nodes, rels
