"""The learned decider: what a candidate amount is (capex, debt or neither) and its status.

The rules propose: every money amount of a sentence is a candidate, carried with what the rules
make of it (their verdict and why, the capex/debt triggers and the cues against them, and where
each stands). A linear model over hashed features of the amount in its sentence decides. The
rules were tuned on a dev set they then learned by heart; the model learns from a corpus of real
passages (data/extraction/, docs/labelling.md) and weighs the same evidence by what it is worth
on text it was not tuned on.

A linear model, not a transformer, on purpose: it decides in tens of microseconds, so the
extraction stage keeps its speed (only sentences with an amount reach it), and it ships as one
small file. `scripts/train_extractor.py` rebuilds it; models/extractor/MODEL_CARD.md says how
well it does and on what.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

# isort: off
import monitor.nlp._spacy  # noqa: F401 - first: spaCy without torch (see there)
# isort: on
import numpy
from spacy.lang.en.stop_words import STOP_WORDS

from monitor.nlp.money import Money
from monitor.nlp.periods import PeriodCandidate, period_features

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL = ROOT / "models" / "extractor"
TYPES = ("none", "capex", "debt")
STATUSES = ("actual", "guidance", "plan", "announced", "priced", "completed", "planned")
STATUS_OF = {"capex": ("actual", "guidance", "plan"), "debt": ("announced", "priced", "completed", "planned")}


@dataclass
class Candidate:
    """One money amount in its sentence, with the rules' evidence about it."""

    text: str  # the sentence
    start: int  # the amount's offsets in the sentence
    end: int
    money: Money
    triggers: list[Any]  # events._Trigger: kind ("capex" | "debt" | "neg"), start, end, text
    rule: str | None  # the rules' verdict: "capex" | "debt" | None
    why: str  # why the rules decided so ("rule", "no-trigger", "difference", "debt-stock", ...)
    kind: str  # the document's kind: news | filing | transcript
    index: int = 0  # which amount of the sentence (0 = first)
    count: int = 1  # how many amounts the sentence holds
    org_before: bool = False  # an organisation is named before / after the amount
    org_after: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class OrgCandidate:
    """An organisation an amount may belong to: named in its sentence, or the document's own
    company (the filer, the speaker's company), or the one named last before the sentence."""

    name: str
    start: int  # offsets in the sentence; -1 for a candidate from the document's context
    end: int
    source: str  # "ent" (a configured company) | "legal" | "span" | "default" | "last" | "none"
    rule: bool = False  # the rules' choice


class Decider(Protocol):
    def decide(self, candidate: Candidate) -> tuple[str, str | None, float] | None:
        """(type, status or None for the rules', confidence), or None: not an event."""
        ...

    def choose_company(self, candidate: Candidate, etype: str, orgs: list[OrgCandidate]) -> int | None:
        """Which of `orgs` the amount belongs to (an index), or None for the rules' choice."""
        ...

    def choose_period(self, candidate: Candidate, etype: str, status: str | None, periods: list[PeriodCandidate]) -> int | None:
        """Which of `periods` the amount refers to (an index), or None for the rules' reading."""
        ...


_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*|[$€£¥₹%]", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_WE = re.compile(r"\b(?:we|our|us)\b", re.I)
_SCALE_WORD = re.compile(r"\b(thousand|million|mn|mln|billion|bn|bln|trillion|tn|crore|lakh|lakh crore)\b|\b\d+(?:\.\d+)?\s*([mbk])\b", re.I)


def _bucket(distance: int) -> str:
    if distance <= 0:
        return "0"
    if distance <= 25:
        return "25"
    if distance <= 70:
        return "70"
    if distance <= 150:
        return "150"
    return "far"


def _norm_word(w: str) -> str:
    w = w.lower()
    if w[0].isdigit():
        return "<year>" if _YEAR.fullmatch(w) else "<num>"
    return w


# The noun an amount stands before: "a $2.5bn high-yield bond", "a US$6bn three-part deal", "the $1.3
# billion plant". Modifiers (tenors, coupons, adjectives) are skipped up to a word that ends the
# phrase; the last word before it is the head.
_PHRASE_END = frozenset(
    "of to in for from with by that which who was were is are will would has have had and or but as at on "
    "after before since while when if than due".split())
