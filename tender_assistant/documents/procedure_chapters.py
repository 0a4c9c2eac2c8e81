"""The procedural core of a leidraad, per procedure: procedure, planning with its legal terms, communication,
inschrijving, uitsluitingsgronden with the UEA and the winner's evidence, voorwaarden, percelen, voorbehouden and
rechtsbescherming. Generated from the tender; where only the buyer knows a fact, a marked gap names the field that
fills it. docs/legal-basis.md gives the legal basis of every paragraph.

Everything stands under one chapter, "Procedure en planning", so a house-style template places it with its one
{{planning}} marker.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..checks import NEGOTIATED_PROCEDURES, procedure_inline
from ..exclusion_grounds import OPTIONAL_GROUNDS
from ..tender import EUROPEAN_PROCEDURES, PROCEDURES, Tender
from ..terms import ANSWERS_BEFORE_DEADLINE_DAYS, STANDSTILL_DAYS, minimum_term, standstill_end
from ..thresholds import eu_thresholds, is_social_services, is_works
from .lot_chapters import agreement, several_agreements
from .plan import Block, Heading, Paragraph, Run, Style, Table, dutch_date, text
from .precedence import both_precedences
from .samples import DEFAULT_TERM, sample_blocks

CHAPTER_TITLE = "Procedure en planning"
DEFAULT_EVIDENCE_TERM = DEFAULT_TERM  # values["termijn_bewijsstukken"] replaces it
NATIONAL_PROCEDURES = frozenset({"nationaal-openbaar", "meervoudig-onderhands", "enkelvoudig-onderhands"})


def gap(field: str, label: str = "") -> Run:
    """A marked place the buyer still fills in, naming the field of the tender file that fills it."""
    return Run(f"[{label}: in te vullen]" if label else "[in te vullen]", gap=True, field=field)


def value_or_gap(tender: Tender, name: str, label: str) -> Run:
    """A tender-wide value (values[name]) as text, or a gap naming it."""
    value = tender.values.get(name, "").strip()
    return Run(value) if value else gap(f"values.{name}", label)


def date_or_gap(day: date | None, field: str, label: str) -> Run:
    """A planned date as Dutch text, or a gap naming its field."""
    return Run(dutch_date(day)) if day is not None else gap(field, label)


def para(*parts: str | Run) -> Paragraph:
    """A body paragraph of plain strings and runs."""
    return Paragraph([p if isinstance(p, Run) else Run(p) for p in parts])


def procedure_chapters(tender: Tender, samples: Sequence[str] = ()) -> list[Block]:
    """The whole chapter for the tender's procedure; `samples` numbers the criteria with a monstertoets."""
    blocks: list[Block] = [Heading(CHAPTER_TITLE, 1, "")]
    blocks += _procedure(tender)
    blocks += _planning(tender)
    blocks += _communication(tender)
    blocks += _submission(tender)
    if tender.procedure != "enkelvoudig-onderhands":
        blocks += _exclusion(tender)
    term = value_or_default(tender, "termijn_bewijsstukken", DEFAULT_EVIDENCE_TERM).text
    blocks += sample_blocks(list(samples), term)
    blocks += _evaluation(tender)
    blocks += _conditions(tender)
    blocks += _reservations()
    blocks += _legal_protection(tender)
    if tender.is_joint():
        return _joint_wording(tender, blocks)
    return _reworded(blocks, LOT_WORDING) if len(tender.lots) > 1 else blocks


# In a joint tender the penvoerder runs the procedure for all; each participant ("Opdrachtgever", defined in chapter 1)
# signs its own agreement. The procedural texts say who acts in the procedure: first the sentences about the
# agreement, then every other "de opdrachtgever".
JOINT_WORDING = (
    ("Binnen die termijn sluit de opdrachtgever de overeenkomst niet.",
     "Binnen die termijn sluit geen Opdrachtgever een overeenkomst."),
    ("en de opdrachtgever mag dan de overeenkomst sluiten.", "en de Opdrachtgevers mogen dan de overeenkomsten sluiten."),
    ("waar de opdrachtgever is gevestigd", "waar de penvoerder is gevestigd"),
    ("De opdrachtgever", "De penvoerder"),
    ("de opdrachtgever", "de penvoerder"),
)


