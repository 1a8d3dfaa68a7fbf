"""Reading every input format, and every way a record can be rejected."""

from __future__ import annotations

import io
import json
import string
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.errors import InputFormatError
from eventcoder.io.reading import Document, ReadOptions, Rejection, detect_format, normalise_pub_date, read_documents

NASTY = Path(__file__).parents[1] / "data" / "nasty"
ENGLISH = "The defence minister of Peru said on Tuesday that troops would leave the border region soon."
GERMAN = "Der Verteidigungsminister sagte am Dienstag, dass die Truppen die Grenzregion bald verlassen würden."


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows), "utf-8")
    return path


def read_all(source, **options) -> list[Document | Rejection]:
    return list(read_documents(source, ReadOptions(**options)))


def only(items: list) -> Document | Rejection:
    assert len(items) == 1, items
    return items[0]


# ---------------------------------------------------------------- formats


def test_detect_format(tmp_path):
    assert detect_format("-") == "stdin"
    assert detect_format("https://example.org/a") == "url"
    assert detect_format("file:///etc/passwd") == "url"  # detected as a URL, then refused by the fetcher
    assert [detect_format(f"x{ext}") for ext in (".jsonl", ".CSV", ".parquet", ".htm", ".txt")] == [
        "jsonl", "csv", "parquet", "html", "text"]
    assert detect_format(tmp_path / "no_extension") == "text"
    with pytest.raises(InputFormatError, match="directory"):
        detect_format(tmp_path)
    blob = tmp_path / "image.bin"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputFormatError, match="unknown binary"):
        detect_format(blob)


def test_text_file_is_one_document_named_after_the_file(tmp_path):
    path = tmp_path / "peru_report.txt"
    path.write_text(ENGLISH, "utf-8")
    document = only(read_all(path, pub_date="2024-03-18"))
    assert document == Document("peru_report", ENGLISH, "2024-03-18", line=None)


def test_jsonl_fields_and_missing_id(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": ENGLISH, "pub_date": "2024-03-18T09:30:00Z", "title": "Troops", "url": "https://x.org/a"},
        {"text": ENGLISH + " Again."},
        {"id": 7, "text": ENGLISH + " Once more."},
    ])
    first, second, third = read_all(path)
    assert (first.id, first.pub_date, first.title, first.url, first.line) == (
        "a", "2024-03-18", "Troops", "https://x.org/a", 1)
    assert (second.id, second.line) == ("line-2", 2)
    assert third.id == "7"


def test_csv_rows_quoted_newlines_and_line_numbers(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f'id,text,pub_date\nr1,"{ENGLISH}\nSecond line, with a comma.",2024-03-18\nr2,{ENGLISH},\n',
                    "utf-8")
    first, second = read_all(path)
    assert first.text == ENGLISH + "\nSecond line, with a comma."
    assert (first.line, second.line) == (2, 4)  # physical lines, header is line 1
    assert second.pub_date is None


def test_csv_without_text_column_is_an_input_error(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,body\n1,hello\n", "utf-8")
    with pytest.raises(InputFormatError, match="'text' or 'url' column; found columns: id, body"):
        read_all(path)


def test_parquet_in_batches_with_dates_and_int_ids(tmp_path):
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 2500  # more than one reading batch
    table = pa.table({
        "id": list(range(count)),
        "text": [f"{ENGLISH} Number {n}." for n in range(count)],
        "pub_date": [dt.date(2024, 3, 18)] * count,
        "extra": ["ignored"] * count,
    })
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=1000)
    documents = read_all(tmp_path / "in.parquet")
    assert len(documents) == count
    assert (documents[-1].id, documents[-1].line, documents[-1].pub_date) == ("2499", 2500, "2024-03-18")


