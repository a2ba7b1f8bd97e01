"""SSRF through SPARQL: SERVICE in every position and spelling, LOAD, and the workers' own network.

Every case runs against a counting listener on 127.0.0.1: a refused request
opens no connection to it. The parser-level cases run with federation on (an
allow-list naming another endpoint), so the workers have network and only the
query check stands between the request and the listener.
"""

from __future__ import annotations

import asyncio

import pytest

from server.execution import QueryJob
from server.workers import ProcessPool
from tests.security.listener import SECRET
from tests.server.serverkit import TOKEN, build_store, make_client

ALLOWED = "http://127.0.0.1:9/allowed-sparql"  # port 9 (discard): never listened to in tests
AUTH = {"authorization": f"Bearer {TOKEN}"}

# How SERVICE and its target are spelled; {url} is the listener's endpoint, {root} its root.
SPELLINGS = {
    "spaced": ("", "SERVICE <{url}> {{ ?s ?p ?o }}"),
    "no-space": ("", "SERVICE<{url}>{{ ?s ?p ?o }}"),
    "comment-between": ("", "SERVICE#note\n<{url}> {{ ?s ?p ?o }}"),
    "lower-case": ("", "service <{url}> {{ ?s ?p ?o }}"),
    "mixed-case": ("", "SeRvIcE\t<{url}> {{ ?s ?p ?o }}"),
    "silent": ("", "SERVICE SILENT <{url}> {{ ?s ?p ?o }}"),
    "silent-no-space": ("", "SERVICE SILENT<{url}>{{ ?s ?p ?o }}"),
    "prefixed-name": ("PREFIX evil: <{root}>\n", "SERVICE evil:sparql {{ ?s ?p ?o }}"),
    "empty-prefix": ("PREFIX : <{root}>\n", "SERVICE :sparql {{ ?s ?p ?o }}"),
    "base-relative": ("BASE <{root}>\n", "SERVICE <sparql> {{ ?s ?p ?o }}"),
    "variable": ("", "VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }}"),
    # SERVICE?e once crashed the query worker in serialisation instead of a 400.
    "variable-no-space": ("", "VALUES ?e {{ <{url}> }} SERVICE?e{{ ?s ?p ?o }}"),
    "codepoint-escape": ("", "SERVIC\\u0045 <{url}> {{ ?s ?p ?o }}"),
}
# Where the SERVICE clause stands: CLAUSE is one of the spellings.
POSITIONS = {
    "where": "SELECT * WHERE { CLAUSE }",
    "optional": "SELECT * WHERE { ?a ?b ?c OPTIONAL { CLAUSE } }",
    "filter-exists": "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { CLAUSE } }",
    "subquery": "SELECT * WHERE { { SELECT * WHERE { CLAUSE } } }",
    "union": "SELECT * WHERE { { ?a ?b ?c } UNION { CLAUSE } }",
    "ask": "ASK { CLAUSE }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { CLAUSE }",
    "beside-allowed": "SELECT * WHERE { SERVICE <" + ALLOWED + "> { ?x ?y ?z } CLAUSE }",
}


def _parts(listener, spelling: str) -> tuple[str, str]:
    prologue, clause = SPELLINGS[spelling]
    fill = {"url": listener.url, "root": listener.url.removesuffix("sparql")}
    return prologue.format(**fill), clause.format(**fill)


def _query(listener, spelling: str, position: str) -> str:
    prologue, clause = _parts(listener, spelling)
    return prologue + POSITIONS[position].replace("CLAUSE", clause)


