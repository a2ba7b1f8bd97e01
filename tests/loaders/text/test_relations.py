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


def test_a_national_group_is_also_named_without_the_country_it_belongs_to():
    ex = extract(
        "In 2020, the country's 169 national high-tech industrial zones had 2.1 million "
        "enterprises, and Jiangsu's 18 national high-tech zones had 190,000.",
        "t",
    )
    national, provincial = (ex.entities[f.fact.area] for f in ex.facts[:2])
    assert "the country's national high-tech industrial zones" in national.alt_labels
    assert "national high-tech industrial zones" in national.alt_labels
    # a province's group keeps its possessor: without it, it would name China's
    assert "national high-tech zones" not in provincial.alt_labels
