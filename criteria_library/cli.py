"""Command-line sub-commands for the library: `library stats|check|export|import` and `search`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import LibraryError, PackError
from .models import Kind, Status
from .store import LibraryStore


def register(sub: argparse._SubParsersAction) -> None:
    """Add the library sub-commands to the main parser."""
    library = sub.add_parser("library", help="de criteriabibliotheek beheren (statistiek, controle, import, export)")
    lib_sub = library.add_subparsers(dest="library_command", metavar="OPDRACHT", required=True,
                                     parser_class=type(library))

    stats = lib_sub.add_parser("stats", help="aantallen per pakket, soort, niveau en status")
    stats.add_argument("--json", action="store_true", help="uitvoer als JSON")
    stats.set_defaults(func=cmd_stats)

    check = lib_sub.add_parser("check", help="controleer de database, de zoekindex en elk criterium (exit 1 bij fouten)")
    check.set_defaults(func=cmd_check)

    export = lib_sub.add_parser("export", help="exporteer de bibliotheek of één pakket naar .json of .xlsx")
    export.add_argument("path", type=Path, metavar="PAD", help="doelbestand, .json of .xlsx")
    export.add_argument("--package", metavar="SLUG", help="alleen dit inkooppakket")
    export.set_defaults(func=cmd_export)

    imp = lib_sub.add_parser("import", help="importeer een bibliotheekpakket (.json of .xlsx)")
    imp.add_argument("path", type=Path, metavar="PAD", help="het pakketbestand")
    imp.add_argument("--dry-run", action="store_true", help="laat alleen zien wat er zou veranderen")
    imp.set_defaults(func=cmd_import)

    restore = lib_sub.add_parser("restore", help="zet een reservekopie terug als bibliotheek (veilig, met kopie "
                                 "van wat ze vervangt)")
    restore.add_argument("backup", type=Path, metavar="KOPIE", help="de reservekopie (.db), bv. uit de map backups")
    restore.set_defaults(func=cmd_restore)

    search = sub.add_parser("search", help="zoek criteria (typfouttolerant, Nederlands en Engels)")
    search.add_argument("query", metavar="ZOEKTERM")
    search.add_argument("--package", metavar="SLUG", help="alleen dit inkooppakket")
    search.add_argument("--kind", choices=[k.value for k in Kind], help="alleen deze soort criterium")
    search.add_argument("--level", type=int, choices=[1, 2, 3], help="alleen dit ambitieniveau")
    search.add_argument("--status", choices=[s.value for s in Status], help="alleen deze status")
    search.add_argument("--limit", type=_positive_int, default=20, help="hoogstens zoveel resultaten (standaard 20)")
    search.add_argument("--json", action="store_true", help="uitvoer als JSON")
    search.set_defaults(func=cmd_search)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal") from None
    if value < 1:
        raise argparse.ArgumentTypeError("moet 1 of groter zijn")
    return value


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> LibraryStore:
    """Open the library named by --db (or the default one); its warnings go to stderr."""
    store = LibraryStore.open(getattr(args, "db", None), read_only=read_only)
    for warning in store.warnings:
        print(f"let op: {warning}", file=sys.stderr)
    return store


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back as the library."""
    from .paths import default_db_path
    from .restore import restore_library

    db = args.db if args.db is not None else default_db_path()
    result = restore_library(db, args.backup)
    print(f"teruggezet: {args.backup} ({result.criteria} criteria) is nu de bibliotheek {db}")
    if result.replaced_copy is not None:
        print(f"de vervangen bibliotheek is bewaard als {result.replaced_copy}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print counts per package, kind, level and status."""
    with open_store(args) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    kinds = [k.value for k in Kind]
    header = f"{'pakket':<22}{'totaal':>7}" + "".join(f"{k[:6]:>8}" for k in kinds) + "".join(f"{'niv' + str(n):>6}" for n in (1, 2, 3))
    print(f"{stats['packages']} pakketten, {stats['criteria']} criteria")
    print(header)
    for slug, entry in stats["per_package"].items():
        print(f"{slug:<22}{entry['total']:>7}" + "".join(f"{entry['kind'].get(k, 0):>8}" for k in kinds)
              + "".join(f"{entry['level'].get(str(n), 0):>6}" for n in (1, 2, 3)))
    print(f"{'totaal':<22}{stats['criteria']:>7}" + "".join(f"{stats['per_kind'].get(k, 0):>8}" for k in kinds)
          + "".join(f"{stats['per_level'].get(str(n), 0):>6}" for n in (1, 2, 3)))
    print("status: " + ", ".join(f"{k} {v}" for k, v in stats["per_status"].items()))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check integrity; exit 1 when anything is wrong."""
    from .integrity import check_library

    with open_store(args) as store:
        report = check_library(store)
    for warning in report.warnings:
        print(f"waarschuwing: {warning}")
    if report.ok:
        print(f"in orde: {report.checked_criteria} criteria gecontroleerd")
        return 0
    for problem in report.problems:
        print(problem)
    print(f"{len(report.problems)} problemen gevonden", file=sys.stderr)
    return 1


def cmd_export(args: argparse.Namespace) -> int:
    """Export the library or one package."""
    from .exchange import export_pack

    with open_store(args) as store:
        count = export_pack(store, args.path, package=args.package)
    print(f"{count} criteria geëxporteerd naar {args.path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a pack, or show what it would change."""
    from .exchange import apply_import, plan_import, read_pack

    try:
        pack = read_pack(args.path)
    except PackError as exc:
        if len(exc.problems) > 1:  # every problem with its place, indented; the last line is the one `fout:`
            print("\n".join(f"  {line}" for line in exc.report().splitlines()), file=sys.stderr)
        raise
    is_new = args.db is not None and not args.db.exists()
    if is_new and args.dry_run:
        raise LibraryError(f"De bibliotheek {args.db} bestaat niet; een proefimport maakt geen nieuwe.",
                           en=f"The library {args.db} does not exist; a dry run does not create one.")
    with open_store(args) as store:
        if is_new:
            print(f"nieuwe bibliotheek gemaakt: {store.path}")
        plan = plan_import(store, pack)
        if args.dry_run:
            print("proefimport, er is niets gewijzigd:")
            print(plan.report())
            return 0
        if not plan.has_changes:
            print("niets te doen: " + plan.summary())
            return 0
        result = apply_import(store, plan)
    print(plan.summary())
    if result.backup:
        print(f"reservekopie: {result.backup}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Search criteria and print them best first."""
    if not args.query.strip():
        raise LibraryError("Geef een zoekterm.", en="Give a search term.")
    with open_store(args) as store:
        if args.package is not None:
            store.package(args.package)
        hits = store.search(args.query, package=args.package, kind=args.kind, level=args.level,
                            status=args.status, limit=args.limit)
    if args.json:
        print(json.dumps([{"id": h.criterion.id, "package": h.criterion.package, "kind": str(h.criterion.kind),
                           "level": h.criterion.level, "title": h.criterion.title, "score": h.score} for h in hits],
                         ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("geen criteria gevonden")
        return 0
    for h in hits:
        c = h.criterion
        print(f"{h.score:5.1f}  {c.id:<10} {c.package:<18} {str(c.kind):<18} niv {c.level}  {c.title}")
    return 0


__all__ = ["LibraryError", "register"]
