"""End to end in headless Chromium (Debian's chromium, driven by Playwright) against a real uvicorn.

Screenshots of every page go to ``bench/out/screenshots/`` (the path is
printed), so a person can look at what the tests saw.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "bench" / "out" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SICHUAN = "/id/group/sichuan-national-economic-development-zones"
CHENGDU = "/id/zone/chengdu-high-tech-industrial-development-zone"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed; run `make install` (it installs Debian's chromium)")
    if not (ROOT / "node_modules" / "@zazuko" / "yasgui" / "build").is_dir():
        pytest.fail("the npm packages are not installed; run `make install` (npm ci)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {SHOTS}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live) -> Iterator[object]:
    """A fresh page that records console errors and every host it talks to."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.errors, pg.hosts = [], set()
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.hosts.add(urlsplit(r.url).netloc))
    pg.on("response", lambda r: r.status >= 400 and pg.errors.append(f"{r.status} {r.url}"))
    pg.base = live.url
    yield pg
    # Nothing is loaded from a CDN or anywhere else: only the server under test.
    assert pg.hosts <= {urlsplit(live.url).netloc}, pg.hosts
    context.close()


def _shot(pg, name: str) -> None:
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_home_runs_an_example_query_in_yasgui(page):
    page.goto(page.base + "/")
    examples = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
    tabs = page.locator(".yasgui .tabsList .tab")
    tabs.first.wait_for()
    assert tabs.count() == max(len(examples), 1)
    page.get_by_role("tab", name="Cooperation parks and their partner countries").click()
    page.locator(".tab-pane.active .yasqe_queryButton, .tabPanel.active .yasqe_queryButton").click()
    rows = page.locator(".tabPanel.active .yasr table.dataTable tbody tr")
    rows.first.wait_for()
    assert rows.count() > 0
    assert "Singapore" in page.locator(".tabPanel.active .yasr").inner_text()
    _shot(page, "home-query")
    # A query of one's own; our IRIs in the results link to this server's pages.
    page.evaluate(
        "zonegraphYasgui.getTab().getYasqe().setValue("
        "'SELECT ?zone WHERE { ?zone a <https://w3id.org/zonegraph/ontology#HighTechZone> }')"
    )
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    links = page.locator(".tabPanel.active .yasr table.dataTable a.iri")
    page.wait_for_function(
        "document.querySelector('.tabPanel.active .yasr a.iri[href^=\"/id/zone/\"]') !== null"
    )
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(h.startswith("/id/zone/") for h in hrefs), hrefs
    assert not page.errors, page.errors


def test_home_charts_query_results(page):
    page.goto(page.base + "/")
    page.get_by_role("tab", name="How many figures per indicator and statistic").click()
    panel = page.locator(".tabPanel.active")
    panel.locator(".yasqe_queryButton").click()
    rows = panel.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for()
    n = rows.count()
    panel.locator(".yasr .select_chart").click()
    bars = panel.locator(".yasr .zonegraph-chart svg .mark-rect path")
    bars.first.wait_for()
    # One bar per result row.
    assert bars.count() == n > 0
    _shot(page, "home-chart")
    assert not page.errors, page.errors


def test_ontology_and_shapes_pages_render(page):
    for path, name in [("/ontology", "ontology"), ("/shapes", "shapes")]:
        page.goto(page.base + path)
        assert page.locator("h1").is_visible()
        page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.goto(page.base + "/ontology#HighTechZone")
    assert page.locator("#HighTechZone").is_visible()
    assert not page.errors, page.errors


def test_group_page_draws_its_measurements(page):
    page.goto(page.base + SICHUAN)
    assert page.url.endswith(SICHUAN + ".html")  # the IRI answered 303 See Other
    bars = page.locator("#chart-values svg .mark-rect path")
    bars.first.wait_for()
    assert bars.count() > 0
    assert page.locator("#chart-changes svg .mark-rect path").count() > 0
    _shot(page, "group")
    assert not page.errors, page.errors


def test_zone_page_draws_parks_and_partners(page):
    page.goto(page.base + CHENGDU)
    nodes = page.locator("#chart-partners svg .mark-symbol path")
    nodes.first.wait_for()
    # One symbol per item of the no-JavaScript list of the same tree.
    assert nodes.count() == page.locator("ul.tree li").count()
    assert "Singapore" in page.locator("#chart-partners svg").inner_html()
    _shot(page, "zone")
    assert not page.errors, page.errors


