"""Reads a news document: plain text (from .txt or stripped HTML), metadata, footer, sentences.

Offsets everywhere in the text loader are Python ``str`` offsets into ``Document.text``:
for a .txt file that is the file's text itself; for HTML it is the plain text this
module extracts (``Document.original_offset`` maps an offset back into the markup).

>>> doc = parse_text("News\\nZones grow\\n\\nIn 2021, exports rose. They fell.\\n"
...                  "Hosted by: Office of X\\n")
>>> doc.section, doc.title, doc.publisher
('News', 'Zones grow', 'Office of X')
>>> [doc.text[s.start:s.end] for s in doc.sentences]
['In 2021, exports rose.', 'They fell.']
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from kg.errors import InputError

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
DATE_RE = re.compile(
    rf"\b(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})\b"
    rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_RE})\s+(?P<y2>\d{{4}})\b"
    r"|\b(?P<y3>\d{4})[-/.](?P<m3>\d{1,2})[-/.](?P<d3>\d{1,2})\b"
)
# "by the end of August 2023", "as of June 2022": the month a text reports its figures up
# to, so the text was written in it or later ("In the first eight months of this year").
_DATA_MONTH_RE = re.compile(
    rf"\b(?:by|as\s+of|until|up\s+to)\s+(?:the\s+end\s+of\s+)?(?P<m>{_MONTH_RE})\s*,?\s+"
    r"(?P<y>(?:19|20)\d\d)\b",
    re.I,
)
# Footer lines of Chinese government sites: metadata about the site, never facts.
_FOOTER_RE = re.compile(
    r"^\s*(?:Hosted by|Sponsored by|Organi[sz]ed by|Undertaken by|Maintained by|Website "
    r"(?:Operation|Identification|Maintenance)|Copyright|All rights reserved|Address\s*:"
    r"|Tel\s*:|E-?mail\s*:|Postcode|Contact us|.{0,40}\bICP\b|.{0,60}Record No\.)",
    re.IGNORECASE,
)
_PUBLISHER_RE = re.compile(r"^\s*(?:Hosted|Sponsored) by\s*[:：]\s*(.+?)\s*$", re.I)
_OPERATOR_RE = re.compile(
    r"^\s*(?:Website Operation and Maintenance|Maintained by|Undertaken by|Operated by)"
    r"\s*[:：]\s*(.+?)\s*$",
    re.I,
)
_REGISTRATION_RE = re.compile(
    r"(?:Identification Code\s*[:：]\s*\d+|[A-Z][a-z]+ ICP (?:No\.|备)\s*\d+(?:-\d+)?"
    r"|Record No\.\s*\d+)"
)
_ISSUED_RE = re.compile(
    r"^\s*(?:Date|Published|Publish(?:ed)? time|Release(?:d)?(?: time| date)?|Updated|Issued"
    r"|Time|Source)\s*[:：]\s*(.+)$",
    re.I,
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b[A-Z]|\bNo|\bNos|\bCo|\bLtd|\bInc|\bCorp|\bSt|\bMr|\bMrs|\bMs|\bDr|\bProf|\bvs|\be\.g"
    r"|\bi\.e|\betc|\bJan|\bFeb|\bMar|\bApr|\bJun|\bJul|\bAug|\bSept?|\bOct|\bNov|\bDec|\bapprox)\.$"
)
# "[.!?;]?[.!?]" (a stop, after another stop or a semicolon), written to open with a set of
# characters: the regex engine then skips to the stops instead of trying every position.
_SENTENCE_END = re.compile(r"[.!?;](?:(?<=;)[.!?]|(?<!;)[.!?]?)(?:[”\"’)]*)(?=\s+|$)")


@dataclass(frozen=True)
class Sentence:
    """A sentence by offsets into ``Document.text``, with its paragraph number."""

    start: int
    end: int
    paragraph: int


@dataclass
class Document:
    """The plain text of a document and what was read around its body."""

    text: str
    body_end: int
    title: str | None = None
    title_span: tuple[int, int] | None = None
    section: str | None = None
    publisher: str | None = None
    operator: str | None = None
    registrations: list[str] = field(default_factory=list)
    issued: str | None = None
    reference_date: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    offset_map: list[int] | None = None
    url: str | None = None  # where the original is published (from the sidecar only)
    language: str | None = None  # ISO 639-1 code, "en" or "zh" (from the sidecar only)

    def original_offset(self, offset: int) -> int:
        """Offset in the file's own text (the HTML markup) of an offset into ``text``."""
        if self.offset_map is None:
            return offset
        if offset >= len(self.offset_map):
            return self.offset_map[-1] + 1 if self.offset_map else 0
        return self.offset_map[offset]


