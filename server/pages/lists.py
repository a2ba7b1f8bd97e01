"""``/browse/<kind>``: every kind of thing as a sortable, filterable, keyset-paginated list.

Datasette's conventions: the URL carries the filters (``?province=<iri>&q=chengdu``),
facets show how many rows each value would leave, and ``.csv`` / ``.json`` beside the
page return exactly the rows shown. Pages go forward with ``after=<sort key>\\t<iri>``
(keyset), never with OFFSET. Queries name labels and Data Cube terms only, not IRI shapes.

>>> KINDS["zones"].title, [f.name for f in KINDS["zones"].facets]
('Development zones', ['kind', 'province', 'city', 'level'])
>>> sparql_string('say "hi"\\n')
'"say \\\\"hi\\\\"\\\\n"'
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from kg import iris
from server.negotiation import best
from server.pages import terms
from server.pages.context import store_of
from server.pages.rendering import page

router = APIRouter(tags=["Pages"])
P = iris.PREFIXES
DZ = iris.DZ

PREFIXES = (
    f"PREFIX dz: <{DZ}> PREFIX rdfs: <{P['rdfs']}> PREFIX skos: <{P['skos']}> "
    f"PREFIX qb: <{P['qb']}> PREFIX prov: <{P['prov']}> PREFIX oa: <{P['oa']}> "
    f"PREFIX sdmx-dimension: <{P['sdmx-dimension']}> PREFIX sdmx-measure: <{P['sdmx-measure']}> "
    f"PREFIX sdmx-attribute: <{P['sdmx-attribute']}>\n"
)
# English (or untagged) name of ?x, for patterns where {x} is replaced by a variable.
_EN = (
    "OPTIONAL {{ {x} rdfs:label|skos:prefLabel {l} "
    'FILTER(lang({l}) = "" || langMatches(lang({l}), "en")) }}'
)
_ZH = 'OPTIONAL {{ {x} rdfs:label|skos:prefLabel {l} FILTER(langMatches(lang({l}), "zh")) }}'
_NAMES = "rdfs:label|skos:prefLabel|skos:altLabel|skos:hiddenLabel|skos:notation"
PAGE_SIZES = (25, 50, 100, 500)
_BAD_IRI = re.compile(r'[\s<>"{}|\\^`]')


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal, quotes and line breaks escaped."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Column:
    """A column of a list: ``pattern`` binds ``?v`` from ``?item``; IRIs get their label."""

    name: str
    title: str
    pattern: str
    numeric: bool = False


@dataclass(frozen=True)
class Facet:
    """A filter: ``pattern`` binds ``?v`` (an IRI) from ``?item``."""

    name: str
    title: str
    pattern: str


@dataclass(frozen=True)
class Kind:
    """One kind of thing: which items (``?item``), their columns and facets."""

    slug: str
    title: str
    singular: str
    items: str
    columns: tuple[Column, ...] = ()
    facets: tuple[Facet, ...] = ()
    sort: str = "label"
    intro: str = ""
    labelled: bool = True


_ZONE = (
    "?item a/rdfs:subClassOf* dz:DevelopmentZone FILTER NOT EXISTS { ?item dz:partOfZone ?within }"
)
_ZONE_KIND = (
    "?item a ?v . ?v rdfs:subClassOf+ dz:DevelopmentZone "
    "FILTER NOT EXISTS { ?item a ?narrower . "
    "?narrower rdfs:subClassOf+ ?v FILTER(?narrower != ?v) }"
)
_PROVINCE = "?item dz:locatedIn* ?v . ?v a dz:Province"
_CITY = "?item dz:locatedIn* ?v . ?v a dz:City"
_LEVEL = "?item dz:zoneLevel ?v"
_REGION_KIND = "?item a ?v . ?v rdfs:subClassOf* dz:Region FILTER(?v != dz:Region)"
_COUNT_OBS = "{ SELECT ?item (COUNT(DISTINCT ?o) AS ?v) WHERE { ?o %s ?item } GROUP BY ?item }"

_OBS_INDICATOR = "?item dz:indicator ?v"
_OBS_AREA = "?item sdmx-dimension:refArea ?v"
_OBS_PERIOD = "?item sdmx-dimension:refPeriod ?v"
_OBS_STAT = "?item dz:statistic ?v"
_OBS_DATASET = "?item qb:dataSet ?v"
_OBS_SOURCE = "?item prov:wasDerivedFrom/oa:hasSource ?v"
_OBS_UNIT = "?item sdmx-attribute:unitMeasure ?v"
_OBS_SCOPE = f"?item dz:scope ?v FILTER(?v != <{iris.SCOPE_NOT_APPLICABLE}>)"

KINDS: dict[str, Kind] = {
    k.slug: k
    for k in (
        Kind(
            "zones",
            "Development zones",
            "zone",
            _ZONE,
            columns=(
                Column("kind", "Kind", _ZONE_KIND),
                Column("province", "Province", _PROVINCE),
                Column("city", "City", _CITY),
                Column("level", "Level", _LEVEL),
                Column("observations", "Observations", _COUNT_OBS % "sdmx-dimension:refArea", True),
            ),
            facets=(
                Facet("kind", "Kind", _ZONE_KIND),
                Facet("province", "Province", _PROVINCE),
                Facet("city", "City", _CITY),
                Facet("level", "Level", _LEVEL),
            ),
            intro="Zones, not the parks and areas inside them (see cooperation parks).",
        ),
        Kind(
            "parks",
            "Cooperation parks and areas within zones",
            "park",
            "{ ?item a dz:CooperationPark } UNION { ?item dz:partOfZone ?parent }",
            columns=(
                Column("zone", "Within zone", "?item dz:partOfZone ?v"),
                Column("partner", "Partner country", "?item dz:partnerCountry ?v"),
            ),
            facets=(
                Facet("partner", "Partner country", "?item dz:partnerCountry ?v"),
                Facet("zone", "Within zone", "?item dz:partOfZone ?v"),
            ),
        ),
        Kind(
            "groups",
            "Groups of zones",
            "group",
            "?item a dz:ZoneGroup",
            columns=(
                Column("region", "Region", "?item dz:locatedIn ?v"),
                Column(
                    "members",
                    "Members",
                    _COUNT_OBS.replace("?o %s ?item", "?o dz:memberOf ?item"),
                    True,
                ),
                Column("observations", "Observations", _COUNT_OBS % "sdmx-dimension:refArea", True),
            ),
            facets=(Facet("region", "Region", "?item dz:locatedIn ?v"),),
            intro="Groups that figures are reported for, such as a province's national zones.",
        ),
        Kind(
            "regions",
            "Regions",
            "region",
            "?item a/rdfs:subClassOf* dz:Region",
            columns=(
                Column("kind", "Kind", _REGION_KIND),
                Column("within", "Within", "?item dz:locatedIn ?v"),
            ),
            facets=(
                Facet("kind", "Kind", _REGION_KIND),
                Facet("within", "Within", "?item dz:locatedIn ?v"),
            ),
        ),
        Kind(
            "partners",
            "Partner countries of parks",
            "partner country",
            "{ SELECT DISTINCT ?item WHERE { ?park dz:partnerCountry ?item } }",
            columns=(Column("parks", "Parks", _COUNT_OBS % "dz:partnerCountry", True),),
        ),
        Kind(
            "indices",
            "Composite indices and sub-indices",
            "index",
            "{ ?item a dz:CompositeIndex } UNION { ?item a dz:SubIndex }",
            columns=(
                Column("kind", "Kind", "?item a ?v FILTER(?v IN (dz:CompositeIndex, dz:SubIndex))"),
            ),
            facets=(
                Facet("kind", "Kind", "?item a ?v FILTER(?v IN (dz:CompositeIndex, dz:SubIndex))"),
            ),
        ),
        Kind(
            "indicators",
            "Indicators",
            "indicator",
            "{ SELECT DISTINCT ?item WHERE { ?o dz:indicator ?item } }",
            columns=(Column("observations", "Observations", _COUNT_OBS % "dz:indicator", True),),
            intro="The indicators that at least one observation measures.",
        ),
        Kind(
            "datasets",
            "Datasets",
            "dataset",
            "?item a qb:DataSet",
            columns=(Column("observations", "Observations", _COUNT_OBS % "qb:dataSet", True),),
        ),
        Kind(
            "sources",
            "Source documents",
            "source",
            "?item a dz:SourceDocument",
            columns=(
                Column(
                    "observations",
                    "Observations",
                    _COUNT_OBS % "prov:wasDerivedFrom/oa:hasSource",
                    True,
                ),
            ),
        ),
        Kind(
            "observations",
            "Observations",
            "observation",
            "?item a qb:Observation",
            columns=(
                Column("area", "Area", _OBS_AREA),
                Column("indicator", "Indicator", _OBS_INDICATOR),
                Column("period", "Period", _OBS_PERIOD),
                Column("value", "Value", "?item sdmx-measure:obsValue ?v", True),
                Column("unit", "Unit", _OBS_UNIT),
                Column("statistic", "Statistic", _OBS_STAT),
                Column("scope", "Ranked or compared in", _OBS_SCOPE),
                Column("population", "Out of", "?item dz:rankPopulation ?v", True),
                Column("qualifier", "Qualifier", "?item dz:qualifier ?v"),
                Column("base_period", "Base period", "?item dz:basePeriod ?v"),
                Column("source", "Source", _OBS_SOURCE),
            ),
            facets=(
                Facet("indicator", "Indicator", _OBS_INDICATOR),
                Facet("period", "Period", _OBS_PERIOD),
                Facet("statistic", "Statistic", _OBS_STAT),
                Facet("area", "Area", _OBS_AREA),
                Facet("dataset", "Dataset", _OBS_DATASET),
                Facet("source", "Source", _OBS_SOURCE),
            ),
            sort="area",
            labelled=False,
        ),
    )
}


class BadRequest(ValueError):
    """A query string the list cannot use; the message says what to change."""


@dataclass
class Cell:
    text: str = ""
    raw: str = ""
    href: str = ""
    iri: str = ""
    lang_zh: str = ""


@dataclass
class Row:
    iri: str
    href: str
    label: str
    label_zh: str
    cells: list[Cell] = field(default_factory=list)


@dataclass
class FacetValue:
    iri: str
    label: str
    count: int
    selected: bool
    href: str


@dataclass
class Listing:
    kind: Kind
    rows: list[Row]
    facets: list[tuple[Facet, list[FacetValue]]]
    total: int
    next_href: str
    params: dict[str, str]
    sort: str
    desc: bool
    size: int


def _read_params(kind: Kind, request: Request) -> dict[str, str]:
    allowed = {"q", "sort", "dir", "after", "size"} | {f.name for f in kind.facets}
    params = {}
    for key, value in request.query_params.items():
        if key not in allowed:
            raise BadRequest(
                f"unknown parameter {key!r}; this list takes {', '.join(sorted(allowed))}"
            )
        if value != "":
            params[key] = value
    for f in kind.facets:
        if f.name in params and (_BAD_IRI.search(params[f.name]) or ":" not in params[f.name]):
            raise BadRequest(f"{f.name} must be an IRI, as the facet links give it")
    sortable = {"label"} | {c.name for c in kind.columns}
    if params.get("sort", kind.sort) not in sortable:
        raise BadRequest(f"sort must be one of {', '.join(sorted(sortable))}")
    if params.get("dir", "asc") not in ("asc", "desc"):
        raise BadRequest("dir must be asc or desc")
    if "size" in params and (not params["size"].isdigit() or int(params["size"]) not in PAGE_SIZES):
        raise BadRequest(f"size must be one of {', '.join(map(str, PAGE_SIZES))}")
    if "after" in params and "\t" not in params["after"]:
        raise BadRequest(
            "after must be a sort key and an IRI separated by a tab, as the Next link gives it"
        )
    return params


def _var(pattern: str, name: str) -> str:
    return pattern.replace("?v", f"?{name}").replace("?item", "?item")


def _filters(kind: Kind, params: dict[str, str], skip: str = "") -> str:
    parts = [kind.items]
    for f in kind.facets:
        if f.name in params and f.name != skip:
            var = f"f_{f.name}"
            parts.append(f"VALUES ?{var} {{ <{params[f.name]}> }} {_var(f.pattern, var)}")
    if params.get("q"):
        needle = sparql_string(params["q"].lower())
        parts.append(
            f"FILTER EXISTS {{ ?item {_NAMES} ?qname "
            f"FILTER(CONTAINS(LCASE(STR(?qname)), {needle})) }}"
        )
    return " .\n".join(parts)


def _label_of(x: str, out: str) -> str:
    return _EN.format(x=x, l=out)


def listing(store, kind: Kind, params: dict[str, str]) -> Listing:
    """The rows of ``kind`` that ``params`` select, one page of them, with the facet counts."""
    sort = params.get("sort", kind.sort)
    desc = params.get("dir") == "desc"
    size = int(params.get("size", 50))
    where = _filters(kind, params)
    sort_column = next((c for c in kind.columns if c.name == sort), None)
    numeric = bool(sort_column and sort_column.numeric)
    optionals = []
    for c in kind.columns:
        inner_label = ""
        if c is sort_column and not numeric:
            # The sort label is read next to its value, so a row without one stays one row.
            inner_label = _label_of("?c_" + c.name, "?sort_l")
        optionals.append(f"OPTIONAL {{ {_var(c.pattern, 'c_' + c.name)} {inner_label} }}")
    columns = "\n".join(optionals)
    projections = " ".join(f"(SAMPLE(?c_{c.name}) AS ?{c.name})" for c in kind.columns)
    if sort_column is not None and not numeric:
        projections += " (SAMPLE(?sort_l) AS ?sl)"
    inner = (
        f"SELECT ?item (SAMPLE(?lbl_en) AS ?label) (SAMPLE(?lbl_zh) AS ?zh) {projections} "
        f"WHERE {{\n"
        f"{where} .\n{_label_of('?item', '?lbl_en')}\n{_ZH.format(x='?item', l='?lbl_zh')}\n"
        f"{columns}\n}} GROUP BY ?item"
    )
    labels = ""
    if sort == "label":
        key = 'COALESCE(LCASE(STR(?label)), "")'
    elif numeric:
        key = f"COALESCE(xsd:decimal(?{sort}), -1e30)"
    else:
        key = f'LCASE(COALESCE(STR(?sl), STR(?{sort}), ""))'
    keyset = ""
    if "after" in params:
        after_key, after_iri = params["after"].split("\t", 1)
        op = "<" if desc else ">"
        bound = after_key if numeric else sparql_string(after_key)
        if numeric:
            try:
                float(after_key)
            except ValueError as e:
                raise BadRequest("after must start with a number when sorting by a number") from e
        tie = f"STR(?item) {op} {sparql_string(after_iri)}"
        keyset = f"FILTER(?key {op} {bound} || (?key = {bound} && {tie}))"
    order = "DESC(?key) DESC(STR(?item))" if desc else "?key STR(?item)"
    query = (
        f"{PREFIXES}PREFIX xsd: <{P['xsd']}>\n"
        f"SELECT * WHERE {{ {{ {inner} }} {labels} BIND({key} AS ?key) {keyset} }} "
        f"ORDER BY {order} LIMIT {size + 1}"
    )
    result = store.select(query)
    more = len(result) > size
    result = result[:size]
    names = _names(store, {str(r[c.name]) for r in result for c in kind.columns if c.name in r})
    rows = [_row(kind, r, names) for r in result]
    total = int(
        store.select(f"{PREFIXES}SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {{ {where} }}")[0]["n"]
    )
    next_href = ""
    if more:
        last = result[-1]
        nxt = dict(params, after=f"{last['key']}\t{last['item']}")
        next_href = "?" + urlencode(nxt)
    facets = [(f, _facet_values(store, kind, f, params)) for f in kind.facets]
    return Listing(kind, rows, facets, total, next_href, params, sort, desc, size)


def _names(store, nodes: set[str]) -> dict[str, tuple[str, str]]:
    iris_ = [n for n in nodes if n.startswith(("http://", "https://"))]
    if not iris_:
        return {}
    values = " ".join(f"<{n}>" for n in iris_ if not _BAD_IRI.search(n))
    out: dict[str, tuple[str, str]] = {}
    for r in store.select(
        f"{PREFIXES}SELECT ?x (SAMPLE(?l) AS ?en) (SAMPLE(?z) AS ?zh) "
        f"WHERE {{ VALUES ?x {{ {values} }} "
        f"{_label_of('?x', '?l')} {_ZH.format(x='?x', l='?z')} }} GROUP BY ?x"
    ):
        out[str(r["x"])] = (str(r.get("en", "")), str(r.get("zh", "")))
    return out


def _text_of(iri: str, names: dict[str, tuple[str, str]]) -> str:
    en = names.get(iri, ("", ""))[0]
    if en:
        return en
    if "reference.data.gov.uk" in iri or iri == iris.PERIOD_UNSTATED:
        return terms.period_label(iri)
    return terms.curie(iri).rsplit("/", 1)[-1] if iri.startswith(iris.ID) else terms.curie(iri)


def _row(kind: Kind, r: dict, names: dict[str, tuple[str, str]]) -> Row:
    iri = str(r["item"])
    cells = []
    for c in kind.columns:
        value = r.get(c.name)
        if value is None:
            cells.append(Cell())
        elif str(value).startswith(("http://", "https://")) and not c.numeric:
            text = _text_of(str(value), names)
            zh = names.get(str(value), ("", ""))[1]
            cells.append(
                Cell(text, text, terms.href(str(value)), str(value), zh if zh != text else "")
            )
        else:
            cells.append(
                Cell(terms.number_text(str(value)) if c.numeric else str(value), raw=str(value))
            )
    label = str(r.get("label") or "")
    if not label and not kind.labelled:
        label = " · ".join(cell.text for cell in cells[:3] if cell.text) or terms.curie(iri)
    zh = str(r.get("zh") or "")
    return Row(iri, terms.href(iri), label or terms.curie(iri), zh if zh != label else "", cells)


def _facet_values(store, kind: Kind, f: Facet, params: dict[str, str]) -> list[FacetValue]:
    where = _filters(kind, params, skip=f.name)
    query = (
        f"{PREFIXES}SELECT ?fv (COUNT(DISTINCT ?item) AS ?n) WHERE {{ {where} . "
        f"{_var(f.pattern, 'fv')} FILTER(isIRI(?fv)) }} GROUP BY ?fv ORDER BY DESC(?n) LIMIT 200"
    )
    rows = store.select(query)
    names = _names(store, {str(r["fv"]) for r in rows})
    values = []
    for r in rows:
        iri = str(r["fv"])
        selected = params.get(f.name) == iri
        nxt = {k: v for k, v in params.items() if k not in ("after", f.name)}
        if not selected:
            nxt[f.name] = iri
        values.append(
            FacetValue(iri, _text_of(iri, names), int(r["n"]), selected, "?" + urlencode(nxt))
        )
    return sorted(values, key=lambda v: (not v.selected, -v.count, v.label.lower()))


def _headers(kind: Kind) -> list[str]:
    out = ["iri", "label", "label_zh"]
    for c in kind.columns:
        out += [c.name] if c.numeric else [c.name, f"{c.name}_iri"]
    return out


def _records(listing_: Listing) -> list[dict[str, str]]:
    records = []
    for row in listing_.rows:
        rec = {"iri": row.iri, "label": row.label, "label_zh": row.label_zh}
        for c, cell in zip(listing_.kind.columns, row.cells, strict=True):
            rec[c.name] = cell.raw
            if not c.numeric:
                rec[f"{c.name}_iri"] = cell.iri
        records.append(rec)
    return records


def _split(path: str) -> tuple[str, str]:
    for suffix in (".csv", ".json"):
        if path.endswith(suffix):
            return path[: -len(suffix)], suffix
    return path, ""


@router.get("/browse", response_model=None)
def browse_index(request: Request) -> Response:
    """Every kind of thing with how many there are."""
    store = store_of(request)
    counts = []
    for kind in KINDS.values():
        n = store.select(f"{PREFIXES}SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {{ {kind.items} }}")
        counts.append((kind, terms.number_text(str(n[0]["n"]))))
    return page("browse.html", counts=counts)


@router.get("/browse/{name}", response_model=None)
def browse(request: Request, name: str) -> Response:
    """One list: ``/browse/zones``, ``/browse/zones.csv``, ``/browse/zones.json``."""
    slug, suffix = _split(name)
    kind = KINDS.get(slug)
    if kind is None:
        message = f"There is no list {slug!r}; the lists are {', '.join(KINDS)}."
        if best(request.headers.get("accept"), ["text/html", "text/plain"]) == "text/html":
            return page("not_found.html", status=404, message=message)
        return PlainTextResponse(message + "\n", status_code=404)
    try:
        params = _read_params(kind, request)
        result = listing(store_of(request), kind, params)
    except BadRequest as e:
        return PlainTextResponse(f"{e}\n", status_code=400)
    query = ("?" + urlencode(params)) if params else ""
    if suffix == ".json":
        body = {
            "kind": kind.slug,
            "total": result.total,
            "rows": _records(result),
            "next": f"/browse/{kind.slug}.json{result.next_href}" if result.next_href else None,
        }
        return JSONResponse(body)
    if suffix == ".csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_headers(kind), lineterminator="\n")
        writer.writeheader()
        writer.writerows(_records(result))
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{kind.slug}.csv"'},
        )
    sorts = [("label", "Name")] + [(c.name, c.title) for c in kind.columns]
    sort_links = {}
    for key, _ in sorts:
        nxt = {k: v for k, v in params.items() if k not in ("after", "sort", "dir")}
        nxt["sort"] = key
        if key == result.sort and not result.desc:
            nxt["dir"] = "desc"
        sort_links[key] = "?" + urlencode(nxt)
    hidden = {k: v for k, v in params.items() if k not in ("q", "after")}
    return page(
        "list.html",
        l=result,
        kind=kind,
        sorts=sorts,
        sort_links=sort_links,
        csv_href=f"/browse/{kind.slug}.csv{query}",
        json_href=f"/browse/{kind.slug}.json{query}",
        first_href=("?" + urlencode({k: v for k, v in params.items() if k != "after"}))
        if "after" in params
        else "",
        hidden=hidden,
    )


_LABEL_NAMES = "rdfs:label|skos:prefLabel"
_ALIAS_NAMES = "skos:altLabel|skos:hiddenLabel|skos:notation"
# Tiers: exact label 0, exact alias 1, label starting with the text 2, alias 3, label
# containing it 4, alias 5, every word somewhere in a label 6, in an alias 7.
_SEARCH = """SELECT ?item (MIN(?rank) AS ?best) (SAMPLE(?en) AS ?label) (SAMPLE(?zh) AS ?label_zh)
  (SAMPLE(?kl) AS ?kind) (SAMPLE(?sl) AS ?scheme) WHERE {{
  {{ ?item {labels} ?name BIND(0 AS ?alias) }} UNION {{ ?item {aliases} ?name BIND(1 AS ?alias) }}
  BIND(LCASE(STR(?name)) AS ?n)
  FILTER({words})
  FILTER(isIRI(?item) && STRSTARTS(STR(?item), {ours}))
  BIND(IF(?n = {needle}, 0, IF(STRSTARTS(?n, {needle}), 2, IF(CONTAINS(?n, {needle}), 4, 6)))
       + ?alias AS ?rank)
  {en} {zh}
  OPTIONAL {{ ?item a ?k . ?k rdfs:label ?kl FILTER(langMatches(lang(?kl), "en"))
             FILTER NOT EXISTS {{ ?item a ?narrower . ?narrower rdfs:subClassOf+ ?k }} }}
  OPTIONAL {{ ?item skos:inScheme/skos:prefLabel|skos:inScheme/rdfs:label ?sl
             FILTER(langMatches(lang(?sl), "en")) }}
}} GROUP BY ?item ORDER BY ?best LCASE(STR(?label)) LIMIT 100"""


@dataclass
class Hit:
    href: str
    label: str
    label_zh: str
    kind: str


def _kind_of(row: dict) -> str:
    kind = str(row.get("kind") or "")
    if kind:
        return kind
    # A concept's kind is its scheme ("indicators" -> "indicator").
    scheme = str(row.get("scheme") or "")
    return scheme[:-1] if scheme.endswith("s") else scheme


def search_hits(store, q: str) -> list[Hit]:
    """Our resources whose English or Chinese name, alias or abbreviation matches ``q``: exact
    names first, then names that start with it, then names containing it, then names holding
    each of its words; at each step a label before an alias."""
    text = " ".join(q.lower().split())
    words = " && ".join(f"CONTAINS(?n, {sparql_string(w)})" for w in text.split()) or "false"
    query = PREFIXES + _SEARCH.format(
        labels=_LABEL_NAMES,
        aliases=_ALIAS_NAMES,
        words=words,
        needle=sparql_string(text),
        ours=sparql_string(iris.ID),
        en=_label_of("?item", "?en"),
        zh=_ZH.format(x="?item", l="?zh"),
    )
    hits = []
    for r in store.select(query):
        iri = str(r["item"])
        label = str(r.get("label") or terms.curie(iri))
        zh = str(r.get("label_zh") or "")
        hits.append(Hit(terms.href(iri), label, zh if zh != label else "", _kind_of(r)))
    return hits


@router.get("/search", response_model=None)
def search(request: Request, q: str = "") -> Response:
    """``/search?q=chengdu``: resources by name, Chinese name, alias or abbreviation, ranked."""
    hits = search_hits(store_of(request), q) if q.strip() else []
    if request.query_params.get("format") == "json":
        return JSONResponse([h.__dict__ for h in hits])
    return page("search.html", q=q, hits=hits)
