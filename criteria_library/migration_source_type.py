"""Schema step 0007: a structured source type per criterion (eu-gpp, nationaal, wet, norm, overig).

A separate file so it merges beside other steps; migrations.py registers it after its own steps, which fixes the
order.
"""

from __future__ import annotations

from sqlite_utils import Database


def m0007_source_type(db: Database) -> None:
    """criteria.source_type holds a JSON list; existing criteria start with none."""
    db.execute("ALTER TABLE criteria ADD COLUMN source_type TEXT NOT NULL DEFAULT '[]'")
    # a release's merge base and conflicting incoming version compare with the working copy field by field: give them
    # the same empty list, or the first release after this step would see every criterion as changed here
    for column in ("base", "incoming"):
        db.execute(f"UPDATE criterion_origin SET {column} = json_set({column}, '$.source_type', '[]') "
                   f"WHERE {column} IS NOT NULL AND json_valid({column}) "
                   f"AND json_type({column}, '$.source_type') IS NULL")
