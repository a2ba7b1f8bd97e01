"""What the server says about itself: the SPARQL 1.1 Service Description and the VoID description.

>>> g = service_description("http://127.0.0.1:8000/sparql", updates=True)
>>> (None, SD.feature, SD.UnionDefaultGraph) in g
True
>>> g.serialize(format="nt").count("supportedLanguage")
2
"""

from __future__ import annotations

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

from server.negotiation import RDF_TYPES, SOLUTION_TYPES

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
_FORMATS = Namespace("http://www.w3.org/ns/formats/")
# W3C format IRIs (https://www.w3.org/ns/formats/) of the media types we serve.
_FORMAT_IRIS = {
    "application/sparql-results+json": _FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": _FORMATS.SPARQL_Results_XML,
    "text/csv": _FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": _FORMATS.SPARQL_Results_TSV,
    "text/turtle": _FORMATS.Turtle,
    "application/n-triples": _FORMATS["N-Triples"],
    "application/rdf+xml": _FORMATS.RDF_XML,
    "application/ld+json": _FORMATS["JSON-LD"],
}
# rdflib serialiser names for the RDF media types offered.
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def service_description(endpoint: str, *, updates: bool = False, federated: bool = False) -> Graph:
    """The sd:Service of the endpoint at ``endpoint`` (an absolute URL).

    ``federated``: SERVICE is allowed to some endpoints (sd:BasicFederatedQuery).
    """
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if updates:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    if federated:
        g.add((service, SD.feature, SD.BasicFederatedQuery))
    for media in SOLUTION_TYPES + RDF_TYPES:
        g.add((service, SD.resultFormat, _FORMAT_IRIS[media]))
    dataset = BNode()
    default = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, DCTERMS.description, Literal("the union of all named graphs", lang="en")))
    return g
