"""The award chapter's text: price rule, "punten x weging", each criterion's scoring and a computed worked example.

Kept apart from the plan module so the scoring wording lives next to the scoring model; plan places the blocks
(and imports this module inside build_plan, so the two never import each other half-way).
"""

from __future__ import annotations

from collections.abc import Sequence

from criteria_library.infra.text import dutch_number, euro, points
from criteria_library.models import Criterion, DiscountScoring, PointsScoring, RelativeScoring

from ..clauses import fill_text
from ..parties import procedure_party
from ..scoring import (
    ScoringSetup,
    example_base_price,
    example_bids,
    score_bids,
    setup_for,
    with_tender_values,
)
from ..tender import Tender
from ..tender_parts import TIE_RULES
from .plan import Block, Heading, Paragraph, Run, Style, Table, and_list, capitalise

# The order of the kortingen, stated where a korting in euros is chosen (docs/scoring.md states the same)
EVALUATION_PRICE_ORDER = ("Beoordelingsprijs = inschrijvingsprijs x (1 − som van de kortingen in procenten / 100) − "
                          "som van de kortingen in euro's. Eerst gaan de kortingen in procenten van de "
                          "inschrijvingsprijs af (samen ten hoogste 100%), daarna de kortingen in euro's; de "
                          "beoordelingsprijs wordt nooit lager dan € 0.")

# How scores become a total: the same for every lot, so a tender with lots states it once before the lots
SCORING_METHOD = ("Elke inschrijving krijgt per onderdeel een score van 0 tot 1. Bij een puntenschaal is de score het "
                  "aantal toegekende punten gedeeld door het maximum. Die score wordt vermenigvuldigd met de weging "
                  "(punten x weging); de som van alle onderdelen is de totaalscore, van 0 tot 100. De inschrijving met "
                  "de hoogste totaalscore heeft de beste prijs-kwaliteitverhouding.")


def _p(text: str, style: Style = Style.BODY) -> Paragraph:
    return Paragraph([Run(text)], style)


def _labelled(label: str, value: str) -> Paragraph:
    return Paragraph([Run(f"{label}: ", bold=True), Run(value)], Style.NOTE)


def price_rule_text(tender: Tender, discounts: Sequence[str]) -> str:
    """How a price becomes points, in one paragraph; discounts names the criteria with a fictieve korting ('GC3
    Garantie'), so the text says which lower the evaluation price, or that none does."""
    if tender.fixed_budget_eur is not None and tender.price_weight == 0:
        return (f"Vaste prijs: de opdrachtgever stelt de prijs vast op {euro(tender.fixed_budget_eur, cents=None)} exclusief btw. "
                "Inschrijvers concurreren alleen op kwaliteit; de prijs weegt niet mee in de gunning (weging 0%).")
    if tender.price_rule == "lineair":
        rule = ("Prijsscore = (hoogste beoordelingsprijs − beoordelingsprijs van de inschrijving) / (hoogste − laagste "
                "beoordelingsprijs). De laagste beoordelingsprijs krijgt de volle score, de hoogste nul, daartussen "
                "naar rato; zijn alle beoordelingsprijzen gelijk, dan krijgen alle inschrijvingen de volle score.")
    elif tender.price_rule == "bandbreedte":
        band = dutch_number(tender.price_band_percent) if tender.price_band_percent is not None else "[in te vullen]"
        rule = (f"Prijsscore = 1 − (beoordelingsprijs van de inschrijving − laagste beoordelingsprijs) / (laagste "
                f"beoordelingsprijs x {band}%), en niet lager dan 0. De laagste beoordelingsprijs krijgt de volle "
                f"score; een beoordelingsprijs die {band}% of meer boven de laagste ligt, krijgt 0. Deze bandbreedte "
                "staat vooraf vast: een inschrijving ver boven de andere verandert hun onderlinge volgorde niet.")
    else:
        rule = ("Prijsscore = laagste beoordelingsprijs / beoordelingsprijs van de inschrijving. De laagste "
                "beoordelingsprijs krijgt de volle score; een twee keer zo hoge beoordelingsprijs krijgt de helft.")
    # Found by the exploratory run: "verminderd met de fictieve kortingen hieronder (als die er zijn)" where there were none.
    lowered = (f", verminderd met de fictieve korting{'en' if len(discounts) > 1 else ''} van {and_list(list(discounts))}"
               if discounts else "")
    return (f"Prijs ({tender.price_weight}%): {rule} Punten voor de prijs = prijsscore x {tender.price_weight}. "
            f"De beoordelingsprijs is de totale inschrijvingsprijs exclusief btw over de hele looptijd{lowered}.")


