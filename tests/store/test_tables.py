"""Quotes, counts, document tone and the actors/locations views, from real coding."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import CodedDocument, IngestError, RawArticle
from eventwire.store import open_store
from eventwire.store.rows import count_from_row, quote_from_row

QUOTED = (
    '"We will not retreat," the Ukrainian defence minister said on Monday, '
    "after some 4,000 Russian troops crossed the border."
)
ATTACK = "Russia attacked Ukraine on Monday."


def _article(doc_id: str, text: str) -> RawArticle:
    return RawArticle(
        id=doc_id,
        text=text,
        origin=doc_id,
        url=f"https://example.org/{doc_id}",
        outlet=f"Outlet {doc_id}",
        published=dt.date(2022, 2, 28),
    )


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> list[CodedDocument]:
    """Two articles: a quotation and a count, and the same attack in both."""
    articles = [_article("q", f"{QUOTED} {ATTACK}"), _article("r", f"{ATTACK} Kyiv was calm.")]
    results = list(pipeline.code_articles(articles))
    assert all(isinstance(r, CodedDocument) for r in results)
    return [r for r in results if isinstance(r, CodedDocument)]


def test_quotes_and_counts_round_trip(tmp_path: Path, coded: list[CodedDocument]):
    quoted = coded[0]
    assert quoted.quotes and quoted.counts  # the coder found what the store must keep
    with open_store(tmp_path / "s.duckdb") as store:
        added = store.add(coded)
        quotes = list(store.rows("SELECT * FROM quotes ORDER BY doc_id, quote_index"))
        counts = list(store.rows("SELECT * FROM counts ORDER BY doc_id, count_index"))
    assert (added.quotes, added.counts) == (len(quotes), len(counts))
    assert [quote_from_row(r) for r in quotes if r["doc_id"] == "q"] == list(quoted.quotes)
    assert [count_from_row(r) for r in counts if r["doc_id"] == "q"] == list(quoted.counts)
    quote = quotes[0]
    assert (quote["text"], quote["verb_text"], quote["direct"]) == (
        "We will not retreat",
        "said",
        True,
    )
    assert quote["speaker_text"] == "the Ukrainian defence minister"
    assert quote["speaker_country"] == "UKR"
    count = counts[0]
    assert (count["text"], count["number"], count["approximate"]) == ("some 4,000", 4000.0, True)
    assert QUOTED[count["span_start"] : count["span_end"]] == "some 4,000"


def test_tone_is_stored_and_averaged(tmp_path: Path, coded: list[CodedDocument]):
    tones = {c.document.id: c.tone for c in coded}
    assert all(t is not None for t in tones.values())
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(coded)
        store.aggregate()
        docs = store.sql("SELECT doc_id, tone, avg_tone FROM documents").to_pylist()
        attack = store.sql(
            "SELECT num_articles, avg_tone FROM aggregated_events "
            "WHERE source_code = 'RUS' AND target_code = 'UKR'"
        ).to_pylist()
        mention_tones = store.sql("SELECT DISTINCT doc_id, doc_tone FROM mentions").to_pylist()
    for row in docs:
        tone = tones[row["doc_id"]]
        assert tone is not None
        assert (row["tone"], row["avg_tone"]) == (tone.document, tone.avg_tone)
    assert len(attack) == 1 and attack[0]["num_articles"] == 2
    expected = sum(t.avg_tone for t in tones.values() if t) / 2
    assert attack[0]["avg_tone"] == pytest.approx(expected)
    assert {r["doc_id"]: r["doc_tone"] for r in mention_tones} == {
        doc_id: t.avg_tone for doc_id, t in tones.items() if t
    }


def test_actors_view(tmp_path: Path, coded: list[CodedDocument]):
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(coded)
        actors = store.sql(
            "SELECT code, country, sum(events_as_source) AS as_source, "
            "sum(events_as_target) AS as_target, min(first_date)::VARCHAR AS first, "
            "max(last_date)::VARCHAR AS last FROM actors GROUP BY code, country ORDER BY code"
        ).to_pylist()
    assert {"code": "RUS", "country": "RUS", "as_source": 2, "as_target": 0,
            "first": "2022-02-28", "last": "2022-02-28"} in actors  # fmt: skip
    assert {"code": "UKR", "country": "UKR", "as_source": 0, "as_target": 2,
            "first": "2022-02-28", "last": "2022-02-28"} in actors  # fmt: skip


def test_locations_view(tmp_path: Path, coded_sample: list[CodedDocument | IngestError]):
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(coded_sample)
        located = store.sql(
            "SELECT count(*) AS n FROM events WHERE location_name IS NOT NULL"
        ).to_pylist()[0]["n"]
        places = store.sql(
            'SELECT name, country, "precision", fips, num_events FROM locations'
        ).to_pylist()
    assert located > 0 and places
    assert sum(p["num_events"] for p in places) == located
    assert all(p["name"] and p["num_events"] >= 1 for p in places)


def test_readding_adds_nothing(tmp_path: Path, coded: list[CodedDocument]):
    tables = ("documents", "events", "quotes", "counts", "actors", "locations")
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(coded)
        before = {t: store.sql(f"SELECT count(*) AS n FROM {t}").to_pylist() for t in tables}
        again = store.add(coded)
        after = {t: store.sql(f"SELECT count(*) AS n FROM {t}").to_pylist() for t in tables}
        counts = store.counts()
    assert (again.documents, again.events, again.quotes, again.counts) == (0, 0, 0, 0)
    assert after == before
    assert (counts.quotes, counts.counts) == (before["quotes"][0]["n"], before["counts"][0]["n"])
