"""The last gate of the text loader: a fact the shapes would refuse is left out, with why.

One unpassable figure must never cost the whole document (ingest refuses a source whole
when its graph fails the shapes). The checks are read from the shapes themselves, so a
period form or unit the shapes come to accept is admitted with no change here.

>>> from kg.model import Fact
>>> ok = Fact(area="x", indicator="exports", value="1", unit="CNY", period="2021")
>>> reason_refused(ok) is None
True
>>> reason_refused(Fact(area="x", indicator="exports", value="1", unit="EUR"))[:44]
"unit EUR is not one of the shapes' units (CN"
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import RDF, Namespace, URIRef

from kg import iris
from kg.model import QUALIFIERS, UNITS, Fact
from kg.reference import shapes_graph
from loaders.text.facts import ExtractedFact, Unattached

__all__ = ["admit", "reason_refused"]

SH = Namespace("http://www.w3.org/ns/shacl#")
_SDMX_DIMENSION = iris.PREFIXES["sdmx-dimension"]
_PERIOD_PATHS = {
    "period": URIRef(_SDMX_DIMENSION + "refPeriod"),
    "base_period": URIRef(iris.DZ + "basePeriod"),
}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    # The sh:pattern of each period property of the observation shape; none: no check.
    g = shapes_graph()
    out = {}
    for name, path in _PERIOD_PATHS.items():
        for prop in g.subjects(SH.path, path):
            pattern = g.value(prop, SH.pattern)
            if pattern is not None:
                out[name] = re.compile(str(pattern))
    return out


@lru_cache(maxsize=1)
def _qualifiers() -> frozenset[str]:
    g = shapes_graph()
    path = URIRef(iris.DZ + "qualifier")
    allowed: set[str] = set()
    for prop in g.subjects(SH.path, path):
        head = g.value(prop, SH["in"])
        while head is not None and head != RDF.nil:
            allowed.add(str(g.value(head, RDF.first)))
            head = g.value(head, RDF.rest)
    return frozenset(allowed) or frozenset(QUALIFIERS)


def _period_refused(name: str, period: str | None) -> str | None:
    if not period:
        return None  # not stated: no refPeriod (kg.model's period-not-stated data set)
    try:
        iri = iris.period_iri(period or "")
    except ValueError:
        return f"{name.replace('_', ' ')} {period!r} is not a period form the model knows"
    pattern = _patterns().get(name)
    if pattern is not None and not pattern.search(iri):
        return f"{name.replace('_', ' ')} {period} ({iri}) is not a period form the shapes accept"
    return None


def _whole(v: Decimal) -> bool:
    return v == v.to_integral_value()


# The plausibility checks of the shapes (SHACL-SPARQL, so not readable as data here):
# (statistic or None for any, unit or None for any, test of the value, why it is refused).
_VALUE_RULES = (
    (
        "rank",
        None,
        lambda v, f: v >= 1 and _whole(v) and f.unit == "RANK",
        "a rank is a whole number >= 1 in unit RANK",
    ),
    (
        "rank",
        None,
        lambda v, f: f.population is None or v <= f.population,
        "a rank cannot be larger than the number ranked",
    ),
    ("count", None, lambda v, f: v >= 0 and _whole(v), "a count is a whole number >= 0"),
    ("yoy_change", None, lambda v, f: f.unit == "PERCENT", "a year-on-year change is in percent"),
    ("yoy_change", "PERCENT", lambda v, f: v >= -100, "a decrease cannot exceed 100 %"),
    ("change_vs_period", "PERCENT", lambda v, f: v >= -100, "a decrease cannot exceed 100 %"),
    ("share", "PERCENT", lambda v, f: 0 <= v <= 100, "a share in percent lies in 0..100"),
    (
        None,
        "YEAR",
        lambda v, f: 1000 <= v <= 2999 and _whole(v),
        "a value in unit YEAR is a calendar year",
    ),
    (
        "change_vs_period",
        None,
        lambda v, f: bool(f.base_period),
        "a change against a base period needs its base period",
    ),
)


def reason_refused(fact: Fact) -> str | None:
    """Why the shapes would refuse this fact's observation, or None when they would not."""
    if fact.unit not in UNITS:
        return f"unit {fact.unit} is not one of the shapes' units ({', '.join(UNITS)})"
    for name in _PERIOD_PATHS:
        reason = _period_refused(name, getattr(fact, name))
        if reason:
            return reason
    if fact.qualifier and fact.qualifier not in _qualifiers():
        return f"qualifier {fact.qualifier!r} is not one the shapes accept"
    if fact.population is not None and fact.population < 1:
        return f"a rank among {fact.population} is not a population the shapes accept"
    try:
        value = Decimal(fact.value)
    except InvalidOperation:
        return f"value {fact.value!r} is not a decimal number"
    for statistic, unit, test, why in _VALUE_RULES:
        applies = statistic in (None, fact.statistic) and unit in (None, fact.unit)
        if applies and not test(value, fact):
            return f"{why} ({fact.statistic} {fact.value} {fact.unit})"
    return None


def admit(
    facts: list[ExtractedFact], unattached: list[Unattached], source_id: str
) -> list[ExtractedFact]:
    """The facts the shapes accept; each one left out is added to ``unattached`` with why.

    A change whose level was left out goes too: its dz:changeOf would point at nothing.
    """
    reasons = {id(found): reason_refused(found.fact) for found in facts}
    gone = {
        iris.observation_iri(source_id, *found.fact.key()) for found in facts if reasons[id(found)]
    }
    kept: list[ExtractedFact] = []
    for found in facts:
        f = found.fact
        reason = reasons[id(found)]
        if reason is None and f.change_of in gone:
            reason = "the level this change qualifies was left out"
        if reason is None:
            kept.append(found)
        elif f.span is not None:
            span = f.span
            unattached.append(Unattached(span.start, span.end, span.exact, f"left out: {reason}"))
    return kept if len(kept) < len(facts) else facts
