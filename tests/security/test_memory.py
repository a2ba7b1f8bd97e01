"""A query over ZONEGRAPH_QUERY_MEMORY is stopped with 503; the server goes on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.config import Settings, default_query_memory
from tests.server.serverkit import make_client

# 2000^3 rows sorted: the engine must hold them all, gigabytes within seconds.
SORTED_PRODUCT = "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?x ?y ?z LIMIT 1"
# One value of 1 GiB, built by doubling a 16-character string 26 times.
HUGE_STRING = (
    'SELECT ?v26 WHERE { BIND("0123456789abcdef" AS ?v0) '
    + " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(26))
    + " }"
)
CAP = 600


def _worker_pids(client, size: int) -> list[int]:
    """The pids of the ``size`` workers, once all are up (a replaced one may be starting)."""
    runner = client.app.state.zonegraph.runner
    deadline = time.monotonic() + 20
    while len(runner._idle) < size and time.monotonic() < deadline:
        time.sleep(0.1)
    return [w.proc.pid for w in runner._idle]


@pytest.fixture(scope="module")
def client(store_dir):
    with make_client(store_dir, query_memory=CAP, max_concurrent_queries=2, query_timeout=60) as c:
        yield c


@pytest.mark.parametrize("query", [SORTED_PRODUCT, HUGE_STRING], ids=["intermediate", "result"])
def test_a_query_over_the_memory_cap_is_503_and_the_others_go_on(client, query):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 503
    assert "ZONEGRAPH_QUERY_MEMORY" in r.text and f"{CAP} MiB" in r.text
    for _ in range(3):  # the replaced worker and the other one both answer
        ok = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert ok.status_code == 200 and ok.json()["boolean"] is True
    assert client.get("/health").status_code == 200


def _limit(pid: int) -> str:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max address space"):
            return line.split()[3]
    raise AssertionError("no address-space line")


def test_workers_run_under_the_cap_with_few_malloc_arenas(client, fresh_dir):
    pids = _worker_pids(client, 2)
    assert len(pids) == 2
    for pid in pids:
        assert _limit(pid) == str(CAP << 20)
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert b"MALLOC_ARENA_MAX=2" in environ and b"RUST_BACKTRACE=0" in environ
    with make_client(fresh_dir, query_memory=0, max_concurrent_queries=1) as c:
        assert _limit(_worker_pids(c, 1)[0]) == "unlimited"


def test_the_default_cap_leaves_half_the_machine_to_the_rest(monkeypatch):
    monkeypatch.delenv("ZONEGRAPH_QUERY_MEMORY", raising=False)
    default = Settings(max_concurrent_queries=4).query_memory
    assert default == default_query_memory(4) and 1024 <= default <= 4096
    monkeypatch.setattr("kg.config.machine_memory", lambda: 64 << 30)
    assert default_query_memory(4) == 4096  # 6.4 GiB, clamped
    monkeypatch.setattr("kg.config.machine_memory", lambda: 4 << 30)
    assert default_query_memory(4) == 1024  # 409 MiB, raised to the floor
    monkeypatch.setattr("kg.config.machine_memory", lambda: 24 << 30)
    assert default_query_memory(3) == 3072
    monkeypatch.setenv("ZONEGRAPH_QUERY_MEMORY", "0")
    assert Settings().query_memory == 0
