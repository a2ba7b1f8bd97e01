"""The lists at /browse/<kind>, their facets, keyset pages, downloads, and /search."""

from __future__ import annotations

import csv
import io
import re

from kg import iris

P = iris.PREFIXES
SICHUAN = "https://w3id.org/zonegraph/id/region/510000"
IMPORTS = "https://w3id.org/zonegraph/id/indicator/total-imports-and-exports"


def _zones(store) -> set[str]:
    rows = store.select(
        f"SELECT DISTINCT ?z {{ ?z a/<{P['rdfs']}subClassOf>* <{iris.DZ}DevelopmentZone> "
        f"FILTER NOT EXISTS {{ ?z <{iris.DZ}partOfZone> ?w }} }}"
    )
    return {str(r["z"]) for r in rows}


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_home_page_counts_link_to_the_lists_and_every_page_has_the_navigation(client):
    home = client.get("/").text
    for href in ("/browse/zones", "/browse/parks", "/browse/observations"):
        assert f'<a href="{href}"><strong>' in home
    for path in ("/", "/ontology", "/browse/zones"):
        text = client.get(path).text
        assert '<a href="/browse">Browse</a>' in text
        assert 'action="/search"' in text


def test_the_browse_index_links_every_kind_with_its_count(client, web_store):
    store, _ = web_store
    text = client.get("/browse").text
    for slug in (
        "zones",
        "parks",
        "groups",
        "regions",
        "partners",
        "indices",
        "indicators",
        "datasets",
        "sources",
        "observations",
    ):
        assert f'href="/browse/{slug}"' in text
    assert f"<strong>{len(_zones(store))}</strong> development zones" in text


def test_the_zone_list_holds_every_zone_and_its_csv_is_what_the_page_shows(client, web_store):
    store, _ = web_store
    page = client.get("/browse/zones").text
    rows = _csv(client.get("/browse/zones.csv").text)
    assert {r["iri"] for r in rows} == _zones(store)
    for r in rows:
        assert f'href="{r["iri"].replace(iris.ID, "/id/")}"' in page
    json_rows = client.get("/browse/zones.json").json()["rows"]
    assert [r["iri"] for r in json_rows] == [r["iri"] for r in rows]


def test_a_province_facet_counts_and_filters_and_the_url_carries_it(client):
    page = client.get("/browse/zones").text
    m = re.search(
        r'<a href="([^"]*province=[^"]*510000[^"]*)">Sichuan</a> <span class="count">(\d+)</span>',
        page,
    )
    assert m, "the Sichuan facet with its count"
    href, count = m[1].replace("&amp;", "&"), int(m[2])
    filtered = _csv(client.get("/browse/zones.csv" + href).text)
    assert len(filtered) == count > 0
    assert {r["province_iri"] for r in filtered} == {SICHUAN}
    assert len(filtered) < len(_csv(client.get("/browse/zones.csv").text))


def test_keyset_pages_walk_every_region_once(client, web_store):
    store, _ = web_store
    total = int(
        store.select(
            f"SELECT (COUNT(DISTINCT ?r) AS ?n) "
            f"{{ ?r a/<{P['rdfs']}subClassOf>* <{iris.DZ}Region> }}"
        )[0]["n"]
    )
    seen, url, pages = [], "/browse/regions.json?size=50", 0
    while url and pages < 50:
        body = client.get(url).json()
        seen += [r["iri"] for r in body["rows"]]
        url, pages = body["next"], pages + 1
    assert len(seen) == len(set(seen)) == total > 50
    labels = [
        r["label"].lower() for r in client.get("/browse/regions.json?size=500").json()["rows"]
    ]
    assert labels == sorted(labels)


def test_sorting_by_a_number_descending(client):
    rows = client.get("/browse/observations.json?sort=value&dir=desc&size=500").json()["rows"]
    values = [float(r["value"]) for r in rows]
    assert values == sorted(values, reverse=True) and len(values) > 3


def test_observations_filtered_by_indicator_and_searched_by_chinese_name(client):
    rows = _csv(client.get(f"/browse/observations.csv?indicator={IMPORTS}").text)
    assert rows and {r["indicator_iri"] for r in rows} == {IMPORTS}
    zh = _csv(client.get("/browse/zones.csv?q=成都").text)
    assert zh and all("成都" in r["label_zh"] for r in zh)


