"""Trainer scenarios: cards that open a prepared tender of the demo workspace at a chosen wizard page.

Three cards follow the MRA cases (verkeersborden, bedrijfskleding, meubilair); two are exercises for a Community
session ("verdeel de weging", "telt dit als circulair?"). The tenders live in the demo workspace, so resetting the
demo restores them. No Qt here: a card names its page ("weights", "review", ...); the GUI maps it to a wizard page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from criteria_library.starter import open_library
from criteria_library.store import LibraryStore

from .tender import Tender, TenderCriterion, save_tender


@dataclass(frozen=True)
class Scenario:
    """One card: what the trainer sees (Dutch and English), which demo tender it opens and at which page."""

    key: str
    title: str
    title_en: str
    text: str
    text_en: str
    file: str  # a tender file in the demo workspace
    page: str  # wizard page name: basics, package, ambition, criteria, clauses, weights, review, export
    exercise: bool = False

    def title_in(self, lang: str) -> str:
        """The card's title in the language asked for."""
        return self.title_en if lang == "en" else self.title

    def text_in(self, lang: str) -> str:
        """The card's text in the language asked for."""
        return self.text_en if lang == "en" else self.text


VERKEERSBORDEN_FILE = "verkeersborden-areaal.tender.json"
WEIGHTS_FILE = "oefening-verdeel-de-weging.tender.json"
CIRCULAR_FILE = "oefening-telt-dit-als-circulair.tender.json"

SCENARIOS: list[Scenario] = [
    Scenario("verkeersborden", "MRA-casus: verkeersborden", "MRA case: traffic signs",
             "Vervanging van verkeersborden met terugname en opknappen van bestaande borden. Begint bij de "
             "criteria: laat zien welke eisen en gunningscriteria de assistent voorstelt.",
             "Replacing traffic signs with take-back and refurbishment of existing signs. Starts at the criteria: "
             "show which requirements and award criteria the assistant suggests.",
             VERKEERSBORDEN_FILE, "criteria"),
    Scenario("bedrijfskleding", "MRA-casus: bedrijfskleding", "MRA case: workwear",
             "Bedrijfskleding voor de buitendienst met reparatie en inzameling. Begint bij de teksten: vul de "
             "invulvelden van de contractbepalingen in.",
             "Workwear for the outdoor service with repair and collection. Starts at the texts: fill in the "
             "placeholders of the contract clauses.",
             "bedrijfskleding-buitendienst.tender.json", "clauses"),
    Scenario("meubilair", "MRA-casus: meubilair", "MRA case: furniture",
             "Circulair kantoormeubilair voor het stadhuis. Begint bij de controle: loop de bevindingen langs en "
             "klik erop om naar de plek te gaan die ze oplost.",
             "Circular office furniture for the town hall. Starts at the review: go through the findings and click "
             "one to go to the place that fixes it.",
             "kantoormeubilair-stadhuis.tender.json", "review"),
    Scenario("verdeel-de-weging", "Oefening: verdeel de weging", "Exercise: spread the weights",
             "Prijs weegt 95 %, het circulaire criterium 5 %. Open 'Simuleer beoordeling…' en kijk wie wint: een "
             "weging van 5 % verandert de winnaar niet, de goedkoopste wint altijd. Verhoog de circulaire weging "
             "(en verlaag de prijs) tot de circulaire inschrijver wint. Welke verdeling verdedigt u?",
             "Price weighs 95 %, the circular criterion 5 %. Open 'Simulate evaluation…' and see who wins: a "
             "weight of 5 % does not change the winner, the cheapest always wins. Raise the circular weight (and "
             "lower price) until the circular bidder wins. Which split would you defend?",
             WEIGHTS_FILE, "weights", exercise=True),
    Scenario("telt-dit-als-circulair", "Oefening: telt dit als circulair?", "Exercise: does this count as circular?",
             "Alleen gunningscriteria net onder de grens van de monitoring (5 %). Bekijk de controle: de "
             "aanbesteding telt niet als circulair, en de controle zegt waarom en wat de kleinste wijziging is. "
             "Pas de weging aan en controleer opnieuw.",
             "Only award criteria just below the monitoring line (5 %). Look at the review: the tender does not "
             "count as circular, and the review says why and what the smallest change is. Change the weights "
             "and check again.",
             CIRCULAR_FILE, "review", exercise=True),
]

_COMMON = {"organisation": "Gemeente Voorbeeldstad", "procedure": "europees-openbaar"}

# The prepared tenders besides the demo's examples: (file, package, level, fields, chosen criteria or None)
# None means: the criteria the drafting core suggests; a list fixes the criteria and their weights.
SCENARIO_TENDERS: list[tuple[str, str, int, dict, list[tuple[str, int | None]] | None]] = [
    (VERKEERSBORDEN_FILE, "verkeersborden", 2, {
        "title": "Circulaire vervanging van verkeersborden",
        "description": "Vervanging en beheer van circa 3.000 verkeersborden en palen, met terugname, opknappen "
                       "en hergebruik van vrijkomende borden.",
        "cpv": ["34992200-9"], "estimated_value_eur": 350000, "contract_term_months": 48, "price_weight": 40,
        "lots_reason": "Levering, plaatsing, terugname en opknappen van borden vormen één keten met één "
                       "verantwoordelijke; percelen zouden de terugname van de plaatsing scheiden.",
    }, None),
    (WEIGHTS_FILE, "meubilair", 1, {
        "title": "Oefening: verdeel de weging (vergaderstoelen)",
        "description": "Levering van 120 vergaderstoelen. Oefening: de weging is nog niet goed verdeeld.",
        "cpv": ["39130000-2"], "estimated_value_eur": 60000, "contract_term_months": 24, "price_weight": 95,
    }, [("MEU-M-03", None), ("MEU-G-02", 5)]),
    (CIRCULAR_FILE, "verkeersborden", 2, {
        "title": "Oefening: telt dit als circulair? (straatnaamborden)",
        "description": "Vervanging van straatnaamborden. Oefening: de circulaire criteria wegen net te weinig.",
        "cpv": ["34992200-9"], "estimated_value_eur": 120000, "contract_term_months": 24, "price_weight": 92,
    }, [("VKB-G-02", 4), ("VKB-G-05", 4)]),
]


def scenario(key: str) -> Scenario:
    """The card with this key (KeyError when there is none)."""
    for s in SCENARIOS:
        if s.key == key:
            return s
    raise KeyError(key)


def write_scenario_tenders(store: LibraryStore, folder: Path, *, only_missing: bool = False) -> None:
    """Write the scenario tenders into the demo workspace (all of them, or only those not there)."""
    from .demo import example_tender

    for name, package, level, fields, chosen in SCENARIO_TENDERS:
        target = folder / name
        if only_missing and target.exists():
            continue
        all_fields = {**_COMMON, **fields}
        if chosen is None:
            tender = example_tender(store, package, level, all_fields)
        else:
            tender = Tender(package=package, ambition_level=level, **all_fields)
            for cid, weight in chosen:
                c = store.criterion(cid)
                tender.criteria.append(TenderCriterion(cid, weight=weight, version=c.version))
        save_tender(tender, target)


def scenario_path(key: str, workspace: Path) -> Path:
    """The tender a card opens, written first if it is missing (a demo workspace made before the scenarios)."""
    from .demo import demo_db_path

    path = workspace / scenario(key).file
    if not path.exists():
        store = open_library(demo_db_path(workspace))
        try:
            write_scenario_tenders(store, workspace, only_missing=True)
        finally:
            store.close()
    return path
