"""The pipeline: clean -> dedup -> nlp -> actors -> events (with dates) -> places -> extras.

Stages are looked up by versioned name in a :class:`Registry` and built once;
every resource (model, dictionaries, tables) lives on the :class:`Pipeline`
object, so two pipelines with different settings can run side by side. Documents
are parsed in batches (``nlp.pipe``); any failure of one document becomes an
:class:`IngestError` for that document and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
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
    from eventwire.nlp.prefilter import Prefilter


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
    # Documents per nlp.pipe call: 8 parses as fast as 32 and halves peak memory
    # (840 -> 390 MiB on long articles, docs/PERFORMANCE.md).
    nlp_batch_size: int = 8
    max_chars: int = 500_000  # cleaned text; longer documents are refused (too_large)
    dedup: bool = True  # exact copies skipped, near copies grouped, per run
    # Skip sentences that cannot hold an event before parsing (nlp/prefilter.py). Off:
    # it saves ~3% of CPU on news but drops skipped sentences from sentences/tone
    # (docs/PERFORMANCE.md has the measurement).
    prefilter: bool = False
    # Resource limits (docs/PERFORMANCE.md): a pathological page must not stall a batch.
    max_raw_chars: int = 5_000_000  # raw input refused before cleaning (too_large)
    max_sentences: int = 2_000  # sentences coded per document; the rest is cut
    max_sentence_tokens: int = 200  # a longer run without a sentence end is split
    max_parse_seconds: float = 30.0  # parse budget of one long document; the rest is cut
    parse_chunk_chars: int = 50_000  # longer documents are parsed alone, chunk by chunk
    # User actor files (docs/ACTORS.md), applied in order over the shipped dictionaries.
    actor_overrides: tuple[str, ...] = ()


def _make_nlp(model: str, max_sentence_tokens: int = 0) -> Any:
    from eventwire.nlp import SpacyBackend

    return SpacyBackend(model, max_sentence_tokens=max_sentence_tokens)


def _make_cleaner() -> Any:
    from eventwire.ingest.clean import TextCleaner

    return TextCleaner()


def _make_batch_cleaner() -> Any:
    from eventwire.ingest.repeated import BatchCleaner

    return BatchCleaner()


def _make_actors(overrides: tuple[str, ...] = ()) -> Any:
    from eventwire.actors import ActorDictionary, ActorRecognizer

    return ActorRecognizer(ActorDictionary.load(overrides=overrides))


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


class DocumentPreparer:
    """Clean, check and deduplicate: the cheap, order-dependent front of the pipeline
    (no model), which a parallel run keeps in one process."""

    def __init__(self, config: PipelineConfig, registry: Registry | None = None) -> None:
        self.config = config
        registry = registry or default_registry()
        self.cleaner: Cleaner = registry.create("cleaner", config.cleaner)

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

    def prepare_batch(
        self, batch: Sequence[RawArticle | IngestError], seen: RunDeduplicator | None
    ) -> list[Document | IngestError]:
        """Clean, check and deduplicate one batch; raw inputs over ``max_raw_chars``
        are refused before the cleaner sees them."""
        raws = [a for a in batch if isinstance(a, RawArticle)]
        fitting = [a for a in raws if len(a.text) <= self.config.max_raw_chars]
        cleaned = iter(self._clean_batch(fitting))
        prepared: list[Document | IngestError] = []
        for item in batch:
            if isinstance(item, IngestError):
                prepared.append(item)
            elif len(item.text) > self.config.max_raw_chars:
                detail = f"{len(item.text)} raw characters > limit max_raw_chars"
                prepared.append(
                    _error(item, "read", "too_large", f"{detail} {self.config.max_raw_chars}")
                )
            else:
                prepared.append(next(cleaned))
        if seen is not None:
            prepared = [seen.check(p) for p in prepared]
        return prepared


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
        self.backend = self.registry.create(
            "nlp", cfg.nlp, model=cfg.model, max_sentence_tokens=cfg.max_sentence_tokens
        )
        self.preparer = DocumentPreparer(cfg, self.registry)
        self.cleaner: Cleaner = self.preparer.cleaner
        self.recognizer: Recognizer = self.registry.create(
            "actors", cfg.actors, overrides=cfg.actor_overrides
        )
        self.dates = self.registry.create("dates", cfg.dates)
        self.coder: Coder = self.registry.create(
            "coder", cfg.coder, ontology=self.ontology, dates=self.dates
        )
        self.geocoder: Geocoder = self.registry.create("geocoder", cfg.geocoder)
        self.extras: Extras = self.registry.create("extras", cfg.extras)
        self.prefilter = self._make_prefilter() if cfg.prefilter else None

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

    def code_prepared(
        self, prepared: Sequence[Document | IngestError]
    ) -> Iterator[CodedDocument | IngestError]:
        """Parse and code documents from :meth:`prepare_batch`, one result each, in order."""
        plans = {
            i: self._plan(item)
            for i, item in enumerate(prepared)
            if isinstance(item, Document) and item.language == "en"
        }
        short = [i for i, plan in plans.items() if len(plan.text) <= self.config.parse_chunk_chars]
        docs = iter(
            self.backend.pipe((plans[i].text for i in short), batch_size=self.config.nlp_batch_size)
        )
        for i, item in enumerate(prepared):
            if isinstance(item, IngestError):
                yield item
                continue
            if item.language != "en":
                # Stored and flagged, not coded: the English coder would invent events.
                note = f"not coded: language {item.language!r} is not English"
                yield CodedDocument(item, (), (), (), warnings=(note,))
                continue
            plan = plans[i]
            try:
                if len(plan.text) <= self.config.parse_chunk_chars:
                    doc = next(docs)
                else:
                    doc, plan = self._parse_long(plan)
                yield self._code_doc(doc, item, plan)
            except Exception as exc:  # one bad document must not sink the batch
                yield IngestError(
                    source=item.url or item.id,
                    reason="internal_error",
                    detail=f"coding failed: {exc!r}",
                    stage="code",
                    record=item.id,
                )

    def _code_batch(
        self, batch: list[RawArticle | IngestError], seen: RunDeduplicator | None
    ) -> Iterator[CodedDocument | IngestError]:
        yield from self.code_prepared(self.preparer.prepare_batch(batch, seen))

    def _make_prefilter(self) -> Prefilter | None:
        """The prefilter needs the built-in coder's pattern table and the actor
        dictionary; a plug-in stage without them gets no prefilter."""
        from eventwire.nlp.prefilter import build_prefilter

        patterns = getattr(self.coder, "patterns", None)
        dictionary = getattr(self.recognizer, "dictionary", None)
        nlp = getattr(self.backend, "nlp", None)
        if (
            patterns is None
            or dictionary is None
            or nlp is None
            or "lemmatizer" not in nlp.pipe_names
        ):
            return None
        phrases = [e.phrase for e in dictionary.actors] + [a.phrase for a in dictionary.agents]
        return build_prefilter(nlp, patterns, self.ontology.codes(), phrases)

    def _plan(self, document: Document) -> _Plan:
        """What the parser gets: at most ``max_sentences`` sentences, with the
        sentences the prefilter rules out blanked (offsets unchanged)."""
        from eventwire.nlp.prefilter import mask, split_sentences

        text, warnings = document.text, []
        limit = self.config.max_sentences
        if limit > 0:
            sentences = split_sentences(text)
            if len(sentences) > limit:
                cut = sentences[limit - 1].end
                text = text[:cut]
                warnings.append(
                    f"{LIMIT_WARNING}max_sentences: coded the first {limit} of "
                    f"{len(sentences)} sentences (characters 0-{cut} of {len(document.text)})"
                )
        if self.prefilter is not None:
            text = mask(text, self.prefilter.decide(text))
        return _Plan(text, tuple(warnings))

    def _parse_long(self, plan: _Plan) -> tuple[Doc, _Plan]:
        """A long document alone, chunk by chunk, within the parse-time budget: spaCy
        cannot stop inside a call, so the budget is checked between chunks."""
        budget = self.config.max_parse_seconds
        started = time.perf_counter()
        docs: list[Doc] = []
        end = 0
        warnings = list(plan.warnings)
        chunks = _chunks(plan.text, self.config.parse_chunk_chars)
        for n, (start, stop) in enumerate(chunks):
            docs.append(self.backend(plan.text[start:stop]))
            end = stop
            spent = time.perf_counter() - started
            if budget > 0 and spent > budget and n + 1 < len(chunks):
                warnings.append(
                    f"{LIMIT_WARNING}max_parse_seconds: parsed characters 0-{end} of "
                    f"{len(plan.text)} in {spent:.1f} s (budget {budget} s)"
                )
                break
        doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
        return doc, _Plan(plan.text[:end], tuple(warnings))

    def _code_doc(self, doc: Doc, document: Document, plan: _Plan | None = None) -> CodedDocument:
        # Stages read the text the parser saw (same offsets, skipped parts blank);
        # the result carries the document as cleaned.
        changed = plan is not None and plan.text != document.text
        view = replace(document, text=plan.text) if plan is not None and changed else document
        mentions = self.recognizer.find(doc, view)
        events = self.coder.code(doc, view, mentions)
        events = self.geocoder.locate(doc, view, events, mentions)
        sentences = tuple(
            Sentence(i, Span(s.start_char, s.start_char + len(s.text.rstrip())), s.text.strip())
            for i, s in enumerate(doc.sents)
        )
        if changed:  # blanked sentences are not sentences of the document
            sentences = tuple(s for s in sentences if s.text)
        found = self.extras.find(doc, view, sentences, mentions, events)
        return CodedDocument(
            document,
            sentences,
            mentions,
            events,
            warnings=plan.warnings if plan is not None else (),
            quotes=found.quotes,
            counts=found.counts,
            tone=found.tone,
        )


LIMIT_WARNING = "limit:"


@dataclass(frozen=True, slots=True)
class _Plan:
    """The text the parser gets for one document and the limits it hit."""

    text: str
    warnings: tuple[str, ...] = ()


def limit_errors(result: CodedDocument) -> tuple[IngestError, ...]:
    """The resource limits a coded document hit, as error records for the store
    (the document itself is still returned, with the events of what was parsed)."""
    document = result.document
    return tuple(
        IngestError(
            source=document.url or document.id,
            reason=warning[len(LIMIT_WARNING) :].split(":", 1)[0],
            detail=warning.split(":", 2)[-1].strip(),
            stage="nlp",
            record=document.id,
        )
        for warning in result.warnings
        if warning.startswith(LIMIT_WARNING)
    )


def _chunks(text: str, size: int) -> list[tuple[int, int]]:
    """Consecutive ``[start, stop)`` pieces of at most about ``size`` characters,
    cut after a sentence where one ends, else at white space, else anywhere."""
    from eventwire.nlp.prefilter import split_sentences

    pieces: list[tuple[int, int]] = []
    start = 0
    ends = [s.end for s in split_sentences(text)]
    while start < len(text):
        limit = start + size
        if limit >= len(text):
            pieces.append((start, len(text)))
            break
        fitting = [e for e in ends if start < e <= limit]
        if fitting:
            stop = fitting[-1]
        else:
            space = max(text.rfind(" ", start, limit), text.rfind("\n", start, limit))
            stop = space + 1 if space > start else limit
        pieces.append((start, stop))
        start = stop
    return pieces


def _error(article: RawArticle, stage: str, reason: str, detail: str) -> IngestError:
    return IngestError(
        source=article.origin, reason=reason, detail=detail, stage=stage, record=article.id
    )
