"""The search index behind the publications search (type-ahead and Ctrl+K): fast Chinese
substring search at 100,000 publications.

SQLite: an FTS5 table with the trigram tokenizer (`publication_search`: title, subtitle,
series, people, GPN, ISBN; rowid = publication id), kept in step with the publications and
contributors by triggers — so every writer (the ORM, the recycle bin's restore, an import) keeps
it right without knowing it exists. A word of three or more characters is a MATCH on it; a
shorter word is a LIKE over its narrow columns (still a scan, but of a table a fraction of the
publications table's width). PostgreSQL: `pg_trgm` GIN indexes on the same columns, which the
planner uses for the very LIKE the search already runs.

When the index cannot be made (a SQLite built without FTS5; a PostgreSQL where the extension
may not be created) the search stays the plain LIKE scan: slower, same results."""

from __future__ import annotations

from sqlalchemy import Connection, text

FTS_TABLE = "publication_search"
TRIGRAM_INDEXES = {
    "ix_publications_title_trgm": ("publications", "title"),
    "ix_publications_subtitle_trgm": ("publications", "subtitle"),
    "ix_publications_series_trgm": ("publications", "series"),
    "ix_publications_gpn_trgm": ("publications", "gpn"),
    "ix_publications_isbn_trgm": ("publications", "isbn"),
    "ix_contributors_name_trgm": ("contributors", "name"),
}
TRGM_SCHEMA = "pubdesk_search"
"""Where pg_trgm lives on PostgreSQL (not `public`, which a restore replaces)."""
FTS_COLUMNS = ("title", "subtitle", "series", "people", "gpn", "isbn")

_PEOPLE = ("(SELECT group_concat(name, char(10)) FROM contributors "
           "WHERE contributors.publication_id = {id})")
_ROW = ("INSERT INTO publication_search(rowid, title, subtitle, series, people, gpn, isbn) "
        "SELECT p.id, p.title, p.subtitle, p.series, " + _PEOPLE.format(id="p.id")
        + ", coalesce(p.gpn, ''), coalesce(p.isbn, '') FROM publications p")
SQLITE_STATEMENTS = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    + ", ".join(FTS_COLUMNS) + ", tokenize='trigram')",
    _ROW,
    # People are joined with a line break: no trigram spans two names.
    "CREATE TRIGGER publication_search_insert AFTER INSERT ON publications BEGIN "
    + _ROW + " WHERE p.id = new.id; END",
    "CREATE TRIGGER publication_search_update AFTER UPDATE ON publications BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; " + _ROW + " WHERE p.id = new.id; END",
    "CREATE TRIGGER publication_search_delete AFTER DELETE ON publications BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
    *[f"CREATE TRIGGER publication_search_people_{event.lower()} AFTER {event} ON contributors "
      f"BEGIN UPDATE {FTS_TABLE} SET people = " + _PEOPLE.format(id=f"{row}.publication_id")
      + f" WHERE rowid = {row}.publication_id; END"
      for event, row in (("INSERT", "new"), ("DELETE", "old"))],
    "CREATE TRIGGER publication_search_people_update AFTER UPDATE ON contributors BEGIN "
    f"UPDATE {FTS_TABLE} SET people = " + _PEOPLE.format(id="old.publication_id")
    + " WHERE rowid = old.publication_id; "
    f"UPDATE {FTS_TABLE} SET people = " + _PEOPLE.format(id="new.publication_id")
    + " WHERE rowid = new.publication_id; END",
]


def create(connection: Connection) -> bool:
    """Make the index for this database (inside the migration's transaction); False when this
    database cannot have one. Safe to run again."""
    if connection.dialect.name == "sqlite":
        exists = connection.execute(text(
            "SELECT 1 FROM sqlite_master WHERE name = :name"), {"name": FTS_TABLE}).first()
        if exists:
            return True
        try:
            with connection.begin_nested():
                for statement in SQLITE_STATEMENTS:
                    connection.exec_driver_sql(statement)
        except Exception:
            return False
        return True
    try:
        with connection.begin_nested():
            # In a schema of its own: a backup's restore drops and recreates `public`, which
            # would take the extension (and the indexes' operator class) with it.
            connection.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {TRGM_SCHEMA}")
            connection.exec_driver_sql(
                f"CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA {TRGM_SCHEMA}")
            for name, (table, column) in TRIGRAM_INDEXES.items():
                connection.exec_driver_sql(
                    f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                    f"USING gin ({column} {TRGM_SCHEMA}.gin_trgm_ops)")
    except Exception:
        return False
    return True


def reinstall_triggers(connection: Connection) -> None:
    """The SQLite index's triggers as SQLITE_STATEMENTS writes them (after a restore: a
    backup's copy of them is not trusted)."""
    for trigger in TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS publication_search_{trigger}")
    for statement in SQLITE_STATEMENTS:
        if statement.startswith("CREATE TRIGGER"):
            connection.exec_driver_sql(statement)


TRIGGERS = ("insert", "update", "delete", "people_insert", "people_delete", "people_update")


def drop(connection: Connection) -> None:
    """Remove the index (the migration's downgrade)."""
    if connection.dialect.name == "sqlite":
        for trigger in TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS publication_search_{trigger}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        return
    for name in TRIGRAM_INDEXES:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


def has_fts(connection: Connection) -> bool:
    """Whether the SQLite full-text index is there to MATCH on."""
    if connection.dialect.name != "sqlite":
        return False
    return connection.execute(text("SELECT 1 FROM sqlite_master WHERE name = :name"),
                              {"name": FTS_TABLE}).first() is not None


def is_index_object(name: str | None) -> bool:
    """Whether a database object belongs to this index (not to the models: the schema
    comparison leaves these out)."""
    return bool(name) and (str(name).startswith(FTS_TABLE) or name in TRIGRAM_INDEXES)
