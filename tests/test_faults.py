"""Collector faults, each in a real collection: the faulty source beside a healthy one.

Every fault checks the same contract: the faulty source fails with one plain line naming the
reason; the same reason is in its stored state and `consecutive_failures` counts up; the healthy
source's documents are stored (and its feed answers 304 afterwards, storing nothing new); what
the faulty source stored before it broke is still there; and once fixed it stores nothing twice.

All servers are local (127.0.0.1): pytest-httpserver for what HTTP can say, a raw socket server
for what it cannot (a body cut short, a reset, a server that never answers).
"""

from __future__ import annotations

import gzip
import re
import socket
import struct
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from monitor import jobs
from monitor.collect import http
from monitor.config import parse_config
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store
from tests.conftest import COMPANIES, FIXTURES, SHARED

UA = "monitor-tests/0.1 (tests@example.org)"
HEALTHY_FEED = (FIXTURES / "feeds/techcrunch_3_items.rss.xml").read_bytes()
LATIN1_FEED = SHARED / "fixtures/feeds/jornal_de_noticias_latin1.rss.xml"
ARTICLE_PT = (FIXTURES / "faults/article_pt.html").read_text(encoding="utf-8")
LATIN1_TITLE = "Mãe de utente é a nova presidente da Raríssimas"
MAX_BYTES = 100_000  # the healthy feed is 40 kB


