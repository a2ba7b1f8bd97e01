"""Time SHACL validation of CSV sources in the documented template: engine vs pySHACL.

Each row is one observation in docs/csv-template.md's columns (area, indicator,
period, value, unit, statistic) with a unique key; the CSV loader makes about 23
triples of each row. The engine (the default validator) and pySHACL
(``--validator pyshacl``) validate the same graphs with ontology/shapes.ttl; the
table gives, for the engine, the ratio of each row's time (wall clock and CPU) to
the previous row's next to the ratio of their sizes: linear growth keeps them
about equal.

    python -m bench.validation                         # 200, 1000, 10000 rows
    python -m bench.validation --rows 200 1000 --pyshacl-max 200
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from rdflib import Graph

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


def _seconds(run) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``run()`` (CPU time of this process, all its threads:
    on a shared machine other processes do not count against it)."""
    wall, cpu = time.perf_counter(), time.process_time()
    conforms = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if not conforms:
        raise SystemExit("the generated CSV does not conform")
    return wall, cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200, 1000, 10000])
    parser.add_argument(
        "--pyshacl-max", type=int, default=200, help="largest size pySHACL is run on"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    validate(Graph())  # builds the default engine: shapes compiled, context loaded
    print(f"engine set-up, once per process: {time.perf_counter() - start:.3f} s\n")
    print(
        "| rows | triples | engine (s) | engine CPU (s) | CPU s per 1,000 rows "
        "| x rows | x engine time | x engine CPU | pyshacl (s) | pyshacl / engine |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    previous: tuple[int, float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"figures-{rows}.csv"
            write_csv(path, rows)
            graph = csv_loader.load(path, f"bench-{rows}")
            wall, cpu = _seconds(lambda g=graph: validate(g).conforms)
            growth = ["", "", ""]
            if previous:
                growth = [
                    f"{rows / previous[0]:.1f}",
                    f"{wall / previous[1]:.1f}",
                    f"{cpu / previous[2]:.1f}",
                ]
            previous = (rows, wall, cpu)
            slow, ratio = "not run", ""
            if rows <= args.pyshacl_max:
                seconds, _ = _seconds(lambda g=graph: validate(g, validator="pyshacl").conforms)
                slow, ratio = f"{seconds:.2f}", f"{seconds / wall:.0f}x"
            print(
                f"| {rows:,} | {len(graph):,} | {wall:.3f} | {cpu:.3f} | {cpu / rows * 1000:.3f} "
                f"| {' | '.join(growth)} | {slow} | {ratio} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
