"""Malformed URL paths and a bounded fuzz of every route: 4xx with a message, never a 5xx.

Against a real server on 127.0.0.1: uvicorn decodes paths itself (leniently),
which the ASGI test client does not reproduce.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import httpx
import pytest

from tests.server.serverkit import TOKEN, LiveServer

MALFORMED = ["/id/%", "/id/%ZZ", "/id/%FF", "/id/%E4%B8", "/store/%ZZ", "/source/%FF", "/%ZZ"]
# Well-formed URLs whose decoded path no IRI may have: nothing by that name (404).
NOT_IRIS = [
    "/id/%00",
    "/id/zone/%25ZZ",  # decodes to a % that is no escape
    "/id/zone/%EF%BF%BD",  # U+FFFD, not allowed in an IRI
    "/id/zone/a%5Bb",
    "/id/zone/x%0A.ttl",
    "/store/a%3Eb",
]
# Pieces a fuzzed path or parameter is made of: malformed escapes, IRI breakers, suffixes.
PIECES = [
    "%ZZ", "%", "%FF", "%00", "%E4%B8", "%25ZZ", "%3E", "%5B", "%EF%BF%BD", "%22", "%7B",
    "'", '"', "..", "%2F", "a", "zone", ".ttl", ".html", ".jsonld", "%0A", "x" * 300, ";",
    "%3F", "%23", "~", "%E6%88%90",
]  # fmt: skip
ROUTES = [
    "/", "/browse", "/browse/", "/catalog", "/dumps/", "/id/", "/id/zone/", "/ontology",
    "/search", "/shapes", "/slice.csv", "/source/", "/validate/form", "/store/", "/store",
    "/sparql", "/validate", "/.well-known/void", "/health", "/ontology.ttl",
]  # fmt: skip
PARAMS = [
    "q", "graph", "default", "query", "format", "dataset", "indicator", "area", "period",
    "page", "kind", "sort", "source",
]  # fmt: skip
BODIES = [b"", b"<a> <b> <c> .", b"\xff\xfe", b"query=%ZZ", b"{", b'{"@context": 5}']
CONTENT_TYPES = [
    "text/turtle",
    "application/x-www-form-urlencoded",
    "application/ld+json",
    "multipart/form-data",
    "application/sparql-query",
]
FUZZ_REQUESTS = 250


@pytest.fixture(scope="module")
def live(store_dir) -> Iterator[LiveServer]:
    server = LiveServer(store_dir, ZONEGRAPH_QUERY_TIMEOUT="3")
    yield server
    server.stop()


@pytest.mark.parametrize("path", MALFORMED)
def test_a_malformed_path_is_400_with_a_message(live, path):
    r = httpx.get(live.url + path, timeout=10)
    assert r.status_code == 400
    assert "the URL path is not valid" in r.text


@pytest.mark.parametrize("path", NOT_IRIS)
def test_a_path_no_iri_may_have_is_404_with_a_message(live, path):
    r = httpx.get(live.url + path, timeout=10)
    assert r.status_code == 404
    assert "no IRI may hold" in r.text or "hexadecimal" in r.text


def test_well_formed_paths_still_reach_their_views(live):
    # Encoded Chinese text is a valid IRI path: the page says it is not there (404).
    r = httpx.get(live.url + "/id/zone/%E6%88%90%E9%83%BD", headers={"accept": "text/plain"})
    assert r.status_code == 404 and "is not in the graph" in r.text
    assert httpx.get(live.url + "/ontology", timeout=10).status_code == 200
    assert httpx.get(live.url + "/store/not-there", timeout=10).status_code == 404


def _fuzzed_request(rnd: random.Random, base: str) -> httpx.Request:
    path = rnd.choice(ROUTES) + "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 3)))
    params = "&".join(
        f"{rnd.choice(PARAMS)}={''.join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 2)))}"
        for _ in range(rnd.randint(0, 2))
    )
    method = rnd.choice(["GET", "GET", "HEAD", "POST", "PUT", "DELETE"])
    accept = rnd.choice(["text/html", "*/*", "text/turtle", "application/json", "bogus/x;q=x"])
    headers = {"accept": accept}
    if method != "GET" and method != "HEAD":
        headers["authorization"] = f"Bearer {TOKEN}"
        headers["content-type"] = rnd.choice(CONTENT_TYPES)
    url = base + path + (f"?{params}" if params else "")
    return httpx.Request(method, url, headers=headers, content=rnd.choice(BODIES))


def test_fuzzed_requests_to_every_route_never_get_a_5xx(live):
    rnd = random.Random(13)
    failures = []
    with httpx.Client(timeout=10) as client:
        for _ in range(FUZZ_REQUESTS):
            request = _fuzzed_request(rnd, live.url)
            try:
                r = client.send(request)
            except httpx.HTTPError as e:  # a dropped connection is a failure too
                failures.append((request.method, str(request.url), repr(e)))
                continue
            if r.status_code >= 500:
                failures.append((request.method, str(request.url), r.status_code, r.text[:120]))
    assert failures == []
    assert httpx.get(live.url + "/health", timeout=10).status_code == 200
