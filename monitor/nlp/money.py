"""Find and normalise money amounts: "$64-72 billion", "Rs 30,000 crore", "4.5 mln dlrs".

Pure stdlib `re`, so it works without spaCy and can be tested in isolation.

How it scans: one linear pass finds number tokens (digits, or number words such as "two" and
"a"), then small anchored regexes look at bounded windows around each token for a currency
sign or code before it, a scale word, a range, a currency word after it and a qualifier. No
pattern can run over an unbounded stretch of text, so adversarial input (a megabyte of digits
and commas) stays linear and nothing can backtrack catastrophically.

Values are computed with `Decimal` and converted once, so "$2.9 billion" is exactly `2.9e9`
rather than `2900000000.0000005`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from monitor.nlp.fastre import case_variants

__all__ = [
    "AMBIGUOUS_CURRENCY_WORDS",
    "CURRENCY_CODES",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "Money",
    "NUMBER_WORDS",
    "QUALIFIERS",
    "SCALES",
    "find_money",
    "parse_money",
]


@dataclass(frozen=True)
class Money:
    """One money expression as found in a text, with offsets into that text.

    The span covers everything that shaped the numbers, so a reviewer sees why: the qualifier
    ("more than"), "between" of a range, the currency sign or word, and a stated USD
    equivalent in parentheses ("£5.5 billion ($7.5 billion)"), which is therefore never
    reported as a second amount. For a range, `usd_estimate` is the upper stated USD bound.
    """

    start: int
    end: int
    text: str
    currency: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    usd_estimate: float | None = None
    listed_scale: bool = False  # its scale is written once, after a later amount of its list ("$1.8 and $1.4 billion")

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def magnitude(self) -> float:
        """The figure thresholds compare against: the upper bound of a range, to be inclusive."""
        if self.value is not None:
            return self.value
        if self.high is not None:
            return self.high
        return self.low if self.low is not None else 0.0


# --------------------------------------------------------------------------------------------
# Tables. Module-level so other extractors (tables, headlines) can share one vocabulary.
# --------------------------------------------------------------------------------------------

#: Surface qualifier (lower case, single spaces) -> canonical qualifier.
QUALIFIERS: dict[str, str] = {
    "more than": "more than",
    "over": "more than",
    "north of": "more than",
    "above": "more than",
    "in excess of": "more than",
    "upwards of": "more than",
    "upward of": "more than",
    "well over": "more than",
    "just over": "more than",
    "well above": "more than",
    "about": "about",
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "close to": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "~": "about",
    "up to": "up to",
    "upto": "up to",  # Indian English: "to raise upto Rs 500 crore through bonds"
    "as much as": "up to",
    "as high as": "up to",
    "a maximum of": "up to",
    "no more than": "up to",
    "at most": "up to",
    "at least": "at least",
    "a minimum of": "at least",
    "no less than": "at least",
    "not less than": "at least",
    "less than": "less than",
    "under": "less than",
    "below": "less than",
    "south of": "less than",
    "fewer than": "less than",
    "just under": "less than",
    "well under": "less than",
    "just below": "less than",
    "well below": "less than",
}

#: Currency signs written before the number. Letter-prefixed dollars first matter: "HK$" must
#: not be read as a bare "$".
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "$US": "USD",  # Australian press: "$US17 billion ($24 billion)"
    "U.S.$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",  # also used for yuan; JPY is the far more common reading in English news
    "￥": "JPY",
    "JP¥": "JPY",
    "CN¥": "CNY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD$": "CAD",  # "a revolving line of credit for up to CAD$5.0 million" (Fundamental Global's 10-Q)
    "AUD$": "AUD",
    "NZD$": "NZD",
    "HKD$": "HKD",
    "SGD$": "SGD",
    "A$": "AUD",
    "AU$": "AUD",
    "HK$": "HKD",
    "HK $": "HKD",  # "HK $2.7 billion" (Disney's 10-Q)
    "NT $": "TWD",
    "NZ $": "NZD",
    "AU $": "AUD",
    "CA $": "CAD",
    "SG $": "SGD",
    "NT$": "TWD",
    "S$": "SGD",
    "SG$": "SGD",
    "R$": "BRL",
    "NZ$": "NZD",
    "MX$": "MXN",
    "Dh": "AED",
    "RM": "MYR",  # Malaysian press: "(US$20.64 billion or RM91.46 billion)"
    "Euro": "EUR",
    "euro": "EUR",
    "EURO": "EUR",
    "EUR€": "EUR",
}

#: ISO-style codes written before or after the number. Matched case-sensitively, because
#: lower-case "cad", "aud" or "sek" are not currency codes in running text.
CURRENCY_CODES: dict[str, str] = {
    **{
        code: code
        for code in (
            "USD EUR GBP JPY CNY KRW INR CAD AUD HKD CHF TWD SGD SEK BRL NZD NOK DKK MXN "
            "ZAR RUB SAR AED ILS"
        ).split()
    },
    "RMB": "CNY",
    **{code: code for code in "PLN TRY THB MYR IDR PHP EGP NGN KES QAR KWD CZK HUF".split()},
    # more of ISO 4217, and the codes of currencies the euro replaced, still in older Nordic and
    # Baltic releases ("EEK 500 mln", "LVL 2.5 mln"): never a bare amount read as dollars
    **{code: code for code in (
        "ISK RON BGN HRK UAH KZT VND PKR BDT LKR CLP COP PEN ARS OMR BHD JOD MAD TND IRR GHS "
        "EEK LVL LTL SKK SIT FIM DEM FRF ITL ESP NLG BEF ATS PTE IEP GRD CNH").split()},
}
#: Nordic style million codes: "MEUR 1.5" and "1.5 MEUR" are EUR 1.5 million.
MILLION_CODES: dict[str, str] = {
    f"{m}{code}": code for m in "Mm" for code in "EUR USD SEK NOK DKK GBP".split()
}

#: Currency words written after the number (lower case, single spaces).
CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD",
    "dollar": "USD",
    "dlrs": "USD",  # Reuters wire style, e.g. "4.5 mln dlrs"
    "dlr": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "us dlrs": "USD",
    "u.s. dlrs": "USD",
    "american dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pound": "GBP",
    "pounds sterling": "GBP",
    "british pounds": "GBP",
    "sterling": "GBP",
    "stg": "GBP",  # Reuters wire style
    "yen": "JPY",
    "japanese yen": "JPY",
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "won": "KRW",
    "korean won": "KRW",
    "south korean won": "KRW",
    "rupees": "INR",
    "rupee": "INR",
    "indian rupees": "INR",
    "canadian dollars": "CAD",
    "canadian dollar": "CAD",
    "canadian dlrs": "CAD",
    "australian dollars": "AUD",
    "australian dollar": "AUD",
    "australian dlrs": "AUD",
    "hong kong dollars": "HKD",
    "hk dollars": "HKD",
    "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD",
    "taiwanese dollars": "TWD",
    "singapore dollars": "SGD",
    "new zealand dollars": "NZD",
    "swiss francs": "CHF",
    "francs": "CHF",
    "swedish kronor": "SEK",
    "swedish crowns": "SEK",
    "kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "brazilian reais": "BRL",
    "reais": "BRL",
    "mexican pesos": "MXN",
    "saudi riyals": "SAR",
    "riyals": "SAR",
    "dirhams": "AED",
    "dirham": "AED",
    "uae dirhams": "AED",
    "rand": "ZAR",
    "south african rand": "ZAR",
    "rubles": "RUB",
    "roubles": "RUB",
    "zlotys": "PLN",
    "zloty": "PLN",
    "lira": "TRY",
    "baht": "THB",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "pesos": "MXN",
    "danish crowns": "DKK",
    "norwegian crowns": "NOK",
    "czech crowns": "CZK",
    "koruna": "CZK",
    "korunas": "CZK",
    "slovak crowns": "SKK",
    "icelandic crowns": "ISK",
    "estonian crowns": "EEK",
    "kroons": "EEK",
    "kroon": "EEK",
    "lats": "LVL",
    "litas": "LTL",
    "litai": "LTL",
    "forints": "HUF",
    "forint": "HUF",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "tenge": "KZT",
    "shekels": "ILS",
    "new shekels": "ILS",
    "naira": "NGN",
    "rials": "IRR",
    "iranian rials": "IRR",
    "omani rials": "OMR",
    "qatari riyals": "QAR",
    "kuwaiti dinars": "KWD",
    "egyptian pounds": "EGP",
    "turkish lira": "TRY",
    "lei": "RON",
    # wire style for other dollars ("40 mln N.Z. dlrs")
    "n.z. dlrs": "NZD",
    "nz dlrs": "NZD",
    "new zealand dlrs": "NZD",
    "h.k. dlrs": "HKD",
    "hk dlrs": "HKD",
    "hong kong dlrs": "HKD",
    "singapore dlrs": "SGD",
    "taiwan dlrs": "TWD",
    # currencies before the euro, still in older filings and wire stories
    "guilders": "NLG",
    "guilder": "NLG",
    "dutch guilders": "NLG",
    "dutch guilder": "NLG",
    "marks": "DEM",
    "mark": "DEM",
    "d-marks": "DEM",
    "d-mark": "DEM",
    "deutsche marks": "DEM",
    "deutsche mark": "DEM",
    "deutschemarks": "DEM",
    "german marks": "DEM",
    "french francs": "FRF",
    "french franc": "FRF",
    "belgian francs": "BEF",
    "belgian franc": "BEF",
    "luxembourg francs": "LUF",
    "lire": "ITL",
    "italian lire": "ITL",
    "pesetas": "ESP",
    "peseta": "ESP",
    "escudos": "PTE",
    "schillings": "ATS",
    "austrian schillings": "ATS",
    "markkaa": "FIM",
    "markka": "FIM",
    "finnish markka": "FIM",
    "irish punts": "IEP",
    "ecus": "XEU",
    "ecu": "XEU",
    "european currency units": "XEU",
    "european currency unit": "XEU",
}

#: Currency words that are also ordinary English ("the team won", "200 pounds" of weight):
#: accepted only after a scale word ("35.2 trillion won", "5.5 billion pounds").
AMBIGUOUS_CURRENCY_WORDS: frozenset[str] = frozenset({"won", "pound", "pounds", "francs", "rand", "mark", "marks", "ecu"})

#: Scale words (lower case, single spaces) -> multiplier. Single letters are only accepted when
#: glued to the number ("$750M"), so "$5 m" or "$5 to" never read as scales.
SCALES: dict[str, int] = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mm": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "mil": 10**6,
    "mio": 10**6,  # "EUR 5 mio", as German and Nordic releases write it
    "million": 10**6,
    "mrd": 10**9,  # "EUR 1.2 mrd": milliard
    "b": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "bil": 10**9,
    "billion": 10**9,
    "billon": 10**9,  # a common misspelling in wire copy
    "t": 10**12,
    "tn": 10**12,
    "trn": 10**12,
    "trillion": 10**12,
    "lakh": 10**5,
    "lakhs": 10**5,
    "lac": 10**5,
    "lacs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
    "cr": 10**7,
    "lakh crore": 10**12,
    "lakh crores": 10**12,
    "thousand crore": 10**10,
    "thousand crores": 10**10,
    "k cr": 10**10,
    "k-cr": 10**10,  # "Rs 2k-cr": two thousand crore
    "k crore": 10**10,
    "k crores": 10**10,
}



#: Number words usable before a scale or currency word ("two billion dollars").
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

# --------------------------------------------------------------------------------------------
# Regexes, compiled once.
# --------------------------------------------------------------------------------------------

_MAX_NUM_LEN = 40  # longer digit runs are tables, IDs or garbage, never one amount
_PREFIX_WINDOW = 12  # longest prefix "U.S.$" plus spacing
_QUAL_WINDOW = 40  # longest qualifier "not less than" plus generous spacing
_WS = r"\s{1,3}"  # between words of a phrase; bounded so no window can grow


def _phrase_alternation(phrases: list[str]) -> str:
    """Longest-first alternation, so "pounds sterling" wins over "pounds"."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", _WS) for p in ordered)


