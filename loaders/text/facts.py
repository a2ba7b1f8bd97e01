"""Attaches each number to a subject, an indicator, a period, a statistic kind and a scope.

A number becomes a Fact only when all of subject, indicator and unit are found; every
other number is returned as Unattached with the reason, so that ``--explain`` shows coverage.

>>> from loaders.text.document import parse_text
>>> from loaders.text.entities import find_mentions
>>> doc = parse_text("In 2022, Jiangsu's national economic development zones' exports reached "
...                  "30 billion yuan, up 5.1 percent year on year.")
>>> found, left = find_facts(doc, find_mentions(doc.text))
>>> [(f.fact.value, f.fact.unit, f.fact.statistic, f.fact.period) for f in found]
[('30000000000', 'CNY', 'level', '2022'), ('5.1', 'PERCENT', 'yoy_change', '2022')]
>>> found[0].fact.indicator
'exports'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from kg import iris
from kg.model import Fact, Span
from loaders.text.conversions import converts
from loaders.text.counts import CountFrame, construction, read_count
from loaders.text.discourse import Topics, headline_period
from loaders.text.document import MONTHS, Document, Sentence, find_dates
from loaders.text.entities import Mention, normalise
from loaders.text.indicators import indicator_label, units_of
from loaders.text.lists import conjuncts, respective_run, run_end
from loaders.text.periods import find_periods, relative_phrases
from loaders.text.quantities import ORDINAL_RE, Quantity, find_quantities, ordinal
from loaders.text.scan import lowered


@dataclass(frozen=True)
class ExtractedFact:
    """A fact with the reason it was read that way."""

    fact: Fact
    why: str
    subject_label: str
    rule: str = ""  # the construction that read it (``zonegraph extract --explain``)


@dataclass(frozen=True)
class Unattached:
    """A number that was not asserted, and why."""

    start: int
    end: int
    quote: str
    reason: str


_COUNT_HEADS = (
    r"zones|parks|companies|enterprises|firms|projects|platforms|cent(?:er|re)s|bases|countries"
    r"|regions|patents|people|employees|workers|jobs|institutions|universities|laboratories|labs"
    r"|incubators|headquarters|banks|ports|routes|trains|agreements|contracts|investors"
    r"|start-?ups|products|programs|programmes|industries|clusters|funds|exhibitors|visitors"
    r"|participants|talents|researchers|experts|factories|plants|cities|provinces|counties"
    r"|districts|economies|organi[sz]ations|associations|schools|colleges|hospitals|members"
    r"|partners|branches|offices|subsidiaries|corporations|multinationals|ones|areas|units"
    r"|households|entities|brands|hubs|accelerators|pilot zones|free trade zones"
    r"|vehicles|cars|computers|laptops|containers|TEUs|parcels|packages|aircraft|ships|flights"
    r"|students|graduates|tourists|passengers|measures|makers|carmakers|automakers|manufacturers"
    r"|suppliers|producers|developers|operators|providers|exporters|importers"
    # people and output of innovation the genre counts ("9,220 new businesses", "11,000
    # patent applications", "329 overseas returnees", "two Nobel laureates")
    r"|businesses|applications|professionals|returnees|laureates|academicians|residents"
    r"|teams|scientists|engineers|inventions|trademarks|policies|market entities"
    r"|institutes|indexes|indices|items|categories"
)
_COUNT_RE = re.compile(
    # a bracket inside the phrase glosses a word: "50 research and development (R&D) centers"
    r"\s+(?P<np>(?:(?:[A-Za-z][\w'’&-]*|\([\w&' -]{1,40}\)|\d+)\s+){0,6}?(?:"
    + _COUNT_HEADS
    + r"))\b",
    re.I,
)
_ZONE_KINDS_RE = re.compile(r"\b(?:zones|parks|areas)$", re.I)
# Words that are left before a figure when nothing measured is named there: "also
# registered", "to reach" (what is measured may follow the figure).
_NO_NP_RE = re.compile(
    r"(?:(?:also|further|still|again|then|even|only|already|altogether|and|to)\s*)+", re.I
)
_NP_STOP = re.compile(r"\b(?:of|in|to|with|by|for|from|on|at|was|were|is|are|has|have|had)\b", re.I)
_OWNER_RE = re.compile(
    r"\b(?:there\s+(?:are|were|is)|ha(?:s|ve|d)|with|owns?|boasts?|includ(?:es|ing)|hosts?"
    r"|home\s+to|gathered|gathering|attracted)\s+(?:\w+ly\s+|currently\s+|now\s+|altogether\s+"
    r"|a total of\s+|in total\s+)*$",
    re.I,
)
_THRESHOLD_RE = re.compile(r"\b(?:each\s+with|with\s+(?:an\s+)?annual|whose)\b[^;,]*$", re.I)
_DEFINED_BY_THRESHOLD_RE = re.compile(
    r",?\s+(?:each\s+with\s+(?:an\s+)?|with\s+(?:an\s+)?|whose\s+)(?:annual|yearly)\b", re.I
)
_DENOMINATOR_RE = re.compile(r"\b(?:per|every|one\s+in)\s+$", re.I)
# "including 17 with an investment worth more than 100 million yuan", "among the few inland
# ports with a cargo throughput of more than 10 million tonnes": a lower bound in a
# "with"-phrase after a count or after "among the ... <plural>" defines the class that is
# counted or named; it is not a measurement of the subject ("a production line with an
# output value of more than ..." is: no count, no "among").
_CLASS_BOUND_RE = re.compile(
    r"(?:\b\d[\d,.]*\s+|\bamong\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?[a-z]{2,}s\s+)"
    r"with\s+(?:an?\s+)?(?:[\w-]+\s+){1,4}?(?:of|worth)\s+"
    r"(?:more\s+than|over|above|at\s+least|exceeding|in\s+excess\s+of)\s+$",
    re.I,
)
# "far higher than the provincial level of 2.1 percent": the province's figure, which the
# sentence names only as a yardstick.
_COMPARATOR_RE = re.compile(
    r"\b(?:than|with|to)\s+(?:that\s+of\s+)?(?:the\s+)?(?:provincial|national|city|municipal"
    r"|country['’]s|province['’]s|city['’]s|average|overall)\s*(?:level|average|figure|rate)?"
    r"\s*(?:of\s+)?$",
    re.I,
)
_YEAR_EARLIER_RE = re.compile(
    r"\s*(?:that|the\s+(?:figure|level|volume|amount|number))\s+(?:of|in)\s+(?:the\s+)?(?:a\s+year"
    r"\s+(?:earlier|ago|before)|previous\s+year|last\s+year|same\s+period\s+(?:of\s+)?(?:last|the"
    r"\s+previous|a)\s+year(?:\s+(?:earlier|ago|before))?)",
    re.I,
)
_PARTNER_TAIL_RE = re.compile(r"\s+(?:with|to|from)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s*$")
_POPULATION_RE = re.compile(
    r"\b(?P<what>(?:(?:permanent|resident|registered|total)\s+)?population)\s+of\s+(?:about\s+"
    r"|around\s+|nearly\s+|over\s+|more\s+than\s+|approximately\s+)?$",
    re.I,
)
# "With a planned area of ..., it ...", "Covering 92.4 hectares, it ...": a fronted phrase of
# the figure, then the pronoun that is the sentence's subject.
_FRONTED_IT_RE = re.compile(
    r"\s*(?:With|Covering|Spanning|Occupying|Having)\b(?:[^,;]|,(?=\d))*,\s+(it|they)\b", re.I
)
# Units of land: a figure in them with no phrase is an area (square metres may be floor space).
_LAND_UNITS = ("KM2", "HA", "MU")
_COVERS_RE = re.compile(
    r"\b(?:cover|span)(?:s|ed|ned|ing|ning)?\s+(?:an?\s+(?:total\s+|planned\s+)?area\s+of\s+)?(?:about\s+|around\s+"
    r"|nearly\s+|approximately\s+|more\s+than\s+|over\s+)?$",
    re.I,
)
_PLAN_RE = re.compile(
    r"\b(?:will|plans?\s+to|aims?\s+to|targets?|strives?\s+to|is\s+expected\s+to|are\s+expected"
    r"\s+to|goal|by\s+20\d\d)\b",
    re.I,
)
_PLAN_LOW_RE = re.compile(_PLAN_RE.pattern)  # on lowered() text: lower-case words only
# The words that make the figure after them a target (the clause test above is wider).
_PLAN_CUE_RE = re.compile(
    r"\b(?:will|plans?\s+to|aims?\s+to|strives?\s+to|expects?\s+to|(?:is|are)\s+(?:expected"
    r"|projected|forecast|set|scheduled)\s+to|targets?\s+(?:of|to)|goal\s+of)\b",
    re.I,
)
_BY_YEAR_RE = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b", re.I)
_FULL_STOP_RE = re.compile(r"[.!?](?!\d)")
_MONTH_CODE_RE = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])$")
# the period rule's reason: '"By the end of October" is October 2016 (period rule month)'
_END_OF_MONTH_WHY_RE = re.compile(
    r'"(?:by|as\s+of|until)\s+the\s+end\s+of\s+[A-Za-z]+(?:,?\s+\d{4})?"\s+is\s+[A-Z][a-z]+\s+\d{4}'
    r"\s+\(period",
    re.I,
)
_STOCK_RE = re.compile(
    r"\b(?:accumulat\w*|cumulative|balance|deposits?|assets|registered\s+capital)\b", re.I
)
_NEW_RE = re.compile(r"\bnew(?:ly)?\b", re.I)
_CLAUSE_AND_RE = re.compile(r"\b(?:is|are|was|were)\s+[^,;]*?\d[^,;]*?\band\s+", re.I)
_NEW_STOCK_RE = re.compile(r"\bnew(?:ly)?\s+registered\s+capital\b", re.I)
_RELATIVE_PRONOUN_RE = re.compile(r"\b(?:that|which|who|whose)\b", re.I)
_VERB_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\b", re.I)
_UP = (
    r"increase[sd]?|increasing|up|grow(?:s|n|th|ing)?|grew|ris(?:e|es|en|ing)|rose|higher|jump"
    r"(?:ed|s)?|surg(?:e|ed|es)|climb(?:ed|s)?|expand(?:ed|s)?|gain(?:ed|s)?"
)
_DOWN = (
    r"decrease[sd]?|decreasing|down|decline[sd]?|declining|fell|fall(?:s|en)?|drop(?:ped|s)?"
    r"|lower|shr[au]nk|contract(?:ed|ion)|dip(?:ped)?|reduc(?:ed|tion)"
)
_CHANGE_BEFORE_RE = re.compile(
    rf"\b(?P<dir>{_UP}|{_DOWN})\b(?:\s+(?:its|their|the)\s+(?P<what>[\w&-]+(?:\s+[\w&-]+){{0,4}}?)"
    r"\s+by|\s+(?:by|of|to))?\s+$",
    re.I,
)
# "rose to", "surged to about": what a change word reaches (an amount there is a level)
_REACHED_RE = re.compile(
    rf"\b(?:{_UP}|{_DOWN})\s+to\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+"
    r"|more\s+than\s+)?$",
    re.I,
)
_CHANGE_AFTER_RE = re.compile(rf"^\s*(?:year[- ]on[- ]year\s+)?(?P<dir>{_UP}|{_DOWN})\b", re.I)
# "saw a 13 percent year-on-year increase in the number of registered companies"
_CHANGE_IN_RE = re.compile(
    rf"\s*(?:year[- ]on[- ]year\s+)?(?:{_UP}|{_DOWN})\s+in\s+(?:the\s+)?"
    r"(?P<np>[a-z][\w&-]*(?:\s+[\w&-]+){0,6}?)(?=\s*[,;.()]|\s+(?:in|during|for|from|over"
    r"|compared|than|to|and|year|on|at|as|while|which|with)\b|\s*$)",
    re.I,
)
_DOWN_RE = re.compile(rf"^(?:{_DOWN})$", re.I)
_YOY_RE = re.compile(
    r"year[- ]on[- ]year|\by-o-y\b|\byoy\b|from\s+a\s+year\s+(?:earlier|ago)|over\s+the\s+"
    r"(?:previous|last|same\s+period\s+of\s+(?:the\s+)?(?:last|previous)\s+)year|compared\s+"
    r"with\s+the\s+same\s+period|than\s+a\s+year",
    re.I,
)
_BARE_CHANGE_RE = re.compile(
    rf"\b(?:{_UP}|{_DOWN})\s+(?:by\s+)?\d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)", re.I
)
_BASE_RE = re.compile(
    r"\b(?:compared\s+(?:to|with)|over|from|than(?:\s+in|\s+that\s+of)?|since|relative\s+to"
    r"|that\s+of|the\s+level\s+of|as\s+much\s+as\s+in)"
    r"\s+(?:the\s+(?:end\s+of\s+|level\s+of\s+)?)?(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
_SHARE_RE = re.compile(
    r"\b(?:accounting\s+for|accounted\s+for|accounts?\s+for|making\s+up|made\s+up|makes\s+up"
    r"|contribut(?:ing|ed|es)(?:\s+to)?"
    r"|representing|represented|constituting|took\s+up|taking\s+up|a\s+share\s+of|the\s+share\s+of"
    r"|a\s+proportion\s+of)\s+(?:about\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?$",
    re.I,
)
_SHARE_OF_RE = re.compile(
    r"^\s*of\s+(?:the\s+)?(?P<what>[^,;.]{0,60}?)(?:['’]s)?\s+(?:total|whole|overall)", re.I
)
_CONNECTORS = (
    r"reached|reaching|arrived\s+at|hit|hitting|totaled|totalled|totaling|totalling|amounted\s+to"
    r"|amounting\s+to|stood\s+at|standing\s+at|was|were|is|are|of|at|exceeded|exceeding"
    r"|surpassed|registered|recorded|achieved|realized|realised|attracted|posted|generated"
    r"|increased\s+to|rose\s+to|grew\s+to|climbed\s+to|came\s+to|came\s+in\s+at|hit|worth|reach"
    r"|topped|topping"
    r"|stand\s+at"
    # a change word that reaches the figure ("surged to", "fell to"), never "up to" (a bound)
    r"|(?:increas(?:ed|ing)|ris(?:en|ing)|grow(?:n|ing)|surg(?:ed|ing)|soar(?:ed|ing)|jump(?:ed|ing)"
    r"|climb(?:ed|ing)|expand(?:ed|ing)|decreas(?:ed|ing)|declin(?:ed|ing)|fell|fallen|dropp(?:ed|ing)"
    r"|shrank)\s+to"
)
_INDICATOR_BEFORE_RE = re.compile(
    rf"\b(?P<conn>{_CONNECTORS})\s+(?:a\s+total\s+of\s+|the\s+total\s+of\s+"
    r"|about\s+|around\s+|nearly\s+|approximately\s+|more\s+than\s+|over\s+|some\s+|a\s+record\s+"
    r"|at\s+least\s+|almost\s+)?$",
    re.I,
)
_INDICATOR_BEFORE_LOW_RE = re.compile(_INDICATOR_BEFORE_RE.pattern)  # lower-case words only


def _indicator_before(text: str, pos: int) -> int | None:
    """Where _INDICATOR_BEFORE_RE.search(text, pos) starts, read in the lowered tail of the
    text from ``pos`` (with the character before it, for \\b) when it can (loaders.text.scan)."""
    cut = max(0, pos - 1)
    low = lowered(text[cut:])
    if low is None:
        m = _INDICATOR_BEFORE_RE.search(text, pos)
        return m.start() if m else None
    m = _INDICATOR_BEFORE_LOW_RE.search(low, pos - cut)
    return cut + m.start() if m else None


_INDICATOR_AFTER_RE = re.compile(
    r"\s*(?:in|of|worth\s+of)\s+(?P<np>(?:[a-z][\w-]*\s*){1,6}?)(?=[,;.]|\s+(?:in|during|for|up"
    r"|down|a|an|with|and|by)\b|$)"
)
_CHANGE_NP_RE = re.compile(
    rf"(?P<np>[^,;:()]*?)\s+(?:(?:was|were|has|have)\s+)?(?:{_UP}|{_DOWN})\b[^,;]*$", re.I
)
_NP_CUT_RE = re.compile(
    r"^.*\b(?:saw|with|where|while|that|which|said|showed|shows|see|sees|reali[sz]ed|achieved"
    r"|generated|posted|recorded|attracted|reported|processed|handled|gathered"
    # "registered" is the verb ("the zone registered 93 billion yuan"), not the participle of
    # "(newly) registered (foreign) capital", which is what is measured
    r"|registered(?!\s+(?:foreign\s+)?capital\b)"
    r"|completed|had|has|have|ha[sd]\s+been|produced|producing|includ(?:e|es|ed|ing)"
    r"|maintain(?:s|ed|ing)?"
    # the base forms after a plan verb: "will generate", "is expected to attract"
    r"|generate|achieve|realize|realise|attract|record|post|register|produce"
    # "the zone reached revenue of", "had used an actual foreign investment of", "received a
    # total paid-in investment of": the verb before the measured phrase
    r"|reached|used|utili[sz]ed|received)\s+(?:an?\s+)?"
    # a verb that ends the phrase is its participle: "the foreign capital received (was)"
    r"(?=\S)",
    re.I | re.S,
)
# "... is forecast to reach", "... will": the plan verb before a target's connector
_PLAN_VERB_TAIL_RE = re.compile(
    r"\s+(?:(?:is|are)\s+(?:expected|projected|forecast|set|scheduled|likely)\s+to"
    r"|will(?:\s+be)?)\s*$",
    re.I,
)
_BRACKET_AFTER_RE = re.compile(r"\s*\([^()]{1,60}\)")
_GLOSS_RE = re.compile(r"\s*\([^()]*\)")
_LEAD_RE = re.compile(r"^(?:(?:the|its|their|a|an|this|these|and|also|meanwhile)\s+)+", re.I)
_ADVERBIAL_RE = re.compile(
    r"^\s*(?:in|during|for|throughout|by|as\s+of)\s+(?:the\s+)?[^,]{0,40}?\b(?:19|20)\d\d,?\s*|"
    r"^\s*(?:last|this)\s+year,?\s*|^\s*(?:currently|at\s+present|so\s+far),?\s*",
    re.I,
)
_RANK_RE = re.compile(
    rf"\b(?P<verb>rank(?:s|ed|ing)?|plac(?:e|es|ed|ing)|c(?:a|o)me|comes|coming|remain(?:s|ed)?"
    rf"|(?:is|was|are|were)(?=\s+(?:the\s+)?(?:top|No\.|number)\b))\s+(?:(?:the|as)\s+)?"
    rf"(?P<ord>{ORDINAL_RE})(?:\s+place)?\b(?!\s+(?:half|quarter)\b)"
    r"(?P<scope>\s+(?:in|among|across)\s+[^,;.]{1,160})?"
)
# Every match of _RANK_RE holds one of these (its verb, or what follows "is", "was", ...).
_RANK_RE_WORDS = ("rank", "plac", "came", "come", "remain", "top", "No.", "number")
_TOP_RE = re.compile(
    r"\btop(?:ped|s|ping)?\s+the\s+(?:list|ranking)s?"
    r"(?P<scope>\s+(?:in|among|across|of)\s+[^,;.]{1,160})?"
)
_SCOPE_CUT_RE = re.compile(
    r"\s+and\s+(?:" + ORDINAL_RE + r")\b|\s+(?:for|with|to)\s|\s+as\s+well\b|\s+respectively\b"
)
_RANK_MORE_RE = re.compile(
    rf"\s+and\s+(?P<ord>{ORDINAL_RE})(?:\s+place)?(?P<scope>\s+(?:in|among|across)\s+[^,;.]{{1,160}})"
)
_RESPECTIVE_RE = re.compile(
    rf"\s+and\s+(?P<ord>{ORDINAL_RE})(?:\s+place)?"
    r"(?P<inner>\s+(?:in|among|across)\s+[^,;.]{1,80}?)?\s+respectively"
    r"(?P<scope>\s+(?:in|among|across)\s+[^,;.]{1,160})?"
)
_SHARED_RANK_RE = re.compile(
    rf"\bshar(?:e|es|ed|ing)\s+(?:the\s+)?(?P<o1>{ORDINAL_RE})(?:\s+place)?\s+and\s+"
    rf"(?P<o2>{ORDINAL_RE})\s+places?\b(?P<mid>[^;.]*?)\brespectively"
)
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct")
_MONTH_ABBREVIATIONS += ("Nov", "Dec")  # every match of _MONTH_DAY_RE holds one
_MONTH_DAY_RE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b(?!,?\s+\d{4})"
)
_EXCEEDED_RE = re.compile(r"\b(?:exceeded|exceeding|surpassed|topped)\s+$", re.I)
_CONSECUTIVE_RE = re.compile(r"\s+(?:consecutive|straight|successive)\s+years\b", re.I)
_YEARS_RE = re.compile(
    r"\s+for\s+(?P<n>\w+)\s+(?:consecutive\s+|straight\s+|successive\s+)?years\b", re.I
)
_FOUNDED_RE = re.compile(
    r"\b(?:began|begun|started|was\s+(?:founded|established|set\s+up|built|launched|"
    r"inaugurated)|(?:founded|established|set\s+up)|since"
    # "approved by the State Council in 2000", "since its establishment in 1991", "promoted
    # to State-level in April 1993"
    r"|(?P<approved>approved|promoted\s+to\s+[\w-]+(?:\s+level)?|upgraded\s+to\s+[\w-]+"
    r"(?:\s+level)?)(?:\s+by\s+(?:the\s+)?[^,;.]{1,50}?)?"
    r"|(?:its|their|the)\s+establishment)"
    r"\s+in\s+(?:(?:early|late|mid-?)\s*|(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+)?$",
    re.I,
)
_NAME_NUMBER_RE = re.compile(r"\b(?:Fortune(?:\s+Global)?|Global|World|China|[Tt]op|Forbes)\s+$")
_PERIOD_RE = re.compile(
    r"(?=[idftbacslnIDFTBACSLN])"  # the letters a match can start with: a fast first test
    r"\b(?:(?P<in>in|during|for|throughout|by|as\s+of|at)\s+(?:the\s+(?:whole\s+)?(?:year\s+)?)?"
    r"(?:(?P<sub>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<subkind>half|quarter)\s+of\s+"
    r"|end\s+of\s+|(?:the\s+)?first\s+(?P<months>\w+)\s+months\s+of\s+)?(?P<year>(?:19|20)\d\d)\b"
    r"|(?P<rel>last\s+year|this\s+year|currently|at\s+present|so\s+far|to\s+date|as\s+of\s+now"
    r"|now))",
    re.I,
)
# "When it was founded in 1991, the zone encompassed 2.2 square kilometers": the clause's
# figures are of the founding year (a founding year elsewhere is no period: below).
# Every match of _PERIOD_RE holds a year's digits or one of these words (in lower case).
_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d\d")
_PERIOD_RE_WORDS = ("year", "currently", "present", "far", "date", "now")
_WHEN_FOUNDED_RE = re.compile(
    r"\bwhen\s+(?:it|they|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:was|were)\s+(?:first\s+)?(?:founded"
    r"|established|set\s+up|launched|approved|built)\s*$",
    re.I,
)
# "According to the data published by the Baotou government in April 2018, ...": the
# figures are as of the month the data were published.
_DATA_OF_MONTH_RE = re.compile(
    r"\b(?:data|figures|statistics)\s+(?:published|released|issued)\s+(?:by\s+[^,;.]{1,60}?\s+)?"
    r"in\s+(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
_NOT_PERIOD_BEFORE = re.compile(
    r"(?:(?:began|started|founded|established|set\s+up|built|launched|approved|opened|designated"
    r"|inaugurated|establishment|launch|founding|inception)(?:\s+(?:by|as|in|at)\s+[^,;.]{1,45}?)?"
    r"|compared\s+(?:to|with)|than|from|since|over"
    r"|relative\s+to|same\s+period(?:\s+of)?)\s*$",
    re.I,
)
_NOT_PERIOD_BEFORE_LOW = re.compile(_NOT_PERIOD_BEFORE.pattern)  # lower-case words only


def _not_period_before(before: str) -> bool:
    """_NOT_PERIOD_BEFORE.search(before), on the lowered text when it can (loaders.text.scan)."""
    low = lowered(before)
    if low is None:
        return _NOT_PERIOD_BEFORE.search(before) is not None
    return _NOT_PERIOD_BEFORE_LOW.search(low) is not None


# A half or a quarter named without its year ("in the first quarter", "From January to
# June") is of the year the text is about: the last year named, else the document date's.
_SUBPERIOD_RE = re.compile(
    r"(?=[idfjaoIDFJAO])"
    r"\b(?:(?:in|during|for)\s+the\s+(?P<sub>first|second|third|fourth|1st|2nd|3rd|4th)\s+"
    r"(?P<subkind>half|quarter)(?:\s+of\s+(?P<which>this|the|last)\s+year)?"
    r"|(?:in|during|for)\s+the\s+first\s+(?P<months>three|six)\s+months"
    r"(?:\s+of\s+(?P<which2>this|the|last)\s+year)?"
    r"|(?:from\s+)?(?P<m1>January|April|July|October)\s*(?:to|through|-)\s*"
    r"(?P<m2>March|June|September|December)(?:\s+(?:this|last)\s+year)?)"
    r"(?!\s+(?:of\s+)?(?:19|20)\d\d)\b",
    re.I,
)
_RANGE_RE = re.compile(
    r"\b(?:(?:(?:in|during|for|from)\s+)?(?:the\s+)?first\s+(?:two|three|four|five|seven|eight"
    r"|nine|ten|eleven|\d+)\s+(?:quarters|months)"
    r"|(?:in|during|for|from)\s+(?:January|February)\s*(?:to|through|-)\s*"
    r"(?:February|April|May|July|August|October|November)"
    r"|between\s+(?:January|February)\s+and\s+(?:February|April|May|July|August|October"
    r"|November))(?:\s+of\s+(?:19|20)\d\d)?",
    re.I,
)
_SUBPERIOD_WORDS = (
    "half",
    "quarter",
    "months",
    "between",
    "january",
    "february",
    "april",
    "july",
    "october",
)
_MONTH_RANGES = {
    ("january", "march"): ("first", "quarter"),
    ("april", "june"): ("second", "quarter"),
    ("july", "september"): ("third", "quarter"),
    ("october", "december"): ("fourth", "quarter"),
    ("january", "june"): ("first", "half"),
    ("july", "december"): ("second", "half"),
}
_OWN_CHANGE_RE = re.compile(r"\b(?:while|whereas)\s+(?:its|their|the)\s+[a-z]", re.I)
# ", also known as Longquanyi District,": another name, which does not end the phrase
_APPOSITION_RE = re.compile(r"^,\s*(?:also\s+known\s+as|or|formerly)\s[^,;]*,")
_WHILE_RE = re.compile(r"[,;]\s+(?:while|whereas)\s+", re.I)
_FIELD_BEFORE_RE = re.compile(r"\b(?:among|in|of|than|from|to|with)\s+(?:the\s+)?$", re.I)
_IN_PLACES_RE = re.compile(r"\b(?:in|across)\s+$", re.I)
_IN_NP_RE = re.compile(r"\s*\b(?:in|at|within|through|of)\s+(?:the\s+)?$", re.I)
# the preposition opens the clause or follows a comma ("Over the past 12 years, at the ..."),
# never inside an apposition ("Hikvision, headquartered in the zone, reported ...")
_FRONTED_RE = re.compile(r"(?:^|[,:]\s*|\bthat\s+)(?:[Aa]t|[Ii]n|[Ww]ithin)\s+(?:the\s+)?$")
_COMMA_RE = re.compile(r"\s*,")
_IN_ZONE_RE = re.compile(r"\b(?:in|of|through|at)\s+(?:the\s+)?$", re.I)
_PROPER_START_RE = re.compile(r"([A-Z][\w'’-]*)(?:\s+\(?[A-Z][\w'’()-]*){1,6}(?=[\s,])")
_UNNAMED_GROUP_RE = re.compile(
    r"(?:The|These)\s+(?:[\w-]+\s+){0,3}?(?:ETDZs|zones|parks|areas)\s+(?:in|of)\s+"
    r"(?!the\s+(?:province|country|city)\b)"
)
_ONE_NAME_START_RE = re.compile(r"([A-Z][\w'’-]+),\s")
_SENTENCE_ADVERBS = frozenset(
    [
        "However",
        "Besides",
        "Moreover",
        "Meanwhile",
        "Overall",
        "Furthermore",
        "Therefore",
        "Thus",
        "Still",
        "Yet",
        "Now",
        "Then",
        "Today",
        "Also",
        "Altogether",
        "Nationwide",
        "Currently",
        "Previously",
        "Additionally",
        "Similarly",
        "Likewise",
        "Nevertheless",
        "Nonetheless",
        "Hence",
        "Instead",
        "Otherwise",
        "Consequently",
        "Accordingly",
        "Finally",
        "First",
        "Second",
        "Third",
        "Last",
        "Next",
        "Again",
        "Later",
        "Earlier",
        "Recently",
        "Specifically",
        "Namely",
        "Notably",
    ]
)
_FUNCTION_WORDS = frozenset(
    [
        "The",
        "In",
        "It",
        "Its",
        "By",
        "From",
        "Among",
        "As",
        "At",
        "On",
        "For",
        "With",
        "During",
        "Since",
        "After",
        "Before",
        "Of",
        "This",
        "These",
        "They",
        "Their",
        "Meanwhile",
        "Besides",
        "Also",
        "And",
        "But",
        "Last",
        "Total",
        "Chinese",
        # prepositions and conjunctions that open an adverbial before the subject
        # ("Between January and August, 157 projects ...": no unknown name starts it)
        "Between",
        "Until",
        "Through",
        "Throughout",
        "Within",
        "Over",
        "Under",
        "Despite",
        "Although",
        "While",
        "When",
        "Unlike",
        "According",
        "Thanks",
        "Following",
        "Compared",
        "Up",
        "To",
        *(month.capitalize() for month in MONTHS if len(month) > 3),
    ]
)
# Measures the genre writes in capitals: "Regional GDP", "Actual FDI" open no name.
_ACRONYMS = frozenset(["GDP", "FDI", "R&D", "VAT", "IPO", "IPOs", "TEU", "TEUs", "RMB"])
_NOW_RE = re.compile(r'^"(?:currently|at present|so far|to date|as of now|now)"', re.I)
_CONTINUATION_RE = re.compile(
    r"^(?:It|Its|They|Their|The\s+zones?|The\s+parks?|These|Meanwhile|Among\s+them|Of\s+th(?:is|em)"
    r"|In\s+addition|Besides|Also)\b"
)
_PRONOUN_RE = re.compile(r"\b(?:it|its|they|their)\b[^,;]*$", re.I)
_LEADING_ADVERBIAL_RE = re.compile(r"\s*(?:(?:in|by|during)\s[^,]{1,40},\s*)?(?:the\s+)?", re.I)
# A clause with a subject of its own that is not a zone: a facility, an authority or a
# lettered part ("the port of Korgas handled 3 million tons", "Guangxi's ports had
# established contacts with 119 countries", "The Macao SAR Government has recommended 83
# projects", "At X Airport's northern cargo zone, 64 routes connect ...", "With an area of
# 2.95 sq km, Area B is ..."). Its figures are that subject's, never the zone's the
# paragraph or the document is about.
_OTHER_HEAD = (
    r"(?:ports?|airports?|harbou?rs?|railway\s+stations?|stations?|governments?|customs"
    r"|committees?|bureaus?|ministry|administrations?|corporations?|cargo\s+zones?)"
)
_NAME_WORDS = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and))*?"
_OTHER_SUBJECT_RE = re.compile(
    r"(?:(?:At|In)\s+)?(?:the\s+)?(?:"
    rf"{_OTHER_HEAD}\s+of\s+{_NAME_WORDS}"  # the port of Korgas
    # the city of chips
    r"|(?:city|town)\s+of\s+[a-z]+(?:\s+[a-z]+)?(?=\s+(?:has|had|have|is|was)\b)"
    rf"|{_NAME_WORDS}['’]s\s+(?:[a-z]+\s+)?{_OTHER_HEAD}"  # Guangxi's ports
    rf"|{_NAME_WORDS}\s+(?:[A-Z]\w*\s+)?(?i:{_OTHER_HEAD})"  # the Macao SAR Government
    r"|(?:Area|Zone|Park|Block|Phase)\s+(?:[A-Z]|I{1,3}|IV)"  # Area B
    r")(?=[\s,])",
)
_WITH_FRONT_RE = re.compile(r"\s*With\s[^,]{1,80},\s*")
_SLOGAN_OPEN_RE = re.compile(r"[“\"]\s*$")
_SLOGAN_RE = re.compile(r"[^“”\"\n.;]{1,40}[”\"]")
_REFERENCE_PAIR_RE = re.compile(r"\bthe\s+$", re.I)
_PAIR_NOUN_RE = re.compile(
    r"\s+(?:countries|nations|sides|parties|governments|peoples|leaders|presidents)\b", re.I
)
_FRONT_COMMA_RE = re.compile(r",\s+")
_VERB_AFTER_RE = re.compile(
    r"\s+(?:(?:also|now|has|have|had)\s+)?(?:has|have|had|is|was|were|are|[a-z]+ed)\b"
)
_HAS_ZONES_WITH_RE = re.compile(
    r"\s+(?:now\s+)?(?:has|had|have|boasts)\s+(?:\d[\d,]*|[a-z]+)\s+[^,;.]*?"
    r"\b(?:zones|areas|parks|ports|ETDZs)\b[^;]*?,\s+with\s",
    re.I,
)
_SUBJECT_KINDS = ("zone", "group", "index")
_PLACE_AFTER_RE = re.compile(r"\b(?:in|for|into|at)\s+(?:the\s+)?$", re.I)
# A participle phrase set before the clause's subject ("Founded in 1992, ..."), ending in a comma
_FRONTED_PHRASE_RE = re.compile(r"^[A-Z][a-z]+(?:ed|ing)\b[^,;]{3,200},\s*$")
_FINITE_VERB_RE = re.compile(
    r"\s+(?:has|have|had|is|was|recorded|registered|saw|attracted|reported|posted|achieved)\b"
)
_ONE_OF_RE = re.compile(r"\bone\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:of\s+)?$", re.I)
_TOGETHER_WITH_RE = re.compile(r"\s*,?\s*(?:together|along)\s+with\b", re.I)
# "The GDP in four economic development zones in ...", "the top 30": the clause names a
# subject of its own that we cannot resolve, so it is not about the document's topic.
_OWN_GROUP_RE = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|several|some|other)\s+"
    r"(?:[\w-]+\s+){0,5}?(?:zones|parks|areas|districts)\b|\bthe\s+top\s+\d+",
    re.I,
)
_UNIT_NAME = {
    "CNY": "yuan",
    "USD": "US dollars",
    "PERCENT": "percent",
    "TIMES": "times",
    "KM2": "square kilometres",
    "HA": "hectares",
    "MU": "mu",
    "M2": "square metres",
    "KM": "kilometres",
    "TEU": "TEUs",
}


@dataclass
class _Clause:
    start: int
    end: int
    subject: Mention | None = None


@dataclass
class _State:
    """What carries from one number to the next within a sentence and a document."""

    period: str = ""
    period_why: str = ""
    year: str = ""  # the last year named in a period, even one with no IRI
    paragraph: int = -1  # the paragraph of the sentence read last
    mention_starts: list[int] = field(default_factory=list)  # of the document's mentions
    sentence_subject: Mention | None = None
    last_subject: Mention | None = None
    last_fact: ExtractedFact | None = None
    last_level: ExtractedFact | None = None
    last_group: Mention | None = None
    topics: Topics | None = None  # what the document is about (loaders.text.discourse)
    now_year: str = ""  # the year "now" is in the text: the document date's, else the headline's


def find_facts(
    doc: Document,
    mentions: list[Mention],
    source_id: str = "text",
    quantities: list[Quantity] | None = None,
) -> tuple[list[ExtractedFact], list[Unattached]]:
    """Read every sentence of the body; returns the facts and the numbers left unattached."""
    facts: list[ExtractedFact] = []
    left: list[Unattached] = []
    mentions = sorted(mentions, key=lambda m: m.start)
    state = _State(mention_starts=[m.start for m in mentions], topics=Topics(doc, mentions))
    ref_year = int(doc.reference_date[:4]) if doc.reference_date else None
    headline = headline_period(doc, ref_year)
    if headline is not None:  # until the body names a period of its own
        state.period, state.period_why = headline
        state.year = headline[0][:4]
    state.now_year = (
        str(ref_year) if ref_year else (headline[0][:4] if headline else _latest_year(doc))
    )
    paragraph = 0
    dates = find_dates(doc.text[: doc.body_end])
    if quantities is None:
        quantities = find_quantities(doc.text, 0, doc.body_end)
    by_sentence: dict[int, list[Quantity]] = {}
    starts = [s.start for s in doc.sentences]
    for q in quantities:
        i = bisect.bisect_right(starts, q.start) - 1
        if i >= 0 and q.end <= doc.sentences[i].end:
            by_sentence.setdefault(i, []).append(q)
    for index, sentence in enumerate(doc.sentences):
        if sentence.paragraph != paragraph:
            # A news item's period ("In 2021, ...") governs the paragraphs after it until
            # another is named; only the subject stays within its sentence.
            paragraph = sentence.paragraph
            if state.period_why and "carried" not in state.period_why:
                state.period_why += " (carried from an earlier paragraph)"
        reader = _Sentence(doc, sentence, mentions, state, ref_year, facts, left, source_id)
        reader.quantities = by_sentence.get(index, [])
        reader.read(dates)
    return facts, left


def _level(subject: Mention, phrase: str, q: Quantity, period: str) -> Fact:
    """The level of what ``phrase`` names, as the quantity ``q`` states it, for ``subject``."""
    return Fact(
        area=subject.iri,
        indicator=indicator_label(phrase),
        value=q.value,
        unit=q.unit or "",
        period=period,
        statistic="level",
        qualifier=q.qualifier,
    )


class _Sentence:
    """Reads one sentence in text order: ranks, founding years, quantities."""

    def __init__(self, doc, sentence: Sentence, mentions, state, ref_year, facts, left, source_id):
        self.doc, self.s, self.state, self.ref_year = doc, sentence, state, ref_year
        self.source_id = source_id
        self.text = doc.text
        self.facts, self.left = facts, left
        self.all_mentions = mentions
        starts = state.mention_starts
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_left(starts, sentence.end, lo)
        self.mentions = mentions[lo:hi]
        self.consumed: list[tuple[int, int]] = []
        self.plans: dict[int, bool] = {}
        self.clauses = self._clauses()
        for clause in self.clauses:
            clause.subject = next(
                (
                    m
                    for m in self.mentions
                    if clause.start <= m.start < clause.end and self._can_be_subject(m, clause)
                ),
                None,
            )
        state.sentence_subject = next((c.subject for c in self.clauses if c.subject), None)
        self.periods = self._periods()
        self.relative = [
            text_span
            for text_span in (
                relative_phrases(doc.text, sentence.start, sentence.end) if ref_year is None else []
            )
            if not any(p[2] and p[0] < text_span[1] and text_span[0] < p[1] for p in self.periods)
        ]
        self.count_before = len(facts)
        self.event = self._event()
        self.count = 0
        self.planned = False  # reading a target: its facts are of modality "planned"

    # -- structure ---------------------------------------------------------------------
    def _clauses(self) -> list[_Clause]:
        out, pos = [], self.s.start
        at = self.text.find(";", pos, self.s.end)
        while at >= 0:
            out.append(_Clause(pos, at))
            pos = at + 1
            at = self.text.find(";", pos, self.s.end)
        out.append(_Clause(pos, self.s.end))
        return out

    def _clause(self, at: int) -> _Clause:
        return next(c for c in self.clauses if c.start <= at <= c.end)

    def _periods(self) -> list[tuple[int, int, str, str]]:
        out = []
        # Each pattern is tried only in sentences with words that its every match contains.
        low = lowered(self.text[self.s.start : self.s.end])
        for m in (
            _PERIOD_RE.finditer(self.text, self.s.start, self.s.end)
            if low is None
            or _YEAR_DIGITS_RE.search(self.text, self.s.start, self.s.end)
            or any(w in low for w in _PERIOD_RE_WORDS)
            else ()
        ):
            before = self.text[max(self.s.start, m.start() - 70) : m.start()]
            if m.group("rel"):
                rel = m.group("rel").lower()
                if self.ref_year is None or _not_period_before(before):
                    continue
                year = self.ref_year - 1 if rel.startswith("last") else self.ref_year
                why = f'"{m.group("rel")}" read against the document date {self.doc.reference_date}'
                out.append((m.start(), m.end(), str(year), why))
                continue
            if (_not_period_before(before) and not _WHEN_FOUNDED_RE.search(before)) or (
                m.group("in") or ""
            ).lower() == "at":
                continue
            year = m.group("year")
            self.state.year = year
            if m.group("subkind") or m.group("months"):
                period = _sub_year(year, m.group("sub"), m.group("subkind"))
                why = (
                    f'"{m.group(0)}" in the sentence'
                    if period
                    else f'"{m.group(0)}" is part of a year with no period IRI: left unstated'
                )
                out.append((m.start(), m.end(), period, why))
                continue
            out.append((m.start(), m.end(), year, f'"{m.group(0)}" in the sentence'))
        for m in (
            _DATA_OF_MONTH_RE.finditer(self.text, self.s.start, self.s.end)
            if low is None or any(w in low for w in ("published", "released", "issued"))
            else ()
        ):
            # The year alone ("in ... 2018") was skipped above as a publication date.
            month = f"{m.group('year')}-{MONTHS[m.group('month').lower()]:02d}"
            out = [p for p in out if not (m.start() <= p[0] < m.end())]
            out.append((m.start("month"), m.end(), month, f'"{m.group(0)}": data as of that month'))
        out = self._grammar_periods(out)
        sentence = self.text[self.s.start : self.s.end].lower()
        if not any(w in sentence for w in _SUBPERIOD_WORDS):
            out.sort()
            return out
        for m in _RANGE_RE.finditer(self.text, self.s.start, self.s.end):
            # "in the first three quarters (of 2016)": a span with no period IRI; the period
            # carried from before must not stand in for it.
            if not any(p[0] <= m.start() < p[1] for p in out) and not _SUBPERIOD_RE.match(
                self.text, m.start()
            ):
                out.append((m.start(), m.end(), "", f'"{m.group(0)}" has no period IRI: unstated'))
        for m in _SUBPERIOD_RE.finditer(self.text, self.s.start, self.s.end):
            if any(p[0] <= m.start() < p[1] for p in out):
                continue
            found = self._year_of_subperiod(m, [p for p in out if p[1] <= m.start()])
            if found:
                out.append((m.start(), m.end(), found[0], found[1]))
        out.sort()
        return out

    def _grammar_periods(self, out: list) -> list:
        # The period grammar (loaders.text.periods) overrides what it reads more fully; a
        # code the model has no IRI for is "" (unstated), never the period carried before.
        for p in find_periods(
            self.text,
            self.s.start,
            self.s.end,
            ref_year=self.ref_year,
            about_year=self.state.year,
        ):
            before = self.text[max(self.s.start, p.start - 70) : p.start]
            if _not_period_before(before):  # "since its launch in April 2015"
                continue
            overlap = [o for o in out if o[0] < p.end and p.start < o[1]]
            if any(o[1] - o[0] > p.end - p.start for o in overlap):
                continue
            code = p.code if p.writable else ""
            why = p.why if p.writable else p.why + ": no period IRI in the model, unstated"
            out = [o for o in out if o not in overlap] + [(p.start, p.end, code, why)]
            if p.code[:4].isdigit():
                self.state.year = p.code[:4] if "/" in p.code or len(p.code) < 9 else p.code[5:9]
        return out

    def _year_of_subperiod(self, m: re.Match[str], earlier) -> tuple[str, str] | None:
        if m.group("m1"):
            sub, kind = _MONTH_RANGES.get((m.group("m1").lower(), m.group("m2").lower()), ("", ""))
        elif m.group("months"):
            sub, kind = "first", ("quarter" if m.group("months").lower() == "three" else "half")
        else:
            sub, kind = m.group("sub"), m.group("subkind")
        which = (m.group("which") or m.group("which2") or "").lower()
        if "last year" in m.group(0).lower() or which == "last":
            year = str(self.ref_year - 1) if self.ref_year else ""
            how = f"the year before the document date {self.doc.reference_date}"
        elif which == "this" or not (earlier or self.state.year):
            year = str(self.ref_year) if self.ref_year else ""
            how = f"the year of the document date {self.doc.reference_date}"
        else:
            year = earlier[-1][2][:4] if earlier and earlier[-1][2][:4].isdigit() else ""
            year = year or self.state.year
            how = f"the year the text is about ({year})"
        period = _sub_year(year, sub, kind) if year.isdigit() else ""
        if not period:
            return None
        return period, f'"{m.group(0).strip()}" of {how}'

    def _period_at(self, at: int, clause: _Clause) -> tuple[str, str]:
        before = [p for p in self.periods if p[1] <= at]
        if before:
            return before[-1][2], before[-1][3]
        after = [p for p in self.periods if p[0] >= at and p[1] <= clause.end]
        if after:
            return after[0][2], after[0][3]
        return self.state.period, self.state.period_why

    def _event(self) -> Mention | None:
        for m in self.mentions:
            if (
                m.kind == "event"
                and m.kind_label
                and re.search(
                    r"\b(?:according\s+to|at|announced\s+at|released\s+at)\s+(?:the\s+)?$",
                    self.text[max(0, m.start - 30) : m.start],
                )
            ):
                return m
        return None

    # -- reading -----------------------------------------------------------------------
    def read(self, dates: list[tuple[int, int, str]]) -> None:
        text = self.text
        s = self.s
        items: list[tuple[int, str, object]] = []
        words = text[s.start : s.end]  # patterns are tried only where their words are
        if "respectively" in words:
            for m in _SHARED_RANK_RE.finditer(text, s.start, s.end):
                items.append((m.start(), "shared", m))
        ranks = (_RANK_RE,) if any(w in words for w in _RANK_RE_WORDS) else ()
        for rx in (*ranks, _TOP_RE) if "top" in words else ranks:
            for m in rx.finditer(text, s.start, s.end):
                if not any(
                    i[2].start() <= m.start() < i[2].end() for i in items if i[1] == "shared"
                ):
                    items.append((m.start(), "rank", m))
        for q in self.quantities:
            items.append((q.start, "q", q))
        dates = [d for d in dates if s.start <= d[0] < s.end]
        if any(month in words for month in _MONTH_ABBREVIATIONS):
            dates += [
                (m.start(), m.end(), "") for m in _MONTH_DAY_RE.finditer(text, s.start, s.end)
            ]
        amount, read_from = None, 0  # the last amount read, and where its facts start
        for at, kind, obj in sorted(items, key=lambda i: (i[0], i[1])):
            if kind == "shared":
                self._shared_rank(obj)
            elif kind == "rank":
                self._rank(obj)
            elif not self._consumed(obj) and not any(d[0] <= at < d[1] for d in dates):
                if amount is not None and converts(text, amount, obj):
                    self._conversion(obj, amount, self.facts[read_from:])
                else:
                    read_from = len(self.facts)
                    self._quantity(obj)
                amount = obj
        # "now hosts 40,000 entities" dates its own figure; the period the text is about
        # ("In the first quarter of 2024, ...") goes on to the next sentences.
        last = [p for p in self.periods if not _NOW_RE.search(p[3]) and not self._target_period(p)]
        if last:
            self.state.period, self.state.period_why = last[-1][2], last[-1][3]
        if self.state.sentence_subject is not None:
            self.state.last_subject = self.state.sentence_subject
        elif self.count_before == len(self.facts) and len(self.text[s.start : s.end].split()) > 3:
            # A sentence about something we could not name ("The China-ASEAN Information
            # Harbor attracted ..."): "Its" in the next sentence must not reach past it.
            self.state.last_subject = None
            self.state.last_fact = None
        self.state.sentence_subject = None
        self.state.last_level = None
        self.state.paragraph = s.paragraph

    def _target_period(self, p: tuple[int, int, str, str]) -> bool:
        # "by 2020" in a sentence of targets is the year they are set for: it dates them,
        # never the achieved figures of the sentences after.
        return self.text[p[0] : p[0] + 3].lower() == "by " and self._plan(self._clause(p[0]))

    def _consumed(self, q: Quantity) -> bool:
        return any(a <= q.start < b for a, b in self.consumed)

    def _leave(self, q: Quantity, reason: str) -> None:
        if self.planned:
            reason += " (a plan or target)"
        self.left.append(Unattached(q.start, q.end, self.text[q.start : q.end], reason))

    def _emit(
        self, rule: str, fact: Fact, subject: Mention, why: str, start: int, end: int
    ) -> ExtractedFact:
        start, end = _trim_span(self.text, start, end)
        if (ytd := self._year_to_date(fact, why, start)) is not None:
            fact = replace(fact, period=ytd)
            why += f"; a flow with its year-on-year change up to that month: {ytd}"
        if not fact.period and (now := self._present_state(fact, start)):
            fact = replace(fact, period=now)
            why += f"; a present state in a text of {now}"
        relative = self._unstatable_period(fact)
        if relative:
            # returned for what reads on from it in the sentence, never stored
            found = ExtractedFact(replace(fact, span=Span.of(self.text, start, end)), why, "", rule)
            self.left.append(
                Unattached(
                    start,
                    end,
                    self.text[start:end],
                    f'its period ("{relative}") is relative to the document date, which the '
                    "text does not give (the sidecar NAME.meta.yaml's issued: gives it)",
                )
            )
            return found
        span = Span.of(self.text, start, end)
        if self.planned:
            fact = replace(fact, modality="planned")
            why += "; a target (planned), not an achieved figure"
        if self.event is not None:
            fact = replace(fact, announced_at=self.event.iri)
            why += f'; announced at "{self.event.label}"'
        # a frozen Fact with its span set: what copy.copy and a set span do, without the
        # copy protocol's lookups (cheaper than replace(), which runs __init__ again)
        copied = object.__new__(type(fact))
        copied.__dict__.update(fact.__dict__, span=span)
        fact = copied
        found = ExtractedFact(fact, why, subject.label, rule)
        self.facts.append(found)
        self.state.last_fact = found
        self.state.last_subject = subject
        return found

    def _year_to_date(self, fact: Fact, why: str, start: int) -> str | None:
        # "By the end of October, fixed-asset investment is 6.59 billion yuan, increasing
        # 29.7% year on year": a flow compared with a year before is the sum from January
        # (2016-01/2016-10); a stock ("the total registered capital is ...") stays the month.
        m = _MONTH_CODE_RE.match(fact.period or "")
        if m is None or m.group(2) == "01" or not _END_OF_MONTH_WHY_RE.search(why):
            return None
        if fact.unit not in ("CNY", "USD", "PERCENT", "NUM") or fact.statistic not in (
            "level",
            "count",
            "yoy_change",
        ):
            return None
        clause = self._clause(start)
        if (
            _STOCK_RE.search(fact.indicator)
            # "the newly registered capital is ...": the capital registered in the months
            # so far, a flow; "the total registered capital is ..." is the stock
            and not _NEW_STOCK_RE.search(self.text, clause.start, clause.end)
        ) or (fact.unit == "NUM" and not _NEW_RE.search(fact.indicator)):
            return None
        if not _YOY_RE.search(self.text, clause.start, clause.end) and (
            # "..., increasing 6.23%": a change with no base stated is year-on-year (the
            # genre's convention, as the change itself is read)
            not _BARE_CHANGE_RE.search(self.text, clause.start, clause.end)
            or _BASE_RE.search(self.text, clause.start, clause.end)
        ):
            return None
        return f"{m.group(1)}-01/{m.group(1)}-{m.group(2)}"

    def _present_state(self, fact: Fact, start: int) -> str:
        # "The zone covers 747 square kilometers", "there are 260,000 market entities" with no
        # period: the state at the document's date, when the text has one.
        if (
            not self.state.now_year
            or fact.unit not in (*_LAND_UNITS, "NUM")
            or fact.statistic not in ("level", "count")
        ):
            return ""
        clause = self._clause(start)
        if not _PRESENT_RE.search(self.text, clause.start, clause.end) or _PAST_RE.search(
            self.text, clause.start, clause.end
        ):
            return ""
        return self.state.now_year

    def _unstatable_period(self, fact: Fact) -> str:
        # "In the first half, exports ..." in a text that gives no date and no year: the
        # sentence names a period, but not one anybody can state, so its figures are left
        # out rather than asserted with no period. Areas and founding years are of none.
        if fact.period or fact.unit in (*_LAND_UNITS, "YEAR") or not self.relative:
            return ""
        a, b = self.relative[0]
        return self.text[a:b]

    # -- subjects ----------------------------------------------------------------------
    def _subject(self, at: int, clause: _Clause) -> tuple[Mention | None, str]:
        before = self.text[clause.start : at]
        pronoun = _PRONOUN_RE.search(before[-150:])
        if pronoun and clause.subject is None and self._unnamed_subject():
            return None, ""  # "The ETDZs in western regions did well: their GDP grew ..."
        named = clause.subject
        if (
            pronoun
            and named is not None
            and (
                named.kind in _SUBJECT_KINDS
                # "Guangdong saw its exports rise", but "Shandong has 16 zones and their
                # GDP ...": "their" is the zones', not the province's.
                or (named.kind == "region" and pronoun.group(0)[:2].lower() == "it")
            )
            and named.end <= at - len(before[-150:]) + pronoun.start()
        ):
            # "Wuxi ... Bonded Zone saw its foreign trade grow ...": the pronoun is the
            # clause's own subject, named before it, not the subject of the figure before.
            return (
                named,
                f'"{named.surface}" is the subject of the clause ("{pronoun.group(0).split()[0]}")',
            )
        if pronoun and any(
            x.kind == "region"
            and clause.start <= x.start
            and x.end <= at - len(before[-150:]) + pronoun.start()
            and _LEADING_ADVERBIAL_RE.fullmatch(self.text, clause.start, x.start)
            for x in self.mentions
        ):
            # "Western China saw its exports rise": the pronoun is the region's, which we
            # do not take as a subject here; not the subject of the figure before.
            return None, ""
        if pronoun and self.state.last_fact is not None:
            subj = self._mention_for(self.state.last_fact)
            if subj is not None and subj.kind == "region" and pronoun.group(0)[:3].lower() == "the":
                # "Shandong has 16 zones. ... their foreign trade": "their" is the zones',
                # not the province's; we do not guess the group.
                return None, ""
            if subj is not None:
                return subj, "a pronoun refers back to the subject of the figure before"
        whiles = list(_WHILE_RE.finditer(self.text, clause.start, at))
        if whiles:
            # "X saw ..., while the Hainan Free Trade Port attracted N": the name after "while"
            w = whiles[-1]
            for m in self.mentions:
                if (
                    w.end() <= m.start
                    and m.end <= at
                    and m.kind in ("zone", "group")
                    and self._can_be_subject(m, clause)
                ):
                    return m, f'"{m.surface}" is the subject after "{w.group(0).strip()}"'
        m = clause.subject
        if m is not None and m.kind == "region" and _HAS_ZONES_WITH_RE.match(self.text, m.end, at):
            # "Guangxi has 4 comprehensive bonded zones ..., with total imports and exports
            # of N": the zones' figure, not the province's; we do not guess the group.
            return None, ""
        if m is not None and m.start < at:
            return m, f'"{m.surface}" is the subject of the clause'
        fronted_it = _FRONTED_IT_RE.match(self.text, clause.start, self.s.end)
        if fronted_it is not None and at < fronted_it.end():
            # "With a planning area of 25 square kilometers, it is composed of the A Park and
            # the B Park": the figure is of "it", the subject before, not of the parks after.
            last = self.state.last_subject
            if last is None:
                return None, ""
            return last, f'"{fronted_it.group(1)}" after the fronted phrase refers back to it'
        if self.state.sentence_subject is not None:
            m = self.state.sentence_subject
            return m, f'"{m.surface}" is the subject of the sentence'
        if self._unnamed_subject():
            return None, ""
        for m in self.mentions:
            # "Fixed-asset investment in the Hefei ETDZ rose 9.3 percent", "the number of
            # German-funded enterprises in Liaoning has reached 467": the place whose figure
            # the phrase before the number names.
            if (
                (m.kind in ("zone", "group") or (m.kind == "region" and m.cls != "MacroRegion"))
                and clause.start <= m.start
                and m.end <= at
                and _IN_ZONE_RE.search(self.text[max(clause.start, m.start - 12) : m.start])
                and not re.search(r"[,;]", _APPOSITION_RE.sub("", self.text[m.end : at]))
                and not _TOGETHER_WITH_RE.match(self.text, m.end, clause.end)
            ):
                return m, f'"{m.surface}" names whose figure it is'
        fronted = self._fronted_place(at, clause)
        if fronted is not None:
            return fronted, f'"{fronted.surface}" is where the clause is set ("at/in ..., ")'
        for phrase in _ZONES_PHRASE_RE.finditer(self.text, clause.start, at):
            # "foreign trade in the 217 development zones evaluated by the ministry totaled
            # ...": zones of the topic group's kind, named with no place, are the group.
            group = self._topic_group(phrase.group(0), self.text[clause.start : phrase.start()], at)
            if group is not None and not any(
                m.start < phrase.end() and phrase.start() < m.end for m in self.mentions
            ):
                return group, f'"{phrase.group(0)}" are the zones the document is about'
        for m in sorted(self.mentions, key=lambda m: m.start >= at):
            # "the number of enterprises in the zone", "1,200 enterprises have settled in the
            # zone": a zone the sentence points back to.
            if m.anaphor and m.kind in ("zone", "group") and clause.start <= m.start < clause.end:
                return m, f'"{m.surface}" refers back to {m.label}'
        after = self._place_after(at, clause)
        if after is not None:
            return after, f'"{after.surface}" is where the figure is ("in/for ..." after it)'
        if self._other_subject(at, clause) is not None:
            return None, ""  # the clause's own subject is not a zone: no zone stands in
        first = self.text[self.s.start : self.s.end]
        last = self.state.last_subject
        if _CONTINUATION_RE.match(first) and last is not None:
            return last, f'the sentence continues about "{last.surface}"'
        if (
            last is not None
            and last.kind in ("zone", "group")  # a province's figures are not carried so
            and self.state.paragraph == self.s.paragraph
            and not any(m.start < at and self._can_be_subject(m, clause) for m in self.mentions)
        ):
            # "Paid-in foreign investment reached $310 million." after a sentence about a
            # zone, in the same paragraph: the paragraph goes on about it.
            return last, f'the paragraph continues about "{last.surface}"'
        topic = self.state.topics.at(at) if self.state.topics else None
        if (
            topic is not None
            and not pronoun  # "Its output" after a sentence about a name we do not know
            and self._period_at(at, clause)[1]  # a period named, even one with no IRI
            and not any(
                clause.start <= m.start < at and m.kind in ("zone", "group", "region")
                for m in self.mentions
            )
            and not _OWN_GROUP_RE.search(self.text, clause.start, at)
        ):
            # A figure with neither subject nor period of its own is too loosely anchored.
            # "Industrial investment was 17.01 billion yuan." in a text about one zone.
            return topic, f'the document is about "{topic.surface}"'
        return None, ""

    def _other_subject(self, at: int, clause: _Clause) -> str | None:
        """The clause's own subject when it is a facility, an authority or a lettered part,
        which the zone of the paragraph or of the document must not stand in for."""
        text = self.text
        start = clause.start
        lead = _LEADING_ADVERBIAL_RE.match(text, start, at)
        for begin in (start, lead.end() if lead else start):
            m = _OTHER_SUBJECT_RE.match(text, begin, at)
            if m is not None and not any(
                x.start < m.end() and m.start() < x.end and x.kind in ("zone", "group")
                for x in self.mentions
            ):
                return m.group(0)
        for comma in _FRONT_COMMA_RE.finditer(text, start, at):
            # "Taking advantage of its location, the port of Korgas handled ...": the
            # subject after a fronted phrase, with its verb.
            m = _OTHER_SUBJECT_RE.match(text, comma.end(), at)
            if m is not None and _VERB_AFTER_RE.match(text, m.end(), at):
                return m.group(0)
        front = _WITH_FRONT_RE.match(text, start, clause.end)
        if front is not None and front.end() > at:
            m = _OTHER_SUBJECT_RE.match(text, front.end(), clause.end)
            if m is not None:
                return m.group(0)

    def _place_after(self, at: int, clause: _Clause) -> Mention | None:
        # "Over 30,000 companies have registered in the Hengqin New Area", "83 projects for
        # the Guangdong-Macao Cooperation Industrial Park": the zone the figure's own phrase
        # ends in, when nothing before the figure names a subject.
        for m in self.mentions:
            if m.start < at or m.start >= clause.end or m.anaphor:
                continue
            if m.kind != "zone":
                return None
            between = re.sub(r"^[\d.,]+", "", self.text[at : m.start])
            if not _PLACE_AFTER_RE.search(between) or re.search(r"[,;:]|\d", between):
                return None
            return m
        return None

    def _fronted_place(self, at: int, clause: _Clause) -> Mention | None:
        # "Over the past 12 years, at the China-Malaysia Qinzhou Industrial Park, 249 projects
        # have been signed": a zone set before the clause's figures as where they are.
        for m in self.mentions:
            if (
                m.kind in ("zone", "group")
                and clause.start <= m.start
                and m.end < at
                and _FRONTED_RE.search(self.text[clause.start : m.start].lstrip())
                and _COMMA_RE.match(self.text, m.end)
                and not any(
                    # a figure before the place ("12" of "over the past 12 years" is none)
                    clause.start <= q.start < m.start and q.unit is not None
                    for q in self.quantities
                )
            ):
                return m
        return None

    def _unnamed_subject(self) -> bool:
        # "Sino-Singapore Guangzhou Knowledge City, a project in the zone, attracted ...":
        # the sentence is about a name we do not know, not about the zone it mentions.
        if _UNNAMED_GROUP_RE.match(self.text, self.s.start, self.s.end) and not any(
            x.start <= self.s.start + 4 for x in self.mentions
        ):
            return True  # "The ETDZs in central and western regions ...": a group we cannot name
        m = _PROPER_START_RE.match(self.text, self.s.start, self.s.end)
        if m is None:
            # "Hikvision, headquartered in the zone, reported ...": one unknown name
            m = _ONE_NAME_START_RE.match(self.text, self.s.start, self.s.end)
            if m is None or m.group(1).endswith("ly") or m.group(1) in _SENTENCE_ADVERBS:
                return False
        if m.group(1) in _FUNCTION_WORDS:
            return False
        rest = m.group(0).split()[1:]
        if (
            rest
            and all(word.strip("()") in _ACRONYMS for word in rest)
            and not re.search(r"['’]s$", m.group(1))  # "Pingxiang's GDP": a name's
        ):
            return False  # "Regional GDP reached ...": a measure, not a name
        return not any(x.start <= m.start() and x.end >= m.end() for x in self.mentions)

    def _mention_for(self, found: ExtractedFact) -> Mention | None:
        for m in reversed(self.all_mentions):
            if m.iri == found.fact.area and not m.anaphor:
                return m
        for m in reversed(self.all_mentions):
            if m.iri == found.fact.area:
                return m
        label = found.subject_label
        return Mention(0, 0, found.fact.area, "region", "", label, label)

    def _can_be_subject(self, m: Mention, clause: _Clause) -> bool:
        before = self.text[max(clause.start, m.start - 40) : m.start]
        if re.search(r"\baccording\s+to\b[^,;]*$", self.text[clause.start : m.start], re.I):
            return False
        after_preposition = re.search(
            r"\b(?:in|among|across|to|from|than|for|by|on|with|at|between|and|of|as|including"
            r"|such\s+as)\s+(?:the\s+)?$",
            before,
            re.I,
        )
        if m.kind in _SUBJECT_KINDS and _TOGETHER_WITH_RE.match(self.text, m.end, clause.end):
            return False  # "six national zones together with two provincial zones": neither
        if m.kind == "group" and _ONE_OF_RE.search(self.text, clause.start, m.start):
            return False  # "As one of the fifth batch of pilot FTZs in China, the SDFTZ ..."
        if m.kind in _SUBJECT_KINDS:
            return not after_preposition or after_preposition.group(0).lower().startswith("of")
        if m.kind == "region" and m.cls != "MacroRegion" and not after_preposition:
            head = _ADVERBIAL_RE.sub("", self.text[clause.start : m.start])
            possessive = re.match(r"['’]s\b", self.text[m.end : m.end + 2]) or re.search(
                r"['’]s$", m.surface
            )
            if possessive and any(
                x.kind in ("zone", "group") and 0 < x.start - m.end <= 3 for x in self.mentions
            ):
                return False  # "Beijing's Zhongguancun Science Park": the park is the subject
            if _FRONTED_PHRASE_RE.search(head) and _FINITE_VERB_RE.match(self.text, m.end):
                return True  # "Approved as a national zone in 1992, Kunshan has attracted ..."
            return bool(possessive) or head.strip() == ""
        return False

    # -- ranks -------------------------------------------------------------------------
    def _rank(self, m: re.Match[str]) -> None:
        first = "first" if m.re is _TOP_RE else m.group("ord")  # "topped the list"
        value = ordinal(first)
        if value is None or re.match(r"top\s+\d", first):
            return
        clause = self._clause(m.start())
        # Numbers in the scope ("among 169 national high-tech zones") are read as counts.
        self.consumed.append((m.start(), m.start("scope") if m.group("scope") else m.end()))
        subject, indicator, why = self._rank_subject(m.start(), clause)
        if subject is None:
            return
        if not m.group("scope") and self._respective(m, clause):
            return
        scope, end = _cut_scope(m.group("scope"), m.start("scope"), m.end())
        ranks = [(first, scope, m.start("scope"))]
        while more := _RANK_MORE_RE.match(self.text, end, clause.end):
            scope, more_end = _cut_scope(more.group("scope"), more.start("scope"), more.end())
            ranks.append((more.group("ord"), scope, more.start("scope")))
            self.consumed.append((end, more.start("scope")))
            end = more_end
        period, period_why = self._period_at(m.start(), clause)
        for word, scope_text, scope_at in ranks:
            scope, population, scope_why = self._scope(scope_text, scope_at)
            fact = Fact(
                area=subject.iri,
                indicator=indicator,
                value=str(ordinal(word)),
                unit="RANK",
                period=period,
                statistic="rank",
                scope=scope,
                population=population,
            )
            self._emit(
                "rank",
                fact,
                subject,
                f'rank "{word}"{scope_why}; {why}; {period_why}'.strip("; "),
                m.start(),
                end,
            )
        years = _YEARS_RE.match(self.text, end, clause.end)
        if years and (n := _number(years.group("n"))):
            self.consumed.append((years.start(), years.end()))
            label = (
                "consecutive years ranked first"
                if value == 1
                else f"consecutive years ranked {first}"
            )
            fact = Fact(
                area=subject.iri,
                indicator=label,
                value=str(n),
                unit="YR",
                period=period,
                statistic="count",
            )
            self._emit(
                "rank",
                fact,
                subject,
                f'"for {years.group("n")} years" after a rank; {why}',
                m.start(),
                years.end(),
            )

    def _respective(self, m: re.Match[str], clause: _Clause) -> bool:
        # "A and B ranked second and third respectively (among N zones)": each name its
        # own rank, in order. Read only when the two names stand just before the verb.
        more = _RESPECTIVE_RE.match(self.text, m.end(), clause.end)
        if more is None:
            return False
        names = [
            x
            for x in self.mentions
            if clause.start <= x.start
            and x.end <= m.start()
            and x.kind in ("zone", "group")
            and not x.anaphor
        ]
        if (
            len(names) < 2
            or not re.fullmatch(r",?\s+and\s+", self.text[names[-2].end : names[-1].start])
            or not re.fullmatch(r"\s+(?:have\s+|has\s+)?", self.text[names[-1].end : m.start()])
            or names[-2].iri == names[-1].iri
        ):
            return False
        # Numbers in the scope ("among 169 national high-tech zones") are read as counts.
        self.consumed.append(
            (m.start(), more.start("scope") if more.group("scope") else more.end())
        )
        scope_text = more.group("scope") or more.group("inner")
        scope_at = more.start("scope") if more.group("scope") else more.start("inner")
        scope, population, scope_why = self._scope(scope_text, scope_at)
        period, period_why = self._period_at(m.start(), clause)
        indicator = "overall ranking"
        for subject, word in zip(names[-2:], (m.group("ord"), more.group("ord")), strict=True):
            fact = Fact(
                area=subject.iri,
                indicator=indicator,
                value=str(ordinal(word)),
                unit="RANK",
                period=period,
                statistic="rank",
                scope=scope,
                population=population,
            )
            why = (
                f'rank "{word}"{scope_why}; "{subject.surface}" takes it in order ("respectively")'
            )
            self._emit(
                "respectively",
                fact,
                subject,
                f"{why}; {period_why}".strip("; "),
                m.start(),
                more.end(),
            )
        return True

    def _shared_rank(self, m: re.Match[str]) -> None:
        clause = self._clause(m.start())
        self.consumed.append((m.start(), m.end()))
        subject, indicator, why = self._rank_subject(m.start(), clause)
        if subject is None:
            return
        mid_at = m.start("mid")
        scopes = [
            x
            for x in self.mentions
            if mid_at <= x.start < m.end("mid")
            and x.kind in ("region", "group")
            and re.search(
                r"\b(?:in|among)\s+(?:the\s+)?$", self.text[max(0, x.start - 12) : x.start]
            )
        ]
        ords = [m.group("o1"), m.group("o2")]
        if len(scopes) < len(ords):
            return
        period, period_why = self._period_at(m.start(), clause)
        for word, scope in zip(ords, scopes[-len(ords) :], strict=True):
            fact = Fact(
                area=subject.iri,
                indicator=indicator,
                value=str(ordinal(word)),
                unit="RANK",
                period=period,
                statistic="rank",
                scope=scope.iri,
                qualifier="tied",
            )
            self._emit(
                "shared-rank",
                fact,
                subject,
                f'shared (tied) rank "{word}" in {scope.label} '
                f'("respectively"); {why}; {period_why}',
                m.start(),
                m.end(),
            )

    def _rank_subject(self, at: int, clause: _Clause) -> tuple[Mention | None, str, str]:
        prev = self.state.last_fact
        ranks = [f for f in self.facts[self.count_before :] if f.fact.statistic == "rank"]
        if (
            ranks
            and prev is not None
            and prev.fact.statistic != "rank"
            and prev.fact.span
            and ranks[-1].fact.span
            and prev.fact.span.start <= ranks[-1].fact.span.end
        ):
            # "ranked 47th among the 169 zones, up 9 places, and ranked second in Henan":
            # the figure before is the scope's count; the rank before names the subject.
            prev = ranks[-1]
        between = self.text[prev.fact.span.end if prev and prev.fact.span else clause.start : at]
        prev_end = prev.fact.span.end if prev and prev.fact.span else clause.start
        named = [
            m
            for m in self.mentions
            if prev_end <= m.start < at
            and m.kind in ("zone", "group")
            and not m.anaphor
            and not _FIELD_BEFORE_RE.search(self.text, max(0, m.start - 16), m.start)
        ]
        named_between = bool(named)
        if (
            named
            and prev is not None
            and prev.fact.span
            and prev.fact.span.start >= self.s.start
            and re.fullmatch(r"\s*", self.text[named[-1].end : at])
            and re.search(r",\s+and\s+$", self.text[max(0, named[-1].start - 8) : named[-1].start])
        ):
            # "..., and Jiangxi's national ETDZs ranked sixth": the name just before the verb
            return named[-1], "overall ranking", f'"{named[-1].surface}" is ranked'
        if (
            prev is not None
            and prev.fact.span
            and prev.fact.span.start >= self.s.start
            and not named_between  # "..., and Jiangxi's zones ranked sixth": a new subject
            and re.search(r"\b(?:it|which|making|ranking|placing|and)\b", between)
        ):
            subj = self._mention_for(prev)
            base = prev.fact.indicator
            label = indicator_label(base if prev.fact.statistic == "rank" else f"rank by {base}")
            return subj, label, "ranks the figure before it"
        subj, why = self._subject(at, clause)
        if subj is None:
            return None, "", ""
        np = self._np_before(clause.start, at, subj, rank=True)
        label = indicator_label(f"rank by {np}") if np else "overall ranking"
        return subj, label, why

    def _scope(self, scope_text: str | None, at: int) -> tuple[str | None, int | None, str]:
        if not scope_text:
            return None, None, ""
        end = at + len(scope_text)
        population = None
        pm = re.match(r"\s+among\s+(?:the\s+)?(\d[\d,]*)\b", scope_text)
        if pm:
            population = int(pm.group(1).replace(",", ""))
        for m in self.mentions:
            if at <= m.start < end and m.kind in ("region", "group"):
                return m.iri, population, f" in {m.label}"
        return None, population, ""

    # -- quantities --------------------------------------------------------------------
    def _quantity(self, q: Quantity) -> None:
        text = self.text
        clause = self._clause(q.start)
        before = text[clause.start : q.start]
        if q.unit is None and not q.word and _NAME_NUMBER_RE.search(before[-30:]):
            return  # part of a name such as "Fortune 500"
        if q.unit is None and re.fullmatch(r"(?:19|20)\d\d", text[q.start : q.end]):
            self._year(q, clause, before)
            return
        if _DENOMINATOR_RE.search(before[-16:]):
            return  # "patents per 10,000 people": the base of a ratio, not a figure
        near = before[-160:].lower()  # cheap word tests first: most figures have none
        if ("than" in near or "with" in near or "to" in near) and _COMPARATOR_RE.search(
            before[-80:]
        ):
            self._leave(q, "the figure of what it is compared with, not of the subject")
            return
        if ("with" in near or "whose" in near) and _THRESHOLD_RE.search(before[-160:]):
            self._leave(q, "a size threshold that defines what is counted, not a measurement")
            return
        if q.qualifier == "more than" and "with" in near and _CLASS_BOUND_RE.search(before[-100:]):
            self._leave(q, "a lower bound that defines a class of things, not a measurement")
            return
        if self._plan(clause):
            # A target ("will reach", "is expected to", "by 2025") is a planned figure of
            # the period it is set for (modality "planned", a data set of its own), never
            # an achieved one; with no period named or carried it is left out.
            if not self._governed_by_plan(q, clause):
                self._leave(q, "a plan or target, not a measurement")
                return
            target = self._period_at(q.start, clause)[0]
            if not target:
                self._leave(q, "a plan or target with no period it is set for")
                return
            self.planned = True
            try:
                self._read_figure(q, clause, before)
            finally:
                self.planned = False
            return
        self._read_figure(q, clause, before)

    def _read_figure(self, q: Quantity, clause: _Clause, before: str) -> None:
        if q.unit in ("PERCENT", "TIMES") or (q.unit in ("CNY", "USD") and self._is_change(q)):
            self._ratio(q, clause, before)
        elif q.unit is not None:
            self._level(q, clause)
        elif not self._population(q, clause, before):
            self._count(q, clause, before)

    def _conversion(self, q: Quantity, amount: Quantity, read: list[ExtractedFact]) -> None:
        # "115 billion yuan ($18.24 billion)": the figure just read, in the other currency.
        same = [
            f
            for f in read
            if f.fact.unit == amount.unit
            and f.fact.span is not None
            and f.fact.span.start <= amount.start
            and amount.end <= f.fact.span.end
        ]
        if not same:
            self._leave(q, "the amount before it in another currency, which was not read")
            return
        for found in same:
            fact = replace(
                found.fact, value=q.value, unit=q.unit or "", qualifier=q.qualifier, span=None
            )
            subject = self._mention_for(found)
            self._emit(
                "conversion",
                fact,
                subject,
                f'the amount before it ("{self.text[amount.start : amount.end]}") in '
                f"{_unit_name(q)}; {found.why}",
                q.start,
                q.end,
            )

    def _governed_by_plan(self, q: Quantity, clause: _Clause) -> bool:
        # The figure is the target itself: a plan verb stands before it in the same
        # sentence ("is expected to reach 240", "will generate ... 16.3 billion yuan") or
        # just after its phrase ("7,000 patents are expected to be granted"), or "by 2025"
        # closes the figure's own phrase ("20 billion yuan by 2020"). "The 6-sq-km area is
        # due to be operational by 2010": the year is the plan's, the area is no target.
        lo = max(clause.start, q.start - 120)
        seg = self.text[lo : q.start]
        stop = max((m.end() for m in _FULL_STOP_RE.finditer(seg)), default=0)
        if _PLAN_CUE_RE.search(seg, stop):
            return True
        after = self.text[q.end : min(clause.end, q.end + 80)]
        after = after[: m.start()] if (m := _FULL_STOP_RE.search(after)) else after
        after = re.split(r"[,;]", after, maxsplit=1)[0]
        cue = _PLAN_CUE_RE.search(after)
        if cue and not _RELATIVE_PRONOUN_RE.search(after, 0, cue.start()):
            return True  # not "the five zones that ranked lowest will be withdrawn"
        by = _BY_YEAR_RE.search(after)
        return by is not None and not _VERB_RE.search(after, 0, by.start())

    def _plan(self, clause: _Clause) -> bool:
        found = self.plans.get(clause.start)
        if found is None:
            # in lower case, case-sensitively (loaders.text.scan), with the character before
            # the clause for \b: the same answer, faster
            before = 1 if clause.start > 0 else 0
            low = lowered(self.text[clause.start - before : clause.end])
            found = self.plans[clause.start] = bool(
                _PLAN_RE.search(self.text, clause.start, clause.end)
                if low is None
                else _PLAN_LOW_RE.search(low, before)
            )
        return found

    def _year(self, q: Quantity, clause: _Clause, before: str) -> None:
        founded = _FOUNDED_RE.search(before[-90:])
        if not founded:
            return  # a year names a period or a base, read elsewhere
        subject, why = self._subject(q.start, clause)
        if subject is None or subject.kind != "zone":
            self._leave(q, "a founding year with no zone to attach it to")
            return
        # "founded in June 2008": the year, as of the month it names
        month = re.search(r"(\w+)\s+$", before[-90:][founded.start() :])
        number = MONTHS.get(month.group(1).lower()) if month else None
        period = f"{q.value}-{number:02d}" if number else q.value
        label = (
            "year approved"
            if founded.group("approved")
            else "year construction began"
            if re.search(r"construction", before, re.I)
            else "founding year"
        )
        fact = Fact(
            area=subject.iri,
            indicator=indicator_label(label),
            value=q.value,
            unit="YEAR",
            period=period,
            statistic="level",
        )
        self._emit(
            "year-value",
            fact,
            subject,
            f'a year after "{before.split()[-2]} in"; {why}',
            clause.start,
            q.end,
        )

    def _is_change(self, q: Quantity) -> bool:
        near = self.text[max(self.s.start, q.start - 30) : q.start]
        # "Paid-in FDI rose to RMB71.9 billion", "export value surged to 5.77 billion yuan":
        # an amount a change word reaches is the new level, not the change
        return bool(_CHANGE_BEFORE_RE.search(near)) and not _REACHED_RE.search(near)

    def _ratio(self, q: Quantity, clause: _Clause, before: str) -> None:
        text = self.text
        near_before = re.split(r"[,;(]", before)[-1]
        after = text[q.end : clause.end]
        near_after = re.split(r"[,;.()]", after)[0]
        # The cues stand just before the number: search only the tail (the patterns end in
        # "$", and trying them at every position of a long clause is the costly part).
        tail = near_before[-90:]
        if q.unit == "PERCENT" and _SHARE_RE.search(tail):
            self._share(q, clause, after)
            return
        prev = self.state.last_fact
        if (
            q.unit == "PERCENT"
            and prev is not None
            and prev.fact.statistic == "share"
            and prev.fact.span
            and prev.fact.span.start >= clause.start
            and re.fullmatch(r"\s+and\s+", text[prev.fact.span.end : q.start])
        ):
            self._share(q, clause, after)  # "76.5 percent of Xi'an's total and 72.8 percent of"
            return
        cue = _CHANGE_BEFORE_RE.search(tail) or _CHANGE_AFTER_RE.match(near_after)
        window = near_before + " " + near_after
        base = _BASE_RE.search(near_after) or _BASE_RE.search(near_before)
        if cue is None and q.unit == "TIMES":
            self._multiple(q, clause, base, near_after)
            return
        if cue is None:
            self._level(q, clause)
            return
        sign = -1 if _DOWN_RE.match(cue.group("dir")) else 1
        if base is not None:
            statistic, base_period = "change_vs_period", base.group("year")
            how = f'change against {base_period} ("{base.group(0).strip()}")'
        else:
            statistic, base_period = "yoy_change", None
            how = (
                "year-on-year change"
                if _YOY_RE.search(window)
                else ("change with no stated base, read as year-on-year (the genre's convention)")
            )
        if base is None and self._changes_of_levels_before(q, sign, how, clause):
            return
        level = self.state.last_level
        clause_level = (
            level if level and level.fact.span and level.fact.span.start >= clause.start else None
        )
        if clause_level is not None and _OWN_CHANGE_RE.search(
            text, clause_level.fact.span.end, q.start
        ):
            clause_level = None  # "..., while its cross-border trade grew 18.2 percent"
        subject, why = (
            (self._mention_for(clause_level), "the figure it changes")
            if clause_level
            else (self._subject(q.start, clause))
        )
        if subject is None:
            self._leave(q, "a change with no subject in the sentence")
            return
        if clause_level is not None:
            indicator = clause_level.fact.indicator
            change_of = iris.observation_iri(self.source_id, *clause_level.fact.key())
            why = f'{how} of "{indicator}" (the level before it in the clause)'
        else:
            np = None
            if cue.re is _CHANGE_BEFORE_RE and cue.group("what"):
                np = cue.group("what")  # "grew its operating revenue by 8 percent"
            elif cue.re is _CHANGE_BEFORE_RE:
                np = self._change_np(clause.start, q.start, subject)
            elif in_what := _CHANGE_IN_RE.match(text, q.end, clause.end):
                np = in_what.group("np")  # "a 4.8 percent increase in GDP"
            if np is None and subject.kind == "index":
                np = "index value"
            if np is None:
                self._leave(q, f"a {how} with no indicator in the sentence")
                return
            at = self.quantities.index(q) if q in self.quantities else -1
            run = respective_run(text, self.quantities[at:]) if at >= 0 else []
            if run and len(parts := conjuncts(np)) == len(run) and base_period is None:
                self._respective_changes(run, parts, subject, sign, how, why, clause)
                return
            indicator, change_of = indicator_label(np), None
            why = f'{how} of "{indicator}"; subject: {why}'
        value, unit, stated_as = q.number * sign, q.unit or "", None
        if unit == "TIMES" and statistic == "yoy_change":
            # Year-on-year changes are in percent (docs/model.md): "an increase of 23.75 times"
            # (增长23.75倍) is +2375 %, and the stated form is kept.
            value, unit, stated_as = value * 100, "PERCENT", f"{q.value} times"
        period, period_why = self._period_at(q.start, clause)
        start = clause.start + before.rfind(near_before) if near_before else q.start
        fact = Fact(
            area=subject.iri,
            indicator=indicator,
            value=_fmt(value),
            unit=unit,
            period=period,
            statistic=statistic,
            base_period=base_period,
            qualifier=q.qualifier,
            change_of=change_of,
            stated_as=stated_as,
            comment="percentage points" if q.points else None,
        )
        end = q.end + len(near_after) if (cue.re is _CHANGE_AFTER_RE or base) else q.end
        self._emit("change", fact, subject, f"{why}; {period_why}".strip("; "), start, end)

    def _changes_of_levels_before(self, q: Quantity, sign: int, how: str, clause) -> bool:
        # "X reported US$2.07 billion of registered foreign capital and paid-in foreign
        # capital worth US$1.28 billion ..., a year-on-year increase of 149 percent and 196
        # percent respectively": the changes of the levels read before, in their order.
        at = self.quantities.index(q) if q in self.quantities else -1
        run = respective_run(self.text, self.quantities[at:]) if at >= 0 else []
        if not run:
            return False
        levels = [
            f
            for f in self.facts[self.count_before :]
            if f.fact.statistic == "level"
            and f.rule != "conversion"
            and f.fact.span
            and f.fact.span.end <= q.start
            and f.fact.span.start >= clause.start
        ]
        if len(levels) != len(run):
            return False
        period, period_why = self._period_at(run[0].start, clause)
        end = run_end(self.text, run)
        for q2, level in zip(run, levels, strict=True):
            self.consumed.append((q2.start, q2.end))
            fact = Fact(
                area=level.fact.area,
                indicator=level.fact.indicator,
                value=_fmt(q2.number * sign),
                unit=q2.unit or "",
                period=level.fact.period or period,
                statistic="yoy_change",
                qualifier=q2.qualifier,
                change_of=iris.observation_iri(self.source_id, *level.fact.key()),
                comment="percentage points" if q2.points else None,
            )
            self._emit(
                "respectively",
                fact,
                self._mention_for(level) or self._subject(q.start, clause)[0],
                f'{how} of "{level.fact.indicator}", the level in the same place before it '
                f'("respectively"); {period_why}'.strip("; "),
                q2.start,
                end if q2 is run[-1] else q2.end,
            )
        return True

    def _respective_changes(self, run, parts, subject, sign, how, why, clause) -> None:
        # "exports and imports grew 155.15 percent and 42.86 percent respectively": each
        # figure is the change of the thing named in the same place of the list before it.
        period, period_why = self._period_at(run[0].start, clause)
        end = run_end(self.text, run)
        for q, part in zip(run, parts, strict=True):
            self.consumed.append((q.start, q.end))
            fact = Fact(
                area=subject.iri,
                indicator=indicator_label(part),
                value=_fmt(q.number * sign),
                unit=q.unit or "",
                period=period,
                statistic="yoy_change",
                qualifier=q.qualifier,
                comment="percentage points" if q.points else None,
            )
            self._emit(
                "respectively",
                fact,
                subject,
                f'{how} of "{part}", in the order of the list ("respectively"); subject: {why}; '
                f"{period_why}".strip("; "),
                q.start,
                end if q is run[-1] else q.end,
            )

    def _multiple(self, q: Quantity, clause: _Clause, base, near_after: str) -> None:
        subject, why = self._subject(q.start, clause)
        base = base or _BASE_RE.search(self.text, clause.start, clause.end)
        if base is None and _YEAR_EARLIER_RE.match(near_after):
            self._yoy_multiple(q, clause, subject, why, near_after)
            return
        level = self.state.last_level
        indicator = level.fact.indicator if level else None
        if indicator is None and q.word:  # "the number of ... doubled"
            found = self._clean_np(
                self.text[clause.start : q.start],
                self.text[clause.start : q.start],
                clause.start,
                subject,
            )
            indicator = found[0] if found else None
        if subject is None or indicator is None or base is None:
            self._leave(q, "a multiple with no base period or figure it multiplies")
            return
        period, _ = self._period_at(q.start, clause)
        if period == base.group("year"):
            period = ""
        fact = Fact(
            area=subject.iri,
            indicator=indicator_label(indicator),
            value=q.value,
            unit="TIMES",
            period=period,
            statistic="multiple",
            base_period=base.group("year"),
        )
        start = min(q.start, base.start()) if base.start() >= clause.start else q.start
        self._emit(
            "multiple",
            fact,
            subject,
            f"{q.value} times the {base.group('year')} level; {why}",
            start,
            q.end + len(near_after),
        )

    def _yoy_multiple(self, q: Quantity, clause: _Clause, subject, why, near_after) -> None:
        # "2.5 times that of a year earlier": a multiple of the same period one year before.
        level = self.state.last_level
        if level is None or level.fact.span is None or level.fact.span.start < self.s.start:
            self._leave(q, "a multiple of a year earlier with no figure it multiplies")
            return
        period, period_why = self._period_at(q.start, clause)
        if subject is None or not period[:4].isdigit():
            self._leave(q, "a multiple of a year earlier with no subject or period")
            return
        base_period = f"{int(period[:4]) - 1}{period[4:]}"
        fact = Fact(
            area=level.fact.area,
            indicator=level.fact.indicator,
            value=q.value,
            unit="TIMES",
            period=period,
            statistic="multiple",
            base_period=base_period,
        )
        self._emit(
            "multiple-of-year-earlier",
            fact,
            self._mention_for(level) or subject,
            f'{q.value} times the figure a year earlier ({base_period}) of "{level.fact.indicator}"'
            f"; {period_why}",
            q.start,
            q.end + len(near_after),
        )

    def _share(self, q: Quantity, clause: _Clause, after: str) -> None:
        subject, why = self._subject(q.start, clause)
        if subject is None:
            self._leave(q, "a share with no subject in the sentence")
            return
        of = _SHARE_OF_RE.match(after)
        scope, scope_label = None, ""
        if of:
            what = of.group("what").lower()
            at = q.end + of.start("what")
            inside = [
                m for m in self.mentions if m.end > at and m.start < at + len(of.group("what"))
            ]
            if inside:
                scope, scope_label = inside[0].iri, inside[0].label
            elif "country" in what or "nation" in what or "china" in what:
                scope, scope_label = iris.country_iri("CN"), "China"
            elif "province" in what:
                prov = [m for m in self.all_mentions if m.start < q.start and m.cls == "Province"]
                if prov:
                    scope, scope_label = prov[-1].iri, prov[-1].label
        segment = re.split(r",|\band\b", self.text[clause.start : q.start])[-1]
        verb = _SHARE_RE.search(segment)
        own = None
        if verb is not None and verb.start() > 0:
            at = q.start - len(segment)
            own = self._np_before(at, at + verb.start(), subject, share=True)
        level = self.state.last_level
        base = level.fact.indicator if level and level.fact.span.start >= clause.start else None
        base = indicator_label(own) if own else base
        if not base:
            self._leave(q, "a share with no indicator it is a share of")
            return
        period, period_why = self._period_at(q.start, clause)
        end = q.end + (of.end() if of else 0)
        fact = Fact(
            area=subject.iri,
            indicator=base,
            value=q.value,
            unit="PERCENT",
            period=period,
            statistic="share",
            scope=scope,
            qualifier=q.qualifier,
        )
        where = f" of {scope_label}'s total" if scope_label else ""
        self._emit(
            "share",
            fact,
            subject,
            f'share of "{base}"{where}; {why}; {period_why}'.strip("; "),
            q.start - len(re.split(r"[,;]", self.text[clause.start : q.start])[-1]),
            end,
        )

    def _level(self, q: Quantity, clause: _Clause) -> None:
        subject, why = self._subject(q.start, clause)
        if subject is None:
            self._leave(q, "no zone, group, region or index in the sentence to attach it to")
            return
        found = self._indicator(clause, q, subject)
        if found is None and q.unit in _LAND_UNITS:
            # "covering 747 square kilometers", "a 56-square-kilometer area", "Covering 92.4
            # hectares": the unit says what is measured.
            found = ("area", q.start, q.end, f"{_unit_name(q)} measure an area")
        if found is None and q.unit == "TEU":
            # "handling 2.5 million TEUs": twenty-foot equivalent units measure containers
            found = ("container throughput", q.start, q.end, "TEUs measure container throughput")
        if found is None:
            self._leave(q, f"no indicator phrase (what is measured) around the {_unit_name(q)}")
            return
        np, start, end, how = found
        period, period_why = self._period_at(q.start, clause)
        at = self.quantities.index(q) if q in self.quantities else -1
        run = respective_run(self.text, self.quantities[at:]) if at >= 0 else []
        if run and len(parts := conjuncts(np)) == len(run):
            self._respective_levels(run, parts, subject, why, period, period_why, start)
            return
        fact = _level(subject, np, q, period)
        self.state.last_level = self._emit(
            "level",
            fact,
            subject,
            f'level of "{np}" ({how}); subject: {why}; {period_why}'.strip("; "),
            start,
            end,
        )

    def _respective_levels(self, run, parts, subject, why, period, period_why, start) -> None:
        # "its total industrial output value and fiscal income amounted to 128.2 billion yuan
        # and 5.86 billion yuan, respectively": each figure is the level of the thing named
        # in the same place of the list before it.
        end = run_end(self.text, run)
        for q, part in zip(run, parts, strict=True):
            self.consumed.append((q.start, q.end))
            fact = _level(subject, part, q, period)
            self._emit(
                "respectively",
                fact,
                subject,
                f'level of "{part}", in the order of the list ("respectively"); subject: {why}; '
                f"{period_why}".strip("; "),
                start if q is run[0] else q.start,
                end if q is run[-1] else q.end,
            )

    def _population(self, q: Quantity, clause: _Clause, before: str) -> bool:
        m = _POPULATION_RE.search(before[-60:])
        if m is None:
            return False
        subject, why = self._subject(q.start, clause)
        if subject is None:
            self._leave(q, "a population with no subject in the sentence")
            return True
        period, period_why = self._period_at(q.start, clause)
        label = " ".join(m.group("what").lower().split())
        fact = Fact(
            area=subject.iri,
            indicator=indicator_label(label),
            value=q.value,
            unit="NUM",
            period=period,
            statistic="level",
            qualifier=q.qualifier,
        )
        start = q.start - (len(before[-60:]) - m.start())
        self._emit(
            "population", fact, subject, f'"{label} of"; subject: {why}; {period_why}', start, q.end
        )
        return True

    def _count(self, q: Quantity, clause: _Clause, before: str) -> None:
        text = self.text
        if (
            self._consecutive(q, clause)
            or self._earlier_value(q, clause, before)
            or self._partitive(q, clause)
        ):
            return
        if _SLOGAN_OPEN_RE.search(before[-2:]) and _SLOGAN_RE.match(text, q.end):
            # “four ports in synergy”, "Four Silk Roads": a number that opens a short
            # quotation is part of a slogan or a name, not a count.
            self._leave(q, "part of a quoted slogan or name, not a count")
            return
        if (
            text[q.start : q.end].lower() in ("two", "three")
            and _REFERENCE_PAIR_RE.search(before[-12:])
            and _PAIR_NOUN_RE.match(text, q.end)
        ):
            # "ties between the two countries", "both sides": the ones named before, not a
            # figure of anybody.
            self._leave(q, "refers back to the ones named before, not a count")
            return
        group = next(
            (
                m
                for m in self.mentions
                if m.kind == "group" and m.number is not None and m.start <= q.start < m.end
            ),
            None,
        )
        ones = re.match(r"^\s+ones\b", text[q.end : q.end + 8])
        cm = _COUNT_RE.match(text, q.end, clause.end)
        if not cm and not group and self._number_of(q, clause, before):
            return
        if not cm and not group:  # the count frames of loaders.text.counts
            cm = read_count(text, q.start, q.end, clause.start, clause.end)
            # "the number of high-tech zones in China has increased to 168": the group's own
            group = next(
                (m for m in self.mentions if m.kind == "group" and cm and cm.start <= m.start),
                None,
            )
            group = group if group is not None and group.end <= q.start else None
        if not cm and not group:
            if not q.word:  # "one of the first ..." is not a number anybody reads as a figure
                self._leave(q, "a bare number with no unit and no counted thing after it")
            return
        if group is None and _IN_PLACES_RE.search(before[-20:]):
            # "set up in 1984 in 14 coastal cities": where, not a figure of the subject
            self._leave(q, "a number of places after 'in': where something is, not a figure")
            return
        np = cm.group("np") if cm else text[q.end : group.end]
        end = cm.end() if cm else group.end
        if _NP_STOP.search(np) and group is None:
            if not q.word:
                self._leave(q, "a bare number with no unit and no counted thing after it")
            return
        if _DEFINED_BY_THRESHOLD_RE.match(text, end, clause.end):
            # "5 development zones each with annual revenue over 100 billion yuan": the count
            # of those above a size, not of the zones
            self._leave(q, "a count of things a size threshold defines, not of the things")
            return
        owner = _OWNER_RE.search(before, max(0, len(before) - 80))
        period, period_why = self._period_at(q.start, clause)
        if ones:
            subject, label, why = self._ones(q, before)
            if subject is None:
                self._leave(q, '"ones" with no group of zones to refer to')
                return
            tail = re.match(r"^\s+ones\s+(\w+ed)\b", text[q.end : q.end + 40])
            if tail:
                label += " " + tail.group(1)
                end = q.end + tail.end()
            start = (
                q.start - len(re.search(r"[\w’']+\s*$", before).group(0))
                if re.search(r"[\w’']+\s*$", before)
                else q.start
            )
        elif group is not None and not owner:
            subject, why = group, f'the number of the group "{group.surface}" itself'
            label = "number of " + _kind_phrase(group)
            participle = re.match(
                r"^\s+(?:were|are|have\s+been)\s+(\w+ed(?:\s+and\s+\w+ed)?)",
                text[group.end : clause.end],
            )
            if participle:
                label += " " + participle.group(1)
                end = group.end + participle.end()
            start = q.start
        elif re.search(r"\bones$", np) and not owner:
            prev = self.state.last_fact
            level = re.match(r"(national|provincial|municipal)(?:-level)?\s+ones$", np)
            if (
                prev is None
                or not level
                or prev.fact.unit != "NUM"
                or not prev.fact.indicator.startswith("number of")
            ):
                self._leave(q, '"ones" with no group of zones to refer to')
                return
            subject = self._mention_for(prev)
            if subject is None:
                self._leave(q, '"ones" with no group of zones to refer to')
                return
            label = re.sub(
                r"^number of (?:(?:national|provincial|municipal)\s+)?",
                f"number of {level.group(1)} ",
                prev.fact.indicator,
            )
            why, start = f'"{np}" repeats the counted zones of the figure before', q.start
        else:
            counted = (group and _kind_phrase(group)) or " ".join(np.split())
            prev = self.state.last_fact
            if (
                not owner
                and re.search(r"\band\s+$", before)
                and prev is not None
                and prev.fact.statistic == "count"
                and prev.fact.span
                and prev.fact.span.start >= clause.start
            ):
                # "Zhejiang has 8 national high-tech zones and 64 provincial ...": one owner.
                subject = self._mention_for(prev)
                label = "number of " + counted
                end = max(end, group.end) if group is not None else end
                fact = Fact(
                    area=subject.iri,
                    indicator=indicator_label(label),
                    value=q.value,
                    unit="NUM",
                    period=period,
                    statistic="count",
                    qualifier=q.qualifier,
                )
                self.state.last_level = self._emit(
                    "count",
                    fact,
                    subject,
                    f'count of "{counted}", counted together with the figure '
                    f"before it; {period_why}",
                    q.start,
                    end,
                )
                return
            topic_group = None
            if group is None and _ZONE_KINDS_RE.search(np) and not owner:
                topic_group = self._topic_group(np, before, q.start)
                if topic_group is None:
                    # "among 230 national ... zones" with no place named: a ranking's population.
                    self._leave(
                        q, f'a number of "{counted}" that names no place: not a group of figures'
                    )
                    return
            subject, why = None, ""
            if topic_group is not None:
                subject = topic_group
                why = f'"{counted}" are the zones the document is about ("{topic_group.surface}")'
            if owner and re.match(r"there", owner.group(0), re.I):
                subject = self._in_region(end, clause)
                why = f'"there are ... in" {subject.label}' if subject else ""
            if subject is None:
                subject, why = self._subject(q.start, clause)
            if subject is None:
                self._leave(q, f'a count of "{counted}" with no subject in the sentence')
                return
            label = "number of " + counted
            start = owner.start() + clause.start if owner else q.start
            if group is not None:
                end = max(end, group.end)
        if isinstance(cm, CountFrame):
            start = min(start, cm.start)
        why += f" (count rule {construction(text, q.start, q.end, clause.start, clause.end)})"
        fact = Fact(
            area=subject.iri,
            indicator=indicator_label(label),
            value=q.value,
            unit="NUM",
            period=period,
            statistic="count",
            qualifier=q.qualifier,
        )
        self.state.last_level = self._emit(
            "count",
            fact,
            subject,
            f'count of "{label[10:]}"; subject: {why}; {period_why}'.strip("; "),
            start,
            end,
        )

    def _topic_group(self, counted: str, before: str, at: int) -> Mention | None:
        # "In 2021, foreign trade in the 217 development zones evaluated by the ministry ...",
        # "78 development zones are involved in the evaluation" in a text about a group of
        # zones: a count of zones of the group's kind, with no place of its own, is the
        # group's. Not the field of a ranking or of a share ("among the 219 ... zones",
        # "one of the 15 ...").
        topic = self.state.topics.at(at) if self.state.topics else None
        if topic is None or topic.kind != "group" or _FIELD_OF_RE.search(before[-30:]):
            return None
        family = _zone_family(counted)
        if family and family != _zone_family(topic.kind_label or topic.label):
            return None
        return topic

    def _number_of(self, q: Quantity, clause: _Clause, before: str) -> bool:
        # "Its number of national high-tech enterprises rose to 1,020"; "the employed
        # population reached 1.693 million", "auto production was 1.1 million": a bare number
        # whose phrase names a concept counted in numbers is that concept's figure
        found = self._indicator(clause, q, None)
        if found is None:
            return False
        counted = found[0].lower().startswith("number of ")
        if not counted and (
            # "the total number of ... zones had reached 178", "registered enterprises is
            # 830": the count frames read these, with what is counted
            re.search(r"\bnumbers?\b", found[0], re.I)
            or len(found[0].split()) < 2
            or "NUM" not in units_of(found[0])
        ):
            return False
        subject, why = self._subject(q.start, clause)
        if subject is None:
            self._leave(q, f'a count of "{found[0][10:]}" with no subject in the sentence')
            return True
        period, period_why = self._period_at(q.start, clause)
        qualifier = q.qualifier or ("more than" if _EXCEEDED_RE.search(before[-30:]) else None)
        fact = Fact(
            area=subject.iri,
            indicator=indicator_label(found[0]),
            value=q.value,
            unit="NUM",
            period=period,
            statistic="count" if counted else "level",
            qualifier=qualifier,
        )
        what = f'count of "{found[0][10:]}"' if counted else f'"{found[0]}", counted in numbers'
        self.state.last_level = self._emit(
            "number-of" if counted else "counted-level",
            fact,
            subject,
            f"{what}; subject: {why}; {period_why}",
            found[1],
            found[2],
        )
        return True

    def _partitive(self, q: Quantity, clause: _Clause) -> bool:
        # "90 multinational companies have launched factories here, 32 of which are among the
        # Fortune Global 500": a part of the things counted just before, of the same subject.
        m = _PARTITIVE_RE.match(self.text, q.end, clause.end)
        prev = self.state.last_fact
        if (
            m is None
            or prev is None
            or prev.fact.statistic != "count"
            or not prev.fact.indicator.startswith("number of ")
            or prev.fact.span is None
            or prev.fact.span.start < self.s.start
        ):
            return False
        subject = self._mention_for(prev)
        head = prev.fact.indicator.split()[-1]
        label = indicator_label(f"number of {' '.join(m.group('what').split())} {head}")
        period, period_why = self._period_at(q.start, clause)
        fact = Fact(
            area=prev.fact.area,
            indicator=label,
            value=q.value,
            unit="NUM",
            period=period,
            statistic="count",
            qualifier=q.qualifier,
        )
        self._emit(
            "partitive",
            fact,
            subject,
            f'"{m.group(0).strip()}": a part of the "{prev.fact.indicator[10:]}" counted '
            f"before it; {period_why}".strip("; "),
            q.start,
            m.end(),
        )
        return True

    def _consecutive(self, q: Quantity, clause: _Clause) -> bool:
        # "..., a position it has held for seven consecutive years": years at a rank.
        m = _CONSECUTIVE_RE.match(self.text, q.end, clause.end)
        rank = self.state.last_fact
        if (
            not m
            or rank is None
            or rank.fact.statistic != "rank"
            or not rank.fact.span
            or (rank.fact.span.start < self.s.start)
        ):
            return False
        subject = self._mention_for(rank)
        if subject is None:
            return False
        label = (
            "consecutive years ranked first"
            if rank.fact.value == "1"
            else (f"consecutive years at rank {rank.fact.value}")
        )
        fact = Fact(
            area=rank.fact.area,
            indicator=label,
            value=q.value,
            unit="YR",
            period=rank.fact.period,
            statistic="count",
        )
        self._emit(
            "consecutive",
            fact,
            subject,
            "consecutive years at the rank read just before",
            q.start,
            m.end(),
        )
        return True

    def _earlier_value(self, q: Quantity, clause: _Clause, before: str) -> bool:
        # "27 provincial ones, up from 24 in 2021": the same figure at an earlier period.
        prev = self.state.last_fact
        if not re.search(r"\b(?:up|down|rising|falling|increasing|decreasing)\s+from\s+$", before):
            return False
        after = re.match(r"\s+in\s+((?:19|20)\d\d)\b", self.text[q.end : clause.end])
        if prev is None or not after or not prev.fact.span or prev.fact.span.start < self.s.start:
            return False
        if (q.unit or "NUM") != prev.fact.unit:
            return False
        subject = self._mention_for(prev)
        if subject is None:
            return False
        fact = replace(
            prev.fact,
            value=q.value,
            period=after.group(1),
            qualifier=q.qualifier,
            span=None,
            announced_at=None,
        )
        self._emit(
            "earlier-value",
            fact,
            subject,
            f'"up from" gives the {after.group(1)} value of "{prev.fact.indicator}"',
            q.start - 10,
            q.end + after.end(),
        )
        return True

    def _ones(self, q: Quantity, before: str) -> tuple[Mention | None, str, str]:
        # "Sichuan's eight ones assessed": the last group named, in the possessor's region.
        poss = [
            m
            for m in self.mentions
            if m.end <= q.start
            and m.kind == "region"
            and re.fullmatch(r"(?:['’]s)?\s+", self.text[m.end : q.start])
        ]
        groups = [m for m in self.all_mentions if m.kind == "group" and m.end <= q.start]
        if not poss or not groups:
            return None, "", ""
        kind = groups[-1]
        for g in reversed(groups):
            if (
                g.region == poss[0].iri
                and g.kind_label == kind.kind_label
                and g.level == kind.level
            ):
                return (
                    g,
                    "number of " + _kind_phrase(kind),
                    (f'"ones" refers to "{kind.surface}"; "{poss[0].surface}" names the group'),
                )
        return None, "", ""

    def _in_region(self, at: int, clause: _Clause) -> Mention | None:
        for g in self.mentions:
            if g.kind == "group" and g.start < at <= g.end and g.region:
                return self._region_mention(g.region, g)
        m = re.compile(r"[^,;]*?\bin\s+").match(self.text, at, clause.end)
        if not m:
            return None
        for x in self.mentions:
            if m.end() - 4 <= x.start <= m.end() + 5 and x.kind in ("region", "zone"):
                return x
        return None

    def _region_mention(self, iri: str, near: Mention) -> Mention | None:
        for m in self.all_mentions:
            if m.iri == iri and not m.anaphor:
                return m
        from loaders.text.entities import _ref_label

        label = _ref_label(iri)
        return Mention(near.start, near.end, iri, "region", "Province", label, label)

    # -- indicators --------------------------------------------------------------------
    def _indicator(self, clause: _Clause, q: Quantity, subject: Mention):
        text = self.text
        pre_start = clause.start
        prev = self.state.last_fact
        if prev and prev.fact.span and clause.start <= prev.fact.span.end <= q.start:
            pre_start = prev.fact.span.end
        pre = text[pre_start : q.start]
        if q.unit in _LAND_UNITS and (cover := _COVERS_RE.search(pre)):
            return "area", pre_start + cover.start(), q.end, '"covers" an area'
        np = self._np_from(pre, pre_start, subject)
        if np and pre_start > clause.start and _PARTICIPLE_BY_RE.match(np[0]):
            # "foreign trade in the 217 development zones evaluated by the ministry totaled":
            # the count before is inside the phrase, which starts before it
            np = self._np_from(text[clause.start : q.start], clause.start, subject)
        if np:
            return np[0], np[1], q.end, "the phrase before the figure"
        if (
            prev
            and prev.fact.span
            and prev.fact.span.start >= clause.start
            and re.fullmatch(
                rf"\s*(?:year[- ]on[- ]year\s+)?(?:(?:{_UP}|{_DOWN})\s+)?(?:to|{_CONNECTORS})\s+",
                re.split(r"[,;]", pre)[-1],
                re.I,
            )
        ):
            label = prev.fact.indicator
            return label, pre_start, q.end, f'the figure before it is also "{label}"'

        after = q.end
        if bracket := _BRACKET_AFTER_RE.match(text, q.end, clause.end):
            after = bracket.end()  # "599 million U.S. dollars (about 3.82 billion yuan) of ..."
        m = _INDICATOR_AFTER_RE.match(text, after, clause.end)
        if m and not _NP_STOP.fullmatch(m.group("np").strip()):
            return " ".join(m.group("np").split()), q.start, m.end(), "the phrase after the figure"
        return None

    def _np_from(self, pre: str, offset: int, subject: Mention) -> tuple[str, int] | None:
        pre_clean = re.sub(r",\s*(?:each|which|who|whose|including)\b[^,]*,\s*", " ", pre)
        # The connector ends the text before the figure; the phrase before it is what is
        # measured (searching only the tail keeps this linear).
        at = _indicator_before(pre_clean, max(0, len(pre_clean) - 60))
        if at is None:
            return None
        np = re.split(r"[,;:]", pre_clean[:at])[-1]
        np = re.sub(r"\s+(?:has|have|had)(?:\s+been)?\s*$", " ", np)  # "... has reached"
        if self.planned:
            np = _PLAN_VERB_TAIL_RE.sub(" ", np)  # "... is forecast to reach"
        return self._clean_np(np, pre, offset, subject)

    def _clean_np(self, np: str, pre: str, offset: int, subject: Mention) -> tuple[str, int] | None:
        # "foreign trade volume with Germany": the partner ends the phrase and belongs to it
        # (and "with" must not cut the phrase there).
        partner = _PARTNER_TAIL_RE.search(np)
        partner_tail = ""
        if partner and any(
            m.kind == "region" and m.surface == partner.group(1) for m in self.mentions
        ):
            np, partner_tail = np[: partner.start()], " ".join(partner.group(0).split())
        np = _ADVERBIAL_RE.sub("", np)
        np = _NP_CUT_RE.sub("", np)
        np = _GLOSS_RE.sub("", np)  # "Regional GDP (gross domestic product)"
        # Drop the subject itself: "Jiangsu's GDP", "the GDP of Chengdu High-Tech Zone".
        for m in self.mentions:
            surface = m.surface
            if surface and surface in np:
                head, _, tail = np.partition(surface)
                if m.kind == "region" and re.search(r"\b(?:with|to|from)\s+$", head):
                    continue  # "trade volume with Germany": the partner is part of it
                if re.search(r"\bof\s+(?:the\s+)?$", head):
                    np = re.sub(r"\s*\bof\s+(?:the\s+)?$", "", head) + tail
                elif not tail.strip() and _IN_NP_RE.search(head):
                    # "... in the zone", "investment in the Hefei ETDZ", "imports through
                    # the zone"
                    np = _IN_NP_RE.sub("", head)
                else:
                    np = tail
        np = re.split(r"[,;]", np)[-1]
        # "the number of registered enterprises is 2015 and the total registered capital is
        # ...": the clause before "and" has its own verb and figure; the phrase is after it
        np = _CLAUSE_AND_RE.split(np)[-1]
        np = _ZONES_TAIL_RE.sub("", np)  # "... in the 217 development zones evaluated by ..."
        np = re.sub(r"^\s*['’]s?\s+", "", np)
        # "The zones' exports": the possessor is the subject, not part of what is measured.
        np = re.sub(
            r"^(?:the\s+)?(?:zones?|parks?|areas?|province|city|country)['’]s?\s+",
            "",
            np,
            flags=re.I,
        )
        np = re.sub(r"^[\s,)]*(?:and\s+)?", "", np)  # ") and the ..." after a bracket
        np = _LEAD_RE.sub("", np.strip())
        np = " ".join((np + " " + partner_tail).split()) if np.strip() else ""
        words = np.split()
        if not words or len(words) > 12 or not np[0].isalpha():
            return None
        if words[0].lower() in ("it", "which", "that", "this", "they", "there", "he", "she", "i"):
            return None
        if _NO_NP_RE.fullmatch(np):
            return None  # "the zone also registered 93 billion yuan in ...": no phrase before
        if re.search(r"\b(?:was|were|is|are|has|have|had|will|would)\b", np):
            return None
        idx = pre.rfind(words[0])
        return np, offset + max(idx, 0)

    def _np_before(
        self, start: int, at: int, subject: Mention, rank=False, share=False
    ) -> str | None:
        pre = self.text[start:at]
        if rank:
            pre = re.sub(r"\s*\b(?:is|was|are|were|has\s+been|have\s+been)\s*$", "", pre)
            pre = re.sub(r"\s*\b(?:is|was|are|were)\s+(?:\w+ly\s+)?$", "", pre)
        found = self._clean_np(pre, pre, start, subject)
        if not found:
            return None
        np = found[0]
        if normalise(np) in (normalise(subject.surface), normalise(subject.label)):
            return None
        return np

    def _change_np(self, start: int, at: int, subject: Mention) -> str | None:
        pre = self.text[start:at]
        m = _CHANGE_NP_RE.search(pre, max(0, len(pre) - 200))
        if not m:
            return None
        found = self._clean_np(m.group("np"), pre, start, subject)
        return found[0] if found else None


def _cut_scope(scope: str | None, at: int, end: int) -> tuple[str | None, int]:
    # "in central and west China and third in China": the scope stops before "and third".
    if not scope:
        return None, end
    cut = _SCOPE_CUT_RE.search(scope)
    if cut:
        scope = scope[: cut.start()]
    return scope, at + len(scope)


def _sub_year(year: str, which: str | None, kind: str | None) -> str:
    """ "first half of 2023" -> "2023-H1" when kg.iris has IRIs for halves and quarters."""
    n = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
    }.get((which or "").lower())
    if not n or not kind:
        return ""
    period = f"{year}-{'H' if kind.lower() == 'half' else 'Q'}{n}"
    try:
        iris.period_iri(period)
    except ValueError:
        return ""
    return period


_PARTICIPLE_BY_RE = re.compile(r"^\w+ed\s+by\b")
# "in/of the 217 development zones (evaluated by the ministry)" closing what is measured:
# the zones whose figure it is, not part of the indicator
_ZONES_TAIL_RE = re.compile(
    r"\s+(?:in|of|across)\s+(?:the\s+|these\s+)?(?:\d[\d,]*\s+)?(?:[\w-]+\s+){0,5}?"
    r"(?:zones|areas|parks)(?:\s+\w+ed\s+by\s+(?:the\s+)?[\w\s]{1,40})?\s*$"
)
_PRESENT_RE = re.compile(
    r"\b(?:is|are|has|have|covers|hosts|boasts|owns|now|currently|at\s+present)\b", re.I
)
_PAST_RE = re.compile(r"\b(?:was|were|had|ha[sv]e?\s+been|by\s+the\s+end\s+of|since)\b", re.I)
_PARTITIVE_RE = re.compile(
    r"\s+of\s+(?:which|whom|them)\s+(?:are|were|is|was)\s+(?:among\s+)?(?:the\s+)?"
    r"(?P<what>[A-Z][\w-]*(?:\s+[A-Z\d][\w-]*){0,3})\b"
)
_ZONES_PHRASE_RE = re.compile(
    r"\b(?:the|these|those)\s+(?:\d[\d,]*\s+)?(?:[\w-]+\s+){0,5}?(?:zones|areas|parks)\b"
)
_FIELD_OF_RE = re.compile(
    r"\b(?:among|of|than|from|to|with|between|top|first|last|other)\s+(?:the\s+)?$", re.I
)
_FAMILIES = (
    ("free-trade", re.compile(r"free\s+trade|\bFTZs?\b", re.I)),
    ("high-tech", re.compile(r"hi(?:gh)?-?tech", re.I)),
    ("bonded", re.compile(r"bonded", re.I)),
    ("economic", re.compile(r"economic|ETDZ", re.I)),
)


def _zone_family(phrase: str) -> str:
    """The kind of zone a phrase names ("" when it names none: "development zones")."""
    return next((name for name, rx in _FAMILIES if rx.search(phrase)), "")


def _latest_year(doc: Document) -> str:
    """The latest year the body names as a period ("in 2013", "by the end of 2019"): the
    present of a text with no date."""
    years = [
        m.group("year")
        for m in _PERIOD_RE.finditer(doc.text, 0, doc.body_end)
        if m.group("year")
        and (m.group("in") or "").lower() != "by"  # "by 2025": a target, not the present
        and not _NOT_PERIOD_BEFORE.search(doc.text, max(0, m.start() - 70), m.start())
    ]
    return max(years, default="")


def _kind_phrase(group: Mention) -> str:
    level = f"{group.level} " if group.level else ""
    return f"{level}{group.kind_label}"


def _number(word: str) -> int | None:
    from loaders.text.quantities import WORD_NUMBERS

    if word.isdigit():
        return int(word)
    return WORD_NUMBERS.get(word.lower()) or None


def _fmt(value: Decimal) -> str:
    from loaders.text.quantities import format_decimal

    return format_decimal(value)


def _unit_name(q: Quantity) -> str:
    return _UNIT_NAME.get(q.unit or "", "number")


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;(":
        start += 1
    while end > start and text[end - 1] in " ,;(":
        end -= 1
    return start, end
