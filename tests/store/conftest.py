"""Fixtures of the store-level suite: a real `oxigraph serve` and a fresh store per backend."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.remote import RemoteStore
from kg.store import OxigraphStore, Store


def oxigraph_binary() -> str:
    """The `oxigraph` command of the PyPI package `oxigraph` (test extras)."""
    found = shutil.which("oxigraph") or shutil.which(
        "oxigraph", path=str(Path(sys.executable).parent)
    )
    if not found:
        pytest.fail(
            "the `oxigraph` command is missing; install the test extras: pip install -e '.[test]'"
        )
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """An `oxigraph serve` process on 127.0.0.1 over a directory that outlives restarts."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                oxigraph_binary(),
                "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"oxigraph serve exited: {err}")
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"oxigraph serve did not answer on port {self.port} within 20 s")

    def kill(self) -> None:
        """Stop the server abruptly, as a crash or a cut cable would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


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
