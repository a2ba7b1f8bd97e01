"""Two currencies of one figure: "599 million U.S. dollars (about 3.82 billion yuan)".

The genre gives an amount and, in brackets just after it, the same amount in another
currency. The bracketed amount is the same figure (subject, indicator, period, statistic)
in the other unit: one more observation whose key differs only in the unit (docs/model.md,
"Measures and units"), never a figure of its own that needs a subject and an indicator.

>>> from loaders.text.quantities import find_quantities
>>> text = "exports reached 115 billion yuan ($18.24 billion), up 7 percent"
>>> first, second, _ = find_quantities(text)
>>> converts(text, first, second)
True
>>> other = "115 billion yuan and $18.24 billion"
>>> converts(other, *find_quantities(other))
False
"""

from __future__ import annotations

import re

from loaders.text.quantities import Quantity

__all__ = ["CURRENCIES", "converts"]

CURRENCIES = frozenset({"CNY", "USD"})

# What stands between the amount and its conversion: an opening bracket, maybe a hedge
# ("about", "or", "equivalent to"); the conversion closes the bracket.
_BETWEEN_RE = re.compile(
    r"\s*\(\s*(?:(?:about|around|approximately|approx\.|roughly|nearly|some|or|equivalent\s+to"
    r"|equal\s+to|over|more\s+than|almost)\s+)?",
    re.I,
)
_CLOSE_RE = re.compile(r"\s*\)")


def converts(text: str, amount: Quantity, other: Quantity) -> bool:
    """Whether ``other`` is ``amount`` in another currency, in brackets just after it."""
    return (
        amount.unit in CURRENCIES
        and other.unit in CURRENCIES
        and amount.unit != other.unit
        and _BETWEEN_RE.fullmatch(text, amount.end, other.start) is not None
        and _CLOSE_RE.match(text, other.end) is not None
    )
