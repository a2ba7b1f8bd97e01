"""Reads a CSV table of observations (the template in docs/csv-template.md) into RDF.

The header and every row are checked first; a file with any bad row is
refused whole, each problem reported as ``file:line: reason``.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "figures.csv"
>>> _ = p.write_text("area,indicator,period,value,unit\\nSingapore,GDP,2021,5385.1e9,CNY\\n")
>>> g = load(p, "figures")
>>> len(list(g.subjects(model.RDF.type, model.QB.Observation)))
1
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg import iris, model, reference
from kg.errors import InputError, TableError
from kg.staging import Staged

LOADER_VERSION = "1"
REQUIRED = ("area", "indicator", "period", "value", "unit")
OPTIONAL = (
    "statistic",
    "scope",
    "base_period",
    "population",
    "qualifier",
    "modality",
    "source",
    "note",
)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-cased labels and alt labels of reference entities -> IRI."""
    g = reference.reference_graph()
    names: dict[str, str] = {}
    for prop in (SKOS.altLabel, RDFS.label):  # labels win over alt labels
        for s, o in g.subject_objects(prop):
            names[str(o).strip().lower()] = str(s)
    return names


def _resolve(value: str) -> str | None:
    """An entity IRI from an IRI, a ``zid:`` / ``dz:`` CURIE or a reference label."""
    value = value.strip()
    if value.startswith(("http://", "https://")):
        return value
    prefix, _, local = value.partition(":")
    if local and prefix in iris.PREFIXES and " " not in value:
        return iris.PREFIXES[prefix] + local
    return _names().get(value.lower())


_PERIOD_FORMS = "YYYY, YYYY-H1, YYYY-Q1, YYYY-MM or YYYY-MM-DD"


def _is_period(text: str) -> bool:
    try:
        iris.period_iri(text)
    except ValueError:
        return False
    return True


def _check_row(row: dict[str, str]) -> tuple[model.Fact | None, list[tuple[str, str]]]:
    # Each problem is (column, message); the message names its column too, for the CLI.
    errors = []
    cell = {k: (row.get(k) or "").strip() for k in (*REQUIRED, *OPTIONAL)}
    area = _resolve(cell["area"]) if cell["area"] else None
    if not cell["area"]:
        errors.append(("area", "area is empty"))
    elif area is None:
        errors.append(("area", f"area {cell['area']!r} is neither an IRI nor a known entity label"))
    elif problem := model.area_problem(area):
        errors.append(("area", problem))
    indicator = _resolve(cell["indicator"]) if ":" in cell["indicator"] else cell["indicator"]
    if not cell["indicator"]:
        errors.append(("indicator", "indicator is empty"))
    elif model.indicator_concept(indicator or cell["indicator"]) is None:
        errors.append(
            (
                "indicator",
                f"indicator {cell['indicator']!r} is not in the code list zid:scheme/indicators: "
                "write one of its labels or a zid:indicator/... CURIE (docs/ontology.md)",
            )
        )
    for column in ("period", "base_period"):
        if not _is_period(cell[column]):
            errors.append((column, f"{column} {cell[column]!r} is not {_PERIOD_FORMS}"))
    try:
        value = Decimal(cell["value"].replace(",", ""))
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        errors.append(("value", f"value {cell['value']!r} is not a number"))
        value = None
    if cell["unit"] == "YEAR":
        errors.append(
            (
                "unit",
                "unit 'YEAR' is a calendar year, which is not an observation: give the zone "
                "its year as a property instead, dz:foundingYear or dz:approvalYear "
                '"1988"^^xsd:gYear (load it as RDF; docs/model.md)',
            )
        )
    elif cell["unit"] not in model.UNITS:
        units = ", ".join(u for u in model.UNITS if u != "YEAR")  # a YEAR row is refused above
        errors.append(("unit", f"unit {cell['unit']!r} is not one of {units}"))
    statistic = cell["statistic"] or "level"
    if statistic not in model.STATISTICS:
        errors.append(
            ("statistic", f"statistic {statistic!r} is not one of {', '.join(model.STATISTICS)}")
        )
    scope = None
    if cell["scope"]:
        scope = _resolve(cell["scope"])
        if scope is None:
            errors.append(
                ("scope", f"scope {cell['scope']!r} is neither an IRI nor a known entity label")
            )
    population = None
    if cell["population"]:
        if not cell["population"].isdigit():
            errors.append(
                ("population", f"population {cell['population']!r} is not a whole number")
            )
        else:
            population = int(cell["population"])
    if cell["qualifier"] and cell["qualifier"] not in model.QUALIFIERS:
        errors.append(
            (
                "qualifier",
                f"qualifier {cell['qualifier']!r} is not one of {', '.join(model.QUALIFIERS)}",
            )
        )
    modality = cell["modality"] or "achieved"
    if modality not in model.MODALITIES:
        errors.append(
            ("modality", f"modality {modality!r} is not one of {', '.join(model.MODALITIES)}")
        )
    elif modality == "planned" and not cell["period"]:
        errors.append(("period", "a planned figure (a target) needs the period it is set for"))
    if errors:
        return None, errors
    fact = model.Fact(
        area=area,
        indicator=indicator or cell["indicator"],
        value=format(value, "f"),
        unit=cell["unit"],
        period=cell["period"],
        statistic=statistic,
        scope=scope,
        base_period=cell["base_period"] or None,
        population=population,
        qualifier=cell["qualifier"] or None,
        comment=cell["note"] or None,
        modality=modality,
    )
    return fact, []


