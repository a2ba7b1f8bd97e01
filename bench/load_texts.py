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

The texts are those of ``--docs`` (one or more folders; default: /work/corpus/dev,
the 36 texts of the development corpus, else the project's own text fixtures),
repeated under new names until there are N. A repeated text is refused by the
loader as a copy of a loaded source (parsed and validated, never committed), so
give folders with N distinct texts for a figure of N real loads:

    python -m bench.load_texts                      # 36 and 100 texts
    python -m bench.load_texts --count 36 --docs var/corpus
    python -m bench.load_texts --count 100 --docs /work/corpus/dev /work/corpus/r4 ...
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


def _texts_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".html"))


def texts(folders: list[Path] | None) -> list[Path]:
    """The texts to load: those of ``folders``, else the development corpus or the fixtures."""
    if folders:
        found = [p for folder in folders for p in _texts_in(folder)]
        if not found:
            raise SystemExit(f"no .txt or .html texts in {', '.join(map(str, folders))}")
        if len({p.name for p in found}) < len(found):
            raise SystemExit("two texts of --docs have the same file name")
        return found
    for candidate in [DEV_CORPUS, REPO / "tests" / "fixtures" / "text"]:
        if found := _texts_in(candidate):
            return found
    raise SystemExit(f"no .txt or .html texts in {DEV_CORPUS}")


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
    parser.add_argument(
        "--docs", type=Path, nargs="+", default=None, help="folders of .txt/.html texts"
    )
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        figures = child(*args.child)
        print(json.dumps(figures))
        return
    sources = texts(args.docs)
    folders = sorted({str(p.parent) for p in sources})
    print(f"texts from {', '.join(folders)} ({len(sources)} files)")
    for n in args.count:
        if n > len(sources):
            print(
                f"{n} texts: {n - len(sources)} are copies, refused by the loader as copies of "
                "a loaded source (parsed and validated, not committed)"
            )
    print()
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
