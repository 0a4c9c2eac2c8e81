"""The criteria library: circular procurement criteria per package, stored in SQLite."""
