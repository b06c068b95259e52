"""The one HTTP layer every collector uses: polite, bounded and conditional.

Politeness is not optional here: the SEC blocks clients without a contact address or above 10
requests/second, and news sites throttle aggressive pollers. Conditional GET (ETag /
Last-Modified) makes an unchanged feed cost one round trip and nothing downstream.
"""

from __future__ import annotations

import email.utils
import ipaddress
import random
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from urllib.parse import urlsplit

import httpx

from monitor.config import HttpSettings

RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# A Retry-After longer than this is not waited for: the fetch fails now and says so, rather than
# holding the whole run (the next run tries again).
MAX_RETRY_AFTER = 60.0
# `timeout` bounds each wait for bytes; a whole response may take this many times longer, so a
# server trickling a byte at a time cannot hold a worker for ever.
RESPONSE_DEADLINE_FACTOR = 6.0
SEC_HOSTS = ("sec.gov",)


class FetchError(Exception):
    """A fetch that failed for good; the message is one line naming the URL and the reason."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        self.url = url
        self.reason = " ".join(str(reason).split())  # always one line, whatever the cause
        self.status = status
        super().__init__(f"{url}: {self.reason}")


class _Transient(Exception):
    """A failure worth retrying (network trouble); `reason` is reported if retries run out."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class FetchResult:
    url: str  # final URL after redirects
    status: int
    content: bytes
    headers: dict[str, str]
    redirects: list[str] = field(default_factory=list)
    attempts: int = 1  # requests made for the final URL (1 + retries used)

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


_MAGIC = {
    b"\x1f\x8b": "gzip data",
    b"PK\x03\x04": "a ZIP archive",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"BZh": "bzip2 data",
}
_CONTROL = set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


def binary_kind(content: bytes) -> str | None:
    """What binary data this is ("binary data" when unknown), or None when it looks like text.
    The one rule for every reader: feeds, pages, files and transcripts."""
    for magic, kind in _MAGIC.items():
        if content.startswith(magic):
            return kind
    sample = content[:4096]
    nuls = sample.count(b"\x00")  # a stray NUL is text with a fault (Document drops it); many are binary
    if nuls * 10 > len(sample) or (nuls > 4 and nuls * 100 > len(sample)) or \
            sum(b in _CONTROL for b in sample if b) > len(sample) * 0.05:
        return "binary data"
    return None


# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[\w.:-]*\2""")


