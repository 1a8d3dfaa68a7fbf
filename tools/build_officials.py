"""Build src/eventcoder/knowledge/data/actors/officials.tsv.gz: office holders with their dates.

Only data enters the project, read from local git clones of public repositories at pinned
commits (the script reads no network and nothing at run time reads these clones):

- unitedstates/congress-legislators (CC0 1.0): presidents and vice presidents of the United
  States (executive.yaml) and members of Congress (legislators-current.yaml as of the last
  commit of each year from 2013, so members who left since 2013 are kept with every term).
- every-politician-scrapers/world-leaders-2021, data/wikidata.csv: Wikidata statements
  (CC0 1.0) on the heads of state and government of every state who held office in 2021 or
  later, every saved version of the file, 2021-2024 (years only).
- every-politician-scrapers/world, sources/foreign/wikidata.csv: Wikidata statements (CC0
  1.0) on the serving foreign minister of every state, every saved version (2022-2023).
- every-politician-scrapers' cabinet repositories of 23 states much in the news (CABINETS),
  data/wikidata.csv: each member's Wikidata item, label and position, every saved version
  (2021-2022). Members get no surname rows.

A Wikidata snapshot only says that a statement was open on the snapshot's date, so an open
term ends, in the table, on the last snapshot that still shows it: the person is known to be
in office until then and is a former official ("(former)", ELI) after it.

Each output row has the actor table's columns (docs/actors.md); the office is in `source`.
Rows are sorted and the gzip carries no timestamp, so the file is byte-for-byte
reproducible from the same clones.

Usage:
    python tools/build_officials.py --clones FOLDER
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import io
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.knowledge.dictionaries import ActorDictionary, name_patterns, write_table as write_actor_table  # noqa: E402

OUT_DIR = ROOT / "src" / "eventcoder" / "knowledge" / "data" / "actors"
CONGRESS_COMMIT = "dfa9622263dd4c8d08636926e498f1845704d7eb"
# Branch heads read together: main, and the branch the automated updates went on to.
WORLD_LEADERS_COMMITS = ("be7039cf5952d8121c4f1e24eea64cc5dd465633", "85a38819b0b80b36a3469e16afef46c80a7a7a79")
WORLD_COMMITS = ("4a3b394d9a35d26d138cded8718d0805b7ce9336", "5d1baa49c580cabd3ae76b59a1102a451b77fe60")
# every-politician-scrapers' cabinet repositories (data/wikidata.csv: each member's Wikidata
# item, label and position, 2021-2022) for states much in the news: repository, ISO3, commit.
CABINETS = (
    ("australia-cabinet", "AUS", "4c35a6ef087d076eb343b6177814574b2d6e43b8"),
    ("belarus-ministers", "BLR", "3edd7c7cbcba709c6165f7df09653dcbf50c7712"),
    ("brazil-ministers", "BRA", "de58065b42edc0c0f310185ffda9174540e9af5f"),
    ("canada-cabinet", "CAN", "3b3f0da86ca64c7e3ce6d0f073ed66612885d06f"),
    ("ethiopia-ministers", "ETH", "e025c9ca8d02cc7f3a5522afd30d49350e64c5cf"),
    ("france-cabinet", "FRA", "7ff37baf3297a83711c90ac84b1d3b2ecb50a541"),
    ("india-ministers", "IND", "66f344bbf207d35eaa3225edf5584ae0bb164fe8"),
    ("indonesia-ministers", "IDN", "66eaaf57191eff7e9d28eea926358bf83d443114"),
    ("iran-ministers", "IRN", "a8e7c2fb16372b8b77a09303ae27d46a9ea21e67"),
    ("israel-ministers", "ISR", "81da8707e865df568c7ba8b0b89bf95e7ffd4ae1"),
    ("japan-ministers", "JPN", "8ba3cb1992bee87f5b8dc566da87db2be8550a1a"),
    ("kenya", "KEN", "845fa144b1aa18652748624528d836b81e51b7d0"),
    ("mexico-ministers", "MEX", "87f5ae7dc992a800173a7c9de53ccbe25661dc61"),
    ("nigeria", "NGA", "1f5d4aad9ba42a810e353d0d7b4378fedc4429e6"),
    ("pakistan-ministers", "PAK", "065accdb5d8d693e89c0bc559862c10f66d443d1"),
    ("philippines-ministers", "PHL", "1f396f9a8c2e3397cfe392fca350c8943aa1d5f5"),
    ("russia-cabinet", "RUS", "3871831d9846a16c5017acc229e003ab706202ab"),
    ("south-africa-cabinet", "ZAF", "0558a872c69856bba752bd3b8b3604e4e4479252"),
    ("south-korea-ministers", "KOR", "6f17960017c672790f0997885e5b2ff5937305de"),
    ("turkey-ministers", "TUR", "288fbd45ee3fa59f8a226437bf43d726c9845f4f"),
    ("ukraine-cabinet", "UKR", "4fc6ab0f4d90d6170b674172a115f1bc98478e4b"),
    ("united-kingdom-cabinet", "GBR", "3a5ec686630cbefc0fe4b96da38a2a50b52d2556"),
    ("us-cabinet", "USA", "0d5e73cb24ba9f78bc36f6cd0fbe9839e6cd8600"),
)
DEFENCE_RE = re.compile(r"defen.e|armed forces|military", re.IGNORECASE)  # "Defenсe" with a Cyrillic с occurs
FIRST_CONGRESS_YEAR = 2013
# Terms that ended before this date are older than the news the coder meets; Phoenix covers them.
OLDEST_END = "1990-01-01"
CONGRESS_OFFICES = {"prez": ("President of the United States", "GOV"),
                    "viceprez": ("Vice President of the United States", "GOV"),
                    "sen": ("United States senator", "LEG"),
                    "rep": ("United States representative", "LEG")}
# Wikidata country labels our country names do not resolve. Partially recognised states,
# regions and the EU stay out (the build prints them).
COUNTRY_LABELS = {"Kingdom of Denmark": "DNK", "Danish Realm": "DNK", "Kingdom of the Netherlands": "NLD",
                  "Republic of Ireland": "IRL", "The Gambia": "GMB", "Federated States of Micronesia": "FSM",
                  "Republic of China (Taiwan)": "TWN", "São Tomé and Príncipe": "STP", "Vatican City": "VAT",
                  "Islamic Emirate of Afghanistan": "AFG"}
# Honorifics and suffixes the sources write as part of a name.
NAME_PREFIXES = ("dr. ", "sheikh ", "archbishop ", "sir ", "dame ", "prof. ", "general ", "hon. ", "prince ",
                 "princess ", "president ")
NAME_SUFFIX_RE = re.compile(r",?\s+(jr\.?|sr\.?|ii|iii|iv)$", re.IGNORECASE)
UNDECOMPOSED_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "æ": "ae",
                                      "Æ": "Ae", "ß": "ss", "þ": "th", "Þ": "Th", "ð": "d", "ı": "i", "ŀ": "l"})
# Offices a head of state holds in another state by personal union (the French president is
# co-prince of Andorra; the British monarch reigns over the Commonwealth realms): the person
# is coded with their own state only.
PERSONAL_UNION_RE = re.compile(r"co-prince|^monarch of (?!the United Kingdom)", re.IGNORECASE)
LEADER_COLUMNS = {"officeholder", "officeholderLabel", "country", "positionLabel", "start_year", "end_year"}
MINISTER_COLUMNS = {"person", "name", "countryLabel", "positionLabel", "start"}
CABINET_COLUMNS = {"wdid", "wdLabel", "position"}
NICKNAME_RE = re.compile(r"\s[\"“(][^\"”)]*[\"”)]")
# Surnames frequent in English-language news that no table of ours lists as anyone else's:
# alone they would name a foreign head of state in every story about another Mason or Novak.
COMMON_SURNAMES = {"mason", "novak", "vella", "weekes", "talon", "magno", "pato", "maio"}
WIKIDATA_ID_RE = re.compile(r"^Q\d+$")


@dataclass(frozen=True)
class Term:
    """One person in one office between two dates (inclusive; "" = open)."""

    person: str  # a stable id: bioguide or Wikidata item
    names: tuple[str, ...]
    country: str
    sector: str
    other_sectors: str
    office: str
    start: str
    end: str
    source: str
    executive: bool  # heads of state and government and ministers: their surnames are patterns


# ---------------------------------------------------------------- reading the clones

def git_show(clone: Path, commit: str, path: str) -> str:
    """The file at `commit`; "" where the commit deleted it (git log lists that commit too)."""
    shown = subprocess.run(["git", "-C", str(clone), "show", f"{commit}:{path}"], capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else ""


def file_versions(clone: Path, head: str | tuple[str, ...], path: str) -> list[tuple[str, str]]:
    """(commit, commit date) of every version of a file up to `head` (or any of several
    heads), oldest first."""
    heads = [head] if isinstance(head, str) else list(head)
    log = subprocess.run(["git", "-C", str(clone), "log", "--date-order", "--format=%H %cs", *heads, "--", path],
                         check=True, capture_output=True, text=True).stdout
    return [tuple(line.split()) for line in reversed(log.splitlines())]  # type: ignore[misc]


def last_version_of_each_year(clone: Path, head: str, path: str, first_year: int) -> list[tuple[str, str]]:
    latest: dict[str, tuple[str, str]] = {}
    for commit, day in file_versions(clone, head, path):
        latest[day[:4]] = (commit, day)
    return [version for year, version in sorted(latest.items()) if int(year) >= first_year]


# ---------------------------------------------------------------- US Congress and executive

def read_yaml(text: str) -> list[dict]:
    import yaml  # build-time only (PyYAML)

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def congress_terms(clone: Path) -> list[Term]:
    people, left = congress_people(clone)
    executive = read_yaml(git_show(clone, CONGRESS_COMMIT, "executive.yaml"))
    for person in executive:
        known = people.get(congress_id(person["id"]), {"id": person["id"], "name": person["name"]})
        people[congress_id(person["id"])] = {**known, "exec_terms": person["terms"]}
    return [term for key, person in people.items() for term in person_terms(person, left.get(key, ""))]


def congress_people(clone: Path) -> tuple[dict[str, dict], dict[str, str]]:
    """Everyone in the yearly snapshots of legislators-current.yaml, and for those gone from a
    later snapshot the date of the first snapshot without them: they had left by then, even
    when the last snapshot that lists them still gives the scheduled end of their term
    (a senator who became vice president)."""
    people: dict[str, dict] = {}
    left: dict[str, str] = {}
    for commit, day in last_version_of_each_year(clone, CONGRESS_COMMIT, "legislators-current.yaml",
                                                 FIRST_CONGRESS_YEAR):
        current = {congress_id(p["id"]): p for p in read_yaml(git_show(clone, commit, "legislators-current.yaml"))}
        for key in people.keys() - current.keys():
            left.setdefault(key, day)
        for key in current:
            left.pop(key, None)
        people.update(current)  # a later snapshot holds the later terms
    return people, left


def congress_id(ids: dict) -> str:
    """The Biographical Directory id, or GovTrack's for a president who never sat in Congress."""
    return ids.get("bioguide") or f"govtrack:{ids['govtrack']}"


