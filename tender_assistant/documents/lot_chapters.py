"""The leidraad's parts for joint tenders and lots: the participants and their volume, the lots with their rules,
and each lot's weighting, price rule and worked example.

A tender without participants or lots gets none of these blocks, so its documents read as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from criteria_library.infra.text import dutch_number, euro
from criteria_library.models import Criterion

from ..contract_term import months
from ..tender import Tender
from .plan import Block, Heading, Paragraph, Run, Style, Table, and_list, dutch_date, labelled, text

GAP = "[in te vullen]"
JOINT_HEADING = "Opdrachtgevers en volume"
LOTS_HEADING = "Percelen"


def in_documents(tender: Tender, criteria: list[Criterion]) -> list[Criterion]:
    """The criteria the documents show: with lots, only those some lot uses (tender check names the others)."""
    if not tender.lots:
        return criteria
    used = {cid for lot in tender.lots for cid in lot.criterion_ids()}
    return [c for c in criteria if c.id in used]


def several_agreements(tender: Tender) -> bool:
    """True when the tender leads to more than one agreement: one per participant of a joint tender, one per lot."""
    return tender.is_joint() or len(tender.lots) > 1


def agreement(tender: Tender) -> str:
    """'de overeenkomst', or 'elke overeenkomst' when participants or lots each get their own."""
    return "elke overeenkomst" if several_agreements(tender) else "de overeenkomst"


def framework_scope(tender: Tender) -> str:
    """What a framework maximum covers, with a leading space: all agreements (and lots) together, never each one."""
    if len(tender.lots) > 1:
        return " voor alle overeenkomsten en percelen samen"
    return " voor alle overeenkomsten samen" if tender.is_joint() else ""


def agreement_count(tender: Tender) -> int:
    """How many agreements the tender leads to when every lot is awarded: each participant signs its own per lot."""
    participants = len(tender.participants) if tender.is_joint() else 1
    return participants * max(len(tender.lots), 1)


def agreements_concluded(tender: Tender) -> str:
    """Who concludes which agreements and how many there are: the leidraad's one sentence on it (found by the
    exploratory run: 1.2 and 1.3 said one per participant per lot, 2.7 one per lot); '' for the one agreement."""
    kind = "overeenkomst"  # a framework's agreements are called so in the sentence that follows (plan.py)
    n, lots = agreement_count(tender), len(tender.lots)
    if tender.is_joint() and lots > 1:
        return (f"Per perceel sluit elke Opdrachtgever een eigen {kind} met de inschrijver aan wie dat perceel is "
                f"gegund: {len(tender.participants)} Opdrachtgevers en {lots} percelen geven {n} {kind}en.")
    if tender.is_joint():
        return (f"Elke Opdrachtgever sluit een eigen {kind} met de inschrijver aan wie de opdracht is gegund: "
                f"{n} {kind}en.")
    if lots > 1:
        return (f"Per perceel wordt een {kind} gesloten met de inschrijver aan wie dat perceel is gegund; wie meer "
                f"percelen gegund krijgt, sluit voor elk daarvan een {kind}: {n} {kind}en.")
    return ""  # one buyer, one agreement: the term's sentence says it all


# ------------------------------------------------------------------ joint tender
def joint_blocks(tender: Tender, number: str) -> list[Block]:
    """Who the contracting authorities are, who runs the procedure on which mandate, who signs and is liable for
    what, and the volume per participant."""
    if not tender.is_joint():
        return []
    names = [p.name for p in tender.participants]
    lead = tender.penvoerder()
    blocks: list[Block] = [
        Heading(JOINT_HEADING, 2, number),
        text(f"Deze aanbesteding is een gezamenlijke aanbesteding van {len(names)} aanbestedende diensten, de "
             f"deelnemers: {and_list(names)}."),
    ]
    if lead is not None:
        mandate = [Run(f"{lead.name} is penvoerder: zij voert de aanbestedingsprocedure namens alle deelnemers uit, "
                       "op grond van het mandaat dat de deelnemers haar hebben verleend (")]
        mandate.append(Run(dutch_date(tender.mandate_date)) if tender.mandate_date else Run("datum " + GAP, gap=True))
        mandate.append(Run(", kenmerk "))
        mandate.append(Run(tender.mandate_reference) if tender.mandate_reference else Run(GAP, gap=True))
        mandate.append(Run("). De penvoerder is in de procedure het aanspreekpunt van de inschrijvers."))
        blocks.append(Paragraph(mandate))
    else:
        blocks.append(Paragraph([Run("Penvoerder: "), Run(GAP, gap=True), Run(".")]))
    blocks.append(text(
        "In deze aanbestedingsstukken is \"Opdrachtgever\" de deelnemer die de overeenkomst met de opdrachtnemer "
        "sluit. Elke deelnemer sluit zijn overeenkomst" + ("en" if len(tender.lots) > 1 else "") + " (zie Omvang en "
        "looptijd) op dezelfde voorwaarden en is alleen partij bij en aansprakelijk voor zijn eigen overeenkomst"
        + ("en" if len(tender.lots) > 1 else "") + ": een deelnemer staat niet "
        "in voor de verplichtingen van een andere deelnemer, en de penvoerder sluit geen overeenkomst namens de "
        "anderen. Waar deze stukken \"de overeenkomsten\" noemen, zijn dat de overeenkomsten van alle deelnemers samen."))
    blocks.append(text("De tabel hieronder geeft per deelnemer het geraamde volume over de maximale looptijd. Het is "
                       "een raming, geen afnameverplichting."))
    rows: list[list[str]] = []
    total = tender.total_value_eur()
    assumed_any = False
    for p, share, assumed in tender.participant_shares():
        role = "penvoerder" if p.role == "penvoerder" else "deelnemer"
        amount = euro(share) if share is not None else GAP
        if assumed and share is not None:
            amount += " (gelijk deel)"
            assumed_any = True
        part = f"{dutch_number(100 * share / total, 1)}%" if share is not None and total else "–"
        rows.append([p.name + (f" ({p.identifier})" if p.identifier else ""), role, amount, part])
    rows.append(["Totaal", "", euro(total) if total is not None else GAP, "100%" if total else "–"])
    blocks.append(Table(["Deelnemer", "Rol", "Geraamde waarde excl. btw", "Aandeel"], rows, [2.8, 1.1, 1.9, 0.9],
                        bold_last_row=True))
    if assumed_any:
        blocks.append(text("\"Gelijk deel\": deze deelnemer heeft geen eigen raming opgegeven; zijn volume is een gelijk "
                           "deel van wat de opgegeven ramingen van de totale waarde overlaten.", Style.NOTE))
    return blocks


# ------------------------------------------------------------------ lots
def lots_blocks(tender: Tender, number: str) -> list[Block]:
    """The lots: subject, CPV and value of each, and the rules for bidding on and winning several lots."""
    if not tender.lots:
        return []
    blocks: list[Block] = [Heading(LOTS_HEADING, 2, number), text(
        f"De opdracht is verdeeld in {len(tender.lots)} percelen. Elk perceel wordt afzonderlijk beoordeeld en "
        "gegund, met zijn eigen gunningscriteria en weging (zie het hoofdstuk Gunningscriteria).")]
    rows = [[lot.id, lot.title or "–", "; ".join(lot.cpv or tender.cpv) or "–",
             euro(lot.estimated_value_eur) if lot.estimated_value_eur is not None else GAP] for lot in tender.lots]
    total = tender.total_value_eur()
    rows.append(["", "Totaal", "", euro(total) if total is not None else GAP])
    blocks.append(Table(["Perceel", "Onderwerp", "CPV-code", "Geraamde waarde excl. btw"], rows, [0.8, 2.6, 1.6, 1.7],
                        bold_last_row=True))
    for lot in tender.lots:
        for i, part in enumerate(p.strip() for p in lot.description.split("\n\n") if p.strip()):
            blocks.append(Paragraph(([Run(f"Perceel {lot.id} – {lot.title}: ", bold=True)] if i == 0 else [])
                                    + [Run(part)]))
    blocks.append(text(lot_rules(tender)))
    return blocks


def lot_rules(tender: Tender) -> str:
    """The rules for bidding on and winning several lots, in one paragraph."""
    n = len(tender.lots)
    bid, won = tender.max_lots_per_bidder, tender.max_lots_awarded_per_bidder
    if bid is None or bid >= n:
        out = "Een inschrijver mag op één, meer of alle percelen inschrijven."
    else:
        out = f"Een inschrijver mag op ten hoogste {_lots(bid)} inschrijven."
    if won is not None and won < n:
        out += f" Eén inschrijver krijgt ten hoogste {_lots(won)} gegund."
        order = tender.lot_award_order or [lot.id for lot in tender.lots]
        out += (" De percelen worden gegund in de volgorde " + and_list([f"perceel {i}" for i in order])
                + "; een inschrijver die het maximum al heeft bereikt, komt voor de volgende percelen niet meer in "
                "aanmerking, en dat perceel gaat naar de inschrijving die daar als volgende het hoogst scoort.")
    elif tender.lot_award_order:
        out += " De percelen worden gegund in de volgorde " + and_list(
            [f"perceel {i}" for i in tender.lot_award_order]) + "."
    return out


def _lots(n: int) -> str:
    return "1 perceel" if n == 1 else f"{n} percelen"


def applies_to(tender: Tender, cid: str, weighted: bool) -> Paragraph | None:
    """'Geldt voor: perceel 1 (25%), perceel 2 (50%)' when the tender has lots; None without lots."""
    if not tender.lots:
        return None
    parts = []
    for lot in tender.lots:
        lc = next((c for c in lot.criteria if c.id == cid), None)
        if lc is not None:
            parts.append(f"perceel {lot.id}" + (f" ({lc.weight}%)" if weighted and lc.weight is not None else ""))
    if len(parts) == len(tender.lots) and not weighted:
        return labelled("Geldt voor", "alle percelen")
    return labelled("Geldt voor", and_list(parts) if parts else "geen enkel perceel")


def without_weights(tender: Tender) -> Tender:
    """The tender with its criteria's tender-wide weights hidden: with lots, only each lot's weights are stated."""
    return replace(tender, criteria=[replace(c, weight=None) for c in tender.criteria])


def lot_award_blocks(tender: Tender, items: list[Criterion], numbers: dict[str, str], chapter_no: int,
                     numbering: str) -> list[Block]:
    """Per lot: a section with its weighting table, price rule and worked example (scored on `tender.for_lot`)."""
    from . import award_text

    blocks: list[Block] = []
    common = set(common_award_rules(tender))  # stated once before the lots, not inside the first lot only
    for k, lot in enumerate(tender.lots):
        view = tender.for_lot(lot.id)
        lot_items = [c for c in items if c.id in lot.criterion_ids()]
        number = f"{chapter_no}.{len(items) + 1 + k}" if numbering == "chapter" else ""
        blocks.append(Heading(f"Perceel {lot.id}: {lot.title}" if lot.title else f"Perceel {lot.id}", 2, number))
        if not lot_items:
            blocks.append(text(f"Perceel {lot.id} wordt gegund op de laagste prijs; er zijn geen kwalitatieve "
                               "gunningscriteria."))
            continue
        own = award_text.award_intro(view, lot_items, chapter_no, "")
        example = award_text.worked_example(view, lot_items, chapter_no)
        remap = _remapper(lot_items, numbers, chapter_no)
        for b in [*own, *example]:
            if isinstance(b, Heading):  # the worked example's own heading: a line within the lot's section
                blocks.append(Paragraph([Run(f"Rekenvoorbeeld perceel {lot.id}", bold=True)], keep_with_next=True))
                continue
            if isinstance(b, Paragraph):
                said = "".join(r.text for r in b.runs)
                if not said.strip() or said in common:
                    continue
                for r in b.runs:
                    r.text = remap(r.text)
            elif isinstance(b, Table):
                b.rows = [[remap(v) for v in row] for row in b.rows]
            blocks.append(b)
    return blocks


def common_award_rules(tender: Tender) -> list[str]:
    """The award rules that hold for every lot alike: the scoring method, the rounding and the tie rule."""
    from . import award_text

    return [award_text.SCORING_METHOD, award_text.ranking_rule_text(tender)]


def lots_award_intro_blocks(tender: Tender) -> list[Block]:
    """Before the criteria of a tender with lots: the rules every lot shares, so the reader of any lot finds them."""
    return [text(rule) for rule in common_award_rules(tender)]


def _remapper(lot_items: list[Criterion], numbers: dict[str, str], chapter_no: int) -> Callable[[str], str]:
    """Numbers the award text gives by position in the lot ('4.1') as the chapter's numbers of those criteria."""
    example = len(lot_items) + 1
    pointer = re.compile(rf"Per gunningscriterium staat hieronder (.*?)\. [Pp]aragraaf {chapter_no}\.{example} "
                         r"rekent een voorbeeld door\.")
    own = re.compile(rf"\b{chapter_no}\.(\d+)\b")

    def remap(s: str) -> str:
        s = pointer.sub(r"Per gunningscriterium staat hierboven \1. Het rekenvoorbeeld hieronder rekent dit perceel "
                        "door.", s)
        return own.sub(lambda m: numbers[lot_items[int(m.group(1)) - 1].id] if 1 <= int(m.group(1)) <= len(lot_items)
                       else m.group(0), s)

    return remap


def term_and_volume_note(tender: Tender) -> str:
    """How options are exercised: by each participant for its own agreement in a joint tender."""
    if not tender.extension_options_months:
        return ""
    who = ("Elke Opdrachtgever kan de verlengingen voor zijn eigen overeenkomst" if tender.is_joint()
           else "De opdrachtgever kan de verlengingen")
    return (f"{who} eenzijdig inroepen, telkens uiterlijk voor het einde van de lopende termijn; de opdrachtnemer is "
            f"daaraan gebonden. Na {months(tender.max_term_months() or 0)} eindigt {agreement(tender)} zonder "
            "opzegging.")
