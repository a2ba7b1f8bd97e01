"""Entities with the names the text gives them."""

from loaders.text import extract


def test_a_counted_group_is_also_named_without_its_count():
    ex = extract(
        "In 2019, China's 218 national-level economic development zones had a GDP of "
        "10.5 trillion yuan.",
        "t",
    )
    group = ex.entities[ex.facts[0].fact.area]
    assert "China's national-level economic development zones" in group.alt_labels
    assert not any("218" in label for label in group.alt_labels)
