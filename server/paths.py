"""Request paths the server answers before routing: malformed ones, and ones no IRI could have.

Paths under ``/id/`` and ``/store/`` become IRIs, and the views trust the
decoded path. uvicorn decodes it leniently: ``%ZZ`` stays as it is, bytes
that are not UTF-8 become U+FFFD, ``%00`` a NUL. Such a path reached the
query engine as an IRI it cannot parse (500). Here a path whose
percent-encoding is malformed (RFC 3986: ``%`` and two hex digits) or whose
bytes are not UTF-8 is a bad request (400); a well-formed path whose decoded
text holds a character that RFC 3987 does not allow in an IRI's path (a
control character, a space, ``<>"{}|\\^`[]``, U+FFFD, a private-use
character...) names nothing this server has (404).

>>> path_error(b"/id/zone/chengdu"), path_error(b"/id/zone/%E6%88%90%E9%83%BD")
(None, None)
>>> path_error(b"/id/%ZZ")
(400, 'a % in the path must be followed by two hexadecimal digits')
>>> path_error(b"/id/%FF")
(400, 'the path does not encode UTF-8 text')
>>> path_error(b"/id/a%3Eb")
(404, "the decoded path holds '>' (U+003E), which no IRI may hold")
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

_BAD_ESCAPE = re.compile("%(?![0-9A-Fa-f]{2})")
# ipchar of RFC 3987 (iunreserved, sub-delims, ":", "@", "%" of an escape) and "/";
# "?" and "#" too, since a decoded "%3F" or "%23" still makes a valid IRI.
_UCSCHAR = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(plane << 16)}-{chr(plane << 16 | 0xFFFD)}" for plane in range(1, 15)
).replace("\U000e0000", "\U000e1000")
_NOT_IN_IRI_PATH = re.compile(f"[^A-Za-z0-9\\-._~!$&'()*+,;=:@%/?#{_UCSCHAR}]")


def path_error(raw_path: bytes) -> tuple[int, str] | None:
    """The status and reason to answer ``raw_path`` (as the client sent it) with; None: route it."""
    if _BAD_ESCAPE.search(raw_path.decode("latin-1")):
        return 400, "a % in the path must be followed by two hexadecimal digits"
    try:
        text = unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        return 400, "the path does not encode UTF-8 text"
    if _BAD_ESCAPE.search(text):
        return 404, "a % in the decoded path is not followed by two hexadecimal digits"
    bad = _NOT_IN_IRI_PATH.search(text)
    if bad is not None:
        char = bad.group()
        shown = repr(char) if char.isprintable() else "a control character"
        return 404, f"the decoded path holds {shown} (U+{ord(char):04X}), which no IRI may hold"
    return None


class PathCheck:
    """ASGI wrapper: 400 or 404 for a request whose path ``path_error`` refuses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
            refusal = path_error(raw.split(b"?", 1)[0])
            if refusal is not None:
                status, reason = refusal
                what = "is not valid" if status == 400 else "names nothing on this server"
                response = PlainTextResponse(f"the URL path {what}: {reason}\n", status)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
