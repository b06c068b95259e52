"""URL canonicalisation, so one article reached by three links is one document."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "at_")
_TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "cmpid", "cmp", "ncid", "ocid",
    "guccounter", "guce_referrer", "guce_referrer_sig", "src", "ref", "ref_src", "ito", "mod",
    "taid", "soc_src", "soc_trk", "__source", "mkt_tok", "rss", "feedtype", "xtor",
}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_PARAMS and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def site(url: str) -> str:
    """The registrable domain of a URL's host (`news.reuters.com` -> `reuters.com`), from the
    public suffix list; the host itself for IP addresses, `localhost` and unknown suffixes."""
    from tld import get_fld  # the public suffix list trafilatura (via courlan) already ships

    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return get_fld(host, fix_protocol=True, fail_silently=True) or host


def same_site(a: str, b: str) -> bool:
    return bool(site(a)) and site(a) == site(b)


def own_canonical(link: str | None, page_url: str | None) -> str | None:
    """A page's canonical link (resolved against the page's URL) when it may speak for the page:
    an http(s) URL on the page's own site. A page elsewhere claiming another site's article would
    otherwise replace that article, so its claim is dropped and it keeps its own URL. Without a
    page URL (a local file the user chose) the link is taken as it is."""
    if not link or not page_url or urlsplit(page_url).scheme not in ("http", "https"):
        return link
    target = urljoin(page_url, link)
    if urlsplit(target).scheme not in ("http", "https") or not same_site(target, page_url):
        return None
    return target
