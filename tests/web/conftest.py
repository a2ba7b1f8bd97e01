"""Fixtures for the web pages: a store with the default corpus, the app, a real uvicorn.

The corpus is loaded with the real loaders and ``ingest_file`` but without the
SHACL step, which takes minutes on a shared machine and is tested elsewhere;
the validation form tests run real validation on small files.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg import ingest, iris
from kg.config import Settings
from kg.store import Store, open_store
from kg.validation import ValidationReport

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "data" / "documents"
EVIL_LABEL = '<script>alert("owned")</script> Zone'
EVIL_IRI = iris.zone_iri("evil label zone")
EVIL_PARK = iris.zone_iri("evil label park")


def _build(path: Path) -> Store:
    store = open_store(path)
    ingest.ensure_seeded(store)
    real_validate = ingest.validate
    ingest.validate = lambda graph: ValidationReport(conforms=True)
    try:
        for f in sorted(DOCUMENTS.glob("*.txt")):
            ingest.ingest_file(store, f)
        evil = Graph()
        evil.add((URIRef(EVIL_IRI), RDF.type, URIRef(iris.DZ + "HighTechZone")))
        evil.add((URIRef(EVIL_IRI), RDFS.label, Literal(EVIL_LABEL, lang="en")))
        # A park too, so the label also travels inside a chart spec (JSON in a <script>).
        park = URIRef(EVIL_PARK)
        evil.add((park, RDF.type, URIRef(iris.DZ + "CooperationPark")))
        evil.add((park, RDFS.label, Literal(EVIL_LABEL.replace("Zone", "Park"), lang="en")))
        evil.add((park, URIRef(iris.DZ + "partOfZone"), URIRef(EVIL_IRI)))
        ingest.ingest_graph(store, iris.source_graph("evil"), evil, source_id="evil")
    finally:
        ingest.validate = real_validate
    return store


def make_app(store: Store, store_dir: Path) -> FastAPI:
    """The server app with the pages mounted, the way ``zonegraph serve`` builds it."""
    from server.app import create_app

    app = create_app(Settings(store=str(store_dir)), store=store)
    if not hasattr(app.state, "zonegraph_pages"):
        from server.pages import register

        register(app, lambda request: request.app.state.zonegraph.store)
    return app


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> Iterator[tuple[Store, Path]]:
    path = tmp_path_factory.mktemp("web") / "store"
    store = _build(path)
    yield store, path
    store.close()


@pytest.fixture(scope="session")
def web_app(web_store) -> FastAPI:
    return make_app(*web_store)


@pytest.fixture(scope="session")
def client(web_app) -> Iterator[TestClient]:
    with TestClient(web_app) as c:
        yield c


@dataclass
class Live:
    """A uvicorn serving the app on 127.0.0.1."""

    url: str
    server: object
    thread: threading.Thread


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live(web_store) -> Iterator[Live]:
    import uvicorn

    # An app of its own: the query workers' pipes belong to the event loop that first used
    # them, and the TestClient's loop is not uvicorn's.
    port = _free_port()
    config = uvicorn.Config(make_app(*web_store), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start within 60 s")
        time.sleep(0.05)
    yield Live(f"http://127.0.0.1:{port}", server, thread)
    server.should_exit = True
    thread.join(timeout=30)
