"""Validated ingest (the ``zonegraph load`` path, in-process) against Oxigraph's raw bulk load.

A corpus of observations is generated in the CSV template of docs/csv-template.md
(area, indicator, period, value, unit, statistic; unique keys), with the areas,
code-list indicators, units and years of bench/synthetic.py, and the same
observations are written as N-Quads (the quads the CSV loader makes of the table).
For each size, three runs, each in a fresh process, on the same machine in one go:

* ``csv ingest``: kg.ingest.ingest_file of the CSV into a new seeded store
  (parse, SHACL validation, atomic commit, catalogue record);
* ``nq ingest``: the same for the N-Quads file;
* ``parse+commit``: the CSV ingest without its SHACL gate (staging, then the same
  commit), to tell the validator's share from the rest of the path;
* ``bulk_load``: pyoxigraph's ``Store.bulk_load`` of the N-Quads into a new store,
  no validation.

Every size runs the SHACL gate: validation is in the measured path of both ingest
runs. Set-up that every process pays once (seeding the store, building the SHACL
engine) is left out of the ingest figures and printed apart. Peak RSS is the largest
resident set of the ingest processes of that size. CPU seconds (user + system, all
threads of the process, for the measured part) are printed next to the wall-clock
ones: on a shared machine they move less with the load.

    python -m bench.ingest                      # 10^3 .. 10^6 quads
    python -m bench.ingest --max 100000         # stop at 10^5 (quick)
    python -m bench.ingest --bad-row 100000     # also: one bad row among 100,000
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/ingest.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import synthetic

COLUMNS = ["area", "indicator", "period", "value", "unit", "statistic"]
SIZES = [10**3, 10**4, 10**5, 10**6]


def _areas() -> list[str]:
    """Provinces of bench/synthetic.py, then the countries, that the reference data types."""
    import pycountry
    from rdflib import RDF, URIRef

    from kg import reference
    from loaders.csv import _resolve

    ref = reference.reference_graph()
    candidates = [
        *synthetic.PROVINCES,
        *(f"zid:country/{c.alpha_2.lower()}" for c in pycountry.countries),
    ]
    typed = []
    for area in candidates:
        iri = _resolve(area)
        if iri and (URIRef(iri), RDF.type, None) in ref:
            typed.append(area)
    return typed


def _indicators() -> list[tuple[str, str]]:
    """(CURIE, unit) of bench/synthetic.py's indicators that are in the curated code list."""
    from kg import iris, model

    found = []
    for slug, unit in synthetic.INDICATORS.items():
        if model.indicator_concept(synthetic.indicator_iri(slug)) is not None:
            found.append((f"zid:{synthetic.indicator_iri(slug)[len(iris.ID) :]}", unit))
    return found


