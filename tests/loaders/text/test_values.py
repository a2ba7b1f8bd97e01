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


def test_land_lengths_floor_space_and_containers_keep_the_units_of_the_text():
    from loaders.text.quantities import find_quantities

    text = (
        "It covers 92.4 hectares, a 1,200-hectare park, 600,000 mu of farmland, 50.1 million "
        "square meters of floor space, 10 sq m, roads of 804 km, a coastline of 130km, a "
        "2,981-kilometer-long border, 2.5 million TEUs, 4.5 sq km, 180,112 million Yuan"
    )
    assert [(q.value, q.unit) for q in find_quantities(text)] == [
        ("92.4", "HA"),
        ("1200", "HA"),
        ("600000", "MU"),
        ("50100000", "M2"),
        ("10", "M2"),
        ("804", "KM"),
        ("130", "KM"),
        ("2981", "KM"),
        ("2500000", "TEU"),
        ("4.5", "KM2"),
        ("180112000000", "CNY"),
    ]


def test_hectares_measure_an_area_and_teus_container_throughput():
    text = (
        "In 2021, Xining Comprehensive Bonded Zone covered 92.4 hectares. In 2021, Ningbo "
        "Meishan Bonded Zone handled 2.5 million TEUs, up 7.5 percent year on year."
    )
    facts = _facts(text)
    assert ("Xining Comprehensive Bonded Zone", "area", "92.4", "HA", "level", "2021") in facts
    assert (
        "Ningbo Meishan Bonded Zone",
        "container throughput",
        "2500000",
        "TEU",
        "level",
        "2021",
    ) in facts
    assert (
        "Ningbo Meishan Bonded Zone",
        "container throughput",
        "7.5",
        "PERCENT",
        "yoy_change",
        "2021",
    ) in facts


def test_floor_space_in_square_metres_is_floor_area_not_land():
    text = "In 2023, Xiong'an New Area had 50.1 million square meters of floor space built."
    assert _facts(text) == [("Xiong'an New Area", "floor area", "50100000", "M2", "level", "2023")]


def test_a_figure_in_a_fronted_phrase_is_of_the_pronoun_after_it():
    text = (
        "Hefei High-tech Zone grew fast in 2019. With a planning area of 25.6 square "
        "kilometers, it is composed of the Golmud Industrial Park and the Delingha Industrial "
        "Park."
    )
    assert [(f[0], f[2], f[3]) for f in _facts(text)] == [("Hefei High-Tech Zone", "25.6", "KM2")]


def test_this_year_is_read_against_the_month_the_figures_are_stated_up_to():
    text = (
        "China (Henan) Pilot Free Trade Zone was approved on April 1, 2017. By the end of "
        "June 2023, its foreign trade value had reached 500 billion yuan. In the first half "
        "of this year, the foreign trade value of China (Henan) Pilot Free Trade Zone "
        "totaled 60 billion yuan."
    )
    periods = {f[2]: f[5] for f in _facts(text)}
    assert periods["60000000000"] == "2023-H1"


def test_a_founding_month_is_no_date_of_the_text():
    text = (
        "Xiamen Free Trade Zone was set up in April 2015. In the first half of this year, "
        "the foreign trade value of Xiamen Free Trade Zone totaled 60 billion yuan."
    )
    # "this year" has no year the text states: the trade figure is left out, not dated 2015
    assert [f[2] for f in _facts(text) if f[3] == "CNY"] == []


def test_a_verb_that_ends_the_phrase_is_its_participle():
    text = (
        "In 2020, the foreign capital received by Suzhou Industrial Park grew. The foreign "
        "capital received was US$1.55 billion, with a year-on-year increase of 120 percent."
    )
    facts = _facts(text)
    assert (
        "Suzhou Industrial Park",
        "actual use of foreign capital",
        "1550000000",
        "USD",
        "level",
        "2020",
    ) in facts
    assert (
        "Suzhou Industrial Park",
        "actual use of foreign capital",
        "120",
        "PERCENT",
        "yoy_change",
        "2020",
    ) in facts
