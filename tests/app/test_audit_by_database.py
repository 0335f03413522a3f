"""The database keeps its own trail (issue 27): a change made with plain SQL is recorded like
one made by PubDesk, `row_version` rises whatever the client says, every audited table has its
triggers, the entries are hash-chained and a tampered one is found, and — on SQLite — a
deleted record's id is never handed to a new one. On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing, redirect_stdout
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.cli import main
from app.db import Database, audit_chain, audit_triggers
from app.models import AuditEntry
from app.paths import Locations
from app.services.history import publication_history
from app.services.publications import delete_publication
from app.services.recycle_bin import list_bin, restore
from tests.app.factories import add_book


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


def test_every_audited_table_has_its_triggers(db: Database) -> None:
    with db.engine.connect() as conn:
        assert audit_triggers.missing(conn) == []
    assert "publications" in audit_triggers.audited_tables()
    assert "audit_log" not in audit_triggers.audited_tables()


def test_plain_sql_is_recorded_and_raises_the_version(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id, "產業年鑑")
    with db.engine.begin() as conn:
        version = conn.execute(text("SELECT row_version FROM publications WHERE id = :i"),
                               {"i": pub_id}).scalar()
        conn.execute(text("UPDATE publications SET title = '改過的題名', row_version = 1 "
                          "WHERE id = :i"), {"i": pub_id})
        conn.execute(text("DELETE FROM contributors WHERE publication_id = :i"), {"i": pub_id})
    with db.session() as session:
        assert session.execute(text("SELECT row_version FROM publications WHERE id = :i"),
                               {"i": pub_id}).scalar() == version + 1
        entries = session.scalars(select(AuditEntry).where(
            AuditEntry.entity.in_(["publications", "contributors"])).order_by(AuditEntry.id)).all()
        title = [e for e in entries if e.field == "title"]
        assert [(e.old_value, e.new_value) for e in title] == [("產業年鑑", "改過的題名")]
        assert title[0].db_user, "the database names who, not the client"
        assert [e.action.value for e in entries if e.entity == "contributors"][-1] == "delete"
        history = publication_history(session, pub_id)
    assert any(r.field == "題名" and r.new == "改過的題名" for r in history)


def test_the_chain_holds_and_a_tampered_entry_is_found(db: Database, unit_id: int,
                                                       locations: Locations) -> None:
    for number in range(3):
        add_book(db, unit_id, f"第 {number} 本")
    with db.engine.connect() as conn:
        report = audit_chain.verify(conn)
    assert report.intact
    assert report.entries > 10
    code, said = _cli("--data-dir", str(locations.data_dir), "--db", locations.database_url,
                      "db", "verify-audit")
    assert code == 0
    assert "雜湊鏈沒有斷裂" in said
    with db.engine.begin() as conn:
        target = conn.execute(text("SELECT id FROM audit_log WHERE entity = 'publications' "
                                   "ORDER BY id LIMIT 1")).scalar()
        _without_append_only(conn)
        conn.execute(text("UPDATE audit_log SET new_value = '偽造' WHERE id = :i"), {"i": target})
    with db.engine.connect() as conn:
        broken = audit_chain.verify(conn).broken
    assert broken is not None
    assert (broken.entry_id, broken.problem) == (target, "changed")
    code, said = _cli("--data-dir", str(locations.data_dir), "--db", locations.database_url,
                      "db", "verify-audit", "--json")
    assert code == 1
    assert f'"entry_id": {target}' in said


def test_a_removed_entry_breaks_the_link(db: Database, unit_id: int) -> None:
    add_book(db, unit_id, "一")
    add_book(db, unit_id, "二")
    with db.engine.begin() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM audit_log ORDER BY id"))]
        _without_append_only(conn)
        conn.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": ids[5]})
    with db.engine.connect() as conn:
        broken = audit_chain.verify(conn).broken
    assert broken is not None
    assert (broken.entry_id, broken.problem) == (ids[6], "unlinked")


def _without_append_only(conn: object) -> None:
    """As the file's or schema's owner could: switch the append-only guard off."""
    execute = conn.exec_driver_sql  # type: ignore[attr-defined]
    if conn.dialect.name == "postgresql":  # type: ignore[attr-defined]
        execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    else:
        execute("DROP TRIGGER audit_log_append_only_update")
        execute("DROP TRIGGER audit_log_append_only_delete")


def test_the_audit_log_refuses_to_be_rewritten(db: Database, unit_id: int) -> None:
    add_book(db, unit_id)
    for statement in ("UPDATE audit_log SET os_user = 'nobody'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(statement))


def test_a_restore_says_why_beside_each_row(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id, "要還原的書")
    with db.session() as session:
        delete_publication(session, pub_id, confirmed=True)
    with db.session() as session:
        restore(session, list_bin(session)[0].id)
    with db.session() as session:
        reasons = set(session.scalars(select(AuditEntry.reason).where(
            AuditEntry.entity == "publications", AuditEntry.action == "create",
            AuditEntry.entity_id == pub_id)))
        assert any((r or "").startswith("自資源回收筒還原（要還原的書") for r in reasons)
    later = add_book(db, unit_id, "之後的書")
    with db.session() as session:
        assert session.scalars(select(AuditEntry.reason).where(
            AuditEntry.entity == "publications", AuditEntry.entity_id == later)).all() == [None], \
            "a reason belongs to its transaction only"


@pytest.mark.sqlite_only
def test_a_deleted_record_s_id_is_never_given_again(db: Database, unit_id: int) -> None:
    first = add_book(db, unit_id, "先有的書")
    with db.session() as session:
        delete_publication(session, first, confirmed=True)
    second = add_book(db, unit_id, "後來的書")
    assert second != first
    with db.session() as session:
        history = publication_history(session, second)
    assert not any("刪除" in r.what for r in history if r.what.startswith("出版品")), \
        "the new record's history is its own"


@pytest.mark.sqlite_only
def test_a_program_without_pubdesk_cannot_write_unrecorded(db: Database, unit_id: int) -> None:
    add_book(db, unit_id)
    path = db.path
    assert path is not None
    with closing(sqlite3.connect(path)) as conn, pytest.raises(sqlite3.OperationalError,
                                                               match="no such function"):
        conn.execute("UPDATE publications SET title = '偷改'")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM publications WHERE title = '偷改'").fetchone() \
            == (0,)


@pytest.mark.sqlite_only
def test_db_where_never_prints_a_password(tmp_path: Path) -> None:
    code, said = _cli("--data-dir", str(tmp_path), "--db",
                      "postgresql+psycopg://lin:secret-password-1@127.0.0.1:5/pubdesk",
                      "db", "where")
    assert code == 0
    assert "secret-password-1" not in said
    assert "lin:***@127.0.0.1" in said
