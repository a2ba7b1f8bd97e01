"""Load and query times of the remote backend (a local `oxigraph serve`) against the embedded one.

Run: .venv/bin/python bench/remote.py [--quads 1000000] [--graphs 100] [--repeat 5]

Two workloads, each on a fresh embedded store and a fresh server:
- corpus: the ontology, reference data and data/documents, loaded with kg.ingest;
- synthetic: ``--quads`` quads of Data Cube observations in ``--graphs`` source graphs
  (bench/synthetic.py when it exists, else a simple generator here).
Query times are the median of ``--repeat`` runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import io
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from kg import iris
from kg.remote import RemoteStore
from kg.store import OxigraphStore, Store

ROOT = Path(__file__).resolve().parent.parent
P = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in iris.PREFIXES.items())
ZONE = iris.ID + "zone/z-7"
QUERIES = {
    "count quads": None,  # store.count()
    "labels of one zone": P + f"SELECT ?l WHERE {{ <{ZONE}> rdfs:label ?l }}",
    "observations of one zone": P
    + f"SELECT ?o ?v WHERE {{ ?o sdmx-dimension:refArea <{ZONE}> ; sdmx-measure:obsValue ?v }}",
    "sum by indicator (scan)": P
    + "SELECT ?i (SUM(?v) AS ?t) (COUNT(?o) AS ?n) WHERE { ?o dz:indicator ?i ; "
    "sdmx-measure:obsValue ?v } GROUP BY ?i",
    "list graphs": None,  # store.graphs()
    "export nquads": None,  # store.export("nquads")
}


def synthetic(quads: int, graphs: int) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, N-Triples) pairs holding about ``quads`` quads in all."""
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        import synthetic as generator  # type: ignore[import-not-found]

        yield from generator.graphs(quads=quads, graphs=graphs)
        return
    except (ImportError, AttributeError):
        pass
    per_obs = 6
    observations = quads // per_obs
    per_graph = max(1, observations // graphs)
    d, m = iris.PREFIXES["sdmx-dimension"], iris.PREFIXES["sdmx-measure"]
    for g in range(graphs):
        lines = []
        for k in range(per_graph):
            n = g * per_graph + k
            obs = f"<{iris.ID}observation/synth-{g}/{k}>"
            lines += [
                f"{obs} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                "<http://purl.org/linked-data/cube#Observation> .",
                f"{obs} <{d}refArea> <{iris.ID}zone/z-{n % 500}> .",
                f"{obs} <{d}refPeriod> <http://reference.data.gov.uk/id/year/{2000 + n % 25}> .",
                f"{obs} <{iris.DZ}indicator> <{iris.ID}indicator/i-{n % 40}> .",
                f'{obs} <{m}obsValue> "{n * 7 % 100003}.5"^^'
                "<http://www.w3.org/2001/XMLSchema#decimal> .",
                f"{obs} <{iris.PREFIXES['sdmx-attribute']}unitMeasure> <{iris.ID}unit/CNY> .",
            ]
        if g == 0:
            lines += [
                f'<{iris.ID}zone/z-{z}> <{iris.PREFIXES["rdfs"]}label> "Zone {z}"@en .'
                for z in range(500)
            ]
        yield iris.source_graph(f"synth-{g}"), ("\n".join(lines) + "\n").encode()


def load_corpus(store: Store) -> None:
    from kg.ingest import ensure_seeded, expand_paths, ingest_file

    ensure_seeded(store)
    for path in expand_paths([str(ROOT / "data" / "documents")]):
        try:
            ingest_file(store, path, force=True)
        except Exception as e:  # the corpus loaders may still be in progress
            print(f"  (skipped {path.name}: {type(e).__name__}: {e})", file=sys.stderr)


def load_synthetic(quads: int, graphs: int) -> Callable[[Store], None]:
    data = list(synthetic(quads, graphs))

    def load(store: Store) -> None:
        for graph, body in data:
            store.replace_graphs({graph: body})

    return load


class Server:
    """A throwaway `oxigraph serve` on a free port of 127.0.0.1."""

    def __enter__(self) -> str:
        self.dir = tempfile.mkdtemp(prefix="zonegraph-bench-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        self.process = subprocess.Popen(
            [binary, "serve", "--location", self.dir, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        return f"http://127.0.0.1:{port}/query"

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


def measure(store: Store, load: Callable[[Store], None], repeat: int) -> dict[str, float]:
    start = time.perf_counter()
    load(store)
    times = {"load (s)": time.perf_counter() - start, "quads": float(store.count())}
    for name, sparql in QUERIES.items():
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            if name == "count quads":
                store.count()
            elif name == "list graphs":
                store.graphs()
            elif name == "export nquads":
                store.export("nquads", io.BytesIO())
            else:
                store.query(sparql).serialize("json")
            runs.append((time.perf_counter() - start) * 1000)
        times[f"{name} (ms)"] = statistics.median(runs)
    return times


def run(workload: str, load: Callable[[Store], None], repeat: int) -> dict[str, dict]:
    out = {}
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as d:
        embedded = OxigraphStore(Path(d) / "store")
        out["embedded"] = measure(embedded, load, repeat)
        embedded.close()
        del embedded  # releases the RocksDB files before the directory goes
    with Server() as url:
        remote = RemoteStore(url, progress=lambda *a: None)
        out["remote"] = measure(remote, load, repeat)
        remote.close()
    print_table(workload, out)
    return out


def print_table(workload: str, results: dict[str, dict]) -> None:
    rows = list(results["embedded"])
    print(f"\n{workload}")
    print(f"{'measure':32} {'embedded':>12} {'remote':>12} {'remote/embedded':>16}")
    for row in rows:
        a, b = results["embedded"][row], results["remote"][row]
        ratio = f"{b / a:.1f}x" if a and row != "quads" else ""
        print(f"{row:32} {a:12.2f} {b:12.2f} {ratio:>16}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--graphs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_corpus(OxigraphStore(None))  # warm-up: builds the seed graphs once, off the clock
    run("default corpus (data/documents + seed)", load_corpus, args.repeat)
    run(
        f"synthetic ({args.quads:,} quads in {args.graphs} graphs)",
        load_synthetic(args.quads, args.graphs),
        args.repeat,
    )


if __name__ == "__main__":
    main()
