"""The `monitor` command: parses arguments, calls the library, formats the output.

Heavy imports (spaCy, torch, transformers) happen inside the commands that need them, so
`monitor --help` and `monitor events` start fast.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from monitor import __version__
from monitor.formatting import event_amount, one_line

EXIT_CONFIG = 2
EXIT_LOCKED = 3  # another process is writing to the database


# -- shared plumbing -----------------------------------------------------------------------


class Context:
    def __init__(self, config_path: str | None, db_path: str, wait: float = 0.0):
        self.config_path = config_path
        self.db_path = db_path
        self.wait = wait
        self._config = None
        self._companies = None
        self._sentiment = None
        self.config_missing: Path | None = None  # the default feeds.yaml looked for and not found

    @property
    def config(self):
        if self._config is None:
            from monitor.config import DEFAULT_CONFIG, ConfigError, load_config

            try:
                self._config = load_config(self.config_path)
            except ConfigError as exc:
                for problem in exc.problems:
                    click.echo(f"{exc.path}: {problem}", err=True)
                sys.exit(EXIT_CONFIG)
            if not self.config_path and not Path(DEFAULT_CONFIG).exists():
                self.config_missing = Path(DEFAULT_CONFIG).resolve()
            from monitor.logs import add_secret_names

            add_secret_names(self._config.digest.smtp.password_env,
                             *(ch.url_env for rule in self._config.alerts for ch in rule.channels))
        return self._config

    @property
    def companies(self):
        if self._companies is None:
            from monitor.nlp.companies import CompanyIndex

            self._companies = CompanyIndex(self.config.companies)
        return self._companies

    def sentiment(self, required: bool = False):
        """The configured tone model (loaded once), or None when switched off."""
        settings = self.config.sentiment
        if not settings.enabled and not required:
            return None
        if self._sentiment is None:
            from monitor.nlp.sentiment import SentimentError, load

            base = Path(self.config_path).resolve().parent if self.config_path else Path.cwd()
            try:
                self._sentiment = load(settings, base)
            except SentimentError as exc:
                fail(f"sentiment model: {exc}")
        return self._sentiment

    def require_config(self):
        """The configuration, for a command that has nothing to do without one (sources, alert
        rules, digest settings): exit 2 naming the file looked for when there is none."""
        config = self.config
        if self.config_missing is not None:
            fail(f"{self.config_missing}: configuration not found (pass --config FILE or set MONITOR_CONFIG)",
                 EXIT_CONFIG)
        return config

    def store(self, *, migrate: bool = True, create: bool = False):
        """The database; only a writing command (`create`) makes a new one: reading a mistyped
        --db must not answer "(no rows)" from an empty file it just created."""
        from monitor.store import Store, StoreError

        if not create and self.db_path != ":memory:" and not Path(self.db_path).exists():
            fail(f"{self.db_path}: no such database (check --db or MONITOR_DB; `monitor ingest`, "
                 "`collect` or `run` create one)")
        try:
            return Store(self.db_path, migrate=migrate)
        except StoreError as exc:
            fail(str(exc))

    @property
    def command(self) -> str:
        """This command line, as the lock file shows it to a second process."""
        return ("monitor " + " ".join(sys.argv[1:]))[:200]

    @contextmanager
    def lock(self, name: str = "") -> Iterator[None]:
        """Hold the database's lock (`name`: see monitor/lock.py), waiting --wait seconds for
        it; exit 3 with the holder's name when another process keeps it."""
        from monitor.lock import LockError, writer_lock

        with ExitStack() as stack:
            try:
                stack.enter_context(writer_lock(self.db_path, self.command, wait=self.wait, name=name))
            except LockError as exc:
                fail(str(exc), EXIT_LOCKED)
            yield

    @contextmanager
    def writer(self) -> Iterator[Any]:
        """The store, opened under the writer lock: one writing command at a time per database."""
        with self.lock(), self.store(create=True) as store:
            yield store


def fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


pass_ctx = click.make_pass_decorator(Context)


def output_options(f: Callable) -> Callable:
    f = click.option("--nl", "fmt", flag_value="nl", help="Output newline-delimited JSON")(f)
    f = click.option("--csv", "fmt", flag_value="csv", help="Output CSV")(f)
    f = click.option("--json", "fmt", flag_value="json", help="Output a JSON array")(f)
    f = click.option("--table", "fmt", flag_value="table", default=True, hidden=True)(f)
    return f


def emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str], title: str | None = None) -> None:
    """Print rows as a rich table (default), a JSON array, CSV or newline-delimited JSON."""
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
    elif fmt == "nl":
        for row in rows:
            click.echo(json.dumps(row, default=str, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        keys = list(rows[0].keys()) if rows else list(columns)
        writer = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()})
        click.echo(buf.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
        table = Table(title=title, show_lines=False, highlight=False)
        for col in columns:
            wide = col in ("evidence", "snippet", "title", "last_error", "problem", "matched", "what", "conditions")
            table.add_column(col, overflow="fold", no_wrap=not wide, ratio=3 if wide else None)
        for row in rows:
            table.add_row(*[Text(_cell(row.get(c))) for c in columns])
        console.print(table)
        if not rows:
            click.echo("(no rows)", err=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def row_limit(limit: int | None, fmt: str, default: int) -> int | None:
    """A table shows `default` rows unless told; an export (--csv/--json/--nl) every row, as in
    sqlite-utils: a file cut at 50 rows without a word is a wrong answer."""
    if limit is not None:
        return limit
    return default if fmt == "table" else None


def say_if_cut(shown: int, limit: int | None, fmt: str, total: Callable[[], int], what: str,
               most: int = 1_000_000) -> None:
    """On stderr, when a table holds fewer rows than there are: how many of how many, and how
    to see them all (`most`: the largest --limit the command takes)."""
    if fmt != "table" or limit is None or shown < limit:
        return
    n = total()
    if n > shown:
        how = f"--limit {n} shows them all; " if n <= most else ""
        click.echo(f"Showing {shown} of {n} {what}: {how}--csv, --json and --nl export every row.", err=True)


def check_companies(obj: Context, store: Any, typed: Sequence[str]) -> None:
    """A --company that is neither configured nor named in the database would answer nothing:
    a usage error that suggests the close names instead."""
    import difflib

    known: dict[str, str] = {}
    for c in obj.config.companies:
        for n in [c.name, *c.aliases, c.ticker]:
            if n:
                known.setdefault(n.casefold(), n)
    for n in store.company_names():
        known.setdefault(n.casefold(), n)
    for name in typed:
        if name.casefold() in known or obj.companies.resolve(name) is not None:
            continue
        close = difflib.get_close_matches(name.casefold(), list(known), n=3, cutoff=0.6)
        hint = (f"did you mean {' or '.join(repr(known[c]) for c in close)}?" if close
                else "`monitor events` lists the companies that have events")
        raise click.BadParameter(f"no company {name!r} is configured or in {obj.db_path}: {hint}",
                                 param_hint="--company")


def parse_since(value: str | None, now: datetime | None = None) -> str | None:
    """'7d', '24h', '2w', '30m' (before `now`) or an ISO date to an ISO timestamp lower bound."""
    if not value:
        return None
    value = value.strip()
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    if value[:-1].isdigit() and value[-1:].lower() in units:
        delta = timedelta(**{units[value[-1].lower()]: int(value[:-1])})
        return ((now or datetime.now(UTC)) - delta).replace(microsecond=0).isoformat()
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is neither a duration (7d, 24h, 2w) nor a date (2025-01-31)") from None


def _log_lines(label: str) -> Callable[[int, int], None]:
    """Progress as plain lines (for logs and pipes): one at each tenth of a long batch."""
    last = {"step": -1}

    def update(done: int, total: int) -> None:
        if total < 20:
            return
        step = done * 10 // total
        if step != last["step"]:
            last["step"] = step
            click.echo(f"{label}: {done}/{total}", err=True)

    return update


@contextmanager
def progress_bar(label: str, enabled: bool = True) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on a terminal; plain progress lines when output goes to a log."""
    if not enabled:
        yield None
        return
    if not sys.stderr.isatty():
        yield _log_lines(label)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


# -- the command group ---------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="monitor")
@click.option("--config", "config_path", envvar="MONITOR_CONFIG", type=click.Path(dir_okay=False),
              help="Configuration file [env MONITOR_CONFIG; default ./feeds.yaml]")
@click.option("--db", "db_path", envvar="MONITOR_DB", default="monitor.db", show_default=True,
              type=click.Path(dir_okay=False), help="SQLite database [env MONITOR_DB]")
@click.option("-v", "--verbose", count=True, help="More log output: -v info (a line per source per run), -vv debug")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), envvar="MONITOR_LOG_LEVEL",
              help="Log level (default error, or info with --log-json; overrides -v) [env MONITOR_LOG_LEVEL]")
@click.option("--log-json", is_flag=True, envvar="MONITOR_LOG_JSON",
              help="Log JSON lines on stderr (one per source per run, with its fields), for machines")
@click.option("--wait", type=click.FloatRange(0), default=0, metavar="SECONDS", envvar="MONITOR_WAIT",
              help="If another monitor process is writing to the database, wait this long for it "
              "(default: exit 3 at once) [env MONITOR_WAIT]")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, db_path: str, verbose: int, log_level: str | None,
        log_json: bool, wait: float) -> None:
    """Monitor AI-infrastructure capex and debt in financial news and SEC filings.

    Collects feeds, filings and transcripts, extracts capital-expenditure and debt events with
    their evidence, and stores everything in a searchable SQLite database.
    """
    from monitor import logs

    # The commands print their own report (a line per source); logs add to it: with -v, a line
    # per source per run and the phases; by default only errors. JSON logs are for machines
    # reading every source's line, so they start at info.
    if log_level:
        level = getattr(logging, log_level.upper())
    elif verbose:
        level = logging.INFO if verbose == 1 else logging.DEBUG
    else:
        level = logging.INFO if log_json else logging.ERROR
    logs.configure(level, as_json=log_json)
    ctx.obj = Context(config_path, db_path, wait)
    # Validate the configuration before any command runs: a bad file stops everything (exit 2).
    if not ctx.resilient_parsing and not {"-h", "--help"} & set(ctx.args + sys.argv[1:]):
        ctx.obj.config  # noqa: B018
        if ctx.obj.config_missing is not None:
            click.echo(f"Note: no configuration: {ctx.obj.config_missing} not found (no sources, companies or "
                       "alert rules; pass --config FILE or set MONITOR_CONFIG)", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(["news", "filing", "transcript"]), help="Document kind (default: detected)")
@click.option("--company", help="Company the documents are about (name, alias or ticker)")
@pass_ctx
def ingest(obj: Context, inputs: tuple[str, ...], kind: str | None, company: str | None) -> None:
    """Store local files (.txt .md .html .htm .xml .json, or a directory of them) or URLs as documents."""
    from monitor import jobs

    config = obj.config
    companies = obj.companies
    client = None
    if any(jobs.looks_like_url(i) for i in inputs):
        from monitor.collect.http import HttpClient

        client = HttpClient(config.http)
    try:
        with obj.writer() as store:
            reports = jobs.ingest(jobs.expand_inputs(inputs), store, companies, kind=kind, company=company, client=client)
    finally:
        if client:
            client.close()
    failed = 0
    for r in reports:
        if r.status == "failed":
            failed += 1
            click.echo(f"Error: {r.error}", err=True)
        else:
            parts = [f"{r.new} new"]
            if r.updated:
                parts.append(f"{r.updated} updated")
            if r.unchanged:
                parts.append(f"{r.unchanged} unchanged")
            if r.duplicates:
                parts.append(f"{r.duplicates} duplicate")
            click.echo(f"{r.input}: {', '.join(parts)}", err=True)
    if failed:
        sys.exit(1)


def _print_source_reports(reports) -> None:
    for r in reports:
        if r.ok:
            extra = f", {r.duplicates} duplicate" if r.duplicates else ""
            extra += f", {r.facts} new facts" if r.facts else ""
            click.echo(f"  ok      {r.name}: {r.status}, {r.entries} entries, {r.new} new, {r.updated} updated{extra}", err=True)
            for w in r.warnings[:3]:
                click.echo(f"          warning: {w}", err=True)
            if len(r.warnings) > 3:
                click.echo(f"          ({len(r.warnings) - 3} more warnings)", err=True)
        else:
            click.echo(f"  FAILED  {r.name}: {r.error}", err=True)


def _backfill_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@contextmanager
def graceful_stop() -> Iterator[threading.Event]:
    """Ctrl-C or SIGTERM sets the event: the work in hand is finished and stored, then the
    command returns. A second Ctrl-C interrupts at once."""
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        click.echo("Stopping after the current batch (Ctrl-C again to abort)...", err=True)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@cli.command()
@click.option("--source", "only", help="Collect only this source (its name in feeds.yaml)")
@click.option("--since", callback=_backfill_date,
              help="Backfill from this date (YYYY-MM-DD): walk EDGAR filers' history; resumable")
@click.option("--strict", is_flag=True, help="Exit 1 if any source failed")
@pass_ctx
def collect(obj: Context, only: str | None, since: str | None, strict: bool) -> None:
    """Fetch the sources of feeds.yaml and store new documents (exit 1 when the one source asked
    for with --source fails, or with --strict when any does)."""
    from monitor import jobs

    config = obj.require_config()
    with obj.writer() as store, graceful_stop() as stop, progress_bar("Collecting") as progress:
        try:
            reports = jobs.collect(config, store, obj.companies, only=only, since=since,
                                   progress=progress, should_stop=stop.is_set)
        except KeyError as exc:
            fail(str(exc.args[0]))
    _print_source_reports(reports)
    failed = sum(1 for r in reports if not r.ok)
    click.echo(f"{len(reports) - failed} sources ok, {failed} failed, {sum(r.new for r in reports)} new documents", err=True)
    if failed and (strict or only):
        sys.exit(1)


@cli.command()
@click.option("--all", "all_", is_flag=True, help="Re-extract every document (its events are replaced)")
@click.option("--jsonl", "jsonl", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Text mode: read labelled-set lines, print predictions as JSONL; no database")
@click.option("--sentiment/--no-sentiment", default=True, show_default=True,
              help="Score the tone of events and documents (when sentiment.enabled)")
@click.option("--workers", type=click.IntRange(0, 8), default=None,
              help="Processes that extract beside this one (0: none; default: 2 without sentiment, else 0)")
@pass_ctx
def extract(obj: Context, all_: bool, jsonl: str | None, sentiment: bool, workers: int | None) -> None:
    """Run the NLP stage on documents not yet processed."""
    from monitor.nlp.pipeline import Extractor

    if jsonl:
        from monitor.evaluate import EvalError, predict_lines, read_jsonl

        try:
            lines = read_jsonl(jsonl)
        except EvalError as exc:
            fail(str(exc))
        extractor = Extractor(obj.companies)
        for pred in predict_lines(lines, extractor):
            click.echo(json.dumps(pred, ensure_ascii=False))
        return
    from monitor import jobs

    with obj.writer() as store, progress_bar("Extracting") as progress:
        report = jobs.extract(store, Extractor(obj.companies), all=all_, progress=progress,
                              sentiment_factory=obj.sentiment if sentiment else lambda: None, workers=workers)
    notes = [n for n in ("with sentiment" if report.sentiment else "",
                         f"{report.workers} worker process{'es' if report.workers > 1 else ''}" if report.workers else "") if n]
    how = f" ({', '.join(notes)})" if notes else ""
    click.echo(f"{report.documents} documents processed{how}, {report.events} events", err=True)


def _print_run(report, stamp: bool = False) -> None:
    _print_source_reports(report.sources)
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S ") if stamp else ""
    click.echo(
        f"{when}Run {report.run_id}: {report.sources_ok} sources ok, {report.sources_failed} failed; "
        f"{report.documents_new} new documents, {report.documents_updated} updated; "
        f"{report.extract.documents} documents processed, {report.extract.events} events",
        err=True,
    )
    if report.alerts is not None:
        _print_alert_report(report.alerts)
    if report.digest is not None:
        _print_digest(report.digest)


def _print_alert_report(report) -> None:
    for line in report.errors:
        click.echo(f"Error: {line}", err=True)
    queued = f", {report.queued} queued for the digest" if report.queued else ""
    click.echo(f"Alerts: {report.matched} new matches, {report.sent} sent, {report.failed} failed{queued}", err=True)


def _print_digest(result) -> None:
    prefix = "Error: " if result.status == "failed" else ""
    click.echo(f"{prefix}{result.message}", err=True)


class _Stdout:
    """Where the stdout alert channel writes: click's echo, so tests and pipes capture it."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)

    def flush(self) -> None:
        sys.stdout.flush()


def _config_base(obj: Context) -> Path:
    return Path(obj.config_path).resolve().parent if obj.config_path else Path.cwd()


@contextmanager
def _turn_lock(db_path: str, command: str, stop: threading.Event) -> Iterator[bool]:
    """The writer lock for one turn of the `run --every` loop: waits while another command
    writes (saying so once), gives up (False) when the loop is asked to stop."""
    from monitor.lock import LockError, writer_lock

    said = False
    while True:
        with ExitStack() as stack:
            try:
                stack.enter_context(writer_lock(db_path, command, wait=1.0))
            except LockError as exc:
                if stop.is_set():
                    yield False
                    return
                if not said:
                    click.echo(f"Waiting: {db_path} is in use by {exc.holder}; the run starts when it is free", err=True)
                    said = True
                continue
            yield True
            return


@cli.command()
@click.option("--every", help="Keep running: poll each source at this interval (15m, 1h; "
              "a source's own `every` wins) until Ctrl-C or SIGTERM")
@click.option("--strict", is_flag=True, help="Exit 1 if any source, alert or digest failed (for cron)")
@pass_ctx
def run(obj: Context, every: str | None, strict: bool) -> None:
    """Collect every source, extract events from the new documents, check the alert rules, and
    send the daily digest when it is due."""
    from monitor import jobs

    config = obj.require_config()
    extractor = None

    def extractor_factory():
        nonlocal extractor
        if extractor is None:
            from monitor.nlp.pipeline import Extractor

            extractor = Extractor(obj.companies)
        return extractor

    if every:
        from monitor import schedule

        interval = parse_interval_option(every)
        click.echo(f"Polling {sum(s.enabled for s in config.sources)} sources every {every} "
                   "(each at its own interval when set); Ctrl-C to stop.", err=True)
        # one loop per database; each run takes the writer lock (see monitor/lock.py)
        with obj.lock("loop"), obj.store(create=True) as store, graceful_stop() as stop:
            runs = schedule.watch(config, store, obj.companies, extractor_factory, every=interval, stop=stop,
                                  on_run=lambda report: _print_run(report, stamp=True), on_digest=_print_digest,
                                  sentiment_factory=obj.sentiment, alert_output=_Stdout(),
                                  base=_config_base(obj), guard=lambda: _turn_lock(obj.db_path, obj.command, stop))
        click.echo(f"Stopped after {runs} runs.", err=True)
        return
    with obj.writer() as store, graceful_stop() as stop, progress_bar("Working") as progress:
        report = jobs.run(config, store, obj.companies, extractor_factory, progress=progress, should_stop=stop.is_set,
                          sentiment_factory=obj.sentiment, alert_output=_Stdout(),
                          base=_config_base(obj))
    _print_run(report)
    if strict and (report.sources_failed or (report.alerts and report.alerts.failed)
                   or (report.digest and report.digest.status == "failed")):
        sys.exit(1)


@cli.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 10_000),
              help="Rows to show [default: 20 in a table; every match with --csv/--json/--nl]")
