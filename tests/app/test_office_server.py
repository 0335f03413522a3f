"""Office mode on a real PostgreSQL server: the schema and three roles, a login per officer,
a viewer that may only read, an officer that may not rewrite the audit trail, and the login
in the audit log."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.db import open_database
from app.db.office import add_login, init_server
from app.errors import DatabaseError, ValidationError
from app.models import AuditEntry
from app.paths import resolve_locations
from app.services.units import UnitData, save_unit
from tests.postgres import create_database, drop_database


@pytest.fixture
def server_db() -> Iterator[str]:
    server = os.environ.get("PUBDESK_TEST_POSTGRES")
    if not server:
        pytest.skip("office mode needs the test PostgreSQL server (dev.py test starts one)")
    name = f"pubdesk_office_{os.getpid()}"
    url = create_database(server, name)
    yield url
    drop_database(server, name)


def _as(url: str, login: str) -> str:
    return make_url(url).set(username=login, password="a-long-password") \
        .render_as_string(hide_password=False)


def test_init_server_then_officer_and_viewer_logins(server_db: str, tmp_path: Path) -> None:
    said = init_server(server_db)
    assert any("pubdesk_viewer" in line or "權限" in line for line in said)
    assert init_server(server_db), "running it again is harmless"
    suffix = os.getpid()
    add_login(server_db, f"lin_{suffix}", "a-long-password", "pubdesk_officer")
    add_login(server_db, f"chen_{suffix}", "a-long-password", "pubdesk_viewer")
    with pytest.raises(ValidationError, match="密碼至少"):
        add_login(server_db, f"wu_{suffix}", "short", "pubdesk_officer")

    officer = open_database(resolve_locations(tmp_path / "a", _as(server_db, f"lin_{suffix}"),
                                              environ={}))
    try:
        assert not officer.read_only
        with officer.session() as session:
            unit = save_unit(session, UnitData(full_name="經濟部產業發展署", doc_code="產發"))
        with officer.session() as session:
            entry = session.scalars(select(AuditEntry).where(
                AuditEntry.entity == "publishing_units", AuditEntry.entity_id == unit)).first()
            assert entry is not None
            assert entry.os_user == f"lin_{suffix}", "the audit log names the login"
        # The tables and indexes later migrations made (recycle bin, search) work for an
        # officer's login too: delete into the bin, restore, search.
        from app.services.publications import (
            create_publication,
            delete_publication,
            search_publications,
        )
        from app.services.recycle_bin import list_bin, restore
        from tests.app.factories import book

        with officer.session() as session:
            book_id = create_publication(session, book(unit, "辦公室的書", gpn=None)).id
        with officer.session() as session:
            delete_publication(session, book_id, confirmed=True)
        with officer.session() as session:
            restore(session, list_bin(session)[0].id)
        with officer.session() as session:
            assert [r.id for r in search_publications(session, "辦公室的")] == [book_id]
        with pytest.raises(DBAPIError, match=r"permission denied|append-only"), \
                officer.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
    finally:
        officer.dispose()

    viewer = open_database(resolve_locations(tmp_path / "b", _as(server_db, f"chen_{suffix}"),
                                             environ={}))
    try:
        assert viewer.read_only
        with viewer.session() as session:
            assert session.execute(text("SELECT count(*) FROM publishing_units")).scalar() == 1
        with pytest.raises(DatabaseError, match="沒有修改資料的權限"), viewer.session() as session:
            save_unit(session, UnitData(full_name="經濟部", doc_code="經"))
    finally:
        viewer.dispose()


def test_init_server_refuses_a_file_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="PostgreSQL"):
        init_server("sqlite:///" + (tmp_path / "x.sqlite3").as_posix())


def test_an_unreachable_server_is_said_in_words(tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:9/pubdesk?connect_timeout=2"
    with pytest.raises(DatabaseError, match="無法連線到辦公室資料庫伺服器"):
        open_database(resolve_locations(tmp_path, url, environ={}))
