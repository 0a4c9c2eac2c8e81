"""Where the app keeps its data: one folder per user, overridable for tests, demos and portable use."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "TenderAssistant"
APP_AUTHOR = "MRA"
HOME_ENV = "TENDER_ASSISTANT_HOME"


def data_dir() -> Path:
    """The user's data folder (TENDER_ASSISTANT_HOME when set); created on first use."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else Path(user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The library database used when no --db is given."""
    return data_dir() / "library.db"


def log_path() -> Path:
    """The log file that unexpected errors are written to."""
    return data_dir() / "tender-assistant.log"


def backups_dir(db_path: Path) -> Path:
    """Where backups of a library database are kept: beside it, in a 'backups' folder."""
    return db_path.parent / "backups"
