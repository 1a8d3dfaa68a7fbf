"""Ambiguous place names read in the document's country, and "King X of Country" (docs/places.md,
docs/actors.md). Sentences written for these tests, never taken from a gold or dev file."""

import pytest

import coding
from eventcoder.extract.places import Gazetteer, Place, resolve_in_country
from eventcoder.records import Location

pytestmark = pytest.mark.model


def _only(coder, text, category):
    found = [e for e in coding.events(coder, text) if e.event == category]
    assert len(found) == 1, [(e.event, e.location) for e in coding.events(coder, text)]
    return found[0]


def test_a_place_name_alone_keeps_the_most_populous_place(coder):
    arrest = _only(coder, "Police arrested two men in Cambridge on Tuesday.", "COERCE")
    assert arrest.location.country == "GBR"
    assert {e.country for e in arrest.actor + arrest.recipient} == {"GBR"}


def test_the_story_country_picks_the_place_of_that_country(coder):
    text = ("American officials met in Washington on Monday. The American president condemned the raid. "
            "Police arrested two men in Cambridge on Tuesday.")
    arrest = _only(coder, text, "COERCE")
    assert (arrest.location.country, arrest.location.admin1) == ("USA", "Massachusetts")
    # the police and the men were placed by the place, so they move with it
    assert {e.country for e in arrest.actor + arrest.recipient} == {"USA"}


def test_the_other_places_of_the_document_pick_the_place(coder):
    text = "Police in Glasgow arrested three protesters on Monday. Police arrested two men in Perth on Tuesday."
    perth = next(e for e in coding.events(coder, text) if e.location and e.location.text == "Perth")
    assert perth.location.country == "GBR"
    alone = _only(coder, "Police arrested two men in Perth on Tuesday.", "COERCE")
    assert alone.location.country == "AUS"


def test_a_capital_is_not_moved_by_the_story_country(coder):
    text = ("American officials met in Washington on Monday. The American president condemned the raid. "
            "Police arrested two men in Paris on Tuesday.")
    arrest = next(e for e in coding.events(coder, text) if e.location and e.location.text == "Paris")
    assert arrest.location.country == "FRA"


def test_a_country_written_beside_the_place_keeps_it(coder):
    text = ("British police said the British government would act. The British minister condemned the raid. "
            "Police arrested two men in Cambridge, Massachusetts on Tuesday.")
    arrest = next(e for e in coding.events(coder, text) if e.location and e.location.text.startswith("Cambridge"))
    assert arrest.location.country == "USA"


def test_resolve_in_country_needs_the_name_in_that_country():
    gazetteer = Gazetteer()
    gazetteer.add(Place("country", "Ruritania", "RUR", "", 1.0, 1.0, 0))
    gazetteer.add(Place("city", "Strelsau", "RUR", "", 1.0, 1.0, 900_000))  # its capital
    gazetteer.add(Place("city", "Zenda", "RUR", "", 2.0, 2.0, 50_000))
    gazetteer.add(Place("city", "Zenda", "GRA", "", 3.0, 3.0, 20_000))
    gazetteer.add(Place("city", "Strelsau", "GRA", "", 4.0, 4.0, 20_000))
    zenda = gazetteer.resolve("Zenda")
    assert zenda.country == "RUR"
    assert resolve_in_country(zenda, gazetteer, "GRA").lat == 3.0
    assert resolve_in_country(zenda, gazetteer, "XYZ") is None  # no Zenda there
    assert resolve_in_country(gazetteer.resolve("Strelsau"), gazetteer, "GRA") is None  # a capital stays
    assert resolve_in_country(Location(text="Nowhere"), gazetteer, "GRA") is None


@pytest.mark.parametrize("text, country", [
    ("King Hassan of Morocco met the French president in Rabat.", "MAR"),
    ("President Hassan of Somalia condemned the attack on the port.", "SOM"),
    ("Prime Minister Hassan Ali of Lebanon condemned the attack on the port.", "LBN"),
    ("Minister Hassan of the United States condemned the attack on the port.", "USA"),
])
def test_a_titled_person_of_a_country_belongs_to_it(coder, text, country):
    person = coding.events(coder, text)[0].actor[0]
    assert " of " in person.text and person.source.startswith("eventcoder:title of")
    assert (person.country, person.kind) == (country, "person")
    assert person.sector == "GOV"


def test_a_dictionary_person_of_the_named_country_is_kept(coder):
    person = coding.events(coder, "President William Ruto of Kenya criticised the Ugandan government.")[0].actor[0]
    assert person.country == "KEN"
    assert "William Ruto" in person.source
