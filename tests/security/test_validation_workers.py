"""/validate parses and validates in bounded worker processes: no body can stall the server.

Against a real server on 127.0.0.1 with one validation worker, a 3 s validation
time limit, one place in the queue and a 1500 MiB memory cap per worker.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server.serverkit import LiveServer, probing_health

TIMEOUT, MEMORY, MAX_BYTES = 3.0, 1500, 6_000_000
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ZONE = "https://w3id.org/zonegraph/ontology#DevelopmentZone"
# 30,000 zones without labels (4.5 MB): about 20 s of SHACL work on an idle machine (4,000
# took 1.9 s with the engine of issue 11), far past the time limit.
HEAVY = "\n".join(
    f"<https://w3id.org/zonegraph/id/zone/z{i}> <{RDF_TYPE}> <{ZONE}> ." for i in range(30000)
).encode()
SMALL = f"<https://w3id.org/zonegraph/id/zone/z> <{RDF_TYPE}> <{ZONE}> .".encode()
NT = {"content-type": "application/n-triples"}


@pytest.fixture(scope="module")
def live(store_dir) -> Iterator[LiveServer]:
    server = LiveServer(
        store_dir,
        ZONEGRAPH_VALIDATION_TIMEOUT=str(TIMEOUT),
        ZONEGRAPH_VALIDATION_MEMORY=str(MEMORY),
        ZONEGRAPH_MAX_QUEUED_VALIDATIONS="1",
        ZONEGRAPH_MAX_REQUEST_BYTES=str(MAX_BYTES),
    )
    try:
        # The first validation waits for the workers to start and warm up.
        r = httpx.post(server.url + "/validate", content=SMALL, headers=NT, timeout=60)
        assert r.status_code == 200
        yield server
    finally:
        server.stop()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_validation_past_the_time_limit_is_503_and_the_server_stays_responsive(live):
    before = _cpu_seconds(live.proc.pid)
    r, seconds, latencies = probing_health(
        live.url,
        lambda: httpx.post(live.url + "/validate", content=HEAVY, headers=NT, timeout=60),
    )
    status, text = r.status_code, r.text
    assert status == 503 and "ZONEGRAPH_VALIDATION_TIMEOUT" in text
    assert TIMEOUT - 0.5 < seconds < TIMEOUT + 2
    assert len(latencies) >= 10 and max(latencies) < 1.0
    # Parsing and validating ran in the worker: the server process did little meanwhile.
    assert _cpu_seconds(live.proc.pid) - before < 1.5
    r = httpx.post(live.url + "/validate", content=SMALL, headers=NT, timeout=30)
    assert r.status_code == 200 and r.json()["conforms"] is False  # the zone has no label


def test_when_the_worker_and_the_queue_are_taken_a_validation_is_503_with_retry_after(live):
    """Eight heavy validations at once: the queue refuses six at once, /health never waits.

    In the server process, eight took every thread of the default executor (six on two
    CPUs), so /health, which reads the store in one of them, waited for them all.
    """
    answers: list = []
    clients = [httpx.Client(base_url=live.url, timeout=60) for _ in range(8)]
    ready = threading.Barrier(len(clients))

    def heavy(client: httpx.Client) -> None:
        with client:
            ready.wait()
            start = time.monotonic()
            r = client.post("/validate", content=HEAVY, headers=NT)
            answers.append((r.status_code, r.text, r.headers.get("retry-after"), start))
            answers[-1] = (*answers[-1][:3], time.monotonic() - start)

    def all_of_them() -> None:
        threads = [threading.Thread(target=heavy, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)

    _, _, latencies = probing_health(live.url, all_of_them)
    refused = [a for a in answers if "ZONEGRAPH_MAX_QUEUED_VALIDATIONS" in a[1]]
    assert len(refused) == 6
    assert all(a[0] == 503 and a[2] is not None and a[3] < 1.0 for a in refused)
    assert len(latencies) >= 20 and max(latencies) < 1.0


def test_a_body_over_the_limit_is_413_before_any_work(live):
    r = httpx.post(live.url + "/validate", content=b"#" * (MAX_BYTES + 1), headers=NT, timeout=30)
    assert r.status_code == 413 and "ZONEGRAPH_MAX_REQUEST_BYTES" in r.text


def _validation_workers(live: LiveServer) -> dict[int, tuple[str, str]]:
    """Validation worker pid -> (address-space limit, network namespace)."""
    found = {}
    for pid in _children(live.proc.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            limits = Path(f"/proc/{pid}/limits").read_text().splitlines()
            net = os.readlink(f"/proc/{pid}/ns/net")
        except OSError:
            continue
        if b"server.workers" in command and str(MEMORY).encode() in command:
            line = next(x for x in limits if x.startswith("Max address space"))
            found[pid] = (line.split()[3], net)
    return found


def test_validation_workers_have_a_memory_cap_and_no_network(live):
    server_net = os.readlink(f"/proc/{live.proc.pid}/ns/net")
    expected = (str(MEMORY << 20), server_net)
    deadline = time.monotonic() + 20
    # A worker started to replace a killed one sets its limits once its imports are done.
    while time.monotonic() < deadline:
        workers = _validation_workers(live)
        if len(workers) == 2 and all(v[0] == expected[0] for v in workers.values()):
            break
        time.sleep(0.2)
    assert len(workers) == 2  # the worker and its warm spare
    for limit, net in workers.values():
        assert limit == expected[0] and net != server_net


def test_a_heavy_form_upload_is_a_readable_503_page_and_health_keeps_answering(live):
    """/validate/form runs in the same workers: past the time limit, a page that says so."""
    files = {"file": ("zones 2024.nt", HEAVY, "application/n-triples")}
    r, seconds, latencies = probing_health(
        live.url, lambda: httpx.post(live.url + "/validate/form", files=files, timeout=60)
    )
    assert r.status_code == 503 and r.headers["content-type"].startswith("text/html")
    assert "Could not check zones 2024.nt:" in r.text and "ZONEGRAPH_VALIDATION_TIMEOUT" in r.text
    assert '<form class="validate"' in r.text  # the form is still there to try again
    assert seconds < TIMEOUT + 2 and len(latencies) >= 10 and max(latencies) < 1.0
    # A small upload afterwards is validated as before, by name.
    files = {"file": ("one zone.nt", SMALL, "application/n-triples")}
    r = httpx.post(live.url + "/validate/form", files=files, timeout=30)
    assert r.status_code == 200 and "<h2>Does not conform: one zone.nt</h2>" in r.text
