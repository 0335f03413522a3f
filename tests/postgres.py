"""Databases on the test PostgreSQL server (see tools/pg_cluster.py and tests/conftest.py)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

_numbers = itertools.count(1)


def _admin(server_url: str):  # type: ignore[no-untyped-def]
    return create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=None)


def create_database(server_url: str, name: str, template: str | None = None) -> str:
    """CREATE DATABASE `name` (a copy of `template`), dropping one left over; returns its URL."""
    engine = _admin(server_url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            copy = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    finally:
        engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, name: str) -> None:
    engine = _admin(server_url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@contextmanager
def fresh_database(template_url: str) -> Iterator[str]:
    """A database of its own for one test, copied from the migrated, seeded template."""
    server = os.environ["PUBDESK_TEST_POSTGRES"]
    name = f"pubdesk_test_{os.getpid()}_{next(_numbers)}"
    url = create_database(server, name, template=make_url(template_url).database)
    try:
        yield url
    finally:
        drop_database(server, name)
