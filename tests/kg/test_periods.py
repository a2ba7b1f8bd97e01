"""Every kind of period loaders write is an IRI, is described in the graph and passes the shapes.

And a figure whose period the source does not state stays out of the time dimension.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg import iris, model, periods
from kg.ingest import ensure_seeded, ingest_graph
from kg.store import open_store
from kg.validation import validate

TIME = model.TIME
SICHUAN = iris.region_iri("Sichuan")

# (written, IRI, label, first day, first day after)
KINDS = [
    ("2021", "http://reference.data.gov.uk/id/year/2021", "2021", "2021-01-01", "2022-01-01"),
    (
        "2020-H1",
        "http://reference.data.gov.uk/id/half/2020-H1",
        "first half of 2020",
        "2020-01-01",
        "2020-07-01",
    ),
    (
        "2022-Q3",
        "http://reference.data.gov.uk/id/quarter/2022-Q3",
        "2022 Q3",
        "2022-07-01",
        "2022-10-01",
    ),
    (
        "2022-03",
        "http://reference.data.gov.uk/id/month/2022-03",
        "March 2022",
        "2022-03-01",
        "2022-04-01",
    ),
    (
        "2022-03-29",
        "http://reference.data.gov.uk/id/day/2022-03-29",
        "2022-03-29",
        "2022-03-29",
        "2022-03-30",
    ),
    (
        "2020-01/2020-08",
        "http://reference.data.gov.uk/id/gregorian-interval/2020-01-01T00:00:00/P8M",
        "January–August 2020",
        "2020-01-01",
        "2020-09-01",
    ),
    (
        "2017-2021",
        "http://reference.data.gov.uk/id/gregorian-interval/2017-01-01T00:00:00/P5Y",
        "2017–2021",
        "2017-01-01",
        "2022-01-01",
    ),
    ("2016/", iris.ID + "period/since/2016", "since 2016", "2016-01-01", None),
]


@pytest.mark.parametrize(("written", "iri", "label", "begin", "end"), KINDS)
def test_each_kind_of_period_is_an_iri_with_a_label_and_bounds(written, iri, label, begin, end):
    g = Graph()
    node = model.add_period(g, written)
    assert str(node) == iri == iris.period_iri(written)
    assert (node, RDF.type, TIME.Interval) in g
    assert g.value(node, RDFS.label) == Literal(label, lang="en")
    start = g.value(node, TIME.hasBeginning)
    assert g.value(start, TIME.inXSDDate) == Literal(begin, datatype=XSD.date)
    assert g.value(start, TIME.inXSDDateTime) == Literal(f"{begin}T00:00:00", datatype=XSD.dateTime)
    stop = g.value(node, TIME.hasEnd)
    assert (g.value(stop, TIME.inXSDDate) if stop else None) == (
        Literal(end, datatype=XSD.date) if end else None
    )


def test_calendar_periods_carry_their_reference_data_gov_uk_class():
    g = Graph()
    half = model.add_period(g, "2020-H1")
    assert (half, RDF.type, URIRef(periods.INTERVALS + "CalendarHalf")) in g


def test_a_range_that_is_one_calendar_period_gets_that_periods_iri():
    assert iris.period_iri("2020-01/2020-06") == iris.period_iri("2020-H1")
    assert iris.period_iri("2021/2021") == iris.period_iri("2021")


@pytest.mark.parametrize("bad", ["2021-13", "2021-02-30", "2021/2019", "H1 2021", "2021-Q5"])
def test_what_is_not_a_calendar_period_is_refused(bad):
    with pytest.raises(ValueError, match=r"period|calendar"):
        iris.period_iri(bad)


def _document(*facts: model.Fact) -> Graph:
    g = Graph()
    model.add_source(g, "periods-test", file_name="periods-test.csv")
    for fact in facts:
        model.add_observation(g, "periods-test", fact)
    return g


def _fact(period: str, value: str = "1", **more) -> model.Fact:
    return model.Fact(
        area=SICHUAN,
        indicator="total imports and exports",
        value=value,
        unit="CNY",
        period=period,
        **more,
    )


def test_a_document_with_every_kind_of_period_passes_the_shapes():
    g = _document(*(_fact(k[0], value=str(n)) for n, k in enumerate(KINDS)))
    report = validate(g)
    assert report.conforms, report.text()
    assert {str(o) for o in g.objects(None, model.SDMX_DIMENSION.refPeriod)} == {
        k[1] for k in KINDS
    }


def test_a_period_description_missing_its_beginning_is_refused():
    g = _document(_fact("2020-H1"))
    half = URIRef(iris.period_iri("2020-H1"))
    g.remove((half, TIME.hasBeginning, None))
    report = validate(g)
    assert not report.conforms
    assert any("time:hasBeginning" in r["message"] for r in report.violations)


def test_a_figure_without_a_stated_period_stays_out_of_the_time_dimension():
    g = _document(_fact("2021", value="5"), _fact("", value="7"))
    assert validate(g).conforms
    db = open_store(None)
    ensure_seeded(db)
    ingest_graph(db, iris.source_graph("periods-test"), g, source_id="periods-test")
    series = db.select(
        "SELECT ?period ?value WHERE { ?o <http://purl.org/linked-data/sdmx/2009/dimension#"
        "refPeriod> ?period ; <http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?value }"
    )
    assert [(str(r["period"]), int(r["value"])) for r in series] == [(iris.period_iri("2021"), 5)]
    # The undated figure is kept, in a data set whose structure has no period dimension.
    (row,) = db.select(
        "PREFIX qb: <http://purl.org/linked-data/cube#> SELECT ?structure WHERE { ?o qb:dataSet "
        "?d ; <http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?v . ?d qb:structure "
        "?structure FILTER (?v = 7) }"
    )
    assert str(row["structure"]) == iris.DZ + "dsd-period-not-stated"
    assert not db.ask(f"ASK {{ ?s ?p <{iris.PERIOD_UNSTATED}> }}")
