"""Reconciliation: find the Wikidata items of entities that have no Wikidata link yet.

For each zone, park, region and organisation without an ``owl:sameAs`` to
Wikidata, the English and Chinese labels and aliases are looked up on a
Wikidata-shaped SPARQL endpoint; every item found is scored on its name, its
type (``wdt:P31``) and its country (``wdt:P17``, or ``wdt:P297`` for
countries). Candidates at or above the threshold become ``owl:sameAs``, the
others above the review floor ``skos:closeMatch``, all in the links graph.
docs/linking.md explains the scoring.

>>> entity = Entity("https://w3id.org/zonegraph/id/country/de", "region",
...                 {("germany", "en"): "label"}, countries=frozenset(), iso2="DE")
>>> facts = ItemFacts("http://www.wikidata.org/entity/Q183", "Germany",
...                   {"sovereign state"}, has_type=True, countries=set(), iso2={"DE"})
>>> round(score(entity, facts, {("germany", "en"): "label"}).score, 2)
1.0
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import httpx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from kg import __version__, iris
from kg.errors import QueryError
from kg.store import Store

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
_WDT = "http://www.wikidata.org/prop/direct/"
LINKS_GRAPH = iris.LINKS_GRAPH

# owl:sameAs needs at least this score; skos:closeMatch (for a person to review) at least
# REVIEW_FLOOR. See docs/linking.md for the reasoning behind both numbers.
DEFAULT_THRESHOLD = 0.9
REVIEW_FLOOR = 0.5
NAME_LABEL, NAME_ALIAS, NAME_BOTH_LANGUAGES = 0.5, 0.35, 0.1
TYPE_FITS, COUNTRY_FITS = 0.3, 0.2

KINDS = {
    "zone": iris.DZ + "DevelopmentZone",
    "region": iris.DZ + "Region",
    "organization": iris.DZ + "Organization",
}
# Words of the English labels of Wikidata classes (of P31 and one step up P279) that fit a
# kind. Words rather than class QIDs: Wikidata's class tree is deep and changes, its labels
# are stable, and a wrong type ("metro station" for a zone) contains none of them.
_TYPE_WORDS = {
    "zone": r"zone|park|development area|free trade|special economic|industrial estate",
    "region": r"country|state|province|city|municipality|district|county|region|prefecture"
    r"|territor\w*|continent|union|administrative",
    "organization": r"organi[sz]ation|agency|ministry|department|institut\w*|academy|company"
    r"|business|enterprise|government|office|cent(?:er|re)|university|bureau|commission",
}
_BATCH = 40


@dataclass(frozen=True)
class Entity:
    """One of our entities to reconcile: names are (normalised text, language) -> how named."""

    iri: str
    kind: str
    names: dict[tuple[str, str], str]
    countries: frozenset[str] = frozenset()
    iso2: str | None = None
    label: str = ""
    raw_names: tuple[tuple[str, str], ...] = ()


@dataclass
class ItemFacts:
    """What the endpoint says about one candidate item."""

    item: str
    name: str
    type_labels: set[str]
    has_type: bool
    countries: set[str]
    iso2: set[str]


@dataclass
class Candidate:
    """A scored candidate; ``rejected`` says why it cannot be the entity."""

    item: str
    name: str
    score: float
    reasons: list[str]
    rejected: str | None = None


@dataclass
class Match:
    """The outcome for one entity: ``decision`` is "sameAs", "closeMatch" or "none"."""

    entity: Entity
    candidates: list[Candidate] = field(default_factory=list)
    decision: str = "none"
    chosen: list[Candidate] = field(default_factory=list)


@dataclass
class LinkReport:
    """What a reconciliation run did."""

    endpoint: str
    threshold: float
    matches: list[Match]
    written: int = 0

    def count(self, decision: str) -> int:
        return sum(1 for m in self.matches if m.decision == decision)


def normalise(text: str) -> str:
    """The form names are compared in: NFKC, case-folded, punctuation as single spaces.

    >>> normalise("Chengdu  Hi-Tech Zone (CDHT)")
    'chengdu hi tech zone cdht'
    >>> normalise("成都高新区")
    '成都高新区'
    """
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _language(tag: str | None) -> str | None:
    tag = (tag or "").lower()
    if tag == "en" or tag.startswith("en-"):
        return "en"
    if tag == "zh" or tag in ("zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg"):
        return "zh"
    return None


_ENTITY_QUERY = """
PREFIX dz: <{dz}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?e ?kind ?name ?how ?country ?iso WHERE {{
  VALUES (?root ?kind) {{ {roots} }}
  ?class rdfs:subClassOf* ?root . ?e a ?class .
  FILTER(isIRI(?e))
  FILTER NOT EXISTS {{ ?e owl:sameAs ?w FILTER(STRSTARTS(STR(?w), "{wd}")) }}
  {{ ?e rdfs:label ?name BIND("label" AS ?how) }}
  UNION {{ ?e skos:altLabel ?name BIND("alias" AS ?how) }}
  OPTIONAL {{ ?e dz:iso3166Alpha2 ?iso }}
  OPTIONAL {{ ?e dz:locatedIn+ ?c . ?c a dz:Country ; owl:sameAs ?country
             FILTER(STRSTARTS(STR(?country), "{wd}")) }}
}}"""


def unlinked_entities(store: Store, kinds: Iterable[str] = tuple(KINDS)) -> list[Entity]:
    """Zones, regions and organisations of the store with no owl:sameAs to Wikidata yet.

    >>> from kg.store import open_store
    >>> from kg.ingest import ensure_seeded
    >>> s = open_store(None); _ = ensure_seeded(s)
    >>> found = {e.iri: e for e in unlinked_entities(s, ["zone"])}
    >>> z = found[iris.zone_iri("Chengdu High-Tech Industrial Development Zone")]
    >>> z.kind, sorted(z.countries)
    ('zone', ['http://www.wikidata.org/entity/Q148'])
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise QueryError(f"unknown kind(s) {sorted(unknown)}; use {', '.join(KINDS)}")
    roots = " ".join(f'(<{KINDS[k]}> "{k}")' for k in kinds)
    rows = store.select(_ENTITY_QUERY.format(dz=iris.DZ, roots=roots, wd=WIKIDATA_ENTITY))
    found: dict[str, dict] = {}
    for row in rows:
        lang = _language(getattr(row["name"], "language", None))
        if lang is None:
            continue
        e = found.setdefault(
            str(row["e"]),
            {"kind": str(row["kind"]), "names": {}, "raw": set(), "countries": set(), "iso": None},
        )
        key = (normalise(str(row["name"])), lang)
        # A name that is both a label and an alias counts as a label.
        if e["names"].get(key) != "label":
            e["names"][key] = str(row["how"])
        e["raw"].add((str(row["name"]), lang))
        if "country" in row:
            e["countries"].add(str(row["country"]))
        if "iso" in row:
            e["iso"] = str(row["iso"])
        if str(row["how"]) == "label" and lang == "en":
            e["label"] = str(row["name"])
    return [
        Entity(
            iri,
            e["kind"],
            e["names"],
            frozenset(e["countries"]),
            e["iso"],
            e.get("label") or sorted(e["raw"])[0][0],
            tuple(sorted(e["raw"])),
        )
        for iri, e in sorted(found.items())
    ]


