"""The period grammar: each rule reads its constructions as period codes of the gold convention."""

import pytest

from loaders.text.document import parse_text
from loaders.text.entities import find_mentions
from loaders.text.facts import find_facts
from loaders.text.periods import RULES, find_periods


@pytest.mark.parametrize(
    ("rule", "sentence", "code"),
    [(r.name, sentence, code) for r in RULES for sentence, code in r.examples],
)
def test_each_rule_reads_its_examples(rule, sentence, code):
    found = find_periods(sentence, ref_year=2021)
    assert [(p.rule, p.code) for p in found] == [(rule, code)]


def test_every_rule_has_an_example():
    assert all(rule.examples for rule in RULES)


def test_a_phrase_without_its_year_takes_the_year_the_text_is_about():
    found = find_periods(
        "In the first five months, patents rose.", ref_year=2018, about_year="2017"
    )
    assert [p.code for p in found] == ["2017-01/2017-05"]
    found = find_periods("In the first five months, patents rose.", ref_year=2018)
    assert [p.code for p in found] == ["2018-01/2018-05"]


def test_months_that_make_a_calendar_period_are_that_period():
    codes = [
        p.code
        for text in ("From January to June 2020, it grew.", "the first three months of 2022")
        for p in find_periods(text)
    ]
    assert codes == ["2020-H1", "2022-Q1"]


def test_the_end_of_a_month_is_that_month_also_in_a_report_on_the_half():
    found = find_periods("By the end of June, there were 62,000 firms.", about_year="2020")
    assert [p.code for p in found] == ["2020-06"]
    found = find_periods("as of the end of November", about_year="2023")
    assert [p.code for p in found] == ["2023-11"]


def test_a_stock_at_the_end_of_the_half_is_the_month_a_flow_is_the_half():
    doc = parse_text(
        "Date: 2020-08-01\n\nIn the first half of 2020, the Kashgar Comprehensive Bonded Zone's "
        "exports rose 12 percent. By the end of June, the Kashgar Comprehensive Bonded Zone had "
        "80 registered firms. By the end of June, the Kashgar Comprehensive Bonded Zone's "
        "imports reached 3 billion yuan, up 9 percent year on year."
    )
    found, _ = find_facts(doc, find_mentions(doc.text))
    assert [(f.fact.value, f.fact.period) for f in found] == [
        ("12", "2020-H1"),
        ("80", "2020-06"),
        ("3000000000", "2020-01/2020-06"),
        ("9", "2020-01/2020-06"),
    ]


def test_no_period_from_dates_a_modal_or_a_phrase_without_a_date():
    assert find_periods("It opened on July 20, and may grow in May 20 days.") == []
    assert find_periods("Since 2017, the zone grew.") == []  # no document date: no end year
    assert find_periods("the 21 zones may expand") == []


def test_a_month_of_the_text_dates_the_figures_of_its_sentence():
    doc = parse_text(
        "Date: 2023-12-10\n\nBy the end of November, the number of enterprises in "
        "Sichuan's national economic development zones reached 12,000."
    )
    found, _ = find_facts(doc, find_mentions(doc.text))
    assert [(f.fact.value, f.fact.period) for f in found] == [("12000", "2023-11")]
    assert "period rule month" in found[0].why


def test_a_range_the_model_cannot_write_leaves_the_figure_unstated_not_carried():
    doc = parse_text(
        "In 2020, Sichuan's national economic development zones' exports reached 30 billion "
        "yuan. In the first seven months of 2021, their exports reached 20 billion yuan."
    )
    found, _ = find_facts(doc, find_mentions(doc.text))
    periods = [f.fact.period for f in found]
    assert periods[0] == "2020"
    assert periods[1] in ("", "2021-01/2021-07")


def test_targets_stay_apart_and_their_year_dates_no_achieved_figure():
    doc = parse_text(
        "Date: 2021-05-01\n\nThe Wuxi High-tech Zone aims to attract 300 projects by the end of "
        "December. By 2025, the Wuxi High-tech Zone will have 500 high-tech enterprises. From "
        "January to March, the Wuxi High-tech Zone's exports reached 3 billion yuan."
    )
    found, _ = find_facts(doc, find_mentions(doc.text))
    # the targets are planned figures of the period they are set for; the achieved figure
    # after them keeps its own period and modality
    assert [(f.fact.value, f.fact.period, f.fact.modality) for f in found] == [
        ("300", "2021-12", "planned"),
        ("500", "2025", "planned"),
        ("3000000000", "2021-Q1", "achieved"),
    ]


def test_a_flow_to_the_end_of_a_month_with_a_change_of_no_stated_base_is_year_to_date():
    doc = parse_text(
        "In 2019, the Wuxi High-tech Zone grew fast. By the end of May, the Wuxi High-tech "
        "Zone's tax revenue was 900 million yuan, increasing 8.5%. By the end of May, the "
        "Wuxi High-tech Zone's exports were 4 billion yuan, an increase of 20 percent over 2017."
    )
    found, _ = find_facts(doc, find_mentions(doc.text))
    assert [(f.fact.value, f.fact.period) for f in found if f.fact.statistic == "level"] == [
        ("900000000", "2019-01/2019-05"),  # the change is year-on-year: a sum since January
        ("4000000000", "2019-05"),  # the change is on another year: nothing says it is a sum
    ]
