"""Long queries never starve quick ones: a worker is kept for them, and the queue is bounded.

Real concurrent requests against a real server on 127.0.0.1 with three query
workers (one kept for quick queries), a 6 s time limit, a 0.5 s quick limit
(the default) and two places in the queue.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.server.serverkit import EX, LiveServer

# Five triple patterns over ~2000 triples: never finishes.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . ?g ?p4 ?h . ?i ?p5 ?j }"
PROBE = f"ASK {{ <{EX}zone/1> <{EX}partner> <{EX}country/sg> }}"
WORKERS, TIMEOUT, QUICK_TIMEOUT, QUEUED = 3, 6.0, 0.5, 2


@pytest.fixture(scope="module")
def live(store_dir) -> Iterator[LiveServer]:
    server = LiveServer(
        store_dir,
        ZONEGRAPH_MAX_CONCURRENT_QUERIES=str(WORKERS),
        ZONEGRAPH_QUERY_TIMEOUT=str(TIMEOUT),
        ZONEGRAPH_QUICK_TIMEOUT=str(QUICK_TIMEOUT),
        ZONEGRAPH_MAX_QUEUED_QUERIES=str(QUEUED),
    )
    yield server
    server.stop()


def _fire(live: LiveServer, count: int) -> tuple[list[threading.Thread], list[tuple]]:
    """Send ``count`` slow queries at once; each leaves (status, text, Retry-After, seconds)."""
    answers: list[tuple] = []
    # Clients made first: making one (its SSL context) takes longer than a refusal.
    clients = [httpx.Client(base_url=live.url, timeout=30) for _ in range(count)]
    ready = threading.Barrier(count)

    def slow(client: httpx.Client) -> None:
        with client:
            ready.wait()
            start = time.monotonic()
            r = client.get("/sparql", params={"query": SLOW})
            seconds = time.monotonic() - start
        answers.append((r.status_code, r.text, r.headers.get("retry-after"), seconds))

    threads = [threading.Thread(target=slow, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    return threads, answers


def _wait_idle(live: LiveServer) -> None:
    """Until every worker answers again (a killed one is replaced by the spare)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        statuses: list[int] = []

        def probe(statuses=statuses) -> None:
            r = httpx.get(live.url + "/sparql", params={"query": PROBE}, timeout=10)
            statuses.append(r.status_code)

        threads = [threading.Thread(target=probe) for _ in range(WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if statuses == [200] * WORKERS:
            return
        time.sleep(0.2)
    raise AssertionError("the workers did not all come back")


def test_probe_queries_answer_fast_while_slow_ones_hold_the_other_workers(live):
    threads, slow = _fire(live, WORKERS)  # one more than the workers long queries may hold
    time.sleep(0.3)
    latencies = []
    with httpx.Client(base_url=live.url, timeout=10) as client:
        started = time.monotonic()
        while time.monotonic() - started < 3.5:
            t = time.monotonic()
            r = client.get("/sparql", params={"query": PROBE})
            latencies.append(time.monotonic() - t)
            assert r.status_code == 200 and r.json()["boolean"] is True
            assert client.get("/health").status_code == 200
            time.sleep(0.1)
    for t in threads:
        t.join(30)
    assert max(latencies) < 1.0, latencies
    # The third slow query would have taken the kept worker: stopped at the quick limit,
    # told when to retry (when the first long query ends at the latest).
    quick = [a for a in slow if "ZONEGRAPH_QUICK_TIMEOUT" in a[1]]
    assert len(quick) == 1 and quick[0][0] == 503
    assert quick[0][3] < QUICK_TIMEOUT + 1.5
    assert quick[0][2] is not None and 1 <= int(quick[0][2]) <= TIMEOUT
    timed_out = [a for a in slow if "ZONEGRAPH_QUERY_TIMEOUT" in a[1]]
    assert len(timed_out) == WORKERS - 1 and all(a[0] == 503 for a in timed_out)
    _wait_idle(live)


def test_past_the_queue_limit_a_query_is_refused_at_once_with_retry_after(live):
    burst = WORKERS + QUEUED + 8
    threads, answers = _fire(live, burst)
    for t in threads:
        t.join(30)
    assert len(answers) == burst and all(a[0] == 503 for a in answers)
    refused = [a for a in answers if "ZONEGRAPH_MAX_QUEUED_QUERIES" in a[1]]
    assert len(refused) >= 5
    assert all(a[3] < 1.0 and a[2] is not None and int(a[2]) >= 1 for a in refused)
    _wait_idle(live)
