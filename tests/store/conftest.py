"""Store fixtures: the bundled Wikinews sample coded once per session, and small
hand-written articles whose events the aggregation tests reason about."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from eventwire.ingest import read_inputs
from eventwire.records import CodedDocument, IngestError

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "wikinews" / "wikinews_sample.jsonl"


@pytest.fixture(scope="session")
def coded_sample(pipeline: Pipeline) -> list[CodedDocument | IngestError]:
    return list(pipeline.code_articles(read_inputs([str(SAMPLE)])))


def _write_paragraph_corpus(path: Path, limit: int) -> int:
    """Every paragraph of the Wikinews sample as its own short article (CC BY 2.5)."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in SAMPLE.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for n, paragraph in enumerate(record["text"].split("\n\n")):
                if len(paragraph) < 80 or count >= limit:
                    continue
                short = {**record, "id": f"{record['id']}-p{n}", "text": paragraph}
                out.write(json.dumps(short) + "\n")
                count += 1
    return count


@pytest.fixture(scope="session")
def paragraph_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """Up to 300 short real articles in one JSON Lines file, and how many."""
    path = tmp_path_factory.mktemp("corpus") / "paragraphs.jsonl"
    return path, _write_paragraph_corpus(path, 300)
