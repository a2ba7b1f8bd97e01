"""The validation form: paste or upload Turtle, JSON-LD or CSV and read the SHACL report as a table.

The form lives at ``/validate/form`` (GET shows it, POST answers with the
report page) because ``/validate`` itself is the machine API (POST RDF, get a
report by ``Accept``). Nothing is stored. The data goes through the same
loaders and the same validation as ``zonegraph validate``, in the same bounded
validation workers as ``/validate`` (server/validation_job.py's FileJob): the
worker answers the report as data, this page renders it; a pool that is busy
or a submission past its limits is a page with the pool's message (503).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi import APIRouter
from rdflib import URIRef
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kg import reference
from kg.validation import ValidationReport
from server.bodies import read_form
from server.pages import terms, vocabulary
from server.pages.context import store_of
from server.pages.describe import exists
from server.pages.rendering import page
from server.state import state_of
from server.validation_job import FileJob

router = APIRouter(tags=["Pages"])
SH = vocabulary.SH
_SHAPES = "https://w3id.org/zonegraph/shapes#"
MAX_BYTES = 10_000_000
_FORM_OVERHEAD = 1 << 16  # multipart boundaries and part headers around the data
# Form choice -> (label, file extension the loaders know it by).
FORMATS = {
    "auto": ("detect from the file name or the text", ""),
    "turtle": ("Turtle", ".ttl"),
    "jsonld": ("JSON-LD", ".jsonld"),
    "csv": ("CSV (the zonegraph template)", ".csv"),
    "ntriples": ("N-Triples", ".nt"),
    "trig": ("TriG", ".trig"),
    "rdfxml": ("RDF/XML", ".rdf"),
}


def guess_suffix(text: str, file_name: str = "") -> str:
    """The file extension to read a submission with, from its name or else its first bytes.

    >>> guess_suffix('{"@id": "x"}'), guess_suffix("@prefix dz: <x> .")
    ('.jsonld', '.ttl')
    >>> guess_suffix("area,indicator,value\\n1,2,3"), guess_suffix("", "figures.csv")
    ('.csv', '.csv')
    """
    suffix = Path(file_name).suffix.lower()
    if suffix:
        return suffix
    head = text.lstrip()[:2000]
    if head.startswith(("{", "[")):
        return ".jsonld"
    if head.startswith("<?xml") or head.startswith("<rdf:RDF"):
        return ".rdf"
    first = head.splitlines()[0] if head else ""
    if "," in first and not first.startswith(("@", "<", "PREFIX", "prefix", "#")):
        return ".csv"
    return ".ttl"


def shown_name(file_name: str, suffix: str) -> str:
    r"""The name a submission goes by in messages: the user's file name, or "pasted data".

    Only the last part of the name the browser sent is kept (never a folder of theirs).

    >>> shown_name("C:\\Users\\me\\figures.csv", ".csv"), shown_name("", ".ttl")
    ('figures.csv', 'pasted data.ttl')
    """
    base = re.split(r"[\\/]", file_name)[-1].strip()
    base = re.sub(r"[^\w.\- ]+", "_", base)[:120].strip(". ")
    if not base:
        return f"pasted data{suffix}"
    return base if Path(base).suffix.lower() == suffix else f"{base}{suffix}"


@router.get("/validate/form", response_model=None)
def form(request: Request) -> Response:
    """The empty form."""
    return page("validate.html", formats=FORMATS, chosen="auto", text="")


@router.post("/validate/form", response_model=None)
async def submit(request: Request) -> Response:
    """Validate what the form sent and show the report."""
    try:  # the whole body is bounded while it is read, file parts included
        submitted = await read_form(request, MAX_BYTES + _FORM_OVERHEAD)
    except HTTPException:
        too_large = f"Keep it under {MAX_BYTES:,} bytes."
        context = {"formats": FORMATS, "chosen": "auto", "text": "", "file_name": ""}
        return page("validate.html", 413, error=too_large, **context)
    chosen = str(submitted.get("format") or "auto")
    text = str(submitted.get("data") or "")
    upload = submitted.get("file")
    file_name = ""
    data = text.encode("utf-8")
    if isinstance(upload, UploadFile) and upload.filename:
        data, file_name = await upload.read(MAX_BYTES + 1), upload.filename
    context = {"formats": FORMATS, "chosen": chosen, "text": text, "file_name": file_name}
    if not data.strip():
        return page("validate.html", 422, error="Paste some data or choose a file.", **context)
    if len(data) > MAX_BYTES:
        return page("validate.html", 413, error=f"Keep it under {MAX_BYTES:,} bytes.", **context)
    suffix = FORMATS.get(chosen, ("", ""))[1] or guess_suffix(
        data[:2000].decode("utf-8", "replace"), file_name
    )
    name = shown_name(file_name, suffix)
    context["file_name"] = name
    # Loading and validating run in a validation worker, within its time and memory limits.
    answer = await state_of(request).validator.run(FileJob(data, name))
    if answer.media_type != "application/json":  # the pool's own answer: busy, too slow, too big
        message = answer.body.decode("utf-8", "replace").strip()
        error = f"Could not check {name}: {message}"
        return page("validate.html", answer.status, dict(answer.headers), error=error, **context)
    found = json.loads(answer.body)
    if "problems" in found:
        problems = [
            {"row": line, "column": column, "message": m} for line, column, m in found["problems"]
        ]
        error = f"Cannot load {name}: {len(problems)} problem(s) in its rows; nothing was read."
        return page("validate.html", 422, error=error, problems=problems, **context)
    if answer.status != 200:
        message = found["message"].replace(f"{name}: ", "")
        return page("validate.html", 422, error=f"Cannot read {name}: {message}", **context)
    report = ValidationReport(found["conforms"], found["results"])
    store = store_of(request)
    results = [
        {
            **r,
            # A link only where this server has a page for the focus node.
            "focus_href": _page_of(store, r["focus"]),
            "focus_text": terms.curie(r["focus"]),
            "shape_href": _shape_href(r["shape"]),
        }
        for r in sorted(report.results, key=lambda r: (r["severity"] != "Violation", r["focus"]))
    ]
    return page("validate.html", report=report, results=results, **context)


def _page_of(store, focus: str) -> str:
    href = terms.local_href(focus)
    if not href or not href.startswith("/id/"):
        return ""
    return href if exists(store, focus) else ""


def _shape_href(shape: str) -> str:
    """Where /shapes documents a shape named ``dzsh:X`` (or ``dzsh:X, property ...``).

    /shapes has a section per node shape; a named property shape links to its node shape's.
    """
    head = shape.split(",", 1)[0]
    if not head.startswith("dzsh:"):
        return ""
    anchors = {s.anchor for s in vocabulary.shapes()}
    name = head[len("dzsh:") :]
    if name not in anchors:
        owner = reference.shapes_graph().value(None, SH.property, URIRef(_SHAPES + name))
        name = str(owner).rsplit("#", 1)[-1] if owner is not None else ""
    return f"/shapes#{name}" if name in anchors else ""