# With lots each lot is awarded, and contracted, on its own (found by the exploratory run: "de overeenkomst" in the
# singular in a tender with two lots)
LOT_WORDING = (
    ("Binnen die termijn sluit de opdrachtgever de overeenkomst niet.",
     "Binnen die termijn sluit de opdrachtgever geen overeenkomst."),
    ("en de opdrachtgever mag dan de overeenkomst sluiten.", "en de opdrachtgever mag dan de overeenkomsten sluiten."),
)


def _joint_wording(t: Tender, blocks: list[Block]) -> list[Block]:
    """The chapter's runs with the penvoerder as the party acting in the procedure (found by the exploratory run:
    'de opdrachtgever' in the singular in a tender of five)."""
    return _reworded(blocks, JOINT_WORDING)


def _reworded(blocks: list[Block], wording: tuple[tuple[str, str], ...]) -> list[Block]:
    """The blocks with each old phrase of `wording` replaced by its new one (gaps left alone)."""
    for block in blocks:
        if isinstance(block, Paragraph):
            for run in block.runs:
                if not run.gap:
                    for old, new in wording:
                        run.text = run.text.replace(old, new)
    return blocks


# ------------------------------------------------------------------ procedure
def _procedure(t: Tender) -> list[Block]:
    label = PROCEDURES[t.procedure][0]
    out: list[Block] = [Heading("Procedure", 2, "")]
    law = "de Aanbestedingswet 2012 en het Aanbestedingsbesluit zijn van toepassing"
    if t.procedure in NATIONAL_PROCEDURES:
        law += ", met de Gids Proportionaliteit als richtsnoer"
        if is_works(t.cpv, t.package, t.main_object):
            law += (", en voor deze opdracht voor werken het Aanbestedingsreglement Werken 2016 (ARW 2016); waar deze "
                    "leidraad daarvan afwijkt, staat dat met de reden erbij")
    out.append(para(f"Deze aanbesteding is een {procedure_inline(label)}; {law}. De aanbesteding verloopt "
                    "elektronisch via ", value_or_gap(t, "platform", "platform"), "."))
    out += _light_regime(t)
    if t.procedure == "europees-niet-openbaar":
        out.append(text("De procedure kent twee fasen. In de selectiefase dienen gegadigden een verzoek tot deelneming "
                        "in met het Uniform Europees Aanbestedingsdocument (UEA); de opdrachtgever selecteert op grond "
                        "van de geschiktheidseisen en de selectiecriteria de gegadigden die worden uitgenodigd tot "
                        "inschrijving. In de gunningsfase schrijven alleen de geselecteerde gegadigden in."))
        out.append(para("Aantal gegadigden dat wordt uitgenodigd en de manier van selecteren: ",
                        value_or_gap(t, "selectie", "aantal gegadigden en selectiecriteria"), "."))
    elif t.procedure in NEGOTIATED_PROCEDURES:
        out.append(para(f"Voor de {label.lower()} beschrijft de opdrachtgever hier de grond waarop de procedure is "
                        "gekozen, de fasen, het aantal gegadigden dat wordt uitgenodigd, waarover wordt onderhandeld "
                        "of gesproken en welke minimumeisen en gunningscriteria niet ter discussie staan: ",
                        value_or_gap(t, "procedure_fasen", "grond, fasen en verloop van de procedure"), "."))
    elif t.procedure == "meervoudig-onderhands":
        out.append(para("De opdrachtgever nodigt de volgende ondernemers uit tot inschrijving: ",
                        value_or_gap(t, "uitgenodigde_ondernemers", "aantal of namen van de uitgenodigde ondernemers"),
                        ". Alleen wie is uitgenodigd, kan inschrijven."))
    elif t.procedure == "enkelvoudig-onderhands":
        out.append(text("De opdrachtgever vraagt één ondernemer om een offerte. Na ontvangst kan de opdrachtgever over "
                        "de offerte in overleg treden; de eisen in deze stukken blijven daarbij gelden."))
    if t.procedure in EUROPEAN_PROCEDURES:
        out.append(text("Deze leidraad, de aankondiging en de overige aanbestedingsstukken vormen samen de "
                        f"aanbestedingsstukken. {both_precedences()}"))
    else:
        out.append(text("Deze leidraad en de overige aanbestedingsstukken vormen samen de aanbestedingsstukken. "
                        f"{both_precedences()}"))
    return out


