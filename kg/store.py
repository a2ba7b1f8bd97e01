"""Store backends behind one interface: the embedded on-disk Oxigraph store first.

Nothing above this module touches pyoxigraph types: callers pass SPARQL text
and RDF bytes, and get bytes (serialised by the engine) or rdflib terms back.

>>> store = open_store(None)   # in memory
>>> store.replace_graphs({"http://example.org/g": b'<http://ex/a> <http://ex/p> "1" .'})
>>> store.select("SELECT ?o WHERE { ?s ?p ?o }")[0]["o"].toPython()
'1'
>>> store.count()
1
"""

from __future__ import annotations

import abc
import contextlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError

# Result formats by short name -> media type.
RESULT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
# RDF formats by short name -> media type.
RDF_FORMATS: dict[str, str] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "n3": "text/n3",
}
QUAD_FORMATS = {"nquads", "trig"}
# A FROM / FROM NAMED clause followed by an IRI or a prefixed name.
DATASET_CLAUSE = re.compile(r"\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z][\w.-]*:|:)", re.IGNORECASE)


@dataclass
class QueryResult:
    """The answer to a query: ``kind`` is "solutions", "boolean" or "graph".

    ``serialize(fmt)`` writes it with the engine's own serialiser (a short
    name from RESULT_FORMATS/RDF_FORMATS); ``rows()`` and ``triples()`` give
    rdflib terms for Python callers.
    """

    kind: str
    _result: Any
    variables: list[str]

    def serialize(self, fmt: str, output: IO[bytes] | None = None) -> bytes | None:
        """Serialise with the engine; returns bytes when no output stream is given."""
        if self.kind == "graph":
            return self._result.serialize(output, _rdf_format(fmt))
        if fmt not in RESULT_FORMATS:
            raise QueryError(
                f"cannot write {self.kind} results as {fmt!r}; "
                f"use one of {', '.join(RESULT_FORMATS)}"
            )
        return self._result.serialize(
            output, ox.QueryResultsFormat.from_media_type(RESULT_FORMATS[fmt])
        )

    def _solutions(self) -> Any:
        """The engine's solutions (or boolean); backends that fetch bytes parse them here."""
        return self._result

    def rows(self) -> list[dict[str, Node]]:
        """SELECT solutions as dicts of rdflib terms (unbound variables are left out)."""
        if self.kind != "solutions":
            raise QueryError("rows() needs a SELECT query")
        out = []
        for solution in self._solutions():
            row = {}
            for name in self.variables:
                term = solution[name]
                if term is not None:
                    row[name] = to_rdflib(term)
            out.append(row)
        return out

    def boolean(self) -> bool:
        """The answer of an ASK query."""
        if self.kind != "boolean":
            raise QueryError("boolean() needs an ASK query")
        return bool(self._solutions())

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """CONSTRUCT/DESCRIBE triples as rdflib terms."""
        if self.kind != "graph":
            raise QueryError("triples() needs a CONSTRUCT or DESCRIBE query")
        for t in self._result:
            yield to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)


