"""The office database holds against its own users (issue 27). On the throwaway PostgreSQL
server, each role's own login tries what it must not do — straight SQL, as with psql, and
psql itself for the audit log — and every attempt must be refused; changes made outside the
app are audited by the database; a tampered entry is found by `verify`."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.db import audit_chain, office, open_database
from app.errors import DatabaseError, ValidationError
from app.paths import resolve_locations
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book
from tests.postgres import create_database, drop_database

PASSWORD = "a-long-password-1"


@dataclass
class Office:
    """A PubDesk office database with one login per role (names unique to this run)."""

    owner_url: str
    admin: str
    officer: str
    officer2: str
    viewer: str

    def url(self, login: str, password: str = PASSWORD) -> str:
        return make_url(self.owner_url).set(username=login, password=password) \
            .render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def office_db() -> Iterator[Office]:
    server = os.environ.get("PUBDESK_TEST_POSTGRES")
    if not server:
        pytest.skip("needs the test PostgreSQL server (dev.py test starts one)")
    name = f"pubdesk_security_{os.getpid()}"
    url = create_database(server, name)
    office.init_server(url)
    suffix = os.getpid()
    logins = Office(url, f"adm_{suffix}", f"off_{suffix}", f"offb_{suffix}", f"view_{suffix}")
    office.add_login(url, logins.admin, PASSWORD, office.ADMIN)
    admin_url = logins.url(logins.admin)
    office.add_login(admin_url, logins.officer, PASSWORD, office.OFFICER)
    office.add_login(admin_url, logins.officer2, PASSWORD, office.OFFICER)
    office.add_login(admin_url, logins.viewer, PASSWORD, office.VIEWER)
    workspace = open_database(resolve_locations(Path(tempfile.mkdtemp()), url, environ={}))
    try:
        with workspace.session() as session:
            unit = save_unit(session, UnitData(full_name="經濟部產業發展署", doc_code="產發"))
        add_book(workspace, unit, "產業年鑑")
    finally:
        workspace.dispose()
    yield logins
    with create_engine(server, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        for login in (logins.admin, logins.officer, logins.officer2, logins.viewer,
                      f"new_{suffix}"):
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))


def _refused(url: str, statement: str) -> str:
    """Run `statement` as the login of `url`; return the server's refusal, fail if it ran."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            try:
                conn.exec_driver_sql(statement.replace("%", "%%"))
            except DBAPIError as exc:
                return str(exc.orig)
    finally:
        engine.dispose()
    pytest.fail(f"allowed: {statement}")


def _sql(url: str, statement: str, **params: object) -> list[tuple[object, ...]]:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            result = conn.execute(text(statement), params)
            return [tuple(r) for r in result.fetchall()] if result.returns_rows else []
    finally:
        engine.dispose()


def _verifier(office_db: Office, login: str) -> str:
    engine = create_engine(office_db.owner_url)
    try:
        with engine.connect() as conn:
            return office.scram_verifier(conn, login, "whatever-password")
    finally:
        engine.dispose()


# What no PubDesk login may do, whatever its role.
FORBIDDEN_TO_ALL = [
    "SET ROLE pubdesk_login_manager",
    "SET SESSION AUTHORIZATION postgres",
    "SET session_replication_role = replica",
    "CREATE ROLE intruder LOGIN",
    "ALTER ROLE {me} CREATEROLE",
    "ALTER ROLE {other} PASSWORD 'taken-over-1'",
    "ALTER ROLE {owner} PASSWORD 'taken-over-1'",
    "GRANT pg_execute_server_program TO {me}",
    "GRANT pg_read_server_files TO {me}",
    "GRANT pubdesk_admin TO {me}",
    "COPY (SELECT 1) TO PROGRAM 'id'",
    "COPY publications FROM '/etc/passwd'",
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT lo_import('/etc/passwd')",
    "SELECT lo_create(0)",
    "SELECT rolpassword FROM pg_authid",
    "CREATE TABLE public.intruder (i int)",
    "CREATE FUNCTION public.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "CREATE OR REPLACE FUNCTION public.pubdesk_audit_row() RETURNS trigger LANGUAGE plpgsql "
    "AS 'BEGIN RETURN NULL; END'",
    "CREATE TEMP TABLE intruder (i int)",
    "CREATE EXTENSION dblink",
    "CREATE SCHEMA intruder",
    "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} GRANT ALL ON TABLES TO {me}",
    "ALTER TABLE publications DISABLE TRIGGER pubdesk_audit_publications",
    "DROP TRIGGER pubdesk_audit_publications ON publications",
    "ALTER FUNCTION public.pubdesk_create_login(text, text, text) OWNER TO {me}",
    "INSERT INTO audit_log (os_user, action, entity, field) VALUES ('off2', 'update', "
    "'publications', 'title')",
    "UPDATE audit_log SET os_user = 'nobody'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "TRUNCATE publications",
    "UPDATE alembic_version SET version_num = '9999'",
]


