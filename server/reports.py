"""SHACL validation reports as HTTP responses: JSON or Turtle by ``Accept``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from server.negotiation import best

REPORT_TYPES = ["application/json", "text/turtle", "text/plain"]


def report_response(request: Request, report, *, status: int = 200) -> Response:
    """The report in the format the client prefers (JSON when it does not say)."""
    media = best(request.headers.get("accept"), REPORT_TYPES)
    if media is None:
        return PlainTextResponse(
            "validation reports are offered as " + ", ".join(REPORT_TYPES) + "\n", 406
        )
    if media == "text/turtle":
        body = report.to_turtle()
    elif media == "text/plain":
        body = report.text() + "\n"
    else:
        body = report.to_json()
    return Response(body.encode("utf-8"), status, {"Vary": "Accept"}, media_type=media)
