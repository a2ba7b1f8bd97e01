"""The validation form: paste or upload data, read the SHACL report as a table."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.validation import validate

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
    # The focus node is ours, so it links to its page.
    assert 'href="/id/zone/test-high-tech-zone"' in r.text


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
    assert "Cannot read the data" in r.text
    r = client.post("/validate/form", data={"data": "  ", "format": "auto"})
    assert r.status_code == 422 and "Paste some data or choose a file" in r.text


def test_a_csv_is_checked_with_the_csv_loader(client):
    path = FIXTURES / "csv" / "figures.csv"
    with path.open("rb") as f:
        r = client.post("/validate/form", files={"file": (path.name, f, "text/csv")})
    assert r.status_code == 200
    assert "<h2>Conforms" in r.text or "<h2>Does not conform" in r.text
