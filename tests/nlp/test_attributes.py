"""The attribute table gives exactly what the model's attribute_ruler gives."""

from __future__ import annotations

import spacy

from eventwire.nlp import KNOWN_MODELS, SpacyBackend
from eventwire.nlp.attributes import ATTRIBUTE_TABLE
from eventwire.nlp.backend import LongSentenceBreaker

TEXT = (
    "Y'all ain't gonna believe it, c'mon! Let's see: there is a man and there's gotta be "
    "a way. He gets it; she got it. The U.N. envoy met Iraq's foreign minister in Baghdad "
    "on 3 March 2003 and said talks were 'useful'.\n\nPolice fired tear gas at 2,000 "
    "protesters - officials said 12 were hurt.  Was it wise?  Nobody knows... yet."
)


def attributes_of(nlp: spacy.language.Language) -> list[tuple[str, ...]]:
    return [
        (t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, str(t.head.i)) for t in nlp(TEXT)
    ]


def test_table_equals_the_attribute_ruler(backend: SpacyBackend) -> None:
    assert ATTRIBUTE_TABLE in backend.nlp.pipe_names
    original = spacy.load(KNOWN_MODELS["en_core_web_sm"].path(), exclude=["senter"])
    original.add_pipe("eventwire_paragraph_breaks", before="parser")
    original.add_pipe("eventwire_long_sentences", before="parser", config={"max_tokens": 0})
    assert attributes_of(backend.nlp) == attributes_of(original)


def test_long_runs_without_a_sentence_end_are_broken(backend: SpacyBackend) -> None:
    doc = backend.nlp.make_doc(" ".join(["word"] * 25) + ". " + " ".join(["more"] * 12))
    LongSentenceBreaker(max_tokens=10)(doc)
    starts = [t.i for t in doc if t.is_sent_start]
    assert starts == [0, 10, 20, 36], "every 10 tokens of a run; a run restarts after '.'"
