"""Test notices: eForms contract award notices (SDK 1.15 structure) with Dutch buyers, written as a buyer would."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

NS = ('xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2" '
      'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
      'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" '
      'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2" '
      'xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1" '
      'xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1" '
      'xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1"')


@dataclass
class Lot:
    """One lot of a test notice and its result."""

    id: str
    title: str
    cpv: str = "39130000"
    extra_cpv: list[str] = field(default_factory=list)
    nature: str = "supplies"
    circular: bool = False  # BT-774 circ-econ
    framework: bool = False  # BT-765 fa-wo-rc with BT-709 as its maximum
    framework_max: float | None = None
    months: int | None = 48
    start: str | None = "2025-04-01"
    winner: str | None = "Circulair Meubel BV"  # None: no winner chosen (BT-142 clos-nw)
    value: float = 100_000.0
    currency: str = "EUR"
    decided: str | None = "2025-03-03"


def notice_xml(lots: list[Lot], *, notice_id: str = "5d1a2b3c-0000-4000-8000-000000000001",
               buyers: tuple[str, ...] = ("Gemeente Zaanstad",), sdk: str = "eforms-sdk-1.15", subtype: str = "29",
               issued: str = "2025-03-20+01:00", procedure: str = "open") -> str:
    """A contract award notice as XML text."""
    orgs = [(f"ORG-{i + 1:04d}", name) for i, name in enumerate(buyers)]
    winners = sorted({lot.winner for lot in lots if lot.winner})
    orgs += [(f"ORG-{100 + i:04d}", name) for i, name in enumerate(winners)]
    org_id = {name: oid for oid, name in orgs}
    results, tenders, contracts, parties, lot_parts = [], [], [], [], []
    for n, lot in enumerate(lots, start=1):
        status = "selec-w" if lot.winner else "clos-nw"
        fa = (f"<efac:FrameworkAgreementValues><cbc:MaximumValueAmount currencyID=\"{lot.currency}\">"
              f"{lot.framework_max}</cbc:MaximumValueAmount></efac:FrameworkAgreementValues>"
              if lot.framework and lot.framework_max is not None else "")
        tender_ref = f"<efac:LotTender><cbc:ID schemeName=\"tender\">TEN-{n:04d}</cbc:ID></efac:LotTender>"
        contract_ref = f"<efac:SettledContract><cbc:ID schemeName=\"contract\">CON-{n:04d}</cbc:ID></efac:SettledContract>"
        results.append(
            f"<efac:LotResult><cbc:ID schemeName=\"result\">RES-{n:04d}</cbc:ID>"
            f"<cbc:TenderResultCode listName=\"winner-selection-status\">{status}</cbc:TenderResultCode>{fa}"
            + (tender_ref + contract_ref if lot.winner else "")
            + f"<efac:TenderLot><cbc:ID schemeName=\"Lot\">{lot.id}</cbc:ID></efac:TenderLot></efac:LotResult>")
        if lot.winner:
            tenders.append(
                f"<efac:LotTender><cbc:ID schemeName=\"tender\">TEN-{n:04d}</cbc:ID><cbc:RankCode>1</cbc:RankCode>"
                f"<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"{lot.currency}\">{lot.value}"
                f"</cbc:PayableAmount></cac:LegalMonetaryTotal>"
                f"<efac:TenderingParty><cbc:ID schemeName=\"tendering-party\">TPA-{n:04d}</cbc:ID></efac:TenderingParty>"
                f"<efac:TenderLot><cbc:ID schemeName=\"Lot\">{lot.id}</cbc:ID></efac:TenderLot></efac:LotTender>")
            decided = f"<cbc:AwardDate>{lot.decided}+01:00</cbc:AwardDate>" if lot.decided else ""
            contracts.append(
                f"<efac:SettledContract><cbc:ID schemeName=\"contract\">CON-{n:04d}</cbc:ID>{decided}"
                f"<efac:LotTender><cbc:ID schemeName=\"tender\">TEN-{n:04d}</cbc:ID></efac:LotTender>"
                f"</efac:SettledContract>")
            parties.append(
                f"<efac:TenderingParty><cbc:ID schemeName=\"tendering-party\">TPA-{n:04d}</cbc:ID>"
                f"<efac:Tenderer><cbc:ID schemeName=\"organization\">{org_id[lot.winner]}</cbc:ID></efac:Tenderer>"
                f"</efac:TenderingParty>")
        green = ("<cac:ProcurementAdditionalType><cbc:ProcurementTypeCode listName=\"environmental-impact\">"
                 "circ-econ</cbc:ProcurementTypeCode></cac:ProcurementAdditionalType>" if lot.circular else "")
        extra = "".join(f"<cac:AdditionalCommodityClassification><cbc:ItemClassificationCode listName=\"cpv\">{c}"
                        f"</cbc:ItemClassificationCode></cac:AdditionalCommodityClassification>"
                        for c in lot.extra_cpv)
        period = ""
        if lot.months is not None:
            start = f"<cbc:StartDate>{lot.start}+01:00</cbc:StartDate>" if lot.start else ""
            period = (f"<cac:PlannedPeriod>{start}<cbc:DurationMeasure unitCode=\"MONTH\">{lot.months}"
                      f"</cbc:DurationMeasure></cac:PlannedPeriod>")
        system = "fa-wo-rc" if lot.framework else "none"
        lot_parts.append(
            f"<cac:ProcurementProjectLot><cbc:ID schemeName=\"Lot\">{lot.id}</cbc:ID>"
            f"<cac:TenderingProcess><cac:ContractingSystem><cbc:ContractingSystemTypeCode "
            f"listName=\"framework-agreement\">{system}</cbc:ContractingSystemTypeCode></cac:ContractingSystem>"
            f"</cac:TenderingProcess><cac:ProcurementProject><cbc:ID schemeName=\"InternalID\">{n}</cbc:ID>"
            f"<cbc:Name languageID=\"NLD\">{escape(lot.title)}</cbc:Name>"
            f"<cbc:ProcurementTypeCode listName=\"contract-nature\">{lot.nature}</cbc:ProcurementTypeCode>{green}"
            f"<cac:MainCommodityClassification><cbc:ItemClassificationCode listName=\"cpv\">{lot.cpv}"
            f"</cbc:ItemClassificationCode></cac:MainCommodityClassification>{extra}{period}"
            f"</cac:ProcurementProject></cac:ProcurementProjectLot>")
    organisations = "".join(
        f"<efac:Organization><efac:Company><cac:PartyIdentification><cbc:ID schemeName=\"organization\">{oid}</cbc:ID>"
        f"</cac:PartyIdentification><cac:PartyName><cbc:Name languageID=\"NLD\">{escape(name)}</cbc:Name>"
        f"</cac:PartyName></efac:Company></efac:Organization>" for oid, name in orgs)
    parties_xml = "".join(
        f"<cac:ContractingParty><cac:Party><cac:PartyIdentification><cbc:ID schemeName=\"organization\">{oid}</cbc:ID>"
        f"</cac:PartyIdentification></cac:Party></cac:ContractingParty>" for oid, name in orgs[:len(buyers)])
    return (
        f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ContractAwardNotice {NS}><ext:UBLExtensions><ext:UBLExtension>"
        f"<ext:ExtensionContent><efext:EformsExtension><efac:NoticeResult>{''.join(results)}{''.join(tenders)}"
        f"{''.join(contracts)}{''.join(parties)}</efac:NoticeResult><efac:NoticeSubType>"
        f"<cbc:SubTypeCode listName=\"notice-subtype\">{subtype}</cbc:SubTypeCode></efac:NoticeSubType>"
        f"<efac:Organizations>{organisations}</efac:Organizations></efext:EformsExtension></ext:ExtensionContent>"
        f"</ext:UBLExtension></ext:UBLExtensions><cbc:UBLVersionID>2.3</cbc:UBLVersionID>"
        f"<cbc:CustomizationID>{sdk}</cbc:CustomizationID>"
        f"<cbc:ID schemeName=\"notice-id\">{notice_id}</cbc:ID><cbc:ContractFolderID>f0f0</cbc:ContractFolderID>"
        f"<cbc:IssueDate>{issued}</cbc:IssueDate><cbc:VersionID>01</cbc:VersionID>"
        f"<cbc:NoticeTypeCode listName=\"result\">can-standard</cbc:NoticeTypeCode>{parties_xml}"
        f"<cac:TenderingProcess><cbc:ProcedureCode listName=\"procurement-procedure-type\">{procedure}"
        f"</cbc:ProcedureCode></cac:TenderingProcess><cac:ProcurementProject><cbc:Name languageID=\"NLD\">Aanbesteding"
        f"</cbc:Name><cbc:ProcurementTypeCode listName=\"contract-nature\">supplies</cbc:ProcurementTypeCode>"
        f"</cac:ProcurementProject>{''.join(lot_parts)}</ContractAwardNotice>\n")


def write_notice(path: Path, lots: list[Lot], **kwargs: object) -> Path:
    """Write a test notice and return its path."""
    path.write_text(notice_xml(lots, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path
