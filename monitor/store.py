"""The SQLite store: the only module that speaks SQL.

Built on sqlite-utils so that the database stays a plain, inspectable file: full-text search is
configured the sqlite-utils way (``documents_fts``, ``events_fts`` with triggers), which is what
``sqlite-utils search`` and Datasette's search box look for.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from monitor.fingerprint import MAX_DISTANCE, bands, distance
from monitor.models import Document, Event, stable_id

if TYPE_CHECKING:
    from monitor.collect.xbrl import Fact

SCHEMA_VERSION = 9


class StoreError(Exception):
    """A database problem worth one clear line to the user."""


class QueryError(StoreError):
    """A full-text query SQLite could not parse."""


_NEAR_SLASH = re.compile(r'("[^"]+"\*?|[^\s()"]+)\s+NEAR/(\d+)\s+("[^"]+"\*?|[^\s()"]+)')
_PHRASE_PREFIX = re.compile(r'"([^"]*?)\*"')
_PHRASE = re.compile(r'"([^"]+)"|([^\s()"]+)')
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
# FTS5's cost grows with the number of phrases (bm25, and snippet() with phrases x matches: 500
# ORs took minutes on 19 documents). Real queries use a handful; this is far above them.
MAX_QUERY_TERMS = 64
SNIPPET_TOKENS = 16
_SNIPPET_SCAN = 64  # matches looked at for the best window: a common word matches everywhere
_WORD = re.compile(r"\w+")


def query_terms(query: str, *, unique: bool = True) -> list[str]:
    """The words and phrases a full-text query looks for (operators, NEAR distances and column
    names left out): to say which of them matched, to mark them, to count them."""
    terms = []
    for phrase, word in _PHRASE.findall(query):
        term = phrase or word
        if not phrase:
            if term.upper() in _OPERATORS or term.upper().startswith("NEAR/") or term.isdigit():
                continue
            term = term.split(":", 1)[-1].strip(",")  # column filter: title:oracle
            if term.startswith("NEAR("):
                term = term[5:]
        term = term.strip()
        if term and not (unique and term in terms):
            terms.append(term)
    return terms


def _term_body(term: str) -> str:
    prefix = term.endswith("*")
    body = r"\W+".join(re.escape(w) for w in re.findall(r"\w+", term.rstrip("*")))
    return rf"\b{body}" + (r"\w*" if prefix else r"\b") if body else ""


def term_pattern(term: str) -> re.Pattern[str]:
    """Where a query term occurs in a text: case-insensitive, `prefix*` matching any ending."""
    return re.compile(_term_body(term), re.I)


def fts_query(query: str) -> str:
    """FTS5 query text, accepting the FTS3/4 form `a NEAR/5 b` that users know from elsewhere,
    and `"bond sale*"` as the prefix phrase it is meant to be (FTS5 writes it `"bond sale"*`;
    inside the quotes the star is dropped, and "bond sales" would not match). A query of more
    than MAX_QUERY_TERMS words and phrases is refused (QueryError)."""
    n = len(query_terms(query, unique=False))
    if n > MAX_QUERY_TERMS:
        raise QueryError(f"bad search query: {n} terms, at most {MAX_QUERY_TERMS}")
    query = _PHRASE_PREFIX.sub(r'"\1"*', query)
    return _NEAR_SLASH.sub(lambda m: f"NEAR({m.group(1)} {m.group(3)}, {m.group(2)})", query)


def snippet(text: str, terms: list[str], *, tokens: int = SNIPPET_TOKENS, marks: tuple[str, str] = ("[", "]"),
            ellipsis: str = "…") -> str:
    """About `tokens` words of the text where most of the query's terms occur, each marked.

    Made here rather than by FTS5's snippet(), whose cost grows with phrases times matches
    (a minute for one long filing and a common word ORed 32 times): this looks at the first
    _SNIPPET_SCAN matches only, so its cost is bounded by the text's length."""
    bodies = [b for b in dict.fromkeys(_term_body(t) for t in terms) if b]
    found = []
    if bodies:
        pattern = re.compile("|".join(f"({b})" for b in bodies), re.I)
        for i, m in enumerate(pattern.finditer(text)):
            if i >= _SNIPPET_SCAN:
                break
            found.append((m.start(), m.lastindex))
    best, score = 0, 0
    for k, (start, _) in enumerate(found):  # the first window with the most distinct terms
        begin = _window_start(text, start)
        end = _window_end(text, begin, tokens)
        distinct = len({g for s, g in found[k:] if s < end})
        if distinct > score:
            best, score = begin, distinct
    end = _window_end(text, best, tokens)
    part = text[best:end]
    if bodies:
        part = pattern.sub(lambda m: f"{marks[0]}{m.group(0)}{marks[1]}", part)
    out = " ".join(part.split())
    if text[:best].strip():
        out = ellipsis + out
    if text[end:].strip():
        out += ellipsis
    return out


def _window_start(text: str, match: int, before: int = 3) -> int:
    """A window opens a few words before the match, so that it reads as a phrase."""
    words = list(_WORD.finditer(text, max(0, match - 120), match))
    if len(words) > before:
        return words[-before].start()
    return words[0].start() if words and max(0, match - 120) == 0 else match


def _window_end(text: str, start: int, tokens: int) -> int:
    end = start
    for k, word in enumerate(_WORD.finditer(text, start)):
        if k >= tokens:
            break
        end = word.end()
    return end


def in_list(args: dict[str, Any], prefix: str, values: list[str], *, fold: bool = False) -> str:
    """Named parameters for `x IN (...)`, added to `args`: ':c0, :c1'. `fold` casefolds the
    values, for comparison with lower(column)."""
    args.update({f"{prefix}{i}": v.casefold() if fold else v for i, v in enumerate(values)})
    return ", ".join(f":{prefix}{i}" for i in range(len(values)))


def check_fts_query(query: str) -> str | None:
    """Why SQLite's FTS5 would reject a query (unbalanced quotes, a dangling operator), or None.
    Checked against an empty in-memory index, so that a bad alert rule is caught when the
    configuration is loaded rather than at its first match."""
    if not query.strip():
        return "empty query"
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, text)")
        conn.execute("SELECT * FROM t WHERE t MATCH ?", [fts_query(query)]).fetchall()
    except (sqlite3.OperationalError, QueryError) as exc:
        return str(exc)
    finally:
        conn.close()
    return None


def utcnow() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


ROWIDS_PER_MS = 1000


def chronological_rowid(when: str | None) -> int:
    """The first rowid of a document dated `when`: its time in milliseconds, times 1000.

    Documents get rowids in the order of their dates (publication, else fetch), so that the
    full-text index, which walks rowids, yields the newest matches first without sorting every
    match: newest-first search stays fast at millions of documents, and `sqlite-utils search`
    and Datasette still join on the rowid as usual."""
    try:
        dt = datetime.fromisoformat(when) if when else datetime.now(UTC)
    except ValueError:
        dt = datetime.now(UTC)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp() * 1000) * ROWIDS_PER_MS


