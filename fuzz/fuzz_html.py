"""atheris harness: one HTML page (any bytes) through the HTML reader.

The property: ``article_from_html`` returns a RawArticle or an IngestError and
never raises. Run through ``fuzz/run.py`` (bounded), or by hand:
    .venv/bin/python fuzz/fuzz_html.py CORPUS_DIR -max_total_time=60
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["eventwire"]):
    from eventwire.ingest.html import article_from_html
    from eventwire.records import IngestError, RawArticle


def test_one_input(data: bytes) -> None:
    item = article_from_html(data, "fuzz.html", url="https://fuzz.example/2020/01/02/x")
    if not isinstance(item, RawArticle | IngestError):
        raise TypeError(f"unexpected result {item!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
