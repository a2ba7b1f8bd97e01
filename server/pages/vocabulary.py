"""``/ontology`` and ``/shapes``: the ontology and the SHACL shapes, as HTML or as RDF.

These are documents (not things), so they are negotiated directly: the same
URL answers HTML or an RDF format by ``Accept`` with ``Vary: Accept`` and a
``Content-Location`` naming the format's own URL (``/ontology.ttl`` ...).
pyLODE 3.4 from PyPI cannot be imported (it reads a pyproject.toml that its
wheel does not ship), so the HTML comes from our own template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from fastapi import APIRouter
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg import iris, reference
from server.negotiation import best
from server.pages import terms
from server.pages.rendering import page

router = APIRouter(tags=["Pages"])
SH = Namespace(iris.PREFIXES["sh"])
DZ = Namespace(iris.DZ)
FORMATS = {
    ".html": ("text/html", ""),
    ".ttl": ("text/turtle", "turtle"),
    ".jsonld": ("application/ld+json", "json-ld"),
    ".nt": ("application/n-triples", "nt"),
    ".rdf": ("application/rdf+xml", "xml"),
}
_SUFFIX_OF = {media: suffix for suffix, (media, _) in FORMATS.items()}
# Shape properties that are shown on their own rather than as constraints.
_TARGETS = (
    (SH.targetClass, "class"),
    (SH.targetSubjectsOf, "subjects of"),
    (SH.targetObjectsOf, "objects of"),
    (SH.targetNode, "node"),
)
_NOT_CONSTRAINTS = {
    SH.path, SH.message, SH.severity, SH.name, SH.description, RDF.type, SH.property,
    SH.sparql, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
    SH.target, RDFS.label, RDFS.comment, SH.prefixes, SH.select, SH.deactivated,
}  # fmt: skip


@dataclass
class Term:
    """A class, property or concept as the documentation lists it."""

    iri: str
    anchor: str
    label: str
    label_zh: str = ""
    definition: str = ""
    facts: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


@dataclass
class Constraint:
    """One property shape or SPARQL constraint of a node shape, with its messages."""

    path: str
    rules: list[str]
    messages: list[str]
    severity: str = ""


@dataclass
class Shape:
    """A node shape: what it targets, its constraints, and their messages."""

    anchor: str
    name: str
    targets: list[tuple[str, str]]
    messages: list[str]
    constraints: list[Constraint]
    severity: str = ""


def _text(g: Graph, node: Node, *props: URIRef, lang: str = "en") -> str:
    for prop in props:
        for value in g.objects(node, prop):
            vlang = getattr(value, "language", None) or ""
            if (lang == "en" and vlang in ("", "en")) or (vlang.startswith(lang) and vlang):
                return str(value)
    return ""


def _show(g: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        return terms.curie(str(node))
    if isinstance(node, BNode):
        if g.value(node, RDF.first) is not None or node == RDF.nil:
            return "(" + " ".join(_show(g, item) for item in Collection(g, node)) + ")"
        return (
            "["
            + "; ".join(f"{_show(g, p)} {_show(g, o)}" for p, o in g.predicate_objects(node))
            + "]"
        )
    if isinstance(node, Literal) and node.language:
        return f'"{node}"@{node.language}'
    return str(node)


def _links(g: Graph, node: Node, prop: URIRef) -> list[tuple[str, str]]:
    return sorted(
        (_show(g, o), terms.href(str(o))) for o in g.objects(node, prop) if isinstance(o, URIRef)
    )


def _anchor(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def _term(g: Graph, node: URIRef, facts: list[tuple[str, URIRef]]) -> Term:
    return Term(
        iri=str(node),
        anchor=_anchor(str(node)),
        label=_text(g, node, RDFS.label, SKOS.prefLabel) or _anchor(str(node)),
        label_zh=_text(g, node, RDFS.label, SKOS.prefLabel, lang="zh"),
        definition=_text(g, node, SKOS.definition, RDFS.comment, DCTERMS.description),
        facts=[(name, links) for name, prop in facts if (links := _links(g, node, prop))],
    )


@lru_cache(maxsize=1)
def ontology_sections() -> tuple[dict, list[tuple[str, list[Term]]]]:
    """The ontology's metadata and its terms: classes, properties, concept schemes."""
    g = reference.ontology_graph()
    ours = [s for s in set(g.subjects()) if isinstance(s, URIRef) and str(s).startswith(iris.DZ)]
    sections: list[tuple[str, list[Term]]] = []
    sub, dom, rng = ("subclass of", RDFS.subClassOf), ("domain", RDFS.domain), ("range", RDFS.range)
    subprop = ("subproperty of", RDFS.subPropertyOf)
    kinds = [
        ("Classes", OWL.Class, [sub, ("equivalent to", OWL.equivalentClass)]),
        ("Object properties", OWL.ObjectProperty, [dom, rng, subprop]),
        ("Datatype properties", OWL.DatatypeProperty, [dom, rng, subprop]),
        ("Annotation properties", OWL.AnnotationProperty, [subprop]),
    ]
    for title, kind, facts in kinds:
        found = [_term(g, s, facts) for s in ours if (s, RDF.type, kind) in g]
        sections.append((title, sorted(found, key=lambda t: t.anchor.lower())))
    for scheme in sorted(g.subjects(RDF.type, SKOS.ConceptScheme)):
        concepts = [
            _term(g, c, [("broader", SKOS.broader)])
            for c in g.subjects(SKOS.inScheme, scheme)
            if isinstance(c, URIRef)
        ]
        title = "Concept scheme: " + (
            _text(g, scheme, RDFS.label, SKOS.prefLabel) or _anchor(str(scheme))
        )
        sections.append((title, sorted(concepts, key=lambda t: t.label.lower())))
    onto = URIRef(iris.ONTOLOGY)
    meta = {
        "iri": iris.ONTOLOGY,
        "title": _text(g, onto, DCTERMS.title, RDFS.label) or "zonegraph ontology",
        "description": _text(g, onto, DCTERMS.description, RDFS.comment, SKOS.definition),
        "version": _text(g, onto, OWL.versionInfo),
    }
    return meta, sections


