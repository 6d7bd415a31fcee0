"""The `plankg` command line: parses arguments, calls the library, renders."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from plankg.errors import ParseError
from plankg.loaders import iter_plan_files, parse_file

app = typer.Typer(help="plankg: a knowledge graph of government plans.", no_args_is_help=True)
console = Console()
# Errors name a file path: soft wrap keeps them on one line for grep and tests.
err_console = Console(stderr=True, soft_wrap=True)


@app.callback()
def _main() -> None:
    """plankg: a knowledge graph of government plans."""


class ParseFormat(str, Enum):
    json = "json"
    table = "table"


@app.command()
def parse(
    paths: Annotated[list[Path], typer.Argument(help="Plan files or folders of them.")],
    format: Annotated[ParseFormat, typer.Option("--format", "-f", help="json or table")] = ParseFormat.table,
) -> None:
    """Read plan documents into records and print them (no database)."""
    records, failures = [], 0
    for path in iter_plan_files(paths):
        try:
            records.append(parse_file(path))
        except ParseError as exc:
            failures += 1
            err_console.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
    if format is ParseFormat.json:
        out = [r.to_json_dict() for r in records]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        table = Table(title="Plans")
        for col in ("file", "issuer", "title", "period", "status", "tasks", "units", "indicators", "targets"):
            table.add_column(col)
        for r in records:
            units = {u.agency_id for t in r.tasks for u in t.units}
            targets = len(r.goals) + sum(len(t.targets) for t in r.tasks)
            period = f"{r.plan.period_start or ''}–{r.plan.period_end or ''}"
            table.add_row(
                Path(r.source.path).name, r.plan.issuer, r.plan.title, period, r.plan.status,
                str(len(r.tasks)), str(len(units)), str(len(r.indicators)), str(targets),
            )
        console.print(table)
    if failures:
        raise typer.Exit(code=1)


# --- queries, workload, serve (the catalogue's door on the command line) ---------------

JsonOption = Annotated[bool, typer.Option("--json", help="print JSON (Chinese unescaped)")]
CsvOption = Annotated[bool, typer.Option("--csv", help="print CSV (UTF-8 with BOM)")]


# --- store selection, load, stats ----------------------------------------------------

StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="bolt:// or neo4j:// URI of a Neo4j store (default: PLANKG_NEO4J_URI)"),
]
DbPathOption = Annotated[
    Path | None,
    typer.Option("--db", help="embedded Ladybug store directory (default: PLANKG_DB_PATH or the data folder)"),
]


def open_cli_store(store: str | None, db: str | Path | None, *, read_only: bool = False):
    """The one place commands turn --store/--db into a Store; errors exit 2 with the reason."""
    from plankg.errors import PlankgError
    from plankg.graph import open_store

    try:
        return open_store(store, path=db, read_only=read_only)
    except PlankgError as exc:
        err_console.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(code=2) from None


@app.command("load")
def load_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Plan files or folders of them.")],
    store: StoreOption = None,
    db: DbPathOption = None,
    bulk: Annotated[bool, typer.Option("--bulk", help="fresh store only: COPY everything at once (fast for large loads)")] = False,
) -> None:
    """Parse plan documents and load them into the graph (each plan all-or-nothing)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from plankg.graph import LoadFailure, LoadSummary

    files = list(iter_plan_files(paths))
    summary = LoadSummary()
    with open_cli_store(store, db) as target:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err_console, transient=True) as progress:
            job = progress.add_task("parsing", total=len(files))
            records = []
            for path in files:
                progress.update(job, description=f"parsing {path.name}")
                try:
                    records.append(parse_file(path))
                except ParseError as exc:
                    summary.failures.append(LoadFailure(path=str(path), message=exc.message if exc.line is None else f"line {exc.line}: {exc.message}"))
                progress.advance(job)
            load = progress.add_task("loading", total=len(records))
            if bulk:
                part = target.bulk_load(records)
                progress.advance(load, len(records))
            else:
                part = target.load_records(
                    records, progress=lambda r: progress.update(load, advance=1, description=f"loading {Path(r.source.path).name}")
                )
        summary.loaded += part.loaded
        summary.failures += part.failures
        summary.seconds = part.seconds
    table = Table(title=f"Loaded {summary.plans_loaded} of {len(files)} files in {summary.seconds:.2f} s")
    for col in ("file", "plan", "status", "tasks", "nodes", "rels"):
        table.add_column(col, overflow="fold")
    for item in summary.loaded:
        table.add_row(Path(item.path).name, item.plan_id, "[green]loaded[/green]", str(item.nodes.get("Task", 0)),
                      str(sum(item.nodes.values())), str(sum(item.rels.values())))
    for fail in summary.failures:
        table.add_row(Path(fail.path).name, fail.plan_id or "", f"[red]failed[/red]: {fail.message}", "", "", "")
    console.print(table)
    if summary.failures:
        raise typer.Exit(code=1)


