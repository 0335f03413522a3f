import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from app.db import Database
from app.demo import build_sample, write_numbering_documents, write_sample_documents
from app.errors import PubDeskError
from app.models import EFile, EFileRole
from app.outputs import record_folder_name
from app.packages.kinds import ExportRefused, Override, build_package
from app.services.publications import load_publication
from app.services.serials import load_issue
from tests.pdf_factory import Builder
from tests.pdf_helpers import pdf_text


def pdf(path: Path, content: bytes = b"", pages: int = 1) -> Path:
    builder = Builder()
    for _ in range(pages):
        builder.page(content)
    path.parent.mkdir(parents=True, exist_ok=True)
    return builder.save(path)


def body_with_bookmarks(db: Database, publication_id: int, path: Path) -> Path:
    """The book's body PDF with the outline its TOC asks for (as the check page writes it)."""
    from app.pdfcheck import write_outline
    from app.services.efiles import toc_for_check

    with db.session() as session:
        toc = toc_for_check(session, publication_id)
    plain = pdf(path.with_name("plain-" + path.name), pages=400)
    return write_outline(plain, path, toc)


def _folder(db: Database, publication_id: int) -> str:
    with db.session() as session:
        return record_folder_name(load_publication(session, publication_id))


@pytest.fixture
def workspace(db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    sample = build_sample(db)
    write_sample_documents(db, sample, tmp_path / "output", date(2026, 11, 23))
    files = tmp_path / "efiles"
    with db.session() as session:
        session.add(EFile(publication_id=sample.books[0], role=EFileRole.PRINT_BODY,
                          path=str(body_with_bookmarks(db, sample.books[0],
                                                       files / "年報內文.pdf"))))
        session.add(EFile(publication_id=sample.books[0], role=EFileRole.PRINT_COVER,
                          path=str(pdf(files / "年報封面.pdf", b"1 0 0 rg 0 0 9 9 re f"))))
        issue = load_issue(session, sample.issue_id)
        session.add(EFile(publication_id=sample.serial_id, issue_id=issue.id,
                          article_id=issue.articles[0].id, role=EFileRole.ARTICLE,
                          path=str(pdf(files / "a1.pdf"))))
        session.add(EFile(publication_id=sample.serial_id, issue_id=issue.id,
                          role=EFileRole.ARTICLE, path=str(pdf(files / "12卷3期_版權頁.pdf"))))
    return sample


def test_moc_package_is_refused_then_overridden(db: Database, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = [workspace.books[0], workspace.serial_id]
    target = tmp_path / "out" / "文化部送交包"
    with db.session() as session, pytest.raises(ExportRefused) as info:
        build_package(session, "moc", ids, target)
    assert info.value.failures[0][1] == "colour_space"
    assert not target.exists()
    with db.session() as session:
        built = build_package(session, "moc", ids, target, overrides=[
            Override("年報封面.pdf", "colour_space", "封面另由印刷廠轉檔")])
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    paths = {f["path"] for f in manifest["files"]}
    book, serial = _folder(db, workspace.books[0]), _folder(db, workspace.serial_id)
    assert book.endswith("_2026臺灣產業發展年報（紙本）")
    assert f"電子檔/{book}/年報內文.pdf" in paths
    assert f"電子檔/{serial}/12卷3期/12卷3期_半導體供應鏈韌性與在地化.pdf" in paths
    assert f"電子檔/{serial}/12卷3期/12卷3期_版權頁.pdf" in paths
    assert {"授權函/圖書授權函.docx", "授權函/圖書之利用清單.pdf", "光碟碟面.pdf", "檢查報告.pdf"} <= paths
    assert manifest["overrides"] == [{"file": f"電子檔/{book}/年報封面.pdf",
                                      "source": "年報封面.pdf", "check": "colour_space",
                                      "reason": "封面另由印刷廠轉檔"}]
    checks = {c["source"]: c for c in manifest["checks"]}
    assert checks["年報內文.pdf"]["file"] == f"電子檔/{book}/年報內文.pdf"
    article = checks["a1.pdf"]
    assert article["file"] == f"電子檔/{serial}/12卷3期/12卷3期_半導體供應鏈韌性與在地化.pdf"
    # 附件三 asks bookmarks of a book's print body only: a serial's article is not judged
    assert article["checks"]["bookmarks"] == "skip"
    assert checks["年報封面.pdf"]["checks"]["bookmarks"] == "skip"
    report = "".join(pdf_text(built / "檢查報告.pdf").split())
    assert "檢查規格：印製用PDF檔（附件三）" in report
    assert "附件三（附件三）" not in report
    assert "12卷3期_半導體供應鏈韌性與在地化.pdf" in report  # files by their package names
    assert "a1.pdf" not in report
    label = pdf_text(built / "光碟碟面.pdf")
    assert "GPN：1011500057" in label
    assert "卷期：12卷3期" in label


def test_the_package_rechecks_bookmarks_against_the_toc(  # type: ignore[no-untyped-def]
        db: Database, workspace, tmp_path: Path) -> None:
    """Issue 17 (6): a body whose bookmarks fail against the TOC on the check page went into
    the 文化部 package with "bookmarks": "pass" — the re-check left the TOC out."""
    with db.session() as session:
        body = session.query(EFile).filter(EFile.role == EFileRole.PRINT_BODY).one()
        body.path = str(pdf(tmp_path / "efiles" / "沒有書籤.pdf", pages=400))
    with db.session() as session, pytest.raises(ExportRefused) as info:
        build_package(session, "moc", [workspace.books[0]], tmp_path / "moc", overrides=[
            Override("年報封面.pdf", "colour_space", "封面另由印刷廠轉檔")])
    assert ("bookmarks" in {check for _file, check, _message in info.value.failures})


def test_ncl_and_deposit_packages(db: Database, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_numbering_documents(db, workspace, tmp_path / "output")
    from app.services.deposit import plan_deposit

    with db.session() as session:
        plan_deposit(session, workspace.books[0])
    with db.session() as session:
        ncl = build_package(session, "ncl", [workspace.books[1]], tmp_path / "ncl", as_zip=True)
        with pytest.raises(PubDeskError, match="沒有 ISBN／CIP 申請案"):
            build_package(session, "ncl", [workspace.books[0]], tmp_path / "ncl2")
        deposit = build_package(session, "deposit", [workspace.books[0]], tmp_path / "dep")
    with zipfile.ZipFile(ncl) as archive:
        names = set(archive.namelist())
    assert f"{_folder(db, workspace.books[1])}/版權頁.pdf" in names
    assert "manifest.json" in names
    assert (deposit / _folder(db, workspace.books[0]) / "寄存標籤.pdf").exists()
    assert not (tmp_path / "ncl2").exists()


def test_moc_needs_a_consent_letter(db: Database, tmp_path: Path) -> None:
    sample = build_sample(db)
    with db.session() as session, pytest.raises(PubDeskError, match="授權函"):
        build_package(session, "moc", [sample.books[0]], tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_records_sharing_a_title_never_share_a_folder(db: Database, unit_id: int,
                                                      tmp_path: Path) -> None:
    """Defect 5 of issue 12: the print book and its e-book, and awkward titles that make the
    same safe name, used to write into one folder and overwrite each other's files."""
    from app.models import PublicationForm, RelationKind
    from app.services.deposit import plan_deposit
    from app.services.publications import copy_publication
    from tests.app.factories import add_book

    titles = ["報告...", "報告. . .", "a:b", "a?b", "a*b", "..", ".", "年報/上冊", "CON"]
    ids = [add_book(db, unit_id, title, gpn=None) for title in titles]
    with db.session() as session:
        ids.append(copy_publication(session, ids[0], RelationKind.OTHER_FORM,
                                    PublicationForm.EBOOK).id)
        for publication_id in ids:
            plan_deposit(session, publication_id)
    with db.session() as session:
        built = build_package(session, "deposit", ids, tmp_path / "dep", on=date(2026, 11, 30))
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    folders = {f["path"].split("/")[0] for f in manifest["files"]}
    assert len(folders) == len(ids)
    on_disk = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    assert {f["path"] for f in manifest["files"]} == on_disk - {"manifest.json", "目錄.html"}
    for entry in manifest["files"]:
        data = (built / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
