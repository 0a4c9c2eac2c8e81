"""One export reads the tender's criteria from the library once, and writes the same set as before."""

from __future__ import annotations

from datetime import date

from tender_assistant.checks import check_tender
from tender_assistant.documents.document_set import SET_FILES, export_set
from tender_assistant.documents.library_reads import RememberedReads, remembered
from tests.unit.tender_assistant.fake_library import FakeLibrary

TODAY = date(2026, 11, 25)


class CountingLibrary(FakeLibrary):
    """The fake library, counting the criteria reads (each an SQL query in the real store)."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def criteria_by_ids(self, ids):
        self.reads += 1
        return super().criteria_by_ids(ids)


def test_the_whole_set_reads_the_chosen_criteria_once(tmp_path, tender):
    """Before, the plan, the numbering, the workbooks and the invulhulp each read them again: four reads."""
    library = CountingLibrary()
    out = tmp_path / "set"
    out.mkdir()
    export_set(tender, library, out, today=TODAY)
    assert sorted(p.name for p in out.iterdir()) == sorted(SET_FILES)
    assert library.reads == 1


def test_a_check_sees_a_changed_library_the_next_time(tender):
    """Remembering lasts one export or check: a criterion changed in the library between two checks is seen."""
    library = CountingLibrary()
    check_tender(tender, library, TODAY)
    first = library.reads
    check_tender(tender, library, TODAY)
    assert library.reads == 2 * first  # nothing carried over from the first check


def test_remembered_answers_are_copies_and_wrapping_twice_changes_nothing(tender):
    reads = RememberedReads(CountingLibrary())
    found = reads.criteria_by_ids(tender.criterion_ids())
    found.clear()
    assert reads.criteria_by_ids(tender.criterion_ids())  # the caller's change did not reach the remembered read
    assert remembered(reads) is reads
