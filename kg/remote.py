"""The remote store backend: any SPARQL 1.1 Protocol + Graph Store Protocol endpoint.

``open_store("http://host:7878/query")`` returns a :class:`RemoteStore` that
speaks HTTP to an engine built for scale (Oxigraph server, Fuseki, GraphDB,
Virtuoso, QLever) and offers exactly the Store interface of the embedded
backend. Queries without a dataset see the union of all named graphs: the
Oxigraph server is asked for it per query; other engines are configured for
it (docs/remote.md lists the setting of each).

>>> store = RemoteStore("http://127.0.0.1:7878/query")
>>> store.update_url, store.gsp_url
('http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
"""

from __future__ import annotations

import logging
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib.term import Node

from kg import iris
from kg.errors import QueryError, StoreError
from kg.store import (
    DATASET_CLAUSE,
    QUAD_FORMATS,
    RDF_FORMATS,
    RESULT_FORMATS,
    QueryResult,
    Store,
    to_rdflib,
)

log = logging.getLogger(__name__)

# Graphs a large load is uploaded to in batches before one update moves it into
# place; they never outlive a successful load and are hidden from graphs().
STAGING_GRAPH = iris.STAGING_GRAPH

# A graph of more N-Triples bytes than this is staged in batches of this size.
DEFAULT_BATCH_BYTES = 16_000_000
# Server answers worth trying again: the request was not (or not fully) handled.
_TRANSIENT_STATUS = {500, 502, 503, 504}
# One round trip tells the kind of query: solutions/booleans come back as JSON
# results, CONSTRUCT/DESCRIBE as N-Triples.
_QUERY_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, */*;q=0.1"
_JSON = RESULT_FORMATS["json"]
_NTRIPLES = RDF_FORMATS["ntriples"]

Progress = Callable[[str, int, int], None]


@dataclass
class RemoteQueryResult(QueryResult):
    """A query answer fetched from a remote endpoint, with the surface of QueryResult.

    ``_result`` holds the body exactly as the server sent it (``_media_type``);
    ``serialize`` in that format returns those bytes unchanged, and other
    formats are rewritten locally by the same serialisers the embedded backend
    uses, so the query runs once on the server whatever the caller asks for.
    """

    _media_type: str = _JSON

    def serialize(self, fmt: str, output: IO[bytes] | None = None) -> bytes | None:
        """Write the answer in ``fmt`` (a short name); returns bytes when no output is given."""
        if self.kind == "graph":
            data = self._graph_as(fmt)
        else:
            if fmt not in RESULT_FORMATS:
                raise QueryError(
                    f"cannot write {self.kind} results as {fmt!r}; "
                    f"use one of {', '.join(RESULT_FORMATS)}"
                )
            data = self._results_as(RESULT_FORMATS[fmt])
        if output is None:
            return data
        output.write(data)
        return None

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """CONSTRUCT/DESCRIBE triples as rdflib terms."""
        if self.kind != "graph":
            raise QueryError("triples() needs a CONSTRUCT or DESCRIBE query")
        for quad in ox.parse(self._result, _rdf_format_of(self._media_type)):
            yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)

    def _solutions(self) -> Any:
        return ox.parse_query_results(self._result, _results_format_of(self._media_type))

    def _results_as(self, media_type: str) -> bytes:
        if media_type == self._media_type:
            return self._result
        return self._solutions().serialize(
            None, ox.QueryResultsFormat.from_media_type(media_type)
        )

    def _graph_as(self, fmt: str) -> bytes:
        if fmt not in RDF_FORMATS:
            raise QueryError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        if RDF_FORMATS[fmt] == self._media_type:
            return self._result
        return _convert_rdf(self._result, self._media_type, fmt)


class RemoteStore(Store):
    """A store on a remote SPARQL 1.1 endpoint; ``location`` is its query URL.

    The update and Graph Store endpoints default to the Oxigraph server layout
    beside the query URL (``/update``, ``/store``) and are overridden by
    ``update_url``/``gsp_url`` or the environment (``ZONEGRAPH_UPDATE_URL``,
    ``ZONEGRAPH_GSP_URL``). Credentials come from ``ZONEGRAPH_REMOTE_USER`` and
    ``ZONEGRAPH_REMOTE_PASSWORD`` (basic) or ``ZONEGRAPH_REMOTE_TOKEN`` (bearer).
    The union default graph is asked for per query with the parameter
    ``union_param`` (``ZONEGRAPH_REMOTE_UNION_PARAM``; Oxigraph's
    ``union-default-graph`` by default, empty for engines configured for it).
    Transient failures (connection errors, 5xx) are retried ``retries`` times
    with exponential backoff starting at ``backoff`` seconds.
    """

    def __init__(
        self,
        location: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        env: Mapping[str, str] | None = None,
        batch_bytes: int | None = None,
        retries: int = 4,
        backoff: float = 0.25,
        timeout: float = 600.0,
        progress: Progress | None = None,
        union_param: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        env = os.environ if env is None else env
        if union_param is None:
            union_param = env.get("ZONEGRAPH_REMOTE_UNION_PARAM", "union-default-graph")
        self.union_param = union_param
        self.location = self.query_url = location
        self.update_url = (
            update_url or env.get("ZONEGRAPH_UPDATE_URL") or _beside(location, "update")
        )
        self.gsp_url = gsp_url or env.get("ZONEGRAPH_GSP_URL") or _beside(location, "store")
        self.batch_bytes = batch_bytes or int(
            env.get("ZONEGRAPH_REMOTE_BATCH_BYTES", DEFAULT_BATCH_BYTES)
        )
        self.retries, self.backoff = retries, backoff
        self.progress = progress if progress is not None else _default_progress()
        headers = {"User-Agent": "zonegraph"}
        auth: httpx.Auth | None = None
        if env.get("ZONEGRAPH_REMOTE_TOKEN"):
            headers["Authorization"] = f"Bearer {env['ZONEGRAPH_REMOTE_TOKEN']}"
        elif env.get("ZONEGRAPH_REMOTE_USER"):
            auth = httpx.BasicAuth(
                env["ZONEGRAPH_REMOTE_USER"], env.get("ZONEGRAPH_REMOTE_PASSWORD", "")
            )
        self._client = httpx.Client(
            headers=headers,
            auth=auth,
            timeout=httpx.Timeout(timeout, connect=10.0),
            transport=transport,
        )

    # --- reading -------------------------------------------------------------

    def query(self, sparql, *, default_graphs=None, named_graphs=None) -> RemoteQueryResult:
        form: dict[str, Any] = {"query": sparql}
        if default_graphs is None and named_graphs is not None and self.union_param:
            # Oxigraph refuses the union flag beside a dataset: name the union's graphs.
            default_graphs = self.graphs()
        if default_graphs is not None:
            form["default-graph-uri"] = list(default_graphs)
        elif self.union_param and not DATASET_CLAUSE.search(sparql):
            # Asked per query, not set on the server, so that a FROM clause still
            # picks its graphs, as in the embedded store.
            form[self.union_param] = "true"
        if named_graphs is not None:
            form["named-graph-uri"] = list(named_graphs)
        response = self._send(
            "POST", self.query_url, "query", data=form, headers={"Accept": _QUERY_ACCEPT}
        )
        body, media_type = response.content, _media_type(response)
        if _rdf_format_of(media_type, strict=False) is not None:
            return RemoteQueryResult("graph", body, [], media_type)
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is None:
            raise StoreError(
                f"the SPARQL endpoint {_safe(self.query_url)} answered in {media_type!r}, "
                "which is neither a SPARQL results nor an RDF format; is --store the "
                "query URL of a SPARQL 1.1 endpoint?"
            )
        parsed = ox.parse_query_results(body, results_format)
        if isinstance(parsed, ox.QueryBoolean):
            return RemoteQueryResult("boolean", body, [], media_type)
        return RemoteQueryResult("solutions", body, [v.value for v in parsed.variables], media_type)

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")
        return sorted(str(r["g"]) for r in rows if not str(r["g"]).startswith(STAGING_GRAPH))

    def count(self, graph: str | None = None) -> int:
        if graph is not None:
            q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        else:
            # Quads of the named graphs: under a union default graph the engine's
            # own default graph cannot be read apart, and zonegraph never writes to it.
            q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            if self._staging_graphs():  # rare: a load is running or was cut off
                q = q.replace(" } }", f' }} FILTER(!STRSTARTS(STR(?g), "{STAGING_GRAPH}")) }}')
        return int(self.select(q)[0]["n"])

    def export(self, fmt, output=None, *, graph=None):
        if fmt not in RDF_FORMATS:
            raise QueryError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        accept = {"Accept": RDF_FORMATS[fmt]}
        if graph is None and fmt not in QUAD_FORMATS:
            # A triple format of the whole store: the union of all graphs.
            form = {"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"}
            if self.union_param:
                form[self.union_param] = "true"
            request = ("POST", self.query_url, {"data": form, "headers": accept})
        else:
            params = {"default": ""} if graph in ("", "default") else {}
            if graph not in (None, "", "default"):
                params = {"graph": graph}
            request = ("GET", self.gsp_url, {"params": params, "headers": accept})
        method, url, kwargs = request
        return self._download(method, url, fmt, output, **kwargs)

    # --- writing -------------------------------------------------------------

    def update(self, sparql: str) -> None:
        self._send(
            "POST",
            self.update_url,
            "update",
            content=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )

    def replace_graphs(self, graphs: dict[str, bytes], *, then: str = "") -> None:
        # One SPARQL update request is one transaction on the engine: readers
        # and a crash see the old graphs or the new ones. A graph too large for
        # one request is staged first and moved into place by that same update.
        parts: list[str] = []
        staged: list[str] = []
        try:
            for graph, data in graphs.items():
                if len(data) > self.batch_bytes:
                    staging = self._stage(graph, data)
                    staged.append(staging)
                    parts.append(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{graph}>")
                    continue
                parts.append(f"DROP SILENT GRAPH <{graph}>")
                if data.strip():
                    parts.append(_insert_data(graph, data))
            if then:
                parts.append(then)
            if parts:
                self.update(" ;\n".join(parts))
        except StoreError as e:
            self._forget(staged)
            names = ", ".join(f"<{g}>" for g in graphs)
            raise StoreError(
                f"{e} Each of {names} is in its previous or its new version, never a mix; "
                "run the load again."
            ) from e
        except QueryError:
            self._forget(staged)
            raise

    def add_to_graph(self, graph: str, ntriples: bytes) -> None:
        if len(ntriples) <= self.batch_bytes:
            self.update(_insert_data(graph, ntriples))
            return
        staging = self._stage(graph, ntriples)
        target = "DEFAULT" if graph in ("", "default") else f"GRAPH <{graph}>"
        try:
            self.update(f"ADD SILENT GRAPH <{staging}> TO {target} ;\nDROP GRAPH <{staging}>")
        except StoreError as e:
            self._forget([staging])
            raise StoreError(f"{e} Nothing was added to <{graph}>; run the load again.") from e

    def clean_staging(self) -> list[str]:
        """Drop every staging graph left by interrupted loads; returns their IRIs."""
        stale = self._staging_graphs()
        if stale:
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in stale))
        return stale

    def close(self) -> None:
        self._client.close()

    # --- staging -------------------------------------------------------------

    def _stage(self, graph: str, data: bytes) -> str:
        """Upload N-Triples to a fresh staging graph in batches; returns its IRI."""
        prefix = f"{STAGING_GRAPH}{iris.digest(graph)}/"
        # An earlier interrupted load of the same graph left its staging behind.
        stale = [g for g in self._staging_graphs() if g.startswith(prefix)]
        if stale:
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in stale))
        staging = prefix + uuid.uuid4().hex
        done, total = 0, len(data)
        for batch in _batches(data, self.batch_bytes, graph):
            self.update(_insert_data(staging, batch))
            # Batches are re-serialised, so their sizes only approximate the input's.
            done = min(done + len(batch), total - 1)
            if self.progress:
                self.progress(graph, done, total)
        if self.progress:
            self.progress(graph, total, total)
        return staging

    def _staging_graphs(self) -> list[str]:
        q = (
            "SELECT DISTINCT ?g WHERE { GRAPH ?g {} "
            f'FILTER(STRSTARTS(STR(?g), "{STAGING_GRAPH}")) }}'
        )
        return sorted(str(r["g"]) for r in self.select(q))

    def _forget(self, staged: list[str]) -> None:
        # Best effort: the server may be the thing that failed; the next load
        # of the same graph or clean_staging() removes what is left.
        if not staged:
            return
        try:
            self._client.post(
                self.update_url,
                content=" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in staged).encode(),
                headers={"Content-Type": "application/sparql-update"},
            )
        except httpx.HTTPError:
            log.warning("could not drop staging graphs %s; run clean_staging()", staged)

    # --- HTTP ----------------------------------------------------------------

    def _send(self, method: str, url: str, what: str, **kwargs: Any) -> httpx.Response:
        """One request with retries of transient failures; errors become ours."""
        delay = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self._client.request(method, url, **kwargs)
            except httpx.TimeoutException as e:
                if not isinstance(e, httpx.ConnectTimeout) or last:
                    raise self._unreachable(url, what, e, attempt + 1) from e
            except httpx.TransportError as e:
                if last:
                    raise self._unreachable(url, what, e, attempt + 1) from e
            else:
                if response.status_code not in _TRANSIENT_STATUS or last:
                    _raise_for_status(response, url, what)
                    return response
                log.info("%s answered %s, retrying", _safe(url), response.status_code)
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _download(
        self, method: str, url: str, fmt: str, output: IO[bytes] | None, **kwargs: Any
    ) -> bytes | None:
        """Fetch RDF in ``fmt``, streaming it through to ``output`` when the server speaks it."""
        delay = self.backoff
        for attempt in range(self.retries + 1):
            try:
                with self._client.stream(method, url, **kwargs) as response:
                    if response.status_code in _TRANSIENT_STATUS and attempt < self.retries:
                        time.sleep(delay)
                        delay *= 2
                        continue
                    return self._receive(response, url, fmt, output, kwargs.get("params", {}))
            except httpx.TransportError as e:
                # Once bytes reached the caller's stream a retry would repeat them.
                written = output is not None and getattr(output, "tell", lambda: 0)() > 0
                if written or attempt == self.retries or isinstance(e, httpx.ReadTimeout):
                    raise self._unreachable(url, "export", e, attempt + 1) from e
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _receive(
        self,
        response: httpx.Response,
        url: str,
        fmt: str,
        output: IO[bytes] | None,
        params: Mapping[str, str],
    ) -> bytes | None:
        graph = params.get("graph")
        if response.status_code == 404 and graph and graph not in self.graphs():
            return b"" if output is None else None  # an absent graph is empty, as embedded
        if response.status_code >= 400:
            response.read()
            _raise_for_status(response, url, "export")
        media_type = _media_type(response)
        if media_type != RDF_FORMATS[fmt]:
            data = _convert_rdf(response.read(), media_type, fmt)
        elif output is None:
            return response.read()
        else:
            for chunk in response.iter_bytes():
                output.write(chunk)
            return None
        if output is None:
            return data
        output.write(data)
        return None

    def _unreachable(self, url: str, what: str, error: Exception, attempts: int) -> StoreError:
        kind = type(error).__name__
        return StoreError(
            f"cannot reach the SPARQL endpoint {_safe(url)} for {_a(what)} after {attempts} "
            f"attempt(s) ({kind}: {error or 'no detail'}). Is the server running? Check the "
            "URL given as --store (and ZONEGRAPH_UPDATE_URL / ZONEGRAPH_GSP_URL)."
        )


def _raise_for_status(response: httpx.Response, url: str, what: str) -> None:
    status = response.status_code
    if status < 400:
        return
    message = response.text.strip()[:2000] or response.reason_phrase
    where = f"the SPARQL endpoint {_safe(url)}"
    if status in (401, 403):
        raise StoreError(
            f"{where} refused the {what} ({status} {response.reason_phrase}): {message}. "
            "Set ZONEGRAPH_REMOTE_USER and ZONEGRAPH_REMOTE_PASSWORD, or ZONEGRAPH_REMOTE_TOKEN."
        )
    if status in (404, 405):
        raise StoreError(
            f"{where} does not accept {_a(what)} ({status} {response.reason_phrase}). "
            "Check the URL given as --store, ZONEGRAPH_UPDATE_URL and ZONEGRAPH_GSP_URL "
            "(see docs/remote.md for the layout of each engine)."
        )
    if status < 500:
        raise QueryError(f"malformed {what}, as {where} says ({status}): {message}")
    raise StoreError(
        f"{where} failed on {_a(what)} ({status} {response.reason_phrase}): {message}. "
        "Look at the server's log; run the command again once it is healthy."
    )


def _batches(data: bytes, size: int, graph: str) -> Iterator[bytes]:
    """Split N-Triples into batches of about ``size`` bytes, checked before sending.

    Blank nodes are fresh in every SPARQL update, so all triples that share a
    blank node (directly or through others) travel in the same batch.

    >>> nt = b'<http://a> <http://p> _:x .\\n_:x <http://p> "1" .\\n<http://b> <http://p> "2" .\\n'
    >>> [len(b.splitlines()) for b in _batches(nt, 40, "g")]
    [1, 2]
    """
    try:
        triples = [q.triple for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as e:
        raise QueryError(f"the N-Triples for <{graph}> do not parse: {e}") from e
    parent: dict[str, str] = {}

    def root(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    plain: list[ox.Triple] = []
    linked: list[ox.Triple] = []
    for t in triples:
        labels = [x.value for x in (t.subject, t.object) if isinstance(x, ox.BlankNode)]
        if not labels:
            plain.append(t)
            continue
        linked.append(t)
        for other in labels[1:]:
            parent[root(other)] = root(labels[0])
    groups: dict[str, list[ox.Triple]] = {}
    for t in linked:
        label = t.subject.value if isinstance(t.subject, ox.BlankNode) else t.object.value
        groups.setdefault(root(label), []).append(t)
    units: Iterable[list[ox.Triple]] = [*([t] for t in plain), *groups.values()]
    batch: list[bytes] = []
    length = 0
    for unit in units:
        text = ox.serialize(unit, None, ox.RdfFormat.N_TRIPLES)
        if batch and length + len(text) > size:
            yield b"".join(batch)
            batch, length = [], 0
        batch.append(text)
        length += len(text)
    if batch:
        yield b"".join(batch)


def _insert_data(graph: str, ntriples: bytes) -> str:
    body = ntriples.decode("utf-8")
    if graph in ("", "default"):
        return f"INSERT DATA {{\n{body}\n}}"
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"


def _convert_rdf(data: bytes, media_type: str, fmt: str) -> bytes:
    source = _rdf_format_of(media_type)
    target = ox.RdfFormat.from_media_type(RDF_FORMATS[fmt])
    quads = ox.parse(data, source)
    if fmt in QUAD_FORMATS:
        return ox.serialize(quads, None, target)
    return ox.serialize((q.triple for q in quads), None, target)


def _rdf_format_of(media_type: str, *, strict: bool = True) -> ox.RdfFormat | None:
    found = ox.RdfFormat.from_media_type(media_type)
    if found is None and strict:
        raise StoreError(f"the SPARQL endpoint answered in {media_type!r}, not an RDF format")
    return found


def _results_format_of(media_type: str) -> ox.QueryResultsFormat:
    return ox.QueryResultsFormat.from_media_type(media_type)


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _beside(location: str, name: str) -> str:
    """The URL of the endpoint ``name`` next to the query endpoint.

    >>> _beside("http://h:3030/ds/query", "update")
    'http://h:3030/ds/update'
    >>> _beside("http://h:7001/", "update")
    'http://h:7001/update'
    """
    parts = urlsplit(location)
    path = parts.path.rsplit("/", 1)[0] + "/" + name
    return urlunsplit(parts._replace(path=path, query="", fragment=""))


def _safe(url: str) -> str:
    """The URL without credentials, for messages."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        parts = parts._replace(netloc=host)
    return urlunsplit(parts)


def _default_progress() -> Progress | None:
    """A progress bar on stderr for staged loads, when a person is watching."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import Progress as Bar

    bars: dict[str, Any] = {}

    def show(graph: str, done: int, total: int) -> None:
        if graph not in bars:
            bar = Bar(transient=True)
            bar.start()
            bars[graph] = (bar, bar.add_task(f"loading <{graph}>", total=total))
        bar, task = bars[graph]
        bar.update(task, completed=done)
        if done >= total:
            bar.stop()

    return show
