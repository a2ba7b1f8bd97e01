"""The period grammar: phrases of the genre that name when a figure holds, as period codes.

Each rule is a name, a pattern and a production that turns the match into a code of the
gold convention (``2020``, ``2020-H1``, ``2023-Q1``, ``2018-04``, ``2020-01/2020-08`` for
the first N months, ``2017-2021`` for a cumulative span of years). A phrase that names no
year ("in January", "the first seven months") takes the year the text is about (the last
year named), else the document date's; "last year" and "over the past five years" count
back from the document date. A code the model cannot write (``kg.iris.period_iri`` refuses
it) is returned as ``""`` with the reason, so that a figure is left unstated rather than
given the period carried from an earlier sentence.

>>> [(p.code, p.rule) for p in find_periods("In the first seven months of 2021, exports rose.")]
[('2021-01/2021-07', 'first-n-months')]
>>> [p.code for p in find_periods("From 1993 to 2012, 2,234 projects were carried out.")]
['1993-2012']
>>> [p.code for p in find_periods("as of the end of November", about_year="2023")]
['2023-11']
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg import iris

_MONTHS = [name.lower() for name in calendar.month_name[1:]]
_MONTH = "(?:" + "|".join(calendar.month_name[1:]) + ")"
_N_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_N = r"(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_YEAR = r"(?:19|20)\d\d"
# "of 2021", "of this year", "last year": the year a phrase without its own year belongs to
_OF_YEAR = rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR})|\s+(?:of\s+)?(?P<which>this|last)\s+year)?"


@dataclass(frozen=True)
class PeriodMention:
    """A phrase naming a period: offsets, the code ("" when the model has none), why, rule."""

    start: int
    end: int
    code: str
    why: str
    rule: str

    @property
    def writable(self) -> bool:
        """Whether the model has an IRI for the code (``kg.iris.period_iri`` takes it)."""
        try:
            iris.period_iri(self.code)
        except ValueError:
            return False
        return True


@dataclass(frozen=True)
class _Context:
    ref_year: int | None  # the document date's year
    about_year: str  # the last year the text named


@dataclass(frozen=True)
class PeriodRule:
    """One construction: ``produce(match, context)`` gives (first, last) or None."""

    name: str
    pattern: re.Pattern[str]
    produce: Callable[[re.Match[str], _Context], tuple[str, str] | None]
    # (sentence, code) pairs that tests/loaders/text/test_periods.py runs with a document
    # dated 2021
    examples: tuple[tuple[str, str], ...] = ()
    # Words (lower case) one of which every match contains: a sentence with none of them is
    # not searched, which spares trying the pattern at every position of most sentences.
    cues: tuple[str, ...] = ()


def _n(word: str) -> int | None:
    return int(word) if word.isdigit() else _N_WORDS.get(word.lower())


def _month(word: str) -> int:
    return _MONTHS.index(word.lower()) + 1


def _year_of(m: re.Match[str], ctx: _Context) -> int | None:
    """The year of a phrase: its own, "this/last year" against the document date, else
    the year the text is about, else the document date's."""
    groups = m.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    which = (groups.get("which") or "").lower()
    if which == "last":
        return ctx.ref_year - 1 if ctx.ref_year else None
    if which == "this" and ctx.ref_year:
        return ctx.ref_year
    # also "this year" in a text with no date; never a year after the document date (the
    # year of a target, "by 2025", is not the year achieved figures are of)
    if ctx.about_year.isdigit() and not (ctx.ref_year and int(ctx.about_year) > ctx.ref_year):
        return int(ctx.about_year)
    return ctx.ref_year


def _months_code(year: int, first: int, last: int) -> str:
    """Months first..last of one year, as the calendar period they make when they make one."""
    if first == last:
        return f"{year}-{first:02d}"
    if (first, last) == (1, 12):
        return str(year)
    if last - first == 5 and first in (1, 7):
        return f"{year}-H{1 if first == 1 else 2}"
    if last - first == 2 and first in (1, 4, 7, 10):
        return f"{year}-Q{(first - 1) // 3 + 1}"
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _first_months(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    n, year = _n(m.group("n")), _year_of(m, ctx)
    if not n or not year or not 2 <= n <= 11:
        return None
    return _months_code(year, 1, n), f"the first {n} months of {year}"


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}


