"""Observations as people read them: one query for every page, values in words, a sentence.

Every page that shows figures (a zone's table, an observation's page, a dataset or
indicator table, the hover cards of a source, the slice CSV) reads them with
``observations_where`` and formats them here, so a rank reads "rank 2 of 31, tied,
in west China" wherever it appears. The SPARQL names the documented model's
properties and labels only (docs/model.md), never the shape of an IRI; it is the one
place to change when the model changes.

>>> o = Observation("o", "i", "total imports and exports", "2021", "level", "81010000000", "CNY")
>>> o.value_text
'81.01 billion yuan'
>>> Observation("o", "i", "x", "2021", "yoy-change", "20.4", "PERCENT").value_text
'+20.4 %'
>>> Observation("o", "i", "x", "2021", "rank", "2", "RANK", qualifier="tied", population="31",
...             scope_label="west China").value_text
'rank 2 of 31, tied, in west China'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from kg import iris
from kg.dumps import plain_period
from kg.store import Store
from server.pages import terms
from server.pages.names import labels

P = iris.PREFIXES
_CHANGES = ("yoy-change", "change-vs-period")
_UNIT_WORDS = {
    "CNY": "yuan",
    "USD": "US dollars",
    "PERCENT": "%",
    "TIMES": "times",
    "POINTS": "points",
    "YR": "years",
    "T": "tonnes",
    "KM2": "km²",
    "HA": "hectares",
    "M2": "m²",
    "MU": "mu",
    "KM": "km",
    "TEU": "TEU",
}
_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
# Units whose large values read better with a scale word ("961.22 billion yuan").
_SCALED = {"CNY", "USD", "T", "NUM", ""}
STATISTIC_WORDS = {
    "level": "value",
    "yoy-change": "year-on-year change",
    "change-vs-period": "change against a base period",
    "rank": "rank",
    "count": "count",
    "share": "share",
    "multiple": "multiple",
}

_QUERY = """
PREFIX dz: <{dz}> PREFIX skos: <{skos}> PREFIX prov: <{prov}> PREFIX oa: <{oa}> PREFIX qb: <{qb}>
PREFIX rdfs: <{rdfs}> PREFIX dcterms: <{dcterms}>
PREFIX sdmx-dimension: <{dim}> PREFIX sdmx-measure: <{measure}> PREFIX sdmx-attribute: <{attr}>
SELECT ?obs ?area ?indicator ?period ?stat ?value ?unot ?qualifier ?scope ?among ?base ?pop
       ?dataset ?changeOf ?comment ?exact ?start ?end ?source ?publisher ?title ?event ?stated
       ?speaker ?modality
