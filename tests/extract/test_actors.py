"""Actor resolution inside documents, on names invented for these tests."""

import json
import os
import subprocess
import sys

import pytest

from eventcoder.coder import Coder

pytestmark = pytest.mark.model


def first(events, category):
    return next(e for e in events if e.event == category)


def test_apposition_binds_unknown_person_to_country_and_sector(coder):
    text = "Olga Petrenko, a spokeswoman for the Ukrainian Defence Ministry, condemned Belarus."
    actor = first(coder.code_text(text, pub_date="2024-01-10"), "ACCUSE").actor[0]
    assert (actor.name, actor.country, actor.sector, actor.kind) == ("Olga Petrenko", "UKR", "GOV", "person")


def test_title_before_name(coder):
    text = "Ukrainian Foreign Minister Olga Petrenko condemned Belarus."
    actor = first(coder.code_text(text, pub_date="2024-01-10"), "ACCUSE").actor[0]
    assert (actor.country, actor.sector) == ("UKR", "GOV")


def test_surname_and_pronoun_carry_over(coder):
    text = ("Olga Petrenko, a spokeswoman for the Ukrainian Defence Ministry, condemned Belarus. "
            "Petrenko also criticized Hungary.\nShe later praised Poland.")
    events = coder.code_text(text, pub_date="2024-01-10")
    later = [e for e in events if e.evidence.sentence_index > 0]
    assert [(e.event, e.actor[0].country, e.actor[0].sector) for e in later] == [
        ("ACCUSE", "UKR", "GOV"), ("SUPPORT", "UKR", "GOV")]


def test_seat_of_government_is_the_government(coder):
    actor = first(coder.code_text("The Kremlin condemned Canada.", pub_date="2024-01-10"), "ACCUSE").actor[0]
    assert (actor.country, actor.sector) == ("RUS", "GOV")


def test_agent_words_give_sectors(coder):
    events = coder.code_text("Kenyan police arrested dozens of protesters in Nairobi.", pub_date="2024-01-10")
    arrest = first(events, "COERCE")
    assert (arrest.actor[0].country, arrest.actor[0].sector) == ("KEN", "COP")
    assert arrest.recipient[0].sector == "CVL"


def test_international_organisation(coder):
    actor = first(coder.code_text("NATO condemned the missile launch by North Korea.", pub_date="2024-01-10"),
                  "ACCUSE").actor[0]
    assert (actor.country, actor.organization) == ("IGO", "NATO")


