"""SHA-256 of every event record coded from three corpora: the regression check for
refactors that must not change output (PLOVER gold texts, the seed article, the first N
synthetic stories). Prints one line per corpus and writes benchmarks/results/fingerprint.json.

    python benchmarks/fingerprint.py [--gold PATH] [--stories PATH] [--limit 1500]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
DEFAULT_GOLD = SHARED / "plover" / "PLOVER_GSR_CAMEO.json"
DEFAULT_STORIES = SHARED / "synthetic_stories" / "gpt_synthetic_events_2023-10-19.csv.zip"
SEED = REPO / "examples" / "japan_ukraine_commentary.txt"


def gold_documents(path: Path) -> list[dict]:
    items = json.loads(path.read_text(encoding="utf-8"))
    return [{"id": f"gold-{n}", "text": item["text"], "pub_date": item.get("date") or None}
            for n, item in enumerate(items) if item.get("text")]


def story_documents(path: Path, limit: int) -> list[dict]:
    import pandas as pd

    frame = pd.read_csv(path, usecols=["text"], nrows=limit)
    return [{"id": f"story-{n}", "text": text, "pub_date": "2023-10-19"} for n, text in enumerate(frame["text"])]


def fingerprint(coder, documents: list[dict]) -> tuple[str, int]:
    digest = hashlib.sha256()
    count = 0
    for result in coder.code_documents(documents):
        for event in result.events:
            digest.update(json.dumps(event.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
            digest.update(b"\n")
            count += 1
    return digest.hexdigest(), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "fingerprint.json")
    args = parser.parse_args()
    import eventcoder

    coder = eventcoder.Coder()
    corpora = {
        "plover_gold": gold_documents(args.gold),
        "seed_article": [{"id": "japan_ukraine_commentary", "text": SEED.read_text(encoding="utf-8"),
                          "pub_date": "2025-09-20"}],
        f"synthetic_{args.limit}": story_documents(args.stories, args.limit),
    }
    results = {}
    for name, documents in corpora.items():
        sha, count = fingerprint(coder, documents)
        results[name] = {"documents": len(documents), "events": count, "sha256": sha}
        print(f"{name:16} {len(documents):5} documents {count:6} events  sha256 {sha}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
