"""What the request handlers share: settings, the store, the query runner and small caches."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from kg.config import Settings
from kg.store import Store
from server.workers import Runner


@dataclass
class ServerState:
    """One per app; ``writes`` counts the writes made, so caches know when they are stale.

    ``validator`` runs /validate's jobs in worker processes (server/validation_job.py).
    """

    settings: Settings
    store: Store
    runner: Runner
    validator: Runner
    writes: int = 0
    cache: dict = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        """The server's public address (ZONEGRAPH_BASE_URL), never the request's Host."""
        return self.settings.base_url.rstrip("/")

    @property
    def updates_enabled(self) -> bool:
        token = self.settings.update_token
        return token is not None and bool(token.get_secret_value())


def state_of(request: Request) -> ServerState:
    """The ServerState of the app serving ``request``."""
    return request.app.state.zonegraph
