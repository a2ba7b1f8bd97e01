"""Loaders turn one input file into one RDF graph; this module picks the loader by extension.

>>> loader_name(Path("zones.ttl")), loader_name(Path("figures.csv")), loader_name(Path("a.txt"))
('rdf', 'csv', 'text')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.errors import InputError
from loaders import rdf

RDF_EXTENSIONS = rdf.EXTENSIONS
TEXT_EXTENSIONS = (".txt", ".html", ".htm")
CSV_EXTENSIONS = (".csv",)


@dataclass
class Loaded:
    """A parsed source: its graph and which loader (and version) made it."""

    graph: Graph
    loader: str
    version: str


def loader_name(path: Path, fmt: str | None = None) -> str:
    """Which loader reads this file: "rdf", "csv" or "text"."""
    if fmt:
        if fmt in rdf.FORMATS:
            return "rdf"
        if fmt in ("csv", "text"):
            return fmt
        raise InputError(
            f"unknown format {fmt!r}; use one of {', '.join([*rdf.FORMATS, 'csv', 'text'])}",
            path=str(path),
        )
    suffix = path.suffix.lower()
    if suffix in RDF_EXTENSIONS:
        return "rdf"
    if suffix in CSV_EXTENSIONS:
        return "csv"
    if suffix in TEXT_EXTENSIONS:
        return "text"
    known = sorted([*RDF_EXTENSIONS, *CSV_EXTENSIONS, *TEXT_EXTENSIONS])
    raise InputError(
        f"unknown file extension {suffix or '(none)'!r}; known: {', '.join(known)} "
        "(or pass --format)",
        path=str(path),
    )


def supported(path: Path) -> bool:
    """True when some loader reads files with this extension."""
    return path.suffix.lower() in (*RDF_EXTENSIONS, *CSV_EXTENSIONS, *TEXT_EXTENSIONS)


def loader_version(path: Path, fmt: str | None = None) -> str:
    """Version of the loader that reads this file; a new version reloads unchanged files.

    >>> loader_version(Path("zones.ttl")) == rdf.LOADER_VERSION
    True
    """
    name = loader_name(path, fmt)
    if name == "rdf":
        return rdf.LOADER_VERSION
    if name == "csv":
        from loaders import csv as csv_loader

        return csv_loader.LOADER_VERSION
    from loaders import text

    return text.LOADER_VERSION


def load_file(path: Path, source_id: str, fmt: str | None = None) -> Loaded:
    """Parse one file into a graph with the loader its extension (or ``fmt``) names."""
    name = loader_name(path, fmt)
    if not path.is_file():
        raise InputError("no such file; check the path", path=str(path))
    if path.stat().st_size == 0:
        raise InputError("the file is empty; nothing to load", path=str(path))
    if name == "rdf":
        return Loaded(rdf.load(path, fmt), "rdf", rdf.LOADER_VERSION)
    if name == "csv":
        from loaders import csv as csv_loader

        return Loaded(csv_loader.load(path, source_id), "csv", csv_loader.LOADER_VERSION)
    from loaders import text

    return Loaded(text.load(path, source_id), "text", text.LOADER_VERSION)
