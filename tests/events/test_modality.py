"""Modality read off real parses, and the CAMEO re-coding it implies."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from eventwire.events.modality import ModalityReading, read_modality, recode
from eventwire.nlp import SpacyBackend
from eventwire.pipeline import Pipeline


def token(backend: SpacyBackend, text: str, word: str) -> Token:
    doc = backend(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Russia is ready to cooperate with Iran.", "cooperate", "intended"),
        ("The minister plans to visit Kenya next week.", "visit", "intended"),
        ("China will send aid to Nepal.", "send", "intended"),
        ("Rebels attacked the convoy on Monday.", "attacked", "asserted"),
        ("The army did not attack the village.", "attack", "negated"),
        ("No coalition troops were injured in the attack.", "injured", "negated"),
        ("Iran refused to endorse the plan.", "endorse", "negated"),
        ("Egypt refused to commit to any aid for Gaza.", "aid", "negated"),
        ("Kiev has evidence proving that Russia attacked Ukraine.", "attacked", "alleged"),
        ("Kenya accused Somalia of supporting the rebels.", "supporting", "alleged"),
        ("If talks fail, the army could attack the town.", "attack", "hypothetical"),
        ("The U.S. can impose sanctions on Iran.", "impose", "hypothetical"),
        ("Migrants live in fear of deportation by the police.", "deportation", "hypothetical"),
        ("The UN urged both sides to negotiate.", "negotiate", "requested"),
    ],
)
def test_modality_cues(backend: SpacyBackend, text: str, word: str, expected: str) -> None:
    assert read_modality(token(backend, text, word)).modality == expected


def test_reporter_is_found_through_the_complement(backend: SpacyBackend) -> None:
    reading = read_modality(
        token(backend, "Kabulov said Moscow had established contacts.", "established")
    )
    assert reading.reporter is not None and reading.reporter.text == "said"
    assert reading.modality == "asserted"


def test_refusal_is_kept_but_plain_negation_is_suppressed(backend: SpacyBackend) -> None:
    refused = read_modality(token(backend, "Iran refused to endorse the plan.", "endorse"))
    assert refused.refused and not refused.suppressed
    negated = read_modality(token(backend, "The army did not attack the village.", "attack"))
    assert negated.suppressed


def test_a_punishments_charge_is_alleged_and_not_coded(backend: SpacyBackend) -> None:
    text = "A court jailed a student for helping militants join an armed group."
    charge = read_modality(token(backend, text, "helping"))
    assert charge.modality == "alleged" and charge.suppressed
    thanks = read_modality(
        token(backend, "The president thanked Japan for helping Iraq.", "helping")
    )
    assert thanks.modality == "asserted" and not thanks.suppressed


def _reading(modality: str, refused: bool = False) -> ModalityReading:
    return ModalityReading(modality, None, None, refused)  # type: ignore[arg-type]


def test_recoding_follows_cameo() -> None:
    assert recode("061", _reading("intended")) == "0311"  # intent to cooperate economically
    assert recode("040", _reading("intended")) == "036"  # intent to meet
    assert recode("190", _reading("intended")) == "1384"  # threat of conventional attack
    assert recode("051", _reading("negated", refused=True)) == "120"  # refused to endorse
    assert recode("190", _reading("negated")) is None  # did not attack: no event
    assert recode("112", _reading("asserted")) == "112"


def test_halting_recodes_to_reduced_relations(backend: SpacyBackend) -> None:
    reading = read_modality(token(backend, "Iran suspended talks with the EU.", "talks"))
    assert reading.halted
    assert recode("040", reading) == "164"  # halt negotiations


def test_intended_conflict_is_a_threat_only_with_a_threat_or_a_recipient() -> None:
    threat = ModalityReading("intended", None, None)
    assert recode("190", threat, has_target=True) == "1384"
    assert recode("190", threat, has_target=False) is None


def test_alleged_modifier_marks_an_event_noun(backend: SpacyBackend) -> None:
    text = "Rights groups condemned the alleged torture of prisoners."
    assert read_modality(token(backend, text, "torture")).modality == "alleged"


def test_would_under_a_reporting_verb_is_future_not_condition(backend: SpacyBackend) -> None:
    text = "Iraq said it would allow the inspectors to return."
    assert read_modality(token(backend, text, "allow")).modality == "intended"


def test_will_not_is_a_refusal(backend: SpacyBackend) -> None:
    reading = read_modality(token(backend, "Obama said he would not provide aid.", "provide"))
    assert reading.refused
    assert recode("070", reading) == "122"


def test_ability_is_hypothetical_and_inability_is_no_event(pipeline: Pipeline) -> None:
    found = pipeline.code_text("Hamas is capable of attacking Israel.").events
    assert [(e.type.root, e.modality) for e in found] == [("19", "hypothetical")]
    found = pipeline.code_text("Iran is able to strike Israel.").events
    assert [(e.type.root, e.modality) for e in found] == [("19", "hypothetical")]
    assert pipeline.code_text("The UN was unable to deliver aid to Syria.").events == ()


def test_a_prediction_is_hypothetical(pipeline: Pipeline) -> None:
    found = pipeline.code_text("Analysts predict that Russia will attack Ukraine.").events
    assert [e.modality for e in found] == ["hypothetical"]


def test_a_condition_is_hypothetical_even_under_an_intent_or_a_future(pipeline: Pipeline) -> None:
    found = pipeline.code_text("If Iran attacks Israel, the US will respond.").events
    assert [(e.type.root, e.modality) for e in found if e.source.code == "IRN"] == [
        ("19", "hypothetical")
    ]
    text = "The rebels will attack the capital unless the government agrees to step down."
    found = pipeline.code_text(text).events
    assert {(e.source.code, e.type.root, e.modality) for e in found} == {
        ("REB", "13", "intended"),
        ("GOV", "08", "hypothetical"),
    }


def test_a_guessed_intent_is_hypothetical(pipeline: Pipeline) -> None:
    found = pipeline.code_text("The president may want to visit Japan next year.").events
    assert [e.modality for e in found] == ["hypothetical"]


def test_a_question_says_nothing_happened(pipeline: Pipeline) -> None:
    coded = pipeline.code_text("Did China threaten Taiwan yesterday?")
    assert [e.modality for e in coded.events] == ["hypothetical"]


def test_failing_or_ruling_out_an_act_says_it_did_not_happen(pipeline: Pipeline) -> None:
    assert pipeline.code_text("China failed to give approval to the plan.").events == ()
    text = "Germany ruled out cancelling the arms deal with Saudi Arabia."
    assert pipeline.code_text(text).events == ()


def test_wishing_to_thank_is_thanking(pipeline: Pipeline) -> None:
    coded = pipeline.code_text("Russia wants to thank Turkey.")
    assert [(e.type.root, e.modality) for e in coded.events] == [("05", "asserted")]