def test_source_page_highlights_facts_and_shows_them_on_hover(page):
    page.goto(page.base + "/source/sichuan-development-zones-2021")
    marks = page.locator(".document mark")
    assert marks.count() > 3
    first = marks.first
    first.hover()
    card = first.locator(".card")
    assert card.is_visible()
    link = card.locator("a").first
    target = link.get_attribute("href")
    assert target.startswith("/id/")
    _shot(page, "source")
    link.click()
    page.wait_for_url("**" + target + ".html")
    assert page.locator("h1").inner_text()
    assert not page.errors, page.errors


def test_validate_form_shows_the_violations_of_a_broken_file(page):
    page.goto(page.base + "/validate/form")
    page.set_input_files("#file", str(ROOT / "tests" / "fixtures" / "rdf" / "violates-shapes.ttl"))
    page.get_by_role("button", name="Validate").click()
    page.locator("table.results").wait_for()
    assert "Does not conform" in page.locator("h2").first.inner_text()
    violations = page.locator("table.results tr.violation")
    assert violations.count() >= 1
    assert "test-high-tech-zone" in page.locator("table.results").inner_text()
    _shot(page, "validate")


def test_a_label_with_markup_runs_no_script(page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page.base + "/id/zone/evil-label-zone")
    page.locator("#chart-partners svg .mark-symbol path").first.wait_for()
    assert '<script>alert("owned")</script>' in page.locator("h1").inner_text()
    assert not dialogs
    assert not page.errors, page.errors


def _an_observation(store) -> str:
    rows = store.select(
        "SELECT ?o WHERE { ?o a <http://purl.org/linked-data/cube#Observation> ; "
        "<http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?v FILTER(?v = 961220000000) }"
    )
    return str(rows[0]["o"]).replace("https://w3id.org/zonegraph/id/", "/id/")


def test_pages_fit_a_phone_and_read_without_javascript(browser, live, web_store):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False, is_mobile=True
    )
    pg = context.new_page()
    for path, name in [
        (CHENGDU, "phone-zone"),
        ("/source/sichuan-development-zones-2021", "phone-source"),
        ("/", "phone-home"),
        ("/validate/form", "phone-validate"),
        ("/id/dataset/economy", "phone-dataset"),
        (_an_observation(web_store[0]), "phone-observation"),
        ("/sparql", "phone-sparql"),
        ("/catalog", "phone-catalog"),
        ("/source/reference-data", "phone-reference-data"),
    ]:
        pg.goto(live.url + path)
        assert pg.locator("h1").is_visible()
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px screen"
        _shot(pg, name)
        if path == CHENGDU:
            # Without JavaScript the parks-and-partners diagram is a nested list.
            assert "Singapore" in pg.locator("ul.tree").inner_text()
        if path == "/":
            # Without JavaScript a plain form runs queries against /sparql.
            assert pg.locator("form.plain-query textarea").is_visible()
    context.close()


# The pictures of docs/web.md: rewritten only by `make screenshots`, so that a test run leaves
# the checkout as it was.
DOC_SHOTS = Path(os.environ.get("ZONEGRAPH_DOC_SCREENSHOTS") or SHOTS / "docs")


def test_every_zone_is_reached_from_the_home_page_by_clicks(page, web_store):
    store, _ = web_store
    zones = {
        str(r["z"]).replace("https://w3id.org/zonegraph/id/", "/id/")
        for r in store.select(
            "SELECT DISTINCT ?z { ?z a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
            "<https://w3id.org/zonegraph/ontology#DevelopmentZone> }"
        )
    }
    reached: set[str] = set()
    for start in ("development zones", "parks and areas within zones"):
        page.goto(page.base + "/")
        page.locator(".stats a", has_text=start).click()
        page.wait_for_url("**/browse/**")
        if start == "development zones":
            DOC_SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOC_SHOTS / "list-zones.png"), full_page=True)
        while True:
            links = page.locator("table.list tbody tr td:first-child a")
            reached |= {links.nth(i).get_attribute("href") for i in range(links.count())}
            nxt = page.locator("a[rel=next]")
            if not nxt.count():
                break
            nxt.click()
    assert zones <= reached, zones - reached
    # A zone page opens from the list by a click.
    page.locator("table.list tbody tr td:first-child a").first.click()
    page.wait_for_url("**/id/zone/**")
    assert page.locator("h1").is_visible()


def test_the_search_box_finds_a_zone_by_its_chinese_name(page):
    page.goto(page.base + "/browse")
    page.screenshot(path=str(DOC_SHOTS / "browse.png"), full_page=True)
    page.locator("header .site-search input").fill("成都高新技术")
    page.locator("header .site-search button").click()
    page.wait_for_url("**/search?**")
    page.screenshot(path=str(DOC_SHOTS / "search.png"), full_page=True)
    page.get_by_role("link", name="Chengdu High-Tech Industrial Development Zone").click()
    page.wait_for_url(page.base + CHENGDU + "*")


