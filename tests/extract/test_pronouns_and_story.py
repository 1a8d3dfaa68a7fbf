"""Parties the article gives (issue 14): whom a pronoun stands for, and the story's country.
Sentences written for these tests, never taken from a gold or dev file."""

import pytest

from eventcoder.extract.actors import can_stand_for, find_mentions, quotation_open
from eventcoder.extract.story import StoryCountries, countries_in_sentence, names_the_story
from tests.extract.coding import events


def _only(coder, text, category):
    found = [e for e in events(coder, text) if e.event == category]
    assert len(found) == 1, [(e.event, e.evidence.trigger.text) for e in events(coder, text)]
    return found[0]


# ---------------------------------------------------------------- what a pronoun can stand for


def test_he_stands_for_one_person_it_for_a_body_they_for_a_group_or_a_body():
    assert can_stand_for("person", "person") and not can_stand_for("person", "body")
    assert can_stand_for("body", "body") and not can_stand_for("body", "group")
    assert can_stand_for("group", "group") and can_stand_for("group", "body")
    assert not can_stand_for("group", "person") and not can_stand_for("group", "someone")
    assert not can_stand_for("person", "someone")


def test_a_quotation_is_open_after_an_odd_number_of_straight_marks_or_a_curly_opening_mark():
    assert quotation_open(["he", "said", ",", '"', "we"])
    assert not quotation_open(['"', "we", "will", '"', ",", "he"])
    assert quotation_open(["\u201c", "we"]) and not quotation_open(["\u201c", "we", "\u201d", "he"])


@pytest.mark.model
def test_they_is_not_the_one_man_the_previous_sentence_named(coder):
    text = "Police arrested a 40-year-old Leeds man on Friday.\nThey released him on bail on Saturday."
    event = _only(coder, text, "RETREAT")
    assert [(a.text, a.sector) for a in event.actor] == [("They", "COP")]


@pytest.mark.model
def test_it_stands_for_a_ministry_and_they_for_the_officials_before_it(coder):
    text = ("Kenyan officials met the Ugandan foreign ministry on Monday.\n"
            "It accused Kenya of arming rebels.")
    event = _only(coder, text, "ACCUSE")
    assert [(a.text, a.country) for a in event.actor] == [("It", "UGA")]


@pytest.mark.model
def test_they_stands_for_the_subject_of_the_previous_sentence_before_its_object(coder):
    text = ("Ethiopian troops attacked Kenyan soldiers on Monday.\n"
            "They also attacked a market in the town on Tuesday.")
    attacks = [e for e in events(coder, text) if e.event == "ASSAULT" and "market" in e.evidence.sentence]
    assert [(a.text, a.country) for a in attacks[0].actor] == [("They", "ETH")]


# ---------------------------------------------------------------- the story's country


def test_a_thing_named_after_a_country_a_currency_and_a_quotation_name_no_story_country():
    assert not names_the_story("an artwork entitled america was".split(), 3, 4)
    assert not names_the_story("worth six million us dollars".split(), 3, 4)
    assert not names_the_story(['"', "a", "comment", "on", "the", "american", "dream", '"'], 5, 6)
    assert names_the_story("police in england said".split(), 2, 3)


@pytest.mark.model
def test_names_in_quotations_works_and_money_do_not_outvote_where_the_story_is_set(coder):
    sentences = ["Police in England arrested a man after a painting entitled America was stolen.",
                 "The painting, worth two million US dollars, was taken from a gallery in England.",
                 "The artist called it \"a joke about the American dream\"."]
    story = StoryCountries()
    for doc in coder.nlp.pipe(sentences):
        story.add_sentence(countries_in_sentence(doc, find_mentions(doc[:], coder.resources.dictionary, "2024-03-15")))
    assert story.naming == {"GBR": 2}
    assert story.main_country() == "GBR"


# ---------------------------------------------------------------- the acting state is not its own recipient


@pytest.mark.model
def test_the_state_an_official_acts_for_is_not_the_recipient_of_the_act(coder):
    event = _only(coder, "Last year the Kenyan president withdrew Kenya from a trade pact with Uganda.", "SANCTION")
    assert [(r.text, r.country) for r in event.recipient] == [("Uganda", "UGA")]


@pytest.mark.model
def test_a_part_of_the_acting_state_stays_a_recipient(coder):
    event = _only(coder, "The Ugandan government criticised Uganda's courts.", "ACCUSE")
    assert [(r.country, r.sector) for r in event.recipient] == [("UGA", "JUD")]


@pytest.mark.model
def test_a_pronouns_exclusions_are_looked_at_not_remembered(nlp, coder):
    """Resolving "its" passes over Kenya, the doer (actors._own_clause_subjects); looking
    Kenya up for that must not record it in the document's memory a second time."""
    from eventcoder.extract.actors import ActorResolver, DocumentMemory

    doc = nlp("Kenya sent troops at its request.")
    memory = DocumentMemory()
    resolver = ActorResolver(coder.resources.dictionary, memory,
                             find_mentions(doc[:], coder.resources.dictionary, "2024-03-15"))
    pronoun = next(t for t in doc if t.lower_ == "its")
    assert resolver.resolve(pronoun) is None  # nobody but the doer to stand for
    assert memory.recent == []
