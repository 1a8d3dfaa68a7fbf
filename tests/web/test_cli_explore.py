"""`eventcoder explore` on the command line: help, the loopback rule, errors before serving."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.web.server import is_loopback


def test_help_explains_pages_and_the_loopback_rule():
    result = CliRunner().invoke(main, ["explore", "--help"])
    assert result.exit_code == 0
    for words in ("JSON twin", "/api/events", "--host", "loopback", "--port"):
        assert words in result.output


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True),
                                                ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                                ("::", False), ("example.org", False)])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_a_non_loopback_host_from_a_default_is_refused(tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["explore", str(events)], default_map={"explore": {"host": "0.0.0.0"}})
    assert result.exit_code == 2
    assert "not a loopback address" in result.output and "--host 0.0.0.0" in result.output


def test_a_non_loopback_host_given_explicitly_passes_the_check(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not events", encoding="utf-8")
    result = CliRunner().invoke(main, ["explore", str(notes), "--host", "0.0.0.0"])
    # past the host check, stopped by the file: an input error (1), not a usage error (2)
    assert result.exit_code == 1
    assert "not a loopback" not in result.output and "notes.txt" in result.output


def test_a_missing_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["explore", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2 and "does not exist" in result.output
