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
    # the approval year is a fact of its own (the zone's dz:approvalYear), never the next period
    assert [(f[1], f[2], f[4]) for f in _facts(text)] == [
        ("2010", "YEAR", "2010"),
        ("52600000000", "CNY", ""),
    ]


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


def test_a_number_after_per_or_every_is_not_a_figure():
    text = (
        "In 2022, Luoyang High-tech Zone had 86.7 invention patents per 10,000 people. "
        "Xiyong Comprehensive Bonded Zone made one in every four laptops."
    )
    assert all(f[1] not in ("10000", "4") for f in _facts(text))


def test_the_yardstick_of_a_comparison_is_not_the_subjects_figure():
    text = (
        "In 2019, Yichang High-tech Zone's R&D intensity stood at 5.1 percent, far higher "
        "than the provincial level of 2.1 percent."
    )
    assert [f[1] for f in _facts(text)] == ["5.1"]


def test_above_designated_size_is_a_scope_not_a_threshold():
    text = (
        "In 2020, the industrial added value of enterprises above designated size in "
        "Xi'an High-tech Zone grew 11.8 percent."
    )
    assert [(f[1], f[3]) for f in _facts(text)] == [("11.8", "yoy_change")]


def test_grew_n_percent_to_a_level():
    text = "Guangzhou ETDZ saw its GDP grow 8.2 percent year-on-year to 421.5 billion yuan."
    assert [(f[1], f[3]) for f in _facts(text)] == [
        ("8.2", "yoy_change"),
        ("421500000000", "level"),
    ]


def test_the_same_period_last_year_is_a_base_not_the_period():
    text = (
        "In the first half of 2017, Meishan Comprehensive Bonded Zone's imports reached "
        "4.26 billion yuan, up 86.5 percent over the same period last year."
    )
    assert {f[4] for f in _facts(text)} == {"2017-H1"}


def test_counted_goods_produced_and_handled():
    text = "In 2018, Dongjiang Comprehensive Bonded Zone handled 1.26 million containers."
    assert [(f[1], f[2]) for f in _facts(text)] == [("1260000", "NUM")]


def test_topped_the_list_is_rank_one_with_its_scope():
    # Model v2: a zone ranked in a region is ranked among the zones of its kind there.
    text = "In 2020, Xi'an High-tech Zone topped the list in western China."
    ex = extract(text, "t")
    (fact,) = ex.facts
    assert (fact.fact.value, fact.fact.unit) == ("1", "RANK")
    group = ex.entities[fact.fact.scope]
    assert group.label == "west China high-tech zones"
    assert ("locatedIn", "https://w3id.org/zonegraph/id/region/west-china") in group.relations


def test_a_second_rank_joined_by_and_keeps_the_subject_of_the_first():
    text = (
        "Luoyang High-tech Zone ranked 47th among the 169 national high-tech zones in China, "
        "and ranked second in Henan."
    )
    ranks = [f for f in _facts(text) if f[2] == "RANK"]
    assert [(f[0], f[1]) for f in ranks] == [
        ("Luoyang High-Tech Zone", "47"),
        ("Luoyang High-Tech Zone", "2"),
    ]


def test_the_high_tech_zones_refers_to_the_group_not_a_ranking_field():
    text = (
        "In 2019, the 12 national high-tech zones in Hubei achieved revenue of 2.84 trillion "
        "yuan. Wuhan East Lake High-tech Zone ranked fourth among 169 national high-tech zones "
        "in China. The high-tech zones' R&D expenditure as a share of GDP stood at 5.1 percent."
    )
    (share,) = [f for f in _facts(text) if f[1] == "5.1"]
    assert share[0] == "Hubei national high-tech zones"


def test_a_region_named_after_in_before_the_figure_is_its_subject():
    text = (
        "By the end of 2019, the number of high-tech enterprises in Hubei totaled 7,905, "
        "of which 3,850 were in the high-tech zones."
    )
    assert ("Hubei", "7905", "NUM") in [f[:3] for f in _facts(text)]


