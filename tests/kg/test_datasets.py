"""Observations are published in one data set per topic, whichever documents they come from."""

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, SKOS

from kg import catalog, iris, model, reference
from kg.errors import DuplicateFigures
from kg.ingest import ensure_seeded, ingest_file
from kg.store import open_store
from loaders import rdf

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "data" / "documents").glob("*.txt"))
STEWARD = ROOT / "tests" / "fixtures" / "ontology" / "steward-mistakes.ttl"
P = iris.PREFIXES
TOPIC = URIRef(iris.DZ + "topic")
INDICATORS = URIRef(iris.ID + "scheme/indicators")
GROUP = "Sichuan national economic development zones"


@pytest.fixture(scope="module")
def corpus():
    db = open_store(None)
    ensure_seeded(db)
    for path in DOCS:
        assert ingest_file(db, path).status == "loaded"
    yield db
    db.close()


def _rows(db, where: str) -> list[dict]:
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in P.items())
    return db.select(prefixes + where)


def test_every_indicator_has_one_topic_and_a_narrower_one_its_broader_ones():
    g = reference.ontology_graph()
    topics = set(g.subjects(SKOS.inScheme, URIRef(iris.ID + "scheme/topics")))
    concepts = set(g.subjects(SKOS.inScheme, INDICATORS))
    assert len(concepts) > 100
    for concept in concepts:
        (topic,) = g.objects(concept, TOPIC)  # exactly one
        assert topic in topics, concept
        for broader in g.objects(concept, SKOS.broader):
            assert g.value(broader, TOPIC) == topic, (concept, broader)
    assert {g.value(c, TOPIC) for c in concepts} == topics  # no empty topic


def test_figures_of_two_documents_share_their_topic_data_set(corpus):
    rows = _rows(
        corpus,
        """SELECT ?obs ?ds ?topic ?doc WHERE {
          ?obs a qb:Observation ; qb:dataSet ?ds ; dz:indicator/dz:topic ?topic ;
               prov:wasDerivedFrom/oa:hasSource ?doc }""",
    )
    assert rows
    sources = {str(r["doc"]) for r in rows}
    assert len(sources) == len(DOCS)
    by_dataset: dict[str, set[str]] = {}
    for r in rows:
        slug = str(r["topic"]).rsplit("/", 1)[1]
        assert str(r["ds"]) in {
            iris.dataset_iri(slug),
            iris.dataset_iri(slug, period_stated=False),
            iris.dataset_iri(slug, planned=True),
        }, r
        by_dataset.setdefault(str(r["ds"]), set()).add(str(r["doc"]))
    # One data set per document would give every data set one source.
    assert any(docs == sources for docs in by_dataset.values()), by_dataset
    assert len(by_dataset) <= 3 * len(reference.topics())
    for doc in sources:
        slug = doc.rsplit("/", 1)[1]
        assert not any(slug in ds for ds in by_dataset), (slug, by_dataset)


def test_the_catalogue_describes_each_topic_data_set(corpus):
    g = catalog.catalog_graph(corpus, "http://127.0.0.1:8000")
    used = {str(r["ds"]) for r in _rows(corpus, "SELECT DISTINCT ?ds { ?o qb:dataSet ?ds }")}
    listed = {str(d) for d in g.objects(catalog.CATALOG, DCAT.dataset)} - {str(catalog.DATASET)}
    assert listed == used
    trade = URIRef(iris.dataset_iri("trade"))
    titles = {str(t) for t in g.objects(trade, DCTERMS.title)}
    assert "Development-zone figures: trade" in titles
    assert "imports and exports" in str(g.value(trade, DCTERMS.description))
    assert g.value(trade, DCTERMS.license) == URIRef(iris.DATA_LICENSE)
    assert g.value(trade, DCTERMS.publisher) == URIRef(iris.PUBLISHER)
    assert URIRef(iris.topic_iri("trade")) in set(g.objects(trade, DCAT.theme))
    loads = _rows(
        corpus,
        """SELECT (MIN(?t) AS ?first) (MAX(?t) AS ?last) {
          ?r dz:loadedAt ?t ; dz:source ?doc . ?doc dz:fileName ?file }""",
    )[0]  # the loads of the documents, not of the reference data
    assert g.value(trade, DCTERMS.issued) == Literal(loads["first"])
    assert g.value(trade, DCTERMS.modified) == Literal(loads["last"])


