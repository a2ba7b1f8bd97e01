"""Cross-source duplicate keys: one figure loaded from two sources is refused or reported.

Observation IRIs hash the dimension key, whichever source states the figure, and every
source puts a topic's figures in the same data set: two sources stating one figure give one
observation with two values unless they agree, and a reposted copy of a text would be a
second source of every figure. At load time the new source's observations are compared by
their dimension key (refArea, refPeriod, indicator, statistic, scope, unit, base period,
modality) with those of every other source graph, and this rule applies (docs/model.md,
"Duplicate keys across sources"):

- **a copy**: when every observation of the new source has the key of one in the same
  other source, with the same value, the source is a copy of it and is refused;
- **a conflict**: when an observation has another source's key with a different value,
  the source is refused: two values for one figure, which a steward must settle;
- **a renamed figure**: when an observation (of an RDF file) has another source's key and
  value under another IRI, the source is refused: in one data set a key has one
  observation (Data Cube IC-12), so the figure must use the IRI it already has;
- **a corroboration**: otherwise, figures with another source's key and the same value are
  loaded: the observation is one, derived from a quote of each source, and they are listed
  as warnings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import RDF, Graph, Namespace

from kg import iris
from kg.errors import DuplicateFigures
from kg.store import Store
from kg.validation import cross_source

__all__ = ["Collision", "check_duplicates", "collisions"]

_QB = Namespace(iris.PREFIXES["qb"])
_DIM = Namespace(iris.PREFIXES["sdmx-dimension"])
_MEASURE = Namespace(iris.PREFIXES["sdmx-measure"])
_DZ = Namespace(iris.DZ)
# The dimension key, in the order of the query's variables below.
_KEY = (
    ("area", _DIM.refArea),
    ("indicator", _DZ.indicator),
    ("period", _DIM.refPeriod),
    ("statistic", _DZ.statistic),
    ("scope", _DZ.scope),
    ("unit", _DZ.unit),  # the unit dimension (sdmx-attribute:unitMeasure is its attribute copy)
    ("base", _DZ.basePeriod),
    ("modality", _DZ.modality),
)
_SHOWN = 5  # collisions named in a message


@dataclass(frozen=True)
class Collision:
    """An observation of the new source with the dimension key of another source's."""

    observation: str
    other: str
    other_graph: str
    same_value: bool


def _number(term) -> Decimal | str:
    try:
        return Decimal(str(term))
    except InvalidOperation:
        return str(term)


def _keys(data: Graph) -> dict[tuple, list[tuple[str, Decimal | str]]]:
    """Observations of ``data`` by dimension key, in one pass over its triples.

    ``data`` is an rdflib Graph or a staged source (kg.staging), read once from start to end.
    """
    names = {p: name for name, p in _KEY}
    observations, values, found = set(), {}, {}
    for s, p, o in data.triples((None, None, None)):
        if p == RDF.type and o == _QB.Observation:
            observations.add(s)
        elif p == _MEASURE.obsValue:
            values[s] = o
        elif p in names:
            found.setdefault(s, {})[names[p]] = str(o)
    out: dict[tuple, list[tuple[str, Decimal | str]]] = {}
    for obs in observations:
        got = found.get(obs, {})
        key = tuple(got.get(name, "") for name, _ in _KEY)
        out.setdefault(key, []).append((str(obs), _number(values.get(obs))))
    return out


def _query(pairs: Iterable[tuple[str, str]], graph_iri: str) -> str:
    rows = " ".join(f"(<{a}> <{i}>)" for a, i in sorted(pairs))
    optional = " ".join(f"OPTIONAL {{ ?obs <{p}> ?{name} }}" for name, p in _KEY[2:])
    return f"""SELECT ?g ?obs ?value ?{" ?".join(name for name, _ in _KEY)} WHERE {{
      VALUES (?area ?indicator) {{ {rows} }}
      GRAPH ?g {{
        ?obs <{_DIM.refArea}> ?area ; <{_DZ.indicator}> ?indicator ;
             <{_MEASURE.obsValue}> ?value . {optional}
      }}
      FILTER (?g != <{graph_iri}> && STRSTARTS(STR(?g), "{iris.SOURCE_GRAPH}"))
    }}"""


