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