def person_terms(person: dict, left: str) -> list[Term]:
    names = congress_names(person["name"])
    bioguide = congress_id(person["id"])
    terms = []
    for raw in person.get("terms", []):
        terms += congress_term(raw, names, bioguide, min(str(raw["end"]), left or "9999"))
    for raw in person.get("exec_terms", []):
        terms += congress_term(raw, names, bioguide, str(raw["end"]))
    return terms


def congress_term(raw: dict, names: tuple[str, ...], bioguide: str, end: str) -> list[Term]:
    office, sector = CONGRESS_OFFICES[raw["type"]]
    if end < OLDEST_END or end < str(raw["start"]):
        return []
    return [Term(bioguide, names, "USA", sector, "", office, str(raw["start"]), end,
                 f"congress-legislators:{bioguide}", raw["type"] in ("prez", "viceprez"))]


def congress_names(name: dict) -> tuple[str, ...]:
    forms = [name.get("official_full", ""), f"{name['first']} {name['last']}"]
    if name.get("nickname"):
        forms.append(f"{name['nickname']} {name['last']}")
    return tuple(dict.fromkeys(clean_name(form) for form in forms if form))


# ---------------------------------------------------------------- Wikidata snapshots

def snapshot_rows(clone: Path, head: str | tuple[str, ...], path: str, columns: set[str]) -> list[tuple[str, dict[str, str]]]:
    """(snapshot date, row) for every row of every version of a CSV file that has `columns`
    (the first version of each file, replaced the same day, named them otherwise)."""
    found = []
    for commit, day in file_versions(clone, head, path):
        reader = csv.DictReader(io.StringIO(git_show(clone, commit, path)))
        if columns <= set(reader.fieldnames or ()):
            found.extend((day, row) for row in reader)
    return found