_DEBT_HEADS = frozenset(
    "bond bonds note notes debenture debentures loan loans facility facilities deal deals issue issuance offering "
    "offerings trade print sale debut tranche tranches paper securities borrowing borrowings financing debt revolver "
    "line sukuk ncd ncds placement portion refinancing package programme program".split())
_CAPEX_HEADS = frozenset(
    "plant plants factory factories refinery center centre centers centres campus fab fabs project projects expansion "
    "investment investments budget capex spending expenditure expenditures upgrade mill mine terminal pipeline site "
    "hub complex cluster capacity infrastructure".split())


_PHRASE_CUT = re.compile(r"[,;:()\[\]\n\u2013\u2014]|\.(?!\d)|\s-\s")


def _head(words: list[str]) -> str | None:
    head = None
    for w in words[:6]:
        if w in _PHRASE_END or w in "$€£¥₹":
            break
        if w[0].isalpha():  # a coupon ("5.25 %") or tenor number is a modifier, never the head
            head = w
    return head


def _head_features(c: Candidate) -> list[str]:
    after = c.text[c.end : c.end + 80]
    cut = _PHRASE_CUT.search(after)
    if cut:
        after = after[: cut.start()]
    words = [w.lower() for w in _WORD.findall(after)]
    out = []
    if words and words[0] == "of":  # "$1.15bn of seven-year notes"
        words = words[1:]
        pre = "OFHEAD"
    else:
        pre = "HEAD"
    head = _head(words)
    if head is not None:
        cls = "debt" if head in _DEBT_HEADS else "capex" if head in _CAPEX_HEADS else "other"
        out += [f"{pre}:{head}", f"{pre}C:{cls}", f"HC:{cls}|{c.kind}"]
    else:
        out.append(f"{pre}:none")
    return out


