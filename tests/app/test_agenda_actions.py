"""Bulk actions on 待辦 (issue 26): an imported backlog cleared without opening each record —
marked done, snoozed, or confirmed as published — each item's row audited by the database,
nothing deleted, everything can be brought back."""

from __future__ import annotations

from datetime import date, timedelta

from app.db import Database
from app.models import AuditEntry, Publication, PublicationStatus
from app.services.agenda import agenda
from app.services.agenda_actions import ItemKey, bring_back, confirm_published, set_aside
from app.services.publications import create_checked_publications
from tests.app.factories import book

TODAY = date(2026, 12, 8)


def _backlog(db: Database, unit_id: int, count: int = 300) -> list[int]:
    """Years of history imported from Excel: numbered long ago, never confirmed."""
    with db.session() as session:
        return create_checked_publications(session, [
            book(unit_id, f"舊出版品 {i}", gpn=str(1010000000 + i), isbn=None,
                 status=PublicationStatus.NUMBERED, published_year=2012 + i % 10,
                 published_month=1 + i % 12)
            for i in range(count)])


def _confirm_items(db: Database) -> list[object]:
    with db.session() as session:
        return [i for i in agenda(session, TODAY) if i.kind == "confirm_publication"]


def test_a_backlog_marked_done_leaves_the_list_and_can_come_back(db: Database,
                                                                unit_id: int) -> None:
    _backlog(db, unit_id)
    items = _confirm_items(db)
    assert len(items) == 300
    with db.session() as session:
        done = set_aside(session, items[:250], None, "匯入前已處理")  # type: ignore[arg-type]
    assert done == 250
    with db.session() as session:
        left = agenda(session, TODAY)
        assert len([i for i in left if i.kind == "confirm_publication"]) == 50
        assert left.set_aside == 250  # type: ignore[attr-defined]
        aside = agenda(session, TODAY, set_aside=True)
        assert {i.kind for i in aside} == {"confirm_publication"}
        assert len(aside) == 250
        audited = session.query(AuditEntry).filter(AuditEntry.entity == "agenda_set_asides").count()
        assert audited == 250
    with db.session() as session:
        assert bring_back(session, items[:10]) == 10  # type: ignore[arg-type]
    assert len(_confirm_items(db)) == 60


def test_a_snoozed_item_returns_on_its_day(db: Database, unit_id: int) -> None:
    _backlog(db, unit_id, 3)
    items = _confirm_items(db)
    with db.session() as session:
        set_aside(session, items, TODAY + timedelta(days=30), "等印刷廠回覆")  # type: ignore[arg-type]
    assert _confirm_items(db) == []
    with db.session() as session:
        later = [i for i in agenda(session, TODAY + timedelta(days=30))
                 if i.kind == "confirm_publication"]
    assert len(later) == 3
    with db.session() as session:  # set aside again: the new day and reason replace the old
        set_aside(session, items, None, "已處理")  # type: ignore[arg-type]
        assert [i for i in agenda(session, TODAY + timedelta(days=90))
                if i.kind == "confirm_publication"] == []


def test_an_item_is_known_by_its_due_date_too(db: Database, unit_id: int) -> None:
    """A settlement period set aside does not hide the next period of the same store."""
    del unit_id
    with db.session() as session:
        set_aside(session, [ItemKey("settlement_due", 7, date(2026, 6, 30))], None)
        set_aside(session, [ItemKey("settlement_due", 7, date(2026, 6, 30))], None, "again")
    from app.models import AgendaSetAside

    with db.session() as session:
        [row] = session.query(AgendaSetAside).all()
        assert row.reason == "again"


def test_confirm_many_published(db: Database, unit_id: int) -> None:
    ids = _backlog(db, unit_id, 40)
    with db.session() as session:
        assert confirm_published(session, ids[:30], TODAY, "批次確認（匯入資料）") == 30
    assert len(_confirm_items(db)) == 10
    with db.session() as session:
        statuses = {session.get(Publication, i).status for i in ids[:30]}  # type: ignore[union-attr]
        assert statuses == {PublicationStatus.PRINTED}


def test_setting_one_aside_leaves_its_siblings(db: Database, unit_id: int) -> None:
    """Review finding: items of one publication were known by kind and record only, so
    setting aside one failing e-file (or one of two licences ending the same day) hid all of
    them — and any added later."""
    from dataclasses import replace

    from app.models import EFile, EFileRole
    from app.services.gpn_site import mark_updated
    from app.services.licences import LicenceData, save_licence
    from app.services.publications import publication_data, update_publication
    from tests.app.factories import add_book

    pub = add_book(db, unit_id)
    ends = TODAY + timedelta(days=20)
    with db.session() as session:
        for name in ("a.pdf", "b.pdf"):
            session.add(EFile(publication_id=pub, role=EFileRole.PRINT_BODY, path=f"/x/{name}",
                              check_status="fail"))
        save_licence(session, pub, LicenceData(licensee="甲", ends_on=ends))
        save_licence(session, pub, LicenceData(licensee="乙", ends_on=ends))
    wanted = ("efile_failing", "licence_ending")
    with db.session() as session:
        items = [i for i in agenda(session, TODAY) if i.kind in wanted]
        assert len(items) == 4
        first_of_each = [next(i for i in items if i.kind == kind) for kind in wanted]
        set_aside(session, [ItemKey(i.kind, i.record_id, i.due, i.subject_id)
                            for i in first_of_each], None, "已處理")
    with db.session() as session:
        session.add(EFile(publication_id=pub, role=EFileRole.PRINT_BODY, path="/x/c.pdf",
                          check_status="fail"))
    with db.session() as session:
        left = [i for i in agenda(session, TODAY) if i.kind in wanted]
    assert sorted(i.kind for i in left) == ["efile_failing", "efile_failing", "licence_ending"]
    # the site: "out of date" marked done is news again after the next update and change
    with db.session() as session:
        data, version = publication_data(session, pub)
        update_publication(session, pub, replace(data, price_ntd=999), expected_version=version)
    with db.session() as session:
        [site] = [i for i in agenda(session, TODAY) if i.kind == "gpn_site_outdated"]
        set_aside(session, [ItemKey(site.kind, site.record_id, site.due, site.subject_id)], None)
        mark_updated(session, pub, TODAY)
        data, version = publication_data(session, pub)
        update_publication(session, pub, replace(data, price_ntd=1200),
                           expected_version=version)
    with db.session() as session:
        assert [i.kind for i in agenda(session, TODAY) if i.kind == "gpn_site_outdated"]
