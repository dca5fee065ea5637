"""Shared fixtures: the real pinned spaCy models, loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from eventwire.nlp import SpacyBackend

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def backend() -> SpacyBackend:
    return SpacyBackend("en_core_web_sm")


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = SHARED / "seed" / "presstv-2017-12-23-russia-us-afghanistan.txt"
    if not path.exists():
        pytest.skip("the seed article lives in ../shared (not redistributed)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline (model, dictionaries, coder), built once per session."""
    from eventwire.pipeline import Pipeline

    return Pipeline()
