"""電子檔 — the PDFs and source files attached to a publication (§13, 附件三)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base, Timestamped, enum_column
from app.models.content import Article, SerialIssue
from app.models.datapath import DataPath
from app.models.enums import EFileRole
from app.models.publication import Publication


class EFile(Audited, Timestamped, Base):
    """One file on disk with its role; the size and SHA-256 tell when it changed."""

    __tablename__ = "efiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True
    )
    issue_id: Mapped[int | None] = mapped_column(
        ForeignKey("serial_issues.id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[EFileRole] = mapped_column(enum_column(EFileRole))
    path: Mapped[str] = mapped_column(DataPath(1000))
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    check_status: Mapped[str] = mapped_column(String(10), default="")
    """The verdict of the latest check: pass / warn / fail, empty when never checked."""
    check_report: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    page_offset: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """PDF page = printed page + this, as set when the file was checked (bookmarks vs TOC)."""

    publication: Mapped[Publication] = relationship(back_populates="efiles")
    issue: Mapped[SerialIssue | None] = relationship()
    article: Mapped[Article | None] = relationship()

    def audit_label(self) -> str:
        return self.path
