"""A SHACL engine that compiles shapes into set-at-a-time SPARQL queries run by pyoxigraph.

Context graphs (ontology, schemes, reference data) are loaded once into an
in-memory Oxigraph store; each validation stages the data in a graph of its
own, materialises the focus nodes of a shape as a small graph, and runs one
query per constraint over all focus nodes at once. The report is the W3C
SHACL validation report, as an rdflib graph. docs/validation.md lists the
supported constraint components and how each is compiled.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
...     @prefix sh: <http://www.w3.org/ns/shacl#> .
...     <urn:S> a sh:NodeShape ; sh:targetClass <urn:C> ;
...         sh:property [ sh:path <urn:p> ; sh:minCount 1 ] .''', format="turtle")
>>> data = Graph().parse(data="<urn:x> a <urn:C> .", format="turtle")
>>> conforms, report = Engine(shapes).validate(data)
>>> conforms
False
"""

from __future__ import annotations

import itertools
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.store import from_rdflib, rdflib_converter
from kg.store import to_rdflib as store_term

SH = Namespace("http://www.w3.org/ns/shacl#")
_OWL_CLASS = URIRef("http://www.w3.org/2002/07/owl#Class")
_OWL_IMPORTS = URIRef("http://www.w3.org/2002/07/owl#imports")
_FOCUS = "<urn:zonegraph:shacl:focus>"
_RUN = "urn:zonegraph:shacl:run:"
# In query templates: the run's data graph, the graph of focus nodes.
_DATA_PLACEHOLDER = "urn:zonegraph:shacl:data-graph"
_FOCUS_PLACEHOLDER = "urn:zonegraph:shacl:focus-graph"
_DATA_TOUCH = (
    "FILTER EXISTS {{ GRAPH <{data}> {{ {{ ?this ?zgTouchP ?zgTouchO }} "
    "UNION {{ ?zgTouchS ?zgTouchP ?this }} }} }}"
)