class Endpoint:
    """A Wikidata-shaped SPARQL endpoint, asked with the SPARQL 1.1 Protocol (POST form)."""

    def __init__(self, url: str, *, timeout: float = 60.0, client: httpx.Client | None = None):
        self.url = url
        self._client = client or httpx.Client(
            timeout=timeout,
            headers={
                # Wikidata's query service refuses requests without a descriptive agent.
                "User-Agent": f"zonegraph/{__version__} (reconciliation; python-httpx)",
                "Accept": "application/sparql-results+json",
            },
        )

    def select(self, sparql: str) -> list[dict[str, dict]]:
        """Run a SELECT; rows of SPARQL JSON bindings."""
        try:
            response = self._client.post(self.url, data={"query": sparql})
        except httpx.HTTPError as e:
            raise QueryError(
                f"cannot reach the SPARQL endpoint {self.url}: {e}; check --endpoint"
            ) from e
        if response.status_code != 200:
            raise QueryError(
                f"the endpoint {self.url} answered {response.status_code}: "
                f"{response.text[:300]}; check that --endpoint is a SPARQL query endpoint"
            )
        try:
            return response.json()["results"]["bindings"]
        except (ValueError, KeyError) as e:
            raise QueryError(
                f"the endpoint {self.url} did not answer with SPARQL JSON results; "
                "check that --endpoint is a SPARQL query endpoint"
            ) from e

    def close(self) -> None:
        self._client.close()


