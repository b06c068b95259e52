"""Sources to Documents: feeds, article pages, SEC EDGAR and local files. Knows nothing of NLP."""
