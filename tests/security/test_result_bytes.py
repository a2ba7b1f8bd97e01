"""Answers are bounded in bytes (ZONEGRAPH_MAX_RESULT_BYTES); clients that never read are cut."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlencode

import pytest

from tests.server.serverkit import LiveServer, build_store, make_client


def _doubled(times: int) -> str:
    """A one-row SELECT whose value is 16 x 2^times characters."""
    binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(times))
    return f'SELECT ?v{times} WHERE {{ BIND("0123456789abcdef" AS ?v0) {binds} }}'


LIMIT = 100_000
ONE_ROW = _doubled(13)  # 131,072 characters in one row: the row limit does not see it


@pytest.fixture(scope="module")
def client(store_dir):
    with make_client(store_dir, max_result_bytes=LIMIT, max_concurrent_queries=1) as c:
        yield c


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize(
    "query", [ONE_ROW, "SELECT * WHERE { ?s ?p ?o }"], ids=["one-long-row", "many-rows"]
)
def test_solutions_over_the_byte_limit_are_413(client, fmt, query):
    r = client.get("/sparql", params={"query": query, "format": fmt})
    assert r.status_code == 413 and "ZONEGRAPH_MAX_RESULT_BYTES" in r.text
    small = client.get("/sparql", params={"query": _doubled(10), "format": fmt})
    assert small.status_code == 200 and "0123456789abcdef" * 1024 in small.text


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml", "jsonld"])
def test_graphs_over_the_byte_limit_are_413(client, fmt):
    r = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": fmt})
    assert r.status_code == 413 and "ZONEGRAPH_MAX_RESULT_BYTES" in r.text
    small = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 20"
    assert client.get("/sparql", params={"query": small, "format": fmt}).status_code == 200


def test_no_byte_limit_when_zero(fresh_dir):
    with make_client(fresh_dir, max_result_bytes=0, max_concurrent_queries=1) as c:
        r = c.get("/sparql", params={"query": ONE_ROW, "format": "csv"})
        assert r.status_code == 200 and len(r.content) > LIMIT


def test_a_client_that_never_reads_is_dropped(tmp_path):
    server = LiveServer(build_store(tmp_path / "store"), ZONEGRAPH_SEND_TIMEOUT="1")
    try:
        query = urlencode({"query": _doubled(20), "format": "csv"})  # a 16 MiB answer
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(f"GET /sparql?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
            time.sleep(4)  # the server waits 1 s for each chunk, then gives up
            sock.settimeout(10)
            received, closed = 0, False
            while chunk := sock.recv(1 << 16):
                received += len(chunk)
            closed = True
        assert closed and received < 16 << 20
        # The server goes on answering.
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            sock.settimeout(10)
            assert sock.recv(64).startswith(b"HTTP/1.1 200")
    finally:
        server.stop()
