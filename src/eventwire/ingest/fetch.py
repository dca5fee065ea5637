"""Polite HTTP fetching (httpx): timeouts, retries with backoff, a per-host delay,
robots.txt, a clear User-Agent, and a size cap.

A :class:`Fetcher` holds the connection pool, when each host was last asked, and
each host's robots.txt, so build one per run and reuse it. ``fetch`` never raises
for network trouble: it returns a :class:`Fetched` page or an
:class:`~eventwire.records.IngestError` naming the URL. Transient failures
(timeouts, connection errors, 429 and 5xx) are retried; other 4xx are not.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from eventwire import __version__
from eventwire.ingest.errors import ingest_error
from eventwire.records import IngestError

USER_AGENT = f"eventwire/{__version__} (political event coding from news; python-httpx)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """How to behave on the network; the defaults are polite for news sites."""

    user_agent: str = USER_AGENT
    timeout_s: float = 10.0
    retries: int = 2
    backoff_s: float = 1.0
    host_delay_s: float = 1.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page as the server sent it (after redirects)."""

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    charset: str | None


@dataclass
class Fetcher:
    """Fetches URLs one at a time, waiting ``host_delay_s`` between calls to one host.

    ``sleep`` and ``clock`` are injectable so tests can run without waiting."""

    config: FetchConfig = field(default_factory=FetchConfig)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _last_call: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict, init=False, repr=False)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> Fetched | IngestError:
        """The page at ``url`` or the reason it could not be had."""
        try:
            parts = urlsplit(url)
        except ValueError as exc:  # e.g. an unclosed IPv6 bracket: "http://[::1"
            return ingest_error(url, "bad_url", f"not a valid URL: {exc}")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return ingest_error(url, "bad_url", "only http(s) URLs can be fetched")
        if self.config.respect_robots and not self._allowed(url):
            return ingest_error(url, "robots_disallowed", "robots.txt disallows this URL")
        attempt = 0
        while True:
            result = self._fetch_once(url)
            transient = isinstance(result, _Transient)
            if not transient or attempt >= self.config.retries:
                return result.error if isinstance(result, _Transient) else result
            self.sleep(self.config.backoff_s * 2**attempt)
            attempt += 1

    def _fetch_once(self, url: str) -> Fetched | IngestError | _Transient:
        self._wait_for_host(url)
        try:
            with self._http().stream("GET", url) as response:
                if response.status_code in _RETRY_STATUS:
                    detail = f"HTTP {response.status_code}"
                    return _Transient(ingest_error(url, "http_error", detail))
                if response.status_code >= 400:
                    return ingest_error(url, "http_error", f"HTTP {response.status_code}")
                content = bytearray()
                for chunk in response.iter_bytes():
                    content.extend(chunk)
                    if len(content) > self.config.max_bytes:
                        detail = f"more than {self.config.max_bytes} bytes"
                        return ingest_error(url, "too_large", detail)
                return Fetched(
                    url=url,
                    final_url=str(response.url),
                    status=response.status_code,
                    content=bytes(content),
                    content_type=response.headers.get("content-type", ""),
                    charset=response.charset_encoding,
                )
        except httpx.TooManyRedirects:
            detail = f"more than {self.config.max_redirects} redirects (a loop?)"
            return ingest_error(url, "redirect_loop", detail)
        except httpx.TimeoutException as exc:
            detail = f"no answer within {self.config.timeout_s} s ({type(exc).__name__})"
            return _Transient(ingest_error(url, "timeout", detail))
        except httpx.TransportError as exc:
            return _Transient(ingest_error(url, "network_error", f"{type(exc).__name__}: {exc}"))
        except httpx.HTTPError as exc:
            return ingest_error(url, "http_error", f"{type(exc).__name__}: {exc}")
        finally:
            self._last_call[_host_key(url)] = self.clock()

    def _wait_for_host(self, url: str) -> None:
        last = self._last_call.get(_host_key(url))
        if last is not None:
            wait = self.config.host_delay_s - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)

    def _allowed(self, url: str) -> bool:
        """robots.txt says yes, or there is none; an unreachable one allows."""
        key = _host_key(url)
        if key not in self._robots:
            self._robots[key] = self._load_robots(key)
        robots = self._robots[key]
        return robots is None or robots.can_fetch(self.config.user_agent, url)

    def _load_robots(self, host_key: str) -> RobotFileParser | None:
        robots_url = f"{host_key}/robots.txt"
        self._wait_for_host(robots_url)
        try:
            response = self._http().get(robots_url)
        except httpx.HTTPError:
            return None
        finally:
            self._last_call[host_key] = self.clock()
        if response.status_code >= 400:
            return None
        parser = RobotFileParser(robots_url)
        parser.parse(response.text.splitlines())
        return parser

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.config.user_agent},
                timeout=self.config.timeout_s,
                follow_redirects=True,
                max_redirects=self.config.max_redirects,
            )
        return self._client


@dataclass(frozen=True, slots=True)
class _Transient:
    """A failure worth retrying, with the error to report if retries run out."""

    error: IngestError


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
