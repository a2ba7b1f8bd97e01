"""/sparql (no query), /catalog and /.well-known/void: a page for browsers, RDF for RDF clients."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, RDF, VOID

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
SD = "http://www.w3.org/ns/sparql-service-description#"
# path -> (heading of the page, a triple pattern its RDF must hold)
VIEWS = {
    "/sparql": ("SPARQL endpoint", (None, RDF.type, URIRef(SD + "Service"))),
    "/catalog": ("Catalogue", (None, RDF.type, DCAT.Catalog)),
    "/.well-known/void": ("VoID description", (None, RDF.type, VOID.Linkset)),
}
FORMATS = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "json-ld"}


@pytest.mark.parametrize("path", list(VIEWS))
def test_a_browser_gets_a_page_with_links_to_the_rdf_forms(live, path):
    heading, pattern = VIEWS[path]
    r = httpx.get(live.url + path, headers={"accept": BROWSER})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "accept" in r.headers["vary"].lower()
    assert f"<h1>{heading}</h1>" in r.text
    assert '<footer class="site">' in r.text
    links = re.findall(rf'<a href="({re.escape(path)}\?format=(\w+))">', r.text)
    assert {short for _, short in links} == set(FORMATS)
    for href, short in links:
        # Each RDF form opens from the page, in a browser too (its Accept is ignored).
        rdf = httpx.get(live.url + href, headers={"accept": BROWSER})
        assert rdf.status_code == 200, href
        g = Graph().parse(data=rdf.content, format=FORMATS[short])
        assert next(g.triples(pattern), None) is not None, href


@pytest.mark.parametrize("path", list(VIEWS))
@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "text/turtle, text/html;q=0.5"])
def test_rdf_clients_still_get_rdf(live, path, accept):
    headers = {"accept": accept} if accept else {}
    r = httpx.get(live.url + path, headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.content, format="turtle")
    assert next(g.triples(VIEWS[path][1]), None) is not None


def test_the_service_page_runs_a_query_with_its_form(live):
    page = httpx.get(live.url + "/sparql", headers={"accept": BROWSER}).text
    form = re.search(r'<form class="plain-query" action="/sparql"[^>]*>(.*?)</form>', page, re.S)
    assert form
    query = re.search(r'<textarea id="sd-query" name="query"[^>]*>(.*?)</textarea>', form[1], re.S)
    r = httpx.get(live.url + "/sparql", params={"query": html.unescape(query[1]), "format": "csv"})
    assert r.status_code == 200
    assert "Chengdu High-Tech Industrial Development Zone" in r.text


def test_the_catalogue_page_links_the_dumps_on_this_server(live):
    page = httpx.get(live.url + "/catalog", headers={"accept": BROWSER}).text
    for dump in ("/dumps/zonegraph.nq.gz", "/dumps/zonegraph.ttl.gz", "/dumps/observations.csv"):
        assert f'href="{dump}"' in page
    # The catalogue's own resources link to their place on the page, not to w3id.org.
    assert 'href="#dataset"' in page and 'id="dataset"' in page
    assert "https://w3id.org/zonegraph/catalog#dataset</code>" in page


def test_a_type_nobody_offers_is_still_406(live):
    for path in VIEWS:
        assert httpx.get(live.url + path, headers={"accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    ("path", "anchor"),
    [("/sparql", "service"), ("/catalog", "catalog"), ("/.well-known/void", "dataset")],
)
def test_the_page_starts_with_what_it_describes(live, path, anchor):
    page = httpx.get(live.url + path, headers={"accept": BROWSER}).text
    assert re.search(r'<section id="([^"]+)">', page)[1] == anchor
    # Resources without a title get a heading in words, never a bare IRI.
    assert not re.search(r"<h2>https?://", page)