@pytest.mark.parametrize("role", ["viewer", "officer", "admin"])
@pytest.mark.parametrize("statement", FORBIDDEN_TO_ALL)
def test_no_role_can_escalate_or_touch_the_trail(office_db: Office, role: str,
                                                 statement: str) -> None:
    me = getattr(office_db, role)
    other = office_db.officer2
    owner = make_url(office_db.owner_url).username
    _refused(office_db.url(me), statement.format(me=me, other=other, owner=owner))


@pytest.mark.parametrize("statement", [
    "UPDATE publications SET title = 'x'", "DELETE FROM publications",
    "INSERT INTO toc_entries (publication_id, position, level, title, page, kind) "
    "SELECT id, 1, 1, 'x', '', 'chapter' FROM publications",
    "SELECT public.pubdesk_set_password('{other}', 'SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5')",
])
def test_a_viewer_reads_only(office_db: Office, statement: str) -> None:
    _refused(office_db.url(office_db.viewer), statement.format(other=office_db.officer))
    assert _sql(office_db.url(office_db.viewer), "SELECT count(*) FROM publications")[0][0] == 1


def test_an_officer_cannot_manage_logins(office_db: Office) -> None:
    verifier = _verifier(office_db, "intruder")
    for call in (f"SELECT public.pubdesk_create_login('intruder', 'pubdesk_admin', '{verifier}')",
                 f"SELECT public.pubdesk_set_password('{office_db.officer2}', '{verifier}')",
                 f"SELECT public.pubdesk_set_group('{office_db.officer}', 'pubdesk_admin')"):
        assert "permission denied" in _refused(office_db.url(office_db.officer), call)
    with pytest.raises(DatabaseError, match="不是 PubDesk 管理者"):
        office.add_login(office_db.url(office_db.officer), "intruder", PASSWORD, office.ADMIN)


def test_the_admin_functions_only_reach_pubdesk_logins(office_db: Office) -> None:
    admin = office_db.url(office_db.admin)
    owner = str(make_url(office_db.owner_url).username)
    verifier = _verifier(office_db, "x")
    refusals = [
        f"SELECT public.pubdesk_create_login('intruder', 'pg_execute_server_program', '{verifier}')",
        f"SELECT public.pubdesk_create_login('intruder', 'pubdesk_login_manager', '{verifier}')",
        "SELECT public.pubdesk_create_login('intruder', 'pubdesk_officer', 'plain-password-1')",
        f"SELECT public.pubdesk_create_login('x\"; DROP TABLE publications; --', "
        f"'pubdesk_officer', '{verifier}')",
        f"SELECT public.pubdesk_create_login('pg_intruder', 'pubdesk_officer', '{verifier}')",
        f"SELECT public.pubdesk_set_password('{owner}', '{verifier}')",
        f"SELECT public.pubdesk_set_password('pubdesk_admin', '{verifier}')",
        f"SELECT public.pubdesk_set_group('{owner}', 'pubdesk_viewer')",
        f"SELECT public.pubdesk_disable_login('{owner}')",
    ]
    for call in refusals:
        _refused(admin, call)
    with pytest.raises(DatabaseError, match="不會更動它"):
        office.set_password(admin, owner, PASSWORD)
    with pytest.raises(DatabaseError, match="已有帳號"):
        office.add_login(admin, office_db.officer, PASSWORD, office.OFFICER)
    with pytest.raises(ValidationError, match="pg_"):
        office.add_login(admin, "pg_monitor", PASSWORD, office.OFFICER)
    with pytest.raises(ValidationError, match="至少 10"):
        office.add_login(admin, "shorty", "short", office.OFFICER)
    # The manager role owns the functions and nobody is, or can become, a member of it.
    assert _sql(office_db.owner_url, "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g "
                                     "ON g.oid = m.roleid WHERE g.rolname = :m",
                m=office.MANAGER) == [(0,)]
    attributes = _sql(office_db.owner_url, "SELECT rolname, rolcanlogin, rolcreaterole, rolsuper "
                                           "FROM pg_roles WHERE rolname IN ('pubdesk_officer', "
                                           "'pubdesk_viewer', 'pubdesk_admin')")
    assert all(row[1:] == (False, False, False) for row in attributes), attributes