@click.option("--rank", is_flag=True, help="Order by relevance (among the newest 10,000 matches) instead of newest first")
@click.option("--since", help="Only documents published since (7d, 24h or a date)")
@click.option("--kind", type=click.Choice(["news", "filing", "transcript"]))
@click.option("--sentiment", type=click.Choice(["negative", "neutral", "positive"]), help="Tone of the document")
@output_options
@pass_ctx
def search(obj: Context, query: str, limit: int | None, rank: bool, since: str | None, kind: str | None,
           sentiment: str | None, fmt: str) -> None:
    """Full-text search of documents (SQLite FTS5 syntax: "bond sale", capex NEAR/5 raise*, a OR b)."""
    from monitor.store import QueryError

    limit = row_limit(limit, fmt, 20)
    filters = {"since": parse_since(since), "kind": kind, "sentiment": sentiment}
    with obj.store() as store:
        try:
            rows = store.search(query, limit=limit, rank=rank, **filters)
            say_if_cut(len(rows), limit, fmt, lambda: store.search(query, count=True, **filters)[0]["n"], "matches",
                       most=10_000)
        except QueryError as exc:
            fail(f"{exc}. Quote phrases with double quotes; operators are AND, OR, NOT, NEAR.")
    if fmt == "table":
        for row in rows:
            row["date"] = (row.get("published") or row.get("fetched") or "")[:10]
    emit(rows, fmt, ["date", "kind", "company", "title", "sentiment", "snippet", "events", "copies"])


