"""A lean ASGI path for ``GET`` and ``POST /sparql``, the server's hot path.

FastAPI's routing, dependency solving and validation cost more than a point
lookup itself. The SPARQL views only need a Request, so this middleware calls
them directly. The FastAPI routes stay registered: they describe ``/sparql``
in the OpenAPI document and answer the other methods. ``/sparql/`` (with the
slash some protocol clients use) is the same endpoint.

>>> from starlette.applications import Starlette
>>> SparqlFastPath(Starlette()).app.__class__.__name__
'Starlette'
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from server import sparql

_PATHS = ("/sparql", "/sparql/")


class SparqlFastPath:
    """ASGI middleware: GET and POST ``/sparql`` go straight to the protocol views."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in _PATHS:
            await self.app(scope, receive, send)
            return
        if scope["path"] != "/sparql":
            scope = {**scope, "path": "/sparql"}
        method = scope["method"]
        if method not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            if method == "GET":
                response = await sparql.sparql_get(request)
            else:
                response = await sparql.sparql_post(request)
        except HTTPException as e:
            # What the app's own handler does for the same error: plain text, as is.
            response = PlainTextResponse(str(e.detail).rstrip() + "\n", e.status_code, e.headers)
        await response(scope, receive, send)
