"""The stress data of the document conformance tests (issue 29), built once per test module:
`pubdesk demo`, a 151-book consent (a 200-character title with 𠀋𡘙𪚥 and a 300-character 備註
on its first book), an 80-title 附件一, a 版權頁 with NCL's CIP block (full-width spaces), a
check report with long evidence, and 利用清單 whose first 備註 is 100–600 characters long (each
length once broke the PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.db import open_database
from app.demo import make_demo
from app.documents.model import Table

RARE = "𠀋𡘙𪚥"
LONG_TITLE = ("臺灣產業發展與數位轉型政策研究" + RARE + "：製造業淨零排放之路徑") * 6
LONG_TITLE = LONG_TITLE[:200]
LONG_REMARK = ("本出版品部分圖片之著作財產權屬第三人所有，利用時應另行取得授權；" * 10)[:300]
EDITABLE = (".docx", ".odt", ".xlsx", ".ods")
CONSENT_COLUMNS = ["序號", "題名", "GPN", "出版年月", "精/平裝", "定價", "數位典藏", "數位閱覽服務",
                   "部分內容試閱", "製作電子書銷售", "隨選列印銷售", "重製加印", "全部同意", "備註",
                   "電子檔類型"]
"""附件二（二）圖書之利用清單's columns, in the seed's order."""


CIP_BLOCK = ("國家圖書館出版品預行編目(CIP)資料\n"
             "臺灣產業發展年報. 2026／經濟部產業發展署編. -- 初版. -- 臺北市：經濟部產業發展署，"
             "民115.11\n面；　公分\nISBN 978-986-00-0000-9（平裝）\n"
             "1.CST: 產業發展　2.CST: 臺灣\n552.33　　115012345")
"""NCL's CIP text as pasted: its full-width spaces go to print as given."""
REMARK_LENGTHS = (100, 150, 190, 200, 600)
"""備註 lengths that each broke the 利用清單 PDF: an empty page 1 (100), a row split over the
header (130–180), pages of repeated headers only (190), reportlab's IndexError (200+)."""


@dataclass
class Stress:
    consent_table: Table
    consignment_tables: list[Table]
    files: list[Path]
    """Every file of the stress documents (all formats)."""
    demo_files: list[Path]
    """Every file `pubdesk demo` writes (all formats)."""
    tables: dict[Path, Table] = field(default_factory=dict)
    """The model of each table PDF, to read the PDF against."""
    copyright_pdf: Path | None = None
    tall_first_row: set[Path] = field(default_factory=set)
    """Table PDFs whose first row may be taller than a page (and so continue)."""


def build_stress(folder: Path) -> Stress:
    """Write every stress document into `folder`."""
    from sqlalchemy import select

    from app.models import ConsentKind, SalesStore
    from app.pdfcheck.export import export_report, report_table
    from app.pdfcheck.report import CheckResult, FileReport, Status
    from app.services.consent import (
        BookConsentItem,
        ConsentRequest,
        consent_draft,
        write_consent_files,
    )
    from app.services.consent_texts import ConsentScope
    from app.services.consignment import (
        ListItem,
        consignment_list_tables,
        create_list,
        write_consignment_list,
    )
    from app.services.copyright_page import write_copyright_page
    from app.services.publication_rules import PublicationData
    from app.services.publications import create_publication

    locations, sample = make_demo(folder / "demo", date(2026, 11, 2))
    stress = Stress(consent_table=Table("", [], [], []), consignment_tables=[], files=[],
                    demo_files=list(sample.outputs))
    db = open_database(locations)
    try:
        with db.session() as session:
            books = []
            for n in range(151):
                title = LONG_TITLE if n == 0 else f"產業研究報告第{n + 1}輯"
                books.append(create_publication(session, PublicationData(
                    unit_id=sample.unit_id, title=title, gpn=f"10114{n:05d}", price_ntd=300,
                    published_year=2026, published_month=1 + n % 12,
                    cip_text=CIP_BLOCK if n == 0 else "")).id)

            def consent(count: int, remark: str, place: Path) -> None:
                draft = consent_draft(session, ConsentRequest(
                    unit_id=sample.unit_id, kind=ConsentKind.BOOK, issued_on=date(2026, 11, 2),
                    books=[BookConsentItem(b, {ConsentScope.DIGITAL_ARCHIVE},
                                           remarks=remark if i == 0 else "")
                           for i, b in enumerate(books[:count])]))
                written = write_consent_files(draft, place).all()
                stress.files.extend(written)
                pdf = next(p for p in written if p.name == f"{draft.table.title}.pdf")
                stress.tables[pdf] = draft.table
                stress.tall_first_row.add(pdf)
                if not stress.consent_table.rows:
                    stress.consent_table = draft.table

            consent(151, LONG_REMARK, folder / "consent")
            remark = LONG_REMARK * 2
            for length in REMARK_LENGTHS:
                consent(12, remark[:length], folder / f"remark-{length}")
            store = session.scalars(select(SalesStore).order_by(SalesStore.id)).first()
            assert store is not None
            list_id = create_list(session, store.id, date(2026, 7, 1),
                                  [ListItem(b, 10) for b in books[:80]], "林怡君")
            stress.files += write_consignment_list(session, list_id, folder / "consignment")
            stress.consignment_tables = consignment_list_tables(session, list_id)
            copyright_files = write_copyright_page(session, books[0], folder / "copyright")
            stress.files += copyright_files
            stress.copyright_pdf = next(p for p in copyright_files if p.suffix == ".pdf")
    finally:
        db.dispose()
    evidence = "第3頁的圖片解析度為150 dpi，低於印刷所需的300 dpi；" * 40
    reports = [FileReport(f"{LONG_TITLE[:40]}-{n}.pdf", True, checks={
        "resolution": CheckResult(Status.FAIL, evidence if n == 0 else "解析度不足。",
                                  fix="請以原始高解析度圖檔重新輸出PDF。"),
        "fonts": CheckResult(Status.PASS, "字型皆已內嵌。")}) for n in range(30)]
    report_pdf = folder / "report" / "電子檔檢查報告.pdf"
    report_pdf.parent.mkdir()
    moment = datetime(2026, 11, 2, 9, 30)
    export_report(reports, "印刷用", pdf=report_pdf)
    stress.tables[report_pdf] = report_table(reports, "印刷用", when=moment)
    stress.tall_first_row.add(report_pdf)
    stress.files.append(report_pdf)
    return stress
