"""Throughput and latency of the zonegraph server against ``oxigraph serve-read-only``.

Both servers get the same synthetic store (bench/synthetic.py) and the same
requests, at concurrency 1 and 8; the servers alternate within each round,
and the report gives medians over rounds and our/oxigraph ratios.

    python -m bench.server --zones 900 --rounds 3 --seconds 3

``--rdflib-endpoint`` adds rdflib-endpoint (an rdflib Dataset in memory
behind FastAPI) as a third server, and our/rdflib-endpoint ratios; rdflib
loads N-Quads slowly, so use it with a small store (``--zones 30``).

The client is a minimal HTTP/1.1 keep-alive client on asyncio, so that its
own cost (it shares the machine) stays small next to the servers'.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from bench import synthetic
from kg import iris

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
JSON = "application/sparql-results+json"
NT = "application/n-triples"
P = {
    "area": "<http://purl.org/linked-data/sdmx/2009/dimension#refArea>",
    "period": "<http://purl.org/linked-data/sdmx/2009/dimension#refPeriod>",
    "value": "<http://purl.org/linked-data/sdmx/2009/measure#obsValue>",
    "indicator": f"<{iris.DZ}indicator>",
    "in": f"<{iris.DZ}locatedIn>",
}


def _queries(zones: list[str], rng: random.Random) -> dict:
    """Query kind -> (function giving one query text, Accept)."""
    gdp = f"<{synthetic.indicator_iri('gross-regional-product')}>"

    def point():
        return f"SELECT ?p ?o WHERE {{ <{rng.choice(zones)}> ?p ?o }}", JSON

    def series():
        ind = f"<{synthetic.indicator_iri(rng.choice(list(synthetic.INDICATORS)))}>"
        return (
            f"SELECT ?year ?v WHERE {{ ?obs {P['area']} <{rng.choice(zones)}> ; "
            f"{P['indicator']} {ind} ; {P['period']} ?year ; {P['value']} ?v }} ORDER BY ?year",
            JSON,
        )

    def aggregate():
        return (
            f"SELECT ?province ?year (SUM(?v) AS ?total) WHERE {{ ?obs {P['indicator']} {gdp} ; "
            f"{P['area']} ?zone ; {P['period']} ?year ; {P['value']} ?v . "
            f"?zone {P['in']} ?city . ?city {P['in']} ?province }} GROUP BY ?province ?year",
            JSON,
        )

    def rows10k():
        return f"SELECT ?obs ?v WHERE {{ ?obs {P['value']} ?v }} LIMIT 10000", JSON

    def construct():
        zone = f"<{rng.choice(zones)}>"
        return (
            f"CONSTRUCT {{ {zone} ?p ?o . ?obs ?q ?w }} WHERE {{ {{ {zone} ?p ?o }} UNION "
            f"{{ ?obs {P['area']} {zone} ; {P['indicator']} {gdp} ; ?q ?w }} }}",
            NT,
        )

    return {
        "point lookup": point,
        "25-year series": series,
        "GROUP BY province, year": aggregate,
        "10,000-row SELECT": rows10k,
        "CONSTRUCT one zone": construct,
    }


class _Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads whole responses."""

    def __init__(self, port: int) -> None:
        self.port = port

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def get(self, target: str, accept: str) -> tuple[int, int]:
        self.writer.write(
            f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\n\r\n".encode()
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        lower = head.lower()
        if b"transfer-encoding: chunked" in lower:
            size = 0
            while True:
                n = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                if n == 0:
                    await self.reader.readuntil(b"\r\n")
                    return status, size
                await self.reader.readexactly(n + 2)
                size += n
        start = lower.index(b"content-length:") + 15
        length = int(lower[start : lower.index(b"\r\n", start)])
        await self.reader.readexactly(length)
        return status, length

    def close(self) -> None:
        self.writer.close()


async def _load(port: int, make, concurrency: int, seconds: float) -> dict:
    """Send requests from ``concurrency`` connections for ``seconds``; count and time them."""
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def client():
        nonlocal errors
        conn = _Connection(port)
        await conn.open()
        try:
            while time.perf_counter() < stop:
                query, accept = make()
                t = time.perf_counter()
                status, _ = await conn.get("/sparql?query=" + quote(query), accept)
                latencies.append(time.perf_counter() - t)
                errors += status != 200
        finally:
            conn.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "n": len(latencies),
        "errors": errors,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"a server exited at start: {proc.args}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"no server on port {port} after 120 s")


def _prepare(work: Path, zones: int) -> tuple[Path, Path, int]:
    data = work / f"synthetic-{zones}.nq"
    quads = synthetic.write(data, zones) if not data.exists() else sum(1 for _ in data.open("rb"))
    dirs = work / f"ours-{zones}", work / f"oxigraph-{zones}"
    for d in dirs:
        if not d.exists():
            subprocess.run(
                [OXIGRAPH, "load", "--location", str(d), "--file", str(data)], check=True
            )
    return dirs[0], dirs[1], quads


def _start(ours: Path, theirs: Path, workers: int, rdflib_data: Path | None = None) -> dict:
    servers = {}
    port = _free_port()
    code = (
        "import sys; from kg.config import Settings; from server.app import run; "
        f"run(Settings(store=sys.argv[1], max_concurrent_queries={workers}, query_timeout=60), "
        "port=int(sys.argv[2]), log_level='warning', access_log=False)"
    )
    servers["zonegraph"] = (
        port,
        subprocess.Popen([sys.executable, "-c", code, str(ours), str(port)], env=os.environ),
    )
    port = _free_port()
    servers["oxigraph"] = (
        port,
        subprocess.Popen(
            [OXIGRAPH, "serve-read-only", "--location", str(theirs),
             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        ),
    )  # fmt: skip
    if rdflib_data is not None:
        port = _free_port()
        servers["rdflib-endpoint"] = (
            port,
            subprocess.Popen([sys.executable, "-c", _RDFLIB_ENDPOINT, str(rdflib_data), str(port)]),
        )
    for port, proc in servers.values():
        _wait(port, proc)
    return servers


# rdflib-endpoint over the same quads, the default graph being the union (as for the others).
_RDFLIB_ENDPOINT = """
import sys, uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
data = Dataset(default_union=True)
data.parse(sys.argv[1], format="nquads")
app = SparqlEndpoint(graph=data, path="/sparql")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


async def _bench(servers: dict, zones: list[str], args) -> dict:
    rng = random.Random(1)
    kinds = _queries(zones, rng)
    results: dict = {}
    for round_ in range(args.rounds):
        order = list(servers) if round_ % 2 == 0 else list(reversed(servers))
        for kind, make in kinds.items():
            for concurrency in (1, 8):
                for name in order:
                    port = servers[name][0]
                    await _load(port, make, concurrency, 0.3)  # warm up
                    r = await _load(port, make, concurrency, args.seconds)
                    results.setdefault((kind, concurrency, name), []).append(r)
                    print(
                        f"round {round_ + 1} {kind:26} c={concurrency} {name:10} "
                        f"{r['rps']:8.1f} req/s p50 {r['p50']:7.2f} ms p99 {r['p99']:7.2f} ms"
                        + (f" ERRORS {r['errors']}" if r["errors"] else ""),
                        flush=True,
                    )
    return results


def _report(results: dict) -> str:
    names = list(dict.fromkeys(name for _, _, name in results))
    others = [n for n in names if n != "zonegraph"]
    lines = [
        "| query | c | "
        + " | ".join(f"{n} req/s" for n in names)
        + " | "
        + " | ".join(f"ratio to {n}" for n in others)
        + " | "
        + " | ".join(f"{n} p50 / p99 ms" for n in names)
        + " |",
        "|---" * (2 + 2 * len(names) + len(others)) + "|",
    ]
    kinds = dict.fromkeys(k for k, _, _ in results)
    for kind in kinds:
        for c in (1, 8):
            med = {
                name: {
                    m: statistics.median(r[m] for r in results[(kind, c, name)])
                    for m in ("rps", "p50", "p99")
                }
                for name in names
            }
            ours = med["zonegraph"]
            lines.append(
                f"| {kind} | {c} | "
                + " | ".join(f"{med[n]['rps']:.0f}" for n in names)
                + " | "
                + " | ".join(f"{ours['rps'] / max(med[n]['rps'], 1e-9):.2f}x" for n in others)
                + " | "
                + " | ".join(f"{med[n]['p50']:.1f} / {med[n]['p99']:.1f}" for n in names)
                + " |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=900, help="900 zones give ~1.1 M quads")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=4, help="our query worker processes")
    parser.add_argument("--work", type=Path, default=Path("var/bench/server"))
    parser.add_argument("--clean", action="store_true", help="remove the stores afterwards")
    parser.add_argument(
        "--rdflib-endpoint", action="store_true", help="also measure rdflib-endpoint (small stores)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    ours, theirs, quads = _prepare(args.work, args.zones)
    print(f"{quads} quads, {args.zones} zones; {os.cpu_count()} CPUs", flush=True)
    rdflib_data = args.work / f"synthetic-{args.zones}.nq" if args.rdflib_endpoint else None
    servers = _start(ours, theirs, args.workers, rdflib_data)
    try:
        results = asyncio.run(_bench(servers, synthetic.zone_iris(args.zones), args))
    finally:
        for _, proc in servers.values():
            proc.terminate()
            proc.wait(30)
    print()
    print(_report(results))
    if args.clean:
        shutil.rmtree(args.work)


if __name__ == "__main__":
    main()
