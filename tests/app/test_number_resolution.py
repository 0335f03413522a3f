"""The 號碼重複 page's two ways out (issue 33: "a page to resolve them"): record one record as
a reprint of the other, or take the number off the record that holds it wrongly — each refused
with its reason where the rule forbids it, each in the audit trail, and after either the
shared number is no longer listed. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from app.db import Database, number_triggers
from app.errors import ValidationError
from app.models import AuditEntry, Publication, PublicationForm, PublicationRelation
from app.services.number_resolution import clear_number, record_reprint
from app.services.number_rule import shared_numbers
from app.services.publications import publication_data, update_publication
from tests.app.factories import add_book


def _share(db: Database, unit_id: int, **other: object) -> tuple[int, int]:
    """Two records sharing GPN 1011500057, stored before the rule held."""
    first = add_book(db, unit_id, "產業年報", gpn="1011500057")
    second = add_book(db, unit_id, "產業年報", gpn="1011500058", **other)
    with db.engine.begin() as conn:
        number_triggers.drop(conn)
        conn.execute(text("UPDATE publications SET gpn = '1011500057' WHERE id = :i"),
                     {"i": second})
        number_triggers.install(conn)
    return first, second


def _listed(db: Database) -> list[tuple[str, list[int]]]:
    with db.session() as session:
        return [(s.value, [h.id for h in s.holders]) for s in shared_numbers(session)]


def test_a_second_printing_recorded_as_a_reprint_shares_by_the_link(db: Database,
                                                                   unit_id: int) -> None:
    # imported history: the second printing's subtitle differs, so only a link can say they
    # are one work (the same work key would share by the rule already)
    first, second = _share(db, unit_id, printing=2, subtitle="115年版")
    assert _listed(db) == [("1011500057", [first, second])]
    with db.session() as session:
        record_reprint(session, second, first)
    assert _listed(db) == []
    with db.session() as session:
        links = session.execute(select(PublicationRelation.source_id,
                                       PublicationRelation.target_id)).all()
        assert [tuple(link) for link in links] == [(second, first)]
        assert session.scalar(select(AuditEntry.id).where(
            AuditEntry.entity == "publication_relations")) is not None
    with db.session() as session, pytest.raises(ValidationError, match="已記為"):
        record_reprint(session, first, second)  # the link exists, either way round


@pytest.mark.parametrize(("other", "reason"), [
    ({"form": PublicationForm.EBOOK, "printing": 2}, "載體不同"),
    ({"edition": 2}, "版次不同"),
    ({}, "刷次都相同"),
])
def test_a_reprint_link_is_refused_where_the_rule_wants_numbers_of_its_own(
        db: Database, unit_id: int, other: dict[str, object], reason: str) -> None:
    first, second = _share(db, unit_id, **other)
    with db.session() as session, pytest.raises(ValidationError, match=reason) as caught:
        record_reprint(session, second, first)
    assert f"編號 {first}" in str(caught.value)
    assert f"編號 {second}" in str(caught.value)
    with db.session() as session:
        assert session.scalar(select(PublicationRelation.id)) is None
    with db.session() as session, pytest.raises(ValidationError, match="自己的再刷"):
        record_reprint(session, first, first)


def test_clearing_the_number_resolves_it_and_is_audited(db: Database, unit_id: int) -> None:
    first, second = _share(db, unit_id, form=PublicationForm.EBOOK)
    with db.session() as session:
        clear_number(session, second, "gpn", "1011500057")
    assert _listed(db) == []
    with db.session() as session:
        assert session.get(Publication, second).gpn is None  # type: ignore[union-attr]
        assert session.get(Publication, first).gpn == "1011500057"  # type: ignore[union-attr]
        change = session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "publications", AuditEntry.entity_id == second,
            AuditEntry.field == "gpn")
            .order_by(AuditEntry.id.desc())).first()
        assert change is not None
        assert change.old_value == "1011500057"


def test_a_number_corrected_meanwhile_is_not_cleared(db: Database, unit_id: int) -> None:
    _first, second = _share(db, unit_id, form=PublicationForm.EBOOK)
    with db.session() as session:  # another officer gives it its own number first
        data, version = publication_data(session, second)
        data.gpn = "1011500058"
        update_publication(session, second, data, expected_version=version)
    with db.session() as session, pytest.raises(ValidationError, match="現在是 1011500058"):
        clear_number(session, second, "gpn", "1011500057")
    with db.session() as session:
        assert session.get(Publication, second).gpn == "1011500058"  # type: ignore[union-attr]
