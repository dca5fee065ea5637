"""The pipeline: clean -> dedup -> nlp -> actors -> events (with dates) -> places -> extras.

Stages are looked up by versioned name in a :class:`Registry` and built once;
every resource (model, dictionaries, tables) lives on the :class:`Pipeline`
object, so two pipelines with different settings can run side by side. Documents
are parsed in batches (``nlp.pipe``); any failure of one document becomes an
:class:`IngestError` for that document and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from spacy.tokens import Doc

from eventwire.records import (
    CodedDocument,
    Document,
    Event,
    IngestError,
    Mention,
    RawArticle,
    Sentence,
    Span,
)
from eventwire.registry import Registry

if TYPE_CHECKING:
    from eventwire.extras.bundle import Findings
    from eventwire.ingest.dedup import RunDeduplicator


class Cleaner(Protocol):
    def clean(self, article: RawArticle) -> Document: ...


@runtime_checkable
class BatchAwareCleaner(Cleaner, Protocol):
    """A cleaner that also learns from the batch (lines an outlet repeats)."""

    def clean_batch(self, articles: Sequence[RawArticle]) -> list[Document]: ...


class Recognizer(Protocol):
    def find(self, doc: Doc, document: Document) -> tuple[Mention, ...]: ...


class Geocoder(Protocol):
    def locate(
        self, doc: Doc, document: Document, events: tuple[Event, ...], mentions: tuple[Mention, ...]
    ) -> tuple[Event, ...]: ...


class Extras(Protocol):
    def find(
        self,
        doc: Doc,
        document: Document,
        sentences: tuple[Sentence, ...],
        mentions: tuple[Mention, ...],
        events: tuple[Event, ...],
    ) -> Findings: ...


class Coder(Protocol):
    def code(
        self, doc: Doc, document: Document, mentions: tuple[Mention, ...]
    ) -> tuple[Event, ...]: ...


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Every choice that changes the output, by name; defaults are the measured best."""

    model: str = "en_core_web_sm"
    nlp: str = "nlp.spacy.v1"
    cleaner: str = "clean.batch.v1"
    actors: str = "actors.dictionary.v1"
    dates: str = "dates.rules.v1"
    coder: str = "coder.cameo_deps.v1"
    geocoder: str = "places.geonames.v1"
    extras: str = "extras.standard.v1"
    batch_size: int = 32
    max_chars: int = 500_000
    dedup: bool = True  # exact copies skipped, near copies grouped, per run


def _make_nlp(model: str) -> Any:
    from eventwire.nlp import SpacyBackend

    return SpacyBackend(model)


def _make_cleaner() -> Any:
    from eventwire.ingest.clean import TextCleaner

    return TextCleaner()


def _make_batch_cleaner() -> Any:
    from eventwire.ingest.repeated import BatchCleaner

    return BatchCleaner()


def _make_actors() -> Any:
    from eventwire.actors import ActorDictionary, ActorRecognizer

    return ActorRecognizer(ActorDictionary.load())


def _make_dates() -> Any:
    from eventwire.dates import DateResolver

    return DateResolver()


def _make_coder(ontology: Any, dates: Any) -> Any:
    from eventwire.events.coder import DependencyCoder
    from eventwire.events.patterns import PatternTable

    return DependencyCoder(ontology, PatternTable.load(ontology.codes()), dates)


def _make_geocoder() -> Any:
    from eventwire.places import Gazetteer, Geocoder

    return Geocoder(Gazetteer.load())


def _make_no_geocoder() -> Any:
    from eventwire.places import NoGeocoder

    return NoGeocoder()


def _make_extras() -> Any:
    from eventwire.extras.bundle import StandardExtras

    return StandardExtras()


def _make_no_extras() -> Any:
    from eventwire.extras.bundle import NoExtras

    return NoExtras()


def default_registry() -> Registry:
    """A fresh registry holding the built-in stages."""
    registry = Registry()
    registry.register("nlp", "nlp.spacy.v1", _make_nlp)
    registry.register("cleaner", "clean.rules.v1", _make_cleaner)
    registry.register("cleaner", "clean.batch.v1", _make_batch_cleaner)
    registry.register("actors", "actors.dictionary.v1", _make_actors)
    registry.register("dates", "dates.rules.v1", _make_dates)
    registry.register("coder", "coder.cameo_deps.v1", _make_coder)
    registry.register("geocoder", "places.geonames.v1", _make_geocoder)
    registry.register("geocoder", "places.none.v1", _make_no_geocoder)
    registry.register("extras", "extras.standard.v1", _make_extras)
    registry.register("extras", "extras.none.v1", _make_no_extras)
    return registry