def test_html_file_main_text_title_and_date(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(
        "<html><head><title>Border talks</title>"
        '<meta property="article:published_time" content="2024-03-18"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Border talks</h1>"
        f"<p>{ENGLISH}</p><p>{ENGLISH}</p></article><footer>Copyright</footer></body></html>", "utf-8")
    document = only(read_all(path))
    assert ENGLISH in document.text and "Home | World" not in document.text
    assert (document.title, document.pub_date, document.flags) == ("Border talks", "2024-03-18", ["html_extracted"])


def test_html_file_without_article_text_is_rejected(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var page = 1;</script></head><body></body></html>", "utf-8")
    rejection = only(read_all(path))
    assert rejection.code == "no_main_text"
    assert rejection.reason == "empty: no article text could be extracted from the HTML"


def test_stdin_bytes_and_text_streams(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + ENGLISH.encode() + b"\r\n")))
    document = only(read_all("-"))
    assert (document.id, document.text) == ("stdin", ENGLISH + "\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO(ENGLISH))
    assert only(read_all("-")).text == ENGLISH


# ---------------------------------------------------------------- normalisation


def test_bom_and_crlf_are_normalised_so_offsets_match(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\rThird.")
    document = only(read_all(path))
    assert document.text == "First line.\nSecond line.\nThird."
    assert document.text[document.text.index("Second"):][:6] == "Second"


def test_undecodable_bytes_are_replaced_and_flagged(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"id": "x", "text": "The caf\xe9 owners protested in the capital on Monday."}\n')
    document = only(read_all(path))
    assert document.flags == ["decoded_with_replacement"]
    assert "caf\ufffd owners" in document.text


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-18", "2024-03-18"), ("2024-03-18T23:10:00+02:00", "2024-03-18"), ("2024/03/18", "2024-03-18"),
    ("20240318", "2024-03-18"), ("18 March 2024", "2024-03-18"), ("March 18, 2024", "2024-03-18"),
    ("Mon, 18 Mar 2024 10:00:00 GMT", "2024-03-18"), ("18/03/2024", None), ("yesterday", None),
    ("2024-02-30", None), (20240318, None),
])
def test_pub_date_normalisation(value, expected):
    assert normalise_pub_date(value) == expected


def test_default_pub_date_applies_to_records_without_one_and_is_checked(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ENGLISH},
                                                {"id": "b", "text": ENGLISH, "pub_date": "2020-01-02"}])
    assert [d.pub_date for d in read_all(path, pub_date="18 March 2024")] == ["2024-03-18", "2020-01-02"]
    with pytest.raises(InputFormatError, match="'the 18th' is not a date"):
        read_all(path, pub_date="the 18th")


# ---------------------------------------------------------------- rejections


def test_every_rejection_has_a_reason_naming_the_line(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "ok", "text": ENGLISH},
        '{"id": "broken", "text": "no closing quote}',
        {"id": "no-text"},
        {"id": "blank", "text": "  \n\t "},
        {"id": "list", "text": ["a", "b"]},
        {"id": "de", "text": GERMAN},
        {"id": "big", "text": "word " * 30},
        {"id": "ok", "text": ENGLISH + " Duplicate id."},
        {"id": "date", "text": ENGLISH, "pub_date": "18/03/2024"},
        {"id": {"nested": 1}, "text": ENGLISH},
        {"id": "junk", "text": "\x00\x01\x02\x03 " + "a" * 20},
        "[1, 2, 3]",
    ])
    items = read_all(path, max_chars=120)
    assert isinstance(items[0], Document)
    found = [(item.code, item.reason) for item in items[1:]]
    assert found == [
        ("malformed_json", "line 2: malformed JSON (Unterminated string starting at column 26)"),
        ("missing_text", "line 3: no 'text' field (and no 'url' to fetch)"),
        ("empty_text", "line 4: the text is empty or only whitespace"),
        ("missing_text", "line 5: the 'text' field is a list, not a string"),
        ("not_english", "line 6: the text is in German (de, confidence 1.00), not English; eventcoder "
                        "codes English text only (--no-language-check to skip)"),
        ("too_large", "line 7: text has 150 characters, over the limit of 120 (raise it with --max-chars)"),
        ("duplicate_id", "line 8: id 'ok' was already used on line 1; ids must be unique, so this record "
                         "is skipped (not merged)"),
        ("bad_pub_date", "line 9: pub_date '18/03/2024' is not a date I can read; use YYYY-MM-DD"),
        ("bad_id", "line 10: the 'id' field is a dict; use a string or a number"),
        ("binary", "line 11: 16% of the characters are control characters; this looks like binary data"),
        ("malformed_json", "line 12: expected a JSON object, found a list"),
    ]
    assert [(item.id, item.line) for item in items[1:3]] == [(None, 2), ("no-text", 3)]


def test_language_check_can_be_switched_off_and_short_texts_are_not_judged(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "de", "text": GERMAN}, {"id": "short", "text": "Guten Tag."}])
    assert [type(item).__name__ for item in read_all(path)] == ["Rejection", "Document"]
    assert all(isinstance(item, Document) for item in read_all(path, check_language=False))


