"""Command-line sub-commands for the library: `library stats|check|export|import`, the review workflow
(`library pending|submit|approve|reject|history`), releases, and `search`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import LibraryError, PackError
from .infra.text import escape_unprintable, terminal_safe
from .models import Kind, Person, Status
from .starter import open_library
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
    settings = lib_sub.add_parser("settings", help="toon of wijzig de instellingen van de bibliotheek (regisseur)")
    settings.add_argument("--organisation-code", metavar="CODE",
                          help="2 tot 5 letters waarmee de codes van hier gemaakte criteria beginnen, bv. ZAA "
                          "(leeg: geen); bestaande codes blijven")
    settings.add_argument("--trusted-releases", choices=["review", "publish"],
                          help="wijzigingen van gepubliceerde criteria uit vertrouwde releases: ter review "
                          "(standaard) of direct publiceren")
    settings.set_defaults(func=cmd_settings)
    settings.add_argument("--four-eyes", choices=["on", "off"],
                          help="vier-ogenprincipe aan, of uit (in een bibliotheek met meer gebruikers pas na "
                          "bevestiging door een tweede persoon)")
    register_review(lib_sub)
    register_releases(lib_sub)

    search = sub.add_parser("search", help="zoek criteria (typfouttolerant, Nederlands en Engels)")
    search.add_argument("query", metavar="ZOEKTERM")
    search.add_argument("--package", metavar="SLUG", help="alleen dit inkooppakket")
    search.add_argument("--kind", choices=[k.value for k in Kind], help="alleen deze soort criterium")
    search.add_argument("--level", type=int, choices=[1, 2, 3], help="alleen dit ambitieniveau")
    search.add_argument("--status", choices=[s.value for s in Status], help="alleen deze status")
    search.add_argument("--limit", type=_positive_int, default=20, help="hoogstens zoveel resultaten (standaard 20)")
    search.add_argument("--json", action="store_true", help="uitvoer als JSON")
    search.set_defaults(func=cmd_search)


def register_review(lib_sub: argparse._SubParsersAction) -> None:
    """The review workflow, with the same rules and identity as the window: pending, submit, approve, reject,
    history."""
    pending = lib_sub.add_parser("pending", help="wat ter review wacht, met auteur en wie het aanbood")
    pending.add_argument("--json", action="store_true", help="uitvoer als JSON")
    pending.set_defaults(func=cmd_pending)

    submit = lib_sub.add_parser("submit", help="bied een concept (of nieuwe versie) ter review aan")
    submit.add_argument("criterion", metavar="CODE", help="de code van het criterium")
    submit.set_defaults(func=cmd_submit)

    approve = lib_sub.add_parser("approve", help="keur goed en publiceer (door een ander dan auteur en aanbieder)")
    approve.add_argument("criterion", metavar="CODE", help="de code van het criterium")
    approve.set_defaults(func=cmd_approve)

    reject = lib_sub.add_parser("reject", help="zet terug naar concept, met de reden")
    reject.add_argument("criterion", metavar="CODE", help="de code van het criterium")
    reject.add_argument("--why", required=True, metavar="TEKST", help="waarom (komt in de geschiedenis)")
    reject.set_defaults(func=cmd_reject)

    history = lib_sub.add_parser("history", help="alle versies met auteur, aanbieder en goedkeurder")
    history.add_argument("criterion", metavar="CODE", help="de code van het criterium")
    history.add_argument("--json", action="store_true", help="uitvoer als JSON")
    history.set_defaults(func=cmd_history)


def _person_json(person: Person | None) -> dict[str, str] | None:
    return None if person is None else person.as_json()


def _person_text(person: Person | None) -> str:
    return terminal_safe(person.label()) if person is not None else "-"


def cmd_pending(args: argparse.Namespace) -> int:
    """List what waits for review, with author and submitter."""
    with open_store(args, read_only=True) as store:
        waiting = store.waiting()
        published = set(store.drafts())
    if args.json:
        print(json.dumps([{"id": w.criterion.id, "title": w.criterion.title, "version": w.criterion.version,
                           "new_version": w.criterion.id in published, "updated_at": w.criterion.updated_at,
                           "author": _person_json(w.author), "submitter": _person_json(w.submitter)}
                          for w in waiting], ensure_ascii=False, indent=2))
        return 0
    if not waiting:
        print("niets ter review")
    for w in waiting:
        kind = "nieuwe versie van een gepubliceerd criterium" if w.criterion.id in published else "nieuw criterium"
        print(terminal_safe(f"{w.criterion.id}  versie {w.criterion.version} ({kind})  {w.criterion.title}"))
        print(f"    auteur: {_person_text(w.author)}; aangeboden door: {_person_text(w.submitter)}")
    return 0


def _move(args: argparse.Namespace, target: Status, done: str, *, why: str = "") -> int:
    with open_store(args) as store:
        moved = store.set_status(args.criterion, target, why=why)
        who = store.person
    print(terminal_safe(f"{moved.id} versie {moved.version}: {done} door {who.label()}"))
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    """Submit a concept (or a pending new version) for review."""
    return _move(args, Status.IN_REVIEW, "ter review aangeboden")


def cmd_approve(args: argparse.Namespace) -> int:
    """Approve and publish what is in review (four-eyes: not by its author or submitter)."""
    return _move(args, Status.PUBLISHED, "goedgekeurd en gepubliceerd")


def cmd_reject(args: argparse.Namespace) -> int:
    """Send what is in review back to concept, with the reason."""
    if not args.why.strip():
        raise LibraryError("Geef met --why de reden.", en="Give the reason with --why.")
    return _move(args, Status.CONCEPT, "teruggezet naar concept", why=args.why.strip())


def cmd_history(args: argparse.Namespace) -> int:
    """Every version of a criterion with its author, submitter and approver."""
    with open_store(args, read_only=True) as store:
        versions = store.history(args.criterion)
    if args.json:
        print(json.dumps([{"version": v.version, "changed_at": v.changed_at, "status": str(v.criterion.status),
                           "changed_by": Person(v.changed_by, v.account).as_json(), "note": v.note,
                           "changed_fields": v.changed_fields, "author": _person_json(v.author),
                           "submitter": _person_json(v.submitter), "approver": _person_json(v.approver)}
                          for v in versions], ensure_ascii=False, indent=2))
        return 0
    for v in versions:
        print(terminal_safe(f"versie {v.version}  {v.changed_at}  {v.criterion.status.label_nl}"
                            + (f"  {v.note}" if v.note else "")))
        print(f"    auteur: {_person_text(v.author)}; aangeboden door: {_person_text(v.submitter)}; "
              f"goedgekeurd door: {_person_text(v.approver)}")
    return 0


def register_releases(lib_sub: argparse._SubParsersAction) -> None:
    """Signed releases: keygen, publish, trust/untrust, update, conflicts and resolve."""
    keygen = lib_sub.add_parser("keygen", help="maak een sleutelpaar om releases te ondertekenen")
    keygen.add_argument("keyfile", type=Path, metavar="SLEUTELBESTAND",
                        help="de privésleutel (versleuteld); de openbare komt in SLEUTELBESTAND.pub")
    keygen.set_defaults(func=cmd_keygen)

    publish = lib_sub.add_parser("publish", help="schrijf een ondertekende release van de gepubliceerde criteria")
    publish.add_argument("outdir", type=Path, metavar="MAP", help="map voor index.json, de pakketten en de handtekening")
    publish.add_argument("--key", type=Path, required=True, metavar="SLEUTELBESTAND", help="de privésleutel")
    publish.add_argument("--version", metavar="V", help="releaseversie, bijvoorbeeld 2026.3 (standaard: de laatste met deze sleutel of in OUTDIR, laatste deel plus één)")
    publish.add_argument("--notes", default="", metavar="TEKST", help="toelichting bij deze release")
    publish.add_argument("--package", action="append", metavar="SLUG", help="alleen dit inkooppakket (herhaalbaar)")
    publish.add_argument("--publisher", metavar="NAAM", help="naam van de uitgever (standaard: uw naam)")
    publish.set_defaults(func=cmd_publish)

    trust = lib_sub.add_parser("trust", help="vertrouw een uitgever (openbare sleutel), of toon de lijst")
    trust.add_argument("pubkey", type=Path, nargs="?", metavar="SLEUTEL.pub", help="de openbare sleutel van de uitgever")
    trust.add_argument("--name", metavar="NAAM", help="de naam waaronder u de uitgever kent")
    trust.add_argument("--package", action="append", metavar="SLUG",
                       help="de uitgever mag alleen dit inkooppakket wijzigen (herhaalbaar)")
    trust.add_argument("--prefix", action="append", metavar="BEGIN",
                       help="de uitgever mag alleen criteria wijzigen waarvan de code zo begint, bijvoorbeeld ZST- "
                       "(herhaalbaar)")
    trust.add_argument("--list", action="store_true", help="toon de vertrouwde uitgevers en wat zij mogen wijzigen")
    trust.set_defaults(func=cmd_trust)

    untrust = lib_sub.add_parser("untrust", help="vertrouw een uitgever niet meer")
    untrust.add_argument("name", metavar="NAAM")
    untrust.set_defaults(func=cmd_untrust)

    update = lib_sub.add_parser("update", help="werk de bibliotheek bij uit een release (map of http(s)-adres)")
    update.add_argument("--from", dest="source", metavar="MAP_OF_URL", help="waar de release staat")
    update.add_argument("--dry-run", action="store_true", help="laat alleen zien wat er zou veranderen")
    update.add_argument("--json", action="store_true", help="uitvoer als JSON")
    update.add_argument("--undo", action="store_true", help="herstel de toestand van vóór de laatste update of import")
    update.set_defaults(func=cmd_update)

    conflicts = lib_sub.add_parser("conflicts", help="toon de openstaande conflicten uit releases")
    conflicts.add_argument("--json", action="store_true", help="uitvoer als JSON")
    conflicts.set_defaults(func=cmd_conflicts)

    resolve = lib_sub.add_parser("resolve", help="los een conflict op: neem de nieuwe versie over of houd de eigen")
    resolve.add_argument("criterion", metavar="CODE", help="de code van het criterium, of de slug van het pakket")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--take-incoming", action="store_true", help="neem de versie van de uitgever over")
    choice.add_argument("--keep-local", action="store_true", help="houd de eigen versie")
    resolve.set_defaults(func=cmd_resolve)


def _passphrase(prompt: str, *, confirm: bool = False) -> str:
    """The key passphrase: TENDER_ASSISTANT_KEY_PASSPHRASE for scripts, else asked on the terminal."""
    import getpass
    import os

    from .publishers import PASSPHRASE_ENV

    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise LibraryError(f"Geen wachtwoordzin: typ hem in een terminal of zet {PASSPHRASE_ENV}.",
                           en=f"No passphrase: type it in a terminal or set {PASSPHRASE_ENV}.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nogmaals: ") != first:
        raise LibraryError("De twee wachtwoordzinnen verschillen.", en="The two passphrases differ.")
    return first


def cmd_keygen(args: argparse.Namespace) -> int:
    """Create an Ed25519 key pair for signing releases."""
    from .publishers import generate_key, short_fingerprint

    fp = generate_key(args.keyfile, _passphrase("Wachtwoordzin voor de nieuwe sleutel: ", confirm=True))
    print(f"sleutel gemaakt: {args.keyfile} (privé, bewaar hem goed) en {args.keyfile}.pub (deel deze)")
    print(f"vingerafdruk: {short_fingerprint(fp)}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """Write a signed release of the published criteria."""
    from . import user
    from .publish import publish
    from .publishers import load_private_key

    key = load_private_key(args.key, _passphrase("Wachtwoordzin van de sleutel: "))
    with open_store(args) as store:  # a first run makes the library, as every command does
        result = publish(store, args.outdir, key, publisher=(args.publisher or user.user_name()).strip(),
                         version=args.version, notes=args.notes, packages=args.package, key_file=args.key)
    retired = f" (en {result.retired} ingetrokken)" if result.retired else ""
    print(f"release {result.version} geschreven naar {result.folder}: {result.criteria} criteria{retired} in "
          f"{len(result.files) - 2} pakketbestanden, ondertekend")
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    """Trust a publisher's key, or list the trusted publishers."""
    from .publishers import short_fingerprint, trust, trusted_publishers

    if args.list or args.pubkey is None:
        if args.pubkey is not None or args.name or args.package or args.prefix:
            raise LibraryError("Gebruik --list zonder sleutel, naam, pakket of codebegin.",
                               en="Use --list without a key, name, package or prefix.")
        for p in trusted_publishers():
            extra = " (meegeleverd)" if p.builtin else ""
            # names come from a file anyone may have edited: escaped, so they cannot drive the terminal
            print(f"{escape_unprintable(p.name)}{extra}  {short_fingerprint(p.fingerprint)}  "
                  f"mag wijzigen: {escape_unprintable(p.scope_text())}")
        return 0
    if not args.name:
        raise LibraryError("Geef de uitgever een naam met --name.", en="Name the publisher with --name.")
    publisher = trust(args.pubkey, args.name, packages=args.package, prefixes=args.prefix)
    print(f"vertrouwd: {publisher.name} ({short_fingerprint(publisher.fingerprint)}), mag wijzigen: "
          f"{publisher.scope_text()}")
    return 0


