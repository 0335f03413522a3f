"""`pubdesk demo DIR` — a sample workspace made through the same services the GUI uses, and
every document the app can produce written to DIR/output/."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.db import Database, open_database
from app.models import ConsentKind, EFileRole, PublicationForm, PublicationType, RelationKind
from app.paths import Locations, resolve_locations
from app.services.consent import (
    ArticleConsentItem,
    BookConsentItem,
    ConsentRequest,
    consent_draft,
    record_consent,
    write_consent_files,
)
from app.services.consent_texts import ArticleScope, ConsentScope
from app.services.publication_rules import ContributorData, PublicationData
from app.services.publications import copy_publication, create_publication
from app.services.serials import (
    ArticleData,
    IssueData,
    add_issue,
    issue_version,
    load_issue,
    set_articles,
)
from app.services.toc_service import import_toc_text
from app.services.units import ContactData, UnitData, save_contacts, save_unit, unit_version

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
第三章　結論與建議……95
參考文獻……120"""


@dataclass
class SampleWorkspace:
    """Ids of what the sample holds."""

    unit_id: int
    books: list[int]
    ebook_id: int
    serial_id: int
    issue_id: int
    outputs: list[Path] = field(default_factory=list)


def build_sample(db: Database) -> SampleWorkspace:
    """A ministry unit with a contact, two books with TOCs, the e-book form of one of them,
    and a serial with an issue and its articles. The contact, TOCs and articles are saved on
    the version their record got a moment ago, in this same transaction."""
    with db.session() as session:
        unit = save_unit(session, UnitData(
            "經濟部產業發展署", "產發署", "100", "臺北市中正區福州街15號", "(02)2321-2200",
            "(02)2357-7000", "service@ida.gov.tw", "https://www.ida.gov.tw", "產發"))
        save_contacts(session, unit, [ContactData("林怡君", "專員", "(02)2321-2200#8123", "",
                                                  "lin@ida.gov.tw", True)],
                      expected_version=unit_version(session, unit))
        yearbook_saved = create_publication(session, PublicationData(
            unit_id=unit, title="2026臺灣產業發展年報", subtitle="邁向淨零與數位轉型",
            series="產業發展叢書", published_year=2026, published_month=8, pages=240,
            size_cm="21×29.7", price_ntd=450, gpn="1011500057", isbn="9789860000009",
            audience="一般大眾", keywords="產業發展；淨零轉型；數位轉型",
            contributors=[ContributorData("王小明"), ContributorData("陳美華")]))
        yearbook = yearbook_saved.id
        import_toc_text(session, yearbook, SAMPLE_TOC,
                        expected_version=yearbook_saved.row_version)
        ebook = copy_publication(session, yearbook, RelationKind.OTHER_FORM,
                                 PublicationForm.EBOOK).id
        white_paper = create_publication(session, PublicationData(
            unit_id=unit, title="2026中小企業白皮書", published_year=2026, published_month=6,
            pages=320, size_cm="19×26", price_ntd=600, gpn="1011500046",
            contributors=[ContributorData("經濟部中小及新創企業署")]))
        import_toc_text(session, white_paper.id, "第一章　總論……1\n第二章　中小企業現況……21\n"
                                                 "第三章　政策措施……87\n附錄……201",
                        expected_version=white_paper.row_version)
        serial = create_publication(session, PublicationData(
            unit_id=unit, title="產業經濟季刊", pub_type=PublicationType.SERIAL,
            issn="0317-8471", gpn="2009100011", price_ntd=150, published_year=2026,
            published_month=9)).id
        issue = add_issue(session, serial, IssueData("12", "3", 2026, 9))
        set_articles(session, issue, [
            ArticleData("半導體供應鏈韌性與在地化", "李志明", "1", "20"),
            ArticleData("綠色轉型與淨零排放路徑", "張雅婷", "21", "40"),
            ArticleData("中小企業數位化調查", "黃建國", "41", "58")],
            expected_version=issue_version(session, issue))
    return SampleWorkspace(unit, [yearbook, white_paper.id], ebook, serial, issue)


