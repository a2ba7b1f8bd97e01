"""The shapes catch what data stewards get wrong, with messages they can act on.

tests/fixtures/ontology/steward-mistakes.ttl holds one observation per mistake; both
validators (the engine and pySHACL) must report each the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg import iris
from kg.validation import validate
from loaders import load_file

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ontology" / "steward-mistakes.ttl"
OBS = iris.ID + "observation/steward/"


@pytest.fixture(scope="module", params=["engine", "pyshacl"])
def results(request) -> list[dict[str, str]]:
    report = validate(Graph().parse(FIXTURE, format="turtle"), validator=request.param)
    assert not report.conforms
    return report.results


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("gdp-in-percent", "zid:indicator/gross-domestic-product is measured in"),
        ("gdp-in-percent", "cannot be in zid:unit/PERCENT"),
        ("imports-in-km2", "zid:indicator/imports is measured in"),
        ("imports-in-km2", "cannot be in zid:unit/KM2"),
        ("change-in-yuan", "statistic zid:statistic/yoy-change is stated in"),
        ("change-in-yuan", "not zid:unit/CNY"),
        ("month-13", "month:2020-13 is not in the calendar"),
        ("february-30", "day:2021-02-30 is not in the calendar"),
        ("after-the-source", "period year:2023 starts after 2021"),
        ("scope-on-a-level", "has dz:scope zid:region/sichuan: set dz:scope zid:scope/_Z"),
        ("value-as-integer", 'write 12.0 or "12"^^xsd:decimal'),
    ],
)
def test_each_mistake_is_refused_on_its_observation(results, name, fragment):
    mine = [r for r in results if r["focus"] == OBS + name]
    assert any(r["severity"] == "Violation" and fragment in r["message"] for r in mine), mine


def test_the_right_observation_passes(results):
    assert not [r for r in results if r["focus"] == OBS + "fine"]


def test_two_resources_linked_to_one_wikidata_item_are_refused(results):
    found = [r for r in results if "are both owl:sameAs wd:Q99999999" in r["message"]]
    assert {r["focus"].rsplit("/", 1)[-1] for r in found} == {"steward-one", "steward-two"}


def test_a_value_written_as_text_gets_no_numeric_check(results):
    mine = [r for r in results if r["focus"] == OBS + "value-as-text"]
    assert [r["path"] for r in mine] == ["sdmx-measure:obsValue"], mine  # the datatype only


def test_messages_name_the_observation_in_curies_once_and_no_internal_names(results):
    observations = [r for r in results if r["focus"].startswith(OBS)]
    assert len(observations) >= 9
    for r in observations:
        if r["message"].startswith("Observation "):
            assert r["message"].startswith("Observation zid:observation/steward/"), r
    for r in results:
        assert "https://w3id.org/zonegraph/" not in r["message"], r
        assert "kg." not in r["message"] and ".py" not in r["message"], r
    pairs = [(r["focus"], r["message"]) for r in results]
    assert len(pairs) == len(set(pairs))


def test_zonegraph_load_reads_a_turtle_integer_as_a_decimal(tmp_path):
    path = tmp_path / "figures.ttl"
    text = FIXTURE.read_text(encoding="utf-8")
    keep = text.split("# A level of a money indicator in percent.")[0]
    integer = text.split("# A Turtle integer")[1].split("# Two resources")[0]
    path.write_text(keep + "# A Turtle integer" + integer, encoding="utf-8")
    report = validate(load_file(path, "figures").graph)
    assert report.conforms, report.text()
