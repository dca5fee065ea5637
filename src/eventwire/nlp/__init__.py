"""The NLP stage: a spaCy backend loaded once per process and passed around."""

from eventwire.nlp.backend import (
    KNOWN_MODELS,
    ModelInfo,
    ModelMismatchError,
    ModelSpec,
    SpacyBackend,
)

__all__ = ["KNOWN_MODELS", "ModelInfo", "ModelMismatchError", "ModelSpec", "SpacyBackend"]