WHERE {{
  {pattern}
  ?obs dz:indicator ?indicator ; sdmx-measure:obsValue ?value .
  OPTIONAL {{ ?obs sdmx-dimension:refArea ?area }}
  OPTIONAL {{ ?obs sdmx-dimension:refPeriod ?period }}
  OPTIONAL {{ ?obs dz:statistic ?stat }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure ?unit OPTIONAL {{ ?unit skos:notation ?unot }} }}
  OPTIONAL {{ ?obs dz:qualifier ?qualifier }}
  OPTIONAL {{ ?obs dz:statedAs ?stated }}
  OPTIONAL {{ ?obs dz:scope ?scope FILTER(?scope != <{no_scope}>)
             BIND(EXISTS {{ ?scope a dz:ZoneGroup }} AS ?among) }}
  OPTIONAL {{ ?obs dz:basePeriod ?base }}
  OPTIONAL {{ ?obs dz:rankPopulation ?pop }}
  OPTIONAL {{ ?obs qb:dataSet ?dataset }}
  OPTIONAL {{ ?obs dz:changeOf ?changeOf }}
  OPTIONAL {{ ?obs rdfs:comment ?comment }}
  OPTIONAL {{ ?obs dz:announcedAt ?event }}
  OPTIONAL {{ ?obs prov:wasAttributedTo ?speaker }}
  OPTIONAL {{ ?obs dz:modality ?modality }}
  OPTIONAL {{ ?obs prov:wasDerivedFrom ?span .
             ?span oa:hasSource ?source ; oa:hasSelector/oa:exact ?exact ;
                   oa:hasSelector/oa:start ?start ; oa:hasSelector/oa:end ?end
             OPTIONAL {{ ?source dcterms:publisher ?publisher }}
             OPTIONAL {{ ?source dcterms:title ?title }} }}
}} LIMIT {limit}
"""


def decimal_text(value: Decimal) -> str:
    """A decimal with thousands separators and no trailing zeros.

    >>> decimal_text(Decimal("961.220")), decimal_text(Decimal("1234567"))
    ('961.22', '1,234,567')
    """
    return terms.number_text(format(value.normalize(), "f"))


def amount_text(lexical: str, unit: str) -> str:
    """A number as people write it: scale words for large amounts, a year as a year.

    >>> amount_text("961220000000", "CNY"), amount_text("1988", "YEAR"), amount_text("130", "NUM")
    ('961.22 billion', '1988', '130')
    """
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return lexical
    if unit == "YEAR":
        return lexical
    if unit in _SCALED:
        for size, word in _SCALES:
            if abs(value) >= size:
                return f"{decimal_text(value / size)} {word}"
    return decimal_text(value)


@dataclass
class Observation:
    """One qb:Observation, with the labels and the quote a page shows."""

    iri: str
    indicator: str
    indicator_label: str
    period: str
    statistic: str
    value: str
    unit: str
    qualifier: str = ""
    quote: str = ""
    quote_href: str = ""
    area: str = ""
    area_label: str = ""
    period_iri: str = ""
    scope: str = ""
    scope_label: str = ""
    scope_among: bool = False
    base_period: str = ""
    population: str = ""
    dataset: str = ""
    dataset_label: str = ""
    source: str = ""
    source_label: str = ""
    change_of: str = ""
    comment: str = ""
    event: str = ""
    event_label: str = ""
    stated_as: str = ""
    speaker: str = ""  # prov:wasAttributedTo: who the source says the figure comes from
    speaker_label: str = ""
    planned: bool = False  # dz:modality zid:modality/planned: a target, not an outcome
    changes: list[Observation] = field(default_factory=list)
    # The other sources that state the same figure (one observation, a quote of each).
    also: list[Observation] = field(default_factory=list)

    @property
    def title(self) -> str:
        """ "Total imports and exports of Sichuan ..., 2021 (year-on-year change)"."""
        what = self.indicator_label[:1].upper() + self.indicator_label[1:]
        text = f"{what} of {self.area_label}" if self.area_label else what
        if self.period_iri != iris.PERIOD_UNSTATED:
            text += f", {self.period}"
        return text + ("" if self.statistic in ("level", "") else f" ({self.statistic_text})")

    @property
    def is_change(self) -> bool:
        return self.statistic in _CHANGES

    @property
    def statistic_text(self) -> str:
        return STATISTIC_WORDS.get(self.statistic, self.statistic.replace("-", " "))

    @property
    def scope_text(self) -> str:
        """ "in west China", "among national high-tech zones in China", or ""."""
        if not self.scope_label:
            return ""
        return f"{'among' if self.scope_among else 'in'} {self.scope_label}"

    @property
    def value_text(self) -> str:
        """The value with its unit in words: "961.22 billion yuan", "+20.4 %", "rank 2 of 31"."""
        amount = amount_text(self.value, self.unit)
        if self.statistic == "rank" or self.unit == "RANK":
            parts = [f"rank {amount}"]
            if self.population:
                parts[0] += f" of {self.population}"
            parts += [q for q in (self.qualifier, self.scope_text) if q]
            return ", ".join(parts)
        unit = _UNIT_WORDS.get(self.unit, self.unit if self.unit not in ("NUM", "YEAR") else "")
        if self.is_change and self.stated_as:
            # "up 23.75 times" is stored as +2375 % (model v2); pages say what the text said.
            text, unit = f"up {self.stated_as}", ""
        elif self.is_change and self.unit == "TIMES":
            text = f"up {amount}"
        elif self.is_change and not amount.startswith("-"):
            text = "+" + amount
        else:
            text = amount
        qualifier = self.qualifier if self.qualifier and self.qualifier != "tied" else ""
        out = " ".join(x for x in (qualifier, text, unit) if x)
        if self.qualifier == "tied":
            out += ", tied"
        if self.statistic == "share" and self.scope_text:
            out += f" (share {self.scope_text})"
        return out

    @property
    def change_text(self) -> str:
        """A change with what it is against: "+17.9 % year on year", "+12 % against 2018"."""
        if self.statistic == "yoy-change":
            return f"{self.value_text} year on year"
        if self.base_period:
            return f"{self.value_text} against {self.base_period}"
        return self.value_text

    @property
    def sentence(self) -> str:
        """The figure as a sentence: area, indicator, value, period, changes, source and quote."""
        what = self.change_text if self.is_change else self.value_text
        area = self.area_label or "Unknown area"
        stated = self.period and self.period_iri != iris.PERIOD_UNSTATED
        if self.statistic == "rank" or self.unit == "RANK":
            text = f"{area}: {self.indicator_label}: {what}{', ' + self.period if stated else ''}"
        else:
            text = f"{area}: {self.indicator_label} {what}"
            # "began in 1988" says its year already.
            if stated and not (self.unit == "YEAR" and self.period == self.value):
                text += f" in {self.period}"
        for change in self.changes:
            text += f", {change.change_text}"
        if self.source_label or self.quote:
            text += " —"
            if self.source_label:
                text += f" {self.source_label}"
            if self.quote:
                text += f"{',' if self.source_label else ''} “{self.quote}”"
        return text


@dataclass
class Line:
    """One line of an observation's page: a human label, the text, and a link when there is one."""

    label: str
    text: str
    href: str = ""


