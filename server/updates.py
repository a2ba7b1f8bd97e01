"""Update text as the engine needs it: the protocol's update dataset, and CLEAR of absent graphs.

``using-graph-uri`` and ``using-named-graph-uri``: the engine's update call
takes no dataset, so the parameters are written into the update text, as the
SPARQL 1.1 Protocol defines them: ``USING <g>`` and ``USING NAMED <g>``
before the WHERE of every DELETE/INSERT operation, and ``DELETE WHERE { P }``
becomes its long form ``DELETE { P } USING ... WHERE { P }``. Operations
without a WHERE (INSERT DATA, LOAD, DROP, ...) are left alone. An update that
names its own dataset (USING, USING NAMED or WITH) and also gets the
parameters is refused (400), as the protocol requires.

``CLEAR GRAPH <g>`` of a graph that does not exist fails in the engine (it
records empty graphs), while SPARQL lets a store succeed there, and clients
clear a graph before filling it (the W3C ``update_base_uri`` test does): CLEAR
runs as CLEAR SILENT, which changes nothing else. DROP keeps its error.

The text is read by a small tokenizer that knows strings, IRIs, comments and
braces, so keywords inside literals or graph patterns are never touched; the
engine parses the result and reports any syntax error itself.

>>> with_dataset("INSERT { ?s a <http://ex/C> } WHERE { ?s ?p ?o }", ["http://ex/g"], [])
'INSERT { ?s a <http://ex/C> } USING <http://ex/g> WHERE { ?s ?p ?o }'
>>> with_dataset("DELETE WHERE { ?s ?p 1 }", [], ["http://ex/n"])
'DELETE { ?s ?p 1 } USING NAMED <http://ex/n> WHERE { ?s ?p 1 }'
>>> clear_silently("PREFIX ex: <http://ex/> CLEAR GRAPH ex:g ; clear all")
'PREFIX ex: <http://ex/> CLEAR SILENT GRAPH ex:g ; clear SILENT all'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.errors import QueryError

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[^\s{}()\[\];,<>"'\#?$]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
# What an IRI given as a parameter may contain (IRIREF of the SPARQL grammar).
_IRI = re.compile(r"[a-zA-Z][\w+.-]*:[^<>\"{}|^`\\\x00-\x20]*")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # braces open before this token


def _tokens(update: str) -> Iterator[_Token]:
    depth = 0
    for match in _TOKEN.finditer(update):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        text = match.group()
        if text == "}":
            depth -= 1
        yield _Token(kind, text, match.start(), match.end(), depth)
        if text == "{":
            depth += 1


def _operations(update: str) -> list[list[_Token]]:
    """The tokens of each operation: the update split at the semicolons between braces."""
    operations: list[list[_Token]] = [[]]
    for token in _tokens(update):
        if token.depth == 0 and token.text == ";":
            operations.append([])
        else:
            operations[-1].append(token)
    return operations


def _keyword(token: _Token) -> str:
    return token.text.upper() if token.kind == "word" and token.depth == 0 else ""


def with_dataset(update: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """``update`` with the protocol's USING / USING NAMED graphs written into each operation.

    Raises QueryError (a 400 for the client) when the update has its own
    USING or WITH, or when a parameter is not an absolute IRI.
    """
    if not using and not using_named:
        return update
    for iri in (*using, *using_named):
        if not _IRI.fullmatch(iri):
            raise QueryError(
                f"using-graph-uri / using-named-graph-uri must be absolute IRIs, got {iri!r}"
            )
    clauses = " ".join(
        [f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]
    )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the original text
    for operation in _operations(update):
        keywords = [(i, _keyword(t)) for i, t in enumerate(operation) if _keyword(t)]
        if any(k in ("USING", "WITH") for _, k in keywords):
            raise QueryError(
                "the update names its own dataset (USING or WITH) and the request also has "
                "using-graph-uri / using-named-graph-uri; the protocol forbids both: drop one"
            )
        edits += _edit(update, operation, keywords, clauses)
    for start, end, replacement in sorted(edits, reverse=True):
        update = update[:start] + replacement + update[end:]
    return update


def _edit(
    update: str, operation: list[_Token], keywords: list[tuple[int, str]], clauses: str
) -> list[tuple[int, int, str]]:
    """The edit that gives one operation the dataset, if it has a WHERE."""
    verbs = [(i, k) for i, k in keywords if k in ("DELETE", "INSERT")]
    if not verbs:
        return []  # LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY: no WHERE, no dataset
    first, verb = verbs[0]
    following = _keyword(operation[first + 1]) if first + 1 < len(operation) else ""
    if following == "DATA":
        return []
    if verb == "DELETE" and following == "WHERE":
        where = operation[first + 1]
        pattern = _group_after(update, operation, first + 1)
        text = "DELETE " + pattern + " " + clauses + " WHERE"
        return [(operation[first].start, where.end, text)]
    wheres = [operation[i] for i, k in keywords if k == "WHERE"]
    if not wheres:
        return []  # malformed: the engine will say so
    return [(wheres[0].start, wheres[0].start, clauses + " ")]


def _group_after(update: str, operation: list[_Token], index: int) -> str:
    """The source text of the ``{ ... }`` group that follows token ``index``, braces included."""
    tokens = operation[index + 1 :]
    if not tokens or tokens[0].text != "{":
        raise QueryError("malformed update: DELETE WHERE must be followed by { ... }")
    for token in tokens[1:]:
        if token.text == "}" and token.depth == 0:
            return update[tokens[0].start : token.end]
    raise QueryError("malformed update: a { in DELETE WHERE is never closed")


def clear_silently(update: str) -> str:
    """``update`` with every CLEAR operation made SILENT (see the module's docstring)."""
    edits = []
    for operation in _operations(update):
        words = [_keyword(t) for t in operation[_after_prologue(operation) :]] + ["", ""]
        if words[0] == "CLEAR" and words[1] != "SILENT":
            edits.append(operation[_after_prologue(operation)].end)
    for position in sorted(edits, reverse=True):
        update = update[:position] + " SILENT" + update[position:]
    return update


def _after_prologue(operation: list[_Token]) -> int:
    """The index of an operation's first token after its PREFIX and BASE declarations."""
    i = 0
    while i < len(operation):
        keyword = _keyword(operation[i])
        if keyword == "PREFIX":
            i += 3  # PREFIX name: <iri>
        elif keyword == "BASE":
            i += 2
        else:
            break
    return i
