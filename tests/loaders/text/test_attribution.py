"""Figures a text attributes to an organisation carry prov:wasAttributedTo it."""

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import PROV

from kg import iris
from loaders import text as text_loader
from loaders.text import extract
from loaders.text.attribution import RULES

DEPARTMENT = iris.ID + "org/sichuan-provincial-department-of-commerce"
DOCUMENTS = Path(__file__).resolve().parents[3] / "data" / "documents"


@pytest.mark.parametrize(
    "rule, example", [(r.name, e) for r in RULES for e in r.examples], ids=lambda x: x[:30]
)
def test_each_rule_attributes_its_examples_figures(rule, example):
    found = extract("In 2021, Sichuan's national economic development zones grew. " + example, "t")
    assert found.facts, example
    assert all(f.fact.attributed_to == DEPARTMENT for f in found.facts), example
    assert all(rule in f.why for f in found.facts)


def test_an_organisation_that_is_only_named_is_no_source():
    found = extract(
        "In 2021, Sichuan's national economic development zones' exports reached 30 billion "
        "yuan, and the Sichuan Provincial Department of Commerce opened 2 offices.",
        "t",
    )
    assert found.facts and all(f.fact.attributed_to is None for f in found.facts)


def test_the_speakers_figures_and_only_those_are_attributed_in_the_default_corpus():
    g = text_loader.load(DOCUMENTS / "sichuan-development-zones-2021.txt", "s")
    attributed = set(g.subjects(PROV.wasAttributedTo, URIRef(DEPARTMENT)))
    values = {
        str(g.value(o, URIRef(iris.PREFIXES["sdmx-measure"] + "obsValue"))) for o in attributed
    }
    # "... said there are currently 10 national economic development zones ..., making it rank
    # first in the west China, and share second and fifth place ...; there are 17 ... parks".
    assert len(attributed) == 7
    assert {"10", "17"} <= values
    assert "217" not in values  # the next sentence is the text's own
