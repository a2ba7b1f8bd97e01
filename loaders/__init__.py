"""Loaders turn one input file into one RDF graph; this module picks the loader by extension.

:func:`stage_file` streams a file into the staging area (kg.staging) without
holding it as a graph; :func:`load_file` gives it as an rdflib graph.

>>> loader_name(Path("zones.ttl")), loader_name(Path("figures.csv")), loader_name(Path("a.txt"))
('rdf', 'csv', 'text')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.errors import InputError
from kg.staging import Staged
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


@dataclass
class StagedSource:
    """A file streamed into the staging area: which loader (and version) read it.

    ``rows`` maps an observation IRI to the lines of the file it comes from (CSV).
    """

    loader: str
    version: str
    rows: dict[str, list[int]] = field(default_factory=dict)


def stage_file(
    path: Path,
    source_id: str,
    staged: Staged,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> StagedSource:
    """Stream one file into ``staged`` with the loader its extension (or ``fmt``) names.

    CSV and RDF files are read in batches; a text document (small) is read whole.
    ``progress`` gets (done, total) in the loader's unit (bytes or lines).
    """
    name = _checked(path, fmt)
    if name == "rdf":
        rdf.stage(path, staged, fmt, progress)
        return StagedSource("rdf", rdf.LOADER_VERSION)
    if name == "csv":
        from loaders import csv as csv_loader

        rows = csv_loader.stage(path, source_id, staged, progress)
        return StagedSource("csv", csv_loader.LOADER_VERSION, rows)
    loaded = load_file(path, source_id, fmt)
    staged.add_graph(loaded.graph)
    if progress:
        progress(1, 1)
    return StagedSource(loaded.loader, loaded.version)


def _checked(path: Path, fmt: str | None) -> str:
    name = loader_name(path, fmt)
    if not path.is_file():
        raise InputError("no such file; check the path", path=str(path))
    if path.stat().st_size == 0:
        raise InputError("the file is empty; nothing to load", path=str(path))
    return name


def load_file(path: Path, source_id: str, fmt: str | None = None) -> Loaded:
    """Parse one file into a graph with the loader its extension (or ``fmt``) names."""
    name = _checked(path, fmt)
    if name == "rdf":
        return Loaded(rdf.load(path, fmt), "rdf", rdf.LOADER_VERSION)
    if name == "csv":
        from loaders import csv as csv_loader

        return Loaded(csv_loader.load(path, source_id), "csv", csv_loader.LOADER_VERSION)
    from loaders import text

    return Loaded(text.load(path, source_id), "text", text.LOADER_VERSION)
