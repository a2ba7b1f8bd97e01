"""The OpenAPI descriptions of the error answers several endpoints share (401, 403, 408, 503...).

One place, so that every endpoint that can give such an answer documents it
alike, with the headers it carries (``WWW-Authenticate``, ``Retry-After``).
"""

from __future__ import annotations

UNAUTHORIZED = {
    "description": "No valid 'Authorization: Bearer <token>' header",
    "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
}
FORBIDDEN = {"description": "Writes are disabled (no ZONEGRAPH_UPDATE_TOKEN configured)"}
STALLED = {"description": "The request body stalled for 30 s"}
TOO_LARGE = {"description": "Request body over ZONEGRAPH_MAX_REQUEST_BYTES"}
UNSUPPORTED = {"description": "Unsupported Content-Type or charset"}
BUSY = {
    "description": "Stopped at a time or memory limit, or every worker is busy "
    "(the busy answers carry Retry-After)",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
}
# What server/paths.py answers before any route, for a path with a path parameter.
BAD_PATH = {"description": "A malformed URL path (bad %-escape, not UTF-8)"}
NO_SUCH_PATH = {"description": "Nothing here (or a path no IRI may have)"}
WRITES = {401: UNAUTHORIZED, 403: FORBIDDEN, 408: STALLED, 413: TOO_LARGE, 415: UNSUPPORTED}


def document_paths(schema: dict) -> dict:
    """``schema`` (an OpenAPI document) with 400 and 404 on each operation with a path parameter."""
    for path, operations in schema.get("paths", {}).items():
        if "{" not in path:
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("400", BAD_PATH)
            responses.setdefault("404", NO_SUCH_PATH)
    return schema
