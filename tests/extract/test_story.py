"""The story's country fills parties of no known country (extract/story.py)."""

import pytest

from eventcoder.extract.story import StoryCountries


def story_of(*sentences: set[str]) -> StoryCountries:
    story = StoryCountries()
    for countries in sentences:
        story.add_sentence(countries)
    return story


def test_a_country_named_in_most_sentences_is_the_story_country():
    assert story_of({"KEN"}, {"KEN", "UGA"}, set(), {"KEN"}).main_country() == "KEN"


@pytest.mark.parametrize("sentences", [
    [{"KEN"}],                              # one sentence is no story
    [{"KEN"}, {"UGA"}, {"KEN", "UGA"}],     # a tie
    [{"KEN"}, {"KEN"}, {"UGA"}, {"TZA"}, {"RWA"}, {"ETH"}],  # named in under half the sentences
])
def test_no_story_country_unless_one_stands_out(sentences):
    assert story_of(*sentences).main_country() == ""


def test_organisations_are_not_a_story_country():
    assert story_of({"IGO"}, {"IGO"}, {"IGO", "KEN"}).main_country() == ""


@pytest.mark.model
def test_an_unplaced_party_takes_the_story_country_and_says_so(coder):
    text = ("Kenya's parliament passed a new budget on Tuesday.\nKenya's treasury welcomed the vote.\n"
            "Otieno Kamau criticised the judges.")
    accuse = next(e for e in coder.code_text(text) if e.event == "ACCUSE")
    judges = accuse.recipient[0]
    assert judges.country == "KEN"
    assert "the story's country" in judges.source


@pytest.mark.model
def test_a_story_of_two_countries_leaves_the_party_unplaced(coder):
    text = ("Kenya's parliament passed a new budget on Tuesday.\nUganda's treasury welcomed the vote.\n"
            "Otieno Kamau criticised the judges.")
    accuse = next(e for e in coder.code_text(text) if e.event == "ACCUSE")
    assert accuse.recipient[0].country == ""


@pytest.mark.model
def test_the_title_counts_as_a_sentence_of_the_story(coder):
    body = "Kenya's parliament passed a new budget on Tuesday.\nOtieno Kamau criticised the judges."
    def judges(title):
        result = coder.code_document({"id": "t", "text": body, "title": title})
        return next(e for e in result.events if e.event == "ACCUSE").recipient[0].country
    assert judges("Kenya's parliament passes a budget") == "KEN"
    assert judges("") == ""


@pytest.mark.model
def test_a_thing_of_a_people_is_no_antecedent_for_they(coder):
    # "an Irish pub" is remembered as no party: "They" must not become Irish
    text = "Two French officers met a tourist at an Irish pub.\nThey offered her a tour of the building."
    assert all(a.country != "IRL" for e in coder.code_text(text) for a in e.actor if a.text == "They")
