"""What every reader yields, and the one way to build its error record."""

from __future__ import annotations

from eventwire.records import IngestError, RawArticle

Item = RawArticle | IngestError


def ingest_error(source: str, reason: str, detail: str, record: str | None = None) -> IngestError:
    """An :class:`IngestError` of the ingest stage; ``source`` says where (file,
    ``file:line``, ``file#record-N`` or URL)."""
    return IngestError(source=source, reason=reason, detail=detail, stage="ingest", record=record)