def cmd_untrust(args: argparse.Namespace) -> int:
    """Stop trusting a publisher."""
    from .publishers import untrust

    untrust(args.name)
    print(f"niet meer vertrouwd: {args.name}")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    """Update the library from a verified release (or undo the last update)."""
    from .merge import already_received, apply_update, plan_update, restore_previous_state, undo_preview
    from .releases import read_release

    if args.undo:
        if args.source:
            raise LibraryError("Gebruik --undo zonder --from.", en="Use --undo without --from.")
        with open_store(args, read_only=args.dry_run) as store:
            preview = undo_preview(store)  # checked before anything is written; says what comes back
            print(f"terug naar {preview.describe()} ({preview.backup})")
            if args.dry_run:
                print("proef, er is niets gewijzigd")
                return 0
            undone = restore_previous_state(store)
        print(f"vorige toestand hersteld uit {undone.preview.backup}")
        print(f"de vervangen bibliotheek is bewaard als {undone.replaced_copy}")
        return 0
    if not args.source:
        raise LibraryError("Geef met --from de map of het adres van de release.",
                           en="Give the release's folder or address with --from.")
    release = read_release(args.source)  # verified completely before the library is even opened for writing
    with open_store(args) as store:
        if already_received(store, release):
            print(f"al bijgewerkt: release {release.version} van {release.publisher.name} is al ontvangen")
            return 0
        plan = plan_update(store, release)
        if args.dry_run:
            if args.json:
                print(json.dumps({"dry_run": True, **plan.as_json()}, ensure_ascii=False, indent=2))
            else:
                print("proefupdate, er is niets gewijzigd:")
                print(plan.report())
            return 0
        result = apply_update(store, plan)
    if args.json:
        print(json.dumps({"dry_run": False, **plan.as_json(), "backup": str(result.backup)}, ensure_ascii=False,
                         indent=2))
        return 0
    print(plan.report())
    print(f"reservekopie: {result.backup} (terug met 'library update --undo')")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    """List open conflicts with their field-level differences."""
    from .merge import conflicts, package_conflicts

    with open_store(args, read_only=True) as store:
        found = conflicts(store)
        packages = package_conflicts(store)
    if args.json:
        print(json.dumps([{"id": c.local.id, "retired_upstream": c.retired_upstream,
                           "diff": {k: [a, b] for k, (a, b) in c.diff.items()}} for c in found]
                         + [{"package": slug, "diff": {k: [a, b] for k, (a, b) in diff.items()}}
                            for slug, diff in packages.items()],
                         ensure_ascii=False, indent=2))
        return 0
    if not found and not packages:
        print("geen conflicten")
    for slug, diff in packages.items():
        print(terminal_safe(f"! pakket {slug}"))
        for name, (a, b) in diff.items():
            print(terminal_safe(f"    {name}: lokaal {a!r}\n    {' ' * len(name)}  nieuw  {b!r}"))
    for c in found:
        print(terminal_safe(f"! {c.local.id} {c.local.title}")
              + (" (ingetrokken door de uitgever)" if c.retired_upstream else "")
              + (" (een andere eis van de uitgever met dezelfde code)" if c.other_criterion else ""))
        for name, (a, b) in c.diff.items():
            print(f"    {name}: lokaal {a!r}\n    {' ' * len(name)}  nieuw  {b!r}")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    """Resolve one conflict."""
    from .merge import package_conflicts, resolve_conflict

    with open_store(args) as store:
        if args.criterion in package_conflicts(store):
            store.resolve_package_conflict(args.criterion, take_incoming=args.take_incoming)
            name = f"pakket {args.criterion}"
        else:
            name = resolve_conflict(store, args.criterion, take_incoming=args.take_incoming).id
    print(f"{name}: " + ("nieuwe versie overgenomen" if args.take_incoming else "eigen versie gehouden"))
    return 0


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
    store = open_library(getattr(args, "db", None), read_only=read_only)
    for warning in store.warnings:
        print(f"let op: {warning}", file=sys.stderr)
    return store


