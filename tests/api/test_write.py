"""The write endpoint: token required, articles coded by the real pipeline, reads
consistent while a write is in progress."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from api_articles import NEW_ARTICLES
from api_server import TOKEN, live_server

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def writable(writable_store: Path, pipeline: Pipeline) -> Iterator[httpx.Client]:
    with (
        live_server(writable_store, token=TOKEN, pipeline=pipeline) as url,
        httpx.Client(base_url=url, timeout=120) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def guarded(
    api_store: Path, tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> Iterator[httpx.Client]:
    """One writable server for the requests that must be refused (nothing is written)."""
    copy = tmp_path_factory.mktemp("guarded") / "guarded.duckdb"
    shutil.copyfile(api_store, copy)
    with (
        live_server(copy, token=TOKEN, pipeline=pipeline) as url,
        httpx.Client(base_url=url, timeout=120) as c,
    ):
        yield c


def test_articles_posted_with_the_token_are_coded_and_served(writable: httpx.Client) -> None:
    before = writable.get("/api/health").json()
    assert before["read_only"] is False
    added = writable.post("/api/documents", json={"articles": list(NEW_ARTICLES)}, headers=AUTH)
    assert added.status_code == 200, added.text
    body = added.json()
    assert body["added_documents"] == 2 and body["added_events"] >= 3 and body["errors"] == 0
    after = writable.get("/api/health").json()
    assert after["documents"] == before["documents"] + 2
    assert after["events"] == before["events"] + body["added_events"]
    turkey = writable.get("/api/events", params={"source": "TUR"}).json()["events"]
    assert turkey and turkey[0]["title"] == "Airspace row"
    assert turkey[0]["published"] == "2021-05-03"
    # aggregates were rebuilt: the new event belongs to an aggregated event
    detail = writable.get(f"/api/events/{turkey[0]['event_id']}").json()
    assert detail["aggregate_id"] is not None
    again = writable.post("/api/documents", json={"articles": list(NEW_ARTICLES)}, headers=AUTH)
    assert again.json()["added_documents"] == 0 and again.json()["skipped_documents"] == 2


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token-000"}, {"Authorization": f"Basic {TOKEN}"}],
)
def test_writes_without_the_right_token_get_401(
    guarded: httpx.Client, headers: dict[str, str]
) -> None:
    response = guarded.post("/api/documents", json={"articles": [NEW_ARTICLES[0]]}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert guarded.get("/api/health").json()["documents"] == 5


@pytest.mark.parametrize(
    "body",
    [
        {"articles": []},
        {"articles": [{"text": ""}]},
        {"articles": [{"text": "x", "published": "yesterday"}]},
        {"articles": [{"text": "x", "script": "y"}]},
        {"articles": [{"text": "x"}] * 101},
        {"nothing": 1},
    ],
)
def test_bad_bodies_get_422(guarded: httpx.Client, body: dict[str, Any]) -> None:
    response = guarded.post("/api/documents", json=body, headers=AUTH)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str)


def test_reads_stay_consistent_while_articles_are_written(writable: httpx.Client) -> None:
    """A small version of benchmarks/load_api.py: readers in threads while a writer posts."""
    base = str(writable.base_url)
    failures: list[str] = []
    seen: list[list[int]] = []

    def reader() -> None:
        counts: list[int] = []
        with httpx.Client(base_url=base, timeout=120) as c:
            for n in range(25):
                stats = c.get("/api/stats")
                page = c.get("/api/events", params={"limit": 5, "quad": 1 + n % 4})
                if stats.status_code != 200 or page.status_code != 200:
                    failures.append(f"{stats.status_code} {page.status_code}")
                    continue
                body = stats.json()
                if sum(body["by_quad"].values()) != body["events"]:
                    failures.append(f"by_quad does not add up: {body}")
                counts.append(body["events"])
        seen.append(counts)

    start = writable.get("/api/stats").json()["events"]
    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    added = 0
    for article in NEW_ARTICLES:
        response = writable.post("/api/documents", json={"articles": [article]}, headers=AUTH)
        assert response.status_code == 200
        added += response.json()["added_events"]
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert all(counts == sorted(counts) for counts in seen)  # never decreases
    final = writable.get("/api/stats").json()["events"]
    assert added > 0 and final == start + added
    assert all(start <= count <= final for counts in seen for count in counts)
