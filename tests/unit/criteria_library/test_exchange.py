"""Library packs: round trips, idempotent imports, dry-run diffs, and bad packs that change nothing."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace as dataclass_replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from criteria_library.errors import LibraryError, PackError
from criteria_library.models import Status
from criteria_library.pack_export import export_pack
from criteria_library.pack_import import apply_import, plan_import
from criteria_library.pack_reading import Cancelled, read_pack
from criteria_library.search import search_criteria
from criteria_library.store import LibraryStore
from tests.helpers import approve_pending, db_fingerprint, publish_edit


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_round_trip_is_idempotent(fresh_db: LibraryStore, tmp_path: Path) -> None:
    out = tmp_path / "lib.json"
    assert export_pack(fresh_db, out) == 8
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "tender-assistant.library" and data["version"] == 2
    assert {"id", "package", "kind", "level", "r_strategy", "title", "clause", "status", "version"} <= set(data["criteria"][0])
    before = db_fingerprint(fresh_db.path)
    plan = plan_import(fresh_db, read_pack(out))
    assert not plan.has_changes and len(plan.unchanged) == 8
    assert apply_import(fresh_db, plan).backup is None
    assert db_fingerprint(fresh_db.path) == before


def test_xlsx_round_trip_and_edit_in_excel(fresh_db: LibraryStore, tmp_path: Path) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out, package="meubilair")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Pakketten", "Criteria"]
    sheet = wb["Criteria"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("Titel") + 1, value="Aangepast in Excel")
    wb.save(out)
    plan = plan_import(fresh_db, read_pack(out))
    assert list(plan.changed) == ["MEU-S-01"]
    assert plan.changed["MEU-S-01"]["title"][1] == "Aangepast in Excel"
    result = apply_import(fresh_db, plan)
    assert result.changed == 1 and result.proposed == 1 and result.backup and result.backup.exists()
    # a published criterion changes through review: a new version waits beside the published one
    assert fresh_db.criterion("MEU-S-01").title != "Aangepast in Excel"
    assert fresh_db.draft("MEU-S-01").status == Status.IN_REVIEW
    approve_pending(fresh_db, "MEU-S-01")
    assert fresh_db.criterion("MEU-S-01").title == "Aangepast in Excel"
    assert fresh_db.history("MEU-S-01")[0].changed_fields == ["title"]


def test_dry_run_report_shows_field_diff(fresh_db: LibraryStore, mini_pack: dict, tmp_path: Path) -> None:
    mini_pack["criteria"][1]["placeholders"]["onderdelen_jaren"] = "12"
    mini_pack["criteria"].append(dict(mini_pack["criteria"][0], id="MEU-S-02", title="Nieuw criterium"))
    before = db_fingerprint(fresh_db.path)
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    report = plan.report()
    assert "1 nieuw, 1 gewijzigd, 7 ongewijzigd" in report
    assert "+ MEU-S-02 Nieuw criterium" in report
    assert "    Invulvelden: " in report and "12" in report
    assert db_fingerprint(fresh_db.path) == before


def _broken(mini_pack: dict, name: str) -> object:
    crit = mini_pack["criteria"]
    if name == "missing field":
        del crit[0]["clause"]
    elif name == "wrong kind":
        crit[1]["kind"] = "wensenlijst"
    elif name == "level 7":
        crit[2]["level"] = 7
    elif name == "duplicate id":
        crit[3]["id"] = crit[0]["id"]
    elif name == "not a pack":
        return {"name": "boodschappen", "items": ["melk"]}
    elif name == "newer pack version":
        mini_pack["version"] = 99
    return mini_pack


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing field", "bad.json criterium 1 (MEU-S-01), veld 'Voorbeeldtekst': verplicht veld ontbreekt"),
        ("wrong kind", "bad.json criterium 2 (MEU-M-01), veld 'Soort': ongeldige soort 'wensenlijst'"),
        ("level 7", "bad.json criterium 3 (MEU-G-01), veld 'Ambitieniveau': ongeldig ambitieniveau '7'"),
        ("duplicate id", "bad.json criterium 4 (MEU-S-01), veld 'Code': code 'MEU-S-01' komt twee keer voor "
         "(ook bij criterium 1 (MEU-S-01))"),
        ("not a pack", "dit is geen bibliotheekpakket"),
        ("newer pack version", "wordt niet ondersteund"),
    ],
)
def test_bad_json_pack_is_reported_with_place(fresh_db, mini_pack, tmp_path, case, expected) -> None:
    before = db_fingerprint(fresh_db.path)
    path = write_json(tmp_path / "bad.json", _broken(mini_pack, case))
    with pytest.raises(PackError) as err:
        read_pack(path)
    assert expected in err.value.report() or expected in str(err.value)
    assert db_fingerprint(fresh_db.path) == before


def test_every_problem_is_reported_at_once(mini_pack, tmp_path) -> None:
    mini_pack["criteria"][0]["level"] = 7
    mini_pack["criteria"][5]["r_strategy"] = "R12"
    del mini_pack["criteria"][6]["title"]
    with pytest.raises(PackError) as err:
        read_pack(write_json(tmp_path / "bad.json", mini_pack))
    assert len(err.value.problems) == 3
    assert "English" not in err.value.report("en") and "invalid ambition level" in err.value.report("en")


def test_unknown_package_is_refused(fresh_db, mini_pack, tmp_path) -> None:
    before = db_fingerprint(fresh_db.path)
    mini_pack["criteria"][0]["package"] = "ruimtevaart"
    with pytest.raises(PackError, match="onbekend inkooppakket 'ruimtevaart'"):
        plan_import(fresh_db, read_pack(write_json(tmp_path / "bad.json", mini_pack)))
    assert db_fingerprint(fresh_db.path) == before


def test_broken_json_gives_line_and_column(tmp_path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "tender-assistant.library",\n "version": 1,\n "packages": [,]}', encoding="utf-8")
    with pytest.raises(PackError, match=r"regel 3, kolom 15: ongeldige JSON"):
        read_pack(path)


def test_binary_file_with_json_name(tmp_path) -> None:
    path = tmp_path / "photo.json"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(PackError, match="geen UTF-8"):
        read_pack(path)


def test_excel_with_renamed_column(fresh_db, tmp_path) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    wb = load_workbook(out)
    header = [c.value for c in wb["Criteria"][1]]
    wb["Criteria"].cell(row=1, column=header.index("Ambitieniveau") + 1, value="niveau")
    wb.save(out)
    with pytest.raises(PackError) as err:
        read_pack(out)
    assert "blad Criteria, rij 1: kolom 'Ambitieniveau' ontbreekt (is hij hernoemd?)" in err.value.report()
    assert "sheet Criteria, row 1: column 'Ambition level' is missing" in err.value.report("en")


def test_excel_bad_cell_reports_sheet_row_field(fresh_db, tmp_path) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    wb = load_workbook(out)
    header = [c.value for c in wb["Criteria"][1]]
    wb["Criteria"].cell(row=4, column=header.index("Soort") + 1, value="wens")
    wb.save(out)
    with pytest.raises(PackError) as err:
        read_pack(out)
    assert "lib.xlsx blad Criteria, rij 4, kolom 'Soort': ongeldige soort 'wens'" in err.value.report()
    assert "lib.xlsx sheet Criteria, row 4, column 'Soort': invalid kind 'wens'" in err.value.report("en")


def test_file_with_xlsx_name_that_is_not_excel(tmp_path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("geen excel", encoding="utf-8")
    with pytest.raises(PackError, match="geen leesbaar Excel-werkboek"):
        read_pack(path)


def test_50_mb_file_is_refused_without_reading_it(tmp_path) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(LibraryError, match="te groot"):
        read_pack(path)


def test_disk_full_during_import_changes_nothing(fresh_db, mini_pack, tmp_path) -> None:
    template = mini_pack["criteria"][0]
    mini_pack["criteria"] = [
        dict(template, id=f"MEU-S-{n:03d}", title=f"Criterium {n}", rationale=template["rationale"] * 20)
        for n in range(100, 400)
    ]
    path = write_json(tmp_path / "big.json", mini_pack)
    before = db_fingerprint(fresh_db.path)
    pages = fresh_db.db.execute("PRAGMA page_count").fetchone()[0]
    fresh_db.db.execute(f"PRAGMA max_page_count = {pages + 20}")  # a disk that runs full part-way
    with pytest.raises(LibraryError, match="schijf is vol"):
        apply_import(fresh_db, plan_import(fresh_db, read_pack(path)))
    assert db_fingerprint(fresh_db.path) == before
    assert fresh_db.count_criteria() == 8


def test_cancel_during_import_changes_nothing(fresh_db, mini_pack, tmp_path) -> None:
    template = mini_pack["criteria"][0]
    mini_pack["criteria"] = [dict(template, id=f"MEU-S-{n:03d}") for n in range(100, 1300)]
    before = db_fingerprint(fresh_db.path)

    def cancel(done: int, total: int) -> None:
        if done >= 500:
            raise Cancelled

    with pytest.raises(Cancelled):
        apply_import(fresh_db, plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack))), cancel)
    assert db_fingerprint(fresh_db.path) == before


def test_export_to_unwritable_place_leaves_no_file(fresh_db, tmp_path) -> None:
    with pytest.raises(LibraryError, match="bestaat niet"):
        export_pack(fresh_db, tmp_path / "nope" / "lib.json")
    with pytest.raises(LibraryError, match=r"\.json of \.xlsx"):
        export_pack(fresh_db, tmp_path / "lib.csv")
    assert list(tmp_path.glob("lib.*")) == []


def test_import_into_locked_database_changes_nothing(fresh_db, mini_pack, tmp_path, monkeypatch) -> None:
    fresh_db.db.conn.execute("PRAGMA busy_timeout = 100")
    mini_pack["criteria"][0]["title"] = "Gewijzigd"
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    other = sqlite3.connect(fresh_db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LibraryError, match="in gebruik"):
            apply_import(fresh_db, plan)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert fresh_db.criterion("MEU-S-01").title != "Gewijzigd"


def test_bulk_import_keeps_search_index_and_triggers(fresh_db, mini_pack, tmp_path) -> None:
    from criteria_library.integrity import check_library

    template = mini_pack["criteria"][0]
    mini_pack["criteria"] = [dict(template, id=f"MEU-S-{n:03d}", title=f"Bulkcriterium nummer{n}")
                             for n in range(100, 400)]
    apply_import(fresh_db, plan_import(fresh_db, read_pack(write_json(tmp_path / "bulk.json", mini_pack))))
    assert check_library(fresh_db).ok
    fresh_db.db.execute("INSERT INTO criteria_fts (criteria_fts) VALUES ('integrity-check')")  # raises if out of step
    # the bulk fill's larger FTS5 buffer is for that statement only: later edits keep the default 1 MB
    assert dict(fresh_db.db.execute("SELECT k, v FROM criteria_fts_config").fetchall())["hashsize"] == 1024 * 1024
    assert search_criteria(fresh_db, "nummer250")[0].criterion.id == "MEU-S-250"
    triggers = {r[0] for r in fresh_db.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"criteria_ai", "criteria_ad", "criteria_au"} <= triggers
    publish_edit(fresh_db, dataclass_replace(fresh_db.criterion("MEU-S-100"), title="Vernieuwde titel"))
    assert search_criteria(fresh_db, "vernieuwde")[0].criterion.id == "MEU-S-100"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: p["criteria"][0].update(clause=p["criteria"][0]["clause"] + "\x0b"), "onzichtbaar stuurteken (U+000B"),
        (lambda p: p["criteria"][0].update(clause="De inschrijver levert {{onbekend. binnen een termijn."),
         "onvolledig invulveld"),
        (lambda p: p["packages"][1].update(prefix="MEU"), "voorvoegsel 'MEU' is al van pakket 'meubilair'"),
        (lambda p: p["packages"][1].update(prefix="vk1"), "ongeldig voorvoegsel"),
    ],
)
def test_pack_content_that_would_break_documents_or_ids(mini_pack, tmp_path, change, expected) -> None:
    change(mini_pack)
    with pytest.raises(PackError) as err:
        read_pack(write_json(tmp_path / "bad.json", mini_pack))
    assert expected in err.value.report()


def test_prefix_taken_by_a_package_in_the_library(fresh_db, tmp_path) -> None:
    pack = {"format": "tender-assistant.library", "version": 1, "criteria": [],
            "packages": [{"slug": "kantoorartikelen", "name_nl": "Kantoorartikelen", "name_en": "Office supplies",
                          "prefix": "VKB"}]}
    with pytest.raises(PackError, match="voorvoegsel 'VKB' is al van pakket 'verkeersborden'"):
        plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", pack)))


# ------------------------------------------------------- the workflow applies to imports (issue 18 item 2)
def test_an_import_does_not_publish_a_concept(fresh_db: LibraryStore, mini_pack: dict, tmp_path: Path) -> None:
    fresh_db.set_status("MEU-M-01", Status.CONCEPT)  # reopened here; the pack still says gepubliceerd
    mini_pack["criteria"][1]["title"] = "Onderdelen twaalf jaar leverbaar"
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    apply_import(fresh_db, plan, backup=False)
    stored = fresh_db.criterion("MEU-M-01")
    assert stored.title == "Onderdelen twaalf jaar leverbaar" and stored.status == Status.CONCEPT


def test_an_import_changes_a_published_criterion_only_through_review(fresh_db: LibraryStore, mini_pack: dict,
                                                                    tmp_path: Path) -> None:
    published = fresh_db.criterion("MEU-M-01")
    mini_pack["criteria"][1].update(title="Onderdelen twaalf jaar leverbaar", status="concept")
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    assert plan.proposed == ["MEU-M-01"] and "(nieuwe versie, ter review)" in plan.report()
    fresh_db.author = "Importeur"
    result = apply_import(fresh_db, plan, backup=False)
    assert result.proposed == 1
    assert fresh_db.criterion("MEU-M-01") == published  # what buyers see waits for a second person
    pending = fresh_db.draft("MEU-M-01")
    assert pending.title == "Onderdelen twaalf jaar leverbaar" and pending.status == Status.IN_REVIEW
    with pytest.raises(LibraryError, match="vier-ogenprincipe"):
        fresh_db.set_status("MEU-M-01", Status.PUBLISHED)
    fresh_db.author = "Collega"
    assert fresh_db.set_status("MEU-M-01", Status.PUBLISHED).title == "Onderdelen twaalf jaar leverbaar"


def test_an_import_leaves_a_pending_version_alone(fresh_db: LibraryStore, mini_pack: dict, tmp_path: Path) -> None:
    ours = fresh_db.save_criterion(dataclass_replace(fresh_db.criterion("MEU-M-01"), title="Onze nieuwe versie"))
    mini_pack["criteria"][1]["title"] = "Titel uit het pakket"
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    assert plan.held == ["MEU-M-01"] and "MEU-M-01" not in plan.changed
    assert "! MEU-M-01 (overgeslagen: hier is een nieuwe versie in bewerking)" in plan.report()
    apply_import(fresh_db, plan, backup=False)
    assert fresh_db.draft("MEU-M-01") == ours


def test_a_status_alone_in_a_pack_is_no_change(fresh_db: LibraryStore, mini_pack: dict, tmp_path: Path) -> None:
    """Statuses move through the workflow; a preview must not promise a status step the import will not take."""
    mini_pack["criteria"][1]["status"] = "concept"
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    assert not plan.has_changes and "MEU-M-01" in plan.unchanged and "Status" not in plan.report()


def _pack_with_new_criteria(mini_pack: dict) -> dict:
    """The mini pack with new criteria of every status beside the known ones (issue 18)."""
    base = mini_pack["criteria"][0]
    for n, status in enumerate(("gepubliceerd", "in_review", "concept", "ingetrokken"), start=1):
        mini_pack["criteria"].append({**base, "id": f"MEU-S-9{n}", "title": f"Nieuw criterium {n}", "status": status})
    return mini_pack


def test_a_new_published_criterion_from_a_pack_waits_in_review(fresh_db: LibraryStore, tmp_path: Path,
                                                                mini_pack: dict) -> None:
    """An imported pack never publishes a criterion nobody here reviewed: it comes in as in review, submitted by the
    importer, and under four-eyes another person must approve it."""
    path = write_json(tmp_path / "new.json", _pack_with_new_criteria(mini_pack))
    fresh_db.author = "Anna"
    plan = plan_import(fresh_db, read_pack(path))
    assert plan.submitted == ["MEU-S-91", "MEU-S-92"]
    assert "2 nieuwe criteria gaan ter review" in plan.summary()
    assert "2 new criteria go to review" in plan.summary("en")
    assert "+ MEU-S-91 Nieuw criterium 1 (ter review)" in plan.report()
    assert "+ MEU-S-93 Nieuw criterium 3\n" in plan.report() + "\n"
    assert "(to review)" in plan.report("en")
    result = apply_import(fresh_db, plan, backup=False)
    assert result.added == 4 and result.submitted == 2
    statuses = {cid: fresh_db.criterion(cid).status for cid in ("MEU-S-91", "MEU-S-92", "MEU-S-93", "MEU-S-94")}
    assert statuses == {"MEU-S-91": Status.IN_REVIEW, "MEU-S-92": Status.IN_REVIEW, "MEU-S-93": Status.CONCEPT,
                        "MEU-S-94": Status.RETIRED}
    assert fresh_db.history("MEU-S-91")[0].note == "ter review aangeboden"
    assert fresh_db.history("MEU-S-91")[0].changed_by == "Anna"
    with pytest.raises(LibraryError, match="vier-ogenprincipe"):
        fresh_db.set_status("MEU-S-91", Status.PUBLISHED)  # the importer submitted it
    fresh_db.author = "Bert"
    assert fresh_db.set_status("MEU-S-91", Status.PUBLISHED).status == Status.PUBLISHED


def test_a_regisseur_who_accepts_trusted_releases_keeps_new_criteria_published(
        fresh_db: LibraryStore, tmp_path: Path, mini_pack: dict) -> None:
    path = write_json(tmp_path / "new.json", _pack_with_new_criteria(mini_pack))
    fresh_db.set_accept_trusted_releases(True)
    plan = plan_import(fresh_db, read_pack(path))
    assert plan.submitted == ["MEU-S-92"]  # in review in the pack: stays in review
    apply_import(fresh_db, plan, backup=False)
    assert fresh_db.criterion("MEU-S-91").status == Status.PUBLISHED
    assert fresh_db.criterion("MEU-S-93").status == Status.CONCEPT


def test_the_starter_library_is_trusted_and_publishes(tmp_path: Path, mini_pack: dict) -> None:
    path = write_json(tmp_path / "new.json", _pack_with_new_criteria(mini_pack))
    store = LibraryStore.open(tmp_path / "trusted.db")
    try:
        plan = plan_import(store, read_pack(path), trusted=True)
        assert plan.submitted == ["MEU-S-92"]
        apply_import(store, plan, backup=False, note="startbibliotheek")
        assert store.criterion("MEU-S-01").status == Status.PUBLISHED
        assert store.criterion("MEU-S-91").status == Status.PUBLISHED
    finally:
        store.close()


@pytest.mark.parametrize("who", ["this window", "another program"])
def test_a_version_started_between_the_preview_and_the_import_is_left_alone(fresh_db: LibraryStore, mini_pack: dict,
                                                                           tmp_path: Path, who: str) -> None:
    mini_pack["criteria"][1]["title"] = "Titel uit het pakket"
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    assert "MEU-M-01" in plan.changed and not plan.held  # the preview: nothing pending yet
    writer = fresh_db if who == "this window" else LibraryStore.open(fresh_db.path)
    try:
        ours = writer.save_criterion(dataclass_replace(writer.criterion("MEU-M-01"), title="Net begonnen versie"))
    finally:
        if writer is not fresh_db:
            writer.close()
    apply_import(fresh_db, plan, backup=False)
    assert plan.held == ["MEU-M-01"] and fresh_db.draft("MEU-M-01") == ours


def test_an_import_is_planned_once_when_nothing_changed_since_the_preview(fresh_db: LibraryStore, mini_pack: dict,
                                                                          tmp_path: Path, monkeypatch) -> None:
    from criteria_library import pack_import

    mini_pack["criteria"][1]["title"] = "Titel uit het pakket"
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    calls: list[str] = []
    monkeypatch.setattr(pack_import, "plan_import", lambda *a, **k: calls.append("plan") or plan_import(*a, **k))
    result = apply_import(fresh_db, plan, backup=True)  # the backup before the transaction is no change
    assert calls == [] and result.proposed == 1 and fresh_db.draft("MEU-M-01").title == "Titel uit het pakket"


# ------------------------------------------------------------ companions: requires and a scoring's floor_from
LINKED_SCORING = {"type": "relatief", "direction": "hoger", "floor": 10,
                  "floor_from": {"criterion": "MEU-M-01", "placeholder": "onderdelen_jaren"},
                  "example_low": 12, "example_high": 15}


def _linked(mini_pack: dict) -> dict:
    award = mini_pack["criteria"][2]
    award.update(scoring=json.loads(json.dumps(LINKED_SCORING)), requires=["MEU-C-01"])  # a copy the case may change
    return mini_pack


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_requires_and_floor_from_round_trip(fresh_db: LibraryStore, mini_pack: dict, tmp_path: Path,
                                            suffix: str) -> None:
    apply_import(fresh_db, plan_import(fresh_db, read_pack(write_json(tmp_path / "in.json", _linked(mini_pack)))))
    approve_pending(fresh_db, "MEU-G-01")
    c = fresh_db.criterion("MEU-G-01")
    assert c.requires == ["MEU-C-01"] and c.scoring.floor_from.placeholder == "onderdelen_jaren"
    out = tmp_path / f"lib{suffix}"
    export_pack(fresh_db, out)
    if suffix == ".json":
        exported = next(r for r in json.loads(out.read_text(encoding="utf-8"))["criteria"] if r["id"] == "MEU-G-01")
        assert exported["requires"] == ["MEU-C-01"] and exported["scoring"] == LINKED_SCORING
    again = next(r for r in read_pack(out).criteria if r.id == "MEU-G-01")
    assert (again.requires, again.scoring) == (c.requires, c.scoring)
    assert not plan_import(fresh_db, read_pack(out)).has_changes


def test_an_older_pack_without_requires_reads_as_no_companions(mini_pack: dict, tmp_path: Path) -> None:
    pack = read_pack(write_json(tmp_path / "old.json", mini_pack))
    assert all(c.requires == [] and c.floor_from is None for c in pack.criteria)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.update(requires="MEU-C-01"), "veld 'Vereiste criteria': moet een lijst met codes zijn"),
        (lambda c: c.update(requires=["meu-c-01"]), "ongeldige code 'meu-c-01'"),
        (lambda c: c.update(requires=["MEU-G-01"]), "een criterium kan zichzelf niet vereisen"),
        (lambda c: c.update(requires=["MEU-C-01", "MEU-C-01"]), "code 'MEU-C-01' staat er twee keer in"),
        (lambda c: c["scoring"].update(floor_from="MEU-M-01"),
         "veld 'Beoordelingswijze' (ondergrens uit): moet zijn: {\"criterion\": code, \"placeholder\": naam}"),
        (lambda c: c["scoring"].update(floor_from={"criterion": "MEU-G-01", "placeholder": "x"}),
         "veld 'Beoordelingswijze' (ondergrens uit, invulveld): invulveld 'x' komt niet voor in de voorbeeldtekst"),
        (lambda c: c["scoring"].update(example_low=8),
         "veld 'Beoordelingswijze' (laag voorbeeldaanbod): voorbeeldaanbod 8 ligt onder de ondergrens 10"),
        (lambda c: c["scoring"].pop("example_high"), "geef een laag en een hoog voorbeeldaanbod, of geen van beide"),
        (lambda c: c["scoring"].update(example_low=20), "laag voorbeeldaanbod is groter dan het hoge"),
        (lambda c: c["scoring"].update(direction="lager"), "voorbeeldaanbod 15 ligt boven de ondergrens 10"),
        (lambda c: c.update(scoring={"type": "punten", "scale_max": 10, "example_low": 2, "example_high": 8}),
         "een puntenschaal neemt haar voorbeeld uit de niveaus"),
    ],
)
def test_bad_links_and_examples_are_refused_with_their_place(mini_pack: dict, tmp_path: Path, change,
                                                             expected: str) -> None:
    change(_linked(mini_pack)["criteria"][2])
    with pytest.raises(PackError) as err:
        read_pack(write_json(tmp_path / "bad.json", mini_pack))
    assert expected in err.value.report()


def test_source_type_survives_json_and_xlsx_round_trips(fresh_db: LibraryStore, mini_pack: dict,
                                                         tmp_path: Path) -> None:
    mini_pack["criteria"][1]["source_type"] = ["eu-gpp", "norm"]
    apply_import(fresh_db, plan_import(fresh_db, read_pack(write_json(tmp_path / "in.json", mini_pack))))
    cid = mini_pack["criteria"][1]["id"]
    approve_pending(fresh_db, cid)
    assert fresh_db.criterion(cid).source_type == ["eu-gpp", "norm"]
    for name in ("out.json", "out.xlsx"):
        export_pack(fresh_db, tmp_path / name)
        pack = read_pack(tmp_path / name)
        assert next(c for c in pack.criteria if c.id == cid).source_type == ["eu-gpp", "norm"], name
        assert not plan_import(fresh_db, pack).has_changes, name
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["criteria"][1]["source_type"] == [
        "eu-gpp", "norm"]


@pytest.mark.parametrize(("value", "expected"), [
    (["eu"], "veld 'Soort bron': onbekende soort bron 'eu' (kies uit eu-gpp, nationaal, wet, norm, overig)"),
    (["wet", "wet"], "veld 'Soort bron': soort bron noemt een waarde twee keer"),
    ("eu-gpp", "veld 'Soort bron': moet een lijst met tekst zijn"),
])
def test_a_wrong_source_type_is_refused_with_its_place(fresh_db, mini_pack, tmp_path, value, expected) -> None:
    before = db_fingerprint(fresh_db.path)
    mini_pack["criteria"][0]["source_type"] = value
    with pytest.raises(PackError) as err:
        read_pack(write_json(tmp_path / "bad.json", mini_pack))
    assert expected in err.value.report()
    assert db_fingerprint(fresh_db.path) == before


def test_an_import_names_companions_that_are_nowhere_and_still_imports(fresh_db: LibraryStore, mini_pack: dict,
                                                                      tmp_path: Path) -> None:
    linked = _linked(mini_pack)
    linked["criteria"][2]["requires"] = ["MEU-C-01", "MEU-C-09"]  # MEU-C-01 is in the pack, MEU-C-09 nowhere
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "in.json", linked)))
    assert plan.unresolved == {"MEU-G-01": ["MEU-C-09"]}
    assert "? MEU-G-01 vereist MEU-C-09: staat niet in het pakket en niet in de bibliotheek" in plan.report()
    assert "requires MEU-C-09: in neither the pack nor the library" in plan.report("en")
    assert apply_import(fresh_db, plan).changed == 1
    linked["criteria"] = [linked["criteria"][2]]  # alone in a pack: its floor's companion is in the library
    linked["criteria"][0]["requires"] = ["MEU-C-01"]
    assert plan_import(fresh_db, read_pack(write_json(tmp_path / "alone.json", linked))).unresolved == {}


def test_a_retirement_in_a_pack_is_named_not_taken_and_not_called_unchanged(fresh_db: LibraryStore, mini_pack: dict,
                                                                            tmp_path: Path) -> None:
    """Exploratory finding R1: a pack with a retired criterion reported it "ongewijzigd" and left it published."""
    mini_pack["criteria"][1].update(status="ingetrokken", version=4)
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "p.json", mini_pack)))
    assert "MEU-M-01" not in plan.unchanged and list(plan.not_retired) == ["MEU-M-01"]
    assert "1 ingetrokken in het pakket, hier niet overgenomen" in plan.summary()
    assert "! MEU-M-01 ingetrokken in het pakket, hier gepubliceerd: niet overgenomen" in plan.report()
    assert "retired in the pack, published here: not taken over" in plan.report("en")
    apply_import(fresh_db, plan, backup=False)
    assert fresh_db.criterion("MEU-M-01").status == Status.PUBLISHED


def test_one_new_criterion_for_review_is_counted_in_the_singular(fresh_db: LibraryStore, tmp_path: Path,
                                                                 mini_pack: dict) -> None:
    """D11: the import preview said '1 nieuwe criteria gaan ter review' / '1 new criteria go to review'."""
    base = mini_pack["criteria"][0]
    mini_pack["criteria"].append({**base, "id": "MEU-S-91", "title": "Nieuw criterium", "status": "gepubliceerd"})
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "one.json", mini_pack)))
    assert plan.submitted == ["MEU-S-91"]
    assert "; 1 nieuw criterium gaat ter review" in plan.summary()
    assert "; 1 new criterion goes to review" in plan.summary("en")
