"""Typed, immutable records that cross stage boundaries.

Every text-derived field carries a :class:`Span`: character offsets into the
*cleaned* document text (``Document.text``), so a user can always go back from a
coded event to the words it came from. Nothing here does work; stages do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
Modality = Literal["asserted", "intended", "negated", "alleged", "hypothetical", "requested"]
PlaceResolution = Literal["text", "target_country", "story_country"]
SizeField = Literal["dead", "injured", "arrested"]
ActorResolution = Literal[
    "dictionary",
    "knowledge_base",
    "apposition",
    "coref",
    "metonym",
    "title",
    "ner",
    "unattributed",
    "place",
    "opponent",
    "story_country",
]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class DroppedSpan:
    """A piece of the raw input the cleaner removed, kept for audit."""

    text: str
    reason: str
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as a reader found it, before cleaning. ``origin`` says where
    (file path, file:line, URL) so an error can point back to the input."""

    id: str | None
    text: str
    origin: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One article after cleaning. ``text`` is what every span points into."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str = "en"
    paragraphs: tuple[Span, ...] = ()
    dropped: tuple[DroppedSpan, ...] = ()
    near_duplicate_of: str | None = None  # the first document of the same story


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A CAMEO-coded actor, e.g. code ``RUSGOV`` = country ``RUS`` + sectors ``("GOV",)``.

    ``span`` is the mention the code was read from (a pronoun for coreference);
    ``resolved_span`` is where the identity was established when that differs
    (the apposition or antecedent), so both steps stay auditable.
    """

    code: str
    name: str
    span: Span
    country: str | None = None
    sectors: tuple[str, ...] = ()
    resolved_by: ActorResolution = "dictionary"
    resolved_span: Span | None = None
    kb_id: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention found in a sentence (before event coding picks roles).

    ``token_start``/``token_end`` (half-open) and ``head_token`` index the spaCy Doc
    of the whole document, so the coder can meet mentions in the dependency tree.
    """

    span: Span
    text: str
    actor: Actor
    sentence_index: int
    token_start: int
    token_end: int
    head_token: int


@dataclass(frozen=True, slots=True)
class EventDate:
    """When the event happened. ``value`` is ISO 8601 cut to its precision."""

    value: str
    precision: Precision
    resolved_by: str
    span: Span | None = None

    @property
    def date(self) -> dt.date:
        parts = [int(p) for p in self.value.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return dt.date(parts[0], parts[1], parts[2])


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    span: Span | None
    country: str | None = None
    geonames_id: int | None = None
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Literal["country", "adm1", "city"] = "country"
    fips: str | None = None  # FIPS 10-4 country code, for GDELT-shaped exports
    resolved_by: PlaceResolution = "text"


@dataclass(frozen=True, slots=True)
class EventType:
    """A CAMEO code with what the ontology says about it."""

    cameo: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where, and the words that say so."""

    event_id: str
    doc_id: str
    sentence: Sentence
    source: Actor
    target: Actor | None
    type: EventType
    trigger: Span
    evidence: Span
    modality: Modality
    date: EventDate | None
    confidence: float
    reported_by: Actor | None = None
    location: Location | None = None
    url: str | None = None
    pattern: str = ""


@dataclass(frozen=True, slots=True)
class IngestError:
    """An input that could not be coded, and why. Never silently dropped."""

    source: str
    reason: str
    detail: str = ""
    stage: str = "ingest"
    record: str | None = None

    @property
    def is_skip(self) -> bool:
        """A deliberate skip (an exact copy of a document already coded), not a failure."""
        return self.reason == "duplicate"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``text`` is what was said, ``verb`` the speech verb (or
    "according to"), ``speaker`` the actor when the subject is a known one."""

    text: Span
    verb: Span | None
    speaker: Actor | None
    speaker_span: Span | None
    direct: bool
    sentence_index: int
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Count:
    """A number the text states, with what it counts and the event it belongs to."""

    span: Span
    text: str
    number: float
    unit: str | None
    what: str | None
    approximate: bool
    size: SizeField | None
    sentence_index: int
    event_id: str | None


@dataclass(frozen=True, slots=True)
class Tone:
    """Sentiment of a document: VADER compound scores, and GDELT-like ``avg_tone``."""

    document: float
    avg_tone: float
    sentences: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class CodedDocument:
    """What the pipeline returns for one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = field(default=())
    quotes: tuple[Quote, ...] = ()
    counts: tuple[Count, ...] = ()
    tone: Tone | None = None
