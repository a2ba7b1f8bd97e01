"""Validated, atomic ingest: a source is parsed, checked against the shapes, then swapped in whole.

Each source lands in its own named graph. A source that violates the shapes
is refused whole; one that validates replaces its graph and its catalogue
record in a single store transaction, so a crash leaves the old version or
the new one, never a mix. Loading an unchanged file again does nothing.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph

from kg import __version__, iris, reference
from kg.errors import InputError, ValidationFailed
from kg.store import Store
from kg.validation import ValidationReport, check_against_store, validate
from loaders import load_file, loader_version, supported
from loaders.text.document import SIDECAR_SUFFIX, sidecar_path

_SEED_ID = "reference-data"


@dataclass
class IngestResult:
    """What happened to one source: status is "loaded", "replaced", "unchanged" or "refused"."""

    source: str
    graph: str
    triples: int
    status: str
    report: ValidationReport | None = None
    path: str = ""


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
    if mode == "append" and existed:
        current = store.export("ntriples", graph=graph_iri) or b""
        merged = Graph()
        merged.parse(data=current, format="nt")
        for triple in data:
            merged.add(triple)
        data = merged
    report = check_against_store(validate(data), data, store, graph_iri)
    if not report.conforms:
        raise ValidationFailed(
            f"{source_label or graph_iri}: refused, {len(report.violations)} SHACL violation(s); "
            "nothing was loaded. Fix the data and load it again.",
            report,
        )
    body = _ntriples(data)
    triples = body.count(b"\n") if data else 0
    store.replace_graphs(
        {graph_iri: body if len(data) else b""},
        then=_record_update(
            source_id,
            graph_iri,
            digest=digest or content_hash(body),
            loader=loader,
            version=loader_version,
            triples=triples,
            label=source_label or source_id,
        ),
    )
    return IngestResult(source_id, graph_iri, triples, "replaced" if existed else "loaded", report)


def ingest_file(
    store: Store, path: Path, *, fmt: str | None = None, force: bool = False
) -> IngestResult:
    """Load one file as a source (its own named graph); unchanged files are skipped."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file; check the path", path=str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror}", path=str(path)) from e
    source_id = source_id_for(path)
    graph_iri = iris.source_graph(source_id)
    # A document's metadata sidecar is part of the source: editing it reloads the document.
    side = sidecar_path(path)
    digest = content_hash(raw + (b"\0" + side.read_bytes() if side.is_file() else b""))
    loaded_before = _recorded_hash(store, source_id)
    # The same bytes read by the same loader version give the same graph: nothing to do.
    if not force and loaded_before == (digest, loader_version(path, fmt)):
        return IngestResult(
            source_id, graph_iri, store.count(graph_iri), "unchanged", path=str(path)
        )
    loaded = load_file(path, source_id, fmt)
    result = ingest_graph(
        store,
        graph_iri,
        loaded.graph,
        source_id=source_id,
        source_label=path.name,
        digest=digest,
        loader=loaded.loader,
        loader_version=loaded.version,
    )
    result.path = str(path)
    return result


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