def rss(items: list[tuple[str, str]], pad_to: int = 0, title: str = "Flaky wire") -> bytes:
    """A small RSS 2.0 feed of (title, link) items, padded with a comment to `pad_to` bytes."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{t}: the full story.</description>"
        f"<pubDate>Mon, 06 Jan 2025 10:0{i}:00 GMT</pubDate></item>"
        for i, (t, link) in enumerate(items)
    )
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{title}</title>'
    tail = "</channel></rss>\n"
    doc = (head + body + tail).encode("utf-8")
    if pad_to:
        filler = pad_to - len(doc) - len("<!--  -->")
        assert filler >= 0
        doc = doc.replace(b"</channel>", b"<!-- " + b"x" * filler + b" --></channel>")
        assert len(doc) == pad_to
    return doc


GOOD_FEED = rss(
    [("Oracle prices $18 billion bond sale", "https://flaky.example.org/oracle-bonds"),
     ("Meta lines up $29 billion for data centers", "https://flaky.example.org/meta-capex")],
    pad_to=5000,
)


# -- servers -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def http_server():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)  # threaded: a slow handler blocks nobody
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def site(http_server):
    """The local server with a healthy feed at /healthy.xml (ETag, then 304) and no robots.txt;
    `site.hits[path]` lists the arrival time of every request to a path served with `serve`."""
    http_server.clear()
    http_server.hits = defaultdict(list)

    def healthy(request):
        if request.headers.get("If-None-Match") == '"h1"':
            return Response(status=304)
        return Response(HEALTHY_FEED, content_type="application/rss+xml; charset=utf-8", headers={"ETag": '"h1"'})

    serve(http_server, "/healthy.xml", healthy)
    http_server.expect_request("/robots.txt").respond_with_data("", status=404)
    yield http_server
    http_server.clear()


def serve(server: HTTPServer, path: str, handler: Callable) -> None:
    def counted(request):
        server.hits[path].append(time.monotonic())
        return handler(request)

    server.expect_request(path).respond_with_handler(counted)


def url(server: HTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


class RawServer:
    """A bare TCP server for faults an HTTP server cannot produce. Each connection runs
    `handler(conn, n)` in its own thread (n counts requests from 1), after the request head."""

    def __init__(self, handler: Callable[[socket.socket, int], None]):
        self.handler = handler
        self.requests: list[float] = []
        self.stopping = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str = "/feed.xml") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            self.requests.append(time.monotonic())
            try:
                self.handler(conn, len(self.requests))
            except OSError:
                pass

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def raw_server():
    servers: list[RawServer] = []

    def start(handler: Callable[[socket.socket, int], None]) -> RawServer:
        servers.append(RawServer(handler))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def head(length: int, content_type: str = "application/rss+xml") -> bytes:
    return (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


def send_full(conn: socket.socket, body: bytes = GOOD_FEED) -> None:
    conn.sendall(head(len(body)) + body)


def send_partial(conn: socket.socket, body: bytes = GOOD_FEED, sent: int = 1200, reset: bool = False) -> None:
    """Headers announcing the whole body, part of the body, then a close (FIN) or a reset (RST)."""
    conn.sendall(head(len(body)) + body[:sent])
    time.sleep(0.05)  # let the client read what was sent before the connection goes
    if reset:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


# -- a real collection ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def companies() -> CompanyIndex:
    return CompanyIndex(parse_config({"companies": COMPANIES}).companies)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "m.db") as s:
        yield s


def make_config(sources: list[dict], **http):
    settings = {"user_agent": UA, "retries": 1, "backoff": 0.01, "timeout": 3, "requests_per_second": 200,
                "max_bytes": MAX_BYTES}
    settings.update(http)
    for s in sources:
        s.setdefault("type", "rss")
        s.setdefault("fetch_articles", False)
    return parse_config({"http": settings, "sources": sources, "companies": COMPANIES})


def collect(config, store: Store, companies: CompanyIndex) -> dict[str, jobs.SourceReport]:
    return {r.name: r for r in jobs.collect(config, store, companies)}


def count(store: Store, source: str) -> int:
    return store.db.execute("SELECT COUNT(*) FROM documents WHERE source = ?", [source]).fetchone()[0]


def titles(store: Store, source: str) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT title FROM documents WHERE source = ?", [source])}


def assert_one_line(reason: str | None, pattern: str) -> None:
    assert reason, "no reason given"
    assert "\n" not in reason and "\r" not in reason and "Traceback" not in reason, reason
    assert len(reason) < 300, reason
    assert re.search(pattern, reason), f"{reason!r} does not match {pattern!r}"


class Flaky:
    """Serves the good feed until `broken` is set, then the fault."""

    def __init__(self, fault: Callable):
        self.fault = fault
        self.broken = False

    def __call__(self, *args):
        if self.broken:
            return self.fault(*args)
        if args and isinstance(args[0], socket.socket):
            return send_full(args[0])
        return Response(GOOD_FEED, content_type="application/rss+xml")


def run_fault(config, store, companies, flaky: Flaky, pattern: str, requests: Callable[[], int] | None = None,
              per_run: int | None = None) -> str:
    """Run 1 healthy, runs 2-3 broken, run 4 fixed; returns the reason line of the fault."""
    first = collect(config, store, companies)
    assert first["healthy"].status == "ok" and first["healthy"].new == 3
    assert first["flaky"].status == "ok" and first["flaky"].new == 2, first["flaky"]
    before = {"healthy": count(store, "healthy"), "flaky": count(store, "flaky")}
    assert before == {"healthy": 3, "flaky": 2}

    flaky.broken = True
    reason = ""
    for failures in (1, 2):
        seen = requests() if requests else 0
        reports = collect(config, store, companies)
        bad, good = reports["flaky"], reports["healthy"]
        assert bad.status == "failed" and not bad.ok and bad.new == 0
        assert_one_line(bad.error, pattern)
        reason = bad.error or ""
        state = store.source_state("flaky")
        assert state is not None and state["consecutive_failures"] == failures
        assert_one_line(state["last_error"], pattern)
        assert reason in state["last_error"]
        # The healthy source is unaffected: 304, nothing new, nothing lost.
        assert good.status == "not modified" and good.new == 0 and good.error is None
        assert store.source_state("healthy")["consecutive_failures"] == 0
        assert {"healthy": count(store, "healthy"), "flaky": count(store, "flaky")} == before
        if requests and per_run is not None:
            assert requests() - seen == per_run, f"{requests() - seen} requests, expected {per_run}"

    flaky.broken = False
    fixed = collect(config, store, companies)["flaky"]
    assert fixed.status == "ok" and fixed.new == 0 and fixed.updated == 0  # nothing stored twice
    assert count(store, "flaky") == 2
    state = store.source_state("flaky")
    assert state["consecutive_failures"] == 0 and not state["last_error"]
    return reason


def two_sources(site, flaky_url: str, **http):
    return make_config(
        [{"name": "healthy", "url": url(site, "/healthy.xml")}, {"name": "flaky", "url": flaky_url}], **http
    )


# -- body faults (the server answers 200 with something that is not a usable feed) ----------


def _redirect_to(path: str):
    return lambda request: Response("", status=302, headers={"Location": path})


def _big_stream(request):
    """10 MB without a Content-Length: only the streamed byte count can stop it."""
    chunk = b"<!-- " + b"x" * 65_000 + b" -->"
    return Response((chunk for _ in range(160)), content_type="application/rss+xml")


BODY_FAULTS = {
    "malformed XML": (
        lambda r: Response(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Flaky</title>\n<<item>><title</title>>>',
                           content_type="application/rss+xml"),
        r"^malformed XML: .+ at line \d+, column \d+$",
    ),
    "truncated XML": (
        lambda r: Response(GOOD_FEED[: GOOD_FEED.index(b"<item>") + 3], content_type="application/rss+xml"),
        r"^malformed XML: ",
    ),
    "HTML page": (
        lambda r: Response(
            b'<!DOCTYPE html><html><head><title>Flaky wire</title><link rel="alternate" type="application/rss+xml" '
            b'href="/rss/all.xml"></head><body><h1>Welcome</h1><p>Our news.</p></body></html>',
            content_type="text/html; charset=utf-8",
        ),
        r"^not a feed: the body is an HTML page \(it links to a feed: http://127\.0\.0\.1:\d+/rss/all\.xml\)$",
    ),
    "empty body": (lambda r: Response(b"", content_type="application/rss+xml"), r"^not a feed: empty body$"),
    "binary body": (
        lambda r: Response(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, content_type="image/png"),
        r"^not a feed: binary body \(a PNG image\)$",
    ),
    "plain text": (
        lambda r: Response(b"Service temporarily moved, see our homepage.", content_type="text/plain"),
        r"^not a feed: plain text, not XML or JSON",
    ),
    "JSON that is not a feed": (
        lambda r: Response(b'{"error": "feed disabled"}', content_type="application/json"),
        r"^not a feed: JSON that is neither a JSON Feed nor a list of items$",
    ),
    "10 MB feed with Content-Length": (
        lambda r: Response(b"<rss>" + b" " * 10_000_000 + b"</rss>", content_type="application/rss+xml"),
        rf"^response larger than {MAX_BYTES} bytes \(Content-Length 10000011; http\.max_bytes\)$",
    ),
    "10 MB feed streamed": (_big_stream, rf"^response larger than {MAX_BYTES} bytes \(http\.max_bytes\)$"),
    "gzip bomb": (
        lambda r: Response(gzip.compress(b"<rss>" + b" " * 10_000_000), content_type="application/rss+xml",
                           headers={"Content-Encoding": "gzip"}),
        rf"^response larger than {MAX_BYTES} bytes once decompressed \(gzip\)",
    ),
    "redirect loop": (
        _redirect_to("/flaky-moved.xml"),
        r"^redirect loop \(2 redirects, back to http://127\.0\.0\.1:\d+/flaky\.xml\)$",
    ),
    "redirect to a 404": (
        _redirect_to("/flaky-gone.xml"),
        r"^HTTP 404 Not Found \(at http://127\.0\.0\.1:\d+/flaky-gone\.xml\)$",
    ),
    "redirect without Location": (
        lambda r: Response("", status=301),
        r"^HTTP 301 redirect without a Location header$",
    ),
}


@pytest.mark.parametrize("fault", list(BODY_FAULTS))
def test_a_broken_feed_fails_alone_and_keeps_what_it_stored(fault, site, store, companies):
    respond, pattern = BODY_FAULTS[fault]
    flaky = Flaky(respond)
    serve(site, "/flaky.xml", flaky)
    serve(site, "/flaky-moved.xml", lambda r: Response("", status=301, headers={"Location": "/flaky.xml"}))
    serve(site, "/flaky-gone.xml", lambda r: Response("gone", status=404))
    run_fault(two_sources(site, url(site, "/flaky.xml")), store, companies, flaky, pattern)


# -- HTTP status faults --------------------------------------------------------------------


@pytest.mark.parametrize(
    "status,pattern,retries,per_run",
    [
        (404, r"^HTTP 404 Not Found$", 2, 1),  # not retried
        (410, r"^HTTP 410 Gone$", 2, 1),
        (403, r"^HTTP 403 Forbidden$", 2, 1),
        (500, r"^HTTP 500 Internal Server Error, after 3 attempts$", 2, 3),  # retried `retries` times
        (503, r"^HTTP 503 Service Unavailable, after 2 attempts$", 1, 2),
    ],
)
def test_http_errors(status, pattern, retries, per_run, site, store, companies):
    flaky = Flaky(lambda r: Response("<html><body>error page</body></html>", status=status, content_type="text/html"))
    serve(site, "/flaky.xml", flaky)
    config = two_sources(site, url(site, "/flaky.xml"), retries=retries)
    run_fault(config, store, companies, flaky, pattern, requests=lambda: len(site.hits["/flaky.xml"]), per_run=per_run)


def test_a_huge_error_page_still_reports_its_status(site, store, companies):
    """The body of an error is not read, so a 10 MB 404 page is a 404, not a size error."""
    flaky = Flaky(lambda r: Response(b"x" * 10_000_000, status=404, content_type="text/html"))
    serve(site, "/flaky.xml", flaky)
    run_fault(two_sources(site, url(site, "/flaky.xml")), store, companies, flaky, r"^HTTP 404 Not Found$")


def test_429_waits_retry_after_then_succeeds(site, store, companies):
    def limited(request):
        if len(site.hits["/flaky.xml"]) % 2 == 1:  # every first try of a run
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(GOOD_FEED, content_type="application/rss+xml")

    serve(site, "/flaky.xml", limited)
    config = two_sources(site, url(site, "/flaky.xml"), retries=2)
    start = time.monotonic()
    reports = collect(config, store, companies)
    elapsed = time.monotonic() - start
    assert reports["flaky"].status == "ok" and reports["flaky"].new == 2
    assert reports["healthy"].status == "ok" and reports["healthy"].new == 3
    arrivals = site.hits["/flaky.xml"]
    assert len(arrivals) == 2
    assert 0.9 <= arrivals[1] - arrivals[0] < 2.5, arrivals[1] - arrivals[0]
    assert elapsed < 4
    assert store.source_state("flaky")["consecutive_failures"] == 0


def test_429_asking_for_a_long_wait_fails_now(site, store, companies):
    flaky = Flaky(lambda r: Response("slow down", status=429, headers={"Retry-After": "3600"}))
    serve(site, "/flaky.xml", flaky)
    config = two_sources(site, url(site, "/flaky.xml"), retries=2)
    start = time.monotonic()
    run_fault(config, store, companies, flaky, r"^HTTP 429 Too Many Requests \(the server asks to retry after 3600 s\)$",
              requests=lambda: len(site.hits["/flaky.xml"]), per_run=1)
    assert time.monotonic() - start < 5


# -- timeouts ------------------------------------------------------------------------------


def test_read_timeout(site, store, companies):
    def slow(request):
        time.sleep(1.2)
        return Response(GOOD_FEED, content_type="application/rss+xml")

    flaky = Flaky(slow)
    serve(site, "/flaky.xml", flaky)
    config = two_sources(site, url(site, "/flaky.xml"), timeout=0.5, retries=1)
    start = time.monotonic()
    run_fault(config, store, companies, flaky, r"^timed out after 0\.5 s waiting for a response, after 2 attempts$",
              requests=lambda: len(site.hits["/flaky.xml"]), per_run=2)
    assert time.monotonic() - start < 8


def test_a_server_that_never_answers_times_out(raw_server, site, store, companies):
    def silent(conn, n):
        raw.stopping.wait(10)  # accept, read the request, say nothing

    flaky = Flaky(silent)
    raw = raw_server(flaky)
    config = two_sources(site, raw.url(), timeout=0.5, retries=1)
    run_fault(config, store, companies, flaky, r"^timed out after 0\.5 s waiting for a response, after 2 attempts$",
              requests=lambda: len(raw.requests), per_run=2)


def test_a_body_that_stalls_times_out_mid_body(raw_server, site, store, companies):
    def stall(conn, n):
        conn.sendall(head(len(GOOD_FEED)) + GOOD_FEED[:1200])
        raw.stopping.wait(5)

    flaky = Flaky(stall)
    raw = raw_server(flaky)
    config = two_sources(site, raw.url(), timeout=0.5, retries=0)
    run_fault(config, store, companies, flaky, rf"^timed out after 0\.5 s mid-body \(got 1200 of {len(GOOD_FEED)} bytes\)$",
              requests=lambda: len(raw.requests), per_run=1)


def test_a_body_trickling_forever_hits_the_response_deadline(raw_server, site, store, companies, monkeypatch):
    """A byte every 0.1 s never trips a 0.5 s read timeout; the whole-response deadline stops it."""
    monkeypatch.setattr(http, "RESPONSE_DEADLINE_FACTOR", 2.0)  # 2 x 0.5 s

    def trickle(conn, n):
        conn.sendall(head(len(GOOD_FEED)) + GOOD_FEED[:100])
        for i in range(100, len(GOOD_FEED)):
            if raw.stopping.wait(0.1):
                return
            conn.sendall(GOOD_FEED[i : i + 1])

    flaky = Flaky(trickle)
    raw = raw_server(flaky)
    config = two_sources(site, raw.url(), timeout=0.5, retries=1)
    start = time.monotonic()
    run_fault(config, store, companies, flaky, rf"^timed out after 1 s in all, mid-body \(got \d+ of {len(GOOD_FEED)} bytes\)$",
              requests=lambda: len(raw.requests), per_run=1)  # not retried: a slow server stays slow
    assert time.monotonic() - start < 6


# -- connections cut short -----------------------------------------------------------------


@pytest.mark.parametrize("reset", [False, True], ids=["closed", "reset"])
def test_connection_cut_mid_body_is_retried_then_fails(reset, raw_server, site, store, companies):
    flaky = Flaky(lambda conn, n: send_partial(conn, reset=reset))
    raw = raw_server(flaky)
    config = two_sources(site, raw.url(), retries=2)
    how = "reset" if reset else "closed"
    pattern = rf"^connection {how} mid-body \(got \d+ of {len(GOOD_FEED)} bytes\), after 3 attempts$"
    if not reset:  # a clean close: every byte sent was read
        pattern = pattern.replace(r"\d+", "1200")
    run_fault(config, store, companies, flaky, pattern, requests=lambda: len(raw.requests), per_run=3)


def test_connection_cut_mid_body_then_a_full_retry_succeeds(raw_server, site, store, companies):
    raw = raw_server(lambda conn, n: send_partial(conn) if n == 1 else send_full(conn))
    config = two_sources(site, raw.url(), retries=2)
    reports = collect(config, store, companies)
    assert reports["flaky"].status == "ok" and reports["flaky"].new == 2
    assert reports["healthy"].status == "ok" and reports["healthy"].new == 3
    assert len(raw.requests) == 2
    assert store.source_state("flaky")["consecutive_failures"] == 0


# -- size limit boundary -------------------------------------------------------------------


def test_a_body_at_the_limit_passes_one_byte_over_fails(site, store, companies):
    state = {"size": MAX_BYTES}
    links = [("Oracle prices $18 billion bond sale", "https://flaky.example.org/oracle-bonds"),
             ("Meta lines up $29 billion for data centers", "https://flaky.example.org/meta-capex")]
    serve(site, "/flaky.xml", lambda r: Response(rss(links, pad_to=state["size"]), content_type="application/rss+xml"))
    config = two_sources(site, url(site, "/flaky.xml"))
    reports = collect(config, store, companies)
    assert reports["flaky"].status == "ok" and reports["flaky"].new == 2
    state["size"] = MAX_BYTES + 1
    reports = collect(config, store, companies)
    assert_one_line(reports["flaky"].error, rf"^response larger than {MAX_BYTES} bytes")
    assert count(store, "flaky") == 2 and count(store, "healthy") == 3


# -- charsets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type,declaration",
    [
        ("application/rss+xml; charset=utf-8", b'encoding="ISO-8859-1"'),  # header wrong, XML right
        ("application/rss+xml; charset=us-ascii", b'encoding="ISO-8859-1"'),
        ("application/rss+xml; charset=utf-8", b'encoding="UTF-8"'),  # both wrong
        ("text/xml", b'encoding="us-ascii"'),
    ],
)
def test_a_wrong_declared_charset_still_decodes(content_type, declaration, site, store, companies):
    body = LATIN1_FEED.read_bytes().replace(b'encoding="ISO-8859-1"', declaration)
    serve(site, "/pt.xml", lambda r: Response(body, content_type=content_type))
    config = make_config([{"name": "healthy", "url": url(site, "/healthy.xml")}, {"name": "pt", "url": url(site, "/pt.xml")}])
    reports = collect(config, store, companies)
    assert reports["pt"].status == "ok" and reports["pt"].entries == 40
    stored = titles(store, "pt")
    assert LATIN1_TITLE in stored
    assert not any("Ã" in t or "\ufffd" in t for t in stored if t)
    n = count(store, "pt")
    again = collect(config, store, companies)
    assert again["pt"].new == 0 and again["pt"].updated == 0 and count(store, "pt") == n
    assert again["healthy"].status == "not modified"


@pytest.mark.parametrize(
    "encoding,content_type",
    [
        ("latin-1", "text/html; charset=utf-8"),  # Latin-1 bytes, declared UTF-8 (header and <meta>)
        ("latin-1", "text/html; charset=us-ascii"),
        ("utf-8", "text/html; charset=iso-8859-1"),  # UTF-8 bytes, declared Latin-1
    ],
)
def test_an_article_page_with_a_wrong_charset_decodes(encoding, content_type, site, store, companies):
    page = ARTICLE_PT.encode(encoding)
    serve(site, "/artigo", lambda r: Response(page, content_type=content_type))
    feed = rss([("Operadora anuncia investimento", url(site, "/artigo"))])
    serve(site, "/pt.xml", lambda r: Response(feed, content_type="application/rss+xml"))
    config = make_config([{"name": "healthy", "url": url(site, "/healthy.xml")},
                          {"name": "pt", "url": url(site, "/pt.xml"), "fetch_articles": True}])
    reports = collect(config, store, companies)
    assert reports["pt"].status == "ok" and reports["pt"].new == 1 and not reports["pt"].warnings
    text = store.db.execute("SELECT text FROM documents WHERE source = 'pt'").fetchone()[0]
    assert "transição energética" in text and "elétrica" in text
    assert "Ã" not in text and "\ufffd" not in text


def test_an_article_page_over_the_limit_keeps_the_summary(site, store, companies):
    serve(site, "/huge-article", lambda r: Response(b"<html><body>" + b"<p>x</p>" * 1_500_000 + b"</body></html>",
                                                     content_type="text/html"))
    serve(site, "/small-article", lambda r: Response(ARTICLE_PT.encode(), content_type="text/html; charset=utf-8"))
    feed = rss([("Huge page ahead", url(site, "/huge-article")), ("A normal page", url(site, "/small-article"))])
    serve(site, "/pages.xml", lambda r: Response(feed, content_type="application/rss+xml"))
    config = make_config([{"name": "healthy", "url": url(site, "/healthy.xml")},
                          {"name": "pages", "url": url(site, "/pages.xml"), "fetch_articles": True}])
    report = collect(config, store, companies)["pages"]
    assert report.status == "ok" and report.new == 2
    assert len(report.warnings) == 1
    assert_one_line(report.warnings[0], rf"^article http://127\.0\.0\.1:\d+/huge-article: response larger than {MAX_BYTES} bytes")
    texts = dict(store.db.execute("SELECT title, text FROM documents WHERE source = 'pages'").fetchall())
    assert texts["Huge page ahead"].startswith("Huge page ahead")  # the feed's summary, kept
    assert "transição energética" in next(t for k, t in texts.items() if k != "Huge page ahead")


def test_article_page_faults_are_warnings_and_keep_the_summary(site, store, companies):
    """A feed whose entries link to broken pages: the source is ok, each entry keeps its summary."""
    serve(site, "/a404", lambda r: Response("not here", status=404))
    serve(site, "/aempty", lambda r: Response(b"", content_type="text/html"))
    serve(site, "/abinary", lambda r: Response(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)), content_type="text/html"))
    serve(site, "/aloop", lambda r: Response("", status=302, headers={"Location": "/aloop"}))
    feed = rss([("Missing page", url(site, "/a404")), ("Empty page", url(site, "/aempty")),
                ("Binary page", url(site, "/abinary")), ("Looping page", url(site, "/aloop"))])
    serve(site, "/pages.xml", lambda r: Response(feed, content_type="application/rss+xml"))
    config = make_config([{"name": "healthy", "url": url(site, "/healthy.xml")},
                          {"name": "pages", "url": url(site, "/pages.xml"), "fetch_articles": True}])
    report = collect(config, store, companies)["pages"]
    assert report.status == "ok" and report.new == 4
    warnings = {re.search(r"/(a\w+):", w).group(1): w for w in report.warnings}
    for w in warnings.values():
        assert_one_line(w, r"^article http://127\.0\.0\.1:\d+/a\w+: ")
    assert set(warnings) <= {"a404", "aempty", "abinary", "aloop"}
    assert_one_line(warnings["a404"], r"^article http://127\.0\.0\.1:\d+/a404: HTTP 404 Not Found$")
    assert_one_line(warnings["aloop"], r"^article http://127\.0\.0\.1:\d+/aloop: redirect loop \(1 redirect, back to ")
    texts = dict(store.db.execute("SELECT title, text FROM documents WHERE source = 'pages'").fetchall())
    assert all(texts[t].startswith(t) for t in ("Missing page", "Empty page", "Binary page", "Looping page"))
    again = collect(config, store, companies)["pages"]
    assert again.new == 0 and again.updated == 0 and count(store, "pages") == 4


# -- broken entries ------------------------------------------------------------------------


BROKEN_ENTRIES = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Mixed</title>
<item><title>Oracle sells $18 billion of bonds</title><link>https://mixed.example.org/oracle</link>
  <description>Oracle priced senior notes.</description><pubDate>Wed, 24 Sep 2025 14:05:00 GMT</pubDate></item>
<item><title>No link, but a guid</title><guid isPermaLink="false">mixed-guid-1</guid><description>A story without a link.</description></item>
<item><guid>not-a-url-42</guid><title>A guid that is not a URL</title></item>
<item><description>Only a description: Amazon raises capex guidance.</description></item>
<item></item>
<item><title></title><link></link><description></description></item>
<item><title>Unparseable date</title><link>https://mixed.example.org/bad-date</link><pubDate>not a date at all</pubDate></item>
<item><title>Impossible date</title><link>https://mixed.example.org/feb-31</link><pubDate>Mon, 31 Feb 2025 10:00:00 GMT</pubDate></item>
<item><title>Year 3000</title><link>https://mixed.example.org/y3000</link><pubDate>Wed, 01 Jan 3000 10:00:00 GMT</pubDate></item>
<item><title>Relative link</title><link>/news/relative</link></item>
<item><title>Oracle sells $18 billion of bonds</title><link>https://mixed.example.org/oracle</link>
  <description>Oracle priced senior notes.</description></item>
</channel></rss>
"""


