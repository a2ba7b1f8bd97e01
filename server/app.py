"""The FastAPI application: wires the protocol views, the query runner and the store together.

``create_app(settings)`` builds the app over the store ``settings.store``
names (or over a given Store); ``run(settings, host, port)`` serves it with
uvicorn (uvloop, httptools, a deadline for request heads).
"""

from __future__ import annotations

import asyncio
import gc
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from kg import __version__
from kg.config import Settings
from kg.store import Store, open_store
from server import catalog, gsp, pages, sparql, validate
from server.catalog import register as register_catalog
from server.cors import WriteOrigins
from server.fastpath import CORS_HEADERS, SparqlFastPath
from server.headers import SecurityHeaders
from server.negotiation import RDF_TYPES
from server.paths import PathCheck
from server.responses import document_paths
from server.state import ServerState, state_of
from server.validation_job import VALIDATIONS, WARM_UP
from server.workers import ProcessPool, make_runner

_DESCRIPTION = """\
zonegraph: a knowledge graph of China's development zones.

* `/sparql`: SPARQL 1.1 Protocol (query; update with `Authorization: Bearer <token>`)
* `/store`: SPARQL 1.1 Graph Store HTTP Protocol (writes need the token, are SHACL-validated)
* `/validate`: SHACL report for RDF you POST; nothing is stored
* `/.well-known/void`: VoID description; `/catalog`: DCAT catalogue; `/dumps/...`: dumps
* `/health`: liveness and store size
"""


class _App(FastAPI):
    """FastAPI, with GET/POST /sparql answered before any of its machinery (server.fastpath).

    Every response, of the fast path or of the stack, gets the security headers; a path
    no IRI could have is refused (server.paths) before either sees it.
    """

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self._fast = SecurityHeaders(PathCheck(SparqlFastPath(super().__call__)))

    async def __call__(self, scope, receive, send) -> None:
        scope["app"] = self  # what the views read their state from, as FastAPI would set it
        await self._fast(scope, receive, send)

    def openapi(self) -> dict:
        """FastAPI's document, plus what server.paths answers on routes with path parameters."""
        if self.openapi_schema is None:
            self.openapi_schema = document_paths(super().openapi())
        return self.openapi_schema


def create_app(settings: Settings, store: Store | None = None, *, warm_up: bool = False) -> FastAPI:
    """The zonegraph server app over ``store``, or over the store ``settings.store`` names.

    ``warm_up``: do a first SHACL validation in the background at start (what a served
    app does; the tests' short-lived apps skip its few seconds of CPU).

    >>> app = create_app(Settings(store="/tmp/zonegraph-doctest-store"))
    >>> sorted(set(app.openapi()["paths"]) & {"/sparql", "/store", "/validate", "/health"})
    ['/health', '/sparql', '/store', '/validate']
    """
    owned = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        nonlocal store
        if store is None:
            store = open_store(settings.store)
        runner = make_runner(
            store,
            settings.max_concurrent_queries,
            settings.query_timeout,
            settings.query_memory or 0,
            isolate=not settings.service_allowlist,
            quick=settings.quick_workers,
            quick_timeout=settings.quick_timeout,
            max_queued=settings.max_queued_queries,
        )
        await runner.start()
        validator = ProcessPool(
            None,
            settings.validation_workers,
            settings.validation_timeout,
            settings.validation_memory or 0,
            isolate=True,  # validation needs no network: none, whatever a body says
            quick=0,
            max_queued=settings.max_queued_validations,
            warm_up=WARM_UP if warm_up else None,
            wording=VALIDATIONS,
        )
        app.state.zonegraph = ServerState(settings, store, runner, validator)
        background = set()
        if warm_up:
            # Validation workers start (and warm up) in the background; others start on first use.
            task = asyncio.get_running_loop().create_task(validator.start())
            background.add(task)
            task.add_done_callback(background.discard)
        # The ~100k objects of startup (libraries, the store, the ontology) never die; a
        # full collection would rescan them all (~70 ms here) and stall every request.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            await validator.close()
            await runner.close()
            if owned:
                store.close()

    app = _App(
        title="zonegraph",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        # /docs is a page of server.pages (Swagger UI from npm, not a CDN); no ReDoc.
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=CORS_HEADERS["access-control-expose-headers"].split(", "),
        max_age=86400,
    )
    # Added last, so it runs first: write preflights never reach the allow-all middleware.
    app.add_middleware(WriteOrigins, origins=settings.cors_write_origins)
    app.add_exception_handler(HTTPException, _plain_error)
    app.include_router(sparql.router)
    app.include_router(gsp.router)
    app.include_router(validate.router)
    pages.register(app, lambda request: state_of(request).store)
    app.add_api_route(
        "/health", _health, methods=["GET"], summary="Liveness and store size", tags=["About"]
    )
    register_catalog(app)
    app.add_api_route(
        "/.well-known/void",
        catalog.void,
        methods=["GET"],
        summary="VoID description of the dataset",
        tags=["About"],
        response_class=Response,
        responses={200: {"content": {m: {} for m in RDF_TYPES}}},
    )
    return app


async def _plain_error(request: Request, exc: HTTPException) -> Response:
    # Plain text, like every other error of this server, so curl users read it as is.
    return PlainTextResponse(str(exc.detail).rstrip() + "\n", exc.status_code, exc.headers)


async def _health(request: Request) -> JSONResponse:
    state = state_of(request)
    graphs = await state.runner.read(lambda s: len(s.graphs()))
    return JSONResponse({"status": "ok", "version": __version__, "graphs": graphs})


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, **uvicorn_options) -> None:
    """Serve the app on ``host:port`` until interrupted (what ``zonegraph serve`` calls).

    The connections are uvicorn's httptools ones with a deadline for each request head
    (ZONEGRAPH_HEAD_TIMEOUT, server/connections.py).
    """
    import uvicorn

    from server.connections import with_head_timeout

    options = {
        "loop": "uvloop",
        "http": with_head_timeout(settings.head_timeout),
        "log_level": "info",
        "timeout_graceful_shutdown": 10,
        "timeout_keep_alive": 5,  # an idle connection is closed after 5 s
        **uvicorn_options,
    }
    uvicorn.run(create_app(settings, warm_up=True), host=host, port=port, **options)
