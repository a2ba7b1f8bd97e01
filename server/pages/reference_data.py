"""``/source/reference-data``: what the source every store starts with holds, and its origins.

That source is not a document with quotes: it is the ontology, the SKOS schemes
and the reference entities (regions, countries, zones, organisations) loaded
when a store is first opened. Its page counts what each graph holds, says where
each kind of identifier comes from (Wikidata, GeoNames and GB/T 2260 codes only
from the verified rows of ``ontology/reference/sources/entity-ids.csv``, ISO 3166
codes from pycountry), lists the linked entities with the source of each row,
and quotes the header of each file.

>>> header_of(reference.ONTOLOGY_DIR / "reference" / "countries.ttl")[:13]
'Chinese names'
"""

from __future__ import annotations

import csv
import importlib.metadata
from dataclasses import dataclass, field
from pathlib import Path

from kg import iris, reference
from server.pages import terms
from server.pages.names import labels

P = iris.PREFIXES
DZ = iris.DZ
ENTITY_IDS = reference.ONTOLOGY_DIR / "reference" / "sources" / "entity-ids.csv"
_WIKIDATA = "http://www.wikidata.org/entity/"
_GEONAMES = "https://sws.geonames.org/"


@dataclass
class Identifier:
    """A kind of identifier: how many resources have one, and where they come from."""

    name: str
    count: int
    origin: str


@dataclass
class Linked:
    """A reference entity with its identifiers and the row of the reference table behind them."""

    label: str
    href: str
    wikidata: str = ""
    geonames: str = ""
    gbt2260: str = ""
    source: str = ""
    confidence: str = ""


@dataclass
class ReferenceData:
    """All the page shows."""

    graphs: list[tuple[str, int]]
    kinds: list[tuple[str, str, int]]
    schemes: list[tuple[str, str, int]]
    identifiers: list[Identifier]
    linked: list[Linked]
    files: list[tuple[str, str]] = field(default_factory=list)


def header_of(path: Path) -> str:
    """The comment lines a Turtle file starts with, as one paragraph."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(x for x in lines if x)


def _count(store, graph: str, pattern: str) -> int:
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}")
    return int(rows[0]["n"])


def _table_rows() -> list[dict[str, str]]:
    if not ENTITY_IDS.is_file():
        return []
    with ENTITY_IDS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def reference_data(store) -> ReferenceData:
    """What the ontology and reference graphs hold, read from the store and the reference table."""
    ref, onto = iris.REFERENCE_GRAPH, iris.ONTOLOGY_GRAPH
    graphs = [(g, _count(store, g, "?s ?p ?o")) for g in (onto, ref)]
    kind_rows = store.select(
        f"SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{ref}> {{ ?x a ?c }} }} "
        "GROUP BY ?c ORDER BY DESC(?n)"
    )
    scheme_rows = store.select(
        f"SELECT ?s (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH <{onto}> {{ "
        f"?c <{P['skos']}inScheme> ?s }} }} GROUP BY ?s ORDER BY DESC(?n)"
    )
    entity_rows = store.select(
        f"""SELECT DISTINCT ?x ?wd ?gn ?gb WHERE {{ GRAPH <{ref}> {{
          ?x ?id ?any FILTER(?id IN (<{DZ}wikidataId>, <{DZ}geonamesId>, <{DZ}gbt2260Code>))
          OPTIONAL {{ ?x <{DZ}wikidataId> ?wd }} OPTIONAL {{ ?x <{DZ}geonamesId> ?gn }}
          OPTIONAL {{ ?x <{DZ}gbt2260Code> ?gb }} }} }}"""
    )
    names = labels(
        store,
        {str(r["c"]) for r in kind_rows}
        | {str(r["s"]) for r in scheme_rows}
        | {str(r["x"]) for r in entity_rows},
    )

    def name(iri: str) -> str:
        return names.get(iri, ("", ""))[0] or terms.curie(iri)

    same_as = P["owl"] + "sameAs"
    identifiers = [
        Identifier(
            "Wikidata items (owl:sameAs)",
            _count(store, ref, f"?x <{same_as}> ?w FILTER(STRSTARTS(STR(?w), '{_WIKIDATA}'))"),
            "only identifiers marked verified in the reference table below; a likely one is at "
            "most a skos:closeMatch",
        ),
        Identifier(
            "GeoNames features (owl:sameAs)",
            _count(store, ref, f"?x <{same_as}> ?g FILTER(STRSTARTS(STR(?g), '{_GEONAMES}'))"),
            "verified rows of the reference table, and only for the same feature (a city is "
            "not GeoNames' populated place of that name: that one is a skos:closeMatch)",
        ),
        Identifier(
            "GB/T 2260 division codes (dz:gbt2260Code)",
            _count(store, ref, f"?x <{DZ}gbt2260Code> ?c"),
            "the Chinese standard codes of administrative divisions, from verified rows of "
            "the reference table; such divisions are named by code (zid:region/510000)",
        ),
        Identifier(
            "ISO 3166-1 country codes (dz:iso3166Alpha2)",
            _count(store, ref, f"?x <{DZ}iso3166Alpha2> ?c"),
            "every country of ISO 3166-1 with its alpha-2, alpha-3 and numeric codes and English "
            f"name, generated from pycountry {importlib.metadata.version('pycountry')}",
        ),
        Identifier(
            "ISO 3166-2 subdivision codes (dz:iso3166Subdivision)",
            _count(store, ref, f"?x <{DZ}iso3166Subdivision> ?c"),
            "China's provincial-level divisions, as pycountry gives them",
        ),
    ]
    table = _table_rows()
    linked = []
    for row in entity_rows:
        x = str(row["x"])
        ids = {k: str(row[k]) if k in row else "" for k in ("wd", "gn", "gb")}
        match = next(
            (
                t
                for t in table
                if (ids["wd"] and t["wikidata"] == ids["wd"])
                or (ids["gb"] and t["gbt2260"] == ids["gb"])
                or (ids["gn"] and t["geonames"] == ids["gn"])
            ),
            {},
        )
        linked.append(
            Linked(
                name(x),
                terms.href(x),
                ids["wd"],
                ids["gn"],
                ids["gb"],
                match.get("source", ""),
                match.get("confidence", ""),
            )
        )
    files = [
        (str(p.relative_to(reference.ONTOLOGY_DIR.parent)), header_of(p))
        for p in [*reference.ontology_files(), *reference.reference_files()]
    ]
    return ReferenceData(
        graphs=graphs,
        kinds=[(name(str(r["c"])), terms.href(str(r["c"])), int(r["n"])) for r in kind_rows],
        schemes=[(name(str(r["s"])), terms.href(str(r["s"])), int(r["n"])) for r in scheme_rows],
        identifiers=identifiers,
        linked=sorted(linked, key=lambda e: e.label.lower()),
        files=files,
    )
