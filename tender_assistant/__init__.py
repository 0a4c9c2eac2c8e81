"""The drafting core: tenders, matching, clause filling, weights and Word export (no Qt)."""
