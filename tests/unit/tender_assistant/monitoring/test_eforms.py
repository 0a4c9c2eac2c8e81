"""Reading published eForms contract award notices into the register (issue 22)."""

from __future__ import annotations

import gzip
import zipfile
from datetime import date
from pathlib import Path

import pytest

from main import main
from tender_assistant.monitoring import eforms
from tender_assistant.monitoring.eforms import NoticeError, read_notice
from tender_assistant.monitoring.register_store import RegisterStore
from tests.unit.tender_assistant.monitoring.eforms_notices import Lot, notice_xml, write_notice

EXAMPLES = Path(__file__).resolve().parents[5] / "shared" / "data" / "eforms" / "notices"
needs_examples = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="the SDK's example notices are not beside the repo")

JOINT = ("Gemeente Purmerend", "Gemeente Zaanstad", "Gemeente Edam-Volendam")
LOTS = [
    Lot("LOT-0001", "Bedrijfskleding", cpv="18100000", extra_cpv=["18110000"], circular=True, value=300_000,
        winner="Textiel Kringloop BV"),
    Lot("LOT-0002", "Reiniging en herstel", cpv="98310000", nature="services", framework=True,
        framework_max=450_000, value=120_000, winner="Wasserij Noord BV", decided=None, months=36, start=None),
    Lot("LOT-0003", "Naaiatelier", winner=None),
]


# ------------------------------------------------------------------------------------------------ the SDK's examples
@needs_examples
def test_the_minimal_award_notice_gives_the_values_read_from_its_xml() -> None:
    read = read_notice(EXAMPLES / "can_24_minimal.xml")
    assert read.skipped == []
    [r] = read.records
    # read by hand: ContractingParty ORG-0001 = Rouen Habitat; lot LOT-0000 "Agence centre", CPV 77310000,
    # services, procedure open; LotTender TEN-0001 PayableAmount 95414 EUR by TPA-0001 = ORG-0004 Espaces Verts
    # Lemire; no winner decision date, so the dispatch date 2019-10-23
    assert (r.organisation, r.title, r.cpv, r.nature, r.procedure) == (
        "Rouen Habitat", "Agence centre", ["77310000"], "D", "europees-openbaar")
    assert (r.award_date, r.value_eur, r.lot_id, r.winner) == (date(2019, 10, 23), 95414.0, "LOT-0000",
                                                               "Espaces Verts Lemire")
    assert r.notice_id == "65667997-031a-4198-bd25-7225449ef479" and r.source == "aankondiging"
    assert not r.framework and not r.declared_circular and not r.criteria_known and not r.physical
    assert r.share is None


@needs_examples
def test_a_framework_agreement_counts_its_stated_maximum_and_is_flagged() -> None:
    [r] = read_notice(EXAMPLES / "can_25_ITA.xml").records
    # BT-765 fa-wo-rc; BT-709 MaximumValueAmount 4000000 EUR; winner decision date 2020-04-02
    assert r.framework and r.value_eur == 4_000_000 and r.award_date == date(2020, 4, 2)
    assert r.winner == "Trenitalia SpA" and r.procedure == "neg-wo-call"


@needs_examples
def test_lots_without_a_winner_or_in_another_currency_are_left_out_with_the_reason() -> None:
    read = read_notice(EXAMPLES / "can-social_25.xml")
    assert [r.lot_id for r in read.records] == ["LOT-0003"]
    assert [s.lot_id for s in read.skipped] == ["LOT-0001", "LOT-0002"]
    assert "geen winnaar" in read.skipped[0].why
    gbp = read_notice(EXAMPLES / "can_23_contracts.xml")
    assert gbp.records == [] and "GBP" in gbp.skipped[0].why


@needs_examples
@pytest.mark.parametrize(("name", "kind"), [("cn_24_minimal.xml", "aankondiging van een opdracht (soort 16"),
                                            ("pin-only_24.xml", "vooraankondiging (soort 4")])
