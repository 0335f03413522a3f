"""The publications search index: SQLite FTS5 (trigram) kept in step by triggers, or
pg_trgm GIN indexes on PostgreSQL (app.db.search_index). Where neither can be made the search
stays a LIKE scan.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

from app.db import search_index

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.create(op.get_bind())


def downgrade() -> None:
    search_index.drop(op.get_bind())
