"""The instruments a debt amount can be in, as the guideline names them, and the words that
name each: read by the event rules around an amount and by the statement reader in a row's label."""

from __future__ import annotations

import re

_LOAN_WORDS = (r"\bloans?\b|\bfinancing\b|\b(?:first|second)[- ]lien\b|\bsecuriti[sz]ations?\b|\basset[- ]backed\b|\bCMBS\b|\bpass-through\s+certificates\b|"
               r"\b(?:via|through)\s+(?:the\s+)?ECBs?\b|\bECB\s+route\b")  # Indian borrowing abroad

# securitisation and asset-backed notes are loans, as the guideline says ("issued $23.6 billion in
# aggregate principal amount of securitization notes payable", GM Financial); an asset-backed
# revolving facility stays a revolver (its place in INSTRUMENTS)
SECURITISED = re.compile(r"\bsecuriti[sz](?:ation|ed)\b|\basset[- ]backed\b|(?-i:\b(?:ABS|RMBS)\b)", re.I)  # "The $1.1 billion ABS offering"

# in order: the first that matches names the instrument ("convertible senior notes" are
# convertible notes, a "revolving credit facility" a revolver)
INSTRUMENTS = [
    # "non-convertible debentures" are bonds; "exchangeable senior notes" convert into another's shares
    ("convertible notes", re.compile(r"(?<!non-)(?<!non\s)\b(?:convertible|exchangeable)s?\b", re.I)),
    ("senior notes", re.compile(r"\bsenior\s+(?:unsecured\s+|secured\s+)?notes?\b", re.I)),
    ("revolving credit facility", re.compile(r"\brevolving\b|\brevolver\b|(?-i:\bRCFs?\b)", re.I)),  # "the upsized $800 million RCF"
    ("term loan", re.compile(r"(?<!short[- ])(?<!long[- ])\bterm\s+loans?\b", re.I)),  # "a short-term loan" is a loan
    ("credit facility", re.compile(r"\bcredit\s+(?:facility|facilities|lines?|agreement)\b|\blines?\s+of\s+credit\b|"
                                   r"\b(?:loan|debt|financing|borrowing|liquidity|exit|lending)\s+facilit(?:y|ies)\b", re.I)),
    ("commercial paper", re.compile(r"\bcommercial\s+paper\b", re.I)),
    ("private credit", re.compile(r"\bprivate\s+credit\b", re.I)),
    ("loan", SECURITISED),
    ("bonds", re.compile(r"\bbonds?\b|\bdebentures?\b|\bNCDs?\b|\beuro-?bonds?\b|\bsukuks?\b|\bdebt\s+(?:sale|offering)\b", re.I)),
    ("notes", re.compile(r"\bnotes?\b(?!\s*\d)", re.I)),  # "(Note 4)" refers to a note of the accounts
    ("loan", re.compile(r"\bborrow\w*|" + _LOAN_WORDS, re.I)),
]
# a loan named as such, not only "borrowings" (which name no kind of debt when nothing else does)
LOAN_NAMED = re.compile(_LOAN_WORDS, re.I)

# a bridge or delayed-draw loan is a term loan, as the guideline says ("Proceeds from bridge loan",
# "a $3.5 billion delayed draw term loan")
BRIDGE = re.compile(r"\bbridge\s+(?:loan|facility|financing)\b|\bdelayed[- ]draw\b", re.I)