@app.command("stats")
def stats_cmd(store: StoreOption = None, db: DbPathOption = None) -> None:
    """Node and relationship counts by label."""
    from plankg.graph.model import NODES, RELS

    with open_cli_store(store, db, read_only=True) as source:
        counts = source.counts()
    table = Table(title="Graph")
    table.add_column("label / type")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for node in NODES:
        table.add_row(node.label, "node", str(counts[node.label]))
    for rel in RELS:
        table.add_row(rel.type, "rel", str(counts[rel.type]))
    console.print(table)


def _print_result(
    result, *, as_json: bool, as_csv: bool, title: str | None = None, table_columns: dict[str, str] | None = None
) -> None:
    from plankg.api.render import dumps, to_csv

    if as_json:
        body = {"columns": result.columns, "rows": result.rows, "total": result.total}
        sys.stdout.write(dumps(body, indent=2) + "\n")
        return
    if as_csv:
        sys.stdout.write(to_csv(result.columns, result.rows))
        return
    # a terminal is narrow: the table may show fewer columns, under short headers
    shown = table_columns or {c: c for c in result.columns}
    table = Table(title=title, show_lines=False)
    for col, header in shown.items():
        numeric = any(isinstance(r.get(col), (int, float)) and not isinstance(r.get(col), bool) for r in result.rows)
        table.add_column(header, overflow="fold", justify="right" if numeric else "left")
    for row in result.rows:
        table.add_row(*[_table_cell(row.get(c)) for c in shown])
    console.print(table)
    if result.total is not None and result.total > len(result.rows):
        console.print(f"{len(result.rows)} of {result.total} rows", style="dim")


def _table_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


# The display name already starts with its jurisdiction (溧水区工业和信息化局), so the
# terminal table leaves the jurisdiction path to --json/--csv.
WORKLOAD_TABLE = {
    "name": "单位", "tasks": "任务", "lead_explicit": "明确牵头",
    "lead_first_listed": "首列牵头", "support": "配合", "inherited": "承接", "plans": "规划",
}
KIND_WORKLOAD_TABLE = {
    "function": "部门类别", "kind": "kind", "agencies": "单位数", "jurisdictions": "行政区数", "tasks": "任务",
    "lead_explicit": "明确牵头", "lead_first_listed": "首列牵头", "support": "配合", "plans": "规划",
}


def _run_catalogue(store: str | None, db: Path | None, name: str, params: dict, **out) -> None:
    from plankg.errors import PlankgError
    from plankg.queries.catalogue import get_query, run_query

    try:
        spec = get_query(name)
        with open_cli_store(store, db, read_only=True) as opened:
            result = run_query(opened, name, params, with_total=spec.paged)
    except PlankgError as exc:
        err_console.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(code=2) from None
    _print_result(result, title=spec.title, **out)


@app.command("queries")
def queries_cmd(as_json: JsonOption = False) -> None:
    """List the named queries of the catalogue and their parameters."""
    from plankg.api.render import dumps
    from plankg.queries.catalogue import list_queries

    specs = list_queries()
    if as_json:
        out = [s.model_dump(mode="json", exclude={"cypher", "path"}) for s in specs]
        sys.stdout.write(dumps(out, indent=2) + "\n")
        return
    table = Table(title="Queries")
    for col in ("name", "title", "description", "params"):
        table.add_column(col, overflow="fold")
    for s in specs:
        params = ", ".join(f"{p.name}{'*' if p.required else ''}:{p.type}" for p in s.params)
        table.add_row(s.name, s.title, s.description, params)
    console.print(table)


