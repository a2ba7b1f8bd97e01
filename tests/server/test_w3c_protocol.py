"""The W3C SPARQL 1.1 Protocol test suite (sparql11/protocol/manifest.ttl), one test per entry.

Requests follow the manifest (paths with the trailing slash it uses, its
graph IRIs and bodies); each positive test also checks the answer, and a
control with another dataset shows the answer depends on what was sent.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.server.serverkit import TOKEN, build_store, make_client

KASEI = "http://kasei.us/2009/09/sparql/data/"
D0, D1, D2, D3 = (f"{KASEI}data{i}.rdf" for i in range(4))
FOAF = "http://xmlns.com/foaf/0.1/"
QUERY = {"content-type": "application/sparql-query"}
UPDATE = {"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"}
FORM = {"content-type": "application/x-www-form-urlencoded"}
PREFIX = f"PREFIX foaf: <{FOAF}>\n"
DATA = f"""{PREFIX}INSERT DATA {{
    GRAPH <{D1}> {{ <{D1}> a foaf:Document }}
    GRAPH <{D2}> {{ <{D2}> a foaf:Document }}
    GRAPH <{D3}> {{ <{D3}> a foaf:Document }}
}}"""


@pytest.fixture(scope="module")
def w3c(tmp_path_factory) -> Iterator[TestClient]:
    """A server over a store of its own, holding the manifest's data1..data3 graphs."""
    with make_client(build_store(tmp_path_factory.mktemp("w3c") / "store")) as client:
        assert client.post("/sparql/", content=DATA, headers=UPDATE).status_code == 204
        yield client


def boolean(response) -> bool:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    return response.json()["boolean"]


def ask(client, query: str, params=None) -> bool:
    return boolean(client.post("/sparql/", params=params, content=query, headers=QUERY))


# Query operations


def test_query_post_form(w3c):
    r = w3c.post(
        "/sparql/", params={"default-graph-uri": D0}, content="query=ASK%20%7B%7D", headers=FORM
    )
    assert boolean(r) is True


def test_query_get(w3c):
    assert boolean(w3c.get("/sparql/", params={"query": "ASK {}", "default-graph-uri": D0}))


def test_query_post_direct(w3c):
    assert ask(w3c, "ASK {}") is True


BOTH = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"


def test_query_dataset_default_graphs_get(w3c):
    both = [("query", BOTH), ("default-graph-uri", D1), ("default-graph-uri", D2)]
    assert boolean(w3c.get("/sparql/", params=both)) is True
    assert boolean(w3c.get("/sparql/", params=both[:2])) is False


def test_query_dataset_default_graphs_post(w3c):
    assert ask(w3c, BOTH, [("default-graph-uri", D1), ("default-graph-uri", D2)]) is True
    assert ask(w3c, BOTH, [("default-graph-uri", D1), ("default-graph-uri", D3)]) is False


NAMED = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"


def test_query_dataset_named_graphs_post(w3c):
    assert ask(w3c, NAMED, [("named-graph-uri", D1), ("named-graph-uri", D2)]) is True
    assert ask(w3c, NAMED, [("named-graph-uri", D1), ("named-graph-uri", D3)]) is False


def test_query_dataset_named_graphs_get(w3c):
    both = [("query", NAMED), ("named-graph-uri", D1), ("named-graph-uri", D2)]
    assert boolean(w3c.get("/sparql/", params=both)) is True
    assert boolean(w3c.get("/sparql/", params=both[:2])) is False


def test_query_dataset_full(w3c):
    query = (
        f"ASK {{ <{D3}> a ?type GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
    )
    full = [("default-graph-uri", D3), ("named-graph-uri", D1), ("named-graph-uri", D2)]
    assert ask(w3c, query, full) is True
    assert ask(w3c, query, [("default-graph-uri", D1), *full[1:]]) is False


def test_query_multiple_dataset(w3c):
    # The manifest encodes the '&' between its two named-graph-uri parameters as %26,
    # which makes them one IRI; the test's intent is two parameters, sent here.
    query = f"ASK FROM <{D3}> {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
    assert ask(w3c, query, [("named-graph-uri", D1), ("named-graph-uri", D2)]) is True
    # The protocol's dataset replaces the query's FROM: without it, FROM <data3> alone.
    assert ask(w3c, query) is False


def test_query_content_type_select(w3c):
    r = w3c.post("/sparql/", params={"default-graph-uri": D0}, content="SELECT (1 AS ?value) {}",
                 headers=QUERY)  # fmt: skip
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert r.json()["results"]["bindings"][0]["value"]["value"] == "1"


