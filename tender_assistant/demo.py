"""The trainers' demo workspace: its own copy of the library plus two example tenders, in its own folder.

Nothing in it touches the user's real library: the workspace lives in `<data folder>/demo/` and `reset_demo()`
deletes and rebuilds it from the shipped starter library. No Qt here; the GUI and `main.py demo --reset` call it.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from criteria_library.infra import paths
from criteria_library.starter import open_library
from criteria_library.store import LibraryStore

from .matching import start_weights, suggest_criteria
from .tender import Tender, TenderCriterion, save_tender
from .tender_parts import Planning

DEMO_FOLDER = "demo"
LIBRARY_FILE = "library.db"
MARKER = ".tender-assistant-demo"


def _facts() -> dict:
    """The facts every example tender has entered, so it exports as a final set without open gaps."""
    return {
        "values": {"contactpersoon": "mw. J. de Vries, inkoop@voorbeeldstad.nl", "platform": "TenderNed",
                   "klachtenmeldpunt": "klachtenmeldpunt.aanbesteden@voorbeeldstad.nl",
                   "functionele_specificatie": "het stuk Functionele specificatie bij de aanbestedingsstukken (zie de bijlagen van de aanbestedingsleidraad)",
                   "tijdstip_inschrijving": "12.00 uur"},
        "purchase_conditions": "de Algemene Inkoopvoorwaarden van Gemeente Voorbeeldstad 2024",
        "publication_date": date(2027, 2, 1),
        "planning": Planning(submission_deadline=date(2027, 3, 22), questions_deadline=date(2027, 2, 22),
                             answers_date=date(2027, 3, 3), award_decision_date=date(2027, 4, 19),
                             contract_start_date=date(2027, 6, 1), bid_validity_days=90),
    }


# The two example tenders: (file name, package, ambition level, tender fields)
EXAMPLES: list[tuple[str, str, int, dict]] = [
    ("kantoormeubilair-stadhuis.tender.json", "meubilair", 2, {
        "title": "Circulair kantoormeubilair voor het stadhuis",
        "organisation": "Gemeente Voorbeeldstad",
        "description": "Inrichting van 400 flexwerkplekken en vergaderruimten in het gerenoveerde stadhuis. "
                       "Bij voorkeur hergebruikt of gerefurbished meubilair, met terugname aan het einde van "
                       "de levensduur.",
        "cpv": ["39130000-2"],
        "procedure": "europees-openbaar",
        "estimated_value_eur": 850000,
        "contract_term_months": 48,
        "price_weight": 45,  # with it the suggested award weights stay inside the library's advised ranges
        "lots_reason": "Werkplekken en vergaderruimten vormen één samenhangende inrichting met één uitstraling en "
                       "één aanspreekpunt voor terugname; percelen zouden de afstemming tussen leveranciers bij de "
                       "gebruiker leggen.",
    }),
    ("bedrijfskleding-buitendienst.tender.json", "bedrijfskleding", 2, {
        "title": "Circulaire bedrijfskleding voor de buitendienst",
        "organisation": "Gemeente Voorbeeldstad",
        "description": "Werkkleding en veiligheidsschoenen voor 250 medewerkers van de buitendienst, met "
                       "reparatie, recyclaat en inzameling van afgedankte kleding.",
        "cpv": ["18100000-0"],
        "procedure": "europees-openbaar",
        "estimated_value_eur": 600000,
        "contract_term_months": 36,
        "price_weight": 50,
        "lots_reason": "Kleding, reparatie en inzameling hangen samen: wie levert, repareert en neemt terug; "
                       "splitsen zou de verantwoordelijkheid voor de hele levensduur verdelen.",
    }),
]


def demo_dir() -> Path:
    """The demo workspace folder (it may not exist yet)."""
    return paths.data_dir() / DEMO_FOLDER


def demo_db_path(workspace: Path | None = None) -> Path:
    """The demo's own library database."""
    return (workspace or demo_dir()) / LIBRARY_FILE


def demo_tenders(workspace: Path | None = None) -> list[Path]:
    """The example tender files in the workspace, in a fixed order."""
    folder = workspace or demo_dir()
    return [folder / name for name, *_ in EXAMPLES if (folder / name).exists()]


def ensure_demo() -> Path:
    """The demo workspace, built first if it is missing or incomplete."""
    folder = demo_dir()
    if not (folder / MARKER).exists() or not demo_db_path(folder).exists():
        return reset_demo()
    return folder


def reset_demo() -> Path:
    """Delete the demo workspace and rebuild it: a fresh copy of the starter library and the example tenders."""
    folder = demo_dir()
    if folder.exists():
        if not (folder / MARKER).exists() and any(folder.iterdir()):
            # never wipe a folder we did not make
            from criteria_library.errors import LibraryError

            raise LibraryError(f"De map {folder} is geen demo-omgeving; ze is niet aangeraakt.",
                               en=f"The folder {folder} is not a demo workspace; it was left untouched.")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    store = open_library(demo_db_path(folder))
    try:
        for name, package, level, fields in EXAMPLES:
            save_tender(example_tender(store, package, level, fields), folder / name)
        _write_demo_register(store, folder)
        from .scenarios import write_scenario_tenders

        write_scenario_tenders(store, folder)
    finally:
        store.close()
    made = sorted(p.name for p in folder.iterdir())
    (folder / MARKER).write_text("Demo-omgeving van Tender Assistant; wordt bij 'demo terugzetten' gewist.\n"
                                 + "".join(f"{name}\n" for name in made), encoding="utf-8")
    return folder


def made_in_demo(workspace: Path | None = None) -> list[str]:
    """What someone made in the demo workspace since its reset (exported documents, saved tenders): a reset removes
    it, so the question before a reset names it. The library's own working files are not counted."""
    folder = workspace or demo_dir()
    try:
        listed = set((folder / MARKER).read_text(encoding="utf-8").splitlines()[1:])
        present = sorted(p.name for p in folder.iterdir())
    except OSError:
        return []
    own = (MARKER, "backups", "settings.ini", f"{LIBRARY_FILE}-", "register.db-")
    return [name for name in present if name not in listed and not name.startswith(own) and not name.startswith(".")]


def demo_register_path(workspace: Path | None = None) -> Path:
    """The demo's own monitoring register (two organisations, three years)."""
    return (workspace or demo_dir()) / "register.db"


def _write_demo_register(store: LibraryStore, folder: Path) -> None:
    from .monitoring.demo_register import demo_records
    from .monitoring.register_store import RegisterStore

    register = RegisterStore.open(demo_register_path(folder))
    try:
        register.add_new(demo_records(store))
    finally:
        register.close()


def example_tender(store: LibraryStore, package: str, level: int, fields: dict) -> Tender:
    """An example tender with the criteria the drafting core suggests for its package and level."""
    tender = Tender(package=package, ambition_level=level, **{**_facts(), **fields})
    known = {p.slug for p in store.packages()}
    if package not in known:
        tender.package = ""
        return tender
    for s in suggest_criteria(store, package, level, tender.price_weight):
        tender.criteria.append(TenderCriterion(s.criterion.id, weight=s.weight, version=s.criterion.version))
    start_weights(tender, store)  # as the wizard starts a new tender
    return tender
