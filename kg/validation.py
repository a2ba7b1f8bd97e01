"""SHACL validation of new data against the shapes, with the ontology mixed in.

Two validators give the same results: ``engine`` (the default, kg/shacl.py:
shapes compiled to set-at-a-time SPARQL over a context store built once) and
``pyshacl`` (the data copied with the context into one rdflib graph).

>>> from rdflib import Graph
>>> report = validate(Graph())
>>> report.conforms
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg import iris, reference, shacl

SH = Namespace("http://www.w3.org/ns/shacl#")
VALIDATORS = ("engine", "pyshacl")
_default_validator = "engine"
_SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass
class ValidationReport:
    """The outcome of validating one graph: ``conforms`` is False when any Violation is found."""

    conforms: bool
    results: list[dict[str, str]] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)

    @property
    def violations(self) -> list[dict[str, str]]:
        return [r for r in self.results if r["severity"] == "Violation"]

    @property
    def warnings(self) -> list[dict[str, str]]:
        return [r for r in self.results if r["severity"] != "Violation"]

    def to_json(self) -> str:
        """The report as JSON: ``{"conforms": bool, "results": [...]}``."""
        return json.dumps(
            {"conforms": self.conforms, "results": self.results}, indent=2, ensure_ascii=False
        )

    def to_turtle(self) -> str:
        """The W3C SHACL validation report graph as Turtle."""
        return self.graph.serialize(format="turtle")

    def text(self) -> str:
        """A report a person reads: one block per result, violations first."""
        if not self.results:
            return "Conforms: no violations, no warnings."
        lines = [
            f"{'Conforms' if self.conforms else 'Does not conform'}: "
            f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s)."
        ]
        for r in sorted(self.results, key=lambda r: (r["severity"] != "Violation", r["focus"])):
            lines.append(f"\n{r['severity']}: {r['message']}")
            lines.append(f"  focus node: {r['focus']}")
            if r["path"]:
                lines.append(f"  path:       {r['path']}")
            if r["value"]:
                lines.append(f"  value:      {r['value']}")
            lines.append(f"  constraint: {r['constraint']} (shape {r['shape']})")
        return "\n".join(lines)


def _n3(g: Graph, node: Node | None, blank: str) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return blank
    return node.n3(g.namespace_manager)


# Shapes whose SPARQL checks run once per data set or source (ontology/shapes.ttl): the
# sh:value of their results is the observation or span to fix, so it is the focus shown.
_VALUE_IS_FOCUS = {
    URIRef("https://w3id.org/zonegraph/shapes#" + name)
    for name in ("DataSetShape", "DataSetWarningsShape", "SourceDocumentWarningsShape")
}
# reference.data.gov.uk periods read as year:2021, month:2021-03 (the prefixes the docs use).
_PERIODS = {
    kind: f"http://reference.data.gov.uk/id/{kind}/"
    for kind in ("year", "half", "quarter", "month", "day")
}
_NAMESPACES = sorted({**iris.PREFIXES, **_PERIODS}.items(), key=lambda kv: -len(kv[1]))
_IRI_IN_TEXT = re.compile(r"<?(https?://[^\s<>\"{}|\\^`,;)]+)>?")


def curies(text: str) -> str:
    """Writes the IRIs in a message as CURIEs of the project's prefixes.

    >>> curies("Observation https://w3id.org/zonegraph/id/observation/t/o1: unit http://x.org/u")
    'Observation zid:observation/t/o1: unit http://x.org/u'
    """

    def short(m: re.Match) -> str:
        iri = m.group(1).rstrip(".")
        tail = m.group(1)[len(iri) :]
        for prefix, ns in _NAMESPACES:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}{tail}"
        return m.group(0)

    return _IRI_IN_TEXT.sub(short, text)


def _results(g: Graph) -> list[dict[str, str]]:
    out = []
    seen = set()
    for result in g.subjects(RDF.type, SH.ValidationResult):

        def one(p, result=result):
            return g.value(result, p)

        message = one(SH.resultMessage)
        focus, value = one(SH.focusNode), one(SH.value)
        if one(SH.sourceShape) in _VALUE_IS_FOCUS and isinstance(value, URIRef):
            focus, value = value, None
        row = {
            "severity": _SEVERITY.get(one(SH.resultSeverity), str(one(SH.resultSeverity))),
            "focus": str(focus or ""),
            "path": _n3(g, one(SH.resultPath), "(a property path)"),
            "value": str(value) if value is not None else "",
            "message": curies(str(message)) if message is not None else "constraint not met",
            "constraint": _n3(g, one(SH.sourceConstraintComponent), "(a constraint)"),
            "shape": _shape_name(g, one(SH.sourceShape)),
        }
        key = tuple(row.values())
        if key not in seen:  # the same finding reached by two paths is reported once
            seen.add(key)
            out.append(row)
    out.sort(key=lambda r: (r["severity"], r["focus"], r["path"], r["message"], r["value"]))
    return out


def _shape_name(g: Graph, shape: Node | None) -> str:
    """A shape as people can look it up: its name, or a property shape by its node shape and path.

    >>> from rdflib import BNode
    >>> _shape_name(Graph(), BNode())
    'a property shape'
    """
    if not isinstance(shape, BNode):
        return _n3(g, shape, "")
    shapes = reference.shapes_graph()
    name = shapes.value(shape, SH.name)
    if name is not None:
        return str(name)
    owner = shapes.value(None, SH.property, shape)
    path = _n3(g, shapes.value(shape, SH.path), "a property path")
    if owner is None:
        return f"a property shape on {path}" if shapes.value(shape, SH.path) else "a property shape"
    return f"{_n3(g, owner, 'a node shape')}, property {path}"


def use_validator(name: str) -> None:
    """Make ``name`` (one of VALIDATORS) the validator that :func:`validate` uses by default."""
    global _default_validator
    if name not in VALIDATORS:
        raise ValueError(f"unknown validator {name!r}; use one of {', '.join(VALIDATORS)}")
    _default_validator = name


def validate(
    data: Graph, *, with_reference: bool = True, validator: str | None = None
) -> ValidationReport:
    """Validate ``data`` against ontology/shapes.ttl; warnings do not break conformance.

    The ontology, SKOS schemes and (by default) reference data are mixed in, so
    that checks on concept schemes and on linked entities' types can see them.
    ``validator`` is ``engine`` or ``pyshacl`` (default: see :func:`use_validator`).
    """
    validator = validator or _default_validator
    if validator not in VALIDATORS:
        raise ValueError(f"unknown validator {validator!r}; use one of {', '.join(VALIDATORS)}")
    shapes = reference.shapes_graph()
    if len(shapes) == 0:
        return ValidationReport(conforms=True)
    if validator == "engine":
        context = ["ontology and reference"] if with_reference else ["ontology"]
        # A staged source: what the checks after validation need of it is collected in
        # the same pass (its file is read once).
        collect = dict(CROSS_SOURCE) if _collects(data) else None
        conforms, report_graph = engine().validate(data, context=context, collect=collect)
        if collect is not None:
            data.cross_source = collect  # type: ignore[attr-defined]
        return _with_source_checks(data, conforms, report_graph)
    # Imported here: pySHACL (with rdflib's SPARQL engine) takes a second to import.
    from pyshacl import validate as _pyshacl_validate

    # Mix the ontology in ourselves: pySHACL's own ont_graph mixing keeps it out of
    # sight of SHACL-SPARQL constraints (the Data Cube checks need the DSD and schemes).
    mixed = _copy(data)
    for triple in _ontology(with_reference):
        mixed.add(triple)
    conforms, report_graph, _ = _pyshacl_validate(
        mixed,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
        inplace=True,  # `mixed` is our own copy
    )
    report_graph.namespace_manager.bind("sh", SH)
    return _with_source_checks(data, bool(conforms), report_graph)


def _with_source_checks(data: Graph, conforms: bool, report: Graph) -> ValidationReport:
    """The report, with the checks that look at the source graph alone added to it."""
    if _indicators_declared(data):
        # Indicators live only in the ontology graph: the source alone is checked.
        _, own = shacl.Engine(_indicator_shape()).validate(data)
        main = next(report.subjects(RDF.type, SH.ValidationReport))
        for result in own.subjects(RDF.type, SH.ValidationResult):
            report.add((main, SH.result, result))
            report += own.cbd(result)
        report.set((main, SH.conforms, Literal(False)))
        conforms = False
    return ValidationReport(conforms=conforms, results=_results(report), graph=report)


_INDICATOR_PREFIX = iris.ID + "indicator/"
# What the checks after validation need of a staged source, as queries over it alone that
# the engine runs while the source is staged ({data} names its graph): whether it describes
# an indicator concept, its owl:sameAs links (check_against_store) and the (area,
# indicator) pairs of its observations (kg.duplicates). Solutions are lists of engine terms.
CROSS_SOURCE = {
    "indicators": (
        "SELECT ?s WHERE { GRAPH <{data}> { "
        f"{{ ?s <{SKOS.inScheme}> <{iris.ID}scheme/indicators> }} UNION "
        f'{{ ?s ?p ?o FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{_INDICATOR_PREFIX}")) }} '
        "} } LIMIT 1"
    ),
    "same_as": (
        "SELECT ?s ?o WHERE { GRAPH <{data}> { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o } "
        "FILTER (isIRI(?s) && isIRI(?o)) }"
    ),
    "key_pairs": (
        "SELECT DISTINCT ?area ?indicator WHERE { GRAPH <{data}> { "
        f"?obs a <{iris.PREFIXES['qb']}Observation> ; "
        f"<{iris.PREFIXES['sdmx-dimension']}refArea> ?area ; <{iris.DZ}indicator> ?indicator "
        "} FILTER (isIRI(?area) && isIRI(?indicator)) }"
    ),
}


def _collects(data: object) -> bool:
    """Whether ``data`` (a staged source) keeps what the engine collects for later checks."""
    return shacl.ntriples_file(data) is not None and hasattr(data, "cross_source")


def cross_source(data: object) -> dict[str, list] | None:
    """What the validator collected of ``data`` for the checks after it (CROSS_SOURCE), or
    None (an rdflib graph, or a source validated by pySHACL): then they read ``data``."""
    found = getattr(data, "cross_source", None)
    return found if isinstance(found, dict) else None


@lru_cache(maxsize=1)
def engine() -> shacl.Engine:
    """The engine with the shapes compiled and the context loaded, once per process."""
    ontology, ref = reference.ontology_graph(), reference.reference_graph()
    # The ontology alone, and with the reference data as one graph (one index scan per
    # triple pattern, not two: 10-13 % less CPU for 10^5 quads).
    return shacl.Engine(
        reference.shapes_graph(), {"ontology": ontology, "ontology and reference": (ontology, ref)}
    )


_INDICATOR_SCHEME = URIRef(iris.ID + "scheme/indicators")
_INDICATOR_SHAPE = URIRef("https://w3id.org/zonegraph/shapes#IndicatorOnlyInOntologyShape")


def _indicators_declared(data: Graph) -> bool:
    """Whether a source describes an indicator concept (quick test before the shape runs)."""
    prefix = _INDICATOR_PREFIX
    collected = cross_source(data)
    if collected is not None:
        return bool(collected["indicators"])
    if shacl.offers_quads(data):
        # A staged source: one pass over its engine terms, no rdflib term made.
        in_scheme, scheme = ox.NamedNode(SKOS.inScheme), ox.NamedNode(_INDICATOR_SCHEME)
        return any(
            (q.predicate == in_scheme and q.object == scheme)
            or (isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(prefix))
            for q in shacl.data_quads(data, ox.DefaultGraph())
        )
    if next(data.subjects(SKOS.inScheme, _INDICATOR_SCHEME), None) is not None:
        return True
    return any(str(s).startswith(prefix) for s in data.subjects(unique=True))


@lru_cache(maxsize=1)
def _indicator_shape() -> Graph:
    """dzsh:IndicatorOnlyInOntologyShape of ontology/shapes.ttl, switched on."""
    shape = reference.shapes_graph().cbd(_INDICATOR_SHAPE)
    shape.remove((_INDICATOR_SHAPE, SH.deactivated, None))
    return shape


@lru_cache(maxsize=2)
def _ontology(with_reference: bool) -> Graph:
    ont = Graph()
    for triple in reference.ontology_graph():
        ont.add(triple)
    if with_reference:
        for triple in reference.reference_graph():
            ont.add(triple)
    return ont


def _copy(data: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in data.namespaces():
        copy.bind(prefix, namespace)
    for triple in data:
        copy.add(triple)
    return copy


# -- checks against the store -------------------------------------------------------------
# What SHACL cannot see, since it validates a source with the context only: the other
# sources in the store. Each check is a query that looks up the source's own keys (sent
# as VALUES, a few hundred at a time) in the store's indexes, never a copy of the store.

STORE_CHECKS = URIRef("https://w3id.org/zonegraph/shapes#StoreChecks")
_OWL_SAME_AS = URIRef("http://www.w3.org/2002/07/owl#sameAs")
_CHUNK = 300


def check_against_store(
    report: ValidationReport, data: Graph, store, graph: str
) -> ValidationReport:
    """``report`` with the checks of ``data`` (to go into ``graph``) against the other
    sources of ``store`` added: a node that another source links ``owl:sameAs`` the same
    target (Violation). Figures with another source's dimension key are kg.duplicates' job.
    """
    others = (
        f"FILTER (?g NOT IN (<{graph}>, <{iris.ONTOLOGY_GRAPH}>, <{iris.REFERENCE_GRAPH}>) "
        f'&& !STRSTARTS(STR(?g), "{iris.STAGING_GRAPH}"))'
    )
    found = _same_as_elsewhere(data, store, others)
    if not found:
        return report
    g = report.graph
    main = next(g.subjects(RDF.type, SH.ValidationReport), None)
    if main is None:
        main = BNode()
        g.add((main, RDF.type, SH.ValidationReport))
    for severity, focus, path, value, message in found:
        result = BNode()
        g.add((main, SH.result, result))
        for p, o in (
            (RDF.type, SH.ValidationResult),
            (SH.focusNode, focus),
            (SH.resultPath, path),
            (SH.value, value),
            (SH.resultSeverity, severity),
            (SH.resultMessage, Literal(message, lang="en")),
            (SH.sourceShape, STORE_CHECKS),
            (SH.sourceConstraintComponent, SH.SPARQLConstraintComponent),
        ):
            g.add((result, p, o))
    conforms = report.conforms and not any(f[0] == SH.Violation for f in found)
    g.set((main, SH.conforms, Literal(conforms)))
    return ValidationReport(conforms=conforms, results=_results(g), graph=g)


def _chunks(rows: list) -> list[list]:
    return [rows[i : i + _CHUNK] for i in range(0, len(rows), _CHUNK)]


def _values(rows: list[tuple]) -> str:
    return " ".join("(" + " ".join(t.n3() for t in row) + ")" for row in rows)


def _same_as_elsewhere(data: Graph, store, others: str) -> list[tuple]:
    collected = cross_source(data)
    if collected is not None:
        pairs = [(URIRef(s.value), URIRef(o.value)) for s, o in collected["same_as"]]
    else:
        pairs = [
            (s, o)
            for s, _, o in data.triples((None, _OWL_SAME_AS, None))
            if isinstance(s, URIRef) and isinstance(o, URIRef)
        ]
    found = []
    for chunk in _chunks(pairs):
        rows = store.select(
            f"SELECT DISTINCT ?this ?value ?other ?g WHERE {{ VALUES (?this ?value) "
            f"{{ {_values(chunk)} }} GRAPH ?g {{ ?other <{_OWL_SAME_AS}> ?value }} "
            f"FILTER (?other != ?this) {others} }}"
        )
        for r in rows:
            found.append(
                (
                    SH.Violation,
                    r["this"],
                    _OWL_SAME_AS,
                    r["value"],
                    f"{r['this']} and {r['other']} (in {r['g']}) are both owl:sameAs "
                    f"{r['value']}: one real-world thing has one IRI here. Use the IRI the "
                    "store already has, or remove the link that is wrong.",
                )
            )
    return found
