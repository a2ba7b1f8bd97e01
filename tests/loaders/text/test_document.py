"""Document reading: header, footer metadata, sentences, HTML with offsets, bad files."""

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
