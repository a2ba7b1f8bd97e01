"""The OpenAPI document says what the API really answers: schemathesis against a real server.

Every operation in the document (protocols, validation, catalogue, "About")
is called with a bounded number of generated requests (derandomised, so a
run is reproducible), without and with the update token; each answer must be
a documented status, with documented media type and headers, and never a 5xx.
The HTML pages are not API and not in the document.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS as REGISTERED
from schemathesis.checks import load_all_checks
from schemathesis.config import SchemathesisConfig

from kg.config import Settings
from server.app import create_app
from tests.server.serverkit import TOKEN, LiveServer

# Every check schemathesis has (the CLI's --checks all).
load_all_checks()
CHECKS = REGISTERED.get_all()
EXAMPLES = 15
# What a schema-valid request may still get: JSON Schema describes the parameters and
# bodies of the protocols (IRIs, JSON-LD objects) but not the languages in them, so a
# generated SPARQL text or RDF document may be a syntax error (400) or violate the
# shapes (422). Every other operation accepts every request its schema allows.
LANGUAGES = {
    "include-path-regex": "^/(sparql|store|validate)",
    "checks": {
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "422", "429"]
        }
    },
}
CONFIG = SchemathesisConfig.from_dict({"operations": [LANGUAGES]})
# SPARQL and the RDF syntaxes schemathesis does not know go on the wire as text.
TEXT_TYPES = [
    "application/sparql-query",
    "application/sparql-update",
    "application/n-triples",
    "application/x-turtle",
]
for _media in TEXT_TYPES:
    schemathesis.serializer.alias(_media, "text/plain")


@pytest.fixture(scope="module")
def live(store_dir) -> Iterator[LiveServer]:
    server = LiveServer(store_dir, ZONEGRAPH_QUERY_TIMEOUT="3")
    yield server
    server.stop()


# The document the app serves, built without a store (the lifespan opens that); a test
# below checks that the live server serves the same. (schemathesis's from_fixture relies
# on a pytest internal that pytest 9 dropped.)
DOCUMENT = create_app(Settings(store="unused")).openapi()
schema = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG)
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


writes = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG).include(
    method=["POST", "PUT", "DELETE"]
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


def test_the_document_is_the_api_and_the_pages_are_not_in_it():
    operations = {(m, p) for p, ops in DOCUMENT["paths"].items() for m in ops}
    # Every operation is one of the API's, and each of those is there.
    api = {"/sparql", "/store", "/store/{path}", "/validate", "/health", "/.well-known/void"}
    assert api | {"/catalog", "/dumps/{name}"} == {p for _, p in operations}
    for page in ("/", "/id/{path}", "/source/{source_id}", "/browse/{name}", "/validate/form"):
        assert page not in DOCUMENT["paths"]
    tags = {t for ops in DOCUMENT["paths"].values() for o in ops.values() for t in o["tags"]}
    assert not tags & {"Pages", "Linked-data pages"}
