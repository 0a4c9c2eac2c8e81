"""Schema steps, applied in order through sqlite-utils Migrations. Never edit a step once it has shipped."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .errors import LibraryError, ReadOnlyError
from .infra.sqlite_file import DatabaseKind, stored_version  # noqa: F401 - the schema version, read here too

# Bumped with every new step; stored in PRAGMA user_version so an older program can see a newer database.
SCHEMA_VERSION = 8
FTS_COLUMNS = ["title", "rationale", "clause", "verification", "package_terms"]
# Case- and accent-insensitive tokens; hyphens and apostrophes split words.
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

migrations = Migrations("tender_assistant.library")


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    """Packages, criteria with full-text index, and version history."""
    db["packages"].create(
        {
            "slug": str,
            "name_nl": str,
            "name_en": str,
            "prefix": str,
            "cpv": str,
            "synonyms": str,
            "description": str,
        },
        pk="slug",
    )
    db["criteria"].create(
        {
            "id": str,
            "package": str,
            "kind": str,
            "level": int,
            "r_strategy": str,
            "title": str,
            "rationale": str,
            "clause": str,
            "verification": str,
            "source": str,
            "status": str,
            "version": int,
            "placeholders": str,
            "weight_min": int,
            "weight_max": int,
            "scoring": str,
            "created_at": str,
            "updated_at": str,
            "updated_by": str,
            "package_terms": str,
        },
        pk="id",
        foreign_keys=[("package", "packages", "slug")],
        not_null={"package", "kind", "level", "title", "clause", "status", "version"},
    )
    db["criteria"].create_index(["package", "kind"])
    db["criteria"].create_index(["status"])
    create_fts(db)
    db["criterion_versions"].create(
        {
            "criterion_id": str,
            "version": int,
            "data": str,
            "changed_at": str,
            "changed_by": str,
            "changed_fields": str,
            "note": str,
        },
        pk=("criterion_id", "version"),
    )
    db["settings"].create({"key": str, "value": str}, pk="key")


def create_fts(db: Database) -> None:
    """The external-content FTS5 index over criteria, with triggers that keep it in step.

    Written out instead of Table.enable_fts() because search-as-you-type needs prefix indexes (prefix='1 2 3'):
    without them a one-letter prefix query scans every term and misses the 16 ms frame budget at 20k criteria.
    """
    cols = ", ".join(FTS_COLUMNS)
    new_cols = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old_cols = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    # one statement at a time: executescript() would COMMIT the migration's transaction first
    statements = [
        f"CREATE VIRTUAL TABLE criteria_fts USING fts5({cols}, content='criteria', "
        f"tokenize='{FTS_TOKENIZE}', prefix='1 2 3')",
        f"CREATE TRIGGER criteria_ai AFTER INSERT ON criteria BEGIN "
        f"INSERT INTO criteria_fts (rowid, {cols}) VALUES (new.rowid, {new_cols}); END",
        f"CREATE TRIGGER criteria_ad AFTER DELETE ON criteria BEGIN "
        f"INSERT INTO criteria_fts (criteria_fts, rowid, {cols}) VALUES ('delete', old.rowid, {old_cols}); END",
        f"CREATE TRIGGER criteria_au AFTER UPDATE ON criteria BEGIN "
        f"INSERT INTO criteria_fts (criteria_fts, rowid, {cols}) VALUES ('delete', old.rowid, {old_cols}); "
        f"INSERT INTO criteria_fts (rowid, {cols}) VALUES (new.rowid, {new_cols}); END",
    ]
    for statement in statements:
        db.execute(statement)


# The tender order of kinds, as an SQL expression; an index on it lets lists come out sorted without a sort step.
KIND_RANK_SQL = ("CASE kind WHEN 'geschiktheidseis' THEN 0 WHEN 'minimumeis' THEN 1 "
                 "WHEN 'gunningscriterium' THEN 2 WHEN 'contractbepaling' THEN 3 END")


@migrations(name="0002_list_indexes")
def m0002_list_indexes(db: Database) -> None:
    """One index that serves both the id list and the package counts the main window asks for at start."""
    # status last, so filtering out retired criteria reads the index alone
    db.execute(f"CREATE INDEX idx_criteria_list ON criteria (package, {KIND_RANK_SQL}, id, status)")


@migrations(name="0003_structured_scoring")
def m0003_structured_scoring(db: Database) -> None:
    """Structured award scoring: the old text moves to scoring_text, scoring holds JSON; marktstandaard flag.

    History rows get the same move, so an earlier version reads back the way it was.
    """
    db.execute("ALTER TABLE criteria ADD COLUMN scoring_text TEXT")
    db.execute("ALTER TABLE criteria ADD COLUMN marktstandaard INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE criteria SET scoring_text = coalesce(scoring, ''), scoring = NULL")
    db.execute("UPDATE criterion_versions SET data = json_set(data, '$.scoring_text', "
               "coalesce(json_extract(data, '$.scoring'), ''), '$.scoring', json('null'), '$.marktstandaard', 0) "
               "WHERE json_valid(data) AND json_type(data, '$.scoring_text') IS NULL")


@migrations(name="0004_workflow_and_releases")
def m0004_workflow_and_releases(db: Database) -> None:
    """Pending concept versions of published criteria, a library event log, and release provenance."""
    # a published criterion that is being edited keeps its row in `criteria` (what buyers see); the new concept
    # version waits here until a second person approves it
    db["criterion_drafts"].create(
        {"criterion_id": str, "data": str, "status": str, "updated_at": str, "updated_by": str,
         "submitted_by": str},
        pk="criterion_id",
    )
    # library-wide events that belong to no single criterion (four-eyes switched off, releases received)
    db["library_events"].create({"id": int, "at": str, "by": str, "event": str, "detail": str}, pk="id")
    # per criterion: who published it, in which release, its content as last received (the merge base) and an
    # incoming version that conflicted with local changes
    db["criterion_origin"].create(
        {"criterion_id": str, "publisher": str, "fingerprint": str, "release_version": str, "base": str,
         "incoming": str, "incoming_version": str},
        pk="criterion_id",
    )
    # the newest release received per publisher: an older one is refused
    db["releases_received"].create(
        {"fingerprint": str, "publisher": str, "version": str, "index_sha256": str, "received_at": str},
        pk="fingerprint",
    )


@migrations(name="0005_package_origin")
def m0005_package_origin(db: Database) -> None:
    """Per package received in a release: its fields as last received (the merge base for local edits of names,
    synonyms and CPV codes) and an incoming version that conflicted with a local edit."""
    db["package_origin"].create(
        {"slug": str, "fingerprint": str, "release_version": str, "base": str, "incoming": str},
        pk="slug",
    )


@migrations(name="0006_criterion_links")
def m0006_criterion_links(db: Database) -> None:
    """`requires`: the ids of companion criteria a tender needs with a criterion, as a JSON list.

    A scoring's floor_from lives inside the scoring JSON and needs no column. Stored history rows, drafts and
    merge bases keep their form: reading them treats a missing list as empty.
    """
    db.execute("ALTER TABLE criteria ADD COLUMN requires TEXT NOT NULL DEFAULT '[]'")


@migrations(name="0007_source_type")
def m0007_source_type(db: Database) -> None:
    """criteria.source_type holds a JSON list (eu-gpp, nationaal, wet, norm, overig); existing criteria start with
    none."""
    db.execute("ALTER TABLE criteria ADD COLUMN source_type TEXT NOT NULL DEFAULT '[]'")
    # a release's merge base and conflicting incoming version compare with the working copy field by field: give them
    # the same empty list, or the first release after this step would see every criterion as changed here
    for column in ("base", "incoming"):
        db.execute(f"UPDATE criterion_origin SET {column} = json_set({column}, '$.source_type', '[]') "
                   f"WHERE {column} IS NOT NULL AND json_valid({column}) "
                   f"AND json_type({column}, '$.source_type') IS NULL")


@migrations(name="0008_identity")
def m0008_identity(db: Database) -> None:
    """Who did what by account, not only by typed name: the account beside every history row, pending version and
    library event, and per version its author, submitter and approver (JSON: role -> [name, account]); and who sent
    a conflicting incoming version (it may be another publisher than the one of the base)."""
    for table, column in (("criterion_versions", "account"), ("criterion_versions", "roles"),
                          ("criterion_drafts", "updated_account"), ("criterion_drafts", "submitted_account"),
                          ("library_events", "account"), ("criterion_origin", "incoming_publisher"),
                          ("criterion_origin", "incoming_fingerprint")):
        if column not in db[table].columns_dict:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


# What makes an SQLite file a library of ours, for the SQLite file layer (opening, restoring, sorting errors).
LIBRARY = DatabaseKind(
    migrations=migrations, schema_version=SCHEMA_VERSION, tables=("criteria", "packages"), noun="bibliotheek",
    noun_en="library", article="de", error=LibraryError, read_only_error=ReadOnlyError, newer_opens_read_only=True,
    busy_opens_read_only=True, restore_command="library restore",
)
