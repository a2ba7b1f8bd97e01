"""Fixtures of the linking suite: a real `oxigraph serve` standing in for Wikidata's endpoint."""

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

from kg.ingest import ensure_seeded
from kg.store import OxigraphStore, Store

WIKIDATA_FIXTURE = Path(__file__).parent.parent / "fixtures" / "wikidata" / "wikidata.ttl"


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or shutil.which(
        "oxigraph", path=str(Path(sys.executable).parent)
    )
    if not found:
        pytest.fail(
            "the `oxigraph` command is missing; install the test extras: pip install -e '.[test]'"
        )
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def wikidata_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of an `oxigraph serve` on 127.0.0.1 loaded with the Wikidata fixture."""
    location = tmp_path_factory.mktemp("wikidata-standin")
    binary = _oxigraph_binary()
    subprocess.run(
        [binary, "load", "--location", str(location), "--file", str(WIKIDATA_FIXTURE)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {process.stderr.read().decode()}")
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("oxigraph serve did not answer within 20 s") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def seeded_store() -> Iterator[Store]:
    """A fresh in-memory store with the ontology and the reference data."""
    store = OxigraphStore(None)
    ensure_seeded(store)
    yield store
    store.close()
