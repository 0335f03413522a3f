"""The consent workflow through the real page, and the preview page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from app.demo import build_sample
from app.services.consent import consent_history
from app.services.consent_texts import ConsentScope
from app.services.publications import publication_data
from tests.pdf_helpers import page_count, pdf_text
from tests.ui.conftest import commit_text, pick_publication


def test_two_books_scopes_generate_preview_history(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    window, db, locations = make_window()
    sample = build_sample(db)
    window.hub.announce("publications")
    window.show_page("consent")
    page = window.consent
    assert page.books.rowCount() == 0, "books are added one by one, not listed by the thousand"
    # The serial is not offered among the serials' issues chooser for books and vice versa.
    assert page.serial.search_now("") == 1

    # Nothing chosen: a clear message, nothing written.
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    assert "至少選擇" in page.error.text()
    assert not page.output_button.isEnabled()

    # A scope missing on one book: the message names the book.
    page.select_book(sample.books[0], {ConsentScope.DIGITAL_ARCHIVE, ConsentScope.PREVIEW})
    page.select_book(sample.books[1])
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    assert "2026中小企業白皮書" in page.error.text()

    page.select_book(sample.books[1], all_rights=True)
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    assert page.error.text() == ""
    assert page.subject.toPlainText().startswith("檢送下列出版品紙本各1冊")
    assert "2026臺灣產業發展年報（1011500057）" in page.items.toPlainText()

    # The officer edits 說明 before output (typed with an input method).
    cursor = page.items.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    page.items.setTextCursor(cursor)
    commit_text(page.items, "\n請惠予辦理。")
    qtbot.mouseClick(page.output_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page_key() == "viewer", timeout=20000)

    viewer = window.viewer
    assert viewer.pdf_path is not None
    assert viewer.pdf_path.name == "圖書授權函.pdf"
    assert viewer.page_count() == 1
    text = pdf_text(viewer.pdf_path)
    assert "三、請惠予辦理。" in text
    assert viewer.buttons["word"].isEnabled()

    with db.session() as session:
        history = consent_history(session)
        data, _ = publication_data(session, sample.books[0])
    assert len(history) == 1
    assert history[0].titles == ["2026中小企業白皮書", "2026臺灣產業發展年報"], "table order"
    assert data.status.value == "consent_sent"
    assert page.history.rowCount() == 1
    assert "2026中小企業白皮書" in page.history.item(0, 3).text()

    # The publication shows the consent with its date.
    window.publications.open_publication(sample.books[0])
    checklist = window.publications.form.milestones.text()
    assert "授權利用送文化部</b>（中華民國" in checklist

    # From the history, the letter opens again in the preview.
    window.show_page("consent")
    viewer.show_document(Path(__file__))  # something else is shown meanwhile
    page._open_history(0, 0)
    assert viewer.pdf_path is not None
    assert viewer.pdf_path.name == "圖書授權函.pdf"

    # Printing renders every page (to a PDF printer here).
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    viewer.print_to(printer)
    assert page_count(printed) == 1
    del locations


def test_serial_issue_consent(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    sample = build_sample(db)
    window.hub.announce("publications")
    page = window.consent
    page.serial_mode.setChecked(True)
    assert page.issue.count() == 0, "no serial chosen yet"
    pick_publication(page.serial, sample.serial_id)
    assert page.issue.count() == 1
    assert page.articles.rowCount() == 3
    # 摘要 excludes 全文(含摘要) on the same row.
    page.articles.item(2, 3).setCheckState(Qt.CheckState.Checked)
    assert page.articles.item(2, 2).checkState() == Qt.CheckState.Unchecked
    assert page.make_draft()
    assert page.subject.toPlainText().startswith("檢送「產業經濟季刊」12卷3期（115年9月）")
    page.articles.item(0, 2).setCheckState(Qt.CheckState.Unchecked)
    assert not page.make_draft()
    assert "沒有勾選全文" in page.error.text()


def test_viewer_refuses_a_damaged_pdf(make_window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      modal_dialogs) -> None:
    window, _db, _ = make_window()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    window.preview(broken)
    assert window.current_page_key() != "viewer"
    assert any("損壞" in text for _kind, text in modal_dialogs)


def test_printing_caps_the_page_image_and_follows_the_page_range(make_window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch) -> None:
    """A 1,200-dpi printer gets 300-dpi page images (not a 560 MB image per page), and only
    the pages chosen in the print dialog."""
    from app.documents.model import HeaderCell, Table
    from app.documents.pdf_writer import write_table_pdf
    from ui.pages import viewer_page

    rows = [[str(i), f"書名第{i}號"] for i in range(1, 120)]
    pdf = write_table_pdf(Table("清單", [[HeaderCell("序號"), HeaderCell("題名")]], rows, [1, 6]),
                          tmp_path / "清單.pdf")
    window, _db, _ = make_window()
    window.preview(pdf, None)
    viewer = window.page("viewer")
    total = page_count(pdf)
    assert total >= 3
    widths: list[int] = []
    real_render = viewer_page.render_page
    monkeypatch.setattr(viewer_page, "render_page",
                        lambda document, index, width: widths.append(width)
                        or real_render(document, index, width))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(1200)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert viewer.print_to(printer)
    assert len(widths) == 2
    landscape_a4_inches = 297 / 25.4
    assert max(widths) <= landscape_a4_inches * viewer_page.PRINT_DPI + 1
    assert page_count(tmp_path / "printed.pdf") == 2


def test_the_chinese_screen_has_chinese_column_headers(make_window) -> None:  # type: ignore[no-untyped-def]
    """Issue 33 finding 4: the scope and e-file headers were looked up under another context
    than lupdate gave them, and showed in English on the zh-TW screen."""
    window, _db, _ = make_window()
    window.show_page("consent")
    page = window.consent
    books = [page.books.horizontalHeaderItem(c).text() for c in range(page.books.columnCount())]
    articles = [page.articles.horizontalHeaderItem(c).text()
                for c in range(page.articles.columnCount())]
    for english in ("Archive", "Reading", "Preview", "E-book", "On demand", "Reprint",
                    "Final cover", "Final body", "Print cover", "Print body", "Scan"):
        assert english not in books + articles
    assert {"典藏", "閱覽", "試閱", "定稿封面", "印製內文"} <= set(books)


def test_the_issuing_unit_follows_the_books(make_window) -> None:  # type: ignore[no-untyped-def]
    """Issue 33 finding 3: 發文機關 defaulted to the first unit by name (經濟部) whatever the
    books; now the first book chooses it, with its contact, and another unit's book is kept
    off the letter with a sentence."""
    from app.services.publication_rules import PublicationData
    from app.services.publications import create_publication
    from app.services.units import UnitData, save_unit

    window, db, _ = make_window()
    sample = build_sample(db)
    with db.session() as session:
        ministry = save_unit(session, UnitData(full_name="經濟部", short_name="經濟部"))
        theirs = create_publication(session, PublicationData(
            unit_id=ministry, title="經濟部年報", gpn="1011500099", price_ntd=100)).id
    window.hub.announce("publishing_units")
    window.hub.announce("publications")
    window.show_page("consent")
    page = window.consent
    assert page.unit.currentText() == "經濟部", "the first by name, as before any book"
    assert page.add_book(sample.books[0]) == 0
    assert page.unit.currentData() == sample.unit_id
    with db.session() as session:
        from app.services.units import contact_choices

        own_contacts = [name for _id, name, _default in contact_choices(session, sample.unit_id)]
    assert own_contacts, "the demo unit has its contact person"
    assert [page.contact.itemText(i) for i in range(page.contact.count())] == own_contacts
    assert page.add_book(theirs) == -1
    assert "經濟部年報" in page.error.text()
    assert page.books.rowCount() == 1
