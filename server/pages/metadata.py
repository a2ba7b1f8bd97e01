"""HTML views of the server's descriptions of itself: SPARQL service description, catalogue, VoID.

``/sparql`` without a query, ``/catalog`` and ``/.well-known/void`` answer RDF to
RDF clients (and to ``*/*`` or no ``Accept``, as before) and this page to a
client that prefers ``text/html``, as browsers do. The page shows every
resource of the graph with its properties in words, links to the RDF forms
(``?format=ttl`` ...), and keeps the server's own URLs relative, so a link
works on whatever host and port serve it.

>>> from rdflib import Graph
>>> g = Graph().parse(data='<http://x/a> <http://purl.org/dc/terms/title> "A" ; '
...     '<http://rdfs.org/ns/void#classPartition> [ <http://rdfs.org/ns/void#entities> 3 ] .',
...     format="turtle")
>>> [r.title for r in resources(g, "http://x/a", "http://127.0.0.1:8000")]
['A']
>>> lines = resources(g, "", "")[0].lines
>>> [(line.label, [p.label for p in line.values[0].parts]) for line in lines]
[('class partition', ['entities']), ('title', [])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node
from starlette.responses import HTMLResponse

from kg import reference
from server.pages import terms
from server.pages.describe import _PLAIN_NAMES, _words
from server.pages.names import labels
from server.pages.rendering import page

# Short names for the ?format= links of the RDF forms.
FORMAT_NAMES = {
    "text/turtle": ("ttl", "Turtle"),
    "application/n-triples": ("nt", "N-Triples"),
    "application/rdf+xml": ("rdf", "RDF/XML"),
    "application/ld+json": ("jsonld", "JSON-LD"),
}
_TITLES = (
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2006/vcard/ns#fn",
    "http://xmlns.com/foaf/0.1/name",
)
_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
# Vocabularies of these descriptions that the graph's own prefixes (kg.iris) leave out.
_MORE_PREFIXES = {
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "formats": "http://www.w3.org/ns/formats/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "csvw": "http://www.w3.org/ns/csvw#",
}


@dataclass
class Value:
    """One object on the page: text, a link when it is an IRI, the parts of a blank node."""

    text: str
    href: str = ""
    note: str = ""
    lang: str = ""
    parts: list[Line] = field(default_factory=list)


@dataclass
class Line:
    """A property in words with its values."""

    label: str
    iri: str
    values: list[Value] = field(default_factory=list)


@dataclass
class Resource:
    """A subject of the graph: its heading, in-page anchor, types and lines."""

    iri: str
    anchor: str
    title: str
    types: list[Value]
    lines: list[Line]


def anchor_of(iri: str) -> str:
    """An element id for a resource of the page.

    >>> anchor_of("https://w3id.org/zonegraph/catalog#sparql-service")
    'sparql-service'
    """
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", tail).strip("-") or "resource"


def resources(
    graph: Graph,
    first: str,
    base_url: str,
    names: dict | None = None,
    title_of_first: str = "",
) -> list[Resource]:
    """The subjects of ``graph`` (``first`` on top, the others by title) ready to show.

    IRIs under ``base_url`` become paths of this server; a subject of the graph is
    linked to its place on the page; ``names`` (iri -> (en, zh)) name other IRIs.
    """
    names = dict(names or {})
    for s in set(graph.subjects()):
        title = _title(graph, s)
        if title and isinstance(s, URIRef):
            names[str(s)] = (title, "")
    subjects = [s for s in set(graph.subjects()) if isinstance(s, URIRef)]
    # A blank node is shown inside what points at it; one nothing points at, on its own.
    subjects += [
        b for b in set(graph.subjects()) if isinstance(b, BNode) and (None, None, b) not in graph
    ]
    anchors: dict[str, str] = {}
    for s in sorted(subjects, key=str):
        a = anchor_of(str(s))
        while a in anchors.values():
            a += "-1"
        anchors[str(s)] = a
    out = []
    for s in subjects:
        lines: dict[str, Line] = {}
        types = []
        for p, o in sorted(graph.predicate_objects(s), key=lambda po: (str(po[0]), str(po[1]))):
            value = _value(graph, o, base_url, anchors, names, depth=0)
            if p == RDF.type:
                types.append(value)
                continue
            line = lines.setdefault(str(p), Line(_property_label(str(p), names), str(p)))
            line.values.append(value)
        title = _title(graph, s) or (s == URIRef(first) and title_of_first) or _named(str(s))
        out.append(
            Resource(
                str(s),
                anchors[str(s)],
                title,
                types,
                sorted(lines.values(), key=lambda line: line.label),
            )
        )
    out.sort(key=lambda r: (r.iri != str(first), r.title.lower()))
    return out


def ontology_names(graph: Graph) -> dict[str, tuple[str, str]]:
    """Labels that the ontology gives the classes and properties ``graph`` uses."""
    wanted = {str(o) for o in graph.objects() if isinstance(o, URIRef)}
    wanted |= {str(p) for p in graph.predicates()}
    ontology = reference.ontology_graph()
    found: dict[str, tuple[str, str]] = {}
    for iri in wanted:
        for label in ontology.objects(URIRef(iri), URIRef(_TITLES[1])):
            if getattr(label, "language", None) in (None, "en"):
                found[iri] = (str(label), "")
                break
    return found


def store_names(store, graph: Graph) -> dict[str, tuple[str, str]]:
    """Labels from the store (and the ontology) of the IRIs that ``graph`` names."""
    wanted = {str(o) for o in graph.objects() if isinstance(o, URIRef)}
    return {**ontology_names(graph), **labels(store, wanted)}


def metadata_page(
    graph: Graph,
    *,
    kind: str,
    title: str,
    first: str,
    base_url: str,
    path: str,
    names: dict | None = None,
) -> HTMLResponse:
    """The HTML view of ``graph`` (kind: "service", "catalog" or "void"), linking its RDF forms."""
    formats = [
        (label, media, f"{path}?format={short}") for media, (short, label) in FORMAT_NAMES.items()
    ]
    return page(
        "metadata.html",
        headers={"Vary": "Accept"},
        kind=kind,
        title=title,
        path=path,
        formats=formats,
        resources=resources(graph, first, base_url, names, title),
        triples=len(graph),
    )


def _short(iri: str) -> str:
    """A prefixed name for ``iri`` (the project's prefixes, then those of these vocabularies)."""
    short = terms.curie(iri)
    if short != iri:
        return short
    for prefix, namespace in _MORE_PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _named(iri: str) -> str:
    """A heading for a resource without a title: its prefixed name, or its fragment in words.

    >>> _named("https://w3id.org/zonegraph/catalog#linkset-geonames")
    'Linkset geonames'
    """
    short = _short(iri)
    if short != iri or "#" not in iri:
        return short
    words = iri.rsplit("#", 1)[1].replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else iri


def _title(graph: Graph, node: Node) -> str:
    for prop in _TITLES:
        for value in graph.objects(node, URIRef(prop)):
            if getattr(value, "language", None) in (None, "en"):
                return str(value)
    return ""


def _property_label(iri: str, names: dict) -> str:
    return names.get(iri, ("", ""))[0] or _PLAIN_NAMES.get(iri) or _words(iri)


def _local(iri: str, base_url: str) -> str:
    if base_url and (iri == base_url or iri.startswith(base_url + "/")):
        return iri[len(base_url) :] or "/"
    return ""


def _value(graph, o: Node, base_url: str, anchors: dict, names: dict, depth: int) -> Value:
    if isinstance(o, URIRef):
        iri = str(o)
        local = _local(iri, base_url)
        if iri in anchors:
            return Value(names.get(iri, ("", ""))[0] or _short(iri), "#" + anchors[iri])
        text = names.get(iri, ("", ""))[0] or local or _short(iri)
        note = _short(iri) if text not in (iri, local, _short(iri)) and not local else ""
        return Value(text, local or terms.href(iri), note=note)
    if isinstance(o, Literal):
        if str(o.datatype or "") == _DATETIME:
            return Value(terms.timestamp_text(str(o)))
        return Value(str(o), lang=(o.language or "").lower())
    if depth > 2:
        return Value("an unnamed node (blank node)")
    parts: dict[str, Line] = {}
    for p, v in sorted(graph.predicate_objects(o), key=lambda po: (str(po[0]), str(po[1]))):
        if p == RDF.type:
            continue
        line = parts.setdefault(str(p), Line(_property_label(str(p), names), str(p)))
        line.values.append(_value(graph, v, base_url, anchors, names, depth + 1))
    return Value("", parts=list(parts.values()))
