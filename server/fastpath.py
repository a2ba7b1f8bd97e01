"""A lean ASGI path for ``GET``, ``HEAD`` and ``POST /sparql``, the server's hot path.

FastAPI's middleware stack, routing and dependency solving cost more than a
point lookup itself. The SPARQL views only need a Request, so this wrapper,
outside the whole stack, calls them directly and adds the one CORS header a
simple cross-origin request needs (preflights go through the stack's CORS
middleware). The FastAPI routes stay registered: they describe ``/sparql`` in
the OpenAPI document and answer the other methods. ``/sparql/`` (with the
slash some protocol clients use) is the same endpoint.

>>> from starlette.applications import Starlette
>>> SparqlFastPath(Starlette()).app.__class__.__name__
'Starlette'
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server import sparql

_PATHS = ("/sparql", "/sparql/")
# What the app's CORS middleware says to a simple cross-origin request; keep the two alike.
CORS_HEADERS = {
    "access-control-allow-origin": "*",
    "access-control-expose-headers": "Content-Type, Location",
}


class SparqlFastPath:
    """ASGI wrapper: GET and POST ``/sparql`` go straight to the protocol views."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] not in _PATHS
            or scope["method"] not in ("GET", "HEAD", "POST")
        ):
            if scope["type"] == "http" and scope["path"] == "/sparql/":
                scope = {**scope, "path": "/sparql"}
            await self.app(scope, receive, send)
            return
        if scope["path"] != "/sparql":
            scope = {**scope, "path": "/sparql"}
        request = Request(scope, receive)
        response = await _answer(request)
        if "origin" in request.headers:
            send = _with_cors(send)
        if request.method == "HEAD":
            send = _without_body(send)
        await response(scope, receive, send)


async def _answer(request: Request) -> Response:
    try:
        if request.method in ("GET", "HEAD"):
            return await sparql.sparql_get(request)
        return await sparql.sparql_post(request)
    except HTTPException as e:
        # What the app's own handler does for the same error: plain text, as is.
        return PlainTextResponse(str(e.detail).rstrip() + "\n", e.status_code, e.headers)


def _without_body(send: Send) -> Send:
    """HEAD: the headers GET would send (Content-Length included), no body."""

    async def sender(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return sender


def _with_cors(send: Send) -> Send:
    async def sender(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in CORS_HEADERS.items():
                headers[name] = value
        await send(message)

    return sender