# Components the engine compiles; anything else in a shape raises UnsupportedShape.
SUPPORTED = {
    "class", "datatype", "nodeKind", "minCount", "maxCount", "in", "hasValue",
    "pattern", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
    "minLength", "maxLength", "languageIn", "uniqueLang", "node", "property",
    "not", "and", "or", "xone", "qualifiedValueShape", "equals", "disjoint",
    "lessThan", "lessThanOrEquals", "closed", "sparql",
}  # fmt: skip
_PARAMETERS = SUPPORTED | {
    "flags", "qualifiedMinCount", "qualifiedMaxCount", "qualifiedValueShapesDisjoint",
    "ignoredProperties",
}  # fmt: skip
# sh: properties of a shape that are not constraint parameters.
_NON_PARAMETERS = {
    "path", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target",
    "severity", "message", "deactivated", "name", "description", "order", "group",
    "defaultValue", "declare", "prefixes", "select",
}  # fmt: skip
# Datatypes whose lexical forms Oxigraph can check by casting the string.
_CASTABLE = {
    XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.dateTime,
    XSD.date, XSD.time, XSD.gYear, XSD.gYearMonth, XSD.gMonth, XSD.gDay, XSD.gMonthDay,
    XSD.duration, XSD.dateTimeStamp, XSD.dayTimeDuration, XSD.yearMonthDuration,
    XSD.string,
}  # fmt: skip
# Integer subtypes: the lexical form must be an integer in this range.
_INTEGER_RANGES = {
    XSD.nonNegativeInteger: (0, None), XSD.positiveInteger: (1, None),
    XSD.nonPositiveInteger: (None, 0), XSD.negativeInteger: (None, -1),
    XSD.long: (-(2**63), 2**63 - 1), XSD.int: (-(2**31), 2**31 - 1),
    XSD.short: (-(2**15), 2**15 - 1), XSD.byte: (-128, 127),
    XSD.unsignedLong: (0, 2**64 - 1), XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1), XSD.unsignedByte: (0, 255),
}  # fmt: skip


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature the engine does not compile (see docs/validation.md)."""


@dataclass(frozen=True)
class Result:
    """One validation result, with oxigraph terms for the nodes of the data."""

    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    shape: Node
    component: URIRef
    severity: URIRef
    path: Node | None = None
    value: object = None
    messages: tuple[Literal, ...] = ()
    constraint: Node | None = None
    details: tuple[Result, ...] = ()  # why a value node fails sh:node (sh:detail)
    parameter: object = None  # the constraint's parameter value: two sh:class, two results


@dataclass
class _Shape:
    node: Node
    path: Node | None
    path_sparql: str
    severity: URIRef
    messages: tuple[Literal, ...]
    deactivated: bool
    params: dict[str, list[Node]] = field(default_factory=dict)


class Engine:
    """Validates data against ``shapes``, with ``context`` graphs loaded once.

    ``context`` maps a name to a graph (or a tuple of graphs, merged into one);
    :meth:`validate` picks which of them the
    data is checked with (all by default). The data is an rdflib graph, or anything
    that offers its triples as engine quads (see :func:`offers_quads`), such as
    kg.staging.StagedGraph: those are loaded as they are, without rdflib terms.
    """

    def __init__(
        self, shapes: Graph, context: Mapping[str, Graph | tuple[Graph, ...]] | None = None
    ) -> None:
        self.shapes = shapes
        self._context: dict[str, ox.NamedNode] = {}
        self._context_quads: list[ox.Quad] = []
        self._shapes: dict[Node, _Shape] = {}
        self._prefixes: dict[Node, str] = {}
        # Query texts and shape lookups worked out once, reused by every validation.
        self._memo: dict[tuple, object] = {}
        self._lock = threading.Lock()
        for name, graphs in (context or {}).items():
            # A context is one graph, or several merged into one (a triple pattern over one
            # graph is cheaper than over several: each is another index scan).
            node = ox.NamedNode(_RUN + "context:" + uuid.uuid4().hex)
            merged = (
                {q for g in graphs for q in _quads(g, node)} if isinstance(graphs, tuple) else None
            )
            self._context_quads.extend(_quads(graphs, node) if merged is None else merged)
            self._context[name] = node
        self.store = self._fresh_store()
        self._written = 0  # quads the runs wrote into (and removed from) self.store
        validators = (SH.validator, SH.nodeValidator, SH.propertyValidator, SH.parameter)
        if (None, RDF.type, SH.ConstraintComponent) in shapes or any(
            (None, p, None) in shapes for p in validators
        ):
            raise UnsupportedShape("SPARQL-based constraint components are not supported")
        self.roots = [self._shape(s) for s in _root_shapes(shapes)]

    # -- public -----------------------------------------------------------------------

    def validate(
        self,
        data: Graph,
        *,
        context: Sequence[str] | None = None,
        touched_only: bool = True,
        allow_warnings: bool = True,
        collect: dict[str, str] | None = None,
    ) -> tuple[bool, Graph]:
        """Validate ``data``; return (conforms, W3C report graph).

        With ``touched_only`` (the default), focus nodes are the target nodes that
        the data mentions (as subject or object): nodes of the context alone are
        assumed to have been validated with the context. ``allow_warnings`` makes
        results of severity Warning or Info keep ``conforms`` true. ``collect``: see
        :meth:`results`.
        """
        results = self.results(data, context=context, touched_only=touched_only, collect=collect)
        if allow_warnings:
            conforms = not any(r.severity == SH.Violation for r in results)
        else:
            conforms = not results
        return conforms, self.report(results, conforms)

    def results(
        self,
        data: Graph,
        *,
        context: Sequence[str] | None = None,
        touched_only: bool = True,
        collect: dict[str, str] | None = None,
    ) -> list[Result]:
        """The validation results of ``data``, one per (focus, shape, component, value).

        ``collect`` maps names to SELECT queries over the data alone (``GRAPH <{data}>``
        names it), run while the data is staged: each entry's query is replaced by its
        solutions (lists of engine terms), so that what later checks need of the data is
        read in the same pass as the shapes' (see kg.validation.CROSS_SOURCE).
        """
        names = list(self._context) if context is None else list(context)
        run = _Run(self.store, [self._context[n] for n in names])
        try:
            path = ntriples_file(data)
            if path is not None:
                run.load(path, len(data))  # parsed by the engine itself, no Python per triple
            else:
                run.stage(data_quads(data, run.data))
            # The class hierarchy is the context's when the data adds no rdfs:subClassOf:
            # the subclasses of each class are then looked up once per engine (see
            # _subclasses), not walked for each node.
            subclassing = f"ASK {{ GRAPH <{run.data.value}> {{ ?a <{RDFS.subClassOf}> ?b }} }}"
            run.hierarchy = None if run.store.query(subclassing) else tuple(names)
            run.triples = len(data)
            for name, query in (collect or {}).items():
                rows = run.select(query.replace("{data}", run.data.value))
                collect[name] = [list(r) for r in rows]  # type: ignore[index]
            found: list[Result] = []
            roots = [shape for shape in self.roots if not shape.deactivated]
            targets = self._touched_targets(run, roots) if touched_only else {}
            for shape in roots:
                focus = targets.get(shape.node, [])
                query = self._target_query(shape, run, touched_only, batched=touched_only)
                if query:
                    focus = [*focus, *run.nodes(query)]
                if focus:
                    found.extend(self._evaluate(run, shape, run.focus_graph(focus)))
            return found
        finally:
            run.close()
            self._renew(run.written)

    def _fresh_store(self) -> ox.Store:
        store = ox.Store()
        store.bulk_extend(self._context_quads)
        return store

    def _renew(self, written: int) -> None:
        """A new store with the context alone once the runs have written enough into this
        one: Oxigraph's in-memory store keeps what was removed from it, so that each query
        on it gets slower with every validation (4.6x after 150 small sources)."""
        with self._lock:
            self._written += written
            # Rebuilding costs about as much as writing the context; the slowdown grows
            # with what was written: about every half context's worth pays off best.
            if self._written <= max(2_000, len(self._context_quads) // 2):
                return
            self._written = 0
        # Runs under way keep the store they started with.
        self.store = self._fresh_store()

    def report(self, results: Iterable[Result], conforms: bool) -> Graph:
        """The W3C SHACL validation report graph of ``results``."""
        g = Graph()
        g.bind("sh", SH)
        for prefix, namespace in self.shapes.namespaces():
            g.bind(prefix, namespace, override=False)
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(conforms)))
        for r in results:
            g.add((report, SH.result, self._add_result(g, r)))
        return g

    def _add_result(self, g: Graph, r: Result) -> BNode:
        node = BNode()
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, to_rdflib(r.focus)))
        g.add((node, SH.sourceShape, r.shape))
        g.add((node, SH.sourceConstraintComponent, r.component))
        g.add((node, SH.resultSeverity, r.severity))
        if r.path is not None:
            g.add((node, SH.resultPath, r.path))
            self._copy_path(g, r.path)
        if r.value is not None:
            g.add((node, SH.value, to_rdflib(r.value)))
        if r.constraint is not None:
            g.add((node, SH.sourceConstraint, r.constraint))
        for message in r.messages:
            g.add((node, SH.resultMessage, message))
        for detail in r.details:
            g.add((node, SH.detail, self._add_result(g, detail)))
        return node

    def _once(self, key: tuple, build):
        """``build()``, worked out on the first call with ``key`` and reused after."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build()
            return value

    # -- shapes -----------------------------------------------------------------------

    def _shape(self, node: Node) -> _Shape:
        if node in self._shapes:
            return self._shapes[node]
        s = self.shapes
        path = s.value(node, SH.path)
        shape = _Shape(
            node=node,
            path=path,
            path_sparql=self._path(path) if path is not None else "",
            severity=s.value(node, SH.severity) or SH.Violation,
            messages=tuple(m for m in s.objects(node, SH.message) if isinstance(m, Literal)),
            deactivated=str(s.value(node, SH.deactivated)).lower() == "true",
        )
        self._shapes[node] = shape
        for p, o in s.predicate_objects(node):
            if isinstance(p, URIRef) and p.startswith(str(SH)):
                name = p[len(str(SH)) :]
                if name in _PARAMETERS:
                    shape.params.setdefault(name, []).append(o)
        unknown = (
            {
                p[len(str(SH)) :]
                for p in s.predicates(node)
                if isinstance(p, URIRef) and p.startswith(str(SH))
            }
            - _PARAMETERS
            - _NON_PARAMETERS
        )
        if unknown:
            raise UnsupportedShape(
                f"shape {node.n3()} uses unsupported sh:{', sh:'.join(sorted(unknown))}"
            )
        return shape

    def _path(self, path: Node) -> str:
        s = self.shapes
        if isinstance(path, URIRef):
            return f"<{path}>"
        if (path, RDF.first, None) in s:
            return "(" + "/".join(self._path(p) for p in Collection(s, path)) + ")"
        for key, fmt in (
            (SH.inversePath, "^({})"),
            (SH.zeroOrMorePath, "({})*"),
            (SH.oneOrMorePath, "({})+"),
            (SH.zeroOrOnePath, "({})?"),
        ):
            inner = s.value(path, key)
            if inner is not None:
                return fmt.format(self._path(inner))
        alternatives = s.value(path, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self._path(p) for p in Collection(s, alternatives)) + ")"
        raise UnsupportedShape(f"unsupported property path {path.n3()}")

    def _copy_path(self, g: Graph, node: Node) -> None:
        if not isinstance(node, BNode):
            return
        for p, o in self.shapes.predicate_objects(node):
            g.add((node, p, o))
            self._copy_path(g, o)

    def _imports(self, nodes: Iterable[Node]) -> list[Node]:
        """``nodes`` and the ontologies they owl:import, transitively."""
        found: list[Node] = []
        todo = list(nodes)
        while todo:
            node = todo.pop()
            if node not in found:
                found.append(node)
                todo.extend(self.shapes.objects(node, _OWL_IMPORTS))
        return found

    def _prefix_declarations(self, node: Node) -> str:
        if node not in self._prefixes:
            lines = []
            for prefixes in self._imports(self.shapes.objects(node, SH.prefixes)):
                for decl in self.shapes.objects(prefixes, SH.declare):
                    prefix = self.shapes.value(decl, SH.prefix)
                    namespace = self.shapes.value(decl, SH.namespace)
                    if prefix is not None and namespace is not None:
                        lines.append(f"PREFIX {prefix}: <{namespace}>")
            self._prefixes[node] = "\n".join(lines) + "\n"
        return self._prefixes[node]

    # -- targets ----------------------------------------------------------------------

    def _simple_targets(self, node: Node) -> tuple[list, list, list]:
        """The classes, subjects-of and objects-of predicates that target ``node``'s nodes."""

        def build() -> tuple[list, list, list]:
            s = self.shapes
            classes = list(s.objects(node, SH.targetClass))
            is_class = (node, RDF.type, RDFS.Class) in s or (node, RDF.type, _OWL_CLASS) in s
            if is_class and isinstance(node, URIRef):
                classes.append(node)
            return (
                classes,
                list(s.objects(node, SH.targetSubjectsOf)),
                list(s.objects(node, SH.targetObjectsOf)),
            )

        return self._once(("targets", node), build)

    def _subclasses(self, run: _Run, cls: Node) -> list[str] | None:
        """The classes whose instances are instances of ``cls`` (``cls`` and its subclasses,
        transitively), as SPARQL terms, when the run's class hierarchy is the context's
        (found once per engine); None when the data adds to it."""
        if run.hierarchy is None:
            return None

        def build() -> list[str]:
            term = _sparql_term(cls)
            query = f"SELECT DISTINCT ?t WHERE {{ ?t <{RDFS.subClassOf}>* {term} }}"
            found = {str(t) for t in run.nodes(query) if not isinstance(t, ox.Literal)}
            return sorted(found | {term})

        return self._once(("subclasses", run.hierarchy, cls), build)

    def _type_pairs(self, run: _Run, classes: Iterable[Node]) -> str | None:
        """``VALUES (?zgT ?zgC)`` of each class in ``classes`` with its subclasses, or None
        when the run's hierarchy is not the context's."""
        pairs = []
        for cls in classes:
            types = self._subclasses(run, cls)
            if types is None:
                return None
            pairs += [f"({t} {_sparql_term(cls)})" for t in types]
        return f"VALUES (?zgT ?zgC) {{ {' '.join(pairs)} }}"

    def _touched_targets(self, run: _Run, roots: list[_Shape]) -> dict[Node, list]:
        """The focus nodes of the class, subjects-of and objects-of targets of ``roots``
        among the nodes the data mentions, in two queries for all shapes: they start from
        the mentioned nodes, so their cost does not grow with the context."""
        by_class: dict[Node, list[Node]] = {}
        by_subject: dict[Node, list[Node]] = {}
        by_object: dict[Node, list[Node]] = {}
        for shape in roots:
            classes, subjects, objects = self._simple_targets(shape.node)
            for key, index in ((classes, by_class), (subjects, by_subject), (objects, by_object)):
                for term in key:
                    index.setdefault(term, []).append(shape.node)
        touched = (
            f"{{ SELECT DISTINCT ?this WHERE {{ GRAPH <{run.data.value}> {{ "
            "{ ?this ?zgTouchP ?zgTouchO } UNION { ?zgTouchS ?zgTouchP ?this } } } }"
        )
        # Large data: a target triple in the data graph makes its node a mentioned one, so
        # only the context's target triples are checked for mentions (their number is the
        # context's, not the data's); small data: its mentioned nodes are looked up.
        split = run.triples > len(self._context_quads)
        contexts = " ".join(f"<{g.value}>" for g in run.context)

        def mentioned(pattern: str, values: str) -> str:
            """``pattern`` (joined with ``values``) for the nodes ?this the data mentions."""
            if not split:
                return f"{touched} {values} {pattern}"
            return (
                f"{{ {values} GRAPH <{run.data.value}> {{ {pattern} }} }} UNION {{ "
                f"{values} VALUES ?zgG {{ {contexts} }} GRAPH ?zgG {{ {pattern} }} "
                f"{_DATA_TOUCH.format(data=run.data.value)} }}"
            )

        found: dict[Node, set] = {}

        def add(rows, index: dict[Node, list[Node]]) -> None:
            for row in rows:
                for shape in index.get(to_rdflib(row[1]), ()):
                    found.setdefault(shape, set()).add(row[0])

        if by_class:
            pairs = self._type_pairs(run, by_class)
            if pairs is None:
                classes = " ".join(_sparql_term(c) for c in by_class)
                query = (
                    f"SELECT DISTINCT ?this ?zgC WHERE {{ {touched} "
                    f"?this {_TYPE_PATH} ?zgC . VALUES ?zgC {{ {classes} }} }}"
                )
            else:
                typed = mentioned(f"?this <{RDF.type}> ?zgT", pairs)
                query = f"SELECT DISTINCT ?this ?zgC WHERE {{ {typed} }}"
            add(run.select(query), by_class)
        branches = []
        for index, pattern, k in (
            (by_subject, "?this ?zgP ?zgAny", 1), (by_object, "?zgAny ?zgP ?this", 2),
        ):  # fmt: skip
            if index:
                values = f"VALUES ?zgP {{ {' '.join(_sparql_term(p) for p in index)} }}"
                group = f"{values} {pattern}" if not split else mentioned(pattern, values)
                branches.append(f"{{ {group} BIND ({k} AS ?zgK) }}")
        if branches:
            union = " UNION ".join(branches)
            rows = run.select(
                f"SELECT DISTINCT ?this ?zgP ?zgK WHERE {{ {'' if split else touched} {union} }}"
            )
            add((r for r in rows if r[2].value == "1"), by_subject)
            add((r for r in rows if r[2].value == "2"), by_object)
        return {shape: list(nodes) for shape, nodes in found.items()}

    def _target_query(
        self, shape: _Shape, run: _Run, touched_only: bool, *, batched: bool = False
    ) -> str:
        """The query of ``shape``'s focus nodes; with ``batched``, only of the targets that
        :meth:`_touched_targets` does not find (SPARQL-based targets, explicit nodes)."""
        key = ("target query", shape.node, touched_only, batched)
        template = self._once(key, lambda: self._target_template(shape, touched_only, batched))
        return template.replace(_DATA_PLACEHOLDER, run.data.value)

    def _target_template(self, shape: _Shape, touched_only: bool, batched: bool) -> str:
        s, node = self.shapes, shape.node
        parts = []
        if not batched:
            classes, subjects, objects = self._simple_targets(node)
            parts = [f"{{ ?this {_TYPE_PATH} {_sparql_term(c)} }}" for c in classes]
            parts += [f"{{ ?this {_sparql_term(p)} ?zgAny }}" for p in subjects]
            parts += [f"{{ ?zgAny {_sparql_term(p)} ?this }}" for p in objects]
        prefixes = ""
        for target in s.objects(node, SH.target):
            select = s.value(target, SH.select)
            if select is None:
                raise UnsupportedShape(
                    f"shape {node.n3()}: only SPARQL-based sh:target is supported"
                )
            prefixes += self._prefix_declarations(target)
            parts.append("{ " + _strip_prologue(str(select)) + " }")
        touch = _DATA_TOUCH.format(data=_DATA_PLACEHOLDER) if touched_only else ""
        union = " UNION ".join(parts)
        query = f"SELECT DISTINCT ?this WHERE {{ {{ {union} }} {touch} }}" if parts else ""
        nodes = [_sparql_term(n) for n in s.objects(node, SH.targetNode)]
        if not nodes:
            return prefixes + query if query else ""
        # Explicit target nodes are focus nodes whether or not the data mentions them.
        explicit = f"{{ VALUES ?this {{ {' '.join(nodes)} }} }}"
        if not parts:
            return f"SELECT DISTINCT ?this WHERE {explicit}"
        return (
            f"{prefixes}SELECT DISTINCT ?this WHERE {{ {explicit} UNION "
            f"{{ {{ {union} }} {touch} }} }}"
        )

    # -- evaluation -------------------------------------------------------------------

    def _evaluate(
        self, run: _Run, shape: _Shape, focus: str, *, no_values: bool = False
    ) -> list[Result]:
        """The results of the focus nodes in graph ``focus`` against ``shape``.

        ``no_values``: no focus node has a value for the shape's path, so the components
        that only look at value nodes have nothing to report and are not run.
        """
        if shape.deactivated:
            return []
        out: list[Result] = []
        params = shape.params
        # sh:minCount and sh:maxCount of one path are counted in one query.
        both = (
            not no_values
            and len(params.get("minCount", ())) == len(params.get("maxCount", ())) == 1
        )
        if both:
            out.extend(_min_max_count(self, run, shape, focus))
        # The components that test each value alone (and sh:or, sh:and, sh:not, sh:xone of
        # shapes that only do that) are tested in one query: one scan of the value nodes.
        tests = [] if no_values else [
            (name, value, test) for name, values in params.items() for value in values
            if (test := _value_test(self, run, shape, name, value)) is not None
        ]  # fmt: skip
        if tests:
            out.extend(_filter_all(self, run, shape, focus, tests))
        fused = {(name, value) for name, value, _ in tests}
        for name, values in params.items():
            compile_ = _COMPONENTS.get(name)
            if compile_ is None or (no_values and name in _VALUE_BASED):
                continue
            if both and name in ("minCount", "maxCount"):
                continue
            values = [v for v in values if (name, v) not in fused]
            if no_values and name == "qualifiedValueShape":
                low = self.shapes.value(shape.node, SH.qualifiedMinCount)
                if low is None or int(low) <= 0:
                    continue
            for value in values:
                found = compile_(self, run, shape, focus, value)
                out.extend(
                    replace(r, parameter=value) if r.shape == shape.node else r for r in found
                )
        return out

    def _without_values(self, run: _Run, shape: _Shape, focus: str) -> set:
        """The property shapes of node shape ``shape`` whose path (a predicate or its
        inverse) has no value for any focus node in ``focus``: one query for all of them."""
        key = (shape.node, focus)
        if key in run.without_values:
            return run.without_values[key]
        simple = self._once(("simple paths", shape.node), lambda: self._simple_paths(shape))
        empty: set = set()
        if len(simple) > 1:
            branches = []
            for k, (inverse, predicates) in enumerate(simple.items()):
                if predicates:
                    triple = "?zgV ?zgP ?this" if inverse else "?this ?zgP ?zgV"
                    values = " ".join(_sparql_term(p) for p in predicates)
                    # Each predicate is looked for until one focus node has it, not
                    # through all the focus nodes' triples.
                    branches.append(
                        f"{{ VALUES ?zgP {{ {values} }} BIND ({k} AS ?zgK) "
                        f"FILTER EXISTS {{ {_focus_nodes(focus)} {triple} }} }}"
                    )
            rows = run.select(f"SELECT ?zgP ?zgK WHERE {{ {' UNION '.join(branches)} }}")
            present = {(r[1].value == "1", to_rdflib(r[0])) for r in rows}
            empty = {
                prop
                for inverse, predicates in simple.items()
                for predicate, props in predicates.items()
                if (inverse, predicate) not in present
                for prop in props
            }
        run.without_values[key] = empty
        return empty

    def _simple_paths(self, shape: _Shape) -> dict[bool, dict[Node, list[Node]]]:
        """{inverse?: {predicate: property shapes}} of the property shapes of ``shape``
        whose path is a predicate (False) or the inverse of one (True)."""
        out: dict[bool, dict[Node, list[Node]]] = {False: {}, True: {}}
        for prop in shape.params.get("property", []):
            path = self.shapes.value(prop, SH.path)
            inverse = self.shapes.value(path, SH.inversePath) if path is not None else None
            if isinstance(path, URIRef):
                out[False].setdefault(path, []).append(prop)
            elif isinstance(inverse, URIRef):
                out[True].setdefault(inverse, []).append(prop)
        return out if sum(len(v) for v in out.values()) > 1 else {}

    def _failing(self, run: _Run, shape_node: Node, values: Iterable[object]) -> set:
        """The nodes among ``values`` that do not conform to the shape ``shape_node``."""
        return {r.focus for r in self._nested(run, shape_node, values)}

    def _nested(self, run: _Run, shape_node: Node, values: Iterable[object]) -> list[Result]:
        """The results of ``values`` as focus nodes of the shape ``shape_node``."""
        values = set(values)
        if not values:
            return []
        shape = self._shape(shape_node)
        depth = run.depth.get(shape_node, 0)
        if depth > 8:
            raise UnsupportedShape(f"recursive shape {shape_node.n3()} is not supported")
        run.depth[shape_node] = depth + 1
        try:
            return self._evaluate(run, shape, run.focus_graph(values))
        finally:
            run.depth[shape_node] = depth

    def _value_pattern(self, shape: _Shape, focus: str) -> str:
        head = _focus_nodes(focus)
        if shape.path is None:
            return head + " BIND (?this AS ?value)"
        return f"{head} ?this {shape.path_sparql} ?value ."

    def _values(self, run: _Run, shape: _Shape, focus: str) -> set:
        """The distinct value nodes of the focus nodes in graph ``focus``."""
        query = f"SELECT DISTINCT ?value WHERE {{ {self._value_pattern(shape, focus)} }}"
        return set(run.nodes(query))

    def _pairs_with(self, run: _Run, shape: _Shape, focus: str, values: set) -> list[tuple]:
        """The (focus node, value node) pairs whose value is one of ``values``."""
        if not values:
            return []
        graph = run.focus_graph(values)
        query = (
            f"SELECT DISTINCT ?this ?value WHERE {{ {self._value_pattern(shape, focus)} "
            f"GRAPH <{graph}> {{ {_FOCUS} {_FOCUS} ?value }} }}"
        )
        return [(r["this"], r["value"]) for r in run.select(query)]

    def _result(
        self,
        shape: _Shape,
        component: str,
        focus,
        value=None,
        *,
        path=None,
        messages=None,
        constraint=None,
    ) -> Result:
        return Result(
            focus=focus,
            shape=shape.node,
            component=_component_iri(component),
            severity=shape.severity,
            path=shape.path if path is None else path,
            value=value,
            messages=shape.messages if messages is None else messages,
            constraint=constraint,
        )


