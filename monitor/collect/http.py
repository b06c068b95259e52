"""The one HTTP layer every collector uses: polite, bounded and conditional.

Politeness is not optional here: the SEC blocks clients without a contact address or above 10
requests/second, and news sites throttle aggressive pollers. Conditional GET (ETag /
Last-Modified) makes an unchanged feed cost one round trip and nothing downstream.
"""

from __future__ import annotations

import email.utils
import random
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from monitor.config import HttpSettings

RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 120.0
SEC_HOSTS = ("sec.gov",)


class FetchError(Exception):
    """A fetch that failed for good; the message is one line naming the URL and the reason."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        self.url = url
        self.reason = reason
        self.status = status
        super().__init__(f"{url}: {reason}")


@dataclass
class FetchResult:
    url: str  # final URL after redirects
    status: int
    content: bytes
    headers: dict[str, str]
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        m = re.search(r"charset=[\"']?([\w.:-]+)", self.headers.get("content-type", ""), re.I)
        return m.group(1) if m else None

    @property
    def text(self) -> str:
        return decode(self.content, self.charset)


def decode(content: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOM, then the declared charset, then a <meta> charset, then UTF-8, then
    cp1252; a wrong declared charset falls through rather than producing mojibake or errors."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    candidates = []
    if declared:
        candidates.append(declared)
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", content[:4096], re.I)
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    m = re.search(rb"<\?xml[^>]+encoding=[\"']([\w.:-]+)", content[:200], re.I)
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates += ["utf-8", "cp1252"]
    for enc in candidates:
        try:
            return content.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", errors="replace")


class _RateLimiter:
    """Minimum spacing between requests to one host (or one group of hosts)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, key: str, per_second: float) -> None:
        interval = 1.0 / per_second
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(key, 0.0))
            self._next[key] = slot + interval
        delay = slot - now
        if delay > 0:
            time.sleep(delay)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), MAX_RETRY_AFTER))


def _is_dns_failure(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(
        s in text
        for s in ("name or service not known", "nodename nor servname", "temporary failure in name resolution", "no address associated")
    )


class HttpClient:
    """Thread-safe: one client serves all collectors of a run."""

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep=time.sleep,
    ):
        self.settings = settings or HttpSettings()
        self._sleep = sleep
        self._limiter = _RateLimiter()
        self._client = httpx.Client(
            headers={
                "User-Agent": self.settings.user_agent,
                "Accept-Encoding": "gzip, deflate",
            },
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rate_key(self, url: str) -> tuple[str, float]:
        host = (urlsplit(url).hostname or "").lower()
        if any(host == h or host.endswith("." + h) for h in SEC_HOSTS):
            return "sec.gov", self.settings.sec_requests_per_second
        return host, self.settings.requests_per_second

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        max_redirects: int = 5,
    ) -> FetchResult:
        """GET with retries, backoff, rate limits, a size cap and redirects recorded."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        redirects: list[str] = []
        current = url
        while True:
            result = self._get_once(current, headers)
            if result.status in (301, 302, 303, 307, 308):
                location = result.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {result.status} without a Location header", result.status)
                target = str(httpx.URL(current).join(location))
                if target in redirects or target == current or len(redirects) >= max_redirects:
                    raise FetchError(url, f"redirect loop or too many redirects ({len(redirects) + 1})", result.status)
                redirects.append(target)
                current = target
                continue
            result.redirects = redirects
            if result.status >= 400:
                raise FetchError(url, f"HTTP {result.status}", result.status)
            return result

    def _get_once(self, url: str, headers: dict[str, str]) -> FetchResult:
        key, rate = self._rate_key(url)
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            self._limiter.wait(key, rate)
            delay: float | None = None
            try:
                result = self._stream(url, headers)
            except httpx.TransportError as exc:
                if _is_dns_failure(exc):
                    host = urlsplit(url).hostname or url
                    raise FetchError(url, f"unreachable: cannot resolve host {host}") from None
                if attempt + 1 >= attempts:
                    reason = type(exc).__name__
                    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                    raise FetchError(url, f"unreachable: {reason}{': ' + detail if detail else ''}") from None
            else:
                if result.status not in RETRY_STATUSES or attempt + 1 >= attempts:
                    return result
                delay = _retry_after(result.headers.get("retry-after"))
            if delay is None:
                delay = self.settings.backoff * (2**attempt) * (1 + random.random() * 0.25)
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _stream(self, url: str, headers: dict[str, str]) -> FetchResult:
        limit = self.settings.max_bytes
        with self._client.stream("GET", url, headers=headers) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"response larger than {limit} bytes", response.status_code)
                chunks.append(chunk)
            return FetchResult(
                url=str(response.url),
                status=response.status_code,
                content=b"".join(chunks),
                headers={k.lower(): v for k, v in response.headers.items()},
            )
