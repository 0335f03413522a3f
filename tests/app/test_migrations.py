"""Migrations: from empty, from the first revision with data in every child table, and the
reason for switching foreign keys off around SQLite table rebuilds. On both backends."""

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from app.db import open_database, search_index
from app.db.engine import make_engine
from app.db.migrate import head_revision, upgrade
from app.errors import DatabaseError
from app.models import Base
from app.paths import Locations

CHILD_TABLES = ("contributors", "toc_entries", "serial_issues", "articles", "efiles",
                "publication_relations")


def empty(locations: Locations) -> str:
    """The test's database emptied of every table (a PostgreSQL test database comes migrated)."""
    url = locations.database_url
    if not url.startswith("sqlite"):
        engine = make_engine(url, pooled=False)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    return url


def _fill_at_first_revision(url: str) -> None:
    upgrade(url, target="0001")
    engine = make_engine(url, pooled=False)
    now = "2026-01-01 00:00:00"
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO publishing_units (id, full_name, short_name, postcode, address, phone,"
            " fax, email, website, doc_code, created_at, updated_at) VALUES (1, '經濟部', '', '',"
            " '', '', '', '', '', '經', :n, :n)"), {"n": now})
        for pub_id, price in ((1, 300), (2, -5)):
            conn.execute(text(
                "INSERT INTO publications (id, unit_id, pub_type, form, title, subtitle, series,"
                " edition, printing, size_cm, binding, price_ntd, language, audience, keywords,"
                " summary, cip_status, cip_text, status, online_url, online_registered,"
                " copyright_owner, copyright_note, partner_kind, partner_name, row_version,"
                " created_at, updated_at) VALUES (:id, 1, 'serial', 'print', '季刊', '', '', 1,"
                " 1, '', 'paperback', :price, '中文', '', '', '', 'none', '', 'planning', '', false,"
                " 'agency', '', 'none', '', 1, :n, :n)"), {"id": pub_id, "price": price, "n": now})
        conn.execute(text("INSERT INTO contributors VALUES (1, 1, 1, '王小明', 'author')"))
        conn.execute(text("INSERT INTO toc_entries VALUES (1, 1, 1, 1, '第一章', '1', 'chapter')"))
        conn.execute(text("INSERT INTO serial_issues VALUES (1, 1, '1', '1', 2026, 1, '')"))
        conn.execute(text("INSERT INTO articles VALUES (1, 1, 1, '篇名', '作者', '1', '9')"))
        conn.execute(text(
            "INSERT INTO efiles (id, publication_id, issue_id, article_id, role, path,"
            " size_bytes, sha256, check_status, check_report, created_at, updated_at)"
            " VALUES (1, 1, 1, 1, 'article', 'a.pdf', 1, '', '', '', :n, :n)"), {"n": now})
        conn.execute(text("INSERT INTO publication_relations VALUES (1, 2, 1, 'reprint_of')"))
    engine.dispose()


def _counts(where: Path | str) -> dict[str, int]:
    url = where if isinstance(where, str) else "sqlite:///" + where.as_posix()
    engine = make_engine(url, pooled=False)
    with engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                  for t in CHILD_TABLES}
    engine.dispose()
    return counts


def _scalar(url: str, sql: str) -> object:
    engine = make_engine(url, pooled=False)
    with engine.connect() as conn:
        value = conn.execute(text(sql)).scalar()
    engine.dispose()
    return value


def test_upgrade_from_empty_matches_the_models(locations: Locations) -> None:
    empty(locations)
    db = open_database(locations)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_name": lambda name, _kind, _parent: not search_index.is_index_object(name)})
        diff = compare_metadata(context, Base.metadata)
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    db.dispose()
    assert diff == []
    assert revision == head_revision()


def test_upgrade_from_first_revision_keeps_every_child_row(locations: Locations) -> None:
    url = empty(locations)
    _fill_at_first_revision(url)
    before = _counts(url)
    assert all(before.values())

    db = open_database(locations)
    db.dispose()

    assert _counts(url) == before
    assert _scalar(url, "SELECT version_num FROM alembic_version") == head_revision()
    # The migration repaired the negative price instead of failing on it, and said so.
    assert _scalar(url, "SELECT price_ntd FROM publications WHERE id = 2") is None
    assert _scalar(url, "SELECT old_value FROM audit_log WHERE entity = 'publications' AND "
                        "entity_id = 2 AND field = 'price_ntd'") == "-5"
    backups = list(locations.backup_dir.glob("*before-upgrade-0001*"))
    assert len(backups) == 1, "an upgrade of an existing database makes a backup first"
    if url.startswith("sqlite"):
        with sqlite3.connect(backups[0]) as conn:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()
        assert _counts(backups[0]) == before


@pytest.mark.parametrize("start", ["0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0012"])
def test_upgrade_from_every_revision(locations: Locations, start: str) -> None:
    url = empty(locations)
    upgrade(url, target=start)
    open_database(locations).dispose()
    assert _scalar(url, "SELECT version_num FROM alembic_version") == head_revision()


def test_rebuild_with_foreign_keys_on_would_lose_children(tmp_path: Path) -> None:
    """The control experiment: the naive way (FK on during the rebuild) deletes child rows.
    If this ever stops being true the guard above is still right, just no longer needed."""
    path = tmp_path / "naive.sqlite3"
    url = "sqlite:///" + path.as_posix()
    _fill_at_first_revision(url)
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        conn.execute("CREATE TABLE _pub AS SELECT * FROM publications")
        conn.execute("DROP TABLE publications")
        conn.execute("ALTER TABLE _pub RENAME TO publications")
        conn.execute("COMMIT")
    conn.close()
    assert _counts(path)["contributors"] == 0