@cache
def _component_iri(component: str) -> URIRef:
    """sh:<component>ConstraintComponent, made once (a large source has many results of
    nested shapes, e.g. the values that fail one branch of an sh:or)."""
    return SH[component + "ConstraintComponent"]


def _focus_nodes(focus: str) -> str:
    """The pattern binding ?this to each focus node of graph ``focus``."""
    return f"GRAPH <{focus}> {{ {_FOCUS} {_FOCUS} ?this }}"


_TYPE_PATH = (
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
    "<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
)


class _Run:
    """One validation: its data graph, the graphs of focus nodes it made, the dataset."""

    _counter = itertools.count()

    def __init__(self, store: ox.Store, context: list[ox.NamedNode]) -> None:
        self.store = store
        self.id = f"{_RUN}{uuid.uuid4().hex}"
        self.data = ox.NamedNode(self.id + ":data")
        self.default = [*context, self.data]
        self.graphs: list[ox.NamedNode] = [self.data]
        self.depth: dict[Node, int] = {}
        self.without_values: dict[tuple, set] = {}
        self.written = 0
        self.context = context
        # The context names whose class hierarchy this run has (None: the data adds to it).
        self.hierarchy: tuple[str, ...] | None = None
        self.triples = 0  # of the data

    def stage(self, quads: Iterable[ox.Quad]) -> None:
        """Put the data into the run's data graph."""
        quads = list(quads)
        self.store.bulk_extend(quads)
        self.written += len(quads)

    def load(self, path: str, triples: int) -> None:
        """Put the triples of an N-Triples file into the run's data graph."""
        self.store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=self.data)
        self.written += triples

    def select(self, query: str) -> list:
        return list(self.store.query(query, default_graph=self.default))

    def bindings(self, query: str) -> list[dict[str, object]]:
        """Solutions as dicts of the bound variables."""
        solutions = self.store.query(query, default_graph=self.default)
        names = [v.value for v in solutions.variables]
        return [
            {n: t for n, t in zip(names, row, strict=True) if t is not None} for row in solutions
        ]

    def nodes(self, query: str) -> list:
        return [r[0] for r in self.select(query)] if query else []

    def focus_graph(self, nodes: Iterable[object]) -> str:
        graph = ox.NamedNode(f"{self.id}:focus:{next(self._counter)}")
        focus = ox.NamedNode(_FOCUS[1:-1])
        quads = [ox.Quad(focus, focus, n, graph) for n in nodes]
        # The bulk loader costs more per call than a small transaction saves.
        (self.store.bulk_extend if len(quads) > 1000 else self.store.extend)(quads)
        self.written += len(quads)
        self.graphs.append(graph)
        return graph.value

    def close(self) -> None:
        for graph in self.graphs:
            self.store.remove_graph(graph)