def _light_regime(t: Tender) -> list[Block]:
    """Social and other specific services: the light regime above its threshold, no EU obligation below."""
    value = t.total_value_eur()
    if value is None or t.regime == "concessie" or not is_social_services(t.cpv, t.main_object):
        return []
    limit = eu_thresholds(t.publication_date)[0].for_contract(False, t.authority == "centraal", t.regime, social=True)
    kind = "Deze opdracht betreft sociale en andere specifieke diensten (bijlage XIV bij Richtlijn 2014/24/EU)"
    if value >= limit:
        return [text(f"{kind}. Op de opdracht is het verlicht regime van toepassing (artikelen 74 tot en met 76 van de "
                     "richtlijn); binnen dat regime volgt de opdrachtgever de procedure die deze leidraad beschrijft.")]
    return [text(f"{kind} en blijft onder de Europese drempel daarvoor; de opdrachtgever volgt de procedure die deze "
                 "leidraad beschrijft.")]


# ------------------------------------------------------------------ planning
def _planning(t: Tender) -> list[Block]:
    p = t.planning
    rows: list[tuple[str, Run]] = [
        ("Publicatie van de aankondiging" if t.procedure != "meervoudig-onderhands" and t.procedure !=
             "enkelvoudig-onderhands" else "Verzending van de uitnodiging tot inschrijving",
         date_or_gap(t.publication_date, "publication_date", "datum")),
    ]
    if t.procedure == "europees-niet-openbaar" or t.procedure in NEGOTIATED_PROCEDURES:
        rows.append(("Uiterste datum verzoek tot deelneming", value_or_gap(t, "datum_verzoek_deelneming", "datum")))
    rows += [
        ("Uiterste datum voor het stellen van vragen", date_or_gap(p.questions_deadline, "questions_deadline", "datum")),
        ("Publicatie van de nota van inlichtingen", date_or_gap(p.answers_date, "answers_date", "datum")),
        ("Uiterste datum van inschrijving", date_or_gap(p.submission_deadline, "submission_deadline", "datum")),
        ("Tijdstip van sluiting op die datum", value_or_gap(t, "tijdstip_inschrijving", "tijdstip")),
        ("Voorgenomen gunningsbeslissing", date_or_gap(p.award_decision_date, "award_decision_date", "datum")),
    ]
    if t.procedure != "enkelvoudig-onderhands":
        end = (Run(dutch_date(standstill_end(p.award_decision_date))) if p.award_decision_date is not None
               else Run(f"{STANDSTILL_DAYS} kalenderdagen na de gunningsbeslissing"))
        rows.append(("Einde van de opschortende termijn", end))
    rows.append((f"Ingangsdatum van de overeenkomst{'en' if several_agreements(t) else ''}", date_or_gap(p.contract_start_date, "contract_start_date", "datum")))
    out: list[Block] = [Heading("Planning", 2, ""),
                        text("De aanbesteding verloopt volgens deze planning. De opdrachtgever kan de planning "
                             "wijzigen; een wijziging maakt hij bekend via het platform, met dezelfde termijnen voor "
                             "alle inschrijvers.")]
    # One line per step rather than a table: a step without a date keeps its marked gap and the field that fills it.
    out += [Paragraph([Run(f"{step}: ", bold=True), value], Style.NOTE) for step, value in rows]
    minimum = minimum_term(t.procedure, p.electronic_submission, p.prior_information_notice)
    if minimum is not None:
        out.append(text(f"De termijn tussen publicatie en de uiterste datum van inschrijving is ten minste de "
                        f"wettelijke minimumtermijn van {minimum.days} dagen: {minimum.basis_nl}."))
    out.append(text(f"De nota van inlichtingen verschijnt uiterlijk {ANSWERS_BEFORE_DEADLINE_DAYS} dagen voor de "
                    "uiterste datum van inschrijving. Komt zij later, dan verschuift de opdrachtgever de uiterste "
                    "datum van inschrijving zo dat die termijn weer geldt."))
    return out


