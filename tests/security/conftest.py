"""Fixtures of the security tests: a counting listener, a small store, the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.listener import CountingListener
from tests.server.serverkit import build_store


@pytest.fixture
def listener() -> Iterator[CountingListener]:
    server = CountingListener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("security") / "store")


@pytest.fixture
def fresh_dir(tmp_path) -> Path:
    return build_store(tmp_path / "store")
