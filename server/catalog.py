"""Dataset metadata and downloads: ``/catalog`` (DCAT), ``/.well-known/void`` and ``/dumps/...``.

Add them to an app with ``register(app)``. The catalogue and VoID are computed
from the store (kg.catalog) and negotiated as Turtle, N-Triples, RDF/XML or
JSON-LD; the dumps (kg.dumps) are written once per state of the store and
served as files at stable URLs.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from kg import catalog, dumps
from server.negotiation import RDF_TYPES, description_type
from server.pages import metadata
from server.pages.rendering import HTML_CACHE
from server.service_description import RDFLIB_FORMATS
from server.state import state_of

router = APIRouter(tags=["Catalogue and dumps"])

_RDF_CONTENT = {200: {"content": {m: {} for m in RDF_TYPES}}, 406: {"description": "No RDF type"}}
# What the HTML view of each description is called and which resource it is about.
_VIEWS = {
    "catalog": {"kind": "catalog", "title": "Catalogue", "first": catalog.CATALOG},
    "void": {"kind": "void", "title": "VoID description", "first": catalog.DATASET},
}
_DUMP_TYPES = {
    dumps.NQUADS_NAME: "application/gzip",
    dumps.TURTLE_NAME: "application/gzip",
    dumps.CSV_NAME: "text/csv; charset=utf-8",
    dumps.CSVW_NAME: "application/csvw+json",
}


def register(app: FastAPI) -> None:
    """Serve /catalog and /dumps/... on ``app`` (/.well-known/void: see ``void``)."""
    app.include_router(router)


def _base(request: Request) -> str:
    return state_of(request).base_url


async def _rdf(request: Request, name: str, build) -> Response:
    state = state_of(request)
    media = description_type(request.headers.get("accept"), request.query_params.get("format"))
    if media is None:
        return PlainTextResponse(
            f"{name} is offered as " + ", ".join([*RDF_TYPES, "text/html"]) + "\n", 406
        )
    # Keys of their own: the app's basic VoID handler caches under ("void", ...).
    tag = f"metadata:{name}"
    key = (tag, state.writes, media, _base(request))
    if key not in state.cache:
        base = _base(request)
        if media == "text/html":

            def build_page(store):
                graph = build(store, base)
                return graph, metadata.store_names(store, graph)

            graph, names = await state.runner.read(build_page)
            body = metadata.metadata_page(
                graph, names=names, base_url=base, path=request.url.path, **_VIEWS[name]
            ).body
        else:
            graph = await state.runner.read(lambda store: build(store, base))
            body = graph.serialize(format=RDFLIB_FORMATS[media], encoding="utf-8")
        state.cache = {k: v for k, v in state.cache.items() if k[0] != tag or k[1] == state.writes}
        state.cache[key] = body
    headers = {"Vary": "Accept"}
    if media == "text/html":
        headers["Cache-Control"] = HTML_CACHE
    return Response(state.cache[key], 200, headers, media_type=media)


@router.get(
    "/catalog",
    summary="DCAT-AP catalogue of the dataset and its distributions",
    response_class=Response,
    responses=_RDF_CONTENT,
)
async def catalog_view(request: Request) -> Response:
    """The DCAT catalogue: dataset, SPARQL data service, dumps and CSV, licence, coverage."""
    return await _rdf(request, "catalog", catalog.catalog_graph)


async def void(request: Request) -> Response:
    """VoID with linksets, partitions and dump locations; a handler for /.well-known/void."""
    return await _rdf(request, "void", catalog.void_graph)


@router.get(
    "/dumps/{name}",
    summary="Downloads: zonegraph.nq.gz, zonegraph.ttl.gz, observations.csv (+ CSVW metadata)",
    response_class=Response,
    responses={404: {"description": "No such dump"}},
)
async def dump(request: Request, name: str) -> Response:
    """One dump file, written from the current store the first time it is asked for."""
    if name not in _DUMP_TYPES:
        return PlainTextResponse(
            f"no dump {name!r}; the dumps are: {', '.join(_DUMP_TYPES)}\n", status_code=404
        )
    directory = await _current_dumps(request)
    return FileResponse(
        directory / name,
        media_type=_DUMP_TYPES[name],
        filename=name,
        headers={"Cache-Control": "no-cache"},
    )


async def _current_dumps(request: Request) -> Path:
    state = state_of(request)
    lock = state.cache.setdefault(("dumps-lock",), asyncio.Lock())
    async with lock:
        key = ("dumps", state.writes)
        if key not in state.cache:
            directory = Path(tempfile.mkdtemp(prefix="zonegraph-dumps-"))
            await state.runner.read(lambda store: dumps.write_dumps(store, directory))
            for old in [k for k in state.cache if k[0] == "dumps"]:
                shutil.rmtree(state.cache.pop(old), ignore_errors=True)
            state.cache[key] = directory
        return state.cache[key]
