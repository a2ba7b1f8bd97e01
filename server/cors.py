"""CORS: any origin may query; only the origins in ZONEGRAPH_CORS_WRITE_ORIGINS may write.

A browser asks first (a preflight ``OPTIONS``) before a cross-origin request
that carries ``Authorization`` or uses ``PUT``/``DELETE``. Every write here
needs the bearer token, so such a preflight is the one a write makes: it is
answered only for a configured origin, and refused (403, no CORS headers)
for the others. Preflights of queries go on to Starlette's CORS middleware,
which allows any origin.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

_WRITE_METHODS = {"PUT", "DELETE", "PATCH"}
_WRITE_ANSWER = "GET, HEAD, POST, PUT, DELETE, OPTIONS"


class WriteOrigins:
    """ASGI middleware: write preflights pass only for ``origins``."""

    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.origins = {o.rstrip("/") for o in origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope) if scope["type"] == "http" else None
        if (
            headers is None
            or scope["method"] != "OPTIONS"
            or "origin" not in headers
            or "access-control-request-method" not in headers
            or not _writes(headers)
        ):
            await self.app(scope, receive, send)
            return
        origin = headers["origin"]
        if origin.rstrip("/") not in self.origins:
            response = PlainTextResponse(
                f"cross-origin writes from {origin} are not allowed here; the server's "
                "ZONEGRAPH_CORS_WRITE_ORIGINS lists the origins that may write\n",
                403,
                headers={"Vary": "Origin"},
            )
        else:
            response = PlainTextResponse(
                "OK\n",
                200,
                headers={
                    "Access-Control-Allow-Origin": origin,
                    "Access-Control-Allow-Methods": _WRITE_ANSWER,
                    "Access-Control-Allow-Headers": headers.get(
                        "access-control-request-headers", ""
                    ),
                    "Access-Control-Max-Age": "600",
                    "Vary": "Origin",
                },
            )
        await response(scope, receive, send)


def _writes(headers: Headers) -> bool:
    """Whether a preflight announces a write: a write method, or the Authorization header."""
    method = headers["access-control-request-method"].strip().upper()
    asked = {
        h.strip().lower() for h in headers.get("access-control-request-headers", "").split(",")
    }
    return method in _WRITE_METHODS or "authorization" in asked
