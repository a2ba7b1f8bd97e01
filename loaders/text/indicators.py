"""Names what a figure measures: the English prefLabel of the curated indicator a phrase maps to.

Phrases map through the labels of zid:scheme/indicators (ontology/schemes.ttl: prefLabel,
altLabel, hiddenLabel) as they stand, then in a canonical form, then once the words that say
where, when or how a figure was stated are dropped (a period, the subject again, a verb the
phrase picked up, "rank by", a possessive whose owner is the subject); words that change what
is measured (an industry, "other", "such", a part) are never dropped (docs/ontology.md, "How a
phrase is matched"). A figure whose phrase maps to no concept, or to a concept not measured in
the figure's unit, is left out of the graph and listed by ``zonegraph extract FILE --explain``;
the loader never makes up a concept.

>>> indicator_label("total export-import volume")
'total imports and exports'
>>> indicator_label("total import and export volume in the third quarter")
'total imports and exports'
>>> indicator_label("total output value’s electronic industry")
'output value of the electronic information industry'
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
    r"\s+(?:last year|this year|that year|in \d{4}"
    r"|in the (?:first|second|third|fourth) (?:quarter|half)"
    r"|(?:over|in|during) the (?:past|last|previous) (?:year|\w+ years|\w+ months)"
    r"|went|rose|grew|fell)$",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:its|their)\s+", re.I)


_GLOSS = re.compile(r"\s*\([^()]*\)")  # "PCT (Patent Cooperation Treaty) applications"


def _core(phrase: str) -> str:
    phrase = _GLOSS.sub("", " ".join(phrase.split()))
    return _PRONOUN.sub("", _PERIOD_AFTER.sub("", phrase))


# Fallback rewrites of a phrase that names no concept as it stands, tried in order after the
# phrase itself. Each drops words that say where, when or how a figure was stated, never what
# is measured: qualifiers that do (an industry, a kind of firm, "such", "other", "each", a
# partner) stay, so such a phrase still maps to nothing and is left out with its reason.
_PERIOD_BEFORE = re.compile(
    r"^(?:(?:in|during|for) )?(?:the )?(?:(?:previous|last|past|this) year|same period)"
    r"\s+(?:the\s+)?"
    r"|^(?:in|by) \d{4},?\s+(?:the\s+)?",
    re.I,
)
# "Total foreign trade volume in this northernmost free trade zone": the subject again. A
# place named by its name ("GDP for the whole of Changsha") is not dropped: the figure may be
# that place's, not the subject's.
_PLACE_AFTER = re.compile(
    r"\s+(?:in|of|at|for|across|within) (?:this|these|that|those|the whole of|the)\b[^,]*?"
    r"\b(?:zones?|areas?|parks?|districts?|cit(?:y|ies)|provinces?|regions?|country)$",
    re.I,
)
# "used an actual foreign investment", "reached revenue": a verb the phrase picked up before
# its noun ("registered" and "attracted" stay: they are part of indicators).
_VERB_BEFORE = re.compile(
    r"^(?:used|utili[sz]ed|received|achieved|reali[sz]ed|recorded|posted|generated|reached|saw"
    r"|witnessed|had)\s+(?:an?\s+|the\s+)?",
    re.I,
)
# "development covers an area", "Spanning a planned area": the thing covered is an area.
_AREA_VERB = re.compile(
    r"^(?:.*\s)?(?:covers?|covering|covered|spans?|spanning|spanned|occup(?:y|ies|ying|ied)"
    r"|has|having)\s+(?:an?|the)\s+(?P<rest>(?:[\w-]+\s+){0,1}area)$",
    re.I,
)
# "rank by export volume": a rank's criterion is the indicator.
_RANK_BY = re.compile(r"^(?:the )?rank(?:s|ed|ing)?\s+(?:by|in|of|for|on)\s+", re.I)
# "total output value of Liangjiang New Area's electronic industry" reaches here with the
# zone taken out: "total output value's electronic industry" is the output value of that industry.
_POSSESSIVE = re.compile(r"^(?P<head>.+?)['\u2019]s\s+(?P<tail>.+)$")
_NAME = re.compile(r"(?:[A-Z0-9][\w&.-]*)(?:\s+[A-Z0-9][\w&.-]*)*")


def _variants(phrase: str) -> list[str]:
    core = _core(phrase)
    forms = [phrase, core]
    s = _PLACE_AFTER.sub("", _PERIOD_BEFORE.sub("", core))
    forms.append(s)
    if m := _AREA_VERB.match(s):
        forms.append(m.group("rest"))
    forms.append(_RANK_BY.sub("", s))
    forms.append(_VERB_BEFORE.sub("", s))
    if m := _POSSESSIVE.match(s):
        head, tail = m.group("head"), m.group("tail")
        forms.append(f"{head} of the {tail}")
        if _NAME.fullmatch(head):  # "CND's high-tech investment", not "share of China's GDP"
            forms.append(tail)
    seen: list[str] = []
    for form in forms:
        form = " ".join(form.split())
        if form and form not in seen:
            seen.append(form)
    return seen


# Words that qualify a figure without changing what is measured ("total revenues for all
# businesses" is the revenue; "accumulated" and "cumulative" say how the period is counted,
# which the period carries), and the genre's synonyms of one head noun. Both sides of a
# comparison go through the same canonical form, so labels and phrases meet half way.
_NEUTRAL = re.compile(
    r"\b(?:the|total|overall|whole|all|combined|aggregate|annual|zone|area|park|district"
    r"|accumulated|cumulative|current)\b"
    r"|\b(?:for|of|from|by|in) (?:all )?(?:the )?(?:businesses|enterprises|companies|firms)\b"
    r"|\b(?:for|of|in) the (?:zone|area|park|district|city|province)\b"
)
# "above-scale industrial enterprises", "regulated industrial output value", "scale
# companies" (规模以上, machine-translated) are the "... above designated size" of the labels.
_ABOVE_SIZE = re.compile(
    r"\babove (?:the |a )?designated (?:size|scale)\b|\babove-designated-size\b"
)
_SIZE_BEFORE = re.compile(
    r"(?<![\w-])(?:above-scale|above scale|above designated size|regulated|scale)\s+"
    r"(?P<what>(?:industrial )?(?:enterprises?|firms?|compan(?:y|ies)|business(?:es)?"
    r"|industr(?:y|ies))|industrial output value|industrial output|industrial added value)\b"
)
_PHRASE_SYNONYMS = (
    (re.compile(r"\bresearch and development\b"), "r&d"),
    (re.compile(r"\bvalue-added\b|\badded value\b"), "value added"),
    (re.compile(r"\bnewly[- ](?:added|established|founded|set up|incorporated)\b"), "new"),
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
    >>> canonical("profits of above-scale industrial enterprises")
    'profit of industrial enterprise above designated size'
    """
    s = indicator_key(phrase)
    s = _ABOVE_SIZE.sub("above designated size", s)
    s = _SIZE_BEFORE.sub(lambda m: m.group("what") + " above designated size", s)
    for rx, replacement in _PHRASE_SYNONYMS:
        s = rx.sub(replacement, s)
    s = _NEUTRAL.sub(" ", s)
    words = [_SYNONYMS.get(w, w) for w in s.split()]
    return " ".join(_SYNONYMS.get(_singular(w), _singular(w)) for w in words)


