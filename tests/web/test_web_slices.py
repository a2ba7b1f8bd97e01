"""Dataset and indicator pages: a readable table filtered by dimension, a chart, a loadable CSV."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from kg import iris
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
P = iris.PREFIXES
DATASET = iris.dataset_iri("zones-land-and-population")
Y2022 = iris.period_iri("2022")
IMPORTS = iris.ID + "indicator/total-imports-and-exports"
Y2021 = "http://reference.data.gov.uk/id/year/2021"

# One observation as a tuple of what it says, whatever its IRI or source graph.
_FIGURES = f"""
SELECT ?area ?indicator ?period ?value ?unit ?stat ?scope ?base ?pop ?qualifier WHERE {{
  ?o a <{P["qb"]}Observation> ; <{P["sdmx-dimension"]}refArea> ?area ;
     <{iris.DZ}indicator> ?indicator ;
     <{P["sdmx-measure"]}obsValue> ?value ; <{P["sdmx-attribute"]}unitMeasure> ?unit ;
     <{iris.DZ}statistic> ?stat .
  OPTIONAL {{ ?o <{P["sdmx-dimension"]}refPeriod> ?period }}  # none: period not stated
  OPTIONAL {{ ?o <{iris.DZ}scope> ?scope }} OPTIONAL {{ ?o <{iris.DZ}basePeriod> ?base }}
  OPTIONAL {{ ?o <{iris.DZ}rankPopulation> ?pop }} OPTIONAL {{ ?o <{iris.DZ}qualifier> ?qualifier }}
  %s
}}"""


def figures(store, where: str = "") -> list[tuple]:
    keys = ("area", "indicator", "period", "value", "unit", "stat", "scope", "base", "pop")
    out = []
    for r in store.select(_FIGURES % where):
        row = tuple(str(r.get(k, "")) for k in keys if k != "value")
        out.append((*row, Decimal(str(r["value"])), str(r.get("qualifier", ""))))
    return sorted(out)


def load_back(csv_text: str, tmp_path: Path) -> list[tuple]:
    """Load a downloaded CSV with the real `zonegraph load` into a fresh store; its figures."""
    path = tmp_path / "slice.csv"
    path.write_text(csv_text, encoding="utf-8")
    store_dir = tmp_path / "fresh"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "load", str(path), "--store", str(store_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    fresh = open_store(store_dir)
    try:
        return figures(fresh)
    finally:
        fresh.close()


def _csv_link(page: str) -> str:
    return html.unescape(re.search(r'<a class="slice-csv" href="([^"]+)"', page)[1])


def test_an_indicator_page_tables_its_observations_with_area_period_and_value_in_words(client):
    page = client.get("/id/indicator/total-imports-and-exports.html").text
    table = page[page.index('class="observations slice-table"') :]
    text = html.unescape(re.sub(r"<[^>]+>", " ", table))
    for words in (
        "Sichuan national economic development zones",
        "81.01 billion yuan",
        "+17.9 %",
        "year-on-year change",
        "2021",
        "total export-import volume reached 81.01 billion yuan",
        "Chengdu High-Tech Comprehensive Bonded Zone",
        "549.17 billion yuan",
    ):
        assert words in text, words
    # The observations are in the table, not a list of opaque IRIs.
    assert "Observations of this indicator" not in page


def test_filters_are_url_parameters_with_counts_and_the_csv_is_the_filtered_slice(
    client, web_store
):
    store, _ = web_store
    page = client.get(f"/id/indicator/total-imports-and-exports.html?period={Y2021}").text
    assert f'<option value="{Y2021}" selected>2021 (2)</option>' in page
    rows = list(csv.DictReader(io.StringIO(client.get(_csv_link(page)).text)))
    assert {(r["period"], r["indicator"]) for r in rows} == {("2021", "total imports and exports")}
    expected = figures(store, f"FILTER(?indicator = <{IMPORTS}> && ?period = <{Y2021}>)")
    assert len(rows) == len(expected) == 2
    # The IRI itself keeps the filters through its 303.
    r = client.get(
        f"/id/indicator/total-imports-and-exports?period={Y2021}",
        headers={"Accept": "text/html"},
        follow_redirects=False,
    )
    assert r.headers["location"].endswith(f".html?period={Y2021}")


def test_a_dataset_slice_downloads_and_loads_back_as_the_same_observations(
    client, web_store, tmp_path
):
    store, _ = web_store
    page = client.get(f"/id/dataset/zones-land-and-population.html?period={Y2022}").text
    link = _csv_link(page)
    assert dict(parse_qsl(urlsplit(link).query)) == {"dataset": DATASET, "period": Y2022}
    expected = figures(store, f"?o <{P['qb']}dataSet> <{DATASET}> FILTER(?period = <{Y2022}>)")
    assert len(expected) > 3
    assert load_back(client.get(link).text, tmp_path) == expected


def test_ranks_with_scope_and_ties_survive_the_round_trip(client, web_store, tmp_path):
    store, _ = web_store
    stat = iris.ID + "statistic/rank"
    text = client.get(f"/slice.csv?statistic={stat}").text
    expected = figures(store, f"FILTER(?stat = <{stat}>)")
    assert any(f[-1] == "tied" for f in expected) and any(f[7] for f in expected)
    assert load_back(text, tmp_path) == expected


def _panels(client, path: str) -> list[dict]:
    page = client.get(path).text
    spec = re.search(r'data-target="chart-slice">(.*?)</script>', page, re.S)[1]
    return json.loads(html.unescape(spec))["vconcat"]


def test_the_slice_chart_is_sorted_bars_or_a_line_and_never_stacked(client):
    panels = _panels(client, "/id/dataset/zones-land-and-population.html")
    panels += _panels(client, "/id/indicator/output-value-of-major-industrial-firms.html")
    assert len(panels) > 3
    for panel in panels:
        enc = panel["encoding"]
        value = enc["x"] if enc["x"]["field"] == "value" else enc["y"]
        assert value["stack"] is None and value["title"], panel["title"]
        if panel["mark"]["type"] == "bar":
            assert enc["y"]["sort"] == "-x" and enc["y"]["title"] == "area"
    # Sichuan's ranks in two scopes are two dots that say which scope each is.
    ranks = next(
        p
        for p in panels
        if p["title"].startswith("number of national economic")
        and any(", in " in str(r.get("area", "")) for r in p["data"]["values"])
    )
    labels = sorted(r["area"] for r in ranks["data"]["values"])
    assert labels == sorted(set(labels)) and "Sichuan, in West China" in labels
    money = next(p for p in panels if p["title"] == "output value of major industrial firms")
    assert money["encoding"]["x"]["title"] == "billion yuan"


def test_bad_slice_parameters_are_400(client):
    assert client.get("/slice.csv?nope=1").status_code == 400
    assert client.get("/slice.csv?period=not%20an%20iri").status_code == 400
    assert client.get("/id/indicator/total-imports-and-exports.html?area=x%3E").status_code == 400


def test_an_area_with_several_periods_is_a_line_and_ranks_put_first_on_top():
    from server.pages.charts import slice_chart
    from server.pages.observations import Observation

    def obs(area: str, period: str, value: str, stat: str = "level", unit: str = "CNY"):
        return Observation(f"o{area}{period}{stat}", "i", "exports", period, stat, value, unit,
                           area_label=area, period_iri=f"y/{period}")  # fmt: skip

    series = slice_chart([obs("A", "2020", "1e9"), obs("A", "2021", "2e9"), obs("B", "2021", "3")])
    line = series["vconcat"][0]
    assert line["mark"]["type"] == "line" and line["encoding"]["x"]["field"] == "period"
    assert line["encoding"]["y"]["title"] == "billion yuan"
    ranks = slice_chart(
        [obs("A", "2021", "2", "rank", "RANK"), obs("B", "2021", "1", "rank", "RANK")]
    )
    dots = ranks["vconcat"][0]
    assert dots["mark"]["type"] == "point" and dots["encoding"]["y"]["sort"] == "x"
    # One area per period without a series: bars, labels that stay apart.
    apart = slice_chart([obs("A", "2020", "5"), obs("B", "2021", "7")])["vconcat"][0]
    assert apart["mark"]["type"] == "bar"
    assert sorted(r["area"] for r in apart["data"]["values"]) == ["A (2020)", "B (2021)"]


def test_a_zone_page_draws_an_indicator_with_several_periods_as_a_line():
    from server.pages.charts import values_chart
    from server.pages.observations import Observation

    def obs(indicator: str, period: str, value: str, unit: str = "CNY"):
        return Observation(f"o{indicator}{period}", "i", indicator, period, "level", value, unit)

    spec = values_chart(
        [
            obs("exports", "2020", "5e9"),
            obs("exports", "2021", "6e9"),
            obs("parks", "2021", "3", "NUM"),
            obs("rank", "2021", "2", "RANK"),
        ]
    )
    panels = {" ".join(p["title"]["text"]): p for p in spec["concat"]}
    assert set(panels) == {"exports (yuan)", "parks (number)"}  # a rank is not an amount
    assert panels["exports (yuan)"]["mark"]["type"] == "line"
    assert panels["exports (yuan)"]["encoding"]["y"]["title"] == "billion yuan"
    assert panels["parks (number)"]["mark"]["type"] == "bar"
    assert all(p["encoding"]["y"]["stack"] is None for p in panels.values())


def test_a_dataset_page_names_its_publisher_instead_of_showing_its_iri(client, web_store):
    store, _ = web_store
    ask = f"ASK {{ <{DATASET}> <{P['dcterms']}publisher> <{iris.PUBLISHER}> }}"
    assert store.ask(ask)
    page = client.get("/id/dataset/zones-land-and-population.html").text
    assert iris.PUBLISHER_NAME in page
    assert f">{iris.PUBLISHER}<" not in page
