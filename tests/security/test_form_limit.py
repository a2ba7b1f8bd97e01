"""/validate/form refuses a body over its limit while reading it, before any of it is kept."""

from __future__ import annotations

import pytest
from starlette import formparsers

from server.pages.validate_form import MAX_BYTES
from tests.server.serverkit import make_client


@pytest.fixture(scope="module")
def client(store_dir):
    with make_client(store_dir, max_concurrent_queries=1) as c:
        yield c


def test_an_upload_over_the_limit_is_413_without_spooling_it(client, monkeypatch):
    spooled = []
    original = formparsers.SpooledTemporaryFile

    def counting(*args, **kwargs):
        spooled.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(formparsers, "SpooledTemporaryFile", counting)
    big = b"<http://e/s> <http://e/p> <http://e/o> .\n" * (MAX_BYTES // 40 + 1000)
    r = client.post(
        "/validate/form",
        files={"file": ("big.nt", big, "application/n-triples")},
        data={"format": "auto"},
    )
    assert r.status_code == 413 and "Keep it under" in r.text
    assert spooled == []  # the multipart parser never saw the body


def test_a_small_upload_is_still_validated(client):
    r = client.post(
        "/validate/form",
        files={"file": ("ok.nt", b"<http://e/s> <http://e/p> <http://e/o> .\n", "text/plain")},
        data={"format": "auto"},
    )
    assert r.status_code == 200


def _request(messages):
    from starlette.requests import Request

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    scope = {"type": "http", "method": "POST", "path": "/", "headers": [], "query_string": b""}
    return Request(scope, receive)


def test_a_client_that_goes_away_mid_body_is_one_line_not_a_traceback(caplog):
    import asyncio

    from starlette.exceptions import HTTPException

    from server.bodies import read_body

    request = _request([{"type": "http.request", "body": b"abc", "more_body": True}])
    caplog.set_level("INFO", "zonegraph.server")
    with pytest.raises(HTTPException) as e:
        asyncio.run(read_body(request, 1000))
    assert e.value.status_code == 400
    assert caplog.messages == ["the client went away while sending the request body"]


def test_a_body_that_stalls_is_408(monkeypatch):
    import asyncio

    from starlette.exceptions import HTTPException

    from server import bodies

    monkeypatch.setattr(bodies, "BODY_STALL", 0.2)

    async def stalled():
        await asyncio.sleep(5)

    request = _request([{"type": "http.request", "body": b"abc", "more_body": True}])
    request._receive = stalled
    with pytest.raises(HTTPException) as e:
        asyncio.run(bodies.read_body(request, 1000))
    assert e.value.status_code == 408
