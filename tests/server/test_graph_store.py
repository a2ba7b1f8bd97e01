"""/store follows the Graph Store HTTP Protocol; writes are token-gated and SHACL-validated."""

from __future__ import annotations

import json

from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from tests.server.serverkit import EX, GRAPH_A, GRAPH_B, TOKEN

AUTH = {"authorization": f"Bearer {TOKEN}"}
TURTLE = {"content-type": "text/turtle", **AUTH}
DATA = f"<{EX}s> <{EX}p> <{EX}o> , <{EX}o2> ."
# An observation without its data set: Data Cube IC-1 in the shapes refuses it.
BAD = "<http://example.org/obs/1> a <http://purl.org/linked-data/cube#Observation> ."
NEW = EX + "graph/new"


def graph_of(response, fmt="turtle") -> Graph:
    return Graph().parse(data=response.content, format=fmt)


def test_get_a_named_graph(client):
    r = client.get("/store", params={"graph": GRAPH_B}, headers={"accept": "application/n-triples"})
    assert r.status_code == 200
    assert r.text.strip() == f"<{EX}zone/1> <{EX}partner> <{EX}country/sg> ."


def test_get_default_graph_and_absent_graph(client):
    r = client.get("/store?default")
    assert r.status_code == 200 and len(graph_of(r)) == 0  # all data is in named graphs
    r = client.get("/store", params={"graph": EX + "graph/none"})
    assert r.status_code == 404 and "graph/none" in r.text


def test_head_has_the_headers_of_get(client):
    r = client.head("/store", params={"graph": GRAPH_B})
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-type"].startswith("text/turtle")
    assert client.head("/store", params={"graph": EX + "graph/none"}).status_code == 404


def test_get_the_whole_dataset_as_quads(client):
    r = client.get("/store", headers={"accept": "application/n-quads"})
    assert r.status_code == 200
    assert f"<{GRAPH_B}> ." in r.text and r.text.count("\n") > 2000


def test_bad_parameters(client):
    assert client.get("/store", params={"graph": GRAPH_B, "default": ""}).status_code == 400
    assert client.get("/store", params=[("graph", GRAPH_A), ("graph", GRAPH_B)]).status_code == 400
    assert client.get("/store", params={"graph": "not an iri"}).status_code == 400
    r = client.get("/store", params={"graph": GRAPH_B}, headers={"accept": "text/csv"})
    assert r.status_code == 406


def test_writes_need_the_token(writer):
    r = writer.put(
        "/store", params={"graph": NEW}, content=DATA, headers={"content-type": "text/turtle"}
    )
    assert r.status_code == 401
    r = writer.delete("/store", params={"graph": GRAPH_B}, headers={"authorization": "Bearer x"})
    assert r.status_code == 401
    assert writer.get("/store", params={"graph": NEW}).status_code == 404
    assert writer.get("/store", params={"graph": GRAPH_B}).status_code == 200


def test_put_creates_then_replaces(writer):
    r = writer.put("/store", params={"graph": NEW}, content=DATA, headers=TURTLE)
    assert r.status_code == 201
    assert isomorphic(
        graph_of(writer.get("/store", params={"graph": NEW})), Graph().parse(data=DATA)
    )
    r = writer.put("/store", params={"graph": NEW}, content=f"<{EX}s> <{EX}p> 1 .", headers=TURTLE)
    assert r.status_code == 204
    assert len(graph_of(writer.get("/store", params={"graph": NEW}))) == 1
    # and the query endpoint sees it at once
    q = {"query": f"SELECT ?o WHERE {{ GRAPH <{NEW}> {{ ?s ?p ?o }} }}"}
    assert writer.get("/sparql", params=q).json()["results"]["bindings"][0]["o"]["value"] == "1"


def test_post_merges(writer):
    r = writer.post("/store", params={"graph": GRAPH_B}, content=DATA, headers=TURTLE)
    assert r.status_code == 204
    assert len(graph_of(writer.get("/store", params={"graph": GRAPH_B}))) == 3
    r = writer.post("/store", params={"graph": NEW}, content=DATA, headers=TURTLE)
    assert r.status_code == 201


def test_post_to_the_store_creates_a_graph(writer):
    r = writer.post(
        "/store",
        content=json.dumps({"@id": f"{EX}s", f"{EX}p": {"@id": f"{EX}o"}}),
        headers={"content-type": "application/ld+json", **AUTH},
    )
    assert r.status_code == 201
    created = writer.get(r.headers["location"].replace("http://testserver", ""))
    assert created.status_code == 200
    assert (URIRef(f"{EX}s"), URIRef(f"{EX}p"), URIRef(f"{EX}o")) in graph_of(created)