def test_query_content_type_ask(w3c):
    r = w3c.post("/sparql/", content="ASK {}", headers={**QUERY, "accept": "application/xml"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in r.text


@pytest.mark.parametrize(
    "query", ["DESCRIBE <http://example.org/>", "CONSTRUCT { <s> <p> 1 } WHERE {}"]
)
def test_query_content_type_describe_and_construct(w3c, query):
    r = w3c.post("/sparql/", params={"default-graph-uri": D0}, content=query, headers=QUERY)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/turtle")


def test_relative_iris_resolve_against_the_endpoint(w3c):
    r = w3c.post("/sparql/", content="CONSTRUCT { <s> <p> 1 } WHERE {}",
                 headers={**QUERY, "accept": "application/n-triples"})  # fmt: skip
    integer = "<http://www.w3.org/2001/XMLSchema#integer>"
    assert r.text.strip() == f'<http://testserver/s> <http://testserver/p> "1"^^{integer} .'


# Update operations


def _fresh(client) -> None:
    update = DATA.replace(PREFIX, PREFIX + "DROP ALL ;\n")
    assert client.post("/sparql/", content=update, headers=UPDATE).status_code == 204


INSERT_FROM_DEFAULT = f"""PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <{FOAF}>
INSERT {{
    GRAPH <http://example.org/protocol-update-dataset-test/> {{ ?s a dc:BibliographicResource }}
}}
WHERE {{ ?s a foaf:Document }}"""
BIBLIO = (
    "ASK { GRAPH <http://example.org/protocol-update-dataset-test/> "
    "{ <%s> a <http://purl.org/dc/terms/BibliographicResource> } }"
)


def test_update_dataset_default_graph(w3c):
    _fresh(w3c)
    r = w3c.post("/sparql/", params={"using-graph-uri": D1}, content=INSERT_FROM_DEFAULT,
                 headers=UPDATE)  # fmt: skip
    assert r.status_code == 204, r.text
    assert ask(w3c, BIBLIO % D1) is True
    assert ask(w3c, BIBLIO % D2) is False


def test_update_dataset_default_graphs(w3c):
    _fresh(w3c)
    params = [("using-graph-uri", D1), ("using-graph-uri", D2)]
    r = w3c.post("/sparql/", params=params, content=INSERT_FROM_DEFAULT, headers=UPDATE)
    assert r.status_code == 204, r.text
    assert [ask(w3c, BIBLIO % d) for d in (D1, D2, D3)] == [True, True, False]


def test_update_dataset_named_graphs(w3c):
    _fresh(w3c)
    update = INSERT_FROM_DEFAULT.replace("WHERE { ?s a foaf:Document }",
                                         "WHERE { GRAPH ?g { ?s a foaf:Document } }")  # fmt: skip
    params = [("using-named-graph-uri", D1), ("using-named-graph-uri", D2)]
    r = w3c.post("/sparql/", params=params, content=update, headers=UPDATE)
    assert r.status_code == 204, r.text
    assert [ask(w3c, BIBLIO % d) for d in (D1, D2, D3)] == [True, True, False]


def test_update_dataset_full(w3c):
    _fresh(w3c)
    update = f"""PREFIX foaf: <{FOAF}>
INSERT {{ GRAPH <http://example.org/full/> {{ ?s <http://example.org/in> ?in }} }}
WHERE {{
    {{ GRAPH ?g {{ ?s a foaf:Document }} BIND(?g AS ?in) }}
    UNION
    {{ ?s a foaf:Document . BIND("default" AS ?in) }}
}}"""
    params = [("using-graph-uri", D1), ("using-named-graph-uri", D2)]
    r = w3c.post("/sparql/", params=params, content=update, headers=UPDATE)
    assert r.status_code == 204, r.text
    rows = w3c.post(
        "/sparql/",
        content="SELECT ?s ?in { GRAPH <http://example.org/full/> { ?s ?p ?in } } ORDER BY ?s",
        headers=QUERY,
    ).json()["results"]["bindings"]
    assert [(b["s"]["value"], b["in"]["value"]) for b in rows] == [(D1, "default"), (D2, D2)]


def test_update_dataset_params_in_the_form_body(w3c):
    _fresh(w3c)
    r = w3c.post(
        "/sparql/",
        data={"update": "DELETE WHERE { GRAPH ?g { ?s a ?type } }", "using-named-graph-uri": D2},
        headers={"authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 204, r.text
    # DELETE WHERE saw the named graph <data2> only.
    assert [ask(w3c, f"ASK {{ <{d}> a ?t }}") for d in (D1, D2, D3)] == [True, False, True]


def test_update_post_form(w3c):
    _fresh(w3c)
    r = w3c.post("/sparql/", data={"update": "CLEAR ALL"},
                 headers={"authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert r.status_code == 204
    assert ask(w3c, "ASK { GRAPH ?g { ?s ?p ?o } }") is False


def test_update_post_direct(w3c):
    _fresh(w3c)
    assert w3c.post("/sparql/", content="CLEAR ALL", headers=UPDATE).status_code == 204
    assert ask(w3c, "ASK { GRAPH ?g { ?s ?p ?o } }") is False


def test_update_base_uri(w3c):
    update = (
        "CLEAR GRAPH <http://example.org/protocol-base-test/> ; INSERT DATA { GRAPH "
        "<http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> "
        "<test> } }"
    )
    assert w3c.post("/sparql/", content=update, headers=UPDATE).status_code == 204
    r = w3c.post(
        "/sparql/",
        content="SELECT ?o WHERE { GRAPH <http://example.org/protocol-base-test/> "
        "{ <http://example.org/s> <http://example.org/p> ?o } }",
        headers=QUERY,
    )
    assert [b["o"]["value"] for b in r.json()["results"]["bindings"]] == ["http://testserver/test"]


# Negative tests: each is a 4xx, and the store is unchanged where it is an update.


def test_bad_query_method(w3c):
    r = w3c.put("/sparql/", params={"query": "ASK {}"})
    assert r.status_code == 405
    assert "POST" in r.headers["allow"]


def test_bad_multiple_queries(w3c):
    r = w3c.get("/sparql/", params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert r.status_code == 400


def test_bad_query_wrong_media_type(w3c):
    assert (
        w3c.post("/sparql/", content="ASK {}", headers={"content-type": "text/plain"}).status_code
        == 415
    )


def test_bad_query_missing_form_type(w3c):
    assert w3c.post("/sparql/", content="query=ASK%20%7B%7D").status_code in (400, 415)


def test_bad_query_missing_direct_type(w3c):
    assert w3c.post("/sparql/", content="ASK {}").status_code in (400, 415)


def test_bad_query_non_utf8(w3c):
    r = w3c.post("/sparql/", content="ASK {}".encode("utf-16"),
                 headers={"content-type": "application/sparql-query; charset=UTF-16"})  # fmt: skip
    assert r.status_code == 415


def test_bad_query_syntax(w3c):
    r = w3c.get("/sparql/", params={"query": "ASK {"})
    assert r.status_code == 400
    assert "1:6" in r.text  # the engine's position of the error: the base IRI shifts nothing


def test_bad_update_get(w3c):
    assert w3c.get("/sparql/", params={"update": "CLEAR ALL"}).status_code == 400
    assert ask(w3c, "ASK { GRAPH ?g { ?s ?p ?o } }") is True


def test_bad_multiple_updates(w3c):
    r = w3c.post("/sparql/", content="update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
                 headers={**FORM, "authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert r.status_code == 400


def test_bad_update_wrong_media_type(w3c):
    headers = {"content-type": "text/plain", "authorization": f"Bearer {TOKEN}"}
    r = w3c.post("/sparql/", content="CLEAR NAMED", headers=headers)
    assert r.status_code == 415


def test_bad_update_missing_form_type(w3c):
    r = w3c.post("/sparql/", content="update=CLEAR%20NAMED",
                 headers={"authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert r.status_code in (400, 415)


def test_bad_update_non_utf8(w3c):
    r = w3c.post(
        "/sparql/",
        content="CLEAR NAMED".encode("utf-16"),
        headers={**UPDATE, "content-type": "application/sparql-update; charset=UTF-16"},
    )
    assert r.status_code == 415


def test_bad_update_syntax(w3c):
    r = w3c.post("/sparql/", content="update=CLEAR%20XYZ",
                 headers={**FORM, "authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert r.status_code == 400


def test_bad_update_dataset_conflict(w3c):
    _fresh(w3c)
    update = (
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
        "DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n"
        "WHERE { ?person foaf:givenName 'Bill' }"
    )
    r = w3c.post("/sparql/", data={"update": update, "using-named-graph-uri": "http://example/people"},
                 headers={"authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert r.status_code == 400
    assert "USING or WITH" in r.text
    # Without the parameter, the same update is fine.
    r = w3c.post("/sparql/", data={"update": update}, headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204
