"""One shape for a problem at a place, whatever found it: a pack, a tender file, a contract list, `library check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from criteria_library.errors import PackError
from criteria_library.infra.problems import Problem, Problems, more_text
from criteria_library.pack_reading import read_pack
from tender_assistant.errors import TenderError
from tender_assistant.tender import tender_from_dict


def test_a_problem_reads_as_place_and_message_in_either_language():
    problems = Problems()
    problems.add(("rij 3, kolom 'Soort'", "row 3, column 'Kind'"), "ongeldige soort 'wens'", "invalid kind 'wens'")
    problems.add("", "zoekindex loopt achter", "search index lags behind")
    assert problems[0].line() == "rij 3, kolom 'Soort': ongeldige soort 'wens'"
    assert problems[0].line("en") == "row 3, column 'Kind': invalid kind 'wens'"
    assert problems[1].line("en") == "search index lags behind"
    assert more_text(problems) == " (en nog 1 probleem)" and more_text(problems[:1]) == ""


def test_packs_and_tender_files_report_the_same_problems(tmp_path: Path):
    bad_pack = tmp_path / "bad.json"
    bad_pack.write_text(json.dumps({"format": "tender-assistant.library", "version": 2, "packages": [],
                                    "criteria": [{"id": "X"}]}), encoding="utf-8")
    with pytest.raises(PackError) as pack:
        read_pack(bad_pack)
    with pytest.raises(TenderError) as tender:
        tender_from_dict({"format": "tender-assistant.tender", "title": ["lijst"], "procedure": "geen"})
    found = [*pack.value.problems, *tender.value.problems]
    assert found and all(isinstance(p, Problem) for p in found)
    assert pack.value.report("en").startswith("bad.json ")
    assert {p.where for p in tender.value.problems} >= {"title", "procedure"}