def bom(content: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names and the mark's length, or None."""
    return next(((enc, len(mark)) for mark, enc in _BOMS if content.startswith(mark)), None)


def to_utf8(content: bytes) -> bytes:
    """UTF-16 and UTF-32 text (known by its byte-order mark) as UTF-8 without the mark, its XML
    declaration's encoding made to say so: the readers after this (the binary check, feeds,
    JSON, pages) see text, not NUL bytes. Other bytes, and bytes the mark lies about, as they are."""
    found = bom(content)
    if found is None or found[0] == "utf-8":
        return content
    encoding, skip = found
    try:
        text = content[skip:].decode(encoding)
    except UnicodeDecodeError:
        return content
    return _XML_ENCODING.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def utf8_with_errors(content: bytes) -> str | None:
    """The text of UTF-8 bytes with a few broken sequences (each replaced by U+FFFD): at least 20
    good non-ASCII characters per bad one. None when the bytes are not that (another charset)."""
    text = content.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - content.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return text if good >= 20 * bad else None


def decode(content: bytes, declared: str | None = None) -> str:
    """Bytes to text: a byte-order mark (UTF-8, -16 or -32), then the declared charset, then a
    <meta> charset, then UTF-8, then cp1252; a wrong declared charset falls through rather than
    producing mojibake or errors.

    Bytes that are valid UTF-8 and not plain ASCII are read as UTF-8 whatever is declared: text
    in another charset is almost never valid UTF-8 by accident, while servers labelling UTF-8 as
    Latin-1 or ASCII are common (and Latin-1 would decode it without error, as mojibake).

    Not charset-normalizer's guess, though it is installed: it reads a short cp1252 text as
    UTF-16, Portuguese in Latin-1 as cp1250 and UTF-8 with one broken byte as cp932, all
    mojibake (tests/test_collect.py shows it); the order above reads all three right.
    """
    found = bom(content)
    if found is not None:
        return content[found[1]:].decode(found[0], errors="replace")
    wide = declared is not None and declared.lower().replace("-", "").startswith(("utf16", "utf32"))
    if not wide and not content.isascii():
        if _is_utf8(content):
            return content.decode("utf-8")
        text = utf8_with_errors(content)
        if text is not None:  # a few broken bytes in UTF-8 text: not a reason for mojibake
            return text
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
    """Seconds the server asks us to wait (a number or an HTTP date), uncapped; None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _status_reason(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _is_reset(exc: BaseException) -> bool:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, ConnectionResetError) or "reset by peer" in str(cur).lower():
            return True
        cur = cur.__cause__ or cur.__context__
    return False


def _is_dns_failure(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(
        s in text
        for s in ("name or service not known", "nodename nor servname", "temporary failure in name resolution", "no address associated")
    )


Resolver = Callable[[str], list[str]]  # host name -> its IP addresses ([] when it has none)


def system_resolve(host: str) -> list[str]:
    """The host's addresses as the system resolver gives them; [] when it cannot be resolved."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _is_internal(address: str) -> bool:
    """Loopback, private, link-local, reserved, shared (CGNAT), multicast or unspecified."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])  # an IPv6 zone id is not part of it
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


class HttpClient:
    """Thread-safe: one client serves all collectors of a run.

    `resolve` answers host names for the internal-address check (`internal_hop`); tests give
    their own, so that names resolve without a network."""

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep=time.sleep,
        resolve: Resolver = system_resolve,
    ):
        self.settings = settings or HttpSettings()
        self._sleep = sleep
        self._resolve = resolve
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
        for name, rate in self.settings.host_requests_per_second.items():
            if host == name or host.endswith("." + name):
                return name, rate
        return host, self.settings.requests_per_second

    def _internal_address(self, url: str) -> str | None:
        """An internal address the URL's host is or resolves to (the first), or None when every
        address is public. A host that does not resolve has none: its fetch fails on its own."""
        host = (urlsplit(url).hostname or "").rstrip(".")
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            addresses = self._resolve(host) if host else []
        return next((a for a in addresses if _is_internal(a)), None)

    def internal_hop(self, source: str, target: str) -> str | None:
        """Why `target`, reached from `source` (a redirect, or a feed's link), is refused: a public
        address leading to a loopback, private, link-local (169.254.169.254) or reserved one, after
        DNS resolution. None when allowed: a URL the user configured on an internal address stays
        allowed, and so do its redirects and links."""
        inside = self._internal_address(target)
        if inside is None or self._internal_address(source) is not None:
            return None
        return f"{_short(target)} is {inside}"

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        max_redirects: int = 5,
    ) -> FetchResult:
        """GET with retries, backoff, rate limits, a size cap and redirects recorded.

        Returns a 2xx or a 304; anything else raises FetchError with a one-line reason: the
        status ("HTTP 404 Not Found"), the network failure ("timed out after 20 s waiting for a
        response", "connection reset mid-body (got 1200 of 5000 bytes)"), the size cap or the
        redirect problem, plus how many attempts were made and, after a redirect, where.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        redirects: list[str] = []
        visited = {url}
        current = url
        while True:
            try:
                result = self._get_once(url, current, headers)
            except FetchError as exc:
                if current == url:
                    raise
                raise FetchError(url, f"{exc.reason} (at {_short(current)})", exc.status) from None
            if result.status in REDIRECT_STATUSES:
                location = (result.headers.get("location") or "").strip()
                if not location:
                    raise FetchError(url, f"HTTP {result.status} redirect without a Location header", result.status)
                try:
                    target = str(httpx.URL(current).join(location))
                except (httpx.InvalidURL, ValueError):
                    raise FetchError(url, f"redirect to an invalid URL: {_short(location)!r}", result.status) from None
                if urlsplit(target).scheme not in ("http", "https"):
                    raise FetchError(url, f"redirect to a non-HTTP URL: {_short(target)}", result.status)
                if target in visited:
                    n = len(redirects) + 1
                    raise FetchError(url, f"redirect loop ({_plural(n, 'redirect')}, back to {_short(target)})", result.status)
                if len(redirects) >= max_redirects:
                    raise FetchError(url, f"too many redirects (more than {max_redirects})", result.status)
                # A public server must not steer us to a loopback, private or metadata address.
                why = self.internal_hop(current, target)
                if why is not None:
                    raise FetchError(url, f"redirect from a public address to an internal one ({why}); refused",
                                     result.status)
                redirects.append(target)
                visited.add(target)
                current = target
                continue
            result.redirects = redirects
            if result.status >= 300 and not result.not_modified:
                reason = _status_reason(result.status)
                wait = _retry_after(result.headers.get("retry-after")) if result.status in RETRY_STATUSES else None
                if wait is not None and wait > MAX_RETRY_AFTER:
                    reason += f" (the server asks to retry after {wait:.0f} s)"
                if result.attempts > 1:
                    reason += f", after {result.attempts} attempts"
                if redirects:
                    reason += f" (at {_short(current)})"
                raise FetchError(url, reason, result.status)
            return result

    def _get_once(self, origin: str, url: str, headers: dict[str, str]) -> FetchResult:
        """One URL, retried on network trouble and on 429/5xx; FetchError when it cannot be had.

        Errors name `origin` (what the caller asked for), the reason says what went wrong at `url`.
        """
        key, rate = self._rate_key(url)
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            self._limiter.wait(key, rate)
            delay: float | None = None
            try:
                result = self._stream(origin, url, headers)
            except _Transient as exc:
                if attempt + 1 >= attempts:
                    suffix = f", after {attempts} attempts" if attempts > 1 else ""
                    raise FetchError(origin, exc.reason + suffix) from None
            else:
                result.attempts = attempt + 1
                if result.status not in RETRY_STATUSES or attempt + 1 >= attempts:
                    return result
                delay = _retry_after(result.headers.get("retry-after"))
                if delay is not None and delay > MAX_RETRY_AFTER:
                    return result  # not worth holding the run for; get() reports the wait asked
            if delay is None:
                delay = self.settings.backoff * (2**attempt) * (1 + random.random() * 0.25)
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _stream(self, origin: str, url: str, headers: dict[str, str]) -> FetchResult:
        """One request. Raises FetchError for what a retry cannot fix, _Transient otherwise."""
        limit = self.settings.max_bytes
        timeout = _seconds(self.settings.timeout)
        total = self.settings.timeout * RESPONSE_DEADLINE_FACTOR
        deadline = time.monotonic() + total
        response: httpx.Response | None = None
        expected: int | None = None

        def got() -> str:
            n = response.num_bytes_downloaded if response is not None else 0
            return f"got {n} of {expected} bytes" if expected is not None else f"got {n} bytes"

        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                hdrs = {k.lower(): v for k, v in response.headers.items()}
                if status >= 300:
                    # Redirects, 304 and errors (other 3xx too): the body is never used, so it is
                    # not read (and a huge error page cannot hit the size cap and hide the status).
                    return FetchResult(url=str(response.url), status=status, content=b"", headers=hdrs)
                encoding = hdrs.get("content-encoding", "").strip().lower()
                length = hdrs.get("content-length", "").strip()
                expected = int(length) if length.isdigit() else None
                if expected is not None and expected > limit and encoding in ("", "identity"):
                    raise FetchError(
                        origin, f"response larger than {limit} bytes (Content-Length {expected}; http.max_bytes)", status
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    if time.monotonic() > deadline:  # not retried: a slow server stays slow
                        raise FetchError(origin, f"timed out after {_seconds(total)} in all, mid-body ({got()})", status)
                    size += len(chunk)
                    if size > limit:
                        how = "" if encoding in ("", "identity") else f" once decompressed ({encoding})"
                        raise FetchError(origin, f"response larger than {limit} bytes{how} (http.max_bytes)", status)
                    chunks.append(chunk)
                return FetchResult(url=str(response.url), status=status, content=b"".join(chunks), headers=hdrs)
        except FetchError:
            raise
        except httpx.ConnectTimeout:
            raise _Transient(f"timed out connecting after {timeout}") from None
        except httpx.TimeoutException:
            if response is None:
                raise _Transient(f"timed out after {timeout} waiting for a response") from None
            raise _Transient(f"timed out after {timeout} mid-body ({got()})") from None
        except httpx.ConnectError as exc:
            host = urlsplit(url).hostname or url
            if _is_dns_failure(exc):
                raise FetchError(origin, f"unreachable: cannot resolve host {host}") from None
            if "refused" in str(exc).lower():
                raise _Transient(f"unreachable: connection refused by {host}:{urlsplit(url).port or ''}".rstrip(":")) from None
            raise _Transient(f"unreachable: {_first_line(exc)}") from None
        except httpx.DecodingError as exc:
            raise _Transient(f"corrupt compressed body: {_first_line(exc)}") from None
        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError, httpx.CloseError) as exc:
            how = "reset" if _is_reset(exc) else "closed"
            if response is None:
                raise _Transient(f"connection {how} by the server before a response") from None
            raise _Transient(f"connection {how} mid-body ({got()})") from None
        except httpx.UnsupportedProtocol:
            raise FetchError(origin, f"unsupported URL: {_short(url)}") from None
        except httpx.TransportError as exc:
            raise _Transient(f"unreachable: {type(exc).__name__}: {_first_line(exc)}") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            # Anything else httpx can raise fails this fetch alone, never the whole run.
            raise FetchError(origin, f"{type(exc).__name__}: {_first_line(exc)}") from None
