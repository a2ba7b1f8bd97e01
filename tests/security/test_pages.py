"""Pages never link a stored javascript:, data: or vbscript: IRI; responses have safety headers."""

from __future__ import annotations

import re

import pytest

from kg import iris
from kg.store import open_store
from tests.server.serverkit import build_store, make_client

ZONE = iris.ID + "zone/xss-test"
HOSTILE = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PGI+eDwvYj4=",
    "vbscript:msgbox(1)",
]
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _nt(iri: str) -> str:
    return "<" + iri.replace(">", "%3E").replace(" ", "%20") + ">"


def hostile_lines() -> list[str]:
    """N-Triples of a zone that names each hostile IRI as object, type, sameAs, predicate
    and subject: every place a page may render an IRI."""
    lines = [f'<{ZONE}> <http://www.w3.org/2000/01/rdf-schema#label> "XSS test zone"@en .']
    for n, iri in enumerate(HOSTILE):
        lines += [
            f"<{ZONE}> <http://example.org/link{n}> {_nt(iri)} .",
            f"<{ZONE}> <{SAME_AS}> {_nt(iri)} .",
            f"<{ZONE}> <{RDF_TYPE}> {_nt(iri)} .",
            f'<{ZONE}> {_nt(iri)} "value {n}" .',
            f"{_nt(iri)} <http://example.org/points> <{ZONE}> .",
        ]
    return lines


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("pages") / "store")
    lines = hostile_lines()
    lines.append(f"<{ZONE}> <http://example.org/home> <https://example.org/ok> .")
    store = open_store(path)
    store.replace_graphs({"http://example.org/graph/xss": ("\n".join(lines) + "\n").encode()})
    store.close()
    del store
    with make_client(path, max_concurrent_queries=1) as c:
        yield c


def test_hostile_iris_render_as_text_not_links(client):
    r = client.get("/id/zone/xss-test", headers={"accept": "text/html"})
    assert r.status_code == 200 and "XSS test zone" in r.text
    hrefs = re.findall(r"""<(?:a|area|form)\b[^>]*?\b(?:href|action)\s*=\s*["']?\s*([^"'\s>]*)""",
                       r.text, re.I)  # fmt: skip
    bad = [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
    assert bad == []
    assert "javascript:alert(document.domain)" in r.text  # shown, as text
    assert 'href="https://example.org/ok"' in r.text  # http(s) links stay links


@pytest.mark.parametrize(
    "path", ["/", "/id/zone/xss-test", "/sparql?query=ASK%7B%7D", "/health", "/nope",
             "/static/pages/site.css", "/store?graph=http://example.org/graph/xss"],
)  # fmt: skip
def test_every_response_carries_the_security_headers(client, path):
    r = client.get(path, headers={"accept": "text/html"})
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    script = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script  # a javascript: link would not run
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
