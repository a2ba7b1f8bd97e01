"""Downloadable dumps: gzipped N-Quads and Turtle of the store, and observations as tidy CSV.

The CSV has one row per qb:Observation and one column per component; its
W3C CSV on the Web (CSVW) metadata, built from the same column list, says
what each column holds, so tools can read the table back as RDF.

>>> from kg.store import open_store
>>> [c.name for c in COLUMNS][:3]
['observation', 'dataset', 'ref_area']
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg import iris
from kg.store import Store

NQUADS_NAME = "zonegraph.nq.gz"
TURTLE_NAME = "zonegraph.ttl.gz"
CSV_NAME = "observations.csv"
CSVW_NAME = "observations.csv-metadata.json"
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, what it means, its datatype, and the property it stands for."""

    name: str
    title: str
    description: str
    datatype: str = "string"
    property: str | None = None
    iri: bool = False
    about: str | None = None  # the column describing this one's subject, when not the row's


_P = iris.PREFIXES
COLUMNS: tuple[Column, ...] = (
    Column("observation", "observation", "IRI of the qb:Observation", "anyURI", None, True),
    Column(
        "dataset",
        "dataset",
        "the qb:DataSet (the data set of the indicator's topic)",
        "anyURI",
        _P["qb"] + "dataSet",
        True,
    ),
    Column(
        "ref_area",
        "ref_area",
        "the zone, group or region the figure is about",
        "anyURI",
        _P["sdmx-dimension"] + "refArea",
        True,
    ),
    Column(
        "ref_area_label",
        "ref_area_label",
        "English label of ref_area",
        "string",
        _P["rdfs"] + "label",
        about="ref_area",
    ),
    Column(
        "ref_period",
        "ref_period",
        "reference period as written: 2021, 2021-H1, 2021-Q3, 2021-03; empty when not stated",
        "string",
    ),
    Column(
        "ref_period_iri",
        "ref_period_iri",
        "reference period (reference.data.gov.uk interval IRI); empty: not stated",
        "anyURI",
        _P["sdmx-dimension"] + "refPeriod",
        True,
    ),
    Column(
        "indicator",
        "indicator",
        "what is measured (skos:Concept)",
        "anyURI",
        iris.DZ + "indicator",
        True,
    ),
    Column(
        "indicator_label",
        "indicator_label",
        "English label of the indicator",
        "string",
        _P["skos"] + "prefLabel",
        about="indicator",
    ),
    Column(
        "statistic",
        "statistic",
        "kind of figure: level, yoy-change, rank, ...",
        "anyURI",
        iris.DZ + "statistic",
        True,
    ),
    Column(
        "scope",
        "scope",
        "what a rank or share is among; scope/_Z when not applicable",
        "anyURI",
        iris.DZ + "scope",
        True,
    ),
    Column(
        "population",
        "population",
        'how many a rank is among ("rank 3 of 169"); empty when not stated',
        "integer",
        iris.DZ + "rankPopulation",
    ),
    Column(
        "base_period",
        "base_period",
        "the base period of a change against a period, as written (2018)",
        "string",
    ),
    Column(
        "base_period_iri",
        "base_period_iri",
        "the base period (interval IRI)",
        "anyURI",
        iris.DZ + "basePeriod",
        True,
    ),
    Column(
        "value",
        "value",
        "the figure, scale words resolved",
        "decimal",
        _P["sdmx-measure"] + "obsValue",
    ),
    Column(
        "unit",
        "unit",
        "unit of measure (skos:notation: CNY, PERCENT, ...)",
        "anyURI",
        _P["sdmx-attribute"] + "unitMeasure",
        True,
    ),
    Column(
        "qualifier",
        "qualifier",
        "about, more than, tied, ... (empty when exact)",
        "string",
        iris.DZ + "qualifier",
    ),
    Column(
        "source",
        "source",
        "the source document",
        "anyURI",
        _P["prov"] + "wasDerivedFrom",
        True,
        about="dataset",
    ),
    Column("quote", "quote", "the sentence part the figure was read from", "string"),
)

_OBSERVATIONS = """
SELECT ?observation ?dataset ?ref_area ?ref_period_iri ?indicator ?statistic ?scope ?population
       ?base_period_iri ?value ?unit ?qualifier ?source ?quote WHERE {
  ?observation a qb:Observation ; qb:dataSet ?dataset ; sdmx-dimension:refArea ?ref_area ;
    dz:indicator ?indicator ; dz:statistic ?statistic ;
    sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit .
  OPTIONAL { ?observation sdmx-dimension:refPeriod ?ref_period_iri }
  OPTIONAL { ?observation dz:scope ?scope }
  OPTIONAL { ?observation dz:rankPopulation ?population }
  OPTIONAL { ?observation dz:basePeriod ?base_period_iri }
  OPTIONAL { ?observation dz:qualifier ?qualifier }
  OPTIONAL { ?observation prov:wasDerivedFrom ?span .
             ?span oa:hasSource ?source . OPTIONAL { ?span oa:hasSelector/oa:exact ?quote } }
} ORDER BY ?observation"""

