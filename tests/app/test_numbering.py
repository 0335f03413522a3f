from datetime import date
from pathlib import Path

import docx
import pytest

from app.db import Database
from app.documents.barcode import (
    G_CODES,
    L_CODES,
    R_CODES,
    decode_modules,
    ean13_modules,
    write_barcode_pdf,
    write_barcode_svg,
)
from app.errors import ValidationError
from app.models import (
    ApplicationKind,
    ApplicationStatus,
    CipStatus,
    Publication,
    PublicationForm,
    PublicationStatus,
    PublicationType,
    RelationKind,
)
from app.services.copyright_page import copyright_page_lines, edition_text, write_copyright_page
from app.services.numbering import (
    advance,
    change_history,
    confirm_publication,
    create_application,
    cut_part,
    data_sheet,
    list_applications,
    load_application,
    numbering_plan,
    parse_page_range,
)
from app.services.publications import copy_publication, publication_data
from tests.app.factories import add_book
from tests.pdf_factory import Builder
from tests.pdf_helpers import font_report, page_count, pdf_text

DAY = date(2026, 11, 23)


def plan(db: Database, pub_id: int) -> dict[str, str]:
    with db.session() as session:
        return {i.kind: i.need for i in numbering_plan(session.get(Publication, pub_id))}


def test_numbering_plan_by_kind(db: Database, unit_id: int) -> None:
    assert plan(db, add_book(db, unit_id)) == {"GPN": "required", "ISBN": "required",
                                               "CIP": "optional"}
    ebook = add_book(db, unit_id, "電子書", form=PublicationForm.EBOOK,
                     pub_type=PublicationType.E_PUBLICATION)
    assert plan(db, ebook) == {"GPN": "required", "ISBN": "required", "CIP": "not needed"}
    serial = add_book(db, unit_id, "季刊", pub_type=PublicationType.SERIAL)
    assert plan(db, serial) == {"GPN": "required", "ISSN": "required"}
    audio = add_book(db, unit_id, "有聲書", form=PublicationForm.AUDIOBOOK)
    assert plan(db, audio)["ISRC"] == "required"
    assert plan(db, audio)["CIP"] == "not needed"


def test_kind_rules(db: Database, unit_id: int) -> None:
    ebook = add_book(db, unit_id, "電子書", form=PublicationForm.EBOOK, isbn="9789860000009")
    serial = add_book(db, unit_id, "季刊", pub_type=PublicationType.SERIAL)
    book = add_book(db, unit_id)
    with db.session() as session:
        with pytest.raises(ValidationError, match="CIP 只適用於紙本圖書"):
            create_application(session, ebook, ApplicationKind.ISBN_CIP)
        with pytest.raises(ValidationError, match="已有的 ISBN"):
            create_application(session, book, ApplicationKind.CIP_SUPPLEMENT)
        with pytest.raises(ValidationError, match="ISSN 只適用"):
            create_application(session, book, ApplicationKind.ISSN)
        with pytest.raises(ValidationError, match="ISSN，不是 ISBN"):
            create_application(session, serial, ApplicationKind.ISBN)
        create_application(session, book, ApplicationKind.ISBN_CIP)
        with pytest.raises(ValidationError, match="進行中"):
            create_application(session, book, ApplicationKind.ISBN_CIP)


def book_pdf(tmp_path: Path, pages: int = 12) -> Path:
    builder = Builder()
    for _ in range(pages):
        builder.page(b"")
    return builder.save(tmp_path / "book.pdf")


def test_packet_is_cut_from_the_book_and_ready_only_when_complete(
        db: Database, unit_id: int, tmp_path: Path) -> None:
    book = add_book(db, unit_id, gpn=None)
    source = book_pdf(tmp_path)
    before = source.read_bytes()
    with db.session() as session:
        application = create_application(session, book, ApplicationKind.ISBN_CIP)
        cut_part(session, application, "書名頁", source, "1", tmp_path / "packet")
        with pytest.raises(ValidationError, match="還缺：版權頁、目次、序"):
            advance(session, application, ApplicationStatus.READY, DAY)
        cut_part(session, application, "版權頁", source, "2", tmp_path / "packet")
        path = cut_part(session, application, "目次", source, "3-4", tmp_path / "packet")
        cut_part(session, application, "序（或部分內容）", source, "5, 7-8", tmp_path / "packet")
        advance(session, application, ApplicationStatus.READY, DAY)
    assert page_count(path) == 2
    assert source.read_bytes() == before, "the book PDF is only read"
    with db.session() as session:
        with pytest.raises(ValidationError, match="超過"):
            cut_part(session, application, "目次", source, "11-13", tmp_path)
        with pytest.raises(ValidationError, match="看不懂"):
            cut_part(session, application, "目次", source, "三", tmp_path)


