"""Initial schema: units, contacts, publications and their content, e-files, reference data,
audit log.

Revision ID: 0001
Create Date: 2026-11-23

Frozen: never edit a released migration; add a new one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("os_user", sa.String(length=120), nullable=False),
        sa.Column(
            "action",
            sa.Enum("create", "update", "delete", name="auditaction", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_entity"), ["entity"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "deposit_libraries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("division", sa.String(length=120), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "statutory",
                "designated",
                "encouraged",
                name="librarykind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deposit_libraries")),
        sa.UniqueConstraint("name", name=op.f("uq_deposit_libraries_name")),
    )
    op.create_table(
        "publishing_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("fax", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=False),
        sa.Column("doc_code", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publishing_units")),
        sa.UniqueConstraint("full_name", name=op.f("uq_publishing_units_full_name")),
    )
    op.create_table(
        "sales_stores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("url", sa.String(length=200), nullable=False),
        sa.Column("contact", sa.String(length=60), nullable=False),
        sa.Column("commission_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("first_edition_quantity", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_stores")),
        sa.UniqueConstraint("name", name=op.f("uq_sales_stores_name")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("job_title", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("fax", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["publishing_units.id"],
            name=op.f("fk_contacts_unit_id_publishing_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "pub_type",
            sa.Enum(
                "book",
                "serial",
                "e_publication",
                "other",
                name="publicationtype",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "form",
            sa.Enum(
                "print",
                "ebook",
                "audiobook",
                "disc",
                "online",
                "other",
                name="publicationform",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("subtitle", sa.String(length=300), nullable=False),
        sa.Column("series", sa.String(length=200), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("printing", sa.Integer(), nullable=False),
        sa.Column("published_year", sa.Integer(), nullable=True),
        sa.Column("published_month", sa.Integer(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("size_cm", sa.String(length=40), nullable=False),
        sa.Column(
            "binding",
            sa.Enum(
                "hardcover",
                "paperback",
                "other",
                "none",
                name="binding",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("price_ntd", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=40), nullable=False),
        sa.Column("audience", sa.String(length=80), nullable=False),
        sa.Column("keywords", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("gpn", sa.String(length=10), nullable=True),
        sa.Column("isbn", sa.String(length=13), nullable=True),
        sa.Column("issn", sa.String(length=9), nullable=True),
        sa.Column("isrc", sa.String(length=12), nullable=True),
        sa.Column(
            "cip_status",
            sa.Enum(
                "none",
                "not_applicable",
                "applied",
                "received",
                name="cipstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("cip_text", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planning",
                "numbered",
                "printed",
                "deposited",
                "on_sale",
                "consent_sent",
                name="publicationstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("online_url", sa.String(length=300), nullable=False),
        sa.Column("online_registered", sa.Boolean(), nullable=False),
        sa.Column(
            "copyright_owner",
            sa.Enum(
                "agency", "author", "shared", name="copyrightowner", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("copyright_note", sa.Text(), nullable=False),
        sa.Column(
            "partner_kind",
            sa.Enum(
                "none",
                "co_publisher",
                "commissioned",
                name="partnerkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("partner_name", sa.String(length=120), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "published_month IS NULL OR (published_month BETWEEN 1 AND 12)",
            name=op.f("ck_publications_month_range"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["publishing_units.id"],
            name=op.f("fk_publications_unit_id_publishing_units"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
    )
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publications_gpn"), ["gpn"], unique=False)
        batch_op.create_index(batch_op.f("ix_publications_isbn"), ["isbn"], unique=False)
        batch_op.create_index(batch_op.f("ix_publications_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_publications_title"), ["title"], unique=False)
        batch_op.create_index(batch_op.f("ix_publications_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "contributors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "author",
                "editor",
                "chief_editor",
                "translator",
                "illustrator",
                "photographer",
                "other",
                name="contributorrole",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_contributors_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contributors")),
    )
    with op.batch_alter_table("contributors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contributors_publication_id"), ["publication_id"], unique=False
        )

    op.create_table(
        "publication_relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "other_form",
                "revision_of",
                "reprint_of",
                name="relationkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.CheckConstraint(
            "source_id <> target_id", name=op.f("ck_publication_relations_not_self")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["publications.id"],
            name=op.f("fk_publication_relations_source_id_publications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["publications.id"],
            name=op.f("fk_publication_relations_target_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_relations")),
        sa.UniqueConstraint(
            "source_id",
            "target_id",
            "kind",
            name=op.f("uq_publication_relations_source_id_target_id_kind"),
        ),
    )
    with op.batch_alter_table("publication_relations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_publication_relations_source_id"), ["source_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_publication_relations_target_id"), ["target_id"], unique=False
        )

    op.create_table(
        "serial_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("volume", sa.String(length=10), nullable=False),
        sa.Column("number", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_serial_issues_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_serial_issues")),
        sa.UniqueConstraint(
            "publication_id",
            "volume",
            "number",
            name=op.f("uq_serial_issues_publication_id_volume_number"),
        ),
    )
    with op.batch_alter_table("serial_issues", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_serial_issues_publication_id"), ["publication_id"], unique=False
        )

    op.create_table(
        "toc_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("page", sa.String(length=20), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "chapter", "figure_list", "table_list", name="tockind", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_toc_entries_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toc_entries")),
    )
    with op.batch_alter_table("toc_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_toc_entries_publication_id"), ["publication_id"], unique=False
        )

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("authors", sa.String(length=300), nullable=False),
        sa.Column("page_start", sa.String(length=10), nullable=False),
        sa.Column("page_end", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["serial_issues.id"],
            name=op.f("fk_articles_issue_id_serial_issues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_issue_id"), ["issue_id"], unique=False)

    op.create_table(
        "efiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "final_cover",
                "final_body",
                "print_cover",
                "print_body",
                "scan",
                "article",
                "other",
                name="efilerole",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("check_status", sa.String(length=10), nullable=False),
        sa.Column("check_report", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_efiles_article_id_articles"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["serial_issues.id"],
            name=op.f("fk_efiles_issue_id_serial_issues"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_efiles_publication_id_publications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_efiles")),
    )
    with op.batch_alter_table("efiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_efiles_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_efiles_issue_id"), ["issue_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_efiles_publication_id"), ["publication_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("efiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_efiles_publication_id"))
        batch_op.drop_index(batch_op.f("ix_efiles_issue_id"))
        batch_op.drop_index(batch_op.f("ix_efiles_article_id"))

    op.drop_table("efiles")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_issue_id"))

    op.drop_table("articles")
    with op.batch_alter_table("toc_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_toc_entries_publication_id"))

    op.drop_table("toc_entries")
    with op.batch_alter_table("serial_issues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_serial_issues_publication_id"))

    op.drop_table("serial_issues")
    with op.batch_alter_table("publication_relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_relations_target_id"))
        batch_op.drop_index(batch_op.f("ix_publication_relations_source_id"))

    op.drop_table("publication_relations")
    with op.batch_alter_table("contributors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contributors_publication_id"))

    op.drop_table("contributors")
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publications_unit_id"))
        batch_op.drop_index(batch_op.f("ix_publications_title"))
        batch_op.drop_index(batch_op.f("ix_publications_status"))
        batch_op.drop_index(batch_op.f("ix_publications_isbn"))
        batch_op.drop_index(batch_op.f("ix_publications_gpn"))

    op.drop_table("publications")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_unit_id"))

    op.drop_table("contacts")
    op.drop_table("sales_stores")
    op.drop_table("publishing_units")
    op.drop_table("deposit_libraries")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_entity"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    op.drop_table("app_meta")
