"""辦公室資料庫 — a shared PostgreSQL database for an agency's officers.

`init_server` makes the schema and three group roles; each officer then signs in with a
PostgreSQL login of their own that belongs to one of them:

- `pubdesk_officer` (承辦人): reads and writes every record; may add to the audit log only;
- `pubdesk_viewer` (檢視者): reads only — PubDesk opens read-only and says so;
- `pubdesk_admin` (管理者): what officers may, plus creating logins (`add_login`).

The audit log is append-only for everyone (grants, and the trigger of migration 0008), and
records the login of whoever saved (`Database.user`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from app import messages
from app.errors import DatabaseError, ValidationError

OFFICER, VIEWER, ADMIN = "pubdesk_officer", "pubdesk_viewer", "pubdesk_admin"
ROLES = {OFFICER: "承辦人（讀寫）", VIEWER: "檢視者（唯讀）", ADMIN: "管理者"}
_LOGIN = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def _is_server(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def _grant(conn: Connection) -> None:
    """(Re)grant on every table and sequence there is now, and on those migrations add."""
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {OFFICER}, {VIEWER}, {ADMIN}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {VIEWER}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {OFFICER}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {OFFICER}",
        # Append-only for officers: the database, not the app, keeps the trail honest.
        f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {OFFICER}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {OFFICER}",
        f"GRANT {OFFICER} TO {ADMIN}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {VIEWER}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE "
        f"ON TABLES TO {OFFICER}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES "
        f"TO {OFFICER}",
    ]
    for statement in statements:
        conn.execute(text(statement))


def init_server(url: str) -> list[str]:
    """Create (or bring up to date) the schema and the roles on an office server, as its
    owner. Safe to run again. Returns what was done, in words."""
    if not _is_server(url):
        raise DatabaseError(messages.OFFICE_NEEDS_POSTGRES)
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
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for role, words in ROLES.items():
                exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                      {"r": role}).scalar()
                if not exists:
                    conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
                    done.append(f"已建立角色 {role}（{words}）。")
            conn.execute(text(f"ALTER ROLE {ADMIN} CREATEROLE"))
            _grant(conn)
            done.append("已設定各角色的權限；異動紀錄只能新增。")
    finally:
        engine.dispose()
    return done


def regrant_if_office(url: str) -> None:
    """After a restore replaced the schema: give the office roles their rights again."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname IN "
                                 f"('{OFFICER}', '{VIEWER}', '{ADMIN}')")).scalar() == 3:
                _grant(conn)
    finally:
        engine.dispose()


def add_login(url: str, login: str, password: str, role: str) -> None:
    """A PostgreSQL login for one officer, member of `role`."""
    if role not in ROLES:
        raise ValidationError.single("role", f"角色應為 {', '.join(ROLES)} 之一。")
    if not _LOGIN.match(login):
        raise ValidationError.single("login", "帳號請用小寫英文字母開頭，只含小寫英文、數字與底線（2–41 字）。")
    if len(password) < 10:
        raise ValidationError.single("password", "密碼至少 10 個字元。")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            quoted = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar()
            conn.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD {quoted} IN ROLE {role}"))
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Access:
    """Who the database says we are, and whether we may write."""

    login: str
    can_write: bool


def access(conn: Connection) -> Access:
    """The signed-in login and whether it may change records (viewers may not)."""
    if conn.dialect.name != "postgresql":
        return Access("", True)
    login = conn.execute(text("SELECT current_user")).scalar() or ""
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
