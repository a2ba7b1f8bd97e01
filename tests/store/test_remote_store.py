"""What only the remote backend does: endpoints, credentials, retries, staged loads, agreement."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError
from kg.remote import STAGING_GRAPH, RemoteStore
from kg.store import OxigraphStore, Store, open_store

ROOT = Path(__file__).parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "store"
QUERIES = sorted(
    [*(FIXTURES / "queries").glob("*.rq"), *(ROOT / "ontology" / "queries").glob("*.rq")]
)
GRAPH = "https://w3id.org/zonegraph/graph/source/big"
EMPTY_JSON = b'{"head":{"vars":["n"]},"results":{"bindings":[]}}'


def _mock(handler, **kwargs) -> RemoteStore:
    return RemoteStore(
        "http://engine.test/ds/query",
        transport=httpx.MockTransport(handler),
        backoff=0.001,
        **kwargs,
    )


def _json(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, content=EMPTY_JSON, headers={"Content-Type": "application/sparql-results+json"}
    )


def test_endpoints_default_to_the_oxigraph_layout_beside_the_query_url():
    store = open_store("http://h:7878/query")
    assert isinstance(store, RemoteStore)
    assert (store.query_url, store.update_url, store.gsp_url) == (
        "http://h:7878/query",
        "http://h:7878/update",
        "http://h:7878/store",
    )
    root = RemoteStore("https://h:7001/", env={})  # QLever answers queries at its root
    assert root.query_url == "https://h:7001/"
    assert root.update_url == "https://h:7001/update"


def test_environment_names_the_update_and_graph_store_endpoints():
    env = {
        "ZONEGRAPH_UPDATE_URL": "http://h:3030/ds/update",
        "ZONEGRAPH_GSP_URL": "http://h:3030/ds/data",
    }
    store = RemoteStore("http://h:3030/ds/sparql", env=env)
    assert store.update_url == "http://h:3030/ds/update"
    assert store.gsp_url == "http://h:3030/ds/data"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"ZONEGRAPH_REMOTE_USER": "ana", "ZONEGRAPH_REMOTE_PASSWORD": "s3cret"},
            "Basic " + base64.b64encode(b"ana:s3cret").decode(),
        ),
        ({"ZONEGRAPH_REMOTE_TOKEN": "tok"}, "Bearer tok"),
        ({}, None),
    ],
)
def test_credentials_come_from_the_environment(env, expected):
    seen = []

    def handler(request):
        seen.append(request.headers.get("Authorization"))
        return _json(request)

    _mock(handler, env=env).select("SELECT ?n WHERE {}")
    assert seen == [expected]


def test_transient_failures_are_retried_with_backoff():
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ConnectError("connection refused")
        if len(calls) == 2:
            return httpx.Response(503, text="warming up")
        return _json(request)

    assert _mock(handler, env={}).select("SELECT ?n WHERE {}") == []
    assert len(calls) == 3


def test_a_server_that_keeps_failing_gives_a_store_error_naming_the_endpoint():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(502, text="bad gateway")

    with pytest.raises(StoreError, match=r"http://engine\.test/ds/update.*bad gateway"):
        _mock(handler, env={}, retries=2).update("CLEAR ALL")
    assert len(calls) == 3


def test_refused_credentials_say_which_settings_to_set():
    def handler(request):
        return httpx.Response(401, text="who are you?")

    with pytest.raises(StoreError, match=r"ZONEGRAPH_REMOTE_USER.*ZONEGRAPH_REMOTE_TOKEN"):
        _mock(handler, env={}).update("CLEAR ALL")


def test_a_wrong_update_url_says_how_to_set_it():
    def handler(request):
        return httpx.Response(404, text="no such page")

    with pytest.raises(StoreError, match="ZONEGRAPH_UPDATE_URL"):
        _mock(handler, env={}).update("CLEAR ALL")


def test_an_answer_that_is_not_sparql_is_a_clear_error():
    def handler(request):
        return httpx.Response(200, text="<html>login</html>", headers={"Content-Type": "text/html"})

    with pytest.raises(StoreError, match="is --store the query URL"):
        _mock(handler, env={}).query("SELECT * WHERE { ?s ?p ?o }")


def test_unreachable_endpoint_is_a_store_error_without_the_password():
    with pytest.raises(StoreError) as caught:
        RemoteStore("http://ana:s3cret@127.0.0.1:9/query", env={}, retries=1, backoff=0.001).count()
    message = str(caught.value)
    assert "cannot reach the SPARQL endpoint http://127.0.0.1:9/query" in message
    assert "Is the server running?" in message
    assert "s3cret" not in message


def _ntriples(n: int, tag: str) -> bytes:
    """n subjects, each with a blank node that carries a value: 2n triples."""
    lines = []
    for i in range(n):
        lines.append(f"<http://ex/s{i}> <http://ex/p> _:b{i} .")
        lines.append(f'_:b{i} <http://ex/v> "{tag} {i} 值" .')
    return ("\n".join(lines) + "\n").encode()


def test_large_replace_is_staged_in_batches_and_keeps_blank_nodes(remote_store):
    remote_store.replace_graphs({GRAPH: _ntriples(50, "old")})
    seen = []
    remote_store.batch_bytes = 1000
    remote_store.progress = lambda graph, done, total: seen.append((graph, done, total))
    new = _ntriples(200, "new")
    remote_store.replace_graphs({GRAPH: new})
    assert len(seen) > 5, "loaded in one request"
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)
    assert seen[-1] == (GRAPH, len(new), len(new))
    assert remote_store.count(GRAPH) == 400
    assert remote_store.graphs() == [GRAPH]
    rows = remote_store.select(
        "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?s <http://ex/p> ?b . ?b <http://ex/v> ?v }"
    )
    assert int(rows[0]["n"]) == 200  # every blank node still joins its two triples
    assert not remote_store.ask('ASK { ?b <http://ex/v> "old 1 值" }')
    assert (
        remote_store.select(
            f'SELECT ?g WHERE {{ GRAPH ?g {{}} FILTER(STRSTARTS(STR(?g), "{STAGING_GRAPH}")) }}'
        )
        == []
    )


def test_large_add_is_staged(remote_store):
    remote_store.batch_bytes = 1000
    remote_store.add_to_graph(GRAPH, _ntriples(100, "a"))
    remote_store.add_to_graph(GRAPH, _ntriples(100, "b"))
    assert remote_store.count(GRAPH) == 400
    assert remote_store.graphs() == [GRAPH]


def test_bad_data_in_a_staged_load_is_refused_before_anything_is_sent(remote_store):
    remote_store.replace_graphs({GRAPH: _ntriples(5, "old")})
    remote_store.batch_bytes = 100
    with pytest.raises(QueryError, match="do not parse"):
        remote_store.replace_graphs({GRAPH: _ntriples(50, "new") + b"<http://ex/a> oops .\n"})
    assert remote_store.count(GRAPH) == 10
    assert remote_store.count() == 10


def _load_both(embedded: Store, remote: Store) -> None:
    graphs = {
        "https://w3id.org/zonegraph/graph/source/chengdu": (FIXTURES / "chengdu.nt").read_bytes(),
        "https://w3id.org/zonegraph/graph/source/sichuan": (FIXTURES / "sichuan.nt").read_bytes(),
    }
    embedded.replace_graphs(graphs)
    remote.replace_graphs(graphs)


def _answer(store: Store, sparql: str) -> object:
    result = store.query(sparql)
    if result.kind == "boolean":
        return result.boolean()
    if result.kind == "graph":
        return sorted(" ".join(t.n3() for t in triple) for triple in result.triples())
    rows = [
        tuple(
            "_:b" if v.n3().startswith("_:") else v.n3()
            for v in (r.get(n) for n in result.variables)
            if v is not None
        )
        for r in result.rows()
    ]
    return result.variables, rows if "ORDER BY" in sparql.upper() else sorted(rows)


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_both_backends_give_the_same_answer_to_every_example_query(path, remote_store):
    embedded = OxigraphStore(None)
    _load_both(embedded, remote_store)
    sparql = path.read_text(encoding="utf-8")
    expected = _answer(embedded, sparql)
    assert expected not in ([], ([], []), False), "the fixture data does not exercise the query"
    assert _answer(remote_store, sparql) == expected
    for fmt in ("json", "xml", "tsv") if embedded.query(sparql).kind != "graph" else ():
        local = ox.parse_query_results(embedded.query(sparql).serialize(fmt), fmt_of(fmt))
        remote = ox.parse_query_results(remote_store.query(sparql).serialize(fmt), fmt_of(fmt))
        assert _canonical(local) == _canonical(remote)


def fmt_of(fmt: str) -> ox.QueryResultsFormat:
    return {
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
        "tsv": ox.QueryResultsFormat.TSV,
    }[fmt]


def _canonical(parsed) -> object:
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    names = [v.value for v in parsed.variables]
    rows = sorted(
        tuple("_:b" if isinstance(s[n], ox.BlankNode) else str(s[n]) for n in names) for s in parsed
    )
    return names, rows
