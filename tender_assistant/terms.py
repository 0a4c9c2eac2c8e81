"""The legal minimum terms of a procedure, and the check of the tender's planning against them.

The figures and their sources are listed in docs/legal-basis.md; a lawyer reviews them there once. Terms are counted
in calendar days from the day the announcement is sent (`publication_date`) to the submission deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .exclusion_grounds import OPTIONAL_GROUNDS, unknown_grounds
from .tender import Tender

if TYPE_CHECKING:
    from .checks import _Findings

ANSWERS_BEFORE_DEADLINE_DAYS = 6  # the nota van inlichtingen at the latest six days before the submission deadline
STANDSTILL_DAYS = 20  # the Alcatel standstill after the award decision (art. 2.127 Aw), in calendar days
ELECTRONIC_REDUCTION_DAYS = 5  # art. 2.74a Aw: electronic submission accepted


@dataclass(frozen=True)
class MinimumTerm:
    """The shortest term from publication to the submission deadline that the law allows, and why."""

    days: int
    basis_nl: str  # how the figure is made up, with the articles
    basis_en: str


# Open procedure: 45 days (art. 2.71 Aw), 5 fewer when bids are submitted electronically (art. 2.74a Aw); with a
# prior information notice 15 days (art. 27(2) directive 2014/24/EU).
OPEN_DAYS, OPEN_PIN_DAYS = 45, 15
# Restricted procedure and competitive procedure with negotiation: requests to participate at least 30 days after
# publication (art. 28(1) and 29(1) directive), then bids 40 days after the invitation (Aw), 5 fewer electronically
# (art. 2.74a Aw); with a prior information notice 10 days (art. 28(3) directive).
REQUESTS_DAYS, RESTRICTED_DAYS, RESTRICTED_PIN_DAYS = 30, 40, 10
TWO_STAGE = frozenset({"europees-niet-openbaar", "mededinging-onderhandeling"})
# Competitive dialogue and innovation partnership: only the requests term is fixed (art. 30(1) and 31(1) directive).
REQUESTS_ONLY = frozenset({"concurrentiegerichte-dialoog", "innovatiepartnerschap"})


def minimum_term(procedure: str, electronic_submission: bool = True,
                 prior_information_notice: bool = False) -> MinimumTerm | None:
    """The legal minimum from publication to the submission deadline, or None where the law sets none (national)."""
    if procedure == "europees-openbaar":
        if prior_information_notice:
            return MinimumTerm(OPEN_PIN_DAYS, "15 dagen na een vooraankondiging (art. 27 lid 2 Richtlijn 2014/24/EU)",
                               "15 days after a prior information notice (art. 27(2) directive 2014/24/EU)")
        if electronic_submission:
            return MinimumTerm(OPEN_DAYS - ELECTRONIC_REDUCTION_DAYS,
                               "45 dagen (art. 2.71 Aanbestedingswet 2012), 5 dagen korter bij elektronische "
                               "inschrijving (art. 2.74a)", "45 days (art. 2.71 Dutch Procurement Act 2012), 5 days "
                               "shorter with electronic submission (art. 2.74a)")
        return MinimumTerm(OPEN_DAYS, "45 dagen (art. 2.71 Aanbestedingswet 2012)",
                           "45 days (art. 2.71 Dutch Procurement Act 2012)")
    if procedure in TWO_STAGE:
        bids = RESTRICTED_PIN_DAYS if prior_information_notice else (
            RESTRICTED_DAYS - ELECTRONIC_REDUCTION_DAYS if electronic_submission else RESTRICTED_DAYS)
        why_nl = ("10 dagen na een vooraankondiging (art. 28 lid 3 Richtlijn 2014/24/EU)" if prior_information_notice
                  else "40 dagen" + (", 5 dagen korter bij elektronische inschrijving (art. 2.74a Aanbestedingswet "
                                     "2012)" if electronic_submission else ""))
        why_en = ("10 days after a prior information notice (art. 28(3) directive 2014/24/EU)" if prior_information_notice
                  else "40 days" + (", 5 days shorter with electronic submission (art. 2.74a Dutch Procurement Act "
                                    "2012)" if electronic_submission else ""))
        return MinimumTerm(REQUESTS_DAYS + bids,
                           f"30 dagen voor de verzoeken tot deelneming (art. 28 lid 1 Richtlijn 2014/24/EU) en daarna "
                           f"{why_nl} voor de inschrijving", f"30 days for requests to participate (art. 28(1) "
                           f"directive 2014/24/EU), then {why_en} for the bids")
    if procedure in REQUESTS_ONLY:
        return MinimumTerm(REQUESTS_DAYS, "30 dagen voor de verzoeken tot deelneming (art. 30 lid 1 en 31 lid 1 "
                           "Richtlijn 2014/24/EU)", "30 days for requests to participate (art. 30(1) and 31(1) "
                           "directive 2014/24/EU)")
    return None


def standstill_end(award_decision: date) -> date:
    """The last day of the standstill: it starts the day after the award decision is sent and lasts 20 days."""
    return award_decision + timedelta(days=STANDSTILL_DAYS)


def latest_answers_date(submission_deadline: date) -> date:
    """The last day on which the nota van inlichtingen may be published."""
    return submission_deadline - timedelta(days=ANSWERS_BEFORE_DEADLINE_DAYS)


# The planning's fields as the wizard names them (a finding's `where`).
PLACE_LABELS: dict[str, tuple[str, str]] = {
    "submission_deadline": ("Uiterste datum van inschrijving", "Submission deadline"),
    "questions_deadline": ("Uiterste datum voor vragen", "Questions deadline"),
    "answers_date": ("Nota van inlichtingen", "Answers (nota van inlichtingen)"),
    "award_decision_date": ("Gunningsbeslissing", "Award decision"),
    "contract_start_date": ("Ingangsdatum", "Contract start"),
    "bid_validity_days": ("Gestanddoeningstermijn", "Bid validity"),
    "optional_exclusion_grounds": ("Facultatieve uitsluitingsgronden", "Optional exclusion grounds"),
}


def _and(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def _d(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def check_terms(t: Tender, f: _Findings) -> None:
    """The submission term against the legal minimum, the nota van inlichtingen six days before the deadline, the
    dates in their order; advice for each date still missing."""
    p = t.planning
    missing = [("publication_date", "de geplande publicatiedatum", "the planned publication date"),
               ("submission_deadline", "de uiterste datum van inschrijving", "the submission deadline"),
               ("questions_deadline", "de uiterste datum voor vragen", "the questions deadline"),
               ("answers_date", "de datum van de nota van inlichtingen", "the date of the nota van inlichtingen"),
               ("award_decision_date", "de datum van de voorgenomen gunningsbeslissing",
                "the date of the intended award decision"),
               ("contract_start_date", "de ingangsdatum van de overeenkomst", "the contract's start date"),
               ("bid_validity_days", "de gestanddoeningstermijn (dagen)", "the bid validity (days)")]
    absent = [(name, nl, en) for name, nl, en in missing
              if (t.publication_date if name == "publication_date" else getattr(p, name)) is None]
    if absent:  # one line: a tender without any planning yet should not drown its other findings
        f.advice("planning-missing", f"de planning is nog niet compleet: {_and([nl for _, nl, _ in absent], 'en')} "
                 f"{'ontbreekt' if len(absent) == 1 else 'ontbreken'}; de leidraad laat daar een gat",
                 f"the planning is not complete yet: {_and([en for _, _, en in absent], 'and')} "
                 f"{'is' if len(absent) == 1 else 'are'} missing; the leidraad leaves a gap there", absent[0][0])
    published, deadline = t.publication_date, p.submission_deadline
    if published is not None and deadline is not None:
        term = (deadline - published).days
        minimum = minimum_term(t.procedure, p.electronic_submission, p.prior_information_notice)
        if minimum is not None and term < minimum.days:
            f.error("term-too-short", f"de inschrijftermijn van {term} dagen (publicatie {_d(published)}, inschrijving "
                    f"uiterlijk {_d(deadline)}) is korter dan het wettelijk minimum van {minimum.days} dagen: "
                    f"{minimum.basis_nl}", f"the submission term of {term} days (publication {published}, deadline "
                    f"{deadline}) is shorter than the legal minimum of {minimum.days} days: {minimum.basis_en}",
                    "submission_deadline")
        elif term < 0 or (minimum is None and term <= 0):
            f.error("term-order", "de uiterste datum van inschrijving ligt niet na de publicatie",
                    "the submission deadline is not after publication", "submission_deadline")
    _check_order(t, f)


def _check_order(t: Tender, f: _Findings) -> None:
    p = t.planning
    deadline = p.submission_deadline
    if t.publication_date is not None:
        for name, nl, en in (("questions_deadline", "de uiterste datum voor vragen", "the questions deadline"),
                             ("answers_date", "de nota van inlichtingen", "the nota van inlichtingen"),
                             ("award_decision_date", "de gunningsbeslissing", "the award decision"),
                             ("contract_start_date", "de ingangsdatum", "the contract start")):
            day = getattr(p, name)
            if day is not None and day < t.publication_date:
                f.error("date-before-publication", f"{nl} ({_d(day)}) ligt voor de publicatie ({_d(t.publication_date)})",
                        f"{en} ({day}) is before publication ({t.publication_date})", name)
    if deadline is not None and p.answers_date is not None and p.answers_date > latest_answers_date(deadline):
        f.error("answers-too-late", f"de nota van inlichtingen ({_d(p.answers_date)}) komt minder dan zes dagen voor "
                f"de uiterste datum van inschrijving ({_d(deadline)}); publiceer haar uiterlijk "
                f"{_d(latest_answers_date(deadline))} (art. 53 lid 2 Richtlijn 2014/24/EU; de leidraad belooft het)",
                f"the nota van inlichtingen ({p.answers_date}) comes less than six days before the submission deadline "
                f"({deadline}); publish it by {latest_answers_date(deadline)} (art. 53(2) directive 2014/24/EU; the "
                "leidraad promises it)", "answers_date")
    if p.questions_deadline is not None and p.answers_date is not None and p.questions_deadline > p.answers_date:
        f.error("questions-after-answers", "de uiterste datum voor vragen ligt na de nota van inlichtingen",
                "the questions deadline is after the nota van inlichtingen", "questions_deadline")
    if deadline is not None and p.award_decision_date is not None and p.award_decision_date < deadline:
        f.error("award-before-deadline", "de gunningsbeslissing ligt voor de uiterste datum van inschrijving",
                "the award decision is before the submission deadline", "award_decision_date")
    if p.award_decision_date is not None and p.contract_start_date is not None:
        end = standstill_end(p.award_decision_date)
        if p.contract_start_date <= end:
            f.error("start-in-standstill", f"de overeenkomst gaat in op {_d(p.contract_start_date)}, maar de "
                    f"opschortende termijn van 20 kalenderdagen na de gunningsbeslissing loopt tot en met {_d(end)} "
                    "(art. 2.127 Aanbestedingswet 2012): kies een latere ingangsdatum", f"the contract starts on "
                    f"{p.contract_start_date}, but the 20-day standstill after the award decision runs until {end} "
                    "(art. 2.127 Dutch Procurement Act 2012): choose a later start", "contract_start_date")
    if deadline is not None and p.award_decision_date is not None and p.bid_validity_days is not None:
        valid_until = deadline + timedelta(days=p.bid_validity_days)
        if valid_until < standstill_end(p.award_decision_date):
            f.advice("validity-short", f"de inschrijvingen zijn geldig tot {_d(valid_until)}, maar de opschortende "
                     f"termijn loopt tot {_d(standstill_end(p.award_decision_date))}: kies een langere "
                     "gestanddoeningstermijn", f"bids are valid until {valid_until}, but the standstill runs until "
                     f"{standstill_end(p.award_decision_date)}: choose a longer bid validity", "bid_validity_days")


def check_exclusion_grounds(t: Tender, f: _Findings) -> None:
    """Only optional exclusion grounds the leidraad can state."""
    unknown = unknown_grounds(t.optional_exclusion_grounds)
    if unknown:
        listed = ", ".join(OPTIONAL_GROUNDS)
        f.error("exclusion-ground-unknown", f"onbekende facultatieve uitsluitingsgrond: {', '.join(unknown)}; kies uit "
                f"{listed} (art. 2.87 Aanbestedingswet 2012)", f"unknown optional exclusion ground: "
                f"{', '.join(unknown)}; choose from {listed} (art. 2.87 Dutch Procurement Act 2012)",
                "optional_exclusion_grounds")
