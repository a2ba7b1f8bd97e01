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
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg import iris, model
from kg.errors import InputError
from kg.staging import Staged
from kg.store import rdflib_converter, to_rdflib

# 2: integer observation values read as decimals; dumps skip the ontology. 3: Oxigraph's parser.
# 4: observations in their topic's data set.
LOADER_VERSION = "4"

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


def stage_graph(graph: Iterable, staged: Staged) -> None:
    """Stage an rdflib graph's triples as a file is staged: observations in their topic's
    data set (:func:`in_topic_datasets`). Graph Store bodies and ``ingest_graph`` use it."""
    term = rdflib_converter()
    staged.add_quads(in_topic_datasets(ox.Triple(term(s), term(p), term(o)) for s, p, o in graph))


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
    datasets = _TopicDatasets()
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
            if datasets.holds(q):
                continue
            yield _decimal_value(q)
        yield from datasets.quads()
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


_QB = iris.PREFIXES["qb"]
_DATASET_OF = ox.NamedNode(_QB + "dataSet")
_INDICATOR = ox.NamedNode(iris.DZ + "indicator")
_REF_PERIOD = ox.NamedNode(iris.PREFIXES["sdmx-dimension"] + "refPeriod")
_MODALITY = ox.NamedNode(iris.DZ + "modality")
_PLANNED = ox.NamedNode(iris.ID + "modality/planned")
_DERIVED_FROM = ox.NamedNode(iris.PREFIXES["prov"] + "wasDerivedFrom")
_DATASETS = iris.ID + "dataset/"
_WATCHED = (_DATASET_OF, _INDICATOR, _REF_PERIOD, _MODALITY)


def in_topic_datasets(quads: Iterable[ox.Quad | ox.Triple]) -> Iterator[ox.Quad | ox.Triple]:
    """``quads`` with every observation in its topic's data set (see the module's doc): the
    quads as they come, the data set links and descriptions after the last one.

    kg.ingest passes the bodies of Graph Store Protocol writes through it, as files are.
    """
    datasets = _TopicDatasets()
    for q in quads:
        if not datasets.holds(q):
            yield q
    yield from datasets.quads()


class _TopicDatasets:
    """Holds back each observation's qb:dataSet and the file's descriptions of zonegraph's
    data sets, and gives, once the file is read, the observations' topic data sets instead.

    What it keeps per observation is its declared data set, indicator, and whether it has a
    period and is planned: a few terms, not the observation.
    """

    def __init__(self) -> None:
        self._observations: dict[ox.NamedNode | ox.BlankNode, list] = {}
        self._described: dict[ox.NamedNode, list[ox.Quad]] = {}

    def holds(self, q: ox.Quad) -> bool:
        """Whether the quad is held back (given again, or replaced, by :meth:`quads`)."""
        s, p = q.subject, q.predicate
        if isinstance(s, ox.NamedNode) and s.value.startswith(_DATASETS):
            self._described.setdefault(s, []).append(q)
            return True
        if p not in _WATCHED:
            return False
        seen = self._observations.setdefault(s, [None, None, False, False])
        if p == _DATASET_OF:
            seen[0] = q.object
            return True
        if p == _INDICATOR:
            seen[1] = q.object
        elif p == _REF_PERIOD:
            seen[2] = True
        elif q.object == _PLANNED:
            seen[3] = True
        return False

    def quads(self) -> list[ox.Quad]:
        """Each observation's qb:dataSet, and the descriptions of the data sets they are in."""
        out: list[ox.Quad] = []
        topics: dict[ox.NamedNode, tuple] = {}
        derived: dict[ox.NamedNode, set] = {}
        kept: set = set()
        for obs, (declared, indicator, stated, planned) in self._observations.items():
            if declared is None:
                continue  # not in a data set: the shapes say so (Data Cube IC-1)
            target = declared
            if isinstance(indicator, ox.NamedNode) and model.indicator_concept(indicator.value):
                topic = model.topic_of(indicator.value)
                node = model.dataset_of(indicator.value, period_stated=stated, planned=planned)
                target = ox.NamedNode(str(node))
                topics[target] = (topic, stated, planned)
                derived.setdefault(target, set()).update(self._derivations(declared))
            else:
                kept.add(declared)
            out.append(ox.Quad(obs, _DATASET_OF, target, ox.DefaultGraph()))
        for dataset in kept:
            out += self._described.get(dataset, [])
        g = Graph()
        for topic, stated, planned in topics.values():
            model.add_dataset(g, topic, None, period_stated=stated, planned=planned)
        term = rdflib_converter()
        out += [ox.Quad(term(s), term(p), term(o), ox.DefaultGraph()) for s, p, o in g]
        for target, sources in derived.items():
            out += [ox.Quad(target, _DERIVED_FROM, src, ox.DefaultGraph()) for src in sources]
        return out

    def _derivations(self, dataset) -> list:
        return [q.object for q in self._described.get(dataset, []) if q.predicate == _DERIVED_FROM]
