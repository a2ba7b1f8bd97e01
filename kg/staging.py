"""The staging area: a source's triples streamed to an N-Triples file on disk before validation.

A loader writes its triples in batches (engine quads or small rdflib graphs) into
a :class:`Staged` file: each distinct triple once, in the engine's canonical
N-Triples, so that the file's count is the count of the graph it becomes. The
validator reads the file through :class:`StagedGraph`, a streaming view; the store
commits it by loading the file (kg.store). Nothing of a large source is ever held
in memory as a graph.

>>> import tempfile
>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph()
>>> _ = g.add((URIRef("http://ex/a"), URIRef("http://ex/p"), Literal("1")))
>>> with Staged.create(Path(tempfile.mkdtemp())) as staged:
...     staged.add_graph(g), staged.add_graph(g)
(1, 0)
>>> staged.triples, [str(o) for _, _, o in staged.graph()]
(1, ['1'])
>>> staged.discard()
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Literal
from rdflib.term import Node

from kg.store import from_rdflib, to_rdflib

NTRIPLES = ox.RdfFormat.N_TRIPLES


class Staged:
    """One source's triples in an N-Triples file of the staging area; a context manager.

    Leaving the ``with`` block closes (and syncs) the file; on an exception the
    file is removed: a source that fails to load leaves nothing behind.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.triples = 0
        self._out = path.open("wb")
        # 16-byte digests of the lines written: the distinct count without the lines.
        self._seen: set[bytes] | None = set()
        # What the checks after validation need of the source (kg.validation.CROSS_SOURCE),
        # collected by the validator in its one pass over the file; None until then.
        self.cross_source: dict[str, list] | None = None

    @classmethod
    def create(cls, directory: Path | None = None) -> Staged:
        """A new, empty staged file in ``directory`` (a temporary directory when None)."""
        if directory is None:
            directory = Path(tempfile.gettempdir())
        directory.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="stage-", suffix=".nt", dir=directory)
        os.close(fd)
        return cls(Path(name))

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, kind, *exc: object) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()

    def add_quads(self, quads: Iterable[ox.Quad | ox.Triple]) -> int:
        """Write the triples of ``quads`` (their graph is ignored); returns how many were new."""
        return self._write(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)

    def add_graph(self, graph: Iterable[tuple[Node, Node, Node]]) -> int:
        """Write the triples of an rdflib graph (a loader's batch, or any iterable of rdflib
        triples); returns how many were new."""
        # The N-Triples form of each IRI and blank node is worked out once per batch
        # (predicates, classes, units and areas recur); literals are converted each time.
        names: dict[Node, str] = {}

        def text(t: Node) -> str:
            if isinstance(t, Literal):
                return str(from_rdflib(t))
            found = names.get(t)
            if found is None:
                found = names[t] = str(from_rdflib(t))
            return found

        return self._write(f"{text(s)} {text(p)} {text(o)} .\n" for s, p, o in graph)

    def _write(self, lines: Iterable[str]) -> int:
        seen = self._seen
        if seen is None:
            raise ValueError(f"{self.path} is closed")
        out = []
        for line in lines:
            data = line.encode()
            key = hashlib.blake2b(data, digest_size=16).digest()
            if key not in seen:
                seen.add(key)
                out.append(data)
        self._out.write(b"".join(out))
        self.triples += len(out)
        return len(out)

    def close(self) -> None:
        """Finish writing: the file is synced to disk, so a commit can rely on it."""
        if self._seen is None:
            return
        self._out.flush()
        os.fsync(self._out.fileno())
        self._out.close()
        self._seen = None

    def discard(self) -> None:
        """Remove the staged file."""
        if not self._out.closed:
            self._out.close()
        self._seen = None
        self.path.unlink(missing_ok=True)

    def quads(self) -> Iterator[ox.Quad]:
        """The staged triples, read back from the file (as quads of the default graph)."""
        return iter(ox.parse(path=str(self.path), format=NTRIPLES))

    def graph(self) -> StagedGraph:
        """A read-only, streaming view of the staged triples for the validators."""
        return StagedGraph(self)

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


class StagedGraph:
    """The part of rdflib's Graph API that the validators read, over a staged file.

    Iterating parses the file again and yields rdflib terms; nothing is kept.
    :meth:`quads` gives the engine's own terms, without the detour through rdflib.
    """

    def __init__(self, staged: Staged) -> None:
        self._staged = staged

    def __len__(self) -> int:
        return self._staged.triples

    def ntriples_path(self) -> Path:
        """The staged file: N-Triples, each triple once (the engine parses it itself)."""
        return self._staged.path

    @property
    def cross_source(self) -> dict[str, list] | None:
        """What the validator collected of this source for the checks after it (or None)."""
        return self._staged.cross_source

    @cross_source.setter
    def cross_source(self, found: dict[str, list] | None) -> None:
        self._staged.cross_source = found

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return self.triples((None, None, None))

    def quads(self, graph: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
        """The staged triples as engine quads of ``graph``."""
        for q in self._staged.quads():
            yield ox.Quad(q.subject, q.predicate, q.object, graph)

    def triples(self, pattern: tuple) -> Iterator[tuple[Node, Node, Node]]:
        s, p, o = (None if t is None else from_rdflib(t) for t in pattern)
        term = _converter()
        for q in self._staged.quads():
            if (
                (s is None or q.subject == s)
                and (p is None or q.predicate == p)
                and (o is None or q.object == o)
            ):
                yield term(q.subject), term(q.predicate), term(q.object)

    def subjects(
        self, predicate: Node | None = None, object: Node | None = None, unique: bool = False
    ) -> Iterator[Node]:
        p, o = (None if t is None else from_rdflib(t) for t in (predicate, object))
        term, seen = _converter(), set()
        for q in self._staged.quads():
            if (p is None or q.predicate == p) and (o is None or q.object == o):
                if unique:
                    if q.subject in seen:
                        continue
                    seen.add(q.subject)
                yield term(q.subject)

    def namespaces(self) -> Iterator[tuple[str, str]]:
        return iter(())


def _converter():
    """Engine term -> rdflib term; IRIs recur (predicates, classes, units): converted once."""
    names: dict[object, Node] = {}

    def term(t) -> Node:
        found = names.get(t)
        if found is None:
            found = _plain(to_rdflib(t))
            if not isinstance(t, ox.Literal):
                names[t] = found
        return found

    return term


def _plain(node: Node) -> Node:
    # rdflib reads "x" of N-Triples as a plain literal; the validators expect the same.
    if isinstance(node, Literal) and node.datatype == XSD.string:
        return Literal(str(node))
    return node
