"""Periods, units, values and indicators of the genre (session 6), one test per rule."""

from loaders.text import extract


def _facts(text):
    return [
        (
            f.subject_label,
            f.fact.indicator,
            f.fact.value,
            f.fact.unit,
            f.fact.statistic,
            f.fact.period,
        )
        for f in extract(text, "t").facts
    ]


def test_newly_registered_capital_is_what_is_measured_and_a_flow_to_date():
    text = (
        "By the end of May 2019, the newly registered capital of Hefei High-tech Zone is "
        "4.5 billion yuan, increasing 12% year on year. The number of registered enterprises "
        "is 3100 and the total registered capital is 61.2 billion yuan."
    )
    facts = _facts(text)
    assert (
        "Hefei High-Tech Zone",
        "registered capital",
        "4500000000",
        "CNY",
        "level",
        "2019-01/2019-05",
    ) in facts
    assert (
        "Hefei High-Tech Zone",
        "registered capital",
        "12",
        "PERCENT",
        "yoy_change",
        "2019-01/2019-05",
    ) in facts
    # the stock stays the month, and the phrase after "... is 3100 and" is its own
    assert (
        "Hefei High-Tech Zone",
        "registered capital",
        "61200000000",
        "CNY",
        "level",
        "2019-05",
    ) in facts


def test_a_bare_number_whose_phrase_is_counted_in_numbers_is_that_figure():
    text = (
        "In 2022, the current employed population of Wuxi High-tech Zone reached 412,000 "
        "with a year-on-year growth of 2.5 percent."
    )
    facts = _facts(text)
    assert ("Wuxi High-Tech Zone", "number of employees", "412000", "NUM", "level", "2022") in facts
    assert (
        "Wuxi High-Tech Zone",
        "number of employees",
        "2.5",
        "PERCENT",
        "yoy_change",
        "2022",
    ) in facts


def test_a_bare_number_after_a_phrase_of_money_is_still_no_figure():
    text = "In 2022, the GDP of Wuxi High-tech Zone reached 412,000."
    assert _facts(text) == []
