"""Fixtures of the store-level suite: a real `oxigraph serve` and a fresh store per backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.remote import RemoteStore
from kg.store import OxigraphStore, Store
from tests.oxigraph_kit import OxigraphServer


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-server"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def new_oxigraph_server(tmp_path: Path) -> Iterator[type[OxigraphServer]]:
    """Start servers of one's own (to kill them); all are stopped at the end of the test."""
    started: list[OxigraphServer] = []

    def start(location: Path | None = None) -> OxigraphServer:
        server = OxigraphServer(location or tmp_path / f"server-{len(started)}")
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def remote_store(oxigraph_server: OxigraphServer) -> Iterator[RemoteStore]:
    """A fresh, empty store on the session's Oxigraph server."""
    store = RemoteStore(oxigraph_server.query_url, env={}, backoff=0.01, retries=2)
    store.update("DROP ALL")
    yield store
    store.close()


@pytest.fixture
def embedded_store() -> Iterator[Store]:
    store = OxigraphStore(None)
    yield store
    store.close()


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest) -> Store:
    """A fresh, empty Store of each backend."""
    return request.getfixturevalue(f"{request.param}_store")
