"""Written-here training sentences in the register of company news and reports.

TFNS is tweets: headlines with tickers and links. Reports and wire copy say the same things in
full sentences ("Operating profit fell to EUR 3.1 mn from EUR 5.2 mn"), and several depend on
what is measured: a loss that grows is bad, a loss that narrows is good, costs that fall are
good. These templates, written for this project (no third-party text), teach that register.
`sentences(n, seed)` is deterministic.
"""

from __future__ import annotations

import random

COMPANIES = [
    "Nordic Paper", "Vantor Systems", "Helio Grid", "Kestrel Mining", "Arcadia Foods", "Baltic Freight",
    "Orion Telecom", "Meridian Bank", "Solace Pharma", "Granite Steel", "Lumen Retail", "Tern Airlines",
    "Pioneer Chemicals", "Aster Software", "Coastal Utilities", "Birch Logistics", "Ridge Semiconductors",
    "Harbor Insurance", "Cobalt Energy", "Willow Media", "The company", "The group", "The bank",
]
GOOD_METRICS = [
    "net sales", "operating profit", "net profit", "revenue", "earnings per share", "order intake",
    "pretax profit", "operating margin", "gross margin", "comparable sales", "cash flow from operations",
    "order backlog", "EBITDA", "net interest income", "market share",
]
BAD_METRICS = ["operating loss", "net loss", "costs", "operating expenses", "debt", "credit losses", "impairment charges"]
CURRENCIES = ["EUR", "USD", "$", "GBP", "SEK", "€"]
UNITS = ["mn", "million", "m", "bn", "billion"]
PERIODS = [
    "in the first quarter", "in the second quarter of 2024", "in January-June", "in the third quarter",
    "for the full year", "in 2023", "in the reporting period", "in the fourth quarter of 2025", "year-on-year",
]
UP = ["rose", "increased", "grew", "climbed", "jumped", "improved", "went up"]
DOWN = ["fell", "decreased", "declined", "dropped", "slipped", "went down", "contracted"]
PRODUCTS = ["paper machines", "network equipment", "wind turbines", "software licences", "steel pipes", "data center cooling", "ferries", "medical devices"]
CITIES = ["Helsinki", "Stockholm", "Oslo", "Austin", "Frankfurt", "Tallinn", "Singapore", "Leeds"]


def _amount(rng: random.Random) -> str:
    cur = rng.choice(CURRENCIES)
    value = f"{rng.uniform(0.5, 950):.1f}".rstrip("0").rstrip(".")
    unit = rng.choice(UNITS)
    return f"{cur}{value} {unit}" if cur in ("$", "€") else f"{cur} {value} {unit}"


def _positive(rng: random.Random) -> str:
    co, m, bad = rng.choice(COMPANIES), rng.choice(GOOD_METRICS), rng.choice(BAD_METRICS)
    pct, period = rng.randint(2, 60), rng.choice(PERIODS)
    options = [
        f"{co}'s {m} {rng.choice(UP)} by {pct}% to {_amount(rng)} {period}.",
        f"{m.capitalize()} {rng.choice(UP)} to {_amount(rng)} from {_amount(rng)} {period}.",
        f"{co} reported {m} of {_amount(rng)} {period}, up from {_amount(rng)} a year earlier.",
        f"{co} said its {bad} {rng.choice(['narrowed', 'fell', 'decreased', 'were reduced'])} to {_amount(rng)} {period}.",
        f"{co} raised its outlook for {m} for the full year.",
        f"{co} expects its {m} to {rng.choice(['increase', 'grow', 'improve'])} {rng.choice(['this year', 'in 2026', 'next year'])}.",
        f"{co} won a {_amount(rng)} order to supply {rng.choice(PRODUCTS)} to a customer in {rng.choice(CITIES)}.",
        f"Shares in {co} {rng.choice(['jumped', 'rose', 'climbed', 'surged'])} {pct}% after the results beat expectations.",
        f"{co} swung to an operating profit of {_amount(rng)} from a loss a year earlier.",
        f"Analysts upgraded {co} to buy, citing stronger demand.",
        f"{co} returned to profit {period} as demand recovered.",
        f"The {m} of {co} was better than analysts had expected.",
        f"{co} said demand for its {rng.choice(PRODUCTS)} remained strong and its margins improved.",
        f"{co} has signed a {_amount(rng)} contract with {rng.choice(COMPANIES[:-3])} for {rng.choice(PRODUCTS)}.",
        f"{co} and {rng.choice(COMPANIES[:-3])} signed a long-term partnership agreement that will expand its business in {rng.choice(CITIES)}.",
        f"{co} has been selected to deliver {rng.choice(PRODUCTS)} under a {rng.randint(2, 10)}-year agreement.",
        f"The new agreement strengthens {co}'s position in the {rng.choice(['Nordic', 'European', 'US', 'Asian'])} market.",
        f"{co} secured a {_amount(rng)} credit facility on better terms, strengthening its financial position.",
    ]
    return rng.choice(options)


