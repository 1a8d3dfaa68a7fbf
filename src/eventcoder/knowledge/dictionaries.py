"""Who can be an actor: the shipped actor table, user dictionaries, and name lookup.

The table (data/actors/actors.tsv.gz, built by tools/build_actor_data.py) maps lowercase,
spaCy-tokenized name patterns to countries, sectors and organisations, with the dates a
person held a role; data/actors/officials.tsv.gz (tools/build_officials.py) adds office
holders with their dates in office. Finding mentions in sentences is the job of the actor stage; this module
only answers "what does this sequence of words name?". See docs/actors.md.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import gzip
import importlib.resources
import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

from eventcoder.knowledge.cache import cached
from eventcoder.errors import DictionaryError
from eventcoder.knowledge.words import word_map
from eventcoder.ontology import SECTORS

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

KINDS = ("country", "demonym", "capital", "city", "igo", "ngo", "company", "group",
         "institution", "person", "agent", "pre")
NON_STATE_COUNTRIES = ("IGO", "NGO", "IMG", "MNC")
# Kosovo has no ISO code; PLOVER uses KOS.
EXTRA_COUNTRIES = ("KOS",)
DATA_COLUMNS = ("pattern", "name", "kind", "country", "sector", "other_sectors",
                "organization", "valid_from", "valid_to", "source")
USER_COLUMNS = ("name", "country", "sector", "other_sectors", "kind", "organization",
                "valid_from", "valid_to", "aliases")
Row = tuple[str, str, str, str, str, str, str, str, str, str]

# Words that add a sector to the agent or actor they modify ("opposition lawmakers"); the
# list is data/words/modifier_sectors.tsv (docs/knowledge.md).
MODIFIER_SECTORS: dict[str, tuple[str, ...]] = {
    word: tuple(codes.split()) for word, codes in word_map("modifier_sectors").items()}
# Capitalised acronyms that fold onto everyday words ("US" -> "us"); the table stores the
# dotted form, which spaCy keeps as one token.
CASED_TOKENS = {"US": "u.s.", "WHO": "w.h.o.", "IS": "i.s."}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ActorEntry:
    """One thing a name can refer to, with the dates it holds (inclusive; None = open)."""

    pattern: str
    name: str
    kind: str
    country: str
    sector: str
    other_sectors: tuple[str, ...] = ()
    organization: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    source: str = ""

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    @property
    def sectors(self) -> tuple[str, ...]:
        return ((self.sector,) if self.sector else ()) + self.other_sectors

    def valid_on(self, date: str) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to)


# ---------------------------------------------------------------- words and patterns

def normalize_token(text: str) -> str:
    """The lookup form of one token's text: lowercase, except acronyms that clash with words."""
    return CASED_TOKENS.get(text, text.lower())


def tokenize(text: str) -> list[str]:
    """Lowercase tokens exactly as spaCy's English tokenizer splits `text`."""
    return [normalize_token(token.text) for token in _english_tokenizer()(text) if not token.is_space]


@lru_cache(maxsize=1)
def _english_tokenizer() -> Any:
    """spaCy's English tokenizer (a blank pipeline: the same rules as the model, loads fast)."""
    import spacy  # imported here: slow, and only needed to tokenize names

    return spacy.blank("en").tokenizer


def name_patterns(*forms: str) -> list[str]:
    """Patterns for the spellings of one name, without a leading "the" (the caller skips it)."""
    patterns: list[str] = []
    for form in forms:
        words = tokenize(form.strip())
        if words and words[0] == "the" and len(words) > 1:
            words = words[1:]
        pattern = " ".join(words)
        if pattern and pattern not in patterns:
            patterns.append(pattern)
    return patterns