def test_page_ranges() -> None:
    assert parse_page_range("1, 3-5、8～9", 10) == [1, 3, 4, 5, 8, 9]
    with pytest.raises(ValidationError):
        parse_page_range("5-3", 10)


def test_from_draft_to_assigned_writes_the_number(db: Database, unit_id: int,
                                                  tmp_path: Path) -> None:
    book = add_book(db, unit_id, gpn=None)
    with db.session() as session:
        gpn_app = create_application(session, book, ApplicationKind.GPN)
        advance(session, gpn_app, ApplicationStatus.READY, DAY)
        advance(session, gpn_app, ApplicationStatus.SUBMITTED, DAY)
        with pytest.raises(ValidationError, match="10 位"):
            advance(session, gpn_app, ApplicationStatus.ASSIGNED, DAY, assigned_number="123")
        advance(session, gpn_app, ApplicationStatus.ASSIGNED, DAY, assigned_number="1011500057")
        with pytest.raises(ValidationError, match="不能改為"):
            advance(session, gpn_app, ApplicationStatus.DRAFT, DAY)
    source = book_pdf(tmp_path)
    with db.session() as session:
        isbn_app = create_application(session, book, ApplicationKind.ISBN_CIP)
        for part, pages in (("書名頁", "1"), ("版權頁", "2"), ("目次", "3"),
                            ("序（或部分內容）", "4")):
            cut_part(session, isbn_app, part, source, pages, tmp_path)
        advance(session, isbn_app, ApplicationStatus.READY, DAY)
        advance(session, isbn_app, ApplicationStatus.SUBMITTED, DAY, registration_no="R1150001")
        with pytest.raises(ValidationError, match="回覆"):
            advance(session, isbn_app, ApplicationStatus.RETURNED, DAY)
        advance(session, isbn_app, ApplicationStatus.RETURNED, DAY, reply="版權頁缺定價")
        advance(session, isbn_app, ApplicationStatus.READY, DAY)
        advance(session, isbn_app, ApplicationStatus.SUBMITTED, DAY)
        advance(session, isbn_app, ApplicationStatus.ASSIGNED, DAY,
                assigned_number="978 986 00 0000 9", cip_text="臺灣產業發展年報／經濟部…")
        assert load_application(session, isbn_app).registration_no == "R1150001"
        assert [r.id for r in list_applications(session, "R115")] == [isbn_app]
        assert len(list_applications(session, "產業")) == 2
    with db.session() as session:
        data, _ = publication_data(session, book)
    assert (data.gpn, data.isbn, data.cip_status) == ("1011500057", "9789860000009",
                                                      CipStatus.RECEIVED)
    assert data.status is PublicationStatus.NUMBERED


def test_data_sheet_in_form_order(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id)
    with db.session() as session:
        sheet = data_sheet(session, book)
    assert [label for label, _ in sheet[:5]] == ["出版者", "書名", "副書名", "叢書名", "著作者"]
    assert dict(sheet)["著作者"] == "王小明（主編）；陳美華（編）"
    assert dict(sheet)["預定出版年月"] == "115年8月"
    assert dict(sheet)["分類"] == "政府出版品"


def test_confirm_publication_records_changes(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id)
    with db.session() as session:
        changes = confirm_publication(session, book, DAY, price_ntd=500, pages=240,
                                      year=2026, month=10, note="延後出版")
        assert changes == ["定價：450 → 500", "出版年月：115年8月 → 115年10月"]
        history = change_history(session, book)
        assert [h.field for h in history] == ["定價", "出版年月", "確認出版"]
        data, _ = publication_data(session, book)
    assert data.status is PublicationStatus.PRINTED
    assert data.price_ntd == 500


