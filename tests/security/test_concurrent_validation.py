"""Concurrent SHACL validations on a fresh server all answer correctly, from the first one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.server.serverkit import TOKEN, LiveServer, build_store

ZONE = """\
@prefix dz: <https://w3id.org/zonegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/zonegraph/id/zone/test-zone-{n}> a dz:DevelopmentZone ;
    rdfs:label "Test zone {n}"@en .
"""
TURTLE = {"content-type": "text/turtle", "accept": "application/json"}


def test_eight_concurrent_validations_on_a_fresh_server(tmp_path):
    server = LiveServer(build_store(tmp_path / "store"))
    try:

        def validate(n: int) -> httpx.Response:
            return httpx.post(
                server.url + "/validate", content=ZONE.format(n=n), headers=TURTLE, timeout=60
            )

        def put(n: int) -> httpx.Response:
            return httpx.put(
                server.url + "/store",
                params={"graph": f"http://example.org/graph/new-{n}"},
                content=ZONE.format(n=n),
                headers={**TURTLE, "authorization": f"Bearer {TOKEN}"},
                timeout=60,
            )

        with ThreadPoolExecutor(10) as pool:
            first = list(pool.map(validate, range(8)))
            writes = [pool.submit(put, n) for n in range(2)]
            later = list(pool.map(validate, range(8, 10)))
        for r in first + later:
            assert r.status_code == 200, r.text
            assert "conforms" in r.json()
        assert [w.result().status_code for w in writes] == [201, 201]
        assert validate(99).status_code == 200
    finally:
        server.stop()
