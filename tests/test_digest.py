"""The daily digest, built from a real SQLite store and sent to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor import alerts, digest, schedule
from monitor.config import parse_config
from monitor.nlp.companies import CompanyIndex
from monitor.store import Store
from tests.conftest import COMPANIES
from tests.factories import add, ago, capex, debt

ORACLE_BONDS = "Oracle sold $18 billion of bonds on Wednesday to fund data centers."
ORACLE_LOAN = "Oracle also signed a $38 billion term loan for two data centers."
META_NOW = "Meta expects 2026 capital expenditures of $72 billion."
META_BEFORE = "Meta expects 2026 capital expenditures of $66 billion."
HOSTILE = 'Bad <script>alert("x")</script> title'


def make_config(port: int = 25, **digest_settings) -> object:
    settings = {"enabled": True, "recipients": ["analyst@example.org"], "sender": "monitor@example.org",
                "time": "07:00", "timezone": "America/New_York",
                "smtp": {"host": "127.0.0.1", "port": port, "security": "none"}} | digest_settings
    return parse_config({"companies": COMPANIES, "digest": settings,
                         "alerts": [{"name": "guidance", "types": ["capex"], "min_amount_usd": 70e9, "digest": True}]})


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "m.db") as s:
        yield s


def seed(store: Store) -> None:
    # last week: Meta guided $66B, in a more positive tone than today
    add(store, "meta-old", META_BEFORE, [capex("Meta", 66e9, META_BEFORE, period="FY2026")],
        published=ago(days=5), company="Meta", tone=("positive", 0.5))
    # today: the new figure, and Oracle's bonds reported by two sites (one event)
    add(store, "meta-new", META_NOW, [capex("Meta", 72e9, META_NOW, period="FY2026", sentiment="neutral",
                                            sentiment_score=0.05)],
        published=ago(hours=3), company="Meta", tone=("negative", -0.4), kind="filing", title=HOSTILE,
        url="https://sec.example/meta")
    add(store, "oracle-a", ORACLE_BONDS + " " + ORACLE_LOAN,
        [debt("Oracle", 18e9, ORACLE_BONDS, instrument="bonds", coupon=5.2, maturity="2035"),
         debt("Oracle", 38e9, ORACLE_LOAN, instrument="term loan", status="completed")],
        title=HOSTILE, url="https://news.example/oracle", published=ago(hours=5), company="Oracle",
        tone=("neutral", 0.0))
    add(store, "oracle-b", "Copy: " + ORACLE_BONDS, [debt("Oracle", 18e9, ORACLE_BONDS, instrument="bonds")],
        url="javascript:alert(1)", published=ago(hours=4), company="Oracle")


def test_build_gathers_the_days_figures(store):
    seed(store)
    d = digest.build(make_config(), store)
    assert not d.empty
    h = d.headline
    assert (h["capex_count"], h["debt_count"]) == (1, 2)
    assert h["debt_total"] == 56e9
    assert h["debt_by_instrument"] == [("term loan", 38e9), ("bonds", 18e9)]
    rows = {(e["who"], e["amount"]): e for e in d.events}
    assert set(rows) == {("Oracle", "$38B"), ("Oracle", "$18B"), ("Meta", "$72B")}  # last week's $66B is not new
    assert rows[("Oracle", "$18B")]["mentions"] == 2
    # the javascript: link never reaches the e-mail
    assert [s["url"] for s in rows[("Oracle", "$18B")]["links"]] == ["https://news.example/oracle"]
    (g,) = d.guidance
    assert (g["who"], g["change"], g["amount"], g["previous"], g["delta"]) == ("Meta", "raised", "$72B", "$66B", "+9%")
    assert g["basis"].startswith("reported ")
    tone = {t["company"]: t for t in d.tone}
    assert tone["Meta"]["tone"] == "-0.40" and tone["Meta"]["previous"] == "+0.50" and tone["Meta"]["delta"] == "-0.90"
    assert {t["company"] for t in d.totals} == {"Oracle", "Meta"}
    assert d.chart is not None and d.chart.startswith(b"\x89PNG")


def test_html_escapes_document_text_and_text_part_reads_plainly(store):
    seed(store)
    alerts.check(make_config(), store, alerts.compile_rules(make_config(), CompanyIndex(make_config().companies)),
                 first_since=ago(days=1), stdout=io.StringIO())
    d = digest.build(make_config(), store)
    assert len(d.alerts) == 1 and d.alerts[0]["rule"] == "guidance"
    html = digest.render_html(d)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert f'src="cid:{digest.CHART_CID}"' in html
    assert "Guidance changes" in html and "Alert rule matches" in html and "Tone by company" in html
    assert digest.render_html(d, inline=True).count("data:image/png;base64,") == 1
    text = digest.render_text(d)
    assert "- Oracle: debt $38B, completed, term loan" in text
    assert "- Meta FY2026: raised to $72B from $66B (+9%)" in text
    assert "[guidance] Meta capex $72B" in text


def test_empty_day_says_so(store):
    d = digest.build(make_config(), store)
    assert d.empty and d.chart is None
    assert "no new capex or debt events" in d.subject
    assert "Nothing new today" in digest.render_text(d) and "Nothing new today" in digest.render_html(d)


def test_send_to_a_real_smtp_server_once_per_day(store, smtp_server):
    port, sink = smtp_server
    seed(store)
    config = make_config(port)
    alerts.check(config, store, alerts.compile_rules(config, CompanyIndex(make_config().companies)), first_since=ago(days=1))
    result = digest.send(config, store)
    assert result.status == "sent", result.message
    (msg,) = sink.messages
    assert sink.envelopes[0].rcpt_tos == ["analyst@example.org"]
    assert msg["From"] == "monitor <monitor@example.org>" and msg["To"] == "analyst@example.org"
    assert msg["Date"] and msg["Message-ID"].endswith("@example.org>")
    assert msg["Subject"] == f"monitor digest, {result.day:%a %d %b %Y}: 1 capex, 2 debt ($56B raised) events"
    assert msg.get_content_type() == "multipart/alternative"
    plain, related = msg.get_payload()
    assert plain.get_content_type() == "text/plain" and "EVENTS" in plain.get_content()
    assert related.get_content_type() == "multipart/related"
    html_part, image = related.get_payload()
    assert html_part.get_content_type() == "text/html"
    assert image.get_content_type() == "image/png" and image["Content-ID"] == f"<{digest.CHART_CID}>"
    assert image.get_content().startswith(b"\x89PNG")
    assert f"cid:{digest.CHART_CID}" in html_part.get_content()
    # the digest hit is confirmed with the digest
    assert len(result.message) and store.digest_alerts() == []
    assert [a["status"] for a in store.digest_alerts(ago(days=1))] == ["sent"]

    again = digest.send(config, store)
    assert again.status == "already-sent" and len(sink.envelopes) == 1
    assert digest.send(config, store, force=True).status == "sent" and len(sink.envelopes) == 2
    # another recipient list is another digest
    other = digest.send(config, store, to=["desk@example.org"])
    assert other.status == "sent" and sink.envelopes[-1].rcpt_tos == ["desk@example.org"]


def test_smtp_failure_is_recorded_and_retried_later(store):
    seed(store)
    config = make_config(9, time="07:00", timezone="UTC")
    due = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    result = digest.send(config, store, now=due)
    assert result.status == "failed" and result.message.startswith("digest: SMTP 127.0.0.1:9: cannot connect")
    state = store.digest_state(result.day.isoformat(), "analyst@example.org")
    assert state["status"] == "failed"
    attempted = datetime.fromisoformat(state["attempted"])
    assert attempted == due
    # not hammered: the next try is RETRY_SECONDS after the failed one
    assert not digest.is_due(config, store, attempted + timedelta(seconds=60))
    assert digest.seconds_until_due(config, store, attempted + timedelta(seconds=60)) == digest.RETRY_SECONDS - 60
    assert digest.is_due(config, store, attempted + timedelta(seconds=digest.RETRY_SECONDS + 1))


def test_skip_empty_records_the_day(store, smtp_server):
    port, sink = smtp_server
    config = make_config(port, skip_empty=True)
    assert digest.send(config, store).status == "skipped-empty"
    assert sink.envelopes == []
    assert digest.send(config, store).status == "already-sent"


def test_due_time_in_the_configured_time_zone(store, smtp_server):
    port, sink = smtp_server
    config = make_config(port, time="07:00", timezone="America/New_York")
    before = datetime(2026, 1, 15, 11, 30, tzinfo=UTC)  # 06:30 in New York (EST)
    after = datetime(2026, 1, 15, 12, 5, tzinfo=UTC)  # 07:05
    assert not digest.is_due(config, store, before)
    assert digest.seconds_until_due(config, store, before) == 30 * 60
    assert digest.is_due(config, store, after)
    assert digest.send_if_due(config, store, after).status == "sent"
    assert not digest.is_due(config, store, after + timedelta(hours=3))
    assert digest.seconds_until_due(config, store, after) == pytest.approx(24 * 3600 - 5 * 60)
    assert digest.is_due(config, store, after + timedelta(days=1))
    assert not digest.is_due(make_config(port, enabled=False), store, after + timedelta(days=1))


def test_the_run_loop_sends_the_digest_once(store, smtp_server):
    port, sink = smtp_server
    seed(store)
    config = make_config(port, time="00:00", timezone="UTC")
    results = []
    stop = threading.Event()

    def on_digest(result):
        results.append(result)
        threading.Timer(1.5, stop.set).start()  # let the loop go round once more

    schedule.watch(config, store, CompanyIndex(make_config().companies), lambda: None, every=3600, stop=stop, on_digest=on_digest)
    assert [r.status for r in results] == ["sent"] and len(sink.envelopes) == 1
    stop.clear()
    threading.Timer(1.5, stop.set).start()
    schedule.watch(config, store, CompanyIndex(make_config().companies), lambda: None, every=3600, stop=stop, on_digest=on_digest)
    assert len(results) == 1 and len(sink.envelopes) == 1  # a restart sends nothing more today


def test_cli_preview_text_send_and_bad_address(run_cli, write_config, db_path, tmp_path, smtp_server):
    port, sink = smtp_server
    with Store(db_path) as store:
        seed(store)
    cfg = write_config({"digest": {"enabled": True, "recipients": ["analyst@example.org"], "sender": "m@example.org",
                                   "smtp": {"host": "127.0.0.1", "port": port, "security": "none"}}})
    preview = tmp_path / "digest.html"
    shown = run_cli("digest", "--preview", str(preview), config=cfg)
    assert shown.exit_code == 0 and "Preview written to" in shown.stderr
    assert "data:image/png;base64," in preview.read_text() and sink.envelopes == []
    text = run_cli("digest", config=cfg)
    assert "monitor daily digest" in text.stdout and "Oracle: debt $38B" in text.stdout
    past = run_cli("digest", "--since", "2000-01-01", "--until", "2000-01-02", config=cfg)
    assert "Nothing new today" in past.stdout
    sent = run_cli("digest", "--send", config=cfg)
    assert sent.exit_code == 0 and "sent to analyst@example.org" in sent.stderr
    assert "already sent" in run_cli("digest", "--send", config=cfg).stderr and len(sink.envelopes) == 1
    bad = run_cli("digest", "--send", "--to", "x@example.org\r\nBcc: y@example.org", config=cfg)
    assert bad.exit_code == 2 and "is not an e-mail address" in bad.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
GMAIL_CLIPS_AT = 100 * 1024  # Gmail clips a message whose HTML passes ~102 KB ("[Message clipped]")

# Appended to a copy of the preview: what a reader would see, measured by the browser itself and
# left in the DOM for --dump-dom. Every element with text of its own must be at least 11 px, in
# WCAG AA contrast (4.5:1) with the background it is drawn on, inside the window, and not cut by
# a box that hides its overflow; every image must have loaded.
MEASURE = """<script>
(() => {
  const rgba = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const luminance = c => {
    const [r, g, b] = rgba(c).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const backdrop = el => {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor, v = rgba(bg);
      if (v.length && (v.length < 4 || v[3] > 0)) return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const problems = [];
  let texts = 0, smallest = 1e9, lowest = 1e9;
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join(" ");
    if (!own || el.closest("script, style")) continue;
    const style = getComputedStyle(el), box = el.getBoundingClientRect(), what = own.slice(0, 50);
    const size = parseFloat(style.fontSize);
    const a = luminance(style.color), b = luminance(backdrop(el));
    const contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    texts += 1; smallest = Math.min(smallest, size); lowest = Math.min(lowest, contrast);
    if (size < 11) problems.push(`${size}px text: ${what}`);
    if (contrast < 4.5) problems.push(`contrast ${contrast.toFixed(2)}:1: ${what}`);
    if (style.visibility === "hidden" || box.width === 0 || box.height === 0) problems.push(`hidden: ${what}`);
    if (box.left < -1 || box.right > innerWidth + 1) problems.push(`outside the window (${box.left}-${box.right} px): ${what}`);
    if (style.overflow !== "visible" && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
      problems.push(`cut by its box: ${what}`);
  }
  for (const img of document.images) if (!img.complete || !img.naturalWidth) problems.push(`image not shown: ${img.alt}`);
  const out = {problems, texts, smallest, lowest, scroll_width: document.documentElement.scrollWidth,
               width: innerWidth, text: document.body.innerText};
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""

BUSY = ("{who} said on Tuesday that it had priced ${n} billion of senior unsecured notes in {parts} tranches "
        "maturing between 2030 and 2065, and that it would use the proceeds to pay for the data centers it is "
        "building for its cloud and artificial-intelligence customers.")


def seed_busy_day(store: Store) -> None:
    """seed(), then a busy day: more events than the e-mail lists (MAX_EVENTS), from every
    company, with sentences and titles of real length (about 250 and 90 characters)."""
    seed(store)
    names = [c["name"] for c in COMPANIES]
    for i in range(digest.MAX_EVENTS + 20):
        who = names[i % len(names)]
        sentence = BUSY.format(who=who, n=i + 1, parts=3 + i % 4)
        event = (debt(who, (i + 1) * 1e9, sentence, instrument="senior notes", coupon=4.5 + i % 3, maturity="2035")
                 if i % 3 else capex(who, (i + 1) * 1e9, sentence.replace("notes", "capital spending"),
                                     period="FY2026"))
        add(store, f"busy-{i}", f"{who} raises money. {event['sentence']} Shares were little changed.", [event],
            title=f"{who} sells ${i + 1} billion of bonds to fund its data-center build-out, people familiar say",
            url=f"https://news.example/markets/2026/busy-story-{i}?utm_source=feed", published=ago(hours=1 + i % 20),
            company=who, tone=(("negative", -0.5), ("neutral", 0.0), ("positive", 0.5))[i % 3])


def _measure(page: Path, width: int, profile: Path) -> dict:
    """The page rendered by headless Chromium `width` pixels wide, measured by MEASURE."""
    import html
    import json
    import re

    measured = page.with_name(f"measured-{width}.html")
    measured.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", f"--window-size={width},1800", "--virtual-time-budget=5000",
         "--dump-dom", measured.as_uri()],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    assert found, "the page's script did not run"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.browser
def test_preview_renders_in_headless_chromium(store, tmp_path):
    """The digest of a busy day in a real browser: under Gmail's clipping size, nothing cut off
    or outside the window, every text readable, the chart shown. Skipped without Chromium,
    except where MONITOR_REQUIRE_BROWSER is set (.ci/run installs Chromium and sets it)."""
    if CHROMIUM is None:
        if os.environ.get("MONITOR_REQUIRE_BROWSER"):
            pytest.fail("headless Chromium is required (MONITOR_REQUIRE_BROWSER) but not installed")
        pytest.skip("headless Chromium is not installed (.ci/run installs it)")
    seed_busy_day(store)
    built = digest.build(make_config(), store)
    assert 0 < len(built.events) <= digest.MAX_EVENTS and built.more_events > 0  # a full e-mail, rows cut to fit
    sent = digest.render_html(built)  # the HTML part as e-mailed (the chart is an attachment)
    size = len(sent.encode("utf-8"))
    page = tmp_path / "digest.html"
    page.write_text(digest.render_html(built, inline=True), encoding="utf-8")
    for width in (900, 760):  # a desktop mail pane, and the width the template is laid out for
        seen = _measure(page, width, tmp_path / "profile")
        assert seen["texts"] > 100 and not seen["problems"], (width, seen["problems"][:20])
        assert seen["scroll_width"] <= seen["width"], f"{width} px: the page scrolls sideways"
        text = seen["text"]
        assert "Oracle" in text and "Sent by monitor" in text  # complete, down to the footer
        assert "<script>" not in text and "alert(" not in text.replace("alert(1)", "")  # hostile title shown as text
    shot = tmp_path / "digest.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--window-size=900,1800",
         f"--screenshot={shot}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    from PIL import Image

    with Image.open(shot) as im:
        assert im.size == (900, 1800)
        # not a blank page: the dark header band and the white body are both there
        colours = im.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50
        assert im.getpixel((450, 40))[:3] == (15, 23, 42)  # the #0f172a header
    assert size <= GMAIL_CLIPS_AT, f"the e-mailed HTML is {size:,} bytes: Gmail clips it past {GMAIL_CLIPS_AT:,}"


AMZN_GROSS = "Purchases of property and equipment | (63,645) | (52,729) | (82,999)"
AMZN_NET = "Purchases of property and equipment, net of proceeds from sales and incentives | (77,658)"
AMZN_TEXT = "Cash capital expenditures were $77.7 billion in 2024."
AMZN_2014 = "2014 Notes issuance of $6.0 billion | 2034 - 2044"
PGE_CAPACITY = "We could issue under the Mortgage Indenture approximately $7.11 billion of bonds."


def test_totals_count_each_figure_once_new_in_the_window_with_its_period(store):
    """A 10-K's three years of capex and two line items for one figure are one total, of the
    latest period; notes of 2014 and "could issue" capacity are not debt raised today."""
    seed(store)
    add(store, "amzn-10k", "\n".join([AMZN_GROSS, AMZN_NET, AMZN_TEXT, AMZN_2014, PGE_CAPACITY]), [
        capex("Amazon", 63.645e9, AMZN_GROSS, period="2022", status="actual"),
        capex("Amazon", 52.729e9, AMZN_GROSS, period="2023", status="actual"),
        capex("Amazon", 82.999e9, AMZN_GROSS, period="2024", status="actual"),
        capex("Amazon", 77.658e9, AMZN_NET, period="2024", status="actual"),
        debt("Amazon", 6e9, AMZN_2014, period="2014", status="announced"),
        debt("PG&E", 7.11e9, PGE_CAPACITY, instrument="bonds", status="planned"),
    ], kind="filing", published=ago(hours=2), company="Amazon")
    add(store, "amzn-news", AMZN_TEXT, [capex("Amazon", 77.7e9, AMZN_TEXT, period="2024", status="actual")],
        published=ago(hours=1), company="Amazon")
    d = digest.build(make_config(), store)
    h = d.headline
    assert h["capex_total"] == 72e9 + 77.658e9  # Meta FY2026 and Amazon 2024 (net, reported twice)
    assert sorted(h["capex_periods"]) == ["Amazon 2024", "Meta FY2026"]
    assert h["debt_total"] == 56e9 and h["debt_figures"] == 2 and h["debt_count"] == 4
    assert h["debt_left_out"] == "1 history, 1 planned"
    totals = {t["company"]: t for t in d.totals}
    assert (totals["Amazon"]["capex"], totals["Amazon"]["periods"], totals["Amazon"]["debt"]) == (77.658e9, ["2024"], 0)
    text = digest.render_text(d)
    assert "periods: " in text and "Amazon 2024" in text and "not counted: 1 history, 1 planned" in text
    assert "not in totals: history" in digest.render_html(d) and "not in totals: planned" in text
    assert "not in totals: another figure for this company" in text  # Amazon's gross line item, 2022, 2023
    assert digest.period_end("Q3 2025") == "2025-09-30" and digest.period_end("FY2026") == "2027-02-28"
    assert digest.period_end("next few years") is None


def test_digest_html_stays_under_100_kb_and_the_subject_on_one_line(store):
    """Gmail clips HTML past 102 KB: 150 events with long evidence still fit, the rest counted."""
    sentences = [f"Company {i} sold ${i + 1} billion of bonds due 2035 " + "to fund data centers " * 12 + "."
                 for i in range(150)]
    for i, sentence in enumerate(sentences):
        add(store, f"doc{i}", sentence, [debt(f"Company {i}", (i + 1) * 1e9, sentence, instrument="bonds")],
            published=ago(hours=2), url=f"https://news.example/a-rather-long-path/for-story-{i}?id={i}")
    d = digest.build(make_config(), store)
    html = digest.render_html(d)
    assert len(html.encode()) < 100_000
    assert len(d.events) + d.more_events == 150 and d.more_events > 0
    assert f"and {d.more_events} more" in html
    from monitor.mail import build_message
    raw = build_message(sender="monitor@example.org", to=["analyst@example.org"], subject=d.subject,
                        text=digest.render_text(d), html=html).as_bytes()
    assert f"\nSubject: {d.subject}\n".encode() in raw and b"Subject:\n" not in raw
    assert "($" in d.subject  # the parenthesis that made the standard library fold it


def test_debt_the_extractor_marks_as_history_is_not_in_the_totals(store, tmp_path):
    """Events carry `history` (a standing facility, notes issued years ago): such debt is listed
    but not added up."""
    import sqlite3

    seed(store)
    facility = "We have a $15.0 billion unsecured revolving credit facility with a syndicate of lenders."
    add(store, "amzn-10k", facility, [debt("Amazon", 15e9, facility, instrument="revolving credit facility",
                                           status="completed")], kind="filing", published=ago(hours=2))
    store.close()
    with sqlite3.connect(tmp_path / "m.db") as db:  # as the extractor marks a standing facility
        db.execute("UPDATE events SET history = 1 WHERE company = 'Amazon'")
    with Store(tmp_path / "m.db") as reopened:
        d = digest.build(make_config(), reopened, chart=False)
    assert (d.headline["debt_total"], d.headline["debt_count"], d.headline["debt_left_out"]) == (56e9, 3, "1 history")
    assert "Amazon" not in {t["company"] for t in d.totals}
