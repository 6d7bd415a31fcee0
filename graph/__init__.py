"""The graph: one model, two stores (embedded Ladybug, Neo4j 5) behind one interface."""

from __future__ import annotations

from pathlib import Path

from plankg.config import Settings
from plankg.graph.base import LoadFailure, LoadSummary, PlanLoad, Store


def is_neo4j_uri(uri: str | None) -> bool:
    return bool(uri) and uri.split("://", 1)[0] in {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


def open_store(
    uri: str | None = None,
    *,
    path: str | Path | None = None,
    read_only: bool = False,
    settings: Settings | None = None,
) -> Store:
    """A bolt:// or neo4j:// URI (given, or PLANKG_NEO4J_URI) opens Neo4j; otherwise
    the embedded Ladybug store at `path` (or the settings' embedded path)."""
    settings = settings or Settings()
    if uri and not is_neo4j_uri(uri):
        # A plain path given as the store "URI" is the embedded store's directory.
        path = path or uri.removeprefix("ladybug://").removeprefix("file://")
        uri = None
    uri = uri or (None if path else settings.neo4j_uri)
    if is_neo4j_uri(uri):
        from plankg.graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            uri, user=settings.neo4j_user, password=settings.neo4j_password,
            database=settings.neo4j_database, read_only=read_only,
        )
    from plankg.graph.ladybug_store import LadybugStore

    return LadybugStore(Path(path) if path else settings.embedded_path, read_only=read_only)


__all__ = ["LoadFailure", "LoadSummary", "PlanLoad", "Store", "open_store"]