def test_ean13_pattern_matches_the_encoding_table() -> None:
    modules = ean13_modules("9789860000009")
    assert modules[:3] == "101"
    assert modules[45:50] == "01010"
    # First digit 9 → parity LGGLGL for the left six digits (GS1 table).
    left = [modules[3 + 7 * i: 10 + 7 * i] for i in range(6)]
    assert left[0] == L_CODES[7]
    assert left[1] == G_CODES[8]
    assert left[2] == G_CODES[9]
    assert left[3] == L_CODES[8]
    assert modules[50:57] == R_CODES[0]
    assert decode_modules(modules) == "9789860000009"


def test_barcode_files(tmp_path: Path) -> None:
    svg = write_barcode_svg("978-986-00-0000-9", tmp_path / "isbn.svg").read_text()
    assert "ISBN 978-986-00-0000-9" in svg
    assert svg.count('fill="#000"') == 30, "an EAN-13 has 30 bars"
    pdf = write_barcode_pdf("9789860000009", tmp_path / "isbn.pdf")
    assert "ISBN 978-986-00-0000-9" in pdf_text(pdf)
    assert all(embedded for _name, embedded in font_report(pdf))
    with pytest.raises(ValidationError):
        write_barcode_svg("9789860000008", tmp_path / "bad.svg")


def test_copyright_page(db: Database, unit_id: int, tmp_path: Path) -> None:
    book = add_book(db, unit_id, isbn="9789860000009", cip_text="CIP 第一行\nCIP 第二行",
                    printing=2, series="產業發展叢書")
    with db.session() as session:
        copy_publication(session, book, RelationKind.OTHER_FORM, PublicationForm.EBOOK)
        lines = copyright_page_lines(session, book)
        files = write_copyright_page(session, book, tmp_path)
    text = "\n".join(lines)
    for expected in ("書名：臺灣產業發展年報", "叢書名：產業發展叢書",
                     "著作者：王小明主編；陳美華編", "出版機關：經濟部產業發展署",
                     "出版年月：中華民國115年8月", "版次：初版二刷", "本書另有電子書版本",
                     "定價：新臺幣450元", "展售處：", "國家書店松江門市", "GPN：1011500057",
                     "ISBN：978-986-00-0000-9（平裝）", "CIP 第二行", "著作權利管理資訊"):
        assert expected in text
    assert text.index("GPN") < text.index("ISBN") < text.index("CIP 第一行")
    assert files[0].read_text(encoding="utf-8").startswith("書名：")
    by_suffix = {f.suffix: f for f in files}
    assert set(by_suffix) == {".txt", ".pdf", ".docx", ".odt"}
    assert docx.Document(str(by_suffix[".docx"])).paragraphs[0].text.startswith("書名：")
    assert "ISBN：978-986-00-0000-9" in pdf_text(by_suffix[".pdf"])
    assert edition_text(3, 1) == "三版"


def test_the_sql_rule_for_missing_numbers_agrees_with_the_plan(db: Database,
                                                               unit_id: int) -> None:
    """The agenda narrows 100,000 publications in SQL (`missing_required_number`): for every
    type, form and set of numbers present, it selects exactly those whose plan lacks one."""
    import itertools

    from sqlalchemy import insert, select

    from app.models import Publication, PublicationStatus, PublicationType
    from app.services.numbering import missing_required_number, numbering_plan

    with db.session() as session:
        rows = []
        for i, (pub_type, form, present) in enumerate(itertools.product(
                PublicationType, PublicationForm, itertools.product((False, True), repeat=4))):
            gpn, isbn, issn, isrc = present  # each its own numbers (§4(二), number_rule)
            rows.append({"unit_id": unit_id, "title": f"{pub_type}-{form}-{present}",
                         "pub_type": pub_type, "form": form, "edition": 1, "printing": 1,
                         "status": PublicationStatus.PRINTED, "row_version": 1,
                         "gpn": f"10115{i:05d}" if gpn else None,
                         "isbn": f"978986{i:07d}" if isbn else None,
                         "issn": f"{i:04d}-{i:04d}" if issn else None,
                         "isrc": f"TWM03{i:07d}" if isrc else None})
        session.execute(insert(Publication), rows)
        chosen = set(session.scalars(select(Publication.id).where(missing_required_number())))
        for pub in session.scalars(select(Publication)):
            lacking = any(p.need == "required" and not p.current for p in numbering_plan(pub))
            assert (pub.id in chosen) == lacking, pub.title
        assert chosen
