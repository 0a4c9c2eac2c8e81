"""The example tenders in docs/examples check without an error against the starter library, so they export as final
sets (a final set refuses any error, an open gap included)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from criteria_library.store import LibraryStore
from tender_assistant.checks import Severity, check_tender
from tender_assistant.tender import load_tender

EXAMPLES = sorted((Path(__file__).parents[2] / "docs" / "examples").glob("*.tender.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_an_example_tender_has_no_error(path: Path, library: LibraryStore) -> None:
    errors = [f.text() for f in check_tender(load_tender(path), library, date(2026, 12, 6)) if f.severity == Severity.ERROR]
    assert errors == []


def test_the_three_cases_are_there() -> None:
    assert [p.name for p in EXAMPLES] == ["bedrijfskleding-mra.tender.json", "kantoormeubilair-provincie.tender.json",
                                          "verkeersborden-haarlemmermeer.tender.json"]


def test_a_supporting_criterion_reads_once_in_the_verantwoording(library: LibraryStore, tmp_path: Path) -> None:
    """The kantoormeubilair example's MEU-S-01 showed 'ondersteunend Ondersteunend' in Bijlage B's R-strategie column."""
    import docx

    from tender_assistant.documents.export import export_tender

    out = tmp_path / "leidraad.docx"
    export_tender(load_tender(EXAMPLES[1]), library, out, concept=True)
    cells = {cell.text for table in docx.Document(str(out)).tables for row in table.rows for cell in row.cells}
    assert "Ondersteunend" in cells and not any("ondersteunend" in text.lower().replace("ondersteunend", "", 1)
                                               for text in cells if text.lower().startswith("ondersteunend"))


def test_each_lot_names_the_fictieve_korting_its_worked_example_applies(library: LibraryStore) -> None:
    """K3: the kantoormeubilair example's lot 2 applied GC3's fictieve korting without naming it under its weighting."""
    from tender_assistant.documents.document_set import LEIDRAAD, set_plans
    from tests.unit.tender_assistant.documents.test_lot_chapters import section

    plan = set_plans(load_tender(EXAMPLES[1]), library, today=date(2026, 12, 6))[LEIDRAAD]
    for title in ("Perceel 1: Nieuw meubilair", "Perceel 2: Hergebruik en revisie van bestaand meubilair"):
        lot = section(plan, title)
        assert any(s.startswith("Fictieve korting GC3") for s in lot)  # the worked example applies it
        assert "Fictieve korting, zonder eigen weging (werkt via de beoordelingsprijs): GC3 Garantie langer dan de " \
               "minimumeis." in lot


def test_the_refurbished_furniture_warranty_says_it_holds_instead_of_the_general_one(library: LibraryStore) -> None:
    """K2: ME2 (5 years on all offered furniture) and ME10 (3 years on refurbished furniture) both applied to lot 2,
    and GC3 counted extra years "boven de minimumeis" without saying which; now ME10 replaces ME2 for refurbished
    items, GC3 counts per product type from its own minimum, and tender check has nothing to say."""
    from tender_assistant.documents.document_set import PVE, set_plans

    tender = load_tender(EXAMPLES[1])
    assert not [f for f in check_tender(tender, library, date(2026, 12, 6)) if f.code == "warranty-minimums"]
    plans = set_plans(tender, library, today=date(2026, 12, 6))
    pve = ["".join(r.text for r in b.runs) for b in plans[PVE].body if hasattr(b, "runs")]
    refurbished = next(t for t in pve if "Op opgeknapt of geherfabriceerd meubilair geldt een garantie" in t)
    assert "ten minste 3 jaar vanaf levering, inclusief onderdelen, arbeid en voorrijkosten, in plaats van de " \
           "garantietermijn die een andere eis voor nieuw of voor alle aangeboden meubilair stelt" in refurbished
    verification = library.criterion("MEU-G-03").verification
    assert "boven de garantietermijn die de minimumeisen voor dat producttype stellen" in verification


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_each_example_records_the_criterion_versions_its_documents_print(path: Path) -> None:
    """A saved tender is a record: the examples pinned versions the starter library no longer has, so every check
    and export said 'de documenten gebruiken versie 4' (FINDINGS3 L11). After a starter edit, bump them too."""
    import json

    from criteria_library.starter import STARTER_DIR

    current = {c["id"]: c["version"] for f in STARTER_DIR.glob("*.json")
               for c in json.loads(f.read_text(encoding="utf-8"))["criteria"]}
    tender = load_tender(path)
    stale = {c.id: (c.version, current[c.id]) for c in tender.criteria if c.id in current and c.version != current[c.id]}
    assert stale == {}
