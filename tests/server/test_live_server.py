"""The real server (uvicorn on 127.0.0.1): time limits, real clients, the curl examples in docs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper

from tests.server.serverkit import EX, GRAPH_B, TOKEN

pytestmark = pytest.mark.slow

DOCS = [Path(__file__).parents[2] / "docs" / "server.md", Path(__file__).parents[2] / "README.md"]
# Five triple patterns over ~2000 triples: 3 * 10^16 solutions, never finishes.
PATHOLOGICAL = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . ?g ?p4 ?h . ?i ?p5 ?j }"
)
LOOKUP = f"SELECT ?c WHERE {{ <{EX}zone/1> <{EX}partner> ?c }}"


def test_pathological_query_times_out_while_simple_ones_keep_answering(live):
    slow_status: list[int] = []

    def slow():
        r = httpx.get(live.url + "/sparql", params={"query": PATHOLOGICAL}, timeout=30)
        slow_status.append(r.status_code)
        slow_status.append(r.text)

    started = time.monotonic()
    thread = threading.Thread(target=slow)
    thread.start()
    latencies = []
    client = httpx.Client(base_url=live.url, timeout=10)
    while thread.is_alive() and time.monotonic() - started < 20:
        t = time.monotonic()
        r = client.get("/sparql", params={"query": LOOKUP})
        latencies.append(time.monotonic() - t)
        assert r.status_code == 200
        assert r.json()["results"]["bindings"][0]["c"]["value"] == f"{EX}country/sg"
        time.sleep(0.05)
    thread.join(30)
    elapsed = time.monotonic() - started
    assert slow_status[0] == 503 and "time limit" in slow_status[1]
    assert 1.4 < elapsed < 10  # stopped at the 1.5 s limit, not at the end of the query
    assert len(latencies) >= 5 and max(latencies) < 1.0
    # the killed worker was replaced: the pool still runs two queries at once
    time.sleep(1)
    results = []
    threads = [
        threading.Thread(
            target=lambda: results.append(
                httpx.get(live.url + "/sparql", params={"query": LOOKUP}, timeout=10).status_code
            )
        )
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 4


def test_sparqlwrapper(live):
    sparql = SPARQLWrapper(live.url + "/sparql")
    sparql.setQuery(LOOKUP)
    sparql.setReturnFormat(JSON)
    rows = sparql.queryAndConvert()["results"]["bindings"]
    assert rows[0]["c"]["value"] == f"{EX}country/sg"
    sparql.setMethod(POST)
    sparql.setReturnFormat(CSV)
    assert f"{EX}country/sg" in sparql.queryAndConvert().decode()
    sparql.setMethod("GET")
    sparql.setQuery(f"CONSTRUCT WHERE {{ <{EX}zone/1> <{EX}partner> ?c }}")
    sparql.setReturnFormat(TURTLE)
    g = Graph().parse(data=sparql.queryAndConvert(), format="turtle")
    assert len(g) == 1
    bad = SPARQLWrapper(live.url + "/sparql")
    bad.setQuery("SELEC nothing")
    with pytest.raises(Exception, match=r"400|QueryBadFormed"):
        bad.queryAndConvert()


def test_sparqlwrapper_update_with_token(live):
    sparql = SPARQLWrapper(live.url + "/sparql")
    sparql.setMethod(POST)
    sparql.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sparql.setQuery(f'INSERT DATA {{ GRAPH <{EX}graph/w> {{ <{EX}w> <{EX}p> "wrapped" }} }}')
    sparql.query()
    r = httpx.get(live.url + "/sparql", params={"query": f"ASK {{ <{EX}w> ?p ?o }}"})
    assert r.json()["boolean"] is True


def test_rdflib_sparqlstore(live):
    g = Graph(SPARQLStore(live.url + "/sparql", returnFormat="json"))
    rows = list(g.query(LOOKUP))
    assert rows[0][0] == URIRef(f"{EX}country/sg")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert list(g.objects(URIRef(f"{EX}zone/1"), label)) == [Literal("Zone one", lang="en")]
    assert g.query(f"ASK {{ GRAPH <{GRAPH_B}> {{ ?s ?p ?o }} }}").askAnswer is True


def _examples() -> list[str]:
    return [
        block
        for doc in DOCS
        for block in re.findall(r"```sh\n(.*?)```", doc.read_text(), flags=re.S)
        if "$ZONEGRAPH/" in block
    ]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("index", range(len(_examples())))
def test_curl_examples_in_the_docs(live, index):
    script = _examples()[index]
    env = {**os.environ, "ZONEGRAPH": live.url, "ZONEGRAPH_UPDATE_TOKEN": TOKEN}
    out = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.strip(), "every example prints something"
    assert "rror" not in text.split("\n")[0] or "Violation" in text
    for code in re.findall(r"^\d{3}$", text, flags=re.M):
        assert code in ("200", "201", "204")
    if "text/csv" in script:
        assert text.startswith("s,label\n") and "Zone one" in text
    if "COUNT(*)" in script:
        assert '"triples"' in text
    if "ask.rq" in script:
        assert "<boolean>true</boolean>" in text
    if "Accept: text/turtle" in script:
        assert "sd:Service" in text
    if "/validate" in script:
        assert '"conforms": false' in text
    if "-X PUT" in script:
        assert text.split()[0] in ("201", "204")
    if "-X DELETE" in script:
        assert '"hello"' in text and text.split()[-1] == "204"
