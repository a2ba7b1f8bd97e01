"""SHACL validation as a job for a worker process: parse the documents, validate, render.

``/validate`` sends one ValidationJob per request to the validation workers
(server/workers.py, without a store and without network), so parsing and
validating a hostile body (a huge graph, a pathological shape match) costs a
worker's time and memory, within limits, never the server's event loop.

>>> job = ValidationJob(((b"<http://ex/a> <http://ex/p> <http://ex/b> .", "text/turtle"),))
>>> answer = job.run()
>>> answer.status, answer.media_type, b'"conforms": true' in answer.body
(200, 'application/json', True)
>>> ValidationJob(((b"<http://ex/a> <http://ex/p> .", "text/turtle"),)).run().status
400
"""

from __future__ import annotations

from dataclasses import dataclass

from server.execution import QueryAnswer, Wording, error

VALIDATIONS = Wording(
    work="validation",
    workers="ZONEGRAPH_VALIDATION_WORKERS",
    timeout="ZONEGRAPH_VALIDATION_TIMEOUT",
    queued="ZONEGRAPH_MAX_QUEUED_VALIDATIONS",
    memory="ZONEGRAPH_VALIDATION_MEMORY",
    advice="split the data and validate the parts one by one",
)
_SAMPLE = b"""<https://w3id.org/zonegraph/id/zone/warm-up>
    a <https://w3id.org/zonegraph/ontology#DevelopmentZone> ."""


def _parse(documents: tuple[tuple[bytes, str], ...]):
    """The documents parsed into one rdflib graph, or the 400 answer for the first bad one."""
    from rdflib import Graph

    from server.bodies import parse_into

    graph = Graph()
    for body, media in documents:
        failure = parse_into(graph, body, media)
        if failure is not None:
            return error(400, failure)
    return graph


@dataclass(frozen=True)
class ValidationJob:
    """RDF documents as (bytes, media type) to validate as one graph; the report's format."""

    documents: tuple[tuple[bytes, str], ...]
    report_type: str = "application/json"

    def run(self, store=None) -> QueryAnswer:
        """Parse, validate, and answer the report (or 400 for a body that cannot be read)."""
        from kg.validation import validate
        from server.reports import render_report

        graph = _parse(self.documents)
        if isinstance(graph, QueryAnswer):
            return graph
        report = validate(graph)
        return QueryAnswer(200, self.report_type, render_report(report, self.report_type))


@dataclass(frozen=True)
class FileJob:
    """One submission of the validation form, read by the loaders as a file named ``name``.

    ``name`` is the file name the user knows (its suffix picks the loader, CSV
    included). The answer is JSON for the page to render: the report (200), or
    422 with ``message`` and, for a table, ``problems`` as [line, column, message].

    >>> answer = FileJob(b"area,indicator\\n", "figures.csv").run()
    >>> answer.status, b'"problems"' in answer.body or b'"message"' in answer.body
    (422, True)
    """

    data: bytes
    name: str

    def run(self, store=None) -> QueryAnswer:
        """Load, validate, and answer the report or what kept the file from being read."""
        import json
        import tempfile
        from pathlib import Path

        from kg.errors import TableError, ZonegraphError
        from kg.validation import validate
        from loaders import load_file

        with tempfile.TemporaryDirectory(prefix="zonegraph-form-") as tmp:
            path = Path(tmp) / self.name
            path.write_bytes(self.data)
            try:
                graph = load_file(path, "submitted").graph
            except ZonegraphError as e:
                # Messages name the file as the user knows it, never the worker's temporary folder.
                found = {"message": str(e).replace(f"{tmp}/", "").replace(tmp, "")}
                if isinstance(e, TableError):
                    found["problems"] = [list(p) for p in e.problems]
                return QueryAnswer(422, "application/json", json.dumps(found).encode())
        return QueryAnswer(200, "application/json", validate(graph).to_json().encode())


@dataclass(frozen=True)
class StageJob:
    """A Graph Store write's body: parse it, stage it into ``path``, validate it whole.

    ``current``: an N-Triples file of the graph's triples before the write (a POST that
    adds to a graph: the shapes judge the graph it becomes), or "". The answer is 200
    (JSON ``{"triples": n}``: ``path`` holds the staged source, for the server to commit),
    400 for a body that cannot be read, or 422 with the report in ``report_type``; on
    any answer but 200 nothing is left at ``path``.

    >>> import json, os, tempfile
    >>> path = tempfile.mktemp(suffix=".nt")
    >>> body = b"<http://ex/a> <http://ex/p> <http://ex/b> ."
    >>> answer = StageJob(((body, "text/turtle"),), path).run()
    >>> answer.status, json.loads(answer.body), open(path).read().split()
    (200, {'triples': 1}, ['<http://ex/a>', '<http://ex/p>', '<http://ex/b>', '.'])
    >>> os.unlink(path)
    """

    documents: tuple[tuple[bytes, str], ...]
    path: str
    current: str = ""
    report_type: str = "application/json"

    def run(self, store=None) -> QueryAnswer:
        """Parse, stage, validate; the staged file stays only when the data conforms."""
        import json
        from pathlib import Path

        import pyoxigraph as ox

        from kg.staging import Staged
        from kg.validation import validate
        from loaders.rdf import stage_graph
        from server.reports import render_report

        graph = _parse(self.documents)
        if isinstance(graph, QueryAnswer):
            return graph
        with Staged(Path(self.path)) as staged:
            if self.current:
                staged.add_quads(ox.parse(path=self.current, format=ox.RdfFormat.N_TRIPLES))
            stage_graph(graph, staged)
        del graph
        try:
            report = validate(staged.graph())  # type: ignore[arg-type] - a streaming view
        except BaseException:
            staged.discard()
            raise
        if not report.conforms:
            staged.discard()
            return QueryAnswer(422, self.report_type, render_report(report, self.report_type))
        counted = json.dumps({"triples": staged.triples}).encode()
        return QueryAnswer(200, "application/json", counted)


# What each new validation worker runs first: pySHACL's first use costs seconds.
WARM_UP = ValidationJob(((_SAMPLE, "text/turtle"),))
