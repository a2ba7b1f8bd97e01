"""What a zone's rank is by and among: the criterion and the peer group of the ranking.

Two readings of the genre, applied after the facts are read (docs/model.md, "Ranks"):

- **Criterion in the same sentence.** "the comprehensive bonded area was ranked number one
  in China for three years, with imports and exports of RMB549.17 billion": a rank that names
  no criterion of its own, followed in its sentence by "with <figure>" of the same subject,
  is a rank by that figure's indicator (here total imports and exports).
- **Peer group.** A zone ranked "in China" (or in a province or region) is ranked among the
  zones of its kind there, not among everything in the country: the rank's scope becomes
  that group ("national comprehensive bonded zones in China", a dz:ZoneGroup with a label,
  its zone kind, level and region). Ranks of provinces and other places keep their place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rdflib import URIRef
from rdflib.namespace import RDFS

from kg import iris
from kg.reference import reference_graph
from loaders.text.document import Document
from loaders.text.entities import _GROUP_KINDS, Entity, gazetteer, group_label
from loaders.text.facts import ExtractedFact
from loaders.text.relations import reference_subjects

__all__ = ["rank_criteria"]

UNNAMED = "overall ranking"  # the indicator of a rank whose criterion the text does not name
_WITH_RE = re.compile(r"^[^;.]*?,?\s*\bwith\b", re.I)
# Zone class -> its zone-kind concept (the kinds that documents rank zones within).
_KINDS = {
    "ComprehensiveBondedZone": "comprehensive-bonded-zone",
    "HighTechZone": "high-tech-zone",
    "EconomicTechnologicalDevelopmentZone": "economic-and-technological-development-zone",
}
_KIND_LABELS = {slug: label for _, label, slug in _GROUP_KINDS}
_ZONE_LEVEL = URIRef(iris.DZ + "zoneLevel")
_PLACES = (iris.ID + "region/", iris.ID + "country/")


def _criterion(rank: ExtractedFact, facts: list[ExtractedFact], doc: Document) -> str | None:
    # The indicator of a level of the same subject that "with ..." adds after the rank.
    span = rank.fact.span
    sentence = next((s for s in doc.sentences if s.start <= span.start < s.end), None)
    if sentence is None:
        return None
    for other in facts:
        o = other.fact
        if (
            o.statistic == "level"
            and o.area == rank.fact.area
            and o.span is not None
            and span.end <= o.span.start < sentence.end
            and _WITH_RE.match(doc.text[span.end : o.span.start])
        ):
            return o.indicator
    return None


def _label(iri: str, entities: dict[str, Entity]) -> str:
    if iri in entities:
        return entities[iri].label
    labels = reference_graph().objects(URIRef(iri), RDFS.label)
    return next((str(x) for x in labels if getattr(x, "language", None) == "en"), "")


def _peer_group(zone: Entity, place: str, entities: dict[str, Entity]) -> str | None:
    kind = _KINDS.get(zone.cls)
    place_label = _label(place, entities)
    if kind is None or not place_label:
        return None
    level = reference_graph().value(URIRef(zone.iri), _ZONE_LEVEL)
    level_name = str(level).rsplit("/", 1)[-1] if level is not None else None
    china = place == iris.country_iri("CN")
    label = group_label(_KIND_LABELS[kind], level_name, place_label, china)
    hit = gazetteer().lookup(label)  # a group the reference data has, under any of its names
    iri = hit[0] if hit and hit[1] == "ZoneGroup" else iris.group_iri(label)
    if iri not in entities and iri not in reference_subjects():
        group = Entity(iri, "group", "ZoneGroup", label)
        group.relations |= {
            ("locatedIn", place),
            ("groupZoneKind", iris.mint("zone-kind", kind)),
        }
        if level_name:
            group.relations.add(("groupLevel", iris.mint("level", level_name)))
        entities[iri] = group
    return iri


def rank_criteria(
    facts: list[ExtractedFact], entities: dict[str, Entity], doc: Document, source_id: str
) -> tuple[list[ExtractedFact], dict[str, str]]:
    """Ranks with their criterion and peer group; also the observation IRIs that changed.

    New groups of zones that ranks are among are added to ``entities``.
    """
    out: list[ExtractedFact] = []
    renamed: dict[str, str] = {}
    for found in facts:
        f = found.fact
        if f.statistic != "rank" or f.span is None:
            out.append(found)
            continue
        fact, notes = f, []
        if f.indicator == UNNAMED and (criterion := _criterion(found, facts, doc)):
            fact = replace(fact, indicator=criterion)
            notes.append(f'ranked by "{criterion}" (the figure "with" it in the sentence)')
        zone = entities.get(f.area)
        if zone is not None and zone.kind == "zone" and (f.scope or "").startswith(_PLACES):
            group = _peer_group(zone, f.scope, entities)
            if group is not None:
                fact = replace(fact, scope=group)
                notes.append(f"among the {entities[group].label if group in entities else group}")
        if fact is f:
            out.append(found)
            continue
        renamed[iris.observation_iri(source_id, *f.key())] = iris.observation_iri(
            source_id, *fact.key()
        )
        out.append(
            ExtractedFact(fact, f"{found.why}; {'; '.join(notes)}", found.subject_label, found.rule)
        )
    return out, renamed
