"""An import writes in bulk (issue 26: a statement and a flush per row were 60 % of a
10,000-row import) and still holds every rule the single save holds: the number rule naming
the holder, the audit entries, the search index, contributors in order, cancel before
anything is written — on SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event, func, select

from app.db import Database
from app.errors import ValidationError
from app.models import AuditEntry, Contributor, Publication
from app.services.publication_rules import validate_publication
from app.services.publications import ImportCancelled, create_checked_publications
from app.services.search import search_everything
from tests.app.factories import book


def rows(unit_id: int, count: int, first_gpn: int = 1011500100) -> list:  # type: ignore[type-arg]
    return [validate_publication(book(unit_id, f"匯入的書第{n}種", gpn=str(first_gpn + n)))[0]
            for n in range(count)]


def test_a_thousand_rows_go_in_a_few_statements_with_audit_search_and_contributors(
        db: Database, unit_id: int) -> None:
    data = rows(unit_id, 1200)
    inserts: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO PUBLICATIONS"):
            inserts.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.session() as session:
            ids = create_checked_publications(session, data)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(inserts) <= 6  # three batches (was 1,200 statements)
    assert len(ids) == len(set(ids)) == 1200
    with db.session() as session:
        titles = dict(session.execute(select(Publication.id, Publication.title)
                                      .where(Publication.id.in_(ids))).all())
        assert [titles[i] for i in ids] == [row.title for row in data]  # ids in row order
        created = session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "publications", AuditEntry.entity_id.in_(ids),
            AuditEntry.action == "create"))
        assert created == 1200
        people = session.execute(select(Contributor.name, Contributor.position)
                                 .where(Contributor.publication_id == ids[7])
                                 .order_by(Contributor.position)).all()
        assert [tuple(p) for p in people] == [("王小明", 1), ("陳美華", 2)]
        pub = session.get(Publication, ids[7])
        assert pub is not None
        assert pub.row_version == 1
        assert pub.changed_by
        assert any(hit.record_id == ids[1199] for hit in
                   search_everything(session, "匯入的書第1199種"))


def test_a_taken_number_in_a_later_batch_is_refused_naming_its_holder(
        db: Database, unit_id: int) -> None:
    data = rows(unit_id, 7)
    data[5] = replace(data[5], title="另一本無關的書", gpn=data[1].gpn)  # batch 2 of 3 rows
    with pytest.raises(ValidationError) as refused, db.session() as session:
        create_checked_publications(session, data, batch=3)
    assert "匯入的書第1種" in refused.value.problems[0].message
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Publication).where(
            Publication.title.like("匯入的書%"))) == 0  # the caller's transaction rolled back


def test_cancel_stops_before_the_next_batch_and_nothing_is_written(
        db: Database, unit_id: int) -> None:
    done: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled), db.session() as session:
        create_checked_publications(session, rows(unit_id, 10), batch=4,
                                    progress=lambda d, t: done.append((d, t)),
                                    cancelled=lambda: bool(done))
    assert done == [(4, 10)]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Publication).where(
            Publication.title.like("匯入的書%"))) == 0
