"""Reads numbers with their scale words and units: money, percentages, multiples, counts, years.

>>> [(q.value, q.unit) for q in find_quantities("reached RMB 30 billion yuan, up 12.5 percent")]
[('30000000000', 'CNY'), ('12.5', 'PERCENT')]
>>> [(q.value, q.unit) for q in find_quantities("599 million U. S. dollars and $1.2 bn")]
[('599000000', 'USD'), ('1200000000', 'USD')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "hundreds": 0,
    "dozens": 0,
}
ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
SCALES = {
    "thousand": Decimal(10**3),
    "million": Decimal(10**6),
    "mn": Decimal(10**6),
    "mln": Decimal(10**6),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
    "bln": Decimal(10**9),
    "trillion": Decimal(10**12),
    "tn": Decimal(10**12),
    "hundred million": Decimal(10**8),
    "100 million": Decimal(10**8),
    "10,000": Decimal(10**4),
    "ten thousand": Decimal(10**4),
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = "|".join(sorted((w for w in WORD_NUMBERS if WORD_NUMBERS[w]), key=len, reverse=True))
_CURRENCY_PRE = r"(?P<pre>RMB|CNY|Rmb|USD|US\s?\$|U\.\s?S\.\s?\$|\$|¥|￥)\s?"
_SCALE = (
    r"(?P<scale>hundred million|100 million|ten thousand|thousand|million|billion|trillion"
    r"|bn|mn|mln|bln|tn)\b"
)
_POST = (
    r"(?P<post>(?i:yuan)|RMB|CNY|U\.\s?S\.?\s?dollars|US dollars|U\.S\. dollars|USD|dollars|%|"
    r"percentage points?|per ?cent\b|-percent\b|pct\b|times\b|-fold\b|fold\b|(?:metric )?tons\b"
    r"|tonnes\b|"
    r"-?square[- ]kilomet(?:er|re)s?\b|-?(?:square|sq\.?)[- ]?km\b|km2\b|km²"
    # land and floor space, lengths, containers: the text's own unit, never converted
    r"|-?square[- ]met(?:er|re)s?\b|-?sq\.?[- ]?m\b|m2\b|m²|-?hectares?\b|mu\b"
    r"|-?kilomet(?:er|re)s?\b|km\b|TEUs?\b)"
)
QUANTITY_RE = re.compile(
    rf"(?<![\w.,$¥-])(?:{_CURRENCY_PRE})?(?P<num>{_NUM}|(?i:{_WORD})(?!-[A-Za-z]))(?![\w.]\d)"
    r"(?!(?!(?:bn|mn|mln|bln|tn|km)\b)\w)"  # "$1.5bn", "130km": no space before a scale or km
    rf"(?:\s?-?\s?{_SCALE})?(?:\s?{_POST})?"
)
_MULTIPLE_VERBS = re.compile(r"(?=[dtqDTQ])\b(doubled|tripled|trebled|quadrupled)\b", re.I)
_MULTIPLE_VALUES = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4}
_QUALIFIERS = [
    (
        re.compile(
            r"\b(?:more than|over|above|exceed(?:ed|ing|s)?|surpass(?:ed|ing)?|upwards of"
            r"|in excess of|topped)\s+$",
            re.I,
        ),
        "more than",
    ),
    (
        re.compile(
            r"\b(?:about|around|approximately|roughly|some|nearly|almost|close to)\s+$", re.I
        ),
        "about",
    ),
    (re.compile(r"\bat least\s+$", re.I), "at least"),
    (re.compile(r"\b(?:less than|under|below|fewer than)\s+$", re.I), "less than"),
]
# The four in one search (each ends its text with its own last word, so at most one
# matches): group qN is _QUALIFIERS[N].
_QUALIFIER_RE = re.compile(
    "|".join(f"(?P<q{i}>{rx.pattern})" for i, (rx, _) in enumerate(_QUALIFIERS)), re.I
)


@dataclass(frozen=True)
class Quantity:
    """A number in the text, by offsets, with its value (scale resolved) and unit if any.

    ``unit`` is a notation of docs/model.md (CNY, USD, PERCENT, TIMES, T, KM2, HA, M2, MU, KM,
    TEU) or None for
    a bare number; ``word`` tells whether it was spelled out ("three").
    """

    start: int
    end: int
    value: str
    unit: str | None
    qualifier: str | None = None
    word: bool = False
    points: bool = False

    @property
    def number(self) -> Decimal:
        return Decimal(self.value)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number in ``text[start:end]`` with its scale word and unit.

    >>> [(q.value, q.unit) for q in find_quantities("imports and exports of RMB549.17 billion")]
    [('549170000000', 'CNY')]
    >>> [(q.value, q.unit, q.word) for q in find_quantities("grew 23.75 times; three parks")]
    [('23.75', 'TIMES', False), ('3', None, True)]
    >>> find_quantities("more than 130 companies")[0].qualifier
    'more than'
    """
    end = len(text) if end is None else end
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text, start, end):
        q = _quantity(text, m)
        if q is not None:
            out.append(q)
    for m in _MULTIPLE_VERBS.finditer(text, start, end):
        value = _MULTIPLE_VALUES[m.group(1).lower()]
        out.append(Quantity(m.start(), m.end(), str(value), "TIMES", word=True))
    return sorted(out, key=lambda q: q.start)


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    raw = m.group("num")
    word = not raw[0].isdigit()
    if word:
        value = Decimal(WORD_NUMBERS[raw.lower()])
        if not value:
            return None
    else:
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            return None
    scale = m.group("scale")
    if scale:
        value *= SCALES[scale.lower()]
    unit = _unit(m.group("pre"), m.group("post"))
    end = m.end()
    if unit is None and m.group("post") is None and scale is None:
        # A currency word may stand a few words on ("5 billion of yuan"): not in this genre.
        end = m.end("num")
    pre = text[max(0, m.start() - 25) : m.start()]
    q = _QUALIFIER_RE.search(pre)
    qualifier = _QUALIFIERS[int(q.lastgroup[1:])][1] if q else None
    post = (m.group("post") or "").lower()
    return Quantity(
        m.start(), end, format_decimal(value), unit, qualifier, word, post.startswith("percentage")
    )


