"""``/``: what the dataset is (sources, counts, last load) and the YASGUI query editor."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from kg import iris
from server.pages import terms
from server.pages.context import context_of, service_allowlist, store_of
from server.pages.examples import examples
from server.pages.rendering import page

router = APIRouter(tags=["Pages"])
P = iris.PREFIXES

_COUNTS = f"""
SELECT
  (COUNT(DISTINCT ?zone) AS ?zones) (COUNT(DISTINCT ?park) AS ?parks)
  (COUNT(DISTINCT ?obs) AS ?observations)
WHERE {{
  {{ ?zone a/<{P["rdfs"]}subClassOf>* <{iris.DZ}DevelopmentZone>
     FILTER NOT EXISTS {{ ?zone <{iris.DZ}partOfZone> ?within }} }}
  UNION {{ ?park <{iris.DZ}partOfZone> ?zone2 }}
  UNION {{ ?obs a <{P["qb"]}Observation> }}
}}"""

_SOURCES = f"""
SELECT ?record ?label ?source ?loaded ?triples ?loader WHERE {{
  GRAPH <{iris.CATALOG_GRAPH}> {{
    ?source <{iris.DZ}latestLoad> ?record .
    ?record a <{iris.DZ}LoadRecord> ; <{iris.DZ}loadedAt> ?loaded .
    OPTIONAL {{ ?record <{P["rdfs"]}label> ?label }}
    OPTIONAL {{ ?record <{iris.DZ}tripleCount> ?triples }}
    OPTIONAL {{ ?record <{iris.DZ}loader> ?loader }}
  }}
}} ORDER BY DESC(?loaded)"""


@dataclass
class Source:
    """A loaded source as the home page lists it."""

    label: str
    href: str
    loaded: str
    triples: str
    loader: str


@router.get("/", response_model=None)
@router.head("/", response_model=None, include_in_schema=False)
def home(request: Request) -> Response:
    """The home page."""
    store = store_of(request)
    counts = store.select(_COUNTS)[0]
    sources = []
    for row in store.select(_SOURCES):
        source = str(row.get("source", ""))
        slug = terms.source_slug(source)
        sources.append(
            Source(
                label=str(row.get("label") or slug or row["record"]),
                href=f"/source/{slug}" if slug else "",
                loaded=terms.timestamp_text(str(row["loaded"])),
                triples=terms.number_text(str(row.get("triples", ""))),
                loader=str(row.get("loader", "")),
            )
        )
    context = context_of(request)
    allowed = set(service_allowlist(request))
    shown = [(e, [s for s in e.services if s not in allowed]) for e in examples()]
    editor = {
        "endpoint": context.endpoint,
        "examples": [{"title": e.title, "query": e.query, "blocked": b} for e, b in shown],
    }
    return page(
        "home.html",
        counts={k: terms.number_text(str(v)) for k, v in counts.items()},
        sources=sources,
        last_load=sources[0].loaded if sources else "",
        editor=editor,
        examples=shown,
    )
