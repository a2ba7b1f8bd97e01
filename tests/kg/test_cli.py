"""The zonegraph command as a user runs it: real processes, real exit codes, stderr messages."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
ZONEGRAPH = str(Path(sys.executable).parent / "zonegraph")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ZONEGRAPH, *args], input=stdin, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def store(tmp_path) -> str:
    path = str(tmp_path / "store")
    result = run(
        "load",
        str(FIXTURES / "csv" / "figures.csv"),
        str(FIXTURES / "rdf" / "zone.ttl"),
        "--store",
        path,
    )
    assert result.returncode == 0, result.stderr
    return path


def test_version_and_help():
    assert run("--version").stdout.startswith("zonegraph ")
    helptext = run("--help").stdout
    for command in ("load", "validate", "query", "export", "stats", "extract", "serve"):
        assert command in helptext


def test_load_prints_a_summary_table(tmp_path):
    result = run("load", str(FIXTURES / "csv"), "--store", str(tmp_path / "s"))
    # The folder holds one good table and two broken ones: good loaded, bad refused, exit 1.
    assert result.returncode == 1
    assert "figures.csv" in result.stdout and "loaded" in result.stdout
    assert "bad-rows.csv" in result.stdout and "error" in result.stdout
    assert "bad-rows.csv:3: area 'Atlantis'" in result.stderr


def test_load_says_how_long_each_phase_took_and_shows_bars_when_asked(tmp_path):
    figures = str(FIXTURES / "csv" / "figures.csv")
    quiet = run("load", figures, "--store", str(tmp_path / "a"))
    assert quiet.returncode == 0, quiet.stderr
    s = r"\d+\.\d\d s"
    summary = rf"1 source\(s\) written in {s}: parse {s}, validate {s}, commit {s}"
    assert re.search(summary, quiet.stdout), quiet.stdout
    assert "validate figures.csv" not in quiet.stderr  # not a terminal: no bars unless asked
    shown = run("load", figures, "--store", str(tmp_path / "b"), "--progress")
    assert shown.returncode == 0, shown.stderr
    for phase in ("parse", "validate", "commit"):
        assert f"{phase} figures.csv" in shown.stderr
    again = run("load", figures, "--store", str(tmp_path / "b"))
    assert "unchanged" in again.stdout and "written in" not in again.stdout


def test_load_takes_globs_and_one_name_is_one_source(tmp_path):
    result = run("load", str(FIXTURES / "rdf" / "zone.*"), "--store", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    # zone.jsonld, zone.nq, ... name one source "zone": the first loads, the others replace it.
    assert result.stdout.count("loaded") == 1
    assert result.stdout.count("replaced") == 5


@pytest.mark.parametrize(
    "args, message",
    [
        (["load", "no/such/file.ttl"], "no such file or folder"),
        (["load", str(FIXTURES / "rdf" / "empty.ttl")], "empty"),
        (["load", str(FIXTURES / "rdf" / "broken-syntax.ttl")], "broken-syntax.ttl:3:16"),
        (["validate", "missing.csv"], "no such file or folder"),
        (["query", "SELECT ?x WHERE { ?x"], "malformed query"),
        (["query", "@nowhere.rq"], "cannot read the query file"),
        (["export", "--format", "pdf"], "unknown format 'pdf'"),
    ],
)
def test_bad_input_gives_a_clear_error_on_stderr_and_non_zero_exit(tmp_path, args, message):
    result = run(*args, "--store", str(tmp_path / "s")) if args[0] != "validate" else run(*args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reports_violations_and_exits_1():
    result = run("validate", str(FIXTURES / "rdf" / "violates-shapes.ttl"))
    assert result.returncode == 1
    assert "Violation" in result.stdout
    assert "test-high-tech-zone" in result.stdout


def test_validate_json_report():
    result = run("validate", str(FIXTURES / "rdf" / "violates-shapes.ttl"), "--format", "json")
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    assert all({"focus", "path", "message", "severity"} <= set(r) for r in report["results"])


def test_validate_good_file_exits_0():
    result = run("validate", str(FIXTURES / "csv" / "figures.csv"))
    assert result.returncode == 0, result.stdout


def test_query_string_file_and_stdin_in_each_format(store, tmp_path):
    q = "SELECT ?v WHERE { ?o sdmx-measure:obsValue ?v } ORDER BY ?v"
    as_json = json.loads(run("query", q, "--store", store).stdout)
    values = [b["v"]["value"] for b in as_json["results"]["bindings"]]
    assert "81010000000" in values and "17.9" in values
    qfile = tmp_path / "q.rq"
    qfile.write_text(q)
    csv_out = run("query", f"@{qfile}", "--store", store, "--format", "csv").stdout
    assert csv_out.splitlines()[0].strip() == "v"
    tsv_out = run("query", "-", "--store", store, "--format", "tsv", stdin=q).stdout
    assert tsv_out.splitlines()[0].strip() == "?v"
    xml_out = run("query", q, "--store", store, "--format", "xml").stdout
    assert "<sparql" in xml_out
    ttl = run(
        "query",
        "CONSTRUCT WHERE { ?o sdmx-measure:obsValue ?v }",
        "--store",
        store,
        "--format",
        "ntriples",
    ).stdout
    assert "obsValue" in ttl
    wrong = run("query", q, "--store", store, "--format", "turtle")
    assert wrong.returncode == 2 and "does not fit" in wrong.stderr


def test_export_round_trips_into_an_empty_store(store, tmp_path):
    dump = tmp_path / "dump.nq"
    assert run("export", "--store", store, "-o", str(dump)).returncode == 0
    reloaded = tmp_path / "reloaded"
    assert run("load", str(dump), "--store", str(reloaded)).returncode == 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    original = json.loads(run("query", count, "--store", store).stdout)
    again = json.loads(run("query", count, "--store", str(reloaded)).stdout)
    n = int(original["results"]["bindings"][0]["n"]["value"])
    assert n > 0
    # Every triple came back (the catalogue of the new store adds records on top).
    assert int(again["results"]["bindings"][0]["n"]["value"]) >= n


def test_export_one_graph(store, tmp_path):
    out = run(
        "export",
        "--store",
        store,
        "--format",
        "turtle",
        "--graph",
        "https://w3id.org/zonegraph/graph/source/zone",
    ).stdout
    assert "Test High-Tech Zone" in out
    missing = run("export", "--store", store, "--graph", "http://example.org/none")
    assert missing.returncode == 2 and "no graph" in missing.stderr


def test_stats_counts_sources_and_observations(store):
    out = run("stats", "--store", store).stdout
    assert "observations" in out and "source/figures" in out


DOCUMENT = Path(__file__).parents[2] / "data" / "documents" / "sichuan-development-zones-2021.txt"


def test_extract_explain_lists_facts_with_quotes_and_unattached_numbers():
    result = run("extract", str(DOCUMENT), "--explain")
    assert result.returncode == 0, result.stderr
    assert "Facts (" in result.stdout
    assert '"a year-on-year increase of 20.4%"' in result.stdout
    assert "why:" in result.stdout
    # The size threshold of "major industrial firms" is a number the loader leaves alone.
    unattached = result.stdout.split("Facts (", 1)[1]
    assert "20 million" in unattached


def test_extract_prints_rdf_without_loading(tmp_path):
    result = run("extract", str(DOCUMENT), "--format", "ntriples")
    assert result.returncode == 0, result.stderr
    assert "<http://purl.org/linked-data/sdmx/2009/measure#obsValue>" in result.stdout
    assert '"961220000000"' in result.stdout
