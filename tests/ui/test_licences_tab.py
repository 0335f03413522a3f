"""出版品 → 授權與審核 as an officer uses it (issue 31): a licence added through its dialog
(refused while incomplete, nothing saved), 附件二 注意事項's warning when it is exclusive after
a consent, a review recorded, the site marked updated — each saved at once, each on the
agenda and the checklist the moment it changes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from app.models import Licence, Publication, PublicationReview, PublishingUnit
from app.services.agenda import agenda
from app.services.gpn_site import changed_fields
from app.services.licences import MOC_NOTE
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book
from ui.pages.publications.licences_tab import LicenceDialog


@pytest.fixture
def officer(make_window):  # type: ignore[no-untyped-def]
    window, db, _locations = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部產業發展署"))
    book = add_book(db, unit, "產業年報")
    window.hub.announce("publishing_units")
    window.show_page("publications")
    page = window.page("publications")
    page.open_record(book)
    page.detail_tabs.setCurrentWidget(page.licences)
    return window, db, page, book, unit


def _answer_dialog(monkeypatch: pytest.MonkeyPatch, fill) -> list[LicenceDialog]:  # type: ignore[no-untyped-def]
    opened: list[LicenceDialog] = []

    def run(dialog: LicenceDialog) -> int:
        opened.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(LicenceDialog, "exec", run)
    return opened


def test_a_licence_is_refused_until_complete_then_listed(officer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _window, db, page, book, _unit = officer
    tab = page.licences

    def incomplete(dialog: LicenceDialog) -> None:
        dialog.part.setChecked(True)
        dialog.fee.setText("三萬")
        dialog.save()
        assert "whole number" in dialog.error.text() or "整數" in dialog.error.text()
        dialog.fee.setText("30,000")
        dialog.save()  # no licensee, no uses: the core refuses
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error.text()

    _answer_dialog(monkeypatch, incomplete)
    tab.add_button.click()
    with db.session() as session:
        assert session.query(Licence).count() == 0

    def complete(dialog: LicenceDialog) -> None:
        dialog.licensee.setText("遠流出版公司")
        dialog.part.setChecked(True)
        dialog.uses.setPlainText("重製、發行（紙本）")
        dialog.fee.setText("30,000")
        dialog.ends.set_value(date.today().replace(year=date.today().year + 2))
        dialog.save()

    _answer_dialog(monkeypatch, complete)
    tab.add_button.click()
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 0).text() == "遠流出版公司"
    assert "NT$30,000" in tab.table.item(0, 4).text()
    with db.session() as session:
        [licence] = session.query(Licence).all()
        assert licence.publication_id == book
        assert licence.fee_ntd == 30000
        assert not licence.whole


def test_an_exclusive_licence_after_consent_warns(officer, monkeypatch, modal_dialogs) -> None:  # type: ignore[no-untyped-def]
    _window, db, page, book, _unit = officer
    with db.session() as session:
        session.get(Publication, book).consent_sent_on = date(2026, 10, 1)

    def exclusive(dialog: LicenceDialog) -> None:
        dialog.licensee.setText("某數位平臺")
        dialog.exclusive.setChecked(True)
        dialog.save()

    _answer_dialog(monkeypatch, exclusive)
    page.licences.add_button.click()
    assert any(MOC_NOTE in text for kind, text in modal_dialogs if kind == "warning")
    assert MOC_NOTE in page.licences.conflict.text()


def test_review_and_site_upkeep_from_the_tab(officer) -> None:  # type: ignore[no-untyped-def]
    _window, db, page, book, unit = officer
    tab = page.licences
    with db.session() as session:
        session.get(PublishingUnit, unit).review_required = True
        item_kinds = {i.kind for i in agenda(session, date.today())}
    assert "review_due" in item_kinds
    tab.load(book)
    assert "Not reviewed" in tab.review_state.text() or "尚未審核" in tab.review_state.text()
    tab.reviewer.setText("林怡君")
    tab.review_note.setText("版權頁已核對")
    tab.review_button.click()
    with db.session() as session:
        [review] = session.query(PublicationReview).all()
        assert (review.publication_id, review.reviewer, review.note) == (book, "林怡君", "版權頁已核對")
        assert "review_due" not in {i.kind for i in agenda(session, date.today())}
    assert "林怡君" in tab.review_state.text()
    with db.session() as session:
        session.get(Publication, book).price_ntd = 999
    tab.load(book)
    assert "定價" in tab.site_state.text() or "price" in tab.site_state.text()
    with db.session() as session:
        assert changed_fields(session, book)
    tab.site_button.click()
    with db.session() as session:
        assert changed_fields(session, book) == []
        assert "gpn_site_outdated" not in {i.kind for i in agenda(session, date.today())}


def test_delete_asks_first(officer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _window, db, page, _book, _unit = officer

    def simple(dialog: LicenceDialog) -> None:
        dialog.licensee.setText("乙公司")
        dialog.save()

    _answer_dialog(monkeypatch, simple)
    page.licences.add_button.click()
    page.licences.table.selectRow(0)
    page.licences.delete_button.click()  # the fixture answers No: kept
    with db.session() as session:
        assert session.query(Licence).count() == 1
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page.licences.delete_button.click()
    with db.session() as session:
        assert session.query(Licence).count() == 0
    assert page.licences.table.rowCount() == 0
