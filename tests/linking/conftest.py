"""Fixtures of the linking suite: a real `oxigraph serve` standing in for Wikidata's endpoint."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.ingest import ensure_seeded
from kg.store import OxigraphStore, Store
from tests.oxigraph_kit import OxigraphServer, oxigraph_binary

WIKIDATA_FIXTURE = Path(__file__).parent.parent / "fixtures" / "wikidata" / "wikidata.ttl"


@pytest.fixture(scope="session")
def wikidata_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of an `oxigraph serve` on 127.0.0.1 loaded with the Wikidata fixture."""
    location = tmp_path_factory.mktemp("wikidata-standin")
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(WIKIDATA_FIXTURE)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    server = OxigraphServer(location, read_only=True)
    server.start()
    yield server.query_url
    server.stop()


@pytest.fixture
def seeded_store() -> Iterator[Store]:
    """A fresh in-memory store with the ontology and the reference data."""
    store = OxigraphStore(None)
    ensure_seeded(store)
    yield store
    store.close()


def add_source_graph(store: Store, source_id: str, facts: list, loaded_at: str) -> None:
    """Put observations built by kg.model into a source graph, with their load record.

    Written directly (no SHACL): these tests are about what is computed from the store.
    """
    from rdflib import Graph

    from kg import iris
    from kg.model import add_observation, add_source

    g = Graph()
    add_source(g, source_id, file_name=f"{source_id}.txt", title=source_id)
    for fact in facts:
        add_observation(g, source_id, fact)
    graph = iris.source_graph(source_id)
    record = f"{iris.ID}load/{source_id}"
    store.replace_graphs(
        {graph: g.serialize(format="nt", encoding="utf-8")},
        then=f"""INSERT DATA {{ GRAPH <{iris.CATALOG_GRAPH}> {{
  <{record}> a <{iris.DZ}LoadRecord> ; <{iris.DZ}graph> <{graph}> ;
    <{iris.DZ}loadedAt> "{loaded_at}"^^<http://www.w3.org/2001/XMLSchema#dateTime> ;
    <{iris.DZ}tripleCount> {len(g)} . }} }}""",
    )


@pytest.fixture
def data_store(seeded_store: Store) -> Store:
    """The seeded store with a few observations of Chengdu High-Tech Zone (June 2019 to 2021)."""
    from kg import iris
    from kg.model import Fact, Span

    cdht = iris.zone_iri("Chengdu High-Tech Industrial Development Zone")
    facts = [
        Fact(
            cdht,
            "total imports and exports",
            "961220000000",
            "CNY",
            "2021",
            span=Span(0, 30, "export-import volume of 961.22 billion yuan"),
        ),
        Fact(
            cdht,
            "total imports and exports",
            "20.4",
            "PERCENT",
            "2021",
            "yoy_change",
            qualifier="about",
            span=Span(31, 40, "up 20.4%"),
        ),
        Fact(
            cdht,
            "number of enterprises",
            "130",
            "NUM",
            "2019-06",
            "count",
            span=Span(41, 60, "130 Fortune 500 companies"),
        ),
    ]
    add_source_graph(seeded_store, "test-report", facts, "2030-01-02T03:04:05Z")
    return seeded_store
