"""Reading input documents: one format detector and one iterator for every format.

read_documents() yields exactly one Document or Rejection per input record, in input
order, and never raises on a bad record (only on an unusable source, such as a CSV file
without a text or url column). Document.text is the text after normalisation: UTF-8 BOM
stripped, CRLF and lone CR turned into LF, HTML reduced to its main text. Every character
offset eventcoder reports is an index into that string. See docs/input-output.md.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email.utils
import json
import logging
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from eventcoder.io import fetching
from eventcoder.io import language
from eventcoder.errors import FetchError, InputFormatError

logger = logging.getLogger(__name__)

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".parquet": "parquet", ".pq": "parquet",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
BINARY_CONTROL_RATIO = 0.05
"""More than 5% control characters (other than tab, LF, VT, FF) or unpaired surrogates: binary."""
BINARY_REPLACEMENT_RATIO = 0.25
"""More than 25% U+FFFD (undecodable bytes): binary. Fewer: a wrongly encoded text, kept and flagged."""
ENGLISH_MIN_CONFIDENCE = 0.90
"""A text is rejected as not English only when langid is at least this sure."""
BYTES_PER_CHAR = 6
"""Byte budget per allowed character when reading raw input ("\\u00e9" in JSON is 6 bytes)."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0d-\x1f\x7f-\x9f\ud800-\udfff]")  # Cc except \t \n \v \f, and Cs
MAX_JSON_DEPTH = 100
"""A JSONL record nested deeper than this is malformed: a record is one flat object, and
Python's parser would hit its recursion limit (RecursionError) near 1,000 levels."""
_SNIFF_BYTES = 8192
_PARQUET_BATCH = 1024
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y")


@dataclass
class Document:
    id: str
    text: str
    pub_date: str | None = None
    title: str = ""
    url: str = ""
    line: int | None = None
    flags: list[str] = field(default_factory=list)
    # The input it came from (file, URL, "-"), for its status row; where, not what, so not compared.
    source: str | None = field(default=None, compare=False)


@dataclass
class Rejection:
    id: str | None
    line: int | None
    reason: str
    code: str
    source: str | None = field(default=None, compare=False)


@dataclass
class ReadOptions:
    pub_date: str | None = None
    max_chars: int = 1_000_000
    check_language: bool = True
    fetch_timeout: float = 10.0
    max_fetch_bytes: int = 5_000_000
    allow_private_urls: bool = False
    fetchers: int = 8
    """Pages fetched at once, ahead of the record being read (records keep their order)."""


@dataclass
class _Record:
    """One input record before checks: what a format reader found, nothing judged yet."""

    id: str | None
    line: int | None
    text: Any = None
    pub_date: Any = None
    title: str = ""
    url: str = ""
    flags: list[str] = field(default_factory=list)
    is_html: bool = False
    is_page: bool = False  # a whole web page (file, URL, fetched url), not a fragment in a field
    id_given: bool = True  # False for the stand-in id line-N, which names no story across inputs
    problem: Rejection | None = None
    page: Future | None = None  # the fetch of `url`, started ahead by _prefetched


