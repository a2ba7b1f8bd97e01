"""One query job: run it on a store, serialise the answer with the engine, enforce the limits.

The same code runs in a query worker process and, for stores that cannot be
snapshotted, in a thread of the server process. It never loops over
solutions in Python: the engine serialises into a writer that refuses to
grow past the byte limit, and rows are counted in the serialised bytes.

>>> from kg.store import open_store
>>> store = open_store(None)
>>> store.replace_graphs({"http://ex/g": b'<http://ex/a> <http://ex/p> "1" .'})
>>> job = QueryJob("SELECT ?o WHERE { ?s ?p ?o }", result_type="text/csv")
>>> answer = run_job(store, job)
>>> answer.status, answer.body
(200, b'o\\r\\n1\\r\\n')
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import ClassVar, Protocol

from kg.errors import QueryError, StoreError, ZonegraphError
from kg.store import OxigraphStore, Store, convert_rdf, open_store
from server.negotiation import FORMAT_OF_TYPE, RDF_TYPES, SOLUTION_TYPES


@dataclass(frozen=True)
class QueryJob:
    """What to run and how to answer: the media type chosen for each kind of result.

    ``result_type`` is for SELECT/ASK and ``graph_type`` for CONSTRUCT/DESCRIBE;
    None means the client accepts no type for that kind (406).
    """

    sparql: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    result_type: str | None = "application/sparql-results+json"
    graph_type: str | None = "text/turtle"
    max_rows: int = 0
    max_bytes: int = 0  # 0: no limit
    base_iri: str | None = None
    calls_out: bool = False  # SERVICE to an allow-listed endpoint: never echo what it said


@dataclass(frozen=True)
class Wording:
    """What a pool's 503 answers call its work, its settings, and what to do instead."""

    work: str = "query"
    workers: str = "ZONEGRAPH_MAX_CONCURRENT_QUERIES"
    timeout: str = "ZONEGRAPH_QUERY_TIMEOUT"
    queued: str = "ZONEGRAPH_MAX_QUEUED_QUERIES"
    memory: str = "ZONEGRAPH_QUERY_MEMORY"
    advice: str = (
        "make it more selective (add LIMIT, bind variables, avoid cartesian products "
        "and long OPTIONAL chains)"
    )


QUERIES = Wording()


class Job(Protocol):
    """Work other than a query for a worker process (server/workers.py).

    A picklable value whose ``run(store)``, in the worker, gives the HTTP-ready
    answer; ``store`` is the worker's read-only snapshot (None in a pool without one).
    """

    def run(self, store: Store | None = None) -> QueryAnswer: ...


def perform(store: Store | None, job: QueryJob | Job) -> QueryAnswer:
    """Answer a query job or any other Job on ``store`` (what a worker does with each)."""
    if isinstance(job, QueryJob):
        if store is None:
            return error(500, "this pool has no store to query")
        return run_job(store, job)
    return job.run(store)


# What a client is told when a remote endpoint failed: its body may be an internal page.
REMOTE_FAILED = (
    "a SERVICE or LOAD endpoint of the request failed or answered something unreadable; "
    "its answer is not shown"
)


@dataclass(frozen=True)
class QueryAnswer:
    """An HTTP-ready answer: status, media type, body, and headers of its own (Retry-After)."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def error(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> QueryAnswer:
    """A plain-text error answer."""
    body = (message.rstrip() + "\n").encode()
    return QueryAnswer(status, "text/plain; charset=utf-8", body, headers)


class _TooLarge(Exception):
    """The serialised answer passed the byte limit."""


class _CappedWriter(io.BytesIO):
    """Where the engine writes an answer; stops it (raises _TooLarge) past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data) -> int:
        if self.limit and self.tell() + len(data) > self.limit:
            raise _TooLarge
        return super().write(data)


def _serialised(result, fmt: str, limit: int) -> bytes:
    writer = _CappedWriter(limit)
    result.serialize(fmt, writer)
    return writer.getvalue()


def _too_large(limit: int) -> QueryAnswer:
    return error(
        413,
        f"the result is larger than {limit} bytes, the limit of this server "
        "(ZONEGRAPH_MAX_RESULT_BYTES); select fewer or shorter values, or page with "
        "LIMIT and OFFSET",
    )


@dataclass(frozen=True)
class UpdateTrial:
    """A SPARQL update run first on a writable copy of the store, in a worker (a Job).

    The engine can crash (a segfault) or run away on an update; on the copy, in a
    worker, that costs the worker only, and the server applies the update to the
    store itself only once the trial came through (204).
    """

    copy: str  # a checkpoint of the store, which the trial may change and then drop
    update: str
    base_iri: str | None = None
    calls_out: bool = False
    wording: ClassVar[Wording] = Wording(
        work="update", advice="make its WHERE more selective, or split it"
    )
    # What the client is told when the trial's worker died (not at a limit).
    crashed: ClassVar[tuple[int, str]] = (
        400,
        "the update crashed the query engine when it was tried on a copy of the store; "
        "nothing was changed: simplify it (fewer nested parentheses or groups)",
    )

    def run(self, store: Store | None = None) -> QueryAnswer:
        store = open_store(self.copy)  # the copy, not the worker's read-only snapshot
        try:
            store.update(self.update, **base_of(store, self.base_iri))
        except QueryError as e:
            if self.calls_out and "malformed" not in str(e):
                return error(502, REMOTE_FAILED)
            return error(400, str(e))
        except StoreError as e:
            return error(502, REMOTE_FAILED) if self.calls_out else error(500, str(e))
        finally:
            store.close()
        return QueryAnswer(204, "text/plain; charset=utf-8", b"")


