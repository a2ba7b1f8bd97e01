# ruff: noqa: E501  (Turtle snippets read best one statement per line)
"""The SHACL shapes accept the model's data and catch what a data steward must fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import SH

from kg import iris, reference

DZ = Namespace(iris.DZ)
SHAPES = Path(reference.shapes_file())
PREFIXES = """
@prefix dz: <https://w3id.org/zonegraph/ontology#> .
@prefix zid: <https://w3id.org/zonegraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
@prefix sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix year: <http://reference.data.gov.uk/id/year/> .
"""

# A table source (no provenance rule) with one observation; OBS fields can be overridden.
OBS_DEFAULTS = {
    "sdmx-dimension:refArea": "zid:region\\/510000",
    "sdmx-dimension:refPeriod": "year:2021",
    "dz:indicator": "zid:indicator\\/total-imports-and-exports",
    "dz:statistic": "zid:statistic\\/level",
    "dz:scope": "zid:scope\\/_Z",
    "sdmx-measure:obsValue": '"100"^^xsd:decimal',
    "sdmx-attribute:unitMeasure": "zid:unit\\/CNY",
    "dz:unit": "zid:unit\\/CNY",
}
SOURCE = """
zid:source\\/t a dz:SourceDocument ; rdfs:label "t.csv"@en ; dz:fileName "{file}" .
zid:dataset\\/t a qb:DataSet ; rdfs:label "Observations from t"@en ; qb:structure dz:dsd ;
    prov:wasDerivedFrom zid:source\\/t .
