"""Every term the project uses is declared, labelled and defined in the ontology."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg import iris, model, reference

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology"
TTL_FILES = sorted(ONTOLOGY.rglob("*.ttl"))
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
# Namespaces whose used terms must all be declared: ours, and those declared in ontology/vocab.
CHECKED = {
    "dz": iris.DZ,
    "sdmx-dimension": iris.PREFIXES["sdmx-dimension"],
    "sdmx-measure": iris.PREFIXES["sdmx-measure"],
    "sdmx-attribute": iris.PREFIXES["sdmx-attribute"],
    "oa": iris.PREFIXES["oa"],
}


def _declared() -> set[str]:
    g = reference.ontology_graph()
    return {str(s) for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}


def _terms_in_graph(g: Graph) -> set[str]:
    found = set()
    for triple in g:
        for node in triple:
            if isinstance(node, URIRef) and any(
                str(node).startswith(ns) and str(node) != ns for ns in CHECKED.values()
            ):
                found.add(str(node))
    return found


def _terms_in_text(text: str) -> set[str]:
    found = set()
    for prefix, ns in CHECKED.items():
        for local in re.findall(rf"(?<![\w-]){re.escape(prefix)}:([A-Za-z_][\w-]*)", text):
            if not local.endswith("-"):  # "dz:dsd-*" in prose names a family, not a term
                found.add(ns + local)
    return found


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: str(p.relative_to(ONTOLOGY)))
def test_every_turtle_file_parses_in_rdflib_and_oxigraph(path):
    assert len(Graph().parse(path, format="turtle")) > 0
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 0


def test_ontology_header_names_version_license_and_title():
    g = reference.ontology_graph()
    onto = URIRef(iris.ONTOLOGY)
    assert (onto, RDF.type, OWL.Ontology) in g
    assert str(g.value(onto, OWL.versionIRI)).startswith(iris.ONTOLOGY + "/")
    for p in ("title", "description", "license", "creator"):
        assert g.value(onto, URIRef("http://purl.org/dc/terms/" + p)) is not None, p


def test_every_class_and_property_has_english_label_and_definition():
    g = reference.ontology_graph()
    missing = []
    for kind in TERM_KINDS:
        for term in g.subjects(RDF.type, kind):
            if not isinstance(term, URIRef):
                continue
            labels = [
                x for x in g.objects(term, RDFS.label) if getattr(x, "language", None) == "en"
            ]
            # Third-party terms (ontology/vocab) keep their publisher's rdfs:comment.
            ours = str(term).startswith(iris.DZ)
            defined = g.value(term, SKOS.definition if ours else RDFS.comment)
            if not labels or defined is None:
                missing.append(str(term))
    assert not missing, f"terms without rdfs:label@en or definition: {missing}"


def test_zone_kind_classes_have_chinese_labels():
    g = reference.ontology_graph()
    dz = iris.DZ
    for name in (
        "EconomicTechnologicalDevelopmentZone",
        "HighTechZone",
        "ComprehensiveBondedZone",
        "CooperationPark",
        "FreeTradeZone",
    ):
        zh = [x for x in g.objects(URIRef(dz + name), RDFS.label) if x.language == "zh"]
        assert zh, name


def test_no_undeclared_term_in_data_shapes_queries_or_model_doc():
    declared = _declared()
    used: dict[str, set[str]] = {}
    for path in TTL_FILES:
        used[str(path.relative_to(ROOT))] = _terms_in_graph(Graph().parse(path, format="turtle"))
    corpus = ROOT / "tests" / "fixtures" / "ontology" / "corpus.trig"
    used[str(corpus.relative_to(ROOT))] = _terms_in_text(corpus.read_text(encoding="utf-8"))
    for path in [*sorted((ONTOLOGY / "queries").glob("*.rq")), ROOT / "docs" / "model.md"]:
        used[str(path.relative_to(ROOT))] = _terms_in_text(path.read_text(encoding="utf-8"))
    undeclared = {f: sorted(t - declared) for f, t in used.items() if t - declared}
    assert not undeclared, f"terms used but not declared in the ontology: {undeclared}"


def test_undeclared_term_would_be_caught():
    # The check above is only worth something if it notices a made-up term.
    assert iris.DZ + "madeUpTerm" in _terms_in_text("SELECT * { ?a dz:madeUpTerm ?b }")
    assert iris.DZ + "madeUpTerm" not in _declared()


def test_every_unit_code_of_the_model_is_a_unit_concept_with_its_notation():
    g = reference.ontology_graph()
    for code in model.UNITS:
        node = URIRef(iris.unit_iri(code))
        assert (node, SKOS.inScheme, URIRef(iris.ID + "scheme/units")) in g, code
        assert g.value(node, SKOS.notation) == Literal(code, datatype=URIRef(iris.DZ + "UnitCode"))
    qudt = {str(o) for o in g.objects(None, SKOS.exactMatch)}
    for expected in (
        "currency/CNY",
        "unit/PERCENT",
        "unit/NUM",
        "unit/TONNE",
        "unit/KiloM2",
        "unit/YR",
    ):
        assert "http://qudt.org/vocab/" + expected in qudt


def test_every_statistic_of_the_model_is_a_concept_of_the_statistics_scheme():
    g = reference.ontology_graph()
    for kind in model.STATISTICS:
        node = URIRef(iris.statistic_iri(kind))
        assert (node, SKOS.inScheme, URIRef(iris.ID + "scheme/statistics")) in g, kind
    assert (URIRef(iris.SCOPE_NOT_APPLICABLE), RDF.type, SKOS.Concept) in g
    # "Period not stated" is no code of the time dimension (v2): such figures have no refPeriod.
    assert not any(g.triples((URIRef(iris.PERIOD_UNSTATED), None, None)))


def test_common_phrasings_find_their_indicator():
    labels = reference.indicator_labels()
    imports = URIRef(iris.indicator_iri("total imports and exports"))
    for phrase in ("export-import volume", "foreign trade", "imports and exports", "进出口总额"):
        assert labels[reference.indicator_key(phrase)] == imports, phrase
    assert labels["fdi contract value"] == URIRef(
        iris.indicator_iri("contract value of foreign direct investment")
    )
    assert labels["gdp"] == URIRef(iris.indicator_iri("gross domestic product"))


def test_zone_iris_used_as_concepts_exist_in_the_schemes():
    # Shapes, queries and reference data name concepts such as zid:unit/PERCENT: they must exist.
    g = reference.ontology_graph()
    concepts = {str(s) for s in g.subjects(RDF.type, SKOS.Concept)} | {
        str(s) for s in g.subjects(RDF.type, SKOS.ConceptScheme)
    }
    kinds = ("unit", "statistic", "level", "zone-kind", "scheme", "indicator", "scope", "period")
    pattern = re.compile(rf"{re.escape(iris.ID)}(?:{'|'.join(kinds)})/[\w-]+")
    texts = [p.read_text(encoding="utf-8") for p in (ONTOLOGY / "queries").glob("*.rq")]
    texts.append((ONTOLOGY / "shapes.ttl").read_text(encoding="utf-8"))
    used = set()
    for path in [ONTOLOGY / "shapes.ttl", *sorted((ONTOLOGY / "reference").glob("*.ttl"))]:
        g2 = Graph().parse(path, format="turtle")
        used |= {
            str(n) for t in g2 for n in t if isinstance(n, URIRef) and pattern.fullmatch(str(n))
        }
    for text in texts:
        used |= set(pattern.findall(text))
    assert used, "the check found nothing to check"
    assert not used - concepts, sorted(used - concepts)


def test_loaders_use_only_declared_terms():
    """What the text and CSV loaders write is declared too, not only the hand-built corpus."""
    from loaders import load_file

    declared = _declared()
    inputs = [
        *sorted((ROOT / "data" / "documents").glob("*.txt")),
        *sorted((ROOT / "tests" / "fixtures" / "text").glob("*.txt")),
        ROOT / "tests" / "fixtures" / "csv" / "figures.csv",
    ]
    undeclared = {}
    for path in inputs:
        extra = _terms_in_graph(load_file(path, path.stem).graph) - declared
        if extra:
            undeclared[path.name] = sorted(extra)
    assert not undeclared, f"loader output uses undeclared terms: {undeclared}"


def test_third_party_terms_are_documented_as_published_not_redefined():
    """ontology/vocab/external.ttl copies what SDMX and Web Annotation say, nothing of ours."""
    g = Graph().parse(ONTOLOGY / "vocab" / "external.ttl", format="turtle")
    subjects = {s for s in g.subjects() if isinstance(s, URIRef)}
    assert subjects
    for s in subjects:
        assert not str(s).startswith(iris.BASE), s
        defined_by = g.value(s, RDFS.isDefinedBy)
        assert defined_by is not None and not str(defined_by).startswith(iris.BASE), s
        assert g.value(s, SKOS.definition) is None, f"{s}: our own skos:definition"
    for o in g.objects():
        assert not (isinstance(o, Literal) and "zonegraph" in str(o).lower()), o
    # The SDMX measure has no range of its own; zonegraph's xsd:decimal is a shape.
    obs_value = URIRef(iris.PREFIXES["sdmx-measure"] + "obsValue")
    assert g.value(obs_value, RDFS.range) is None
    assert str(g.value(obs_value, RDFS.label)) == "Observation"
