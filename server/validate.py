"""``/validate``: check RDF against the SHACL shapes and return the report; nothing is stored.

This is the service a data steward calls before submitting data. The body
is read here (within ZONEGRAPH_MAX_REQUEST_BYTES); parsing and validating
it run in a validation worker process (server/validation_job.py), with a
time limit (ZONEGRAPH_VALIDATION_TIMEOUT), a memory cap
(ZONEGRAPH_VALIDATION_MEMORY), no network and a bounded queue
(ZONEGRAPH_MAX_QUEUED_VALIDATIONS), so no body can stall the server.

Graph Store writes (server/gsp.py) validate their bodies in the same workers.
A worker runs one validation at a time, so pySHACL (not thread-safe, least of
all on first use) never runs twice at once in one process.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from server.bodies import RDF_PARSERS, body_schemas, read_parts
from server.negotiation import parse_accept
from server.reports import REPORT_TYPES, not_acceptable, report_type
from server.responses import BUSY, STALLED, TOO_LARGE, UNSUPPORTED
from server.state import state_of
from server.validation_job import ValidationJob

router = APIRouter(tags=["Validation"])


@router.post(
    "/validate",
    summary="Validate RDF against the SHACL shapes (nothing is stored)",
    response_class=Response,
    responses={
        200: {
            "description": "The report; 'conforms' tells whether the data would be accepted",
            "content": {m: {} for m in REPORT_TYPES},
        },
        400: {"description": "Unparsable RDF, or a body that would fetch a context or entity"},
        406: {"description": "No acceptable report format"},
        408: STALLED,
        413: TOO_LARGE,
        415: UNSUPPORTED,
        503: BUSY,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": body_schemas(RDF_PARSERS),
        }
    },
)
async def validate_rdf(request: Request) -> Response:
    state = state_of(request)
    media = report_type(request)
    if media is None:
        return not_acceptable()
    documents = await read_parts(request, state.settings.max_request_bytes)
    if isinstance(documents, Response):
        return documents
    answer = await state.validator.run(ValidationJob(tuple(documents), media))
    headers = {"Vary": "Accept", **dict(answer.headers)}
    return Response(answer.body, answer.status, headers, media_type=answer.media_type)


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
