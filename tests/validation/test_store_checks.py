"""Checks of a new source against the other sources already in the store (kg.validation).

SHACL sees one source with the context; these checks see the rest of the store: a
second IRI linked owl:sameAs the same Wikidata item refuses the source, and a figure
that another source already gives (same dimension key) is reported, as a warning when
the values differ.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg import iris, model
from kg.errors import ValidationFailed
from kg.ingest import ensure_seeded, ingest_graph
from kg.store import open_store

_ZONE = """
@prefix dz: <https://w3id.org/zonegraph/ontology#> .
@prefix zid: <https://w3id.org/zonegraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
zid:zone\\/{slug} a dz:HighTechZone, dz:DevelopmentZone ; rdfs:label "{label}"@en ;
    dz:zoneLevel zid:level\\/national ; dz:locatedIn zid:country\\/cn ;
    owl:sameAs <http://www.wikidata.org/entity/Q987654321> .
"""


@pytest.fixture
def store():
    db = open_store(None)
    ensure_seeded(db)
    return db


def _zone(slug: str, label: str) -> Graph:
    return Graph().parse(data=_ZONE.format(slug=slug, label=label), format="turtle")


def _figures(source: str, value: str, *, period: str = "2021") -> Graph:
    g = Graph()
    model.add_source(g, source, file_name=f"{source}.csv")
    fact = model.Fact(
        area=iris.group_iri("Sichuan national economic development zones"),
        indicator="total imports and exports",
        period=period,
        value=value,
        unit="CNY",
    )
    model.add_observation(g, source, fact)
    return g


def test_a_second_iri_for_one_wikidata_item_is_refused_and_nothing_is_loaded(store):
    ingest_graph(store, iris.source_graph("first"), _zone("first", "First"), source_id="first")
    second = iris.source_graph("second")
    with pytest.raises(ValidationFailed) as refused:
        ingest_graph(store, second, _zone("second", "Second"), source_id="second")
    [violation] = refused.value.report.violations
    assert violation["focus"] == iris.ID + "zone/second"
    assert "zid:zone/first" in violation["message"]  # IRIs in messages are CURIEs
    assert iris.source_graph("first") in violation["message"]
    assert second not in store.graphs()


def test_loading_a_source_again_does_not_clash_with_its_own_old_version(store):
    graph = iris.source_graph("first")
    ingest_graph(store, graph, _zone("first", "First"), source_id="first")
    result = ingest_graph(store, graph, _zone("first", "First zone"), source_id="first")
    assert result.status == "replaced" and result.report.results == []
