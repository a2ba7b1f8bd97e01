"""How the CLI and a running server find each other, and the CLI goes through the server.

``zonegraph serve --store DIR`` holds the embedded store's lock for as long as it runs,
so a second process cannot open ``DIR``. While it serves, the server keeps a small file
next to the store, ``DIR.server.json`` (``{"url": ..., "pid": ...}``), written
atomically at start and removed at exit. When the CLI finds the store locked and that
file names a live process, it reads through the server's ``/sparql`` endpoint and writes
through its Graph Store (``/store``, with the token of ``ZONEGRAPH_UPDATE_TOKEN``), where
the server applies the same validation gate as a local load.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from kg.errors import StoreError
from kg.remote import RemoteStore

TOKEN_VARIABLE = "ZONEGRAPH_UPDATE_TOKEN"


def server_file(store: str | Path) -> Path:
    """The file beside the store directory that names the server holding it."""
    path = Path(store).resolve()
    return path.with_name(path.name + ".server.json")


@contextlib.contextmanager
def announce(store: str | Path, url: str) -> Iterator[Path]:
    """Keep ``server_file(store)`` naming this process and ``url`` while the block runs."""
    target = server_file(store)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    temporary.write_text(json.dumps({"url": url, "pid": os.getpid()}) + "\n", encoding="utf-8")
    os.replace(temporary, target)
    try:
        yield target
    finally:
        with contextlib.suppress(OSError):
            if _read(target).get("pid") == os.getpid():
                target.unlink()


def running_server(store: str | Path) -> str | None:
    """The base URL of the live server that holds ``store``, or None."""
    info = _read(server_file(store))
    url, pid = info.get("url"), info.get("pid")
    if not isinstance(url, str) or not isinstance(pid, int) or not process_alive(pid):
        return None
    return url if url.endswith("/") else url + "/"


def through_server(url: str, env: dict[str, str] | None = None) -> ServerStore:
    """A store that reaches the server at base ``url``; writes need the update token."""
    env = dict(os.environ if env is None else env)
    token = env.get(TOKEN_VARIABLE, "")
    store = ServerStore(
        url + "sparql",
        update_url=url + "sparql",
        gsp_url=url + "store",
        env={"ZONEGRAPH_REMOTE_TOKEN": token} if token else {},
        union_param="",
        progress=None,
    )
    store.can_write = bool(token)
    return store


class ServerStore(RemoteStore):
    """A zonegraph server as a store: each source graph is replaced by a Graph Store PUT.

    The server validates the graph with its shapes before committing it (HTTP 422 with
    the report when it refuses), and one PUT is one atomic replacement of that graph.
    """

    can_write = False

    def _writing(self) -> None:
        if not self.can_write:
            raise StoreError(
                f"the store is held by the zonegraph server at {_base(self.query_url)}; to "
                f"write through it, set {TOKEN_VARIABLE} to the token the server was started "
                "with (or stop the server)"
            )

    def update(self, sparql: str) -> None:
        self._writing()
        super().update(sparql)

    def add_to_graph(self, graph: str, ntriples: bytes) -> None:
        self._writing()
        super().add_to_graph(graph, ntriples)

    def replace_graphs(self, graphs: dict[str, bytes], *, then: str = "") -> None:
        self._writing()
        for graph, data in graphs.items():
            target = f"{self.gsp_url}?graph={quote(graph, safe='')}"
            if data.strip():
                self._send(
                    "PUT",
                    target,
                    f"replace graph <{graph}>",
                    content=data,
                    headers={"Content-Type": "application/n-triples"},
                )
            else:
                self.update(f"DROP SILENT GRAPH <{graph}>")
        if then:
            self.update(then)


def _base(query_url: str) -> str:
    return query_url.removesuffix("sparql")


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
