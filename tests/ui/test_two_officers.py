"""Two windows (two officers' PCs) on one database: the later save of an older view is refused
with who and when, the officer is offered a reload, and the earlier save survives."""

from __future__ import annotations

import pytest

from app.db import Database
from app.db.engine import make_engine
from app.services.toc_service import get_toc
from app.toc import TocLine
from tests.app.factories import add_book


def test_a_toc_saved_in_another_window_is_not_overwritten(  # type: ignore[no-untyped-def]
        make_window, monkeypatch: pytest.MonkeyPatch, unit_id_for) -> None:
    window_a, db, _ = make_window()
    pub_id = add_book(db, unit_id_for(db))
    window_a.hub.announce("publications")
    window_b, _, _ = make_window()
    other = Database(db.url, make_engine(db.url), data_dir=db.data_dir, user="陳志明")
    window_b.publications.db = other
    try:
        page_a, page_b = window_a.publications, window_b.publications
        page_a.open_publication(pub_id)
        page_b.open_publication(pub_id)
        page_b.toc_editor.set_lines([TocLine(1, "第一章 緒論")])
        page_b._save_toc(page_b.toc_editor.lines)
        offered: list[str] = []

        def reload_chosen(_parent: object, exc: Exception) -> bool:
            offered.append(str(exc))
            return True

        monkeypatch.setattr("ui.pages.publications.page.offer_reload", reload_chosen)
        page_a._save_toc([TocLine(1, "第一章 總論"), TocLine(1, "第二章")])
        assert offered
        assert "陳志明" in offered[0]
        with db.session() as session:
            assert [line.title for line in get_toc(session, pub_id)] == ["第一章 緒論"]
        assert [line.title for line in page_a.toc_editor.lines] == ["第一章 緒論"], "reloaded"
        page_a._save_toc([TocLine(1, "第一章 緒論"), TocLine(1, "第二章")])
        with db.session() as session:
            assert len(get_toc(session, pub_id)) == 2, "after the reload the save goes through"
    finally:
        other.dispose()


@pytest.fixture
def unit_id_for():  # type: ignore[no-untyped-def]
    from app.services.units import UnitData, list_units, save_unit

    def make(db: Database) -> int:
        with db.session() as session:
            units = list_units(session)
            if units:
                return units[0][0]
            return save_unit(session, UnitData(full_name="經濟部產業發展署", doc_code="產發"))
    return make


def test_a_damaged_database_at_start_is_said_and_left_as_it_is(  # type: ignore[no-untyped-def]
        tmp_path, modal_dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.db import open_database
    from app.paths import resolve_locations
    from ui.main import open_workspace

    locations = resolve_locations(tmp_path / "ws", environ={})
    open_database(locations).dispose()
    path = locations.data_dir / "pubdesk.sqlite3"
    damaged = bytearray(path.read_bytes())
    for index in range(100, len(damaged), 7):
        damaged[index] = 0xAB
    path.write_bytes(bytes(damaged))
    assert open_workspace(locations) is None, "the officer chose Quit"
    assert any("已損壞" in text for _kind, text in modal_dialogs)
    assert path.read_bytes() == bytes(damaged)

    chosen: list[str] = []
    monkeypatch.setattr("ui.main._restore_over_broken",
                        lambda exc, where: chosen.append(exc.message) or False)
    assert open_workspace(locations) is None
    assert chosen, "a damaged file offers a restore, not only a message"


def test_store_terms_saved_elsewhere_offer_a_reload(  # type: ignore[no-untyped-def]
        make_window, monkeypatch: pytest.MonkeyPatch) -> None:
    from decimal import Decimal

    from app.services.consignment import StoreTerms, save_store_terms, store_version

    window, db, _ = make_window()
    page = window.consignment
    store_id = page.store_id()
    assert store_id is not None
    with db.session() as session:  # another officer, after this page loaded the store
        save_store_terms(session, store_id, StoreTerms("陳志明", Decimal(30), 3),
                         expected_version=store_version(session, store_id))
    offered: list[str] = []
    monkeypatch.setattr("ui.pages.common.offer_reload",
                        lambda _parent, exc: offered.append(exc.message) or True)
    page.terms_contact.setText("林怡君")
    page.save_terms()
    assert offered, "the older form is not saved over the other officer's terms"
    assert page.terms_contact.text() == "陳志明", "reloaded"
    page.terms_contact.setText("林怡君")
    page.save_terms()
    with db.session() as session:
        from app.models import SalesStore

        assert session.get(SalesStore, store_id).contact == "林怡君"  # type: ignore[union-attr]
