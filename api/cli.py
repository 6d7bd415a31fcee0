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
err_console = Console(stderr=True)


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


def main() -> None:  # pragma: no cover - console entry point
    app()
