# ruff: noqa: E501  (Turtle snippets read best one statement per line)
"""The compiled SHACL engine: what a data steward sees from `zonegraph validate` and the API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg import reference, shacl
from kg.validation import validate

FIXTURES = Path(__file__).parent.parent / "fixtures"
ZONEGRAPH = str(Path(sys.executable).parent / "zonegraph")
ZONE = "https://w3id.org/zonegraph/id/zone/test-high-tech-zone"
PREFIXES = """
@prefix dz: <https://w3id.org/zonegraph/ontology#> .
@prefix zid: <https://w3id.org/zonegraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def turtle(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def components(report) -> set[tuple[str, str]]:
    return {(r["focus"], r["constraint"]) for r in report.results}


@pytest.mark.parametrize("validator", ["engine", "pyshacl"])
def test_cli_validate_reports_the_broken_fixture_with_either_validator(validator):
    result = subprocess.run(
        [ZONEGRAPH, "validate", str(FIXTURES / "rdf" / "violates-shapes.ttl"), "--format",
         "json", "--validator", validator],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    found = {(r["focus"], r["constraint"]) for r in json.loads(result.stdout)["results"]}
    assert (ZONE, "sh:QualifiedMinCountConstraintComponent") in found


def test_cli_refuses_an_unknown_validator():
    result = subprocess.run(
        [ZONEGRAPH, "validate", str(FIXTURES / "rdf" / "zone.ttl"), "--validator", "fast"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "unknown validator 'fast'" in result.stderr


def test_a_node_targeted_twice_is_counted_once():
    # Typed with a class and its superclass, and its label repeated in the context
    # (zid:country/cn's label is in the reference data): counts must not double.
    data = turtle("""
        zid:zone\\/twice a dz:HighTechZone, dz:DevelopmentZone ; rdfs:label "Twice"@en ;
            dz:zoneLevel zid:level\\/national ; dz:locatedIn zid:country\\/cn .
        zid:country\\/cn rdfs:label "China"@en .
    """)
    report = validate(data)
    assert report.conforms, report.text()
    assert report.results == []


def test_a_second_value_breaks_max_count_once_per_node():
    data = turtle("""
        zid:zone\\/two-levels a dz:HighTechZone, dz:DevelopmentZone ; rdfs:label "Two"@en ;
            dz:zoneLevel zid:level\\/national, zid:level\\/provincial .
    """)
    report = validate(data)
    hits = [r for r in report.results if r["constraint"] == "sh:MaxCountConstraintComponent"]
    assert len(hits) == 1 and hits[0]["path"] == "dz:zoneLevel"


def test_changes_to_the_context_made_by_the_data_are_validated():
    # The data gives a reference country a second English label: the country is checked.
    data = turtle('zid:country\\/cn rdfs:label "Cathay"@en .')
    report = validate(data)
    assert ("https://w3id.org/zonegraph/id/country/cn", "sh:UniqueLangConstraintComponent") in (
        components(report)
    )


def test_sparql_messages_name_the_bound_values():
    data = turtle("""
        zid:zone\\/early a dz:HighTechZone ; rdfs:label "Early"@en ; dz:foundingYear "1950"^^xsd:gYear .
    """)
    report = validate(data)
    assert report.conforms
    [warning] = report.warnings
    assert warning["focus"] == "https://w3id.org/zonegraph/id/zone/early"
    assert "before China's first development zones" in warning["message"]


def test_the_engine_says_which_feature_it_does_not_compile():
    shapes = turtle("<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:fancy true .")
    with pytest.raises(shacl.UnsupportedShape, match="sh:fancy"):
        shacl.Engine(shapes)


def test_the_report_is_a_w3c_validation_report():
    data = Graph().parse(FIXTURES / "rdf" / "violates-shapes.ttl")
    report = validate(data)
    g = report.graph
    sh = "http://www.w3.org/ns/shacl#"
    [node] = g.subjects(URIRef(sh + "conforms"), None)
    results = list(g.objects(node, URIRef(sh + "result")))
    assert results
    for r in results:
        for p in ("focusNode", "sourceShape", "sourceConstraintComponent", "resultSeverity"):
            assert g.value(r, URIRef(sh + p)) is not None, p


def test_this_is_pre_bound_in_inner_groups_and_subqueries():
    shapes = turtle('''
        <urn:S> a sh:NodeShape ; sh:targetSubjectsOf <urn:p> ;
            sh:sparql [ sh:select """SELECT $this WHERE {
                { SELECT $this (COUNT(?x) AS ?n) WHERE { $this <urn:p> ?x } GROUP BY $this }
                FILTER (?n > 1) }""" ] ;
            sh:sparql [ sh:select """SELECT $this WHERE {
                { FILTER NOT EXISTS { $this <urn:q> ?any } } UNION { $this <urn:q> ?a, ?b . FILTER (?a != ?b) } }""" ] .
    ''')
    data = turtle(
        "<urn:a> <urn:p> 1, 2 ; <urn:q> 1 . <urn:b> <urn:p> 1 . <urn:c> <urn:p> 1 ; <urn:q> 1 ."
    )
    results = shacl.Engine(shapes).results(data, touched_only=False)
    found = sorted((str(r.focus.value), r.constraint is not None) for r in results)
    assert found == [("urn:a", True), ("urn:b", True)]


@pytest.mark.parametrize(
    "context_padding, data_subclass",
    [(0, False), (50, False), (0, True), (50, True)],
    ids=["data larger than context", "context larger than data", "data adds a subclass",
         "context larger, data adds a subclass"],
)  # fmt: skip
def test_focus_nodes_found_from_the_data_are_those_the_targets_give(context_padding, data_subclass):
    # The engine finds focus nodes from the nodes the data mentions (two queries for all
    # class, subjects-of and objects-of targets) and skips value checks of a property no
    # focus node has: the results must be those of the full targets, kept to those nodes.
    # Data larger than the context: the target triples of the data graph and the context's
    # mentioned in the data; smaller: the mentioned nodes looked up. A subclass declared in
    # the data: the class hierarchy is walked instead of the context's looked up.
    shapes = turtle("""
        @prefix ex: <urn:ex:> .
        ex:CShape a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ] ;
            sh:property [ sh:path ex:q ; sh:maxCount 1 ; sh:class ex:C ] ;
            sh:property [ sh:path [ sh:inversePath ex:s ] ; sh:maxCount 1 ] .
        ex:SShape a sh:NodeShape ; sh:targetSubjectsOf ex:s ;
            sh:property [ sh:path ex:s ; sh:class ex:C ] .
        ex:OShape a sh:NodeShape ; sh:targetObjectsOf ex:o ; sh:nodeKind sh:IRI .
    """)
    context = turtle(
        """
        @prefix ex: <urn:ex:> .
        ex:D rdfs:subClassOf ex:C .
        ex:k a ex:C .
        ex:far a ex:D .
    """
        + "".join(f"ex:pad{i} rdfs:label 'padding' .\n" for i in range(context_padding))
    )
    data = turtle(
        """
        @prefix ex: <urn:ex:> .
        ex:x a ex:D .
        ex:y a ex:C ; ex:p "one" ; ex:q ex:x, ex:y, ex:e .
        ex:z ex:s ex:k, ex:w . ex:v ex:s ex:k .
        ex:w ex:o "text", ex:y .
    """
        + ("ex:E rdfs:subClassOf ex:D . ex:e a ex:E ; ex:p 'two' ." if data_subclass else "")
    )
    engine = shacl.Engine(shapes, {"context": context})
    # A first source without subclasses: what the engine works out once must not hide the
    # subclass that the next one declares.
    engine.results(turtle("@prefix ex: <urn:ex:> . ex:y a ex:C ; ex:q ex:x ."))
    mentioned = {str(t) for triple in data for t in (triple[0], triple[2])}

    def found(**options) -> set:
        return {
            (str(shacl.to_rdflib(r.focus)), str(r.component), str(r.path), str(r.value))
            for r in engine.results(data, **options)
        }

    touched = found()
    assert touched == {r for r in found(touched_only=False) if r[0] in mentioned}
    focus = {r[0] for r in touched}
    # Class through a subclass, a context node the data names, subjects-of, objects-of.
    assert {"urn:ex:x", "urn:ex:k", "urn:ex:z", "text"} <= focus
    assert "urn:ex:far" not in focus
    # ex:e is of class ex:C only through the data's subclass: ex:y's sh:class holds then.
    assert ("urn:ex:e" in focus) is data_subclass
    class_of_y = {
        r for r in touched if r[0] == "urn:ex:y" and r[1].endswith("#ClassConstraintComponent")
    }
    assert {r[3] for r in class_of_y} == (set() if data_subclass else {"<urn:ex:e>"})


def test_results_stay_the_same_over_many_validations():
    # The engine renews its store as validations go by (Oxigraph's in-memory store keeps
    # what was removed): the context must come back whole each time.
    data = turtle("""
        zid:zone\\/two-levels a dz:HighTechZone, dz:DevelopmentZone ; rdfs:label "Two"@en ;
            dz:zoneLevel zid:level\\/national, zid:level\\/provincial ; dz:locatedIn zid:country\\/cn .
    """)
    engine = shacl.Engine(
        reference.shapes_graph(),
        {"ontology": reference.ontology_graph(), "reference": reference.reference_graph()},
    )
    store, renewed, runs, first = engine.store, 0, 0, None
    while renewed < 2 and runs < 1000:
        found = {(str(r.focus), str(r.component)) for r in engine.results(data)}
        first = first or found
        assert found == first
        renewed += engine.store is not store
        store, runs = engine.store, runs + 1
    assert renewed == 2
    assert any("MaxCount" in component for _, component in first)
