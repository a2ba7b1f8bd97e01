"""The SPARQL 1.1 Protocol at ``/sparql``: queries, updates, and the service description.

Query by GET, by POST form and by POST ``application/sparql-query``; update by
POST form and POST ``application/sparql-update`` with the bearer token.
Without a query or an update, ``/sparql`` describes the service.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.errors import QueryError, StoreError
from server.bodies import IRI_SCHEMA, decode_text, is_absolute_iri, media_type_of, read_body
from server.execution import REMOTE_FAILED, QueryJob, base_of
from server.negotiation import (
    RDF_TYPES,
    SOLUTION_TYPES,
    best,
    description_type,
    from_format_param,
)
from server.pages import metadata
from server.pages.rendering import HTML_CACHE
from server.responses import BUSY, FORBIDDEN, STALLED, UNAUTHORIZED, UNSUPPORTED
from server.security import check_token
from server.service_description import RDFLIB_FORMATS, service_description
from server.sparql_scan import ScanError, scan
from server.state import ServerState, state_of
from server.streaming import TimedResponse
from server.updates import clear_silently, with_dataset

router = APIRouter(tags=["SPARQL 1.1 Protocol"])

_VARY = {"Vary": "Accept"}
# What a ?format= value stands for, as an Accept header (json/xml cover both kinds of result).
_FORMAT_ACCEPT = {
    "application/sparql-results+json": "application/json",
    "application/sparql-results+xml": "application/xml",
}
_PARAM_DOCS = {
    "query": "A SPARQL 1.1 query. Without query or update, the service description is returned.",
    "default-graph-uri": "A graph of the query's default graph (repeatable).",
    "named-graph-uri": "A named graph of the query's dataset (repeatable).",
    "using-graph-uri": "A graph of the update's default graph, as USING <g> in each "
    "DELETE/INSERT ... WHERE (repeatable; 400 if the update has USING or WITH itself).",
    "using-named-graph-uri": "A named graph of the update's dataset, as USING NAMED <g> "
    "(repeatable).",
    "format": "Result format for browsers, overriding Accept: json, xml, csv, tsv, "
    "turtle, ntriples, rdfxml, jsonld, or a media type.",
}
_RESULT_CONTENT = {m: {"schema": {"type": "string"}} for m in SOLUTION_TYPES + RDF_TYPES}
_RESPONSES = {
    200: {"description": "Query results, negotiated by Accept", "content": _RESULT_CONTENT},
    400: {"description": "Malformed query, two queries, SERVICE not allowed, nested too deep"},
    502: {"description": "An allow-listed SERVICE endpoint failed"},
    406: {"description": "No acceptable result format"},
    413: {"description": "Request body or result over the configured limit"},
    503: BUSY,
}


def _parameters(*names: str) -> list[dict]:
    return [
        {
            "name": n,
            "in": "query",
            "required": False,
            "description": _PARAM_DOCS[n],
            "schema": {"type": "array", "items": IRI_SCHEMA}
            if n.endswith("-uri")
            else {"type": "string"},
        }
        for n in names
    ]


def _plain(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status)


@router.head(
    "/sparql",
    summary="Headers of what GET would answer, without the body",
    response_class=Response,
    responses=_RESPONSES,
    openapi_extra={
        "parameters": _parameters("query", "default-graph-uri", "named-graph-uri", "format")
    },
)
@router.get(
    "/sparql",
    summary="Query (GET), or the service description without a query",
    response_class=Response,
    responses=_RESPONSES,
    openapi_extra={
        "parameters": _parameters("query", "default-graph-uri", "named-graph-uri", "format")
    },
)
async def sparql_get(request: Request) -> Response:
    params = _query_string(request)
    if any(name == "update" for name, _ in params):
        return _plain(400, "an update must be sent by POST (form or application/sparql-update)")
    return await _dispatch(request, params, describe_if_empty=True)


@router.post(
    "/sparql",
    summary="Query or update (POST form, application/sparql-query, application/sparql-update)",
    response_class=Response,
    responses={
        **_RESPONSES,
        204: {"description": "Update done"},
        401: UNAUTHORIZED,
        403: FORBIDDEN,
        408: STALLED,
        415: UNSUPPORTED,
    },
    openapi_extra={
        "parameters": _parameters(
            "default-graph-uri",
            "named-graph-uri",
            "using-graph-uri",
            "using-named-graph-uri",
            "format",
        ),
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"},
                            "update": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": IRI_SCHEMA},
                            "named-graph-uri": {"type": "array", "items": IRI_SCHEMA},
                            "using-graph-uri": {"type": "array", "items": IRI_SCHEMA},
                            "using-named-graph-uri": {"type": "array", "items": IRI_SCHEMA},
                        },
                    }
                },
                "application/sparql-query": {"schema": {"type": "string"}},
                "application/sparql-update": {"schema": {"type": "string"}},
            },
        },
    },
)
async def sparql_post(request: Request) -> Response:
    state = state_of(request)
    media, charset = media_type_of(request.headers.get("content-type"))
    if media not in (
        "application/x-www-form-urlencoded",
        "application/sparql-query",
        "application/sparql-update",
    ):
        return _plain(
            415,
            f"Content-Type {media or '(none)'} is not accepted here: send "
            "application/x-www-form-urlencoded (query= or update=), "
            "application/sparql-query or application/sparql-update",
        )
    body = decode_text(await read_body(request, state.settings.max_request_bytes), charset)
    params = _query_string(request)
    if media == "application/sparql-query":
        return await _dispatch(request, params, body_query=body)
    if media == "application/sparql-update":
        return await _dispatch(request, params, body_update=body)
    return await _dispatch(request, params + parse_qsl(body, keep_blank_values=True))


async def _dispatch(
    request: Request,
    params: list[tuple[str, str]],
    *,
    body_query: str | None = None,
    body_update: str | None = None,
    describe_if_empty: bool = False,
) -> Response:
    """Check the protocol rules on the parameters, then query, update or describe."""
    queries = [v for k, v in params if k == "query"] + (
        [body_query] if body_query is not None else []
    )
    updates = [v for k, v in params if k == "update"]
    updates += [body_update] if body_update is not None else []
    if queries and updates:
        return _plain(400, "a request carries a query or an update, not both")
    if len(queries) > 1 or len(updates) > 1:
        return _plain(400, "a request carries one query or one update, not several")
    state = state_of(request)
    for name, value in params:
        if name.endswith("graph-uri") and not is_absolute_iri(value):
            return _plain(400, f"{name} must be an absolute IRI, got {value[:200]!r}")
    if not queries and not updates:
        if describe_if_empty:
            formats = [v for k, v in params if k == "format"]
            return await _describe(request, state, formats[-1] if formats else None)
        return _plain(400, "the request has neither a query nor an update parameter")
    if updates:
        if not updates[0].strip():
            return _plain(400, "the update is empty: send the update text")
        return await _update(request, state, updates[0], params)
    if not queries[0].strip():
        return _plain(400, "the query is empty: send the query text")
    return await _query(request, state, queries[0], params)


def _call_refusal(
    request: Request, state: ServerState, sparql: str
) -> tuple[Response | None, bool]:
    """400 for a SERVICE/LOAD target outside the allow-list or nesting past the limit.

    Decided on the text's tokens (server/sparql_scan.py), before the engine sees it;
    the second value says whether the text calls out at all.
    """
    settings = state.settings
    try:
        found = scan(sparql, _endpoint(request))
    except ScanError as e:
        return _plain(400, f"the request cannot be read: {e}"), False
    if found.depth > settings.max_query_depth:
        return _plain(
            400,
            f"the request nests (), {{}} or [] {found.depth} levels deep, more than "
            f"{settings.max_query_depth}, the limit of this server (ZONEGRAPH_MAX_QUERY_DEPTH)",
        ), False
    allowlist = settings.service_allowlist
    allowed = ", ".join(allowlist) if allowlist else "none"
    for call in found.calls:
        if call.target is None:
            return _plain(
                400,
                f"{call.keyword} needs an IRI here, not a variable: the server only calls the "
                f"endpoints in ZONEGRAPH_SERVICE_ALLOWLIST (allowed here: {allowed})",
            ), True
        if call.keyword == "LOAD" and not call.target.lower().startswith(("http:", "https:")):
            return _plain(
                400, f"LOAD <{call.target}> is refused: the server loads only http(s) URLs"
            ), True
        if call.target not in allowlist:
            return _plain(
                400,
                f"{call.keyword} <{call.target}> is refused: the server only calls the "
                f"endpoints in ZONEGRAPH_SERVICE_ALLOWLIST (allowed here: {allowed})",
            ), True
    return None, bool(found.calls)


async def _query(
    request: Request, state: ServerState, query: str, params: list[tuple[str, str]]
) -> Response:
    refusal, calls_out = _call_refusal(request, state, query)
    if refusal is not None:
        return refusal
    default = tuple(v for k, v in params if k == "default-graph-uri")
    named = tuple(v for k, v in params if k == "named-graph-uri")
    accept = request.headers.get("accept")
    formats = [v for k, v in params if k == "format"]
    if formats:
        media = from_format_param(formats[-1])
        if media is None:
            return _plain(400, f"unknown format {formats[-1]!r}; " + _PARAM_DOCS["format"])
        accept = _FORMAT_ACCEPT.get(media, media)
    result_type, graph_type = best(accept, SOLUTION_TYPES), best(accept, RDF_TYPES)
    if result_type is None and graph_type is None:
        return _plain(
            406,
            f"no result format matches Accept: {accept}; offered: "
            + ", ".join(SOLUTION_TYPES + RDF_TYPES),
        )
    job = QueryJob(
        query,
        # The protocol's dataset replaces the query's: a missing half is empty.
        default_graphs=default if (default or named) else None,
        named_graphs=named if (default or named) else None,
        result_type=result_type,
        graph_type=graph_type,
        max_rows=state.settings.max_result_rows,
        max_bytes=state.settings.max_result_bytes,
        base_iri=_endpoint(request),
        calls_out=calls_out,
    )
    answer = await state.runner.run(job)
    headers = {**_VARY, **dict(answer.headers)}
    return TimedResponse(
        answer.body, answer.status, headers, answer.media_type, state.settings.send_timeout
    )


async def _update(
    request: Request, state: ServerState, update: str, params: list[tuple[str, str]]
) -> Response:
    refusal = check_token(state.settings.update_token, request.headers.getlist("authorization"))
    if refusal is not None:
        return refusal
    refusal, calls_out = _call_refusal(request, state, update)
    if refusal is not None:
        return refusal
    using = [v for k, v in params if k == "using-graph-uri"]
    using_named = [v for k, v in params if k == "using-named-graph-uri"]
    base = _endpoint(request)
    try:
        update = clear_silently(with_dataset(update, using, using_named))
    except QueryError as e:
        return _plain(400, str(e))
    # A crash or a runaway of the engine on this update happens in a worker, on a copy.
    trial = await state.runner.try_update(update, base, calls_out)
    if trial is not None and trial.status != 204:
        return Response(trial.body, trial.status, dict(trial.headers), media_type=trial.media_type)
    try:
        await state.runner.write(lambda store: store.update(update, **base_of(store, base)))
    except QueryError as e:
        if calls_out and "malformed" not in str(e):
            return _plain(502, REMOTE_FAILED)
        return _plain(400, str(e))
    except StoreError as e:
        return _plain(502 if calls_out else 500, REMOTE_FAILED if calls_out else str(e))
    finally:
        state.writes += 1
    return Response(status_code=204)


def _query_string(request: Request) -> list[tuple[str, str]]:
    # As Starlette reads it, without building its multi-dict on the hot path.
    return parse_qsl(request.scope["query_string"].decode("latin-1"), keep_blank_values=True)


def _endpoint(request: Request) -> str:
    """The endpoint's public URL: the base IRI of queries and updates (the protocol allows it).

    Built from ZONEGRAPH_BASE_URL, never from the request's Host header, which the
    client chooses: it would end up in cached service descriptions and in the data.
    """
    return state_of(request).base_url + "/sparql"


async def _describe(request: Request, state: ServerState, format_value: str | None) -> Response:
    """The service description: RDF by Accept (or ?format=), a page for a browser."""
    media = description_type(request.headers.get("accept"), format_value)
    if media is None:
        return _plain(
            406,
            "the service description is offered as " + ", ".join([*RDF_TYPES, "text/html"]),
        )
    endpoint = _endpoint(request)
    key = ("sd", endpoint, media)
    if key not in state.cache:
        graph = service_description(
            endpoint,
            updates=state.updates_enabled,
            federated=bool(state.settings.service_allowlist),
        )
        if media == "text/html":
            names = await state.runner.read(lambda store: metadata.store_names(store, graph))
            state.cache[key] = metadata.metadata_page(
                graph,
                kind="service",
                title="SPARQL endpoint",
                first=endpoint + "#service",
                base_url=state.base_url,
                path="/sparql",
                names=names,
            ).body
        else:
            state.cache[key] = graph.serialize(format=RDFLIB_FORMATS[media], encoding="utf-8")
    headers = {**_VARY, "Cache-Control": HTML_CACHE} if media == "text/html" else _VARY
    return Response(state.cache[key], 200, headers, media_type=media)


@router.api_route(
    "/sparql",
    methods=["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"],
    include_in_schema=False,
)
async def sparql_wrong_method(request: Request) -> Response:
    # Starlette's own 405 names only one route's methods; the protocol needs them all.
    return PlainTextResponse(
        f"{request.method} is not allowed on /sparql; use GET, HEAD or POST\n",
        405,
        headers={"Allow": "GET, HEAD, POST"},
    )
