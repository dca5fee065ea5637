"""The one write endpoint: code articles and add them to the store.

Only on a server started with a write token (403 otherwise); the token is compared
in constant time. Coding and writing run one request at a time (:class:`Writer`).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request

from eventwire.api.db import Writer
from eventwire.api.models import AddedOut, ArticlesIn, ErrorOut
from eventwire.records import RawArticle

router = APIRouter(prefix="/api")


def _check_token(request: Request, authorization: str | None) -> Writer:
    writer: Writer | None = request.app.state.writer
    token: str | None = request.app.state.write_token
    if writer is None or token is None:
        raise HTTPException(403, "this server is read-only (start it with --write-token)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise HTTPException(
            401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )
    return writer


@router.post(
    "/documents",
    response_model=AddedOut,
    responses={
        401: {"description": "missing or wrong token"},
        403: {"description": "read-only server"},
        413: {"description": "body over 1 MiB"},
    },
)
def add_documents(
    request: Request,
    body: ArticlesIn,
    authorization: Annotated[str | None, Header()] = None,
) -> AddedOut:
    """Code the articles with the pipeline and store them (documents already stored
    are skipped); aggregates are rebuilt before the answer."""
    writer = _check_token(request, authorization)
    articles = [
        RawArticle(
            id=None,
            text=a.text,
            origin=f"api:{n}",
            url=a.url,
            outlet=a.outlet,
            title=a.title,
            published=a.published,
        )
        for n, a in enumerate(body.articles)
    ]
    result = writer.add(articles)
    return AddedOut(
        added_documents=result.added_documents,
        added_events=result.added_events,
        skipped_documents=result.skipped_documents,
        errors=len(result.errors),
        error_details=[
            ErrorOut(source=e.source, reason=e.reason, detail=e.detail) for e in result.errors
        ],
    )
