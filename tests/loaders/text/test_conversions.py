"""Two currencies of one figure: the bracketed amount is the same figure in the other unit."""

from loaders.text import extract


def _facts(text):
    return [
        (f.subject_label, f.fact.indicator, f.fact.value, f.fact.unit, f.fact.period, f.rule)
        for f in extract(text, "t").facts
    ]


def test_a_bracketed_amount_in_another_currency_is_the_same_figure():
    text = (
        "In 2021, Hefei High-tech Zone's exports reached 12.6 billion yuan "
        "(about 1.95 billion U.S. dollars), up 8 percent year on year."
    )
    facts = _facts(text)
    zone = facts[0][0]
    assert facts[:2] == [
        (zone, "exports", "12600000000", "CNY", "2021", "level"),
        (zone, "exports", "1950000000", "USD", "2021", "conversion"),
    ]
    # the change still qualifies the first amount, not the conversion
    change = extract(text, "t").facts[2]
    assert change.fact.statistic == "yoy_change" and change.fact.value == "8"


def test_dollars_first_and_yuan_in_brackets():
    text = (
        "In 2020, Suzhou Industrial Park attracted foreign capital of $2.1 billion "
        "(13.6 billion yuan)."
    )
    assert [(v, u) for _, _, v, u, _, _ in _facts(text)] == [
        ("2100000000", "USD"),
        ("13600000000", "CNY"),
    ]


def test_two_amounts_that_are_not_a_conversion_stay_two_figures_or_none():
    # "and" between them: two figures, each needing its own indicator
    text = "In 2020, Suzhou Industrial Park's exports reached 5 billion yuan and $1 billion."
    assert [u for *_, u, _, rule in _facts(text) if rule == "conversion"] == []


def test_the_conversion_of_an_amount_left_unattached_is_left_unattached_too():
    ex = extract("Some 3 billion yuan ($0.46 billion) was spent.", "t")
    assert ex.facts == []
    assert any("another currency" in u.reason for u in ex.unattached)


def test_the_phrase_after_a_conversion_names_what_both_amounts_measure():
    text = (
        "In 2021, China-Belarus Industrial Park attracted 599 million U.S. dollars "
        "(about 3.82 billion yuan) of investment."
    )
    assert [(i, v, u) for _, i, v, u, _, _ in _facts(text)] == [
        ("total investment of projects", "599000000", "USD"),  # the curated label
        ("total investment of projects", "3820000000", "CNY"),
    ]
