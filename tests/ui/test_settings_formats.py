"""Settings → editable documents: the officer's choice reaches every page that writes
documents, and both formats cannot be unticked."""

from __future__ import annotations

from app.documents.editable import EditableFormats


def test_the_formats_chosen_reach_the_pages(make_window) -> None:  # type: ignore[no-untyped-def]
    window, _db, _locations = make_window()
    window.show_page("settings")
    odf, ooxml = window.page("settings").formats.values()
    assert odf.isChecked()
    assert ooxml.isChecked()
    ooxml.setChecked(False)
    assert window.settings.write_ooxml is False
    for key in ("consent", "deposit", "consignment", "numbering", "packages"):
        assert window.page(key).editable_formats() == EditableFormats(odf=True, ooxml=False)
    odf.setChecked(False)  # not both: the other comes back
    assert ooxml.isChecked()
    assert not odf.isChecked()
    assert window.page("consent").editable_formats() == EditableFormats(odf=False, ooxml=True)


def test_the_interface_text_size_is_a_setting_used_at_start(make_window, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont

    from ui.fonts import install_fonts

    window, _db, _locations = make_window()
    window.show_page("settings")
    size = window.page("settings").font_size
    assert size.value() == 0  # the system's size
    size.setValue(14)
    assert window.settings.ui_font_pt == 14
    before = QFont(qapp.font())
    try:
        install_fonts(qapp, window.settings.ui_font_pt)  # what the next start does
        assert qapp.font().pointSizeF() == 14
    finally:
        qapp.setFont(before)
