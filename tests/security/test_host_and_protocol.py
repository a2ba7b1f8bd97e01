"""The Host header never reaches IRIs or caches; Graph Store and HEAD details of the protocols."""

from __future__ import annotations

import pytest

from tests.server.serverkit import GRAPH_B, TOKEN, make_client

BASE = "https://zones.example.org"
AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(fresh_dir):
    with make_client(fresh_dir, base_url=BASE, max_concurrent_queries=1) as c:
        yield c


def test_the_host_header_is_not_published_or_cached(client):
    state = client.app.state.zonegraph
    for n in range(20):
        r = client.get("/sparql", headers={"host": f"evil{n}.example", "accept": "text/turtle"})
        assert r.status_code == 200
        assert f"{BASE}/sparql" in r.text and "evil" not in r.text
    assert len(state.cache) == 1
    catalog = client.get("/catalog", headers={"host": "evil.example", "accept": "text/turtle"})
    assert "evil" not in catalog.text and BASE in catalog.text


def test_relative_iris_resolve_against_the_configured_base(client):
    r = client.get(
        "/sparql",
        params={"query": "SELECT ?x WHERE { BIND(<rel> AS ?x) }"},
        headers={"host": "evil.example"},
    )
    assert r.json()["results"]["bindings"][0]["x"]["value"] == f"{BASE}/rel"


def test_post_without_graph_creates_one_at_its_location(client):
    r = client.post(
        "/store",
        content=b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .",
        headers={**AUTH, "content-type": "application/n-triples", "host": "evil.example"},
    )
    assert r.status_code == 201
    location = r.headers["location"]
    assert location.startswith(f"{BASE}/store?graph=")
    got = client.get(location.removeprefix(BASE), headers={"accept": "application/n-triples"})
    assert got.status_code == 200 and "<http://example.org/o>" in got.text


@pytest.mark.parametrize(
    "graph", ["relative/graph", "/abs/path", "http://x>", "a:{}", "a:%ZZ", "x y:z", "http://x/a b"]
)
def test_a_relative_or_malformed_graph_iri_is_400(client, graph):
    for method in ("GET", "PUT", "DELETE"):
        r = client.request(
            method,
            "/store",
            params={"graph": graph},
            content=b"" if method != "PUT" else b"<http://e/s> <http://e/p> 1 .",
            headers={**AUTH, "content-type": "application/n-triples"},
        )
        assert r.status_code == 400 and "absolute IRI" in r.text, (method, r.text)


def test_head_answers_like_get_without_a_body(client):
    for path, params in [
        ("/sparql", {"query": "ASK {}"}),
        ("/sparql", {}),
        ("/store", {"graph": GRAPH_B}),
    ]:
        get = client.get(path, params=params)
        head = client.head(path, params=params)
        assert head.status_code == get.status_code == 200
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers["content-length"] == str(len(get.content))