# ------------------------------------------------------------------ communication
def _communication(t: Tender) -> list[Block]:
    return [
        Heading("Communicatie en vragen", 2, ""),
        para("Alle communicatie over deze aanbesteding loopt via het platform; contact over deze aanbesteding met "
             f"andere medewerkers van de opdrachtgever{' of van de deelnemers' if t.is_joint() else ''} is niet "
             "toegestaan. Contactpersoon van de opdrachtgever: ", value_or_gap(t, "contactpersoon", "contactpersoon"),
             "."),
        text("Vragen over de aanbestedingsstukken stelt u via het platform, uiterlijk op de uiterste datum voor het "
             "stellen van vragen. De opdrachtgever beantwoordt ze geanonimiseerd in de nota van inlichtingen, die voor "
             "alle inschrijvers gelijk is. De nota van inlichtingen maakt deel uit van de aanbestedingsstukken; haar "
             "plaats in de rangorde staat onder Procedure."),
        text("Meldt u een tegenstrijdigheid, onduidelijkheid of fout in de aanbestedingsstukken, dan doet u dat via de "
             "vragen en uiterlijk op de uiterste datum voor het stellen van vragen."),
    ]


# ------------------------------------------------------------------ the inschrijving
def _submission(t: Tender) -> list[Block]:
    p = t.planning
    validity = (Run(f"{p.bid_validity_days} dagen") if p.bid_validity_days is not None
                else gap("bid_validity_days", "aantal dagen"))
    return [
        Heading("Inschrijving", 2, ""),
        text("Een inschrijving is in het Nederlands gesteld en is tijdig, volledig en via het platform ingediend. Een "
             "inschrijving die na het tijdstip van sluiting op de uiterste datum van inschrijving op het platform "
             "binnenkomt, wordt "
             "niet beoordeeld. Een inschrijving onder voorwaarden, of een inschrijving die niet voldoet aan een "
             "minimumeis, is ongeldig en wordt niet verder beoordeeld. Varianten zijn niet toegestaan."),
        para("De inschrijver houdt zijn inschrijving gestand gedurende ", validity, " na de uiterste datum van "
             "inschrijving."),
    ]


