import pytest

from eventcoder.extract.triggers import find_triggers

pytestmark = pytest.mark.model


def categories(parse, lexicon, text):
    return [(t.token.text, t.pattern.category) for t in find_triggers(parse(text), lexicon)]


def test_verb_trigger_by_lemma(parse, lexicon):
    assert ("attacked", "ASSAULT") in categories(parse, lexicon, "Rebels attacked a police station.")


def test_phrasal_pattern_needs_its_particle(parse, lexicon):
    found = categories(parse, lexicon, "The senator called for an inquiry into the contracts.")
    assert ("called", "REQUEST") in found
    plain = categories(parse, lexicon, "The senator called the minister a liar.")
    assert ("called", "REQUEST") not in plain


def test_noun_trigger_with_adjective(parse, lexicon):
    found = categories(parse, lexicon, "He said the convoys would be a legitimate target.")
    assert ("target", "THREATEN") in found


def test_longest_pattern_wins_at_a_head(parse, lexicon):
    triggers = find_triggers(parse("The two leaders held talks in Cairo."), lexicon)
    held = [t for t in triggers if t.token.text == "held"]
    assert held and held[0].pattern.words == ("hold", "talk")


def test_no_trigger_in_plain_sentence(parse, lexicon):
    assert categories(parse, lexicon, "The weather in the capital was mild.") == []


# Word sense (data/triggers/_senses.tsv): the category a word takes from its neighbours.

def reading(parse, lexicon, text, word):
    found = [t.pattern for t in find_triggers(parse(text), lexicon) if t.token.text == word]
    return (found[0].category, found[0].mode) if found else None


def test_weapon_modifier_makes_a_strike_an_attack(parse, lexicon):
    assert reading(parse, lexicon, "The navy launched missile strikes on three radar stations.", "strikes") \
        == ("ASSAULT", "heavy-weapons")
    assert reading(parse, lexicon, "Overnight drone strikes damaged a power plant.", "strikes") \
        == ("ASSAULT", "drone")


def test_a_strike_on_a_target_is_an_attack_but_not_on_a_day(parse, lexicon):
    assert reading(parse, lexicon, "The strike on the depot destroyed two trucks.", "strike")[0] == "ASSAULT"
    assert reading(parse, lexicon, "Dock workers began a strike on Tuesday.", "strike")[0] == "PROTEST"


def test_a_labour_strike_stays_a_protest(parse, lexicon):
    assert reading(parse, lexicon, "Nurses held a two-day strike over pay.", "strike")[0] == "PROTEST"


def test_what_is_fired_sets_the_mode(parse, lexicon):
    gas = reading(parse, lexicon, "Police fired tear gas and rubber bullets at the crowd.", "fired")
    assert gas == ("ASSAULT", "crowd-control")
    rockets = reading(parse, lexicon, "Militants fired rockets into the border town.", "fired")
    assert rockets == ("ASSAULT", "heavy-weapons")


def test_firing_an_employee_is_no_trigger(parse, lexicon):
    assert reading(parse, lexicon, "The bank fired its chief executive.", "fired") is None


# An amount between a verb and what it governs ("sent $50 million in aid") is looked through.

def test_money_amount_does_not_break_a_verb_pattern(parse, lexicon):
    triggers = find_triggers(parse("Norway sent $20 million in emergency aid to Haiti."), lexicon)
    sent = [t for t in triggers if t.token.text == "sent"]
    assert sent and sent[0].pattern.words == ("send", "aid")
    assert "aid" in [t.text for t in sent[0].tokens]


def test_weight_amount_does_not_break_a_verb_pattern(parse, lexicon):
    triggers = find_triggers(parse("The charity sent 40 tonnes of medical aid to the flood zone."), lexicon)
    assert any(t.token.text == "sent" and t.pattern.category == "AID" for t in triggers)


def test_amount_of_coder_output(coder):
    events = coder.code_text("Norway sent $20 million in emergency aid to Haiti.", pub_date="2024-03-01")
    aid = [e for e in events if e.event == "AID"]
    assert aid and (aid[0].actor[0].country, aid[0].recipient[0].country) == ("NOR", "HTI")


def test_a_sense_rule_can_need_a_run_of_modifiers(parse):
    from eventcoder.extract.triggers import sense_reading
    from eventcoder.knowledge.senses import read_sense_rules

    rules = read_sense_rules(["march\tNOUN\tmodifier\tvictory day\tSUPPORT\t"], "mine.tsv")
    parade = parse("The Victory Day march drew large crowds.")
    assert sense_reading(parade[3], rules).category == "SUPPORT"  # "march"
    other = parse("The day march drew large crowds.")
    assert sense_reading(other[2], rules) is None


def test_attacking_a_policy_is_an_accusation(parse, lexicon):
    assert reading(parse, lexicon, "The senator attacked the government's pension reform.", "attacked") \
        == ("ACCUSE", "disapprove")
    assert reading(parse, lexicon, "The mayor launched a blistering attack on the transport plan.", "attack") \
        == ("ACCUSE", "disapprove")
    assert reading(parse, lexicon, "Gunmen attacked a police post.", "attacked")[0] == "ASSAULT"


def test_fighting_a_social_ill_is_no_event(parse, lexicon):
    assert reading(parse, lexicon, "The new cabinet promised to fight inflation.", "fight") is None
    assert reading(parse, lexicon, "Volunteers battled a forest fire for three days.", "battled") is None
    assert reading(parse, lexicon, "Militias fought government forces.", "fought")[0] == "ASSAULT"
