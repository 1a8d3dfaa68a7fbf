import pytest

from eventcoder.extract.contexts import document_contexts


def test_contexts_need_repeated_signals_in_long_documents():
    text = ("Voters went to the polls in a disputed election. The election commission counted ballots. "
            "A soldier stood guard.")
    assert document_contexts(text, sentences=3) == ["election"]


def test_short_document_takes_single_signals():
    assert document_contexts("Refugees asked for asylum at the border.", sentences=1) == [
        "asylum", "territory"]


def test_at_most_three_contexts_most_frequent_first():
    text = " ".join(["election"] * 4 + ["troops"] * 3 + ["court"] * 2 + ["oil"] * 2)
    assert document_contexts(text, sentences=5) == ["election", "military", "legal"]


@pytest.mark.model
def test_coded_events_carry_the_document_contexts(coder):
    text = "Kenyan police arrested the opposition candidate in Nairobi.\nThe election was postponed."
    events = coder.code_text(text, pub_date="2024-01-10")
    assert events and all("election" in e.context for e in events)
