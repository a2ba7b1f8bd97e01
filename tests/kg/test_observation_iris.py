"""Observation IRIs hash the dimension key, never the value: a corrected figure keeps its IRI."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg import iris, model

DOCUMENT = Path(__file__).resolve().parents[2] / "data" / "documents"
FACT = model.Fact(
    area=iris.group_iri("Sichuan national economic development zones"),
    indicator="total imports and exports",
    value="81010000000",
    unit="CNY",
    period="2021",
)


def _iri(fact: model.Fact) -> URIRef:
    return model.add_observation(Graph(), "sichuan-development-zones-2021", fact)


def test_correcting_the_value_keeps_the_iri():
    assert _iri(replace(FACT, value="81020000000")) == _iri(FACT)


@pytest.mark.parametrize(
    "change",
    [
        {"area": iris.region_iri("Sichuan")},
        {"period": "2020"},
        {"indicator": "gross domestic product"},
        {"statistic": "yoy_change", "unit": "PERCENT"},
        {"statistic": "rank", "unit": "RANK", "scope": iris.region_iri("West China")},
        {"statistic": "change_vs_period", "unit": "PERCENT", "base_period": "2018"},
        {"unit": "USD"},
    ],
    ids=lambda c: "+".join(c),
)
def test_another_dimension_value_is_another_observation(change):
    assert _iri(replace(FACT, **change)) != _iri(FACT)


def test_a_corrected_figure_in_a_reloaded_text_keeps_its_observation_iri(tmp_path):
    from loaders import load_file

    original = DOCUMENT / "sichuan-development-zones-2021.txt"
    text = original.read_text(encoding="utf-8")
    assert "81.01 billion yuan" in text
    corrected = tmp_path / original.name
    corrected.write_text(text.replace("81.01 billion yuan", "81.02 billion yuan"), "utf-8")

    def observations(path: Path) -> dict[URIRef, str]:
        g = load_file(path, path.stem).graph
        return {o: str(v) for o, v in g.subject_objects(model.SDMX_MEASURE.obsValue)}

    before, after = observations(original), observations(corrected)
    assert before.keys() == after.keys()
    changed = {o for o in before if before[o] != after[o]}
    assert len(changed) == 1
    (obs,) = changed
    assert (before[obs], after[obs]) == ("81010000000", "81020000000")
