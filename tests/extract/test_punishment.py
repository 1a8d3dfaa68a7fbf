"""The deed a punishment or accusation is for (extract/punishment.py): its own event, done
by the one punished, no party to the punishment. Sentences written for these tests."""

import pytest

from eventcoder.extract import punishment

pytestmark = pytest.mark.model


def _word(doc, text):
    return next(t for t in doc if t.text == text)


def test_violence_and_defiance_punished_are_deeds_an_arrest_is_not():
    assert punishment.is_punished_deed("jail", "ASSAULT")
    assert punishment.is_punished_deed("sentence", "REJECT")
    assert not punishment.is_punished_deed("arrest", "ASSAULT")  # what one is arrested for is alleged
    assert not punishment.is_punished_deed("jail", "AID")


def test_whom_the_deed_was_done_to_is_inside_it(parse):
    doc = parse("Police in Nairobi arrested two men for the murder of a Kenyan diplomat.")
    arrested, diplomat, men = _word(doc, "arrested"), _word(doc, "diplomat"), _word(doc, "men")
    assert punishment.within_deed(diplomat, arrested, "COERCE")
    assert not punishment.within_deed(men, arrested, "COERCE")
    assert not punishment.within_deed(diplomat, arrested, "AID")  # only punishing or accusing acts


def test_the_for_phrase_names_only_the_deed(parse):
    doc = parse("Police in Nairobi arrested two men for the murder of a Kenyan diplomat.")
    assert punishment.names_only_the_deed(_word(doc, "murder"), "COERCE")
    assert not punishment.names_only_the_deed(_word(doc, "murder"), "CONSULT")
    assert not punishment.names_only_the_deed(_word(doc, "men"), "COERCE")


def test_the_one_punished_did_the_deed(coder):
    events = coder.code_text("A court in Nairobi jailed three Somali gunmen for the killing of a Kenyan teacher.",
                             pub_date="2024-03-15")
    deed = next(e for e in events if e.event == "ASSAULT")
    assert [a.text for a in deed.actor] == ["three Somali gunmen"]
    jailing = [e for e in events if e.event != "ASSAULT"]
    assert jailing and all("teacher" not in r.text for e in jailing for r in e.recipient)
