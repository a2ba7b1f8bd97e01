"""The ontology and the reference data every store starts with.

Reference data is the Turtle under ``ontology/reference/`` plus every
ISO 3166 country, generated from pycountry when first asked for, so that any
partner country a document names can be recognised and linked.

>>> g = reference_graph()
>>> from rdflib import URIRef, RDFS
>>> str(g.value(URIRef(iris.country_iri("SG")), RDFS.label))
'Singapore'
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pycountry
import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from kg import iris

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
DZ = Namespace(iris.DZ)

# Everyday English names that pycountry does not carry, by alpha-2 code.
_EVERYDAY_NAMES: dict[str, tuple[str, ...]] = {
    "KR": ("South Korea", "Korea", "ROK", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "RU": ("Russia",),
    "VN": ("Vietnam",),
    "IR": ("Iran",),
    "LA": ("Laos",),
    "SY": ("Syria",),
    "GB": ("UK", "Britain", "Great Britain", "United Kingdom"),
    "US": ("US", "USA", "United States", "America", "U.S."),
    "CZ": ("Czech Republic", "Czechia"),
    "TR": ("Turkey", "Türkiye"),
    "CN": ("China", "PRC", "People's Republic of China"),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "BN": ("Brunei",),
    "NL": ("Holland", "the Netherlands"),
    "AE": ("UAE", "United Arab Emirates"),
}


def ontology_files() -> list[Path]:
    """Turtle files of the ontology, its SKOS schemes and vocabulary declarations."""
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    files += sorted((ONTOLOGY_DIR / "vocab").glob("*.ttl"))
    return [f for f in files if not f.name.endswith("shapes.ttl")]


def reference_files() -> list[Path]:
    """Turtle files of the reference entities."""
    return sorted((ONTOLOGY_DIR / "reference").glob("*.ttl"))


@lru_cache(maxsize=1)
def division_iris() -> dict[str, str]:
    """Slug of each English name of a Chinese division with a GB/T 2260 code -> its IRI.

    Those divisions are named by code (``zid:region/510100``); kg.iris.region_iri uses this.

    >>> division_iris()["chengdu"]
    'https://w3id.org/zonegraph/id/region/510100'
    """
    g = Graph().parse(ONTOLOGY_DIR / "reference" / "regions.ttl", format="turtle")
    names: dict[str, str] = {}
    for region in g.subjects(DZ.gbt2260Code, None):
        for prop in (RDFS.label, SKOS.altLabel):
            for name in g.objects(region, prop):
                if getattr(name, "language", None) in (None, "en"):
                    names[iris.slugify(str(name))] = str(region)
    return names


def shapes_file() -> Path:
    """The SHACL shapes."""
    return ONTOLOGY_DIR / "shapes.ttl"


def _parse(files: list[Path]) -> Graph:
    """The triples of Turtle ``files`` as one rdflib Graph, read by Oxigraph's parser.

    rdflib's own Turtle parser took 0.14 s of every command's start for the ontology
    (docs/validation.md); the terms are the ones it would give: plain literals stay plain
    (no ``xsd:string``), and each file's prefixes are bound.
    """
    g = Graph()
    terms: dict[object, object] = {}

    def term(t: object) -> object:
        found = terms.get(t)
        if found is None:
            found = terms[t] = _rdflib_term(t)
        return found

    for f in files:
        quads = ox.parse(path=f, format=ox.RdfFormat.TURTLE)
        for q in quads:
            g.add((term(q.subject), term(q.predicate), term(q.object)))
        for prefix, namespace in quads.prefixes.items():
            g.bind(prefix, namespace, override=False)
    return g


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(t: object) -> object:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    if t.datatype.value == _XSD_STRING:
        return Literal(t.value)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The OWL ontology and SKOS schemes, parsed once. Do not modify the result."""
    return _parse(ontology_files())


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once. Do not modify the result."""
    return _parse([shapes_file()]) if shapes_file().exists() else Graph()


@lru_cache(maxsize=1)
def reference_graph() -> Graph:
    """Reference entities and all ISO 3166 countries, built once. Do not modify the result."""
    g = _parse(reference_files())
    _add_countries(g)
    return g


# ISO 3166-1 codes that ISO 3166-2:CN also lists as provincial-level divisions of China
# (CN-HK, CN-MO, CN-TW): each is one resource, the division of ontology/reference/regions.ttl,
# never a second dz:Country with the same label.
DIVISIONS_NOT_COUNTRIES = ("HK", "MO", "TW")


def _add_countries(g: Graph) -> None:
    for country in pycountry.countries:
        if country.alpha_2 in DIVISIONS_NOT_COUNTRIES:
            continue
        node = URIRef(iris.country_iri(country.alpha_2))
        name = getattr(country, "common_name", None) or country.name
        everyday = _EVERYDAY_NAMES.get(country.alpha_2, ())
        preferred = everyday[0] if everyday and country.alpha_2 in ("KR", "KP", "CN") else name
        g.add((node, RDF.type, DZ.Country))
        labels = [o for o in g.objects(node, RDFS.label) if getattr(o, "language", None) == "en"]
        if labels:
            # The Turtle files name some countries already; keep their English label.
            preferred = str(labels[0])
        else:
            g.add((node, RDFS.label, Literal(preferred, lang="en")))
        for alt in {name, country.name, getattr(country, "official_name", ""), *everyday}:
            if alt and alt != preferred:
                g.add((node, SKOS.altLabel, Literal(alt, lang="en")))
        g.add((node, DZ.iso3166Alpha2, Literal(country.alpha_2)))
        g.add((node, DZ.iso3166Alpha3, Literal(country.alpha_3)))
        g.add((node, DZ.iso3166Numeric, Literal(country.numeric)))


def indicator_key(label: str) -> str:
    """How indicator labels are compared: case, punctuation, possessives and "hi-tech" aside.

    >>> indicator_key("The Zone's  Hi-tech Enterprises,")
    'zone high-tech enterprises'
    """
    s = label.casefold().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"\bhi-?tech\b|\bhigh tech\b", "high-tech", s)
    s = re.sub(r"[^\w&-]+", " ", s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


@lru_cache(maxsize=1)
def indicator_labels() -> dict[str, URIRef]:
    """Every label of the indicator scheme (pref, alt and hidden), by indicator_key -> concept.

    This is the alias table loaders map phrases through (docs/ontology.md). Do not modify
    the result.

    >>> str(indicator_labels()["export-import volume"])
    'https://w3id.org/zonegraph/id/indicator/total-imports-and-exports'
    """
    scheme = URIRef(iris.ID + "scheme/indicators")
    g = ontology_graph()
    found: dict[str, URIRef] = {}
    for concept in sorted(g.subjects(SKOS.inScheme, scheme)):
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in g.objects(concept, prop):
                found.setdefault(indicator_key(str(label)), concept)
    return found


@lru_cache(maxsize=1)
def indicator_topics() -> dict[URIRef, str]:
    """Each indicator concept -> the slug of its topic (dz:topic), the data set it is in.

    >>> indicator_topics()[URIRef(iris.ID + "indicator/total-imports-and-exports")]
    'trade'
    """
    topic_of = URIRef(iris.DZ + "topic")
    prefix = iris.ID + "topic/"
    return {
        concept: str(topic).removeprefix(prefix)
        for concept, topic in ontology_graph().subject_objects(topic_of)
        if str(topic).startswith(prefix)
    }


@lru_cache(maxsize=1)
def topics() -> dict[str, dict[str, str]]:
    """The topics of zid:scheme/topics by slug: their English and Chinese labels and definition.

    >>> topics()["trade"]["zh"]
    '贸易'
    """
    g = ontology_graph()
    out: dict[str, dict[str, str]] = {}
    for concept in sorted(g.subjects(SKOS.inScheme, URIRef(iris.ID + "scheme/topics"))):
        labels = {label.language: str(label) for label in g.objects(concept, SKOS.prefLabel)}
        out[str(concept).rsplit("/", 1)[1]] = {
            "en": labels.get("en", ""),
            "zh": labels.get("zh", ""),
            "definition": str(g.value(concept, SKOS.definition) or ""),
        }
    return out


def store_seed() -> dict[str, Graph]:
    """The graphs a new store is given: named graph IRI -> content."""
    return {iris.ONTOLOGY_GRAPH: ontology_graph(), iris.REFERENCE_GRAPH: reference_graph()}
