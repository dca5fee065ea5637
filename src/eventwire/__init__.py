"""eventwire: political event data (CAMEO, PLOVER) from news, with provenance.

The public API is small: :func:`code_text` for one article, :class:`Pipeline` for
batches. Heavy modules (spaCy) load lazily so ``import eventwire`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.records import Event


@lru_cache(maxsize=2)
def default_pipeline(model: str = "en_core_web_sm") -> Pipeline:
    """The pipeline behind :func:`code_text`, built once per process and model."""
    from eventwire.pipeline import Pipeline, PipelineConfig

    return Pipeline(PipelineConfig(model=model))


def code_text(
    text: str,
    *,
    date: dt.date | str | None = None,
    url: str | None = None,
    doc_id: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Code one article: ``code_text(text, date="2017-12-23", url=...)`` -> events.

    Pass ``pipeline`` to choose the model or stages; by default one shared
    :class:`~eventwire.pipeline.Pipeline` per process is built on first use.
    """
    published = dt.date.fromisoformat(date) if isinstance(date, str) else date
    runner = pipeline or default_pipeline()
    coded = runner.code_text(
        text, date=published, url=url, doc_id=doc_id, outlet=outlet, title=title
    )
    return list(coded.events)


__all__ = ["__version__", "code_text", "default_pipeline"]
