"""The Jinja2 environment of the pages (autoescape on) and how a page becomes a response.

>>> env.from_string("{{ x }}").render(x="<script>alert(1)</script>")
'&lt;script&gt;alert(1)&lt;/script&gt;'
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from server.pages import terms
from server.pages.assets import asset

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    # Every template is HTML: escape everything, whatever the file name says.
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters["curie"] = terms.curie
env.filters["href"] = terms.href
env.filters["number"] = terms.number_text
env.filters["timestamp"] = terms.timestamp_text
env.globals["asset"] = asset
# Pages show the store as it is now: a browser asks again each time (assets are cached instead).
HTML_CACHE = "no-cache"


def page(template: str, status: int = 200, headers: dict | None = None, **context) -> HTMLResponse:
    """Render ``template`` with ``context`` into an HTML response."""
    html = env.get_template(template).render(**context)
    return HTMLResponse(
        html, status_code=status, headers={"Cache-Control": HTML_CACHE, **(headers or {})}
    )
