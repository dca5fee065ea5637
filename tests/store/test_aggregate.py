from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventwire.pipeline import Pipeline
from eventwire.records import RawArticle
from eventwire.store import Store, open_store

CRITICISM = "Russia criticized the United States."


def article(doc_id: str, text: str, day: str, outlet: str) -> RawArticle:
    return RawArticle(
        id=doc_id,
        text=text,
        origin=doc_id,
        url=f"https://example.org/{doc_id}",
        outlet=outlet,
        published=dt.date.fromisoformat(day),
    )


def _store_with(pipeline: Pipeline, path: Path) -> None:
    articles = [
        article("a", CRITICISM, "2020-03-03", "Outlet A"),
        article("b", CRITICISM + "\n\nMore words here.", "2020-03-03", "Outlet B"),
        article("c", CRITICISM, "2020-03-03", "Outlet A"),  # an agency copy of a
        article("d", CRITICISM, "2020-03-05", "Outlet C"),
        article("e", "Russia criticized Ukraine.", "2020-03-03", "Outlet A"),
    ]
    with open_store(path) as store:
        store.add(pipeline.code_articles(articles))


def test_same_day_same_dyad_same_code_is_one_event(pipeline: Pipeline, tmp_path: Path):
    path = tmp_path / "s.duckdb"
    _store_with(pipeline, path)
    with open_store(path) as store:
        assert store.aggregate(window_days=0) == 3
        rows = store.sql(
            "SELECT date_first::VARCHAR AS day, target_code, num_mentions, num_articles, "
            "num_sources, num_stories, cameo_base FROM aggregated_events "
            "ORDER BY day, target_code"
        ).to_pylist()
        links = store.sql(
            "SELECT m.doc_id FROM mentions m JOIN aggregated_events a USING (aggregate_id) "
            "WHERE a.num_mentions = 3 ORDER BY m.doc_id"
        ).to_pylist()
    assert rows == [
        {"day": "2020-03-03", "target_code": "UKR", "num_mentions": 1, "num_articles": 1,
         "num_sources": 1, "num_stories": 1, "cameo_base": "111"},
        {"day": "2020-03-03", "target_code": "USA", "num_mentions": 3, "num_articles": 3,
         "num_sources": 2, "num_stories": 2, "cameo_base": "111"},
        {"day": "2020-03-05", "target_code": "USA", "num_mentions": 1, "num_articles": 1,
         "num_sources": 1, "num_stories": 1, "cameo_base": "111"},
    ]  # fmt: skip
    assert [r["doc_id"] for r in links] == ["a", "b", "c"]


def test_date_window_joins_nearby_days_and_ids_are_stable(pipeline: Pipeline, tmp_path: Path):
    path = tmp_path / "s.duckdb"
    _store_with(pipeline, path)

    def ids(store: Store) -> set[int]:
        return {
            r["aggregate_id"]
            for r in store.sql("SELECT aggregate_id FROM aggregated_events").to_pylist()
        }

    with open_store(path) as store:
        store.aggregate(window_days=0)
        same_day = ids(store)
        assert store.aggregate(window_days=2) == 2
        assert store.window_days == 2
        usa = store.sql(
            "SELECT aggregate_id, num_mentions, num_sources FROM aggregated_events "
            "WHERE target_code = 'USA'"
        ).to_pylist()
        first = ids(store)
        store.aggregate()
        assert ids(store) == first
    assert len(usa) == 1
    assert (usa[0]["num_mentions"], usa[0]["num_sources"]) == (4, 3)
    # the merged group starts on the day of the same-day group: it keeps that id
    assert first < same_day