# what an amount was raised by, said after it: "has raised Rs 10,000 crore by selling infrastructure
# bonds" (a raise) against "raised $2 billion by selling its stake" (a sale); the words alone ("by
# selling") point the same way for both
_MEANS = re.compile(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:in\s+\w+\s+)?(?:by|through|via|from|with)\s+(?:(?:selling|issuing|issuance\s+of|(?:the\s+)?(?:sale|issue)\s+of|"
    r"way\s+of|(?:a|an|the|its|their|new|fresh)\s+)\s*){0,3}(?:[\w-]+\s+){0,4}?"
    r"(bonds?|notes?|debentures?|ncds?|loans?|debt|paper|securiti[sz]ation|ecbs?|borrowings?|credit|"
    r"shares?|stakes?|equity|ipo|rights|qip|stock|assets?|properties|businesses|units?|investors)\b", re.I)
_MEANS_CLASS = {"shares": "equity", "share": "equity", "stake": "equity", "stakes": "equity", "equity": "equity", "ipo": "equity",
                "rights": "equity", "qip": "equity", "stock": "equity", "assets": "asset", "asset": "asset", "properties": "asset",
                "businesses": "asset", "units": "asset", "unit": "asset", "investors": "other"}


def features(c: Candidate) -> list[str]:
    """The evidence about a candidate as feature strings (hashed by `indices`)."""
    out = ["bias", f"kind={c.kind}", f"rule={c.rule}", f"why={c.why}", f"rule|kind={c.rule}|{c.kind}"]
    left = [_norm_word(w) for w in _WORD.findall(c.text[max(0, c.start - 240) : c.start])][-12:]
    right = [_norm_word(w) for w in _WORD.findall(c.text[c.end : c.end + 240])][:12]
    for i, w in enumerate(reversed(left)):
        out.append(f"L:{w}")
        if i < 4:
            out.append(f"L{i}:{w}")
    for i, w in enumerate(right):
        out.append(f"R:{w}")
        if i < 4:
            out.append(f"R{i}:{w}")
    for a, b in zip(left[-5:], left[-4:], strict=False):
        out.append(f"LL:{a}_{b}")
    for a, b in zip(right[:5], right[1:5], strict=False):
        out.append(f"RR:{a}_{b}")
    out.extend({f"W:{w}" for w in left + right})  # the words around the amount, side-blind
    m = c.money
    out.append(f"cur={m.currency}")
    out.append(f"range={m.is_range}")
    out.append(f"qual={m.qualifier}")
    value = m.value if m.value is not None else m.high
    usd = m.usd_estimate if m.currency != "USD" and m.usd_estimate else value
    if usd:
        out.append(f"mag={min(12, max(0, int(numpy.log10(max(usd, 1.0)))))}")
    scale = _SCALE_WORD.search(m.text)
    out.append(f"scale={(scale.group(1) or scale.group(2)).lower() if scale else 'none'}")
    nearest: dict[str, tuple[int, str, str]] = {}
    for t in c.triggers:
        if t.end <= c.start:
            side, d = "B", c.start - t.end
        elif t.start >= c.end:
            side, d = "A", t.start - c.end
        else:
            side, d = "O", 0
        word = " ".join(t.text.lower().split()[:3])
        out.append(f"T:{t.kind}:{side}:{_bucket(d)}")
        out.append(f"TT:{t.kind}:{word}")
        if t.kind not in nearest or d < nearest[t.kind][0]:
            nearest[t.kind] = (d, side, word)
    others = c.extra.get("others") or []
    for kind, (d, side, word) in nearest.items():
        out.append(f"N:{kind}:{side}:{_bucket(d)}")
        out.append(f"NW:{kind}:{word}")
        out.append(f"NWS:{kind}:{word}|{side}|{_bucket(d)}")
        lo, hi = (c.start - d, c.start) if side == "B" else (c.end, c.end + d)
        if any(lo <= o < hi for o in others):
            out.append(f"NB:{kind}:{side}")  # another amount stands between the trigger and this one
        between = c.text[lo:hi]
        if re.search(r"[;]|,\s+(?:while|but|and|compared)\b", between):
            out.append(f"NC:{kind}:{side}")  # ... or a clause break
        for w in _WORD.findall(between)[:8]:
            out.append(f"BT:{kind}:{_norm_word(w)}")
    if "capex" in nearest and "debt" in nearest:
        out.append("closer=" + ("capex" if nearest["capex"][0] <= nearest["debt"][0] else "debt"))
    for kind in ("capex", "debt", "neg"):
        if kind not in nearest:
            out.append(f"no:{kind}")
    for kind, cue in (c.extra.get("status") or {}).items():
        out.append(f"RS:{kind}:{cue}")  # the rules' status cue for either type ("priced", "expects")
    if c.extra.get("sum"):
        # a total beside its parts ("$1 billion ... comprised of $600 million and $400 million"):
        # the guideline counts both; how often the labels do is the model's to learn
        out += [f"sum={c.extra['sum']}", f"sum|rule={c.extra['sum']}|{c.rule}"]
    out.append(f"idx={min(c.index, 3)}")
    out.append(f"cnt={min(c.count, 4)}")
    out.append(f"org_before={c.org_before}")
    out.append(f"org_after={c.org_after}")
    if _WE.search(c.text[: c.start]):
        out.append("we_before")
    if _YEAR.search(c.text[c.end : c.end + 40]):
        out.append("year_after")
    out += _head_features(c)
    means = _MEANS.match(c.text, c.end, min(len(c.text), c.end + 90))
    if means is not None:
        cls = _MEANS_CLASS.get(means.group(1).lower(), "debt")
        out += [f"MEANS:{cls}", f"MEANS:{cls}|{c.kind}"]
    return out


_COUNTERPARTY = re.compile(
    r"\b(?:from|by|with|led\s+by|arranged\s+by|underwritten\s+by|according\s+to|told|lenders?\s+(?:including|such\s+as)|"
    r"banks?\s+(?:including|such\s+as)|advised\s+by|rated\s+by|analysts?\s+at|for)\s*$", re.I)
_LENDERISH = re.compile(
    r"\b(?:JPMorgan|Morgan\s+Stanley|Goldman|Citi\w*|Barclays|HSBC|MUFG|Mizuho|SMBC|BNP|Deutsche\s+Bank|UBS|Credit\s+Suisse|"
    r"Wells\s+Fargo|Bank\s+of\s+America|BofA|Moody'?s|Fitch|S&P|Standard\s+&\s+Poor'?s|Reuters|Bloomberg|Blackstone|Apollo|"
    r"Blue\s+Owl|Ares|KKR|Brookfield|PIMCO|BlackRock|Jefferies|Evercore|Lazard|RBC|TD|Santander|Nomura)\b")
_VERB_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,60},\s*)?(?:has\s+|have\s+|had\s+|will\s+|would\s+|is\s+|was\s+|to\s+|plans\s+to\s+|said\s+it\s+)?"
    r"(?:raise[sd]?|rais\w+|sold|sells|sell|priced|prices|issue[sd]?|borrow\w*|secured|secures|signed|signs|closed|closes|"
    r"obtained|gets|got|taps|tapped|plans?|expects?|said|says|spent|spends|spend|invest\w*|announced|announces|"
    r"completed|completes|launch\w*|agreed|seeks|seeking|mulls|reported|posted|capex|capital)\b", re.I)
