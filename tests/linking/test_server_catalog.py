"""The catalogue, VoID and dumps over HTTP (server.catalog on the server's app)."""

from __future__ import annotations

import gzip
import json

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.namespace import DCAT, RDF, VOID

from kg.catalog import CATALOG, DATASET
from kg.config import Settings

app_module = pytest.importorskip("server.app")


@pytest.fixture
def client(data_store):
    from server.catalog import register, void

    app = app_module.create_app(Settings(store=":unused:"), store=data_store)
    register(app)
    app.add_api_route("/test-void", void, methods=["GET"])
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize(
    ("media", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ],
)
def test_catalog_is_negotiated(client, media, rdflib_format):
    response = client.get("/catalog", headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    g = Graph().parse(data=response.content, format=rdflib_format)
    assert (CATALOG, RDF.type, DCAT.Catalog) in g
    assert (CATALOG, DCAT.dataset, DATASET) in g


def test_catalog_refuses_a_type_it_cannot_offer(client):
    assert client.get("/catalog", headers={"Accept": "image/png"}).status_code == 406


def test_void_handler_describes_linksets(client):
    g = Graph().parse(data=client.get("/test-void").content, format="turtle")
    assert len(list(g.subjects(RDF.type, VOID.Linkset))) == 2


def test_nquads_download_reloads_with_the_same_count(client, data_store):
    response = client.get("/dumps/zonegraph.nq.gz")
    assert response.status_code == 200
    store = ox.Store()
    store.load(gzip.decompress(response.content), ox.RdfFormat.N_QUADS)
    assert len(store) == data_store.count()


def test_csv_and_its_metadata_download(client):
    csv_text = client.get("/dumps/observations.csv").text
    meta = client.get("/dumps/observations.csv-metadata.json").json()
    assert csv_text.splitlines()[0].split(",") == [
        c["titles"] for c in meta["tableSchema"]["columns"]
    ]
    assert json.dumps(meta)


def test_unknown_dump_is_404_and_names_the_dumps(client):
    response = client.get("/dumps/everything.zip")
    assert response.status_code == 404
    assert "zonegraph.nq.gz" in response.text
