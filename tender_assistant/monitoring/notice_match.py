"""A tender drafted in the app and the published notice of the same tender meet as one record.

A notice record matches an app record of the same organisation when the buyer entered the notice id in the app
(certain), or when title, CPV and value agree (certain: the same title, a shared CPV code and values within
VALUE_CERTAIN of each other). When only part agrees (a shared CPV code and a similar title or a value within
VALUE_DOUBT) it is a doubt: the window asks, the command line leaves the records apart and says so. A merged record
keeps the app's uid, criteria and package and takes what the notice knows better: the awarded value, award date,
term, notice id, lot, winner and the framework and declared flags.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from .records import ContractRecord

VALUE_CERTAIN = 0.10  # estimate and award within 10 % of each other
VALUE_DOUBT = 0.50
TITLE_DOUBT = 70  # rapidfuzz token_set_ratio of the titles


@dataclass
class Match:
    """A notice record and the app record it seems to be; certain or a doubt, with the reason (Dutch, English)."""

    notice: ContractRecord
    app: ContractRecord
    certain: bool
    why: str
    why_en: str

    def key(self) -> tuple[str, str]:
        """(notice record uid, app record uid): how a user's answer is remembered."""
        return self.notice.identity(), self.app.identity()


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _cpv_overlap(a: list[str], b: list[str]) -> bool:
    return bool({c[:8] for c in a} & {c[:8] for c in b})


def _close(a: float, b: float, margin: float) -> bool:
    return bool(a and b) and abs(a - b) <= margin * max(a, b)


def judge(notice: ContractRecord, app: ContractRecord) -> Match | None:
    """Whether a notice record is the app record's tender: a certain match, a doubt, or None."""
    if _norm(notice.organisation) != _norm(app.organisation):
        return None
    if app.notice_id:
        if app.notice_id.strip().casefold() != notice.notice_id.strip().casefold():
            return None
        if app.lot_id and app.lot_id != notice.lot_id:
            return None
        return Match(notice, app, True, "de aankondigings-ID staat bij de aanbesteding",
                     "the notice id was entered with the tender")
    # the app's lot ids ("1") and the notice's ("LOT-0001") follow different schemes: the lot's title decides
    titles_equal = _norm(notice.title) == _norm(app.title) or _norm(app.title).endswith(": " + _norm(notice.title))
    cpv = _cpv_overlap(notice.cpv, app.cpv)
    if titles_equal and cpv and _close(notice.value_eur, app.value_eur, VALUE_CERTAIN):
        return Match(notice, app, True, "zelfde organisatie, titel, CPV en waarde",
                     "same organisation, title, CPV and value")
    similar = fuzz.token_set_ratio(_norm(notice.title), _norm(app.title)) >= TITLE_DOUBT
    if cpv and (similar or _close(notice.value_eur, app.value_eur, VALUE_DOUBT)) or (titles_equal and not app.cpv):
        return Match(notice, app, False, "zelfde organisatie, lijkende titel, CPV of waarde",
                     "same organisation, similar title, CPV or value")
    return None


def find_matches(notices: Iterable[ContractRecord], candidates: Iterable[ContractRecord]) -> list[Match]:
    """The best match per notice record among the app records (each app record used once), certain ones first."""
    apps = [r for r in candidates if r.source == "app"]
    found: list[Match] = []
    for notice in notices:
        for app in apps:
            match = judge(notice, app)
            if match is not None:
                found.append(match)
    found.sort(key=lambda m: not m.certain)
    used_notices: set[str] = set()
    used_apps: set[str] = set()
    result = []
    for match in found:
        n, a = match.key()
        if n in used_notices or a in used_apps:
            continue
        used_notices.add(n)
        used_apps.add(a)
        result.append(match)
    return result


def merged(app: ContractRecord, notice: ContractRecord) -> ContractRecord:
    """The app record with what the notice knows better; its uid, criteria, package and override stay."""
    return replace(app, award_date=notice.award_date or app.award_date, value_eur=notice.value_eur,
                   start_date=notice.start_date or app.start_date, end_date=notice.end_date or app.end_date,
                   notice_id=notice.notice_id, lot_id=notice.lot_id or app.lot_id, winner=notice.winner,
                   framework=notice.framework, declared_circular=notice.declared_circular,
                   cpv=list(dict.fromkeys([*app.cpv, *notice.cpv])), procedure=app.procedure or notice.procedure,
                   share=app.share if app.share is not None else notice.share,
                   share_basis=app.share_basis or notice.share_basis,
                   participants=app.participants or notice.participants)


def resolve(notices: list[ContractRecord], candidates: Iterable[ContractRecord],
            accept: Callable[[Match], bool] | None) -> tuple[list[ContractRecord], list[ContractRecord], list[Match]]:
    """(notice records to add, app records merged with their notice, doubts left apart).

    accept decides a doubt (the window asks the user); without it a doubt is left apart.
    """
    merges: list[ContractRecord] = []
    doubts: list[Match] = []
    taken: set[str] = set()
    for match in find_matches(notices, candidates):
        if match.certain or (accept is not None and accept(match)):
            merges.append(merged(match.app, match.notice))
            taken.add(match.notice.identity())
        else:
            doubts.append(match)
    return [n for n in notices if n.identity() not in taken], merges, doubts
