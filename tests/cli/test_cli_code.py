"""`eventcoder code` end to end: the rows it writes in every format, the status file, exit codes.

The commands run in-process through click's CliRunner with the real model (loaded once per
session by load_model's cache); --workers 1 keeps them in this process.
"""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.io.writing import csv_columns

pytestmark = pytest.mark.model

PUB_DATE = "2024-03-20"  # a Wednesday
RECORDS = [
    {"id": "a1", "text": "Russia accused Ukraine of shelling a nuclear plant.", "pub_date": PUB_DATE},
    {"id": "a2", "text": "The weather was mild and the markets were quiet all week.", "pub_date": PUB_DATE},
    "this line is not JSON",
    {"id": "a4", "text": "The United States imposed sanctions on Venezuela.", "pub_date": PUB_DATE},
    {"id": "a5", "text": "Nigerian troops attacked rebels near Kano on Monday.", "pub_date": PUB_DATE},
    {"id": "a1", "text": "Iran threatened to close the strait.", "pub_date": PUB_DATE},
    {"id": "a7", "text": "Die Regierung hat am Montag neue Sanktionen gegen Russland beschlossen, "
                         "teilte das Ministerium in Berlin mit.", "pub_date": PUB_DATE},
]
# (story_id, event, actor countries, recipient countries, aux, date, trigger)
EXPECTED_EVENTS = [
    ("a1", "ACCUSE", ["RUS"], ["UKR"], "asserted", PUB_DATE, "accused"),
    ("a4", "SANCTION", ["USA"], ["VEN"], "asserted", PUB_DATE, "imposed sanctions"),
    ("a5", "ASSAULT", ["NGA"], ["NGA"], "asserted", "2024-03-18", "attacked"),
]
EXPECTED_STATUS = [
    ("a1", 1, "coded", ""), ("a2", 2, "no_events", ""), (None, 3, "rejected", "malformed_json"),
    ("a4", 4, "coded", ""), ("a5", 5, "coded", ""), ("a1", 6, "rejected", "duplicate_id"),
    ("a7", 7, "rejected", "not_english"),
]


