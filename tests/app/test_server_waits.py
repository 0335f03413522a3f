"""Issue 26: "a save with the office server hung for 30 s froze the window 30 s … the engine
sets no connect, keepalive or statement timeout". Every PubDesk session on the office server
now carries bounds, and a wait that runs into one is said in words, nothing written."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from app.db import Database, engine, open_database
from app.errors import DatabaseError
from app.paths import Locations
from app.services.publications import publication_data, update_publication
from tests.app.factories import add_book


def test_the_bounds_reach_every_server_session_and_a_urls_own_values_win() -> None:
    args = engine.server_connect_args("postgresql+psycopg://u@h/db?connect_timeout=2")
    assert "connect_timeout" not in args, "the URL's own value is kept"
    assert args["keepalives"] == 1
    assert args["tcp_user_timeout"] == 30_000
    assert "-c lock_timeout=15000" in args["options"]
    assert "-c statement_timeout=120000" in args["options"]
    own = engine.server_connect_args("postgresql+psycopg://u@h/db?options=-c%20search_path%3Dx")
    assert own["options"].startswith("-c search_path=x -c statement_timeout")


def test_a_record_held_by_another_session_is_said_not_waited_for(
        db: Database, unit_id: int, locations: Locations,
        monkeypatch: pytest.MonkeyPatch) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has its own busy timeout (test_database)")
    book = add_book(db, unit_id, "產業年報")
    monkeypatch.setitem(engine.SERVER_STATEMENT_LIMITS, "lock_timeout", 300)
    bounded = open_database(locations)  # the same workspace, opened again with the bound
    with bounded.engine.connect() as probe:
        assert probe.execute(text("SHOW lock_timeout")).scalar() == "300ms"
        assert probe.execute(text("SHOW idle_in_transaction_session_timeout")).scalar() == "10min"
    held = threading.Event()
    release = threading.Event()

    def other_officer() -> None:  # an open transaction holding the row
        with db.engine.begin() as conn:
            conn.execute(text("SELECT id FROM publications WHERE id = :i FOR UPDATE"),
                         {"i": book})
            held.set()
            release.wait(10)

    worker = threading.Thread(target=other_officer)
    worker.start()
    try:
        assert held.wait(10)
        with bounded.session() as session:
            data, version = publication_data(session, book)
        data.pages = 321

        def save() -> None:
            with bounded.session() as session:
                update_publication(session, book, data, expected_version=version)

        with pytest.raises(DatabaseError, match="沒有在時限內完成") as caught:
            save()
        assert "沒有寫入任何資料" in str(caught.value)
    finally:
        release.set()
        worker.join()
        bounded.dispose()
    with db.session() as session:
        assert publication_data(session, book)[0].pages != 321