class _CappedFile:
    """A binary file the engine writes a dump into; raises _TooLarge past ``limit`` bytes."""

    def __init__(self, file, limit: int) -> None:
        self.file, self.limit, self.size = file, limit, 0

    def write(self, data) -> int:
        self.size += len(data)
        if self.limit and self.size > self.limit:
            raise _TooLarge
        return self.file.write(data)

    def flush(self) -> None:
        self.file.flush()


@dataclass(frozen=True)
class DumpJob:
    """The whole dataset as quads (a Job): the worker writes it into ``path``, which the
    server then streams, under the limits of queries (rows are quads here).
    """

    path: str
    fmt: str  # "nquads" or "trig"
    media: str
    max_rows: int = 0
    max_bytes: int = 0
    wording: ClassVar[Wording] = Wording(
        work="dump", advice="download the prebuilt dumps listed at /catalog instead"
    )

    def run(self, store: Store | None = None) -> QueryAnswer:
        if store is None:
            return error(500, "this pool has no store to dump")
        quads = store.count()
        if self.max_rows and quads > self.max_rows:
            return error(413, _DUMP_TOO_LARGE.format(f"{quads} quads"))
        try:
            with open(self.path, "wb") as file:
                store.export(self.fmt, _CappedFile(file, self.max_bytes))
        except _TooLarge:
            return error(413, _DUMP_TOO_LARGE.format(f"more than {self.max_bytes} bytes"))
        return QueryAnswer(200, _with_charset(self.media), b"")


_DUMP_TOO_LARGE = (
    "the whole dataset is {}, over the limits of this server (ZONEGRAPH_MAX_RESULT_ROWS, "
    "ZONEGRAPH_MAX_RESULT_BYTES); download the prebuilt dumps listed at /catalog "
    "(/dumps/zonegraph.nq.gz), or read one graph with ?graph="
)


def run_job(store: Store, job: QueryJob) -> QueryAnswer:
    """Run ``job`` on ``store``; every failure becomes an answer with the right status."""
    try:
        result = store.query(
            job.sparql,
            default_graphs=job.default_graphs,
            named_graphs=job.named_graphs,
            **base_of(store, job.base_iri),
        )
        if result.kind == "graph":
            return _graph_answer(result, job)
        return _solutions_answer(result, job)
    except _TooLarge:
        return _too_large(job.max_bytes)
    except QueryError as e:
        # Oxigraph reports a syntax error on parse and evaluation errors lazily.
        if "malformed" in str(e):
            return error(400, str(e))
        return error(502, REMOTE_FAILED) if job.calls_out else error(500, str(e))
    except (ZonegraphError, OSError, ValueError) as e:
        if job.calls_out:
            return error(502, REMOTE_FAILED)
        return error(500, f"the query failed: {e}")


def base_of(store: Store, base_iri: str | None) -> dict:
    """The ``base_iri`` argument for ``store``, when its engine resolves relative IRIs here.

    A remote store resolves them against its own endpoint, so it gets none.
    """
    return {"base_iri": base_iri} if base_iri and isinstance(store, OxigraphStore) else {}


def _too_many(rows: int, limit: int) -> QueryAnswer:
    return error(
        413,
        f"the result has more than {limit} rows, the limit of this server "
        "(ZONEGRAPH_MAX_RESULT_ROWS); add LIMIT and OFFSET to page through it",
    )


def _solutions_answer(result, job: QueryJob) -> QueryAnswer:
    media = job.result_type
    if media is None:
        return error(406, "no acceptable media type for SELECT/ASK results; " + _offer("results"))
    fmt = FORMAT_OF_TYPE[media]
    body = _serialised(result, fmt, job.max_bytes)
    if job.max_rows and result.kind == "solutions":
        rows = _count_rows(body, fmt)
        if rows > job.max_rows:
            return _too_many(rows, job.max_rows)
    return QueryAnswer(200, _with_charset(media), body)


def _graph_answer(result, job: QueryJob) -> QueryAnswer:
    media = job.graph_type
    if media is None:
        return error(406, "no acceptable RDF media type for CONSTRUCT/DESCRIBE; " + _offer("rdf"))
    fmt = FORMAT_OF_TYPE[media]
    if not job.max_rows:
        return QueryAnswer(200, _with_charset(media), _serialised(result, fmt, job.max_bytes))
    # N-Triples has one triple per line, so the engine's output counts itself. It is
    # longer than the other formats: allowed 4 times the limit on the way, no more.
    ntriples = _serialised(result, "ntriples", 4 * job.max_bytes)
    triples = ntriples.count(b"\n")
    if triples > job.max_rows:
        return _too_many(triples, job.max_rows)
    body = convert_rdf(ntriples, "ntriples", fmt)
    if job.max_bytes and len(body) > job.max_bytes:
        raise _TooLarge
    return QueryAnswer(200, _with_charset(media), body)


def _count_rows(body: bytes, fmt: str) -> int:
    """Rows in serialised results: exact for TSV and XML, an upper bound for JSON and CSV."""
    if fmt == "tsv":
        return body.count(b"\n") - 1
    if fmt == "xml":
        return body.count(b"<result>")
    if fmt == "csv":
        return body.count(b"\r\n") - 1
    # JSON: "},{" separates two solutions; inside a literal it only makes the bound looser.
    if b'"bindings":[]' in body:
        return 0
    return body.count(b"},{") + 1


def _with_charset(media: str) -> str:
    if media in ("text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples"):
        return media + "; charset=utf-8"
    return media


def _offer(kind: str) -> str:
    offered = SOLUTION_TYPES if kind == "results" else RDF_TYPES
    return "this server offers " + ", ".join(offered)
