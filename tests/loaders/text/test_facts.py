"""Each construction of the genre, with its own small example."""

from rdflib import RDF, XSD, Literal, URIRef

from kg import iris
from kg.model import DZ, QB
from loaders.text import extract
from loaders.text.explain import explain_extraction
from loaders.text.graph import to_graph


def _facts(text):
    return [
        (f.subject_label, f.fact.value, f.fact.unit, f.fact.statistic, f.fact.period)
        for f in extract(text, "t").facts
    ]


def _one(text):
    (f,) = extract(text, "t").facts
    return f.fact


JS = "In 2022, Jiangsu's national economic development zones"


def test_level_with_scale_word_subject_indicator_and_period():
    fact = _one(f"{JS}' total imports and exports reached 1.07 trillion yuan.")
    assert fact.area == iris.group_iri("Jiangsu national economic development zones")
    assert (fact.value, fact.unit, fact.period, fact.indicator) == (
        "1070000000000",
        "CNY",
        "2022",
        "total imports and exports",
    )


def test_yoy_change_up_and_down_link_to_their_level():
    found = extract(
        f"{JS}' exports reached 30 billion yuan, up 12.5 percent year on year; "
        "their imports were 20 billion yuan, decreased by 3.1% year-on-year.",
        "t",
    )
    values = [(f.fact.value, f.fact.statistic) for f in found.facts]
    assert values == [
        ("30000000000", "level"),
        ("12.5", "yoy_change"),
        ("20000000000", "level"),
        ("-3.1", "yoy_change"),
    ]
    level, change = found.facts[0].fact, found.facts[1].fact
    assert change.change_of == iris.observation_iri("t", *level.key())


def test_change_against_a_base_period():
    fact = _one(f"{JS}' output reached 5 billion yuan. It was an increase of 15.2% over 2020.")
    assert fact.value == "5000000000"
    found = extract(f"{JS} saw output of 5 billion yuan, an increase of 15.2% over 2020.", "t")
    change = found.facts[1].fact
    assert (change.statistic, change.base_period, change.value) == (
        "change_vs_period",
        "2020",
        "15.2",
    )


def test_times_as_yoy_change_is_in_percent_with_the_stated_form_kept():
    # Model v2: a year-on-year change is in percent; "increase of 23.75 times" is +2375 %.
    text = (
        f"{JS}' FDI contract value was 599 million US dollars, a year-on-year "
        "increase of 23.75 times."
    )
    assert _facts(text)[1][1:4] == ("2375", "PERCENT", "yoy_change")
    assert extract(text, "t").facts[1].fact.stated_as == "23.75 times"


def test_share_with_scope_of_the_province():
    found = extract(
        f"{JS}' GDP reached 1.2 trillion yuan, accounting for 19.8% of the province's total.", "t"
    )
    share = found.facts[1].fact
    assert (share.statistic, share.value, share.unit) == ("share", "19.8", "PERCENT")
    assert share.scope == iris.region_iri("Jiangsu")


def test_counts_of_things_and_of_groups():
    found = _facts(
        "In 2021, Wuhan Economic and Technological Development Zone has "
        "130 Fortune 500 companies and more than 2,000 foreign-invested enterprises."
    )
    assert [(v, u, s) for _, v, u, s, _ in found] == [
        ("130", "NUM", "count"),
        ("2000", "NUM", "count"),
    ]
    group = _facts("In 2021, 217 national economic development zones were assessed in China.")
    assert group == [
        ("national economic development zones in China", "217", "NUM", "count", "2021")
    ]


def test_rank_with_scope_and_population():
    ex = extract(
        "The total strength of Chengdu High-Tech Zone is the top among "
        "169 national high-tech zones in China.",
        "t",
    )
    rank, count = (f.fact for f in ex.facts)
    assert (rank.value, rank.unit, rank.statistic, rank.population) == ("1", "RANK", "rank", 169)
    assert rank.area == iris.zone_iri("Chengdu High-Tech Industrial Development Zone")
    assert rank.scope == count.area
    assert "national-high-tech-zones-in-china" in count.area
    assert (count.value, count.unit, count.statistic) == ("169", "NUM", "count")