def test_a_figure_two_sources_state_is_one_observation_with_both_quotes(tmp_path):
    db = open_store(None)
    ensure_seeded(db)
    sichuan = next(p for p in DOCS if p.name.startswith("sichuan"))
    ingest_file(db, sichuan)
    table = tmp_path / "restated.csv"
    table.write_text(
        "area,indicator,period,value,unit\n"
        "zid:group/sichuan-national-economic-development-zones,total imports and exports,"
        "2021,81010000000,CNY\n"
        "Sichuan,total imports and exports,2019,1000,CNY\n"
    )
    result = ingest_file(db, table)
    assert result.status == "loaded" and result.warnings
    rows = _rows(
        db,
        f"""SELECT ?obs (COUNT(DISTINCT ?doc) AS ?docs) (COUNT(DISTINCT ?value) AS ?values) {{
          ?obs sdmx-dimension:refArea <{iris.group_iri(GROUP)}> ;
               sdmx-dimension:refPeriod <{iris.period_iri("2021")}> ;
               dz:indicator <{iris.ID}indicator/total-imports-and-exports> ;
               dz:statistic <{iris.statistic_iri("level")}> ; dz:unit <{iris.unit_iri("CNY")}> ;
               sdmx-measure:obsValue ?value ; prov:wasDerivedFrom/oa:hasSource ?doc }}
        GROUP BY ?obs""",
    )
    assert [(int(r["docs"]), int(r["values"])) for r in rows] == [(2, 1)]
    ic12 = (ROOT / "tests" / "ontology" / "qb_ic" / "ic-12.rq").read_text()
    assert db.ask(ic12) is False  # no two observations of one data set share a key


def test_an_rdf_file_s_observations_go_to_their_topic_data_sets():
    g = rdf.load(STEWARD)
    observations = set(g.subjects(RDF.type, URIRef(P["qb"] + "Observation")))
    assert len(observations) > 5
    datasets = set()
    for obs in observations:
        (dataset,) = g.objects(obs, URIRef(P["qb"] + "dataSet"))
        indicator = str(g.value(obs, URIRef(iris.DZ + "indicator")))
        stated = (obs, URIRef(P["sdmx-dimension"] + "refPeriod"), None) in g
        assert dataset == model.dataset_of(indicator, period_stated=stated), obs
        datasets.add(dataset)
    assert (URIRef(iris.ID + "dataset/steward"), None, None) not in g  # the file's own
    for dataset in datasets:
        assert g.value(dataset, PROV.wasDerivedFrom) == URIRef(iris.ID + "source/steward")
        assert (dataset, RDF.type, URIRef(P["qb"] + "DataSet")) in g


def test_an_rdf_file_restating_a_figure_under_another_iri_is_refused(tmp_path):
    db = open_store(None)
    ensure_seeded(db)
    sichuan = next(p for p in DOCS if p.name.startswith("sichuan"))
    ingest_file(db, sichuan)
    g = Graph()
    model.add_source(g, "renamed", file_name="renamed.ttl")
    fact = model.Fact(
        area=iris.group_iri(GROUP),
        indicator="total imports and exports",
        value="81010000000",
        unit="CNY",
        period="2021",
    )
    obs = model.add_observation(g, "renamed", fact)
    model.add_observation(g, "renamed", replace(fact, period="2019", value="1000"))  # a new one
    renamed = URIRef(iris.ID + "observation/renamed")
    for p, o in list(g.predicate_objects(obs)):
        g.remove((obs, p, o))
        g.add((renamed, p, o))
    path = tmp_path / "renamed.ttl"
    g.serialize(path, format="turtle")
    with pytest.raises(DuplicateFigures, match="under another IRI"):
        ingest_file(db, path)
    assert iris.source_graph("renamed") not in db.graphs()


def test_a_graph_store_write_puts_its_observations_in_their_topic_data_sets(store):
    from kg.ingest import ingest_graph

    g = Graph()
    model.add_source(g, "steward", file_name="steward.ttl")
    fact = model.Fact(
        area=iris.region_iri("Sichuan"), indicator="exports", value="1", unit="CNY", period="2020"
    )
    obs = model.add_observation(g, "steward", fact)
    own = URIRef(iris.ID + "dataset/steward")  # as a steward of v2's first form wrote it
    trade = model.dataset_of("exports")
    for p, o in list(g.predicate_objects(trade)):
        g.add((own, p, o))
    g.remove((trade, None, None))
    g.set((obs, URIRef(P["qb"] + "dataSet"), own))
    graph = iris.source_graph("steward")
    assert ingest_graph(store, graph, g, source_id="steward").status == "loaded"
    rows = _rows(store, f"SELECT ?ds {{ GRAPH <{graph}> {{ <{obs}> qb:dataSet ?ds }} }}")
    assert [str(r["ds"]) for r in rows] == [str(trade)]
    assert not store.ask(f"ASK {{ <{own}> ?p ?o }}")
    assert store.ask(
        f"ASK {{ <{trade}> <{PROV.wasDerivedFrom}> <{iris.source_doc_iri('steward')}> }}"
    )
