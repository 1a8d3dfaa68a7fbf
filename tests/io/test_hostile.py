"""The hostile-input suite (issue 12): no record can crash a run, hang it, corrupt its output
or reach into the terminal of whoever reads it.

The corpus comes from tests/io/hostile.py (one line per case, interleaved with good records);
tests/data/hostile/ holds the files that are not JSONL lines (actor dictionaries, an HTML
page over the fetch limit is generated). Every run goes through the real CLI.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile
from eventcoder.cli import main
from eventcoder.cli.common import terminal_safe
from eventcoder.coder import Coder
from eventcoder.io.fetching import extract_main_text
from eventcoder.io.reading import Document, ReadOptions, Rejection, read_documents
from eventcoder.io.writing import read_events

HOSTILE = Path(__file__).parents[1] / "data" / "hostile"


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def code(*args):
    return invoke("code", *args, "--workers", "1", "--no-progress")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def all_cases_corpus() -> list:
    """Every case once, each between two good records."""
    lines = []
    for number, case in enumerate(hostile.CASES):
        lines.append((hostile.good_line(f"good-{number}", number), None))
        lines.append((case.line(f"{case.name}-{number}"), case))
    lines.append((hostile.good_line("good-last", 99), None))
    return lines


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    """The all-cases corpus coded once to JSONL, and its good records coded alone."""
    folder = tmp_path_factory.mktemp("hostile")
    lines = all_cases_corpus()
    mixed = hostile.write_corpus(folder / "mixed.jsonl", lines)
    good = hostile.write_corpus(folder / "good.jsonl", [item for item in lines if item[1] is None])
    results = {name: code(source, "-o", folder / f"{name}_events.jsonl") for name, source in
               (("mixed", mixed), ("good", good))}
    return folder, lines, results


# ---------------------------------------------------------------- group 1: a record's failure is its own


@pytest.mark.model
def test_every_hostile_record_gets_its_status_row_and_the_run_goes_on(corpus_run):
    folder, lines, results = corpus_run
    assert results["mixed"].exit_code == 0, results["mixed"].output
    rows = read_jsonl(folder / "mixed_events.jsonl.docs.jsonl")
    assert hostile.check_statuses(rows, lines) == []


@pytest.mark.model
def test_good_records_code_the_same_beside_hostile_ones(corpus_run):
    folder, _, results = corpus_run
    assert results["good"].exit_code == 0
    good_ids = {row["id"] for row in read_jsonl(folder / "good_events.jsonl.docs.jsonl")}
    mixed = [event for event in read_jsonl(folder / "mixed_events.jsonl") if event["story_id"] in good_ids]
    alone = read_jsonl(folder / "good_events.jsonl")
    assert len(alone) > 10
    assert mixed == alone


@pytest.mark.model
def test_resume_passes_the_hostile_records(corpus_run, tmp_path):
    folder, lines, _ = corpus_run
    output = tmp_path / "out.jsonl"
    assert code(folder / "mixed.jsonl", "-o", output).exit_code == 0
    status = output.with_name("out.jsonl.docs.jsonl")
    complete = status.read_text("utf-8").splitlines(keepends=True)
    status.write_text("".join(complete[: len(complete) // 3]), "utf-8")  # as if killed a third of the way
    result = code(folder / "mixed.jsonl", "-o", output, "--resume")
    assert result.exit_code == 0, result.output
    assert hostile.check_statuses(read_jsonl(status), lines) == []
    assert read_jsonl(output) == read_jsonl(folder / "mixed_events.jsonl")


def test_bad_urls_are_rejected_not_raised(tmp_path):
    cases = [case for case in hostile.CASES if case.name.startswith("url_")]
    source = hostile.write_corpus(tmp_path / "urls.jsonl", [(case.line(case.name), case) for case in cases])
    items = list(read_documents(source, ReadOptions()))
    assert [(item.id, item.code) for item in items] == [(case.name, case.code) for case in cases]
    assert all(isinstance(item, Rejection) for item in items)


def test_deep_nesting_costs_its_line_only(tmp_path):
    source = tmp_path / "deep.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Police arrested protesters."}) + "\n"
                      + "[" * 100_000 + "]" * 100_000 + "\n"
                      + json.dumps({"id": "c", "text": "Troops attacked rebels."}) + "\n", "utf-8")
    items = list(read_documents(source, ReadOptions(check_language=False)))
    assert [type(item).__name__ for item in items] == ["Document", "Rejection", "Document"]
    assert "nested deeper than 100 levels" in items[1].reason


@pytest.mark.model
def test_a_failing_document_is_rejected_alone(coder: Coder, monkeypatch):
    """Coding a batch that raises falls back to one document at a time: only the culprit is
    rejected coding_failed. (The failure is injected: no real input is known to raise.)"""
    real = Coder._code_sentence

    def explode_on_marker(self, context, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("injected failure")
        return real(self, context, doc)

    monkeypatch.setattr(Coder, "_code_sentence", explode_on_marker)
    texts = ["Russia accused Ukraine of shelling a nuclear plant.", "Police arrested EXPLODE protesters.",
             "Nigerian troops attacked rebels near Kano."]
    documents = [Document(f"d{n}", text, "2024-03-20", line=n) for n, text in enumerate(texts, start=1)]
    results = coder.code_batch(documents)
    assert [result.status for result in results] == ["coded", "rejected", "coded"]
    assert results[1].rejection.code == "coding_failed"
    assert "line 2: coding failed: unexpected RuntimeError (injected failure)" == results[1].reason
    alone = [coder.code_batch([document])[0] for document in (documents[0], documents[2])]
    assert [r.events for r in alone] == [results[0].events, results[2].events]


@pytest.mark.model
def test_text_without_breaks_is_rejected_too_slow_naming_the_limit(coder: Coder):
    documents = [Document("unbroken", "rebels attacked the capital " * 5_000, "2024-03-20"),
                 Document("one-word", "!" * 30_000, "2024-03-20"),
                 Document("fine", "Nigerian troops attacked rebels near Kano.", "2024-03-20")]
    started = time.monotonic()
    results = coder.code_batch(documents)
    assert time.monotonic() - started < 30
    assert [result.status for result in results] == ["rejected", "rejected", "coded"]
    assert [result.rejection.code for result in results[:2]] == ["too_slow", "too_slow"]
    assert "over 100,000 characters in sentences longer than 1,000" in results[0].reason
    assert "30,000 characters without a space, over the per-document limit of 2,000" in results[1].reason


# ---------------------------------------------------------------- group 5: output that cannot attack


@pytest.mark.model
def test_csv_cells_that_start_like_formulas_are_neutralised_and_read_back_exactly(corpus_run, tmp_path):
    folder, _, _ = corpus_run
    output = tmp_path / "out.csv"
    assert code(folder / "mixed.jsonl", "-o", output).exit_code == 0
    raw = output.read_text("utf-8")
    assert "=HYPERLINK" in raw and ",=HYPERLINK" not in raw and ",\"=HYPERLINK" not in raw
    assert ",'=HYPERLINK" in raw or ",\"'=HYPERLINK" in raw
    rows = read_events(output)
    jsonl = read_jsonl(folder / "mixed_events.jsonl")
    assert [row["evidence_sentence"] for row in rows] == [event["evidence"]["sentence"] for event in jsonl]
    assert any(row["evidence_sentence"].startswith("=HYPERLINK") for row in rows)
    assert any(row["evidence_sentence"].startswith("+cmd") for row in rows)
    from eventcoder.analysis.store import open_events  # dyads, aggregate and explore read through it

    with open_events(output) as connection:
        sentences = [row[0] for row in connection.execute("SELECT sentence FROM events").fetchall()]
    assert sorted(sentences) == sorted(event["evidence"]["sentence"] for event in jsonl)


@pytest.mark.model
def test_show_prints_ids_and_text_literally_without_escapes(tmp_path):
    source = tmp_path / "show.jsonl"
    lines = [(case.line(f"{case.name}"), case) for case in hostile.CASES
             if case.name in ("markup_id", "terminal_escapes", "surrogate_in_id")]
    hostile.write_corpus(source, lines)
    result = invoke("show", source, "--width", "200")
    assert result.exit_code == 0, result.output
    assert "[/bold]markup_id[red]" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output
    assert "\ufffd" in result.output  # the escapes were in a shown sentence, each now one U+FFFD
    assert "rejected" in result.output  # the surrogate id, with its reason


def test_terminal_safe_keeps_length_and_drops_every_control():
    text = "a\x1b[2Jb\x1b]0;title\x07c\x9bd\te\nf"
    safe = terminal_safe(text)
    assert len(safe) == len(text)
    assert safe == "a\ufffd[2Jb\ufffd]0;title\ufffdc\ufffdd\te\nf"


# ---------------------------------------------------------------- group 6: bounded user files


def long_field_csv(folder: Path) -> Path:
    """An actor CSV whose second line has a field of 140,000 characters (over csv's 131,072)."""
    path = folder / "long_field.csv"
    path.write_text('name,country\n"' + "x" * 140_000 + '",USA\n', "utf-8")
    return path


@pytest.mark.parametrize("actors, message", [
    (lambda folder: HOSTILE / "alias_bomb.yaml", "aliases (*name) are not allowed"),
    (long_field_csv, "long_field.csv:2: a field longer than 10,000 characters, the limit"),
])
def test_hostile_actor_files_stop_with_one_line(tmp_path, actors, message):
    source = tmp_path / "a.txt"
    source.write_text("Kenyan police arrested dozens of protesters in Nairobi.", "utf-8")
    started = time.monotonic()
    result = code(source, "-o", tmp_path / "out.jsonl", "--actors", actors(tmp_path))
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_an_html_file_over_the_fetch_limit_names_that_limit(tmp_path):
    page = tmp_path / "big.html"
    page.write_text("<html><body><p>" + "word " * 1_300_000 + "</p></body></html>", "utf-8")
    (item,) = read_documents(page, ReadOptions())
    assert item.code == "too_large"
    assert "(raise --max-fetch-bytes, the limit for HTML pages)" in item.reason
    assert "--max-chars" not in item.reason


# ---------------------------------------------------------------- group 7: quiet extractors


class Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_trafilatura_warnings_do_not_reach_stderr():
    """The root logger (where the CLI's stderr handler is) sees trafilatura's complaints about
    a page only as eventcoder DEBUG lines."""
    root, ours, kept = logging.getLogger(), logging.getLogger("eventcoder.io.fetching"), Kept()
    levels = root.level, ours.level, ours.disabled
    root.setLevel(logging.DEBUG)
    ours.setLevel(logging.DEBUG)  # other tests may have left a level or a logging config behind
    ours.disabled = False
    root.addHandler(kept)
    try:
        assert extract_main_text("<html></html>") == ""
    finally:
        root.removeHandler(kept)
        root.setLevel(levels[0])
        ours.setLevel(levels[1])
        ours.disabled = levels[2]
    assert [r.name for r in kept.records if r.levelno >= logging.WARNING] == []
    assert any(r.name == "eventcoder.io.fetching" and "trafilatura" in r.getMessage() for r in kept.records)


# ---------------------------------------------------------------- group 4: fetches off the reading path


class SlowPages(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(1.5 if self.path.startswith("/slow") else 0)
        body = f"{self.path} Kenyan police arrested dozens of protesters in Nairobi.".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.slow
def test_fetches_run_concurrently_and_records_keep_their_order(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowPages)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    paths = ["/slow1", "/fast1", "/slow2", "/slow3", "/fast2", "/slow4", "/slow5", "/slow6"]
    source = tmp_path / "urls.jsonl"
    source.write_text("".join(json.dumps({"id": p[1:], "url": base + p}) + "\n" for p in paths), "utf-8")
    try:
        started = time.monotonic()
        items = list(read_documents(source, ReadOptions(allow_private_urls=True, check_language=False)))
        elapsed = time.monotonic() - started
    finally:
        server.shutdown()
        server.server_close()
    assert [item.id for item in items] == [p[1:] for p in paths]
    assert all(isinstance(item, Document) and item.text.startswith(f"/{item.id} ") for item in items)
    assert elapsed < 4.5  # one after another: 6 × 1.5 s = 9 s
