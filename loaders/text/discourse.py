"""Document-level discourse state: what a text is about when a sentence does not say.

Real texts name their subject once, in the headline or the opening sentence, and then
write "Industrial investment was 17.01 billion yuan." or "the zone". The topic is the
zone or group of zones the headline names (when the body names it too), else the first
one the body's opening paragraph names; a sentence with no subject of its own is about
it, unless it opens with another name.

>>> from loaders.text.document import parse_text
>>> from loaders.text.entities import find_mentions
>>> doc = parse_text("Kunming National Hi-Tech Industries Development Zone grew.\\n\\n"
...                  "Industrial investment was 8 billion yuan.")
>>> document_topic(doc, find_mentions(doc.text)).label
'Kunming National High-Tech Industries Development Zone'
"""

from __future__ import annotations

import re

from loaders.text.document import Document
from loaders.text.entities import Mention, _zone_key, find_mentions
from loaders.text.periods import find_periods

__all__ = ["TOPIC_KINDS", "Topics", "document_topic", "headline_period", "is_heading"]

TOPIC_KINDS = ("zone", "group")


def _named(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.kind in TOPIC_KINDS and not m.anaphor]


# "Xiamen area of Fujian FTZ": the headline is about a part of the zone it names
_OF_BEFORE_RE = re.compile(r"\b(?:area|areas|part|section|sub-zone)\s+of\s+(?:the\s+)?$", re.I)


def document_topic(doc: Document, mentions: list[Mention]) -> Mention | None:
    """The zone or group of zones the document is about, as its first mention in the body."""
    body = [m for m in _named(mentions) if m.start < doc.body_end]
    if not body and not any(m.anaphor and m.kind in TOPIC_KINDS for m in mentions):
        return None
    if doc.title_span:
        start, end = doc.title_span
        for headline in _named(find_mentions(doc.text, start, end)):
            if _OF_BEFORE_RE.search(doc.text, start, headline.start):
                continue  # "Xiamen area of Fujian FTZ sees ...": the FTZ is not the topic
            same = next((m for m in body if _same_entity(m, headline)), None)
            if same is not None:
                return same
            if any(m.anaphor and m.iri == headline.iri for m in mentions):
                # "Economic Operation Analysis of Zhejiang Longquan Economic Development
                # Zone" over a body that says only "the development zone"
                return headline
    # "UETD history" over the first paragraph: a sub-heading is no opening paragraph
    first_paragraph = next(
        (
            s.paragraph
            for s in doc.sentences
            if not (doc.title_span and s.start < doc.title_span[1])
            and not is_heading(doc.text[s.start : s.end])
        ),
        doc.sentences[0].paragraph if doc.sentences else 0,
    )
    opening = [
        m
        for s in doc.sentences
        if s.paragraph == first_paragraph
        for m in body
        if s.start <= m.start < s.end
        # "among the 217 national-level zones participating in the assessment, Hefei ...":
        # the field of a ranking is not what the document is about
        and not (m.kind == "group" and _FIELD_BEFORE_RE.search(doc.text, s.start, m.start))
        # "Located in the core region of Xiangjiang New Area, Hunan province, Wangcheng
        # ETDZ is ...": the zone where the subject lies is not what the text is about
        and not (
            _LOCATED_FRONT_RE.match(doc.text, s.start, m.start)
            and any(z.start > m.end and z.kind == "zone" for z in body if z.start < s.end)
        )
    ]
    if opening:
        return opening[0]
    administration = _administration_of(doc, mentions, body, first_paragraph)
    if administration is not None:
        return administration
    after_title = doc.title_span[1] if doc.title_span else 0
    return _dominant([m for m in mentions if after_title <= m.start < doc.body_end])


# "Data issued by Liangjiang New Area Administrative Committee shows ...": a zone's
# administration, whose figures are the zone's
_ADMINISTRATION_RE = re.compile(
    r"^(?P<zone>.+?)\s+(?:Administrative|Administration|Management)\s+Committee$"
)


def _administration_of(doc, mentions, body, paragraph) -> Mention | None:
    for s in doc.sentences:
        if s.paragraph != paragraph:
            continue
        for m in mentions:
            if not (s.start <= m.start < s.end and m.kind == "org"):
                continue
            named = _ADMINISTRATION_RE.match(m.label)
            if named is None:
                continue
            key = _zone_key(named.group("zone"))
            if not key[1]:
                continue  # "Shanghai Municipal Administrative Committee": no zone's name
            zone = next((z for z in body if z.kind == "zone" and _zone_key(z.label) == key), None)
            if zone is not None:
                return zone
    return None


