"""Hostile input records, and what must become of each (issue 12).

Used by tests/io/test_hostile.py (a small corpus, run in CI) and benchmarks/hostile.py (the
10,000-record adversarial run). Each case is one JSONL line, written as raw text so that it
can hold what json.dumps would never write (a lone surrogate escape, a line nested 100,000
deep), with the status row it must get: the status, and the rejection code if rejected.

`write_corpus` mixes good records (plain English news sentences) with hostile ones; the good
records' events must be the same as when they are coded alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

PUB_DATE = "2024-03-20"
GOOD_SENTENCES = (
    "Russia accused Ukraine of shelling a nuclear plant near Zaporizhzhia.",
    "The United States imposed sanctions on Venezuela on Tuesday.",
    "Nigerian troops attacked rebels near Kano on Monday.",
    "Kenyan police arrested dozens of protesters in Nairobi.",
    "The foreign ministers of Chile and Argentina met in Santiago and agreed to reopen the border.",
    "Iran threatened to close the Strait of Hormuz if new sanctions were imposed.",
    "Japan pledged humanitarian aid to Ukraine after the floods.",
    "The weather was mild and the markets were quiet all week.",
)
ESCAPES = "\x1b]0;pwned\x07 \x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ \x1b[2J \x1b[31m"


@dataclass(frozen=True)
class Case:
    name: str
    line: Callable[[str], str]  # id -> the raw JSONL line
    status: str  # "rejected", or "document" (coded or no_events)
    code: str = ""  # the rejection code, or a flag the status row must carry
    heavy: bool = False  # megabytes or seconds per record: used sparingly in big corpora


def _record(record_id: str, text: str, **extra) -> str:
    return json.dumps({"id": record_id, "text": text, "pub_date": PUB_DATE, **extra}, ensure_ascii=False)


def _raw(record_id: str, text_json: str) -> str:
    """A line whose text field is given as raw JSON (escapes kept as written)."""
    return '{"id": ' + json.dumps(record_id) + ', "text": ' + text_json + ', "pub_date": "' + PUB_DATE + '"}'


CASES = (
    Case("surrogate_in_text", lambda i: _raw(i, '"Kenyan police arrested \\udc00 protesters in Nairobi."'),
         "document", "surrogates_replaced"),
    Case("high_surrogate_in_text", lambda i: _raw(i, '"Troops attacked \\ud800 rebels near Kano."'),
         "document", "surrogates_replaced"),
    Case("surrogate_in_id", lambda i: '{"id": "' + i + '\\ud800", "text": "Troops attacked rebels."}',
         "rejected", "bad_id"),
    Case("nested_100000_deep", lambda i: "[" * 100_000 + "]" * 100_000, "rejected", "malformed_json"),
    Case("nested_text_field", lambda i: _raw(i, "[" * 5_000 + "]" * 5_000), "rejected", "malformed_json"),
    Case("url_with_space", lambda i: json.dumps({"id": i, "url": "http://exa mple.com/a"}), "rejected", "bad_url"),
    Case("url_with_control", lambda i: json.dumps({"id": i, "url": "http://example.com/\x01x"}),
         "rejected", "bad_url"),
    Case("url_bad_port", lambda i: json.dumps({"id": i, "url": "http://example.com:abc/"}), "rejected", "bad_url"),
    Case("url_bad_ipv6", lambda i: json.dumps({"id": i, "url": "http://[::1/"}), "rejected", "bad_url"),
    Case("url_file_scheme", lambda i: json.dumps({"id": i, "url": "file:///etc/passwd"}), "rejected",
         "fetch_failed"),
    Case("url_loopback", lambda i: json.dumps({"id": i, "url": "http://127.0.0.1:9/"}), "rejected",
         "fetch_failed"),
    Case("url_unspecified", lambda i: json.dumps({"id": i, "url": "http://0.0.0.0:9/"}), "rejected",
         "fetch_failed"),
    Case("csv_formula", lambda i: _record(i, '=HYPERLINK("http://evil.example","x") Kenyan police arrested '
                                             "dozens of protesters in Nairobi."), "document"),
    Case("csv_command", lambda i: _record(i, "+cmd|' /C calc'!A0 Troops attacked rebels near Kano."), "document"),
    Case("terminal_escapes", lambda i: _record(i, f"Kenyan police arrested {ESCAPES} dozens of protesters in Nairobi. "
                                                  + " ".join(GOOD_SENTENCES[:3])), "document"),
    Case("markup_id", lambda i: _record(f"[/bold]{i}[red]", "Troops attacked rebels near Kano."), "document"),
    Case("sql_text", lambda i: _record(i, "Robert'); DROP TABLE events;-- Police arrested protesters."),
         "document"),
    Case("not_an_object", lambda i: "[1, 2, 3]", "rejected", "malformed_json"),
    Case("malformed_json", lambda i: '{"id": "' + i + '", "text": ', "rejected", "malformed_json"),
    Case("id_is_a_list", lambda i: json.dumps({"id": [i], "text": "Troops attacked rebels."}), "rejected",
         "bad_id"),
    Case("text_is_a_number", lambda i: json.dumps({"id": i, "text": 12345}), "rejected", "missing_text"),
    Case("bad_pub_date", lambda i: json.dumps({"id": i, "text": "Troops attacked rebels.", "pub_date": "13/13/13"}),
         "rejected", "bad_pub_date"),
    Case("only_newlines", lambda i: _record(i, "\n" * 50_000), "rejected", "empty_text"),
    Case("control_junk", lambda i: _record(i, "\x01\x02\x03\x04 rebels \x05\x06\x07\x08" * 50), "rejected", "binary"),
    Case("german", lambda i: _record(i, "Die Regierung hat am Montag neue Sanktionen gegen Russland beschlossen, "
                                        "teilte das Ministerium in Berlin mit."), "rejected", "not_english"),
    Case("html_with_script", lambda i: _record(i, "<html><body><script>alert(1)</script><p>Kenyan police arrested "
                                                  "dozens of protesters in Nairobi on Monday.</p></body></html>"),
         "document"),
    Case("exclamation_storm", lambda i: _record(i, "!" * 30_000), "rejected", "too_slow"),
    Case("exclamation_sentences", lambda i: _record(i, "! " * 15_000), "document"),
    Case("no_full_stops", lambda i: _record(i, ("rebels attacked the capital while police arrested protesters "
                                                * 2_000)[:110_000]), "rejected", "too_slow", heavy=True),
    Case("line_over_limit", lambda i: _record(i, "x" * 6_100_000), "rejected", "too_large", heavy=True),
)
CASE_NAMES = tuple(case.name for case in CASES)


def good_line(record_id: str, number: int) -> str:
    first = GOOD_SENTENCES[number % len(GOOD_SENTENCES)]
    second = GOOD_SENTENCES[(number * 3 + 1) % len(GOOD_SENTENCES)]
    return _record(record_id, f"{first} {second}")


def corpus_lines(size: int, hostile_share: float = 0.3, heavy_every: int = 2_000) -> list[tuple[str, Case | None]]:
    """`size` JSONL lines, about hostile_share of them hostile (cycling through CASES, a heavy
    case at most once per heavy_every records), the rest good; (line, its case or None)."""
    light = [case for case in CASES if not case.heavy]
    heavy = [case for case in CASES if case.heavy]
    lines, hostile_seen = [], 0
    for number in range(size):
        if number % heavy_every == heavy_every // 2 and heavy:
            case = heavy[(number // heavy_every) % len(heavy)]
        elif int((number + 1) * hostile_share) > int(number * hostile_share):  # evenly spread
            case, hostile_seen = light[hostile_seen % len(light)], hostile_seen + 1
        else:
            lines.append((good_line(f"good-{number}", number), None))
            continue
        lines.append((case.line(f"{case.name}-{number}"), case))
    return lines


def write_corpus(path: Path, lines: list[tuple[str, Case | None]]) -> Path:
    path.write_text("".join(line + "\n" for line, _ in lines), encoding="utf-8")
    return path


def check_statuses(rows: list[dict], lines: list[tuple[str, Case | None]]) -> list[str]:
    """What is wrong with the status rows of a run over `lines` (empty: all is well): one
    row per line, in order, each with the status and code its case requires."""
    problems = []
    if len(rows) != len(lines):
        problems.append(f"{len(rows)} status rows for {len(lines)} records")
    for row, (_, case) in zip(rows, lines):
        expected = ("document", "") if case is None else (case.status, case.code)
        status = "document" if row["status"] in ("coded", "no_events") else row["status"]
        code = row["code"] if status == "rejected" else next(iter(set(row["flags"]) & {expected[1]}), "")
        if (status, code) != expected:
            name = "good" if case is None else case.name
            problems.append(f"line {row['line']} ({name}): {status} {code} {row['reason'][:120]!r}, "
                            f"expected {expected}")
    return problems
