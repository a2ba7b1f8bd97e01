"""Deep nesting is refused with 400 before the engine, which would crash on it."""

from __future__ import annotations

import pytest

from tests.server.serverkit import TOKEN, build_store, make_client

AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(store_dir):
    with make_client(store_dir, max_concurrent_queries=1) as c:
        yield c


@pytest.mark.parametrize(
    "query",
    [
        "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000,
        "SELECT * WHERE { ?s ?p " + "[ <http://ex/p> " * 2000 + "1" + " ]" * 2000 + " }",
        "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 200 + "}" * 200 + " }",
    ],
    ids=["parentheses", "braces", "blank-nodes", "optionals"],
)
def test_a_query_nested_too_deep_is_400_and_the_server_goes_on(client, query):
    r = client.post("/sparql", data={"query": query})
    assert r.status_code == 400 and "ZONEGRAPH_MAX_QUERY_DEPTH" in r.text
    ok = client.get("/sparql", params={"query": "ASK { FILTER(((1))) }"})
    assert ok.status_code == 200


def test_an_update_nested_too_deep_is_400(fresh_dir):
    update = (
        "INSERT { <http://ex/a> <http://ex/b> 1 } WHERE { FILTER("
        + "(" * 6000
        + "1"
        + ")" * 6000
        + ") }"
    )
    with make_client(fresh_dir, max_concurrent_queries=1) as c:
        r = c.post("/sparql", data={"update": update}, headers=AUTH)
        assert r.status_code == 400 and "ZONEGRAPH_MAX_QUERY_DEPTH" in r.text
        assert c.get("/health").status_code == 200


def test_the_depth_limit_is_a_setting(fresh_dir, tmp_path):
    query = "ASK { FILTER(" + "(" * 10 + "1" + ")" * 10 + ") }"
    with make_client(fresh_dir, max_query_depth=8, max_concurrent_queries=1) as c:
        assert c.get("/sparql", params={"query": query}).status_code == 400
    with make_client(
        build_store(tmp_path / "other"), max_query_depth=20, max_concurrent_queries=1
    ) as c:
        assert c.get("/sparql", params={"query": query}).status_code == 200