def test_failed_upgrade_leaves_the_database_unchanged(locations: Locations,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    url = empty(locations)
    _fill_at_first_revision(url)
    before = _counts(url)

    def broken_check(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated crash in the middle of the upgrade")

    import alembic.command

    original = alembic.command.upgrade

    def crashing_upgrade(config: object, target: str) -> None:
        original(config, target)
        broken_check()

    monkeypatch.setattr(alembic.command, "upgrade", crashing_upgrade)
    with pytest.raises(DatabaseError, match="升級失敗"):
        open_database(locations)
    assert _scalar(url, "SELECT version_num FROM alembic_version") == "0001"
    assert _scalar(url, "SELECT price_ntd FROM publications WHERE id = 2") == -5
    assert _counts(url) == before


def test_0007_moves_a_received_payment_into_the_payments(tmp_path: Path) -> None:
    """A settlement paid under 0006 keeps its payment as the first row of its payments."""
    path = tmp_path / "at0006.sqlite3"
    url = "sqlite:///" + path.as_posix()
    upgrade(url, target="0006")
    with sqlite3.connect(path) as conn:
        store_columns = [row[1] for row in conn.execute("PRAGMA table_info(sales_stores)")]
        values = {"id": 1, "name": "門市", "commission_percent": 35, "first_edition_quantity": 0,
                  "active": 1, "verified": 0}
        conn.execute(f"INSERT INTO sales_stores ({', '.join(store_columns)}) VALUES "
                     f"({', '.join('?' for _ in store_columns)})",
                     [values.get(c, "") for c in store_columns])
        for settlement_id, received_on, amount in ((1, "2026-09-03", 585), (2, None, None)):
            conn.execute(
                "INSERT INTO settlements (id, store_id, period_end, commission_percent, "
                "public_selection, override_reason, due_on, received_on, received_amount, "
                "created_at) VALUES (?, 1, '2026-06-30', 35, 0, '', '2026-08-31', ?, ?, "
                "'2026-07-01 00:00:00')", (settlement_id, received_on, amount))
    upgrade(url)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT settlement_id, paid_on, amount FROM settlement_payments"
                            ).fetchall() == [(1, "2026-09-03", 585)]
        assert conn.execute("SELECT count(*) FROM settlements").fetchone()[0] == 2
        columns = [row[1] for row in conn.execute("PRAGMA table_info(settlements)")]
        assert "received_on" not in columns


def test_the_head_revision_constant_matches_the_scripts() -> None:
    """Start-up skips Alembic when the database is at HEAD_REVISION: it must be the head."""
    from app.db.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_0013_chains_the_history_so_far_and_never_reuses_its_ids(locations: Locations) -> None:
    """A database with years of app-written history: after the upgrade the old entries are
    chained, every table is audited by the database, and (SQLite) the highest id the history
    knows — a publication deleted before the upgrade — is never given to a new record."""
    from app.db import audit_chain, audit_triggers

    url = empty(locations)
    _fill_at_first_revision(url)
    upgrade(url, target="0012")
    engine = make_engine(url, pooled=False)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO audit_log (at, os_user, action, entity, entity_id, field, old_value,"
            " new_value) VALUES ('2025-01-01 00:00:00', '林怡君', 'delete', 'publications', 90,"
            " '', '{\"title\": \"刪掉的書\"}', NULL)"))
        old_entries = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
    engine.dispose()
    open_database(locations).dispose()
    engine = make_engine(url, pooled=False)
    try:
        with engine.connect() as conn:
            report = audit_chain.verify(conn)
            assert report.intact
            assert report.entries >= old_entries
            assert audit_triggers.missing(conn) == []
            assert conn.execute(text("SELECT db_user FROM audit_log WHERE entity_id = 90")
                                ).scalar() == "林怡君"
        if url.startswith("sqlite"):
            with engine.begin() as conn:
                new_id = conn.execute(text(
                    "INSERT INTO publishing_units (full_name, short_name, postcode, address, "
                    "phone, fax, email, website, doc_code, created_at, updated_at, "
                    "row_version, changed_by) VALUES ('x', '', '', '', '', '', '', '', '', "
                    "'2026-01-01', '2026-01-01', 1, '') RETURNING id")).scalar()
                assert new_id == 2
                seq = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = "
                                        "'publications'")).scalar()
                assert seq == 90
    finally:
        engine.dispose()


def test_every_audited_table_never_reuses_an_id(tmp_path: Path) -> None:
    """The audit log, packages' manifests and the recycle bin name rows by id: on SQLite
    every audited table is AUTOINCREMENT — those 0013 rebuilt and every table made since (a
    gpn_site_records row of a new book took the id of a binned book's, and its restore had to
    give it a new one)."""
    from app.db import audit_triggers

    url = f"sqlite:///{(tmp_path / 'ids.sqlite3').as_posix()}"
    upgrade(url)
    engine = make_engine(url, pooled=False)
    try:
        with engine.connect() as conn:
            plain = [table for table in audit_triggers.audited_tables()
                     if "AUTOINCREMENT" not in (conn.execute(text(
                         "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"),
                         {"t": table}).scalar() or "")]
    finally:
        engine.dispose()
    assert plain == []