def _norm(phrase: str) -> str:
    """Table key for a matched phrase. `casefold`, not `lower`: under re.IGNORECASE "ſome"
    (long s) matches "some" and the Kelvin sign matches "k", and both must find their key."""
    return " ".join(phrase.casefold().split())


_UNITS = [w for w, v in NUMBER_WORDS.items() if v < 20]
_TENS = [w for w, v in NUMBER_WORDS.items() if v >= 20]
_UNITS_1_9 = [w for w, v in NUMBER_WORDS.items() if v < 10]

_NUM = r"[0-9][0-9,]*(?:\.[0-9]+)?|(?<![\w.])\.[0-9]+"
_NUM_RE = re.compile(_NUM)
_VALID_NUM_RE = re.compile(
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+"  # 1,770 / 2,900,000,000
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}"  # Indian grouping: 1,20,000
    r"|[0-9]+)?"
    r"(?:\.[0-9]+)?"
)


def _cased(letters: str) -> str:
    """A character class body matching `letters` as re.IGNORECASE would ("s" also matches the
    long s), written out so the scanner can skip ahead in C (an IGNORECASE class cannot)."""
    return "".join(sorted(case_variants(letters)))


def _token_pattern() -> str:
    """Where a money expression may start: a number, a number word, or "a"/"an" before a scale.

    Equivalent to `(?P<num>_NUM)|(?<![A-Za-z])(?:number words|half|an|a)(?![A-Za-z])` under
    IGNORECASE, but it starts with one plain character class, so `finditer` skips the rest of
    the text in C; articles, a third of all candidates and almost never money, must be followed
    by "half", "hundred" or a scale word. The scan was most of `find_money`'s time, itself 29% of
    the extraction stage."""
    words = _phrase_alternation([*NUMBER_WORDS, "half", "an", "a"]).split("|")
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0].lower(), []).append(word[1:])
    scale_first = _cased("h" + "".join(s[0] for s in SCALES if len(s) > 1))
    branches = []
    for first, ends in rests.items():
        branch = f"(?<=[{_cased(first)}])(?i:{'|'.join(ends)})(?![A-Za-z])"
        if first == "a":  # "a"/"an" count only before half, hundred or a scale word
            branch += rf"(?=[\s-]{{0,3}}[{scale_first}])"
        branches.append(branch)
    return (
        rf"[0-9.{_cased(''.join(rests))}]"
        r"(?:(?P<iso_date>(?<=[12])(?<![0-9]{2})[0-9]{3}-[01][0-9]-[0-3][0-9](?![0-9]))"  # passed over whole
        r"|(?<=[0-9])[0-9,]*(?:\.[0-9]+)?"  # _NUM, from its first digit
        r"|(?<=\.)(?<![\w.]\.)[0-9]+"  # or ".5"
        rf"|(?<![A-Za-z].)(?:{'|'.join(branches)}))"
    )


