"""qSKOS-style quality checks of the SKOS schemes (ontology/schemes.ttl), and a scheme that
breaks each rule (tests/fixtures/ontology/bad-schemes.ttl) to show that they can fail."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg import iris, reference

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "ontology" / "bad-schemes.ttl"
RULES = (
    "top concept both ways",
    "typed notation",
    "Chinese prefLabel",
    "label unique in scheme",
    "label not an entity's",
    "broader/narrower both ways",
    "no broader cycle",
)


def _key(label: Literal) -> tuple[str, str]:
    return (label.language or "", " ".join(str(label).casefold().split()))


def skos_problems(schemes: Graph, entities: Graph) -> dict[str, set[str]]:
    """Each rule -> the concepts (or scheme) that break it, in the zid: schemes of ``schemes``.

    ``entities`` holds the zones, regions and organisations whose labels concepts must not take.
    """
    found: dict[str, set[str]] = {rule: set() for rule in RULES}
    ours = {s for s in schemes.subjects(RDF.type, SKOS.ConceptScheme) if str(s).startswith(iris.ID)}
    datatypes = set(schemes.subjects(RDF.type, RDFS.Datatype))
    for scheme, concept in schemes.subject_objects(SKOS.hasTopConcept):
        if scheme in ours and (concept, SKOS.topConceptOf, scheme) not in schemes:
            found["top concept both ways"].add(str(concept))
    for concept, scheme in schemes.subject_objects(SKOS.topConceptOf):
        if scheme in ours and (scheme, SKOS.hasTopConcept, concept) not in schemes:
            found["top concept both ways"].add(str(concept))
    entity_labels = {
        _key(label)
        for p in (RDFS.label, SKOS.altLabel)
        for s, label in entities.subject_objects(p)
        if (s, RDF.type, SKOS.Concept) not in entities and isinstance(label, Literal)
    }
    for scheme in ours:
        owners: dict[tuple[str, str], set[URIRef]] = defaultdict(set)
        for concept in schemes.subjects(SKOS.inScheme, scheme):
            notations = list(schemes.objects(concept, SKOS.notation))
            if len(notations) != 1 or getattr(notations[0], "datatype", None) not in datatypes:
                found["typed notation"].add(str(concept))
            if not any(x.language == "zh" for x in schemes.objects(concept, SKOS.prefLabel)):
                found["Chinese prefLabel"].add(str(concept))
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for label in schemes.objects(concept, p):
                    owners[_key(label)].add(concept)
                    if p != SKOS.hiddenLabel and _key(label) in entity_labels:
                        found["label not an entity's"].add(str(concept))
        for concepts in owners.values():
            if len(concepts) > 1:
                found["label unique in scheme"].update(str(c) for c in concepts)
    for narrow, broad in schemes.subject_objects(SKOS.broader):
        if (broad, SKOS.narrower, narrow) not in schemes:
            found["broader/narrower both ways"].add(str(narrow))
    for broad, narrow in schemes.subject_objects(SKOS.narrower):
        if (narrow, SKOS.broader, broad) not in schemes:
            found["broader/narrower both ways"].add(str(narrow))
    for concept in set(schemes.subjects(SKOS.broader, None)):
        parents = schemes.objects(concept, SKOS.broader)
        if any(concept in set(schemes.transitive_objects(p, SKOS.broader)) for p in parents):
            found["no broader cycle"].add(str(concept))
    return found


def test_the_schemes_pass_every_skos_check():
    problems = skos_problems(reference.ontology_graph(), reference.reference_graph())
    assert {rule: sorted(c) for rule, c in problems.items() if c} == {}


def test_the_checks_look_at_every_scheme():
    g = reference.ontology_graph()
    checked = [s for s in g.subjects(RDF.type, SKOS.ConceptScheme) if str(s).startswith(iris.ID)]
    # zone kinds, zone levels, statistics, units, scopes, indicators (v2 has no periods scheme)
    assert len(checked) >= 6
    assert sum(1 for _ in g.subjects(RDF.type, SKOS.Concept)) >= 100


@pytest.fixture(scope="module")
def bad_problems() -> dict[str, set[str]]:
    g = Graph().parse(BAD, format="turtle")
    return skos_problems(g, g)


@pytest.mark.parametrize(
    ("rule", "culprits"),
    [
        ("top concept both ways", {"top-without-back-link", "back-link-without-top"}),
        ("typed notation", {"plain-notation"}),
        ("Chinese prefLabel", {"no-chinese"}),
        ("label unique in scheme", {"shares-a-label", "shares-it-too"}),
        ("label not an entity's", {"named-like-an-entity"}),
        (
            "broader/narrower both ways",
            {"child-without-broader", "broader-without-narrower"},
        ),
        ("no broader cycle", {"cycle-a", "cycle-b"}),
    ],
)
def test_a_scheme_that_breaks_a_rule_is_caught(bad_problems, rule, culprits):
    assert {c.rsplit("/", 1)[-1] for c in bad_problems[rule]} == culprits


def test_every_rule_has_a_failing_case():
    g = Graph().parse(BAD, format="turtle")
    assert all(skos_problems(g, g).values())
