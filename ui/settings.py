"""The app's preferences (language, recent tenders, window layout, presentation mode) in one INI file.

The file lives in the data folder (TENDER_ASSISTANT_HOME when set), so tests, demos and portable installs each keep
their own settings and never touch the user's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from criteria_library.infra import paths

MAX_RECENT = 8
LANGUAGES = ("nl", "en")


class AppSettings:
    """Typed access to the QSettings INI file in the data folder."""

    def __init__(self, folder: Path | None = None, *, files_folder: Path | None = None) -> None:
        """folder: where settings.ini is (default: the data folder); files_folder: where file dialogs and exports
        start until one is chosen (default: the home folder; the demo workspace's own folder in the demo)."""
        folder = folder or paths.data_dir()
        self.path = folder / "settings.ini"
        self._files_folder = files_folder or Path.home()
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    # --------------------------------------------------------------- language
    @property
    def language(self) -> str:
        value = str(self.qsettings.value("ui/language", "nl"))
        return value if value in LANGUAGES else "nl"

    @language.setter
    def language(self, value: str) -> None:
        self.qsettings.setValue("ui/language", value if value in LANGUAGES else "nl")

    # ---------------------------------------------------------- presentation
    @property
    def presentation_mode(self) -> bool:
        return _as_bool(self.qsettings.value("ui/presentation", False))

    @presentation_mode.setter
    def presentation_mode(self, value: bool) -> None:
        self.qsettings.setValue("ui/presentation", bool(value))

    # ---------------------------------------------------------- recent files
    def _paths(self, key: str, limit: int) -> list[Path]:
        value = self.qsettings.value(key, [])
        if isinstance(value, str):  # an INI list of one comes back as its one string
            value = [value] if value else []
        return [Path(v) for v in (value if isinstance(value, list) else [])][:limit]

    def _put_first(self, key: str, path: Path, limit: int) -> None:
        path = Path(path).resolve()
        items = [p for p in self._paths(key, limit) if p != path]
        self.qsettings.setValue(key, [str(p) for p in [path, *items][:limit]])

    def recent_files(self) -> list[Path]:
        return self._paths("files/recent", MAX_RECENT)

    def add_recent_file(self, path: Path) -> None:
        self._put_first("files/recent", path, MAX_RECENT)

    def clear_recent_files(self) -> None:
        self.qsettings.setValue("files/recent", [])

    @property
    def last_folder(self) -> str:
        return str(self.qsettings.value("files/last_folder", str(self._files_folder)))

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self.qsettings.setValue("files/last_folder", value)

    # ------------------------------------------------------ per-tender choices
    def house_style(self, tender_path: Path) -> str:
        """The house-style template last used for the tender saved at tender_path ('' when none)."""
        return str(self.qsettings.value(_tender_key(tender_path, "house_style"), ""))

    def set_house_style(self, tender_path: Path, template: str) -> None:
        """Remember the house style for the tender at tender_path (the tender file has no field for it)."""
        self.qsettings.setValue(_tender_key(tender_path, "house_style"), template)

    # ---------------------------------------------------------- window layout
    def save_window(self, name: str, geometry: QByteArray, state: QByteArray | None = None) -> None:
        self.qsettings.setValue(f"window/{name}/geometry", geometry)
        if state is not None:
            self.qsettings.setValue(f"window/{name}/state", state)

    def save_window_size(self, name: str, width: int, height: int) -> None:
        self.qsettings.setValue(f"window/{name}/size", f"{width}x{height}")

    def window_size(self, name: str) -> tuple[int, int] | None:
        """The size a window was left at (a size, not a position: a dialog opens where its parent is)."""
        width, _, height = str(self.qsettings.value(f"window/{name}/size", "")).partition("x")
        return (int(width), int(height)) if width.isdigit() and height.isdigit() else None

    def window_geometry(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{name}/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{name}/state")
        return value if isinstance(value, QByteArray) else None

    def save_splitter(self, name: str, state: QByteArray) -> None:
        self.qsettings.setValue(f"splitter/{name}", state)

    def splitter_state(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"splitter/{name}")
        return value if isinstance(value, QByteArray) else None

    def sync(self) -> None:
        self.qsettings.sync()


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def _tender_key(tender_path: Path, name: str) -> str:
    # a path holds '/', '\\' and ':', which QSettings reads as groups or mangles: the key is the path's digest
    digest = hashlib.sha1(str(Path(tender_path).resolve()).encode("utf-8")).hexdigest()
    return f"tenders/{digest}/{name}"
