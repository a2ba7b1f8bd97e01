"""Constructions found by the blind documents (tests/fixtures/text/blind), one test each."""

from loaders.text import extract
from loaders.text.entities import find_mentions


def _facts(text):
    return [
        (f.subject_label, f.fact.value, f.fact.unit, f.fact.statistic, f.fact.period)
        for f in extract(text, "t").facts
    ]


def _labels(text):
    return {(m.surface, m.label) for m in find_mentions(text) if m.kind in ("zone", "org")}


def test_a_name_does_not_run_across_a_line_break():
    text = (
        "Source: Liaoning Provincial People's Government\n\n"
        "The Sino-German (Shenyang) High-end Equipment Manufacturing Industrial Park grew."
    )
    labels = {label for _, label in _labels(text)}
    assert "Sino-German (Shenyang) High-end Equipment Manufacturing Industrial Park" in labels
    assert "Liaoning Provincial People's Government" in labels


def test_a_bracketed_short_name_is_another_name_of_the_zone():
    text = (
        "Xi'an High-tech Industries Development Zone (Xi'an Hi-tech Zone) achieved a GDP "
        "of 242.1 billion yuan in 2020."
    )
    assert {label for _, label in _labels(text)} == {"Xi'an High-Tech Industries Development Zone"}
    assert _facts(text) == [
        ("Xi'an High-Tech Industries Development Zone", "242100000000", "CNY", "level", "2020")
    ]


def test_a_bracketed_abbreviation_names_the_zone_where_it_is_used_again():
    text = (
        "The China-Singapore Suzhou Industrial Park (SIP) is in Jiangsu. "
        "In 2015, SIP's GDP reached 207 billion yuan."
    )
    assert _facts(text) == [
        ("China-Singapore Suzhou Industrial Park", "207000000000", "CNY", "level", "2015")
    ]


def test_a_short_name_that_ends_a_longer_one_takes_the_longer():
    text = "Tianjin Binhai New Area grew. Binhai New Area covers 2,270 square kilometers."
    assert {label for _, label in _labels(text)} == {"Tianjin Binhai New Area"}


def test_the_park_refers_to_the_last_park_not_the_last_zone():
    text = (
        "The Sino-German Industrial Park is in Shenyang Economic and Technological "
        "Development Zone. In 2023 the park introduced 112 new projects."
    )
    (fact,) = _facts(text)
    assert fact[0] == "Sino-German Industrial Park"


def test_a_quarter_without_its_year_is_of_the_year_the_text_is_about():
    text = (
        "In the first quarter of 2024, Hefei ETDZ's industrial output reached 68.4 billion yuan."
        "\n\nIn the first quarter, Hefei ETDZ's exports reached 4.3 billion yuan."
    )
    assert [f[4] for f in _facts(text)] == ["2024-Q1", "2024-Q1"]


def test_january_to_june_is_the_first_half():
    text = (
        "Source: Xinhua | 2017-07-19\n\nFrom January to June, Meishan Comprehensive Bonded "
        "Zone's imports and exports totaled 10 billion yuan."
    )
    assert [f[4] for f in _facts(text)] == ["2017-H1"]


def test_an_approval_year_is_not_the_period_of_the_next_figures():
    text = (
        "Xiyong Comprehensive Bonded Zone was approved by the State Council in 2010. "
        "Its imports and exports reached 52.6 billion yuan."
    )
    assert [f[4] for f in _facts(text)] == [""]


def test_now_dates_its_own_figure_but_not_the_next_paragraph():
    text = (
        "Source: Xinhua | 2024-04-22\n\n"
        "In the first quarter of 2024, Hefei ETDZ's output reached 68.4 billion yuan. "
        "Hefei ETDZ now hosts 820 high-tech enterprises.\n\n"
        "Hefei ETDZ's exports reached 4.3 billion yuan, up 5 percent."
    )
    assert [f[4] for f in _facts(text)] == ["2024-Q1", "2024", "2024-Q1", "2024-Q1"]


def test_top_n_is_a_band_not_a_count():
    text = "In 2024, Hefei ETDZ's top 10 enterprises contributed output worth 31.9 billion yuan."
    assert all(f[2] != "NUM" for f in _facts(text))


def test_a_figure_of_a_zone_named_after_in():
    text = "In 2024, fixed-asset investment in the Hefei ETDZ rose 9.3 percent."
    assert _facts(text) == [("Hefei ETDZ", "9.3", "PERCENT", "yoy_change", "2024")]


def test_a_sentence_naming_nothing_continues_the_paragraph_subject():
    text = (
        "In 2024, Hefei ETDZ's foreign trade volume stood at 21.7 billion yuan. "
        "Paid-in foreign investment reached $310 million.\n\n"
        "Paid-in foreign investment in Anhui reached $1 billion."
    )
    subjects = [f[0] for f in _facts(text)]
    assert subjects[:2] == ["Hefei ETDZ"] * 2
    assert len(subjects) == 2 or subjects[2] != subjects[0]


def test_an_unknown_named_subject_takes_no_zone_from_its_apposition():
    text = (
        "In 2021, the Guangzhou Economic and Technological Development Zone grew. "
        "Sino-Singapore Guangzhou Knowledge Town, a project in the zone, attracted "
        "investment of 28.3 billion yuan."
    )
    assert all(f[1] != "28300000000" for f in _facts(text))
