"""Every example query parses, runs over the union default graph and answers something."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from kg import iris, reference
from kg.ingest import ensure_seeded, expand_paths, ingest_file
from kg.store import open_store

ALL = sorted((Path(reference.ONTOLOGY_DIR) / "queries").glob("*.rq"))
# Federated queries (SERVICE) need the network; their own tests run them against a stand-in.
QUERIES = [p for p in ALL if "SERVICE" not in p.read_text(encoding="utf-8")]
DOCUMENTS = Path(__file__).resolve().parents[2] / "data" / "documents"


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    """The default corpus, loaded the way `zonegraph load data/documents` loads it."""
    db = open_store(None)
    ensure_seeded(db)
    for path in expand_paths([str(DOCUMENTS)]):
        assert ingest_file(db, path).status == "loaded"
    # The queries below read engine results directly; export and reload into a bare engine.
    store = pyoxigraph.Store()
    store.load(db.export("nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
    return store


def test_there_are_at_least_ten_example_queries():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_query_parses(path):
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_has_title_and_description(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# title: ") and len(lines[0]) > len("# title: ")
    assert lines[1].startswith("# description: ") and len(lines[1]) > len("# description: ")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_runs_on_the_union_graph_and_returns_rows(path, store):
    rows = list(store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True))
    assert rows, f"{path.name} returned no rows"


def test_parks_query_names_each_partner(store):
    text = (Path(reference.ONTOLOGY_DIR) / "queries" / "parks-and-partner-countries.rq").read_text()
    rows = list(store.query(text, use_default_graph_as_union=True))
    partners = {(r["park"].value, r["partner"].value) for r in rows}
    assert ("Singapore-Sichuan High-Tech Innovation Park", "Singapore") in partners
    assert ("China-Korea Innovation and Startup Park", "South Korea") in partners


def test_growth_query_finds_the_growth_figures_above_15_percent_largest_first(store):
    # Model v2: "a year-on-year increase of 23.75 times" is +2375 %, the corpus' largest growth.
    text = (Path(reference.ONTOLOGY_DIR) / "queries" / "growth-above-threshold.rq").read_text()
    rows = list(store.query(text, use_default_graph_as_union=True))
    assert [float(r["growth"].value) for r in rows] == [2375, 20.4, 17.9]
    assert rows[0]["statedAs"].value == "23.75 times"


def test_provenance_query_returns_the_quote_of_the_figure(store):
    text = (Path(reference.ONTOLOGY_DIR) / "queries" / "provenance-of-a-fact.rq").read_text()
    (row,) = list(store.query(text, use_default_graph_as_union=True))
    assert "total export-import volume reached 81.01 billion yuan" in row["quote"].value
    assert row["graph"].value == iris.source_graph("sichuan-development-zones-2021")


def test_index_figures_query_finds_the_zones_figure_on_a_sub_index(store):
    # Model v2: refArea is the zone; the sub-index is linked to the indicator the figure is on.
    text = (Path(reference.ONTOLOGY_DIR) / "queries" / "index-figures.rq").read_text()
    rows = list(store.query(text, use_default_graph_as_union=True))
    found = {(r["index"].value, r["zone"].value, float(r["value"].value)) for r in rows}
    assert found == {
        (
            "global innovation competitiveness",
            "Chengdu High-Tech Industrial Development Zone",
            73.0,
        )
    }
    assert {r["unit"].value for r in rows} == {"PERCENT"}
