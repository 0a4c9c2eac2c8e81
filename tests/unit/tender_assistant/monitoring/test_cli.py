"""The monitor sub-commands as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main
from tests.unit.tender_assistant.monitoring.test_importer import ROWS, write_csv


@pytest.fixture
def db(library) -> str:
    return str(library.path)


def test_import_report_json_and_export(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    csv = write_csv(tmp_path / "contracten.csv", ROWS)
    assert main(["--db", db, "monitor", "import", str(csv)]) == 0
    out = capsys.readouterr().out
    # the total read shows a factor of 1,000 before it counts (issue 26): 1.250.000,50 + 800.000 + 95000
    assert "3 toegevoegd" in out and "Gelezen: 3 contracten, samen € 2.145.000,50." in out
    assert main(["--db", db, "monitor", "import", str(csv)]) == 0
    assert "0 toegevoegd" in capsys.readouterr().out
    assert main(["--db", db, "monitor", "report", "--year", "2025", "--json", "--min-weight", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rule"]["min_weight"] == 3
    assert data["region"]["share_value"] == 1.0  # MEU-G-05 at 3% counts under a 3% line
    assert main(["--db", db, "monitor", "report", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Telregel" in out and "Gemeente Zaanstad" in out and "92,9%" in out
    assert main(["--db", db, "monitor", "export", str(tmp_path / "uit.json")]) == 0
    exported = json.loads((tmp_path / "uit.json").read_text(encoding="utf-8"))
    assert exported["format"] == "tender-assistant.monitoring" and exported["version"] == 2
    assert len(exported["records"]) == 3


def test_user_errors_are_one_dutch_line(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_csv(tmp_path / "fout.csv", [[*ROWS[0][:6], "gisteren", *ROWS[0][7:]]])
    assert main(["--db", db, "monitor", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: fout.csv: rij 2, gunningsdatum") and "Traceback" not in err
    assert main(["--db", db, "monitor", "report", "--year", "2025", "--org", "Nergenshuizen"]) == 2
    assert "Nergenshuizen" in capsys.readouterr().err
    assert main(["--db", db, "monitor", "import", str(tmp_path / "bestaat-niet.csv")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("name", ["z.csv", "z.json"])
def test_a_link_to_a_device_is_refused_as_no_regular_file(tmp_path: Path, db: str, name: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """FINDINGS4 F22: a link to /dev/zero was refused at once, but "bestaat niet" (it does exist)."""
    (tmp_path / name).symlink_to("/dev/zero")
    register = tmp_path / "r12.db"
    assert main(["--db", db, "monitor", "--register", str(register), "import", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert "is geen gewoon bestand" in err and "bestaat niet" not in err and err.count("\n") == 1, err


def test_several_files_are_all_checked_before_anything_is_imported(tmp_path: Path, db: str,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from tender_assistant.monitoring.register_store import RegisterStore

    good = write_csv(tmp_path / "a.csv", ROWS)
    bad = write_csv(tmp_path / "b.csv", [[*ROWS[0][:10], "soms", *ROWS[0][11:]]])
    assert main(["--db", db, "monitor", "import", str(good), str(bad)]) == 2
    assert "b.csv: rij 2, fysiek" in capsys.readouterr().err
    with RegisterStore.open(Path(db).parent / "register.db") as register:
        assert register.count() == 0
    assert main(["--db", db, "monitor", "import", str(good), str(good)]) == 0
    assert "2 bestanden: 3 toegevoegd, 3 stond(en) er al" in capsys.readouterr().out


def test_the_rule_is_shown_and_every_number_can_be_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["monitor", "rule", "--min-weight", "7.5", "--exclude-package", "catering", "--target", "2027=70",
                 "--fictive-discount", "nee", "--json"]) == 0
    rule = json.loads(capsys.readouterr().out)
    assert rule["min_weight"] == 7.5 and rule["excluded_packages"] == ["catering"]
    assert rule["targets"]["2027"] == 0.7 and rule["count_fictive_discount"] is False
    assert main(["monitor", "report", "--year", "2025", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rule"]["min_weight"] == 7.5  # stored, used by every report
    assert main(["monitor", "rule", "--include-package", "catering"]) == 0
    assert "behalve de pakketten" not in capsys.readouterr().out
    assert main(["monitor", "rule", "--target", "2025=veel"]) == 2
    assert "JAAR=PROCENT" in capsys.readouterr().err
    assert main(["monitor", "rule", "--target", "2025=5_0"]) == 2  # float() read '5_0' as 50
    assert "JAAR=PROCENT" in capsys.readouterr().err
    assert main(["monitor", "rule", "--target", "2028=62,5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["targets"]["2028"] == 0.625
    assert main(["monitor", "rule", "--reset", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["min_weight"] == 5


def test_reports_name_packages_as_the_library_does(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "monitor", "import", str(write_csv(tmp_path / "a.csv", ROWS))]) == 0
    assert main(["--db", db, "monitor", "report", "--year", "2025"]) == 0
    assert "Kantoormeubilair en inrichting" in capsys.readouterr().out
