"""One settings object for every entry point (CLI, API, tests), fed by the environment."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "plankg"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANKG_", env_file=".env", extra="ignore")

    data_dir: Path = default_data_dir()
    db_path: Path | None = None  # embedded store directory; default data_dir/graph.lbdb
    neo4j_uri: str | None = None  # bolt://… selects the Neo4j store
    neo4j_user: str = "neo4j"
    neo4j_password: str = "neo4j"
    neo4j_database: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    admin_token: str | None = None  # write endpoints are off unless set
    max_upload_bytes: int = 20 * 2**20  # a plan upload larger than this is refused (413)

    @property
    def embedded_path(self) -> Path:
        return self.db_path or (self.data_dir / "graph.lbdb")


def get_settings() -> Settings:
    return Settings()
