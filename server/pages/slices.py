"""Slices of observations: a dataset's or an indicator's figures filtered by dimension.

statistics.gov.scot's dataset pages are the model: the dimensions with the values
they take (and how many figures each leaves), a table of the figures, a chart, and
the slice as a CSV. The URL carries the filters (``?period=<iri>&area=<iri>``) so a
slice can be shared; ``/slice.csv`` with the same parameters (plus the page's own,
``dataset=`` or ``indicator=``) is the slice in the CSV template of
``zonegraph load`` (docs/csv-template.md), so it loads back into any store.

>>> [d.name for d in DIMENSIONS]
['area', 'indicator', 'period', 'statistic', 'scope', 'dataset']
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg import iris
from kg.dumps import plain_period
from server.pages import terms
from server.pages.context import store_of
from server.pages.names import labels, safe_iri
from server.pages.observations import Observation, observations_where

router = APIRouter(tags=["Pages"])
P = iris.PREFIXES


@dataclass(frozen=True)
class Dimension:
    """A URL parameter that filters observations by the IRI ``property`` points to."""

    name: str
    title: str
    property: str


DIMENSIONS = (
    Dimension("area", "Area", P["sdmx-dimension"] + "refArea"),
    Dimension("indicator", "Indicator", iris.DZ + "indicator"),
    Dimension("period", "Period", P["sdmx-dimension"] + "refPeriod"),
    Dimension("statistic", "Kind of figure", iris.DZ + "statistic"),
    Dimension("scope", "Ranked or compared in", iris.DZ + "scope"),
    Dimension("dataset", "Dataset", P["qb"] + "dataSet"),
)
_BY_NAME = {d.name: d for d in DIMENSIONS}
# The columns of docs/csv-template.md, in its order.
TEMPLATE = (
    "area",
    "indicator",
    "period",
    "value",
    "unit",
    "statistic",
    "scope",
    "base_period",
    "population",
    "qualifier",
    "source",
    "note",
)


class BadSlice(ValueError):
    """Parameters a slice cannot use; the message says what to change."""


@dataclass
class Option:
    iri: str
    label: str
    count: int
    selected: bool


@dataclass
class Slice:
    """The observations a page's filters select, and what each dimension could still be."""

    observations: list[Observation]
    options: list[tuple[Dimension, list[Option]]]
    filters: dict[str, str]
    csv_href: str


def read_filters(query_params) -> dict[str, str]:
    """The dimension filters of a query string; other parameters are left alone."""
    out = {}
    for name, value in query_params.items():
        if name in _BY_NAME and value:
            if not safe_iri(value) or ":" not in value:
                raise BadSlice(f"{name} must be an IRI, as the filter choices give it")
            out[name] = value
    return out


def pattern(filters: dict[str, str]) -> str:
    """The SPARQL graph pattern of observations ``?obs`` that match every filter."""
    parts = [f"?obs a <{P['qb']}Observation> ."]
    parts += [f"?obs <{_BY_NAME[k].property}> <{v}> ." for k, v in filters.items()]
    return " ".join(parts)


def slice_of(store, fixed: str, iri: str, filters: dict[str, str]) -> Slice:
    """The slice of the observations whose ``fixed`` dimension is ``iri``, filtered further."""
    chosen = {k: v for k, v in filters.items() if k != fixed}
    observations = observations_where(store, pattern({fixed: iri, **chosen}))
    options = []
    for d in DIMENSIONS:
        if d.name == fixed:
            continue
        # How many figures each value leaves, with the other filters kept.
        others = {k: v for k, v in chosen.items() if k != d.name}
        rows = store.select(
            f"SELECT ?v (COUNT(DISTINCT ?obs) AS ?n) WHERE {{ {pattern({fixed: iri, **others})} "
            f"?obs <{d.property}> ?v FILTER(isIRI(?v) && ?v != <{iris.SCOPE_NOT_APPLICABLE}>) }} "
            f"GROUP BY ?v"
        )
        names = labels(store, {str(r["v"]) for r in rows})
        values = [
            Option(
                str(r["v"]),
                _label(str(r["v"]), names),
                int(r["n"]),
                chosen.get(d.name) == str(r["v"]),
            )
            for r in rows
        ]
        if len(values) > 1 or any(v.selected for v in values):
            options.append((d, sorted(values, key=lambda o: o.label.lower())))
    csv_href = "/slice.csv?" + urlencode({fixed: iri, **chosen})
    return Slice(observations, options, chosen, csv_href)


def _label(iri: str, names: dict[str, tuple[str, str]]) -> str:
    en = names.get(iri, ("", ""))[0]
    if en:
        return en
    return plain_period(iri) or terms.period_label(iri)


def template_rows(observations: list[Observation]) -> list[dict[str, str]]:
    """The observations as rows of the CSV template that ``zonegraph load`` reads."""
    rows = []
    for o in observations:
        rows.append(
            {
                "area": o.area,
                "indicator": o.indicator_label,
                "period": plain_period(o.period_iri),
                "value": o.value,
                "unit": o.unit,
                "statistic": o.statistic.replace("-", "_") or "level",
                "scope": o.scope,
                "base_period": o.base_period,
                "population": o.population,
                "qualifier": o.qualifier,
                "source": o.source,
                "note": o.comment,
            }
        )
    return rows


@router.get("/slice.csv", response_model=None)
def slice_csv(request: Request) -> Response:
    """Observations filtered by dimension (``?indicator=<iri>&period=<iri>``), as a CSV in the
    template ``zonegraph load`` reads (docs/csv-template.md)."""
    try:
        filters = read_filters(request.query_params)
    except BadSlice as e:
        return PlainTextResponse(f"{e}\n", status_code=400)
    unknown = sorted(set(request.query_params) - set(_BY_NAME))
    if unknown:
        return PlainTextResponse(
            f"unknown parameter(s) {', '.join(unknown)}; a slice takes {', '.join(_BY_NAME)}\n",
            status_code=400,
        )
    observations = observations_where(store_of(request), pattern(filters), limit=100_000)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TEMPLATE, lineterminator="\n")
    writer.writeheader()
    writer.writerows(template_rows(observations))
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="observations-slice.csv"'},
    )