def _dominant(body: list[Mention]) -> Mention | None:
    # "A series of projects started in a key development zone in Ningxia. The committee of
    # Ningdong ... Base said ... the base ...": a text that names its zone only after
    # describing it is about the zone it keeps naming, by name or as "the zone".
    counts: dict[str, int] = {}
    for m in body:
        if m.kind == "zone" and m.iri:
            counts[m.iri] = counts.get(m.iri, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 3 or (len(ranked) > 1 and ranked[1] * 2 > ranked[0]):
        return None
    top = next(iri for iri, n in counts.items() if n == ranked[0])
    return next(m for m in body if m.iri == top and not m.anaphor)


_FIELD_BEFORE_RE = re.compile(r"\b(?:among|of\s+all)\s+(?:the\s+)?$", re.I)
_LOCATED_FRONT_RE = re.compile(
    r"(?:Located|Situated|Lying|Nestled|Set)\s+(?:in|at|on|within|inside)\s[^,;]*$"
)


def _same_entity(body: Mention, headline: Mention) -> bool:
    # "Hefei Economic Zone" in the headline is the body's "Hefei Economic and Technological
    # Development Zone": the headline is read alone, so its short form resolves by the key
    # the body's names share (entities._zone_key)
    if body.iri == headline.iri:
        return True
    return body.kind == headline.kind == "zone" and _zone_key(body.label) == _zone_key(
        headline.label
    )


# "Development of Suzhou New District in 2017", "Songshan Lake grows 11% in 2019": the year a
# headline names. "by 2025", "to 2035", "will ..." name a target, not the period reported.
_HEADLINE_YEAR_RE = re.compile(r"\b(?:in|for|during)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")
_HEADLINE_PLAN_RE = re.compile(
    r"\b(?:will|by|to|plans?|aims?|targets?)\s+(?:\w+\s+)?(?:19|20)\d\d\b", re.I
)


def headline_period(doc: Document, ref_year: int | None = None) -> tuple[str, str] | None:
    """The period the headline names, which the body's figures are of until it names one.

    >>> from loaders.text.document import parse_text
    >>> headline_period(parse_text("Development of Suzhou New District in 2017\\n\\nGDP grew."))
    ('2017', 'the headline names "in 2017"')
    """
    if not doc.title_span:
        return None
    start, end = doc.title_span
    title = doc.text[start:end]
    if _HEADLINE_PLAN_RE.search(title):
        return None
    found = [p for p in find_periods(doc.text, start, end, ref_year=ref_year) if p.writable]
    if len(found) == 1 and found[0].code[:4].isdigit():
        return found[0].code, f'the headline names "{doc.text[found[0].start : found[0].end]}"'
    years = {m.group("year") for m in _HEADLINE_YEAR_RE.finditer(title)}
    if not found and len(years) == 1:
        (year,) = years
        return year, f'the headline names "in {year}"'
    return None


_HEADING_END = re.compile(r"[.!?;:,\"”)]\s*$")


def is_heading(line: str) -> bool:
    """A sub-heading inside the body: a short line that is not a sentence.

    >>> is_heading("Economy & Technology Development Zone"), is_heading("Exports rose 5%.")
    (True, False)
    """
    words = line.split()
    return 0 < len(words) <= 12 and not _HEADING_END.search(line) and line[:1].isupper()


class Topics:
    """The topic in force at each offset: the document's, until a sub-heading starts a
    section, which has none (its figures are not given to the document's topic)."""

    def __init__(self, doc: Document, mentions: list[Mention]) -> None:
        self._starts: list[int] = [0]
        self._topics: list[Mention | None] = [document_topic(doc, mentions)]
        for s in doc.sentences:
            line = doc.text[s.start : s.end]
            if not is_heading(line) or (doc.title_span and s.start < doc.title_span[1]):
                continue
            # A section is about what its heading says, which is often not one entity
            # ("Economy & Technology Development Zone" over figures of three zones): its
            # figures need a subject of their own.
            self._starts.append(s.start)
            self._topics.append(None)

    def at(self, offset: int) -> Mention | None:
        """The topic in force at ``offset``."""
        i = 0
        for j, start in enumerate(self._starts):
            if start <= offset:
                i = j
        return self._topics[i]