def _migration_1(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS sources (
            name TEXT PRIMARY KEY,
            type TEXT,
            url TEXT,
            kind TEXT,
            etag TEXT,
            last_modified TEXT,
            last_fetched TEXT,
            last_success TEXT,
            last_status INTEGER,
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            items_seen INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('news', 'filing', 'transcript')),
            url TEXT,
            title TEXT,
            published TEXT,
            fetched TEXT,
            company TEXT,
            ticker TEXT,
            cik INTEGER,
            author TEXT,
            text TEXT NOT NULL,
            hash TEXT NOT NULL,
            tables TEXT,
            meta TEXT,
            extracted TEXT,
            extractor_version TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS events (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id),
            type TEXT NOT NULL CHECK (type IN ('capex', 'debt')),
            company TEXT,
            ticker TEXT,
            cik INTEGER,
            companies TEXT,
            amount_usd REAL,
            amount_low_usd REAL,
            amount_high_usd REAL,
            currency TEXT,
            amount_original REAL,
            amount_low_original REAL,
            amount_high_original REAL,
            amount_usd_est REAL,
            amount_text TEXT,
            qualifier TEXT,
            period TEXT,
            status TEXT,
            instrument TEXT,
            sentence TEXT NOT NULL,
            start INTEGER,
            "end" INTEGER,
            confidence REAL,
            published TEXT,
            created TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            command TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            status TEXT,
            sources_ok INTEGER NOT NULL DEFAULT 0,
            sources_failed INTEGER NOT NULL DEFAULT 0,
            documents_new INTEGER NOT NULL DEFAULT 0,
            documents_updated INTEGER NOT NULL DEFAULT 0,
            events_new INTEGER NOT NULL DEFAULT 0,
            errors TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS alerts_sent (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            rule TEXT NOT NULL,
            channel TEXT NOT NULL,
            event_id TEXT,
            document_id TEXT,
            status TEXT NOT NULL,
            created TEXT NOT NULL,
            sent TEXT,
            UNIQUE (rule, channel, event_id, document_id)
        )"""
    )
    for sql in (
        "CREATE INDEX IF NOT EXISTS idx_documents_hash ON documents(hash)",
        "CREATE INDEX IF NOT EXISTS idx_documents_published ON documents(published)",
        "CREATE INDEX IF NOT EXISTS idx_documents_extracted ON documents(extracted)",
        "CREATE INDEX IF NOT EXISTS idx_documents_source ON documents(source)",
        "CREATE INDEX IF NOT EXISTS idx_events_document ON events(document_id)",
        "CREATE INDEX IF NOT EXISTS idx_events_published ON events(published)",
        "CREATE INDEX IF NOT EXISTS idx_events_type_published ON events(type, published)",
        "CREATE INDEX IF NOT EXISTS idx_events_company ON events(company COLLATE NOCASE)",
        "CREATE INDEX IF NOT EXISTS idx_events_ticker ON events(ticker)",
    ):
        db.execute(sql)
    db["documents"].enable_fts(["title", "text"], create_triggers=True, replace=True)
    db["events"].enable_fts(["sentence"], create_triggers=True, replace=True)


def _migration_2(db: sqlite_utils.Database) -> None:
    """Near-duplicate fingerprints, other URLs of one story, and documents still incomplete."""
    for column in ("fingerprint", "fp0", "fp1", "fp2", "fp3"):
        db.execute(f"ALTER TABLE documents ADD COLUMN {column} INTEGER")
    db.execute("ALTER TABLE documents ADD COLUMN pending TEXT")
    db.execute("ALTER TABLE documents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
    for i in range(4):
        db.execute(f"CREATE INDEX IF NOT EXISTS idx_documents_fp{i} ON documents(fp{i}) WHERE fp{i} IS NOT NULL")
    db.execute("CREATE INDEX IF NOT EXISTS idx_documents_pending ON documents(source) WHERE pending IS NOT NULL")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS document_links (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            relation TEXT NOT NULL CHECK (relation IN ('alias', 'same-text', 'near-duplicate')),
            url TEXT,
            source TEXT,
            title TEXT,
            published TEXT,
            fetched TEXT,
            distance INTEGER
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_links_document ON document_links(document_id)")
    db.execute("ALTER TABLE sources ADD COLUMN last_warning TEXT")


def _migration_3(db: sqlite_utils.Database) -> None:
    """Tone: of each event's sentence and of each document."""
    for table in ("events", "documents"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN sentiment TEXT")
        db.execute(f"ALTER TABLE {table} ADD COLUMN sentiment_score REAL")
    db.execute("CREATE INDEX IF NOT EXISTS idx_events_sentiment ON events(sentiment, published)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_documents_company_published ON documents(company, published)")


def _migration_4(db: sqlite_utils.Database) -> None:
    """Debt terms, use of proceeds, and guidance changes with the figure they replace."""
    for column, kind in (("coupon", "REAL"), ("maturity", "TEXT"), ("use_of_proceeds", "TEXT"), ("change", "TEXT"),
                         ("previous_usd", "REAL"), ("previous_low_usd", "REAL"), ("previous_high_usd", "REAL")):
        db.execute(f"ALTER TABLE events ADD COLUMN {column} {kind}")


def _migration_5(db: sqlite_utils.Database) -> None:
    """Consolidation: mentions of one event share a key (see Event.key)."""
    db.execute("ALTER TABLE events ADD COLUMN event_key TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS idx_events_key ON events(event_key)")


def _migration_6(db: sqlite_utils.Database) -> None:
    """Alerts and digests. `alerts` replaces the unused `alerts_sent`, whose UNIQUE constraint
    let NULL targets repeat: one row per rule, channel and target (an event key or a document),
    written before sending and confirmed after, so that nothing is sent twice or lost."""
    db.execute("DROP TABLE IF EXISTS alerts_sent")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS alerts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            rule TEXT NOT NULL,
            channel TEXT NOT NULL,
            target TEXT NOT NULL,
            event_id TEXT,
            event_key TEXT,
            document_id TEXT,
            matched TEXT,
            payload TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'queued')),
            attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            created TEXT NOT NULL,
            sent TEXT,
            UNIQUE (rule, channel, target)
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_alerts_status ON alerts(status, channel)")
    db.execute("CREATE TABLE IF NOT EXISTS alert_rules (name TEXT PRIMARY KEY, since TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS digests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL,
            recipients TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'skipped')),
            subject TEXT,
            message_id TEXT,
            events INTEGER NOT NULL DEFAULT 0,
            sends INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            created TEXT NOT NULL,
            attempted TEXT,
            sent TEXT,
            UNIQUE (day, recipients)
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_events_created ON events(created)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_events_change ON events(change) WHERE change IS NOT NULL")


def _migration_7(db: sqlite_utils.Database) -> None:
    """Documents re-keyed by date (see chronological_rowid), the full-text index rebuilt on the
    new rowids. Runs with foreign keys off (Store._migrate): events refer to documents by id."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone()[0]
    indexes = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' AND sql IS NOT NULL")]
    columns = [c.name for c in db["documents"].columns]
    db.execute(sql.replace("CREATE TABLE documents", "CREATE TABLE documents_rekeyed", 1)
               .replace("CREATE TABLE IF NOT EXISTS documents", "CREATE TABLE documents_rekeyed", 1))
    cols = ", ".join(f"[{c}]" for c in columns)
    taken: set[int] = set()
    rows = db.execute("SELECT rowid, COALESCE(published, fetched) FROM documents ORDER BY rowid").fetchall()
    mapping = []
    for old, when in rows:
        new = chronological_rowid(when)
        while new in taken:
            new += 1
        taken.add(new)
        mapping.append((new, old))
    db.execute("CREATE TEMP TABLE rekey (new INTEGER, old INTEGER)")
    db.conn.executemany("INSERT INTO rekey VALUES (?, ?)", mapping)
    db.execute(f"INSERT INTO documents_rekeyed (rowid, {cols}) SELECT k.new, {', '.join('d.' + c for c in cols.split(', '))} "
               "FROM documents d JOIN rekey k ON k.old = d.rowid")
    db.execute("DROP TABLE rekey")
    db.execute("DROP TABLE documents")
    db.execute("ALTER TABLE documents_rekeyed RENAME TO documents")
    for index in indexes:
        db.execute(index)
    db["documents"].enable_fts(["title", "text"], create_triggers=True, replace=True)
    db["documents"].rebuild_fts()


def _usd_sql(x: str) -> str:
    """SQL that writes a dollar amount as people read it: $35.7B, $750M, $12,500."""
    return (f"CASE WHEN {x} IS NULL THEN NULL WHEN abs({x}) >= 1e9 THEN printf('$%.1fB', {x} / 1e9) "
            f"WHEN abs({x}) >= 1e6 THEN printf('$%.0fM', {x} / 1e6) ELSE printf('$%,d', CAST({x} AS INTEGER)) END")


# One row per event rather than per mention (Datasette's facets then count events), its best
# mention standing for all, as `monitor events` shows them (Store.events with consolidate).
CONSOLIDATED_EVENTS_VIEW = f"""
CREATE VIEW consolidated_events AS
WITH m AS (
    SELECT e.*, COALESCE(e.event_key, e.id) AS k, d.title AS document_title, d.url AS document_url,
           d.kind AS document_kind
    FROM events e JOIN documents d ON d.id = e.document_id),
