"""Placeholder until the drafting wizard lands (see wizard_pages.py)."""
