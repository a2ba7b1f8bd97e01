"""Indicator phrases of real texts map to the curated concept they name, and only to it."""

import pytest

from kg.model import Fact
from kg.reference import indicator_labels
from loaders.text import extract
from loaders.text.graph import to_graph
from loaders.text.indicators import _concept, indicator_label, why_left_out


def _slug(phrase):
    concept = _concept(phrase)
    return None if concept is None else str(concept).rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    ("phrase", "slug"),
    [
        # the zone taken out of "total output value of Liangjiang New Area's electronic industry"
        (
            "total output value\u2019s electronic industry",
            "output-value-of-electronic-information-industry",
        ),
        (
            "output value of the electronic industry",
            "output-value-of-electronic-information-industry",
        ),
        ("profit", "total-profits"),
        ("profits of regulated industrial enterprises", "profits-of-major-industrial-firms"),
        ("profits of above-scale industrial enterprises", "profits-of-major-industrial-firms"),
        ("profits of trading enterprises above designated size", "profits-of-major-trading-firms"),
        ("profits of for-profit service industry enterprises", "profits-of-profit-making-services"),
        ("total profit and tax", "total-profits-and-taxes"),
        # "above-scale" is "above designated size": the existing concept, not the new one
        (
            "total profit and tax of above-scale industrial enterprises",
            "total-profits-and-taxes-of-major-industrial-firms",
        ),
        ("sales value", "industrial-sales-output-value"),
        ("sales rate of industrial enterprises above designated size", "product-sales-rate"),
        ("dock berths", "number-of-berths"),
        ("cargo handling capacity", "cargo-handling-capacity"),
        ("container handling capacity", "container-handling-capacity"),
        ("contractual foreign capital", "contract-value-of-foreign-direct-investment"),
        ("Actual foreign direct investment", "actual-use-of-foreign-direct-investment"),
        ("foreign investment in actual use", "actual-use-of-foreign-direct-investment"),
        ("used an actual foreign investment", "actual-use-of-foreign-direct-investment"),
        ("regulated industrial output value", "output-value-of-major-industrial-firms"),
        (
            "accumulated value of industrial enterprises above designated size",
            "output-value-of-major-industrial-firms",
        ),
        ("added value of industrial enterprises", "industrial-added-value"),
        ("value added industrial output", "industrial-added-value"),
        ("fixed-asset investment of the whole society", "fixed-asset-investment"),
        ("fixed investment", "fixed-asset-investment"),
        ("utilization of foreign investment", "actual-use-of-foreign-direct-investment"),
        ("R&D investment as a proportion of GDP", "research-and-development-intensity"),
        ("accumulated investment in fixed assets", "fixed-asset-investment"),
        (
            "Total foreign trade volume in this northernmost free trade zone",
            "total-imports-and-exports",
        ),
        ("total foreign trade import and export value", "total-imports-and-exports"),
        ("previous year the GDP", "gross-domestic-product"),
        ("actual paid-in taxes", "tax-revenue"),
        ("revenue of public finance budget", "general-public-budget-revenue"),
        ("reached revenue", "operating-revenue"),
        ("main business income", "operating-revenue"),
        ("technology, industry and trade income", "operating-revenue"),  # 技工贸总收入
        ("development covers an area", "area"),
        ("Spanning a planned area", "planned-area"),
        ("built-up area", "built-up-area"),
        ("employed population", "number-of-employees"),
        ("number of company workers", "number-of-employees"),
        ("number of administrative villages", "number-of-administrative-villages"),
        ("number of scale companies", "number-of-enterprises-above-designated-size"),
        (
            "number of new research and development institutions",
            "number-of-research-and-development-institutions",
        ),
        ("output value of the hi-tech industries", "output-value-of-high-tech-industries"),
        ("cross-border renminbi settlement", "cross-border-rmb-settlement"),
        (
            "internal expenses on science and technology activities",
            "internal-expenditure-on-science-and-technology-activities",
        ),
        ("Liangjiang New Area's GDP", "gross-domestic-product"),
        ("Total auto production", "vehicle-output"),
        ("NEV annual output", "new-energy-vehicle-output"),
        ("rank by export volume", "exports"),
        ("rank by comprehensive strength", "total-strength"),
    ],
)
def test_real_phrasings_map_to_the_concept_they_name(phrase, slug):
    assert _slug(phrase) == slug


