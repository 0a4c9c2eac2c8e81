"""main.py: every command and option is in the README; in a pipe and on a full disk, what a user sees and what is
(not) logged as a bug."""

from __future__ import annotations

import argparse
import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], list[str]]]:
    """Each command path of the parser (the root is ()) with the long options its --help shows."""
    options = [s for a in parser._actions if a.help != argparse.SUPPRESS
               for s in a.option_strings if s.startswith("--") and s != "--help"]
    found = [(path, options)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, (*path, name))
    return found


def _readme_command_lines() -> list[str]:
    """The README's command-line synopsis: one `main.py COMMAND ...` line per command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line[line.index("main.py "):] for line in text.splitlines() if "python main.py " in line]


def _documented(option: str, lines: list[str]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", line) for line in lines)


def _parser() -> argparse.ArgumentParser:
    import main

    return main.build_parser()


@pytest.mark.parametrize(("path", "options"), [pytest.param(path, options, id=" ".join(("main.py", *path)))
                                               for path, options in _commands(_parser())])
def test_every_command_and_option_of_the_help_is_in_the_readme(path: tuple[str, ...], options: list[str]) -> None:
    """As sqlite-utils and Datasette do: a command or option added to main.py without a word in the README fails."""
    command = " ".join(("main.py", *path))
    lines = [line for line in _readme_command_lines() if re.match(rf"{re.escape(command)}(\s|$)", line)]
    assert lines, f"README has no line '{command} ...'"
    missing = [option for option in options if not _documented(option, lines)]
    assert not missing, f"README's '{command}' lines lack {missing}"


def test_the_readme_check_sees_a_missing_option() -> None:
    lines = ["main.py export TENDER.json --out FILE.docx [--template X] [--set-x]"]
    assert _documented("--template", lines) and not _documented("--set", lines) and not _documented("--out-x", lines)


def test_output_into_a_pipe_that_closes_early_is_not_a_bug(tmp_path: Path) -> None:
    env = dict(os.environ, TENDER_ASSISTANT_HOME=str(tmp_path))
    # `main.py search a --limit 500 --json | head -1`: head reads one line and goes away
    with subprocess.Popen([sys.executable, str(ROOT / "main.py"), "search", "a", "--limit", "500", "--json"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
    assert "onverwacht" not in err and "Traceback" not in err
    assert not (tmp_path / "tender-assistant.log").exists()


def test_a_full_disk_says_schijf_vol(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                     isolated_home: Path) -> None:
    import criteria_library.cli as library_cli
    import main

    def full(_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(library_cli, "cmd_stats", full)
    assert main.main(["library", "stats"]) == 2
    assert "schijf is vol" in capsys.readouterr().err
    assert not (isolated_home / "tender-assistant.log").exists()


NAME_300 = "a" * 296 + ".docx"  # past the 255 bytes a file name may have on Linux, Windows and macOS


@pytest.mark.parametrize("args", [
    ("export", "{tender}", "--out", "{tmp}/" + NAME_300),
    ("export", "{tender}", "--out", "{tmp}/" + NAME_300[:-5] + "/leidraad.docx"),
    ("export", "{tender}", "--set", "{tmp}/" + NAME_300[:-5]),
    ("library", "import", "{tmp}/" + NAME_300[:-5] + ".json"),
    ("library", "export", "{tmp}/" + NAME_300[:-5] + ".json"),
    ("monitor", "report", "--year", "2026", "--docx", "{tmp}/" + NAME_300),
], ids=["export-out", "export-out-folder", "export-set", "library-import", "library-export", "monitor-report"])
def test_a_300_character_name_is_one_dutch_line(args: tuple[str, ...], capsys: pytest.CaptureFixture[str],
                                                  isolated_home: Path, tmp_path: Path) -> None:
    """Issue 25 item 16: an --out name of 300 characters was 'onverwacht' (ENAMETOOLONG from a check of the path)."""
    import main

    tender = ROOT / "docs" / "examples" / "verkeersborden-haarlemmermeer.tender.json"
    argv = [a.format(tender=tender, tmp=tmp_path) for a in args]
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and err.count("\n") == 1, err
    assert "te lang voor het bestandssysteem" in err and "niets gewijzigd" in err, err
    assert "onverwacht" not in err and "File name too long" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before and not (isolated_home / "tender-assistant.log").exists()


def test_english_command_line_says_error_not_fout(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  isolated_home: Path) -> None:
    """Under --lang en the last line began with the Dutch 'fout:' (finding L1), also for the library's own errors."""
    import main

    missing = tmp_path / "nothing.db"
    assert main.main(["--lang", "en", "--db", str(missing), "library", "stats"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: The library ") and "fout" not in err
    assert main.main(["--db", str(missing), "library", "stats"]) == 2
    assert capsys.readouterr().err.startswith("fout: De bibliotheek ")
