"""Graph Store writes parse and validate their bodies in the bounded validation workers.

A real server on 127.0.0.1 with one validation worker, a 3 s validation time limit and
a 1500 MiB memory cap per worker: heavy, huge and hostile PUT/POST bodies sent at once
end in 503 (the limit named) or 400, ``/health`` answers within a second all along, the
server process itself does little work, and the graph is the old one or the new one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.security.test_validation_workers import HEAVY, MEMORY, SMALL, TIMEOUT, _cpu_seconds
from tests.server.serverkit import TOKEN, LiveServer, health_while

MAX_BYTES = 6_000_000
AUTH = {"authorization": f"Bearer {TOKEN}"}
NT = {"content-type": "application/n-triples", **AUTH}
TURTLE = {"content-type": "text/turtle", **AUTH}
RDFXML = {"content-type": "application/rdf+xml", **AUTH}
GRAPH = "http://example.org/graph/kept"
ZONE = """\
@prefix dz: <https://w3id.org/zonegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/zonegraph/id/zone/kept-zone> a dz:DevelopmentZone ;
    rdfs:label "Kept zone"@en .
"""
# One RDF collection of ~2.9 million items (5.8 MB): rdflib needs minutes and gigabytes.
HUGE = b"<http://example.org/s> <http://example.org/p> (" + b" 1" * 2_900_000 + b" ) ."
# Billion laughs: ten levels of tenfold entity expansion in 1 KB.
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY l0 "ha">\n'
    + b"".join(
        b'<!ENTITY l%d "%s">\n' % (i, b"".join(b"&l%d;" % (i - 1) for _ in range(10)))
        for i in range(1, 11)
    )
    + b']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    b' xmlns:e="http://example.org/"><rdf:Description rdf:about="http://example.org/s">'
    b"<e:p>&l10;</e:p></rdf:Description></rdf:RDF>"
)


@pytest.fixture(scope="module")
def live(store_dir) -> Iterator[LiveServer]:
    server = LiveServer(
        store_dir,
        ZONEGRAPH_VALIDATION_TIMEOUT=str(TIMEOUT),
        ZONEGRAPH_VALIDATION_MEMORY=str(MEMORY),
        ZONEGRAPH_MAX_REQUEST_BYTES=str(MAX_BYTES),
    )
    try:
        # The first write waits for the validation worker to start and warm up.
        r = httpx.put(server.url + "/store", params={"graph": GRAPH}, content=ZONE,
                      headers=TURTLE, timeout=60)  # fmt: skip
        assert r.status_code == 201, r.text
        yield server
    finally:
        server.stop()


def _kept(live: LiveServer) -> str:
    r = httpx.get(live.url + "/store", params={"graph": GRAPH}, headers={"accept": "text/turtle"})
    assert r.status_code == 200
    return r.text


def test_concurrent_heavy_writes_stop_at_the_limits_while_health_answers(live):
    before_graph, before_cpu = _kept(live), _cpu_seconds(live.proc.pid)
    writes = [
        ("PUT", {"graph": GRAPH}, HEAVY, NT),  # 30,000 zones: ~20 s of SHACL work
        ("POST", {"graph": GRAPH}, HEAVY, NT),  # the same, added to the graph
        ("PUT", {"graph": GRAPH}, HUGE, TURTLE),  # minutes of parsing, gigabytes
        ("POST", {}, HEAVY, NT),  # a new graph
        ("PUT", {"graph": GRAPH}, LAUGHS, RDFXML),  # entity expansion
    ]
    answers: dict[int, tuple[int, str, float]] = {}

    def send(i: int) -> None:
        method, params, body, headers = writes[i]
        start = time.monotonic()
        r = httpx.request(method, live.url + "/store", params=params, content=body,
                          headers=headers, timeout=120)  # fmt: skip
        answers[i] = (r.status_code, r.text, time.monotonic() - start)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(writes))]
    latencies = health_while(live.url, threads)
    for i in (0, 1, 3):  # past the time limit of the worker
        status, text, _ = answers[i]
        assert status == 503 and "ZONEGRAPH_VALIDATION_TIMEOUT" in text, (i, status, text)
    status, text, _ = answers[2]  # the time limit or the memory cap, whichever comes first
    assert status == 503 and ("ZONEGRAPH_VALIDATION_" in text), text
    status, text, seconds = answers[4]
    assert status == 400 and "entities" in text and seconds < TIMEOUT * 4 + 5
    # Writes take turns, each at most the time limit (and the worker's replacement).
    assert max(a[2] for a in answers.values()) < (TIMEOUT + 2) * 4
    print(f"health: {len(latencies)} probes, slowest {max(latencies):.3f} s; answers", answers)
    assert len(latencies) >= 20 and max(latencies) < 1.0
    # Parsing and validating ran in the worker: the server process did little meanwhile.
    print(f"server CPU {_cpu_seconds(live.proc.pid) - before_cpu:.2f} s")
    assert _cpu_seconds(live.proc.pid) - before_cpu < 3.0
    assert _kept(live) == before_graph  # old, never half of a new one


def test_writes_after_a_stopped_one_validate_and_commit_as_before(live):
    r = httpx.put(live.url + "/store", params={"graph": GRAPH}, content=HEAVY, headers=NT,
                  timeout=60)  # fmt: skip
    assert r.status_code == 503
    r = httpx.post(live.url + "/store", params={"graph": GRAPH}, content=SMALL, headers=NT,
                   timeout=60)  # fmt: skip
    # The added zone has no label: the merged graph violates the shapes, nothing changes.
    assert r.status_code == 422 and r.json()["conforms"] is False
    assert "zone/z>" not in _kept(live)
    label = SMALL.split(b" ")[0] + b' <http://www.w3.org/2000/01/rdf-schema#label> "Z"@en .'
    r = httpx.post(live.url + "/store", params={"graph": GRAPH}, content=SMALL + b"\n" + label,
                   headers=NT, timeout=60)  # fmt: skip
    assert r.status_code == 204, r.text
    kept = _kept(live)
    assert "zone/z>" in kept and "kept-zone" in kept  # added to, not replaced