class _Rejected(Exception):
    """Raised inside the checks to turn the record into a Rejection."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- format detection


def detect_format(source: str | Path) -> str:
    """"text" | "jsonl" | "csv" | "parquet" | "html" | "url" | "stdin", from scheme or extension."""
    name = str(source)
    if name == "-":
        return "stdin"
    if "://" in name:
        return "url"
    path = Path(name)
    if path.is_dir():
        raise InputFormatError(f"{name} is a directory; give a file, a URL or - for stdin")
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if path.exists() and _looks_binary(_head(path)):
        raise InputFormatError(f"{name}: unknown binary format (use .txt, .jsonl, .csv, .parquet or .html)")
    return "text"


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(_SNIFF_BYTES)


def _looks_binary(head: bytes) -> bool:
    """NUL bytes outside a UTF-16 text mean binary, as git and grep decide."""
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


# ---------------------------------------------------------------- the iterator


def check_source(source: str | Path, format: str | None = None) -> str:
    """The source's format, or an error when the source as a whole is unusable.

    Called before any output is opened, so that a missing file or a file:// URL given as
    the input stops a run with a message instead of leaving an empty output behind. (A bad
    `url` inside a record is only that record's rejection.)
    """
    chosen = format or detect_format(source)
    if chosen not in _READERS:
        raise InputFormatError(f"unknown input format {chosen!r}; use one of {', '.join(_READERS)}")
    if chosen == "url":
        fetching.check_url(str(source))
    elif chosen != "stdin" and not Path(source).is_file():
        missing = "does not exist" if not Path(source).exists() else "is not a file"
        raise InputFormatError(f"{source} {missing}")
    return chosen


def read_documents(
    source: str | Path, options: ReadOptions = ReadOptions(), format: str | None = None,
    claimed: dict[str, str] | None = None,
) -> Iterator[Document | Rejection]:
    """Yield one Document or Rejection per input record, in input order.

    `claimed` holds the ids of earlier inputs of the same run (id -> "line 3 of a.jsonl");
    a record reusing one is rejected `duplicate_id`, and this input's own ids are added to
    it, so one dict passed along a sequence of inputs reads them as one stream.
    """
    chosen = _checked_format(source, format)
    checker = _Checker(options, _default_pub_date(options.pub_date), str(source), claimed)
    for record in _prefetched(_READERS[chosen](source, options), options):
        yield checker.check(record)


def read_rows(
    rows: Iterable[Mapping[str, Any] | Document], options: ReadOptions = ReadOptions(), source: str = "rows",
    first_line: int = 1, claimed: dict[str, str] | None = None, numbered: bool = True,
) -> Iterator[Document | Rejection]:
    """read_documents for records already in memory (a DataFrame partition, a list of dicts,
    Documents given to the Python API): the same checks, one Document or Rejection each.

    Each record is a mapping with the columns of a JSONL/CSV/Parquet input, or a Document.
    Rows are numbered from `first_line`, so the partitions of one table, numbered by their
    offsets, give the lines a single file of the same rows would. With numbered=False (the
    API) there are no lines: a reason names the record's id, or its 1-based position when
    it has none (it is then called "line-N", as in a JSONL file).
    """
    checker = _Checker(options, _default_pub_date(options.pub_date), source, claimed)
    for line, row in enumerate(rows, start=first_line):
        yield checker.check(_record_in_memory(row, line, numbered))


def record_ids(source: str | Path, options: ReadOptions = ReadOptions(),
               format: str | None = None) -> Iterator[tuple[int | None, str | None]]:
    """(line, id) of every record, the id None when the record cannot claim one (a
    malformed row, or no id of its own). No text is checked and nothing is fetched, so a
    scheduler can learn cheaply which ids each of many inputs claims (engines/dask.py)."""
    chosen = _checked_format(source, format)
    records = _parquet_ids(source) if chosen == "parquet" else _READERS[chosen](source, options)
    for record in records:
        claims = record.problem is None and record.id_given
        yield record.line, record.id if claims else None


def row_ids(rows: Iterable[Mapping[str, Any]], first_line: int = 1) -> Iterator[tuple[int, str | None]]:
    """record_ids for rows in memory (only their "id" is looked at)."""
    for line, row in enumerate(rows, start=first_line):
        record = _record_from_mapping(dict(row), line, [])
        yield line, record.id if record.problem is None and record.id_given else None


def claim_text(line: int | None, source: str | None) -> str:
    """Where an id was first used, as a duplicate_id reason names it (no source: the same input)."""
    if line is None:
        return source or "an earlier record"
    return f"line {line} of {source}" if source else f"line {line}"


def _checked_format(source: str | Path, format: str | None) -> str:
    chosen = format or detect_format(source)
    if chosen not in _READERS:
        raise InputFormatError(f"unknown input format {chosen!r}; use one of {', '.join(_READERS)}")
    if chosen not in ("url", "stdin"):
        check_source(source, chosen)  # a missing file is an InputFormatError, not a traceback
    return chosen


def check_records(
    records: Iterable[Mapping[str, Any] | Document], options: ReadOptions = ReadOptions()
) -> Iterator[Document | Rejection]:
    """read_rows for the Python API: records have no lines, reasons name their ids."""
    return read_rows(records, options, numbered=False)


def _record_in_memory(value: Mapping[str, Any] | Document, position: int, numbered: bool) -> _Record:
    if isinstance(value, Document):
        value = {"id": value.id, "text": value.text, "pub_date": value.pub_date, "title": value.title,
                 "url": value.url}
    if not isinstance(value, Mapping):
        reason = f"line {position}: expected a dict or a Document, found {type(value).__name__!r}"
        return _Record(None, position, problem=Rejection(None, position, reason, "bad_record"))
    record = _record_from_mapping(dict(value), position, [])
    if not numbered and record.problem is None and record.id != f"line-{position}":
        record.line = None  # a list in a notebook has no lines: reasons name the id
    if not numbered and "text" not in value and "url" not in value:  # a typo such as "body" in a notebook
        found = ", ".join(sorted(map(str, value))[:10]) or "none"
        reason = (f"{_where(record)}: no 'text' or 'url' field; the record has: {found} "
                  "(expected: id, text or url, and optionally pub_date, title)")
        record.problem = Rejection(record.id, record.line, reason, "missing_text")
    return record


def _default_pub_date(value: str | None) -> str | None:
    if value is None:
        return None
    normalised = normalise_pub_date(value)
    if normalised is None:
        raise InputFormatError(f"publication date {value!r} is not a date I can read; use YYYY-MM-DD")
    return normalised


class _Checker:
    """Turns records into Documents or Rejections; remembers ids to catch duplicates."""

    def __init__(self, options: ReadOptions, default_date: str | None, source: str | None = None,
                 claimed: dict[str, str] | None = None):
        self.options = options
        self.default_date = default_date
        self.source = source
        self.seen: dict[str, int | None] = {}
        self.claimed = {} if claimed is None else claimed

    def check(self, record: _Record) -> Document | Rejection:
        item = record.problem if record.problem is not None else self._checked(record)
        item.source = self.source
        return item

    def _checked(self, record: _Record) -> Document | Rejection:
        try:
            return self._document(record)
        except _Rejected as rejected:
            return Rejection(record.id, record.line, f"{_where(record)}: {rejected}", rejected.code)
        except Exception as error:  # one record's surprise is its rejection, never the run's end
            logger.debug("reading %s failed", _where(record), exc_info=True)
            return Rejection(record.id, record.line, f"{_where(record)}: {failure_text(error)}", "read_failed")

    def _document(self, record: _Record) -> Document:
        self._claim_id(record)
        pub_date = self._pub_date(record)
        text = _record_text(record, self.options)
        if record.is_html:
            text, pub_date = self._from_html(record, text, pub_date)
        text = _checked_text(text, self.options.max_chars)
        if self.options.check_language:
            _check_english(text)
        return Document(record.id, text, pub_date, record.title, record.url, record.line, record.flags)

    def _claim_id(self, record: _Record) -> None:
        if record.id in self.seen:
            first = self.seen[record.id]
            _duplicate(record, f"line {first}" if first is not None else "an earlier record")
        if record.id_given and record.id in self.claimed:
            _duplicate(record, self.claimed[record.id])  # claimed by an earlier input of the run
        self.seen[record.id] = record.line
        if record.id_given:
            self.claimed[record.id] = claim_text(record.line, self.source)

    def _pub_date(self, record: _Record) -> str | None:
        if record.pub_date is None or record.pub_date == "":
            return self.default_date
        normalised = normalise_pub_date(record.pub_date)
        if normalised is None:
            raise _Rejected("bad_pub_date", f"pub_date {str(record.pub_date)[:40]!r} is not a date "
                            "I can read; use YYYY-MM-DD")
        return normalised

    def _from_html(self, record: _Record, html: str, pub_date: str | None) -> tuple[str, str | None]:
        text = fetching.extract_main_text(html, record.url)
        title, page_date = fetching.extract_metadata(html, record.url) if record.is_page else ("", None)
        if not text.strip() and not record.is_page:
            text = fetching.strip_tags(html)  # a fragment in a text field has no boilerplate to drop
        if not text.strip():
            raise _Rejected("no_main_text", "no article text could be extracted from the HTML")
        record.flags.append("html_extracted")
        record.title = record.title or title
        return text, pub_date or normalise_pub_date(page_date or "")


def failure_text(error: BaseException, limit: int = 200) -> str:
    """A short, one-line account of an unexpected error, for a status row's reason."""
    text = " ".join(str(error).split())
    text = text if len(text) <= limit else text[:limit] + "…"
    return f"unexpected {type(error).__name__}" + (f" ({text})" if text else "")


def _duplicate(record: _Record, where: str) -> None:
    raise _Rejected("duplicate_id", f"id {record.id!r} was already used on {where}; "
                    "ids must be unique, so this record is skipped (not merged)")


def _where(record: _Record) -> str:
    return f"line {record.line}" if record.line is not None else str(record.id)


def _record_text(record: _Record, options: ReadOptions) -> str:
    """The record's text, fetching its url when it has no text."""
    if record.text in (None, "") and record.url:
        return _fetch(record, options)
    if record.text is None:
        raise _Rejected("missing_text", "no 'text' field (and no 'url' to fetch)")
    if not isinstance(record.text, str):
        kind = type(record.text).__name__
        raise _Rejected("missing_text", f"the 'text' field is a {kind}, not a string")
    if fetching.looks_like_html(record.text):
        record.is_html = True
    return record.text


def _fetch(record: _Record, options: ReadOptions) -> str:
    try:
        page, final_url = record.page.result() if record.page else _fetch_page(record.url, options)
    except FetchError as error:
        message = str(error).removeprefix(f"{record.url}: ")  # _where() already names the URL
        code = "bad_url" if isinstance(error, fetching.InvalidURLError) else "fetch_failed"
        raise _Rejected(code, message) from error
    except Exception as error:  # a fetch must never end the run, whatever the server sent
        raise _Rejected("fetch_failed", failure_text(error)) from error
    record.url = final_url
    record.is_html = record.is_page = fetching.looks_like_html(page)
    record.flags.append("fetched")
    return page


def _fetch_page(url: str, options: ReadOptions) -> tuple[str, str]:
    fetching.check_url(url)
    return fetching.fetch_url(url, options.fetch_timeout, options.max_fetch_bytes, options.allow_private_urls)


def _needs_fetch(record: _Record) -> bool:
    return record.problem is None and record.text in (None, "") and bool(record.url)


def _prefetched(records: Iterator[_Record], options: ReadOptions) -> Iterator[_Record]:
    """records in order, the pages of the next few url-only records being fetched meanwhile
    by a bounded pool of threads: a slow server delays its own record, not the others'."""
    if options.fetchers < 1:
        yield from records
        return
    pool = ThreadPoolExecutor(options.fetchers, thread_name_prefix="eventcoder-fetch")
    ahead: deque[_Record] = deque()
    try:
        for record in records:
            if _needs_fetch(record):
                record.page = pool.submit(_fetch_page, record.url, options)
            ahead.append(record)
            if len(ahead) > options.fetchers * 4:
                yield ahead.popleft()
        while ahead:
            yield ahead.popleft()
    finally:  # fetches end by their own deadline; nobody waits for the ones no longer needed
        pool.shutdown(wait=False, cancel_futures=True)


def _checked_text(text: str, max_chars: int) -> str:
    if len(text) > max_chars:
        raise _Rejected("too_large", f"text has {len(text):,} characters, over the limit of "
                        f"{max_chars:,} (raise it with --max-chars)")
    text = normalise_text(text)
    binary = binary_reason(text)
    if binary:
        raise _Rejected("binary", binary)
    if not text.strip():
        raise _Rejected("empty_text", "the text is empty or only whitespace")
    return text


def _check_english(text: str) -> None:
    detected = language.detect_language(text)
    if detected is None:
        return
    code, probability = detected
    if code != "en" and probability >= ENGLISH_MIN_CONFIDENCE:
        name = language.language_name(code)
        raise _Rejected("not_english", f"the text is in {name} ({code}, confidence {probability:.2f}), "
                        "not English; eventcoder codes English text only (--no-language-check to skip)")


# ---------------------------------------------------------------- text helpers


def normalise_text(text: str) -> str:
    """Strip a leading BOM and turn CRLF and lone CR into LF; nothing else changes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def binary_reason(text: str) -> str | None:
    """Why text looks like binary data rather than prose, or None when it does not."""
    if not text:
        return None
    controls = len(_CONTROL.findall(text)) / len(text)
    if controls > BINARY_CONTROL_RATIO:
        return f"{controls:.0%} of the characters are control characters; this looks like binary data"
    replaced = text.count("\ufffd") / len(text)
    if replaced > BINARY_REPLACEMENT_RATIO:
        return f"{replaced:.0%} of the characters could not be decoded; this looks like binary data"
    return None


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (or UTF-16 with a BOM); undecodable bytes become U+FFFD and are flagged."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="replace"), ["decoded_with_replacement"]


def normalise_pub_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date, datetime, ISO string, RFC 2822 string or '18 March 2024'."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for parse in (_parse_iso, _parse_formats, _parse_rfc2822):
        parsed = parse(text)
        if parsed is not None and 1000 <= parsed.year <= 9999:
            return parsed.isoformat()
    return None


def _parse_iso(text: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _parse_formats(text: str) -> dt.date | None:
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_rfc2822(text: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


# ---------------------------------------------------------------- single documents


def _read_text_file(source: str | Path, options: ReadOptions) -> Iterator[_Record]:
    yield _file_record(Path(source), options, is_html=False)


def _read_html_file(source: str | Path, options: ReadOptions) -> Iterator[_Record]:
    yield _file_record(Path(source), options, is_html=True)


def _file_record(path: Path, options: ReadOptions, is_html: bool) -> _Record:
    record = _Record(id=path.stem, line=None, is_html=is_html, is_page=is_html)
    limit = options.max_chars * BYTES_PER_CHAR if not is_html else options.max_fetch_bytes
    try:
        size = path.stat().st_size
        data = _read_limited(path, limit)
    except OSError as error:
        raise InputFormatError(f"{path}: cannot be read ({error.strerror or error})") from error
    if size > limit:
        option = "--max-fetch-bytes, the limit for HTML pages" if is_html else "--max-chars"
        record.problem = _too_many_bytes(record, size, limit, option)
        return record
    return _record_from_bytes(record, data)


def _read_limited(path: Path, limit: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def _too_many_bytes(record: _Record, size: int, limit: int, option: str = "--max-chars") -> Rejection:
    reason = f"{_where(record)}: {size:,} bytes, over the reading limit of {limit:,} (raise {option})"
    return Rejection(record.id, record.line, reason, "too_large")


def _record_from_bytes(record: _Record, data: bytes) -> _Record:
    if _looks_binary(data[:_SNIFF_BYTES]):
        reason = f"{_where(record)}: contains NUL bytes; this looks like a binary file, not text"
        record.problem = Rejection(record.id, record.line, reason, "binary")
        return record
    record.text, flags = decode_bytes(data)
    record.flags.extend(flags)
    return record


def _read_stdin(source: str | Path, options: ReadOptions) -> Iterator[_Record]:
    record = _Record(id="stdin", line=None)
    limit = options.max_chars * BYTES_PER_CHAR
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (e.g. io.StringIO in a notebook or test)
        record.text = sys.stdin.read(options.max_chars + 1)
        yield record
        return
    data = stream.read(limit + 1)
    if len(data) > limit:
        record.problem = _too_many_bytes(record, len(data), limit)
        yield record
        return
    yield _record_from_bytes(record, data)


def _read_url(source: str | Path, options: ReadOptions) -> Iterator[_Record]:
    yield _Record(id=str(source), line=None, url=str(source), is_page=True)


# ---------------------------------------------------------------- record formats


def _record_from_mapping(row: dict[str, Any], line: int, flags: list[str]) -> _Record:
    """A record from a JSON object, CSV row or Parquet row; 'line-N' when it has no id."""
    raw_id = row.get("id")
    record = _Record(id=f"line-{line}", line=line, flags=list(flags), id_given=False)
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, type(None))):
        reason = f"line {line}: the 'id' field is a {type(raw_id).__name__}; use a string or a number"
        record.problem = Rejection(None, line, reason, "bad_id")
        return record
    if isinstance(raw_id, str) and _SURROGATE.search(raw_id):
        reason = (f"line {line}: the 'id' field holds an unpaired surrogate ({_surrogate_of(raw_id)}), "
                  "which no output can store; use valid Unicode")
        record.problem = Rejection(None, line, reason, "bad_id")
        return record
    if raw_id is not None and str(raw_id).strip():
        record.id, record.id_given = str(raw_id).strip(), True
    record.text = _repaired(row.get("text"), record)
    record.pub_date = row.get("pub_date")
    record.title = _repaired(_scalar_string(row.get("title")), record)
    record.url = _repaired(_scalar_string(row.get("url")).strip(), record)
    return record


def _surrogate_of(text: str) -> str:
    return ascii(_SURROGATE.search(text).group()).strip("'")


def _repaired(value: Any, record: _Record) -> Any:
    """A string with its unpaired surrogates (JSON "\\udc00", a Python str) replaced by U+FFFD,
    one character for one, so offsets hold; spaCy and every writer need valid Unicode."""
    if not isinstance(value, str) or not _SURROGATE.search(value):
        return value
    if "surrogates_replaced" not in record.flags:
        record.flags.append("surrogates_replaced")
    return _SURROGATE.sub("\ufffd", value)


def _scalar_string(value: Any) -> str:
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _read_jsonl(source: str | Path, options: ReadOptions) -> Iterator[_Record]:
    limit = options.max_chars * BYTES_PER_CHAR + 65_536
    with Path(source).open("rb") as handle:
        for line_number, data, too_long in _physical_lines(handle, limit):
            if too_long:
                yield _oversize_line(line_number, limit)
                continue
            text, flags = decode_bytes(data)
            if text.strip():
                yield _jsonl_record(text, line_number, flags)


def _physical_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, bytes, too long) per LF-terminated line, never holding more than limit bytes."""
    line_number = 0
    while data := handle.readline(limit + 1):
        line_number += 1
        if len(data) > limit and not data.endswith(b"\n"):
            while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
                pass  # skip the remainder of the over-long line
            yield line_number, b"", True
            continue
        yield line_number, data, False


def _oversize_line(line_number: int, limit: int) -> _Record:
    reason = f"line {line_number}: longer than {limit:,} bytes, over the reading limit (raise --max-chars)"
    return _Record(None, line_number, problem=Rejection(None, line_number, reason, "too_large"))


def _jsonl_record(text: str, line_number: int, flags: list[str]) -> _Record:
    if _nesting_depth(text) > MAX_JSON_DEPTH:
        reason = f"line {line_number}: malformed JSON (nested deeper than {MAX_JSON_DEPTH:,} levels)"
        return _Record(None, line_number, problem=Rejection(None, line_number, reason, "malformed_json"))
    try:
        value = json.loads(text.rstrip("\r\n"))  # a newline inside the value is not the record's
    except RecursionError:
        reason = f"line {line_number}: malformed JSON (nested deeper than {MAX_JSON_DEPTH:,} levels)"
        return _Record(None, line_number, problem=Rejection(None, line_number, reason, "malformed_json"))
    except json.JSONDecodeError as error:
        where = "column" if error.msg.endswith(" at") else "at column"  # "Unterminated string starting at"
        reason = f"line {line_number}: malformed JSON ({error.msg} {where} {error.colno})"
        return _Record(None, line_number, problem=Rejection(None, line_number, reason, "malformed_json"))
    if not isinstance(value, dict):
        reason = f"line {line_number}: expected a JSON object, found a {type(value).__name__}"
        return _Record(None, line_number, problem=Rejection(None, line_number, reason, "malformed_json"))
    return _record_from_mapping(value, line_number, flags)


_BRACKETS = re.compile(r'[\[\]{}]|"(?:[^"\\]|\\.)*"')


def _nesting_depth(text: str) -> int:
    """The deepest bracket nesting outside strings; cheap for a flat record (no brackets in
    its strings are counted, since whole strings are skipped)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return 0  # too few brackets to go deeper: the common case costs two counts
    depth = deepest = 0
    for token in _BRACKETS.finditer(text):
        mark = token.group()[0]
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


def _read_csv(source: str | Path, options: ReadOptions) -> Iterator[_Record]:
    # The limit is process-wide in the csv module; only ever raise it, never lower it for others.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_chars * BYTES_PER_CHAR))
    with Path(source).open("rb") as handle:
        lines = _DecodedLines(handle)
        reader = csv.reader(lines)
        header = _csv_header(reader, source)
        yield from _csv_rows(reader, header, lines)


class _DecodedLines:
    """Decodes a binary file line by line, remembering which lines needed replacement."""

    def __init__(self, handle: BinaryIO):
        self.handle = handle
        self.replaced: set[int] = set()
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for data in self.handle:
            self.count += 1
            text, flags = decode_bytes(data) if self.count == 1 else _decode_line(data)
            if flags:
                self.replaced.add(self.count)
            yield text


def _decode_line(data: bytes) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), ["decoded_with_replacement"]


def _csv_header(reader, source: str | Path) -> list[str]:
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return []
    except csv.Error as error:
        raise InputFormatError(f"{source}: the CSV header cannot be read ({error})") from error
    if "text" not in header and "url" not in header:
        found = ", ".join(header[:10]) or "none"
        raise InputFormatError(f"{source}: CSV needs a 'text' or 'url' column; found columns: {found}")
    return header


def _csv_rows(reader, header: list[str], lines: _DecodedLines) -> Iterator[_Record]:
    previous_end = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            start, previous_end = previous_end + 1, reader.line_num
            yield _bad_csv_row(start, f"the row cannot be parsed as CSV ({error})")
            continue
        start, previous_end = previous_end + 1, reader.line_num
        if row:
            yield _csv_record(row, header, start, previous_end, lines.replaced)


def _csv_record(row: list[str], header: list[str], start: int, end: int, replaced: set[int]) -> _Record:
    if len(row) > len(header):
        return _bad_csv_row(start, f"{len(row)} fields where the header has {len(header)} "
                            "(an unquoted comma or quote?)")
    flags = ["decoded_with_replacement"] if any(n in replaced for n in range(start, end + 1)) else []
    return _record_from_mapping(dict(zip(header, row)), start, flags)


def _bad_csv_row(line_number: int, message: str) -> _Record:
    reason = f"line {line_number}: {message}"
    return _Record(None, line_number, problem=Rejection(None, line_number, reason, "malformed_csv"))


def _read_parquet(source: str | Path, options: ReadOptions) -> Iterator[_Record]:
    parquet, names = _open_parquet(source)
    yield from _parquet_records(parquet, names)


def _parquet_ids(source: str | Path) -> Iterator[_Record]:
    """The records of a Parquet file with only their id read (record_ids' pre-pass)."""
    parquet, names = _open_parquet(source)
    yield from _parquet_records(parquet, [name for name in names if name == "id"])


def _open_parquet(source: str | Path):
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(str(source))
    except Exception as error:  # pyarrow raises ArrowInvalid, OSError, ...: all mean "not readable"
        raise InputFormatError(f"{source}: not a readable Parquet file ({error})") from error
    names = [name for name in parquet.schema_arrow.names if name in ("id", "text", "pub_date", "title", "url")]
    if "text" not in names and "url" not in names:
        found = ", ".join(parquet.schema_arrow.names[:10])
        raise InputFormatError(f"{source}: Parquet needs a 'text' or 'url' column; found columns: {found}")
    return parquet, names


def _parquet_records(parquet, names: list[str]) -> Iterator[_Record]:
    if not names:  # no id column: every record gets a stand-in id
        yield from (_record_from_mapping({}, number, []) for number in range(1, parquet.metadata.num_rows + 1))
        return
    row_number = 0
    for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH, columns=names):
        for row in batch.to_pylist():
            row_number += 1
            yield _record_from_mapping(row, row_number, [])


_READERS = {
    "text": _read_text_file,
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "parquet": _read_parquet,
    "html": _read_html_file,
    "url": _read_url,
    "stdin": _read_stdin,
}
