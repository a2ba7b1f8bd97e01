"""The document's topic: figures of sentences that name no subject are about it."""

from loaders.text import extract
from loaders.text.discourse import document_topic, is_heading


def _facts(text: str) -> list[tuple[str, str, str]]:
    return [(f.subject_label, f.fact.value, f.fact.period) for f in extract(text, "t").facts]


def test_a_figure_with_no_subject_is_about_the_zone_the_document_opens_with():
    text = (
        "Kunming National Hi-Tech Industries Development Zone\n\n"
        "The Kunming National Hi-Tech Industries Development Zone is in Yunnan province.\n\n"
        "In 2011, industrial investment was 7.99 billion yuan."
    )
    assert _facts(text) == [
        ("Kunming National High-Tech Industries Development Zone", "7990000000", "2011")
    ]


def test_no_topic_without_a_period_nor_after_a_sub_heading():
    opening = "Suzhou Industrial Park grew fast.\n\n"
    # Neither subject nor period: too loosely anchored to give to the topic.
    assert _facts(opening + "Industrial investment was 8 billion yuan.") == []
    with_year = opening + "In 2020, industrial investment was 8 billion yuan."
    assert _facts(with_year) == [("Suzhou Industrial Park", "8000000000", "2020")]
    # A section under its own heading is about what the heading says, not the topic.
    assert _facts(with_year.replace("\n\n", "\n\nOther parks\n\n")) == []


def test_a_clause_that_names_a_group_of_its_own_is_not_about_the_topic():
    text = (
        "Suzhou Industrial Park grew fast in 2020.\n\n"
        "In 2020, the GDP of four development zones in the province surpassed 200 billion yuan."
    )
    assert _facts(text) == []


def test_sub_headings():
    assert is_heading("Economy & Technology Development Zone")
    assert not is_heading("Exports rose 5 percent.")
    assert not is_heading("the rest of a sentence broken by a line")


def test_a_sentence_opening_with_a_time_adverbial_names_no_unknown_subject():
    # "Between January and August" is when, not a name the loader does not know.
    text = (
        "Wuxi Industrial Park grew fast in 2022.\n\n"
        "Between January and May, 57 new foreign-funded projects were launched in the park."
    )
    assert _facts(text) == [("Wuxi Industrial Park", "57", "2022-01/2022-05")]


def test_the_year_a_headline_names_dates_the_figures_until_the_body_names_one():
    text = (
        "Development of Wuxi High-tech Zone in 2018\n\n"
        "Wuxi High-tech Zone grew fast.\n\n"
        "Regional GDP reached 105 billion yuan.\n\n"
        "In 2019, regional GDP reached 112 billion yuan."
    )
    facts = _facts(text)
    assert [(value, period) for _, value, period in facts] == [
        ("105000000000", "2018"),
        ("112000000000", "2019"),
    ]
    # a target year in the headline dates nothing
    target = text.replace(
        "Development of Wuxi High-tech Zone in 2018", "Wuxi to double GDP by 2025"
    )
    assert [(value, period) for _, value, period in _facts(target)] == [("112000000000", "2019")]


def test_a_zone_set_before_the_clause_is_where_its_figures_are():
    text = (
        "Two parks agreed to cooperate.\n\n"
        "In 2023, at the China-Malaysia Qinzhou Industrial Park, 249 projects were signed, "
        "with a total industrial output value of 93.8 billion yuan."
    )
    assert _facts(text) == [
        ("China-Malaysia Qinzhou Industrial Park", "249", "2023"),
        ("China-Malaysia Qinzhou Industrial Park", "93800000000", "2023"),
    ]


def test_a_period_relative_to_an_unknown_date_leaves_its_figures_out():
    text = (
        "Suzhou Industrial Park grew.\n\n"
        "In the first half, the exports of the park reached 5 billion yuan."
    )
    ex = extract(text, "t")
    assert ex.facts == []
    assert any("relative to the document date" in u.reason for u in ex.unattached)
    # with a date, the same sentence is dated
    dated = "Date: 2021-07-20\n\n" + text
    assert [(f.fact.value, f.fact.period) for f in extract(dated, "t").facts] == [
        ("5000000000", "2021-H1")
    ]


def test_a_place_after_as_is_not_the_subject():
    text = (
        "Zhengzhou Airport Economy Zone is growing.\n\n"
        "Established as China's first aviation pilot zone, this area covers 747 square "
        "kilometers."
    )
    assert _facts(text) == [("Zhengzhou Airport Economy Zone", "747", "")]


def test_a_count_of_zones_of_the_topic_groups_kind_is_the_groups():
    text = (
        "Jiangsu's development zones evaluated\n\n"
        "Jiangsu's development zones published their first evaluation report.\n\n"
        "In 2005, 78 development zones were involved in the evaluation. "
        "Zhejiang ranked 9th among the 219 economic development zones."
    )
    facts = _facts(text)
    assert ("Jiangsu development zones", "78", "2005") in facts
    assert not any(value == "219" for _, value, _ in facts)  # the field of a ranking
    # a count of another kind of zone is not the group's
    other = text.replace("78 development zones", "78 free trade zones")
    assert not any(value == "78" for _, value, _ in _facts(other))


