"""A tender drafted in the app and the published notice of the same tender meet as one record (issue 22)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tender_assistant.monitoring.importer import import_files
from tender_assistant.monitoring.records import AppliedCriterion, ContractRecord
from tender_assistant.monitoring.register_store import RegisterStore
from tests.unit.tender_assistant.monitoring.eforms_notices import Lot, write_notice

NOTICE_ID = "5d1a2b3c-0000-4000-8000-000000000001"
CRITERIA = [AppliedCriterion("BED-M-01", 1, "minimumeis", 1, "R8")]


def app(**changes: object) -> ContractRecord:
    """A fresh app record (the register sets the uid and row id of what it adds)."""
    record = ContractRecord("Gemeente Zaanstad", "Bedrijfskleding buitendienst", package="bedrijfskleding",
                            cpv=["18100000-0"], procedure="europees-openbaar", value_eur=900_000, source="app",
                            criteria=list(CRITERIA))
    return replace(record, **changes)


@pytest.fixture
def register(tmp_path: Path):
    with RegisterStore.open(tmp_path / "register.db") as store:
        yield store


def _notice(tmp_path: Path, title: str = "Bedrijfskleding buitendienst", value: float = 880_000,
            cpv: str = "18100000") -> Path:
    return write_notice(tmp_path / "gunning.xml", [Lot("LOT-0001", title, cpv=cpv, value=value, circular=True,
                                                       winner="Textiel Kringloop BV")])


def test_the_notice_id_entered_with_the_tender_merges_the_notice_into_the_app_record(tmp_path: Path, register,
                                                                                    library) -> None:
    drafted = register.add(app(notice_id=NOTICE_ID, title="Werkkleding 2025"))
    result = import_files([_notice(tmp_path, title="Kleding", value=400_000)], register, library)
    assert (result.added, result.updated) == (0, 1)
    [record] = register.records()
    assert record.uid == drafted.uid and record.source == "app" and record.criteria == CRITERIA  # criteria kept
    assert (record.value_eur, record.award_date, record.lot_id, record.winner) == (
        400_000, date(2025, 3, 3), "LOT-0001", "Textiel Kringloop BV")
    assert record.declared_circular and record.end_date == date(2029, 3, 31)
    again = import_files([_notice(tmp_path, title="Kleding", value=400_000)], register, library)
    assert (again.added, again.updated, again.skipped) == (0, 0, 1) and register.count() == 1


def test_same_organisation_title_cpv_and_value_merge_without_asking(tmp_path: Path, register, library) -> None:
    register.add(app())
    result = import_files([_notice(tmp_path)], register, library)
    assert (result.added, result.updated) == (0, 1) and "samengevoegd" in result.notes[0][0]
    [record] = register.records()
    assert record.notice_id == NOTICE_ID and record.value_eur == 880_000 and record.cpv == ["18100000-0", "18100000"]


def test_a_doubt_is_left_apart_on_the_command_line_and_merged_when_the_user_says_so(tmp_path: Path, register,
                                                                                   library) -> None:
    register.add(app())
    doubtful = _notice(tmp_path, title="Bedrijfskleding en schoenen buitendienst", value=700_000)
    result = import_files([doubtful], register, library)
    assert (result.added, result.updated) == (1, 0) and register.count() == 2
    assert "lijkt op de registratie Bedrijfskleding buitendienst uit de app" in result.notes[0][0]


def test_the_window_s_yes_merges_a_doubt(tmp_path: Path, register, library) -> None:
    register.add(app())
    asked = []
    doubtful = _notice(tmp_path, title="Bedrijfskleding en schoenen buitendienst", value=700_000)
    result = import_files([doubtful], register, library, accept=lambda m: asked.append(m) or True)
    assert len(asked) == 1 and not asked[0].certain
    assert (result.added, result.updated) == (0, 1) and register.count() == 1


def test_another_organisation_or_cpv_is_no_match(tmp_path: Path, register, library) -> None:
    register.add(app(organisation="Gemeente Purmerend"))
    register.add(app(cpv=["39130000-2"], title="Meubilair"))
    result = import_files([_notice(tmp_path)], register, library)
    assert (result.added, result.updated) == (1, 0) and register.count() == 3


def test_the_region_counts_a_notice_once_whether_it_came_as_xml_or_merged_in_an_organisations_file(
        tmp_path: Path, library) -> None:
    from tender_assistant.monitoring.exchange import export_register

    notice = _notice(tmp_path)
    with RegisterStore.open(tmp_path / "zaanstad.db") as zaanstad:
        zaanstad.add(app())
        import_files([notice], zaanstad, library)  # merges into the app record (same title, CPV, value)
        export_register(zaanstad, tmp_path / "zaanstad.json")
    for order in ([notice, tmp_path / "zaanstad.json"], [tmp_path / "zaanstad.json", notice]):
        with RegisterStore.open(tmp_path / f"regio-{len(order)}-{order[0].suffix}.db") as region:
            for path in order:
                import_files([path], region, library)
            [record] = region.records()
        assert record.source == "app" and record.criteria == CRITERIA and record.notice_id == NOTICE_ID