def write_corpus(path, records=RECORDS):
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def invoke(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def code(*args, input=None):
    return invoke("code", *args, "--workers", "1", "--no-progress", input=input)


def summary_of(row):
    countries = [e["country"] for e in row["actor"]], [e["country"] for e in row["recipient"]]
    return (row["story_id"], row["event"], *countries, row["aux"], row["date"], row["evidence"]["trigger"]["text"])


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def status_rows(output):
    return [(r["id"], r["line"], r["status"], r["code"]) for r in read_jsonl(output.with_name(output.name + ".docs.jsonl"))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl")


@pytest.fixture(scope="module")
def jsonl_run(corpus):
    output = corpus.with_name("events.jsonl")
    return code(corpus, "-o", output), output


def test_jsonl_events_status_and_summary(jsonl_run):
    result, output = jsonl_run
    assert result.exit_code == 0, result.output
    rows = read_jsonl(output)
    assert [summary_of(row) for row in rows] == EXPECTED_EVENTS
    assert [row["id"] for row in rows] == ["a1-0-0", "a4-0-0", "a5-0-0"]
    assert {row["pub_date"] for row in rows} == {PUB_DATE}
    assert {row["coder_version"] for row in rows} == {"0.1.0"}
    assert status_rows(output) == EXPECTED_STATUS
    assert result.stderr.splitlines()[-1] == (
        f"7 documents (coded 3, no_events 1, rejected 3), 4 sentences, 3 events -> {output}")
    assert result.stdout == ""


def test_rejection_reasons_in_the_status_file(jsonl_run):
    _, output = jsonl_run
    statuses = read_jsonl(output.with_name("events.jsonl.docs.jsonl"))
    reasons = {row["line"]: row["reason"] for row in statuses if row["status"] == "rejected"}
    assert reasons[3] == "line 3: malformed JSON (Expecting value at column 1)"
    assert reasons[6].startswith("line 6: id 'a1' was already used on line 1")
    assert reasons[7].startswith("line 7: the text is in German (de")
    assert [row["events"] for row in statuses] == [1, 0, 0, 1, 1, 0, 0]


def test_evidence_offsets_index_the_input_text(jsonl_run):
    _, output = jsonl_run
    texts = {r["id"]: r["text"] for r in reversed(RECORDS) if isinstance(r, dict)}  # first a1 wins
    for row in read_jsonl(output):
        trigger = row["evidence"]["trigger"]
        assert texts[row["story_id"]][trigger["start"]:trigger["end"]] == trigger["text"]
        for entity in row["actor"] + row["recipient"]:
            assert texts[row["story_id"]][entity["start"]:entity["end"]] == entity["text"]


def test_csv_output(corpus):
    output = corpus.with_name("events.csv")
    assert code(corpus, "-o", output).exit_code == 0
    frame = pd.read_csv(output, dtype=str, keep_default_na=False)
    assert list(frame.columns) == csv_columns()
    assert frame[["story_id", "event", "actor_country", "recipient_country", "aux", "date"]].values.tolist() == [
        [s, e, ";".join(a), ";".join(r), aux, d] for s, e, a, r, aux, d, _ in EXPECTED_EVENTS]
    assert frame["trigger_text"].tolist() == [t for *_, t in EXPECTED_EVENTS]
    assert status_rows(output) == EXPECTED_STATUS


def test_parquet_output_is_a_directory_of_parts(corpus):
    output = corpus.with_name("events.parquet")
    assert code(corpus, "-o", output).exit_code == 0
    assert output.is_dir() and sorted(p.name for p in output.iterdir()) == ["part-000000.parquet"]
    frame = pd.read_parquet(output)
    assert frame["story_id"].tolist() == ["a1", "a4", "a5"]
    assert [list(a["country"] for a in actors) for actors in frame["actor"]] == [["RUS"], ["USA"], ["NGA"]]
    assert status_rows(output) == EXPECTED_STATUS


def test_duckdb_output_with_explicit_format(corpus):
    output = corpus.with_name("events.db")
    assert code(corpus, "-o", output, "--format", "duckdb").exit_code == 0
    with duckdb.connect(str(output), read_only=True) as connection:
        rows = connection.sql("SELECT story_id, event, actor[1].country, evidence.trigger.text "
                              "FROM events ORDER BY id").fetchall()
    assert rows == [(s, e, a[0], t) for s, e, a, _, _, _, t in EXPECTED_EVENTS]
    assert status_rows(output) == EXPECTED_STATUS


def test_format_option_overrides_the_extension(corpus):
    output = corpus.with_name("events.out")
    assert code(corpus, "-o", output, "--format", "csv").exit_code == 0
    assert output.read_text(encoding="utf-8").splitlines()[0] == ",".join(csv_columns())


def test_pub_date_option_and_text_file(tmp_path):
    article = tmp_path / "kano.txt"
    article.write_text("Nigerian troops attacked rebels near Kano on Monday.\n", encoding="utf-8")
    output = tmp_path / "kano.jsonl"
    result = code(article, "-o", output, "--pub-date", "2023-07-14")  # a Friday
    assert result.exit_code == 0
    (row,) = read_jsonl(output)
    assert (row["story_id"], row["pub_date"], row["date"], row["date_source"]) == (
        "kano", "2023-07-14", "2023-07-10", "text")
    assert status_rows(output) == [("kano", None, "coded", "")]


def test_record_pub_date_wins_over_the_option(corpus, tmp_path):
    output = tmp_path / "events.jsonl"
    assert code(corpus, "-o", output, "--pub-date", "2020-01-01").exit_code == 0
    assert {row["pub_date"] for row in read_jsonl(output)} == {PUB_DATE}


def test_stdin_to_stdout():
    result = code("-", "--pub-date", PUB_DATE, input="The United States imposed sanctions on Venezuela.\n")
    assert result.exit_code == 0
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert summary_of(row) == ("stdin", "SANCTION", ["USA"], ["VEN"], "asserted", PUB_DATE, "imposed sanctions")
    assert result.stderr.splitlines()[-1] == "1 documents (coded 1), 1 sentences, 1 events -> stdout"


def test_strict_stops_with_exit_code_3(corpus, tmp_path):
    output = tmp_path / "strict.jsonl"
    result = code(corpus, "-o", output, "--strict")
    assert result.exit_code == 3
    assert "Error: record rejected (--strict): line 3: malformed JSON" in result.stderr
    # the batch holding the rejection is written before the run stops: nothing is unaccounted for
    assert status_rows(output) == EXPECTED_STATUS


def test_strict_without_rejections_exits_0(tmp_path):
    corpus = write_corpus(tmp_path / "clean.jsonl", [RECORDS[0], RECORDS[1]])
    assert code(corpus, "-o", tmp_path / "clean_out.jsonl", "--strict").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["missing.jsonl", "-o", "{tmp}/x.jsonl"], "Error: missing.jsonl does not exist"),
    (["missing.csv", "-o", "{tmp}/x.jsonl"], "Error: missing.csv does not exist"),
    (["{corpus}", "-o", "{tmp}/x.xyz"], "cannot tell the output format"),
    (["{tmp}/empty", "-o", "{tmp}/x.jsonl"], "is a directory with no input files"),
    (["{tmp}/none-*.jsonl", "-o", "{tmp}/x.jsonl"], "the pattern matches no files"),
    (["{corpus}", "-o", "{tmp}/x.json"], "eventcoder writes JSON Lines"),
    (["{tmp}/blob.bin", "-o", "{tmp}/x.jsonl"], "unknown binary format"),
    (["{tmp}/no_text.csv", "-o", "{tmp}/x.jsonl"], "CSV needs a 'text' or 'url' column; found columns: id, body"),
    (["file:///etc/passwd", "-o", "{tmp}/x.jsonl"], "only http and https URLs are fetched, not file://"),
])
def test_input_errors_exit_1_without_leaving_output(corpus, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "no_text.csv").write_text("id,body\n1,hello\n")
    (tmp_path / "empty").mkdir()
    result = code(*[a.format(tmp=tmp_path, corpus=corpus) for a in args])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("x.*"))


