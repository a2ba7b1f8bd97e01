"""/ontology and /shapes: HTML documentation, and the RDF by content negotiation or suffix."""

from __future__ import annotations

import pytest
from markupsafe import escape
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from kg import iris, reference

SH = Namespace(iris.PREFIXES["sh"])


def test_ontology_page_documents_every_class_and_property(client):
    r = client.get("/ontology", headers={"accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Accept" in r.headers["vary"] and r.headers["content-location"] == "/ontology.html"
    g = reference.ontology_graph()
    documented = 0
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in g.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith(iris.DZ):
                # Every term IRI's fragment is an anchor, so dz: IRIs resolve to their entry.
                assert f'id="{str(term)[len(iris.DZ) :]}"' in r.text, term
                documented += 1
    assert documented > 20
    zone = URIRef(iris.DZ + "HighTechZone")
    for label in g.objects(zone, RDFS.label):
        assert str(escape(str(label))) in r.text


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml;q=0.9, text/html;q=0.1", "application/rdf+xml", "xml"),
    ],
)
@pytest.mark.parametrize("which", ["ontology", "shapes"])
def test_the_rdf_is_negotiated(client, which, accept, media, fmt):
    r = client.get(f"/{which}", headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    g = Graph().parse(data=r.content, format=fmt)
    source = reference.ontology_graph() if which == "ontology" else reference.shapes_graph()
    assert len(g) == len(source)


def test_suffixes_name_the_formats(client):
    r = client.get("/ontology.ttl")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(iris.DZ + "HighTechZone"), RDF.type, OWL.Class) in g
    assert client.get("/shapes.nt").headers["content-type"].startswith("application/n-triples")


def test_shapes_page_shows_each_shapes_messages(client):
    page = client.get("/shapes", headers={"accept": "text/html"}).text
    g = reference.shapes_graph()
    messages = {str(m) for m in g.objects(None, SH.message)}
    assert len(messages) > 10
    # Messages of named node shapes and of their property shapes are all shown.
    for shape in g.subjects(RDF.type, SH.NodeShape):
        if not isinstance(shape, URIRef):
            continue
        assert f'id="{str(shape).rsplit("#", 1)[-1]}"' in page
        for prop in g.objects(shape, SH.property):
            for message in g.objects(prop, SH.message):
                assert str(escape(str(message))) in page


def test_an_unacceptable_format_is_406(client):
    assert client.get("/ontology", headers={"accept": "image/png"}).status_code == 406
