"""No RDF body makes the server fetch or open anything: JSON-LD contexts, XML entities."""

from __future__ import annotations

import json

import pytest

from tests.server.serverkit import TOKEN, make_client

AUTH = {"authorization": f"Bearer {TOKEN}"}


def _contexts(url: str) -> dict[str, object]:
    return {
        "string": {"@context": url, "@id": "http://ex/a", "http://ex/p": "1"},
        "file": {"@context": "file:///etc/passwd", "@id": "http://ex/a"},
        "array": {"@context": [{"ex": "http://ex/"}, url], "@id": "http://ex/a"},
        "nested-node": {"@id": "http://ex/a", "http://ex/p": {"@context": url, "@id": "x"}},
        "graph-list": [{"@context": url, "@id": "http://ex/a"}],
        "import": {"@context": {"@import": url}, "@id": "http://ex/a"},
        "scoped": {"@context": {"p": {"@id": "http://ex/p", "@context": url}}, "p": {}},
    }


CASES = list(_contexts("u"))


@pytest.fixture
def client(fresh_dir):
    with make_client(fresh_dir, max_concurrent_queries=1) as c:
        yield c


@pytest.mark.parametrize("case", CASES)
def test_remote_and_file_jsonld_contexts_are_refused(client, listener, case):
    body = json.dumps(_contexts(listener.url.replace("/sparql", "/ctx.jsonld"))[case])
    headers = {"content-type": "application/ld+json"}
    r = client.post("/validate", content=body, headers=headers)
    assert r.status_code == 400 and "context" in r.text, r.text
    r = client.put("/store?graph=http://ex/g", content=body, headers={**headers, **AUTH})
    assert r.status_code == 400 and "context" in r.text, r.text
    assert listener.count == 0


def test_an_inline_jsonld_context_is_read(client):
    body = json.dumps({"@context": {"ex": "http://ex/"}, "@id": "ex:a", "ex:p": "1"})
    r = client.put(
        "/store?graph=http://ex/g",
        content=body,
        headers={"content-type": "application/ld+json", **AUTH},
    )
    assert r.status_code in (200, 201, 204), r.text


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + ']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:ex="http://ex/"><rdf:Description rdf:about="http://ex/a"><ex:p>&i;</ex:p>'
    "</rdf:Description></rdf:RDF>"
)


def test_entity_expansion_is_refused_up_front(client):
    r = client.post("/validate", content=LAUGHS, headers={"content-type": "application/rdf+xml"})
    assert r.status_code == 400 and "ENTITY" in r.text


def test_external_xml_entities_are_never_resolved(client, listener):
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{listener.url}">'
        '<!ENTITY f SYSTEM "file:///etc/passwd">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">'
        '<rdf:Description rdf:about="http://ex/a"><ex:p>&e;&f;</ex:p></rdf:Description></rdf:RDF>'
    )
    r = client.post("/validate", content=xml, headers={"content-type": "application/rdf+xml"})
    assert r.status_code == 400 and "root:" not in r.text
    assert listener.count == 0
