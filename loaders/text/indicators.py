"""Names what a figure measures: a phrase of the text, or the SKOS indicator scheme's label.

>>> indicator_label("total export-import volume")
'total imports and exports'
>>> indicator_label("number of widgets shipped")
'number of widgets shipped'
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import SKOS

from kg import iris
from kg.reference import ontology_graph
from loaders.text.entities import normalise


@lru_cache(maxsize=1)
def _scheme() -> dict[str, str]:
    g = ontology_graph()
    prefix = iris.ID + "indicator/"
    out: dict[str, str] = {}
    for concept in sorted(set(g.subjects(SKOS.prefLabel, None))):
        if not str(concept).startswith(prefix):
            continue
        pref = next(
            (
                str(x)
                for x in g.objects(concept, SKOS.prefLabel)
                if isinstance(x, Literal) and x.language in (None, "en")
            ),
            None,
        )
        if pref is None:
            continue
        out.setdefault(normalise(pref), pref)
        for alt in g.objects(concept, SKOS.altLabel):
            if isinstance(alt, Literal) and alt.language in (None, "en"):
                out.setdefault(normalise(str(alt)), pref)
    return out


def indicator_label(phrase: str) -> str:
    """The scheme's prefLabel when the phrase is one of its labels, else the phrase itself."""
    phrase = " ".join(phrase.split())
    return _scheme().get(normalise(phrase), phrase)
