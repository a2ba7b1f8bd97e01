"""A load cut off by the server going away leaves each graph old or new, and says so."""

from __future__ import annotations

import threading

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.remote import STAGING_GRAPH, RemoteStore

GRAPH = "https://w3id.org/zonegraph/graph/source/big"
pytestmark = pytest.mark.slow


def _version(tag: str, n: int) -> bytes:
    lines = [f'<http://ex/s{i}> <http://ex/version> "{tag}" .' for i in range(n)]
    lines += [
        f'<http://ex/s{i}> <http://ex/p> _:b{i} .\n_:b{i} <http://ex/v> "{i}" .' for i in range(n)
    ]
    return ("\n".join(lines) + "\n").encode()


def _versions(store: RemoteStore) -> dict[str, int]:
    rows = store.select(
        f"SELECT ?v (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s <http://ex/version> ?v }} }} "
        "GROUP BY ?v"
    )
    return {str(r["v"]): int(r["n"]) for r in rows}


def _staging(store: RemoteStore) -> list[str]:
    q = f'SELECT ?g WHERE {{ GRAPH ?g {{}} FILTER(STRSTARTS(STR(?g), "{STAGING_GRAPH}")) }}'
    return [str(r["g"]) for r in store.select(q)]


def _store(server, **kwargs) -> RemoteStore:
    return RemoteStore(server.query_url, env={}, retries=2, backoff=0.05, **kwargs)


def test_server_killed_during_a_staged_load_leaves_the_old_version(new_oxigraph_server):
    server = new_oxigraph_server()
    store = _store(server, batch_bytes=20_000)
    store.replace_graphs({GRAPH: _version("old", 500)})

    def cut(graph: str, done: int, total: int) -> None:
        if done > total // 2:
            server.kill()

    store.progress = cut
    with pytest.raises(StoreError) as caught:
        store.replace_graphs({GRAPH: _version("new", 2000)})
    message = str(caught.value)
    assert f"cannot reach the SPARQL endpoint http://127.0.0.1:{server.port}/update" in message
    assert "Is the server running?" in message
    assert f"<{GRAPH}>" in message and "run the load again" in message

    restarted = new_oxigraph_server(server.location)
    store = _store(restarted, batch_bytes=20_000)
    assert _versions(store) == {"old": 500}
    assert store.count(GRAPH) == 1500
    assert store.count() == 1500  # the staging graph is not counted
    assert store.graphs() == [GRAPH]  # the half-uploaded staging graph is not listed...
    assert len(_staging(store)) == 1  # ...but is there until the next load of that graph
    store.replace_graphs({GRAPH: _version("new", 2000)})
    assert _versions(store) == {"new": 2000}
    assert _staging(store) == []


def test_server_killed_during_a_one_request_load_leaves_old_or_new(new_oxigraph_server):
    server = new_oxigraph_server()
    store = _store(server)
    store.replace_graphs({GRAPH: _version("old", 1000)})
    new = _version("new", 60_000)
    # The kill lands while the server parses or commits the one big update.
    timer = threading.Timer(0.3, server.kill)
    timer.start()
    try:
        store.replace_graphs({GRAPH: new})
        failed = None
    except StoreError as e:
        failed = str(e)
    timer.join()
    restarted = new_oxigraph_server(server.location)
    versions = _versions(_store(restarted))
    assert versions in ({"old": 1000}, {"new": 60_000})
    if failed:
        assert "cannot reach the SPARQL endpoint" in failed
        assert "previous or its new version" in failed


def test_cli_exits_non_zero_with_a_clear_message_when_the_endpoint_is_gone(new_oxigraph_server):
    server = new_oxigraph_server()
    server.kill()
    result = CliRunner().invoke(app, ["stats", "--store", server.query_url])
    assert result.exit_code != 0
    assert f"cannot reach the SPARQL endpoint http://127.0.0.1:{server.port}" in result.output
