"""The audit trail is complete and append-only: orphans, database cascades and SET NULL are
recorded with their old values, and the database itself refuses to change or delete an entry.
On SQLite and PostgreSQL."""

import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.db import Database
from app.models import AuditAction, AuditEntry, RelationKind
from app.services.publications import delete_publication
from app.services.toc_service import save_toc, toc_for_edit
from app.services.units import ContactData, save_contacts, unit_version
from app.toc import TocLine
from tests.app.factories import add_book


def _entries(db: Database, entity: str) -> list[AuditEntry]:
    with db.session() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == entity)
                                    .order_by(AuditEntry.id)))


def test_removed_toc_lines_and_contacts_are_recorded(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id)
    with db.session() as session:
        save_toc(session, pub_id, [TocLine(1, "第一章"), TocLine(1, "第二章"), TocLine(1, "附錄")],
                 expected_version=toc_for_edit(session, pub_id)[1])
    with db.session() as session:
        save_toc(session, pub_id, [TocLine(1, "第一章")],
                 expected_version=toc_for_edit(session, pub_id)[1])
    deleted = [json.loads(e.old_value or "{}") for e in _entries(db, "toc_entries")
               if e.action is AuditAction.DELETE]
    assert sorted(d["title"] for d in deleted) == sorted(["附錄", "第二章"])
    with db.session() as session:
        save_contacts(session, unit_id, [ContactData("林怡君"), ContactData("陳志明")],
                      expected_version=unit_version(session, unit_id))
    with db.session() as session:
        save_contacts(session, unit_id, [ContactData("林怡君")],
                      expected_version=unit_version(session, unit_id))
    gone = [json.loads(e.old_value or "{}")["name"] for e in _entries(db, "contacts")
            if e.action is AuditAction.DELETE]
    assert gone == ["陳志明"]


def test_cascaded_rows_are_recorded_with_their_values(db: Database, unit_id: int) -> None:
    from app.services.publications import copy_publication

    pub_id = add_book(db, unit_id)
    with db.session() as session:
        reprint = copy_publication(session, pub_id, RelationKind.REPRINT_OF).id
        session.execute(text(
            "INSERT INTO efiles (publication_id, role, path, size_bytes, sha256, check_status,"
            " check_report, created_at, updated_at) VALUES (:p, 'final_body', 'a.pdf', 1, '', '', '',"
            " '2026-01-01', '2026-01-01')"), {"p": pub_id})
    with db.session() as session:
        delete_publication(session, pub_id, confirmed=True)
    relation = [e for e in _entries(db, "publication_relations") if e.action is AuditAction.DELETE]
    assert len(relation) == 1
    assert json.loads(relation[0].old_value or "")["source_id"] == str(reprint)
    efile = [e for e in _entries(db, "efiles") if e.action is AuditAction.DELETE]
    assert len(efile) == 1
    assert json.loads(efile[0].old_value or "")["path"].endswith("a.pdf")
    with db.session() as session:
        assert session.execute(text("SELECT count(*) FROM efiles")).scalar() == 0


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET os_user = 'x'",
                                       "DELETE FROM audit_log"])
def test_the_database_refuses_to_rewrite_the_audit_log(db: Database, unit_id: int,
                                                       statement: str) -> None:
    add_book(db, unit_id)
    before = len(_entries(db, "publications"))
    assert before
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text(statement))
    assert len(_entries(db, "publications")) == before