@pytest.mark.parametrize(
    "phrase",
    [
        "number of units",  # laptops or zones evaluated: the text says which, the phrase does not
        "capital",
        "added value",  # of what?
        "fixed assets",  # a stock, not the investment
        "number of such companies",  # "such" points back to a kind of company
        "number of other industrial enterprises",
        "number of pharmaceutical companies",  # one industry: no sector dimension
        "revenue from bio-engineering and pharmaceuticals",
        "value of cross-border renminbi settlement for bulk commodities",  # a part, not the whole
        "actual paid-in foreign investment in strategic emerging industries",
        "total industrial output value and fiscal income",  # two indicators, one number
        "Foreign Capital and actual paid-in foreign capital",
        "Covering a management and service area",
        "rank by now",
        "previous year the GDP for the whole of Changsha",  # Changsha's, maybe not the subject's
        "annual sales volume of South Korean firms",
        "an",
        "car production",  # cars are a part of the vehicles made
        # a possessive inside a longer phrase keeps its head: a part, a rank's scope
        "innovative systems selected among the SDFTZ's institutional innovation achievements",
        "share of Hong Kong capital in Qianhai's foreign investment",
        "rank among China's ports",
    ],
)
def test_phrases_that_name_no_curated_concept_stay_unmapped(phrase):
    assert _concept(phrase) is None
    assert indicator_label(phrase) == phrase


def test_every_label_of_the_scheme_maps_to_its_own_concept():
    wrong = {label: c for label, c in indicator_labels().items() if _concept(label) != c}
    assert wrong == {}


def test_a_profit_counted_in_units_is_left_out_with_the_units_it_takes():
    fact = Fact(area="a", indicator="total profits", value="5", unit="NUM", statistic="level")
    assert why_left_out(fact) == (
        "indicator zid:indicator/total-profits is measured in CNY, USD, not NUM"
    )


def test_an_unmapped_phrase_keeps_its_reason():
    fact = Fact(area="a", indicator="number of units", value="147", unit="NUM", statistic="count")
    assert why_left_out(fact) == (
        "unmapped indicator 'number of units': no concept of zid:scheme/indicators has it"
    )


def test_an_industry_named_through_a_possessive_is_read_as_that_industry():
    text = (
        "Liangjiang New Area is a state-level new area in Chongqing. In 2013, the total output "
        "value of Liangjiang New Area's electronic industry reached 60 billion yuan."
    )
    facts = {(f.fact.indicator, f.fact.value, f.fact.unit) for f in extract(text, "t").curated}
    assert ("output value of the electronic information industry", "60000000000", "CNY") in facts


def test_a_figure_that_kept_its_raw_phrase_is_left_out_not_fatal():
    # The graph takes indicators by label: a rule that kept "rank by export volume" would make
    # the whole document fail to load, so the figure is left out with a reason instead.
    fact = Fact(
        area="a", indicator="rank by export volume", value="1", unit="RANK", statistic="rank"
    )
    assert why_left_out(fact) == (
        "indicator phrase 'rank by export volume' reads as zid:indicator/exports but the rule"
        " that found it did not give the concept's label"
    )
    mapped = Fact(
        area="a",
        indicator=indicator_label("rank by export volume"),
        value="1",
        unit="RANK",
        statistic="rank",
    )
    assert why_left_out(mapped) is None


def test_a_document_with_a_rank_by_a_phrase_still_loads():
    text = (
        "Jiujiang Export Processing Zone is in Jiangxi. The export volume of the zone ranked "
        "first among export processing zones in central China."
    )
    ex = extract(text, "t")
    to_graph(ex, file_name="t.txt")  # raised InputError when the raw phrase reached the graph
    assert not [why for found, why in ex.unmapped if found.fact.statistic == "rank"]
    ranks = [f for f in ex.facts if f.fact.statistic == "rank"]
    # the rank is the zone's rank on the curated indicator the phrase names
    assert [(f.fact.indicator, f.fact.value) for f in ranks] == [(indicator_label("exports"), "1")]


@pytest.mark.parametrize(
    ("phrase", "slug"),
    [
        ("number of newly added market entities", "number-of-new-market-entities"),
        ("number of newly established enterprises", "number-of-new-enterprises"),
    ],
)
def test_newly_added_is_new(phrase, slug):
    assert _slug(phrase) == slug
