"""Fixtures for the server tests: a small on-disk store, the ASGI app, a real uvicorn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.server.serverkit import LiveServer, build_store, make_client


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("server") / "store")


@pytest.fixture
def fresh_dir(tmp_path) -> Path:
    """A store of its own, for tests that write."""
    return build_store(tmp_path / "store")


@pytest.fixture(scope="module")
def client(store_dir) -> Iterator[TestClient]:
    with make_client(store_dir, max_concurrent_queries=2) as c:
        yield c


@pytest.fixture
def writer(fresh_dir) -> Iterator[TestClient]:
    with make_client(fresh_dir, max_concurrent_queries=1) as c:
        yield c


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[LiveServer]:
    """A real uvicorn on a free port of 127.0.0.1, with a 1.5 s query time limit."""
    store = build_store(tmp_path_factory.mktemp("live") / "store")
    server = LiveServer(store, ZONEGRAPH_QUERY_TIMEOUT="1.5", ZONEGRAPH_MAX_CONCURRENT_QUERIES="2")
    yield server
    server.stop()
