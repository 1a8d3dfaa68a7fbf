"""Agreement of two annotators: figures worked out by hand on invented annotations."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.errors import GoldFormatError
from eventcoder.evaluation.agreement import agreed_lines, cohen_kappa, compare, read_annotations
from eventcoder.evaluation.gold import load_gold

REPO = Path(__file__).resolve().parents[2]


def ev(category, actor="", recipient="", aux="asserted"):
    return {"event": category, "aux": aux, "trigger": "x",
            "actor": [{"text": "a", "country": actor, "sector": "GOV"}] if actor else [],
            "recipient": [{"text": "r", "country": recipient}] if recipient else []}


FIRST = [
    {"id": "s1", "annotator": "A1", "events": [ev("ASSAULT", "ISR", "PSE"), ev("REQUEST", "USA", "ISR")]},
    {"id": "s2", "annotator": "A1", "events": []},
    {"id": "s3", "annotator": "A1", "events": [ev("CONSULT", "TUR", "", aux="future")]},
    {"id": "s4", "annotator": "A1", "events": [ev("REJECT", "RUS")]},
]
SECOND = [
    {"id": "s1", "annotator": "A2", "events": [ev("ASSAULT", "ISR", "PSE"), ev("ACCUSE", "USA", "ISR")]},
    {"id": "s2", "annotator": "A2", "events": []},
    {"id": "s3", "annotator": "A2", "events": [ev("CONSULT", "TUR", "")]},
    {"id": "s5", "annotator": "A2", "events": []},
]


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path):
    return write(tmp_path / "a1.jsonl", FIRST), write(tmp_path / "a2.jsonl", SECOND)


def test_kappa_of_known_tables():
    # 4 judgements, agree on 3 (observed .75); yes-rates .5 and .25 -> expected .5; kappa .5
    assert cohen_kappa([True, True, False, False], [True, False, False, False]) == 0.5
    assert cohen_kappa([True, False], [True, False]) == 1.0
    assert cohen_kappa([False, False], [False, False]) == 1.0


def test_figures_over_shared_sentences(files):
    report = compare(read_annotations(files[0]), read_annotations(files[1]))
    assert report["annotators"] == ["A1", "A2"] and report["sentences"] == 3
    assert (report["only_in_first"], report["only_in_second"]) == (["s4"], ["s5"])
    # same category sets: s2 and s3, not s1 -> 2/3
    assert report["sentence_agreement"] == round(2 / 3, 4)
    # events 3 + 3, pairs ASSAULT and CONSULT -> 4/6
    assert report["event_category_agreement"] == round(4 / 6, 4) and report["paired_events"] == 2
    assert report["actor_country_agreement"] == 1.0 and report["recipient_country_agreement"] == 1.0
    assert report["aux_agreement"] == 0.5
    # 3 sentences x 16 categories: disagreements only REQUEST/ACCUSE in s1
    assert report["kappa_per_category"]["ASSAULT"] == 1.0 and report["kappa_per_category"]["REQUEST"] == 0.0
    yes_a, yes_b = 3 / 48, 3 / 48
    expected = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    assert report["kappa"] == round((46 / 48 - expected) / (1 - expected), 4)


def test_disagreements_name_their_reasons(files):
    report = compare(read_annotations(files[0]), read_annotations(files[1]))
    by_id = {d["id"]: d for d in report["disagreements"]}
    assert sorted(by_id) == ["s1", "s3"]
    assert by_id["s1"]["reasons"] == ["categories ['ASSAULT', 'REQUEST'] vs ['ACCUSE', 'ASSAULT']"]
    assert by_id["s3"]["reasons"] == ["CONSULT: aux"]
    assert by_id["s3"]["A1"][0]["aux"] == "future" and by_id["s3"]["A2"][0]["aux"] == "asserted"


def test_draft_gold_holds_undisputed_sentences_and_loads_as_gold(files, tmp_path):
    first = read_annotations(files[0])
    lines = agreed_lines(first, compare(first, read_annotations(files[1])))
    assert [line["id"] for line in lines] == ["s2"]
    write(tmp_path / "sentences.jsonl", [{"id": "s2", "text": "Nothing happened.", "part": "dev"}])
    gold = load_gold(write(tmp_path / "gold.jsonl", lines))
    assert [(t.id, t.part, t.events) for t in gold] == [("s2", "dev", [])]


def test_a_sentence_annotated_twice_is_refused(tmp_path):
    path = write(tmp_path / "a.jsonl", [FIRST[1], FIRST[1]])
    with pytest.raises(GoldFormatError, match="annotated twice"):
        read_annotations(path)


def test_tool_prints_figures_and_writes_the_disputes(files, tmp_path):
    disputes = tmp_path / "disputes.jsonl"
    sentences = write(tmp_path / "sentences.jsonl", [{"id": "s1", "text": "Invented sentence one."}])
    result = subprocess.run([sys.executable, str(REPO / "tools" / "agreement.py"), str(files[0]), str(files[1]),
                             "--disagreements", str(disputes), "--sentences", str(sentences)],
                            capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "src")})
    assert result.returncode == 0, result.stderr
    assert "sentence_agreement" in result.stdout and "disagreements: 2 sentences" in result.stdout
    rows = [json.loads(line) for line in disputes.read_text().splitlines()]
    assert rows[0]["id"] == "s1" and rows[0]["text"] == "Invented sentence one."
