"""feeds.yaml: the sources to watch, the companies to know, alert rules and digest settings.

Validated with pydantic so that a typo is one clear line (field path and reason), not a
traceback half-way through a run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

DEFAULT_CONFIG = "feeds.yaml"
DEFAULT_DB = "monitor.db"


class ConfigError(Exception):
    """A configuration file that cannot be used; `problems` holds one line per problem."""

    def __init__(self, path: str | os.PathLike[str], problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{self.path}: " + "; ".join(problems))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HttpSettings(_Model):
    user_agent: str = "monitor/0.1 (open-source financial news monitor; contact: monitor@example.org)"
    timeout: float = Field(20.0, gt=0)
    retries: int = Field(2, ge=0, le=10)
    backoff: float = Field(0.5, ge=0)
    max_bytes: int = Field(10_000_000, gt=0)
    sec_requests_per_second: float = Field(10.0, gt=0, le=10)
    requests_per_second: float = Field(4.0, gt=0)
    concurrency: int = Field(4, ge=1, le=32)
    host_requests_per_second: dict[str, float] = Field(default_factory=dict)
    respect_robots: bool = True

    @field_validator("host_requests_per_second")
    @classmethod
    def _host_rates(cls, v: dict[str, float]) -> dict[str, float]:
        for host, rate in v.items():
            if rate <= 0:
                raise ValueError(f"{host}: the rate must be above 0")
            if host.lower().rstrip(".") in ("sec.gov", "www.sec.gov", "data.sec.gov", "efts.sec.gov") and rate > 10:
                raise ValueError(f"{host}: the SEC allows at most 10 requests/second")
        return {h.lower().rstrip("."): r for h, r in v.items()}

    @field_validator("user_agent")
    @classmethod
    def _contact(cls, v: str) -> str:
        if "@" not in v:
            raise ValueError("must contain a contact e-mail address (the SEC rejects anonymous clients)")
        return v


_INTERVAL_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.I)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_interval(value: str | float | int) -> float:
    """'15m', '1h', '30s', '1d' or plain seconds, as seconds."""
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        m = _INTERVAL_RE.match(value)
        if not m:
            raise ValueError(f"{value!r} is not an interval (use e.g. 30s, 15m, 1h, 1d)")
        seconds = float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]
    if seconds <= 0:
        raise ValueError("an interval must be above 0")
    return seconds


class Source(_Model):
    name: str = Field(min_length=1)
    type: Literal["rss", "edgar", "transcript", "facts"] = "rss"
    url: str | None = None
    path: str | None = None
    cik: int | None = Field(None, gt=0)
    forms: list[str] = Field(default_factory=list)
    kind: Literal["news", "filing", "transcript"] | None = None
    company: str | None = None
    fetch_articles: bool = True
    every: str | None = None
    enabled: bool = True

    @field_validator("every")
    @classmethod
    def _every(cls, v: str | None) -> str | None:
        if v is not None:
            parse_interval(v)
        return v

    @property
    def interval(self) -> float | None:
        return parse_interval(self.every) if self.every else None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^https?://[^\s/]+", v):
            raise ValueError("must be an http(s) URL")
        return v

    @model_validator(mode="after")
    def _where(self) -> Source:
        if self.type == "rss" and not self.url:
            raise ValueError("an rss source needs a url")
        if self.type == "edgar" and not (self.url or self.cik):
            raise ValueError("an edgar source needs a url or a cik")
        if self.type == "transcript" and not (self.url or self.path):
            raise ValueError("a transcript source needs a url or a path")
        if self.type == "facts" and not (self.url or self.cik):
            raise ValueError("a facts source needs a cik (or the url of a company-facts JSON)")
        if self.path and self.type != "transcript":
            raise ValueError("`path` is only for transcript sources")
        return self

    @property
    def document_kind(self) -> str:
        return self.kind or {"edgar": "filing", "facts": "filing", "transcript": "transcript"}.get(self.type, "news")

    @property
    def feed_url(self) -> str:
        """Where the source is read from (for a cik: EDGAR's submissions JSON, at the default host)."""
        return self.listing_url(EdgarSettings())

    def listing_url(self, edgar: EdgarSettings) -> str:
        if self.url:
            return self.url
        if self.path:
            return self.path
        if self.type == "facts":
            return f"{edgar.data_url.rstrip('/')}/api/xbrl/companyfacts/CIK{self.cik:010d}.json"
        return f"{edgar.data_url.rstrip('/')}/submissions/CIK{self.cik:010d}.json"


class EdgarSettings(_Model):
    """Where EDGAR lives (overridable so tests can serve it locally) and what to take from it."""

    archive_url: str = "https://www.sec.gov"
    data_url: str = "https://data.sec.gov"
    exhibits: list[str] = Field(default_factory=lambda: ["EX-99"])
    lookback_days: int = Field(30, ge=0)
    max_filings_per_run: int = Field(100, ge=1)

    @field_validator("archive_url", "data_url")
    @classmethod
    def _base(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+", v):
            raise ValueError("must be an http(s) URL")
        return v.rstrip("/")


class Company(_Model):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    # short forms the press writes ("Vantage" for Vantage Data Centers) that are also ordinary
    # words: never matched on their own, only weighed where a sentence writes one as a name
    short: list[str] = Field(default_factory=list)
    ticker: str | None = None
    cik: int | None = Field(None, gt=0)
    category: str | None = None
    fiscal_year_end: int | None = Field(None, ge=1, le=12)  # month the fiscal year ends (6 = June)


class Channel(_Model):
    type: Literal["email", "webhook", "stdout", "jsonl"]
    to: list[str] = Field(default_factory=list)
    url_env: str | None = None
    path: str | None = None

    @model_validator(mode="after")
    def _needs(self) -> Channel:
        need = {"email": "to", "webhook": "url_env", "jsonl": "path"}.get(self.type)
        if need and not getattr(self, need):
            article = "an" if self.type[0] in "aeiou" else "a"
            raise ValueError(f"{article} {self.type} channel needs `{need}`")
        if self.url_env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", self.url_env):
            raise ValueError(f"url_env must be the NAME of an environment variable, not {self.url_env[:20]!r}...")
        _check_addresses(self.to)
        return self

    @property
    def key(self) -> str:
        """What identifies the channel in the alerts table (never a secret: the variable's name)."""
        detail = {"email": ",".join(sorted(a.lower() for a in self.to)), "webhook": self.url_env,
                  "jsonl": self.path}.get(self.type)
        return f"{self.type}:{detail}" if detail else self.type


def _check_addresses(addresses: list[str]) -> None:
    from monitor.mail import valid_address

    for a in addresses:
        if not valid_address(a):
            raise ValueError(f"{a!r} is not an e-mail address")


class AlertRule(_Model):
    """A rule fires when every condition it sets holds (see feeds.yaml's header)."""

    name: str = Field(min_length=1)
    query: str | None = None
    # An event rule's query looks at the event's own evidence sentence: one "senior notes" in a
    # 10-K must not qualify every $1B figure in it. `document` looks at the whole document.
    query_scope: Literal["sentence", "document"] = "sentence"
    types: list[Literal["capex", "debt"]] = Field(default_factory=list)
    companies: list[str] = Field(default_factory=list)
    min_amount_usd: float | None = Field(None, ge=0)
    sentiment: Literal["positive", "negative", "neutral"] | None = None
    kinds: list[Literal["news", "filing", "transcript"]] = Field(default_factory=list)
    change: Literal["raised", "lowered"] | None = None
    match: Literal["auto", "events", "documents"] = "auto"
    # Ledger conditions: checked on each newly reported period of `monitor ledger`.
    debt_funded_share_at_least: float | None = Field(None, ge=0)
    capex_exceeds_operating_cash_flow: bool = False
    max_age: str = "7d"
    channels: list[Channel] = Field(default_factory=list)
    digest: bool = False

    @field_validator("query")
    @classmethod
    def _query(cls, v: str | None) -> str | None:
        if v is None:
            return None
        from monitor.store import check_fts_query

        problem = check_fts_query(v)
        if problem:
            raise ValueError(f"bad full-text query {v!r}: {problem}")
        return v

    @field_validator("max_age")
    @classmethod
    def _age(cls, v: str) -> str:
        parse_interval(v)
        return v

    @model_validator(mode="after")
    def _coherent(self) -> AlertRule:
        if self.ledger_conditions:
            other = [name for name in ("query", "types", "min_amount_usd", "sentiment", "kinds", "change")
                     if getattr(self, name)]
            if other:
                raise ValueError(f"ledger conditions cannot be combined with {', '.join(other)} (event fields)")
            if self.match != "auto":
                raise ValueError("a rule with ledger conditions watches the ledger: leave `match` out")
        if self.on == "documents" and (self.types or self.min_amount_usd is not None or self.change):
            raise ValueError("match: documents cannot use types, min_amount_usd or change (those are event fields)")
        if self.on == "documents" and not self.query:
            raise ValueError("match: documents needs a query")
        if not self.channels and not self.digest:
            raise ValueError("no channels and digest is false: the rule would never tell anyone")
        return self

    @property
    def ledger_conditions(self) -> bool:
        return self.debt_funded_share_at_least is not None or self.capex_exceeds_operating_cash_flow

    @property
    def on(self) -> str:
        """events, documents or ledger. A rule with a ledger condition watches newly reported
        ledger periods; a rule with a query and no event-only condition (types,
        min_amount_usd, change) watches documents; any other rule watches events."""
        if self.ledger_conditions:
            return "ledger"
        if self.match != "auto":
            return self.match
        event_only = self.types or self.min_amount_usd is not None or self.change
        return "documents" if self.query and not event_only else "events"

    @property
    def max_age_seconds(self) -> float:
        return parse_interval(self.max_age)


class Smtp(_Model):
    host: str = "localhost"
    port: int = Field(587, gt=0, lt=65536)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    user: str | None = None
    password_env: str = "MONITOR_SMTP_PASSWORD"


class DigestSettings(_Model):
    enabled: bool = False
    recipients: list[str] = Field(default_factory=list)
    sender: str = "monitor@localhost"
    time: str = "07:00"
    timezone: str = "UTC"
    skip_empty: bool = False
    smtp: Smtp = Field(default_factory=Smtp)

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, v: list[str]) -> list[str]:
        _check_addresses(v)
        return v

    @field_validator("sender")
    @classmethod
    def _sender(cls, v: str) -> str:
        _check_addresses([v])
        return v

    @field_validator("time")
    @classmethod
    def _time(cls, v: str) -> str:
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", v):
            raise ValueError("must be HH:MM (24-hour)")
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r} (use an IANA name such as America/New_York)") from None
        return v