def write_sample_documents(db: Database, sample: SampleWorkspace, output: Path,
                           on: date) -> list[Path]:
    """Every document the app produces, for the sample: both consent letters and lists."""
    written: list[Path] = []
    with db.session() as session:
        books = ConsentRequest(
            unit_id=sample.unit_id, kind=ConsentKind.BOOK, issued_on=on, copies=["本署產業政策組"],
            books=[BookConsentItem(sample.books[0], {ConsentScope.DIGITAL_ARCHIVE,
                                                     ConsentScope.DIGITAL_READING,
                                                     ConsentScope.PREVIEW},
                                   remarks="試閱以前10頁為限",
                                   efile_types={EFileRole.PRINT_COVER, EFileRole.PRINT_BODY}),
                   BookConsentItem(sample.books[1], all_rights=True)])
        draft = consent_draft(session, books)
        folder = output / "授權利用" / "圖書"
        written += write_consent_files(draft, folder).all()
        record_consent(session, draft, str(folder))
        issue = load_issue(session, sample.issue_id)
        serial = ConsentRequest(
            unit_id=sample.unit_id, kind=ConsentKind.SERIAL, issued_on=on,
            issue_id=sample.issue_id,
            articles=[ArticleConsentItem(a.id, ArticleScope.FULL_TEXT if i < 2
                                         else ArticleScope.ABSTRACT,
                                         efile_types={EFileRole.PRINT_BODY})
                      for i, a in enumerate(issue.articles)])
        draft = consent_draft(session, serial)
        folder = output / "授權利用" / "連續性出版品"
        written += write_consent_files(draft, folder).all()
        record_consent(session, draft, str(folder))
    return written


def write_numbering_documents(db: Database, sample: SampleWorkspace, output: Path) -> list[Path]:
    """The copyright page and ISBN barcode of the yearbook, and an ISBN+CIP application for
    the white paper with its upload packet cut from a sample book PDF."""
    import pikepdf

    from app.documents.barcode import write_barcode_pdf, write_barcode_svg
    from app.documents.pdf_writer import write_lines_pdf
    from app.models import ApplicationKind, ApplicationStatus
    from app.services.copyright_page import copyright_page_lines, write_copyright_page
    from app.services.numbering import advance, create_application, cut_part
    from app.services.toc_service import get_toc

    folder = output / "編號"
    written: list[Path] = []
    with db.session() as session:
        written += write_copyright_page(session, sample.books[0], folder / "2026臺灣產業發展年報")
        written.append(write_barcode_svg("9789860000009", folder / "ISBN-9789860000009.svg"))
        written.append(write_barcode_pdf("9789860000009", folder / "ISBN-9789860000009.pdf"))
        paper = sample.books[1]
        sections = [["2026中小企業白皮書", "", "經濟部產業發展署　編印"],
                    copyright_page_lines(session, paper),
                    ["目次", *(f"{'　' * (t.level - 1)}{t.title}……{t.page}"
                               for t in get_toc(session, paper))],
                    ["序", "本白皮書彙整年度中小企業發展概況與政策措施。"]]
        scratch = folder / "白皮書樣書"
        parts = [write_lines_pdf(lines, scratch / f"part{i}.pdf") for i, lines in
                 enumerate(sections)]
        book = scratch / "白皮書全書.pdf"
        # The pieces stay open until the merged file is saved: its pages refer to them.
        with ExitStack() as stack, pikepdf.new() as merged:
            for part in parts:
                merged.pages.extend(stack.enter_context(pikepdf.open(part)).pages)
            merged.save(book)
        for part in parts:
            part.unlink()
        application = create_application(session, paper, ApplicationKind.ISBN_CIP)
        for name, pages in (("書名頁", "1"), ("版權頁", "2"), ("目次", "3"),
                            ("序（或部分內容）", "4")):
            written.append(cut_part(session, application, name, book, pages,
                                    folder / "ISBN申請上傳資料"))
        advance(session, application, ApplicationStatus.READY, date.today())
    return written


def write_deposit_documents_for(db: Database, sample: SampleWorkspace, output: Path,
                                on: date) -> list[Path]:
    """The yearbook's deposit plan: shipping list, labels and a cover letter per library."""
    from app.documents.labels import PRESETS
    from app.services.deposit import plan_deposit, write_deposit_documents

    with db.session() as session:
        plan_deposit(session, sample.books[0])
        return write_deposit_documents(session, sample.books[0],
                                       output / "寄存" / "2026臺灣產業發展年報", PRESETS[0], on,
                                       letters=True)


