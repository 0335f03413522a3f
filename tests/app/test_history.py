"""A publication's history: its own changes, its parts' (deleted ones too), and 確認出版."""

from datetime import date

from app.db import Database
from app.services.history import publication_history
from app.services.numbering import confirm_publication
from app.services.publications import publication_data, update_publication
from app.services.toc_service import save_toc, toc_for_edit
from app.toc import TocLine
from tests.app.factories import add_book


def test_history_tells_who_changed_what(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id)
    other = add_book(db, unit_id, "別的書")
    with db.session() as session:
        session.info["os_user"] = "林怡君"
        data, version = publication_data(session, pub_id)
        data.price_ntd = 520
        update_publication(session, pub_id, data, expected_version=version)
    with db.session() as session:
        version = save_toc(session, pub_id, [TocLine(1, "第一章"), TocLine(1, "附錄")],
                           expected_version=toc_for_edit(session, pub_id)[1])
        save_toc(session, other, [TocLine(1, "別的目次")],
                 expected_version=toc_for_edit(session, other)[1])
    with db.session() as session:
        save_toc(session, pub_id, [TocLine(1, "第一章")], expected_version=version)
        confirm_publication(session, pub_id, date(2026, 9, 1), pages=256)
    with db.session() as session:
        rows = publication_history(session, pub_id)
    whats = [(r.what, r.field, r.old, r.new) for r in rows]
    assert ("出版品 修改", "定價", "450", "520") in whats
    # The app's name for the officer, beside the database's own user (app.db.audit_triggers).
    assert next(r for r in rows if r.field == "定價").who.startswith("林怡君（")
    assert any(r.what == "目次 刪除" and "附錄" in r.old for r in rows), "a deleted TOC line"
    assert any(r.what == "確認出版" and r.field == "頁數" and r.new == "256" for r in rows)
    assert not any("別的目次" in (r.old + r.new) for r in rows), "another book's parts stay out"
    assert rows == sorted(rows, key=lambda r: r.at, reverse=True)


def test_changes_are_told_in_words(db: Database, unit_id: int) -> None:
    """Field names and coded values as the officer reads them: 狀態 規劃中 → 已出版, not
    status numbered → printed; a deleted row without its bookkeeping columns."""
    from app.models import PublicationStatus
    from app.services.history import AuditFilter, audit_rows
    from app.services.publications import load_publication

    book = add_book(db, unit_id)
    with db.session() as session:
        load_publication(session, book).status = PublicationStatus.PRINTED
    with db.session() as session:
        rows = audit_rows(session, AuditFilter(entity="publications", entity_id=book))
    assert ("狀態", "已編號", PublicationStatus.PRINTED.label) in [(r.field, r.old, r.new)
                                                                 for r in rows]


def test_a_deleted_row_is_told_in_words_not_column_names(db: Database, unit_id: int) -> None:
    """Issue 33 finding 7: the audit view showed a removed deposit line as raw
    「include_efiles：False」."""
    from app.services.deposit import plan_deposit, remove_line
    from app.services.history import AuditFilter, audit_rows

    book = add_book(db, unit_id, "產業年報")
    with db.session() as session:
        lines = plan_deposit(session, book)
    assert lines, "a new workspace has its deposit libraries (seeded reference data)"
    with db.session() as session:
        remove_line(session, lines[0], "重複寄存")
    with db.session() as session:
        rows = [r for r in audit_rows(session, AuditFilter(entity="deposit_lines"))
                if r.what == "刪除"]
    assert rows
    told = rows[0].old
    assert "include_efiles" not in told
    assert "False" not in told
    assert "True" not in told
    assert "含電子檔：" in told
