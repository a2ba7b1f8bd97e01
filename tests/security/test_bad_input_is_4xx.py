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
@pytest.mark.parametrize(
    "value",
    # a:\x85 and a:b#c#d pass the character check but not the engine's IRI grammar (they
    # were 500 "Invalid IRI code point", found by schemathesis).
    ["http://x y", "a\u0001b", "rel", "http://x>", "a:%ZZ", "a:\x85", "a:b#c#d"],
)
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
        b"<http://e/a#b#c> <http://e/p> <http://e/o> .",
        '{"@id": "http://e/a", "http://e/p\u0085": "x"}'.encode(),
        b"<http://e/a\\u003E> <http://e/p> <http://e/o> .",
        b'<http://e/\\uD800> <http://e/p> "x" .',
    ],
    ids=["space", "two-fragments", "json-ld-control", "escaped-gt", "lone-surrogate"],
)
def test_a_body_with_an_invalid_iri_is_400_and_writes_nothing(client, body):
    graph = "http://example.org/graph/bad-iri"
    media = "application/ld+json" if body.startswith(b"{") else "text/turtle"
    r = client.put(
        "/store",
        params={"graph": graph},
        content=body,
        headers={**AUTH, "content-type": media},
    )
    assert r.status_code == 400 and "not valid" in r.text
    assert client.get("/store", params={"graph": graph}).status_code == 404
    r = client.post("/validate", content=body, headers={"content-type": media})
    assert r.status_code == 400


def test_a_graph_url_is_the_graph_iri_whole_or_refused(client):
    """The graph IRI of /store/<path> is the URL, decoded: never a cut one, never a 500.

    ``/store/a%23b%23c`` wrote into the graph ``/store/a`` (the path was cut at the
    decoded '#'); a URL whose IRI the engine refuses was a 500 (found by schemathesis).
    """
    body = b"<http://e/a> <http://e/p> <http://e/o> ."
    headers = {**AUTH, "content-type": "application/n-triples"}
    r = client.put("/store/cut%23b%23c", content=body, headers=headers)
    assert r.status_code == 400 and "not an IRI" in r.text
    assert client.put("/store/cut%23b", content=body, headers=headers).status_code == 201
    assert client.get("/store", params={"graph": "http://testserver/store/cut"}).status_code == 404
    r = client.get("/store", params={"graph": "http://testserver/store/cut#b"})
    assert r.status_code == 200 and "http://e/a" in r.text
    assert client.put("/store/%C2%85", content=body, headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/store", "GET, HEAD, PUT, POST, DELETE"),
        ("/store/some/graph", "GET, HEAD, PUT, POST, DELETE"),
        ("/sparql", "GET, HEAD, POST"),
    ],
)
@pytest.mark.parametrize("method", ["OPTIONS", "PATCH", "TRACE"])
def test_a_method_the_document_does_not_name_is_405_with_the_allowed_ones(
    client, path, allowed, method
):
    r = client.request(method, path)
    assert r.status_code == 405 and r.headers["allow"] == allowed
