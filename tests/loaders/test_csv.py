"""CSV tables of observations: the template maps to the same observation model as text."""

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from kg import iris, model
from kg.errors import InputError
from loaders import csv as csv_loader

FIXTURES = Path(__file__).parent.parent / "fixtures" / "csv"


def _observations(g: Graph) -> dict[tuple[str, str], dict]:
    out = {}
    for obs in g.subjects(model.RDF.type, model.QB.Observation):
        unit = str(g.value(obs, model.SDMX_ATTRIBUTE.unitMeasure)).rsplit("/", 1)[-1]
        stat = str(g.value(obs, model.DZ.statistic)).rsplit("/", 1)[-1]
        out[(unit, stat)] = {
            "area": str(g.value(obs, model.SDMX_DIMENSION.refArea)),
            "value": g.value(obs, model.SDMX_MEASURE.obsValue).toPython(),
            "period": str(g.value(obs, model.SDMX_DIMENSION.refPeriod)),
            "scope": str(g.value(obs, model.DZ.scope)),
            "qualifier": g.value(obs, model.DZ.qualifier),
            "span": g.value(obs, PROV.wasDerivedFrom),
        }
    return out


def test_rows_become_observations_with_resolved_areas_units_and_kinds():
    g = csv_loader.load(FIXTURES / "figures.csv", "figures")
    obs = _observations(g)
    assert len(obs) == 4
    level = obs[("CNY", "level")]
    assert level["area"] == iris.country_iri("SG")
    assert level["value"] == Decimal("81010000000")
    assert level["period"] == "http://reference.data.gov.uk/id/year/2021"
    assert obs[("PERCENT", "yoy-change")]["value"] == Decimal("17.9")
    rank = obs[("RANK", "rank")]
    assert rank["area"] == iris.country_iri("KR")
    assert rank["scope"] == iris.country_iri("CN")
    assert str(rank["qualifier"]) == "tied"


def test_each_row_is_quoted_with_its_offsets_in_the_file():
    text = (FIXTURES / "figures.csv").read_text()
    g = csv_loader.load(FIXTURES / "figures.csv", "figures")
    spans = [o["span"] for o in _observations(g).values()]
    assert all(spans)
    for span in spans:
        quote = model.read_span(g, span)
        assert text[quote.start : quote.end] == quote.exact
        assert quote.exact.count(",") >= 4
        assert text.splitlines()[0] not in quote.exact  # the row, not the header with it


def test_every_bad_row_is_reported_with_file_and_line_and_nothing_is_loaded():
    path = FIXTURES / "bad-rows.csv"
    with pytest.raises(InputError) as info:
        csv_loader.load(path, "bad")
    message = str(info.value)
    assert "nothing was loaded" in message
    assert f"{path}:3: area 'Atlantis'" in message
    assert f"{path}:4: period '21' is not YYYY" in message
    assert f"{path}:5: value 'twelve' is not a number" in message
    assert f"{path}:6: unit 'EUR'" in message
    assert f"{path}:7: indicator is empty" in message
    assert f"{path}:7: statistic 'guess'" in message
    assert f"{path}:2:" not in message


def test_a_header_without_the_template_columns_is_refused():
    with pytest.raises(InputError, match=r"bad-header.csv:1: missing column\(s\) period, unit"):
        csv_loader.load(FIXTURES / "bad-header.csv", "bad")


def test_areas_may_be_full_iris(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("area,indicator,period,value,unit\nhttp://example.org/zone,GDP,2020,1,CNY\n")
    g = csv_loader.load(p, "t")
    (obs,) = g.subjects(model.RDF.type, model.QB.Observation)
    assert g.value(obs, model.SDMX_DIMENSION.refArea) == URIRef("http://example.org/zone")


def test_an_index_as_area_is_refused_with_what_to_write_instead(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("area,indicator,period,value,unit\nzid:index/x,index score,2020,1,POINTS\n")
    with pytest.raises(InputError, match=r"t.csv:2: refArea zid:index/x is an index.*indexOf"):
        csv_loader.load(p, "t")


def test_a_calendar_year_row_is_refused_with_the_zone_property_to_use(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        "area,indicator,period,value,unit\n"
        "http://example.org/zone,year construction began,1988,1988,YEAR\n"
    )
    with pytest.raises(InputError, match=r"t.csv:2: unit 'YEAR' .*dz:foundingYear") as err:
        csv_loader.load(p, "t")
    assert "dz:approvalYear" in str(err.value)


def test_an_unknown_unit_is_refused_listing_the_units_a_row_may_use(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("area,indicator,period,value,unit\nSingapore,GDP,2021,1,EUR\n")
    with pytest.raises(InputError, match=r"t.csv:2: unit 'EUR' is not one of CNY, USD") as err:
        csv_loader.load(p, "t")
    assert "KM2" in str(err.value) and "YEAR" not in str(err.value)  # a YEAR row is refused


def test_a_planned_row_is_a_target_kept_apart_from_the_outcome(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        "area,indicator,period,value,unit,modality\n"
        "Sichuan,total imports and exports,2025,100000000000,CNY,planned\n"
        "Sichuan,total imports and exports,2025,90000000000,CNY,\n"
    )
    g = csv_loader.load(p, "t")
    planned = model.DZ.modality
    by_value = {
        str(g.value(o, model.SDMX_MEASURE.obsValue)): o
        for o in g.subjects(model.RDF.type, model.QB.Observation)
    }
    target, outcome = by_value["100000000000"], by_value["90000000000"]
    assert target != outcome
    assert str(g.value(target, planned)) == iris.ID + "modality/planned"
    assert g.value(outcome, planned) is None  # achieved is the default
    assert g.value(target, model.QB.dataSet) != g.value(outcome, model.QB.dataSet)


def test_a_planned_row_without_period_or_with_another_modality_is_refused(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        "area,indicator,period,value,unit,modality\n"
        "Sichuan,total imports and exports,,1,CNY,planned\n"
        "Sichuan,total imports and exports,2025,1,CNY,hoped\n"
    )
    with pytest.raises(InputError) as info:
        csv_loader.load(p, "t")
    assert "t.csv:2: a planned figure (a target) needs the period" in str(info.value)
    assert "t.csv:3: modality 'hoped' is not one of achieved, planned" in str(info.value)