@pytest.mark.parametrize("args, message", [
    ([], "Missing argument 'INPUT'"),
    (["-", "--resume"], "--resume needs -o OUTPUT"),
    (["-", "--pub-date", "18/03/2024"], "is not a date in YYYY-MM-DD form"),
    (["-", "--format", "xml"], "'xml' is not one of"),
])
def test_usage_errors_exit_2(args, message):
    result = invoke("code", *args, input="")
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("command, options", [
    ([], ["code", "show", "evaluate", "actor", "dedup", "Exit codes"]),
    (["code"], ["--output", "--format", "--input-format", "--pub-date", "--actors", "--patterns",
                "--resume", "--strict", "--workers", "--max-chars", "--no-progress", "OUTPUT.docs.jsonl"]),
    (["show"], ["--pub-date", "--actors", "--patterns", "--width", "highlighted"]),
    (["evaluate"], ["GOLD"]),
    (["actor"], ["NAME"]),
    (["dedup"], ["INPUT"]),
])
def test_help_mentions_every_option(command, options):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    params = main.get_command(None, command[0]).params if command else []
    for param in params:  # every option the command has, also ones added after this test was written
        if isinstance(param, click.Option):
            options = [*options, *param.opts]
    for option in options:
        assert option in text, f"{option} missing from eventcoder {' '.join(command)} --help"


# ---------------------------------------------------------------- nasty inputs (tests/data/nasty/README.md)

NASTY = Path(__file__).parents[1] / "data" / "nasty"
# file -> per record: ("document", flags) when it must be coded (with or without events),
# ("rejected", code) when it must be rejected; the outcomes the README documents.
NASTY_OUTCOMES = {
    "bom.jsonl": [("b1", "document", [])],
    "control_junk.txt": [("control_junk", "rejected", "binary")],
    "crlf.csv": [("c1", "document", []), ("c2", "document", [])],
    "emoji.txt": [("emoji", "document", [])],
    "empty.txt": [("empty", "rejected", "empty_text")],
    "html_in_field.jsonl": [("page", "document", ["html_extracted"]), ("fragment", "document", ["html_extracted"]),
                            ("not-html", "document", [])],
    "long_sentence.txt": [("long_sentence", "document", [])],
    "mixed_encodings.txt": [("mixed_encodings", "document", ["decoded_with_replacement"])],
    "only_digits.txt": [("only_digits", "document", [])],
    "utf16_bom.txt": [("utf16_bom", "document", [])],
    "zero_width_rtl.txt": [("zero_width_rtl", "document", [])],
}
def outcome(row):
    kept = row["status"] in ("coded", "no_events")
    return (row["id"], "document", row["flags"]) if kept else (row["id"], row["status"], row["code"])


@pytest.mark.parametrize("name", sorted(NASTY_OUTCOMES))
def test_nasty_corpus_through_the_cli(tmp_path, name):
    output = tmp_path / "out.jsonl"
    result = code(NASTY / name, "-o", output)
    assert result.exit_code == 0
    rows = read_jsonl(output.with_name("out.jsonl.docs.jsonl"))
    assert [outcome(row) for row in rows] == NASTY_OUTCOMES[name]
    assert len(read_jsonl(output)) == sum(row["events"] for row in rows)


def test_nasty_outcomes_cover_the_readme():
    readme = (NASTY / "README.md").read_text(encoding="utf-8")
    files = {p.name for p in NASTY.iterdir() if p.suffix != ".md"}
    assert set(NASTY_OUTCOMES) == files
    assert all(f"| {name} |" in readme for name in files)


# ---------------------------------------------------------------- HTML files and URLs