def discount_names(numbered: Sequence[tuple[str, Criterion]]) -> list[str]:
    """'GC3 Garantie ...' for each numbered award criterion that is a fictieve korting."""
    return [f"{number} {c.title}" for number, c in numbered if isinstance(c.scoring, DiscountScoring)]


def award_intro(tender: Tender, items: list[Criterion], chapter_no: int, intro: str) -> list[Block]:
    """The chapter's opening: weight table, the scoring method ("punten x weging") and the price rule."""
    blocks: list[Block] = [_p(intro)]
    if not items:
        return blocks
    setup = setup_for(tender, items)
    numbers = {c.id: f"{chapter_no}.{i}" for i, c in enumerate(items, start=1)}
    rows = [["Prijs", f"{tender.price_weight}%"]]
    for c in setup.weighted:
        rows.append([f"{numbers[c.id]} {c.title}", f"{dutch_number(c.weight or 0)}%"])
    rows.append(["Totaal", f"{dutch_number(setup.price_weight + sum(c.weight or 0 for c in setup.weighted))}%"])
    blocks.append(Table(["Onderdeel", "Weging"], rows, [5, 1.2], bold_last_row=True))
    if setup.discounts:
        names = "; ".join(f"{numbers[c.id]} {c.title}" for c in setup.discounts)
        blocks.append(_p(f"Fictieve korting, zonder eigen weging (werkt via de beoordelingsprijs): {names}."))
    if any(isinstance(c.scoring, DiscountScoring) and c.scoring.in_euros for c in setup.discounts):
        blocks.append(_p(EVALUATION_PRICE_ORDER))
    blocks.append(_p(SCORING_METHOD))
    blocks.append(_p(price_rule_text(tender, [f"{numbers[c.id]} {c.title}" for c in setup.discounts])))
    blocks.append(_p(ranking_rule_text(tender)))
    blocks.append(_p("Per gunningscriterium staat hieronder wat de inschrijver beschrijft of aanbiedt en hoe dat "
                     "wordt beoordeeld. Paragraaf " + f"{chapter_no}.{len(items) + 1} rekent een voorbeeld door."))
    return blocks


def ranking_rule_text(tender: Tender) -> str:
    """How totals are rounded and equal totals decided: the one rule the simulator and the worked example apply."""
    return ("Afronding en gelijke scores: de totaalscore wordt rekenkundig afgerond op twee decimalen (0,005 naar "
            "boven). Hebben twee of meer inschrijvingen dezelfde afgeronde totaalscore, dan geldt: "
            f"{TIE_RULES[tender.tie_rule][0]}.")