def test_a_contract_notice_or_pin_is_refused_naming_its_type(name: str, kind: str) -> None:
    with pytest.raises(NoticeError) as caught:
        read_notice(EXAMPLES / name)
    assert kind in caught.value.message and "geen aankondiging van een gegunde opdracht" in caught.value.message


# ------------------------------------------------------------------------------------------------ Dutch notices
def test_a_joint_notice_gives_each_buyer_an_equal_share_of_every_awarded_lot(tmp_path: Path) -> None:
    read = read_notice(write_notice(tmp_path / "kleding.xml", LOTS, buyers=JOINT))
    assert [(r.organisation, r.lot_id) for r in read.records] == [(b, lot) for lot in ("LOT-0001", "LOT-0002")
                                                                  for b in JOINT]
    assert [(s.lot_id, "geen winnaar" in s.why) for s in read.skipped] == [("LOT-0003", True)]
    kleding = read.records[0]
    assert kleding.value_eur == 100_000 and kleding.share == pytest.approx(1 / 3)
    assert kleding.share_basis == "gelijk deel" and kleding.declared_circular
    assert kleding.cpv == ["18100000", "18110000"] and kleding.nature == "L" and kleding.physical
    assert (kleding.start_date, kleding.end_date) == (date(2025, 4, 1), date(2029, 3, 31))  # 48 months
    assert kleding.award_date == date(2025, 3, 3) and kleding.winner == "Textiel Kringloop BV"
    reiniging = read.records[3]
    # a framework agreement counts its maximum (450.000), not the tender's 120.000; no decision date: dispatch date
    assert reiniging.framework and reiniging.value_eur == 150_000 and not reiniging.declared_circular
    assert reiniging.award_date == date(2025, 3, 20) and reiniging.nature == "D"
    assert len({r.uid for r in read.records}) == 6