def write_csv(path: Path, rows: int, *, bad_line: int | None = None) -> None:
    """``rows`` observations with distinct (area, indicator, period) keys, monthly periods.

    With ``bad_line``, the row on that line of the file names an unknown unit.
    """
    areas, indicators = _areas(), _indicators()
    periods = [f"{y}-{m:02d}" for y in synthetic.YEARS for m in range(1, 13)]
    if rows > len(areas) * len(indicators) * len(periods):
        raise SystemExit(f"{rows} rows need more distinct keys than the generator has")
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        for i in range(rows):
            area = areas[i % len(areas)]
            indicator, unit = indicators[(i // len(areas)) % len(indicators)]
            period = periods[i // (len(areas) * len(indicators))]
            if bad_line is not None and i + 2 == bad_line:
                unit = "EUR"
            out.writerow([area, indicator, period, f"{1000 + i}.5", unit, "level"])


def write_nquads(csv_path: Path, nq_path: Path) -> int:
    """The quads the CSV loader makes of the table, in the CSV source's graph; their count."""
    from kg import iris
    from kg.ingest import source_id_for
    from kg.staging import Staged
    from loaders import stage_file

    source_id = source_id_for(csv_path)
    graph = f" <{iris.source_graph(source_id)}> .\n".encode()
    with Staged.create(nq_path.parent) as staged:
        stage_file(csv_path, source_id, staged)
    with staged.path.open("rb") as lines, nq_path.open("wb") as out:
        for line in lines:
            out.write(line[: -len(b" .\n")] + graph)
    staged.discard()
    return staged.triples


def rows_for(quads: int, tmp: Path) -> int:
    """How many rows give about ``quads`` quads (measured on a sample of the generator)."""
    sample, sample_nq = tmp / "sample.csv", tmp / "sample.nq"
    write_csv(sample, 200)
    per_row = write_nquads(sample, sample_nq) / 200
    return max(1, round(quads / per_row))


# -- one measurement per process ------------------------------------------------------------


def _child(kind: str, path: str, store_dir: str) -> dict:
    if kind == "bulk_load":
        import pyoxigraph as ox

        started, cpu = time.perf_counter(), _cpu()
        store = ox.Store(store_dir)
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
        store.flush()
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "cpu": _cpu() - cpu, "quads": len(store), "rss": _peak_mb()}
    from rdflib import Graph

    from kg.errors import ValidationFailed, ZonegraphError
    from kg.ingest import ensure_seeded, ingest_file
    from kg.store import open_store
    from kg.validation import validate

    started = time.perf_counter()
    store = open_store(store_dir)
    ensure_seeded(store)
    if kind == "parse+commit":
        return _unvalidated(store, Path(path))
    validate(Graph())  # builds the engine: shapes compiled, context loaded
    setup = time.perf_counter() - started
    started, cpu = time.perf_counter(), _cpu()
    try:
        result = ingest_file(store, Path(path))
    except (ValidationFailed, ZonegraphError) as e:
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "refused": str(e)[:2000], "setup": setup, "rss": _peak_mb()}
    seconds = time.perf_counter() - started
    store.close()
    return {
        "seconds": seconds,
        "cpu": _cpu() - cpu,
        "triples": result.triples,
        "phases": result.timings,
        "setup": setup,
        "rss": _peak_mb(),
    }


def _unvalidated(store, path: Path) -> dict:
    """What ingest_file does, less the SHACL gate: stage the file, commit it."""
    from kg import iris
    from kg.ingest import source_id_for
    from kg.staging import Staged
    from loaders import stage_file

    source_id = source_id_for(path)
    started, cpu = time.perf_counter(), _cpu()
    with Staged.create(store.staging_dir()) as staged:
        stage_file(path, source_id, staged)
    parse = time.perf_counter() - started
    store.replace_graph_from(iris.source_graph(source_id), staged.path, triples=staged.triples)
    staged.discard()
    store.close()
    seconds = time.perf_counter() - started
    phases = {"parse": parse, "validate": 0.0, "commit": seconds - parse}
    return {"seconds": seconds, "cpu": _cpu() - cpu, "phases": phases, "rss": _peak_mb()}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(kind: str, path: Path, tmp: Path, timeout: float) -> dict:
    store = tempfile.mkdtemp(prefix=f"{kind}-", dir=tmp)
    command = [sys.executable, "-m", "bench.ingest", "--child", kind, str(path), store]
    root = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=root, check=False
        )
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    finally:
        subprocess.run(["rm", "-rf", store], check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} of {path} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _s(m: dict) -> str:
    if "skipped" in m:
        return "not run"
    return f"> {m['timeout']:.0f}" if "timeout" in m else f"{m['seconds']:.2f}"


def _ratio(a: dict, b: dict, key: str = "seconds") -> str:
    if key not in a or key not in b:
        return "-"
    return f"{a[key] / b[key]:.2f}x"


def _cpu_s(m: dict) -> str:
    return f"{m['cpu']:.2f}" if "cpu" in m else "-"


