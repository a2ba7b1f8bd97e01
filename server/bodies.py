"""Request bodies: read them within the size limit, and read their media type and charset.

>>> media_type_of("application/sparql-query; charset=UTF-8")
('application/sparql-query', 'utf-8')
>>> media_type_of(None)
('', None)
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response

# Seconds a request body may go without a byte before the request is dropped (408).
BODY_STALL = 30
_log = logging.getLogger("zonegraph.server")
# A scheme, then no character the IRI grammar excludes, and % only as %XX.
_ABSOLUTE_IRI = re.compile(
    r'[A-Za-z][A-Za-z0-9+.-]*:(?:[^\x00-\x20<>"{}|^`\\%\ud800-\udfff]|%[0-9A-Fa-f]{2})+'
)
# The OpenAPI schema of a parameter that must be an absolute IRI: what is_absolute_iri
# takes, less %-escapes (so that a generated value never has a bad one).
IRI_SCHEMA = {
    "type": "string",
    "pattern": '^[A-Za-z][A-Za-z0-9+.-]*:[^\\x00-\\x20<>"{}|^`\\\\%]+$',
}
# Media types of multipart parts sent without a useful Content-Type, by file extension.
_BY_SUFFIX = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".jsonld": "application/ld+json",
    ".n3": "text/n3",
}
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


def body_schemas(media_types) -> dict:
    """OpenAPI request-body content for RDF media types: JSON-LD is a JSON object or array."""
    return {
        m: {
            "schema": {"type": ["object", "array"]}
            if m == "application/ld+json"
            else {"type": "string"}
        }
        for m in media_types
    }


def is_absolute_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI (RFC 3987): a scheme, no excluded character.

    >>> is_absolute_iri("http://example.org/g"), is_absolute_iri("g1"), is_absolute_iri("a:{}")
    (True, False, False)
    >>> is_absolute_iri("a:b#c#d"), is_absolute_iri("a:\\x85")
    (False, False)
    """
    if _ABSOLUTE_IRI.fullmatch(text) is None:
        return False
    try:  # the engine's own IRI grammar: ucschar ranges, one '#', a numeric port...
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


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
    stream = request.stream()
    while True:
        try:
            async with asyncio.timeout(BODY_STALL):
                chunk = await anext(stream)
        except StopAsyncIteration:
            return b"".join(chunks)
        except TimeoutError:
            _log.warning("dropped a request whose body stalled for %g s", BODY_STALL)
            raise HTTPException(
                408, f"the request body stalled for {BODY_STALL:g} s; send it without pauses"
            ) from None
        except ClientDisconnect:
            _log.info("the client went away while sending the request body")
            raise HTTPException(400, "the client went away while sending the body") from None
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)


