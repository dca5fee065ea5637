"""The dashboard page under test, with a log of what it did besides rendering."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page


@dataclass
class PageLog:
    """What the page did besides rendering: requests, dialogs, errors."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def foreign_requests(self, server_url: str) -> list[str]:
        own = urlsplit(server_url).netloc
        return [url for url in self.requests if urlsplit(url).netloc != own]


@dataclass
class Dashboard:
    page: Page
    url: str
    log: PageLog

    def open(self, query: str = "") -> float:
        """Load the dashboard; return the seconds until its first view is complete."""
        started = time.perf_counter()
        self.page.goto(f"{self.url}/{query}")
        self.page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        return time.perf_counter() - started

    def rows(self) -> Any:
        return self.page.locator("#event-table tbody tr")
