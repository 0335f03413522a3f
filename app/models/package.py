"""送交包 — each package PubDesk built (§13: e-files backed up before they are sent): when,
of which kind, for which publications, where it went, the files' SHA-256 in its manifest,
the virus scan, the exceptions the officer accepted with a reason, and where the e-files are
kept. A fact about what left the office, so it outlives a deleted publication: the link names
the publication by id without a foreign key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Audited, Base
from app.models.datapath import DataPath


class PackageBuild(Audited, Base):
    """One package built and moved into place."""

    __tablename__ = "package_builds"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    """moc / ncl / deposit (app.packages.kinds.KINDS)."""
    built_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    target: Mapped[str] = mapped_column(DataPath(1000))
    as_zip: Mapped[bool] = mapped_column(Boolean, default=False)
    file_count: Mapped[int] = mapped_column(Integer, default=0)
    total_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    manifest_sha256: Mapped[str] = mapped_column(String(64), default="")
    virus_scan: Mapped[str] = mapped_column(Text, default="")
    """The scanners that looked at its e-files, in words (engine, signatures)."""
    overrides: Mapped[str] = mapped_column(Text, default="")
    """The findings accepted, as JSON [{file, check, reason}] — audited with the row."""
    backup_folder: Mapped[str] = mapped_column(DataPath(1000), default="")
    """Its manifest and the list of kept e-files; empty when nothing was kept."""

    publications: Mapped[list[PackagePublication]] = relationship(
        back_populates="build", cascade="all, delete-orphan")

    def audit_label(self) -> str:
        return self.target


class PackagePublication(Audited, Base):
    """A publication a package was built for."""

    __tablename__ = "package_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    build_id: Mapped[int] = mapped_column(ForeignKey("package_builds.id", ondelete="CASCADE"),
                                          index=True)
    publication_id: Mapped[int] = mapped_column(Integer, index=True)

    build: Mapped[PackageBuild] = relationship(back_populates="publications")
