"""A debt's maturity, and the digits of its own amount, are never the period it was raised in."""

import pytest

from monitor.nlp.periods import period_candidates


def _named(text: str, published: str = "2024-05-01") -> list[str | None]:
    return [c.value for c in period_candidates(text, published, None, "news") if c.start >= 0]


@pytest.mark.parametrize("text", [
    # TRAIN kpi-b02-cmcsa (Comcast's 10-K for 2019, tobideusser/kpi-edgar): 2049 is when the notes fall due
    "In connection with the exchange transaction, we issued $610 million of 4.00% notes due 2049 to Comcast.",
    # TRAIN filC-fdx-10k-fy23-4 (FedEx's 10-K for fiscal 2023, patronus-ai/financebench): a maturity and a series' name
    "FedEx Express has issued $970 million of Pass-Through Certificates, Series 2020-1AA (the “Certificates”) with a "
    "fixed interest rate of 1.875% due in February 2034 utilizing pass-through trusts.",
    # TRAIN nwR4b-47 (feelthecandlesticks.com, quoted for research)
    "The notes issued include: $2.5 billion of 3.900 % Notes due 2028, $2.5 billion of 4.100 % Notes due 2030.",
    "As part of the Comcast cash management process, we have a revolving credit agreement with a maturity date of 2026.",
    "The revolving line of credit matures in November 2026.",
    # TRAIN intl-b12-ifn-test1056 (an Indian headline of 2015-02-25, sinhasagar507/market-sentiment-analysis): the
    # amount's own digits
    "IndusInd Bank to raise Rs 2000 cr via infra bonds, NCDs",
])
def test_maturities_and_amounts_name_no_period(text):
    assert _named(text) == []


@pytest.mark.parametrize("text,period", [
    ("In 2023, we issued $500 million of notes due 2033.", "2023"),
    ("We expect to invest $14 billion through 2029.", "2024-2029"),
    ("In February 2024, the Company settled the 5th issuance of debentures in the amount of R$445.0 million.", "Q1 2024"),
])
def test_the_period_beside_a_maturity_stays(text, period):
    assert period in _named(text)

