import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.models import Document, Event
from monitor.store import SCHEMA_VERSION, QueryError, Store, StoreError


def doc(id="d1", text="Oracle priced $18 billion of senior notes.", **kw) -> Document:
    return Document(id=id, source="test", kind="news", text=text, title=kw.pop("title", "Oracle bonds"), **kw)


def event(start=0, amount=18e9, text="$18 billion") -> Event:
    return Event(type="debt", sentence="Oracle priced $18 billion of senior notes.", start=start, end=42,
                 company="Oracle", ticker="ORCL", amount_usd=amount, amount_text=text, instrument="senior notes")


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as s:
        yield s


def test_upsert_is_idempotent(store: Store):
    assert store.upsert_document(doc()) == "new"
    assert store.upsert_document(doc()) == "unchanged"
    assert store.upsert_document(doc(text="Oracle priced  $18 billion of senior notes.")) == "unchanged"
    assert store.counts()["documents"] == 1


def test_same_content_under_another_id_is_a_duplicate(store: Store):
    store.upsert_document(doc())
    assert store.upsert_document(doc(id="d2")) == "duplicate"
    assert store.counts()["documents"] == 1


def test_changed_content_updates_and_drops_stale_events(store: Store):
    d = doc()
    store.upsert_document(d)
    store.replace_events(d, [event()], version="1")
    assert store.upsert_document(doc(text="Oracle priced $20 billion of senior notes.")) == "updated"
    assert store.counts()["events"] == 0
    assert store.documents_to_extract() == ["d1"]


def test_replacing_events_twice_never_duplicates(store: Store):
    d = doc()
    store.upsert_document(d)
    assert store.replace_events(d, [event()], version="1") == 1
    assert store.replace_events(d, [event(), event(start=5, amount=1e9, text="$1 billion")], version="1") == 2
    assert store.replace_events(d, [event()], version="1") == 1
    assert store.counts()["events"] == 1
    assert store.documents_to_extract() == []
    assert store.documents_to_extract(all=True) == ["d1"]


def test_failed_write_rolls_back_everything(store: Store):
    d = doc()
    store.upsert_document(d)
    store.replace_events(d, [event()], version="1")
    bad = event()
    bad.type = "equity"  # violates the CHECK constraint
    with pytest.raises(sqlite3.IntegrityError):
        store.replace_events(d, [event(start=9), bad], version="2")
    rows = store.events()
    assert len(rows) == 1 and rows[0]["start"] == 0
    assert store.get_document("d1").text == d.text


def test_search_snippets_and_bad_queries(store: Store):
    store.upsert_document(doc())
    store.upsert_document(doc(id="d2", text="Meta raised its capex outlook.", title="Meta capex"))
    hits = store.search("senior notes")
    assert [h["id"] for h in hits] == ["d1"]
    assert "[senior]" in hits[0]["snippet"]
    assert [h["id"] for h in store.search('"capex outlook"', rank=True)] == ["d2"]
    assert [h["id"] for h in store.search("Meta NEAR/3 outlook")] == ["d2"]
    assert [h["id"] for h in store.search("NEAR(Meta outlook, 3)")] == ["d2"]
    assert store.search("Meta NEAR/1 outlook") == []
    for bad in ['"bond', "bond AND", "NEAR(", "'; DROP TABLE documents; --"]:
        with pytest.raises(QueryError):
            store.search(bad)
    assert store.counts()["documents"] == 2


def test_ranked_search_orders_the_newest_matches_by_relevance(store: Store, monkeypatch):
    from monitor import store as store_module

    # d00 is the oldest and says "bond" most often; the others once or twice, newer each.
    for i in range(30):
        words = [f"w{(i * 37 + j * 11) % 997}" for j in range(40)]  # distinct texts: no near-duplicates
        text = " ".join(["bond"] * (12 if i == 0 else 1 + i % 2) + words)
        store.upsert_document(doc(id=f"d{i:02d}", text=text, published=f"2025-01-{i + 1:02d}T10:00:00+00:00"))
    score = dict(store.db.execute(
        "SELECT d.id, documents_fts.rank FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
        "WHERE documents_fts MATCH 'bond'").fetchall())
    ranked = [h["id"] for h in store.search("bond", rank=True, limit=30)]
    assert ranked[0] == "d00" and sorted(ranked) == sorted(score)
    assert [score[d] for d in ranked] == sorted(score.values())
    monkeypatch.setattr(store_module, "RANK_POOL", 10)
    newest = {h["id"] for h in store.search("bond", limit=10)}
    ranked = [h["id"] for h in store.search("bond", rank=True, limit=5)]
    assert set(ranked) <= newest and "d00" not in ranked
    assert [score[d] for d in ranked] == sorted(score[d] for d in newest)[:5]


def test_event_filters_are_parameterised(store: Store):
    d = doc(published="2025-09-24")
    store.upsert_document(d)
    store.replace_events(d, [event()], version="1")
    assert len(store.events(companies=["oracle"])) == 1
    assert len(store.events(companies=["ORCL"])) == 1
    assert store.events(companies=["x' OR '1'='1"]) == []
    assert store.events(type="capex") == []
    assert len(store.events(since="2025-09-01", min_amount=1e10)) == 1
    assert store.events(since="2025-10-01") == []
    assert store.events(min_amount=2e10) == []
    assert len(store.events(query="senior")) == 1


