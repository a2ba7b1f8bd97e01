"""Namespaces of the graph and the minting of stable, host-independent IRIs.

Every IRI zonegraph creates comes from this module, so the same real-world
thing gets the same IRI whichever loader or document names it.

>>> zone_iri("Chengdu High-Tech Industrial Development Zone")
'https://w3id.org/zonegraph/id/zone/chengdu-high-tech-industrial-development-zone'
>>> slugify("Sichuan's national economic development zones")
'sichuan-s-national-economic-development-zones'
>>> period_iri("2021")
'http://reference.data.gov.uk/id/year/2021'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

BASE = "https://w3id.org/zonegraph/"
ONTOLOGY = BASE + "ontology"
DZ = ONTOLOGY + "#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

# Named graphs with a fixed role.
ONTOLOGY_GRAPH = GRAPH + "ontology"
REFERENCE_GRAPH = GRAPH + "reference"
CATALOG_GRAPH = GRAPH + "catalog"
SOURCE_GRAPH = GRAPH + "source/"
LINKS_GRAPH = GRAPH + "links"  # reconciliation results (zonegraph link)
METADATA_GRAPH = GRAPH + "metadata"  # DCAT catalogue and VoID description
STAGING_GRAPH = GRAPH + "staging/"  # remote loads in progress; never queried on purpose

# Standard vocabularies (prefix -> namespace), shared by queries, serialisers and pages.
PREFIXES: dict[str, str] = {
    "dz": DZ,
    "zid": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "void": "http://rdfs.org/ns/void#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "sh": "http://www.w3.org/ns/shacl#",
    "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/",
    "wd": "http://www.wikidata.org/entity/",
    "interval": "http://reference.data.gov.uk/def/intervals/",
    "time": "http://www.w3.org/2006/time#",
}

# The DCAT catalogue, its publisher, and the licence of the data (CC BY 4.0: the figures are
# facts from public government documents; re-users cite the graph, keeping the provenance).
CATALOG = BASE + "catalog"
PUBLISHER = CATALOG + "#publisher"
PUBLISHER_NAME = "zonegraph contributors"
DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

YEAR = "http://reference.data.gov.uk/id/year/"
# Shown for a figure whose period the source does not state; never a refPeriod value.
PERIOD_UNSTATED = ID + "period/unstated"
# SDMX "_Z" (not applicable): the scope of a figure that is not a rank or a share.
SCOPE_NOT_APPLICABLE = ID + "scope/_Z"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Lower-case ASCII slug: words joined by '-', nothing else.

    >>> slugify("China-Japan (Chengdu) Regional Development Cooperation Demonstration Zone")
    'china-japan-chengdu-regional-development-cooperation-demonstration-zone'
    >>> slugify("四川省")
    'u56db-u5ddd-u7701'
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    parts: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            word += ch.lower()
        elif unicodedata.combining(ch):
            continue
        elif not ch.isascii() and ch.isalnum():
            if word:
                parts.append(word)
                word = ""
            parts.append(f"u{ord(ch):x}")
        elif word:
            parts.append(word)
            word = ""
    if word:
        parts.append(word)
    return "-".join(parts) or "unnamed"


def mint(kind: str, name: str) -> str:
    """IRI of a resource of one kind, from its canonical name.

    >>> mint("country", "South Korea")
    'https://w3id.org/zonegraph/id/country/south-korea'
    """
    return f"{ID}{kind}/{slugify(name)}"


def zone_iri(name: str) -> str:
    """IRI of a development zone, park or other zone-like area by canonical English name."""
    return mint("zone", name)


def group_iri(name: str) -> str:
    """IRI of a group of zones that figures are reported for."""
    return mint("group", name)


def region_iri(name: str) -> str:
    """IRI of a country, province, city, county or broader region by canonical English name.

    A Chinese division whose GB/T 2260 code is verified (in the reference data) is named by
    its code, as ONS names areas by GSS code; others keep a slug of the name.

    >>> region_iri("Chengdu"), region_iri("West China")
    ('https://w3id.org/zonegraph/id/region/510100', 'https://w3id.org/zonegraph/id/region/west-china')
    """
    from kg.reference import division_iris  # lazily: kg.reference imports this module

    return division_iris().get(slugify(name)) or mint("region", name)


def division_iri(code: str) -> str:
    """IRI of a Chinese administrative division by its six-digit GB/T 2260 code.

    >>> division_iri("510000")
    'https://w3id.org/zonegraph/id/region/510000'
    """
    if not re.fullmatch(r"\d{6}", code):
        raise ValueError(f"a GB/T 2260 code has six digits, not {code!r}")
    return f"{ID}region/{code}"


def country_iri(alpha2: str) -> str:
    """IRI of a country by ISO 3166-1 alpha-2 code, so every spelling lands on one resource.

    >>> country_iri("KR")
    'https://w3id.org/zonegraph/id/country/kr'
    """
    return f"{ID}country/{alpha2.lower()}"


def org_iri(name: str) -> str:
    """IRI of an organisation."""
    return mint("org", name)


def index_iri(name: str) -> str:
    """IRI of a composite index or sub-index."""
    return mint("index", name)


def event_iri(name: str) -> str:
    """IRI of an event such as a conference."""
    return mint("event", name)


def indicator_iri(name: str) -> str:
    """IRI of an indicator concept (what is measured)."""
    return mint("indicator", name)


def unit_iri(notation: str) -> str:
    """IRI of a unit concept by its notation.

    >>> unit_iri("CNY")
    'https://w3id.org/zonegraph/id/unit/CNY'
    """
    return f"{ID}unit/{notation}"


def statistic_iri(kind: str) -> str:
    """IRI of a statistic kind: level, yoy_change, change_vs_period, rank, count, share, multiple.

    >>> statistic_iri("yoy_change")
    'https://w3id.org/zonegraph/id/statistic/yoy-change'
    """
    return mint("statistic", kind)


def period_iri(period: str) -> str:
    """IRI of a reference period written as kg.periods describes: year, half, quarter, month,
    day, a range of months or years, or "since" a start.

    An empty period gives PERIOD_UNSTATED, which pages show as "period not stated"; it
    is never a value of sdmx-dimension:refPeriod (kg.model puts such figures in a data
    set whose structure has no period dimension).

    >>> period_iri("")
    'https://w3id.org/zonegraph/id/period/unstated'
    >>> period_iri("2022-03")
    'http://reference.data.gov.uk/id/month/2022-03'
    >>> period_iri("2023-H1"), period_iri("2022-Q1")
    ('http://reference.data.gov.uk/id/half/2023-H1', 'http://reference.data.gov.uk/id/quarter/2022-Q1')
    >>> period_iri("2020-01/2020-08")
    'http://reference.data.gov.uk/id/gregorian-interval/2020-01-01T00:00:00/P8M'
    """
    if not period:
        return PERIOD_UNSTATED
    from kg.periods import parse

    return parse(period).iri


def source_graph(source_id: str) -> str:
    """Named graph that holds everything loaded from one source."""
    return SOURCE_GRAPH + slugify(source_id)


def source_doc_iri(source_id: str) -> str:
    """IRI of a source document."""
    return mint("source", source_id)


def digest(*parts: object, length: int = 12) -> str:
    """Short, deterministic hash of some parts, for IRIs of things without a name.

    >>> digest("a", 1)
    '839e11a421d3'
    """
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def observation_iri(source_id: str, *key: object) -> str:
    """IRI of the observation of one figure: a hash of its dimension key (kg.model.Fact.key:
    area, period, indicator, statistic, scope, base period, unit, modality), never of its
    value, so a corrected value keeps its IRI. The key says which data set the figure is in
    (the indicator's topic, the period stated or not, the modality), so the IRI does not
    repeat it, and moving an indicator to another topic would keep its observations' IRIs.

    The source is not part of the IRI: the same figure stated by two documents is one
    observation of the topic's data set, derived from a quote of each (docs/model.md,
    "Duplicate keys across sources"), which is what Data Cube IC-12 asks. ``source_id`` is
    still taken so that the loaders' calls need not change. The key is compared as the graph
    states it: an indicator by its concept (any label of it), a period by its IRI.

    >>> a = observation_iri("sichuan-2021", "zid:group/x", "2021", "GDP", "level", "", "", "CNY")
    >>> a
    'https://w3id.org/zonegraph/id/observation/86573db3459feb3a'
    >>> a == observation_iri("other", "zid:group/x", "2021", "gross domestic product",
    ...                      "level", "", "", "CNY")
    True
    """
    return f"{ID}observation/{digest(*_figure_key(key), length=16)}"


def _figure_key(key: tuple) -> tuple:
    if len(key) < 7:
        return key
    area, period, indicator, statistic, scope, base, unit, *rest = key
    concept = _indicator(str(indicator))
    return (
        area,
        _period(str(period)),
        concept or indicator,
        statistic,
        "" if scope == SCOPE_NOT_APPLICABLE else scope,
        _period(str(base)),
        unit,
        *rest,
    )


@lru_cache(maxsize=16384)
def _indicator(label: str) -> str | None:
    from kg.reference import indicator_key, indicator_labels

    if label.startswith(ID + "indicator/"):
        return label if label in _concepts() else None
    concept = indicator_labels().get(indicator_key(" ".join(label.split())))
    return str(concept) if concept is not None else None


@lru_cache(maxsize=1)
def _concepts() -> frozenset[str]:
    from kg.reference import indicator_labels

    return frozenset(str(c) for c in indicator_labels().values())


@lru_cache(maxsize=16384)
def _period(period: str) -> str:
    if not period:
        return ""
    try:
        return period_iri(period)
    except ValueError:
        return period


def span_iri(source_id: str, start: int, end: int) -> str:
    """IRI of a text span of a source document, by character offsets."""
    return f"{ID}span/{slugify(source_id)}/{start}-{end}"


def topic_iri(slug: str) -> str:
    """IRI of a topic of zid:scheme/topics, a family of indicators (see dataset_iri).

    >>> topic_iri("trade")
    'https://w3id.org/zonegraph/id/topic/trade'
    """
    return f"{ID}topic/{slug}"


def dataset_iri(topic: str, *, period_stated: bool = True, planned: bool = False) -> str:
    """IRI of the qb:DataSet of one topic's observations, whichever sources they come from.

    ``topic`` is the slug of a concept of zid:scheme/topics (an indicator's dz:topic).
    Figures whose period the source does not state go into a data set of their own,
    whose structure has no period dimension; so do planned figures (targets), so that a
    target never shares a dimension key with the outcome for the same period.

    >>> dataset_iri("trade"), dataset_iri("trade", period_stated=False)
    ('https://w3id.org/zonegraph/id/dataset/trade', 'https://w3id.org/zonegraph/id/dataset/trade/period-not-stated')
    >>> dataset_iri("trade", planned=True)
    'https://w3id.org/zonegraph/id/dataset/trade/planned'
    """
    iri = f"{ID}dataset/{slugify(topic)}"
    if planned:
        if not period_stated:
            raise ValueError("a planned figure (a target) needs the period it is set for")
        return iri + "/planned"
    return iri if period_stated else iri + "/period-not-stated"


def mention_iri(source_id: str, start: int, end: int, entity: str) -> str:
    """IRI of the oa:Annotation saying that a text span names an entity.

    >>> mention_iri("s", 0, 7, "https://w3id.org/zonegraph/id/region/510100")
    'https://w3id.org/zonegraph/id/mention/s/0-7/a78effdc5dba'
    """
    return f"{ID}mention/{slugify(source_id)}/{start}-{end}/{digest(entity)}"
