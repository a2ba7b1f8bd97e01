"""Dumps reload into an empty store; the observations CSV matches its CSVW metadata."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal

import pyoxigraph as ox

from kg.dumps import CSV_NAME, CSVW_NAME, NQUADS_NAME, TURTLE_NAME, write_dumps


def test_nquads_dump_reloads_with_the_same_quad_count(data_store, tmp_path):
    files = write_dumps(data_store, tmp_path)
    empty = ox.Store()
    empty.load(gzip.decompress(files[NQUADS_NAME].read_bytes()), ox.RdfFormat.N_QUADS)
    assert len(empty) == data_store.count()
    assert {g.value for g in empty.named_graphs()} == set(data_store.graphs())


def test_turtle_dump_reloads_with_the_same_triple_count(data_store, tmp_path):
    files = write_dumps(data_store, tmp_path)
    empty = ox.Store()
    empty.load(gzip.decompress(files[TURTLE_NAME].read_bytes()), ox.RdfFormat.TURTLE)
    union = data_store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    )
    assert len(empty) == int(union[0]["n"])


def test_dumps_are_byte_identical_for_the_same_store(data_store, tmp_path):
    first = write_dumps(data_store, tmp_path / "a")[NQUADS_NAME].read_bytes()
    assert write_dumps(data_store, tmp_path / "b")[NQUADS_NAME].read_bytes() == first


def test_csv_columns_match_the_csvw_metadata(data_store, tmp_path):
    files = write_dumps(data_store, tmp_path)
    meta = json.loads(files[CSVW_NAME].read_text())
    assert meta["url"] == CSV_NAME
    columns = meta["tableSchema"]["columns"]
    with files[CSV_NAME].open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [c["titles"] for c in columns]
    body = [dict(zip([c["name"] for c in columns], r, strict=True)) for r in rows[1:]]
    assert len(body) == 3
    for row in body:
        for c in columns:
            if c.get("required"):
                assert row[c["name"]], f"{c['name']} is required"
            if c["datatype"] == "decimal":
                Decimal(row[c["name"]])
            if c["datatype"] == "anyURI" and row[c["name"]]:
                assert row[c["name"]].startswith("http")
    values = sorted(Decimal(r["value"]) for r in body)
    assert values == [Decimal("20.4"), Decimal("130"), Decimal("961220000000")]
    level = next(r for r in body if r["value"] == "961220000000")
    assert level["ref_area_label"] == "Chengdu High-Tech Industrial Development Zone"
    assert level["indicator_label"] == "total imports and exports"
    assert level["quote"] == "export-import volume of 961.22 billion yuan"
    assert level["source"].endswith("/source/test-report")


def test_csv_has_plain_periods_base_periods_and_rank_populations(data_store, tmp_path):
    from kg import iris
    from kg.model import Fact

    from .conftest import add_source_graph

    cdht = iris.zone_iri("Chengdu High-Tech Industrial Development Zone")
    add_source_graph(
        data_store,
        "ranks",
        [
            Fact(cdht, "rank by total strength", "1", "RANK", "2020-H1", "rank",
                 scope=iris.ID + "country/cn", population=169, qualifier="tied"),
            Fact(cdht, "index value", "73", "PERCENT", "2021", "change_vs_period",
                 base_period="2018"),
        ],
        "2030-01-02T03:04:05Z",
    )  # fmt: skip
    files = write_dumps(data_store, tmp_path)
    with files[CSV_NAME].open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["ref_period"] for r in rows} == {"2021", "2019-06", "2020-H1"}
    assert all(r["ref_period_iri"].startswith("http") for r in rows)
    rank = next(r for r in rows if r["unit"].endswith("/RANK"))
    assert (rank["population"], rank["qualifier"], rank["scope"]) == (
        "169",
        "tied",
        iris.ID + "country/cn",
    )
    change = next(r for r in rows if r["value"] == "73")
    assert change["base_period"] == "2018" and change["base_period_iri"].endswith("2018")
    assert change["population"] == "" and rank["base_period"] == ""