def leader_rows(clone: Path) -> list[tuple[str, dict[str, str]]]:
    return snapshot_rows(clone, WORLD_LEADERS_COMMITS, "data/wikidata.csv", LEADER_COLUMNS)


def foreign_minister_rows(clone: Path) -> list[tuple[str, dict[str, str]]]:
    return snapshot_rows(clone, WORLD_COMMITS, "sources/foreign/wikidata.csv", MINISTER_COLUMNS)


def leader_terms(clone: Path, countries: dict[str, str]) -> list[Term]:
    """Heads of state and government; a year-only start is the year's first day, an end the last."""
    rows = leader_rows(clone)
    labels = majority_labels((row["officeholder"], row["officeholderLabel"]) for _, row in rows)
    spans: dict[tuple, tuple[str, str]] = {}
    last_seen: dict[tuple, str] = {}
    for day, row in rows:
        key = (row["officeholder"], row["country"], row["positionLabel"], row["start_year"])
        end = f"{row['end_year']}-12-31" if row["end_year"] else ""
        spans[key] = (f"{row['start_year']}-01-01", end or spans.get(key, ("", ""))[1])
        if not end:
            last_seen[key] = day
    terms = []
    for key, (start, end) in spans.items():
        item, country_label, office, _ = key
        term = wikidata_term(item, labels[item], countries.get(country_label, ""), office, start,
                             end or last_seen[key])
        if term:
            terms.append(term)
    return terms


