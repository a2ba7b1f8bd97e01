"""Shared graphs for the ontology tests: parsed once per session, never modified."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg import reference

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ontology"


@pytest.fixture(scope="session")
def corpus() -> Dataset:
    ds = Dataset()
    ds.parse(FIXTURES / "corpus.trig", format="trig")
    return ds


@pytest.fixture(scope="session")
def background() -> Graph:
    """Ontology, schemes and reference data: what validation sees next to new data."""
    g = Graph()
    for triple in reference.ontology_graph():
        g.add(triple)
    for triple in reference.reference_graph():
        g.add(triple)
    return g