class Pipeline:
    """Codes articles into events. Build once per process; reuse for every batch."""

    def __init__(self, config: PipelineConfig | None = None, registry: Registry | None = None):
        from eventwire.events.ontology import Ontology

        self.config = config or PipelineConfig()
        self.registry = registry or default_registry()
        cfg = self.config
        # Resolve every name first, so a typo fails before the model loads.
        for kind, name in (
            ("nlp", cfg.nlp),
            ("cleaner", cfg.cleaner),
            ("actors", cfg.actors),
            ("dates", cfg.dates),
            ("coder", cfg.coder),
            ("geocoder", cfg.geocoder),
            ("extras", cfg.extras),
        ):
            self.registry.get(kind, name)
        self.ontology = Ontology.load()
        self.backend = self.registry.create("nlp", cfg.nlp, model=cfg.model)
        self.cleaner: Cleaner = self.registry.create("cleaner", cfg.cleaner)
        self.recognizer: Recognizer = self.registry.create("actors", cfg.actors)
        self.dates = self.registry.create("dates", cfg.dates)
        self.coder: Coder = self.registry.create(
            "coder", cfg.coder, ontology=self.ontology, dates=self.dates
        )
        self.geocoder: Geocoder = self.registry.create("geocoder", cfg.geocoder)
        self.extras: Extras = self.registry.create("extras", cfg.extras)

    # -- public API -------------------------------------------------------------

    def code_text(
        self,
        text: str,
        *,
        date: dt.date | None = None,
        url: str | None = None,
        doc_id: str | None = None,
        outlet: str | None = None,
        title: str | None = None,
    ) -> CodedDocument:
        """Code one article given as text. Raises ``ValueError`` for unusable input."""
        article = RawArticle(
            id=doc_id,
            text=text,
            origin="<text>",
            url=url,
            outlet=outlet,
            title=title,
            published=date,
        )
        for result in self.code_articles([article]):
            if isinstance(result, IngestError):
                raise ValueError(f"{result.reason}: {result.detail}")
            return result
        raise AssertionError("code_articles yields one result per article")

    def code_articles(
        self,
        articles: Iterable[RawArticle | IngestError],
        memory: RunDeduplicator | None = None,
    ) -> Iterator[CodedDocument | IngestError]:
        """One result per input, in input order: a coded document or the reason it failed.

        ``memory`` carries what a run has seen across calls (a caller that feeds one
        run in several calls passes the same one); by default each call is a run.
        """
        from eventwire.ingest.dedup import RunDeduplicator

        seen = memory if memory is not None else (RunDeduplicator() if self.config.dedup else None)
        batch: list[RawArticle | IngestError] = []
        for item in articles:
            batch.append(item)
            if len(batch) >= self.config.batch_size:
                yield from self._code_batch(batch, seen)
                batch = []
        if batch:
            yield from self._code_batch(batch, seen)

    def describe(self) -> dict[str, Any]:
        """Registered stages, the configuration and the model, for ``eventwire info``."""
        from eventwire.datafiles import DATA_FILES

        return {
            "config": asdict(self.config),
            "data_files": [f.as_dict() for f in DATA_FILES],
            "registered": {kind: self.registry.names(kind) for kind in self.registry.kinds()},
            "spacy_model": self.backend.model_info().as_dict(),
        }

    # -- internals -------------------------------------------------------------

    def _clean_batch(self, articles: list[RawArticle]) -> list[Document | IngestError]:
        """Clean a batch at once when the cleaner learns from batches (repeated outlet
        lines); one article at a time otherwise, or when the batch pass fails."""
        if isinstance(self.cleaner, BatchAwareCleaner) and len(articles) > 1:
            try:
                return [
                    self._check(d, a)
                    for d, a in zip(self.cleaner.clean_batch(articles), articles, strict=True)
                ]
            except Exception:  # fall back to the per-article path, which reports errors
                pass
        return [self._prepare(a) for a in articles]

    def _prepare(self, article: RawArticle) -> Document | IngestError:
        try:
            document = self.cleaner.clean(article)
        except Exception as exc:  # a cleaner bug must not sink the batch
            return _error(article, "clean", "internal_error", repr(exc))
        return self._check(document, article)

    def _check(self, document: Document, article: RawArticle) -> Document | IngestError:
        if not document.text.strip():
            return _error(article, "clean", "empty", "no article text left after cleaning")
        if len(document.text) > self.config.max_chars:
            return _error(
                article,
                "clean",
                "too_large",
                f"{len(document.text)} characters > limit {self.config.max_chars}",
            )
        return document

    def _code_batch(
        self, batch: list[RawArticle | IngestError], seen: RunDeduplicator | None
    ) -> Iterator[CodedDocument | IngestError]:
        cleaned = iter(self._clean_batch([a for a in batch if isinstance(a, RawArticle)]))
        prepared = [item if isinstance(item, IngestError) else next(cleaned) for item in batch]
        if seen is not None:
            prepared = [seen.check(p) for p in prepared]
        english = [p for p in prepared if isinstance(p, Document) and p.language == "en"]
        docs = iter(self.backend.pipe((d.text for d in english), batch_size=self.config.batch_size))
        for item in prepared:
            if isinstance(item, IngestError):
                yield item
                continue
            if item.language != "en":
                # Stored and flagged, not coded: the English coder would invent events.
                note = f"not coded: language {item.language!r} is not English"
                yield CodedDocument(item, (), (), (), warnings=(note,))
                continue
            doc = next(docs)
            try:
                yield self._code_doc(doc, item)
            except Exception as exc:  # one bad document must not sink the batch
                yield IngestError(
                    source=item.url or item.id,
                    reason="internal_error",
                    detail=f"coding failed: {exc!r}",
                    stage="code",
                    record=item.id,
                )

    def _code_doc(self, doc: Doc, document: Document) -> CodedDocument:
        mentions = self.recognizer.find(doc, document)
        events = self.coder.code(doc, document, mentions)
        events = self.geocoder.locate(doc, document, events, mentions)
        sentences = tuple(
            Sentence(i, Span(s.start_char, s.start_char + len(s.text.rstrip())), s.text.strip())
            for i, s in enumerate(doc.sents)
        )
        found = self.extras.find(doc, document, sentences, mentions, events)
        return CodedDocument(
            document,
            sentences,
            mentions,
            events,
            quotes=found.quotes,
            counts=found.counts,
            tone=found.tone,
        )


def _error(article: RawArticle, stage: str, reason: str, detail: str) -> IngestError:
    return IngestError(
        source=article.origin, reason=reason, detail=detail, stage=stage, record=article.id
    )
