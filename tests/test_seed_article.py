"""Acceptance: the seed article codes as PRODUCT.md says a user expects."""

import json
import subprocess
import sys

import pytest

from conftest import REPO, SEED_ARTICLE

pytestmark = [pytest.mark.model, pytest.mark.slow]

ANALYSIS = (
    "If the world becomes a place where aggressors win",
    "Russia's victory poses a survival threat to Japan",
)


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.jsonl"
    subprocess.run([sys.executable, "-m", "eventcoder.cli", "code", str(SEED_ARTICLE), "--pub-date",
                    "2025-09-20", "-o", str(out), "--workers", "1", "--no-progress"], check=True, cwd=REPO)
    return [json.loads(line) for line in out.read_text().splitlines()]


def countries(entities):
    return {e["country"] for e in entities}


def test_threat_from_zakharova_at_japan(seed_events):
    threats = [e for e in seed_events if e["event"] == "THREATEN" and countries(e["actor"]) == {"RUS"}
               and countries(e["recipient"]) == {"JPN"}]
    assert threats, seed_events
    threat = threats[0]
    assert threat["actor"][0]["sector"] == "GOV"
    assert "Zakharova" in threat["actor"][0]["text"]
    assert "Zakharova" in threat["attributed_to"]["text"]
    assert threat["date"] == "2025-09-18" and threat["date_source"] == "text"
    assert threat["aux"] == "asserted"


def test_japan_aids_ukraine(seed_events):
    assert any(e["event"] == "AID" and countries(e["actor"]) == {"JPN"} and countries(e["recipient"]) == {"UKR"}
               and e["aux"] == "asserted" for e in seed_events)


def test_japan_joins_nato_initiative(seed_events):
    assert any(e["event"] in ("COOPERATE", "AGREE") and countries(e["actor"]) == {"JPN"}
               and "IGO" in countries(e["recipient"]) and "NATO" in e["recipient"][0]["text"]
               for e in seed_events)


def test_russian_objection_at_japan(seed_events):
    assert any(e["event"] in ("ACCUSE", "THREATEN") and countries(e["actor"]) == {"RUS"}
               and countries(e["recipient"]) == {"JPN"} and e["evidence"]["sentence_index"] > 0
               for e in seed_events)


def test_author_analysis_is_never_an_asserted_event(seed_events):
    for event in seed_events:
        if any(phrase in event["evidence"]["sentence"] for phrase in ANALYSIS):
            assert event["aux"] != "asserted", event


def test_offsets_point_at_the_evidence(seed_events):
    text = SEED_ARTICLE.read_text()
    for event in seed_events:
        trigger = event["evidence"]["trigger"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        for actor in event["actor"]:
            assert text[actor["start"]:actor["end"]] == actor["text"]