def test_broken_entries_are_skipped_and_the_good_ones_stored(site, store, companies):
    serve(site, "/mixed.xml", lambda r: Response(BROKEN_ENTRIES, content_type="application/rss+xml"))
    config = make_config([{"name": "healthy", "url": url(site, "/healthy.xml")}, {"name": "mixed", "url": url(site, "/mixed.xml")}])
    report = collect(config, store, companies)["mixed"]
    assert report.status == "ok" and report.error is None
    rows = {r[0]: r[1:] for r in store.db.execute("SELECT title, url, published, text FROM documents WHERE source = 'mixed'")}
    assert set(rows) == {
        "Oracle sells $18 billion of bonds", "No link, but a guid", "A guid that is not a URL", None,
        "Unparseable date", "Impossible date", "Year 3000", "Relative link",
    }
    assert rows["Oracle sells $18 billion of bonds"][1] == "2025-09-24T14:05:00+00:00"
    assert rows["No link, but a guid"][0] is None
    assert rows["A guid that is not a URL"][0] is None  # not a made-up link on the feed's host
    assert rows[None][2] == "Only a description: Amazon raises capex guidance."
    for title in ("Unparseable date", "Impossible date", "Year 3000"):
        assert rows[title][1] is None  # the bad date is dropped, not the entry
    assert rows["Relative link"][0] == url(site, "/news/relative")
    assert count(store, "healthy") == 3
    again = collect(config, store, companies)["mixed"]
    assert again.status == "ok" and again.new == 0 and again.updated == 0 and count(store, "mixed") == 8


