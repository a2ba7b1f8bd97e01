"""RDF files of every supported syntax load into one graph; bad files say where they break."""

from pathlib import Path

import pytest
from rdflib import RDFS, URIRef

from kg.errors import InputError
from loaders import load_file, rdf

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rdf"


@pytest.mark.parametrize(
    "name, zone",
    [
        ("zone.ttl", "test-high-tech-zone"),
        ("zone.nt", "nt-zone"),
        ("zone.nq", "nq-zone"),
        ("zone.trig", "trig-zone"),
        ("zone.jsonld", "json-zone"),
        ("zone.rdf", "xml-zone"),
    ],
)
def test_each_syntax_loads_by_extension(name, zone):
    loaded = load_file(FIXTURES / name, "fixture")
    node = URIRef(f"https://w3id.org/zonegraph/id/zone/{zone}")
    assert loaded.loader == "rdf"
    assert loaded.graph.value(node, RDFS.label) is not None


def test_quads_of_all_graphs_land_in_the_one_source_graph():
    graph = rdf.load(FIXTURES / "zone.nq")
    node = URIRef("https://w3id.org/zonegraph/id/zone/nq-zone")
    assert len(graph) == 2
    assert str(graph.value(node, RDFS.label)) == "NQ High-Tech Zone"


def test_format_option_overrides_the_extension(tmp_path):
    odd = tmp_path / "zone.data"
    odd.write_bytes((FIXTURES / "zone.nt").read_bytes())
    assert len(load_file(odd, "x", fmt="ntriples").graph) == 2


def test_syntax_error_names_line_and_column():
    with pytest.raises(InputError) as info:
        rdf.load(FIXTURES / "broken-syntax.ttl")
    assert (info.value.line, info.value.column) == (3, 16)
    assert "broken-syntax.ttl:3:16: not valid turtle" in str(info.value)


def test_empty_file_is_refused_with_a_clear_message():
    with pytest.raises(InputError, match="empty"):
        load_file(FIXTURES / "empty.ttl", "empty")


def test_unknown_extension_lists_the_known_ones(tmp_path):
    odd = tmp_path / "zones.xlsx"
    odd.write_text("x")
    with pytest.raises(InputError, match=r"unknown file extension '\.xlsx'.*\.ttl"):
        load_file(odd, "zones")
