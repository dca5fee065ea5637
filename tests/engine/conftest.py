"""Small hand-written corpora for the engine tests (our own sentences)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

ARTICLES = (
    "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, local officials said.",
    "The German chancellor met the French president in Berlin on Monday to discuss energy.",
    "Protesters in Nairobi clashed with Kenyan police over rising food prices.",
    "China accused Japan of provoking tensions near the disputed islands.",
    "The United States imposed new sanctions on Iran over its missile programme.",
    "Turkish troops arrested dozens of suspected militants near the Syrian border.",
    "India and Pakistan agreed to resume talks on water sharing next month.",
    "The Brazilian government condemned the attack on its embassy in Caracas.",
    "Egypt hosted negotiators from Israel and Hamas in Cairo on Sunday.",
    "Nigerian soldiers rescued forty hostages from militants in Borno state.",
)


def _write_corpus(path: Path, bad_line: bool = True) -> Path:
    """The articles as JSON Lines, one invalid line after the fourth when asked."""
    lines = [
        json.dumps(
            {
                "id": f"a{i}",
                "url": f"https://example.org/{i}",
                "source": "Example Wire",
                "date": "2024-03-0" + str(1 + i % 9),
                "text": text,
            }
        )
        for i, text in enumerate(ARTICLES)
    ]
    if bad_line:
        lines.insert(4, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CorpusWriter = Callable[..., Path]


@pytest.fixture
def write_corpus() -> CorpusWriter:
    return _write_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _write_corpus(tmp_path / "corpus.jsonl")
