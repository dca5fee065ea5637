"""Exact and near duplicates: agency copy republished by several outlets."""

from __future__ import annotations

from dataclasses import replace

from eventwire.ingest.dedup import Deduplicator, RunDeduplicator
from eventwire.records import Document, IngestError

STORY = (
    "Government troops and rebel fighters agreed on Sunday to a three-day truce in the "
    "eastern province, allowing aid agencies to deliver food and medicine to towns that "
    "have been cut off for weeks. The agreement was reached after talks in the capital "
    "mediated by regional leaders, a spokesman for the mediators said. Both sides said "
    "they would respect the truce but accused each other of preparing new attacks."
)
OTHER = (
    "The central bank raised its main interest rate by half a percentage point on "
    "Thursday, its third increase this year, as inflation climbed to the highest level "
    "in a decade. Analysts had expected a smaller rise, and the currency gained against "
    "the dollar after the announcement."
)


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text)


def test_exact_near_and_unique() -> None:
    dedup = Deduplicator()
    copy_with_dateline = "NAIROBI (Wire) - " + STORY + " Reporting by the desk."
    verdicts = [
        dedup.check(_doc("a", STORY)),
        dedup.check(_doc("b", STORY.upper().replace(" ", "  "))),
        dedup.check(_doc("c", copy_with_dateline)),
        dedup.check(_doc("d", OTHER)),
    ]
    assert [(v.kind, v.of) for v in verdicts] == [
        ("unique", None),
        ("exact", "a"),
        ("near", "a"),
        ("unique", None),
    ]
    assert verdicts[2].similarity >= dedup.threshold


def test_chain_of_copies_points_at_the_first() -> None:
    dedup = Deduplicator()
    trimmed = STORY.rsplit(" Both sides", 1)[0]
    dedup.check(_doc("first", STORY))
    dedup.check(_doc("second", STORY + " Talks resume next week."))
    third = dedup.check(_doc("third", trimmed + " Talks resume next week."))
    assert (third.kind, third.of) == ("near", "first")


def test_a_run_skips_redelivered_copies_and_names_republished_ones() -> None:
    run = RunDeduplicator()
    error = IngestError(source="f", reason="empty", detail="")
    first = _doc("a", STORY)
    out = [
        run.check(x)
        for x in (first, error, _doc("b", STORY), replace(_doc("c", STORY), outlet="Other"))
    ]
    assert out[0] is first and out[1] is error
    assert isinstance(out[2], IngestError) and out[2].is_skip
    assert (out[2].reason, out[2].stage, out[2].record) == ("duplicate", "dedup", "b")
    assert isinstance(out[3], Document) and out[3].near_duplicate_of == "a"


def test_short_texts_only_match_exactly() -> None:
    dedup = Deduplicator()
    dedup.check(_doc("a", "Troops left."))
    assert dedup.check(_doc("b", "Troops arrived.")).kind == "unique"
