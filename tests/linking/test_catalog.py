"""The DCAT catalogue and the VoID description, computed from the store."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from kg import iris
from kg.catalog import (
    CATALOG,
    DATASET,
    METADATA_GRAPH,
    catalog_graph,
    refresh_catalog,
    void_graph,
)

SHAPES = Path(__file__).parents[2] / "ontology" / "dcat-ap-shapes.ttl"
BASE = "http://127.0.0.1:8000"


def _conforms(g: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(g, shacl_graph=Graph().parse(SHAPES), advanced=True)
    return conforms, text


def test_catalogue_passes_the_dcat_ap_shapes(data_store):
    conforms, text = _conforms(catalog_graph(data_store, BASE))
    assert conforms, text


def test_the_shapes_catch_a_catalogue_missing_mandatory_properties(data_store):
    g = catalog_graph(data_store, BASE)
    g.remove((DATASET, DCTERMS.description, None))
    g.remove((None, DCAT.accessURL, None))
    conforms, text = _conforms(g)
    assert not conforms
    assert "dcterms:description" in text and "dcat:accessURL" in text


def test_each_topic_data_set_needs_an_eu_theme_besides_its_topic(data_store):
    g = catalog_graph(data_store, BASE)
    trade = URIRef(iris.dataset_iri("trade"))
    assert URIRef(iris.topic_iri("trade")) in set(g.objects(trade, DCAT.theme))
    g.remove(
        (
            trade,
            DCAT.theme,
            URIRef("http://publications.europa.eu/resource/authority/data-theme/ECON"),
        )
    )
    conforms, text = _conforms(g)
    assert not conforms and "EU data-theme" in text


def test_distributions_cover_endpoint_dumps_and_csv(data_store):
    g = catalog_graph(data_store, BASE)
    urls = {
        str(u) for d in g.objects(DATASET, DCAT.distribution) for u in g.objects(d, DCAT.accessURL)
    }
    assert urls == {
        f"{BASE}/sparql",
        f"{BASE}/dumps/zonegraph.nq.gz",
        f"{BASE}/dumps/zonegraph.ttl.gz",
        f"{BASE}/dumps/observations.csv",
    }
    service = next(g.subjects(RDF.type, DCAT.DataService))
    assert g.value(service, DCAT.endpointURL) == URIRef(f"{BASE}/sparql")
    assert (service, DCAT.servesDataset, DATASET) in g


def test_modified_and_coverage_come_from_the_store(data_store):
    g = catalog_graph(data_store, BASE)
    # The latest load record is the fixture's.
    assert g.value(DATASET, DCTERMS.modified) == Literal(
        "2030-01-02T03:04:05Z", datatype=XSD.dateTime
    )
    period = g.value(DATASET, DCTERMS.temporal)
    assert g.value(period, DCAT.startDate) == Literal("2019-06-01", datatype=XSD.date)
    assert g.value(period, DCAT.endDate) == Literal("2021-12-31", datatype=XSD.date)
    # The observations are about a zone in Sichuan: its verified Wikidata item.
    spatial = set(g.objects(DATASET, DCTERMS.spatial))
    assert URIRef("http://www.wikidata.org/entity/Q19770") in spatial
    assert g.value(DATASET, DCTERMS.license) is not None
    assert g.value(DATASET, DCAT.contactPoint) is not None
    assert set(g.objects(DATASET, DCAT.theme))


def test_void_counts_triples_classes_and_linksets(data_store):
    g = void_graph(data_store, BASE)
    assert int(g.value(DATASET, VOID.triples)) == data_store.count()
    observations = [
        p
        for p in g.objects(DATASET, VOID.classPartition)
        if g.value(p, VOID["class"]) == URIRef(iris.PREFIXES["qb"] + "Observation")
    ]
    assert int(g.value(observations[0], VOID.entities)) == 3
    wikidata = {
        int(g.value(ls, VOID.triples))
        for ls in g.objects(DATASET, VOID.subset)
        if str(g.value(g.value(ls, VOID.objectsTarget), VOID.uriSpace)).startswith(
            "http://www.wikidata.org/"
        )
    }
    expected = data_store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o "
        'FILTER(STRSTARTS(STR(?o), "http://www.wikidata.org/entity/")) } }'
    )[0]["n"]
    assert wikidata == {int(expected)} and int(expected) > 5
    assert g.value(DATASET, VOID.sparqlEndpoint) == URIRef(f"{BASE}/sparql")
    assert {str(d) for d in g.objects(DATASET, VOID.dataDump)} == {
        f"{BASE}/dumps/zonegraph.nq.gz",
        f"{BASE}/dumps/zonegraph.ttl.gz",
    }
    assert any(
        str(e).startswith(iris.ID + "zone/") for e in g.objects(DATASET, VOID.exampleResource)
    )


def test_refresh_stores_the_catalogue_and_keeps_counts_stable(data_store):
    refresh_catalog(data_store, BASE)
    assert data_store.ask(
        f"ASK {{ GRAPH <{METADATA_GRAPH}> {{ <{CATALOG}> a <{DCAT.Catalog}> ; "
        f"<{DCAT.dataset}> <{DATASET}> }} }}"
    )
    before = int(void_graph(data_store, BASE).value(DATASET, VOID.triples))
    refresh_catalog(data_store, BASE)
    # Describing the data does not change the data's size.
    assert int(void_graph(data_store, BASE).value(DATASET, VOID.triples)) == before
