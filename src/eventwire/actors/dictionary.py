"""The actor and agent dictionaries, loaded from the versioned TSVs in data/actors.

``actors.tsv`` / ``agents.tsv`` / ``countries.tsv`` are generated from the MIT
PETRARCH-2 and text_to_CAMEO files by ``scripts/build_actors.py``; ``extra.tsv`` is
hand-written (capitals, modern aliases, role nouns, blocked junk aliases).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

ActorKind = str  # country | capital | person | institution | igo | ngo | organisation | group


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A named actor phrase (``phrase`` lower-case, words space-separated)."""

    phrase: str
    code: str
    kind: ActorKind
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        after = self.valid_from is None or self.valid_from <= day
        before = self.valid_to is None or day <= self.valid_to
        return after and before


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A role noun: ``sectors`` join a country code (``prefix``: before it, as IGO).

    A ``relational`` role (envoy, spokesman, head) serves a principal and takes the
    principal's code; ``sectors`` are then used only for a bare-country principal.
    """

    phrase: str
    sectors: tuple[str, ...]
    prefix: bool = False
    relational: bool = False


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _sectors(code: str) -> tuple[str, ...]:
    if code in ("", "-"):
        return ()
    return tuple(code[i : i + 3] for i in range(0, len(code), 3))


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if row and row[0]:
                yield row


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Everything the recogniser looks up, as immutable tuples and mappings."""

    actors: tuple[ActorEntry, ...]
    agents: tuple[AgentEntry, ...]
    countries: Mapping[str, str]

    @classmethod
    def load(cls, data_dir: Path | None = None) -> ActorDictionary:
        base = data_dir or DATA_DIR
        countries = {code: name for code, name, *_ in _rows(base / "countries.tsv")}
        actors: dict[str, list[ActorEntry]] = {}
        for phrase, code, kind, start, end in _rows(base / "actors.tsv"):
            entry = ActorEntry(phrase, code, kind, _date(start), _date(end))
            actors.setdefault(phrase, []).append(entry)
        agents = {
            phrase: AgentEntry(phrase, _sectors(sectors), position == "prefix")
            for phrase, sectors, position in _rows(base / "agents.tsv")
        }
        for phrase, value, kind, *_ in _rows(base / "extra.tsv"):
            if kind == "block":
                actors.pop(phrase, None)
            elif kind == "capital":
                actors[phrase] = [ActorEntry(phrase, value, "capital")]
            elif kind == "alias":
                actors[phrase] = [ActorEntry(phrase, value, _alias_kind(value, countries))]
            elif kind in ("agent", "relational"):
                agents[phrase] = AgentEntry(
                    phrase, _sectors(value), relational=kind == "relational"
                )
            else:
                raise ValueError(f"extra.tsv: unknown kind {kind!r} for {phrase!r}")
        return cls(
            actors=tuple(e for entries in actors.values() for e in entries),
            agents=tuple(agents.values()),
            countries=MappingProxyType(countries),
        )

    def split_code(self, code: str) -> tuple[str | None, tuple[str, ...]]:
        """``RUSGOV`` -> ("RUS", ("GOV",)); ``IGOUNO`` -> (None, ("IGO", "UNO"))."""
        parts = _sectors(code)
        if parts and parts[0] in self.countries:
            return parts[0], parts[1:]
        return None, parts

    def name_of(self, code: str) -> str | None:
        return self.countries.get(code)


def _alias_kind(code: str, countries: Mapping[str, str]) -> ActorKind:
    if code in countries:
        return "country"
    if code.startswith("IGO"):
        return "igo"
    if code.startswith("NGO"):
        return "ngo"
    if code.startswith("IMG") or code[3:6] in {"REB", "INS", "UAF"}:
        return "group"
    return "institution"
