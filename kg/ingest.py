"""Validated, atomic ingest: a source is parsed, checked against the shapes, then swapped in whole.

Each source lands in its own named graph. A file is streamed into the staging
area (kg.staging: an N-Triples file on disk, never a graph in memory), the
validator reads the staged source whole, and a source that violates the shapes
is refused whole. One that validates replaces its graph and its catalogue
record atomically (kg.store: one transaction, or a bulk load under a commit
journal for a large source), so a crash leaves the old version or the new one,
never a mix. Loading an unchanged file again does nothing. Each phase (parse,
validate, commit) is timed and can report its progress.

>>> from kg.store import open_store
>>> store = open_store(None)
>>> ensure_seeded(store)
True
>>> ensure_seeded(store)
False
"""

from __future__ import annotations

import glob
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg import __version__, iris, reference
from kg.duplicates import check_duplicates
from kg.errors import InputError, ValidationFailed
from kg.staging import Staged, StagedGraph
from kg.store import Store
from kg.validation import ValidationReport, check_against_store, validate
from loaders import loader_version, rdf, stage_file, supported
from loaders.text.document import SIDECAR_SUFFIX, sidecar_path

_SEED_ID = "reference-data"
PHASES = ("parse", "validate", "commit")
# progress(phase, done, total): total is None when the phase cannot tell how far it is.
Progress = Callable[[str, int, int | None], None]


@dataclass
class IngestResult:
    """What happened to one source: status is "loaded", "replaced", "unchanged" or "refused"."""

    source: str
    graph: str
    triples: int
    status: str
    report: ValidationReport | None = None
    path: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase
    warnings: list[str] = field(default_factory=list)


def source_id_for(path: Path) -> str:
    """The id of a file's source: its name without extension, as a slug.

    >>> source_id_for(Path("data/documents/Sichuan 2021.txt"))
    'sichuan-2021'
    """
    return iris.slugify(path.stem)


def content_hash(data: bytes) -> str:
    """SHA-256 of a source's bytes, as recorded in the catalogue."""
    return hashlib.sha256(data).hexdigest()


def _ntriples(graph: Graph) -> bytes:
    # Sorted, so the same input always gives byte-identical N-Triples.
    lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").splitlines()))
    return b"\n".join(line for line in lines if line.strip()) + b"\n"


def _record_update(
    source_id: str,
    graph_iri: str,
    *,
    digest: str,
    loader: str,
    version: str,
    triples: int,
    label: str,
) -> str:
    """SPARQL update that adds a load record of one source and marks it the latest.

    Earlier records stay (the load history); only ``dz:latestLoad`` moves to the new one.
    """
    moment = datetime.now(UTC)
    now = moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    record = load_record_iri(source_id, moment.strftime("%Y%m%dT%H%M%S%fZ"), digest)
    doc = iris.source_doc_iri(source_id)
    label_lit = label.replace("\\", "\\\\").replace('"', '\\"')
    dz, xsd = iris.DZ, "http://www.w3.org/2001/XMLSchema#"
    v1_record = _V1_RECORD + iris.slugify(source_id)
    return f"""
DELETE WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{ <{doc}> <{dz}latestLoad> ?previous }} }} ;
DELETE WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{ <{v1_record}> ?p ?o }} }} ;
INSERT DATA {{ GRAPH <{iris.CATALOG_GRAPH}> {{
  <{doc}> <{dz}latestLoad> <{record}> .
  <{record}> a <{dz}LoadRecord> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "{label_lit}" ;
    <{dz}source> <{doc}> ;
    <{dz}graph> <{graph_iri}> ;
    <{dz}contentHash> "{digest}" ;
    <{dz}loader> "{loader}" ;
    <{dz}loaderVersion> "{version}" ;
    <{dz}loadedAt> "{now}"^^<{xsd}dateTime> ;
    <{dz}tripleCount> {triples} .
}} }}"""


