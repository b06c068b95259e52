"""Collect the whole shared fixture set from a local web server, twice, and report the numbers.

    python scripts/collect_fixtures.py [--shared ../shared] [--json]

The real documents of ../shared/fixtures are served on 127.0.0.1 the way their sites serve them:
news feeds (their own links point to the internet, so they are read without article fetches),
two feeds written here that link the real article pages (the second one repeats two articles
under tracking-parameter and syndication URLs, to exercise duplicate merging), EDGAR (a
submissions JSON per filer, a filing index per filing, the real primary documents and exhibits),
and the five transcripts. Every response carries an ETag and answers a matching If-None-Match
with 304, as real servers do, so the second run measures an all-304 collection.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.config import parse_config  # noqa: E402
from monitor.jobs import collect  # noqa: E402
from monitor.nlp.companies import CompanyIndex  # noqa: E402
from monitor.store import Store  # noqa: E402

# (cik, filer, accession, form, items, filed, [(document, type, fixture file)])
FILINGS = [
    (1341439, "ORACLE CORP", "0001564590-22-023099", "8-K", "2.02,8.01,9.01", "2022-06-13",
     [("orcl-8k_20220613.htm", "8-K", "oracle_8k_2022-06-13_item2.02.htm"),
      ("orcl-ex991_6.htm", "EX-99.1", "oracle_8k_2022-06-13_ex99-1_q4fy22_press_release.htm")]),
    (320193, "Apple Inc.", "0000320193-24-000005", "8-K", "2.02,9.01", "2024-02-01",
     [("aapl-20240201.htm", "8-K", "apple_8k_2024-02-01_item2.02.htm"),
      ("a8-kex991q1202412302023.htm", "EX-99.1", "apple_8k_2024-02-01_ex99-1_q1fy24_press_release.htm")]),
    (885245, "BUCKLE INC", "0000885245-24-000041", "8-K", "2.02,9.01", "2024-11-22",
     [("bke-20241122.htm", "8-K", "buckle_8k_2024-11-22_item2.02.html"),
      ("bke-ex991.htm", "EX-99.1", "buckle_8k_2024-11-22_ex99-1_press_release.html")]),
    (1326801, "Meta Platforms, Inc.", "0001628280-25-058337", "8-K", "5.02", "2025-12-19",
     [("meta-20251219.htm", "8-K", "meta_8k_2025-12-19_item5.02.htm")]),
    (1045810, "NVIDIA CORP", "0001045810-25-000209", "10-Q", "", "2025-08-27",
     [("nvda-20250727.htm", "10-Q", "nvidia_10q_2025-08-27.html")]),
    (1018724, "AMAZON COM INC", "0001018724-25-000004", "10-K", "", "2025-02-07",
     [("amzn-20241231.htm", "10-K", "amazon_10k_2025-02-07.html")]),
    (320187, "NIKE, Inc.", "0001193125-15-353000", "FWP", "", "2015-10-26",
     [("d33835dfwp.htm", "FWP", "nike_fwp_2015-10-26_pricing_term_sheet.html")]),
    (75488, "PACIFIC GAS & ELECTRIC Co", "0001193125-24-046000", "424B5", "", "2024-02-26",
     [("d424b5.htm", "424B5", "pge_424b5_2024-02-26_preliminary_first_mortgage_bonds.html")]),
    (1682472, "BofA Finance LLC", "0001918704-24-002559", "424B2", "", "2024-12-31",
     [("form424b2.htm", "424B2", "bofa_finance_424b2_2024-12_structured_note_prelim.htm")]),
]
TRANSCRIPTS = [
    "microsoft_fy26q2_2026-01-28_motleyfool.json", "digital_realty_q4_2021.json",
    "nvidia_q4fy25_2025-02-26_motleyfool.txt", "bed_bath_beyond_q1_2020_2020-07-09_motleyfool.html",
    "shaw_communications_q3_2020_2020-07-10_motleyfool.html",
]


def index_page(cik: int, accession: str, form: str, docs: list[tuple[str, str, str]]) -> str:
    folder = f"/Archives/edgar/data/{cik}/{accession.replace('-', '')}"
    rows = "".join(
        f'<tr><td scope="row">{i + 1}</td><td scope="row">{typ}</td>'
        f'<td scope="row"><a href="{folder}/{name}">{name}</a></td><td scope="row">{typ}</td><td scope="row">1</td></tr>'
        for i, (name, typ, _) in enumerate(docs)
    )
    return (f"<html><body><div id=\"formName\"><strong>Form {form}</strong></div>"
            f'<table class="tableFile" summary="Document Format Files"><tr><th>Seq</th><th>Description</th>'
            f"<th>Document</th><th>Type</th><th>Size</th></tr>{rows}</table></body></html>")


def rss(items: list[tuple[str, str]]) -> str:
    body = "".join(f"<item><title>{t}</title><link>{u}</link><guid>{u}</guid><description>{t}</description></item>" for t, u in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>{body}</channel></rss>'


def build_site(shared: Path, base: str) -> tuple[dict[str, tuple[bytes, str]], list[dict]]:
    fixtures = shared / "fixtures"
    site: dict[str, tuple[bytes, str]] = {"/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain")}
    sources: list[dict] = []
    for feed in sorted((fixtures / "feeds").iterdir()):
        path = f"/feeds/{feed.name}"
        site[path] = (feed.read_bytes(), "application/json" if feed.suffix == ".json" else "application/xml")
        edgar = feed.name.startswith("edgar_")
        sources.append({"name": feed.stem.replace("_", "-").replace(".", "-")[:60], "type": "edgar" if edgar else "rss",
                        "url": base + path, "fetch_articles": False})
    articles = sorted((fixtures / "articles").iterdir())
    for page in articles:
        site[f"/news/{page.stem}"] = (page.read_bytes(), "text/html; charset=utf-8")
    site["/local/articles.xml"] = (rss([(p.stem, f"{base}/news/{p.stem}") for p in articles]).encode(), "application/rss+xml")
    # A second site syndicating two of the stories: same pages under other URLs.
    for page in articles[:2]:
        site[f"/partner/{page.stem}"] = (page.read_bytes(), "text/html; charset=utf-8")
    partner = [(p.stem, f"{base}/news/{p.stem}?utm_source=partner&utm_medium=rss") for p in articles[:2]]
    partner += [(p.stem + " (syndicated)", f"{base}/partner/{p.stem}") for p in articles[:2]]
    site["/local/partner.xml"] = (rss(partner).encode(), "application/rss+xml")
    sources += [{"name": "local-articles", "type": "rss", "url": base + "/local/articles.xml"},
                {"name": "local-partner", "type": "rss", "url": base + "/local/partner.xml"}]
    by_cik: dict[int, list] = {}
    for cik, name, acc, form, items, filed, docs in FILINGS:
        by_cik.setdefault(cik, []).append((name, acc, form, items, filed, docs))
        folder = f"/Archives/edgar/data/{cik}/{acc.replace('-', '')}"
        site[f"{folder}/{acc}-index.htm"] = (index_page(cik, acc, form, docs).encode(), "text/html")
        for doc_name, _, fixture in docs:
            site[f"{folder}/{doc_name}"] = ((fixtures / "filings" / fixture).read_bytes(), "text/html")
    for cik, filings in by_cik.items():
        keys = ("accessionNumber", "form", "items", "filingDate", "primaryDocument")
        recent = {k: [] for k in keys}
        for _, acc, form, items, filed, docs in filings:
            for k, v in zip(keys, (acc, form, items, filed, docs[0][0]), strict=True):
                recent[k].append(v)
        body = {"cik": str(cik), "name": filings[0][0], "filings": {"recent": recent, "files": []}}
        site[f"/submissions/CIK{cik:010d}.json"] = (json.dumps(body).encode(), "application/json")
        sources.append({"name": f"filer-{cik}", "type": "edgar", "cik": cik})
    for name in TRANSCRIPTS:
        path = f"/transcripts/{name}"
        kind = {"json": "application/json", "txt": "text/plain; charset=utf-8"}.get(name.rsplit(".", 1)[1], "text/html")
        site[path] = ((fixtures / "transcripts" / name).read_bytes(), kind)
        sources.append({"name": "call-" + name.split("_")[0], "type": "transcript", "url": base + path})
    return site, sources


class Site(ThreadingHTTPServer):
    daemon_threads = True
    pages: dict[str, tuple[bytes, str]] = {}
    requests = 0
    not_modified = 0


class Handler(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:  # noqa: N802
        self.server.requests += 1
        page = self.server.pages.get(self.path.split("?")[0])
        if page is None:
            self.send_error(404)
            return
        body, content_type = page
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.server.not_modified += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--db", help="Keep the collected database here (default: a temporary file)")
    args = parser.parse_args()
    server = Site(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.pages, sources = build_site(Path(args.shared), base)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = parse_config({
        "http": {"user_agent": "monitor-fixtures/0.1 (fixtures@example.org)", "retries": 0, "timeout": 10,
                 "requests_per_second": 200, "concurrency": 8, "max_bytes": 20_000_000},
        "edgar": {"archive_url": base, "data_url": base, "lookback_days": 100_000},
        "sources": sources,
    })
    out: dict = {"sources": len(sources)}
    with tempfile.TemporaryDirectory() as tmp, Store(args.db or Path(tmp) / "m.db") as store:
        companies = CompanyIndex(config.companies)
        for label in ("first", "second"):
            server.requests = server.not_modified = 0
            start = time.perf_counter()
            reports = collect(config, store, companies)
            seconds = time.perf_counter() - start
            out[label] = {
                "seconds": round(seconds, 3),
                "requests": server.requests,
                "not_modified": server.not_modified,
                "new": sum(r.new for r in reports),
                "duplicates": sum(r.duplicates for r in reports),
                "failed": [f"{r.name}: {r.error}" for r in reports if not r.ok],
            }
        rows = store.db.execute("SELECT kind, COUNT(*) FROM documents GROUP BY kind").fetchall()
        out["documents"] = dict(rows)
        out["links"] = dict(store.db.execute("SELECT relation, COUNT(*) FROM document_links GROUP BY relation").fetchall())
    server.shutdown()
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['sources']} sources served on 127.0.0.1")
        print(f"documents per kind: {out['documents']}; linked copies: {out['links']}")
        for label in ("first", "second"):
            r = out[label]
            print(f"{label} run: {r['seconds']:.2f} s, {r['requests']} requests ({r['not_modified']} answered 304), "
                  f"{r['new']} new, {r['duplicates']} duplicates, {len(r['failed'])} sources failed")
            for f in r["failed"]:
                print("   ", f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
