"""Fidelity of the text loader against gold facts: precision, recall and F1 per document.

Each document is loaded with ``loaders.text.load`` into a fresh in-memory store (with the
ontology and reference graphs), its observations are read back by SPARQL, and matched to
the gold facts by the rule of the gold README: value within 0.5 %, same unit, same period
where the gold gives one, subject label (or altLabel) equal to the gold subject or one of
its aliases after normalisation. The last line printed is the overall figure.

    python bench/fidelity.py [--docs data/documents] [--gold data/gold]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from kg import iris
from kg.reference import ontology_graph, reference_graph
from kg.store import open_store
from loaders import text as text_loader

REPO = Path(__file__).resolve().parent.parent
UNIT_NAMES = {
    "CNY": "cny",
    "USD": "usd",
    "PERCENT": "percent",
    "NUM": "count",
    "RANK": "rank",
    "TIMES": "times",
    "YEAR": "year",
    "YR": "years",
    "T": "tonnes",
    "KM2": "km2",
    "HA": "hectares",
    "M2": "m2",
    "MU": "mu",
    "KM": "km",
    "TEU": "teu",
    "POINTS": "points",
}
QUERY = """
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX dz: <https://w3id.org/zonegraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?obs ?value ?unit ?notation ?period ?stat ?quote
       (GROUP_CONCAT(DISTINCT ?label; separator="\\u001f") AS ?labels)
WHERE {
  GRAPH <%s> {
    ?obs a qb:Observation ; sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit ;
         sdmx-dimension:refArea ?area ; dz:statistic ?stat .
    OPTIONAL { ?obs sdmx-dimension:refPeriod ?period }  # none: the period is not stated
    OPTIONAL { ?obs prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }
  }
  OPTIONAL { ?unit skos:notation ?notation }
  OPTIONAL { { ?area rdfs:label ?label } UNION { ?area skos:altLabel ?label } }
}
GROUP BY ?obs ?value ?unit ?notation ?period ?stat ?quote
ORDER BY ?obs
"""

# Calendar years are properties of the zone (dz:foundingYear, dz:approvalYear), not
# observations: each counts as one extracted figure, a level in unit "year" of that year,
# of the month when the graph gives one (dz:foundingMonth, dz:approvalMonth): the gold
# gives "approved in May 1992" the period "1992-05".
YEARS_QUERY = """
PREFIX dz: <https://w3id.org/zonegraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?zone ?prop ?year ?month (GROUP_CONCAT(DISTINCT ?label; separator="\\u001f") AS ?labels)
WHERE {
  GRAPH <%s> {
    VALUES (?prop ?monthProp) {
      (dz:foundingYear dz:foundingMonth) (dz:approvalYear dz:approvalMonth)
    }
    ?zone ?prop ?year
    OPTIONAL { ?zone ?monthProp ?month }
  }
  OPTIONAL { { ?zone rdfs:label ?label } UNION { ?zone skos:altLabel ?label } }
}
GROUP BY ?zone ?prop ?year ?month
ORDER BY ?zone ?prop
"""


@dataclass
class Observed:
    value: Decimal
    unit: str
    period: str
    statistic: str
    labels: set[str]
    quote: str


@dataclass
class Score:
    found: int = 0
    extracted: int = 0
    expected: int = 0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.extracted += other.extracted
        self.expected += other.expected

    def figures(self) -> tuple[float, float, float]:
        p = self.found / self.extracted if self.extracted else 1.0
        r = min(1.0, self.found / self.expected) if self.expected else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def normalise(label: str) -> str:
    """Case, punctuation, possessive 's and a leading "the" do not count."""
    s = label.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


_INTERVAL_RE = re.compile(r"gregorian-interval/(\d{4})-(\d\d)-01T00:00:00/P(\d+)([MY])$")


def period_of(iri: str) -> str:
    """The gold code of a period IRI: ``.../year/2021`` is ``2021``, the interval of the
    first eight months of 2020 ``2020-01/2020-08``, that of 2017 to 2021 ``2017-2021``.

    >>> period_of("http://reference.data.gov.uk/id/gregorian-interval/2020-01-01T00:00:00/P8M")
    '2020-01/2020-08'
    >>> period_of("http://reference.data.gov.uk/id/gregorian-interval/2017-01-01T00:00:00/P5Y")
    '2017-2021'
    """
    if not iri or iri == iris.PERIOD_UNSTATED:
        return ""
    interval = _INTERVAL_RE.search(iri)
    if interval:
        year, month, n = int(interval.group(1)), int(interval.group(2)), int(interval.group(3))
        if interval.group(4) == "Y":
            return f"{year}-{year + n - 1}"
        last = year * 12 + month - 1 + n - 1
        return f"{year}-{month:02d}/{last // 12}-{last % 12 + 1:02d}"
    return iri.rstrip("/").rsplit("/", 1)[-1]