def cmd_settings(args: argparse.Namespace) -> int:
    """Show the library's settings, or change them (each change is logged)."""
    with open_store(args) as store:
        if args.organisation_code is not None:
            store.set_organisation_code(args.organisation_code)
        if args.trusted_releases is not None:
            store.set_accept_trusted_releases(args.trusted_releases == "publish")
        if args.four_eyes is not None and store.set_four_eyes(args.four_eyes == "on") == "requested":
            print("verzoek vastgelegd: het vier-ogenprincipe gaat uit zodra een collega 'library settings "
                  "--four-eyes off' geeft")
        print(f"organisatiecode: {store.organisation_code or '(geen)'}")
        print("vertrouwde releases: " + ("direct gepubliceerd" if store.accepts_trusted_releases else "ter review"))
        request = store.four_eyes_off_request
        print("vier-ogenprincipe: " + ("aan" if store.four_eyes else "uit")
              + (terminal_safe(f" (uitschakelen gevraagd door {request.label()})") if request else ""))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup back as the library."""
    from .infra.paths import default_db_path
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
    # every column as wide as its full name (two spaces apart), the counts right-aligned under it
    first = max([22, *(len(slug) + 1 for slug in stats["per_package"])])
    widths = [len(k) + 2 for k in kinds]

    def line(name: str, total: int, per_kind: dict[str, int], per_level: dict[str, int]) -> str:
        return (f"{name:<{first}}{total:>7}" + "".join(f"{per_kind.get(k, 0):>{w}}" for k, w in zip(kinds, widths, strict=True))
                + "".join(f"{per_level.get(str(n), 0):>6}" for n in (1, 2, 3)))

    print(f"{stats['packages']} pakketten, {stats['criteria']} criteria")
    print(f"{'pakket':<{first}}{'totaal':>7}" + "".join(f"{k:>{w}}" for k, w in zip(kinds, widths, strict=True))
          + "".join(f"{'niv' + str(n):>6}" for n in (1, 2, 3)))
    for slug, entry in stats["per_package"].items():
        print(line(slug, entry["total"], entry["kind"], entry["level"]))
    print(line("totaal", stats["criteria"], stats["per_kind"], stats["per_level"]))
    print("status: " + ", ".join(f"{k} {v}" for k, v in stats["per_status"].items()))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check integrity; exit 1 when anything is wrong."""
    from .integrity import check_library

    with open_store(args) as store:
        report = check_library(store)
    for warning in report.warnings:
        print(f"waarschuwing: {warning.line()}")
    if report.ok:
        print(f"in orde: {report.checked_criteria} criteria gecontroleerd")
        return 0
    for problem in report.problems:
        print(problem.line())
    print(f"{len(report.problems)} problemen gevonden", file=sys.stderr)
    return 1


