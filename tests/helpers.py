"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def db_fingerprint(path: Path) -> str:
    """A hash of the database's full SQL dump (WAL content included), to prove nothing changed."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dump = "\n".join(line for line in conn.iterdump() if "sqlite_stat" not in line)
    finally:
        conn.close()
    return hashlib.sha256(dump.encode("utf-8")).hexdigest()