def load(path: Path, source_id: str) -> Graph:
    """Parse a CSV of observations; raises InputError listing every bad line."""
    g = Graph()
    for batch, _, _ in _batches(path, source_id):
        g += batch
    return g


BATCH_ROWS = 2_000


def stage(
    path: Path,
    source_id: str,
    staged: Staged,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[int]]:
    """Stream a CSV into ``staged``, ``BATCH_ROWS`` rows at a time.

    Returns the lines of the file each observation IRI comes from, so that a SHACL
    report can name the rows (``file:line``). ``progress`` gets (lines read, lines).
    """
    lines: dict[str, list[int]] = {}
    for batch, rows, total in _batches(path, source_id):
        staged.add_graph(batch)
        for obs, line in rows:
            lines.setdefault(obs, []).append(line)
        if progress:
            progress(rows[-1][1] if rows else total, total)
    return lines


def _batches(path: Path, source_id: str) -> Iterator[tuple[_Batch, list[tuple[str, int]], int]]:
    """Graphs of up to BATCH_ROWS rows each, with (observation IRI, line) of their rows
    and the number of lines of the file.

    Every row is checked; when any is bad, InputError lists them all at the end.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (byte {e.start})", path=str(path)) from e
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in (*REQUIRED, *OPTIONAL)]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        raise InputError(
            "; ".join(parts) + f". The template is: {', '.join(REQUIRED + OPTIONAL)}",
            path=str(path),
            line=1,
        )
    # Character offset where each physical line starts, so a row can be quoted like text.
    starts = [0]
    for physical in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(physical))
    # Every row is checked before any is built: a bad row refuses the file at once. The
    # build pass takes the fact its check made (each row is checked twice, not three times).
    problems = [  # (line, column, message)
        (line, column, message)
        for _, line, _, _, errors in _checked_rows(text, header)
        for column, message in errors
    ]
    if problems:
        raise TableError(
            f"{len(problems)} problem(s); nothing was loaded from this file:\n"
            + "\n".join(f"{path}:{line}: {message}" for line, _, message in problems),
            problems=problems,
        )
    g, rows = _new_batch(source_id, path), []
    any_row = False
    for first, line, row, fact, _ in _checked_rows(text, header):
        any_row = True
        start, end = starts[first - 1], starts[line]
        quote = text[start:end].rstrip("\r\n")
        fact = replace(fact, span=model.Span.of(text, start, start + len(quote)))
        rows.append((str(_add(g, source_id, fact, (row.get("source") or "").strip())), line))
        if len(rows) == BATCH_ROWS:
            yield g, rows, len(starts) - 1
            g, rows = _graph(), []
    if not any_row:
        raise InputError("the table has a header but no rows", path=str(path))
    if rows:
        yield g, rows, len(starts) - 1


def _checked_rows(
    text: str, header: list[str]
) -> Iterator[tuple[int, int, dict, model.Fact | None, list[tuple[str, str]]]]:
    """(first line, last line, cells, fact, problems as (column, message)) of each row."""
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = header
    next(reader.reader)  # the header row
    previous = reader.reader.line_num  # DictReader.line_num moves only with its rows
    for row in reader:
        line, first = reader.line_num, previous + 1
        previous = line
        if None in row:
            yield first, line, row, None, [("", "more cells than columns")]
            continue
        yield first, line, row, *_check_row(row)


class _Batch:
    """The triples kg.model writes for a batch of rows, in a list: a batch is written out
    and dropped, so it needs no graph's indexes. kg.model's ``add_*`` functions add
    triples and ask only whether a node already has a type (``(node, rdf:type, C) in g``):
    those triples are also kept in a set."""

    def __init__(self) -> None:
        self.triples: list[tuple] = []
        self._typed: set[tuple] = set()

    def add(self, triple: tuple) -> None:
        self.triples.append(triple)
        if triple[1] is _TYPE or triple[1] == _TYPE:
            self._typed.add(triple)

    def __contains__(self, triple: tuple) -> bool:
        if triple[1] == _TYPE:
            return triple in self._typed
        return triple in set(self.triples)

    def __iter__(self):
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


_TYPE = model.RDF.type


def _graph() -> _Batch:
    return _Batch()


def _new_batch(source_id: str, path: Path) -> _Batch:
    g = _graph()
    model.add_source(g, source_id, file_name=path.name, title=path.name)
    return g


def _add(g: _Batch, source_id: str, fact: model.Fact, source: str) -> URIRef:
    obs = model.add_observation(g, source_id, fact)
    if source:
        citation = URIRef(source) if source.startswith(("http://", "https://")) else Literal(source)
        g.add((obs, DCTERMS.source, citation))
    return obs
