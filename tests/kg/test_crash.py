"""A kill -9 in the middle of an ingest leaves the old version of a source or the new one."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import iris
from kg.store import COMMIT_JOURNAL, TRANSACTION_TRIPLES, open_store

ZONEGRAPH = str(Path(sys.executable).parent / "zonegraph")
pytestmark = pytest.mark.slow


def _write_source(path: Path, version: int, n: int) -> None:
    lines = (
        f'<https://example.org/v{version}/s{i}> <https://example.org/p> "value {i} of v{version}" .'
        for i in range(n)
    )
    path.write_text("\n".join(lines) + "\n")


def _load(store: Path, source: Path, log=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen(
        [ZONEGRAPH, "load", str(source), "--store", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


def _state(store: Path) -> tuple[int, int | None]:
    """Triples in the source graph, and the count its latest catalogue record claims."""
    db = open_store(store)
    graph, doc = iris.source_graph("big"), iris.source_doc_iri("big")
    rows = db.select(
        f"SELECT ?n WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{ <{doc}> <{iris.DZ}latestLoad> ?r . "
        f"?r <{iris.DZ}graph> <{graph}> ; <{iris.DZ}tripleCount> ?n }} }}"
    )
    assert len(rows) <= 1, "one latest load record"
    state = db.count(graph), (int(rows[0]["n"]) if rows else None)
    db.close()
    del db
    return state


def test_kill_during_ingest_leaves_old_or_new_version(tmp_path):
    old_n, new_n = 2_000, 30_000
    source = tmp_path / "big.nt"
    base = tmp_path / "base"
    _write_source(source, 1, old_n)
    assert _load(base, source).wait(timeout=120) == 0
    assert _state(base) == (old_n, old_n)

    _write_source(source, 2, new_n)
    timing = tmp_path / "timing"
    shutil.copytree(base, timing)
    started = time.monotonic()
    assert _load(timing, source).wait(timeout=120) == 0
    full = time.monotonic() - started
    assert _state(timing) == (new_n, new_n)

    seen = set()
    # The first kill waits for the staged file (the load is reading the source), so that one
    # kill surely lands before the commit however fast or slow the machine is at the moment;
    # the others at fractions of the time a whole load took.
    for fraction in (None, 0.3, 0.6, 0.8, 0.9, 0.97):
        store = tmp_path / f"kill-{fraction}"
        shutil.copytree(base, store)
        proc = _load(store, source)
        if fraction is None:
            assert _wait_for(lambda s=store: any(_staging(s).glob("stage-*.nt")), proc)
        else:
            time.sleep(full * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        graph_n, recorded_n = _state(store)
        # Never a mix: the graph is whole, and the catalogue agrees with it.
        assert graph_n in (old_n, new_n), f"half-written graph after kill at {fraction}"
        assert recorded_n == graph_n
        seen.add(graph_n)
    assert old_n in seen  # at least one kill landed before the commit


def _staging(store: Path) -> Path:
    return store.with_name(store.name + ".staging")


def _wait_for(path_test, proc: subprocess.Popen, timeout: float = 120) -> bool:
    """Poll until ``path_test()`` holds; False when the load ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path_test():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    raise AssertionError("the load never reached the phase")


def test_kill_of_a_large_load_mid_parse_or_mid_commit_leaves_old_or_new(tmp_path):
    # Both versions are over the one-transaction limit: the old one is deleted in
    # batches and the new one bulk-loaded, under the commit journal.
    old_n, new_n = TRANSACTION_TRIPLES * 3, TRANSACTION_TRIPLES * 6
    source = tmp_path / "big.nt"
    base = tmp_path / "base"
    _write_source(source, 1, old_n)
    assert _load(base, source).wait(timeout=300) == 0
    assert _state(base) == (old_n, old_n)
    _write_source(source, 2, new_n)

    seen = {}
    moments = [("parse", 0.0), ("commit", 0.0), ("commit", 0.3), ("commit", 1.0), ("commit", 2.5)]
    for phase, delay in moments:
        store = tmp_path / f"kill-{phase}-{delay}"
        shutil.copytree(base, store)
        proc = _load(store, source)
        if phase == "parse":  # the staged file exists from the first line read
            reached = _wait_for(lambda s=store: any(_staging(s).glob("stage-*.nt")), proc)
        else:
            reached = _wait_for(lambda s=store: (_staging(s) / COMMIT_JOURNAL).exists(), proc)
        assert reached, f"the load ended before its {phase} phase was seen"
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        graph_n, recorded_n = _state(store)  # opening the store finishes a journalled commit
        assert graph_n in (old_n, new_n), f"half-written graph after a kill in {phase}"
        assert recorded_n == graph_n
        assert not any(_staging(store).iterdir()), "staged files left behind"
        seen[(phase, delay)] = (graph_n, killed)
    assert seen[("parse", 0.0)] == (old_n, True)  # killed before the commit: the old version
    # A kill once the commit has begun is finished by the next open: the new version.
    assert all(n == new_n for (phase, _), (n, _) in seen.items() if phase == "commit")
    assert any(killed for (phase, _), (_, killed) in seen.items() if phase == "commit")


def _observations(directory: Path, name: str, quads: int) -> tuple[Path, int]:
    """A validated corpus of about ``quads`` quads (bench/ingest.py's generator: the CSV
    template's observations written as N-Quads), as ``name``.nq; its triple count."""
    from bench.ingest import rows_for, write_csv, write_nquads

    directory.mkdir(exist_ok=True)
    table = directory / f"{name}.csv"
    write_csv(table, rows_for(quads, directory))
    target = directory / f"{name}.nq"
    triples = write_nquads(table, target)
    table.unlink()
    return target, triples


@pytest.mark.timeout(1800)
def test_kill_of_a_validated_million_quad_load_leaves_old_or_new(tmp_path):
    # The new version passes the SHACL gate (observations, spans, data sets), so the load
    # parses, validates and commits 10^6 quads; the kills wait for what each phase leaves
    # on disk (the staged file, the commit journal), each wait bounded.
    old, old_n = _observations(tmp_path / "old", "big", 1_000)
    new, new_n = _observations(tmp_path / "new", "big", 1_000_000)
    assert new_n > 900_000
    base = tmp_path / "base"
    assert _load(base, old).wait(timeout=300) == 0
    assert _state(base) == (old_n, old_n)

    seen = {}
    for phase, delay in (("parse", 0.0), ("commit", 1.0)):
        store = tmp_path / f"kill-{phase}"
        shutil.copytree(base, store)
        log = tmp_path / f"{phase}.log"  # a file: a long load's progress cannot fill a pipe
        with log.open("wb") as err:
            proc = _load(store, new, err)
        if phase == "parse":
            sign = lambda s=store: any(_staging(s).glob("stage-*.nt"))  # noqa: E731
        else:
            sign = lambda s=store: (_staging(s) / COMMIT_JOURNAL).exists()  # noqa: E731
        try:
            reached = _wait_for(sign, proc, timeout=900)
        except AssertionError:
            proc.kill()
            raise
        assert reached, f"the load ended before its {phase} phase was seen: {log.read_text()}"
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        graph_n, recorded_n = _state(store)  # opening the store finishes a journalled commit
        assert graph_n in (old_n, new_n), f"half-written graph after a kill in {phase}"
        assert recorded_n == graph_n
        assert not any(_staging(store).iterdir()), "staged files left behind"
        seen[phase] = (graph_n, killed)
        shutil.rmtree(store)
    assert seen["parse"] == (old_n, True)  # killed before the commit: the old version
    assert seen["commit"] == (new_n, True)  # killed in the bulk load: finished on open
