"""The zonegraph server in front of a remote engine passes the same SPARQL Protocol tests.

The read-only protocol tests of tests/server run here again, with the app's
store a RemoteStore on a real `oxigraph serve` holding the same data: status
codes, content types and formats must pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kg.config import Settings
from kg.remote import RemoteStore
from server.app import create_app
from tests.server import test_sparql_protocol as protocol
from tests.server.serverkit import GRAPH_A, GRAPH_B, TOKEN, build_store

# The tests of the protocol module that only read through `client`.
READ_ONLY = [
    name
    for name, fn in vars(protocol).items()
    if name.startswith("test_")
    and callable(fn)
    and set(fn.__code__.co_varnames[: fn.__code__.co_argcount])
    <= {"client", "method", "accept", "media", "rdflib_format", "fmt", "content_type"}
]
globals().update({name: getattr(protocol, name) for name in READ_ONLY})


@pytest.fixture(scope="module")
def client(oxigraph_server, tmp_path_factory) -> Iterator[TestClient]:
    # The same two graphs as the embedded suite, copied onto the remote engine.
    from kg.store import open_store

    embedded = open_store(build_store(tmp_path_factory.mktemp("remote-src") / "store"))
    remote = RemoteStore(oxigraph_server.query_url, env={})
    remote.update("DROP ALL")
    remote.replace_graphs({g: embedded.export("ntriples", graph=g) for g in (GRAPH_A, GRAPH_B)})
    settings = Settings(
        store=oxigraph_server.query_url, update_token=TOKEN, base_url="http://testserver"
    )
    with TestClient(create_app(settings, store=remote)) as c:
        yield c


def test_the_protocol_suite_is_really_rerun_here():
    assert len(READ_ONLY) >= 15