def test_observations_list_filters_by_facet_at_phone_width(browser, live):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.goto(live.url + "/browse/observations")
    pg.locator(".facet[data-facet=indicator] a", has_text="total imports and exports").click()
    pg.wait_for_url("**indicator=**")
    rows = pg.locator("table.list tbody tr")
    assert rows.count() > 0
    assert all("total imports and exports" in rows.nth(i).inner_text() for i in range(rows.count()))
    overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow} px of horizontal overflow at 390 px"
    pg.screenshot(path=str(DOC_SHOTS / "list-observations-phone.png"), full_page=True)
    context.close()


def test_filter_an_indicator_by_period_download_the_csv_and_load_it_back(page, web_store, tmp_path):
    from tests.web.test_web_slices import figures, load_back

    store, _ = web_store
    page.goto(page.base + "/browse/indicators")
    page.get_by_role("link", name="total imports and exports").click()
    page.wait_for_url("**/id/indicator/total-imports-and-exports*")
    page.locator("#chart-slice svg").first.wait_for()
    page.select_option("select[name=period]", label="2021 (2)")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**period=**")
    rows = page.locator("table.slice-table tbody tr")
    assert rows.count() == 2 and all("2021" in rows.nth(i).inner_text() for i in range(2))
    page.locator("#chart-slice svg .mark-rect path").first.wait_for()
    page.screenshot(path=str(DOC_SHOTS / "indicator.png"), full_page=True)
    with page.expect_download() as download:
        page.locator("a.slice-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    expected = figures(
        store,
        "FILTER(?indicator = <https://w3id.org/zonegraph/id/indicator/total-imports-and-exports>"
        " && ?period = <http://reference.data.gov.uk/id/year/2021>)",
    )
    assert load_back(text, tmp_path) == expected
    assert not page.errors, page.errors


def _open_editor(page) -> None:
    page.goto(page.base + "/")
    page.locator(".yasgui .tabsList .tab").first.wait_for()


def _run(page, query: str, shows: str = ".yasr table.dataTable tbody tr") -> None:
    page.evaluate("q => zonegraphYasgui.getTab().getYasqe().setValue(q)", query)
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    page.locator(".tabPanel.active " + shows).first.wait_for()


def test_a_shared_link_opens_its_query_in_a_tab_of_its_own(page):
    query = "SELECT ?zone WHERE { ?zone a <https://w3id.org/zonegraph/ontology#HighTechZone> }"
    page.goto(page.base + "/#query=" + quote(query))
    page.locator(".yasgui .tabsList .tab").first.wait_for()
    examples = len(list((ROOT / "ontology" / "queries").glob("*.rq")))
    assert page.locator(".yasgui .tabsList .tab").count() == examples + 1
    assert page.evaluate("zonegraphYasgui.getTab().getQuery()") == query
    assert "#query" not in page.url
    assert not page.errors, page.errors


def test_tabs_persist_across_reloads_and_the_examples_can_be_restored(page):
    page.goto(page.base + "/")
    tabs = page.locator(".yasgui .tabsList .tab")
    tabs.first.wait_for()
    n = tabs.count()
    mine = "SELECT * WHERE { ?s ?p ?o } LIMIT 3"
    page.evaluate("q => zonegraphYasgui.getTab().getYasqe().setValue(q)", mine)
    page.evaluate("void zonegraphYasgui.addTab(true, {name: 'my own', yasqe: {value: 'ASK {}'}})")
    page.wait_for_timeout(300)  # YASGUI writes localStorage on change
    page.reload()
    tabs.first.wait_for()
    assert tabs.count() == n + 1
    names = page.evaluate(
        "zonegraphYasgui.persistentConfig.getTabs().map(id => zonegraphYasgui.getTab(id).getName())"
    )
    assert "my own" in names
    first = page.evaluate(
        "zonegraphYasgui.getTab(zonegraphYasgui.persistentConfig.getTabs()[0])"
        ".getPersistedJson().yasqe.value"
    )
    assert first == mine
    # Close an example, then restore: every example is back, edits put back as they were.
    page.get_by_role("tab", name="Cooperation parks and their partner countries").click()
    page.evaluate("zonegraphYasgui.getTab().close()")
    assert tabs.count() == n
    page.locator("#restore-examples").click()
    assert tabs.count() == n + 1
    first = page.evaluate(
        "zonegraphYasgui.getTab(zonegraphYasgui.persistentConfig.getTabs()[0])"
        ".getPersistedJson().yasqe.value"
    )
    assert first != mine and first.startswith("#")
    assert not page.errors, page.errors


