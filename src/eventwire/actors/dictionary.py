"""The actor and agent dictionaries, loaded from the versioned TSVs in data/actors.

``actors.tsv`` / ``agents.tsv`` / ``countries.tsv`` are generated from the MIT
PETRARCH-2 and text_to_CAMEO files by ``scripts/build_actors.py``; ``extra.tsv`` is
hand-written (capitals, modern aliases, role nouns, blocked junk aliases);
``office_holders.tsv`` is the project's dated knowledge base of office holders (see
``knowledge_base.py``), whose person entries replace PETRARCH's where both speak
of the same name and time; user override files (docs/ACTORS.md) come last.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from eventwire.actors import knowledge_base

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
    kb_id: str | None = None  # the knowledge-base person this entry names

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
    # kb_id -> first words of the person's names, to tell "Hunter Biden" from Joe.
    given_names: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def load(
        cls, data_dir: Path | None = None, overrides: Sequence[Path | str] = ()
    ) -> ActorDictionary:
        """The shipped tables, then the knowledge base, then each override file
        (a person in an override replaces the KB's rows for that ``kb_id``)."""
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
        kb = knowledge_base.KnowledgeBase(())
        if (base / OFFICE_HOLDERS).exists():
            kb = knowledge_base.load(base / OFFICE_HOLDERS, countries)
        for path in overrides:
            kb = kb.overridden_by(knowledge_base.load(Path(path), countries))
        _add_knowledge_base(actors, kb)
        return cls(
            actors=tuple(e for entries in actors.values() for e in entries),
            agents=tuple(agents.values()),
            countries=MappingProxyType(countries),
            given_names=MappingProxyType(knowledge_base.given_names(kb)),
        )

    def names_someone_else(self, entry: ActorEntry, before: str) -> bool:
        """``before``: the words of a longer person name in front of a hit on a
        knowledge-base surname; True when they name a different person."""
        given = self.given_names.get(entry.kb_id or "")
        return given is not None and knowledge_base.names_someone_else(given, before)

    def split_code(self, code: str) -> tuple[str | None, tuple[str, ...]]:
        """``RUSGOV`` -> ("RUS", ("GOV",)); ``IGOUNO`` -> (None, ("IGO", "UNO"))."""
        parts = _sectors(code)
        if parts and parts[0] in self.countries:
            return parts[0], parts[1:]
        return None, parts

    def name_of(self, code: str) -> str | None:
        return self.countries.get(code)


OFFICE_HOLDERS = "office_holders.tsv"


def _add_knowledge_base(
    actors: dict[str, list[ActorEntry]], kb: knowledge_base.KnowledgeBase
) -> None:
    """KB entries go first for their phrase (``_pick`` takes the first valid);
    other entries of that phrase keep only the days the KB does not cover;
    blocked phrases and names shared by two KB people are dropped."""
    ambiguous = knowledge_base.ambiguous_phrases(kb)
    for phrase in kb.blocked | ambiguous:
        actors.pop(phrase, None)
    found: dict[str, list[ActorEntry]] = {}
    for kb_id, offices in kb.by_person().items():
        spells = knowledge_base.terms(offices)
        for phrase in knowledge_base.phrases_of(knowledge_base.names_of(offices)):
            if phrase in kb.blocked or phrase in ambiguous:
                continue
            entries = found.setdefault(phrase, [])
            entries.extend(
                ActorEntry(phrase, t.code, "person", t.start, t.end, kb_id) for t in spells
            )
    for phrase, entries in found.items():
        covered = [(e.valid_from or dt.date.min, e.valid_to) for e in entries]
        rest = []
        for old in actors.get(phrase, []):
            if old.valid_from is None and old.valid_to is None:
                rest.append(old)  # an undated default only applies when nothing dated does
                continue
            for start, end in knowledge_base.subtract(old.valid_from, old.valid_to, covered):
                rest.append(replace(old, valid_from=start, valid_to=end))
        actors[phrase] = entries + rest
    _name_titled_people(actors, found, knowledge_base.given_names(kb))


def _name_titled_people(
    actors: dict[str, list[ActorEntry]],
    known: Mapping[str, list[ActorEntry]],
    given: Mapping[str, frozenset[str]],
) -> None:
    """PETRARCH phrases that put a title before a KB person's name ("russian
    president vladimir putin", "president obama") name that person: they get the
    ``kb_id`` (a bare surname only after titles or the person's given names)."""
    owner = {p: e[0].kb_id for p, e in known.items() if e[0].kb_id}
    for phrase, entries in actors.items():
        words = phrase.split()
        if phrase in known or len(words) < 2 or entries[0].kind != "person":
            continue
        for i in range(1, len(words)):
            kb_id = owner.get(" ".join(words[i:]))
            before = " ".join(words[:i])
            if kb_id is None or (
                i == len(words) - 1
                and knowledge_base.names_someone_else(given.get(kb_id, frozenset()), before)
            ):
                continue
            actors[phrase] = [replace(e, kb_id=kb_id) for e in entries]
            break


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