def test_ranks_listed_with_respectively_are_tied_in_order():
    found = extract(
        "Sichuan Provincial Department of Commerce said there are currently 10 national "
        "economic development zones in Sichuan, making it share second and fifth place "
        "with another region in central and west China as well as in China "
        "respectively.",
        "t",
    )
    ranks = [f.fact for f in found.facts if f.fact.statistic == "rank"]
    assert [(r.value, r.qualifier, r.scope.rsplit("/", 1)[-1]) for r in ranks] == [
        ("2", "tied", "central-and-west-china"),
        ("5", "tied", "cn"),
    ]


def test_rank_then_years_at_the_rank():
    found = _facts(
        "In 2020, the Xiyong Comprehensive Bonded Zone was ranked number one in China "
        "for three years."
    )
    assert [(v, u) for _, v, u, _, _ in found] == [("1", "RANK"), ("3", "YR")]


def test_a_zone_ranked_in_china_is_ranked_among_its_peers_by_the_figure_with_it():
    ex = extract(
        "In 2020, the Xiyong Comprehensive Bonded Zone was ranked number one in China "
        "for three years, with imports and exports of RMB549.17 billion.",
        "t",
    )
    rank = next(f.fact for f in ex.facts if f.fact.statistic == "rank")
    assert rank.indicator == "total imports and exports"
    # The reference data has that group (all comprehensive bonded zones are national).
    assert rank.scope == iris.group_iri("national comprehensive bonded zones in China")


def test_a_zone_ranked_in_a_province_is_ranked_among_the_zones_of_its_kind_there():
    ex = extract("In 2021, Foshan High-Tech Zone ranked third in Guangdong.", "t")
    (rank,) = (f.fact for f in ex.facts)
    group = ex.entities[rank.scope]
    assert (group.cls, group.label) == ("ZoneGroup", "Guangdong high-tech zones")
    assert ("locatedIn", iris.region_iri("Guangdong")) in group.relations
    assert ("groupZoneKind", iris.mint("zone-kind", "high-tech-zone")) in group.relations


def test_a_rank_without_a_figure_with_it_keeps_no_criterion_and_a_province_keeps_its_place():
    ex = extract("In 2020, the Xiyong Comprehensive Bonded Zone was ranked first in China.", "t")
    (rank,) = (f.fact for f in ex.facts)
    assert rank.indicator == "overall ranking"
    assert rank.scope == iris.group_iri("national comprehensive bonded zones in China")
    ranks = [
        f.fact
        for f in extract(
            "Sichuan has 10 national economic development zones, making it rank first in "
            "west China.",
            "t",
        ).facts
        if f.fact.statistic == "rank"
    ]
    assert [r.scope for r in ranks] == [iris.region_iri("west China")]


def test_last_year_and_currently_resolve_against_the_document_date():
    text = (
        "Title\nRelease time: 2020-01-20\n\nLast year, Chongqing Liangjiang New Area realized "
        "exports of 24 billion yuan. There are currently 5 cooperation platforms in the "
        "Chongqing Liangjiang New Area."
    )
    assert [p for *_, p in _facts(text)] == ["2019", "2020"]


def test_period_carries_forward_until_another_is_named():
    text = (
        f"{JS}' exports reached 3 billion yuan. Their imports were 2 billion yuan.\n\n"
        "Jiangsu's national economic development zones had 9 cooperation platforms.\n\n"
        "In 2021, Jiangsu's national economic development zones had 8 cooperation platforms."
    )
    assert [p for *_, p in _facts(text)] == ["2022", "2022", "2022", "2021"]


