"""A year-on-year change is in percent: "up 23.75 times" is +2375 % with the stated form kept."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from kg import iris, model
from kg.validation import validate

GROUP = iris.group_iri("Sichuan national economic development zones")


def _change(unit: str, value: str, **more) -> Graph:
    g = Graph()
    model.add_source(g, "changes", file_name="changes.csv")
    fact = model.Fact(
        area=GROUP,
        indicator="contract value of foreign direct investment",
        value=value,
        unit=unit,
        period="2021",
        statistic="yoy_change",
        **more,
    )
    model.add_observation(g, "changes", fact)
    return g


@pytest.mark.parametrize(("unit", "value"), [("TIMES", "23.75"), ("CNY", "5000000000")])
def test_a_year_on_year_change_not_in_percent_is_refused(unit, value):
    report = validate(_change(unit, value))
    assert not report.conforms
    messages = [r["message"] for r in report.violations]
    assert any("year-on-year change is in percent" in m and unit in m for m in messages), messages


def test_a_change_stated_in_times_is_stored_in_percent_with_the_stated_form():
    g = _change("PERCENT", "2375", stated_as="23.75 times")
    report = validate(g)
    assert report.conforms, report.text()
    # Converted on purpose: no "unusually large" warning for it.
    assert not [r for r in report.warnings if "unusually large" in r["message"]]
    assert Literal("23.75 times") in set(g.objects(None, model.DZ.statedAs))


def test_the_text_loader_reads_23_75_times_as_2375_percent():
    from pathlib import Path

    from loaders import load_file

    doc = Path(__file__).resolve().parents[2] / "data/documents/sichuan-development-zones-2021.txt"
    g = load_file(doc, doc.stem).graph
    (obs,) = g.subjects(model.DZ.statedAs, Literal("23.75 times"))
    assert str(g.value(obs, model.SDMX_MEASURE.obsValue)) == "2375"
    assert str(g.value(obs, model.SDMX_ATTRIBUTE.unitMeasure)) == iris.unit_iri("PERCENT")
    assert validate(g).conforms
