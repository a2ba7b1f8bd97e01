"""Numbers with scale words, currencies in their spellings, percentages and multiples."""

import pytest

from loaders.text.quantities import find_quantities, ordinal


def _one(text):
    (q,) = find_quantities(text)
    return q.value, q.unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("961.22 billion yuan", "961220000000", "CNY"),
        ("RMB549.17 billion", "549170000000", "CNY"),
        ("RMB 30 billion yuan", "30000000000", "CNY"),
        ("100 million yuan", "100000000", "CNY"),
        ("1.5 trillion yuan", "1500000000000", "CNY"),
        ("2,860 thousand yuan", "2860000", "CNY"),
        ("599 million U. S. dollars", "599000000", "USD"),
        ("5.6 billion U.S. dollars", "5600000000", "USD"),
        ("1.31 trillion U.S dollars", "1310000000000", "USD"),  # the second dot dropped
        ("US$4.1 billion", "4100000000", "USD"),
        ("$2.35 billion", "2350000000", "USD"),
        ("3 bn US dollars", "3000000000", "USD"),
    ],
)
def test_money_with_scale_words_and_currency_spellings(text, value, unit):
    assert _one(text) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("20.4%", "20.4", "PERCENT"),
        ("12.5 percent", "12.5", "PERCENT"),
        ("7 per cent", "7", "PERCENT"),
        ("23.75 times", "23.75", "TIMES"),
        ("a 3-fold rise", "3", "TIMES"),
        ("output doubled", "2", "TIMES"),
        ("1.2 million tons", "1200000", "T"),
    ],
)
def test_percentages_multiples_and_physical_units(text, value, unit):
    assert _one(text) == (value, unit)


def test_percentage_points_are_percent_marked_as_points():
    (q,) = find_quantities("2.1 percentage points higher")
    assert (q.value, q.unit, q.points) == ("2.1", "PERCENT", True)


def test_spelled_out_numbers_and_qualifiers():
    qs = find_quantities("more than 2,000 firms and about three parks")
    assert [(q.value, q.qualifier, q.word) for q in qs] == [
        ("2000", "more than", False),
        ("3", "about", True),
    ]


def test_ordinals():
    assert [ordinal(w) for w in ("first", "fifth", "3rd", "No. 2", "number one", "top")] == [
        1,
        5,
        3,
        2,
        1,
        1,
    ]


def test_abbreviated_scales_pct_and_hyphenated_words():
    def read(s):
        return [(q.value, q.unit) for q in find_quantities(s)]

    assert read("$1.5bn") == [("1500000000", "USD")]
    assert read("RMB3bn") == [("3000000000", "CNY")]
    assert read("8.2 pct") == [("8.2", "PERCENT")]
    assert read("a 31.6-percent rise") == [("31.6", "PERCENT")]
    # a hyphenated number word is not read as its first half ("twenty-one" is not 20)
    assert read("twenty-one zones") == []
    assert read("one-third of the total") == []


def test_areas_written_as_adjectives():
    text = "a 56-square-kilometer area, a 51-sq-km piece and the 480-square kilometer district"
    assert [(q.value, q.unit) for q in find_quantities(text, 0, len(text))] == [
        ("56", "KM2"),
        ("51", "KM2"),
        ("480", "KM2"),
    ]


def test_square_kilometres_in_every_spelling_of_the_genre():
    text = "it spans 3,100 square km of land, a 12.5 sq. km. port area and 8 square-km of sea"
    assert [(q.value, q.unit) for q in find_quantities(text)] == [
        ("3100", "KM2"),
        ("12.5", "KM2"),
        ("8", "KM2"),
    ]
