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
from rdflib.namespace import DCAT, DCTERMS, PROV

from kg import iris, periods
from kg.errors import InputError

__all__ = [
    "RDF",
    "Fact",
    "Span",
    "add_dataset",
    "add_indicator",
    "add_mention",
    "add_observation",
    "add_period",
    "add_source",
    "add_span",
    "area_problem",
    "dataset_of",
    "dataset_title",
    "indicator_concept",
    "read_span",
    "topic_of",
]

DZ = Namespace(iris.DZ)
QB = Namespace(iris.PREFIXES["qb"])
OA = Namespace(iris.PREFIXES["oa"])
SDMX_DIMENSION = Namespace(iris.PREFIXES["sdmx-dimension"])
SDMX_MEASURE = Namespace(iris.PREFIXES["sdmx-measure"])
SDMX_ATTRIBUTE = Namespace(iris.PREFIXES["sdmx-attribute"])
TIME = Namespace(iris.PREFIXES["time"])

UNITS = (
    "CNY",
    "USD",
    "PERCENT",
    "NUM",
    "RANK",
    "TIMES",
    "POINTS",
    "YEAR",
    "YR",
    "T",
    "KM2",
    "HA",
    "M2",
    "MU",
    "KM",
    "TEU",
)
# Calendar years are properties of the zone, never observations (docs/model.md): the
# indicator a loader reads such a year as -> the zone property that records it.
YEAR_PROPERTIES = {"year construction began": "foundingYear", "year approved": "approvalYear"}
# The zone property that records the month of such a year when the source names it
# ("approved in May 1992": dz:approvalYear 1992 and dz:approvalMonth 1992-05).
MONTH_PROPERTIES = {"foundingYear": "foundingMonth", "approvalYear": "approvalMonth"}
STATISTICS = ("level", "yoy_change", "change_vs_period", "rank", "count", "share", "multiple")
# ISO 639-1 code -> EU Publications Office language authority IRI (DCAT-AP's dcterms:language).
LANGUAGE_IRIS = {
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
    "zh": "http://publications.europa.eu/resource/authority/language/ZHO",
}
MODALITIES = ("achieved", "planned")
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
    ``value`` is a decimal string, scale words resolved. ``area`` is a place, zone or
    group of zones, never an index: a figure about an index or sub-index is the figure of
    the zone it measures on the index's indicator (docs/model.md, "Indices").
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
    stated_as: str | None = None  # the value as the source states it, when converted
    announced_at: str | None = None
    attributed_to: str | None = None  # the organisation the source attributes the figure to
    modality: str = "achieved"  # or "planned": a target ("will reach", "by 2025")
    span: Span | None = None
    comment: str | None = None
    extra_key: tuple = field(default=())

    def key(self) -> tuple:
        """What makes two facts the same figure: the dimension key, which the observation IRI
        hashes (with the source). Never the value: correcting 81.01 to 81.02 billion keeps the
        IRI. The unit is in it because it is a dimension (docs/model.md, "Measures and units").

        >>> from dataclasses import replace
        >>> a = Fact(area="zid:x", indicator="gdp", value="81.01", unit="CNY", period="2021")
        >>> a.key() == replace(a, value="81.02").key(), a.key() == replace(a, unit="USD").key()
        (True, False)
        """
        return (
            self.area,
            self.period,
            self.indicator,
            self.statistic,
            self.scope or "",
            self.base_period or "",
            self.unit,
            *(("planned",) if self.modality == "planned" else ()),
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
    url: str | None = None,
    language: str | None = None,
) -> URIRef:
    """Describe a source document; returns its IRI.

    ``url`` is where the original is published (``dcterms:source``); ``language`` an
    ISO 639-1 code, written as the EU Publications Office language IRI (as DCAT-AP asks).
    """
    doc = URIRef(iris.source_doc_iri(source_id))
    lang = language if language in ("en", "zh") else "en"
    g.add((doc, RDF.type, DZ.SourceDocument))
    if title:
        g.add((doc, RDFS.label, Literal(title, lang=lang)))
    if lang != "en" or not title:  # pages and shapes want an English label
        g.add((doc, RDFS.label, Literal(file_name or source_id, lang="en")))
    if file_name:
        g.add((doc, DZ.fileName, Literal(file_name)))
    if title:
        g.add((doc, DCTERMS.title, Literal(title, lang=lang)))
    if url:
        g.add((doc, DCTERMS.source, URIRef(url)))
    if language:
        if language not in LANGUAGE_IRIS:
            raise ValueError(f"unknown language {language!r}; use one of {sorted(LANGUAGE_IRIS)}")
        g.add((doc, DCTERMS.language, URIRef(LANGUAGE_IRIS[language])))
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
_UNIT = DZ.unit
_POPULATION, _QUALIFIER, _CHANGE_OF, _ANNOUNCED_AT = (
    DZ.rankPopulation,
    DZ.qualifier,
    DZ.changeOf,
    DZ.announcedAt,
)
_DERIVED_FROM, _COMMENT = PROV.wasDerivedFrom, RDFS.comment
_ATTRIBUTED_TO = PROV.wasAttributedTo
_cached = lru_cache(maxsize=16384)
_INDEX_PREFIX = iris.ID + "index/"