def test_fts_is_set_up_the_sqlite_utils_way(store: Store, db_path: Path):
    store.upsert_document(doc())
    store.close()
    out = subprocess.run(
        [str(Path(sys.executable).parent / "sqlite-utils"), "search", str(db_path), "documents", "senior"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(out.stdout)[0]["id"] == "d1"
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    assert db["documents"].detect_fts() == "documents_fts"
    assert db["events"].detect_fts() == "events_fts"


def test_schema_version_and_wal(db_path: Path):
    with Store(db_path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(db_path) as s:  # re-opening migrates nothing
        assert s.db.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(db_path: Path):
    with Store(db_path) as s:
        s.db.execute("INSERT INTO schema_version VALUES (?, 'future')", [SCHEMA_VERSION + 1])
        s.db.conn.commit()
    with pytest.raises(StoreError, match="newer than this monitor"):
        Store(db_path)


def test_not_a_database(tmp_path: Path):
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(bad)


def test_runs_and_source_state(store: Store):
    run_id = store.start_run("run")
    store.finish_run(run_id, status="ok", errors=[], sources_ok=2, documents_new=3)
    assert store.runs()[0]["documents_new"] == 3
    store.record_fetch("feed", ok=True, status=200, etag='"abc"', items=4)
    store.record_fetch("feed", ok=False, error="HTTP 500")
    state = store.source_state("feed")
    assert state["etag"] == '"abc"' and state["consecutive_failures"] == 1 and state["items_seen"] == 4
    assert state["last_error"] == "HTTP 500"


def _dated(doc_id: str, published: str, text: str) -> Document:
    return Document(id=doc_id, source="t", kind="news", text=text, title=doc_id, published=published)


def test_search_is_newest_first_whatever_the_order_of_storing(store: Store):
    # a backfill stores old documents after new ones: rowids follow dates, not arrival
    for doc_id, when in [("mid", "2025-06-01T00:00:00+00:00"), ("new", "2026-03-01T12:00:00+00:00"),
                         ("old", "2019-01-01T00:00:00+00:00"), ("same-ms", "2026-03-01T12:00:00+00:00")]:
        store.upsert_document(_dated(doc_id, when, f"bond sale number {doc_id}"))
    assert [r["id"] for r in store.search("bond")] == ["same-ms", "new", "mid", "old"]
    assert [r["id"] for r in store.search("bond", since="2025-01-01")] == ["same-ms", "new", "mid"]
    assert [r["id"] for r in store.search("bond", limit=2)] == ["same-ms", "new"]
    rowids = dict(store.db.execute("SELECT id, rowid FROM documents").fetchall())
    assert rowids["old"] < rowids["mid"] < rowids["new"] < rowids["same-ms"]


def test_migration_7_rekeys_an_existing_database_by_date(db_path: Path):
    import sqlite_utils

    from monitor.store import MIGRATIONS

    db = sqlite_utils.Database(db_path)  # a version-6 database, documents in arrival order
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    for version in range(1, 7):
        MIGRATIONS[version - 1](db)
        db.execute("INSERT INTO schema_version VALUES (?, 'then')", [version])
    for i, when in enumerate(["2026-01-01T00:00:00+00:00", "2020-01-01T00:00:00+00:00", None]):
        db["documents"].insert({"id": f"d{i}", "source": "t", "kind": "news", "text": f"term loan {i}",
                                "published": when, "fetched": "2024-05-05T00:00:00+00:00", "hash": f"h{i}"})
    db["events"].insert({"id": "e0", "document_id": "d0", "type": "debt", "sentence": "term loan 0"})
    db.close()
    with Store(db_path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert [r["id"] for r in s.search("loan")] == ["d0", "d2", "d1"]  # d2 dated by its fetch
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert s.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert s.events(limit=None)[0]["document_id"] == "d0"
        names = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'documents'")}
        assert {"idx_documents_published", "idx_documents_fp0", "documents_ai"} <= names


def test_newest_events_fast_path_agrees_with_the_full_aggregation(store: Store):
    # 30 events, each reported 1-3 times on different days; the fast path reads only the newest
    for i in range(30):
        for j in range(1 + i % 3):
            text = f"Company{i} priced $1{i} billion of notes, report {j}."
            d = Document(id=f"d{i}-{j}", source="t", kind="news", text=text, title=f"t{i}-{j}",
                         published=f"2025-{1 + (i * 7 + j * 3) % 12:02d}-{1 + (i + j) % 27:02d}T00:00:00+00:00")
            store.upsert_document(d)
            store.replace_events(d, [Event(type="debt", sentence=text, start=0, end=len(text), company=f"Company{i}",
                                           amount_usd=float(10 + i) * 1e9, amount_text=f"$1{i} billion")], version="t")
    full = store.events(consolidate=True, limit=None)
    for limit in (1, 5, 12, 30, 50):
        fast = store.events(consolidate=True, limit=limit)
        assert [r["event_key"] for r in fast] == [r["event_key"] for r in full][:limit]
        assert [r["mentions"] for r in fast] == [r["mentions"] for r in full][:limit]
    assert [r["last_seen"] for r in full] == sorted((r["last_seen"] for r in full), reverse=True)
    assert store.events(consolidate=True, limit=5, type="capex") == []
