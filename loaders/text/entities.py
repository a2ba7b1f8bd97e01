"""Recognises zones, groups of zones, places, organisations, indices and events, each resolved
to one canonical IRI whatever spelling the text uses.

Names are found three ways: the reference gazetteer (labels and altLabels of
``kg.reference.reference_graph()``), name patterns of the genre ("… High-Tech Zone",
"… Provincial Department of Commerce", "Sichuan's national economic development zones"),
and anaphora ("the province", "the high-tech zone", "the comprehensive bonded area").

>>> ms = find_mentions("In 2021, Jiangsu's national economic development zones grew.")
>>> [(m.kind, m.label) for m in ms]
[('group', 'Jiangsu national economic development zones')]
>>> [m.label for m in find_mentions("The Chengdu Hi-tech Zone and Chengdu "
...                                 "High-Tech Industrial Development Zone")]
['Chengdu High-Tech Industrial Development Zone', 'Chengdu High-Tech Industrial Development Zone']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg import iris
from kg.reference import reference_graph
from loaders.text.quantities import WORD_NUMBERS
from loaders.text.scan import lowered

ZONE_CLASSES = {
    "DevelopmentZone",
    "EconomicTechnologicalDevelopmentZone",
    "HighTechZone",
    "ComprehensiveBondedZone",
    "CooperationPark",
    "FreeTradeZone",
    "DemonstrationZone",
    "PilotZone",
    "CooperationPlatform",
}
REGION_CLASSES = {"Region", "Country", "Province", "City", "County", "MacroRegion"}


def is_partner_place(iri: str, cls: str) -> bool:
    """True when a park named "X-Sichuan ..." has X as its partner: a country or macro-region
    other than China, or one of Hong Kong, Macao and Taiwan (China's divisions that its
    "international (regional) cooperation parks" partner with as regions)."""
    if cls in ("Country", "MacroRegion"):
        return iri != iris.country_iri("CN")
    return iri in _partner_divisions()


@lru_cache(maxsize=1)
def _partner_divisions() -> frozenset[str]:
    return frozenset(iris.region_iri(n) for n in ("Hong Kong", "Macao", "Taiwan"))


ORG_CLASSES = {"Organization", "GovernmentBody", "ResearchInstitution", "Company"}
# Regions that partner parks are named after, besides countries.
_PARTNER_REGIONS = (
    "Europe",
    "EU",
    "ASEAN",
    "Africa",
    "Latin America",
    "Central Asia",
    "Hong Kong",
    "Macao",
    "Macau",
    "Taiwan",
    "Arab States",
)


def _reference_provinces() -> tuple[str, ...]:
    """English names of the province-level divisions in the reference data.

    Hong Kong, Macao and Taiwan are read as the regions parks partner with
    (``_PARTNER_REGIONS``), not as provinces that figures are reported for.
    """
    g = reference_graph()
    names = {
        str(label)
        for s in g.subjects(RDF.type, URIRef(iris.DZ + "Province"))
        for label in g.objects(s, RDFS.label)
        if getattr(label, "language", None) == "en"
    }
    return tuple(sorted(names - set(_PARTNER_REGIONS)))


PROVINCES = _reference_provinces()

_W = r"[A-Z][A-Za-z0-9'’]*(?:-[A-Za-z0-9'’]+)*"
_PAREN = r"\([A-Z][A-Za-z .'’-]{0,40}\)"
# A name never runs across a line break: a header line ("Source: Liaoning Provincial
# People's Government") and the first words of the body are two things.
_SP = r"[^\S\n]"
_CHUNK_RE = re.compile(
    rf"{_W}(?:(?:{_SP}+|{_SP}*,{_SP}+(?=Startup\b)|{_SP}+(?:of the|of|for the|for|and|&|on the"
    rf"|on|de){_SP}+(?=[A-Z(]))(?:{_W}|{_PAREN})|{_SP}*{_PAREN})*"
)
_ZONE_SUFFIX_RE = re.compile(
    r"(?:Economic(?:\s+and\s+|\s*&\s*|-)Technolog(?:ical|y)\s+Development\s+Zone"
    r"|Economic\s+Development\s+Zone|ETDZ|FTZ"
    r"|(?P<ht>Hi(?:gh)?-?[Tt]ech(?:nology)?)(?:\s+Industr(?:ial|ies))?(?:\s+Development)?\s+Zone"
    r"|Hi(?:gh)?-?[Tt]ech(?:nology)?\s+Industr(?:ial|ies|y)\s+(?:Development\s+)?Area"
    r"|Hi(?:gh)?-?[Tt]ech(?:nology)?\s+(?:Industr(?:ial|y)\s+)?District"
    r"|Hi(?:gh)?-?[Tt]ech(?:nology)?\s+(?:Industr(?:ial|y)\s+(?:Development\s+)?)?Park"
    r"|Comprehensive\s+Bonded\s+(?:Zone|Area)|Bonded\s+Port\s+Area|Bonded\s+(?:Zone|Area|Port)"
    r"|(?:Pilot\s+)?Free\s+Trade\s+(?:Zone|Port)(?:\s+[A-Z][a-z]+(?:\s+New)?\s+Area)?"
    r"|Export\s+Processing\s+Zone"
    r"|Innovation(?:,|\s+and)\s+Startup\s+Park|Cooperation\s+Park|Innovation\s+Park"
    r"|Startup\s+Park|Industrial\s+Park|Science(?:\s+and\s+Technology)?\s+Park|Technology\s+Park"
    r"|Cooperation\s+Cent(?:er|re)|Demonstration\s+Zone|Pilot\s+Zone|New\s+Area"
    r"|New\s+District|Development\s+District|Eco-?[Cc]ity"
    r"|Development\s+Zone|Development\s+Area|Econom(?:y|ic)\s+Zone|Industrial\s+Zone"
    r"|Port\s+Area|Industr(?:y|ial)\s+Base|(?:Industr(?:y|ial)\s+)?Cluster\s+District"
    r"|Industr(?:y|ial)\s+Cluster|Zone|Harbou?r)(?![\w-])"
)
_ORG_HEAD_RE = re.compile(
    r"\b(?:Department|Ministry|Bureau|Office|Commission|Administration|Customs|Council"
    r"|Government|Cent(?:er|re)|Institute|Academy|University|Association|Committee|Branch"
    r"|Company|Corporation|Group|Ltd|Bank|Federation|Chamber|Agency|Authority|Telecom)\b"
)
_EVENT_HEAD_RE = re.compile(
    r"\b(?:Conference|Forum|Expo|Fair|Summit|Symposium|Exhibition|Meeting|Ceremony)$"
)
_LEADING_STOP = {
    "the",
    "in",
    "on",
    "at",
    "as",
    "for",
    "by",
    "with",
    "from",
    "according",
    "its",
    "their",
    "this",
    "these",
    "that",
    "a",
    "an",
    "last",
    "currently",
    "also",
    "and",
    "but",
    "however",
    "meanwhile",
    "since",
    "after",
    "before",
    "during",
    "regarding",
    "construction",
    "both",
    "all",
    "of",
    "to",
    "under",
    "among",
    "while",
    "when",
    "besides",
    "it",
    "i",
}
_GROUP_KINDS = [
    (
        r"economic(?:\s+and\s+|\s*&\s*|-)technolog(?:ical|y)\s+development\s+zones|economic\s+"
        r"development\s+zones|ETDZs",
        "economic development zones",
        "economic-and-technological-development-zone",
    ),
    (
        r"hi(?:gh)?-?tech(?:nology)?\s+(?:industrial\s+)?(?:development\s+)?zones",
        "high-tech zones",
        "high-tech-zone",
    ),
    (
        r"international\s+(?:\(regional\)\s+)?cooperation\s+parks|international\s+industrial\s+"
        r"cooperation\s+parks",
        "international cooperation parks",
        "cooperation-park",
    ),
    (
        r"comprehensive\s+bonded\s+(?:zones|areas)",
        "comprehensive bonded zones",
        "comprehensive-bonded-zone",
    ),
    (
        r"(?:pilot\s+)?free\s+trade\s+(?:zones|ports)|P?FTZs",
        "free trade zones",
        "free-trade-zone",
    ),
    (
        r"(?:customs\s+)?special(?:ly)?[-\s]+supervis(?:ed|ion)\s+areas"
        r"|special\s+customs\s+supervision\s+areas",
        "customs specially supervised areas",
        None,
    ),
    (r"development\s+zones", "development zones", None),
]
_NUMWORD = "|".join(w for w in WORD_NUMBERS if WORD_NUMBERS[w])
_GROUP_RE = re.compile(
    r"(?:(?P<poss>(?-i:[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)|\bthe\s+(?:province|country|city))['’]s\s+|"
    r"(?P<det>\bthe|\bits|\btheir|\ball|"
    r"\bthese)\s+|(?P<pre>(?-i:\b[A-Z][a-z]+))\s+(?=(?:national|state|provincial|hi|high|pilot"
    r"|free|comprehensive|economic|development)))?"
    rf"(?:(?P<num>\d[\d,]*|\b(?:{_NUMWORD}))\s+)?"
    r"(?P<level>\b(?:national|state)(?:-level)?\s+|\bprovincial(?:-level)?\s+|\bmunicipal"
    r"(?:-level)?\s+)?(?P<kind>(?<![\w-])(?:" + "|".join(k[0] for k in _GROUP_KINDS) + r"))\b"
    r"(?:\s+(?:in|of|across)\s+(?P<in>(?:the|this)\s+province|the\s+country|(?:the|this)\s+city"
    r"|China|"
    r"(?-i:[A-Z][a-z]+(?:\s(?:Province|City))?))\b)?",
    re.I,
)
# Each pattern below opens with a lookahead on the letters its matches can start with: the
# same matches, found without trying the whole pattern at every position of the text.
_MACRO_RE = re.compile(
    r"(?=[cwensypgb])"
    r"\b(?:(?P<a>central|west(?:ern)?|east(?:ern)?|north(?:ern)?|south(?:ern)?|northeast(?:ern)?"
    r"|northwest(?:ern)?|southwest(?:ern)?|southeast(?:ern)?)(?:\s+and\s+(?P<b>west(?:ern)?|"
    r"east(?:ern)?|central))?\s+China)\b"
    r"|\b(?P<named>Yangtze River Delta|Pearl River Delta|Greater Bay Area|Beijing-Tianjin-Hebei"
    r"(?: region)?|Chengdu-Chongqing (?:Economic Circle|region))\b",
    re.I,
)
_ANAPHOR_RE = re.compile(
    r"(?=[to])\b(?P<det>the|this|our|these)\s+(?P<what>(?:(?:national\s+)?(?:hi(?:gh)?-tech|development"
    r"|(?:comprehensive\s+)?bonded)\s+)?zones|parks|province|country|nation|city"
    r"|(?:national\s+)?hi(?:gh)?-tech\s+(?:industrial\s+development\s+)?zone"
    r"|(?:economic\s+(?:and\s+technological\s+)?)?development\s+zone"
    r"|(?:pilot\s+)?free\s+trade\s+zone|(?:industrial\s+)?park|zone|new\s+area|special\s+areas?|area|base|(?:industr(?:y|ial)\s+)?cluster\s+district|district|comprehensive\s+bonded\s+(?:area|zone)|bonded\s+(?:port\s+area|area|zone))"
    r"\b(?!\s*(?:level|-))",
    re.I,
)
_EVENT_RE = re.compile(
    r"\b(?:the\s+)?(?P<label>(?:annual\s+|online\s+)?(?:video\s+|press\s+|work\s+)?"
    r"(?:conference|forum|meeting|summit|symposium|expo|fair|ceremony)\s+(?:on|of|for)\s+"
    r"[^,;.]{3,160}?)\s+(?:held\s+)?on\s+(?P<date>"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4})"
)
_EVENT_DATE_RE = re.compile(
    r"\bon\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2},?\s+\d{4}"
)
_EVENT_HINT_RE = re.compile(r"conference|forum|meeting|summit|symposium|expo|fair|ceremony", re.I)
_SUBINDEX_LIST_RE = re.compile(
    r"\bindex(?:\s+system)?\b[^.:“\"]{0,200}:\s*[“\"]([^”\"]{5,400})[”\"]", re.I
)


@dataclass
class Mention:
    """One place in the text that names an entity."""

    start: int
    end: int
    iri: str
    kind: str  # zone | group | region | org | index | event
    cls: str
    label: str
    surface: str
    region: str | None = None
    level: str | None = None
    zone_kind: str | None = None
    kind_label: str | None = None
    number: int | None = None
    anaphor: bool = False
    reference: bool = False


@dataclass
class Entity:
    """An entity the text names: canonical label, other surface forms, relations."""

    iri: str
    kind: str
    cls: str
    label: str
    reference: bool = False
    alt_labels: set[str] = field(default_factory=set)
    relations: set[tuple[str, str]] = field(default_factory=set)
    literals: set[tuple[str, str, str]] = field(default_factory=set)
    first: tuple[int, int] | None = None


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Key of a name for lookups: lower case, no punctuation, possessives, articles.

    >>> normalise("the Sichuan’s  Hi-tech Zone (SSCIP)")
    'sichuan high-tech zone sscip'
    """
    s = name.lower().replace("’", "'").replace("&", " and ")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"\bhi-?tech\b|\bhigh ?tech\b", "high-tech", s)
    s = re.sub(r"[^a-z0-9\u4e00-\u9fff-]+", " ", s)
    s = re.sub(r"(?<![a-z0-9])-|-(?![a-z0-9])", " ", s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


@dataclass
class Gazetteer:
    """Reference names by normalised key -> (IRI, class local name)."""

    names: dict[str, tuple[str, str]]
    labels: dict[str, set[str]]
    max_len: dict[str, int]

    def lookup(self, name: str) -> tuple[str, str] | None:
        return self.names.get(normalise(name))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer built from the reference graph (built once)."""
    g = reference_graph()
    names: dict[str, tuple[str, str]] = {}
    labels: dict[str, set[str]] = {}
    classes: dict[str, str] = {}
    for s, t in sorted(g.subject_objects(RDF.type)):
        cls = str(t).rsplit("#", 1)[-1]
        # A resource may also be an owl:NamedIndividual: keep the class that says what it is.
        if isinstance(s, URIRef) and _kind_of(cls) and str(s) not in classes:
            classes[str(s)] = cls
    for s_iri, cls in sorted(classes.items()):
        s = URIRef(s_iri)
        for pred in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            for lit in g.objects(s, pred):
                if isinstance(lit, Literal) and lit.language in (None, "en"):
                    key = normalise(str(lit))
                    labels.setdefault(s_iri, set()).add(str(lit))
                    # The first (sorted) holder of a name keeps it: deterministic.
                    if key and len(key) > 1:
                        names.setdefault(key, (s_iri, cls))
    for name in PROVINCES:
        names.setdefault(normalise(name), (iris.region_iri(name), "Province"))
        names.setdefault(normalise(name + " Province"), (iris.region_iri(name), "Province"))
    for name in _PARTNER_REGIONS:
        names.setdefault(normalise(name), (iris.region_iri(name), "MacroRegion"))
    max_len: dict[str, int] = {}
    for key in names:
        first, n = key.split(" ", 1)[0], key.count(" ") + 1
        max_len[first] = max(max_len.get(first, 0), n)
    return Gazetteer(names, labels, max_len)


# Minting slugs is pure and costly enough to remember (the same names recur in a document).
_zone_iri = lru_cache(maxsize=8192)(iris.zone_iri)
_group_iri = lru_cache(maxsize=8192)(iris.group_iri)
_index_iri = lru_cache(maxsize=8192)(iris.index_iri)
_event_iri = lru_cache(maxsize=8192)(iris.event_iri)
_org_iri = lru_cache(maxsize=8192)(iris.org_iri)
_region_iri = lru_cache(maxsize=8192)(iris.region_iri)

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*\.?")


# A token (as _TOKEN_RE reads them) that starts with a capital letter.
# "(?<![A-Za-z0-9])(?<![A-Za-z0-9]['’.-])[A-Z]...": the capital first, the two lookbehinds
# one character wider, so that the regex engine skips to the capitals.
_CAP_TOKEN_RE = re.compile(
    r"[A-Z](?<![A-Za-z0-9][A-Z])(?<![A-Za-z0-9]['’.-][A-Z])[A-Za-z0-9]*(?:['’.-][A-Za-z0-9]+)*\.?"
)
_token_key = lru_cache(maxsize=65536)(normalise)  # the same words recur in every document
_BREAK_RE = re.compile(r"[;:!?\n]|[.,]\s")


def _gazetteer_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    # Only a capitalised token can start a name: the tokens after it are read on demand,
    # which spares tokenising the whole text.
    out = []
    taken_to = 0
    for m in _CAP_TOKEN_RE.finditer(text):
        start = m.start()
        if start < taken_to:
            continue
        key = _token_key(m.group(0))
        n = gaz.max_len.get(key.split(" ", 1)[0] if key else "", 0)
        if not n:
            continue
        tokens = [(m.end(), key)]
        pos = m.end()
        while len(tokens) < n and (t := _TOKEN_RE.search(text, pos)) is not None:
            tokens.append((t.end(), _token_key(t.group(0))))
            pos = t.end()
        found = None
        # A break ends within text[start:end] when the first break after start ends by
        # ``end`` (its one or two characters), so it is searched once for all the ends.
        brk = _BREAK_RE.search(text, start, tokens[-1][0])
        brk_end = brk.end() if brk else len(text) + 1
        for k in range(len(tokens), 0, -1):
            end = tokens[k - 1][0]
            if brk_end <= end:
                continue
            hit = gaz.names.get(" ".join(t[1] for t in tokens[:k] if t[1]))
            if hit:
                found = (end, hit)
                break
        if not found:
            continue
        end, (iri, cls) = found
        taken_to = end
        surface = text[start:end].rstrip(".")
        kind = _kind_of(cls)
        if kind:
            out.append(
                Mention(
                    start,
                    start + len(surface),
                    iri,
                    kind,
                    cls,
                    _ref_label(iri),
                    surface,
                    reference=iri not in _MINTED_FALLBACKS(),
                )
            )
    return out


@lru_cache(maxsize=1)
def _MINTED_FALLBACKS() -> frozenset[str]:
    g = reference_graph()
    out = set()
    for name in (*PROVINCES, *_PARTNER_REGIONS):
        iri = _region_iri(name)
        if (URIRef(iri), None, None) not in g:
            out.add(iri)
    return frozenset(out)


@lru_cache(maxsize=4096)
def _ref_label(iri: str) -> str:
    g = reference_graph()
    label = g.value(URIRef(iri), RDFS.label) or g.value(URIRef(iri), SKOS.prefLabel)
    if label is not None:
        return str(label)
    return iri.rsplit("/", 1)[-1].replace("-", " ").title()


def _kind_of(cls: str) -> str | None:
    if cls in ZONE_CLASSES:
        return "zone"
    if cls in REGION_CLASSES:
        return "region"
    if cls in ORG_CLASSES:
        return "org"
    if cls == "ZoneGroup":
        return "group"
    if cls in ("CompositeIndex", "SubIndex"):
        return "index"
    if cls == "Event":
        return "event"
    return None


def _scan_text(text: str) -> str:
    # Same length as the text, with machine-translation noise inside names blanked:
    # "China-Japan (Chengdu). ) Regional ..." reads as "China-Japan (Chengdu)    Regional ...".
    if ")." in text:  # each pattern needs these letters: no scan of texts without them
        text = re.sub(r"\)\.\s*\)", lambda m: ")" + " " * (len(m.group(0)) - 1), text)
    # "Hohhot (national) Economic and Technological Development Zone": the level in brackets
    # is a gloss inside the name, which is "Hohhot Economic and Technological ...".
    if "(" in text:
        text = _LEVEL_GLOSS_RE.sub(lambda m: " " * len(m.group(0)), text)
    # "The Zhoushan area of the China (Zhejiang) Pilot Free Trade Zone": an area (sub-zone)
    # of a free trade zone is one name, as "Xiamen Area of the China (Fujian) ..." is.
    return _FTZ_AREA_RE.sub(lambda m: m.group(1) + "A", text) if "Free" in text else text


_LEVEL_GLOSS_RE = re.compile(
    r"(?<=[a-z])[^\S\n]\((?:national|state|state-level|provincial)\)(?=[^\S\n][A-Z])"
)
_FTZ_AREA_RE = re.compile(
    r"(\b[A-Z][a-z]+(?:[-\s][A-Z][a-z]+)?\s)a(?=rea\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*\s+|\([A-Z][a-z]+\)\s+)+Free\s+Trade\s+(?:Zone|Port)\b)"
)


def find_mentions(
    text: str, start: int = 0, end: int | None = None, context: int | None = None
) -> list[Mention]:
    """Every entity mention in ``text[start:end]``, canonical IRIs resolved, in text order.

    With ``context`` (an offset before ``start``: the headline's), the names between it and
    ``start`` are antecedents of the "the zone" that follow, but are not returned.
    """
    end = len(text) if end is None else end
    if context is not None and context < start:
        found = find_mentions(text, context, end)
        body = [m for m in found if m.start >= start]
        # A headline's group ("China's development zones attract ...") is a loose phrase
        # for what the body names exactly: only a zone the headline names is an antecedent.
        named = {m.iri for m in body if m.kind == "group" and not m.anaphor}
        return [m for m in body if not (m.kind == "group" and m.anaphor and m.iri not in named)]
    scan = _scan_text(text[:end])
    gaz = gazetteer()
    raw: list[Mention] = []
    raw += _chunk_mentions(scan, start, gaz)
    raw += _group_mentions(scan, start, gaz)
    raw += _macro_mentions(scan, start)
    raw += _event_mentions(scan, start)
    raw += [m for m in _gazetteer_mentions(scan, gaz) if m.start >= start]
    raw += _anaphor_mentions(scan, start)
    raw += _placed_zone_mentions(scan, start, gaz)
    raw += _named_place_mentions(scan, start, gaz)
    if start == 0:
        raw += _headline_name(scan, gaz)
    mentions = _non_overlapping(raw)
    for m in mentions:
        if scan[m.start : m.end] == m.surface != text[m.start : m.end]:
            m.surface = text[m.start : m.end]  # the name as written, not as scanned
    _resolve_zones(text[:end], mentions, gaz)
    mentions = _abbreviations(text[:end], start, mentions)
    mentions = _one_word_names(text[:end], start, mentions)
    mentions = _place_names_alone(text[:end], start, mentions)
    mentions = _named_kind_mentions(text[:end], start, mentions)
    _name_indices(text[:end], mentions)
    _resolve_subindices(scan, mentions)
    _resolve_anaphora(text[:end], mentions, gaz)
    return [m for m in mentions if m.iri and not _quoted_title(text, m)]


# "obtained many honors: “Henan Top 10 Industry Cluster Districts”, “Henan High-tech
# Industrial Development Zone” and ...": a zone name that is the whole of a quotation after
# a word of honour (titles, awards, "named", "rated") is a title the subject was given, not
# an entity the text is about.
_QUOTE_PAIRS = {"“": "”", '"': '"'}
_HONOUR_RE = re.compile(
    r"\b(?:hono(?:u)?rs?|hono(?:u)?red|titles?|titled|entitled|awards?|awarded|prizes?|"
    r"named|rated|won|conferred|granted\s+the\s+title)\b",
    re.I,
)


def _quoted_title(text: str, m: Mention) -> bool:
    if m.kind != "zone":
        return False
    before = text[max(0, m.start - 2) : m.start].rstrip()
    if not before or before[-1] not in _QUOTE_PAIRS:
        return False
    close = _QUOTE_PAIRS[before[-1]]
    if not text[m.end : m.end + 2].lstrip().startswith(close):
        return False
    # The honour word is earlier in the same sentence.
    head = text[max(0, m.start - 400) : m.start]
    head = re.split(r"(?<=[.!?;])\s+(?=[A-Z“\"])|\n", head)[-1]
    return bool(_HONOUR_RE.search(head))


def _abbreviations(text: str, start: int, mentions: list[Mention]) -> list[Mention]:
    # "China-Singapore Suzhou Industrial Park (SIP) ... SIP's GDP": the bracketed short
    # form names the same entity wherever the document uses it again.
    extra: list[Mention] = []
    for m in mentions:
        if m.anaphor or m.kind not in ("zone", "org", "group"):
            continue
        ab = _ABBREVIATION_RE.match(text, m.end)
        if ab is None:
            continue
        abbr = ab.group(1)
        for hit in re.finditer(rf"\b{re.escape(abbr)}\b", text):
            if hit.start() < start or hit.start() == ab.start(1):
                continue
            if any(x.start < hit.end() and hit.start() < x.end for x in mentions + extra):
                continue
            extra.append(replace(m, start=hit.start(), end=hit.end(), surface=abbr))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


_NAME_WORD_RE = re.compile(r"[A-Z][a-z]{2,}")
_GENRE_WORDS = {
    "Industrial", "Science", "Technology", "International", "National", "Special", "New",
    "Comprehensive", "Bonded", "Free", "Pilot", "Economic", "High", "Export", "Port",
    "Innovation", "Cooperation", "Development", "Demonstration", "Startup", "Modern",
    "China", "Area", "Zone", "Park", "Sino", "Western", "Eastern", "Northern", "Southern",
    "West", "East", "North", "South", "Central", "Coast", "Lake", "River", "Bay", "Island",
    "Airport", "Harbour", "Harbor", "Golden", "Silk", "Road",
}  # fmt: skip


# Provincial capitals and sub-provincial cities: a new area named after one of them
# ("Harbin New Area", "Lanzhou New Area") does not own the word ("Harbin's GDP" is the
# city's), whether or not the reference data lists the city yet.
_BIG_CITIES = frozenset(
    [
        "Beijing",
        "Tianjin",
        "Shanghai",
        "Chongqing",
        "Shijiazhuang",
        "Taiyuan",
        "Hohhot",
        "Shenyang",
        "Dalian",
        "Changchun",
        "Harbin",
        "Nanjing",
        "Hangzhou",
        "Ningbo",
        "Hefei",
        "Fuzhou",
        "Xiamen",
        "Nanchang",
        "Jinan",
        "Qingdao",
        "Zhengzhou",
        "Wuhan",
        "Changsha",
        "Guangzhou",
        "Shenzhen",
        "Nanning",
        "Haikou",
        "Chengdu",
        "Guiyang",
        "Kunming",
        "Lhasa",
        "Xi'an",
        "Lanzhou",
        "Xining",
        "Yinchuan",
        "Urumqi",
    ]
)


def _one_word_name(m: Mention) -> str | None:
    words = m.label.split()
    if len(words) < 3 or not _NAME_WORD_RE.fullmatch(words[0]):
        return None
    if (
        re.fullmatch(r"[A-Z][a-z]+-[A-Z][a-z]+", words[1])
        and words[0] not in PROVINCES
        and words[0] not in _GENRE_WORDS
    ):
        return words[0]  # "Qianhai Shenzhen-Hong Kong ...", "Hengqin Guangdong-Macao ..."
    if not _NAME_WORD_RE.fullmatch(words[1]):
        return None
    if words[1:] == ["New", "Area"] and words[0] not in PROVINCES and words[0] not in _BIG_CITIES:
        # "Hengqin New Area" ... "Hengqin has implemented ...": its own name, when that word
        # is no known place (_one_word_names: "Harbin New Area" named after its city is not)
        return words[0]
    if words[1:3] == ["Special", "Area"] and words[0] not in PROVINCES:
        # "Lingang Special Area of ...". Not "X New Area": "Harbin New Area", "Lanzhou New
        # Area" are named after their city, and "Harbin's GDP" is the city's.
        return words[0]
    if words[0] not in PROVINCES and words[1] not in _GENRE_WORDS and words[0] not in _GENRE_WORDS:
        # "Guangzhou Nansha New Area", "Shenzhen Qianhai ...": the city, then the zone's own
        # name. After a province ("Guangxi Pingxiang ...") the second word is a city.
        return words[1]
    return None


def _one_word_names(text: str, start: int, mentions: list[Mention]) -> list[Mention]:
    # "Nansha's foreign trade hit ...", "Lingang has signed ...": the zone's own name, one
    # word, used alone. Only a word that names one zone of the text and no known place.
    owners: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.kind == "zone" and not m.anaphor and (word := _one_word_name(m)):
            owners.setdefault(word, set()).add(m.iri)
            first.setdefault(word, m)
    gaz = gazetteer()
    extra: list[Mention] = []
    for word, iris_ in owners.items():
        if len(iris_) > 1 or gaz.lookup(word):
            continue
        for hit in re.finditer(rf"(?<![\w-])(?<![A-Z][a-z] ){word}(?![\w-])(?!\s+[A-Z])", text):
            if hit.start() < start or _CAPITAL_BEFORE_RE.search(
                text, max(0, hit.start() - 40), hit.start()
            ):
                continue
            if any(x.start < hit.end() and hit.start() < x.end for x in mentions + extra):
                continue
            extra.append(replace(first[word], start=hit.start(), end=hit.end(), surface=word))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


_CAPITAL_BEFORE_RE = re.compile(r"[A-Z][\w'’-]*[^\S\n]$")


def _named_kind_mentions(text: str, start: int, mentions: list[Mention]) -> list[Mention]:
    # "The Ruili zone", "the Xiamen area": the one zone of the text whose name starts so.
    zones = [m for m in mentions if m.kind == "zone" and not m.anaphor]
    extra = []
    for hit in _NAMED_KIND_RE.finditer(text, start):
        words = normalise(hit.group("words"))
        if any(x.start < hit.end() and hit.start() < x.end for x in mentions):
            continue
        found = {
            z.iri: z
            for z in zones
            if z.start < hit.start() and normalise(z.label).startswith(words + " ")
        }
        if len(found) == 1:
            (z,) = found.values()
            extra.append(replace(z, start=hit.start(), end=hit.end(), surface=hit.group(0)))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


# "[Tt](?<!\w[Tt])he" is "\b[Tt]he" written so that the regex engine scans for T and t
# with its fast search for a first character instead of trying the pattern everywhere.
_NAMED_KIND_RE = re.compile(
    r"[Tt](?<!\w[Tt])he\s+(?P<words>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
    r"\s+(?:zone|park|area|new area)\b"
)
_ABBREVIATION_RE = re.compile(r"[^\S\n]*\(([A-Z][A-Z&]{1,7}s?)\)")


def _non_overlapping(raw: list[Mention]) -> list[Mention]:
    order = {"event": 0, "org": 1, "zone": 2, "index": 3, "group": 4, "region": 5}
    raw.sort(key=lambda m: (-(m.end - m.start), order.get(m.kind, 9), m.start))
    taken: list[Mention] = []
    starts: list[int] = []  # the taken spans, disjoint, kept in text order
    ends: list[int] = []
    for m in raw:
        i = bisect.bisect_left(ends, m.start + 1)  # first taken span ending after m.start
        if i < len(starts) and starts[i] < m.end:
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def _strip_leading(words: list[str]) -> list[str]:
    while words and (words[0].lower() in _LEADING_STOP or words[0] in ("of", "the")):
        words = words[1:]
    return words


def _chunk_mentions(text: str, start: int, gaz: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    for chunk, at in _chunks(text, start):
        zone = None
        for z in _ZONE_SUFFIX_RE.finditer(chunk):
            zone = z
        org_end = max((h.end() for h in _ORG_HEAD_RE.finditer(chunk)), default=-1)
        if zone is not None and zone.end() >= org_end:
            mention = _zone_mention(chunk[: zone.end()], at, zone, gaz, chunk[zone.end() :])
        elif org_end > 0:
            mention = _named_mention(chunk, at, "org", _org_class(chunk), gaz)
        elif chunk.endswith("Index"):
            mention = _named_mention(chunk, at, "index", "CompositeIndex", gaz)
        elif _EVENT_HEAD_RE.search(chunk):
            mention = _named_mention(chunk, at, "event", "Event", gaz)
        else:
            mention = None
        if mention is not None:
            out.append(mention)
    _join_org_chains(text, out)
    return out


def _chunks(text: str, start: int):
    # "X High-Tech Zone and Y Economic Development Zone" are two names, not one: split
    # at "and" where the left side already ends as a complete name.
    for m in _CHUNK_RE.finditer(text, start):
        chunk, at = m.group(0), m.start()
        # "Xi'an High-tech Industries Development Zone (Xi'an Hi-tech Zone)": a bracket
        # after a complete name is another name of it, not part of it.
        # "China (Fujian) Pilot Free Trade Zone (FTZ)": the first bracket after a complete
        # name, not a bracket inside the name.
        paren = next(
            (
                p
                for p in _BRACKET_RE.finditer(chunk)
                if _COMPLETE_NAME_RE.search(chunk[: p.start()])
            ),
            None,
        )
        if paren:
            yield chunk[: paren.start()], at
            yield paren.group(1), at + paren.start(1)
            rest = chunk[paren.end() :]
            if not rest.strip():
                continue
            chunk, at = rest.lstrip(), at + paren.end() + len(rest) - len(rest.lstrip())
        for sep in _AND_RE.finditer(chunk) if "and" in chunk or "&" in chunk else ():
            left = chunk[: sep.start()]
            if _NAME_END_RE.search(left):
                yield left, at
                chunk, at = chunk[sep.end() :], at + sep.end()
                break
        yield chunk, at


_BRACKET_RE = re.compile(r"\s*\(([^()]+)\)")
_AND_RE = re.compile(r"\s+(?:and|&)\s+")
_NAME_END_RE = re.compile(
    r"(?:Zone|Park|Area|Cent(?:er|re)|Index|Department|Ministry|Bureau"
    r"|Commission|Institute|Academy|University|Company)$"
)
_NAME_PARTS_RE = re.compile(r"(\s+of the\s+|\s+of\s+|\s+)")
_COMPLETE_NAME_RE = re.compile(
    r"(?:Zone|Park|Area|Cent(?:er|re)|Index|Department|Ministry|Bureau|Commission|Institute"
    r"|Academy|University|Company|Port|City)$"
)


def _trimmed(chunk: str, at: int, possessor: bool = False) -> tuple[str, int] | None:
    # Drop sentence-initial words and "Construction of the" before the name itself.
    parts = _NAME_PARTS_RE.split(chunk)
    words = [p for p in parts[::2]]
    seps = parts[1::2]
    i = 0
    while i < len(words) and (words[i].lower() in _LEADING_STOP):
        i += 1
    # "Beijing's Zhongguancun Science Park": the possessor is not part of the name.
    poss = [j for j in range(i, len(words) - 1) if possessor and re.search(r"['’]s$", words[j])]
    if poss:
        i = poss[-1] + 1
    if i >= len(words):
        return None
    offset = sum(len(w) for w in words[:i]) + sum(len(s) for s in seps[:i])
    name = chunk[offset:]
    return (name, at + offset) if name else None


def _zone_mention(
    chunk: str, at: int, suffix: re.Match[str], gaz: Gazetteer, after: str = ""
) -> Mention | None:
    # "Construction of the Chengdu ... Zone": the name starts after the last "of the".
    cut = max(chunk.rfind(" of the ", 0, suffix.start()), chunk.rfind(" of ", 0, suffix.start()))
    if cut >= 0 and _AREA_OF_RE.search(chunk[:cut]):
        cut = -1  # "Xiamen Area of China (Fujian) Pilot Free Trade Zone": one name
    if cut >= 0:
        skip = chunk.index(" ", cut + 1) + 1
        skip = chunk.index(" ", skip) + 1 if chunk[skip:].startswith("the ") else skip
        chunk, at = chunk[skip:], at + skip
        suffix = list(_ZONE_SUFFIX_RE.finditer(chunk))[-1]
    trimmed = _trimmed(chunk, at, possessor=True)
    if trimmed is None:
        return None
    name, at = trimmed
    tail = _FOR_TAIL_RE.match(after)
    if tail and re.search(r"(?:Pilot|Demonstration|Experimental|Cooperation)\s+Zone$", name):
        # "Ruili Pilot Zone for Development and Opening Up": the purpose is part of the name
        name += after[: tail.end()]
        chunk += after[: tail.end()]
    prefix = name[: len(name) - (len(chunk) - suffix.start())].strip(" ,")
    label = name
    if not prefix and name != chunk:
        # "Mengzhou's Industry Cluster District": with nothing of a name but its kind
        # words, the possessor is the place the zone is named after.
        whole = _trimmed(chunk, at)
        poss = whole and re.fullmatch(r"(?P<place>[A-Z][\w-]*)['’]s\s+(?P<rest>.+)", whole[0])
        if poss and whole and poss.group("place") not in _NOT_A_PLACE:
            name, at = whole
            prefix = poss.group("place")
            label = f"{prefix} {poss.group('rest')}"
    if not prefix or prefix.lower() in ("national", "state-level", "provincial"):
        return None
    surface = name
    canonical = _canonical_zone_name(label)
    hit = gaz.lookup(canonical) or gaz.lookup(surface)
    cls = _zone_class(suffix.group(0), prefix)
    if hit and _kind_of(hit[1]) == "zone":
        return Mention(
            at,
            at + len(surface),
            hit[0],
            "zone",
            hit[1],
            _ref_label(hit[0]),
            surface,
            zone_kind=_family(suffix.group(0)),
            reference=True,
        )
    return Mention(
        at,
        at + len(surface),
        _zone_iri(canonical),
        "zone",
        cls,
        canonical,
        surface,
        zone_kind=_family(suffix.group(0)),
    )


# "The Economic and Technological Development Zone in Longquanyi": a zone named by its kind
# and the place it is in, which is the zone "Longquanyi Economic and Technological ...".
_PLACED_ZONE_RE = re.compile(  # "[Tt](?<!\w[Tt])he": "\b[Tt]he", found fast (_NAMED_KIND_RE)
    r"[Tt](?<!\w[Tt])he\s+(?P<kind>Economic(?:\s+and\s+|\s*&\s*|-)Technolog(?:ical|y)\s+Development\s+Zone"
    r"|Economic\s+Development\s+Zone|Hi(?:gh)?-?[Tt]ech(?:nology)?\s+Industr(?:ial|y)\s+Development"
    r"\s+Zone|Hi(?:gh)?-?[Tt]ech\s+Zone|Comprehensive\s+Bonded\s+(?:Zone|Area)|Industrial\s+Park"
    r"|Development\s+(?:Zone|Area))"
    r"\s+(?:in|of)\s+(?P<place>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)\b(?!\s+[A-Z])"
)


# A zone named by its place and a kind in lower case, as news texts often write it: "the
# Kashgar comprehensive bonded area", "the Changjitu economic zone", "The comprehensive
# bonded area in Kashgar Prefecture", "the Changjitu (Changchun, Jilin and Tumen River)
# economic zone" (the kind is singular: "Jiangsu's bonded zones" are a
# group, and a possessive is the zone's region, not its name).
_LOWER_KIND = (
    r"comprehensive\s+bonded\s+(?:zone|area)|bonded\s+(?:zone|area|port\s+area)"
    r"|economic\s+and\s+technological\s+development\s+zone|economic\s+development\s+zone"
    r"|economic\s+zone|hi(?:gh)?-tech\s+(?:industrial\s+)?(?:development\s+)?zone"
    r"|(?:pilot\s+)?free\s+trade\s+zone|new\s+area|industrial\s+park|development\s+zone"
)
_PLACE_WORDS = r"[A-Z][a-z]+(?:['’-][a-z]+)?(?:\s+[A-Z][a-z]+(?:['’-][a-z]+)?)?"
_LOWER_KIND_ZONE_RE = re.compile(
    rf"\b(?:[Tt]he\s+(?P<kind2>{_LOWER_KIND})\s+in\s+(?P<place2>{_PLACE_WORDS})"
    rf"|(?P<place>{_PLACE_WORDS})(?:\s+\([A-Z][^()\n]{{2,60}}\))?\s+(?P<kind>{_LOWER_KIND}))"
    r"\b(?!['’]?s\b|-)"
)
_LEVEL_WORD_RE = re.compile(r"(?:State|National|Provincial|Municipal)(?:-level)?")
_NOT_A_PLACE = {"The", "A", "An", "This", "That", "Its", "Their", "Our", "In", "Of", "And", "Each"}


def _lower_kind_zone_mentions(text: str, start: int, gaz: Gazetteer) -> list[Mention]:
    out = []
    for m in _LOWER_KIND_ZONE_RE.finditer(text, start):
        place = m.group("place") or m.group("place2")
        kind = " ".join((m.group("kind") or m.group("kind2")).split())
        words = place.split()
        begin = m.start()
        if m.group("place") and words[0] in ("The", "the") and len(words) > 1:
            # "The Changjitu (...) economic zone": the article is no part of the place
            begin = m.start("place") + place.index(words[1])
            words, place = words[1:], " ".join(words[1:])
        if words[0] in _NOT_A_PLACE or re.search(r"['’]s$", place):
            continue
        if _LEVEL_WORD_RE.fullmatch(words[0]):
            continue  # "a State-level development zone": a level, no place
        hit = gaz.lookup(place)
        # one unknown capitalised word: a name only when it is no sentence's first word
        if (
            m.group("place2") is None
            and hit is None
            and len(words) == 1
            and begin > 0
            and re.search(r"(?:^|[.!?]\s+|\n)$", text[max(0, begin - 3) : begin])
        ):
            continue
        place = re.sub(r"\s+(?:Prefecture|City|Province|County)$", "", place)
        canonical = _canonical_zone_name(f"{place} {kind.title()}").replace("Hi-Tech", "High-Tech")
        found = gaz.lookup(canonical)
        iri, cls, label = (
            (found[0], found[1], _ref_label(found[0]))
            if found and _kind_of(found[1]) == "zone"
            else (_zone_iri(canonical), _zone_class(kind, place), canonical)
        )
        out.append(
            Mention(
                begin,
                m.end(),
                iri,
                "zone",
                cls,
                label,
                text[begin : m.end()],
                zone_kind=_family(kind),
                reference=bool(found),
            )
        )
    return out


# "in the city of Kunshan", "Duyun city", "Meitan county": a city or county the reference
# does not know, named by its kind word in lower case.
_NAMED_PLACE_RE = re.compile(
    r"\b[Tt]he\s+(?P<kind1>city|county)\s+of\s+(?P<name1>[A-Z][a-z]{2,})\b(?![\s-]+[A-Z])"
    r"|(?<![A-Z][a-z] )(?<![\w-])(?P<name2>[A-Z][a-z]{2,})\s+(?P<kind2>city|county|City|County)"
    r"\b(?!-)"
)


def _named_place_mentions(text: str, start: int, gaz: Gazetteer) -> list[Mention]:
    out = []
    for m in _NAMED_PLACE_RE.finditer(text, start):
        name = m.group("name1") or m.group("name2")
        kind = m.group("kind1") or m.group("kind2")
        if name in _NOT_A_PLACE or name in _GENRE_WORDS or gaz.lookup(name):
            continue
        if m.group("name2") and re.search(
            r"(?:^|[.!?]\s+|\n)$", text[max(0, m.start() - 3) : m.start()]
        ):
            continue  # "Smart city construction ...": a sentence's first word is no name
        cls = "City" if kind.lower() == "city" else "County"
        out.append(Mention(m.start(), m.end(), _region_iri(name), "region", cls, name, m.group(0)))
    return out


# A headline that is only a name, ending in a kind word: "Zhangjiang Core Park" over a
# profile whose body says "The park was built in 1992 ...".
_HEADLINE_NAME_RE = re.compile(
    r"[A-Z][\w'’-]*(?:[^\S\n]+(?:[A-Z][\w'’-]*|of|and|&)){0,6}[^\S\n]+"
    r"(?P<head>Park|Zone|Area|District|Base|Port|Valley|Town|City)[^\S\n]*(?=\n)"
)


def _headline_name(text: str, gaz: Gazetteer) -> list[Mention]:
    m = _HEADLINE_NAME_RE.match(text)
    if m is None:
        return []
    name = text[: m.end("head")]
    hit = gaz.lookup(name)
    if hit and _kind_of(hit[1]) != "zone":
        return []  # "Suzhou City": a place
    label = _canonical_zone_name(name)
    iri, cls = (hit[0], hit[1]) if hit else (_zone_iri(label), "DevelopmentZone")
    return [
        Mention(
            0,
            len(name),
            iri,
            "zone",
            cls,
            _ref_label(iri) if hit else label,
            name,
            reference=bool(hit),
        )
    ]


def _place_names_alone(text: str, start: int, mentions: list[Mention]) -> list[Mention]:
    # "... signed in the city of Kunshan. Kunshan has attracted ...": the name alone, when
    # no zone of the text is named after it ("Changsha National High-Tech ... Zone" makes a
    # bare "Changsha" the zone's short name, not the city's).
    places = {
        m.label: m
        for m in mentions
        if m.kind == "region"
        and m.cls in ("City", "County")
        and not m.reference
        and _NAMED_PLACE_RE.fullmatch(m.surface.removeprefix("in "))
    }
    extra: list[Mention] = []
    for name, first in places.items():
        if any(
            z.kind == "zone" and z.label.split()[:1] == [name] and z.start < first.start
            for z in mentions
        ):
            continue  # the zone was named first: its short name
        for hit in re.finditer(rf"(?<![\w-])(?<![A-Z][a-z] ){name}(?![\w-])(?!\s+[A-Z])", text):
            if hit.start() < start or _CAPITAL_BEFORE_RE.search(
                text, max(0, hit.start() - 40), hit.start()
            ):
                continue
            if any(x.start < hit.end() and hit.start() < x.end for x in mentions + extra):
                continue
            extra.append(replace(first, start=hit.start(), end=hit.end(), surface=name))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


def _placed_zone_mentions(text: str, start: int, gaz: Gazetteer) -> list[Mention]:
    out = _lower_kind_zone_mentions(text, start, gaz)
    for m in _PLACED_ZONE_RE.finditer(text, start):
        kind, place = " ".join(m.group("kind").split()), m.group("place")
        canonical = _canonical_zone_name(f"{place} {kind}")
        hit = gaz.lookup(canonical)
        iri, cls, label = (
            (hit[0], hit[1], _ref_label(hit[0]))
            if hit and _kind_of(hit[1]) == "zone"
            else (_zone_iri(canonical), _zone_class(kind, place), canonical)
        )
        at = m.start("kind")
        out.append(
            Mention(
                at,
                m.end(),
                iri,
                "zone",
                cls,
                label,
                text[at : m.end()],
                zone_kind=_family(kind),
                reference=bool(hit),
            )
        )
    return out


_FOR_TAIL_RE = re.compile(r"\s+for\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*")
_AREA_OF_RE = re.compile(r"(?:^|\s)[A-Z][\w'’-]*\s+(?:Area|Section)$")


def _canonical_zone_name(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"\bHi(?:gh)?-?[Tt]ech\b", "High-Tech", name)
    name = re.sub(r"Innovation,\s+Startup Park", "Innovation and Startup Park", name)
    name = re.sub(r"\s*&\s*", " and ", name)
    return name


def _family(suffix: str) -> str:
    s = normalise(suffix)
    if "high-tech" in s and "park" not in s.split()[-1:]:
        return "high-tech"
    if "economic" in s or s == "etdz":
        return "etdz"
    if "bonded" in s:
        return "bonded"
    return s


def _zone_class(suffix: str, prefix: str) -> str:
    s = normalise(suffix)
    if "economic" in s or s == "etdz":
        return "EconomicTechnologicalDevelopmentZone"
    if "high-tech" in s:
        return "HighTechZone"
    if "bonded" in s:
        return "ComprehensiveBondedZone"
    if "free trade" in s or s == "ftz":
        return "FreeTradeZone"
    if "cooperation center" in s or "cooperation centre" in s:
        return "CooperationPlatform"
    if "park" in s or _partners(prefix):
        return "CooperationPark" if ("cooperation" in s or _partners(prefix)) else "DevelopmentZone"
    if "demonstration" in s:
        return "DemonstrationZone"
    if "pilot" in s:
        return "PilotZone"
    return "DevelopmentZone"


def _partners(prefix: str) -> list[str]:
    """Countries or regions a park is named after ("Singapore-Sichuan", "China-Korea")."""
    first = prefix.split()[0] if prefix.split() else ""
    if "-" not in first:
        return []
    gaz = gazetteer()
    out = []
    for part in first.split("-"):
        hit = gaz.lookup(part)
        if hit and is_partner_place(*hit):
            out.append(hit[0])
    return out


def _org_class(chunk: str) -> str:
    if re.search(r"\b(?:Cent(?:er|re)|Institute|Academy|University)\b", chunk):
        return "ResearchInstitution"
    if re.search(r"\b(?:Company|Corporation|Group|Ltd|Bank|Branch|Telecom)\b", chunk):
        return "Company"
    return "GovernmentBody"


def _named_mention(chunk: str, at: int, kind: str, cls: str, gaz: Gazetteer) -> Mention | None:
    trimmed = _trimmed(chunk, at)
    if trimmed is None:
        return None
    name, at = trimmed
    if len(name.split()) < 2 and kind != "index":
        return None
    hit = gaz.lookup(name) or gaz.lookup(re.sub(r"\s*\([^()]*\)$", "", name))
    if hit and _kind_of(hit[1]) == kind:
        return Mention(
            at, at + len(name), hit[0], kind, hit[1], _ref_label(hit[0]), name, reference=True
        )
    label = " ".join(name.split())
    minters = {"org": _org_iri, "index": _index_iri, "event": _event_iri}
    return Mention(at, at + len(name), minters[kind](label), kind, cls, label, name)


def _join_org_chains(text: str, out: list[Mention]) -> None:
    # "X Research Center of the Institute of Y, China Academy of Sciences" names one body.
    out.sort(key=lambda m: m.start)
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        between = text[a.end : b.start]
        if (
            a.kind == b.kind == "org"
            and between == ", "
            and not a.reference
            and re.search(r"\b(?:Academy|University|Ministry)\b", b.label)
        ):
            label = f"{a.label}, {b.label}"
            joined = Mention(
                a.start, b.end, _org_iri(label), "org", a.cls, label, text[a.start : b.end]
            )
            joined.kind_label = a.surface.split(" of the ")[0]
            out[i : i + 2] = [joined]
            joined.number = None
            joined.region = b.iri  # the parent body, kept for the graph
        i += 1


_GROUP_HINT_RE = re.compile(
    r"(?=[zpaefZPAEF])(?:zones\b|parks\b|areas\b|ports\b|ETDZs|P?FTZs\b)", re.I
)
_GROUP_HINT_LOW_RE = re.compile(r"zones\b|parks\b|areas\b|ports\b|etdzs|p?ftzs\b")  # on lowered()


def _group_matches(text: str, start: int):
    # The full pattern is slow to try at every position: try it only just before the
    # plural head words it must end with.
    pos = start
    low = lowered(text)
    hints = (
        _GROUP_HINT_RE.finditer(text, start)
        if low is None
        else _GROUP_HINT_LOW_RE.finditer(low, start)
    )
    for hint in hints:
        if hint.end() <= pos:
            continue
        lo = max(pos, hint.start() - 90)
        for m in _GROUP_RE.finditer(text, lo, min(len(text), hint.end() + 60)):
            if m.start("kind") <= hint.start() < m.end("kind"):
                yield m
                pos = m.end()
                break


def _group_mentions(text: str, start: int, gaz: Gazetteer) -> list[Mention]:
    out = []
    for m in _group_matches(text, start):
        kind_text = m.group("kind")
        label, zone_kind = next(
            (lab, zk) for rx, lab, zk in _GROUP_KINDS if re.fullmatch(rx, kind_text, re.I)
        )
        level_text = (m.group("level") or "").lower()
        level = (
            "national"
            if level_text.startswith(("national", "state"))
            else ("provincial" if level_text.startswith("provincial") else None)
        )
        region = None
        for name in (m.group("poss"), m.group("pre"), m.group("in")):
            if name:
                region = _region_of(name, gaz) or region
        # "Total high-tech zones": a capitalised word that is no place is not the group's
        unplaced = m.group("pre") is not None and _region_of(m.group("pre"), gaz) is None
        number = None
        if num := m.group("num"):
            number = int(num.replace(",", "")) if num[0].isdigit() else WORD_NUMBERS[num.lower()]
        s = m.start("num") if m.group("num") and not m.group("poss") else m.start()
        if (m.group("det") or unplaced) and not m.group("poss") and not m.group("num"):
            s = m.start("level") if m.group("level") else m.start("kind")
        mention = Mention(
            s,
            m.end(),
            "",
            "group",
            "ZoneGroup",
            "",
            text[s : m.end()],
            level=level,
            zone_kind=zone_kind,
            kind_label=label,
            number=number,
        )
        mention.region = region
        out.append(mention)
    return out


def _region_of(name: str, gaz: Gazetteer) -> str | None:
    low = " ".join(name.lower().split()).replace("this ", "the ")
    if low in ("the country", "china"):
        return iris.country_iri("CN")
    if low in ("the province", "the city"):
        return "?" + low.split()[-1]  # resolved later against the nearest province or city
    hit = gaz.lookup(re.sub(r"\s+(?:Province|City)$", "", name)) or gaz.lookup(name)
    if hit and hit[1] in REGION_CLASSES:
        return hit[0]
    return None


def group_label(kind_label: str, level: str | None, region_label: str | None, china: bool) -> str:
    """Canonical name of a group of zones.

    >>> group_label("economic development zones", "national", "Sichuan", False)
    'Sichuan national economic development zones'
    >>> group_label("high-tech zones", "national", "China", True)
    'national high-tech zones in China'
    """
    body = f"{level} {kind_label}" if level else kind_label
    if china:
        return f"{body} in China"
    return f"{region_label} {body}" if region_label else body


# Every macro region ends in (or, for the named ones, contains) one of these words, at most
# a few dozen characters from where it starts: the full pattern is tried only around them.
_MACRO_ANCHOR_RE = re.compile(r"China|Delta|Bay Area|Beijing-Tianjin-Hebei|Chengdu-Chongqing", re.I)
_MACRO_ANCHOR_LOW_RE = re.compile(_MACRO_ANCHOR_RE.pattern.lower())  # on lowered()


def _macro_matches(text: str, start: int):
    windows: list[list[int]] = []
    low = lowered(text)
    anchors = (
        _MACRO_ANCHOR_RE.finditer(text, start)
        if low is None
        else _MACRO_ANCHOR_LOW_RE.finditer(low, start)
    )
    for a in anchors:
        lo, hi = max(start, a.start() - 50), min(len(text), a.end() + 40)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from _MACRO_RE.finditer(text, lo, hi)


def _macro_mentions(text: str, start: int) -> list[Mention]:
    out = []
    for m in _macro_matches(text, start):
        if m.group("named"):
            label = m.group("named")
        else:
            parts = [re.sub(r"ern$", "", p.lower()) for p in (m.group("a"), m.group("b")) if p]
            label = " and ".join(parts) + " China"
        iri = _region_iri(label)
        out.append(Mention(m.start(), m.end(), iri, "region", "MacroRegion", label, m.group(0)))
    return out


def _event_mentions(text: str, start: int) -> list[Mention]:
    out = []
    # an event is named with its date ("... held on March 29, 2022"): no such date, no event
    if not _has_event_hint(text, start) or not _EVENT_DATE_RE.search(text, start):
        return out
    for m in _EVENT_RE.finditer(text, start):
        label = m.group("label").strip()
        from loaders.text.document import find_dates

        date = find_dates(m.group("date"))[0][2]
        mention = Mention(
            m.start("label"),
            m.end("label"),
            _event_iri(f"{label} {date}"),
            "event",
            "Event",
            label,
            label,
        )
        mention.kind_label = date
        out.append(mention)
    return out


_EVENT_HINTS = _EVENT_HINT_RE.pattern.split("|")


def _has_event_hint(text: str, start: int) -> bool:
    tail = lowered(text[start:])
    if tail is None:
        return _EVENT_HINT_RE.search(text, start) is not None
    return any(word in tail for word in _EVENT_HINTS)


def _anaphor_mentions(text: str, start: int) -> list[Mention]:
    out = []
    for m in _ANAPHOR_RE.finditer(text, start):
        what = " ".join(m.group("what").lower().split())
        if text[m.start()].isupper() and m.group("det") != "The":
            continue
        kind = (
            "region"
            if what in ("province", "country", "nation", "city")
            else ("group" if what.endswith(("zones", "parks", "special areas")) else "zone")
        )
        mention = Mention(m.start(), m.end(), "", kind, "", "", m.group(0), anaphor=True)
        mention.kind_label = what
        out.append(mention)
    return out


def _resolve_zones(text: str, mentions: list[Mention], gaz: Gazetteer) -> None:
    # A short form ("Chengdu High-Tech Zone") takes the full name the document also uses.
    full: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        if m.kind == "zone" and not m.anaphor and m.zone_kind:
            key = _zone_key(m.label)
            best = full.get(key)
            if best is None or len(m.label) > len(best.label):
                full[key] = m
    for m in mentions:
        if m.kind == "zone" and not m.anaphor and m.zone_kind:
            best = full[_zone_key(m.label)]
            m.iri, m.label, m.cls = best.iri, best.label, best.cls
    # "Binhai New Area" in a text about "Tianjin Binhai New Area": the name the document
    # gave in full, when the short one is its tail.
    labels = {m.label: m for m in mentions if m.kind == "zone" and not m.anaphor}
    for m in mentions:
        if m.kind == "zone" and not m.anaphor and not m.reference:
            longer = [
                x
                for lab, x in labels.items()
                if len(lab) > len(m.label) and re.search(r"[\s-]" + re.escape(m.label) + "$", lab)
            ]
            if len({x.iri for x in longer}) == 1:
                m.iri, m.label, m.cls, m.reference = (
                    longer[0].iri,
                    longer[0].label,
                    longer[0].cls,
                    longer[0].reference,
                )
    # Groups: resolve "in the province" and fill in labels and IRIs.
    last_province = None
    for m in mentions:
        if m.kind == "region" and m.cls == "Province" and not m.anaphor:
            last_province = m.iri
        if m.kind == "group":
            if m.region == "?province":
                m.region = last_province
            elif m.region == "?city":
                m.region = None
            if m.region is None and m.number:
                m.region = _region_later(text, m.end, gaz, last_province)
            if (
                m.region is None
                and m.level == "national"
                and not re.search(r"['’]s\b", m.surface)
                and _ALL_NATIONAL_RE.search(text, max(0, m.start - 12), m.start)
            ):
                # "In 2020, the national ETDZs realized ...": every national zone of the
                # kind is in China. After "among" or "of" it is the field of a ranking.
                m.region = iris.country_iri("CN")
            if (
                m.region is None
                and _NATIONAL_KIND_RE.search(m.surface)
                and (m.number is None or last_province is None)
            ):
                # "Developing pilot free trade zones is ...", "21 PFTZs": the pilot free trade
                # zones (and the customs' specially supervised areas) are a national
                # programme; named with no place, they are China's
                # ("the three pilot free trade zones" of a text about a province are its).
                m.region = iris.country_iri("CN")
            if _PILOT_FTZS_RE.search(m.surface):
                m.kind_label = "pilot free trade zones"
            _name_group(m, gaz)
            if m.region and _region_class(m.region) == "Province":
                last_province = m.region


# Kinds of zones that only the central government sets up: named with no place, China's
_NATIONAL_KIND_RE = re.compile(
    r"\bpilot\s+free\s+trade\s+zones\b|\bPFTZs\b|\bsupervis(?:ed|ion)\s+areas\b", re.I
)
_PILOT_FTZS_RE = re.compile(r"\bpilot\s+free\s+trade\s+zones\b|\bPFTZs\b", re.I)
_ALL_NATIONAL_RE = re.compile(r"(?:^|[.;,]\s+|\n|\b(?:the|all|these|China['’]s)\s+)$", re.I)


def _region_class(iri: str) -> str | None:
    if iri.startswith(iris.ID + "country/"):
        return "Country"
    hit = gazetteer().lookup(_ref_label(iri))
    return hit[1] if hit else None


def _region_later(text: str, at: int, gaz: Gazetteer, province: str | None) -> str | None:
    # "217 national economic development zones were assessed and ranked in China"
    rest = re.split(r"[;.]\s", text[at : at + 160], maxsplit=1)[0]
    m = re.search(
        r"\b(?:in|across)\s+(China|the country|the province|[A-Z][a-z]+)\b"
        r"|\b(nationwide)\b",
        rest,
    )
    if not m:
        return None
    name = m.group(1) or "China"
    if name == "the province":
        return province
    return _region_of(name, gaz)


def _zone_key(label: str) -> tuple[str, str]:
    suffix = list(_ZONE_SUFFIX_RE.finditer(label))
    if not suffix:
        return (normalise(label), "")
    s = suffix[-1]
    prefix, family = normalise(label[: s.start()]), _family(s.group(0))
    if family in ("ftz", "free trade zone", "pilot free trade zone"):
        # "Fujian FTZ", "Fujian Pilot Free Trade Zone" and "China (Fujian) Pilot Free Trade
        # Zone" are one zone: the province's pilot free trade zone
        family = "ftz"
        if re.match(r"China\s*\(", label):
            prefix = re.sub(r"^china\s+", "", prefix)
    return (prefix, family)


def _name_group(m: Mention, gaz: Gazetteer) -> None:
    if not m.region:
        m.iri = ""  # "national economic development zones" in general: not a group of figures
        return
    china = m.region == iris.country_iri("CN")
    region_label = _ref_label(m.region)
    m.label = group_label(m.kind_label or "", m.level, region_label, china)
    kind_surface = (
        re.sub(r"^(?:the|its|their|all|these|[\d,]+|\w+)\s+(?=\w)", "", m.surface)
        if m.number
        else m.surface
    )
    level = f"{m.level} " if m.level else ""
    for name in (
        m.surface,
        kind_surface,
        m.label,
        f"{region_label} {kind_surface}",
        f"{region_label} {level}{m.kind_label}",
    ):
        hit = gaz.lookup(name)
        if hit and hit[1] == "ZoneGroup":
            m.iri, m.label, m.reference = hit[0], _ref_label(hit[0]), True
            return
    m.iri = _group_iri(m.label)


def _name_indices(text: str, mentions: list[Mention]) -> None:
    # "The Internationalization Index, jointly created by the Chengdu High-Tech ... Zone":
    # an index named without its zone takes the zone's short name, so that two zones'
    # indices of the same name stay apart.
    zones = [m for m in mentions if m.kind == "zone" and not m.anaphor]
    for m in mentions:
        if m.kind != "index" or m.reference:
            continue
        for z in zones:
            between = text[m.end : z.start]
            if 0 <= z.start - m.end < 120 and re.search(r"\bby\b|\bof\b", between):
                if normalise(m.label).startswith(normalise(z.label.split()[0])):
                    break
                short = min(
                    (x.surface for x in zones if x.iri == z.iri and x.surface.endswith("Zone")),
                    key=len,
                    default=z.label,
                )
                old = m.label
                label = f"{_canonical_zone_name(short)} {old}"
                for other in mentions:
                    if other.kind == "index" and other.label == old:
                        other.iri, other.label, other.region = _index_iri(label), label, z.iri
                        other.number = 1  # marks "index of" the zone in .region
                break


def _resolve_subindices(text: str, mentions: list[Mention]) -> None:
    # "... index system reflects ...: “a, b, c”": the quoted items are its sub-indices.
    indices = [m for m in mentions if m.kind == "index"]
    if not indices:
        return
    subs: dict[str, Mention] = {}
    for lm in _SUBINDEX_LIST_RE.finditer(text):
        parent = next((m for m in reversed(indices) if m.start < lm.start()), indices[0])
        pos = lm.start(1)
        for item in lm.group(1).split(","):
            label = " ".join(item.split())
            at = pos + len(item) - len(item.lstrip())
            pos += len(item) + 1
            if not label or len(label.split()) > 8:
                continue
            sub = Mention(
                at,
                at + len(label),
                _index_iri(f"{parent.label} {label}"),
                "index",
                "SubIndex",
                label,
                label,
            )
            sub.region = parent.iri
            subs[normalise(label)] = sub
            mentions.append(sub)
    for m in mentions:
        key = normalise(re.sub(r"\s+Index$", "", m.label))
        key = re.sub(r"\bthe\b ", "", key)
        if m.kind == "index" and m.cls != "SubIndex":
            sub = subs.get(key)
            if sub is not None:
                m.iri, m.label, m.cls, m.region = sub.iri, sub.label, "SubIndex", sub.region
    mentions.sort(key=lambda m: m.start)


_POPULATION_RE = re.compile(r"\bamong\s+(?:the\s+|all\s+)?$", re.I)


def _resolve_anaphora(text: str, mentions: list[Mention], gaz: Gazetteer) -> None:
    last: dict[str, Mention] = {}
    main_zone = _main_zone(mentions)
    for i, m in enumerate(mentions):
        if not m.anaphor:
            if m.kind == "region" and m.cls in ("Province", "City"):
                last[m.cls] = m
            if m.kind == "group" and m.region and _region_class(m.region) == "Province":
                # "Jiangsu's zones ... of the province's total": the group's province.
                label = _ref_label(m.region)
                last["Province"] = Mention(
                    m.start, m.end, m.region, "region", "Province", label, label
                )
            if m.kind == "zone" and _LISTED_PART_RE.search(text, max(0, m.start - 200), m.start):
                # "It is composed of six areas -- A, B, Hohhot Export Processing Zone, ...": a
                # part listed is not what "the zone" of the next sentences is.
                continue
            if m.kind == "zone" and _quoted_title(text, m):
                continue  # "honors: “... Model Industry Cluster District”": a title, no antecedent
            if m.kind == "zone":
                last[m.zone_kind or "zone"] = m
                last["zone"] = m
                last["head:" + _head(m.label)] = m
                if re.search(r"\bDevelopment\s+(?:Zone|Area)$|\bETDZ$", m.label):
                    last["development zone"] = m
            if m.kind == "group" and m.iri and not _POPULATION_RE.search(text, 0, m.start):
                # "among 169 national high-tech zones": the field of a ranking, not what
                # "the high-tech zones" of the next sentences are.
                last["group"] = m
            continue
        what = m.kind_label or ""
        target = None
        if what in ("country", "nation"):
            m.iri, m.cls, m.label = (
                iris.country_iri("CN"),
                "Country",
                _ref_label(iris.country_iri("CN")),
            )
            continue
        if what.endswith(("zones", "parks", "special areas")):
            target = last.get("group")
        elif what == "province":
            target = last.get("Province")
        elif what == "city":
            target = last.get("City")
        elif "bonded" in what:
            target = last.get("bonded") or _bonded_zone_of(main_zone, m)
        elif "high-tech" in what:
            target = last.get("high-tech")
        elif what.endswith("development zone"):
            # "The Development Zone of Tianjin ... Binhai New Area ... the development zone":
            # a development zone, not the new area named after it
            target = last.get("development zone") or last.get("zone")
        elif what in ("zone", "area"):
            # "the area under the trusteeship of the Shenfu New Development Zone": the area
            # of the zone named right after it, not of the zone named before
            target = _zone_of_phrase(text, m, mentions[i + 1 : i + 2]) or last.get("zone")
        elif what.endswith("district"):
            # "the Industry Cluster District", "the district": a zone named a district only
            # ("the district" of a text about a park is a district of the city, no zone)
            target = last.get("head:district")
        elif what == "base":
            # "Ningdong Energy and Chemical Industry Base ... the base": a zone named a base
            # only ("the base" of a text about a park is a production base, no zone)
            target = last.get("head:base")
        else:
            # "the park", "the new area", "the free trade zone": the last zone of that kind
            # ("Shenyang ETDZ, where the park is located": the park, not the ETDZ).
            target = last.get("head:" + _head(what)) or last.get("zone")
        if target is not None:
            m.iri, m.cls, m.label, m.zone_kind = (
                target.iri,
                target.cls,
                target.label,
                target.zone_kind,
            )
            m.reference, m.region = target.reference, target.region
            if m.kind == "zone" and target is not None and "bonded" in what:
                last["bonded"] = m


_OF_ZONE_RE = re.compile(r"[^\S\n]+(?:[a-z]+[^\S\n]+){0,3}?of[^\S\n]+(?:the[^\S\n]+)?")


def _zone_of_phrase(text: str, m: Mention, after: list[Mention]) -> Mention | None:
    if (
        after
        and after[0].kind == "zone"
        and not after[0].anaphor
        and _OF_ZONE_RE.fullmatch(text, m.end, after[0].start)
    ):
        return after[0]
    return None


_LISTED_PART_RE = re.compile(
    r"\b(?:(?:is|are)\s+)?(?:composed\s+of|consists?\s+of|consisting\s+of|compris(?:es|ing)"
    r"|made\s+up\s+of|divided\s+into|includ(?:es|ing)|covering)\b(?:[^.;\n]|(?<=\d)\.(?=\d))*$",
    re.I,
)


def _head(name: str) -> str:
    """The kind word a name ends with: "park", "new area", "free trade zone", "zone"."""
    low = " ".join(name.lower().split())
    for head in ("new area", "free trade zone", "park", "area", "port", "zone"):
        if low.endswith(head):
            return head
    return low.rsplit(" ", 1)[-1]


def _main_zone(mentions: list[Mention]) -> Mention | None:
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for m in mentions:
        if (
            m.kind == "zone"
            and not m.anaphor
            and m.cls in ("HighTechZone", "EconomicTechnologicalDevelopmentZone")
        ):
            counts[m.iri] = counts.get(m.iri, 0) + 1
            first.setdefault(m.iri, m)
    if not counts:
        return None
    return first[max(sorted(counts), key=lambda k: counts[k])]


def _bonded_zone_of(zone: Mention | None, m: Mention) -> Mention | None:
    # Bonded zones are named after the zone that hosts them ("Chengdu High-Tech
    # Comprehensive Bonded Zone"): "the comprehensive bonded area" of a text about a zone.
    if zone is None:
        return None
    suffix = list(_ZONE_SUFFIX_RE.finditer(zone.label))
    if not suffix:
        return None
    s = suffix[-1]
    host = zone.label[: s.start()].strip()
    if s.group("ht"):
        host += " High-Tech"
    label = f"{host} Comprehensive Bonded Zone"
    hit = gazetteer().lookup(label)
    bonded = Mention(
        m.start,
        m.end,
        hit[0] if hit else _zone_iri(label),
        "zone",
        "ComprehensiveBondedZone",
        _ref_label(hit[0]) if hit else label,
        m.surface,
        zone_kind="bonded",
        reference=bool(hit),
    )
    bonded.region = zone.iri  # host zone, for dz:partOfZone
    return bonded
