"""The accuracy gate: evaluate on PLOVER's gold records and fail below the floors.

Like trafilatura's evaluation gate: the gold file is identified by its checksum, the
floors live in tests/evaluation/accuracy_floors.json, and the figures come from the same
`evaluate` code users run (docs/evaluation.md).
"""

import json
from pathlib import Path

import pytest

from eventcoder.evaluation.scoring import evaluate, report
from eventcoder.evaluation.gold import file_sha256, load_gold
from eventcoder.io.reading import Document

from conftest import PLOVER_GOLD

pytestmark = pytest.mark.model

GOLD = PLOVER_GOLD  # vendored in the repository: tests/data/plover/PROVENANCE.md
FLOORS = json.loads((Path(__file__).parent / "accuracy_floors.json").read_text())


@pytest.fixture(scope="module")
def gold_report(_session_coder):  # module-wide, so the session coder itself (the module is marked)
    coder = _session_coder
    texts = load_gold(GOLD)

    def code(batch):
        documents = [Document(id=t.id, text=t.text, pub_date=t.pub_date) for t in batch]
        return [result.events for result in coder.code_batch(documents)]

    return report(evaluate(texts, code))


def test_gold_file_is_the_one_the_floors_were_set_on():
    assert file_sha256(GOLD) == FLOORS["gold_sha256"]


def test_gold_file_loads_all_records(gold_report):
    assert gold_report["texts"] == 322 and gold_report["gold_events"] == 322


# Nested sections hold the floors of other data sets (test_real_news_floors.py).
@pytest.mark.parametrize("figure", [k for k, v in FLOORS.items()
                                    if not k.startswith("_") and k != "gold_sha256" and not isinstance(v, dict)])
def test_figure_at_or_above_floor(gold_report, figure):
    assert gold_report[figure] >= FLOORS[figure], f"{figure} {gold_report[figure]} < floor {FLOORS[figure]}"
