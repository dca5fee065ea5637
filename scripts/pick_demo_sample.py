"""Pick the bundled demo sample: political Wikinews articles that name two countries.

Reads ``../shared/corpus/wikinews_2019_2020.jsonl.gz`` (Wikinews, CC BY 2.5) and the
country-name list ``../shared/reference/actors/text_to_CAMEO_countrynames.txt``
(MIT), both relative to the repository, and writes
``samples/wikinews/wikinews_sample.jsonl`` unchanged record by record (URLs kept for
attribution). The choice is deterministic:

* the text names at least two distinct countries (whole-word, case-sensitive),
* it has at least three political words (government, minister, president, ...),
* it is a news report, not a Q&A ("Wikinews interviews ..."),
* it is short enough for a quick demo (at most ``--max-chars`` characters),
* then the articles naming the most countries are taken, ties by id, and written
  in date order.

Usage: python scripts/pick_demo_sample.py [--count 30] [--max-chars 5000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "wikinews_2019_2020.jsonl.gz"
COUNTRIES = SHARED / "reference" / "actors" / "text_to_CAMEO_countrynames.txt"
OUTPUT = REPO / "samples" / "wikinews" / "wikinews_sample.jsonl"

POLITICAL_WORDS = (
    "government",
    "minister",
    "president",
    "parliament",
    "military",
    "troops",
    "police",
    "protest",
    "sanction",
    "election",
    "talks",
    "foreign",
    "rebels",
    "embassy",
    "treaty",
    "accused",
)


def country_patterns() -> dict[str, re.Pattern[str]]:
    """Country code -> a regex of its names (only plain national codes, no sub-codes)."""
    names: dict[str, list[str]] = {}
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or len(parts[1]) != 3 or not parts[1].isalpha():
            continue
        names.setdefault(parts[1], []).append(re.escape(parts[0].strip()))
    return {
        code: re.compile(r"\b(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")\b")
        for code, alts in names.items()
    }


def countries_in(text: str, patterns: dict[str, re.Pattern[str]]) -> set[str]:
    return {code for code, pattern in patterns.items() if pattern.search(text)}


def political_words(text: str) -> int:
    lowered = text.lower()
    return sum(word in lowered for word in POLITICAL_WORDS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--max-chars", type=int, default=5000)
    args = parser.parse_args()

    patterns = country_patterns()
    candidates = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record["text"]
            if len(text) > args.max_chars or political_words(text) < 3:
                continue
            if record["title"].startswith("Wikinews interviews"):
                continue
            found = countries_in(text, patterns)
            if len(found) >= 2:
                candidates.append((-len(found), record["id"], record))
    chosen = [record for _, _, record in sorted(candidates, key=lambda c: c[:2])[: args.count]]
    chosen.sort(key=lambda r: (r["date"] or "", r["id"]))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8") as out:
        for record in chosen:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(candidates)} candidates; wrote {len(chosen)} articles to {OUTPUT}")


if __name__ == "__main__":
    main()
