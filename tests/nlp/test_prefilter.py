"""The prefilter: which sentences may hold an event, and the blanking that keeps offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from eventwire.nlp.prefilter import (
    Decision,
    LemmaGuesser,
    Prefilter,
    TriggerRow,
    build_prefilter,
    lemma_guesser,
    mask,
    split_sentences,
    trigger_rows,
)

if TYPE_CHECKING:
    from eventwire.nlp import SpacyBackend
    from eventwire.pipeline import Pipeline


def test_sentences_split_at_end_punctuation_but_not_abbreviations() -> None:
    text = (
        'Mr. Cruz met Gov. Perry in the U.S. on Monday. He said "no." Then U.S. farmers left!\nHi'
    )
    pieces = [s.of(text) for s in split_sentences(text)]
    assert pieces == [
        "Mr. Cruz met Gov. Perry in the U.S. on Monday. ",
        'He said "no." ',
        "Then U.S. farmers left!\n",
        "Hi",
    ]
    assert "".join(pieces) == text


def test_mask_keeps_length_offsets_and_line_breaks() -> None:
    text = "Keep this. Drop that one.\nKeep too."
    decision = Decision(split_sentences(text), (True, False, True))
    masked = mask(text, decision)
    assert len(masked) == len(text)
    assert masked.startswith("Keep this. ") and masked.endswith("\nKeep too.")
    assert masked[11:26].strip() == "" and masked[25] == "\n"
    assert decision.skipped_chars == len("Drop that one.\n")


def small_prefilter(keep_named: bool = True) -> Prefilter:
    guesser = LemmaGuesser(
        [("ed", ""), ("s", ""), ("ing", "")],
        {"met": frozenset({"meet"}), "said": frozenset({"say"})},
    )
    rows = [
        TriggerRow("attack", frozenset()),
        TriggerRow("meet", frozenset()),
        TriggerRow("say", frozenset({"sorry"})),
    ]
    return Prefilter(rows, ["russia", "ukraine", "police"], guesser, keep_named=keep_named)


def test_needs_a_trigger_and_an_actor_candidate() -> None:
    prefilter = small_prefilter(keep_named=False)
    text = (
        "Russia attacked Ukraine. "  # dictionary actor + inflected trigger
        "The weather was fine. "  # neither
        "Prices attacked records. "  # trigger, no actor candidate
        "Police said sorry. "  # a conditional trigger whose word is there
        "Police said it was fine."  # "say" alone is no event
    )
    assert small_prefilter(False).decide(text).kept == (True, False, False, True, False)
    assert prefilter.decide("Russia's envoy met them.").kept == (True,)  # irregular form


def test_coreference_keeps_the_antecedent_sentence() -> None:
    text = "The talks began in the Kremlin. Nothing else happened. He attacked the plan."
    kept = small_prefilter(keep_named=False).decide(text).kept
    # "He" needs an antecedent: sentences back to the nearest one naming somebody.
    assert kept == (True, True, True)


def test_named_sentences_are_kept_by_default() -> None:
    text = "Russia is large. The weather was fine."
    assert small_prefilter().decide(text).kept == (True, False)
    assert small_prefilter(keep_named=False).decide(text).kept == (False, False)


def test_real_tables_cover_inflections_and_the_complement_rules(backend: SpacyBackend) -> None:
    from eventwire.events.ontology import Ontology
    from eventwire.events.patterns import PatternTable

    ontology = Ontology.load()
    rows = trigger_rows(PatternTable.load(ontology.codes()), ontology.codes())
    lemmas = {r.lemma for r in rows}
    assert {"attack", "meet", "condemn"} <= lemmas
    assert TriggerRow("say", frozenset()) not in rows, "010 alone never makes an event"
    assert TriggerRow("say", frozenset({"must"})) in rows  # "X said Y must ..."
    guesser = lemma_guesser(backend.nlp)
    assert "attack" in guesser.lemmas("attacked") and "meet" in guesser.lemmas("met")
    assert "seize" in guesser.lemmas("seizing")


@pytest.mark.slow
def test_prefilter_changes_no_event_of_a_news_story(pipeline: Pipeline) -> None:
    story = (
        "Weather in the region was mild this week, with light rain expected.\n"
        "Russian troops attacked Ukrainian positions near Kharkiv on Monday. "
        "Prices of bread rose by two percent over the month. "
        "The Ukrainian president condemned the attack and met the Polish prime minister "
        "in Warsaw. He said the two leaders had agreed to deepen cooperation.\n"
        "Markets were closed for the holiday."
    )
    dictionary = pipeline.recognizer.dictionary  # type: ignore[attr-defined]
    phrases = [e.phrase for e in dictionary.actors] + [a.phrase for a in dictionary.agents]
    patterns = pipeline.coder.patterns  # type: ignore[attr-defined]
    prefilter = build_prefilter(pipeline.backend.nlp, patterns, pipeline.ontology.codes(), phrases)
    without = pipeline.code_text(story, doc_id="s")
    try:
        pipeline.prefilter = prefilter
        with_filter = pipeline.code_text(story, doc_id="s")
    finally:
        pipeline.prefilter = None
    assert {e.event_id for e in with_filter.events} == {e.event_id for e in without.events}
    assert with_filter.events
    kept = prefilter.decide(story).kept
    assert len(kept) == 6 and not kept[0] and not kept[-1], "weather and markets skipped"
    assert with_filter.document == without.document, "the result carries the full text"
    assert len(with_filter.sentences) < len(without.sentences)
