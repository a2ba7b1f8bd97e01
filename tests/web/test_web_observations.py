"""Observations as people read them: a sentence first, human labels, ranks with scope and ties."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from kg import iris

P = iris.PREFIXES
SICHUAN_GROUP = iris.group_iri("Sichuan national economic development zones")
SICHUAN = "https://w3id.org/zonegraph/id/region/510000"  # GB/T 2260 (model v2)


def _obs(store, area: str, indicator_label: str, statistic: str, extra: str = "") -> str:
    rows = store.select(
        f"""SELECT ?o WHERE {{
          ?o <{P["sdmx-dimension"]}refArea> <{area}> ; <{iris.DZ}indicator> ?i ;
             <{iris.DZ}statistic> <{iris.ID}statistic/{statistic}> .
          ?i <{P["skos"]}prefLabel> "{indicator_label}"@en . {extra} }}"""
    )
    assert len(rows) == 1, (indicator_label, statistic, rows)
    return str(rows[0]["o"])


def _text(page: str) -> str:
    body = re.search(r"<main>(.*)</main>", page, re.S)[1]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def _path(iri: str) -> str:
    return iri.replace(iris.ID, "/id/") + ".html"


def test_an_observation_page_reads_as_a_sentence_then_human_labels(client, web_store):
    store, _ = web_store
    level = _obs(store, SICHUAN_GROUP, "total imports and exports", "level")
    page = client.get(_path(level)).text
    sentence = re.search(r'<p class="sentence">(.*?)</p>', page, re.S)[1]
    assert html.unescape(sentence).startswith(
        "Sichuan national economic development zones: total imports and exports "
        "81.01 billion yuan in 2021, +17.9 % year on year — "
    )
    assert "“total export-import volume reached 81.01 billion yuan”" in html.unescape(sentence)
    text = _text(page)
    for label in ("Area", "Indicator", "Period", "Value", "Kind of figure", "Source", "Dataset"):
        assert f" {label} " in text, label
    for noise in ("Reference Area", "qb:dataSet", "not applicable", "scope/_Z", "sdmx", "Unit of"):
        assert noise not in text, noise


def test_a_change_links_to_the_level_it_qualifies(client, web_store):
    store, _ = web_store
    change = _obs(store, SICHUAN_GROUP, "total imports and exports", "yoy-change")
    level = _obs(store, SICHUAN_GROUP, "total imports and exports", "level")
    page = client.get(_path(change)).text
    assert "+17.9 % year on year in 2021" in html.unescape(page)
    assert f'<a href="{_path(level)[: -len(".html")]}">81.01 billion yuan (2021)</a>' in page


def test_ranks_show_scope_and_ties_on_every_page_they_appear(client, web_store):
    store, _ = web_store
    rank = "rank 2, tied, in Central and West China"
    tied = _obs(
        store,
        SICHUAN,
        "number of national economic development zones",
        "rank",
        f'?o <{iris.DZ}qualifier> "tied" ; '
        f'<{iris.DZ}scope>/<{P["rdfs"]}label> "Central and West China"@en',
    )
    for path in (_path(tied), "/id/region/510000.html", "/source/sichuan-development-zones-2021"):
        assert rank in html.unescape(client.get(path).text), path
    among = "rank 1 of 169, among national high-tech zones in China"
    chengdu = "/id/zone/chengdu-high-tech-industrial-development-zone.html"
    assert among in html.unescape(client.get(chengdu).text)
    rows = client.get(f"/browse/observations.json?size=500&area={SICHUAN}").json()["rows"]
    exported = next(r for r in rows if r["iri"] == tied)
    assert (exported["scope"], exported["qualifier"]) == ("Central and West China", "tied")


def test_values_read_in_words_with_their_unit(client):
    text = html.unescape(client.get("/id/group/sichuan-national-economic-development-zones").text)
    for words in ("961.22 billion yuan", "+20.4 %", "599 million US dollars", "up 23.75 times"):
        assert words in text, words


class _LangCheck(HTMLParser):
    """Collects text with Chinese characters that no element marks as lang="zh"."""

    VOID = frozenset({"br", "img", "input", "link", "meta", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.unmarked: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang") or (self.stack[-1] if self.stack else "")
        self.stack.append(lang)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if re.search(r"[\u4e00-\u9fff]", data) and not (self.stack and self.stack[-1] == "zh"):
            self.unmarked.append(data.strip())


def test_every_chinese_label_is_marked_lang_zh(client):
    for path in (
        "/id/zone/chengdu-high-tech-industrial-development-zone.html",
        "/id/group/sichuan-national-economic-development-zones.html",
        "/id/indicator/total-imports-and-exports.html",
        "/id/region/510000.html",
    ):
        page = client.get(path).text
        body = page[page.index("<main>") : page.index("</main>")]
        check = _LangCheck()
        check.feed(
            body.replace('<script type="application/json"', "<!--").replace("</script>", "-->")
        )
        assert not check.unmarked, (path, check.unmarked[:5])


def test_incoming_links_of_unlabelled_properties_read_as_words(client):
    from server.pages.describe import _incoming_heading

    heading = _incoming_heading("http://rdfs.org/ns/void#exampleResource", {})
    assert heading == "Example resource of this"


def test_an_attributed_figure_says_whom_the_source_attributes_it_to(client, web_store):
    store, _ = web_store
    count = _obs(store, SICHUAN, "number of national economic development zones", "count")
    text = _text(client.get(_path(count)).text)
    assert " According to Sichuan Provincial Department of Commerce " in text
    level = _obs(store, SICHUAN_GROUP, "total imports and exports", "level")
    assert "According to" not in _text(client.get(_path(level)).text)


def test_a_planned_figure_is_labelled_a_target():
    from server.pages.observations import Observation, figure_lines

    target = Observation("o", "i", "total imports and exports", "2025", "level", "1", "CNY")
    assert "Modality" not in [line.label for line in figure_lines(target)]
    target.planned = True
    lines = {line.label: line.text for line in figure_lines(target)}
    assert lines["Modality"] == "planned (a target, not an outcome)"


def test_a_figure_two_sources_state_lists_the_quote_of_each(tmp_path):
    from pathlib import Path

    from kg.ingest import ensure_seeded, ingest_file
    from kg.store import open_store
    from server.pages.observations import figure_lines, observation_with_changes

    db = open_store(None)
    ensure_seeded(db)
    docs = Path(__file__).resolve().parents[2] / "data" / "documents"
    ingest_file(db, docs / "sichuan-development-zones-2021.txt")
    table = tmp_path / "restated.csv"
    table.write_text(
        "area,indicator,period,value,unit\n"
        "zid:group/sichuan-national-economic-development-zones,total imports and exports,"
        "2021,81010000000,CNY\nSichuan,total imports and exports,2019,1000,CNY\n"
    )
    ingest_file(db, table)
    # One observation, in both graphs (the union gives it once per graph: DISTINCT).
    (row,) = db.select(
        f"""SELECT DISTINCT ?o WHERE {{
          ?o <{P["sdmx-dimension"]}refArea> <{SICHUAN_GROUP}> ;
             <{P["sdmx-dimension"]}refPeriod> <{iris.period_iri("2021")}> ;
             <{iris.DZ}indicator> <{iris.ID}indicator/total-imports-and-exports> ;
             <{iris.DZ}statistic> <{iris.ID}statistic/level> }}"""
    )
    figure, _ = observation_with_changes(db, str(row["o"]))
    lines = [(line.label, line.text, line.href) for line in figure_lines(figure)]
    (also,) = [line for line in lines if line[0] == "Also stated by"]
    sources = {line[1] for line in lines if line[0] == "Source"} | {also[1]}
    assert any("restated.csv" in text for text in sources), lines
    assert any("81.01 billion" in text or "81010000000" in text for text in sources)
    assert also[2].startswith("/source/")
