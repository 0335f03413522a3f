"""The three package kinds: for 文化部 (consent letter and list, e-files laid out per 附件三 四,
disc label, check report), for 國家圖書館 (the application uploads), for deposit (shipping list
and labels). Before export every e-file is checked again; failures refuse the export unless
the officer overrides that named failure with a reason, which goes into the manifest."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import messages
from app.documents.disc_label import DiscItem, disc_lines, write_disc_label
from app.documents.editable import EditableFormats
from app.documents.labels import PRESETS
from app.errors import PubDeskError
from app.language import language, shown, t
from app.models import (
    ApplicationKind,
    ConsentEntry,
    ConsentLetter,
    EFile,
    EFileRole,
    NumberApplication,
    Publication,
    PublicationType,
)
from app.outputs import record_folder_name
from app.packages import backup
from app.packages.builder import PackageBuilder
from app.pdfcheck import CHECK_TITLES, Profile, Status, check_files
from app.pdfcheck.checks import virus
from app.pdfcheck.export import export_report
from app.rocdate import format_roc_year_month
from app.services.deposit import write_deposit_documents
from app.services.efiles import judge_for_role, toc_for_file
from app.services.publications import label_of, load_publication

KINDS = ("moc", "ncl", "deposit")
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Override:
    """The officer accepts one named failure of one file, for a stated reason. `file` is the
    file's name in the package (「電子檔/…/封面.pdf」, as the packages page gives it), or its
    bare name when no other e-file of the package has that name (the command line)."""

    file: str
    check: str
    reason: str


class ExportRefused(PubDeskError):
    """Checks failed and were not overridden."""

    def __init__(self, failures: list[tuple[str, str, str]],
                 package_names: dict[str, str] | None = None):
        # A file that cannot be opened (gone, unreadable) is not a finding a reason can
        # accept: it is said apart, with what fixes it, and no override is suggested for it.
        unopened = [(f, m) for f, c, m in failures if c == "open"]
        failing = [(f, c, m) for f, c, m in failures if c != "open"]
        parts = []
        if unopened:
            parts.append(messages.EXPORT_FILES_UNOPENED.format(
                count=len(unopened),
                listing="；".join(f"{Path(f).name}（{m}）" for f, m in unopened[:10])))
        if failing:  # each finding in the screen's language before they are joined
            parts.append(messages.EXPORT_CHECKS_FAILED.format(
                count=len(failing), listing=("; " if language() == "en" else "；").join(
                    t("{file}：{check}（{message}）", file=Path(f).name,
                      check=shown(CHECK_TITLES.get(c, c)), message=shown(m).rstrip("。."))
                    for f, c, m in failing[:10])))
        super().__init__("".join(parts))
        self.failures = failures
        self.package_names = package_names or {}
        """Each failing file's name in the package (source path → name): what an override
        names, so two e-files of one name are never accepted together."""


def _efiles(session: Session, publication_ids: list[int]) -> list[EFile]:
    return list(session.scalars(select(EFile).where(EFile.publication_id.in_(publication_ids))
                                .order_by(EFile.publication_id, EFile.id)))


def _layout(efile: EFile) -> str:
    """附件三 四: a folder per book; per serial issue a folder with {卷}卷{期}期_… names."""
    pub = efile.publication
    source = Path(efile.path)
    if efile.issue is not None:
        issue = efile.issue
        prefix = f"{issue.volume}卷{issue.number}期"
        name = source.stem if source.stem.startswith(prefix + "_") else (
            f"{prefix}_{efile.article.title}" if efile.article is not None
            else f"{prefix}_{source.stem}")
        return f"{record_folder_name(pub)}/{prefix}/{name}.pdf"
    return f"{record_folder_name(pub)}/{source.name}"


def _recheck(session: Session, builder: PackageBuilder, files: list[EFile],
             overrides: list[Override], progress: Progress | None,
             cancelled: Cancelled | None) -> list[str]:
    """Check every e-file again exactly as the check page does — its profile, the
    publication's TOC for a book's body, the page offset it was checked with — and return the
    report paths to add; raise on unaccepted failures. (A book whose bookmarks failed on the
    check page went into the package as "bookmarks: pass" when the TOC was left out.)"""
    failures: list[tuple[str, str, str]] = []
    reports = []
    groups: dict[tuple[Profile, str, int], tuple[list[dict[str, Any]] | None, list[str]]] = {}
    for efile in files:
        profile = Profile.SCAN if efile.role is EFileRole.SCAN else Profile.PRINT
        toc = toc_for_file(session, efile)
        key = (profile, json.dumps(toc, ensure_ascii=False), efile.page_offset)
        groups.setdefault(key, (toc, []))[1].append(efile.path)
    for (profile, _toc_key, offset), (toc, paths) in groups.items():
        reports += check_files(paths, profile, toc, offset, progress=progress,
                               cancelled=cancelled)
    by_path = {str(Path(f.path)): f for f in files}
    names = {}  # each file as it is named in the package (附件三 四), not by its source name
    for report in reports:
        checked = by_path.get(str(Path(report.path)))
        if checked is not None:
            judge_for_role(report, checked.role,
                           checked.publication.pub_type is PublicationType.SERIAL)
            names[report.path] = f"電子檔/{_layout(checked)}"
    accepted = {(o.file, o.check): o for o in overrides}
    packed_names = [Path(names.get(r.path, r.path)).name for r in reports]
    source_names = [Path(r.path).name for r in reports]
    for report in reports:
        name = Path(report.path).name
        packed = names.get(report.path, name)
        if not report.opened:
            failures.append((report.path, "open", report.error or ""))
        for check_id, result in report.checks.items():
            # 第13點: a file no scanner looked at does not leave unremarked either — and a
            # reason given for "not scanned" never accepts "virus found": they are two findings.
            unscanned = check_id == "virus_scan" and virus.is_unscanned(result)
            if result.status is not Status.FAIL and not unscanned:
                continue
            finding = virus.UNSCANNED if unscanned else check_id
            override = accepted.get((packed, finding))
            # a bare name (the command line) only where no other e-file has it
            if override is None and packed_names.count(Path(packed).name) == 1:
                override = accepted.get((Path(packed).name, finding))
            if override is None and source_names.count(name) == 1:
                override = accepted.get((name, finding))
            if override is not None and override.reason.strip():
                builder.manifest.overrides.append({"file": packed, "source": name,
                                                   "check": finding,
                                                   "reason": override.reason.strip()})
            else:
                failures.append((report.path, finding, result.message))
        scan = report.checks.get("virus_scan")
        builder.manifest.checks.append({"file": names.get(report.path, name),
                                        "source": name, "verdict": report.verdict.value,
                                        "checks": {k: v.status.value
                                                   for k, v in report.checks.items()},
                                        "virus_scan": virus.manifest_entry(scan)})
    if failures:
        raise ExportRefused(failures, {path: names.get(path, Path(path).name)
                                       for path, _check, _message in failures})
    if reports:
        pdf = builder.scratch() / "檢查報告.pdf"
        profiles = "、".join(sorted({key[0].label for key in groups}))
        export_report(reports, profiles, pdf=pdf, names=names)
        return [str(pdf)]
    return []


def _fingerprint(path: Path) -> tuple[int, int] | None:
    """Size and modification time: a file rewritten between its check and its copy differs."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _disc_lines(session: Session, publications: list[Publication],
                files: list[EFile]) -> list[str]:
    """附件三 五's label: each publication's 題名、出版年月、GPN together, in date order, then
    the agency, the file types and the volumes."""
    first = publications[0]
    items = [DiscItem(p.title, format_roc_year_month(p.published_year, p.published_month)
                      if p.published_year and p.published_month else "", p.gpn or "—")
             for p in publications]
    # 附件三 一 names the types; a serial's articles are its 印製用PDF檔（內文）, stored per
    # article (附件三 四(二)), not a type of their own.
    kinds = "、".join(sorted({(EFileRole.PRINT_BODY if f.role is EFileRole.ARTICLE
                                else f.role).label for f in files})) or "（無電子檔）"
    issues = sorted({f"{f.issue.volume}卷{f.issue.number}期" for f in files if f.issue})
    details = [f"檔案類型：{kinds}", *(["卷期：" + "、".join(issues)] if issues else [])]
    del session
    return disc_lines(items, first.unit.full_name, details)