@_cached
def _ref(iri: str) -> URIRef:
    return URIRef(iri)


@_cached
def _source_doc(source_id: str) -> URIRef:
    return URIRef(iris.source_doc_iri(source_id))


@_cached
def _dataset_ref(topic: str, period_stated: bool = True, planned: bool = False) -> URIRef:
    return URIRef(iris.dataset_iri(topic, period_stated=period_stated, planned=planned))


@_cached
def _period_triples(period: str) -> tuple[URIRef, tuple[tuple[URIRef, URIRef, object], ...]]:
    p = periods.parse(period)
    node = URIRef(p.iri)
    out: list[tuple[URIRef, URIRef, object]] = [
        (node, RDF.type, TIME.Interval),
        (node, RDFS.label, Literal(p.label, lang="en")),
    ]
    out += [(node, RDF.type, URIRef(c)) for c in p.classes]
    bounds = [(TIME.hasBeginning, p.begin)] + ([(TIME.hasEnd, p.end)] if p.end else [])
    for prop, day in bounds:
        instant = URIRef(periods.instant_iri(day))
        out += [
            (node, prop, instant),
            (instant, RDF.type, TIME.Instant),
            (
                instant,
                TIME.inXSDDateTime,
                Literal(f"{day.isoformat()}T00:00:00", datatype=XSD.dateTime),
            ),
            (instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date)),
        ]
    return node, tuple(out)


def add_period(g: Graph, period: str) -> URIRef:
    """Describe a reference period (see kg.periods) in ``g``; returns its IRI.

    The description goes with the data that uses the period: an interval with an
    English label, its reference.data.gov.uk class, and time:hasBeginning /
    time:hasEnd instants with their xsd:dateTime and xsd:date.

    >>> g = Graph()
    >>> half = add_period(g, "2021-H1")
    >>> str(g.value(half, RDFS.label)), str(g.value(g.value(half, TIME.hasEnd), TIME.inXSDDate))
    ('first half of 2021', '2021-07-01')
    """
    node, triples = _period_triples(period)
    if (node, RDF.type, TIME.Interval) not in g:
        for triple in triples:
            g.add(triple)
    return node


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


def topic_of(indicator: str) -> str:
    """The slug of the topic (dz:topic) of a curated indicator, given by IRI or label.

    >>> topic_of("total imports and exports"), topic_of(iris.ID + "indicator/area")
    ('trade', 'zones-land-and-population')
    """
    from kg.reference import indicator_topics

    node = indicator_concept(indicator)
    topic = indicator_topics().get(node) if node is not None else None
    if topic is None:
        raise InputError(
            f"indicator {indicator!r} has no topic: every concept of zid:scheme/indicators "
            "has one dz:topic (ontology/schemes.ttl)"
        )
    return topic