def majority_labels(pairs) -> dict[str, str]:
    """Each item's label as most snapshots give it: a label vandalised in one snapshot (it
    happens) does not become a name; ties go to the alphabetically first label."""
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for item, label in pairs:
        counts[item][label] += 1
    return {item: min(found, key=lambda label: (-found[label], label)) for item, found in counts.items()}


def foreign_minister_terms(clone: Path, countries: dict[str, str]) -> list[Term]:
    rows = [(day, row) for day, row in foreign_minister_rows(clone) if row["person"] and row["start"]]
    labels = majority_labels((row["person"], row["name"]) for _, row in rows)
    last_seen: dict[tuple, str] = {}
    for day, row in rows:
        last_seen[(row["person"], row["countryLabel"], row["positionLabel"], row["start"][:10])] = day
    terms = []
    for (item, country_label, office, start), day in last_seen.items():
        term = wikidata_term(item, labels[item], countries.get(country_label, ""), office, start, day)
        if term:
            terms.append(term)
    return terms


def cabinet_terms(clones: Path) -> list[Term]:
    """Cabinet members, each in office from the statement's start (or the first snapshot
    that lists them) to the last snapshot that lists them. A member listed by one snapshot
    only is left out: early versions of these files also listed former holders whose end
    date Wikidata lacked then ("Minister of Finance" Joe Oliver, 2014-2015, in 2021)."""
    terms = []
    for name, country, commit in CABINETS:
        rows = snapshot_rows(clone_path(clones, f"every-politician-scrapers/{name}"), commit,
                             "data/wikidata.csv", CABINET_COLUMNS)
        labels = majority_labels((row["wdid"], row["wdLabel"]) for _, row in rows)
        first_seen: dict[tuple, str] = {}
        last_seen: dict[tuple, str] = {}
        snapshots: dict[tuple, set[str]] = collections.defaultdict(set)
        for day, row in rows:
            key = (row["wdid"], row["position"])
            first_seen.setdefault(key, (row.get("start") or "")[:10] or day)
            last_seen[key] = day
            snapshots[key].add(day)
        for (item, office), start in first_seen.items():
            if len(snapshots[(item, office)]) < 2:
                continue
            term = wikidata_term(item, labels[item], country, office, min(start, last_seen[(item, office)]),
                                 last_seen[(item, office)], executive=False)
            if term:
                terms.append(term)
    return terms


