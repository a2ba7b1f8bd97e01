"""The engine and pySHACL find the same results: same focus node, path, component, severity, value.

Compared on every loadable fixture, the failing-shape cases of the shape tests,
the default corpus through the loaders and a generated corpus (bench/synthetic.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from bench import synthetic
from kg.errors import ZonegraphError
from kg.ingest import source_id_for
from kg.validation import validate
from loaders import load_file
from tests.ontology.test_shacl_shapes import BAD, PREFIXES, _own

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FILES = sorted(
    [p for d in ("rdf", "csv", "store", "wikidata") for p in (FIXTURES / d).glob("*.*")]
    + sorted((FIXTURES / "text").glob("*.txt"))
    + sorted((FIXTURES / "text").glob("*.html"))
    + sorted((ROOT / "data" / "documents").glob("*.txt"))
)


def _key(report) -> set[tuple[str, str, str, str, str]]:
    return {
        (r["focus"], r["path"], r["constraint"], r["severity"], r["value"]) for r in report.results
    }


def assert_same(data: Graph) -> set:
    engine = validate(data, validator="engine")
    pyshacl = validate(data, validator="pyshacl")
    mine, theirs = _key(engine), _key(pyshacl)
    assert mine == theirs, (
        f"engine only: {sorted(mine - theirs)}\npyshacl only: {sorted(theirs - mine)}"
    )
    assert engine.conforms == pyshacl.conforms
    return mine


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fixture_file(path):
    try:
        data = load_file(path, source_id_for(path), None).graph
    except ZonegraphError:
        pytest.skip(f"{path.name} is refused by its loader before validation (its own test)")
    assert_same(data)


def test_the_failing_shape_cases_in_one_batch():
    data = Graph()
    for n, case in enumerate(sorted(BAD)):
        data.parse(data=PREFIXES + _own(BAD[case][0], n), format="turtle")
    found = assert_same(data)
    assert len(found) >= len(BAD)  # every case is caught by both


@pytest.mark.parametrize("case", ["rank zero", "zone without English label", "homepage as text"])
def test_failing_shape_cases_alone(case):
    assert_same(Graph().parse(data=PREFIXES + BAD[case][0], format="turtle"))


def test_the_hand_built_corpus_graph_by_graph():
    corpus = Dataset()
    corpus.parse(FIXTURES / "ontology" / "corpus.trig", format="trig")
    for g in corpus.graphs():
        if len(g):
            data = Graph()
            for triple in g:
                data.add(triple)
            assert_same(data)


def test_a_generated_corpus_source_by_source():
    lines = [line for line in synthetic.quads(3) if "/graph/source/" in line]
    ds = Dataset()
    ds.parse(data="".join(lines), format="nquads")
    sources = [g for g in ds.graphs() if len(g)]
    assert len(sources) == 3
    for g in sources:
        data = Graph()
        for triple in g:
            data.add(triple)
        assert assert_same(data)  # the generator's data sets are undeclared: both see it
