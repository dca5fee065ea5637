"""Build the actor data files in src/eventwire/data/actors/ from the MIT reference pack.

Reads the PETRARCH-2 actor and agent dictionaries and the text_to_CAMEO country list
in ../shared/reference (relative to the repository) and writes compact TSVs:

* ``countries.tsv``  code, name                        (text_to_CAMEO countrynames)
* ``actors.tsv``     phrase, code, kind, from, to
* ``agents.tsv``     phrase, sectors, position  (plurals expanded)

Phrases are lower-cased, words separated by single spaces. Dated PETRARCH codes
become ISO date bounds (two-digit years: 00-14 -> 20xx, else 19xx, because the
CountryInfo source is from January 2014). A country alias claimed by two countries
is kept only where one claim is stronger (official name > primary phrase > synonym).

Run: .venv/bin/python scripts/build_actors.py
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "reference"
OUT = REPO / "src" / "eventwire" / "data" / "actors"

CODE = re.compile(r"\[([^\]]*)\]")
DATE_RANGE = re.compile(r"^(\d{6}|\d{8})-(\d{6}|\d{8})$")
# Pre-ISO country codes still used in a few PETRARCH entries -> the ISO code of countries.tsv.
LEGACY_CODES = {"ANG": "AGO"}
# A single-word demonym ("Algerian", "Iraqi") names the country's people in the plural too.
# It ends like one and starts like the country's name (cities such as "Abadan" do not).
DEMONYM = re.compile(r"^[a-z]+(?:an|i)$")


@dataclass(frozen=True)
class Row:
    phrase: str
    code: str
    kind: str
    start: str
    end: str
    origin: str
    strength: int = 0


def phrase_of(raw: str) -> str | None:
    """PETRARCH ``WORD_WORD_`` -> ``word word``; parentheticals dropped."""
    text = re.sub(r"\([^)]*\)", " ", raw)
    text = text.replace("_", " ").strip().lower()
    text = " ".join(text.split())
    if not text or "(" in text or ")" in text or not re.search(r"[a-z]", text):
        return None
    return text


def iso(date: str) -> str | None:
    if len(date) == 6:
        yy = int(date[:2])
        year = 2000 + yy if yy <= 14 else 1900 + yy
        date = f"{year}{date[2:]}"
    if len(date) != 8:
        return None
    y, m, d = date[:4], date[4:6], date[6:]
    if not (1 <= int(m) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{m}-{d}"


def parse_code(body: str) -> tuple[str, str, str] | None:
    """``AFGGOV 750101-000101`` -> (code, from, to); None if malformed."""
    parts = body.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    code = parts[0]
    if len(parts) == 1:
        return code, "", ""
    bound = parts[1]
    if bound.startswith(">"):
        start = iso(bound[1:])
        return (code, start, "") if start else None
    if bound.startswith("<"):
        end = iso(bound[1:])
        return (code, "", end) if end else None
    match = DATE_RANGE.match(bound)
    if match:
        start, end = iso(match.group(1)), iso(match.group(2))
        if start and end:
            return code, start, end
    return None


def read_records(path: Path) -> list[tuple[list[tuple[str, bool]], list[tuple[str, str, str]]]]:
    """Split a PETRARCH actor file into records: (phrases with is_primary, codes)."""
    records: list[tuple[list[tuple[str, bool]], list[tuple[str, str, str]]]] = []
    phrases: list[tuple[str, bool]] = []
    codes: list[tuple[str, str, str]] = []

    def flush() -> None:
        if phrases and codes:
            records.append((list(phrases), list(codes)))
        phrases.clear()
        codes.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        found = [c for c in (parse_code(b) for b in CODE.findall(body)) if c]
        words = CODE.sub(" ", body).strip()
        if line.startswith(("\t", " ")) and not words:
            codes.extend(found)
            continue
        if words.startswith("+"):
            phrase = phrase_of(words[1:])
            if phrase:
                phrases.append((phrase, False))
            codes.extend(found)
            continue
        flush()
        phrase = phrase_of(words)
        if phrase:
            phrases.append((phrase, True))
        codes.extend(found)
    flush()
    return records


def modern(code: str) -> str:
    legacy = LEGACY_CODES.get(code[:3])
    return legacy + code[3:] if legacy else code


def demonym_plurals(countries: list[Row], names: dict[str, str]) -> list[Row]:
    """``algerian`` -> ``algerians`` (same code) unless the plural is already a phrase."""
    taken = {r.phrase for r in countries}
    rows = []
    for row in countries:
        name = names.get(row.code, "").lower()
        if (
            row.strength < 3
            and DEMONYM.match(row.phrase)
            and not row.phrase.endswith("stan")
            and row.phrase[:4] == name[:4]
            and row.phrase + "s" not in taken
        ):
            plural = Row(row.phrase + "s", row.code, "country", row.start, row.end, "demonym", 0)
            rows.append(plural)
    return rows


def is_armed(code: str) -> bool:
    """Armed non-state codes: IMG... or a country followed by REB/INS/UAF."""
    return code.startswith("IMG") or code[3:6] in {"REB", "INS", "UAF"}


def country_rows(country_names: dict[str, str]) -> list[Row]:
    path = REFERENCE / "petrarch2" / "Phoenix.Countries.actors.txt"
    official = {name.lower(): code for code, name in country_names.items()}
    rows: list[Row] = []
    for phrases, codes in read_records(path):
        undated = [c for c in codes if not c[1] and not c[2]]
        is_country = len(undated) == 1 and len(undated[0][0]) == 3 and len(codes) == 1
        for phrase, primary in phrases:
            if is_country:
                code = undated[0][0]
                strength = 3 if official.get(phrase) == code else (2 if primary else 1)
                rows.append(Row(phrase, code, "country", "", "", "petrarch2", strength))
                continue
            dated = any(c[1] or c[2] for c in codes)
            for c, s, e in codes:
                kind = "group" if is_armed(c) else ("person" if dated else "institution")
                if c in country_names:  # a country valid over a period ("abkhazia" GEO)
                    kind = "country"
                rows.append(Row(phrase, modern(c), kind, s, e, "petrarch2"))
    return rows


def other_rows(name: str) -> list[Row]:
    rows: list[Row] = []
    for phrases, codes in read_records(REFERENCE / "petrarch2" / name):
        dated = any(c[1] or c[2] for c in codes)
        for phrase, _ in phrases:
            for code, start, end in codes:
                if "MilNonState" in name or is_armed(code):
                    kind = "group"
                elif dated:
                    kind = "person"
                elif code.startswith("IGO"):
                    kind = "igo"
                elif code.startswith("NGO"):
                    kind = "ngo"
                else:
                    kind = "organisation"
                rows.append(Row(phrase, modern(code), kind, start, end, "petrarch2"))
    return rows


def settle_countries(rows: list[Row]) -> tuple[list[Row], list[str]]:
    """Keep one code per country alias; drop aliases two countries claim equally."""
    by_phrase: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_phrase[row.phrase].append(row)
    kept: list[Row] = []
    dropped: list[str] = []
    for phrase, claims in by_phrase.items():
        best = max(c.strength for c in claims)
        codes = {c.code for c in claims if c.strength == best}
        if len(codes) == 1:
            kept.append(next(c for c in claims if c.strength == best))
        else:
            dropped.append(f"{phrase}: {sorted(codes)}")
    return kept, dropped


def plural(word: str) -> str:
    word = word.lower()
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|sh|ch|x|z)$", word):
        return word + "es"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def agent_rows() -> list[tuple[str, str, str]]:
    """(phrase, sectors, position) with !SETS! and plurals expanded."""
    text = (REFERENCE / "petrarch2" / "Phoenix.agents.txt").read_text(encoding="utf-8")
    sets: dict[str, list[str]] = {}
    out: list[tuple[str, str, str]] = []
    entry = re.compile(
        r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]"
    )
    for line in text.splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        set_def = re.match(r"^!(\w+)!\s*=\s*(.+)$", body)
        if set_def:
            sets[set_def.group(1)] = [w.strip() for w in set_def.group(2).split(",")]
            continue
        match = entry.match(body)
        if not match:
            continue
        code = match.group("code").strip()
        if code.startswith("~"):
            sectors, position = code[1:], "suffix"
        elif code.endswith("~"):
            sectors, position = code[:-1], "prefix"
        else:
            continue
        if not re.fullmatch(r"(?:[A-Z]{3})+", sectors):
            continue
        raw = match.group("phrase").strip()
        forms: list[str] = []
        set_use = re.search(r"!(\w+)!", raw)
        if set_use and set_use.group(1) in sets:
            forms = [raw.replace(set_use.group(0), f) for f in sets[set_use.group(1)]]
        else:
            forms = [raw]
            plurals = match.group("plurals")
            if plurals is None:
                head = raw.rstrip("_").split("_")
                forms.append("_".join([*head[:-1], plural(head[-1])]))
            elif plurals.strip():
                forms.extend(p for p in plurals.split() if p)
        for form in forms:
            phrase = phrase_of(form.replace(" ", "_"))
            if phrase:
                out.append((phrase, sectors, position))
    return sorted(set(out))


def main() -> int:
    names_path = REFERENCE / "actors" / "text_to_CAMEO_countrynames.txt"
    country_names: dict[str, str] = {}
    for line in names_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[A-Z]{3}", parts[1]):
            country_names.setdefault(parts[1], parts[0])

    all_rows = country_rows(country_names)
    undated = [r for r in all_rows if r.kind == "country" and not (r.start or r.end)]
    countries, dropped = settle_countries(undated)
    settled = set(undated)
    rest = [r for r in all_rows if r not in settled]
    rest += other_rows("Phoenix.International.actors.txt")
    rest += other_rows("Phoenix.MilNonState.actors.txt")
    for name in country_names.values():
        phrase = name.lower()
        if not any(r.phrase == phrase for r in countries):
            code = next(c for c, n in country_names.items() if n == name)
            countries.append(Row(phrase, code, "country", "", "", "text_to_CAMEO", 3))
    countries += demonym_plurals(
        countries + [r for r in rest if r.kind == "country"], country_names
    )

    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "countries.tsv").open("w", encoding="utf-8") as out:
        out.write("code\tname\n")
        for code, name in sorted(country_names.items()):
            out.write(f"{code}\t{name}\n")
    rows = sorted(set(countries + rest), key=lambda r: (r.phrase, r.code, r.start, r.end))
    with (OUT / "actors.tsv").open("w", encoding="utf-8") as out:
        out.write("phrase\tcode\tkind\tfrom\tto\n")
        for r in rows:
            out.write(f"{r.phrase}\t{r.code}\t{r.kind}\t{r.start}\t{r.end}\n")
    agents = agent_rows()
    with (OUT / "agents.tsv").open("w", encoding="utf-8") as out:
        out.write("phrase\tsectors\tposition\n")
        for phrase, sectors, position in agents:
            out.write(f"{phrase}\t{sectors}\t{position}\n")
    sys.stderr.write(
        f"{len(country_names)} countries, {len(rows)} actor rows, {len(agents)} agent rows; "
        f"{len(dropped)} ambiguous country aliases dropped\n"
    )
    for item in dropped:
        sys.stderr.write(f"  dropped {item}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