class SentimentSettings(_Model):
    """The tone model: ours by default, or any local Hugging Face sequence-classification folder."""

    enabled: bool = True
    model: str | None = None  # None: models/sentiment over the packaged MiniLM
    labels: dict[str, str] = Field(default_factory=dict)  # the model's label -> negative/neutral/positive
    threads: int = Field(2, ge=1, le=64)
    batch_size: int = Field(32, ge=1, le=1024)  # sentences sorted by tokens: 32 pads less than 64, and ran 6% faster
    bf16: bool | Literal["auto"] = "auto"  # auto: on CPUs with bfloat16 instructions (AMX, AVX512-BF16)

    @field_validator("labels")
    @classmethod
    def _labels(cls, v: dict[str, str]) -> dict[str, str]:
        for key, value in v.items():
            if value not in ("negative", "neutral", "positive"):
                raise ValueError(f"{key}: must map to negative, neutral or positive, not {value!r}")
        return v


# The ledger's lines and the XBRL concepts (us-gaap) that report them, in order of preference:
# for each period the first alternative with a value wins. "A + B" adds concepts and counts
# only when all of them are reported for the period. Filers switch tags over the years (NVIDIA
# moved capex from PaymentsToAcquirePropertyPlantAndEquipment to PaymentsToAcquireProductiveAssets);
# each period takes whichever it reported, and a quarter is never computed across two tags.
DEFAULT_CONCEPTS: dict[str, list[str]] = {
    "capex": ["PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets",
              "PaymentsForCapitalImprovements", "PaymentsToAcquireOtherPropertyPlantAndEquipment"],
    "operating_cash_flow": ["NetCashProvidedByUsedInOperatingActivities",
                            "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"],
    "debt_issued": ["ProceedsFromDebtNetOfIssuanceCosts",
                    "ProceedsFromIssuanceOfLongTermDebt + ProceedsFromRepaymentsOfCommercialPaper",
                    "ProceedsFromIssuanceOfLongTermDebt", "ProceedsFromIssuanceOfDebt",
                    "ProceedsFromIssuanceOfSeniorLongTermDebt", "ProceedsFromIssuanceOfUnsecuredDebt",
                    "ProceedsFromConvertibleDebt"],
    "debt_repaid": ["RepaymentsOfDebt", "RepaymentsOfLongTermDebt", "RepaymentsOfSeniorDebt",
                    "RepaymentsOfDebtMaturingInMoreThanThreeMonths"],
    "finance_lease_principal": ["FinanceLeasePrincipalPayments"],
    "buybacks": ["PaymentsForRepurchaseOfCommonStock"],
    "dividends": ["PaymentsOfDividends", "PaymentsOfDividendsCommonStock"],
    "debt_outstanding": ["LongTermDebt", "LongTermDebtNoncurrent + LongTermDebtCurrent", "LongTermDebtNoncurrent"],
}
INSTANT_LINES = {"debt_outstanding"}  # balances at the period's end; the others are flows over it


