"""Entities resolve to one canonical IRI whatever the spelling."""

from kg import iris
from loaders.text import extract
from loaders.text.entities import find_mentions


def _iris(text, kind):
    return [m.iri for m in find_mentions(text) if m.kind == kind]


def test_short_zone_name_takes_the_full_name_used_in_the_document():
    text = "Foshan High-Tech Zone grew. Foshan High-Tech Industrial Development Zone is old."
    assert set(_iris(text, "zone")) == {
        iris.zone_iri("Foshan High-Tech Industrial Development Zone")
    }


def test_spelling_variants_of_a_reference_zone_resolve_to_it():
    a = _iris("Chengdu Hi-tech Zone", "zone")
    b = _iris("Chengdu High-Tech Industrial Development Zone", "zone")
    assert a == b == [iris.zone_iri("Chengdu High-Tech Industrial Development Zone")]


def test_countries_by_common_names_and_partner_countries():
    ex = extract(
        "The China-Korea Innovation and Startup Park and Singapore-Sichuan High-Tech "
        "Innovation Park are in Korea.",
        "t",
    )
    assert iris.country_iri("KR") in ex.entities
    assert iris.zone_iri("Singapore-Sichuan High-Tech Innovation Park") in ex.entities


def test_partner_country_of_a_park_the_reference_does_not_know():
    ex = extract("The Germany-Jiangsu Innovation Park opened.", "t")
    park = ex.entities[iris.zone_iri("Germany-Jiangsu Innovation Park")]
    assert ("partnerCountry", iris.country_iri("DE")) in park.relations
    assert ("locatedIn", iris.region_iri("Jiangsu")) in park.relations


def test_macao_as_a_park_partner_is_the_one_macao_resource():
    # Hong Kong, Macao and Taiwan are China's divisions, and partners of "regional" parks.
    ex = extract("The Macao-Jiangsu Innovation Park opened.", "t")
    park = ex.entities[iris.zone_iri("Macao-Jiangsu Innovation Park")]
    assert ("partnerCountry", iris.region_iri("Macao")) in park.relations
    assert ("locatedIn", iris.region_iri("Macao")) not in park.relations
    assert ("locatedIn", iris.region_iri("Jiangsu")) in park.relations


def test_groups_of_zones_get_canonical_labels_and_their_region():
    (m,) = [
        m for m in find_mentions("Jiangsu's national high-tech zones grew.") if m.kind == "group"
    ]
    assert m.label == "Jiangsu national high-tech zones"
    assert m.region == iris.region_iri("Jiangsu")


def test_macro_regions_and_anaphora():
    ms = find_mentions("Anhui leads western China. The province grew.")
    assert [m.iri for m in ms if m.kind == "region"] == [
        iris.region_iri("Anhui"),
        iris.region_iri("west China"),
        iris.region_iri("Anhui"),
    ]


def test_events_with_dates_and_organisations():
    ex = extract(
        "The figures were released at the forum on zone development on March 29, 2022, "
        "organised by the Jiangsu Provincial Department of Commerce.",
        "t",
    )
    events = [e for e in ex.entities.values() if e.kind == "event"]
    assert ("date", "2022-03-29", "date") in events[0].literals
    assert any(
        e.kind == "org" and "Department of Commerce" in e.label for e in ex.entities.values()
    )


def test_a_spelling_variant_of_the_name_stays_an_alt_label():
    # Searching for the form the text uses finds the zone: "Hi-Tech" is kept next to the
    # canonical "High-Tech"; a form that differs only in case is not repeated.
    ex = extract(
        "Kunming National Hi-Tech Industries Development Zone grew. "
        "KUNMING NATIONAL HI-TECH INDUSTRIES DEVELOPMENT ZONE is large.",
        "t",
    )
    (zone,) = [e for e in ex.entities.values() if e.kind == "zone"]
    assert zone.label == "Kunming National High-Tech Industries Development Zone"
    assert len(zone.alt_labels) == 1
    assert {a.lower() for a in zone.alt_labels} == {
        "kunming national hi-tech industries development zone"
    }


