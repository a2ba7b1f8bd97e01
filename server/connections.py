"""HTTP connections with a deadline for the request head: slow-header clients are cut off.

uvicorn times out only idle keep-alive connections, and only after a first
response: a client that connects and sends nothing, or sends its request
line and headers a byte at a time (slowloris), holds its connection for as
long as it likes, and 2,000 of them held the server's sockets for a minute.
Here each request head (request line and headers) must arrive within
``head_timeout`` seconds of its connection opening or of its first byte on
a kept-alive connection; past that the server answers 408 and closes the
connection (one line in the log). Bodies have their own stall limit
(server/bodies.py), answers theirs (server/streaming.py).

This is uvicorn's httptools protocol with a timer added; ``zonegraph serve``
passes the class to uvicorn as its ``http`` protocol.
"""

from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_log = logging.getLogger("zonegraph.server")
_TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\n"
    b"content-length: %d\r\n\r\n%s"
)


class HeadDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol; a request head must arrive within ``head_timeout`` s."""

    head_timeout: float = 10.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm()

    def data_received(self, data: bytes) -> None:
        # Bytes between requests (the first of a kept-alive request, or stray CRLFs, which
        # uvicorn takes as activity that cancels its keep-alive timer) start the clock.
        if self._head_timer is None and (self.cycle is None or self.cycle.response_complete):
            self._arm()
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._head_timer is None:  # a pipelined request, behind one still being answered
            self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_overdue)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_overdue(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        client = "{}:{}".format(*self.client) if self.client else "a client"
        _log.info("closed %s: no complete request head within %g s", client, self.head_timeout)
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelined head is overdue while an answer is going out: finish that, then close.
            self.cycle.keep_alive = False
            return
        message = (
            f"the request line and headers did not arrive within {self.head_timeout:g} s "
            "(ZONEGRAPH_HEAD_TIMEOUT)\n"
        ).encode()
        self.transport.write(_TIMEOUT_ANSWER % (len(message), message))
        self.transport.close()


def with_head_timeout(seconds: float) -> type[HeadDeadlineProtocol]:
    """The protocol class to give uvicorn (``http=``) for a head deadline of ``seconds``."""
    return type("HeadDeadlineProtocol", (HeadDeadlineProtocol,), {"head_timeout": seconds})
