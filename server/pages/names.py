"""Labels of IRIs, read in chunks, and the check that an IRI can go into a query as ``<iri>``."""

from __future__ import annotations

import re

from kg import iris
from kg.store import Store

P = iris.PREFIXES
_LABELS = (P["rdfs"] + "label", P["skos"] + "prefLabel")
# Characters that may not appear inside an IRI reference (RFC 3987), so never in a query.
_NOT_IN_IRI = re.compile(r'[\s<>"{}|\\^`]')


def safe_iri(iri: str) -> bool:
    """True when ``iri`` can be written as ``<iri>`` in SPARQL without breaking out of it.

    >>> safe_iri("https://w3id.org/zonegraph/id/zone/a"), safe_iri("x> } DROP ALL {")
    (True, False)
    """
    return bool(iri) and not _NOT_IN_IRI.search(iri)


def labels(store: Store, nodes: set[str]) -> dict[str, tuple[str, str]]:
    """English (or untagged) and Chinese labels of IRIs: iri -> (en, zh); missing ones left out."""
    wanted = sorted(n for n in nodes if safe_iri(n))
    found: dict[str, dict[str, str]] = {}
    for chunk in range(0, len(wanted), 400):
        values = " ".join(f"<{n}>" for n in wanted[chunk : chunk + 400])
        rows = store.select(
            f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} "
            f"VALUES ?p {{ <{_LABELS[0]}> <{_LABELS[1]}> }} ?s ?p ?l }}"
        )
        for row in rows:
            lit = row["l"]
            lang = (getattr(lit, "language", None) or "").lower()
            key = "zh" if lang.startswith("zh") else "en" if lang in ("en", "") else "other"
            found.setdefault(str(row["s"]), {}).setdefault(key, str(lit))
    if iris.PUBLISHER in nodes:
        # The catalogue's agent is described by /catalog, not in the store.
        found.setdefault(iris.PUBLISHER, {}).setdefault("en", iris.PUBLISHER_NAME)
    return {
        s: (ls.get("en") or ls.get("other") or ls.get("zh", ""), ls.get("zh", ""))
        for s, ls in found.items()
    }
