"""An in-memory stand-in for LibraryStore: the 20 starter packages and a few criteria per kind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from criteria_library import cpv
from criteria_library.errors import LibraryError
from criteria_library.models import KIND_ORDER, Criterion, Kind, Level, Package, Status

_PACKAGES = [
    ("bedrijfskleding", "Bedrijfskleding en werkkleding", "Workwear and uniforms", ["18100000", "18110000", "18130000", "18830000", "35113400"], ["werkkleding", "dienstkleding", "uniformen", "beschermende kleding", "veiligheidsschoenen"]),
    ("meubilair", "Kantoormeubilair en inrichting", "Office furniture and interiors", ["39100000", "39130000", "39110000", "39120000"], ["meubels", "bureaus", "bureaustoelen", "kasten", "kantoorinrichting", "werkplekinrichting"]),
    ("verkeersborden", "Verkeersborden en bebording", "Traffic signs and signage", ["34992200", "34992000", "34928470"], ["bebording", "bewegwijzering", "borden", "palen", "verkeerstekens"]),
    ("openbare-verlichting", "Openbare verlichting en verkeerslichten", "Road lighting and traffic signals", ["34928500", "34993000", "50232100"], ["straatverlichting", "lantaarnpalen", "armaturen", "verkeerslichten", "VRI"]),
    ("ict-hardware", "ICT-werkplekapparatuur", "Computers, monitors and phones", ["30200000", "30213000", "30231000", "32250000"], ["laptops", "pc's", "beeldschermen", "monitoren", "smartphones", "telefoons"]),
    ("datacenters", "Datacenters en servers", "Data centres and servers", ["48820000", "30233000", "72317000"], ["serverruimte", "hosting", "opslag", "rekencentrum"]),
    ("catering", "Catering en voeding", "Catering and food", ["55520000", "55500000", "55510000", "15000000"], ["bedrijfsrestaurant", "kantine", "maaltijden", "koffie", "voeding"]),
    ("gebouwen", "Gebouwen: nieuwbouw, renovatie en sloop", "Buildings: construction, renovation, demolition", ["45210000", "45453000", "45111100", "71000000"], ["utiliteitsbouw", "vastgoed", "renovatie", "verbouwing", "sloop", "schoolgebouw"]),
    ("gww", "Grond-, weg- en waterbouw", "Civil engineering: roads, bridges, water", ["45233000", "45221100", "45240000", "45232400"], ["infrastructuur", "wegen", "asfalt", "bruggen", "kades", "riolering"]),
    ("schoonmaak", "Schoonmaakdiensten en -middelen", "Cleaning services and products", ["90910000", "90919200", "39830000"], ["reiniging", "glasbewassing", "hygiene"]),
    ("groenbeheer", "Groenbeheer en biomassa", "Green space maintenance and biomass", ["77310000", "77314000", "77300000"], ["maaien", "bermgras", "snoeiafval", "bomen", "beplanting"]),
    ("textiel", "Textiel en linnengoed", "Textiles and linen", ["39500000", "39510000", "39512000"], ["beddengoed", "handdoeken", "gordijnen", "linnen", "niet meer draagbaar textiel"]),
    ("kunststoffen", "Kunststof producten en verpakkingen", "Plastic products and packaging", ["19520000", "34928480", "44618000"], ["plastic", "kunststof", "afvalbakken", "containers", "verpakkingen"]),
    ("elektronica", "Elektrische en elektronische apparatuur", "Electrical and electronic equipment", ["39710000", "31000000", "32000000"], ["witgoed", "apparaten", "e-waste", "AEEA", "huishoudelijke apparaten"]),
    ("luiers", "Luiers en incontinentiemateriaal", "Nappies and incontinence products", ["33751000", "33770000"], ["incontinentie", "kinderopvang", "zorg"]),
    ("matrassen", "Matrassen en bedden", "Mattresses and beds", ["39143112", "39143110"], ["matras", "bedden", "opvang"]),
    ("metalen", "Metalen en metalen producten", "Metals and metal products", ["14700000", "44000000"], ["staal", "aluminium", "schroot", "hekwerk"]),
    ("afvalinzameling", "Afvalinzameling en -verwerking", "Waste collection and processing", ["90500000", "90511000", "90514000"], ["afval", "inzameling", "recycling", "milieustraat", "grondstoffen"]),
    ("papier-drukwerk", "Papier en drukwerk", "Paper and printing", ["30197630", "22000000", "79800000"], ["kopieerpapier", "drukwerk", "printen"]),
    ("voertuigen", "Voertuigen en mobiliteit", "Vehicles and mobility", ["34100000", "34110000", "34144900"], ["dienstauto's", "wagenpark", "bedrijfsauto's", "fietsen", "elektrische voertuigen"]),
]


def packages() -> list[Package]:
    """The 20 starter packages as Package objects, CPV codes with their check digit."""
    cat = cpv.catalogue()
    return [
        Package(slug, nl, en, prefix=slug[:3].upper(), cpv=[cat.normalise(c) or c for c in codes], synonyms=syn)
        for slug, nl, en, codes, syn in _PACKAGES
    ]


def criterion(cid: str, kind: Kind, level: int, title: str, clause: str, **kw: object) -> Criterion:
    """A criterion with sensible defaults for the fields a test does not care about."""
    base: dict[str, object] = dict(
        package="bedrijfskleding", r_strategy="R8", rationale="Omdat het circulair is.",
        verification="Productblad van de leverancier.", source="MRA werkgroep bedrijfskleding (2024)",
    )
    base.update(kw)
    return Criterion(id=cid, kind=kind, level=Level(level), title=title, clause=clause, **base)  # type: ignore[arg-type]


def workwear_criteria() -> list[Criterion]:
    """A small, realistic set for bedrijfskleding: every kind, three levels, placeholders with and without defaults."""
    return [
        criterion("BED-S-01", Kind.SELECTION, 1, "Ervaring met terugname van kleding",
                  "De inschrijver heeft in de afgelopen {{referentie_jaren}} jaar ten minste één opdracht uitgevoerd "
                  "waarin gedragen kleding werd teruggenomen.", placeholders={"referentie_jaren": "3"}),
        criterion("BED-M-01", Kind.REQUIREMENT, 1, "Gerecyclede vezels",
                  "Ten minste {{percentage_recycled}}% van het gewicht van de kleding bestaat uit gerecyclede vezels.",
                  placeholders={"percentage_recycled": "20"}),
        criterion("BED-M-02", Kind.REQUIREMENT, 2, "Reparatieservice",
                  "De opdrachtnemer repareert kleding van {{opdrachtgever}} binnen {{reparatie_dagen}} werkdagen.",
                  r_strategy="R4"),
        criterion("BED-G-01", Kind.AWARD, 1, "Aandeel gerecyclede vezels",
                  "Hoe hoger het aandeel gerecyclede vezels boven het minimum, hoe hoger de score.",
                  weight_min=10, weight_max=20, scoring_text="Lineair tussen minimum en 50%."),
        criterion("BED-G-02", Kind.AWARD, 2, "Plan van aanpak hergebruik",
                  "De inschrijver beschrijft hoe afgedankte kleding een tweede leven krijgt.",
                  weight_min=10, weight_max=30, scoring_text="Beoordeling door een commissie op een schaal van 1 tot 10.",
                  r_strategy="R3"),
        criterion("BED-G-03", Kind.AWARD, 3, "Kleding als dienst (leasing)",
                  "De inschrijver biedt de kleding aan als dienst, met behoud van eigendom.",
                  weight_min=20, weight_max=30, scoring_text="Ja/nee: 100% of 0% van de punten.", r_strategy="R1"),
        criterion("BED-C-01", Kind.CONTRACT, 1, "Terugname na gebruik",
                  "De opdrachtnemer neemt gedurende de looptijd van {{looptijd_maanden}} maanden alle afgedankte "
                  "kleding van {{opdrachtgever}} kosteloos terug.", r_strategy="R8"),
        criterion("BED-C-02", Kind.CONTRACT, 1, "Jaarlijkse rapportage",
                  "De opdrachtnemer rapporteert jaarlijks voor {{rapportage_datum}} over hergebruik en recycling."),
        criterion("BED-C-03", Kind.CONTRACT, 2, "Ingetrokken bepaling", "Oud.", status=Status.RETIRED),
        criterion("MEU-G-01", Kind.AWARD, 1, "Gerefabriceerd meubilair", "Aandeel gerefabriceerde meubels.",
                  package="meubilair", weight_min=10, weight_max=20, r_strategy="R6"),
    ]


class FakeLibrary:
    """The read-only library API that tender_assistant uses, over lists in memory."""

    def __init__(self, pkgs: list[Package] | None = None, crits: list[Criterion] | None = None) -> None:
        self._packages = {p.slug: p for p in (pkgs if pkgs is not None else packages())}
        self._criteria = {c.id: c for c in (crits if crits is not None else workwear_criteria())}
        self.generation = 0

    def packages(self) -> list[Package]:
        return sorted(self._packages.values(), key=lambda p: p.name_nl)

    def package(self, slug: str) -> Package:
        if slug not in self._packages:
            raise LibraryError(f"Onbekend inkooppakket: {slug}")
        return self._packages[slug]

    def criteria(self, package: str | None = None, kind: str | None = None, level: int | None = None,
                 max_level: int | None = None, status: str | None = None,
                 include_retired: bool = True) -> list[Criterion]:
        result = [
            c for c in self._criteria.values()
            if (package is None or c.package == package) and (kind is None or c.kind == kind)
            and (level is None or c.level == level) and (max_level is None or c.level <= max_level)
            and (status is None or c.status == status)
            and (include_retired or status is not None or c.status != Status.RETIRED)
        ]
        return sorted(result, key=lambda c: (c.package, KIND_ORDER.index(Kind(c.kind)), c.id))

    def criteria_by_ids(self, ids: Iterable[str]) -> dict[str, Criterion]:
        return {i: self._criteria[i] for i in ids if i in self._criteria}

    def criteria_at_versions(self, wanted: Mapping[str, int]) -> dict[str, Criterion]:
        """Only current versions are known here (the store's history is tested against the real store)."""
        return {i: self._criteria[i] for i, v in wanted.items() if i in self._criteria and self._criteria[i].version == v}

    def criterion(self, cid: str) -> Criterion:
        if cid not in self._criteria:
            raise LibraryError(f"Onbekend criterium: {cid}")
        return self._criteria[cid]
