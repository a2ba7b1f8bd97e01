"""Who a text says a figure comes from: "X said ...", "..., according to X", "..., X said".

News of the genre cites the body a figure comes from: "Sichuan Provincial Department of
Commerce said there are currently 10 national economic development zones in the province,
making it rank first in the west China". Each rule below names an organisation as the
source of the figures in a stretch of its sentence; those figures carry
``prov:wasAttributedTo`` the organisation (kg.model.Fact.attributed_to). An event ("according
to the video conference ...") is not an agent: that reading is ``dz:announcedAt`` (facts.py).

>>> [r.name for r in RULES]
['speaker-said', 'according-to', 'said-after']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from loaders.text.document import Document
from loaders.text.entities import Mention
from loaders.text.facts import ExtractedFact

__all__ = ["RULES", "Rule", "attribute"]

_VERBS = (
    r"(?:said|says|stated|states|noted|notes|announced|announces|revealed|reported|reports"
    r"|disclosed|pointed\s+out|introduced)"
)


@dataclass(frozen=True)
class Rule:
    """A construction naming an organisation as the source of figures in its sentence.

    ``before``/``after`` must match the text just before/after the organisation's name;
    ``reach`` is which figures of the sentence it covers: those ``after`` the name, those
    ``before`` it, or the ``whole`` sentence.
    """

    name: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    reach: str
    examples: tuple[str, ...]


RULES = (
    Rule(
        "speaker-said",
        None,
        re.compile(r"\s+(?:has\s+|had\s+)?" + _VERBS + r"\b", re.I),
        "after",
        ("Sichuan Provincial Department of Commerce said there are currently 10 zones.",),
    ),
    Rule(
        "according-to",
        re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:data\s+from\s+(?:the\s+)?)?$", re.I),
        None,
        "whole",
        ("Exports grew 12%, according to the Sichuan Provincial Department of Commerce.",),
    ),
    Rule(
        "said-after",
        re.compile(r",\s*" + _VERBS + r"\s+(?:the\s+)?$", re.I),
        None,
        "before",
        ("The zones had 10 parks, said the Sichuan Provincial Department of Commerce.",),
    ),
)


def _reach(doc: Document, m: Mention) -> tuple[int, int, str] | None:
    # The stretch of the sentence whose figures ``m`` is the source of, and the rule's name.
    sentence = next((s for s in doc.sentences if s.start <= m.start < s.end), None)
    if sentence is None:
        return None
    text = doc.text
    for rule in RULES:
        if rule.before is not None and not rule.before.search(text[sentence.start : m.start]):
            continue
        if rule.after is not None and not rule.after.match(text, m.end, sentence.end):
            continue
        start, end = {
            "after": (m.end, sentence.end),
            "before": (sentence.start, m.start),
            "whole": (sentence.start, sentence.end),
        }[rule.reach]
        return start, end, rule.name
    return None


def attribute(
    facts: list[ExtractedFact], mentions: list[Mention], doc: Document
) -> list[ExtractedFact]:
    """Facts with ``attributed_to`` set where the text names the organisation they come from.

    Attribution is not part of a figure's key: the observation IRIs do not change.
    """
    stretches = [(*found, m) for m in mentions if m.kind == "org" and (found := _reach(doc, m))]
    if not stretches:
        return facts
    out = []
    for f in facts:
        span = f.fact.span
        hit = next((s for s in stretches if span is not None and s[0] <= span.start < s[1]), None)
        if hit is None or f.fact.attributed_to:
            out.append(f)
            continue
        _, _, rule, m = hit
        why = f'{f.why}; attributed to "{m.label}" ({rule})'
        out.append(
            ExtractedFact(replace(f.fact, attributed_to=m.iri), why, f.subject_label, f.rule)
        )
    return out
