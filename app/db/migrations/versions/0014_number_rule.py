"""§4(二) kept by the database: a GPN, ISBN, ISSN or ISRC another publication holds is refused
unless one is a reprint of the other (app.db.number_triggers). Numbers shared against the
rule before this revision stay as they are — nothing is changed behind the officer's back —
and are listed for resolving (`pubdesk numbers shared`, 出版品 → 號碼重複).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from app.db import number_triggers

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    number_triggers.install(op.get_bind())


def downgrade() -> None:
    number_triggers.drop(op.get_bind())
