"""Synthetic data at scale: zones, regions, indicators and 25-year observation series as N-Quads.

The shape follows docs/model.md (IRIs from kg.iris): each province is one
source graph holding its cities, zones and their qb:Observations; the
indicator and unit concepts sit in the ontology graph. Observations are in the
data set of their indicator's topic (zid:dataset/<topic>, shared by every province
graph, as kg.model does), of structure dz:dsd, so the W3C Data Cube integrity
constraints apply (tests/ontology/test_qb_integrity.py runs them). 10 quads per
observation, so ``--zones 900`` (6 indicators x 25 years) gives ~1.35 M quads.

    python -m bench.synthetic --zones 900 --out var/bench/synthetic.nq
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

from kg import iris

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
QB = "http://purl.org/linked-data/cube#"
DIM = "http://purl.org/linked-data/sdmx/2009/dimension#"
MEASURE = "http://purl.org/linked-data/sdmx/2009/measure#obsValue"
UNIT = "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_IN_SCHEME = "http://www.w3.org/2004/02/skos/core#inScheme"
PROVINCES = [
    "Sichuan", "Guangdong", "Jiangsu", "Zhejiang", "Shandong", "Henan", "Hubei", "Hunan",
    "Hebei", "Fujian", "Anhui", "Liaoning", "Shaanxi", "Jiangxi", "Chongqing", "Yunnan",
    "Guangxi", "Shanxi", "Guizhou", "Inner Mongolia", "Xinjiang", "Tianjin", "Jilin",
    "Heilongjiang", "Gansu", "Hainan", "Ningxia", "Qinghai", "Tibet", "Beijing", "Shanghai",
]  # fmt: skip
KINDS = ["HighTechZone", "EconomicTechnologicalDevelopmentZone", "ComprehensiveBondedZone"]
INDICATORS = {
    "gross-regional-product": "CNY",
    "total-imports-and-exports": "CNY",
    "actual-use-of-foreign-capital": "USD",
    "fixed-asset-investment": "CNY",
    "number-of-enterprises": "NUM",
    "industrial-output": "CNY",
}
# The topic (zid:scheme/topics) of each indicator: the data set its observations are in.
TOPICS = {
    "gross-regional-product": "economy",
    "total-imports-and-exports": "trade",
    "actual-use-of-foreign-capital": "investment",
    "fixed-asset-investment": "investment",
    "number-of-enterprises": "enterprises",
    "industrial-output": "economy",
}
YEARS = range(1998, 2023)  # 25 years


def zone_iris(zones: int) -> list[str]:
    """The zone IRIs the generator mints (benchmarks pick from them)."""
    return [iris.ID + f"zone/synthetic-zone-{i:05d}" for i in range(zones)]


def indicator_iri(slug: str) -> str:
    return iris.ID + f"indicator/{slug}"


def _lit(value: str, datatype: str | None = None, lang: str | None = None) -> str:
    if lang:
        return f'"{value}"@{lang}'
    return f'"{value}"^^<{datatype}>' if datatype else f'"{value}"'


def quads(zones: int, seed: int = 7) -> Iterator[str]:
    """N-Quads lines of the synthetic dataset."""
    rng = random.Random(seed)
    onto = f"<{iris.ONTOLOGY_GRAPH}>"
    for slug, unit in INDICATORS.items():
        ind = f"<{indicator_iri(slug)}>"
        yield f"{ind} <{RDF_TYPE}> <http://www.w3.org/2004/02/skos/core#Concept> {onto} .\n"
        yield f"{ind} <{SKOS_LABEL}> {_lit(slug.replace('-', ' '), lang='en')} {onto} .\n"
        yield f"{ind} <{SKOS_IN_SCHEME}> <{iris.ID}scheme/indicators> {onto} .\n"
        yield f"<{iris.ID}unit/{unit}> <{SKOS_LABEL}> {_lit(unit, lang='en')} {onto} .\n"
    for i, zone in enumerate(zone_iris(zones)):
        province = PROVINCES[i % len(PROVINCES)]
        pslug = iris.slugify(province)
        graph = f"<{iris.SOURCE_GRAPH}synthetic-{pslug}>"
        prov_iri = f"<{iris.ID}region/{pslug}>"
        city = f"<{iris.ID}region/{pslug}-city-{i % 7}>"
        if i < len(PROVINCES):
            yield f"{prov_iri} <{RDF_TYPE}> <{iris.DZ}Province> {graph} .\n"
            yield f"{prov_iri} <{LABEL}> {_lit(province, lang='en')} {graph} .\n"
        if i < 7 * len(PROVINCES):
            yield f"{city} <{RDF_TYPE}> <{iris.DZ}City> {graph} .\n"
            yield f"{city} <{iris.DZ}locatedIn> {prov_iri} {graph} .\n"
        z = f"<{zone}>"
        yield f"{z} <{RDF_TYPE}> <{iris.DZ}{KINDS[i % len(KINDS)]}> {graph} .\n"
        yield f"{z} <{LABEL}> {_lit(f'{province} Synthetic Zone {i}', lang='en')} {graph} .\n"
        yield f"{z} <{iris.DZ}locatedIn> {city} {graph} .\n"
        yield f"{z} <{iris.DZ}zoneLevel> <{iris.ID}level/national> {graph} .\n"
        yield f"{z} <{iris.DZ}foundingYear> {_lit(str(1984 + i % 30), XSD + 'gYear')} {graph} .\n"
        for topic in sorted(set(TOPICS.values())) if i < len(PROVINCES) else ():
            dataset = f"<{iris.dataset_iri(topic)}>"  # described in each graph that uses it
            yield f"{dataset} <{RDF_TYPE}> <{QB}DataSet> {graph} .\n"
            yield f"{dataset} <{QB}structure> <{iris.DZ}dsd> {graph} .\n"
            title = _lit(f"Synthetic {topic} figures", lang="en")
            yield f"{dataset} <{LABEL}> {title} {graph} .\n"
        for slug, unit in INDICATORS.items():
            value = rng.uniform(1e6, 1e11)
            dataset = f"<{iris.dataset_iri(TOPICS[slug])}>"
            for year in YEARS:
                value *= rng.uniform(0.95, 1.2)
                obs = f"<{iris.ID}observation/synthetic/{i:05d}-{slug}-{year}>"
                yield f"{obs} <{RDF_TYPE}> <{QB}Observation> {graph} .\n"
                yield f"{obs} <{QB}dataSet> {dataset} {graph} .\n"
                yield f"{obs} <{DIM}refArea> {z} {graph} .\n"
                yield (
                    f"{obs} <{DIM}refPeriod> <http://reference.data.gov.uk/id/year/{year}> "
                    f"{graph} .\n"
                )
                yield f"{obs} <{iris.DZ}indicator> <{indicator_iri(slug)}> {graph} .\n"
                yield f"{obs} <{iris.DZ}statistic> <{iris.ID}statistic/level> {graph} .\n"
                yield f"{obs} <{iris.DZ}scope> <{iris.SCOPE_NOT_APPLICABLE}> {graph} .\n"
                yield f"{obs} <{MEASURE}> {_lit(f'{value:.2f}', XSD + 'decimal')} {graph} .\n"
                yield f"{obs} <{UNIT}> <{iris.ID}unit/{unit}> {graph} .\n"
                yield f"{obs} <{iris.DZ}unit> <{iris.ID}unit/{unit}> {graph} .\n"


def write(path: Path, zones: int) -> int:
    """Write the dataset to ``path``; returns the number of quads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for line in quads(zones):
            out.write(line)
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=900)
    parser.add_argument("--out", type=Path, default=Path("var/bench/synthetic.nq"))
    args = parser.parse_args()
    print(f"{write(args.out, args.zones)} quads -> {args.out}")


if __name__ == "__main__":
    main()
