"""Turns mentions into entities with their relations: where a zone is, which zone a park
belongs to, who created an index, what designations a zone holds, when an event was held.

Reference entities (those in ``kg.reference.reference_graph()``) keep their own triples
there; for them only surface forms the reference lacks are added, as altLabels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import URIRef

from kg import iris
from kg.reference import reference_graph
from loaders.text.document import Document
from loaders.text.entities import (
    _ZONE_SUFFIX_RE,
    REGION_CLASSES,
    Entity,
    Mention,
    gazetteer,
    is_partner_place,
)
from loaders.text.facts import ExtractedFact
from loaders.text.quantities import WORD_NUMBERS

_CREATED_RE = re.compile(
    r"\b(?:jointly\s+)?(?:created|developed|compiled|released|launched|published|built)\s+by\b",
    re.I,
)
_DESIGNATION_RES = (
    re.compile(
        r"\bthe\s+(?P<head>pilot\s+zone|demonstration\s+zone|base|model\s+zone)\s+(?:of|for)"
        r"\s+[“\"](?P<name>[^”\"]{3,80})[”\"]"
    ),
    re.compile(
        r"\bthe\s+first\s+(?P<name>national\s+[a-z -]{0,40}?(?:demonstration|pilot)\s+zone)\b"
    ),
)
_SUB_ORGANIZATION_OF = URIRef(iris.PREFIXES["org"] + "subOrganizationOf")
_ORGANIZER_RE = re.compile(r"\b(?:hosted|organi[sz]ed|held|convened|sponsored)\s+by\s+(?:the\s+)?$")


@lru_cache(maxsize=1)
def reference_subjects() -> frozenset[str]:
    """IRIs described by the reference graph."""
    return frozenset(str(s) for s in reference_graph().subjects() if isinstance(s, URIRef))


def build_entities(
    doc: Document, mentions: list[Mention], facts: list[ExtractedFact], source_id: str
) -> dict[str, Entity]:
    """Entities named in the text, keyed by IRI, with labels, altLabels and relations."""
    refs = reference_subjects()
    out: dict[str, Entity] = {}
    for m in mentions:
        ent = out.get(m.iri)
        if ent is None:
            ent = Entity(
                m.iri, m.kind, m.cls, m.label, reference=m.iri in refs, first=(m.start, m.end)
            )
            out[m.iri] = ent
        surface = _surface_label(m) if not m.anaphor else None
        if surface:
            ent.alt_labels.add(surface)
            bare = _without_country(surface) if m.kind == "group" else None
            if bare:
                ent.alt_labels.add(bare)
        _relations_of(m, ent)
    _sentence_relations(doc, mentions, out)
    for ent in out.values():
        # A spelling variant ("Hi-Tech" for "High-Tech") stays an altLabel: people search
        # for the form the text uses. Only forms that differ in case or spacing go.
        known = {_fold(ent.label)} | {_fold(x) for x in gazetteer().labels.get(ent.iri, ())}
        ent.alt_labels = {a for a in ent.alt_labels if _fold(a) not in known}
        # Drop case-only variants of one surface form, keeping the first in sort order.
        seen: set[str] = set()
        kept = set()
        for a in sorted(ent.alt_labels):
            if a.lower() not in seen:
                seen.add(a.lower())
                kept.add(a)
        ent.alt_labels = kept
    return out


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def _fallback_label(iri: str) -> str:
    from loaders.text.entities import _PARTNER_REGIONS, PROVINCES

    for name in (*PROVINCES, *_PARTNER_REGIONS):
        if iris.region_iri(name) == iri:
            return name
    return iri.rsplit("/", 1)[-1]


def _surface_label(m: Mention) -> str | None:
    """The form the text names an entity by, as an altLabel (None when it is no name)."""
    surface = " ".join(m.surface.split())
    if m.kind != "group":
        return surface if len(surface) > 2 else None
    if "the province" in surface.lower():
        return None
    if m.number is None:
        return surface
    # "China's 218 national-level economic development zones": the group's name is the
    # phrase without its count ("China's national-level economic development zones").
    words = surface.split()
    for i, word in enumerate(words):
        if word.replace(",", "").isdigit() or word.lower() in WORD_NUMBERS:
            rest = words[:i] + words[i + 1 :]
            return " ".join(rest) if len(rest) >= 2 else None
    return None


# "China's", "the country's": the possessor of a national group names no more than its kind
# does ("the country's national high-tech industrial zones" are the national high-tech
# industrial zones), so the group is also named without it. A province's ("Jiangsu's 8
# national high-tech zones") keeps it: without the province it would name China's.
_COUNTRY_POSSESSOR_RE = re.compile(
    r"^(?:China|the\s+(?:whole\s+)?(?:country|nation|PRC))['’]s\s+(?=\S+\s+\S)", re.I
)


def _without_country(surface: str) -> str | None:
    m = _COUNTRY_POSSESSOR_RE.match(surface)
    return surface[m.end() :] if m else None


def _relations_of(m: Mention, ent: Entity) -> None:
    if m.kind == "zone":
        _zone_name_relations(m, ent)
        if m.anaphor and m.region and m.region != m.iri:
            ent.relations.add(("partOfZone", m.region))
    elif m.kind == "group" and m.region:
        ent.relations.add(("locatedIn", m.region))
        if m.level:
            ent.relations.add(("groupLevel", iris.mint("level", m.level)))
        if m.zone_kind:
            ent.relations.add(("groupZoneKind", iris.mint("zone-kind", m.zone_kind)))
    elif m.kind == "index" and m.region:
        if m.cls == "SubIndex":
            # The parent index lists this sub-index.
            ent.literals.add(("_subIndexOf", m.region, ""))
        elif m.number == 1:
            ent.relations.add(("indexOf", m.region))
    elif m.kind == "org" and m.region and m.region in reference_subjects():
        # "X Research Center of the Institute of Y, China Academy of Sciences": the body
        # after the comma is the parent (loaders.text.entities joins the two names).
        ent.relations.add(("subOrganizationOf", m.region))
    elif m.kind == "event" and m.kind_label:
        ent.literals.add(("date", m.kind_label, "date"))


def _zone_name_relations(m: Mention, ent: Entity) -> None:
    suffix = list(_ZONE_SUFFIX_RE.finditer(m.label))
    if not suffix:
        return
    prefix = m.label[: suffix[-1].start()]
    gaz = gazetteer()
    words = prefix.split()
    if not words:
        return
    parts = words[0].split("-") if "-" in words[0] else [words[0]]
    for part in parts:
        hit = gaz.lookup(part)
        if not hit:
            continue
        iri, cls = hit
        if is_partner_place(iri, cls) and len(parts) > 1:
            ent.relations.add(("partnerCountry", iri))
            ent.literals.add(("_place", iri, cls))
        elif cls in REGION_CLASSES and cls not in ("Country", "MacroRegion"):
            ent.relations.add(("locatedIn", iri))
            ent.literals.add(("_place", iri, cls))
    for paren in re.findall(r"\(([A-Z][a-z]+)\)", prefix):
        hit = gaz.lookup(paren)
        if hit and hit[1] in ("City", "Province", "County"):
            ent.relations.add(("locatedIn", hit[0]))


def _creators(text: str, idx: Mention, ms: list[Mention], end: int):
    """The creators that "<index>, (jointly) created by A and B, ..." names, with relations.

    A zone among them is a creator and the zone the index measures. An organisation written
    after another as its address ("the X Research Center of the Institute of Y, China Academy
    of Sciences") is that one's parent, not a creator: it follows with only a comma and the
    reference data has it above the other (org:subOrganizationOf).
    """
    c = _CREATED_RE.search(text, idx.end, end)
    if c is None:
        return
    previous: Mention | None = None
    for m in ms:
        if m.start < c.end():
            continue
        if m.kind == "zone" and m.cls != "CooperationPark":
            yield m, ("createdBy", "indexOf")
        elif m.kind == "org" and not _is_address_of(text, previous, m):
            yield m, ("createdBy",)
        previous = m


def _is_address_of(text: str, unit: Mention | None, parent: Mention) -> bool:
    if unit is None or unit.kind != "org" or text[unit.end : parent.start].strip() != ",":
        return False
    return parent.iri in _parents(unit.iri)


@lru_cache(maxsize=256)
def _parents(iri: str) -> frozenset[str]:
    # The organisations above ``iri`` in the reference data, all the way up.
    g = reference_graph()
    return frozenset(
        str(p) for p in g.transitive_objects(URIRef(iri), _SUB_ORGANIZATION_OF) if str(p) != iri
    )


def _sentence_relations(doc: Document, mentions: list[Mention], out: dict[str, Entity]) -> None:
    text = doc.text
    for s in doc.sentences:
        ms = [m for m in mentions if s.start <= m.start < s.end]
        zones = [
            m
            for m in ms
            if m.kind == "zone" and m.cls not in ("CooperationPark", "CooperationPlatform")
        ]
        host = zones[0] if zones else None
        if host is not None:
            for m in ms:
                if (
                    m.cls in ("CooperationPark", "CooperationPlatform")
                    and m.start > host.end
                    and re.search(
                        r"\b(?:with|including|such\s+as|has|have)\b|\(", text[host.end : m.start]
                    )
                ):
                    out[m.iri].relations.add(("partOfZone", host.iri))
            for rx in _DESIGNATION_RES:
                for d in rx.finditer(text, s.start, s.end):
                    name = d.group("name")
                    label = (
                        f"{' '.join(d.group('head').split())} of {name}"
                        if "head" in rx.groupindex
                        else name
                    )
                    out[host.iri].relations.add(
                        ("holdsDesignation", iris.mint("designation", label))
                    )
                    out[host.iri].literals.add(
                        ("_designation", iris.mint("designation", label), label)
                    )
        for idx in [m for m in ms if m.kind == "index" and m.cls != "SubIndex"]:
            for m, relations in _creators(text, idx, ms, s.end):
                out[idx.iri].relations.update((r, m.iri) for r in relations)
        for ev in [m for m in ms if m.kind == "event"]:
            for m in ms:
                if (
                    m.kind == "org"
                    and m.start > ev.start
                    and _ORGANIZER_RE.search(text[max(0, m.start - 30) : m.start])
                ):
                    out[ev.iri].relations.add(("organizer", m.iri))
    refs = reference_subjects()
    for ent in list(out.values()):
        for key, parent, cls in list(ent.literals):
            if key == "_subIndexOf" and parent in out:
                out[parent].relations.add(("hasSubIndex", ent.iri))
            if key == "_place" and parent not in out and parent not in refs:
                # A place named only inside a zone's name ("China-ASEAN ...") still needs
                # its own type and label in the graph.
                out[parent] = Entity(parent, "region", cls, _fallback_label(parent))