# the roles that name a person ("Fitch analyst Vicky Melbourne", "Chief Executive Edward Liddy");
# monitor.nlp.events drops a name after one of them (with a few more) from the candidates
PEOPLES_ROLES = (r"analysts?|chief\s+executive|chief\s+financial\s+officer|CEO|CFO|COO|chairman|chairwoman|president|"
                 r"spokes(?:man|woman|person)|minister|economist|strategist|founder|Mr|Ms|Mrs|Dr|Sir")
# ... and words that do so less surely ("joint venture partner Sumitomo"): evidence for the model only
_PERSON_BEFORE = re.compile(rf"\b(?:{PEOPLES_ROLES}|executive|director|officer|head|partner)\.?\s*,?\s*$", re.I)
_PERSON_AFTER = re.compile(
    r"^\s*,\s*(?:the\s+|a\s+|an\s+)?(?:\w+['’]s\s+)?(?:chief|CEO|CFO|COO|president|chairman|chairwoman|head|analyst|"
    r"spokes\w+|founder|managing|executive|director|partner|economist|strategist)\b", re.I)
# a name inside a description set off by commas ("..., the plantation unit of Indonesian
# conglomerate Rajawali Group, has secured"): the parent or owner described, not the subject
_APPOSITIVE_BEFORE = re.compile(r",\s+(?:the|a|an|its)\s+[^,;]{0,60}?\b(?:of|by|to)\s+(?:[\w-]+\s+){0,3}$", re.I)
_LENT_TO = re.compile(
    r"\b(?:loans?|financing|credit|facility|funding|lend\w*|lent|provided|extended|advanced|granted)\s+(?:[\w$.,-]+\s+){0,4}?to\s+(?:the\s+)?$",
    re.I)
_LENDS = re.compile(
    r"^(?:['’]s)?\s*(?:\([^)]{1,20}\)\s*)?(?:,[^,]{0,60},\s*)?(?:has\s+|have\s+|had\s+|will\s+|would\s+|is\s+|was\s+)?"
    r"(?:lent|lends|lend|lending|extended|extends|provided|provides|okayed|sanctioned|financed|finances|committed|commits|"
    r"underwrote|underwrites|granted|grants|disbursed|disburses)\b", re.I)
_BANKWORD = re.compile(r"\b(?:Bank|Capital|Securities|Partners|Advisors|Ratings|Research|Management|Fund|Investors)\b")


def lender_like(name: str) -> bool:
    """Whether a name is a lender's, an agency's or an investor's (a named bank, "... Capital",
    "... Partners"): the model weighs it as a feature; the filing-subject rule never names one
    the borrower."""
    return bool(_LENDERISH.search(name) or _BANKWORD.search(name))


