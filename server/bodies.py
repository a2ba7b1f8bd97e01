"""Request bodies: read them within the size limit, and read their media type and charset.

>>> media_type_of("application/sparql-query; charset=UTF-8")
('application/sparql-query', 'utf-8')
>>> media_type_of(None)
('', None)
"""

from __future__ import annotations

import asyncio

from rdflib import Graph
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

# Media types accepted in PUT/POST bodies -> rdflib parser names.
RDF_PARSERS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "text/n3": "n3",
}


def media_type_of(content_type: str | None) -> tuple[str, str | None]:
    """The media type (lower case, no parameters) and the charset, if one is given."""
    if not content_type:
        return "", None
    media, *params = content_type.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def too_large(limit: int) -> HTTPException:
    """The 413 error for a body over ``limit`` bytes."""
    return HTTPException(
        413,
        f"the request body is larger than {limit} bytes, the limit of this server "
        "(ZONEGRAPH_MAX_REQUEST_BYTES); split the data or send a shorter query",
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def decode_text(body: bytes, charset: str | None) -> str:
    """Body text; SPARQL is UTF-8 (the protocol requires it), anything else is refused."""
    if charset not in (None, "utf-8", "utf8"):
        raise HTTPException(415, f"charset {charset} is not supported; send UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise HTTPException(400, f"the request body is not valid UTF-8: {e}") from e


async def read_graph(request: Request, limit: int) -> Graph | Response:
    """The RDF graph in the body, or the 415/400 response that says why there is none."""
    media, _ = media_type_of(request.headers.get("content-type"))
    if media not in RDF_PARSERS:
        return PlainTextResponse(
            f"Content-Type {media or '(none)'} is not an RDF graph format this server reads; "
            "send one of " + ", ".join(RDF_PARSERS) + "\n",
            415,
        )
    body = await read_body(request, limit)
    graph = Graph()
    try:
        # rdflib parses in Python: keep it off the event loop.
        await asyncio.to_thread(graph.parse, data=body, format=RDF_PARSERS[media])
    except Exception as e:  # rdflib's parsers raise many types
        return PlainTextResponse(f"the body is not valid {media}: {e}\n", 400)
    return graph
