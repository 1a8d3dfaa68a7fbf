import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import main

pytestmark = pytest.mark.model


def test_code_writes_a_deduplicated_copy(tmp_path):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in [
        {"id": "s1", "text": "Rebels attacked a police station in Kano on Monday.", "pub_date": "2024-03-20"},
        {"id": "s2", "text": "On Monday rebels attacked a police station in Kano, officials said.",
         "pub_date": "2024-03-20"},
    ]) + "\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["code", str(corpus), "-o", str(out), "--dedup", "one-a-day",
                                       "--workers", "1", "--no-progress"])
    assert result.exit_code == 0, result.output
    full = [json.loads(line) for line in out.read_text().splitlines()]
    kept = [json.loads(line) for line in (tmp_path / "out.jsonl.dedup.jsonl").read_text().splitlines()]
    assert [e["story_id"] for e in full] == ["s1", "s2"]
    assert [e["story_id"] for e in kept] == ["s1"]