def test_without_any_period_the_figure_is_unstated():
    assert [p for *_, p in _facts("Jiangsu's national high-tech zones had 9 platforms.")] == [""]


def test_founding_year():
    fact = _one("Kunshan Economic and Technological Development Zone, founded in 1985, grew.")
    assert (fact.value, fact.unit, fact.period) == ("1985", "YEAR", "1985")


def test_thresholds_plans_and_footer_are_not_facts():
    ex = extract(
        f"{JS} saw output of major firms, each with annual revenue of at least 20 million "
        "yuan, arrived at 9 billion yuan. By 2025, the zones will reach 20 billion yuan.\n"
        "Website Identification Code: 5100000062",
        "t",
    )
    assert [f.fact.value for f in ex.facts] == ["9000000000"]
    reasons = {u.quote: u.reason for u in ex.unattached}
    assert "threshold" in reasons["20 million yuan"]
    assert "plan" in reasons["20 billion yuan"]


def test_numbers_without_subject_are_left_unattached_with_a_reason():
    ex = extract("The total output value reached 100 billion yuan.", "t")
    assert ex.facts == []
    assert ex.unattached[0].quote == "100 billion yuan"


def test_noisy_machine_translation_makes_no_entities_and_no_crash():
    ex = extract("Mianyang High School. I am. . .. .. -Tech zone. ) ( 3", "t")
    assert ex.facts == []
    labels = {e.label for e in ex.entities.values()}
    assert not any("School" in lab or lab in ("I", "-Tech zone") for lab in labels)


def test_quote_offsets_point_into_the_text():
    text = f"{JS}' exports reached 3 billion yuan, up 5% year on year."
    for f in extract(text, "t").facts:
        assert text[f.fact.span.start : f.fact.span.end] == f.fact.span.exact


def test_a_news_agency_dateline_is_not_a_subject_nor_a_figure():
    ex = extract(
        "BEIJING, Feb. 16 (Xinhua) -- China's 230 national economic and technological "
        "development zones reported a combined GDP of 14.7 trillion yuan in 2022.",
        "t",
    )
    assert {f.subject_label for f in ex.facts} == {"national economic development zones in China"}
    assert [f.fact.value for f in ex.facts] == ["230", "14700000000000"]
    assert ex.unattached == []


def test_grew_its_indicator_by_then_to_a_level():
    found = _facts(
        "Zhengzhou Hi-Tech Industrial Development Zone grew its operating revenue by 8 percent "
        "to 310 billion yuan in 2020."
    )
    assert [(v, u, s, p) for _, v, u, s, p in found] == [
        ("8", "PERCENT", "yoy_change", "2020"),
        ("310000000000", "CNY", "level", "2020"),
    ]


def test_multiple_of_a_base_year():
    ex = extract(
        "In 2021, Wuhan Economic and Technological Development Zone's digital economy output "
        "reached 8.6 billion yuan, 2.5 times that of 2019.",
        "t",
    )
    multiple = ex.facts[1].fact
    assert (multiple.value, multiple.unit, multiple.statistic, multiple.base_period) == (
        "2.5",
        "TIMES",
        "multiple",
        "2019",
    )


def test_its_does_not_reach_past_a_sentence_about_an_unnamed_subject():
    ex = extract(
        "In 2021, the Xiyong Comprehensive Bonded Zone handled 2 million tonnes of goods. "
        "The Western Logistics Harbour Group attracted many partners this year. "
        "Its digital output reached 8.6 billion yuan.",
        "t",
    )
    assert [f.fact.value for f in ex.facts] == ["2000000"]
    assert any(u.quote == "8.6 billion yuan" for u in ex.unattached)


def test_now_and_coordinated_counts_share_their_owner():
    text = (
        "Title\nDate: 2022-05-09\n\nZhejiang now has 8 national high-tech zones and 64 "
        "provincial high-tech zones."
    )
    found = _facts(text)
    assert [(s, v, p) for s, v, _, _, p in found] == [
        ("Zhejiang", "8", "2022"),
        ("Zhejiang", "64", "2022"),
    ]


