"""Publications: price may not be negative, pages must be positive, edition and printing ≥ 1.

Adding a CHECK constraint rebuilds the table on SQLite (create new, copy, DROP old, rename);
PostgreSQL adds it in place (`recreate="auto"`: "always" would drop the primary key other
tables refer to).
app.db.migrate runs this with foreign keys off, so the DROP does not cascade into contributors,
TOC entries, issues and e-files, and runs `foreign_key_check` before committing.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CHECKS = {
    "price_not_negative": "price_ntd IS NULL OR price_ntd >= 0",
    "pages_positive": "pages IS NULL OR pages > 0",
    "edition_printing_positive": "edition >= 1 AND printing >= 1",
}


_REPAIRS = (("price_ntd", "price_ntd < 0", "NULL"), ("pages", "pages <= 0", "NULL"),
            ("edition", "edition < 1", "'1'"), ("printing", "printing < 1", "'1'"))


def upgrade() -> None:
    # Rows written before the rule existed are repaired rather than rejected — and each
    # repair is written to the audit log, so the officer can see what the upgrade changed.
    for column, broken, repaired in _REPAIRS:
        op.execute(
            "INSERT INTO audit_log (at, os_user, action, entity, entity_id, field, old_value, "
            f"new_value) SELECT CURRENT_TIMESTAMP, 'PubDesk 升級 0002', 'update', 'publications', "
            f"id, '{column}', CAST({column} AS VARCHAR(20)), {repaired} FROM publications "
            f"WHERE {broken}")
    op.execute("UPDATE publications SET price_ntd = NULL WHERE price_ntd < 0")
    op.execute("UPDATE publications SET pages = NULL WHERE pages <= 0")
    op.execute("UPDATE publications SET edition = 1 WHERE edition < 1")
    op.execute("UPDATE publications SET printing = 1 WHERE printing < 1")
    with op.batch_alter_table("publications", recreate="auto") as batch:
        for name, condition in _CHECKS.items():
            batch.create_check_constraint(name, condition)


def downgrade() -> None:
    with op.batch_alter_table("publications", recreate="auto") as batch:
        for name in _CHECKS:
            batch.drop_constraint(op.f(f"ck_publications_{name}"), type_="check")
