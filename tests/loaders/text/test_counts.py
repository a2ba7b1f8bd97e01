"""Count frames: each construction of the genre gives a count with its counted phrase, named."""

import pytest

from loaders.text.counts import CONSTRUCTIONS, construction, read_count
from loaders.text.document import parse_text
from loaders.text.entities import find_mentions
from loaders.text.facts import find_facts


def _counts(text):
    doc = parse_text(text)
    found, _ = find_facts(doc, find_mentions(doc.text))
    return [f for f in found if f.fact.statistic == "count"]


@pytest.mark.parametrize(
    ("name", "sentence"), [(c.name, s) for c in CONSTRUCTIONS for s in c.examples]
)
def test_each_construction_reads_its_example_as_a_named_count(name, sentence):
    (count,) = _counts(sentence)
    assert count.fact.unit == "NUM"
    assert f"(count rule {name})" in count.why


def test_there_are_counts_for_the_place_named_after():
    (count,) = _counts("In 2021, there are 17 international cooperation parks in Jiangsu.")
    assert (count.subject_label, count.fact.value, count.fact.period) == ("Jiangsu", "17", "2021")
    assert count.fact.indicator == "number of international cooperation parks"


def test_home_to_and_more_than_keep_the_counted_thing_and_the_qualifier():
    (count,) = _counts(
        "The Chengdu High-tech Zone is home to more than 2,000 foreign-funded enterprises."
    )
    assert count.fact.indicator == "number of foreign-invested enterprises"  # the curated label
    assert (count.fact.value, count.fact.qualifier) == ("2000", "more than")
    assert "(count rule home-to)" in count.why


def test_the_number_of_before_the_figure_is_what_is_counted():
    text = (
        "In 2018, the total number of market entities in the Chengdu High-tech Zone "
        "exceeded 11,000."
    )
    (count,) = _counts(text)
    assert count.fact.indicator == "number of market entities"
    assert count.fact.span.exact.startswith("the total number of market entities")


def test_the_assessed_zones_are_a_count_of_their_group():
    (count,) = _counts(
        "In 2020, the 230 national economic development zones reviewed by the ministry grew."
    )
    assert count.subject_label == "national economic development zones in China"
    assert count.fact.value == "230"


def test_a_count_frame_needs_a_counted_noun():
    text = "The figure reached 11,000 in 2018."
    assert read_count(text, 19, 25, 0, len(text)) is None
    text = "The number of years was 5."
    assert read_count(text, 24, 25, 0, len(text)) is None


def test_other_counts_are_named_counted_noun():
    text = "The zone attracted 40 unicorns."
    assert construction(text, 19, 21, 0, len(text)) == "counted-noun"
    assert read_count(text, 19, 21, 0, len(text)).group("np") == "unicorns"


def test_a_part_of_the_things_counted_before():
    from loaders.text import extract

    ex = extract(
        "In 2012, Shenyang ETDZ had attracted 90 multinational companies, 32 of which are "
        "among the Fortune Global 500.",
        "t",
    )
    assert [(f.fact.indicator, f.fact.value, f.rule) for f in ex.facts] == [
        ("number of multinational companies", "90", "count"),
        ("number of Fortune 500 companies present", "32", "partitive"),
    ]