def criterion_scoring(tender: Tender, c: Criterion) -> list[Block]:
    """How one award criterion is scored: its type in words, the points scale, the human description and weight."""
    entry = tender.entry(c.id)
    weight = entry.weight if entry is not None and entry.weight is not None else None
    blocks: list[Block] = []
    s = c.scoring
    if isinstance(s, PointsScoring):
        blocks.append(_labelled("Beoordeling", f"de beoordelingscommissie kent 0 tot {dutch_number(s.scale_max)} punten toe"
                                + (" volgens de schaal hieronder" if s.levels else "")
                                + f". Score = punten / {dutch_number(s.scale_max)}"
                                + (f"; bijdrage aan de totaalscore = score x {weight}." if weight is not None else ".")))
        if s.levels:
            rows = [[dutch_number(lv.points), fill_text(tender, c, lv.description) or "–"]
                    for lv in sorted(s.levels, key=lambda lv: -lv.points)]
            blocks.append(Table(["Punten", "Omschrijving"], rows, [1, 5]))
    elif isinstance(s, RelativeScoring):
        if s.direction != "lager" and s.floor == 0:
            formula = ("Score = aanbieding / hoogste aanbieding, begrensd op 0 tot 1: hoe hoger, hoe beter; een "
                       "aanbieding van 0 scoort 0")
        elif s.direction == "lager":
            formula = (f"Score = ({dutch_number(s.floor)} − aanbieding) / ({dutch_number(s.floor)} − laagste aanbieding), begrensd op 0 "
                       f"tot 1: hoe lager, hoe beter; een aanbieding van {dutch_number(s.floor)} of hoger scoort 0")
        else:
            formula = (f"Score = (aanbieding − {dutch_number(s.floor)}) / (hoogste aanbieding − {dutch_number(s.floor)}), begrensd op 0 "
                       f"tot 1: hoe hoger, hoe beter; een aanbieding van {dutch_number(s.floor)} of lager scoort 0")
        tail = f"; bijdrage aan de totaalscore = score x {weight}." if weight is not None else "."
        blocks.append(_labelled("Beoordeling", "relatief ten opzichte van de beste aanbieding. " + formula + tail))
        blocks.append(_labelled("Aannemelijkheid", "de aanbieding bindt de inschrijver en wordt onderdeel van de "
                                f"overeenkomst. {capitalise(procedure_party(tender))} kan vragen een aanbieding te "
                                "onderbouwen; een aanbieding "
                                "die de inschrijver niet aannemelijk maakt, wordt beoordeeld als een aanbieding op de "
                                "ondergrens (score 0)."))
    elif isinstance(s, DiscountScoring) and s.in_euros:
        filled = with_tender_values(tender, c).scoring
        assert isinstance(filled, DiscountScoring)
        blocks.append(_labelled("Beoordeling", euro_discount_text(filled)))
    elif isinstance(s, DiscountScoring):
        unit = s.unit or "eenheid"
        blocks.append(_labelled("Beoordeling", f"fictieve korting: per aangeboden {unit} wordt de "
                                f"beoordelingsprijs met {dutch_number(s.per_unit_pct)}% verlaagd, tot ten hoogste "
                                f"{dutch_number(s.cap_pct)}%. Dit criterium heeft geen eigen weging; het werkt via de "
                                "prijsscore. De korting geldt alleen voor de beoordeling: de aangeboden prijs blijft "
                                "de contractprijs."))
    if c.scoring_text.strip():
        label = "Toelichting" if s is not None else "Beoordeling"
        blocks.append(_labelled(label, fill_text(tender, c, c.scoring_text)))
    if weight is not None and not isinstance(s, DiscountScoring):
        blocks.append(_labelled("Weging", f"{weight}% van de totale score"))
    return blocks


def euro_discount_rule(s: DiscountScoring) -> str:
    """The formula of a korting in euros in one clause: (plafond − offer) x factor, at most the cap."""
    unit = s.unit or "eenheid"
    factor = dutch_number(s.per_unit_eur or 0, 2, fixed=True)
    cap = f", tot ten hoogste {euro(s.cap_eur, cents=None)}" if s.cap_eur is not None else ""
    if s.reference is None:
        return f"fictieve korting in euro's: per aangeboden {unit} gaat er {factor} euro af{cap}"
    plafond = euro(s.reference, cents=None) if "euro" in unit.lower() else dutch_number(s.reference)
    return (f"fictieve korting in euro's: korting = (plafond {plafond} − aangeboden waarde) x {factor} euro per "
            f"{unit}{cap}")


def euro_discount_text(s: DiscountScoring) -> str:
    """How a korting in euros lowers the evaluation price, for the leidraad."""
    plafond = (" Een aanbieding boven het plafond voldoet niet aan de eis; een aanbieding op het plafond krijgt geen "
               "korting." if s.reference is not None else "")
    return (euro_discount_rule(s) + "." + plafond + " De korting gaat af van de beoordelingsprijs na de kortingen "
            "in procenten. Dit criterium heeft geen eigen weging; het werkt via de prijsscore. De korting geldt alleen "
            "voor de beoordeling: de aangeboden prijs blijft de contractprijs.")


def _money(value: float) -> str:
    """An amount for a narrow table cell: the euro sign never ends a line apart from its number."""
    return euro(value, cents=None).replace(" ", "\u00a0")


def _discount_cell(s: DiscountScoring, offer: float) -> str:
    """One bid's korting in the worked example: the offer and what it takes off."""
    if not s.in_euros:
        return f"{dutch_number(offer)} {s.unit or 'eenheden'}: {dutch_number(s.discount_pct(offer))}%"
    amount = s.discount_eur(offer)
    uncapped = s.units(offer) * (s.per_unit_eur or 0)
    capped = f" (begrensd; zonder maximum {_money(uncapped)})" if uncapped > amount else ""
    factor = dutch_number(s.per_unit_eur or 0, 2, fixed=True)
    if s.reference is None:
        return f"{dutch_number(offer)} {s.unit or 'eenheden'} x {factor} = {_money(amount)}{capped}"
    offered = _money(offer) if "euro" in (s.unit or "").lower() else dutch_number(offer)
    return (f"aanbieding {offered}: ({dutch_number(s.reference)} − {dutch_number(offer)}) x {factor} = "
            f"{_money(amount)}{capped}")


