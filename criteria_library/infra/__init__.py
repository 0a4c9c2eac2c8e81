"""Infrastructure every layer uses: text, files, locks, logs, paths, strict JSON, bounded zips, workbooks, problems.

Nothing here knows about criteria, tenders or Qt; `tests/test_layers.py` keeps it that way.
"""
