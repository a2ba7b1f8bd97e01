"""Federated example queries against the local stand-in endpoint, and the SERVICE allow-list."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from kg.config import Settings

QUERIES = Path(__file__).parents[2] / "ontology" / "queries"
WIKIDATA_SPARQL = "<https://query.wikidata.org/sparql>"

pytestmark = pytest.mark.slow


def _federated(name: str, endpoint: str) -> str:
    text = (QUERIES / name).read_text(encoding="utf-8")
    assert WIKIDATA_SPARQL in text
    # The example names Wikidata's endpoint; tests ask the local stand-in instead.
    return text.replace(WIKIDATA_SPARQL, f"<{endpoint}>")


def test_example_queries_are_federated():
    assert sorted(p.name for p in QUERIES.glob("federated-*.rq")) == [
        "federated-partner-country-population.rq",
        "federated-zone-city-population.rq",
    ]


def test_zone_city_population_joins_rows_through_the_store(seeded_store, wikidata_endpoint):
    rows = seeded_store.select(_federated("federated-zone-city-population.rq", wikidata_endpoint))
    by_zone = {str(r["zoneLabel"]): (str(r["city"]), int(r["population"])) for r in rows}
    assert by_zone["Chengdu High-Tech Industrial Development Zone"] == (
        "http://www.wikidata.org/entity/Q30002",
        20_900_000,
    )
    assert by_zone["Mianyang Economic and Technological Development Zone"][1] == 4_900_000
    assert len(by_zone) >= 4


def test_partner_country_population_joins_rows(seeded_store, wikidata_endpoint):
    rows = seeded_store.select(
        _federated("federated-partner-country-population.rq", wikidata_endpoint)
    )
    assert ("Singapore-Sichuan High-Tech Innovation Park", 5_600_000) in {
        (str(r["parkLabel"]), int(r["population"])) for r in rows
    }


class _Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def server_client(seeded_store, wikidata_endpoint):
    app_module = pytest.importorskip("server.app")
    from fastapi.testclient import TestClient

    settings = Settings(store=":unused:", service_allowlist=[wikidata_endpoint])
    with TestClient(app_module.create_app(settings, store=seeded_store)) as client:
        yield client


def test_federated_query_through_sparql_endpoint(server_client, wikidata_endpoint):
    query = _federated("federated-zone-city-population.rq", wikidata_endpoint)
    response = server_client.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    assert {r["city"]["value"] for r in rows} >= {"http://www.wikidata.org/entity/Q30002"}


def test_service_to_a_non_allowed_endpoint_is_refused_without_a_connection(server_client):
    listener = _Listener()
    try:
        query = (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        )
        response = server_client.post("/sparql", data={"query": query})
        assert response.status_code == 400
        assert "refused" in response.text
        # Same through GET, and with SILENT, which must not turn a refusal into a call.
        silent = query.replace("SERVICE", "SERVICE SILENT")
        assert server_client.get("/sparql", params={"query": silent}).status_code == 400
    finally:
        listener.close()
    assert listener.accepted == 0


def test_the_listener_does_count_connections():
    # The proof above means something only if the listener sees a connection when one is made.
    listener = _Listener()
    try:
        with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
            pass
        for _ in range(50):
            if listener.accepted:
                break
            threading.Event().wait(0.02)
    finally:
        listener.close()
    assert listener.accepted == 1
