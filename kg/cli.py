"""The ``zonegraph`` command: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from kg import __version__, iris
from kg.config import Settings
from kg.errors import InputError, StoreError, ValidationFailed, ZonegraphError
from kg.store import RDF_FORMATS, RESULT_FORMATS, Store, open_store

app = typer.Typer(
    name="zonegraph",
    help=(
        "A knowledge graph of China's development zones.\n\n"
        "Examples:\n\n"
        "  zonegraph load data/documents/\n\n"
        "  zonegraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?o a qb:Observation }'\n\n"
        "  zonegraph validate new-figures.csv\n\n"
        "  zonegraph serve --port 8000"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="Store directory or SPARQL endpoint URL [env: ZONEGRAPH_STORE]."),
]
QUERY_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in iris.PREFIXES.items())


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"error: {message}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def _open(store: str | None, *, writing: bool = False) -> Store:
    """The store at ``store``; when a running server holds it, the server's endpoints."""
    from kg.attach import running_server, through_server
    from kg.ingest import ensure_seeded

    location = store or Settings().store
    try:
        opened = open_store(location)
    except StoreError:
        url = running_server(location) if location and "://" not in str(location) else None
        if url is None:
            raise
        how = "its SPARQL endpoint and Graph Store" if writing else "its SPARQL endpoint"
        err.print(f"{location} is held by the server at {url}: going through {how}", markup=False)
        return through_server(url)
    ensure_seeded(opened)
    return opened


def _version(value: bool) -> None:
    if value:
        out.print(f"zonegraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """A knowledge graph of China's development zones."""


ValidatorOption = Annotated[
    str,
    typer.Option(
        "--validator",
        help="SHACL validator: engine (compiled SPARQL, the default) or pyshacl.",
    ),
]


class _PhaseBars:
    """One progress bar per phase of loading one file (kg.ingest.PHASES)."""

    def __init__(self, progress: Progress, name: str) -> None:
        self.progress, self.name = progress, name
        self.tasks: dict[str, TaskID] = {}

    def show(self, phase: str, done: int, total: int | None) -> None:
        if phase not in self.tasks:
            for task in self.tasks.values():  # an earlier phase is over
                self.progress.update(task, total=1, completed=1)
            self.tasks[phase] = self.progress.add_task(f"{phase} {self.name}", total=total)
            self.progress.update(self.tasks[phase], completed=done, total=total)
            self.progress.refresh()  # each phase is seen, however short
        else:
            self.progress.update(self.tasks[phase], completed=done, total=total)

    def close(self) -> None:
        for task in self.tasks.values():
            self.progress.remove_task(task)


def _use_validator(name: str) -> None:
    from kg.validation import VALIDATORS, use_validator

    if name not in VALIDATORS:
        raise _fail(f"unknown validator {name!r}; use one of {', '.join(VALIDATORS)}")
    use_validator(name)


@app.command()
def load(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs to load.")],
    store: StoreOption = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="Input format when the extension says nothing.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Reload sources even when unchanged.")] = False,
    validator: ValidatorOption = "engine",
    show_progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bars per phase (parse, validate, commit) [default: on a terminal].",
        ),
    ] = None,
) -> None:
    """Load documents (.txt, .html), CSV tables and RDF files, each into its own named graph.

    Example: zonegraph load data/documents/ figures.csv --store var/store
    """
    from kg.ingest import PHASES, expand_paths, ingest_file

    _use_validator(validator)
    try:
        files = list(expand_paths(paths))
        db = _open(store, writing=True)
    except ZonegraphError as e:
        raise _fail(str(e)) from None
    table = Table("source", "triples", "status", title=f"Loaded into {db.location}")
    failures = changed = 0
    spent = dict.fromkeys(PHASES, 0.0)
    shown = err.is_terminal if show_progress is None else show_progress
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        # --progress on a pipe or a log asks for the bars all the same
        console=err if err.is_terminal else Console(stderr=True, force_terminal=shown),
        transient=True,
        disable=not shown,
    ) as progress:
        task = progress.add_task("loading", total=len(files), visible=len(files) > 1)
        for path in files:
            progress.update(task, description=f"loading {path.name}")
            phases = _PhaseBars(progress, path.name)
            try:
                result = ingest_file(db, path, fmt=fmt, force=force, progress=phases.show)
                table.add_row(str(path), str(result.triples), result.status)
                changed += result.status != "unchanged"
                for warning in result.warnings:
                    err.print(f"warning: {warning}", markup=False)
                for phase, seconds in result.timings.items():
                    spent[phase] += seconds
            except ValidationFailed as e:
                failures += 1
                table.add_row(str(path), "0", "refused")
                err.print(f"error: {e}\n{e.report.text()}", markup=False)
            except ZonegraphError as e:
                failures += 1
                table.add_row(str(path), "0", "error")
                err.print(f"error: {e}", markup=False)
            phases.close()
            progress.advance(task)
    if changed:
        from kg.catalog import refresh_catalog

        refresh_catalog(db, Settings().base_url)
    db.close()
    out.print(table)
    if changed:
        out.print(
            f"{changed} source(s) written in {sum(spent.values()):.2f} s: "
            + ", ".join(f"{phase} {seconds:.2f} s" for phase, seconds in spent.items())
        )
    if failures:
        raise _fail(f"{failures} of {len(files)} source(s) not loaded; see the messages above", 1)


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs to check.")],
    fmt: Annotated[
        str, typer.Option("--format", help="Report format: text, turtle or json.")
    ] = "text",
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", help="Input format when the extension says nothing."),
    ] = None,
    validator: ValidatorOption = "engine",
) -> None:
    """Check files against the SHACL shapes without loading them; exit 1 on violations.

    Example: zonegraph validate next-year.ttl --format json
    """
    from kg.ingest import check_file, expand_paths

    _use_validator(validator)
    if fmt not in ("text", "turtle", "json"):
        raise _fail(f"unknown report format {fmt!r}; use text, turtle or json")
    violations = 0
    try:
        for path in expand_paths(paths):
            report = check_file(path, fmt=input_format)
            violations += len(report.violations)
            if fmt == "text":
                sys.stdout.write(f"== {path}\n{report.text()}\n\n")
            else:
                sys.stdout.write(report.to_json() if fmt == "json" else report.to_turtle())
                sys.stdout.write("\n")
    except ZonegraphError as e:
        raise _fail(str(e)) from None
    if violations:
        raise typer.Exit(1)


