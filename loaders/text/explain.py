"""The human-readable report of ``zonegraph extract FILE --explain``: every fact with its
quote and why it was read that way, the figures left out because what they measure is not
in the indicator code list, then the numbers left unattached and why.
"""

from __future__ import annotations

from kg.model import MONTH_PROPERTIES, YEAR_PROPERTIES
from loaders.text.extraction import Extraction


def explain_extraction(ex: Extraction) -> str:
    """Format an Extraction as a report.

    >>> from loaders.text import extract
    >>> print(explain("Chengdu High-Tech Zone has 3 international cooperation parks.", "d"))
    ... # doctest: +ELLIPSIS
    Facts (1)
      1. Chengdu High-Tech Industrial Development Zone | number of international ...
    """
    curated = ex.curated
    lines = [f"Facts ({len(curated)})"]
    for i, found in enumerate(curated, 1):
        f = found.fact
        extra = []
        if f.scope:
            extra.append(f"scope {f.scope.rsplit('/', 1)[-1]}")
        if f.population is not None:
            extra.append(f"among {f.population}")
        if f.base_period:
            extra.append(f"base {f.base_period}")
        if f.qualifier:
            extra.append(f.qualifier)
        more = f" ({', '.join(extra)})" if extra else ""
        lines.append(
            f"  {i}. {found.subject_label} | {f.indicator} | {f.value} {f.unit} | "
            f"{f.statistic} | period {f.period or 'unstated'}{more}"
        )
        if f.span is not None:
            lines.append(f'     quote [{f.span.start}:{f.span.end}]: "{f.span.exact}"')
        lines.append(f"     rule: {found.rule}")
        lines.append(f"     why: {found.why}")
    years = [f for f in ex.facts if f.fact.indicator in YEAR_PROPERTIES]
    lines.append(f"Zone properties, not observations ({len(years)})")
    for found in years:
        f = found.fact
        quote = f' [{f.span.start}:{f.span.end}] "{f.span.exact}"' if f.span is not None else ""
        prop = YEAR_PROPERTIES[f.indicator]
        month = f" dz:{MONTH_PROPERTIES[prop]} {f.period}" if len(f.period or "") == 7 else ""
        lines.append(f"  - {found.subject_label} | dz:{prop} {f.value}{month}{quote}")
    lines.append(f"Figures left out: indicator not in the code list ({len(ex.unmapped)})")
    for found, why in ex.unmapped:
        f = found.fact
        quote = f'[{f.span.start}:{f.span.end}] "{f.span.exact}": ' if f.span is not None else ""
        lines.append(f"  - {quote}{why} ({f.value} {f.unit}, {f.statistic})")
    if ex.unmapped:
        lines.append(
            "    (a phrase that names a curated indicator is added to it as a skos:hiddenLabel"
            " in ontology/schemes.ttl: docs/ontology.md)"
        )
    lines.append(f"Numbers left unattached ({len(ex.unattached)})")
    for u in ex.unattached:
        lines.append(f'  - [{u.start}:{u.end}] "{u.quote}": {u.reason}')
    return "\n".join(lines) + "\n"


def explain(text: str, source_id: str) -> str:
    """Shortcut used by the doctest: extract and explain a plain text."""
    from loaders.text import explain as run

    return run(text, source_id)
