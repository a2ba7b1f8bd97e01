"""A server killed with SIGKILL leaves no worker running (the hardening issue's finding).

One busy query worker ran on at 1 GB for 45 s after its server died. Workers ask the
kernel to kill them when their parent dies (PR_SET_PDEATHSIG): here the server is
killed mid-query and every worker, the busy one too, must be gone within seconds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import httpx

from tests.security.test_validation_workers import _children
from tests.security.test_validation_workers import _cpu_seconds as _cpu_of
from tests.server.serverkit import LiveServer

# A five-way product of the store's 2,000 triples: it never ends within the test.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?s ?w . ?e ?t ?v }"


def _cpu_seconds(pid: int) -> float:
    try:
        return _cpu_of(pid)
    except OSError:  # a worker that is being replaced
        return 0.0


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has stopped; only its exit status is left


def test_a_killed_server_takes_its_busy_workers_with_it(fresh_dir):
    server = LiveServer(fresh_dir, ZONEGRAPH_QUERY_TIMEOUT="120")
    try:

        def ask() -> None:
            # The server is killed under it: its connection just ends.
            with contextlib.suppress(httpx.HTTPError):
                httpx.get(server.url + "/sparql", params={"query": ENDLESS}, timeout=130)

        slow = threading.Thread(target=ask, daemon=True)
        slow.start()
        # Wait until a worker is busy with the query (it burns CPU; a loaded machine
        # gives it little), and the query still runs.
        deadline, busy = time.monotonic() + 30, None
        while busy is None and time.monotonic() < deadline and slow.is_alive():
            spent = {pid: _cpu_seconds(pid) for pid in _children(server.proc.pid)}
            time.sleep(1)
            busy = next((p for p, s in spent.items() if _cpu_seconds(p) - s > 0.05), None)
        assert busy is not None and slow.is_alive(), "no worker took up the query"
        workers = [p for p in _children(server.proc.pid) if _running(p)]
        assert len(workers) >= 3  # query workers, their spare, validation workers
        os.kill(server.proc.pid, signal.SIGKILL)
        server.proc.wait(10)
        deadline = time.monotonic() + 10
        while any(_running(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [p for p in workers if _running(p)] == []
    finally:
        if server.proc.poll() is None:
            server.stop()
