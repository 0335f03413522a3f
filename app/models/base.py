"""The declarative base: one metadata with a naming convention, so constraint names are stable
across SQLite and PostgreSQL and migrations can refer to them."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Enum, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timestamps are stored in UTC and shown in local time."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Every PubDesk entity."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Audited:
    """Marks an entity whose every change goes to the audit log (see app.db.audit)."""

    def audit_label(self) -> str:
        """A short human description used when the row is deleted."""
        return str(getattr(self, "id", ""))


def enum_column(enum_type: type[enum.Enum], length: int = 20) -> Any:
    """A portable enum column: stored as its value in VARCHAR, no native DB enum type."""
    return Enum(
        enum_type,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Timestamped:
    """Created/updated times, maintained by the ORM."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Versioned:
    """A record an officer edits as a whole — with its parts (a publication and its TOC, a unit
    and its contacts, an issue and its articles). Every save raises `row_version`; a save based
    on an older version is refused (app.services.guard), naming who saved last and when, so two
    officers never silently overwrite each other. `changed_by`/`changed_at` are set at flush
    (app.db.audit)."""

    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]
