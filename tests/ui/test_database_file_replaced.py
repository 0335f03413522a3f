"""A database file replaced while the window is open (issue 28, item 6): the save is refused
with words, nothing reaches the new file, and the window opens it again and shows its data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import open_database
from app.models import Publication
from app.paths import resolve_locations
from app.services.units import UnitData, save_unit
from tests.app.factories import add_book
from tests.ui.conftest import commit_text


def _foreign_database(tmp_path: Path) -> Path:
    locations = resolve_locations(tmp_path / "other-office", environ={})
    other = open_database(locations)
    with other.session() as session:
        unit = save_unit(session, UnitData("經濟部標準檢驗局"))
    add_book(other, unit, "另一個辦公室的書")
    other.dispose()
    copy = tmp_path / "foreign.sqlite3"
    shutil.copyfile(locations.data_dir / "pubdesk.sqlite3", copy)
    return copy


def _titles_shown(window) -> set[str]:  # type: ignore[no-untyped-def]
    model = window.publications.model
    return {str(model.index(row, 0).data()) for row in range(model.rowCount())}


@pytest.mark.parametrize("how", ["moved into place", "copied over in place"])
def test_a_save_into_a_replaced_file_is_refused_and_the_window_shows_the_new_file(  # type: ignore[no-untyped-def]
        make_window, qtbot, modal_dialogs, tmp_path: Path, how: str) -> None:
    window, db, locations = make_window()
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部產業發展署"))
    add_book(db, unit, "我們的書")
    window.hub.announce("publishing_units")
    window.hub.announce("publications")
    window.show_page("publications")
    page = window.publications
    qtbot.waitUntil(lambda: "我們的書" in _titles_shown(window), timeout=10_000)
    with db.session() as session:
        ours = session.scalar(select(Publication.id))
    assert ours is not None
    page.open_publication(ours)
    page.form.title.clear()
    commit_text(page.form.title, "改過的書名")

    foreign = _foreign_database(tmp_path)
    target = locations.data_dir / "pubdesk.sqlite3"
    if how == "moved into place":
        shutil.copyfile(foreign, tmp_path / "sync.tmp")
        os.replace(tmp_path / "sync.tmp", target)
    else:
        shutil.copyfile(foreign, target)
    expected = foreign.read_bytes()

    assert page.save() is False
    assert target.read_bytes() == expected  # nothing of the save reached the new file
    said = [text for kind, text in modal_dialogs if kind == "warning"]
    assert said
    assert "被其他程式換掉或覆蓋了" in said[-1]
    assert "這次的修改沒有儲存" in said[-1]

    qtbot.waitUntil(lambda: _titles_shown(window) == {"另一個辦公室的書"}, timeout=15_000)
    assert page.current_id is None  # no form keeps a record of the old file
    assert page.form.title.text() == ""
    assert "opened it again" in window.statusBar().currentMessage() or \
        "重新開啟" in window.statusBar().currentMessage()
    kept_said = [text for kind, text in modal_dialogs if kind == "information"]
    if how == "moved into place":  # what the officer had is kept, and said where
        assert kept_said
        assert "-replaced.sqlite3" in kept_said[-1]
    else:
        assert not kept_said

    with db.session() as session:  # the window now saves into the new file
        unit_there = session.scalar(select(Publication.unit_id))
    assert unit_there is not None
    add_book(db, unit_there, "重新開啟後存的書")
    window.hub.announce("publications")
    qtbot.waitUntil(lambda: "重新開啟後存的書" in _titles_shown(window), timeout=10_000)
