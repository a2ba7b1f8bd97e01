"""Large sources stream through the staging area and land whole, with their true count."""

from pathlib import Path

import pytest
from rdflib import Graph

from kg import iris
from kg.errors import ValidationFailed
from kg.ingest import ingest_file
from kg.staging import Staged
from kg.store import TRANSACTION_TRIPLES
from kg.validation import validate
from loaders import csv as csv_loader
from loaders import stage_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rdf"
# Larger than one transaction: committed by a bulk load under the commit journal.
LARGE = TRANSACTION_TRIPLES + 5_000


def _write(path, n: int, version: str, *, duplicate: bool = False) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(f'<https://example.org/{version}/s{i}> <https://example.org/p> "{i}" .\n')
        if duplicate:  # the same triple twice is one triple of the graph
            out.write('<https://example.org/v1/s0> <https://example.org/p> "0" .\n')


def _recorded(store, source: str) -> int:
    doc = iris.source_doc_iri(source)
    rows = store.select(
        f"SELECT ?n WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{ <{doc}> <{iris.DZ}latestLoad> ?r . "
        f"?r <{iris.DZ}tripleCount> ?n }} }}"
    )
    return int(rows[0]["n"])


def _staged_files(tmp_path) -> list:
    staging = tmp_path / "store.staging"
    return sorted(staging.iterdir()) if staging.exists() else []


def test_a_large_file_lands_whole_and_its_record_counts_distinct_triples(store, tmp_path):
    source = tmp_path / "big.nt"
    _write(source, LARGE, "v1", duplicate=True)
    result = ingest_file(store, source)
    graph = iris.source_graph("big")
    assert result.status == "loaded"
    assert result.triples == store.count(graph) == _recorded(store, "big") == LARGE
    assert _staged_files(tmp_path) == []  # the staging area is left empty


def test_replacing_a_large_source_keeps_nothing_of_the_old_version(store, tmp_path):
    source = tmp_path / "big.nt"
    _write(source, LARGE, "v1")
    ingest_file(store, source)
    _write(source, LARGE + 10, "v2")
    result = ingest_file(store, source)
    graph = iris.source_graph("big")
    assert result.status == "replaced"
    assert store.count(graph) == LARGE + 10
    assert not store.ask(f"ASK {{ GRAPH <{graph}> {{ <https://example.org/v1/s0> ?p ?o }} }}")


def test_a_csv_read_in_batches_gives_one_observation_per_row(store, tmp_path, monkeypatch):
    monkeypatch.setattr(csv_loader, "BATCH_ROWS", 100)
    header = "area,indicator,period,value,unit,statistic\n"
    rows = [f"China,gross regional product,{1000 + i},{i}.5,CNY,level\n" for i in range(250)]
    big, small = tmp_path / "big.csv", tmp_path / "small.csv"
    big.write_text(header + "".join(rows))
    # Years of its own: the same figures from two sources would be refused as a copy.
    small.write_text(header + "".join(r.replace(",1", ",2", 1) for r in rows[:3]))
    ingest_file(store, big)
    ingest_file(store, small)
    # Rows are read in batches; every row is one observation, whichever batch it is in.
    query = (
        "SELECT (COUNT(?o) AS ?n) WHERE {{ GRAPH <{}> "
        "{{ ?o a <http://purl.org/linked-data/cube#Observation> }} }}"
    )
    counts = [
        int(store.select(query.format(iris.source_graph(s)))[0]["n"]) for s in ("big", "small")
    ]
    assert counts == [250, 3]


def test_a_refused_source_leaves_the_old_version_and_no_staged_file(store, tmp_path):
    source = tmp_path / "zone.ttl"
    source.write_bytes((FIXTURES / "zone.ttl").read_bytes())
    ingest_file(store, source)
    before = store.export("nquads")
    source.write_bytes((FIXTURES / "violates-shapes.ttl").read_bytes())
    with pytest.raises(ValidationFailed):
        ingest_file(store, source)
    assert store.export("nquads") == before
    assert _staged_files(tmp_path) == []


def _blank_free(results: list[dict]) -> list[dict]:
    # A staged file's blank nodes get new labels each time it is read.
    return [{k: ("_:b" if v.startswith("_:") else v) for k, v in r.items()} for r in results]


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "zone.ttl",
        FIXTURES / "violates-shapes.ttl",
        FIXTURES.parent / "csv" / "figures.csv",
    ],
    ids=lambda p: p.name,
)
def test_a_staged_source_is_judged_as_the_same_triples_in_an_rdflib_graph(path, tmp_path):
    # The engine reads a staged source's own engine terms; the verdict is the rdflib one.
    with Staged.create(tmp_path) as staged:
        stage_file(path, "fixture", staged)
    view = staged.graph()
    as_rdflib = Graph()
    for triple in view:
        as_rdflib.add(triple)
    direct, converted = validate(view), validate(as_rdflib)  # type: ignore[arg-type]
    assert len(as_rdflib) == len(view) > 0
    assert direct.conforms == converted.conforms
    assert _blank_free(direct.results) == _blank_free(converted.results)
    staged.discard()


def test_a_staged_source_that_describes_an_indicator_is_refused(tmp_path):
    source = tmp_path / "indicator.ttl"
    source.write_text(
        f"<{iris.ID}indicator/made-up> <http://www.w3.org/2004/02/skos/core#prefLabel> "
        '"A made-up indicator"@en .\n',
        encoding="utf-8",
    )
    with Staged.create(tmp_path) as staged:
        stage_file(source, "indicator", staged)
    report = validate(staged.graph())  # type: ignore[arg-type]
    staged.discard()
    assert not report.conforms
    assert any(
        r["focus"] == f"{iris.ID}indicator/made-up" and "indicator concept" in r["message"]
        for r in report.violations
    )
