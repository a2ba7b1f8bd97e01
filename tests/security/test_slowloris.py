"""Slow-header clients (slowloris) are cut off at the head deadline; everyone else is served.

Against a real uvicorn on 127.0.0.1 with ZONEGRAPH_HEAD_TIMEOUT=1: the
deadline lives in the HTTP protocol (server/connections.py), which the ASGI
test client never runs.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.server.serverkit import LiveServer

HEAD_TIMEOUT = 1.0
SLOW_CLIENTS = 120
ATTACK_SECONDS = HEAD_TIMEOUT + 2.5


@pytest.fixture(scope="module")
def live(store_dir) -> Iterator[LiveServer]:
    server = LiveServer(store_dir, ZONEGRAPH_HEAD_TIMEOUT=str(HEAD_TIMEOUT))
    yield server
    server.stop()


def _connect(live: LiveServer) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", live.port), timeout=5)
    sock.setblocking(False)
    return sock


def _what_the_server_said(socks: list[socket.socket], seconds: float) -> list[bytes | None]:
    """What the server sent on each socket before closing it; None where it is still open."""
    received = {sock: b"" for sock in socks}
    open_ = set(socks)
    deadline = time.monotonic() + seconds
    with selectors.DefaultSelector() as selector:
        for sock in socks:
            selector.register(sock, selectors.EVENT_READ)
        while open_ and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.1):
                sock = key.fileobj
                try:
                    chunk = sock.recv(4096)
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    chunk = b""
                if chunk:
                    received[sock] += chunk
                else:
                    open_.discard(sock)
                    selector.unregister(sock)
    return [None if sock in open_ else received[sock] for sock in socks]


def test_slow_header_clients_are_dropped_and_others_are_served(live):
    silent = [_connect(live) for _ in range(SLOW_CLIENTS // 2)]
    trickling = [_connect(live) for _ in range(SLOW_CLIENTS - len(silent))]
    for sock in trickling:
        sock.send(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    latencies, failures = [], []
    deadline = time.monotonic() + ATTACK_SECONDS
    with httpx.Client(base_url=live.url, timeout=5) as client:
        while time.monotonic() < deadline:
            for sock in trickling:  # one more header byte each, never the end of the head
                with contextlib.suppress(BlockingIOError, BrokenPipeError, ConnectionResetError):
                    sock.send(b"a")
            start = time.monotonic()
            r = client.get("/health")
            latencies.append(time.monotonic() - start)
            if r.status_code != 200:
                failures.append(r.status_code)
            time.sleep(0.2)
    assert failures == []
    assert max(latencies) < 1.0, latencies
    answers = _what_the_server_said(silent + trickling, 3)
    for sock in silent + trickling:
        sock.close()
    assert [a for a in answers if a is None] == []  # every slow connection was closed
    assert all(a.startswith(b"HTTP/1.1 408") for a in answers if a)
    assert sum(1 for a in answers if a.startswith(b"HTTP/1.1 408")) == SLOW_CLIENTS


def test_the_deadline_covers_the_head_only(live):
    # A kept-alive connection idle past the head deadline (but not the keep-alive one)
    # is reused, and a body that takes longer than the deadline to arrive is read whole.
    with httpx.Client(base_url=live.url, timeout=10) as client:
        assert client.get("/health").status_code == 200
        time.sleep(HEAD_TIMEOUT + 0.5)
        assert client.get("/health").status_code == 200

        def slow_body() -> Iterator[bytes]:
            for piece in (b"ASK ", b"{ ?s ", b"?p ?o }"):
                yield piece
                time.sleep(HEAD_TIMEOUT * 0.8)

        r = client.post(
            "/sparql",
            content=slow_body(),
            headers={"content-type": "application/sparql-query", "accept": "application/json"},
        )
        assert r.status_code == 200 and r.json()["boolean"] is True
