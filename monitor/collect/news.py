"""News: a feed entry's linked page fetched and reduced to the article, politely."""

from __future__ import annotations

from dataclasses import dataclass, replace

from monitor.collect.files import url_id
from monitor.collect.html import extract_article
from monitor.collect.http import FetchError, HttpClient, binary_kind
from monitor.collect.robots import Robots
from monitor.collect.urls import canonical_url
from monitor.fingerprint import simhash, to_signed
from monitor.models import Document

ARTICLE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


@dataclass
class ArticleFetch:
    document: Document
    pending: str | None = None  # why the page is still to be fetched (a later run retries)
    warning: str | None = None  # why it will not be (robots.txt, no text)
    aliases: tuple[str, ...] = ()  # ids of other URLs of this article (the feed's link)


def fingerprint(doc: Document) -> Document:
    """Give a news document its near-duplicate fingerprint."""
    if doc.kind == "news":
        value = simhash(doc.text)
        doc.fingerprint = to_signed(value) if value is not None else None
    return doc


def fetch_article(client: HttpClient, doc: Document, robots: Robots | None = None, *,
                  referrer: str | None = None) -> ArticleFetch:
    """Replace a feed entry's summary by the article text of the page it links to.

    The page's canonical link (tracking parameters stripped) becomes the document's identity, so
    one article reached through several feeds or redirectors is one document; the feed's link is
    kept as an alias. On failure the entry's own text stays, marked pending. A link from a public
    feed (`referrer`) to an internal address is not followed, its robots.txt neither.
    """
    assert doc.url
    doc = replace(doc, meta=dict(doc.meta))  # the caller's stand-in stays as it was
    why = client.internal_hop(referrer, doc.url) if referrer else None
    if why is not None:
        return ArticleFetch(fingerprint(doc), warning=f"article {doc.url}: link from a public address to an "
                                                      f"internal one ({why}); not fetched")
    if robots is not None and not robots.allowed(doc.url):
        return ArticleFetch(fingerprint(doc), warning=f"article {doc.url}: disallowed by robots.txt")
    try:
        result = client.get(doc.url, accept=ARTICLE_ACCEPT)
    except FetchError as exc:
        return ArticleFetch(fingerprint(doc), pending=f"article {doc.url}: {exc.reason}")
    binary = binary_kind(result.content)
    if binary:
        return ArticleFetch(fingerprint(doc), warning=f"article {doc.url}: {binary}, not a page")
    page = extract_article(result.text, result.url)
    # The page is the article; a feed's summary is a stand-in. Keep the feed text only when the
    # page gave (almost) nothing, e.g. a paywall or a script-only page.
    if len(page.text) < 300 and len(page.text) <= len(doc.text):
        return ArticleFetch(fingerprint(doc), warning=f"article {doc.url}: no article text in the page")
    aliases = []
    old_id = doc.id
    target = page.canonical_url or result.url
    if target and target.startswith("http"):
        canonical = canonical_url(target)
        if url_id(canonical) != doc.id:
            doc.id = url_id(canonical)
            aliases.append(old_id)
        doc.meta["feed_link"] = doc.url
        doc.url = canonical
    if result.redirects:
        doc.meta["redirects"] = result.redirects
    doc.text = page.text
    doc.title = doc.title or page.title
    doc.published = doc.published or page.published
    doc.author = doc.author or page.author
    if page.tables:
        doc.tables = page.tables
    doc.rehash()
    return ArticleFetch(fingerprint(doc), aliases=tuple(aliases))