def wikidata_term(item: str, label: str, country: str, office: str, start: str, end: str,
                  executive: bool = True) -> Term | None:
    """A term from a Wikidata statement, or None when the statement is unusable: no English
    label, a state our table cannot name, or a date before the modern state system."""
    name = clean_name(label)
    if not country or not name or WIKIDATA_ID_RE.match(name) or start < "1900" or (end and end < OLDEST_END):
        return None
    if PERSONAL_UNION_RE.search(office):
        return None
    other = "MIL" if DEFENCE_RE.search(office) else ""  # a defence minister: GOV with MIL, as PLOVER codes
    return Term(item, (name,), country, "GOV", other, office, start, end, f"wikidata:{item}", executive)


def country_codes(labels: set[str]) -> dict[str, str]:
    """Wikidata country labels -> ISO alpha-3, through our own country names."""
    dictionary = ActorDictionary.load()
    codes = {}
    for label in labels:
        entries = [e for e in dictionary.resolve_name(label) if e.kind == "country"]
        code = COUNTRY_LABELS.get(label) or (entries[0].country if entries else "")
        if code:
            codes[label] = code
    return codes


# ---------------------------------------------------------------- names and rows

def clean_name(raw: str) -> str:
    """Without honorifics, suffixes and a nickname in quotes or brackets ('Charles J. "Chuck"
    Fleischmann' -> "Charles J. Fleischmann"; the nickname form is a name of its own)."""
    name = " ".join(NICKNAME_RE.sub(" ", raw).split())
    while name.lower().startswith(NAME_PREFIXES):
        name = name.split(" ", 1)[1]
    return NAME_SUFFIX_RE.sub("", name).strip(" ,'ʼ‘’")


def ascii_fold(text: str) -> str:
    """"Støre" -> "Store", "Đukanović" -> "Dukanovic": letters NFKD does not decompose first."""
    text = text.translate(UNDECOMPOSED_LETTERS)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii") or text


def merged_terms(terms: list[Term]) -> list[Term]:
    """Overlapping or consecutive terms of one person in one country and sectors become one
    span (a senator re-elected on 3 January, a minister seen in several snapshots under two
    labels of the office), named by the latest office."""
    by_role: dict[tuple, list[Term]] = collections.defaultdict(list)
    for term in terms:
        by_role[(term.person, term.country, term.sector, term.other_sectors)].append(term)
    merged = []
    for group in by_role.values():
        group.sort(key=lambda t: (t.start, t.end or "9999"))
        current = group[0]
        for term in group[1:]:
            if not current.end or term.start <= next_week(current.end):
                current = _extended(current, term)
            else:
                merged.append(current)
                current = term
        merged.append(current)
    return merged


def _extended(current: Term, term: Term) -> Term:
    end = "" if not term.end or not current.end else max(current.end, term.end)
    later = term if (term.end or "9999") >= (current.end or "9999") else current
    return Term(current.person, current.names, current.country, current.sector, current.other_sectors,
                later.office, current.start, end, current.source, current.executive or term.executive)


def next_week(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=7)).isoformat()


def term_rows(term: Term) -> list[tuple[str, ...]]:
    forms = [form for name in term.names for form in (name, ascii_fold(name))]
    return [(pattern, term.names[0], "person", term.country, term.sector, term.other_sectors, "",
             term.start, term.end, f"{term.source} ({term.office})")
            for pattern in name_patterns(*forms) if " " in pattern]


def surname_rows(terms: list[Term]) -> list[tuple[str, ...]]:
    """"Tebboune said": a surname alone names an executive official when no other person of
    the table has the word anywhere in a name ("Ahmed", "Antonio" are given names too) and
    the name is no regnal "X of Y". The loader also drops it when the actor table knows the
    word (dictionaries.py), and the actor stage uses it only on proper nouns."""
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for term in terms:
        for name in term.names:
            for word in ascii_fold(name).lower().split():
                owners[word].add(term.person)
    rows = []
    for term in terms:
        surname = ascii_fold(term.names[0]).split()[-1].lower()
        if term.executive and len(surname) >= 4 and surname.isalpha() and len(owners[surname]) == 1 \
                and " of " not in term.names[0] and surname not in COMMON_SURNAMES:
            rows.append((surname, term.names[0], "person", term.country, term.sector, term.other_sectors,
                         "", term.start, term.end, f"{term.source} ({term.office}) (surname)"))
    return rows


def write_table(rows: list[tuple[str, ...]], out_dir: Path) -> Path:
    path = out_dir / "officials.tsv.gz"
    write_actor_table(path, ["# eventcoder officials table. Licence: CC0 1.0 (sources: unitedstates/congress-legislators, "
                       "Wikidata via every-politician-scrapers). See PROVENANCE.txt.",
                       "# built by: python tools/build_officials.py --clones FOLDER"], rows)
    return path