# ------------------------------------------------------------------ exclusion, UEA, evidence
def _exclusion(t: Tender) -> list[Block]:
    chosen = [c for c in t.optional_exclusion_grounds if c in OPTIONAL_GROUNDS]
    out: list[Block] = [
        Heading("Uitsluitingsgronden, UEA en bewijsstukken", 2, ""),
        text("De verplichte uitsluitingsgronden van artikel 2.86 van de Aanbestedingswet 2012 zijn van toepassing: "
             "een ondernemer die onherroepelijk is veroordeeld voor deelneming aan een criminele organisatie, omkoping, "
             "fraude, een terroristisch misdrijf, witwassen of financiering van terrorisme, of kinderarbeid en andere "
             "vormen van mensenhandel, wordt uitgesloten."),
    ]
    if chosen:
        out.append(text("Daarnaast past de opdrachtgever de volgende facultatieve uitsluitingsgronden van artikel 2.87 "
                        "van de Aanbestedingswet 2012 toe; een ondernemer wordt uitgesloten als:"))
        out.append(Table(["Grond", "Omschrijving"],
                         [[str(i), OPTIONAL_GROUNDS[c][0]] for i, c in enumerate(chosen, start=1)], [0.6, 5.4]))
    else:
        out.append(text("De opdrachtgever past geen facultatieve uitsluitingsgronden (artikel 2.87 van de "
                        "Aanbestedingswet 2012) toe."))
    out.append(text("De inschrijver verklaart met het Uniform Europees Aanbestedingsdocument (UEA) dat de "
                    "uitsluitingsgronden niet op hem van toepassing zijn en dat hij voldoet aan de geschiktheidseisen. "
                    "Het UEA is bij de inschrijving het voorlopige bewijs: bij de inschrijving dient de inschrijver "
                    "voor uitsluitingsgronden en geschiktheidseisen geen andere bewijsstukken in. Doet de inschrijver "
                    "een beroep op een andere onderneming of schrijft hij in als combinatie, dan dient hij voor elke "
                    "betrokken onderneming een eigen UEA in."))
    out.append(para("Alleen de inschrijver aan wie de opdrachtgever voornemens is de opdracht te gunnen, levert de "
                    "bewijsstukken aan, binnen ", value_or_default(t, "termijn_bewijsstukken", DEFAULT_EVIDENCE_TERM),
                    " na het verzoek daartoe. Het gaat om: een Gedragsverklaring aanbesteden die op de uiterste datum "
                    "van inschrijving niet ouder is dan twee jaar; een uittreksel uit het Handelsregister; en de "
                    "bewijsstukken die bij de geschiktheidseisen zijn genoemd. Levert de inschrijver de bewijsstukken "
                    "niet tijdig of blijkt daaruit dat het UEA niet juist was, dan wordt hij uitgesloten en kan de "
                    "opdrachtgever de inschrijver met de volgende plaats in de rangorde om de bewijsstukken vragen."))
    return out


def value_or_default(tender: Tender, name: str, default: str) -> Run:
    """A tender-wide value (values[name]), or the stated default."""
    return Run(tender.values.get(name, "").strip() or default)


# ------------------------------------------------------------------ evaluation
def _evaluation(t: Tender) -> list[Block]:
    out: list[Block] = [Heading("Abnormaal lage inschrijving", 2, ""),
                        text("Lijkt een inschrijving abnormaal laag, dan vraagt de opdrachtgever de inschrijver om een "
                             "schriftelijke toelichting op de prijs of de kosten (artikel 2.116 van de "
                             "Aanbestedingswet 2012). Verklaart de toelichting het lage niveau niet genoegzaam, dan kan "
                             "de opdrachtgever de inschrijving afwijzen.")]
    if _lowest_price(t):
        out.append(Heading("Gunning op de laagste prijs", 2, ""))
        reason = t.lowest_price_reason.strip()
        out.append(para("De opdracht wordt gegund aan de inschrijving met de laagste prijs. De opdrachtgever motiveert "
                        "die keuze (artikel 2.114 van de Aanbestedingswet 2012): ",
                        Run(reason) if reason else gap("lowest_price_reason", "motivering laagste prijs"),
                        "" if reason.endswith(".") else "."))
    return out


def _lowest_price(t: Tender) -> bool:
    """True when price alone decides: no weighted award criterion and no fixed budget."""
    return t.fixed_budget_eur is None and (t.price_weight >= 100 or not any(c.weight for c in t.criteria))


# ------------------------------------------------------------------ conditions, lots
def _conditions(t: Tender) -> list[Block]:
    conditions = t.purchase_conditions.strip()
    out: list[Block] = [
        Heading("Voorwaarden en overeenkomst", 2, ""),
        para(f"Op {agreement(t)} zijn van toepassing: ",
             Run(conditions) if conditions else gap("purchase_conditions", "inkoopvoorwaarden"),
             ". Algemene voorwaarden van de inschrijver zijn niet van toepassing en worden uitdrukkelijk van de hand "
             "gewezen."),
        text(f"{_concluded(t)} op basis van de conceptovereenkomst bij deze aanbestedingsstukken, met de "
             "contractbijlage. Met zijn inschrijving aanvaardt de inschrijver de conceptovereenkomst en de "
             "contractbijlage zonder voorbehoud; bezwaren daartegen meldt hij via de vragen."),
    ]
    if len(t.effective_lots()) == 1:
        reason = t.lots_reason.strip()
        out.append(Heading("Geen verdeling in percelen", 2, ""))
        out.append(para("De opdracht is niet in percelen verdeeld (artikel 1.5 van de Aanbestedingswet 2012). De reden: ",
                        Run(reason) if reason else gap("lots_reason", "motivering geen percelen"),
                        "" if reason.endswith(".") else "."))
    return out