@app.command("query")
def query_cmd(
    name: Annotated[str, typer.Argument(help="query name (see `plankg queries`)")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="a parameter as key=value; repeat")] = None,
    store: StoreOption = None,
    db: DbPathOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Run a named catalogue query: plankg query agency_workload -p kind=department -p limit=10"""
    params: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            err_console.print(f"[red]error[/red] parameter {item!r} must be written key=value", markup=True)
            raise typer.Exit(code=2)
        params[key.strip()] = value
    _run_catalogue(store, db, name, params, as_json=as_json, as_csv=as_csv)


@app.command("workload")
def workload_cmd(
    kind: Annotated[str | None, typer.Option(help="agency kind, e.g. department")] = None,
    jurisdiction: Annotated[str | None, typer.Option(help="jurisdiction id or name, e.g. 溧水区")] = None,
    plan: Annotated[str | None, typer.Option(help="plan id")] = None,
    function: Annotated[str | None, typer.Option(help="kind of body, e.g. 工业和信息化局")] = None,
    sort: Annotated[str, typer.Option(help="tasks, lead, lead_explicit, support, inherited or plans")] = "tasks",
    limit: Annotated[int, typer.Option(help="rows to show")] = 20,
    by_kind: Annotated[bool, typer.Option("--by-kind", help="roll up by kind of body across jurisdictions")] = False,
    store: StoreOption = None,
    db: DbPathOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Which agencies carry the most tasks."""
    if by_kind:
        params = {"kind": kind, "plan": plan, "limit": limit}
        _run_catalogue(store, db, "agency_kind_workload", params, as_json=as_json, as_csv=as_csv,
                       table_columns=KIND_WORKLOAD_TABLE)
        return
    params = {"kind": kind, "jurisdiction": jurisdiction, "plan": plan, "function": function, "sort": sort, "limit": limit}
    _run_catalogue(store, db, "agency_workload", params, as_json=as_json, as_csv=as_csv, table_columns=WORKLOAD_TABLE)


# --- checks, comparison, exports -----------------------------------------------------


@app.command("check")
def check_cmd(
    plan: Annotated[str | None, typer.Option("--plan", help="plan id; every plan when left out")] = None,
    only: Annotated[list[str] | None, typer.Option("--check", help="only this check; repeat")] = None,
    store: StoreOption = None,
    db: DbPathOption = None,
    as_json: JsonOption = False,
) -> None:
    """Consistency checks: figures that disagree, tasks without owners or with several leads, and more."""
    from plankg.api.render import dumps
    from plankg.errors import PlankgError
    from plankg.queries.checks import run_checks

    try:
        with open_cli_store(store, db, read_only=True) as source:
            findings = run_checks(source, plan, only)
    except PlankgError as exc:
        err_console.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(code=2) from None
    if as_json:
        sys.stdout.write(dumps([f.model_dump(mode="json") for f in findings], indent=2) + "\n")
        return
    table = Table(title=f"{len(findings)} findings", show_lines=True)
    for col in ("plan", "check", "severity", "finding", "evidence"):
        table.add_column(col, overflow="fold")
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}
    for f in findings:
        evidence = "\n".join(f"{e.place} L{e.line}: {e.text}" for e in f.evidence)
        table.add_row(f.issuer, f.check, f"[{colour[f.severity]}]{f.severity}[/]", f.message, evidence)
    console.print(table)


class CompareWhat(str, Enum):
    indicators = "indicators"
    industries = "industries"
    agencies = "agencies"


@app.command("compare")
def compare_cmd(
    what: Annotated[CompareWhat, typer.Argument(help="indicators, industries or agencies")],
    name: Annotated[str | None, typer.Option("--name", "-n", help="indicator (part of), canonical industry, or kind of body (e.g. 工业和信息化局)")] = None,
    min_plans: Annotated[int | None, typer.Option(help="only items set by this many plans / jurisdictions")] = None,
    store: StoreOption = None,
    db: DbPathOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Compare plans: one indicator in one unit, industries across jurisdictions, one kind of body's workload."""
    from plankg.errors import PlankgError
    from plankg.queries import compare

    try:
        with open_cli_store(store, db, read_only=True) as source:
            if what is CompareWhat.indicators:
                result = compare.compare_indicators(source, name, min_plans=min_plans)
            elif what is CompareWhat.industries:
                result = compare.compare_industries(source, name, min_plans=min_plans or 2)
            else:
                result = compare.compare_agencies(source, name)
    except PlankgError as exc:
        err_console.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(code=2) from None
    from types import SimpleNamespace

    table = SimpleNamespace(columns=result.columns, rows=result.rows, total=None)
    shown = {
        CompareWhat.indicators: ["indicator", "issuer", "year", "scope", "value", "unit", "comparator", "origin"],
        CompareWhat.industries: ["industry", "jurisdictions", "issuer", "tiers", "names", "scale", "scale_year"],
        CompareWhat.agencies: ["function", "jurisdiction_name", "tasks", "lead", "support", "plan_tasks", "share"],
    }[what]
    _print_result(table, as_json=as_json, as_csv=as_csv, title=result.name, table_columns={c: c for c in shown})


export_app = typer.Typer(help="Write the 任务分工表 (xlsx/CSV) or the graph (GraphML/JSON).", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("tasks")
def export_tasks_cmd(
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="write the workbook here")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="write a CSV (UTF-8 with BOM) here")] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="plan id; every plan when left out")] = None,
    store: StoreOption = None,
    db: DbPathOption = None,
) -> None:
    """The 任务分工表: one sheet per plan plus a 部门汇总 sheet."""
    from plankg.api.exports import tasks_csv, tasks_workbook

    if not xlsx and not csv:
        err_console.print("[red]error[/red] give --xlsx FILE and/or --csv FILE", markup=True)
        raise typer.Exit(code=2)
    with open_cli_store(store, db, read_only=True) as source:
        if xlsx:
            wb = tasks_workbook(source, plan)
            wb.save(xlsx)
            console.print(f"wrote {xlsx} ({len(wb.sheetnames)} sheets)")
        if csv:
            csv.write_text(tasks_csv(source, plan), encoding="utf-8")
            console.print(f"wrote {csv}")


