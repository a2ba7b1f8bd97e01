"""/sparql follows the SPARQL 1.1 Protocol: operations, datasets, formats and error statuses."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from tests.server.serverkit import EX, GRAPH_A, GRAPH_B, TOKEN, make_client

LABEL = f"SELECT ?l WHERE {{ <{EX}zone/1> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
PARTNER = f"SELECT ?c WHERE {{ <{EX}zone/1> <{EX}partner> ?c }}"
CONSTRUCT = f"CONSTRUCT {{ <{EX}zone/1> ?p ?o }} WHERE {{ <{EX}zone/1> ?p ?o }}"
FORM = "application/x-www-form-urlencoded"


def bindings(response) -> list[dict]:
    return response.json()["results"]["bindings"]


def test_query_by_get(client):
    r = client.get("/sparql", params={"query": LABEL})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert bindings(r) == [{"l": {"type": "literal", "value": "Zone one", "xml:lang": "en"}}]


def test_query_by_post_form(client):
    r = client.post("/sparql", data={"query": PARTNER})
    assert r.status_code == 200
    assert bindings(r)[0]["c"]["value"] == f"{EX}country/sg"


def test_query_by_post_direct(client):
    r = client.post(
        "/sparql", content=PARTNER, headers={"content-type": "application/sparql-query"}
    )
    assert r.status_code == 200
    assert bindings(r)[0]["c"]["value"] == f"{EX}country/sg"


def test_default_graph_is_the_union_and_graph_selects_one(client):
    union = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    one = client.get(
        "/sparql",
        params={"query": f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH_B}> {{ ?s ?p ?o }} }}"},
    )
    assert int(bindings(union)[0]["n"]["value"]) > int(bindings(one)[0]["n"]["value"]) == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_default_graph_uri_restricts_the_dataset(client, method):
    query = "SELECT ?c WHERE { ?z ?p ?c } "
    params = [("query", query), ("default-graph-uri", GRAPH_B)]
    if method == "get":
        r = client.get("/sparql", params=params)
    else:
        r = client.post("/sparql", data=dict(params))
    assert [b["c"]["value"] for b in bindings(r)] == [f"{EX}country/sg"]


def test_named_graph_uri_gives_an_empty_default_graph(client):
    r = client.get(
        "/sparql",
        params=[
            (
                "query",
                "SELECT ?g (COUNT(*) AS ?n) "
                "{ { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } GROUP BY ?g",
            ),
            ("named-graph-uri", GRAPH_B),
        ],
    )
    assert [(b["g"]["value"], b["n"]["value"]) for b in bindings(r)] == [(GRAPH_B, "1")]


def test_from_clause_in_the_query_is_honoured(client):
    r = client.get("/sparql", params={"query": f"SELECT ?c FROM <{GRAPH_B}> WHERE {{ ?z ?p ?c }}"})
    assert [b["c"]["value"] for b in bindings(r)] == [f"{EX}country/sg"]


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*;q=0.5, application/sparql-results+json;q=0.4", "text/csv"),
        ("*/*", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_select_results_by_accept(client, accept, media):
    r = client.get("/sparql", params={"query": PARTNER}, headers={"accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert f"{EX}country/sg" in r.text


def test_select_results_parse_in_each_format(client):
    xml = client.get("/sparql", params={"query": PARTNER, "format": "xml"}).text
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert ET.fromstring(xml).find(f".//{ns}uri").text == f"{EX}country/sg"
    rows = list(
        csv.reader(
            io.StringIO(client.get("/sparql", params={"query": PARTNER, "format": "csv"}).text)
        )
    )
    assert rows == [["c"], [f"{EX}country/sg"]]
    tsv = client.get("/sparql", params={"query": PARTNER, "format": "tsv"}).text
    assert tsv.splitlines() == ["?c", f"<{EX}country/sg>"]


def test_ask(client):
    r = client.get("/sparql", params={"query": f"ASK {{ <{EX}zone/1> ?p ?o }}"})
    assert r.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_in_each_rdf_format(client, accept, rdflib_format):
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == accept
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert len(g) == 3  # value, label, partner


def test_construct_defaults_to_turtle_and_format_param_wins(client):
    r = client.get("/sparql", params={"query": CONSTRUCT})
    assert r.headers["content-type"].startswith("text/turtle")
    r = client.get(
        "/sparql",
        params={"query": CONSTRUCT, "format": "jsonld"},
        headers={"accept": "text/turtle"},
    )
    assert r.headers["content-type"].startswith("application/ld+json")
    json.loads(r.text)


def test_describe(client):
    r = client.get(
        "/sparql",
        params={"query": f"DESCRIBE <{EX}zone/1>"},
        headers={"accept": "application/n-triples"},
    )
    assert r.status_code == 200 and f"<{EX}country/sg>" in r.text


def test_malformed_query_is_400_with_the_parser_message(client):
    r = client.get("/sparql", params={"query": "SELEC * WHERE { ?s ?p ?o }"})
    assert r.status_code == 400
    assert "1:" in r.text and "expected" in r.text


def test_two_queries_are_400(client):
    r = client.get("/sparql", params=[("query", PARTNER), ("query", LABEL)])
    assert r.status_code == 400 and "one query" in r.text


def test_query_and_update_together_are_400(client):
    r = client.post("/sparql", data={"query": PARTNER, "update": "CLEAR ALL"})
    assert r.status_code == 400


def test_update_by_get_is_refused(client):
    r = client.get("/sparql", params={"update": "CLEAR ALL"})
    assert r.status_code == 400 and "POST" in r.text


def test_query_in_url_and_body_counts_as_two(client):
    r = client.post(
        "/sparql",
        params={"query": LABEL},
        content=PARTNER,
        headers={"content-type": "application/sparql-query"},
    )
    assert r.status_code == 400


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_wrong_method_is_405(client, method):
    r = client.request(method.upper(), "/sparql", params={"query": PARTNER})
    assert r.status_code == 405
    assert "GET" in r.headers["allow"] and "POST" in r.headers["allow"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", None])
def test_wrong_or_missing_content_type_is_415(client, content_type):
    headers = {"content-type": content_type} if content_type else {}
    r = client.post("/sparql", content=PARTNER.encode(), headers=headers)
    assert r.status_code == 415


def test_non_utf8_charset_is_refused(client):
    r = client.post(
        "/sparql",
        content=PARTNER.encode("utf-16"),
        headers={"content-type": "application/sparql-query; charset=UTF-16"},
    )
    assert r.status_code == 415


def test_post_form_without_query_is_400(client):
    r = client.post("/sparql", data={"default-graph-uri": GRAPH_A})
    assert r.status_code == 400


def test_nothing_acceptable_is_406(client):
    r = client.get("/sparql", params={"query": PARTNER}, headers={"accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text
    # CONSTRUCT where only result formats are acceptable
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/csv"})
    assert r.status_code == 406


def test_unknown_format_parameter_is_400(client):
    r = client.get("/sparql", params={"query": PARTNER, "format": "excel"})
    assert r.status_code == 400 and "excel" in r.text


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_service_description_without_a_query(client, accept, fmt):
    r = client.get("/sparql", headers={"accept": accept})
    assert r.status_code == 200
    g = Graph().parse(data=r.content, format=fmt)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    ask = f"""ASK {{ ?s a <{sd}Service> ; <{sd}endpoint> <http://testserver/sparql> ;
        <{sd}feature> <{sd}UnionDefaultGraph> ; <{sd}supportedLanguage> <{sd}SPARQL11Query> ;
        <{sd}resultFormat> <http://www.w3.org/ns/formats/SPARQL_Results_JSON> }}"""
    assert g.query(ask).askAnswer


def test_cors_for_browser_clients(client):
    r = client.get("/sparql", params={"query": PARTNER}, headers={"origin": "https://yasgui.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options(
        "/sparql",
        headers={
            "origin": "https://yasgui.org",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]


def test_service_is_refused_by_default(client):
    q = "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 400
    assert "SERVICE" in r.text and "ZONEGRAPH_SERVICE_ALLOWLIST" in r.text


def test_service_in_the_allowlist_is_let_through(fresh_dir):
    # Port 1 is refused by the engine itself, so the call fails fast and offline:
    # what matters is that the allow-list let it past the 400 refusal.
    endpoint = "http://127.0.0.1:1/sparql"
    q = f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
    with make_client(fresh_dir, service_allowlist=[endpoint], max_concurrent_queries=1) as c:
        assert c.get("/sparql", params={"query": q}).status_code == 502
        other = q.replace(endpoint, "http://127.0.0.1:2/sparql")
        assert c.get("/sparql", params={"query": other}).status_code == 400


def test_request_body_over_the_limit_is_413(fresh_dir):
    with make_client(fresh_dir, max_request_bytes=200, max_concurrent_queries=1) as c:
        long = PARTNER + " #" + "x" * 300
        r = c.post("/sparql", content=long, headers={"content-type": "application/sparql-query"})
        assert r.status_code == 413 and "ZONEGRAPH_MAX_REQUEST_BYTES" in r.text
        ok = c.post(
            "/sparql", content=PARTNER, headers={"content-type": "application/sparql-query"}
        )
        assert ok.status_code == 200


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_results_over_the_row_limit_are_refused(fresh_dir, fmt):
    with make_client(fresh_dir, max_result_rows=100, max_concurrent_queries=1) as c:
        q = "SELECT ?s WHERE { ?s ?p ?o }"
        r = c.get("/sparql", params={"query": q, "format": fmt})
        assert r.status_code == 413 and "LIMIT" in r.text
        r = c.get("/sparql", params={"query": q + " LIMIT 100", "format": fmt})
        assert r.status_code == 200
        r = c.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
        assert r.status_code == 413


def test_update_needs_the_token(writer):
    insert = (
        f"INSERT DATA {{ GRAPH <{GRAPH_B}> {{ <{EX}zone/2> <{EX}partner> <{EX}country/de> }} }}"
    )
    sparql_update = {"content-type": "application/sparql-update"}
    assert writer.post("/sparql", content=insert, headers=sparql_update).status_code == 401
    wrong = {**sparql_update, "authorization": "Bearer nope"}
    assert writer.post("/sparql", content=insert, headers=wrong).status_code == 401
    ask = {"query": f"ASK {{ <{EX}zone/2> <{EX}partner> ?c }}"}
    assert writer.get("/sparql", params=ask).json()["boolean"] is False
    good = {**sparql_update, "authorization": f"Bearer {TOKEN}"}
    assert writer.post("/sparql", content=insert, headers=good).status_code == 204
    # the next query sees the write (workers reopen a fresh snapshot)
    assert writer.get("/sparql", params=ask).json()["boolean"] is True


def test_update_by_form_and_malformed_update(writer):
    auth = {"authorization": f"Bearer {TOKEN}"}
    r = writer.post("/sparql", data={"update": f"DROP GRAPH <{GRAPH_B}>"}, headers=auth)
    assert r.status_code == 204
    r = writer.get("/sparql", params={"query": PARTNER})
    assert bindings(r) == []
    r = writer.post("/sparql", data={"update": "INSERT NOTHING"}, headers=auth)
    assert r.status_code == 400 and "malformed" in r.text


def test_updates_refused_when_no_token_is_configured(fresh_dir):
    with make_client(fresh_dir, update_token=None, max_concurrent_queries=1) as c:
        r = c.post(
            "/sparql", data={"update": "CLEAR ALL"}, headers={"authorization": "Bearer anything"}
        )
        assert r.status_code == 403 and "ZONEGRAPH_UPDATE_TOKEN" in r.text
        assert (
            int(
                bindings(
                    c.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
                )[0]["n"]["value"]
            )
            > 0
        )


def test_token_is_never_logged(writer, caplog):
    caplog.set_level("DEBUG")
    writer.post(
        "/sparql",
        data={"update": "CLEAR SILENT GRAPH <http://x/y>"},
        headers={"authorization": f"Bearer {TOKEN}"},
    )
    writer.post(
        "/sparql", data={"update": "CLEAR ALL"}, headers={"authorization": "Bearer wrong-token"}
    )
    assert TOKEN not in caplog.text and "wrong-token" not in caplog.text


def test_openapi_documents_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert {"get", "post"} <= set(paths["/sparql"])
    assert {"get", "head", "put", "post", "delete"} <= set(paths["/store"])
    assert "/validate" in paths and "/health" in paths and "/.well-known/void" in paths
    body = paths["/sparql"]["post"]["requestBody"]["content"]
    assert {
        "application/sparql-query",
        "application/sparql-update",
        "application/x-www-form-urlencoded",
    } <= set(body)
    names = {p["name"] for p in paths["/sparql"]["get"]["parameters"]}
    assert {"query", "default-graph-uri", "named-graph-uri", "format"} <= names


def test_cross_origin_queries_get_cors_headers(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.com"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"


def test_the_endpoint_answers_with_a_trailing_slash_too(client):
    r = client.post(
        "/sparql/", content=PARTNER, headers={"content-type": "application/sparql-query"}
    )
    assert bindings(r)[0]["c"]["value"] == f"{EX}country/sg"
