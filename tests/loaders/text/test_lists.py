"""Lists read in order ("respectively"): each figure goes with the thing in its place."""

from loaders.text import extract


def _facts(text):
    return [
        (f.fact.indicator, f.fact.value, f.fact.statistic, f.rule) for f in extract(text, "t").facts
    ]


def test_changes_of_a_list_of_indicators_respectively():
    text = (
        "In 2022, exports and imports of Chengdu High-tech Zone grew 155.15 percent "
        "and 42.86 percent respectively."
    )
    assert _facts(text) == [
        ("exports", "155.15", "yoy_change", "respectively"),
        ("imports", "42.86", "yoy_change", "respectively"),
    ]


def test_a_list_that_does_not_pair_is_not_paired():
    # three figures, two things: no pairing is guessed
    text = (
        "In 2022, exports and imports of Chengdu High-tech Zone grew 15 percent, 12 percent "
        "and 4 percent respectively."
    )
    assert not [f for f in _facts(text) if f[3] == "respectively"]
