"""No document is refused whole: what the loader writes always passes the shapes."""

from pathlib import Path

import pytest

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
    level = Fact(
        area="a",
        indicator="exports",
        value="5",
        unit="CNY",
        period="2021-H1",
        span=Span(0, 9, "exports 5"),
    )
    fine = Fact(area="a", indicator="imports", value="6", unit="CNY", period="2021")
    left = []
    kept = admit([_found(level), _found(fine)], left, "doc")
    assert [k.fact for k in kept] == ([fine] if reason_refused(level) else [level, fine])
    if reason_refused(level):
        assert left[0].quote == "exports 5" and "2021-H1" in left[0].reason


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