def test_importing_the_same_notice_twice_adds_nothing(tmp_path: Path, library,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    notice = write_notice(tmp_path / "kleding.xml", LOTS, buyers=JOINT)
    db = str(library.path)
    assert main(["--db", db, "monitor", "import", str(notice)]) == 0
    out = capsys.readouterr().out
    assert "6 toegevoegd" in out and "kleding.xml, perceel LOT-0003: niet geïmporteerd, geen winnaar" in out
    assert main(["--db", db, "monitor", "import", str(notice)]) == 0
    assert "0 toegevoegd, 6 stond(en) er al" in capsys.readouterr().out
    with RegisterStore.open(Path(db).parent / "register.db") as register:
        stored = register.records("Gemeente Zaanstad")
    assert sorted((r.lot_id, r.value_eur, r.framework, r.declared_circular) for r in stored) == [
        ("LOT-0001", 100_000, False, True), ("LOT-0002", 150_000, True, False)]
    assert all(r.notice_id == "5d1a2b3c-0000-4000-8000-000000000001" for r in stored)


def test_another_currency_is_never_counted_as_euros(tmp_path: Path) -> None:
    read = read_notice(write_notice(tmp_path / "sek.xml", [Lot("LOT-0001", "Stoelen", currency="SEK")]))
    assert read.records == [] and "SEK" in read.skipped[0].why


# ------------------------------------------------------------------------------------------------ hostile notices
def _refused(path: Path, *words: str) -> str:
    with pytest.raises(NoticeError) as caught:
        read_notice(path)
    message = caught.value.message
    assert "er is niets geïmporteerd" in message and all(w in message for w in words), message
    return message


def test_a_doctype_with_an_external_entity_is_refused_before_parsing(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("WACHTWOORD", encoding="utf-8")
    xml = notice_xml([Lot("LOT-0001", "&xxe;")]).replace(
        "<ContractAwardNotice ", f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>\n<ContractAwardNotice ', 1)
    path = tmp_path / "xxe.xml"
    path.write_text(xml, encoding="utf-8")
    assert "WACHTWOORD" not in _refused(path, "DOCTYPE")


def test_billion_laughs_is_refused_also_in_utf16(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
            + ']><ContractAwardNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2">'
            "&i;</ContractAwardNotice>")
    path = tmp_path / "lol.xml"
    path.write_bytes(bomb.encode("utf-16"))
    _refused(path, "DOCTYPE")


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eforms, "MAX_NOTICE_BYTES", 1000)
    _refused(write_notice(tmp_path / "groot.xml", LOTS), "groter dan 1000 bytes", "geen eForms-aankondiging")


def test_packed_files_wrong_namespaces_and_broken_xml_get_a_clear_message(tmp_path: Path) -> None:
    xml = notice_xml(LOTS)
    with zipfile.ZipFile(tmp_path / "zip.xml", "w") as packed:
        packed.writestr("notice.xml", xml)
    _refused(tmp_path / "zip.xml", "ingepakt")
    (tmp_path / "gz.xml").write_bytes(gzip.compress(xml.encode()))
    _refused(tmp_path / "gz.xml", "ingepakt")
    wrong = tmp_path / "ns.xml"
    wrong.write_text(xml.replace("ContractAwardNotice-2", "ContractAwardNotice-9"), encoding="utf-8")
    _refused(wrong, "onbekende namespace")
    other = tmp_path / "ander.xml"
    other.write_text('<?xml version="1.0"?><Invoice xmlns="urn:x"/>', encoding="utf-8")
    _refused(other, "geen eForms-aankondiging", "Invoice")
    broken = tmp_path / "kapot.xml"
    broken.write_text(xml[:500], encoding="utf-8")
    _refused(broken, "geen geldige XML", "regel")
    _refused(tmp_path, "is een map")


@pytest.mark.parametrize("sdk", ["eforms-sdk-2.0", "eforms-sdk-1.99", "eforms-sdk-0.9", "ubl-2.3"])
def test_a_notice_of_an_sdk_version_the_reader_does_not_know_is_refused(tmp_path: Path, sdk: str) -> None:
    _refused(write_notice(tmp_path / "nieuw.xml", LOTS, sdk=sdk), sdk, "eforms-sdk-1.15.1")


def test_one_bad_notice_in_a_batch_imports_nothing_and_leaves_the_register_as_it_was(
        tmp_path: Path, library, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(library.path)
    first = write_notice(tmp_path / "eerste.xml", LOTS[:1])
    assert main(["--db", db, "monitor", "import", str(first)]) == 0
    register_path = Path(db).parent / "register.db"
    before = register_path.read_bytes()
    good = write_notice(tmp_path / "goed.xml", LOTS, notice_id="00000000-0000-4000-8000-000000000002")
    bad = write_notice(tmp_path / "pin.xml", LOTS, subtype="4")
    assert main(["--db", db, "monitor", "import", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "pin.xml" in err and "soort 4" in err and "niets geïmporteerd" in err and "Traceback" not in err
    assert register_path.read_bytes() == before


def test_a_title_given_in_several_languages_is_read_in_dutch(tmp_path: Path) -> None:
    xml = notice_xml([Lot("LOT-0001", "Kantoorstoelen")]).replace(
        '<cbc:Name languageID="NLD">Kantoorstoelen</cbc:Name>',
        '<cbc:Name languageID="ENG">Office chairs</cbc:Name><cbc:Name languageID="NLD">Kantoorstoelen</cbc:Name>')
    path = tmp_path / "tweetalig.xml"
    path.write_text(xml, encoding="utf-8")
    assert [r.title for r in read_notice(path).records] == ["Kantoorstoelen"]


def test_deeply_nested_xml_is_refused_not_a_crash(tmp_path: Path) -> None:
    xml = notice_xml(LOTS).replace("</ContractAwardNotice>", "<a>" * 5000 + "</a>" * 5000 + "</ContractAwardNotice>")
    path = tmp_path / "diep.xml"
    path.write_text(xml, encoding="utf-8")
    _refused(path, "geen geldige XML")
