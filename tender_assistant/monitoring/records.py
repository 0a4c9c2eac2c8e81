"""Plain dataclasses for the register: one record per contract, with the criteria that went into it."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

NATURES: dict[str, tuple[str, str]] = {
    "W": ("Werken", "Works"),
    "L": ("Leveringen", "Supplies"),
    "D": ("Diensten", "Services"),
}
# Where a record came from (Dutch words: they are shown and written to files as they are).
SOURCES: dict[str, tuple[str, str]] = {
    "app": ("Opgesteld in de app", "Drafted in the app"),
    "import": ("Geïmporteerd", "Imported"),
    "handmatig": ("Handmatig ingevoerd", "Typed in"),
    "aankondiging": ("Uit een gepubliceerde aankondiging (eForms)", "From a published notice (eForms)"),
}
EQUAL_SHARE = "gelijk deel"  # share_basis: a joint notice's buyers split the value equally (eForms states no share)
STATED_SHARE = "opgegeven"  # share_basis: the share was stated (a tender's participant value)


@dataclass
class AppliedCriterion:
    """A criterion as it stood in the contract, captured from the library when the record was registered.

    Capturing the attributes (instead of looking them up at report time) keeps last year's count the same when
    the regisseur later edits the library, and lets a regisseur count other organisations' files without their
    library.
    """

    id: str
    version: int | None = None
    kind: str = ""  # criteria_library.models.Kind value; "" when the library did not know the id
    level: int | None = None
    r_strategy: str = ""  # R0..R9, "ondersteunend" or ""
    weight: float | None = None  # award criteria: percent of the award
    scoring_type: str = ""  # "punten", "relatief", "fictieve_korting" or "" (unknown, or not an award criterion)
    marktstandaard: bool = False  # market standard or legally required: never counts
    source: str = ""  # where the criterion comes from (EU GPP, PIANOo, MRA working group)
    source_type: list[str] = field(default_factory=list)  # eu-gpp, nationaal, wet, norm, overig: eForms BT-805
    reference: str = ""  # the criterion's id at its source (an EU GPP or PIANOo criterion id) when the library has one

    @property
    def known(self) -> bool:
        """True when the library knew this criterion when it was registered."""
        return bool(self.kind)


@dataclass
class ContractRecord:
    """One awarded contract of one organisation."""

    organisation: str
    title: str
    package: str = ""
    cpv: list[str] = field(default_factory=list)
    nature: str = "L"  # W, L or D
    procedure: str = ""
    award_date: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    value_eur: float = 0.0  # excluding VAT, including options
    physical: bool = True
    criteria: list[AppliedCriterion] = field(default_factory=list)
    criteria_known: bool = True  # False: nobody recorded which criteria went in (lowers coverage)
    source: str = "handmatig"
    override: bool | None = None  # the organisation's own verdict, overriding the rule; needs a reason
    override_reason: str = ""
    uid: str = ""  # stable identity across files and imports: never count one contract twice
    id: int | None = None  # row id in the register file
    notice_id: str = ""  # eForms BT-701, the published notice's identifier ("" when unknown)
    lot_id: str = ""  # the lot of the tender or notice (eForms BT-137 / BT-13713); "" for a tender without lots
    winner: str = ""  # the winning tenderer(s), as named in the notice
    framework: bool = False  # a framework agreement: the value is its stated maximum or estimate, not spend
    declared_circular: bool = False  # the notice declares BT-774 circ-econ: circular as declared, not verified
    share: float | None = None  # this organisation's fraction of a joint contract's value (None: not joint)
    share_basis: str = ""  # EQUAL_SHARE or STATED_SHARE when share is set
    participants: list[str] = field(default_factory=list)  # every contracting authority of a joint contract

    def identity(self) -> str:
        """The uid, or one derived from the contract's content when none was given (same content, same uid)."""
        return self.uid or content_uid(self)


def organisation_name(name: str) -> str:
    """An organisation's name as stored and shown: inner whitespace collapsed to one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def organisation_key(name: str) -> str:
    """An organisation's name as people read it, for comparing: "Gemeente  Zaanstad" is "gemeente zaanstad"."""
    return organisation_name(name).casefold()


def notice_key(r: ContractRecord) -> tuple[str, str, str]:
    """(notice id, lot id, organisation), casefolded: one awarded lot of one published notice for one buyer."""
    return r.notice_id.strip().casefold(), r.lot_id.strip().casefold(), organisation_key(r.organisation)


