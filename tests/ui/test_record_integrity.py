"""What a record shows and what it receives belongs to that record (issue 12, defects 2–4)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

from app.db import make_backup
from app.demo import build_sample
from app.models import ApplicationKind, Publication, PublicationType, SerialIssue


def test_a_new_publication_never_receives_the_previous_serials_issues(make_window) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    window.hub.announce("publishing_units")
    window.hub.announce("publications")
    page = window.publications
    page.open_publication(sample.serial_id)
    assert page.issues_editor.issues.rowCount() == 1
    page.new_publication()
    page.form.pub_type.set_value(PublicationType.SERIAL)
    assert page.issues_editor.issues.rowCount() == 0, "the other serial's issues are not shown"
    page.issues_editor.volume.setText("1")
    page.issues_editor.number.setText("1")
    page.issues_editor.roc_year.setText("115")
    page.issues_editor.add_issue()
    assert "先儲存出版品" in page.issues_editor.issue_error.text()
    with db.session() as session:
        counts = dict(session.execute(select(SerialIssue.publication_id, func.count())
                                      .group_by(SerialIssue.publication_id)).all())
    assert counts == {sample.serial_id: 1}


def test_after_a_restore_no_page_keeps_a_record_from_before(  # type: ignore[no-untyped-def]
        make_window, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    window, db, locations = make_window()
    sample = build_sample(db)
    window.hub.announce("publishing_units")
    window.hub.announce("publications")
    backup = make_backup(db, locations.backup_dir)
    page = window.publications
    page.open_publication(sample.books[0])
    window.numbering.publication.set_current(sample.books[1])
    window.deposit.publication.set_current(sample.books[0])
    window.consent.select_book(sample.books[0])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(backup), ""))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window.restore_backup()
    qtbot.waitUntil(lambda: page.current_id is None, timeout=20_000)
    assert page.form.title.text() == ""
    assert not page.save_button.isEnabled()
    assert window.numbering.publication_id() is None
    assert window.deposit.publication.current_id() is None
    assert window.consent.books.rowCount() == 0
    with db.session() as session:
        before = session.scalar(select(func.count()).select_from(Publication))
    page.save()  # nothing to save: no second record appears
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Publication)) == before



def test_numbering_fields_belong_to_the_selected_application(make_window) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    window.hub.announce("publications")
    page = window.numbering
    page.publication.set_current(sample.books[1])
    page.kind.set_value(ApplicationKind.ISBN_CIP)
    page.new_application()
    first = page.application_id
    page.kind.set_value(ApplicationKind.ISBN)  # not GPN: the book has one (only a correction)
    page.new_application()
    second = page.application_id
    assert first != second
    page.reply.setPlainText("請補目次")
    page.cip_text.setPlainText("CIP …")
    page.cip_card.setText("card.pdf")
    row = next(r for r in range(page.applications.rowCount())
               if page.applications.item(r, 0).data(256) == first)
    page.applications.selectRow(row)
    assert page.application_id == first
    assert (page.reply.toPlainText(), page.cip_text.toPlainText(), page.cip_card.text()) == \
        ("", "", "")
