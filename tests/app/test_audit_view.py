"""The global 異動紀錄: every change, filtered by period, person, kind of record and words,
paged newest first without gaps or repeats."""

from __future__ import annotations

from datetime import date, timedelta

from app.db import Database
from app.services.history import AuditFilter, audit_rows, audit_users
from app.services.publications import load_publication
from tests.app.factories import add_book


def test_filters_and_pages(db: Database, unit_id: int) -> None:
    books = [add_book(db, unit_id, f"書{n:02d}", gpn=None) for n in range(30)]
    with db.session() as session:
        load_publication(session, books[3]).title = "改過名字的書"
    with db.session() as session:
        everything = audit_rows(session, AuditFilter(), limit=10_000)
        assert len(everything) >= 31
        renamed = audit_rows(session, AuditFilter(text="改過名字"))
        assert [(r.entity, r.entity_id, r.field, r.old, r.new) for r in renamed] == [
            ("出版品", books[3], "題名", "書03", "改過名字的書")]
        units = audit_rows(session, AuditFilter(entity="publishing_units"))
        assert all(r.entity == "機關" for r in units)
        assert audit_rows(session, AuditFilter(entity="publications", entity_id=books[5]))
        today = date.today()
        assert len(audit_rows(session, AuditFilter(since=today), limit=10_000)) == len(everything)
        assert audit_rows(session, AuditFilter(since=today + timedelta(days=1))) == []
        assert audit_rows(session, AuditFilter(until=today - timedelta(days=1))) == []
        users = audit_users(session)
        assert users
        assert audit_rows(session, AuditFilter(user="沒有這個人")) == []
        assert len(audit_rows(session, AuditFilter(user=users[0]), limit=10_000)) == \
            len(everything)
        pages, before = [], None
        while True:
            page = audit_rows(session, AuditFilter(), before_id=before, limit=7)
            if not page:
                break
            pages += page
            before = page[-1].id
        assert [r.id for r in pages] == [r.id for r in everything]


def test_text_filter_escapes_wildcards(db: Database, unit_id: int) -> None:
    add_book(db, unit_id, "百分之百", gpn=None)
    add_book(db, unit_id, "100% 完成", gpn=None)
    with db.session() as session:
        found = audit_rows(session, AuditFilter(text="100%"))
    assert found
    assert all("100%" in r.new for r in found)  # 「百分之百」 is not matched by a bare %
