"""Exporting the library, or one package, as a JSON or XLSX pack."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .app_files import library_inputs
from .errors import LibraryError
from .field_names import CRITERION_LABELS, PACKAGE_LABELS, XLSX_CRITERIA_SHEET, XLSX_PACKAGE_SHEET
from .infra.files import atomic_write
from .infra.output_paths import refuse_onto_inputs
from .infra.spreadsheets import append_row
from .models import Criterion, Package, placeholders_to_pack, scoring_to_dict
from .pack_reading import CRITERION_FIELDS, PACK_FORMAT, PACK_VERSION, PACKAGE_FIELDS, Progress
from .rows import criterion_to_row
from .store import LibraryStore


def pack_to_dict(packages: list[Package], criteria: list[Criterion]) -> dict[str, Any]:
    """The JSON form of a pack."""
    def crit(c: Criterion) -> dict[str, Any]:
        row = criterion_to_row(c)
        row.pop("package_terms")
        row["placeholders"] = placeholders_to_pack(c.placeholders, c.placeholder_meta)
        row["scoring"] = scoring_to_dict(c.scoring)
        row["marktstandaard"] = bool(c.marktstandaard)
        row["requires"] = list(c.requires)
        row["source_type"] = list(c.source_type)
        return {k: row[k] for k in CRITERION_FIELDS}

    return {
        "format": PACK_FORMAT,
        "version": PACK_VERSION,
        "packages": [{f: getattr(p, f) for f in PACKAGE_FIELDS} for p in packages],
        "criteria": [crit(c) for c in criteria],
    }


def export_pack(store: LibraryStore, path: Path | str, package: str | None = None,
                progress: Progress | None = None) -> int:
    """Write the library, or one package, to a .json or .xlsx pack; returns the number of criteria written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".xlsx"):
        raise LibraryError(f"Kies een bestandsnaam die eindigt op .json of .xlsx (niet '{suffix or path.name}').",
                           en=f"Choose a file name ending in .json or .xlsx (not '{suffix or path.name}').")
    refuse_onto_inputs(path, library_inputs(store.path), error=LibraryError)
    packages = [store.package(package)] if package is not None else store.packages()
    criteria = store.criteria(package=package)
    if progress:
        progress(0, len(criteria))
    if suffix == ".json":
        text = json.dumps(pack_to_dict(packages, criteria), ensure_ascii=False, indent=2) + "\n"
        atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), error=LibraryError)
    else:
        atomic_write(path, lambda tmp: _write_xlsx(tmp, packages, criteria, progress), error=LibraryError)
    if progress:
        progress(len(criteria), len(criteria))
    return len(criteria)


def _write_xlsx(path: Path, packages: list[Package], criteria: list[Criterion], progress: Progress | None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = XLSX_PACKAGE_SHEET
    append_row(ws, [PACKAGE_LABELS[f][0] for f in PACKAGE_FIELDS])
    for p in packages:
        append_row(ws, [p.slug, p.name_nl, p.name_en, p.prefix, "; ".join(p.cpv), "; ".join(p.synonyms), p.description])
    cs = wb.create_sheet(XLSX_CRITERIA_SHEET)
    append_row(cs, [CRITERION_LABELS[f][0] for f in CRITERION_FIELDS])
    for i, c in enumerate(criteria, start=1):
        row = criterion_to_row(c)
        # placeholders with a label, unit or range need the JSON form; bare defaults stay readable as name=value lines
        row["placeholders"] = (json.dumps(placeholders_to_pack(c.placeholders, c.placeholder_meta), ensure_ascii=False)
                               if c.placeholder_meta else "\n".join(f"{k}={v}" for k, v in c.placeholders.items()))
        row["marktstandaard"] = bool(c.marktstandaard)
        row["requires"] = "; ".join(c.requires)  # one cell, read back as a list like the CPV codes
        row["source_type"] = "; ".join(c.source_type)  # one cell, as the package's lists
        append_row(cs, [row[f] for f in CRITERION_FIELDS])  # text as text: a title '=HYPERLINK(...)' is no formula
        if progress and i % 500 == 0:
            progress(i, len(criteria))
    for sheet in (ws, cs):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    widths = {"title": 40, "rationale": 60, "clause": 70, "verification": 50, "source": 30, "placeholders": 30,
              "scoring_text": 50}
    for idx, name in enumerate(CRITERION_FIELDS, start=1):
        letter = cs.cell(row=1, column=idx).column_letter
        cs.column_dimensions[letter].width = widths.get(name, 14)
        if name in widths and len(criteria) <= 2000:  # wrapping every cell of a huge sheet makes saving slow
            for cell in cs[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)