def test_binary_text_file_is_rejected(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    rejection = only(read_all(path))
    assert (rejection.code, rejection.id) == ("binary", "blob")


def test_oversize_text_file_is_rejected_without_reading_it_all(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 10_000, "utf-8")
    rejection = only(read_all(path, max_chars=1000))
    assert rejection.code == "too_large"
    assert "50,000 bytes" in rejection.reason


def test_overlong_jsonl_line_is_rejected_and_reading_goes_on(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "huge", "text": "x" * 5000}, {"id": "next", "text": ENGLISH}])
    huge, following = read_all(path, max_chars=100)
    assert (huge.code, huge.line) == ("too_large", 1)
    assert (following.id, following.line) == ("next", 2)


def test_malformed_csv_row(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f"id,text\na,{ENGLISH}\nb,one,two\n", "utf-8")
    good, bad = read_all(path)
    assert bad.code == "malformed_csv"
    assert bad.reason == "line 3: 3 fields where the header has 2 (an unquoted comma or quote?)"


def test_blank_jsonl_lines_are_not_records(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ENGLISH}) + "\n\n   \n" + json.dumps({"text": ENGLISH}) + "\n")
    assert [(item.id, item.line) for item in read_all(path)] == [("a", 1), ("line-4", 4)]


# ---------------------------------------------------------------- nasty inputs

NASTY_EXPECTED = {
    "bom.jsonl": [("b1", [])],
    "control_junk.txt": [("binary",)],
    "crlf.csv": [("c1", []), ("c2", [])],
    "emoji.txt": [("emoji", [])],
    "empty.txt": [("empty_text",)],
    "html_in_field.jsonl": [("page", ["html_extracted"]), ("fragment", ["html_extracted"]), ("not-html", [])],
    "long_sentence.txt": [("long_sentence", [])],
    "mixed_encodings.txt": [("mixed_encodings", ["decoded_with_replacement"])],
    "only_digits.txt": [("only_digits", [])],
    "utf16_bom.txt": [("utf16_bom", [])],
    "zero_width_rtl.txt": [("zero_width_rtl", [])],
}


@pytest.mark.parametrize("name", sorted(NASTY_EXPECTED))
def test_nasty_corpus(name):
    items = read_all(NASTY / name)
    outcome = [(item.id, item.flags) if isinstance(item, Document) else (item.code,) for item in items]
    assert outcome == NASTY_EXPECTED[name]
    for item in items:
        if isinstance(item, Document):
            assert "\r" not in item.text and not item.text.startswith("\ufeff")


def test_nasty_details():
    assert only(read_all(NASTY / "zero_width_rtl.txt")).text.startswith("The\u200b foreign\u200d")
    assert len(only(read_all(NASTY / "long_sentence.txt")).text) == 100_000
    page, fragment, plain = read_all(NASTY / "html_in_field.jsonl")
    assert "Copyright" not in page.text and "<" not in page.text
    assert fragment.text == "Protesters in Dakar clashed with police on Friday."
    assert plain.text == "Prices rose 5% <as expected> in March, the ministry said."
    assert [d.text for d in read_all(NASTY / "crlf.csv")][0] == "Troops withdrew from the town.\nResidents returned."
    assert set(NASTY_EXPECTED) == {p.name for p in NASTY.iterdir() if p.suffix != ".md"}


# ---------------------------------------------------------------- properties

LINE_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200)


def non_blank_lines(data: bytes) -> int:
    lines = data.split(b"\n")
    return sum(1 for line in lines if line.decode("utf-8-sig", errors="replace").strip())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_random_bytes_as_jsonl_never_raise_and_give_one_item_per_line(tmp_path, data):
    path = tmp_path / "random.jsonl"
    path.write_bytes(data)
    items = read_all(path, check_language=False)
    assert len(items) == non_blank_lines(data)
    assert all(isinstance(item, (Document, Rejection)) for item in items)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(LINE_TEXT, st.text(string.printable, max_size=80)), max_size=8))
def test_random_json_records_give_one_item_each(tmp_path, texts):
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{n}", "text": text}) + "\n" for n, text in enumerate(texts)))
    items = read_all(path, check_language=False)
    assert [item.id for item in items] == [f"r{n}" for n in range(len(texts))]
    for item, text in zip(items, texts):
        if isinstance(item, Document):
            assert item.text == text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_random_bytes_as_text_file_give_exactly_one_item(tmp_path, data):
    path = tmp_path / "random.txt"
    path.write_bytes(data)
    assert len(read_all(path)) == 1
