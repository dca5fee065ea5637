"""The core never imports the edges (CLI, store, evaluation): checked in a fresh
interpreter, after coding a sentence end to end."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, sys
from eventwire.pipeline import Pipeline
Pipeline().code_text("Russia attacked Ukraine on Monday.")
print(json.dumps(sorted(m for m in sys.modules if m.startswith("eventwire"))))
"""


def test_core_does_not_import_the_edges() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert "eventwire.events.coder" in loaded
    edges = [
        m
        for m in loaded
        if m.split(".")[1:2]
        in (
            ["cli"],
            ["cli_store"],
            ["cli_ingest"],
            ["cli_run"],
            ["cli_serve"],
            ["cli_check"],
            ["store"],
            ["engine"],
            ["api"],
            ["web"],
        )
    ]
    assert edges == []
    assert "eventwire.evaluate" not in loaded
