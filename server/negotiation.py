"""Content negotiation: pick the best media type an ``Accept`` header allows, by q-value.

>>> best("text/csv;q=0.5, application/sparql-results+json", SOLUTION_TYPES)
'application/sparql-results+json'
>>> best("text/html", SOLUTION_TYPES) is None
True
>>> best(None, RDF_TYPES)
'text/turtle'
"""

from __future__ import annotations

import functools

from kg.store import RDF_FORMATS, RESULT_FORMATS

# Offered media types, in order of preference when the client likes several equally.
SOLUTION_TYPES = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
]
RDF_TYPES = [
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
]
# Media types by the short names of kg.store, and the names browsers may pass as ?format=.
FORMAT_OF_TYPE = {v: k for k, v in {**RESULT_FORMATS, **RDF_FORMATS}.items()}
_ALIASES = {
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
# Older or looser names clients send for the types we offer.
_SYNONYMS = {
    "application/json": ["application/sparql-results+json", "application/ld+json"],
    "application/xml": ["application/sparql-results+xml", "application/rdf+xml"],
    "text/xml": ["application/sparql-results+xml", "application/rdf+xml"],
    "text/plain": ["application/n-triples"],
    "application/x-turtle": ["text/turtle"],
    "application/turtle": ["text/turtle"],
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values (no header means ``*/*``).

    >>> parse_accept("text/turtle;q=0.8, */*;q=0.1")
    [('text/turtle', 0.8), ('*/*', 0.1)]
    """
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = part.split(";")
        media = fields[0].strip().lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    # The most specific matching range decides (RFC 9110 section 12.5.1).
    best_specificity, quality = -1, 0.0
    major = media.split("/")[0]
    for rng, q in ranges:
        if rng == media or media in _SYNONYMS.get(rng, ()):
            specificity = 3 if rng == media else 2
        elif rng == f"{major}/*":
            specificity = 1
        elif rng in ("*/*", "*"):
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, quality = specificity, q
    return quality


def best(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers, or None when it accepts none of them."""
    return _best(accept, tuple(offered))


@functools.lru_cache(maxsize=256)  # clients send few distinct Accept headers; this is per request
def _best(accept: str | None, offered: tuple[str, ...]) -> str | None:
    ranges = parse_accept(accept)
    scored = [(_quality(media, ranges), -i, media) for i, media in enumerate(offered)]
    q, _, media = max(scored)
    return media if q > 0 else None


def description_type(accept: str | None, format_value: str | None = None) -> str | None:
    """How to answer for a description of the server (service description, catalogue, VoID).

    An RDF type named by ``?format=`` wins; else ``text/html`` for a client that
    prefers it to every RDF type (a browser), else the best RDF type (Turtle for
    ``*/*`` or no ``Accept``, as RDF clients expect); None when nothing fits.

    >>> description_type("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    'text/html'
    >>> description_type("*/*"), description_type(None), description_type("text/html", "nt")
    ('text/turtle', 'text/turtle', 'application/n-triples')
    >>> description_type("text/csv") is None
    True
    """
    named = from_format_param(format_value) if format_value else None
    if named in RDF_TYPES:
        return named
    return best(accept, [*RDF_TYPES, "text/html"])


def from_format_param(value: str) -> str | None:
    """The media type a ``format=`` parameter names (a short name or a media type).

    >>> from_format_param("csv")
    'text/csv'
    >>> from_format_param("application/sparql-results+json")
    'application/sparql-results+json'
    """
    value = value.strip().lower()
    if value in _ALIASES:
        return _ALIASES[value]
    if value in FORMAT_OF_TYPE:
        return value
    return None
