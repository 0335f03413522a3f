import json

import pytest
from sqlalchemy import select

from app.db import Database
from app.errors import NotFoundError, PubDeskError, ValidationError
from app.models import (
    AuditAction,
    AuditEntry,
    Binding,
    CipStatus,
    ContributorRole,
    PartnerKind,
    Publication,
    PublicationForm,
    PublicationStatus,
    PublicationType,
    RelationKind,
)
from app.services.publication_rules import ContributorData
from app.services.publications import (
    PublicationFilter,
    copy_publication,
    count_publications,
    create_publication,
    delete_blockers,
    delete_publication,
    publication_data,
    publication_ids,
    related_publications,
    rows_for,
    update_publication,
)
from app.services.toc_service import get_toc, import_toc_text
from tests.app.factories import add_book, book


def test_create_and_read_back_every_field(db: Database, unit_id: int) -> None:
    data = book(unit_id, subtitle="2026年版", series="產業叢書", binding=Binding.HARDCOVER,
                language="中文", audience="一般大眾", keywords="產業；經濟", summary="摘要",
                isbn="978-986-00-0000-9", cip_status=CipStatus.APPLIED,
                online_url="https://example.gov.tw/book", online_registered=True,
                partner_kind=PartnerKind.COMMISSIONED, partner_name="工業技術研究院")
    with db.session() as session:
        saved = create_publication(session, data)
    with db.session() as session:
        loaded, version = publication_data(session, saved.id)
    assert version == 1
    assert loaded.isbn == "9789860000009"
    assert loaded.contributors == data.contributors
    for name in ("title", "subtitle", "series", "binding", "published_year", "published_month",
                 "pages", "price_ntd", "gpn", "cip_status", "online_url", "partner_name"):
        expected = getattr(data, name)
        if name == "isbn":
            continue
        assert getattr(loaded, name) == expected, name


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": "  "}, "title"),
    ({"title": "字" * 301}, "title"),
    ({"edition": 0}, "edition"),
    ({"printing": 0}, "printing"),
    ({"published_month": 13}, "published_month"),
    ({"published_year": None}, "published_year"),
    ({"published_year": 1800}, "published_year"),
    ({"pages": 0}, "pages"),
    ({"price_ntd": -1}, "price_ntd"),
    ({"gpn": "12345"}, "gpn"),
    ({"isbn": "978-986-00-0000-1"}, "isbn"),
    ({"issn": "1234-5678"}, "issn"),
    ({"isrc": "TW-1"}, "isrc"),
    ({"form": PublicationForm.EBOOK, "cip_status": CipStatus.APPLIED}, "cip_status"),
    ({"partner_kind": PartnerKind.CO_PUBLISHER}, "partner_name"),
    ({"online_registered": True, "online_url": ""}, "online_url"),
    ({"contributors": [ContributorData(" ", ContributorRole.AUTHOR)]}, "contributors"),
])
def test_every_validation_error_names_its_field(db: Database, unit_id: int,
                                                changes: dict[str, object], field: str) -> None:
    with db.session() as session, pytest.raises(ValidationError) as info:
        create_publication(session, book(unit_id, **changes))
    assert field in [p.field for p in info.value.problems]
    assert all(p.message for p in info.value.problems)


def test_all_problems_are_reported_at_once(db: Database, unit_id: int) -> None:
    with db.session() as session, pytest.raises(ValidationError) as info:
        create_publication(session, book(unit_id, title="", pages=-3, gpn="1"))
    assert {p.field for p in info.value.problems} == {"title", "pages", "gpn"}


def test_unknown_unit_is_refused(db: Database) -> None:
    with db.session() as session, pytest.raises(ValidationError, match="出版機關"):
        create_publication(session, book(9999))


def test_warnings_do_not_block(db: Database, unit_id: int) -> None:
    with db.session() as session:
        saved = create_publication(session, book(unit_id, pub_type=PublicationType.SERIAL,
                                                 isbn="9780306406157"))
    assert any("ISSN" in w for w in saved.warnings)
    assert any("臺灣" in w for w in saved.warnings)