def org_features(c: Candidate, etype: str, org: OrgCandidate, n: int) -> list[str]:
    """The evidence that `org` is the borrower or spender of candidate `c`."""
    src = org.source
    out = ["obias", f"osrc={src}", f"osrc|type={src}|{etype}", f"okind={c.kind}|{src}", f"n={min(n, 5)}|{src}"]
    if org.rule:
        out += ["orule", f"orule|{src}"]
    if c.extra.get("collective"):
        out.append(f"ocollective|{src}")  # the rules read a list of companies sharing the figure
    if org.start >= 0:
        before = org.end <= c.start
        d = c.start - org.end if before else org.start - c.end
        side = "B" if before else "A"
        out.append(f"oside={side}|{_bucket(d)}")
        left = c.text[max(0, org.start - 40) : org.start]
        if _COUNTERPARTY.search(left):
            out.append(f"ocounter|{side}")
        if _LENT_TO.search(left):
            out.append(f"olent_to|{side}")  # "a Rs1,400 crore loan to State Bank of India": the borrower
        if _LENDS.match(c.text[org.end : org.end + 60]):
            out.append(f"olends|{side}")  # "the EIB has okayed ... loan", "Walgreens lent": the lender
        if org.start == 0 or re.search(r"(?:^|[.;:]\s+|\n)$", c.text[: org.start]):
            out.append("osentence_start")
        after = c.text[org.end : org.end + 80]
        if _VERB_AFTER.match(after):
            out.append(f"overb_after|{side}")
        if after.startswith(("'s", "’s")):
            out.append("opossessive")
        if before:
            between = c.text[org.end : c.start]
            out.append(f"oorgs_between={min(3, between.count(' and ') + between.count(','))}")
        prev = _WORD.findall(c.text[max(0, org.start - 30) : org.start])
        nxt = _WORD.findall(c.text[org.end : org.end + 30])
        # the words the name was cut from ("Ford [Motor Co]", "[When] Nissan", "HDFC [To]")
        out.append(f"oprev={_norm_word(prev[-1]) if prev else '^'}|{src}")
        out.append(f"onext={_norm_word(nxt[0]) if nxt else '$'}|{src}")
        if c.text[org.end : org.end + 2] in (" (", "(") or re.match(r"\s*\(\s*[A-Z0-9.]+\s*\)", c.text[org.end:]):
            out.append("oticker_after")  # "Ford Motor Co ( F.N )": the name ends where the ticker starts
        # a function word on either edge ("When Nissan", "HDFC To", "May.") is not part of a name;
        # one just outside it means the name was cut from a longer phrase at a word that is not
        out.append(f"oprev_stop={bool(prev) and prev[-1].lower() in STOP_WORDS}|{src}")
        out.append(f"onext_stop={not nxt or nxt[0].lower() in STOP_WORDS}|{src}")
        if _APPOSITIVE_BEFORE.search(c.text[max(0, org.start - 80) : org.start]) and c.text[org.end : org.end + 2].startswith(","):
            out.append(f"oappositive|{side}")  # "X, the plantation unit of Indonesian conglomerate Y, has secured": X's
        if _PERSON_BEFORE.search(c.text[max(0, org.start - 40) : org.start]) or _PERSON_AFTER.match(c.text[org.end : org.end + 60]):
            out.append("operson")  # "Fitch analyst Vicky Melbourne said", "Sergio Marchionne, chief executive"
    words = org.name.split()
    if words:
        out.append(f"ofirst_stop={words[0].lower().strip('.') in STOP_WORDS}|{src}")
        out.append(f"olast_stop={words[-1].lower().strip('.') in STOP_WORDS}|{src}")
        if any(w.lower().endswith(("-based", "-listed", "-owned", "-controlled")) for w in words):
            out.append("oadjective")  # "Singapore-based MMI International"
    for w in words[:4]:
        out.append(f"ow={w.lower()}")
    if words:
        out.append(f"olast={words[-1].lower()}|{src}")
    if re.search(r"\b[A-Z0-9]{1,6}\.[A-Z]{1,2}\b", org.name):
        out.append("oticker")  # "TNKBP.UL", "GS.N": a Reuters instrument code, not a name
    if _LENDERISH.search(org.name):
        out.append(f"olender|{src}")
    if _BANKWORD.search(org.name):
        out.append("obankword")
    out.append(f"owords={min(len(org.name.split()), 4)}")
    if org.name.isupper():
        out.append("oupper")
    if _WE.search(c.text[: c.start]):
        out.append(f"owe|{src}")
    return out