@lru_cache(maxsize=1)
def _canonical_labels() -> dict[str, URIRef]:
    # One canonical form per concept; a form two concepts share names neither.
    found: dict[str, set[URIRef]] = {}
    for key, concept in indicator_labels().items():
        found.setdefault(canonical(key), set()).add(concept)
    return {form: next(iter(c)) for form, c in found.items() if len(c) == 1 and form}


@lru_cache(maxsize=8192)
def _concept(phrase: str) -> URIRef | None:
    exact = indicator_concept(phrase)
    if exact is not None:
        return exact
    for form in _variants(phrase):
        concept = indicator_concept(form) or _canonical_labels().get(canonical(form))
        if concept is not None:
            return concept
    return None


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


def units_of(phrase: str) -> frozenset[str]:
    """The units the concept a phrase names is measured in (empty when it names none).

    >>> sorted(units_of("employed population")), sorted(units_of("GDP"))
    (['NUM'], ['CNY', 'USD'])
    """
    concept = _concept(phrase)
    return frozenset() if concept is None else _units(concept)


def why_left_out(fact: Fact) -> str | None:
    """Why a figure cannot go in the graph as the indicator it names, or None when it can.

    >>> why_left_out(Fact(area="a", indicator="planned area", value="5", unit="CNY"))
    'indicator zid:indicator/planned-area is measured in HA, KM2, M2, MU, not CNY'
    """
    concept = _concept(fact.indicator)
    if concept is None:
        return f"unmapped indicator {fact.indicator!r}: no concept of zid:scheme/indicators has it"
    curie = "zid:" + str(concept)[len(iris.ID) :]
    if indicator_concept(fact.indicator) is None:
        # The graph takes the indicator by its label (kg.model.add_indicator): a figure whose
        # rule kept the raw phrase ("rank by export volume") would make the whole document
        # fail, so it is left out instead, and the rule should pass the phrase through
        # indicator_label().
        return (
            f"indicator phrase {fact.indicator!r} reads as {curie} but the rule that found it"
            " did not give the concept's label"
        )
    units = _units(concept)
    if fact.statistic in ("level", "count") and units and fact.unit not in units:
        return f"indicator {curie} is measured in {', '.join(sorted(units))}, not {fact.unit}"
    return None
