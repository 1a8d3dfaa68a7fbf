"""Trigger words of courts, prosecutors and street violence that real news uses for events
(issue 14). Sentences written for these tests, never taken from a gold or dev file."""

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, category", [
    ("Kenyan lawmakers voted to impeach the governor of Nairobi.", "ACCUSE"),
    ("The Peruvian Congress's impeachment of the president began on Monday.", "ACCUSE"),
    ("Prosecutors in Lagos will prosecute the former Nigerian oil minister.", "ACCUSE"),
    ("Brazil's prosecution of the senator opened in Brasilia.", "ACCUSE"),
    ("Police in Kenya filed charges against two opposition activists.", "ACCUSE"),
    ("The Israeli attorney general's indictment of the prime minister was read in court.", "ACCUSE"),
    ("A Kenyan court found the former minister guilty of fraud.", "SANCTION"),
    ("A Russian court's conviction of the journalist drew criticism.", "SANCTION"),
    ("The Kenyan president commuted the death sentences of 20 prisoners.", "CONCEDE"),
    ("French prosecutors dropped the charges against the Algerian activist.", "CONCEDE"),
    ("Mexican police reported the shooting of a journalist in Tijuana.", "ASSAULT"),
    ("A man stabbed a French police officer in Paris.", "ASSAULT"),
    ("Russian agents poisoned the opposition leader, German doctors said.", "ASSAULT"),
    ("The Kenyan government's plea for calm went unheard.", "REQUEST"),
    ("The Japanese prime minister's endorsement of the candidate surprised Tokyo.", "SUPPORT"),
])
def test_news_vocabulary(coder, text, category):
    events = coder.code_text(text, pub_date="2024-03-15")
    assert category in [e.event for e in events]


def test_a_bare_shooting_noun_is_no_event(coder):
    events = coder.code_text("Serbian police said the shooting was over.", pub_date="2024-03-15")
    assert "ASSAULT" not in [e.event for e in events]


@pytest.mark.parametrize("text, category", [
    ("The Kenyan government appealed the ruling of the high court.", "REJECT"),
    ("Lawyers for the Turkish journalist filed an appeal against the verdict.", "REJECT"),
    ("The Kenyan president appealed for calm.", "REQUEST"),
])
def test_appeal_against_a_ruling_rejects_it(coder, text, category):
    events = coder.code_text(text, pub_date="2024-03-15")
    assert [e.event for e in events] == [category]


def test_owner_of_a_patient_noun_is_the_recipient(coder):
    events = coder.code_text("The Kenyan police announced Okafor's arrest.", pub_date="2024-03-15")
    coerce = [e for e in events if e.event == "COERCE"]
    assert coerce and [r.text for r in coerce[0].recipient] == ["Okafor"]
    assert [a.country for a in coerce[0].actor] == ["KEN"]


def test_patient_noun_without_doer_keeps_its_victim(coder):
    events = coder.code_text("Okafor's death sentence was upheld on Monday.", pub_date="2024-03-15")
    sanction = [e for e in events if e.event == "SANCTION"]
    assert sanction and not sanction[0].actor and sanction[0].recipient[0].text == "Okafor"


def test_owner_with_an_of_complement_stays_the_doer(coder):
    events = coder.code_text("Brazil's prosecution of the senator opened in Brasilia.", pub_date="2024-03-15")
    accuse = [e for e in events if e.event == "ACCUSE"]
    assert accuse and [a.country for a in accuse[0].actor] == ["BRA"]
