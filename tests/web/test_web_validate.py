"""The validation form: paste or upload data, read the SHACL report as a table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import TableError
from kg.validation import validate
from loaders import load_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_the_form_is_served(client):
    page = client.get("/validate/form").text
    assert '<form class="validate" action="/validate/form" method="post"' in page
    assert 'name="file" type="file"' in page and 'name="data"' in page


def test_an_uploaded_file_that_breaks_the_shapes_shows_every_violation(client):
    path = FIXTURES / "rdf" / "violates-shapes.ttl"
    with path.open("rb") as f:
        r = client.post("/validate/form", files={"file": (path.name, f, "text/turtle")})
    assert r.status_code == 200
    assert "Does not conform" in r.text
    expected = validate(Graph().parse(path)).violations
    assert expected
    assert r.text.count('<tr class="violation">') == len(expected)
    assert "<h2>Does not conform: violates-shapes.ttl</h2>" in r.text
    # The focus node is not in the store: it has no page, so it is not a link.
    assert "<code>zid:zone/test-high-tech-zone</code>" in r.text
    assert 'href="/id/zone/test-high-tech-zone"' not in r.text
    # Shapes have names a person can look up on /shapes, never "an unnamed property shape".
    assert "unnamed" not in r.text
    assert '<a href="/shapes#ObservationShape">dzsh:ObservationShape, property qb:dataSet</a>' in (
        r.text
    )
    shapes = client.get("/shapes").text
    for anchor in re.findall(r'<a href="/shapes#([\w-]+)">', r.text):
        assert f'id="{anchor}"' in shapes, anchor


def test_a_focus_node_links_to_its_page_only_when_the_store_has_it(client):
    known = "https://w3id.org/zonegraph/id/zone/chengdu-high-tech-industrial-development-zone"
    data = f"""@prefix dz: <https://w3id.org/zonegraph/ontology#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <{known}> dz:foundingYear "long ago" .
    <https://w3id.org/zonegraph/id/zone/no-such-zone> a dz:HighTechZone ;
        dz:foundingYear "1988"^^xsd:gYear ."""
    r = client.post("/validate/form", data={"data": data, "format": "turtle"})
    assert r.status_code == 200
    assert 'href="/id/zone/chengdu-high-tech-industrial-development-zone"' in r.text
    assert "<code>zid:zone/no-such-zone</code>" in r.text
    assert 'href="/id/zone/no-such-zone"' not in r.text


def test_pasted_data_that_conforms_says_so(client):
    text = (FIXTURES / "rdf" / "zone.ttl").read_text()
    expected = validate(Graph().parse(data=text, format="turtle"))
    r = client.post("/validate/form", data={"data": text, "format": "turtle"})
    assert r.status_code == 200
    assert ("<h2>Conforms" in r.text) == expected.conforms
    # What was pasted stays in the form, escaped.
    assert "&lt;https://w3id.org/zonegraph/id/zone/test-high-tech-zone&gt;" in r.text


def test_unreadable_data_is_a_message_not_a_crash(client):
    text = (FIXTURES / "rdf" / "broken-syntax.ttl").read_text()
    r = client.post("/validate/form", data={"data": text, "format": "auto"})
    assert r.status_code == 422
    assert "Cannot read pasted data.ttl: " in r.text
    r = client.post("/validate/form", data={"data": "  ", "format": "auto"})
    assert r.status_code == 422 and "Paste some data or choose a file" in r.text


def test_a_csv_is_checked_with_the_csv_loader(client):
    path = FIXTURES / "csv" / "figures.csv"
    with path.open("rb") as f:
        r = client.post("/validate/form", files={"file": (path.name, f, "text/csv")})
    assert r.status_code == 200
    assert "<h2>Conforms" in r.text or "<h2>Does not conform" in r.text


def test_csv_problems_are_a_table_of_row_column_and_message(client):
    path = FIXTURES / "csv" / "bad-rows.csv"
    with path.open("rb") as f:
        r = client.post("/validate/form", files={"file": ("figures 2024.csv", f, "text/csv")})
    assert r.status_code == 422
    # The user's file name, never the server's temporary folder or file.
    assert "Cannot load figures 2024.csv" in r.text
    assert "<h2>Problems in figures 2024.csv</h2>" in r.text
    assert "/tmp" not in r.text and "zonegraph-form-" not in r.text and "submitted" not in r.text
    table = re.search(r'<table class="results problems">(.*?)</table>', r.text, re.S)[1]
    rows = re.findall(
        r'<tr class="violation"><td class="num">(\d+)</td><td>(?:<code>(\w*)</code>)?</td>'
        r"<td>(.*?)</td></tr>",
        table,
    )
    # One row per problem of the file, each with its line and column, as the CSV loader sees them.
    with pytest.raises(TableError) as caught:
        load_file(path, "x")
    assert [(int(line), column) for line, column, _ in rows] == [
        (line, column) for line, column, _ in caught.value.problems
    ]
    assert ("5", "value", "value &#39;twelve&#39; is not a number") in rows


def test_a_pasted_csv_is_named_pasted_data(client):
    text = (FIXTURES / "csv" / "bad-rows.csv").read_text()
    r = client.post("/validate/form", data={"data": text, "format": "csv"})
    assert r.status_code == 422 and "Cannot load pasted data.csv" in r.text
