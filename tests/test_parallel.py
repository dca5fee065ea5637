"""Worker processes give the results of one process, in input order."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.parallel import ParallelPipeline, WorkerError
from eventwire.pipeline import Pipeline, PipelineConfig
from eventwire.records import CodedDocument, IngestError, RawArticle

STORIES = (
    "Russian troops attacked Ukrainian positions near Kharkiv on Monday.",
    "Iraq condemned Turkey on Tuesday for shelling Kurdish villages.",
    "The Ethiopian prime minister met the Somali president in Addis Ababa.",
    "Kenyan police arrested 12 protesters in Nairobi on Friday.",
    "Uganda sent aid to refugees in South Sudan last week.",
)


def articles() -> list[RawArticle | IngestError]:
    items: list[RawArticle | IngestError] = [
        RawArticle(id=f"a{i}", text=text, origin=f"t:{i}", published=dt.date(2022, 3, 1))
        for i, text in enumerate(STORIES)
    ]
    items.insert(2, IngestError(source="feed.xml", reason="bad_xml"))
    # An exact copy in a later batch: the run's memory is shared by every worker.
    items.append(RawArticle(id="copy", text=STORIES[0], origin="t:copy"))
    return items


@pytest.mark.slow
def test_two_workers_equal_one_process_in_order() -> None:
    config = PipelineConfig(batch_size=2)
    expected = list(Pipeline(config).code_articles(articles()))
    with ParallelPipeline(config, workers=2) as pool:
        got = list(pool.code_articles(articles()))
        assert len(pool.stats) == 2 and all(s.peak_rss_mb > 0 for s in pool.stats.values())
    assert got == expected
    assert isinstance(got[2], IngestError) and got[2].reason == "bad_xml"
    assert isinstance(got[-1], IngestError) and got[-1].is_skip
    assert sum(len(r.events) for r in got if isinstance(r, CodedDocument)) >= 4


def test_a_worker_that_cannot_start_is_an_error_not_a_hang() -> None:
    with pytest.raises(WorkerError, match=r"coder\.magic\.v2"):
        ParallelPipeline(PipelineConfig(coder="coder.magic.v2"), workers=1)


def test_workers_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        ParallelPipeline(PipelineConfig(), workers=0)