class LedgerSettings(_Model):
    """Which XBRL concepts feed each line of `monitor ledger` (see feeds.yaml's header)."""

    concepts: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("concepts")
    @classmethod
    def _concepts(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        problems = []
        for line, alternatives in v.items():
            if line not in DEFAULT_CONCEPTS:
                problems.append(f"{line}: unknown ledger line (known: {', '.join(DEFAULT_CONCEPTS)})")
            if not alternatives:
                problems.append(f"{line}: give at least one concept")
            for alt in alternatives:
                if not all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", part.strip()) for part in alt.split("+")):
                    problems.append(f"{line}: {alt!r} is not a concept name or a sum of them (A + B)")
        if problems:
            raise ValueError("; ".join(problems))
        return v

    def concept_map(self) -> dict[str, list[list[str]]]:
        """Each line's alternatives, each a list of concepts to add: the defaults, with the
        lines given in feeds.yaml replacing theirs."""
        merged = {**DEFAULT_CONCEPTS, **self.concepts}
        return {line: [[p.strip() for p in alt.split("+")] for alt in alts] for line, alts in merged.items()}

    def all_concepts(self) -> set[str]:
        return {c for alts in self.concept_map().values() for alt in alts for c in alt}


class Config(_Model):
    http: HttpSettings = Field(default_factory=HttpSettings)
    edgar: EdgarSettings = Field(default_factory=EdgarSettings)
    sentiment: SentimentSettings = Field(default_factory=SentimentSettings)
    sources: list[Source] = Field(default_factory=list)
    companies: list[Company] = Field(default_factory=list)
    alerts: list[AlertRule] = Field(default_factory=list)
    digest: DigestSettings = Field(default_factory=DigestSettings)
    ledger: LedgerSettings = Field(default_factory=LedgerSettings)

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        for section, items in (("sources", self.sources), ("companies", self.companies), ("alerts", self.alerts)):
            seen: set[str] = set()
            for item in items:
                key = item.name.casefold()
                if key in seen:
                    raise ValueError(f"{section}: duplicate name {item.name!r}")
                seen.add(key)
        owner: dict[str, str] = {}
        for company in self.companies:
            for short in company.short:
                if owner.setdefault(short, company.name) != company.name:
                    raise ValueError(f"companies: short form {short!r} is listed under {owner[short]!r} and {company.name!r}")
        return self

    def source(self, name: str) -> Source:
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(name)


def _location(loc: tuple[int | str, ...], data: dict) -> str:
    """alerts.big-debt.query rather than alerts.0.query: the item's name when it has one."""
    parts = [str(p) for p in loc]
    if len(loc) >= 2 and loc[0] in ("sources", "companies", "alerts") and isinstance(loc[1], int):
        items = data.get(loc[0])
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"]:
            parts[1] = item["name"]
    return ".".join(parts) or "(top level)"


def parse_config(data: object, path: str | os.PathLike[str] = "<config>") -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, ["(top level): must be a mapping of sections"])
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown field"
            problems.append(f"{_location(err['loc'], data)}: {msg}")
        raise ConfigError(path, problems) from None


# libyaml's safe loader when PyYAML was built with it: feeds.yaml is read at every start, and the
# pure-Python parser is 6-7 times slower (0.05 s of CPU for the shipped file, several times that
# on a busy machine). The same constructor, so the same data (a test checks).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """yaml.safe_load, through libyaml when available."""
    return yaml.load(text, Loader=_YAML_LOADER)


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Load and validate the configuration; a missing default file gives an empty config."""
    explicit = path is not None or "MONITOR_CONFIG" in os.environ
    p = Path(path or os.environ.get("MONITOR_CONFIG") or DEFAULT_CONFIG)
    if not p.exists():
        if explicit:
            raise ConfigError(p, ["file not found"])
        return Config()
    try:
        data = read_yaml(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(p, [f"{where}invalid YAML: {reason}"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(p, [f"cannot read: {exc}"]) from None
    return parse_config(data, p)
