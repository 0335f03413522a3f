"""異動紀錄 — who changed what, when; and a small key/value table for app state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, enum_column, utcnow
from app.models.enums import AuditAction


class AuditEntry(Base):
    """One changed field (or one created/deleted row). Written by the database's own triggers
    (app.db.audit_triggers), chained by hash (app.db.audit_chain), never edited."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    os_user: Mapped[str] = mapped_column(String(120))
    """Who, as the app said (the officer's name for PubDesk); may be empty for a change made
    outside PubDesk."""
    db_user: Mapped[str] = mapped_column(String(120), default="", server_default="")
    """Who, as the database knows it: PostgreSQL's `session_user`, SQLite's OS user."""
    reason: Mapped[str | None] = mapped_column(Text)
    """Why, when the app said (e.g. 「自資源回收筒還原」)."""
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))


class AppMeta(Base):
    """Facts about this database (e.g. whether reference data was seeded)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
