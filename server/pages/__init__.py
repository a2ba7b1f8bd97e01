"""The web pages of zonegraph, mounted on the server's FastAPI app with one call.

>>> from fastapi import FastAPI
>>> from kg.store import open_store
>>> app = FastAPI()
>>> store = open_store(None)
>>> register(app, lambda request: store)
>>> store.update('INSERT DATA { <https://w3id.org/zonegraph/id/zone/z> a <http://ex/C> }')
>>> from fastapi.testclient import TestClient
>>> r = TestClient(app).get("/id/zone/z", headers={"Accept": "text/turtle"}, follow_redirects=False)
>>> r.status_code, r.headers["location"]
(303, '/id/zone/z.ttl')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.store import Store
from server.negotiation import best
from server.pages import (
    api_docs,
    home,
    lists,
    resource,
    slices,
    sources,
    validate_form,
    vocabulary,
)
from server.pages.assets import NODE_MODULES, STATIC, VENDOR, AssetFiles
from server.pages.context import PagesContext
from server.pages.rendering import page

_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_DOCUMENTS = (Path("data/documents"), _ROOT / "data" / "documents")


def register(
    app: FastAPI,
    store_provider: Callable[[Request], Store],
    *,
    documents: Iterable[str | Path] = DEFAULT_DOCUMENTS,
    endpoint: str = "/sparql",
) -> None:
    """Add the pages (``/``, ``/id/...``, ``/source/...``, ``/ontology``, ``/shapes``,
    ``/validate`` form, ``/docs``) and their static files to ``app``.

    ``store_provider(request)`` returns the store to read; ``documents`` are the
    folders where a source's text file is looked up by name for ``/source/<id>``.
    """
    app.state.zonegraph_pages = PagesContext(store_provider, [Path(d) for d in documents], endpoint)
    app.add_exception_handler(404, _not_found)
    for module in (home, lists, resource, slices, sources, vocabulary, validate_form, api_docs):
        # Pages for people, not API: /openapi.json (and /docs) describe the API alone.
        app.include_router(module.router, include_in_schema=False)
    app.mount("/static/pages", AssetFiles(directory=STATIC), name="pages-static")
    for name, folder in VENDOR.items():
        # check_dir=False: without `make install` the pages still work, minus editor and charts.
        app.mount(
            f"/static/vendor/{name}",
            AssetFiles(directory=NODE_MODULES / folder, check_dir=False),
            name=f"vendor-{name}",
        )


async def _not_found(request: Request, exc: HTTPException) -> Response:
    """A 404 that no page answered itself: the HTML page for browsers, the plain line otherwise.

    Only a client that prefers HTML gets the page (``*/*`` stays plain, as API clients expect).
    """
    if best(request.headers.get("accept"), ["text/plain", "text/html"]) == "text/html":
        message = f"There is no page at {request.url.path}."
        return page("not_found.html", status=404, message=message)
    return PlainTextResponse(str(exc.detail).rstrip() + "\n", 404, exc.headers)
