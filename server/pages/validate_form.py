"""The validation form: paste or upload Turtle, JSON-LD or CSV and read the SHACL report as a table.

The form lives at ``/validate/form`` (GET shows it, POST answers with the
report page) because ``/validate`` itself is the machine API (POST RDF, get a
report by ``Accept``). Nothing is stored. The data goes through the same
loaders and the same validation as ``zonegraph validate``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kg.errors import ZonegraphError
from kg.validation import ValidationReport, validate
from loaders import load_file
from server.bodies import read_form
from server.pages import terms
from server.pages.rendering import page
from server.validate import in_turn

router = APIRouter(tags=["Pages"])
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


def _check(data: bytes, suffix: str) -> ValidationReport:
    with tempfile.TemporaryDirectory(prefix="zonegraph-form-") as tmp:
        path = Path(tmp) / f"submitted{suffix}"
        path.write_bytes(data)
        graph = load_file(path, "submitted").graph
    with in_turn:  # pySHACL is not thread-safe (server/validate.py)
        return validate(graph)


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
    try:
        report = await run_in_threadpool(_check, data, suffix)
    except ZonegraphError as e:
        message = str(e).replace("submitted" + suffix + ": ", "")
        return page("validate.html", 422, error=f"Cannot read the data: {message}", **context)
    results = [
        {
            **r,
            "focus_href": terms.local_href(r["focus"]) or "",
            "focus_text": terms.curie(r["focus"]),
        }
        for r in sorted(report.results, key=lambda r: (r["severity"] != "Violation", r["focus"]))
    ]
    return page("validate.html", report=report, results=results, **context)