def test_zones_of_the_topic_groups_kind_named_without_a_place_are_the_group():
    text = (
        "China's national economic development zones grew\n\n"
        "China's national economic development zones are platforms for opening-up.\n\n"
        "In 2021, foreign trade in the 217 development zones evaluated by the ministry "
        "totaled 8.9 trillion yuan."
    )
    ex = extract(text, "t")
    assert [(f.fact.indicator, f.fact.value) for f in ex.facts if f.fact.unit == "CNY"] == [
        ("total imports and exports", "8900000000000")  # "foreign trade", curated
    ]
    assert {f.subject_label for f in ex.facts} == {"national economic development zones in China"}


def test_a_present_state_is_of_the_year_the_text_is_in():
    text = (
        "Date: 2025-12-23\n\n"
        "Zhengzhou Airport Economy Zone now covers 747 square kilometers.\n\n"
        "When it was founded in 2013, Zhengzhou Airport Economy Zone covered 20 square "
        "kilometers."
    )
    assert _facts(text) == [
        ("Zhengzhou Airport Economy Zone", "747", "2025"),
        ("Zhengzhou Airport Economy Zone", "2013", "2013"),  # the founding year
        ("Zhengzhou Airport Economy Zone", "20", "2013"),
    ]
    # with no date and no year in the text, the present names no year
    undated = "Zhengzhou Airport Economy Zone covers 747 square kilometers."
    assert _facts(undated) == [("Zhengzhou Airport Economy Zone", "747", "")]


def test_a_headline_about_a_part_of_a_zone_is_not_about_the_zone():
    from loaders.text.document import parse_text
    from loaders.text.entities import find_mentions

    doc = parse_text(
        "Pudong area of Shanghai FTZ sees growth\n\nThe Pudong Area of China (Shanghai) "
        "Pilot Free Trade Zone grew fast. The Shanghai FTZ covers 240 square kilometers."
    )
    topic = document_topic(doc, find_mentions(doc.text, doc.title_span[1], doc.body_end))
    assert topic.label.startswith("Pudong Area")


def test_the_headlines_short_name_is_the_topic_and_a_ranking_field_never_is():
    from loaders.text.document import parse_text
    from loaders.text.entities import find_mentions

    doc = parse_text(
        "Wuhu Economic Zone ranked 9th\n\nAmong the 230 national economic development zones "
        "assessed, Wuhu Economic and Technological Development Zone ranked ninth.\n\nNew "
        "energy vehicles gathered 50 enterprises in 2022."
    )
    topic = document_topic(doc, find_mentions(doc.text, doc.title_span[1], doc.body_end))
    assert topic.label == "Wuhu Economic and Technological Development Zone"
    doc = parse_text(
        "Zones assessed\n\nAmong the 230 national economic development zones assessed, "
        "Wuhu Economic and Technological Development Zone ranked ninth."
    )
    topic = document_topic(doc, find_mentions(doc.text, doc.title_span[1], doc.body_end))
    assert topic.label == "Wuhu Economic and Technological Development Zone"


def test_a_text_that_names_its_zone_after_describing_it_is_about_the_zone_it_keeps_naming():
    text = (
        "New projects started in a key development zone in Gansu province.\n\n"
        "The committee of the Lanzhou Energy and Chemical Industry Base said 12 projects "
        "began. The base was set up in 2004. The base is 800 square kilometers.\n\n"
        "In 2016, industrial investment was 5 billion yuan."
    )
    assert ("Lanzhou Energy and Chemical Industry Base", "5000000000", "2016") in _facts(text)
    # two zones named about as often: neither is what the text is about
    two = (
        "Work went on in two zones of Gansu.\n\nThe Lanzhou High-Tech Zone and the Baiyin "
        "High-Tech Zone grew. The Lanzhou High-Tech Zone hired. The Baiyin High-Tech Zone "
        "built.\n\nIn 2016, industrial investment was 5 billion yuan."
    )
    assert not [f for f in _facts(two) if f[1] == "5000000000"]


def test_figures_a_zones_administration_issues_are_the_zones():
    text = (
        "Figures issued by Xixian New Area Administrative Committee show strong growth in 2015."
        " The sales value was 26 billion yuan in 2015.\n\n"
        "Xixian New Area hosts car makers."
    )
    assert ("Xixian New Area", "26000000000", "2015") in _facts(text)


def test_a_zone_named_only_in_the_headline_is_what_the_bodys_the_zone_is():
    text = (
        "Work report of the Yuxi High-Tech Industrial Development Zone\n\n"
        "The development zone grew fast in 2019. In 2019, the development zone had 45 "
        "high-tech enterprises."
    )
    assert ("Yuxi High-Tech Industrial Development Zone", "45", "2019") in _facts(text)
    # a group only the headline names is a loose phrase, no antecedent
    group = "Yunnan's high-tech zones thrive\n\nIn 2019, the zones had 45 high-tech enterprises."
    assert _facts(group) == []


def test_a_headline_that_is_only_a_name_names_what_the_body_calls_the_park():
    text = (
        "Jinqiao Export Park\n\nThe park was set up in 1990. In 2014, the park had 420 companies."
    )
    assert ("Jinqiao Export Park", "420", "2014") in _facts(text)
    # a headline sentence is no name
    assert _facts(text.replace("Jinqiao Export Park", "Firms flock to the Jinqiao park")) == []


def test_the_zone_a_fronted_located_phrase_names_is_not_the_topic():
    text = (
        "Located in the south of Pudong New Area, Shanghai, Lingang Industrial Park is a hub "
        "for equipment makers.\n\n"
        "In 2019, industrial output reached 120 billion yuan."
    )
    assert _facts(text) == [("Lingang Industrial Park", "120000000000", "2019")]
