"""Signed releases: keys, trust, publish, and every way a release can be refused with the library unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from criteria_library.errors import LibraryError
from criteria_library.infra.files import current_umask
from criteria_library.merge import apply_update, plan_update, provenance
from criteria_library.publishers import BUILTIN_NAME, load_private_key, trusted_publishers, untrust
from criteria_library.releases import read_release, starter_release
from criteria_library.starter import STARTER_DIR
from criteria_library.store import LibraryStore
from tests.helpers import db_fingerprint
from tests.release_helpers import make_key, release, serve, subscriber, trust_key


@pytest.fixture
def published(fresh_db: LibraryStore, tmp_path: Path) -> tuple[LibraryStore, Path, Path]:
    """The publisher's library, its key (trusted here) and a first release 1.0 in tmp/rel."""
    keyfile = make_key(tmp_path)
    trust_key(keyfile)
    return fresh_db, keyfile, release(fresh_db, keyfile, tmp_path / "rel", "1.0", notes="eerste release")


def test_keygen_writes_an_encrypted_key_and_a_public_one(tmp_path: Path) -> None:
    keyfile = make_key(tmp_path)
    assert b"ENCRYPTED PRIVATE KEY" in keyfile.read_bytes()
    assert keyfile.stat().st_mode & 0o077 == 0
    assert b"PUBLIC KEY" in (tmp_path / "uitgever.key.pub").read_bytes()
    # the public key is meant for others: it gets the user's umask (0644 under 022), not mkstemp's 0600
    assert (tmp_path / "uitgever.key.pub").stat().st_mode & 0o777 == 0o666 & ~current_umask()
    with pytest.raises(LibraryError, match="verkeerde wachtwoordzin"):
        load_private_key(keyfile, "iets anders dan het echte")
    with pytest.raises(LibraryError, match="bestaat al"):
        make_key(tmp_path)


def test_release_holds_only_published_criteria_with_hashes(fresh_db: LibraryStore, tmp_path: Path) -> None:
    copy = fresh_db.duplicate_criterion("MEU-S-01")  # a concept: never released
    keyfile = make_key(tmp_path)
    folder = release(fresh_db, keyfile, tmp_path / "rel", "2026.1", notes="voor iedereen")
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert index["format"] == "tender-assistant.release" and index["version"] == 1
    assert index["publisher"] == "MRA Regieteam" and index["release"] == "2026.1" and index["notes"] == "voor iedereen"
    assert len(index["fingerprint"]) == 64 and index["date"]
    assert [p["file"] for p in index["packs"]] == ["meubilair.json", "verkeersborden.json"]
    assert (folder / "index.json.sig").exists()
    ids = [c["id"] for p in index["packs"] for c in json.loads((folder / p["file"]).read_text())["criteria"]]
    assert copy.id not in ids and len(ids) == 8


def test_publish_one_package(fresh_db: LibraryStore, tmp_path: Path) -> None:
    folder = release(fresh_db, make_key(tmp_path), tmp_path / "rel", "1", packages=["verkeersborden"])
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert [p["package"] for p in index["packs"]] == ["verkeersborden"]


def test_update_from_a_folder_brings_criteria_with_provenance(published, tmp_path: Path) -> None:
    _, _, folder = published
    other = subscriber(tmp_path / "b.db")
    plan = plan_update(other, read_release(folder))
    assert len(plan.new) == 8 and not plan.conflicts
    result = apply_update(other, plan)
    assert result.backup is not None and result.backup.exists()
    assert other.count_criteria() == 8
    p = provenance(other, "MEU-M-01")
    assert p is not None and p.publisher == "MRA" and p.release_version == "1.0" and not p.changed_locally
    assert other.events()[0]["event"] == "release ontvangen"


def test_update_over_http_from_127_0_0_1(published, tmp_path: Path) -> None:
    _, _, folder = published
    other = subscriber(tmp_path / "b.db")
    with serve(folder) as url:
        rel = read_release(url)
        apply_update(other, plan_update(other, rel))
        (folder / "meubilair.json").write_bytes((folder / "meubilair.json").read_bytes().replace(b"a", b"e", 1))
        with pytest.raises(LibraryError, match="beschadigd of onderweg gewijzigd"):
            read_release(url)
    assert other.count_criteria() == 8


