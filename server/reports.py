"""SHACL validation reports as HTTP responses: JSON or Turtle by ``Accept``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from server.negotiation import best

REPORT_TYPES = ["application/json", "text/turtle", "text/plain"]


def report_type(request: Request) -> str | None:
    """The report format the client prefers (JSON when it does not say); None: none it takes."""
    return best(request.headers.get("accept"), REPORT_TYPES)


def not_acceptable() -> Response:
    """The 406 for a client that accepts none of REPORT_TYPES."""
    return PlainTextResponse(
        "validation reports are offered as " + ", ".join(REPORT_TYPES) + "\n", 406
    )


def render_report(report, media: str) -> bytes:
    """``report`` (a kg.validation.ValidationReport) in ``media``, one of REPORT_TYPES."""
    if media == "text/turtle":
        body = report.to_turtle()
    elif media == "text/plain":
        body = report.text() + "\n"
    else:
        body = report.to_json()
    return body.encode("utf-8")


def report_response(request: Request, report, *, status: int = 200) -> Response:
    """The report in the format the client prefers (JSON when it does not say)."""
    media = report_type(request)
    if media is None:
        return not_acceptable()
    return Response(render_report(report, media), status, {"Vary": "Accept"}, media_type=media)
