"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/store``.

``?graph=IRI`` names a graph, ``?default`` the store's own default graph
(which queries see as part of the union default graph); with neither, GET
returns the whole dataset as quads and POST creates a new graph. GET and
HEAD are public; PUT, POST and DELETE need the bearer token and go through
the SHACL-gated ingest: data that violates the shapes is refused whole (422).
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from kg import iris
from kg.errors import DuplicateFigures, QueryError, StoreError, ValidationFailed
from kg.ingest import StagedFile, commit_validated, forget_loads_into
from kg.store import Store
from server.bodies import IRI_SCHEMA, RDF_PARSERS, body_schemas, is_absolute_iri, read_parts
from server.execution import DumpJob, QueryJob
from server.negotiation import RDF_TYPES, best
from server.reports import not_acceptable, report_response, report_type
from server.responses import BUSY, FORBIDDEN, UNAUTHORIZED, WRITES
from server.security import check_token
from server.state import ServerState, state_of
from server.validation_job import StageJob

router = APIRouter(tags=["SPARQL 1.1 Graph Store HTTP Protocol"])

_QUAD_TYPES = {"application/n-quads": "nquads", "application/trig": "trig"}
_DEFAULT = "default"
_PARAMS = [
    {
        "name": "graph",
        "in": "query",
        "required": False,
        "description": "IRI of the named graph",
        "schema": IRI_SCHEMA,
    },
    {
        "name": "default",
        "in": "query",
        "required": False,
        "description": "Present (empty) to address the default graph",
        "schema": {"type": "string", "allowEmptyValue": True},
    },
]
_DIRECT = [
    {
        "name": "path",
        "in": "path",
        "required": True,
        "description": "The rest of the graph's URL: the graph IRI is this request URL",
        "schema": {"type": "string"},
    }
]
_BODY = {
    "required": True,
    "content": {
        **body_schemas(RDF_PARSERS),
        "multipart/form-data": {"schema": {"type": "object", "additionalProperties": True}},
    },
}


def _plain(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status)


def _target(request: Request) -> str | Response | None:
    """The graph a request addresses: an IRI, "default", None (the store), or an error.

    ``/store/<path>`` names its graph directly (the graph IRI is that URL under
    ZONEGRAPH_BASE_URL); ``?graph=`` must be an absolute IRI (a relative one is 400).
    """
    params = request.query_params
    graphs = params.getlist("graph")
    # The decoded path as it came (request.url.path would cut it at a decoded '#').
    here = state_of(request).base_url + request.scope.get("root_path", "") + request.scope["path"]
    if "path" in request.path_params:
        if graphs or "default" in params:
            return _plain(400, f"{here} names its graph itself; drop ?graph and ?default")
        if not is_absolute_iri(here):
            return _plain(400, f"{here[:200]!r} is not an IRI a graph can have")
        return here
    if graphs and "default" in params:
        return _plain(400, "give either ?graph=IRI or ?default, not both")
    if len(graphs) > 1:
        return _plain(400, "give one ?graph=IRI per request")
    if "default" in params:
        return _DEFAULT
    if graphs:
        graph = graphs[0]
        if not is_absolute_iri(graph):
            return _plain(
                400,
                f'?graph must be an absolute IRI (scheme:..., no spaces, <, >, ", {{, }}, |, '
                f"^, `, or \\), got {graph[:200]!r}",
            )
        return graph
    return None


def _exists(store: Store, graph: str) -> bool:
    return graph == _DEFAULT or graph in store.graphs()


_READ = {
    "response_class": Response,
    "responses": {
        200: {
            "description": "The graph, negotiated by Accept",
            "content": {m: {} for m in [*RDF_TYPES, *_QUAD_TYPES]},
        },
        400: {"description": "?graph is not an absolute IRI, or ?graph with ?default"},
        404: {"description": "No such graph"},
        406: {"description": "No acceptable format"},
        503: BUSY,
    },
    "openapi_extra": {"parameters": _PARAMS},
}


_READ_DIRECT = {**_READ, "openapi_extra": {"parameters": _DIRECT}}


@router.head("/store", summary="Headers of a graph, as GET would give", **_READ)
@router.get("/store", summary="Read a graph (?graph=IRI, ?default) or the whole dataset", **_READ)
@router.head("/store/{path:path}", summary="Headers of the graph at this URL", **_READ_DIRECT)
@router.get("/store/{path:path}", summary="Read the graph named by this URL", **_READ_DIRECT)
async def store_get(request: Request) -> Response:
    state = state_of(request)
    target = _target(request)
    if isinstance(target, Response):
        return target
    accept = request.headers.get("accept")
    if target is None:
        return await _dump(request, state, accept)
    media = best(accept, RDF_TYPES)
    if media is None:
        return _plain(406, "graphs are offered as " + ", ".join(RDF_TYPES))
    if not await state.runner.read(lambda s: _exists(s, target)):
        return _plain(404, f"there is no graph <{target}> in this store")
    if target == _DEFAULT:
        job = QueryJob("CONSTRUCT WHERE { ?s ?p ?o }", default_graphs=(_DEFAULT,), named_graphs=())
    else:
        job = QueryJob(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")
    job = QueryJob(job.sparql, job.default_graphs, job.named_graphs, None, media, 0)
    answer = await state.runner.run(job)
    headers = dict(answer.headers)
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(answer.body))
        return Response(b"", answer.status, headers, answer.media_type)
    return Response(answer.body, answer.status, headers, media_type=answer.media_type)


