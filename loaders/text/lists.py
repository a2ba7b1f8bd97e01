"""Lists read in order: "exports and imports grew 155.15 percent and 42.86 percent respectively".

The genre gives several figures of one kind in a row, closed by "respectively", and the
things they belong to in the same order earlier in the sentence ("exports and imports").
``respective_run`` finds the figures, ``conjuncts`` the things; a rule pairs them only when
there are as many of each.

>>> from loaders.text.quantities import find_quantities
>>> text = "exports and imports grew 155.15 percent and 42.86 percent respectively"
>>> [q.value for q in respective_run(text, find_quantities(text))]
['155.15', '42.86']
>>> conjuncts("exports and imports")
['exports', 'imports']
"""

from __future__ import annotations

import re

from loaders.text.quantities import Quantity

__all__ = ["conjuncts", "respective_run", "run_end"]

_BETWEEN_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_RESPECTIVELY_RE = re.compile(r"\s*,?\s*respectively\b")
_CONJUNCT_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def respective_run(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """The figures of a list closed by "respectively" that starts at ``quantities[0]``, all
    in one unit; [] when the figures after it are no such list."""
    run = quantities[:1]
    for q in quantities[1:]:
        last = run[-1]
        if q.unit != last.unit or not _BETWEEN_RE.fullmatch(text, last.end, q.start):
            break
        run.append(q)
    if len(run) < 2 or not _RESPECTIVELY_RE.match(text, run[-1].end):
        return []
    return run


def conjuncts(phrase: str) -> list[str]:
    """The things a phrase lists ("A, B and C"), each as it is written."""
    return [part.strip() for part in _CONJUNCT_RE.split(phrase) if part.strip()]


def run_end(text: str, run: list[Quantity]) -> int:
    """Where a list found by ``respective_run`` ends: after its "respectively"."""
    return _RESPECTIVELY_RE.match(text, run[-1].end).end()