_TOKEN_RE = re.compile(_token_pattern())

_WORD_NUM_RE = re.compile(
    r"(?P<half>(?:an?\s{1,3})?half)(?:\s{1,3}an?)?(?![A-Za-z])"
    r"|(?P<art>an?)(?![A-Za-z])"
    rf"|(?P<tens>{_phrase_alternation(_TENS)})"
    rf"(?:[-\s](?P<tu>{_phrase_alternation(_UNITS_1_9)}))?(?![A-Za-z])"
    rf"|(?P<unit>{_phrase_alternation(_UNITS)})(?![A-Za-z])",
    re.IGNORECASE,
)
_HUNDRED_RE = re.compile(rf"{_WS}hundred(?![A-Za-z])", re.IGNORECASE)
_AND_GAP_RE = re.compile(rf"{_WS}(?:and{_WS})?", re.IGNORECASE)
_AND_A_HALF_RE = re.compile(rf"{_WS}and{_WS}a{_WS}half(?![A-Za-z])", re.IGNORECASE)

_MULTI_LETTER_SCALES = [s for s in SCALES if len(s) > 1]
_SCALE_RE = re.compile(
    rf"(?:\s{{0,2}}|-)(?P<word>{_phrase_alternation(_MULTI_LETTER_SCALES)})(?![A-Za-z])"
    r"|(?P<letter>[kmbt])(?![A-Za-z0-9])"
    r"|\s(?-i:(?P<capital>[MB]))(?![A-Za-z0-9&])",  # headline style: "Notes Worth $600 M"
    re.IGNORECASE,
)
# "EUR 5.5 m", "$ 2 bn" in wire copy: a spaced letter is a scale only after a currency sign or code
# (elsewhere "5.5 m" is as often metres).
_SPACED_LETTER_RE = re.compile(r"\s(?P<letter>[mb])(?![A-Za-z0-9&])")


def _reversed_alternation(phrases: list[str]) -> str:
    """Alternation of the phrases spelt backwards, for anchored matching on a reversed window."""
    return _phrase_alternation([p[::-1] for p in phrases])