def _evaluation_cell(price: float, pct: float, eur: float, result: float) -> str:
    """The evaluation price with its sum when a korting in euros is part of it."""
    if not eur:
        return euro(result, cents=None)
    start = _money(price) if not pct else f"{_money(price)} x (1 − {dutch_number(pct)}%)"
    return f"{start} − {_money(eur)} = {_money(result)}"


def worked_example(tender: Tender, items: list[Criterion], chapter_no: int) -> list[Block]:
    """A short worked example: two made-up bids scored by the scoring core, as a table and a closing sentence."""
    if not items:
        return []
    setup = setup_for(tender, items)
    base = tender.fixed_budget_eur if tender.fixed_budget_eur is not None and tender.price_weight == 0 else \
        example_base_price(setup)
    bids = example_bids(setup, base)
    if tender.fixed_budget_eur is not None and tender.price_weight == 0:
        bids[1].price = bids[0].price  # a fixed price: both bids ask the budget
    ranked = score_bids(setup, bids)
    by = {b.bidder: b for b in ranked}
    a, b = by[bids[0].bidder], by[bids[1].bidder]
    numbers = {c.id: f"{chapter_no}.{i}" for i, c in enumerate(items, start=1)}
    rows = [["Inschrijvingsprijs", euro(a.price, cents=None), euro(b.price, cents=None)]]
    for c in setup.discounts:
        s = c.scoring
        assert isinstance(s, DiscountScoring)
        rows.append([f"Fictieve korting {numbers[c.id]} {c.title}", *(_discount_cell(s, bid.values[c.id]) for bid in bids)])
    if setup.discounts:
        rows.append(["Beoordelingsprijs", *(_evaluation_cell(x.price, x.discount_pct, x.discount_eur, x.evaluation_price)
                                            for x in (a, b))])
    rows.append([f"Prijs ({dutch_number(setup.price_weight)}%)",
                 *(f"{dutch_number(x.price_score, 3)} x {dutch_number(setup.price_weight)} = {points(x.price_points)}" for x in (a, b))])
    for c in setup.weighted:
        s = c.scoring
        cells = []
        for bid, scored in ((bids[0], a), (bids[1], b)):
            offer = (f"{dutch_number(bid.values[c.id])} van {dutch_number(s.scale_max)} punten" if isinstance(s, PointsScoring)
                     else f"aanbieding {dutch_number(bid.values[c.id])}")
            cells.append(f"{offer}: {dutch_number(scored.scores[c.id], 3)} x {dutch_number(c.weight or 0)} = {points(scored.points[c.id])}")
        rows.append([f"{numbers[c.id]} {c.title} ({dutch_number(c.weight or 0)}%)", *cells])
    rows.append(["Totaalscore", points(a.total), points(b.total)])
    winner = ranked[0]
    if ranked[0].rank == ranked[1].rank:
        outcome = ("Beide inschrijvingen scoren gelijk, ook na de regel voor gelijke scores; dan beslist loting in "
                   "aanwezigheid van een notaris.")
    elif ranked[0].total == ranked[1].total:
        outcome = (f"Beide inschrijvingen hebben dezelfde afgeronde totaalscore ({points(winner.total)}); volgens de "
                   f"regel voor gelijke scores ({TIE_RULES[tender.tie_rule][0]}) gaat {winner.bidder} voor.")
    else:
        outcome = (f"{winner.bidder} heeft de hoogste totaalscore ({points(winner.total)} tegen "
                   f"{points(ranked[1].total)}) en heeft daarmee de beste prijs-kwaliteitverhouding.")
    return [
        Heading("Rekenvoorbeeld", 2, f"{chapter_no}.{len(items) + 1}"),
        _p(f"Een verzonnen voorbeeld met twee inschrijvingen laat zien hoe de beoordeling rekent. "
           f"{bids[0].bidder} is goedkoper; {bids[1].bidder} biedt meer kwaliteit en circulariteit. De getallen zijn "
           "geen verwachting over de werkelijke inschrijvingen."),
        Table(["Onderdeel", bids[0].bidder, bids[1].bidder], rows, [2.6, 2.2, 2.2], bold_last_row=True),
        _p(outcome),
    ]


def example_setup(tender: Tender, items: list[Criterion]) -> ScoringSetup:
    """The setup the worked example uses (exposed for tests)."""
    return setup_for(tender, items)