def dataset_of(indicator: str, *, period_stated: bool = True, planned: bool = False) -> URIRef:
    """The data set an observation of ``indicator`` belongs to, whichever source states it.

    One data set per topic of zid:scheme/topics (docs/model.md, "Data sets"), with two
    companions: figures whose period the source does not state (structure
    dz:dsd-period-not-stated) and planned figures (targets).

    >>> str(dataset_of("exports")), str(dataset_of("exports", period_stated=False))
    ('https://w3id.org/zonegraph/id/dataset/trade', 'https://w3id.org/zonegraph/id/dataset/trade/period-not-stated')
    """
    return _dataset_ref(topic_of(indicator), period_stated, planned)


def dataset_title(topic: str, *, period_stated: bool = True, planned: bool = False) -> dict:
    """Title (English, Chinese) and description of a topic's data set, as DCAT gives them.

    >>> dataset_title("trade")["en"], dataset_title("trade", planned=True)["zh"]
    ('Development-zone figures: trade', '开发区目标：贸易')
    """
    from kg.reference import topics

    t = topics()[topic]
    if planned:
        en, zh = f"Development-zone targets: {t['en']}", f"开发区目标：{t['zh']}"
        what = "Targets (planned figures, dz:modality zid:modality/planned) for a stated period"
    elif period_stated:
        en, zh = f"Development-zone figures: {t['en']}", f"开发区数据：{t['zh']}"
        what = "Figures"
    else:
        en = f"Development-zone figures: {t['en']} (period not stated)"
        zh = f"开发区数据：{t['zh']}（未注明时期）"
        what = "Figures whose source does not state their period (no refPeriod)"
    description = (
        f"{what} on {t['en']}: {t['definition']} Read from government documents, news texts "
        "and tables; every observation cites the quote of the source it was read from "
        "(prov:wasDerivedFrom)."
    )
    return {"en": en, "zh": zh, "description": description}


def add_dataset(
    g: Graph,
    topic: str,
    source_id: str | None,
    *,
    period_stated: bool = True,
    planned: bool = False,
) -> URIRef:
    """Describe the data set of a topic's observations in a source's graph; returns its IRI.

    Every source that states figures of a topic writes the same description (a qb:DataSet
    and dcat:Dataset with its structure, title, description, licence, publisher and theme),
    which the union graph shows once, and ``prov:wasDerivedFrom`` itself, so that the data
    set lists the sources it is read from. Figures whose period the source does not state
    have no value for the period dimension, so they live in a data set of structure
    dz:dsd-period-not-stated, which has none (Data Cube IC-11): time-series queries over
    refPeriod never meet them. Targets live in a data set of their own, so a target and the
    outcome for the same period are never two values of one key (IC-12).
    ``source_id`` None leaves the derivation to the caller (an RDF file names its source).
    """
    ds = _dataset_ref(topic, period_stated, planned)
    for triple in _dataset_triples(topic, period_stated, planned):
        g.add(triple)
    if source_id is not None:
        g.add((ds, PROV.wasDerivedFrom, URIRef(iris.source_doc_iri(source_id))))
    return ds


@_cached
def _dataset_triples(topic: str, period_stated: bool, planned: bool) -> tuple:
    # The same for every source: made once (a text's graph describes 4-5 data sets).
    ds = _dataset_ref(topic, period_stated, planned)
    title = dataset_title(topic, period_stated=period_stated, planned=planned)
    structure = DZ.dsd if period_stated else DZ["dsd-period-not-stated"]
    return (
        (ds, RDF.type, QB.DataSet),
        (ds, RDF.type, DCAT.Dataset),
        (ds, QB.structure, structure),
        *(
            triple
            for lang in ("en", "zh")
            for triple in (
                (ds, RDFS.label, Literal(title[lang], lang=lang)),
                (ds, DCTERMS.title, Literal(title[lang], lang=lang)),
            )
        ),
        (ds, DCTERMS.description, Literal(title["description"], lang="en")),
        (ds, DCTERMS.license, URIRef(iris.DATA_LICENSE)),
        (ds, DCTERMS.publisher, URIRef(iris.PUBLISHER)),
        (ds, DCAT.theme, URIRef(iris.topic_iri(topic))),
    )


