"""quality/corpus_profile.py on the bundled Wikinews sample, with the session pipeline."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from types import ModuleType

from eventwire.ingest.readers import read_inputs
from eventwire.pipeline import Pipeline
from eventwire.records import RawArticle

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "ingest" / "wikinews_sample.jsonl"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "corpus_profile", ROOT / "quality" / "corpus_profile.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_profile_counts_what_the_pipeline_coded(pipeline: Pipeline) -> None:
    articles = [
        a for a in itertools.islice(read_inputs([str(SAMPLE)]), 12) if isinstance(a, RawArticle)
    ]
    coded = list(pipeline.code_articles(articles))
    found = _module().profile(coded, 1.0)
    events = [e for c in coded if hasattr(c, "events") for e in c.events]
    assert found["articles"] == len(articles) and found["events"] == len(events) > 0
    assert sum(found["roots"].values()) == len(events)
    assert found["code_010"] == 0 and found["self_directed"] == 0
    assert 0.0 <= found["statement_01x_share"] <= 1.0
