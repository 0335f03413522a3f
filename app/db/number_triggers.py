"""The number rule of §4(二) kept by the database itself (app.services.number_rule says it in
Python): a GPN, ISBN, ISSN or ISRC another publication holds is refused on insert and update
unless the one is a reprint of the other — linked as such (within two REPRINT_OF links), or the
same title, subtitle, type, form and edition in another printing. So a write from psql, sqlite3
or an old copy of PubDesk cannot give two unrelated publications one number either.

Like the service, an update is judged only when a number or a field the rule reads changes:
records that shared a number before the rule was enforced can still be edited otherwise (and are
listed until resolved: `number_rule.shared_numbers`).

The error the database raises carries `pubdesk_number_rule:<field>`; app.db.engine turns it into
a sentence. On PostgreSQL an advisory lock per number serialises two officers saving the same
number at once, so neither transaction can miss the other's row."""

from __future__ import annotations

from sqlalchemy import Connection

FIELDS = ("gpn", "isbn", "issn", "isrc")
KEYS = ("title", "subtitle", "pub_type", "form", "edition", "printing")
ERROR_MARK = "pubdesk_number_rule:"
SQLITE_TRIGGERS = tuple(f"pubdesk_number_{field}_{event}" for field in FIELDS
                        for event in ("insert", "update"))

_OTHER = "CASE WHEN {r}.source_id = {me} THEN {r}.target_id " \
         "WHEN {r}.target_id = {me} THEN {r}.source_id END"
LINKED = ("(EXISTS (SELECT 1 FROM publication_relations r WHERE r.kind = 'reprint_of' "
          "AND (" + _OTHER.format(r="r", me="NEW.id") + ") = p.id) "
          "OR EXISTS (SELECT 1 FROM publication_relations r1, publication_relations r2 "
          "WHERE r1.kind = 'reprint_of' AND r2.kind = 'reprint_of' AND ("
          + _OTHER.format(r="r1", me="NEW.id") + ") = (" + _OTHER.format(r="r2", me="p.id")
          + ")))")
"""`p` and NEW are linked as reprints within two links (either direction): the same reach as
`number_rule.linked_reprints`. (SQLite allows no recursive query in a trigger.)"""

_OTHER_HOLDS = ("EXISTS (SELECT 1 FROM publications p WHERE p.{f} = NEW.{f} AND p.id IS NOT NEW.id "
                "AND NOT (p.title = NEW.title AND p.subtitle = NEW.subtitle "
                "AND p.pub_type = NEW.pub_type AND p.form = NEW.form "
                "AND p.edition = NEW.edition AND p.printing <> NEW.printing) "
                "AND NOT " + LINKED + ")")


def _sqlite_statements() -> list[str]:
    statements = []
    for field in FIELDS:
        condition = f"NEW.{field} IS NOT NULL AND " + _OTHER_HOLDS.format(f=field)
        body = f"BEGIN SELECT RAISE(ABORT, '{ERROR_MARK}{field}'); END"
        statements.append(f"CREATE TRIGGER pubdesk_number_{field}_insert BEFORE INSERT ON "
                          f"publications FOR EACH ROW WHEN {condition} {body}")
        columns = ", ".join((field, *KEYS))
        statements.append(f"CREATE TRIGGER pubdesk_number_{field}_update BEFORE UPDATE OF "
                          f"{columns} ON publications FOR EACH ROW WHEN {condition} {body}")
    return statements


_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION pubdesk_number_rule() RETURNS trigger LANGUAGE plpgsql AS $$
-- no percent sign in here: the driver would take it for a placeholder
DECLARE
    field text;
    value text;
    held boolean;
BEGIN
    FOREACH field IN ARRAY ARRAY[{", ".join(f"'{f}'" for f in FIELDS)}] LOOP
        value := to_jsonb(NEW) ->> field;
        CONTINUE WHEN value IS NULL;
        IF TG_OP = 'UPDATE' AND value IS NOT DISTINCT FROM (to_jsonb(OLD) ->> field)
           AND {" AND ".join(f"NEW.{k} IS NOT DISTINCT FROM OLD.{k}" for k in KEYS)} THEN
            CONTINUE;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('pubdesk_number:' || field || ':' || value));
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM publications p WHERE p.' || quote_ident(field)
                || ' = $1 AND p.id <> $2 AND NOT (p.title = $3 AND p.subtitle = $4 '
                'AND p.pub_type = $5 AND p.form = $6 AND p.edition = $7 '
                'AND p.printing <> $8) AND NOT {{linked}})'
            INTO held
            USING value, NEW.id, NEW.title, NEW.subtitle, NEW.pub_type, NEW.form,
                  NEW.edition, NEW.printing;
        IF held THEN
            RAISE EXCEPTION USING MESSAGE = '{ERROR_MARK}' || field, ERRCODE = '23505';
        END IF;
    END LOOP;
    RETURN NEW;
END $$
""".replace("{linked}", LINKED.replace("NEW.id", "$2").replace("'", "''"))


def install(connection: Connection) -> None:
    """(Re)create the rule's triggers (the migration that introduced them, a restore)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_PG_FUNCTION)
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS pubdesk_number_rule ON publications")
        connection.exec_driver_sql(
            "CREATE TRIGGER pubdesk_number_rule BEFORE INSERT OR UPDATE ON publications "
            "FOR EACH ROW EXECUTE FUNCTION pubdesk_number_rule()")
        return
    drop(connection)
    for statement in _sqlite_statements():
        connection.exec_driver_sql(statement)


def drop(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS pubdesk_number_rule ON publications")
        connection.exec_driver_sql("DROP FUNCTION IF EXISTS pubdesk_number_rule()")
        return
    # Every trigger of the prefix, not only ours by name: a file from outside may carry one
    # of its own under it (app.db.backup_schema trusts the prefix).
    for (name,) in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'pubdesk\\_number\\_%' ESCAPE '\\'").all():
        connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')


def refused_field(error_text: str) -> str | None:
    """The number a database error refused by this rule is about, else None."""
    start = error_text.find(ERROR_MARK)
    if start < 0:
        return None
    rest = error_text[start + len(ERROR_MARK):]
    return next((f for f in FIELDS if rest.startswith(f)), None)