def test_new_districts_development_districts_and_eco_cities_are_zones():
    ms = find_mentions(
        "Suzhou New District, Guangzhou Development District and the Sino-Singapore "
        "Tianjin Eco-city grew."
    )
    assert [m.label for m in ms if m.kind == "zone"] == [
        "Suzhou New District",
        "Guangzhou Development District",
        "Sino-Singapore Tianjin Eco-city",
    ]


def test_a_zone_named_by_its_kind_and_the_place_it_is_in():

    text = (
        "The Economic and Technological Development Zone in Wenjiang covers 30 square "
        "kilometers. In 2014, the zone had 120 industrial enterprises."
    )
    ex = extract(text, "t")
    assert {f.subject_label for f in ex.facts} == {
        "Wenjiang Economic and Technological Development Zone"
    }
    (zone,) = {f.fact.area for f in ex.facts}
    assert "Economic and Technological Development Zone in Wenjiang" in ex.entities[zone].alt_labels


def test_a_group_named_by_a_place_before_its_kind():

    ex = extract("In 2015, the revenue of Shaanxi hi-tech zones reached 653 billion yuan.", "t")
    assert [(f.subject_label, f.fact.value) for f in ex.facts] == [
        ("Shaanxi high-tech zones", "653000000000")
    ]
    # a capitalised word that names no place does not make a group of its own
    assert not [m for m in find_mentions("Total high-tech zones grew.") if m.kind == "group"]


def _index_relations(text):
    (index,) = [e for e in extract(text, "t").entities.values() if e.cls == "CompositeIndex"]
    return {(p, o.rsplit("/", 1)[-1]) for p, o in index.relations if p in ("createdBy", "indexOf")}


def test_index_creators_are_the_ones_named_not_a_parent_written_as_an_address():
    relations = _index_relations(
        "The Internationalization Index, jointly created by the Chengdu High-Tech Industrial "
        "Development Zone and the China High-Tech Zone Research Center of the Institute of "
        "Strategic Consulting, China Academy of Sciences, is the first index of its kind."
    )
    zone = "chengdu-high-tech-industrial-development-zone"
    assert relations == {
        ("createdBy", zone),
        ("indexOf", zone),
        ("createdBy", "china-high-tech-zone-research-center"),
    }


def test_two_organisations_joined_by_and_are_both_creators():
    relations = _index_relations(
        "The Opening-up Index, released by the Sichuan Provincial Department of Commerce and "
        "the Chinese Academy of Sciences, covers 10 zones."
    )
    assert {o for p, o in relations if p == "createdBy"} == {
        "sichuan-provincial-department-of-commerce",
        "chinese-academy-of-sciences",
    }


def _zones(text):
    return [(m.surface, m.label) for m in find_mentions(text) if m.kind == "zone"]


def test_zone_names_of_the_less_common_shapes():
    # a high-tech "industry area", a level glossed in brackets, an industry "base"
    assert _zones("Last year the Harbin National Hi-tech Industry Area grew.") == [
        ("Harbin National Hi-tech Industry Area", "Harbin National High-Tech Industry Area")
    ]
    assert _zones("The Wuxi National High-tech District (WND) grew. WND hired.") == [
        ("Wuxi National High-tech District", "Wuxi National High-Tech District"),
        ("WND", "Wuxi National High-Tech District"),
    ]
    assert _zones("The Baotou (national) Economic and Technological Development Zone grew.") == [
        (
            "Baotou (national) Economic and Technological Development Zone",
            "Baotou Economic and Technological Development Zone",
        )
    ]
    text = "Work at the Yulin Coal and Chemical Industry Base went on. The base has 40 firms."
    assert [label for _, label in _zones(text)] == ["Yulin Coal and Chemical Industry Base"] * 2
    # "the base" of a text about a park is a production base, no zone
    assert _zones("Suzhou Industrial Park grew. The base of the park is solid.")[1:] == [
        ("the park", "Suzhou Industrial Park")
    ]