async def _dump(request: Request, state: ServerState, accept: str | None) -> Response:
    """The whole dataset, exported by a query worker into a file and streamed from it."""
    media = best(accept, list(_QUAD_TYPES))
    if media is None:
        return _plain(406, "the whole dataset is offered as " + ", ".join(_QUAD_TYPES))
    if request.method == "HEAD":
        return Response(b"", 200, media_type=media)
    fd, path = tempfile.mkstemp(prefix="zonegraph-dump-", suffix="." + _QUAD_TYPES[media])
    try:
        os.close(fd)
        settings = state.settings
        job = DumpJob(
            path, _QUAD_TYPES[media], media, settings.max_result_rows, settings.max_result_bytes
        )
        answer = await state.runner.run(job)
        if answer.status != 200:
            return Response(answer.body, answer.status, dict(answer.headers), answer.media_type)
        spool = open(path, "rb")  # noqa: SIM115 - closed by the stream
    finally:
        os.unlink(path)  # the open file lives on until the stream closes it

    async def chunks():
        with spool:
            while chunk := await asyncio.to_thread(spool.read, 1 << 20):
                yield chunk

    return StreamingResponse(chunks(), media_type=answer.media_type)


_FORBIDDEN = {"description": FORBIDDEN["description"] + ", or the graph is the catalogue of loads"}
_WRITE = {
    "response_class": Response,
    "status_code": 204,
    "responses": {
        201: {
            "description": "Graph created",
            "headers": {"Location": {"schema": {"type": "string"}}},
        },
        204: {"description": "Graph replaced or extended"},
        400: {"description": "Unparsable RDF or bad parameters"},
        **WRITES,
        403: _FORBIDDEN,
        409: {"description": "Figures with the dimension key of another source's figures"},
        422: {"description": "The data violates the SHACL shapes; body: the report"},
        503: BUSY,
    },
    "openapi_extra": {"parameters": _PARAMS, "requestBody": _BODY},
}


_WRITE_DIRECT = {**_WRITE, "openapi_extra": {"parameters": _DIRECT, "requestBody": _BODY}}


def _writable_target(request: Request) -> str | Response | None:
    """The graph a write names, once the bearer token is checked; a Response refuses."""
    state = state_of(request)
    refusal = check_token(state.settings.update_token, request.headers.getlist("authorization"))
    if refusal is not None:
        return refusal
    target = _target(request)
    if target == iris.CATALOG_GRAPH:
        return _plain(
            403,
            f"<{target}> is the catalogue of loads, which only loads change; write the "
            "graphs of the data instead",
        )
    return target


@router.put("/store", summary="Replace a graph with the body; SHACL-validated", **_WRITE)
@router.put("/store/{path:path}", summary="Replace the graph named by this URL", **_WRITE_DIRECT)
@router.post("/store/{path:path}", summary="Add to the graph named by this URL", **_WRITE_DIRECT)
@router.post(
    "/store", summary="Add the body to a graph (or create a new graph); SHACL-validated", **_WRITE
)
async def store_write(request: Request) -> Response:
    state = state_of(request)
    target = _writable_target(request)
    if isinstance(target, Response):
        return target
    created_iri = None
    if target is None:
        if request.method == "PUT":
            return _plain(400, "PUT needs ?graph=IRI or ?default")
        created_iri = target = f"{iris.GRAPH}store/{uuid.uuid4().hex}"
    documents = await read_parts(request, state.settings.max_request_bytes)
    if isinstance(documents, Response):
        return documents
    mode = "replace" if request.method == "PUT" else "append"
    try:
        existed = await _write(request, state, target, tuple(documents), mode)
    except ValidationFailed as e:
        return report_response(request, e.report, status=422)
    except DuplicateFigures as e:
        return _plain(409, str(e))
    except (QueryError, StoreError) as e:
        return _plain(500, f"the write failed: {e}")
    finally:
        state.writes += 1
    if isinstance(existed, Response):
        return existed
    if created_iri is not None:
        location = f"{state.base_url}/store?graph={quote(created_iri, safe='')}"
        return Response(status_code=201, headers={"Location": location})
    return Response(status_code=204 if existed else 201)


