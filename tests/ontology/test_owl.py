"""OWL RL reasoning over the ontology, reference data and a small data set finds no clash."""

from __future__ import annotations

import owlrl
from rdflib import OWL, RDF, Graph, Literal, Namespace, URIRef

from kg import iris, reference

DZ = Namespace(iris.DZ)
ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def _closure(*sources) -> Graph:
    # Literal-valued triples (labels, definitions, quotes) take no part in class
    # reasoning and make owlrl several times slower, so they are left out.
    g = Graph()
    for source in sources:
        for s, p, o, *_ in source.quads() if hasattr(source, "quads") else source:
            if not isinstance(o, Literal):
                g.add((s, p, o))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def _turtle_reference() -> Graph:
    # The Turtle reference data, not all of pycountry: owlrl is slow on thousands of triples.
    g = Graph()
    for path in reference.reference_files():
        g.parse(path, format="turtle")
    return g


def _problems(g: Graph) -> list[str]:
    nothing = [str(s) for s in g.subjects(RDF.type, OWL.Nothing)]
    errors = [str(o) for o in g.objects(None, ERROR)]
    return nothing + errors


def test_ontology_reference_data_and_corpus_are_consistent(corpus):
    g = _closure(reference.ontology_graph(), _turtle_reference(), corpus)
    assert _problems(g) == []
    # The reasoner did run: a zone kind's value makes a zone a member of its class.
    zone = URIRef(iris.zone_iri("Chengdu High-Tech Industrial Development Zone"))
    assert (zone, RDF.type, DZ.DevelopmentZone) in g
    assert (zone, DZ.zoneKind, URIRef(iris.ID + "zone-kind/high-tech-zone")) in g


def test_a_zone_used_as_a_region_is_a_clash():
    bad = Graph()
    park = URIRef(iris.zone_iri("Singapore-Sichuan High-Tech Innovation Park"))
    zone = URIRef(iris.zone_iri("Chengdu High-Tech Industrial Development Zone"))
    # dz:locatedIn ranges over regions: pointing it at a zone makes the zone a region too.
    bad.add((park, DZ.locatedIn, zone))
    bad.add((zone, RDF.type, DZ.HighTechZone))
    assert _problems(_closure(reference.ontology_graph(), bad)), (
        "zone-as-region clash went unnoticed"
    )


def test_the_same_data_without_the_wrong_link_is_no_clash():
    good = Graph()
    zone = URIRef(iris.zone_iri("Chengdu High-Tech Industrial Development Zone"))
    good.add((zone, RDF.type, DZ.HighTechZone))
    good.add((zone, DZ.locatedIn, URIRef(iris.region_iri("Chengdu"))))
    assert _problems(_closure(reference.ontology_graph(), good)) == []


def test_what_the_text_loader_reads_from_the_default_corpus_is_consistent():
    from loaders import load_file

    documents = sorted((reference.ONTOLOGY_DIR.parent / "data" / "documents").glob("*.txt"))
    loaded = [load_file(path, path.stem).graph for path in documents]
    g = _closure(reference.ontology_graph(), _turtle_reference(), *loaded)
    assert _problems(g) == []
