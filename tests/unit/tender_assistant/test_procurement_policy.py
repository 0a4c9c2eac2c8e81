"""The organisation's own inkoopbeleid: stored in its library, used by the procedure advice, refused when wrong."""

from __future__ import annotations

from datetime import date

import pytest

from criteria_library.infra.errors import UserError
from tender_assistant.checks import check_tender
from tender_assistant.procurement_policy import clear_policy, current_policy, load_policy, save_policy
from tender_assistant.tender import Tender

TODAY = date(2026, 6, 1)


def supplies_tender(value: int, procedure: str) -> Tender:
    return Tender(title="Kantoorartikelen", organisation="Gemeente Purmerend", package="meubilair",
                  cpv=["30192000-1"], procedure=procedure, estimated_value_eur=value, contract_term_months=24)


def national(findings) -> list[str]:
    return [f.message for f in findings if f.code == "procedure-national"]


def test_the_stated_default_applies_until_the_organisation_sets_its_own(fresh_db):
    assert load_policy(fresh_db) is None
    assert current_policy(fresh_db).enkelvoudig_max == 50_000
    # 45,000 is fine under the default (50,000) for a single private procedure
    assert not national(check_tender(supplies_tender(45_000, "enkelvoudig-onderhands"), fresh_db, TODAY))


def test_the_own_policy_changes_the_advice_and_names_its_source(fresh_db):
    save_policy(fresh_db, 40_000, 150_000, "Inkoopbeleid 2025, art. 4")
    messages = national(check_tender(supplies_tender(45_000, "enkelvoudig-onderhands"), fresh_db, TODAY))
    assert len(messages) == 1 and "€ 40.000" in messages[0] and "Inkoopbeleid 2025, art. 4" in messages[0]
    above = national(check_tender(supplies_tender(160_000, "meervoudig-onderhands"), fresh_db, TODAY))
    assert len(above) == 1 and "nationale aanbestedingsprocedure" in above[0]
    assert any("inkoopbeleid ingesteld" in e["event"] for e in fresh_db.events())
    clear_policy(fresh_db)
    assert current_policy(fresh_db).enkelvoudig_max == 50_000


@pytest.mark.parametrize("enkelvoudig, meervoudig", [(0, None), (-5, 100_000), (200_000, 100_000),
                                                     (10**12, None)])
def test_impossible_values_are_refused_and_the_stored_policy_kept(fresh_db, enkelvoudig, meervoudig):
    save_policy(fresh_db, 30_000, 100_000, "eigen beleid")
    with pytest.raises(UserError, match="inkoopbeleid"):
        save_policy(fresh_db, enkelvoudig, meervoudig, "fout")
    assert current_policy(fresh_db).enkelvoudig_max == 30_000


def test_a_damaged_setting_falls_back_to_the_default(fresh_db):
    fresh_db.set_setting("inkoopbeleid", "{niet: json", "test")
    assert current_policy(fresh_db).enkelvoudig_max == 50_000


def test_cli_shows_and_sets_the_policy(tmp_path, fresh_db, capsys):
    import main

    db = str(fresh_db.path)
    fresh_db.close()
    assert main.main(["--db", db, "tender", "inkoopbeleid", "--enkelvoudig", "40000", "--meervoudig", "150000",
                      "--bron", "Inkoopbeleid 2025"]) == 0
    out = capsys.readouterr().out
    assert "EUR 40.000" in out and "EUR 150.000" in out and "Inkoopbeleid 2025" in out
    assert main.main(["--db", db, "tender", "inkoopbeleid", "--enkelvoudig", "200000", "--meervoudig", "1"]) == 2
    assert "fout: het inkoopbeleid" in capsys.readouterr().err
