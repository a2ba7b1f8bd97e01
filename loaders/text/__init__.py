"""The text loader: news texts about development zones become entities, relations and
observations, each figure traceable to the words it came from.

>>> ex = extract("In 2021, Jiangsu's national economic development zones' exports reached "
...              "30 billion yuan.", "demo")
>>> [(f.fact.value, f.fact.unit, f.subject_label) for f in ex.facts]
[('30000000000', 'CNY', 'Jiangsu national economic development zones')]
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from loaders.text.document import parse_text, read
from loaders.text.explain import explain_extraction
from loaders.text.extraction import Extraction, extract_document
from loaders.text.graph import to_graph

LOADER_VERSION = "0.2.0"  # read again by ingest: what the loader finds in a text changed

__all__ = ["LOADER_VERSION", "Extraction", "explain", "explain_file", "extract", "load"]


def load(path: Path, source_id: str) -> Graph:
    """Read a .txt/.html/.htm file into an RDF graph (raises kg.errors.InputError if unusable)."""
    doc = read(path)
    return to_graph(extract_document(doc, source_id), file_name=path.name)


def extract(text: str, source_id: str) -> Extraction:
    """Facts, entities and unattached numbers of a plain text."""
    return extract_document(parse_text(text), source_id)


def explain(text: str, source_id: str) -> str:
    """The human-readable report of a plain text's facts and unattached numbers."""
    return explain_extraction(extract(text, source_id))


def explain_file(path: Path, source_id: str) -> str:
    """The report of ``zonegraph extract FILE --explain`` for a .txt/.html/.htm file."""
    return explain_extraction(extract_document(read(path), source_id))
