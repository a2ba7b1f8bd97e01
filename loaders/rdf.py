"""Reads RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) into one graph.

Quads of every graph in a TriG or N-Quads file land in the one graph of the
source: a source is the unit that is validated and replaced. An integer
observation value (Turtle ``12``) is read as the decimal 12. Quads of the ontology
graph (in a dump made by ``zonegraph export``) are skipped: every store has the
ontology already, and a source may not describe its code lists.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.ttl"
>>> _ = p.write_text('<http://ex/a> <http://ex/p> "1" .')
>>> len(load(p))
1
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import XSD, Dataset, Graph, Literal, URIRef

from kg import iris
from kg.errors import InputError

LOADER_VERSION = "2"  # integer observation values read as decimals; dumps skip the ontology

# --format name -> rdflib parser name
FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "trig": "trig",
    "ntriples": "nt",
    "nquads": "nquads",
    "jsonld": "json-ld",
    "rdfxml": "xml",
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
_QUADS = {"trig", "nquads"}


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
    name = format_of(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", path=str(path)) from e
    if not data.strip():
        raise InputError("the file is empty; nothing to load", path=str(path))
    graph = Graph()
    try:
        if name in _QUADS:
            ds = Dataset()
            ds.parse(data=data, format=FORMATS[name])
            for s, p, o, g in ds.quads((None, None, None, None)):
                if str(g) != iris.ONTOLOGY_GRAPH:
                    graph.add((s, p, o))
        else:
            graph.parse(data=data, format=FORMATS[name])
    except Exception as e:  # rdflib raises many types; all mean "not valid RDF"
        message, line, column = _syntax_error(data, name, e)
        raise InputError(
            f"not valid {name}: {message}", path=str(path), line=line, column=column
        ) from e
    _decimal_values(graph)
    return graph


_OBS_VALUE = URIRef(iris.PREFIXES["sdmx-measure"] + "obsValue")
_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger}


def _decimal_values(graph: Graph) -> None:
    # Turtle writes 12 as an xsd:integer; observation values are xsd:decimal (the shapes
    # and the Data Cube ranges say so), and 12 means the decimal 12, so it is read as one.
    for s, o in list(graph.subject_objects(_OBS_VALUE)):
        if isinstance(o, Literal) and o.datatype in _INTEGERS and not o.ill_typed:
            graph.remove((s, _OBS_VALUE, o))
            graph.add((s, _OBS_VALUE, Literal(Decimal(str(o)), datatype=XSD.decimal)))


_OX_FORMATS = {
    "turtle": "text/turtle",
    "trig": "application/trig",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def _syntax_error(data: bytes, name: str, e: Exception) -> tuple[str, int | None, int | None]:
    """Message, line and column of a syntax error.

    rdflib's messages rarely name a position; Oxigraph's parser does, so ask it.
    """
    import pyoxigraph

    try:
        for _ in pyoxigraph.parse(data, pyoxigraph.RdfFormat.from_media_type(_OX_FORMATS[name])):
            pass
    except SyntaxError as ox_error:
        message = ox_error.msg.split(": ", 1)[-1] if ": " in ox_error.msg else ox_error.msg
        return message, ox_error.lineno, ox_error.offset
    except Exception:  # fall back to rdflib's own words below
        pass
    text = str(getattr(e, "_why", "") or e).strip() or type(e).__name__
    line = getattr(e, "lines", None)
    return text.splitlines()[0][:300], (line + 1 if isinstance(line, int) else None), None