def test_link_to_this_query_and_download_as_csv_are_one_click(page, browser, live):
    _open_editor(page)
    query = (
        "SELECT ?l WHERE { <https://w3id.org/zonegraph/id/country/sg> ?p ?l FILTER(isLiteral(?l)) }"
    )
    page.evaluate("q => zonegraphYasgui.getTab().getYasqe().setValue(q)", query)
    with page.expect_download() as download:
        page.locator("#query-csv").click()
    body = Path(download.value.path()).read_text(encoding="utf-8")
    assert body.splitlines()[0].strip() == "l" and "Singapore" in body
    page.locator("#query-link").click()
    link = page.locator("#query-link-text").get_attribute("href")
    assert "#query=" in link
    other = browser.new_context()
    pg = other.new_page()
    pg.goto(link)
    pg.locator(".yasgui .tabsList .tab").first.wait_for()
    assert pg.evaluate("zonegraphYasgui.getTab().getQuery()") == query
    other.close()


def test_the_results_table_shows_plain_values(page):
    _open_editor(page)
    _run(
        page,
        "SELECT ?label ?n WHERE { <https://w3id.org/zonegraph/id/country/sg> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label BIND(3 AS ?n) }",
    )
    table = page.locator(".tabPanel.active .yasr table.dataTable tbody").inner_text()
    assert "Singapore" in table and "@en" not in table and "^^" not in table and '"' not in table


def _chart_spec(page) -> dict:
    page.locator(".tabPanel.active .yasr .select_chart").click()
    chart = page.locator(".tabPanel.active .zonegraph-chart")
    chart.locator("svg").first.wait_for()
    return json.loads(chart.get_attribute("data-spec"))


def test_the_chart_of_percentages_is_never_stacked_and_periods_give_lines(page):
    _open_editor(page)
    # Two percentages for the same area: side by side, never one on top of the other.
    _run(
        page,
        "SELECT ?areaLabel ?kind ?percent WHERE { VALUES (?areaLabel ?kind ?percent) "
        '{ ("Sichuan" "exports" 17.9) ("Sichuan" "output" 20.4) ("Chengdu" "exports" 12.5) } }',
    )
    spec = _chart_spec(page)
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["stack"] is None and spec["encoding"]["color"]["field"]
    categories = [v["category"] for v in spec["data"]["values"]]
    assert len(set(categories)) == 3 and "Sichuan · exports" in categories
    assert spec["encoding"]["x"]["title"] == "percent" and spec["encoding"]["y"]["title"] == "area"
    bars = page.locator(".tabPanel.active .zonegraph-chart svg .mark-rect path")
    assert bars.count() == 3
    boxes = [bars.nth(i).bounding_box() for i in range(3)]
    # No bar starts where another ends at the same height (what stacking would do).
    lefts = {round(b["x"]) for b in boxes}
    assert len(lefts) == 1, boxes
    _run(
        page,
        "SELECT ?period ?value WHERE { VALUES (?period ?value) "
        '{ ("2020" 1.5) ("2021" 2.5) ("2022" 2.0) } }',
        shows=".zonegraph-chart svg .mark-line",
    )
    spec = _chart_spec(page)
    assert spec["mark"]["type"] == "line" and spec["encoding"]["x"]["field"] == "period"
    assert not page.errors, page.errors


def test_federated_examples_say_they_need_an_allow_listed_endpoint(page):
    page.goto(page.base + "/")
    page.get_by_role("tab", name=re.compile("federated")).first.click()
    assert page.evaluate("zonegraphYasgui.getTab().getQuery()").startswith("# This example calls")
    details = page.locator("details.examples")
    details.locator("summary").click()
    assert details.locator("p.blocked").count() == 2
    assert "ZONEGRAPH_SERVICE_ALLOWLIST" in details.locator("p.blocked").first.inner_text()


def test_a_dataset_table_links_to_observation_pages_that_open_with_their_sentence(page):
    page.goto(page.base + "/id/dataset/economy")
    page.locator("#chart-slice svg").first.wait_for()
    page.screenshot(path=str(DOC_SHOTS / "dataset.png"), full_page=True)
    page.locator("table.slice-table a", has_text="961.22 billion yuan").click()
    page.wait_for_url("**/id/observation/**")
    sentence = page.locator("p.sentence").inner_text()
    assert sentence.startswith("Sichuan national economic development zones: output value")
    assert "961.22 billion yuan in 2021, +20.4 % year on year" in sentence
    page.screenshot(path=str(DOC_SHOTS / "observation.png"), full_page=True)
    assert not page.errors, page.errors


