"""辦公室資料庫 — a shared PostgreSQL database for an agency's officers, that holds against its
own users.

`init_server` makes the schema and three group roles; each officer signs in with a login of
their own that belongs to one of them:

- `pubdesk_officer` (承辦人): reads and writes the records; reads the audit log;
- `pubdesk_viewer` (檢視者): reads only — PubDesk opens read-only and says so;
- `pubdesk_admin` (管理者): what officers may, plus managing PubDesk logins.

No PubDesk role holds CREATEROLE (on PostgreSQL ≤ 15 it lets its holder grant itself nearly any
role, `pg_execute_server_program` included). Logins are managed through four functions
(`SECURITY DEFINER`, `search_path` pinned) owned by `pubdesk_login_manager`, a role nobody
can log in as or become; only `pubdesk_admin` may call them, and they only create, re-key,
regroup or disable logins that belong to PubDesk's groups alone. Passwords reach the server
as SCRAM verifiers computed here (libpq's `PQencryptPasswordConn`), never in clear.

Nobody may write to `audit_log`: the database's own triggers fill it (app.db.audit_triggers).

PostgreSQL 13 and newer; differences handled here: from 15 `public` no longer grants CREATE to
everyone (revoked here on every version); from 16 CREATEROLE only reaches roles its holder has
ADMIN OPTION on, so the manager is given ADMIN OPTION on the three groups (and receives it on
the logins it creates).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app import messages
from app.errors import DatabaseError, ValidationError

OFFICER, VIEWER, ADMIN = "pubdesk_officer", "pubdesk_viewer", "pubdesk_admin"
MANAGER = "pubdesk_login_manager"
ROLES = {OFFICER: "承辦人（讀寫）", VIEWER: "檢視者（唯讀）", ADMIN: "管理者"}
LOGIN_PATTERN = r"^[a-z][a-z0-9_]{1,40}$"
_LOGIN = re.compile(LOGIN_PATTERN)
MIN_PASSWORD = 10
OLDEST_SERVER = 130000
CONNECTION_LIMIT = 20
"""Connections one login may hold at once: a runaway script cannot exhaust the server."""

_GROUP_LIST = ", ".join(f"'{r}'" for r in ROLES)
_LARGE_OBJECT_FUNCTIONS = ("lo_create(oid)", "lo_creat(integer)", "lo_from_bytea(oid, bytea)",
                           "lo_import(text)", "lo_import(text, oid)")

_CHECKS = f"""
  IF login IS NULL OR login !~ '{LOGIN_PATTERN}' OR starts_with(login, 'pg_')
     OR starts_with(login, 'pubdesk_') THEN
    RAISE EXCEPTION 'pubdesk: not a login name PubDesk manages' USING ERRCODE = '22023';
  END IF;"""
_IS_PUBDESK_LOGIN = f"""
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = login) THEN
    RAISE EXCEPTION 'pubdesk: no such login' USING ERRCODE = '42704';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = login AND (r.rolsuper
             OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls))
     OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                JOIN pg_catalog.pg_roles u ON u.oid = m.member
                WHERE u.rolname = login AND g.rolname NOT IN ({_GROUP_LIST}))
     OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                    JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                    JOIN pg_catalog.pg_roles u ON u.oid = m.member
                    WHERE u.rolname = login AND g.rolname IN ({_GROUP_LIST}))
     OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                JOIN pg_catalog.pg_roles u ON u.oid = m.roleid
                JOIN pg_catalog.pg_roles w ON w.oid = m.member
                WHERE u.rolname = login AND w.rolname <> '{MANAGER}') THEN
    RAISE EXCEPTION 'pubdesk: not a PubDesk login' USING ERRCODE = '42501';
  END IF;"""
_GROUP_CHECK = f"""
  IF grp IS NULL OR grp NOT IN ({_GROUP_LIST}) THEN
    RAISE EXCEPTION 'pubdesk: not a PubDesk group' USING ERRCODE = '22023';
  END IF;"""
_VERIFIER_CHECK = r"""
  IF verifier IS NULL OR verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    RAISE EXCEPTION 'pubdesk: the password must arrive as a SCRAM verifier' USING ERRCODE = '22023';
  END IF;"""


def _audit(what: str) -> str:
    return ("INSERT INTO public.audit_log (os_user, action, entity, field, new_value) VALUES "
            "(coalesce(current_setting('pubdesk.actor', true), ''), "
            f"{what});")


_HEADER = ("LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$")
LOGIN_FUNCTIONS = {
    "pubdesk_create_login(text, text, text)": f"""
