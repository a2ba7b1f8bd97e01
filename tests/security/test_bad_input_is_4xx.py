"""Bad input is a 4xx with a message, never a 5xx (the list of the hardening issue)."""

from __future__ import annotations

import pytest

from tests.server.serverkit import GRAPH_B, TOKEN, make_client

AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(store_dir):
    with make_client(store_dir, max_concurrent_queries=1) as c:
        yield c


@pytest.mark.parametrize("name", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("value", ["http://x y", "a\u0001b", "rel", "http://x>", "a:%ZZ"])
def test_an_invalid_dataset_iri_is_400(client, name, value):
    r = client.get("/sparql", params={"query": "ASK {}", name: value})
    assert r.status_code == 400 and name in r.text


@pytest.mark.parametrize("name", ["using-graph-uri", "using-named-graph-uri"])
def test_an_invalid_update_dataset_iri_is_400(client, name):
    update = f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH_B}> {{ ?s ?p ?o }} }}"
    r = client.post("/sparql", data={"update": update, name: "a b"}, headers=AUTH)
    assert r.status_code == 400 and name in r.text
    ask = client.get("/sparql", params={"query": f"ASK {{ GRAPH <{GRAPH_B}> {{ ?s ?p ?o }} }}"})
    assert ask.json()["boolean"] is True


@pytest.mark.parametrize(
    "body",
    [
        b"<http://e/a b> <http://e/p> <http://e/o> .",
        b"<http://e/a\\u003E> <http://e/p> <http://e/o> .",
        b'<http://e/\\uD800> <http://e/p> "x" .',
    ],
    ids=["space", "escaped-gt", "lone-surrogate"],
)
def test_a_body_with_an_invalid_iri_is_400_and_writes_nothing(client, body):
    graph = "http://example.org/graph/bad-iri"
    r = client.put(
        "/store",
        params={"graph": graph},
        content=body,
        headers={**AUTH, "content-type": "text/turtle"},
    )
    assert r.status_code == 400 and "not valid" in r.text
    assert client.get("/store", params={"graph": graph}).status_code == 404
    r = client.post("/validate", content=body, headers={"content-type": "text/turtle"})
    assert r.status_code == 400
