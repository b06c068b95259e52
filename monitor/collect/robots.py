"""robots.txt for article pages, read once per host per run (RFC 9309).

Feeds are published to be polled and EDGAR documents its own access policy, so only the article
pages a feed links to are checked. Following RFC 9309: a robots.txt that is missing (4xx) allows
everything; one that cannot be fetched (5xx, network error) disallows everything for this run.
The rules are read by protego, an RFC 9309 parser: the standard library's RobotFileParser
ignores the `*` and `$` wildcards, so `Disallow: /*.pdf$` allowed /b.pdf.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

from protego import Protego

from monitor.collect.http import FetchError, HttpClient

AGENT = "monitor"


class Robots:
    def __init__(self, client: HttpClient, agent: str = AGENT):
        self.client = client
        self.agent = agent
        self._parsers: dict[str, Protego | bool] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch of robots.txt per host, however many threads ask
            rules = self._parsers.get(origin)
            if rules is None:
                rules = self._parsers[origin] = self._load(origin)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(url, self.agent)

    def _load(self, origin: str) -> Protego | bool:
        try:
            result = self.client.get(origin + "/robots.txt", accept="text/plain")
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return True  # "unavailable": no rules
            return False  # "unreachable": assume complete disallow
        return Protego.parse(result.text)
