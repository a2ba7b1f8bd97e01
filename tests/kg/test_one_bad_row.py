"""One bad row in a large file: the file is refused whole and the report names the row."""

import re
import time

import pytest
from rdflib import URIRef

from kg import iris
from kg.errors import InputError, ValidationFailed
from kg.ingest import ingest_file
from loaders import csv as csv_loader

HEADER = "area,indicator,period,value,unit,statistic\n"
UNIT = "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"


def _rows(n: int) -> list[str]:
    areas = ["China", "Singapore", "Japan", "South Korea"]
    return [
        f"{areas[i % 4]},gross regional product,{1900 + (i // 4) % 120},{i}.5,CNY,level\n"
        for i in range(n)
    ]


def _loaded_before(store, tmp_path, name: str) -> bytes:
    """A good first version of the source, so that 'refused' can be seen to keep it."""
    path = tmp_path / name
    path.write_text(HEADER + "".join(_rows(3)))
    ingest_file(store, path)
    return store.export("nquads")


def test_a_bad_row_among_100000_is_refused_whole_and_named_by_line(store, tmp_path):
    before = _loaded_before(store, tmp_path, "figures.csv")
    rows = _rows(100_000)
    rows[73_999] = rows[73_999].replace(",CNY,", ",EUR,")  # line 74,001 of the file
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "".join(rows))
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        ingest_file(store, path)
    message = str(info.value)
    assert f"{path}:74001: unit 'EUR'" in message
    assert "1 problem(s); nothing was loaded" in message
    assert message.count(f"{path}:") == 1  # that row only
    assert store.export("nquads") == before
    assert not any(store.staging_dir().iterdir()), "staged files left behind"
    # Refused by the check pass, before any of the 100,000 rows is built or validated.
    assert time.monotonic() - started < 60


def test_a_row_the_shapes_refuse_is_named_by_line_in_the_refusal(store, tmp_path):
    before = _loaded_before(store, tmp_path, "figures.csv")
    rows = _rows(300)
    # The loader takes any zid: CURIE as an area; the shapes want it to be a typed place.
    rows[199] = "zid:zone/no-such-zone" + rows[199][rows[199].index(",") :]  # line 201
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "".join(rows))
    with pytest.raises(ValidationFailed) as info:
        ingest_file(store, path)
    named = re.findall(rf"{re.escape(str(path))}:(\d+): ", str(info.value))
    assert named == ["201"]
    focus = {r["focus"] for r in info.value.report.violations}
    assert len(focus) == 1 and focus.pop().startswith(iris.ID + "observation/")
    assert store.export("nquads") == before


def test_one_observation_without_unit_in_an_ntriples_file_is_named_by_its_iri(store, tmp_path):
    table = tmp_path / "table.csv"
    table.write_text(HEADER + "".join(_rows(300)))
    graph = csv_loader.load(table, "figures")
    observations = sorted(graph.subjects(predicate=URIRef(UNIT)))
    broken = observations[150]
    graph.remove((broken, URIRef(UNIT), None))
    path = tmp_path / "figures.nt"
    path.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    with pytest.raises(ValidationFailed) as info:
        ingest_file(store, path)
    assert {r["focus"] for r in info.value.report.violations} == {str(broken)}
    assert iris.source_graph("figures") not in store.graphs()