def cmd_export(args: argparse.Namespace) -> int:
    """Export the library or one package."""
    from .pack_export import export_pack

    with open_store(args) as store:
        count = export_pack(store, args.path, package=args.package)
    print(f"{count} criteria geëxporteerd naar {args.path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a pack, or show what it would change."""
    from .pack_import import apply_import, plan_import
    from .pack_reading import read_pack

    try:
        pack = read_pack(args.path)
    except PackError as exc:
        if len(exc.problems) > 1:  # every problem with its place, indented; the last line is the one `fout:`
            print("\n".join(f"  {escape_unprintable(line)}" for line in exc.report().split("\n")), file=sys.stderr)
        raise
    is_new = args.db is not None and not args.db.exists()
    if is_new and args.dry_run:
        if not args.db.parent.is_dir():  # a folder that is not there either: more likely a typo than a new library
            raise LibraryError(f"De bibliotheek {args.db} bestaat niet, en de map {args.db.parent} ook niet.",
                               en=f"The library {args.db} does not exist, nor does the folder {args.db.parent}.")
        # what the import would do to the new library it makes: planned against one made the same way in a
        # temporary folder, which goes again; nothing is made where --db points
        import tempfile

        with tempfile.TemporaryDirectory(prefix="proefimport-") as tmp, \
                open_library(Path(tmp) / args.db.name) as store:
            plan = plan_import(store, pack)
        print(f"proefimport in een nieuwe bibliotheek {args.db} (die er nog niet is; er is niets gemaakt of "
              "gewijzigd):")
        print(plan.report())
        return 0
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
            print("\n".join(plan.retirement_lines()), end="\n" if plan.not_retired else "")
            return 0
        result = apply_import(store, plan)
    print(plan.summary())
    print("\n".join(plan.retirement_lines()), end="\n" if plan.not_retired else "")
    if result.backup:
        print(f"reservekopie: {result.backup} (terug met 'library update --undo')")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Search criteria and print them best first."""
    if not args.query.strip():
        raise LibraryError("Geef een zoekterm.", en="Give a search term.")
    from .search import MAX_QUERY_TERMS, query_terms, search_criteria

    words, cut = query_terms(args.query)
    if cut:
        print(f"let op: gezocht op de eerste {MAX_QUERY_TERMS} verschillende zoekwoorden (hoogstens 200 tekens): "
              f"{escape_unprintable(' '.join(words))}", file=sys.stderr)
    with open_store(args) as store:
        if args.package is not None:
            store.package(args.package)
        hits = search_criteria(store, args.query, package=args.package, kind=args.kind, level=args.level,
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
        print(f"{h.score:5.1f}  {c.id:<10} {c.package:<18} {c.kind:<18} niv {c.level}  "
              f"{escape_unprintable(c.title)}")
    return 0


__all__ = ["LibraryError", "register"]