def test_the_development_zone_of_a_city_and_the_development_zone_after_a_new_area():
    text = (
        "The Development Zone of Dalian grew fast. The development zone is a core part of "
        "the Jinpu New Area. Its exports rose while the development zone hired more people."
    )
    zones = _zones(text)
    assert zones[0] == ("Development Zone of Dalian", "Dalian Development Zone")
    assert zones[-1] == ("the development zone", "Dalian Development Zone")


def _groups(text):
    return [(m.surface, m.label) for m in find_mentions(text) if m.kind == "group"]


def test_pilot_free_trade_zones_named_with_no_place_are_chinas():
    text = "Building pilot free trade zones is a reform. In 2022, 21 PFTZs traded more."
    assert _groups(text) == [
        ("pilot free trade zones", "pilot free trade zones in China"),
        ("21 PFTZs", "pilot free trade zones in China"),
    ]
    # counted in a text about a province, they are the province's, which we do not guess
    assert _groups("Fujian grew. The province runs the three pilot free trade zones.") == []


def test_a_group_the_subject_is_one_of_is_not_the_subject():
    text = (
        "As one of the first pilot FTZs in China, the Hainan Pilot Free Trade Zone "
        "covered 120 square kilometers in 2021."
    )
    assert {f.subject_label for f in extract(text, "t").facts} == {"Hainan Pilot Free Trade Zone"}


def test_the_customs_specially_supervised_areas_are_a_national_group():
    text = (
        "Customs said trade in its specially supervised areas rose in 2010. "
        "Trade in these special areas was large."
    )
    assert _groups(text) == [
        ("specially supervised areas", "customs specially supervised areas in China"),
        ("these special areas", "customs specially supervised areas in China"),
    ]


def test_a_city_or_county_named_by_its_kind_word_and_then_alone():
    text = (
        "Deals were signed in the city of Yiwu in Zhejiang. In 2020, Yiwu recorded a GDP "
        "of 148 billion yuan. Smart city projects grew, and Pujiang county grew too."
    )
    places = [
        (m.surface, m.label, m.cls) for m in find_mentions(text) if m.cls in ("City", "County")
    ]
    assert places == [
        ("the city of Yiwu", "Yiwu", "City"),
        ("Yiwu", "Yiwu", "City"),
        ("Pujiang county", "Pujiang", "County"),
    ]
    # a bare name that a zone of the text is named after is the zone's short name
    zone = "The Yiwu High-Tech Zone grew. It is near Yiwu city. Yiwu hired 900 people."
    assert [m.surface for m in find_mentions(zone) if m.cls == "City"] == ["Yiwu city"]


def test_a_zone_name_quoted_as_an_honour_title_is_not_the_subject():
    text = (
        "The Lakeside Industry Cluster District has won several titles: “Anhui Model Cluster” "
        "and “Anhui High-tech Industrial Development Zone”. In 2019, its revenue reached "
        "12 billion yuan."
    )
    # the zone is the district itself, never the title it was given
    assert _iris(text, "zone") == [iris.zone_iri("Lakeside Industry Cluster District")]
    assert [f.subject_label for f in extract(text, "t").facts] == [
        "Lakeside Industry Cluster District"
    ]
    # Without the honour word the quoted name is the zone itself.
    named = "The “Anhui High-tech Industrial Development Zone” saw revenue of 12 billion yuan."
    assert _iris(named, "zone")


def test_a_development_zone_named_by_its_place_in_lower_case():
    assert _zones("The Cangzhou Bohai development zone lies in Hebei.") == [
        ("Cangzhou Bohai development zone", "Cangzhou Bohai Development Zone")
    ]
    # a level is no place
    assert _zones("Binhai, a State-level development zone, grew.") == []


