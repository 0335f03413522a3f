"""Make the README screenshots: a sample workspace, then each page grabbed as a user sees it.

    python tools/screenshots.py OUTPUT_DIR [en]   (needs a display, e.g. Xvfb, or offscreen)

With `en`, the same tour in English (docs/screenshots/en).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QWidget

from app.db import open_database
from app.demo import build_sample, write_sample_documents
from app.paths import resolve_locations
from app.pdfcheck import check_files
from app.services.consent_texts import ConsentScope
from app.settings import Settings
from ui.main import prepare_application
from ui.mainwindow import MainWindow
from ui.pages.viewer_page import render_page


def render_first_page(pdf: Path, png: Path, width: int = 900) -> None:
    """A generated PDF's first page as a picture (QtPdf)."""
    document = QPdfDocument(None)
    document.load(str(pdf))
    render_page(document, 0, width).save(str(png))
    print(png)


def save(widget: QWidget, path: Path) -> None:
    """Grab a widget to PNG."""
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(out: Path, language: str = "zh_TW") -> None:
    out.mkdir(parents=True, exist_ok=True)
    locations = resolve_locations(tempfile.mkdtemp(prefix="pubdesk-shots-"), environ={})
    app = QApplication(sys.argv[:1])
    prepare_application(app, language, locations)
    db = open_database(locations)
    sample = build_sample(db)
    book = sample.books[0]
    documents = write_sample_documents(db, sample, locations.data_dir / "output", date.today())
    window = MainWindow(db, Settings(language=language), locations)
    window.resize(1280, 800)
    window.show()
    window.agenda.today = date(2027, 3, 15)  # a day after the demo's dates: things are due
    window.show_page("agenda")
    window.agenda.reload()
    while not window.agenda.is_loaded():  # computed in the background
        app.processEvents()
    save(window, out / "agenda.png")
    window.show_page("publications")
    page = window.publications
    page.open_publication(book)
    save(window, out / "publications.png")
    page.detail_tabs.setCurrentWidget(page.toc_editor)
    save(window, out / "toc.png")
    serial_row = next(r for r in range(page.model.rowCount())
                      if page.model.data(page.model.index(r, 0)) == "產業經濟季刊")
    page.open_publication(page.model.id_at(serial_row))
    page.detail_tabs.setCurrentWidget(page.issues_editor)
    save(window, out / "issues.png")
    window.show_page("settings")
    save(window, out / "settings.png")
    window.show_page("numbering")
    guide = window.show_guide()  # F1 on the numbering page
    save(guide, out / "guide.png")
    guide.close()
    window.show_page("consent")
    window.consent.select_book(sample.books[0], {ConsentScope.DIGITAL_ARCHIVE,
                                                 ConsentScope.PREVIEW})
    window.consent.select_book(sample.books[1], all_rights=True)
    window.consent.make_draft()
    save(window, out / "consent.png")
    window.show_page("numbering")
    window.numbering.publication.set_current(sample.books[1])
    window.numbering.new_application()
    window.numbering.tabs.setCurrentIndex(2)
    save(window, out / "numbering.png")
    window.show_page("deposit")
    window.deposit.publication.set_current(sample.books[0])
    window.deposit.make_plan()
    save(window, out / "deposit.png")
    window.show_page("consignment")
    window.consignment.tabs.setCurrentIndex(0)
    window.consignment.list_publication.set_current(sample.books[0])
    window.consignment.list_copies.setValue(30)
    window.consignment.list_sample.setChecked(True)
    window.consignment.add_title()
    window.consignment.list_publication.edit.setText("白皮書")
    window.consignment.list_publication.search_now("白皮書")
    save(window, out / "consignment.png")
    window.consignment.list_publication.completer.popup().hide()
    window.show_page("packages")
    window.packages.choose(sample.books[0])
    save(window, out / "packages.png")
    window.show_page("checks")
    pdfs = [str(p) for p in documents if p.suffix == ".pdf"][:3]
    window.checks.add_paths(pdfs)
    window.checks.show_reports(check_files(pdfs, isolated=False))
    save(window, out / "checks.png")
    letter = next(p for p in documents if p.name == "圖書授權函.pdf")
    window.preview(letter, letter.with_suffix(".docx"))
    save(window, out / "preview.png")
    for pdf, name in ((letter, "letter.png"),
                      (next(p for p in documents if p.name == "圖書之利用清單.pdf"), "list.png")):
        render_first_page(pdf, out / name)
    # File → Import a publication list: the report before anything is written.
    from openpyxl import Workbook

    from app.services.publication_lists import COLUMNS, plan_import
    from ui.audit_dialog import AuditDialog
    from ui.publication_list_io import ImportReportDialog

    headers = [c.header for c in COLUMNS]
    book_sheet = Workbook()
    sheet = book_sheet.active
    assert sheet is not None
    sheet.append(headers)
    for values in ({"出版機關": "經濟部產業發展署", "題名": "2025臺灣產業發展年報", "出版年月": "114年8月",
                    "著作者": "王小明（主編）", "GPN": "1011400057", "ISBN": "978-986-5431-29-7",
                    "定價": 450},
                   {"出版機關": "經濟部產業發展署", "題名": "產業人才白皮書", "ISBN": "9789865431299"},
                   {"出版機關": "經濟部工業局", "題名": "工業統計年報"},
                   {"出版機關": "經濟部產業發展署", "題名": "中小企業統計", "GPN": "1011500046"}):
        sheet.append([values.get(h) for h in headers])
    listing = locations.data_dir / "出版品清單.xlsx"
    book_sheet.save(listing)
    with db.session() as session:
        plan = plan_import(session, listing)
    report = ImportReportDialog(db, listing, plan, window)
    save(report, out / "import.png")
    report.close()
    changes = AuditDialog(db, window)
    save(changes, out / "all_changes.png")
    changes.close()
    # Last, since it changes the sample: a deleted publication in the recycle bin.
    from PySide6.QtWidgets import QMessageBox

    window.show_page("publications")
    window.publications.open_publication(sample.ebook_id)
    asked = QMessageBox.warning
    QMessageBox.warning = lambda *_a, **_k: QMessageBox.StandardButton.Yes  # type: ignore[method-assign,assignment]
    window.publications.delete_current()
    QMessageBox.warning = asked  # type: ignore[method-assign]
    recycle_bin = window.publications.open_recycle_bin()
    save(recycle_bin, out / "recycle_bin.png")
    recycle_bin.close()
    window.close()
    db.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"),
         sys.argv[2] if len(sys.argv) > 2 else "zh_TW")
