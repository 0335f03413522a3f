"""What is inside a publication: the 目次 of a book, the issues and articles of a serial."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base, Versioned, enum_column
from app.models.enums import TocKind
from app.models.publication import Publication


class TocEntry(Audited, Base):
    """One line of the 目次.

    The tree is stored in reading order (`position`) with each entry's `level` (1 = top), the
    way an outline is written; a level is at most one deeper than the entry before it. This
    makes move/indent/outdent simple list edits and keeps the order unambiguous.
    """

    __tablename__ = "toc_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(300))
    page: Mapped[str] = mapped_column(String(20), default="")
    """The printed page label (may be roman: iii)."""
    kind: Mapped[TocKind] = mapped_column(enum_column(TocKind), default=TocKind.CHAPTER)

    publication: Mapped[Publication] = relationship(back_populates="toc_entries")

    def audit_label(self) -> str:
        return self.title


class SerialIssue(Audited, Versioned, Base):
    """一期 — one issue of a serial (卷/期 and its year-month)."""

    __tablename__ = "serial_issues"
    __table_args__ = (UniqueConstraint("publication_id", "volume", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publications.id", ondelete="CASCADE"), index=True
    )
    volume: Mapped[str] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    """A special issue's own title (專刊), if any."""

    publication: Mapped[Publication] = relationship(back_populates="issues")
    articles: Mapped[list[Article]] = relationship(
        back_populates="issue", cascade="all, delete-orphan", order_by="Article.position"
    )

    def audit_label(self) -> str:
        return f"{self.volume}卷{self.number}期"


class Article(Audited, Base):
    """篇名 — one article in a serial issue."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(
        ForeignKey("serial_issues.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    authors: Mapped[str] = mapped_column(String(300), default="")
    page_start: Mapped[str] = mapped_column(String(10), default="")
    page_end: Mapped[str] = mapped_column(String(10), default="")

    issue: Mapped[SerialIssue] = relationship(back_populates="articles")

    def audit_label(self) -> str:
        return self.title
