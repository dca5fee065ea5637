"""Ingest: read articles from files or stdin, and clean scraped text.

``read_inputs`` yields :class:`~eventwire.records.RawArticle` or
:class:`~eventwire.records.IngestError` and never raises for bad input;
:class:`~eventwire.ingest.clean.TextCleaner` turns an article into a
:class:`~eventwire.records.Document`.
"""

from eventwire.ingest.clean import TextCleaner
from eventwire.ingest.language import guess_language, is_english
from eventwire.ingest.readers import READERS, ReadOptions, read_inputs, read_path, read_stdin

__all__ = [
    "READERS",
    "ReadOptions",
    "TextCleaner",
    "guess_language",
    "is_english",
    "read_inputs",
    "read_path",
    "read_stdin",
]