# Text before a number is checked by reversing a short window and matching at its start: one
# anchored attempt per number, where a forward `search` would retry at every window offset.
_LETTER_SYMBOLS = [s for s in CURRENCY_SYMBOLS if s[0].isascii() and s[0].isalpha()]
_PLAIN_SYMBOLS = [s for s in CURRENCY_SYMBOLS if s not in _LETTER_SYMBOLS]
_PREFIX_REV_RE = re.compile(
    r"\s{0,2}(?:"
    rf"(?P<lettered>{_reversed_alternation([*_LETTER_SYMBOLS, *CURRENCY_CODES, *MILLION_CODES])})(?![A-Za-z])"
    rf"|(?P<plain>{_reversed_alternation(_PLAIN_SYMBOLS)}))"
)
_QUAL_REV_RE = re.compile(
    rf"\s{{0,3}}(?P<q>{_reversed_alternation(list(QUALIFIERS))})(?![A-Za-z])", re.IGNORECASE
)
_BETWEEN_REV_RE = re.compile(r"\s{1,3}neewteb(?![A-Za-z])", re.IGNORECASE)
_FROM_REV_RE = re.compile(r"\s{1,3}morf(?![A-Za-z])", re.IGNORECASE)
# "cut its planned spending by $500 million to $14.5 billion": a change and the level it reached,
# not a range, when the second is far above the first ("boost capex by $250 million to $300
# million" stays a range)
_BY_REV_RE = re.compile(r"\s{1,3}yb(?![A-Za-z])", re.IGNORECASE)
# the dollars whose second figure of a range may be written with a bare "$"
_LOCAL_DOLLARS = frozenset({"AUD", "CAD", "NZD", "HKD", "SGD", "TWD", "MXN"})
# what may follow a range's second figure whose scale was written once, after the first: the
# sentence's end or a period ("$3 billion to $3.2 in 2024"), never a noun ("$5 billion to 6 plants")
_SCALE_LEFT_OUT = re.compile(r"\s{0,2}(?:[.,;:)]|$|\s(?:in|for|this|next|over|during|range)\b)")
# "expected to range from", and a prior range after a comma: "to be $95 million to $105 million
# ..., down from $190 million to $200 million forecast for 2008" ("was up from $1 billion to $2
# billion" stays a change)
_RANGE_FROM_RE = re.compile(r"\brang(?:e|es|ed|ing)\s{0,3}$|[,;(]\s{0,2}(?:down|up)\s{1,2}$", re.IGNORECASE)
# Matched right after a range connector: "$64 billion-$72 billion".
_PREFIX_AT_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<lettered>{_phrase_alternation([*_LETTER_SYMBOLS, *CURRENCY_CODES])})"
    rf"|(?P<plain>{_phrase_alternation(_PLAIN_SYMBOLS)}))(?![A-Za-z])\s{{0,2}}"
)

_RANGE_SEP_RE = re.compile(
    r"\s{0,2}(?:(?P<dash>[-\u2010\u2011\u2012\u2013\u2014])|(?P<word>to|and)(?![A-Za-z]))\s{0,2}",
    re.IGNORECASE,
)
_SUFFIX_RE = re.compile(
    rf"(?:\s{{0,2}}|-)(?:(?P<word>{_phrase_alternation(list(CURRENCY_WORDS))})"
    rf"|(?-i:(?P<code>{_phrase_alternation([*CURRENCY_CODES, *MILLION_CODES])})))(?![A-Za-z])",
    re.IGNORECASE,
)
_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:rose|rises|rising|increased|increases|grew|grows|fell|falls|declined|declines|decreased|decreases|"
    r"jumped|climbed|dropped|gained|added|up|down)\s{1,2}(?:by\s{1,2})?(?:about\s{1,2}|approximately\s{1,2}|some\s{1,2})?$",
    re.IGNORECASE,
)


def _from_or_change(text: str, floor: int, start: int) -> bool:
    """"from $2.35 billion to $3 billion" (a start and an end) and "rose $1.4 billion to $3.2
    billion" (a change and the level it reached) are not ranges; read only before a "to"."""
    at = _match_before(_FROM_REV_RE, text, floor, start, 12)
    if at is not None and _RANGE_FROM_RE.search(text, max(floor, start - at.end() - 12), start - at.end()):
        return False  # "expected to range from $12.8 billion to $13.6 billion": a range after all
    return at is not None or _CHANGE_BEFORE_RE.search(text, max(floor, start - 16), start) is not None


_YUAN_AFTER = re.compile(r"\s{0,2}(?:RMB|CNY|yuan|renminbi)(?![A-Za-z-])")
_PAREN_RE = re.compile(r"\s{0,2}\((?P<inner>[^()]{1,80})\)")
# "¥297 billion, or approximately $2.3 billion,": the dollar equivalent written after "or"
_OR_USD_RE = re.compile(r",?\s+or\s+(?P<inner>(?:approximately\s+|about\s+|roughly\s+|some\s+)?(?:US)?\$\s?[\d.,]+(?:\s*(?:billion|million|bn|mn|m|b)\b)?)", re.I)
_PERCENT_RE = re.compile(r"\s{0,1}(?:%|per\s?cent|percent)", re.IGNORECASE)
# what a number with a scale word and no currency counts when it is no money we can name: "9.2
# million shares", "1.8 million tonnes per year", "6 million people"
_COUNTED_RE = re.compile(
    r"\s+(?:(?:common|ordinary|preferred|class\s+[a-z])\s+)?(?:shares?|stock|tonnes?|tons?|metric|cubic|barrels?|bpd|boe|ounces?"
    r"|people|persons|vehicles|cars|units?|customers?|users|subscribers|members|households|homes|rooms|bottles"
    r"|motorcycles|followers|advertisers|sign-ups|hotspots|businesses|employees|jobs|passengers|visitors|acres|hectares"
    r"|square\s+(?:feet|foot|metres|meters)|sq\.?\s*ft|gallons|litres|liters|miles|kilometres|kilometers|devices|phones"
    r"|smartphones|chips|wafers?|doses|votes|tickets|copies|viewers|downloads|transactions|orders|accounts|patients|students"
    # what a supply chain makes ("the 1.5 million components that go into each one of the Blackwell racks")
    r"|components|parts|servers|GPUs|CPUs|processors|accelerators|racks|machines|robots|panels|turbines"
    # ... and what AI systems process ("over 1 trillion tokens on Foundry this year")
    r"|tokens|queries|requests|parameters"
    r"|MW|GW|kW|MWh|GWh|TWh|kWh)\b"
    # or a currency whose country the word leaves open ("500 million crowns", "dinars"): not dollars
    r"|\s+(?:crowns|dinars|shillings)\b"
)


# --------------------------------------------------------------------------------------------
# Scanner
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Num:
    value: Decimal
    end: int
    kind: str  # "digits", "words", or "article" ("a", "an", "half a": need a scale word)
    plain_int: str | None = None  # the digits, when an integer without separators


