"""``/source/<id>``: a loaded document with every extracted fact highlighted at its offsets.

This is how a person checks a loader: each highlight is a text span
(``oa:start``/``oa:end``) of the source's graph; hovering or focusing it shows
the observations and entities read from it, with links to their pages. The
text comes from the file the catalogue names (``dz:fileName``), looked up in
the document folders the app was given; a quote that does not match the text
at its offsets is listed instead of highlighted, so a wrong offset is visible.

>>> spans = [Span("a", 0, 5, "Zones"), Span("b", 6, 10, "grow")]
>>> [(s.text, [x.key for x in s.spans]) for s in segments("Zones grow fast", spans)]
[('Zones', ['a']), (' ', []), ('grow', ['b']), (' fast', [])]
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from kg import iris
from server.pages import terms
from server.pages.context import context_of, store_of
from server.pages.describe import Observation, labels, observations_where, safe_iri
from server.pages.reference_data import reference_data
from server.pages.rendering import page
from server.pages.resource import not_found

router = APIRouter(tags=["Linked-data pages"])
P = iris.PREFIXES
# Only plain text keeps the loader's offsets; for HTML they point into extracted text.
_TEXT_SUFFIXES = (".txt",)


@dataclass
class Fact:
    """Something read from a span: an observation or an entity."""

    text: str
    href: str
    kind: str


@dataclass
class Span:
    """A quoted span of the document and the facts read from it."""

    key: str
    start: int
    end: int
    exact: str
    facts: list[Fact] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"span-{self.start}-{self.end}"


@dataclass
class Segment:
    """A stretch of text covered by the same spans (none: plain text)."""

    text: str
    spans: list[Span]
    anchors: list[str] = field(default_factory=list)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut ``text`` where any span starts or ends; each piece knows the spans covering it."""
    bounds = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out = []
    for a, b in itertools.pairwise(bounds):
        covering = [s for s in spans if s.start <= a and b <= s.end]
        starting = [s.anchor for s in spans if s.start == a]
        out.append(Segment(text[a:b], covering, starting))
    return out


def _metadata(store, doc: str) -> dict[str, str]:
    rows = store.select(
        f"""SELECT ?p ?o WHERE {{
          {{ <{doc}> ?p ?o }} UNION {{
            GRAPH <{iris.CATALOG_GRAPH}> {{
              <{doc}> <{iris.DZ}latestLoad> ?record . ?record ?p ?o }} }}
        }}"""
    )
    meta: dict[str, str] = {}
    for row in rows:
        meta.setdefault(str(row["p"]), str(row["o"]))
    return meta


def _spans(store, doc: str) -> list[Span]:
    oa, prov = P["oa"], P["prov"]
    rows = store.select(
        f"""SELECT ?span ?start ?end ?exact ?thing WHERE {{
          ?span <{oa}hasSource> <{doc}> ; <{oa}hasSelector>/<{oa}start> ?start ;
                <{oa}hasSelector>/<{oa}end> ?end ; <{oa}hasSelector>/<{oa}exact> ?exact .
          OPTIONAL {{ ?mention <{oa}hasTarget> ?span ; <{oa}hasBody> ?thing }}
        }}"""
    )
    derived = f"?obs <{prov}wasDerivedFrom>/<{oa}hasSource> <{doc}> ."
    observations = observations_where(store, derived)
    names = labels(store, {str(r["thing"]) for r in rows if "thing" in r})
    spans: dict[str, Span] = {}
    for row in rows:
        key = str(row["span"])
        span = spans.get(key)
        if span is None:
            span = spans[key] = Span(key, int(row["start"]), int(row["end"]), str(row["exact"]))
        if "thing" in row:
            thing = str(row["thing"])
            text = names.get(thing, ("", ""))[0] or terms.curie(thing)
            span.facts.append(Fact(text, terms.href(thing), "entity"))
    by_anchor = {s.anchor: s for s in spans.values()}
    for o in observations:
        span = by_anchor.get(o.quote_href.rsplit("#", 1)[-1])
        if span is not None:
            span.facts.insert(0, Fact(_summary(o), terms.href(o.iri), "observation"))
    return sorted(spans.values(), key=lambda s: (s.start, -s.end))


def _summary(o: Observation) -> str:
    what = o.statistic.replace("-", " ") if o.statistic and o.statistic != "level" else ""
    return f"{o.indicator_label}{' (' + what + ')' if what else ''}, {o.period}: {o.value_text}"


def _find_text(folders: list[Path], file_name: str) -> tuple[str, bytes] | None:
    if not file_name or "/" in file_name or "\\" in file_name:
        return None
    for folder in folders:
        candidates = (
            [folder / file_name, *sorted(folder.rglob(file_name))] if folder.is_dir() else []
        )
        for path in candidates:
            if path.is_file():
                raw = path.read_bytes()
                return raw.decode("utf-8-sig", errors="replace"), raw
    return None


@router.get("/source/{source_id}", response_model=None)
@router.head("/source/{source_id}", response_model=None, include_in_schema=False)
def source_page(request: Request, source_id: str) -> Response:
    """The document ``source_id`` with its facts highlighted."""
    store = store_of(request)
    doc = iris.source_doc_iri(source_id)
    if source_id != iris.slugify(source_id) or not safe_iri(doc):
        return not_found(request, doc)
    meta = _metadata(store, doc)
    if not meta:
        return not_found(request, doc)
    title = meta.get(P["dcterms"] + "title") or meta.get(P["rdfs"] + "label") or source_id
    if meta.get(iris.DZ + "loader") == "reference":
        # The source every store starts with: no text, but much to say about what it holds.
        return page(
            "reference.html",
            doc=doc,
            title=title,
            loaded=meta.get(iris.DZ + "loadedAt", ""),
            data=reference_data(store),
        )
    spans = _spans(store, doc)
    file_name = meta.get(iris.DZ + "fileName", "")
    found = _find_text(context_of(request).documents, file_name)
    text, note = None, ""
    if found is None:
        note = (
            f"The text of {file_name or 'this source'} is not in the document folders of this "
            "server, so only the quotes are listed."
        )
    elif not file_name.lower().endswith(_TEXT_SUFFIXES):
        note = "Offsets of this kind of document point into extracted text; the quotes are listed."
    else:
        text, raw = found
        recorded = meta.get(iris.DZ + "contentHash")
        if recorded and recorded != hashlib.sha256(raw).hexdigest():
            note = "The file has changed since it was loaded; load it again to refresh the facts."
    matched = [s for s in spans if text is not None and text[s.start : s.end] == s.exact]
    mismatched = [s for s in spans if text is not None and s not in matched]
    return page(
        "source.html",
        doc=doc,
        source_id=source_id,
        title=title,
        meta=meta,
        dz=iris.DZ,
        text=text,
        segments=segments(text, matched) if text is not None else [],
        spans=spans,
        mismatched=mismatched,
        note=note,
    )