@cli.command()
@click.option("--type", "type_", type=click.Choice(["capex", "debt"]))
@click.option("--company", "companies", multiple=True, help="Company name, alias or ticker (repeatable)")
@click.option("--since", help="Events from documents published since (7d, 24h or a date)")
@click.option("--min-amount", type=float, help="Minimum amount in USD (the upper bound of a range counts)")
@click.option("--query", help="Full-text filter on the evidence sentence (FTS5 syntax)")
@click.option("--sentiment", type=click.Choice(["negative", "neutral", "positive"]), help="Tone of the evidence sentence")
@click.option("--sort", "order", type=click.Choice(["newest", "amount", "sentiment", "-sentiment"]), default="newest",
              show_default=True, help="sentiment: most negative first; -sentiment: most positive first")
@click.option("--mentions", is_flag=True, help="One row per mention (document and sentence) instead of per event")
@click.option("--limit", type=click.IntRange(1, 1_000_000),
              help="Rows to show [default: 50 in a table; every row with --csv/--json/--nl]")
@output_options
@pass_ctx
def events(obj: Context, type_: str | None, companies: tuple[str, ...], since: str | None,
           min_amount: float | None, query: str | None, sentiment: str | None, order: str, mentions: bool,
           limit: int | None, fmt: str) -> None:
    """List capex and debt events, newest first: each event once, with how many documents
    reported it (--mentions lists every mention)."""
    from monitor.store import QueryError

    names = obj.companies.match_keys(companies)
    limit = row_limit(limit, fmt, 50)
    filters = {"type": type_, "companies": names or None, "since": parse_since(since), "min_amount": min_amount,
               "query": query, "sentiment": sentiment, "consolidate": not mentions}
    with obj.store() as store:
        check_companies(obj, store, companies)
        try:
            rows = store.events(order=order, limit=limit, **filters)
            say_if_cut(len(rows), limit, fmt, lambda: store.events(count=True, **filters)[0]["n"],
                       "mentions" if mentions else "events")
        except QueryError as exc:
            fail(str(exc))
    if fmt == "table":
        for row in rows:
            row["amount"] = event_amount(row)
            row["date"] = (row.get("published") or "")[:10]
            row["who"] = row["company"] or ("; ".join(row["companies"]) if row["companies"] else "(market)")
            row["evidence"] = one_line(row["sentence"], 160)
        columns = ["date", "type", "who", "amount", "period", "status", "instrument", "sentiment"]
        emit(rows, fmt, columns + ([] if mentions else ["mentions"]) + ["evidence"])
    else:
        emit(rows, fmt, [])


