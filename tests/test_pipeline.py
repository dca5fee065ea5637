"""The pipeline as a whole: order, error records instead of crashes, settings."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import code_text
from eventwire.pipeline import Pipeline, PipelineConfig
from eventwire.records import CodedDocument, IngestError, RawArticle
from eventwire.registry import UnknownComponentError

GOOD = "Russian troops attacked Ukrainian positions near Kharkiv on Monday."


def article(text: str, ident: str) -> RawArticle:
    return RawArticle(id=ident, text=text, origin=f"test:{ident}", published=dt.date(2022, 3, 1))


def test_one_result_per_input_in_order(pipeline: Pipeline) -> None:
    upstream = IngestError(source="feed.xml", reason="bad_xml", detail="not XML")
    inputs: list[RawArticle | IngestError] = [
        article(GOOD, "a"),
        upstream,
        article("   \n\n  ", "blank"),
        article(
            "Der Bundestag hat am Montag über den Haushalt für das nächste Jahr beraten.", "de"
        ),
        article("Iraq condemned Turkey on Tuesday for shelling Kurdish villages.", "b"),
    ]
    results = list(pipeline.code_articles(inputs))
    assert len(results) == len(inputs)
    assert isinstance(results[0], CodedDocument) and results[0].document.id == "a"
    assert results[1] is upstream
    assert isinstance(results[2], IngestError) and results[2].reason == "empty"
    assert isinstance(results[3], CodedDocument) and results[3].document.language != "en"
    assert results[3].events == () and "not English" in results[3].warnings[0]
    assert isinstance(results[4], CodedDocument) and results[4].events


def test_batches_do_not_change_results(pipeline: Pipeline) -> None:
    texts = [article(f"{GOOD} Report {i}.", str(i)) for i in range(5)]
    small = Pipeline(PipelineConfig(batch_size=2))
    ids_small = [
        e.event_id
        for r in small.code_articles(texts)
        if isinstance(r, CodedDocument)
        for e in r.events
    ]
    ids_default = [
        e.event_id
        for r in pipeline.code_articles(texts)
        if isinstance(r, CodedDocument)
        for e in r.events
    ]
    assert ids_small == ids_default and ids_small


def test_too_large_documents_are_refused_not_parsed() -> None:
    tiny = Pipeline(PipelineConfig(max_chars=40))
    [result] = list(tiny.code_articles([article(GOOD, "big")]))
    assert isinstance(result, IngestError) and result.reason == "too_large"


def test_unknown_stage_names_fail_before_loading_a_model() -> None:
    with pytest.raises(UnknownComponentError, match=r"coder\.cameo_deps\.v1"):
        Pipeline(PipelineConfig(coder="coder.magic.v2"))


def test_code_text_convenience(pipeline: Pipeline) -> None:
    events = code_text(GOOD, date="2022-03-01", pipeline=pipeline)
    assert events and events[0].date is not None and events[0].date.value == "2022-02-28"
    with pytest.raises(ValueError, match="empty"):
        pipeline.code_text("  ")


def test_copies_are_skipped_and_near_copies_grouped(pipeline: Pipeline) -> None:
    story = (
        "Russian troops attacked Ukrainian positions near Kharkiv on Monday, the Ukrainian "
        "army said, adding that two soldiers were wounded and a bridge was destroyed. "
        "The attack came a day after talks between the two countries' negotiators ended "
        "without agreement in Istanbul. Officials in Kyiv urged Western governments to "
        "send more air defence systems before the winter, when attacks on power stations "
        "are expected to increase across the north and east of the country."
    )
    near = story.replace("Monday", "Monday morning")
    results = list(
        pipeline.code_articles([article(story, "a"), article(story, "b"), article(near, "c")])
    )
    assert isinstance(results[1], IngestError) and results[1].is_skip
    assert isinstance(results[2], CodedDocument)
    assert results[2].document.near_duplicate_of == "a"
    again = list(pipeline.code_articles([article(story, "a")]))
    assert isinstance(again[0], CodedDocument), "a new run remembers nothing"


def test_lines_an_outlet_repeats_in_a_batch_are_dropped(pipeline: Pipeline) -> None:
    promo = "Subscribe to the Harbour Gazette for more news from the region"
    stories = [
        "Kenyan troops attacked al-Shabaab positions near Kismayo on Monday.",
        "The Ethiopian prime minister met the Somali president in Addis Ababa.",
        "Protesters rallied outside the parliament in Nairobi on Friday.",
        "Uganda sent aid to refugees in South Sudan last week.",
    ]
    batch = [
        RawArticle(id=f"h{i}", text=f"{text}\n\n{promo}", origin="t", outlet="Harbour Gazette")
        for i, text in enumerate(stories)
    ]
    results = [r for r in pipeline.code_articles(batch) if isinstance(r, CodedDocument)]
    assert len(results) == len(stories)
    for coded in results:
        assert promo not in coded.document.text
        assert any(d.reason == "repeated_in_outlet" for d in coded.document.dropped)
