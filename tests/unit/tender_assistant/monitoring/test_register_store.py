"""The register's file: opened through the one SQLite file layer, read-only where it cannot be written, bugs kept."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from main import main
from tender_assistant.monitoring.records import ContractRecord
from tender_assistant.monitoring.register_store import SCHEMA_VERSION, RegisterError, RegisterStore
from tests.helpers import db_fingerprint


def _record(title: str) -> ContractRecord:
    return ContractRecord(organisation="Gemeente Zaanstad", title=title, award_date=date(2025, 3, 1),
                          value_eur=125_000.0)


@pytest.fixture
def read_only_register(tmp_path: Path):
    """A register with two records on a location nobody may write (a read-only share): file and folder."""
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    path = folder / "register.db"
    with RegisterStore.open(path) as register:
        register.add(_record("Bureaustoelen"))
        register.add(_record("Verkeersborden"))
    assert not Path(f"{path}-wal").exists()  # the last connection folded the WAL in
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield path
    finally:
        os.chmod(folder, stat.S_IRWXU)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_a_register_on_a_read_only_location_can_be_read_and_refuses_writes(read_only_register: Path) -> None:
    # WAL was switched on before anything was read: "attempt to write a readonly database"
    before = read_only_register.read_bytes()
    with RegisterStore.open(read_only_register) as register:
        assert register.read_only_reason is not None and "alleen-lezen" in register.read_only_reason
        assert [r.title for r in register.records()] == ["Bureaustoelen", "Verkeersborden"]
        assert register.rule() is not None
        with pytest.raises(RegisterError, match="alleen-lezen"):
            register.add(_record("Kantoorpapier"))
    assert read_only_register.read_bytes() == before


def test_monitor_report_on_a_read_only_register(read_only_register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["monitor", "--register", str(read_only_register), "report", "--year", "2025"]) == 0
    assert "Gemeente Zaanstad" in capsys.readouterr().out


def test_a_bug_in_a_register_write_stays_a_bug(tmp_path: Path) -> None:
    # every sqlite3.Error used to become a polite "kon niet worden gewijzigd" and nothing was logged
    with RegisterStore.open(tmp_path / "register.db") as register:
        with pytest.raises(sqlite3.OperationalError), register.transaction() as db:
            db.execute("UPDATE records SET bestaat_niet = 1")
        assert register.count() == 0


def test_a_busy_register_is_called_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("criteria_library.infra.sqlite_file.BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "register.db"
    with RegisterStore.open(path) as register:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            register.db.conn.execute("PRAGMA busy_timeout = 100")
            with pytest.raises(RegisterError, match="in gebruik door een ander programma"):
                register.add(_record("Bureaustoelen"))
        finally:
            other.execute("ROLLBACK")
            other.close()


def test_another_programs_database_with_a_records_table_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE records (id INTEGER PRIMARY KEY, naam TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(RegisterError, match="geen Tender Assistant-register; het is niet aangeraakt"):
        RegisterStore.open(path)
    assert path.read_bytes() == before


def test_a_register_made_by_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    RegisterStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db_fingerprint(path)
    with pytest.raises(RegisterError, match="nieuwere versie"):
        RegisterStore.open(path)
    assert db_fingerprint(path) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX lock drop seen through /proc")
def test_a_record_added_after_another_process_deleted_the_wal_under_us_is_kept(tmp_path: Path) -> None:
    """As for the library: a file dialog of the monitoring window that opens and closes register.db drops this
    process's locks; a `monitor` command closing after it deleted the WAL, and later records went with it."""
    import subprocess

    path = tmp_path / "register.db"
    register = RegisterStore.open(path)
    register.add(_record("Bureaustoelen"))
    with open(path, "rb") as fh:  # any descriptor of the file, closed
        fh.read(16)
    code = ("import sys; from tender_assistant.monitoring.register_store import RegisterStore; "
            "RegisterStore.open(sys.argv[1]).close()")
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=Path(__file__).resolve().parents[4], check=True)
    assert not Path(f"{path}-wal").exists()
    register.add(_record("Verkeersborden"))
    fresh = sqlite3.connect(path)
    assert sorted(r[0] for r in fresh.execute("SELECT title FROM records")) == ["Bureaustoelen", "Verkeersborden"]
    fresh.close()
    register.close()
