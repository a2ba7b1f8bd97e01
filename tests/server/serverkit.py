"""Helpers of the server tests: a small on-disk store, the ASGI client, a real uvicorn process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from kg.config import Settings
from kg.store import open_store
from server.app import create_app

TOKEN = "test-token-7f3a"
EX = "http://example.org/"
GRAPH_A = EX + "graph/a"
GRAPH_B = EX + "graph/b"
# Enough triples that a five-way cartesian product cannot finish.
FILLER = 2000


def _ntriples_a() -> bytes:
    lines = [
        f'<{EX}zone/{i}> <{EX}value> "{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .'
        for i in range(FILLER)
    ]
    lines.append(f'<{EX}zone/1> <http://www.w3.org/2000/01/rdf-schema#label> "Zone one"@en .')
    return ("\n".join(lines) + "\n").encode()


def build_store(path: Path) -> Path:
    """A store with two named graphs: A (FILLER numbered zones) and B (one triple)."""
    store = open_store(path)
    store.replace_graphs(
        {
            GRAPH_A: _ntriples_a(),
            GRAPH_B: f"<{EX}zone/1> <{EX}partner> <{EX}country/sg> .\n".encode(),
        }
    )
    store.close()
    del store
    return path


def make_client(path: Path, **overrides) -> TestClient:
    # The TestClient's requests go to http://testserver: the server's public address here.
    defaults = {"update_token": TOKEN, "base_url": "http://testserver"}
    settings = Settings(store=str(path), **{**defaults, **overrides})
    return TestClient(create_app(settings))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """A uvicorn process serving the app on 127.0.0.1:port."""

    def __init__(self, store: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {
            **os.environ,
            "ZONEGRAPH_STORE": str(store),
            "ZONEGRAPH_UPDATE_TOKEN": TOKEN,
            **env,
        }
        code = (
            "import sys; from kg.config import Settings; from server.app import run; "
            "run(Settings(), port=int(sys.argv[1]), log_level='warning')"
        )
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(self.port)], env=environment)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the server exited at start")
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not answer /health within 30 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def probing_health(url: str, request: Callable[[], object]) -> tuple[object, float, list[float]]:
    """Run ``request`` in a thread while ``url``/health is asked every 0.1 s (each must be 200).

    Returns what ``request`` returned, the seconds it took and the latency of each probe.
    """
    answer: list = []

    def run() -> None:
        start = time.monotonic()
        answer.append((request(), time.monotonic() - start))

    latencies = health_while(url, [threading.Thread(target=run)])
    return answer[0][0], answer[0][1], latencies


def health_while(url: str, threads: list[threading.Thread]) -> list[float]:
    """Start ``threads`` and ask ``url``/health every 0.1 s until all have ended (each probe
    must be 200); the latency of each probe."""
    for t in threads:
        t.start()
    latencies = []
    with httpx.Client(base_url=url, timeout=10) as client:
        while any(t.is_alive() for t in threads):
            start = time.monotonic()
            assert client.get("/health").status_code == 200
            latencies.append(time.monotonic() - start)
            time.sleep(0.1)
    for t in threads:
        t.join()
    return latencies
