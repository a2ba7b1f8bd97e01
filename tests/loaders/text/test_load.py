"""The loader end to end: default documents, determinism, provenance, the explain report."""

import importlib.util
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from kg import model
from kg.model import DZ, QB, SDMX_ATTRIBUTE, SDMX_DIMENSION
from loaders.text import LOADER_VERSION, explain, load

REPO = Path(__file__).resolve().parents[3]
DOCS = REPO / "data" / "documents"
GOLD = REPO / "data" / "gold"
FIXTURES = REPO / "tests" / "fixtures" / "text"


def _fidelity():
    spec = importlib.util.spec_from_file_location("fidelity", REPO / "bench" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_loader_version():
    assert LOADER_VERSION


def test_default_documents_yield_their_gold_facts(capsys):
    score = _fidelity().main(["--docs", str(DOCS), "--gold", str(GOLD)])
    assert score.figures()[:2] == (1.0, 1.0), capsys.readouterr().out


def test_own_fixtures_keep_precision(capsys):
    # Recall is below 1 since indicators come only from the curated code list: the gold
    # fact "the zone's electronic information industry achieved an output value of 280
    # billion yuan" is an industry's figure, which no indicator concept holds, so the
    # loader leaves it out (and --explain lists it) rather than minting a concept.
    score = _fidelity().main(["--docs", str(FIXTURES), "--gold", str(FIXTURES)])
    out = capsys.readouterr().out
    assert score.extracted > 30
    precision, recall, _ = score.figures()
    assert precision == 1.0 and recall >= 0.98, out


def test_blind_rounds_keep_what_their_fixes_gained(capsys):
    # The blind rounds (docs/text-loader.md) after their fixes: a regression guard, not an
    # estimate for unseen documents (that is each round's first run, recorded in the docs).
    fidelity = _fidelity()
    total = fidelity.Score()
    for folder in sorted(FIXTURES.glob("blind*")):
        total.add(fidelity.main(["--docs", str(folder), "--gold", str(folder)]))
    out = capsys.readouterr().out
    precision, recall, _ = total.figures()
    assert total.expected > 300
    # Recall was 0.949 when the loader minted a concept for any phrase; figures of an
    # industry ("nanotechnology industry ... output value"), of trade with one partner
    # ("foreign trade volume with Germany") or of goods ("laptop computers") have no
    # curated indicator and are left out: 0.871 at the change (docs/ontology.md).
    assert precision >= 0.98 and recall >= 0.87, out


def _ntriples(path):
    return sorted(load(path, path.stem).serialize(format="nt").splitlines())


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.txt")))
def test_same_input_gives_byte_identical_output(name):
    assert _ntriples(DOCS / name) == _ntriples(DOCS / name)


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.txt")))
def test_loading_twice_changes_nothing(name):
    g = load(DOCS / name, "x")
    before = len(g)
    g += load(DOCS / name, "x")
    assert len(g) == before


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.txt")) + sorted(FIXTURES.glob("*.txt")))
def test_every_quote_is_the_text_at_its_offsets(path):
    text = path.read_text(encoding="utf-8")
    g = load(path, path.stem)
    spans = [model.read_span(g, s) for s in g.subjects(RDF.type, model.DZ.TextSpan)]
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.exact
        # oa:prefix and oa:suffix are the text right before and after the quote.
        assert text[: span.start].endswith(span.prefix)
        assert text[span.end :].startswith(span.suffix)


def test_every_observation_has_subject_indicator_unit_and_source():
    g = Graph()
    for path in DOCS.glob("*.txt"):
        g += load(path, path.stem)
    observations = list(g.subjects(None, QB.Observation))
    assert len(observations) >= 20
    for obs in observations:
        assert isinstance(g.value(obs, SDMX_DIMENSION.refArea), URIRef)
        assert isinstance(g.value(obs, DZ.indicator), URIRef)
        assert isinstance(g.value(obs, SDMX_ATTRIBUTE.unitMeasure), URIRef)


def test_source_document_metadata_from_the_footer():
    g = load(DOCS / "sichuan-development-zones-2021.txt", "s")
    doc = URIRef("https://w3id.org/zonegraph/id/source/s")
    from rdflib.namespace import DCTERMS

    assert "FDI Contract Value" in str(g.value(doc, DCTERMS.title))
    assert str(g.value(doc, DCTERMS.publisher)).endswith(
        "general-office-of-the-people-s-government-of-sichuan-province"
    )
    assert g.value(doc, DZ.operator) is not None


def test_explain_lists_facts_with_quotes_and_unattached_numbers():
    report = explain((DOCS / "sichuan-development-zones-2021.txt").read_text(), "s")
    assert "quote [" in report and "why:" in report
    assert '"20 million yuan": a size threshold' in report


def test_every_fact_names_the_rule_that_read_it():
    from loaders.text import extract

    for path in sorted(DOCS.glob("*.txt")) + sorted(FIXTURES.glob("*.txt")):
        ex = extract(path.read_text(encoding="utf-8"), path.stem)
        assert all(f.rule for f in ex.facts), path.name
        assert all(u.reason for u in ex.unattached), path.name
    report = explain((DOCS / "sichuan-development-zones-2021.txt").read_text(), "s")
    assert report.count("     rule: ") == report.count("     why: ") > 10
    assert "rule: rank" in report and "rule: level" in report


def test_html_quotes_are_offsets_into_the_extracted_plain_text():
    from loaders.text.document import html_to_text

    path = FIXTURES / "guangdong-hightech-2022.html"
    text = html_to_text(path.read_text(encoding="utf-8"))[0]
    g = load(path, "gd")
    spans = [model.read_span(g, s) for s in g.subjects(RDF.type, model.DZ.TextSpan)]
    assert len(spans) >= 5
    for span in spans:
        assert text[span.start : span.end] == span.exact


def test_output_conforms_to_the_project_shapes():
    from kg.validation import validate

    # The default corpus and the HTML page; bench/fidelity-style runs over the other
    # fixtures are left to `zonegraph load tests/fixtures/text` (the shapes take seconds each).
    g = Graph()
    for path in [*sorted(DOCS.glob("*.txt")), FIXTURES / "guangdong-hightech-2022.html"]:
        g += load(path, path.stem)
    report = validate(g)
    assert report.conforms, report.text[:2000]


def test_loaded_graph_answers_every_lookup_as_a_graph_filled_triple_by_triple():
    # to_graph fills rdflib's store indices in one loop (graph._fill_store): every index
    # (by subject, by predicate and object, by object) must answer as Graph.add's would.
    g = load(DOCS / "sichuan-development-zones-2021.txt", "sichuan")
    ref = Graph(store="SimpleMemory")
    for triple in g:
        ref.add(triple)
    assert len(g) == len(ref) > 100
    for s, p, o in list(g)[:: max(1, len(g) // 60)]:
        for pattern in ((s, None, None), (s, p, None), (None, p, o), (None, None, o), (s, None, o)):
            assert sorted(g.triples(pattern)) == sorted(ref.triples(pattern)), pattern
    assert sorted(g.predicates()) == sorted(ref.predicates())
