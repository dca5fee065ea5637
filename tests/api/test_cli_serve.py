"""``eventwire serve`` (registered on a Typer app as cli.py does): checks its
arguments, prints the URL and serves the store."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import typer
from api_server import free_port
from typer.testing import CliRunner

from eventwire.cli_serve import register

SCRIPT = """
import typer
from eventwire.cli_serve import register
app = typer.Typer()
@app.callback()
def main() -> None:
    pass
register(app)
app()
"""


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        pass

    register(app)
    return app


def test_serve_refuses_a_missing_store_and_a_short_token(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(_app(), ["serve", "--store", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no store" in missing.output
    short = runner.invoke(
        _app(), ["serve", "--store", str(tmp_path / "x.duckdb"), "--write-token", "abc"]
    )
    assert short.exit_code == 2 and "at least 8" in short.output


@pytest.mark.parametrize("token", [None, "serve-test-token"])
def test_serve_prints_the_url_and_answers(writable_store: Path, token: str | None) -> None:
    port = free_port()
    args = [sys.executable, "-c", SCRIPT, "serve", "--store", str(writable_store)]
    args += ["--port", str(port)] + (["--write-token", token] if token else [])
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.communicate()[1]
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert health.json()["read_only"] is (token is None)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
