"""Runs the text loader's steps on one document and gathers what they found.

>>> ex = extract_document(parse_text("Chengdu High-Tech Zone has 3 international "
...                                  "cooperation parks."), "demo")
>>> [(f.fact.indicator, f.fact.value, f.fact.unit) for f in ex.facts]
[('number of international cooperation parks', '3', 'NUM')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg import iris
from kg.model import YEAR_PROPERTIES
from loaders.text.admissible import admit
from loaders.text.attribution import attribute
from loaders.text.criteria import rank_criteria
from loaders.text.document import Document, parse_text
from loaders.text.entities import Entity, Mention, find_mentions
from loaders.text.facts import ExtractedFact, Unattached, find_facts
from loaders.text.indicators import why_left_out
from loaders.text.indices import link_indices, restate_index_figures
from loaders.text.quantities import find_quantities
from loaders.text.relations import build_entities

__all__ = ["Extraction", "extract_document", "parse_text"]

_YEAR_MONTH_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


@dataclass
class Extraction:
    """What the loader read in one document: ``facts`` holds every figure read, ``curated``
    those that go in the graph (their indicator is in the code list)."""

    source_id: str
    document: Document
    mentions: list[Mention]
    facts: list[ExtractedFact]
    unattached: list[Unattached]
    entities: dict[str, Entity] = field(default_factory=dict)
    unmapped: list[tuple[ExtractedFact, str]] = field(default_factory=list)
    """Facts left out of the graph, each with why: their indicator is not in the code list."""

    @property
    def zone_years(self) -> list[tuple[str, str, str, str | None]]:
        """(zone IRI, dz: property, year, month) of the calendar years read (founded,
        construction began, approved): properties of the zone, never observations; the
        first one read of each zone and property. ``month`` is the ``YYYY-MM`` the text
        names with the year ("approved in May 1992": ``1992-05``), None when it names none."""
        out: dict[tuple[str, str], tuple[str, str | None]] = {}
        for f in self.facts:
            prop = YEAR_PROPERTIES.get(f.fact.indicator)
            if prop and (f.fact.area, prop) not in out:
                year = f.fact.value[:4]
                period = f.fact.period or ""
                month = period if _YEAR_MONTH_RE.fullmatch(period) and period[:4] == year else None
                out[(f.fact.area, prop)] = (year, month)
        return [(area, prop, year, month) for (area, prop), (year, month) in out.items()]

    @property
    def curated(self) -> list[ExtractedFact]:
        """The facts that go in the graph as observations: those whose indicator is in the
        code list, calendar years (``zone_years``) aside.

        A change of a figure that is left out loses its dz:changeOf link.
        """
        years = [f for f in self.facts if f.fact.indicator in YEAR_PROPERTIES]
        if not self.unmapped and not years:
            return self.facts
        left_out = {id(f) for f, _ in self.unmapped} | {id(f) for f in years}
        gone = {
            iris.observation_iri(self.source_id, *f.fact.key())
            for f in [*(f for f, _ in self.unmapped), *years]
        }
        return [
            ExtractedFact(replace(f.fact, change_of=None), f.why, f.subject_label)
            if f.fact.change_of in gone
            else f
            for f in self.facts
            if id(f) not in left_out
        ]


def _left_out(facts: list[ExtractedFact]) -> list[tuple[ExtractedFact, str]]:
    # Indicators live only in the ontology (ontology/schemes.ttl): a figure of anything else
    # is left out of the graph, never given a concept of its own.
    return [(f, why) for f in facts if (why := why_left_out(f.fact))]


def _one_value_per_figure(
    facts: list[ExtractedFact], unattached: list[Unattached], source_id: str
) -> list[ExtractedFact]:
    # Data Cube IC-12: one value per area, period, indicator, statistic, scope and unit. When the
    # text gives two ("exceeded 100 billion yuan ..., reaching 101.3 billion yuan"), the
    # exact figure wins over a qualified one, else the first; the other is reported.
    kept: dict[tuple, ExtractedFact] = {}
    for found in facts:
        f = found.fact
        key = (f.area, f.period, f.indicator, f.statistic, f.scope or "", f.unit)
        other = kept.get(key)
        if other is None:
            kept[key] = found
            continue
        if other.fact.value == f.value:
            continue
        winner, loser = (
            (found, other) if other.fact.qualifier and not f.qualifier else (other, found)
        )
        kept[key] = winner
        span = loser.fact.span
        if span is not None:
            unattached.append(
                Unattached(
                    span.start,
                    span.end,
                    span.exact,
                    f"the text gives another value for the same figure: {winner.fact.value} "
                    f"{winner.fact.unit} (kept)",
                )
            )
    # Identity, not equality: comparing the dataclasses field by field is quadratic work.
    winners = {id(f) for f in kept.values()}
    survivors = [f for f in facts if id(f) in winners]
    if len(survivors) == len(facts):
        return facts
    renamed = {}
    # Two equal facts have the same key: a loser is compared field by field only with the
    # survivors of its key, and only when it is not one of them by identity.
    same_key: dict[tuple, list[ExtractedFact]] = {}
    for found in survivors:
        f = found.fact
        key = (f.area, f.period, f.indicator, f.statistic, f.scope or "", f.unit)
        same_key.setdefault(key, []).append(found)
    for found in facts:
        f = found.fact
        key = (f.area, f.period, f.indicator, f.statistic, f.scope or "", f.unit)
        if id(found) not in winners and found not in same_key.get(key, ()):
            renamed[iris.observation_iri(source_id, *f.key())] = iris.observation_iri(
                source_id, *kept[key].fact.key()
            )
    return _relinked(survivors, renamed)


def _relinked(facts: list[ExtractedFact], renamed: dict[str, str]) -> list[ExtractedFact]:
    # A change follows the level it qualifies to its new IRI ("": the level is gone).
    return [
        ExtractedFact(
            replace(f.fact, change_of=renamed[f.fact.change_of] or None),
            f.why,
            f.subject_label,
            f.rule,
        )
        if f.fact.change_of in renamed
        else f
        for f in facts
    ]


def extract_document(doc: Document, source_id: str) -> Extraction:
    """Recognise entities, read facts and build entities with their relations."""
    body_start = doc.title_span[1] if doc.title_span else 0
    # The headline's names are what the body's "the zone" may refer to
    mentions = find_mentions(doc.text, body_start, doc.body_end, context=0)
    # "U.S." in "41.5 billion U.S. dollars" is a currency, not a place.
    quantities = find_quantities(doc.text, body_start, doc.body_end)
    money = {i for q in quantities if q.unit for i in range(q.start, q.end)}
    mentions = [m for m in mentions if money.isdisjoint(range(m.start, m.end))]
    facts, unattached = find_facts(doc, mentions, source_id, quantities)
    facts = _one_value_per_figure(facts, unattached, source_id)
    facts = admit(facts, unattached, source_id)
    entities = build_entities(doc, mentions, facts, source_id)
    link_indices(entities)
    facts, renamed = restate_index_figures(facts, entities, unattached, source_id)
    facts = _relinked(facts, renamed)
    facts, renamed = rank_criteria(facts, entities, doc, source_id)
    facts = _relinked(facts, renamed)
    facts = attribute(facts, mentions, doc)
    return Extraction(source_id, doc, mentions, facts, unattached, entities, _left_out(facts))
