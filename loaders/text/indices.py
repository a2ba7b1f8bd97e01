"""Restates a figure about an index as its zone's figure on the index's indicator.

refArea holds places, zones and groups of zones only (docs/model.md, "Indices"). The facts
reader takes "the Global Innovation Competitiveness Index showed the largest increase (73%
increase compared to 2018)" with the sub-index as its subject; here that figure becomes the
figure of the zone the index measures (``dz:indexOf`` of the index, or of the composite
index a sub-index belongs to) on the curated indicator the index is linked to
(``dz:indicatorConcept``, found through the code list's labels). A figure whose index
measures no zone the text names, or that no curated indicator stands for, is left out with
the reason, never stated about the index itself.
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef

from kg import iris
from kg.model import indicator_concept
from loaders.text.entities import Entity
from loaders.text.facts import ExtractedFact, Unattached
from loaders.text.indicators import indicator_label

__all__ = ["index_indicator", "link_indices", "restate_index_figures"]


def index_indicator(ent: Entity) -> URIRef | None:
    """The curated indicator whose label is the index's name (or one of its other names).

    >>> ent = Entity("zid:i", "index", "SubIndex", "global innovation competitiveness")
    >>> str(index_indicator(ent)).rsplit("/", 1)[-1]
    'global-innovation-competitiveness'
    """
    for name in (ent.label, *sorted(ent.alt_labels)):
        concept = indicator_concept(name)
        if concept is not None:
            return concept
    return None


def link_indices(entities: dict[str, Entity]) -> None:
    """Give every index its ``dz:indicatorConcept`` where the code list has one."""
    for ent in entities.values():
        if ent.kind == "index":
            concept = index_indicator(ent)
            if concept is not None:
                ent.relations.add(("indicatorConcept", str(concept)))


def _zone_of(ent: Entity, entities: dict[str, Entity]) -> str | None:
    # The index's own dz:indexOf, else that of the composite index listing this sub-index.
    owners = [ent] + [
        entities[parent]
        for key, parent, _ in sorted(ent.literals)
        if key == "_subIndexOf" and parent in entities
    ]
    for owner in owners:
        for prop, obj in sorted(owner.relations):
            if prop == "indexOf":
                return obj
    return None


def restate_index_figures(
    facts: list[ExtractedFact],
    entities: dict[str, Entity],
    unattached: list[Unattached],
    source_id: str,
) -> tuple[list[ExtractedFact], dict[str, str]]:
    """Facts with every figure about an index restated (or left out, into ``unattached``).

    Also returns the observation IRIs that changed (old -> new; new is "" for a figure left
    out), so that the changes that point at them can follow.
    """
    out: list[ExtractedFact] = []
    renamed: dict[str, str] = {}
    for found in facts:
        f = found.fact
        ent = entities.get(f.area)
        if ent is None or ent.kind != "index":
            out.append(found)
            continue
        old = iris.observation_iri(source_id, *f.key())
        zone, concept = _zone_of(ent, entities), index_indicator(ent)
        if zone is None or concept is None:
            renamed[old] = ""
            if f.span is not None:
                missing = (
                    "names no zone the index measures"
                    if zone is None
                    else "has no curated indicator for it in zid:scheme/indicators"
                )
                unattached.append(
                    Unattached(
                        f.span.start,
                        f.span.end,
                        f.span.exact,
                        f'a figure of the index "{ent.label}", but the text {missing}',
                    )
                )
            continue
        fact = replace(f, area=zone, indicator=indicator_label(str(concept)))
        renamed[old] = iris.observation_iri(source_id, *fact.key())
        zone_label = entities[zone].label if zone in entities else zone.rsplit("/", 1)[-1]
        why = (
            f'{found.why}; a figure of the index "{ent.label}" is the figure of the zone it '
            f'measures on the index\'s indicator "{fact.indicator}"'
        )
        out.append(ExtractedFact(fact, why, zone_label, found.rule))
    return out, renamed