def test_a_second_share_joined_by_and():
    text = (
        "In 2020, Xi'an High-tech Zone realized imports and exports of 288.6 billion yuan, "
        "accounting for 76.5 percent of Xi'an's total and 72.8 percent of Shaanxi's total."
    )
    shares = [f for f in extract(text, "t").facts if f.fact.statistic == "share"]
    assert [(f.fact.value, f.fact.scope) for f in shares][1] == (
        "72.8",
        "https://w3id.org/zonegraph/id/region/shaanxi",
    )


def test_a_multiple_of_a_year_earlier_has_the_same_period_a_year_before_as_base():
    text = (
        "In the first quarter of 2024, Hefei ETDZ produced 152,000 vehicles, "
        "2.5 times that of a year earlier."
    )
    (multiple,) = [f.fact for f in extract(text, "t").facts if f.fact.unit == "TIMES"]
    assert (multiple.value, multiple.period, multiple.base_period) == ("2.5", "2024-Q1", "2023-Q1")


def test_has_reached_and_a_partner_in_the_indicator():
    text = (
        "The number of German-funded enterprises in Liaoning has reached 467. The Sino-German "
        "Industrial Park grew.\n\nThe park's trade volume with Germany was RMB 18.9 billion."
    )
    found = {(f.subject_label, f.fact.value, f.fact.indicator) for f in extract(text, "t").facts}
    assert ("Liaoning", "467", "number of German-funded enterprises") in found
    assert ("Sino-German Industrial Park", "18900000000", "trade volume with Germany") in found


def test_covers_square_kilometers_is_the_area():
    text = "Founded in 1994, China-Singapore Suzhou Industrial Park covers 278 square kilometers."
    assert ("China-Singapore Suzhou Industrial Park", "278", "KM2", "level", "") in _facts(text)


def test_a_possessive_region_before_a_zone_name_is_not_the_subject():
    text = (
        "In 2023, Beijing's Zhongguancun Science Park reported operating revenue of "
        "9.4 trillion yuan."
    )
    assert [f[0] for f in _facts(text)] == ["Zhongguancun Science Park"]


def test_their_after_a_provinces_count_of_zones_is_left_unattached():
    text = (
        "Shandong has 16 national economic and technological development zones. In 2022, "
        "their combined foreign trade volume reached 980 billion yuan."
    )
    assert all(f[1] != "980000000000" for f in _facts(text))


def test_a_permanent_population_is_a_level():
    text = "Nanjing Jiangbei New Area has a permanent population of about 1.8 million."
    (fact,) = extract(text, "t").facts
    assert (fact.fact.value, fact.fact.unit, fact.fact.indicator, fact.fact.qualifier) == (
        "1800000",
        "NUM",
        "permanent population",
        "about",
    )


def test_counted_things_may_carry_an_ampersand():
    text = "In 2023, Jiangbei New Area had 2,300 high-tech enterprises and 68 new R&D institutions."
    assert ("Jiangbei New Area", "68", "NUM", "count", "2023") in _facts(text)


def test_an_area_of_a_free_trade_zone_is_its_own_zone():
    text = (
        "China (Sichuan) Pilot Free Trade Zone Tianfu New Area section has registered "
        "28,000 new enterprises since 2017."
    )
    labels = {label for _, label in _labels(text)}
    assert labels == {"China (Sichuan) Pilot Free Trade Zone Tianfu New Area"}


def test_the_national_zones_in_subject_position_are_the_nationwide_group():
    text = "In 2020, the national ETDZs realized a combined regional GDP of 11.3 trillion yuan."
    assert _facts(text) == [
        ("national economic development zones in China", "11300000000000", "CNY", "level", "2020")
    ]


def test_an_area_of_a_free_trade_zone_written_in_lower_case_is_one_name():
    text = (
        "The Nanhai area of the China (Guangdong) Pilot Free Trade Zone opened in 2021.\n\n"
        "The area's port handled 41.5 million tons of cargo in 2023."
    )
    found = _facts(text)
    # the area, not the whole free trade zone, and "the area" refers back to it
    assert {f[0] for f in found} == {"Nanhai Area of the China (Guangdong) Pilot Free Trade Zone"}
    assert [(f[1], f[2], f[4]) for f in found] == [("41500000", "T", "2023")]
    # the name as written stays the surface of the mention
    assert (
        "Nanhai area of the China (Guangdong) Pilot Free Trade Zone",
        "Nanhai Area of the China (Guangdong) Pilot Free Trade Zone",
    ) in _labels(text)


