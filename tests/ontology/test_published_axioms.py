"""Reasoning over the ontology, the data and the published axioms of the vocabularies we align to.

The published axioms (tests/ontology/published_axioms.ttl, each citing its source) are those of
PROV-O, GeoSPARQL, ORG, VoID, DCMI Terms and Data Cube that zonegraph's own axioms and data touch.
A clash (owl:Nothing, or an owlrl error such as a disjointness violation) or a resource inferred
into a class it must not be in (an organisation as a geo:SpatialObject, a load record as a
void:Dataset, a code as an rdfs:Class, a dataset as a qb:Observation) fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from kg import iris, reference
from tests.ontology.test_owl import ERROR, _closure, _turtle_reference

DZ = Namespace(iris.DZ)
PROV = Namespace("http://www.w3.org/ns/prov#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
VOID = Namespace("http://rdfs.org/ns/void#")
QB = Namespace("http://purl.org/linked-data/cube#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OA = Namespace("http://www.w3.org/ns/oa#")

AXIOMS = Path(__file__).resolve().parent / "published_axioms.ttl"

# (class a resource is in, class it must then not be inferred into)
FORBIDDEN = [
    (DZ.Organization, GEO.SpatialObject),
    (DZ.Organization, PROV.Activity),
    (DZ.DevelopmentZone, PROV.Activity),
    (DZ.Region, PROV.Activity),
    (DZ.Event, PROV.Activity),
    # Named in a text is not derived from it: mentions are oa:Annotations, not prov:wasDerivedFrom.
    (DZ.DevelopmentZone, PROV.Entity),
    (DZ.Organization, PROV.Entity),
    (DZ.Region, PROV.Entity),
    (DZ.Event, PROV.Entity),
    (DZ.DevelopmentZone, OA.Annotation),
    # prov:wasAttributedTo (range prov:Agent) names an organisation, never a figure or an event.
    (QB.Observation, PROV.Agent),
    (DZ.Event, PROV.Agent),
    (DZ.LoadRecord, VOID.Dataset),
    (SKOS.Concept, RDFS.Class),
    (QB.DataSet, QB.Observation),
    (QB.Slice, QB.Observation),
    (QB.DataStructureDefinition, QB.Observation),
]


def _axioms() -> Graph:
    return Graph().parse(AXIOMS, format="turtle")


def _problems(g: Graph) -> list[str]:
    found = [f"{s} is owl:Nothing" for s in g.subjects(RDF.type, OWL.Nothing)]
    found += [str(o) for o in g.objects(None, ERROR)]
    for asserted, forbidden in FORBIDDEN:
        for s in g.subjects(RDF.type, asserted):
            if (s, RDF.type, forbidden) in g:
                found.append(f"{s} ({asserted}) inferred to be a {forbidden}")
    return found


@pytest.fixture(scope="module")
def loaded_documents() -> list[Graph]:
    from loaders import load_file

    documents = sorted((reference.ONTOLOGY_DIR.parent / "data" / "documents").glob("*.txt"))
    assert documents, "the default corpus is empty"
    return [load_file(path, path.stem).graph for path in documents]


def test_ontology_data_and_published_axioms_have_no_clash(corpus, loaded_documents):
    g = _closure(
        _axioms(), reference.ontology_graph(), _turtle_reference(), corpus, *loaded_documents
    )
    assert _problems(g) == []
    # Not vacuous: the published axioms took part (a zone is a geo:SpatialObject
    # only through GeoSPARQL's geo:Feature ⊑ geo:SpatialObject).
    zone = URIRef(iris.zone_iri("Chengdu High-Tech Industrial Development Zone"))
    assert (zone, RDF.type, GEO.SpatialObject) in g
    assert any(g.subjects(RDF.type, DZ.Organization)), "no organisation reached the reasoner"
    assert any(g.subjects(OA.hasBody, None)), "no mention reached the reasoner"
    # The Web Annotation axioms took part: a span is an oa:ResourceSelection through oa:hasSource.
    span = next(g.objects(None, OA.hasTarget))
    assert (span, RDF.type, OA.ResourceSelection) in g and (span, RDF.type, PROV.Entity) in g


def test_a_mention_written_as_a_derivation_is_caught(loaded_documents):
    # v1 wrote prov:wasDerivedFrom from a named entity to its span: it made zones prov:Entitys.
    data = Graph()
    for document in loaded_documents:
        for triple in document:
            data.add(triple)
    clean = _closure(_axioms(), reference.ontology_graph(), _turtle_reference(), data)
    assert _problems(clean) == []
    named = (DZ.DevelopmentZone, DZ.Organization, DZ.Region, DZ.Event)
    entity, span = next(
        (clean.value(m, OA.hasBody), clean.value(m, OA.hasTarget))
        for m in clean.subjects(RDF.type, OA.Annotation)
        if any((clean.value(m, OA.hasBody), RDF.type, c) in clean for c in named)
    )
    data.add((entity, PROV.wasDerivedFrom, span))
    bad = _closure(_axioms(), reference.ontology_graph(), _turtle_reference(), data)
    assert any(str(entity) in p for p in _problems(bad))


def _with(*triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def test_an_event_derived_from_a_span_would_clash_if_events_were_activities():
    # v1 said dz:Event ⊑ prov:Activity; entities named in a text carried prov:wasDerivedFrom.
    event, span = URIRef(iris.ID + "event/x"), URIRef(iris.ID + "span/x")
    v1 = _with(
        (DZ.Event, RDFS.subClassOf, PROV.Activity),
        (event, RDF.type, DZ.Event),
        (event, PROV.wasDerivedFrom, span),
    )
    assert _problems(_closure(_axioms(), reference.ontology_graph(), v1))
    # v2: the event is the body of a Web Annotation whose target is the span.
    mention = URIRef(iris.ID + "mention/x")
    v2 = _with(
        (event, RDF.type, DZ.Event),
        (mention, OA.hasBody, event),
        (mention, OA.hasTarget, span),
        (span, RDF.type, DZ.TextSpan),
    )
    assert _problems(_closure(_axioms(), reference.ontology_graph(), v2)) == []


@pytest.mark.parametrize(
    "axiom, data",
    [
        # v1: dz:locatedIn ⊑ geo:sfWithin made every located organisation a geo:SpatialObject.
        (
            (DZ.locatedIn, RDFS.subPropertyOf, GEO.sfWithin),
            [
                (URIRef(iris.ID + "org/x"), RDF.type, DZ.Organization),
                (URIRef(iris.ID + "org/x"), DZ.locatedIn, URIRef(iris.region_iri("Chengdu"))),
            ],
        ),
        # v1: dz:tripleCount ⊑ void:triples made load records void:Datasets.
        (
            (DZ.tripleCount, RDFS.subPropertyOf, VOID.triples),
            [
                (URIRef(iris.ID + "load/x"), RDF.type, DZ.LoadRecord),
                (URIRef(iris.ID + "load/x"), DZ.tripleCount, URIRef(iris.ID + "n")),
            ],
        ),
        # v1: dz:zoneKind ⊑ dcterms:type made SKOS concepts rdfs:Classes.
        (
            (DZ.zoneKind, RDFS.subPropertyOf, URIRef("http://purl.org/dc/terms/type")),
            [
                (
                    URIRef(iris.ID + "zone/x"),
                    DZ.zoneKind,
                    URIRef(iris.ID + "zone-kind/high-tech-zone"),
                )
            ],
        ),
        # v1: rdfs:domain qb:Observation on dz:indicator made a slice carrying it an observation.
        (
            (DZ.indicator, RDFS.domain, QB.Observation),
            [
                (URIRef(iris.ID + "slice/x"), RDF.type, QB.Slice),
                (URIRef(iris.ID + "slice/x"), DZ.indicator, URIRef(iris.ID + "indicator/x")),
            ],
        ),
    ],
)
def test_each_v1_axiom_is_caught_and_v2_is_clean(axiom, data):
    clean = _with(*data)
    assert _problems(_closure(_axioms(), reference.ontology_graph(), clean)) == []
    assert _problems(_closure(_axioms(), reference.ontology_graph(), _with(axiom, *data)))
