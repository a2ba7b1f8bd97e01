"""The example queries of ``ontology/queries/*.rq``, with the prefixes they use declared.

A query file starts with comment headers: ``# title: ...`` (the tab name) and
optionally ``# description: ...``.

>>> q = parse_example("top", "# title: Zones\\nSELECT ?z WHERE { ?z a dz:DevelopmentZone }")
>>> q.title
'Zones'
>>> q.query.splitlines()[1]
'PREFIX dz: <https://w3id.org/zonegraph/ontology#>'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg import iris
from kg.reference import ONTOLOGY_DIR

QUERIES = ONTOLOGY_DIR / "queries"
_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*?)\s*$")
_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?<([^>\s]+)>", re.IGNORECASE)
_DECLARED = re.compile(r"^\s*PREFIX\s+([\w.-]*):", re.IGNORECASE | re.MULTILINE)
# The tab an empty editor opens with when the ontology has no example queries.
DEFAULT = """# title: Observations by area
SELECT ?area ?areaLabel (COUNT(DISTINCT ?obs) AS ?observations) WHERE {
  ?obs a qb:Observation ; sdmx-dimension:refArea ?area .
  OPTIONAL { ?area rdfs:label ?areaLabel FILTER(langMatches(lang(?areaLabel), "en")) }
}
GROUP BY ?area ?areaLabel
ORDER BY DESC(?observations)
"""


@dataclass
class Example:
    """One example query: file name (without .rq), title, description and full text."""

    name: str
    title: str
    description: str
    query: str

    @property
    def services(self) -> list[str]:
        """The endpoints its SERVICE clauses call (a federated example calls some).

        >>> parse_example("f", "SELECT * { SERVICE <https://q.example/s> { ?s ?p ?o } }").services
        ['https://q.example/s']
        """
        return sorted(set(_SERVICE.findall(self.query)))


def with_prefixes(query: str) -> str:
    """``query`` with a PREFIX line for every known prefix it uses and does not declare.

    >>> with_prefixes("SELECT * { ?s rdfs:label ?l }").splitlines()[0]
    'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>'
    """
    declared = set(_DECLARED.findall(query))
    body = re.sub(r"<[^>\s]*>|\"(?:[^\"\\]|\\.)*\"|#[^\n]*", " ", query)
    used = [
        p
        for p in iris.PREFIXES
        if p not in declared and re.search(rf"(?<![\w.:-]){re.escape(p)}:", body)
    ]
    if not used:
        return query
    # After the comment headers, so the title stays on top.
    all_lines = query.splitlines()
    head = 0
    while head < len(all_lines) and all_lines[head].startswith("#"):
        head += 1
    lines = [f"PREFIX {p}: <{iris.PREFIXES[p]}>" for p in used]
    return "\n".join([*all_lines[:head], *lines, *all_lines[head:]]) + "\n"


def parse_example(name: str, text: str) -> Example:
    """An Example from the text of a .rq file."""
    headers: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not line.startswith("#"):
            break
        if match:
            headers.setdefault(match[1].lower(), match[2])
    return Example(
        name,
        headers.get("title") or name.replace("-", " "),
        headers.get("description", ""),
        with_prefixes(text),
    )


def examples(folder: Path = QUERIES) -> list[Example]:
    """The example queries, sorted by file name; the default query when there are none."""
    files = sorted(folder.glob("*.rq")) if folder.is_dir() else []
    found = [parse_example(f.stem, f.read_text(encoding="utf-8")) for f in files]
    return found or [parse_example("default", DEFAULT)]
