"""The rules of 注意事項 that had no place (issue 31): licences to others (§12) and 附件二's
注意事項, the review before print (§16), the upkeep of the government publications site
(§15), the deposit contact (NCL 五) — each through its service, the agenda and the checklist,
with the audit trail written by the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.db import Database
from app.errors import ValidationError
from app.models import (
    AuditEntry,
    ConsentKind,
    GpnSiteRecord,
    Licence,
    Publication,
    PublicationStatus,
)
from app.services.agenda import agenda
from app.services.consent import BookConsentItem, ConsentRequest, consent_draft
from app.services.consent_texts import ConsentScope
from app.services.gpn_site import changed_fields, mark_updated, record_of
from app.services.licences import MOC_NOTE, LicenceData, conflict_warning, save_licence
from app.services.life_cycle import checklist
from app.services.publications import publication_data, update_publication
from app.services.review import ReviewData, record_review
from app.services.units import save_unit, unit_data, unit_version
from tests.app.factories import add_book

TODAY = date(2026, 12, 8)


def _items(db: Database, kind: str, unit_id: int | None = None) -> list[object]:
    with db.session() as session:
        return [i for i in agenda(session, TODAY, unit_id=unit_id) if i.kind == kind]


def _step(db: Database, publication_id: int, key: str):  # type: ignore[no-untyped-def]
    with db.session() as session:
        return next((s for s in checklist(session, publication_id) if s.key == key), None)


def test_a_licence_is_validated_saved_audited_and_on_the_checklist(db: Database,
                                                                   unit_id: int) -> None:
    pub = add_book(db, unit_id)
    with db.session() as session, pytest.raises(ValidationError) as info:
        save_licence(session, pub, LicenceData(licensee=" ", whole=False,
                                               starts_on=date(2027, 1, 1),
                                               ends_on=date(2026, 1, 1), fee_ntd=-1))
    fields = {p.field for p in info.value.problems}
    assert fields == {"licensee", "uses", "ends_on", "fee_ntd"}
    with db.session() as session:
        saved = save_licence(session, pub, LicenceData(
            licensee="遠流出版公司", whole=False, uses="重製、發行（中文繁體紙本）",
            starts_on=date(2026, 1, 1), ends_on=date(2028, 12, 31), fee_ntd=30000,
            contract_ref="產發契字第115001號"))
    assert saved.warnings == []  # not exclusive, no consent yet: nothing to say
    with db.session() as session:
        audited = session.query(AuditEntry).filter(AuditEntry.entity == "licences",
                                                   AuditEntry.entity_id == saved.id).all()
        assert audited
        assert "遠流出版公司" in (audited[0].new_value or "")
    step = _step(db, pub, "licences")
    assert step is not None
    assert step.done
    assert "遠流出版公司（部分非專屬授權）" in step.detail


def test_an_exclusive_licence_after_consent_quotes_the_rule(db: Database, unit_id: int) -> None:
    pub = add_book(db, unit_id)
    with db.session() as session:  # as recording a consent letter sets it
        session.get(Publication, pub).consent_sent_on = date(2026, 10, 1)
    with db.session() as session:
        saved = save_licence(session, pub, LicenceData(licensee="某數位平臺", exclusive=True))
    [warning] = saved.warnings
    assert MOC_NOTE in warning
    assert "某數位平臺（全部專屬授權）" in warning
    step = _step(db, pub, "licences")
    assert step is not None
    assert not step.done
    assert MOC_NOTE in step.detail


def test_a_consent_after_a_transfer_warns_in_the_draft(db: Database, unit_id: int) -> None:
    pub = add_book(db, unit_id)
    with db.session() as session:
        save_licence(session, pub, LicenceData(licensee="甲出版社", transfer=True))
    with db.session() as session:
        draft = consent_draft(session, ConsentRequest(
            unit_id=unit_id, kind=ConsentKind.BOOK, issued_on=TODAY,
            books=[BookConsentItem(pub, {ConsentScope.DIGITAL_ARCHIVE})]))
        assert len(draft.warnings) == 1
        assert "甲出版社（讓與）" in draft.warnings[0]
        assert MOC_NOTE in draft.warnings[0]
        assert conflict_warning(session, pub) is None  # consent not yet sent


def test_licences_ending_soon_are_on_the_agenda(db: Database, unit_id: int) -> None:
    pub = add_book(db, unit_id)
    with db.session() as session:
        save_licence(session, pub, LicenceData(licensee="乙公司", ends_on=date(2027, 1, 20)))
        save_licence(session, pub, LicenceData(licensee="丙公司", ends_on=date(2027, 6, 1)))
        save_licence(session, pub, LicenceData(licensee="丁公司", ends_on=date(2026, 11, 1)))
    items = _items(db, "licence_ending")
    assert [(i.record_id, i.due) for i in items] == [(pub, date(2027, 1, 20))]  # type: ignore[attr-defined]
    assert "乙公司" in items[0].action  # type: ignore[attr-defined]


def test_the_review_is_asked_for_only_where_the_unit_records_it(db: Database,
                                                                unit_id: int) -> None:
    pub = add_book(db, unit_id, status=PublicationStatus.NUMBERED)
    assert _step(db, pub, "review") is None
    assert _items(db, "review_due") == []
    with db.session() as session:
        data = replace(unit_data(session, unit_id), review_required=True)
        save_unit(session, data, unit_id, expected_version=unit_version(session, unit_id))
    [item] = _items(db, "review_due")
    assert item.record_id == pub  # type: ignore[attr-defined]
    assert item.rule == "§16"  # type: ignore[attr-defined]
    step = _step(db, pub, "review")
    assert step is not None
    assert not step.done
    with db.session() as session, pytest.raises(ValidationError):
        record_review(session, pub, ReviewData(date(2026, 12, 9), "林怡君"), today=TODAY)
    with db.session() as session:
        record_review(session, pub, ReviewData(TODAY, "林怡君", "版權頁 CIP 已核對"), today=TODAY)
    assert _items(db, "review_due") == []
    step = _step(db, pub, "review")
    assert step is not None
    assert step.done
    assert step.on == TODAY
    assert "林怡君" in step.detail


def test_a_review_needs_a_gpn(db: Database, unit_id: int) -> None:
    pub = add_book(db, unit_id, gpn=None)
    with db.session() as session, pytest.raises(ValidationError) as info:
        record_review(session, pub, ReviewData(TODAY, "林怡君"))
    assert "GPN" in info.value.problems[0].message


def test_the_site_record_starts_with_the_gpn_and_changes_raise_an_item(db: Database,
                                                                       unit_id: int) -> None:
    pub = add_book(db, unit_id)  # created with a GPN: applied for on the site with this data
    with db.session() as session:
        record = record_of(session, pub)
        assert record is not None
        assert record.price_ntd == 450
        assert record.published is False
        assert changed_fields(session, pub) == []
    assert _items(db, "gpn_site_outdated") == []
    with db.session() as session:
        data, version = publication_data(session, pub)
        update_publication(session, pub, replace(data, price_ntd=500, pages=256,
                                                 status=PublicationStatus.PRINTED),
                           expected_version=version)
    [item] = _items(db, "gpn_site_outdated")
    assert "定價、頁數、出版狀態" in item.action  # type: ignore[attr-defined]
    step = _step(db, pub, "gpn_site")
    assert step is not None
    assert not step.done
    with db.session() as session:  # steps after printing do not concern the site
        mark_updated(session, pub, TODAY)
        data, version = publication_data(session, pub)
        update_publication(session, pub, replace(data, status=PublicationStatus.DEPOSITED),
                           expected_version=version)
    assert _items(db, "gpn_site_outdated") == []
    step = _step(db, pub, "gpn_site")
    assert step is not None
    assert step.done
    assert step.on == TODAY


def test_imported_history_raises_no_site_items(db: Database, unit_id: int) -> None:
    """Records whose GPN PubDesk never saw assigned: what the site holds is unknown."""
    from app.services.publications import create_checked_publications
    from tests.app.factories import book

    with db.session() as session:
        ids = create_checked_publications(session, [
            book(unit_id, f"舊書{i}", gpn=str(1011500100 + i), price_ntd=100 + i)
            for i in range(50)])
        assert session.query(GpnSiteRecord).count() == 0
    assert _items(db, "gpn_site_outdated") == []
    step = _step(db, ids[0], "gpn_site")
    assert step is not None
    assert not step.done
    assert "不知道" in step.detail


def test_a_gpn_entered_later_registers_then(db: Database, unit_id: int) -> None:
    pub = add_book(db, unit_id, gpn=None)
    with db.session() as session:
        assert record_of(session, pub) is None
        data, version = publication_data(session, pub)
        update_publication(session, pub, replace(data, gpn="1011500999"),
                           expected_version=version)
        assert record_of(session, pub) is not None


def test_the_deposit_contact_is_kept_with_the_unit(db: Database, unit_id: int) -> None:
    with db.session() as session:
        data = replace(unit_data(session, unit_id), deposit_contact_name="張雅婷",
                       deposit_contact_phone="(02)2321-2200#305",
                       deposit_contact_email="not-an-address", deposit_notice="電子郵件")
        with pytest.raises(ValidationError) as info:
            save_unit(session, data, unit_id, expected_version=unit_version(session, unit_id))
        assert info.value.problems[0].field == "deposit_contact_email"
    with db.session() as session:
        data = replace(data, deposit_contact_email="chang@ida.gov.tw")
        save_unit(session, data, unit_id, expected_version=unit_version(session, unit_id))
    with db.session() as session:
        kept = unit_data(session, unit_id)
        assert (kept.deposit_contact_name, kept.deposit_notice) == ("張雅婷", "電子郵件")


def test_deleting_a_publication_keeps_its_licences_in_the_recycle_bin(db: Database,
                                                                      unit_id: int) -> None:
    from app.services.publications import delete_publication
    from app.services.recycle_bin import list_bin, restore

    pub = add_book(db, unit_id)
    with db.session() as session:
        save_licence(session, pub, LicenceData(licensee="戊公司"))
        record_review(session, pub, ReviewData(TODAY, "林怡君"))
    with db.session() as session:
        delete_publication(session, pub, confirmed=True)
    with db.session() as session:
        assert session.query(Licence).count() == 0
        [entry] = list_bin(session)
    with db.session() as session:
        restore(session, entry.id)
    with db.session() as session:
        [licence] = session.query(Licence).all()
        assert licence.licensee == "戊公司"
        assert licence.publication_id == pub
        assert record_of(session, pub) is not None
