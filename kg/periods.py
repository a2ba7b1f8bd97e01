"""Reference periods: the forms loaders write, their IRIs and what the graph says about them.

A period is written as a short string (``Fact.period``) and becomes a
reference.data.gov.uk interval IRI where one exists, so that our figures join
other governments' statistics on the same IRIs:

| written | meaning | IRI (``R`` = http://reference.data.gov.uk/id/) |
|---|---|---|
| ``2021`` | calendar year | ``R year/2021`` |
| ``2021-H1`` | calendar half | ``R half/2021-H1`` |
| ``2021-Q3`` | calendar quarter | ``R quarter/2021-Q3`` |
| ``2021-03`` | calendar month | ``R month/2021-03`` |
| ``2021-03-29`` | day | ``R day/2021-03-29`` |
| ``2020-01/2020-08`` | months, inclusive | ``R gregorian-interval/2020-01-01T00:00:00/P8M`` |
| ``2017/2021``, ``2017-2021`` | years | ``R gregorian-interval/2017-01-01T00:00:00/P5Y`` |
| ``2016/`` | since 2016, to the statement | ``zid:period/since/2016`` |

A range that is exactly one calendar period gets that period's IRI
("2020-01/2020-06" is 2020-H1). The end of an interval is the instant the next
one begins (reference.data.gov.uk's convention).

>>> parse("2020-01/2020-08").iri
'http://reference.data.gov.uk/id/gregorian-interval/2020-01-01T00:00:00/P8M'
>>> parse("2017-2021").label, parse("2016/").label
('2017–2021', 'since 2016')
>>> parse("2020-01/2020-06").iri
'http://reference.data.gov.uk/id/half/2020-H1'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

REF = "http://reference.data.gov.uk/id/"
INSTANT = REF + "gregorian-instant/"
INTERVALS = "http://reference.data.gov.uk/def/intervals/"
SINCE = "https://w3id.org/zonegraph/id/period/since/"

FORMS = (
    "YYYY, YYYY-H1, YYYY-Q1, YYYY-MM, YYYY-MM-DD, "
    "START/END (such as 2020-01/2020-08 or 2017/2021) or START/ (since START)"
)

_POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_RANGE = re.compile(rf"(?P<start>{_POINT})/(?P<end>{_POINT})?")
_YEARS = re.compile(r"(?P<start>\d{4})-(?P<end>\d{4})")


@dataclass(frozen=True)
class Period:
    """One reference period: its IRI, a label, its kind and its bounds.

    ``kind`` is year, half, quarter, month, day, interval or since; ``end`` is
    exclusive, and None for a period "since" a start.
    """

    iri: str
    kind: str
    label: str
    begin: date
    end: date | None

    @property
    def classes(self) -> tuple[str, ...]:
        """reference.data.gov.uk interval classes of the period (beside time:Interval)."""
        calendar_class = {
            "year": "CalendarYear",
            "half": "CalendarHalf",
            "quarter": "CalendarQuarter",
            "month": "CalendarMonth",
            "day": "CalendarDay",
        }.get(self.kind)
        return (INTERVALS + calendar_class,) if calendar_class else ()


def _point(text: str, *, last: bool = False) -> date:
    """The first day of a written year, month or day (the day after it when ``last``)."""
    parts = [int(p) for p in text.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"not a calendar date: {text!r}")
    if not last:
        return date(year, month, day)
    if len(parts) == 1:
        return date(year + 1, 1, 1)
    if len(parts) == 2:
        return date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(date(year, month, day).toordinal() + 1)


def _months(begin: date, end: date) -> int:
    return (end.year - begin.year) * 12 + end.month - begin.month


def _calendar(begin: date, end: date) -> Period | None:
    # The one calendar period that is exactly [begin, end), if there is one.
    if end.toordinal() - begin.toordinal() == 1:
        return _day(begin)
    if begin.day != 1 or end.day != 1:
        return None
    months = _months(begin, end)
    y = begin.year
    if months == 12 and begin.month == 1:
        return Period(f"{REF}year/{y}", "year", str(y), begin, end)
    if months == 6 and begin.month in (1, 7):
        h = 1 if begin.month == 1 else 2
        label = f"{'first' if h == 1 else 'second'} half of {y}"
        return Period(f"{REF}half/{y}-H{h}", "half", label, begin, end)
    if months == 3 and begin.month in (1, 4, 7, 10):
        q = (begin.month - 1) // 3 + 1
        return Period(f"{REF}quarter/{y}-Q{q}", "quarter", f"{y} Q{q}", begin, end)
    if months == 1:
        label = f"{calendar.month_name[begin.month]} {y}"
        return Period(f"{REF}month/{y}-{begin.month:02d}", "month", label, begin, end)
    return None


def _day(d: date) -> Period:
    end = date.fromordinal(d.toordinal() + 1)
    return Period(f"{REF}day/{d.isoformat()}", "day", d.isoformat(), d, end)


def _interval(begin: date, end: date, label: str) -> Period:
    months = _months(begin, end)
    if begin.day == 1 and end.day == 1 and begin.month == end.month:
        duration = f"P{months // 12}Y"
    elif begin.day == 1 and end.day == 1:
        duration = f"P{months}M"
    else:
        duration = f"P{end.toordinal() - begin.toordinal()}D"
    iri = f"{REF}gregorian-interval/{begin.isoformat()}T00:00:00/{duration}"
    return Period(iri, "interval", label, begin, end)


def _range_label(start: str, end: str, begin: date, last: date) -> str:
    if len(start) == len(end) == 4:
        return f"{start}–{end}"
    if len(start) == len(end) == 7:
        first, final = calendar.month_name[begin.month], calendar.month_name[last.month]
        if begin.year == last.year:
            return f"{first}–{final} {begin.year}"
        return f"{first} {begin.year}–{final} {last.year}"
    return f"{start}–{end}"


@lru_cache(maxsize=4096)
def parse(text: str) -> Period:
    """The period a loader wrote (see the module's table); ValueError when it is none.

    >>> p = parse("2021-H1")
    >>> p.iri, p.label
    ('http://reference.data.gov.uk/id/half/2021-H1', 'first half of 2021')
    >>> p.begin.isoformat(), p.end.isoformat()
    ('2021-01-01', '2021-07-01')
    """
    if m := re.fullmatch(r"(\d{4})-H([12])", text):
        y, h = int(m.group(1)), int(m.group(2))
        return _calendar(date(y, 6 * h - 5, 1), _point(f"{y}-{6 * h:02d}", last=True))
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
        y, q = int(m.group(1)), int(m.group(2))
        return _calendar(date(y, 3 * q - 2, 1), _point(f"{y}-{3 * q:02d}", last=True))
    if re.fullmatch(_POINT, text):
        begin, end = _point(text), _point(text, last=True)
        found = _calendar(begin, end)
        assert found is not None
        return found
    m = _RANGE.fullmatch(text) or _YEARS.fullmatch(text)
    if not m:
        raise ValueError(f"not a period ({FORMS}): {text!r}")
    start, end = m.group("start"), m.group("end")
    begin = _point(start)
    if not end:
        return Period(f"{SINCE}{start}", "since", f"since {start}", begin, None)
    stop = _point(end, last=True)
    if stop <= begin:
        raise ValueError(f"a period that ends before it begins: {text!r}")
    last = date.fromordinal(stop.toordinal() - 1)
    return _calendar(begin, stop) or _interval(begin, stop, _range_label(start, end, begin, last))


def instant_iri(d: date) -> str:
    """The reference.data.gov.uk instant at the start of a day.

    >>> instant_iri(date(2021, 1, 1))
    'http://reference.data.gov.uk/id/gregorian-instant/2021-01-01T00:00:00'
    """
    return f"{INSTANT}{d.isoformat()}T00:00:00"
