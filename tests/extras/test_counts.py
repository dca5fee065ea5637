from __future__ import annotations

import datetime as dt

from eventwire.extras import Count, CountExtractor
from eventwire.pipeline import Pipeline


def _counts(pipeline: Pipeline, text: str) -> list[Count]:
    coded = pipeline.code_text(text, date=dt.date(2017, 12, 23))
    doc = pipeline.backend.nlp(coded.document.text)
    return list(CountExtractor().find(doc, coded.events))


def test_hedged_troop_count_linked_to_the_deployment(pipeline: Pipeline) -> None:
    text = (
        "The United States decided to expand its presence with the deployment of some 4,000 troops."
    )
    (count,) = _counts(pipeline, text)
    assert (count.number, count.unit, count.approximate) == (4000.0, "troops", True)
    assert count.text == "some 4,000" and count.event_id is not None


def test_vague_plural_and_dead(pipeline: Pipeline) -> None:
    (count,) = _counts(pipeline, "The war has led to tens of thousands of deaths.")
    assert count.approximate and count.number >= 10_000
    assert (count.what, count.size) == ("deaths", "dead")


def test_size_fields_from_the_verb(pipeline: Pipeline) -> None:
    counts = _counts(pipeline, "Gunmen killed 12 villagers and police arrested dozens of people.")
    assert [(c.number, c.size, c.approximate) for c in counts] == [
        (12.0, "dead", False),
        (24.0, "arrested", True),
    ]


def test_money_and_years(pipeline: Pipeline) -> None:
    (count,) = _counts(pipeline, "Japan pledged $2 billion to Ukraine in 2022.")
    assert (count.number, count.unit) == (2e9, "USD")
