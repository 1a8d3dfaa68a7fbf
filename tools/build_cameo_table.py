"""Derive src/eventcoder/knowledge/data/cameo/plover_to_cameo.tsv from PLOVER's CAMEO table.

PLOVER ships CAMEO2PLOVER-2021.txt, which maps each CAMEO code to a PLOVER category, mode
and context ("0311: AGREE,  ,   economic # Express intent to cooperate economically").
Analysts who put eventcoder output beside ICEWS or GDELT need the other direction: for a
PLOVER category and mode, which CAMEO root (two digits) do its CAMEO codes fall under? We
take the root most of those codes share (ties: the lower root), for every (category, mode)
the table lists and for every category alone (mode "", used when the mode is empty or not
listed). The Goldstein value of that root comes from goldstein_roots.tsv beside the output.

Why a generated file: the mapping is a decision worth reviewing as data, and it is fixed
per release. Re-run when PLOVER publishes a new table.

Usage: python tools/build_cameo_table.py PATH/TO/CAMEO2PLOVER-2021.txt [--output PATH]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src/eventcoder/knowledge/data/cameo"
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?")


def read_mapping(path: Path) -> list[tuple[str, str, str]]:
    """(CAMEO code, PLOVER category, mode) for every code line of the table."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = LINE.match(line.strip())
        if match:
            code, category, mode = match.groups()
            rows.append((code, category, (mode or "").strip()))
    return rows


def most_common_root(roots: Counter) -> str:
    return min(roots, key=lambda root: (-roots[root], root))


def reverse_mapping(rows: list[tuple[str, str, str]]) -> dict[tuple[str, str], tuple[str, int]]:
    """(category, mode) -> (CAMEO root, how many CAMEO codes map to that pair)."""
    groups: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for code, category, mode in rows:
        groups[(category, "")][code[:2]] += 1
        if mode:
            groups[(category, mode)][code[:2]] += 1
    return {key: (most_common_root(roots), sum(roots.values())) for key, roots in groups.items()}


def read_goldstein(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["cameo_root"]: row["goldstein"] for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", type=Path, help="CAMEO2PLOVER-2021.txt from the PLOVER repository")
    parser.add_argument("--output", type=Path, default=DATA / "plover_to_cameo.tsv")
    args = parser.parse_args()
    goldstein = read_goldstein(DATA / "goldstein_roots.tsv")
    mapping = reverse_mapping(read_mapping(args.table))
    with args.output.open("w", encoding="utf-8", newline="") as out:
        out.write("category\tmode\tcameo_root\tgoldstein\tcameo_codes\n")
        for (category, mode), (root, count) in sorted(mapping.items()):
            out.write(f"{category}\t{mode}\t{root}\t{goldstein[root]}\t{count}\n")
    print(f"wrote {len(mapping)} rows to {args.output}")


if __name__ == "__main__":
    main()
