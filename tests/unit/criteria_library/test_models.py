"""The shared model shape: structured scoring, scoring_text, placeholder details, 'ondersteunend', marktstandaard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from criteria_library import migrations
from criteria_library.errors import PackError
from criteria_library.integrity import check_library
from criteria_library.models import (
    DiscountScoring,
    PlaceholderMeta,
    PointsScoring,
    RelativeScoring,
    ScoreLevel,
    ScoringType,
)
from criteria_library.pack_export import export_pack
from criteria_library.pack_import import apply_import, plan_import
from criteria_library.pack_reading import read_pack
from criteria_library.store import LibraryStore
from tests.helpers import approve_pending


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def v2_pack(mini_pack: dict) -> dict:
    """The mini pack as version 2: one criterion of each scoring type, details on a placeholder."""
    pack = json.loads(json.dumps(mini_pack))
    pack["version"] = 2
    by_id = {c["id"]: c for c in pack["criteria"]}
    by_id["MEU-G-01"].update(scoring={"type": "relatief", "direction": "hoger", "floor": 20},
                             scoring_text="Naar rato van het hoogste aandeel.", r_strategy="ondersteunend")
    by_id["VKB-G-01"].update(scoring={"type": "punten", "scale_max": 10, "levels": [
        {"points": 10, "description": "Uitstekend"}, {"points": 5, "description": "Voldoende"},
        {"points": 0, "description": "Onvoldoende"}]}, scoring_text="Commissie geeft 0-10 punten.")
    korting = dict(by_id["VKB-G-01"], id="VKB-G-02", title="Extra garantie", weight_min=None, weight_max=None,
                   clause="Elk jaar garantie boven {{garantie_jaren}} jaar geeft korting.",
                   placeholders={"garantie_jaren": {"default": "3", "label": "Garantietermijn", "unit": "jaar",
                                                    "min": 1, "max": 10}},
                   scoring={"type": "fictieve_korting", "per_unit_pct": 2, "cap_pct": 10, "unit": "jaar"},
                   scoring_text="2 % korting per extra jaar, hoogstens 10 %.", marktstandaard=True)
    pack["criteria"].append(korting)
    return pack


def test_v2_pack_imports_every_new_field_and_round_trips(fresh_db: LibraryStore, mini_pack: dict,
                                                          tmp_path: Path) -> None:
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "v2.json", v2_pack(mini_pack))))
    apply_import(fresh_db, plan, backup=False)
    approve_pending(fresh_db, *plan.proposed)  # changes to published criteria went to review
    relative = fresh_db.criterion("MEU-G-01")
    assert relative.scoring == RelativeScoring(direction="hoger", floor=20)
    assert relative.scoring_text == "Naar rato van het hoogste aandeel." and relative.r_strategy == "ondersteunend"
    points = fresh_db.criterion("VKB-G-01")
    assert isinstance(points.scoring, PointsScoring) and points.scoring.levels[1] == ScoreLevel(5, "Voldoende")
    korting = fresh_db.criterion("VKB-G-02")
    assert korting.scoring == DiscountScoring(per_unit_pct=2, cap_pct=10, unit="jaar")
    assert korting.scoring_type == ScoringType.DISCOUNT and not korting.carries_weight and korting.marktstandaard
    assert korting.placeholders == {"garantie_jaren": "3"}
    assert korting.placeholder_meta == {"garantie_jaren": PlaceholderMeta("Garantietermijn", "jaar", 1, 10)}

    for name in ("out.json", "out.xlsx"):
        export_pack(fresh_db, tmp_path / name)
        again = plan_import(fresh_db, read_pack(tmp_path / name))
        assert not again.has_changes, (name, again.report())
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    exported = {c["id"]: c for c in data["criteria"]}
    assert data["version"] == 2
    assert exported["VKB-G-02"]["placeholders"]["garantie_jaren"] == {
        "default": "3", "label": "Garantietermijn", "unit": "jaar", "min": 1, "max": 10}
    assert exported["VKB-G-02"]["scoring"] == {"type": "fictieve_korting", "per_unit_pct": 2, "cap_pct": 10,
                                               "unit": "jaar"}
    assert exported["MEU-C-01"]["scoring"] is None and exported["MEU-C-01"]["marktstandaard"] is False


def test_v1_text_scoring_becomes_scoring_text_with_a_check_warning(fresh_db: LibraryStore) -> None:
    c = fresh_db.criterion("MEU-G-01")
    assert c.scoring is None and c.scoring_text.startswith("punten = 10 x aangeboden aandeel")
    report = check_library(fresh_db)
    assert report.ok
    assert any(w.line().startswith("MEU-G-01.scoring") and "zonder beoordelingstype" in w.line() for w in report.warnings)


def test_editing_keeps_history_readable_across_the_new_fields(fresh_db: LibraryStore) -> None:
    from dataclasses import replace

    from tests.helpers import publish_edit

    c = fresh_db.criterion("MEU-G-01")
    # the pending concept version keeps the structured scoring too
    assert fresh_db.save_criterion(replace(c, scoring=RelativeScoring("lager", 90))).scoring == RelativeScoring(
        "lager", 90)
    assert fresh_db.draft("MEU-G-01").scoring == RelativeScoring("lager", 90)
    publish_edit(fresh_db, replace(c, scoring=RelativeScoring("lager", 90)))
    history = fresh_db.history("MEU-G-01")
    assert history[0].criterion.scoring == RelativeScoring("lager", 90)
    assert history[1].criterion.scoring is None and history[1].criterion.scoring_text == c.scoring_text
    assert history[0].changed_fields == ["scoring"]


@pytest.mark.parametrize(("change", "place", "message"), [
    ({"scoring": {"type": "loterij"}}, "criterium 3 (MEU-G-01), veld 'Beoordelingswijze' (soort beoordeling)", "onbekend beoordelingstype"),
    ({"scoring": {"type": "punten", "scale_max": 10, "levels": [{"points": 12}]}},
     "criterium 3 (MEU-G-01), veld 'Beoordelingswijze' (niveau 1, punten)", "niet tussen 0 en 10"),
    ({"scoring": {"type": "relatief", "direction": "omhoog"}}, "criterium 3 (MEU-G-01), veld 'Beoordelingswijze' (richting)", "'hoger' of 'lager'"),
    ({"scoring": {"type": "fictieve_korting", "per_unit_pct": 2, "cap_pct": 10}}, "criterium 3 (MEU-G-01), veld 'Minimumgewicht'",
     "geen gewicht"),
    ({"scoring": {"type": "fictieve_korting", "cap_pct": 10}, "weight_min": None, "weight_max": None},
     "criterium 3 (MEU-G-01), veld 'Beoordelingswijze' (korting per eenheid)", "verplicht getal ontbreekt"),
    ({"placeholders": {"x": {"default": "3", "min": 5, "max": 1}}, "clause": "Tekst {{x}} tekst."},
     "criterium 3 (MEU-G-01), veld 'Invulvelden' (invulveld 'x', minimum)", "minimum is groter dan maximum"),
    ({"placeholders": {"x": {"default": "30", "max": 10}}, "clause": "Tekst {{x}} tekst."},
     "criterium 3 (MEU-G-01), veld 'Invulvelden' (invulveld 'x', standaardwaarde)", "groter dan het maximum"),
    ({"placeholders": {"x": {"default": "3", "lable": "X"}}, "clause": "Tekst {{x}} tekst."},
     "criterium 3 (MEU-G-01), veld 'Invulvelden' (invulveld 'x', lable)", "onbekend veld"),
    ({"r_strategy": "R10"}, "criterium 3 (MEU-G-01), veld 'R-strategie'", "of ondersteunend"),
    ({"marktstandaard": "ja"}, "criterium 3 (MEU-G-01), veld 'Marktstandaard'", "true of false"),
])
def test_bad_new_fields_are_refused_with_their_place(mini_pack: dict, tmp_path: Path, change: dict, place: str,
                                                     message: str) -> None:
    pack = v2_pack(mini_pack)
    assert pack["criteria"][2]["id"] == "MEU-G-01"
    pack["criteria"][2].update(change)
    with pytest.raises(PackError) as err:
        read_pack(write_json(tmp_path / "bad.json", pack))
    assert any(p.where.endswith(place) and message in p.nl for p in err.value.problems), err.value.problems


def test_scoring_on_a_requirement_is_refused(mini_pack: dict, tmp_path: Path) -> None:
    pack = v2_pack(mini_pack)
    pack["criteria"][1]["scoring"] = {"type": "relatief", "direction": "hoger", "floor": 0}
    with pytest.raises(PackError, match="alleen gunningscriteria"):
        read_pack(write_json(tmp_path / "bad.json", pack))


def test_xlsx_cell_with_broken_json_names_row_and_field(fresh_db: LibraryStore, tmp_path: Path) -> None:
    out = tmp_path / "lib.xlsx"
    export_pack(fresh_db, out)
    wb = load_workbook(out)
    sheet = wb["Criteria"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("Beoordelingswijze") + 1, value='{"type": "punten", ')
    wb.save(out)
    with pytest.raises(PackError) as err:
        read_pack(out)
    assert any("blad Criteria, rij 3, kolom 'Beoordelingswijze'" in p.where and "ongeldige JSON" in p.nl
               for p in err.value.problems)


def test_database_of_schema_2_moves_text_scoring_to_scoring_text(tmp_path: Path) -> None:
    from sqlite_utils import Database

    path = tmp_path / "v2.db"
    db = Database(path)
    migrations.migrations.apply(db, stop_before="0003_structured_scoring")
    db["packages"].insert({"slug": "meubilair", "name_nl": "Meubilair", "name_en": "Furniture", "prefix": "MEU",
                           "cpv": "[]", "synonyms": "[]", "description": ""})
    row = {"id": "MEU-G-01", "package": "meubilair", "kind": "gunningscriterium", "level": 1, "r_strategy": "R3",
           "title": "Hergebruik", "rationale": "Reden.", "clause": "Tekst.", "verification": "Bewijs.",
           "source": "Bron", "status": "gepubliceerd", "version": 1, "placeholders": "{}", "weight_min": 5,
           "weight_max": 10, "scoring": "Commissie 0-10", "created_at": "", "updated_at": "", "updated_by": "",
           "package_terms": ""}
    db["criteria"].insert(row)
    db["criterion_versions"].insert({"criterion_id": "MEU-G-01", "version": 1, "data": json.dumps(row),
                                     "changed_at": "", "changed_by": "", "changed_fields": "[]", "note": ""})
    db.execute("PRAGMA user_version = 2")
    db.conn.close()
    store = LibraryStore.open(path)
    assert migrations.stored_version(store.db) == migrations.SCHEMA_VERSION
    c = store.criterion("MEU-G-01")
    assert (c.scoring, c.scoring_text, c.marktstandaard) == (None, "Commissie 0-10", False)
    assert store.history("MEU-G-01")[-1].criterion.scoring_text == "Commissie 0-10"
    store.close()


MKI_SCORING = {"type": "fictieve_korting", "per_unit_eur": 2, "unit": "euro MKI", "cap_eur": 240000,
               "reference": 400000, "values_from": {"per_unit_eur": "waarderingsfactor", "cap_eur": "max_korting",
                                                    "reference": "mki_plafond"},
               "example_low": 300000, "example_high": 380000}


def mki_pack(mini_pack: dict, scoring: dict | None = None) -> dict:
    """The version-2 pack with an MKI valued in euros: factor, cap and plafond are the buyer's placeholders."""
    pack = v2_pack(mini_pack)
    korting = next(c for c in pack["criteria"] if c["id"] == "VKB-G-02")
    pack["criteria"].append(dict(
        korting, id="VKB-G-03", title="MKI in euro",
        clause="MKI-plafond {{mki_plafond}} euro; {{waarderingsfactor}} euro per euro MKI, hoogstens {{max_korting}} euro.",
        placeholders={"mki_plafond": "400000", "max_korting": "240000",
                      "waarderingsfactor": {"default": "2", "unit": "euro per euro MKI", "min": 1, "max": 5}},
        scoring=scoring or MKI_SCORING))
    return pack


