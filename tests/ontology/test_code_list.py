"""The indicator code list is curated: sources use it, never change it (docs/ontology.md)."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from kg import iris, model, reference
from kg.cli import app
from kg.errors import InputError, ValidationFailed
from kg.ingest import ensure_seeded, ingest_file
from kg.store import open_store
from kg.validation import validate
from loaders.text import load as load_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SCHEME = URIRef(iris.ID + "scheme/indicators")
DZ_CODE = URIRef(iris.DZ + "IndicatorCode")

CODE_LIST = f"""
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (COUNT(*) AS ?n) WHERE {{
  {{ ?c skos:inScheme <{SCHEME}> ; ?p ?o }}
  UNION {{ ?c ?p ?o . FILTER (STRSTARTS(STR(?c), "{iris.ID}indicator/")) }}
}}"""
IN_SOURCES = f"""
SELECT (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ ?c ?p ?o }}
  FILTER (STRSTARTS(STR(?g), "{iris.SOURCE_GRAPH}"))
  FILTER (STRSTARTS(STR(?c), "{iris.ID}indicator/") || STR(?o) = "{SCHEME}")
}}"""


def _count(store, query: str) -> int:
    return int(next(iter(store.query(query).rows()))["n"])


@pytest.fixture
def store(tmp_path):
    with closing(open_store(tmp_path / "store")) as db:
        ensure_seeded(db)
        yield db


def test_loading_and_deleting_sources_never_changes_the_code_list(store, tmp_path):
    before = _count(store, CODE_LIST)
    assert before > 500  # the concepts with their labels, notations and links
    sources = [
        *sorted((ROOT / "data" / "documents").glob("*.txt")),
        FIXTURES / "text" / "china-etdz-2022.txt",
        FIXTURES / "ontology" / "unmapped-indicator.txt",
        FIXTURES / "csv" / "figures.csv",
    ]
    loaded = []
    for path in sources:
        copy = tmp_path / "in" / path.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(path, copy)
        loaded.append(ingest_file(store, copy))
    assert _count(store, CODE_LIST) == before
    assert _count(store, IN_SOURCES) == 0
    used = store.query(
        "SELECT DISTINCT ?i WHERE { ?o <https://w3id.org/zonegraph/ontology#indicator> ?i }"
    ).rows()
    curated = set(reference.indicator_labels().values())
    assert {URIRef(str(r["i"])) for r in used} <= curated
    store.drop_graph(loaded[0].graph)
    assert _count(store, CODE_LIST) == before


def test_an_unmapped_phrase_is_left_out_and_listed_by_explain():
    path = FIXTURES / "ontology" / "unmapped-indicator.txt"
    result = CliRunner().invoke(app, ["extract", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    assert "Figures left out: indicator not in the code list (1)" in result.output
    assert "unmapped indicator 'widget shipments'" in result.output
    g = load_text(path, "unmapped")
    values = {str(v) for v in g.objects(None, model.SDMX_MEASURE.obsValue)}
    assert values == {"5000000000"}  # the imports and exports figure, not the widgets


def test_a_source_that_describes_an_indicator_is_refused(store, tmp_path):
    path = FIXTURES / "ontology" / "indicator-in-source.ttl"
    report = validate(Graph().parse(path, format="turtle"))
    refused = [
        r for r in report.violations if "indicators live only in the ontology" in r["message"]
    ]
    assert sorted(r["focus"] for r in refused) == [
        iris.ID + "indicator/gross-domestic-product",
        iris.ID + "indicator/widgets-shipped",
    ]
    copy = tmp_path / "steward.ttl"
    shutil.copy(path, copy)
    with pytest.raises(ValidationFailed):
        ingest_file(store, copy)


@pytest.mark.parametrize(
    ("phrase", "slug"),
    [
        ("GDP", "gross-domestic-product"),
        ("regional GDP", "gross-domestic-product"),
        ("industrial output above designated size", "output-value-of-major-industrial-firms"),
        ("fixed-asset investment", "fixed-asset-investment"),
        ("investment in fixed assets", "fixed-asset-investment"),
        ("retail sales", "retail-sales-of-consumer-goods"),
        ("R&D intensity", "research-and-development-intensity"),
        ("registered enterprises", "number-of-registered-enterprises"),
        ("number of hi-tech enterprises", "number-of-high-tech-enterprises"),
        ("listed companies", "number-of-listed-companies"),
        ("utilised foreign capital", "actual-use-of-foreign-direct-investment"),
        ("Actual use of foreign capital", "actual-use-of-foreign-direct-investment"),
        ("tax revenue", "tax-revenue"),
        ("area", "area"),
        ("population", "population"),
        ("imports", "imports"),
        ("exports", "exports"),
        ("total import and export volume", "total-imports-and-exports"),
        ("foreign trade", "total-imports-and-exports"),
        ("operating revenue", "operating-revenue"),
        ("industrial added value", "industrial-added-value"),
        ("number of enterprises", "number-of-enterprises"),
        ("number of zones", "number-of-development-zones"),
        ("investment attracted", "investment-attracted"),
        ("projects signed", "number-of-projects-signed"),
        ("规模以上工业增加值", "industrial-added-value-above-designated-size"),
    ],
)
def test_the_alias_table_maps_what_documents_say(phrase, slug):
    assert model.indicator_concept(phrase) == URIRef(iris.ID + "indicator/" + slug)


def test_add_indicator_never_mints_a_concept():
    g = Graph()
    with pytest.raises(InputError, match="not in the code list zid:scheme/indicators"):
        model.add_indicator(g, "number of widgets shipped")
    assert model.add_indicator(g, "GDP") == URIRef(iris.ID + "indicator/gross-domestic-product")
    assert len(g) == 0


def test_a_csv_row_with_an_indicator_outside_the_code_list_is_refused(tmp_path):
    from loaders.csv import load

    path = tmp_path / "figures.csv"
    path.write_text("area,indicator,period,value,unit\nSingapore,widgets shipped,2021,12,NUM\n")
    with pytest.raises(InputError, match=r"figures.csv:2: indicator 'widgets shipped' is not in"):
        load(path, "figures")
    path.write_text(
        "area,indicator,period,value,unit\nSingapore,zid:indicator/exports,2021,12,CNY\n"
    )
    assert len(load(path, "figures")) > 0


def test_indicator_iris_are_their_notation_not_their_label():
    # A corrected label keeps the IRI: the IRI is zid:indicator/<notation>, fixed once.
    g = reference.ontology_graph()
    concepts = set(g.subjects(SKOS.inScheme, SCHEME))
    assert len(concepts) >= 60
    for c in concepts:
        (notation,) = g.objects(c, SKOS.notation)
        assert isinstance(notation, Literal) and notation.datatype == DZ_CODE, c
        assert str(c) == iris.ID + "indicator/" + str(notation), c
    relabelled = URIRef(iris.ID + "indicator/actual-use-of-foreign-direct-investment")
    assert Literal("actual use of foreign capital", lang="en") in set(
        g.objects(relabelled, SKOS.prefLabel)
    )