def area_problem(area: str) -> str | None:
    """Why ``area`` cannot be an observation's refArea, or None when it can.

    refArea holds places, zones and groups of zones: a figure about an index is the figure
    of the zone the index measures on the index's indicator (docs/model.md, "Indices").

    >>> area_problem(iris.zone_iri("Chengdu High-Tech Industrial Development Zone")) is None
    True
    >>> area_problem(iris.index_iri("Internationalization Index"))[:57]
    'refArea zid:index/internationalization-index is an index:'
    """
    if not area.startswith(_INDEX_PREFIX):
        return None
    return (
        f"refArea zid:{area[len(iris.ID) :]} is an index: refArea holds places, zones and "
        "groups of zones only. State a figure about an index as the figure of the zone it "
        "measures (its dz:indexOf) on the index's indicator (its dz:indicatorConcept)"
    )


def add_observation(g: Graph, source_id: str, fact: Fact) -> URIRef:
    """Add one qb:Observation (and its span and indicator); returns its IRI."""
    if fact.unit not in UNITS:
        raise ValueError(f"unknown unit {fact.unit!r}; use one of {', '.join(UNITS)}")
    if fact.statistic not in STATISTICS:
        raise ValueError(f"unknown statistic {fact.statistic!r}; use one of {STATISTICS}")
    problem = area_problem(fact.area)
    if problem:
        raise InputError(problem)
    if fact.modality not in MODALITIES:
        raise ValueError(f"unknown modality {fact.modality!r}; use one of {MODALITIES}")
    planned = fact.modality == "planned"
    if planned and not fact.period:
        raise InputError("a planned figure (a target) needs the period it is set for")
    obs = URIRef(iris.observation_iri(source_id, *fact.key()))
    stated = bool(fact.period)
    indicator = add_indicator(g, fact.indicator)
    topic = topic_of(str(indicator))
    ds = _dataset_ref(topic, stated, planned)
    if (ds, _TYPE, _DATASET_CLASS) not in g:
        add_dataset(g, topic, source_id, period_stated=stated, planned=planned)
    add = g.add
    add((obs, _TYPE, _OBSERVATION))
    add((obs, _DATASET, ds))
    add((obs, _REF_AREA, _ref(fact.area)))
    if stated:
        add((obs, _REF_PERIOD, add_period(g, fact.period)))
    add((obs, _INDICATOR, indicator))
    add((obs, _STATISTIC, _statistic(fact.statistic)))
    add((obs, _SCOPE, _ref(fact.scope or iris.SCOPE_NOT_APPLICABLE)))
    add((obs, _OBS_VALUE, _decimal(fact.value)))
    unit = _unit(fact.unit)
    add((obs, _UNIT, unit))  # the unit dimension: the same figure in two currencies is two keys
    add((obs, _UNIT_MEASURE, unit))  # the SDMX attribute, for clients that read it
    if fact.base_period:
        add((obs, _BASE_PERIOD, add_period(g, fact.base_period)))
    if fact.population is not None:
        add((obs, _POPULATION, Literal(fact.population, datatype=XSD.integer)))
    if fact.qualifier:
        add((obs, _QUALIFIER, Literal(fact.qualifier)))
    if fact.stated_as:
        add((obs, DZ.statedAs, Literal(fact.stated_as)))
    if fact.change_of:
        add((obs, _CHANGE_OF, URIRef(fact.change_of)))
    if fact.announced_at:
        add((obs, _ANNOUNCED_AT, _ref(fact.announced_at)))
    if fact.attributed_to:
        add((obs, _ATTRIBUTED_TO, _ref(fact.attributed_to)))
    if planned:  # no dz:modality means achieved, the default
        add((obs, DZ.modality, _ref(iris.ID + "modality/planned")))
    if fact.comment:
        add((obs, _COMMENT, Literal(fact.comment, lang="en")))
    if fact.span is not None:
        add((obs, _DERIVED_FROM, add_span(g, source_id, fact.span)))
    return obs
