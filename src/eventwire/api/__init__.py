"""The HTTP API and dashboard server (an edge: nothing in the core imports it).

``create_app(store_path)`` builds the FastAPI app; ``eventwire serve`` runs it with
uvicorn. The contract is docs/API.md.
"""

from __future__ import annotations

from eventwire.api.app import create_app

__all__ = ["create_app"]
