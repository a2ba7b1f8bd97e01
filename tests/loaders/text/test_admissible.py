"""No document is refused whole: what the loader writes always passes the shapes."""

from pathlib import Path

import pytest
from rdflib import Namespace, URIRef

from kg import iris
from kg.model import Fact, Span
from kg.validation import validate
from loaders.text import extract, load
from loaders.text.admissible import admit, reason_refused
from loaders.text.facts import ExtractedFact

REPO = Path(__file__).resolve().parents[3]
DOCUMENTS = sorted((REPO / "data" / "documents").glob("*.txt")) + sorted(
    p for p in (REPO / "tests" / "fixtures" / "text").rglob("*") if p.suffix in (".txt", ".html")
)
CORPUS = REPO / "var" / "corpus"
DZ = Namespace(iris.DZ)
SDMX_MEASURE = Namespace(iris.PREFIXES["sdmx-measure"])


def _refusals(path: Path) -> list[str]:
    report = validate(load(path, path.stem))
    return [
        f"{r['focus']} {r['path']}: {r['message']}"
        for r in report.results
        if r["severity"].endswith("Violation")
    ]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_fixture_document_passes_the_shapes(path):
    assert _refusals(path) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="var/corpus not fetched (../shared/corpus)")
def test_every_corpus_document_passes_the_shapes():
    refused = {p.name: r for p in sorted(CORPUS.glob("*.txt")) if (r := _refusals(p))}
    assert refused == {}


def _found(fact: Fact) -> ExtractedFact:
    return ExtractedFact(fact, "test", "Somewhere")


def test_a_fact_the_shapes_refuse_is_left_out_with_its_reason():
    share = Fact(
        "a", "share of exports", "130", "PERCENT", "2021", "share", span=Span(0, 4, "130%")
    )
    count = Fact("a", "number of firms", "86.7", "NUM", "2021", "count", span=Span(5, 9, "86.7"))
    half = Fact("a", "imports", "6", "CNY", "2021-H1")  # the shapes accept halves
    left = []
    kept = admit([_found(share), _found(count), _found(half)], left, "doc")
    assert [k.fact for k in kept] == [half]
    assert [(u.quote, u.reason.split(" (")[0]) for u in left] == [
        ("130%", "left out: a share in percent lies in 0..100"),
        ("86.7", "left out: a count is a whole number >= 0"),
    ]


def test_a_change_of_a_left_out_level_goes_with_it():
    from kg import iris

    level = Fact(area="a", indicator="exports", value="5", unit="EUR", period="2021")
    change = Fact(
        area="a",
        indicator="exports",
        value="3",
        unit="PERCENT",
        period="2021",
        statistic="yoy_change",
        change_of=iris.observation_iri("doc", *level.key()),
        span=Span(10, 16, "up 3 %"),
    )
    left = []
    assert admit([_found(change), _found(level)], left, "doc") == []
    assert "level this change qualifies" in left[0].reason


def test_explain_lists_what_was_left_out():
    ex = extract(
        "In the first half of 2021, Tianjin Economic-Technological Development Area's "
        "exports reached 5 billion yuan.",
        "d",
    )
    if ex.facts:
        assert all(reason_refused(f.fact) is None for f in ex.facts)
    else:
        assert any("left out" in u.reason for u in ex.unattached)


def test_an_event_named_without_a_date_does_not_refuse_the_document(tmp_path):
    path = tmp_path / "fair.txt"
    path.write_text(
        "In 2021, Hengqin New Area's exports reached 5 billion yuan. The area took part in "
        "the China-Latin America International Fair.",
        encoding="utf-8",
    )
    assert _refusals(path) == []
    assert [f.fact.value for f in extract(path.read_text(), "fair").facts] == ["5000000000"]


def test_a_target_after_the_document_date_is_planned_and_passes_the_shapes(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "Date: 2021-05-01\n\nIn 2020, the Wuxi High-tech Zone's exports reached 3 billion "
        "yuan. The Wuxi High-tech Zone's exports are expected to reach 5 billion yuan by 2025.\n",
        encoding="utf-8",
    )
    graph = load(path, "plan")
    assert _refusals(path) == []
    planned = {
        str(v)
        for o in graph.subjects(DZ.modality, URIRef(iris.ID + "modality/planned"))
        for v in graph.objects(o, SDMX_MEASURE.obsValue)
    }
    assert planned == {"5000000000"}