def figure_lines(o: Observation, level: Observation | None = None) -> list[Line]:
    """What an observation's page lists under its sentence; nothing "not applicable"."""
    lines = [
        Line("Area", o.area_label, terms.href(o.area) if o.area else ""),
        Line("Indicator", o.indicator_label, terms.href(o.indicator)),
        Line("Period", o.period if o.period_iri != iris.PERIOD_UNSTATED else "not stated"),
        Line("Value", o.value_text),
        Line("Kind of figure", o.statistic_text),
    ]
    if o.planned:
        lines.append(Line("Modality", "planned (a target, not an outcome)"))
    if o.speaker:
        lines.append(Line("According to", o.speaker_label, terms.href(o.speaker)))
    if o.scope_label:
        lines.append(Line("Ranked or compared " + o.scope_text.split(" ", 1)[0], o.scope_label,
                          terms.href(o.scope)))  # fmt: skip
    if o.population:
        lines.append(Line("Out of", decimal_text(Decimal(o.population))))
    if o.base_period:
        lines.append(Line("Against the base period", o.base_period))
    if o.qualifier:
        lines.append(Line("Qualifier", o.qualifier))
    if level is not None:
        lines.append(
            Line("Change of", f"{level.value_text} ({level.period})", terms.href(level.iri))
        )
    for change in o.changes:
        lines.append(Line("Change", change.change_text, terms.href(change.iri)))
    if o.event:
        lines.append(Line("Announced at", o.event_label, terms.href(o.event)))
    if o.dataset:
        lines.append(Line("Dataset", o.dataset_label, terms.href(o.dataset)))
    if o.source:
        slug = terms.source_slug(o.source)
        lines.append(Line("Source", o.source_label, f"/source/{slug}" if slug else o.source))
    for other in o.also:
        text = f"{other.source_label}, “{other.quote}”" if other.quote else other.source_label
        slug = terms.source_slug(other.source)
        href = other.quote_href or (f"/source/{slug}" if slug else other.source)
        lines.append(Line("Also stated by", text, href))
    if o.comment:
        lines.append(Line("Note", o.comment))
    return lines


def observation_with_changes(
    store: Store, iri: str
) -> tuple[Observation | None, Observation | None]:
    """The observation ``iri`` with its changes attached, and the level it is a change of."""
    dz = P["dz"]
    found = observations_where(
        store,
        f"{{ VALUES ?obs {{ <{iri}> }} }} UNION {{ ?obs <{dz}changeOf> <{iri}> }} "
        f"UNION {{ <{iri}> <{dz}changeOf> ?obs }}",
    )
    by_iri = {o.iri: o for o in found}
    o = by_iri.get(iri)
    return o, (by_iri.get(o.change_of) if o else None)


