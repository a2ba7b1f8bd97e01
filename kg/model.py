"""Builds the RDF of observations, text spans and source documents (see docs/model.md).

Every loader goes through these functions, so a figure read from a CSV row
and one read from a news sentence have exactly the same shape.

>>> from rdflib import Graph
>>> g = Graph()
>>> fact = Fact(area=iris.group_iri("Sichuan national economic development zones"),
...             indicator="total imports and exports", value="81010000000", unit="CNY",
...             period="2021", statistic="level")
>>> obs = add_observation(g, "sichuan-2021", fact)
>>> str(g.value(obs, SDMX_MEASURE.obsValue))
'81010000000'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg import iris
from kg.errors import InputError

__all__ = [
    "RDF",
    "Fact",
    "Span",
    "add_indicator",
    "add_mention",
    "add_observation",
    "add_source",
    "add_span",
    "indicator_concept",
    "read_span",
]

DZ = Namespace(iris.DZ)
QB = Namespace(iris.PREFIXES["qb"])
OA = Namespace(iris.PREFIXES["oa"])
SDMX_DIMENSION = Namespace(iris.PREFIXES["sdmx-dimension"])
SDMX_MEASURE = Namespace(iris.PREFIXES["sdmx-measure"])
SDMX_ATTRIBUTE = Namespace(iris.PREFIXES["sdmx-attribute"])

UNITS = ("CNY", "USD", "PERCENT", "NUM", "RANK", "TIMES", "POINTS", "YEAR", "YR", "T", "KM2")
STATISTICS = ("level", "yoy_change", "change_vs_period", "rank", "count", "share", "multiple")
QUALIFIERS = ("tied", "about", "more than", "at least", "less than", "nearly")


# How much context a TextQuoteSelector keeps on each side of the quote.
CONTEXT = 32


@dataclass(frozen=True)
class Span:
    """A quote of a source document, by character offsets into its text.

    ``prefix`` and ``suffix`` are the text just before and after the quote
    (oa:prefix, oa:suffix); :meth:`of` fills them from the document text.
    """

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]`` with up to CONTEXT characters of context each side.

        >>> Span.of("In 2021 output grew 20%.", 8, 18)
        Span(start=8, end=18, exact='output gre', prefix='In 2021 ', suffix='w 20%.')
        """
        return cls(
            start,
            end,
            text[start:end],
            text[max(0, start - CONTEXT) : start],
            text[end : end + CONTEXT],
        )


@dataclass(frozen=True)
class Fact:
    """One numeric statement, before it becomes a qb:Observation.

    ``indicator`` is a label of a curated indicator concept ("total imports and
    exports", or any alias in ontology/schemes.ttl); add_indicator resolves it.
    ``value`` is a decimal string, scale words resolved.
    """

    area: str
    indicator: str
    value: str
    unit: str
    period: str = ""
    statistic: str = "level"
    scope: str | None = None
    base_period: str | None = None
    population: int | None = None
    qualifier: str | None = None
    change_of: str | None = None
    announced_at: str | None = None
    span: Span | None = None
    comment: str | None = None
    extra_key: tuple = field(default=())

    def key(self) -> tuple:
        """What makes two facts the same figure (used for the observation IRI)."""
        return (
            self.area,
            self.indicator,
            self.statistic,
            self.period,
            self.scope or "",
            self.base_period or "",
            self.unit,
            self.value,
            *self.extra_key,
        )


