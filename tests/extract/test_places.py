import pickle

import pytest

from eventcoder.extract.places import Gazetteer, Place, _resolve_phrase, find_place_phrases, locate_event, normalize_name, tree_distance
from eventcoder.records import Location


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def nlp():
    from eventcoder.nlp.parsing import load_model

    return load_model()


def first_sentence(nlp, text):
    return next(iter(nlp(text).sents))


def test_normalize_name():
    assert normalize_name("  The  São Paulo ") == "sao paulo"
    assert normalize_name("U.S.") == "us"


def test_city_and_country_resolve(gazetteer):
    kyiv = gazetteer.resolve("Kiev")
    assert (kyiv.name, kyiv.country) == ("Kyiv", "UKR")
    assert kyiv.lat == pytest.approx(50.45, abs=0.1)
    sudan = gazetteer.resolve("Sudan")
    assert (sudan.name, sudan.country) == ("Sudan", "SDN")
    # a country's point is its capital's (Khartoum)
    assert (sudan.lat, sudan.lon) == pytest.approx((15.55, 32.53), abs=0.1)
    assert gazetteer.resolve("U.S.").country == "USA"


def test_ambiguous_name_prefers_given_country_then_population(gazetteer):
    assert gazetteer.resolve("Paris").country == "FRA"
    paris_texas = gazetteer.resolve("Paris", prefer_countries=["USA"])
    assert (paris_texas.country, paris_texas.admin1) == ("USA", "Texas")
    assert gazetteer.resolve("Tripoli").country == "LBY"
    assert gazetteer.resolve("Tripoli", prefer_countries=("LBN",)).country == "LBN"


def test_country_beats_city_of_same_name(gazetteer):
    assert gazetteer.resolve("Georgia", prefer_countries=["USA"]).country == "GEO"


def test_unknown_name(gazetteer):
    assert gazetteer.resolve("Narnia") is None


def test_packaged_gazetteer_pickles_as_a_reload(gazetteer):
    data = pickle.dumps(gazetteer)
    assert len(data) < 200
    assert pickle.loads(data).resolve("Aleppo").country == "SYR"


def test_own_gazetteer_pickles_its_data():
    own = Gazetteer()
    own.add(Place("city", "Springfield", "USA", "Illinois", 39.8, -89.6, 114000), ["Capital City"])
    copy = pickle.loads(pickle.dumps(own))
    assert copy.resolve("capital city").name == "Springfield"


@pytest.mark.model
def test_preposition_and_compound_phrases(nlp):
    sent = first_sentence(nlp, "The Khartoum protests spread to towns near Omdurman and across northern Sudan.")
    assert find_place_phrases(sent) == [("Khartoum", 4, 12), ("Omdurman", 43, 51), ("Sudan", 72, 77)]


@pytest.mark.model
def test_offsets_are_document_offsets(nlp):
    doc = nlp("Officials spoke. Later, thousands of people marched in Nairobi.")
    sent = list(doc.sents)[1]
    [(text, start, end)] = find_place_phrases(sent)
    assert (text, doc.text[start:end]) == ("Nairobi", "Nairobi")
    assert start == doc.text.index("Nairobi")


@pytest.mark.model
def test_dates_and_institutions_are_not_places(nlp):
    sent = first_sentence(nlp, "The minister met his counterpart in March at the United Nations.")
    assert find_place_phrases(sent) == []


@pytest.mark.model
def test_locate_event_picks_place_nearest_the_trigger(nlp, gazetteer):
    sent = first_sentence(nlp, "After talks in Geneva failed, rebels attacked a convoy in Aleppo.")
    trigger = next(t for t in sent if t.text == "attacked")
    place = locate_event(sent, trigger, gazetteer)
    assert (place.text, place.country, place.start) == ("Aleppo", "SYR", sent.text.index("Aleppo"))
    talks = next(t for t in sent if t.text == "failed")
    assert locate_event(sent, talks, gazetteer).name == "Geneva"


