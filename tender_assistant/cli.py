"""Command-line sub-commands of the drafting core: match, tender check, export."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from criteria_library.infra.errors import UserError
from criteria_library.infra.text import dutch_number, escape_unprintable, terminal_safe

from .errors import TenderError

if TYPE_CHECKING:
    from .library import Library
    from .tender import Tender

SEVERITY_EN = {"fout": "error", "advies": "advice", "info": "info"}


def _lang(args: argparse.Namespace) -> str:
    """The global --lang option: 'en' or, by default, 'nl'."""
    return "en" if getattr(args, "lang", None) == "en" else "nl"


def _in_language(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """With --lang en a user error carries its English text (main prints str(exc), which is the Dutch one)."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except UserError as exc:
            if _lang(args) != "en":
                raise
            raise TenderError(exc.text("en"), en=exc.text("en")) from None

    return run


def _severity(severity: str, lang: str) -> str:
    return SEVERITY_EN.get(severity, severity) if lang == "en" else str(severity)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the drafting sub-commands to the main parser."""
    match = sub.add_parser("match", help="zoek het inkooppakket bij een omschrijving en/of CPV-codes")
    match.add_argument("text", metavar="TEKST", nargs="?", default="", help="omschrijving van wat u inkoopt")
    match.add_argument("--cpv", action="append", default=[], metavar="CODE", help="CPV-code (mag vaker)")
    match.add_argument("--limit", type=int, default=5, metavar="N", help="hoeveel pakketten (standaard 5)")
    match.add_argument("--json", action="store_true", help="uitvoer als JSON")
    match.set_defaults(func=_in_language(_match))

    tender = sub.add_parser("tender", help="werk met aanbestedingsbestanden (.tender.json)")
    tender_sub = tender.add_subparsers(dest="tender_command", metavar="OPDRACHT", required=True,
                                       parser_class=sub._parser_class)
    check = tender_sub.add_parser("check", help="controleer een aanbesteding: fouten en adviezen")
    check.add_argument("file", metavar="AANBESTEDING", type=Path, help="het .tender.json-bestand")
    check.add_argument("--json", action="store_true", help="uitvoer als JSON")
    check.add_argument("--template", type=Path, metavar="SJABLOON",
                       help="controleer ook de markeringen ({{gunningscriteria}}, {{titel}}, ...) in deze sjabloon")
    check.set_defaults(func=_in_language(_check))

    drift = tender_sub.add_parser("drift", help="welke aanbestedingen gebruiken een criterium met een nieuwere versie "
                                  "of dat is ingetrokken")
    drift.add_argument("paths", metavar="PAD", type=Path, nargs="+", help="aanbestedingsbestanden of mappen")
    drift.add_argument("--json", action="store_true", help="uitvoer als JSON")
    drift.set_defaults(func=_drift)

    simulate = tender_sub.add_parser("simulate", help="beoordeel (verzonnen) inschrijvingen met de wegingen van "
                                     "de aanbesteding: rangorde en punten per onderdeel")
    simulate.add_argument("file", metavar="AANBESTEDING", type=Path, help="het .tender.json-bestand")
    simulate.add_argument("bids", metavar="INSCHRIJVINGEN", type=Path,
                          help="CSV of XLSX: inschrijver, prijs, en per gunningscriterium een kolom")
    simulate.add_argument("--lot", metavar="PERCEEL", help="het perceel om te beoordelen (nodig bij meer percelen)")
    simulate.add_argument("--json", action="store_true", help="uitvoer als JSON")
    simulate.set_defaults(func=_in_language(_simulate))

    policy = tender_sub.add_parser("inkoopbeleid", help="toon of stel de grenzen van het eigen inkoopbeleid in "
                                   "(leveringen en diensten) waarop het procedureadvies rust")
    policy.add_argument("--enkelvoudig", type=int, metavar="EURO", help="hoogste waarde voor enkelvoudig onderhands")
    policy.add_argument("--meervoudig", type=int, metavar="EURO",
                        help="hoogste waarde voor meervoudig onderhands (weglaten: geen eigen grens)")
    policy.add_argument("--bron", default="", metavar="TEKST", help="waar het staat, bv. 'Inkoopbeleid 2025, art. 4'")
    policy.add_argument("--standaard", action="store_true", help="terug naar de standaardwaarden")
    policy.set_defaults(func=_in_language(_policy))

    export = sub.add_parser("export", help="maak het Word-document van een aanbesteding")
    export.add_argument("file", metavar="AANBESTEDING", type=Path, help="het .tender.json-bestand")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, metavar="BESTAND.docx", help="het Word-bestand dat ontstaat")
    target.add_argument("--set", type=Path, metavar="MAP",
                        help="schrijf de documentenset in deze map: aanbestedingsleidraad.docx, "
                        "programma-van-eisen.docx, contractbijlage.docx, eisenlijst.xlsx, borgingsplan.xlsx en "
                        "prijsformulier.xlsx")
    export.add_argument("--template", type=Path, metavar="SJABLOON", help="huisstijl: .docx of .dotx van de organisatie")
    export.add_argument("--contract-template", type=Path, metavar="SJABLOON",
                        help="met --set: sjabloon voor de contractbijlage (standaard de --template)")
    export.add_argument("--concept", action="store_true",
                        help="maak een concept, ook als de controle nog fouten vindt (lege plekken worden gemarkeerd)")
    export.add_argument("--pdf", action="store_true",
                        help="schrijf ook een PDF (met paginanummers in de inhoudsopgave; vraagt LibreOffice)")
    export.add_argument("--force", action="store_true", help="overschrijf bestaande bestanden")
    export.set_defaults(func=_in_language(_export))


def _open_library(args: argparse.Namespace):
    from criteria_library.starter import open_library

    return open_library(getattr(args, "db", None))


def _match(args: argparse.Namespace) -> int:
    from .matching import match_packages

    if not args.text.strip() and not args.cpv:
        raise TenderError("geef een omschrijving of ten minste één --cpv-code", en="give a description or at least one --cpv code")
    if args.limit < 1:
        raise TenderError("--limit moet 1 of meer zijn", en="--limit must be 1 or more")
    from .tender import parse_cpv

    codes = [parse_cpv(code) for code in args.cpv]  # exact codes only: a wrong check digit is a typing error
    store = _open_library(args)
    try:
        matches = match_packages(store, args.text, codes, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps([{"package": m.package, "name": m.name, "score": m.score} for m in matches],
                         ensure_ascii=False, indent=2))
    elif not matches:
        print("No matching procurement package found." if _lang(args) == "en" else "Geen passend inkooppakket gevonden.")
    else:
        for m in matches:
            print(f"{m.score:5.1f}  {m.package:<22} {m.name}")
    return 0


def _drift(args: argparse.Namespace) -> int:
    from .drift import drift_report

    store = _open_library(args)
    try:
        results, unreadable = drift_report(args.paths, store)
    finally:
        store.close()
    if args.json:
        print(json.dumps({"tenders": [{"path": str(r.path), "title": r.title, "criteria": [
            {"id": i.criterion_id, "title": i.title, "tender_version": i.tender_version,
             "library_version": i.library_version, "retired": i.retired, "changed": i.changed_fields}
            for i in r.items]} for r in results],
            "unreadable": [{"path": str(p), "error": e} for p, e in unreadable]}, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        print(terminal_safe(f"{r.path}: {r.title or '(zonder titel)'}"))
        for item in r.items:
            print(terminal_safe(f"  {item.describe()}"))
    for path, error in unreadable:
        print(f"let op: {path} is overgeslagen: {error}", file=sys.stderr)
    if not results:
        print("Geen aanbestedingen met verouderde of ingetrokken criteria.")
    return 0


def _policy(args: argparse.Namespace) -> int:
    from .procurement_policy import clear_policy, current_policy, save_policy

    en = _lang(args) == "en"
    changing = args.standaard or args.enkelvoudig is not None or args.meervoudig is not None
    if args.standaard and (args.enkelvoudig is not None or args.meervoudig is not None):
        raise TenderError("--standaard gaat niet samen met --enkelvoudig of --meervoudig",
                          en="--standaard cannot be combined with --enkelvoudig or --meervoudig")
    store = _open_library(args)
    try:
        if args.standaard:
            clear_policy(store)
        elif changing:
            save_policy(store, args.enkelvoudig, args.meervoudig, args.bron)
        advice = current_policy(store)
    finally:
        store.close()

    def amount(value: int | None) -> str:
        if value is None:
            return "no own upper value" if en else "geen eigen grens"
        return "EUR " + dutch_number(value)

    print(f"{'Procurement policy (supplies and services)' if en else 'Inkoopbeleid (leveringen en diensten)'}: "
          f"{advice.source}")
    print(f"  {'enkelvoudig onderhands up to' if en else 'enkelvoudig onderhands tot'}: {amount(advice.enkelvoudig_max)}")
    print(f"  {'meervoudig onderhands up to' if en else 'meervoudig onderhands tot'}: {amount(advice.meervoudig_max)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .checks import Severity, check_tender
    from .monitoring.register_file import rule_for_library
    from .tender import load_tender

    lang = _lang(args)
    tender = load_tender(args.file)
    store = _open_library(args)
    try:
        findings = check_tender(tender, store, rule=rule_for_library(store.path))
        if getattr(args, "template", None) is not None:
            findings = [*findings, *_template_findings(args.template, tender, store)]
    finally:
        store.close()
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if args.json:
        print(json.dumps([{"severity": str(f.severity), "code": f.code, "where": f.where,
                           "message": f.en if lang == "en" else f.message} for f in findings],
                         ensure_ascii=False, indent=2))
    else:
        for f in findings:
            print(f"{_severity(f.severity, lang)}: {escape_unprintable(f.text(lang))}")
        if not findings:
            print("No errors or advice." if lang == "en" else "Geen fouten of adviezen.")
    if errors:
        first = errors[0]
        more = f" (en nog {len(errors) - 1})" if len(errors) > 1 else ""
        more_en = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise TenderError(f"{args.file.name}: {len(errors)} {'fout' if len(errors) == 1 else 'fouten'}; eerste: "
                          f"{first.text()}{more}", en=f"{args.file.name}: {len(errors)} "
                          f"{'error' if len(errors) == 1 else 'errors'}; first: {first.text('en')}{more_en}")
    return 0


def _template_findings(path: Path, tender: Tender, library: Library) -> list:
    """Findings on a template: chapters of the tender it has no place for (errors, as in a final export), text left
    for the buyer ('[zaaknummer]') and paragraphs contradicting a generated chapter (errors), markers the export
    cannot fill, and what is dropped from it (external links, macros)."""
    from .checks import Finding, Severity, resolve_criteria
    from .documents.document_set import LEIDRAAD, set_plans
    from .documents.house_style import load_template
    from .documents.markers import (
        block_markers,
        buyer_text_problems,
        contradiction_problems,
        marker_problems,
        repeated_problems,
        unplaced_chapters,
        unplaced_problem,
    )
    from .documents.plan import build_plan
    from .documents.template_fit import (
        DOCUMENT_TYPES,
        document_type_problems,
        merge_field_problems,
        organisation_problems,
    )

    notes: list[str] = []
    doc = load_template(path, notes)
    found = []
    placed = {name for _, name in block_markers(doc)}
    if placed and not resolve_criteria(tender, library)[1]:  # unknown criteria are reported by the checks
        for key, part in unplaced_chapters(build_plan(tender, library, numbering="kind"), placed):
            nl, en = unplaced_problem(key, part)
            found.append(Finding(Severity.ERROR, "template-chapter-missing", nl, en=en, where=path.name))
    repeated = repeated_problems(doc)  # a chapter twice: an error, as in a final export
    found += [Finding(Severity.ERROR, "template-marker-repeated", nl, en=en, where=path.name) for nl, en in repeated]
    found += [Finding(Severity.ADVICE, "template-marker", p, en=p, where=path.name) for p in marker_problems(doc)
              if p not in {nl for nl, _ in repeated}]
    found += [Finding(Severity.ERROR, "template-buyer-text", nl, en=en, where=path.name)
              for nl, en in buyer_text_problems(doc)]
    # A template of another organisation: merge fields are gaps like "[...]"; a foreign name and a document type in
    # the header or footer are advice here (a final export refuses them, template_fit.refuse_unfit).
    found += [Finding(Severity.ERROR, "template-merge-field", nl, en=en, where=path.name)
              for nl, en in merge_field_problems(doc)]
    found += [Finding(Severity.ADVICE, "template-organisation", nl, en=en, where=path.name)
              for nl, en in organisation_problems(doc, tender)]
    found += [Finding(Severity.ADVICE, "template-document-type", nl, en=en, where=path.name)
              for nl, en in document_type_problems(doc, DOCUMENT_TYPES)]
    try:
        leidraad = set_plans(tender, library, concept=True)[LEIDRAAD] if not resolve_criteria(tender, library)[1] \
            else None
    except TenderError:
        leidraad = None  # the tender's own findings say why its documents cannot be built yet
    if leidraad is not None:
        found += [Finding(Severity.ERROR, "template-contradiction", nl, en=en, where=path.name)
                  for nl, en in contradiction_problems(doc, leidraad)]
    found += [Finding(Severity.INFO, "template-dropped", n, en=n, where=path.name) for n in notes]
    return found


def _simulate(args: argparse.Namespace) -> int:
    from .checks import resolve_criteria
    from .scoring import rank_bids, setup_for, weight_total, weights_sum_problem
    from .simulate import lot_view, read_bids, results_json, results_table
    from .tender import load_tender

    tender = lot_view(load_tender(args.file), args.lot, args.file.name)
    store = _open_library(args)
    try:
        criteria, unknown = resolve_criteria(tender, store)
    finally:
        store.close()
    if unknown:
        raise TenderError(f"{args.file.name}: het criterium {unknown[0]} staat niet in de bibliotheek",
                          en=f"{args.file.name}: criterion {unknown[0]} is not in the library")
    setup = setup_for(tender, criteria, strict=True)
    ranking = rank_bids(setup, read_bids(args.bids, setup, getattr(args, "lot", None)))  # invalid bids set apart
    problem = weights_sum_problem(setup.price_weight, weight_total(setup))
    if problem is not None:  # ranked all the same, as the wizard and the simulator window do, but never silently
        print(f"Let op: {problem[0]}; de totalen lopen dus niet van 0 tot 100." if _lang(args) != "en" else
              f"Note: {problem[1]}; the totals therefore do not run from 0 to 100.", file=sys.stderr)
    if args.json:
        print(json.dumps({"lot": tender.effective_lots()[0].id if args.lot is None else args.lot,
                          **results_json(ranking.ranked, ranking.invalid, _lang(args))}, ensure_ascii=False, indent=2))
    else:
        print(results_table(setup, ranking.ranked, _lang(args), ranking.invalid))
    return 0


def _refuse_set_folder(folder: Path) -> None:
    """TenderError saying why --set names no folder a set can go into; returns for a folder that can be made."""
    if folder.is_symlink():  # a dangling link: mkdir would fail with "exists"
        raise TenderError(f"{folder} is een koppeling naar iets dat niet bestaat; kies een map voor de set.",
                          en=f"{folder} is a link to something that does not exist; choose a folder for the set.")
    if folder.exists():
        raise TenderError(f"{folder} is een bestand, geen map; kies een map voor de set.",
                          en=f"{folder} is a file, not a folder; choose a folder for the set.")
    if not folder.parent.is_dir():
        raise TenderError(f"De map {folder.parent} bestaat niet.", en=f"The folder {folder.parent} does not exist.")


def _export(args: argparse.Namespace) -> int:
    from .checks import Severity, check_tender
    from .documents.document_set import SET_FILES, export_set
    from .documents.export import export_tender, refuse_overwriting_input
    from .documents.house_style import load_template
    from .documents.markers import buyer_text_problems
    from .documents.pdf import docx_to_pdf, pdf_after_word, require_libreoffice
    from .monitoring.register_file import rule_for_library
    from .output import app_inputs, refuse_existing
    from .tender import load_tender

    lang = _lang(args)
    templates = {"de sjabloon": args.template, "de contractsjabloon": args.contract_template}
    new_folder = False
    if args.set is not None:
        if not args.set.is_dir():
            _refuse_set_folder(args.set)
            new_folder = True  # a new folder for this tender's set, as the window proposes; made just before writing
        outputs = [args.set / name for name in SET_FILES]
    else:
        outputs = [args.out]
    docs = [p for p in outputs if p.suffix == ".docx"]
    pdfs = [p.with_suffix(".pdf") for p in docs] if args.pdf else []
    for out_path in [*outputs, *pdfs]:
        refuse_overwriting_input(out_path, {"het aanbestedingsbestand": args.file, **templates},
                                 app_inputs(getattr(args, "db", None)))
    if pdfs:
        require_libreoffice()  # said before any work, in one line
    if not args.force:
        refuse_existing([*outputs, *pdfs])
    tender = load_tender(args.file)
    notes: list[str] = []
    leftover: list[str] = []
    for template in (args.template, args.contract_template):
        if template is not None:
            # a bad template is reported before any other work
            leftover += [f"{template.name}: {nl}" for nl, _ in buyer_text_problems(load_template(template, notes))]
    for note in notes:
        print(f"let op: {escape_unprintable(note)}", file=sys.stderr)
    store = _open_library(args)
    try:
        findings = check_tender(tender, store, rule=rule_for_library(store.path),
                                documents="set" if args.set is not None else "single")
        errors = [f for f in findings if f.severity == Severity.ERROR]
        if leftover and not args.concept:
            raise TenderError(f"{leftover[0]}; of maak een concept met --concept",
                              en=f"{leftover[0]}; or make a draft with --concept")
        if errors and not args.concept:
            raise TenderError(f"de aanbesteding bevat {len(errors)} {'fout' if len(errors) == 1 else 'fouten'} "
                              f"(eerste: {errors[0].text()}); los die op of maak een concept met --concept",
                              en=f"the tender has {len(errors)} {'error' if len(errors) == 1 else 'errors'} "
                              f"(first: {errors[0].text('en')}); fix them or make a draft with --concept")
        for f in findings:
            if f.severity == Severity.ADVICE:
                print(f"{_severity(f.severity, lang)}: {escape_unprintable(f.text(lang))}", file=sys.stderr)
        concept = args.concept or bool(errors)
        export_notes: list[str] = []
        if args.set is not None:
            if new_folder:
                try:
                    args.set.mkdir()
                except OSError as exc:  # made or linked meanwhile, or not allowed: one line, nothing written
                    raise TenderError(f"De map {args.set} kan niet worden gemaakt: {exc.strerror}. Er is niets "
                                      "gewijzigd.", en=f"The folder {args.set} cannot be made: {exc.strerror}. "
                                      "Nothing was changed.") from None
            try:
                written = export_set(tender, store, args.set, args.template, args.contract_template,
                                     concept=concept, notes=export_notes, to_pdf=docx_to_pdf if pdfs else None)
            except BaseException:
                if new_folder and not any(args.set.iterdir()):
                    args.set.rmdir()  # a refused export leaves no empty folder behind
                raise
        else:
            written = [export_tender(tender, store, args.out, args.template, concept=concept, notes=export_notes)]
    finally:
        store.close()
    for note in export_notes:
        if note not in notes:  # what the templates lost was said before the work
            print(f"let op: {escape_unprintable(note)}", file=sys.stderr)
    for out in written:
        print(f"Written: {out}" if lang == "en" else f"Geschreven: {out}")
    if args.set is None:  # a set's PDFs were made in the set, before it replaced the earlier one
        for doc_path, pdf in zip(docs, pdfs, strict=False):  # pdfs is empty without --pdf
            pdf_after_word(doc_path, pdf)
            print(f"Written: {pdf}" if lang == "en" else f"Geschreven: {pdf}")
    return 0
