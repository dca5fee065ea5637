"""The read endpoints against a real server over a store coded from test articles."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventwire.store import open_store


def _all_event_ids(store: Path) -> set[str]:
    with open_store(store, read_only=True) as s:
        return {row[0] for row in s.con.execute("SELECT event_id FROM events").fetchall()}


def _events(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()["events"]
    return events


def test_health_counts_the_store(client: httpx.Client, api_store: Path) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["read_only"] is True
    assert body["documents"] == 5
    assert body["events"] == len(_all_event_ids(api_store)) > 10


def test_events_have_every_contract_field(client: httpx.Client) -> None:
    fields = [
        "event_id",
        "doc_id",
        "date",
        "date_first",
        "date_precision",
        "source_code",
        "source_name",
        "source_country",
        "target_code",
        "target_name",
        "target_country",
        "reported_by_code",
        "cameo",
        "cameo_name",
        "cameo_root",
        "quad_class",
        "goldstein",
        "plover_type",
        "plover_mode",
        "modality",
        "confidence",
        "location_name",
        "location_country",
        "location_lat",
        "location_lon",
        "sentence_text",
        "trigger_text",
        "url",
        "outlet",
        "title",
        "published",
    ]
    events = _events(client, limit=1000)
    assert events and all(set(fields) <= set(e) for e in events)
    kyiv = [e for e in events if e["doc_id"] == "api-kyiv-strikes"]
    assert kyiv[0]["title"] == "Strikes near Kyiv" and kyiv[0]["outlet"] == "Example Wire"
    dates = [e["date_first"] for e in events]
    assert dates == sorted(dates, reverse=True)  # date, newest first by default


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"country": "ukr"}, lambda e: "UKR" in (e["source_country"], e["target_country"])),
        ({"actor": "RUS"}, lambda e: "RUS" in (e["source_country"], e["target_country"])),
        ({"source": "USA"}, lambda e: e["source_country"] == "USA"),
        ({"target": "RUSGOV"}, lambda e: e["target_code"] == "RUSGOV"),
        ({"root": "4"}, lambda e: e["cameo_root"] == "04"),
        ({"cameo": "03"}, lambda e: e["cameo"].startswith("03")),
        ({"quad": 4}, lambda e: e["quad_class"] == 4),
        ({"plover": "consult"}, lambda e: e["plover_type"] == "CONSULT"),
        ({"start": "2021-03", "end": "2021-03-31"}, lambda e: e["date"].startswith("2021-03")),
        ({"start": "2022"}, lambda e: e["date_first"] >= "2022-01-01"),
        ({"q": "SANCTIONS"}, lambda e: "sanctions" in e["sentence_text"].lower()),
        ({"min_confidence": 0.6}, lambda e: e["confidence"] >= 0.6),
        (
            {"bbox": "20,40,45,60"},  # Moscow, Kyiv, Ukraine; not Paris or Beirut
            lambda e: (
                e["location_lon"] is not None
                and 20 <= e["location_lon"] <= 45
                and 40 <= e["location_lat"] <= 60
            ),
        ),
    ],
)
def test_event_filters_select_only_matching_events(
    client: httpx.Client, params: dict[str, Any], check: Any
) -> None:
    everything = _events(client, limit=1000)
    selected = _events(client, limit=1000, **params)
    assert selected, f"no event for {params}"
    assert len(selected) < len(everything)
    assert all(check(e) for e in selected)
    expected = {e["event_id"] for e in everything if check(e)}
    assert {e["event_id"] for e in selected} == expected


@pytest.mark.parametrize(
    ("sort", "order"),
    [("date", "desc"), ("date", "asc"), ("confidence", "desc"), ("goldstein", "asc")],
)
def test_pages_walk_every_event_once(
    client: httpx.Client, api_store: Path, sort: str, order: str
) -> None:
    seen: list[str] = []
    keys: list[Any] = []
    cursor = None
    for _ in range(100):
        params: dict[str, Any] = {"limit": 2, "sort": sort, "order": order}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/events", params=params).json()
        seen += [e["event_id"] for e in body["events"]]
        keys += [e["date_first" if sort == "date" else sort] for e in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen))
    assert set(seen) == _all_event_ids(api_store)
    present = [k for k in keys if k is not None]
    assert present == sorted(present, reverse=order == "desc")


def test_filtered_pages_keep_the_filter(client: httpx.Client) -> None:
    first = client.get("/api/events", params={"actor": "RUS", "limit": 1}).json()
    second = client.get(
        "/api/events", params={"actor": "RUS", "limit": 1000, "cursor": first["next_cursor"]}
    ).json()
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert {e["event_id"] for e in _events(client, actor="RUS", limit=1000)} == set(ids)
    assert second["next_cursor"] is None


def test_csv_has_a_header_and_one_row_per_event(client: httpx.Client) -> None:
    response = client.get("/api/events", params={"format": "csv", "limit": 3})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 3 and rows[0]["event_id"] and "sentence_text" in rows[0]
    assert response.headers["x-next-cursor"]
    # the cursor from the CSV header continues the same listing
    json_ids = [e["event_id"] for e in _events(client, limit=6)]
    following = client.get(
        "/api/events", params={"limit": 3, "cursor": response.headers["x-next-cursor"]}
    ).json()
    assert [r["event_id"] for r in rows] + [e["event_id"] for e in following["events"]] == (
        json_ids
    )


def test_csv_cells_cannot_become_formulas(client: httpx.Client) -> None:
    text = client.get("/api/events", params={"format": "csv", "limit": 1000}).text
    for row in csv.reader(io.StringIO(text)):
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)


def test_one_event_has_every_column_its_document_and_mentions(client: httpx.Client) -> None:
    first = _events(client, q="met Chinese")[0]
    body = client.get(f"/api/events/{first['event_id']}").json()
    assert body["event_id"] == first["event_id"]
    assert body["trigger_start"] < body["trigger_end"] and body["pattern"]
    assert body["document"] == {
        "doc_id": "api-moscow-talks",
        "title": "Leaders meet in Moscow",
        "url": "https://news.example/moscow-talks",
        "outlet": "Example Wire",
        "published": "2021-03-10",
    }
    assert isinstance(body["aggregate_id"], int)
    assert isinstance(body["mentions"], list)
    assert client.get("/api/events/nope").status_code == 404


def test_document_spans_point_into_the_text(client: httpx.Client) -> None:
    body = client.get("/api/documents/api-kyiv-strikes").json()
    text = body["text"]
    assert body["title"] == "Strikes near Kyiv" and body["events"]
    for event in body["events"]:
        spans = event["spans"]
        start, end = spans["trigger"]
        sentence_start, sentence_end = spans["sentence"]
        assert sentence_start <= start < end <= sentence_end
        source = spans["source"]
        assert source and text[source[0] : source[1]]
    sanction = next(e for e in body["events"] if e["cameo"] == "163")
    s, e = sanction["spans"]["trigger"]
    assert text[s:e] == "sanctions"  # "imposed sanctions": the light verb yields to its noun
    assert isinstance(body["quotes"], list) and isinstance(body["counts"], list)
    assert client.get("/api/documents/missing-doc").status_code == 404


def test_locations_count_events_per_place_and_quad(client: httpx.Client) -> None:
    points = client.get("/api/locations").json()["locations"]
    located = [e for e in _events(client, limit=1000) if e["location_lat"] is not None]
    assert sum(p["events"] for p in points) == len(located)
    assert all(sum(p["by_quad"].values()) == p["events"] for p in points)
    moscow = client.get("/api/locations", params={"quad": 1, "actor": "RUS"}).json()
    assert [p["name"] for p in moscow["locations"]] == ["Moscow"]
    assert all(p["by_quad"]["1"] == p["events"] for p in moscow["locations"])


def test_series_for_a_dyad_by_month(client: httpx.Client) -> None:
    body = client.get("/api/series", params={"actor": "rus", "other": "UKR", "by": "month"}).json()
    assert body["actor"] == "RUS" and body["other"] == "UKR" and body["by"] == "month"
    assert body["points"] and all(p["period"].startswith("2022-04") for p in body["points"])
    assert {p["quad_class"] for p in body["points"]} == {3, 4}  # accused, shelled
    assert client.get("/api/series", params={"actor": "RUS", "by": "year"}).status_code == 422
    assert client.get("/api/series").status_code == 422


def test_actors_search_by_code_prefix_and_name(client: httpx.Client) -> None:
    everyone = client.get("/api/actors").json()["actors"]
    counts = [a["num_events"] for a in everyone]
    assert counts == sorted(counts, reverse=True)
    assert len({a["code"] for a in everyone}) == len(everyone)
    russia = client.get("/api/actors", params={"q": "rus"}).json()["actors"]
    assert {a["code"] for a in russia} >= {"RUS", "RUSGOV", "RUSMIL"}
    by_name = client.get("/api/actors", params={"q": "leban"}).json()["actors"]
    assert {a["code"] for a in by_name} >= {"LBN"}
    assert client.get("/api/actors", params={"limit": 1}).json()["actors"] == everyone[:1]


def test_stats_add_up(client: httpx.Client) -> None:
    body = client.get("/api/stats").json()
    assert body["documents"] == 5
    assert sum(body["by_quad"].values()) == body["events"] == sum(body["by_root"].values())
    assert body["date_min"] <= body["date_max"]
    assert body["aggregated_events"] <= body["events"]
    assert body["top_actors"][0]["events"] >= body["top_actors"][-1]["events"]


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=1001",
        "quad=5",
        "country=RUSSIA",
        "source=RUS%27%20OR%201=1",
        "start=2020-13-01",
        "start=2021-02-30",
        "start=2022&end=2021",
        "bbox=1,2,3",
        "bbox=10,0,5,1",
        "bbox=a,b,c,d",
        "min_confidence=2",
        "sort=random",
        "format=xml",
        "cursor=not-a-cursor",
        "root=abc",
    ],
)
def test_bad_parameters_get_a_clear_422(client: httpx.Client, query: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail


def test_a_cursor_only_continues_its_own_sort(client: httpx.Client) -> None:
    cursor = client.get("/api/events", params={"limit": 1}).json()["next_cursor"]
    response = client.get("/api/events", params={"cursor": cursor, "sort": "confidence"})
    assert response.status_code == 422 and "sort" in response.json()["detail"]


def test_unknown_paths_are_404(client: httpx.Client) -> None:
    assert client.get("/api/nothing").status_code == 404
    assert client.get("/static/missing.js").status_code == 404
    assert client.get("/static/../../pyproject.toml").status_code == 404
