"""Fixtures of the core's tests."""

from __future__ import annotations

import pytest

from kg.ingest import ensure_seeded
from kg.store import open_store


@pytest.fixture
def store(tmp_path):
    """A store on disk with the ontology and reference data, as `zonegraph load` makes one."""
    db = open_store(tmp_path / "store")
    ensure_seeded(db)
    yield db
    db.close()