# -- constraint components ----------------------------------------------------------------
# Each takes (engine, run, shape, focus graph, parameter value) and returns Results.


_LOGIC = {"or": "Or", "and": "And", "not": "Not", "xone": "Xone"}


def _value_test(engine: Engine, run: _Run, shape: _Shape, name: str, param: Node) -> str | None:
    """An expression on ``?value`` that is true when the value fails component ``name``
    with ``param`` of ``shape``, for the components that test each value alone; None for
    the others (evaluated as such)."""

    def build() -> str | None:
        if name in _FILTER_TESTS:
            return f"!COALESCE({_FILTER_TESTS[name][1](engine, shape, param, run)}, false)"
        if name in _LOGIC:
            conforms = _logic_test(engine, run, name, param, 0)
            return None if conforms is None else f"!({conforms})"
        return None

    return engine._once(("value test", name, shape.node, param, run.hierarchy), build)


def _logic_test(engine: Engine, run: _Run, name: str, param: Node, depth: int) -> str | None:
    """An expression on ``?value`` that is true when the value conforms to sh:or, sh:and,
    sh:not or sh:xone of ``param``, when each member shape only tests each value alone."""
    if depth > 8:
        return None
    members = [param] if name == "not" else list(Collection(engine.shapes, param))
    tests = [_conformance_test(engine, m, run, depth + 1) for m in members]
    if any(t is None for t in tests):
        return None
    if name == "not":
        return f"!({tests[0]})"
    if name == "and":
        return "(" + (" && ".join(tests) or "true") + ")"
    if name == "or":
        return "(" + (" || ".join(tests) or "false") + ")"
    return "((" + " + ".join(f"IF({t}, 1, 0)" for t in tests) + ") = 1)" if tests else "false"