_SPACED_THOUSANDS = re.compile(r", ([0-9]{3})(?![0-9,])(?=\s{0,2}(?:cr|crores?|lakhs?|lacs?)\b)", re.IGNORECASE)


def _parse_number_at(text: str, pos: int) -> _Num | None:
    m = _NUM_RE.match(text, pos)
    if m:
        raw = m.group().rstrip(",")
        if not raw or len(raw) > _MAX_NUM_LEN or not _VALID_NUM_RE.fullmatch(raw):
            return None
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            return None
        end = pos + len(raw)
        spaced = _SPACED_THOUSANDS.match(text, end) if raw.isdigit() and len(raw) <= 3 else None
        if spaced:  # "Rs 2, 500 cr": Indian headlines' thousands, spaced
            value, end, raw = value * 1000 + int(spaced.group(1)), spaced.end(1), raw + spaced.group(1)
        plain = raw if raw.isdigit() else None
        return _Num(value, end, "digits", plain)
    w = _WORD_NUM_RE.match(text, pos)
    if not w:
        return None
    if w.group("half"):
        return _Num(Decimal("0.5"), w.end(), "article")
    if w.group("art"):
        base, end, kind = Decimal(1), w.end(), "article"
    else:
        base, end, kind = Decimal(_word_value(w)), w.end(), "words"
    h = _HUNDRED_RE.match(text, end)
    if h:  # "two hundred million", "a hundred and fifty billion"
        base, end, kind = base * 100, h.end(), "words"
        gap = _AND_GAP_RE.match(text, end)
        rest = _WORD_NUM_RE.match(text, gap.end()) if gap else None
        if rest and _word_value(rest):
            base, end = base + _word_value(rest), rest.end()
    if kind == "words":
        half = _AND_A_HALF_RE.match(text, end)  # "one and a half billion"
        if half:
            base, end = base + Decimal("0.5"), half.end()
    return _Num(base, end, kind)


def _word_value(m: re.Match[str]) -> int:
    """Value of a `_WORD_NUM_RE` match of a number word ("twenty-five"); 0 for "a", "half"."""
    if m.group("tens"):
        value = NUMBER_WORDS[_norm(m.group("tens"))]
        return value + (NUMBER_WORDS[_norm(m.group("tu"))] if m.group("tu") else 0)
    return NUMBER_WORDS[_norm(m.group("unit"))] if m.group("unit") else 0


def _parse_scale(text: str, pos: int) -> tuple[int, int] | None:
    m = _SCALE_RE.match(text, pos)
    if not m:
        return None
    word = m.group("word") or m.group("letter") or m.group("capital")
    return SCALES[_norm(word)], m.end()


def _prefix_currency(m: re.Match[str], reverse: bool = False) -> str:
    sym = m.group("lettered") or m.group("plain")
    if reverse:
        sym = sym[::-1]
    return CURRENCY_SYMBOLS.get(sym) or CURRENCY_CODES.get(sym) or MILLION_CODES[sym]


def _match_before(
    pattern: re.Pattern[str], text: str, floor: int, pos: int, window: int
) -> re.Match[str] | None:
    """Match `pattern` (written backwards) against the text just before `pos`.

    The match's `end()` is how many characters before `pos` it covers.
    """
    return pattern.match(text[max(floor, pos - window) : pos][::-1])


def _is_year(n: _Num) -> bool:
    """'in 2025 dollars' is a price base, not an amount."""
    return n.plain_int is not None and len(n.plain_int) == 4 and 1800 <= int(n.plain_int) <= 2199


