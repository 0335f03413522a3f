"""Search across everything (issue 13): publications, applications by 掛號單號, letters by
發文字號, stores and libraries."""

import pytest

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


def test_ctrl_k_counts_matches_but_stops_counting_at_its_bound(
        db: Database, unit_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """「顯示 20 筆，共 103 筆」 needs the count; a one-character query over 100,000 records must
    not count them all on the GUI thread: beyond COUNT_LIMIT a kind, it says 「超過」."""
    from app.services import search

    for n in range(7):
        add_book(db, unit_id, f"統計年報第{n}輯", gpn=None)
    with db.session() as session:
        found = search.find_everything(session, "統計年報", limit=3)
    assert (len(found.hits), found.total, found.capped) == (3, 7, False)
    monkeypatch.setattr(search, "COUNT_LIMIT", 5)
    with db.session() as session:
        found = search.find_everything(session, "統計年報", limit=3)
    assert (found.total, found.capped) == (5, True)