def test_logins_are_managed_and_audited(office_db: Office) -> None:
    admin = office_db.url(office_db.admin)
    login = f"new_{os.getpid()}"
    office.add_login(admin, login, PASSWORD, office.VIEWER)
    assert _sql(office_db.url(login), "SELECT session_user")[0][0] == login
    office.set_group(admin, login, office.OFFICER)
    assert _sql(office_db.owner_url, "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g "
                                     "ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                                     "WHERE u.rolname = :l", l=login) == [(office.OFFICER,)]
    office.set_password(admin, login, "another-password-2")
    assert _sql(office_db.url(login, "another-password-2"), "SELECT 1") == [(1,)]
    office.disable_login(admin, login)
    with pytest.raises(DBAPIError):
        _sql(office_db.url(login, "another-password-2"), "SELECT 1")
    entries = _sql(office_db.owner_url, "SELECT db_user, field, new_value FROM audit_log "
                                        "WHERE entity = 'logins' AND new_value LIKE :l ORDER BY id",
                   l=f"{login}%")
    assert [(e[0], e[1]) for e in entries] == [(office_db.admin, "group"), (office_db.admin, "group"),
                                               (office_db.admin, "password"),
                                               (office_db.admin, "login")]
    assert not any("password" in (e[2] or "").lower() and "SCRAM" in (e[2] or "")
                   for e in entries)
    # The server keeps the verifier, never the password; what was sent was a verifier too.
    stored = _sql(office_db.owner_url, "SELECT rolpassword FROM pg_authid WHERE rolname = :l",
                  l=login)[0][0]
    assert str(stored).startswith("SCRAM-SHA-256$")


def test_direct_sql_is_audited_by_the_database(office_db: Office) -> None:
    officer = office_db.url(office_db.officer)
    (pub_id, version), = _sql(officer, "SELECT id, row_version FROM publications")
    _sql(officer, "UPDATE publications SET title = '產業年鑑（修訂）' WHERE id = :i", i=pub_id)
    assert _sql(officer, "SELECT row_version FROM publications WHERE id = :i",
                i=pub_id) == [(int(str(version)) + 1,)]
    _sql(officer, "UPDATE publications SET row_version = 1, title = '產業年鑑' WHERE id = :i",
         i=pub_id)
    assert _sql(officer, "SELECT row_version FROM publications")[0][0] == int(str(version)) + 2, \
        "a client cannot set the version back"
    _sql(officer, "INSERT INTO contributors (publication_id, position, name, role) "
                  "VALUES (:i, 1, '林怡君', 'author')", i=pub_id)
    _sql(officer, "DELETE FROM contributors WHERE publication_id = :i", i=pub_id)
    entries = _sql(officer, "SELECT db_user, action, entity, field, old_value, new_value "
                            "FROM audit_log WHERE entity IN ('publications', 'contributors') "
                            "AND entity_id IS NOT NULL ORDER BY id")
    assert (office_db.officer, "update", "publications", "title", "產業年鑑",
            "產業年鑑（修訂）") in entries
    mine = [e for e in entries if e[2] == "contributors" and e[0] == office_db.officer]
    assert len(mine) >= 2
    assert mine[0][1] == "create"
    assert "林怡君" in str(mine[0][5])
    assert [e[1] for e in mine][1:] == ["delete"] * (len(mine) - 1)
    # The app's name for the officer travels beside the login, never instead of it.
    engine = create_engine(officer)
    with engine.begin() as conn:
        conn.execute(text("SELECT set_config('pubdesk.actor', 'off2-forged', true)"))
        conn.execute(text("UPDATE publications SET keywords = 'x' WHERE id = :i"), {"i": pub_id})
    engine.dispose()
    assert _sql(officer, "SELECT db_user, os_user FROM audit_log WHERE field = 'keywords'") == \
        [(office_db.officer, "off2-forged")]


def test_psql_cannot_forge_an_entry(office_db: Office) -> None:
    psql = shutil.which("psql")
    if psql is None:
        pytest.skip("psql is not installed")
    url = make_url(office_db.url(office_db.officer))
    result = subprocess.run(
        [psql, "-h", str(url.host), "-p", str(url.port), "-U", office_db.officer,
         "-d", str(url.database), "-v", "ON_ERROR_STOP=1", "-c",
         "INSERT INTO audit_log (at, os_user, action, entity, field) "
         "VALUES (now(), 'off2', 'update', 'publications', 'title')"],
        env={**os.environ, "PGPASSWORD": PASSWORD}, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode != 0
    assert "permission denied" in result.stderr


def test_a_tampered_entry_breaks_the_chain(office_db: Office, tmp_path: Path) -> None:
    owner = create_engine(office_db.owner_url)
    try:
        with owner.connect() as conn:
            before = audit_chain.verify(conn)
            assert before.intact
            assert before.entries > 5
            audit_chain.remember_head(conn, tmp_path, office_db.owner_url)
        victim = before.entries // 2
        with owner.begin() as conn:
            target = conn.execute(text("SELECT id FROM audit_log ORDER BY id OFFSET :n LIMIT 1"),
                                  {"n": victim}).scalar()
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
            conn.execute(text("UPDATE audit_log SET db_user = 'nobody' WHERE id = :i"),
                         {"i": target})
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
        with owner.connect() as conn:
            report = audit_chain.verify(conn)
        assert report.broken is not None
        assert (report.broken.entry_id, report.broken.problem) == (target, "changed")

        # The owner recomputes every hash from there on: the chain holds again, but this PC's
        # anchor (taken before) no longer matches.
        with owner.begin() as conn:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
            conn.execute(text("UPDATE audit_log SET prev_hash = NULL, row_hash = NULL"))
            audit_chain.backfill(conn)
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
        with owner.connect() as conn:
            assert audit_chain.verify(conn).intact
            anchors = audit_chain.load_anchors(tmp_path, office_db.owner_url)
            rewritten = audit_chain.verify(conn, anchors)
        assert rewritten.broken is not None
        assert rewritten.broken.problem == "anchor"
    finally:
        owner.dispose()


def test_init_server_as_an_owner_without_createrole_says_so(tmp_path: Path) -> None:
    server = os.environ.get("PUBDESK_TEST_POSTGRES")
    if not server:
        pytest.skip("needs the test PostgreSQL server")
    owner, name = f"owner_{os.getpid()}", f"pubdesk_owned_{os.getpid()}"
    _sql(server, f"CREATE ROLE {owner} LOGIN PASSWORD '{PASSWORD}'")
    try:
        url = create_database(server, name)
        _sql(server, f'ALTER DATABASE "{name}" OWNER TO {owner}')
        _sql(make_url(server).set(database=name).render_as_string(hide_password=False),
             f"ALTER SCHEMA public OWNER TO {owner}")
        as_owner = make_url(url).set(username=owner, password=PASSWORD) \
            .render_as_string(hide_password=False)
        with pytest.raises(DatabaseError, match=f"ALTER ROLE {owner} CREATEROLE"):
            office.init_server(as_owner)
        _sql(server, f"ALTER ROLE {owner} CREATEROLE")
        version = int(str(_sql(server, "SHOW server_version_num")[0][0]))
        if version >= 160000:
            # The groups exist (this server's other tests made them, as postgres): from 16 on,
            # the owner must hold ADMIN OPTION on them, and is told how to get it.
            with pytest.raises(DatabaseError, match="WITH ADMIN OPTION"):
                office.init_server(as_owner)
            for role in (*office.ROLES, office.MANAGER):
                _sql(server, f"GRANT {role} TO {owner} WITH ADMIN OPTION")
        said = office.init_server(as_owner)
        assert any("大型物件" in line and "超級使用者" in line for line in said)
        # The owner creates the first administrator (then anyone in pubdesk_admin can go on).
        login = f"own_adm_{os.getpid()}"
        office.add_login(as_owner, login, PASSWORD, office.ADMIN)
        _sql(server, f"DROP ROLE IF EXISTS {login}")
        assert _sql(as_owner, "SELECT count(*) FROM pg_proc WHERE proname = 'pubdesk_create_login' "
                              "AND pg_get_userbyid(proowner) = :m", m=office.MANAGER) == [(1,)]
    finally:
        drop_database(server, name)
        # PostgreSQL 16 keeps the owner as grantor of the memberships it made; the server is a
        # throwaway one, so the role may stay.
        with contextlib.suppress(DBAPIError):
            _sql(server, f"DROP ROLE IF EXISTS {owner}")


def test_add_login_reads_the_password_from_stdin_and_never_prints_it(
        office_db: Office, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from app.cli import main

    login = f"stdin_{os.getpid()}"
    secret = "stdin-password-42"
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    admin = office_db.url(office_db.admin)
    try:
        assert main(["db", "add-login", admin, login, "--role", "viewer", "--password-stdin"]) == 0
        assert _sql(office_db.url(login, secret), "SELECT session_user") == [(login,)]
        monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
        assert main(["db", "add-login", admin, login, "--password-stdin"]) == 1, "exists"
        out = capsys.readouterr()
        assert "已有帳號" in out.err
        assert secret not in out.out + out.err
        assert "SCRAM" not in out.out + out.err
        assert "Traceback" not in out.err
    finally:
        _sql(office_db.owner_url, f'DROP ROLE IF EXISTS "{login}"')


def test_a_refused_login_call_carries_no_secret(office_db: Office) -> None:
    with pytest.raises(DatabaseError) as refused:
        office.add_login(office_db.url(office_db.officer), "intruder2", "my-secret-pass-9",
                         office.OFFICER)
    chain = [refused.value, refused.value.__cause__, refused.value.__context__]
    assert not any("my-secret-pass-9" in str(e) or "SCRAM" in str(e) for e in chain if e)