def add_source(
    g: Graph,
    source_id: str,
    *,
    file_name: str | None = None,
    title: str | None = None,
    issued: str | None = None,
    publisher: str | None = None,
    operator: str | None = None,
) -> URIRef:
    """Describe a source document; returns its IRI."""
    doc = URIRef(iris.source_doc_iri(source_id))
    g.add((doc, RDF.type, DZ.SourceDocument))
    g.add((doc, RDFS.label, Literal(title or file_name or source_id, lang="en")))
    if file_name:
        g.add((doc, DZ.fileName, Literal(file_name)))
    if title:
        g.add((doc, DCTERMS.title, Literal(title, lang="en")))
    if issued:
        g.add((doc, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    if publisher:
        g.add((doc, DCTERMS.publisher, URIRef(publisher)))
    if operator:
        g.add((doc, DZ.operator, URIRef(operator)))
    return doc


# Terms that recur in every observation, made once: rdflib's namespace attribute lookups
# and term constructors cost more than the triple adds they feed (loaders add thousands).
_TYPE = RDF.type
_TEXT_SPAN, _SPECIFIC, _HAS_SOURCE, _HAS_SELECTOR = (
    DZ.TextSpan,
    OA.SpecificResource,
    OA.hasSource,
    OA.hasSelector,
)
_QUOTE, _POSITION = OA.TextQuoteSelector, OA.TextPositionSelector
_EXACT, _PREFIX, _SUFFIX, _START, _END = OA.exact, OA.prefix, OA.suffix, OA.start, OA.end
_OBSERVATION, _DATASET_CLASS, _DATASET = QB.Observation, QB.DataSet, QB.dataSet
_REF_AREA, _REF_PERIOD = SDMX_DIMENSION.refArea, SDMX_DIMENSION.refPeriod
_OBS_VALUE, _UNIT_MEASURE = SDMX_MEASURE.obsValue, SDMX_ATTRIBUTE.unitMeasure
_INDICATOR, _STATISTIC, _SCOPE, _BASE_PERIOD = DZ.indicator, DZ.statistic, DZ.scope, DZ.basePeriod
_POPULATION, _QUALIFIER, _CHANGE_OF, _ANNOUNCED_AT = (
    DZ.rankPopulation,
    DZ.qualifier,
    DZ.changeOf,
    DZ.announcedAt,
)
_DERIVED_FROM, _COMMENT = PROV.wasDerivedFrom, RDFS.comment
_cached = lru_cache(maxsize=16384)


@_cached
def _ref(iri: str) -> URIRef:
    return URIRef(iri)


@_cached
def _source_doc(source_id: str) -> URIRef:
    return URIRef(iris.source_doc_iri(source_id))


@_cached
def _dataset_ref(source_id: str) -> URIRef:
    return URIRef(iris.dataset_iri(source_id))


@_cached
def _period(period: str) -> URIRef:
    return URIRef(iris.period_iri(period))


@_cached
def _statistic(kind: str) -> URIRef:
    return URIRef(iris.statistic_iri(kind))


@_cached
def _unit(notation: str) -> URIRef:
    return URIRef(iris.unit_iri(notation))


@_cached
def _offset(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


@_cached
def _decimal(value: str) -> Literal:
    return Literal(Decimal(value), datatype=XSD.decimal)


@_cached
def _indicator_terms(label: str) -> URIRef | None:
    from kg.reference import indicator_key, indicator_labels

    if label.startswith(iris.ID + "indicator/"):
        node = URIRef(label)
        return node if node in _scheme_indicators() else None
    return indicator_labels().get(indicator_key(label))


def add_span(g: Graph, source_id: str, span: Span) -> URIRef:
    """Add a text span as a Web Annotation oa:SpecificResource; returns its IRI.

    The span has oa:hasSource the document and two selectors, ``<span>#quote``
    (oa:TextQuoteSelector: oa:exact, oa:prefix, oa:suffix) and ``<span>#position``
    (oa:TextPositionSelector: oa:start, oa:end).
    """
    iri = iris.span_iri(source_id, span.start, span.end)
    node, quote, position = URIRef(iri), URIRef(iri + "#quote"), URIRef(iri + "#position")
    add = g.add
    add((node, _TYPE, _TEXT_SPAN))
    add((node, _TYPE, _SPECIFIC))
    add((node, _HAS_SOURCE, _source_doc(source_id)))
    add((node, _HAS_SELECTOR, quote))
    add((node, _HAS_SELECTOR, position))
    add((quote, _TYPE, _QUOTE))
    add((quote, _EXACT, Literal(span.exact)))
    if span.prefix:
        add((quote, _PREFIX, Literal(span.prefix)))
    if span.suffix:
        add((quote, _SUFFIX, Literal(span.suffix)))
    add((position, _TYPE, _POSITION))
    add((position, _START, _offset(span.start)))
    add((position, _END, _offset(span.end)))
    return node


def read_span(g: Graph, node: URIRef) -> Span:
    """The Span that ``add_span`` wrote at ``node`` (offsets and quote from its selectors)."""
    quote = position = None
    for selector in g.objects(node, _HAS_SELECTOR):
        if (selector, _TYPE, _QUOTE) in g:
            quote = selector
        elif (selector, _TYPE, _POSITION) in g:
            position = selector
    if quote is None or position is None:
        raise ValueError(f"{node} has no oa:TextQuoteSelector and oa:TextPositionSelector")
    return Span(
        int(g.value(position, _START)),
        int(g.value(position, _END)),
        str(g.value(quote, _EXACT)),
        str(g.value(quote, _PREFIX) or ""),
        str(g.value(quote, _SUFFIX) or ""),
    )


def add_mention(g: Graph, source_id: str, entity: str, span: Span) -> URIRef:
    """Record that ``span`` names ``entity``: an oa:Annotation (body the entity, target the span).

    The entity is not a prov:Entity derived from the text; only the span is.
    """
    target = add_span(g, source_id, span)
    node = URIRef(iris.mention_iri(source_id, span.start, span.end, entity))
    g.add((node, _TYPE, OA.Annotation))
    g.add((node, OA.hasBody, _ref(entity)))
    g.add((node, OA.hasTarget, target))
    g.add((node, OA.motivatedBy, OA.identifying))
    return node


@lru_cache(maxsize=1)
def _scheme_indicators() -> frozenset[URIRef]:
    from kg.reference import indicator_labels

    return frozenset(indicator_labels().values())


def indicator_concept(label: str) -> URIRef | None:
    """The curated indicator a label names, through the scheme's labels; None if none does.

    ``label`` is a prefLabel, altLabel or hiddenLabel of a concept of
    zid:scheme/indicators (compared by kg.reference.indicator_key), or the concept's IRI.

    >>> str(indicator_concept("Total import and export volume"))
    'https://w3id.org/zonegraph/id/indicator/total-imports-and-exports'
    >>> indicator_concept("number of widgets shipped") is None
    True
    """
    return _indicator_terms(" ".join(label.split()))


def add_indicator(g: Graph, label: str) -> URIRef:
    """The curated indicator concept for a label; raises InputError when no concept has it.

    Indicators are described once, in the ontology graph (ontology/schemes.ttl): nothing
    is added to ``g``, and no concept is ever minted for a phrase the scheme lacks.
    ``g`` is taken so that every ``add_*`` function is called alike.
    """
    node = indicator_concept(label)
    if node is None:
        raise InputError(
            f"indicator {label!r} is not in the code list zid:scheme/indicators: use a "
            "label or IRI of one of its concepts (docs/ontology.md lists them), or ask the "
            "ontology maintainers to add a concept or an alias (skos:hiddenLabel)"
        )
    return node


def add_dataset(g: Graph, source_id: str) -> URIRef:
    """The qb:DataSet holding one source's observations."""
    ds = URIRef(iris.dataset_iri(source_id))
    g.add((ds, RDF.type, QB.DataSet))
    g.add((ds, QB.structure, DZ.dsd))
    g.add((ds, RDFS.label, Literal(f"Observations from {source_id}", lang="en")))
    g.add((ds, PROV.wasDerivedFrom, URIRef(iris.source_doc_iri(source_id))))
    return ds


def add_observation(g: Graph, source_id: str, fact: Fact) -> URIRef:
    """Add one qb:Observation (and its span and indicator); returns its IRI."""
    if fact.unit not in UNITS:
        raise ValueError(f"unknown unit {fact.unit!r}; use one of {', '.join(UNITS)}")
    if fact.statistic not in STATISTICS:
        raise ValueError(f"unknown statistic {fact.statistic!r}; use one of {STATISTICS}")
    obs = URIRef(iris.observation_iri(source_id, *fact.key()))
    ds = _dataset_ref(source_id)
    if (ds, _TYPE, _DATASET_CLASS) not in g:
        add_dataset(g, source_id)
    add = g.add
    add((obs, _TYPE, _OBSERVATION))
    add((obs, _DATASET, ds))
    add((obs, _REF_AREA, _ref(fact.area)))
    add((obs, _REF_PERIOD, _period(fact.period)))
    add((obs, _INDICATOR, add_indicator(g, fact.indicator)))
    add((obs, _STATISTIC, _statistic(fact.statistic)))
    add((obs, _SCOPE, _ref(fact.scope or iris.SCOPE_NOT_APPLICABLE)))
    add((obs, _OBS_VALUE, _decimal(fact.value)))
    add((obs, _UNIT_MEASURE, _unit(fact.unit)))
    if fact.base_period:
        add((obs, _BASE_PERIOD, _period(fact.base_period)))
    if fact.population is not None:
        add((obs, _POPULATION, Literal(fact.population, datatype=XSD.integer)))
    if fact.qualifier:
        add((obs, _QUALIFIER, Literal(fact.qualifier)))
    if fact.change_of:
        add((obs, _CHANGE_OF, URIRef(fact.change_of)))
    if fact.announced_at:
        add((obs, _ANNOUNCED_AT, _ref(fact.announced_at)))
    if fact.comment:
        add((obs, _COMMENT, Literal(fact.comment, lang="en")))
    if fact.span is not None:
        add((obs, _DERIVED_FROM, add_span(g, source_id, fact.span)))
    return obs
