"""The order of precedence of the tender's documents, in one place: the leidraad and the contract annex quote the
same sentences, so neither claims to prevail where the other does (found by the exploratory run: leidraad 2.1 put
the leidraad above the contract annex, the contract annex put itself above the leidraad).

Two scopes, as Dutch practice has them (docs/legal-basis.md, "Order of precedence"): for the procedure the nota van
inlichtingen goes before the leidraad and the leidraad before the other documents (model-aanbestedingsleidraad, ARW
2016); for the rights and obligations under the agreement the agreement and its annex go first (model agreements).
"""

from __future__ import annotations

# Earlier prevails over later.
PROCEDURE_ORDER = ("de nota van inlichtingen (een latere nota voor een eerdere)", "de aanbestedingsleidraad",
                   "de overige aanbestedingsstukken")
CONTRACT_ORDER = ("de overeenkomst", "de contractbijlage", "de nota van inlichtingen", "de aanbestedingsleidraad",
                  "het programma van eisen", "de inkoopvoorwaarden", "de inschrijving")


def _chain(items: tuple[str, ...]) -> str:
    return "deze rangorde, waarin een eerder genoemd stuk voorgaat op een later genoemd: " + ", ".join(
        items[:-1]) + " en " + items[-1]


def procedure_precedence() -> str:
    """The sentence giving the order for the procedure: inschrijving, beoordeling and gunning."""
    return ("Bij tegenstrijdigheid tussen de aanbestedingsstukken over de procedure (de inschrijving, de beoordeling "
            f"en de gunning) geldt {_chain(PROCEDURE_ORDER)}.")


def contract_precedence() -> str:
    """The sentence giving the order for the rights and obligations under the agreement, the same in every document."""
    return f"Bij tegenstrijdigheid over de rechten en plichten onder de overeenkomst geldt {_chain(CONTRACT_ORDER)}."


def both_precedences() -> str:
    """The leidraad's statement of both orders, so the leidraad and the contract annex say the same."""
    return f"{procedure_precedence()} {contract_precedence()}"
