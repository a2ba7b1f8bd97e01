"""Answers sent in chunks, each within a time limit: a client that stops reading is dropped.

A query answer is already whole in memory (at most ZONEGRAPH_MAX_RESULT_BYTES)
when it is sent. Handed to the connection in one piece, it would all sit in
the socket's send buffer for as long as the client cares not to read, and a
dozen such clients hold hundreds of megabytes. Sent in chunks, each ``send``
waits until the client has taken the previous ones (uvicorn's flow control);
when a chunk waits longer than ``timeout`` seconds the answer ends there,
unfinished, and the server closes the connection (one line in the log).
"""

from __future__ import annotations

import asyncio
import logging

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

_CHUNK = 1 << 18
_log = logging.getLogger("zonegraph.server")


class TimedResponse(Response):
    """A Response whose body goes out in chunks, each within ``timeout`` seconds."""

    def __init__(
        self,
        content: bytes,
        status_code: int,
        headers: dict[str, str] | None,
        media_type: str,
        timeout: float,
    ) -> None:
        super().__init__(content, status_code, headers, media_type)
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = {"type": "http.response.start", "status": self.status_code}
        await send({**start, "headers": self.raw_headers})
        body = self.body
        for offset in range(0, len(body), _CHUNK):
            chunk = body[offset : offset + _CHUNK]
            message = {"type": "http.response.body", "body": chunk, "more_body": True}
            try:
                await asyncio.wait_for(send(message), self.timeout)
            except TimeoutError:
                _log.warning(
                    "dropped a client that read nothing for %g s (ZONEGRAPH_SEND_TIMEOUT), "
                    "%d of %d bytes sent",
                    self.timeout,
                    offset,
                    len(body),
                )
                return  # an unfinished response: the server closes the connection
        await send({"type": "http.response.body", "body": b"", "more_body": False})