async def _write(
    request: Request, state: ServerState, graph: str, documents: tuple, mode: str
) -> bool | Response:
    """Validate the body in a validation worker, then commit it; whether the graph existed.

    Parsing and SHACL validation, the work a hostile or huge body makes expensive, run
    in a worker (server/validation_job.StageJob: time limit, memory cap, no network),
    which stages the data as an N-Triples file; here the checks against the other
    sources and the atomic swap run. All of it holds the writer's turn, so a POST that
    adds to a graph is validated with the graph as it is when the write commits.
    A Response: the worker's refusal (400, 422, 503).
    """
    staging = state.store.staging_dir() or Path(tempfile.gettempdir())
    await asyncio.to_thread(staging.mkdir, parents=True, exist_ok=True)
    name = uuid.uuid4().hex
    staged, current = staging / f"gsp-{name}.nt", staging / f"gsp-{name}-current.nt"
    media = report_type(request) or "application/json"
    try:
        async with state.runner.write_turn() as apply:
            existed = await state.runner.read(lambda s: _exists(s, graph))
            if mode == "append" and existed and graph != _DEFAULT:
                await asyncio.to_thread(_export, state.store, graph, current)
            job = StageJob(documents, str(staged), str(current) if current.exists() else "", media)
            answer = await state.validator.run(job)
            if answer.status != 200:
                return _refusal(request, answer)
            view = StagedFile(staged, json.loads(answer.body)["triples"])
            await apply(lambda s: _commit(s, graph, view, mode, existed))
            return existed
    finally:
        staged.unlink(missing_ok=True)
        current.unlink(missing_ok=True)


def _export(store: Store, graph: str, path: Path) -> None:
    with path.open("wb") as out:
        store.export("ntriples", out, graph=graph)


def _refusal(request: Request, answer) -> Response:
    """The validation worker's answer other than 200, as the client's response."""
    headers = dict(answer.headers)
    if answer.status == 422:
        if report_type(request) is None:
            return not_acceptable()
        headers["Vary"] = "Accept"
    return Response(answer.body, answer.status, headers, media_type=answer.media_type)


def _commit(store: Store, graph: str, staged: StagedFile, mode: str, existed: bool) -> None:
    """Check a validated, staged body against the store and swap it in (never half)."""
    if graph != _DEFAULT:
        commit_validated(store, graph, staged, source_label=f"graph <{graph}>", existed=existed)
        return
    # The default graph is not a source with a catalogue record: same gate, plain write.
    body = staged.path.read_text(encoding="utf-8")
    drop = "DROP SILENT DEFAULT ;\n" if mode == "replace" else ""
    store.update(f"{drop}INSERT DATA {{\n{body}\n}}")


_DELETE = {
    204: {"description": "Deleted"},
    400: {"description": "No ?graph or ?default, or a bad ?graph"},
    401: UNAUTHORIZED,
    403: _FORBIDDEN,
    404: {"description": "No such graph"},
}


@router.delete(
    "/store/{path:path}",
    summary="Delete the graph named by this URL",
    response_class=Response,
    status_code=204,
    responses=_DELETE,
    openapi_extra={"parameters": _DIRECT},
)
@router.delete(
    "/store",
    summary="Delete a graph",
    response_class=Response,
    status_code=204,
    responses=_DELETE,
    openapi_extra={"parameters": _PARAMS},
)
async def store_delete(request: Request) -> Response:
    state = state_of(request)
    target = _writable_target(request)
    if isinstance(target, Response):
        return target
    if target is None:
        return _plain(400, "DELETE needs ?graph=IRI or ?default")

    def delete(store: Store) -> bool:
        if target == _DEFAULT:
            store.update("DROP SILENT DEFAULT")
            return True
        if target not in store.graphs():
            return False
        # One transaction: the graph goes, and no source's latest load is it any more.
        store.update(f"DROP SILENT GRAPH <{target}> ;\n{forget_loads_into(target)}")
        return True

    try:
        found = await state.runner.write(delete)
    finally:
        state.writes += 1
    if not found:
        return _plain(404, f"there is no graph <{target}> in this store")
    return Response(status_code=204)


@router.api_route("/store", methods=["PATCH", "OPTIONS", "TRACE"], include_in_schema=False)
@router.api_route(
    "/store/{path:path}", methods=["PATCH", "OPTIONS", "TRACE"], include_in_schema=False
)
async def store_wrong_method(request: Request) -> Response:
    # Starlette's own 405 names only one route's methods; the protocol needs them all.
    return PlainTextResponse(
        f"{request.method} is not allowed on {request.url.path}; use GET, HEAD, PUT, POST, "
        "DELETE\n",
        405,
        headers={"Allow": "GET, HEAD, PUT, POST, DELETE"},
    )