def test_an_mki_korting_in_euros_round_trips_through_json_and_xlsx(fresh_db: LibraryStore, mini_pack: dict,
                                                                   tmp_path: Path) -> None:
    plan = plan_import(fresh_db, read_pack(write_json(tmp_path / "mki.json", mki_pack(mini_pack))))
    apply_import(fresh_db, plan, backup=False)
    approve_pending(fresh_db, *plan.proposed)
    stored = fresh_db.criterion("VKB-G-03").scoring
    assert stored == DiscountScoring(per_unit_eur=2, cap_eur=240_000, reference=400_000, unit="euro MKI",
                                     example_low=300_000, example_high=380_000, values_from=(
                                         ("per_unit_eur", "waarderingsfactor"), ("cap_eur", "max_korting"),
                                         ("reference", "mki_plafond")))
    assert stored.discount_eur(300_000) == 200_000 and stored.discount_pct(300_000) == 0
    for name in ("out.json", "out.xlsx"):
        export_pack(fresh_db, tmp_path / name)
        again = plan_import(fresh_db, read_pack(tmp_path / name))
        assert not again.has_changes, (name, again.report())
    exported = {c["id"]: c for c in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["criteria"]}
    assert exported["VKB-G-03"]["scoring"] == MKI_SCORING  # no percentages written next to the euro form


