from __future__ import annotations

import datetime as dt

from eventwire.extras import QuoteExtractor, ToneScorer
from eventwire.pipeline import Pipeline


def test_indirect_and_direct_quotes(pipeline: Pipeline) -> None:
    text = (
        "The Russian foreign minister said that Moscow had criticised Washington.\n\n"
        '"We will not accept this," the Iranian president said.\n'
    )
    coded = pipeline.code_text(text, date=dt.date(2017, 12, 23))
    doc = pipeline.backend.nlp(coded.document.text)
    quotes = QuoteExtractor().find(doc, coded.document, coded.mentions, coded.events)
    indirect, direct = quotes
    body = coded.document.text
    assert indirect.speaker is not None and indirect.speaker.code == "RUSGOV"
    assert indirect.text.of(body).startswith("Moscow had criticised")
    assert not indirect.direct and indirect.event_ids
    assert direct.direct and direct.text.of(body) == "We will not accept this"
    assert direct.speaker is not None and direct.speaker.country == "IRN"


def test_tone_signs(pipeline: Pipeline) -> None:
    coded = pipeline.code_text(
        "The talks were a great success.\n\nThe bombing killed and maimed innocent children.",
        date=dt.date(2017, 12, 23),
    )
    tone = ToneScorer().score(coded.sentences)
    assert tone.sentences[0] > 0 > tone.sentences[1]
    assert tone.avg_tone == round(10 * tone.document, 3)
