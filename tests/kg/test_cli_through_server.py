"""The CLI while `zonegraph serve` holds the store: it goes through the server, not the lock.

A real `zonegraph serve` process on 127.0.0.1 and real CLI processes, as a user runs the
README's tour in a second terminal.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.kg.test_cli import FIXTURES, ZONEGRAPH, run
from tests.server.serverkit import free_port

TOKEN = "tour-token-41c"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?o a qb:Observation }"


def _observations(*args: str, env: dict[str, str] | None = None) -> int:
    result = _run(env, "query", "--format", "json", *args, COUNT)
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def _run(env: dict[str, str] | None, *args: str) -> subprocess.CompletedProcess:
    if env is None:
        return run(*args)
    return subprocess.run([ZONEGRAPH, *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def served(tmp_path):
    """A store with one CSV source, served by `zonegraph serve` with an update token."""
    store = tmp_path / "store"
    assert run("load", str(FIXTURES / "csv" / "figures.csv"), "--store", str(store)).returncode == 0
    port = free_port()
    env = {**os.environ, "ZONEGRAPH_UPDATE_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [ZONEGRAPH, "serve", "--store", str(store), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    announced = store.with_name("store.server.json")
    while time.monotonic() < deadline:
        assert proc.poll() is None, "zonegraph serve exited at start"
        try:
            if httpx.get(url + "health", timeout=1).status_code == 200 and announced.exists():
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("zonegraph serve did not answer within 60 s")
    yield store, url, proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_the_server_names_itself_beside_the_store_and_removes_the_file_at_exit(served):
    store, url, proc = served
    announced = store.with_name("store.server.json")
    info = json.loads(announced.read_text())
    assert info == {"url": url, "pid": proc.pid}
    proc.send_signal(signal.SIGINT)
    proc.wait(20)
    assert not announced.exists()
    # With the server gone, the CLI opens the store directly again.
    assert _observations("--store", str(store)) > 0


def test_query_stats_and_export_go_through_the_server_saying_so(served, tmp_path):
    store, url, _ = served
    result = run("query", "--store", str(store), COUNT)
    assert result.returncode == 0, result.stderr
    assert f"held by the server at {url}" in result.stderr
    assert "LOCK" not in result.stderr
    assert _observations("--store", str(store)) == _observations("--store", url + "sparql")
    stats = run("stats", "--store", str(store))
    assert stats.returncode == 0 and "observations" in stats.stdout
    dump = tmp_path / "dump.nq"
    exported = run("export", "--store", str(store), "--output", str(dump))
    assert exported.returncode == 0, exported.stderr
    assert "figures" in dump.read_text()


def test_load_without_the_token_says_what_to_set_and_writes_nothing(served):
    store, url, _ = served
    env = {k: v for k, v in os.environ.items() if k != "ZONEGRAPH_UPDATE_TOKEN"}
    before = _observations("--store", str(store))
    result = _run(env, "load", str(FIXTURES / "rdf" / "zone.ttl"), "--store", str(store))
    assert result.returncode != 0
    assert "ZONEGRAPH_UPDATE_TOKEN" in result.stderr and url in result.stderr
    assert _observations("--store", str(store)) == before
    # An unchanged source needs no write, so `make serve` run again still gets through.
    again = _run(env, "load", str(FIXTURES / "csv" / "figures.csv"), "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert "unchanged" in again.stdout


def test_load_with_the_token_goes_through_the_validated_graph_store(served):
    store, url, _ = served
    env = {**os.environ, "ZONEGRAPH_UPDATE_TOKEN": TOKEN}
    loaded = _run(env, "load", str(FIXTURES / "rdf" / "zone.ttl"), "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr
    assert "Graph Store" in loaded.stderr
    graphs = httpx.post(
        url + "sparql",
        data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"]
    names = {b["g"]["value"] for b in graphs}
    assert any(name.endswith("/source/figures") for name in names)
    assert any(name.endswith("/source/zone") for name in names)
    # The server's shapes gate the write: a file with bad rows is refused whole.
    refused = _run(env, "load", str(FIXTURES / "csv" / "bad-rows.csv"), "--store", str(store))
    assert refused.returncode != 0
    assert not any(name.endswith("/source/bad-rows") for name in names)


def test_a_second_serve_of_the_same_store_says_where_it_is_served(served):
    store, url, _ = served
    result = run("serve", "--store", str(store), "--port", str(free_port()))
    assert result.returncode != 0
    assert f"already served at {url}" in result.stderr


def test_a_stale_file_of_a_dead_server_is_ignored(tmp_path):
    store = tmp_path / "store"
    assert run("load", str(FIXTURES / "csv" / "figures.csv"), "--store", str(store)).returncode == 0
    dead = subprocess.Popen(["true"])
    dead.wait()
    store.with_name("store.server.json").write_text(
        json.dumps({"url": "http://127.0.0.1:9/", "pid": dead.pid})
    )
    assert _observations("--store", str(store)) > 0


def test_the_file_sits_beside_the_store_not_inside_it(served):
    store, _, _ = served
    assert not any(p.name.endswith(".server.json") for p in Path(store).iterdir())
