"""NLP: sentence-level extraction of money amounts, companies and capex/debt events."""
