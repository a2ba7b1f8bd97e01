"""The 21 W3C Data Cube integrity constraints hold, after the spec's normalisation.

The constraints are the ASK queries of https://www.w3.org/TR/vocab-data-cube/#wf-rules,
one file each under tests/ontology/qb_ic/ (an ASK that answers true means violated), run
on a copy of the data in which the normalisation algorithm of the spec
(https://www.w3.org/TR/vocab-data-cube/#normalize-algorithm, ``normalize-*.ru``) has
been applied. They run over the default corpus loaded as ``zonegraph load`` loads it
and over a larger generated corpus (bench/synthetic.py). So that passing means
something, each test also asserts that the data has what the constraints are about,
and fixtures built to break some of them must be reported.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import iris
from kg.ingest import ensure_seeded, expand_paths, ingest_file
from kg.store import open_store

IC_DIR = Path(__file__).resolve().parent / "qb_ic"
DOCUMENTS = Path(__file__).resolve().parents[2] / "data" / "documents"
QB = "http://purl.org/linked-data/cube#"
PREFIXES = (
    "PREFIX qb: <http://purl.org/linked-data/cube#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)


@cache
def _text(name: str) -> str:
    return (IC_DIR / name).read_text(encoding="utf-8")


def constraints() -> list[str]:
    """Names of the constraint files (ic-01 ... ic-21; IC-19 has two)."""
    return sorted(
        p.stem for p in IC_DIR.glob("ic-*.rq") if not p.stem.endswith(("-parameters", "-spec"))
    )


def normalised(quads: bytes | None = None, *, store: ox.Store | None = None) -> ox.Store:
    """A copy of the data in one default graph, with the spec's normalisation applied.

    The query default graph of zonegraph is the union of all graphs, so the copy drops
    graph names: the constraints then see what a client of the endpoint sees.
    """
    copy = ox.Store()
    if store is not None:
        quads = store.dump(format=ox.RdfFormat.N_QUADS)
    copy.bulk_load(quads, format=ox.RdfFormat.N_QUADS)
    copy.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } ; DROP NAMED")
    for phase in ("normalize-1.ru", "normalize-2.ru"):
        copy.update(_text(phase))
    return copy


def violated(store: ox.Store) -> list[str]:
    """The integrity constraints that a normalised store violates (empty: all hold)."""
    found = []
    for name in constraints():
        query = _text(f"{name}.rq")
        if "$p" in query:
            params = [r["p"].value for r in store.query(_text(f"{name}-parameters.rq"))]
            asks = [query.replace("$p", p) for p in params]
        else:
            asks = [query]
        if any(bool(store.query(q)) for q in asks):
            found.append(name)
    return found


def _count(store: ox.Store, pattern: str) -> int:
    q = f"{PREFIXES}SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    return int(next(iter(store.query(q)))["n"].value)


def _assert_not_vacuous(store: ox.Store, *, observations: int) -> None:
    # What the constraints are about is there: observations in data sets with a DSD
    # (IC-1, 2, 11-14), a DSD with dimensions, a measure and a required attribute
    # (IC-3, 4, 6, 13), coded dimensions whose code lists are concept schemes (IC-5, 19).
    assert _count(store, "?o a qb:Observation ; qb:dataSet ?d") >= observations
    assert _count(store, "?d a qb:DataSet ; qb:structure ?s") >= 1
    assert _count(store, "?s a qb:DataStructureDefinition ; qb:component/qb:dimension ?dim") >= 5
    assert _count(store, "?s qb:component/qb:measure ?m") >= 1
    assert _count(store, "?c qb:componentRequired true ; qb:attribute ?a") >= 1
    assert _count(store, "?c qb:componentRequired false ; qb:attribute ?a") >= 1
    assert _count(store, "?dim a qb:DimensionProperty ; rdfs:range skos:Concept") >= 2
    coded = "?o a qb:Observation ; ?dim ?code . ?dim qb:codeList ?list . ?list a skos:ConceptScheme"
    assert _count(store, coded) >= 2 * observations
    # Normalisation ran: component properties exist only through phase 1.
    assert _count(store, "?c qb:componentProperty ?p") >= 8


@pytest.fixture(scope="module")
def default_corpus() -> ox.Store:
    """The default corpus, loaded the way `zonegraph load data/documents` loads it."""
    db = open_store(None)
    ensure_seeded(db)
    for path in expand_paths([str(DOCUMENTS)]):
        assert ingest_file(db, path).status == "loaded"
    return normalised(db.export("nquads"))


@pytest.fixture(scope="module")
def generated_corpus() -> ox.Store:
    """The ontology and reference data next to bench/synthetic.py's zones and series."""
    from bench import synthetic

    db = open_store(None)
    ensure_seeded(db)
    seeded = db.export("nquads")
    return normalised(seeded + "".join(synthetic.quads(62)).encode("utf-8"))


def test_the_constraint_files_are_the_21_of_the_spec():
    numbers = {name.split("-")[1][:2] for name in constraints()}
    assert numbers == {f"{n:02d}" for n in range(1, 22)}