def decode_text(body: bytes, charset: str | None) -> str:
    """Body text; SPARQL is UTF-8 (the protocol requires it), anything else is refused."""
    if charset not in (None, "utf-8", "utf8"):
        raise HTTPException(415, f"charset {charset} is not supported; send UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise HTTPException(400, f"the request body is not valid UTF-8: {e}") from e


async def read_graph(request: Request, limit: int) -> Graph | Response:
    """The RDF graph in the body, or the 415/400 response that says why there is none.

    A ``multipart/form-data`` body (an HTML form with file fields, as the Graph
    Store Protocol allows for POST) gives the merge of its parts, each read in
    its own Content-Type (or by its file name's extension).
    """
    parts = await read_parts(request, limit)
    if isinstance(parts, Response):
        return parts
    graph = Graph()
    for body, media in parts:
        # rdflib parses in Python: keep it off the event loop.
        failure = await asyncio.to_thread(parse_into, graph, body, media)
        if failure is not None:
            return PlainTextResponse(failure + "\n", 400)
    return graph


async def read_parts(request: Request, limit: int) -> list[tuple[bytes, str]] | Response:
    """The RDF documents of the body as (bytes, media type), unparsed; or a 415/400 response."""
    media, _ = media_type_of(request.headers.get("content-type"))
    if media == "multipart/form-data":
        return await _read_parts(request, limit)
    if media not in RDF_PARSERS:
        return _unreadable(media)
    return [(await read_body(request, limit), media)]


def _unreadable(media: str, part: str = "") -> Response:
    where = f"the part {part!r} has " if part else ""
    return PlainTextResponse(
        f"{where}Content-Type {media or '(none)'} is not an RDF graph format this server reads; "
        "send one of " + ", ".join(RDF_PARSERS) + "\n",
        415,
    )


def _fetch_refusal(body: bytes, media: str) -> str | None:
    """Why ``body`` would make the parser fetch or open something (or expand entities), if it would.

    A JSON-LD context given as a string (or in an array, or as ``@import``) is a document
    to load; RDF/XML may declare entities. Neither is ever resolved: the body is refused.
    """
    if RDF_PARSERS[media] == "json-ld":
        try:
            document = json.loads(body)
        except ValueError:
            return None  # the parser reports the syntax error
        return _remote_context(document)
    if RDF_PARSERS[media] in ("xml", "trix") and b"<!ENTITY" in body.upper():
        return "it declares XML entities (<!ENTITY>), which this server does not expand"
    return None


def _remote_context(node) -> str | None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    refs = value if isinstance(value, list) else [value]
                    for ref in refs:
                        if isinstance(ref, str):
                            return (
                                f"its JSON-LD context refers to {ref[:200]!r}; this server never "
                                "fetches or opens contexts: put the context inline as an object"
                            )
                stack.append(value)
    return None


def parse_into(graph: Graph, body: bytes, media: str) -> str | None:
    """Parse ``body`` (of an RDF_PARSERS media type) into ``graph``; why not, if it cannot be.

    Refuses bodies that would fetch or open anything, and IRIs the store cannot hold.
    """
    refusal = _fetch_refusal(body, media)
    if refusal is not None:
        return f"the body is refused: {refusal}"
    try:
        graph.parse(data=body, format=RDF_PARSERS[media])
    except MemoryError:
        raise  # the worker's cap (ZONEGRAPH_VALIDATION_MEMORY), not a bad body: 503
    except Exception as e:  # rdflib's parsers raise many types
        return f"the body is not valid {media}: {e}"
    # rdflib keeps IRIs its parsers should refuse (a space, an escaped '>'); the store cannot.
    bad = _invalid_iri(graph)
    if bad is not None:
        return f"the body has an IRI that is not valid: {bad[:200]!r}"
    return None


def _invalid_iri(graph: Graph) -> str | None:
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and not is_absolute_iri(term):
                return str(term)
    return None


async def read_form(request: Request, limit: int) -> FormData:
    """The form in the body, refused with 413 as soon as the body passes ``limit`` bytes.

    Starlette's own ``request.form()`` bounds only the text fields: it writes file
    parts of any size to disk. Here the whole body is bounded while it is read.
    """
    body = await read_body(request, limit)

    async def replay() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    return await Request(request.scope, replay).form(max_part_size=limit)


async def _read_parts(request: Request, limit: int) -> list[tuple[bytes, str]] | Response:
    try:
        form = await read_form(request, limit)
    except HTTPException:
        raise
    except Exception as e:  # the multipart parser's errors
        return PlainTextResponse(f"the multipart/form-data body cannot be read: {e}\n", 400)
    parts = [(name, value) for name, value in form.multi_items() if not isinstance(value, str)]
    if not parts:
        return PlainTextResponse("the multipart/form-data body has no file parts with RDF\n", 400)
    documents = []
    for name, upload in parts:
        media, _ = media_type_of(upload.content_type)
        if media not in RDF_PARSERS:
            media = _BY_SUFFIX.get(Path(upload.filename or name).suffix.lower(), media)
        if media not in RDF_PARSERS:
            return _unreadable(media, upload.filename or name)
        documents.append((await upload.read(), media))
    return documents
