"""Tender Assistant: the GUI by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from criteria_library.infra.errors import UserError
from criteria_library.infra.text import escape_unprintable, shown

# argparse's own texts (usage, help headings, errors) in Dutch; argparse looks its `_` up at call time.
ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht ten minste één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan %(matches)s zijn",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
}
argparse._ = lambda text: ARGPARSE_DUTCH.get(text, text)  # type: ignore[attr-defined]
# Commands that may create a library file that does not exist yet; the others must not, so a typo in --db
# cannot silently start an empty library.
CREATING_COMMANDS = {("library", "import"), ("library", "restore"), ("gui", None), ("demo", None)}


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one Dutch line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"fout: ongeldige opdracht: {message} (zie '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The full command line: global options plus every sub-command."""
    from criteria_library import cli as library_cli
    from tender_assistant import cli as tender_cli
    from tender_assistant.monitoring import cli as monitor_cli

    parser = DutchArgumentParser(
        prog="tender-assistant",
        description="Tender Assistant: circulair inkopen, van criteriabibliotheek tot aanbestedingsdocument. "
        "Zonder sub-opdracht start de grafische app.",
    )
    parser.add_argument("--db", type=Path, help="pad naar de bibliotheek-database (standaard: in de gebruikersmap)")
    parser.add_argument("--lang", choices=["nl", "en"], help="taal van de interface (standaard: instelling, anders nl)")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser)
    library_cli.register(sub)
    tender_cli.register(sub)
    monitor_cli.register(sub)
    gui = sub.add_parser("gui", help="start de grafische app (standaard)")
    gui.add_argument("files", nargs="*", type=Path, help="aanbestedingsbestanden (.tender.json) om te openen")
    gui.set_defaults(func=_run_gui)
    demo = sub.add_parser("demo", help="open de demo-omgeving voor trainers (eigen kopie van de bibliotheek)")
    demo.add_argument("--reset", action="store_true", help="zet de demo-omgeving terug naar de beginstand en stop")
    demo.set_defaults(func=_run_demo)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from ui.app import run_gui

    return run_gui(args)


def _run_demo(args: argparse.Namespace) -> int:
    if args.reset:
        from tender_assistant.demo import reset_demo

        workspace = reset_demo()
        print(f"Demo-omgeving teruggezet: {workspace}")
        return 0
    from ui.app import run_demo

    return run_demo(args)


def _check_db_exists(args: argparse.Namespace) -> None:
    """An explicit --db that does not exist is a user error, except for commands that create a library."""
    db = getattr(args, "db", None)
    if db is None or db.exists():
        return
    if (args.command, getattr(args, "library_command", None)) in CREATING_COMMANDS:
        return
    raise UserError(
        f"De bibliotheek {db} bestaat niet (typfout in --db?). Maak een nieuwe met 'library import PAD'.",
        en=f"The library {db} does not exist (typo in --db?). Create one with 'library import PATH'.",
    )


def _log_unexpected() -> Path | None:
    """Write the current exception's traceback to the log file; return its path, or None if that failed."""
    from criteria_library.infra.logs import log_unexpected

    return log_unexpected(*sys.exc_info())


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run it; return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.files = []
        args.func = _run_gui
        args.command = "gui"
    english = getattr(args, "lang", None) == "en"
    prefix = "error" if english else "fout"
    try:
        _check_db_exists(args)
        return int(args.func(args) or 0)
    except UserError as exc:
        # escaped: a file name or value with ESC or U+2028 must not drive the terminal or forge a second line
        print(f"{prefix}: {escape_unprintable(exc.text('en' if english else 'nl'))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{prefix}: {'interrupted' if english else 'afgebroken'}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`... | head`): not a bug; stop quietly, as other command-line tools do
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 141
    except sqlite3.DatabaseError as exc:
        from criteria_library.infra.sqlite_file import damaged_database

        damaged = damaged_database(exc)
        if damaged is None:
            return _report_bug(english)
        print(f"{prefix}: {damaged}", file=sys.stderr)
        return 2
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            # a name typed on the command line: every check of it (exists, stat) fails before anything is written
            longest = max(Path(str(exc.filename or "")).parts or ("",), key=len)
            name = escape_unprintable(shown(longest, 40))
            print(f"fout: de naam '{name}' ({len(longest)} tekens) is te lang voor het bestandssysteem; kies een "
                  "kortere naam. Er is niets gewijzigd.", file=sys.stderr)
            return 2
        if exc.errno != errno.ENOSPC:
            return _report_bug(english)
        print(f"{prefix}: " + ("the disk is full; nothing was changed. Free some space and try again." if english
                               else "de schijf is vol; er is niets gewijzigd. Maak ruimte vrij en probeer het opnieuw."),
              file=sys.stderr)
        return 2
    except Exception:  # noqa: BLE001 - a bug: log it, never show a traceback
        return _report_bug(english)


def _report_bug(english: bool = False) -> int:
    """Log the current exception as a bug and say so in one line; the exit code 1."""
    where = _log_unexpected()
    if english:
        suffix = f" Details are in {where}." if where else ""
        print(f"error: something unexpected went wrong; nothing was changed.{suffix}", file=sys.stderr)
        return 1
    suffix = f" Details staan in {where}." if where else ""
    print(f"fout: er ging onverwacht iets mis; er is niets gewijzigd.{suffix}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