def test_the_area_of_a_zone_named_right_after_it_is_that_zones():
    text = (
        "The Dongling Economic Zone joined in 2019. The area under the management of the "
        "Hunhe New Development Zone grew. The area has 20 villages."
    )
    anaphors = [m.label for m in find_mentions(text) if m.anaphor]
    assert anaphors == ["Hunhe New Development Zone", "Hunhe New Development Zone"]


def test_a_lower_case_zone_name_with_a_gloss_in_brackets_before_its_kind():
    text = "The Hachang (Harbin, Daqing and Changchun) economic zone grew. The zone hired."
    assert _zones(text) == [
        ("Hachang (Harbin, Daqing and Changchun) economic zone", "Hachang Economic Zone"),
        ("The zone", "Hachang Economic Zone"),
    ]


def test_the_economic_development_zone_refers_back_to_the_zone():
    text = (
        "The Korla Economic and Technological Development Zone grew. Korla New Area is near. "
        "Over 90,000 people live in the economic development zone."
    )
    (anaphor,) = [m for m in find_mentions(text) if m.anaphor]
    assert anaphor.label == "Korla Economic and Technological Development Zone"


def test_a_cluster_district_named_by_its_possessor_and_then_the_district():
    text = (
        "Linzhou’s Industry Cluster District, rated a “Henan Model Industry Cluster District”, "
        "is the city's growth pole. In 2019, the Industry Cluster District achieved a tax "
        "revenue of 1.2 billion yuan. The district employed 30,000 people in 2019."
    )
    zones = [m for m in find_mentions(text) if m.kind == "zone"]
    assert {m.label for m in zones} == {"Linzhou Industry Cluster District"}
    assert len(zones) == 3
    facts = extract(text, "t").facts
    assert {f.subject_label for f in facts} == {"Linzhou Industry Cluster District"}


def test_an_industrial_cluster_named_in_capitals_is_a_zone():
    (m,) = [
        m
        for m in find_mentions("The Ningbo Beilun Industrial Cluster was approved in 2011.")
        if m.kind == "zone"
    ]
    assert m.label == "Ningbo Beilun Industrial Cluster"


def test_a_city_introduced_as_the_city_of_or_x_city_and_then_named_alone():
    text = (
        "The city of Heihe in Heilongjiang province has grown fast.\n\n"
        "From 2016 to 2020, the total GDP of Heihe reached 40 billion yuan."
    )
    assert [(f.subject_label, f.fact.value) for f in extract(text, "t").facts] == [
        ("Heihe", "40000000000")
    ]
    # "X City" in capitals names the city too; a zone named after the city later does not
    # make its bare name the zone's
    text = (
        "The rise of Dongning City in Heilongjiang is a story of trade. In 2010, the Dongning "
        "Border Economic Cooperation Zone was set up. In 2018, exports through Dongning "
        "accounted for 40 percent of the province's trade with Russia."
    )
    (m,) = [m for m in find_mentions(text) if m.kind == "region" and m.surface == "Dongning City"]
    assert m.cls == "City"
    facts = extract(text, "t").facts
    assert [(f.subject_label, f.fact.value) for f in facts] == [("Dongning", "40")]


def test_zones_in_this_province_are_the_provinces_group():
    text = (
        "Fujian's zones met in Fuzhou. In 2019, the economic development zones in this "
        "province recorded exports of 40 billion yuan."
    )
    groups = [m for m in find_mentions(text) if m.kind == "group"]
    assert [(m.surface, m.region) for m in groups][-1] == (
        "economic development zones in this province",
        iris.region_iri("Fujian"),
    )
    facts = extract(text, "t").facts
    assert [(f.subject_label, f.fact.value) for f in facts] == [
        ("Fujian economic development zones", "40000000000")
    ]