g AS (SELECT k, COUNT(*) AS mentions, COUNT(DISTINCT document_id) AS documents,
             MIN(published) AS first_seen, MAX(published) AS last_seen FROM m GROUP BY k),
r AS (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY k ORDER BY confidence DESC, published, document_id, start) AS rn
      FROM m)
SELECT r.k AS event_key, r.type, r.company, r.ticker,
       CASE WHEN r.amount_usd IS NOT NULL THEN {_usd_sql('r.amount_usd')}
            WHEN r.amount_low_usd IS NOT NULL OR r.amount_high_usd IS NOT NULL
            THEN COALESCE({_usd_sql('r.amount_low_usd')}, '') || '-' || COALESCE({_usd_sql('r.amount_high_usd')}, '')
            WHEN r.amount_usd_est IS NOT NULL THEN '~' || {_usd_sql('r.amount_usd_est')}
            ELSE r.amount_text END AS amount,
       COALESCE(r.amount_usd, r.amount_high_usd, r.amount_usd_est) AS amount_value_usd,
       r.amount_usd, r.amount_low_usd, r.amount_high_usd, r.currency, r.amount_original, r.qualifier,
       r.period, r.status, r.instrument, r.coupon, r.maturity, r.use_of_proceeds, r.change,
       {_usd_sql('COALESCE(r.previous_usd, r.previous_high_usd)')} AS previous_amount,
       g.mentions, g.documents, g.first_seen, g.last_seen, r.sentence, r.sentiment, r.sentiment_score,
       r.document_id, r.document_title, r.document_url, r.document_kind
FROM r JOIN g USING (k) WHERE r.rn = 1
"""


def _migration_8(db: sqlite_utils.Database) -> None:
    """XBRL company facts for the ledger (every reported value, restatements kept, the latest
    filed marked current), and the consolidated-events view for Datasette."""
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS facts (
            id TEXT PRIMARY KEY,
            cik INTEGER NOT NULL,
            company TEXT,
            source TEXT,
            taxonomy TEXT NOT NULL,
            concept TEXT NOT NULL,
            unit TEXT NOT NULL,
            period_start TEXT,
            period_end TEXT NOT NULL,
            value REAL NOT NULL,
            accession TEXT NOT NULL,
            form TEXT,
            filed TEXT,
            fy INTEGER,
            fp TEXT,
            frame TEXT,
            current INTEGER NOT NULL DEFAULT 1,
            stored TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_facts_period ON facts(cik, concept, unit, period_end, period_start)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_facts_current ON facts(cik, current)")
    db.execute("DROP VIEW IF EXISTS consolidated_events")
    db.execute(CONSOLIDATED_EVENTS_VIEW)
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS ledger (
            company TEXT NOT NULL,
            period TEXT NOT NULL,
            period_kind TEXT NOT NULL,
            cik INTEGER,
            basis TEXT,
            period_start TEXT,
            period_end TEXT,
            capex_usd REAL,
            operating_cash_flow_usd REAL,
            free_cash_flow_usd REAL,
            debt_issued_usd REAL,
            debt_repaid_usd REAL,
            finance_lease_principal_usd REAL,
            net_borrowing_usd REAL,
            buybacks_usd REAL,
            dividends_usd REAL,
            shareholder_returns_usd REAL,
            funding_gap_usd REAL,
            debt_funded_share REAL,
            debt_outstanding_usd REAL,
            capex_guidance_low_usd REAL,
            capex_guidance_high_usd REAL,
            guidance_outcome TEXT,
            debt_events TEXT,
            sources TEXT,
            reported TEXT,
            stored TEXT,
            PRIMARY KEY (company, period_kind, period)
        )"""
    )


def _migration_9(db: sqlite_utils.Database) -> None:
    """Debt that is history (raised before the document's window, or a standing facility): kept
    as an event with its period, left out of totals and digests (issue 16, class 6)."""
    db.execute("ALTER TABLE events ADD COLUMN history INTEGER NOT NULL DEFAULT 0")


# Forward migrations: MIGRATIONS[n - 1] brings a database from version n - 1 to n.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migration_1, _migration_2, _migration_3, _migration_4, _migration_5, _migration_6, _migration_7,
    _migration_8, _migration_9,
]


_DOC_JSON = ("tables", "meta")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)$")  # a feed's "[…]" at the cut
RANK_POOL = 10_000  # `search --rank` orders the newest this many matches by relevance
# The amount an event is compared and summed by: the single figure, else the top of a range,
# else a stated US-dollar equivalent of a foreign-currency figure.
AMOUNT_SQL = "COALESCE(e.amount_usd, e.amount_high_usd, e.amount_usd_est)"
_EVENT_ORDER = {
    "newest": "e.published DESC",
    "amount": "COALESCE(e.amount_usd, e.amount_high_usd, e.amount_usd_est) DESC NULLS LAST, e.published DESC",
    "oldest": "e.published ASC",
    "sentiment": "e.sentiment_score IS NULL, e.sentiment_score ASC, e.published DESC",  # most negative first
    "-sentiment": "e.sentiment_score IS NULL, e.sentiment_score DESC, e.published DESC",
}


