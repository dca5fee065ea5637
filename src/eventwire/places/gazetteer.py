"""The shipped gazetteer: GeoNames countries, first-level divisions and cities over 15,000.

Loaded once from ``data/places/gazetteer.tsv.gz`` (built by
``scripts/build_gazetteer.py``) into an object; names and alternate names are
found in text with one Aho-Corasick pass (the same whole-word matcher the actor
dictionary uses), never a loop over names.
"""

from __future__ import annotations

import gzip
import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Literal

from eventwire.actors.lookup import Hit, PhraseIndex

PlaceKind = Literal["country", "adm1", "city"]
DATA_PATH = ("data", "places", "gazetteer.tsv.gz")
_KINDS: Mapping[str, PlaceKind] = MappingProxyType(
    {"country": "country", "adm1": "adm1", "city": "city"}
)
# CAMEO country codes that differ from ISO 3166 alpha-3 (actors speak CAMEO).
CAMEO_TO_ISO: Mapping[str, str] = MappingProxyType(
    {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "MTN": "MNE", "ZAR": "COD"}
    | {"GZS": "PSE", "WSB": "PSE", "BAG": "IRQ"}
)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``country`` is ISO-3, ``fips`` the FIPS 10-4 country
    code GDELT uses, ``adm1`` the GeoNames admin1 code (US: the state's postal code).
    Divisions outside the US have no GeoNames id in the sources: ``geonames_id`` None."""

    geonames_id: int | None
    kind: PlaceKind
    name: str
    country: str
    fips: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool


class Gazetteer:
    """Places by id and by name; ``find`` returns name hits in a text."""

    def __init__(self, places: Sequence[Place], names: Sequence[tuple[str, int]]) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self._index = PhraseIndex(names)
        self._countries = MappingProxyType(
            {p.country: p for p in self.places if p.kind == "country"}
        )

    @classmethod
    def load(cls) -> Gazetteer:
        raw = resources.files("eventwire").joinpath(*DATA_PATH).read_bytes()
        with io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8") as rows:
            return cls.from_rows(rows.read().splitlines())

    @classmethod
    def from_rows(cls, lines: Sequence[str]) -> Gazetteer:
        """Rows in the data file's TSV layout (header first)."""
        places: list[Place] = []
        names: list[tuple[str, int]] = []
        for line in lines[1:]:
            if not line.strip():
                continue
            cols = line.split("\t")
            gid, kind, name, country, fips, adm1, lat, lon, pop, capital, aliases = cols
            if kind not in _KINDS:
                raise ValueError(f"gazetteer row {name!r}: unknown kind {kind!r}")
            index = len(places)
            places.append(
                Place(
                    geonames_id=int(gid) if gid else None,
                    kind=_KINDS[kind],
                    name=name,
                    country=country,
                    fips=fips or None,
                    adm1=adm1 or None,
                    lat=float(lat) if lat else None,
                    lon=float(lon) if lon else None,
                    population=int(pop) if pop else 0,
                    capital=capital == "1",
                )
            )
            primary = {name, _fold(name)}
            names.extend((n, index) for n in primary)
            names.extend((a, -index - 1) for a in aliases.split("|") if a and a not in primary)
        return cls(places, names)

    def country(self, code: str | None) -> Place | None:
        """The country entry for an ISO-3 or CAMEO country code."""
        if code is None:
            return None
        return self._countries.get(CAMEO_TO_ISO.get(code, code))

    def find(self, text: str) -> list[tuple[Hit, tuple[Place, ...]]]:
        """Longest non-overlapping capitalised name hits with their candidate places.

        Places whose own name matched come first and push out places that only
        have the name as an alternate (GeoNames lists "Washington" as an old name
        of a Maryland suburb); without an own-name match all alternates stay."""

        def capitalised(hit: Hit) -> bool:
            return text[hit.start].isupper()

        found = []
        for hit in self._index.find(text, capitalised):
            own = [self.places[i] for i in hit.payload if i >= 0]
            others = [self.places[-i - 1] for i in hit.payload if i < 0]
            found.append((hit, tuple(own or others)))
        return found


def _fold(name: str) -> str:
    """ "Kandahār" -> "Kandahar": the spelling English news uses."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
