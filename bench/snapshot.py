"""Everything the text loader produces for a set of texts, one file per text and output, so
that two versions of the loader can be compared byte for byte (``diff -r``).

    PYTHONHASHSEED=0 python bench/snapshot.py OUTDIR [DIR_OR_FILE ...]

For each .txt/.html/.htm file (default: data/documents, tests/fixtures and the 12 texts of
bench/text_speed.py) it writes NAME.nt (the graph's N-Triples, sorted), NAME.explain (the
``zonegraph extract --explain`` report) and NAME.repr (the facts, unattached numbers,
mentions, entities and unmapped facts as Python reprs; their sets are in hash order, hence
the fixed PYTHONHASHSEED), or NAME.error when the loader refuses the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders import text as text_loader
from loaders.text.document import read
from loaders.text.explain import explain_extraction
from loaders.text.extraction import Extraction, extract_document
from loaders.text.graph import to_graph

REPO = Path(__file__).resolve().parent.parent
SUFFIXES = (".txt", ".html", ".htm")


def texts(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES)
        elif path.suffix in SUFFIXES:
            out.append(path)
    return out


def dump(out: Path, name: str, ex: Extraction, file_name: str | None) -> None:
    nt = to_graph(ex, file_name=file_name).serialize(format="nt")
    lines = sorted(line for line in nt.splitlines() if line.strip())
    (out / f"{name}.nt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / f"{name}.explain").write_text(explain_extraction(ex), encoding="utf-8")
    parts = [
        ("", ex.facts),
        ("--unattached", ex.unattached),
        ("--mentions", ex.mentions),
        ("--entities", [ex.entities[k] for k in sorted(ex.entities)]),
        ("--unmapped", ex.unmapped),
    ]
    body = "".join(
        (f"{title}\n" if title else "") + "".join(f"{x!r}\n" for x in items)
        for title, items in parts
    )
    (out / f"{name}.repr").write_text(body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("paths", type=Path, nargs="*")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    paths = args.paths or [REPO / "data" / "documents", REPO / "tests" / "fixtures"]
    count = 0
    for path in texts(paths):
        name = str(path.resolve()).strip("/").replace("/", "__")
        try:
            dump(args.out, name, extract_document(read(path), path.stem), path.name)
        except Exception as e:  # a refused text is an output too
            (args.out / f"{name}.error").write_text(f"{type(e).__name__}: {e}\n")
        count += 1
    if not args.paths:
        sys.path.insert(0, str(REPO / "bench"))
        import text_speed

        for i, text in enumerate(text_speed.corpus()):
            dump(args.out, f"bench{i:02d}", text_loader.extract(text, "bench"), None)
            count += 1
    print(f"{count} texts written to {args.out}")
    return count


if __name__ == "__main__":
    main()
