"""Property tests: random text, bytes and JSON lines never crash the coder, the reader or the CLI,
and every input record is accounted for by exactly one status row."""

from __future__ import annotations

import json
import string

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.cli import main
from eventcoder.errors import DocumentRejectedError
from eventcoder.io.fetching import looks_like_html
from eventcoder.io.reading import Document, ReadOptions, Rejection, read_documents
from eventcoder.records import Event

pytestmark = pytest.mark.model

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WORDS = ["Russia", "accused", "Ukraine", "attacked", "police", "in", "Kano", "on", "Monday", "the", "and",
         "said", "would", "not", "threatened", "sanctions", "Mr.", "U.N.", "“", "”", "(", ")", ";", ".", "\n",
         "\u200b", "\u202e", "🇺🇦", "é", "—", "<p>", "&amp;", "12", "%"]
# news-like word salad, so that the parser and the event stages get real work, plus raw unicode
NEWSY = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
TEXTS = st.one_of(NEWSY, ANY_TEXT)


def non_blank_lines(data: bytes) -> int:
    return sum(1 for line in data.split(b"\n") if line.decode("utf-8-sig", errors="replace").strip())


def check_events(events: list, text: str) -> None:
    """Offsets index the document text after input normalisation (docs/record.md): the
    input itself unless it is HTML ("<p> Russia accused" is reduced to its text)."""
    for event in events:
        assert isinstance(event, Event)
        evidence = event.evidence
        trigger, start = evidence.trigger, evidence.sentence_start
        assert evidence.sentence[trigger.start - start:trigger.end - start] == trigger.text
        if not looks_like_html(text):
            assert text[trigger.start:trigger.end] == trigger.text


def events_or_rejection(code, text: str) -> list:
    """The API checks its input: a text it cannot code is a DocumentRejectedError, nothing else."""
    try:
        return code(text)
    except DocumentRejectedError as error:
        assert error.code in ("empty_text", "binary", "not_english", "no_main_text"), error  # "<p>": HTML, no text
        return []


@FAST
@given(text=TEXTS)
def test_coder_code_text_never_raises(coder, text):
    check_events(events_or_rejection(lambda t: coder.code_text(t, pub_date="2024-03-20"), text), text)


@FAST
@given(text=NEWSY)
def test_api_code_text_never_raises(text):
    from eventcoder.api import code_text

    check_events(events_or_rejection(code_text, text), text)


@FAST
@given(lines=st.lists(st.one_of(
    TEXTS.map(lambda t: json.dumps({"id": "x", "text": t})),  # repeated ids too
    st.text(string.printable, max_size=60),  # not JSON, or JSON that is not an object
    st.dictionaries(st.sampled_from(["id", "text", "pub_date", "url", "title"]),
                    st.one_of(st.none(), st.booleans(), st.integers(), TEXTS, st.lists(st.integers(), max_size=2)),
                    ).map(json.dumps),
), max_size=8))
def test_read_documents_accounts_for_every_json_line(tmp_path, lines):
    path = tmp_path / "fuzz.jsonl"
    data = "\n".join(lines).encode("utf-8")
    path.write_bytes(data)
    items = list(read_documents(path, ReadOptions(fetch_timeout=0.5)))
    assert len(items) == non_blank_lines(data)
    assert all(isinstance(item, (Document, Rejection)) for item in items)
    assert all(item.code and item.reason for item in items if isinstance(item, Rejection))


@pytest.fixture(scope="module")
def cli_directory(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-cli")


CORPUS_BYTES = st.one_of(
    st.binary(max_size=400),
    TEXTS.map(lambda t: t.encode("utf-8")),
    st.lists(st.one_of(TEXTS.map(lambda t: json.dumps({"text": t})), st.text(string.printable, max_size=40)),
             max_size=6).map(lambda lines: "\n".join(lines).encode("utf-8")),
)


def statuses_of(output):
    return [json.loads(line) for line in output.with_name(output.name + ".docs.jsonl").read_text().splitlines()]


def check_accounting(data: bytes, output) -> None:
    rows = statuses_of(output)
    assert len(rows) == non_blank_lines(data)
    assert all(row["status"] in ("coded", "no_events", "rejected") for row in rows)
    assert all(row["reason"] and row["code"] for row in rows if row["status"] == "rejected")
    events = [json.loads(line) for line in output.read_text().splitlines()]
    assert len(events) == sum(row["events"] for row in rows)


@FAST
@given(data=CORPUS_BYTES)
def test_runner_accounts_for_every_jsonl_record(coder, cli_directory, data):
    from eventcoder.engines.local import RunOptions, run

    source, output = cli_directory / "run.jsonl", cli_directory / "run-out.jsonl"
    source.write_bytes(data)
    summary = run(str(source), RunOptions(output=str(output)), coder.options, coder=coder)
    assert summary.documents == non_blank_lines(data)
    check_accounting(data, output)


def run_cli(source, output):
    result = CliRunner().invoke(main, ["code", str(source), "-o", str(output), "--workers", "1", "--no-progress"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output


# The CLI builds its Coder (about 1 s) on every call: fewer examples here, the runner test above
# covers the same property at 25.
@settings(FAST, max_examples=4)
@given(data=CORPUS_BYTES)
def test_cli_code_accounts_for_every_jsonl_record(cli_directory, data):
    source, output = cli_directory / "input.jsonl", cli_directory / "out.jsonl"
    source.write_bytes(data)
    run_cli(source, output)
    check_accounting(data, output)


@settings(FAST, max_examples=3)
@given(data=st.one_of(st.binary(max_size=400), TEXTS.map(lambda t: t.encode("utf-8"))))
def test_cli_code_gives_a_text_file_exactly_one_status_row(cli_directory, data):
    source, output = cli_directory / "input.txt", cli_directory / "out.jsonl"
    source.write_bytes(data)
    run_cli(source, output)
    (row,) = statuses_of(output)
    assert row["id"] == "input"
