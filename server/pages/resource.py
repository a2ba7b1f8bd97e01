"""Linked-data pages at ``/id/...``: every IRI the graph mints, for people and for machines.

The IRIs under ``/id/`` name things (zones, regions, figures), not documents,
so, as W3C "Cool URIs for the Semantic Web" advises for slash IRIs, the IRI
itself answers ``303 See Other`` to the document that describes it in the
format the ``Accept`` header asks for: ``/id/zone/x`` -> ``/id/zone/x.html``
for a browser, ``/id/zone/x.ttl`` for a Turtle client (``Vary: Accept``).
Each document is also reachable directly by its suffix.
"""

from __future__ import annotations

from fastapi import APIRouter
from rdflib import Graph
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from kg import catalog, iris
from server.negotiation import best
from server.pages import charts, observations, slices, terms
from server.pages.context import store_of
from server.pages.describe import PropertyValues, Value, describe, exists
from server.pages.rendering import page

router = APIRouter(tags=["Linked-data pages"])

# Document suffix -> (media type, rdflib serializer name or "" for HTML).
DOCUMENTS = {
    ".html": ("text/html", ""),
    ".ttl": ("text/turtle", "turtle"),
    ".jsonld": ("application/ld+json", "json-ld"),
    ".nt": ("application/n-triples", "nt"),
    ".rdf": ("application/rdf+xml", "xml"),
}
_SUFFIX_OF = {media: suffix for suffix, (media, _) in DOCUMENTS.items()}
OFFERED = list(_SUFFIX_OF)
_CHARTED = ("DevelopmentZone", "ZoneGroup", "Region")
# Pages that show their observations as a filterable table, chart and CSV.
_SLICED = ("dataset", "indicator")


def _split(path: str) -> tuple[str, str | None]:
    for suffix in DOCUMENTS:
        if path.endswith(suffix) and len(path) > len(suffix):
            return path[: -len(suffix)], suffix
    return path, None


@router.get("/id/{path:path}", response_model=None)
@router.head("/id/{path:path}", response_model=None, include_in_schema=False)
def resource(request: Request, path: str) -> Response:
    """The description of ``https://w3id.org/zonegraph/id/<path>`` (303 to a document)."""
    store = store_of(request)
    base, suffix = _split(path)
    iri = terms.iri_of_path(base)
    if not exists(store, iri):
        return not_found(request, iri)
    if suffix is None:
        media = best(request.headers.get("accept"), OFFERED)
        if media is None:
            return PlainTextResponse(
                f"none of the formats of this resource is acceptable; ask for one of "
                f"{', '.join(OFFERED)}\n",
                status_code=406,
                headers={"Vary": "Accept"},
            )
        # The filters of a dataset or indicator page travel with the redirect.
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(
            f"/id/{base}{_SUFFIX_OF[media]}{query}", status_code=303, headers={"Vary": "Accept"}
        )
    media, rdf_format = DOCUMENTS[suffix]
    headers = {"Link": _alternates(base)}
    if rdf_format:
        body = _rdf(store, iri, rdf_format)
        return Response(body, media_type=media, headers=headers)
    try:
        filters = slices.read_filters(request.query_params)
    except slices.BadSlice as e:
        return PlainTextResponse(f"{e}\n", status_code=400)
    return _html(store, iri, base, headers, filters)


def not_found(request: Request, iri: str) -> Response:
    """404 for an IRI no graph mentions: a page for browsers, a line of text otherwise."""
    if best(request.headers.get("accept"), ["text/html", "text/plain"]) == "text/html":
        return page("not_found.html", status=404, iri=iri)
    return PlainTextResponse(
        f"{iri} is not in the graph; check the spelling, or search with SPARQL at /sparql\n",
        status_code=404,
    )


def _alternates(base: str) -> str:
    return ", ".join(
        f'</id/{base}{suffix}>; rel="alternate"; type="{media}"'
        for suffix, (media, _) in DOCUMENTS.items()
    )


def _rdf(store, iri: str, rdf_format: str) -> bytes:
    # What links in, too: "parks of this zone" is only written on the parks.
    result = store.query(
        f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} "
        f"WHERE {{ {{ <{iri}> ?p ?o }} UNION "
        f"{{ SELECT ?s ?q WHERE {{ ?s ?q <{iri}> }} LIMIT 5000 }} }}"
    )
    g = Graph()
    for prefix, namespace in iris.PREFIXES.items():
        g.bind(prefix, namespace, override=True)
    for triple in result.triples():
        g.add(triple)
    if rdf_format == "json-ld":
        # A context of our prefixes keeps the JSON-LD readable (compact IRIs).
        return g.serialize(format="json-ld", context=dict(iris.PREFIXES), encoding="utf-8")
    return g.serialize(format=rdf_format, encoding="utf-8")


def _is_charted(store, iri: str) -> bool:
    classes = " ".join(f"<{iris.DZ}{c}>" for c in _CHARTED)
    return store.ask(
        f"ASK {{ VALUES ?c {{ {classes} }} <{iri}> a/<{iris.PREFIXES['rdfs']}subClassOf>* ?c }}"
    )


def _sliced_by(store, iri: str) -> str:
    """ "dataset" or "indicator" when ``iri`` is one that observations belong to, else ""."""
    for d in slices.DIMENSIONS:
        if d.name in _SLICED and store.ask(f"ASK {{ ?o <{d.property}> <{iri}> }}"):
            return d.name
    return ""


def _dataset_dates(store, iri: str) -> list[PropertyValues]:
    """When a topic data set was first issued and last modified: the first and last loads of
    the sources it is read from (kg.catalog), which no source graph can state."""
    if not iri.startswith(iris.ID + "dataset/"):
        return []
    found = catalog.topic_datasets(store, iri)
    if not found or found[0]["issued"] is None:
        return []
    part = found[0]
    return [
        PropertyValues(iris.PREFIXES["dcterms"] + name, name, [Value(str(part[name])[:10])])
        for name in ("issued", "modified")
    ]


def _html(store, iri: str, base: str, headers: dict, filters: dict[str, str]) -> Response:
    d = describe(store, iri)
    d.properties += _dataset_dates(store, iri)
    figure, level = observations.observation_with_changes(store, iri)
    fixed = _sliced_by(store, iri)
    cut = slices.slice_of(store, fixed, iri, filters) if fixed else None
    values = changes = tree = None
    tree_root = None
    if _is_charted(store, iri):
        values = charts.values_chart(d.observations)
        changes = charts.changes_chart(d.observations)
        tree_root = charts.partners_tree(store, iri)
        tree = charts.tree_chart(tree_root) if tree_root else None
    alternates = [
        (suffix[1:], media, f"/id/{base}{suffix}") for suffix, (media, _) in DOCUMENTS.items()
    ]
    return page(
        "resource.html",
        headers=headers,
        d=d,
        alternates=alternates[1:],
        values_chart=values,
        changes_chart=changes,
        tree_chart=tree,
        tree=tree_root,
        figure=figure,
        cut=cut,
        sliced_by={d.property for d in slices.DIMENSIONS},
        slice_chart=charts.slice_chart(cut.observations) if cut else None,
        figure_lines=observations.figure_lines(figure, level) if figure else [],
    )
