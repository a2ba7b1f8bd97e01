"""Chart specifications (Vega-Lite and Vega) for a zone, region or group page.

The server only says *what* to draw, as declarative specs; vega-embed (from
the npm registry) draws them in the browser. The same facts are on the page
as tables and lists, so nothing is lost without JavaScript.

>>> from server.pages.describe import Observation
>>> level = Observation("o1", "i", "exports", "2021", "level", "81010000000", "CNY")
>>> change = Observation("o2", "i", "exports", "2021", "yoy-change", "17.9", "PERCENT")
>>> [(v["indicator"], v["value"]) for v in values_chart([level, change])["data"]["values"]]
[('exports (yuan)', 81010000000.0)]
>>> changes_chart([level, change])["data"]["values"][0]["sign"]
'increase'
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from kg import iris
from kg.store import Store
from server.pages import terms
from server.pages.describe import Observation, labels

_SCHEMA_LITE = "https://vega.github.io/schema/vega-lite/v6.json"
_SCHEMA_VEGA = "https://vega.github.io/schema/vega/v6.json"
# Figures that are amounts of something; ranks and changes are charted differently or not at all.
_LEVELS = {"level", "count", "share", "multiple", ""}
# Axis titles: the unit in words.
_AXIS_UNITS = {"CNY": "yuan", "USD": "US dollars", "PERCENT": "%", "NUM": "number",
               "RANK": "rank", "TIMES": "times", "POINTS": "points", "YR": "years",
               "T": "tonnes", "KM2": "km²", "HA": "hectares", "M2": "m²", "MU": "mu",
               "KM": "km", "TEU": "TEU"}  # fmt: skip
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _unit_suffix(obs: Observation) -> str:
    unit = _AXIS_UNITS.get(obs.unit, obs.unit.lower())
    return f" ({unit})" if unit else ""


def values_chart(observations: list[Observation]) -> dict | None:
    """One small chart per indicator with its own scale and unit: a line when the indicator
    has several periods, else a bar per period; changes and ranks are left to other charts."""
    levels = [o for o in observations if o.statistic in _LEVELS and o.unit != "RANK"]
    if not levels:
        return None
    rows = [
        {"indicator": o.indicator_label + _unit_suffix(o), "period": o.period,
         "value": float(o.value), "text": o.value_text}
        for o in levels
    ]  # fmt: skip
    panels = []
    for name in sorted({r["indicator"] for r in rows}):
        mine = [o for o, r in zip(levels, rows, strict=True) if r["indicator"] == name]
        size, unit_title = _scaled([float(o.value) for o in mine], mine[0].unit)
        several = len({o.period for o in mine}) > 1
        panels.append({
            # Wrapped, never cut: two indicators may share their first thirty letters.
            "title": {"text": textwrap.wrap(name, 30)},
            "transform": [{"filter": {"field": "indicator", "equal": name}},
                          {"calculate": f"datum.value / {size}", "as": "shown"}],
            "width": 180,
            "height": 120,
            "mark": {"type": "line", "point": True, "tooltip": True} if several
                    else {"type": "bar", "tooltip": True, "color": "#2b6cb0"},
            "encoding": {
                "x": {"field": "period", "type": "ordinal", "title": "period",
                      "sort": "ascending"},
                "y": {"field": "shown", "type": "quantitative", "title": unit_title,
                      "stack": None},
                "tooltip": [{"field": "period", "title": "period"},
                            {"field": "text", "title": "value"}],
            },
        })  # fmt: skip
    return {
        "$schema": _SCHEMA_LITE,
        "description": "Values by indicator and period",
        "data": {"values": rows},
        "concat": panels,
        "columns": 3,
        "resolve": {"scale": {"x": "independent", "y": "independent"}},
    }


def _scaled(values: list[float], unit: str) -> tuple[float, str]:
    """A divisor and the axis title that keep tick labels short: (1e9, "billion yuan")."""
    words = _AXIS_UNITS.get(unit, unit.lower() or "value")
    top = max((abs(v) for v in values), default=0)
    if unit in ("CNY", "USD", "T", "NUM"):
        for size, word in _SCALE_WORDS:
            if top >= size:
                return size, f"{word} {words}"
    return 1.0, words


def _bar_label(o: Observation, with_period: bool, is_rank: bool) -> str:
    # Bars of one area in two periods, or ranks of one area in two scopes, would share a
    # label: the period or the scope tells them apart.
    label = o.area_label
    if is_rank and o.scope_text:
        label += f", {o.scope_text}"
    return f"{label} ({o.period})" if with_period else label


def _slice_panel(observations: list[Observation]) -> dict:
    first = observations[0]
    is_rank = first.statistic == "rank" or first.unit == "RANK"
    size, unit_title = _scaled([float(o.value) for o in observations], first.unit)
    periods_of: dict[str, set[str]] = {}
    for o in observations:
        periods_of.setdefault(o.area_label, set()).add(o.period)
    series = any(len(p) > 1 for p in periods_of.values())
    several = len({o.period for o in observations}) > 1
    rows = [
        {"area": _bar_label(o, several and not series, is_rank), "period": o.period,
         "value": float(o.value) / size, "text": o.value_text}
        for o in observations
    ]  # fmt: skip
    title = first.indicator_label + (
        "" if first.statistic == "level" else f" ({first.statistic_text})"
    )
    value = {"field": "value", "type": "quantitative", "title": unit_title, "stack": None}
    if is_rank:
        value["scale"] = {"reverse": True, "zero": False}  # rank 1 at the top
    tooltip = [{"field": "area", "title": "area"}, {"field": "period", "title": "period"},
               {"field": "text", "title": "value"}]  # fmt: skip
    if series:
        return {
            "title": title,
            "data": {"values": rows},
            "width": 480,
            "height": 220,
            "mark": {"type": "line", "point": True, "tooltip": True},
            "encoding": {
                "x": {"field": "period", "type": "ordinal", "title": "period", "sort": "ascending"},
                "y": value,
                "color": {"field": "area", "type": "nominal", "title": "area",
                          "legend": {"labelLimit": 400}},
                "tooltip": tooltip,
            },
        }  # fmt: skip
    return {
        "title": title,
        "data": {"values": rows},
        "width": 420,
        "height": {"step": 22},
        # A rank is a position, not an amount: a dot, not a bar whose length means nothing.
        "mark": {"type": "point" if is_rank else "bar", "tooltip": True, "color": "#2b6cb0",
                 "filled": True, "size": 80} if is_rank else
                {"type": "bar", "tooltip": True, "color": "#2b6cb0"},
        "encoding": {
            "y": {"field": "area", "type": "nominal", "title": "area",
                  "sort": "x" if is_rank else "-x",
                  # Long names: the title sits above the labels instead of across them.
                  "axis": {"labelLimit": 360, "titleAngle": 0, "titleAlign": "right",
                           "titleAnchor": "end", "titleY": -6}},
            "x": {**value, "scale": {"zero": False} if is_rank else {"zero": True}},
            "tooltip": tooltip,
        },
    }  # fmt: skip


def slice_chart(observations: list[Observation], limit: int = 6) -> dict | None:
    """Charts of a slice, one per indicator, kind of figure and unit: a line over the periods
    when there are several, else bars across areas sorted by value; never stacked."""
    groups: dict[tuple[str, str, str], list[Observation]] = {}
    for o in observations:
        groups.setdefault((o.indicator_label, o.statistic, o.unit), []).append(o)
    panels = [
        _slice_panel(obs)
        for _, obs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    ]
    if not panels:
        return None
    return {
        "$schema": _SCHEMA_LITE,
        "description": "The figures of this slice",
        "vconcat": panels,
        "resolve": {"scale": {"color": "independent", "x": "independent", "y": "independent"}},
    }


def changes_chart(observations: list[Observation]) -> dict | None:
    """Signed horizontal bars of changes (growth green, decline red), one panel per unit."""
    rows = [
        {
            "change": f"{o.indicator_label}, {o.period}",
            "unit": terms.unit_text(o.unit) or o.unit,
            "value": float(o.value),
            "sign": "decrease" if float(o.value) < 0 else "increase",
        }
        for o in observations
        if o.is_change
    ]
    if not rows:
        return None
    return {
        "$schema": _SCHEMA_LITE,
        "description": "Changes, signed",
        "data": {"values": rows},
        "facet": {"row": {"field": "unit", "type": "nominal", "title": "change in"}},
        "resolve": {"scale": {"x": "independent", "y": "independent"}},
        "spec": {
            "width": 320,
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "y": {"field": "change", "type": "nominal", "title": None, "sort": "-x",
                      "axis": {"labelLimit": 320}},
                "x": {"field": "value", "type": "quantitative", "title": "change",
                      "stack": None},
                "color": {"field": "sign", "type": "nominal", "title": None,
                          "scale": {"domain": ["increase", "decrease"],
                                    "range": ["#2f855a", "#c53030"]}},
            },
        },
    }  # fmt: skip


@dataclass
class Node:
    """A node of the parks-and-partners tree: the resource, a zone, a park or a partner."""

    id: str
    label: str
    kind: str
    href: str
    children: list[Node] = field(default_factory=list)


def partners_tree(store: Store, iri: str) -> Node | None:
    """Zone -> parks -> partner countries below ``iri`` (a zone, or a region/group of zones)."""
    dz = iris.DZ
    rows = store.select(
        f"""SELECT DISTINCT ?zone ?park ?partner WHERE {{
          {{ BIND(<{iri}> AS ?zone) }}
          UNION {{ ?zone (<{dz}locatedIn>|<{dz}memberOf>)/<{dz}locatedIn>* <{iri}> }}
          ?park <{dz}partOfZone> ?zone .
          OPTIONAL {{ ?park <{dz}partnerCountry> ?partner }}
        }} LIMIT 2000"""
    )
    if not rows:
        return None
    names = labels(store, {iri} | {str(v) for r in rows for v in r.values()})

    def node(i: str, kind: str, key: str) -> Node:
        return Node(key, names.get(i, ("", ""))[0] or terms.curie(i), kind, terms.href(i))

    root = node(iri, "root", "root")
    zones: dict[str, Node] = {}
    parks: dict[tuple[str, str], Node] = {}
    for r in rows:
        zone, park = str(r["zone"]), str(r["park"])
        if zone == iri:
            zone_node = root
        elif zone not in zones:
            zone_node = zones[zone] = node(zone, "zone", f"z:{zone}")
            root.children.append(zone_node)
        else:
            zone_node = zones[zone]
        if (zone, park) not in parks:
            parks[zone, park] = node(park, "park", f"p:{zone}:{park}")
            zone_node.children.append(parks[zone, park])
        if "partner" in r:
            partner = str(r["partner"])
            parks[zone, park].children.append(node(partner, "partner", f"c:{park}:{partner}"))
    return root


def _flatten(root: Node) -> list[dict]:
    out, stack = [], [(root, None)]
    while stack:
        n, parent = stack.pop()
        out.append({"id": n.id, "parent": parent, "name": n.label, "kind": n.kind, "href": n.href})
        stack.extend((c, n.id) for c in reversed(n.children))
    return out


def tree_chart(root: Node) -> dict:
    """A Vega tidy-tree spec of the parks-and-partners tree; each node links to its page."""
    nodes = _flatten(root)
    leaves = sum(1 for n in nodes if not any(m["parent"] == n["id"] for m in nodes))
    return {
        "$schema": _SCHEMA_VEGA,
        "description": "Zone, parks and partner countries",
        "width": 760,
        "height": max(120, 34 * leaves),
        "padding": 8,
        "autosize": "pad",
        "data": [
            {"name": "tree", "values": nodes, "transform": [
                {"type": "stratify", "key": "id", "parentKey": "parent"},
                {"type": "tree", "method": "tidy", "separation": True,
                 "size": [{"signal": "height"}, {"signal": "width - 260"}],
                 "as": ["y", "x", "depth", "children"]},
            ]},
            {"name": "links", "source": "tree", "transform": [
                {"type": "treelinks"},
                {"type": "linkpath", "orient": "horizontal", "shape": "diagonal"},
            ]},
        ],
        "scales": [{"name": "color", "type": "ordinal",
                    "domain": ["root", "zone", "park", "partner"],
                    "range": ["#2c5282", "#2b6cb0", "#2f855a", "#b7791f"]}],
        "marks": [
            {"type": "path", "from": {"data": "links"},
             "encode": {"update": {"path": {"field": "path"}, "stroke": {"value": "#a0aec0"}}}},
            {"type": "symbol", "from": {"data": "tree"},
             "encode": {"enter": {"size": {"value": 90}, "stroke": {"value": "#fff"}},
                        "update": {"x": {"field": "x"}, "y": {"field": "y"},
                                   "fill": {"scale": "color", "field": "kind"},
                                   "href": {"field": "href"}, "cursor": {"value": "pointer"},
                                   "tooltip": {"field": "name"}}}},
            {"type": "text", "from": {"data": "tree"},
             "encode": {"enter": {"text": {"field": "name"}, "fontSize": {"value": 11},
                                  "baseline": {"value": "middle"}, "limit": {"value": 250}},
                        "update": {"x": {"field": "x"}, "y": {"field": "y"},
                                   "dx": {"signal": "datum.children ? 4 : 8"},
                                   "dy": {"signal": "datum.children ? -11 : 0"},
                                   "href": {"field": "href"}, "cursor": {"value": "pointer"}}}},
        ],
    }  # fmt: skip
