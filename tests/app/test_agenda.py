"""待辦: every kind appears when due and not before (issue 13), on both backends."""

from datetime import date, timedelta

from sqlalchemy import select, text

from app.db import Database, number_triggers
from app.models import (
    ApplicationKind,
    ApplicationStatus,
    CopyrightOwner,
    DepositLibrary,
    DepositLine,
    EFile,
    EFileRole,
    NumberApplication,
    Publication,
    PublicationStatus,
    PublishingUnit,
    SalesStore,
    Shipment,
    ShipmentKind,
)
from app.models.consignment import FreightPayer
from app.services.agenda import KINDS, Thresholds, Urgency, agenda, counts
from app.services.licences import LicenceData, save_licence
from tests.app.factories import add_book

TODAY = date(2027, 3, 15)


def _set(db: Database, pub_id: int, **values: object) -> None:
    with db.session() as session:
        pub = session.get(Publication, pub_id)
        for key, value in values.items():
            setattr(pub, key, value)


def _workspace(db: Database, unit_id: int) -> dict[str, int]:
    """One publication (or store) per kind, due on TODAY; and one not yet due of each."""
    ids = {}
    ids["number_missing"] = add_book(db, unit_id, "缺ISBN的書", isbn=None)
    _set(db, ids["number_missing"], status=PublicationStatus.NUMBERED)
    ids["not_yet_planned"] = add_book(db, unit_id, "規劃中的書", gpn=None)  # planning: not due
    ids["number_shared"] = add_book(db, unit_id, "號碼與別本相同的書", gpn="1019900001")
    with db.engine.begin() as conn:  # as a workspace filled before the number rule has it
        number_triggers.drop(conn)
        conn.execute(text("UPDATE publications SET gpn = '1019900001' WHERE id = :i"),
                     {"i": ids["number_missing"]})
        number_triggers.install(conn)
    ids["waiting"] = add_book(db, unit_id, "等回覆的書")
    ids["waiting_recent"] = add_book(db, unit_id, "剛送出的書")
    ids["returned"] = add_book(db, unit_id, "被退件的書")
    with db.session() as session:
        for key, submitted, status in (("waiting", TODAY - timedelta(days=30),
                                        ApplicationStatus.SUBMITTED),
                                       ("waiting_recent", TODAY - timedelta(days=3),
                                        ApplicationStatus.SUBMITTED),
                                       ("returned", TODAY - timedelta(days=30),
                                        ApplicationStatus.RETURNED)):
            session.add(NumberApplication(publication_id=ids[key], kind=ApplicationKind.ISBN,
                                          status=status, submitted_on=submitted,
                                          replied_on=TODAY - timedelta(days=2)
                                          if status is ApplicationStatus.RETURNED else None,
                                          registration_no="R1160001"))
    ids["confirm"] = add_book(db, unit_id, "該確認出版的書", published_year=2027, published_month=1)
    ids["confirm_later"] = add_book(db, unit_id, "下個月出版的書", published_year=2027,
                                    published_month=4)
    ids["deposit"] = add_book(db, unit_id, "已出版的書", isbn="9789860000009")
    _set(db, ids["deposit"], status=PublicationStatus.PRINTED,
         copyright_owner=CopyrightOwner.AGENCY, online_url="https://example.gov.tw/book",
         online_registered=False)
    with db.session() as session:
        libraries = list(session.scalars(select(DepositLibrary).order_by(DepositLibrary.id)))[:3]
        session.add(DepositLine(publication_id=ids["deposit"], library_id=libraries[0].id,
                                copies=2))
        session.add(DepositLine(publication_id=ids["deposit"], library_id=libraries[1].id,
                                copies=1, sent_on=TODAY - timedelta(days=60)))
        session.add(DepositLine(publication_id=ids["deposit"], library_id=libraries[2].id,
                                copies=1, sent_on=TODAY - timedelta(days=5)))
        session.add(EFile(publication_id=ids["deposit"], role=EFileRole.PRINT_BODY,
                          path="/tmp/a.pdf", check_status=""))
        session.add(EFile(publication_id=ids["deposit"], role=EFileRole.PRINT_COVER,
                          path="/tmp/b.pdf", check_status="fail"))
        store = session.scalars(select(SalesStore).order_by(SalesStore.id)).first()
        assert store is not None
        ids["store"] = store.id
        session.add(Shipment(store_id=store.id, publication_id=ids["deposit"],
                             kind=ShipmentKind.SUPPLY, shipped_on=date(2026, 9, 1), quantity=5,
                             freight_payer=FreightPayer.AGENCY))
    # §16 for a unit that records its review; §12 a licence ending within 60 days (and one
    # ending later, not yet an item)
    with db.session() as session:
        session.get(PublishingUnit, unit_id).review_required = True
    ids["licensed"] = add_book(db, unit_id, "授權他人的書")
    with db.session() as session:
        save_licence(session, ids["licensed"], LicenceData(licensee="甲公司",
                                                           ends_on=TODAY + timedelta(days=30)))
        save_licence(session, ids["licensed"], LicenceData(licensee="乙公司",
                                                           ends_on=TODAY + timedelta(days=90)))
    return ids


