"""Graph Store writes never touch the catalogue of loads (the hardening issue's finding).

A graph IRI that slugified to a source id (``x:y`` and the source ``x-y``) replaced
that source's load record, and a DELETE left a source's latest load pointing at the
graph it had deleted. A write is not a load: it writes no record; a write or a delete
of a source's graph leaves that source not loaded (``zonegraph load`` loads it again),
and the catalogue graph itself is not writable through the Graph Store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import iris
from kg.ingest import ensure_seeded, ingest_file
from kg.store import open_store
from tests.server.serverkit import TOKEN, build_store, make_client

AUTH = {"authorization": f"Bearer {TOKEN}"}
TURTLE = {**AUTH, "content-type": "text/turtle"}
ZONE = (
    "<https://w3id.org/zonegraph/id/zone/{name}> "
    "a <https://w3id.org/zonegraph/ontology#DevelopmentZone> ; "
    '<http://www.w3.org/2000/01/rdf-schema#label> "{name}"@en .\n'
)
LATEST = (
    f"SELECT ?doc ?graph WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{ "
    f"?doc <{iris.DZ}latestLoad> ?r . ?r <{iris.DZ}graph> ?graph }} }}"
)
RECORDS = (
    f"SELECT (COUNT(?r) AS ?n) WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{ "
    f"?r a <{iris.DZ}LoadRecord> }} }}"
)


@pytest.fixture
def client(tmp_path: Path):
    store_dir = build_store(tmp_path / "store")
    source = tmp_path / "x-y.ttl"
    source.write_text(ZONE.format(name="xy"))
    store = open_store(store_dir)
    ensure_seeded(store)
    assert ingest_file(store, source).status == "loaded"
    store.close()
    del store
    with make_client(store_dir) as c:
        yield c


def _latest(client) -> dict[str, str]:
    rows = client.get("/sparql", params={"query": LATEST}).json()["results"]["bindings"]
    return {r["doc"]["value"]: r["graph"]["value"] for r in rows}


def _records(client) -> int:
    rows = client.get("/sparql", params={"query": RECORDS}).json()["results"]["bindings"]
    return int(rows[0]["n"]["value"])


def test_a_write_to_a_graph_named_like_a_source_leaves_its_record_alone(client):
    before, records = _latest(client), _records(client)
    assert before[iris.source_doc_iri("x-y")] == iris.source_graph("x-y")
    for method in ("put", "post"):
        r = getattr(client, method)(
            "/store", params={"graph": "x:y"}, content=ZONE.format(name="other"), headers=TURTLE
        )
        assert r.status_code in (201, 204), r.text
        assert _latest(client) == before and _records(client) == records
    assert client.delete("/store", params={"graph": "x:y"}, headers=AUTH).status_code == 204
    assert _latest(client) == before and _records(client) == records


def test_a_write_or_delete_of_a_sources_graph_leaves_the_source_not_loaded(client):
    doc, graph = iris.source_doc_iri("x-y"), iris.source_graph("x-y")
    records = _records(client)
    r = client.put(
        "/store", params={"graph": graph}, content=ZONE.format(name="new"), headers=TURTLE
    )
    assert r.status_code == 204
    assert doc not in _latest(client) and _records(client) == records  # history stays
    assert client.delete("/store", params={"graph": graph}, headers=AUTH).status_code == 204
    assert doc not in _latest(client)


def test_the_catalogue_graph_is_not_writable_through_the_graph_store(client):
    before = _latest(client)
    for method in ("put", "post", "delete"):
        kwargs = (
            {"content": ZONE.format(name="c"), "headers": TURTLE}
            if method != "delete"
            else {"headers": AUTH}
        )
        r = client.request(method.upper(), "/store", params={"graph": iris.CATALOG_GRAPH}, **kwargs)
        assert r.status_code == 403 and "catalogue" in r.text
    assert _latest(client) == before
