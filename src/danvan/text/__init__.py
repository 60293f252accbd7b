"""Vietnamese text helpers: normalisation, dates, legal citations."""
