"""The office-holder knowledge base: who held which office when, with a stable id.

``data/actors/office_holders.tsv`` (the project's own compilation, see its README)
and optional user override files share one format (docs/ACTORS.md). Each row is one
term of one office; every name and alias of the person becomes a dated
:class:`ActorEntry` carrying the person's ``kb_id``. Between and after a person's
state offices the KB says "former official" (``<country>ELI``), so a stale
open-ended PETRARCH code ("Obama: USAGOV from 2009") cannot leak into later years;
PETRARCH entries for the same phrase keep only the time the KB does not cover.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.actors.lookup import normalise
from eventwire.countries import TRANSNATIONAL_PREFIXES

COLUMNS = ("kb_id", "name", "aliases", "code", "role", "country", "from", "to", "source")
BLOCK_ROLE = "block"
FORMER_SECTOR = "ELI"
# Sectors of a non-state armed actor: leading one makes no "former official".
ARMED_SECTORS = frozenset({"REB", "INS", "UAF"})
# Words before a known surname that do not make the name someone else's.
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "president", "premier", "king"}
    | {"queen", "prince", "sheikh", "ayatollah", "mullah", "general", "gen", "senator"}
    | {"chancellor", "minister", "prime", "secretary", "vice", "former", "comrade"}
)
_KB_ID = re.compile(r"^[a-z][a-z0-9_]*:[a-z0-9][a-z0-9-]*$")
_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_ROLE = re.compile(r"^[a-z][a-z_]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_NON_STATE_PREFIXES = ("IMG",)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Office:
    """One term of one office (``end`` None: in office as of the file's date)."""

    kb_id: str
    name: str
    aliases: tuple[str, ...]
    code: str
    role: str
    country: str
    start: dt.date
    end: dt.date | None
    source: str
    line: int = 0

    @property
    def state_office(self) -> bool:
        """Leaving it makes a former official; leading an armed group does not."""
        sectors = {self.code[i : i + 3] for i in range(0, len(self.code), 3)}
        return not (self.code.startswith(_NON_STATE_PREFIXES) or sectors & ARMED_SECTORS)


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Offices in file order, and phrases that must never match an actor."""

    offices: tuple[Office, ...]
    blocked: frozenset[str] = frozenset()

    def overridden_by(self, other: KnowledgeBase) -> KnowledgeBase:
        """A person (``kb_id``) in ``other`` is replaced whole; blocks add up."""
        replaced = {o.kb_id for o in other.offices}
        kept = tuple(o for o in self.offices if o.kb_id not in replaced)
        return KnowledgeBase(kept + other.offices, self.blocked | other.blocked)

    def by_person(self) -> dict[str, list[Office]]:
        people: dict[str, list[Office]] = {}
        for office in self.offices:
            people.setdefault(office.kb_id, []).append(office)
        return people


class KnowledgeBaseError(ValueError):
    """A malformed knowledge-base or override file (names file and line)."""


def phrase_of(name: str) -> str:
    """Lower-case, words single-space separated, hyphens as spaces (as matched)."""
    return " ".join(normalise(name).split())


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.replace("ı", "i").replace("ł", "l").replace("Ł", "L")


def phrases_of(names: Iterable[str]) -> tuple[str, ...]:
    """Each name as written and without accents ("Erdoğan" and "Erdogan")."""
    out: dict[str, None] = {}
    for name in names:
        out[phrase_of(name)] = None
        out[phrase_of(_folded(name))] = None
    return tuple(p for p in out if p)


def parse_date(text: str, *, end: bool) -> dt.date:
    """ISO date, or reduced precision (``2019``, ``2019-05``): the first day of
    the period for a start, the last day for an end."""
    match = _DATE.match(text)
    if match is None:
        raise ValueError(f"not an ISO date: {text!r}")
    year = int(match.group(1))
    month = int(match.group(2) or (12 if end else 1))
    if match.group(3):
        return dt.date(year, month, int(match.group(3)))
    day = calendar.monthrange(year, month)[1] if end else 1
    return dt.date(year, month, day)


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header_seen = False
        for number, row in enumerate(reader, 1):
            if not row or not "".join(row).strip() or row[0].startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                if tuple(c.strip() for c in row) != COLUMNS:
                    raise KnowledgeBaseError(f"{path}:{number}: header must be {COLUMNS}")
                continue
            yield number, [c.strip() for c in row] + [""] * (len(COLUMNS) - len(row))


def load(path: Path, countries: Mapping[str, str]) -> KnowledgeBase:
    """Read and validate one file; any bad row fails loudly with its line."""
    offices: list[Office] = []
    blocked: set[str] = set()
    for number, row in _rows(path):
        if len(row) > len(COLUMNS):
            raise KnowledgeBaseError(f"{path}:{number}: {len(row)} columns, want {COLUMNS}")
        kb_id, name, aliases, code, role, country, start, end, source = row
        names = [name, *(a.strip() for a in aliases.split("|") if a.strip())]
        try:
            if role == BLOCK_ROLE:
                blocked.update(phrases_of(n for n in names if n))
                continue
            offices.append(
                _office(kb_id, names, code, role, country, start, end, source, countries, number)
            )
        except ValueError as error:
            raise KnowledgeBaseError(f"{path}:{number}: {error}") from None
    kb = KnowledgeBase(tuple(offices), frozenset(blocked))
    found = problems(kb)
    if found:
        raise KnowledgeBaseError(f"{path}: " + "; ".join(found))
    return kb


def _office(
    kb_id: str,
    names: Sequence[str],
    code: str,
    role: str,
    country: str,
    start: str,
    end: str,
    source: str,
    countries: Mapping[str, str],
    line: int,
) -> Office:
    if not _KB_ID.match(kb_id):
        raise ValueError(f"kb_id {kb_id!r} is not like 'ew:first-last'")
    if not names[0]:
        raise ValueError("empty name")
    if not _CODE.match(code):
        raise ValueError(f"code {code!r} is not a CAMEO code (3-letter parts)")
    if not _ROLE.match(role):
        raise ValueError(f"role {role!r} is not a lower_case word")
    if country not in countries:
        raise ValueError(f"country {country!r} is not a CAMEO country code")
    if not (code[:3] in countries or code[:3] in TRANSNATIONAL_PREFIXES):
        raise ValueError(f"code {code!r} starts with neither a country nor IGO/NGO/IMG/MNC")
    first = parse_date(start, end=False)
    last = parse_date(end, end=True) if end else None
    if last is not None and last < first:
        raise ValueError(f"ends ({end}) before it starts ({start})")
    if not source:
        raise ValueError("no source")
    return Office(kb_id, names[0], tuple(names[1:]), code, role, country, first, last, source, line)


def problems(kb: KnowledgeBase) -> list[str]:
    """Consistency across rows: one name per person, one country per person, no
    overlapping or repeated terms of one office."""
    found: list[str] = []
    for kb_id, offices in kb.by_person().items():
        if len({o.name for o in offices}) > 1 or len({o.country for o in offices}) > 1:
            found.append(f"{kb_id}: rows disagree on name or country")
        by_role: dict[str, list[Office]] = {}
        for office in offices:
            by_role.setdefault(office.role, []).append(office)
        for role, terms in by_role.items():
            terms = sorted(terms, key=lambda o: o.start)
            for before, after in itertools.pairwise(terms):
                if before.start == after.start:
                    found.append(f"{kb_id} {role}: two rows from {after.start}")
                elif before.end is None or before.end >= after.start:
                    found.append(
                        f"{kb_id} {role}: terms from {before.start} and {after.start} overlap"
                    )
    return found


def ambiguous_phrases(kb: KnowledgeBase) -> frozenset[str]:
    """Names or aliases claimed by more than one person: they resolve to nobody."""
    owners: dict[str, set[str]] = {}
    for kb_id, offices in kb.by_person().items():
        for phrase in phrases_of(names_of(offices)):
            owners.setdefault(phrase, set()).add(kb_id)
    return frozenset(p for p, ids in owners.items() if len(ids) > 1)


def names_of(offices: Sequence[Office]) -> list[str]:
    names = [offices[0].name]
    for office in offices:
        names.extend(a for a in office.aliases if a not in names)
    return names


@dataclass(frozen=True, slots=True)
class Term:
    """A dated code of one person, before it is spread over the person's names."""

    code: str
    start: dt.date
    end: dt.date | None


def terms(offices: Sequence[Office]) -> list[Term]:
    """The person's offices in file order, then "former official" spells: the
    gaps after a state office until the next office, and the time after the last."""
    out = [Term(o.code, o.start, o.end) for o in offices]
    former = offices[0].country + FORMER_SECTOR
    reach: dt.date | None = None  # last day covered by the offices seen so far
    state = False  # whether the office that reaches furthest is a state office
    for office in sorted(offices, key=lambda o: o.start):
        if reach is not None and state and office.start > reach + ONE_DAY:
            out.append(Term(former, reach + ONE_DAY, office.start - ONE_DAY))
        if office.end is None:
            return out  # in office now: no gap can follow
        if reach is None or office.end > reach:
            reach, state = office.end, office.state_office
    if reach is not None and state:
        out.append(Term(former, reach + ONE_DAY, None))
    return out


def given_names(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """kb_id -> the first words of the person's multi-word names ("vladimir")."""
    out: dict[str, frozenset[str]] = {}
    for kb_id, offices in kb.by_person().items():
        words = {p.split()[0].strip(".,'\"") for p in phrases_of(names_of(offices)) if " " in p}
        out[kb_id] = frozenset(words)
    return out


def names_someone_else(given: frozenset[str], before: str) -> bool:
    """A known surname at the end of a longer name ("Hunter Biden") is another
    person unless a word before it is one of the person's given names or a title
    ("Joseph R. Biden", "President Biden")."""
    words = [w.strip(".,'\"") for w in phrase_of(_folded(before)).split()]
    words = [w for w in words if len(w) > 1]
    if not words:
        return False
    return not any(w in given or w in HONORIFICS for w in words)


def subtract(
    start: dt.date | None, end: dt.date | None, covered: Sequence[tuple[dt.date, dt.date | None]]
) -> list[tuple[dt.date | None, dt.date | None]]:
    """The parts of ``[start, end]`` (None: unbounded) outside every covered span."""
    pieces: list[tuple[dt.date | None, dt.date | None]] = [(start, end)]
    for c_start, c_end in covered:
        next_pieces: list[tuple[dt.date | None, dt.date | None]] = []
        for p_start, p_end in pieces:
            if (p_end is not None and p_end < c_start) or (
                c_end is not None and p_start is not None and p_start > c_end
            ):
                next_pieces.append((p_start, p_end))
                continue
            if p_start is None or p_start < c_start:
                next_pieces.append((p_start, c_start - ONE_DAY))
            if c_end is not None and (p_end is None or p_end > c_end):
                next_pieces.append((c_end + ONE_DAY, p_end))
        pieces = next_pieces
    return pieces
