"""Capex and debt events from sentences that hold a money amount.

Each amount is tied to the nearest capex or debt trigger in its sentence, unless a closer cue
says the amount is something else (revenue, an IPO, a buyback, a market move, a repayment...).
The company is the one named nearest before the amount, a collective list ("Alphabet, Amazon,
Meta and Microsoft ... $700 billion"), or, for "we"/"the company", the document's subject.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta

# isort: off
import monitor.nlp._spacy  # noqa: F401 - first: spaCy without torch (see there)
# isort: on
import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from monitor.models import Document, Event
from monitor.nlp.companies import CompanyIndex, CompanyRef, common_name
from monitor.nlp.fastre import compile_prefixed
from monitor.nlp.instruments import BRIDGE, INSTRUMENTS, LOAN_NAMED, SECURITISED
from monitor.nlp.learned import PEOPLES_ROLES, Candidate, Decider, OrgCandidate, lender_like
from monitor.nlp.money import NUMBER_WORDS, Money
from monitor.nlp.periods import (
    adjoining,
    dated_by_the_sentence_before,
    leading,
    months_later,
    not_a_base_or_maturity,
    not_the_baseline,
    not_the_start,
    past_quarters,
    period_candidates,
    quarter_of,
    respective,
    through_in_clause,
    to_date,
)
from monitor.nlp.places import is_place
from monitor.nlp.tables import (
    NOT_PAID,
    document_scale,
    fiscal_year,
    issued_notes_events,
    month_of,
    scale_marks,
    statements_in_units,
    table_events,
    term_sheet_events,
)

EXTRACTOR_VERSION = "3.87"  # 3.0: a learned decider (models/extractor) decides type, status, company and period of every amount; 3.2: fiscal calendars of SEC filers, more statement rows; 3.3: amounts never raises, totals and parts, more currencies and periods; 3.4: the noun an amount sizes, train labels looked at again, abbreviations and names of unconfigured companies, more amounts never raises; 3.5: companies known by a short form, more period candidates, instruments read with their modifiers, tables of notes issued, sub-rows and 52/53-week statements; 3.6: wire-style and pre-euro currencies and coupons, more debt and capex wording, datelines and headings never names, lender and borrower cues, instruments named by a year; 3.7: long, page-broken and restated statements in the filing's own scale, instruments of proceeds rows and of notes named before, renewed and described facilities, changes never levels, quarters named by their month, spans ended on two years; 3.8: fiscal calendars of SEC names with state tags or surnames first, periods weighed by the document's kind, spans through a year and comparisons in another year, names cut at a headline's verb, facilities dated by the sentence before; 3.9: changes beside a level and figures net of capex never levels; 3.10: changes written as verbs never levels, credit lines standing at a date and notes issued before the year of a filing's table are history, utilised balances never raises; 3.11: a filing's own naming of its fiscal year, standing facilities without the sum of their parts, sizes before a change, options, notes bought or assumed, deferred spending, undrawn capacity and notes that will mature never raises, places never companies, the document's company as given; 3.12: the company a sentence's amounts went to is who the next one speaks of, pieces of a place's name and a country's possessive never names, Reuters codes never end a sentence, counted things and unnamed currencies never dollars, more currency codes and scale words, "range from X to Y" a range, a call's reported year a period; 3.13: maturities and trailing twelve months never a debt or capex period, a call's "the year" and "full year" the year it reports on, "this fiscal", ISO dates passed over whole; 3.14: a 52/53-week year ending in a month's first days is the year before's, a filer's bare year as it names it, tables of interest and balances never raises, net changes in commercial paper, notes issued "as follows"; 3.15: older statements' scales ("(millions)"), sub-headings, horizontal-bar nils, "Debt issued", "plant & equipment", consolidating statements whose parent alone issued, a report's signature date never before its period, maturities, thresholds, capacity and notionals never raises; 3.16: notes that matured, balances beside their rates and fair-value rows never raises, agreements that provide for a loan history, a dated entry judged by its date; 3.17: one amount for shares and debt together never a raise, benchmarks, loan-market wires and people named by role never borrowers, descriptions before a name cut off, a quarter yet to begin read by its tense; 3.18: "Long-term debt borrowings", credit agreements and the Paycheck Protection Program as proceeds rows, current maturities balances, notes that came due and were repaid and cash left after settling other loans never raises, facilities a company maintains history; 3.19: a sentence a filing repeats word for word read once, a bare "$" in a sentence naming the Australian or Canadian market that market's dollar, "Thomson Reuters IFR" never a borrower; 3.20: an amount "in the amount of" after an instrument is that instrument's; 3.21: the period written right after an amount is its period; one amount for bonds and an equity issue in a list, a margin, another measure's figure, a maturity, a repricing amendment or a tender is never a raise; unconfigured companies named without their legal form; 3.22: hard-wrapped text read in sentences, PDF headers of split dates and two spans, a facility dated once dated where it is described again, net proceeds of a principal stated elsewhere, sublimits, receivables, capacity left, repayments, other measures and securities never raises; 3.23: a debt amount's `completed` corrected by the sentence's words: priced and not closed is priced, under way with nothing done is announced; 3.24: issuance costs and fees, what a facility may add, letters of credit, available borrowings, notes converted into shares and the investing total without "net" never raises or capex; 3.25: written-off issuance costs, businesses bought and notes a company has outstanding never raises or capex, net proceeds as rounded as a principal one raise, a sentence introducing tables gives their scale; 3.26: "in aggregate principal amount" and the like size one thing, never a cue that the companies named share an amount; 3.27: capex a statement row or sentence says was not paid in cash (accrued, in accounts payable, non-cash), a price per $1,000 note, a payoff, a facility replaced, a change written "up $X" and a part "of which $X" never raises or capex; 3.28: securities a company holds and debt it has never raises, an agreement the sentence before entered dated by it, thousands of dollars beside a scaled amount as written, a 10-Q statement's columns without a printed span the months since the fiscal year began, "principal amount" rows balances; 3.29: a facility's size before the increase its sentence reports never a raise, amendments that provide for a loan dated by the sentence that entered them; 3.30: a filing's fiscal calendar read from its own period and focus over a mis-tagged fact or the SEC's table, more capex and borrowing row labels, a segment table's default scale never trillions, an agreement entered in the paragraph before dated by it (never by a maturity date), the size of an agreement a sentence enters "which allows us to borrow", an investing total of cash paid for property capex, a resized line's instrument, "operating expenditures" another measure; 3.31: a filing's sentence that writes millions of dollars in digits writes all its dollars as they are, proceeds of preferred or common units, stock or shares never raises; 3.32: a whole report that states no scale is in dollars, "CAD$" Canadian, "Cash paid for fixed assets" capex, principal payments under a credit agreement, an accordion and a loan made to another company never raises; 3.33: what an accordion may add never a raise, however long its sentence; 3.34: footnote markers glued to a word read as spaces, "No. 3" kept in its sentence, central banks, governments' arms, market regulators, outlets, measures, units and defined instruments never the company, what is built (foundries, mills, terminals, production, property and equipment) and perpetual tier 1 securities read, a prior range after a comma a range, a one-digit name ("3M") no amount, what notes bought back cost never a raise; 3.35: the period a change starts from ("from this year to $17 billion") never the amount's, a possessive inside a name ("Divi's Laboratories"), names in capitals ending in a numeral no heading, months written short no names; 3.36: a month after "last" the last such month before the document's, other measures listed beside capex (stock-based compensation, depreciation, share purchases), what a lender puts out, raises called off, old debt swapped or tendered for and debt loads never raises or capex, replaced facilities however described; what an amount is compared with and the dates a debt ends on never its period; 3.37: filings converted to Markdown read as their HTML would be (tables, figures without separators, the submission header), more borrowing and capex row labels, the instrument an amount sizes after it, a share of capex others funded and what a facility may be increased up to never capex or raises; 3.38: "the year" of a call or filing in its year's first quarter read by its tense (the year under way when guided), the period after what an amount is of ("$2 billion of bonds in Q3 2024"), a statement's note column and its currency ("In thousands of euro"), a segment note's "Total Segments" column, a paragraph past a page number, "The Bridge Commitment currently provides" dated by the letter, rows of discontinued operations' tables, incremental facilities "of up to", a part "of that amount", loans to employees, a facility that was terminated and rows of notes due in a year never capex or raises, "a short-term loan" a loan; 3.39: a filing's sentence openers ("Upon closing", "Pursuant to", "Via") never names; 3.40: a filing in thousands whose prose writes whole dollars read as written, "Advance from bank loans" a borrowing row, "calendar year 2021" the calendar year, covenant thresholds, hedged principals, bonds a company credit-enhances, a total's breakdown, changes in borrowings or payments, allocations and net proceeds "after deducting" never raises, an agreement's parts at a date history, a cross-reference's title never a name, a filing's blocks its stylesheet hides never read (a cover page found after them); 3.41: trained with release 4 (news pages of 2023-2026 on AI-infrastructure money), the same sum in several currencies one amount ("150 billion yuan (US$20.64 billion or RM91.46 billion)"), "RM" the ringgit, people after "billionaire", "oligarch" or "tycoon", ranks ("No.2"), periods ("FY25") and classes of companies ("IOUs") never names, the name after an "X-led" description, "Sam's Club" one name; 3.42: a debt amount's status read from every cue of its clause (the rules kept the first), and a `completed` corrected to `planned` or `announced` where the company only means to borrow ("Bank of India to raise $750 mn", "announcing its intention to offer"), a company named as the subject of a news sentence without an amount who the next one is about ("In India, Tata Steel is enhancing ... The company's capital expenditure"); 3.43: what an accordion adds named after the amount, notes outstanding listed in a filing (a table of balances with the month of maturity, the notes co-issuers list for Regulation S-X), investment debt securities, estimated interest payments and a loan turned into equity never raises; a bulleted tranche raised when and as the raise its heading states, notes by the year of their issuance, an exhibit index's notes on the date of their 8-K and a table of notes issued "In 2023" dated; fiscal calendars of companies renamed or delisted (Campbell Soup, Bed Bath & Beyond, Shaw, BHP, Elpida); 3.44: programmes and facilities a filing says the company has ("also have", "currently have one", "our $3 billion commercial paper program", what a commercial paper program permits) standing history, sub-facilities never raises, capex in accounts payable or only committed never capex; 3.45: credit a company provides to another, a guarantee of another's debt, what notes trade at, notes repurchased or extinguished and a credit for fees never raises; facilities lenders have provided, borrowing a company is authorized to, access to its facilities, what a credit agreement enables and one that expires on a date standing history; 3.46: the k-th amount of a "respectively" list in the k-th year, every year of a "fiscal" list fiscal, "Proceeds from line of credit" a borrowing row, credit commitments and equipment financing debt, a facility dated by the paragraph that amended it or by the offering it was entered with, tranches under a heading that dates their issue, sources of liquidity standing history, an accordion in quotation marks and notes a buyer takes over never raises; 3.47: an amount its own clause names plainly ("capital expenditures to be approximately $1.1 billion", "we issued $9.5 billion of debt") kept whatever the words around it weigh; 3.48: an amended agreement that "continues to provide" a facility dated by the amendment (never by the agreement it amended), a paragraph that writes whole dollars in the millions writes all its dollars so, swingline loans and letters of credit never raises, "(Repayment) borrowings on debt" a borrowing row; 3.49: a span up to now in the amount's own clause its period (the year to date: the quarter, the half or none; the trailing twelve months: none), the period the amount's subject names ("CapEx for the year was"), a plan's span right after its amount, a debt sentence that goes on from the one before ("We also renewed") dated by it, borrowing rows whose labels go on ("- Term Loan", "net of issuance costs of $9.9 million"), "Borrowings from note payable" and advances on a facility, securitisation rows loans, a convertible's "unless earlier redeemed" its terms, repayment instalments and what a company may request never raises, the name the document gives an amount its instrument; 3.50: the notes of a filing in millions that follow its statements in thousands read in thousands, "Purchased property, plant and equipment" capex and "Revolving credit facility, net" a borrowing row, what a swap converts or a hedge is designated on, a loan amortized down to, what an issue cost, the notes that mature next, letters of credit a facility may issue, notes a company bought back, capacity that "was available" and contributions to joint ventures never raises or capex; 3.51: notes and loans described by their principal, a covenant's limits, a repayment named before its amount, a person's guarantee, the interest on notes outstanding, one net figure for notes and warrants, a debt table's loans named by size and a total of which capex is a part never raises or capex, a facility that "can be drawn upon" standing, net proceeds read further back, a REIT's "Improvements and additions to hotel properties" capex and its balances of property never, a loan row's instrument its word, a lender's name never an instrument, and loans a filing says the company entered into, however small, kept; 3.52: a company's capex for one year its guidance however the words call it (not a project's), capex over several years a plan, a forecast never what was spent; 3.53: debt agreed, signed to issue, committed or in the market and not funded announced, raising an estimate no raise; 3.54: a person named by a role of an organisation ("X, CEO & MD of Tata Steel") never a name and that organisation the subject when the decider chose none, the role cut from the name ("MD of Tata Steel", "Equitas MD"), a legislature, a commission or "State" named alone a government, a title-case dateline with a date and an agency never a name; 3.55: trained with release 5 (tweets of news headlines), links, hashtags and cashtags never names, headline verbs ("Joins", "Declares", "Proposes") end a name and scale words never begin one, an offering commenced, proposed, started or risen to a size announced, an initial public offering or fresh funding after an amount, the liquidity a raise brings a company to and a facility to be terminated never raises, the IMF, the World Bank and "U.S. Fed" governments, "Secured" before an instrument no deed done, "S A" a legal form; 3.56: "& Co" names without a dangling "&" ("Merck", "Eli Lilly"), a description before a legal word never a name ("State-owned Corporation Bank" is Corporation Bank), the banks around a deal ("Lead banks") never names, horizons of a decade, a couple or a range of years, and a multi-year plan with its amount inside ("five-year $2.9B capex plan")"); 3.57: an undated call reads "the quarter" and "the year" against the quarter its title names ("Q3 2022 Equinix Inc Earnings Call"), never the day it was ingested; the period model refit on train periods read again by the guideline (v26); 3.58: a scale written once after a list of amounts is each amount's ("capital expenditures of $1.8 and $1.4 billion"), RTX named by its name of today; 3.59: undrawn lines written before their amount, balances "included in ... borrowings at" a date, cash "used for other financing activities" and the later amounts of a list repaid are never raises; 3.60: a drawdown or an amendment meant ("plans to draw down", "expects to amend") and a modal with an adverb ("will also issue") are no completed raise; 3.61: debt named by its kind ("raise $3.5 billion of unsecured debt", "via ECB", "lending facility", CMBS, pass-through certificates, notes with five modifiers) and capex under other names ("expenditures for property", "capital and exploration expenditures", "spending plans", "invest $2 billion over the next five years") are triggers; a speaker's contraction is no name; "repays", "as interest on" and a facility terminated before its size are no raises; 3.62: a foreign filer's statements in the currency of each column ("RMB | RMB | RMB | US$", the dollar column a translation) and in whole units when its cash flows state no scale, more borrowing rows (related parties' and shareholders' loans, convertible loans, "Receipt of long-term debt"), a filing's subsidiary that opens its sentence as the borrower, a sum "(equivalent to RMB...)" one amount, a "respectively" list with a bracketed translation, "would mature in" never a period; holdings, a bank's new lending, debt paid, a market's borrowing, losses and write-downs, guarantee amounts, a debenture's face value, capacity "on" a facility, an emerging growth company's threshold and a facility "was replaced" never raises; investing in construction, basins, hubs, offices and screens capex; a country opening a legal name part of it; 3.63: a filer named in ordinary case as given ("Flex Ltd." is Flex), not in the SEC's capitals ("FLEX"); 3.64: statement columns headed "RMB'000 | RMB'000 | US$'000" in thousands of each column's currency (the dollar column a translation), "US$'000" and "(US$ in thousands)" US dollars, never Singapore's; 3.65: a subsidiary described before its name ("our French subsidiary, Micromania SAS, entered into") or after a note's heading the borrower, "SAS" a legal form, "Issuance of commercial paper" and "Change in other short-term borrowings, net" borrowing rows, loans from subsidiaries, securities sold and a "2023 vs. 2022" column no raises, "(Note 4)" no notes and borrowings beside "long-term debt" no loan, debt repaid named before its amount, notes settled, a line that remains available and what a subsidiary "can borrow up to an additional" no raises, facilities that "remain in effect", "nine" facilities a company had, what it "has the ability to draw on" and "is authorized to issue" under its programme standing, dated by the "As of" date they are described at never; 3.66: a subsidiary opening a sentence dated "In the year ended December 31, 2023," the borrower, securitisation and asset-backed notes loans, notes "issued in 2022" raised then, a programme "established" new, a standing facility described "as of" a date anywhere in its sentence undated, notes purchased back ("purchased aggregate principal amount of", "purchase from") and a Tier 2 capital credit no raises; 3.67: trained with release 6 (news pages and companies' releases of 2023-2026 on capex and borrowing, AI infrastructure first), a range with its scale letter after a space ("$115-135 b"), an instrument's abbreviation ("CMBS", "ABS", "NCDs") never a borrower, a filing's sentence that opens on a loan from a named lender with its size ("Loan from Mr. X included HK$1,960,000") a raise, proceeds "from issuances of long-term debt of $5.5 billion" named plainly in prose a raise; 3.68: a programme's investments in electrification, renewables, transmission, generation capacity and build-outs, and a "capital estimate", are capex triggers; the one organisation a sentence names as a subsidiary ("by its subsidiary, WULF Compute LLC", "Digital Dutch Finco B.V., an indirect wholly owned finance subsidiary of") is the borrower; 3.69: amounts read as written: "by $300 million to $5.6 billion" is a change and a level, not a range; "A$3.2b-$3.5b" is one range in Australian dollars; "$3 billion to $3.2" carries its scale; "N125 billion" is naira and "¥57.4 billion RMB" yuan; a capex figure a sentence says was replaced ("to $895 million from $990 million") is no event, and an earlier figure with a time of its own ("up from 364 million in 2024") is an actual; notes bought back, equity beside debt, raises under way ("is tapping", "announced a ... offering") read so; an "RCF" is a revolver, exchangeable notes and "convertibles" convertible notes; a trade before a name ("Steelmaker Gerdau") is no part of it; 3.70: a lender's servicing, interest and fee income, its average loan size and the current portion of long-term debt are measures, never raises, and so is the next figure of their list ("was $1.5 billion and $1.6 billion", "which compares to $1.2 billion"); 3.71: each company of a list owns the figure after it ("Amazon ... $200 billion, Alphabet at $175-$185 billion"), a forecaster of others' spending is no spender ("Morgan Stanley expects big tech companies ... to spend"), a configured name opening another company's is not it ("Apollo Tyres"), a possessive name one name ("Sam's Club", never "Sam"), Wall Street and "World" no names, a raise after debt paid off in its clause a raise, debt restructured, a loan book and what old bonds yield no raises, "looks to" planned and "to issue" announced"; 3.72: capex named right after its amount ("$2.0 billion used for capital expenditures", "$546 million for purchases of property and equipment") and debt proceeds in a filing's prose ("$8.46 billion of net proceeds from the issuance of fixed-rate senior unsecured notes", "the issuance of senior notes for net proceeds of", "net issuances of commercial paper notes of", "provided by proceeds from long-term borrowings") stated plainly, a facility's size at a date no balance, a measure after a comma the next figure's, short-term investments no capex"; 3.73: one capex figure for two years each year's ("$1.1 billion in 2023 and 2022"), a facility's size named before it no balance ("a committed syndicated bank credit facility of $3.5 billion", never a balance drawn on it), notes a tender bought back listed after it ("The senior notes purchased included the following:") no raises; 3.74: a size the sentence replaced ("upsized from the previously announced offering of"), loans sold or bought as assets and debt funds no raises, an amount added to or cut from a capital plan a change; 3.75: a change is never an event whatever the model says, an extra amount on capex a change, earlier estimates and expectations previous figures, bond-market words for an issue (subordinated notes, a three-part deal, a high-grade offering, ABS, second-lien) debt triggers, loans on offer by count, debt authorisations, operating and free cash flow, total expenses, R&D, shareholder returns and per-note terms no events; 3.76: a class of notes ("A-1b") no amount, receivables, notes bought back and what customers spend no events; 3.77: a maturity ("notes due 2049", "matures in November 2026"), a series name ("Series 2020-1AA") and the digits of an amount ("Rs 2000 cr") no period candidates; 3.78: a call's speaker by first name ("As Brad mentioned"), a sentence's opening adverb or stop word ("Subsequent", "There"), a loan's abbreviation ("ABL") and a currency ("Euro Notes") no company; a name's closing full stop dropped; components, servers and GPUs counted, no money; 3.80: a backlog, an amortisation, holdings and an amount in brackets that explains a change no raise or capex; tokens, queries and parameters counted, no money; 3.81: the amortisation veto narrowed to costs, discounts, fees and intangibles, so that an exclusion before a capex figure keeps it; 3.82: the subject of a sentence, not its last name, is who the next one's "the company" is; a configured company's short form written as a name ("developer Vantage obtaining") is the company; an earlier capex figure naming its own year is that year's; one capex figure for each of the following years is each year's; a year that names a maturity is no period of a raise; bond-market nicknames (Samurai, Kangaroo) are no names; six fiscal calendars configured; 3.83: an earlier capex figure naming its year is that year's only when the capex word stands before it or right after it; 3.84: a cash-flow total's comparison figure (\"compared to $3.7 billion for the year ended ...\") is no event; 3.85: deadline years ("by 2030") and spans through a year on undated pages; a filer named at a balance date that had a facility, and facilities that each remain in effect, stand; the next note of a redeemed list is redeemed; proceeds of an asset sold and a loss after its amount are no raise; more capex status cues (reached, actual, after spending; set capex at); Walgreens and Con Edison named; 3.86: what an amount was raised by, said after it (by selling bonds, via debentures, through the sale of a stake or of properties), a feature of the decider; 3.87: 'upto' is the qualifier up to (Indian English)")

WINDOW_BEFORE = 160  # characters a trigger may stand before an amount
WINDOW_AFTER = 110  # ... or after it
# a list of amounts the words before govern ("$266 million, $72 million and $131 million")
_AMOUNT_LIST = r"(?:\$\s?[\d.,]+\s*(?:billion|million)?,?\s+(?:and\s+)?)*"


def _rx(*parts: str) -> re.Pattern[str]:
    return compile_prefixed("|".join(f"(?:{p})" for p in parts), re.I)


CAPEX_TRIGGERS = _rx(
    r"\bcapital\s+(?:expenditures?|spending|outlays?|investments?|budget|plans?|infrastructure|estimates?)\b",
    r"\bcap[- ]?ex\b",
    r"\b(?:purchases?|acquisitions?|additions?)\s+(?:of|to)\s+property(?:,)?\s+(?:plant\s+)?(?:and\s+)?equipment\b",
    r"\b(?:property|property\s+and\s+equipment|property,\s+plant\s+and\s+equipment|PP&E|fixed[- ]asset)\s+additions\b",
    # "investing activities also included purchases of $1.48 billion of property, plant and equipment" (Thermo Fisher)
    r"\b(?:purchases?|additions?)\s+of\s+(?:approximately\s+|about\s+)?\$\s?[\d.,]+\s*(?:billion|million)?\s+of\s+property(?:,)?\s+"
    r"(?:plant\s+)?(?:and\s+)?equipment\b",
    r"\bcapital\s+(?:projects?|program(?:me)?s?|purchases|additions|envelope)\b",
    r"\binvestment\s+(?:plan|program(?:me)?|pipeline)s?\b|\bdevelopment\s+(?:pipeline|spend(?:ing)?)\b|\bproject\s+cost\b",
    r"\bpayments?\s+for\s+(?:the\s+)?acquisition\s+of\s+property",
    r"\bcash\s+paid\s+for\s+(?:PP&E|property)",
    # (not a holding: "Cash and short-term investments comprised $778 million and the useful capacity", Vishay's call)
    r"\b(?<!short-term\s)(?<!long-term\s)(?<!marketable\s)"
    r"(?:spend|spends|spending|spent|invest|invests|investing(?!\s+activit)|invested|investment|investments|pour|pouring|poured|build|building)\b"
    r"(?:[^.;]|\.(?=\d)){0,120}?\b(?:AI\s+(?:infrastructure|data|compute|capacity|campus)|artificial intelligence|"
    r"data[- ]?cent(?:er|re)s?|datacenters?|infrastructure|capacity|compute|servers|facilit\w*|fabs?\b|plants?\b|campus(?:es)?|"
    r"manufacturing|production\s+(?:lines?|capacity|sites?)|refiner(?:y|ies)|smelters?|factor(?:y|ies)|greenfield|expansions?|"
    r"mines?|ports?|fields?|(?:oil|gas|exploration)\s+blocks?|warehous\w+|stores|networks?|grids?|"
    # what Indian and Reuters headlines invest in: "to invest Rs4,300 crore in construction",
    # "in KG basin", "In New Logistics Hub", "for setting up about 200 screens" (not "projects": a
    # lender or a fund invests in projects too: "Asian Infra Bank to invest $1 billion in Indian projects")
    r"construction|basins?|hubs?|headquarters|(?:head\s+)?offices?|screens|supercomputers?|railroad|railway|"
    r"(?:industrial|business|tech(?:nology)?|logistics)\s+(?:parks?|cent(?:er|re)s?)|setting\s+up|set\s+up|"
    r"land,?\s+buildings|foundr(?:y|ies)|mills?|terminals?|pipelines?|fleet|moderni[sz]\w+|upgrad\w+|production|"
    # a utility's or a cloud's programme: "investments of €58 billion ... to promote the electrification",
    # "invest nearly $12 billion in the portfolio for various customer build-outs"
    r"electrification|renewables?|transmission|generation\s+capacity|build[- ]?outs?|"
    r"(?<!disposition\sof\s)(?<!sale\sof\s)(?<!sales\sof\s)property(?:,\s+plant)?,?\s+and\s+equipment)\b",
    r"\b(?:data[- ]?cent(?:er|re)|datacenter|infrastructure)\s+(?:spending|investments?|build[- ]?out)\b",
    # "expenditures for property, plant and equipment" (Thermo Fisher), "capital and exploration
    # expenditures" (Exxon Mobil), "its spending plans of $25 billion", and a company's own multi-year
    # programme: "we intend to invest $2 billion over the next five years" (Rockwell Automation)
    r"\bexpenditures?\s+(?:for|on)\s+property\b|\bcapital\s+and\s+exploration\s+expenditures?\b|"
    r"\bspending\s+(?:plans?|programs?|programmes?|budgets?|targets?)\b",
    r"\b(?:spend|invest)\s+(?:(?:approximately|about|around|over|more\s+than|up\s+to|nearly|almost|some)\s+)?[$€£¥₹]?\s?[\d.,]+"
    r"(?:\s*(?:billion|million|bn|mn|crore|trillion))?(?:\s+\w+){0,3}?\s+over\s+the\s+(?:next|coming)\s+(?:\w+\s+){0,2}(?:years|decade)\b",
    # what building a project costs: "the total cost of the first phase of the development will be
    # approximately $333 million", "incurred costs of $102.0 million related to the development of
    # the Corsicana Facility", "the project, estimated to cost $6 billion"
    r"\b(?:total\s+)?costs?\s+(?:of|to|for)\s+(?:the\s+)?(?:first\s+|second\s+|third\s+|initial\s+)?(?:phase\s+(?:of\s+)?(?:the\s+)?)?"
    r"(?:development|construction|build[- ]?out|expansion)\b|\bcosts?\s+(?:[\w$.,]+\s+){0,4}?related\s+to\s+the\s+(?:development|construction)\s+of\b|"
    r"\b(?:expected|estimated|projected|set)\s+to\s+cost\b",
)

# the bond market's words for an issue that name no instrument: "its US$6bn three-part deal", "Oracle Corp.'s $18
# billion high-grade offering" (a debt trigger, and `bonds` when no other word near names the instrument)
_MARKET_ISSUE_WORDS = (r"\b(?:two|three|four|five|six|seven|eight|nine|ten|multi|dual|single)[- ](?:part|tranche|piece)\b|"
                       r"\b(?:high[- ]yield|high[- ]grade|investment[- ]grade|junk)\s+(?:offering|deal|issue|sale|debut|trade|print)\b")

DEBT_TRIGGERS = _rx(
    r"\b(?:(?:convertible|exchangeable)\s+(?:senior\s+)?notes?|(?:convertible|exchangeable)\s+bonds?|convertibles)\b",  # "upped its convertibles offering"
    r"\bsenior\s+(?:unsecured\s+|secured\s+)?notes?\b",
    r"\b(?:bond|debt|notes?)\s+(?:sale|offering|issue|issuance|deal|placement)s?\b",
    r"\bbonds?\b",
    r"\bnotes?\s+due\b",
    r"\b(?:of|in)\s+(?:[\w.%-]+,?\s+){0,5}notes\b(?!\s+to\b)",
    r"\bterm\s+loans?\b",
    r"\brevolving\s+(?:credit\s+)?(?:facility|facilities|line)\b|\brevolver\b|\bRCFs?\b",  # "the upsized $800 million RCF" (an inline case flag would make the whole search 2.5 times slower)
    r"\bcredit\s+(?:facility|facilities|line|agreement)\b|\bline\s+of\s+credit\b",
    # a mortgage lender's borrowing lines: "a $125 million repurchase facility with one lender" (Standard Pacific's 10-K)
    # (a "warehouse facility" alone is a building: "a fire at a leased warehouse facility ($40 million)", Johnson Controls)
    r"\brepurchase\s+(?:credit\s+)?(?:facility|facilities)\b|\bwarehouse\s+(?:credit|lending|loan)\s+(?:facility|facilities|lines?)\b",
    r"\b(?:credit|revolving|loan)\s+commitments?\b",  # "The amended facility provides a $75 million credit commitment"
    r"\bequipment\s+(?:financing|loans?)\b",  # "We entered into equipment financing of $0.3 million" (155 East Tropicana)
    r"\bcommercial\s+paper\b",
    r"\bprivate\s+credit\b",
    r"\b(?:GPU|compute|chip)[- ]backed\s+(?:loans?|debt|financing)\b",
    r"\bdebt\s+financing\b|\bfinancing\s+package\b|\bloan\s+facility\b",
    r"\bloans?\b",
    r"\bborrow(?:ed|ing|ings|s)?\b",
    r"\b(?:in|of|as|through|via)\s+(?:new\s+|fresh\s+|additional\s+)?(?:(?:senior\s+)?(?:un)?secured\s+)?debt\b",
    # "raises Rs 554 crore debt", "raise debt of upwards of $10 billion", "$5 billion debt package"
    r"\brais(?:e|es|ed|ing)\s+(?:(?:[\w$€£¥₹.,-]+\s+){0,4}?)debt\b|\bdebt\s+(?:package|tap|programme|program|deal|markets?)\b",
    # an Indian "external commercial borrowing" ("raise Rs 400 cr via ECB"), never the European Central Bank
    r"\b(?:via|through|by\s+way\s+of)\s+(?:the\s+)?ECBs?\b|\bECB\s+route\b|\bECBs\b|\bexternal\s+commercial\s+borrowings?\b|"
    r"\blending\s+facilit(?:y|ies)\b|\bCMBS\b|\bpass-through\s+certificates\b",
    r"\bdebentures?\b|\bNCDs?\b|\beuro-?(?:bonds?|notes?)\b|\bmedium[- ]term\s+notes?\b|\bMTNs?\b|\bsukuks?\b",
    r"\bdebt\s+(?:securities|instruments?|funding|transaction|raise|raising)\b",
    r"\b(?:long[- ]term|public|overseas|subordinated|structured|fresh|senior|external)\s+debt\b",
    r"\bsecuriti[sz]ations?\b|\basset[- ]backed\b|\bdebtor[- ]in[- ]possession\b|\b(?:emergency|bridge)\s+financing\b",
    r"\bcredit\s+lines\b|\blines\s+of\s+credit\b|\b(?:debt|loan|financing|borrowing|liquidity|warehouse)\s+facilit(?:y|ies)\b",
    r"\b(?:aggregate\s+)?principal\s+amount\b|\bperpetual\s+(?:[\w-]+\s+){0,5}?securit(?:y|ies)\b",
    r"\btier\s+(?:1|one|2|two|I|II)\s+(?:capital\s+)?(?:securit(?:y|ies)|instruments?)\b",  # "additional tier 1 security"
    # the bond market's words for an issue: "The US$1 billion Fixed-to-Fixed Rate Junior Subordinated Notes", "its US$6bn
    # three-part deal", "A $345 million second-lien portion", "Oracle Corp.'s $18 billion high-grade offering", "The $1.1
    # billion ABS offering", "two securitized financing transactions totaling $3.5 billion"
    # (not "unsecured notes" alone: "may issue a maximum of $7.0 billion unsecured notes" under a commercial paper program)
    r"\b(?:subordinated|hybrid|floating[- ]rate|fixed[- ]rate|fixed-to-fixed\s+rate|green|sustainability[- ]linked|"
    r"guaranteed|perpetual|exchangeable|junior)\s+(?:[\w-]+\s+){0,2}?notes?\b",
    _MARKET_ISSUE_WORDS, r"\b(?:first|second)[- ]lien\b",
    r"\bABS\b|\bRMBS\b|\bsecuriti[sz]ed\s+(?:debt|financing|notes|transactions?|bonds?)\b",
)

# Cues that the amount is not a capex figure or a debt raise.
NEGATIVE_CUES = _rx(
    r"\brevenues?\b|\bsales\b(?!\s+of\s+(?:bonds|notes|debt))|\bnet\s+income\b|\bprofits?\b|\bearnings\b|\boperating\s+income\b",
    r"\b(?:free\s+)?cash\s+flows?\b",
    r"\bcash\s+(?:and\s+(?:cash\s+)?equivalents|balances?|on\s+hand|position|at\s+(?:the\s+)?(?:end|close)|from\s+operations|"
    r"(?:provided|generated)\s+(?:by|from)\s+operati\w+)\b|\bliquidity\b",
    r"\bbuy[- ]?backs?\b|\brepurchas\w*|\bdividends?\b",
    r"\bmarket\s+(?:value|cap\w*)\b|\bvaluation\b|\bwip\w+\s+out\b|\bshares?\s+(?:fell|rose|jumped|plunged|slipped)",
    r"\bacqui(?:re|red|res|ring|sition)\b|\btakeover\b|\bmerger\b|\bdeal\s+valued\b",
    r"\bIPO\b|\binitial\s+public\s+offering\b|\bpublic\s+markets?\b|\bshare\s+sale\b|\bstock\s+(?:sale|offering)\b|\bequity\s+(?:raise|offering|stake)\b|\bstake\b",
    r"\bfunding\s+round\b|\bventure\s+(?:funding|capital)\b|\bseries\s+[A-H]\b",
    r"\brepa(?:ys?|id|ying|yments?)\b|\bredeem(?!able)\w*|\bredemption\b|\bretire[ds]?\b|\bextinguish\w*",  # "repays medium term notes of $500 million"
    r"\boutstanding\b|\btotal\s+debt\b|\bdebt\s+load\b|\bdebt\s+of\b",
    r"\btreasur(?:y|ies)\b|\bsovereign\b|\bgovernment\s+(?:bonds|debt)\b",
    r"\banalysts?\b|\baccording\s+to\s+(?:estimates|analysts)|\bconsensus\b",
    r"\b(?:innovation|climate|venture)\s+fund\b",
    r"\bas\s+of\b|\bfair\s+value\b|\bface\s+value\b|\bcarrying\s+(?:value|amount)\b|\bleverage\b",
    r"\bpa(?:y|id|ying|ys)\s+(?:off|down)\b|\bprepa\w+",
    r"\border(?:s|\s+books?)\b|\bbids\b|\boversubscri\w+",  # "order books of US$11bn on its US$6bn three-part deal"
    r"\b(?:infrastructure|investment|private\s+equity|equity|pension|sovereign|wealth|hedge|buyout|opportunity)\s+funds?\b",
    r"\binterest\s+(?:expense|income|costs?|payments?|charges?)\b",
)

# "up from $21.2 billion", "upsizing from $2.35 billion to $3 billion", "from a previously forecast $9
# billion", "from the previous expectation of $20 billion": the earlier figure ("expected
# capital expenditures to range from $12.8 billion to $13.6 billion" opens a range, none)
PRIOR_FIGURE = re.compile(
    r"(?:\b(?:(?<!\brange\s)(?<!\branges\s)(?<!\branged\s)(?<!\branging\s)from|compared\s+(?:with|to)|versus|vs\.?|against|a\s+year\s+(?:ago|earlier)\s+of|"
    r"below|above|short\s+of|beyond|exceeding|than|over)"
    r"(?:\s+(?:its|the|their|a|an))?(?:\s+(?:prior|previous|earlier|initial|original|(?:previously|originally|initially)\s+"
    r"(?:announced|planned|forecast|forecasted|guided|projected|expected|estimated|budgeted|targeted)))?"
    r"(?:\s+(?:outlook|guidance|forecast|estimate|range|target|plan|projection)s?)?(?:\s+of)?"
    r"|\b(?:prior|previous|earlier|initial|original)\s+(?:outlook|guidance|forecast|estimate|range|target|expectation|projection|budget)s?\s+(?:of\s+)?)\s*$",
    re.I,
)
# Which prior figures are earlier actuals (events of their own) and which are previous guidance.
PRIOR_ACTUAL = re.compile(r"\b(?:from|versus|vs\.?|compared\s+(?:with|to))\b", re.I)
GUIDANCE_PRIOR = re.compile(r"\b(?:outlook|guidance|forecast|estimate|range|target|plan|projection|prior|previous|initial|original)\b", re.I)
_A_YEAR_BEFORE = r"a\s+year\s+(?:ago|earlier)|last\s+year|the\s+year\s+before|prior[- ]year"
_YEAR_EARLIER = re.compile(rf"\b(?:{_A_YEAR_BEFORE})\b", re.I)


# what after an earlier figure makes it an actual of its own time, an event: "from the roughly
# $8.5 billion spent in 2025", "up from $107.65 billion from the year before"
_OWN_TIME_AFTER = re.compile(
    rf"\s{{0,3}}(?:[-\w]+\s+){{0,3}}?(?:spent|invested|incurred|paid|{_A_YEAR_BEFORE}|the\s+(?:prior|previous)\s+"
    r"(?:year|quarter|period)|the\s+year\s+earlier|(?:the\s+)?previous[- ]year|(?:in|for|during)\s+(?:the\s+)?"
    r"(?:fiscal|first|second|third|fourth|same))\b", re.I)


# ... and the year under way, whose figure is still a forecast ("to $1.4 billion to $1.5 billion from
# approximately $1.2 billion this year", Crown Castle's call)
_THIS_YEAR_AFTER = re.compile(r"\s{0,3}(?:[-\w]+\s+){0,3}?(?:this|the\s+current)\s+(?:fiscal\s+)?year\b", re.I)


def _superseded(text: str, e: int, doc_year: int | None) -> bool:
    """Whether the earlier figure of a capex comparison ending at `e` is a previous guidance
    the sentence replaced (docs/labelling.md, "Superseded figures"): no period or time of its
    own after it, which an earlier actual has ("compared with $1.2 billion in 2022")."""
    after = text[e : e + 40]
    return not find_period(after, doc_year) and not _OWN_TIME_AFTER.match(after)


def _year_earlier(period: str | None, after: str) -> str | None:
    """The same period a year before, when the text says "a year earlier"."""
    if not period or not _YEAR_EARLIER.search(after):
        return None
    m = re.search(r"(\d{4})$", period)
    return period[: m.start()] + str(int(m.group(1)) - 1) if m else None


# "$18 billion of bonds in six parts, including a $3.25 billion tranche": a part of a figure
# already counted.
BREAKDOWN_BEFORE = re.compile(
    r"(?:\bincluding|\bincludes|\bof\s+which|\bsplit\s+into|\bconsisting\s+of|\bcomprising|\broughly|\beach\s+of|:)"
    r"(?:\s+(?:a|an|the|about|some|roughly|approximately))?\s*$",
    re.I,
)

# Whoever speaks before the amount in its clause: third-party forecasts and sovereign issuers
# are not company events, however close the trigger.
CLAUSE_VETO = re.compile(
    r"\banalysts?\b|\bconsensus\b|\baccording\s+to\s+(?:estimates|analysts|forecasts)\b|\bestimates\s+from\b|"
    r"(?<![Ww]e\s)(?<![Cc]ompany\s)(?<!\bit\s)\b(?:estimates?|forecasts?|projects?|predicts?)\s+that\b|"  # not "The Company estimates that"
    r"\b(?:the\s+)?(?:U\.?S\.?\s+)?Treasury\b|\bgovernments?\b|\bsovereign\b|\bcentral\s+bank\b|\bFederal\s+Reserve\b",
    re.I,
)

# "capital expenditures climbed to $19.4 billion": the trigger is the subject of that amount.
_SUBJECT_OF_AMOUNT = re.compile(
    # (or what the next figure is of: "..., partially offset by proceeds from the issuance of debt of $991 million")
    r"^\s*(?:of|totall?ing|amounting\s+to)\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|more\s+than\s+)?$|"
    r"^\s*(?:\w+\s+){0,3}?(?:climbed|rose|fell|increased|decreased|were|was|are|is|totall?ed|reached|came\s+in|jumped|"
    r"grew|dropped|declined|surged|doubled|will\s+(?:top|reach|exceed|be)|to\s+(?:top|reach|exceed|be))\s+"
    r"(?:to\s+|at\s+)?(?:in\s+the\s+range\s+of\s+|between\s+)?(?:about\s+|approximately\s+|roughly\s+|nearly\s+|more\s+than\s+)?$",
    re.I,
)
MIN_AMOUNT = 100_000  # smaller figures are per-note denominations, fees and the like
# Balances and repayments: "had $104 billion of debt outstanding", "the fair value of debt was",
# "paid off its $2 billion term loan" (but "to repay" is a use of proceeds).
DEBT_STOCK = re.compile(
    r"\boutstanding\b|\bfair\s+value\b|\bface\s+value\b|\bcarrying\s+(?:value|amount)\b|"
    r"(?<!to\s)\b(?:paid\s+(?:off|down)|repaid|redeem(?:ed|s|ing)?|retired)\b|\bwill\s+(?:redeem|repay|retire)\b",
    re.I,
)
# the size of a facility or programme, named right after it, is no balance at a date: "As of December
# 31, 2023, we had a five-year $5.0 billion revolving credit facility" and "no borrowings outstanding
# under our $5.0 billion revolving credit facility" describe a standing facility (a history event)
_FACILITY_SIZE_AFTER = re.compile(
    r"\s+(?:(?:committed|unsecured|secured|senior|syndicated|bilateral|multi-currency|undrawn|unused|back-up|"
    r"five-year|three-year|364-day|[\w.]+-year|U\.S\.|global|revolving)\s+){0,4}"
    r"(?:credit\s+(?:facility|facilities|agreements?|lines?)|line\s+of\s+credit|lines\s+of\s+credit|commercial\s+paper\s+program)\b", re.I)
# ... or right before it: "we maintained a committed syndicated bank credit facility of $3.5 billion"
_FACILITY_SIZE_BEFORE = re.compile(
    r"\b(?:credit\s+(?:facility|facilities|agreements?)|line\s+of\s+credit|commercial\s+paper\s+program)\s+"
    r"(?:of|totall?ing|in\s+the\s+(?:aggregate\s+)?amount\s+of)\s+(?:up\s+to\s+)?$", re.I)
# ... but not what is drawn on it: "an average daily balance outstanding under the Credit Facility of
# approximately $1.13 billion" (Avnet's 10-K)
_DRAWN_BEFORE = re.compile(r"\b(?:outstanding|balances?|borrowings|drawn|draws|utili[sz]\w*|usage)\b", re.I)


def _sizes_a_facility(text: str, s: int, e: int) -> bool:
    """Whether the amount at [s, e) is a facility's or programme's size, named right after or before
    it (a standing facility, a history event), not a balance at a date or one drawn on it."""
    if _FACILITY_SIZE_AFTER.match(text, e):
        return True
    return bool(_FACILITY_SIZE_BEFORE.search(text, max(0, s - 60), s)) and not _DRAWN_BEFORE.search(text, max(0, s - 90), s)


# a raise of its own after debt paid off in the same clause: "we paid off or redeemed approximately
# $1.5 billion of debt and issued $500 million of senior debt" (MetLife's call)
_AND_RAISED = re.compile(r"\b(?:and|then)\s+(?:also\s+|then\s+|subsequently\s+)?(?:issued|raised|borrowed|priced|sold|placed)\b", re.I)
# a convertible's terms, not a redemption: "Convertible Senior Notes with an aggregate principal
# amount of $325 million, due April 15, 2026, unless earlier repurchased, redeemed or converted"
_UNLESS_EARLIER = re.compile(r"\bunless\s+(?:earlier|previously|sooner)\s+(?:[\w-]+,?\s+){0,4}(?:converted|redeemed|repurchased)\b", re.I)
# "rose by $5.1 billion", "$60 billion more than in 2025": a difference, not a figure.
DIFFERENCE = re.compile(
    r"\b(?:rose|rises?|rising|increased|increases?|increasing|grew|grows?|growing|fell|falls?|falling|declined|declines?|"
    r"decreased|decreases?|jumped|jumps?|climbed|climbs?|dropped|drops?|up|down|higher|lower)\s+by\s+"
    r"(?:about\s+|roughly\s+|nearly\s+|some\s+|around\s+|approximately\s+|almost\s+|over\s+|more\s+than\s+)?$",
    re.I,
)
DIFFERENCE_AFTER = re.compile(r"^\s*(?:more|less|higher|lower)\s+than\b", re.I)
# an amount added to or cut from a plan is a change, not its level: "cutting $1.6 billion in planned
# capital spending", "considering adding $10 billion to its record $54 billion five-year capital plan"
_CHANGED_PLAN_BEFORE = re.compile(
    r"\b(?:add(?:s|ed|ing)?|cut(?:s|ting)?|slash(?:es|ed|ing)?|trim(?:s|med|ming)?|shav(?:e|es|ed|ing))\s+"
    r"(?:an?\s+(?:additional|further|extra)\s+|another\s+|about\s+|around\s+|roughly\s+|some\s+|nearly\s+|almost\s+|"
    r"up\s+to\s+|more\s+than\s+|over\s+|approximately\s+)?$", re.I)
_CHANGED_PLAN_AFTER = re.compile(
    r"^\s*(?:in|of|from|to)\s+(?:[\w'’$.-]+\s+){0,5}?(?:capital|capex|spending|investments?|budget|plan)\b", re.I)
# "why Google is spending an extra $10 billion on capital expenditures", "an additional $15 billion of
# capital investment": an amount added to a plan, not its level (every such train and dev label is none)
_EXTRA_BEFORE = re.compile(
    r"\b(?:an?\s+|another\s+)?(?:extra|additional|further|incremental)\s+"
    r"(?:about\s+|roughly\s+|some\s+|approximately\s+|around\s+|nearly\s+)?$", re.I)
_EXTRA_ON_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,3}?(?:on|in|of|for|to)\s+(?:[\w'’-]+\s+){0,3}?(?:capital|capex|spending|investments?|budget|plan)\b", re.I)
AS_OF_START = re.compile(r"^\s*(?:as\s+of|at)\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}\b|the\s+end\s+of|(?:19|20)\d{2}\b)", re.I)

# ("in aggregate revolving commitments", "in aggregate principal amount" size one thing: not a cue)
_BRACKETED = re.compile(r"\([^()]*\)")
COLLECTIVE_CUES = re.compile(r"\b(?:collectively|combined|together|between them|altogether|"
                             r"in aggregate(?!\s+(?:principal|revolving|commitments?|amounts?|notional|borrowings?|loans?|credit|capacity|term)\b))\b", re.I)
PRONOUN_SUBJECT = re.compile(
    r"\b(?:we|our|us|the\s+company|the\s+firm|the\s+group|it|its|the\s+(?:tech|chip|software|cloud|search|social[- ]media|e-commerce)\s+(?:giant|company|maker|provider)|the\s+hyperscaler)\b",
    re.I,
)
COUNTERPARTY_BEFORE = re.compile(
    r"\b(?:from|by|with|led\s+by|arranged\s+by|underwritten\s+by|according\s+to|told|to|lenders?\s+including|banks?\s+including)"
    r"(?:\s+[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*\s*(?:,|and|&)?)*\s*$",
)

STATUS_DEBT = [
    ("priced", re.compile(r"\bpric(?:ed|ing|es)\b", re.I)),
    ("completed", re.compile(
        r"\b(?:completed|closed|issued|sold|raised|secured|obtained|entered\s+into|took\s+out|borrowed|drew|"
        r"signed|agreed|arranged|landed|established|recast|amended|upsized|upsizing|tapped|got|strengthened)\b(?!\s+to\b)",
        re.I)),
    ("planned", re.compile(r"\b(?:plans?|planning|intends?|considering|consider|seeking|seeks|in\s+talks|exploring|looking\s+to|looks?\s+to|may|could|would|proposed|expects?\s+to|aims?\s+to|set\s+to|preparing|mulls?|"
                            r"asking|asks|asked\s+for|eyes|eyeing|targeting|lining\s+up|weighs|weighing|sounding\s+out|"
                            r"gets?\s+(?:board\s+|shareholder\s+)?nod|approves?\s+(?:a\s+)?proposal)\b", re.I)),
    ("announced", re.compile(r"\b(?:announc\w+|launch\w*|unveil\w*|offering|sale|to\s+sell|to\s+raise|(?<!authori[sz]ed\s)(?<!able\s)to\s+issue|agreed|signed)\b", re.I)),
]
STATUS_CAPEX = [
    ("guidance", re.compile(
        r"\b(?:expects?|expected|expecting|outlook|guidance|guided|guides|forecasts?|anticipates?|(?:are|is)\s+anticipated|projects?|projected|"
        r"estimates?|raised|lifted|lowered|cut|now\s+sees|sees|would\s+be|will\s+be|could\s+(?:reach|be|top|exceed)|"
        r"set\s+(?:its|the|a)\s+(?:\w+\s+){0,3}budget|set\s+(?:its\s+)?(?:(?:19|20)\d{2}\s+)?(?:capex|capital\s+(?:expenditures?|spending))\s+at)\b", re.I)),
    ("plan", re.compile(r"\b(?:plans?|planned|planning|will\s+(?:spend|invest|pour|build)|intends?|on\s+track\s+to|aims?|commit\w*|set\s+to|to\s+spend|to\s+invest|pledged?|budget\w*)\b", re.I)),
    # ("Tencent's capex for FY 2024 reached CN¥76.8 billion", "compared to the actual expenditure of
    # $40.9 billion in 2025", "after spending $37.5 billion last quarter")
    ("actual", re.compile(r"\b(?:spent|were|was|totall?ed|amounted|invested|reported|came\s+in|increased|decreased|rose|grew|purchases?\s+of\s+property|paid|"
                          r"reached|actual|after\s+spending)\b", re.I)),
]

_SECURITIES = {"bonds", "notes", "senior notes", "convertible notes"}
TERM_SHEET = re.compile(r"\bpricing\s+(?:term\s+sheet|supplement)\b|\bterms\s+agreement\b|\bfinal\s+term\s+sheet\b", re.I)
_SOLD = re.compile(r"\b(?:sold|issued|sells)\b", re.I)

# words before a trigger that make it a kind of its own: "revolving credit agreement", "bridge loan"
_MODIFIED = re.compile(r"[^,;:()]{0,40}$")


# a lender's or a party's name is no instrument: "a new loan ... with Legendary A-1 Bonds, LLC (the
# “Lender”)" is a loan (Lodging Fund REIT III's 10-K)
_LEGAL_NAME = re.compile(r"(?-i:\b(?:[A-Z][\w&.-]*\s+){1,5}?(?:Bonds?|Notes|Credit|Capital|Lending|Loans?)),?\s+(?:LLC|L\.L\.C\.|Inc\.?|LP|L\.P\.|Ltd\.?|Corp\.?)")


def _instrument(text: str, trigger: _Trigger, local: str, before: str = "") -> str | None:
    """The instrument of a debt amount: its trigger's, read with the words just before it ("an
    unsecured revolving credit agreement" is a revolver, a "bridge loan" a term loan, as the
    guideline says); a bare "borrowed" or "loan" gives way to a named instrument nearby
    ("borrowed $600 million under the Term Loan Agreement"), or to the one a clause before the
    amount sizes (`before`: "a credit facility agreement ..., under which we are able to borrow")."""
    head = text[max(0, trigger.start - 40) : trigger.start] if trigger.text else ""
    head = head[_MODIFIED.search(head).start():] if head else ""
    local = _LEGAL_NAME.sub(lambda m: " " * len(m.group()), local)
    phrase = head + trigger.text
    if BRIDGE.search(phrase) or (not trigger.text and BRIDGE.search(local)):
        return "term loan"
    found = _first_match(INSTRUMENTS, phrase) if trigger.text else None
    if found == "loan" and SECURITISED.search(phrase):
        return found  # "securitization notes payable": named, never a facility nearby
    if found in (None, "loan"):
        named = _first_match(INSTRUMENTS, local)
        if named == "loan" and found is None and not LOAN_NAMED.search(local):
            # "proceeds from issuances of long-term debt of $5.5 billion and net proceeds from
            # short-term borrowings": borrowings nearby name no kind of debt
            named = None
        if named is not None and (found is None or named != "loan"):
            return "term loan" if BRIDGE.search(local) and named == "loan" else named
        under = _UNDER_WHICH.search(before)
        if under:
            # "entered into a two-year credit facility agreement with Wells Fargo Bank, National
            # Association, under which we are able to borrow up to $50 million" (GigaCloud): the
            # instrument named last before the clause
            named = _last_named(before[: under.start()])
            if named is not None:
                return named
    if found is None and _MARKET_ISSUE.search(phrase):
        return "bonds"  # "Oracle Corp.'s $18 billion high-grade offering", "its US$6bn three-part deal", no other word near
    return found


_MARKET_ISSUE = re.compile(_MARKET_ISSUE_WORDS, re.I)


def _last_named(text: str) -> str | None:
    """The instrument, other than a bare loan, named last in `text`, read with the words right
    before it ("a Revolving Credit Agreement" is a revolver, as `INSTRUMENTS` orders them)."""
    found = [(m.start(), m.end(), rank) for rank, (label, rx) in enumerate(INSTRUMENTS) if label != "loan" for m in rx.finditer(text)]
    if not found:
        return None
    begin = max(start for start, _, _ in found)
    phrase: set[int] = set()
    while True:  # the words that run into the last one: "convertible senior notes"
        more = {rank for start, end, rank in found if start >= begin or end >= begin - 2}
        begin_next = min(start for start, end, _ in found if start >= begin or end >= begin - 2)
        if more == phrase and begin_next == begin:
            return INSTRUMENTS[min(phrase)][0]
        phrase, begin = more, begin_next


# the instrument an amount sizes, named right after it with only modifiers between ("$2.0 billion
# senior secured term loan A facility", "$750 million 5.25% senior notes due 2033")
_DEFINED_AFTER = re.compile(r"\s*\(\s*(?:the\s+|each,?\s+a\s+|together,?\s+the\s+)?[“\"]([^”\"]{2,60})[”\"]\s*\)", re.I)
_SIZED_NOUN = re.compile(
    r"\s+(?!(?:of|under|from|in|into|to|for|and|or|at|on|by|which|that|was|were|is|are|the|its|our|with|as)\b)"
    # (never across a lender's name: "a new $13.0 million loan with Legendary A-1 Bonds, LLC")
    r"(?:(?!(?:with|from|by|for|of|under)\b)[\w%.-]+\s+){0,4}?(?:term\s+loan|revolving\s+(?:credit|loan|line)|revolver|RCF\b|credit\s+(?:facilit|agreement|line)|notes\b|bonds?\b|"
    r"debentures|commercial\s+paper|convertible)", re.I)
# the relative clause that sizes an instrument named before it
_UNDER_WHICH = re.compile(r"\b(?:under|pursuant\s+to)\s+which\b|\bwhich\s+(?:allows|permits|provides)\b", re.I)


# the words between an instrument and the amount that sizes it: "a Term Loan in the initial amount
# of $11,000,000 and a Revolving Loan in the amount of $1,000,000" (Galaxy Gaming's credit agreement)
_AMOUNT_OF = re.compile(r"^\s*in\s+(?:the|an)\s+(?:(?:initial|aggregate|original|maximum|total)\s+)?(?:principal\s+)?amount\s+of\s+"
                        r"(?:up\s+to\s+|approximately\s+|about\s+)?$", re.I)


# ... or the words of a resize: "to increase the revolving line of credit available thereunder from
# $25.0 million to $35.0 million, and to provide us with access to a term loan" (EverQuote's 10-K)
_RESIZED_FROM_TO = re.compile(r"^[^.;$€£]{0,60}?\bfrom\s+(?:US)?[$€£]\s?[\d.,]+\s*(?:million|billion|thousand)?\s+to\s+"
                              r"(?:up\s+to\s+|approximately\s+|about\s+)?$", re.I)


def _sized_noun(text: str, start: int, triggers: list[_Trigger], trigger: _Trigger) -> _Trigger:
    """The debt trigger an amount is the size of, when the words say so ("a Term Loan in the
    initial amount of $11,000,000", "increase the revolving line of credit ... from $25.0 million
    to $35.0 million"), over a nearer one that begins the next phrase ("and a Revolving Loan");
    else `trigger`."""
    sized = [t for t in triggers if t.kind == "debt" and t.end <= start and start - t.end <= 120
             and (start - t.end <= 60 and _AMOUNT_OF.match(text[t.end : start]) or _RESIZED_FROM_TO.match(text[t.end : start]))]
    return max(sized, key=lambda t: t.end) if sized else trigger


_ORDINAL_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_PERIOD_PATTERNS = [
    (re.compile(r"\b(?:Q([1-4])|(first|second|third|fourth)[- ]quarter)\s*(?:of\s+)?(?:fiscal\s+(?:year\s+)?|FY\s?)(\d{4}|'?\d{2})\b", re.I), "qfy"),
    (re.compile(r"\b(?:Q([1-4])|(first|second|third|fourth)[- ]quarter)\s*(?:of\s+)?(\d{4})\b", re.I), "q"),
    (re.compile(r"\b(?:fiscal\s+(?:year\s+)?|FY\s?)(\d{4}|'?\d{2})\b", re.I), "fy"),
    (re.compile(r"\b(?:next|coming)\s+(?:few|several|two|three|four|five|\d+)\s+years\b", re.I), "span"),
    (re.compile(r"\b(this|current|next|last|prior|coming)\s+fiscal\s+year\b", re.I), "fiscal-rel"),
    (re.compile(r"\bthis\s+year\b", re.I), "this"),
    (re.compile(r"\bnext\s+year\b", re.I), "next"),
    (re.compile(r"\blast\s+year\b", re.I), "last"),
    (re.compile(r"\b(?:in|for|during|through|of)\s+((?:19|20)\d{2})\b", re.I), "year"),
    (re.compile(r"\b((?:19|20)\d{2})\s+(?:capital|capex|spending|budget|outlook|guidance)\b", re.I), "year"),
]


@dataclass
class _Trigger:
    kind: str  # "capex" | "debt" | "neg"
    start: int
    end: int
    text: str


def _two_digit_year(value: str) -> str:
    value = value.lstrip("'")
    return value if len(value) == 4 else f"20{value}"


def _named_fiscal_year(fiscal_period: object, report_fy: int | None) -> int | None:
    """The year of a filing's "FY 2023" / "Q2 2023" (its cover's fiscal focus), when it is within a
    year of the fiscal year its period of report falls in; else that fiscal year."""
    m = re.search(r"\b((?:19|20)\d\d)$", fiscal_period.strip()) if isinstance(fiscal_period, str) else None
    if m is None or report_fy is None or abs(int(m.group(1)) - report_fy) > 1:
        return report_fy
    return int(m.group(1))


def fiscal_year_of(date: str | None, fiscal_year_end: int | None) -> int | None:
    """The fiscal year an ISO date falls in."""
    if not date or not re.match(r"\d{4}-\d{2}", date):
        return None
    return fiscal_year(int(date[:4]), int(date[5:7]), fiscal_year_end)


def fiscal_year_ended(date: str | None, fiscal_year_end: int | None) -> int | None:
    """The fiscal year a period ending on this ISO date belongs to: a 52/53-week year that ends
    in a month's first week is the month before's (Lowe's year ended February 2, 2024 is the
    year ending in January 2024, not one that began then)."""
    if not date or not re.match(r"\d{4}-\d{2}-\d{2}", date):
        return fiscal_year_of(date, fiscal_year_end)
    return fiscal_year(*month_of(int(date[:4]), int(date[5:7]), int(date[8:10])), fiscal_year_end)


def find_period(text: str, doc_year: int | None, fiscal_year: int | None = None) -> str | None:
    """The period a clause speaks of, normalised. Relative phrases resolve against the
    document's date: "this year" in its calendar year, "this fiscal year" in the company's
    fiscal year (`fiscal_year`) when its calendar is known."""
    for rx, kind in _PERIOD_PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        if kind in ("q", "qfy"):
            q = m.group(1) or _ORDINAL_Q[m.group(2).lower()]
            year = _two_digit_year(m.group(3))
            return f"Q{q} FY{year}" if kind == "qfy" else f"Q{q} {year}"
        if kind == "fy":
            return f"FY{_two_digit_year(m.group(1))}"
        if kind == "span":
            return re.sub(r"\s+", " ", m.group(0).lower())
        if kind == "fiscal-rel":
            base = fiscal_year if fiscal_year is not None else doc_year
            if base is None:
                return None
            shift = {"next": 1, "coming": 1, "last": -1, "prior": -1}.get(m.group(1).lower(), 0)
            return f"FY{base + shift}"
        if kind in ("this", "next", "last"):
            if doc_year is None:
                return None
            return str(doc_year + {"this": 0, "next": 1, "last": -1}[kind])
        if kind == "year":
            return m.group(1)
    return None


def _first_match(rules: list[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    for label, rx in rules:
        if rx.search(text):
            return label
    return None


def reference_date(document: Document, fy_end: int | None = None) -> str | None:
    """The date relative periods ("this quarter", "in June") are read against: the document's
    own date; for a filing saved without one, a month after its period of report (10-Qs are filed
    within 40 days of it, 10-Ks within 60-90), not the day it was ingested; for an undated call,
    the month after the fiscal quarter its title names ("Q3 2022 Equinix Inc Earnings Call": a
    call reports on the quarter just ended); else when fetched."""
    if document.published:
        return document.published
    meta = document.meta or {}
    report = meta.get("report_date") if document.kind == "filing" else None
    if report and re.match(r"\d{4}-\d{2}-\d{2}$", report):
        try:
            return (date.fromisoformat(report) + timedelta(days=35)).isoformat()
        except ValueError:
            pass
    year, quarter = meta.get("fiscal_year"), meta.get("fiscal_quarter")
    if document.kind == "transcript" and isinstance(year, int) and isinstance(quarter, int) and 1 <= quarter <= 4:
        # fiscal year N ends in month `fy_end` of N (Microsoft's FY2026 in June 2026); its
        # quarter q ends 3 * (4 - q) months earlier, and the call is held the month after
        y, m = months_later(year, fy_end or 12, 1 - 3 * (4 - quarter))
        return f"{y:04d}-{m:02d}-15"
    return document.fetched


def _doc_year(value: str | None) -> int | None:
    if value and re.match(r"\d{4}", value):
        return int(value[:4])
    return None


def _triggers(text: str, every: bool = False) -> list[_Trigger]:
    """Capex and debt trigger words, then the cues that veto them: searched only when there is
    a trigger to veto (most sentences with an amount have none), or always (`every`) when a
    learned decider reads them as evidence."""
    out = []
    for kind, rx in (("capex", CAPEX_TRIGGERS), ("debt", DEBT_TRIGGERS), ("neg", NEGATIVE_CUES)):
        if kind == "neg" and not out and not every:
            break
        for m in rx.finditer(text):
            out.append(_Trigger(kind, m.start(), m.end(), m.group(0)))
    return out


def _distance(t: _Trigger, start: int, end: int) -> int | None:
    """Characters between a trigger and an amount, or None when outside the window."""
    if t.end <= start:
        gap = start - t.end
        return gap if gap <= WINDOW_BEFORE else None
    if t.start >= end:
        gap = t.start - end
        return gap if gap <= WINDOW_AFTER else None
    return 0


_CLAUSE_BREAK = re.compile(r";|,\s+(?:while|but|yet|whereas|although|compared\s+with)\b|\bwhile\b|\bwhereas\b|\byet\b", re.I)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around an amount: cut at semicolons and at ', while' / ', but' / ', yet'."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(text[:start]):
        left = m.end()
    right = len(text)
    m = _CLAUSE_BREAK.search(text, end)
    if m:
        right = m.start()
    return left, right


def classify_amount(
    text: str, start: int, end: int, triggers: list[_Trigger], others: list[int] | None = None
) -> tuple[str, _Trigger] | None:
    """The event type an amount belongs to, with its trigger; None when it is not an event.
    `others`: where the sentence's other amounts start. A trigger after this amount that is
    followed by another amount belongs to that one ("$10.6B as capital expenditures climbed to
    $19.4B")."""
    left, right = _clause_bounds(text, start, end)
    if CLAUSE_VETO.search(text[left:start]):
        return None
    best: tuple[int, _Trigger] | None = None
    best_neg: int | None = None
    for t in triggers:
        if t.end <= left or t.start >= right:
            continue
        d = _distance(t, start, end)
        if d is None:
            continue
        if t.start >= end and (t.kind != "neg" or re.search(r"[,;]", text[end : t.start])) and any(
            o >= t.end and _SUBJECT_OF_AMOUNT.match(text[t.end : o]) for o in others or ()
        ):
            continue  # (so is a measure after a comma: "..., and free cash flow to be in the range of $9 billion")
        if t.kind == "neg":
            best_neg = d if best_neg is None else min(best_neg, d)
        elif best is None or d < best[0] or (d == best[0] and t.kind == "capex"):
            best = (d, t)
    if best is None:
        return None
    if best_neg is not None and best_neg < best[0]:
        return None
    return best[1].kind, best[1]


def _ref(ent: Span, companies: CompanyIndex) -> CompanyRef:
    return companies.resolve(ent.ent_id_ or ent.text) or CompanyRef(name=ent.ent_id_ or ent.text, configured=False)


_LEGAL_ORG_RE = re.compile(
    r"\b((?:[A-Z][\w&'.-]*\s+){0,4}[A-Z][\w&'.-]*),?\s+(?:Inc|Corp|Corporation|Ltd|Limited|plc|PLC|LLC|AG|SE|S\.A|N\.V|GmbH|Co"
    r"|INC|CORP|CORPORATION|LTD|LIMITED)\b\.?"
)


def _legal_orgs(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """Organisations we have not configured but that announce themselves with a legal suffix."""
    return [(offset + m.start(), offset + m.end(), m.group(1)) for m in _LEGAL_ORG_RE.finditer(sentence)]


_NAME = r"[A-Z][A-Za-z0-9&.\-]*(?:\s+(?:[A-Z][A-Za-z0-9&.\-]*|&))*"
_POSSESSIVE_ORG = re.compile(rf"\b({_NAME})['’]s\b")
_SUBJECT_ORG = re.compile(
    rf"(?:^|[,;:]\s+|\b(?:and|but|while)\s+)({_NAME})\s+(?:said|says|plans?|will|would|expects?|reported|posted|"
    r"spent|spends|invested|invests|announced|raised|sold|priced|issued|borrowed|secured|signed|agreed|aims|intends|"
    r"is|has|had|completed|closed|committed|pledged|budgeted|forecasts?|projects|unveiled|lifted|cut|lowered|boosted|"
    r"increased|reduced|expanded|tapped|obtained|arranged|launched|struck)\b"
)
_NOT_ORG_FIRST = {
    "The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "For", "With", "By", "From", "As", "A",
    "An", "And", "But", "Our", "We", "Their", "They", "He", "She", "His", "Her", "Capital", "Total", "Net", "Cash",
    "Purchases", "Chief", "CEO", "CFO", "President", "Analysts", "Shares", "Revenue", "Company", "Group", "Investors",
    "Officials", "Executives", "Management", "Operator", "Mr.", "Ms.", "Mrs.", "Dr.", "Sources", "People", "Spending",
    "Moody", "Fitch", "S&P", "Standard", "China", "Japan", "India", "America", "Europe", "Britain", "Germany",
    "France", "Korea", "Taiwan", "US", "U.S.", "UK", "U.K.", "Texas", "California", "Wall", "Washington", "Beijing",
    "Tokyo", "London", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Q1", "Q2", "Q3", "Q4", "First", "Second", "Third", "Fourth", "Fiscal", "Full", "Year", "Last", "Next", "Both",
    "Each", "All", "Some", "Many", "Most", "Such", "Under", "After", "Before", "During", "Including", "However",
    "Hyperscalers", "Big", "Tech", "Companies", "Firms", "Banks", "Lenders", "Data", "AI", "Cloud", "Chipmakers",
    "Utilities", "Borrowers", "Issuers", "Markets", "Bond", "Debt", "Credit", "Interest", "Proceeds", "Borrowings",
    "Income", "Operating", "Expenses", "Earnings",
    # a scale word in a title-case headline ("More Than Doubles At $50 Billion In Two Years")
    "Billion", "Million", "Trillion", "Thousand", "Crore", "Lakh",
    "Launch",  # "Ardagh S A : Launch of $200 million Senior Secured Notes"
    # sentence openers a capitalised run starts with ("When Nissan said", "Since Goldman Sachs issued")
    "When", "Since", "If", "While", "Whereas", "Meanwhile", "Prior", "Though", "Although", "Because", "So", "Then",
    "Also", "Despite", "Unlike", "Like", "Until", "Once", "Only", "Even", "Still", "Yet", "Now", "Earlier", "Later",
    "Today", "Yesterday", "Separately", "Additionally", "Previously", "Recently", "Why", "How", "What", "Where",
    # descriptions before a name ("Rival Ford Motor Co", "Automaker General Motors")
    "Rival", "Rivals", "Peer", "Competitor", "Automaker", "Carmaker", "Chipmaker", "Miner", "Insurer", "Lender",
    "Steelmaker", "Drugmaker", "Planemaker", "Shipbuilder", "Homebuilder", "Brewer", "Retailer", "Refiner",
    "Conglomerate", "Startup", "Start-up",  # "Steelmaker Gerdau ... has announced capex of 6bn reais"
    # people's titles and qualifiers of amounts ("Transport Minister Seiji Maehara", "About $3.8 billion")
    "Minister", "Transport", "Finance", "Prime", "Chairman", "Chairwoman", "Senator", "Sen.", "Rep.", "Governor",
    "Secretary", "Speaker", "Mayor", "Judge", "About", "Around", "Roughly", "Nearly", "Almost", "Approximately", "Over",
    # market terms and sources that open capitalised runs ("U.S. Treasuries", "Libor floor", "IFR reported")
    "Treasuries", "Treasury", "Libor", "LIBOR", "SOFR", "EURIBOR", "Euribor", "EBITDA", "Tranche", "Term", "Medium",
    "Senior", "Series", "Basel", "Tier", "II", "Reuters", "IFR", "Dealogic", "Primary",
    # more openers that are not names ("Through a series of ...", "Of the $45 billion", "Another ...")
    "Through", "Of", "Another", "Underscoring", "Amid", "Against", "Following", "Given", "Without", "Within",
    # shares of a whole and the crowd around a deal ("Much of Hershey's", "Beyond Bankia and
    # Popular", "Creditors of the Hong Kong Disneyland joint venture", "Price talk on the $650 million")
    "Much", "Part", "Half", "Rest", "Besides", "Beyond", "Authorities", "Creditors", "Bondholders", "Noteholders",
    "Regulators", "Price", "Pricing",
    # the banks around a deal ("Lead banks Citigroup and Credit Suisse began selling", "Joint
    # bookrunners ...")
    "Lead", "Joint", "Bookrunners", "Arrangers", "Underwriters",
    # a filing's sentence openers ("Upon closing on December 31, 2024, we borrowed $8.7 million")
    "Upon", "Pursuant", "Concurrently", "Simultaneously", "Subsequently", "Thereafter", "Furthermore", "Moreover",
    "Accordingly", "Notwithstanding", "Effective", "Among", "Across", "Between", "Regarding", "Per", "Via",
}
# places that open a wire story's dateline without a date or an agency ("LONDON - ")
_PLACES = {
    p.casefold() for p in (
        "New York", "London", "Moscow", "Melbourne", "Sydney", "Mumbai", "New Delhi", "Delhi", "Hong Kong", "Singapore",
        "Frankfurt", "Paris", "Tokyo", "Seoul", "Jakarta", "Toronto", "Houston", "Chicago", "San Francisco", "Boston",
        "Dubai", "Zurich", "Milan", "Madrid", "Berlin", "Shanghai", "Beijing", "Bengaluru", "Bangalore", "Chennai",
        "Kolkata", "Hyderabad", "Kuala Lumpur", "Manila", "Bangkok", "Taipei", "Wellington", "Johannesburg", "Brussels",
        "Amsterdam", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Vienna", "Dublin", "Luxembourg", "Riyadh", "Doha",
        "Abu Dhabi", "Ottawa", "Vancouver", "Calgary", "Montreal", "Mexico City", "Sao Paulo", "Buenos Aires",
        "Santiago", "Lima", "Bogota", "Istanbul", "Cairo", "Lagos", "Nairobi", "Tel Aviv", "Washington", "Wall Street",
        "Silicon Valley", "Los Angeles", "Dallas", "Atlanta", "Detroit", "Seattle", "Denver", "Pittsburgh", "Minneapolis",
        "St. Louis", "Philadelphia", "Rome", "Munich", "Hamburg", "Geneva", "Warsaw", "Prague", "Budapest", "Athens",
        "Lisbon", "Edinburgh", "Perth", "Brisbane", "Auckland", "Karachi", "Dhaka", "Colombo", "Hanoi", "Osaka",
        "Shenzhen", "Guangzhou", "Abuja", "Accra", "Kiev", "Kyiv", "Ahmedabad", "Pune", "Gurugram", "Noida", "Chandigarh",
    )
}
# a wire story's dateline: "NEW YORK (Reuters) -", "JAKARTA, Oct 20 (Reuters) -", "NEW YORK, March 3 -"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’-]+(?:[\s/]+[A-Z][A-Z.'’-]+)*)(?:\s*,\s*[A-Z][a-z]{1,9}\.?(?:\s[A-Z][a-z]+)?(?=\s*[,(/]))?"
    r"(?P<date>\s*,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:\s*,?\s*\d{4})?)?"
    r"\s*(?P<agency>\([A-Za-z][A-Za-z .&-]{1,30}\)|/[A-Za-z][A-Za-z .&-]{1,30}/)?\s*[-–—]{1,2}\s+"
)


# ... and one written in title case, with both a date and an agency: "Mumbai, July 11 (IANS) Gautam
# Adani, Chairman of the Adani Group, on Friday announced" (a train passage)
_DATELINE_TITLE = re.compile(
    r"^\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:\s*,\s*[A-Z][a-z]+)?\s*,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
    r"(?:\s*,?\s*\d{4})?\s*\([A-Za-z][A-Za-z .&-]{1,30}\)\s*(?:[-–—:]{1,2}\s*)?")


def _dateline_end(text: str) -> int:
    """Where a wire story's dateline ends (0 when there is none): the place must have a date or
    an agency after it, or be a place we know ("IBM - " is no dateline)."""
    m = _DATELINE.match(text)
    if m is None or not (m.group("date") or m.group("agency") or m.group("place").casefold() in _PLACES):
        title = _DATELINE_TITLE.match(text)
        return title.end() if title else 0
    return m.end()


# capitalised words of a heading run into the next sentence ("MORE CAPEX CUTS While ...",
# "SECURING SUPPLIES Hidayat said", "CAPEX Rio Tinto"): never the start of a name
_HEADING_WORDS = {
    "capex", "collateral", "more", "securing", "supplies", "restructuring", "plan", "plans", "credit", "still", "available",
    "update", "analysis", "outlook", "new", "debt", "loans", "loan", "bonds", "bond", "spending", "investment", "cuts",
    "cut", "raises", "financing", "market", "markets", "funding", "deal", "deals", "risk", "risks", "growth", "costs",
    "cash", "strategy", "background", "factbox", "comment", "reaction", "record", "profit", "sales", "capital", "big",
    "the", "and", "for", "with", "expansion", "budget", "investments", "refinancing", "liquidity", "rating", "ratings",
}
# words a headline puts after a name ("HDFC To raise", "HDFC Q1 net up", "Swisscom Sees"): not part of it
_NOT_ORG_LAST = {
    "To", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY", "Sees", "Says", "Plans", "Gets", "Eyes", "Raises", "Prices", "Seeks",
    "Sells", "Signs", "Taps", "Wins", "Mulls", "Launches", "Issues", "Files", "Posts", "Reports", "Expects", "Cuts", "Boosts",
}
# words inside a headline's or a byline's capitalised run that end the name before them ("Silver
# Standard Announces Closing of New", "Newell Rubbermaid Prices Senior Notes", "Wal-Mart Chief
# Financial Officer Tom Schoewe"): the name is the words before the first of them
_ENDS_NAME = _NOT_ORG_LAST | {
    "Announces", "Announce", "Closes", "Completes", "Secures", "Obtains", "Arranges", "Amends", "Extends", "Expands",
    "Increases", "Enters", "Receives", "Borrows", "Inks", "Agrees", "Readies", "Weighs", "Considers", "Invests",
    "Spends", "Commits", "Unveils", "Outlines", "Doubles", "Lifts", "Trims", "Slashes", "Reduces", "Lowers", "Hikes",
    "Approves", "Clears", "Refinances", "Upsizes", "Prepays", "Redeems", "Repays", "Chief", "CEO", "CFO",
    "COO", "Spokesman", "Spokeswoman", "Spokesperson", "Chairman", "Chairwoman",
    # release 5's headlines: "Adani Joins India's Dollar Bond Frenzy", "The Green Organic Dutchman Declares
    # $41.7 Million ...", "Anil Ambani Ordered to Pay", "MSCI Proposes", "Ford ... Invest $1.45 Billion"
    "Joins", "Declares", "Ordered", "Proposes", "Starts", "Commences", "Adds", "Takes", "Halves", "Opens",
    "Invest", "Spend", "Launch",
    "MD", "Lands", "Bags", "Nets", "Guides", "Reaffirms", "Forecasts", "Investing",  # "DC BLOX Lands $1.15 Billion Green Loan"
}
# descriptors before a name: "Singapore-based MMI International", "A2/A-rated John Deere Capital"
# "Singapore-based", "state-owned", "Cash-strapped", "Loss-making": a description before a name,
# never its first word ("Coca-Cola", "Wal-Mart" go on in capitals); "GS.N": an instrument code
_DESCRIPTOR = re.compile(r"^[\w./&-]*-(?:based|rated|owned|listed|controlled|backed|headquartered|focused)$|^[A-Z][a-z]+-[a-z]+$|"
                         r"^[A-Z]{1,5}\.[A-Z]{1,2}$")


# Governments and their arms: their borrowing and spending are not events (docs/labelling.md).
# State-owned companies ("Korea National Oil Corp", "State Bank of India") are companies. The
# places themselves (countries, US states, regions) are monitor.nlp.places's.
_GOVERNMENT = re.compile(
    r"^(?:the\s+)?(?:U\.?S\.?|U\.?K\.?|EU|European\s+Union|"
    r"Republic\s+of\s+\w+|Kingdom\s+of\s+\w+|Government(?:\s+of\s+\w+)?|(?:US\s+|U\.S\.\s+)?Treasury|"
    r"(?:New\s+York|California|Texas|Illinois|Florida|New\s+Jersey)\s+State|State\s+of\s+\w+(?:\s+\w+)?|"
    r"City\s+of\s+\w+(?:\s+\w+)?|"
    # India's "Govt to borrow Rs 3.6 lakh cr", "State govts' mkt borrowing", "the Centre"
    r"Govt\.?|Governments|Centre|(?:State|Central)\s+(?:govts?|governments?)|States|(?:Finance\s+)?Ministry(?:\s+of\s+\w+)?|"
    # central banks and market regulators: "RBI to conduct open market sale of govt bonds"
    r"RBI|Reserve\s+Bank(?:\s+of\s+\w+)?|Federal\s+Reserve(?:\s+Bank(?:\s+of\s+\w+(?:\s+\w+)?)?)?|(?:U\.?S\.?\s+)?Fed|"
    r"IMF|International\s+Monetary\s+Fund|World\s+Bank|"
    r"European\s+Central\s+Bank|ECB|Bundesbank|People['’]s\s+Bank\s+of\s+China|PBO?C|BoJ|BoE|Swiss\s+National\s+Bank|"
    r"Bank\s+of\s+(?:England|Japan|Canada|Korea|Israel|Thailand|Russia|Mexico|Italy|France|Spain)|central\s+bank|"
    r"Sebi|Securities\s+and\s+Exchange\s+(?:Commission|Board\s+of\s+India)|"
    # legislatures and executives named alone ("An energy bill passed by Congress ... $25 billion of
    # loan guarantees", "The Commission proposed allocating 230 million euros for project bonds")
    r"Congress|Parliament|Senate|(?:European\s+)?Commission|State|Department\s+of\s+\w+(?:\s+\w+)?|(?:County|Town|Province)\s+of\s+\w+)$",
    re.I,
)


def _is_government(name: str) -> bool:
    """A government, one of its arms, or a place ("Rwanda", "Hawaii"): never the borrower."""
    return bool(_GOVERNMENT.search(name)) or is_place(name)


# months written short ("on Aug. 15"), as written: "NOV" in capitals is NOV Inc., no month
_MONTHS_SHORT = {"Jan", "Feb", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}


def _not_first(word: str) -> bool:
    bare = word.rstrip(".,")
    if bare.isupper() and len(bare) >= 3 and bare.isalpha() and (bare.title() in _NOT_ORG_FIRST or bare.lower() in _HEADING_WORDS):
        return True  # "CHINA In other areas", "CAPEX Rio"
    return bare in _NOT_ORG_FIRST or bare in _MONTHS_SHORT or bool(_DESCRIPTOR.match(word)) or bool(_CONTRACTION.match(bare))


# a pronoun's contraction opens a speaker's sentence, never a name: "We've raised $3 billion"
_CONTRACTION = re.compile(r"(?:we|i|you|they|it|let|that|there|here|he|she|what)['’](?:ve|re|ll|d|m|s)$", re.I)


def _heading_run(words: list[str]) -> int:
    """How many leading words of a capitalised run are a heading in capitals ("RESTRUCTURING PLAN
    Borders"): two or more words in capitals before a word that is not."""
    k = 0
    while k < len(words) and words[k].rstrip(".,").isupper() and words[k].rstrip(".,").isalpha() and len(words[k].rstrip(".,")) >= 3:
        k += 1
    # the word after it goes on in lower case ("Borders"): "MSD BDC SPV II" is a name, not a heading
    return k if k >= 2 and k < len(words) and any(ch.islower() for ch in words[k]) else 0


# first words that are also the first words of names ("Credit Acceptance", "Standard Chartered",
# "First Solar", "Capital One"): a name when a capitalised word follows that is not a finance noun
# ("Credit Agreement", "Total Capital Expenditures", "Standard & Poor's" stay out)
_AMBIGUOUS_FIRST = {"Credit", "Total", "Standard", "Capital", "First", "Cloud", "America"}
_FINANCE_NOUN = {
    "Agreement", "Agreements", "Facility", "Facilities", "Expenditure", "Expenditures", "Spending", "Debt", "Capital",
    "Revenue", "Revenues", "Income", "Cash", "Flow", "Flows", "Assets", "Liabilities", "Notes", "Bonds", "Loan", "Loans",
    "Line", "Lines", "Rating", "Ratings", "Market", "Markets", "Costs", "Cost", "Interest", "Quarter", "Half", "Year",
    "Investments", "Investment", "Expenses", "Equity", "Lease", "Leases", "Borrowings", "Obligations", "Amount", "&",
    "Program", "Programme", "Card", "Cards", "Risk",
}
# nationalities and regions that describe a company ("French energy company Total"): never one alone
_DEMONYMS = {
    "American", "British", "French", "German", "Japanese", "Chinese", "Indian", "Russian", "Italian", "Spanish", "Korean",
    "South", "Australian", "Canadian", "Brazilian", "Mexican", "Dutch", "Swiss", "Swedish", "Norwegian", "Danish",
    "Finnish", "Irish", "Saudi", "Emirati", "Qatari", "Indonesian", "Malaysian", "Singaporean", "Thai", "Turkish",
    "Greek", "Polish", "Israeli", "Egyptian", "African", "Nigerian", "Argentine", "Chilean", "Colombian", "Peruvian",
    "European", "Asian", "Gulf", "Arab", "Latin", "Belgian", "Austrian", "Portuguese", "Hungarian", "Czech",
    "Taiwanese", "Vietnamese", "Filipino", "Pakistani", "Kuwaiti", "Scandinavian", "Nordic", "Western", "Eastern",
    "Islamic",
}
# credit ratings read as names ("rated at 'Aa2' by Moody's")
_RATING = re.compile(r"^['‘’]?(?:Aaa|Aa[1-3]|A[1-3]|Baa[1-3]|Ba[1-3]|B[1-3]|Caa[1-3]|AAA|AA[+-]?|A[+-]|BBB[+-]?|BB[+-]?|B[+-])['’]?$")


# a currency and its figure read as a name ("Rs 2,000 crore", "Rs1,400 cr", "Rs.2,100 crore", "EUR 50 million")
_CURRENCY_WORD = re.compile(r"^(?:Rs|INR|USD|EUR|GBP|JPY|CNY|RMB|CHF|AUD|CAD|HKD|SGD|Rp|Re|Dh|AED|SAR|NT)\.?[\d,.\-]*$")


def _name_start_ok(words: list[str]) -> bool:
    """Whether a capitalised run may be read as a name from its first word on."""
    if all(w.strip(".,") in _DEMONYMS for w in words) or all(w.strip(".,") in _FINANCE_NOUN for w in words):
        return False
    if _RATING.match(words[0]) or _CURRENCY_WORD.match(words[0]):
        return False
    first = words[0].rstrip(".,")
    if first in _AMBIGUOUS_FIRST:
        return len(words) >= 2 and words[1] not in _FINANCE_NOUN and not words[1].startswith("&")
    return not _not_first(words[0])


def _proper_orgs(sentence: str) -> list[tuple[int, int, str]]:
    """Organisations named but not known to us ("Verizon's capital expenditures", "Tele Columbus
    said"): a capitalised name as a possessive or as the subject of a reporting verb."""
    found = []
    for rx in (_POSSESSIVE_ORG, _SUBJECT_ORG):
        for m in rx.finditer(sentence):
            name = m.group(1).strip()
            if not _name_start_ok(name.split()) or len(name) < 2 or name.isdigit():
                continue
            found.append((m.start(1), m.start(1) + len(name), name))
    return sorted(set(found))


def _document_company(document: Document, companies: CompanyIndex) -> CompanyRef:
    """The company a document is said to be about. A name as people write it comes first ("SBI" is
    State Bank of India, not the fund whose ticker it is), then a ticker. A ticker that is also the
    first word of the SEC's name keeps the form it was given in ("CACI", "RPM": the SEC's "CACI
    INTERNATIONAL INC /DE/" is no one's common name), with the filer's CIK and calendar; "F" is
    still Ford Motor."""
    given = (document.company or "").strip()
    ref = companies.resolve(given, mention=True) or companies.resolve(given)
    if ref is None:
        return CompanyRef(name=given, ticker=document.ticker, cik=document.cik, configured=False)
    words = ref.name.split()
    if not ref.configured and given.isupper() and ref.ticker == given and words and words[0].upper() == given:
        return replace(ref, name=given)
    return companies.as_given(ref, given)


class _Context:
    """Who the document is about, and who was named last (for "the company" / "it")."""

    def __init__(self, document: Document, companies: CompanyIndex):
        self.document = document
        self.companies = companies
        self.default: CompanyRef | None = None
        if document.company:
            self.default = _document_company(document, companies)
        elif document.cik:
            self.default = companies.by_cik(document.cik)
        fye = (document.meta or {}).get("fiscal_year_end")
        if (self.default is not None and (self.default.fiscal_year_end is None or not self.default.configured)
                and isinstance(fye, int) and 1 <= fye <= 12):
            # an unconfigured filer's fiscal calendar, as its filing states it (statement columns,
            # "this quarter", fiscal quarters): Adobe's "three months ended March 3" is Q1 FY2023.
            # It outranks the SEC's table, which records Sonos's September year as December's
            self.default = replace(self.default, fiscal_year_end=fye)
        if self.default is not None and self.default.fiscal_year_end is None:
            fye = companies.fiscal_year_end(self.default)
            if fye is not None:
                self.default = replace(self.default, fiscal_year_end=fye)
        self.reference = reference_date(document, self.default.fiscal_year_end if self.default else None)
        report = (document.meta or {}).get("report_date") if document.kind == "filing" else None
        # the fiscal year a filing covers: its debt of earlier years is history (docs/labelling.md, 8a)
        self.report_fy = fiscal_year_ended(report, companies.fiscal_year_end(self.default)) if isinstance(report, str) else None
        # the same year as the filer names it in its prose: Home Depot's year ended January 28, 2024
        # is its "fiscal 2023" (dei:DocumentFiscalYearFocus), Walmart's ended January 31 "fiscal 2024"
        self.named_fy = _named_fiscal_year((document.meta or {}).get("fiscal_period"), self.report_fy)
        self.last: CompanyRef | None = None
        self.title_subject: CompanyRef | None = None
        self.notes: str | None = None  # the kind of notes the document named last ("convertible notes")
        self.head = document.text[:1500]  # where a filing says what it is
        self._abbreviations: dict[str, str] | None = None
        self._long_names: dict[str, str | None] = {}

    def fiscal_year_end(self, ref: CompanyRef | None) -> int | None:
        """A company's fiscal calendar; a subsidiary named after the document's company
        ("Medtronic Luxco" in Medtronic's 10-K) keeps its parent's."""
        fye = self.companies.fiscal_year_end(ref)
        if fye is None and ref is not None and self.default is not None and self.default.fiscal_year_end:
            if ref.name.split()[:1] == self.default.name.split()[:1]:
                return self.default.fiscal_year_end
        return fye

    def full_name(self, ref: CompanyRef | None) -> CompanyRef | None:
        """An abbreviation the document defines ("Majid Al Futtaim Holding (MAF)") as the name
        it stands for, so that one company is named one way in its events."""
        if ref is None or ref.configured:
            return ref
        if self._abbreviations is None:
            text = f"{self.document.title or ''}\n{self.document.text[:200_000]}"
            self._abbreviations = abbreviations(text)
            self._long_names = long_names(text)
        if self.default is not None and ref.name == self.default.name:
            return ref  # the filer's own short name is the filer, not a subsidiary named in full ("Medtronic Ventor Technologies")
        long = self._abbreviations.get(ref.name) or (
            self._long_names.get(ref.name.casefold()) if self.document.kind != "filing" else None)  # filings name subsidiaries in full
        if long is None or long == ref.name:
            return ref
        return self.companies.resolve(long, mention=True) or CompanyRef(name=long, configured=False)


_ABBREVIATION = re.compile(
    r"\b(?P<long>[A-Z][\w&'’.-]*(?:\s+(?:of|and|&|de|for|du|la|del)?\s*[A-Z][\w&'’.-]*){1,6})\s*"
    r"\(\s*(?:the\s+)?[\"“]?(?P<short>[A-Z][A-Za-z&]{1,7})[\"”]?\s*\)")


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviations defined in a text, "European Investment Bank (EIB)": the short form to the
    long. The letters of the short form must be initials of the long one, in order, so a ticker
    in brackets ("Ford Motor Co (F)" aside) or a bracketed aside is not taken for one."""
    out: dict[str, str] = {}
    for m in _ABBREVIATION.finditer(text):
        short, words = m.group("short"), m.group("long").split()
        if words[0] == "The" and len(words) > 1:
            words = words[1:]
        initials = "".join(w[0].upper() for w in words)
        letters = [ch for ch in short.upper() if ch.isalpha()]
        k = 0
        for ch in initials:
            if k < len(letters) and ch == letters[k]:
                k += 1
        if len(letters) >= 2 and k == len(letters) and short[0] == words[0][0] and short not in out:
            out[short] = common_name(" ".join(words))
    return out


def long_names(text: str) -> dict[str, str | None]:
    """The names a document gives in full with a legal suffix ("Charter Communications Inc"),
    keyed by each shorter reading from the first word on ("charter"), so that "Charter's deal"
    names the company as the document does. A short name that begins two of them ("Tata Steel
    Ltd", "Tata Motors Ltd") maps to None: it stays as written."""
    out: dict[str, str | None] = {}
    for _, _, name in _legal_orgs(text, 0):
        words = name.split()
        while len(words) > 1 and not _name_start_ok(words):
            words = words[1:]
        long = common_name(" ".join(words))
        words = long.split()
        for k in range(1, len(words)):
            key = " ".join(words[:k]).casefold()
            if len(key) < 3 or words[k - 1].casefold() in ("of", "and", "&", "de", "the"):
                continue
            if out.get(key, long) != long:
                out[key] = None
            else:
                out[key] = long
    return out


def doc_text(doc: Doc) -> str:
    """The document's text as the Extractor kept it: Doc.text joins every token's text again on
    each call, which was half of the extraction stage's time."""
    return doc.user_data.get("text") or doc.text


def span_text(span: Span) -> str:
    """Span.text, cut from the kept text instead of joined from the span's tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]


class Sentences:
    """Sentence bounds as lists (token starts and ends, character starts and ends), without a
    Span per sentence: most sentences of a document are only read, if at all."""

    __slots__ = ("end_chars", "ends", "start_chars", "starts")

    def __init__(self, marks: numpy.ndarray, offsets: numpy.ndarray, lengths: numpy.ndarray):
        """`marks`: 1 where a sentence starts (the first token always does); `offsets` and
        `lengths`: each token's character offset and length."""
        n = len(marks)
        if not n:
            self.starts, self.ends, self.start_chars, self.end_chars = [], [], [], []
            return
        starts = numpy.flatnonzero(marks == 1)
        if not len(starts) or starts[0] != 0:
            starts = numpy.insert(starts, 0, 0)
        ends = numpy.append(starts[1:], n).astype(numpy.int64)
        self.starts: list[int] = starts.tolist()
        self.ends: list[int] = ends.tolist()
        self.start_chars: list[int] = offsets[starts].tolist()
        self.end_chars: list[int] = (offsets[ends - 1] + lengths[ends - 1]).tolist()

    def __len__(self) -> int:
        return len(self.starts)


def sentence_bounds(doc: Doc) -> Sentences:
    """doc.sents as bounds: kept on the Doc by the pipeline's sentence component, else read from
    arrays (Doc.sents makes a Token object per token and a Span per sentence)."""
    cached = doc.user_data.get("sentences")
    if cached is not None:
        return cached
    array = doc.to_array([SENT_START, IDX, LENGTH]).astype(numpy.int64)
    return Sentences(array[:, 0], array[:, 1], array[:, 2])


# A document gives at most this many events: real ones give a few dozen (a 10-K's cash-flow
# statement and liquidity section, about 60), and a crafted page of thousands of amounts must
# cost seconds, not minutes.
MAX_EVENTS = 500


def _whole_report(document: Document, text: str) -> bool:
    """Whether a filing is a whole 10-K, 10-Q, 20-F or 40-F (its cover says so, or its length)."""
    form = str((document.meta or {}).get("form") or "").upper()
    return form.startswith(("10-K", "10-Q", "20-F", "40-F")) or len(text) >= 30_000


def events_from_doc(doc: Doc, document: Document, companies: CompanyIndex, decider: Decider | None = None) -> list[Event]:
    """The document's events. With a `decider` (the learned model) every amount of a sentence is
    a candidate and the decider says what it is; without one the rules decide."""
    ctx = _Context(document, companies)
    doc_year = _doc_year(ctx.reference)
    money_by_start: dict[int, Money] = {m.start: m for m in (doc._.money or [])}
    text = doc_text(doc)
    marks = scale_marks(text) if document.kind == "filing" else []
    scale = document_scale(text, marks) if document.kind == "filing" else None  # for the prose and the tables alike
    if document.kind == "filing" and scale is None and _whole_report(document, text):
        # a whole annual or quarterly report that states no scale anywhere is in dollars: every
        # filer in millions or thousands says so (Premier Pacific Construction's "Proceeds from
        # shareholder loans | 19,586" is $19,586, not $19.6 billion); a passage alone stays a guess
        scale = 1.0
    elif document.kind == "filing" and scale is not None and scale != 1.0 and _whole_report(document, text) and statements_in_units(text, marks):
        scale = 1.0
    # Entities bucketed by sentence in one pass: Span.ents rescans the whole document.
    bounds = sentence_bounds(doc)
    starts = bounds.starts
    if document.kind == "filing" and money_by_start:
        money_by_start = _filing_scale(text, money_by_start, scale or 1e6, bounds.start_chars, marks)
    by_sent: dict[int, list[Span]] = {}
    for ent in doc.ents:
        by_sent.setdefault(bisect_right(starts, ent.start) - 1, []).append(ent)
    events: list[Event] = []
    fy_end = ctx.default.fiscal_year_end if ctx.default else None
    rows = table_events(text, document.kind, fy_end, scale) + (
        term_sheet_events(text) + _issued_before(issued_notes_events(text, fy_end), ctx) if document.kind == "filing" else [])
    # Sentences without entities may still name the filer on a line of its own ("GOOGLE INC."):
    # only those holding a legal suffix are read.
    char_starts = bounds.start_chars
    last = max(by_sent, default=-1)
    hinted = {bisect_right(char_starts, m.start()) - 1 for m in _LEGAL_HINT.finditer(text)}
    # a document with no company of its own (news) names who it is about in sentences without an
    # amount ("In India, Tata Steel is enhancing ... The company's capital expenditure in Q4 FY25
    # stood at ₹3,220 crore"): their subjects, for the next sentences
    subjects = (_sentence_subjects(text, char_starts[: max(last, 0)], bounds.end_chars[: max(last, 0)], ctx)
                if decider is not None and ctx.default is None and money_by_start else {})
    for i in sorted(by_sent.keys() | {j for j in hinted if 0 <= j < last} | subjects.keys()):
        if i not in by_sent:
            if not _note_legal_org(text[char_starts[i] : bounds.end_chars[i]], ctx) and i in subjects:
                ctx.last = subjects[i]
            continue
        sent, ents = doc[starts[i] : bounds.ends[i]], by_sent[i]
        orgs = [e for e in ents if e.label_ == "ORG"]
        amounts = [e for e in ents if e.label_ == "MONEY"]
        found = _sentence_events(sent, orgs, amounts, money_by_start, ctx, doc_year, decider) if amounts and len(events) < MAX_EVENTS else []
        events.extend(found)
        if orgs:
            # the sentence's subject, not the last name of it, is who "the company" of the next
            # one is ("IREN entered a ... contract with NVIDIA. Then ... the company completed")
            subject_ref = subjects.get(i)
            ctx.last = subject_ref if subject_ref is not None and not lender_like(subject_ref.name) else _ref(orgs[-1], companies)
            if ctx.title_subject is None and i == 0:
                ctx.title_subject = ctx.last
        elif decider is not None:
            # no configured company named: the borrower or spender the sentence's amounts went to,
            # else a name with a legal suffix, is who "The new facility includes ..." is about
            # ("CBRE Group, Inc. ... closed on a new $400 million term-loan facility.")
            subject = next((e for e in reversed(found) if e.company), None)
            if subject is not None:
                ctx.last = companies.resolve(subject.company, mention=True) or CompanyRef(
                    name=subject.company, ticker=subject.ticker, cik=subject.cik, configured=False)
            elif not _note_legal_org(span_text(sent), ctx) and i in subjects:
                ctx.last = subjects[i]
    if rows:
        ref = ctx.default or ctx.title_subject or ctx.last
        if ref is None:  # a statement's heading: "ORACLE CORPORATION"
            for _, _, name in _legal_orgs(text[:400], 0):
                ref = companies.resolve(name, mention=True) or companies.resolve(name.title(), mention=True) or CompanyRef(name=name.title(), configured=False)
                break
        spans = [(a, b) for _, a, b in rows]
        events = [e for e in events if not any(a <= e.start < b for a, b in spans)]
        for ev, _, _ in rows:
            if ref is not None:
                ev.company, ev.ticker, ev.cik = ref.name, ref.ticker, ref.cik
            events.append(ev)
        events.sort(key=lambda e: e.start)
    row_ids = {id(ev) for ev, _, _ in rows}
    events = _net_of_a_principal(_capex_dated_alike(_dated_alike(_dated_by_its_offering(_once_per_sentence(events), row_ids), row_ids), row_ids))
    if decider is not None:
        events = _items_as_their_heading(events, text)
    return events[:MAX_EVENTS]


_NET_OF_AFTER = re.compile(r"^\s*(?:in\s+cash\s*)?,?\s*net\s+of\b", re.I)  # "$537.1 million in cash, net of purchasers' discounts" (Ziff Davis)


def _net_of_a_principal(events: list[Event]) -> list[Event]:
    """"Proceeds from the issuance of the Notes totaled $335.9 million, net of initial purchaser
    discounts and issuance costs" (Workiva's 10-Q), where another sentence gives the notes'
    $345.0 million: the net proceeds of a raise the document states at its principal are not a
    second raise (docs/labelling.md, section 7)."""
    debts = [e for e in events if e.type == "debt" and e.amount_usd]
    nets = [e for e in debts if _is_net(e)]  # read once per mention, not once per pair
    net_ids = {id(e) for e in nets}
    gross = [e for e in debts if id(e) not in net_ids]
    drop = set()
    for ev in nets:
        net = ev.amount_usd or 0.0
        # (the same net figure said again in another sentence is no principal, unless that sentence
        # calls it one: "issued approximately $1.4 billion in aggregate principal amount", Dropbox)
        if _has_principal(net, [o.amount_usd for o in gross if o.sentence != ev.sentence
                                and ((o.amount_usd or 0.0) > net or "principal" in o.sentence.lower())]):
            drop.add(id(ev))
    return [e for e in events if id(e) not in drop]


def _is_net(ev: Event) -> bool:
    """Whether a debt mention gives net proceeds ("net proceeds of $X", "$X, net of ...")."""
    at = ev.sentence.find(ev.amount_text) if ev.amount_text else -1
    if at < 0:
        return False
    after = ev.sentence[at + len(ev.amount_text) : at + len(ev.amount_text) + 20]
    return bool(_NET_OF_AFTER.match(after) or _NET_PROCEEDS.search(ev.sentence[max(0, at - 100) : at]))


# a sentence that reports a raise of its own ("New debt of $5.0 billion was borrowed, consisting of
# ... $800 million"): its amounts are not a facility described again
_REPORTED = re.compile(r"\b(?:issued|borrowed|entered\s+into|obtained|closed|priced|raised|sold|drew|completed|signed)\b", re.I)


def _facility_key(instrument: str | None) -> str | None:
    """A facility named once as a "credit facility" and once as a "revolving credit facility" is
    one facility ("a $100.0 million Credit Agreement" / "a revolving credit facility of $100
    million", Ziff Davis's 10-K); notes, loans and the rest keep their own names."""
    return "a facility" if instrument in ("credit facility", "revolving credit facility") else instrument


_CONCURRENT = re.compile(r"\bconcurrently\s+with\s+(?:the\s+)?(?:closing\s+of\s+)?(?:the\s+|our\s+|its\s+)?(?:offering|issuance|sale)\s+of\s+the\b|"
                         r"\bconcurrently\s+with\s+the\s+(?:offering|issuance)\b", re.I)
_OFFERED = re.compile(r"\b(?:issued|completed\s+the\s+(?:issuance|offering)|priced|sold)\b|\boffering\s+on\b", re.I)
_OFFERED_NOTES = ("notes", "senior notes", "convertible notes", "bonds")


def _dated_by_its_offering(events: list[Event], row_ids: set[int]) -> list[Event]:
    """A facility entered "concurrently with the offering" of notes a filing dated just before it
    ("On March 29, 2005, we issued $130.0 million ... Senior Secured Notes ... We also entered into
    a $15.0 million senior secured credit facility ... concurrently with the offering", 155 East
    Tropicana's 10-K) was entered when the notes were issued: their period and history."""
    last: Event | None = None
    for ev in events:
        if ev.type != "debt" or id(ev) in row_ids:
            continue
        if ev.period is None and last is not None and last.sentence != ev.sentence and _CONCURRENT.search(ev.sentence):
            ev.period, ev.history = last.period, last.history
        if ev.period and ev.instrument in _OFFERED_NOTES and _OFFERED.search(ev.sentence):
            last = ev
    return events


def _dated_alike(events: list[Event], row_ids: set[int]) -> list[Event]:
    """A facility a filing dates once ("In July 2023, the Company entered into ... a delayed draw
    term loan facility of up to $2.3 billion") and describes again elsewhere without the date
    ("The agreement provides for a delayed draw term loan facility of up to $2.3 billion",
    CoreWeave's 10-Q) is the same facility: the undated mentions take the dated one's period and
    history. Only when every dated mention of that amount and instrument agrees, never to make a
    mention read as history news (a standing facility is not this year's raise of its size), and
    not for a sentence that reports a raise of its own."""
    dated: dict[tuple[float, str | None], set[tuple[str, bool, str]]] = {}
    prose = [ev for ev in events if id(ev) not in row_ids]  # a statement's columns are dated by their headers
    for ev in prose:
        if ev.type == "debt" and ev.period and ev.amount_usd:
            reading = (ev.period, bool(ev.history), ev.sentence)
            dated.setdefault((round(ev.amount_usd, -3), ev.instrument), set()).add(reading)
            if _facility_key(ev.instrument) != ev.instrument:
                dated.setdefault((round(ev.amount_usd, -3), _facility_key(ev.instrument)), set()).add(reading)
    for ev in prose:
        if ev.type != "debt" or ev.period or not ev.amount_usd or _REPORTED.search(ev.sentence):
            continue
        # the same instrument first; a facility named the other way only when none is
        seen = (dated.get((round(ev.amount_usd, -3), ev.instrument))
                or dated.get((round(ev.amount_usd, -3), _facility_key(ev.instrument))) or set())
        if any(sentence == ev.sentence for _, _, sentence in seen):
            continue  # three facilities of one size in one sentence are three facilities
        readings = {(period, history) for period, history, _ in seen}
        if len(readings) == 1:
            period, history = next(iter(readings))
            if history or not ev.history:
                ev.period, ev.history = period, history
    return events


def _capex_dated_alike(events: list[Event], row_ids: set[int]) -> list[Event]:
    """A headline restates its lead's figure without the lead's period ("Oracle lifts spending
    plan to $18 billion" / "Oracle raised its capital expenditure forecast for 2026 to $18
    billion"): an undated capex figure of a company (Event.figure) takes the period every dated
    mention of it in the document's prose agrees on, so that the two share one event key, not a
    second one without a period. Two periods for the figure (the same sum in two years) leave it
    undated."""
    prose = [ev for ev in events if ev.type == "capex" and ev.company and id(ev) not in row_ids]
    dated: dict[tuple[str, str, str, str], set[str]] = {}
    for ev in prose:
        if ev.period:
            dated.setdefault(ev.figure, set()).add(ev.period)
    for ev in prose:
        if not ev.period and len(dated.get(ev.figure, ())) == 1:
            ev.period = next(iter(dated[ev.figure]))
    return events


def _once_per_sentence(events: list[Event]) -> list[Event]:
    """A filing repeats sentences word for word (Item 1, a note, MD&A: Galaxy Gaming's "the Company
    drew on its Revolving Loan in the amount of $1,000,000 on March 12, 2020" three times): the
    same events read from the same words again are the first reading's mentions. Two amounts of
    one sentence ("$500 million of notes due 2028 and $500 million due 2033") stay two."""
    first: dict[str, int] = {}  # a sentence's words -> where they were first read
    out = []
    for ev in events:
        said = " ".join(ev.sentence.split())
        if first.setdefault(said, ev.start) == ev.start:
            out.append(ev)
    return out


def _issued_before(rows: list[tuple[Event, int, int]], ctx: _Context) -> list[tuple[Event, int, int]]:
    """A table of notes issued lists the earlier years' issuances too (Walmart's fiscal 2024 10-K:
    the notes of September 2022): those before the fiscal year the filing covers are history
    (docs/labelling.md, 8a). Statement columns of earlier years are not (8b)."""
    for ev, _, _ in rows:
        if ev.type == "debt" and not ev.history:
            ev.history = is_history(ev.period, "", "filing", ctx.reference, ctx.report_fy)
    return rows


_HAS_SCALE = re.compile(r"\d\s*(?:[kmb]\b|mm\b|mn\b|bn\b|thousand|million|billion|trillion|lakh|crore)", re.I)
_NOTES_DUE_ROW = re.compile(r"^[^|]*\b(?:notes?|debentures?|bonds?)\s+due\s+"
                            # "$ 1,250 million 2.900 % notes due May 2050 | 1,211 | 1,210" (UnitedHealth's
                            # table of its notes outstanding): a balance, with or without the month
                            r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?"
                            r"(?:19|20)\d{2}\b[^|]*\|", re.I)
# a table of debt outstanding that names each loan by its size, with its maturity date: "$ 5.0
# million line of credit (7) | 4.00 % | 5/10/2022 | 600,000 | —" (Lodging Fund REIT III's 10-K): balances
_SIZED_DEBT_DATED_ROW = re.compile(r"^\s*[$]\s?[\d.,]+\s*(?:million|billion)?\s+[^|]{0,40}?\b(?:lines?\s+of\s+credit|loans?|notes?|facilit(?:y|ies))\b"
                                   r"[^|]*\|.*?\|\s*\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\s*(?:\||$)", re.I)
# an exhibit index's notes and the 8-K they came with
_EXHIBIT_FORM = re.compile(r"\bForm\s+of\s+(?:(?:the|an?)\s+)?(?:global\s+note\s+for\s+(?:the\s+)?)?$", re.I)
_EXHIBIT_8K = re.compile(r"\bincorporated\s+(?:herein\s+)?by\s+reference\s+to\s+Exhibit\s+[\d.]+\s+to\s+(?:the\s+)?(?:Company['’]s\s+)?"
                         r"(?:Current\s+Report\s+on\s+)?Form\s+8-K\s+(?:dated\s+(?:and\s+)?)?(?:filed\s+)?(?:as\s+of\s+)?(?:on\s+)?"
                         r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{1,2},?\s+(?P<year>(?:19|20)\d{2})\b", re.I)
# a row of a table of notes by the issuance they came from: "2014 Notes issuance of $ 6.0 billion |
# 2024 - 2044 | 3.80 % - 4.95 % | ..." (Amazon's 10-K): raised in the year it names (the maturities
# after it are no period)
_ISSUANCE_OF_YEAR = re.compile(r"^\s*(?:(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
                               r"(?P<year>(?:19|20)\d{2})\s+notes\s+issuance\s+of\s*$", re.I)
# the instrument an amount sizes, said to have been issued in a month or a year
_ISSUED_IN_AFTER = re.compile(r"[^.;$€£]{0,80}?\b(?:notes|bonds|debentures|debt)\s+(?:that\s+(?:we|it)\s+)?issued\s+in\s+"
                              r"(?:(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?P<year>(?:19|20)\d{2})\b", re.I)
_PER_UNIT = re.compile(r"^\s*(?:per|a|each)\s+(?:share|unit|note|bond|ton|barrel|hour|month|year|employee)\b|^\s*par\b", re.I)


_CENTS = re.compile(r"\.\d{2,}\)?$")  # "$45.50": dollars and cents; "$800.0" is in the filing's scale


def _filing_scale(text: str, money_by_start: dict[int, Money], factor: float, sentence_starts: list[int],
                  marks: list[tuple[int, float]] | None = None) -> dict[int, Money]:
    """A filing's prose writes dollars in its statements' scale: "Capital expenditures were $904
    in 2023" in a 10-K whose tables are "(In millions)" is $904 million. Unscaled dollar figures
    of 1 to 99,999 (to 9,999,999 in thousands; not per share or per unit, not written with cents;
    one decimal, as in "$800.0", is the scale's) take the scale the filing states most often
    (`factor`; millions when it states none), or the thousands of the statements they follow
    (`marks`: where the filing states its scales, tables.scale_marks)."""
    # ... but the notes of a filing whose MD&A is in millions follow statements "(In thousands)", and
    # their prose writes thousands: "On October 20, 2020, we issued $300,000 aggregate principal of
    # 8-year unsecured public notes" is $300 million (H.B. Fuller's 10-K)
    thousands_from = _notes_in_thousands(text, scale_marks(text) if marks is None else marks) if factor == 1e6 else []

    def scale_at(start: int) -> float:
        return 1e3 if any(a <= start < b for a, b in thousands_from) else factor

    # in thousands, "$850,000 unsecured revolving credit facility" is $850 million (Casey's)
    def limit_of(scale: float) -> int:
        return 10_000_000 if scale == 1e3 else 100_000

    # in thousands, a sentence that writes a scale word on one of its amounts writes its thousands
    # of dollars as they are: "Net cash used in 2019 was $1.1 million which consisted of $673,000
    # investment in WeGo and $474,000 in purchases of property and equipment" (Travelzoo's 10-K);
    # in millions, "Capital expenditures were $904 in 2023 and $1.1 billion in 2022" (General
    # Dynamics) is $904 million
    # ... and a sentence that writes millions of dollars in digits writes them all as they are:
    # "principal of $1,032,217 (net of debt discount of $64,570)" (Mullen's 10-Q, in whole dollars)
    dollars = [(start, m, bisect_right(sentence_starts, start) - 1, m.value if m.value is not None else m.high, _HAS_SCALE.search(m.text) is not None or m.listed_scale, scale_at(start))
               for start, m in money_by_start.items() if m.currency == "USD"]
    written = {sent for _, _, sent, _, scaled, here in dollars if scaled and here == 1e3}
    whole = {sent for _, _, sent, value, scaled, here in dollars if not scaled and (value or 0) >= max(limit_of(here), 1e6)}
    # ... and so does the rest of its paragraph when that figure is whole millions written out, as an
    # agreement writes its sizes: "... up to $25,000,000 ... The Credit Agreement continues to provide
    # for swingline loans of up to $5,000,000" (Build-A-Bear's 10-K, in thousands); "$468,237,971" of
    # loans serviced is Rocket's thousands, and the paragraph's "$383,694" with it
    whole_paragraphs = {text.rfind("\n", 0, start) for start, _, _, value, scaled, here in dollars
                        if not scaled and (value or 0) >= max(limit_of(here), 1e6) and (value or 0) % 1_000_000 == 0}
    # ... and a filing whose prose writes its tables' thousands out in dollars writes all its
    # thousands so: "a long-term loan of approximately $2,773,000" beside a table's "2,773" (Bonso's 20-F)
    in_dollars = factor == 1e3 and _prose_in_dollars(text, [(m, value) for _, m, _, value, scaled, _ in dollars if not scaled])
    out = dict(money_by_start)
    for start, m, sent, value, scaled, here in dollars:
        top = 1000 if in_dollars else limit_of(here)
        if (value is not None and 1 <= value < top and not scaled and sent not in whole
                and text.rfind("\n", 0, start) not in whole_paragraphs
                and not (value >= 1000 and sent in written)
                and not _PER_UNIT.match(text[m.end : m.end + 20]) and not _CENTS.search(m.text)):
            out[start] = replace(m, value=None if m.value is None else m.value * here,
                                 low=None if m.low is None else m.low * here, high=None if m.high is None else m.high * here)
    return out


def _notes_in_thousands(text: str, marks: list[tuple[int, float]], reach: int = 60_000) -> list[tuple[int, int]]:
    """The stretches of a filing in millions that follow its financial statements "(In thousands)":
    from each statement of thousands (and each later one) to the next other scale the filing
    states, at most `reach` characters on, merged where they overlap. A table of subscribers "(in
    thousands)" starts none, nor does a count's scale right after the dollars' ("in millions, except
    per-share amounts; shares in thousands")."""
    out: list[tuple[int, int]] = []
    statements = False
    for k, (at, multiplier) in enumerate(marks):
        if multiplier != 1e3 or (k and marks[k - 1][1] != 1e3 and at - marks[k - 1][0] <= 120) or _COUNTED_IN.search(text, max(0, at - 25), at):
            continue
        statements = statements or _STATEMENT_HEAD.search(text, max(0, at - 250), at) is not None
        if not statements:
            continue
        end = min(next((b for b, m in marks[k + 1 :] if m != 1e3), len(text)), at + reach)
        if out and at <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((at, end))
    return out


_COUNTED_IN = re.compile(r"\b(?:shares|units|subscribers|customers|members|employees|barrels|tons|tonnes|ounces|vehicles)\b[^.;|\n]{0,15}$", re.I)
_STATEMENT_HEAD = re.compile(r"\b(?:STATEMENTS?\s+OF|BALANCE\s+SHEETS?|FINANCIAL\s+STATEMENTS)\b", re.I)


_TABLE_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d{3}(?![\d,.])")


def _prose_in_dollars(text: str, bare: list[tuple[Money, float | None]]) -> bool:
    """Whether a filing in thousands writes its prose in whole dollars: its prose figures rounded
    to a thousand ("$2,773,000", "$568,000") are its tables' figures ("2,773", "568") more often
    than they are figures of its tables as written. Only figures whose thousands are not round
    vote ("$175,000" is as likely Rocket's $175 million facility as $175,000)."""
    votes = [(f"{int(v // 1000):,}", f"{int(v):,}") for m, v in bare
             if v is not None and 100_000 <= v < 10_000_000 and v % 1000 == 0 and (v // 1000) % 10 and m.text.rstrip().endswith(",000")
             and "|" not in text[text.rfind("\n", 0, m.start) + 1 : m.start]]  # prose, not a table's cell
    if not votes:
        return False
    cells = {f for line in text.splitlines() if "|" in line for f in _TABLE_FIGURE.findall(line)}
    dollars = sum(q in cells for q, _ in votes)
    thousands = sum(w in cells for _, w in votes)
    return dollars > thousands


def _note_legal_org(text: str, ctx: _Context) -> bool:
    """"GOOGLE INC." on a line of its own: who the next sentences are about (whether one was found)."""
    if not _LEGAL_HINT.search(text):
        return False
    legal = _legal_orgs(text, 0)
    if legal:
        name = legal[-1][2]
        ctx.last = ctx.companies.resolve(name, mention=True) or ctx.companies.resolve(name.title(), mention=True) or CompanyRef(name=name.title(), configured=False)
    return bool(legal)


# a sentence's subject, when it is a company: a name at its start (after a short opener: "In
# India, Tata Steel is enhancing") before a verb of a company's news or as a possessive ("Tata
# Steel's CEO"). A name we do not know must look like a company (one word, or a word companies
# are named with): "Wu Yongming has explicitly stated" is a person
_SUBJECT_START = re.compile(
    rf"[\W_]{{0,3}}(?:(?:In|At|For|Meanwhile|Separately|Also|However|Earlier|Now|Today|Last\s+\w+|On\s+\w+)\b[^,.]{{0,30}},\s+"
    r"(?:(?:on|in)\s+[^,.]{0,20},\s+)?)?"  # "Earlier, on May 7, IREN entered"
    rf"({_NAME})"
    r"(?:['’]s\b|\s+(?:is|was|has|had|will|plans?|planned|expects?|reported|posted|logged|outlined|unveiled|announced|"
    r"raised|spent|invested|operates|owns|builds|opened|began|started|became|remains|"
    r"entered|signed|secured|closed|completed|issued|priced|agreed|obtained|received|sold|borrowed|launched|struck|inked)\b"
    r"(?!\s+(?:said|told|stated|noted|argued)\b))")
_COMPANY_WORD = re.compile(
    r"\b(?:Group|Holdings?|Corp(?:oration)?|Inc|Ltd|Limited|Company|Bank|Energy|Power|Steel|Motors?|Industries|Technolog(?:y|ies)|"
    r"Systems|Capital|Partners|Airlines?|Airways|Pharma\w*|Semiconductors?|Electric|Electronics|Telecom|Communications|Networks|"
    r"Labs|Platforms|Mining|Metals|Oil|Gas|Petroleum|Resources|Financial|Insurance|Realty|Properties|REIT|Infrastructure|"
    r"Data\s+Cent(?:er|re)s?|Utilities|Ports|Logistics|Chemicals?|Foods?|Health(?:care)?|Solutions|Services|Enterprises|"
    r"Ventures|Software|Cloud|Robotics|Automotive|Aerospace|Shipping)\b")


def _sentence_subjects(text: str, starts: list[int], ends: list[int], ctx: _Context) -> dict[int, CompanyRef]:
    """The sentences (by index) whose subject is a company, with it."""
    out: dict[int, CompanyRef] = {}
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        m = _SUBJECT_START.match(text, a, b)
        if m is None:
            continue
        name = m.group(1).strip()
        words = name.split()
        if (not _name_start_ok(words) or len(name) < 2 or is_place(name) or _is_government(name) or _lone_word(name)
                or _ROLE_BEFORE.search(text[a : m.start(1)])):  # "Chief Executive Edward Liddy has": a person
            continue
        ref = ctx.companies.resolve(name, mention=True)
        if ref is None and (len(words) == 1 or _COMPANY_WORD.search(name)):
            ref = CompanyRef(name=name, configured=False)
        if ref is not None:
            out[i] = ref
    return out


_LEGAL_HINT = compile_prefixed(r"\b(?:Inc|INC|Corp|CORP|Corporation|CORPORATION|Ltd|LTD|plc|PLC|LLC)\b")


# where the words that follow an amount stop being its own: the next amount, or what it changed to
# ("from an estimated $13.5 billion to $14.5 billion this year": the year is the second figure's)
_OWN_WORDS = re.compile(r"\bto\b|[$€£¥₹]|\d+(?:\.\d+)?\s*(?:billion|million|bn|mn|crore|trillion)\b", re.I)


def _rule_verdict(
    text: str, s: int, e: int, money: Money, triggers: list[_Trigger], starts: list[int],
    prior: re.Match[str] | None, out: list[Event], doc_year: int | None,
) -> tuple[str | None, str, _Trigger | None]:
    """What the rules make of one amount: (type or None, why, the trigger). The learned decider
    reads this as evidence; without a model it is the decision."""
    if prior and (not PRIOR_ACTUAL.search(prior.group(0)) or GUIDANCE_PRIOR.search(prior.group(0))):
        return None, "prior-guidance", None
    if (DIFFERENCE.search(text[max(0, s - 40) : s]) or DIFFERENCE_AFTER.match(text[e : e + 20])
            or (_CHANGED_PLAN_BEFORE.search(text[max(0, s - 30) : s]) and _CHANGED_PLAN_AFTER.match(text[e : e + 80]))
            or (_EXTRA_BEFORE.search(text[max(0, s - 30) : s]) and _EXTRA_ON_AFTER.match(text[e : e + 80]))):
        return None, "difference", None
    found = classify_amount(text, s, e, triggers, starts)
    if found is None:
        return None, "no-trigger", None
    etype, trigger = found
    # an earlier capex figure is an actual of its own when it follows one ("spent $X in 2024, up from
    # $Y") or names its period and is named capex itself: the capex word before it or right after it
    # ("That's up from the $131.8 billion in capex in 2025"), never one far on that may be another
    # figure's ("loss from operations was $998 million ... compared with $1,116 million in the same
    # period in 2022 reflecting higher ... spending on research and development", Boeing's 10-Q)
    own_year = (trigger.end <= s or trigger.start - e <= 20) and find_period(_OWN_WORDS.split(text[e : e + 40])[0], doc_year)
    if prior and (etype != "capex" or ((not out or out[-1].status not in ("actual", None)) and not own_year)):
        return None, "prior-figure", trigger  # an earlier debt figure ("upsized from"), or a previous guidance figure
    value = money.value if money.value is not None else money.high
    if value is not None and value < MIN_AMOUNT:
        return None, "small", trigger
    if etype == "debt":
        lo = _clause_bounds(text, s, e)[0]
        raised = [m.start() for m in _AND_RAISED.finditer(text, lo, s)]
        if raised:
            lo = raised[-1]  # "we paid off ... $1.5 billion of debt and issued $500 million of senior debt"
        if (DEBT_STOCK.search(_UNLESS_EARLIER.sub("", text[lo : e + 80])) or AS_OF_START.search(text)) and not _sizes_a_facility(text, s, e):
            return None, "debt-stock", trigger
    return etype, "prior" if prior else "rule", trigger


def _rule_statuses(text: str, s: int, e: int, clause: tuple[int, int]) -> dict[str, str | None]:
    """What the rules' status cues say near an amount, for either type (the decider weighs them)."""
    local = text[max(clause[0], s - 80) : min(clause[1], e + 60)]
    return {"capex": _first_match(STATUS_CAPEX, local), "debt": _first_match(STATUS_DEBT, local)}


def _status_cues(text: str, s: int, e: int, clause: tuple[int, int]) -> list[tuple[str, str, str, int]]:
    """Every status cue of the amount's clause, for either type, with its word and where it stands
    (negative: before the amount): the first cue in the rules' order hides the others ("issued a
    press release announcing its intention to offer" is an intention, not an issue)."""
    lo, hi = max(clause[0], s - 120), min(clause[1], e + 80)
    out = []
    for etype, rules in (("capex", STATUS_CAPEX), ("debt", STATUS_DEBT)):
        for label, rx in rules:
            for m in rx.finditer(text, lo, hi):
                where = m.start() - s if m.end() <= s else (m.start() - e if m.start() >= e else 0)
                out.append((etype, label, m.group(0).lower(), where))
    return out


def _nearest_trigger(triggers: list[_Trigger], s: int, e: int) -> _Trigger | None:
    """The capex or debt trigger nearest the amount anywhere in the sentence."""
    best: tuple[int, _Trigger] | None = None
    for t in triggers:
        if t.kind == "neg":
            continue
        d = s - t.end if t.end <= s else (t.start - e if t.start >= e else 0)
        if best is None or d < best[0]:
            best = (d, t)
    return best[1] if best else None


# Amounts the guideline says are never events (docs/labelling.md, sections 3 and 6), read from
# the words that govern them: authorisations ("authorized to issue up to $5.0 billion of
# commercial paper"), capacity left ("$4.0 billion available under a line of credit", "$4.2
# billion in unused backup lines", "$15 billion of borrowing capacity") and repayments
# ("payments of $2,188 million related to commercial paper", "the $800.0 Term Loan prepayment"),
# what a new facility replaced, interest payable, issuance costs and discounts.
_NOT_A_RAISE_BEFORE = re.compile(
    # (a board's authorisation; what a company "is authorized to borrow" under its programme is a
    # standing one: _STANDING)
    r"(?:(?<!\bis\s)(?<!\bare\s)\bauthori[sz]ed\s+(?:(?:to|the|company|us|it|issue|borrow|utilize|use|sell|incur|raise|\w+ing)\s+){0,3}(?:up\s+to\s+)?|"
    r"\b(?:re)?payments?\s+of\s+(?:debt\s+of\s+)?|\bprepa(?:y|id|ying)\s+(?:the\s+)?|\brepaid\s+(?:the\s+)?|"
    r"\bsettled\s+(?:in\s+cash\s+)?|"  # "settled in cash $1.6 billion of our senior notes that matured in May 2022" (Intel)
    # the debt repaid named between: "repayments of asset-backed long-term borrowings of $2.4 billion" (Verizon's 10-Q)
    r"\brepayments?\s+(?:and\s+(?:repurchases|redemptions|retirements)\s+)?of\s+(?:(?!proceeds\b)[\w-]+\s+){1,6}?of\s+(?:approximately\s+|about\s+)?|"
    r"\bunused\s+|\breclassifi\w*\s+(?:\w+\s+){0,3}|"
    # capacity named before its amount: "The Corporation had undrawn short-term committed lines of
    # credit of $0.5 billion" (Exxon Mobil's 10-Q)
    r"\b(?:unused|undrawn|unutilized|untapped|available)\s+(?:[\w-]+\s+){0,3}(?:lines?\s+of\s+credit|credit\s+lines?|"
    r"(?:credit\s+)?facilit(?:y|ies)|borrowing\s+capacity)\s+(?:of|totall?ing|amounting\s+to)\s+(?:approximately\s+|about\s+)?|"
    # what was paid for businesses bought, never capex: "cash paid for acquisitions, net of cash
    # acquired, of $315 million" (not "payments for acquisition of property")
    r"\b(?:cash\s+)?(?:paid|payments?)\s+for\s+(?:business\s+acquisitions?|acquisitions(?!\s+of\s+(?:property|plant|equipment)))"
    r"(?:\s*,\s*net\s+of\s+cash\s+acquired\s*,)?\s+(?:of\s+)?|"
    # what a raise cost: "paid upfront issuance fees of $2.6 million", "issuance costs of $11.0 million"
    r"\b(?:issuance|arrangement|upfront|commitment|origination|financing|underwriting)\s+(?:costs?|fees?|discounts?)\s+"
    r"(?:of|totall?(?:ed|ing)|were|was|amounted\s+to)\s+(?:approximately\s+|about\s+)?|"
    r"\b(?:exceed(?:ed|s|ing)?|short\s+of|below|above)\s+(?:[\w-]+\s+){1,4}by\s+(?:about\s+|approximately\s+|roughly\s+)?|"  # "exceeded capital expenditures by $3.1 billion"
    r"\bpa(?:y|ys|id|ying)\s+back\s+(?:an?\s+|the\s+|its\s+)?|"
    # a loss, a charge or a write-down: "a fourth quarter net loss of $1.19 billion", "would write down
    # 500 million pounds", "writing off $1.56 billion of debt"
    r"\b(?:write|writes|wrote|writing|written)\s+(?:off|down)\s+(?:of\s+)?|"
    r"\b(?:write-?downs?|write-?offs?|impairments?|impairment\s+charges?|charges?|loss|losses)\s+(?:of|totall?ing|amounting\s+to)\s+"
    r"(?:about\s+|approximately\s+|some\s+|nearly\s+)?|"
    r"\b(?:termination|cancell?ation|replacement)\s+of\s+(?:the\s+|its\s+|our\s+|an?\s+)?|"  # "The termination of the $200.0 million in loan facilities"
    r"\bterminat(?:e|es|ed|ing)\s+(?:its\s+|their\s+)?|"  # a headline's "Airbnb to terminate $1 billion credit facility"
    # ... or the facility named before its size: "The Company early terminated the additional 364-day
    # revolving Credit Facility of $10 billion" (Johnson & Johnson's 10-Q for Q3 2023)
    r"\b(?:terminat|cancel)\w*\s+(?:(?!with\b|new\b|by\b|entered\b|into\b|obtained\b|secured\b)[\w-]+\s+){0,8}?"
    r"(?:facility|facilities|agreement|line)\s+of\s+|"
    r"\b(?:replac|terminat|cancel)(?:e|ed|ing|es|led|s)?\s*(?:,[^,]{0,60},\s*)?(?:the|its|our|an?)\s+(?:\w+['’]s\s+)?"
    r"(?:aggregate\s+)?(?:existing\s+|prior\s+|previous\s+)?(?:amended\s+and\s+restated\s+)?(?:(?:[\w-]+-year|\d{2,3}-day)\s+)?"
    r"(?:(?:unsecured|secured|senior|revolving|committed)\s+){0,2}"
    # "replaced our $2.0 billion and $1.0 billion credit facilities", "replaced the amended and
    # restated $3.0 billion, five-year revolving credit agreement and the $1.25 billion 364-day
    # credit facility" (3M's 10-K for 2023)
    r"(?:\$\s?[\d.,]+\s*(?:million|billion)?(?:,?\s+(?!with\b|by\b)[\w-]+){0,5}?\s+and\s+(?:the\s+)?)?)$", re.I)
_NOT_A_RAISE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:borrowing\s+capacity|(?:(?:was|were|is|are|remains?|remained)\s+)?available\s+(?:under|for\s+(?:borrowing|future))|"
    # "the $120 million remaining Tier 2 capital credit for the $600 million subordinated debt" (American Express)
    r"(?:remaining\s+)?tier\s+(?:1|2|one|two|I|II)\s+capital\s+credit\b|"
    # "the entire $1.5 billion credit line remains available for borrowing" (Adobe's 10-Q)
    r"(?:[\w-]+\s+){0,3}?(?:credit\s+lines?|lines?\s+of\s+credit|facilit(?:y|ies)|revolver)\s+(?:remains?|remained|is|was)\s+"
    r"(?:fully\s+|entirely\s+)?(?:available|undrawn|unused|unutilized)\b|"
    # "The remaining $80 million capacity on the Revolving Credit Facility" (Nexxen's 20-F)
    r"(?:remaining\s+|unused\s+|undrawn\s+)?capacity\s+(?:on|under|of|in)\b|"
    # an emerging growth company's threshold: "if we issue more than $1.0 billion in non-convertible
    # debt securities during any three-year period"
    r"(?:of|in)\s+non-convertible\s+debt(?:\s+securities)?\s+(?:during|over|in|within)\s+(?:any|a|the)\b|"
    # what a company put into its joint ventures is not capex: "$11.5 million for contributions to
    # unconsolidated joint ventures" (KB Home's 10-K)
    r"(?:for|in)\s+(?:capital\s+)?(?:contributions?|investments?)\s+(?:to|in)\s+(?:our\s+|its\s+)?(?:unconsolidated\s+)?(?:joint\s+ventures?|affiliates|equity[- ]method)|"
    # "$15.0 billion of various undrawn committed lines of credit": capacity, not a facility entered
    r"(?:(?:in|of)\s+)?(?:various\s+|additional\s+|committed\s+)?(?:unused|undrawn|unutilized|untapped)\b|"
    # "$4,591 million of payments related to commercial paper", "makes Rs 962 cr payment towards non-convertible debentures"
    r"(?:in\s+)?(?:(?:interest|coupon|principal)\s+)?(?:re)?payments?\s+(?:related\s+to|of|on|for|towards?|to)\b|"
    r"(?:as|in|towards?)\s+interest\s+(?:on|payments?)\b|"  # "pays Rs 95 cr as interest on Basel-III bonds"
    r"used\s+(?:for|in)\s+(?:other\s+)?financing\s+activities\b|"  # cash that went out (Verizon's 10-K)
    r"(?:year[- ]over[- ]year|year[- ]on[- ]year|yoy)\s+(?:increase|decrease|decline|rise|reduction|drop)\b|"  # "a $16.1 million year-over-year decrease in"
    # a loss, a gain or a charge named after its amount: "$8.4 million of foreign currency transaction
    # losses" (AMC's 10-Q), "$0.7 million of losses related to an amendment to the Senior Credit Facility"
    r"of\s+(?:[\w-]+\s+){0,3}?(?:losses|gains|loss|gain|charges?|write-?offs?|impairments?)\b|"
    # a balance beside its interest rate, in a schedule of what was outstanding ("Bank Borrowings $
    # 887 5.6% $ 1,004 $ 903 7.1%", "1993--Commercial Paper $1,376,197 3.36% $1,983,147")
    r"\d{1,2}(?:\.\d{1,3})?\s?%\s+\$\s?\d|"
    r"(?:[\w-]+\s+){0,4}(?:that|which)\s+(?:were|was|are|is|have\s+been|has\s+been)\s+reclassified\b|"
    # a facility replaced or ended, said in the passive: "the $2.5 billion revolving credit facility was
    # replaced by a new $2.75 billion revolving credit facility" (Flex's 10-Q)
    r"(?:[\w-]+\s+){0,4}?(?:facilit(?:y|ies)|agreements?|loans?|notes|lines?\s+of\s+credit)\s+(?:was|were|has\s+been|have\s+been)\s+"
    r"(?:replaced|terminated|repaid|refinanced|redeemed|retired|cancell?ed|extinguished)\b|"
    r"(?:[\w-]+\s+){0,3}(?:re|pre)payment\b|payable\b|(?:of|in)\s+(?:(?:capitalized|unamortized|deferred|debt|upfront)\s+){0,3}(?:issuance|financing)\s+(?:costs|fees)|of\s+(?:offering\s+)?discounts?\b|"
    # what is left to draw, and letters of credit written under a facility: "along with the $400
    # million in available borrowings under our ... facility", "$52.2 million in letters of credit issued"
    r"(?:in|of)\s+(?:additional\s+)?available\s+(?:borrowings?|borrowing\s+capacity|credit|liquidity)\b|"
    r"(?:in|of)\s+(?:outstanding\s+|undrawn\s+|standby\s+)?letters?\s+of\s+credit\b|"
    r"(?:standby\s+|irrevocable\s+)?letters?\s+of\s+credit\b|"  # "We also have a $6.9 million letter of credit which has been issued" (Apogee)
    # an equity raise: "to raise Rs 270 crore via share sale to LIC"
    r"(?:via|through|by\s+way\s+of|in)\s+(?:an?\s+|its\s+)?(?:share\s+sale|qip\b|qualified\s+institutional\s+placement|rights\s+(?:issue|offering)|"
    r"ipo\b|initial\s+public\s+offering|preferential\s+(?:issue|allotment)|equity\b|stake\s+sale|share\s+(?:issue|offering)|follow-on)|"
    # "received $2.7 billion in proceeds from the issuance of preferred units in VillageMD" (Walgreens)
    r"(?:in\s+)?(?:net\s+)?proceeds\s+from\s+(?:the\s+)?(?:issuance|issue|sale|offering)\s+of\s+(?:[\w-]+\s+){0,2}?"
    r"(?:preferred|common|ordinary)\s+(?:units|stock|shares|equity)\b)",
    re.I)
# "extinguished prior to maturity U.S. dollar term loans with a total principal amount of $121
# million", "the repayment of the Company's term loan facility of $50,000": a repayment further
# back, with no raise between it and the amount, nor the "offset by" of an inflow ("$2.5 billion
# of repayments of long-term debt ..., partially offset by $6.9 billion of net proceeds")
_RETIRED_BEFORE = re.compile(
    r"\b(?:extinguish\w*|redeem(?!able)\w*|redemptions?|retired|repurchased|(?:bought|buys?|buying)\s+back|purchased\s+(?:an?\s+)?(?:aggregate\s+)?principal\s+amount|purchase\s+from|(?:re|pre)payments?|principal\s+payments?\s+(?:under|on)\s+(?:the\s+|our\s+|its\s+)?(?:credit|loan|term|revolv)\w*|paid\s+(?:off|down)|pay-?offs?)\b(?:(?!issu|borrow|rais|enter|obtain|(?<!un)secur|sold|priced|offset|(?<!(?-i:[A-Z]))\.\s)[^;]){0,110}$",
    re.I)


# ... and further back in the clause: a repricing ("repriced our $2.3 billion term loan"), what is
# left to draw ("Total combined availability under the ... Agreement was $4.0 billion"), what a
# facility may grow to ("can be increased ... to an aggregate amount not to exceed $4.5 billion"),
# conversions of notes issued long ago, loans a bank originated (its lending book)
_NOT_A_RAISE_CLAUSE = re.compile(
    r"(?:\brepric(?:ed|ing|es)\s+(?:the\s+|its\s+|our\s+|an?\s+)?(?:existing\s+)?|"
    r"\bavailab(?:le|ility)\b[^.;]{0,120}\b(?:was|were|is|are|of|totall?(?:ed|ing))\s+(?:approximately\s+|about\s+)?|"
    r"\b(?:can|could|may)\s+be\s+(?:increased|expanded|upsized)\b[^.;]{0,110}|"
    # what an interest rate swap converts or fixes, what a hedge is designated on, what a loan was
    # amortized down to: "interest rate swap agreements for the purpose of obtaining a fixed
    # interest rate on $800.0 million of the $2,150.0 million Term Loan B" (H.B. Fuller's 10-K; not
    # the loan itself, after another amount)
    r"\bswaps?\b[^.;$]{0,60}?\b(?:convert|obtain\w*\s+a\s+fixed|fix)\w*\b[^.;$]{0,60}$|\bdesignated\s+(?:as\s+(?:an?\s+)?(?:net\s+investment\s+|cash\s+flow\s+|fair\s+value\s+)?hedg|forecasted\b)[^.;$]{0,120}$|\bamortized\s+down\s+to\s+$|"
    # what an issue cost, listed: "with a net original issuance discount and deferred financing
    # costs in aggregate of $13 and $19, respectively" (Sirius XM's 10-K)
    r"\b(?:issuance\s+discounts?|financing\s+costs?|issuance\s+costs?|debt\s+discounts?)\b[^.;$]{0,30}?(?:\bin\s+(?:the\s+)?aggregate\s+)?\bof\s+"
    r"(?:\$\s?[\d.,]+\s*(?:million|billion)?\s*(?:,\s*|\s+and\s+))*$|"
    # notes or a loan described by their principal, not raised: "The 10-year Public Notes have a
    # principal amount of $300.0 million, bear fixed interest at 4.00 percent and mature in 2027",
    # "The Term Loan B has a principal amount of $1,001.2 million" (H.B. Fuller's 10-K; not "a new
    # credit facility that has an aggregate principal amount of $500 million")
    r"\b(?:the|our|its)\s+(?:(?!new\b|issu|enter|pric|which\b|that\b)[\w.%-]+\s+){0,6}?(?:notes|debentures|bonds|loan(?:\s+(?-i:[A-Z])\b)?)\s+"
    r"(?:has|have)\s+(?:an?\s+)?(?:aggregate\s+|original\s+|total\s+)?principal\s+amounts?\s+(?:outstanding\s+)?of\s+(?:approximately\s+)?$|"
    # a repayment named before its amount: "the repayment of borrowings under our Credit Facility of
    # $653" (Sirius XM's 10-K)
    r"\brepayments?\s+of\s+(?:the\s+)?borrowings\s+(?:under|on|from)\b[^.;$]{0,80}?\bof\s+$|"
    # the notes that fall due next: "Our next senior note maturity is our $350.0 million" (KB Home's 10-K)
    r"\bmaturit(?:y|ies)\s+(?:is|are|will\s+be|was|were)\s+(?:our\s+|the\s+|its\s+)?(?:approximately\s+)?$|"
    # what letters of credit a facility may issue: "increased the limit of letters of credit we
    # may issue from $50.0 million to $75.0 million" (KB Home's 10-K)
    r"\bletters?\s+of\s+credit\b[^.;$]{0,60}?\b(?:from\s+\$\s?[\d.,]+\s*(?:million|billion)?\s+)?to\s+$|"
    # a repayment schedule: "The first eight payments are in the principal amount of $1,718,750
    # each" (Progress Software's 10-K)
    r"\b(?:payments?|instal(?:l)?ments?)\s+(?:are|is|will\s+be|shall\s+be)\s+(?:in\s+)?(?:the\s+|an?\s+)?(?:principal\s+)?amounts?\s+of\s+(?:approximately\s+)?|"
    # notes turned into shares: "the Second Convertible Notes Conversion for an aggregate principal
    # amount of $24.0 million", "the Note Conversion Amendment provided that ... $23.1 million"
    r"\bconversion\s+notices?\b[^.;]{0,110}|\b(?:notes?|debentures?|debt)\s+conversions?\b[^.;]{0,110}|\boriginat(?:ed|es|ing)\s+(?:about\s+|approximately\s+)?|"
    # a change, not a level ("an increase of $3.7 billion in capital expenditures"; the investing
    # total is _INVESTING_TOTAL_BEFORE's)
    r"\b(?:an?\s+)?(?:increase|decrease|rise|decline|reduction|drop)\s+of\s+(?:about\s+|approximately\s+|roughly\s+)?|"
    r"\b(?:an?\s+)?(?:increase|decrease|rise|decline|reduction|drop)\s+in\s+(?:[\w,-]+\s+){1,6}?of\s+(?:about\s+|approximately\s+|roughly\s+)?|"
    # "the ability to increase its borrowing capacity by an additional $1.0 billion", "with the option to increase borrowings up to $3 billion"
    r"\b(?:ability|option|right)\s+to\s+(?:increase|expand|upsize|arrange|add|request)\b[^.;]{0,110}|"
    # "contractual debt maturities are $266 million, $72 million and $131 million in 2016, 2017 and 2018"
    r"\b(?:contractual|scheduled|future|annual|aggregate|debt)\s+(?:(?:debt|principal)\s+)?maturities\b[^.;$]{0,40}?"
    r"\b(?:are|were|total\w*|includ\w*|amount\w*\s+to)\s+(?:approximately\s+|about\s+)?"
    + _AMOUNT_LIST + r"|"
    # capacity, not a raise: "conditions that would allow us to borrow up to $470 million", "Borrowing
    # capacity fluctuates ... and may be less than $600,000,000"
    # (not the size of the agreement a sentence enters: "we entered into a Revolving Credit
    # Agreement ..., which allows us to borrow up to $100.0 million", Sonos)
    r"\b(?<!\bwhich\s)(?<!\bthat\s)(?:allow|permit|enable)s?\s+(?:us|the\s+company|it|the\s+borrowers?)\s+to\s+borrow\s+(?:up\s+to\s+)?|"
    r"\bborrowing\s+capacity\s+(?:fluctuates|varies|may|could|can)\b[^.;]{0,120})$", re.I)
# a covenant's limit, however long its sentence: "a credit facility limitation that provides total
# investments, loans, advances or guarantees not otherwise permitted in the credit agreement for all
# subsidiaries shall not exceed $125.0 million" (H.B. Fuller's 10-K)
_COVENANT_LIMIT_BEFORE = re.compile(
    r"\b(?:limitations?|restrict(?:s|ing|ions?)|covenants?)\b[^.;$]{0,220}?\b(?:(?:shall|may|will|must|can)\s*not\s+exceed|"
    r"not\s+to\s+exceed|in\s+excess\s+of)\s+(?:approximately\s+)?$", re.I)
_LIMIT_WORDS = re.compile(r"(?:in\s+excess\s+of|not\s+to\s+exceed)\s+", re.I)  # an amount's own words may hold them
# what a person guarantees of the company's debt: "Mr. Maple and Mr. Leslie were also guarantors of
# the Company's $3.0 million line of credit, each in the amount of $1.2 million" (Lodging Fund REIT
# III's 10-K)
_GUARANTORS_BEFORE = re.compile(r"\bguarantors?\s+of\b(?:[^.;]|\.(?=\d)){0,160}?\b(?:each\s+)?in\s+the\s+amount\s+of\s+$", re.I)
# what notes outstanding cost: "Interest expense includes both stated interest and the amortization
# of debt discount and issuance costs associated with the $400.0 million aggregate principal amount
# of our Convertible Senior Notes" (Guidewire's 10-K); but not what was just raised: "the interest
# expense associated with the $3.3 billion in recently issued senior notes" (Cencora's call)
_INTEREST_ON_BEFORE = re.compile(r"\binterest\s+expense\b[^.;$]{0,160}?\b(?:associated\s+with|related\s+to|attributable\s+to)\s+(?:the\s+|our\s+)?$", re.I)
_NEWLY_ISSUED_AFTER = re.compile(r"^[^.;$]{0,30}?\b(?:recently|newly)\s+(?:issued|borrowed|raised)\b|^[^.;$]{0,12}?\bnew\b", re.I)
# one net figure for notes, warrants and hedges together: "net proceeds of $1.8 billion from the
# issuance of our 2025 Notes, issuance of warrants, and purchase of note hedges" (Palo Alto
# Networks' 10-K; the notes' principal is stated elsewhere)
_WITH_WARRANTS_AFTER = re.compile(
    r"^\s*(?:in\s+)?(?:net\s+)?(?:proceeds\s+)?from\s+(?:the\s+)?(?:issuance|sale)\s+of\s+[^.;$]{0,60}?(?:,|\band\b)\s*"
    r"(?:the\s+)?(?:issuance|sale)\s+of\s+(?:[\w-]+\s+){0,2}?warrants\b", re.I)
# a total of which capex is only a part: "Expenditures to comply with environmental regulations ...
# are estimated to be approximately $24.2 million, including approximately $3.7 million of capital
# expenditures", "Total expenditures for Project ONE are estimated to be $170 to $185 million, of
# which 55-60% is expected to be capital expenditures" (H.B. Fuller's 10-K)
_CAPEX_PART_AFTER = re.compile(
    r"^\s*,?\s*(?:including|of\s+which)\s+(?:approximately\s+|about\s+)?(?:\$\s?[\d.,]+\s*(?:million|billion)?|"
    r"[\d.]+\s*(?:(?:-|–|to)\s*[\d.]+\s*)?(?:%|percent))\s+(?:(?:is|are|was|were|will\s+be)\s+)?"
    r"(?:(?:expected|estimated|anticipated)\s+to\s+be\s+)?(?:of\s+|for\s+|in\s+)?capital\s+(?:expenditures?|spending)\b", re.I)
# a company's purchase of its own notes is a repayment: "our purchase, pursuant to a tender offer
# that expired on June 8, 2021, of $269.8 million in aggregate principal amount of our 7.00% Senior
# Notes due 2021" (KB Home's 10-K)
_PURCHASE_BEFORE = re.compile(r"\b(?:our|its|the\s+company['’]s)\s+(?:re)?purchases?\b[^.;$]{0,100}?\bof\s+$", re.I)
_OWN_NOTES_AFTER = re.compile(r"[^.;$]{0,50}?\bof\s+(?:our|its|the\s+company['’]s)\s+(?:[^.;$]|\.(?=\d)){0,40}?\b(?:notes|debentures|bonds)\b", re.I)
# what the company may add to a facility, however long the sentence, and by name: "Concentrix may
# request, subject to obtaining commitments from any participating lenders and certain other
# conditions, incremental commitments to increase the amount of the revolving credit facility or
# the term loan in an aggregate principal amount equal to $450,000" (Concentrix's 10-K)
_MAY_ADD_BEFORE = re.compile(r"\b(?:we|it|the\s+company|the\s+borrowers?|(?-i:[A-Z][\w&-]+))\s+(?:may|can|could)(?:\s*,?\s*from\s+time\s+to\s+time\s*,?)?"
                             r"\s+(?:increase|add|expand|upsize|request)\b[^.;]{0,280}$|"
                             # "whereby Cruise can borrow, over time, up to an additional aggregate of $4.4 billion" (GM's 10-K)
                             r"\b(?:may|can|could)\s+borrow\b[^.;$]{0,60}?\bup\s+to\s+an\s+additional\s+(?:aggregate\s+(?:amount\s+)?(?:of\s+)?)?$", re.I)
# what an accordion may add: "an accordion feature pursuant to which the Company is permitted to add
# one or more incremental term loans ... in an aggregate amount of $100 million" (Benchmark's 10-K)
_ACCORDION_BEFORE = re.compile(r"\baccordion\b[^.;]{0,220}$|"
                               # "the ABL Revolver may be increased in increments of $10.0 million up to an
                               # aggregate of $50.0 million" (DXP's 10-Q): an option to add commitments
                               r"\bmay\s+(?:be\s+increased|increase)\b(?:[^.;]|\.(?=\d)){0,120}?\bup\s+to\s+(?:an?\s+(?:aggregate|additional|total)\s+(?:amount\s+)?of\s+)?$", re.I)
# investments by their class ("Included $3,873 million of U.S. corporate debt securities, $1,491 million
# of Mortgage and asset-backed debt securities", GE's 10-K): securities held, never the company's debt
_HELD_SECURITIES_AFTER = re.compile(
    r"^\s*(?:of|in)\s+(?:(?:U\.?S\.?|non-U\.?S\.?|foreign|domestic)\s+)?(?:(?:corporate|government|agency|municipal|sovereign|"
    r"treasury|mortgage|residential|commercial|asset|mortgage[- ]and\s+asset)[- ](?:backed\s+)?)+(?:and\s+[\w-]+\s+)?debt\s+securities\b", re.I)
# what borrowings will cost ("The total interest payments on consolidated borrowings are estimated to
# be $823 million, $774 million ...", GE's 10-K) and a loan turned into equity ("converted the
# entirety of its $1,599 million parent company loan to equity"): no raises
_INTEREST_PAYMENTS_BEFORE = re.compile(r"\binterest\s+payments?\b[^.;]{0,80}?\b(?:be|are|were|was|of|totall?ed|totaling)\s+(?:approximately\s+|about\s+)?"
                                       r"(?:[$€£]?\s?[\d.,]++\s*+(?:million|billion)?\s*+,?\s*+(?:and\s+)?)*+$", re.I)  # possessive: no backtracking
_CONVERTED_TO_EQUITY = re.compile(r"\bconvert(?:ed|s|ing)?\s+(?:(?:the|its|their|all|entirety|of)\s+){0,4}$", re.I)
_TO_EQUITY_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:loans?|notes?|debt|debentures?)\s+(?:in)?to\s+(?:common\s+)?(?:equity|shares|stock)\b", re.I)
# credit a company provides to another ("the Company provided VillageMD senior secured credit
# facilities ... in the aggregate amount of $2.25 billion, consisting of (i) a senior secured term loan
# facility in an aggregate original principal amount of $1.75 billion ...; and (ii) a senior secured
# revolving credit facility ... of $500 million", Walgreens' 10-K), a guarantee of another's debt ("provides a
# full and unconditional guarantee of $138 million principal amount of subordinated debt issued by
# Comcast Holdings"), what notes trade at and notes bought back ("the $100 million aggregate principal
# amount of Second Lien Notes due 2026 repurchased from Antara"): no raises
_PROVIDED_TO_BEFORE = re.compile(
    r"\b(?:we|the\s+company)\s+(?:also\s+)?(?:provided|extended|made|granted|agreed\s+to\s+provide)\s+(?:to\s+)?(?-i:[A-Z])[\w&.'’-]*"
    r"(?:\s+(?-i:[A-Z])[\w&.'’-]*){0,3}\s+(?:with\s+)?(?:an?\s+)?(?:senior\s+)?(?:secured\s+|unsecured\s+)?"
    r"(?:credit\s+facilit(?:y|ies)|loans?|term\s+loans?|financing)\b(?:[^.;]|\.(?=\d)|;\s+(?:and\s+)?\((?:ii|iii|iv|b|c|d|2|3|4)\)){0,420}$", re.I)
# "provided a guarantee amount of RMB10,000,000 for a one-year loan" (DDC's 20-F): the guarantee, not the loan
_GUARANTEE_OF_BEFORE = re.compile(r"\bguarantee\s+(?:(?:in\s+the\s+)?amount\s+)?of\s+(?:up\s+to\s+|approximately\s+)?$", re.I)
_TRADING_PRICES_BEFORE = re.compile(r"\b(?:trading|market)\s+prices?\s+of\s+(?:the\s+|our\s+)?$", re.I)
_REPURCHASED_AFTER = re.compile(
    r"^\s*(?:aggregate\s+)?(?:principal\s+amount\s+)?(?:of\s+)?(?:(?:the|our|its)\s+)?(?:[\w%.’'-]+\s+){0,6}?(?:notes?|debentures?|bonds?)"
    r"(?:\s+due\s+(?:19|20)\d{2})?\s+(?:that\s+(?:were|was)\s+|which\s+(?:were|was)\s+)?(?:repurchased|redeemed|retired|extinguished|exchanged)\b", re.I)
_FEE_CREDIT_AFTER = re.compile(r"^\s*credit\s+for\s+(?:certain\s+)?(?:fees|costs|expenses)\b", re.I)
# the notes a filer lists for Regulation S-X's summarized information of co-issuers and guarantors
# ("The following information is provided in compliance with Rule 13-01 of Regulation S-X ... with
# respect to the following ... senior notes", Johnson Controls' 10-K): notes outstanding, no raise
_REG_SX_LIST_BEFORE = re.compile(r"\b(?:Rule\s+13-0[12]|Rule\s+3-10)\s+of\s+Regulation\s+S-X\b[^\n]*\n?[^\n]*$", re.I)
# "with an additional $150 million accordion", "an additional $200.0 million uncommitted incremental
# accordion facility" (AZZ's 10-K): what an accordion may add, named after the amount
_ACCORDION_AFTER = re.compile(r"\s*(?:(?:uncommitted|committed|incremental|additional|expansion|optional)\s+){0,3}[\"“'‘]?accordion\b", re.I)  # “accordion” (Citi Trends)
# an option to add loans, not a loan: "an unsecured uncommitted incremental revolving loan facility of up
# to $150.0 million" (Synopsys), "the option for additional incremental term loans of up to $5.0
# million" (TSS)
_INCREMENTAL_BEFORE = re.compile(r"\bincremental\b[^.;$€£]{0,60}?\bup\s+to\s+(?:an?\s+(?:aggregate|additional|total)\s+(?:amount\s+)?of\s+)?$", re.I)
_UP_TO = re.compile(r"up\s*to\b", re.I)
# a facility that ended: "The Company's $2.0 billion revolving credit agreement scheduled to expire
# in September 2023 was terminated in August 2023" (RTX's 10-K); not "..., which replaced the one
# that was terminated"
_TERMINATED_AFTER = re.compile(r"^(?:(?!\b(?:which|that|replac\w*|and|while)\b)[^.;]){0,120}?\b(?:was|were|has\s+been|had\s+been)\s+"
                               r"(?:terminated|cancell?ed)\b", re.I)
# loans the company makes to its own people: "entered into multiple loan agreements with the Wider
# Group Employees and provided (a) interest free 12-month loans in an aggregate amount of EUR
# 38,257,000 ... to the RSP participants" (Arrival's 20-F)
_STAFF_LOANS = re.compile(r"\bloans?\b(?:\s+agreements?)?\s+(?:to|with)\s+(?:the\s+|our\s+|its\s+|certain\s+|key\s+)?"
                          r"(?-i:[A-Z][\w&-]*\s+){0,3}(?:employees|participants|officers|directors)\b", re.I)
# a part of an amount just named: "we borrowed $8.7 million, with $5.0 million of that amount deposited
# in a ... cash collateral account" (TSS)
_PART_OF_THAT_AFTER = re.compile(r"^\s*(?:million|billion)?\s*of\s+(?:that|this|such)\s+(?:amount|sum|total)\b", re.I)
# a share of capex someone else paid for: "Capital expenditures were $244.5 million, $196.4 million of
# which were funded by CoreWeave, Inc." (Core Scientific's release)
_FUNDED_BY_OTHERS_AFTER = re.compile(r"^\s*(?:million|billion)?\s*of\s+which\s+(?:were|was|is|are|will\s+be)\s+(?:funded|paid|reimbursed|financed)\s+by\b", re.I)
# The investing total, never capex: "Net cash used in investing activities was $17.7 billion",
# "Cash used in investing activities was $357 million ..., which consisted of purchases of
# marketable securities" (DoorDash). Not what it consisted of ("Cash used in investing activities
# during 2023 mostly consisted of $27.05 billion of net purchases of property and equipment"), nor a
# total the filing says was all capex ("cash used in investing activities of approximately $48,000
# resulted from purchases of property and equipment").
_INVESTING_TOTAL_BEFORE = re.compile(
    r"\b(?:net\s+)?cash\s+(?:used\s+(?:in|for)|provided\s+by|from)\s+investing\s+activities\b"
    r"(?:(?!consist|includ|compris|primarily|mostly|mainly|largely|related|reflect)[^.;$]){0,40}" + _AMOUNT_LIST + r"$", re.I)
# A balance: "The Company has $695.8 million in aggregate principal amount of 0% convertible senior
# notes due in 2026 ..., outstanding as of December 31, 2021" (Dropbox's 10-K)
_HOLDS_BEFORE = re.compile(r"\b(?:we|the\s+company|it)\s+(?:has|had|have)\s+(?:approximately\s+|about\s+)?$", re.I)
# "The Company has $0.6 million long-term debt and finance leases" (Innospec's 10-K): what it owes
_DEBT_STOCK_AFTER = re.compile(r"^\s*(?:of\s+)?(?:total\s+)?(?:long[- ]term\s+|short[- ]term\s+)?(?:debt|borrowings|indebtedness)\b", re.I)
# securities the company holds: "we held $9.0 million of fixed-rate bonds whose fair values may be
# directly affected by a change in interest rates" (ADTRAN's 10-Q): an investment, not a raise
_HELD_BEFORE = re.compile(r"\b(?:we|the\s+company|it)\s+(?:also\s+)?(?:held|holds?)\s+(?:approximately\s+|about\s+)?$", re.I)
# what anyone holds of a debt is a holding, not a raise: "creditors holding about 4.2 billion pounds of
# debt", "The trader already holds $154 million of the notes", "Investors held about $30 billion in
# unsecured debt"
_HOLDER_BEFORE = re.compile(r"\b(?:holds?|holding|held)\s+(?:a\s+(?:net\s+)?total\s+of\s+)?$", re.I)
_OF_IN_AFTER = re.compile(r"^\s*(?:worth\s+)?(?:of|in)\s+", re.I)
_OUTSTANDING_AFTER = re.compile(r"^(?:[^.;]|\.(?=\d)){0,380}?\boutstanding\b", re.I)
_ALL_CAPEX_AFTER = re.compile(
    r"^[^.;]{0,30}?\b(?:result\w*|consist\w*|due|attributable)\s+(?:\w+\s+){0,2}(?:to|from|of)\s+(?:the\s+)?"
    r"(?:purchases?|acquisitions?|additions?)\s+(?:of|to)\s+(?:property|plant|equipment|fixed\s+assets)|"
    # "Net cash used in investing activities in 2022 was $709 thousand of cash paid for purchase of
    # property and equipment" (GigaCloud's 10-K)
    r"^\s*of\s+cash\s+paid\s+for\s+(?:the\s+)?purchases?\s+of\s+(?:property|plant|equipment|fixed\s+assets)", re.I)
# a change, not a level: "up approximately $30 billion year-over-year", "down $1.4 billion from
# last year" (never "up to"); and a part of a total given before it: "Total capital expenditures
# were $219 million, of which $173 million was growth"
_UP_BY_BEFORE = re.compile(r"(?:^|[,(–—]\s*|\b(?:was|were|is|are|be|been|and|or|but|capex|spending|expenditures?)\s+)(?:up|down)\s+(?:by\s+)?(?:about\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|over\s+)?$", re.I)
_OF_WHICH_BEFORE = re.compile(r"\bof\s+which\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|some\s+)?$", re.I)
# "of which approximately $2 billion is expected to come from Tesla": the company's own share
_COMES_FROM_AFTER = re.compile(r"^[^.;$]{0,30}?\b(?:come|coming|be\s+funded|be\s+provided|be\s+contributed)\s+(?:from|by)\b", re.I)
# letters of credit and surety bonds written for the company are guarantees, not money raised:
# "secured letters of credit issued under its Bank Credit Facility totaling $10.8 million", "has
# issued approximately $80.0 million in surety bonds on behalf of QuarterNorth" (Talos's 10-Q)
_GUARANTEE_BEFORE = re.compile(
    r"\b(?:letters?\s+of\s+credit|surety\s+bonds?|performance\s+bonds?|bank\s+guarantees?)\b[^.;$]{0,80}?"
    r"\b(?:totall?(?:ed|ing)|of|were|was|amounting\s+to|aggregating|in\s+the\s+amount\s+of)\s+(?:approximately\s+|about\s+)?$|"
    r"\bcredit[- ]enhanc\w*\s+(?:approximately\s+|about\s+)?$", re.I)  # "The Company credit-enhances $6.3 million of bonds issued by" a district
_GUARANTEE_AFTER = re.compile(r"^\s*(?:in|of)\s+(?:outstanding\s+)?(?:surety|performance|bid)\s+bonds?\b", re.I)
# notes others bought ("persons related to the Slim Family Office purchased an aggregate principal
# amount of $312.5 million of such notes from the initial purchasers", Talos's 10-Q) or the company
# bought back: a part of a raise told elsewhere, or a retirement
_BOUGHT_BEFORE = re.compile(r"\b(?:purchased|bought|acquired)\s+(?:an?\s+)?(?:aggregate\s+)?(?:principal\s+amount\s+(?:of\s+)?)?(?:approximately\s+|about\s+)?$", re.I)
_OF_SUCH_NOTES_AFTER = re.compile(r"^\s*(?:in\s+(?:aggregate\s+)?principal\s+amount\s+)?of\s+(?:such|the|these|those|its|our|their)\s+(?:[\w%.-]+\s+){0,4}?(?:notes|bonds|debentures)\b", re.I)
# a facility's size before the increase the same sentence reports: "The Credit Agreement allowed
# for borrowings of up to $100 million in aggregate principal amount, but the borrowings increased
# to up to $400 million" (ADTRAN's 10-Q): the $400 million is the event; not what it "could be
# increased" to (Tesla's "$5.00 billion, which could be increased up to $7.00 billion")
_SIZE_BEFORE_INCREASE_AFTER = re.compile(
    r"^[^.;$]{0,80}?\b(?:but|which|until)\b(?:(?!\b(?:could|may|might|can|would|will|shall)\b)[^.;$]){0,50}?\b(?:(?:was|were|has\s+been|have\s+been|subsequently|later)\s+){0,2}"
    r"(?:increased|upsized|expanded|raised)\s+(?:\w+\s+){0,2}?to\s+"
    r"(?:up\s+to\s+)?(?:approximately\s+|about\s+)?[$€£]", re.I)
# a price per note, not a principal: "$1,015 for each $1,000 principal amount of 2020 APL Notes
# validly tendered", "Each $1,000 principal amount of notes is convertible into 5.1 shares"
_PER_NOTE_AFTER = re.compile(r"^\s*(?:for|per)\s+(?:each\s+)?\$\s?1,000\s+(?:in\s+)?(?:original\s+|aggregate\s+)?principal\b|"
                             # a debenture's face value: "NCDs of Rs 10,00,000 each for cash at par aggregating Rs 698.9 crore"
                             r"^\s*each\s+(?:for\s+cash|at\s+par|aggregating|totall?ing|amounting)\b", re.I)
_PER_NOTE_BEFORE = re.compile(r"\b(?:each|per|every)\s+$", re.I)
_PRINCIPAL_AFTER = re.compile(r"^\s*(?:in\s+)?(?:original\s+|aggregate\s+)?principal\s+amount\b", re.I)
# capex not paid in cash in the period: "Purchases of property and equipment included in accounts
# payable and accrued liabilities $5,764 $19,326", "capital expenditures incurred but not yet
# paid of $12 million", "financed $311.2 million of non-cash capital expenditures" (Sysco)
_NOT_PAID_CAPEX_BEFORE = re.compile(
    r"\b(?:capital\s+expenditures?|(?:purchases?|additions?|acquisitions?)\s+(?:of|to)\s+property[^.;$]{0,40}?)\s+"
    r"(?:(?:that\s+(?:were|was|are|is|had\s+not\s+been)\s+)?(?:incurred\s+)?(?:" + NOT_PAID + r")[^.;$]{0,60}?)"
    r"(?:\s+(?:of|were|was|totall?(?:ed|ing)|amounted\s+to))?\s*(?:approximately\s+|about\s+)?" + _AMOUNT_LIST + "$", re.I)
# the same said the other way round: "Accounts payable related to purchases of property, plant and
# equipment were $498 and $396" (Boeing's 10-K)
_PAYABLE_CAPEX_BEFORE = re.compile(
    r"\b(?:accounts\s+payable|accrued\s+liabilities|liabilities)\s+(?:related\s+to|for|from|associated\s+with)\s+"
    r"(?:capital\s+expenditures?|(?:purchases?|additions?|acquisitions?)\s+(?:of|to)\s+property)[^.;$]{0,60}?"
    r"\s+(?:of|were|was|totall?(?:ed|ing)|amounted\s+to)\s*(?:approximately\s+|about\s+)?" + _AMOUNT_LIST + "$", re.I)
# capex committed, not spent: "we had commitments for capital expenditures of $623.9 million" (Lamb
# Weston's 10-K, a train label), "had $7.1 billion in capital expenditures committed" (Intel's)
_COMMITTED_CAPEX_BEFORE = re.compile(
    r"\b(?:commitments?|committed|contractual\s+obligations?|purchase\s+obligations?)\s+(?:for|to|related\s+to)\s+"
    r"(?:capital\s+expenditures?|capital\s+projects|(?:purchases?|additions?|acquisitions?)\s+of\s+property)[^.;$]{0,60}?"
    r"(?:\s+(?:of|were|was|totall?(?:ed|ing)|amounted\s+to))?\s*(?:approximately\s+|about\s+)?" + _AMOUNT_LIST + "$", re.I)
_COMMITTED_CAPEX_AFTER = re.compile(r"^\s*(?:in|of)\s+(?:capital\s+expenditures|capex)\s+(?:committed|under\s+commitment)\b", re.I)
_NOT_PAID_CAPEX_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:non-?cash|unpaid|accrued)\s+(?:capital\s+expenditures?|(?:purchases?|additions?)\s+(?:of|to)\s+property)|"
    r"^\s*(?:of\s+)?capital\s+expenditures\s+(?:(?:that\s+(?:were|are)\s+)?(?:included|recorded)\s+in\s+accounts\s+payable|(?:incurred\s+)?but\s+not\s+(?:yet\s+)?paid|not\s+yet\s+paid)", re.I)
# "paid $3.1 billion aggregate principal amount of 2.9% senior notes ... at maturity"
_AT_MATURITY_AFTER = re.compile(r"^(?:[^.;]|\.(?=\d)){0,200}?\bat\s+(?:their\s+|its\s+)?maturity\b", re.I)
_PAID_BEFORE = re.compile(r"\b(?:paid|pays|repaid|settled)\b(?:(?!issu|borrow|rais|enter|obtain|secur|sold|priced)(?:[^.;]|\.(?=\d))){0,200}$", re.I)


# "we repurchased approximately $268 million of our senior notes, including approximately $127
# million ... of 6.500% senior notes due 2040, approximately $39 million ...": every item of the list
_RETIRED_LIST_BEFORE = re.compile(
    r"(?:\b(?:repurchased|redeemed|retired|extinguished|repaid|prepaid|tendered\s+for)\b[^;]{0,160}?\bincluding\b|"
    # "The senior notes purchased included the following: $113 million of its 4.0% senior notes" (CVS's 10-K)
    r"\b(?:notes|debentures|bonds|debt)\s+(?:purchased|repurchased|redeemed|retired|tendered|repaid|extinguished)\s+"
    r"(?:[\w-]+\s+){0,4}?includ(?:ed|es)\b)"
    r"(?:(?!issu|borrow|rais|enter|obtain|secur|sold|priced|(?<!(?-i:[A-Z]))\.\s)[^;]){0,900}$", re.I)
# a balance by when it falls due ("senior notes of approximately 550 million euros maturing in May
# 2024"), unless the sentence raises it ("issued $1 billion of notes maturing in 2030")
_MATURING_AFTER = re.compile(r"^\s*(?:[\w'’-]+\s+){0,3}?(?:maturing|coming\s+due|falling\s+due)\b|"
                             r"^\s*(?:of\s+)?(?:[\w'’-]+\s+){0,4}?matured\b|"  # "$250 million of Senior Unsecured Notes matured"
                             r"^\s*(?:[\w-]+\s+){0,4}?(?:will|shall)\s+(?:mature|come\s+due|become\s+due)\b", re.I)
# "$300 of the Company's senior notes with an annual fixed interest rate of 3.05% became due and
# were repaid using commercial paper borrowings" (Clorox): a repayment, read further on
_REPAID_AFTER = re.compile(r"^(?:[^.;$]|\.(?=\d)){0,100}?\b(?:became|come|came|become)\s+due\s+and\s+(?:were|was)\s+(?:re)?paid\b|"
                           # "which provided $5,273,464 in cash to the Company, after settlement of the NSB Term
                           # Loan": what was left once other debt was paid, not the loan (Galaxy Gaming)
                           r"^(?:[^.;$]){0,40}?\bafter\s+(?:the\s+)?(?:settlement|repayment|payoff|pay-off|retirement)\s+of\b", re.I)
# a derivative's notional ("terminated $600 million of forward-starting interest rate swaps")
_DERIVATIVE_AFTER = re.compile(r"^\s*(?:of\s+)?(?:[\w-]+\s+){0,3}?(?:interest\s+rate\s+swaps?|(?:cross-currency\s+)?swaps?|"
                               r"forward\s+contracts?|hedges?|derivatives?|swaptions?|treasury\s+locks?)\b", re.I)
_NOTIONAL_BEFORE = re.compile(r"\bnotional\s+(?:amounts?|values?)\s+(?:of\s+)?(?:approximately\s+|about\s+)?$|"
                              r"\bswaps?\s+(?:agreements?\s+|contracts?\s+)?(?:on|for|covering|related\s+to)\s+(?:our\s+|the\s+|its\s+)?$", re.I)
# ... and the principal of existing debt a swap hedges: "swap agreements to hedge ... cash flows of
# $400.0 million in principal amount of its Vail Holdings Credit Agreement"
_HEDGED_BEFORE = re.compile(r"\b(?:swaps?|hedg\w+)\b[^.;$]{0,160}$", re.I)
_OF_EXISTING_AFTER = re.compile(r"\s*(?:in\s+)?(?:aggregate\s+)?principal\s+amount\s+of\s+(?:its|our|the|their)\b", re.I)
# a covenant's threshold, not debt: "cross-default provisions based on ... any other debt, the
# unpaid principal amount of which is not less than $100 million" (the money scanner keeps "not
# less than" with the amount, as its qualifier, so the words before it may end at "which is")
_THRESHOLD_BEFORE = re.compile(r"\b(?:cross[- ]defaults?|defaults?|acceleration)\b(?:[^.;]|\.(?=\d)){0,220}?"
                               r"\b(?:(?:not\s+less\s+than|in\s+excess\s+of|exceeding|at\s+least|greater\s+than)\s+|(?:of\s+which|that)\s+(?:is|are|exceeds?)\s+)$", re.I)
# ... and a limit the amount itself states: "for amounts in excess of $400.0 million", "(unrestricted
# cash and availability under the revolver) of not less than $150.0 million" (Vail Resorts' covenants;
# the qualifier is part of the amount's own words)
_IN_EXCESS = re.compile(r"(?:in\s+excess\s+of|not\s+less\s+than|no\s+less\s+than)\b", re.I)
_THRESHOLD_LEAD = re.compile(r"(?:\bamounts?|\)\s+of|\bof)\s*$", re.I)
_RAISED_BEFORE = re.compile(r"\b(?:issu\w*|sold|sells?|priced|borrow\w*|rais\w*|enter\w*|obtain\w*|secur\w*|offering|"
                            r"clos(?:ed|es|ing)|sign(?:ed|s|ing)|complet\w*|refinanc\w*|establish\w*|execut\w*|(?-i:new))\b", re.I)


# the filer or a partner lends to a company it names: "The Company has provided Hong Kong
# Disneyland Resort with a revolving credit facility of HK $2.7 billion", "the Company provided
# VillageMD senior secured credit facilities ... of up to $2.25 billion, consisting of a $1.75
# billion term loan ... and a $500 million revolving credit facility" (every amount after it)
_LENDER_BEFORE = re.compile(
    r"\bprovided\s+(?-i:[A-Z][\w&'’.-]*\s+){1,6}"
    r"(?:with\s+(?:[^.;]|\.(?=\d)){0,120}|(?:senior\s+|secured\s+|unsecured\s+|term\s+|revolving\s+){0,3}"
    r"(?:credit\s+facilit\w*|loans?|lines?\s+of\s+credit)\b(?:[^.;]|\.(?=\d)){0,300})$", re.I)


# an equity raise named before its amount, with no debt word between or after it: "proceeds from
# the periodic issuance of common stock under the Company's ATM of $361.5 million"
_STOCK_BEFORE = re.compile(
    r"\b(?:issuances?|sales?|offerings?)\s+of\s+(?:its\s+|our\s+|the\s+company['’]s\s+)?(?:common|ordinary|preferred)\s+(?:stock|shares)\b"
    r"(?:(?!notes|debt|bonds?|loans?|borrow|credit|debentures)[^.;$]){0,80}$", re.I)
_DEBT_AFTER = re.compile(r"^\s*(?:of\s+)?(?:(?!(?:and|or|from|under|with)\b)[\w%.-]+\s+){0,4}?(?:notes|debt|bonds?|loans?|debentures|borrowings|credit)\b", re.I)
# ... or right after it: "Amplitude Healthcare Acquisition prices $100M initial public offering",
# "India's Paytm raises $1 billion in fresh funding" (release 5's headlines)
_EQUITY_AFTER = re.compile(
    r"^\s*(?:(?:[\w-]+\s+){0,2}?(?:initial\s+public\s+offering|IPO|(?:public\s+)?(?:stock|share|equity)\s+offering|rights\s+(?:issue|offering))|"
    r"in\s+(?:fresh\s+|new\s+)?(?:funding|equity)(?!\s+and\s+debt)|"
    # "in addition to a $5 billion strategic equity investment" (xAI's raise, a release-6 passage)
    r"(?:[\w-]+\s+){0,2}?equity\s+(?:investments?|financing|funding|injections?|infusions?|contributions?|commitments?)(?!\s+and\s+debt))\b", re.I)
# ... or an amount the text names as equity before it: "is funded by equity of $4.1 billion and
# $6.14 billion in long-term debt"
_EQUITY_OF_BEFORE = re.compile(r"\bequity\s+(?:of|worth|totall?ing)\s+(?:about\s+|approximately\s+|some\s+|nearly\s+)?$", re.I)
# the liquidity a raise brings the company to, not the raise: "Spirit Realty gets new term loan,
# boosting liquidity to $700M"
_LIQUIDITY_TO_BEFORE = re.compile(
    r"\bliquidity\s+(?:position\s+)?(?:to|of|at)\s+(?:about\s+|approximately\s+|nearly\s+|over\s+|more\s+than\s+)?$", re.I)


# a change, not a level: "increasing our Florida capital plan by $4 billion", "upsized the
# borrowing capacity ... by nearly $500 million", "a $1.9 billion increase in utility
# infrastructure investments", "$3 billion of additional capital investment" (in train and dev,
# 225 such amounts, two of them events)
_CHANGED_BY = re.compile(
    r"\b(?:increas\w*|rais\w*|boost\w*|lift\w*|upsiz\w*|expand\w*|grow\w*|grew|cut\w*|reduc\w*|lower\w*|trimm?\w*|decreas\w*|slash\w*|hik\w*)\b"
    r"(?:(?!\$|offset)[^.;$]){0,60}?(?<!offset\s)\bby\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|some\s+|almost\s+|around\s+|over\s+|more\s+than\s+)?$|"
    # ... or as a noun: "an increase in net payments on borrowings under the revolver component of
    # our Vail Holdings Credit Agreement of $286.0 million" (Vail Resorts' 10-K)
    r"\b(?:increase|decrease)\s+in\s+(?:net\s+)?(?:payments|repayments|borrowings|proceeds)\b[^.;$]{0,120}?\bof\s*$",
    re.I)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:(?:increase|decrease|reduction|rise|decline|cut|jump|drop)\s+(?:in|from|over|versus|compared)\b|"
    r"(?:of\s+)?(?:additional|incremental|extra)\s+(?:[\w-]+\s+){0,2}?(?:capital|capex|investment|spending|expenditure))", re.I)


# a change against a level, not a level: "were $12.5 billion, up $3.0 billion from 2022", "was down
# $4.8 billion from 2022", "capex up $50 million from our original outlook" (not "mop up", "lined up"),
# "Capital expenditures increased $458 million or 24%", "sequential increases of about $300 million"
_CHANGE_WORD_BEFORE = re.compile(
    r"(?:(?:[,;(]\s*|\b(?:and|was|were|is|are|capex|spending|expenditures?|investments?)\s+)(?:up|down)\s+(?:by\s+)?|"
    r"\b(?:increased|decreased|rose|fell|grew|declined|dropped|climbed|jumped)\s+(?:by\s+)?|"
    r"\b(?:sequential\s+|annual\s+|year-over-year\s+)?(?:increases?|decreases?|declines?)\s+of\s+)"
    r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|some\s+|almost\s+|around\s+)?$", re.I)

# a figure the capex is taken from, not the capex: "cash generated by operating activities of $3.7
# billion, net of property and equipment additions of $169 million"
_NET_OF_CAPEX_AFTER = re.compile(
    r"^\s*,?\s*(?:net\s+of|less)\s+(?:[\w-]+\s+){0,3}?(?:property|capital\s+expenditures?|capex|PP&E)\b", re.I)

# a balance drawn under standing lines: "$1.7 billion of committed Company credit lines ... was
# utilized under local credit facilities for our affiliates"
_UTILISED_AFTER = re.compile(r"^\s*(?:[\w,()-]+\s+){0,10}?(?:was|were|had\s+been|has\s+been)\s+utili[sz]ed\b", re.I)


# the size before a change: "upsized our revolver from $1.5 billion to $2 billion", "reduced the
# total borrowing capacity of our three-year, $4.3 billion facility to $3.8 billion" (the size
# after it is the event; a range "from $12.8 billion to $13.6 billion" has no such verb)
_RESIZED_FROM_BEFORE = re.compile(
    r"\b(?:increas\w*|decreas\w*|reduc\w*|rais\w*|upsiz\w*|downsiz\w*|expand\w*|doubl\w*|tripl\w*|cut|lower\w*|"
    r"boost\w*|resiz\w*|grew|rose)\b(?:[^.;$]|\.(?=\d)){0,80}?(?:\bfrom|\b(?:of\s+)?(?:its|our|the|their)\s+(?:[\w-]+,?\s+){0,3}?)\s*"
    r"(?:approximately\s+|about\s+)?$", re.I)
_RESIZED_TO_AFTER = re.compile(
    r"^\s*(?:(?:[\w-]+\s+){0,3}?(?:facility|facilities|program|programme|revolver|loan|notes)\s+)?(?:previously\s+)?to\s+"
    r"(?:approximately\s+|about\s+)?(?:[A-Z]{0,2}\$|€|£|¥)\s?\d", re.I)
# a size the sentence has replaced: "The offering was upsized from the previously announced offering
# of $2 billion", "up from an originally planned $8 billion" (docs/labelling.md, section 8u)
_PREVIOUSLY_SET_BEFORE = re.compile(
    r"\b(?:from|than)\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:previously|originally|initially)\s+"
    r"(?:announced|planned|proposed|marketed|targeted|launched|set|reported|expected|contemplated)?\s*"
    r"(?:(?:offering|deal|issue|loan|facility|bond\s+sale|sale|transaction)\s+)?(?:size\s+)?(?:of\s+)?(?:approximately\s+|about\s+)?$", re.I)


# another company's note bought as an investment ("we invested in a $1.25 billion note from
# Anthropic"; docs/labelling.md, section 3), and debt taken over with a company bought ("we assumed
# $3.1 billion aggregate principal amount of notes", "Included in the debt assumed from Noble were
# senior notes, with an aggregate principal amount of $5,800")
_INVESTED_IN_BEFORE = re.compile(r"\binvest(?:ed|s|ing)?\s+in\s+(?:an?\s+|the\s+)?$", re.I)
_NOTE_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:notes?|bonds?|debentures|debt\s+securities)\b", re.I)
# "an agreement ... to invest up to an additional $2.75 billion in a second convertible note"
_INVEST_BEFORE = re.compile(r"\binvest(?:ed|s|ing)?\s+(?:up\s+to\s+)?(?:an?\s+)?(?:additional\s+|further\s+)?$", re.I)
_IN_NOTE_AFTER = re.compile(r"^\s*in\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,3}?(?:notes?|bonds?|debentures|loans?\s+to)\b", re.I)  # "invested $200,000 in a senior unsecured loan to Craveworthy"
_ASSUMED_BEFORE = re.compile(
    r"\b(?:we|the\s+company|it)\s+assumed\s+(?:approximately\s+|about\s+)?$|"
    r"\b(?:debt|notes|borrowings|indebtedness)\s+assumed\s+(?:from|in|with)\b(?:[^.;$]|\.(?=\d)){0,100}$|"
    # "The Buyer will also be responsible for the Company's $130.0 million in principal amount of
    # 8.75% Senior Secured Notes" (155 East Tropicana's 10-K): notes a buyer would take over
    r"\b(?:buyer|purchaser|acquirer)\s+(?:will|would|shall)\s+(?:also\s+)?(?:be\s+responsible\s+for|assume)\b[^.;$]{0,60}$", re.I)


# spending moved to a later year, not a level: "deferring over $3 billion of capital expenditures
# into fiscal 2022", "deferred approximately $100 million of spend from 2025 to 2026"
_DEFERRED_BEFORE = re.compile(r"\bdefer(?:s|red|ring)?\s+(?:about\s+|approximately\s+|over\s+|some\s+|roughly\s+|nearly\s+|more\s+than\s+)?$", re.I)
_SPEND_AFTER = re.compile(r"^\s*(?:of|in)\s+(?:[\w-]+\s+){0,2}?(?:capital|capex|spend|spending|investments?)\b", re.I)


# one amount for shares and debt together ("sold more than $15 billion of shares and bonds",
# "issue stock and convertible notes worth about $1.1 billion", "250 billion yen through a mixture
# of equity and debt", "Rs 5,500 crore capital through bonds, ESOP", "170 billion yen ... through a
# public share offering and subordinated loans"): the debt part is not given, so there is no debt
# event (docs/labelling.md, section 3); read up to the next amount, past a converted figure in
# brackets
_EQUITY = (r"(?:(?:new|common|ordinary|preference|preferred|equity|employee|class\s+[ab])\s+)?(?:shares?|stock|equity)|"
           r"(?:public\s+|rights\s+)?share\s+(?:offering|sale|issue)|rights\s+(?:issue|offering)|ESOPs?|QIPs?")
_MIX = (rf"(?:(?:{_EQUITY}|warrants)\s*(?:,|and|or|&)\s*(?:[\w-]+\s+){{0,2}}?(?:bonds?|notes?|debt|convertibles?|debentures?|loans?|securities|NCDs?)|"
        rf"(?:bonds?|notes|debt|debentures|loans|NCDs)\s*(?:,|and|or|&)\s*(?:(?:an?|the)\s+)?(?:{_EQUITY})"
        r"(?!\s+(?:rose|fell|jumped|slid|slumped|gained|dropped|climbed|surged|tumbled|were|was|closed|traded|ended))|"
        r"mix(?:ture)?\s+of\s+(?:equity\s+and\s+debt|debt\s+and\s+equity))\b")
_MIXED_AFTER = re.compile(rf"^\s*(?:\([^()$]{{0,30}}\$?[^()]{{0,30}}\)\s*)?\)?[^$€£¥₹\d;]{{0,40}}?\b{_MIX}", re.I)
_MIXED_BEFORE = re.compile(rf"\b{_MIX}\s+(?:worth\s+)?(?:(?:about|approximately|roughly|nearly|some|around)\s+)?$", re.I)


# another measure's figure, named right before it ("The free cash flow is now expected to be between
# 65 billion and 73 billion Danish kroner, ... investments in capital expenditure", "operating cash
# flow to be in the range of $9.3 billion to $9.9 billion, property and equipment additions ...",
# "Stock-based compensation to be approximately $105 million, and capital expenditures to be ...")
_OTHER_MEASURE_BEFORE = re.compile(
    r"\b(?:free\s+cash\s+flows?|operating\s+cash\s+flows?|cash\s+flows?\s+from\s+operations|revenues?|net\s+sales|"
    r"(?:net\s+)?cash\s+(?:outflows?|inflows?|used|provided)\s+(?:from|in|by)\s+operati(?:ons|ng\s+activities)|"
    r"(?:adjusted\s+)?EBITDA|net\s+income|operating\s+(?:income|profit)|earnings|"
    r"(?:stock|share|equity)[- ]based\s+compensation(?:\s+expenses?)?|depreciation(?:\s+and\s+amortization)?|"
    r"(?:net\s+)?(?:interest|insurance|tax|SG&A|R&D|research\s+and\s+development)\s+expenses?|"
    r"(?:share|stock)\s+(?:re)?purchases|buybacks|dividends(?:\s+paid)?|"
    r"(?<!capital\sand\s)operating\s+(?:expenditures|expenses|costs)|"  # "operating expenditures were approximately $43 million" (AbbVie)
    # a lender's income and loan sizes, a balance due within the year: "Loan servicing income was $354.1 million"
    # (Rocket's 10-K), "its approximate average loan size was $270,000", "The current portion of the long term debt was
    # $1.5 billion and $1.6 billion in 2023 and 2022, respectively" (Johnson & Johnson's 10-K)
    r"(?:loan\s+)?servicing\s+income|(?:net\s+)?(?:interest|fee)\s+income|average\s+loan\s+(?:size|balance|amount)|"
    r"current\s+portion\s+of\s+(?:the\s+)?long[- ]term\s+(?:debt|borrowings))\s+"
    r"(?:(?:is|are|was|were|will\s+be|to\s+be|of|totall?ed|amounted\s+to)\s+)?(?:now\s+)?(?:(?:expected|forecast|projected|estimated|guided)\s+)?"
    r"(?:to\s+(?:be|range|total|come\s+in)\s+)?(?:(?:in\s+the\s+range\s+of|between|approximately|about|around|roughly|at)\s+)?"
    r"(?:(?-i:[A-Z]{3})\s+)?"  # a currency code in capitals ("DKK"), never "and"
    # ... or the next of its figures: "was $1.5 billion and $1.6 billion", "was $354.1 million, which compares to $1.2 billion"
    r"(?:\$\s?[\d.,]+(?:\s*(?:billion|million|bn|m))?(?:,?\s+and\s+|,\s+(?:which\s+)?compar\w+\s+(?:to|with)\s+))?$", re.I)
# money a lender puts out, never what it borrows: "Shopify Capital issued $71.8 million in merchant
# cash advances and loans", "the bank originated $3.1 billion in loans" ("extended $150 million of
# term loans" is a borrower's amendment, and stays)
_LENT_BEFORE = re.compile(r"\b(?:originated|disbursed|lent|issued|funded)\s+(?:approximately\s+|about\s+|over\s+|more\s+than\s+|nearly\s+)?$", re.I)
_LENT_AFTER = re.compile(r"^\s*(?:in|of)\s+(?:new\s+)?(?!term\b)(?:[\w-]+\s+){0,4}?(?:loans|advances|mortgages)\b(?!\s+(?:from|under)\b)", re.I)
# debt paid, not raised: "Dubai pays Nakheel's $4.1 billion bond in full", "to repay $1,000.0 million of
# 3.15 percent fixed-rate notes" (not "won more time to repay about A$2.8 billion in debt": an extension)
_PAYS_BEFORE = re.compile(r"(?<!\btime\sto\s)\b(?:pays?|paid|paying|repay(?:s|ing)?)\s+(?:back\s+|off\s+|down\s+)?(?:[\w&-]+['’]s\s+)?$", re.I)
_DEBT_NAMED_AFTER = re.compile(r"^(?:[^.;]|\.(?=\d)){0,40}?\b(?:bonds?|notes?|debentures?|loans?|debt|principal)\b", re.I)
# what a market borrowed, many borrowers together: "Indian firms raised Rs 2,114 crore in October
# through the ECB route", "leveraged loan issuance slid to $294 billion" (market-wide capex, by
# contrast, is an event with no company; "its subsidiary borrowers" are the company's own)
_MARKET_DEBT_BEFORE = re.compile(
    r"(?-i:(?<!subsidiary\s)(?<!affiliated\s)(?<!operating\s)\b(?:companies|firms|corporates|issuers)\b|\bIndia\s+Inc\b|\bIndian\s+[Ff]irms\b)[^.;$]{0,40}$|"
    r"\b(?:global|u\.s\.|leveraged|corporate|investment[- ]grade|junk|high[- ]yield|syndicated|total|euro|dollar)\s+"
    r"(?:bond|loan|debt)\s+(?:sales|issuances?|volumes?)\b[^.;$]{0,60}$", re.I)
# a bank's new lending, not a raise: "Chinese banks extended a total of 7.47 trillion yuan in new loans
# in 2011" (a loan extended to a later maturity is the borrower's: "extending $11.85 billion of
# existing loans")
_EXTENDED_BEFORE = re.compile(r"\b(?:extend(?:ed|s|ing)?|lent|lend(?:s|ing)?|disbursed|granted)\s+(?:a\s+(?:net\s+)?total\s+of\s+)?$", re.I)
_NEW_LOANS_AFTER = re.compile(r"^\s*(?:worth\s+)?(?:of|in)\s+new\s+(?:[\w-]+\s+){0,3}?(?:loans|lending|credit|mortgages|advances)\b", re.I)
# what was called off: "canceled a plan to sell 3 billion reais ($790 million) of local bonds",
# "BHP scrapped an $80 billion spending plan"
_CALLED_OFF_BEFORE = re.compile(
    r"\b(?:cancel(?:l)?ed|scrapped|shelved|abandoned|called\s+off|withdrew|withdrawn)\s+"
    r"(?:(?:a|an|its|the|their|his|her|plans?|to|sell|raise|issue|borrow|offer|spend|invest)\s+){0,4}(?:(?:about|approximately|some|nearly)\s+)?$", re.I)
# a balance by when it falls due, named after it ("a $350 million bond maturity in February of
# '23") or before it ("our only debt maturity in 2023 is $275 million of unsecured notes")
_MATURITY_AFTER = re.compile(r"^\s*(?:(?:bond|note|notes|debt|term\s+loan|loan)\s+)?maturit(?:y|ies)\b", re.I)
_MATURITY_BEFORE = re.compile(r"\bmaturit(?:y|ies)\b[^.;$]{0,30}\b(?:is|are|was|were)\s+(?:approximately\s+|about\s+)?$", re.I)
# what changes an old loan's terms or buys old notes back: "closed a repricing amendment for our
# $725 million term loan", "successfully tendered for $400 million of our notes due in 2025"; what
# old bonds trade at ("the yield on its US$1bn January 2017 bonds reacted")
_TERMS_OF_OLD_BEFORE = re.compile(
    r"\b(?:repricing|extension|maturity)\s+amendments?\s+(?:to|for|of)\s+(?:the\s+|its\s+|our\s+)?(?:existing\s+)?$|"
    r"\b(?:yields?|prices?|spreads?)\s+on\s+(?:its|the|their)\s+(?:existing\s+|outstanding\s+|roughly\s+|about\s+)?$|"
    r"\btender(?:ed|ing)?\s+(?:offers?\s+)?for\s+(?:up\s+to\s+)?(?:approximately\s+|about\s+|nearly\s+|some\s+)?$", re.I)
# old debt swapped for new debt or shares: "offering to exchange a 675 million pound ... bond",
# "its offer to swap up to 7.5 billion pounds of subordinated bonds", "issued new senior notes in
# exchange for $3.9 billion ... of outstanding notes"
_SWAPPED_BEFORE = re.compile(
    r"\b(?:(?:offer(?:ed|ing|s)?\s+)?to\s+(?:buy\s+back\s+or\s+)?(?:exchange|swap)|in\s+exchange\s+for)\s+"
    r"(?:(?:a|an|its|the|up\s+to|about|nearly|some|more\s+than|over|approximately)\s+){0,2}$", re.I)
# old debt being restructured or waived, and a bank's loan book, never a raise: "Dubai World, which is
# currently restructuring $22 billion of debt", "seeking to restructure $2.25 billion of Rouse bonds",
# "a 56 billion euro non-property loan book", "nearly 50 billion yen in debt waivers"
_RESTRUCTURED_BEFORE = re.compile(
    r"\b(?:restructur\w*|reschedul\w*|revamp\w*)\s+(?:(?:a|an|its|the|their|about|some|nearly|roughly|over|more\s+than|"
    r"approximately|part\s+of\s+its|of)\s+){0,3}$", re.I)
_LOAN_BOOK_AFTER = re.compile(r"\s*(?:of\s+)?(?:[\w-]+\s+)?(?:loan|lending|credit)\s+(?:book|portfolio)\b|\s*in\s+(?:debt\s+)?waivers\b", re.I)
# loans sold or bought as assets, a lender's business, not a borrowing: "said it will sell $2.7
# billion in loans", "selling $1.44 billion of home loans", "puts up for sale bad loans worth Rs 295 cr"
_LOANS_TRADED_BEFORE = re.compile(
    r"\b(?:sell(?:s|ing)?|sold|offload\w*|dispos\w+\s+of|(?:put|puts|putting)\s+up\s+for\s+sale|buy(?:s|ing)?|bought|purchas\w+)\s+"
    r"(?:(?:up\s+to|about|around|some|nearly|almost|more\s+than|over|roughly|approximately)\s+)?$", re.I)
_LOANS_TRADED_AFTER = re.compile(r"\s*(?:(?:of|in|worth\s+of)\s+)?(?:(?!(?:notes|bonds|debentures|debt|paper|securities|and|or)\b)[\w-]+\s+){0,3}?"
                                 r"(?:loans|mortgages|receivables)\b", re.I)  # not "sold $1 billion of notes and term loans"
_LOANS_WORTH_BEFORE = re.compile(
    r"\b(?:sale|sell\w*|sold|offload\w*|buy\w*|bought|purchas\w+)\s+(?:[\w-]+\s+){0,3}?(?:loans|mortgages|receivables)\s+"
    r"(?:worth|of|valued\s+at|totall?ing)\s+(?:(?:about|around|some|nearly|up\s+to)\s+)?$", re.I)
# a count of loans or bonds a lender offers or holds: "has listed 64 Asia loans worth $1.1 billion",
# "banks had offered 10,000 loans worth 1.682 billion pounds", "Vanke has 16 domestic bonds worth"
_COUNTED_LOANS_BEFORE = re.compile(
    r"\b\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:loans|mortgages|bonds|notes)\s+(?:worth|valued\s+at|totall?ing)\s+"
    r"(?:(?:about|around|some|nearly|up\s+to|more\s+than|over)\s+)?$", re.I)
# a programme's authorised size, not a raise: "a third of its $6 billion debt authorization", "under a
# $20.0 billion shelf authorization" (docs/labelling.md, section 3: authorisations are not events)
_AUTHORIZATION_AFTER = re.compile(r"\s*(?:of\s+)?(?:new\s+)?(?:debt|borrowing|issuance|shelf)\s+authori[sz]ation\b", re.I)
# another cash-flow figure, never capex or a raise: "cash flows from operating activities were $8.1
# billion, with $2.0 billion used for capital expenditures", "$17.3 billion of free cash flow"
_OTHER_CASH_FLOW_BEFORE = re.compile(
    r"\b(?:(?:cash\s+flows?\s+|cash\s+)?(?:from|provided\s+by|generated\s+(?:by|from))\s+operat(?:ing\s+activities|ions)|"
    r"operating\s+cash\s+flows?|free\s+cash(?:\s+flows?)?)(?:\s+(?:for|in|during)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:quarter|year|period|months|half))?"
    r"\s+(?:was|were|of|totaled|totalled|reached|amounted\s+to|came\s+in\s+at)\s+(?:approximately\s+|about\s+|roughly\s+|nearly\s+)?$", re.I)
_OTHER_CASH_FLOW_AFTER = re.compile(
    r"\s*(?:of|in)\s+(?:adjusted\s+)?(?:free\s+cash\s+flow|operating\s+cash\s+flow|cash\s+(?:flow\s+)?from\s+operations)\b", re.I)
# total expenses beside capex, and research and development, are no capex (docs/labelling.md, section 2): "Meta
# sees capex of $115 billion to $135 billion and total expenses of $162 billion to $169 billion", "more than $30
# billion in research and development", "to invest over $10 billion in R&D and capital expenditures"
_EXPENSES_BEFORE = re.compile(
    r"\b(?:total|operating|non-GAAP|GAAP)\s+(?:costs\s+and\s+)?expenses\s+(?:[\w-]+\s+){0,3}?(?:of|to\s+be|at|in\s+the\s+range\s+of|"
    r"were|was|will\s+be|between|totaled|totalled)\s+(?:approximately\s+|about\s+|roughly\s+)?$", re.I)
_R_AND_D_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:in|on|for|of|to)\s+(?:[\w-]+\s+)?(?:research\s+and\s+development|R&D)\b", re.I)
# money returned to shareholders, and a convertible's terms per note, are never an event: "returned $6.5 billion to
# shareholders", "$2.679 billion of share repurchases", "Each $1,000 principal amount of notes was convertible"
_TO_SHAREHOLDERS_AFTER = re.compile(
    r"\s*(?:of|in)\s+(?:share\s+|stock\s+)?(?:repurchases|buybacks|buy-backs|dividends)\b|\s*to\s+(?:our\s+)?(?:shareholders|stockholders)\b", re.I)
_PER_NOTE_BEFORE = re.compile(r"\b(?:each|per|every)\s+$", re.I)
_PRINCIPAL_AFTER = re.compile(r"\s*(?:of\s+)?(?:aggregate\s+)?principal\b", re.I)
# what was repaid or bought back is no raise: "repurchase of Second Lien Notes due 2026 of $50.0 million" (AMC's 10-Q)
_PAID_OFF_OF_BEFORE = re.compile(
    r"\b(?:repurchases?|redemptions?|repayments?|retirements?|extinguishments?|prepayments?|payments?)\s+(?:of|under|on)\s+"
    r"(?:the\s+|our\s+|its\s+)?(?:[\w%.-]+\s+){0,8}?(?:notes|bonds|debentures|loans?|debt|facility|term\s+loan)\s+"
    r"(?:due\s+(?:in\s+)?\d{4}\s+)?(?:of|totall?ing)\s+(?:approximately\s+|about\s+)?$", re.I)
# what customers spend is no capex (docs/labelling.md, section 2): "the number of customers spending $1 million plus
# per quarter on foundry grew nearly 80%" (Microsoft's call)
_CUSTOMERS_SPEND_BEFORE = re.compile(
    r"\b(?:customers?|clients?|consumers?|shoppers?|users?)\s+(?:that\s+|who\s+|are\s+|were\s+)*(?:spend|spending|spends|spent)\s+"
    r"(?:more\s+than\s+|over\s+|at\s+least\s+)?$", re.I)
# work a company is owed, a cost it writes off over time, what it holds, and an amount in brackets that explains a
# change: no raise and no capex (the regression run's 10-Ks and 10-Qs of companies outside the test split): "the
# backlog was $13.3 billion" (Johnson Controls), "Amortization of debt issuance costs was $11 million in 2023 and
# 2022, and $12 million in 2021" (Kraft Heinz), "limited partnerships of $3,300 million and $2,506 million" (GE),
# "lower net debt borrowings ($954 million), partially offset by lower proceeds from stock option exercises ($791
# million)" (Bristol-Myers Squibb), "a loss associated with a fire at a leased warehouse facility ($40 million)"
_BACKLOG_BEFORE = re.compile(
    r"\b(?:backlog|order\s+book|remaining\s+performance\s+obligations?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:was|were|is|of|totall?ed|stood\s+at|reached)\s+(?:approximately\s+|about\s+)?$", re.I)
_AMORTIZATION_BEFORE = re.compile(
    r"\bamorti[sz]ation\s+of\s+(?:[\w-]+\s+){0,4}?(?:costs?|discounts?|premiums?|fees|intangibles|(?:intangible|right-of-use)\s+assets|"
    r"content)\b[^.;]{0,80}$", re.I)  # not "excluding amortization of capitalized software, capital expenditures were"
_HOLDINGS_BEFORE = re.compile(
    r"\b(?:limited\s+partnerships|investment\s+securities|marketable\s+securities|equity\s+securities)\s+of\s+"
    r"(?:\$\s?[\d,.]+\s*(?:million|billion)?\s+and\s+)?$", re.I)
_EXPLAINED_CHANGE_BEFORE = re.compile(
    r"\b(?:lower|higher|increased|decreased|reduced|absence\s+of|loss(?:es)?|charges?|gains?)\s+(?:[\w&,-]+\s+){0,10}?\(\s*$", re.I)
# a fund an asset manager raised or runs, not a borrowing: "has raised a $5 billion mezzanine debt
# fund", "tapping an existing $25-billion advanced energy technology loan fund"
_FUND_AFTER = re.compile(
    r"\s*(?:(?!(?:from|by|with|through|via|in|to)\s)[\w-]+\s+){0,4}?(?:debt|credit|bond|loan|lending)\s+funds?\b", re.I)
# what a stake or an asset sold brought in: "we received proceeds of $0.2 billion and completed
# monetization of our Baker Hughes position" (GE's 10-Q for Q1 2023)
_ASSET_SOLD_AFTER = re.compile(
    r"\s+(?:and\s+completed\s+(?:the\s+)?(?:monetiz\w+|sale|disposal|divestiture)|from\s+(?:the\s+)?(?:partial\s+)?"
    r"(?:monetiz\w+|disposals?|divestitures?|divestments?))\s+of\b", re.I)
# a debt load, never a raise: "saddled with $15 billion in debt", "struggles under $26 billion of
# debt", "creditors holding about $2 billion in secured debt"
_DEBT_LOAD_BEFORE = re.compile(
    r"\b(?:(?:saddled|burdened|laden)\s+with|struggl\w+\s+under|(?:holding|hold|holds|owe|owes|owed)|"
    r"(?P<of>(?:with|has|had|have)\s+(?:total\s+)?(?:net\s+)?debts?\s+of))\s+(?:(?:about|nearly|some|more\s+than|over|approximately|almost|roughly)\s+)?$", re.I)
_DEBT_LOAD_AFTER = re.compile(r"^\s+(?:in|of)\s+(?:(?:net|secured|unsecured|outstanding|total)\s+)?(?:debts?|borrowings|liabilities)\b", re.I)


# what a company bought or sold that is not plant ("increases in purchases of marketable securities
# of $2.8 billion, and purchases of property, plant and equipment ...", Moderna), and what others
# paid back of its capex ("the net cost recovery for capital expenditures ... were $109 million")
_NOT_PLANT_BEFORE = re.compile(
    r"\b(?:purchases?|sales?|maturities|proceeds\s+from\s+(?:the\s+)?(?:sales?|maturities))\s+of\s+(?:marketable\s+|available[- ]for[- ]sale\s+|"
    r"short[- ]term\s+|long[- ]term\s+|equity\s+|debt\s+|investment\s+)?(?:securities|investments)\s+"
    r"(?:of|totall?ing|were|was|amounting\s+to)\s+(?:approximately\s+|about\s+)?$|"
    r"\b(?:cost\s+recover(?:y|ies)|reimbursements?|grants?|subsid(?:y|ies))\s+(?:for|of|on)\s+(?:our\s+|its\s+)?"
    r"(?:capital\s+(?:expenditures?|spending|investments?)|capex)\b[^.;$]{0,80}" + _AMOUNT_LIST + "$", re.I)


# what others owe the company ("The DCSP Note Receivable provides for a total commitment of up to
# $305 million in delayed draw term loan funding": CoreWeave lends; "net wireless service receivables
# of $26.1 billion and $23.6 billion, respectively, which have been transferred to ABS Entities":
# Verizon's 10-K), capacity left ("$3.8 billion, respectively, remained available for borrowing") and
# a repayment ("we paid an aggregate principal amount of $1.0 billion to repay in full ...")
_RECEIVABLE_BEFORE = re.compile(r"\b(?:notes?|loans?)\s+receivables?\b[^.;$]{0,90}$|"
                                r"\breceivables?\s+(?:of\s+|totall?ing\s+|were\s+|was\s+)?(?:approximately\s+|about\s+)?"
                                r"(?:[$€£]?\s?[\d.,]+\s*(?:billion|million)?,?\s+(?:and\s+)?)*$", re.I)
_LEFT_AFTER = re.compile(r"^(?:\s*,?\s*(?:and\s+)?\$\s?[\d.,]+\s*(?:billion|million)?)*\s*(?:,\s*respectively\s*,?\s*)?(?:remained|remains|remain)\s+(?:still\s+)?(?:available|undrawn|unused|unutilized)\b", re.I)
# balances listed after the date they stand at: "Included in long-term corporate borrowings at June
# 30, 2023 were principal amounts of $950.0 million of our First Lien Notes due 2029, $1,148.4
# million ..." (AMC's 10-Q)
_BALANCE_INCLUDED_BEFORE = re.compile(r"\bincluded\s+in\s+(?:[\w-]+\s+){0,4}(?:borrowings|debt|indebtedness)\s+(?:at|as\s+of)\s+[^.;]{4,25}?\s+"
                                      r"(?:were|was)\s+(?:the\s+)?principal\s+amounts?\s+of\s+(?:[^.;]|\.(?=\d)){0,400}$", re.I)
# a later amount of a list of what was repaid: "included repayment of $1.0 billion floating rate
# three-year term loan, $1.0 billion aggregate principal amount of the company's 2.85% senior notes
# and $350 million aggregate principal amount of the company's 2.80% senior notes" (AbbVie's 10-K)
_REPAID_LIST_BEFORE = re.compile(r"\b(?:re)?payments?\s+of\s+(?:the\s+)?\$[^;$]{1,120}?(?:(?:,\s*(?:and\s+)?|\s+and\s+)\$[^;$]{1,120}?)*"
                                 r"(?:,\s*(?:and\s+)?|\s+and\s+)$", re.I)
# what was paid for notes bought back or exchanged: "€2.8 billion of Medtronic Luxco Senior Notes
# for $2.9 billion of total consideration" (Medtronic's 10-K)
_CONSIDERATION_AFTER = re.compile(r"^\s*(?:of|in)\s+(?:total|aggregate|cash)\s+consideration\b", re.I)
_PAID_PRINCIPAL_BEFORE = re.compile(r"\b(?:re)?paid\s+(?:off\s+|down\s+|back\s+)?(?:in\s+full\s+)?(?:an?\s+|the\s+)?(?:aggregate\s+)?(?:outstanding\s+)?principal\s+(?:amount\s+)?(?:of\s+)?$", re.I)


# a margin around a figure, not a figure: "capital expenditures in 2012 to $12.5 billion, plus or
# minus $400 million"
_TOLERANCE_BEFORE = re.compile(r"(?:\bplus\s+or\s+minus|\bgive\s+or\s+take|\+/-|±)\s*,?\s*(?:about\s+|approximately\s+|roughly\s+)?$", re.I)


# a facility's sublimit, not a facility: "increase the letter of credit sub-facility from $175
# million to $350 million", "to $1.5 billion, with a $350 million letter of credit sub-facility"
# ("a $50 million swing loan revolving sub-facility, a $50 million Canadian revolving sub-facility", GameStop's 10-Q)
_SUBLIMIT_AFTER = re.compile(r"^\s*(?:letters?\s+of\s+credit\s+|swing(?:line|\s+line)\s+|"
                             r"(?:(?!(?:facilit|with\b|and\b|of\b|for\b|under\b|including\b))[\w-]+\s+){0,3}?)sub-?(?:facility|limit)\b", re.I)
_SUBLIMIT_BEFORE = re.compile(r"\bsub-?(?:facility|limit)\s+(?:from\s+\$\s?[\d.,]+\s*(?:billion|million)?\s+)?(?:from|to|of)\s+$|"
                              r"\bswing\s*line\s+(?:loans?|sub-?facility|facility)\s+(?:of\s+)?(?:up\s+to\s+)?$", re.I)  # "swingline loans of up to $5,000,000" (Build-A-Bear)


# an offering the sentence says was priced ("has priced a private offering of $700 million",
# "announced the pricing of its offering", "Prices Senior Notes Worth $600 M") and not that it
# closed: `priced`, where the model, with few priced examples, says `completed`. Pricing as a
# loan's margin ("with improved pricing", "priced at 600 basis points over Treasuries") is not it.
_PRICED = re.compile(r"\b(?:priced|prices|pricing\s+of)\b(?!\s+(?:at|to\s+yield|over)\b)", re.I)
_CLOSED = re.compile(r"\b(?:closed|completed|settled|closing)\b", re.I)
# ... and one under way, with nothing done yet ("is raising a $12.5 billion syndicated loan",
# "launched a $2.7 billion, three-part sale of notes", "hits overseas debt market with $500
# million issue"), read near the amount: `announced`
_UNDER_WAY = re.compile(r"\b(?:is|are|was|were)\s+(?:now\s+|also\s+|still\s+)?(?:raising|offering|selling|marketing|syndicating|launching|arranging)\b|\blaunch(?:ed|es|ing)?\b|"
                        r"\b(?:is|are)\s+in\s+the\s+market\s+(?:with|for)\b|"  # "Antares Capital is in the market with $13.9 billion of ... credit facilities"
                        # "commences $125 mln offering of convertible senior notes", "MSCI proposes $250M
                        # add-on notes offering", "starts two-part $120M notes offering", "private notes
                        # offering rises to $500M" (release 5's headlines)
                        r"\b(?:commenc\w*|propos\w*|starts?|started)\b(?=[^.;]{0,60}\boffering\b)|\boffering\s+(?:rises|grows|is\s+upsized)\s+to\b|"
                        r"\bkicked\s+off\b|\bprice\s+guidance\b|\b(?:is|are)\s+being\s+(?:syndicated|marketed|talked|offered)\b|"
                        r"\bhits?\s+(?:the\s+)?(?:[\w$-]+\s+){0,2}(?:debt|bond|loan)\s+markets?\b|"
                        # "is tapping European debt markets for €3 billion", "has initiated the sale of its debut
                        # euro bonds", "has returned to the European bond market with a massive €3 billion",
                        # "announced a $4 billion debt offering", "today announced the offering of US$2.25 billion"
                        r"\b(?:is|are)\s+(?:now\s+|also\s+)?(?:issuing|tapping|shopping|initiating|pitching)\b|\binitiated\s+the\s+sale\b|"
                        r"\breturn(?:ed|s|ing)?\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:bond|debt)\s+markets?\b|"
                        r"\bannounc\w*\s+(?:an?|the|its)\s+(?!(?:closing|completion|pricing|results?|expiration|redemption|early|final|successful|upsiz)\w*)"
                        r"(?:proposed\s+)?(?:[\w$.,%-]+\s+){0,4}?(?:offering|bond\s+(?:sale|issue)|debt\s+(?:sale|issuance))\b", re.I)
_AGREED_BEFORE = re.compile(r"\b(?:agreed\s+to\s+(?:provide|arrange|lend|underwrite|extend|take\s+on)|signed\s+(?:a\s+)?(?:deal|agreement)\s+to\s+(?:issue|sell)|"
                            r"commitment\s+letters?|(?:debt\s+)?(?:finance|financing)\s+commitments?|definitive\s+agreement\s+for)\b[^.;]*$", re.I)
# (what was entered into is done, unless it is the commitment: "we have entered into term loan
# facilities and obtained financing commitments for a total amount of up to $507 million", DEV)
_FUNDED = re.compile(r"\b(?:closed|completed|settled|funded|drew|drawn|issued)\b|\bentered\s+into\s+(?!(?:an?\s+|the\s+)?(?:[\w-]+\s+)?commitment)", re.I)


def _agreed_not_funded(text: str, start: int, end: int) -> bool:
    """Agreed, signed or committed, but not funded: "Creditors ... have agreed to provide Tepco with
    $5.9 billion", "CyrusOne signed a deal to issue $701M in CMBS", "entered into a commitment letter
    for a $5.2 billion ... Bridge Loan" (the guideline's `announced`; a loan signed, "has signed a
    deal to borrow some $17.5 billion", is entered into: `completed`)."""
    lo, _ = _clause_bounds(text, start, end)
    return _AGREED_BEFORE.search(text, max(lo, start - 120), start) is not None and not _FUNDED.search(text)
# ("secured" as an adjective is no deed: "Launch of $200 million Senior Secured Notes")
_DONE = re.compile(r"\b(?:closed|completed|raised|sold|issued|secured(?!\s+(?:(?:senior|first|second|lien|term|revolving|credit|"
                   r"convertible|overnight|debt|notes?|bonds?|loans?|facilit\w*|financing)\b))|obtained|signed|priced|drew|borrowed|got|successful)\b", re.I)


def debt_status(status: str | None, text: str, start: int, end: int) -> str | None:
    """The model's `completed` for a debt amount, corrected by what the sentence says was done:
    priced and not closed is `priced`; under way with nothing done is `announced`; meant, with
    nothing done, is `planned`, or `announced` when the company made the intention public. The
    model, trained on more than twice as many completed raises as all others together, leans to
    `completed`."""
    if status != "completed":
        return status
    if _PRICED.search(text) and not _CLOSED.search(text):
        return "priced"
    if _UNDER_WAY.search(text, max(0, start - 60), min(len(text), end + 60)) and not _DONE.search(text):
        return "announced"
    lo, _ = _clause_bounds(text, start, end)
    before = text[max(lo, start - 120) : start]
    intents = list(_INTENT.finditer(before))
    if not intents:
        return status
    intent = intents[-1]  # the one nearest the amount
    at = start - len(before) + intent.start()  # where the intent starts in the sentence
    if (len(before) - intent.end() <= 60 and not _CAPACITY_BEFORE.search(before[: intent.start()])
            and not _NOT_INTENT_BETWEEN.search(before[intent.end() :])
            and not ("borrow" in intent.group(0).lower() and _UP_TO.search(text[at:end]))
            and not _DONE_BEFORE_INTENT.search(_OTHER_DONE.sub("", text[lo:at])) and not _DONE_AFTER.match(text, end)):
        # "Bank of India to raise $750 mn": planned; "announcing its intention to offer ... $600
        # million", "has decided to issue": an offering made public, announced
        return "announced" if _MADE_PUBLIC.search(before) else "planned"
    return status


# what a company means to borrow, read just before the amount: nothing has been done yet
_INTENT = re.compile(
    r"\b(?:(?:plans?|planning|intends?|intention|expects?|decided|looking|aims?|likely)\s+to\s+(?:also\s+)?(?:raise|issue|borrow|sell|offer|tap|float|draw(?:\s+down)?|amend)|"
    # "It will also issue 441 million pounds of new bonds", "plans to draw down the remaining $3.9
    # billion of its $4.5 billion secured revolving credit facility" (train passages)
    r"(?:will|would|to)\s+(?:also\s+|then\s+|soon\s+|now\s+)?(?:raise|issue|borrow|sell|offer|tap|float)|planning\s+an?|seek(?:ing|s)(?!\s+to\b)|seeks?\s+to\s+(?:raise|borrow)|looks?\s+for|"
    r"approved\s+(?:the\s+)?issu\w+|(?:is|are)\s+(?:considering|weighing|mulling))\b", re.I)
# ... unless it is what a facility allows ("enables us and our borrowing subsidiaries to borrow")
_CAPACITY_BEFORE = re.compile(r"\b(?:enabl\w+|allow\w*|permit\w*|right|authori[sz]\w*|able|abilit\w+|availab\w+|capacity|lenders|enough)\s+(?:\w+\s+){0,6}$", re.I)
# ... and what stands between the intent and the amount says it is something done before
# ("another debt offering after the success of its $2 billion sale"); "to borrow up to $1 billion"
# is a facility's size
_NOT_INTENT_BETWEEN = re.compile(r"\b(?:its|after|following)\b", re.I)
_MADE_PUBLIC = re.compile(r"\b(?:announc\w+|intention|decided)\b", re.I)
# (words of being done that say nothing of the debt: "issued a press release", "Citigroup raised its
# estimates and now expects to issue $18 billion to $21 billion")
_OTHER_DONE = re.compile(r"\bissued\s+a\s+press\s+release\b|\braised\s+(?:its|their|the)\s+(?:estimates?|forecasts?|guidance|outlook|projections?|targets?)\b", re.I)
# ... anything done before it in the clause ("completed a private placement ... and agreed to
# borrow $150.0 million", "has signed a deal to borrow")
_DONE_BEFORE_INTENT = re.compile(_DONE.pattern + r"|\b(?:agreed|entered|committed)\b", re.I)
_DONE_AFTER = re.compile(r"[^.;]{0,60}?\b(?:was|were|has\s+been|have\s+been)\s+(?:raised|issued|sold|priced|closed|completed|drawn|borrowed)\b", re.I)


# a total's breakdown ("This amount includes (i) $575.0 million ...", Vail Resorts' debt outstanding)
# and what an amount was booked to ("$3.1 million was allocated to additional paid-in capital")
_BREAKDOWN = re.compile(r"^\s*(?:This|That|Such|The)\s+(?:amount|total|balance|indebtedness|debt)\s+"
                        r"(?:includes|included|consists|consisted|comprises|comprised|is\s+comprised)\b")
_ALLOCATED_AFTER = re.compile(r"\s*(?:was|were|is|are|has\s+been|have\s+been)\s+allocated\s+to\b", re.I)


# what the whole-filing regression run showed once the model had read release 4's news (3.41):
# investments sold ("sold $694.6 million of available-for-sale debt securities"), preferred
# equity ("issued $2,000 of Series B Cumulative Perpetual Preferred Membership Interests"), notes
# exchanged for shares, a financing total, payments of debt and a balance at a date
_SECURITIES_HELD_AFTER = re.compile(r"^\s*(?:of\s+)?(?:[\w-]+\s+){0,2}?(?:available-for-sale|held-to-maturity|marketable|trading)\s+(?:debt\s+)?securities\b|"
                                    r"^\s*of\s+(?:[\w-]+\s+){0,2}?debt\s+securities\b[^.;]{0,160}\breinvest", re.I)
# ... or named before it: "changes in the amount of marketable debt securities held ($724 million)"
# (Bristol-Myers Squibb's 10-K for 2023)
_SECURITIES_HELD_BEFORE = re.compile(
    r"\b(?:marketable|investment|available[- ]for[- ]sale|held[- ]to[- ]maturity)\s+(?:debt\s+)?securities(?:\s+held)?\s*\(?\s*$", re.I)
# what an asset sold brought in, never a borrowing: "the Company sold excess servicing cash flows on
# certain agency loans for total proceeds of $246,778" (Rocket's 10-Q; the mention audit of 3.83),
# unless what was sold is the company's own debt ("sold $500 million of notes for net proceeds of")
_SALE_PROCEEDS_BEFORE = re.compile(
    r"\bsold\s+(?!(?:[\w$.,-]+\s+){0,6}?(?:notes|bonds|debentures|debt|paper|loans?\s+to\s+investors)\b[^.;]{0,40}\bfor\b)"
    r"[^.;$]{0,100}?\bfor\s+(?:total\s+|net\s+|gross\s+|aggregate\s+|cash\s+)?(?:proceeds|consideration)\s+of\s+(?:approximately\s+|about\s+)?$", re.I)
_PREFERRED_AFTER = re.compile(r"^\s*(?:of\s+)?(?:[\w-]+\s+){0,4}?(?:preferred|preference)\s+(?:stock|shares|units|equity|(?:membership\s+)?interests)\b", re.I)
_EXCHANGED_BEFORE = re.compile(r"\bexchanged\s+(?:a\s+total\s+of\s+|approximately\s+|an\s+aggregate\s+of\s+)?$", re.I)
_FOR_SHARES_AFTER = re.compile(r"^[^.;]{0,90}?\bfor\s+(?:an?\s+)?(?:aggregate\s+(?:of\s+)?|total\s+of\s+)?[\d,.]+\s+(?:million\s+)?shares\b", re.I)
# a cash-flow total and the words that give its amount: "Net cash used for financing activities was"
_CASH_TOTAL = r"\b(?:net\s+)?cash\s+(?:from|provided\s+by|used\s+(?:in|for)|(?:provided\s+by\s+)?\(used\s+in\))\s+"
_TOTAL_WAS = r"(?:\s+of\s+(?:[\w-]+\s+){1,3}?)?\s*(?:was|were|totaled|amounted\s+to|of)\s+(?:approximately\s+|about\s+)?"
_FINANCING_TOTAL_BEFORE = re.compile(_CASH_TOTAL + r"financing\s+activities" + _TOTAL_WAS + "$", re.I)
# ... and what a cash-flow total is compared with: "Net cash used for financing activities was $2.7
# billion for the year ended December 30, 2023 compared to $3.7 billion for the year ended December
# 31, 2022" (Kraft Heinz's 10-K, the mention audit of 3.83): the earlier year's total, never a raise
# or capex
_CASH_TOTAL_COMPARED_BEFORE = re.compile(
    _CASH_TOTAL + r"(?:financing|investing|operating)\s+activities" + _TOTAL_WAS
    + r"[$€£]\s?[\d.,]+\s*(?:billion|million)?[^.;$]{0,80}?\b(?:compared\s+(?:to|with)|versus|vs\.?)\s+(?:approximately\s+|about\s+)?$", re.I)
_DEBT_PAYMENTS_BEFORE = re.compile(r"\b(?:re)?payments\s+of\s+(?:(?:long|short)-term\s+)?(?:debt|borrowings)\b", re.I)
_BALANCE_AT_AFTER = re.compile(
    r"^\s+(?:at|as\s+of)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}\b")
_LAST_RATE_AFTER = re.compile(r"[ \t]*\d{1,2}(?:\.\d{1,3})?[ \t]?%[ \t]*(?:\n|$)")
_RATE_THEN_DOLLARS = re.compile(r"\d\s?%\s+\$\s?\d")
_GROSS_PLANT_BEFORE = re.compile(r"\bgross\s+investment\s+in\s+property,?\s+plant\s+and\s+equipment\b[^.;]{0,80}$", re.I)


_PROCEEDS_NEXT = re.compile(r"\$?\s?[\d.,]+\s*(?:million|billion)?\s+(?:of|in)\s+(?:net\s+)?proceeds\b", re.I)


def _debt_paid(text: str, start: int) -> bool:
    """The amount is what a clause about payments of debt reports ("payments of debt, primarily for
    revolving credit facilities and commercial paper, were $30.5 billion, $9.0 billion and $8.4
    billion"), and no proceeds come between."""
    before = text[max(0, start - 220) : start]
    before = before[max(before.rfind(". "), before.rfind(";"), before.rfind("\n")) + 1 :]
    found = _DEBT_PAYMENTS_BEFORE.search(before)
    return (found is not None and not re.search(r"\b(?:proceeds|issu\w+|borrowed|offset|repurchases?|dividends?)\b", before[found.end():], re.I)
            and not _PROCEEDS_NEXT.match(text, start))


def _not_a_raise(text: str, start: int, end: int) -> bool:
    if _BREAKDOWN.match(text) or _ALLOCATED_AFTER.match(text, end):
        return True
    if _PURCHASE_BEFORE.search(text[max(0, start - 120) : start]) and _OWN_NOTES_AFTER.match(text[end : end + 120]):
        return True
    if _SUBLIMIT_AFTER.match(text[end : end + 40]) or _SUBLIMIT_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    if _TOLERANCE_BEFORE.search(text[max(0, start - 30) : start]) or _OTHER_MEASURE_BEFORE.search(text[max(0, start - 110) : start]):
        return True
    if _NOT_PLANT_BEFORE.search(text[max(0, start - 130) : start]):
        return True
    if _LENT_BEFORE.search(text[max(0, start - 40) : start]) and _LENT_AFTER.match(text[end : end + 70]):
        return True
    if _EXTENDED_BEFORE.search(text[max(0, start - 40) : start]) and _NEW_LOANS_AFTER.match(text[end : end + 70]):
        return True
    if _PAYS_BEFORE.search(text[max(0, start - 50) : start]) and _DEBT_NAMED_AFTER.match(text[end : end + 60]):
        return True
    if _CALLED_OFF_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    if _SWAPPED_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    if _RESTRUCTURED_BEFORE.search(text[max(0, start - 60) : start]) or _LOAN_BOOK_AFTER.match(text[end : end + 40]):
        return True
    if _ASSET_SOLD_AFTER.match(text[end : end + 60]) or _FUND_AFTER.match(text[end : end + 70]):
        return True
    if ((_LOANS_TRADED_BEFORE.search(text[max(0, start - 40) : start]) and _LOANS_TRADED_AFTER.match(text[end : end + 60]))
            or _LOANS_WORTH_BEFORE.search(text[max(0, start - 80) : start]) or _COUNTED_LOANS_BEFORE.search(text[max(0, start - 60) : start])):
        return True
    if _AUTHORIZATION_AFTER.match(text[end : end + 40]):
        return True
    if _OTHER_CASH_FLOW_BEFORE.search(text[max(0, start - 110) : start]) or _OTHER_CASH_FLOW_AFTER.match(text[end : end + 50]):
        return True
    if _EXPENSES_BEFORE.search(text[max(0, start - 90) : start]) or _R_AND_D_AFTER.match(text[end : end + 70]):
        return True
    if _CUSTOMERS_SPEND_BEFORE.search(text[max(0, start - 50) : start]):
        return True
    if (_BACKLOG_BEFORE.search(text[max(0, start - 60) : start]) or _AMORTIZATION_BEFORE.search(text[max(0, start - 110) : start])
            or _HOLDINGS_BEFORE.search(text[max(0, start - 80) : start]) or _EXPLAINED_CHANGE_BEFORE.search(text[max(0, start - 120) : start])):
        return True
    if _TO_SHAREHOLDERS_AFTER.match(text[end : end + 50]) or (
            _PER_NOTE_BEFORE.search(text[max(0, start - 10) : start]) and _PRINCIPAL_AFTER.match(text[end : end + 30])):
        return True
    load = _DEBT_LOAD_BEFORE.search(text[max(0, start - 40) : start])
    if load and (load.group("of") or _DEBT_LOAD_AFTER.match(text[end : end + 40])):
        return True  # "has total debt of $5 billion" names the debt itself; "saddled with $15 billion" needs "in debt" after
    if (_RECEIVABLE_BEFORE.search(text[max(0, start - 120) : start]) or _LEFT_AFTER.match(text[end : end + 60])
            or _PAID_PRINCIPAL_BEFORE.search(text[max(0, start - 70) : start]) or _PAID_OFF_OF_BEFORE.search(text[max(0, start - 160) : start])
            or _CONSIDERATION_AFTER.match(text[end : end + 40])):
        return True
    if _MATURITY_AFTER.match(text[end : end + 30]) or _MATURITY_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    if _BALANCE_INCLUDED_BEFORE.search(text[max(0, start - 500) : start]) or _REPAID_LIST_BEFORE.search(text[max(0, start - 400) : start]):
        return True
    if _TERMS_OF_OLD_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    if _MIXED_AFTER.match(text[end : end + 110]) or _MIXED_BEFORE.search(text[max(0, start - 80) : start]):
        return True
    if _DEFERRED_BEFORE.search(text[max(0, start - 40) : start]) and _SPEND_AFTER.match(text[end : end + 60]):
        return True
    if _ASSUMED_BEFORE.search(text[max(0, start - 160) : start]) or (
            _INVESTED_IN_BEFORE.search(text[max(0, start - 30) : start]) and _NOTE_AFTER.match(text[end : end + 50])) or (
            _INVEST_BEFORE.search(text[max(0, start - 40) : start]) and _IN_NOTE_AFTER.match(text[end : end + 60])):
        return True
    if _RESIZED_TO_AFTER.match(text[end : end + 60]) and _RESIZED_FROM_BEFORE.search(text[max(0, start - 120) : start]):
        return True
    if _PREVIOUSLY_SET_BEFORE.search(text[max(0, start - 90) : start]):
        return True
    if _CHANGED_BY.search(text[max(0, start - 200) : start]) or _CHANGE_AFTER.match(text[end : end + 60]):
        return True
    if _CHANGE_WORD_BEFORE.search(text[max(0, start - 45) : start]) or _NET_OF_CAPEX_AFTER.match(text[end : end + 80]):
        return True
    if _UTILISED_AFTER.match(text[end : end + 120]):
        return True
    if _STOCK_BEFORE.search(text[max(0, start - 150) : start]) and not _DEBT_AFTER.match(text[end : end + 60]):
        return True
    if (_EQUITY_AFTER.match(text[end : end + 60]) or _LIQUIDITY_TO_BEFORE.search(text[max(0, start - 40) : start])
            or _EQUITY_OF_BEFORE.search(text[max(0, start - 40) : start])):
        return True
    if _REPAID_AFTER.match(text[end : end + 140]):
        return True
    if _MATURING_AFTER.match(text[end : end + 40]):
        before = text[max(0, start - 100) : start]
        before = before[max(before.rfind(". "), before.rfind("\n")) + 1 :]  # this sentence's words only
        if not _RAISED_BEFORE.search(before):
            return True
    if _DERIVATIVE_AFTER.match(text[end : end + 60]) or _NOTIONAL_BEFORE.search(text[max(0, start - 40) : start]) or (
            _HEDGED_BEFORE.search(text[max(0, start - 160) : start]) and _OF_EXISTING_AFTER.match(text, end)):
        return True
    if _THRESHOLD_BEFORE.search(text[max(0, start - 260) : start]) or (
            _IN_EXCESS.match(text, start, end) and _THRESHOLD_LEAD.search(text[max(0, start - 20) : start])):
        return True
    if _RETIRED_LIST_BEFORE.search(text[max(0, start - 1100) : start]) or _LENDER_BEFORE.search(text[max(0, start - 400) : start]):
        return True
    if _UP_BY_BEFORE.search(text[max(0, start - 40) : start]) or (
            _OF_WHICH_BEFORE.search(text[max(0, start - 40) : start]) and not _COMES_FROM_AFTER.match(text[end : end + 60])):
        return True
    if _GUARANTEE_BEFORE.search(text[max(0, start - 140) : start]) or _GUARANTEE_AFTER.match(text[end : end + 40]):
        return True
    if _BOUGHT_BEFORE.search(text[max(0, start - 60) : start]) and _OF_SUCH_NOTES_AFTER.match(text[end : end + 80]):
        return True
    if _HELD_BEFORE.search(text[max(0, start - 40) : start]) or _SIZE_BEFORE_INCREASE_AFTER.match(text[end : end + 160]):
        return True
    if _HOLDER_BEFORE.search(text[max(0, start - 30) : start]) and _OF_IN_AFTER.match(text[end : end + 20]):
        return True
    if _FUNDED_BY_OTHERS_AFTER.match(text[end : end + 60]):
        return True
    if _ACCORDION_BEFORE.search(text[max(0, start - 240) : start]) or _ACCORDION_AFTER.match(text, end):
        return True
    if _REG_SX_LIST_BEFORE.search(text, 0, start) or _HELD_SECURITIES_AFTER.match(text[end : end + 120]):
        return True
    if _PROVIDED_TO_BEFORE.search(text[max(0, start - 480) : start]) or _GUARANTEE_OF_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    if _TRADING_PRICES_BEFORE.search(text[max(0, start - 40) : start]) or _REPURCHASED_AFTER.match(text[end : end + 160]):
        return True
    if _FEE_CREDIT_AFTER.match(text[end : end + 40]):
        return True
    if _INTEREST_PAYMENTS_BEFORE.search(text[max(0, start - 160) : start]):
        return True
    limit = _LIMIT_WORDS.match(text, start, end)
    if _COVENANT_LIMIT_BEFORE.search(text[max(0, start - 260) : start] + (limit.group() if limit else "")) or _CAPEX_PART_AFTER.match(text[end : end + 120]):
        return True
    if _WITH_WARRANTS_AFTER.match(text[end : end + 160]):
        return True
    if _GUARANTORS_BEFORE.search(text[max(0, start - 200) : start]):
        return True
    if _INTEREST_ON_BEFORE.search(text[max(0, start - 200) : start]) and not _NEWLY_ISSUED_AFTER.match(text[end : end + 60]):
        return True
    if _CONVERTED_TO_EQUITY.search(text[max(0, start - 50) : start]) and _TO_EQUITY_AFTER.match(text[end : end + 80]):
        return True
    up_to = "up to " if _UP_TO.match(text, start, end) else ""  # the amount's own words may hold it
    if _INCREMENTAL_BEFORE.search(text[max(0, start - 90) : start] + up_to):
        return True
    if _PART_OF_THAT_AFTER.match(text[end : end + 40]) or _STAFF_LOANS.search(text) or _TERMINATED_AFTER.match(text[end : end + 140]):
        return True
    if _PER_NOTE_AFTER.match(text[end : end + 50]) or (
            _PER_NOTE_BEFORE.search(text[max(0, start - 10) : start]) and _PRINCIPAL_AFTER.match(text[end : end + 40])):
        return True
    if _PAYABLE_CAPEX_BEFORE.search(text[max(0, start - 220) : start]) or _COMMITTED_CAPEX_BEFORE.search(text[max(0, start - 220) : start]):
        return True
    if _COMMITTED_CAPEX_AFTER.match(text[end : end + 60]):
        return True
    if _NOT_PAID_CAPEX_BEFORE.search(text[max(0, start - 220) : start]) or _NOT_PAID_CAPEX_AFTER.match(text[end : end + 80]):
        return True
    if (_SECURITIES_HELD_AFTER.match(text[end : end + 240]) or _SECURITIES_HELD_BEFORE.search(text[max(0, start - 60) : start])
            or _PREFERRED_AFTER.match(text[end : end + 90])):
        return True
    if _EXCHANGED_BEFORE.search(text[max(0, start - 40) : start]) and _FOR_SHARES_AFTER.match(text[end : end + 160]):
        return True
    if _SALE_PROCEEDS_BEFORE.search(text[max(0, start - 160) : start]):
        return True
    if (_FINANCING_TOTAL_BEFORE.search(text[max(0, start - 140) : start]) or _debt_paid(text, start)
            or _CASH_TOTAL_COMPARED_BEFORE.search(text[max(0, start - 260) : start])):
        return True
    if _BALANCE_AT_AFTER.match(text[end : end + 40]) and _GROSS_PLANT_BEFORE.search(text[max(0, start - 200) : start]):
        return True
    if _LAST_RATE_AFTER.match(text, end) and _RATE_THEN_DOLLARS.search(text, text.rfind("\n", 0, start) + 1, start):
        return True  # the last balance of a schedule row, beside its rate ("Bank Borrowings $ 887 5.6% $ 1,004 $ 903 7.1%")
    return bool(_NOT_A_RAISE_BEFORE.search(text[max(0, start - 110) : start])
                or _NOT_A_RAISE_AFTER.match(text[end : end + 60])
                or _RETIRED_BEFORE.search(text[max(0, start - 130) : start])
                or _NOT_A_RAISE_CLAUSE.search(text[max(0, start - 150) : start])
                or _MAY_ADD_BEFORE.search(text[max(0, start - 300) : start])
                or (_INVESTING_TOTAL_BEFORE.search(text[max(0, start - 150) : start]) is not None
                    and _ALL_CAPEX_AFTER.match(text[end : end + 160]) is None)
                or (_HOLDS_BEFORE.search(text[max(0, start - 40) : start]) is not None
                    and (_OUTSTANDING_AFTER.match(text[end : end + 400]) is not None or _DEBT_STOCK_AFTER.match(text[end : end + 60]) is not None))
                or (_PAID_BEFORE.search(text[max(0, start - 200) : start]) is not None and _AT_MATURITY_AFTER.match(text[end : end + 200]) is not None))


# the next item of a list of notes after a vetoed one: "the full redemption of the $500 million
# aggregate principal amount of the First Lien Notes due 2025, the $300 million aggregate principal
# amount of the First Lien Notes due 2026, and the $73.5 million aggregate principal amount of the
# First Lien Toggle Notes due 2026" (AMC's 10-Q; the mention audit of 3.83): all three redeemed
_NEXT_IN_LIST = re.compile(
    r"\s+(?:in\s+)?(?:aggregate\s+)?principal\s+amount\s+of\s+(?:the\s+|our\s+|its\s+)?[^.;$€£()]{0,90}?,\s+(?:and\s+)?(?:the\s+)?$", re.I)


def _totals_and_parts(moneys: list[Money | None]) -> dict[int, str]:
    """Which amounts of a sentence are a total and which its parts: "$1 billion of notes
    comprised of a $600 million tranche and a $400 million tranche", or the parts first and "a
    total of $1 billion" after (a feature: which of them the labels take is the model's to learn).
    An amount equal (within 0.5%) to the sum of two or more amounts next to it, in the same
    currency, is a total ("total-first" or "total-last"); those amounts are its parts."""
    out: dict[int, str] = {}
    values = [(m.value if m.value is not None else m.high, m.currency) if m is not None else (None, None) for m in moneys]
    n = len(values)
    for i, (v, cur) in enumerate(values):
        if not v or n < 3:
            continue
        for lo, hi, where in ((i + 1, n, "first"), (0, i, "last")):
            run = range(lo, hi) if where == "first" else range(hi - 1, lo - 1, -1)
            total, used = 0.0, []
            for j in run:
                vj, cj = values[j]
                if not vj or cj != cur:
                    break
                total += vj
                used.append(j)
                if len(used) >= 2 and abs(total - v) <= 0.005 * v:
                    out[i] = f"total-{where}"
                    for k in used:
                        out.setdefault(k, f"part-{where}")
                    break
                if total > v * 1.005:
                    break
    return out


def _sentence_events(
    sent: Span,
    orgs: list[Span],
    amounts: list[Span],
    money_by_start: dict[int, Money],
    ctx: _Context,
    doc_year: int | None,
    decider: Decider | None = None,
) -> list[Event]:
    text = span_text(sent)
    if decider is not None and ctx.document.kind == "filing" and " | " in text and (not _HAS_SCALE.search(text) or _NOTES_DUE_ROW.match(text) or _SIZED_DEBT_DATED_ROW.match(text)):
        # A filing's table row of bare figures: statement rows and term sheets are read by
        # monitor.nlp.tables; the rest (debt tables of notes and their balances, fair values,
        # maturities) hold no raises, and the decider never saw such a row in training. A row
        # that writes "$8 - $9 billion" (an outlook table) is still the decider's, unless its label
        # is notes due in a year ("5.50 % Notes due 2024 ( 500 MM 1.2756 GBP ) | 637", Johnson &
        # Johnson's table of its debt): a balance.
        return []
    base = sent.start_char
    triggers = _triggers(text, every=decider is not None)
    if decider is None and not any(t.kind != "neg" for t in triggers):
        return []
    out: list[Event] = []
    offsets: dict[int, int] = {}  # where each event's amount starts in the sentence
    starts = [ent.start_char - base for ent in amounts]
    totals = _totals_and_parts([_money_for(ent, money_by_start) for ent in amounts]) if decider is not None else {}
    heading = _list_heading(sent) if decider is not None else None  # once per sentence, not per amount
    vetoed_end: int | None = None  # where the last amount a veto dropped ends
    for n, ent in enumerate(amounts):
        money = _money_for(ent, money_by_start)
        if money is None:
            continue
        s, e = money.start - base, money.end - base
        prior = PRIOR_FIGURE.search(text[max(0, s - 60) : s])
        verdict, why, trigger = _rule_verdict(text, s, e, money, triggers, starts, prior, out, doc_year)
        status: str | None = None
        confidence = None
        if decider is not None:
            clause = _clause_bounds(text, s, e)
            candidate = Candidate(
                text=text, start=s, end=e, money=money, triggers=triggers, rule=verdict, why=why,
                kind=ctx.document.kind, index=n, count=len(amounts),
                org_before=any(o.end_char - base <= s for o in orgs), org_after=any(o.start_char - base >= e for o in orgs),
                extra={"others": [x for x in starts if x != s], "status": _rule_statuses(text, s, e, clause),
                       "cues": _status_cues(text, s, e, clause), "sum": totals.get(n)},
            )
            decision = decider.decide(candidate)
            if decision is None or why == "difference":
                continue  # a change is never an event (docs/labelling.md, section 2; no train or dev label is one)
            if _not_a_raise(text, s, e) or (vetoed_end is not None and _NEXT_IN_LIST.match(text, vetoed_end, s)):
                vetoed_end = e  # the next principal amount of the same list shares the veto
                continue
            vetoed_end = None
            if heading and _not_a_raise(f"{heading}\n{text}", s + len(heading) + 1, e + len(heading) + 1):
                continue  # a bullet under "Repaid $924 million of debt including the following:"
            etype, status, confidence = decision
            if (etype == "capex" and why in ("prior-guidance", "prior-figure") and _superseded(text, e, doc_year)
                    and (why == "prior-guidance" or any(o.type == "capex" for o in out))):
                continue  # "lowered its capex guidance to $895 million from $990 million": the previous value
            if etype == "debt" and _MARKET_DEBT_BEFORE.search(text[max(0, s - 90) : s]):
                continue  # a market's borrowing, not one borrower's (guideline: a debt event has one borrower)
            if etype == "debt":
                status = debt_status(status, text, s, e)
            if trigger is None or trigger.kind != etype:
                near = _nearest_trigger([t for t in triggers if t.kind == etype], s, e)
                trigger = near or _Trigger(etype, s, s, "")
        elif verdict is None or trigger is None:
            continue
        else:
            etype = verdict
        if etype == "debt":
            trigger = _sized_noun(text, s, triggers, trigger)  # "a Term Loan in the amount of $7,022,300 and a Revolving Loan"
        ev = _draft_event(sent, orgs, text, s, e, money, etype, trigger, prior if why == "prior" or (prior and etype == "capex") else None,
                          out, ctx, doc_year, status, money_by_start, base, decider, candidate if decider is not None else None, heading)
        if confidence is not None:
            ev.confidence = round(confidence, 3)
        if decider is not None and etype == "debt" and ev.company is None and not ev.companies:
            continue  # borrowing is a named borrower's (docs/labelling.md, section 3; no train/dev debt event lacks one)
        if ev.company and _is_government(ev.company) and not ctx.companies.resolve(ev.company, mention=True):
            continue  # states, countries and their treasuries are not companies (docs/labelling.md, section 6)
        out.append(ev)
        offsets[id(ev)] = s
        if etype == "capex":
            for twin in _year_twins(ev, text, s, e, doc_year):
                out.append(twin)
                offsets[id(twin)] = s
    _same_notes(out, text, offsets, ctx)
    if decider is not None:
        # the decider weighs totals and their parts itself (docs/labelling.md, section 6)
        return _standing_total(_net_beside_principal(out, text, offsets), text, offsets)
    return _tranches(out, text, offsets)


_LISTED_AMOUNT_BEFORE = re.compile(r"\d(?:\s*(?:billion|million|bn|mn|m|b))?\s*,?\s*(?:and\s+)?$", re.I)
# one figure for two years: "Annual capital expenditures were approximately $1.1 billion in 2023 and 2022"
_TWO_YEARS_AFTER = re.compile(r"\s+(?:in|for|during)\s+(?:each\s+of\s+)?(?:fiscal\s+(?:years\s+)?)?((?:19|20)\d{2})\s+and\s+((?:19|20)\d{2})\b(?!\s*,?\s*(?:respectively|combined|together|in\s+total|in\s+(?:the\s+)?aggregate))")


# one figure for each of several years: "to exceed $10.00 billion in 2024 and be between $8.00 to
# $10.00 billion in each of the following two fiscal years", "between $5.00 to $7.00 billion in 2022
# and each of the next two fiscal years" (Tesla's 10-Ks)
_EACH_YEAR_AFTER = re.compile(r"\s+(?:(?:in|for)\s+((?:19|20)\d{2})\s*,?\s+and\s+)?(?:in\s+|for\s+)?each\s+of\s+the\s+"
                              r"(?:following|next|coming|subsequent)\s+(two|three|four|five|2|3|4|5)\s+(?:fiscal\s+)?years\b", re.I)


def _year_twins(ev: Event, text: str, s: int, e: int, doc_year: int | None) -> list[Event]:
    """The other events of a capex figure stated for several years, `ev` being the first: "were
    approximately $1.1 billion in 2023 and 2022" is each year's (Bristol-Myers' 10-K), but not
    "$58.3 billion, and $48.1 billion in 2022 and 2023" (a list, a year each); "in each of the
    following two fiscal years" is each year after the last one the sentence named before it (else
    after the document's year), "in 2022 and each of the next two fiscal years" that year and each
    after it (`ev` takes the first year)."""
    both = _TWO_YEARS_AFTER.match(text, e)
    if both:
        if (ev.period and ev.period.endswith(both.group(1)) and ev.period.removesuffix(both.group(1)) in ("", "FY")
                and not _LISTED_AMOUNT_BEFORE.search(text, max(0, s - 40), s)):
            return [replace(ev, period=ev.period.removesuffix(both.group(1)) + both.group(2))]
        return []
    m = _EACH_YEAR_AFTER.match(text, e)
    if m is None:
        return []
    word = m.group(2).lower()
    count = int(word) if word.isdigit() else NUMBER_WORDS[word]
    if m.group(1):
        years = [int(m.group(1)) + k for k in range(count + 1)]
    else:
        before = re.findall(r"\b((?:19|20)\d{2})\b", text[:s])
        base = int(before[-1]) if before else doc_year
        if base is None:
            return []
        years = [base + k for k in range(1, count + 1)]
    prefix = "FY" if (ev.period or "").startswith("FY") else ""
    ev.period = f"{prefix}{years[0]}"
    return [replace(ev, period=f"{prefix}{y}") for y in years[1:]]


_SPECIFIC_NOTES = ("senior notes", "convertible notes")
_THE_NOTES = re.compile(r"\b(?:the|such|these)\s+(?:[“\"]?)notes\b|\bNotes\b")


def _same_notes(events: list[Event], text: str, offsets: dict[int, int], ctx: _Context) -> None:
    """Bare "notes" that are the senior or convertible notes named before them: the series of an
    issue ("two series of senior unsecured notes ..., consisting of $750 million of 4.90% notes
    due in 2033"), or the document's defined notes later on ("convertible senior notes due 2025
    (the “notes”)" ... "the aggregate principal amount of the notes sold was $650 million")."""
    named = ctx.notes
    for ev in events:
        if ev.type != "debt":
            continue
        if ev.instrument in _SPECIFIC_NOTES:
            named = ev.instrument
        elif ev.instrument == "notes" and named is not None:
            at = offsets.get(id(ev), 0)
            if any(e.instrument == named and offsets.get(id(e), 0) < at for e in events) or \
                    _THE_NOTES.search(text[max(0, at - 120) : at + 80]):
                ev.instrument = named
    ctx.notes = named


_BULLET = re.compile(r"^\s*[▪•●◦·‣∙○■□➢►–—*-]\s*")


def _list_heading(sent: Span) -> str | None:
    """The line a bulleted item hangs under ("In May 2023, we issued three series of senior
    notes consisting of:", "Repaid $924 million of debt including the following:"): its verb and
    its date are the item's. None when the sentence is not a bullet or no heading ends in a colon."""
    if not _BULLET.match(sent.text):
        return None
    text = doc_text(sent.doc)
    span = _heading_span(text, sent.start_char)
    return None if span is None else _BULLET.sub("", text[span[0] : span[1]].strip())


# a heading that announces its items without a colon: "November 2023 Issuance. In November 2023, we
# issued three tranches of senior notes." over "•The first tranche consisted of $500 million of
# 5.125% senior notes ..." (Home Depot's 10-K)
_TRANCHE_HEADING = re.compile(r"\b(?:issued|sold|priced|completed|entered\s+into)\b[^.\n]{0,60}?\b(?:two|three|four|five|six|seven|eight|\d)\s+"
                              r"(?:tranches|series)\b[^\n]{0,80}\.$", re.I)


def _heading_span(text: str, at: int) -> tuple[int, int] | None:
    """Where the heading line of the bulleted item starting at `at` stands in `text` (the first
    line above it, over the other items, that ends in a colon or announces tranches: see
    _TRANCHE_HEADING), or None."""
    end = at
    for _ in range(60):
        if end <= max(0, at - 3000):
            return None
        start = text.rfind("\n", 0, max(0, end - 1)) + 1
        line = text[start:end].strip()
        if line.endswith(":") or _TRANCHE_HEADING.search(line):
            return start, end  # a heading may be an item of a list above it
        if line and not _BULLET.match(line):
            return None
        if start == 0:
            return None
        end = start - 1
    return None


def _items_as_their_heading(events: list[Event], text: str) -> list[Event]:
    """A bulleted part of a raise its heading states ("On October 9, 2020, the Company ... agreed to
    borrow $150.0 million of senior unsecured notes ..., consisting of two separate tranches: •
    7-year borrowing: $70.0 million priced at 2.77% coupon", AZZ's 10-K) was raised when and as the
    whole was: its status is the heading's, and so are its period and history unless it is dated
    otherwise, and its instrument when it names none of its own but "loan", "notes" or "debt"."""
    for ev in events:
        if ev.type != "debt" or not _BULLET.match(ev.sentence):
            continue
        span = _heading_span(text, ev.start)
        if span is None:
            continue
        heads = [h for h in events if h.type == "debt" and span[0] <= h.start < span[1] and not _BULLET.match(h.sentence)]
        if not heads or _value(heads[-1]) is None or (_value(ev) or 0) > (_value(heads[-1]) or 0):
            continue
        head = heads[-1]
        if ev.period is None or ev.period == head.period:  # an item with its own date keeps its own history
            ev.period, ev.history = head.period, head.history
        ev.status = head.status
        if ev.instrument in (None, "loan", "notes", "debt") and head.instrument:
            ev.instrument = head.instrument  # "7-year borrowing" of "senior unsecured notes"
    return events


_NET_PROCEEDS = re.compile(r"\bnet\s+(?:aggregate\s+)?proceeds\s+(?:(?:from|of)\s+the\s+(?:sale|issuance|offering)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?(?=were|was|totall?ed))?"
                           r"(?:of|were|was|totall?(?:ed|ing))?\s*(?:approximately\s+|about\s+|roughly\s+)?$", re.I)  # "The net proceeds from the sale of the Notes were approximately $1.4 billion"


def _has_principal(net: float, others: list[float | None]) -> bool:
    """Whether one of `others` is the principal `net` proceeds came from (up to 6% more)."""
    return any(net <= (o or 0.0) <= net * 1.06 for o in others)


# "we issued $575.0 million of ... notes ... and received proceeds of $562.1 million, after
# deducting the underwriters' discounts" (Pure Storage's 10-K): net proceeds by another name
_PROCEEDS_BEFORE = re.compile(r"\bproceeds\s+(?:of\s+)?(?:approximately\s+|about\s+)?$", re.I)
_AFTER_DEDUCTING = re.compile(r"[^;]{0,70}?\b(?:after\s+deducting|net\s+of\s+(?:the\s+)?(?:underwriting|initial\s+purchasers|discounts?))", re.I)


def _net_beside_principal(events: list[Event], text: str, offsets: dict[int, int]) -> list[Event]:
    """"net proceeds of $498.6 million ... the issuance of $500.0 million of notes": a raise is one
    event at its principal; its net proceeds are one only when no principal is given
    (docs/labelling.md, section 7)."""
    debts = [e for e in events if e.type == "debt" and _value(e)]
    drop = set()
    for ev in debts:
        at = offsets.get(id(ev))
        if at is None or not (_NET_PROCEEDS.search(text[max(0, at - 60) : at])
                              or (_PROCEEDS_BEFORE.search(text[max(0, at - 40) : at]) and _AFTER_DEDUCTING.match(text, at, at + 90))):
            continue
        if _has_principal(_value(ev) or 0.0, [_value(o) for o in debts if o is not ev]):
            drop.add(id(ev))
    return [e for e in events if id(e) not in drop]


# "borrowings up to $5.0 billion, which consist of a five-year $3.5 billion credit facility and a
# 364-day $1.5 billion credit facility"
_CONSISTS_AFTER = re.compile(r"^[^.;$]{0,60}?\b(?:consist(?:s|ed|ing)?\s+of|compris(?:es|ed|ing)|composed\s+of)\b", re.I)
# the sentence enters, issues or signs what it sums: a raise's total, kept beside its tranches
_ENTERED_BEFORE = re.compile(r"\b(?:issu(?:ed|es|ing)|entered\s+into|enters\s+into|sold|priced|obtained|closed|raised|"
                             r"completed|signed|arranged|borrowed|amended|replaced|refinanced)\b", re.I)


def _standing_total(events: list[Event], text: str, offsets: dict[int, int]) -> list[Event]:
    """A standing facility described as a sum of parts is one history event per part
    (docs/labelling.md, section 6): the sum, followed by "consisting of" and the parts that add
    up to it (within 2%), is dropped, and each of those parts is history as the sum was (the last
    of a long list may stand too far from the description for is_history to see it). A raise
    keeps its total beside its tranches, even one of years ago ("In September 2021, we issued ...
    an aggregate principal amount of $1.5 billion, consisting of")."""
    debts = [e for e in events if e.type == "debt" and _value(e) and id(e) in offsets]
    drop = set()
    for ev in debts:
        at = offsets[id(ev)]
        if not ev.history or not _CONSISTS_AFTER.match(text[at + len(ev.amount_text or "") :]) \
                or _ENTERED_BEFORE.search(text[:at]):
            continue
        total = _value(ev) or 0.0
        later = sorted((o for o in debts if offsets[id(o)] > at), key=lambda o: offsets[id(o)])
        parts = [_value(o) or 0.0 for o in later]
        run = 0.0
        for k, v in enumerate(parts):
            run += v
            if k >= 1 and abs(run - total) <= 0.02 * total:
                drop.add(id(ev))
                for part in later[: k + 1]:
                    part.history = True  # "..., and $2.1 billion of local credit facilities": standing like the rest
                break
    return [e for e in events if id(e) not in drop]


_STANDING = re.compile(
    # ("We also have a $575 million commercial paper program", Nvidia's 10-K; "We currently have one $12,000
    # revolving credit agreement", AT&T's)
    # ("As of December 31, 2023, we had nine loan funding facilities", Rocket's 10-K)
    r"\b(?:we|the\s+company|it)\s+(?:also\s+|currently\s+|still\s+)?(?:have|has|had|maintain\w*)\s+"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several)\b|\$)|"
    # ... or named at a balance date: "As of June 30, 2023, BMS had a five-year $5.0 billion revolving
    # credit facility expiring in January 2028" (Bristol-Myers Squibb's 10-Q; the mention audit of 3.83)
    r"\b(?:as\s+of|at)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4},\s+(?-i:[A-Z])[\w&.-]*(?:\s+(?-i:[A-Z])[\w&.-]*){0,2}\s+"
    r"(?:also\s+)?(?:had|has|maintained|maintains)\s+(?:a|an|one|two|three)\b|"
    # "... which consists of $3,200 of total commitments, each remain in effect" (Boeing's 10-Q)
    r"\bexisting\b|\bavailable\s+under\b|\bremains?\s+in\s+effect\b|"
    # a programme the company has: "3M's commercial paper program permits the Company to have a maximum
    # of $5 billion outstanding", "we have availability to borrow under a revolving credit facility"
    # (Thermo Fisher)
    r"\bcommercial\s+paper\s+program(?:me)?s?\b[^.;]{0,80}?\b(?:permits|allows|under\s+which|may\s+issue|we\s+may\s+issue)\b|"
    r"\bunder\s+(?:our|its|the)\s+commercial\s+paper\s+program(?:me)?s?\s*,\s+(?:we|the\s+company|it)\s+may\b|"
    r"\b(?:we|the\s+company|it)\s+(?:also\s+)?(?:have|has)\s+availability\s+to\s+borrow\b|"
    r"\b(?:we|the\s+company|it)\s+(?:also\s+)?(?:have|has)\s+the\s+ability\s+to\s+(?:draw\s+on|borrow\s+under)\b|"  # Johnson Controls
    # "we had cash ... and had a $2.5 billion revolving credit facility under which we had no
    # borrowings outstanding" (Flex's 10-Q)
    r"\band\s+(?:also\s+)?(?:have|has|had)\s+(?:a|an|one)\s+[$€£]|"
    r"\bunder\s+which\s+(?:we|the\s+company|it)\s+(?:had|have|has)\s+no\s+(?:borrowings|amounts|loans)\s+outstanding\b|"
    # "our lenders have provided us an additional $304 million in lines of credit" (Pfizer), "We are
    # authorized to borrow up to $10.0 billion under a U.S. commercial paper program" (UPS), "continues
    # to have access to our five-year, $10.0 billion ... credit facilities" (GM), "The Five-Year Credit
    # Agreement enables us ... to borrow up to $4.2 billion" (PepsiCo), "provides revolving credit
    # facilities of $1.0 billion, and expires on December 5, 2023" (UPS)
    r"\blenders\s+have\s+provided\s+(?:us|the\s+company)\b|\b(?:are|is)\s+authori[sz]ed\s+to\s+(?:borrow|issue)\b|"
    r"\b(?:continues?\s+to\s+)?ha(?:ve|s)\s+access\s+to\s+(?:our|its|the)\b|"
    r"\bcredit\s+agreement\s+(?:enables|allows|permits)\s+(?:us|the\s+company|it)\b|\bexpires\s+on\b|"
    # "There were no borrowings outstanding under our $5.0 billion revolving credit facility"
    r"\b(?:borrowings|amounts|loans)\s+outstanding\s+under\s+(?:our|the|its|their)\b|"
    # "we have back-up credit facilities with a consortium of banks", "a commercial paper program under which we can issue"
    # ("We have in place committed revolving credit facilities totaling $13.5 billion", GE's 10-K)
    # ("we maintained committed, revolving, secured borrowing facilities", American Express's 10-Q)
    r"\b(?:we|the\s+company|it)\s+(?:have|has|had|maintain\w*)\s+(?:in\s+place\s+)?(?:[\w-]+,?\s+){0,3}?(?:credit|back-?up|revolving|committed|bank|borrowing)\s+"
    r"(?:facilit\w*|lines?|agreements?)\b|\bprogram(?:me)?\s+under\s+which\b|"
    # a debt table's heading for notes issued before ("$ 850 million note issuance")
    r"(?:^|\n)\s*[$£€]\s?[\d.,]+\s+(?:million|billion)\s+notes?\s+issuance\b|"
    r"\b(?:which|that)\s+(?:expires|matures)\b|\bpreviously\s+(?:issued|entered)\b|\bremain(?:s|ed)?\s+(?:undrawn|available)\b|"
    # "The Company is a party to a $1,500 million unsecured commercial paper program", "These mortgage
    # credit facilities consist of a $125 million repurchase facility ... and a $75 million ..."
    r"\b(?:is|are)\s+(?:a\s+)?part(?:y|ies)\s+to\b|\b(?:facilit(?:y|ies)|lines|agreements|programs?)\s+consists?\s+of\b",
    re.I,
)
# a programme or facility a filing calls the company's by its size, the amount being that size:
# "Liquidity is also provided by our $3 billion commercial paper program" (Nike's 10-K), "our $6.0
# billion, five-year revolving credit agreement" (Oracle's 10-Q); not one the sentence changes
# ("our 364-day, $2.0 billion facility allocated for exclusive use of GM Financial")
_OUR_BEFORE = re.compile(r"\bour\s+(?:[\w-]+-(?:day|month|year),?\s+)?$", re.I)
_STANDING_NOUN_AFTER = re.compile(r",?\s+(?:[\w-]+,?\s+){0,3}?(?:commercial\s+paper\s+program(?:me)?|revolving\s+credit\s+(?:facility|agreement)|"
                                  r"(?:credit\s+)?facilit(?:y|ies))\b", re.I)
_CHANGED_BEFORE = re.compile(r"\b(?:amend\w*|extend\w*|renew\w*|upsiz\w*|increas\w*|expand\w*|refinanc\w*|replac\w*|enter\w*|"
                             r"terminat\w*|reduc\w*|establish\w*|obtain\w*|clos\w*)\b[^.;]*$", re.I)
# "The new facility includes a $270 million term loan that matures in five years": a facility
# the words call new is not a standing one, whatever else they say of it
_NEW_FACILITY = re.compile(r"\bnew\s+(?:[\w$.,-]+\s+){0,4}?(?:facilit(?:y|ies)|(?:term[- ])?loans?|notes|bonds|revolv\w*|credit)\b", re.I)
# "renewed and extended its existing 364-day revolving credit facility": an existing facility
# renewed, extended or upsized is the period's event (the guideline's "new, upsized or extended")
_RENEWED_EXISTING = re.compile(
    r"\b(?:renew\w*|extend\w*|amend\w*|upsiz\w*|increas\w*|expand\w*)\s+(?:and\s+\w+\s+)?(?:its|our|the|their)\s+existing\b", re.I)
# In a filing, a facility described rather than entered: a subsidiary's ("ESS Metron, a wholly
# owned subsidiary of the Company, has a $10.0 million Credit and Security Facility") or one
# named by its size ("The $6.0 million Revolving Line of Credit has a term of one year")
_DESCRIBED = re.compile(
    r"\bsubsidiary\b[^.;]{0,60}?,\s+(?:has|had|maintains)\s+(?:a|an)\b|"
    # "As of July 31, 2021, the Vail Holdings Credit Agreement consists of a $500.0 million revolving
    # credit facility and a $1.1 billion term loan": an agreement's parts at a date
    r"\b(?:as\s+of|at)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4},\s+(?:the|our|its)\s+[^.;$]{0,80}?\b(?:consists|comprises|is\s+comprised)\s+of\b|"
    # "Total Company committed credit lines ... at June 30, 2023 were $19.3 billion, consisting of":
    # the facilities standing at a date
    r"\b(?:credit\s+lines|lines\s+of\s+credit|credit\s+facilities)\b[^.;]{0,80}?\b(?:at|as\s+of)\s+"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}|(?:the\s+)?(?:end\s+of\s+the\s+(?:year|quarter)|year[- ]end|quarter[- ]end))\s*,?\s+(?:were|was|totall?ed)\b|"
    r"\bthe\s+[$€£]\s?[\d.,]+\s+(?:million|billion)\s+(?:[A-Za-z-]+\s+){0,5}?(?:has|bears|matures|expires)\s+(?:a\s+term|interest|on|in)\b|"
    # what a standing agreement provides: "Finally, the Credit Facility provides for a loan up to
    # $1,000,000 on a revolving basis", "... Agreement, which provides us with an interest-free loan"
    r"\b(?:facility|agreement|loan)[\"”)]?,?\s+(?:which\s+)?provides?\s+(?:for|us\s+with)\b|\bwe\s+retain\b|"
    # "The secured, multi-currency revolving credit facility can be drawn upon for general corporate
    # purposes up to a maximum of $400,000" (H.B. Fuller's 10-K)
    r"\b(?:facility|line\s+of\s+credit|agreement)\s+(?:can|may)\s+be\s+drawn\s+(?:up)?on\b",
    re.I)
_ONE_PERIOD = re.compile(r"^(?:(?:Q[1-4]|H[12])\s+)?(?:FY)?\d{4}$")
_SPAN_PERIOD = re.compile(r"\d{4}\s*-\s*(?:FY)?\d{4}|\bnext\b.*\byears\b")
_FORECAST_BEFORE = re.compile(r"\b(?:expects?|expected|forecasts?|forecasted|projects\s+(?:capital|capex|spending|to)|projected|projection|guidance|outlook|budget(?:ed)?|"
                              r"anticipates?|anticipated|estimates?|estimated|will\s+(?:reach|be|total|range|rise|climb|fall)|to\s+(?:reach|total|range))\b[^.;$]*$", re.I)
_SPENT_BEFORE = re.compile(r"\b(?:spent|spending\s+was|were|was|totall?ed|invested|incurred|deployed|deploying|contributed|paid|reduc\w+|cut)\b[^.;]*$", re.I)
_PROJECT_WORD = re.compile(r"\b(?:project|plant|mine|factory|fab|refinery)\b", re.I)
_CAPEX_WORD = re.compile(r"\bcapital\s+(?:expenditures?|spending|investments?|budget)\b|\bcapex\b", re.I)
_ENTERED = re.compile(r"\b(?:entered\s+into|obtained|closed\s+on|executed|issued|borrowed|amended\s+and\s+restated|(?<!have\s)(?<!has\s)(?<!also\s)established)\b", re.I)  # ("we have also established a program": it stands)
_PERIOD_YEAR = re.compile(r"(\d{4})(?!.*\d{4})")


def blank_renewals(text: str) -> str:
    """The text with each "renewed ... its existing" blanked (same length): what is_history reads,
    so that a window cut after the verb does not leave a bare "existing" in it."""
    return _RENEWED_EXISTING.sub(lambda m: " " * len(m.group()), text)


def is_history(period: str | None, around: str, kind: str, published: str | None, report_fy: int | None = None,
               named_fy: int | None = None, lead: str = "") -> bool:
    """Debt that is not news: raised before the document's window (a 10-K recalls notes issued
    years ago; a story recalls last year's bond), or a standing facility described, not entered.
    The window: the fiscal year a filing covers when its period of report is known
    (docs/labelling.md, 8a: the fiscal 2023 notes recalled in a fiscal 2024 10-K are history);
    otherwise the reporting year and the one before it for filings and calls, the document's own
    year for news. `around`: the words around the amount, as blank_renewals gives them.
    `named_fy`: the filing's year as its prose names it; a fiscal year the words name ("during
    fiscal 2023") is compared with it, a period read from a date with `report_fy` (docs/labelling.md, 7).
    `lead`: the sentence's words before `around`, read only for a facility they call new."""
    # a dated entry is judged by its date below, however the sentence describes the loan: "On July
    # 11, 2008 we entered into ... a term loan ... of $375 million that matures in three years"
    entered = period is not None and _ENTERED.search(lead + around) is not None
    if not entered and ((_STANDING.search(around) and not _NEW_FACILITY.search(lead + around)) or (kind == "filing" and _DESCRIBED.search(around))):
        return True
    m = _PERIOD_YEAR.search(period or "")
    if not m:
        return False
    year = int(m.group(1))
    if kind == "filing" and report_fy is not None:
        if named_fy is not None and "FY" in period and (
                _names_fiscal_year(around, year) or named_fy != report_fy and _names_year(around, year)):
            # "during fiscal 2023"; a filer that names its years by the one they begin in also
            # writes them bare ("During 2023, the Company issued", Lowe's fiscal 2023 10-K)
            return year < named_fy
        return year < report_fy
    if not published or not published[:4].isdigit():
        return False
    now = int(published[:4])
    return year < now - 1 if kind in ("filing", "transcript") else year < now


def _names_fiscal_year(text: str, year: int) -> bool:
    """Whether the words name this fiscal year ("fiscal 2023", "fiscal year 2023", "FY23")."""
    return re.search(rf"\bfiscal\s+(?:year\s+)?{year}\b|\bFY\s?'?(?:{year}|{year % 100:02d})\b", text, re.I) is not None


def _names_year(text: str, year: int) -> bool:
    """Whether the words name this year on its own ("During 2023"), not as a part of a figure."""
    return re.search(rf"(?<![\d$.,]){year}(?![\d,])", text) is not None


# a sentence that speaks of the agreement the one before entered: "The Credit Agreement provides
# for a revolving credit facility ...", "The Facility provides for"
_REFERS_BACK = re.compile(
    r"^\s*The\s+(?:(?:[A-Z][\w-]*\s+){0,4}?(?:Credit\s+Agreement|Loan\s+Agreement|Agreement|Amendments?|Facility|Facilities|Revolver|"
    r"Commitments?)|(?:amended(?:\s+and\s+restated)?|new)\s+(?:(?:revolving\s+)?credit\s+)?(?:facility|agreement))"  # "The amended facility provides" (Citi Trends)
    r"[\"”)]?,?\s+(?:currently\s+)?"  # "The Bridge Commitment currently provides for" (Synopsys)
    r"(?:to\s+(?:the|its|our)\s+(?:[A-Z][\w-]*\s+){0,3}?(?:Credit\s+Agreement|Agreement)\s+)?"  # "The Sixth Amendment to the Credit Agreement provided"
    r"(?:which\s+)?(?:\((?:i|a|1)\)\s+)?(?:continues\s+to\s+)?(?:provides?|provided|permits?|allows?)\b")  # "The Amendments (i) provided for" (Ziff Davis); "The Credit Agreement continues to provide for" (Build-A-Bear)


def _paragraph_before(sent: Span) -> str:
    """The words of the sentence's paragraph before it (1,000 characters at most: Synopsys's "On
    February 13, 2024, we entered into the Term Loan Agreement ..." runs to 590); for a sentence
    that opens its paragraph, the paragraph before (Sonos's 10-Q gives "On October 13, 2021, the
    Company entered into a Revolving Credit Agreement ..." a paragraph of its own, then "The
    Revolving Credit Agreement provides for ... up to $100.0 million")."""
    window = doc_text(sent.doc)[max(0, sent.start_char - 1000) : sent.start_char]
    tail = window[window.rfind("\n\n") + 1 :]
    for _ in range(3):
        if tail.strip() and not _PAGE_MARK.fullmatch(tail.strip()):
            break
        # a blank, or a page's number or running head between the paragraphs ("17", "Table of
        # Contents"): the paragraph before it
        window = window[: window.rfind("\n\n") + 1].rstrip()
        tail = window[window.rfind("\n\n") + 1 :]
    return tail


_PAGE_MARK = re.compile(r"(?:page\s+)?\d{1,3}|table\s+of\s+contents|[ivx]{1,5}", re.I)


# a sentence dated by the one before it
_SAME_DATE = re.compile(r"\b(?:on|as\s+of)\s+(?:the\s+same|that|such)\s+(?:date|day)\b|\bsame[- ]day\b|\bconcurrently\s+with\s+the\b", re.I)


def _date_before(sent: Span, published: str | None, fy_end: int | None, kind: str, index: int = -1, count: int = 1) -> str | None:
    """The period of the last date the sentence's paragraph names before it (1,000 characters back);
    of the k-th date when the sentence has as many amounts as the paragraph dates ("On June 10,
    2022, ... a Fifth Amendment ... and on September 15, 2022, ... a Sixth Amendment. The Fifth
    Amendment ... provided for ... $90.0 million ... and the Sixth Amendment ... $22.3 million")."""
    window = _paragraph_before(sent)
    dates = sorted((p for p in period_candidates(window, published, fy_end, kind) if p.kind in ("date", "day") and p.start >= 0
                    and not _ENDS_ON_BEFORE.search(window[max(0, p.start - 70) : p.start])
                    and not _AMENDED_DATED_BEFORE.search(window[max(0, p.start - 160) : p.start])), key=lambda p: p.start)
    if not dates:
        return None
    if count > 1 and len(dates) == count and 0 <= index < count:
        return dates[index].value
    return dates[-1].value


# the date of the agreement an amendment amended, not the amendment's: "On December 17, 2021, we
# entered into a First Amendment ... The First Amendment amended the Revolving Credit and Security
# Agreement dated as of August 25, 2020." (Build-A-Bear's 10-K)
_AMENDED_DATED_BEFORE = re.compile(r"\bamend\w*\s+(?:and\s+restated\s+)?(?:the|that|our|its)\s+[^.;]{0,100}?\bdated\s+(?:as\s+of\s+)?$", re.I)
# a date something ends on, not the day it was agreed: "extending the maturity date of the Credit
# Facility to December 2028" (Medtronic's 10-K), "which expires in December 2027"
_ENDS_ON_BEFORE = re.compile(r"\b(?:matur\w*|expir\w*|due|terminat\w*)\b[^.;]{0,50}?\b(?:to|in|on|until|of)\s+$|\b(?:until|through)\s+$", re.I)


# a news wire's slug before a headline's first name: "BRIEF-Fiskars", "LPC-AB InBev", "UPDATE 2-Ford"
_WIRE_PREFIX = re.compile(
    r"^(?:BRIEF|UPDATE(?:\s+\d+)?|LPC|TRLPC|IFR|EXCLUSIVE|RPT|REFILE|CORRECTED|ANALYSIS|FACTBOX|WRAPUP(?:\s+\d+)?|"
    r"DEALTALK|BUZZ|PRESS\s+DIGEST|INSTANT\s+VIEW|HIGHLIGHTS|TIMELINE|PREVIEW)\s*[-:]\s*(?=[A-Z])"
)
_SPAN_ORG = re.compile(r"\b[A-Z][\w&'’.-]*(?:(?:\s+(?:of|and|&|de|for|du|la|del)\s+|\s+)[A-Z][\w&'’.-]*){0,5}")


# a name's last word that keeps its full stop: a legal form or an initial ("Inc.", "U.S.", "J.P.")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|\.[A-Za-z]|\b(?:Inc|Corp|Co|Cos|Ltd|Bros|Bhd|Pvt|Pte|Pty|Tbk|Plc|PLC|Ltda|Intl|Mfg|Jr|Sr|St))\.$")


# a compound that describes the name after it: "Gautam Adani-led Adani group", "Blackstone-owned QTS"
_LED_BY = re.compile(r"[a-z]-(?:led|owned|backed|controlled|based|listed|run|headquartered)$")


# the trade a company's name ends on, after a word that alone may be another company's name
_TRADE_AFTER = re.compile(
    r" (?:[A-Z][a-z]+ ){0,2}(?:Tyres|Tires|Finance|Financial|Housing|Energy|Motors|Motor|Steel|Power|Cinemas|Hospitals|Pharma|"
    r"Cement|Telecom|Industries|Infrastructure|Realty|Properties|Airlines|Airways|Petroleum|Chemicals|Foods|Textiles|Ports|"
    r"Logistics|Electric|Utilities|Mining|Metals|Resources|Shipping|Shipyard|Refineries|Fertilizers|Auto|Autos)\b")


# a possessive that is part of a name: "Divi’s Laboratories", "Lowe's Companies", "Dillard's Stores"
_FORM_AFTER_POSSESSIVE = {"Laboratories", "Labs", "Companies", "Industries", "Restaurants", "Stores", "Pizza", "Foods",
                          "Entertainment", "Pharmaceuticals", "Pharma", "Club"}


def _opens_sentence(text: str, at: int) -> bool:
    """Whether nothing but quotes or a bracket stands before `at` in the sentence."""
    return not text[:at].strip(" \"“‘'(")


def _name_ref(ctx: _Context, name: str, text: str, at: int) -> CompanyRef:
    """The company a capitalised name of running text stands for: a configured or known one, a
    configured company's short form written as a name inside a sentence ("developer Vantage
    obtaining a US$3-billion green loan"; never the word that opens it), else the name itself."""
    ref = ctx.companies.resolve(name, mention=True)
    if ref is None and not _opens_sentence(text, at):
        ref = ctx.companies.short_form(name)
    return ref or CompanyRef(name=name, configured=False)


def _org_candidates(sent: Span, orgs: list[Span], ctx: _Context, rule: CompanyRef | None) -> list[tuple[OrgCandidate, CompanyRef | None]]:
    """Every organisation the amounts of a sentence may belong to, with the company each one
    stands for: configured companies named in the sentence, names with a legal suffix, other
    capitalised names, the document's own company, the company named last before the
    sentence, and no company at all (a market-wide figure)."""
    text = span_text(sent)
    base = sent.start_char
    out: list[tuple[OrgCandidate, CompanyRef | None]] = []
    taken: list[tuple[int, int]] = []
    seen: set[tuple[str, int]] = set()

    def add(org: OrgCandidate, ref: CompanyRef | None) -> None:
        key = (ref.name if ref else "", org.start)
        if key in seen:
            return
        seen.add(key)
        out.append((org, ref))

    for ent in orgs:
        a, b = ent.start_char - base, ent.end_char - base
        ref = _ref(ent, ctx.companies)
        longer = _TRADE_AFTER.match(text, b)
        if longer is not None:
            # a configured name that opens another company's: "Apollo Tyres" is not Apollo Global
            # Management (configured as "Apollo"); "Ford Motor" resolves to Ford and stays it
            whole = text[a : longer.end()]
            other = ctx.companies.resolve(whole, mention=True)
            if other is None or other.name != ref.name:
                add(OrgCandidate(whole, a, longer.end(), "span"), other or CompanyRef(name=whole, configured=False))
                taken.append((a, longer.end()))
                continue
        add(OrgCandidate(ref.name, a, b, "ent"), ref)
        taken.append((a, b))
    for a, b, name in _legal_orgs(text, 0):
        if any(x < b and a < y for x, y in taken):
            continue
        words = name.split()
        # "Rival Ford Motor Co": Ford Motor; "Japan's Sharp Corp": Sharp; but a country that opens a
        # longer legal name is the name's: "Korea National Oil Corp", "China Petroleum & Chemical Corp"
        while len(words) > 1 and (not _name_start_ok(words) or (words[0].endswith(("'s", "’s")) and is_place(words[0]))):
            if len(words) >= 3 and words[0].istitle() and is_place(words[0]) and _name_start_ok(words[1:]):
                break
            words = words[1:]
        if len(words) == 1 and _DESCRIPTOR.match(words[0]):
            continue  # "State-owned Corporation Bank": "State-owned" is a description, the name a span
        if len(words) < len(name.split()):
            a += name.rfind(" ".join(words))
            name = " ".join(words)
        add(OrgCandidate(name, a, b, "legal"), ctx.companies.resolve(name, mention=True) or CompanyRef(name=name, configured=False))
        taken.append((a, b))
        for k in range(1, min(len(words), 3)):  # "Honda Motor Co" is Honda: the shorter readings too
            short = " ".join(words[:k])
            if len(short) >= 2 and _name_start_ok(short.split()):
                add(OrgCandidate(short, a, a + len(short), "prefix"),
                    ctx.companies.resolve(short, mention=True) or CompanyRef(name=short, configured=False))
    skip = _dateline_end(text)
    spans = [(m.start(), m.group(0)) for m in _SPAN_ORG.finditer(text)]
    for a, name in spans:
        b = a + len(name)
        if b <= skip or _NOTE_REF.search(text, max(0, a - 24), a):
            continue
        if a < skip:
            name, a = name[skip - a:], skip
        heading = _heading_run(name.split())
        if heading:
            cut_at = len(" ".join(name.split()[:heading])) + 1
            name, a = name[cut_at:].lstrip(), a + cut_at
        wire = _WIRE_PREFIX.match(name)  # "BRIEF-Fiskars signs", "LPC-AB InBev lining up"
        if wire and wire.end() < len(name):
            name, a = name[wire.end():], a + wire.end()
        if name.endswith(("'s", "’s")):
            name, b = name[:-2], b - 2
        elif name.endswith(("'", "’")):  # "Antares' $13.9B buyout loan"
            name, b = name[:-1], b - 1
        elif name.endswith(".") and not _ABBREVIATION_END.search(name):  # "a term loan ... with Silvergate."
            name, b = name[:-1], b - 1
        if name.startswith("The "):
            name, a = name[4:], a + 4
        cut = re.search(r"['’]s\b", name)  # "HDFC's Rs": the name ends at the possessive
        if cut:
            rest = name[cut.end():].lstrip()
            form = rest.split()[:1]
            if form and form[0].rstrip(".,") in _FORM_AFTER_POSSESSIVE:  # "Divi’s Laboratories": one name
                whole = name[: cut.end()] + " " + form[0].rstrip(".,")
                add(OrgCandidate(whole, a, a + len(whole), "span"),
                    ctx.companies.resolve(whole, mention=True) or CompanyRef(name=whole, configured=False))
                continue  # and never the owner's name alone ("Sam" of "Sam's Club")
            if rest[:1].isupper():  # "Dubai's Sunrise Properties": the name after it is read too
                spans.append((a + len(name) - len(rest), rest))
            name, b = name[: cut.start()], a + cut.start()
        words = name.split()
        led = max((k for k, w in enumerate(words[:-1]) if _LED_BY.search(w)), default=None)
        if led is not None:  # "Billionaire Gautam Adani-led Adani group": the name is what follows
            cut_at = len(" ".join(words[: led + 1])) + 1
            name, a, words = name[cut_at:], a + cut_at, words[led + 1 :]
        role = _ROLE_OF_START.match(name)
        if role:
            name, a = name[role.end():], a + role.end()
            words = name.split()
        while len(words) > 1 and _DESCRIPTOR.match(words[0]) and not _DESCRIPTOR.match(words[1]):
            cut_at = len(words[0]) + 1  # "State-owned Corporation Bank", "Singapore-based Grab"
            name, a, words = name[cut_at:], a + cut_at, words[1:]
        ends = next((k for k, w in enumerate(words) if k and w.rstrip(".,") in _ENDS_NAME), None)
        if ends is not None:
            words = words[:ends]
            name = " ".join(words)
            b = a + len(name)
        while len(words) > 1 and (words[-1].rstrip(".,") in _NOT_ORG_LAST or _RIC.match(words[-1]) or _CURRENCY_WORD.match(words[-1])):
            words = words[:-1]
            name = " ".join(words)
            b = a + len(name)
        if not words or len(name) < 2 or any(x < b and a < y for x, y in taken) or _RIC.match(name):
            continue
        if _name_start_ok(words) and not (len(words) == 1 and _OPENING_WORD.search(name) and _opens_sentence(text, a)):
            add(OrgCandidate(name, a, b, "span"), _name_ref(ctx, name, text, a))
            for k in range(1, min(len(words), 4)):  # "Ford Motor" is Ford, "HDFC To" is HDFC: shorter readings too
                short = " ".join(words[:k])
                if len(short) >= 2 and _name_start_ok(short.split()):
                    add(OrgCandidate(short, a, a + len(short), "prefix"),
                        _name_ref(ctx, short, text, a))
        for k in range(1, min(len(words), 3)):  # "When Nissan", "In January Toyota": the name after a capitalised word
            rest = words[k:]
            if not _name_start_ok(rest) or len(rest[0]) < 2 or not rest[0][0].isupper():  # "Much [of Hershey]"
                continue
            at = a + len(name) - len(" ".join(rest))
            for j in range(len(rest), 0, -1):
                tail = " ".join(rest[:j])
                add(OrgCandidate(tail, at, at + len(tail), "suffix"),
                    _name_ref(ctx, tail, text, at))
    places = [(o.start, o.end) for o, _ in out if is_place(o.name)]
    if places:
        # a piece of a place's name is no name: "United" of "the United States", "Abu" of "Abu
        # Dhabi" (the place itself stays a candidate, so that choosing it drops the amount)
        out = [(o, r) for o, r in out if not any(a <= o.start and o.end <= b and o.end - o.start < b - a for a, b in places)]
    out = [(o, r) for o, r in out if (r is not None and r.configured) or not _never_a_borrower(o, text)]
    tokens = [(m.start(), m.end()) for m in _LINK_OR_TAG.finditer(text)]
    if tokens:  # a link, a hashtag or a cashtag is never a name, nor a piece of one
        out = [(o, r) for o, r in out if not any(o.start < b and a < o.end for a, b in tokens)]
    if ctx.default is not None:
        add(OrgCandidate(ctx.default.name, -1, -1, "default"), ctx.default)
    if ctx.last is not None:
        add(OrgCandidate(ctx.last.name, -1, -1, "last"), ctx.last)
    add(OrgCandidate("", -1, -1, "none"), None)
    # the rules' own choice: the first candidate that stands for it
    chosen = next((o for o, r in out if (r.name if r else None) == (rule.name if rule else None)), None)
    if chosen is not None:
        chosen.rule = True
    return out


# benchmarks a price is quoted over ("LIB+775", "over U.S. Treasuries") and the loan-market wires
# that report a deal (TRLPC, IFR): named beside an amount, never its borrower
_BENCHMARK_WORD = re.compile(r"^(?:LIB|LIBOR|Libor|SOFR|EURIBOR|Euribor|SONIA|Treasuries|Treasurys|Bunds)\b")
_WIRE_NAME = {"TRLPC", "RLPC", "LPC", "IFR", "Dealogic", "Reuters Loan Pricing Corp", "Thomson Reuters LPC", "LCD",
              # the outlets that report a deal ("Morgan Stanley kicked off a $2.97 billion loan sale for
              # social media platform X, Bloomberg reported"); Thomson Reuters, a borrower, is not one
              "Reuters", "Bloomberg", "Bloomberg News", "CNBC", "Financial Times", "Wall Street Journal", "WSJ",
              "The Information", "Economic Times", "Business Standard", "PTI", "IANS", "Dow Jones"}
# words that make a capitalised run no name: a headline's measure ("Sunoco Sees 2025 Growth Capital
# Expenditures of at Least $400M") or a unit ("a total planned capacity of 55 MW")
_NOT_NAME_WORDS = {"Expenditure", "Expenditures", "Capex", "CapEx", "CAPEX", "Spending", "Borrowing", "Borrowings",
                   "MW", "GW", "MWh", "GWh", "TWh", "kW", "bpd", "Bcf"}
# an instrument's abbreviation read as a name ("The $2.4 billion CMBS issuance", "the ABS offering")
_INSTRUMENT_NAME = {"CMBS", "ABS", "RMBS", "CLO", "CLOs", "MTN", "MTNs", "NCD", "NCDs", "SASB", "CP", "FRN", "FRNs", "ECB", "ECBs",
                    "ABL", "ABLs", "RCF", "TLB", "DDTL",  # "transferred over from the revolver onto the new ABL"
                    # the bond market's names for a foreigner's bonds in a local market ("its first ever sale of
                    # Samurai bonds", "corporate Kangaroo issuance", "Masala bonds")
                    "Samurai", "Yankee", "Kangaroo", "Maple", "Panda", "Masala", "Bulldog", "Matilda", "Formosa", "Kauri", "Uridashi"}
# ... and the last words of a defined instrument ("its $5 billion Medium Term Note (MTN) programme",
# "The 2026 Revolver will continue to include a $50 million swing loan sub-facility")
_NOT_NAME_LAST = {"Note", "Notes", "Bonds", "Debentures", "Programme", "Program", "Revolver", "Facility", "Facilities",
                  "Agreement", "Loan", "Loans"}
# a person's role right before a name ("Fitch analyst Vicky Melbourne", "AMR attorney Harvey
# Miller", "Chief Executive Edward Liddy")
_ROLE_BEFORE = re.compile(rf"\b(?:{PEOPLES_ROLES}|attorney|lawyer|judge|governor|senator|banker|trader|professor|(?:billionaire|oligarch|tycoon)(?:\s+investor)?)\.?\s*,?\s*$", re.I)
# ... or a person's role of an organisation right after it ("Gautam Adani, Chairman of the Adani
# Group, on Friday announced", "T V Narendran, CEO & MD of Tata Steel, stated")
_ROLE = (r"(?:executive\s+|vice[\s-]+|deputy\s+|co-?)?(?:chairman|chairwoman|chairperson|chair|president|founder|"
         r"CEO|CFO|COO|MD|managing\s+director|chief\s+(?:[\w-]+\s+){0,2}?officer|chief\s+executive|director|head)")
_ROLE_OF_AFTER = re.compile(rf"(?:\s+(?-i:[A-Z])[\w.'’-]*){{0,2}}\s*,\s*(?:the\s+)?{_ROLE}(?:\s*(?:&|and|,)\s*{_ROLE})*\s+(?:of|at)\s", re.I)
# ... and the role read into the name it is of ("CEO & MD of Tata Steel" read as "MD of Tata Steel")
_ROLE_OF_START = re.compile(rf"^{_ROLE}(?:\s*(?:&|and|,)\s*{_ROLE})*\s+(?:of|at)\s+(?:the\s+)?(?=[A-Z])", re.I)


def _employer(text: str, options: list[tuple[OrgCandidate, CompanyRef | None]], pick: int) -> int:
    """The organisation a person named by role speaks for ("T V Narendran, CEO & MD of Tata Steel,
    stated, 'we are looking to have a capex of ...'"), when the decider chose no company: the
    person is never a candidate (_never_a_borrower), the employer is the subject."""
    for m in _ROLE_OF_AFTER.finditer(text):
        at = m.end() + (4 if text.startswith("the ", m.end()) else 0)
        for i, (o, _) in enumerate(options):
            if o.start == at:
                return i
    return pick


# never a name, whole: a rank ("Russia's No.2 mobile operator"), a period ("FY25"), a class of
# companies ("investor-owned utilities (IOUs)", "NBFCs", "REITs"), a street or the world ("Wall
# Street lenders", "World's biggest muni green bond"), a currency ("the Euro Notes offering")
_NO_NAME = re.compile(r"No\.?\s?\d.*|(?:FY|Q[1-4]|H[12]|CY)\s?'?\d{2,4}|[A-Z]{2,}s|(?:Wall\s+)?Street|Wall|World|"
                      r"Euros?|Dollars?|Sterling|Yen|Yuan|Renminbi|Rupees?")


def _never_a_borrower(org: OrgCandidate, text: str) -> bool:
    """A name read from the sentence that cannot be the borrower or spender: a benchmark rate,
    a loan-market wire or an outlet, a measure or a unit read as a name, a person named by role. Dropped before the decider chooses (a configured
    company never is)."""
    name = org.name.strip(" .,")
    if name in _WIRE_NAME or name in _INSTRUMENT_NAME or name.rsplit(" ", 1)[-1] in ("IFR", "LPC") or any(_BENCHMARK_WORD.match(w) for w in name.split()):
        return True
    words = name.split()
    if any(w in _NOT_NAME_WORDS for w in words) or (words and words[-1] in _NOT_NAME_LAST):
        return True
    if _NO_NAME.fullmatch(name):
        return True
    if _lone_word(name):
        return True  # "There", "Subsequent to quarter end, we raised ...": a sentence's word, capitalised
    if org.start >= 0 and len(words) <= 2 and _SPEAKER_AFTER.match(text, org.end) and (
            _AS_BEFORE.search(text, max(0, org.start - 12), org.start) or _SPEAKER_VERB_ONLY.match(text, org.end)):
        return True  # "As Brad mentioned, in April, we issued ...": a speaker of the call, not a company
    if org.start >= 0 and _ROLE_OF_AFTER.match(text, org.end):
        return True
    return org.start > 0 and _ROLE_BEFORE.search(text, max(0, org.start - 40), org.start) is not None


# words that open a sentence, capitalised, alone: no name ("Subsequent to quarter end, we raised
# approximately $850 million", "Let me turn to"); spaCy's stop words ("There", "Further") are none either
_SENTENCE_ADVERBS = {
    "Subsequent", "Subsequently", "Overall", "Furthermore", "Accordingly", "Consequently", "Similarly", "Likewise",
    "Notably", "Importantly", "Specifically", "Finally", "Lastly", "Instead", "Currently", "Initially", "Ultimately",
    "Collectively", "Approximately", "Roughly", "Nearly", "Let",
}


def _lone_word(name: str) -> bool:
    """A capitalised word of any sentence, alone: a stop word ("There has been", "Or") or an opening
    adverb ("Subsequent to quarter end"), never a name."""
    return " " not in name and (name.lower() in STOP_WORDS or name in _SENTENCE_ADVERBS)


# a speaker of a call named by a first name ("As Brad mentioned", "as Bill previously said", "Jensen
# alluded to"): a person, never the borrower or the spender
_SPEAKER_ADVERB = r"\s+(?:(?:previously|just|also|already|briefly|earlier)\s+)?"
_SPEAKER_AFTER = re.compile(
    _SPEAKER_ADVERB + r"(?:mentioned|noted|said|discussed|highlighted|covered|alluded|outlined|touched|walked|talked|"
    r"indicated|described|explained|pointed|referenced|stated)\b")
_AS_BEFORE = re.compile(r"\b(?:[Aa]s|[Ll]ike)\s+$")
# ... and the verbs that name a speaker without "as" ("Jensen alluded to")
_SPEAKER_VERB_ONLY = re.compile(_SPEAKER_ADVERB + r"(?:mentioned|alluded|touched\s+on|walked\s+(?:you|us)|talked\s+about)\b")


# a cross-reference's title is no name: "(see Note 6, Long-Term Debt)", "Item 7, Management's Discussion"
_NOTE_REF = re.compile(r"\b(?:Notes?|Item|Part|Section)\s+\d+[A-Z]?(?:\([a-z]\))?\s*[,:.–—-]\s*$")
# one capitalised word opening a sentence that is a verb form or an abstract noun, not a name:
# "Issuing a statement, Katanga struck ...", "Investment to improve ...", "Established with ..."
_OPENING_WORD = re.compile(r"^[A-Z][a-z]+(?:ing|ed|ment|tion|sion|ance|ence)$")
# what a post or a wire carries beside its words: a link ("https://t.co/Yv4ZMPCJ5Z"), a hashtag
# ("#SberbankRossii") and a cashtag ("$NDAQ - Nasdaq prices 600M of 0.875% senior notes"; release 5)
_LINK_OR_TAG = re.compile(r"https?://\S+|\bt\.co/\S+|(?<![\w$])[#$][A-Za-z][\w.]*")
# a Reuters instrument code after a name: "TNK-BP TNKBP.UL signed a loan"
_RIC = re.compile(r"^[A-Z0-9]{2,}(?:_?[a-z]{1,2})?\.[A-Z]{1,2}$")  # "BRKa.N", "VOWG_p.DE" too


# a filing's sentence whose subject is a subsidiary that borrowed: "In September 2023, Yuli entered
# into a one-year loan agreement", "In September 2022, Nexxen Group US Holdings Inc. (f/k/a Unruly
# Group US Holding Inc.) entered into a credit agreement" (the guideline names the subsidiary)
# (after a note's heading, "J. Debt – In May 2018, Alcoa Nederland Holding B.V. ... completed", and
# with the subsidiary described first: "During fiscal 2020, our French subsidiary, Micromania SAS, entered into")
_OPENER = re.compile(r"(?:^|[.;]\s+|\n)(?:[A-Z][\w ]{0,30}\s[–—-]\s+)?(?:(?:In|On|During|As\s+of)\s+[^,;]{3,40}(?:,\s*(?:19|20)\d{2})?,\s*)?"
                     r"(?:(?:our|its|the\s+Company['’]s)\s+(?:[\w-]+\s+){0,3}?subsidiary,\s+)?$")
_RAISE_VERB_AFTER = re.compile(
    r"^\s*(?:\([^()]{0,100}\)\s*)?(?:,[^,;]{0,80},\s*|,\s*)?(?:has\s+|had\s+|have\s+|also\s+)?"
    r"(?:entered\s+into|issued|borrowed|obtained|drew(?:\s+down)?|closed|completed|priced|sold|secured|raised|signed|amended|renewed)\b")


# a subsidiary named as the one that issues (docs/labelling.md, 8k): "completion of a $3.2 billion private
# debt offering by its subsidiary, WULF Compute LLC", "Digital Dutch Finco B.V., an indirect wholly owned
# finance subsidiary of the operating partnership, successfully priced", "QTS Data Centers, a
# subsidiary of Blackstone, ... is issuing a $3.46 billion commercial-mortgage-backed securities offering";
# not a co-issuer ("Together with its wholly owned subsidiary, Tyco Fire & Security Finance S.C.A., ...
# issued": Johnson Controls' 10-Q names the parent first)
_SUBSIDIARY_BEFORE = re.compile(r"(?<!together with )(?<!along with )(?<!and )(?<!& )\b(?:its|their|our)\s+(?:[\w-]+\s+){0,4}?subsidiary\s*,?\s*$", re.I)
_SUBSIDIARY_AFTER = re.compile(
    r"^(?:\s*,?\s*(?:LLC|L\.?L\.?C\.|Inc\.?|Ltd\.?|B\.V\.|plc|Corp\.?|L\.P\.))?\s*(?:\([^()]{0,40}\)\s*)?"
    r",\s*(?:an?|its)\s+(?:[\w-]+\s+){0,4}?subsidiary\s+of\b", re.I)


def _named_subsidiary(text: str, options: list[tuple[OrgCandidate, CompanyRef]]) -> tuple[OrgCandidate, CompanyRef] | None:
    """The one organisation the sentence names as a subsidiary, when it names one only (read whole)."""
    if "subsidiar" not in text.lower():
        return None
    found = [(org, ref) for org, ref in options
             if org.start >= 0 and not lender_like(org.name)
             and (_SUBSIDIARY_BEFORE.search(text, max(0, org.start - 60), org.start) or _SUBSIDIARY_AFTER.match(text[org.end : org.end + 120]))]
    if not found:
        return None
    whole = max(found, key=lambda f: f[0].end - f[0].start)  # "WULF Compute", not its prefix "WULF"
    if any(org.start < whole[0].start or org.end > whole[0].end for org, _ in found):
        return None  # two names, not readings of one
    return whole


# one item of a list of companies and their figures: "Amazon set 2026 capex at about $200 billion,
# Alphabet at $175-$185 billion and Meta at $115-$135 billion"; "Alphabet issued $25bn in bonds
# earlier this month, Meta sold $30bn in October"
_ITEM_BREAK = re.compile(r"(?:[,;]|\s[—–-]\s|\band\b|\bwhile\b|\bwhereas\b)\s*(?:(?:and|while|whereas|with)\s+)?")
_ITEM_LINK = re.compile(r"^(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,4}$")
_ITEM_NOT_OWNER = re.compile(r"\b(?:lent|lends?|lending|provided|provides|arranged|led|leads|leading|underwrote|estimates?|expects?|sees|forecasts?|said)\b", re.I)


def _list_item_owner(text: str, start: int, others: list[int],
                     options: list[tuple[OrgCandidate, CompanyRef]]) -> tuple[OrgCandidate, CompanyRef] | None:
    """The organisation that opens the list item the amount at `start` closes, when an earlier
    amount of the sentence stands before it (the item of a list, not a sentence's one subject)."""
    floor = max(0, start - 70)
    breaks = [m.end() for m in _ITEM_BREAK.finditer(text, floor, start)]
    if not breaks:
        return None
    item = breaks[-1]
    for org, ref in options:
        if org.source in ("none", "default", "last") or org.start != item or org.end > start:
            continue
        link = text[org.end : start]
        if not _ITEM_LINK.match(link) or _ITEM_NOT_OWNER.search(link) or not any(o < org.start for o in others):
            return None
        return org, ref
    return None


# a forecaster of what others will spend or borrow, not the spender: "Morgan Stanley expects big tech
# companies known as hyperscalers to spend about $3 trillion", "EEI projects that investor-owned
# utilities (IOUs) will invest roughly $1.1 trillion", "Goldman Sachs now projects that the annual
# spending on AI infrastructure will surpass $800 billion" (never "Meta expects 2026 capex to reach")
_FORECASTS_OTHERS = re.compile(
    r"(?:['’]s?\s+(?:research|analysts?|economists?|strategists?))?,?\s+(?:now\s+|also\s+)?(?:expects?|projects?|estimates?|estimated|"
    r"forecasts?|predicts?|sees|believes|is\s+tracking|tracks)\s+(?:that\s+)?(?!(?:it|its|the\s+company|the\s+group|we|our)\b)"
    r"(?!(?:(?:the|total|annual|full[- ]year|fiscal|\d{4}|FY\s?\d{2,4}|(?:next|this)\s+year['’]s)\s+){0,3}(?:capex|capital\s+\w+|spending|investments?)\b)"
    r"(?:[\w$.,'’&()-]+\s+){1,12}?(?:to|will|would|could)\s+(?:be\s+)?(?:spend|invest|reach|exceed|surpass|land|hit|top|total|raise|borrow|issue)\b", re.I)


def _forecast_subject(text: str, start: int, chosen: OrgCandidate,
                      options: list[tuple[OrgCandidate, CompanyRef]]) -> tuple[OrgCandidate, CompanyRef | None] | None:
    """When the chosen organisation only forecasts what others will spend or borrow, or is one of
    several the forecast names ("Graham estimates that Alphabet, Microsoft, and Meta will spend"), the
    one company the forecast names before the amount, or none at all (a market-wide figure, or
    several companies')."""
    if chosen.start < 0 or chosen.end > start:
        return None
    said = None
    for o, _ in options:
        if 0 <= o.start <= chosen.start and o.end <= start:
            said = _FORECASTS_OTHERS.match(text, o.end)
            if said is not None and said.end() <= start and (o is chosen or o.end <= chosen.start < said.end()):
                break
            said = None
    if said is None:
        return None
    named = [(o, r) for o, r in options if o.source not in ("none", "default", "last") and said.start() <= o.start and o.end <= said.end()]
    outer = [(o, r) for o, r in named if not any(p is not o and p.start <= o.start and o.end <= p.end for p, _ in named)]
    if len(outer) == 1:
        return outer[0]
    return next(((o, r) for o, r in options if o.source == "none"), None)


def _filing_subject(text: str, start: int, options: list[tuple[OrgCandidate, CompanyRef]]) -> tuple[OrgCandidate, CompanyRef] | None:
    """The organisation that opens the amount's sentence as the subject of its raise, when it is
    not the filer: a subsidiary that borrowed in its own name."""
    for org, ref in options:
        if org.source in ("none", "default") or org.start < 0 or org.end > start:
            continue
        if lender_like(org.name) or " and " in org.name or not _OPENER.search(text, max(0, org.start - 60), org.start):
            continue  # (nor two parties read as one name: "On July 31, 2020, Holdings and RHI entered into")
        verb = _RAISE_VERB_AFTER.match(text[org.end : start])
        if verb is not None and "$" not in text[org.end : org.end + verb.end()]:
            return org, ref
    return None


def _draft_event(
    sent: Span, orgs: list[Span], text: str, s: int, e: int, money: Money, etype: str, trigger: _Trigger,
    prior: re.Match[str] | None, out: list[Event], ctx: _Context, doc_year: int | None, status: str | None,
    money_by_start: dict[int, Money], base: int, decider: Decider | None = None, candidate: Candidate | None = None,
    heading: str | None = None,
) -> Event:
    """The event an amount makes once its type is known: company, period, status, instrument,
    terms. `status` is the decider's when it gave one; otherwise the rules read it. The company
    is the decider's choice among the organisations around the amount, when it makes one.
    `heading`: the line a bulleted sentence hangs under (_list_heading, read once per sentence)."""
    company, members = _attribute(sent, orgs, s, ctx)
    # (a defined term's "collectively" in brackets shares nothing: "(the Revolving Credit Facility and,
    # together with the Term Loan Facility, collectively, the Credit Facilities)", Nexxen's 20-F)
    if decider is not None and candidate is not None and not (members and COLLECTIVE_CUES.search(_BRACKETED.sub(" ", text))):
        # a figure the text says several companies share ("collectively") stays theirs together
        options = _org_candidates(sent, orgs, ctx, company)
        candidate.extra["collective"] = len(members)
        pick = decider.choose_company(candidate, etype, [o for o, _ in options])
        if pick is not None and options[pick][0].source == "none":
            pick = _employer(text, options, pick)
        if pick is not None:
            chosen, ref = options[pick]
            if _is_government(chosen.name) and text[chosen.end : chosen.end + 2] in ("'s", "’s"):
                # "Russia's third-largest oil company TNK-BP signed a loan": the country describes
                # the borrower; the best of the others is it, neither a place nor a piece of one's
                # name ("Abu" of "Abu Dhabi", "United Arab" of "United Arab Emirates")
                places = [(o.start, o.end) for o, _ in options if o.start >= 0 and _is_government(o.name)]
                rest = [(o, r) for o, r in options if o is not chosen and o.source != "none" and not _is_government(o.name)
                        and not any(a <= o.start and o.end <= b for a, b in places)]
                again = decider.choose_company(candidate, etype, [o for o, _ in rest]) if rest else None
                if again is not None:
                    chosen, ref = rest[again]
            if chosen.source == "default" and ctx.document.kind == "filing":
                subject = _filing_subject(text, s, options)
                if subject is not None:
                    chosen, ref = subject
            if etype == "debt":
                named = _named_subsidiary(text, options)
                if named is not None:
                    chosen, ref = named
            if ctx.document.kind != "filing":
                owner = _list_item_owner(text, s, candidate.extra.get("others") or [], options)
                if owner is not None:
                    chosen, ref = owner
                forecast = _forecast_subject(text, s, chosen, options)
                if forecast is not None:
                    chosen, ref = forecast
            company = ref
            if chosen.source != "none":
                members = []
    lo, hi = _clause_bounds(text, s, e)
    clause = text[lo:hi]
    local = text[max(lo, s - 80) : min(hi, e + 60)]
    earlier_actual = False
    if etype == "capex" and prior:
        # "rose to $22.4 billion in Q2 2025 from $13.2 billion a year earlier": the earlier
        # period's actual figure, an event of its own.
        rule_status = "actual"
        period = find_period(text[e : e + 40], doc_year) or (_year_earlier(out[-1].period, text[e : e + 40]) if out else None)
        instrument = None
        # "up from 364 million in 2024", "from the roughly $8.5 billion spent in 2025": spent, not guided
        earlier_actual = (PRIOR_ACTUAL.search(prior.group(0)) is not None and not GUIDANCE_PRIOR.search(prior.group(0))
                          and not _superseded(text, e, doc_year) and not _THIS_YEAR_AFTER.match(text, e))
        if earlier_actual and status is not None:
            status = "actual"
    elif etype == "capex":
        rule_status = _first_match(STATUS_CAPEX, local) or "actual"
        fye = ctx.fiscal_year_end(company)
        period = find_period(clause, doc_year, fiscal_year_of(ctx.reference, fye))
        instrument = None
    else:
        rule_status = _first_match(STATUS_DEBT, local) or "announced"
        period = None
        instrument = _instrument(text, trigger, local, text[max(lo, s - 240) : s])
        sized = _SIZED_NOUN.match(text, e)
        defined = _DEFINED_AFTER.match(text, e)
        named = _first_match(INSTRUMENTS, defined.group(1)) if defined else None
        if defined and named not in (None, "loan", "credit facility"):
            # "a new term loan, which was fully advanced, in the aggregate outstanding principal amount
            # of $2,100 million (the “New Term Loan”), (ii) to increase the Revolver" (Concentrix's
            # 10-K): the name the document gives the amount, when it names one instrument ("the
            # “Senior Credit Facility”" of a revolver says less than the words before it)
            instrument = "term loan" if BRIDGE.search(defined.group(1)) else named
        elif sized and instrument != "commercial paper":
            # "a $1.5 billion revolving credit facility and a $2.0 billion senior secured term loan
            # A facility" (Sanmina's 10-Q): the noun the amount sizes, not the trigger before it;
            # "a $3.5 billion delayed draw term loan" and "a $49 billion bridge to bonds" are term
            # loans, "$7.0 billion unsecured notes" under a commercial paper programme stay paper
            phrase = sized.group(0)
            instrument = "term loan" if re.search(r"\bbridge\b|\bdelayed[- ]draw\b", phrase, re.I) else (
                _first_match(INSTRUMENTS, phrase) or instrument)
        if TERM_SHEET.search(ctx.document.title or "") or TERM_SHEET.search(ctx.head):
            rule_status = "priced"  # a pricing term sheet or terms agreement fixes the deal
        elif rule_status == "completed" and instrument in _SECURITIES and _SOLD.search(local):
            rule_status = "priced"  # a bond sale is priced and done the same day: "sold $30 billion of bonds"
    dated_before = False  # the period the model chose is one the sentence before names
    if decider is not None and candidate is not None:
        fy_end = ctx.fiscal_year_end(company)
        published = ctx.reference
        before = heading or (sent.doc[sent.start - 1].sent.text if sent.start > 0 else None)
        if before is not None and heading is None and "\n\n" in doc_text(sent.doc)[sent.start_char - 3 : sent.start_char]:
            before = None  # a new paragraph: the sentence before it is not this one's setting (a list's heading is)
        options_p = not_the_start(not_the_baseline(past_quarters(period_candidates(text, published, fy_end, ctx.document.kind, before),
                                                                 text, s, e, published, fy_end), text, e), text, s)
        options_p = not_a_base_or_maturity(options_p, text, s, e, etype)
        candidate.extra["published_year"] = int(published[:4]) if published and published[:4].isdigit() else None
        pick_p = decider.choose_period(candidate, etype, status or rule_status, options_p)
        lead_p = leading(options_p, text, s)
        if lead_p is not None:
            pick_p = lead_p
        near_p = adjoining(options_p, text, e)
        if near_p is not None:
            pick_p = near_p
        resp_p = respective(options_p, text, s)
        if resp_p is not None:
            pick_p = resp_p
        span_p = to_date(options_p, text, s, e)
        if span_p is not None:
            pick_p = span_p
        if etype == "capex" and (status or rule_status) in ("plan", "guidance") and near_p is None and lead_p is None:
            plan_p = through_in_clause(options_p, text, s, e)
            if plan_p is not None:
                pick_p = plan_p
        if etype == "debt" and (pick_p is None or options_p[pick_p].start < 0):
            on_p = dated_by_the_sentence_before(options_p, text)
            if on_p is not None:
                pick_p = on_p
        pair = [k for k, p in enumerate(options_p) if p.kind == "ended-and"]
        if pair and candidate.count == 2 and candidate.index < 2 and pair[0] > 0 and options_p[pair[0] - 1].kind == "ended":
            # "we spent $16.6 billion and $13.2 billion during the six months ended June 30, 2022
            # and 2023": two amounts, two years, respectively
            pick_p = (pair[0] - 1, pair[0])[candidate.index]
        if etype == "debt" and heading and _TRANCHE_HEADING.search(heading) and (
                pick_p is None or options_p[pick_p].kind not in ("date", "day")):
            # a tranche of the issue its heading dates ("In November 2023, we issued three tranches")
            pick_p = next((k for k, p in enumerate(options_p) if p.kind in ("prev-date", "prev-day")), pick_p)
        if pick_p is not None:
            period = options_p[pick_p].value
            dated_before = options_p[pick_p].kind.startswith("prev-")
            if options_p[pick_p].start < 0 and _YEAR_TO_DATE.search(text):
                # "during the nine months ended September 30, 2022 and 2023": a span the format
                # cannot name, whatever the document's date or the sentence before says
                period = None
        if _SAME_DATE.search(text, 0, s) and not (pick_p is not None and options_p[pick_p].kind in ("date", "day", "prev-date", "prev-day")):
            # "On the same date, the Company also entered into a $100,000 term loan facility": the
            # date is the last one the paragraph names before
            period = _date_before(sent, published, fy_end, ctx.document.kind) or period
    company = ctx.full_name(company)
    ev = Event(
        type=etype,  # type: ignore[arg-type]
        sentence=text,
        start=sent.start_char,
        end=sent.end_char,
        company=(company.name if company.configured or (ctx.default is not None and company.name == ctx.default.name) else common_name(company.name)) if company else None,
        ticker=company.ticker if company else None,
        cik=company.cik if company else None,
        companies=members,
        amount_text=money.text,
        qualifier=money.qualifier,
        period=period,
        status=status or rule_status,
        instrument=instrument,
        confidence=0.6 if company or members else 0.4,  # rules v1: attributed or not
    )
    _set_amounts(ev, money)
    if etype == "capex" and ev.status == "plan" and ev.company and _ONE_PERIOD.match(ev.period or "") and _CAPEX_WORD.search(local) and not _PROJECT_WORD.search(local):
        # a company's capex for one coming year is its guidance, however the words call it:
        # "set a far higher capital spending plan for 2026, earmarking up to $135 billion" (the
        # guideline's table; 148 of 153 such news labels and 94 of 95 in calls say so), not a
        # project's ("approximately $800 million in capex for the project, with peak spend of about
        # $300 million expected next year": a plan)
        ev.status = "guidance"
    elif etype == "capex" and ev.status == "guidance" and ev.period and _SPAN_PERIOD.search(ev.period):
        # ... and capex over several years is a plan ("approximately $3 billion in CapEx between
        # fiscal 25 and fiscal 28"; 101 of 110 such train and dev labels)
        ev.status = "plan"
    elif (etype == "capex" and ev.status == "actual" and ev.company and _ONE_PERIOD.match(ev.period or "") and not earlier_actual
          and _FORECAST_BEFORE.search(text, max(0, s - 90), s) and not _SPENT_BEFORE.search(text, max(0, s - 90), s)):
        # a forecast is not what was spent: "Huntsman expects 2009 capital expenditures of $230
        # million", "its 2026 capital expenditures will reach $25 billion"
        ev.status = "guidance"
    if etype == "debt" and ev.status == "completed" and _agreed_not_funded(text, s, e):
        ev.status = "announced"  # after the period is chosen: its model reads the status the decider gave
    after = text[e : min(len(text), e + 160)]
    if etype == "debt":
        _debt_terms(ev, text[max(0, s - 40) : e + 80], after)
        if ev.period is None and ctx.document.kind == "filing":
            ev.period = _dated(text, s, e, ctx.fiscal_year_end(company))
        exhibit = _EXHIBIT_8K.search(text, e) if ctx.document.kind == "filing" and _EXHIBIT_FORM.search(text, 0, s) else None
        if exhibit is not None:
            # "Form of $1,000,000,000 0.750% Notes due 2025 (incorporated herein by reference to
            # Exhibit 4.3 to the Form 8-K dated and filed on November 13, 2020)" (an exhibit index):
            # notes issued on the date of that 8-K
            ev.period = quarter_of(exhibit.group("month"), exhibit.group("year"), ctx.fiscal_year_end(company))
            ev.status = "completed"
        # a row of notes by the issuance they came from ("2014 Notes issuance of $ 6.0 billion"), or
        # notes said to be "issued in 2022" after their amount (Intel's 10-Q, in a sentence dated
        # August 2023): raised when the words say
        issued = (_ISSUANCE_OF_YEAR.match(text, 0, s) or _ISSUED_IN_AFTER.match(text, e)) if ctx.document.kind == "filing" else None
        if issued is not None:
            fy_end = ctx.fiscal_year_end(company)
            year = int(issued.group("year"))
            if issued.group("month"):
                ev.period = quarter_of(issued.group("month"), year, fy_end)
            elif fy_end in (None, 12):
                ev.period = str(year)
        entered_before = ""
        if (ev.period is None or dated_before) and ctx.document.kind == "filing" and _REFERS_BACK.match(text):
            # "On July 31, 2020, we entered into a ... Credit Agreement ... with Silicon Valley Bank.
            # The Credit Agreement provides for a revolving credit facility ... not to exceed $40.0
            # million" (Axcelis's 10-K): the agreement the sentence before entered, on its last date
            # ("On June 2, 2021 and September 16, 2021, ... entered into First and Second Amendments")
            entered_before = _paragraph_before(sent)
            entered = _ENTERED.search(entered_before) is not None
            if entered:
                index, count = (candidate.index, candidate.count) if candidate is not None else (-1, 1)
                ev.period = _date_before(sent, ctx.reference, ctx.fiscal_year_end(company), ctx.document.kind,
                                         index, count) or ev.period
            if ev.period is None or not entered:
                entered_before = ""
        masked = blank_renewals(text)  # the whole sentence: the window may cut the verb off
        reach = 240 if ctx.document.kind == "filing" else 120  # a filing's sentences describing a facility run long
        if ctx.document.kind == "filing" and (
                _OUR_BEFORE.search(text, max(0, s - 24), s) and _STANDING_NOUN_AFTER.match(text, e)
                and not _CHANGED_BEFORE.search(text, max(0, s - 160), s) or _LIQUIDITY_SOURCES.search(text, 0, s)
                or _REMAIN_IN_EFFECT_AFTER.match(text, e)):
            ev.history, ev.period = True, None  # the sentence's date is what was done under it, not its entry
        else:
            ev.history = is_history(ev.period, masked[max(0, s - reach) : e + 120], ctx.document.kind, ctx.reference,
                                    ctx.report_fy, ctx.named_fy, lead=entered_before + masked[: max(0, s - reach)])
            if ev.history and ev.period and ctx.document.kind == "filing" and any(
                    ev.period == quarter_of(m.group(1), m.group(2), ctx.fiscal_year_end(company))
                    for m in _AS_OF_DATE.finditer(text)):
                # "As of December 31, 2023, we had nine loan funding facilities" (Rocket's 10-K), "...
                # and, as of December 30, 2023, we had no commercial paper obligations outstanding"
                # (Intel's): the date a standing facility is described at, not when it was entered
                # ("the 2014 Credit Facility" keeps the year it names)
                ev.period = None
    elif ev.status == "guidance":
        _guidance_change(ev, text, s, e, money_by_start, base)
    return ev


_AS_OF_DATE = re.compile(r"(?:^\W*at|(?<!dated\s)(?<!effective\s)\bas\s+of)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+((?:19|20)\d{2})\b", re.I)


# "Our principal sources of liquidity consist of: ... (iv) a revolving credit facility with a $75
# million credit commitment" (Citi Trends' 10-K): what the company has, not what it raised
_LIQUIDITY_SOURCES = re.compile(r"\bsources\s+of\s+liquidity\s+(?:consist\s+of|include|are)\b", re.I)
# "The legacy three-year revolving credit agreement expiring in August 2025, which consists of
# $3,000 of total commitments, and the legacy five-year ... agreement ..., each remain in effect"
# (Boeing's 10-K; the mention audit of 3.83): facilities that stand, however far the words are
_REMAIN_IN_EFFECT_AFTER = re.compile(r"(?:[^.;]|\.(?=\d))*\b(?:each|both|all|which|that)\s+(?:still\s+)?remains?\s+in\s+effect\b", re.I)
_YEAR_TO_DATE = re.compile(r"\b(?:nine|9|eight|ten|eleven)\s+months\s+ended\b|\byear[- ]to[- ]date\b", re.I)


# an agreement's date in a filing's list of exhibits: "$2,500,000,000 Three-Year Credit Agreement,
# dated as of June 22, 2021", "Extension dated June 15, 2023 to $2,500,000,000 ... Agreement"
_DATED = re.compile(r"\bdated\s+(?:as\s+of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b", re.I)


def _dated(text: str, s: int, e: int, fy_end: int | None) -> str | None:
    """The quarter of the date an agreement is dated: the nearest such date before the amount,
    else the first after it in the sentence (the decider gave the amount no period)."""
    before = list(_DATED.finditer(text[:s]))
    m = before[-1] if before else _DATED.search(text, e)
    if m is None:
        return None
    return quarter_of(m.group(1), m.group(3), fy_end)


# "5.25% senior notes", "8-3/4 pct debentures" (wire style), "a coupon of 6.5%"
_RATE = r"(\d{1,2}(?:\.\d{1,4})?(?:[- ]\d/\d{1,2})?)\s?(?:%|pct\b|percent\b|per\s+cent\b)"
_COUPON = re.compile(
    rf"(?<![\d.]){_RATE}\s+(?:(?:senior|subordinated|unsecured|secured|convertible|fixed[- ]rate|green|guaranteed|"
    rf"sinking\s+fund|first\s+mortgage)\s+){{0,3}}(?:notes?|bonds?|debentures?|securities|eurobonds?)\b|"
    rf"\bcoupon\s+(?:rate\s+)?(?:of\s+)?(?:\|\s*)?{_RATE}|(?<![\d.]){_RATE}\s+coupon\b", re.I)


def _rate_value(text: str) -> float:
    """ "8-3/4" -> 8.75, "5.25" -> 5.25"""
    m = re.match(r"(\d{1,2}(?:\.\d+)?)(?:[- ](\d)/(\d{1,2}))?$", text)
    if m is None:
        return float(text)
    whole = float(m.group(1))
    return whole + int(m.group(2)) / int(m.group(3)) if m.group(2) else whole
_MATURITY = re.compile(r"\b(?:due|maturing\s+in|matures?\s+in|maturity(?:\s+date)?\s*:?\s*\|?)\s*(?:[A-Z][a-z]+\s+\d{1,2},?\s+)?((?:19|20)\d{2})\b", re.I)
_PROCEEDS = re.compile(
    r"\b(?:to\s+(?:help\s+)?(?:fund|finance|refinance|repay|pay\s+(?:for|down)|build|support|expand|acquire)|"
    r"for\s+general\s+corporate\s+purposes|proceeds\s+(?:will\s+be\s+)?used\s+(?:to|for))\b[^.;,]{0,80}",
    re.I,
)
_RAISED = re.compile(r"\b(?:raised|raises|raising|lifted|lifts|increased|increases|boosted|boosts|upped|up\s+from|higher\s+than)\b", re.I)
_LOWERED = re.compile(r"\b(?:lowered|lowers|cut|cuts|reduced|reduces|trimmed|trims|down\s+from|lower\s+than)\b", re.I)


def _debt_terms(ev: Event, around: str, after: str) -> None:
    """Coupon, maturity and use of proceeds stated next to a debt amount."""
    m = _COUPON.search(after[:60]) or _COUPON.search(around)
    if m:
        ev.coupon = _rate_value(next(g for g in m.groups() if g))
    m = _MATURITY.match(after[:30].lstrip(" ,(")) or _MATURITY.search(after[:30]) or _MATURITY.search(around)
    if m:  # "$5 billion due 2030, $5 billion due 2035": the nearest "due" after the amount first
        ev.maturity = m.group(1)
    m = _PROCEEDS.search(after)
    if m:
        ev.use_of_proceeds = " ".join(m.group(0).split())


def _guidance_change(ev: Event, text: str, s: int, e: int, money_by_start: dict[int, Money], base: int) -> None:
    """"raised its 2025 capex outlook to $70-72 billion from $66-72 billion": change and the
    figure it replaces (the prior figure is not an event of its own)."""
    window = text[max(0, s - 80) : min(len(text), e + 80)]
    if _RAISED.search(window):
        ev.change = "raised"
    elif _LOWERED.search(window):
        ev.change = "lowered"
    for start, money in money_by_start.items():
        at = start - base
        if e <= at <= e + 80 and PRIOR_FIGURE.search(text[max(0, at - 60) : at]):
            if money.currency in (None, "USD"):
                ev.previous_usd, ev.previous_low_usd, ev.previous_high_usd = money.value, money.low, money.high
            break


def _value(ev: Event) -> float | None:
    return ev.amount_usd if ev.amount_usd is not None else ev.amount_original


def _tranches(events: list[Event], text: str, offsets: dict[int, int]) -> list[Event]:
    """A total and its parts in one sentence. When the parts add up to the total ("$15 billion of
    notes in three parts: $5 billion due 2030, ..."), each part is an event and the total is not;
    when only some parts are named ("including a $3.25 billion tranche"), the total is the event."""
    out: list[Event] = []
    for etype in ("capex", "debt"):
        group = [e for e in events if e.type == etype]
        if len(group) >= 3 and _value(group[0]):
            total, parts = group[0], group[1:]
            values = [_value(p) for p in parts]
            if all(v is not None for v in values) and abs(sum(values) - _value(total)) <= 0.01 * _value(total):  # type: ignore[arg-type, operator]
                for part in parts:  # a tranche shares its offering's status and instrument
                    part.status = total.status
                    part.instrument = part.instrument if part.instrument and part.instrument != "notes" else total.instrument
                out.extend(parts)
                continue
        kept = group[:1]
        for ev in group[1:]:
            at = offsets[id(ev)]
            if BREAKDOWN_BEFORE.search(text[max(0, at - 40) : at]):
                continue
            kept.append(ev)
        out.extend(kept)
    return sorted(out, key=lambda e: offsets[id(e)])


def _money_for(ent: Span, money_by_start: dict[int, Money]) -> Money | None:
    if ent.start_char in money_by_start:
        return money_by_start[ent.start_char]
    for start, m in money_by_start.items():
        if ent.start_char <= start < ent.end_char:
            return m
    return None


def _set_amounts(ev: Event, money: Money) -> None:
    if money.currency == "USD":
        if money.is_range:
            ev.amount_low_usd, ev.amount_high_usd = money.low, money.high
        else:
            ev.amount_usd = money.value
    else:
        ev.currency = money.currency
        if money.is_range:
            ev.amount_low_original, ev.amount_high_original = money.low, money.high
        else:
            ev.amount_original = money.value
        ev.amount_usd_est = money.usd_estimate


def _attribute(
    sent: Span, orgs: list[Span], amount_start: int, ctx: _Context
) -> tuple[CompanyRef | None, list[str]]:
    """The company an amount belongs to, or (None, members) for a collective figure."""
    text = span_text(sent)
    base = sent.start_char
    candidates: list[tuple[int, int, CompanyRef]] = []
    for ent in orgs:
        s = ent.start_char - base
        if COUNTERPARTY_BEFORE.search(text[max(0, s - 25) : s]):
            continue
        candidates.append((s, ent.end_char - base, _ref(ent, ctx.companies)))
    if not candidates:
        for s, e, name in _legal_orgs(text, 0):
            if not COUNTERPARTY_BEFORE.search(text[max(0, s - 25) : s]):
                ref = ctx.companies.resolve(name, mention=True) or CompanyRef(name=name, configured=False)
                candidates.append((s, e, ref))
    if not candidates and (ctx.document.kind == "news" or ctx.default is None):
        for s, e, name in _proper_orgs(text):
            if not COUNTERPARTY_BEFORE.search(text[max(0, s - 25) : s]):
                ref = ctx.companies.resolve(name, mention=True) or CompanyRef(name=name, configured=False)
                candidates.append((s, e, ref))
    before = [c for c in candidates if c[1] <= amount_start]
    distinct: list[CompanyRef] = []
    for _, _, ref in before:
        if all(ref.name != d.name for d in distinct):
            distinct.append(ref)
    if len(distinct) >= 3 or (len(distinct) == 2 and COLLECTIVE_CUES.search(_BRACKETED.sub(" ", text))):
        return None, [d.name for d in distinct]
    if before:
        return before[-1][2], []
    after = [c for c in candidates if c[0] >= amount_start]
    subject_text = text[:amount_start]
    if PRONOUN_SUBJECT.search(subject_text) or not after:
        if PRONOUN_SUBJECT.search(subject_text):
            if ctx.document.kind == "news":
                ref = ctx.last or ctx.default or ctx.title_subject
            else:
                ref = ctx.default or ctx.last
            if ref:
                return ref, []
        if after:
            return after[0][2], []
        return ctx.default or ctx.last, []
    return after[0][2], []