CREATE OR REPLACE FUNCTION public.pubdesk_create_login(login text, grp text, verifier text)
RETURNS void {_HEADER}
BEGIN{_CHECKS}{_GROUP_CHECK}{_VERIFIER_CHECK}
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = login) THEN
    RAISE EXCEPTION 'pubdesk: login exists' USING ERRCODE = '42710';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION '
                 'NOBYPASSRLS INHERIT CONNECTION LIMIT {CONNECTION_LIMIT} PASSWORD %L IN ROLE %I',
                 login, verifier, grp);
  {_audit("'create', 'logins', 'group', login || ' → ' || grp")}
END $$""",
    "pubdesk_set_password(text, text)": f"""
CREATE OR REPLACE FUNCTION public.pubdesk_set_password(login text, verifier text)
RETURNS void {_HEADER}
BEGIN{_CHECKS}{_VERIFIER_CHECK}{_IS_PUBDESK_LOGIN}
  EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
  {_audit("'update', 'logins', 'password', login || '：密碼已重設'")}
END $$""",
    "pubdesk_set_group(text, text)": f"""
CREATE OR REPLACE FUNCTION public.pubdesk_set_group(login text, grp text)
RETURNS void {_HEADER}
DECLARE g text;
BEGIN{_CHECKS}{_GROUP_CHECK}{_IS_PUBDESK_LOGIN}
  FOREACH g IN ARRAY ARRAY[{_GROUP_LIST}] LOOP
    IF g <> grp THEN EXECUTE format('REVOKE %I FROM %I', g, login); END IF;
  END LOOP;
  EXECUTE format('GRANT %I TO %I', grp, login);
  {_audit("'update', 'logins', 'group', login || ' → ' || grp")}
END $$""",
    "pubdesk_disable_login(text)": f"""
CREATE OR REPLACE FUNCTION public.pubdesk_disable_login(login text)
RETURNS void {_HEADER}
BEGIN{_CHECKS}{_IS_PUBDESK_LOGIN}
  EXECUTE format('ALTER ROLE %I NOLOGIN', login);
  {_audit("'update', 'logins', 'login', login || '：已停用'")}
