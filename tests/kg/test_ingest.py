"""Validated ingest: each source in its own graph, replaced whole, refused whole."""

import shutil
from pathlib import Path

import pytest

from kg import iris
from kg.errors import ValidationFailed
from kg.ingest import ensure_seeded, ingest_file

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _copy(name: str, to: Path) -> Path:
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / name, to)
    return to


def test_a_new_store_is_given_the_ontology_and_reference_data(store):
    assert iris.REFERENCE_GRAPH in store.graphs()
    assert store.ask(
        f"ASK {{ <{iris.country_iri('SG')}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    )
    assert ensure_seeded(store) is False  # already current: nothing reloaded


def test_each_source_lands_in_its_own_graph_with_a_catalogue_record(store, tmp_path):
    csv_result = ingest_file(store, _copy("csv/figures.csv", tmp_path / "figures.csv"))
    ttl_result = ingest_file(store, _copy("rdf/zone.ttl", tmp_path / "zone.ttl"))
    assert (csv_result.status, ttl_result.status) == ("loaded", "loaded")
    assert csv_result.graph == iris.source_graph("figures")
    assert store.count(csv_result.graph) == csv_result.triples > 0
    rows = store.select(
        f"SELECT ?n ?loader WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{ ?r <{iris.DZ}graph> "
        f"<{csv_result.graph}> ; <{iris.DZ}tripleCount> ?n ; <{iris.DZ}loader> ?loader }} }}"
    )
    assert [(int(r["n"]), str(r["loader"])) for r in rows] == [(csv_result.triples, "csv")]


def test_loading_an_unchanged_source_again_does_nothing(store, tmp_path):
    path = _copy("csv/figures.csv", tmp_path / "figures.csv")
    first = ingest_file(store, path)
    before = store.export("nquads")
    again = ingest_file(store, path)
    assert again.status == "unchanged"
    assert again.triples == first.triples
    assert store.export("nquads") == before


def test_a_changed_source_replaces_its_graph_and_nothing_else(store, tmp_path):
    figures = _copy("csv/figures.csv", tmp_path / "figures.csv")
    ingest_file(store, figures)
    ingest_file(store, _copy("rdf/zone.ttl", tmp_path / "zone.ttl"))
    zone_graph = store.export("ntriples", graph=iris.source_graph("zone"))
    lines = figures.read_text().splitlines()
    figures.write_text("\n".join(lines[:2]) + "\n")  # keep one row
    result = ingest_file(store, figures)
    assert result.status == "replaced"
    n_obs = store.select(
        f"SELECT (COUNT(?o) AS ?n) WHERE {{ GRAPH <{result.graph}> "
        "{ ?o a <http://purl.org/linked-data/cube#Observation> } }"
    )[0]["n"]
    assert int(n_obs) == 1
    assert store.export("ntriples", graph=iris.source_graph("zone")) == zone_graph


def test_a_source_that_fails_validation_is_refused_whole(store, tmp_path):
    good = _copy("rdf/zone.ttl", tmp_path / "zone.ttl")
    ingest_file(store, good)
    before = store.export("nquads")
    good.write_text((FIXTURES / "rdf" / "violates-shapes.ttl").read_text())
    with pytest.raises(ValidationFailed) as info:
        ingest_file(store, good)
    assert not info.value.report.conforms
    assert info.value.report.violations
    assert "nothing was loaded" in str(info.value)
    assert store.export("nquads") == before


def test_a_new_loader_version_reloads_an_unchanged_source(store, tmp_path, monkeypatch):
    from loaders import csv as csv_loader

    path = _copy("csv/figures.csv", tmp_path / "figures.csv")
    ingest_file(store, path)
    monkeypatch.setattr(csv_loader, "LOADER_VERSION", "999")
    assert ingest_file(store, path).status == "replaced"
    assert ingest_file(store, path).status == "unchanged"


def test_editing_a_documents_sidecar_reloads_it_with_the_new_metadata(store, tmp_path):
    text = tmp_path / "zones.txt"
    text.write_text(
        "In 2021, Jiangsu's national economic development zones' exports reached "
        "30 billion yuan.\n",
        encoding="utf-8",
    )
    assert ingest_file(store, text).status == "loaded"
    (tmp_path / "zones.txt.meta.yaml").write_text("title: Jiangsu zones\n", encoding="utf-8")
    assert ingest_file(store, text).status == "replaced"
    doc = iris.source_doc_iri("zones")
    assert store.ask(f'ASK {{ <{doc}> <http://purl.org/dc/terms/title> "Jiangsu zones"@en }}')
    assert ingest_file(store, text).status == "unchanged"


def test_each_load_keeps_its_record_and_only_the_newest_is_marked_latest(store, tmp_path):
    path = _copy("csv/figures.csv", tmp_path / "figures.csv")
    first = ingest_file(store, path)
    second = ingest_file(store, path, force=True)
    assert (first.status, second.status) == ("loaded", "replaced")
    doc = iris.source_doc_iri("figures")
    rows = store.select(
        f"""SELECT ?r ?at ?n ?hash ?latest WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{
          ?r a <{iris.DZ}LoadRecord> ; <{iris.DZ}source> <{doc}> ; <{iris.DZ}loadedAt> ?at ;
             <{iris.DZ}tripleCount> ?n ; <{iris.DZ}contentHash> ?hash .
          BIND(EXISTS {{ <{doc}> <{iris.DZ}latestLoad> ?r }} AS ?latest) }} }}"""
    )
    assert len(rows) == 2, "one record per load"
    assert len({str(r["r"]) for r in rows}) == 2
    assert [r["latest"].toPython() for r in rows].count(True) == 1
    assert {int(r["n"]) for r in rows} == {second.triples}
    (latest,) = store.select(
        f"SELECT ?r {{ GRAPH <{iris.CATALOG_GRAPH}> {{ <{doc}> <{iris.DZ}latestLoad> ?r }} }}"
    )
    assert max(rows, key=lambda r: str(r["r"]))["r"] == latest["r"]
    # The history does not make an unchanged source look changed.
    assert ingest_file(store, path).status == "unchanged"
