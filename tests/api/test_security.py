"""Server safety (issue 9): headers on every kind of response, closed CORS, body
limits, read-only by default, no CDN-backed doc pages, hostile text kept as data."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_articles import HOSTILE_TITLE
from api_server import live_server
from starlette.types import Receive, Scope, Send

from eventwire.api.security import CONTENT_SECURITY_POLICY, SecurityHeadersMiddleware

EXPECTED = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def assert_secured(response: httpx.Response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (response.url, name)


@pytest.fixture(scope="module")
def static_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("static")
    (path / "index.html").write_text(
        '<!doctype html><script src="/static/app.js"></script>', encoding="utf-8"
    )
    (path / "app.js").write_text("document.title = 'x';\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dashboard(api_store: Path, static_dir: Path) -> Iterator[httpx.Client]:
    with (
        live_server(api_store, static_dir=static_dir) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def unbuilt(api_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    absent = tmp_path_factory.mktemp("unbuilt") / "static"
    with (
        live_server(api_store, static_dir=absent) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        yield c


def test_every_kind_of_response_carries_the_security_headers(
    client: httpx.Client, dashboard: httpx.Client, unbuilt: httpx.Client
) -> None:
    responses = {
        "json": client.get("/api/health"),
        "csv": client.get("/api/events?format=csv"),
        "openapi": client.get("/openapi.json"),
        "404": client.get("/api/events/nope"),
        "404 route": client.get("/nowhere"),
        "422": client.get("/api/events?limit=0"),
        "405": client.delete("/api/events"),
        "403": client.post("/api/documents", json={"articles": [{"text": "x"}]}),
        "413": client.post("/api/documents", content=b"x" * (2 << 20)),
        "placeholder": unbuilt.get("/"),
        "unbuilt static": unbuilt.get("/static/app.js"),
        "index": dashboard.get("/"),
        "static": dashboard.get("/static/app.js"),
        "static 404": dashboard.get("/static/none.css"),
    }
    expected_status = {"404": 404, "404 route": 404, "422": 422, "405": 405, "403": 403}
    expected_status |= {"413": 413, "static 404": 404, "unbuilt static": 404}
    for name, response in responses.items():
        assert response.status_code == expected_status.get(name, 200), name
        assert_secured(response)
    assert responses["static"].headers["content-type"].startswith(("text/javascript", "appl"))
    assert "make web" in responses["placeholder"].text
    assert "/static/app.js" in responses["index"].text


def test_an_unhandled_error_is_a_json_500_with_the_headers() -> None:
    async def broken(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("secret internals")

    transport = httpx.ASGITransport(app=SecurityHeadersMiddleware(broken))

    async def call() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return await c.get("/")

    import asyncio

    response = asyncio.run(call())
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error"}
    assert "secret" not in response.text
    assert_secured(response)


def test_no_swagger_or_redoc_pages_but_an_openapi_spec(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}"} <= set(
        spec["paths"]
    )
    assert "cdn" not in client.get("/").text.lower()


def test_cors_is_closed_by_default(client: httpx.Client) -> None:
    origin = {"Origin": "https://evil.example"}
    response = client.get("/api/health", headers=origin)
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/documents",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_opens_only_for_the_origins_given(api_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "cors.duckdb"
    copy.write_bytes(api_store.read_bytes())
    with live_server(copy, cors=("https://ok.example",)) as url:
        ok = httpx.get(f"{url}/api/health", headers={"Origin": "https://ok.example"})
        other = httpx.get(f"{url}/api/health", headers={"Origin": "https://evil.example"})
    assert ok.headers["access-control-allow-origin"] == "https://ok.example"
    assert "access-control-allow-origin" not in other.headers
    assert_secured(ok)


def test_oversize_bodies_get_413_declared_or_streamed(client: httpx.Client) -> None:
    declared = client.post("/api/documents", content=b"{" + b" " * (1 << 20) + b"}")
    assert declared.status_code == 413

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b" " * 65536

    streamed = client.post(
        "/api/documents", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    assert "larger than" in streamed.json()["detail"]


def test_the_default_server_is_read_only(client: httpx.Client, api_store: Path) -> None:
    assert client.get("/api/health").json()["read_only"] is True
    body = {"articles": [{"text": "France criticized Italy on Monday."}]}
    refused = client.post(
        "/api/documents", json=body, headers={"Authorization": "Bearer anything-at-all"}
    )
    assert refused.status_code == 403
    # the file is held read-only, so another process can read it meanwhile
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; "
            "print(duckdb.connect(sys.argv[1], read_only=True)"
            ".execute('SELECT count(*) FROM documents').fetchall()[0][0])",
            str(api_store),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == "5"


def test_hostile_article_text_is_served_as_json_data(client: httpx.Client) -> None:
    response = client.get("/api/documents/api-hostile")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    body = response.json()
    assert body["title"] == HOSTILE_TITLE
    assert "<script>" in body["text"]  # kept verbatim: escaping is the page's job


def test_sql_metacharacters_are_only_values(client: httpx.Client) -> None:
    response = client.get("/api/events", params={"q": "'; DROP TABLE events; --"})
    assert response.status_code == 200 and response.json()["events"] == []
    assert client.get("/api/health").json()["events"] > 0
    for wildcard in ("%", "_"):
        found = client.get("/api/events", params={"q": wildcard}).json()["events"]
        assert all(wildcard in e["sentence_text"] for e in found)
    actors = client.get("/api/actors", params={"q": "%' OR '1'='1"}).json()["actors"]
    assert actors == []