def test_one_value_per_figure_the_exact_one_wins():
    ex = extract(
        "In 2022, the regional GDP of Mianyang High-tech Zone exceeded 100 billion yuan for the "
        "first time, reaching 101.3 billion yuan.",
        "t",
    )
    assert [f.fact.value for f in ex.facts] == ["101300000000"]
    assert any("another value" in u.reason for u in ex.unattached)


def test_came_in_at_names_the_level_before_it():
    from loaders.text import extract

    ex = extract("In 2021, the GDP of Jiangsu came in at 11.6 trillion yuan.", "t")
    assert [(f.fact.indicator, f.fact.value) for f in ex.facts] == [
        ("gross domestic product", "11600000000000")
    ]


def test_a_change_names_what_changed_after_it():
    from loaders.text import extract

    ex = extract(
        "In 2020, Qianhai Cooperation Zone saw a 13 percent year-on-year increase in the "
        "number of registered companies and a 13.4 percent growth in tax revenue.",
        "t",
    )
    assert [(f.fact.indicator, f.fact.value, f.fact.statistic) for f in ex.facts] == [
        ("number of registered enterprises", "13", "yoy_change"),  # the curated label
        ("tax revenue", "13.4", "yoy_change"),
    ]


def test_topped_and_a_level_after_a_bracketed_conversion():
    from loaders.text import extract

    ex = extract(
        "In 2017, the output of Baotou Rare-Earth Hi-tech Zone topped 93.4 billion yuan "
        "($13.5 billion) and the industrial added value was 18 billion yuan.",
        "t",
    )
    assert [(f.fact.value, f.fact.unit) for f in ex.facts] == [
        ("93400000000", "CNY"),
        ("13500000000", "USD"),
        ("18000000000", "CNY"),
    ]


INDEX = (
    "The Internationalization Index, jointly created by the Chengdu High-Tech Industrial "
    "Development Zone and the China High-Tech Zone Research Center, reflects the level of "
    "international development of the zone: “concentration of global factors, global "
    "innovation competitiveness” Contains top-notch indexes.\n\n"
)


def test_a_sub_index_figure_is_the_zones_figure_on_the_sub_indexs_indicator():
    ex = extract(
        INDEX + "The Global Innovation Competitiveness Index rose 73% compared to 2018.", "t"
    )
    (change,) = (f.fact for f in ex.facts)
    zone = iris.zone_iri("Chengdu High-Tech Industrial Development Zone")
    assert (change.area, change.indicator, change.value, change.base_period) == (
        zone,
        "global innovation competitiveness",
        "73",
        "2018",
    )
    sub = next(e for e in ex.entities.values() if e.cls == "SubIndex" and "innovation" in e.label)
    assert ("indicatorConcept", iris.ID + "indicator/global-innovation-competitiveness") in (
        sub.relations
    )


def test_a_figure_of_an_index_that_measures_no_named_zone_is_left_out_with_why():
    ex = extract(
        "The Internationalization Index reflects the level of international development: "
        "“concentration of global factors, global innovation competitiveness” Contains "
        "indexes.\n\nThe Global Innovation Competitiveness Index rose 73% compared to 2018.",
        "t",
    )
    assert ex.facts == []
    assert any("names no zone the index measures" in u.reason for u in ex.unattached)


def test_a_bracketed_gloss_does_not_hide_the_indicator():
    from loaders.text import extract

    ex = extract("In 2017, Suzhou New District had 50 research and development (R&D) centers.", "t")
    assert [(f.fact.indicator, f.fact.value) for f in ex.curated] == [
        ("number of R&D institutions", "50")
    ]


