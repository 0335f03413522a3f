"""電子檔 — the e-files of a publication and the latest check result kept with each."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import EFile, EFileRole
from app.models.base import utcnow
from app.pdfcheck.report import CheckResult, FileReport, Status
from app.services.publications import load_publication
from app.services.toc_service import get_toc, toc_applies
from app.toc import TocNode, to_tree

CHUNK = 4 * 1024 * 1024


def file_sha256(path: Path, cancelled: Callable[[], bool] | None = None) -> str:
    """SHA-256 of a file, read in chunks (large print files), honouring cancel."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if cancelled is not None and cancelled():
                raise InterruptedError
            digest.update(chunk)
    return digest.hexdigest()


TOC_ROLES = (EFileRole.PRINT_BODY, EFileRole.FINAL_BODY, EFileRole.SCAN, EFileRole.OTHER)
"""Files whose bookmarks are compared with the TOC: whole books, not covers or articles."""


def toc_for_file(session: Session, efile: EFile) -> list[dict[str, Any]] | None:
    """The TOC an e-file's bookmarks are judged against — the same on the check page and in a
    package: the publication's, for a book's body; none for covers, articles and serials."""
    if efile.role not in TOC_ROLES or not toc_applies(efile.publication.pub_type):
        return None
    return toc_for_check(session, efile.publication_id) or None


BOOKMARKS_NOT_REQUIRED = ("附件三只要求圖書的印製用PDF檔（內文）設定與目次相同的書籤；"
                          "這個檔案（{role}）不需要書籤。")


def judge_for_role(report: FileReport, role: EFileRole | None, serial: bool = False) -> None:
    """附件三 asks bookmarks only of a book's print body: for a cover, a scan or a serial's
    article the bookmarks check does not apply (the check page and the packages agree)."""
    if role is None or (role in TOC_ROLES and not serial):
        return
    result = report.checks.get("bookmarks")
    if result is not None and result.status is not Status.PASS:
        report.checks["bookmarks"] = CheckResult(
            Status.SKIP, BOOKMARKS_NOT_REQUIRED.format(role=role.label), result.evidence)


def toc_for_check(session: Session, publication_id: int) -> list[dict[str, Any]]:
    """The publication's TOC as the checker takes it: nested {title, page, children}."""
    def convert(nodes: list[TocNode]) -> list[dict[str, Any]]:
        return [{"title": n.title, "page": n.page, "children": convert(n.children)}
                for n in nodes]

    return convert(to_tree(get_toc(session, publication_id)))


def record_check(session: Session, publication_id: int, report: FileReport, role: EFileRole,
                 sha256: str = "", page_offset: int = 0) -> int:
    """Keep the latest check with the e-file record (created when the file is new to it)."""
    load_publication(session, publication_id)
    path = str(Path(report.path).resolve())
    efile = session.scalar(select(EFile).where(EFile.publication_id == publication_id,
                                               EFile.path == path))
    if efile is None:
        efile = EFile(publication_id=publication_id, path=path, role=role)
        session.add(efile)
    file = Path(path)
    efile.size_bytes = file.stat().st_size if file.exists() else 0
    if sha256:
        efile.sha256 = sha256
    efile.page_offset = page_offset
    efile.check_status = report.verdict.value
    efile.check_report = json.dumps(report.to_json(), ensure_ascii=False)
    efile.checked_at = utcnow()
    session.flush()
    return efile.id


@dataclass(frozen=True)
class EFileRow:
    """An e-file of a publication with its latest verdict."""

    id: int
    path: str
    role: EFileRole
    size_bytes: int
    sha256: str
    check_status: str
    checked_at: datetime | None


def efiles_of(session: Session, publication_id: int) -> list[EFileRow]:
    """The e-files of a publication."""
    publication = load_publication(session, publication_id)
    return [EFileRow(e.id, e.path, e.role, e.size_bytes, e.sha256, e.check_status,
                     e.checked_at) for e in publication.efiles]


def stored_report(session: Session, efile_id: int) -> FileReport | None:
    """The latest report kept with an e-file."""
    efile = session.get(EFile, efile_id)
    if efile is None or not efile.check_report:
        return None
    return FileReport.from_json(json.loads(efile.check_report))