def status_features(c: Candidate) -> list[str]:
    """What only the status decision reads, beside `features`: every status cue of the amount's
    clause and the nearest one, where the rules keep the first in their order ("issued a press
    release announcing its intention to offer" is an intention, not an issue)."""
    out = []
    nearest: dict[str, tuple[int, str]] = {}
    for kind, label, word, where in c.extra.get("cues") or []:
        out.append(f"RSA:{kind}:{label}")
        out.append(f"RSW:{kind}:{_norm_word(word)}")
        if kind not in nearest or abs(where) < abs(nearest[kind][0]):
            nearest[kind] = (where, label)
    for kind, (where, label) in nearest.items():
        out.append(f"RSN:{kind}:{label}:{'B' if where < 0 else 'A'}")
    return out


def indices(names: list[str], dim: int) -> numpy.ndarray:
    """Feature strings to column indices (CRC-32, stable across runs and machines)."""
    mask = dim - 1
    return numpy.fromiter((zlib.crc32(n.encode("utf-8")) & mask for n in names), dtype=numpy.int64, count=len(names))


# The sentence says outright what the amount is: "We expect 2024 capital expenditures to be
# approximately $1.1 billion, primarily driven by ..." (Kraft Heinz's 10-K), "we issued $9.5 billion
# of debt in the first quarter" (IBM's 10-Q). The words far from the amount ("primarily driven by",
# "growth") weigh against it in the linear model; the clause itself leaves no doubt.
_CAPEX_IS = re.compile(r"\s*(?:is|are|was|were|will\s+be|to\s+be|of|totall?ed|amounted\s+to)\s+$", re.I)
_ISSUED_BEFORE = re.compile(r"\b(?:we|the\s+company|it)\s+(?:also\s+)?(?:issued|borrowed|raised)\s+(?:a\s+total\s+of\s+)?$", re.I)
# ... or after it: "cash flows from operating activities were $8.1 billion, with $2.0 billion used for
# capital expenditures" (Lowe's 10-K), "$546 million for purchases of property and equipment" (AMD's)
_CAPEX_FOR_AFTER = re.compile(
    r"\s*(?:\([^)]{0,60}\)\s*)?(?:was\s+|were\s+)?(?:used\s+|spent\s+|paid\s+|invested\s+)?(?:for|on|in|of)\s+(?:net\s+)?"
    r"(?:capital\s+expenditures?|capex|purchases?\s+of\s+property(?:,)?\s+(?:plant\s+)?(?:and\s+)?equipment)\b|"
    # "capital investments of approximately $3.5 billion to $4.0 billion related to property and equipment"
    r"\s+related\s+to\s+property(?:,\s+plant)?,?\s+and\s+equipment\b", re.I)
_CAPEX_NAMED = re.compile(r"\bcapital\s+expenditures?\b|\bcapex\b", re.I)  # the trigger names capex itself, not "investments"
# a loan a filing says the company took, by its size: "the Company entered into six new unsecured
# promissory notes totaling $716,400", "The amount of the PPP loan for Southaven TRS was $85,400"
# (Lodging Fund REIT III's 10-K)
_NEW_LOAN_BEFORE = re.compile(
    r"\bentered\s+into\s+(?:an?\s+|one\s+|two\s+|three\s+|four\s+|five\s+|six\s+|seven\s+|eight\s+|nine\s+|ten\s+)?new\s+"
    r"(?:unsecured\s+|secured\s+)?(?:promissory\s+notes?|loans?|term\s+loans?)\s+(?:totall?ing|of|for|in\s+the\s+(?:aggregate\s+)?(?:principal\s+)?amount\s+of)\s+$|"
    r"\bthe\s+(?:principal\s+)?amount\s+of\s+the\s+(?:[\w-]+\s+){0,8}?loan\s+(?:for\s+(?:[\w-]+\s+){1,4}?)?was\s+$", re.I)
