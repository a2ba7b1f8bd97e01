"""Writes what the text loader read as one RDF graph, through kg.model for observations.

Every entity the text names gets an oa:Annotation of its first mention (kg.model.add_mention).
Reference entities contribute only that and the altLabels the reference lacks; entities the
text alone names also get a type, labels and relations.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.stores.memory import SimpleMemory

from kg import iris
from kg.model import MONTH_PROPERTIES, Span, add_mention, add_observation, add_source
from kg.reference import reference_graph
from loaders.text.entities import gazetteer
from loaders.text.extraction import Extraction
from loaders.text.relations import reference_subjects

DZ = Namespace(iris.DZ)
# Relations named by a term of another vocabulary; the others are dz: terms.
_PREDICATES = {"subOrganizationOf": URIRef(iris.PREFIXES["org"] + "subOrganizationOf")}


class _Triples(set):
    """Collects triples first: kg.model repeats the dataset and indicator triples for each
    observation, and a set drops the repeats before rdflib's slower store sees them.
    ``add`` (set.add) is the one Graph method kg.model uses."""


def to_graph(ex: Extraction, file_name: str | None = None) -> Graph:
    """The graph of one document: source, entities, relations and observations."""
    triples = _Triples()
    _fill(triples, ex, file_name)
    # rdflib's plain triple store (no contexts, no events): the graph is built once and
    # read; validation copies it. Filled past Graph.add's per-triple checks: the
    # triples are rdflib terms made by kg.model already.
    g = Graph(store="SimpleMemory")
    _fill_store(g.store, triples)
    return g


def _fill_store(store, triples) -> None:
    # What SimpleMemory.add does for each triple (spo[s][p][o], pos[p][o][s], osp[o][s][p]),
    # in one loop instead of a method call per triple: the same indices, the same order.
    # tests/loaders/text/test_load.py checks the result against store.add.
    indices = [getattr(store, f"_SimpleMemory__{i}", None) for i in ("spo", "pos", "osp")]
    if type(store) is not SimpleMemory or not all(isinstance(i, dict) for i in indices):
        for triple in triples:  # another store, or an rdflib whose SimpleMemory differs
            store.add(triple, None)
        return
    spo, pos, osp = indices
    # setdefault hashes a key once where get-then-set hashes a new one twice; the objects
    # are mostly new literals, whose hash rdflib computes in Python each time.
    for s, p, o in triples:
        po = spo.get(s)
        if po is None:
            po = spo[s] = {}
        x = po.get(p)
        if x is None:
            x = po[p] = {}
        x[o] = 1
        os_ = pos.get(p)
        if os_ is None:
            os_ = pos[p] = {}
        os_.setdefault(o, {})[s] = 1
        sp = osp.setdefault(o, {})
        x = sp.get(s)
        if x is None:
            x = sp[s] = {}
        x[p] = 1


def _fill(g, ex: Extraction, file_name: str | None) -> None:
    doc = ex.document
    publisher = _org(g, doc.publisher)
    operator = _org(g, doc.operator)
    node = add_source(
        g,
        ex.source_id,
        file_name=file_name,
        title=doc.title,
        issued=doc.issued,
        publisher=publisher,
        operator=operator,
        url=doc.url,
        language=doc.language,
    )
    if doc.section:
        g.add((node, DZ.sectionLabel, Literal(doc.section, lang="en")))
    for number in doc.registrations:
        g.add((node, DZ.registrationNumber, Literal(number)))
    for ent in ex.entities.values():
        _entity(g, ex, ent)
    for found in ex.curated:
        add_observation(g, ex.source_id, found.fact)
    # Founding and approval years: properties of the zone, reference zones too (docs/model.md).
    # A year the reference data states otherwise stands: the zone holds one of each.
    ref = reference_graph()
    # The month the text names with it ("approved in May 1992") goes alongside the year,
    # as dz:approvalMonth "1992-05"; only with a year that stands, so the two agree.
    for area, prop, year, month in ex.zone_years:
        known = ref.value(URIRef(area), DZ[prop])
        if known is None or str(known) == year:
            g.add((URIRef(area), DZ[prop], Literal(year, datatype=XSD.gYear)))
            month_prop = DZ[MONTH_PROPERTIES[prop]]
            known_month = ref.value(URIRef(area), month_prop)
            if month and (known_month is None or str(known_month) == month):
                g.add((URIRef(area), month_prop, Literal(month, datatype=XSD.gYearMonth)))


def _org(g, name: str | None) -> str | None:
    if not name:
        return None
    hit = gazetteer().lookup(name)
    if hit:
        return hit[0]
    iri = iris.org_iri(name)
    g.add((URIRef(iri), RDF.type, DZ.Organization))
    g.add((URIRef(iri), RDFS.label, Literal(name, lang="en")))
    return iri


def _entity(g, ex: Extraction, ent) -> None:
    node = URIRef(ent.iri)
    for alt in sorted(ent.alt_labels):
        g.add((node, SKOS.altLabel, Literal(alt, lang="en")))
    if ent.first:  # reference entities too: their pages say where the texts name them
        start, end = ent.first
        add_mention(g, ex.source_id, ent.iri, Span.of(ex.document.text, start, end))
    if ent.reference or ent.iri in reference_subjects():
        return
    if ent.cls == "Event" and not any(key == "date" for key, _, _ in ent.literals):
        # "the China-Latin America International Fair" with no date in the text: named
        # (the annotation above), not described as an event, which the shapes date
        return
    g.add((node, RDF.type, DZ[ent.cls]))
    g.add((node, RDFS.label, Literal(ent.label, lang="en")))
    for prop, obj in sorted(ent.relations):
        g.add((node, _PREDICATES.get(prop) or DZ[prop], URIRef(obj)))
    for key, value, kind in sorted(ent.literals):
        if key == "date":
            g.add((node, DZ.date, Literal(value, datatype=XSD.date)))
        elif key == "_designation":
            g.add((URIRef(value), RDF.type, DZ.Designation))
            g.add((URIRef(value), RDFS.label, Literal(kind, lang="en")))