def test_update_changes_contributors_and_bumps_version(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id)
    with db.session() as session:
        data, version = publication_data(session, pub_id)
        data.title = "臺灣產業發展年報（修正）"
        data.contributors = [ContributorData("林大同", ContributorRole.AUTHOR)]
        saved = update_publication(session, pub_id, data, expected_version=version)
    assert saved.row_version == version + 1
    with db.session() as session:
        data, _ = publication_data(session, pub_id)
    assert data.contributors == [ContributorData("林大同", ContributorRole.AUTHOR)]


def test_stale_edit_is_refused_and_loses_nothing(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id)
    with db.session() as session:
        first, version = publication_data(session, pub_id)
    with db.session() as session:
        other, _ = publication_data(session, pub_id)
        other.pages = 300
        update_publication(session, pub_id, other, expected_version=version)
    first.pages = 100
    with db.session() as session, pytest.raises(PubDeskError, match=r"在您開啟之後，已由 .* 儲存過"):
        update_publication(session, pub_id, first, expected_version=version)
    with db.session() as session:
        assert publication_data(session, pub_id)[0].pages == 300


def test_reprint_keeps_numbers_and_counts_printing(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id, isbn="9789860000009")
    with db.session() as session:
        import_toc_text(session, pub_id, "第一章 緒論……1\n第一節 背景……2",
                        expected_version=publication_data(session, pub_id)[1])
        saved = copy_publication(session, pub_id, RelationKind.REPRINT_OF)
    assert "沿用" in saved.warnings[0]
    with db.session() as session:
        data, _ = publication_data(session, saved.id)
        assert (data.gpn, data.isbn, data.printing) == ("1011500057", "9789860000009", 2)
        assert data.status is PublicationStatus.NUMBERED  # its numbers are the original's
        assert len(get_toc(session, saved.id)) == 2
        links = related_publications(session, saved.id)
    assert links[0].kind is RelationKind.REPRINT_OF
    assert links[0].other_id == pub_id
    assert links[0].outgoing


def test_revision_needs_new_numbers(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id, isbn="9789860000009", edition=2, printing=3)
    with db.session() as session:
        saved = copy_publication(session, pub_id, RelationKind.REVISION_OF)
        data, _ = publication_data(session, saved.id)
    assert (data.gpn, data.isbn, data.edition, data.printing) == (None, None, 3, 1)
    assert "新的 GPN" in saved.warnings[0]


def test_other_form_clears_numbers_and_cip(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id, cip_status=CipStatus.RECEIVED, cip_text="CIP 資料")
    with db.session() as session:
        with pytest.raises(ValidationError, match="不同"):
            copy_publication(session, pub_id, RelationKind.OTHER_FORM, PublicationForm.PRINT)
        saved = copy_publication(session, pub_id, RelationKind.OTHER_FORM, PublicationForm.EBOOK)
        data, _ = publication_data(session, saved.id)
    assert data.form is PublicationForm.EBOOK
    assert data.gpn is None
    assert data.cip_status is CipStatus.NOT_APPLICABLE
    assert data.cip_text == ""


def test_delete_is_guarded_when_numbered(db: Database, unit_id: int) -> None:
    numbered = add_book(db, unit_id)
    draft = add_book(db, unit_id, "草稿", gpn=None)
    with db.session() as session:
        assert delete_blockers(session, draft) == []
        delete_publication(session, draft)
        assert any("GPN" in r for r in delete_blockers(session, numbered))
        with pytest.raises(PubDeskError, match="確認"):
            delete_publication(session, numbered)
    with db.session() as session:
        assert session.get(Publication, numbered) is not None
        delete_publication(session, numbered, confirmed=True)
    with db.session() as session, pytest.raises(NotFoundError):
        publication_data(session, numbered)