# proceeds of debt issued, named plainly in a filing's prose as its cash-flow row would be: "partially
# offset by proceeds from issuances of long-term debt of $5.5 billion" (PepsiCo's 10-K), "$30.8 billion
# of proceeds from the issuance of long-term debt", "proceeds from debt, net of discount of $998.5 million";
# "net proceeds" before its figure are not this (an offering's net of a principal stated elsewhere)
_PROCEEDS_OF_DEBT = (r"\bproceeds\s+(?:from|of)\s+(?:the\s+)?(?:(?:issuances?|issuing)\s+of\s+(?:new\s+)?"
                     r"(?:(?!and\b|or\b)[\w-]+\s+){0,4}?(?:debt|notes|bonds|debentures)(?!\s+receivable)|(?:long-term\s+|short-term\s+)?(?:debt|borrowings))\b")
_PROCEEDS_OF_DEBT_BEFORE = re.compile(
    r"(?<!net )" + _PROCEEDS_OF_DEBT + r"(?:,\s+net\s+of\s+(?:discounts?|issuance\s+costs?|fees)\s*,?)?\s+(?:of|totall?ing|were|was|amounting\s+to)\s+$|"
    # "the issuance of senior notes for net proceeds of $13.4 billion", "net issuances of commercial paper notes of"
    r"\b(?:issuances?|sales?)\s+of\s+(?:(?!and\b|or\b)[\w-]+\s+){0,4}?(?:notes|bonds|debentures|debt)\s+for\s+(?:net\s+)?proceeds\s+of\s+$|"
    r"\bnet\s+issuances?\s+of\s+commercial\s+paper(?:\s+notes)?\s+of\s+$", re.I)
# "$8.46 billion of net proceeds from the issuance of fixed-rate senior unsecured notes" (Meta's 10-Q),
# "$17.8 billion provided by proceeds from long-term borrowings", "$553 in additions to debt" (Alcoa's)
_PROCEEDS_OF_DEBT_AFTER = re.compile(r"\s+(?:(?:of|in|provided\s+by)\s+(?:net\s+)?" + _PROCEEDS_OF_DEBT + r"|in\s+additions\s+to\s+debt\b)", re.I)
# a filing's sentence that opens on a loan from a named lender and gives its size: "Loan from Mr.
# Samuel Derk Shuen Lim included HK$1,960,000 (equivalent to RMB1,592,108)" (DDC Enterprise's 20-F)
_LOAN_FROM_OPENS = re.compile(r"^\s*(?:The\s+)?Loans?\s+from\s+(?:[A-Z][\w.'’&-]*\s+){1,7}(?:included|includes|amounted\s+to|totall?ed|was|were)\s+$")
_DEBT_OF_AFTER = re.compile(r"\s+(?:of|in)\s+(?:new\s+)?(?:long-term\s+|senior\s+(?:unsecured\s+)?|fixed-rate\s+|floating-rate\s+)?(?:debt|notes|bonds|senior\s+notes)\b", re.I)


def states_itself(c: Candidate) -> str | None:
    """"capex" or "debt" when the amount's own clause names it so plainly that no word around it
    can make it something else (see _CAPEX_IS and _CAPEX_FOR_AFTER); else None. Only where the rules read it so too, but
    for a loan the company entered into by its size, however small (_NEW_LOAN_BEFORE), a loan from a
    named lender opening a sentence (_LOAN_FROM_OPENS) and proceeds of debt issued (_PROCEEDS_OF_DEBT_*)."""
    if c.rule == "capex" and c.why == "rule":
        for t in c.triggers:
            if t.kind == "capex" and t.end <= c.start and _CAPEX_IS.match(c.text, t.end, c.start) and _CAPEX_NAMED.search(t.text):
                return "capex"
        if _CAPEX_FOR_AFTER.match(c.text, c.end):
            return "capex"
    if c.rule == "debt" and c.why == "rule" and _ISSUED_BEFORE.search(c.text, 0, c.start) and _DEBT_OF_AFTER.match(c.text, c.end):
        return "debt"
    if _PROCEEDS_OF_DEBT_BEFORE.search(c.text, max(0, c.start - 120), c.start) or _PROCEEDS_OF_DEBT_AFTER.match(c.text, c.end):
        return "debt"
    if _NEW_LOAN_BEFORE.search(c.text, max(0, c.start - 200), c.start) or _LOAN_FROM_OPENS.search(c.text, 0, c.start):
        return "debt"
    return None


