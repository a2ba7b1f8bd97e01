"""A crawl from ``/`` over a real server: every internal link answers, every page has the footer.

The crawl follows every ``href`` on this host, breadth first. It is bounded the way
a careful crawler is: a few variants (query strings) per path, a few RDF documents
per suffix, and a cap on the number of requests, so facet combinations do not
multiply without end.
"""

from __future__ import annotations

import html
import re
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from tests.web.test_web_metadata import BROWSER

_HREF = re.compile(r'\bhref="([^"]*)"')
_FOOTER_LINKS = (
    "/dumps/zonegraph.nq.gz",
    "/dumps/zonegraph.ttl.gz",
    "/dumps/observations.csv",
    "/catalog",
    "/.well-known/void",
    "/sparql",
)
_RDF_SUFFIXES = (".ttl", ".jsonld", ".nt", ".rdf")
MAX_REQUESTS = 2500
VARIANTS_PER_PATH = 3
DOCUMENTS_PER_SUFFIX = 3


def _footer(page: str) -> str:
    found = re.search(r'<footer class="site">(.*?)</footer>', page, re.S)
    return found[1] if found else ""


@pytest.fixture(scope="module")
def crawl(live) -> dict:
    """url -> (status, content type, body if HTML) for every URL the crawl reached."""
    host = urlsplit(live.url).netloc
    seen, queue, referrer = {"/"}, deque(["/"]), {}
    variants, documents, views = Counter(), Counter(), {("/", "")}
    out = {}
    with httpx.Client(
        base_url=live.url, headers={"accept": BROWSER}, timeout=30, follow_redirects=True
    ) as client:
        while queue and len(out) < MAX_REQUESTS:
            url = queue.popleft()
            r = client.get(url)  # an IRI's 303 is followed to its page
            if r.history:
                url = r.url.path + (f"?{r.url.query.decode()}" if r.url.query else "")
                seen.add(url)
            kind = r.headers.get("content-type", "")
            body = r.text if kind.startswith("text/html") else ""
            out[url] = (r.status_code, kind, body, referrer.get(url))
            for href in _HREF.findall(body):
                parts = urlsplit(urljoin(live.url + url, html.unescape(href)))
                if parts.netloc != host or parts.scheme not in ("http", "https"):
                    continue
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                if target in seen:
                    continue
                # The pages of one view (after=...) are one variant: a list is read to its end.
                view = (parts.path, re.sub(r"(^|&)after=[^&]*", "", parts.query))
                if view not in views:
                    if parts.query and variants[parts.path] >= VARIANTS_PER_PATH:
                        continue
                    variants[parts.path] += bool(parts.query)
                    views.add(view)
                suffix = next((s for s in _RDF_SUFFIXES if parts.path.endswith(s)), None)
                if suffix and parts.path.startswith("/id/"):
                    if documents[suffix] >= DOCUMENTS_PER_SUFFIX:
                        continue
                    documents[suffix] += 1
                seen.add(target)
                referrer[target] = url
                queue.append(target)
    assert not queue, f"the crawl stopped at {MAX_REQUESTS} requests with {len(queue)} to go"
    return out


def test_every_internal_link_answers(crawl):
    broken = {u: (s, ref) for u, (s, _, _, ref) in crawl.items() if s >= 400}
    assert not broken, f"links that answer an error (url: status, linked from): {broken}"
    assert len(crawl) > 200


def test_every_page_has_the_footer_with_the_dumps_catalogue_and_void(crawl):
    pages = {u: body for u, (_, kind, body, _) in crawl.items() if kind.startswith("text/html")}
    assert len(pages) > 100
    for url, body in pages.items():
        footer = _footer(body)
        missing = [link for link in _FOOTER_LINKS if f'href="{link}"' not in footer]
        assert not missing, f"{url}: the footer lacks {missing}"


_ASSETS = re.compile(r'<script[^>]*\bsrc="([^"]*)"|<link[^>]*\bhref="([^"]*)"[^>]*>')


def test_no_page_loads_a_script_or_style_from_another_host(crawl):
    pages = {u: body for u, (_, kind, body, _) in crawl.items() if kind.startswith("text/html")}
    assert "/docs" in pages  # the API documentation is one of the pages crawled
    for url, body in pages.items():
        for script, link in _ASSETS.findall(body):
            asset = script or link
            # Same-origin paths only (a data: favicon is inline, not fetched from anywhere).
            assert (asset.startswith("/") and not asset.startswith("//")) or asset == "data:,", (
                f"{url} loads {asset}"
            )


def test_the_crawl_reaches_every_zone_region_dataset_indicator_and_source(crawl, web_store):
    store, _ = web_store
    rows = store.select(
        """PREFIX dz: <https://w3id.org/zonegraph/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?x WHERE {
          VALUES ?c { dz:DevelopmentZone dz:ZoneGroup dz:Region dz:SourceDocument
                      <http://purl.org/linked-data/cube#DataSet>
                      <http://www.w3.org/2004/02/skos/core#Concept> }
          ?x a/rdfs:subClassOf* ?c
          FILTER(STRSTARTS(STR(?x), "https://w3id.org/zonegraph/id/"))
        }"""
    )
    wanted = {str(r["x"]).replace("https://w3id.org/zonegraph/id/", "/id/") for r in rows}
    assert len(wanted) > 50
    reached = {u.split("?")[0].removesuffix(".html") for u in crawl}
    missing = sorted(w for w in wanted if w not in reached)
    assert not missing, f"{len(missing)} resources no link leads to, e.g. {missing[:10]}"