# v1 kept one record per source at this IRI, overwritten on each load; the first v2 load
# of a source drops it (its history was lost anyway).
_V1_RECORD = f"{iris.ID}load/"


def load_record_iri(source_id: str, stamp: str, digest: str) -> str:
    """IRI of one load of a source: the source, when (UTC, to the microsecond) and what bytes.

    >>> load_record_iri("Sichuan 2021", "20260101T000000000000Z", "ab" * 32)
    'https://w3id.org/zonegraph/id/load/sichuan-2021/20260101T000000000000Z-abababab'
    """
    return f"{iris.ID}load/{iris.slugify(source_id)}/{stamp}-{digest[:8]}"


def _recorded_hash(store: Store, source_id: str) -> tuple[str, str] | None:
    doc = iris.source_doc_iri(source_id)
    rows = store.select(
        f"SELECT ?h ?v WHERE {{ GRAPH <{iris.CATALOG_GRAPH}> {{ <{doc}> <{iris.DZ}latestLoad> ?r . "
        f"?r <{iris.DZ}contentHash> ?h ; <{iris.DZ}loaderVersion> ?v }} }}"
    )
    return (str(rows[0]["h"]), str(rows[0]["v"])) if rows else None


def _seed_digest() -> str:
    h = hashlib.sha256(__version__.encode())
    for f in [*reference.ontology_files(), *reference.reference_files()]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    import pycountry

    h.update(str(len(list(pycountry.countries))).encode())
    return h.hexdigest()


def ensure_seeded(store: Store) -> bool:
    """Give a store the ontology, SKOS schemes and reference data if it lacks their current version.

    Returns True when it (re)loaded them. Called whenever the CLI or the server opens a store.
    """
    digest = _seed_digest()
    recorded = _recorded_hash(store, _SEED_ID)
    if recorded and recorded[0] == digest:
        return False
    onto, ref = _ntriples(reference.ontology_graph()), _ntriples(reference.reference_graph())
    triples = onto.count(b"\n") + ref.count(b"\n")
    store.replace_graphs(
        {iris.ONTOLOGY_GRAPH: onto, iris.REFERENCE_GRAPH: ref},
        then=_record_update(
            _SEED_ID,
            iris.REFERENCE_GRAPH,
            digest=digest,
            loader="reference",
            version=__version__,
            triples=triples,
            label="ontology, SKOS schemes and reference data",
        ),
    )
    return True


def ingest_graph(
    store: Store,
    graph_iri: str,
    data: Graph,
    *,
    mode: str = "replace",
    source_id: str | None = None,
    source_label: str = "",
    digest: str | None = None,
    loader: str = "rdf",
    loader_version: str = __version__,
) -> IngestResult:
    """Validate ``data`` and put it into ``graph_iri`` (replacing or appending), atomically.

    Raises ValidationFailed (with ``.report``) when the data violates the shapes;
    nothing is written then.
    """
    if mode not in ("replace", "append"):
        raise ValueError("mode must be 'replace' or 'append'")
    source_id = source_id or graph_iri
    existed = graph_iri in store.graphs()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with Staged.create(store.staging_dir()) as staged:
        if mode == "append" and existed:
            current = store.export("ntriples", graph=graph_iri) or b""
            staged.add_quads(ox.parse(current, format=ox.RdfFormat.N_TRIPLES))
        rdf.stage_graph(data, staged)
    timings["parse"] = time.perf_counter() - started
    return _validate_and_commit(
        store,
        graph_iri,
        staged,
        source_id=source_id,
        label=source_label or graph_iri,
        digest=digest,
        loader=loader,
        version=loader_version,
        existed=existed,
        timings=timings,
    )


