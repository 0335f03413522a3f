"""Search across everything (issue 13): publications, applications by 掛號單號, letters by
發文字號, stores and libraries."""

from app.db import Database
from app.models import ApplicationKind, ApplicationStatus, NumberApplication
from app.services.search import search_everything
from tests.app.factories import add_book


def test_one_box_finds_every_kind_of_record(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id, "臺灣產業發展年報")
    with db.session() as session:
        session.add(NumberApplication(publication_id=book, kind=ApplicationKind.ISBN,
                                      status=ApplicationStatus.SUBMITTED,
                                      registration_no="R1150777"))
    with db.session() as session:
        by_title = search_everything(session, "產業發展")
        by_registration = search_everything(session, "R1150777")
        by_store = search_everything(session, "國家書店")
        by_library = search_everything(session, "國家圖書館")
        nothing = search_everything(session, "   ")
        percent = search_everything(session, "%")
    assert by_title[0].kind == "出版品"
    assert by_title[0].record_id == book
    assert "GPN" in by_title[0].text
    assert [(h.kind, h.page, h.record_id) for h in by_registration] == [
        ("編號申請", "numbering", book)]
    assert any(h.kind == "展售門市" and h.page == "consignment" for h in by_store)
    assert any(h.kind == "寄存圖書館" for h in by_library)
    assert nothing == []
    assert percent == [], "a % is searched for, not a wildcard"
