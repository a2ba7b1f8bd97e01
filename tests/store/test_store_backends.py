"""The store contract, run against the embedded store and a real Oxigraph server alike."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.store import RDF_FORMATS, RESULT_FORMATS, Store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "store"
CHENGDU = "https://w3id.org/zonegraph/graph/source/chengdu"
SICHUAN = "https://w3id.org/zonegraph/graph/source/sichuan"
ZONE = "https://w3id.org/zonegraph/id/zone/chengdu-high-tech-industrial-development-zone"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _load(store: Store) -> None:
    store.replace_graphs(
        {
            CHENGDU: (FIXTURES / "chengdu.nt").read_bytes(),
            SICHUAN: (FIXTURES / "sichuan.nt").read_bytes(),
        }
    )


def _quads(data: bytes, fmt: str) -> set[str]:
    """Quads as canonical N-Quads lines, blank node labels blanked out."""
    out = set()
    for q in ox.parse(data, ox.RdfFormat.from_media_type(RDF_FORMATS[fmt])):
        parts = [
            "_:b" if isinstance(t, ox.BlankNode) else str(t)
            for t in (q.subject, q.predicate, q.object)
        ]
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        out.add(" ".join([*parts, graph]))
    return out


def test_select_returns_rdflib_terms_with_unicode_and_language_tags(store):
    _load(store)
    result = store.query(
        f"SELECT ?label WHERE {{ <{ZONE}> ?p ?label "
        "FILTER(isLiteral(?label) && LANG(?label) != '') }"
    )
    assert result.kind == "solutions"
    assert result.variables == ["label"]
    labels = {row["label"] for row in result.rows()}
    assert Literal("成都高新技术产业开发区", lang="zh") in labels
    assert Literal("成都高新区", lang="zh-hans") in labels
    assert Literal('Chengdu Hi-Tech Zone — "CDHT"\n(with a line break) 🚀', lang="en-gb") in labels


def test_unbound_variables_are_left_out_of_rows(store):
    _load(store)
    rows = store.select(
        "SELECT ?s ?missing WHERE { ?s a <http://purl.org/linked-data/cube#Observation> "
        "OPTIONAL { ?s <http://ex/nothing> ?missing } }"
    )
    assert len(rows) == 2
    assert all(set(row) == {"s"} for row in rows)


def test_ask_answers_true_and_false(store):
    _load(store)
    assert store.ask(f'ASK {{ <{ZONE}> <{RDFS_LABEL}> "成都高新技术产业开发区"@zh }}') is True
    assert store.ask(f'ASK {{ <{ZONE}> <{RDFS_LABEL}> "成都高新技术产业开发区"@en }}') is False
    assert store.query("ASK {}").kind == "boolean"


def test_construct_returns_triples(store):
    _load(store)
    result = store.query(f"CONSTRUCT {{ ?s <{RDFS_LABEL}> ?o }} WHERE {{ ?s <{RDFS_LABEL}> ?o }}")
    assert result.kind == "graph"
    triples = set(result.triples())
    assert (
        URIRef(ZONE),
        URIRef(RDFS_LABEL),
        Literal("成都高新技术产业开发区", lang="zh"),
    ) in triples
    assert len(triples) == 4


@pytest.mark.parametrize("fmt", sorted(RESULT_FORMATS))
def test_select_serialises_in_every_results_format(store, fmt):
    _load(store)
    result = store.query(f"SELECT ?label WHERE {{ <{ZONE}> <{RDFS_LABEL}> ?label }}")
    data = result.serialize(fmt)
    assert "成都高新技术产业开发区" in data.decode("utf-8")
    if fmt == "csv":  # lossy: no parser reads it back
        assert len(data.decode("utf-8").strip().splitlines()) == 3
    else:
        parsed = ox.parse_query_results(
            data, ox.QueryResultsFormat.from_media_type(RESULT_FORMATS[fmt])
        )
        assert len(list(parsed)) == 2
    out = io.BytesIO()
    again = store.query(f"SELECT ?label WHERE {{ <{ZONE}> <{RDFS_LABEL}> ?label }}")
    assert again.serialize(fmt, out) is None
    assert out.getvalue() == data


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask_serialises(store, fmt):
    data = store.query("ASK {}").serialize(fmt)
    assert b"true" in data


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_construct_serialises_in_every_rdf_format(store, fmt):
    _load(store)
    result = store.query(f"CONSTRUCT {{ <{ZONE}> ?p ?o }} WHERE {{ <{ZONE}> ?p ?o }}")
    data = result.serialize(fmt)
    assert len(_quads(data, fmt)) == 7


def test_wrong_format_for_the_kind_of_query_is_a_query_error(store):
    with pytest.raises(QueryError, match="use one of"):
        store.query("SELECT * WHERE { ?s ?p ?o }").serialize("turtle")
    with pytest.raises(QueryError, match="use one of"):
        store.query("CONSTRUCT WHERE { ?s ?p ?o }").serialize("csv")


def test_default_graph_is_the_union_of_all_graphs(store):
    _load(store)
    # One pattern joins facts from two source graphs.
    rows = store.select(
        f"SELECT ?label ?region WHERE {{ <{ZONE}> <{RDFS_LABEL}> ?label ; "
        "<https://w3id.org/zonegraph/ontology#locatedIn> ?region }"
    )
    assert len(rows) == 2
    assert {str(r["region"]) for r in rows} == {"https://w3id.org/zonegraph/id/region/chengdu"}


def test_graph_selects_one_graph(store):
    _load(store)
    q = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}"
    assert int(store.select(q.format(CHENGDU))[0]["n"]) == 13
    assert int(store.select(q.format(SICHUAN))[0]["n"]) == 8
    rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [str(r["g"]) for r in rows] == [CHENGDU, SICHUAN]


def test_from_clause_and_protocol_dataset_choose_the_default_graph(store):
    _load(store)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(store.query(q, default_graphs=[SICHUAN]).rows()[0]["n"].toPython()) == 8
    from_clause = f"SELECT (COUNT(*) AS ?n) FROM <{SICHUAN}> WHERE {{ ?s ?p ?o }}"
    assert int(store.select(from_clause)[0]["n"]) == 8
    named = store.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[CHENGDU]
    ).rows()
    assert [str(r["g"]) for r in named] == [CHENGDU]


def test_replace_graphs_replaces_only_its_graph_and_runs_then(store):
    _load(store)
    store.replace_graphs(
        {CHENGDU: f'<{ZONE}> <{RDFS_LABEL}> "new label"@en .\n'.encode()},
        then='INSERT DATA { GRAPH <http://ex/catalog> { <http://ex/c> <http://ex/loaded> "yes" } }',
    )
    assert store.count(CHENGDU) == 1
    assert store.count(SICHUAN) == 8
    assert store.ask('ASK { GRAPH <http://ex/catalog> { ?c ?p "yes" } }')
    assert not store.ask('ASK { ?s ?p "成都高新技术产业开发区"@zh }')


def test_replace_graphs_is_atomic_when_one_graph_is_bad(store):
    _load(store)
    with pytest.raises(QueryError):
        store.replace_graphs(
            {
                CHENGDU: b'<http://ex/a> <http://ex/p> "fine" .\n',
                SICHUAN: b"<http://ex/a> <http://ex/p> this is not rdf .\n",
            },
            then="INSERT DATA { GRAPH <http://ex/catalog> { <http://ex/c> <http://ex/p> 1 } }",
        )
    assert store.count(CHENGDU) == 13
    assert store.count(SICHUAN) == 8
    assert store.graphs() == [CHENGDU, SICHUAN]


def test_replace_with_nothing_removes_the_graph(store):
    _load(store)
    store.replace_graphs({CHENGDU: b""})
    assert store.graphs() == [SICHUAN]
    assert store.count() == 8


def test_add_to_graph_keeps_what_is_there(store):
    _load(store)
    store.add_to_graph(SICHUAN, '<http://ex/a> <http://ex/p> "añadido" .\n'.encode())
    store.add_to_graph("http://ex/new", b"<http://ex/a> <http://ex/p> <http://ex/b> .\n")
    assert store.count(SICHUAN) == 9
    assert store.graphs() == ["http://ex/new", CHENGDU, SICHUAN]
    assert store.ask(
        'ASK { GRAPH <https://w3id.org/zonegraph/graph/source/sichuan> { ?s ?p "añadido" } }'
    )


def test_graphs_and_count(store):
    assert store.graphs() == []
    assert store.count() == 0
    assert store.is_empty()
    _load(store)
    assert store.graphs() == [CHENGDU, SICHUAN]
    assert store.count() == 21
    assert store.count(CHENGDU) == 13
    assert store.count("http://ex/absent") == 0
    store.drop_graph(SICHUAN)
    assert store.graphs() == [CHENGDU]


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_of_one_graph_in_every_format(store, fmt):
    _load(store)
    data = store.export(fmt, graph=SICHUAN)
    expected = _quads((FIXTURES / "sichuan.nt").read_bytes(), "ntriples")
    assert _quads(data, fmt) == expected
    out = io.BytesIO()
    assert store.export(fmt, out, graph=SICHUAN) is None
    assert _quads(out.getvalue(), fmt) == expected


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_of_the_whole_store_in_every_format(store, fmt):
    _load(store)
    data = store.export(fmt)
    quads = _quads(data, fmt)
    assert len(quads) == 21
    graphs = {q.rsplit(" ", 1)[-1] for q in quads}
    if fmt in ("nquads", "trig"):
        assert graphs == {CHENGDU, SICHUAN}
    else:
        assert graphs == {""}  # the union, as triples


def test_export_of_an_absent_graph_is_empty(store):
    assert store.export("ntriples", graph="http://ex/absent") == b""


def test_malformed_query_and_update_raise_query_error_with_the_parser_message(store):
    with pytest.raises(QueryError, match=r"malformed query.*1:"):
        store.query("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="malformed update"):
        store.update("INSERT DATA { <http://ex/a> <http://ex/p> }")


def test_update_changes_what_queries_see(store):
    store.update('INSERT DATA { GRAPH <http://ex/g> { <http://ex/a> <http://ex/p> "v"@fr } }')
    assert store.select("SELECT ?o WHERE { ?s ?p ?o }")[0]["o"] == Literal("v", lang="fr")
    store.update("DELETE WHERE { GRAPH <http://ex/g> { ?s ?p ?o } }")
    assert store.count() == 0