def test_bad_list_parameters_are_400_with_a_message(client):
    for query in ("?sort=nope", "?size=7", "?province=not%20an%20iri", "?nope=1", "?after=x"):
        r = client.get("/browse/zones" + query)
        assert r.status_code == 400, query
        assert r.text.strip()
    assert client.get("/browse/nothing").status_code == 404


def test_search_ranks_exact_names_first_and_shows_the_kind(client):
    hits = client.get("/search?q=chengdu&format=json").json()
    assert hits[0]["label"] == "Chengdu" and hits[0]["kind"] == "city"
    zh = client.get("/search?q=成都高新&format=json").json()
    assert "/id/zone/chengdu-high-tech-industrial-development-zone" in {h["href"] for h in zh}
    alias = client.get("/search?q=etdz&format=json").json()
    assert alias, "an abbreviation (skos:altLabel) finds its concept"
    html = client.get("/search?q=" + "成都").text
    assert '<span lang="zh">' in html
    evil = client.get("/search?q=script").text
    assert "<script>alert" not in evil


def _tier(store, iri: str, q: str) -> int:
    """The search tier of ``iri`` for ``q``, worked out here from all its names."""
    best = 99
    for r in store.select(
        f"SELECT ?p ?n WHERE {{ <{iri}> ?p ?n VALUES ?p {{ <{P['rdfs']}label> "
        f"<{P['skos']}prefLabel> <{P['skos']}altLabel> <{P['skos']}hiddenLabel> "
        f"<{P['skos']}notation> }} }}"
    ):
        n = str(r["n"]).lower()
        alias = int(str(r["p"]) not in (P["rdfs"] + "label", P["skos"] + "prefLabel"))
        if n == q:
            tier = 0
        elif n.startswith(q):
            tier = 2
        elif q in n:
            tier = 4
        elif all(w in n for w in q.split()):
            tier = 6
        else:
            continue
        best = min(best, tier + alias)
    return best


def test_search_ranks_exact_then_prefix_then_contains_and_labels_before_aliases(client, web_store):
    store, _ = web_store
    for q in ("chengdu high-tech zone", "zone", "high-tech", "chengdu zone", "sichuan"):
        hits = client.get(f"/search?q={q}&format=json").json()
        tiers = [_tier(store, iris.ID + h["href"][len("/id/") :], q) for h in hits]
        assert tiers and 99 not in tiers, q
        assert tiers == sorted(tiers), (q, tiers, [h["label"] for h in hits])
    # An exact alias beats a label that only starts with the words.
    first = client.get("/search?q=Chengdu High-Tech Zone&format=json").json()[0]
    assert first["label"] == "Chengdu High-Tech Industrial Development Zone"
    # Words in any order; concepts show their scheme as their kind.
    words = client.get("/search?q=zone chengdu&format=json").json()
    assert "Chengdu High-Tech Industrial Development Zone" in {h["label"] for h in words}
    assessed = client.get("/search?q=zones assessed&format=json").json()
    assert assessed[0]["kind"] == "indicator"


def test_an_unknown_list_is_a_404_page_for_browsers_and_a_line_for_machines(client):
    browser = client.get("/browse/nothing", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.status_code == 404 and "text/html" in browser.headers["content-type"]
    assert "There is no list" in browser.text and 'action="/search"' in browser.text
    machine = client.get("/browse/nothing", headers={"Accept": "text/plain"})
    assert machine.status_code == 404 and machine.text.startswith("There is no list 'nothing'")


def test_any_unknown_address_is_the_404_page_for_browsers_and_a_line_for_machines(client):
    browser = client.get("/no/such/page", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.status_code == 404 and "text/html" in browser.headers["content-type"]
    assert (
        "There is no page at /no/such/page." in browser.text
        and '<footer class="site">' in browser.text
    )
    for accept in ("*/*", "text/plain", None):
        machine = client.get("/no/such/page", headers={"Accept": accept} if accept else {})
        assert machine.status_code == 404 and machine.text == "Not Found\n", accept
