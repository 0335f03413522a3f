"""Delete on the publications page goes to the recycle bin; the bin restores the record whole
and opens it; removing for good and emptying each ask first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.demo import build_sample
from app.models import Publication, RecycledPublication, TocEntry


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *_a, **_k: asked.append(text) or button)
    return asked


def test_delete_then_restore_from_the_bin(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    book = sample.books[0]
    with db.session() as session:
        toc_before = session.scalar(select(func.count()).select_from(TocEntry).where(
            TocEntry.publication_id == book))
    assert toc_before
    window.show_page("publications")
    pubs = window.publications
    pubs.open_publication(book)
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    pubs.delete_current()
    assert "資源回收筒" in asked[0]
    with db.session() as session:
        assert session.get(Publication, book) is None
    dialog = pubs.open_recycle_bin()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert "2026臺灣產業發展年報" in dialog.table.item(0, 0).text()
    dialog.restore_selected()
    assert dialog.table.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    assert pubs.current_id == book
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(TocEntry).where(
            TocEntry.publication_id == book)) == toc_before


def test_removing_for_good_and_emptying_ask_first(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    pubs = window.publications
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    for publication_id in (sample.books[0], sample.ebook_id):
        pubs.open_publication(publication_id)
        pubs.delete_current()
    dialog = pubs.open_recycle_bin()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog.purge_selected()
    dialog.empty()
    assert dialog.table.rowCount() == 2  # "No" keeps everything
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.purge_selected()
    assert dialog.table.rowCount() == 1
    dialog.empty()
    assert "1" in asked[-1]
    assert dialog.table.rowCount() == 0
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(RecycledPublication)) == 0


def _book_of_its_own_unit(db):  # type: ignore[no-untyped-def]
    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book

    with db.session() as session:
        unit = save_unit(session, UnitData(full_name="已裁撤的機關", doc_code="撤"))
    return unit, add_book(db, unit, "機關已刪的書")


def test_a_unit_deleted_since_is_asked_about_and_cancel_changes_nothing(  # type: ignore[no-untyped-def]
        make_window, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from app.models import PublishingUnit
    from app.services.units import delete_unit
    from ui.pages.publications.restore_dialog import RestoreDialog

    window, db, _ = make_window()
    unit, book = _book_of_its_own_unit(db)
    window.show_page("publications")
    pubs = window.publications
    pubs.refresh()
    pubs.open_publication(book)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    pubs.delete_current()
    with db.session() as session:
        delete_unit(session, unit)  # it has no publications left
    dialog = pubs.open_recycle_bin()
    qtbot.addWidget(dialog)
    seen: list[RestoreDialog] = []

    def cancel(asked: RestoreDialog) -> int:
        seen.append(asked)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(RestoreDialog, "exec", cancel)
    dialog.restore_selected()
    (asked,) = seen
    (choice,) = asked.choices.values()
    assert "已裁撤的機關" in choice.title()
    assert choice.recreate.isChecked(), "recreating from the bin is offered first"
    assert not choice.leave_out.isVisibleTo(choice), "a publication needs its unit"
    assert asked.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.table.rowCount() == 1
    with db.session() as session:
        assert session.get(Publication, book) is None
        assert session.scalar(select(func.count()).select_from(RecycledPublication)) == 1

    def recreate(asked: RestoreDialog) -> int:
        (choice,) = asked.choices.values()
        choice.recreate.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", recreate)
    dialog.restore_selected()
    assert dialog.table.rowCount() == 0
    assert pubs.current_id == book
    with db.session() as session:
        assert session.get(Publication, book).unit_id == unit  # type: ignore[union-attr]
        assert session.get(PublishingUnit, unit).full_name == "已裁撤的機關"  # type: ignore[union-attr]


def test_the_restore_dialog_needs_every_choice_and_asks_only_what_is_needed(  # type: ignore[no-untyped-def]
        make_window, qtbot) -> None:
    """Driven offscreen: a unit that may be recreated or replaced, a consignment list that
    may be left empty, the unit of that list (asked only if the list is recreated), and a
    related publication chosen by search — OK only once every needed choice is made."""
    from PySide6.QtWidgets import QComboBox, QDialogButtonBox

    from app.services.recycle_bin import MissingReference, Resolution, RestorePlan
    from app.services.units import UnitData, save_unit
    from tests.app.factories import add_book
    from tests.ui.conftest import pick_publication
    from ui.pages.publications.restore_dialog import RestoreDialog
    from ui.picker import PublicationPicker

    window, db, _ = make_window()
    with db.session() as session:
        other_unit = save_unit(session, UnitData(full_name="接手的機關", doc_code="接"))
    other_book = add_book(db, other_unit, "接手的原書", gpn=None)

    def missing(table: str, row_id: int, name: str, **changes: object) -> MissingReference:
        values = {"what": "機關", "used_by": 1, "needed_for": ("出版品",), "recreatable": True,
                  "may_leave_out": False, "leaves_empty": False, "same_name_id": None,
                  "in_bin": False, "needed_by": ()} | changes
        return MissingReference(table, row_id, name=name, **values)  # type: ignore[arg-type]

    unit = missing("publishing_units", 90, "已裁撤的機關")
    listed = missing("consignment_lists", 91, "展售清單 2026-11-30", what="展售清單",
                     may_leave_out=True, leaves_empty=True, needed_for=("送書",))
    list_unit = missing("publishing_units", 92, "清單的機關", needed_by=(listed.key,))
    related = missing("publications", 93, "原書", what="出版品", recreatable=False,
                      may_leave_out=True, in_bin=True, needed_for=("相關出版品",))
    plan = RestorePlan(1, "要還原的書", [unit, listed, list_unit, related])
    dialog = RestoreDialog(db, plan, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    choices = dialog.choices
    assert not choices[related.key].recreate.isEnabled()
    assert isinstance(choices[related.key].other, PublicationPicker)
    assert isinstance(choices[unit.key].other, QComboBox)
    assert choices[list_unit.key].isVisible(), "the list is to be recreated, so its unit"
    assert not ok.isEnabled(), "nothing chosen yet for the related publication"
    choices[listed.key].leave_out.setChecked(True)
    assert not choices[list_unit.key].isVisible(), "an empty list field needs no unit"
    pick_publication(choices[related.key].other, other_book, "接手")
    assert choices[related.key].use_other.isChecked()
    assert ok.isEnabled()
    combo = choices[unit.key].other
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(other_unit))
    assert choices[unit.key].use_other.isChecked()
    assert dialog.resolutions() == {unit.key: Resolution.use(other_unit),
                                    listed.key: Resolution.leave_out(),
                                    related.key: Resolution.use(other_book)}
    choices[listed.key].recreate.setChecked(True)
    assert choices[list_unit.key].isVisible()
    assert ok.isEnabled(), "recreating is chosen by default where the bin has a copy"
    assert list_unit.key in dialog.resolutions()