def observations(path: Path) -> list[Observed]:
    """Load one document into a fresh store and read its observations back by SPARQL."""
    source_id = iris.slugify(path.stem)
    graph = text_loader.load(path, source_id)
    store = open_store(None)
    store.replace_graphs(
        {
            iris.ONTOLOGY_GRAPH: ontology_graph().serialize(format="nt", encoding="utf-8"),
            iris.REFERENCE_GRAPH: reference_graph().serialize(format="nt", encoding="utf-8"),
            iris.source_graph(source_id): graph.serialize(format="nt", encoding="utf-8"),
        }
    )
    out = []
    for row in store.select(YEARS_QUERY % iris.source_graph(source_id)):
        year = str(row["year"])[:4]
        month = str(row.get("month") or "")
        period = month if month[:4] == year else year
        prop = str(row["prop"]).rsplit("#", 1)[-1]
        out.append(Observed(Decimal(year), "year", period, "level", _labels(row), prop))
    for row in store.select(QUERY % iris.source_graph(source_id)):
        unit = str(row.get("notation") or str(row["unit"]).rsplit("/", 1)[-1])
        out.append(
            Observed(
                Decimal(str(row["value"])),
                UNIT_NAMES.get(unit, unit.lower()),
                period_of(str(row.get("period") or "")),
                str(row["stat"]).rsplit("/", 1)[-1],
                _labels(row),
                str(row.get("quote") or ""),
            )
        )
    return out


def _labels(row) -> set[str]:
    return {normalise(x) for x in str(row.get("labels") or "").split("\x1f") if x}


def _subjects(gold: dict) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for ent in gold.get("entities") or []:
        names[ent["label"]] = {normalise(ent["label"])} | {
            normalise(a) for a in ent.get("aliases") or []
        }
    return names


def matches(obs: Observed, fact: dict, names: dict[str, set[str]]) -> bool:
    """The gold README's matching rule."""
    gold_value = Decimal(str(fact["value"]))
    tolerance = abs(gold_value) * Decimal("0.005")
    if abs(obs.value - gold_value) > tolerance:
        return False
    if obs.unit != str(fact["unit"]).lower():
        return False
    gold_period = str(fact.get("period") or "")
    if gold_period and obs.period != gold_period:
        return False
    subject = fact["subject"]
    return bool(obs.labels & names.get(subject, {normalise(subject)}))


def _assign(found: list[Observed], facts: list[dict], names) -> dict[int, int]:
    # Maximum bipartite matching (augmenting paths): each gold fact is found at most once.
    options = {
        i: [j for j, f in enumerate(facts) if matches(o, f, names)] for i, o in enumerate(found)
    }
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in options:
        augment(i, set())
    return owner


def evaluate(doc: Path, gold: dict, out=sys.stdout) -> Score:
    """Score one document and print its misses and extras."""
    facts = gold.get("facts") or []
    names = _subjects(gold)
    found = observations(doc)
    owner = _assign(found, facts, names)
    matched = set(owner.values())
    borderline_found = sum(1 for j in owner if facts[j].get("borderline"))
    expected = sum(1 for f in facts if not f.get("borderline")) + borderline_found
    score = Score(found=len(owner), extracted=len(found), expected=expected)
    p, r, f1 = score.figures()
    print(
        f"{doc.name}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
        f"({score.found} matched, {score.extracted} extracted, {score.expected} expected)",
        file=out,
    )
    for j, fact in enumerate(facts):
        if j not in owner and not fact.get("borderline"):
            print(
                f"  miss: {fact['subject']} | {fact['value']} {fact['unit']} | "
                f'period {fact.get("period") or "-"} | "{fact["quote"]}"',
                file=out,
            )
    for i, obs in enumerate(found):
        if i not in matched:
            print(
                f"  extra: {sorted(obs.labels)[:1]} | {obs.value} {obs.unit} | "
                f'period {obs.period or "-"} | {obs.statistic} | "{obs.quote}"',
                file=out,
            )
    return score


def load_golds(folder: Path) -> dict[str, dict]:
    """The gold YAML files of ``folder``, by the document file name they are about."""
    golds = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("document"):
            golds[data["document"]] = data
    return golds


def main(argv: list[str] | None = None) -> Score:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=REPO / "data" / "documents")
    parser.add_argument("--gold", type=Path, default=REPO / "data" / "gold")
    args = parser.parse_args(argv)
    golds = load_golds(args.gold)
    total = Score()
    for doc in sorted(args.docs.iterdir()):
        if doc.suffix.lower() in (".txt", ".html", ".htm") and doc.name in golds:
            total.add(evaluate(doc, golds[doc.name]))
    p, r, f1 = total.figures()
    print(
        f"overall: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
        f"({total.found} matched, {total.extracted} extracted, {total.expected} expected)"
    )
    return total


if __name__ == "__main__":
    main()