def test_a_feed_with_a_small_xml_error_keeps_its_entries(site, store, companies):
    """A bare `&` is the commonest XML error in real feeds: the lenient parser recovers the items."""
    body = rss([("AT&T sells $5 billion of notes", "https://flaky.example.org/att"),
                ("Verizon capex plan", "https://flaky.example.org/vz")])
    assert b"AT&T" in body  # not escaped: not well-formed XML
    serve(site, "/amp.xml", lambda r: Response(body, content_type="application/rss+xml"))
    config = make_config([{"name": "healthy", "url": url(site, "/healthy.xml")}, {"name": "amp", "url": url(site, "/amp.xml")}])
    report = collect(config, store, companies)["amp"]
    assert report.status == "ok" and report.new == 2


# -- a bug in one source's parser must not sink the run -------------------------------------

def test_an_unexpected_parser_crash_fails_only_its_source(site, store, companies, monkeypatch):
    real = jobs.parse_feed

    def parse_feed(content, url=""):
        if "/flaky.xml" in url and flaky.broken:
            raise RuntimeError("parser exploded\nwith a second line")
        return real(content, url)

    monkeypatch.setattr(jobs, "parse_feed", parse_feed)
    flaky = Flaky(lambda r: Response(GOOD_FEED, content_type="application/rss+xml"))
    serve(site, "/flaky.xml", flaky)
    run_fault(two_sources(site, url(site, "/flaky.xml")), store, companies, flaky, r"RuntimeError: parser exploded")