def _parse_at(text: str, pos: int, floor: int, bare: bool = False) -> Money | None:
    """The money expression whose first number starts at `pos`, or None. `bare`: a number with
    a scale word and no currency ("we raised 1.55 billion", as speech-to-text writes it) is an
    amount too, its currency left for the caller to infer ("?")."""
    n1 = _parse_number_at(text, pos)
    if n1 is None:
        return None
    s1 = _parse_scale(text, n1.end)
    if n1.kind == "article" and s1 is None:  # "a", "half a": only before a scale word
        return None
    end = s1[1] if s1 else n1.end
    scale1 = s1[0] if s1 else None

    start = pos
    currency: str | None = None
    explicit_usd = False  # "US$", "$US", "USD": written so because other dollars are about
    if n1.kind == "digits":
        pm = _match_before(_PREFIX_REV_RE, text, floor, start, _PREFIX_WINDOW)
        if pm:
            currency = _prefix_currency(pm, reverse=True)
            written = (pm.group("lettered") or pm.group("plain")).strip()[::-1]
            explicit_usd = currency == "USD" and written != "$"
            start -= pm.end()
            spaced = _SPACED_LETTER_RE.match(text, n1.end) if s1 is None else None
            if spaced:
                s1 = SCALES[spaced.group("letter")], spaced.end()
                scale1, end = s1
            if written in MILLION_CODES and s1 is None:  # "MEUR 1.5"
                s1 = 10**6, n1.end
                scale1 = 10**6
    sep = _RANGE_SEP_RE.match(text, end)
    if currency is None and sep is None and not _SUFFIX_RE.match(text, end) and not (bare and s1):
        return None  # most numbers (years, dates, percentages): no currency before or after
    if (currency is None and s1 and end - n1.end == 1 and n1.plain_int is not None and len(n1.plain_int) == 1
            and text[n1.end].isupper() and sep is None and not _SUFFIX_RE.match(text, end)):
        return None  # "3M" (the company), "4K": one digit and a capital, without a currency, is a name

    qualifier: str | None = None
    qm = _match_before(_QUAL_REV_RE, text, floor, start, _QUAL_WINDOW)
    if qm:
        qualifier = QUALIFIERS[_norm(qm.group("q")[::-1])]
        start -= qm.end()
    between = _match_before(_BETWEEN_REV_RE, text, floor, start, 12)

    low = high = None
    scale2: int | None = None
    if sep:
        word = _norm(sep.group("word") or "")
        if sep.group("dash") or (word == "to" and not _from_or_change(text, floor, start)) or (word == "and" and between):
            p2 = sep.end()
            currency2: str | None = None
            pa = _PREFIX_AT_RE.match(text, p2) if n1.kind == "digits" else None
            if pa:
                currency2, p2 = _prefix_currency(pa), pa.end()
                if pa.group().strip() == "$" and currency in _LOCAL_DOLLARS:
                    currency2 = currency  # "capex of A$3.2b-$3.4b": the first sign says whose dollars
            n2 = _parse_number_at(text, p2)
            if n2 is not None:
                s2 = _parse_scale(text, n2.end)
                if s2 is None and currency is not None and s1 is None:
                    spaced2 = _SPACED_LETTER_RE.match(text, n2.end)  # "$115-135 b next year", as "$5 b"
                    s2 = (SCALES[spaced2.group("letter")], spaced2.end()) if spaced2 else None
                if (s2 is None and s1 is not None and currency is not None and n1.value < n2.value < 10 * n1.value
                        and _SCALE_LEFT_OUT.match(text, n2.end)):
                    s2 = (s1[0], n2.end)  # "the CapEx now in the range of $3 billion to $3.2.": said once
                scale2 = s2[0] if s2 else None
                tight = sep.group() in "-\u2010\u2011\u2012\u2013\u2014"
                ok = (
                    (currency2 is None or currency2 == currency)
                    and not (scale1 and not scale2)
                    and (currency2 is not None or scale2 is not None or tight)
                    and not (n2.kind == "article" and scale2 is None)
                    and not (s2 is None and _PERCENT_RE.match(text, n2.end))
                )
                if ok:
                    # "$64-72 billion": the scale is written once, after the second number;
                    # "$500,000 to $2 million": it is not.
                    inherit = scale1 is None and scale2 and n1.value <= n2.value
                    if bare and currency is None and scale1 is None and not inherit:
                        return None  # "in 2011-12 to 3.3 billion": a year before a bare amount
                    lo = n1.value * (scale1 or (scale2 if inherit else 1))
                    hi = n2.value * (scale2 or 1)
                    if lo < hi and not (hi >= lo * 5 / 2 and _BY_REV_RE.match(text[max(floor, start - 8) : start][::-1])):
                        low, high = lo, hi
                        end = s2[1] if s2 else n2.end
    is_range = low is not None
    if between and is_range:
        start -= between.end()
    listed = (_list_scale(text, end, currency)
              if currency is not None and scale1 is None and not is_range and n1.kind == "digits" else None)
    if listed:
        scale1 = listed
    scaled = scale1 is not None or (is_range and scale2 is not None)
    if n1.kind == "article" and not scaled:
        return None

    if currency is None:
        sx = _SUFFIX_RE.match(text, end)
        if not sx and bare and scaled and not _PERCENT_RE.match(text, end) and not _COUNTED_RE.match(text, end):
            currency = "?"
        elif not sx:
            return None
        elif sx.group("code") in MILLION_CODES:  # "1.5 MEUR"
            currency = MILLION_CODES[sx.group("code")]
            if not scaled and not is_range:
                scale1 = 10**6
                scaled = True
        elif sx.group("code"):
            currency = CURRENCY_CODES[sx.group("code")]
        else:
            word = _norm(sx.group("word"))
            if word in AMBIGUOUS_CURRENCY_WORDS and not scaled:
                return None
            currency = CURRENCY_WORDS[word]
        if currency != "?":
            if not scaled and not is_range and _is_year(n1):
                return None
            end = sx.end()

    if currency == "JPY" and "¥" in text[start:end]:
        yuan = _YUAN_AFTER.match(text, end)
        if yuan:  # "¥57.4 billion RMB ($8 billion USD)": the sign is both; the code after says which
            currency, end = "CNY", yuan.end()

    usd_estimate: float | None = None
    if currency != "USD" or explicit_usd:
        pp = _PAREN_RE.match(text, end) or (_OR_USD_RE.match(text, end) if currency != "USD" else None)
        if pp:
            same = _equivalents(pp.group("inner"))
            if same:
                usd = next((m for m in same if m.currency == "USD"), None)
                if currency != "USD" and usd is not None:
                    usd_estimate, end = usd.magnitude, pp.end()
                elif explicit_usd and same[0].currency != "?":
                    end = pp.end()  # "$US17 billion ($24 billion)": the local dollars, an equivalent
                elif currency != "USD" and all(m.currency not in ("?", currency) for m in same):
                    end = pp.end()  # "HK$4,550,000 (equivalent to RMB4,123,210)": the same sum again (DDC's 20-F)

    value = None if is_range else float(n1.value * (scale1 or 1))
    return Money(
        start=start,
        end=end,
        text=text[start:end],
        currency=currency,
        value=value,
        low=float(low) if low is not None else None,
        high=float(high) if high is not None else None,
        qualifier=qualifier,
        usd_estimate=usd_estimate,
        listed_scale=listed is not None,
    )


_LIST_SEP_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.I)


def _list_scale(text: str, pos: int, currency: str) -> int | None:
    """The scale written once after the last amount of a list that starts at `pos`, each amount
    with the same currency sign: "capital expenditures of $1.8 and $1.4 billion for the six months
    ended June 30, 2023 and 2022, respectively" (UPS's 10-Q) is $1.8 billion, not $1.8 (millions, at
    the filing's scale); "$79 and $105 million" is $79 million."""
    for _ in range(4):
        sep = _LIST_SEP_RE.match(text, pos)
        pa = _PREFIX_AT_RE.match(text, sep.end()) if sep else None
        if pa is None or _prefix_currency(pa) != currency:
            return None
        n = _parse_number_at(text, pa.end())
        if n is None or n.kind != "digits":
            return None
        scale = _parse_scale(text, n.end)
        if scale:
            return scale[0]
        pos = n.end
    return None


_EQUIV_LEAD = re.compile(r"^\s*(?:(?:equivalent|equal)\s+to\s+|or\s+)?(?:about|around|approximately|approx\.|roughly|some|nearly|almost|over|c\.|~)?\s*", re.I)
_EQUIV_TAIL = re.compile(r"\s+(?:or\s+so|USD)\s*$", re.I)
_EQUIV_SPLIT = re.compile(r"\s*(?:,(?!\d{3}(?!\d))\s*(?:or\s+)?|\s+or\s+|\s*/\s*|;\s*)")  # not a thousands comma ("RMB4,123,210")