@cli.command()
@click.option("--every", default="15m", show_default=True, help="Default polling interval, to compute next due times")
@output_options
@pass_ctx
def sources(obj: Context, every: str, fmt: str) -> None:
    """The configured sources and their state: last success, last error, items seen, next due."""
    from monitor.schedule import next_due

    config = obj.require_config()
    default = parse_interval_option(every)
    with obj.store() as store:
        state = {s["name"]: s for s in store.sources()}
    now = datetime.now(UTC)
    rows = []
    for s in config.sources:
        st = state.get(s.name) or {}
        due = next_due(s, st, default) if s.enabled else None
        rows.append({
            "name": s.name, "type": s.type, "kind": s.document_kind, "enabled": s.enabled,
            "url": s.listing_url(config.edgar), "every": s.every or every,
            "last_fetched": st.get("last_fetched"), "last_success": st.get("last_success"),
            "last_error": st.get("last_error"), "last_warning": st.get("last_warning"),
            "failures": st.get("consecutive_failures", 0), "items_seen": st.get("items_seen", 0),
            "next_due": None if due is None else ("now" if due <= now else due.replace(microsecond=0).isoformat()),
        })
    if fmt == "table":
        for row in rows:
            row["status"] = "disabled" if not row["enabled"] else (
                "never run" if not row["last_fetched"] else "failing" if row["failures"] else "ok")
            row["problem"] = row["last_error"] or row["last_warning"]
            for key in ("last_success", "next_due"):
                if row[key] and row[key] != "now":
                    row[key] = row[key][:16].replace("T", " ")
    emit(rows, fmt, ["name", "type", "status", "last_success", "items_seen", "failures", "next_due", "problem"])


