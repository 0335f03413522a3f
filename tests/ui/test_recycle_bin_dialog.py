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
