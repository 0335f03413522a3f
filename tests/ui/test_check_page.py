"""The e-file checks page, driven like an officer would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.demo import build_sample
from app.services.efiles import efiles_of, stored_report
from tests.app.pdfcheck.test_structure import book
from tests.pdf_helpers import pdf_text
from tests.ui.conftest import pick_publication


def test_check_keep_export_and_write_bookmarks(make_window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window, db, _locations = make_window()
    sample = build_sample(db)
    window.hub.announce("publications")
    window.show_page("checks")
    page = window.checks
    body = book(tmp_path, pages=130)
    bad = tmp_path / "download.pdf"
    bad.write_text("<html><body>404</body></html>")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "inner.pdf").write_bytes(body.read_bytes())
    page.add_paths([str(body), str(bad), str(folder)])
    assert page.files.count() == 3
    pick_publication(page.publication, sample.books[0])

    qtbot.mouseClick(page.buttons["run"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.results.topLevelItemCount() == 3, timeout=60000)
    tops = [page.results.topLevelItem(i) for i in range(3)]
    download = next(t for t in tops if t.text(0) == "download.pdf")
    assert download.text(1) == "不符合"
    assert "HTML" in download.text(2)
    rank = {"不符合": 0, "請注意": 1, "通過": 2}
    assert [rank[t.text(1)] for t in tops] == sorted(rank[t.text(1)] for t in tops)
    body_item = next(page.results.topLevelItem(i) for i in range(3)
                     if page.results.topLevelItem(i).text(0) == "book.pdf")
    checks = {body_item.child(i).text(0): body_item.child(i).text(1)
              for i in range(body_item.childCount())}
    assert checks["書籤"] == "不符合", "no bookmarks while the TOC has 13 entries"

    with db.session() as session:
        kept = efiles_of(session, sample.books[0])
        assert {Path(e.path).name for e in kept} == {"book.pdf", "download.pdf", "inner.pdf"}
        record = next(e for e in kept if e.path.endswith("book.pdf"))
        assert record.check_status == "fail"
        assert len(record.sha256) == 64
        assert stored_report(session, record.id).checks["bookmarks"].evidence["differences"]

    report = tmp_path / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(report), "*.pdf"))
    qtbot.mouseClick(page.buttons["pdf"], Qt.MouseButton.LeftButton)  # saved in the worker
    qtbot.waitUntil(lambda: window.current_page_key() == "viewer", timeout=20_000)
    assert "電子檔檢查報告" in pdf_text(report)

    copy = tmp_path / "book-bookmarks.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(copy), "*.pdf"))
    window.show_page("checks")
    page.files.setCurrentRow(0)
    qtbot.mouseClick(page.buttons["bookmarks"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(copy.exists, timeout=20000)
    qtbot.waitUntil(lambda: page.files.count() == 4)
    page.files.clear()
    page.add_paths([str(copy)])
    qtbot.mouseClick(page.buttons["run"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.results.topLevelItemCount() == 1
                    and page.results.topLevelItem(0).text(0) == copy.name, timeout=60000)
    item = page.results.topLevelItem(0)
    checks = {item.child(i).text(0): item.child(i).text(1) for i in range(item.childCount())}
    assert checks["書籤"] == "通過"