@pytest.mark.parametrize(("change", "part", "message"), [
    ({"per_unit_eur": -2}, "waarderingsfactor (euro per eenheid)", "moet groter dan 0 zijn"),
    ({"cap_eur": -1}, "maximale korting in euro", "moet groter dan 0 zijn"),
    ({"cap_eur": None}, "maximale korting in euro", "verplicht getal ontbreekt"),
    ({"per_unit_pct": 2}, "korting per eenheid", "geen percentage"),
    ({"reference": 350000}, "hoog voorbeeldaanbod", "boven het plafond"),
    ({"values_from": {"reference": "plafond_elders"}}, "waarden uit invulvelden, plafond (referentiewaarde)",
     "komt niet voor in de voorbeeldtekst"),
    ({"values_from": {"cap_eur": "mki_plafond"}}, "waarden uit invulvelden, maximale korting in euro", "is niet 240.000"),
])
def test_a_bad_mki_korting_is_refused_with_its_place(mini_pack: dict, tmp_path: Path, change: dict, part: str,
                                                     message: str) -> None:
    scoring = {k: v for k, v in {**MKI_SCORING, **change}.items() if v is not None}
    if "reference" in change:  # its own placeholder follows, so only the example is wrong
        scoring["values_from"] = {"per_unit_eur": "waarderingsfactor"}
    with pytest.raises(PackError) as err:
        read_pack(write_json(tmp_path / "bad.json", mki_pack(mini_pack, scoring)))
    place = f"criterium 10 (VKB-G-03), veld 'Beoordelingswijze' ({part})"
    assert any(p.where.endswith(place) and message in p.nl for p in err.value.problems), err.value.problems


@pytest.mark.parametrize(("code", "lang", "label"), [
    ("R3", "nl", "R3 Hergebruiken"), ("R8", "en", "R8 Recycle"),
    ("ondersteunend", "nl", "Ondersteunend"), ("ondersteunend", "en", "Supporting"), ("", "nl", "")])
def test_an_r_strategy_reads_once_for_people(code: str, lang: str, label: str) -> None:
    """A supporting criterion read 'ondersteunend Ondersteunend' in the verantwoording, the details and the table."""
    from criteria_library.models import r_strategy_label

    assert r_strategy_label(code, lang) == label
