"""Exceptions every layer raises; each names where the problem is."""

from __future__ import annotations


class PlankgError(Exception):
    """Base for errors a user can act on."""


class ParseError(PlankgError):
    """A document could not be read as a plan. Names the file and, where it applies, the line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class StoreError(PlankgError):
    """The graph store refused an operation."""


class QueryError(PlankgError):
    """A catalogue query was called wrongly (unknown name, bad parameter)."""

    def __init__(self, message: str, param: str | None = None):
        self.param = param
        super().__init__(message)
