"""Time SHACL validation of CSV sources in the documented template: engine vs pySHACL.

Each row is one observation in docs/csv-template.md's columns (area, indicator,
period, value, unit, statistic) with a unique key; the CSV loader makes 15
triples of each row. pySHACL runs only up to 1,000 rows (it grows
quadratically: 476 s for 1,000 rows through `zonegraph load`).

    python -m bench.validation                  # 200, 1000, 10000 rows
    python -m bench.validation --rows 200 1000 --pyshacl-max 200
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from kg import validation
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


def _time(graph, validator: str) -> tuple[float, int]:
    start = time.perf_counter()
    report = validate(graph, validator=validator)
    elapsed = time.perf_counter() - start
    if not report.conforms:
        raise SystemExit(f"{validator}: the generated CSV does not conform:\n{report.text()}")
    return elapsed, len(report.results)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200, 1000, 10000])
    parser.add_argument("--pyshacl-max", type=int, default=1000)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    validation.engine()  # built once per process: shapes compiled, context loaded
    print(f"engine set-up (once per process): {time.perf_counter() - start:.3f} s\n")
    print(
        "| rows | triples | engine (s) | pyshacl (s) | pyshacl / engine | engine s per 1,000 rows |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"figures-{rows}.csv"
            write_csv(path, rows)
            graph = csv_loader.load(path, f"bench-{rows}")
            engine, _ = _time(graph, "engine")
            if rows <= args.pyshacl_max:
                slow, _ = _time(graph, "pyshacl")
                other, ratio = f"{slow:.2f}", f"{slow / engine:.0f}x"
            else:
                other, ratio = "not run", ""
            print(
                f"| {rows:,} | {len(graph):,} | {engine:.3f} | {other} | {ratio} "
                f"| {engine / rows * 1000:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