def test_an_area_of_a_free_trade_zone_named_before_it():
    text = (
        "The Xiamen Area of China (Fujian) Pilot Free Trade Zone registered 7,862 new "
        "enterprises in the first half of 2020, a 31.6-percent rise from the same period of 2019."
    )
    found = _facts(text)
    assert {f[0] for f in found} == {"Xiamen Area of China (Fujian) Pilot Free Trade Zone"}
    assert [(f[1], f[2], f[4]) for f in found] == [
        ("7862", "NUM", "2020-H1"),
        ("31.6", "PERCENT", "2020-H1"),
    ]


def test_worth_names_what_a_figure_measures():
    text = (
        "In 2020, Xiamen Airport Comprehensive Bonded Zone handled business worth 2.1 billion yuan."
    )
    assert [(f[1], f[3]) for f in _facts(text)] == [("2100000000", "level")]


def test_a_number_of_places_after_in_is_not_a_count():
    text = "National ETDZs were first set up in 1984 in 14 coastal cities."
    assert _facts(text) == []


def test_while_its_starts_a_figure_of_its_own():
    text = (
        "In 2020, Xiamen Comprehensive Bonded Zone's foreign trade reached 95.4 billion yuan, "
        "down 2.8 percent, "
        "while its cross-border trade with Taiwan grew 18.2 percent."
    )
    changes = [f.fact for f in extract(text, "t").facts if f.fact.unit == "PERCENT"]
    assert [c.value for c in changes] == ["-2.8", "18.2"]
    assert changes[1].indicator != changes[0].indicator


def test_their_after_a_group_we_cannot_name_is_left_unattached():
    text = (
        "In 2020, the national ETDZs realized a GDP of 11.3 trillion yuan. The ETDZs in central "
        "and western regions performed well: their regional GDP grew by 8.1 percent."
    )
    assert all(f[1] != "8.1" for f in _facts(text))


def test_the_name_zone_is_the_one_zone_whose_name_starts_so():
    text = (
        "In 2018, trade through the Ruili Border Economic Cooperation Zone grew. "
        "The Ruili zone handled 6.2 million tonnes of cargo and 17.6 million entries."
    )
    cargo = [f for f in _facts(text) if f[2] == "T"]
    assert [(f[0], f[1]) for f in cargo] == [("Ruili Border Economic Cooperation Zone", "6200000")]


def test_a_pilot_zone_for_a_purpose_keeps_the_purpose_in_its_name():
    text = "Ruili Pilot Zone for Development and Opening Up covers 1,020 square kilometers."
    assert [f[0] for f in _facts(text)] == ["Ruili Pilot Zone for Development and Opening Up"]


def test_and_a_new_name_before_ranked_is_the_subject_of_that_rank():
    text = (
        "In 2023, Nanchang High-tech Zone ranked 32nd among 177 national high-tech zones, "
        "and Jiangxi's national economic and technological development zones ranked sixth "
        "in central China."
    )
    ranks = [(f[0], f[1]) for f in _facts(text) if f[2] == "RANK"]
    assert ranks == [
        ("Nanchang High-Tech Zone", "32"),
        ("Jiangxi national economic development zones", "6"),
    ]


def test_a_lowercase_and_is_not_part_of_a_possessive_region():
    text = "Nanchang grew, and Jiangxi's national economic and technological development zones too."
    labels = {m.label for m in find_mentions(text) if m.kind == "group"}
    assert labels == {"Jiangxi national economic development zones"}


def test_a_sentence_naming_a_place_only_after_its_figure_continues_the_zone():
    text = (
        "In 2021, Hangzhou High-tech Zone achieved a GDP of 240.2 billion yuan. R&D expenditure "
        "as a share of GDP reached 10.8 percent, the highest among all districts in Zhejiang."
    )
    assert ("Hangzhou High-Tech Zone", "10.8") in [f[:2] for f in _facts(text)]


