"""Usage-consent letters to 文化部 and their list entries; publications remember when consent
was last sent.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("book", "serial", name="consentkind", native_enum=False,
                                  length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("doc_number", sa.String(length=60), nullable=False),
        sa.Column("contact_name", sa.String(length=60), nullable=False),
        sa.Column("contact_phone", sa.String(length=60), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("items_json", sa.Text(), nullable=False),
        sa.Column("copies", sa.String(length=300), nullable=False),
        sa.Column("output_folder", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["publishing_units.id"],
                                name=op.f("fk_consent_letters_unit_id_publishing_units")),
        sa.ForeignKeyConstraint(["issue_id"], ["serial_issues.id"], ondelete="SET NULL",
                                name=op.f("fk_consent_letters_issue_id_serial_issues")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_letters")),
    )
    with op.batch_alter_table("consent_letters") as batch:
        batch.create_index(batch.f("ix_consent_letters_unit_id"), ["unit_id"], unique=False)
    op.create_table(
        "consent_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("gpn", sa.String(length=10), nullable=False),
        sa.Column("scopes", sa.String(length=200), nullable=False),
        sa.Column("all_rights", sa.Boolean(), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.Column("efile_types", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["letter_id"], ["consent_letters.id"], ondelete="CASCADE",
                                name=op.f("fk_consent_entries_letter_id_consent_letters")),
        sa.ForeignKeyConstraint(["publication_id"], ["publications.id"], ondelete="SET NULL",
                                name=op.f("fk_consent_entries_publication_id_publications")),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="SET NULL",
                                name=op.f("fk_consent_entries_article_id_articles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_entries")),
    )
    with op.batch_alter_table("consent_entries") as batch:
        batch.create_index(batch.f("ix_consent_entries_letter_id"), ["letter_id"], unique=False)
        batch.create_index(batch.f("ix_consent_entries_publication_id"), ["publication_id"],
                           unique=False)
    # A nullable column: a plain ALTER TABLE ADD COLUMN, no table rebuild.
    op.add_column("publications", sa.Column("consent_sent_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("consent_sent_on")
    op.drop_table("consent_entries")
    op.drop_table("consent_letters")
