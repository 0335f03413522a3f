"""資源回收筒 — a deleted publication with everything that went with it, until restored or
emptied (app.services.recycle_bin)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class RecycledPublication(Base):
    """One deleted publication: its rows and its children's, as they were (JSON)."""

    __tablename__ = "recycled_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(Integer, index=True)
    label: Mapped[str] = mapped_column(String(600))
    deleted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)
    deleted_by: Mapped[str] = mapped_column(String(120))
    row_count: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
