"""Run each atheris harness for a bounded time; exit 1 if any found a crash.

    .venv/bin/python fuzz/run.py [--seconds 60] [--only html|warc]

Seed corpora come from tests/data/ingest (the fixture pages, and WARC files built
from them, plain and gzipped) and are written to fuzz/corpus/<name>/ (not
committed), which also keeps what libFuzzer finds interesting between runs. A
crashing input is saved as fuzz/crashes/<name>-crash-*; turn each into a
regression test in tests/fuzz/test_regressions.py.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
PAGES = REPO / "tests" / "data" / "ingest" / "pages"
HARNESSES = {"html": ROOT / "fuzz_html.py", "warc": ROOT / "fuzz_warc.py"}


def _warc(gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for n, page in enumerate(sorted(PAGES.glob("*.html"))):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://seed{n}.example/2020/01/02/a",
                "response",
                payload=io.BytesIO(page.read_bytes()),
                http_headers=headers,
            )
        )
    return out.getvalue()


def seed(name: str) -> Path:
    corpus = ROOT / "corpus" / name
    corpus.mkdir(parents=True, exist_ok=True)
    if name == "html":
        for page in PAGES.glob("*.html"):
            (corpus / page.name).write_bytes(page.read_bytes())
    else:
        (corpus / "pages.warc").write_bytes(_warc(gzipped=False))
        (corpus / "pages.warc.gz").write_bytes(_warc(gzipped=True))
    return corpus


def run(name: str, seconds: int) -> tuple[int, str]:
    crashes = ROOT / "crashes"
    crashes.mkdir(exist_ok=True)
    args = [
        sys.executable,
        str(HARNESSES[name]),
        str(seed(name)),
        f"-max_total_time={seconds}",
        "-rss_limit_mb=3072",
        "-timeout=30",
        "-max_len=65536",
        f"-artifact_prefix={crashes}/{name}-",
    ]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    runs = re.findall(r"#(\d+)\s+DONE", done.stderr) or re.findall(r"#(\d+)\s", done.stderr)
    execs = runs[-1] if runs else "?"
    return done.returncode, f"{name}: {execs} executions in {seconds} s, exit {done.returncode}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="time per harness")
    parser.add_argument("--only", choices=sorted(HARNESSES), help="run one harness")
    options = parser.parse_args()
    failed = False
    for name in [options.only] if options.only else sorted(HARNESSES):
        code, line = run(name, options.seconds)
        print(line, flush=True)
        failed = failed or code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
