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


def test_levels_in_the_order_of_their_list():
    from loaders.text import extract

    ex = extract(
        "In 2019, the Wuxi High-tech Zone's exports and imports reached 30 billion yuan and "
        "20 billion yuan, respectively.",
        "t",
    )
    assert [(f.fact.indicator, f.fact.value, f.rule) for f in ex.facts] == [
        ("exports", "30000000000", "respectively"),
        ("imports", "20000000000", "respectively"),
    ]


def test_changes_of_the_levels_before_them_in_order():
    from loaders.text import extract

    ex = extract(
        "In 2019, the Wuxi High-tech Zone's exports reached 30 billion yuan and its imports "
        "reached 20 billion yuan, up 12 percent and 9 percent respectively.",
        "t",
    )
    changes = [(f.fact.indicator, f.fact.value) for f in ex.facts if f.fact.statistic != "level"]
    assert changes == [("exports", "12"), ("imports", "9")]
    levels = {f.fact.indicator: f for f in ex.facts if f.fact.statistic == "level"}
    assert all(f.fact.change_of for f in ex.facts if f.fact.statistic != "level")
    assert len(levels) == 2
