"""/source/<id>: the document text with every extracted fact highlighted at its offsets."""

from __future__ import annotations

import csv
import html
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape
from rdflib import Graph

from kg import ingest, iris, model, reference
from kg.store import open_store
from kg.validation import ValidationReport
from server.pages import register

P = iris.PREFIXES
SEL = f"<{P['oa']}hasSelector>/<{P['oa']}"  # a span's selector, then the property (closed by >)
TEXT = "Zone <b> grew.\nIn 2021, exports reached 8 billion yuan, up 12%.\n"


def _spans(store, source_id: str) -> list[dict]:
    doc = iris.source_doc_iri(source_id)
    return store.select(
        f"""SELECT ?span ?start ?end ?exact WHERE {{ ?span <{P["oa"]}hasSource> <{doc}> ;
          {SEL}start> ?start ; {SEL}end> ?end ; {SEL}exact> ?exact }}"""
    )


@pytest.mark.parametrize(
    "name", ["sichuan-development-zones-2021", "chengdu-hightech-internationalization-index"]
)
def test_every_span_of_a_loaded_document_is_highlighted_where_its_quote_is(client, web_store, name):
    store, _ = web_store
    spans = _spans(store, name)
    assert spans
    page = client.get(f"/source/{name}").text
    assert "Quotes not found at their offsets" not in page
    document = page.split('<div class="document"', 1)[1].split("</div>", 1)[0]
    for row in spans:
        assert f'id="span-{row["start"]}-{row["end"]}"' in document
    # The highlighted text, cards removed, is the quotes in document order.
    highlighted = re.sub(r'<span class="card">.*?</span></mark>', "</mark>", document, flags=re.S)
    marked = "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", highlighted, flags=re.S))
    for row in spans:
        assert str(escape(str(row["exact"]))) in marked or str(row["exact"]) in marked


def test_a_highlight_card_links_to_the_observations_read_from_it(client, web_store):
    store, _ = web_store
    rows = store.select(
        f"""SELECT ?obs ?start ?end WHERE {{ ?obs a <{P["qb"]}Observation> ;
          <{P["prov"]}wasDerivedFrom> ?span . ?span {SEL}start> ?start ; {SEL}end> ?end ;
          <{P["oa"]}hasSource> <{iris.source_doc_iri("sichuan-development-zones-2021")}> }}"""
    )
    assert rows
    page = client.get("/source/sichuan-development-zones-2021").text
    for row in rows:
        mark = re.search(
            rf'<mark[^>]*id="span-{row["start"]}-{row["end"]}"[^>]*>.*?</mark>', page, re.S
        )
        assert mark, f"no highlight starts at {row['start']}"
        local = "/id/" + str(row["obs"])[len(iris.ID) :]
        assert f'href="{local}"' in mark[0]


def _small_app(tmp_path, text_on_disk: str | None, spans: list[model.Span]) -> TestClient:
    """A store with one source 'note' whose spans are given, and its text file (or none)."""
    folder = tmp_path / "docs"
    folder.mkdir(parents=True)
    if text_on_disk is not None:
        (folder / "note.txt").write_text(text_on_disk, encoding="utf-8")
    g = Graph()
    model.add_source(g, "note", file_name="note.txt", title="A <b>note</b>")
    for i, span in enumerate(spans):
        fact = model.Fact(
            area=iris.zone_iri("Zone"),
            indicator="exports",
            value=str(8 + i),
            unit="CNY",
            period="2021",
            span=span,
        )
        model.add_observation(g, "note", fact)
    store = open_store(None)
    real = ingest.validate
    ingest.validate = lambda graph: ValidationReport(conforms=True)
    try:
        ingest.ingest_graph(
            store,
            iris.source_graph("note"),
            g,
            source_id="note",
            digest=ingest.content_hash(TEXT.encode()),
        )
    finally:
        ingest.validate = real
    app = FastAPI()
    register(app, lambda request: store, documents=[folder])
    return TestClient(app)


def test_a_quote_that_is_not_at_its_offsets_is_reported_not_highlighted(tmp_path):
    good_start = TEXT.index("exports reached")
    good_end = good_start + len("exports reached 8 billion yuan")
    good = model.Span(good_start, good_end, TEXT[good_start:good_end])
    wrong = model.Span(0, 4, "grew")
    client = _small_app(tmp_path, TEXT, [good, wrong])
    page = client.get("/source/note").text
    assert "Quotes not found at their offsets" in page
    assert page.count("<mark") == 1
    assert f'id="span-{good.start}-{good.end}"' in page
    # The document's own markup-like text is shown as text.
    assert "Zone &lt;b&gt; grew." in page
    assert "A &lt;b&gt;note&lt;/b&gt;" in page


def test_a_changed_or_missing_file_is_said_so(tmp_path):
    start = TEXT.index("up 12%")
    span = model.Span(start, start + 6, "up 12%")
    changed = _small_app(tmp_path / "a", TEXT.replace("Zone", "Area"), [span])
    assert "The file has changed since it was loaded" in changed.get("/source/note").text
    missing = _small_app(tmp_path / "b", None, [span])
    page = missing.get("/source/note").text
    assert "only the quotes are listed" in page
    assert "<q>up 12%</q>" in page


def test_unknown_sources_are_404(client):
    assert client.get("/source/no-such-source").status_code == 404
    assert client.get("/source/Not%20A%20Slug").status_code == 404


def test_the_reference_data_page_says_what_it_holds_and_where_identifiers_come_from(
    client, web_store
):
    store, _ = web_store
    r = client.get("/source/reference-data")
    assert r.status_code == 200
    page = html.unescape(r.text)
    assert "Nothing was read" not in page and "not in the document folders" not in page
    assert "Identifiers and where they come from" in page
    # The counts are the store's.
    wikidata = store.select(
        f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{iris.REFERENCE_GRAPH}> {{ ?x <{iris.PREFIXES['owl']}"
        "sameAs> ?w FILTER(STRSTARTS(STR(?w), 'http://www.wikidata.org/entity/')) } }"
    )[0]["n"]
    assert re.search(rf"Wikidata items \(owl:sameAs\)</td><td class=\"num\">{int(wikidata)}<", page)
    # Every entity with a Wikidata id is listed with its link and the source its row names.
    rows = {
        row["wikidata"]: row
        for row in csv.DictReader(
            (reference.ONTOLOGY_DIR / "reference" / "sources" / "entity-ids.csv").open()
        )
        if row["wikidata"]
    }
    ids = store.select(
        f"SELECT DISTINCT ?q {{ GRAPH <{iris.REFERENCE_GRAPH}> {{ ?x <{iris.DZ}wikidataId> ?q }} }}"
    )
    assert len(ids) >= 10
    for row in ids:
        qid = str(row["q"])
        assert f'href="http://www.wikidata.org/entity/{qid}"' in page, qid
        assert rows[qid]["source"] in page, qid
    # Each file of the reference data is named with what its header says it holds.
    assert "ontology/reference/regions.ttl" in page and "provincial-level divisions" in page
    # The home page links this source like the others.
    assert 'href="/source/reference-data"' in client.get("/").text.split("<footer")[0]
