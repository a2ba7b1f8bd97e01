"""``/validate``: check RDF against the SHACL shapes and return the report; nothing is stored.

This is the service a data steward calls before submitting data.

pySHACL (with rdflib's SPARQL parser under it) is not thread-safe, least of
all on first use: two validations at once on a fresh server broke every
later one. So one validation runs at a time in this process (``in_turn``,
which the Graph Store's writes take too), requests wait for their turn on the
event loop rather than in a thread each, and ``warm_up`` does the first
validation when the server starts.
"""

from __future__ import annotations

import asyncio
import threading

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from server.bodies import RDF_PARSERS, read_graph
from server.negotiation import parse_accept
from server.reports import REPORT_TYPES, report_response
from server.state import state_of

router = APIRouter(tags=["Validation"])

# Held by whichever thread validates; /validate requests queue before it on the event loop.
in_turn = threading.Lock()
_SAMPLE = b"""<https://w3id.org/zonegraph/id/zone/warm-up>
    a <https://w3id.org/zonegraph/ontology#DevelopmentZone> ."""


def _validate(data):
    from kg.validation import validate

    with in_turn:
        return validate(data)


def warm_up() -> None:
    """Validate a one-triple graph, so that pySHACL's first-use setup is done."""
    from rdflib import Graph

    _validate(Graph().parse(data=_SAMPLE, format="turtle"))


@router.post(
    "/validate",
    summary="Validate RDF against the SHACL shapes (nothing is stored)",
    response_class=Response,
    responses={
        200: {
            "description": "The report; 'conforms' tells whether the data would be accepted",
            "content": {m: {} for m in REPORT_TYPES},
        },
        400: {"description": "Unparsable RDF"},
        413: {"description": "Body over the size limit"},
        415: {"description": "Unsupported Content-Type"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {m: {"schema": {"type": "string"}} for m in RDF_PARSERS},
        }
    },
)
async def validate_rdf(request: Request) -> Response:
    state = state_of(request)
    data = await read_graph(request, state.settings.max_request_bytes)
    if isinstance(data, Response):
        return data
    async with state.validating:
        report = await asyncio.to_thread(_validate, data)
    return report_response(request, report)


@router.api_route(
    "/validate",
    methods=["GET", "PUT", "DELETE", "PATCH"],
    include_in_schema=False,
)
async def validate_wrong_method(request: Request) -> Response:
    if request.method == "GET" and _wants_html(request.headers.get("accept")):
        # A person who opens /validate in a browser wants the form, not a 405.
        return RedirectResponse("/validate/form", status_code=303)
    # Starlette's own 405 names only one route's methods; the protocol needs them all.
    return PlainTextResponse(
        f"{request.method} is not allowed on /validate; use POST\n",
        405,
        headers={"Allow": "POST"},
    )


def _wants_html(accept: str | None) -> bool:
    """Whether the client names HTML explicitly, as browsers do (``*/*`` alone is an API client)."""
    return any(
        media in ("text/html", "application/xhtml+xml") and q > 0
        for media, q in parse_accept(accept)
    )