def _equivalents(inner: str) -> list[Money] | None:
    """The amounts of a parenthesis that only restates the amount before it in other currencies:
    "($7.5 billion)", "(US$20.64 billion or RM91.46 billion)", "(around $14.6 billion USD or so)";
    None when it says anything else."""
    core = _EQUIV_LEAD.sub("", inner).strip()
    while True:
        shorter = _EQUIV_TAIL.sub("", core)
        if shorter == core:
            break
        core = shorter
    out = []
    for part in _EQUIV_SPLIT.split(core):
        found = find_money(part)
        if len(found) != 1 or found[0].start != 0 or found[0].end < len(part) - 1:
            return None
        out.append(found[0])
    if len({m.currency for m in out}) < len(out):
        return None  # "€5bn ($5.4bn or $5.5bn)": two figures in one currency are no restatement
    return out or None


def find_money(text: str, bare: bool = False) -> list[Money]:
    """All non-overlapping money expressions in `text`, in order of appearance.

    `bare`: also numbers with a scale word but no currency ("capex of 225 million", as call
    transcripts are written). Their currency is the one of the amount before them within a
    sentence's reach ("8.5 billion Danish kroner, compared with 4.7 billion"), rupees after
    crore and lakh, else US dollars: candidates for the extractor's decider, which weighs them.

    Never raises: extraction runs over arbitrary scraped text, and one odd sentence must not
    lose a whole document.
    """
    if not isinstance(text, str) or not text:
        return []
    found: list[Money] = []
    floor = 0
    for tok in _TOKEN_RE.finditer(text):
        pos = tok.start()
        if pos < floor or tok.lastgroup == "iso_date":
            continue
        if not _may_start(text, tok, floor):
            continue
        try:
            money = _parse_at(text, pos, floor, bare)
        except (ValueError, ArithmeticError, KeyError, IndexError):
            money = None
        if money is not None and money.currency == "?" and _GLUED_CODE.search(text, max(0, money.start - 12), money.start):
            money = None  # a figure glued to a code is part of it, not an amount: "PG24B" (a listed note's symbol)
        if money is not None and _GLUED_MM.fullmatch(money.text):
            money = None  # "our advanced 300mm capacity": millimetres; "$300mm" keeps its sign
        if money is not None:
            if money.currency == "?":
                money = _glued_initial(text, money) or _infer_currency(text, money, found[-1] if found else None)
            money = _currency_of_market(text, _currency_named_after(text, money))
            floor = money.end
            if found and _CONVERSION_GAP.fullmatch(text, found[-1].end, money.start) and _CLOSE_PAREN.match(text, money.end):
                continue  # "$900m (£479m)", "Rs1,400 crore (200 million)": the same amount converted
            found.append(money)
    return found


# the last character of every currency sign or code that may stand before a figure ("$", "Rs.",
# "USD"): a figure with none of them in the three characters before it has no prefix
_PREFIX_LAST = frozenset(s[-1] for s in [*CURRENCY_SYMBOLS, *CURRENCY_CODES])


def _unnamed(rx: re.Pattern[str]) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", rx.pattern)


# what must follow a figure for it to start an amount, when no currency sign stands before it: a
# scale, a currency word or spaced thousands, right after it or after a range's second figure
# ("5-10 million"); a range with a word or a sign after its separator ("5 to ten billion", "5 to
# $10 billion") is left to the parser, one with a letter ("10-K") is not. A superset
# of what `_parse_at` accepts (tests/test_money.py checks it on every fixture).
_AFTER = f"(?:{_unnamed(_SCALE_RE)}|{_unnamed(_SUFFIX_RE)}|{_unnamed(_SPACED_THOUSANDS)})"
_AFTER_FIGURE_RE = re.compile(rf"{_AFTER}|{_unnamed(_RANGE_SEP_RE)}(?:(?:{_NUM}){_AFTER}|(?=\s*(?:[^\W\d_]{{2}}|[^\w\s])))", re.IGNORECASE)
# the word or sign right after a figure, and the first words of every scale, currency word and
# code: a figure followed by another word is no amount, read at the cost of one small match
_NEXT_RE = re.compile(r"\s{0,2}(?:(?P<sign>[-\u2010\u2011\u2012\u2013\u2014,])|(?P<word>[^\W\d_]+))")
_FIRST_WORDS = frozenset(
    re.match(r"[^\W\d_]*", w.lower()).group()  # type: ignore[union-attr]
    for w in [*_MULTI_LETTER_SCALES, *CURRENCY_WORDS, *CURRENCY_CODES, *MILLION_CODES, "k", "m", "b", "t", "to", "and"]
)


def _may_start(text: str, tok: re.Match[str], floor: int) -> bool:
    """False when the token `tok` cannot start an amount: a figure with no currency sign just
    before it and nothing after it that makes one (a scale, a currency word, a range). Most
    figures of a document (years, dates, percentages, counts, XBRL keys) stop here without
    `_parse_at`'s work, which was most of the scanner's time. Number words always go on."""
    pos = tok.start()
    first = text[pos]
    if not (first.isdigit() or first == ".") or not _PREFIX_LAST.isdisjoint(text[max(floor, pos - 3) : pos]):
        return True
    end = tok.end()
    while text[end - 1] == ",":
        end -= 1
    nx = _NEXT_RE.match(text, end)
    if nx is None:
        return False
    word = nx.group("word")
    if word is not None and word.lower() not in _FIRST_WORDS:
        return False
    return _AFTER_FIGURE_RE.match(text, end) is not None