_LABELS = """
SELECT ?x (SAMPLE(?l) AS ?label) WHERE {
  { ?o a qb:Observation ; sdmx-dimension:refArea ?x }
  UNION { ?o a qb:Observation ; dz:indicator ?x }
  ?x rdfs:label|skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), "en"))
} GROUP BY ?x"""


def plain_period(iri: str) -> str:
    """A period IRI as people write it (``2021``, ``2021-H1``), "" for none or not stated.

    >>> plain_period("http://reference.data.gov.uk/id/half/2020-H1")
    '2020-H1'
    >>> plain_period(iris.PERIOD_UNSTATED)
    ''
    """
    if not iri or iri == iris.PERIOD_UNSTATED:
        return ""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _prefixed(sparql: str) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in iris.PREFIXES.items()) + sparql


def write_observations_csv(store: Store, output: IO[str]) -> int:
    """Write the observations as CSV (header = COLUMNS); returns the number of rows.

    >>> from kg.store import open_store
    >>> out = io.StringIO()
    >>> write_observations_csv(open_store(None), out)
    0
    >>> out.getvalue().splitlines()[0].split(",")[:2]
    ['observation', 'dataset']
    """
    labels = {str(r["x"]): str(r["label"]) for r in store.select(_prefixed(_LABELS))}
    writer = csv.writer(output, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow([c.title for c in COLUMNS])
    seen: set[str] = set()
    for row in store.select(_prefixed(_OBSERVATIONS)):
        obs = str(row["observation"])
        if obs in seen:  # a second span or source would repeat the row
            continue
        seen.add(obs)
        values = {k: str(v) for k, v in row.items()}
        values["ref_area_label"] = labels.get(values["ref_area"], "")
        values["indicator_label"] = labels.get(values["indicator"], "")
        values["ref_period"] = plain_period(values.get("ref_period_iri", ""))
        values["base_period"] = plain_period(values.get("base_period_iri", ""))
        writer.writerow([values.get(c.name, "") for c in COLUMNS])
    return len(seen)


def csvw_metadata(csv_url: str) -> dict:
    """CSVW metadata (JSON-LD) describing the observations CSV found at ``csv_url``.

    >>> meta = csvw_metadata("observations.csv")
    >>> [c["datatype"] for c in meta["tableSchema"]["columns"] if c["name"] == "value"]
    ['decimal']
    """
    columns = []
    for c in COLUMNS:
        column: dict = {
            "name": c.name,
            "titles": c.title,
            "dc:description": c.description,
            "datatype": c.datatype,
            "required": c.name in ("observation", "ref_area", "indicator", "value", "unit"),
        }
        if c.property:
            column["propertyUrl"] = c.property
            if c.iri:
                column["valueUrl"] = "{+" + c.name + "}"
            if c.about:
                column["aboutUrl"] = "{+" + c.about + "}"
        else:
            # The row's own IRI (aboutUrl) and the quote (which belongs to a span) add no triple.
            column["suppressOutput"] = True
        columns.append(column)
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": csv_url,
        "dc:title": "Observations of zonegraph (one row per qb:Observation)",
        "dc:license": {"@id": "https://creativecommons.org/licenses/by/4.0/"},
        "dialect": {"header": True, "lineTerminators": ["\r\n", "\n"]},
        "tableSchema": {
            "columns": columns,
            "primaryKey": "observation",
            "aboutUrl": "{+observation}",
        },
    }


def write_gzipped(store: Store, fmt: str, output: IO[bytes]) -> None:
    """Write the store gzipped: "nquads" keeps graph names, "turtle" is the union of graphs."""
    # mtime=0: the same store gives byte-identical dumps, so caches and checksums hold.
    with gzip.GzipFile(fileobj=output, mode="wb", mtime=0) as gz:
        store.export(fmt, gz)


def write_dumps(store: Store, directory: str | Path, *, csv_url: str = CSV_NAME) -> dict[str, Path]:
    """Write the four dump files into ``directory`` (each atomically); returns name -> path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, fmt in ((NQUADS_NAME, "nquads"), (TURTLE_NAME, "turtle")):
        written[name] = atomic_write(
            directory / name, lambda f, fmt=fmt: write_gzipped(store, fmt, f)
        )

    def csv_writer(f: IO[bytes]) -> None:
        text = io.TextIOWrapper(f, encoding="utf-8", newline="")
        write_observations_csv(store, text)
        text.flush()
        text.detach()

    written[CSV_NAME] = atomic_write(directory / CSV_NAME, csv_writer)
    meta = json.dumps(csvw_metadata(csv_url), indent=2, ensure_ascii=False).encode()
    written[CSVW_NAME] = atomic_write(directory / CSVW_NAME, lambda f: f.write(meta))
    return written


def atomic_write(path: Path, write) -> Path:
    """Call ``write(binary_file)`` on a file beside ``path``, then rename it into place.

    A reader never sees half a file, and a failure leaves the old file (or none).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; dumps are for everyone to read
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
