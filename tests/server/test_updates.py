"""server.updates: the protocol's update dataset and CLEAR, written into the update text.

Each rewritten update is also run on a real store, so a rewrite that breaks
the syntax or the meaning shows up as a wrong answer, not just a wrong string.
"""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.store import open_store
from server.updates import clear_silently, with_dataset

G1, G2, OUT = "http://ex/g1", "http://ex/g2", "http://ex/out"
DATA = f"""INSERT DATA {{
  GRAPH <{G1}> {{ <http://ex/a> <http://ex/p> 1 }}
  GRAPH <{G2}> {{ <http://ex/b> <http://ex/p> 2 }}
}}"""


def copied(update: str, using=(), using_named=()) -> set[str]:
    """Subjects that ``update`` (rewritten with the dataset) copies into OUT."""
    store = open_store(None)
    store.update(DATA)
    store.update(with_dataset(update, list(using), list(using_named)))
    rows = store.select(f"SELECT ?s {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }}")
    return {str(r["s"]) for r in rows}


COPY = f"INSERT {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
COPY_NAMED = f"INSERT {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"


def test_using_graph_uri_is_the_default_graph_of_the_where():
    assert copied(COPY, using=[G1]) == {"http://ex/a"}
    assert copied(COPY, using=[G1, G2]) == {"http://ex/a", "http://ex/b"}


def test_using_named_graph_uri_gives_the_named_graphs_and_an_empty_default():
    assert copied(COPY_NAMED, using_named=[G2]) == {"http://ex/b"}
    assert copied(COPY, using_named=[G2]) == set()


def test_keywords_inside_literals_iris_comments_and_names_are_left_alone():
    update = (
        "PREFIX where: <http://ex/where#>\n"
        "# a comment that says WHERE { and WITH\n"
        f'INSERT {{ GRAPH <{OUT}> {{ ?s where:said "WHERE {{ USING ; }}" }} }}\n'
        "WHERE { ?s ?p ?o FILTER(?o < 2 && ?o >= 1) }"
    )
    rewritten = with_dataset(update, [G1, G2], [])
    assert rewritten.count("USING <") == 2
    assert rewritten.index("USING <") > rewritten.index('"WHERE { USING ; }"')
    assert copied(update, using=[G1, G2]) == {"http://ex/a"}  # the FILTER keeps 1 only


def test_every_operation_with_a_where_gets_the_dataset():
    update = (
        f"{COPY} ;\nINSERT DATA {{ GRAPH <{OUT}> {{ <http://ex/c> <http://ex/p> 3 }} }} ;\n{COPY}"
    )
    rewritten = with_dataset(update, [G2], [])
    assert rewritten.count(f"USING <{G2}>") == 2
    assert copied(update, using=[G2]) == {"http://ex/b", "http://ex/c"}


def test_delete_where_becomes_its_long_form():
    store = open_store(None)
    store.update(DATA)
    store.update(with_dataset("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", [], [G1]))
    assert store.count(G1) == 0
    assert store.count(G2) == 1


@pytest.mark.parametrize(
    "update",
    [
        f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        f"DELETE {{ ?s ?p ?o }} USING <{G1}> WHERE {{ ?s ?p ?o }}",
        f"INSERT {{ ?s ?p ?o }} using named <{G1}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ],
)
def test_an_update_with_its_own_dataset_and_the_parameters_is_refused(update):
    with pytest.raises(QueryError, match="USING or WITH"):
        with_dataset(update, [G2], [])
    assert with_dataset(update, [], []) == update  # without the parameters, untouched


def test_parameters_must_be_absolute_iris():
    with pytest.raises(QueryError, match="absolute IRIs"):
        with_dataset(COPY, ["graph one"], [])
    with pytest.raises(QueryError, match="absolute IRIs"):
        with_dataset(COPY, [], ["http://ex/a>{"])


def test_clear_of_an_absent_graph_succeeds_and_clear_still_clears():
    store = open_store(None)
    store.update(DATA)
    store.update(clear_silently(f"CLEAR GRAPH <http://ex/absent> ; CLEAR GRAPH <{G1}>"))
    assert store.count(G1) == 0 and store.count(G2) == 1
    with pytest.raises(QueryError):
        store.update("CLEAR GRAPH <http://ex/absent>")  # what the rewrite avoids