def write_consignment_documents(db: Database, sample: SampleWorkspace, output: Path,
                                on: date) -> list[Path]:
    """A consignment list (both copies) to 國家書店, a June settlement statement and the stock
    report, as PDF and the editable formats (both by default)."""
    from sqlalchemy import select

    from app.documents.document_set import document_set
    from app.documents.editable import EditableFormats, write_sheet
    from app.documents.pdf_writer import write_table_pdf
    from app.models import SalesStore
    from app.services.consignment import (
        ListItem,
        create_list,
        record_settlement,
        settlement_period_end,
        settlement_table,
        stock,
        stock_table,
        write_consignment_list,
    )

    folder = output / "展售"
    with db.session() as session:
        store = session.scalars(select(SalesStore).order_by(SalesStore.id)).first()
        assert store is not None
        store.commission_percent = store.commission_percent or Decimal("35")
        supply = date(on.year, 1, 15) if on.month > 6 else date(on.year - 1, 7, 15)
        list_id = create_list(session, store.id, supply,
                              [ListItem(sample.books[0], 30, True),
                               ListItem(sample.books[1], 20)], "林怡君")
        written = write_consignment_list(session, list_id, folder)
        period = settlement_period_end(supply)
        settlement = record_settlement(session, store.id, period,
                                       {sample.books[0]: 12, sample.books[1]: 5})
        statement = settlement_table(session, settlement)
        report = stock_table(stock(session), on)
        for table, name in ((statement, "結帳單"), (report, "庫存表")):
            with document_set(folder, name) as made:  # all or nothing, the PDF first
                paths = [write_table_pdf(table, made.stage / f"{name}.pdf"),
                         *write_sheet(table, made.stage / name, EditableFormats())]
            written += made.finals(paths)
    return written


def _pages_for(pdf: Path, toc: list[dict[str, Any]]) -> Path:
    """Blank pages added to a sample body until every TOC page exists: its bookmarks must
    point where the TOC says, or the package's re-check refuses it (as it should)."""
    import pikepdf

    def pages(nodes: list[dict[str, Any]]) -> list[int]:
        found = []
        for node in nodes:
            if str(node["page"]).isdigit():
                found.append(int(node["page"]))
            found += pages(node["children"])
        return found

    wanted = max(pages(toc), default=1)
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        size = document.pages[0].mediabox
        while len(document.pages) < wanted:
            document.add_blank_page(page_size=(float(size[2]), float(size[3])))
        document.save(pdf)
    return pdf


def write_sample_packages(db: Database, sample: SampleWorkspace, output: Path) -> list[Path]:
    """One package of each kind, with sample e-files: the yearbook's print body (bookmarks
    from its TOC) and an article of the serial issue."""
    from app.documents.pdf_writer import write_lines_pdf
    from app.models import EFile, EFileRole
    from app.packages.kinds import Override, build_package
    from app.pdfcheck import write_outline
    from app.services.efiles import toc_for_check

    files = output / "範例電子檔"
    with db.session() as session:
        toc = toc_for_check(session, sample.books[0])
        body = _pages_for(write_lines_pdf(["2026臺灣產業發展年報", "（範例內文）"],
                                          files / "年報草稿.pdf"), toc)
        with_outline = write_outline(body, files / "年報內文.pdf", toc)
        body.unlink()
        article = write_lines_pdf(["半導體供應鏈韌性與在地化", "李志明"], files / "article1.pdf")
        issue = load_issue(session, sample.issue_id)
        session.add(EFile(publication_id=sample.books[0], role=EFileRole.PRINT_BODY,
                          path=str(with_outline)))
        session.add(EFile(publication_id=sample.serial_id, issue_id=issue.id,
                          article_id=issue.articles[0].id, role=EFileRole.ARTICLE,
                          path=str(article)))
    folder = output / "送交包"
    built = []
    # On a PC with no virus scanner the demo's own sample files go out unscanned, said so
    # in the manifest; a scanned file needs no exception.
    unscanned = [Override(path.name, "virus_unscanned",
                          "示範資料：PubDesk 自行產生的範例檔，此電腦沒有防毒軟體")
                 for path in (with_outline, article)]
    with db.session() as session:
        built.append(build_package(session, "moc", [sample.books[0], sample.serial_id],
                                   folder / "文化部", overrides=unscanned))
        built.append(build_package(session, "ncl", [sample.books[1]], folder / "國家圖書館",
                                   as_zip=True))
        built.append(build_package(session, "deposit", [sample.books[0]], folder / "寄存"))
    return built


def make_demo(folder: Path, on: date | None = None) -> tuple[Locations, SampleWorkspace]:
    """Create the demo workspace in `folder` (its own database) and its documents."""
    locations = resolve_locations(folder, environ={})
    db = open_database(locations)
    try:
        sample = build_sample(db)
        output = locations.data_dir / "output"
        sample.outputs = write_sample_documents(db, sample, output, on or date.today())
        sample.outputs += write_numbering_documents(db, sample, output)
        sample.outputs += write_deposit_documents_for(db, sample, output, on or date.today())
        sample.outputs += write_consignment_documents(db, sample, output, on or date.today())
        sample.outputs += write_sample_packages(db, sample, output)
        add_agenda_samples(db, sample, on or date.today())
    finally:
        db.dispose()
    return locations, sample