def test_the_default_corpus_passes_all_21_constraints(default_corpus):
    _assert_not_vacuous(default_corpus, observations=20)
    assert violated(default_corpus) == []


def test_a_larger_generated_corpus_passes_all_21_constraints(generated_corpus):
    _assert_not_vacuous(generated_corpus, observations=62 * 6 * 25)
    assert violated(generated_corpus) == []


# Fixtures built to break one constraint each: the checker must report that one.
_OBS = iris.ID + "observation/fixture/"
_DS = iris.dataset_iri("fixture")
_DSD = iris.DZ + "dsd"
_FIXTURE_HEAD = f"""
@prefix qb: <{QB}> .
@prefix dz: <{iris.DZ}> .
@prefix zid: <{iris.ID}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
@prefix sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
<{_DS}> a qb:DataSet ; qb:structure <{_DSD}> .
"""


def _observation(name: str, *, value: str = "1", omit: str = "", extra: str = "") -> str:
    parts = {
        "dataset": f"qb:dataSet <{_DS}>",
        "area": f"sdmx-dimension:refArea <{iris.region_iri('Sichuan')}>",
        "period": "sdmx-dimension:refPeriod <http://reference.data.gov.uk/id/year/2021>",
        "indicator": f"dz:indicator <{iris.ID}indicator/total-imports-and-exports>",
        "statistic": "dz:statistic zid:statistic\\/level",
        "scope": "dz:scope zid:scope\\/_Z",
        "value": f'sdmx-measure:obsValue "{value}"^^xsd:decimal',
        "unit": "sdmx-attribute:unitMeasure zid:unit\\/CNY",
        "unit dimension": "dz:unit zid:unit\\/CNY",
    }
    body = " ;\n    ".join(v for k, v in parts.items() if k != omit)
    return f"<{_OBS}{name}> a qb:Observation ;\n    {body} {extra}.\n"


BROKEN = {
    "ic-01": _observation("a", extra=f"; qb:dataSet <{iris.dataset_iri('other')}> "),
    "ic-02": f"<{_DS}> qb:structure <{iris.DZ}another-dsd> .\n" + _observation("a"),
    "ic-04": f"<{iris.DZ}colour> a qb:DimensionProperty .\n" + _observation("a"),
    "ic-11": _observation("a", omit="period"),
    "ic-12": _observation("a", value="81.01") + _observation("b", value="81.02"),
    "ic-13": _observation("a", omit="unit"),
    "ic-14": _observation("a", omit="value"),
    "ic-19a": _observation("a").replace("statistic\\/level", "statistic\\/median"),
}


@pytest.fixture(scope="module")
def background() -> bytes:
    db = open_store(None)
    ensure_seeded(db)
    return db.export("nquads")


@pytest.mark.parametrize("constraint", sorted(BROKEN))
def test_a_fixture_that_breaks_a_constraint_is_reported(constraint, background):
    data = ox.Store()
    data.load(background, format=ox.RdfFormat.N_QUADS)
    data.load((_FIXTURE_HEAD + BROKEN[constraint]).encode(), format=ox.RdfFormat.TURTLE)
    found = violated(normalised(store=data))
    assert constraint in found


@pytest.mark.parametrize("duplicate", [True, False])
def test_the_fast_ic12_answers_as_the_spec_query(duplicate, background, default_corpus):
    data = ox.Store()
    data.load(background, format=ox.RdfFormat.N_QUADS)
    second = _observation("b", value="2")
    if not duplicate:
        second = second.replace("year/2021", "year/2020")
    fixture = _observation("a") + second
    data.load((_FIXTURE_HEAD + fixture).encode(), format=ox.RdfFormat.TURTLE)
    for store in (normalised(store=data), default_corpus):
        fast, spec = (bool(store.query(_text(f"{n}.rq"))) for n in ("ic-12", "ic-12-spec"))
        assert fast == spec
    assert bool(normalised(store=data).query(_text("ic-12.rq"))) is duplicate


def test_the_same_fixture_without_the_break_passes(background):
    data = ox.Store()
    data.load(background, format=ox.RdfFormat.N_QUADS)
    fixture = _observation("a") + _observation("b").replace("year/2021", "year/2020")
    data.load((_FIXTURE_HEAD + fixture).encode(), format=ox.RdfFormat.TURTLE)
    assert violated(normalised(store=data)) == []


def test_every_period_the_default_corpus_uses_is_described(default_corpus):
    periods = "{ ?o sdmx-dimension:refPeriod ?p } UNION { ?o dz:basePeriod ?p }"
    head = (
        f"{PREFIXES}PREFIX time: <http://www.w3.org/2006/time#>\n"
        "PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>\n"
        f"PREFIX dz: <{iris.DZ}>\n"
    )
    used = {r["p"].value for r in default_corpus.query(f"{head}SELECT DISTINCT ?p {{ {periods} }}")}
    described = {
        r["p"].value
        for r in default_corpus.query(
            f"{head}SELECT DISTINCT ?p {{ {periods} ?p a time:Interval ; rdfs:label ?l ; "
            "time:hasBeginning/time:inXSDDateTime ?b }"
        )
    }
    assert len(used) >= 2 and used == described
    assert iris.PERIOD_UNSTATED not in used