def _literal(text: str, lang: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"@{lang}'


def _lookup_names(
    endpoint: Endpoint, names: set[tuple[str, str]]
) -> list[tuple[str, str, str, str]]:
    """(item, how, name, language tag) for every item whose label or alias is one of names."""
    values = []
    for text, lang in sorted(names):
        # Wikidata tags most Chinese names "zh", some only "zh-hans" or "zh-cn".
        tags = ["en"] if lang == "en" else ["zh", "zh-hans", "zh-cn"]
        values += [_literal(text, t) for t in tags]
    sparql = f"""SELECT DISTINCT ?item ?how ?name WHERE {{
  VALUES ?name {{ {" ".join(values)} }}
  {{ ?item <http://www.w3.org/2000/01/rdf-schema#label> ?name BIND("label" AS ?how) }}
  UNION {{ ?item <http://www.w3.org/2004/02/skos/core#altLabel> ?name BIND("alias" AS ?how) }}
  FILTER(STRSTARTS(STR(?item), "{WIKIDATA_ENTITY}Q"))
}}"""
    rows = endpoint.select(sparql)
    return [
        (r["item"]["value"], r["how"]["value"], r["name"]["value"], r["name"].get("xml:lang", ""))
        for r in rows
    ]


def _item_facts(endpoint: Endpoint, items: set[str]) -> dict[str, ItemFacts]:
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    sparql = f"""SELECT ?item ?what ?value WHERE {{
  VALUES ?item {{ {" ".join(f"<{i}>" for i in sorted(items))} }}
  {{ ?item {label} ?value FILTER(LANGMATCHES(LANG(?value), "en")) BIND("name" AS ?what) }}
  UNION {{ ?item <{_WDT}P31> ?value BIND("class" AS ?what) }}
  UNION {{ ?item <{_WDT}P31> ?c . ?c {label} ?value
          FILTER(LANGMATCHES(LANG(?value), "en")) BIND("type" AS ?what) }}
  UNION {{ ?item <{_WDT}P31>/<{_WDT}P279> ?c . ?c {label} ?value
          FILTER(LANGMATCHES(LANG(?value), "en")) BIND("type" AS ?what) }}
  UNION {{ ?item <{_WDT}P17> ?value BIND("country" AS ?what) }}
  UNION {{ ?item <{_WDT}P297> ?value BIND("iso" AS ?what) }}
}}"""
    facts = {i: ItemFacts(i, i.rsplit("/", 1)[-1], set(), False, set(), set()) for i in items}
    for row in endpoint.select(sparql):
        f, what, value = facts[row["item"]["value"]], row["what"]["value"], row["value"]["value"]
        if what == "name":
            f.name = value
        elif what == "class":
            f.has_type = True
        elif what == "type":
            f.type_labels.add(value)
        elif what == "country":
            f.countries.add(value)
        elif what == "iso":
            f.iso2.add(value.upper())
    return facts


def score(entity: Entity, facts: ItemFacts, matched: dict[tuple[str, str], str]) -> Candidate:
    """Score one candidate; ``matched`` maps the names it shares with the entity to how.

    ``how`` is "label" when the name is a label on both sides, "alias" otherwise.
    """
    reasons: list[str] = []
    by_language: dict[str, float] = {}
    for (text, lang), how in matched.items():
        points = NAME_LABEL if how == "label" else NAME_ALIAS
        if points > by_language.get(lang, 0):
            by_language[lang] = points
            reasons.append(f"{how} {lang} {text!r}")
    total = max(by_language.values(), default=0.0)
    if len(by_language) > 1:
        total += NAME_BOTH_LANGUAGES
        reasons.append("names match in English and Chinese")
    rejected = None
    words = re.compile(rf"\b(?:{_TYPE_WORDS[entity.kind]})\b", re.IGNORECASE)
    fitting = sorted(t for t in facts.type_labels if words.search(t))
    if fitting:
        total += TYPE_FITS
        reasons.append(f"type {fitting[0]!r}")
    elif facts.has_type:
        rejected = f"type {', '.join(sorted(facts.type_labels)) or 'unknown'} is no {entity.kind}"
    if entity.iso2 and facts.iso2:
        if entity.iso2.upper() in facts.iso2:
            total += COUNTRY_FITS
            reasons.append(f"ISO 3166 code {entity.iso2}")
        else:
            rejected = rejected or f"ISO 3166 code {', '.join(sorted(facts.iso2))}"
    elif entity.countries and facts.countries:
        if entity.countries & facts.countries:
            total += COUNTRY_FITS
            reasons.append("same country")
        else:
            other = ", ".join(c.rsplit("/", 1)[-1] for c in sorted(facts.countries))
            rejected = rejected or f"in another country ({other})"
    return Candidate(facts.item, facts.name, round(min(total, 1.0), 3), reasons, rejected)


def _decide(matches: list[Match], threshold: float, taken: set[str]) -> None:
    for match in matches:
        viable = [c for c in match.candidates if c.rejected is None and c.score >= REVIEW_FLOOR]
        sure = [c for c in viable if c.score >= threshold and c.item not in taken]
        # Two items above the threshold mean the names are ambiguous: a person decides.
        if len(sure) == 1:
            match.decision, match.chosen = "sameAs", sure
        elif viable:
            match.decision, match.chosen = "closeMatch", viable


def find_matches(
    store: Store,
    endpoint: Endpoint,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    kinds: Iterable[str] = tuple(KINDS),
) -> list[Match]:
    """Look up, score and decide every unlinked entity; writes nothing."""
    entities = unlinked_entities(store, kinds)
    matches: list[Match] = []
    for start in range(0, len(entities), _BATCH):
        batch = entities[start : start + _BATCH]
        names = {(text, lang) for e in batch for text, lang in e.raw_names}
        hits = _lookup_names(endpoint, names)
        facts = _item_facts(endpoint, {h[0] for h in hits}) if hits else {}
        their: dict[str, dict[tuple[str, str], str]] = {}
        for item, how, text, tag in hits:
            lang = _language(tag)
            if lang:
                key = (normalise(text), lang)
                if their.setdefault(item, {}).get(key) != "label":
                    their[item][key] = how
        for entity in batch:
            match = Match(entity)
            for item, names_of_item in their.items():
                shared = {
                    key: ("label" if how == "label" and entity.names[key] == "label" else "alias")
                    for key, how in names_of_item.items()
                    if key in entity.names
                }
                if shared:
                    match.candidates.append(score(entity, facts[item], shared))
            match.candidates.sort(key=lambda c: (c.rejected is not None, -c.score, c.item))
            matches.append(match)
    _decide(matches, threshold, _linked_items(store))
    return matches


def _linked_items(store: Store) -> set[str]:
    rows = store.select(
        "SELECT DISTINCT ?w WHERE { ?e <http://www.w3.org/2002/07/owl#sameAs> ?w "
        f'FILTER(STRSTARTS(STR(?w), "{WIKIDATA_ENTITY}")) }}'
    )
    return {str(r["w"]) for r in rows}


def links_graph(matches: Iterable[Match]) -> Graph:
    """The triples the decisions stand for: owl:sameAs + dz:wikidataId, or skos:closeMatch."""
    g = Graph()
    for match in matches:
        subject = URIRef(match.entity.iri)
        for c in match.chosen:
            if match.decision == "sameAs":
                g.add((subject, OWL.sameAs, URIRef(c.item)))
                g.add((subject, URIRef(iris.DZ + "wikidataId"), Literal(c.item.rsplit("/", 1)[1])))
            else:
                g.add((subject, SKOS.closeMatch, URIRef(c.item)))
    return g


def reconcile(
    store: Store,
    endpoint_url: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    kinds: Iterable[str] = tuple(KINDS),
    write: bool = True,
    client: httpx.Client | None = None,
) -> LinkReport:
    """Reconcile the unlinked entities against ``endpoint_url`` and store the links.

    The links are validated and added to LINKS_GRAPH in one transaction
    (kg.ingest.ingest_graph), with a load record in the catalogue.
    """
    from kg.ingest import ingest_graph

    if not 0 < threshold <= 1:
        raise QueryError(f"the threshold must be in (0, 1], not {threshold}")
    endpoint = Endpoint(endpoint_url, client=client)
    try:
        matches = find_matches(store, endpoint, threshold=threshold, kinds=kinds)
    finally:
        if client is None:
            endpoint.close()
    report = LinkReport(endpoint_url, threshold, matches)
    graph = links_graph(matches)
    if write and len(graph):
        ingest_graph(
            store,
            LINKS_GRAPH,
            graph,
            mode="append",
            source_id="links",
            source_label=f"links from reconciliation against {endpoint_url}",
            loader="link",
        )
        report.written = len(graph)
    return report