def test_every_kind_when_due_and_none_before(db: Database, unit_id: int) -> None:
    ids = _workspace(db, unit_id)
    with db.session() as session:
        items = agenda(session, TODAY)
    kinds = {item.kind for item in items}
    assert kinds >= set(KINDS) - {"payment_overdue"}, set(KINDS) - kinds
    shown = {(item.kind, item.publication_id) for item in items}
    assert not [k for k, p in shown if p == ids["not_yet_planned"]], "planning, no GPN: nothing"
    assert ("application_waiting", ids["waiting_recent"]) not in shown, "sent 3 days ago"
    assert ("confirm_publication", ids["confirm_later"]) not in shown, "planned for next month"
    assert ("confirm_publication", ids["confirm"]) in shown
    waiting = [i for i in items if i.kind == "application_waiting"]
    assert [i.publication_id for i in waiting] == [ids["waiting"]]
    assert waiting[0].due == TODAY - timedelta(days=16)
    deposits = [i for i in items if i.kind == "deposit_unacknowledged"]
    assert len(deposits) == 1, "sent 60 days ago: followed up; 5 days ago: not yet"
    settlement = next(i for i in items if i.kind == "settlement_due")
    assert settlement.due == date(2026, 12, 31)
    assert settlement.record_id == ids["store"]
    assert settlement.urgency is Urgency.OVERDUE
    for item in items:
        assert item.rule
        assert item.action.endswith("。")
        assert item.page in {"numbering", "deposit", "consent", "checks", "consignment",
                             "publications", "shared_numbers"}
    assert "GPN" in next(i for i in items if i.publication_id == ids["deposit"]).label
    assert items == sorted(items, key=lambda i: ({Urgency.OVERDUE: 0, Urgency.SOON: 1,
                                                  Urgency.OPEN: 2}[i.urgency],
                                                 i.due or date.max, i.label))
    assert sum(counts(items).values()) == len(items)


def test_thresholds_are_settings_and_today_is_a_parameter(db: Database, unit_id: int) -> None:
    _workspace(db, unit_id)
    with db.session() as session:
        strict = agenda(session, TODAY, Thresholds(application_reply_days=2))
        before = agenda(session, date(2026, 6, 1))
    assert len([i for i in strict if i.kind == "application_waiting"]) == 2
    assert not [i for i in before if i.kind == "confirm_publication"]


def test_a_history_cut_off_leaves_old_publications_out_and_counts_them(
        db: Database, unit_id: int) -> None:
    """Years of history imported from Excel need not drown today's work (issue 26): with a
    cut-off, publications published before it make no items — the database counts them,
    nothing is made of them — and the count says how many were left out."""
    from app.settings import Settings

    old = [add_book(db, unit_id, f"舊出版品第{n}種", published_year=2005 + n % 10)
           for n in range(40)]
    new = add_book(db, unit_id, "今年的書", published_year=2027)
    for pub_id in [*old, new]:
        _set(db, pub_id, status=PublicationStatus.PRINTED)
    with db.session() as session:
        every = agenda(session, TODAY)
        recent = agenda(session, TODAY, Thresholds.of(Settings(agenda_history_years=3), TODAY))
    assert recent.history_from_year == 2025
    old_items = [i for i in every if i.publication_id in old]
    assert old_items  # not deposited, no consent: each old book has things open
    assert not [i for i in recent if i.publication_id in old]
    assert {i.kind for i in recent if i.publication_id == new} == \
        {i.kind for i in every if i.publication_id == new}
    assert len(old_items) <= recent.hidden  # an upper bound, by records
    assert every.hidden == 0
    assert Thresholds.of(Settings(agenda_history_years=0), TODAY).history_from_year is None
    assert Thresholds.of(Settings(agenda_history_years=3)).history_from_year is None  # no day