END $$""",
}


def _is_server(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


@contextmanager
def _server(url: str) -> Iterator[Connection]:
    """An autocommit connection whose errors never print their parameters (verifiers)."""
    engine: Engine = create_engine(url, isolation_level="AUTOCOMMIT", hide_parameters=True,
                                   connect_args={"connect_timeout": 10})
    try:
        from app.db.engine import driver_errors_translated

        with driver_errors_translated(), engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Rights:
    """What the login running `init_server` may do."""

    login: str
    superuser: bool
    createrole: bool
    owns_database: bool
    version: int


def _rights(conn: Connection) -> Rights:
    row = conn.execute(text(
        "SELECT current_user, r.rolsuper, r.rolcreaterole, "
        "pg_catalog.pg_get_userbyid(d.datdba) = current_user, "
        "current_setting('server_version_num')::int FROM pg_catalog.pg_roles r, "
        "pg_catalog.pg_database d WHERE r.rolname = current_user "
        "AND d.datname = current_database()")).one()
    return Rights(str(row[0]), bool(row[1]), bool(row[2]), bool(row[3]), int(row[4]))


def _check_rights(rights: Rights) -> None:
    if rights.version < OLDEST_SERVER:
        raise DatabaseError(messages.OFFICE_SERVER_TOO_OLD.format(
            version=f"{rights.version // 10000}"))
    if rights.superuser:
        return
    if not rights.owns_database:
        raise DatabaseError(messages.OFFICE_INIT_NOT_OWNER.format(login=rights.login))
    if not rights.createrole:
        raise DatabaseError(messages.OFFICE_INIT_NEEDS_CREATEROLE.format(login=rights.login))


def _check_admin_option(conn: Connection, rights: Rights) -> None:
    """From PostgreSQL 16 a non-superuser may hand on only roles it holds ADMIN OPTION on: the
    groups made earlier by someone else are out of its reach."""
    if rights.superuser or rights.version < 160000:
        return
    for role in (*ROLES, MANAGER):
        if _role_exists(conn, role) and not conn.execute(text(
                "SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g "
                "ON g.oid = m.roleid WHERE g.rolname = :g AND m.member = "
                "(SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user) "
                "AND m.admin_option"), {"g": role}).scalar():
            raise DatabaseError(messages.OFFICE_INIT_NEEDS_ADMIN_OPTION.format(
                login=rights.login, role=role))


def init_server(url: str) -> list[str]:
    """Create (or bring up to date) the schema and the roles on an office server, as the
    database's owner (with CREATEROLE) or a superuser. Safe to run again. Returns what was
    done, in words; a missing right is a DatabaseError saying which and what to do."""
    if not _is_server(url):
        raise DatabaseError(messages.OFFICE_NEEDS_POSTGRES)
    with _server(url) as conn:
        rights = _rights(conn)
        _check_rights(rights)
        _check_admin_option(conn, rights)
    from app.db.migrate import upgrade

    done = []
    upgrade(url)
    from app.db.engine import Database, make_engine
    from app.services.reference import seed_reference_data

    seeded = Database(url, make_engine(url))
    try:
        with seeded.session() as session:
            seed_reference_data(session)
    finally:
        seeded.dispose()
    done.append("資料庫結構已是最新版，參考資料（寄存圖書館、展售門市）已備妥。")
    with _server(url) as conn:
        try:
            done += _roles(conn, rights)
            _grant(conn)
        except DBAPIError as exc:
            orig = getattr(exc, "orig", None)
            detail = f"{getattr(orig, 'sqlstate', '')} {str(orig).splitlines()[0] if orig else ''}"
            raise DatabaseError(messages.OFFICE_INIT_FAILED.format(detail=detail.strip())) from None
        done.append("已設定各角色的權限：異動紀錄由資料庫自行寫入，任何帳號都不能新增、修改或刪除。")
        if rights.superuser:
            for function in _LARGE_OBJECT_FUNCTIONS:
                conn.execute(text(f"REVOKE EXECUTE ON FUNCTION pg_catalog.{function} FROM PUBLIC"))
            done.append("已禁止一般帳號在這個資料庫建立大型物件（large objects）。")
        else:
            done.append("未限制大型物件（large objects）：這需要超級使用者；如需要，請以 postgres 再執行一次。")
    return done


def _role_exists(conn: Connection, role: str) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = :r"),
                             {"r": role}).scalar())


def _roles(conn: Connection, rights: Rights) -> list[str]:
    done = []
    for role, words in ROLES.items():
        if not _role_exists(conn, role):
            conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
            done.append(f"已建立角色 {role}（{words}）。")
        # Earlier versions gave the administrator group CREATEROLE: taken away here.
        _set_attributes(conn, role, {"rolcanlogin": False, "rolcreaterole": False})
        _set_attributes(conn, role, _NO_POWER)
    if not _role_exists(conn, MANAGER):
        conn.execute(text(f"CREATE ROLE {MANAGER} NOLOGIN CREATEROLE"))
        done.append(f"已建立 {MANAGER}（只擁有管理帳號的函式，任何人都不能以它登入）。")
    _set_attributes(conn, MANAGER, {"rolcanlogin": False, "rolcreaterole": True})
    _set_attributes(conn, MANAGER, _NO_POWER)
    if rights.version >= 160000:
        conn.execute(text(f"GRANT {OFFICER}, {VIEWER}, {ADMIN} TO {MANAGER} WITH ADMIN OPTION"))
    # Nobody may become the manager (or a group through it).
    for (member,) in conn.execute(text(
            "SELECT u.rolname FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g "
            "ON g.oid = m.roleid JOIN pg_catalog.pg_roles u ON u.oid = m.member "
            "WHERE g.rolname = :m"), {"m": MANAGER}).fetchall():
        conn.execute(text(f'REVOKE {MANAGER} FROM "{member}"'))
    _login_functions(conn, rights)
    return done


_ATTRIBUTES = {"rolcanlogin": "LOGIN", "rolcreaterole": "CREATEROLE", "rolcreatedb": "CREATEDB",
               "rolsuper": "SUPERUSER", "rolreplication": "REPLICATION",
               "rolbypassrls": "BYPASSRLS"}
_NO_POWER = {"rolcreatedb": False, "rolsuper": False, "rolreplication": False,
             "rolbypassrls": False}


def _set_attributes(conn: Connection, role: str, wanted: dict[str, bool]) -> None:
    """ALTER only what differs: a non-superuser may not even restate SUPERUSER-class
    attributes, so an unchanged attribute is never named."""
    row = conn.execute(text(f"SELECT {', '.join(wanted)} FROM pg_catalog.pg_roles "
                            "WHERE rolname = :r"), {"r": role}).one()
    changes = [("" if want else "NO") + _ATTRIBUTES[column]
               for (column, want), have in zip(wanted.items(), row, strict=True) if have != want]
    if changes:
        conn.execute(text(f"ALTER ROLE {role} {' '.join(changes)}"))


def _login_functions(conn: Connection, rights: Rights) -> None:
    """(Re)create the login functions and hand them to the manager. Changing a function's
    owner needs membership of the new owner and its CREATE on the schema, both granted only
    for the moment it takes."""
    conn.execute(text(f"GRANT CREATE ON SCHEMA public TO {MANAGER}"))
    if not rights.superuser:
        conn.execute(text(f'GRANT {MANAGER} TO "{rights.login}"'))
    try:
        for signature, body in LOGIN_FUNCTIONS.items():
            conn.exec_driver_sql(body.replace("%", "%%"))
            conn.execute(text(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC"))
            conn.execute(text(f"ALTER FUNCTION public.{signature} OWNER TO {MANAGER}"))
            conn.execute(text(f"GRANT EXECUTE ON FUNCTION public.{signature} TO {ADMIN}"))
            if not rights.superuser:  # the owner creates the first administrator's login
                conn.execute(text(f'GRANT EXECUTE ON FUNCTION public.{signature} TO '
                                  f'"{rights.login}"'))
    finally:
        conn.execute(text(f"REVOKE CREATE ON SCHEMA public FROM {MANAGER}"))
        if not rights.superuser:
            conn.execute(text(f'REVOKE {MANAGER} FROM "{rights.login}"'))


def _grant(conn: Connection) -> None:
    """(Re)grant on every table and sequence there is now, and on those migrations add."""
    statements = [
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {OFFICER}, {VIEWER}, {ADMIN}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {VIEWER}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {OFFICER}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {OFFICER}",
        # The trail is the database's: its triggers write it, nobody else.
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM {OFFICER}, {VIEWER}, "
        f"{ADMIN}, PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {MANAGER}",
        f"GRANT INSERT ON audit_log TO {MANAGER}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {OFFICER}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {OFFICER}",
        f"GRANT {OFFICER} TO {ADMIN}",
        "REVOKE EXECUTE ON FUNCTION public.pubdesk_audit_row(), public.pubdesk_audit_chain(), "
        "public.pubdesk_row_version(), public.audit_log_append_only() FROM PUBLIC",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {VIEWER}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE "
        f"ON TABLES TO {OFFICER}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES "
        f"TO {OFFICER}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
    ]
    for statement in statements:
        conn.execute(text(statement))
    owner = conn.execute(text("SELECT pg_catalog.pg_get_userbyid(datdba) = current_user OR "
                              "(SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = "
                              "current_user) FROM pg_catalog.pg_database WHERE datname = "
                              "current_database()")).scalar()
    if owner:
        database = conn.execute(text("SELECT current_database()")).scalar()
        conn.execute(text(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC'))


def regrant_if_office(url: str) -> None:
    """After a restore replaced the schema: give the office roles their rights again."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname IN "
                                 f"('{OFFICER}', '{VIEWER}', '{ADMIN}', '{MANAGER}')")
                            ).scalar() == 4:
                _grant(conn)
    finally:
        engine.dispose()


