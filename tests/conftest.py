"""Shared fixtures: every test gets its own data directory and database, never the real
profile. Tests under tests/app are marked `app`, under tests/ui `gui`."""

from __future__ import annotations

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

    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen" and \
            not os.environ.get("DISPLAY"):
        screen = Path(tempfile.mkdtemp(prefix="pubdesk-qpa-")) / "offscreen.json"
        screen.write_text(json.dumps(OFFSCREEN_SCREEN))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen.as_posix()}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "app" in parts:
            item.add_marker(pytest.mark.app)
        if "ui" in parts:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    return resolve_locations(tmp_path / "data", environ={})


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