def test_the_header_link_to_the_sparql_endpoint_opens_a_page(page):
    page.goto(page.base + "/browse")
    page.locator("header.site nav a", has_text="SPARQL endpoint").click()
    page.wait_for_url("**/sparql")
    assert page.locator("h1").inner_text() == "SPARQL endpoint"
    # Its form runs a query; the answer comes back as a file of results.
    with page.expect_download() as download:
        page.get_by_role("button", name="Run").click()
    assert "Chengdu High-Tech" in Path(download.value.path()).read_text(encoding="utf-8")
    page.locator("p.formats a", has_text="Turtle").wait_for()
    page.screenshot(path=str(DOC_SHOTS / "sparql-endpoint.png"), full_page=True)
    assert not page.errors, page.errors


def test_the_api_documentation_works_without_a_cdn(page):
    page.goto(page.base + "/")
    page.locator("footer a", has_text="HTTP API").click()
    page.wait_for_url("**/docs")
    operations = page.locator("#swagger-ui .opblock")
    operations.first.wait_for()
    assert operations.count() >= 5
    assert "/sparql" in page.locator("#swagger-ui").inner_text()
    page.screenshot(path=str(DOC_SHOTS / "api-docs.png"), full_page=True)
    # The page fixture checks that no request left this server.
    assert not page.errors, page.errors


def _transferred(pg, path: str) -> tuple[int, int]:
    """Bytes that came over the network for one visit to ``path`` (CDP), and the requests."""
    cdp = pg.context.new_cdp_session(pg)
    cdp.send("Network.enable")
    sizes: list[int] = []
    cdp.on("Network.loadingFinished", lambda e: sizes.append(int(e["encodedDataLength"])))
    pg.goto(pg.base + path)
    pg.locator(".yasgui .tabsList .tab").first.wait_for()
    pg.wait_for_load_state("networkidle")
    cdp.detach()
    return sum(sizes), len(sizes)


def test_a_second_visit_to_the_home_page_downloads_only_the_page(page):
    first, _ = _transferred(page, "/")
    second, requests = _transferred(page, "/")
    print(f"\nhome page: first visit {first:,} bytes, second visit {second:,} bytes")
    # gzip: the 1.9 MB of scripts and styles arrive as about 0.6 MB ...
    assert first < 900_000
    # ... and once cached (immutable), a second visit fetches the HTML alone.
    assert second < 100_000, (second, requests)
    assert not page.errors, page.errors


# Page kind -> (path, what to wait for before the picture is taken).
PAGE_KINDS = {
    "home": ("/", ".yasgui .tabsList .tab"),
    "zone": (CHENGDU, "#chart-partners svg"),
    "group": (SICHUAN, "#chart-values svg"),
    "region": ("/id/region/510000", "h1"),
    "country": ("/id/country/sg", "h1"),
    "source": ("/source/sichuan-development-zones-2021", ".document mark"),
    "reference-data": ("/source/reference-data", "table.linked"),
    "ontology": ("/ontology", "h1"),
    "shapes": ("/shapes", "h1"),
    "catalog": ("/catalog", "section#dataset"),
    "void": ("/.well-known/void", "section#dataset"),
    "not-found": ("/id/zone/no-such-zone", "h1"),
}


LONG_PAGES = {"ontology", "shapes", "catalog", "void", "reference-data"}


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_a_screenshot_of_each_page_kind_for_the_docs(page, kind):
    path, ready = PAGE_KINDS[kind]
    page.goto(page.base + path)
    page.locator(ready).first.wait_for()
    assert page.locator("h1").first.is_visible()
    assert page.locator("footer.site a[href='/catalog']").is_visible()
    # Long reference pages: their first screen is what the docs show.
    page.screenshot(path=str(DOC_SHOTS / f"{kind}.png"), full_page=kind not in LONG_PAGES)
    # A 404 page says so with its status; everything else loads without an error.
    if kind == "not-found":
        page.errors = [e for e in page.errors if not e.startswith("404 ") and "404" not in e]
    assert not page.errors, page.errors


def test_a_screenshot_of_the_csv_problems_table(page):
    page.goto(page.base + "/validate/form")
    page.set_input_files("#file", str(ROOT / "tests" / "fixtures" / "csv" / "bad-rows.csv"))
    page.get_by_role("button", name="Validate").click()
    table = page.locator("table.problems")
    table.wait_for()
    assert table.locator("tbody tr").count() == 6
    assert "bad-rows.csv" in page.locator("h2").first.inner_text()
    page.screenshot(path=str(DOC_SHOTS / "validate-csv.png"), full_page=True)
