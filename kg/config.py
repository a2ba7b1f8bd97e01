"""Settings, read once at the edge (CLI or app factory) and passed down as values."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_store() -> str:
    """The store used when none is named: ``./var/store`` under the working directory."""
    return str(Path("var") / "store")


class Settings(BaseSettings):
    """zonegraph configuration; every field can be set as ``ZONEGRAPH_<NAME>``.

    >>> Settings(store="/tmp/s").store
    '/tmp/s'
    """

    model_config = SettingsConfigDict(env_prefix="ZONEGRAPH_", extra="ignore")

    store: str = Field(default_factory=default_store)
    update_token: SecretStr | None = None
    query_timeout: float = 30.0
    max_concurrent_queries: int = 4
    max_request_bytes: int = 10_000_000
    max_result_rows: int = 100_000
    service_allowlist: list[str] = Field(default_factory=list)
    max_query_depth: int = 64
    base_url: str = "http://127.0.0.1:8000"
