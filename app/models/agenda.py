"""待辦 set aside by the officer: an item marked done outside PubDesk (years of imported history
that was dealt with long ago) or snoozed until a date. An item is known by its kind, its record
its due date and the row it is about (one of a publication's e-files, deposit lines,
applications, licences) — so setting one aside hides neither its siblings nor a settlement
period's successor."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Audited, Base, Timestamped


class AgendaSetAside(Audited, Timestamped, Base):
    """One item the officer set aside (audited: who, when, why)."""

    __tablename__ = "agenda_set_asides"
    __table_args__ = (UniqueConstraint("kind", "record_id", "subject_id", "due",
                                       name="uq_agenda_set_asides_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer, index=True)
    subject_id: Mapped[int | None] = mapped_column(Integer)
    due: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    """Snoozed until this day (the item is back on it); None: marked done for good."""
    reason: Mapped[str] = mapped_column(Text, default="")

    def audit_label(self) -> str:
        return f"{self.kind} {self.record_id}"
