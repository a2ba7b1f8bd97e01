"""Helpers that let the text loader's patterns run fast with the same matches.

Python's regular-expression engine skips quickly to where a match can start only when the
pattern opens with a literal or a set of characters, and it cannot do so for a pattern
compiled with re.IGNORECASE whose first letters have a case. For such patterns, searching
the text in lower case with a lower-case pattern finds the same places, offset for offset,
unless the text holds one of the few characters that IGNORECASE or ``str.lower`` maps onto
an ASCII letter: ``lowered`` returns None for those texts, and callers use the pattern.

>>> lowered("Pearl River Delta"), lowered("\u212aunming")
('pearl river delta', None)
"""

from __future__ import annotations

# The characters that re.IGNORECASE matches to an ASCII letter, or that str.lower makes
# one or two characters of (dotted and dotless I, long s, the Kelvin sign); found by trying
# every code point (tests/loaders/text/test_scan.py does it again).
CASE_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def lowered(text: str) -> str | None:
    """``text`` in lower case, offset for offset, when every ASCII word matches it with
    re.IGNORECASE exactly where the lower-case word matches the lowered text; else None."""
    if any(c in text for c in CASE_FOLDS):
        return None
    return text.lower()
