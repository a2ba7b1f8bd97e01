"""Random text never makes the loader raise nor assert an incomplete observation."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import STATISTICS, UNITS
from loaders.text import extract

WORDS = st.sampled_from(
    [
        "In",
        "2021",
        ",",
        "Sichuan's",
        "national",
        "economic",
        "development",
        "zones",
        "reached",
        "961.22",
        "billion",
        "yuan",
        "up",
        "20.4%",
        "year-on-year",
        "ranked",
        "first",
        "among",
        "169",
        "high-tech",
        "Chengdu",
        "High-Tech",
        "Zone",
        "the",
        "province",
        ".",
        ";",
        "I",
        "am",
        "..",
        "accounting",
        "for",
        "of",
        "total",
        "there",
        "are",
        "10",
        "parks",
        "times",
        "US$",
        "RMB",
        "last",
        "year",
        "(",
        ")",
        "“",
        "”",
        "ones",
        "eight",
        "respectively",
        "share",
        "second",
    ]
)


def _check(text):
    ex = extract(text, "p")
    for found in ex.facts:
        f = found.fact
        assert f.area and f.indicator and f.unit in UNITS and f.statistic in STATISTICS
        assert f.span is not None and text[f.span.start : f.span.end] == f.span.exact


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    _check(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_genre_like_word_salad_never_yields_incomplete_observations(text):
    _check(text)
