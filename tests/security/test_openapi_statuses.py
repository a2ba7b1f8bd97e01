"""The OpenAPI document says what the API really answers: schemathesis against a real server.

Every operation of the protocol, validation and "About" endpoints is called
with a bounded number of generated requests (derandomised, so a run is
reproducible), without and with the update token; each answer must be a
documented status, with documented media type and headers, and never a 5xx.
The pages are left out: their routes are the web side's.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    status_code_conformance,
)

from kg.config import Settings
from server.app import create_app
from tests.server.serverkit import TOKEN, LiveServer

API_TAGS = [
    "SPARQL 1.1 Protocol",
    "SPARQL 1.1 Graph Store HTTP Protocol",
    "Validation",
    "About",
    "Catalogue and dumps",
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
]
EXAMPLES = 15


@pytest.fixture(scope="module")
def live(store_dir) -> Iterator[LiveServer]:
    server = LiveServer(store_dir, ZONEGRAPH_QUERY_TIMEOUT="3")
    yield server
    server.stop()


# The document the app serves, built without a store (the lifespan opens that); a test
# below checks that the live server serves the same. (schemathesis's from_fixture relies
# on a pytest internal that pytest 9 dropped.)
DOCUMENT = create_app(Settings(store="unused")).openapi()
schema = schemathesis.openapi.from_dict(DOCUMENT).include(tag=API_TAGS)
_bounded = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@_bounded
def test_every_answer_is_documented(case, live):
    case.call_and_validate(base_url=live.url, checks=CHECKS, timeout=30)


# One include with both criteria: separate include() calls would add up (either one).
writes = schemathesis.openapi.from_dict(DOCUMENT).include(
    tag=API_TAGS, method=["POST", "PUT", "DELETE"]
)


@writes.parametrize()
@_bounded
def test_every_answer_to_a_write_with_the_token_is_documented(case, live):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    case.call_and_validate(base_url=live.url, headers=headers, checks=CHECKS, timeout=30)


def test_the_document_names_the_limits_answers(live):
    served = httpx.get(live.url + "/openapi.json", timeout=10).json()
    assert served["paths"] == DOCUMENT["paths"]
    paths = served["paths"]
    post = paths["/sparql"]["post"]["responses"]
    assert {"401", "403", "408", "413", "415", "503"} <= set(post)
    assert "Retry-After" in post["503"]["headers"]
    assert "WWW-Authenticate" in post["401"]["headers"]
    assert "Retry-After" in paths["/validate"]["post"]["responses"]["503"]["headers"]
    for method in ("put", "post", "delete"):
        assert {"401", "403"} <= set(paths["/store/{path}"][method]["responses"])
    assert "200" not in paths["/store"]["put"]["responses"]  # a write never answers 200
