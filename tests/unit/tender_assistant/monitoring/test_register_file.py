"""Which register belongs to a library, and the counting rule read from it."""

from __future__ import annotations

from pathlib import Path

from criteria_library.infra.paths import data_dir
from tender_assistant.monitoring.register_file import read_rule, register_path_for, rule_for_library
from tender_assistant.monitoring.register_store import RegisterStore
from tender_assistant.monitoring.rule import CountingRule


def test_the_register_lies_beside_the_library(tmp_path: Path) -> None:
    assert register_path_for(tmp_path / "elders" / "library.db") == tmp_path / "elders" / "register.db"
    assert register_path_for() == data_dir() / "register.db"


def test_the_rule_is_read_from_the_libraries_register(tmp_path: Path) -> None:
    with RegisterStore.open(tmp_path / "register.db") as register:
        register.save_rule(CountingRule(min_weight=3))
    assert rule_for_library(tmp_path / "library.db").min_weight == 3
    assert rule_for_library().min_weight == CountingRule().min_weight  # the data folder has none


def test_reading_a_missing_register_creates_nothing(tmp_path: Path) -> None:
    assert read_rule(tmp_path / "register.db") == CountingRule()
    assert not (tmp_path / "register.db").exists()


def test_a_damaged_register_gives_the_regions_rule(tmp_path: Path) -> None:
    (tmp_path / "register.db").write_bytes(b"not a database at all" * 100)
    assert read_rule(tmp_path / "register.db") == CountingRule()
