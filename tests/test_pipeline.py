"""The pipeline as a whole: order, error records instead of crashes, settings."""

from __future__ import annotations

import datetime as dt
import pickle
import time

import pytest

from eventwire import code_text
from eventwire.pipeline import Pipeline, PipelineConfig, limit_errors
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


# -- resource limits: pathological inputs must not stall a batch ------------------

LEAD = "Russian troops attacked Ukrainian positions near Kharkiv on Monday, officials said.\n"


@pytest.fixture(scope="module")
def limited() -> Pipeline:
    """Small limits, so each pathological case is cut quickly."""
    return Pipeline(
        PipelineConfig(
            max_sentences=100,
            max_sentence_tokens=50,
            parse_chunk_chars=3_000,
            max_parse_seconds=1e-9,  # spent by any parse: the cut is after chunk one
            max_raw_chars=1_000_000,
        )
    )


def test_a_100000_word_line_is_refused_at_once(pipeline: Pipeline) -> None:
    line = " ".join(f"word{i % 97}" for i in range(100_000))
    started = time.perf_counter()
    [result] = list(pipeline.code_articles([article(line, "runon")]))
    assert isinstance(result, IngestError) and result.reason == "too_large"
    assert time.perf_counter() - started < 5


def test_a_20_mb_table_is_refused_before_cleaning(pipeline: Pipeline) -> None:
    row = " | ".join(f"{n:>8}" for n in range(10)) + "\n"
    table = row * (20_000_000 // len(row))
    started = time.perf_counter()
    results = list(pipeline.code_articles([article(table, "table"), article(GOOD, "ok")]))
    assert time.perf_counter() - started < 5
    assert isinstance(results[0], IngestError) and results[0].reason == "too_large"
    assert "max_raw_chars" in results[0].detail and results[0].stage == "read"
    assert isinstance(results[1], CodedDocument) and results[1].events, "the batch goes on"


def test_a_run_on_line_is_split_into_bounded_sentences(limited: Pipeline) -> None:
    line = " ".join("the minister said that Russia attacked the town" for _ in range(60))
    [result] = list(limited.code_articles([article(LEAD + line, "long")]))
    assert isinstance(result, CodedDocument)
    assert max(len(s.text.split()) for s in result.sentences) <= 50
    assert result.events


def test_50000_one_word_sentences_are_cut_with_a_recorded_limit(limited: Pipeline) -> None:
    words = ("And.", "So.", "But.", "Then.", "The.", "Yes.")  # English by function words
    text = LEAD + " ".join(words[i % len(words)] for i in range(50_000))
    started = time.perf_counter()
    [result] = list(limited.code_articles([article(text, "many")]))
    assert time.perf_counter() - started < 10
    assert isinstance(result, CodedDocument) and result.events, "the kept part is coded"
    [error] = limit_errors(result)
    assert error.reason == "max_sentences" and error.record == "many"
    assert "first 100 of 50001 sentences" in error.detail


def test_the_parse_time_budget_cuts_a_long_document_between_chunks(limited: Pipeline) -> None:
    paragraph = "Iraqi police arrested three men in Basra on Tuesday after a bomb exploded.\n"
    text = LEAD + paragraph * 90  # about 7,000 characters: chunks of up to 3,000
    [result] = list(limited.code_articles([article(text, "slow")]))
    assert isinstance(result, CodedDocument)
    [error] = limit_errors(result)
    assert error.reason == "max_parse_seconds"
    assert result.events and max(e.trigger.end for e in result.events) <= 3_000 + len(LEAD)


def test_limits_are_config_with_defaults() -> None:
    config = PipelineConfig()
    assert not config.prefilter, "off by default: docs/PERFORMANCE.md says why"
    assert config.max_sentences > 0 and config.max_parse_seconds > 0
    assert pickle.loads(pickle.dumps(config)) == config
