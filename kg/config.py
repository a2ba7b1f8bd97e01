"""Settings, read once at the edge (CLI or app factory) and passed down as values."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_MIB = 1 << 20


def machine_memory() -> int:
    """Bytes of memory this process may use: the RAM, or the cgroup's limit when lower."""
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return ram
    return min(ram, int(limit)) if limit.isdigit() else ram


def default_query_memory(workers: int) -> int:
    """MiB per query worker: the memory over 2 x (workers + 1), kept between 1 and 4 GiB.

    The server process and every worker at its cap together stay at half the machine.

    >>> 1024 <= default_query_memory(4) <= 4096
    True
    """
    share = machine_memory() // (2 * (max(1, workers) + 1)) // _MIB
    return max(1024, min(4096, share))


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
    quick_workers: int = Field(default=1, ge=0)
    quick_timeout: float = Field(default=0.5, gt=0)
    max_queued_queries: int = Field(default=16, ge=0)
    max_request_bytes: int = 10_000_000
    max_result_rows: int = 100_000
    max_result_bytes: int = Field(default=50_000_000, ge=0)
    send_timeout: float = Field(default=30.0, gt=0)
    head_timeout: float = Field(default=10.0, gt=0)
    service_allowlist: list[str] = Field(default_factory=list)
    cors_write_origins: list[str] = Field(default_factory=list)
    max_query_depth: int = 64
    base_url: str = "http://127.0.0.1:8000"
    # MiB of address space per query worker (RLIMIT_AS); 0: no cap; unset: see the validator.
    query_memory: int | None = Field(default=None, ge=0)
    validation_workers: int = Field(default=1, ge=1)
    validation_timeout: float = Field(default=60.0, gt=0)
    max_queued_validations: int = Field(default=8, ge=0)
    # MiB of address space per validation worker; 0: no cap; unset: as query_memory's default.
    validation_memory: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _fill_query_memory(self) -> Settings:
        if self.query_memory is None:
            self.query_memory = default_query_memory(self.max_concurrent_queries)
        if self.validation_memory is None:
            self.validation_memory = default_query_memory(self.max_concurrent_queries)
        return self