@pytest.fixture(scope="module")
def federated(store_dir):
    with make_client(store_dir, service_allowlist=[ALLOWED], max_concurrent_queries=1) as c:
        yield c


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_service_outside_the_allowlist_is_refused_before_any_connection(
    federated, listener, spelling, position
):
    query = _query(listener, spelling, position)
    r = federated.get("/sparql", params={"query": query})
    assert r.status_code == 400, r.text
    assert "ZONEGRAPH_SERVICE_ALLOWLIST" in r.text
    assert listener.count == 0


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_service_in_an_update_where_is_refused(fresh_dir, listener, spelling):
    prologue, clause = _parts(listener, spelling)
    update = prologue + "INSERT { <http://ex/a> <http://ex/b> ?o } WHERE { " + clause + " }"
    with make_client(fresh_dir, service_allowlist=[ALLOWED], max_concurrent_queries=1) as c:
        r = c.post("/sparql", data={"update": update}, headers=AUTH)
    assert r.status_code == 400, r.text
    assert listener.count == 0


def test_strings_and_comments_that_mention_service_are_not_refused(federated, listener):
    quoted = (
        f'SELECT * WHERE {{ ?s ?p "SERVICE <{listener.url}>" . '
        f"?s ?p '''SERVICE <{listener.url}>''' }} # SERVICE <{listener.url}>"
    )
    assert federated.get("/sparql", params={"query": quoted}).status_code == 200
    assert listener.count == 0


@pytest.mark.parametrize("silent", ["", "SILENT "])
def test_load_obeys_the_allowlist(fresh_dir, listener, silent):
    with make_client(fresh_dir, max_concurrent_queries=1) as c:
        r = c.post("/sparql", data={"update": f"LOAD {silent}<{listener.url}>"}, headers=AUTH)
        assert r.status_code == 400 and "ZONEGRAPH_SERVICE_ALLOWLIST" in r.text
        into = f"LOAD{silent and ' SILENT'}<{listener.url}> INTO GRAPH <http://ex/g>"
        assert c.post("/sparql", data={"update": into}, headers=AUTH).status_code == 400
    assert listener.count == 0


@pytest.mark.parametrize("target", ["file:///etc/passwd", "FILE:///etc/hostname", "ftp://x/y"])
def test_load_of_a_non_http_url_is_400(fresh_dir, target):
    with make_client(fresh_dir, service_allowlist=[target], max_concurrent_queries=1) as c:
        r = c.post("/sparql", data={"update": f"LOAD <{target}>"}, headers=AUTH)
    assert r.status_code == 400 and "http" in r.text


def test_a_failing_allowed_endpoint_is_502_without_its_body(fresh_dir, listener):
    with make_client(fresh_dir, service_allowlist=[listener.url], max_concurrent_queries=1) as c:
        q = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
        r = c.get("/sparql", params={"query": q})
    assert listener.count >= 1  # the allowed call did go out
    assert r.status_code == 502
    assert SECRET.decode() not in r.text


def _run_in_pool(store_dir, job: QueryJob, *, isolate: bool):
    from kg.store import open_store

    async def go():
        store = open_store(store_dir, read_only=True)
        pool = ProcessPool(store, 1, 10, isolate=isolate)
        await pool.start()
        try:
            return await pool.run(job)
        finally:
            await pool.close()

    return asyncio.run(go())


@pytest.mark.parametrize("isolate", [True, False])
def test_a_worker_without_federation_cannot_connect_even_past_the_check(
    tmp_path, store_dir, listener, isolate
):
    # The job goes straight to a worker, as if the query check had missed it.
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    job = QueryJob(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
    answer = _run_in_pool(copy, job, isolate=isolate)
    assert answer.status != 200
    if isolate:
        assert listener.count == 0
    else:  # the control: a networked worker does reach the listener
        assert listener.count >= 1


def test_the_default_server_isolates_its_workers(fresh_dir, tmp_path):
    with make_client(fresh_dir, max_concurrent_queries=1) as c:
        assert c.app.state.zonegraph.runner.isolate is True
    other = build_store(tmp_path / "other")
    with make_client(other, service_allowlist=[ALLOWED], max_concurrent_queries=1) as c:
        assert c.app.state.zonegraph.runner.isolate is False