def content_uid(r: ContractRecord) -> str:
    """A uid from what identifies a contract: organisation, title, package, award date and value (and the lot, for a
    contract with lots: records without one keep the uid they always had)."""
    parts: list[object] = [organisation_key(r.organisation), r.title.strip().casefold(), r.package,
                           r.award_date.isoformat() if r.award_date else "", round(r.value_eur, 2)]
    if r.lot_id:
        parts.append(r.lot_id.strip().casefold())
    key = json.dumps(parts, ensure_ascii=False)
    return "c-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def keyed_uid(prefix: str, organisation: str, key: str, lot_id: str = "") -> str:
    """A uid from an identity that survives corrections of title or value: the organisation's own contract number
    (prefix "k") or the published notice (prefix "n"), with the lot."""
    parts = [organisation_key(organisation), key.strip().casefold(), lot_id.strip().casefold()]
    return f"{prefix}-" + hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:24]


def stable_uid(uid: str) -> bool:
    """True for a uid from a contract number or a notice: a row with it is the same contract after a correction."""
    return uid.startswith(("k-", "n-"))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def criterion_to_dict(c: AppliedCriterion) -> dict[str, Any]:
    """An applied criterion as JSON (register file column and exchange file)."""
    return {"id": c.id, "version": c.version, "kind": c.kind, "level": c.level, "r_strategy": c.r_strategy,
            "weight": c.weight, "scoring_type": c.scoring_type, "marktstandaard": c.marktstandaard,
            "source": c.source, "source_type": list(c.source_type), "reference": c.reference or None}


def criterion_from_dict(d: dict[str, Any]) -> AppliedCriterion:
    """An applied criterion from its JSON form (already validated)."""
    return AppliedCriterion(id=d["id"], version=d.get("version"), kind=d.get("kind") or "", level=d.get("level"),
                            r_strategy=d.get("r_strategy") or "", weight=d.get("weight"),
                            scoring_type=d.get("scoring_type") or "", marktstandaard=bool(d.get("marktstandaard")),
                            source=d.get("source") or "", source_type=list(d.get("source_type") or []),
                            reference=d.get("reference") or "")


def record_to_dict(r: ContractRecord) -> dict[str, Any]:
    """A record as JSON (the exchange file's form; the register's id is left out, it is local)."""
    return {
        "uid": r.identity(), "organisation": r.organisation, "title": r.title, "package": r.package,
        "cpv": list(r.cpv), "nature": r.nature, "procedure": r.procedure, "award_date": _iso(r.award_date),
        "start_date": _iso(r.start_date), "end_date": _iso(r.end_date), "value_eur": r.value_eur,
        "physical": r.physical, "criteria_known": r.criteria_known,
        "criteria": [criterion_to_dict(c) for c in r.criteria], "source": r.source, "override": r.override,
        "override_reason": r.override_reason, "notice_id": r.notice_id or None, "lot_id": r.lot_id or None,
        "winner": r.winner, "framework": r.framework, "declared_circular": r.declared_circular, "share": r.share,
        "share_basis": r.share_basis, "participants": list(r.participants),
    }


def record_from_dict(d: dict[str, Any]) -> ContractRecord:
    """A record from its JSON form (already validated)."""
    return ContractRecord(
        uid=d["uid"], organisation=d["organisation"], title=d["title"], package=d.get("package") or "",
        cpv=list(d.get("cpv") or []), nature=d.get("nature") or "L", procedure=d.get("procedure") or "",
        award_date=_date(d.get("award_date")), start_date=_date(d.get("start_date")),
        end_date=_date(d.get("end_date")), value_eur=float(d.get("value_eur") or 0), physical=bool(d.get("physical")),
        criteria_known=bool(d.get("criteria_known", True)),
        criteria=[criterion_from_dict(c) for c in d.get("criteria") or []], source=d.get("source") or "import",
        override=d.get("override"), override_reason=d.get("override_reason") or "",
        notice_id=d.get("notice_id") or "", lot_id=d.get("lot_id") or "", winner=d.get("winner") or "",
        framework=bool(d.get("framework")), declared_circular=bool(d.get("declared_circular")),
        share=d.get("share"), share_basis=d.get("share_basis") or "", participants=list(d.get("participants") or []),
    )