def _validate_and_commit(
    store: Store,
    graph_iri: str,
    staged: Staged,
    *,
    source_id: str,
    label: str,
    digest: str | None,
    loader: str,
    version: str,
    existed: bool,
    timings: dict[str, float],
    rows: dict[str, list[int]] | None = None,
    path: Path | None = None,
    progress: Progress | None = None,
    shacl_report: ValidationReport | None = None,
    then: str | None = None,
) -> IngestResult:
    """The second half of an ingest: validate the staged source whole, then commit it.

    ``shacl_report``: the SHACL verdict on the staged source when it was validated
    elsewhere already (a validation worker); the checks against the store still run.
    ``then``: the update that goes with the swap instead of the source's load record.
    """
    tell = progress or (lambda phase, done, total: None)
    try:
        started = time.perf_counter()
        tell("validate", 0, None)
        source = staged.graph()  # a streaming view of the staged file
        verdict = shacl_report if shacl_report is not None else validate(source)  # type: ignore[arg-type]
        report = check_against_store(verdict, source, store, graph_iri)  # type: ignore[arg-type]
        timings["validate"] = time.perf_counter() - started
        tell("validate", 1, 1)
        if not report.conforms:
            raise ValidationFailed(_refusal(label, report, rows or {}, path), report)
        # The same figure from two sources is refused or reported, never silently doubled.
        warnings = check_duplicates(store, graph_iri, staged.graph(), label)
        started = time.perf_counter()
        tell("commit", 0, None)
        if then is None:
            then = _record_update(
                source_id,
                graph_iri,
                digest=digest or _file_hash(staged.path),
                loader=loader,
                version=version,
                triples=staged.triples,
                label=label,
            )
        store.replace_graph_from(graph_iri, staged.path, triples=staged.triples, then=then)
        timings["commit"] = time.perf_counter() - started
        tell("commit", 1, 1)
    finally:
        staged.discard()
    status = "replaced" if existed else "loaded"
    return IngestResult(
        source_id, graph_iri, staged.triples, status, report, str(path or ""), timings, warnings
    )


@dataclass
class StagedFile:
    """A source staged by another process (a validation worker): a closed N-Triples file.

    ``triples`` is its count of distinct triples, as the writer's ``Staged`` counted them.
    """

    path: Path
    triples: int

    def quads(self) -> Iterator:

        return iter(ox.parse(path=str(self.path), format=ox.RdfFormat.N_TRIPLES))

    def graph(self) -> StagedGraph:
        return StagedGraph(self)  # type: ignore[arg-type] - what it reads: quads(), triples

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def commit_validated(
    store: Store,
    graph_iri: str,
    staged: StagedFile,
    *,
    source_label: str = "",
    existed: bool | None = None,
) -> IngestResult:
    """Commit staged data that already conforms to the shapes into ``graph_iri``.

    The half of :func:`ingest_graph` that needs the store: the checks against the other
    sources (owl:sameAs, duplicate keys: ValidationFailed, DuplicateFigures), then the
    atomic swap. A Graph Store write, not a load: it writes no load record, and in the
    same transaction no source's latest load is this graph any more (its content is
    no longer what was loaded; ``zonegraph load`` loads the file again). The staged
    file is removed either way.
    """
    if existed is None:
        existed = graph_iri in store.graphs()
    return _validate_and_commit(
        store,
        graph_iri,
        staged,  # type: ignore[arg-type] - read through quads(), graph(), path, triples
        source_id=graph_iri,
        label=source_label or graph_iri,
        digest=None,
        loader="rdf",
        version=__version__,
        existed=existed,
        timings={},
        shacl_report=ValidationReport(conforms=True),
        then=forget_loads_into(graph_iri),
    )


def forget_loads_into(graph_iri: str) -> str:
    """SPARQL update: no source's latest load is ``graph_iri`` any more.

    What goes with a write or a drop of a graph that is not a load: the records
    stay (the load history), only ``dz:latestLoad`` to them goes.
    """
    cat, dz = iris.CATALOG_GRAPH, iris.DZ
    return (
        f"DELETE {{ GRAPH <{cat}> {{ ?doc <{dz}latestLoad> ?r }} }} "
        f"WHERE {{ GRAPH <{cat}> {{ ?doc <{dz}latestLoad> ?r . ?r <{dz}graph> <{graph_iri}> }} }}"
    )


