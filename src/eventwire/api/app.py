"""The FastAPI app: the API of docs/API.md and the dashboard's static files.

``create_app`` opens the store (read-only unless a write token is given), so the
app holds the file for its lifetime; ``app.state.close()`` releases it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from eventwire.api import routes_read, routes_write
from eventwire.api.db import ReadPool, ServerBusyError, Writer
from eventwire.api.security import (
    MAX_BODY_BYTES,
    BodySizeLimitMiddleware,
    SecurityHeadersMiddleware,
)
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eventwire</title></head>
<body><h1>eventwire</h1>
<p>The dashboard assets are not built: run <code>make web</code>.
The API answers under <a href="/api/health">/api/</a>
(spec: <a href="/openapi.json">/openapi.json</a>).</p></body></html>
"""


def _default_pipeline() -> Pipeline:
    from eventwire.pipeline import Pipeline

    return Pipeline()


def _validation_message(errors: Sequence[Any]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query",))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 with one readable ``detail`` line (as docs/API.md promises) plus the list."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    listed = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in errors]
    return JSONResponse(
        {"detail": _validation_message(errors), "errors": jsonable_encoder(listed)},
        status_code=422,
    )


async def _on_busy(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "1"})


class _Assets:
    """The dashboard's files; 404 (not 500) while they are not built."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files = StaticFiles(directory=directory, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.directory.is_dir():
            await JSONResponse({"detail": "Not Found"}, status_code=404)(scope, receive, send)
            return
        await self.files(scope, receive, send)


def _index(static_dir: Path) -> Callable[[], Any]:
    def index() -> Any:
        page = static_dir / "index.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html", headers={"Cache-Control": "no-cache"})
        return HTMLResponse(NOT_BUILT)

    return index


def create_app(
    store_path: str | Path,
    *,
    write_token: str | None = None,
    cors_origins: Sequence[str] = (),
    pipeline: Pipeline | None = None,
    static_dir: Path = STATIC_DIR,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The app over the store at ``store_path``.

    Read-only unless ``write_token`` is given; then ``POST /api/documents`` codes
    articles with ``pipeline`` (built on the first write when not given). CORS is
    closed unless ``cors_origins`` lists origins. Raises ``StoreError`` for a
    missing or unusable store.
    """
    if write_token is not None and len(write_token) < 8:
        raise ValueError("the write token must be at least 8 characters")
    store = Store(store_path, read_only=write_token is None)
    app = FastAPI(
        title="eventwire",
        summary="Political events coded from news text, with their evidence.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.pool = ReadPool(store)
    app.state.write_token = write_token
    app.state.writer = (
        Writer(store, (lambda: pipeline) if pipeline else _default_pipeline)
        if write_token is not None
        else None
    )

    def close() -> None:
        app.state.pool.close()
        store.close()

    app.state.close = close
    app.include_router(routes_read.router)
    app.include_router(routes_write.router)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(ServerBusyError, _on_busy)
    app.add_api_route("/", _index(static_dir), include_in_schema=False, response_model=None)
    app.mount("/static", _Assets(static_dir), name="static")
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)  # added last: outermost
    return app
