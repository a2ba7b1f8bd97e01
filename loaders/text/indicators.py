"""Names what a figure measures: the English prefLabel of the curated indicator a phrase maps to.

Phrases map through the labels of zid:scheme/indicators (ontology/schemes.ttl: prefLabel,
altLabel, hiddenLabel) once the words that are not part of an indicator are dropped (a
period or a verb after it, "its"/"their" before it). A figure whose phrase maps to no concept, or to
a concept not measured in the figure's unit, is left out of the graph and listed by
``zonegraph extract FILE --explain``; the loader never makes up a concept.

>>> indicator_label("total export-import volume")
'total imports and exports'
>>> indicator_label("total import and export volume in the third quarter")
'total imports and exports'
>>> indicator_label("number of widgets shipped")
'number of widgets shipped'
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from kg import iris
from kg.model import Fact, indicator_concept
from kg.reference import indicator_key, indicator_labels, ontology_graph

_ALLOWED_UNIT = Namespace(iris.DZ).allowedUnit
_PERIOD_AFTER = re.compile(
    r"\s+(?:last year|this year|in \d{4}|in the (?:first|second|third|fourth) (?:quarter|half)"
    r"|went|rose|grew|fell)$",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:its|their)\s+", re.I)


_GLOSS = re.compile(r"\s*\([^()]*\)")  # "PCT (Patent Cooperation Treaty) applications"


def _core(phrase: str) -> str:
    phrase = _GLOSS.sub("", " ".join(phrase.split()))
    return _PRONOUN.sub("", _PERIOD_AFTER.sub("", phrase))


# Words that qualify a figure without changing what is measured ("total revenues for all
# businesses" is the revenue), and the genre's synonyms of one head noun. Both sides of a
# comparison go through the same canonical form, so labels and phrases meet half way.
_NEUTRAL = re.compile(
    r"\b(?:the|total|overall|whole|all|combined|aggregate|annual|zone|area|park|district)\b"
    r"|\b(?:for|of|from|by|in) (?:all )?(?:the )?(?:businesses|enterprises|companies|firms)\b"
    r"|\b(?:for|of|in) the (?:zone|area|park|district|city|province)\b"
)
_SYNONYMS = {
    "business": "enterprise",
    "company": "enterprise",
    "firm": "enterprise",
    "corporation": "enterprise",
    "income": "revenue",
    "revenues": "revenue",
    "funded": "invested",
    "import-export": "imports and exports",
    "export-import": "imports and exports",
}
_KEEP_S = ("gross", "ss", "us", "is", "sales", "series", "news", "goods", "process")


def _singular(word: str) -> str:
    if word.endswith(_KEEP_S) or len(word) < 4 or not word.endswith("s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def canonical(phrase: str) -> str:
    """The canonical form of an indicator phrase: neutral qualifiers dropped, nouns singular.

    >>> canonical("Total revenues for all businesses")
    'revenue'
    >>> canonical("number of new businesses") == canonical("number of new enterprises")
    True
    >>> canonical("exports of high-tech products")
    'export of high-tech product'
    """
    s = _NEUTRAL.sub(" ", indicator_key(phrase))
    words = [_SYNONYMS.get(w, w) for w in s.split()]
    return " ".join(_SYNONYMS.get(_singular(w), _singular(w)) for w in words)


@lru_cache(maxsize=1)
def _canonical_labels() -> dict[str, URIRef]:
    # One canonical form per concept; a form two concepts share names neither.
    found: dict[str, set[URIRef]] = {}
    for key, concept in indicator_labels().items():
        found.setdefault(canonical(key), set()).add(concept)
    return {form: next(iter(c)) for form, c in found.items() if len(c) == 1 and form}


def _concept(phrase: str) -> URIRef | None:
    core = _core(phrase)
    return (
        indicator_concept(phrase)
        or indicator_concept(core)
        or _canonical_labels().get(canonical(core))
    )


@lru_cache(maxsize=256)
def _pref_label(concept: URIRef) -> str:
    labels = ontology_graph().objects(concept, SKOS.prefLabel)
    return next(str(x) for x in labels if isinstance(x, Literal) and x.language == "en")


@lru_cache(maxsize=256)
def _units(concept: URIRef) -> frozenset[str]:
    units = ontology_graph().objects(concept, _ALLOWED_UNIT)
    return frozenset(str(u).rsplit("/", 1)[-1] for u in units)


def indicator_label(phrase: str) -> str:
    """The scheme's English prefLabel when the phrase is one of its labels, else the phrase."""
    concept = _concept(phrase)
    return " ".join(phrase.split()) if concept is None else _pref_label(concept)


def why_left_out(fact: Fact) -> str | None:
    """Why a figure cannot go in the graph as the indicator it names, or None when it can.

    >>> why_left_out(Fact(area="a", indicator="planned area", value="5", unit="CNY"))
    'indicator zid:indicator/planned-area is measured in KM2, not CNY'
    """
    concept = _concept(fact.indicator)
    if concept is None:
        return f"unmapped indicator {fact.indicator!r}: no concept of zid:scheme/indicators has it"
    units = _units(concept)
    if fact.statistic in ("level", "count") and units and fact.unit not in units:
        curie = "zid:" + str(concept)[len(iris.ID) :]
        return f"indicator {curie} is measured in {', '.join(sorted(units))}, not {fact.unit}"
    return None