def read(path: Path) -> Document:
    """Read a .txt or .html/.htm file as a Document; raises InputError when unusable."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read the file: {e}", path=str(path)) from e
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"not UTF-8 text (byte {e.start}); re-save the file as UTF-8", path=str(path)
        ) from e
    if not source.strip():
        raise InputError("the file is empty; nothing to load", path=str(path))
    if path.suffix.lower() in (".html", ".htm"):
        text, offsets, title = html_to_text(source)
        doc = parse_text(text)
        doc.offset_map = offsets
        if title and not doc.title:
            doc.title = title
    else:
        doc = parse_text(source)
    _apply_sidecar(doc, read_sidecar(path))
    return doc


# A document's curated metadata lives next to it in NAME.meta.yaml (docs/text-loader.md):
# a sidecar keeps the text byte-identical to the original, so offsets stay those of the file.
SIDECAR_SUFFIX = ".meta.yaml"
SIDECAR_KEYS = ("title", "url", "language", "publisher", "issued")
LANGUAGES = ("en", "zh")


def sidecar_path(path: Path) -> Path:
    """Where the metadata of a document is kept: the file name plus ``.meta.yaml``.

    >>> sidecar_path(Path("data/documents/a.txt")).name
    'a.txt.meta.yaml'
    """
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict[str, str]:
    """The checked metadata of the sidecar of ``path`` ({} when there is none)."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise InputError(f"cannot read the metadata file: {e}", path=str(side)) from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("the metadata file must hold 'key: value' lines", path=str(side))
    unknown = sorted(str(k) for k in data if k not in SIDECAR_KEYS)
    if unknown:
        raise InputError(
            f"unknown key(s) {', '.join(unknown)}; use {', '.join(SIDECAR_KEYS)}", path=str(side)
        )
    meta = {}
    for key, value in data.items():
        if isinstance(value, datetime.date):  # YAML reads 2022-03-29 as a date
            value = value.isoformat()
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{key} must be non-empty text", path=str(side))
        meta[key] = value.strip()
    problem = _sidecar_problem(meta)
    if problem:
        raise InputError(problem, path=str(side))
    return meta


def _sidecar_problem(meta: dict[str, str]) -> str | None:
    if "url" in meta and not re.fullmatch(r"https?://\S+", meta["url"]):
        return f"url must be an http(s) address, not {meta['url']!r}"
    if "language" in meta and meta["language"] not in LANGUAGES:
        return (
            f"language must be one of {', '.join(LANGUAGES)} (ISO 639-1), not {meta['language']!r}"
        )
    if "issued" in meta:
        try:
            datetime.date.fromisoformat(meta["issued"])
        except ValueError:
            return f"issued must be a date YYYY-MM-DD, not {meta['issued']!r}"
    return None


def _apply_sidecar(doc: Document, meta: dict[str, str]) -> None:
    # Curated metadata wins over what the header and footer suggest.
    doc.title = meta.get("title", doc.title)
    doc.publisher = meta.get("publisher", doc.publisher)
    doc.url = meta.get("url")
    doc.language = meta.get("language")
    if "issued" in meta:
        doc.issued = doc.reference_date = meta["issued"]


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "title",
    "hr",
    "dd",
    "dt",
}
_TAG_RE = re.compile(
    r"<!--.*?-->|<(script|style|noscript)\b.*?</\1\s*>|<!?/?([a-zA-Z][\w:-]*)?[^>]*>|&#?\w+;",
    re.S | re.I,
)
_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.S | re.I)