def _unit(pre: str | None, post: str | None) -> str | None:
    post = (post or "").lower()
    pre = (pre or "").upper().replace(" ", "")
    if (
        post in ("%", "pct")
        or "percent" in post
        or "per cent" in post
        or post.startswith("percentage")
    ):
        return "PERCENT"
    if post in ("times", "-fold", "fold"):
        return "TIMES"
    if "dollar" in post or post == "usd" or "$" in pre or pre == "USD":
        return "USD"
    if post in ("yuan", "rmb", "cny") or pre in ("RMB", "CNY", "¥", "￥"):
        return "CNY"
    if "ton" in post:
        return "T"
    if "km" in post or "kilomet" in post:
        return "KM2" if re.search(r"sq|2|²", post) else "KM"
    if "met" in post or post.endswith(("m", "m2", "m²")):
        return "M2"
    if "hectare" in post:
        return "HA"
    if post == "mu":
        return "MU"
    if post.startswith("teu"):
        return "TEU"
    return None


def format_decimal(value: Decimal) -> str:
    """A decimal as a plain string without exponent or trailing zeros.

    >>> format_decimal(Decimal("961.22") * 10**9)
    '961220000000'
    """
    text = format(value.normalize(), "f")
    return text


def ordinal(word: str) -> int | None:
    """The number an ordinal word names: "third" -> 3, "No. 1" -> 1, "top" -> 1.

    >>> ordinal("third"), ordinal("2nd"), ordinal("number one"), ordinal("top")
    (3, 2, 1, 1)
    """
    w = " ".join(word.lower().split())
    if w in ORDINALS:
        return ORDINALS[w]
    if w in ("top", "the top", "number one", "no. 1", "no.1", "the first"):
        return 1
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", w) or re.fullmatch(r"(?:no\.|number)\s*(\d+)", w)
    if m:
        return int(m.group(1))
    m = re.fullmatch(r"number (\w+)", w)
    if m and m.group(1) in WORD_NUMBERS:
        return WORD_NUMBERS[m.group(1)] or None
    return None


ORDINAL_RE = (
    r"(?:No\.\s?\d+|[Nn]umber (?:one|two|three|\d+)|\d+(?:st|nd|rd|th)|"
    + "|".join(sorted(ORDINALS, key=len, reverse=True))
    + r"|top)"
)
