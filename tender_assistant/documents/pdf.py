"""A PDF of an exported document through LibreOffice headless, with the table of contents' page numbers filled in.

A plain `soffice --convert-to pdf` prints the contents list as the .docx cached it (without page numbers), so a
small Basic macro in a throw-away LibreOffice profile opens the document, updates its indexes and fields, and
exports it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import TenderError
from ..output import write_output

TIMEOUT_S = 240
NO_LIBREOFFICE = ("--pdf vraagt LibreOffice (soffice), maar dat is niet geïnstalleerd; installeer LibreOffice of "
                  "laat --pdf weg.")
NO_LIBREOFFICE_EN = "--pdf needs LibreOffice (soffice), which is not installed; install LibreOffice or leave out --pdf."

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="TenderPdf" script:language="StarBasic">
Sub ExportPdf(inUrl As String, outUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  REM twice: filling in the contents list can move headings to another page
  For pass = 1 To 2
    idx = doc.getDocumentIndexes()
    For i = 0 To idx.getCount() - 1
      idx.getByIndex(i).update()
    Next i
    doc.getTextFields().refresh()
  Next pass
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = &quot;FilterName&quot;
  f(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(outUrl, f())
  doc.close(True)
  StarDesktop.terminate()
End Sub
</script:module>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false"
 library:passwordprotected="false">
 <library:element library:name="TenderPdf"/>
</library:library>
"""


# Windows installs LibreOffice without putting it on PATH: its installer records the program folder in the registry
# (machine-wide or per user), and it lies in an install folder; older versions used 'LibreOffice 5' and the like.
WINDOWS_INSTALL_ROOTS = ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA")
WINDOWS_REGISTRY_KEY = r"SOFTWARE\LibreOffice\UNO\InstallPath"


def on_windows() -> bool:
    """True on Windows (a function, so tests can take the Windows branch elsewhere)."""
    return os.name == "nt"


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for program in windows_candidates():
        if program.is_file():
            return str(program)
    return None


def windows_candidates() -> list[Path]:
    """Where LibreOffice's soffice.exe may be on Windows, most likely first: the folders the registry names, then
    LibreOffice (or 'LibreOffice <version>', the highest first) under Program Files and %LOCALAPPDATA%\\Programs."""
    found = [Path(folder) / "soffice.exe" for folder in _registry_program_folders()]
    for variable in WINDOWS_INSTALL_ROOTS:
        root = os.environ.get(variable)
        if not root:
            continue
        for parent in (Path(root), Path(root) / "Programs"):
            found.append(parent / "LibreOffice" / "program" / "soffice.exe")
            with contextlib.suppress(OSError):
                versioned = sorted(parent.glob("LibreOffice *"), reverse=True)
                found.extend(folder / "program" / "soffice.exe" for folder in versioned)
    return list(dict.fromkeys(found))


def _registry_program_folders() -> list[str]:
    """The program folders LibreOffice's installer wrote into the registry (per user, then machine-wide)."""
    if not on_windows():
        return []
    try:
        winreg = importlib.import_module("winreg")
    except ImportError:
        return []
    folders = []
    for hive in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        try:
            with winreg.OpenKey(hive, WINDOWS_REGISTRY_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, "")
        except OSError:
            continue
        if isinstance(value, str) and value:
            folders.append(value)
    return folders


def _where_looked() -> str:
    """The Windows folders looked in, for the message when LibreOffice is not found ('' elsewhere)."""
    if not on_windows():
        return ""
    folders = list(dict.fromkeys(str(p.parent.parent) for p in windows_candidates()))
    return "; ".join(folders[:4])


def require_libreoffice() -> str:
    """The LibreOffice program; TenderError in one clear line when it is missing."""
    program = soffice()
    if program is None:
        looked = _where_looked()
        if looked:  # on Windows: say where, so IT can see an install in an unusual folder is not found
            raise TenderError(f"{NO_LIBREOFFICE} (Gezocht op PATH en in: {looked}.)",
                              en=f"{NO_LIBREOFFICE_EN} (Looked on PATH and in: {looked}.)")
        raise TenderError(NO_LIBREOFFICE, en=NO_LIBREOFFICE_EN)
    return program


def docx_to_pdf(docx_path: Path, pdf_path: Path) -> Path:
    """Write pdf_path from docx_path with LibreOffice, contents list updated; atomically, nothing left behind."""
    program = require_libreoffice()
    with tempfile.TemporaryDirectory(prefix="tender-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        base = [program, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile.as_uri()}"]
        try:
            # A fresh profile is created on the first start; then our macro is put into its Standard library.
            subprocess.run([*base, "--terminate_after_init"], capture_output=True, timeout=TIMEOUT_S, env=env,
                           check=False)
            standard = profile / "user" / "basic" / "Standard"
            standard.mkdir(parents=True, exist_ok=True)
            (standard / "TenderPdf.xba").write_text(_MODULE, encoding="utf-8")
            (standard / "script.xlb").write_text(_LIBRARY, encoding="utf-8")
            out = Path(tmp) / "out.pdf"
            macro = f'macro:///Standard.TenderPdf.ExportPdf("{docx_path.resolve().as_uri()}","{out.as_uri()}")'
            subprocess.run([*base, macro], capture_output=True, timeout=TIMEOUT_S, env=env, check=False)
            if not out.exists():  # an older LibreOffice without macro support: a PDF without page numbers
                subprocess.run([*base, "--convert-to", "pdf", "--outdir", tmp, str(docx_path.resolve())],
                               capture_output=True, timeout=TIMEOUT_S, env=env, check=False)
                out = Path(tmp) / (docx_path.stem + ".pdf")
        except subprocess.TimeoutExpired:
            raise TenderError(f"LibreOffice reageerde niet bij het maken van de PDF van {docx_path.name}.",
                              en=f"LibreOffice did not respond while making the PDF of {docx_path.name}.") from None
        except OSError as exc:
            raise TenderError(f"LibreOffice kon niet worden gestart ({exc.strerror}).",
                              en=f"LibreOffice could not be started ({exc.strerror}).") from None
        if not out.exists():
            raise TenderError(f"LibreOffice kon geen PDF maken van {docx_path.name}.",
                              en=f"LibreOffice could not make a PDF of {docx_path.name}.")
        write_output(pdf_path, out.read_bytes())
    return pdf_path


def pdf_after_word(docx_path: Path, pdf_path: Path) -> Path:
    """docx_to_pdf for a Word document already written: a failure says the Word document is there."""
    try:
        return docx_to_pdf(docx_path, pdf_path)
    except TenderError as exc:
        raise TenderError(f"{exc.message} Het Word-document is wel geschreven.",
                          en=f"{exc.message_en} The Word document was written.") from None
