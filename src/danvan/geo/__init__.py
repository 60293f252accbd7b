"""Provinces, communes (from vietnam-provinces) and villages (entered by each commune)."""
