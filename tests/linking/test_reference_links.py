"""Every verified identifier of the shared reference table is on its reference entity."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS

from kg import iris
from kg.link import normalise
from kg.reference import reference_graph

TABLE = Path(__file__).parents[2] / "ontology" / "reference" / "sources" / "entity-ids.csv"
DZ = iris.DZ


def _verified_rows() -> list[dict[str, str]]:
    with TABLE.open(newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["confidence"].strip() == "verified"]


def _names_of(label: str) -> list[str]:
    """The ways a table label may name the entity: whole, before "(" or ",", inside "()"."""
    names = [label, re.split(r"[(,]", label)[0]]
    names += [p for inner in re.findall(r"\(([^)]*)\)", label) for p in re.split(r"[;,]", inner)]
    return [normalise(n) for n in names if n.strip()]


def _entity(label: str) -> URIRef:
    g = reference_graph()
    index: dict[str, set] = {}
    for prop in (RDFS.label, SKOS.altLabel):
        for s, o in g.subject_objects(prop):
            index.setdefault(normalise(str(o)), set()).add(s)
    for name in _names_of(label):
        for variant in (name, re.sub(r" (province|district|city)$", "", name)):
            found = index.get(variant, set())
            if len(found) == 1:
                return next(iter(found))
    raise AssertionError(f"no single reference entity is named {label!r}")


def _rows():
    return [pytest.param(r, id=r["label"]) for r in _verified_rows()]


@pytest.mark.parametrize("row", _rows())
def test_verified_identifiers_are_on_the_reference_entity(row):
    g = reference_graph()
    entity = _entity(row["label"])
    if row["wikidata"]:
        qid = row["wikidata"].strip()
        assert (entity, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{qid}")) in g
        assert (entity, URIRef(DZ + "wikidataId"), Literal(qid)) in g
    if row["geonames"]:
        gid = row["geonames"].strip()
        geonames = URIRef(f"https://sws.geonames.org/{gid}/")
        if (entity, RDF.type, URIRef(DZ + "City")) in g:
            # GeoNames' feature for a city name is the populated place, not the division.
            assert (entity, SKOS.closeMatch, geonames) in g
            assert (entity, OWL.sameAs, geonames) not in g
        else:
            assert (entity, OWL.sameAs, geonames) in g
            assert (entity, URIRef(DZ + "geonamesId"), Literal(gid)) in g
    if row["gbt2260"]:
        assert (entity, URIRef(DZ + "gbt2260Code"), Literal(row["gbt2260"].strip())) in g
        # A verified code names the division, as ONS names areas by GSS code.
        assert str(entity) == iris.division_iri(row["gbt2260"].strip())
    if row["iso3166"]:
        alpha2 = row["iso3166"].split("/")[0].strip()
        assert (entity, URIRef(DZ + "iso3166Alpha2"), Literal(alpha2)) in g
    if row["website"]:
        host = row["website"].split()[0].strip()
        homepages = {str(h) for h in g.objects(entity, FOAF.homepage)}
        assert any(host in h for h in homepages), f"{entity} lacks foaf:homepage {host}"


def test_a_division_with_a_code_is_named_by_it_and_found_by_its_english_name():
    g = reference_graph()
    coded = {str(s): str(o) for s, o in g.subject_objects(URIRef(DZ + "gbt2260Code"))}
    assert len(coded) >= 12
    for region, code in coded.items():
        assert region == iris.division_iri(code)
        english = [str(x) for x in g.objects(URIRef(region), RDFS.label) if x.language == "en"]
        assert english, f"{region} needs an English label"
        assert iris.region_iri(english[0]) == region
    assert iris.region_iri("Chengdu") == "https://w3id.org/zonegraph/id/region/510100"
    assert iris.region_iri("Sichuan Province") == "https://w3id.org/zonegraph/id/region/510000"
    # Without a verified code a division keeps its slug.
    assert iris.region_iri("Anhui") == "https://w3id.org/zonegraph/id/region/anhui"
    assert (URIRef(iris.region_iri("Anhui")), RDFS.label, None) in g


def test_no_resource_is_the_same_as_two_features_of_one_authority():
    g = reference_graph()
    for s in set(g.subjects(OWL.sameAs, None)):
        targets = [str(o) for o in g.objects(s, OWL.sameAs)]
        for authority in ("http://www.wikidata.org/entity/", "https://sws.geonames.org/"):
            assert len([t for t in targets if t.startswith(authority)]) <= 1, (s, targets)
    # A dz:City is the prefecture-level division; GeoNames has its populated place.
    for city in g.subjects(RDF.type, URIRef(DZ + "City")):
        same = [str(o) for o in g.objects(city, OWL.sameAs)]
        assert not [t for t in same if "geonames.org" in t], city
    chengdu = URIRef(iris.region_iri("Chengdu"))
    assert (chengdu, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q30002")) in g
    assert (chengdu, SKOS.closeMatch, URIRef("https://sws.geonames.org/1815286/")) in g


@pytest.mark.parametrize("name", ["Hong Kong", "Macao", "Taiwan"])
def test_hong_kong_macao_and_taiwan_are_each_one_resource(name):
    from loaders.text.entities import gazetteer

    g = reference_graph()
    named = {s for s in g.subjects(RDFS.label, Literal(name, lang="en"))}
    assert len(named) == 1, f"{name}: {sorted(named)}"
    (region,) = named
    assert (region, RDF.type, URIRef(DZ + "Province")) in g
    assert (region, RDF.type, URIRef(DZ + "Country")) not in g
    assert gazetteer().lookup(name)[0] == str(region)


def test_no_english_name_is_both_a_country_and_another_region():
    g = reference_graph()
    country = URIRef(DZ + "Country")
    by_label: dict[str, set] = {}
    for s, label in g.subject_objects(RDFS.label):
        if getattr(label, "language", None) == "en" and str(s).startswith(iris.ID + "region/"):
            by_label.setdefault(str(label), set()).add(s)
    countries = {
        str(label)
        for s in g.subjects(RDF.type, country)
        for label in g.objects(s, RDFS.label)
        if getattr(label, "language", None) == "en"
    }
    assert not sorted(set(by_label) & countries)
