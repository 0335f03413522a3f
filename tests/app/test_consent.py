from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from app.db import Database
from app.errors import ValidationError
from app.models import ConsentKind, EFileRole, PublicationStatus, PublicationType
from app.services.consent import (
    ArticleConsentItem,
    BookConsentItem,
    ConsentRequest,
    consent_draft,
    consent_history,
    record_consent,
    saved_letter_items,
    write_consent_files,
)
from app.services.consent_texts import ArticleScope, ConsentScope
from app.services.publications import publication_data
from app.services.serials import ArticleData, IssueData, add_issue, issue_version, set_articles
from app.services.units import ContactData, save_contacts, unit_version
from tests.app.factories import add_book
from tests.pdf_helpers import font_report, pdf_text

DAY = date(2026, 11, 23)


@pytest.fixture
def contact(db: Database, unit_id: int) -> None:
    with db.session() as session:
        save_contacts(session, unit_id, [ContactData("林怡君", phone="(02)2321-2200#8123",
                                                     is_default=True)],
                      expected_version=unit_version(session, unit_id))


def book_request(unit_id: int, *items: BookConsentItem) -> ConsentRequest:
    return ConsentRequest(unit_id=unit_id, kind=ConsentKind.BOOK, issued_on=DAY, books=list(items))


def test_book_consent_fills_letter_and_list_from_the_data(db: Database, unit_id: int,
                                                         contact: None, tmp_path: Path) -> None:
    first = add_book(db, unit_id, "臺灣產業發展年報")
    second = add_book(db, unit_id, "中小企業白皮書", gpn="1011500046", price_ntd=None)
    request = book_request(
        unit_id,
        BookConsentItem(first, {ConsentScope.DIGITAL_ARCHIVE, ConsentScope.PREVIEW},
                        remarks="限非營利", efile_types={EFileRole.PRINT_BODY}),
        BookConsentItem(second, all_rights=True))
    with db.session() as session:
        draft = consent_draft(session, request)
    letter = draft.letter
    assert letter.recipient == "文化部"
    assert letter.title == "經濟部產業發展署 函"
    # Issue 14 (5): no invented number — a marked blank until the officer enters the real one.
    assert letter.doc_number == ""
    assert letter.doc_number_text() == "產發字第＿＿＿＿＿＿＿號"
    assert letter.subject == "檢送下列出版品紙本各1冊（電子檔）及利用清單1份如附件，請查照。"
    assert [i.text for i in letter.items[0].children] == [
        "臺灣產業發展年報（1011500057）", "中小企業白皮書（1011500046）"]
    assert "傳真電話：(02)2357-7000" in letter.contact_lines
    assert "聯絡人及電話：林怡君 (02)2321-2200#8123" in letter.contact_lines
    rows = draft.table.rows
    assert rows[0][:6] == ["1", "臺灣產業發展年報", "1011500057", "115年8月", "平裝", "450"]
    assert rows[0][6:12] == ["■", "□", "■", "□", "□", "□"]
    assert rows[0][12:14] == ["□", "限非營利"]
    assert "■印製用PDF檔(內文)" in rows[0][14]
    assert "□全文掃描PDF檔" in rows[0][14]
    assert rows[0][15] == "□"
    assert rows[1][5] == "非賣品"
    assert rows[1][12] == "■"
    assert rows[1][15] == "■"
    assert draft.table.notes[0].startswith("一、同意利用之範圍")

    files = write_consent_files(draft, tmp_path)
    letter_text = pdf_text(files.letter_pdf)
    for expected in ("經濟部產業發展署", "受文者：文化部", "中華民國115年11月23日", "產發字第",
                     "主旨：", "臺灣產業發展年報", "正本：文化部", "注意事項"):
        assert expected in letter_text
    list_text = pdf_text(files.list_pdf)
    for expected in ("圖書之利用清單", "數位典藏", "全部同意", "1011500046", "限非營利", "(七)"):
        assert expected in list_text
    for pdf in (files.letter_pdf, files.list_pdf):
        assert all(embedded for _n, embedded in font_report(pdf))
    word = docx.Document(str(files.letter_docx))
    assert any(p.text.startswith("主旨：檢送下列出版品") for p in word.paragraphs)
    sheet = openpyxl.load_workbook(files.list_xlsx).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "臺灣產業發展年報" in values
    assert "限非營利" in values


def test_recording_marks_publications_and_keeps_history(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id)
    with db.session() as session:
        draft = consent_draft(session, book_request(unit_id, BookConsentItem(book,
                                                                             all_rights=True)))
        draft.letter.subject = "（已修改的主旨）"
        letter_id = record_consent(session, draft, "/tmp/out")
    with db.session() as session:
        data, _ = publication_data(session, book)
        from app.models import Publication

        assert session.get(Publication, book).consent_sent_on == DAY
        assert data.status is PublicationStatus.CONSENT_SENT
        history = consent_history(session)
        assert [(h.id, h.subject, h.titles) for h in history] == [
            (letter_id, "（已修改的主旨）", ["臺灣產業發展年報"])]
        assert saved_letter_items(session, letter_id)[1].text.startswith("本機關就前項出版品")
        second = consent_draft(session, book_request(unit_id, BookConsentItem(book,
                                                                              all_rights=True)))
    assert second.letter.doc_number == "", "no number is invented; the officer enters it"


