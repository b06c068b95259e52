"""monitor: capex and debt events from financial news and SEC filings, into SQLite."""

__version__ = "0.1.0"
