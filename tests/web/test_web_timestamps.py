"""One timestamp format on every page: ISO 8601 in UTC, to the second (2026-12-03T14:08:10Z)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from kg import iris

ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
# Anything that looks like a time of day with a date before it, however it is written.
A_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}| UTC)?"
)
SOURCE = "sichuan-development-zones-2021"


def _load(store) -> tuple[str, datetime]:
    row = store.select(
        f"SELECT ?record ?at {{ GRAPH <{iris.CATALOG_GRAPH}> {{ "
        f"<{iris.source_doc_iri(SOURCE)}> <{iris.DZ}latestLoad> ?record . "
        f"?record <{iris.DZ}loadedAt> ?at }} }}"
    )[0]
    moment = datetime.fromisoformat(str(row["at"])).astimezone(UTC)
    return str(row["record"]), moment


def _main(page: str) -> str:
    # The text of the page people read, markup and JSON islands aside.
    body = page[page.index("<main>") : page.index("</main>")]
    body = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_the_load_time_reads_the_same_on_every_page_that_shows_it(client, web_store):
    store, _ = web_store
    record, moment = _load(store)
    expected = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    pages = {
        "/": client.get("/").text,
        f"/source/{SOURCE}": client.get(f"/source/{SOURCE}").text,
        "load record": client.get(record.replace(iris.ID, "/id/") + ".html").text,
        "catalogue": client.get("/catalog", headers={"accept": "text/html"}).text,
    }
    for name, page in pages.items():
        found = A_TIMESTAMP.findall(_main(page))
        assert found, f"{name} shows no timestamp"
        odd = [t for t in found if not ISO_UTC.match(t)]
        assert not odd, f"{name} writes timestamps as {odd}"
        if name != "catalogue":
            assert expected in found, (name, found)
