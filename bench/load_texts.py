"""Time `zonegraph load` of N news texts into a fresh store, phase by phase.

Each run is a new process (imports and caches cold, as for a user) that calls the
CLI's ``load`` command on a folder of N texts and a new store; the phases of the
real path are timed by wrapping the functions that do them, each charged only
for its own time (a phase inside another is taken out of the outer one):

* start-up: importing the CLI and what ``load`` imports;
* open + seed: opening the store and loading the ontology, schemes and reference data;
* parse: the loaders (text to RDF, streamed into the staging area);
* engine set-up: shapes compiled and context loaded, once per process;
* validate: the SHACL gate, per source;
* store checks: the source against the other sources in the store (kg.validation);
* duplicates: figures with another source's dimension key (kg.duplicates);
* commit: the staged file into the store (a source's graph and its load record);
* catalogue: the DCAT/VoID metadata refreshed after the loads;
* other: the rest of the command (reading files, the table, closing the store).

The texts are those of ``--docs`` (default: /work/corpus/dev, the 36 texts of the
development corpus, else the project's own text fixtures), repeated under new
names until there are N.

    python -m bench.load_texts                      # 36 and 100 texts
    python -m bench.load_texts --count 36 --docs var/corpus
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV_CORPUS = Path("/work/corpus/dev")
PHASES = [
    "start-up", "open + seed", "parse", "engine set-up", "validate", "store checks",
    "duplicates", "commit", "catalogue", "other",
]  # fmt: skip


def texts(folder: Path | None) -> list[Path]:
    """The texts to load: ``folder``'s, the development corpus, or the text fixtures."""
    for candidate in [folder] if folder else [DEV_CORPUS, REPO / "tests" / "fixtures" / "text"]:
        found = sorted(p for p in candidate.glob("*") if p.suffix in (".txt", ".html"))
        if found:
            return found
    raise SystemExit(f"no .txt or .html texts in {folder or DEV_CORPUS}")


def copy_texts(sources: list[Path], count: int, into: Path) -> None:
    """``count`` texts in ``into``: ``sources`` in turn, renamed on each round after the first."""
    for i in range(count):
        source = sources[i % len(sources)]
        round_ = i // len(sources)
        name = source.stem + (f"-copy{round_}" if round_ else "") + source.suffix
        shutil.copyfile(source, into / name)


class _Clock:
    """Exclusive wall and CPU time per phase: a phase entered inside another pauses it."""

    def __init__(self) -> None:
        self.wall = dict.fromkeys(PHASES, 0.0)
        self.cpu = dict.fromkeys(PHASES, 0.0)
        self._stack = ["other"]
        self._mark = (time.perf_counter(), time.process_time())

    def _charge(self) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.wall[self._stack[-1]] += wall - self._mark[0]
        self.cpu[self._stack[-1]] += cpu - self._mark[1]
        self._mark = (wall, cpu)

    def wrap(self, owner, name: str, phase: str) -> None:
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            self._charge()
            self._stack.append(phase)
            try:
                return inner(*args, **kwargs)
            finally:
                self._charge()
                self._stack.pop()

        setattr(owner, name, timed)


def child(folder: Path, store: Path) -> dict:
    """In the timed process: run ``zonegraph load folder --store store``, phase by phase."""
    clock = _Clock()
    clock._stack.append("start-up")
    from kg import catalog, cli, ingest, validation
    from kg import store as store_module

    clock._charge()
    clock._stack.pop()
    clock.wrap(cli, "_open", "open + seed")
    clock.wrap(ingest, "stage_file", "parse")
    clock.wrap(validation, "engine", "engine set-up")
    clock.wrap(ingest, "validate", "validate")
    clock.wrap(ingest, "check_against_store", "store checks")
    clock.wrap(ingest, "check_duplicates", "duplicates")
    clock.wrap(store_module.OxigraphStore, "replace_graph_from", "commit")
    clock.wrap(catalog, "refresh_catalog", "catalogue")
    try:
        cli.app(["load", str(folder), "--store", str(store)], standalone_mode=False)
    except SystemExit as e:  # a refused source: the figures still stand, the caller says so
        if e.code:
            print(f"zonegraph load exited with {e.code}", file=sys.stderr)
    clock._charge()
    return {"wall": clock.wall, "cpu": clock.cpu}


def run(sources: list[Path], count: int) -> dict:
    """Time one load of ``count`` texts in a new process; the phases' wall and CPU seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        folder, store = Path(tmp) / "texts", Path(tmp) / "store"
        folder.mkdir()
        copy_texts(sources, count, folder)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bench.load_texts", "--child", str(folder), str(store)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"the timed load failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process"] = elapsed
    figures["stderr"] = done.stderr.strip()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, nargs="+", default=[36, 100])
    parser.add_argument("--docs", type=Path, default=None, help="folder of .txt/.html texts")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        figures = child(*args.child)
        print(json.dumps(figures))
        return
    sources = texts(args.docs)
    print(f"texts from {sources[0].parent} ({len(sources)} files)\n")
    runs = {n: run(sources, n) for n in args.count}
    head = " | ".join(f"{n} texts: s | CPU s" for n in args.count)
    print(f"| phase | {head} |")
    print("|---|" + "---|---|" * len(args.count))
    for phase in PHASES:
        cells = " | ".join(
            f"{runs[n]['wall'][phase]:.3f} | {runs[n]['cpu'][phase]:.3f}" for n in args.count
        )
        print(f"| {phase} | {cells} |")
    totals = " | ".join(
        f"{sum(runs[n]['wall'].values()):.3f} | {sum(runs[n]['cpu'].values()):.3f}"
        for n in args.count
    )
    print(f"| **total** | {totals} |")
    process = " | ".join(f"{runs[n]['process']:.3f} | " for n in args.count)
    print(f"| whole process, from the shell | {process}|")
    for n in args.count:
        if runs[n]["stderr"]:
            print(f"\n{n} texts: {runs[n]['stderr'].splitlines()[-1]}")


if __name__ == "__main__":
    main()