def _read_query(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"cannot read the query file: {e.strerror}", path=str(path)) from e
    return text


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="The query, @FILE, or - for standard input.")],
    store: StoreOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="json, xml, csv, tsv (SELECT/ASK); turtle, ntriples, nquads (CONSTRUCT/DESCRIBE).",
        ),
    ] = None,
) -> None:
    """Run a SPARQL query; the default graph is the union of all graphs.

    The prefixes of docs/model.md (dz:, zid:, qb:, skos:, ...) are predeclared.
    Example: zonegraph query @ontology/queries/parks-and-partner-countries.rq --format csv
    """
    try:
        text = _read_query(sparql)
        db = _open(store)
        result = db.query(QUERY_PREFIXES + text)
        fmt = fmt or ("turtle" if result.kind == "graph" else "json")
        allowed = RDF_FORMATS if result.kind == "graph" else RESULT_FORMATS
        if fmt not in allowed:
            raise InputError(
                f"--format {fmt} does not fit a {result.kind} result; use one of "
                f"{', '.join(allowed)}"
            )
        sys.stdout.flush()
        result.serialize(fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except ZonegraphError as e:
        raise _fail(str(e)) from None


@app.command()
def export(
    store: StoreOption = None,
    fmt: Annotated[
        str, typer.Option("--format", help="nquads, trig, turtle, ntriples or jsonld.")
    ] = "nquads",
    graph: Annotated[str | None, typer.Option(help="Export only this named graph.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    dumps: Annotated[
        Path | None,
        typer.Option(help="Write the published dumps (nq.gz, ttl.gz, observations CSV + CSVW)."),
    ] = None,
) -> None:
    """Export the whole store (with graph names in nquads/trig) or one graph.

    Example: zonegraph export --format trig -o dump.trig; zonegraph export --dumps var/dumps
    """
    if fmt not in RDF_FORMATS:
        raise _fail(f"unknown format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    try:
        db = _open(store)
        if dumps is not None:
            from kg.dumps import write_dumps

            for path in write_dumps(db, dumps).values():
                err.print(f"wrote {path}", markup=False)
            return
        if graph and graph not in db.graphs():
            raise InputError(f"no graph {graph} in the store; `zonegraph stats` lists them")
        if output is None:
            db.export(fmt, sys.stdout.buffer, graph=graph)
            return
        from kg.dumps import atomic_write

        # A failed export never leaves half a file.
        atomic_write(output, lambda f: db.export(fmt, f, graph=graph))
        err.print(f"wrote {output}", markup=False)
    except ZonegraphError as e:
        raise _fail(str(e)) from None


STATS_QUERY = """
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a/rdfs:subClassOf* dz:DevelopmentZone . BIND("zones and parks" AS ?what) }
  UNION { ?x a qb:Observation . BIND("observations" AS ?what) }
  UNION { ?x a dz:SourceDocument . BIND("source documents" AS ?what) }
  UNION { ?x a dz:ZoneGroup . BIND("groups of zones" AS ?what) }
  UNION { ?x a/rdfs:subClassOf* dz:Organization . BIND("organisations" AS ?what) }
  UNION { ?x a/rdfs:subClassOf* dz:Region . BIND("regions and countries" AS ?what) }
} GROUP BY ?what ORDER BY ?what
"""


@app.command()
def stats(store: StoreOption = None) -> None:
    """Counts of quads, graphs, sources, zones and observations in the store.

    Example: zonegraph stats --store var/store
    """
    try:
        db = _open(store)
        table = Table("graph", "triples", title=f"{db.location}: {db.count()} quads")
        for g in db.graphs():
            table.add_row(g, str(db.count(g)))
        out.print(table)
        kinds = Table("what", "count")
        for row in db.select(QUERY_PREFIXES + STATS_QUERY):
            kinds.add_row(str(row["what"]), str(row["n"]))
        out.print(kinds)
    except ZonegraphError as e:
        raise _fail(str(e)) from None


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A news text (.txt) or HTML page.")],
    explain: Annotated[
        bool,
        typer.Option(
            help="Explain every fact, list the figures left out (indicator not in the code "
            "list) and the numbers left unattached."
        ),
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="RDF format of the output.")] = "turtle",
) -> None:
    """Show what the text loader reads from a document, without loading it.

    Example: zonegraph extract data/documents/sichuan-development-zones-2021.txt --explain
    """
    from kg.ingest import source_id_for
    from loaders import text as text_loader

    try:
        if not path.is_file():
            raise InputError("no such file; check the path", path=str(path))
        if explain:
            sys.stdout.write(text_loader.explain_file(path, source_id_for(path)).rstrip() + "\n")
            return
        graph = text_loader.load(path, source_id_for(path))
        if fmt not in RDF_FORMATS:
            raise InputError(f"unknown format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        for prefix, ns in iris.PREFIXES.items():
            graph.bind(prefix, ns)
        rdflib_name = {
            "turtle": "turtle",
            "ntriples": "nt",
            "nquads": "nquads",
            "trig": "trig",
            "jsonld": "json-ld",
            "rdfxml": "xml",
            "n3": "n3",
        }[fmt]
        sys.stdout.write(graph.serialize(format=rdflib_name))
    except ZonegraphError as e:
        raise _fail(str(e)) from None


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the SPARQL endpoint, Graph Store, validation service and pages.

    Example: ZONEGRAPH_UPDATE_TOKEN=secret zonegraph serve --store var/store --port 8000
    """
    from kg.attach import announce, running_server
    from server.app import run

    settings = Settings(**({"store": store} if store else {}))
    local = bool(settings.store) and "://" not in str(settings.store)
    if local and (serving := running_server(settings.store)):
        raise _fail(f"the store {settings.store} is already served at {serving}")
    try:
        from kg.catalog import refresh_catalog

        db = _open(settings.store)
        refresh_catalog(db, settings.base_url)
        db.close()
        del db  # the server opens the store itself
        if not local:
            run(settings, host=host, port=port)
            return
        reach = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
        reach = f"[{reach}]" if ":" in reach else reach
        with announce(settings.store, f"http://{reach}:{port}/"):
            run(settings, host=host, port=port)
    except ZonegraphError as e:
        raise _fail(str(e)) from None


@app.command()
def link(
    endpoint: Annotated[
        str,
        typer.Option(
            help="Wikidata-shaped SPARQL endpoint, e.g. https://query.wikidata.org/sparql."
        ),
    ],
    store: StoreOption = None,
    threshold: Annotated[
        float, typer.Option(help="Score from which a candidate becomes owl:sameAs (0-1].")
    ] = 0.9,
    kind: Annotated[
        list[str] | None, typer.Option(help="Only these kinds: zone, region, organization.")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Show the decisions without writing.")] = False,
) -> None:
    """Reconcile entities without a Wikidata link; write owl:sameAs and skos:closeMatch links.

    Example: zonegraph link --endpoint https://query.wikidata.org/sparql --threshold 0.9
    """
    from kg.link import KINDS, LINKS_GRAPH, reconcile

    try:
        db = _open(store, writing=not dry_run)
        report = reconcile(
            db, endpoint, threshold=threshold, kinds=kind or KINDS, write=not dry_run
        )
        db.close()
    except ZonegraphError as e:
        raise _fail(str(e)) from None
    table = Table("entity", "kind", "candidate", "name", "score", "decision", "why")
    for match in report.matches:
        for c in match.candidates:
            decision = match.decision if c in match.chosen else "rejected"
            why = c.rejected or "; ".join(c.reasons)
            if decision == "rejected" and not c.rejected:
                why = (
                    "score under the review floor"
                    if c.score < 0.5
                    else "ambiguous or already linked"
                )
            table.add_row(
                match.entity.label,
                match.entity.kind,
                c.item.rsplit("/", 1)[-1],
                c.name,
                f"{c.score:.2f}",
                decision,
                why,
            )
    out.print(table)
    target = (
        "nothing written (dry run)" if dry_run else f"{report.written} triple(s) in {LINKS_GRAPH}"
    )
    out.print(
        f"{len(report.matches)} entities checked: {report.count('sameAs')} owl:sameAs, "
        f"{report.count('closeMatch')} skos:closeMatch, {report.count('none')} without a match; "
        f"{target}.",
        markup=False,
    )


if __name__ == "__main__":
    app()
