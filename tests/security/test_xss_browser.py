"""Stored javascript:, data: and vbscript: IRIs never run in a browser (headless Chromium).

The hardening issue found four of them executing on click on an /id/ page. Here a
real server renders a zone that links to each, in every position (object, sameAs,
type, predicate, subject of an incoming link); Chromium opens the page, clicks every
link and every text that shows a hostile IRI, and no script may run: no dialog, no
navigation away, and no link in the DOM with such a scheme.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.test_pages import HOSTILE, hostile_lines
from tests.server.serverkit import LiveServer, build_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[LiveServer]:
    from kg.store import open_store

    path = build_store(tmp_path_factory.mktemp("xss") / "store")
    lines = hostile_lines()
    store = open_store(path)
    store.replace_graphs({"http://example.org/graph/xss": ("\n".join(lines) + "\n").encode()})
    store.close()
    del store
    server = LiveServer(path)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed; run `make install` (it installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_clicking_anything_on_a_page_of_hostile_iris_runs_no_script(browser, live):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = live.url + "/id/zone/xss-test"
    page.goto(url)
    assert "XSS test zone" in page.content()
    schemes = page.eval_on_selector_all(
        "a[href], area[href], form[action], iframe[src], object[data], embed[src]",
        "els => els.map(e => (e.href || e.action || e.src || e.data || '').split(':')[0])",
    )
    assert schemes and set(schemes) <= {"http", "https", "mailto"}, schemes
    # Click each text that shows a hostile IRI, and each link of the page's content.
    targets = [page.get_by_text(iri, exact=False) for iri in HOSTILE]
    clicked, landed = 0, []
    for target in targets:
        for i in range(target.count()):
            target.nth(i).click(timeout=5000, no_wait_after=True)
            clicked += 1
            page.wait_for_timeout(100)
            if page.url != url:  # a link to one of the server's own pages: fine, go back
                landed.append(page.url)
                page.goto(url)
    assert clicked >= len(HOSTILE)
    assert dialogs == []
    assert all(u.startswith(live.url + "/") for u in landed), landed
    # And if markup ever slipped through, the policy would not run an inline script.
    policy = page.evaluate(
        "async () => (await fetch(location.href)).headers.get('content-security-policy')"
    )
    assert (
        policy
        and "script-src" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    page.close()
