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
# Characters that may not appear inside an IRI reference (RFC 3987), so never in a query.
_NOT_IN_IRI = re.compile(r'[\s<>"{}|\\^`]')
_MAX_LINKS = 500
# Everyday names of standard properties that vocabularies label in their own files only.
_PLAIN_NAMES = {
    P["rdfs"] + "label": "name",
    P["skos"] + "prefLabel": "name",
    P["skos"] + "altLabel": "also called",
    P["rdfs"] + "comment": "comment",
    P["skos"] + "notation": "notation",
    P["skos"] + "inScheme": "in scheme",
    P["prov"] + "wasDerivedFrom": "derived from",
    P["dcterms"] + "title": "title",
}
# How incoming links read, by the property that points here.
_INCOMING_HEADINGS = {
    P["dz"] + "partOfZone": "Parks and areas in this zone",
    P["dz"] + "partnerCountry": "Parks partnering with it",
    P["dz"] + "locatedIn": "Located here",
    P["dz"] + "memberOf": "Members",
    P["dz"] + "indexOf": "Indices of it",
    P["dz"] + "hasSubIndex": "Part of",
    P["dz"] + "indicator": "Observations of this indicator",
    P["qb"] + "dataSet": "Observations in this dataset",
    P["oa"] + "hasSource": "Quoted spans of this document",
    P["prov"] + "wasDerivedFrom": "Derived from this",
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


@dataclass
class PropertyValues:
    """A property with its human label and its values."""

    iri: str
    label: str
    values: list[Value] = field(default_factory=list)


@dataclass
class Observation:
    """One qb:Observation about the resource, with the quote it was read from."""

    iri: str
    indicator: str
    indicator_label: str
    period: str
    statistic: str
    value: str
    unit: str
    qualifier: str = ""
    quote: str = ""
    quote_href: str = ""

    @property
    def is_change(self) -> bool:
        return self.statistic in ("yoy-change", "change-vs-period")

    @property
    def value_text(self) -> str:
        unit = terms.unit_text(self.unit)
        # A calendar year is written as one (1988, not 1,988).
        text = self.value if self.unit == "YEAR" else terms.number_text(self.value)
        if self.is_change and not text.startswith("-"):
            text = "+" + text
        return f"{self.qualifier + ' ' if self.qualifier else ''}{text}{' ' + unit if unit else ''}"


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


def safe_iri(iri: str) -> bool:
    """True when ``iri`` can be written as ``<iri>`` in SPARQL without breaking out of it.

    >>> safe_iri("https://w3id.org/zonegraph/id/zone/a"), safe_iri("x> } DROP ALL {")
    (True, False)
    """
    return bool(iri) and not _NOT_IN_IRI.search(iri)


def exists(store: Store, iri: str) -> bool:
    """True when any graph mentions ``iri`` as subject or object."""
    if not safe_iri(iri):
        return False
    return store.ask(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")


def labels(store: Store, nodes: set[str]) -> dict[str, tuple[str, str]]:
    """English (or untagged) and Chinese labels of IRIs: iri -> (en, zh); missing ones left out."""
    wanted = sorted(n for n in nodes if safe_iri(n))
    found: dict[str, dict[str, str]] = {}
    for chunk in range(0, len(wanted), 400):
        values = " ".join(f"<{n}>" for n in wanted[chunk : chunk + 400])
        rows = store.select(
            f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} "
            f"VALUES ?p {{ <{_LABELS[0]}> <{_LABELS[1]}> }} ?s ?p ?l }}"
        )
        for row in rows:
            lit = row["l"]
            lang = (getattr(lit, "language", None) or "").lower()
            key = "zh" if lang.startswith("zh") else "en" if lang in ("en", "") else "other"
            found.setdefault(str(row["s"]), {}).setdefault(key, str(lit))
    return {
        s: (ls.get("en") or ls.get("other") or ls.get("zh", ""), ls.get("zh", ""))
        for s, ls in found.items()
    }


def describe(store: Store, iri: str) -> Description | None:
    """Everything the HTML page of ``iri`` shows, or None when no graph mentions it."""
    if not exists(store, iri):
        return None
    out_rows = store.select(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} LIMIT 5000")
    in_rows = store.select(
        f"SELECT ?s ?p WHERE {{ ?s ?p <{iri}> FILTER(?p != <{REF_AREA}>) }} LIMIT 5000"
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

    incoming: dict[str, PropertyValues] = {}
    for row in in_rows:
        p = str(row["p"])
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


_OBSERVATION_QUERY = """
PREFIX dz: <{dz}> PREFIX skos: <{skos}> PREFIX prov: <{prov}> PREFIX oa: <{oa}>
PREFIX sdmx-dimension: <{dim}> PREFIX sdmx-measure: <{measure}> PREFIX sdmx-attribute: <{attr}>
SELECT ?obs ?indicator ?ilabel ?period ?stat ?value ?unot ?qualifier ?exact ?start ?end ?source
WHERE {{
  {pattern}
  ?obs dz:indicator ?indicator ; sdmx-measure:obsValue ?value .
  OPTIONAL {{ ?obs sdmx-dimension:refPeriod ?period }}
  OPTIONAL {{ ?obs dz:statistic ?stat }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure ?unit OPTIONAL {{ ?unit skos:notation ?unot }} }}
  OPTIONAL {{ ?obs dz:qualifier ?qualifier }}
  OPTIONAL {{ ?indicator skos:prefLabel ?ilabel FILTER(langMatches(lang(?ilabel), "en")) }}
  OPTIONAL {{ ?obs prov:wasDerivedFrom ?span .
             ?span oa:exact ?exact ; oa:start ?start ; oa:end ?end ; oa:hasSource ?source }}
}} LIMIT 5000
"""


def observations_where(store: Store, pattern: str) -> list[Observation]:
    """Observations ``?obs`` that a SPARQL graph pattern selects, each with its quote, sorted."""
    query = _OBSERVATION_QUERY.format(
        dz=P["dz"],
        skos=P["skos"],
        prov=P["prov"],
        oa=P["oa"],
        dim=P["sdmx-dimension"],
        measure=P["sdmx-measure"],
        attr=P["sdmx-attribute"],
        pattern=pattern,
    )
    seen: dict[str, Observation] = {}
    for row in store.select(query):
        obs = str(row["obs"])
        if obs in seen:
            continue
        source = terms.source_slug(str(row.get("source", "")))
        quote_href = ""
        if source and "start" in row:
            quote_href = f"/source/{source}#span-{row['start']}-{row['end']}"
        indicator = str(row["indicator"])
        seen[obs] = Observation(
            iri=obs,
            indicator=indicator,
            indicator_label=str(row.get("ilabel") or terms.curie(indicator)),
            period=terms.period_label(str(row.get("period", iris.PERIOD_UNSTATED))),
            statistic=str(row.get("stat", "")).rsplit("/", 1)[-1],
            value=str(row["value"]),
            unit=str(row.get("unot", "")),
            qualifier=str(row.get("qualifier", "")),
            quote=str(row.get("exact", "")),
            quote_href=quote_href,
        )
    return sorted(seen.values(), key=lambda o: (o.indicator_label, o.period, o.statistic))


def observations_about(store: Store, iri: str) -> list[Observation]:
    """The observations whose reference area is ``iri``, each with its quote."""
    return observations_where(store, f"?obs <{REF_AREA}> <{iri}> .")


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
    label = names.get(p, ("", ""))[0] or terms.curie(p)
    return f"Resources whose “{label}” is this"


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
        )
    if isinstance(o, Literal):
        note = f"@{o.language}" if o.language else ""
        if o.datatype is not None and not note:
            note = terms.curie(str(o.datatype))
        return Value(str(o), note=note)
    return Value("(blank node)")