def test_one_figure_in_two_currencies_is_two_observations_that_pass_ic12(background):
    # "599 million U.S. dollars (about 3.82 billion yuan)": the unit is a dimension.
    from rdflib import Graph

    from kg import model
    from kg.validation import validate

    g = Graph()
    model.add_source(g, "fdi", file_name="fdi.csv")
    figure = {
        "area": iris.group_iri("Sichuan national economic development zones"),
        "indicator": "contract value of foreign direct investment",
        "period": "2021",
    }
    usd = model.add_observation(g, "fdi", model.Fact(**figure, value="599000000", unit="USD"))
    cny = model.add_observation(
        g, "fdi", model.Fact(**figure, value="3820000000", unit="CNY", qualifier="about")
    )
    assert usd != cny
    report = validate(g)
    assert report.conforms, report.text()
    data = ox.Store()
    data.load(background, format=ox.RdfFormat.N_QUADS)
    data.load(g.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    assert violated(normalised(store=data)) == []
    # Without the unit dimension (v1's structure) the pair breaks IC-12.
    data.update(f"DELETE WHERE {{ ?o <{iris.DZ}unit> ?u }}")
    data.update(f"DELETE DATA {{ <{iris.DZ}dsd> <{QB}component> <{iris.DZ}dsd-unit> }}")
    assert "ic-12" in violated(normalised(store=data))


# IC-12 in ontology/shapes.ttl joins observations on the dimensions of zonegraph's structures
# (linear) and compares pairs only for other structures: it must report what the spec's
# pairwise comparison of all dimensions reports, in each kind of data set.
_PAIRWISE_IC12 = f"""{PREFIXES}
SELECT ?obs WHERE {{
    ?obs qb:dataSet ?ds . ?other qb:dataSet ?ds .
    FILTER (STR(?other) > STR(?obs))
    FILTER NOT EXISTS {{
        ?ds qb:structure/qb:component/qb:dimension ?dim .
        {{ ?obs ?dim ?v FILTER NOT EXISTS {{ ?other ?dim ?v }} }}
        UNION {{ ?other ?dim ?v FILTER NOT EXISTS {{ ?obs ?dim ?v }} }}
    }}
}}"""


def _duplicates_of_every_kind() -> str:
    period = "sdmx-dimension:refPeriod <http://reference.data.gov.uk/id/year/2021> ;"
    unstated = iris.dataset_iri("fixture-unstated")
    table = iris.dataset_iri("fixture-table")
    obs = [
        _observation("a1"),
        _observation("a2", value="2"),  # a1 again
        _observation("a3", value="3").replace("year/2021", "year/2020"),
        _observation("a4", value="4").replace("year/2021", "year/2020"),  # a3 again
        _observation("a5", value="5").replace("year/2021", "year/2020"),  # a3 again
        _observation("a6", value="6").replace("CNY", "USD"),  # a1 in another unit
        _observation("a7", value="7").replace("zid:scope\\/_Z", f"<{iris.region_iri('China')}>"),
    ]
    for name, value in (("b1", "1"), ("b2", "2"), ("b3", "3")):  # no period: b1 = b2
        text = _observation(name, value=value).replace(period, "").replace(_DS, unstated)
        obs.append(text.replace("level", "count") if name == "b3" else text)
    # A table of another structure, whose only dimensions are area and indicator.
    obs.append(
        f"<{table}> a qb:DataSet ; qb:structure <{iris.DZ}dsd-fixture> .\n"
        f"<{iris.DZ}dsd-fixture> a qb:DataStructureDefinition ; qb:component "
        f"[ qb:dimension sdmx-dimension:refArea ], [ qb:dimension dz:indicator ] .\n"
    )
    for name, year in (("c1", "2021"), ("c2", "2020"), ("c3", "2019")):  # c1 = c2 = c3
        obs.append(_observation(name).replace(_DS, table).replace("2021", year))
    obs.append(_observation("c4").replace(_DS, table).replace("Sichuan", "Yunnan"))
    return (
        _FIXTURE_HEAD
        + f"<{unstated}> a qb:DataSet ; qb:structure <{iris.DZ}dsd-period-not-stated> .\n"
        + "".join(obs)
    )


@pytest.mark.parametrize("validator", ["engine", "pyshacl"])
def test_ic12_of_the_shapes_reports_what_the_pairwise_spec_query_finds(validator, background):
    from rdflib import Graph

    from kg.validation import validate

    turtle = _duplicates_of_every_kind()
    data = ox.Store()
    data.load(background, format=ox.RdfFormat.N_QUADS)
    data.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
    data.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    expected = {r["obs"].value for r in data.query(_PAIRWISE_IC12)}
    # Duplicates in each of the three data sets (with, without period, other structure).
    assert {n[0] for n in (e.rsplit("/", 1)[1] for e in expected)} == {"a", "b", "c"}
    report = validate(Graph().parse(data=turtle, format="turtle"), validator=validator)
    found = {r["focus"] for r in report.violations if "IC-12" in r["message"]}
    assert found == expected