def test_an_unexpected_article_crash_keeps_the_entry(site, store, companies, monkeypatch):
    from monitor.collect import news

    real = news.extract_article

    def extract_article(html, url=None):
        if url and url.endswith("/boom"):
            raise RuntimeError("extractor exploded")
        return real(html, url)

    monkeypatch.setattr(news, "extract_article", extract_article)
    serve(site, "/boom", lambda r: Response(ARTICLE_PT.encode(), content_type="text/html; charset=utf-8"))
    serve(site, "/fine", lambda r: Response(ARTICLE_PT.replace("2 mil", "3 mil").encode(), content_type="text/html; charset=utf-8"))
    feed = rss([("Crashing page", url(site, "/boom")), ("Fine page", url(site, "/fine"))])
    serve(site, "/pages.xml", lambda r: Response(feed, content_type="application/rss+xml"))
    config = make_config([{"name": "healthy", "url": url(site, "/healthy.xml")},
                          {"name": "pages", "url": url(site, "/pages.xml"), "fetch_articles": True}])
    reports = collect(config, store, companies)
    assert reports["pages"].status == "ok" and reports["pages"].new == 2
    assert any("extractor exploded" in w for w in reports["pages"].warnings)
    assert count(store, "healthy") == 3


# -- rate limits ---------------------------------------------------------------------------


