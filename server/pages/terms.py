"""How RDF terms appear on pages: local links for our IRIs, short names, readable values.

Our IRIs never depend on the host, so a page links ``https://w3id.org/zonegraph/id/x``
to ``/id/x`` on whichever host serves it; every other IRI is a link out.

>>> local_href("https://w3id.org/zonegraph/id/zone/chengdu")
'/id/zone/chengdu'
>>> local_href("https://w3id.org/zonegraph/ontology#HighTechZone")
'/ontology#HighTechZone'
>>> local_href("http://www.wikidata.org/entity/Q30002") is None
True
>>> curie("http://www.w3.org/2000/01/rdf-schema#label")
'rdfs:label'
>>> period_label("http://reference.data.gov.uk/id/year/2021")
'2021'
>>> number_text("961220000000")
'961,220,000,000'
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from kg import iris

# Longest namespace first, so "sdmx-dimension:" wins over a shorter prefix of it.
_BY_LENGTH = sorted(iris.PREFIXES.items(), key=lambda kv: -len(kv[1]))
_PERIOD_BASE = "http://reference.data.gov.uk/id/"
_SOURCE_PREFIX = iris.ID + "source/"
# The schemes a page links to; a stored javascript: or data: IRI must never be clickable.
_LINKABLE = ("http://", "https://", "mailto:")
# Hosts of external identifiers, for naming a link out by what it points at.
_EXTERNAL_NAMES = {
    "www.wikidata.org": "Wikidata",
    "wikidata.org": "Wikidata",
    "sws.geonames.org": "GeoNames",
    "www.geonames.org": "GeoNames",
    "dbpedia.org": "DBpedia",
}


def local_href(iri: str) -> str | None:
    """The path on this server that answers for ``iri``, or None when it is not ours."""
    if iri.startswith(iris.ID):
        return "/id/" + iri[len(iris.ID) :]
    if iri == iris.ONTOLOGY or iri.startswith(iris.DZ):
        fragment = iri[len(iris.DZ) :] if iri.startswith(iris.DZ) else ""
        return "/ontology" + (f"#{fragment}" if fragment else "")
    return None


def iri_of_path(path: str) -> str:
    """The IRI that ``/id/<path>`` stands for.

    >>> iri_of_path("zone/chengdu")
    'https://w3id.org/zonegraph/id/zone/chengdu'
    """
    return iris.ID + path


def href(iri: str) -> str:
    """Where a link to ``iri`` goes: the local page for ours, the IRI itself otherwise.

    Only http(s) and mailto IRIs become links; any other (``javascript:``, ``data:``)
    gives "", and the page shows it as text.

    >>> href("javascript:alert(1)"), href("JavaScript:x"), href("mailto:a@b.org")
    ('', '', 'mailto:a@b.org')
    """
    return local_href(iri) or (iri if iri.lower().startswith(_LINKABLE) else "")


def curie(iri: str) -> str:
    """A prefixed name for ``iri`` when a known prefix fits, else the IRI."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def external_name(iri: str) -> str | None:
    """ "Wikidata", "GeoNames" ... for an identifier IRI of a well-known site.

    >>> external_name("https://sws.geonames.org/1815286/")
    'GeoNames'
    """
    host = iri.split("://", 1)[-1].split("/", 1)[0].lower()
    return _EXTERNAL_NAMES.get(host)


def period_label(iri: str) -> str:
    """A reference period IRI as people write it: 2021, 2022-03, "period not stated"."""
    if iri == iris.PERIOD_UNSTATED:
        return "period not stated"
    if iri.startswith(_PERIOD_BASE):
        return iri.rsplit("/", 1)[-1]
    return curie(iri)


def source_slug(iri: str) -> str | None:
    """The id of a source document IRI, as used in ``/source/<id>``.

    >>> source_slug("https://w3id.org/zonegraph/id/source/sichuan-2021")
    'sichuan-2021'
    """
    return iri[len(_SOURCE_PREFIX) :] if iri.startswith(_SOURCE_PREFIX) else None


def number_text(lexical: str) -> str:
    """A decimal with thousands separators and no trailing zeros; other text unchanged."""
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return lexical
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_text(lexical: str) -> str:
    """An xsd:gYearMonth as people write it (a zone's approval month); other text unchanged.

    >>> month_text("1992-05"), month_text("2008-13"), month_text("spring")
    ('May 1992', '2008-13', 'spring')
    """
    year, _, month = lexical.strip().partition("-")
    if len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return f"{_MONTH_NAMES[int(month) - 1]} {year}"
    return lexical


def timestamp_text(lexical: str) -> str:
    """An xsd:dateTime as every page writes it: ISO 8601 in UTC, to the second.

    >>> timestamp_text("2026-11-22T16:19:12.5+08:00"), timestamp_text("2026-11-22T08:19:12Z")
    ('2026-11-22T08:19:12Z', '2026-11-22T08:19:12Z')
    >>> timestamp_text("2026-11-22T08:19:12"), timestamp_text("last week")
    ('2026-11-22T08:19:12', 'last week')
    """
    try:
        moment = datetime.fromisoformat(lexical.strip())
    except ValueError:
        return lexical
    if moment.tzinfo is None:  # no zone stated: the time as written, not claimed to be UTC
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def unit_text(notation: str) -> str:
    """How a unit notation reads after a number.

    >>> unit_text("PERCENT"), unit_text("CNY"), unit_text("TIMES")
    ('%', 'CNY', 'times')
    """
    return {
        "PERCENT": "%",
        "TIMES": "times",
        "NUM": "",
        "RANK": "(rank)",
        "POINTS": "points",
        "YR": "years",
        "YEAR": "",
        "T": "t",
        "KM2": "km²",
        "HA": "ha",
        "M2": "m²",
        "MU": "mu",
        "KM": "km",
        "TEU": "TEU",
    }.get(notation, notation)
