"""The cheap English check, on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.ingest import guess_language, is_english


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister said on Monday that the government would not accept the "
        "proposal, and that talks with the rebels were over for now.",
        "Russia warned Ukraine.",
        "CHICAGO, March 3 - Shr loss 22 cts vs profit 18 cts. Net loss 3.1 mln vs profit "
        "2.5 mln. Revs 40.1 mln vs 38.2 mln. The company said results reflected the strike.",
    ],
)
def test_english(text: str) -> None:
    assert is_english(text)
    assert guess_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung hat am Montag erklärt, dass sie den Vorschlag nicht annehmen wird und "
        "die Gespräche mit den Rebellen vorerst beendet sind.",
        "El ministro dijo el lunes que el gobierno no aceptará la propuesta y que las "
        "conversaciones con los rebeldes han terminado por ahora.",
        "Правительство заявило в понедельник, что не примет предложение.",
        "",
        "12345 67890",
    ],
)
def test_not_english(text: str) -> None:
    assert not is_english(text)
    assert guess_language(text) == "und"