def test_years_of_approval_and_establishment():
    from loaders.text import extract

    ex = extract(
        "Kunming High-tech Zone was approved by the State Council in 1992. Since its "
        "establishment in 1988, Kunming High-tech Zone has grown fast.",
        "t",
    )
    assert [(f.fact.indicator, f.fact.value, f.fact.unit) for f in ex.facts] == [
        ("year approved", "1992", "YEAR"),
        ("year construction began", "1988", "YEAR"),
    ]
    # Calendar years are properties of the zone, never observations whose value is 1988.
    assert ex.curated == []
    g = to_graph(ex)
    assert not list(g.subjects(RDF.type, QB.Observation))
    zone = URIRef(ex.facts[0].fact.area)
    assert g.value(zone, DZ.approvalYear) == Literal("1992", datatype=XSD.gYear)
    assert g.value(zone, DZ.foundingYear) == Literal("1988", datatype=XSD.gYear)
    report = explain_extraction(ex)
    assert "Facts (0)" in report and "dz:approvalYear 1992" in report


def test_a_founding_year_the_reference_data_states_otherwise_is_not_a_second_one():
    ex = extract(
        "Construction of the Chengdu High-Tech Industrial Development Zone began in 1990.", "t"
    )
    zone = URIRef(iris.PREFIXES["zid"] + "zone/chengdu-high-tech-industrial-development-zone")
    assert [(f.fact.area, f.fact.value) for f in ex.facts] == [(str(zone), "1990")]
    # the reference data says 1988: the zone keeps one founding year, the text's is left out
    assert list(to_graph(ex).objects(zone, DZ.foundingYear)) == []


def test_a_founding_year_with_its_month_is_of_that_month():
    from loaders.text import extract

    ex = extract("Nanchang Xiaolan ETDZ was established in March 2002.", "t")
    assert [(f.fact.value, f.fact.period) for f in ex.facts] == [("2002", "2002-03")]


def test_a_year_with_its_month_gives_the_zone_the_month_beside_the_year():
    ex = extract(
        "Nanchang Xiaolan ETDZ was approved by the State Council in May 1992. "
        "Since its establishment in 1988, Nanchang Xiaolan ETDZ has grown fast.",
        "t",
    )
    zone = URIRef(ex.facts[0].fact.area)
    g = to_graph(ex)
    assert g.value(zone, DZ.approvalYear) == Literal("1992", datatype=XSD.gYear)
    assert g.value(zone, DZ.approvalMonth) == Literal("1992-05", datatype=XSD.gYearMonth)
    # no month named for the founding: the year alone
    assert g.value(zone, DZ.foundingYear) == Literal("1988", datatype=XSD.gYear)
    assert g.value(zone, DZ.foundingMonth) is None
    assert "dz:approvalMonth 1992-05" in explain_extraction(ex)


def test_targets_are_planned_figures_of_the_year_they_are_set_for():
    ex = extract(
        "In 2020, the Wuxi High-tech Zone's exports reached 3 billion yuan. The Wuxi "
        "High-tech Zone's exports are forecast to reach 5 billion yuan by 2025. About 900 "
        "new patents are expected to be granted in the Wuxi High-tech Zone by 2025. The "
        "zone's 6-sq-km west area is due to be operational by 2024.",
        "t",
    )
    read = [(f.fact.value, f.fact.period, f.fact.modality) for f in ex.facts]
    assert read == [
        ("3000000000", "2020", "achieved"),
        ("5000000000", "2025", "planned"),
        ("900", "2025", "planned"),
    ]
    # the year closes what is planned for the area, not the area's own phrase
    assert "plan or target" in {u.quote: u.reason for u in ex.unattached}["6-sq-km"]
    assert "a target (planned)" in explain_extraction(ex)


def test_a_flow_by_the_end_of_a_month_with_its_yearly_change_is_year_to_date():
    read = _facts(
        "In 2019, the Wuxi High-tech Zone grew fast. By the end of May, its exports were 4 "
        "billion yuan, up 12 percent year on year. The total registered capital of the Wuxi "
        "High-tech Zone was 30 billion yuan."
    )
    assert [(value, period) for _, value, _, _, period in read] == [
        ("4000000000", "2019-01/2019-05"),  # a sum since January
        ("12", "2019-01/2019-05"),
        ("30000000000", "2019-05"),  # a stock at the month's end
    ]