def _phases(m: dict) -> str:
    if "phases" not in m:
        return "-"
    return " / ".join(f"{m['phases'].get(p, 0):.2f}" for p in ("parse", "validate", "commit"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES, help="quads per corpus")
    parser.add_argument("--max", type=int, default=max(SIZES), help="largest size to run")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    parser.add_argument(
        "--bad-row", type=int, metavar="ROWS", help="also load ROWS rows with one bad row"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return
    sizes = [n for n in args.sizes if n <= args.max]
    print(
        "| quads | rows | csv ingest (s) | nq ingest (s) | parse+commit, no SHACL (s) "
        "| bulk_load (s) | csv / bulk_load | nq / bulk_load | parse+commit / bulk_load "
        "| peak RSS, ingest (MB) | peak RSS, bulk_load (MB) | csv ingest / previous row "
        "| parse+commit / previous row | csv phases parse / validate / commit (s) "
        "| CPU s: csv / nq / parse+commit / bulk_load | CPU: csv / bulk_load | nq / bulk_load |"
    )
    print("|" + "---|" * 17)
    previous: dict[str, dict] = {}
    setups = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as name:
        tmp = Path(name)
        for size in sizes:
            rows = rows_for(size, tmp)
            csv_path, nq_path = tmp / f"figures-{size}.csv", tmp / f"figures-{size}.nq"
            write_csv(csv_path, rows)
            quads = write_nquads(csv_path, nq_path)
            runs = {}
            for kind, path in (
                ("csv", csv_path), ("nq", nq_path), ("parse+commit", csv_path),
                ("bulk_load", nq_path),
            ):  # fmt: skip
                runs[kind] = _measure(kind, path, tmp, args.timeout)
            for run in (runs["csv"], runs["nq"]):
                if "refused" in run:
                    raise SystemExit(f"the generated corpus was refused:\n{run['refused']}")
                if "setup" in run:
                    setups.append(run["setup"])
            bulk, fast = runs["bulk_load"], runs["parse+commit"]
            rss = max(runs[k].get("rss", 0) for k in ("csv", "nq", "parse+commit"))
            print(
                f"| {quads:,} | {rows:,} | {_s(runs['csv'])} | {_s(runs['nq'])} | {_s(fast)} "
                f"| {_s(bulk)} | {_ratio(runs['csv'], bulk)} | {_ratio(runs['nq'], bulk)} "
                f"| {_ratio(fast, bulk)} | {rss:.0f} | {bulk.get('rss', 0):.0f} "
                f"| {_ratio(runs['csv'], previous['csv']) if previous else '-'} "
                f"| {_ratio(fast, previous['parse+commit']) if previous else '-'} "
                f"| {_phases(runs['csv'])} "
                f"| {' / '.join(_cpu_s(runs[k]) for k in ('csv', 'nq', 'parse+commit'))} "
                f"/ {_cpu_s(bulk)} | {_ratio(runs['csv'], bulk, 'cpu')} "
                f"| {_ratio(runs['nq'], bulk, 'cpu')} |",
                flush=True,
            )
            previous = runs
            csv_path.unlink()
            nq_path.unlink()
        if setups:
            print(f"\nset-up per process (seed store, build engine), not counted: "
                  f"{min(setups):.2f}-{max(setups):.2f} s")  # fmt: skip
        if args.bad_row:
            _bad_row(args.bad_row, tmp, args.timeout)


def _bad_row(rows: int, tmp: Path, timeout: float) -> None:
    """Load ``rows`` rows of which the one in the middle is bad: refused whole, row named."""
    path = tmp / f"one-bad-row-{rows}.csv"
    bad_line = rows // 2 + 2
    write_csv(path, rows, bad_line=bad_line)
    run = _measure("csv", path, tmp, timeout)
    if "timeout" in run:
        print(f"\none bad row among {rows:,}: not refused within {timeout:.0f} s")
        return
    refused = run.get("refused", "")
    named = f"{path}:{bad_line}:" in refused
    print(
        f"\none bad row among {rows:,} (line {bad_line:,}): "
        f"{'refused' if refused else 'LOADED'} in {run['seconds']:.2f} s, "
        f"the report {'names' if named else 'does NOT name'} the row"
    )


if __name__ == "__main__":
    main()