def _arrivals_for(site, store, companies, paths: list[str], **http) -> list[float]:
    for p in paths:
        site.hits.pop(p, None)
    config = make_config([{"name": p.strip("/"), "url": url(site, p)} for p in paths], **http)
    reports = collect(config, store, companies)
    assert all(r.status == "ok" for r in reports.values())
    arrivals = sorted(t for p in paths for t in site.hits[p])
    assert len(arrivals) == len(paths)
    return arrivals


def test_requests_to_one_host_are_spaced_and_a_host_rate_overrides(site, tmp_path, companies):
    paths = [f"/r{i}.xml" for i in range(6)]
    for i, p in enumerate(paths):
        body = rss([(f"Rate item {i}", f"https://rate.example.org/{i}")])
        serve(site, p, lambda r, body=body: Response(body, content_type="application/rss+xml"))

    with Store(tmp_path / "a.db") as store:
        arrivals = _arrivals_for(site, store, companies, paths, requests_per_second=5, concurrency=4)
    # The first request can reach the server's handler late (a new connection, a busy CI
    # machine), which squeezes the first gap: spacing is judged from the second arrival on.
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    assert min(gaps[1:]) >= 0.12, gaps  # 0.2 s apart, less scheduling jitter
    assert arrivals[-1] - arrivals[1] >= 0.7, gaps  # four intervals of 0.2 s

    with Store(tmp_path / "b.db") as store:
        arrivals = _arrivals_for(site, store, companies, paths, requests_per_second=5, concurrency=4,
                                 host_requests_per_second={"127.0.0.1": 20})
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    assert min(gaps) >= 0.025, gaps  # 0.05 s apart
    assert arrivals[-1] - arrivals[0] < 0.6, gaps


# -- the CLI -------------------------------------------------------------------------------


def test_cli_collect_prints_one_line_per_failed_source(site, write_config, run_cli, db_path):
    serve(site, "/gone.xml", lambda r: Response("", status=410))
    config = write_config({
        "http": {"user_agent": UA, "retries": 0, "timeout": 3, "requests_per_second": 200},
        "sources": [{"name": "healthy", "url": url(site, "/healthy.xml"), "fetch_articles": False},
                    {"name": "gone", "url": url(site, "/gone.xml")}],
    })
    for _ in (1, 2):
        result = run_cli("collect", config=config)
        assert result.exit_code == 0, result.output
        failed = [line for line in result.output.splitlines() if "gone" in line]
        assert len(failed) == 1 and "HTTP 410 Gone" in failed[0], result.output
        assert "Traceback" not in result.output
    with Store(db_path) as store:
        assert count(store, "healthy") == 3
        state = store.source_state("gone")
        assert state["consecutive_failures"] == 2 and "HTTP 410 Gone" in state["last_error"]
