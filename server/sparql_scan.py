"""Read SPARQL as the grammar's terminals: what a query or update calls out to, how deep it nests.

The server refuses SERVICE and LOAD targets outside the allow-list, and
queries nested deeper than the engine survives, *before* the engine sees the
text. A regular expression over the text cannot decide that (``SERVICE<x>``,
``SERVICE#c\\n<x>``, a prefixed name, a BASE-relative IRI, a string that
looks like SERVICE), so this module tokenizes by the SPARQL 1.1 grammar's
terminals: IRIREF, PNAME_NS/PNAME_LN, the four string forms with escapes,
comments, variables, and keywords in any case. It does not check the rest of
the syntax: the engine does, after these checks.

>>> found = scan("PREFIX w: <http://w.org/> SELECT * { SERVICE w:sparql { ?s ?p ?o } }")
>>> found.calls
[Call(keyword='SERVICE', target='http://w.org/sparql')]
>>> scan("SELECT * { SERVICE?e { } }").calls
[Call(keyword='SERVICE', target=None)]
>>> scan("ASK { FILTER((((1)))) }").depth
5
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# The grammar's terminals that can hide a keyword or an IRI; everything else is one char.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_CHARS_BASE + r"_\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_LOCAL_CHAR = rf"[{_PN_CHARS}:]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = rf"(?:{_LOCAL_CHAR})(?:(?:{_LOCAL_CHAR}|\.)*(?:{_LOCAL_CHAR}))?"
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<long1>'''(?:(?:'|'')?(?:[^'\\]|\\.))*''')
  | (?P<long2>\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\")
  | (?P<short1>'(?:[^'\\\n\r]|\\.)*')
  | (?P<short2>"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][^\s{}()\[\]<>,;.'"\#+*/!=|&^-]*)
  | (?P<pname>(?:"""
    + _PREFIX
    + r"""
    )?:(?:"""
    + _LOCAL
    + r"""
    )?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<unclosed>['"])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


class ScanError(ValueError):
    """The text cannot be read safely (an unterminated string, an unknown prefix on a target)."""


@dataclass(frozen=True)
class Call:
    """A SERVICE or LOAD target: the absolute IRI, or None for a variable."""

    keyword: str
    target: str | None


@dataclass
class Scan:
    """What a query or update calls out to, and its deepest nesting of (), {} and []."""

    calls: list[Call] = field(default_factory=list)
    depth: int = 0


def scan(text: str, base: str | None = None) -> Scan:
    """Tokenize ``text`` and return its SERVICE/LOAD targets, resolved, and its nesting depth.

    Codepoint escapes (``\\u0045``) may be read by an engine before parsing (SPARQL 1.1
    section 19.2), so a text that has them is read both ways and the findings joined.

    >>> scan("BASE <http://a.org/x/> SELECT * { SERVICE SILENT <s> {} }").calls
    [Call(keyword='SERVICE', target='http://a.org/x/s')]
    """
    found = _scan(text, base)
    if _CODEPOINT.search(text):
        decoded = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        other = _scan(decoded, base)
        found.calls += [c for c in other.calls if c not in found.calls]
        found.depth = max(found.depth, other.depth)
    return found


def _scan(text: str, base: str | None) -> Scan:
    found = Scan()
    bases: list[str] = [base] if base else []  # the chain of BASE declarations, unresolved
    prefixes: dict[str, tuple[str, tuple[str, ...]]] = {}
    depth = 0
    pending: str | None = None  # SERVICE or LOAD, waiting for its target
    declaring: str | None = None  # BASE, PREFIX, or "PREFIX p:" waiting for its IRI
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "unclosed":
            raise ScanError(f"a string starting at character {match.start()} is not closed")
        if kind == "open":
            depth += 1
            found.depth = max(found.depth, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
        word = value.upper() if kind == "word" else None
        if declaring is not None:
            if declaring == "BASE" and kind == "iri":
                bases.append(value[1:-1])
            elif declaring == "PREFIX" and kind == "pname" and value.endswith(":"):
                declaring = "PREFIX " + value[:-1]
                continue
            elif declaring.startswith("PREFIX ") and kind == "iri":
                prefixes[declaring[7:]] = (value[1:-1], tuple(bases))
            declaring = None
        if pending is not None:
            if word == "SILENT":
                continue
            found.calls.append(Call(pending, _target(kind, value, bases, prefixes)))
            pending = None
            continue
        if word in ("SERVICE", "LOAD"):
            pending = word
        elif word in ("BASE", "PREFIX"):
            declaring = word
    if pending is not None:
        found.calls.append(Call(pending, None))
    return found


def _target(kind, value, bases, prefixes) -> str | None:
    if kind == "iri":
        return _resolve(value[1:-1], bases)
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix not in prefixes:
            raise ScanError(f"the prefix {prefix}: of {value} is not declared")
        namespace, at = prefixes[prefix]
        return _resolve(namespace + _LOCAL_ESCAPE.sub(r"\1", local), list(at))
    return None  # a variable, or anything the engine would not take as an IRI


def _resolve(iri: str, bases: list[str]) -> str:
    """Resolve ``iri`` against the BASE chain exactly as the engine does: by asking it."""
    if _ABSOLUTE.match(iri) or not bases:
        return iri if _ABSOLUTE.match(iri) else _absolute_or_fail(iri)
    base = bases[0] if _ABSOLUTE.match(bases[0]) else _absolute_or_fail(bases[0])
    for step in bases[1:]:
        base = _engine_resolve(step, base)
    return _engine_resolve(iri, base)


def _absolute_or_fail(iri: str) -> str:
    raise ScanError(f"<{iri}> is relative and there is no base IRI to resolve it against")


def _engine_resolve(iri: str, base: str) -> str:
    if _ABSOLUTE.match(iri):
        return iri
    import pyoxigraph

    try:
        rows = pyoxigraph.Store().query(f"SELECT ?x WHERE {{ BIND(<{iri}> AS ?x) }}", base_iri=base)
        return next(iter(rows))["x"].value
    except (SyntaxError, ValueError, OSError, StopIteration) as e:
        raise ScanError(f"<{iri}> cannot be resolved against <{base}>") from e
