"""Every CAMEO code below the root headings has a trigger pattern, and a sample of the
sub-code rows fires with its code through the real pipeline (sentences written for
these tests, one or two per root)."""

from __future__ import annotations

import pytest

from eventwire.events.ontology import Ontology
from eventwire.events.patterns import PatternTable
from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


def test_every_code_below_the_roots_has_a_pattern(ontology: Ontology) -> None:
    table = PatternTable.load(ontology.codes())
    below_roots = {code for code in ontology.codes() if len(code) > 2}
    assert len(below_roots) > 280
    missing = sorted(below_roots - table.codes_covered())
    assert missing == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Opposition parties in Kenya called for the repeal of the new security law.", "0242"),
        ("Human rights groups urged protesters in Hong Kong to go home.", "0252"),
        ("India sought a waiver from American sanctions on Iranian oil.", "0254"),
        ("Pakistan promised the extradition of the suspects to Afghanistan.", "0313"),
        ("The Myanmar junta promised equal rights to the Rohingya.", "0343"),
        ("The French government backed down on the fuel tax after weeks of protests.", "0832"),
        ("Sudan allowed a United Nations mission into Darfur.", "086"),
        ("Ukraine demanded more weapons from Germany.", "1032"),
        ("Egypt demanded a settlement between the Sudanese factions.", "107"),
        ("The Kenyan government rejected United Nations peacekeepers.", "1224"),
        ("The Syrian government denied access to United Nations investigators.", "1245"),
        ("Israel's prime minister ruled out his resignation.", "1231"),
        ("Thailand's army chief threatened martial law in Bangkok.", "1324"),
        ("Russia threatened a blockade of Ukrainian ports.", "1381"),
        ("Thousands of Venezuelans protested for the resignation of Maduro.", "1411"),
        ("Kurdish prisoners in Turkey fasted for the right to education.", "1423"),
        ("Teachers in Kenya launched a strike over pensions.", "1432"),
        ("Farmers in India blocked highways over the reform.", "1442"),
        ("Students in Iran rioted over fuel prices.", "1452"),
        ("Sudan expelled thirteen aid agencies from Darfur.", "1663"),
        ("The Taliban detonated an IED near a NATO convoy in Kandahar.", "1833"),
        ("Myanmar's army expelled villagers from Rakhine.", "201"),
    ],
)
def test_sub_code_rows_fire(pipeline: Pipeline, text: str, code: str) -> None:
    coded = pipeline.code_text(text)
    assert code in {event.type.cameo for event in coded.events}, [
        (event.type.cameo, event.pattern) for event in coded.events
    ]
