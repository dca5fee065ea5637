"""Cross-document boilerplate and datelines as publication dates."""

from __future__ import annotations

import datetime as dt

from eventwire.ingest.clean import TextCleaner
from eventwire.ingest.repeated import REPEATED_REASON, BatchCleaner, RepeatedLineLearner
from eventwire.records import RawArticle

FURNITURE = "Harbour Gazette | Your coast, your news"
SENTENCES = (
    "The port authority approved a new ferry terminal on Monday.",
    "Fishermen protested outside the town hall against the new quotas.",
    "The mayor met the fisheries minister to discuss the harbour dredging.",
    "A storm damaged several boats moored in the old harbour overnight.",
)


def _article(number: int, outlet: str, furniture: str) -> RawArticle:
    text = f"{furniture}\n\n{SENTENCES[number]}\n\nOfficials said more talks were planned."
    return RawArticle(id=f"{outlet}-{number}", text=text, origin="t", outlet=outlet)


def test_lines_repeated_by_one_outlet_are_dropped() -> None:
    batch = [_article(n, "Harbour Gazette", FURNITURE) for n in range(4)]
    batch.append(_article(0, "Valley Courier", "Valley Courier | Since 1901"))
    documents = BatchCleaner().clean_batch(batch)
    for document in documents[:4]:
        assert FURNITURE not in document.text
        # the closing sentence recurs verbatim in every article too: furniture
        assert {d.reason for d in document.dropped} == {REPEATED_REASON}
    assert documents[0].text == SENTENCES[0]
    # The other outlet's lines occur once: nothing is dropped as repeated.
    assert REPEATED_REASON not in {d.reason for d in documents[4].dropped}
    assert documents[4].text.endswith("Officials said more talks were planned.")


def test_share_and_minimum_protect_small_batches() -> None:
    batch = [_article(n, "Harbour Gazette", FURNITURE) for n in range(2)]
    learned = RepeatedLineLearner().learn(batch)
    assert learned == {}


def test_outlet_from_url_host() -> None:
    batch = [
        RawArticle(
            id=str(n),
            text=f"Menu Home World\n\n{SENTENCES[n]}",
            origin="t",
            url=f"https://www.gazette.example/story/{n}",
        )
        for n in range(3)
    ]
    learned = RepeatedLineLearner().learn(batch)
    assert "gazette.example" in learned and learned["gazette.example"].matches("Menu Home World")


def test_dateline_gives_the_publication_date() -> None:
    cleaner = TextCleaner()
    line = cleaner.clean(
        RawArticle(id=None, text="Saturday, December 23, 2017\n\nTroops left the town.", origin="t")
    )
    assert line.published == dt.date(2017, 12, 23)
    lead = cleaner.clean(
        RawArticle(id=None, text="KABUL, 23 Dec 2017 (Wire) - Troops left the town.", origin="t")
    )
    assert lead.published == dt.date(2017, 12, 23)
    mention = cleaner.clean(
        RawArticle(id=None, text="On 12 May 2015 troops left the town, officials said.", origin="t")
    )
    assert mention.published is None