def test_a_zone_named_with_its_kind_in_lower_case_is_the_subject():
    read = _facts(
        "In 2020, the Tacheng comprehensive bonded zone posted strong trade. Its imports "
        "reached 120 million yuan."
    )
    assert read == [("Tacheng Comprehensive Bonded Zone", "120000000", "CNY", "level", "2020")]
    # a possessive is the zone's region, and a plural kind is a group, not a zone's name
    assert not any(
        m.kind == "zone" for m in extract("In 2020, Xinjiang's bonded zones grew.", "t").mentions
    )


def test_a_zone_listed_as_a_part_is_not_what_the_zone_means_next():
    read = _facts(
        "In 2014, the Wuxi High-tech Zone grew. It is composed of three areas -- Meicun "
        "Industrial Park, Shuofang Export Processing Zone and a logistics park. In 2014, the "
        "zone generated 35 billion yuan in output value."
    )
    assert [(label, value) for label, value, *_ in read] == [("Wuxi High-Tech Zone", "35000000000")]


def test_a_province_ftz_short_name_and_its_bracketed_abbreviation_are_one_zone():
    ex = extract(
        "Hainan FTZ grows\n\nThe China (Hainan) Pilot Free Trade Zone (FTZ) was launched in "
        "2018. In 2021, the FTZ attracted 120 projects. In 2021, Hainan FTZ's exports "
        "reached 2 billion yuan.",
        "t",
    )
    assert {f.subject_label for f in ex.facts} == {"China (Hainan) Pilot Free Trade Zone"}
    assert all("(FTZ" not in m.label for m in ex.mentions)


def test_a_count_of_things_above_a_size_is_left_out():
    ex = extract(
        "In 2021, the Wuxi High-tech Zone had 5 enterprises each with annual revenue over 10 "
        "billion yuan.",
        "t",
    )
    assert not ex.facts
    assert "threshold" in {u.quote: u.reason for u in ex.unattached}["5"]


def test_a_zone_named_inside_an_including_phrase_is_a_part_not_the_zone():
    read = _facts(
        "In 2018, the China (Hunan) Pilot Free Trade Zone was set up. It takes up 119 square "
        "kilometers, including 60 sq km in Changsha (covering the 3.2-sq-km Changsha Huanghua "
        "Comprehensive Bonded Zone).\n\nIn 2018, 150 foreign-invested projects were set up in "
        "the zone."
    )
    counts = [label for label, value, *_ in read if value == "150"]
    assert counts == ["China (Hunan) Pilot Free Trade Zone"]


def test_a_place_after_a_fronted_participle_phrase_is_the_clauses_subject():
    text = (
        "Talks were held in the city of Yiwu.\n\nApproved as a national zone in 1992, Yiwu has "
        "attracted foreign investment of 4 billion U.S. dollars."
    )
    assert [(f.subject_label, f.fact.value) for f in extract(text, "t").facts] == [
        ("Yiwu", "4000000000")
    ]


def test_a_lower_bound_that_defines_a_class_is_not_a_level():
    found = extract(
        "In 2021, Lakeside Economic and Technological Development Zone signed 40 projects, "
        "including 12 with an investment worth more than 500 million yuan ($77 million).",
        "t",
    )
    assert [(f.fact.value, f.fact.unit) for f in found.facts] == [("40", "NUM")]
    assert any("defines a class" in u.reason for u in found.unattached)
    among = extract(
        "Lakeside Economic and Technological Development Zone is among the few inland zones "
        "with a cargo throughput of more than 5 million tonnes.",
        "t",
    )
    assert among.facts == []
    # A bound on the subject's own figure stays a level.
    (own,) = extract(
        "In 2021, Lakeside Economic and Technological Development Zone achieved an output "
        "value of more than 500 million yuan.",
        "t",
    ).facts
    assert (own.fact.value, own.fact.qualifier) == ("500000000", "more than")


