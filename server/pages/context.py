"""What the pages need from the app that mounts them: a store per request, and document folders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request

from kg.store import Store


@dataclass
class PagesContext:
    """Set by ``server.pages.register``; ``documents`` are searched for a source's text file."""

    store_provider: Callable[[Request], Store]
    documents: list[Path] = field(default_factory=list)
    endpoint: str = "/sparql"


def context_of(request: Request) -> PagesContext:
    """The PagesContext of the app serving ``request``."""
    return request.app.state.zonegraph_pages


def store_of(request: Request) -> Store:
    """The store the pages read for ``request``."""
    return context_of(request).store_provider(request)


def service_allowlist(request: Request) -> list[str]:
    """The endpoints the server lets SERVICE call (its settings), none when it has no settings."""
    state = getattr(request.app.state, "zonegraph", None)
    return list(getattr(getattr(state, "settings", None), "service_allowlist", None) or [])