def test_user_dictionary_wins(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,country,sector,kind\nZorvath Front,MLI,REB,group\n")
    coder = Coder(actor_files=(str(path),))
    events = coder.code_text("The Zorvath Front attacked a Malian army base.", pub_date="2024-01-10")
    actor = first(events, "ASSAULT").actor[0]
    assert (actor.country, actor.sector, actor.source.startswith("user:")) == ("MLI", "REB", True)


def test_people_named_by_where_they_live(coder):
    events = coder.code_text("The Hungarians of southern Slovakia demanded autonomy from the Slovak government.",
                             pub_date="2024-01-10")
    request = first(events, "REQUEST")
    assert request.actor[0].country == "SVK"


def test_definite_agent_refers_back(coder):
    text = ("Olga Petrenko, a spokeswoman for the Ukrainian Defence Ministry, condemned Belarus.\n"
            "The ministry later criticized Hungary.")
    later = [e for e in coder.code_text(text, pub_date="2024-01-10") if e.evidence.sentence_index == 1]
    assert [(e.event, e.actor[0].country, e.actor[0].sector) for e in later] == [("ACCUSE", "UKR", "GOV")]


def test_coordinated_countries_inside_a_phrase_are_all_recipients(coder):
    events = coder.code_text("Japan agreed to provide 5 million dollars of aid for Laos and Cambodia.",
                             pub_date="2024-01-10")
    assert sorted(r.country for r in first(events, "AGREE").recipient) == ["KHM", "LAO"]


def test_country_naming_a_border_is_a_place(coder):
    events = coder.code_text("Malian troops attacked a rebel base on the Algerian border.", pub_date="2024-01-10")
    assert "DZA" not in [r.country for r in first(events, "ASSAULT").recipient]


def test_a_camp_keeps_its_people_not_its_host(coder):
    events = coder.code_text("The United Nations cut food aid to a Sudanese refugee camp in Chad.",
                             pub_date="2024-01-10")
    assert [r.country for r in first(events, "SANCTION").recipient] == ["SDN"]


HARDLINE = """
import json
from eventcoder.coder import Coder
events = Coder().code_text("Kenyan hardline lawmakers condemned Uganda on Monday.", pub_date="2024-01-10")
print(json.dumps([[e.event, e.actor[0].country, e.actor[0].sector, e.actor[0].other_sectors] for e in events]))
"""


def _code_in_fresh_process(words_folder) -> list:
    env = {key: value for key, value in os.environ.items() if key != "EVENTCODER_WORDS"}
    if words_folder is not None:
        env["EVENTCODER_WORDS"] = str(words_folder)
    done = subprocess.run([sys.executable, "-c", HARDLINE], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_a_user_sector_modifier_adds_its_sector(tmp_path):
    """A word added to modifier_sectors through EVENTCODER_WORDS reaches the record."""
    assert _code_in_fresh_process(None) == [["ACCUSE", "KEN", "LEG", []]]
    (tmp_path / "modifier_sectors.tsv").write_text("hardline\tOPP\n")
    assert _code_in_fresh_process(tmp_path) == [["ACCUSE", "KEN", "LEG", ["OPP"]]]


# A surname alone must not beat better evidence (issue 14, class 10).

def _surname_dictionary():
    from eventcoder.knowledge.dictionaries import ActorDictionary

    person = ("Ivo Marten", "person", "EST", "GOV", "", "", "", "", "test:IVO_MARTEN")
    other = ("Omar Hadid", "person", "JOR", "GOV", "", "", "", "", "test:OMAR_HADID (surname)")
    return ActorDictionary([("ivo marten", *person), ("marten", *person[:-1], "test:IVO_MARTEN (surname)"),
                            ("hadid", *other),
                            ("minister", "minister", "agent", "", "GOV", "", "", "", "", "test:agents")])


def _mentioned(parse, text):
    from eventcoder.extract.actors import find_mentions

    sentence = parse(text)
    return {sentence.doc[i].text: m.entry.name for i, m in find_mentions(sentence, _surname_dictionary(), None).items()}


def test_a_surname_with_another_given_name_is_someone_else(parse):
    assert "Marten" not in _mentioned(parse, "Lena Marten visited the border crossing.")


def test_a_given_name_that_is_also_someone_surname_still_disagrees(parse):
    assert "Marten" not in _mentioned(parse, "Hadid Marten visited the border crossing.")


def test_a_place_named_like_a_surname_is_no_person(parse):
    assert "Marten" not in _mentioned(parse, "Shelling hit a school in Kafr Marten overnight.")


def test_a_surname_alone_or_with_its_own_given_name_or_title_resolves(parse):
    assert _mentioned(parse, "Marten visited the border crossing.")["Marten"] == "Ivo Marten"
    assert _mentioned(parse, "Minister Marten visited the border crossing.")["Marten"] == "Ivo Marten"
    assert _mentioned(parse, "I. Marten visited the border crossing.")["Marten"] == "Ivo Marten"


def test_a_travelling_official_keeps_his_country(coder):
    text = "The Peruvian foreign minister met Chilean officials in Madrid."
    actors = first(coder.code_text(text, pub_date="2024-01-10"), "CONSULT").actor
    assert ("PER", "GOV") in [(a.country, a.sector) for a in actors]


def test_a_surname_followed_by_more_of_a_name_is_a_given_name(parse):
    # "Rodrigo Duterte", "Human Rights Front": the matched word is not where the name ends
    assert "Marten" not in _mentioned(parse, "Marten Okoye visited the border crossing.")
    assert _mentioned(parse, "Marten's aides visited the border crossing.")["Marten"] == "Ivo Marten"


def _former_mentions(parse, text):
    from eventcoder.extract.actors import find_mentions
    from eventcoder.knowledge.dictionaries import ActorDictionary

    person = ("Ivo Marten", "person", "EST", "GOV", "", "", "2001-01-01", "2005-12-31")
    table = ActorDictionary([("ivo marten", *person, "test:IVO_MARTEN"),
                             ("marten", *person, "test:IVO_MARTEN (surname)")])
    sentence = parse(text)
    return {sentence.doc[i].text: m.entry for i, m in find_mentions(sentence, table, "2020-05-01").items()}


def test_a_bare_surname_of_someone_out_of_office_is_too_weak(parse):
    assert "Marten" not in _former_mentions(parse, "Marten visited the border crossing.")
    full = _former_mentions(parse, "Ivo Marten visited the border crossing.")["Marten"]
    assert (full.country, full.sector) == ("EST", "ELI")


def test_an_anti_word_names_the_target_not_the_doer(coder):
    text = "Hundreds of students held an anti-French rally in Dakar on Friday."
    event = first(coder.code_text(text, pub_date="2024-03-01"), "PROTEST")
    assert [r.country for r in event.recipient] == ["FRA"]
    assert "FRA" not in [a.country for a in event.actor]


def test_an_anti_word_alone_can_name_a_protest(coder):
    text = "Anti-Chinese protests spread across the country on Sunday."
    event = first(coder.code_text(text, pub_date="2024-03-01"), "PROTEST")
    assert [r.country for r in event.recipient] == ["CHN"] and not event.actor


def test_a_possessive_pronoun_stands_for_every_subject(coder):
    text = "Chile and Peru announced their support for the ceasefire plan."
    event = first(coder.code_text(text, pub_date="2024-03-01"), "SUPPORT")
    assert sorted(a.country for a in event.actor) == ["CHL", "PER"]


def test_a_pronoun_for_the_actor_is_no_recipient(coder):
    text = "The Kenyan president denied that he had ordered the arrests."
    event = first(coder.code_text(text, pub_date="2024-03-01"), "REJECT")
    assert [a.country for a in event.actor] == ["KEN"] and event.recipient == []


def test_congress_alone_is_the_us_congress_unless_a_country_is_named(coder):
    alone = first(coder.code_text("Congress rejected the spending plan on Tuesday.", pub_date="2024-03-01"), "REJECT")
    assert [(a.country, a.sector) for a in alone.actor] == [("USA", "LEG")]
    named = first(coder.code_text("Peru's Congress rejected the spending plan on Tuesday.", pub_date="2024-03-01"),
                  "REJECT")
    assert [(a.country, a.sector) for a in named.actor] == [("PER", "LEG")]


def test_its_stands_for_a_body_not_the_person_speaking(coder):
    text = ("In a letter, Olga Petrenko cited the Cuban government's repression of dissidents "
            "and its support for the Nicaraguan government.")
    event = first(coder.code_text(text, pub_date="2024-03-01"), "SUPPORT")
    assert [a.country for a in event.actor] == ["CUB"]


def test_a_city_name_in_a_facility_name_is_no_city(parse):
    from eventcoder.extract.actors import find_mentions
    from eventcoder.knowledge.dictionaries import ActorDictionary

    table = ActorDictionary([("victoria", "Victoria", "capital", "SYC", "GOV", "", "", "", "", "test:capital")])

    def mentioned(text):
        sentence = parse(text)
        return {sentence.doc[i].text for i in find_mentions(sentence, table, None)}

    assert "Victoria" not in mentioned("Thousands marched from Victoria Park to the harbour.")
    assert "Victoria" in mentioned("Thousands marched through Victoria on Sunday.")


def test_titles_of_two_words_and_stacked_titles_give_the_sector(coder):
    guard = first(coder.code_text("The Coast Guard has launched an investigation into the collision.",
                                  pub_date="2024-03-01"), "ACCUSE")
    assert guard.actor[0].sector == "MIL"
    plea = first(coder.code_text("Detective Inspector Tom Hallet urged witnesses to come forward.",
                                 pub_date="2024-03-01"), "REQUEST")
    assert plea.actor[0].sector == "COP"


def test_a_dateline_is_where_the_story_was_filed_not_who_acts(coder):
    events = coder.code_text("MOSCOW (Sputnik) - A court in Ecuador has revoked the detention of a former minister.",
                             pub_date="2024-03-01")
    assert events and all("MOSCOW" not in a.text and a.country != "RUS" for e in events for a in e.actor)
    court = first(coder.code_text("NAIROBI -- A Kenyan court on Friday rejected the appeal of an opposition leader.",
                                  pub_date="2024-03-01"), "REJECT")
    assert [(a.text, a.country) for a in court.actor] == [("Kenyan court", "KEN")]


def test_a_hyphenated_pair_of_names_is_no_dateline(parse):
    from eventcoder.extract.arguments import dateline_end

    sentence = parse("US-China talks collapsed after Beijing rejected the proposal.")
    assert dateline_end(sentence) == sentence.start
    sentence = parse("UNITED NATIONS -- The Security Council extended the mission.")
    assert dateline_end(sentence) == sentence.start + 3