def observations_where(store: Store, pattern: str, limit: int = 5000) -> list[Observation]:
    """Observations ``?obs`` that a SPARQL graph pattern selects, each with its quote, sorted
    by indicator, period and kind of figure; each level carries the changes of it."""
    query = _QUERY.format(
        dz=P["dz"],
        skos=P["skos"],
        prov=P["prov"],
        oa=P["oa"],
        qb=P["qb"],
        rdfs=P["rdfs"],
        dcterms=P["dcterms"],
        dim=P["sdmx-dimension"],
        measure=P["sdmx-measure"],
        attr=P["sdmx-attribute"],
        no_scope=iris.SCOPE_NOT_APPLICABLE,
        pattern=pattern,
        limit=limit,
    )
    rows = store.select(query)
    wanted = {"area", "indicator", "scope", "dataset", "publisher", "source", "event", "speaker"}
    names = labels(store, {str(r[k]) for r in rows for k in wanted if k in r})
    seen: dict[str, Observation] = {}
    for row in rows:
        obs = str(row["obs"])
        if obs not in seen:
            seen[obs] = _observation(row, names)
            continue
        first = seen[obs]
        source = str(row.get("source", ""))
        if source and source != first.source and all(a.source != source for a in first.also):
            first.also.append(_observation(row, names))
    out = sorted(
        seen.values(), key=lambda o: (o.indicator_label, o.period, o.statistic, o.area_label)
    )
    for o in out:
        level = seen.get(o.change_of)
        if level is not None:
            level.changes.append(o)
    return out


def _observation(row: dict, names: dict[str, tuple[str, str]]) -> Observation:
    def name(key: str) -> str:
        iri = str(row.get(key, ""))
        return names.get(iri, ("", ""))[0] or (terms.curie(iri) if iri else "")

    source = str(row.get("source", ""))
    slug = terms.source_slug(source)
    quote_href = (
        f"/source/{slug}#span-{row['start']}-{row['end']}" if slug and "start" in row else ""
    )
    period_iri = str(row.get("period", iris.PERIOD_UNSTATED))
    base = str(row.get("base", ""))
    publisher = name("publisher") if "publisher" in row else ""
    return Observation(
        iri=str(row["obs"]),
        indicator=str(row["indicator"]),
        indicator_label=name("indicator"),
        period=terms.period_label(period_iri),
        statistic=str(row.get("stat", "")).rsplit("/", 1)[-1],
        value=str(row["value"]),
        unit=str(row.get("unot", "")),
        qualifier=str(row.get("qualifier", "")),
        stated_as=str(row.get("stated", "")),
        quote=str(row.get("exact", "")),
        quote_href=quote_href,
        area=str(row.get("area", "")),
        area_label=name("area"),
        period_iri=period_iri,
        scope=str(row.get("scope", "")),
        scope_label=name("scope") if "scope" in row else "",
        scope_among=str(row.get("among", "")).lower() in ("true", "1"),
        base_period=(plain_period(base) or terms.period_label(base)) if base else "",
        population=str(row.get("pop", "")),
        dataset=str(row.get("dataset", "")),
        dataset_label=name("dataset") if "dataset" in row else "",
        source=source,
        source_label=publisher or str(row.get("title", "")) or (name("source") if source else ""),
        change_of=str(row.get("changeOf", "")),
        comment=str(row.get("comment", "")),
        event=str(row.get("event", "")),
        event_label=name("event") if "event" in row else "",
        speaker=str(row.get("speaker", "")),
        speaker_label=name("speaker") if "speaker" in row else "",
        planned=str(row.get("modality", "")) == iris.ID + "modality/planned",
    )


def observations_about(store: Store, iri: str) -> list[Observation]:
    """The observations whose reference area is ``iri``, each with its quote."""
    return observations_where(store, f"?obs <{P['sdmx-dimension']}refArea> <{iri}> .")