def write_provenance(rows: list[tuple[str, ...]], out_dir: Path) -> None:
    offices = collections.Counter(row[9].split(":", 1)[0] for row in rows if not row[9].endswith("(surname)"))
    lines = [
        "eventcoder officials table (officials.tsv.gz)",
        "",
        "Built by: python tools/build_officials.py --clones FOLDER",
        "Licence of the data: CC0 1.0 Universal (public domain dedication),",
        "https://creativecommons.org/publicdomain/zero/1.0/ . Only data was taken, no code.",
        "",
        "Sources (git repositories on GitHub, read at these commits):",
        f"- unitedstates/congress-legislators @ {CONGRESS_COMMIT}: executive.yaml (presidents and",
        "  vice presidents) and legislators-current.yaml as of the last commit of each year from",
        f"  {FIRST_CONGRESS_YEAR} (members of Congress). CC0 1.0 (the repository's LICENSE).",
        f"- every-politician-scrapers/world-leaders-2021 @ {' and '.join(WORLD_LEADERS_COMMITS)}:",
        "  every version of data/wikidata.csv, a Wikidata query result (heads of state and",
        "  government in office in 2021 or later, 2021-2024; years only). Wikidata's structured",
        "  data is CC0 1.0.",
        f"- every-politician-scrapers/world @ {' and '.join(WORLD_COMMITS)}: every version of",
        "  sources/foreign/wikidata.csv, a Wikidata query result (serving foreign ministers,",
        "  2022-2023). CC0 1.0 (Wikidata).",
        "- every-politician-scrapers cabinet repositories, every version of data/wikidata.csv",
        "  (each member's Wikidata item, English label and position, 2021-2022; CC0 1.0, Wikidata):",
        *[f"  {name} @ {commit} ({country})" for name, country, commit in CABINETS],
        "",
        "A term still open in the last Wikidata snapshot ends on that snapshot's date.",
        "Rows per source: " + ", ".join(f"{k}={v}" for k, v in sorted(offices.items())),
        f"Surname rows: {sum(1 for row in rows if row[9].endswith('(surname)'))}",
        "",
    ]
    (out_dir / "PROVENANCE-officials.txt").write_text("\n".join(lines), encoding="utf-8")


def clone_path(clones: Path, repository: str) -> Path:
    """A clone of owner/name under `clones`: as owner/name, or owner+name/repo (how a mirror
    of GitHub snapshots lays them out)."""
    owner, name = repository.split("/")
    for path in (clones / owner / name, clones / f"{owner}+{name}" / "repo"):
        if path.exists():
            return path
    raise SystemExit(f"no clone of {repository} under {clones}")


def build(clones: Path, out_dir: Path) -> list[tuple[str, ...]]:
    congress = clone_path(clones, "unitedstates/congress-legislators")
    world_leaders = clone_path(clones, "every-politician-scrapers/world-leaders-2021")
    world = clone_path(clones, "every-politician-scrapers/world")
    labels = {row["country"] for _, row in leader_rows(world_leaders)}
    labels |= {row["countryLabel"] for _, row in foreign_minister_rows(world)}
    countries = country_codes(labels)
    print("states left out (no ISO code): " + ", ".join(sorted(labels - set(countries))), file=sys.stderr)
    terms = merged_terms(congress_terms(congress) + leader_terms(world_leaders, countries)
                         + foreign_minister_terms(world, countries) + cabinet_terms(clones))
    rows = sorted({row for term in terms for row in term_rows(term)} | set(surname_rows(terms)))
    write_table(rows, out_dir)
    write_provenance(rows, out_dir)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clones", type=Path, required=True,
                        help="folder with git clones of the source repositories (OWNER/NAME or OWNER+NAME/repo)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    rows = build(args.clones, args.out)
    people = {row[1] for row in rows}
    offices = collections.Counter(row[9].split(" (", 1)[1].split(")")[0] for row in rows)
    print(f"wrote {len(rows)} rows, {len({r[0] for r in rows})} patterns, {len(people)} people", file=sys.stderr)
    print("rows by office: " + ", ".join(f"{k}={v}" for k, v in offices.most_common(12)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
