"""The data files in loaders/data/ (TOML): abbreviations, synonyms, vocabularies.

Each is parsed once per process; the result is shared, so callers must not change it
(copy it first where a module adds derived keys)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def data_file(name: str) -> dict:
    """loaders/data/<name>, parsed."""
    return tomllib.loads(resources.files("plankg.loaders").joinpath("data", name).read_text("utf-8"))
