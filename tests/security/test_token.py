"""The update token is checked exactly: one header, ``Bearer``, one space, the token."""

from __future__ import annotations

import pytest

from tests.server.serverkit import GRAPH_B, TOKEN, make_client

ASK = {"query": f"ASK {{ GRAPH <{GRAPH_B}> {{ ?s ?p ?o }} }}"}


@pytest.fixture
def client(fresh_dir):
    with make_client(fresh_dir, max_concurrent_queries=1) as c:
        yield c


VARIANTS: dict[str, str | bytes] = {
    "two spaces": f"Bearer  {TOKEN}",
    "tab": f"Bearer\t{TOKEN}",
    "trailing space inside": f"Bearer {TOKEN} x",
    "no space": f"Bearer{TOKEN}",
    "other scheme": f"Basic {TOKEN}",
    "token only": TOKEN,
    "prefix of the token": f"Bearer {TOKEN[:-1]}",
    "token and more": f"Bearer {TOKEN}0",
    "wrong token": "Bearer nope",
    "empty": "",
    "scheme only": "Bearer",
    "non-ascii": "Bearer tökén".encode(),
}


@pytest.mark.parametrize("value", list(VARIANTS.values()), ids=list(VARIANTS))
def test_every_other_authorization_is_401_and_writes_nothing(client, value):
    drop = {"update": f"DROP GRAPH <{GRAPH_B}>"}
    r = client.post("/sparql", data=drop, headers={"authorization": value})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer ")
    r = client.delete("/store", params={"graph": GRAPH_B}, headers={"authorization": value})
    assert r.status_code == 401 and "www-authenticate" in r.headers
    assert client.get("/sparql", params=ASK).json()["boolean"] is True


def test_two_authorization_headers_are_401(client):
    headers = [("authorization", f"Bearer {TOKEN}"), ("authorization", f"Bearer {TOKEN}")]
    r = client.post("/sparql", data={"update": f"DROP GRAPH <{GRAPH_B}>"}, headers=headers)
    assert r.status_code == 401
    assert client.get("/sparql", params=ASK).json()["boolean"] is True


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_the_exact_form_writes(client, scheme):
    # RFC 9110: the scheme name is case-insensitive; the rest is exact.
    r = client.post(
        "/sparql",
        data={"update": f"DROP GRAPH <{GRAPH_B}>"},
        headers={"authorization": f"{scheme} {TOKEN}"},
    )
    assert r.status_code == 204
    assert client.get("/sparql", params=ASK).json()["boolean"] is False


def test_the_token_is_compared_in_constant_time(client, monkeypatch):
    """Every token the server checks goes through hmac.compare_digest, never ==.

    A timing test across a network would be flaky; what can be checked is that the
    comparison the answer depends on is the constant-time one.
    """
    import server.security

    seen: list[tuple[bytes, bytes]] = []
    real = server.security.hmac.compare_digest

    def spy(a, b):
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(server.security.hmac, "compare_digest", spy)
    for value, status in [(f"Bearer {TOKEN}x", 401), (f"Bearer {TOKEN}", 204)]:
        r = client.post("/sparql", data={"update": "CLEAR SILENT DEFAULT"},
                        headers={"authorization": value})  # fmt: skip
        assert r.status_code == status
    assert seen == [(f"{TOKEN}x".encode(), TOKEN.encode()), (TOKEN.encode(), TOKEN.encode())]