_ROWS_SHOWN = 20


def _refusal(label: str, report: ValidationReport, rows: dict[str, list[int]], path) -> str:
    """Why a source is refused; with the file's lines of the observations that fail (CSV)."""
    message = (
        f"{label}: refused, {len(report.violations)} SHACL violation(s); "
        "nothing was loaded. Fix the data and load it again."
    )
    named = [
        f"{path}:{line}: {r['message']}"
        for r in report.violations
        for line in rows.get(r["focus"], ())
    ]
    if named:
        message += "\n" + "\n".join(named[:_ROWS_SHOWN])
        if len(named) > _ROWS_SHOWN:
            message += f"\n... and {len(named) - _ROWS_SHOWN} more (see the report below)"
    return message


def _file_hash(*paths: Path, separator: bytes = b"\0") -> str:
    """:func:`content_hash` of the files' bytes joined by ``separator``, read in blocks."""
    h = hashlib.sha256()
    for i, path in enumerate(paths):
        if i:
            h.update(separator)
        with path.open("rb") as f:
            for block in iter(lambda f=f: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def ingest_file(
    store: Store,
    path: Path,
    *,
    fmt: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> IngestResult:
    """Load one file as a source (its own named graph); unchanged files are skipped.

    ``progress(phase, done, total)`` hears how far each phase (PHASES) is.
    """
    if not path.is_file():
        raise InputError("no such file; check the path", path=str(path))
    source_id = source_id_for(path)
    graph_iri = iris.source_graph(source_id)
    # A document's metadata sidecar is part of the source: editing it reloads the document.
    side = sidecar_path(path)
    try:
        digest = _file_hash(path, *([side] if side.is_file() else []))
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", path=str(path)) from e
    loaded_before = _recorded_hash(store, source_id)
    # The same bytes read by the same loader version give the same graph: nothing to do.
    if not force and loaded_before == (digest, loader_version(path, fmt)):
        return IngestResult(
            source_id, graph_iri, store.count(graph_iri), "unchanged", path=str(path)
        )
    existed = graph_iri in store.graphs()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    parse = (lambda done, total: progress("parse", done, total)) if progress else None
    with Staged.create(store.staging_dir()) as staged:
        source = stage_file(path, source_id, staged, fmt, parse)
    timings["parse"] = time.perf_counter() - started
    return _validate_and_commit(
        store,
        graph_iri,
        staged,
        source_id=source_id,
        label=path.name,
        digest=digest,
        loader=source.loader,
        version=source.version,
        existed=existed,
        timings=timings,
        rows=source.rows,
        path=path,
        progress=progress,
    )


def check_file(path: Path, *, fmt: str | None = None) -> ValidationReport:
    """Validate one file as ``ingest_file`` would, without loading it (``zonegraph validate``).

    The file is streamed into a temporary staged file, never held as a graph.
    """
    with Staged.create() as staged:
        stage_file(path, source_id_for(path), staged, fmt)
    try:
        return validate(staged.graph())  # type: ignore[arg-type] - a streaming view
    finally:
        staged.discard()


def _is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def expand_paths(inputs: Iterable[str]) -> Iterator[Path]:
    """Files named by the arguments: files, folders (recursively, supported files) and globs."""
    for item in inputs:
        path = Path(item)
        if any(ch in item for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(item, recursive=True))
            if not matches:
                raise InputError("the pattern matches no file", path=item)
            yield from (m for m in matches if m.is_file() and not _is_sidecar(m))
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and supported(p))
            if not files:
                raise InputError("the folder holds no file zonegraph can load", path=item)
            yield from files
        elif path.exists():
            yield path
        else:
            raise InputError("no such file or folder; check the path", path=item)
