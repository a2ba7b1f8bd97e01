"""A counting listener on 127.0.0.1: how many connections the server opened to it."""

from __future__ import annotations

import socket
import threading

SECRET = b"INTERNAL-PAGE-7c1e"
_ANSWER = (
    b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: "
    + str(len(SECRET)).encode()
    + b"\r\nConnection: close\r\n\r\n"
    + SECRET
)


class CountingListener:
    """Accepts connections, counts them, answers a 500 page holding SECRET, closes.

    Bound to 127.0.0.1 on a free port; the accept loop ends with close().
    """

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.count = 0
        self._open = True
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while self._open:
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            self.count += 1
            with conn:
                conn.settimeout(1)
                try:
                    conn.recv(65536)
                    conn.sendall(_ANSWER)
                except OSError:
                    pass

    def close(self) -> None:
        self._open = False
        self._thread.join(2)
        self._sock.close()
