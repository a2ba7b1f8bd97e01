"""Static assets on a real server: fingerprinted URLs, cached a year, gzipped; pages not cached."""

from __future__ import annotations

import gzip
import re

import httpx
import pytest

from server.pages.assets import FOLDERS
from tests.web.test_web_browser import CHENGDU

_ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')
YEAR = 31536000


def _assets(live, path: str) -> list[str]:
    return _ASSET.findall(httpx.get(live.url + path, headers={"accept": "text/html"}).text)


def _file(url: str) -> bytes:
    path = url.split("?")[0]
    prefix = next(p for p in FOLDERS if path.startswith(p))
    return (FOLDERS[prefix] / path[len(prefix) :]).read_bytes()


@pytest.mark.parametrize("path", ["/", CHENGDU + ".html", "/docs"])
def test_assets_are_fingerprinted_cached_for_a_year_and_gzipped(live, path):
    urls = _assets(live, path)
    assert urls and all(re.search(r"\?v=[0-9a-f]{16}$", u) for u in urls), urls
    for url in urls:
        r = httpx.get(live.url + url, headers={"accept-encoding": "gzip"})
        assert r.status_code == 200, url
        control = r.headers["cache-control"]
        assert "immutable" in control and f"max-age={YEAR}" in control, (url, control)
        raw = _file(url)
        if len(raw) > 1024:
            assert r.headers["content-encoding"] == "gzip", url
            assert int(r.headers["content-length"]) < len(raw) * 0.6, url
        # httpx undoes the gzip: what arrives is the file itself.
        assert r.content == raw, url


def test_an_asset_without_its_current_fingerprint_is_revalidated(live):
    url = _assets(live, "/")[0].split("?")[0]
    for stale in (url, url + "?v=0000000000000000"):
        r = httpx.get(live.url + stale)
        assert r.status_code == 200 and r.headers["cache-control"] == "no-cache", stale


@pytest.mark.parametrize("path", ["/", "/browse/zones", CHENGDU + ".html", "/sparql", "/docs"])
def test_pages_are_not_cached(live, path):
    r = httpx.get(live.url + path, headers={"accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers.get("cache-control") == "no-cache", path


def test_a_gzipped_asset_is_the_same_file_when_unpacked(live):
    url = next(u for u in _assets(live, "/") if "yasgui.min.js" in u)
    with httpx.stream("GET", live.url + url, headers={"accept-encoding": "gzip"}) as r:
        packed = b"".join(r.iter_raw())
    assert gzip.decompress(packed) == _file(url)
