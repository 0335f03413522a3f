"""Shared fixtures: every test gets its own data directory and database, never the real
profile. Tests under tests/app are marked `app`, under tests/ui `gui`."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db import Database, open_database
from app.paths import Locations, resolve_locations
from app.services.units import UnitData, save_unit

OFFSCREEN_SCREEN = {
    "synchronousWindowSystemEvents": False, "windowFrameMargins": False,
    "screens": [{"name": "Office", "x": 0, "y": 0, "width": 1920, "height": 1080,
                 "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
}


def pytest_configure(config: pytest.Config) -> None:
    """GUI tests run offscreen on a 1920×1080 screen, like an office monitor (the offscreen
    default is 800×600, smaller than the window's minimum size)."""
    import json
    import os
    import tempfile

    if "PUBDESK_VIRUS_SCANNER" not in os.environ:
        # Verdicts must not depend on this PC's scanner: a stand-in clamscan answers
        # (tests.fake_scanner); tests/app/test_virus_scan.py runs the real ClamAV.
        from tests.fake_scanner import install

        scanner = install(Path(tempfile.mkdtemp(prefix="pubdesk-scanner-")))
        os.environ["PUBDESK_VIRUS_SCANNER"] = str(scanner)
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen" and \
            not os.environ.get("DISPLAY"):
        screen = Path(tempfile.mkdtemp(prefix="pubdesk-qpa-")) / "offscreen.json"
        screen.write_text(json.dumps(OFFSCREEN_SCREEN))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen.as_posix()}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept, dropped = [], []
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "app" in parts:
            item.add_marker(pytest.mark.app)
        if "ui" in parts:
            item.add_marker(pytest.mark.gui)
        on_postgres = getattr(item, "callspec", None) and \
            item.callspec.params.get("locations") == "postgresql"
        (dropped if on_postgres and item.get_closest_marker("sqlite_only") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Core tests that use a workspace run on both backends: SQLite (the officer's file) and
    PostgreSQL (the office server, when `dev.py test` could start one). Tests that are about
    SQLite files by nature are marked `sqlite_only`."""
    if "locations" not in metafunc.fixturenames:
        return
    backends = ["sqlite"]
    if "app" in Path(str(metafunc.definition.fspath)).parts:
        backends.append("postgresql")
    metafunc.parametrize("locations", backends, indirect=True)


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A database migrated and seeded once; each test gets a copy (CREATE DATABASE … TEMPLATE)."""
    server = os.environ.get("PUBDESK_TEST_POSTGRES")
    if not server:
        pytest.skip("no PostgreSQL server (dev.py test starts one when postgresql is installed)")
    from tests.postgres import create_database, drop_database

    url = create_database(server, "pubdesk_template")
    folder = Path(tempfile.mkdtemp(prefix="pubdesk-pg-template-"))
    open_database(resolve_locations(folder, database_url=url, environ={})).dispose()
    yield url
    drop_database(server, "pubdesk_template")


@pytest.fixture
def locations(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Locations]:
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        yield resolve_locations(tmp_path / "data", environ={})
        return
    from tests.postgres import fresh_database

    with fresh_database(request.getfixturevalue("postgres_template")) as url:
        yield resolve_locations(tmp_path / "data", database_url=url, environ={})


@pytest.fixture
def db(locations: Locations) -> Iterator[Database]:
    database = open_database(locations)
    yield database
    database.dispose()


@pytest.fixture
def unit_id(db: Database) -> int:
    with db.session() as session:
        return save_unit(session, UnitData(
            full_name="經濟部產業發展署", short_name="產發署", postcode="100",
            address="臺北市中正區福州街15號", phone="(02)2321-2200", fax="(02)2357-7000",
            email="service@ida.gov.tw", website="https://www.ida.gov.tw", doc_code="產發"))
