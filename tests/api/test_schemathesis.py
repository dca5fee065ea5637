"""Schemathesis against the live server's /openapi.json: generated requests (valid
and invalid) for every operation never get a 5xx. Bounded: a few dozen examples per
operation, well under a minute."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import schemathesis
from api_server import TOKEN, live_server
from hypothesis import HealthCheck, given, settings

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

# ``make test`` replays the same requests every run; HYPOTHESIS_PROFILE=fuzz draws
# new ones, ten times as many (exploration, outside CI).
EXPLORE = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
DERANDOMIZE = not EXPLORE
EXAMPLES_PER_READ = 400 if EXPLORE else 40
EXAMPLES_PER_WRITE = 80 if EXPLORE else 8


def _fuzz(base_url: str, examples: int, methods: set[str], headers: dict[str, str]) -> int:
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json", timeout=30)
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in methods:
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=DERANDOMIZE,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            response = case.call(base_url=base_url, headers=headers, timeout=60)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)

        run()
        checked += 1
    return checked


def test_no_generated_request_gets_a_server_error(base_url: str) -> None:
    assert _fuzz(base_url, EXAMPLES_PER_READ, {"GET", "POST"}, {}) >= 8


def test_no_generated_write_gets_a_server_error(writable_store: Path, pipeline: Pipeline) -> None:
    with live_server(writable_store, token=TOKEN, pipeline=pipeline) as url:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert _fuzz(url, EXAMPLES_PER_WRITE, {"POST"}, auth) == 1