def html_to_text(markup: str) -> tuple[str, list[int], str | None]:
    """Plain text of an HTML page, the original offset of each of its characters, and the title.

    >>> text, offsets, title = html_to_text("<p>Up <b>5%</b> &amp; more</p>")
    >>> text.strip(), offsets[text.index("5")], title
    ('Up 5% & more', 9, None)
    """
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    in_head_title = False
    for m in _TAG_RE.finditer(markup):
        if not in_head_title:
            _append(out, offsets, markup[pos : m.start()], pos)
        token = m.group(0)
        if token.startswith("&"):
            if not in_head_title:
                _append_entity(out, offsets, token, m.start())
        else:
            name = (m.group(2) or m.group(1) or "").lower()
            if name == "title":
                # The <title> goes to metadata; the body keeps its own headline.
                in_head_title = not token.startswith("</")
            elif name in _BLOCK_TAGS:
                out.append("\n")
                offsets.append(m.start())
        pos = m.end()
    _append(out, offsets, markup[pos:], pos)
    title_match = _TITLE_RE.search(markup)
    title = (
        " ".join(html.unescape(_TAG_RE.sub(" ", title_match.group(1))).split())
        if title_match
        else None
    )
    return "".join(out), offsets, title or None


def _append(out: list[str], offsets: list[int], chunk: str, at: int) -> None:
    out.append(chunk)
    offsets.extend(range(at, at + len(chunk)))


def _append_entity(out: list[str], offsets: list[int], token: str, at: int) -> None:
    decoded = html.unescape(token)
    out.append(decoded)
    offsets.extend([at] * len(decoded))


def parse_text(text: str) -> Document:
    """Split plain text into header (section, title), body sentences and footer metadata."""
    lines = list(_lines(text))
    body_end = len(text)
    doc = Document(text=text, body_end=body_end)
    for start, end in lines:
        line = text[start:end]
        if _FOOTER_RE.match(line):
            doc.body_end = min(doc.body_end, start)
            if m := _PUBLISHER_RE.match(line):
                doc.publisher = doc.publisher or m.group(1)
            if m := _OPERATOR_RE.match(line):
                doc.operator = doc.operator or m.group(1)
            doc.registrations += [r.group(0) for r in _REGISTRATION_RE.finditer(line)]
            if m := _ISSUED_RE.match(line):
                doc.issued = doc.issued or _first_date(m.group(1))
        elif m := _ISSUED_RE.match(line):
            doc.issued = doc.issued or _first_date(m.group(1))
    _read_header(doc, [ln for ln in lines if ln[0] < doc.body_end])
    body_start = doc.title_span[1] if doc.title_span else 0
    doc.sentences = split_sentences(text, body_start, doc.body_end)
    dates = sorted(d for _, _, d in find_dates(text[: doc.body_end]))
    dates += [
        f"{m.group('y')}-{_month(m.group('m')):02d}"
        for m in _DATA_MONTH_RE.finditer(text, 0, doc.body_end)
        if _month(m.group("m"))
    ]
    # the latest full date of the body, or a later month the figures are stated up to
    doc.reference_date = doc.issued or (max(dates) if dates else None)
    return doc


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if stripped.strip():
            lead = len(stripped) - len(stripped.lstrip())
            yield pos + lead, pos + len(stripped.rstrip())
        pos += len(line)


