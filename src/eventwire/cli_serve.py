"""``eventwire serve``: the HTTP API and dashboard over a store, with uvicorn.

Added to the main app by :func:`register`. Read-only unless ``--write-token`` is
given (then ``POST /api/documents`` codes and stores articles).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli_common import EXIT_USAGE, fail

TOKEN_ENV = "EVENTWIRE_WRITE_TOKEN"


def serve(
    store: Annotated[Path, typer.Option("--store", "-s", help="The DuckDB store file.")] = Path(
        "eventwire.duckdb"
    ),
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    write_token: Annotated[
        str | None,
        typer.Option(
            envvar=TOKEN_ENV,
            help="Open the store read-write and accept POST /api/documents with "
            "'Authorization: Bearer TOKEN' (at least 8 characters; also from "
            f"${TOKEN_ENV}, which keeps it out of the process list).",
        ),
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", help="Allow this browser origin (repeatable)."),
    ] = None,
) -> None:
    """Serve the API and the dashboard over a store (read-only by default)."""
    import uvicorn

    from eventwire.api import create_app
    from eventwire.store import StoreError

    try:
        app = create_app(store, write_token=write_token, cors_origins=tuple(cors_origin or ()))
    except (StoreError, ValueError) as exc:
        raise fail(f"error: {exc}", EXIT_USAGE) from None
    shown = f"[{host}]" if ":" in host else host
    mode = "read-write" if write_token else "read-only"
    typer.echo(f"eventwire: serving {store} ({mode}) at http://{shown}:{port}/")
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo("eventwire: warning: listening beyond this machine", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        app.state.close()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


__all__ = ["TOKEN_ENV", "register", "serve"]
