"""An update that crashes or runs away in the engine costs a worker, never the server.

Each update is tried first on a copy of the store in a query worker. Against a
real server on 127.0.0.1 whose nesting limit is raised out of the way, so that
the engine's own crash on deep nesting is what is tested.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.server.serverkit import EX, GRAPH_B, TOKEN, LiveServer, probing_health

AUTH = {"authorization": f"Bearer {TOKEN}", "content-type": "application/sparql-update"}
# 6,000 nested parentheses in a FILTER: the engine overflows its stack (a segfault).
CRASHING = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }"
# Four-way cartesian product over the ~2000 triples of the named graphs: never ends.
RUNAWAY = (
    f"INSERT {{ <{EX}count> <{EX}is> ?n }} WHERE {{ SELECT (COUNT(*) AS ?n) WHERE {{ "
    + " ".join(f"GRAPH ?g{i} {{ ?s{i} ?p{i} ?o{i} }}" for i in range(4))
    + " } }"
)
TIMEOUT = 2.0


@pytest.fixture
def live(fresh_dir) -> Iterator[LiveServer]:
    server = LiveServer(
        fresh_dir, ZONEGRAPH_MAX_QUERY_DEPTH="100000", ZONEGRAPH_QUERY_TIMEOUT=str(TIMEOUT)
    )
    yield server
    server.stop()


def _ask(live: LiveServer, pattern: str) -> bool:
    r = httpx.get(live.url + "/sparql", params={"query": f"ASK {{ {pattern} }}"}, timeout=10)
    assert r.status_code == 200
    return r.json()["boolean"]


def test_an_update_that_crashes_the_engine_is_400_and_the_server_goes_on(live):
    r = httpx.post(live.url + "/sparql", content=CRASHING, headers=AUTH, timeout=30)
    assert r.status_code == 400 and "crashed the query engine" in r.text
    assert live.proc.poll() is None
    assert httpx.get(live.url + "/health", timeout=10).status_code == 200
    assert _ask(live, f"GRAPH <{GRAPH_B}> {{ ?s ?p ?o }}")  # nothing was deleted
    insert = f"INSERT DATA {{ GRAPH <{GRAPH_B}> {{ <{EX}a> <{EX}b> <{EX}c> }} }}"
    assert httpx.post(live.url + "/sparql", content=insert, headers=AUTH).status_code == 204
    assert _ask(live, f"GRAPH <{GRAPH_B}> {{ <{EX}a> <{EX}b> <{EX}c> }}")


def test_a_runaway_update_is_stopped_at_the_time_limit_and_changes_nothing(live):
    r, seconds, latencies = probing_health(
        live.url,
        lambda: httpx.post(live.url + "/sparql", content=RUNAWAY, headers=AUTH, timeout=30),
    )
    status, text = r.status_code, r.text
    assert status == 503 and "the update ran longer" in text and "ZONEGRAPH_QUERY_TIMEOUT" in text
    assert seconds < TIMEOUT + 2
    assert max(latencies) < 1.0
    assert not _ask(live, f"<{EX}count> <{EX}is> ?n")
