"""Test kit: free ports on 127.0.0.1 and real `oxigraph serve` processes (PyPI `oxigraph`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def oxigraph_binary() -> str:
    """The `oxigraph` command of the PyPI package `oxigraph` (test extras)."""
    found = shutil.which("oxigraph") or shutil.which(
        "oxigraph", path=str(Path(sys.executable).parent)
    )
    if not found:
        pytest.fail(
            "the `oxigraph` command is missing; install the test extras: pip install -e '.[test]'"
        )
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """An `oxigraph serve` process on 127.0.0.1 over a directory that outlives restarts."""

    def __init__(self, location: Path, *, read_only: bool = False) -> None:
        self.location = location
        self.command = "serve-read-only" if read_only else "serve"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                oxigraph_binary(),
                self.command,
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"oxigraph serve exited: {err}")
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"oxigraph serve did not answer on port {self.port} within 20 s")

    def kill(self) -> None:
        """Stop the server abruptly, as a crash or a cut cable would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