def _filter_all(
    engine: Engine, run: _Run, shape: _Shape, focus: str, tests: list[tuple[str, Node, str]]
) -> list[Result]:
    """The results of the components that test each value alone (``tests``: name,
    parameter, the expression that is true when a value fails), from one query: the
    values that fail any test, with a flag per test."""
    failing = [test for _, _, test in tests]
    flags = " ".join(f"({f} AS ?zgF{i})" for i, f in enumerate(failing))
    query = (
        f"SELECT DISTINCT ?this ?value {flags} WHERE {{ {engine._value_pattern(shape, focus)} "
        f"FILTER ({' || '.join(failing)}) }}"
    )
    out = []
    rows = run.select(query)
    for i, (name, param, _) in enumerate(tests):
        component = _FILTER_TESTS[name][0] if name in _FILTER_TESTS else _LOGIC[name]
        out.extend(
            replace(engine._result(shape, component, r[0], r[1]), parameter=param)
            for r in rows
            if r[2 + i].value == "true"
        )
    return out


def _class_test(engine: Engine, shape: _Shape, param: Node, run: _Run) -> str:
    types = engine._subclasses(run, param)
    if types is None:  # the data adds to the class hierarchy: walk it
        return f"EXISTS {{ ?value {_TYPE_PATH} {_sparql_term(param)} }}"
    if len(types) == 1:
        return f"EXISTS {{ ?value <{RDF.type}> {types[0]} }}"
    return f"EXISTS {{ ?value <{RDF.type}> ?zgT . FILTER (?zgT IN ({', '.join(types)})) }}"


def _datatype_test(engine: Engine, shape: _Shape, param: Node, run: _Run) -> str:
    dt = _sparql_term(param)
    test = f"isLiteral(?value) && DATATYPE(?value) = {dt}"
    if param == RDF.langString:
        return test
    test += ' && LANG(?value) = ""'
    if param in _CASTABLE:
        return f"{test} && isLiteral({dt}(STR(?value)))"
    if param in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[param]
        test += ' && REGEX(STR(?value), "^[+-]?[0-9]+$")'
        if low is not None:
            test += f" && xsd_integer_cast >= {low}"
        if high is not None:
            test += f" && xsd_integer_cast <= {high}"
        return test.replace(
            "xsd_integer_cast", "<http://www.w3.org/2001/XMLSchema#integer>(STR(?value))"
        )
    return test


