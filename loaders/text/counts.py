"""Count frames: the constructions of the genre that say how many of something there are.

Each rule is a name, a pattern read around the number and the counted phrase it gives;
``loaders.text.facts`` asks these rules when its own count reading finds nothing counted
after a number, and names the rule in the fact's reason (``zonegraph extract --explain``).

- ``counted-noun``: the number before a plural noun of the genre the older reading does not
  know ("12 tech unicorns", "30 new facilities");
- ``number-of``: "the (total) number of X (in P) has reached/exceeded/rose to N";

>>> frame = read_count("The zone had attracted 12 tech unicorns by 2020.", 23, 25, 0, 48)
>>> frame.rule, frame.group("np")
('counted-noun', 'tech unicorns')
>>> text = "The total number of market entities exceeded 11,000."
>>> frame = read_count(text, 45, 51, 0, len(text))
>>> frame.rule, frame.group("np"), text[frame.start:frame.end()]
('number-of', 'market entities', 'The total number of market entities exceeded 11,000')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Plural nouns of the genre that are counted, beside those facts.py's own reading knows.
_HEADS = (
    r"unicorns|awards|achievements|results|initiatives|reforms|innovations|deals|facilities"
    r"|stores|shops|outlets|warehouses|buildings|villages|towns|communities|nations|academies"
    r"|stations|doctors|postdocs|specialists|entrepreneurs|customers|users|clients|tenants"
)
_MODIFIER = r"(?:[A-Za-z][\w'’&-]*|\([A-Za-z]+\))"
_NOUN_AFTER = re.compile(rf"\s+(?P<np>(?:{_MODIFIER}\s+){{0,5}}?(?:{_HEADS}))\b", re.I)
# "the total number of market entities (in the zone) (has) exceeded"
_NUMBER_OF_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:total\s+|overall\s+|combined\s+)?number\s+of\s+(?:the\s+)?"
    r"(?P<np>(?:[A-Za-z][\w'’&-]*\s+){0,5}?[a-z][\w'’-]*s)"
    r"(?:\s+(?:in|of|at)\s+[^,;]{1,60}?)?"
    r"\s+(?:(?:has|have|had)\s+(?:now\s+)?|now\s+)?"
    r"(?:reached|exceeded|surpassed|topped|rose\s+to|risen\s+to|increased\s+to|grew\s+to"
    r"|grown\s+to|hit|stood\s+at|stands\s+at|recorded|totall?ed|came\s+to|amounted\s+to|was|is)"
    r"\s+(?:about\s+|around\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+)?$",
    re.I,
)
_NOT_COUNTED = re.compile(r"^(?:years|times|percent|yuan|dollars|days|months|hours)$", re.I)


@dataclass(frozen=True)
class CountFrame:
    """What a rule read: the counted phrase, where the construction starts and ends."""

    rule: str
    np: str
    start: int
    stop: int

    def group(self, name: str) -> str:
        """Like the match of facts.py's own count pattern: ``group("np")``."""
        if name != "np":
            raise KeyError(name)
        return self.np

    def end(self) -> int:
        return self.stop


def _counted_noun(text: str, start: int, end: int, clause_start: int, clause_end: int):
    m = _NOUN_AFTER.match(text, end, clause_end)
    if m is None:
        return None
    return CountFrame("counted-noun", " ".join(m.group("np").split()), start, m.end())


def _number_of(text: str, start: int, end: int, clause_start: int, clause_end: int):
    before = text[max(clause_start, start - 160) : start]
    m = _NUMBER_OF_BEFORE.search(before)
    if m is None or _NOT_COUNTED.match(m.group("np")):
        return None
    offset = start - len(before)
    np = " ".join(m.group("np").split())
    return CountFrame("number-of", np, offset + m.start(), end)


# In order: the first rule that reads the number wins.
RULES = (("number-of", _number_of), ("counted-noun", _counted_noun))

_Q = r"(?:(?:more\s+than|over|about|around|nearly|almost|some|at\s+least)\s+)?"
_NP = r"\s+(?:[A-Za-z][\w'’&-]*\s+){0,6}?"


@dataclass(frozen=True)
class Construction:
    """A count construction of the genre: its name, the words before and after the number."""

    name: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    examples: tuple[str, ...]  # sentences tests/loaders/text/test_counts.py reads


CONSTRUCTIONS = (
    Construction(
        "there-are",
        re.compile(rf"\bthere\s+(?:are|were|is)\s+(?:now\s+|currently\s+)?{_Q}$", re.I),
        None,
        ("In 2021, there are 17 international cooperation parks in Jiangsu.",),
    ),
    Construction(
        "home-to",
        re.compile(rf"\bhome\s+to\s+{_Q}$", re.I),
        None,
        ("Suzhou Industrial Park is home to 130 Fortune 500 companies.",),
    ),
    Construction(
        "a-total-of",
        re.compile(rf"\b(?:a\s+total\s+of|in\s+total|altogether)\s+{_Q}$", re.I),
        None,
        ("In 2022, the Hefei High-tech Zone had a total of 3,315 high-tech enterprises.",),
    ),
    Construction(
        "zones-assessed",
        None,
        re.compile(
            rf"^{_NP}(?:zones|parks|areas)\s+(?:that\s+were\s+|were\s+)?(?:reviewed|assessed"
            r"|evaluated|examined|approved|ranked|included|listed|surveyed)\b",
            re.I,
        ),
        ("In 2020, the 230 national economic development zones reviewed by the ministry grew.",),
    ),
    Construction(
        "settled-in",
        None,
        re.compile(
            rf"^{_NP}[a-z]+s\s+(?:have\s+|had\s+|has\s+)?(?:settled|registered|moved|located"
            r"|set\s+up|opened)\s+(?:in|at)\b",
            re.I,
        ),
        ("In 2019, 56 enterprises settled in the Wuxi High-tech Zone.",),
    ),
    Construction(
        "were-signed",
        None,
        re.compile(
            rf"^{_NP}(?:projects|agreements|contracts|deals)\s+(?:were|have\s+been|had\s+been"
            r"|was|are)\s+(?:signed|launched|introduced|started|approved|completed|attracted)\b",
            re.I,
        ),
        ("In 2019, 120 projects were signed in the Chengdu High-tech Zone.",),
    ),
    Construction(
        "number-of",
        _NUMBER_OF_BEFORE,
        None,
        (
            "In 2018, the total number of market entities in the Chengdu High-tech Zone exceeded"
            " 11,000.",
        ),
    ),
)


def construction(text: str, start: int, end: int, clause_start: int, clause_end: int) -> str:
    """The name of the count construction the number at ``text[start:end]`` stands in
    ("counted-noun" when none of the others: "more than 2,000 foreign-funded enterprises").

    >>> construction("It is home to 130 Fortune 500 companies.", 14, 17, 0, 40)
    'home-to'
    """
    before = text[max(clause_start, start - 160) : start]
    after = text[end:clause_end]
    for c in CONSTRUCTIONS:
        if c.before is not None and not c.before.search(before):
            continue
        if c.after is not None and not c.after.match(after):
            continue
        return c.name
    return "counted-noun"


def read_count(
    text: str, start: int, end: int, clause_start: int, clause_end: int
) -> CountFrame | None:
    """The count frame of the number at ``text[start:end]`` in its clause, if a rule reads it."""
    for _name, rule in RULES:
        found = rule(text, start, end, clause_start, clause_end)
        if found is not None:
            return found
    return None