def test_search_finds_chinese_substrings_in_titles_and_people(db: Database,
                                                              unit_id: int) -> None:
    first = add_book(db, unit_id, "臺灣產業發展年報")
    second = add_book(db, unit_id, "中小企業白皮書", contributors=[
        ContributorData("張志明", ContributorRole.AUTHOR)])
    add_book(db, unit_id, "能源統計手冊", pub_type=PublicationType.SERIAL)
    with db.session() as session:
        assert publication_ids(session, PublicationFilter(text="產業")) == [first]
        assert publication_ids(session, PublicationFilter(text="志明")) == [second]
        assert publication_ids(session, PublicationFilter(text="100%")) == []
        assert count_publications(session, PublicationFilter()) == 3
        assert count_publications(session, PublicationFilter(
            pub_type=PublicationType.SERIAL)) == 1
        assert count_publications(session, PublicationFilter(unit_id=unit_id + 1)) == 0
        by_title = publication_ids(session, PublicationFilter(), sort="title", descending=False)
        rows = rows_for(session, by_title)
    assert [rows[i].title for i in by_title] == sorted(rows[i].title for i in by_title)
    assert rows[first].unit_name == "產發署"


def test_every_change_is_audited(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id)
    with db.session() as session:
        session.info["os_user"] = "officer1"
        data, version = publication_data(session, pub_id)
        data.price_ntd = 500
        update_publication(session, pub_id, data, expected_version=version)
    with db.session() as session:
        delete_publication(session, pub_id, confirmed=True)
        entries = session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "publications", AuditEntry.entity_id == pub_id)
            .order_by(AuditEntry.id)).all()
    actions = [(e.action, e.field, e.old_value, e.new_value) for e in entries]
    assert actions[0][0] is AuditAction.CREATE
    assert (AuditAction.UPDATE, "price_ntd", "450", "500") in actions
    assert actions[-1][:2] == (AuditAction.DELETE, "")
    deleted = json.loads(actions[-1][2])
    assert (deleted["title"], deleted["price_ntd"], deleted["gpn"]) == \
        ("臺灣產業發展年報", "500", "1011500057"), "a delete keeps every old value"
    update = next(e for e in entries if e.action is AuditAction.UPDATE)
    assert update.os_user == "officer1"
    assert all(e.os_user for e in entries)
    assert all(e.at is not None for e in entries)


def test_labels_of_enums_sharing_values_do_not_collide() -> None:
    from app.models import Binding, CipStatus, ContributorRole, CopyrightOwner, PartnerKind

    assert ContributorRole.AUTHOR.label == "著"
    assert CopyrightOwner.AUTHOR.label == "著作人"
    assert {Binding.NONE.label, CipStatus.NONE.label, PartnerKind.NONE.label} == {
        "不適用", "未申請", "無"}


def test_every_labelled_enum_member_has_a_label() -> None:
    from app import models
    from app.models.enums import LabelledEnum

    enums = [v for v in vars(models).values()
             if isinstance(v, type) and issubclass(v, LabelledEnum) and v is not LabelledEnum]
    assert len(enums) > 10
    for enum_type in enums:
        for member in enum_type:
            assert member.label, f"{enum_type.__name__}.{member.name}"


def test_partner_terms_of_section_17(db: Database, unit_id: int) -> None:
    from decimal import Decimal

    pub = add_book(db, unit_id, partner_kind=PartnerKind.CO_PUBLISHER, partner_name="某出版社",
                   partner_sales_obligation=True, partner_commission_percent=Decimal("30"),
                   partner_reuse_fee="每年新臺幣1萬元")
    with db.session() as session:
        data, version = publication_data(session, pub)
        assert data.partner_sales_obligation is True
        assert data.partner_commission_percent == Decimal("30.00")
        assert data.partner_reuse_fee == "每年新臺幣1萬元"
        data.partner_commission_percent = Decimal("120")
        with pytest.raises(ValidationError) as info:
            update_publication(session, pub, data, expected_version=version)
    assert info.value.problems[0].field == "partner_commission_percent"
