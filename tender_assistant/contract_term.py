"""The contract term with its extension options, stated in one way for every document and placeholder."""

from __future__ import annotations

from criteria_library.infra.text import euro

from .tender import Tender

# Dutch numerals for "twee keer 12 maanden verlenging"; beyond ten the digits read better.
TIMES_NL = {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen",
            10: "tien"}


def months(n: int) -> str:
    """'1 maand', '36 maanden'."""
    return f"{n} maand" if n == 1 else f"{n} maanden"


def term_phrase(initial: int, options: list[int]) -> str:
    """'36 maanden, twee keer 12 maanden verlenging, ten hoogste 60 maanden' (without options: '36 maanden')."""
    if not options:
        return months(initial)
    if len(set(options)) == 1:
        times = TIMES_NL.get(len(options), str(len(options)))
        extension = f"{times} keer {months(options[0])} verlenging"
    else:
        extension = "verlenging met " + ", ".join(months(o) for o in options[:-1]) + f" en {months(options[-1])}"
    return f"{months(initial)}, {extension}, ten hoogste {months(initial + sum(options))}"


def tender_term(tender: Tender) -> str:
    """The tender's term as every document states it; '' when no term is set."""
    if not tender.contract_term_months:
        return ""
    return term_phrase(tender.contract_term_months, tender.extension_options_months)


def value_sentence(tender: Tender) -> str:
    """The estimated value over the maximum term (options and all lots included, art. 2.17 Aw); '' when unknown."""
    total = tender.total_value_eur()
    if total is None:
        return ""
    if tender.extension_options_months and tender.contract_term_months:
        over = f"over de maximale looptijd van {months(tender.max_term_months() or 0)}, verlengingen inbegrepen"
    else:
        over = "over de hele looptijd"
    lots = ", alle percelen samen" if len(tender.lots) > 1 else ""
    return f"De geraamde waarde van de opdracht bedraagt {euro(total)} exclusief btw, {over}{lots}."
