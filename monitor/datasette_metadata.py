"""Datasette as our users' browser of the database: table and column descriptions, facets and
canned queries (`monitor datasette --metadata FILE`, then `datasette monitor.db -m FILE`).

Facets on `consolidated_events` count events, one row per event however many documents
reported it; facets on `events` count mentions.
"""

from __future__ import annotations

from typing import Any

EVENT_COLUMNS = {
    "event_key": "What the mentions of one event share: type, company, amount (3 significant figures), currency, period",
    "type": "capex (capital expenditure: actual, guided or planned) or debt (borrowing)",
    "company": "The company the figure is about (its common name, as in feeds.yaml)",
    "ticker": "Its exchange ticker",
    "amount": "The amount as people read it, in US dollars ($35.7B; a range low-high; ~ for a converted estimate)",
    "amount_value_usd": "The amount compared and summed: the figure, else the top of a range, else the US-dollar estimate",
    "amount_usd": "Single amount in US dollars (null when the text gives a range)",
    "amount_low_usd": "Bottom of a stated range, US dollars",
    "amount_high_usd": "Top of a stated range, US dollars",
    "amount_usd_est": "A stated US-dollar equivalent of a non-USD amount",
    "currency": "ISO code of the amount as written (USD, EUR...)",
    "period": "The period the amount is for, normalised: 2026, FY2027, Q1 2026",
    "status": "capex: actual | guidance | plan; debt: announced | priced | completed | planned",
    "instrument": "debt: bonds, senior notes, notes, term loan, credit facility, commercial paper...",
    "change": "capex guidance revised: raised | lowered",
    "previous_amount": "The guidance figure a revision replaces",
    "mentions": "How many sentences reported this event",
    "documents": "How many documents reported it",
    "first_seen": "When it was first reported (publication date of the earliest document)",
    "last_seen": "When it was last reported",
    "sentence": "The evidence sentence (of the best-attributed mention)",
    "sentiment": "Tone of the evidence sentence: negative | neutral | positive",
    "document_url": "Where the evidence sentence was read",
}

LEDGER_COLUMNS = {
    "company": "Company",
    "period": "Q1 2026 / 2025 for calendar-year filers; Q1 FY2027 / FY2026 for fiscal years (year in which it ends)",
    "period_kind": "quarter or year",
    "basis": "filings: from the SEC's XBRL facts; news: from extracted events alone (no SEC facts)",
    "capex_usd": "Capital expenditure (payments for property and equipment); a quarter is the difference of year-to-date figures",
    "operating_cash_flow_usd": "Net cash from operating activities",
    "free_cash_flow_usd": "Operating cash flow less capex",
    "debt_issued_usd": "Debt raised: long-term debt proceeds (net of issuance costs or not), commercial paper net",
    "debt_repaid_usd": "Debt repaid",
    "finance_lease_principal_usd": "Principal payments on finance leases",
    "net_borrowing_usd": "Debt issued less debt repaid and finance-lease principal (null unless both issued and repaid are reported)",
    "shareholder_returns_usd": "Buybacks plus dividends",
    "funding_gap_usd": "Capex plus shareholder returns less operating cash flow, when positive (else 0)",
    "debt_funded_share": "Net borrowing / capex",
    "debt_outstanding_usd": "Long-term debt at the period's end",
    "capex_guidance_low_usd": "The latest capex guidance given for the period (from extracted events), low end",
    "capex_guidance_high_usd": "... and high end",
    "guidance_outcome": "Where the reported capex landed against that guidance: below | within | above",
    "debt_events": "JSON: the consolidated debt events first seen in the period (amount, instrument, first seen, evidence)",
    "sources": "JSON: accession numbers of the filings the figures come from",
    "reported": "Filing date of the latest filing behind the period's figures",
}