"""


def observation(
    name: str = "o1", file: str = "t.csv", extra: str = "", **fields: str | None
) -> str:
    """Turtle of a data set with one observation; a field set to None is left out."""
    values = {
        **OBS_DEFAULTS,
        **{k.replace("__", ":").replace("_", "-"): v for k, v in fields.items()},
    }
    body = " ;\n    ".join(f"{p} {o}" for p, o in values.items() if o is not None)
    return SOURCE.format(file=file) + (
        f"zid:observation\\/t\\/{name} a qb:Observation ; qb:dataSet zid:dataset\\/t ;\n    {body} .\n"
        + extra
    )


def span(
    offsets: str,
    *,
    source: str = "zid:source\\/x",
    exact: str | None = '"abcd"',
    start: str | None = '"0"^^xsd:nonNegativeInteger',
    end: str | None = '"4"^^xsd:nonNegativeInteger',
    quote: bool = True,
    position: bool = True,
) -> str:
    """Turtle of a source document and one Web Annotation text span of it; None leaves a value out."""
    iri = f"zid:span\\/x\\/{offsets}"
    selectors = [f"{iri}\\#quote"] * quote + [f"{iri}\\#position"] * position
    out = [
        'zid:source\\/x a dz:SourceDocument ; rdfs:label "X"@en .',
        f"{iri} a dz:TextSpan, oa:SpecificResource ; oa:hasSource {source}"
        + (f" ;\n    oa:hasSelector {', '.join(selectors)}" if selectors else "")
        + " .",
    ]
    if quote:
        out.append(
            f"{iri}\\#quote a oa:TextQuoteSelector"
            + (f" ; oa:exact {exact}" if exact else "")
            + " ."
        )
    if position:
        values = [f"oa:start {start}"] * (start is not None) + [f"oa:end {end}"] * (end is not None)
        out.append(f"{iri}\\#position a oa:TextPositionSelector ; " + " ; ".join(values) + " .")
    return "\n".join(out)


@pytest.fixture(scope="module")
def lite_background() -> Graph:
    """Ontology, schemes, reference Turtle and the few countries the cases name: small and fast."""
    g = Graph()
    for triple in reference.ontology_graph():
        g.add(triple)
    keep = {URIRef(iris.country_iri(c)) for c in ("CN", "SG", "KR", "JP")}
    country = URIRef(iris.DZ + "Country")
    countries = set(reference.reference_graph().subjects(RDF.type, country))
    for s, p, o in reference.reference_graph():
        if s not in countries or s in keep:
            g.add((s, p, o))
    return g


def _validate(data: Graph, background: Graph):
    merged = Graph()
    for triple in background:
        merged.add(triple)
    for triple in data:
        merged.add(triple)
    conforms, report, text = validate(
        merged,
        shacl_graph=reference.shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return conforms, report, text


def _results(report: Graph) -> list[tuple[str, str]]:
    return [
        (
            str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[1],
            str(report.value(r, SH.resultMessage)),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]


def check(turtle: str, background: Graph) -> list[tuple[str, str]]:
    data = Graph().parse(data=PREFIXES + turtle, format="turtle")
    _, report, _ = _validate(data, background)
    return _results(report)


# Names the cases give their own resources; each case's copy gets a suffix so that
# all cases can be validated together (one pyshacl run instead of a hundred).
_OWN = re.compile(r"\\/(x|y|t|zz|EUR|singapore)(?=[\s;,.]|\\/)")


def _own(turtle: str, n: int) -> str:
    return _OWN.sub(lambda m: f"\\/{m.group(1)}-c{n}", turtle)


@pytest.fixture(scope="module")
def bad_results(lite_background) -> dict[str, list[tuple[str, str]]]:
    data = Graph()
    names = sorted(BAD)
    for n, case in enumerate(names):
        data.parse(data=PREFIXES + _own(BAD[case][0], n), format="turtle")
    _, report, _ = _validate(data, lite_background)
    found: dict[str, list[tuple[str, str]]] = {case: [] for case in names}
    for r in report.subjects(RDF.type, SH.ValidationResult):
        where = f"{report.value(r, SH.focusNode)} {report.value(r, SH.value)}"
        severity = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[1]
        for n, case in enumerate(names):
            if re.search(rf"-c{n}(?!\d)", where):
                found[case].append((severity, str(report.value(r, SH.resultMessage))))
    return found


# ---------------------------------------------------------------- good data


def test_shapes_graph_passes_shacl_shacl():
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, text = validate(shapes, shacl_graph=shapes, meta_shacl=True, advanced=True)
    assert conforms, text


def test_every_constraint_says_what_to_fix():
    g = reference.shapes_graph()
    needing = set(g.objects(None, SH.property)) | set(g.objects(None, SH.sparql))
    for shape in g.subjects(RDF.type, SH.NodeShape):
        if any(
            g.value(shape, p) is not None for p in (SH["not"], SH.pattern, SH.nodeKind, SH["class"])
        ):
            needing.add(shape)
    assert len(needing) > 80
    silent = [str(n) for n in needing if g.value(n, SH.message) is None]
    assert not silent, f"constraints without sh:message: {silent}"


def test_ontology_and_all_reference_data_conform():
    g = Graph()
    for triple in reference.ontology_graph():
        g.add(triple)
    for triple in reference.reference_graph():
        g.add(triple)
    conforms, _, text = validate(
        g, shacl_graph=reference.shapes_graph(), advanced=True, allow_warnings=True
    )
    assert conforms, text


def test_hand_built_corpus_conforms_without_warnings(corpus, lite_background):
    data = Graph()
    for s, p, o, _ in corpus.quads():
        data.add((s, p, o))
    conforms, report, text = _validate(data, lite_background)
    assert conforms, text
    assert _results(report) == []


def test_a_table_observation_without_quote_conforms(lite_background):
    assert check(observation(), lite_background) == []


def test_a_zone_with_a_year_and_the_month_of_that_year_conforms(lite_background):
    zone = (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ;\n'
        '    dz:approvalYear "1992"^^xsd:gYear ; dz:approvalMonth "1992-05"^^xsd:gYearMonth ;\n'
        '    dz:foundingYear "1988"^^xsd:gYear ; dz:foundingMonth "1988-08"^^xsd:gYearMonth .'
    )
    assert check(zone, lite_background) == []


def test_one_case_alone_is_caught_as_in_the_batch(lite_background):
    # The batch renames resources per case; a case validated on its own behaves the same.
    turtle, severity, fragment = BAD["rank zero"]
    assert any(s == severity and fragment in m for s, m in check(turtle, lite_background))


# ---------------------------------------------------------------- bad data, one case per check

BAD = {
    # zones, groups, regions, organisations
    "zone without English label": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "某高新区"@zh .',
        "Violation",
        "English name",
    ),
    "zone with two English labels": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en, "Y"@en .',
        "Violation",
        "one rdfs:label per language",
    ),
    "label without language": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en, "X2" .',
        "Violation",
        "language tag",
    ),
    "zone that is also a region": (
        'zid:zone\\/x a dz:HighTechZone, dz:City ; rdfs:label "X"@en .',
        "Violation",
        "cannot also be a region",
    ),
    "zone located in a zone": (
        'zid:zone\\/x a dz:CooperationPark ; rdfs:label "X"@en ; dz:partnerCountry zid:country\\/sg ;\n'
        "    dz:locatedIn zid:zone\\/chengdu-high-tech-industrial-development-zone .",
        "Violation",
        "use dz:partOfZone",
    ),
    "zone level not national or provincial": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ; dz:zoneLevel zid:unit\\/CNY .',
        "Violation",
        "zid:level/national",
    ),
    "zone kind outside the scheme": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ; dz:zoneKind zid:level\\/national .',
        "Violation",
        "zone-kinds",
    ),
    "founding year as integer": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ; dz:foundingYear 1988 .',
        "Violation",
        "xsd:gYear",
    ),
    "approval year as integer": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ; dz:approvalYear 1992 .',
        "Violation",
        "dz:approvalYear, written as",
    ),
    "founding month as a year": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ;\n'
        '    dz:foundingYear "2008"^^xsd:gYear ; dz:foundingMonth "2008"^^xsd:gYear .',
        "Violation",
        "dz:foundingMonth, written as",
    ),
    "approval month of another year": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ;\n'
        '    dz:approvalYear "1992"^^xsd:gYear ; dz:approvalMonth "1993-05"^^xsd:gYearMonth .',
        "Violation",
        "does not go with its year (1992)",
    ),
    "approval month without its year": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ;\n'
        '    dz:approvalMonth "1992-05"^^xsd:gYearMonth .',
        "Violation",
        "does not go with its year (none)",
    ),
    "founding year implausible": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ; dz:foundingYear "1850"^^xsd:gYear .',
        "Warning",
        "1979",
    ),
    "park part of a region": (
        'zid:zone\\/x a dz:CooperationPark ; rdfs:label "X"@en ; dz:partnerCountry zid:country\\/sg ;\n'
        "    dz:partOfZone zid:region\\/510100 .",
        "Violation",
        "dz:partOfZone",
    ),
    "partner is an organisation": (
        'zid:zone\\/x a dz:CooperationPark ; rdfs:label "X"@en ;\n'
        "    dz:partnerCountry zid:org\\/china-telecom .",
        "Violation",
        "dz:partnerCountry must be",
    ),
    "park without partner": (
        'zid:zone\\/x a dz:CooperationPark ; rdfs:label "X"@en .',
        "Warning",
        "partner",
    ),
    "member of a region": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ; dz:memberOf zid:region\\/510000 .',
        "Violation",
        "dz:ZoneGroup",
    ),
    "designation not a designation": (
        'zid:zone\\/x a dz:HighTechZone ; rdfs:label "X"@en ; dz:holdsDesignation zid:region\\/510000 .',
        "Violation",
        "dz:Designation",
    ),
    "group with unknown level": (
        'zid:group\\/x a dz:ZoneGroup ; rdfs:label "X"@en ; dz:groupLevel zid:level\\/city .',
        "Violation",
        "dz:groupLevel",
    ),
    "group kind outside the scheme": (
        'zid:group\\/x a dz:ZoneGroup ; rdfs:label "X"@en ; dz:groupZoneKind zid:unit\\/NUM .',
        "Violation",
        "dz:groupZoneKind",
    ),
    "group located in an organisation": (
        'zid:group\\/x a dz:ZoneGroup ; rdfs:label "X"@en ; dz:locatedIn zid:org\\/china-telecom .',
        "Violation",
        "group of zones must be a region",
    ),
    "region in a zone": (
        'zid:region\\/x a dz:County ; rdfs:label "X"@en ;\n'
        "    dz:locatedIn zid:zone\\/chengdu-high-tech-industrial-development-zone .",
        "Violation",
        "larger region",
    ),
    "country IRI not an ISO code": (
        'zid:country\\/singapore a dz:Country ; rdfs:label "Singapore"@en ; dz:iso3166Alpha2 "SG" .',
        "Violation",
        "such as zid:country/sg",
    ),
    "country without code": (
        'zid:country\\/zz a dz:Country ; rdfs:label "Z"@en .',
        "Violation",
        "exactly one dz:iso3166Alpha2",
    ),
    "country code does not match IRI": (
        'zid:country\\/zz a dz:Country ; rdfs:label "Z"@en ; dz:iso3166Alpha2 "YY" .',
        "Violation",
        "does not match the country IRI",
    ),
    "province with a city code": (
        'zid:region\\/x a dz:Province ; rdfs:label "X"@en ; dz:gbt2260Code "510100" .',
        "Violation",
        "ends in 0000",
    ),
    "city with a province code": (
        'zid:region\\/x a dz:City ; rdfs:label "X"@en ; dz:gbt2260Code "510000" .',
        "Violation",
        "province's, not a city's",
    ),
    "organisation part of a region": (
        'zid:org\\/x a dz:Company ; rdfs:label "X"@en ; org:subOrganizationOf zid:region\\/510000 .',
        "Violation",
        "parent",
    ),
    "organisation located in a company": (
        'zid:org\\/x a dz:Company ; rdfs:label "X"@en ; dz:locatedIn zid:org\\/china-telecom .',
        "Violation",
        "organisation must be a region",
    ),
    # indices, events, designations
    "index created by a region": (
        'zid:index\\/x a dz:CompositeIndex ; rdfs:label "X"@en ; dz:createdBy zid:region\\/510000 .',
        "Violation",
        "dz:createdBy",
    ),
    "index with a zone as sub-index": (
        'zid:index\\/x a dz:CompositeIndex ; rdfs:label "X"@en ;\n'
        "    dz:hasSubIndex zid:zone\\/chengdu-high-tech-industrial-development-zone .",
        "Violation",
        "dz:SubIndex",
    ),
    "index of an organisation": (
        'zid:index\\/x a dz:CompositeIndex ; rdfs:label "X"@en ; dz:indexOf zid:org\\/china-telecom .',
        "Violation",
        "dz:indexOf",
    ),
    "index linked to an indicator outside the code list": (
        'zid:index\\/x a dz:CompositeIndex ; rdfs:label "X"@en ; dz:indicatorConcept zid:indicator\\/nope .',
        "Violation",
        "dz:indicatorConcept",
    ),
    "orphan sub-index": (
        'zid:index\\/y a dz:SubIndex ; rdfs:label "Y"@en .',
        "Violation",
        "dz:hasSubIndex",
    ),
    "event without date": (
        'zid:event\\/x a dz:Event ; rdfs:label "X"@en .',
        "Violation",
        "dz:date",
    ),
    "event organised by a region": (
        'zid:event\\/x a dz:Event ; rdfs:label "X"@en ; dz:date "2022-03-29"^^xsd:date ;\n'
        "    dz:organizer zid:region\\/510000 .",
        "Violation",
        "dz:organizer",
    ),
    "designation without label": (
        "zid:designation\\/x a dz:Designation .",
        "Violation",
        "English name",
    ),
    # sources and spans
    "source issued as text": (
        'zid:source\\/x a dz:SourceDocument ; rdfs:label "X"@en ; dcterms:issued "March 2022" .',
        "Violation",
        "dcterms:issued",
    ),
    "source with two titles": (
        'zid:source\\/x a dz:SourceDocument ; rdfs:label "X"@en ; dcterms:title "A", "B" .',
        "Violation",
        "dcterms:title",
    ),
    "publisher not an organisation": (
        'zid:source\\/x a dz:SourceDocument ; rdfs:label "X"@en ; dcterms:publisher zid:region\\/510000 .',
        "Violation",
        "dcterms:publisher",
    ),
    "operator not an organisation": (
        'zid:source\\/x a dz:SourceDocument ; rdfs:label "X"@en ; dz:operator zid:region\\/510000 .',
        "Violation",
        "dz:operator",
    ),
    "empty file name": (
        'zid:source\\/x a dz:SourceDocument ; rdfs:label "X"@en ; dz:fileName "" .',
        "Violation",
        "dz:fileName",
    ),
    "span start after end": (
        span("9-5", start='"9"^^xsd:nonNegativeInteger', end='"5"^^xsd:nonNegativeInteger'),
        "Violation",
        "oa:start must not be after",
    ),
    "span without quote": (
        span("1-5", exact=None),
        "Violation",
        "oa:exact",
    ),
    "span without quote selector": (
        span("1-5", quote=False),
        "Violation",
        "oa:TextQuoteSelector",
    ),
    "span without position selector": (
        span("1-5", position=False),
        "Violation",
        "oa:TextPositionSelector",
    ),
    "span with negative start": (
        span("0-4", start="-1"),
        "Violation",
        "oa:start, a character offset",
    ),
    "span end missing": (
        span("0-4", end=None),
        "Violation",
        "oa:end",
    ),
    "span of no source": (
        span("0-4", source="zid:region\\/510000"),
        "Violation",
        "oa:hasSource",
    ),
    "span length differs from offsets": (
        span("0-40", end='"40"^^xsd:nonNegativeInteger'),
        "Warning",
        "offsets probably",
    ),
    "mention without a span": (
        span("0-4") + "\nzid:mention\\/x a oa:Annotation ; oa:hasBody zid:region\\/510000 ;\n"
        "    oa:hasTarget zid:region\\/510000 ; oa:motivatedBy oa:identifying .",
        "Violation",
        "oa:hasTarget",
    ),
    # observations: dimensions, measure, attributes
    "area of unknown type": (
        observation(sdmx_dimension__refArea="zid:zone\\/unknown"),
        "Violation",
        "refArea",
    ),
    "index as the area": (
        observation(
            sdmx_dimension__refArea="zid:index\\/x",
            extra='zid:index\\/x a dz:CompositeIndex ; rdfs:label "X"@en .',
        ),
        "Violation",
        "the figure of the zone it measures",
    ),
    "rank among an index": (
        observation(
            dz__statistic="zid:statistic\\/rank",
            dz__scope="zid:index\\/x",
            sdmx_attribute__unitMeasure="zid:unit\\/RANK",
            dz__unit="zid:unit\\/RANK",
            sdmx_measure__obsValue='"1"^^xsd:decimal',
            extra='zid:index\\/x a dz:CompositeIndex ; rdfs:label "X"@en .',
        ),
        "Violation",
        "place or group of zones a rank or share is among",
    ),
    "rank among a group without a label": (
        observation(
            dz__statistic="zid:statistic\\/rank",
            dz__scope="zid:group\\/g",
            sdmx_attribute__unitMeasure="zid:unit\\/RANK",
            dz__unit="zid:unit\\/RANK",
            sdmx_measure__obsValue='"1"^^xsd:decimal',
            extra="zid:group\\/g a dz:ZoneGroup .",
        ),
        "Violation",
        "rdfs:label that a page can show",
    ),
    "modality that is no modality": (
        observation(dz__modality="zid:statistic\\/level"),
        "Violation",
        "dz:modality is one of",
    ),
    "figure attributed to a region": (
        observation(prov__wasAttributedTo="zid:region\\/510000"),
        "Violation",
        "prov:wasAttributedTo names the dz:Organization",
    ),
    "period as a literal": (
        observation(sdmx_dimension__refPeriod='"2021"'),
        "Violation",
        "refPeriod",
    ),
    "period IRI of another form": (
        observation(sdmx_dimension__refPeriod="<http://example.org/2021>"),
        "Violation",
        "is one period IRI",
    ),
    "two indicators": (
        observation(
            dz__indicator="zid:indicator\\/total-imports-and-exports, zid:indicator\\/gross-domestic-product"
        ),
        "Violation",
        "one dz:indicator",
    ),
    "two statistics": (
        observation(dz__statistic="zid:statistic\\/level, zid:statistic\\/count"),
        "Violation",
        "one dz:statistic",
    ),
    "scope an organisation": (
        observation(dz__scope="zid:org\\/china-telecom"),
        "Violation",
        "dz:scope is",
    ),
    "value as text": (observation(sdmx_measure__obsValue='"100"'), "Violation", "xsd:decimal"),
    "unit outside the scheme": (
        observation(sdmx_attribute__unitMeasure="zid:unit\\/EUR"),
        "Violation",
        "units",
    ),
    "base period as a literal": (
        observation(
            dz__statistic="zid:statistic\\/change-vs-period",
            sdmx_attribute__unitMeasure="zid:unit\\/PERCENT",
            dz__basePeriod='"2018"',
        ),
        "Violation",
        "dz:basePeriod is one period",
    ),
    "rank population zero": (
        observation(
            dz__statistic="zid:statistic\\/rank",
            sdmx_attribute__unitMeasure="zid:unit\\/RANK",
            sdmx_measure__obsValue='"1"^^xsd:decimal',
            dz__scope="zid:region\\/west-china",
            dz__rankPopulation="0",
        ),
        "Violation",
        "dz:rankPopulation",
    ),
    "unknown qualifier": (observation(dz__qualifier='"roughly"'), "Violation", "dz:qualifier"),
    "change of a non-observation": (
        observation(dz__changeOf="zid:region\\/510000"),
        "Violation",
        "dz:changeOf points",
    ),
    "announced at a non-event": (
        observation(dz__announcedAt="zid:region\\/510000"),
        "Violation",
        "dz:Event",
    ),
    "derived from an untyped thing": (
        observation(prov__wasDerivedFrom="<http://example.org/row/1>"),
        "Warning",
        "prov:wasDerivedFrom should",
    ),
    "observation without data set": (
        'zid:observation\\/t\\/o1 a qb:Observation ; sdmx-measure:obsValue "1"^^xsd:decimal .',
        "Violation",
        "IC-1",
    ),
    "data set without structure": (
        'zid:source\\/t a dz:SourceDocument ; rdfs:label "t"@en .\n'
        'zid:dataset\\/t a qb:DataSet ; rdfs:label "d"@en ; prov:wasDerivedFrom zid:source\\/t .',
        "Violation",
        "IC-2",
    ),
    "data set without source": (
        'zid:dataset\\/t a qb:DataSet ; rdfs:label "d"@en ; qb:structure dz:dsd .',
        "Violation",
        "dz:SourceDocument it was read from",
    ),
    "structure without measure": (
        "zid:dsd\\/x a qb:DataStructureDefinition ; qb:component [ qb:dimension dz:indicator ] .",
        "Violation",
        "IC-3",
    ),
    "missing dimension": (observation(dz__scope=None), "Violation", "IC-11"),
    "duplicate observation": (
        observation(
            extra=observation("o2", sdmx_measure__obsValue='"200"^^xsd:decimal').split(".\n", 2)[2]
        ),
        "Violation",
        "IC-12",
    ),
    "missing unit": (observation(sdmx_attribute__unitMeasure=None), "Violation", "IC-13"),
    "missing value": (observation(sdmx_measure__obsValue=None), "Violation", "IC-14"),
    "statistic outside its code list": (
        observation(dz__statistic="zid:unit\\/NUM"),
        "Violation",
        "IC-19",
    ),
    "rank zero": (
        observation(
            dz__statistic="zid:statistic\\/rank",
            sdmx_attribute__unitMeasure="zid:unit\\/RANK",
            dz__scope="zid:region\\/west-china",
            sdmx_measure__obsValue='"0"^^xsd:decimal',
        ),
        "Violation",
        "rank is a whole number >= 1",
    ),
    "rank in percent": (
        observation(
            dz__statistic="zid:statistic\\/rank",
            sdmx_attribute__unitMeasure="zid:unit\\/PERCENT",
            dz__scope="zid:region\\/west-china",
            sdmx_measure__obsValue='"2"^^xsd:decimal',
        ),
        "Violation",
        "/unit/RANK, not",
    ),
    "rank beyond population": (
        observation(
            dz__statistic="zid:statistic\\/rank",
            sdmx_attribute__unitMeasure="zid:unit\\/RANK",
            dz__scope="zid:region\\/west-china",
            sdmx_measure__obsValue='"12"^^xsd:decimal',
            dz__rankPopulation="10",
        ),
        "Violation",
        "larger than the number ranked",
    ),
    "fractional count": (
        observation(
            dz__statistic="zid:statistic\\/count",
            sdmx_attribute__unitMeasure="zid:unit\\/NUM",
            sdmx_measure__obsValue='"2.5"^^xsd:decimal',
        ),
        "Violation",
        "count is a whole number",
    ),
    "negative count": (
        observation(
            dz__statistic="zid:statistic\\/count",
            sdmx_attribute__unitMeasure="zid:unit\\/NUM",
            sdmx_measure__obsValue='"-3"^^xsd:decimal',
        ),
        "Violation",
        "count is a whole number",
    ),
    "decrease beyond 100 percent": (
        observation(
            dz__statistic="zid:statistic\\/yoy-change",
            sdmx_attribute__unitMeasure="zid:unit\\/PERCENT",
            sdmx_measure__obsValue='"-150"^^xsd:decimal',
        ),
        "Violation",
        "more than 100 %",
    ),
    "growth of 2000 percent": (
        observation(
            dz__statistic="zid:statistic\\/yoy-change",
            sdmx_attribute__unitMeasure="zid:unit\\/PERCENT",
            sdmx_measure__obsValue='"2375"^^xsd:decimal',
        ),
        "Warning",
        "unusually large",
    ),
    "share above 100 percent": (
        observation(
            dz__statistic="zid:statistic\\/share",
            sdmx_attribute__unitMeasure="zid:unit\\/PERCENT",
            dz__scope="zid:region\\/west-china",
            sdmx_measure__obsValue='"120"^^xsd:decimal',
        ),
        "Violation",
        "between 0 and 100",
    ),
    # A founding year is the zone's dz:foundingYear, never an observation whose value is 1988.
    "calendar year as an observation": (
        observation(
            dz__indicator="zid:indicator\\/year-construction-began",
            sdmx_attribute__unitMeasure="zid:unit\\/YEAR",
            sdmx_measure__obsValue='"1988"^^xsd:decimal',
        ),
        "Violation",
        "give the zone its year as a property: dz:foundingYear",
    ),
    "change against no base period": (
        observation(
            dz__statistic="zid:statistic\\/change-vs-period",
            sdmx_attribute__unitMeasure="zid:unit\\/PERCENT",
            sdmx_measure__obsValue='"73"^^xsd:decimal',
        ),
        "Violation",
        "needs dz:basePeriod",
    ),
    "base period on a level": (
        observation(dz__basePeriod="year:2018"),
        "Warning",
        "only meaningful",
    ),
    "rank among nothing": (
        observation(
            dz__statistic="zid:statistic\\/rank",
            sdmx_attribute__unitMeasure="zid:unit\\/RANK",
            sdmx_measure__obsValue='"1"^^xsd:decimal',
        ),
        "Warning",
        "what it is among",
    ),
    "change of another indicator": (
        observation(
            extra=observation(
                "o2",
                dz__statistic="zid:statistic\\/yoy-change",
                sdmx_attribute__unitMeasure="zid:unit\\/PERCENT",
                dz__indicator="zid:indicator\\/gross-domestic-product",
                sdmx_measure__obsValue='"5"^^xsd:decimal',
                dz__changeOf="zid:observation\\/t\\/o1",
            ).split(".\n", 2)[2]
        ),
        "Warning",
        "level of the same area",
    ),
    "text figure without quote": (observation(file="news.txt"), "Violation", "cites no quote"),
    # catalogue and concepts
    "load record without time": (
        'zid:load\\/x a dz:LoadRecord ; dz:source zid:source\\/x ; dz:contentHash "0123456789abcdef" ;\n'
        '    dz:loader "text" ; dz:tripleCount 5 ; dz:graph <https://w3id.org/zonegraph/graph/source/x> .',
        "Violation",
        "dz:loadedAt",
    ),
    "load record into a foreign graph": (
        'zid:load\\/x a dz:LoadRecord ; dz:source zid:source\\/x ; dz:contentHash "0123456789abcdef" ;\n'
        '    dz:loader "text" ; dz:tripleCount 5 ; dz:loadedAt "2026-01-01T00:00:00Z"^^xsd:dateTime ;\n'
        "    dz:graph <http://example.org/g> .",
        "Violation",
        "dz:graph",
    ),
    "concept without scheme": (
        'zid:indicator\\/x a skos:Concept ; skos:prefLabel "x"@en .',
        "Violation",
        "skos:inScheme",
    ),
    "concept without English label": (
        'zid:indicator\\/x a skos:Concept ; skos:prefLabel "某"@zh ; skos:inScheme zid:scheme\\/indicators .',
        "Violation",
        "English skos:prefLabel",
    ),
    "unit without notation": (
        'zid:unit\\/EUR a skos:Concept ; skos:prefLabel "euro"@en ; skos:inScheme zid:scheme\\/units .',
        "Violation",
        "skos:notation",
    ),
    # identifiers
    "sameAs to a guessed site": (
        "zid:region\\/x owl:sameAs <http://dbpedia.org/resource/Chengdu> .",
        "Violation",
        "Wikidata entity",
    ),
    "Wikidata id without Q": (
        'zid:region\\/x dz:wikidataId "19770" .',
        "Violation",
        "Q followed by digits",
    ),
    "Wikidata id without link": (
        'zid:region\\/x dz:wikidataId "Q19770" .',
        "Warning",
        "no matching owl:sameAs",
    ),
    "GeoNames id with letters": (
        'zid:region\\/x dz:geonamesId "abc" .',
        "Violation",
        "dz:geonamesId",
    ),
    "alpha-2 in lower case": (
        'zid:region\\/x dz:iso3166Alpha2 "cn" .',
        "Violation",
        "two capital letters",
    ),
    "alpha-3 too short": (
        'zid:region\\/x dz:iso3166Alpha3 "CH" .',
        "Violation",
        "three capital letters",
    ),
    "numeric code too short": (
        'zid:region\\/x dz:iso3166Numeric "56" .',
        "Violation",
        "three digits",
    ),
    "subdivision code without country": (
        'zid:region\\/x dz:iso3166Subdivision "SC" .',
        "Violation",
        "CN-SC",
    ),
    "GB/T code starting with 9": (
        'zid:region\\/x dz:gbt2260Code "910000" .',
        "Violation",
        "six-digit",
    ),
    "homepage as text": ('zid:org\\/x foaf:homepage "www.sc.gov.cn" .', "Violation", "web address"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_data_is_caught_with_a_message_saying_what_to_fix(case, bad_results):
    _, severity, fragment = BAD[case]
    results = bad_results[case]
    matching = [(s, m) for s, m in results if fragment in m]
    assert matching, f"expected a {severity} mentioning {fragment!r}, got {results}"
    assert any(s == severity for s, _ in matching), results


def test_every_shape_has_a_failing_case():
    # Each named node shape in shapes.ttl has its own message text, caught by a case above.
    g = reference.shapes_graph()
    named = {s for s in g.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    helpers = {
        URIRef("https://w3id.org/zonegraph/shapes#" + n)
        for n in ("InZoneKinds", "InUnits", "InIndicators")
    }
    assert len(named - helpers) >= 25
    assert len(BAD) >= len(named - helpers)