def parse_interval_option(value: str) -> float:
    from monitor.config import parse_interval

    try:
        return parse_interval(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None


@cli.group(name="eval")
def eval_group() -> None:
    """Score the extractor against labelled sets."""


@eval_group.command(name="events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON")
@click.option("--errors", is_flag=True, help="List every miss and false alarm")
@pass_ctx
def eval_events(obj: Context, path: str, as_json: bool, errors: bool) -> None:
    """Precision, recall and F1 per event type on a labelled JSONL set (../shared/eval-format.md)."""
    from monitor.evaluate import EvalError, evaluate_events, read_jsonl
    from monitor.nlp.pipeline import Extractor

    try:
        lines = read_jsonl(path)
    except EvalError as exc:
        fail(str(exc))
    result = evaluate_events(lines, Extractor(obj.companies), obj.companies)
    if as_json:
        data = result.to_dict()
        if not errors:
            data.pop("errors", None)
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{result.lines} lines, {result.gold} gold events, {result.predicted} predicted")
    click.echo(f"{'source kind':<16}{'type':<10}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind, scores in [("all", result.scores()), *result.kind_scores().items()]:
        for name, s in scores.items():
            click.echo(f"{kind:<16}{name:<10}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    for attr, acc in result.attribute_accuracy().items():
        click.echo(f"{attr} accuracy on matched events: {acc['accuracy']:.3f} ({acc['correct']}/{acc['total']})")
    if errors:
        classes = result.error_classes()
        click.echo("errors by class: " + ", ".join(f"{k} {v}" for k, v in classes.items()))
        for cls in classes:
            click.echo(f"\n## {cls} ({classes[cls]})")
            for err in (e for e in result.errors if e["kind"] == cls):
                click.echo(f"{err['id']}: {json.dumps(err['event'], ensure_ascii=False)}")
                click.echo(f"    {' '.join(err['text'].split())[:300]}")


@eval_group.command(name="sentiment")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON")
@click.option("--errors", is_flag=True, help="List every misclassified line")
@pass_ctx
def eval_sentiment(obj: Context, path: str, as_json: bool, errors: bool) -> None:
    """Accuracy, macro-F1 and weighted F1 of the tone model on a labelled JSONL set."""
    from monitor.evaluate import EvalError, read_sentiment_set, sentiment_scores

    try:
        lines = read_sentiment_set(path)
    except EvalError as exc:
        fail(str(exc))
    model = obj.sentiment(required=True)
    preds = model.predict([str(line["text"]) for line in lines])
    result = sentiment_scores([line["label"] for line in lines], [p.label for p in preds])
    wrong = [
        {"id": line["id"], "gold": line["label"], "predicted": p.label, "score": p.score, "text": line["text"]}
        for line, p in zip(lines, preds, strict=True) if p.label != line["label"]
    ]
    if as_json:
        click.echo(json.dumps(result | ({"errors": wrong} if errors else {}), indent=2))
        return
    click.echo(f"{result['n']} lines: accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f}, "
               f"weighted F1 {result['weighted_f1']:.3f}")
    click.echo(f"{'class':<10}{'P':>8}{'R':>8}{'F1':>8}{'n':>7}   confusion (predicted {', '.join(result['confusion'])})")
    for name, c in result["per_class"].items():
        row = " ".join(f"{v:>5}" for v in result["confusion"][name].values())
        click.echo(f"{name:<10}{c['precision']:>8.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}{c['support']:>7}   {row}")
    if errors:
        for w in wrong:
            click.echo(f"{w['id']}: gold {w['gold']}, predicted {w['predicted']} ({w['score']:.2f}): {w['text'][:200]}")


@cli.command()
@click.argument("texts", nargs=-1)
@click.option("--jsonl", "jsonl", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help='Read {"id", "text"} lines; print {"id", "label", "score"} lines')
@output_options
@pass_ctx
def sentiment(obj: Context, texts: tuple[str, ...], jsonl: str | None, fmt: str) -> None:
    """The tone (negative, neutral, positive) of sentences given as arguments or in a JSONL file."""
    if not texts and not jsonl:
        raise click.UsageError("give sentences as arguments or --jsonl FILE")
    model = obj.sentiment(required=True)
    if jsonl:
        from monitor.evaluate import EvalError, read_jsonl

        try:
            lines = read_jsonl(jsonl)
        except EvalError as exc:
            fail(str(exc))
        for line, p in zip(lines, model.predict([str(line["text"]) for line in lines]), strict=True):
            click.echo(json.dumps({"id": line["id"], "label": p.label, "score": p.score}, ensure_ascii=False))
        return
    rows = [{"text": t, "label": p.label, "score": p.score, "polarity": p.polarity}
            for t, p in zip(texts, model.predict(list(texts)), strict=True)]
    emit(rows, fmt, ["label", "score", "polarity", "text"])


@cli.command()
@click.option("--company", "companies", multiple=True, help="Company name, alias or ticker (repeatable)")
@click.option("--since", default="90d", show_default=True, help="From (7d, 24h or a date)")
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@output_options
@pass_ctx
def tone(obj: Context, companies: tuple[str, ...], since: str, by: str, fmt: str) -> None:
    """Tone of the coverage per company over time: mean document polarity (-1..1) and counts."""
    names = obj.companies.match_keys(companies)
    with obj.store() as store:
        check_companies(obj, store, companies)
        rows = store.tone(companies=names or None, since=parse_since(since), by=by)
    emit(rows, fmt, ["company", "period", "documents", "tone", "positive", "neutral", "negative"])


@cli.command()
@click.option("--company", "companies", multiple=True, help="Company name, alias, ticker or CIK (repeatable)")
@click.option("--by", type=click.Choice(["quarter", "year"]), default="quarter", show_default=True)
@click.option("--since", help="Periods ending on or after this date (2024-01-01, or 365d)")
@click.option("--guidance", "show_guidance", is_flag=True,
              help="Capex guidance against the outcome: guided range, reported figure, below/within/above")
@click.option("--chart", type=click.Path(dir_okay=False, writable=True),
              help="Draw the company's ledger into FILE.png or FILE.svg (one --company)")
@output_options
@pass_ctx
def ledger(obj: Context, companies: tuple[str, ...], by: str, since: str | None, show_guidance: bool,
           chart: str | None, fmt: str) -> None:
    """The money trail per company and period: capex, operating cash flow, debt issued and
    repaid, shareholder returns, from the SEC's XBRL facts (`facts` sources), with capex
    guidance and debt deals from the extracted events. Companies without filings get rows
    from their events alone (basis: news)."""
    from monitor import ledger as ledgering
    from monitor.formatting import human_amount

    if chart and len(companies) != 1:
        raise click.BadParameter("draw one company at a time: give exactly one --company", param_hint="--chart")
    if chart and Path(chart).suffix.lower() not in (".png", ".svg"):
        raise click.BadParameter(f"{chart}: the file must end in .png or .svg", param_hint="--chart")
    with obj.store() as store:
        rows = ledgering.build(obj.config, store, obj.companies, names=list(companies) or None, by=by,
                               since=parse_since(since))
        yearly = (ledgering.year_guidance(obj.config, store, obj.companies, rows[0]["company"])
                  if chart and rows and by == "quarter" else None)
    if companies and not rows:
        click.echo(f"No ledger for {', '.join(companies)}: no facts stored for it (add a `facts` source with "
                   "its cik) and no events attributed to it", err=True)
    if chart:
        if not rows:
            fail(f"{chart}: nothing to draw")
        try:
            Path(chart).write_bytes(ledgering.render_chart(rows, rows[0]["company"], fmt=Path(chart).suffix[1:].lower(),
                                                           yearly=yearly))
        except OSError as exc:
            fail(f"{chart}: cannot write: {exc.strerror or exc}")
        click.echo(f"Chart written to {chart}: {rows[0]['company']}, {len(rows)} periods", err=True)
        if fmt == "table":
            return
    if show_guidance:
        grows = ledgering.guidance_rows(rows)
        if fmt == "table":
            for g in grows:
                g["guided"] = human_amount(g["guidance_low_usd"]) + (
                    f"-{human_amount(g['guidance_high_usd'])}" if g["guidance_high_usd"] != g["guidance_low_usd"] else "")
                g["reported capex"] = human_amount(g["reported_usd"])
                g["given"] = (g["guidance_given"] or "")[:10]
                g["evidence"] = one_line(g["evidence"], 140)
        emit(grows, fmt, ["company", "period", "guided", "given", "reported capex", "outcome", "evidence"])
        return
    if fmt == "table":
        money = {"capex": "capex_usd", "op. cash flow": "operating_cash_flow_usd", "free cash flow": "free_cash_flow_usd",
                 "debt issued": "debt_issued_usd", "net borrowing": "net_borrowing_usd",
                 "buybacks+div.": "shareholder_returns_usd", "funding gap": "funding_gap_usd"}
        for r in rows:
            for label, key in money.items():
                r[label] = human_amount(r[key])
            r["debt-funded"] = f"{r['debt_funded_share']:.0%}" if r["debt_funded_share"] is not None else ""
            lo, hi = r["capex_guidance_low_usd"], r["capex_guidance_high_usd"]
            r["guidance"] = "" if lo is None else human_amount(lo) + (f"-{human_amount(hi)}" if hi != lo else "")
            r["debt deals"] = len(r["debt_events"]) or ""
        emit(rows, fmt, ["company", "period", *money, "debt-funded", "guidance", "debt deals", "basis"],
             title=f"Ledger by {by}")
    else:
        emit(rows, fmt, [])


@cli.command(name="datasette")
@click.option("--metadata", "target", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-",
              show_default=True, help="Write the Datasette metadata (JSON) to this file; - prints it")
@pass_ctx
def datasette_cmd(obj: Context, target: str) -> None:
    """Datasette metadata for this database: table and column descriptions, facets (events by
    type, company, status, instrument) and canned queries (a company's ledger, the biggest debt
    raises of the last 30 days, capex guidance changes). Then: datasette DB -m FILE."""
    from monitor.datasette_metadata import metadata

    if Path(obj.db_path).exists():
        obj.store().close()  # brings an older database up to date (the consolidated_events view, the ledger)
    text = json.dumps(metadata(Path(obj.db_path).stem), indent=2) + "\n"
    if target == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{target}: cannot write: {exc.strerror or exc}")
    click.echo(f"Metadata written to {target}; browse with: datasette {obj.db_path} -m {target}", err=True)


# -- alerts and digest ---------------------------------------------------------------------


@cli.group(name="alerts")
def alerts_group() -> None:
    """Alert rules (feeds.yaml `alerts:`): list them, try one on stored data, check them now."""


def _rules(obj: Context):
    from monitor.alerts import compile_rules

    return compile_rules(obj.require_config(), obj.companies)


def _rule_summary(rule) -> str:
    rc = rule.config
    parts = []
    if rc.query:
        parts.append(f"query {rc.query}")
    if rc.types:
        parts.append("types " + ", ".join(rc.types))
    if rc.companies:
        parts.append("companies " + ", ".join(rc.companies))
    if rc.min_amount_usd is not None:
        from monitor.formatting import human_amount

        parts.append(f"amount >= {human_amount(rc.min_amount_usd)}")
    for name in ("sentiment", "change"):
        if getattr(rc, name):
            parts.append(f"{name} {getattr(rc, name)}")
    if rc.kinds:
        parts.append("kinds " + ", ".join(rc.kinds))
    if rc.debt_funded_share_at_least is not None:
        parts.append(f"debt-funded share >= {rc.debt_funded_share_at_least:.0%}")
    if rc.capex_exceeds_operating_cash_flow:
        parts.append("capex > operating cash flow")
    return "; ".join(parts) or "every new event"


@alerts_group.command(name="list")
@output_options
@pass_ctx
def alerts_list(obj: Context, fmt: str) -> None:
    """The configured rules, what they watch, where they send, and what they have fired."""
    rules = _rules(obj)
    with obj.store() as store:
        summary = store.alert_summary()
    rows = []
    for rule in rules:
        rc = rule.config
        s = summary.get(rule.name, {})
        rows.append({
            "rule": rule.name, "on": rc.on, "conditions": _rule_summary(rule),
            "channels": [ch.key for ch in rc.channels] + (["digest"] if rc.digest else []),
            "max_age": rc.max_age, "fired": s.get("fired") or 0, "unsent": s.get("unsent") or 0,
            "queued": s.get("queued") or 0, "last_fired": s.get("last"),
        })
    emit(rows, fmt, ["rule", "on", "conditions", "channels", "fired", "unsent", "queued", "last_fired"])


@alerts_group.command(name="test")
@click.argument("rule")
@click.option("--since", default="30d", show_default=True, help="Look back this far (7d, 24h or a date)")
@click.option("--limit", type=click.IntRange(1, 100_000),
              help="Matches to show [default: 50 in a table; every match with --csv/--json/--nl]")
@click.option("--message", is_flag=True, help="Print each match as the message the channels would get")
@output_options
@pass_ctx
def alerts_test(obj: Context, rule: str, since: str, limit: int | None, message: bool, fmt: str) -> None:
    """What RULE would have matched in the stored data, without sending or recording anything."""
    from monitor.alerts import AlertError, find_matches, find_rule
    from monitor.store import QueryError

    try:
        found = find_rule(_rules(obj), rule)
    except AlertError as exc:
        fail(str(exc))
    with obj.store() as store:
        try:
            matches = find_matches(store, found, since=parse_since(since))
        except QueryError as exc:
            fail(str(exc))
        fired = store.alerts_fired(found.name)
    click.echo(f"Rule {found.name} ({found.config.on}: {_rule_summary(found)}): {len(matches)} matches "
               f"since {since}", err=True)
    limit = row_limit(limit, "table" if message else fmt, 50)
    say_if_cut(len(matches[:limit]), limit, "table" if message else fmt, lambda: len(matches), "matches",
               most=100_000)
    matches = matches[:limit]
    if message:
        for m in matches:
            click.echo(m.text() + "\n")
        return
    rows = []
    for m in matches:
        ev = m.event or {}
        rows.append({"date": (m.document.get("published") or "")[:10], "target": m.target,
                     "what": m.title, "matched": m.reasons, "evidence": m.evidence,
                     "url": m.document.get("url"), "already_fired": m.target in fired,
                     "event": ev or None, "document": m.document})
    if fmt == "table":
        for r in rows:
            r["matched"] = "; ".join(r["matched"])
            r["fired"] = "yes" if r["already_fired"] else ""
            r["evidence"] = one_line(r["evidence"], 160)
        emit(rows, fmt, ["date", "what", "matched", "evidence", "fired"])
    else:
        emit(rows, fmt, [])


def _say_new_rules(names: list[str]) -> None:
    """Why a rule that `alerts test` shows matching fires on nothing at its first check."""
    for name in names:
        click.echo(f"Rule {name} is new: it starts now, on what is extracted from now on (and in the last "
                   f"24 hours), not on older data; `monitor alerts test {name} --since 90d` shows what it "
                   "would have matched.", err=True)


@alerts_group.command(name="check")
@click.option("--dry-run", is_flag=True, help="Record nothing, send nothing: show what would fire")
@pass_ctx
def alerts_check(obj: Context, dry_run: bool) -> None:
    """Check the rules against what is new now and send what fires (and any unsent alert).
    A rule never checked before looks back 24 hours."""
    from monitor import alerts

    rules = _rules(obj)
    if not rules:
        fail("no alert rules configured (feeds.yaml `alerts:`)")
    with obj.store() if dry_run else obj.writer() as store:
        new = [r.name for r in rules if not store.alert_since(r.name, "")]  # never checked before
        if dry_run:
            now = datetime.now(UTC)
            found = alerts.new_matches(store, rules, now=now, default_since=alerts.default_since(now))
            for name, matches in found.items():
                click.echo(f"{name}: {len(matches)} would fire", err=True)
                for m in matches:
                    click.echo(m.text() + "\n")
            _say_new_rules(new)
            return
        report = alerts.check(obj.config, store, rules, stdout=_Stdout(),
                              base=_config_base(obj))
    _say_new_rules(new)
    _print_alert_report(report)
    if report.failed or report.errors:
        sys.exit(1)


@cli.command()
@click.option("--since", default="24h", show_default=True, help="Events first reported since (24h, 7d or a date)")
@click.option("--until", help="End of the window (a date or time; default now): a past day's digest, e.g. "
              "--since 2025-09-24 --until 2025-09-25")
@click.option("--preview", type=click.Path(dir_okay=False, writable=True),
              help="Write the HTML e-mail to this file (chart embedded) instead of sending it")
@click.option("--text", "as_text", is_flag=True, help="Print the plain-text version")
@click.option("--send", "do_send", is_flag=True, help="Send it by e-mail (digest.smtp) to the recipients")
@click.option("--to", "to", multiple=True, help="Send to this address instead of digest.recipients (repeatable)")
@click.option("--force", is_flag=True, help="Send even if today's digest already went to these recipients")
@pass_ctx
def digest(obj: Context, since: str, until: str | None, preview: str | None, as_text: bool, do_send: bool,
           to: tuple[str, ...], force: bool) -> None:
    """The daily digest: the day's capex and debt events, guidance changes, tone by company, alert
    rule hits and a 90-day chart. Without --send it is only shown (--preview FILE.html, --text)."""
    from monitor import digest as digesting
    from monitor.mail import valid_address

    config = obj.require_config() if do_send else obj.config
    for addr in to:
        if not valid_address(addr):
            raise click.BadParameter(f"{addr!r} is not an e-mail address", param_hint="--to")
    now = None
    if until:
        try:
            now = datetime.fromisoformat(until)
        except ValueError:
            raise click.BadParameter(f"{until!r} is not a date (2025-09-25) or time", param_hint="--until") from None
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
    since_iso = parse_since(since, now)
    with obj.writer() if do_send else obj.store() as store:
        if preview or as_text or not do_send:
            d = digesting.build(config, store, since=since_iso, now=now)
            if preview:
                try:
                    Path(preview).write_text(digesting.render_html(d, inline=True), encoding="utf-8")
                except OSError as exc:
                    fail(f"{preview}: cannot write: {exc.strerror or exc}")
                click.echo(f"Preview written to {preview}: {d.subject}", err=True)
            if as_text or (not preview and not do_send):
                click.echo(digesting.render_text(d))
        if do_send:
            result = digesting.send(config, store, to=list(to) or None, since=since_iso, now=now, force=force)
            _print_digest(result)
            if result.status == "failed":
                sys.exit(1)


# -- operations ----------------------------------------------------------------------------


@cli.command()
@click.option("--repair", is_flag=True, help="Rebuild a full-text index that disagrees with its table")
@click.option("--failing", "failing_runs", default=3, show_default=True, type=click.IntRange(1),
              help="Warn about sources failing for this many runs in a row")
@output_options
@pass_ctx
def doctor(obj: Context, repair: bool, failing_runs: int, fmt: str) -> None:
    """Check the database: integrity, schema version, search indexes, failing sources,
    interrupted runs, work waiting, disk use. Exit 1 if anything is broken."""
    from monitor.doctor import examine
    from monitor.lock import LockError, writer_lock

    if not Path(obj.db_path).exists():
        fail(f"{obj.db_path}: no such database")
    with ExitStack() as stack:
        locked = False
        try:  # a free lock means no run is in progress: runs marked running were killed
            stack.enter_context(writer_lock(obj.db_path, "monitor doctor", wait=obj.wait if repair else 0))
            locked = True
        except LockError as exc:
            if repair:
                fail(str(exc), EXIT_LOCKED)
        store = stack.enter_context(obj.store(migrate=False))
        checks = examine(store, failing_runs=failing_runs, repair=repair, locked=locked)
    rows = [c.to_dict() for c in checks]
    if fmt == "table":
        marks = {"ok": "ok", "warning": "WARNING", "error": "ERROR", "repaired": "repaired"}
        for c in checks:
            click.echo(f"{marks[c.status]:<9} {c.name}: {c.detail}")
    else:
        emit(rows, fmt, ["name", "status", "detail"])
    if any(c.status == "error" for c in checks):
        sys.exit(1)


@cli.command()
@click.argument("target", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace TARGET if it exists")
@pass_ctx
def backup(obj: Context, target: str, force: bool) -> None:
    """Copy the database to TARGET (SQLite's online backup API): a consistent snapshot taken
    while runs and readers go on, checked, then moved into place."""
    from monitor.store import StoreError

    if not Path(obj.db_path).exists():
        fail(f"{obj.db_path}: no such database")
    if Path(target).exists() and not force:
        fail(f"{target}: already exists (--force to replace it)")
    if Path(target).resolve() == Path(obj.db_path).resolve():
        fail(f"{target}: is the database itself")
    if not Path(target).resolve().parent.is_dir():
        fail(f"{target}: no such directory {Path(target).resolve().parent}")
    with obj.store(migrate=False) as store, progress_bar("Backing up") as progress:
        try:
            store.backup(target, progress=progress)
        except StoreError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{target}: cannot write: {exc.strerror or exc}")
    size = Path(target).stat().st_size
    click.echo(f"Backed up {obj.db_path} to {target} ({size:,} bytes, integrity checked)", err=True)


def main() -> None:  # pragma: no cover
    cli(prog_name="monitor")


if __name__ == "__main__":  # pragma: no cover
    main()