# --- managing logins, as a member of pubdesk_admin ---------------------------------------------

def _check_login(login: str) -> None:
    if not _LOGIN.match(login) or login.startswith(("pg_", "pubdesk_")):
        raise ValidationError.single("login", messages.LOGIN_NAME_RULE)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError.single("password", messages.PASSWORD_TOO_SHORT.format(
            count=MIN_PASSWORD))


def _check_group(role: str) -> None:
    if role not in ROLES:
        raise ValidationError.single("role", messages.LOGIN_GROUP_RULE.format(
            groups="、".join(ROLES)))


def scram_verifier(conn: Connection, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of `password` for `login`, computed on this PC by libpq
    (`PQencryptPasswordConn`): what the server stores, so the password never travels."""
    raw = conn.connection.dbapi_connection
    pgconn = getattr(raw, "pgconn", None)
    if pgconn is None:
        raise DatabaseError(messages.OFFICE_NEEDS_POSTGRES)
    verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    return bytes(verifier).decode("ascii")


def _call(conn: Connection, statement: str, params: dict[str, str], login: str) -> None:
    try:
        conn.execute(text(statement), params)
    except DBAPIError as exc:
        raise _login_error(exc, login) from None


def _login_error(exc: DBAPIError, login: str) -> DatabaseError:
    """A refusal of the server in words; the statement and its parameters are never shown."""
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    detail = str(getattr(exc, "orig", "")).splitlines()[0] if getattr(exc, "orig", None) else ""
    if code == "42710":
        return DatabaseError(messages.LOGIN_EXISTS.format(login=login))
    if code == "42704":
        return DatabaseError(messages.LOGIN_NOT_FOUND.format(login=login))
    if code == "42883" or (code == "42501" and "function" in detail):
        return DatabaseError(messages.LOGIN_NEEDS_ADMIN)
    if code == "42501" and "not a PubDesk login" in detail:
        return DatabaseError(messages.LOGIN_NOT_PUBDESK.format(login=login))
    if code == "42501":
        return DatabaseError(messages.LOGIN_MANAGER_CANNOT.format(login=login))
    if code == "22023":
        return DatabaseError(messages.LOGIN_NAME_RULE)
    return DatabaseError(messages.DATABASE_FAILED.format(detail=code or type(exc.orig).__name__))


def add_login(url: str, login: str, password: str, role: str) -> None:
    """A PostgreSQL login for one officer, member of `role` (run as a member of
    pubdesk_admin)."""
    _check_group(role)
    _check_login(login)
    _check_password(password)
    with _server(url) as conn:
        verifier = scram_verifier(conn, login, password)
        _call(conn, "SELECT public.pubdesk_create_login(:l, :g, :v)",
              {"l": login, "g": role, "v": verifier}, login)


def set_password(url: str, login: str, password: str) -> None:
    """A new password for a PubDesk login (as a member of pubdesk_admin)."""
    _check_login(login)
    _check_password(password)
    with _server(url) as conn:
        verifier = scram_verifier(conn, login, password)
        _call(conn, "SELECT public.pubdesk_set_password(:l, :v)", {"l": login, "v": verifier},
              login)


def set_group(url: str, login: str, role: str) -> None:
    """Move a PubDesk login to another of the three groups (as a member of pubdesk_admin)."""
    _check_group(role)
    _check_login(login)
    with _server(url) as conn:
        _call(conn, "SELECT public.pubdesk_set_group(:l, :g)", {"l": login, "g": role}, login)


def disable_login(url: str, login: str) -> None:
    """Stop a PubDesk login from signing in (its history stays; as pubdesk_admin)."""
    _check_login(login)
    with _server(url) as conn:
        _call(conn, "SELECT public.pubdesk_disable_login(:l)", {"l": login}, login)


@dataclass(frozen=True)
class Access:
    """Who the database says we are, and whether we may write."""

    login: str
    can_write: bool


def access(conn: Connection) -> Access:
    """The signed-in login and whether it may change records (viewers may not)."""
    if conn.dialect.name != "postgresql":
        return Access("", True)
    login = conn.execute(text("SELECT session_user")).scalar() or ""
    can_write = bool(conn.execute(text(
        "SELECT has_table_privilege(current_user, 'publications', 'UPDATE')")).scalar())
    return Access(str(login), can_write)


KEYRING_SERVICE = "PubDesk office database"


def _account(url: str) -> str:
    parsed = make_url(url)
    return f"{parsed.username}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"


def with_password(url: str, password: str | None) -> str:
    """The server URL as stored in the settings (no password) with the password put in."""
    parsed = make_url(url)
    if password:
        parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)


def stored_password(url: str) -> str | None:
    """The password kept for this login in the OS credential store; None when there is none
    or the PC has no credential store (then the window asks)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, _account(url))
        except KeyringError:
            return None
    except ImportError:
        return None


def remember_password(url: str, password: str) -> bool:
    """Keep the password in the OS credential store; False when this PC has none."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(KEYRING_SERVICE, _account(url), password)
            return True
        except KeyringError:
            return False
    except ImportError:
        return False


def try_connection(url: str, timeout_s: int = 5) -> Access:
    """Connect once and say who we are and whether we may write; DatabaseError in words
    (unreachable, wrong password, no PubDesk schema…) otherwise."""
    from app.db.engine import driver_errors_translated

    if not _is_server(url):
        raise DatabaseError(messages.OFFICE_NEEDS_POSTGRES)
    engine = create_engine(url, connect_args={"connect_timeout": timeout_s}, poolclass=None)
    try:
        with driver_errors_translated(), engine.connect() as conn:
            if not conn.execute(text("SELECT to_regclass('public.publications')")).scalar():
                raise DatabaseError(messages.OFFICE_NOT_INITIALISED)
            return access(conn)
    finally:
        engine.dispose()
