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
