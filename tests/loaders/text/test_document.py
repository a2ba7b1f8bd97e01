"""Document reading: header, footer metadata, sentences, HTML with offsets, bad files."""

from pathlib import Path

import pytest

from kg.errors import InputError
from loaders.text.document import html_to_text, parse_text, read

PAGE = """Open Governance
Zones Grow Fast

In 2021, exports rose. It was 599 million U. S. dollars. .. ..

Hosted by: General Office of the People's Government of Sichuan Province
Website Operation and Maintenance: China Telecom Sichuan Branch
Website Identification Code: 5100000062 Sichuan ICP No. 13001288
"""


def test_footer_lines_are_metadata_not_body():
    doc = parse_text(PAGE)
    assert doc.section == "Open Governance"
    assert doc.title == "Zones Grow Fast"
    assert doc.publisher == "General Office of the People's Government of Sichuan Province"
    assert doc.operator == "China Telecom Sichuan Branch"
    assert "Sichuan ICP No. 13001288" in doc.registrations
    assert "Hosted" not in doc.text[: doc.body_end]


def test_sentences_survive_abbreviations_and_noise():
    doc = parse_text(PAGE)
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "In 2021, exports rose.",
        "It was 599 million U. S. dollars.",
    ]


def test_dateline_gives_issued_date_and_is_not_body():
    doc = parse_text("Title here\nDate: 2023-03-15\n\nIn 2022, it grew.\n")
    assert doc.issued == "2023-03-15"
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ["In 2022, it grew."]


def test_html_offsets_map_back_into_the_markup():
    markup = '<p>Exports &amp; imports <b>rose</b> 5%</p><script>var x="9 yuan";</script>'
    text, offsets, _ = html_to_text(markup)
    assert "9 yuan" not in text
    i = text.index("5%")
    assert markup[offsets[i] : offsets[i] + 2] == "5%"
    assert text[text.index("&") : text.index("&") + 1] == "&"


def test_html_file_is_read_as_plain_text(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>T1</title></head><body><h1>Head</h1>"
        "<p>In 2021, it rose.</p></body></html>",
        encoding="utf-8",
    )
    doc = read(path)
    assert "<p>" not in doc.text
    assert doc.title == "Head"
    s = doc.sentences[0]
    assert doc.text[s.start : s.end] == "In 2021, it rose."
    assert path.read_text()[doc.original_offset(s.start) :].startswith("In 2021")


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xff\xfe\x00bad"])
def test_empty_or_undecodable_files_are_refused(tmp_path, content):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read(path)
    assert "x.txt" in str(err.value)


def _doc_with_sidecar(tmp_path, meta: str):
    path = tmp_path / "zones.txt"
    path.write_text("Zones grew.\n\nIn 2021, exports reached 8 billion yuan.\n", encoding="utf-8")
    (tmp_path / "zones.txt.meta.yaml").write_text(meta, encoding="utf-8")
    return read(path)


def test_a_sidecar_gives_a_document_its_url_language_title_publisher_and_date(tmp_path):
    doc = _doc_with_sidecar(
        tmp_path,
        "title: Zones report\nurl: https://example.org/zones\nlanguage: en\n"
        "publisher: Office of X\nissued: 2022-03-29\n",
    )
    assert (doc.title, doc.url, doc.language, doc.publisher, doc.issued) == (
        "Zones report",
        "https://example.org/zones",
        "en",
        "Office of X",
        "2022-03-29",
    )
    # The text and its offsets are the file's own: the sidecar adds nothing to them.
    assert doc.text.startswith("Zones grew.")


@pytest.mark.parametrize(
    "meta, message",
    [
        ("titel: Zones\n", "unknown key(s) titel"),
        ("language: english\n", "language must be one of en, zh"),
        ("issued: 29 March 2022\n", "issued must be a date YYYY-MM-DD"),
        ("url: example.org\n", "url must be an http(s) address"),
        ("- title\n", "'key: value' lines"),
    ],
)
def test_a_wrong_sidecar_is_refused_with_what_to_fix(tmp_path, meta, message):
    with pytest.raises(InputError) as e:
        _doc_with_sidecar(tmp_path, meta)
    assert message in str(e.value) and "zones.txt.meta.yaml" in str(e.value)


def test_the_default_documents_carry_title_and_language_not_their_file_name():
    from rdflib import RDFS, URIRef
    from rdflib.namespace import DCTERMS

    from kg import iris
    from loaders.text import load

    docs = Path(__file__).resolve().parents[3] / "data" / "documents"
    for path in sorted(docs.glob("*.txt")):
        g = load(path, path.stem)
        doc = URIRef(iris.source_doc_iri(path.stem))
        assert str(g.value(doc, RDFS.label)) != path.name
        assert g.value(doc, DCTERMS.title) is not None
        lang = "http://publications.europa.eu/resource/authority/language/ENG"
        assert g.value(doc, DCTERMS.language) == URIRef(lang)
