"""Who is who: configured companies with their aliases, backed by the SEC's ticker/CIK table.

Analysts write "Google", filings say "Alphabet Inc.", the SEC says "GOOGL" and CIK 1652044:
all of them must come out as one company.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

_LEGAL_SUFFIX_RE = re.compile(
    r"(?:[,\s]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|lp|l\.p|llp|plc|ag|se|sa|s\.a|nv|n\.v|"
    r"bv|gmbh|com|holdings?|group|platforms|technologies|technology|the|motor|companies)\.?)+$",
    re.I,
)
# the SEC's state or status tag after a legal name: "QUALCOMM INC/DE", "HORTON D R INC /DE/",
# "US BANCORP \\DE\\", "COSTCO WHOLESALE CORP /NEW", "BANK OF MONTREAL /CAN/"
_SEC_TAG_RE = re.compile(r"\s*[/\\]\s*[a-z]{2,4}\s*[/\\]?\s*$", re.I)


def normalise_name(name: str) -> str:
    """A comparison key: case, accents, punctuation and legal suffixes ignored ("Meta Platforms,
    Inc." -> "meta", "Estée Lauder" -> "estee lauder", "TJX COMPANIES INC /DE/" -> "tjx")."""
    key = unicodedata.normalize("NFKD", name.strip().casefold())
    key = "".join(ch for ch in key if not unicodedata.combining(ch)).replace("&", " and ")
    key = re.sub(r"^the\s+", "", key)
    prev = None
    while prev != key:
        prev = key
        key = _LEGAL_SUFFIX_RE.sub("", _SEC_TAG_RE.sub("", re.sub(r"['’]s$", "", key))).strip(" ,.")
    key = re.sub(r"[^\w]+", " ", key)
    return " ".join(key.split())


@dataclass
class CompanyRef:
    name: str
    ticker: str | None = None
    cik: int | None = None
    aliases: list[str] = field(default_factory=list)
    configured: bool = True
    fiscal_year_end: int | None = None  # month; None: calendar year or unknown


@lru_cache(maxsize=1)
def sec_table() -> list[tuple[int, str, str, str]]:
    """(cik, legal name, ticker, exchange) rows of the SEC's company_tickers_exchange.json."""
    raw = resources.files("monitor").joinpath("data/sec_company_tickers.json").read_text("utf-8")
    data = json.loads(raw)
    return [tuple(row) for row in data["data"]]  # type: ignore[misc]


@lru_cache(maxsize=1)
def known_companies() -> list[tuple[str, list[str], int | None]]:
    """(common name, aliases, fiscal year-end month or None) of companies the press often names
    by a short form ("Coke", "SBI", "AB InBev"): monitor/data/company_aliases.json."""
    raw = resources.files("monitor").joinpath("data/company_aliases.json").read_text("utf-8")
    return [(row[0], list(row[1]), row[2] if len(row) > 2 else None) for row in json.loads(raw)["companies"]]


@lru_cache(maxsize=1)
def sec_fiscal_year_ends() -> dict[int, int]:
    """CIK -> the month its fiscal year ends, for about 6,200 XBRL filers (the SEC's Financial
    Statement Data Sets; scripts/fiscal_calendars.py): lululemon's "the quarter" in August is Q2
    FY2024, not Q2 2024."""
    raw = resources.files("monitor").joinpath("data/sec_fiscal_year_ends.json").read_text("utf-8")
    return {int(cik): int(month) for cik, month in json.loads(raw)["data"]}


class CompanyIndex:
    def __init__(self, companies: list[Any] | None = None):
        self.companies: list[CompanyRef] = []
        self._by_key: dict[str, CompanyRef] = {}
        self._by_ticker: dict[str, CompanyRef] = {}
        self._by_cik: dict[int, CompanyRef] = {}
        self._by_compact: dict[str, CompanyRef] = {}  # "JP Morgan" is "JPMorgan": keys without spaces
        self._by_short: dict[str, CompanyRef] = {}  # "Vantage": read only as a name (short_form)
        for c in companies or []:
            ref = CompanyRef(name=c.name, ticker=c.ticker, cik=c.cik, aliases=list(c.aliases),
                             fiscal_year_end=c.fiscal_year_end)
            self.companies.append(ref)
            for alias in [c.name, *c.aliases]:
                self._by_key.setdefault(normalise_name(alias), ref)
                self._by_compact.setdefault(normalise_name(alias).replace(" ", ""), ref)
            for short in c.short:
                self._by_short.setdefault(short, ref)
            if c.ticker:
                self._by_ticker.setdefault(c.ticker.upper(), ref)
            if c.cik:
                self._by_cik.setdefault(c.cik, ref)
        self._sec_by_key: dict[str, CompanyRef] | None = None
        self._sec_by_ticker: dict[str, CompanyRef] = {}
        self._sec_by_cik: dict[int, CompanyRef] = {}
        self._sec_by_prefix: dict[str, CompanyRef | None] = {}  # None: more than one company
        self._sec_by_words: dict[tuple[str, ...], CompanyRef | None] = {}  # None: more than one company
        self._known_by_key: dict[str, CompanyRef] = {}  # companies known by a short form, not configured
        self._fiscal: dict[tuple[str, int | None], int | None] = {}

    def _load_sec(self) -> None:
        if self._sec_by_key is not None:
            return
        self._sec_by_key = {}
        months = sec_fiscal_year_ends()
        for cik, legal, ticker, _exchange in sec_table():
            ref = self._by_cik.get(cik) or CompanyRef(
                name=_common_name(legal, ticker), ticker=ticker, cik=cik, configured=False, fiscal_year_end=months.get(cik)
            )
            key = normalise_name(legal)
            self._sec_by_key.setdefault(key, ref)
            # "HORTON D R INC" is D.R. Horton, "SMUCKER J M CO" J.M. Smucker: the SEC puts surnames first
            words_key = tuple(sorted(key.split()))
            seen = self._sec_by_words.get(words_key, ref)
            self._sec_by_words[words_key] = ref if seen is not None and seen.cik == cik else None
            words = key.split()
            for n in range(1, len(words)):
                prefix = " ".join(words[:n])
                seen = self._sec_by_prefix.get(prefix, ref)  # one filer's several tickers are one company
                self._sec_by_prefix[prefix] = ref if seen is not None and seen.cik == cik else None
            if ticker:
                self._sec_by_ticker.setdefault(ticker.upper(), ref)
            self._sec_by_cik.setdefault(cik, ref)
        self._load_known()

    def _load_known(self) -> None:
        """Companies known by a short form: named by their common name, with the SEC's ticker,
        CIK and fiscal calendar when the SEC knows them under one of their names."""
        assert self._sec_by_key is not None
        for name, aliases, fye in known_companies():
            keys = [normalise_name(n) for n in (name, *aliases)]
            if any(k in self._by_key for k in keys):
                continue  # configured: the configuration's name and aliases win
            sec = next((self._sec_by_key[k] for k in keys if k in self._sec_by_key and not self._sec_by_key[k].configured), None)
            ref = CompanyRef(name=name, ticker=sec.ticker if sec else None, cik=sec.cik if sec else None,
                             aliases=list(aliases), configured=False,
                             fiscal_year_end=fye or (sec.fiscal_year_end if sec else None))
            for key in keys:
                self._known_by_key.setdefault(key, ref)
                self._known_by_key.setdefault(key.replace(" ", ""), ref)
            if sec is not None and sec.cik is not None:
                self._sec_by_cik[sec.cik] = ref

    def as_given(self, ref: CompanyRef, given: str) -> CompanyRef:
        """`ref` named as the user gave it when only the case differs: the SEC writes names in
        capitals and keeps a short one so ("FLEX LTD." is "FLEX", since it might be initials);
        "Flex Ltd." given in ordinary case is how the company writes itself (Flex)."""
        short = common_name(given)
        if not ref.configured and ref.name.isupper() and not given.isupper() and short.casefold() == ref.name.casefold():
            return replace(ref, name=short)
        return ref

    def resolve(self, name: str | None, mention: bool = False) -> CompanyRef | None:
        """A name, alias, ticker or CIK to a company, configured companies first.

        `mention`: the name is a word of running text, where an SEC ticker is taken only when it
        is its company's initials ("AIG", "IBM"): "SBI" in an Indian story is State Bank of India,
        not the muni fund whose ticker it is."""
        if not name:
            return None
        name = name.strip()
        key = normalise_name(name)
        if key in self._by_key:
            return self._by_key[key]
        if " " in key and key.replace(" ", "") in self._by_compact:
            return self._by_compact[key.replace(" ", "")]
        if name.upper() in self._by_ticker:
            return self._by_ticker[name.upper()]
        if name.isdigit() and int(name) in self._by_cik:
            return self._by_cik[int(name)]
        self._load_sec()
        assert self._sec_by_key is not None
        known = self._known_by_key.get(key) or self._known_by_key.get(key.replace(" ", ""))
        if known is not None and (mention or not (name.isupper() and name in self._sec_by_ticker)):
            return known  # a ticker asked for as a ticker is the SEC's
        if key in self._sec_by_key:
            return self._sec_by_key[key]
        if name.isupper() and name in self._sec_by_ticker:
            ref = self._sec_by_ticker[name]
            initials = _initials(ref.name)
            # "AIG": American International (Group, a legal suffix, dropped from the name)
            if not mention or (len(initials) >= 2 and name.startswith(initials) and len(name) - len(initials) <= 1):
                return ref
        if name.isdigit():
            return self._sec_by_cik.get(int(name))
        return None

    def short_form(self, name: str) -> CompanyRef | None:
        """The configured company a short form stands for, as written ("Vantage", case kept).
        Not part of `resolve`: a short form is an ordinary word, so it is a company only where
        a sentence writes it as a name, and two names are never the same company because of it."""
        return self._by_short.get(name.strip())

    def fiscal_year_end(self, company: CompanyRef | None) -> int | None:
        """The month the company's fiscal year ends: configured, else the SEC's record of its
        filings (by CIK, by name, or by the start of one filer's name: "Darden" is Darden
        Restaurants, "lululemon" lululemon athletica), else None (calendar year or unknown)."""
        if company is None:
            return None
        if company.fiscal_year_end is not None:
            return company.fiscal_year_end
        memo = (company.name, company.cik)
        if memo not in self._fiscal:
            self._fiscal[memo] = self._fiscal_year_end(company)
        return self._fiscal[memo]

    def _fiscal_year_end(self, company: CompanyRef) -> int | None:
        months = sec_fiscal_year_ends()
        if company.cik and company.cik in months:
            return months[company.cik]
        self._load_sec()
        assert self._sec_by_key is not None
        key = normalise_name(company.name)
        ref = self._sec_by_key.get(key) or self._sec_by_key.get(key + "s")  # "McDonald's": MCDONALDS CORP
        if ref is None and len(key) >= 4:
            ref = self._sec_by_prefix.get(key) or (self._sec_by_prefix.get(key + "s") if " " not in key else None)
        if ref is None and " " in key:
            ref = self._sec_by_words.get(tuple(sorted(key.split())))
        return months.get(ref.cik) if ref is not None and ref.cik else None

    def match_keys(self, names: list[str] | tuple[str, ...]) -> list[str]:
        """What to compare stored company names and tickers with, for companies a user typed
        (names, aliases or tickers): each as typed, plus its company's name and ticker."""
        keys: list[str] = []
        for name in names:
            keys.append(name)
            # "SBI" is both a ticker (a muni fund) and State Bank of India's short name: both readings
            for ref in (self.resolve(name), self.resolve(name, mention=True)):
                if ref is not None:
                    keys.append(ref.name)
                    if ref.ticker:
                        keys.append(ref.ticker)
        return list(dict.fromkeys(keys))

    def by_cik(self, cik: int | None) -> CompanyRef | None:
        if not cik:
            return None
        if cik in self._by_cik:
            return self._by_cik[cik]
        self._load_sec()
        return self._sec_by_cik.get(cik)

    def canonical(self, name: str | None) -> str | None:
        """The comparison key of a company: its configured name when known, else the normalised
        name, spaces dropped ("JP Morgan" and "JPMorgan" are one company)."""
        if not name:
            return None
        ref = self.resolve(name, mention=True)  # a name as written, not a ticker ("SBI" is State Bank of India)
        return (normalise_name(ref.name) if ref else normalise_name(name)).replace(" ", "")

    def patterns(self) -> list[dict[str, Any]]:
        """Phrase patterns in EntityRuler form: every configured name and alias, with the company as id."""
        out = []
        for ref in self.companies:
            seen = set()
            for alias in [ref.name, *ref.aliases]:
                if alias in seen:
                    continue
                seen.add(alias)
                out.append({"label": "ORG", "pattern": alias, "id": ref.name})
        return out


# legal forms a common name drops, the foreign ones included: "PT Eagle High Plantations Tbk",
# "Hon Hai Precision Industry Co Ltd", "Grupo Televisa SAB de CV", "Ardagh S A" (case kept: "AB" is a form, "Ab" a word)
_FORMS_RE = re.compile(
    r"(?:[,\s]+(?:Inc|Corp|Co|Ltd|LLC|LCC|L\.L\.C|LP|L\.P|PLC|plc|AG|SA|SAS|S\.A\.S|S\.A|S\sA|NV|N\.V|BV|B\.V|SE|GmbH|SpA|S\.p\.A|"
    r"SAB(?:\s+de\s+C\.?V)?|S\.A\.B\.\s+de\s+C\.V|SA\s+de\s+C\.?V|Tbk|Bhd|Berhad|Pty|Pte|Pvt|ASA|AB|Oyj|KGaA)\.?)+$")


_DANGLING_AND = re.compile(r"[\s,]+(?:&|and)$", re.I)


def common_name(name: str) -> str:
    """A name as analysts write it, without its legal form: "PT Eagle High Plantations Tbk" ->
    "Eagle High Plantations", "Procter & Gamble Co" -> "Procter & Gamble", "Eli Lilly & Co" ->
    "Eli Lilly" (the labelling format names companies by their common name)."""
    short = _FORMS_RE.sub("", name.strip()).strip(" ,")
    short = _DANGLING_AND.sub("", short) if short != name.strip() else short
    short = re.sub(r"^PT\s+(?=[A-Z])", "", short)
    return short if len(short) >= 2 else name


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("the", "of", "and")).upper()


def _common_name(legal: str, ticker: str | None = None) -> str:
    name = _SEC_TAG_RE.sub("", legal.strip()) or legal.strip()
    base = _LEGAL_SUFFIX_RE.sub("", name).strip(" ,.") or name
    # "MERCK & CO", "WELLS FARGO & COMPANY": the "&" went with the form ("Merck", not "Merck &")
    base = _DANGLING_AND.sub("", base) or base
    if base.isupper() and len(base) > 4:
        base = " ".join(_title_word(w, k, (ticker or "").upper()) for k, w in enumerate(base.split()))
    return base


def _title_word(word: str, position: int, ticker: str) -> str:
    """One word of an all-capitals SEC name as the company writes it: small words lower case
    after the first ("Bank of America"), initials the ticker begins with kept ("SBA
    Communications", SBAC; "EOG Resources"), "AT&T" as it is, the rest capitalised ("Lam
    Research", "Cleveland-Cliffs")."""
    low = word.lower()
    if position and low in ("of", "and", "the", "for", "de", "du", "la"):
        return low
    if "&" in word or any(ch.isdigit() for ch in word):
        return word
    if position == 0 and len(word) <= 4 and ticker.startswith(word):
        return word
    return "-".join(part.capitalize() for part in word.split("-"))
