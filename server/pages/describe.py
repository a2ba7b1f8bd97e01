"""What a page says about one resource: its labels, properties, incoming links and observations.

Everything is read with SPARQL over the union of all graphs, so a zone's
reference data and the facts every source adds about it show up together.

>>> from kg.store import open_store
>>> from kg.ingest import ensure_seeded
>>> store = open_store(None); _ = ensure_seeded(store)
>>> d = describe(store, "https://w3id.org/zonegraph/id/country/sg")
>>> d.label
'Singapore'
>>> describe(store, "https://w3id.org/zonegraph/id/zone/nowhere") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg import iris
from kg.store import Store
from server.pages import terms
from server.pages.names import labels, safe_iri
from server.pages.observations import Observation, observations_about, observations_where

P = iris.PREFIXES
RDF_TYPE = P["rdf"] + "type"
OWL_SAME_AS = P["owl"] + "sameAs"
REF_AREA = P["sdmx-dimension"] + "refArea"
_LABELS = (P["rdfs"] + "label", P["skos"] + "prefLabel")
_DESCRIPTIONS = (
    P["skos"] + "definition",
    P["dcterms"] + "description",
    P["rdfs"] + "comment",
)
_MAX_LINKS = 500
MENTIONED_IN = "mentioned in"
# Incoming links a page shows in another form: oa:hasBody as "mentioned in" (see _mentions).
_INCOMING_SHOWN_ELSEWHERE = {P["oa"] + "hasBody"}
# Everyday names of standard properties that vocabularies label in their own files only.
_PLAIN_NAMES = {
    P["rdfs"] + "label": "name",
    P["skos"] + "prefLabel": "name",
    P["skos"] + "altLabel": "also called",
    P["rdfs"] + "comment": "comment",
    P["skos"] + "notation": "notation",
    P["skos"] + "inScheme": "in scheme",
    P["prov"] + "wasDerivedFrom": "derived from",
    P["oa"] + "hasSource": "quotes",
    P["oa"] + "hasSelector": "selector",
    P["oa"] + "hasBody": "names",
    P["oa"] + "hasTarget": "in the text",
    P["dcterms"] + "title": "title",
    P["skos"] + "definition": "definition",
    P["skos"] + "topConceptOf": "top concept of",
    P["skos"] + "hiddenLabel": "also found as",
    P["qb"] + "structure": "structure",
    P["dcterms"] + "publisher": "publisher",
    P["dcterms"] + "issued": "issued",
    P["dcterms"] + "source": "source",
}
# How incoming links read, by the property that points here.
_INCOMING_HEADINGS = {
    P["dz"] + "partOfZone": "Parks and areas in this zone",
    P["dz"] + "partnerCountry": "Parks partnering with it",
    P["dz"] + "locatedIn": "Located here",
    P["dz"] + "memberOf": "Members",
    P["dz"] + "indexOf": "Indices of it",
    P["dz"] + "hasSubIndex": "Part of",
    P["dz"] + "indicatorConcept": "Indices scored on this indicator",
    P["dz"] + "indicator": "Observations of this indicator",
    P["qb"] + "dataSet": "Observations in this dataset",
    P["oa"] + "hasSource": "Quoted spans of this document",
    P["prov"] + "wasDerivedFrom": "Derived from this",
    P["oa"] + "hasTarget": "Mentions of an entity in this span",
    P["dz"] + "changeOf": "Changes of this figure",
    P["skos"] + "inScheme": "Concepts in this scheme",
    P["dz"] + "source": "Load records",
}


@dataclass
class Value:
    """One object of a property, ready to show: text, and a link when it is an IRI."""

    text: str
    href: str | None = None
    external: bool = False
    note: str = ""
    lang: str = ""  # of the text (a Chinese literal: "zh")
    note_lang: str = ""  # of the note (a Chinese label beside an English one: "zh")


@dataclass
class PropertyValues:
    """A property with its human label and its values."""

    iri: str
    label: str
    values: list[Value] = field(default_factory=list)


@dataclass
class Description:
    """All a page shows about one IRI."""

    iri: str
    label: str
    label_zh: str
    types: list[Value]
    description: str
    properties: list[PropertyValues]
    incoming: list[PropertyValues]
    same_as: list[Value]
    observations: list[Observation]
    quotes: list[Observation]

    @property
    def curie(self) -> str:
        return terms.curie(self.iri)


def exists(store: Store, iri: str) -> bool:
    """True when any graph mentions ``iri`` as subject or object."""
    if not safe_iri(iri):
        return False
    return store.ask(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")


def describe(store: Store, iri: str) -> Description | None:
    """Everything the HTML page of ``iri`` shows, or None when no graph mentions it."""
    if not exists(store, iri):
        return None
    # DISTINCT: the same statement in two graphs (a year in the reference data and in a text)
    # is one line of the page.
    out_rows = store.select(f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT 5000")
    in_rows = store.select(
        f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> FILTER(?p != <{REF_AREA}>) }} LIMIT 5000"
    )
    observations = observations_about(store, iri)
    quotes = _own_quotes(store, iri)
    mentioned = {iri} | {str(r["p"]) for r in out_rows + in_rows}
    mentioned |= {str(r["o"]) for r in out_rows if isinstance(r["o"], URIRef)}
    mentioned |= {str(r["s"]) for r in in_rows if isinstance(r["s"], URIRef)}
    names = labels(store, mentioned)
    label, label_zh = names.get(iri, ("", ""))

    description, types, same_as = "", [], []
    grouped: dict[str, PropertyValues] = {}
    for row in out_rows:
        p, o = str(row["p"]), row["o"]
        if p == RDF_TYPE:
            types.append(_value(o, names))
            continue
        if p == OWL_SAME_AS and isinstance(o, URIRef):
            name = terms.external_name(str(o)) or str(o)
            same_as.append(Value(name, terms.href(str(o)), True, str(o)))
            continue
        if p in _DESCRIPTIONS and not description and _is_english(o):
            description = str(o)
        _group(grouped, p, names).values.append(_value(o, names))

    mentions = _mentions(store, iri)
    if mentions.values:
        grouped[MENTIONED_IN] = mentions
    incoming: dict[str, PropertyValues] = {}
    for row in in_rows:
        p = str(row["p"])
        if p in _INCOMING_SHOWN_ELSEWHERE:
            continue
        group = incoming.get(p)
        if group is None:
            group = incoming[p] = PropertyValues(p, _incoming_heading(p, names))
        if len(group.values) < _MAX_LINKS:
            group.values.append(_value(row["s"], names))
    props = sorted(grouped.values(), key=lambda g: (g.iri not in _LABELS, g.label.lower()))
    for group in [*props, *incoming.values()]:
        group.values.sort(key=lambda v: v.text.lower())
    return Description(
        iri=iri,
        label=label or terms.curie(iri),
        label_zh=label_zh if label_zh != label else "",
        types=types,
        description=description,
        properties=props,
        incoming=sorted(incoming.values(), key=lambda g: g.label.lower()),
        same_as=sorted(same_as, key=lambda v: v.text),
        observations=observations,
        quotes=quotes,
    )


# Where the texts name a resource: Web Annotations whose body it is, with their target span.
_MENTIONS_QUERY = """
PREFIX oa: <{oa}>
SELECT ?source ?start ?end ?exact WHERE {{
  ?mention oa:hasBody <{iri}> ; oa:hasTarget ?span .
  ?span oa:hasSource ?source ; oa:hasSelector/oa:exact ?exact ;
        oa:hasSelector/oa:start ?start ; oa:hasSelector/oa:end ?end .
}} ORDER BY ?source ?start LIMIT 500
"""


def _mentions(store: Store, iri: str) -> PropertyValues:
    # One value per mention: the quote, linked to its highlight on the source's page.
    group = PropertyValues(MENTIONED_IN, MENTIONED_IN)
    rows = store.select(_MENTIONS_QUERY.format(oa=P["oa"], iri=iri))
    sources = labels(store, {str(r["source"]) for r in rows})
    for row in rows:
        source = str(row["source"])
        slug = terms.source_slug(source)
        where = f"/source/{slug}#span-{row['start']}-{row['end']}" if slug else source
        title = sources.get(source, ("", ""))[0] or terms.curie(source)
        group.values.append(Value(f"“{row['exact']}”", where, note=title))
    return group


def _own_quotes(store: Store, iri: str) -> list[Observation]:
    # An observation's own page shows the quote it came from, like its area's page does.
    return observations_where(store, f"VALUES ?obs {{ <{iri}> }}")


def _is_english(o: Node) -> bool:
    lang = getattr(o, "language", None)
    return isinstance(o, Literal) and (not lang or lang.lower().startswith("en"))


def _group(groups: dict[str, PropertyValues], p: str, names) -> PropertyValues:
    if p not in groups:
        label = names.get(p, ("", ""))[0] or _PLAIN_NAMES.get(p) or terms.curie(p)
        groups[p] = PropertyValues(p, label)
    return groups[p]


def _incoming_heading(p: str, names) -> str:
    if p in _INCOMING_HEADINGS:
        return _INCOMING_HEADINGS[p]
    label = names.get(p, ("", ""))[0] or _words(p)
    return f"{label[:1].upper()}{label[1:]} of this"


def _words(iri: str) -> str:
    """A property's local name in words: void:exampleResource -> "example resource".

    >>> _words("http://rdfs.org/ns/void#exampleResource")
    'example resource'
    """
    local = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ").lower()


def _value(o: Node, names: dict[str, tuple[str, str]]) -> Value:
    if isinstance(o, URIRef):
        iri = str(o)
        local = terms.local_href(iri)
        en, zh = names.get(iri, ("", ""))
        text = en or (terms.period_label(iri) if "reference.data.gov.uk" in iri else "")
        return Value(
            text or terms.curie(iri),
            terms.href(iri),
            external=local is None,
            note=zh if zh != en else "",
            note_lang="zh" if zh and zh != en else "",
        )
    if isinstance(o, Literal):
        note = f"@{o.language}" if o.language else ""
        if o.datatype is not None and not note:
            note = terms.curie(str(o.datatype))
        text = (
            terms.timestamp_text(str(o))
            if note == "xsd:dateTime"
            else terms.month_text(str(o))  # "approved in May 1992": May 1992, not 1992-05
            if note == "xsd:gYearMonth"
            else str(o)
        )
        return Value(text, note=note, lang=(o.language or "").lower())
    # A blank node has no page of its own: say what it is, link nowhere.
    return Value("an unnamed node (blank node)")
