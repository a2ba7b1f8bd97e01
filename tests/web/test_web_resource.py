"""Linked-data pages at /id/...: 303 negotiation, RDF formats, HTML content, escaping, 404."""

from __future__ import annotations

import json
import re

import pytest
from markupsafe import escape
from rdflib import RDFS, Graph, Literal, URIRef

from kg import iris
from tests.web.conftest import EVIL_IRI, EVIL_LABEL

SICHUAN = iris.group_iri("Sichuan national economic development zones")
CHENGDU = iris.zone_iri("Chengdu High-Tech Industrial Development Zone")
P = iris.PREFIXES
SEL = f"<{P['oa']}hasSelector>/<{P['oa']}"  # a span's selector, then the property (closed by >)


def _path(iri: str) -> str:
    return "/id/" + iri[len(iris.ID) :]


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ".html"),
        ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"),
        ("application/n-triples", ".nt"),
        ("application/rdf+xml", ".rdf"),
        ("text/html;q=0.5, text/turtle;q=0.9", ".ttl"),
        ("application/ld+json;q=0.2, application/n-triples;q=0.3", ".nt"),
    ],
)
def test_an_iri_answers_303_to_the_document_in_the_format_asked_for(client, accept, suffix):
    r = client.get(_path(CHENGDU), headers={"accept": accept}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == _path(CHENGDU) + suffix
    assert "Accept" in [v.strip() for v in r.headers["vary"].split(",")]


def test_an_unacceptable_format_is_406(client):
    r = client.get(_path(CHENGDU), headers={"accept": "image/png"}, follow_redirects=False)
    assert r.status_code == 406


@pytest.mark.parametrize(
    ("suffix", "media", "rdflib_format"),
    [
        (".ttl", "text/turtle", "turtle"),
        (".jsonld", "application/ld+json", "json-ld"),
        (".nt", "application/n-triples", "nt"),
        (".rdf", "application/rdf+xml", "xml"),
    ],
)
def test_rdf_documents_parse_and_hold_what_the_store_says(
    client, web_store, suffix, media, rdflib_format
):
    r = client.get(_path(CHENGDU) + suffix)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    g = Graph().parse(data=r.content, format=rdflib_format)
    store, _ = web_store
    labels = {row["l"] for row in store.select(f"SELECT ?l {{ <{CHENGDU}> <{RDFS.label}> ?l }}")}
    assert labels and {o for o in g.objects(URIRef(CHENGDU), RDFS.label)} == labels
    # Incoming links are part of the description: the parks of the zone point at it.
    parks = store.select(f"SELECT ?p {{ ?p <{iris.DZ}partOfZone> <{CHENGDU}> }}")
    assert parks
    for row in parks:
        assert (row["p"], URIRef(iris.DZ + "partOfZone"), URIRef(CHENGDU)) in g


def test_zone_page_shows_labels_properties_parks_and_links(client, web_store):
    r = client.get(_path(CHENGDU))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    store, _ = web_store
    for row in store.select(f"SELECT ?l {{ <{CHENGDU}> <{RDFS.label}> ?l }}"):
        assert escape(str(row["l"])) in page
    # Property names come from the ontology's rdfs:label, and link to its documentation.
    located = store.select(
        f'SELECT ?l {{ <{iris.DZ}locatedIn> <{RDFS.label}> ?l FILTER(lang(?l) = "en") }}'
    )[0]["l"]
    assert f'<a href="/ontology#locatedIn" title="{iris.DZ}locatedIn">{located}</a>' in page
    # Our IRIs link to local pages, never to w3id.org.
    region = store.select(f"SELECT ?r {{ <{CHENGDU}> <{iris.DZ}locatedIn> ?r }}")[0]["r"]
    assert f'href="{_path(str(region))}"' in page
    assert 'href="https://w3id.org/' not in page
    # "Parks of this zone": each park that is partOfZone of it is linked.
    assert "Parks and areas in this zone" in page
    for row in store.select(f"SELECT ?p {{ ?p <{iris.DZ}partOfZone> <{CHENGDU}> }}"):
        assert f'href="{_path(str(row["p"]))}"' in page


def test_a_statement_made_by_two_graphs_is_one_line_of_the_page(client, web_store):
    # The reference data and the Chengdu text both give the founding year 1988.
    store, _ = web_store
    graphs = store.select(f"SELECT ?g {{ GRAPH ?g {{ <{CHENGDU}> <{iris.DZ}foundingYear> ?y }} }}")
    assert len(graphs) == 2
    page = client.get(_path(CHENGDU)).text
    assert page.count(">1988<") + page.count(">1988 <") == 1


def test_group_page_lists_observations_with_their_quotes_and_sources(client, web_store):
    store, _ = web_store
    rows = store.select(
        f"""SELECT ?exact ?start ?end WHERE {{
          ?obs <{P["sdmx-dimension"]}refArea> <{SICHUAN}> ; <{P["prov"]}wasDerivedFrom> ?span .
          ?span {SEL}exact> ?exact ; {SEL}start> ?start ; {SEL}end> ?end }}"""
    )
    assert len(rows) >= 3
    page = client.get(_path(SICHUAN)).text
    source = client.get("/source/sichuan-development-zones-2021").text
    for row in rows:
        assert escape(str(row["exact"])) in page
        anchor = f"span-{row['start']}-{row['end']}"
        assert f'href="/source/sichuan-development-zones-2021#{anchor}"' in page
        # The link lands on a highlight of the same quote.
        assert re.search(rf'<mark[^>]* id="{anchor}"', source) or f'id="{anchor}"' in source


def test_group_page_carries_chart_specs_of_its_figures(client):
    page = client.get(_path(SICHUAN)).text
    specs = {
        m[0]: json.loads(m[1])
        for m in re.findall(
            r'class="vega-spec" data-target="([\w-]+)">(.*?)</script>', page, flags=re.S
        )
    }
    assert set(specs) == {"chart-values", "chart-changes"}
    values = specs["chart-values"]["data"]["values"]
    changes = specs["chart-changes"]["data"]["values"]
    assert any(v["value"] == 961220000000 for v in values)
    assert {c["value"] for c in changes} >= {20.4, 17.9}
    # Changes are never drawn as levels.
    assert not {v["value"] for v in values} & {20.4, 17.9}


def test_observation_page_shows_the_quote_it_came_from(client, web_store):
    store, _ = web_store
    row = store.select(
        f"""SELECT ?obs ?exact WHERE {{ ?obs <{P["sdmx-dimension"]}refArea> <{SICHUAN}> ;
          <{P["prov"]}wasDerivedFrom>/{SEL}exact> ?exact }} LIMIT 1"""
    )[0]
    page = client.get(_path(str(row["obs"]))).text
    assert "Where this figure comes from" in page
    assert f"<blockquote>{escape(str(row['exact']))}</blockquote>" in page


def test_external_identifiers_are_linked_out(client, web_store):
    store, _ = web_store
    sg = iris.country_iri("SG")
    same = [str(r["o"]) for r in store.select(f"SELECT ?o {{ <{sg}> <{P['owl']}sameAs> ?o }}")]
    assert same
    page = client.get(_path(sg)).text
    for target in same:
        assert f'<a href="{target}" rel="external noopener">' in page


def test_a_label_with_markup_is_shown_as_text(client):
    page = client.get(_path(EVIL_IRI) + ".html").text
    assert EVIL_LABEL not in page
    assert escape(EVIL_LABEL) in page
    # Inside the JSON of a chart spec too: "<" never appears raw, so no </script> breaks out.
    spec = page.split('data-target="chart-partners">', 1)[1].split("</script>", 1)[0]
    assert "<" not in spec
    assert json.loads(spec)["data"][0]["values"][0]["name"] == EVIL_LABEL


def test_unknown_iris_are_404_for_people_and_machines(client):
    r = client.get("/id/zone/no-such-zone", headers={"accept": "text/html"})
    assert r.status_code == 404 and "Not in the graph" in r.text
    r = client.get("/id/zone/no-such-zone.ttl")
    assert r.status_code == 404
    r = client.get("/id/zone/x%3E%20%7D%20DROP%20ALL", headers={"accept": "text/turtle"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/plain")


def test_head_answers_like_get(client):
    r = client.head(_path(CHENGDU) + ".ttl")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")


def test_turtle_uses_the_project_prefixes(client):
    text = client.get(_path(CHENGDU) + ".ttl").text
    assert "@prefix dz: <https://w3id.org/zonegraph/ontology#> ." in text
    assert Literal("成都高新技术产业开发区", lang="zh").n3() in text


def test_a_province_page_shows_the_parks_of_its_zones_and_their_partners(client, web_store):
    store, _ = web_store
    sichuan = iris.region_iri("Sichuan")
    rows = store.select(
        f"""SELECT ?park ?partner WHERE {{
          ?park <{iris.DZ}partOfZone>/<{iris.DZ}locatedIn>+ <{sichuan}> ;
                <{iris.DZ}partnerCountry> ?partner }}"""
    )
    assert rows
    page = client.get(_path(sichuan) + ".html").text
    tree = page.split('<ul class="tree">', 1)[1].split("</section>", 1)[0]
    for row in rows:
        park, partner = _path(str(row["park"])), _path(str(row["partner"]))
        # The partner is listed under its park.
        assert re.search(rf'href="{park}".*?<ul>.*?href="{partner}"', tree, re.S), park


def test_an_entity_page_says_where_the_texts_mention_it(client, web_store):
    store, _ = web_store
    rows = store.select(
        f"""SELECT ?thing ?exact ?start ?end ?doc WHERE {{
          ?mention a <{P["oa"]}Annotation> ; <{P["oa"]}motivatedBy> <{P["oa"]}identifying> ;
            <{P["oa"]}hasBody> ?thing ; <{P["oa"]}hasTarget> ?span .
          ?span <{P["oa"]}hasSource> ?doc ; {SEL}exact> ?exact ; {SEL}start> ?start ;
            {SEL}end> ?end }} LIMIT 1"""
    )
    assert rows, "the loaded corpus records no mention"
    row = rows[0]
    page = client.get(_path(str(row["thing"]))).text
    assert "mentioned in" in page
    slug = str(row["doc"]).rsplit("/", 1)[-1]
    assert f'href="/source/{slug}#span-{row["start"]}-{row["end"]}"' in page
    assert escape(f"“{row['exact']}”") in page


def test_a_zone_page_gives_the_month_of_its_approval_where_the_text_names_it():
    # "approved ... in May 1992": the page says May 1992 beside the approval year 1992.
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from kg import ingest
    from kg.store import open_store
    from loaders.text import extract
    from loaders.text.graph import to_graph
    from server.pages import register

    ex = extract("Nanchang Xiaolan ETDZ was approved by the State Council in May 1992.", "may")
    zone = ex.facts[0].fact.area
    store = open_store(None)
    ingest.ensure_seeded(store)
    ingest.ingest_graph(store, iris.source_graph("may"), to_graph(ex), source_id="may")
    app = FastAPI()
    register(app, lambda request: store)
    page = TestClient(app).get(_path(zone)).text
    assert "approval month</a>" in page and "<li>May 1992 " in page
    assert "approval year</a>" in page and "<li>1992 " in page
    assert "1992-05" not in page