def metadata(database: str = "monitor") -> dict[str, Any]:
    """Datasette metadata for a monitor database served under the name `database` (the file's
    stem: monitor.db -> monitor)."""
    events_facets = ["type", "company", "status", "instrument"]
    tables: dict[str, Any] = {
        "documents": {
            "description": "One row per document: news article, SEC filing (8-K with its press release, 10-Q/10-K "
                           "sections, 424B/FWP) or earnings-call transcript. Full-text search on title and text.",
            "facets": ["kind", "source", "company"],
            "columns": {"kind": "news | filing | transcript", "source": "The feeds.yaml source that brought it",
                        "published": "Publication or filing date", "pending": "Why its full text is still missing",
                        "sentiment": "Tone of the document: negative | neutral | positive"},
        },
        "events": {
            "description": "One row per MENTION of a capex figure or debt announcement: the same bond sale reported by "
                           "ten articles is ten rows. Use consolidated_events to count events.",
            "facets": events_facets,
            "columns": {k: v for k, v in EVENT_COLUMNS.items() if k not in ("amount", "amount_value_usd", "mentions",
                                                                          "documents", "first_seen", "last_seen")},
        },
        "consolidated_events": {
            "description": "One row per EVENT (its mentions consolidated, the best-attributed one standing for all), "
                           "amounts readable in US dollars: facets here count events, not mentions.",
            "facets": events_facets,
            "sort_desc": "last_seen",
            "columns": EVENT_COLUMNS,
        },
        "facts": {
            "description": "Values reported in SEC XBRL filings (company facts API) for the ledger's concepts. A value "
                           "restated by a later filing is kept; `current` marks the latest filed.",
            "facets": ["concept", "form", "company", "current"],
            "columns": {"concept": "us-gaap concept (see ledger.concepts in feeds.yaml)",
                        "period_start": "Start of the reported period (null for a balance at a date)",
                        "period_end": "End of the period, or the balance date",
                        "value": "Reported value in US dollars (year-to-date in 10-Q cash-flow statements)",
                        "accession": "The filing that reported it", "filed": "Its filing date",
                        "fy": "Fiscal year of the FILING (not of the value)", "fp": "Fiscal period of the filing",
                        "current": "1: the value of the latest filing for this period; 0: superseded"},
        },
        "ledger": {
            "description": "The money trail per company and period: capex against operating cash flow and borrowing "
                           "(monitor ledger), recomputed after each run.",
            "facets": ["company", "period_kind", "basis", "guidance_outcome"],
            "columns": LEDGER_COLUMNS,
        },
        "sources": {"description": "Each configured source's fetch state: validators, last success, last error."},
        "document_links": {"description": "Other URLs of a stored story and copies of it on other sites."},
        "runs": {"description": "One row per `monitor run`: sources ok/failed, new documents, events, errors."},
        "alerts": {"description": "One row per alert rule, channel and event or document, with its delivery status.",
                   "facets": ["rule", "channel", "status"]},
        "alert_rules": {"description": "Where each alert rule's last check ended."},
        "digests": {"description": "One row per day and recipient list: the daily digest and its delivery."},
    }
    queries = {
        "ledger_of_company": {
            "title": "The ledger of a company",
            "description": "Capex, operating cash flow and borrowing per quarter (or year), newest first.",
            "sql": "SELECT period, period_start, period_end, capex_usd, operating_cash_flow_usd, free_cash_flow_usd, "
                   "debt_issued_usd, net_borrowing_usd, shareholder_returns_usd, funding_gap_usd, debt_funded_share, "
                   "capex_guidance_low_usd, capex_guidance_high_usd, guidance_outcome, basis, sources "
                   "FROM ledger WHERE company = :company COLLATE NOCASE "
                   "AND period_kind = COALESCE(NULLIF(:by, ''), 'quarter') ORDER BY period_end DESC",
        },
        "biggest_debt_raises": {
            "title": "The biggest debt raises of the last 30 days",
            "description": "Consolidated debt events first reported in the last 30 days, largest first.",
            "sql": "SELECT company, amount, instrument, status, period, first_seen, documents, sentence, document_url "
                   "FROM consolidated_events WHERE type = 'debt' AND first_seen >= date('now', '-30 days') "
                   "AND amount_value_usd IS NOT NULL ORDER BY amount_value_usd DESC LIMIT 100",
        },
        "capex_guidance_changes": {
            "title": "Capex guidance changes",
            "description": "Capex guidance raised or lowered, with the figure it replaces, newest first.",
            "sql": "SELECT company, period, change, previous_amount, amount, first_seen, sentence, document_url "
                   "FROM consolidated_events WHERE type = 'capex' AND change IS NOT NULL ORDER BY first_seen DESC",
        },
    }
    return {
        "title": "monitor: the AI-infrastructure money trail",
        "description": "Capex and debt events from financial news and SEC filings, and the capex-versus-borrowing "
                       "ledger per company. Built by monitor (local-first, one SQLite file).",
        "databases": {database: {"tables": tables, "queries": queries}},
    }