def test_put_and_delete_the_default_graph(writer):
    r = writer.put("/store?default", content=DATA, headers=TURTLE)
    assert r.status_code == 204
    assert len(graph_of(writer.get("/store?default"))) == 2
    assert writer.delete("/store?default", headers=AUTH).status_code == 204
    assert len(graph_of(writer.get("/store?default"))) == 0


def test_delete(writer):
    assert writer.delete("/store", params={"graph": GRAPH_B}, headers=AUTH).status_code == 204
    assert writer.get("/store", params={"graph": GRAPH_B}).status_code == 404
    assert writer.delete("/store", params={"graph": GRAPH_B}, headers=AUTH).status_code == 404


def test_unparsable_rdf_is_400_and_unknown_type_415(writer):
    r = writer.put("/store", params={"graph": NEW}, content="<a> <b> .", headers=TURTLE)
    assert r.status_code == 400 and "text/turtle" in r.text
    r = writer.put(
        "/store", params={"graph": NEW}, content=DATA, headers={"content-type": "text/csv", **AUTH}
    )
    assert r.status_code == 415
    assert writer.get("/store", params={"graph": NEW}).status_code == 404


def test_data_that_violates_the_shapes_is_refused_whole_with_422(writer):
    r = writer.put("/store", params={"graph": GRAPH_B}, content=DATA + "\n" + BAD, headers=TURTLE)
    assert r.status_code == 422
    report = r.json()
    assert report["conforms"] is False
    assert any("qb:DataSet" in res["message"] for res in report["results"])
    # nothing changed
    assert len(graph_of(writer.get("/store", params={"graph": GRAPH_B}))) == 1
    r = writer.post(
        "/store", params={"graph": NEW}, content=BAD, headers={**TURTLE, "accept": "text/turtle"}
    )
    assert r.status_code == 422 and "sh:ValidationReport" in r.text


def test_body_over_the_limit_is_413(fresh_dir):
    from tests.server.serverkit import make_client

    with make_client(fresh_dir, max_request_bytes=100, max_concurrent_queries=1) as c:
        r = c.put("/store", params={"graph": NEW}, content=DATA * 5, headers=TURTLE)
        assert r.status_code == 413


def test_validate_returns_the_report_and_stores_nothing(writer):
    r = writer.post("/validate", content=BAD, headers={"content-type": "text/turtle"})
    assert r.status_code == 200 and r.json()["conforms"] is False
    r = writer.post(
        "/validate", content=DATA, headers={"content-type": "text/turtle", "accept": "text/turtle"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert "sh:conforms true" in r.text
    ask = {"query": f"ASK {{ <{EX}s> ?p ?o }}"}
    assert writer.get("/sparql", params=ask).json()["boolean"] is False
    assert (
        writer.post("/validate", content=DATA, headers={"content-type": "x/y"}).status_code == 415
    )
    assert writer.get("/validate").status_code == 405


def test_health_and_void(client):
    assert client.get("/health").json()["status"] == "ok"
    r = client.get("/.well-known/void", headers={"accept": "application/n-triples"})
    g = graph_of(r, "nt")
    void = "http://rdfs.org/ns/void#"
    dataset = URIRef("https://w3id.org/zonegraph/catalog#dataset")
    assert int(g.value(dataset, URIRef(void + "triples"))) == 2002  # 2000 values, label, partner
    assert int(g.value(dataset, URIRef(void + "distinctSubjects"))) == 2000
    assert g.value(dataset, URIRef(void + "sparqlEndpoint")) == URIRef("http://testserver/sparql")
    linksets = set(
        g.subjects(
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(void + "Linkset")
        )
    )
    assert len(linksets) == 2  # to Wikidata and to GeoNames


def test_validate_in_a_browser_goes_to_the_form(client):
    browser = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    r = client.get("/validate", headers=browser, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/validate/form"
    # API clients keep the protocol answer: GET is not a method of /validate.
    r = client.get("/validate", headers={"accept": "application/json"})
    assert r.status_code == 405
    assert r.headers["allow"] == "POST"


def test_a_copy_of_another_sources_figures_is_refused_with_409(writer):
    from pathlib import Path

    from kg import iris
    from loaders import text as text_loader

    doc = (
        Path(__file__).resolve().parents[2]
        / "data"
        / "documents"
        / "sichuan-development-zones-2021.txt"
    )
    body = text_loader.load(doc, "sichuan").serialize(format="turtle")
    first = writer.put(
        "/store", params={"graph": iris.source_graph("a")}, content=body, headers=TURTLE
    )
    assert first.status_code == 201, first.text
    copy = writer.put(
        "/store", params={"graph": iris.source_graph("b")}, content=body, headers=TURTLE
    )
    assert copy.status_code == 409
    assert "copy of the source a" in copy.text
    assert writer.get("/store", params={"graph": iris.source_graph("b")}).status_code == 404
