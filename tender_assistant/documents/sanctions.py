"""What a contract clause says about its sanction, as the borgingsplan and the contract annex repeat it: the
penalty sentences of a clause that defines one, and what "de opdrachtwaarde van dat contractjaar" (the base of a
penalty cap) means for the tender's agreements.

Found by the exploratory run: CB11 set a boete of EUR 500 per unit capped at 5 % of "de opdrachtwaarde van dat
contractjaar", the contract annex sent the reader to borgingsplan.xlsx for the consequences, and the CB11 row there
had no boete; nor was the cap's base defined for a framework of ten agreements.
"""

from __future__ import annotations

import re

from ..document_checks import PENALTY_DEFINITION_RE
from ..tender import Tender

SENTENCE_RE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
PENALTY_SENTENCE_RE = re.compile(r"\bboetes?\b|verbeurt", re.IGNORECASE)
YEAR_VALUE_RE = re.compile(r"opdrachtwaarde van (?:dat|het|een|elk) contractjaar", re.IGNORECASE)
YEAR_VALUE_LABEL = "Opdrachtwaarde van een contractjaar"


def penalty_terms(clause: str) -> str:
    """The sentences of a clause that set its penalty (amount, cap, relation to other remedies); '' when the clause
    defines none."""
    if not PENALTY_DEFINITION_RE.search(clause):
        return ""
    return " ".join(s for s in SENTENCE_RE.split(clause.strip()) if PENALTY_SENTENCE_RE.search(s))


def uses_year_value(clause: str) -> bool:
    """True when the clause caps or measures something by the value of a contract year."""
    return bool(YEAR_VALUE_RE.search(clause))


def year_value_definition(tender: Tender) -> str:
    """What the value of a contract year is for this tender's agreements: each agreement on its own, what was
    ordered rather than a framework's maximum."""
    lots = len(tender.lots) > 1
    if tender.is_joint():
        whose = ("de Opdrachtgever in dat contractjaar onder zijn eigen overeenkomst voor dat perceel" if lots
                 else "de Opdrachtgever in dat contractjaar onder zijn eigen overeenkomst")
        alone = ("; de boetes onder een overeenkomst worden begrensd door de opdrachtwaarde van die overeenkomst "
                 "alleen, niet door die van de overeenkomsten van andere Opdrachtgevers of andere percelen" if lots
                 else "; de boetes onder een overeenkomst worden begrensd door de opdrachtwaarde van die overeenkomst "
                 "alleen, niet door die van de overeenkomsten van andere Opdrachtgevers")
    else:
        whose = ("de opdrachtgever in dat contractjaar onder de overeenkomst voor dat perceel" if lots
                 else "de opdrachtgever in dat contractjaar onder de overeenkomst")
        alone = ("; de boetes onder een overeenkomst worden begrensd door de opdrachtwaarde van die overeenkomst "
                 "alleen" if lots else "")
    framework = (", dus de waarde van wat in dat jaar is besteld en geleverd, niet de geraamde of de maximale "
                 "waarde van de raamovereenkomst" if tender.framework_agreement else "")
    return (f"het totaal van de bedragen exclusief btw die {whose} aan opdrachtnemer verschuldigd is geworden"
            f"{framework}{alone}. Een contractjaar is een periode van twaalf maanden, te rekenen vanaf de "
            "ingangsdatum van de overeenkomst. Voor een verplichting die na het einde van de overeenkomst doorloopt "
            "(zoals levering van onderdelen of garantie), geldt de opdrachtwaarde van het laatste contractjaar.")
