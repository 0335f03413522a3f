"""Make the README screenshots: a sample workspace, then each page grabbed as a user sees it.

    python tools/screenshots.py OUTPUT_DIR        (needs a display, e.g. Xvfb, or offscreen)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from app.db import Database, open_database
from app.models import PublicationForm, PublicationType, RelationKind
from app.paths import resolve_locations
from app.services.publication_rules import ContributorData, PublicationData
from app.services.publications import copy_publication, create_publication
from app.services.serials import ArticleData, IssueData, add_issue, set_articles
from app.services.toc_service import import_toc_text
from app.services.units import ContactData, UnitData, save_contacts, save_unit
from app.settings import Settings
from ui.main import prepare_application
from ui.mainwindow import MainWindow

SAMPLE_TOC = """序……i
圖目次……iii
表目次……v
第一章　緒論……1
　第一節　研究背景……2
　第二節　研究方法……5
　　一、文獻回顧……6
　　二、深度訪談……8
第二章　產業現況……11
　第一節　製造業……13
　第二節　服務業……27
參考文獻……120"""


def sample_workspace(db: Database) -> int:
    """A unit, two books (one with its e-book form), a serial with an issue. Returns the
    first book's id."""
    with db.session() as session:
        unit = save_unit(session, UnitData(
            "經濟部產業發展署", "產發署", "100", "臺北市中正區福州街15號", "(02)2321-2200",
            "(02)2357-7000", "service@ida.gov.tw", "https://www.ida.gov.tw", "產發"))
        save_contacts(session, unit, [ContactData("林怡君", "專員", "(02)2321-2200#8123",
                                                  "", "lin@ida.gov.tw", True)])
        book = create_publication(session, PublicationData(
            unit_id=unit, title="2026臺灣產業發展年報", subtitle="邁向淨零與數位轉型",
            published_year=2026, published_month=8, pages=240, size_cm="21×29.7",
            price_ntd=450, gpn="1011500057", isbn="9789860000009",
            contributors=[ContributorData("王小明"), ContributorData("陳美華")])).id
        import_toc_text(session, book, SAMPLE_TOC)
        copy_publication(session, book, RelationKind.OTHER_FORM, PublicationForm.EBOOK)
        create_publication(session, PublicationData(
            unit_id=unit, title="中小企業白皮書", published_year=2026, published_month=6,
            pages=320, price_ntd=600, gpn="1011500046"))
        serial = create_publication(session, PublicationData(
            unit_id=unit, title="產業經濟季刊", pub_type=PublicationType.SERIAL,
            issn="0317-8471", gpn="2009100011", price_ntd=150)).id
        issue = add_issue(session, serial, IssueData("12", "3", 2026, 9))
        set_articles(session, issue, [ArticleData("半導體供應鏈韌性", "李志明", "1", "20"),
                                      ArticleData("綠色轉型與淨零排放", "張雅婷", "21", "40"),
                                      ArticleData("中小企業數位化調查", "黃建國", "41", "58")])
        return book


def save(widget: QWidget, path: Path) -> None:
    """Grab a widget to PNG."""
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    locations = resolve_locations(tempfile.mkdtemp(prefix="pubdesk-shots-"), environ={})
    app = QApplication(sys.argv[:1])
    prepare_application(app, "zh_TW", locations)
    db = open_database(locations)
    book = sample_workspace(db)
    window = MainWindow(db, Settings(), locations)
    window.resize(1400, 860)
    window.show()
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
    window.close()
    db.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