def _flip_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] = ord("x") if data[middle] != ord("x") else ord("y")
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


TAMPERING = {
    "unsigned": (lambda f: (f / "index.json.sig").unlink(), "niet ondertekend"),
    "pack byte": (lambda f: _flip_one_byte(f / "meubilair.json"), "beschadigd of onderweg gewijzigd"),
    "index byte": (lambda f: _flip_one_byte(f / "index.json"), "beschadigd of onderweg gewijzigd"),
    "signature byte": (lambda f: _flip_one_byte(f / "index.json.sig"), "beschadigd of onderweg gewijzigd"),
    "pack truncated": (lambda f: _truncate(f / "verkeersborden.json"), "beschadigd of onderweg gewijzigd"),
    "index truncated": (lambda f: _truncate(f / "index.json"), "beschadigd of onderweg gewijzigd"),
    "pack missing": (lambda f: (f / "meubilair.json").unlink(), "ontbreekt"),
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_tampered_release_is_refused_and_library_unchanged(published, tmp_path: Path, kind: str) -> None:
    _, _, folder = published
    other = subscriber(tmp_path / "b.db")
    before = db_fingerprint(other.path)
    damage, message = TAMPERING[kind]
    damage(folder)
    with pytest.raises(LibraryError, match=message):
        plan_update(other, read_release(folder))
    assert db_fingerprint(other.path) == before


def test_untrusted_publisher_is_refused(fresh_db: LibraryStore, tmp_path: Path) -> None:
    folder = release(fresh_db, make_key(tmp_path), tmp_path / "rel", "1.0")  # key never trusted
    with pytest.raises(LibraryError, match="wordt niet vertrouwd"):
        read_release(folder)
    keyfile = make_key(tmp_path, "tweede")
    trust_key(keyfile, "Tweede")
    untrust("Tweede")
    folder2 = release(fresh_db, keyfile, tmp_path / "rel2", "1.0")
    with pytest.raises(LibraryError, match="wordt niet vertrouwd"):
        read_release(folder2)


def test_older_or_equal_release_is_refused(published, tmp_path: Path) -> None:
    store, keyfile, _ = published
    other = subscriber(tmp_path / "b.db")
    newer = release(store, keyfile, tmp_path / "rel2", "1.10")
    apply_update(other, plan_update(other, read_release(newer)))
    before = db_fingerprint(other.path)
    for version in ("1.9", "1.10"):
        old = release(store, keyfile, tmp_path / f"old{version}", version)
        with pytest.raises(LibraryError, match="niet nieuwer"):
            plan_update(other, read_release(old))
    assert db_fingerprint(other.path) == before


def test_shipped_starter_signature_matches_the_starter_files() -> None:
    """If this fails, a starter file changed: run scripts/sign_starter and commit criteria_library/data/."""
    rel = starter_release(STARTER_DIR)
    assert rel.publisher.name == BUILTIN_NAME
    assert {p.slug for p in rel.pack.packages} == {p.stem for p in STARTER_DIR.glob("*.json")}


def test_fresh_install_shows_where_every_starter_criterion_came_from(library: LibraryStore) -> None:
    assert BUILTIN_NAME in [p.name for p in trusted_publishers()]
    for cid in library.criterion_ids():
        p = provenance(library, cid)
        assert p is not None and p.publisher == BUILTIN_NAME and not p.changed_locally



@pytest.mark.parametrize("text", ["02026.3", "2026.03", "1.2.3.4.5", "2026.3-beta", "", "2026..3"])
def test_a_version_outside_the_scheme_is_refused_saying_what_the_scheme_is(text: str) -> None:
    from criteria_library.releases import check_version_text

    with pytest.raises(LibraryError, match="zonder voorloopnullen"):
        check_version_text(text)


def test_versions_compare_part_by_part_as_numbers() -> None:
    from criteria_library.releases import version_key

    assert version_key("2026.10") > version_key("2026.9") and version_key("1.2") == version_key("1.2.0")


def test_without_a_version_the_folders_last_release_is_counted_on(fresh_db: LibraryStore, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from criteria_library.releases import next_version, read_release

    keyfile = make_key(tmp_path)
    trust_key(keyfile)
    year = datetime.now(UTC).year
    release(fresh_db, keyfile, tmp_path / "rel", None)
    assert read_release(tmp_path / "rel").version == f"{year}.1"
    release(fresh_db, keyfile, tmp_path / "rel", None)
    assert read_release(tmp_path / "rel").version == f"{year}.2"
    # a date-and-time version published before no longer shuts out every later one
    assert next_version("2026.1205.234345") == "2026.1205.234346"
    assert next_version("2026.1201.032318") == "2026.1201.32319"  # a legacy date version, read as numbers
    assert next_version("2025.7", datetime(2026, 1, 2, tzinfo=UTC)) == "2026.1"


def test_a_release_not_newer_than_the_folders_last_one_is_refused(fresh_db: LibraryStore, tmp_path: Path) -> None:
    keyfile = make_key(tmp_path)
    release(fresh_db, keyfile, tmp_path / "rel", "2026.1205.234345")
    before = (tmp_path / "rel" / "index.json").read_bytes()
    with pytest.raises(LibraryError, match="al release 2026.1205.234345; een nieuwe release moet nieuwer zijn"):
        release(fresh_db, keyfile, tmp_path / "rel", "2026.3")
    assert (tmp_path / "rel" / "index.json").read_bytes() == before


def test_a_publisher_trusted_for_one_package_cannot_change_another(fresh_db: LibraryStore, tmp_path: Path) -> None:
    """Trust was all or nothing: a neighbouring municipality trusted for its own package rewrote an MRA criterion."""
    from criteria_library.publishers import trust

    keyfile = make_key(tmp_path, "buurgemeente")
    trust(keyfile.with_name(keyfile.name + ".pub"), "Buurgemeente", packages=["verkeersborden"])
    everything = release(fresh_db, keyfile, tmp_path / "alles", "1.0")
    with pytest.raises(LibraryError, match=r"valt buiten.*pakket meubilair.*toegestaan: pakketten verkeersborden"):
        read_release(everything)
    own = read_release(release(fresh_db, keyfile, tmp_path / "eigen", "1.0", packages=["verkeersborden"]))
    other = subscriber(tmp_path / "b.db")
    apply_update(other, plan_update(other, own))
    assert other.count_criteria() == 4


def test_a_publisher_trusted_for_a_code_prefix_brings_only_those_criteria(fresh_db: LibraryStore,
                                                                          tmp_path: Path) -> None:
    from criteria_library.publishers import trust

    keyfile = make_key(tmp_path, "buurgemeente")
    trust(keyfile.with_name(keyfile.name + ".pub"), "Buurgemeente", prefixes=["vkb-"])
    assert [p.prefixes for p in trusted_publishers() if p.name == "Buurgemeente"] == [("VKB-",)]
    with pytest.raises(LibraryError, match="criterium MEU-"):
        read_release(release(fresh_db, keyfile, tmp_path / "alles", "1.0"))
    assert read_release(release(fresh_db, keyfile, tmp_path / "vkb", "1.0", packages=["verkeersborden"]))


def test_trust_refuses_a_name_with_a_line_separator(tmp_path: Path) -> None:
    from criteria_library.publishers import trust

    keyfile = make_key(tmp_path)
    for name in ("MRA\u2028vertrouwd: Iedereen", "MRA\u202eteeR", "MRA\x1b[2J"):
        with pytest.raises(LibraryError, match="zonder stuurtekens"):
            trust(keyfile.with_name(keyfile.name + ".pub"), name)
    assert [p.name for p in trusted_publishers()] == [BUILTIN_NAME]


def test_a_signed_index_naming_a_300_character_file_is_refused_clearly(fresh_db: LibraryStore, tmp_path: Path) -> None:
    """The name passed the pattern and Path.exists() raised 'File name too long': 'onverwacht' before."""
    import base64

    keyfile = make_key(tmp_path)
    trust_key(keyfile)
    folder = release(fresh_db, keyfile, tmp_path / "rel", "1.0")
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    index["packs"][0]["file"] = "a" * 300 + ".json"
    index_bytes = (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    (folder / "index.json").write_bytes(index_bytes)
    key = load_private_key(keyfile, "een lange wachtwoordzin")
    (folder / "index.json.sig").write_bytes(base64.b64encode(key.sign(index_bytes)) + b"\n")
    with pytest.raises(LibraryError, match="ongeldige bestandsnaam"):
        read_release(folder)


def test_a_retired_criterion_is_named_in_the_signed_index(fresh_db: LibraryStore, tmp_path: Path) -> None:
    """Exploratory finding R1: publish left retired criteria out, so a retirement never reached anyone."""
    from criteria_library.models import Status

    fresh_db.set_status("VKB-M-01", Status.RETIRED)
    keyfile = make_key(tmp_path)
    trust_key(keyfile)
    folder = release(fresh_db, keyfile, tmp_path / "rel", "1.0")
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    entry = next(p for p in index["packs"] if p["package"] == "verkeersborden")
    assert entry["retired"] == ["VKB-M-01"]
    ids = [c["id"] for c in json.loads((folder / entry["file"]).read_text())["criteria"]]
    assert "VKB-M-01" not in ids  # the pack files still hold only published criteria (older readers refuse others)
    assert read_release(folder).retired == {"VKB-M-01": "verkeersborden"}


def test_only_the_packages_released_carry_their_retirements(fresh_db: LibraryStore, tmp_path: Path) -> None:
    from criteria_library.models import Status

    fresh_db.set_status("VKB-M-01", Status.RETIRED)
    folder = release(fresh_db, make_key(tmp_path), tmp_path / "rel", "1.0", packages=["meubilair"])
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert [p.get("retired", []) for p in index["packs"]] == [[]]


def test_a_criterion_moved_into_an_entrusted_package_is_still_outside_the_scope(fresh_db: LibraryStore,
                                                                                mini_pack_path: Path,
                                                                                tmp_path: Path) -> None:
    """A publisher trusted for verkeersborden 'moved' an MRA meubilair criterion into verkeersborden and sent it."""
    from dataclasses import replace

    from criteria_library.pack_import import apply_import, plan_import
    from criteria_library.pack_reading import read_pack
    from criteria_library.publishers import trust
    from tests.helpers import publish_edit

    neighbour = LibraryStore.open(tmp_path / "buur.db")
    apply_import(neighbour, plan_import(neighbour, read_pack(mini_pack_path), trusted=True), backup=False)
    moved = neighbour.criteria(package="meubilair")[0]
    publish_edit(neighbour, replace(moved, package="verkeersborden", title="Nu van ons"))
    keyfile = make_key(tmp_path, "buurgemeente")
    trust(keyfile.with_name(keyfile.name + ".pub"), "Buurgemeente", packages=["verkeersborden"])
    sent = read_release(release(neighbour, keyfile, tmp_path / "rel", "1.0", packages=["verkeersborden"]))
    before = fresh_db.criterion(moved.id)
    with pytest.raises(LibraryError, match=rf"valt buiten.*criterium {moved.id}"):
        plan_update(fresh_db, sent)
    assert fresh_db.criterion(moved.id) == before and before.package == "meubilair"
    neighbour.close()


def test_without_a_version_a_release_into_a_new_folder_follows_the_last_one_this_key_signed(
        fresh_db: LibraryStore, tmp_path: Path) -> None:
    """Each release into a new folder was '2026.1', so subscribers refused the second one for good."""
    from datetime import UTC, datetime

    from criteria_library.publish import publish
    from tests.release_helpers import PASSPHRASE

    keyfile = make_key(tmp_path)
    trust_key(keyfile)
    key = load_private_key(keyfile, PASSPHRASE)
    year = datetime.now(UTC).year
    first = publish(fresh_db, tmp_path / "december", key, publisher="MRA", key_file=keyfile)
    second = publish(fresh_db, tmp_path / "januari", key, publisher="MRA", key_file=keyfile)
    assert (first.version, second.version) == (f"{year}.1", f"{year}.2")
    other = subscriber(tmp_path / "b.db")
    apply_update(other, plan_update(other, read_release(tmp_path / "december")))
    plan_update(other, read_release(tmp_path / "januari"))  # newer: taken, not "niet nieuwer"
    assert oct(Path(f"{keyfile}.laatste-release").stat().st_mode & 0o777) == "0o600"