def _failing_cover(folder: Path) -> Path:
    """人才報告封面.pdf: an A4 cover whose OpenAction runs JavaScript — the active-content check
    fails it, as it would a cover exported with a form script."""
    import pikepdf

    from app.documents.pdf_writer import write_lines_pdf

    cover = write_lines_pdf(["產業人才發展報告", "（範例封面）"], folder / "人才報告封面草稿.pdf")
    target = folder / "人才報告封面.pdf"
    with pikepdf.open(cover) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(
            Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript,
            JS=pikepdf.String("app.alert('範例');"))
        pdf.save(target)
    cover.unlink()
    return target


def add_agenda_samples(db: Database, sample: SampleWorkspace, on: date) -> None:
    """Records that give the 待辦 page one item of every kind a day after `on` (issue 13):
    applications waiting and returned, a book past its planned month, a deposit sent without
    reply, a book whose consent letter is not sent, a failing e-file, an online link not yet
    registered. Added after the documents, so the documents stay as they were."""
    from datetime import timedelta

    from app.models import (
        ApplicationKind,
        ApplicationStatus,
        CopyrightOwner,
        DepositLine,
        EFile,
        NumberApplication,
        Publication,
        PublicationStatus,
        PublishingUnit,
    )
    from app.services.licences import LicenceData, save_licence

    long_ago = on - timedelta(days=90)
    with db.session() as session:
        atlas = create_publication(session, PublicationData(
            unit_id=sample.unit_id, title="臺灣產業地圖集", published_year=long_ago.year,
            published_month=long_ago.month, pages=120, price_ntd=380,
            gpn="1011500068")).id  # numbers assigned, month passed: confirm_publication
        session.add(NumberApplication(publication_id=atlas, kind=ApplicationKind.ISBN,
                                      status=ApplicationStatus.SUBMITTED, submitted_on=long_ago,
                                      registration_no="R1150120"))
        returned = create_publication(session, PublicationData(
            unit_id=sample.unit_id, title="能源轉型案例彙編", published_year=on.year,
            published_month=on.month)).id
        session.add(NumberApplication(publication_id=returned, kind=ApplicationKind.ISBN,
                                      status=ApplicationStatus.RETURNED, submitted_on=long_ago,
                                      replied_on=on - timedelta(days=3),
                                      reply="書名頁與版權頁之書名不一致，請修正後重送。"))
        talent = create_publication(session, PublicationData(
            unit_id=sample.unit_id, title="產業人才發展報告", published_year=long_ago.year,
            published_month=long_ago.month, pages=96, price_ntd=250, gpn="1011500079",
            isbn="9789860000016", status=PublicationStatus.PRINTED,
            copyright_owner=CopyrightOwner.AGENCY)).id  # consent_not_sent (and no deposit plan)
        # §16: the demo's unit records its review before print (the atlas, numbered, is due);
        # §15: the atlas's price changed after its GPN was registered on the site; §12: the
        # talent report is licensed to a publisher until a month and a half from now.
        unit = session.get(PublishingUnit, sample.unit_id)
        assert unit is not None
        unit.review_required = True
        session.flush()
        session.get(Publication, atlas).price_ntd = 420  # type: ignore[union-attr]
        save_licence(session, talent, LicenceData(
            licensee="五南圖書出版公司", whole=False, uses="重製、發行（繁體中文紙本）",
            starts_on=on - timedelta(days=275), ends_on=on + timedelta(days=90), fee_ntd=20000,
            contract_ref="產發契字第114017號"))
        ebook = session.get(Publication, sample.ebook_id)
        assert ebook is not None
        ebook.online_url, ebook.online_registered = "https://www.ida.gov.tw/ebook/2026", False
        line = session.scalars(select(DepositLine).where(
            DepositLine.publication_id == sample.books[0])).first()
        if line is not None:
            line.sent_on = long_ago  # deposit_unacknowledged
        # efile_failing: a real cover that really fails (a script runs when it opens), on
        # the book whose consent is not sent yet — fix it, then send; every package the demo
        # itself offers builds without an override.
        session.add(EFile(publication_id=talent, role=EFileRole.PRINT_COVER,
                          path=str(_failing_cover(db.data_dir / "output" / "範例電子檔"
                                                  if db.data_dir else Path("."))),
                          check_status="fail"))
