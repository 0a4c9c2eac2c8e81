"""The `monitor` sub-commands: import, report and export of the organisation's register."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from criteria_library.infra.errors import UserError
from criteria_library.infra.output_paths import Input, refuse_onto_inputs
from criteria_library.infra.text import euro, read_number

from .records import organisation_key
from .register_store import RegisterError, RegisterStore


def register(sub: argparse._SubParsersAction) -> None:
    """Add `monitor import|report|export` to the main parser."""
    monitor = sub.add_parser("monitor", help="monitoring: telt de organisatie (en de regio) circulair in?")
    monitor.add_argument("--register", type=Path, metavar="PAD",
                         help="het registerbestand (standaard: register.db naast de bibliotheek van --db, "
                              "anders in de gebruikersmap)")
    msub = monitor.add_subparsers(dest="monitor_command", metavar="OPDRACHT", required=True,
                                  parser_class=sub._parser_class)
    imp = msub.add_parser("import", help="importeer een contractenlijst (.csv/.xlsx), monitoringbestand (.json) of "
                          "gepubliceerde eForms-gunningsaankondiging (.xml)")
    imp.add_argument("files", metavar="BESTAND", type=Path, nargs="+",
                     help="een of meer bestanden; alles wordt eerst gecontroleerd, dan in één keer geïmporteerd")
    imp.set_defaults(func=_import)

    rep = msub.add_parser("report", help="de monitoringrapportage over een jaar")
    rep.add_argument("--year", type=int, required=True, metavar="JAAR")
    rep.add_argument("--org", metavar="NAAM", help="alleen deze organisatie (standaard: alle, met de regio)")
    rep.add_argument("--annualised", action="store_true",
                     help="verdeel de waarde over de looptijd (standaard: hele waarde in het gunningsjaar)")
    rep.add_argument("--min-weight", type=float, metavar="N",
                     help="minimale weging van een gunningscriterium in procent (standaard 5)")
    rep.add_argument("--json", action="store_true", help="uitvoer als JSON")
    rep.add_argument("--xlsx", type=Path, metavar="UIT.xlsx", help="schrijf ook een Excel-rapport met grafieken")
    rep.add_argument("--docx", type=Path, metavar="UIT.docx", help="schrijf ook een Word-rapport met grafieken")
    rep.add_argument("--template", type=Path, metavar="SJABLOON", help="huisstijl voor --docx (.docx of .dotx)")
    rep.set_defaults(func=_report)

    rule = msub.add_parser("rule", help="toon of wijzig de telregel van deze organisatie (elk getal is een instelling)")
    rule.add_argument("--min-weight", type=float, metavar="N", help="minimale weging gunningscriterium (procent)")
    rule.add_argument("--exclude-package", action="append", default=[], metavar="PAKKET",
                      help="laat dit inkooppakket buiten de telling (mag vaker)")
    rule.add_argument("--include-package", action="append", default=[], metavar="PAKKET",
                      help="tel dit pakket weer mee (mag vaker)")
    rule.add_argument("--fictive-discount", choices=["ja", "nee"],
                      help="telt een gunningscriterium met fictieve korting altijd mee?")
    rule.add_argument("--borderline-margin", type=float, metavar="N",
                      help="markeer contracten die tellen door één gunningscriterium tot N procentpunt boven de grens")
    rule.add_argument("--target", action="append", default=[], metavar="JAAR=PROCENT",
                      help="doel voor een jaar, bijvoorbeeld 2025=50 (mag vaker)")
    rule.add_argument("--reset", action="store_true", help="terug naar de afspraken van de regio")
    rule.add_argument("--json", action="store_true", help="uitvoer als JSON")
    rule.set_defaults(func=_rule)

    exp = msub.add_parser("export", help="exporteer het register als monitoringbestand voor de regisseur")
    exp.add_argument("out", metavar="UIT.json", type=Path)
    exp.add_argument("--org", metavar="NAAM", help="alleen deze organisatie")
    exp.set_defaults(func=_export)


def _inputs(args: argparse.Namespace) -> list[Input]:
    """The app's files no report or export may be written over (the register named by --register included)."""
    from ..output import app_inputs

    return app_inputs(getattr(args, "db", None), getattr(args, "register", None))


def _open_register(args: argparse.Namespace) -> RegisterStore:
    """--register, else the register that belongs to the library (--db), as in the window and the checks."""
    from .register_file import register_path_for

    return RegisterStore.open(getattr(args, "register", None) or register_path_for(getattr(args, "db", None)))


def _import(args: argparse.Namespace) -> int:
    from criteria_library.starter import open_library

    from .importer import ImportProblems, import_files

    register = _open_register(args)
    try:
        library = open_library(getattr(args, "db", None))
        try:
            result = import_files(list(args.files), register, library)
        except ImportProblems as exc:
            if len(exc.problems) > 1:
                print("\n".join(f"  {line}" for line in exc.report().splitlines()), file=sys.stderr)
            raise
        finally:
            library.close()
    finally:
        register.close()
    parts = [f"{result.added} toegevoegd"]
    if result.updated:
        parts.append(f"{result.updated} bijgewerkt")
    if result.skipped:
        parts.append(f"{result.skipped} stond(en) er al")
    name = args.files[0].name if len(args.files) == 1 else f"{len(args.files)} bestanden"
    print(f"{name}: " + ", ".join(parts) + ".")
    print(f"Gelezen: {result.read} {'contract' if result.read == 1 else 'contracten'}, samen {euro(result.total_eur, cents=None)}.")
    for nl, _ in result.notes:
        print(nl)
    if result.backup:
        print(f"Reservekopie: {result.backup}")
    return 0