def test_a_province_subject_is_not_carried_to_the_next_sentence():
    text = (
        "In 2023, Jiangxi had 22 national-level development zones. The industrial added value "
        "of development zones accounted for 48.9 percent of the province's total."
    )
    assert all(f[1] != "48.9" for f in _facts(text))


def test_one_unknown_name_with_an_apposition_takes_no_zone():
    text = (
        "In 2021, Hangzhou High-tech Zone grew. Hikvision, headquartered in the zone, "
        "reported revenue of 81.4 billion yuan, up 28.2 percent."
    )
    assert all(f[1] not in ("81400000000", "28.2") for f in _facts(text))


def test_a_bracketed_plural_abbreviation_names_the_group():
    text = (
        "In 2023, China's 22 pilot free trade zones (FTZs) reported foreign trade of 7.67 "
        "trillion yuan. The FTZs' actual use of foreign capital reached 227.5 billion yuan."
    )
    subjects = {f[0] for f in _facts(text) if f[2] == "CNY"}
    assert len(subjects) == 1 and "free trade zones" in subjects.pop()


def test_a_launch_in_a_place_in_a_year_is_not_the_period():
    text = (
        "In 2023, China (Shanghai) Pilot Free Trade Zone grew. Since the first FTZ was launched "
        "in Shanghai in 2013, 349 institutional innovations have been replicated.\n\n"
        "China (Shanghai) Pilot Free Trade Zone saw its foreign trade volume reach 2.2 trillion "
        "yuan."
    )
    levels = [f for f in _facts(text) if f[2] == "CNY"]
    assert [(f[1], f[4]) for f in levels] == [("2200000000000", "2023")]


def test_the_name_after_while_is_the_subject_of_its_figure():
    text = (
        "In 2023, China (Shanghai) Pilot Free Trade Zone saw its foreign trade reach 2.2 "
        "trillion yuan, while the Hainan Free Trade Port attracted foreign investment of "
        "15.2 billion yuan."
    )
    (hainan,) = [f for f in _facts(text) if f[1] == "15200000000"]
    assert hainan[0] == "Hainan Free Trade Port"


def test_a_bonded_port_area_and_its_anaphor():
    text = (
        "Guangxi Qinzhou Bonded Port Area grew. In the third quarter of 2022, the bonded port "
        "area's imports and exports hit 18.7 billion yuan."
    )
    assert _facts(text) == [
        ("Guangxi Qinzhou Bonded Port Area", "18700000000", "CNY", "level", "2022-Q3")
    ]


def test_the_first_three_quarters_is_a_range_not_the_quarter_before():
    text = (
        "In the third quarter of 2022, Qinzhou Comprehensive Bonded Zone's exports hit 18.7 "
        "billion yuan. In the first three quarters, the zone's output value was 41.5 billion yuan."
    )
    # v2 periods: "the first three quarters" of the year the text is about is January-September.
    assert [f[4] for f in _facts(text)] == ["2022-Q3", "2022-01/2022-09"]


def test_an_also_known_as_apposition_keeps_the_zone_named_after_in():
    text = (
        "The automobile industry in the Chengdu ETDZ, also known as Longquanyi District, "
        "produced 905,000 vehicles in 2022, up 7.6 percent from 2021."
    )
    assert {f[0] for f in _facts(text)} == {"Chengdu Economic and Technological Development Zone"}


def test_makers_are_counted_and_the_special_area_is_an_anaphor():
    text = (
        "Lingang Special Area of China (Shanghai) Pilot Free Trade Zone grew. The zone now "
        "gathers 11 vehicle makers. The special area covers 873 square kilometers."
    )
    found = [(f[1], f[2]) for f in _facts(text)]
    assert found == [("11", "NUM"), ("873", "KM2")]


