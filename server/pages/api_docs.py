"""``/docs``: the interactive documentation of the HTTP API (Swagger UI), served from this server.

FastAPI's own ``/docs`` loads Swagger UI from a CDN with an inline script, which
neither works offline nor passes the pages' Content-Security-Policy; this page
is one of ours (header, footer) and loads ``swagger-ui-dist`` from npm, like
YASGUI, through ``/static/vendor/swagger-ui/``.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from server.pages.rendering import page

router = APIRouter(tags=["Pages"])


@router.get("/docs", response_model=None, include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The Swagger UI page over the app's OpenAPI document."""
    return page("api_docs.html", openapi=request.app.openapi_url or "/openapi.json")
