"""Time SHACL validation of CSV sources in the documented template: engine vs pySHACL.

Each row is one observation in docs/csv-template.md's columns (area, indicator,
period, value, unit, statistic) with a unique key; the CSV loader makes 15
triples of each row. Three validators are timed on the same graphs:

* ``pyshacl``: ``--validator pyshacl`` with ontology/shapes.ttl (quadratic);
* ``engine``: the default engine with ontology/shapes.ttl as it is;
* ``engine, linear IC-12``: the engine with the Data Cube IC-12 check of
  shapes.ttl rewritten as a join on the dimension key (LINEAR_IC12 below):
  the IC-12 query of shapes.ttl compares every pair of observations of a data
  set, which no engine can make linear.

    python -m bench.validation                         # 200, 1000, 10000 rows
    python -m bench.validation --rows 200 1000 --pyshacl-max 200 --engine-max 1000
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from kg import reference, shacl
from kg.validation import validate
from loaders import csv as csv_loader

AREAS = ["China", "Singapore", "South Korea", "Japan", "West China"]
INDICATORS = [
    "total imports and exports",
    "gross regional product",
    "actual use of foreign capital",
    "fixed asset investment",
]
COLUMNS = ["area", "indicator", "period", "value", "unit", "statistic"]
# IC-12 as a join of two subqueries on the five dimensions of dz:dsd: Oxigraph
# hash-joins them, so the cost grows with the number of observations.
LINEAR_IC12 = '''SELECT $this ?value ?other WHERE {
            { SELECT ?this ?obs ?area ?period ?indicator ?statistic ?scope WHERE {
                ?obs qb:dataSet $this ; sdmx-dimension:refArea ?area ;
                     sdmx-dimension:refPeriod ?period ; dz:indicator ?indicator ;
                     dz:statistic ?statistic ; dz:scope ?scope . } }
            { SELECT ?this ?other ?area ?period ?indicator ?statistic ?scope WHERE {
                ?other qb:dataSet $this ; sdmx-dimension:refArea ?area ;
                     sdmx-dimension:refPeriod ?period ; dz:indicator ?indicator ;
                     dz:statistic ?statistic ; dz:scope ?scope . } }
            FILTER (STR(?other) > STR(?obs))
            BIND (?obs AS ?value)
        }"""'''


def write_csv(path: Path, rows: int) -> None:
    """A CSV of ``rows`` observations with distinct (area, indicator, period) keys."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        keys = len(AREAS) * len(INDICATORS)
        for i in range(rows):
            month = i // keys  # one month per block of area x indicator keys
            period = f"{1800 + month // 12}-{month % 12 + 1:02d}"
            area = AREAS[i % len(AREAS)]
            indicator = INDICATORS[(i // len(AREAS)) % len(INDICATORS)]
            out.writerow([area, indicator, period, f"{1000 + i}.5", "CNY", "level"])


def linear_ic12_shapes() -> Graph:
    """ontology/shapes.ttl with its IC-12 query replaced by LINEAR_IC12."""
    text = reference.shapes_file().read_text(encoding="utf-8")
    start = text.index("SELECT $this ?value ?other WHERE {")
    end = text.index('}"""', start) + len('}"""')
    return Graph().parse(data=text[:start] + LINEAR_IC12 + text[end:], format="turtle")


def _context() -> dict[str, Graph]:
    return {"ontology": reference.ontology_graph(), "reference": reference.reference_graph()}


def _seconds(run) -> float:
    start = time.perf_counter()
    conforms = run()
    elapsed = time.perf_counter() - start
    if not conforms:
        raise SystemExit("the generated CSV does not conform")
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200, 1000, 10000])
    parser.add_argument("--pyshacl-max", type=int, default=1000)
    parser.add_argument("--engine-max", type=int, default=1000, help="engine with shapes.ttl")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    linear = shacl.Engine(linear_ic12_shapes(), _context())
    validate(Graph())  # builds the default engine: shapes compiled, context loaded
    print(f"engine set-up, once per process: {(time.perf_counter() - start) / 2:.3f} s\n")
    print(
        "| rows | triples | pyshacl (s) | engine (s) | engine, linear IC-12 (s) "
        "| pyshacl / engine, linear IC-12 | linear IC-12: s per 1,000 rows |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"figures-{rows}.csv"
            write_csv(path, rows)
            graph = csv_loader.load(path, f"bench-{rows}")
            fast = _seconds(lambda g=graph: linear.validate(g)[0])
            engine = "not run"
            if rows <= args.engine_max:
                engine = f"{_seconds(lambda g=graph: validate(g).conforms):.3f}"
            slow, ratio = "not run", ""
            if rows <= args.pyshacl_max:
                seconds = _seconds(lambda g=graph: validate(g, validator="pyshacl").conforms)
                slow, ratio = f"{seconds:.2f}", f"{seconds / fast:.0f}x"
            print(
                f"| {rows:,} | {len(graph):,} | {slow} | {engine} | {fast:.3f} | {ratio} "
                f"| {fast / rows * 1000:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
