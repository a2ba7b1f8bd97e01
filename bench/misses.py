"""Why the text loader missed each gold fact: one reason category per missed fact.

Scores like bench/fidelity.py (same matching rule, same strict periods), then puts each
gold fact that no observation matched into one category, from what the loader did with
the same number:

- read with the same value, but another subject / period / unit / kind ("wrong subject",
  "period", "unit");
- left unattached, with the loader's own reason ("no subject in sentence", "target", ...);
- read, but left out of the graph because its phrase maps to no indicator concept
  ("unmapped indicator", with the phrase);
- never read as a number at all ("number not read": units such as mu or TEU, words);
- a list ("respectively") or a count where nothing was read get their own categories.

    python bench/misses.py --docs var/corpus --gold ../shared/corpus/gold [--show CATEGORY]

Prints the count per category (largest first), then with --show the missed facts of one
category with the loader's reason.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

from loaders.text.document import read
from loaders.text.extraction import extract_document
from loaders.text.quantities import find_quantities

REPO = Path(__file__).resolve().parent.parent


sys.path.insert(0, str(REPO / "bench"))
import fidelity  # noqa: E402  (bench/ is a folder of scripts, not a package)

# The loader's own reasons for a number left unattached, by category (first match wins).
_LEFT_REASONS = (
    ("left out by the shapes", r"^left out"),
    ("target", r"plan or target"),
    ("no subject in sentence", r"no (zone|subject)|with no group|\"ones\""),
    ("no indicator", r"no indicator"),
    ("count", r"bare number|number of places"),
    ("duplicate figure", r"another value for the same figure"),
    ("comparison/base", r"compared with|base period|year earlier"),
)


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= abs(b) * Decimal("0.005")


def _category(
    fact: dict, names, found, left, quantities, text: str, unmapped=()
) -> tuple[str, str]:
    value = Decimal(str(fact["value"]))
    unit = str(fact["unit"]).lower()
    subject = names.get(fact["subject"], {fidelity.normalise(fact["subject"])})
    period = str(fact.get("period") or "")
    same_value = [o for o in found if _close(o.value, value)]
    for o in same_value:
        if o.unit == unit and (not period or o.period == period):
            return "wrong subject", f"read for {sorted(o.labels)[:1]}"
    for o in same_value:
        if o.labels & subject and o.unit == unit:
            return "period", f"read as period {o.period or 'unstated'}, gold {period}"
    for o in same_value:
        if o.labels & subject:
            return "unit", f"read in {o.unit}, gold {unit}"
    if same_value:
        o = same_value[0]
        return "wrong subject", f"read for {sorted(o.labels)[:1]} period {o.period or '-'}"
    quote = str(fact.get("quote") or "")
    at = text.find(quote) if quote else -1
    span = (at, at + len(quote)) if at >= 0 else None
    if span:
        for u in left:
            if span[0] <= u.start < span[1] or u.start <= span[0] < u.end:
                for category, rx in _LEFT_REASONS:
                    if re.search(rx, u.reason):
                        return category, u.reason
                return "left: other", u.reason
        for f, why in unmapped:
            s = f.fact.span
            if s and (span[0] <= s.start < span[1] or s.start <= span[0] < s.end):
                return "unmapped indicator", why
    if re.search(r"\brespectively\b", quote):
        return "list/respectively", ""
    if unit == "count":
        return "count", "no count read"
    if span and not any(span[0] <= q.start < span[1] for q in quantities):
        return "number not read", f"unit {unit}"
    if not span:
        return "quote not in text", quote[:40]
    return "not attempted", "a number in the quote, neither a fact nor left with a reason"


def classify(doc: Path, gold: dict) -> list[tuple[str, str, dict, str]]:
    """(document, category, gold fact, detail) for every missed counted gold fact."""
    facts = gold.get("facts") or []
    names = fidelity._subjects(gold)
    found = fidelity.observations(doc)
    owner = fidelity._assign(found, facts, names)
    document = read(doc)
    ex = extract_document(document, doc.stem)
    quantities = find_quantities(document.text, 0, document.body_end)
    out = []
    for j, fact in enumerate(facts):
        if j in owner or fact.get("borderline"):
            continue
        category, detail = _category(
            fact, names, found, ex.unattached, quantities, document.text, ex.unmapped
        )
        out.append((doc.name, category, fact, detail))
    return out


def main(argv: list[str] | None = None) -> Counter:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=REPO / "data" / "documents")
    parser.add_argument("--gold", type=Path, default=REPO / "data" / "gold")
    parser.add_argument("--show", help="list the missed facts of this category")
    args = parser.parse_args(argv)
    golds = fidelity.load_golds(args.gold)
    rows = []
    for doc in sorted(args.docs.iterdir()):
        if doc.name in golds:
            rows += classify(doc, golds[doc.name])
    counts = Counter(category for _, category, _, _ in rows)
    for category, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:4d}  {category}")
    print(f"{sum(counts.values()):4d}  missed in all")
    for name, category, fact, detail in rows:
        if args.show and category == args.show:
            print(
                f"{name}: {fact['subject']} | {fact['value']} {fact['unit']} | "
                f'{fact.get("period") or "-"} | "{fact["quote"]}" | {detail}'
            )
    return counts


if __name__ == "__main__":
    main()
