"""Static files of the pages: fingerprinted URLs, cached for a year, sent gzip-compressed.

Templates name a file with ``asset("/static/pages/site.css")``, which appends
``?v=`` and the first 16 hex digits of the file's SHA-256. A request that carries
the file's current fingerprint is answered with ``Cache-Control: public,
max-age=31536000, immutable`` (the URL's content never changes: a new version
has a new URL); any other request for the file (no ``v``, or an old one) gets
``no-cache``. Text files (CSS, JavaScript, JSON, SVG, source maps) are
gzip-compressed once per version and kept in memory, for clients that accept it.

>>> url = asset("/static/pages/site.css")
>>> url.startswith("/static/pages/site.css?v=") and len(url.split("=")[1])
16
>>> asset("/static/pages/no-such-file.css")
'/static/pages/no-such-file.css'
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

_ROOT = Path(__file__).resolve().parent.parent.parent
STATIC = Path(__file__).resolve().parent.parent / "static"
NODE_MODULES = _ROOT / "node_modules"
# URL name -> the folder of an npm package's built files (installed by `make install`).
VENDOR = {
    "yasgui": "@zazuko/yasgui/build",
    "vega": "vega/build",
    "vega-lite": "vega-lite/build",
    "vega-embed": "vega-embed/build",
    "swagger-ui": "swagger-ui-dist",
}
# URL prefix -> folder it serves.
FOLDERS = {"/static/pages/": STATIC} | {
    f"/static/vendor/{name}/": NODE_MODULES / folder for name, folder in VENDOR.items()
}
IMMUTABLE = "public, max-age=31536000, immutable"
_COMPRESSED = (".css", ".js", ".mjs", ".json", ".map", ".svg", ".txt", ".html")
_MIN_SIZE = 1024  # smaller files gain nothing from gzip


def _file_of(url: str) -> Path | None:
    for prefix, folder in FOLDERS.items():
        if url.startswith(prefix):
            path = (folder / url[len(prefix) :]).resolve()
            return path if path.is_relative_to(folder.resolve()) and path.is_file() else None
    return None


def fingerprint(path: Path) -> str:
    """The first 16 hex digits of the SHA-256 of the file's content (cached per version)."""
    stat = path.stat()
    return _fingerprint(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _fingerprint(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def asset(url: str) -> str:
    """``url`` of a static file with its fingerprint (``?v=...``), as is when no file has it."""
    path = _file_of(url)
    return f"{url}?v={fingerprint(path)}" if path else url


@functools.lru_cache(maxsize=64)
def _gzipped(path: Path, mtime_ns: int, size: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class AssetFiles(StaticFiles):
    """StaticFiles with the caching and compression described in this module."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code not in (200, 304):
            return response
        full, stat = self.lookup_path(path)
        if stat is None:
            return response
        wanted = dict(_query(scope)).get("v")
        current = _fingerprint(Path(full), stat.st_mtime_ns, stat.st_size)
        response.headers["cache-control"] = IMMUTABLE if wanted == current else "no-cache"
        response.headers["vary"] = "Accept-Encoding"
        request = Headers(scope=scope)
        if (
            response.status_code == 200
            and full.endswith(_COMPRESSED)
            and stat.st_size >= _MIN_SIZE
            and "gzip" in request.get("accept-encoding", "")
        ):
            etag = f'"{current}-gzip"'
            if etag in request.get("if-none-match", ""):
                return Response(status_code=304, headers={"etag": etag, "vary": "Accept-Encoding"})
            body = _gzipped(Path(full), stat.st_mtime_ns, stat.st_size)
            headers = {
                k: v for k, v in response.headers.items() if k not in ("content-length", "etag")
            }
            # The compressed body is another representation: it gets an ETag of its own.
            headers["etag"] = etag
            headers["content-encoding"] = "gzip"
            return Response(body, 200, headers)
        return response


def _query(scope: Scope) -> list[tuple[str, str]]:
    return parse_qsl(scope.get("query_string", b"").decode("latin-1"))