def _concluded(t: Tender) -> str:
    """The agreements as concluded; how many there are, and who signs them, chapter 1 says once
    (lot_chapters.agreements_concluded)."""
    return "Elke overeenkomst wordt gesloten" if several_agreements(t) else "De overeenkomst wordt gesloten"


# ------------------------------------------------------------------ reservations
def _reservations() -> list[Block]:
    return [
        Heading("Voorbehouden", 2, ""),
        text("De opdrachtgever behoudt zich het recht voor de aanbesteding op elk moment op te schorten of in te "
             "trekken, of de opdracht niet te gunnen. De gunning is onder voorbehoud van voldoende budget en, waar "
             "nodig, bestuurlijke goedkeuring. Inschrijvers hebben in geen geval recht op vergoeding van kosten die zij "
             "voor deze aanbesteding hebben gemaakt, ook niet als de aanbesteding wordt ingetrokken of de opdracht niet "
             "wordt gegund."),
    ]


# ------------------------------------------------------------------ legal protection
def _legal_protection(t: Tender) -> list[Block]:
    out: list[Block] = [
        Heading("Rechtsbescherming", 2, ""),
        text("Wie meent dat de aanbestedingsstukken onduidelijk, tegenstrijdig of onrechtmatig zijn, maakt dat kenbaar "
             "via de vragen, uiterlijk op de uiterste datum voor het stellen van vragen. Wie dat nalaat, kan daar na die "
             "datum geen beroep meer op doen (rechtsverwerking)."),
    ]
    if t.procedure == "enkelvoudig-onderhands":
        out.append(text("De opdrachtgever deelt de ondernemer schriftelijk mee of hij de opdracht gunt."))
    else:
        out.append(text("De opdrachtgever maakt de gunningsbeslissing schriftelijk bekend aan alle inschrijvers, met de "
                        "relevante redenen: de scores van de inschrijver en van de winnende inschrijving en de "
                        "kenmerken en relatieve voordelen van de winnende inschrijving (artikel 2.130 van de "
                        "Aanbestedingswet 2012)."))
        basis = ("artikel 2.127 van de Aanbestedingswet 2012" if t.procedure in EUROPEAN_PROCEDURES else
                 "de opdrachtgever past artikel 2.127 van de Aanbestedingswet 2012 vrijwillig toe")
        out.append(text(f"Na de bekendmaking geldt een opschortende termijn van {STANDSTILL_DAYS} kalenderdagen ({basis}), "
                        "die begint op de dag na verzending van de "
                        "gunningsbeslissing. Binnen die termijn sluit de opdrachtgever de overeenkomst niet. Een "
                        "inschrijver die het niet eens is met de gunningsbeslissing, brengt binnen deze termijn een kort "
                        "geding aanhangig bij de voorzieningenrechter van de rechtbank in het arrondissement waar de "
                        "opdrachtgever is gevestigd. Dit is een vervaltermijn: wie niet binnen de termijn dagvaardt, "
                        "verliest het recht om tegen de gunningsbeslissing op te komen, en de opdrachtgever mag dan de "
                        "overeenkomst sluiten."))
    out.append(para("Een klacht over de aanbesteding kunt u indienen bij het klachtenmeldpunt van de opdrachtgever: ",
                    value_or_gap(t, "klachtenmeldpunt", "klachtenmeldpunt"), ". Leidt de klacht niet tot een "
                    "oplossing, dan kunt u zich wenden tot de Commissie van Aanbestedingsexperts. Een klacht schort "
                    "geen enkele termijn op: de termijnen in deze leidraad"
                    f"{'' if t.procedure == 'enkelvoudig-onderhands' else ', ook de opschortende termijn,'} blijven "
                    "lopen."))
    return out