@pytest.mark.parametrize(("item_changes", "message"), [
    ({"scopes": set(), "all_rights": False}, "沒有勾選同意範圍"),
    ({"scopes": {ConsentScope.REPRINT}, "all_rights": True}, "擇一"),
    ({"efile_types": {EFileRole.ARTICLE}}, "不適用"),
])
def test_book_scope_rules(db: Database, unit_id: int, item_changes: dict[str, object],
                          message: str) -> None:
    book = add_book(db, unit_id)
    item = BookConsentItem(book, {ConsentScope.REPRINT})
    for key, value in item_changes.items():
        setattr(item, key, value)
    with db.session() as session, pytest.raises(ValidationError, match=message):
        consent_draft(session, book_request(unit_id, item))


def test_book_without_gpn_and_empty_choice_are_refused(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id, gpn=None)
    serial = add_book(db, unit_id, "季刊", pub_type=PublicationType.SERIAL)
    with db.session() as session:
        with pytest.raises(ValidationError, match="沒有 GPN"):
            consent_draft(session, book_request(unit_id, BookConsentItem(book, all_rights=True)))
        with pytest.raises(ValidationError, match="至少選擇"):
            consent_draft(session, book_request(unit_id))
        with pytest.raises(ValidationError, match="逐期"):
            consent_draft(session, book_request(unit_id, BookConsentItem(serial,
                                                                         all_rights=True)))


def test_serial_consent_per_article(db: Database, unit_id: int, tmp_path: Path) -> None:
    serial = add_book(db, unit_id, "產業經濟季刊", pub_type=PublicationType.SERIAL,
                      gpn="2009100011")
    with db.session() as session:
        issue = add_issue(session, serial, IssueData("12", "3", 2026, 9))
        set_articles(session, issue, [ArticleData("半導體供應鏈"), ArticleData("綠色轉型")],
                     expected_version=issue_version(session, issue))
        from app.services.serials import load_issue

        article_ids = [a.id for a in load_issue(session, issue).articles]
        request = ConsentRequest(
            unit_id=unit_id, kind=ConsentKind.SERIAL, issued_on=DAY, issue_id=issue,
            articles=[ArticleConsentItem(article_ids[0], ArticleScope.FULL_TEXT,
                                         efile_types={EFileRole.SCAN}),
                      ArticleConsentItem(article_ids[1], ArticleScope.ABSTRACT, "僅摘要")])
        draft = consent_draft(session, request)
        assert draft.letter.subject == ("檢送「產業經濟季刊」12卷3期（115年9月）紙本1冊（電子檔）"
                                        "及利用清單1份如附件，請查照。")
        assert "不限時間、地域" in draft.letter.items[1].text
        assert draft.table.rows[0][2:4] == ["■", "□"]
        assert draft.table.rows[1][2:5] == ["□", "■", "僅摘要"]
        assert "卷期：12卷3期" in draft.table.lines_above
        files = write_consent_files(draft, tmp_path)
        assert "連續性出版品之利用清單" in pdf_text(files.list_pdf)

        with pytest.raises(ValidationError, match="沒有列出任何篇目"):
            consent_draft(session, ConsentRequest(unit_id=unit_id, kind=ConsentKind.SERIAL,
                                                  issued_on=DAY, issue_id=issue))
        with pytest.raises(ValidationError, match="沒有勾選全文"):
            consent_draft(session, ConsentRequest(
                unit_id=unit_id, kind=ConsentKind.SERIAL, issued_on=DAY, issue_id=issue,
                articles=[ArticleConsentItem(article_ids[0], None)]))
        with pytest.raises(ValidationError, match="期別"):
            consent_draft(session, ConsentRequest(unit_id=unit_id, kind=ConsentKind.SERIAL,
                                                  issued_on=DAY))


def test_a_letter_goes_out_under_its_publications_own_unit(db: Database, unit_id: int) -> None:
    """Issue 33 finding 3: three books of 產發署 went out as 「經濟部 函」. A book of another
    unit on the letter, or a serial issue of another unit, is refused and named."""
    from app.services.units import UnitData, save_unit

    with db.session() as session:
        ministry = save_unit(session, UnitData(full_name="經濟部", short_name="經濟部",
                                               doc_code="經"))
    own = add_book(db, unit_id, "產業年報")
    theirs = add_book(db, ministry, "經濟部年報")
    with db.session() as session:
        with pytest.raises(ValidationError, match="屬於「經濟部產業發展署」，發文機關卻是「經濟部」"):
            consent_draft(session, book_request(ministry, BookConsentItem(own, all_rights=True)))
        with pytest.raises(ValidationError, match=r"「經濟部年報.*」屬於「經濟部」"):
            consent_draft(session, book_request(unit_id, BookConsentItem(own, all_rights=True),
                                                BookConsentItem(theirs, all_rights=True)))
        draft = consent_draft(session, book_request(unit_id,
                                                    BookConsentItem(own, all_rights=True)))
        assert draft.letter.agency_name.startswith("經濟部產業發展署")
    serial = add_book(db, unit_id, "產業經濟季刊", pub_type=PublicationType.SERIAL,
                      gpn="2009100011")
    with db.session() as session:
        issue = add_issue(session, serial, IssueData("12", "3", 2026, 9))
        set_articles(session, issue, [ArticleData("半導體供應鏈")],
                     expected_version=issue_version(session, issue))
        from app.services.serials import load_issue

        article = load_issue(session, issue).articles[0].id
        with pytest.raises(ValidationError, match="發文機關卻是「經濟部」"):
            consent_draft(session, ConsentRequest(
                unit_id=ministry, kind=ConsentKind.SERIAL, issued_on=DAY, issue_id=issue,
                articles=[ArticleConsentItem(article, ArticleScope.FULL_TEXT)]))