def _half_or_quarter(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    n, year, half = _ORDINALS[m.group("o").lower()], _year_of(m, ctx), m.group("k").lower()
    if not year or (half == "half" and n > 2):
        return None
    first = 6 * (n - 1) + 1 if half == "half" else 3 * (n - 1) + 1
    last = first + (5 if half == "half" else 2)
    return _months_code(year, first, last), f"the {m.group('o')} {half} of {year}"


def _first_quarters(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    n, year = _n(m.group("n")), _year_of(m, ctx)
    if not n or not year or not 2 <= n <= 3:
        return None
    return _months_code(year, 1, 3 * n), f"the first {n} quarters of {year}"


def _month_range(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    first, last, year = _month(m.group("m1")), _month(m.group("m2")), _year_of(m, ctx)
    if not year or last <= first:
        return None
    return _months_code(year, first, last), f"months {first}-{last} of {year}"


def _one_month(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    year = _year_of(m, ctx)
    if not year:
        return None
    # "By the end of June" is June, also in a report on the first half: a stock is as of
    # that month; a flow with its change on a year before is summed from January
    # (facts._Sentence._year_to_date)
    return f"{year}-{_month(m.group('m')):02d}", f"{m.group('m')} {year}"


def _year_range(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    first, last = m.group("y1") or m.group("y1b"), m.group("y2") or m.group("y2b")
    if len(last) == 2:  # "(2016-20)"
        last = first[:2] + last
    if int(last) <= int(first):
        return None
    return f"{first}-{last}", f"the years {first} to {last} together"


def _since(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    first = int(m.group("y1"))
    if not ctx.ref_year or ctx.ref_year <= first:
        return None
    return f"{first}-{ctx.ref_year}", f"from {first} to the document date {ctx.ref_year}"


def _past_years(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    n = _n(m.group("n"))
    if not n or not ctx.ref_year:
        return None
    return (
        f"{ctx.ref_year - n}-{ctx.ref_year}",
        f"the {n} years up to the document date {ctx.ref_year}",
    )


def _qualified_year(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    # "despite a turbulent 2020", "in a record 2021": the year, as the genre writes it
    return m.group("year"), f"the year {m.group('year')}"


def _previous_year(m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    if not ctx.ref_year:
        return None
    return str(ctx.ref_year - 1), f"the year before the document date {ctx.ref_year}"


_I = re.I
_LEAD = r"\b(?:(?:in|during|for)\s+)?the\s+"  # "(in) the first ...", "during the third ..."
RULES: tuple[PeriodRule, ...] = (
    PeriodRule(
        "first-n-months",
        re.compile(rf"{_LEAD}first\s+(?P<n>{_N})\s+months{_OF_YEAR}", _I),
        _first_months,
        (("In the first seven months of 2021, trade rose.", "2021-01/2021-07"),),
        cues=("months",),
    ),
    PeriodRule(
        "half-or-quarter",
        re.compile(
            rf"{_LEAD}(?P<o>first|second|third|fourth|1st|2nd|3rd)\s+(?P<k>half|quarter){_OF_YEAR}",
            _I,
        ),
        _half_or_quarter,
        (
            ("In the first half of this year, GDP reached 11.42 billion yuan.", "2021-H1"),
            ("During the third quarter of 2023, exports rose.", "2023-Q3"),
        ),
        cues=("half", "quarter"),
    ),
    PeriodRule(
        "first-n-quarters",
        re.compile(
            rf"{_LEAD}first\s+(?P<n>two|three|2|3)\s+quarters{_OF_YEAR}",
            _I,
        ),
        _first_quarters,
        (("In the first three quarters of 2023, output grew.", "2023-01/2023-09"),),
        cues=("quarters",),
    ),
    PeriodRule(
        "month-range",
        re.compile(
            rf"\b(?:(?i:from|between)\s+)?(?P<m1>{_MONTH})\s*(?:-|–|to|through|and)\s*"
            rf"(?P<m2>{_MONTH})(?:,?\s+(?P<year>{_YEAR})|\s+(?P<which>this|last)\s+year)?\b"
        ),
        _month_range,
        (
            ("From January to August 2020, 157 projects were launched.", "2020-01/2020-08"),
            ("In January-September 2025, GDP reached 121 billion yuan.", "2025-01/2025-09"),
        ),
        cues=_MONTHS,
    ),
    PeriodRule(
        "month",
        re.compile(
            r"\b(?i:in|during|for|(?:as\s+of|by|at)\s+the\s+end\s+of|as\s+of|by\s+end\s+of)\s+"
            rf"(?P<m>{_MONTH})(?:,?\s+(?P<year>{_YEAR})|\s+(?P<which>this|last)\s+year)?\b"
            r"(?!\s*\d{1,2}\b)",
        ),
        _one_month,
        (
            ("According to data published in April 2018, 4,600 firms were registered.", "2018-04"),
            ("The number had reached 178 as of the end of November 2023.", "2023-11"),
        ),
        cues=_MONTHS,
    ),
    PeriodRule(
        "year-range",
        re.compile(
            rf"(?:\b(?:from|between)\s+(?P<y1>{_YEAR})\s+(?:to|and|through)\s+(?P<y2>{_YEAR})"
            r"|\((?P<y1b>" + _YEAR + r")\s*[-–]\s*(?P<y2b>\d\d(?:\d\d)?)\))",
            _I,
        ),
        _year_range,
        (
            ("From 1993 to 2012, 2,234 projects were carried out.", "1993-2012"),
            ("During the last plan period (2011-15), the park drew 900 firms.", "2011-2015"),
        ),
        cues=("from", "between", "("),
    ),
    PeriodRule(
        "since-year",
        re.compile(rf"\b[Ss]ince\s+(?P<y1>{_YEAR})\b(?!\s*,?\s*when)"),
        _since,
        (("Since 2017, the zone has attracted 300 projects.", "2017-2021"),),
        cues=("since",),
    ),
    PeriodRule(
        "past-n-years",
        re.compile(rf"\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?P<n>{_N})\s+years\b", _I),
        _past_years,
        (("Over the past five years, 249 projects have been signed.", "2016-2021"),),
        cues=("years",),
    ),
    PeriodRule(
        "qualified-year",
        re.compile(
            r"\b(?i:despite|in|during|throughout|over|for|after)\s+an?\s+(?:[a-z]+\s+){1,2}"
            rf"(?P<year>{_YEAR})\b(?!\s*(?:edition|list|ranking|report|plan|target|version))"
        ),
        _qualified_year,
        (("Despite a turbulent 2020, the zone's tax revenue grew 13 percent.", "2020"),),
        cues=("a ", "an "),
    ),
    PeriodRule(
        "previous-year",
        re.compile(r"\b(?:in|during)\s+the\s+previous\s+year\b", _I),
        _previous_year,
        (("In the previous year, exports rose 5 percent.", "2020"),),
        cues=("previous",),
    ),
)


_CUES: list = [None, ()]  # (the rules, every cue of them): made again if RULES is replaced


def _cues(rules: tuple[PeriodRule, ...]) -> tuple[str, ...]:
    if _CUES[0] is not rules:
        _CUES[:] = [rules, tuple(sorted({cue for rule in rules for cue in rule.cues}))]
    return _CUES[1]


def find_periods(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    ref_year: int | None = None,
    about_year: str = "",
) -> list[PeriodMention]:
    """The periods that the rules read in ``text[start:end]``, in text order, never two
    overlapping (the longer, then the earlier match wins)."""
    end = len(text) if end is None else end
    ctx = _Context(ref_year, about_year)
    found: list[PeriodMention] = []
    low = text[start:end].lower()
    present = {cue for cue in _cues(RULES) if cue in low}  # each cue looked for once
    for rule in RULES:
        if rule.cues and present.isdisjoint(rule.cues):
            continue
        for m in rule.pattern.finditer(text, start, end):
            produced = rule.produce(m, ctx)
            if produced is None:
                continue
            code, meaning = produced
            why = f'"{m.group(0).strip()}" is {meaning} (period rule {rule.name})'
            found.append(PeriodMention(m.start(), m.end(), code, why, rule.name))
    found.sort(key=lambda p: (p.start - p.end, p.start))
    out: list[PeriodMention] = []
    for p in found:
        if all(p.end <= o.start or o.end <= p.start for o in out):
            out.append(p)
    return sorted(out, key=lambda p: p.start)


# Phrases that name a period only against the document's date: with no date known (no
# dateline, no year named before), the figure they date has a period nobody can state.
_RELATIVE_RE = re.compile(
    r"\b(?:(?i:in|during|for|over|of)\s+)?(?:this\s+year|last\s+year|the\s+previous\s+year"
    r"|the\s+(?:first|second|third|fourth)\s+(?:half|quarter)(?:\s+of\s+(?:the|this)\s+year)?"
    r"|the\s+first\s+\w+\s+(?:months|quarters)|the\s+(?:past|last)\s+\w+\s+years|H[12])\b"
    r"(?!\s*(?:of\s+)?(?:19|20)\d\d)",
    _I,
)
_NOT_RELATIVE_BEFORE_RE = re.compile(r"(?:same\s+period|compared\s+(?:with|to)|than|from)\s*$", _I)


def relative_phrases(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of phrases that name a period only against the document date ("in the first
    half", "last year", "over the past 12 years"); bases ("the same period last year")
    are none.

    >>> text = "In the first half, exports rose 5 percent over the same period last year."
    >>> [text[a:b] for a, b in relative_phrases(text)]
    ['In the first half']
    """
    end = len(text) if end is None else end
    return [
        (m.start(), m.end())
        for m in _RELATIVE_RE.finditer(text, start, end)
        if not _NOT_RELATIVE_BEFORE_RE.search(text, max(start, m.start() - 30), m.start())
    ]
