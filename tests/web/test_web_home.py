"""The home page: what the dataset is, and the query editor with the example queries."""

from __future__ import annotations

import json
import re

from kg import iris
from server.pages.examples import QUERIES, examples


def _editor_config(page: str) -> dict:
    raw = re.search(
        r'<script type="application/json" id="editor-config">(.*?)</script>', page, re.S
    )
    return json.loads(raw[1])


def test_home_lists_the_loaded_sources_with_links_to_their_text(client, web_store):
    store, _ = web_store
    page = client.get("/").text
    records = store.select(
        f"SELECT ?label {{ GRAPH <{iris.CATALOG_GRAPH}> {{ ?r a <{iris.DZ}LoadRecord> ; "
        f"<{iris.PREFIXES['rdfs']}label> ?label }} }}"
    )
    assert len(records) >= 3
    for row in records:
        assert str(row["label"]) in page
    assert 'href="/source/sichuan-development-zones-2021"' in page
    assert 'href="/source/chengdu-hightech-internationalization-index"' in page


def test_home_counts_observations(client, web_store):
    store, _ = web_store
    n = store.select(f"SELECT (COUNT(?o) AS ?n) {{ ?o a <{iris.PREFIXES['qb']}Observation> }}")[0][
        "n"
    ]
    assert int(n) > 0
    assert f"<strong>{int(n):,}</strong> observations" in client.get("/").text


def test_the_editor_gets_every_example_query_as_a_tab(client):
    config = _editor_config(client.get("/").text)
    assert config["endpoint"] == "/sparql"
    files = sorted(QUERIES.glob("*.rq"))
    assert [e["title"] for e in config["examples"]] == [e.title for e in examples()]
    assert len(config["examples"]) == max(len(files), 1)
    for example in config["examples"]:
        # Prefixes are declared, so every tab runs as it is.
        used = set(re.findall(r"(?<![\w:<\"#/.-])([a-z][\w-]*):\w", example["query"]))
        declared = set(re.findall(r"PREFIX\s+([\w-]+):", example["query"]))
        assert used <= declared | {"http", "https", "urn"}, example["title"]


def test_the_example_queries_run_and_answer(client):
    config = _editor_config(client.get("/").text)
    answered = 0
    for example in config["examples"]:
        if "SERVICE" in example["query"].upper():
            continue  # federated examples need the network
        r = client.post("/sparql", data={"query": example["query"]},
                        headers={"accept": "application/sparql-results+json"})  # fmt: skip
        assert r.status_code == 200, (example["title"], r.text)
        answered += 1
    assert answered >= 1
