"""Speed of the text loader: documents of about 3 KB per second on one core.

The documents are the default corpus and the test fixtures, each cut or repeated to
3 KB at a sentence boundary, so the figure reflects the genre's real sentences.

    python bench/text_speed.py [--seconds 5]

Prints documents per second of CPU time (``time.process_time``, so that other processes
on a shared machine do not count against the loader) for ``extract`` (reading) and for
``load`` (reading plus building the RDF graph); the last line is the load figure.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from loaders import text as text_loader
from loaders.text.document import read

REPO = Path(__file__).resolve().parent.parent
SIZE = 3000


def corpus() -> list[str]:
    """Plain texts of about SIZE characters from the documents we have."""
    out = []
    paths = sorted((REPO / "data" / "documents").glob("*.txt"))
    paths += sorted((REPO / "tests" / "fixtures" / "text").glob("*.*"))
    for path in paths:
        if path.suffix not in (".txt", ".html"):
            continue
        body = read(path).text
        text = body
        while len(text) < SIZE:
            text += "\n\n" + body
        cut = text.rfind(". ", 0, SIZE)
        out.append(text[: cut + 1 if cut > 0 else SIZE])
    return out


def _rate(run, docs: list, seconds: float) -> float:
    for doc in docs:  # warm caches: gazetteer, scheme, compiled patterns
        run(doc)
    count, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for doc in docs:
            run(doc)
        count += len(docs)
    return count / (time.process_time() - start)


def reference_rate(seconds: float = 1.0) -> float:
    """Triples per second that plain rdflib adds on this core right now: a yardstick for
    how busy the machine is, since the loader's own figure moves with it."""
    from rdflib import Graph, Literal, URIRef

    pred = URIRef("http://example.org/p")
    count, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        g = Graph()
        for i in range(1000):
            g.add((URIRef(f"http://example.org/s{i}"), pred, Literal(i)))
        count += 1000
    return count / (time.process_time() - start)


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    texts = corpus()
    mean = sum(len(t.encode("utf-8")) for t in texts) / len(texts)
    print(f"{len(texts)} documents, mean size {mean / 1000:.1f} KB")
    rate = _rate(lambda t: text_loader.extract(t, "bench"), texts, args.seconds)
    print(f"extract: {rate:.0f} documents/s")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, t in enumerate(texts):
            path = Path(tmp) / f"doc{i}.txt"
            path.write_text(t, encoding="utf-8")
            paths.append(path)
        rate = _rate(lambda p: text_loader.load(p, p.stem), paths, args.seconds)
    reference = reference_rate()
    print(
        f"reference: plain rdflib adds {reference:.0f} triples/s on this core now "
        f"(one loaded document = {reference / rate:.0f} such adds)"
    )
    print(f"load (extract + RDF graph): {rate:.0f} documents/s")
    return rate


if __name__ == "__main__":
    main()