class Store:
    """A monitor database. Every write path is one transaction."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0, migrate: bool = True):
        self.path = str(path)
        try:
            conn = sqlite3.connect(self.path, timeout=timeout)
            self.db = sqlite_utils.Database(conn)
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            if migrate:
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from None

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.atomic():
            yield

    @property
    def schema_version(self) -> int:
        if "schema_version" not in self.db.table_names():
            return 0
        row = self.db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return row[0] or 0

    def _migrate(self) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this monitor "
                f"({SCHEMA_VERSION}); upgrade monitor"
            )
        if current == SCHEMA_VERSION:
            return
        self.db.execute("PRAGMA foreign_keys=OFF")  # table rebuilds (migration 7); on again below
        with self.db.atomic():
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, applied TEXT NOT NULL)"
            )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version - 1](self.db)
                self.db.execute(
                    "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                    [version, utcnow()],
                )
        self.db.execute("PRAGMA foreign_keys=ON")

    # -- documents -------------------------------------------------------------------------

    def upsert_document(self, doc: Document, *, pending: str | None = None) -> str:
        """Store a document; returns 'new', 'updated', 'unchanged' or 'duplicate'.

        'duplicate' means the story is already stored under another id: the same text at another
        URL, or (news with a fingerprint) a near-duplicate such as one wire story on ten sites.
        It is not stored again but linked to the stored document (`document_links`), so that
        the next fetch of that URL is recognised. `pending` marks a stand-in (a feed entry or a
        filing stub) whose full text could not be fetched yet: see `pending_documents`.
        """
        with self.db.atomic():
            row = self.db.execute(
                "SELECT hash, pending FROM documents WHERE id = ?", [doc.id]
            ).fetchone()
            if row is not None and row[0] == doc.hash:
                if row[1] and not pending:
                    self.db.execute("UPDATE documents SET pending = NULL WHERE id = ?", [doc.id])
                return "unchanged"
            if row is not None and self._keeps_stored(doc):
                return "unchanged"
            if row is None:
                if self._link_if_duplicate(doc):
                    return "duplicate"
            record = doc.to_dict()
            for key in _DOC_JSON:
                record[key] = json.dumps(record[key]) if record[key] else None
            record["extracted"] = None
            record["extractor_version"] = None
            record["pending"] = pending
            fp = doc.fingerprint
            for i, band in enumerate(bands(fp) if fp is not None else (None,) * 4):
                record[f"fp{i}"] = band
            if row is None:
                record["rowid"] = self._free_rowid(doc.published or doc.fetched)
                self.db["documents"].insert(record)
                return "new"
            # New content: old events no longer describe it.
            self.db.execute("DELETE FROM events WHERE document_id = ?", [doc.id])
            if not pending:
                record["attempts"] = 0
            self.db["documents"].update(doc.id, record)
            return "updated"

    def _keeps_stored(self, doc: Document) -> bool:
        """Whether the stored version of `doc` stays, although the new one differs from it:
        - the new text is a shorter prefix of the stored one (a feed cut short by a dropped
          connection, or a summary ending in "…"): the stored text is the whole of it;
        - the new one is a listing's stand-in of a filing (`listing_rank` in its meta) and the
          stored one is either the filing's own text (no rank) or a listing entry that ranks
          before it (see edgar.listing_rank): whichever order listings are read in, the same
          entry stands for the filing, and reading them again changes nothing."""
        stored_text, meta = self.db.execute("SELECT text, meta FROM documents WHERE id = ?", [doc.id]).fetchone()
        new = _ELLIPSIS.sub("", " ".join(doc.text.split()))
        old = " ".join((stored_text or "").split())
        if new and len(new) < len(old) and old.startswith(new):
            return True
        rank = doc.meta.get("listing_rank")
        if rank is None:
            return False
        stored_rank = (json.loads(meta) if meta else {}).get("listing_rank")
        return stored_rank is None or list(stored_rank) < list(rank)

    def _free_rowid(self, when: str | None) -> int:
        base = chronological_rowid(when)
        top = self.db.execute("SELECT MAX(rowid) FROM documents WHERE rowid BETWEEN ? AND ?",
                              [base, base + ROWIDS_PER_MS - 1]).fetchone()[0]
        rowid = base if top is None else top + 1
        while self.db.execute("SELECT 1 FROM documents WHERE rowid = ?", [rowid]).fetchone():
            rowid += 1
        return rowid

    def _link_if_duplicate(self, doc: Document) -> bool:
        other = self.db.execute("SELECT id FROM documents WHERE hash = ? LIMIT 1", [doc.hash]).fetchone()
        relation, found, dist = "same-text", other[0] if other else None, 0
        if found is None and doc.fingerprint is not None:
            b = bands(doc.fingerprint)
            candidates = self.db.execute(
                "SELECT id, fingerprint FROM documents WHERE fp0 = ? UNION "
                "SELECT id, fingerprint FROM documents WHERE fp1 = ? UNION "
                "SELECT id, fingerprint FROM documents WHERE fp2 = ? UNION "
                "SELECT id, fingerprint FROM documents WHERE fp3 = ?",
                list(b),
            ).fetchall()
            best = min(
                ((distance(doc.fingerprint, fp), cid) for cid, fp in candidates if fp is not None),
                default=None,
            )
            if best is not None and best[0] <= MAX_DISTANCE:
                relation, dist, found = "near-duplicate", best[0], best[1]
        if found is None:
            return False
        self.add_link(doc.id, found, relation, doc, bits=dist)
        return True

    def add_link(self, link_id: str, document_id: str, relation: str, doc: Document | None = None, *, bits: int | None = None) -> None:
        """Record another URL (or copy) of a stored document."""
        if link_id == document_id:
            return
        self.db["document_links"].upsert(
            {
                "id": link_id,
                "document_id": document_id,
                "relation": relation,
                "url": doc.url if doc else None,
                "source": doc.source if doc else None,
                "title": doc.title if doc else None,
                "published": doc.published if doc else None,
                "fetched": (doc.fetched if doc else None) or utcnow(),
                "distance": bits,
            },
            pk="id",
        )

    def merge_into(self, old_id: str, new_id: str) -> None:
        """A stand-in stored under one id turned out to be a document stored under another (its
        page's canonical URL): drop the stand-in and its events, keep its id as an alias."""
        if old_id == new_id:
            return
        with self.db.atomic():
            row = self.db.execute("SELECT url, source, title, published, fetched FROM documents WHERE id = ?", [old_id]).fetchone()
            if row is None:
                return
            self.db.execute("DELETE FROM events WHERE document_id = ?", [old_id])
            self.db.execute("UPDATE document_links SET document_id = ? WHERE document_id = ?", [new_id, old_id])
            self.db.execute("DELETE FROM documents WHERE id = ?", [old_id])
            self.db["document_links"].upsert(
                dict(zip(("url", "source", "title", "published", "fetched"), row, strict=True))
                | {"id": old_id, "document_id": new_id, "relation": "alias", "distance": None},
                pk="id",
            )

    def links(self, document_id: str) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM document_links WHERE document_id = ? ORDER BY fetched", [document_id]))

    def has_document(self, doc_id: str) -> bool:
        """Known under this id, as a stored document or as another URL of one."""
        return (
            self.db.execute(
                "SELECT 1 FROM documents WHERE id = ? UNION ALL SELECT 1 FROM document_links WHERE id = ? LIMIT 1",
                [doc_id, doc_id],
            ).fetchone()
            is not None
        )

    def pending_documents(self, source: str, *, max_attempts: int = 5) -> list[Document]:
        """Stand-ins of this source whose full text is still to be fetched."""
        rows = self.db.query(
            "SELECT * FROM documents WHERE source = ? AND pending IS NOT NULL AND attempts < ? ORDER BY rowid",
            [source, max_attempts],
        )
        return [_row_to_document(r) for r in rows]

    def mark_attempt(self, doc_id: str, reason: str, *, max_attempts: int = 5) -> None:
        """One more failed try at completing a stand-in; after `max_attempts` it is kept as is."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE documents SET attempts = attempts + 1, pending = CASE WHEN attempts + 1 >= ? "
                "THEN NULL ELSE ? END WHERE id = ?",
                [max_attempts, reason, doc_id],
            )

    def get_document(self, doc_id: str) -> Document | None:
        rows = list(self.db.query("SELECT * FROM documents WHERE id = ?", [doc_id]))
        return _row_to_document(rows[0]) if rows else None

    def documents_to_extract(self, *, all: bool = False) -> list[str]:
        """Ids of documents the NLP stage has not processed yet (or every id with `all`)."""
        where = "" if all else " WHERE extracted IS NULL"
        return [r[0] for r in self.db.execute(f"SELECT id FROM documents{where} ORDER BY rowid").fetchall()]

    def replace_events(
        self, doc: Document, events: list[Event], *, version: str, tone: tuple[str, float] | None = None
    ) -> int:
        """Replace a document's events in one transaction: re-extraction never duplicates.
        `tone` is the document's sentiment (label, polarity), when the stage computed it."""
        now = utcnow()
        published = doc.published or doc.fetched
        records = []
        seen: dict[str, int] = {}
        for ev in events:
            ev.document_id = doc.id
            rec = ev.to_dict()
            n = seen[rec["id"]] = seen.get(rec["id"], -1) + 1
            if n:  # the same amount again in the same sentence: its own mention
                rec["id"] = stable_id(rec["id"], str(n))
            rec["companies"] = json.dumps(rec["companies"]) if rec["companies"] else None
            rec["published"] = published
            rec["created"] = now
            records.append(rec)
        with self.db.atomic():
            self.db.execute("DELETE FROM events WHERE document_id = ?", [doc.id])
            if records:
                self.db["events"].insert_all(records, replace=True)
            self.db.execute(
                "UPDATE documents SET extracted = ?, extractor_version = ?, sentiment = ?, sentiment_score = ? "
                "WHERE id = ?",
                [now, version, tone[0] if tone else None, tone[1] if tone else None, doc.id],
            )
        return len(records)

    # -- queries ---------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int | None = 20,
        rank: bool = False,
        since: str | None = None,
        kind: str | None = None,
        sentiment: str | None = None,
        count: bool = False,
    ) -> list[dict[str, Any]]:
        """Full-text search over documents, newest first unless ranked by relevance; `limit`
        None: every match. `count`: one row, `n`, the number of matches (what a cut table says)."""
        where = ["documents_fts MATCH :q"]
        args: dict[str, Any] = {"q": fts_query(query), "limit": -1 if limit is None else limit}
        if sentiment:
            where.append("d.sentiment = :sentiment")
            args["sentiment"] = sentiment
        if since:  # the rowid range lets the index skip older documents; the date test is exact
            where.append("documents_fts.rowid >= :since_rowid AND COALESCE(d.published, d.fetched) >= :since")
            args["since"] = since
            args["since_rowid"] = chronological_rowid(since) - 86_400_000 * ROWIDS_PER_MS  # a day's slack
        if kind:
            where.append("d.kind = :kind")
            args["kind"] = kind
        if count:
            return self._fts_query("SELECT COUNT(*) AS n FROM documents_fts JOIN documents d ON "
                                   f"d.rowid = documents_fts.rowid WHERE {' AND '.join(where)}", args, query)
        scores: dict[int, float] = {}
        if rank:
            # Relevance among the newest RANK_POOL matches: bm25 is computed for each row it
            # orders, and a common term matches hundreds of thousands of documents.
            # Without filters on the documents' columns the pool reads the index alone: joining
            # each of its rows to `documents` is a random read per row in a large file.
            join = "JOIN documents d ON d.rowid = documents_fts.rowid" if len(where) > 1 else ""
            pool = self._fts_query(
                f"SELECT documents_fts.rowid AS rid, documents_fts.rank AS score FROM documents_fts {join} "
                f"WHERE {' AND '.join(where)} ORDER BY documents_fts.rowid DESC LIMIT {RANK_POOL}",
                args, query)
            scores = {r["rid"]: r["score"] for r in sorted(pool, key=lambda r: r["score"])[:limit]}
            if not scores:
                return []
            # One scan of the rowid range the best lie in. A bare `rowid IN (...)` would become one
            # full-text lookup per rowid, each re-reading a prefix query's whole doclist; the unary
            # + keeps the IN a plain filter, so snippets are made for the chosen rows only.
            args.update(lo=min(scores), hi=max(scores))
            where.append("documents_fts.rowid >= :lo AND documents_fts.rowid <= :hi AND "
                         f"+documents_fts.rowid IN ({', '.join(str(int(r)) for r in scores)})")
        # Rowids follow document dates (see chronological_rowid): the index yields newest first.
        sql = f"""
            SELECT documents_fts.rowid AS _rowid, d.id, d.kind, d.source, d.published, d.fetched, d.company, d.title, d.url,
                   d.sentiment, d.sentiment_score,
                   '' AS snippet,
                   (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) AS events,
                   (SELECT COUNT(*) FROM document_links l WHERE l.document_id = d.id
                    AND l.relation != 'alias') AS copies,
                   d.text AS _text
            FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
            WHERE {" AND ".join(where)}
            ORDER BY documents_fts.rowid DESC
            LIMIT :limit"""
        rows = self._fts_query(sql, args, query)
        if rank:
            rows.sort(key=lambda r: scores[r["_rowid"]])
        terms = query_terms(query)
        for r in rows:
            del r["_rowid"]
            r["snippet"] = snippet(r.pop("_text") or "", terms)
        return rows

    def _fts_query(self, sql: str, args: dict[str, Any], query: str) -> list[dict[str, Any]]:
        try:
            return list(self.db.query(sql, args))
        except sqlite3.OperationalError as exc:
            msg = str(exc)
            if query and not any(s in msg for s in ("locked", "I/O", "no such table", "readonly")):
                shown = query if len(query) <= 100 else query[:99] + "…"
                raise QueryError(f"bad search query {shown!r}: {msg}") from None
            raise StoreError(f"{self.path}: {msg}") from None

    def events(
        self,
        *,
        type: str | None = None,
        companies: list[str] | None = None,
        since: str | None = None,
        min_amount: float | None = None,
        query: str | None = None,
        sentiment: str | None = None,
        order: str = "newest",
        limit: int | None = 50,
        consolidate: bool = False,
        kinds: list[str] | None = None,
        change: str | None = None,
        created_since: str | None = None,
        query_documents: bool = False,
        until: str | None = None,
        seen_since: str | None = None,
        seen_until: str | None = None,
        count: bool = False,
    ) -> list[dict[str, Any]]:
        """Stored events, newest first (or by `order`: amount, sentiment, -sentiment).
        `count`: one row, `n`, the number of events (or mentions) that pass the filters.
        `companies` matches names or tickers, case-insensitively. With `consolidate`, mentions of
        one event (same Event.key) are one row, the best-attributed mention standing for all, with
        `mentions`, `documents`, `first_seen` and `last_seen`. `query_documents` lets the query
        match the event's document as well as its sentence (what alert rules mean); `kinds`
        filters on the document kind, `change` on guidance revisions, `created_since` on when
        the event was extracted."""
        where: list[str] = []
        args: dict[str, Any] = {}
        if kinds:
            where.append(f"d.kind IN ({in_list(args, 'k', kinds)})")
        if change:
            where.append("e.change = :change")
            args["change"] = change
        if created_since:
            where.append("e.created >= :created_since")
            args["created_since"] = created_since
        if until:
            where.append("e.published < :until")
            args["until"] = until
        if seen_since:  # events with a mention in [seen_since, seen_until), with all their mentions
            where.append("e.event_key IN (SELECT event_key FROM events WHERE published >= :seen_since "
                         "AND published < :seen_until)")
            args.update(seen_since=seen_since, seen_until=seen_until or "9999")
        if sentiment:
            where.append("e.sentiment = :sentiment")
            args["sentiment"] = sentiment
        if type:
            where.append("e.type = :type")
            args["type"] = type
        if companies:
            names = in_list(args, "c", companies, fold=True)
            where.append(
                f"(lower(e.company) IN ({names}) OR lower(e.ticker) IN ({names}) "
                f"OR EXISTS (SELECT 1 FROM json_each(e.companies) j WHERE lower(j.value) IN ({names})))"
            )
        if since:
            where.append("e.published >= :since")
            args["since"] = since
        if min_amount is not None:
            where.append(f"{AMOUNT_SQL} >= :min_amount")
            args["min_amount"] = min_amount
        if query:
            in_sentence = "e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH :q)"
            if query_documents:
                where.append(f"({in_sentence} OR d.rowid IN "
                             "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q))")
            else:
                where.append(in_sentence)
            args["q"] = fts_query(query)
        if count:
            what = "COUNT(DISTINCT COALESCE(e.event_key, e.id))" if consolidate else "COUNT(*)"
            clause = (" WHERE " + " AND ".join(where)) if where else ""
            return self._fts_query(f"SELECT {what} AS n FROM events e JOIN documents d ON d.id = e.document_id{clause}",
                                   args, query or "")
        sql = """
            SELECT e.id, e.published, e.type, e.company, e.ticker, e.cik, e.companies,
                   e.amount_usd, e.amount_low_usd, e.amount_high_usd, e.currency,
                   e.amount_original, e.amount_low_original, e.amount_high_original,
                   e.amount_usd_est, e.amount_text, e.qualifier, e.period, e.status, e.instrument,
                   e.coupon, e.maturity, e.use_of_proceeds, e.change, e.previous_usd, e.previous_low_usd,
                   e.previous_high_usd, e.history,
                   e.confidence, e.sentiment, e.sentiment_score, e.sentence, e.start, e."end", e.document_id,
                   COALESCE(e.event_key, e.id) AS event_key,
                   e.created, d.title AS document_title, d.url AS document_url, d.kind AS document_kind,
                   d.source AS document_source
            FROM events e JOIN documents d ON d.id = e.document_id"""
        if consolidate and order == "newest" and limit is not None and not seen_since:
            keys = self._newest_keys(where, args, limit, query or "")
            if not keys:
                return []
            names = in_list(args, "key", keys)
            where = [*where, f"(e.event_key IN ({names}) OR e.id IN ({names}))"]
        if where:
            sql += " WHERE " + " AND ".join(where)
        if consolidate:
            sql = f"""
                WITH m AS ({sql}),
                g AS (SELECT event_key, COUNT(*) AS mentions, COUNT(DISTINCT document_id) AS documents,
                             MIN(published) AS first_seen, MAX(published) AS last_seen FROM m GROUP BY event_key),
                r AS (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY event_key
                             ORDER BY confidence DESC, published, document_id, start) AS rank_in_event FROM m)
                SELECT r.*, g.mentions, g.documents, g.first_seen, g.last_seen
                FROM r JOIN g USING (event_key) WHERE rank_in_event = 1"""
            # newest: the most recently reported event first
            first = "last_seen DESC" if order == "newest" else _EVENT_ORDER[order].replace("e.", "")
            sql += f" ORDER BY {first}, event_key"
        else:
            sql += " ORDER BY " + _EVENT_ORDER[order] + ", e.document_id, e.start"
        if limit is not None:
            sql += " LIMIT :limit"
            args["limit"] = limit
        rows = self._fts_query(sql, args, query or "")
        for row in rows:
            row["companies"] = json.loads(row["companies"]) if row["companies"] else []
            row.pop("rank_in_event", None)
        return rows

    def _newest_keys(self, where: list[str], args: dict[str, Any], limit: int, query: str) -> list[str]:
        """The keys of the `limit` most recently reported events among the mentions that pass the
        filters: the newest mentions are read through the published index, a growing batch at a
        time, until `limit` distinct keys are seen. Exact, and it never aggregates the whole
        table, which at a million events is what made `monitor events` slow."""
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        batch = max(limit * 8, 200)
        while True:
            rows = self._fts_query(
                f"SELECT COALESCE(e.event_key, e.id) AS k FROM events e JOIN documents d ON d.id = e.document_id"
                f"{clause} ORDER BY e.published DESC LIMIT {batch}", args, query)
            keys = list(dict.fromkeys(r["k"] for r in rows))
            if len(keys) >= limit or len(rows) < batch:
                return keys[:limit]
            batch *= 4

    def tone(self, *, companies: list[str] | None = None, since: str | None = None,
             until: str | None = None, by: str = "day") -> list[dict[str, Any]]:
        """Mean document tone per company and period (day, week or month). A document counts for
        a company when it is about it (its company) or reports one of its events."""
        period = {"all": "'all'",
                  "day": "substr(COALESCE(d.published, d.fetched), 1, 10)",
                  "week": "strftime('%Y-W%W', COALESCE(d.published, d.fetched))",
                  "month": "substr(COALESCE(d.published, d.fetched), 1, 7)"}[by]
        where = ["d.sentiment_score IS NOT NULL"]
        args: dict[str, Any] = {}
        if since:
            where.append("COALESCE(d.published, d.fetched) >= :since")
            args["since"] = since
        if until:
            where.append("COALESCE(d.published, d.fetched) < :until")
            args["until"] = until
        if companies:
            where.append(f"lower(m.company) IN ({in_list(args, 'c', companies, fold=True)})")
        sql = f"""
            WITH mentions AS (
                SELECT id AS document_id, company FROM documents WHERE company IS NOT NULL
                UNION SELECT document_id, company FROM events WHERE company IS NOT NULL
                UNION SELECT e.document_id, j.value FROM events e, json_each(e.companies) j
                WHERE e.companies IS NOT NULL
            )
            SELECT m.company, {period} AS period, COUNT(*) AS documents,
                   ROUND(AVG(d.sentiment_score), 4) AS tone,
                   SUM(d.sentiment = 'positive') AS positive, SUM(d.sentiment = 'neutral') AS neutral,
                   SUM(d.sentiment = 'negative') AS negative
            FROM mentions m JOIN documents d ON d.id = m.document_id
            WHERE {" AND ".join(where)}
            GROUP BY m.company, period ORDER BY m.company, period"""
        return list(self.db.query(sql, args))

    def documents_matching(
        self,
        query: str,
        *,
        since: str | None = None,
        extracted_since: str | None = None,
        kinds: list[str] | None = None,
        sentiment: str | None = None,
        companies: list[str] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Documents whose title or text match a full-text query, oldest first: what a query-only
        alert rule fires on. `companies` matches the document's company or any of its events'.
        No snippet: FTS5's snippet() costs phrases x matches; the caller cuts its evidence from
        the text (see `snippet`)."""
        where = ["documents_fts MATCH :q", "d.pending IS NULL"]
        args: dict[str, Any] = {"q": fts_query(query)}
        if since:
            where.append("COALESCE(d.published, d.fetched) >= :since")
            args["since"] = since
        if extracted_since:
            where.append("d.extracted >= :extracted_since")
            args["extracted_since"] = extracted_since
        if kinds:
            where.append(f"d.kind IN ({in_list(args, 'k', kinds)})")
        if sentiment:
            where.append("d.sentiment = :sentiment")
            args["sentiment"] = sentiment
        if companies:
            names = in_list(args, "c", companies, fold=True)
            where.append(
                f"(lower(d.company) IN ({names}) OR lower(d.ticker) IN ({names}) OR EXISTS "
                f"(SELECT 1 FROM events e WHERE e.document_id = d.id AND "
                f"(lower(e.company) IN ({names}) OR lower(e.ticker) IN ({names}))))"
            )
        sql = f"""
            SELECT d.id, d.kind, d.source, COALESCE(d.published, d.fetched) AS published, d.company, d.ticker,
                   d.title, d.url, d.sentiment, d.sentiment_score, d.extracted
            FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
            WHERE {" AND ".join(where)}
            ORDER BY COALESCE(d.published, d.fetched), d.id"""
        if limit is not None:
            sql += " LIMIT :limit"
            args["limit"] = limit
        return self._fts_query(sql, args, query)

    def document_text(self, doc_id: str) -> tuple[str | None, str]:
        row = self.db.execute("SELECT title, text FROM documents WHERE id = ?", [doc_id]).fetchone()
        return (row[0], row[1]) if row else (None, "")

    def company_names(self) -> list[str]:
        """Every company and ticker named by a stored event or document: what a mistyped
        --company is compared with to suggest the name meant."""
        rows = self.db.execute(
            "SELECT company FROM events WHERE company IS NOT NULL UNION SELECT ticker FROM events "
            "WHERE ticker IS NOT NULL UNION SELECT company FROM documents WHERE company IS NOT NULL").fetchall()
        return [r[0] for r in rows]

    def first_seen_events(self, since: str, until: str | None = None) -> list[dict[str, Any]]:
        """Consolidated events first reported in [since, until): the day's news, not
        a re-mention of something reported last month. Each row carries its sources."""
        rows = self.events(consolidate=True, limit=None, order="amount", seen_since=since, seen_until=until)
        rows = [r for r in rows if (r["first_seen"] or "") >= since]
        self._attach_sources(rows)
        return rows

    def _attach_sources(self, rows: list[dict[str, Any]], per_event: int = 3) -> None:
        for row in rows:
            links = self.db.execute(
                """SELECT DISTINCT d.url, d.title, d.kind, d.source FROM events e
                   JOIN documents d ON d.id = e.document_id
                   WHERE COALESCE(e.event_key, e.id) = ? AND d.url IS NOT NULL
                   ORDER BY d.kind = 'filing' DESC, d.published LIMIT ?""",
                [row["event_key"], per_event],
            ).fetchall()
            row["sources"] = [{"url": u, "title": t, "kind": k, "source": s} for u, t, k, s in links]

    def previous_figure(self, company: str, type: str, period: str, *, before: str,
                        exclude_key: str | None = None) -> dict[str, Any] | None:
        """The latest figure of this type for the company and period reported before a date
        (another event): what a new guidance figure revises."""
        rows = list(self.db.query(
            f"""SELECT e.*, {AMOUNT_SQL} AS value FROM events e
                WHERE lower(e.company) = lower(?) AND e.type = ? AND lower(e.period) = lower(?)
                AND e.published < ? AND COALESCE(e.event_key, '') != COALESCE(?, '') AND {AMOUNT_SQL} IS NOT NULL
                ORDER BY e.published DESC, e.confidence DESC LIMIT 1""",
            [company, type, period, before, exclude_key]))
        return rows[0] if rows else None

    # -- XBRL facts (the ledger) -------------------------------------------------------------

    def upsert_facts(self, facts: Iterable[Fact], *, source: str | None = None, company: str | None = None) -> int:
        """Store reported values; one already stored (same concept, period and filing) is left
        as it is, so a re-poll stores nothing twice. For each period the value of the latest
        filing is marked current: a restatement supersedes the earlier figure, which is kept.
        `company` (the source's) names the filer instead of the SEC's entity name.
        Returns the number of new values."""
        now = utcnow()
        added = 0
        ciks: set[int] = set()
        with self.db.atomic():
            for f in facts:
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO facts (id, cik, company, source, taxonomy, concept, unit, period_start, "
                    "period_end, value, accession, form, filed, fy, fp, frame, current, stored) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                    [f.id, f.cik, company or f.company, source, f.taxonomy, f.concept, f.unit, f.start, f.end, f.value,
                     f.accession, f.form, f.filed, f.fy, f.fp, f.frame, now],
                )
                if cur.rowcount:
                    added += 1
                    ciks.add(f.cik)
            for cik in ciks:
                self.db.execute(
                    """UPDATE facts SET current = (id = (
                           SELECT f2.id FROM facts f2 WHERE f2.cik = facts.cik AND f2.taxonomy = facts.taxonomy
                           AND f2.concept = facts.concept AND f2.unit = facts.unit AND f2.period_end = facts.period_end
                           AND COALESCE(f2.period_start, '') = COALESCE(facts.period_start, '')
                           ORDER BY f2.filed DESC, f2.accession DESC LIMIT 1))
                       WHERE cik = ?""", [cik])
        return added

    def facts(self, cik: int, concepts: Iterable[str] | None = None, *, current: bool = True) -> list[dict[str, Any]]:
        """A filer's stored values (the current ones by default), oldest period first."""
        where, args = ["cik = :cik"], {"cik": cik}
        if concepts is not None:
            where.append(f"concept IN ({in_list(args, 'c', sorted(set(concepts)))})")
        if current:
            where.append("current = 1")
        return list(self.db.query(
            f"SELECT * FROM facts WHERE {' AND '.join(where)} ORDER BY period_end, period_start, filed", args))

    def fact_filers(self) -> list[dict[str, Any]]:
        """Each filer with stored facts: its CIK, its name as the SEC spells it, and when its
        newest values were stored."""
        return list(self.db.query(
            "SELECT cik, MAX(company) AS company, MAX(stored) AS stored, MAX(filed) AS filed "
            "FROM facts GROUP BY cik ORDER BY cik"))

    def replace_ledger(self, rows: list[dict[str, Any]]) -> None:
        """The computed ledger (monitor/ledger.py), kept as a table for Datasette and SQL users;
        recomputed whole after each run, in one transaction."""
        columns = [c.name for c in self.db["ledger"].columns]
        with self.db.atomic():
            self.db.execute("DELETE FROM ledger")
            for row in rows:
                values = {c: row.get(c) for c in columns}
                for key in ("debt_events", "sources"):
                    values[key] = json.dumps(row.get(key) or [], default=str)
                self.db.execute(
                    f"INSERT OR REPLACE INTO ledger ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                    [values[c] for c in columns])

    def event_companies(self) -> list[str]:
        """The companies events are attributed to, by name."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT company FROM events WHERE company IS NOT NULL ORDER BY company COLLATE NOCASE")]

    # -- alerts ----------------------------------------------------------------------------

    def alert_since(self, rule: str, default: str) -> str:
        """Where a rule's last check ended (its watermark); a new rule starts at `default`."""
        row = self.db.execute("SELECT since FROM alert_rules WHERE name = ?", [rule]).fetchone()
        return row[0] if row else default

    def start_alert_rules(self, rules: list[str], since: str) -> None:
        """Give rules never checked before their starting watermark, before the run's work: a
        run killed between extraction and the alert check leaves its events to the next one."""
        with self.db.atomic():
            self.db.conn.executemany("INSERT OR IGNORE INTO alert_rules (name, since) VALUES (?, ?)",
                                     [(r, since) for r in rules])

    def record_alerts(self, rows: list[dict[str, Any]], watermarks: dict[str, str]) -> int:
        """Record matches (one row per rule, channel and target) as pending, and move the rules'
        watermarks, in one transaction. A target already recorded for a rule and channel is
        skipped: each rule fires once per event or document. Returns the number recorded."""
        now = utcnow()
        added = 0
        with self.db.atomic():
            for row in rows:
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO alerts (rule, channel, target, event_id, event_key, document_id, "
                    "matched, payload, status, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [row["rule"], row["channel"], row["target"], row.get("event_id"), row.get("event_key"),
                     row.get("document_id"), json.dumps(row.get("matched") or []),
                     json.dumps(row["payload"], default=str), row.get("status", "pending"), now],
                )
                added += cur.rowcount
            for rule, since in watermarks.items():
                self.db.execute(
                    "INSERT INTO alert_rules (name, since) VALUES (?, ?) "
                    "ON CONFLICT(name) DO UPDATE SET since = excluded.since", [rule, since])
        return added

    def alerts_fired(self, rule: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT target FROM alerts WHERE rule = ?", [rule])}

    def alerts_to_send(self, *, max_attempts: int = 5) -> list[dict[str, Any]]:
        """Alerts recorded but not confirmed sent (new, failed earlier, or interrupted by a
        crash between sending and confirming), oldest first. Digest hits wait for the digest."""
        rows = list(self.db.query(
            "SELECT * FROM alerts WHERE status IN ('pending', 'failed') AND attempts < ? ORDER BY id",
            [max_attempts]))
        for r in rows:
            r["payload"] = json.loads(r["payload"])
            r["matched"] = json.loads(r["matched"] or "[]")
        return rows

    def mark_alert(self, alert_id: int, *, ok: bool, error: str | None = None, give_up: bool = False) -> None:
        """Confirm an alert sent, or record why it failed (`give_up`: never retry it)."""
        with self.db.atomic():
            if give_up:
                self.db.execute("UPDATE alerts SET status = 'failed', attempts = 1000, error = ? WHERE id = ?",
                                [error, alert_id])
                return
            if ok:
                self.db.execute("UPDATE alerts SET status = 'sent', sent = ?, attempts = attempts + 1, error = NULL "
                                "WHERE id = ?", [utcnow(), alert_id])
            else:
                self.db.execute("UPDATE alerts SET status = 'failed', attempts = attempts + 1, error = ? WHERE id = ?",
                                [error, alert_id])

    def digest_alerts(self, since: str | None = None) -> list[dict[str, Any]]:
        """Rule hits batched for the digest: every one not yet carried by a sent digest, and
        (for a preview or a resend) those recorded since `since`."""
        where = "status = 'queued'" + (" OR created >= ?" if since else "")
        rows = list(self.db.query(f"SELECT * FROM alerts WHERE channel = 'digest' AND ({where}) ORDER BY id",
                                  [since] if since else []))
        for r in rows:
            r["payload"] = json.loads(r["payload"])
            r["matched"] = json.loads(r["matched"] or "[]")
        return rows

    def mark_digest_alerts_sent(self, ids: list[int]) -> None:
        with self.db.atomic():
            self.db.conn.executemany("UPDATE alerts SET status = 'sent', sent = ? WHERE id = ?",
                                [(utcnow(), i) for i in ids])

    def alert_summary(self) -> dict[str, dict[str, Any]]:
        """Per rule: how many targets fired, how many are waiting or failed, the last one."""
        rows = self.db.query(
            "SELECT rule, COUNT(DISTINCT target) AS fired, SUM(status = 'sent') AS sent, "
            "SUM(status IN ('pending', 'failed')) AS unsent, SUM(status = 'queued') AS queued, "
            "MAX(created) AS last FROM alerts GROUP BY rule")
        return {r["rule"]: r for r in rows}

    # -- digests ---------------------------------------------------------------------------

    def digest_state(self, day: str, recipients: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM digests WHERE day = ? AND recipients = ?", [day, recipients]))
        return rows[0] if rows else None

    def start_digest(self, day: str, recipients: str, *, subject: str, message_id: str, events: int,
                     status: str = "sending", now: str | None = None) -> None:
        """Recorded before the message goes out: a crash between sending and `finish_digest`
        leaves 'sending', which the next run sends again (at least once, never silently lost)."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO digests (day, recipients, status, subject, message_id, events, created, attempted) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(day, recipients) DO UPDATE SET "
                "status = excluded.status, subject = excluded.subject, message_id = excluded.message_id, "
                "events = excluded.events, attempted = excluded.attempted, error = NULL",
                [day, recipients, status, subject, message_id, events, utcnow(), now or utcnow()],
            )

    def finish_digest(self, day: str, recipients: str, *, ok: bool, error: str | None = None) -> None:
        with self.db.atomic():
            if ok:
                self.db.execute("UPDATE digests SET status = 'sent', sent = ?, sends = sends + 1 "
                                "WHERE day = ? AND recipients = ?", [utcnow(), day, recipients])
            else:
                self.db.execute("UPDATE digests SET status = 'failed', error = ? WHERE day = ? AND recipients = ?",
                                [error, day, recipients])

    def counts(self) -> dict[str, int]:
        return {
            name: self.db.execute(f"SELECT COUNT(*) FROM [{name}]").fetchone()[0]
            for name in ("sources", "documents", "events", "runs")
        }

    # -- sources and runs ------------------------------------------------------------------

    def source_state(self, name: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM sources WHERE name = ?", [name]))
        return rows[0] if rows else None

    def record_fetch(
        self,
        name: str,
        *,
        ok: bool,
        type: str | None = None,
        url: str | None = None,
        kind: str | None = None,
        status: int | None = None,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        items: int = 0,
        warning: str | None = None,
    ) -> None:
        now = utcnow()
        with self.db.atomic():
            state = self.source_state(name) or {
                "name": name,
                "consecutive_failures": 0,
                "items_seen": 0,
            }
            state.update(type=type, url=url, kind=kind, last_fetched=now, last_status=status)
            if ok:
                state["last_success"] = now
                state["last_error"] = None
                state["consecutive_failures"] = 0
                state["items_seen"] = (state.get("items_seen") or 0) + items
                state["last_warning"] = warning
                if etag is not None or last_modified is not None:
                    state["etag"] = etag
                    state["last_modified"] = last_modified
            else:
                state["last_error"] = error
                state["consecutive_failures"] = (state.get("consecutive_failures") or 0) + 1
            self.db["sources"].upsert(state, pk="name")

    def sources(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM sources ORDER BY name"))

    def start_run(self, command: str) -> int:
        """Record a run. Called under the writer lock (monitor/lock.py), so a run still marked
        'running' is one that was killed: it is marked 'interrupted'."""
        with self.db.atomic():
            self.db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cur = self.db.execute(
                "INSERT INTO runs (command, started, status) VALUES (?, ?, 'running')",
                [command, utcnow()],
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, status: str, errors: list[str], **counts: int) -> None:
        record: dict[str, Any] = {
            "finished": utcnow(),
            "status": status,
            "errors": json.dumps(errors) if errors else None,
        }
        record.update(counts)
        with self.db.atomic():
            self.db["runs"].update(run_id, record)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM runs ORDER BY id DESC LIMIT ?", [limit]))

    # -- health and backup (monitor doctor, monitor backup) -------------------------------------

    def integrity_problems(self, *, limit: int = 20) -> list[str]:
        """What SQLite's integrity check finds (an empty list when the file is sound)."""
        rows = [r[0] for r in self.db.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()]
        return [] if rows == ["ok"] else rows

    def fts_tables(self) -> dict[str, str]:
        """Full-text index -> the table it indexes."""
        return {f"{t}_fts": t for t in ("documents", "events") if f"{t}_fts" in self.db.table_names()}

    def fts_problem(self, fts: str) -> str | None:
        """Why a full-text index disagrees with its table (rows missing, stale or corrupt), or None."""
        table = self.fts_tables()[fts]
        try:
            self.db.execute(f"INSERT INTO [{fts}]([{fts}]) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            return f"{exc}"
        indexed = self.db.execute(f"SELECT COUNT(*) FROM [{fts}_docsize]").fetchone()[0]
        rows = self.db.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]
        if indexed != rows:
            return f"{indexed} rows indexed, {rows} in {table}"
        return None

    def rebuild_fts(self, fts: str) -> None:
        with self.db.atomic():
            self.db.execute(f"INSERT INTO [{fts}]([{fts}]) VALUES('rebuild')")

    def failing_sources(self, min_failures: int) -> list[dict[str, Any]]:
        return list(self.db.query(
            "SELECT name, consecutive_failures, last_success, last_error FROM sources "
            "WHERE consecutive_failures >= ? ORDER BY consecutive_failures DESC, name", [min_failures]))

    def unfinished_runs(self) -> list[dict[str, Any]]:
        return list(self.db.query(
            "SELECT id, command, started, status FROM runs WHERE status IN ('running', 'interrupted') "
            "ORDER BY id DESC LIMIT 20"))

    def backlog(self, *, max_attempts: int = 5) -> dict[str, int]:
        """Work left over: documents to extract, stand-ins to complete, alerts not yet sent."""
        def one(sql: str, *args: Any) -> int:
            return self.db.execute(sql, args).fetchone()[0]

        return {
            "to_extract": one("SELECT COUNT(*) FROM documents WHERE extracted IS NULL"),
            "pending_documents": one("SELECT COUNT(*) FROM documents WHERE pending IS NOT NULL"),
            "alerts_unsent": one("SELECT COUNT(*) FROM alerts WHERE status IN ('pending', 'failed') AND attempts < ?",
                                 max_attempts),
            "alerts_given_up": one("SELECT COUNT(*) FROM alerts WHERE status = 'failed' AND attempts >= ?", max_attempts),
        }

    def backup(self, target: str | Path, *, progress: Callable[[int, int], None] | None = None,
               pages: int = 1024) -> None:
        """Copy the database to `target` with SQLite's online backup API: a consistent snapshot
        while other processes keep reading and writing; written beside the target, then renamed."""
        target = Path(target)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        try:
            dest = sqlite3.connect(partial)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{target}: cannot create the copy: {exc}") from None

        def report(status: int, remaining: int, total: int) -> None:
            if progress:
                progress(total - remaining, total)

        try:
            self.db.conn.backup(dest, pages=pages, progress=report)
            problems = [r[0] for r in dest.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise StoreError(f"{target}: the copy failed its check: {problems[0]}")
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        except BaseException as exc:
            dest.close()
            partial.unlink(missing_ok=True)
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{target}: backup failed: {exc}") from None
            raise
        dest.close()
        partial.replace(target)


def _row_to_document(row: dict[str, Any]) -> Document:
    names = {f.name for f in fields(Document)}
    data = {k: v for k, v in row.items() if k in names}
    for key in _DOC_JSON:
        data[key] = json.loads(data[key]) if data.get(key) else ([] if key == "tables" else {})
    return Document(**data)