PAGE = """<!DOCTYPE html><html><head><title>Border talks</title>
<meta property="article:published_time" content="2024-05-10"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> Subscribe to our newsletter</nav>
<article><h1>Border talks</h1>
<p>The United States imposed sanctions on Venezuela on Thursday, officials in Washington said.
The measures target the state oil company and several banks, according to the Treasury.</p>
<p>Analysts expect the measures to hurt exports for months, while the government in Caracas
has called them illegal and says they will fail.</p></article>
<footer>Copyright 2024 Example News. Police attacked nobody in this footer.</footer></body></html>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    directory = tmp_path_factory.mktemp("site")
    (directory / "page.html").write_text(PAGE, encoding="utf-8")
    return directory / "page.html"


def check_page_run(output, story_id):
    (status,) = read_jsonl(output.with_name(output.name + ".docs.jsonl"))
    events = read_jsonl(output)
    assert status["id"] == story_id and status["status"] == "coded"
    assert [(e["story_id"], e["event"], e["pub_date"], e["date"]) for e in events][0] == (
        story_id, "SANCTION", "2024-05-10", "2024-05-09")
    assert not any("footer" in e["evidence"]["sentence"] for e in events)
    return status


def test_html_file_is_coded_from_its_main_text(page, tmp_path):
    output = tmp_path / "page.jsonl"
    assert code(page, "-o", output).exit_code == 0
    assert check_page_run(output, "page")["flags"] == ["html_extracted"]


@pytest.fixture(scope="module")
def site(page):
    handler = functools.partial(QuietHandler, directory=str(page.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.slow
def test_url_is_fetched_and_coded(site, tmp_path, monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    url = f"{site}/page.html"
    output = tmp_path / "url.jsonl"
    assert code(url, "-o", tmp_path / "refused.jsonl").exit_code == 0  # a rejection, not a failed run
    (row,) = read_jsonl(tmp_path / "refused.jsonl.docs.jsonl")
    assert row["code"] == "fetch_failed" and "refused to fetch from a loopback address" in row["reason"]
    assert code(url, "-o", output, "--allow-private-urls").exit_code == 0
    assert check_page_run(output, url)["flags"] == ["fetched", "html_extracted"]
    missing = code(f"{site}/missing.html", "-o", tmp_path / "missing.jsonl", "--allow-private-urls")
    assert missing.exit_code == 0  # a page that cannot be fetched is a rejection, not a failed run
    (row,) = read_jsonl(tmp_path / "missing.jsonl.docs.jsonl")
    assert (row["status"], row["code"], row["reason"]) == (
        "rejected", "fetch_failed", f"{site}/missing.html: HTTP 404 File not found")


# ---------------------------------------------------------------- folders, globs and the Dask engine's options


def test_a_folder_is_read_as_one_input_with_status_rows_naming_each_file(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_corpus(folder / "1.jsonl", RECORDS[:2])
    write_corpus(folder / "2.jsonl", [RECORDS[3], {"id": "a1", "text": "Repeated.", "pub_date": PUB_DATE}])
    output = tmp_path / "out.jsonl"
    result = code(folder, "-o", output)
    assert result.exit_code == 0, result.output
    rows = read_jsonl(output.with_name("out.jsonl.docs.jsonl"))
    assert [(Path(r["source"]).name, r["line"], r["id"], r["status"], r["code"]) for r in rows] == [
        ("1.jsonl", 1, "a1", "coded", ""), ("1.jsonl", 2, "a2", "no_events", ""),
        ("2.jsonl", 1, "a4", "coded", ""), ("2.jsonl", 2, "a1", "rejected", "duplicate_id")]
    assert rows[3]["reason"].startswith(f"line 2: id 'a1' was already used on line 1 of {folder / '1.jsonl'}")
    assert [row["story_id"] for row in read_jsonl(output)] == ["a1", "a4"]
    assert result.stderr.splitlines()[-1] == (
        f"2 files, 4 documents (coded 2, no_events 1, rejected 1), 3 sentences, 2 events -> {output}")
    glob_output = tmp_path / "glob.jsonl"
    assert code(str(folder / "*.jsonl"), "-o", glob_output).exit_code == 0
    assert glob_output.read_bytes() == output.read_bytes()


@pytest.mark.parametrize("args, message", [
    (["--resume"], "--engine dask has no --resume"),
    (["--format", "csv"], "--engine dask writes Parquet parts only, not --format csv"),
])
def test_dask_engine_refuses_options_it_cannot_honour(corpus, tmp_path, args, message):
    result = invoke("code", corpus, "--engine", "dask", "-o", tmp_path / "out", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_dask_engine_needs_an_output_directory(corpus):
    result = invoke("code", corpus, "--engine", "dask")
    assert result.exit_code == 2 and "--engine dask needs -o OUTDIR" in result.stderr