def _constraint(g: Graph, node: Node) -> Constraint:
    path = g.value(node, SH.path)
    rules = [
        f"{_show(g, p)} {_show(g, o)}"
        for p, o in sorted(g.predicate_objects(node))
        if p not in _NOT_CONSTRAINTS
    ]
    messages = sorted(str(m) for m in g.objects(node, SH.message))
    severity = g.value(node, SH.severity)
    label = _show(g, path) if path is not None else "SPARQL constraint"
    if isinstance(node, URIRef):
        label += f" ({terms.curie(str(node))})"
    return Constraint(label, rules, messages, _show(g, severity) if severity else "")


@lru_cache(maxsize=1)
def shapes() -> list[Shape]:
    """Every named node shape with its targets, constraints and messages."""
    g = reference.shapes_graph()
    out = []
    for node in set(g.subjects(RDF.type, SH.NodeShape)):
        if not isinstance(node, URIRef):
            continue
        targets = []
        for prop, name in _TARGETS:
            targets += [(f"{name} {text}", link) for text, link in _links(g, node, prop)]
        if (node, SH.target, None) in g:
            targets.append(("nodes a SPARQL target selects", ""))
        constraints = [_constraint(g, p) for p in g.objects(node, SH.property)]
        constraints += [_constraint(g, c) for c in g.objects(node, SH.sparql)]
        own = [
            f"{_show(g, p)} {_show(g, o)}"
            for p, o in g.predicate_objects(node)
            if p not in _NOT_CONSTRAINTS
        ]
        if own:
            constraints.insert(0, Constraint("the node itself", own, []))
        severity = g.value(node, SH.severity)
        out.append(
            Shape(
                anchor=_anchor(str(node)),
                name=terms.curie(str(node)),
                targets=sorted(targets),
                messages=sorted(str(m) for m in g.objects(node, SH.message)),
                constraints=sorted(constraints, key=lambda c: c.path),
                severity=_show(g, severity) if severity else "",
            )
        )
    return sorted(out, key=lambda s: s.anchor.lower())


@lru_cache(maxsize=16)
def _serialized(which: str, rdf_format: str) -> bytes:
    g = reference.ontology_graph() if which == "ontology" else reference.shapes_graph()
    out = Graph()
    for prefix, namespace in iris.PREFIXES.items():
        out.bind(prefix, namespace, override=True)
    out.bind("dzsh", "https://w3id.org/zonegraph/shapes#")
    for triple in g:
        out.add(triple)
    if rdf_format == "json-ld":
        return out.serialize(format="json-ld", context=dict(iris.PREFIXES), encoding="utf-8")
    return out.serialize(format=rdf_format, encoding="utf-8")


def _negotiated(request: Request, which: str, suffix: str | None) -> Response:
    headers = {"Vary": "Accept"}
    if suffix is None:
        media = best(request.headers.get("accept"), list(_SUFFIX_OF))
        if media is None:
            return PlainTextResponse(
                f"/{which} is offered as {', '.join(_SUFFIX_OF)}\n", 406, headers=headers
            )
        suffix = _SUFFIX_OF[media]
        headers["Content-Location"] = f"/{which}{suffix}"
    media, rdf_format = FORMATS[suffix]
    if rdf_format:
        return Response(_serialized(which, rdf_format), media_type=media, headers=headers)
    if which == "ontology":
        meta, sections = ontology_sections()
        return page("ontology.html", headers=headers, meta=meta, sections=sections)
    return page("shapes.html", headers=headers, shapes=shapes())


@router.get("/ontology", response_model=None)
@router.head("/ontology", response_model=None, include_in_schema=False)
def ontology(request: Request) -> Response:
    """The ontology: HTML documentation, or Turtle/JSON-LD/N-Triples/RDF-XML by Accept."""
    return _negotiated(request, "ontology", None)


@router.get("/shapes", response_model=None)
@router.head("/shapes", response_model=None, include_in_schema=False)
def shapes_page(request: Request) -> Response:
    """The SHACL shapes with their messages, or their RDF by Accept."""
    return _negotiated(request, "shapes", None)


def _suffix_route(which: str, suffix: str) -> None:
    def view(request: Request) -> Response:
        return _negotiated(request, which, suffix)

    router.add_api_route(
        f"/{which}{suffix}", view, methods=["GET", "HEAD"], include_in_schema=False
    )


for _which in ("ontology", "shapes"):
    for _suffix in FORMATS:
        _suffix_route(_which, _suffix)