def build_package(session: Session, kind: str, publication_ids: list[int], target: Path,
                  as_zip: bool = False, overrides: list[Override] | None = None,
                  progress: Progress | None = None, cancelled: Cancelled | None = None,
                  on: date | None = None, formats: EditableFormats | None = None) -> Path:
    """Build one package at `target` (a folder, or `target.zip`); all or nothing. Editable
    documents in the formats Settings asks for (`formats`; both by default)."""
    formats = formats or EditableFormats()
    if kind not in KINDS:
        raise PubDeskError(f"不認得的送交包類別「{kind}」（moc、ncl、deposit）。")
    if not publication_ids:
        raise PubDeskError("請至少選擇一筆出版品。")
    publications = [load_publication(session, pid) for pid in publication_ids]
    files = _efiles(session, publication_ids) if kind == "moc" else []
    total = sum(Path(f.path).stat().st_size for f in files if Path(f.path).exists())
    sources: dict[str, Path] = {}
    root = backup.backup_root()
    if root is None:
        raise PubDeskError("沒有開啟資料夾，無法在送出前備份電子檔（第13點）；送交包未建立。"
                           "請由 PubDesk 開啟資料庫後再試。")
    with PackageBuilder(target, kind, as_zip, progress, cancelled, total) as builder:
        if kind == "moc":
            sources = _moc(session, builder, publications, files, overrides or [], progress,
                           cancelled, formats)
        elif kind == "ncl":
            _ncl(session, builder, publications)
        else:
            for pub in publications:
                for path in write_deposit_documents(session, pub.id,
                                                    builder.scratch() / str(pub.id), PRESETS[0],
                                                    on or date.today(), formats=formats):
                    builder.add_file(path, f"{record_folder_name(pub)}/{path.name}", "寄存文件",
                                     f"出版品 {pub.id}")
        kept = backup.keep_files(builder, sources, root, cancelled)
        # Recorded (and flushed) before the package is moved into place: a record the
        # database refuses builds no package; the caller's commit keeps it.
        backup.record_build(session, builder, builder.target, publication_ids, kept)
        return builder.commit()