def test_the_provinces_bonded_zones_are_a_group_not_the_province():
    found = _facts(
        "Jiangsu has 21 comprehensive bonded zones. In 2022, the province's comprehensive "
        "bonded zones achieved total imports and exports of 1.04 trillion yuan. Jiangsu's "
        "total imports and exports reached 5.45 trillion yuan in 2022."
    )
    subjects = {v: s for s, v, *_ in found}
    assert subjects["1040000000000"] == "Jiangsu comprehensive bonded zones"
    assert subjects["5450000000000"] == "Jiangsu"


def test_its_after_the_clauses_own_subject_is_that_subject():
    found = _facts(
        "In 2022, Kunshan Comprehensive Bonded Zone recorded imports and exports of 338.2 "
        "billion yuan. Wuxi High-Tech Comprehensive Bonded Zone saw its foreign trade grow "
        "12.4 percent to 142.7 billion yuan. It is home to 86 processing trade enterprises."
    )
    subjects = {v: s for s, v, *_ in found}
    assert subjects["338200000000"] == "Kunshan Comprehensive Bonded Zone"
    for value in ("12.4", "142700000000", "86"):
        assert subjects[value] == "Wuxi High-Tech Comprehensive Bonded Zone"


def test_a_one_word_name_of_a_zone_named_after_its_city_is_the_zone():
    found = _facts(
        "Guangzhou Nansha New Area reported a GDP of 249.5 billion yuan in 2023. "
        "Nansha's foreign trade hit 325.1 billion yuan in 2023."
    )
    assert {(s, v) for s, v, *_ in found} == {
        ("Guangzhou Nansha New Area", "249500000000"),
        ("Guangzhou Nansha New Area", "325100000000"),
    }


def test_a_new_areas_own_word_is_the_zone_unless_it_is_a_known_city():
    found = _facts(
        "In 2016, the Fengqi New Area drew 300 firms. Fengqi's GDP hit 15 billion yuan in 2016."
        "\n\nIn 2021, Harbin New Area drew 200 firms. Harbin's GDP reached 535 billion yuan."
    )
    assert {(s, v) for s, v, *_ in found} == {
        ("Fengqi New Area", "300"),
        ("Fengqi New Area", "15000000000"),
        ("Harbin New Area", "200"),
    }  # "Harbin's GDP" is the city's (not listed in the reference data), never the zone's


def test_a_one_word_city_before_a_bonded_zone_name_stays_unknown():
    # "Guangxi Pingxiang ...": after a province the second word is a city, not the zone.
    found = _facts(
        "In 2022, Guangxi Pingxiang Comprehensive Bonded Zone handled 1.2 million tonnes of "
        "goods.\n\nPingxiang's GDP reached 20.1 billion yuan in 2022."
    )
    assert [v for _, v, *_ in found] == ["1200000"]


def test_two_names_ranked_respectively_take_their_ranks_in_order():
    found = _facts(
        "In 2022, Suzhou Industrial Park Comprehensive Bonded Zone and Kunshan Comprehensive "
        "Bonded Zone ranked second and third respectively."
    )
    assert [(s, v, u) for s, v, u, *_ in found] == [
        ("Suzhou Industrial Park Comprehensive Bonded Zone", "2", "RANK"),
        ("Kunshan Comprehensive Bonded Zone", "3", "RANK"),
    ]


def test_a_figure_after_a_provinces_count_of_zones_with_is_not_the_provinces():
    found = _facts(
        "Guangxi has 4 comprehensive bonded zones and 1 bonded port area, with total imports "
        "and exports of 122.6 billion yuan. Guangxi's GDP reached 2.63 trillion yuan."
    )
    assert [(s, v) for s, v, *_ in found] == [("Guangxi", "4"), ("Guangxi", "2630000000000")]


def test_a_cooperation_zone_named_before_its_partner_pair_is_named_by_its_first_word():
    found = _facts(
        "In 2022, the Qianhai Shenzhen-Hong Kong Modern Service Industry Cooperation Zone saw "
        "its GDP reach 259.8 billion yuan. Qianhai actually utilized 5.87 billion U.S. dollars "
        "of foreign capital in 2022."
    )
    label = "Qianhai Shenzhen-Hong Kong Modern Service Industry Cooperation Zone"
    assert {(s, v) for s, v, *_ in found} == {(label, "259800000000"), (label, "5870000000")}


