"""Office holders with their dates (data/actors/officials.tsv.gz, tools/build_officials.py):
how the loader merges them into the actor table, how a date picks a role, and the build's
name handling. The names and dates here are invented, except in the tests of the shipped file."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from importlib import resources
from pathlib import Path

import pytest

from eventcoder.knowledge.dictionaries import ActorDictionary, officials_to_add

ROOT = Path(__file__).parents[2]
ACTORS = Path(str(resources.files("eventcoder.knowledge") / "data" / "actors"))


def person(pattern: str, name: str, country: str, sector: str, start: str = "", end: str = "",
           source: str = "test:official") -> tuple:
    return (pattern, name, "person", country, sector, "", "", start, end, source)


def city(pattern: str, name: str, country: str) -> tuple:
    return (pattern, name, "city", country, "", "", "", "", "", "test:city")


@pytest.fixture(scope="module")
def build_officials():
    spec = importlib.util.spec_from_file_location("build_officials", ROOT / "tools" / "build_officials.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- merging into the actor table

def test_an_official_the_table_lacks_is_added():
    official = person("lena varga", "Lena Varga", "HUN", "GOV", "2019-05-01", "2022-03-31")
    assert officials_to_add([], [official]) == (official,)


def test_an_official_joins_a_phoenix_person_of_the_same_country():
    phoenix = person("lena varga", "Lena Varga", "HUN", "LEG", "2004-01-01", "2010-12-31", "phoenix:Countries:X")
    official = person("lena varga", "Lena Varga", "HUN", "GOV", "2019-05-01", "2022-03-31")
    assert officials_to_add([phoenix], [official]) == (official,)


def test_a_place_or_a_person_of_another_country_keeps_the_name():
    official = person("santa varga", "Santa Varga", "HUN", "GOV", "2019-05-01", "")
    assert officials_to_add([city("santa varga", "Santa Varga", "MEX")], [official]) == ()
    other = person("santa varga", "Santa Varga", "PER", "GOV", "2001-01-01", "2003-12-31", "phoenix:Countries:Y")
    assert officials_to_add([other], [official]) == ()


def test_the_supplement_decides_where_it_dates_the_person():
    supplement = person("olek marsz", "Olek Marsz", "POL", "GOV", "2021-01-20", "", "eventcoder:actor_supplement.csv:X")
    senator = person("olek marsz", "Olek Marsz", "POL", "LEG", "2017-01-03", "2023-01-03")
    # the earlier role ends the day before the supplement's begins
    assert officials_to_add([supplement], [senator]) == (person(
        "olek marsz", "Olek Marsz", "POL", "LEG", "2017-01-03", "2021-01-19"),)
    inside = person("olek marsz", "Olek Marsz", "POL", "GOV", "2022-01-01", "2022-10-10")
    assert officials_to_add([supplement], [inside]) == ()
    earlier = person("olek marsz", "Olek Marsz", "POL", "LEG", "2009-01-03", "2015-01-03")
    assert officials_to_add([supplement], [earlier]) == (earlier,)


def surname(pattern: str, name: str) -> tuple:
    return person(pattern, name, "HUN", "GOV", "2019-05-01", "2022-03-31", "test:official (surname)")


def test_a_surname_alone_is_added_only_when_the_table_does_not_know_the_word():
    assert officials_to_add([], [surname("vargova", "Lena Vargova")]) == (surname("vargova", "Lena Vargova"),)
    # a place, a given name that starts another name, another person's surname
    assert officials_to_add([city("vargova", "Vargova", "SVK")], [surname("vargova", "Lena Vargova")]) == ()
    given = person("vargova tibor", "Vargova Tibor", "HUN", "LEG", source="phoenix:Countries:Z")
    assert officials_to_add([given], [surname("vargova", "Lena Vargova")]) == ()
    namesake = person("pal vargova", "Pal Vargova", "SVK", "GOV", source="phoenix:Countries:W")
    assert officials_to_add([namesake], [surname("vargova", "Lena Vargova")]) == ()


# ---------------------------------------------------------------- dates decide the role

@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    rows = [person("lena varga", "Lena Varga", "HUN", "LEG", "2014-05-06", "2019-04-30"),
            person("lena varga", "Lena Varga", "HUN", "GOV", "2019-05-01", "2022-03-31")]
    return ActorDictionary(officials_to_add([], rows))


@pytest.mark.parametrize("date, expected", [
    ("2016-07-01", ("HUN", "LEG")),
    ("2020-07-01", ("HUN", "GOV")),
    ("2024-07-01", ("HUN", "ELI")),  # out of office: a former official of her country
])
def test_a_date_picks_the_role(dictionary, date, expected):
    entry = dictionary.resolve_name("Lena Varga", date)[0]
    assert (entry.country, entry.sector) == expected


def test_no_role_before_the_first_term(dictionary):
    assert dictionary.resolve_name("Lena Varga", "2010-07-01") == []


@pytest.mark.model
def test_a_bare_surname_names_the_official_in_office_but_not_under_another_given_name(parse):
    from eventcoder.extract.actors import find_mentions

    table = ActorDictionary(officials_to_add([], [surname("vargova", "Lena Vargova"),
                                                  person("lena vargova", "Lena Vargova", "HUN", "GOV",
                                                         "2019-05-01", "2022-03-31")]))

    def names(text: str, date: str) -> dict[str, str]:
        sentence = parse(text)
        return {sentence.doc[i].text: m.entry.country for i, m in find_mentions(sentence, table, date).items()}

    assert names("Vargova criticised the new border fence.", "2020-06-01") == {"Vargova": "HUN"}
    assert names("Tomas Vargova criticised the new border fence.", "2020-06-01") == {}
    assert names("Vargova criticised the new border fence.", "2024-06-01") == {}  # out of office


# ---------------------------------------------------------------- the build's name handling

def test_names_lose_honorifics_suffixes_and_quoted_nicknames(build_officials):
    clean = build_officials.clean_name
    assert clean("Dr. Amara Okonjo") == "Amara Okonjo"
    assert clean("Prince Tarek bin Saleh") == "Tarek bin Saleh"
    assert clean("Walter J. Pruitt, Jr.") == "Walter J. Pruitt"
    assert clean('Charles J. "Chip" Pruitt') == "Charles J. Pruitt"
    assert build_officials.ascii_fold("Jonas Støre Đurić") == "Jonas Store Duric"


def test_a_label_vandalised_in_one_snapshot_is_outvoted(build_officials):
    labels = build_officials.majority_labels([("Q1", "Amara Okonjo"), ("Q1", "Amara Okonjo Rude"),
                                              ("Q1", "Amara Okonjo"), ("Q2", "B"), ("Q2", "A")])
    assert labels == {"Q1": "Amara Okonjo", "Q2": "A"}


def term(build_officials, person_id, name, start, end, office="Prime Minister of Testland", country="HUN",
         executive=True):
    return build_officials.Term(person_id, (name,), country, "GOV", "", office, start, end, f"test:{person_id}",
                                executive)


def test_a_defence_office_adds_the_military_sector(build_officials):
    assert build_officials.wikidata_term("Q1", "Amara Okonjo", "KEN", "Minister of Defence of Kenya",
                                         "2021-01-01", "2022-01-01").other_sectors == "MIL"
    assert build_officials.wikidata_term("Q1", "Amara Okonjo", "KEN", "Minister of Finance",
                                         "2021-01-01", "2022-01-01").other_sectors == ""


def test_consecutive_terms_are_one_span_and_a_gap_keeps_two(build_officials):
    terms = [term(build_officials, "Q1", "Amara Okonjo", "2015-01-03", "2017-01-03"),
             term(build_officials, "Q1", "Amara Okonjo", "2017-01-03", "2019-01-03", office="PM of Testland"),
             term(build_officials, "Q1", "Amara Okonjo", "2021-01-03", "")]
    merged = sorted(build_officials.merged_terms(terms), key=lambda t: t.start)
    assert [(t.start, t.end, t.office) for t in merged] == [("2015-01-03", "2019-01-03", "PM of Testland"),
                                                            ("2021-01-03", "", "Prime Minister of Testland")]


def test_surnames_only_for_executive_officials_with_a_name_of_their_own(build_officials):
    terms = [term(build_officials, "Q1", "Amara Okonjo", "2019-01-01", "2022-10-10"),
             term(build_officials, "Q2", "Okonjo Bello", "2019-01-01", "2022-10-10"),  # shares "Okonjo"
             term(build_officials, "Q3", "Femi Adeyemo", "2019-01-01", "2022-10-10", executive=False),
             term(build_officials, "Q4", "Tarek of Testland", "2019-01-01", "2022-10-10"),
             term(build_officials, "Q5", "Ruth Mason", "2019-01-01", "2022-10-10"),
             term(build_officials, "Q6", "Nadia Kavumbe", "2019-01-01", "2022-10-10")]
    assert [row[0] for row in build_officials.surname_rows(terms)] == ["bello", "kavumbe"]


def test_an_office_held_by_personal_union_is_no_country_of_the_person(build_officials):
    assert build_officials.wikidata_term("Q1", "Amara Okonjo", "AND", "French co-prince of Andorra",
                                         "2019-01-01", "2022-10-10") is None
    assert build_officials.wikidata_term("Q1", "Amara Okonjo", "FRA", "President of the French Republic",
                                         "2019-01-01", "2022-10-10").country == "FRA"


# ---------------------------------------------------------------- the shipped file

def shipped_rows() -> list[list[str]]:
    with gzip.open(ACTORS / "officials.tsv.gz", "rt", encoding="utf-8") as handle:
        return [line.split("\t") for line in handle.read().splitlines() if not line.startswith(("#", "pattern\t"))]


def test_the_shipped_officials_are_sorted_dated_people_with_a_source():
    rows = shipped_rows()
    assert rows == sorted(rows) and len(rows) > 1000
    assert all(row[2] == "person" and len(row[3]) == 3 and row[7] for row in rows)
    assert all(row[9].startswith(("wikidata:Q", "congress-legislators:")) for row in rows)
    assert "CC0 1.0" in (ACTORS / "PROVENANCE-officials.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, date, expected", [
    ("Bernie Sanders", "2019-06-01", ("USA", "LEG")),
    ("Kamala Harris", "2019-06-01", ("USA", "LEG")),   # a senator then; the supplement has her later terms
    ("Kamala Harris", "2022-06-01", ("USA", "GOV")),
    ("Mike Pence", "2019-06-01", ("USA", "GOV")),
    ("Abdelmadjid Tebboune", "2021-06-01", ("DZA", "GOV")),
    ("Ayelet Shaked", "2022-01-10", ("ISR", "GOV")),   # a cabinet member
])
def test_shipped_officials_resolve_by_date(name, date, expected):
    entry = ActorDictionary.load().resolve_name(name, date)[0]
    assert (entry.country, entry.sector) == expected


def test_a_shipped_defence_minister_is_government_and_military():
    entry = ActorDictionary.load().resolve_name("Oleksii Reznikov", "2022-01-10")[0]
    assert (entry.country, entry.sectors) == ("UKR", ("GOV", "MIL"))