def _node_kind_test(engine: Engine, shape: _Shape, param: Node, run: _Run) -> str:
    tests = {
        SH.IRI: "isIRI(?value)",
        SH.BlankNode: "isBlank(?value)",
        SH.Literal: "isLiteral(?value)",
        SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))",
        SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
        SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
    }
    if param not in tests:
        raise UnsupportedShape(f"unknown sh:nodeKind {param.n3()}")
    return tests[param]


def _in_test(engine: Engine, shape: _Shape, param: Node, run: _Run) -> str:
    members = list(Collection(engine.shapes, param))
    return (
        "("
        + (" || ".join(f"sameTerm(?value, {_sparql_term(m)})" for m in members) or "false")
        + ")"
    )


def _pattern_test(engine: Engine, shape: _Shape, param: Node, run: _Run) -> str:
    flags = engine.shapes.value(shape.node, SH.flags)
    flag = f", {_sparql_term(Literal(str(flags)))}" if flags is not None else ""
    return f"(!isBlank(?value) && REGEX(STR(?value), {_sparql_term(Literal(str(param)))}{flag}))"


def _compare(op: str):
    return lambda engine, shape, param, run: f"(?value {op} {_sparql_term(param)})"


def _length(op: str):
    return lambda engine, shape, param, run: (
        f"(!isBlank(?value) && STRLEN(STR(?value)) {op} {int(param)})"
    )


def _language_in_test(engine: Engine, shape: _Shape, param: Node, run: _Run) -> str:
    tags = [str(t) for t in Collection(engine.shapes, param)]
    tests = [f"LANGMATCHES(LANG(?value), {_sparql_term(Literal(t))})" for t in tags]
    return "(isLiteral(?value) && (" + (" || ".join(tests) or "false") + "))"