def _read_header(doc: Document, lines: list[tuple[int, int]]) -> None:
    # A headline is a short first line without a closing full stop; a shorter line
    # before it is the site's section label ("Open Governance").
    heads = []
    for start, end in lines[:2]:
        line = doc.text[start:end]
        if len(line) > 250 or line.endswith((".", "。")) or _ISSUED_RE.match(line):
            break
        heads.append((start, end))
    if len(heads) == 2 and len(doc.text[heads[0][0] : heads[0][1]].split()) <= 4:
        doc.section = doc.text[heads[0][0] : heads[0][1]]
        heads = heads[1:]
    if heads:
        doc.title_span = heads[0]
        doc.title = doc.text[heads[0][0] : heads[0][1]]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]``: line breaks end paragraphs, full stops end sentences.

    >>> t = "It was 599 million U. S. dollars. Then No. 2 came.\\nNext."
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['It was 599 million U. S. dollars.', 'Then No. 2 came.', 'Next.']
    """
    end = len(text) if end is None else end
    out: list[Sentence] = []
    paragraph = 0
    for line_start, line_end in _lines(text[:end]):
        if line_end <= start:
            continue
        line_start = max(line_start, start)
        if _ISSUED_RE.match(text[line_start:line_end]):
            continue  # a dateline is metadata: "Source: Xinhua | 2023-07-28 10:15:42"
        paragraph += 1
        cursor = line_start
        for m in _SENTENCE_END.finditer(text, line_start, line_end):
            before = text[cursor : m.start() + 1]
            if _continues(text, m.end()) or (
                # an abbreviation is at most 7 characters with its stop: only the end of
                # the sentence so far is searched (\b still sees the character before)
                _ABBREVIATIONS.search(before, max(0, len(before) - 8))
                and not _next_starts_sentence(text, m.end())
            ):
                continue
            _add_sentence(out, text, cursor, m.end(), paragraph)
            cursor = m.end()
        _add_sentence(out, text, cursor, line_end, paragraph)
    return out


def _continues(text: str, pos: int) -> bool:
    # A stop followed by ")" or a lower-case word is machine-translation noise inside a
    # name or clause ("China-Japan (Chengdu). ) Regional ..."), not the end of a sentence.
    rest = text[pos : pos + 3].lstrip(" ")
    return bool(rest) and (rest[0] == ")" or rest[0].islower())


def _next_starts_sentence(text: str, pos: int) -> bool:
    # "U. S. dollars": a lower-case word after the stop means the sentence goes on;
    # after "Co." or "No." a digit or lower-case word also goes on.
    rest = text[pos : pos + 30].lstrip()
    if not rest or rest[0].islower() or rest[0].isdigit():
        return False
    first = rest.split(" ", 1)[0]
    # A single capital with a stop ("S.") continues an abbreviation such as "U. S.".
    return not re.fullmatch(r"[A-Z]\.", first)


_DATELINE_RE = re.compile(
    r"[A-Z][A-Z .'-]{1,40},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+)?\([A-Za-z .]{2,30}\)"
    r"\s*(?:--|—|–|-)\s*"
)


def _add_sentence(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    dateline = _DATELINE_RE.match(text, start, end)
    if dateline:
        start = dateline.end()  # "BEIJING, Feb. 16 (Xinhua) -- ": where and when, not a fact
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    start, end = start + lead, end - trail
    # Noise such as ". .. .." carries no words: drop it rather than make a sentence of it.
    if end > start and re.search(r"[A-Za-z0-9]", text[start:end]):
        out.append(Sentence(start, end, paragraph))


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Full calendar dates in the text as (start, end, ISO date).

    >>> find_dates("held on March 29, 2022 and 2023-07-01")
    [(8, 22, '2022-03-29'), (27, 37, '2023-07-01')]
    """
    return list(_dates(text))


@lru_cache(maxsize=8)  # the document's body is read for dates by several stages
def _dates(text: str) -> tuple[tuple[int, int, str], ...]:
    out = []
    for m in DATE_RE.finditer(text):
        if m.group("y1"):
            y, mo, d = m.group("y1"), _month(m.group("m1")), m.group("d1")
        elif m.group("y2"):
            y, mo, d = m.group("y2"), _month(m.group("m2")), m.group("d2")
        else:
            y, mo, d = m.group("y3"), int(m.group("m3")), m.group("d3")
        if 1 <= mo <= 12 and 1 <= int(d) <= 31:
            out.append((m.start(), m.end(), f"{y}-{mo:02d}-{int(d):02d}"))
    return tuple(out)


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    for full, number in MONTHS.items():
        if full.startswith(key[:3]):
            return number
    return 0


def _first_date(text: str) -> str | None:
    found = find_dates(text)
    return found[0][2] if found else None
