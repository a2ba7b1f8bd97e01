"""The same figure loaded from two sources is refused or reported, never silently doubled."""

import shutil
from pathlib import Path

import pytest

from kg import iris
from kg.errors import DuplicateFigures
from kg.ingest import ensure_seeded, ingest_file
from kg.store import open_store

SICHUAN = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "documents"
    / "sichuan-development-zones-2021.txt"
)
ROW = (
    "zid:group/sichuan-national-economic-development-zones,total imports and exports,2021,{},CNY\n"
)
HEADER = "area,indicator,period,value,unit\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = open_store(None)
    ensure_seeded(db)
    assert ingest_file(db, SICHUAN).status == "loaded"
    yield db
    db.close()


def _csv(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows))
    return path


def test_a_reposted_copy_of_a_text_is_refused_as_a_copy(store, tmp_path):
    copy = tmp_path / "sichuan-repost.txt"
    shutil.copy(SICHUAN, copy)
    with pytest.raises(DuplicateFigures, match="copy of the source sichuan-development-zones-2021"):
        ingest_file(store, copy)
    assert iris.source_graph("sichuan-repost") not in store.graphs()


def test_a_different_value_for_the_same_figure_is_refused_naming_both(store, tmp_path):
    path = _csv(tmp_path, "conflict.csv", ROW.format("81020000000"))
    with pytest.raises(DuplicateFigures) as info:
        ingest_file(store, path)
    message = str(info.value)
    assert "different value" in message and "zid:observation/" in message
    assert "(also in sichuan-development-zones-2021)" in message
    assert iris.source_graph("conflict") not in store.graphs()


def test_the_same_figure_among_new_ones_is_loaded_and_reported(store, tmp_path):
    other = "Sichuan,total imports and exports,2019,1000,CNY\n"
    result = ingest_file(
        store, _csv(tmp_path, "corroborates.csv", ROW.format("81010000000"), other)
    )
    assert result.status == "loaded"
    (warning,) = result.warnings
    assert "1 figure(s) are also stated, with the same value, by another source" in warning


def test_reloading_a_source_is_not_a_duplicate_of_itself():
    db = open_store(None)
    ensure_seeded(db)
    ingest_file(db, SICHUAN)
    assert ingest_file(db, SICHUAN, force=True).warnings == []


def test_the_key_is_the_unit_dimension_not_the_unit_attribute(store, tmp_path):
    # The same figure as the text's, whose SDMX unit attribute says otherwise: the key is
    # the dz:unit dimension, so it is still the text's figure (a conflict of values).
    from rdflib import Graph, URIRef

    from kg.duplicates import collisions
    from loaders import csv as csv_loader

    graph: Graph = csv_loader.load(_csv(tmp_path, "attr.csv", ROW.format("1")), "attr")
    attribute = URIRef(iris.PREFIXES["sdmx-attribute"] + "unitMeasure")
    for obs, _, _ in list(graph.triples((None, attribute, None))):
        graph.set((obs, attribute, URIRef(iris.unit_iri("USD"))))
    found = collisions(store, iris.source_graph("attr"), graph)
    assert found and not any(c.same_value for c in found)
    assert iris.source_graph("sichuan-development-zones-2021") in {c.other_graph for c in found}