def _negative(rng: random.Random) -> str:
    co, m, bad = rng.choice(COMPANIES), rng.choice(GOOD_METRICS), rng.choice(BAD_METRICS)
    pct, period = rng.randint(2, 60), rng.choice(PERIODS)
    options = [
        f"{co}'s {m} {rng.choice(DOWN)} by {pct}% to {_amount(rng)} {period}.",
        f"{m.capitalize()} {rng.choice(DOWN)} to {_amount(rng)} from {_amount(rng)} {period}.",
        f"{co} reported {m} of {_amount(rng)} {period}, down from {_amount(rng)} a year earlier.",
        f"{co} said its {bad} {rng.choice(['widened', 'rose', 'increased', 'grew'])} to {_amount(rng)} {period}.",
        f"{co} cut its {m} forecast for the full year.",
        f"{co} expects its {m} to {rng.choice(['decline', 'fall', 'weaken'])} {rng.choice(['this year', 'in 2026', 'next year'])}.",
        f"{co} will cut {rng.randint(20, 2000)} jobs as part of a cost-saving programme.",
        f"Shares in {co} {rng.choice(['fell', 'dropped', 'slumped', 'tumbled'])} {pct}% after the company issued a profit warning.",
        f"{co} swung to an operating loss of {_amount(rng)} from a profit a year earlier.",
        f"Analysts downgraded {co} to sell, citing weaker demand.",
        f"{co} posted a net loss of {_amount(rng)} {period}.",
        f"The {m} of {co} was weaker than analysts had expected.",
        f"{co} said weak demand for its {rng.choice(PRODUCTS)} weighed on its margins.",
        f"{co} started negotiations with employees that may lead to the temporary layoff of {rng.randint(10, 900)} staff.",
        f"{co} said the delivery of {rng.choice(PRODUCTS)} has been delayed, which will hurt its results.",
        f"{co} lost a major customer and warned that {m} would fall {period}.",
        f"Workers at {co}'s plant in {rng.choice(CITIES)} went on strike, halting production.",
        f"{co} booked a write-down of {_amount(rng)} on its {rng.choice(PRODUCTS)} business.",
    ]
    return rng.choice(options)


def _neutral(rng: random.Random) -> str:
    co = rng.choice(COMPANIES[:-3])
    options = [
        f"{co} will publish its {rng.choice(['interim', 'first-quarter', 'annual', 'half-year'])} report on {rng.choice(['April 24', 'July 18', 'October 23', 'February 6'])}.",
        f"{co} is headquartered in {rng.choice(CITIES)} and employs about {rng.randint(50, 9000)} people.",
        f"{co} manufactures {rng.choice(PRODUCTS)} for customers in {rng.randint(5, 80)} countries.",
        f"The agreement was signed in {rng.choice(CITIES)} on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}.",
        "The value of the deal was not disclosed.",
        f"{co} has appointed a new chief financial officer, who will start on {rng.choice(['1 March', '1 June', '1 September'])}.",
        f"The shares will be listed on the {rng.choice(['Nasdaq Helsinki', 'Oslo Bors', 'London Stock Exchange', 'Nasdaq'])} exchange.",
        f"The contract covers the delivery of {rng.choice(PRODUCTS)} and related services.",
        f"{co} operates {rng.randint(3, 400)} {rng.choice(['stores', 'plants', 'offices', 'branches'])} in {rng.choice(['Finland', 'Sweden', 'the Baltics', 'Germany', 'Texas'])}.",
        f"The annual general meeting will be held in {rng.choice(CITIES)} on {rng.choice(['March 28', 'April 3', 'May 12'])}.",
        f"{co} is part of the {rng.choice(['Nordic Paper', 'Granite', 'Cobalt'])} group.",
        f"The new plant is expected to be completed in {rng.choice(['2026', '2027', 'the second half of the year'])}.",
        f"{co} provides {rng.choice(PRODUCTS)} to the {rng.choice(['forest', 'energy', 'telecom', 'retail'])} industry.",
        "The figures are unaudited.",
        "The company did not give a reason for the change.",
        f"{co} generated {rng.choice(GOOD_METRICS)} of {_amount(rng)} {rng.choice(PERIODS)}.",
        f"{co}'s {rng.choice(GOOD_METRICS)} totalled {_amount(rng)} in {rng.choice(['2022', '2023', '2024', 'the financial year'])}.",
        f"{co} will issue {rng.randint(1000, 900000):,} new shares in a directed share issue.",
        f"After the share issue, the number of {co}'s shares is {rng.randint(1, 90) * 1000000 + rng.randint(0, 999999):,}.",
        f"Under the stock option plan, a maximum of {rng.randint(1000, 500000):,} new shares can be subscribed.",
        f"{co} estimates its {rng.choice(GOOD_METRICS)} at {_amount(rng)} for {rng.choice(['2026', 'the current year', 'the period'])}.",
        f"{co} aims to {rng.choice(['expand into', 'enter', 'grow in'])} the {rng.choice(['Russian', 'Polish', 'Indian', 'Chinese'])} market.",
    ]
    return rng.choice(options)


def sentences(n: int, seed: int = 13) -> list[tuple[str, str]]:
    """n (text, label) pairs, one third per class, deterministic for a seed."""
    rng = random.Random(seed)
    out = []
    makers = [("positive", _positive), ("negative", _negative), ("neutral", _neutral)]
    seen: set[str] = set()
    attempts = 0
    while len(out) < n and attempts < n * 20:
        attempts += 1
        label, make = makers[len(out) % 3]
        text = make(rng)
        if text not in seen:
            seen.add(text)
            out.append((text, label))
    return out
