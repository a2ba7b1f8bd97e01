"""The DCAT catalogue and the VoID description of the graph, computed from the store.

Both describe one dataset, ``CATALOG#dataset``: DCAT (DCAT-AP shaped, for
portals that harvest metadata) with its parts, the data set of each topic that has
observations (``zid:dataset/<topic>``, kg.model; issued and modified are the first and last
loads of the sources it is read from), and its distributions (the SPARQL endpoint as
a dcat:DataService, the N-Quads and Turtle dumps, the CSV of observations),
VoID (for linked-data tools) with its size, vocabularies and linksets. Counts
and dates come from the store and the load records of the catalogue graph;
download addresses from the base URL the server is reached at.

>>> from kg.store import open_store
>>> from kg.ingest import ensure_seeded
>>> store = open_store(None); _ = ensure_seeded(store)
>>> g = catalog_graph(store, "http://127.0.0.1:8000")
>>> str(g.value(DATASET, DCTERMS.title))
"zonegraph: China's development zones"
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, VOID

from kg import iris
from kg.store import Store

CATALOG = URIRef(iris.CATALOG)
DATASET = URIRef(f"{CATALOG}#dataset")
SERVICE = URIRef(f"{CATALOG}#sparql-service")
PUBLISHER = URIRef(iris.PUBLISHER)
CONTACT = URIRef(f"{CATALOG}#contact")
# The catalogue and VoID live in a graph of their own, so that refreshing them never
# touches the load records of iris.CATALOG_GRAPH that ingest writes.
METADATA_GRAPH = iris.METADATA_GRAPH

DATA_LICENSE = URIRef(iris.DATA_LICENSE)
DUMPS = {
    # path under the server -> (distribution id, title, IANA media type, EU file type, gzip?)
    "/dumps/zonegraph.nq.gz": (
        "dump-nquads",
        "N-Quads dump",
        "application/n-quads",
        "RDF_N_QUADS",
        True,
    ),
    "/dumps/zonegraph.ttl.gz": ("dump-turtle", "Turtle dump", "text/turtle", "RDF_TURTLE", True),
    "/dumps/observations.csv": (
        "observations-csv",
        "Observations as CSV",
        "text/csv",
        "CSV",
        False,
    ),
}
CSVW_METADATA_PATH = "/dumps/observations.csv-metadata.json"

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
_EU = "http://publications.europa.eu/resource/authority/"
_IANA = "https://www.iana.org/assignments/media-types/"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
_LINK_TARGETS = {
    "wikidata": (WIKIDATA_ENTITY, "Wikidata", "https://www.wikidata.org/"),
    "geonames": (GEONAMES, "GeoNames", "https://www.geonames.org/"),
}
_PERIOD = re.compile(r"/id/(?:year|month|day)/(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _select(store: Store, sparql: str) -> list[dict]:
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in iris.PREFIXES.items())
    return store.select(prefixes + sparql)


def _load_times(store: Store) -> tuple[Literal | None, Literal | None]:
    rows = _select(
        store,
        f"SELECT (MIN(?t) AS ?first) (MAX(?t) AS ?last) WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> "
        "{ ?r a dz:LoadRecord ; dz:loadedAt ?t } }",
    )
    row = rows[0] if rows else {}
    return row.get("first"), row.get("last")


def temporal_coverage(store: Store) -> tuple[str, str] | None:
    """First and last day of the reference periods of the observations, or None.

    >>> from kg.store import open_store
    >>> temporal_coverage(open_store(None)) is None
    True
    """
    rows = _select(
        store, "SELECT DISTINCT ?p WHERE { ?o a qb:Observation ; sdmx-dimension:refPeriod ?p }"
    )
    starts, ends = [], []
    for row in rows:
        m = _PERIOD.search(str(row["p"]))
        if not m:
            continue  # zid:period/unstated says nothing about time
        year, month, day = m.group(1), m.group(2), m.group(3)
        starts.append(f"{year}-{month or '01'}-{day or '01'}")
        last_day = day or ("31" if not month else _month_end(int(year), int(month)))
        ends.append(f"{year}-{month or '12'}-{last_day}")
    return (min(starts), max(ends)) if starts else None


def _month_end(year: int, month: int) -> str:
    import calendar

    return f"{calendar.monthrange(year, month)[1]:02d}"


def _spatial(store: Store) -> list[URIRef]:
    # China, and the provinces the observations are about (their Wikidata item when linked).
    rows = _select(
        store,
        """SELECT DISTINCT ?province ?wd WHERE {
  ?o a qb:Observation ; sdmx-dimension:refArea ?area .
  ?area dz:locatedIn* ?province . ?province a dz:Province .
  OPTIONAL { ?province owl:sameAs ?wd FILTER(STRSTARTS(STR(?wd), str(wd:))) }
}""",
    )
    places = {URIRef(_EU + "country/CHN")}
    places |= {URIRef(str(r.get("wd") or r["province"])) for r in rows}
    return sorted(places)


def catalog_graph(store: Store, base_url: str) -> Graph:
    """The DCAT-AP shaped catalogue: catalogue, dataset, data service, distributions, agents."""
    base = base_url.rstrip("/")
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        g.bind(prefix, ns)
    first, last = _load_times(store)
    en = "en"

    g.add((CATALOG, RDF.type, DCAT.Catalog))
    g.add((CATALOG, DCTERMS.title, Literal("zonegraph catalogue", lang=en)))
    g.add(
        (
            CATALOG,
            DCTERMS.description,
            Literal(
                "Open linked data on China's development zones, read from government "
                "documents, with a SPARQL endpoint and dumps.",
                lang=en,
            ),
        )
    )
    g.add((CATALOG, DCTERMS.publisher, PUBLISHER))
    g.add((CATALOG, DCTERMS.license, DATA_LICENSE))
    g.add((CATALOG, FOAF.homepage, URIRef(base + "/")))
    g.add((CATALOG, DCAT.dataset, DATASET))
    g.add((CATALOG, DCAT.service, SERVICE))
    g.add((CATALOG, DCAT.themeTaxonomy, URIRef(_EU + "data-theme")))
    g.add((CATALOG, DCAT.themeTaxonomy, URIRef(iris.ID + "scheme/topics")))
    for lang in ("ENG", "ZHO"):
        g.add((CATALOG, DCTERMS.language, URIRef(_EU + "language/" + lang)))
    if last is not None:
        g.add((CATALOG, DCTERMS.modified, last))
        g.add((CATALOG, DCTERMS.issued, first))

    g.add((PUBLISHER, RDF.type, FOAF.Agent))
    g.add((PUBLISHER, FOAF.name, Literal(iris.PUBLISHER_NAME, lang=en)))
    g.add((CONTACT, RDF.type, VCARD.Kind))
    g.add((CONTACT, RDF.type, VCARD.Organization))
    g.add((CONTACT, VCARD.fn, Literal(iris.PUBLISHER_NAME, lang=en)))
    g.add((CONTACT, VCARD.hasURL, URIRef(base + "/")))

    _dataset(g, store, first, last)
    for part in topic_datasets(store):
        _topic_dataset(g, part, base)
    _service(g, base)
    for path, (slug, title, media, file_type, gzipped) in DUMPS.items():
        dist = URIRef(f"{CATALOG}#{slug}")
        g.add((DATASET, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(title, lang=en)))
        g.add((dist, DCAT.accessURL, URIRef(base + path)))
        g.add((dist, DCAT.downloadURL, URIRef(base + path)))
        g.add((dist, DCAT.mediaType, URIRef(_IANA + media)))
        g.add((dist, DCTERMS.format, URIRef(_EU + "file-type/" + file_type)))
        g.add((dist, DCTERMS.license, DATA_LICENSE))
        if gzipped:
            g.add((dist, DCAT.compressFormat, URIRef(_IANA + "application/gzip")))
        if media == "text/csv":
            # The CSVW metadata says what each column means (W3C CSV on the Web).
            g.add((dist, DCTERMS.conformsTo, URIRef("http://www.w3.org/ns/csvw#")))
            g.add((dist, FOAF.page, URIRef(base + CSVW_METADATA_PATH)))
        if last is not None:
            g.add((dist, DCTERMS.modified, last))
    sparql_dist = URIRef(f"{CATALOG}#sparql-endpoint")
    g.add((DATASET, DCAT.distribution, sparql_dist))
    g.add((sparql_dist, RDF.type, DCAT.Distribution))
    g.add((sparql_dist, DCTERMS.title, Literal("SPARQL endpoint", lang=en)))
    g.add((sparql_dist, DCAT.accessURL, URIRef(base + "/sparql")))
    g.add((sparql_dist, DCAT.accessService, SERVICE))
    g.add((sparql_dist, DCTERMS.license, DATA_LICENSE))
    return g


def _dataset(g: Graph, store: Store, first: Literal | None, last: Literal | None) -> None:
    en = "en"
    g.add((DATASET, RDF.type, DCAT.Dataset))
    g.add((DATASET, DCTERMS.title, Literal("zonegraph: China's development zones", lang=en)))
    g.add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "A knowledge graph of China's development zones: zones, parks, regions, "
                "organisations and statistical observations (RDF Data Cube) with their "
                "provenance in the source documents, linked to Wikidata and GeoNames.",
                lang=en,
            ),
        )
    )
    g.add((DATASET, DCTERMS.title, Literal("中国开发区知识图谱", lang="zh")))
    g.add((DATASET, DCTERMS.publisher, PUBLISHER))
    g.add((DATASET, DCAT.contactPoint, CONTACT))
    g.add((DATASET, DCTERMS.license, DATA_LICENSE))
    g.add((DATASET, DCTERMS.accessRights, URIRef(_EU + "access-right/PUBLIC")))
    g.add((DATASET, DCTERMS.identifier, Literal(str(DATASET))))
    for theme in ("ECON", "REGI"):
        g.add((DATASET, DCAT.theme, URIRef(_EU + "data-theme/" + theme)))
    for word, lang in (
        ("development zones", "en"),
        ("economic statistics", "en"),
        ("China", "en"),
        ("开发区", "zh"),
    ):
        g.add((DATASET, DCAT.keyword, Literal(word, lang=lang)))
    for place in _spatial(store):
        g.add((DATASET, DCTERMS.spatial, place))
    coverage = temporal_coverage(store)
    if coverage:
        period = BNode()
        g.add((DATASET, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(coverage[0], datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(coverage[1], datatype=XSD.date)))
    if last is not None:
        g.add((DATASET, DCTERMS.modified, last))
        g.add((DATASET, DCTERMS.issued, first))
    g.add((DATASET, DCTERMS.conformsTo, URIRef("http://purl.org/linked-data/cube#")))


def topic_datasets(store: Store, iri: str | None = None) -> list[dict]:
    """The topic data sets that have observations (or the one ``iri`` names), each with its
    IRI, topic, number of observations and sources, and first and last load of those sources.

    >>> from kg.store import open_store
    >>> topic_datasets(open_store(None))
    []
    """
    only = f"VALUES ?ds {{ <{iri}> }}" if iri else ""
    topic = f'?ds dcat:theme ?topic FILTER (STRSTARTS(STR(?topic), "{iris.ID}topic/"))'
    # Two queries, not one join: observations times sources would grow with their product.
    counted = _select(
        store,
        f"""SELECT ?ds ?topic (COUNT(DISTINCT ?o) AS ?n) WHERE {{
  {only}
  {{ SELECT DISTINCT ?ds WHERE {{ ?o qb:dataSet ?ds }} }}
  {topic} ?o qb:dataSet ?ds .
}} GROUP BY ?ds ?topic ORDER BY ?ds""",
    )
    loads = {
        str(r["ds"]): r
        for r in _select(
            store,
            f"""SELECT ?ds (COUNT(DISTINCT ?doc) AS ?sources) (MIN(?t) AS ?issued)
  (MAX(?t) AS ?modified) WHERE {{
  {only}
  {topic} ?ds prov:wasDerivedFrom ?doc .
  OPTIONAL {{ GRAPH <{iris.CATALOG_GRAPH}> {{ ?record dz:source ?doc ; dz:loadedAt ?t }} }}
}} GROUP BY ?ds""",
        )
    }
    rows = [{**r, "sources": 0, **loads.get(str(r["ds"]), {})} for r in counted]
    return [
        {
            "iri": URIRef(str(r["ds"])),
            "topic": URIRef(str(r["topic"])),
            "observations": int(r["n"]),
            "sources": int(r["sources"]),
            "issued": r.get("issued"),
            "modified": r.get("modified"),
        }
        for r in rows
    ]


def _topic_dataset(g: Graph, part: dict, base: str) -> None:
    # Title, description, licence, publisher and theme are the ones kg.model writes into
    # every source graph that uses the data set; the catalogue restates them for harvesters.
    from kg import model

    ds, topic = part["iri"], str(part["topic"]).rsplit("/", 1)[1]
    suffix = str(ds).removeprefix(iris.dataset_iri(topic))
    title = model.dataset_title(
        topic, period_stated=suffix != "/period-not-stated", planned=suffix == "/planned"
    )
    g.add((CATALOG, DCAT.dataset, ds))
    g.add((DATASET, DCTERMS.hasPart, ds))
    g.add((ds, DCTERMS.isPartOf, DATASET))
    g.add((ds, RDF.type, DCAT.Dataset))
    for lang in ("en", "zh"):
        g.add((ds, DCTERMS.title, Literal(title[lang], lang=lang)))
    g.add((ds, DCTERMS.description, Literal(title["description"], lang="en")))
    g.add((ds, DCTERMS.publisher, PUBLISHER))
    g.add((ds, DCAT.contactPoint, CONTACT))
    g.add((ds, DCTERMS.license, DATA_LICENSE))
    g.add((ds, DCTERMS.accessRights, URIRef(_EU + "access-right/PUBLIC")))
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    g.add((ds, DCAT.theme, part["topic"]))
    g.add((ds, DCAT.theme, URIRef(_EU + "data-theme/ECON")))
    g.add((ds, DCTERMS.conformsTo, URIRef("http://purl.org/linked-data/cube#")))
    g.add((ds, DCTERMS.spatial, URIRef(_EU + "country/CHN")))
    if part["issued"] is not None:
        g.add((ds, DCTERMS.issued, part["issued"]))
        g.add((ds, DCTERMS.modified, part["modified"]))
    # Its figures as CSV (the data set page's download) and through the SPARQL endpoint.
    csv = URIRef(f"{CATALOG}#csv-{str(ds).removeprefix(iris.ID + 'dataset/').replace('/', '-')}")
    url = URIRef(f"{base}/slice.csv?{urlencode({'dataset': str(ds)})}")
    g.add((ds, DCAT.distribution, csv))
    g.add((csv, RDF.type, DCAT.Distribution))
    g.add((csv, DCTERMS.title, Literal(f"{title['en']}, as CSV", lang="en")))
    g.add((csv, DCAT.accessURL, url))
    g.add((csv, DCAT.downloadURL, url))
    g.add((csv, DCAT.mediaType, URIRef(_IANA + "text/csv")))
    g.add((csv, DCTERMS.format, URIRef(_EU + "file-type/CSV")))
    g.add((csv, DCTERMS.license, DATA_LICENSE))
    g.add((ds, DCAT.distribution, URIRef(f"{CATALOG}#sparql-endpoint")))


def _service(g: Graph, base: str) -> None:
    g.add((SERVICE, RDF.type, DCAT.DataService))
    g.add((SERVICE, DCTERMS.title, Literal("zonegraph SPARQL endpoint", lang="en")))
    g.add((SERVICE, DCAT.endpointURL, URIRef(base + "/sparql")))
    # GET /sparql without a query answers the SPARQL service description.
    g.add((SERVICE, DCAT.endpointDescription, URIRef(base + "/sparql")))
    g.add((SERVICE, DCAT.servesDataset, DATASET))
    g.add((SERVICE, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((SERVICE, DCTERMS.license, DATA_LICENSE))
    g.add((SERVICE, DCTERMS.publisher, PUBLISHER))


def _count(store: Store, sparql: str) -> int:
    rows = _select(store, sparql)
    return int(rows[0]["n"]) if rows and "n" in rows[0] else 0


def void_graph(store: Store, base_url: str, *, examples: int = 3) -> Graph:
    """VoID of the dataset: size, classes, properties, linksets, endpoint, dumps, examples.

    Counts leave out the metadata graph, so that describing the data does not change it.

    >>> from kg.store import open_store
    >>> from kg.ingest import ensure_seeded
    >>> store = open_store(None); _ = ensure_seeded(store)
    >>> g = void_graph(store, "http://127.0.0.1:8000")
    >>> int(g.value(DATASET, VOID.triples)) > 1000
    True
    """
    base = base_url.rstrip("/")
    data = f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{METADATA_GRAPH}>)"
    g = Graph()
    g.bind("void", VOID)
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, DCTERMS.title, Literal("zonegraph: China's development zones", lang="en")))
    g.add((DATASET, DCTERMS.license, DATA_LICENSE))
    g.add((DATASET, FOAF.homepage, URIRef(base + "/")))
    g.add((DATASET, VOID.sparqlEndpoint, URIRef(base + "/sparql")))
    g.add((DATASET, VOID.uriSpace, Literal(iris.ID)))
    g.add((DATASET, VOID.rootResource, CATALOG))
    for path in ("/dumps/zonegraph.nq.gz", "/dumps/zonegraph.ttl.gz"):
        g.add((DATASET, VOID.dataDump, URIRef(base + path)))
    _, last = _load_times(store)
    if last is not None:
        g.add((DATASET, DCTERMS.modified, last))
    sizes = _select(
        store,
        f"""SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
  (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?objects) WHERE {{ {data} }}""",
    )[0]
    for name in ("triples", "properties"):
        g.add((DATASET, VOID[name], Literal(int(sizes[name]), datatype=XSD.integer)))
    g.add((DATASET, VOID.distinctSubjects, Literal(int(sizes["subjects"]), datatype=XSD.integer)))
    g.add((DATASET, VOID.distinctObjects, Literal(int(sizes["objects"]), datatype=XSD.integer)))
    entities = _count(
        store,
        f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH ?g {{ ?s a ?c }} FILTER(?g != <{METADATA_GRAPH}> && STRSTARTS(STR(?s), "{iris.ID}")) }}""",
    )
    g.add((DATASET, VOID.entities, Literal(entities, datatype=XSD.integer)))
    classes = _select(
        store,
        f"""SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH ?g {{ ?s a ?c }} FILTER(?g != <{METADATA_GRAPH}>) }} GROUP BY ?c ORDER BY ?c""",
    )
    g.add((DATASET, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    for row in classes:
        part = BNode()
        g.add((DATASET, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(str(row["c"]))))
        g.add((part, VOID.entities, Literal(int(row["n"]), datatype=XSD.integer)))
    properties = _select(
        store,
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {data} }} GROUP BY ?p ORDER BY ?p",
    )
    for row in properties:
        part = BNode()
        g.add((DATASET, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(str(row["p"]))))
        g.add((part, VOID.triples, Literal(int(row["n"]), datatype=XSD.integer)))
    for prefix in ("dz", "qb", "skos", "prov", "oa", "org", "dcterms", "sdmx-dimension"):
        g.add((DATASET, VOID.vocabulary, URIRef(iris.PREFIXES[prefix])))
    for row in _select(
        store,
        f"""SELECT DISTINCT ?z WHERE {{ ?z a/rdfs:subClassOf* dz:DevelopmentZone
  FILTER(STRSTARTS(STR(?z), "{iris.ID}zone/")) }} ORDER BY ?z LIMIT {examples}""",
    ):
        g.add((DATASET, VOID.exampleResource, URIRef(str(row["z"]))))
    for slug, (space, title, homepage) in _LINK_TARGETS.items():
        target = URIRef(f"{CATALOG}#{slug}")
        linkset = URIRef(f"{CATALOG}#linkset-{slug}")
        g.add((target, RDF.type, VOID.Dataset))
        g.add((target, DCTERMS.title, Literal(title, lang="en")))
        g.add((target, FOAF.homepage, URIRef(homepage)))
        g.add((target, VOID.uriSpace, Literal(space)))
        links = _count(
            store,
            f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s owl:sameAs ?o }}
  FILTER(?g != <{METADATA_GRAPH}> && STRSTARTS(STR(?o), "{space}")) }}""",
        )
        g.add((DATASET, VOID.subset, linkset))
        g.add((linkset, RDF.type, VOID.Linkset))
        g.add((linkset, VOID.linkPredicate, OWL.sameAs))
        g.add((linkset, VOID.subjectsTarget, DATASET))
        g.add((linkset, VOID.objectsTarget, target))
        g.add((linkset, VOID.triples, Literal(links, datatype=XSD.integer)))
    return g


def refresh_catalog(store: Store, base_url: str) -> int:
    """Replace the metadata graph by the current catalogue and VoID; returns its triple count.

    Call it after loads, so that SPARQL users see the same metadata as /catalog.
    """
    g = catalog_graph(store, base_url) + void_graph(store, base_url)
    body = g.serialize(format="nt", encoding="utf-8")
    store.replace_graphs({METADATA_GRAPH: body})
    return len(g)
