"""Who is working: the operating-system account and machine (the identity the four-eyes rule compares) and the
display name written beside it, kept per user.

The library file may be shared by a whole team (a network drive, a demo copy), so the name of the person working
lives in the user's data folder, never in the library: a colleague's edits carry their own name. The name is only a
label: renaming oneself does not make a new person, the account stays the same.
"""

from __future__ import annotations

import getpass
import json
import socket
from pathlib import Path

from .infra import paths
from .infra.files import atomic_write
from .models import Person

USER_FILE = "user.json"


def _user_file() -> Path:
    return paths.data_dir() / USER_FILE


def os_user() -> str:
    """The operating system's user name, or 'onbekend' when there is none."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems; history still needs a name
        return "onbekend"


def machine() -> str:
    """This computer's name, or 'onbekend' when there is none."""
    try:
        return socket.gethostname().split(".", 1)[0] or "onbekend"
    except OSError:
        return "onbekend"


def os_account() -> str:
    """The account recorded with every change: 'login@machine'."""
    return f"{os_user()}@{machine()}"


def current_person() -> Person:
    """The person working at this computer: their display name and their account."""
    return Person(user_name(), os_account())


def publisher_person(name: str, fingerprint: str) -> Person:
    """A release's publisher as the author of what it brought: its name and its key's fingerprint."""
    from .publishers import short_fingerprint

    return Person(name, f"sleutel {short_fingerprint(fingerprint)}" if fingerprint else "")


def stored_user_name() -> str:
    """The name set in this user's settings ('' when none is set)."""
    try:
        data = json.loads(_user_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    name = data.get("name") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) else ""


def user_name() -> str:
    """The name written into history: the name in this user's settings, else the OS user name."""
    return stored_user_name() or os_user()


def set_user_name(name: str) -> None:
    """Store the name written into history in this user's settings (empty: use the OS user name)."""
    data = json.dumps({"name": name.strip()}, ensure_ascii=False)
    atomic_write(_user_file(), lambda tmp: tmp.write_text(data, encoding="utf-8"))