# two or more letters or a digit glued before a figure ("PG24B"), or a letter and a hyphen (a class of
# notes: "A-1b Senior floating rate class notes", Verizon's 10-K); one letter alone is a currency's
# initial in older wire copy ("Y950 billion", "R1,800 crore", "E300 million") and is kept
_GLUED_CODE = re.compile(r"(?:[A-Za-z]{2,}|\d[A-Za-z]*|\b[A-Za-z]-)$")
_GLUED_MM = re.compile(r"[\d.,]+mm", re.I)
# the one capital glued before a scaled figure that names its currency in the press that writes
# it so: "raised N125 billion in Series 6&7 of its commercial paper" (Nigerian press, naira),
# "a Y950 billion loan" (older wire copy, yen)
_INITIALS = {"N": "NGN", "Y": "JPY"}


def _glued_initial(text: str, money: Money) -> Money | None:
    """A bare scaled figure with a currency's initial glued before it, as that currency."""
    at = money.start
    if at < 1 or text[at - 1] not in _INITIALS or (at >= 2 and (text[at - 2].isalnum() or text[at - 2] in "-_/")):
        return None
    return replace(money, start=at - 1, text=text[at - 1 : money.end], currency=_INITIALS[text[at - 1]])


_CONVERSION_GAP = re.compile(r"\s{0,2}\(\s{0,2}(?:(?:about|around|approximately|approx\.|roughly|some|nearly|c\.|~|or)\s{0,2})?")
_CLOSE_PAREN = re.compile(r"\s{0,2}\)")


# "1.7 billion of Euro-denominated notes", "$1.2 billion Australian dollar credit facility",
# "$650 million in five-year Canadian senior notes", "¥3 billion yuan-denominated bonds": the
# currency named after the amount, as an instrument's, is the amount's.
_NAMED_AFTER = re.compile(
    r"\s{0,2}(?:of\s+|in\s+|worth\s+of\s+)?(?:(?:new|\w+-year|senior|unsecured|green|fixed-rate|floating-rate)\s+){0,2}"
    r"(?P<cur>euro|yuan|renminbi|sterling|yen|australian|aussie|canadian|swiss[- ]franc|rand)"
    r"(?:[- ]dollars?|[- ]denominated|\s+(?=(?:senior|unsecured|bonds?|notes?|debt|loans?|credit|commercial|term|debentures?)\b))",
    re.IGNORECASE,
)
_NAMED_CURRENCY = {"euro": "EUR", "yuan": "CNY", "renminbi": "CNY", "sterling": "GBP", "yen": "JPY", "australian": "AUD",
                   "aussie": "AUD", "canadian": "CAD", "swiss franc": "CHF", "rand": "ZAR"}
_DOLLARS = {"AUD", "CAD"}
_SIGNED = re.compile(r"[€£₹₩₽]|\b(?:Rs|[A-Z]{3})\b|[A-Z]{1,3}\$")


def _currency_named_after(text: str, money: Money) -> Money:
    """The currency an instrument named right after the amount is in: any, for an amount
    written without a currency; the dollar of that country for a bare "$" (US dollars only by
    default); yuan for a "¥" (the sign is both)."""
    m = _NAMED_AFTER.match(text, money.end)
    if not m:
        return money
    named = _NAMED_CURRENCY[" ".join(m.group("cur").lower().replace("-", " ").split())]
    if named == money.currency or _SIGNED.search(money.text):
        return money
    if "$" in money.text and named not in _DOLLARS:
        return money
    if "¥" in money.text and named != "CNY":
        return money
    return replace(money, currency=named, usd_estimate=None if money.currency == "USD" else money.usd_estimate)


# the market a sentence names, whose dollar a bare "$" is ("raising about $1 billion in two deals in
# the Australian bond market", "a $2.25b bite out of the Aussie bond market"). A listing alone
# ("Fortescue Metals Group ( FMG.AX )") says nothing: wire copy writes US dollars as "$" for all.
_MARKET_DOLLAR = (
    ("AUD", re.compile(r"\b(?:Australian|Aussie)\s+(?:dollar\s+|corporate\s+)?(?:bond\s+|debt\s+|credit\s+)?market\b|\bkangaroo\s+(?:corporate\s+)?bonds?\b", re.I)),
    ("CAD", re.compile(r"\bCanadian\s+(?:dollar\s+|corporate\s+)?(?:bond\s+|debt\s+)?market\b|\bmaple\s+bonds?\b", re.I)),
)


def _currency_of_market(text: str, money: Money) -> Money:
    """A bare "$" is the dollar of the market its sentence names; US dollars otherwise."""
    if money.currency != "USD" or _SIGNED.search(money.text) or "$" not in money.text:
        return money
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, money.start - 400), money.start)), default=max(0, money.start - 400))
    ends = _sentence_end_starts(text)
    k = bisect_left(ends, money.end)
    sentence = text[left : ends[k] if k < len(ends) else min(len(text), money.end + 400)]
    for code, rx in _MARKET_DOLLAR:
        if rx.search(sentence):
            return replace(money, currency=code, usd_estimate=None)
    return money


_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_SENTENCE_END_START = re.compile(r"[.!?](?=\s)|\n")  # where each match of _SENTENCE_END may start


@lru_cache(maxsize=2)
def _sentence_end_starts(text: str) -> list[int]:
    """Where a sentence may end in `text`, read once per text: searching on from every amount
    made a 5 MB line without full stops quadratic."""
    return [m.start() for m in _SENTENCE_END_START.finditer(text)]


_RUPEE_SCALE_RE = re.compile(r"(?:\d|\b)(?:lakh|lakhs|lac|lacs|crores?|cr)\b", re.I)


def _infer_currency(text: str, money: Money, previous: Money | None) -> Money:
    """A bare amount's currency: rupees after crore/lakh; the previous amount's within the same
    sentence and 250 characters; else US dollars."""
    if _RUPEE_SCALE_RE.search(money.text):
        currency = "INR"
    elif previous is not None and money.start - previous.end < 250 and not _SENTENCE_END.search(text, previous.end, money.start):
        currency = previous.currency
    else:
        currency = "USD"
    return replace(money, currency=currency)


def parse_money(text: str) -> Money | None:
    """The first money expression in a short string (a table cell, a headline), or None."""
    found = find_money(text)
    return found[0] if found else None