def rule_from_args(register: RegisterStore, args: argparse.Namespace):
    """The register's rule with the command line's overrides."""
    from .rule import ANNUALISED

    rule = register.rule()
    if args.annualised:
        rule = replace(rule, value_method=ANNUALISED)
    if args.min_weight is not None:
        if not 0 <= args.min_weight <= 100:
            raise RegisterError("--min-weight moet tussen 0 en 100 liggen", en="--min-weight must be between 0 and 100")
        rule = replace(rule, min_weight=args.min_weight)
    return rule


def _report(args: argparse.Namespace) -> int:
    from .rule import summarise

    if not 1990 <= args.year <= 2100:
        raise RegisterError(f"--year {args.year} is geen geldig jaar", en=f"--year {args.year} is not a valid year")
    for out, suffix in ((args.xlsx, ".xlsx"), (args.docx, ".docx")):
        if out is not None and out.suffix.lower() != suffix:
            raise RegisterError(f"{out.name} moet eindigen op {suffix}", en=f"{out.name} must end in {suffix}")
        if out is not None:
            refuse_onto_inputs(out, [*_inputs(args), (args.template, "de sjabloon", "the template")],
                               error=RegisterError)
    register = _open_register(args)
    try:
        rule = rule_from_args(register, args)
        records = register.records()
    finally:
        register.close()
    if args.org and not any(organisation_key(r.organisation) == organisation_key(args.org) for r in records):
        raise RegisterError(f"de organisatie \"{args.org}\" staat niet in het register",
                            en=f"the organisation \"{args.org}\" is not in the register")
    report = summarise(records, rule, args.year, args.org)
    report.package_names = _package_names(args)
    written = []
    if args.xlsx is not None:
        from .report import write_xlsx

        written.append(write_xlsx(report, records, args.xlsx, args.org))
    if args.docx is not None:
        from .report import write_docx

        written.append(write_docx(report, records, args.docx, args.org, args.template))
    for path in written:
        print(f"Geschreven: {path}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        from .report import text_report

        print(text_report(report))
    return 0


def _rule(args: argparse.Namespace) -> int:
    from .rule import CountingRule

    register = _open_register(args)
    try:
        rule = CountingRule() if args.reset else register.rule()
        changes: dict = {}
        if args.min_weight is not None:
            if not 0 <= args.min_weight <= 100:
                raise RegisterError("--min-weight moet tussen 0 en 100 liggen",
                                    en="--min-weight must be between 0 and 100")
            changes["min_weight"] = args.min_weight
        if args.exclude_package or args.include_package:
            excluded = [p for p in rule.excluded_packages if p not in args.include_package]
            excluded += [p for p in args.exclude_package if p not in excluded]
            changes["excluded_packages"] = tuple(excluded)
        if args.fictive_discount is not None:
            changes["count_fictive_discount"] = args.fictive_discount == "ja"
        if args.borderline_margin is not None:
            if not 0 <= args.borderline_margin <= 100:
                raise RegisterError("--borderline-margin moet tussen 0 en 100 liggen",
                                    en="--borderline-margin must be between 0 and 100")
            changes["borderline_margin"] = args.borderline_margin
        if args.target:
            targets = dict(rule.targets)
            for item in args.target:
                year, _, percent = item.partition("=")
                try:
                    y, share = int(year), read_number(percent) / 100  # '1_0' is no ten
                except ValueError:
                    raise RegisterError(f"--target {item}: verwacht JAAR=PROCENT, bijvoorbeeld 2025=50",
                                        en=f"--target {item}: expected YEAR=PERCENT, for example 2025=50") from None
                if not (1990 <= y <= 2100 and 0 <= share <= 1):
                    raise RegisterError(f"--target {item}: jaar 1990-2100, procent 0-100",
                                        en=f"--target {item}: year 1990-2100, percent 0-100")
                targets[y] = share
            changes["targets"] = tuple(sorted(targets.items()))
        rule = replace(rule, **changes)
        if changes or args.reset:
            register.save_rule(rule)
    finally:
        register.close()
    if args.json:
        print(json.dumps(rule.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("Telregel" + (" (gewijzigd)" if changes or args.reset else "") + ":")
        print("\n".join(f"  - {line}" for line in rule.describe()))
    return 0


def _package_names(args: argparse.Namespace) -> dict[str, str]:
    """Package names from the library, so reports say 'Kantoormeubilair en inrichting'; slugs when there is none."""
    from criteria_library.infra.paths import default_db_path
    from criteria_library.store import LibraryStore

    path = getattr(args, "db", None) or default_db_path()
    if not path.exists():
        return {}
    try:
        with LibraryStore.open(path, read_only=True) as library:
            return {p.slug: p.name_nl for p in library.packages()}
    except UserError:
        return {}  # the report does not need the library; a broken one is reported by the library commands


def _export(args: argparse.Namespace) -> int:
    from .exchange import export_register

    refuse_onto_inputs(args.out, _inputs(args), error=RegisterError)
    register = _open_register(args)
    try:
        if args.org and organisation_key(args.org) not in {organisation_key(o) for o in register.organisations()}:
            raise RegisterError(f"de organisatie \"{args.org}\" staat niet in het register",
                                en=f"the organisation \"{args.org}\" is not in the register")
        count = export_register(register, args.out, args.org)
    finally:
        register.close()
    print(f"Geschreven: {args.out} ({count} registraties)")
    return 0
