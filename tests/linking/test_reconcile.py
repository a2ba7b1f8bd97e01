"""Reconciliation against a real SPARQL endpoint standing in for Wikidata."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from kg import iris
from kg.cli import app
from kg.errors import QueryError
from kg.link import LINKS_GRAPH, Endpoint, find_matches, reconcile

WD = "http://www.wikidata.org/entity/"
CDHT = iris.zone_iri("Chengdu High-Tech Industrial Development Zone")
MIANYANG = iris.zone_iri("Mianyang Economic and Technological Development Zone")
SSCIP = iris.zone_iri("Singapore-Sichuan High-Tech Innovation Park")
YAAN = iris.zone_iri("Ya'an Economic and Technological Development Zone")
TORCH = iris.org_iri("Torch High Technology Industry Development Center")
GERMANY = iris.country_iri("DE")

pytestmark = pytest.mark.slow


def _links(store, predicate: str) -> set[tuple[str, str]]:
    rows = store.select(f"SELECT ?s ?o WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s <{predicate}> ?o }} }}")
    return {(str(r["s"]), str(r["o"])) for r in rows}


SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
CLOSE = "http://www.w3.org/2004/02/skos/core#closeMatch"


def test_finds_the_right_items_and_writes_same_as(seeded_store, wikidata_endpoint):
    report = reconcile(seeded_store, wikidata_endpoint)
    same = _links(seeded_store, SAME_AS)
    assert (CDHT, WD + "Q990000101") in same
    assert (MIANYANG, WD + "Q990000102") in same
    # Matched through its Chinese label and an English alias, not the overseas namesake.
    assert (SSCIP, WD + "Q990000103") in same
    assert (GERMANY, WD + "Q183") in same
    assert report.count("sameAs") == 4
    # Nothing else is claimed to be the same: decoys are rejected, not linked.
    assert {o for _, o in same} == {
        WD + q for q in ("Q990000101", "Q990000102", "Q990000103", "Q183")
    }


def test_rejects_decoys_by_type_and_country(seeded_store, wikidata_endpoint):
    endpoint = Endpoint(wikidata_endpoint)
    matches = {m.entity.iri: m for m in find_matches(seeded_store, endpoint, kinds=["zone"])}
    endpoint.close()
    station = [c for c in matches[CDHT].candidates if c.item == WD + "Q990000201"]
    assert station and "metro station" in station[0].rejected
    office = [c for c in matches[SSCIP].candidates if c.item == WD + "Q990000202"]
    assert office and "another country" in office[0].rejected


def test_proposes_nothing_for_an_entity_that_is_not_there(seeded_store, wikidata_endpoint):
    reconcile(seeded_store, wikidata_endpoint)
    assert not any(
        s == YAAN for s, _ in _links(seeded_store, SAME_AS) | _links(seeded_store, CLOSE)
    )


def test_below_the_threshold_becomes_a_close_match_for_review(seeded_store, wikidata_endpoint):
    reconcile(seeded_store, wikidata_endpoint)
    # Name and type fit, the item states no country: 0.8, under the default 0.9.
    assert (TORCH, WD + "Q990000301") in _links(seeded_store, CLOSE)
    assert not any(s == TORCH for s, _ in _links(seeded_store, SAME_AS))


def test_a_lower_threshold_links_more(seeded_store, wikidata_endpoint):
    reconcile(seeded_store, wikidata_endpoint, threshold=0.8)
    assert (TORCH, WD + "Q990000301") in _links(seeded_store, SAME_AS)


def test_linked_entities_are_not_asked_again(seeded_store, wikidata_endpoint):
    reconcile(seeded_store, wikidata_endpoint)
    second = reconcile(seeded_store, wikidata_endpoint)
    assert CDHT not in {m.entity.iri for m in second.matches}
    assert second.count("sameAs") == 0
    # The graph keeps the first run's links.
    assert (CDHT, WD + "Q990000101") in _links(seeded_store, SAME_AS)


def test_links_graph_has_a_load_record(seeded_store, wikidata_endpoint):
    reconcile(seeded_store, wikidata_endpoint)
    assert seeded_store.ask(
        f"ASK {{ GRAPH <{iris.CATALOG_GRAPH}> {{ ?r <{iris.DZ}graph> <{LINKS_GRAPH}> ; "
        f'<{iris.DZ}loader> "link" }} }}'
    )


def test_an_unreachable_endpoint_is_an_error_that_says_what_to_do(seeded_store):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens on the port any more: the connection is refused.
    with pytest.raises(QueryError, match="check --endpoint"):
        reconcile(seeded_store, f"http://127.0.0.1:{port}/query")
    assert LINKS_GRAPH not in seeded_store.graphs()


def test_cli_prints_a_table_of_what_it_did(tmp_path, wikidata_endpoint):
    result = CliRunner().invoke(
        app,
        ["link", "--endpoint", wikidata_endpoint, "--store", str(tmp_path / "store")],
        env={"COLUMNS": "250"},
    )
    assert result.exit_code == 0, result.output
    assert "Q990000101" in result.output
    assert "sameAs" in result.output and "closeMatch" in result.output
    assert "Chengdu High-Tech Industrial Development Zone" in result.output