def _softmax(z: numpy.ndarray) -> numpy.ndarray:
    z = z - z.max()
    e = numpy.exp(z)
    return e / e.sum()


class LinearDecider:
    """Multinomial logistic regression over hashed features: one weight matrix for the type,
    one for the status (read among the statuses of the chosen type)."""

    def __init__(self, type_weights: numpy.ndarray, status_weights: numpy.ndarray, config: dict[str, Any],
                 org_weights: numpy.ndarray | None = None, period_weights: numpy.ndarray | None = None):
        self.type_weights = type_weights.astype(numpy.float32)
        self.status_weights = status_weights.astype(numpy.float32)
        self.org_weights = None if org_weights is None else org_weights.astype(numpy.float32)
        self.period_weights = None if period_weights is None else period_weights.astype(numpy.float32)
        self.dim = int(config["dim"])
        self.config = config
        self.threshold = float(config.get("threshold", 0.5))
        # where the rules read the same type, a lower probability suffices (chosen on dev)
        self.threshold_agreed = float(config.get("threshold_agreed", self.threshold))

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> LinearDecider:
        folder = Path(path)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        dim = int(config["dim"])
        with numpy.load(folder / "weights.npz") as data:
            rows = data["rows"]
            type_w = numpy.zeros((dim, data["type"].shape[1]), dtype=numpy.float32)
            status_w = numpy.zeros((dim, data["status"].shape[1]), dtype=numpy.float32)
            type_w[rows] = data["type"]
            status_w[rows] = data["status"]
            vectors: dict[str, numpy.ndarray | None] = {}
            for name in ("org", "period"):
                vectors[name] = None
                if name in data:
                    vectors[name] = numpy.zeros(dim, dtype=numpy.float32)
                    vectors[name][data[f"{name}_rows"]] = data[name]  # type: ignore[index]
        return cls(type_w, status_w, config, vectors["org"], vectors["period"])

    def probabilities(self, candidate: Candidate) -> tuple[numpy.ndarray, numpy.ndarray]:
        idx = indices(features(candidate), self.dim)
        status_idx = numpy.concatenate([idx, indices(status_features(candidate), self.dim)])
        return _softmax(self.type_weights[idx].sum(axis=0)), self.status_weights[status_idx].sum(axis=0)

    def decide(self, candidate: Candidate) -> tuple[str, str | None, float] | None:
        p, status_scores = self.probabilities(candidate)
        k = int(p[1:].argmax()) + 1
        if p[k] < (self.threshold_agreed if candidate.rule == TYPES[k] else self.threshold):
            stated = states_itself(candidate)
            if stated is None:
                return None
            k = TYPES.index(stated)
        etype = TYPES[k]
        allowed = [STATUSES.index(s) for s in STATUS_OF[etype]]
        status = STATUSES[max(allowed, key=lambda j: status_scores[j])]
        return etype, status, float(p[k])


    def choose_company(self, candidate: Candidate, etype: str, orgs: list[OrgCandidate]) -> int | None:
        """The organisation scored highest (a linear score per pair), or None when no model."""
        if self.org_weights is None or not orgs:
            return None
        scores = [float(self.org_weights[indices(org_features(candidate, etype, o, len(orgs)), self.dim)].sum()) for o in orgs]
        return int(numpy.argmax(scores))


    def choose_period(self, candidate: Candidate, etype: str, status: str | None, periods: list[PeriodCandidate]) -> int | None:
        if self.period_weights is None or not periods:
            return None
        year = candidate.extra.get("published_year")
        scores = [float(self.period_weights[indices(period_features(candidate.text, candidate.start, candidate.end, etype, status, p, periods, year, candidate.kind), self.dim)].sum())
                  for p in periods]
        return int(numpy.argmax(scores))


def load_default() -> LinearDecider | None:
    """The shipped model, or None when models/extractor holds none (the rules decide then)."""
    if not (DEFAULT_MODEL / "weights.npz").exists():
        return None
    return LinearDecider.load(DEFAULT_MODEL)