def test_its_after_a_region_that_opens_the_clause_does_not_reach_back_to_a_zone():
    zone = "In 2021, Harbin New Area reported a GDP of 100 billion yuan. "
    province = _facts(zone + "Guangdong saw its exports rise 3 percent in 2021.")
    macro = _facts(zone + "Western China saw its exports rise 3 percent in 2021.")
    assert [(s, v) for s, v, *_ in province] == [
        ("Harbin New Area", "100000000000"),
        ("Guangdong", "3"),
    ]
    assert [(s, v) for s, v, *_ in macro] == [("Harbin New Area", "100000000000")]


def test_a_new_area_named_after_its_city_does_not_take_the_citys_figures():
    found = _facts(
        "In 2021, Harbin New Area reported a GDP of 100 billion yuan.\n\n"
        "Harbin's GDP reached 535 billion yuan in 2021."
    )
    assert [(s, v) for s, v, *_ in found] == [("Harbin New Area", "100000000000")]


def test_the_genre_counts_businesses_applications_and_people():
    text = (
        "In 2017, Suzhou New District submitted 11,000 patent applications. "
        "In 2017, Suzhou New District attracted 329 overseas returnees."
    )
    assert [(f[1], f[2], f[3]) for f in _facts(text)] == [
        ("11000", "NUM", "count"),
        ("329", "NUM", "count"),
    ]


def test_the_first_months_at_the_head_of_a_sentence_are_a_range_not_the_half_before():
    text = (
        "In the first half of 2017, East Lake High-Tech Development Zone's exports reached "
        "5 billion yuan. The first five months also saw 9,647 patent applications in the zone."
    )
    assert [(f[1], f[4]) for f in _facts(text)] == [
        ("5000000000", "2017-H1"),
        ("9647", "2017-01/2017-05"),
    ]


def test_an_area_in_square_kilometres_needs_no_indicator_phrase():
    text = "In 2019, Qiantang New Area covered 531.7 square kilometers."
    assert [(f[1], f[2], f[4]) for f in _facts(text)] == [("531.7", "KM2", "2019")]
    (fact,) = extract(text, "t").facts
    assert fact.fact.indicator.endswith("area")  # the scheme's concept for an area


def test_a_figure_in_a_when_founded_clause_is_of_the_founding_year():
    text = (
        "In 2019, Hefei National High-tech Industry Development Zone grew fast. "
        "When it was founded in 1991, the zone encompassed 2.2 square kilometers."
    )
    assert ("2.2", "KM2", "1991") in [(f[1], f[2], f[4]) for f in _facts(text)]


def test_data_published_in_a_month_date_the_figures_that_follow():
    text = (
        "According to the data published by the city government in April 2018, the "
        "Baotou Rare-Earth Hi-tech Zone had 65 high-tech firms. The zone also had 49 listed firms."
    )
    assert [(f[1], f[4]) for f in _facts(text)] == [("65", "2018-04"), ("49", "2018-04")]


def test_a_group_together_with_another_is_neither_group_alone():
    text = (
        "In 2015, revenues of Shaanxi's national high-tech zones together with two provincial "
        "high-tech zones hit 653 billion yuan. In 2015, Shaanxi's national high-tech zones' "
        "exports reached 5 billion yuan."
    )
    assert [f[1] for f in _facts(text)] == ["5000000000"]


def test_an_adverb_before_the_figure_leaves_what_is_measured_to_the_phrase_after():
    text = (
        "Longhua Industrial Park in 2022\n\n"
        "In 2022 the Longhua Industrial Park also registered 5.2 billion yuan in fixed-asset "
        "investment."
    )
    assert [(f[0], f[1], f[2], f[4]) for f in _facts(text)] == [
        ("Longhua Industrial Park", "5200000000", "CNY", "2022")
    ]
    assert extract(text, "t").facts[0].fact.indicator == "fixed-asset investment"