@pytest.mark.model
def test_locate_event_reads_appositive_state_or_country(nlp, gazetteer):
    sent = first_sentence(nlp, "Gunmen attacked a convoy in Paris, Texas.")
    place = locate_event(sent, sent.root, gazetteer)
    assert (place.name, place.country, place.admin1) == ("Paris", "USA", "Texas")


@pytest.mark.model
def test_unresolvable_place_keeps_its_text(nlp, gazetteer):
    sent = first_sentence(nlp, "Soldiers opened fire on villagers in Narnia Valley.")
    place = locate_event(sent, sent.root, gazetteer)
    start = sent.text.index("Narnia")
    assert place == Location(text="Narnia Valley", start=start, end=start + len("Narnia Valley"))


@pytest.mark.model
def test_part_of_a_phrase_resolves(nlp, gazetteer):
    sent = first_sentence(nlp, "Aircraft struck targets in the Gaza Strip overnight.")
    place = locate_event(sent, sent.root, gazetteer)
    assert (place.text, place.name, place.country) == ("Gaza Strip", "Gaza", "PSE")


@pytest.mark.model
def test_no_place(nlp, gazetteer):
    sent = first_sentence(nlp, "The minister resigned on Friday.")
    assert locate_event(sent, sent.root, gazetteer) is None


@pytest.mark.model
def test_tree_distance(nlp):
    sent = first_sentence(nlp, "Rebels attacked a convoy.")
    verb, convoy = sent[1], sent[3]
    assert tree_distance(verb, verb) == 0
    assert tree_distance(verb, convoy) == 1
    assert tree_distance(sent[0], convoy) == 2


def test_movement_through_a_place_locates_the_event(nlp, gazetteer):
    sent = first_sentence(nlp, "Hundreds of farmers drove their tractors through central Lyon.")
    found = locate_event(sent, sent[3], gazetteer)  # "drove"
    assert (found.name, found.country) == ("Lyon", "FRA")


def test_a_region_the_gazetteer_lacks_lies_in_its_owner_country(nlp, gazetteer):
    sent = first_sentence(nlp, "Gunmen burned a school in Chad's Zembala Region.")
    found = locate_event(sent, sent[1], gazetteer)  # "burned"
    assert found.country == "TCD" and found.text == "Zembala Region"


def test_a_generic_area_with_an_owner_is_placed(nlp, gazetteer):
    sent = first_sentence(nlp, "Floods destroyed bridges in Malawi's southern districts.")
    found = locate_event(sent, sent[1], gazetteer)
    assert found.country == "MWI"


def test_a_state_beats_a_foreign_city_known_by_its_name_only_as_an_alias():
    gazetteer = Gazetteer.from_lines([
        "admin1\tFlorida\tUSA\tFlorida\t\t\t0\tflorida",
        "city\tFloridablanca\tCOL\t\t7.06\t-73.09\t267591\tflorida|floridablanca",
        "admin1\tNew York\tUSA\tNew York\t\t\t0\tnew york",
        "city\tNew York City\tUSA\tNew York\t40.71\t-74.01\t8175133\tnew york|new york city",
    ])
    assert gazetteer.resolve("Florida").country == "USA"
    assert gazetteer.resolve("Floridablanca").country == "COL"
    assert gazetteer.resolve("New York").name == "New York City"  # the state's own city still wins


def test_a_lowercase_word_inside_a_name_is_no_place():
    gazetteer = Gazetteer.from_lines(["city\tDej\tROU\t\t47.15\t23.87\t33000\tdej|des",
                                      "city\tRaqqa\tSYR\t\t35.95\t39.01\t177000\traqqa|al-raqqa"])
    assert _resolve_phrase("Quai des Orfèvres", gazetteer, ()) is None
    assert _resolve_phrase("the outskirts of al-Raqqa", gazetteer, ()).country == "SYR"