def to_rdflib(term: Any) -> Node:
    """Convert an engine term to an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def from_rdflib(term: Node) -> Any:
    """Convert an rdflib term to an engine term (the inverse of :func:`to_rdflib`).

    >>> str(from_rdflib(Literal("1", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    '"1"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term if _BNODE_ID.fullmatch(term) else "x" + term.encode().hex())
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(term, language=term.language)
        if term.datatype is not None:
            return ox.Literal(term, datatype=ox.NamedNode(term.datatype))
        return ox.Literal(term)
    raise TypeError(f"not an RDF term: {term!r}")


_BNODE_ID = re.compile(r"[A-Za-z0-9_]+")


def rdflib_converter():
    """:func:`from_rdflib` with a cache, for the terms of one graph (IRIs and values recur)."""
    names: dict[Node, Any] = {}

    def term(t: Node) -> Any:
        found = names.get(t)
        if found is None:
            found = names[t] = from_rdflib(t)
        return found

    return term


def convert_rdf(data: bytes, from_fmt: str, to_fmt: str) -> bytes:
    """Re-serialise RDF between two formats with the engine's parser and serialiser.

    >>> convert_rdf(b'<http://ex/a> <http://ex/p> "1" .\\n', "ntriples", "turtle")
    b'<http://ex/a> <http://ex/p> "1" .\\n'
    """
    if from_fmt == to_fmt:
        return data
    try:
        quads = ox.parse(data, _rdf_format(from_fmt))
        return ox.serialize(quads, None, _rdf_format(to_fmt))
    except SyntaxError as e:
        raise QueryError(f"cannot read {from_fmt}: {e}") from e


def _rdf_format(fmt: str) -> ox.RdfFormat:
    if fmt not in RDF_FORMATS:
        raise QueryError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    return ox.RdfFormat.from_media_type(RDF_FORMATS[fmt])


class Store(abc.ABC):
    """What zonegraph needs of a quad store; the default graph of queries is the union."""

    location: str

    @abc.abstractmethod
    def query(
        self,
        sparql: str,
        *,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; with no dataset given the default graph is the union of all."""

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction."""

    @abc.abstractmethod
    def replace_graphs(self, graphs: dict[str, bytes], *, then: str = "") -> None:
        """Atomically replace each named graph by the N-Triples given for it.

        ``then`` is a SPARQL update run in the same transaction (catalogue records).
        """

    def replace_graph_from(
        self, graph: str, ntriples: Path, *, triples: int, then: str = ""
    ) -> None:
        """Atomically replace a named graph by the N-Triples file ``ntriples`` (a staged source).

        ``triples`` is the number of distinct triples in the file. Backends that cannot
        stream a file read it into memory and call :meth:`replace_graphs`.
        """
        self.replace_graphs({graph: ntriples.read_bytes()}, then=then)

    def staging_dir(self) -> Path | None:
        """Where sources are staged before they are committed (None: a temporary directory)."""
        return None

    @abc.abstractmethod
    def add_to_graph(self, graph: str, ntriples: bytes) -> None:
        """Atomically add N-Triples to a named graph."""

    @abc.abstractmethod
    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""

    @abc.abstractmethod
    def count(self, graph: str | None = None) -> int:
        """Number of quads in the store, or triples in one named graph."""

    @abc.abstractmethod
    def export(
        self, fmt: str, output: IO[bytes] | None = None, *, graph: str | None = None
    ) -> bytes | None:
        """Write the store (quads) or one graph (triples) in an RDF format."""

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release the store."""

    def snapshot(self, directory: str | Path) -> None:
        """Write a consistent, independent read-only copy of the store into a new directory.

        The server's query workers open such copies, so that no process ever
        reads a directory that another one is writing. Backends that cannot
        do this raise StoreError; the server then runs queries in threads.
        """
        raise StoreError(f"the store at {self.location} cannot be snapshotted")

    def select(self, sparql: str) -> list[dict[str, Node]]:
        """Convenience: run a SELECT and return rows of rdflib terms."""
        return self.query(sparql).rows()

    def ask(self, sparql: str) -> bool:
        """Convenience: run an ASK."""
        return self.query(sparql).boolean()

    def drop_graph(self, graph: str) -> None:
        """Remove a named graph (no error if absent)."""
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def is_empty(self) -> bool:
        return self.count() == 0

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class OxigraphStore(Store):
    """The embedded Oxigraph store: on disk at ``path``, or in memory when path is None."""

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        self.location = str(path) if path else ":memory:"
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as e:
            raise StoreError(
                f"cannot open the store at {path}: {e}. Is another zonegraph process "
                "writing to it? Stop it, or pass another --store."
            ) from e
        if path is not None and not read_only:
            self._recover()

    def query(
        self, sparql, *, default_graphs=None, named_graphs=None, base_iri: str | None = None
    ) -> QueryResult:
        """As Store.query; ``base_iri`` resolves relative IRIs (the server passes its endpoint)."""
        kwargs: dict[str, Any] = {"base_iri": base_iri} if base_iri else {}
        if default_graphs is not None:
            kwargs["default_graph"] = [_graph_node(g) for g in default_graphs]
        elif not DATASET_CLAUSE.search(sparql):
            # The union flag would override a FROM clause; the query's own dataset wins.
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            result = self._store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise QueryError(f"malformed query: {e}") from e
        except OSError as e:
            raise QueryError(f"query failed: {e}") from e
        if isinstance(result, ox.QuerySolutions):
            return QueryResult("solutions", result, [v.value for v in result.variables])
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("boolean", result, [])
        return QueryResult("graph", result, [])

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """As Store.update; ``base_iri`` resolves relative IRIs (the server passes its endpoint)."""
        self._writable()
        try:
            self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as e:
            raise QueryError(f"malformed update: {e}") from e
        except RuntimeError as e:  # the engine's evaluation errors, e.g. DROP of an absent graph
            raise QueryError(f"the update failed: {e}") from e
        except OSError as e:
            raise StoreError(f"update failed: {e}") from e

    def replace_graphs(self, graphs: dict[str, bytes], *, then: str = "") -> None:
        # One SPARQL update is one transaction in Oxigraph: readers and a crash
        # see either the old graphs or the new ones, never a mix.
        parts = []
        for graph, data in graphs.items():
            parts.append(f"DROP SILENT GRAPH <{graph}>")
            if data.strip():
                parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{data.decode('utf-8')}\n}} }}")
        if then:
            parts.append(then)
        if parts:
            self.update(" ;\n".join(parts))

    def staging_dir(self) -> Path | None:
        if self.location == ":memory:":
            return None
        store = Path(self.location).resolve()
        return store.with_name(store.name + ".staging")

    def replace_graph_from(
        self, graph: str, ntriples: Path, *, triples: int, then: str = ""
    ) -> None:
        # Small sources: one SPARQL update, one transaction. Oxigraph's transactions cost
        # about six times a bulk load per quad and hold all of it in memory, so a large
        # source is bulk-loaded under a commit journal instead (see _bulk_replace).
        if triples <= TRANSACTION_TRIPLES:
            super().replace_graph_from(graph, ntriples, triples=triples, then=then)
            return
        self._writable()
        journal = self._journal()
        if journal is not None:
            _write_atomically(
                journal, json.dumps({"graph": graph, "file": str(ntriples), "then": then})
            )
        self._bulk_replace(graph, ntriples, then)
        if journal is not None:
            journal.unlink()

    def _journal(self) -> Path | None:
        staging = self.staging_dir()
        return staging / COMMIT_JOURNAL if staging is not None else None

    def _bulk_replace(self, graph: str, ntriples: Path, then: str) -> None:
        """Drop ``graph``, bulk-load the file into it, run ``then``; safe to run again.

        Once the journal names this commit, a crash anywhere in here is finished by the
        next open of the store (:meth:`_recover`): the graph is dropped again and loaded
        again from the staged file, which stays until the journal is removed.
        """
        node = _graph_node(graph)
        # In bounded transactions: the old graph may be large as well.
        delete = (
            f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o "
            f"WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT {DELETE_BATCH} }} }}"
        )
        while self._store.contains_named_graph(node) and self.count(graph):
            self.update(delete)
        try:
            self._store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES, to_graph=node)
        except (SyntaxError, OSError) as e:
            raise StoreError(f"cannot load {ntriples} into {graph}: {e}") from e
        if then:
            self.update(then)
        self._store.flush()

    def _recover(self) -> None:
        """Finish a commit that a crash interrupted; remove staged files nobody commits."""
        journal = self._journal()
        if journal is None or not journal.parent.is_dir():
            return
        with contextlib.suppress(FileNotFoundError, ValueError, KeyError):
            pending = json.loads(journal.read_text(encoding="utf-8"))
            self._bulk_replace(pending["graph"], Path(pending["file"]), pending["then"])
        journal.unlink(missing_ok=True)
        # The store's lock is held: no other process is staging a source here now.
        for leftover in journal.parent.glob("*"):
            leftover.unlink(missing_ok=True)

    def add_to_graph(self, graph: str, ntriples: bytes) -> None:
        self._writable()
        try:
            self._store.load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=_graph_node(graph))
        except (SyntaxError, OSError) as e:
            raise StoreError(f"cannot add to {graph}: {e}") from e

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        return int(next(iter(self._store.query(q)))["n"].value)

    def export(self, fmt, output=None, *, graph=None):
        rdf_format = _rdf_format(fmt)
        if graph is None and fmt not in QUAD_FORMATS:
            # A triple format of the whole store: the union of all graphs.
            result = self._store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            return result.serialize(output, rdf_format)
        from_graph = _graph_node(graph) if graph is not None else None
        kwargs = {"from_graph": from_graph} if from_graph is not None else {}
        return self._store.dump(output, rdf_format, **kwargs)

    def snapshot(self, directory: str | Path) -> None:
        if self.location == ":memory:":
            raise StoreError("an in-memory store cannot be snapshotted; give the store a directory")
        try:
            # A RocksDB checkpoint: hard links on the same file system, so it is cheap.
            self._store.backup(str(directory))
        except OSError as e:
            raise StoreError(f"cannot snapshot the store at {self.location}: {e}") from e

    def close(self) -> None:
        if not self.read_only and self.location != ":memory:":
            self._store.flush()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")


# Sources up to this many triples are committed in one transaction; larger ones are bulk-loaded.
TRANSACTION_TRIPLES = 10_000
DELETE_BATCH = 20_000
COMMIT_JOURNAL = "commit.json"


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def _graph_node(graph: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph in ("", "default") else ox.NamedNode(graph)


def open_store(location: str | Path | None, *, read_only: bool = False) -> Store:
    """Open a store by location: a directory (embedded Oxigraph) or None (in memory).

    An ``http(s)://`` URL names a remote SPARQL endpoint (see kg.remote, when present).
    """
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        try:
            from kg.remote import RemoteStore  # type: ignore[import-not-found]
        except ImportError as e:
            raise StoreError("remote stores are not supported by this version") from e
        return RemoteStore(location)
    return OxigraphStore(location, read_only=read_only)
