"""A body whose parsing needs more than ZONEGRAPH_VALIDATION_MEMORY is stopped with 503.

Against a real server on 127.0.0.1. The cap is set a bounded margin above what a warm
validation worker itself takes (measured here, in a process that does what a new worker
does), the time limit far away, so only the memory cap can stop the big body; /health
answers all the while, and a small validation afterwards is answered as before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from tests.server.serverkit import TOKEN, LiveServer, probing_health

# MiB above a warm worker's peak address space: room for a small body, not for a big one.
MARGIN = 160
TIMEOUT = 300.0  # far past what the big body takes: only the memory cap can stop it
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ZONE = "https://w3id.org/zonegraph/ontology#DevelopmentZone"
# 220,000 distinct triples (9.0 MB, under the form's 10 MB): without a cap they took a
# worker to 927 MiB of address space (VmPeak) in 20 s, over twice the cap set here.
BIG = "\n".join(f'<http://e/{i}> <http://e/p> "{i}" .' for i in range(220_000)).encode()
SMALL = f"<https://w3id.org/zonegraph/id/zone/z> <{RDF_TYPE}> <{ZONE}> .".encode()
NT = {"content-type": "application/n-triples"}
GRAPH = "http://example.org/graph/too-big"
# What a new validation worker does before its first job, then its peak address space.
_MEASURE = """
from pathlib import Path
from server.validation_job import WARM_UP
assert WARM_UP.run().status == 200
status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
print(int(status["VmPeak"].split()[0]) // 1024)
"""


def _warm_worker_peak() -> int:
    """MiB of address space a warm validation worker has reached (its imports, pySHACL)."""
    env = {**os.environ, "MALLOC_ARENA_MAX": "2", "RUST_BACKTRACE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


@pytest.fixture(scope="module")
def cap() -> int:
    return _warm_worker_peak() + MARGIN


@pytest.fixture(scope="module")
def live(store_dir, cap) -> Iterator[LiveServer]:
    server = LiveServer(
        store_dir,
        ZONEGRAPH_VALIDATION_TIMEOUT=str(TIMEOUT),
        ZONEGRAPH_VALIDATION_MEMORY=str(cap),
        ZONEGRAPH_MAX_REQUEST_BYTES=str(len(BIG) + 1000),
    )
    try:
        # The first validation waits for the workers to start and warm up under the cap.
        r = httpx.post(server.url + "/validate", content=SMALL, headers=NT, timeout=120)
        assert r.status_code == 200
        yield server
    finally:
        server.stop()


def _small_validation_is_answered(live: LiveServer) -> None:
    r = httpx.post(live.url + "/validate", content=SMALL, headers=NT, timeout=60)
    assert r.status_code == 200 and r.json()["conforms"] is False  # the zone has no label


def _validate(url: str) -> httpx.Response:
    return httpx.post(url + "/validate", content=BIG, headers=NT, timeout=TIMEOUT + 30)


def _form(url: str) -> httpx.Response:
    files = {"file": ("big.nt", BIG, "application/n-triples")}
    return httpx.post(url + "/validate/form", files=files, timeout=TIMEOUT + 30)


def _put(url: str) -> httpx.Response:
    headers = {**NT, "authorization": f"Bearer {TOKEN}"}
    params = {"graph": GRAPH}
    return httpx.put(url + "/store", params=params, content=BIG, headers=headers,
                     timeout=TIMEOUT + 30)  # fmt: skip


@pytest.mark.parametrize("send", [_validate, _form, _put], ids=["validate", "form", "gsp-put"])
def test_a_body_over_the_validation_memory_cap_is_503_and_the_server_goes_on(live, cap, send):
    r, seconds, latencies = probing_health(live.url, lambda: send(live.url))
    assert r.status_code == 503, (r.status_code, r.text[:300])
    assert "ZONEGRAPH_VALIDATION_MEMORY" in r.text and f"{cap} MiB" in r.text
    assert seconds < TIMEOUT / 2  # the memory cap stopped it, not the time limit
    assert latencies and max(latencies) < 2.0
    for _ in range(2):  # the worker that took its place, and the next one
        _small_validation_is_answered(live)
    # A refused write leaves the graph as it was: absent.
    assert httpx.get(live.url + "/store", params={"graph": GRAPH}, timeout=30).status_code == 404