def _moc(session: Session, builder: PackageBuilder, publications: list[Publication],
         files: list[EFile], overrides: list[Override], progress: Progress | None,
         cancelled: Cancelled | None, formats: EditableFormats) -> dict[str, Path]:
    """The package for 文化部; returns its e-files (package name → source) to back up."""
    letters: dict[int, ConsentLetter] = {}
    for pub in publications:
        letter = session.scalars(select(ConsentLetter).join(ConsentEntry).where(
            ConsentEntry.publication_id == pub.id).order_by(
            ConsentLetter.issued_on.desc(), ConsentLetter.id.desc())).first()
        if letter is None or not letter.output_folder or \
                not Path(letter.output_folder).exists():
            raise PubDeskError(f"找不到「{label_of(pub)}」已輸出的授權函。請先在「授權利用」產生並登錄授權函。")
        letters[letter.id] = letter
    for letter in letters.values():
        for path in sorted(Path(letter.output_folder).iterdir()):
            editable = path.suffix in (".docx", ".odt") and path.suffix in formats.suffixes
            if path.suffix == ".pdf" or editable:
                builder.add_file(path, f"授權函/{path.name}", "授權函與利用清單",
                                 f"授權函 {letter.doc_number}")
    checked = {str(Path(f.path)): _fingerprint(Path(f.path)) for f in files}
    for report in _recheck(session, builder, files, overrides, progress, cancelled):
        builder.add_file(Path(report), "檢查報告.pdf", "電子檔檢查報告")
    sources = {}
    for efile in files:
        source = Path(efile.path)
        name = builder.add_file(source, f"電子檔/{_layout(efile)}", efile.role.label,
                                f"出版品 {efile.publication_id}，電子檔 {efile.id}")
        if _fingerprint(source) != checked.get(str(source)):
            # What was scanned and checked is not what was packed: never sent as "pass".
            raise PubDeskError(f"「{source.name}」在檢查之後被修改了，送交包裡的不是檢查過的檔案；送交包未建立。"
                               "請確認檔案已存好、沒有程式正在寫入後再匯出一次。", path=str(source))
        sources[name] = source
    label = write_disc_label(_disc_lines(session, publications, files),
                             builder.scratch() / "光碟碟面.pdf", above=len(publications))
    builder.add_file(label, "光碟碟面.pdf", "光碟碟面與封套")
    return sources


def _ncl(session: Session, builder: PackageBuilder, publications: list[Publication]) -> None:
    for pub in publications:
        application = session.scalars(select(NumberApplication).where(
            NumberApplication.publication_id == pub.id,
            NumberApplication.kind.in_([ApplicationKind.ISBN_CIP, ApplicationKind.ISBN,
                                        ApplicationKind.CIP_SUPPLEMENT])).order_by(
            NumberApplication.id.desc())).first()
        if application is None:
            raise PubDeskError(f"「{label_of(pub)}」沒有 ISBN／CIP 申請案，請先在「編號申請」建立。")
        missing = [p.part for p in application.parts
                   if not p.file_path or not Path(p.file_path).exists()]
        if missing:
            raise PubDeskError(f"「{label_of(pub)}」的上傳資料還缺：{'、'.join(missing)}。")
        for part in application.parts:
            builder.add_file(Path(part.file_path), f"{record_folder_name(pub)}/{part.part}.pdf",
                             part.part,
                             f"申請案 {application.id}")
