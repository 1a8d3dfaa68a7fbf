"""Actor dictionaries: shipped table resolution, dates, agents, user files and the `actor` command."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli.actor import command
from eventcoder.knowledge.dictionaries import ActorDictionary, modifier_sectors, normalize_token, tokenize
from eventcoder.errors import DictionaryError

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def shipped() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def with_user() -> ActorDictionary:
    return ActorDictionary.load([DATA / "user_actors.csv"])


def first(dictionary: ActorDictionary, name: str, date: str | None = None) -> tuple:
    entries = dictionary.resolve_name(name, date)
    assert entries, f"{name!r} did not resolve"
    entry = entries[0]
    return entry.kind, entry.country, entry.sector, entry.organization


@pytest.mark.parametrize("name, expected", [
    ("Russia", ("country", "RUS", "", "")),
    ("the United States", ("country", "USA", "", "")),
    ("U.S.", ("country", "USA", "", "")),
    ("Britain", ("country", "GBR", "", "")),
    ("Ivory Coast", ("country", "CIV", "", "")),
    ("Kosovo", ("country", "KOS", "", "")),
    ("Russian", ("demonym", "RUS", "", "")),
    ("Japanese", ("demonym", "JPN", "", "")),
    ("Ukrainian", ("demonym", "UKR", "", "")),
    ("British", ("demonym", "GBR", "", "")),
    ("Iraqi", ("demonym", "IRQ", "", "")),
    ("the Kremlin", ("capital", "RUS", "GOV", "")),
    ("White House", ("capital", "USA", "GOV", "")),
    ("Beijing", ("capital", "CHN", "GOV", "")),
    ("Tokyo", ("capital", "JPN", "GOV", "")),
    ("Kiev", ("capital", "UKR", "GOV", "")),
    ("Mumbai", ("city", "IND", "", "")),
    ("Aleppo", ("city", "SYR", "", "")),
    ("the U.N.", ("igo", "IGO", "", "United Nations")),
    ("UN Security Council", ("igo", "IGO", "", "United Nations")),
    ("NATO", ("igo", "IGO", "MIL", "NATO")),
    ("EU", ("igo", "IGO", "", "European Union")),
    ("IAEA", ("igo", "IGO", "", "International Atomic Energy Agency")),
    ("World Bank", ("igo", "IGO", "BUS", "World Bank")),
    ("ICRC", ("ngo", "NGO", "MED", "International Committee of the Red Cross")),
    ("Human Rights Watch", ("ngo", "NGO", "SOC", "Human Rights Watch")),
    ("ISIL", ("group", "IMG", "REB", "Islamic State")),
    ("Daesh", ("group", "IMG", "REB", "Islamic State")),
    ("al-Qaida", ("group", "IMG", "REB", "Al-Qaeda")),
    ("Hezbollah", ("group", "LBN", "REB", "Hezbollah")),
    ("Boko Haram", ("group", "NGA", "REB", "Boko Haram")),
    ("Houthi rebels", ("group", "YEM", "REB", "Houthis")),
    ("PKK", ("group", "TUR", "REB", "Kurdistan Workers' Party")),
    ("Wagner Group", ("group", "RUS", "PRM", "Wagner Group")),
    ("Transnistria", ("pre", "MDA", "PRE", "")),
    ("Luhansk People's Republic", ("pre", "UKR", "PRE", "")),
])
def test_names_resolve(shipped: ActorDictionary, name: str, expected: tuple) -> None:
    assert first(shipped, name) == expected


def test_pronoun_us_is_not_the_united_states(shipped: ActorDictionary) -> None:
    assert shipped.resolve_name("us") == []
    assert normalize_token("US") == "u.s."
    assert shipped.lookup([normalize_token("US"), "troops"], 0)[1][0].country == "USA"


def test_patterns_use_spacy_tokens(shipped: ActorDictionary) -> None:
    assert tokenize("Al-Qaeda's leaders") == ["al", "-", "qaeda", "'s", "leaders"]
    entries = shipped.entries("al - qaeda")
    assert entries and entries[0].name == "Al-Qaeda"


@pytest.mark.parametrize("name, date, sector", [
    ("Donald Trump", "2019-06-01", "GOV"),
    ("Donald Trump", "2023-06-01", "ELI"),
    ("Donald Trump", "2025-03-01", "GOV"),
    ("Taliban", "2015-01-01", "REB"),
    ("Taliban", "2022-01-01", "GOV"),
    ("Hamid Karzai", "1990-06-01", "ELI"),
    ("Hamid Karzai", "2005-06-01", "GOV"),
    ("Maria Zakharova", "2024-06-18", "GOV"),
])
def test_roles_follow_the_date(shipped: ActorDictionary, name: str, date: str, sector: str) -> None:
    assert [entry.sector for entry in shipped.resolve_name(name, date)][:1] == [sector]


def test_person_outside_any_term_is_excluded(shipped: ActorDictionary) -> None:
    # Zakharova's only entry starts in 2015; before that the name names no known actor.
    assert shipped.resolve_name("Maria Zakharova", "2010-01-01") == []
    assert shipped.lookup(["maria", "zakharova"], 0, "2010-01-01") is None


def test_undated_entry_is_the_fallback(shipped: ActorDictionary) -> None:
    # Karzai's Phoenix block ends with an undated [AFGELI] used outside his listed terms.
    entries = shipped.resolve_name("Hamid Karzai", "1960-01-01")
    assert entries and all(not entry.dated for entry in entries)
    assert entries[0].sector == "ELI"


def test_lookup_takes_the_longest_pattern(shipped: ActorDictionary) -> None:
    words = ["the", "islamic", "state", "of", "iraq", "and", "the", "levant", "said"]
    length, entries = shipped.lookup(words, 1)
    assert length == 7 and entries[0].organization == "Islamic State"
    assert shipped.lookup(words, 0) is None


def test_find_all_is_greedy_and_non_overlapping(shipped: ActorDictionary) -> None:
    words = tokenize("A spokesperson for the Russian Foreign Ministry warned Japan and NATO.")
    spans = [(start, end, entries[0].kind) for start, end, entries in shipped.find_all(words, "2024-06-18")]
    assert spans == [(1, 2, "agent"), (4, 5, "demonym"), (5, 7, "agent"), (8, 9, "country"), (10, 11, "igo")]
    assert "russian" in shipped.first_words and "the" not in shipped.first_words


@pytest.mark.parametrize("word, sector, other", [
    ("minister", "GOV", ()),
    ("ministers", "GOV", ()),
    ("foreign minister", "GOV", ()),
    ("troop", "MIL", ()),
    ("troops", "MIL", ()),
    ("soldiers", "MIL", ()),
    ("police", "COP", ()),
    ("policemen", "COP", ()),
    ("protester", "CVL", ("OPP",)),
    ("protesters", "CVL", ("OPP",)),
    ("rebels", "REB", ()),
    ("lawmakers", "LEG", ()),
    ("journalists", "JRN", ()),
    ("spokesperson", "", ()),
    ("Spokesmen", "", ()),
])
def test_agents_and_their_plurals(shipped: ActorDictionary, word: str, sector: str, other: tuple) -> None:
    entry = shipped.agent(word)
    assert entry is not None and entry.kind == "agent"
    assert (entry.sector, entry.other_sectors) == (sector, other)


def test_unknown_agent_word(shipped: ActorDictionary) -> None:
    assert shipped.agent("teapots") is None


@pytest.mark.parametrize("word, sectors", [
    ("opposition", ("OPP",)), ("Former", ("ELI",)), ("rebel", ("REB",)), ("state", ("GOV",)), ("blue", ()),
])
def test_modifier_sectors(word: str, sectors: tuple) -> None:
    assert modifier_sectors(word) == sectors


def test_user_entries_are_added_and_win(with_user: ActorDictionary, shipped: ActorDictionary) -> None:
    assert first(with_user, "NVDB") == ("group", "UKR", "PRM", "Northern Valley Defence Brigade")
    hamas = with_user.resolve_name("Hamas")
    assert [(e.sector, e.other_sectors, e.source) for e in hamas] == [("GOV", ("REB", "PTY"), "user:user_actors.csv:6")]
    assert first(shipped, "Hamas")[2] == "REB"
    assert first(with_user, "Russia") == ("country", "RUS", "", "")


def test_user_person_dates(with_user: ActorDictionary) -> None:
    assert [e.sector for e in with_user.resolve_name("Marchenko", "2020-05-01")] == ["GOV"]
    assert [e.sector for e in with_user.resolve_name("Marchenko", "2024-05-01")] == ["ELI"]
    assert with_user.resolve_name("Marchenko", "2010-05-01") == []


@pytest.mark.parametrize("filename, message", [
    ("user_actors_bad_sector.csv", "user_actors_bad_sector.csv:4: unknown sector code 'XYZ'"),
    ("user_actors_bad_date.csv", "user_actors_bad_date.csv:2: bad date '2020-13-01' in valid_from"),
    ("user_actors_bad_country.csv", "user_actors_bad_country.csv:2: bad country code 'GERMANY'"),
    ("user_actors_missing_name.csv", "user_actors_missing_name.csv:3: missing name"),
    ("user_actors.yaml", "user_actors.yaml:7: bad date 'yesterday' in valid_to"),
])
def test_malformed_user_file_names_the_line(filename: str, message: str) -> None:
    with pytest.raises(DictionaryError) as caught:
        ActorDictionary.load([DATA / filename])
    assert message in str(caught.value)


def test_yaml_user_file(tmp_path: Path) -> None:
    good = tmp_path / "mine.yml"
    good.write_text("- name: Coastal Workers Union\n  country: CHL\n  sector: LAB\n  kind: group\n"
                    "  aliases: [CWU Chile]\n")
    dictionary = ActorDictionary.load([good])
    assert first(dictionary, "CWU Chile") == ("group", "CHL", "LAB", "")


def test_dictionary_pickles_small_and_keeps_user_rows(with_user: ActorDictionary) -> None:
    data = pickle.dumps(with_user)
    assert len(data) < 10_000
    copy = pickle.loads(data)
    assert first(copy, "NVDB") == first(with_user, "NVDB")
    assert len(copy) == len(with_user)


def test_cli_prints_each_resolution() -> None:
    result = CliRunner().invoke(command, ["Olena Marchenko", "--date", "2020-01-01",
                                          "--actors", str(DATA / "user_actors.csv")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "'Olena Marchenko' on 2020-01-01: 1 entry",
        "- Olena Marchenko: country UKR, sectors GOV, kind person, valid 2019-01-01 to 2023-12-31, "
        "from user:user_actors.csv:4",
    ]


def test_cli_shipped_entry_without_date() -> None:
    result = CliRunner().invoke(command, ["the Kremlin"])
    assert result.exit_code == 0
    assert result.output.splitlines()[1] == (
        "- Kremlin: country RUS, sectors GOV, kind capital, valid any date, "
        "from eventcoder:actor_supplement.csv:Kremlin")


def test_cli_unknown_name_exits_1() -> None:
    result = CliRunner().invoke(command, ["Nobody Atall Zzyzx"])
    assert result.exit_code == 1
    assert "No actor entry matches 'Nobody Atall Zzyzx'" in result.output


def test_cli_bad_user_file_exits_1() -> None:
    result = CliRunner().invoke(command, ["Russia", "--actors", str(DATA / "user_actors_bad_sector.csv")])
    assert result.exit_code == 1
    assert "user_actors_bad_sector.csv:4: unknown sector code 'XYZ'" in result.output


def test_supplement_officials_resolve_by_their_terms():
    actors = ActorDictionary.load()
    as_premier = actors.resolve_name("Kaja Kallas", "2022-06-01")[0]
    assert (as_premier.country, as_premier.sector) == ("EST", "GOV")
    as_envoy = actors.resolve_name("Kaja Kallas", "2025-03-01")[0]
    assert (as_envoy.country, as_envoy.organization) == ("IGO", "European Union")
    assert actors.resolve_name("Kallas", "2025-03-01")[0].name == "Kaja Kallas"


def test_a_city_named_like_a_common_surname_is_no_city(shipped: ActorDictionary) -> None:
    # "the night Kennedy was shot": Kennedy (a locality of Bogotá) is far more often a person
    assert all(e.kind != "city" for e in shipped.resolve_name("Kennedy"))