def test_a_clause_about_a_facility_or_authority_is_not_the_zones():
    zone = (
        "In 2020, Lakeside Economic and Technological Development Zone's exports reached "
        "3 billion yuan."
    )
    for other in (
        "Relying on the railway, the port of Lakeside handled 2 million tons of cargo.",
        "The Lakeside Municipal Government has approved 25 projects.",
        "At Lakeside Airport's western cargo zone, 12 cargo routes were opened.",
        "With an area of 3.5 sq km, Area B is close to the city.",
    ):
        found = extract(f"{zone} {other}", "t")
        assert [f.fact.value for f in found.facts] == ["3000000000"], other
    # An indicator phrase as the clause's subject still goes on about the zone.
    found = extract(f"{zone} Its imports reached 2 billion yuan.", "t")
    assert [f.fact.value for f in found.facts] == ["3000000000", "2000000000"]


def test_numbers_in_slogans_and_references_to_countries_named_before_are_not_counts():
    zone = "Lakeside Economic and Technological Development Zone"
    found = extract(
        f"In 2020, {zone} built a hub of “three corridors in one” and strengthened trade "
        "between the two countries. It gathered 120 enterprises.",
        "t",
    )
    assert [f.fact.value for f in found.facts] == ["120"]
    reasons = {u.quote: u.reason for u in found.unattached}
    assert "slogan" in reasons["three"] and "named before" in reasons["two"]
    # A count of countries the zone trades with stays a count.
    (fact,) = extract(f"In 2020, {zone} traded with 45 countries.", "t").facts
    assert (fact.fact.value, fact.fact.unit) == ("45", "NUM")


def test_a_zone_listed_after_including_is_no_subject_of_the_clause():
    text = (
        "Hunan Xiangjiang New Area grew.\n\nIn 2022, Hunan Xiangjiang New Area signed deals. "
        "In 2022, 40 projects were signed, including Yuelu Technology Park, with a total "
        "investment of 3 billion yuan."
    )
    subjects = {f.subject_label for f in extract(text, "t").facts}
    assert "Yuelu Technology Park" not in subjects
    assert "Hunan Xiangjiang New Area" in subjects


def test_a_zone_the_figures_own_phrase_ends_in_is_its_subject():
    text = (
        "Firms flock south\n\nOver 12,000 companies have registered in the Qianhai New Area "
        "so far, with a total investment capital of 3 trillion yuan."
    )
    facts = {(f.subject_label, f.fact.value) for f in extract(text, "t").facts}
    assert ("Qianhai New Area", "12000") in facts
    # a figure whose phrase reaches the zone only past a comma is not given to it
    other = "Firms flock south\n\nOver 12,000 firms came, as in the Qianhai New Area."
    assert not extract(other, "t").facts


def test_an_amount_a_change_word_reaches_is_the_new_level():
    # "rose to", "surged to": the figure after "to" is where the indicator now stands
    rose, surged = (
        _one(
            f"In 2022, the Hefei Economic and Technological Development Zone's export value "
            f"{verb} to 1.2 billion yuan."
        )
        for verb in ("rose", "surged")
    )
    for f in (rose, surged):
        assert (f.value, f.unit, f.statistic) == ("1200000000", "CNY", "level")
        assert f.indicator == "exports"
    # "by" an amount is the change itself, which model v2 keeps only in percent
    by = extract(
        "In 2022, the Hefei Economic and Technological Development Zone's tax revenue "
        "increased by 330 million yuan to 4.5 billion yuan.",
        "t",
    )
    assert [(f.fact.value, f.fact.statistic) for f in by.facts] == [("4500000000", "level")]
