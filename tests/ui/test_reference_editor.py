"""Settings → 寄存圖書館與展售門市: stores can be added, renamed and deactivated (issue 13: stores
could not be added at all); a deactivated store leaves new consignment lists but keeps its history."""

from __future__ import annotations

from app.services.consignment import store_choices
from app.services.reference import list_stores


def test_the_officer_adds_renames_and_deactivates_a_store(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    window.show_page("settings")
    editor = window.settings_page.reference.stores
    editor.new()
    editor.edits["name"].setText("國家書店新門市")
    editor.edits["address"].setText("臺北市中山區松江路209號")
    editor.save()
    with db.session() as session:
        names = {data.name: store_id for store_id, data, _v in list_stores(session)}
        assert "國家書店新門市" in names
        assert names["國家書店新門市"] in [c[0] for c in store_choices(session)]
    row = next(r for r in range(editor.table.rowCount())
               if editor.table.item(r, 0).text() == "國家書店新門市")
    editor.table.setCurrentCell(row, 0)
    editor.edits["name"].setText("國家書店松江二店")
    editor.edits["active"].setChecked(False)
    editor.save()
    with db.session() as session:
        stores = {store_id: data for store_id, data, _v in list_stores(session)}
        renamed = stores[names["國家書店新門市"]]
        assert renamed.name == "國家書店松江二店"
        assert not renamed.active
        assert names["國家書店新門市"] not in [c[0] for c in store_choices(session)]
    editor.new()
    editor.save()
    assert "請填寫門市名稱" in editor.error.text()


def test_saving_the_same_form_twice_is_not_a_conflict_with_oneself(  # type: ignore[no-untyped-def]
        make_window, monkeypatch) -> None:
    """After a save the form goes on from the version that save made: a second save of the
    same store (without clicking it again) is not refused as "changed elsewhere"."""
    window, db, _ = make_window()
    editor = window.settings_page.reference.stores
    refusals: list[object] = []
    monkeypatch.setattr("ui.pages.reference_editor.offer_reload",
                        lambda _parent, exc: refusals.append(exc) or False)
    editor.table.setCurrentCell(0, 0)
    assert editor.loaded is not None
    store_id = editor.loaded[0]
    editor.edits["phone"].setText("(02)2518-0207")
    editor.save()
    editor.edits["phone"].setText("(02)2518-0208")
    editor.save()
    assert refusals == []
    with db.session() as session:
        stored = {i: data for i, data, _v in list_stores(session)}[store_id]
    assert stored.phone == "(02)2518-0208"
    assert editor.loaded is not None
    assert editor.loaded[0] == store_id
