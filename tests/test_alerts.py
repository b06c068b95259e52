"""Alert rules on a real SQLite store: matching, once-only firing, and each channel for real
(a webhook to a local HTTP server, e-mail to a local SMTP server, a JSONL file, stdout)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from werkzeug import Response

from monitor import alerts
from monitor.config import ConfigError, parse_config
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store
from tests.conftest import COMPANIES
from tests.factories import add, ago, capex, debt

ORACLE_BONDS = "Oracle sold $18 billion of bonds on Wednesday in one of the largest bond sales of the year."
ORACLE_TEXT = "Oracle raises money. " + ORACLE_BONDS + " Demand was strong."
META_CAPEX = "Meta raised its 2026 capital expenditure forecast to $72 billion from $66 billion."
SMALL_LOAN = "CoreWeave took a $500 million term loan backed by GPUs."


def config_with(rules: list[dict], **extra) -> object:
    return parse_config({"companies": COMPANIES, "alerts": rules, **extra})


def check(store: Store, config, out: io.StringIO | None = None, first_since: str | None = None, **kw):
    rules = alerts.compile_rules(config, CompanyIndex(config.companies))
    return alerts.check(config, store, rules, stdout=out or io.StringIO(), first_since=first_since or ago(days=1), **kw)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "m.db") as s:
        yield s


def seed(store: Store) -> None:
    add(store, "oracle-1", ORACLE_TEXT, [debt("Oracle", 18e9, ORACLE_BONDS, ticker="ORCL",
                                              sentiment="positive", sentiment_score=0.6)],
        title="Oracle's $18bn bond sale", kind="news")
    add(store, "meta-1", META_CAPEX, [capex("Meta", 72e9, META_CAPEX, period="FY2026", change="raised",
                                            previous_usd=66e9, ticker="META", sentiment="neutral",
                                            sentiment_score=0.0)],
        title="Meta lifts capex guidance", kind="filing")
    add(store, "cw-1", SMALL_LOAN, [debt("CoreWeave", 5e8, SMALL_LOAN, instrument="term loan",
                                         sentiment="negative", sentiment_score=-0.5)],
        title="CoreWeave's GPU-backed loan")


# -- rules and their configuration ----------------------------------------------------------


def test_query_terms_and_which_matched():
    terms = alerts.query_terms('"bond sale" OR "notes offering" OR capex NEAR/5 raise* AND title:oracle NOT equity')
    assert terms == ["bond sale", "notes offering", "capex", "raise*", "oracle", "equity"]
    assert alerts.found_terms(terms, "Oracle raised capex after a bond sale") == ["bond sale", "capex", "raised", "oracle"]
    assert alerts.found_terms(['"GPU-backed"'.strip('"')], "a GPU backed loan") == ["GPU-backed"]


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ({"query": '"bond sale', "channels": [{"type": "stdout"}]}, "alerts.bad.query: bad full-text query"),
        ({"query": "capex AND", "channels": [{"type": "stdout"}]}, "alerts.bad.query: bad full-text query"),
        ({"qurey": "capex", "channels": [{"type": "stdout"}]}, "alerts.bad.qurey: unknown field"),
        ({"types": ["equity"], "channels": [{"type": "stdout"}]}, "alerts.bad.types.0:"),
        ({"query": "x", "match": "documents", "types": ["debt"], "channels": [{"type": "stdout"}]},
         "alerts.bad: match: documents cannot use types"),
        ({"query": "x"}, "alerts.bad: no channels and digest is false"),
        ({"channels": [{"type": "webhook", "url_env": "https://hooks.slack.com/x"}]},
         "alerts.bad.channels.0: url_env must be the NAME of an environment variable"),
        ({"channels": [{"type": "email", "to": ["a@b.org\r\nBcc: x@y.org"]}]}, "alerts.bad.channels.0:"),
        ({"max_age": "a week", "channels": [{"type": "stdout"}]}, "alerts.bad.max_age:"),
    ],
)
def test_bad_rules_are_reported_at_load_naming_the_rule(rule, problem):
    with pytest.raises(ConfigError) as err:
        parse_config({"alerts": [{"name": "good", "channels": [{"type": "stdout"}]}, {"name": "bad", **rule}]})
    assert len(err.value.problems) == 1
    assert err.value.problems[0].startswith(problem), err.value.problems


def test_cli_reports_a_bad_rule_and_exits_2(run_cli, write_config):
    cfg = write_config({"alerts": [{"name": "broken", "query": 'NEAR(', "channels": [{"type": "stdout"}]}]})
    result = run_cli("alerts", "list", config=cfg)
    assert result.exit_code == 2
    assert "alerts.broken.query: bad full-text query" in result.stderr


def test_rule_watches_documents_when_it_has_only_a_query():
    config = config_with([
        {"name": "docs", "query": '"GPU-backed"', "channels": [{"type": "stdout"}]},
        {"name": "events", "query": "bond", "types": ["debt"], "channels": [{"type": "stdout"}]},
        {"name": "all", "channels": [{"type": "stdout"}]},
    ])
    assert [r.on for r in config.alerts] == ["documents", "events", "events"]


# -- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({}, {"Oracle", "Meta", "CoreWeave"}),
        ({"types": ["debt"]}, {"Oracle", "CoreWeave"}),
        ({"types": ["capex", "debt"]}, {"Oracle", "Meta", "CoreWeave"}),
        ({"companies": ["ORCL"]}, {"Oracle"}),  # a ticker
        ({"companies": ["Facebook"]}, {"Meta"}),  # an alias
        ({"min_amount_usd": 1e9}, {"Oracle", "Meta"}),
        ({"min_amount_usd": 18e9}, {"Oracle", "Meta"}),  # the threshold itself counts
        ({"min_amount_usd": 18.5e9}, {"Meta"}),
        ({"sentiment": "negative"}, {"CoreWeave"}),
        ({"kinds": ["filing"]}, {"Meta"}),
        ({"change": "raised"}, {"Meta"}),
        ({"change": "lowered"}, set()),
        ({"query": '"bond sale*"', "types": ["debt"]}, {"Oracle"}),  # in the sentence
        ({"query": "demand", "types": ["debt"]}, set()),  # in the document, not the event's sentence
        ({"query": "demand", "types": ["debt"], "query_scope": "document"}, {"Oracle"}),  # asked for
        ({"query": "GPU*", "types": ["debt"], "min_amount_usd": 1e9}, set()),  # every condition must hold
    ],
)
def test_each_filter(store, rule, expected):
    seed(store)
    config = config_with([{"name": "r", "channels": [{"type": "stdout"}], **rule}])
    (compiled,) = alerts.compile_rules(config, CompanyIndex(config.companies))
    matches = alerts.find_matches(store, compiled, since=ago(days=7))
    assert {m.event["company"] for m in matches} == expected


def test_messages_say_what_matched_with_evidence_and_link(store):
    seed(store)
    config = config_with([{"name": "big-debt", "types": ["debt"], "min_amount_usd": 1e9,
                           "query": '"bond sale" OR "notes offering"', "query_scope": "document",
                           "companies": ["Oracle"], "channels": [{"type": "stdout"}]}])
    out = io.StringIO()
    report = check(store, config, out)
    assert (report.matched, report.sent, report.failed) == (1, 1, 0)
    text = out.getvalue()
    assert text.startswith("monitor alert [big-debt]: Oracle debt $18B (notes, priced)")
    assert "Matched: type debt; company Oracle (ORCL); amount $18B >= $1B; " in text
    # FTS5 does not stem: "bond sale" is in the title, the sentence has "bond sales"
    assert 'query "bond sale" OR "notes offering": "bond sale" in the document' in text
    assert f'Evidence: "{ORACLE_BONDS}"' in text
    assert "Source: https://news.example/oracle-1" in text


def test_document_rule_fires_once_per_document(store):
    seed(store)
    config = config_with([{"name": "gpu", "query": '"GPU-backed" OR "backed by GPUs"', "channels": [{"type": "stdout"}]}])
    out = io.StringIO()
    assert check(store, config, out).matched == 1
    assert "monitor alert [gpu]: CoreWeave's GPU-backed loan" in out.getvalue()
    assert '"GPU-backed", "backed by GPUs" in the document' in out.getvalue()
    assert check(store, config).matched == 0


def test_fires_once_per_event_across_documents_reruns_reextraction_and_restarts(tmp_path):
    path = tmp_path / "m.db"
    config = config_with([{"name": "big", "min_amount_usd": 1e9, "channels": [{"type": "jsonl", "path": str(tmp_path / "a.jsonl")}]}])
    with Store(path) as store:
        seed(store)
        # the same bond sale reported by a second site: same event key, one alert
        add(store, "oracle-2", "Elsewhere: " + ORACLE_BONDS, [debt("Oracle", 18e9, ORACLE_BONDS, ticker="ORCL")])
        first = check(store, config)
        assert (first.matched, first.sent) == (2, 2)  # Oracle's bonds, Meta's capex
        assert check(store, config).matched == 0
        # re-extraction writes the events again (new created time): nothing fires twice
        seed(store)
    with Store(path) as store:  # a restart
        again = check(store, config)
        assert (again.matched, again.sent) == (0, 0)
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    assert len(lines) == 2
    assert sorted(json.loads(x)["event"]["company"] for x in lines) == ["Meta", "Oracle"]


def test_new_rule_does_not_replay_history_and_old_news_does_not_alert(store):
    seed(store)
    store.db.execute("UPDATE events SET created = ?", [ago(hours=2)])  # extracted two hours ago
    config = config_with([{"name": "r", "channels": [{"type": "stdout"}]}])
    # a rule's first check starts at `first_since` (the run's start): these came before the rule
    assert check(store, config, first_since=ago(minutes=1)).matched == 0
    # a backfilled filing from last year is new to the store but too old to alert on
    add(store, "old-1", META_CAPEX, [capex("Meta", 72e9, META_CAPEX, period="FY2024")], published="2024-02-01T00:00:00+00:00")
    add(store, "new-1", SMALL_LOAN, [debt("Lambda", 5e8, SMALL_LOAN)])
    report = check(store, config)
    assert report.matched == 1
    assert report.by_rule == {"r": 1}


# -- channels -----------------------------------------------------------------------------------


def webhook_receiver(httpserver, monkeypatch) -> list:
    """A real HTTP endpoint on 127.0.0.1 for webhooks (its URL in TEST_HOOK); the bodies it got."""
    monkeypatch.setenv("TEST_HOOK", httpserver.url_for("/hook"))
    received: list = []

    def handler(request):
        received.append(json.loads(request.data))
        return Response("ok")

    httpserver.expect_request("/hook", method="POST").respond_with_handler(handler)
    return received


def test_webhook_posts_slack_text_and_the_event(store, httpserver, monkeypatch):
    seed(store)
    received = webhook_receiver(httpserver, monkeypatch)
    config = config_with([{"name": "hook", "companies": ["Oracle"], "channels": [{"type": "webhook", "url_env": "TEST_HOOK"}]}])
    report = check(store, config)
    assert (report.sent, report.failed) == (1, 0)
    (body,) = received
    assert body["text"].startswith("monitor alert [hook]: Oracle debt $18B")
    assert body["rule"] == "hook" and body["matched"] == ["company Oracle (ORCL)"]
    assert body["event"]["amount_usd"] == 18e9 and body["event"]["instrument"] == "notes"
    assert body["document"]["url"] == "https://news.example/oracle-1"


def test_failed_webhook_is_retried_at_the_next_check_and_never_names_the_url(store, httpserver, monkeypatch):
    seed(store)
    secret = httpserver.url_for("/secret-token-123")
    monkeypatch.setenv("TEST_HOOK", secret)
    httpserver.expect_ordered_request("/secret-token-123").respond_with_data("down", status=503)
    httpserver.expect_ordered_request("/secret-token-123").respond_with_data("ok")
    config = config_with([{"name": "hook", "companies": ["Oracle"], "channels": [{"type": "webhook", "url_env": "TEST_HOOK"}]}])
    first = check(store, config)
    assert (first.matched, first.sent, first.failed) == (1, 0, 1)
    assert first.errors == ["alert hook -> webhook: webhook (TEST_HOOK) answered HTTP 503"]
    assert "secret-token" not in " ".join(first.errors)
    second = check(store, config)
    assert (second.matched, second.sent, second.failed) == (0, 1, 0)
    assert check(store, config).sent == 0


def test_missing_webhook_variable_is_one_clear_line(store, monkeypatch):
    seed(store)
    monkeypatch.delenv("NO_SUCH_HOOK", raising=False)
    config = config_with([{"name": "hook", "companies": ["Oracle"], "channels": [{"type": "webhook", "url_env": "NO_SUCH_HOOK"},
                                                                               {"type": "stdout"}]}])
    out = io.StringIO()
    report = check(store, config, out)
    assert report.errors == ["alert hook -> webhook: environment variable NO_SUCH_HOOK (the webhook URL) is not set"]
    assert report.sent == 1 and "monitor alert [hook]" in out.getvalue()  # the other channel still works


def test_email_alert_to_a_real_smtp_server_resists_header_injection(store, smtp_server):
    port, sink = smtp_server
    hostile = "Oracle sells $18 billion of bonds\r\nBcc: victim@example.org\r\nX-Evil: 1"
    text = "Oracle sold $18 billion of bonds."
    add(store, "evil", text, [debt("Oracle\r\nBcc: victim@example.org", 18e9, text)], title=hostile)
    config = config_with(
        [{"name": "mail", "min_amount_usd": 1e9, "channels": [{"type": "email", "to": ["analyst@example.org"]}]}],
        digest={"sender": "monitor@example.org", "smtp": {"host": "127.0.0.1", "port": port, "security": "none"}},
    )
    report = check(store, config)
    assert (report.sent, report.failed) == (1, 0), report.errors
    (msg,) = sink.messages
    assert sink.envelopes[0].rcpt_tos == ["analyst@example.org"]
    assert msg["Bcc"] is None and msg["X-Evil"] is None
    headers = sink.envelopes[0].original_content.split(b"\r\n\r\n")[0]
    assert b"\nBcc:" not in headers and b"\nX-Evil:" not in headers
    assert "Bcc: victim@example.org X-Evil: 1" in msg.get_content()  # one line of the body, harmless
    assert " ".join(msg["Subject"].split()).startswith("[monitor] mail: Oracle Bcc: victim@example.org debt $18B")
    assert msg["Message-ID"] and msg["Date"]
    assert "monitor alert [mail]" in msg.get_content()
    assert check(store, config).sent == 0 and len(sink.messages) == 1


def test_unreachable_smtp_fails_the_alert_and_keeps_it_for_later(store):
    seed(store)
    config = config_with(
        [{"name": "mail", "companies": ["Meta"], "channels": [{"type": "email", "to": ["a@example.org"]}]}],
        digest={"smtp": {"host": "127.0.0.1", "port": 9, "security": "none"}},
    )
    report = check(store, config)
    assert report.failed == 1
    assert report.errors[0].startswith("alert mail -> email: SMTP 127.0.0.1:9: cannot connect")
    assert store.alerts_to_send()[0]["attempts"] == 1


def test_digest_rules_queue_their_hits(store):
    seed(store)
    config = config_with([{"name": "guidance", "change": "raised", "digest": True}])
    report = check(store, config)
    assert (report.matched, report.queued, report.sent) == (1, 1, 0)
    (queued,) = store.digest_alerts()
    assert queued["rule"] == "guidance" and queued["payload"]["event"]["company"] == "Meta"


# -- the command line -------------------------------------------------------------------------------


def test_cli_list_test_and_check(run_cli, write_config, db_path, tmp_path):
    with Store(db_path) as store:
        seed(store)
    cfg = write_config({"alerts": [
        {"name": "big-debt", "types": ["debt"], "min_amount_usd": 1e9, "channels": [{"type": "stdout"}]},
        {"name": "gpu", "query": '"backed by GPUs"', "channels": [{"type": "jsonl", "path": "hits.jsonl"}]},
    ]})
    listed = json.loads(run_cli("alerts", "list", "--json", config=cfg).stdout)
    assert [(r["rule"], r["on"], r["fired"]) for r in listed] == [("big-debt", "events", 0), ("gpu", "documents", 0)]

    tried = run_cli("alerts", "test", "big-debt", "--since", "7d", "--json", config=cfg)
    assert tried.exit_code == 0
    rows = json.loads(tried.stdout)
    assert [r["event"]["company"] for r in rows] == ["Oracle"] and rows[0]["already_fired"] is False
    assert "1 matches since 7d" in tried.stderr
    assert run_cli("alerts", "test", "nope", config=cfg).exit_code == 1

    dry = run_cli("alerts", "check", "--dry-run", config=cfg)
    assert "big-debt: 1 would fire" in dry.stderr and "monitor alert [big-debt]" in dry.stdout

    checked = run_cli("alerts", "check", config=cfg)
    assert checked.exit_code == 0, checked.output
    assert "monitor alert [big-debt]: Oracle debt $18B" in checked.stdout
    assert "Alerts: 2 new matches, 2 sent, 0 failed" in checked.stderr
    assert json.loads((tmp_path / "hits.jsonl").read_text())["rule"] == "gpu"  # relative to feeds.yaml

    again = run_cli("alerts", "check", config=cfg)
    assert "Alerts: 0 new matches, 0 sent" in again.stderr and "monitor alert" not in again.stdout
    listed = json.loads(run_cli("alerts", "list", "--json", config=cfg).stdout)
    assert [r["fired"] for r in listed] == [1, 1]
    assert json.loads(run_cli("alerts", "test", "big-debt", "--json", config=cfg).stdout)[0]["already_fired"] is True


def test_monitor_run_checks_the_rules_on_what_it_extracted(run_cli, write_config, tmp_path):
    article = tmp_path / "oracle.txt"
    article.write_text("Oracle bond sale\n\nOracle Corp. sold $18 billion of bonds on Wednesday to fund data "
                       "centers, one of the largest bond sales of the year.\n", encoding="utf-8")
    cfg = write_config({"sentiment": {"enabled": False}, "alerts": [
        {"name": "big-debt", "types": ["debt"], "min_amount_usd": 1e9, "query": '"bond sale*"',
         "channels": [{"type": "stdout"}]}]})
    assert run_cli("ingest", str(article), "--kind", "news", config=cfg).exit_code == 0
    first = run_cli("run", config=cfg)
    assert first.exit_code == 0, first.output
    assert "monitor alert [big-debt]: Oracle debt $18B" in first.stdout
    assert "Alerts: 1 new matches, 1 sent, 0 failed" in first.stderr
    second = run_cli("run", config=cfg)
    assert "monitor alert" not in second.stdout


TEN_K = ("Our senior notes are described in Note 8. Oracle sold $18 billion of bonds on Wednesday. "
         "Capital expenditures were $21 billion in fiscal 2025.")


def test_event_query_matches_the_events_own_sentence_unless_the_rule_asks_for_the_document(store):
    """One "senior notes" in a 10-K does not qualify every $1B event in it."""
    add(store, "10k", TEN_K, [debt("Oracle", 18e9, "Oracle sold $18 billion of bonds on Wednesday."),
                              capex("Oracle", 21e9, "Capital expenditures were $21 billion in fiscal 2025.")],
        kind="filing")
    rule = {"name": "r", "min_amount_usd": 1e9, "query": '"senior notes" OR bonds', "channels": [{"type": "stdout"}]}
    for extra, expected in (({}, {"debt"}), ({"query_scope": "document"}, {"debt", "capex"})):
        config = config_with([rule | extra])
        (compiled,) = alerts.compile_rules(config, CompanyIndex(config.companies))
        matches = alerts.find_matches(store, compiled, since=ago(days=7))
        assert {m.event["type"] for m in matches} == expected, extra
    with pytest.raises(ConfigError):
        config_with([rule | {"query_scope": "paragraph"}])


def test_webhook_text_escapes_what_slack_reads_as_markup(store, httpserver, monkeypatch):
    sentence = "AT&T sold $5 billion of notes <due 2030> to fund fibre."
    add(store, "att", sentence, [debt("AT&T", 5e9, sentence)], title="AT&T <b>bonds</b>")
    received = webhook_receiver(httpserver, monkeypatch)
    config = config_with([{"name": "hook", "types": ["debt"], "channels": [{"type": "webhook", "url_env": "TEST_HOOK"}]}])
    assert check(store, config).sent == 1
    (body,) = received
    assert "AT&amp;T sold $5 billion of notes &lt;due 2030&gt;" in body["text"]
    assert "<" not in body["text"] and ">" not in body["text"] and "&T" not in body["text"].replace("&amp;T", "")
    assert body["evidence"] == sentence  # the structured fields stay as written


def test_check_says_a_new_rule_starts_now(run_cli, write_config, db_path):
    """`alerts test` finds what was extracted days ago; the first `alerts check` fires on nothing
    and says why."""
    import sqlite3

    with Store(db_path) as store:
        seed(store)
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE events SET created = ?", [ago(days=3)])
    cfg = write_config({"alerts": [{"name": "big-debt", "types": ["debt"], "min_amount_usd": 1e9,
                                    "channels": [{"type": "stdout"}]}]})
    assert "1 matches since 7d" in run_cli("alerts", "test", "big-debt", "--since", "7d", config=cfg).stderr
    checked = run_cli("alerts", "check", config=cfg)
    assert checked.exit_code == 0 and "Alerts: 0 new matches" in checked.stderr
    assert "Rule big-debt is new: it starts now" in checked.stderr
    assert "monitor alerts test big-debt --since 90d" in checked.stderr
    assert "is new" not in run_cli("alerts", "check", config=cfg).stderr
