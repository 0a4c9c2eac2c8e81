"""LibreOffice found in its Windows install folder when it is not on PATH (issue 24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tender_assistant.documents import pdf


def test_soffice_is_found_under_program_files_when_not_on_path(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"MZ")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for variable in pdf.WINDOWS_INSTALL_ROOTS:
        monkeypatch.delenv(variable, raising=False)
    assert pdf.soffice() is None
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert pdf.soffice() == str(program)


def _install(root: Path, *parts: str) -> Path:
    program = root.joinpath(*parts, "program", "soffice.exe")
    program.parent.mkdir(parents=True)
    program.write_bytes(b"MZ")
    return program


@pytest.fixture
def no_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for variable in pdf.WINDOWS_INSTALL_ROOTS:
        monkeypatch.delenv(variable, raising=False)


@pytest.mark.parametrize(("variable", "parts"), [
    ("ProgramFiles(x86)", ("LibreOffice",)),
    ("LOCALAPPDATA", ("Programs", "LibreOffice")),  # a per-user install, no admin rights
    ("ProgramFiles", ("LibreOffice 5",)),  # older versions named the folder after the version
])
def test_soffice_is_found_in_each_windows_install_location(no_libreoffice, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch, variable: str,
                                                           parts: tuple[str, ...]) -> None:
    program = _install(tmp_path / "root", *parts)
    monkeypatch.setenv(variable, str(tmp_path / "root"))
    assert pdf.soffice() == str(program)


class FakeWinreg:
    """winreg with one value: LibreOffice's InstallPath, machine-wide."""

    HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE = "HKCU", "HKLM"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def OpenKey(self, hive: str, key: str):  # noqa: N802 - winreg's name
        import contextlib

        if hive != "HKLM" or key != pdf.WINDOWS_REGISTRY_KEY:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return contextlib.nullcontext(key)

    def QueryValueEx(self, key: str, name: str) -> tuple[str, int]:  # noqa: N802
        return str(self.folder), 1


def test_soffice_is_found_where_the_registry_says(no_libreoffice, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    program = _install(tmp_path / "D-schijf" / "Kantoor", "LO")
    monkeypatch.setattr(pdf, "on_windows", lambda: True)
    monkeypatch.setitem(sys.modules, "winreg", FakeWinreg(program.parent))
    assert pdf.soffice() == str(program)


def test_without_libreoffice_windows_users_read_where_it_was_looked_for(no_libreoffice, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from tender_assistant.errors import TenderError

    monkeypatch.setattr(pdf, "on_windows", lambda: True)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    with pytest.raises(TenderError) as missing:
        pdf.require_libreoffice()
    text = str(missing.value)
    assert "niet geïnstalleerd" in text and "Gezocht op PATH en in:" in text
    assert str(tmp_path / "Program Files" / "LibreOffice") in text
    assert str(tmp_path / "AppData" / "Local" / "Programs" / "LibreOffice") in text