@export_app.command("graph")
def export_graph_cmd(
    graphml: Annotated[Path | None, typer.Option("--graphml", help="write GraphML here (Gephi, yEd)")] = None,
    json_file: Annotated[Path | None, typer.Option("--json", help="write node-link JSON here")] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="plan id; the whole graph when left out")] = None,
    store: StoreOption = None,
    db: DbPathOption = None,
) -> None:
    """The graph for other tools."""
    from plankg.api.exports import write_graph

    if not graphml and not json_file:
        err_console.print("[red]error[/red] give --graphml FILE and/or --json FILE", markup=True)
        raise typer.Exit(code=2)
    with open_cli_store(store, db, read_only=True) as source:
        for path, fmt in ((graphml, "graphml"), (json_file, "json")):
            if path:
                g = write_graph(source, path, fmt, plan)
                console.print(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="address to bind; loopback unless told")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    store: StoreOption = None,
    db: DbPathOption = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs)."""
    import uvicorn

    from plankg.api.app import create_app
    from plankg.config import Settings

    settings = Settings()
    opened = open_cli_store(store, db, read_only=True) if (store or db) else None
    uvicorn.run(create_app(store=opened, settings=settings), host=host, port=port)


@app.command("viz")
def viz_cmd(
    name: Annotated[str, typer.Argument(help="collaboration, plan, agency or industries")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write (self-contained, opens offline)")],
    plan: Annotated[str | None, typer.Option(help="plan id")] = None,
    jurisdiction: Annotated[str | None, typer.Option(help="jurisdiction id or name, e.g. 溧水区")] = None,
    kind: Annotated[str | None, typer.Option(help="agency kind, e.g. department")] = None,
    min_shared: Annotated[int | None, typer.Option("--min-shared", help="least shared tasks for a tie")] = None,
    agency: Annotated[str | None, typer.Option(help="agency id (agency view)")] = None,
    tier: Annotated[str | None, typer.Option(help="industry tier as written, e.g. 未来产业 (industries view)")] = None,
    min_jurisdictions: Annotated[
        int | None, typer.Option("--min-jurisdictions", help="industries chased by at least this many jurisdictions")
    ] = None,
    color: Annotated[str | None, typer.Option(help="initial colouring, e.g. jurisdiction, kind, community")] = None,
    store: StoreOption = None,
    db: DbPathOption = None,
) -> None:
    """Write a network view as one HTML page (vis-network inlined; no request leaves the machine)."""
    from plankg.errors import QueryError
    from plankg.viz.render import render_page
    from plankg.viz.views import build_page, get_view, store_runner

    given = {"plan": plan, "jurisdiction": jurisdiction, "kind": kind, "min_shared": min_shared, "agency": agency,
             "tier": tier, "min_jurisdictions": min_jurisdictions, "color": color}
    try:
        view = get_view(name)
        unused = [k for k, v in given.items() if v is not None and k not in view.filters]
        if unused:
            raise QueryError(f"view {name!r} takes no --{unused[0].replace('_', '-')}; it takes: "
                             + ", ".join("--" + f.replace("_", "-") for f in view.filters), param=unused[0])
        graph_store = open_cli_store(store, db, read_only=True)
        try:
            page = build_page(name, store_runner(graph_store), {k: v for k, v in given.items() if v is not None})
        finally:
            graph_store.close()
    except QueryError as exc:
        err_console.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(code=2) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    html = render_page(page)
    out.write_text(html, encoding="utf-8")
    console.print(f"{out}: {page.title} · {page.graph.number_of_nodes()} nodes, "
                  f"{page.graph.number_of_edges()} edges, {len(html.encode()) / 1024:.0f} KB", highlight=False)


def main() -> None:  # pragma: no cover - console entry point
    app()
