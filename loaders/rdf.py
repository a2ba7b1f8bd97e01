"""Reads RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) into one graph.

Quads of every graph in a TriG or N-Quads file land in the one graph of the
source: a source is the unit that is validated and replaced. An integer
observation value (Turtle ``12``) is read as the decimal 12. Quads of the ontology
graph (in a dump made by ``zonegraph export``) are skipped: every store has the
ontology already, and a source may not describe its code lists.

The file is read by Oxigraph's streaming parser: :func:`stage` writes it into
the staging area in batches and never holds it as a graph; :func:`load` gives
a (small) file as an rdflib graph.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.ttl"
>>> _ = p.write_text('<http://ex/a> <http://ex/p> "1" .')
>>> len(load(p))
1
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg import iris
from kg.errors import InputError
from kg.staging import Staged
from kg.store import to_rdflib

# 2: integer observation values read as decimals; dumps skip the ontology. 3: Oxigraph's parser.
LOADER_VERSION = "3"

# --format name -> media type of the parser
FORMATS: dict[str, str] = {
    "turtle": "text/turtle",
    "trig": "application/trig",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
}


def format_of(path: Path, fmt: str | None = None) -> str:
    """The --format name for a file: given, or from its extension."""
    if fmt:
        if fmt not in FORMATS:
            raise InputError(
                f"unknown RDF format {fmt!r}; use one of {', '.join(FORMATS)}", path=str(path)
            )
        return fmt
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        raise InputError(
            f"cannot tell the RDF format from {path.suffix!r}; pass --format", path=str(path)
        ) from None


def load(path: Path, fmt: str | None = None) -> Graph:
    """Parse an RDF file into a graph; syntax errors name the line (and column) when known."""
    graph = Graph()
    for q in _read(path, fmt):
        graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph


BATCH = 50_000


def stage(
    path: Path,
    staged: Staged,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Stream an RDF file into ``staged`` in batches; ``progress`` gets (bytes read, bytes)."""
    batch: list[ox.Quad] = []
    size = path.stat().st_size
    with _open(path) as f:
        for q in _read(path, fmt, f):
            batch.append(q)
            if len(batch) == BATCH:
                staged.add_quads(batch)
                batch.clear()
                if progress:
                    progress(f.tell(), size)
        staged.add_quads(batch)
        if progress:
            progress(f.tell(), size)


def _open(path: Path):
    try:
        return path.open("rb")
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", path=str(path)) from e


def _read(path: Path, fmt: str | None = None, stream=None) -> Iterator[ox.Quad]:
    """The quads a source keeps, in file order; InputError on a syntax error."""
    name = format_of(path, fmt)
    if stream is None:
        with _open(path) as f:
            yield from _read(path, fmt, f)
        return
    empty = True
    try:
        quads = ox.parse(
            stream,
            ox.RdfFormat.from_media_type(FORMATS[name]),
            rename_blank_nodes=True,
        )
        for q in quads:
            empty = False
            graph = q.graph_name
            if isinstance(graph, ox.NamedNode) and graph.value == iris.ONTOLOGY_GRAPH:
                continue
            yield _decimal_value(q)
    except SyntaxError as e:
        message = e.msg.split(": ", 1)[-1] if ": " in e.msg else e.msg
        raise InputError(
            f"not valid {name}: {message}", path=str(path), line=e.lineno, column=e.offset
        ) from e
    if empty and not _has_content(path):
        raise InputError("the file is empty; nothing to load", path=str(path))


def _has_content(path: Path) -> bool:
    with path.open("rb") as f:
        return any(line.strip() for line in f)


_OBS_VALUE = ox.NamedNode(iris.PREFIXES["sdmx-measure"] + "obsValue")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger")}
_DECIMAL = ox.NamedNode(_XSD + "decimal")
_INTEGER_FORM = re.compile(r"[+-]?[0-9]+")


def _decimal_value(q: ox.Quad) -> ox.Quad:
    # Turtle writes 12 as an xsd:integer; observation values are xsd:decimal (the shapes
    # and the Data Cube ranges say so), and 12 means the decimal 12, so it is read as one.
    o = q.object
    if (
        q.predicate == _OBS_VALUE
        and isinstance(o, ox.Literal)
        and o.datatype.value in _INTEGERS
        and _INTEGER_FORM.fullmatch(o.value)
    ):
        value = ox.Literal(str(Decimal(o.value)), datatype=_DECIMAL)
        return ox.Quad(q.subject, q.predicate, value, q.graph_name)
    return q