def _count(component: str, op: str):
    def compile_(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
        bound = int(param)
        if component == "MinCount" and bound == 0:
            return []
        # Bind the focus nodes once (SELECT DISTINCT) and count distinct values per node.
        query = (
            f"SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ "
            f"{{ SELECT DISTINCT ?this WHERE {{ {_focus_nodes(focus)} }} }} "
            f"OPTIONAL {{ ?this {shape.path_sparql} ?value }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) {op} {bound})"
        )
        return [engine._result(shape, component, r["this"]) for r in run.select(query)]

    return compile_


def _min_max_count(engine: Engine, run: _Run, shape: _Shape, focus: str) -> list[Result]:
    """The results of a shape's sh:minCount and sh:maxCount, from one count per focus node."""
    low_param, high_param = shape.params["minCount"][0], shape.params["maxCount"][0]
    low, high = int(low_param), int(high_param)
    query = (
        f"SELECT ?this ?n WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ "
        f"{{ SELECT DISTINCT ?this WHERE {{ {_focus_nodes(focus)} }} }} "
        f"OPTIONAL {{ ?this {shape.path_sparql} ?value }} }} GROUP BY ?this }} "
        f"FILTER (?n < {low} || ?n > {high}) }}"
    )
    out = []
    for r in run.select(query):
        n = int(r["n"].value)
        if n < low:
            out.append(replace(engine._result(shape, "MinCount", r["this"]), parameter=low_param))
        if n > high:
            out.append(replace(engine._result(shape, "MaxCount", r["this"]), parameter=high_param))
    return out


def _has_value(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
    term = _sparql_term(param)
    head = _focus_nodes(focus)
    if shape.path is None:
        query = f"SELECT DISTINCT ?this WHERE {{ {head} FILTER (!sameTerm(?this, {term})) }}"
    else:
        query = (
            f"SELECT DISTINCT ?this WHERE {{ {head} "
            f"FILTER NOT EXISTS {{ ?this {shape.path_sparql} ?zgV . "
            f"FILTER (sameTerm(?zgV, {term})) }} }}"
        )
    return [engine._result(shape, "HasValue", r["this"]) for r in run.select(query)]


def _unique_lang(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
    if str(param).lower() != "true":
        return []
    query = (
        f"SELECT DISTINCT ?this (LCASE(LANG(?value)) AS ?lang) WHERE {{ "
        f"{engine._value_pattern(shape, focus)} ?this {shape.path_sparql} ?other . "
        'FILTER (LANG(?value) != "" && !sameTerm(?value, ?other) '
        "&& LCASE(LANG(?value)) = LCASE(LANG(?other))) }"
    )
    return [engine._result(shape, "UniqueLang", r["this"]) for r in run.select(query)]


def _property_pair(component: str):
    def compile_(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
        pattern = engine._value_pattern(shape, focus)
        other = f"<{param}>"
        if component == "Disjoint":
            query = (
                f"SELECT DISTINCT ?this ?value WHERE {{ {pattern} ?this {other} ?o . "
                "FILTER (sameTerm(?value, ?o)) }"
            )
        elif component == "Equals":
            head = _focus_nodes(focus)
            mine = (
                "BIND (?this AS ?value)"
                if shape.path is None
                else f"?this {shape.path_sparql} ?value ."
            )
            query = (
                f"SELECT DISTINCT ?this ?value WHERE {{ {{ {pattern} "
                f"FILTER NOT EXISTS {{ ?this {other} ?zgO . FILTER (sameTerm(?zgO, ?value)) }} }} "
                f"UNION {{ {head} ?this {other} ?value . "
                f"FILTER NOT EXISTS {{ {mine.replace('?value', '?zgM')} "
                "FILTER (sameTerm(?zgM, ?value)) } } }"
            )
        else:
            op = "<" if component == "LessThan" else "<="
            query = (
                f"SELECT DISTINCT ?this ?value ?o WHERE {{ {pattern} ?this {other} ?o . "
                f"FILTER (!COALESCE(?value {op} ?o, false)) }}"
            )
        return [engine._result(shape, component, r["this"], r["value"]) for r in run.select(query)]

    return compile_


def _closed(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
    if str(param).lower() != "true":
        return []
    allowed = {
        engine.shapes.value(p, SH.path) for p in engine.shapes.objects(shape.node, SH.property)
    }
    for ignored in engine.shapes.objects(shape.node, SH.ignoredProperties):
        allowed.update(Collection(engine.shapes, ignored))
    allowed = {a for a in allowed if isinstance(a, URIRef)}
    test = " && ".join(f"?p != <{a}>" for a in allowed) or "true"
    query = (
        f"SELECT DISTINCT ?this ?p ?value WHERE {{ {engine._value_pattern(shape, focus)} "
        f"?value ?p ?o . FILTER ({test}) }}"
    )
    query = query.replace("?value ?p ?o", "?value ?p ?zgO").replace(
        "SELECT DISTINCT ?this ?p ?value", "SELECT DISTINCT ?this ?p ?zgO"
    )
    return [
        engine._result(shape, "Closed", r["this"], r["zgO"], path=to_rdflib(r["p"]))
        for r in run.select(query)
    ]


def _shape_logic(component: str):
    """sh:node, sh:not, sh:and, sh:or, sh:xone: conformance of value nodes to other shapes."""

    def compile_(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
        # Only distinct value nodes and the failing ones cross into Python.
        values = engine._values(run, shape, focus)
        if component == "Node":
            why: dict[object, list[Result]] = {}
            for r in engine._nested(run, param, values):
                why.setdefault(r.focus, []).append(r)
            return [
                replace(engine._result(shape, component, t, v), details=tuple(why[v]))
                for t, v in engine._pairs_with(run, shape, focus, set(why))
            ]
        members = engine._once(
            ("members", param),
            lambda: [param] if component == "Not" else list(Collection(engine.shapes, param)),
        )
        if component == "Or":
            bad = set(values)
            for m in members:
                bad &= engine._failing(run, m, bad)
        elif component == "Xone":
            conforming = {v: 0 for v in values}
            for m in members:
                failing = engine._failing(run, m, values)
                for v in values - failing:
                    conforming[v] += 1
            bad = {v for v, n in conforming.items() if n != 1}
        else:
            failing = set()
            for m in members:
                failing |= engine._failing(run, m, values - failing)
            bad = failing if component == "And" else values - failing
        return [
            engine._result(shape, component, t, v)
            for t, v in engine._pairs_with(run, shape, focus, bad)
        ]

    return compile_


def _qualified(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
    s = engine.shapes
    low = s.value(shape.node, SH.qualifiedMinCount)
    high = s.value(shape.node, SH.qualifiedMaxCount)
    disjoint = str(s.value(shape.node, SH.qualifiedValueShapesDisjoint)).lower() == "true"
    test = (
        None
        if disjoint or shape.path is None
        else engine._once(
            ("conformance test", param, run.hierarchy),
            lambda: _conformance_test(engine, param, run),
        )
    )
    if test is not None:
        # The qualified shape only tests each value node alone (sh:class, sh:datatype,
        # sh:languageIn, ...): the conforming values are counted in the same query.
        bounds = [f"?n < {int(low)}"] if low is not None else []
        bounds += [f"?n > {int(high)}"] if high is not None else []
        query = (
            f"SELECT ?this ?n WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ "
            f"{{ SELECT DISTINCT ?this WHERE {{ {_focus_nodes(focus)} }} }} "
            f"OPTIONAL {{ ?this {shape.path_sparql} ?value . FILTER ({test}) }} }} "
            f"GROUP BY ?this }} FILTER ({' || '.join(bounds) or 'false'}) }}"
        )
    else:
        values = engine._values(run, shape, focus)
        ok = values - engine._failing(run, param, values)
        if disjoint:
            for sibling in _siblings(s, shape.node, param):
                ok -= values - engine._failing(run, sibling, ok)
        conforming = run.focus_graph(ok)
        path = shape.path_sparql
        mine = "BIND (?this AS ?value)" if shape.path is None else f"?this {path} ?value ."
        query = (
            f"SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ "
            f"{{ SELECT DISTINCT ?this WHERE {{ {_focus_nodes(focus)} }} }} "
            f"OPTIONAL {{ {mine} GRAPH <{conforming}> {{ {_FOCUS} {_FOCUS} ?value }} }} }} "
            "GROUP BY ?this"
        )
    out = []
    for r in run.select(query):
        n = int(r["n"].value)
        if low is not None and n < int(low):
            out.append(engine._result(shape, "QualifiedMinCount", r["this"]))
        if high is not None and n > int(high):
            out.append(engine._result(shape, "QualifiedMaxCount", r["this"]))
    return out


def _conformance_test(engine: Engine, node: Node, run: _Run, depth: int = 0) -> str | None:
    """A SPARQL expression on ``?value`` that holds when the value conforms to the shape
    ``node``, when that shape only has components that test each value alone (those of
    _FILTER_TESTS, sh:hasValue, and sh:or, sh:and, sh:not, sh:xone of such shapes); None
    otherwise (it is then evaluated as a shape)."""
    nested = engine._shape(node)
    if nested.deactivated or nested.path is not None:
        return None
    tests = []
    for name, params in nested.params.items():
        if name == "flags":  # read by sh:pattern
            continue
        for p in params:
            if name in _FILTER_TESTS:
                test = _FILTER_TESTS[name][1](engine, nested, p, run)
            elif name == "hasValue":  # of a node shape: the value is that node
                test = f"sameTerm(?value, {_sparql_term(p)})"
            elif name in _LOGIC:
                test = _logic_test(engine, run, name, p, depth)
            else:
                test = None
            if test is None:
                return None
            tests.append(f"COALESCE({test}, false)")
    return "(" + (" && ".join(tests) or "true") + ")"


def _siblings(s: Graph, shape: Node, qualified: Node) -> set:
    out = set()
    for parent in s.subjects(SH.property, shape):
        for sibling in s.objects(parent, SH.property):
            if sibling != shape:
                out.update(q for q in s.objects(sibling, SH.qualifiedValueShape) if q != qualified)
    return out


def _property(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
    prop = engine._shape(param)
    if shape.path is None:
        empty = param in engine._without_values(run, shape, focus)
        return engine._evaluate(run, prop, focus, no_values=empty)
    values = engine._values(run, shape, focus)
    return engine._evaluate(run, prop, run.focus_graph(values)) if values else []


_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_MESSAGE_VARIABLE = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def _sparql(engine: Engine, run: _Run, shape: _Shape, focus: str, param: Node) -> list[Result]:
    compiled = engine._once(
        ("sparql", shape.node, param), lambda: _compile_sparql(engine, shape, param)
    )
    if compiled is None:
        return []
    template, messages = compiled
    query = template.replace(_FOCUS_PLACEHOLDER, focus)
    out = []
    for bindings in run.bindings(query):
        value = bindings.get("value")
        if value is None and shape.path is None:
            value = bindings.get("this")
        path = bindings.get("path")
        path = to_rdflib(path) if isinstance(path, ox.NamedNode) else shape.path
        out.append(
            engine._result(
                shape,
                "SPARQL",
                bindings["this"],
                value,
                path=path,
                messages=tuple(_substitute(m, bindings) for m in messages),
                constraint=param,
            )
        )
    return out


def _compile_sparql(engine: Engine, shape: _Shape, param: Node) -> tuple[str, tuple] | None:
    """The query of a SPARQL constraint, pre-bound to a focus graph placeholder, and its
    messages; None for a deactivated constraint."""
    s = engine.shapes
    if str(s.value(param, SH.deactivated)).lower() == "true":
        return None
    select = s.value(param, SH.select)
    if select is None:
        raise UnsupportedShape(
            f"shape {shape.node.n3()}: only sh:select SPARQL constraints are supported"
        )
    text = str(select)
    if shape.path is not None:
        text = text.replace("$PATH", shape.path_sparql)
    if isinstance(shape.node, URIRef):
        text = text.replace("$currentShape", f"<{shape.node}>")
    if "$shapesGraph" in text:
        raise UnsupportedShape("$shapesGraph in SPARQL constraints is not supported")
    _check_pre_binding(text)
    query = engine._prefix_declarations(param) + _prebind(text, _focus_nodes(_FOCUS_PLACEHOLDER))
    messages = (
        tuple(m for m in s.objects(param, SH.message) if isinstance(m, Literal)) or shape.messages
    )
    return query, messages


def _substitute(message: Literal, bindings: dict) -> Literal:
    def one(m: re.Match) -> str:
        term = bindings.get(m.group(1))
        return m.group(0) if term is None else str(to_rdflib(term))

    return Literal(
        _MESSAGE_VARIABLE.sub(one, str(message)), lang=message.language, datatype=message.datatype
    )


# Components that report only about value nodes: nothing to run when there are none.
_VALUE_BASED = {
    "class", "datatype", "nodeKind", "in", "pattern", "minInclusive", "maxInclusive",
    "minExclusive", "maxExclusive", "minLength", "maxLength", "languageIn", "uniqueLang",
    "maxCount", "node", "not", "and", "or", "xone", "disjoint", "lessThan",
    "lessThanOrEquals", "closed", "property",
}  # fmt: skip

# Components that test each value node alone: (component, the test on ?value).
_FILTER_TESTS = {
    "class": ("Class", _class_test),
    "datatype": ("Datatype", _datatype_test),
    "nodeKind": ("NodeKind", _node_kind_test),
    "in": ("In", _in_test),
    "pattern": ("Pattern", _pattern_test),
    "minInclusive": ("MinInclusive", _compare(">=")),
    "maxInclusive": ("MaxInclusive", _compare("<=")),
    "minExclusive": ("MinExclusive", _compare(">")),
    "maxExclusive": ("MaxExclusive", _compare("<")),
    "minLength": ("MinLength", _length(">=")),
    "maxLength": ("MaxLength", _length("<=")),
    "languageIn": ("LanguageIn", _language_in_test),
}

_COMPONENTS = {
    # the components of _FILTER_TESTS: _filter_all, one query per shape
    "minCount": _count("MinCount", "<"),
    "maxCount": _count("MaxCount", ">"),
    "hasValue": _has_value,
    "uniqueLang": _unique_lang,
    "equals": _property_pair("Equals"),
    "disjoint": _property_pair("Disjoint"),
    "lessThan": _property_pair("LessThan"),
    "lessThanOrEquals": _property_pair("LessThanOrEquals"),
    "closed": _closed,
    "node": _shape_logic("Node"),
    "not": _shape_logic("Not"),
    "and": _shape_logic("And"),
    "or": _shape_logic("Or"),
    "xone": _shape_logic("Xone"),
    "qualifiedValueShape": _qualified,
    "property": _property,
    "sparql": _sparql,
}


# -- SPARQL text ------------------------------------------------------------------------

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)
_SUBQUERY = re.compile(r"\s*SELECT\b", re.IGNORECASE)  # a group that is a subquery
_VALUES_BEFORE = re.compile(r"VALUES\s*(?:[?$]\w+|\([^)]*\))\s*$", re.IGNORECASE)


def _prebind(query: str, focus_pattern: str) -> str:
    """Pre-bind ``$this`` to the focus nodes: join every group that mentions it with them.

    A group evaluates bottom-up in SPARQL, so a ``FILTER NOT EXISTS { $this ... }``
    inside an inner group would not see an outer binding of ``?this``; joining each
    group that mentions ``$this`` with the focus nodes gives it the binding.
    """
    groups: list[list[int]] = []  # [open, close]
    stack: list[int] = []
    mentions: list[int] = []
    i = 0
    while i < len(query):
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            i = len(query) if end < 0 else end
            continue
        if c in "\"'":
            m = _STRING.match(query, i)
            if m:
                i = m.end()
                continue
        if c == "<":
            m = _IRIREF.match(query, i)
            if m:
                i = m.end()
                continue
        if c == "{":
            stack.append(-1 if _VALUES_BEFORE.search(query[:i]) else i)
        elif c == "}" and stack:
            start = stack.pop()
            if start >= 0:
                groups.append([start, i])
        elif query.startswith("$this", i) and not query[i + 5 : i + 6].isalnum():
            mentions.append(i)
        i += 1
    inserts = sorted(
        {
            start
            for start, end in groups
            if any(start < m < end for m in mentions) and not _SUBQUERY.match(query, start + 1)
        },
        reverse=True,
    )
    for start in inserts:
        query = query[: start + 1] + " " + focus_pattern + " " + query[start + 1 :]
    return re.sub(r"\$this\b", "?this", query)


# SHACL 5.2.1: syntax that pre-binding cannot give a meaning to.
_NOT_PRE_BINDABLE = re.compile(r"\b(MINUS|SERVICE|VALUES)\b|\bAS\s+[?$]this\b", re.IGNORECASE)


def _check_pre_binding(query: str) -> None:
    found = _NOT_PRE_BINDABLE.search(query)
    if found:
        raise UnsupportedShape(
            f"SHACL-SPARQL queries must not use {found.group(0)!r} (SHACL 5.2.1 pre-binding)"
        )


def _strip_prologue(select: str) -> str:
    """A SELECT query without its PREFIX/BASE lines (they move to the top)."""
    return re.sub(r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", select, flags=re.I)


def _sparql_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return str(from_rdflib(node))
    raise UnsupportedShape(f"a blank node {node.n3()} cannot be a constraint parameter")


# -- terms --------------------------------------------------------------------------------


def to_rdflib(term) -> Node:
    """An oxigraph term as rdflib term, an xsd:string literal plain (as pySHACL reports it)."""
    node = store_term(term)
    if isinstance(node, Literal) and node.datatype == XSD.string:
        return Literal(str(node))
    return node


def offers_quads(data: object) -> bool:
    """Whether ``data`` gives its triples as engine quads: ``data.quads(graph)``, as
    kg.staging.StagedGraph does (an rdflib Graph's own ``quads`` is another API)."""
    return not isinstance(data, Graph) and callable(getattr(data, "quads", None))


def ntriples_file(data: object) -> str | None:
    """The N-Triples file that holds ``data``'s triples, each once, when ``data`` is one
    (``data.ntriples_path()``, as kg.staging.StagedGraph offers): the engine parses it."""
    path = getattr(data, "ntriples_path", None)
    return str(path()) if not isinstance(data, Graph) and callable(path) else None


def data_quads(data: Graph, name: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
    """The triples of ``data`` as engine quads of graph ``name``: the data's own engine
    terms when it offers them (:func:`offers_quads`), else converted from rdflib."""
    if offers_quads(data):
        return iter(data.quads(name))  # type: ignore[attr-defined]
    return _quads(data, name)


def _quads(graph: Graph, name: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
    term = rdflib_converter()
    for s, p, o in graph:
        yield ox.Quad(term(s), term(p), term(o), name)


def _root_shapes(shapes: Graph) -> list[Node]:
    """Shapes with a target (or that are classes): where validation starts."""
    roots = set()
    for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        roots.update(shapes.subjects(p, None))
    for kind in (SH.NodeShape, SH.PropertyShape):
        for s in shapes.subjects(RDF.type, kind):
            if (s, RDF.type, RDFS.Class) in shapes or (s, RDF.type, _OWL_CLASS) in shapes:
                roots.add(s)
    return sorted(roots, key=lambda n: (isinstance(n, BNode), str(n)))
