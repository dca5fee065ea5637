"""atheris harness: one WARC file (any bytes, plain or gzip) through the WARC reader.

The property: ``read_warc_file`` yields only RawArticles and IngestErrors and
never raises. The input is written to a file in memory-backed /dev/shm when
there is one (the reader takes paths). Run through ``fuzz/run.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["eventwire"]):
    from eventwire.ingest.warc import read_warc_file
    from eventwire.records import IngestError, RawArticle

_DIR = Path(tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
_FILE = _DIR / "input.warc"


def test_one_input(data: bytes) -> None:
    _FILE.write_bytes(data)
    for item in read_warc_file(_FILE):
        if not isinstance(item, RawArticle | IngestError):
            raise TypeError(f"unexpected item {item!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