def plural_forms(name: str) -> list[str]:
    """Regular English plurals of a name's last word ("troop" -> "troops")."""
    head, _, last = name.rpartition(" ") if " " in name else ("", "", name)
    lower = last.lower()
    if not lower.isalpha() or lower.endswith(("s", "people")):
        return []
    if lower.endswith("man"):
        plural = last[:-3] + ("MEN" if last.isupper() else "men")
    elif lower.endswith("y") and lower[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif lower.endswith(("x", "z", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return [f"{head} {plural}".strip()]


def singular_forms(phrase: str) -> list[str]:
    """Candidate singulars of a phrase's last word ("protesters" -> ["protester"])."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    candidates = []
    if last.endswith("men"):
        candidates.append(last[:-3] + "man")
    if last == "people":
        candidates.append("person")
    if last.endswith("ies"):
        candidates.append(last[:-3] + "y")
    if last.endswith("es"):
        candidates.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss"):
        candidates.append(last[:-1])
    return [prefix + c for c in candidates if c]


def modifier_sectors(word: str) -> tuple[str, ...]:
    """Sectors a modifier adds ("opposition" -> ("OPP",)); () if the word is not one."""
    return MODIFIER_SECTORS.get(word.lower(), ())


# ---------------------------------------------------------------- the dictionary

class ActorDictionary:
    """Pattern -> entries, longest-match lookup, date-aware selection. Immutable after load.

    Pickles small: it records only the user rows and reloads the shipped table when
    unpickled, so it travels cheaply to Dask workers.
    """

    def __init__(self, rows: Sequence[Row], user_rows: Sequence[Row] = ()) -> None:
        user_patterns = {row[0] for row in user_rows}
        kept = [row for row in rows if row[0] not in user_patterns]
        # Rows are kept tab-joined: 77k strings load from the cache in a fifth of the time
        # 77k ten-field tuples take (cold start, docs/speed.md); entries() splits on demand.
        self._rows: tuple[str, ...] = tuple(_joined(row) for row in [*kept, *user_rows])
        self._user_rows: tuple[Row, ...] = tuple(user_rows)
        self._index: dict[str, tuple[int, ...]] = _index_rows(self._rows)
        self._longest: dict[str, int] = _longest_by_first_word(self._index)
        self.first_words: frozenset[str] = frozenset(self._longest)
        self._entries: dict[str, tuple[ActorEntry, ...]] = {}

    @classmethod
    def from_state(cls, state: tuple) -> "ActorDictionary":
        """Rebuild from (rows, index, longest) as `_shipped_state` makes them (see cache.py)."""
        dictionary = cls.__new__(cls)
        dictionary._rows, dictionary._index, dictionary._longest = state
        dictionary._user_rows = ()
        dictionary.first_words = frozenset(dictionary._longest)
        dictionary._entries = {}
        return dictionary

    @classmethod
    def load(cls, user_files: Sequence[str | Path] = ()) -> "ActorDictionary":
        """The shipped table plus user files; a user pattern replaces the shipped entries for it."""
        if not user_files:
            return _shipped_dictionary()  # immutable, so one per process serves every Coder
        user_rows = [row for path in user_files for row in read_user_file(path)]
        return cls(read_shipped_rows(), user_rows)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._user_rows,))

    def __len__(self) -> int:
        return len(self._rows)

    def entries(self, pattern: str) -> list[ActorEntry]:
        """Every entry stored for an exact pattern, whatever its dates."""
        found = self._entries.get(pattern)
        if found is None:
            found = tuple(_entry(self._rows[i]) for i in self._index.get(pattern, ()))
            if found:  # only stored patterns are kept, so the memo cannot outgrow the table
                self._entries[pattern] = found
        return list(found)

    def lookup(self, words: Sequence[str], start: int,
               date: str | None = None) -> tuple[int, list[ActorEntry]] | None:
        """Longest pattern at words[start:] with entries usable on `date`: (length, entries)."""
        first = words[start] if start < len(words) else None
        if first not in self._longest:
            return None
        longest = min(self._longest[first], len(words) - start)
        for length in range(longest, 0, -1):
            pattern = " ".join(words[start:start + length])
            if pattern in self._index:
                chosen = select_for_date(self.entries(pattern), date)
                if chosen:
                    return length, chosen
        return None

    def find_all(self, words: Sequence[str],
                 date: str | None = None) -> list[tuple[int, int, list[ActorEntry]]]:
        """Greedy left-to-right, longest, non-overlapping matches as (start, end, entries)."""
        found, position = [], 0
        while position < len(words):
            match = self.lookup(words, position, date)
            if match is None:
                position += 1
                continue
            length, entries = match
            found.append((position, position + length, entries))
            position += length
        return found

    def resolve_name(self, name: str, date: str | None = None) -> list[ActorEntry]:
        """Entries for a whole name ("the Kremlin", "Sergei Lavrov"), chosen for `date`."""
        patterns = name_patterns(name)
        return select_for_date(self.entries(patterns[0]), date) if patterns else []

    def agent(self, word: str) -> ActorEntry | None:
        """The agent entry for a word or phrase or its singular ("troops" -> MIL)."""
        phrase = " ".join(normalize_token(part) for part in word.split())
        for candidate in [phrase, *singular_forms(phrase)]:
            agents = [entry for entry in self.entries(candidate) if entry.kind == "agent"]
            if agents:
                return agents[0]
        return None


@lru_cache(maxsize=1)
def _shipped_dictionary() -> "ActorDictionary":
    return ActorDictionary.from_state(cached("actors", _shipped_bytes(), _shipped_state, layout=3))


def _shipped_state() -> tuple:
    dictionary = ActorDictionary(read_shipped_rows())
    return dictionary._rows, dictionary._index, dictionary._longest


def _rebuild(user_rows: tuple[Row, ...]) -> ActorDictionary:
    return ActorDictionary(read_shipped_rows(), user_rows)


def _index_rows(rows: Sequence[str]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for position, row in enumerate(rows):
        index.setdefault(row.split("\t", 1)[0], []).append(position)
    return {pattern: tuple(positions) for pattern, positions in index.items()}


def _longest_by_first_word(index: dict[str, tuple[int, ...]]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for pattern in index:
        words = pattern.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


def _joined(row: Row) -> str:
    return "\t".join(field.replace("\t", " ") for field in row)


def _entry(line: str) -> ActorEntry:
    row = line.split("\t")
    return ActorEntry(
        pattern=row[0], name=row[1], kind=row[2], country=row[3], sector=row[4],
        other_sectors=tuple(row[5].split(";")) if row[5] else (), organization=row[6],
        valid_from=row[7] or None, valid_to=row[8] or None, source=row[9])


def select_for_date(entries: list[ActorEntry], date: str | None) -> list[ActorEntry]:
    """Entries valid on `date`; else the undated ones; else non-person entries of other dates.

    Without a date every entry is returned, in the order a caller should prefer them:
    open-ended dated roles (the latest known), then undated ones, then closed terms,
    most recent first.
    """
    undated = [entry for entry in entries if not entry.dated]
    by_recency = sorted((e for e in entries if e.dated), key=lambda e: e.valid_from or "", reverse=True)
    if date is None:
        open_ended = [entry for entry in by_recency if entry.valid_to is None]
        closed = [entry for entry in by_recency if entry.valid_to is not None]
        return open_ended + undated + closed
    day = date[:10]
    valid = [entry for entry in by_recency if entry.valid_on(day)]
    if valid or undated:
        return valid or undated
    others = [entry for entry in by_recency if entry.kind != "person"]
    return others or _former_officials(by_recency, day)


def _former_officials(entries: list[ActorEntry], day: str) -> list[ActorEntry]:
    """A person out of office on `day` keeps the country of their latest earlier role, as
    PLOVER's ELI sector (former officials); people not yet in office resolve to nothing."""
    earlier = [entry for entry in entries if entry.valid_to is not None and entry.valid_to < day]
    if not earlier:
        return []
    latest = max(earlier, key=lambda entry: entry.valid_to or "")
    return [replace(latest, sector="ELI", other_sectors=(), source=latest.source + " (former)")]


# ---------------------------------------------------------------- reading tables

SHIPPED_TABLES = ("actors.tsv.gz", "officials.tsv.gz")


def _shipped_bytes() -> bytes:
    """Both shipped tables, the key of the cached dictionary (cache.py)."""
    return b"".join(_table_resource(name).read_bytes() for name in SHIPPED_TABLES)


def _table_resource(name: str) -> Any:
    return importlib.resources.files("eventcoder.knowledge") / "data" / "actors" / name


@lru_cache(maxsize=1)
def read_shipped_rows() -> tuple[Row, ...]:
    """The packaged actor table plus the office holders it lacks (about 0.5 s; docs/actors.md)."""
    actors = _read_table("actors.tsv.gz")
    return actors + officials_to_add(actors, _read_table("officials.tsv.gz"))


def _read_table(name: str) -> tuple[Row, ...]:
    with _table_resource(name).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    return tuple(tuple(line.split("\t")) for line in lines[1:]  # type: ignore[misc]
                 if line and not line.startswith("#") and not line.startswith("pattern\t"))


def write_table(path, comments: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write a table `_read_table` reads: `#` comment lines, the column header, one row a
    line, gzipped without a timestamp so that a rebuild is byte-identical (the tools under
    tools/ build the shipped tables with it)."""
    body = "\n".join([*comments, "\t".join(DATA_COLUMNS), *("\t".join(row) for row in rows)]) + "\n"
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(body.encode("utf-8"))


def officials_to_add(actors: Sequence[Row], officials: Sequence[Row]) -> tuple[Row, ...]:
    """The officials table's rows (tools/build_officials.py) that the actor table does not
    already name better: a full name joins a person of the same country (their terms add
    up, dates decide) outside the dates the hand-checked supplement gives, but never a
    person of another country or a place ("places named like people stay places"); a bare
    surname only when the actor table knows the word neither as a name, nor as the start of
    one ("Hamid Karzai": a given name), nor as the surname of another person ("Ortega")."""
    known: dict[str, list[Row]] = {}
    taken: dict[str, set[str]] = {}  # first words of names, and the people each surname names
    for row in actors:
        known.setdefault(row[0], []).append(row)
        if " " in row[0]:
            taken.setdefault(row[0].split(" ", 1)[0], set()).add("")
        if row[2] == "person" and row[1]:
            taken.setdefault(row[1].split()[-1].lower(), set()).add(row[1])
    added = (_official_row(row, known.get(row[0], ()), taken) for row in officials)
    return tuple(row for row in added if row is not None)


def _official_row(row: Row, known: Sequence[Row], taken: dict[str, set[str]]) -> Row | None:
    if row[9].endswith("(surname)"):
        return row if not known and taken.get(row[0], set()) <= {row[1]} else None
    if any(other[2] != "person" or other[3] != row[3] for other in known):
        return None
    # Where the hand-checked supplement dates a person, it decides; elsewhere the terms add up
    # ("Kamala Harris": the supplement has her vice presidency, this table her Senate years).
    for other in known:
        if other[9].startswith("eventcoder:") and row is not None:
            row = _before(row, other)
    return row


def _before(row: Row, other: Row) -> Row | None:
    """The part of `row`'s term before `other`'s starts (None if nothing is left): terms end
    where the next role begins."""
    if (other[8] and row[7] and row[7] > other[8]) or (row[8] and other[7] and row[8] < other[7]):
        return row  # no overlap
    if not other[7] or (row[7] and row[7] >= other[7]):
        return None
    end = (datetime.date.fromisoformat(other[7]) - datetime.timedelta(days=1)).isoformat()
    return (*row[:8], end, row[9])  # type: ignore[return-value]


def read_user_file(path: str | Path) -> list[Row]:
    """Rows from a user dictionary (.csv, or .yaml/.yml when PyYAML is installed)."""
    path = Path(path)
    if not path.is_file():
        raise DictionaryError(f"{path}: no such actor dictionary file")
    if path.suffix.lower() in (".yaml", ".yml"):
        records = _yaml_records(path)
    else:
        records = _csv_records(path)
    return [row for line, record in records for row in user_rows_from_record(record, path, line)]


MAX_USER_FILE_BYTES = 50_000_000
"""A user dictionary larger than this is refused: the shipped table of 200,000 entries is 3 MB."""
MAX_USER_FIELD_CHARS = 10_000
"""Characters per CSV field (a name, a list of aliases): no actor name is this long."""


def _user_file_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_USER_FILE_BYTES:
        raise DictionaryError(f"{path}: {size:,} bytes, over the limit of {MAX_USER_FILE_BYTES:,} "
                              "for a user dictionary")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DictionaryError(f"{path}: not UTF-8 text ({error})") from error


def _csv_rows(path: Path, reader) -> Iterator[list[str]]:
    """The reader's rows; a field over MAX_USER_FIELD_CHARS (or a row csv cannot parse) is a
    DictionaryError naming its line, not a csv.Error traceback."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            too_long = "field larger than field limit" in str(error)
            problem = f"a field longer than {MAX_USER_FIELD_CHARS:,} characters, the limit" if too_long else error
            raise DictionaryError(f"{path}:{reader.line_num}: {problem}") from error
        yield row


def _csv_records(path: Path) -> list[tuple[int, dict[str, str]]]:
    text = _user_file_text(path)
    with _field_size_limit(MAX_USER_FIELD_CHARS):
        return _csv_rows_to_records(path, text)


@contextlib.contextmanager
def _field_size_limit(limit: int):
    previous = csv.field_size_limit(limit)  # process-wide: put it back as it was
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _csv_rows_to_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(text.splitlines())
    header: list[str] | None = None
    records = []
    for row in _csv_rows(path, reader):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = _check_header([cell.strip().lower() for cell in row], path, reader.line_num)
            continue
        if len(row) > len(header):
            raise DictionaryError(f"{path}:{reader.line_num}: {len(row)} fields, header has {len(header)}")
        records.append((reader.line_num, dict(zip(header, (cell.strip() for cell in row)))))
    return records


def _check_header(header: list[str], path: Path, line: int) -> list[str]:
    unknown = [column for column in header if column not in USER_COLUMNS]
    if unknown or "name" not in header:
        raise DictionaryError(
            f"{path}:{line}: header must name the columns {', '.join(USER_COLUMNS)} "
            f"(at least 'name'); unknown: {', '.join(unknown) or 'none'}")
    return header


def _yaml_records(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        import yaml
    except ImportError as error:
        raise DictionaryError(f"{path}: YAML dictionaries need PyYAML (pip install pyyaml); use CSV") from error
    try:
        root = yaml.compose(_user_file_text(path), Loader=_loader_without_aliases(yaml))
    except yaml.YAMLError as error:
        raise DictionaryError(f"{path}: not valid YAML: {error}") from error
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise DictionaryError(f"{path}:{root.start_mark.line + 1}: expected a list of entries")
    return [(node.start_mark.line + 1, _yaml_mapping(node, path)) for node in root.value]


def _loader_without_aliases(yaml):
    """PyYAML's safe loader refusing aliases (*name): nested aliases expand exponentially (a
    351-byte file took 4 GB), and an actor entry never needs one."""

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in an actor "
                                                  "dictionary; write the entry out", event.start_mark)
            return super().compose_node(parent, index)

    return NoAliasLoader


def _yaml_mapping(node: Any, path: Path) -> dict[str, str]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise DictionaryError(f"{path}:{node.start_mark.line + 1}: each entry must be a mapping")
    record = {}
    for key, value in node.value:
        if isinstance(value, yaml.SequenceNode):
            record[str(key.value).lower()] = ";".join(str(item.value) for item in value.value)
        else:
            record[str(key.value).lower()] = str(value.value or "")
    unknown = [key for key in record if key not in USER_COLUMNS]
    if unknown:
        raise DictionaryError(f"{path}:{node.start_mark.line + 1}: unknown field(s) {', '.join(unknown)}")
    return record


def user_rows_from_record(record: dict[str, str], path: Path, line: int) -> list[Row]:
    """Validate one user entry and expand its name and aliases into table rows."""
    entry = validate_user_record(record, f"{path}:{line}")
    names = [entry["name"], *[a.strip() for a in entry["aliases"].split(";") if a.strip()]]
    source = f"user:{path.name}:{line}"
    rows = []
    for pattern in name_patterns(*names):
        rows.append((pattern, entry["name"], entry["kind"], entry["country"], entry["sector"],
                     entry["other_sectors"], entry["organization"], entry["valid_from"],
                     entry["valid_to"], source))
    return rows


def validate_user_record(record: dict[str, str], where: str) -> dict[str, str]:
    """Normalised copy of a user entry; DictionaryError naming `where` if anything is wrong."""
    entry = {column: (record.get(column) or "").strip() for column in USER_COLUMNS}
    if not entry["name"]:
        raise DictionaryError(f"{where}: missing name")
    entry["kind"] = entry["kind"].lower() or "person"
    if entry["kind"] not in KINDS:
        raise DictionaryError(f"{where}: unknown kind {entry['kind']!r} (expected one of {', '.join(KINDS)})")
    entry["country"] = _check_country(entry["country"].upper(), entry["kind"], where)
    sectors = _check_sectors(entry["sector"], where) + _check_sectors(entry["other_sectors"], where)
    entry["sector"] = sectors[0] if sectors else ""
    entry["other_sectors"] = ";".join(dict.fromkeys(sectors[1:]))
    for column in ("valid_from", "valid_to"):
        entry[column] = _check_date(entry[column], column, where)
    if entry["valid_from"] and entry["valid_to"] and entry["valid_from"] > entry["valid_to"]:
        raise DictionaryError(f"{where}: valid_from {entry['valid_from']} is after valid_to {entry['valid_to']}")
    return entry


def _check_country(code: str, kind: str, where: str) -> str:
    if not code:
        if kind == "agent":
            return ""
        raise DictionaryError(f"{where}: missing country code (ISO alpha-3, or IGO, NGO, IMG, MNC)")
    if code in NON_STATE_COUNTRIES or code in EXTRA_COUNTRIES or _is_iso3(code):
        return code
    raise DictionaryError(f"{where}: bad country code {code!r} (expected ISO alpha-3 such as RUS, "
                          f"or one of {', '.join(NON_STATE_COUNTRIES)})")


def _is_iso3(code: str) -> bool:
    import pycountry

    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


def _check_sectors(text: str, where: str) -> list[str]:
    codes = [code.strip().upper() for code in text.replace(",", ";").split(";") if code.strip()]
    for code in codes:
        if code not in SECTORS:
            raise DictionaryError(f"{where}: unknown sector code {code!r} (expected one of {', '.join(SECTORS)})")
    return codes


def _check_date(text: str, column: str, where: str) -> str:
    if not text:
        return ""
    try:
        if not _DATE_RE.match(text):
            raise ValueError("not YYYY-MM-DD")
        datetime.date.fromisoformat(text)
    except ValueError:
        raise DictionaryError(f"{where}: bad date {text!r} in {column} (expected YYYY-MM-DD)") from None
    return text

