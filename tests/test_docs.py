"""The README cannot drift from the code: every command, every catalogue query and
every API route prefix it should name is named there."""

import re
from pathlib import Path

import typer.main

from plankg.api.app import create_app
from plankg.api.cli import app as cli_app
from plankg.queries.catalogue import list_queries

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert [line.split()[:2] for line in block] == [["make", "run"], ["make", "test"]]


def test_every_cli_command_is_documented():
    group = typer.main.get_command(cli_app)
    names = sorted(group.commands)
    assert {"parse", "load", "stats", "query", "workload", "serve", "viz", "check", "export"} <= set(names)
    missing = [n for n in names if f"`plankg {n}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_catalogue_query_is_documented():
    missing = [q.name for q in list_queries() if f"`{q.name}`" not in README]
    assert not missing, f"queries missing from README.md: {missing}"


def test_every_api_route_is_documented():
    paths = {p for p in create_app().openapi()["paths"] if p.startswith("/api/")}
    # route parameters are written {id} in the README whatever their name
    normalised = {p.replace("{agency_id}", "{id}").replace("{plan_id}", "{id}") for p in paths}
    missing = sorted(p for p in normalised if not re.search(rf"`(?:GET |POST )?{re.escape(p)}", README))
    assert not missing, f"API routes missing from README.md: {missing}"
