"""Any origin may query across origins; only ZONEGRAPH_CORS_WRITE_ORIGINS may write."""

from __future__ import annotations

import pytest

from tests.server.serverkit import make_client

FRIEND, STRANGER = "https://editor.example.org", "https://evil.example"


@pytest.fixture(scope="module")
def client(store_dir):
    with make_client(store_dir, cors_write_origins=[FRIEND], max_concurrent_queries=1) as c:
        yield c


def _preflight(client, path, origin, method, headers="content-type"):
    return client.options(
        path,
        headers={
            "origin": origin,
            "access-control-request-method": method,
            "access-control-request-headers": headers,
        },
    )


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/sparql", "POST", "authorization, content-type"),
        ("/sparql", "POST", "Authorization"),
        ("/store", "PUT", "content-type"),
        ("/store", "DELETE", ""),
        ("/store", "POST", "authorization,content-type"),
    ],
)
def test_write_preflights_pass_only_for_configured_origins(client, path, method, headers):
    refused = _preflight(client, path, STRANGER, method, headers)
    assert refused.status_code == 403 and "ZONEGRAPH_CORS_WRITE_ORIGINS" in refused.text
    assert "access-control-allow-origin" not in refused.headers
    allowed = _preflight(client, path, FRIEND, method, headers)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == FRIEND
    assert method in allowed.headers["access-control-allow-methods"]


def test_query_preflights_pass_for_any_origin(client):
    r = _preflight(client, "/sparql", STRANGER, "POST", "content-type")
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] in ("*", STRANGER)
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": STRANGER})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"


def test_no_write_origin_by_default(fresh_dir):
    with make_client(fresh_dir, max_concurrent_queries=1) as c:
        r = _preflight(c, "/sparql", FRIEND, "POST", "authorization")
        assert r.status_code == 403
