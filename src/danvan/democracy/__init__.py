"""Grassroots democracy: disclosures, consultations, and village decisions by household vote."""