def collisions(store: Store, graph_iri: str, data: Graph, keys=None) -> list[Collision]:
    """The observations of ``data`` whose dimension key another source graph already has."""
    keys = _keys(data) if keys is None else keys
    pairs = {(k[0], k[1]) for k in keys if k[0] and k[1]}
    return _matches(store.select(_query(pairs, graph_iri)), keys) if pairs else []


def _matches(rows: list, keys: dict[tuple, list]) -> list[Collision]:
    found = []
    for row in rows:
        key = tuple(str(row.get(name) or "") for name, _ in _KEY)
        for obs, value in keys.get(key, ()):
            found.append(
                Collision(obs, str(row["obs"]), str(row["g"]), value == _number(row["value"]))
            )
    return found


def _curie(iri: str) -> str:
    return "zid:" + iri[len(iris.ID) :] if iri.startswith(iris.ID) else f"<{iri}>"


def _source(graph_iri: str) -> str:
    return graph_iri.removeprefix(iris.SOURCE_GRAPH)


def _listed(found: list[Collision]) -> str:
    lines = [
        f"{_curie(c.observation)} (also in {_source(c.other_graph)})"
        if c.observation == c.other
        else f"{_curie(c.observation)} = {_curie(c.other)} (in {_source(c.other_graph)})"
        for c in found[:_SHOWN]
    ]
    more = f" (and {len(found) - _SHOWN} more)" if len(found) > _SHOWN else ""
    return "; ".join(lines) + more


def check_duplicates(store: Store, graph_iri: str, data: Graph, label: str) -> list[str]:
    """Apply the rule above; returns the warnings, raises DuplicateFigures when refused."""
    collected = cross_source(data)
    if collected is None:
        keys = _keys(data)
        found = collisions(store, graph_iri, data, keys)
    else:
        # A staged source: its (area, indicator) pairs came with validation; the source is
        # read again only when another source has figures for some of them.
        pairs = {(a.value, i.value) for a, i in collected["key_pairs"]}
        rows = store.select(_query(pairs, graph_iri)) if pairs else []
        if not rows:
            return []
        keys = _keys(data)
        found = _matches(rows, keys)
    if not found:
        return []
    conflicts = [c for c in found if not c.same_value]
    if conflicts:
        raise DuplicateFigures(
            f"{label}: refused, {len(conflicts)} figure(s) have the dimension key of a figure "
            f"of another source with a different value: {_listed(conflicts)}. Two values for "
            "one figure: correct the wrong one, or tell them apart by period, scope or unit; "
            "nothing was loaded."
        )
    total = sum(len(observations) for observations in keys.values())
    by_graph: dict[str, set[str]] = {}
    for c in found:
        by_graph.setdefault(c.other_graph, set()).add(c.observation)
    for other, mine in by_graph.items():
        if len(mine) == total:
            raise DuplicateFigures(
                f"{label}: refused as a copy of the source {_source(other)}: all its {total} "
                "figure(s) are already loaded from there with the same "
                "values. Load one copy only (delete the other source's graph first to replace "
                "it); nothing was loaded."
            )
    renamed = [c for c in found if c.observation != c.other]
    if renamed:
        raise DuplicateFigures(
            f"{label}: refused, {len(renamed)} figure(s) are already loaded from another "
            f"source under another IRI: {_listed(renamed)}. A figure is one observation of "
            "its data set (Data Cube IC-12): give each the IRI it already has; nothing was "
            "loaded."
        )
    return [
        f"{label}: {len(found)} figure(s) are also stated, with the same value, by another "
        f"source (one observation, derived from the quotes of both): {_listed(found)}"
    ]
